//! My images (`/my-images`): what the user imported or bought, with their own
//! rating; paged and sorted by when it was added, both in the URL.

mod newer_build;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::{ListUserImages, SortOrder, UserImage, UserImageList, UserSortBy};
use crate::components::image_icon::ImageIcon;
use crate::components::image_rating::ImageRating;
use crate::components::list_frame::ListFrame;
use crate::components::name::BreakableName;
use crate::components::status::SignInPrompt;
use crate::format::{
    format_money_cents, format_price, image_label, os_label, plural, release_label, showing_line,
};
use crate::hooks::document_title::use_title;
use crate::hooks::{use_api_resource, use_own_query};
use crate::routes;
use crate::state::{ApiContext, Session};

use newer_build::{use_owned_builds, NewerBuildNotice, OwnedBuild};

stylance::import_crate_style!(style, "src/pages/my_images/my_images.module.css");

/// Images per page.
const PAGE_SIZE: u32 = 20;

/// The My images page.
#[component]
pub fn MyImagesPage() -> impl IntoView {
    let session = expect_context::<Session>();
    use_title(|| Some("My images".to_string()));
    view! {
        <div class=style::page>
            <div class=style::head>
                <h1>"My images"</h1>
                <p class=style::subtitle>"Images you imported or bought, ready for your deployments."</p>
                // The account's page: its balance, which a phone's header has no room for.
                {move || session.is_signed_in().then(|| session.balance()).flatten().map(|balance| view! {
                    <p class=style::balance>
                        "Balance: "
                        <strong>{format_money_cents(balance.cents)}</strong>
                        {format!(", reported {}", balance.reported_at())}
                    </p>
                })}
            </div>
            <Show
                when=move || session.is_signed_in()
                fallback=|| view! { <SignInPrompt message="Sign in to see the images you imported or bought." /> }
            >
                <OwnedImages />
            </Show>
        </div>
    }
}

/// What a page of the user's images says above the list.
fn list_summary(list: &UserImageList) -> String {
    showing_line(list.pagination)
        .unwrap_or_else(|| plural(list.pagination.total, "image", "images"))
}

