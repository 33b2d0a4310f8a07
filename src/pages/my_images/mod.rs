//! My images (`/my-images`): what the user imported or bought, with their own
//! rating; paged and sorted by when it was added, both in the URL.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_url};

use crate::api::{Endpoint, ListUserImages, SortOrder, UserImage, UserImageList, UserSortBy};
use crate::catalog_query::os_label;
use crate::components::image_icon::ImageIcon;
use crate::components::pager::Pager;
use crate::components::rate_image::RateImage;
use crate::components::status::{ErrorPanel, ProgressBar, SignInPrompt};
use crate::document_title::set_title;
use crate::format::{format_price, plural};
use crate::hooks::LatestFetch;
use crate::pagination::item_range;
use crate::routes;
use crate::state::{ApiContext, Session};

stylance::import_crate_style!(style, "src/pages/my_images/my_images.module.css");

/// Images per page.
const PAGE_SIZE: u32 = 20;

/// The My images page.
#[component]
pub fn MyImagesPage() -> impl IntoView {
    let session = expect_context::<Session>();
    set_title(Some("My images"));
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

#[component]
fn OwnedImages() -> impl IntoView {
    let api = expect_context::<ApiContext>();
    let session = expect_context::<Session>();
    // This page's own URL, which stops following the location once it
    // moves to another route.
    let url = use_url();
    let navigate = use_navigate();
    let state = Memo::new(move |_| url.with(|url| routes::parse_my_images_query(url.search())));
    let list = LatestFetch::<UserImageList>::new();

    let load = move || {
        let (page, oldest_first) = state.get_untracked();
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
        list.start(request.path_and_query(), move |abort| {
            api.send(&request, abort)
        });
    };
    load();
    let token = session.token_version();
    Effect::new(move |previous: Option<()>| {
        state.track();
        token.track();
        if previous.is_some() {
            load();
        }
    });

    let on_sort = move |ev: leptos::ev::Event| {
        let oldest_first = event_target_value(&ev) == "asc";
        navigate(
            &routes::my_images_href(1, oldest_first),
            routes::nav(false, false),
        );
    };

    let summary = move || {
        list.data.with(|d| {
            d.as_ref().map(|l| {
                let p = l.pagination;
                match item_range(p.page, p.limit, p.total) {
                    Some((first, last)) => format!(
                        "Showing {first}–{last} of {}",
                        plural(p.total, "image", "images")
                    ),
                    None => plural(p.total, "image", "images"),
                }
            })
        })
    };

    view! {
        <div class=style::toolbar>
            <p class=style::count role="status" aria-live="polite">
                {move || if list.loading.get() && list.data.with(Option::is_none) { Some("Loading your images…".to_string()) } else { summary() }}
            </p>
            <label class=style::control>
                <span class=style::control_label>"Sort"</span>
                <select class="select" on:change=on_sort>
                    <option value="desc" prop:selected=move || !state.get().1>"Newest first"</option>
                    <option value="asc" prop:selected=move || state.get().1>"Oldest first"</option>
                </select>
            </label>
        </div>
        <ProgressBar active=Signal::derive(move || list.loading.get() && list.data.with(Option::is_some)) />
        {move || {
            if let Some(err) = list.error.get() {
                return view! {
                    <ErrorPanel title="Could not load your images" message=err.user_message() on_retry=Callback::new(move |_| load()) />
                }
                    .into_any();
            }
            match list.data.get() {
                None => view! { <p class=style::loading>"Loading your images…"</p> }.into_any(),
                Some(data) if data.images.is_empty() && data.pagination.total > 0 => {
                    let last = data.pagination.total_pages.max(1);
                    view! {
                        <div class=style::empty>
                            <h2>"This page is past the end"</h2>
                            <a class="btn btn--primary" href=routes::my_images_href(last, state.get_untracked().1)>
                                {format!("Go to page {last}")}
                            </a>
                        </div>
                    }
                        .into_any()
                }
                Some(data) if data.images.is_empty() => {
                    view! {
                        <div class=style::empty>
                            <h2>"No images yet"</h2>
                            <p>"Import a free image or buy one from the catalog, and it will appear here."</p>
                            <a class="btn btn--primary" href=routes::catalog_root()>"Browse the catalog"</a>
                        </div>
                    }
                        .into_any()
                }
                Some(data) => {
                    view! {
                        <ul class=move || if list.loading.get() { format!("{} {}", style::list, style::stale) } else { style::list.to_string() }>
                            {data.images.into_iter().map(|image| view! { <OwnedImageRow image=image /> }).collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            }
        }}
        <Pager
            label="My images pages"
            current=Signal::derive(move || list.data.with(|d| d.as_ref().map(|l| l.pagination.page).unwrap_or(1)))
            total_pages=Signal::derive(move || list.data.with(|d| d.as_ref().map(|l| l.pagination.total_pages).unwrap_or(0)))
            href_for=Callback::new(move |page: u32| routes::my_images_href(page, state.get_untracked().1))
        />
    }
}

#[component]
fn OwnedImageRow(image: UserImage) -> impl IntoView {
    let own_rating = image.own_rating();
    view! {
        <li class=style::row>
            <ImageIcon icon_url=image.icon_url.clone() os=image.os.clone() size=48 />
            <div class=style::info>
                <h2 class=style::title>
                    <a href=routes::image_href(&image.id)>{image.alias.clone()}</a>
                </h2>
                <p class=style::meta>
                    {format!("{} · {}", os_label(&image.os), image.architecture)}
                    {(!image.release.is_empty()).then(|| format!(" · {}", image.release))}
                </p>
            </div>
            <p class=style::cost>
                <span class="visually-hidden">"Cost: "</span>
                {format_price(image.price)}
            </p>
            <div class=style::rating>
                <RateImage
                    image_id=image.id.clone()
                    current=Signal::derive(move || own_rating)
                    label=format!("Your rating of {}", image.alias)
                />
            </div>
        </li>
    }
}
