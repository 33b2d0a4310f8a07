//! My images (`/my-images`): what the user imported or bought, with their own
//! rating; paged and sorted by when it was added, both in the URL.

mod newer_build;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::{ApiError, ListUserImages, SortOrder, UserImage, UserImageList, UserSortBy};
use crate::components::image_icon::ImageIcon;
use crate::components::image_rating::ImageRating;
use crate::components::name::BreakableName;
use crate::components::pager::Pager;
use crate::components::status::{ErrorPanel, ProgressBar, SignInPrompt};
use crate::format::{format_price, image_label, os_label, plural, showing_line};
use crate::hooks::document_title::use_title;
use crate::hooks::{use_own_query, RequestCanceller};
use crate::routes;
use crate::state::{ApiContext, Session};

use newer_build::{use_newer_builds, NewerBuild, NewerBuildNotice};

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
    let canceller = RequestCanceller::new(move || (view_state.get(), token.get()));
    let list = LocalResource::new(move || {
        let view = view_state.get();
        let (page, oldest_first) = view;
        api.user_images(
            ListUserImages {
                page: Some(page),
                limit: Some(PAGE_SIZE),
                sort_by: Some(UserSortBy::CreatedAt),
                sort_order: Some(if oldest_first {
                    SortOrder::Asc
                } else {
                    SortOrder::Desc
                }),
            },
            canceller.signal((view, token.get())),
        )
    });
    // Newer builds are looked for once the page's images are in; read
    // through a memo made here, outside the Transition, so that looking for
    // them never holds the list back.
    let owned_on_page = Memo::new(move |_| {
        list.get()
            .and_then(Result::ok)
            .map(|list| list.images)
            .unwrap_or_default()
    });
    let looked_up = use_newer_builds(owned_on_page);
    let newer_builds = Memo::new(move |_| looked_up.get());
    let newer_build_of = move |id: &str| {
        newer_builds.with(|builds| builds.as_ref().and_then(|b| b.found.get(id).cloned()))
    };
    // Whether every image on the page has been looked at, so that the
    // notices shown are complete (said on the list, for tests).
    let newer_builds_checked = move || {
        newer_builds.with(|builds| {
            builds.as_ref().is_some_and(|builds| {
                owned_on_page.with(|owned| {
                    builds.looked_at.len() == owned.len()
                        && owned
                            .iter()
                            .zip(&builds.looked_at)
                            .all(|(o, id)| o.id == *id)
                })
            })
        })
    };
    let pending = RwSignal::new(false);
    let shown_list = move || {
        list.with(|result| {
            result
                .as_ref()
                .and_then(|r| r.as_ref().ok())
                .map(|l| l.pagination)
        })
    };

    let on_sort = move |ev: leptos::ev::Event| {
        let oldest_first = event_target_value(&ev) == "asc";
        navigate(&routes::my_images_href(1, oldest_first), routes::to_view());
    };
    let status = move || {
        list.with(|result| match result {
            None => "Loading your images…".to_string(),
            Some(_) if pending.get() => "Updating…".to_string(),
            // A cancelled request makes way for the one after it.
            Some(Err(ApiError::Aborted)) => "Updating…".to_string(),
            Some(Ok(list)) => list_summary(list),
            Some(Err(_)) => "Your images could not be loaded".to_string(),
        })
    };
    // Read inside the Transition, so that it knows when a page is on its
    // way; the view is rebuilt when it has arrived, not before.
    let shown = move || {
        list.get().map(|result| {
            match result {
                Err(ApiError::Aborted) => view! { <PlaceholderRows /> }.into_any(),
                Err(err) => view! {
                    <ErrorPanel
                        title="Could not load your images"
                        message=err.user_message()
                        on_retry=Callback::new(move |_| list.refetch())
                    />
                }
                .into_any(),
                Ok(data) if data.images.is_empty() && data.pagination.total > 0 => {
                    let last = data.pagination.total_pages.max(1);
                    view! {
                        <div class=style::empty>
                            <h2>"This page is past the end"</h2>
                            <a class="btn btn--primary" href=routes::my_images_href(last, view_state.get_untracked().1)>
                                {format!("Go to page {last}")}
                            </a>
                        </div>
                    }
                    .into_any()
                }
                Ok(data) if data.images.is_empty() => view! {
                    <div class=style::empty>
                        <h2>"No images yet"</h2>
                        <p>"Import a free image or buy one from the catalog, and it will appear here."</p>
                        <a class="btn btn--primary" href=routes::catalog_root()>"Browse the catalog"</a>
                    </div>
                }
                .into_any(),
                Ok(data) => view! {
                    <ul
                        class=move || if pending.get() { format!("{} {}", style::list, style::stale) } else { style::list.to_string() }
                        data-newer-builds=move || if newer_builds_checked() { "checked" } else { "checking" }
                    >
                        {data.images.into_iter().map(|image| {
                            let id = image.id.clone();
                            view! { <OwnedImageRow image newer=Signal::derive(move || newer_build_of(&id)) /> }
                        }).collect_view()}
                    </ul>
                }
                .into_any(),
            }
        })
    };

    view! {
        <div class=style::toolbar>
            <p class=style::count role="status" aria-live="polite">
                {status}
            </p>
            // Nothing to sort in an empty library; hidden, not removed, so
            // that the page does not move when the list arrives.
            <label class=move || {
                if shown_list().is_some_and(|p| p.total == 0) {
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
        <ProgressBar active=Signal::derive(move || pending.get() && list.with(Option::is_some)) />
        <Transition fallback=|| view! { <PlaceholderRows /> } set_pending=pending.write_only()>
            {shown}
        </Transition>
        <Pager
            label="My images pages"
            current=Signal::derive(move || shown_list().map_or(1, |p| p.page))
            total_pages=Signal::derive(move || shown_list().map_or(0, |p| p.total_pages))
            href_for=Callback::new(move |page: u32| routes::my_images_href(page, view_state.get_untracked().1))
        />
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
                        <span class=style::placeholder_icon></span>
                        <span class=style::placeholder_line></span>
                    </li>
                })
                .collect_view()}
        </ul>
    }
}

#[component]
fn OwnedImageRow(
    image: UserImage,
    /// A newer build of the image, once looked for.
    newer: Signal<Option<NewerBuild>>,
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
                    {(!image.release.is_empty()).then(|| format!(" · {}", image.release))}
                </p>
                {move || newer.get().map(|newer| view! { <NewerBuildNotice newer /> })}
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