#[component]
fn OwnedImages() -> impl IntoView {
    let api = expect_context::<ApiContext>();
    let session = expect_context::<Session>();
    let navigate = use_navigate();
    let search = use_own_query(routes::is_my_images_path);
    let view_state =
        Memo::new(move |_| search.with(|search| routes::parse_my_images_query(search)));
    let token = session.token_version();
    let list = use_api_resource(
        move || (view_state.get(), token.get()),
        move |((page, oldest_first), _), abort| {
            let request = ListUserImages {
                page: Some(page),
                limit: Some(PAGE_SIZE),
                sort_by: Some(UserSortBy::CreatedAt),
                sort_order: Some(if oldest_first {
                    SortOrder::Asc
                } else {
                    SortOrder::Desc
                }),
            };
            api.user_images(request, abort)
        },
    );
    // Newer builds are looked for once the page's images are in; read
    // through a memo made here, so that looking for them never holds the
    // list back.
    let owned_on_page = Memo::new(move |_| list.ok().map(|list| list.images).unwrap_or_default());
    let owned_builds = use_owned_builds(owned_on_page);

    let shown_paging =
        move || list.with(|answer| answer.and_then(|a| a.result.ok()).map(|l| l.pagination));

    let on_sort = move |ev: leptos::ev::Event| {
        let oldest_first = event_target_value(&ev) == "asc";
        navigate(&routes::my_images_href(1, oldest_first), routes::to_view());
    };
    let status = move || {
        list.with(|answer| match answer {
            None => "Loading your images…".to_string(),
            Some(_) if list.slow() => "Updating…".to_string(),
            Some(answer) => match &answer.result {
                Ok(list) => list_summary(list),
                Err(_) => "Your images could not be loaded".to_string(),
            },
        })
    };
    let rows = move || {
        view! {
            <ul
                class=style::list
                // Whether every image on the page has been looked at, so
                // that the notices shown are complete (for tests).
                data-newer-builds=move || if owned_builds.is_current() { "checked" } else { "checking" }
            >
                {move || owned_on_page.get().into_iter().map(|image| {
                    let id = image.id.clone();
                    // Quietly: looking for builds never holds the list back.
                    let build = Signal::derive(move || {
                        owned_builds.with_quietly(|found| {
                            let found = found?.result.ok()?;
                            found.iter().find(|(owned, _)| *owned == id).map(|(_, build)| build.clone())
                        })
                    });
                    view! { <OwnedImageRow image found=build /> }
                }).collect_view()}
            </ul>
        }
    };

    view! {
        <ListFrame
            data=list
            placeholders=|| view! { <PlaceholderRows /> }
            items=rows
            empty=|| view! {
                <h2>"No images yet"</h2>
                <p>"Import a free image or buy one from the catalog, and it will appear here."</p>
                <a class="btn btn--primary" href=routes::catalog_root()>"Browse the catalog"</a>
            }
            href_for=Callback::new(move |page: u32| routes::my_images_href(page, view_state.get_untracked().1))
            error_title="Could not load your images"
            pager_label="My images pages"
        >
            <div class=style::toolbar>
                <p class=style::count role="status" aria-live="polite">
                    {status}
                </p>
                // Nothing to sort in an empty library; hidden, not removed, so
                // that the page does not move when the list arrives.
                <label class=move || {
                    if shown_paging().is_some_and(|p| p.total == 0) {
                        format!("{} {}", style::control, style::unseen)
                    } else {
                        style::control.to_string()
                    }
                }>
                    <span class=style::control_label>"Sort"</span>
                    <select class="select" on:change=on_sort>
                        <option value="desc" prop:selected=move || !view_state.get().1>"Newest first"</option>
                        <option value="asc" prop:selected=move || view_state.get().1>"Oldest first"</option>
                    </select>
                </label>
            </div>
        </ListFrame>
    }
}

/// Grey rows standing in for the list while its first page loads.
#[component]
fn PlaceholderRows() -> impl IntoView {
    view! {
        <ul class=style::list aria-hidden="true">
            {(0..3)
                .map(|_| view! {
                    <li class=format!("{} {}", style::row, style::placeholder)>
                        <span class=format!("skeleton {}", style::placeholder_icon)></span>
                        <span class=format!("skeleton {}", style::placeholder_line)></span>
                    </li>
                })
                .collect_view()}
        </ul>
    }
}

#[component]
fn OwnedImageRow(
    image: UserImage,
    /// Which build it is, and a newer one, once looked for.
    found: Signal<Option<OwnedBuild>>,
) -> impl IntoView {
    let own_rating = image.own_rating();
    view! {
        <li class=style::row>
            <ImageIcon icon_url=image.icon_url.clone() os=image.os.clone() size=48 />
            <div class=style::info>
                <h2 class=style::title>
                    <a href=routes::image_href(&image.id)>
                        <BreakableName text=image_label(&image.alias, &image.architecture) />
                    </a>
                </h2>
                <p class=style::meta>
                    {format!("{} · {}", os_label(&image.os), image.architecture)}
                    {(!image.release.is_empty()).then(|| format!(" · {}", release_label(&image.release)))}
                    {move || found.with(|b| b.as_ref()?.serial.clone()).map(|serial| format!(" · Build {serial}"))}
                </p>
                {move || found.get().and_then(|build| build.newer.map(|newer| {
                    view! { <NewerBuildNotice newer owned_serial=build.serial /> }
                }))}
            </div>
            <p class=style::cost>
                <span class="visually-hidden">"Cost: "</span>
                {format_price(image.price)}
            </p>
            <div class=style::rating>
                <ImageRating
                    image_id=image.id.clone()
                    current=Signal::derive(move || own_rating)
                    label=format!("Your rating of {}", image_label(&image.alias, &image.architecture))
                />
            </div>
        </li>
    }
}
