//! The image's builds: which build this page is, whether a newer one is
//! out, and the list of the image's builds, newest first.
//!
//! Requests, once the page's details and icon are in: one list request for
//! the image's newest builds (up to `MAX_PAGES_TO_FIND` when builds of other
//! images crowd the first page), one more for each "Show older builds", and,
//! when a newer build is out, that build's details (which alone carry its
//! serial). All through the response cache.

use leptos::prelude::*;

use crate::api::PublicImage;
use crate::components::icons::CheckIcon;
use crate::components::status::ErrorPanel;
use crate::format::{build_label, format_date, format_price, format_rating_summary};
use crate::hooks::{use_api_resource, ApiResource};
use crate::routes;
use crate::state::builds::{read_builds, Builds, NewerBuild};
use crate::state::image_family::{added_later, Lineage};
use crate::state::{ApiContext, Library};

use super::style;

/// The builds of the image a page shows, read once [`ImageBuilds::start`]
/// is called. Cheap to copy.
#[derive(Clone, Copy)]
pub struct ImageBuilds {
    /// Keyed on how many pages of builds to read: none until started.
    list: ApiResource<Option<u32>, Builds>,
    pages: RwSignal<Option<u32>>,
    newer: Memo<Option<PublicImage>>,
    newer_serial: ApiResource<Option<String>, Option<String>>,
}

impl ImageBuilds {
    /// The builds of `image`.
    pub fn new(image: PublicImage) -> Self {
        let api = expect_context::<ApiContext>();
        let pages = RwSignal::new(None::<u32>);
        let lineage = Lineage::of(&image);
        let alias = image.alias.clone();
        let list = use_api_resource(
            move || pages.get(),
            move |pages, abort| {
                let (lineage, alias) = (lineage.clone(), alias.clone());
                async move {
                    match pages {
                        Some(pages) => read_builds(api, &lineage, &alias, pages, abort).await,
                        None => Ok(Builds::default()),
                    }
                }
            },
        );
        let newer = Memo::new(move |_| {
            list.with_quietly(|builds| {
                let newest = builds?.result.ok()?.newest()?;
                (newest.id != image.id && added_later(newest, &image)).then(|| newest.clone())
            })
        });
        let newer_serial = use_api_resource(
            move || newer.with(|newer| newer.as_ref().map(|n| n.id.clone())),
            move |id, abort| async move {
                match id {
                    Some(id) => Ok(api.image_detail(id, abort).await?.serial),
                    None => Ok(None),
                }
            },
        );
        Self {
            list,
            pages,
            newer,
            newer_serial,
        }
    }

    /// Starts reading the builds.
    pub fn start(&self) {
        if self.pages.get_untracked().is_none() {
            self.pages.set(Some(1));
        }
    }

    /// The newer build, when one is out (tracked).
    pub fn newer(&self) -> Option<NewerBuild> {
        let image = self.newer.get()?;
        Some(NewerBuild {
            serial: self.newer_serial.ok().flatten(),
            image,
        })
    }

    /// Whether this is known to be the newest build (tracked).
    pub fn is_latest(&self) -> bool {
        self.list.ok().is_some_and(|b| !b.builds.is_empty()) && self.newer.with(Option::is_none)
    }
}

/// "Build 20251124 · Latest build", and below it, when a newer build is
/// out, a notice with the way to it.
#[component]
pub fn BuildStatus(
    /// The image shown.
    image: PublicImage,
    /// Its serial, once its details are in.
    #[prop(into)]
    serial: Signal<Option<String>>,
    builds: ImageBuilds,
) -> impl IntoView {
    let added = image.added_date.clone();
    let label = move || build_label(serial.get().as_deref(), added.as_deref());
    view! {
        <p class=style::build_line>
            <span>{label}</span>
            {move || builds.is_latest().then(|| view! {
                <span class=style::latest>"Latest build"</span>
            })}
        </p>
        {move || builds.newer().map(|newer| view! {
            <p class=style::newer_build role="status">
                <span>{format!("A newer build of this image is out: {}.", newer.described())}</span>
                <a href=routes::image_href(&newer.image.id)>"See the newest build"</a>
            </p>
        })}
    }
}

/// The image's builds, newest first, each a link, with "Show older builds".
#[component]
pub fn BuildList(
    /// The image shown.
    image_id: String,
    builds: ImageBuilds,
) -> impl IntoView {
    let library = expect_context::<Library>();
    let rows = move || {
        builds.list.with_quietly(|loaded| {
            let builds = loaded?.result.ok()?;
            let rows = builds.builds.iter().map(|build| {
                let this = build.id == image_id;
                let owned = library.owns(&build.id) == Some(true);
                let date = build.added_date.as_deref().and_then(format_date);
                view! {
                    <li>
                        <a href=routes::image_href(&build.id) aria-current=this.then_some("page")>
                            {date.map_or_else(|| "Build".to_string(), |date| format!("Build of {date}"))}
                        </a>
                        <span>{format_price(build.price)}</span>
                        <span>{format_rating_summary(build.average_rating, build.rating_count)}</span>
                        <span class=style::build_mark>
                            {if owned {
                                Some(view! { <span class=style::owned_mark><CheckIcon />"owned"</span> }.into_any())
                            } else if this {
                                Some(view! { <span>"this build"</span> }.into_any())
                            } else {
                                None
                            }}
                        </span>
                    </li>
                }
            });
            Some(rows.collect_view())
        })
    };
    let loading = move || builds.list.pending().then_some("Loading builds…");
    let failure = move || {
        let failed = builds
            .list
            .with_quietly(|l| l?.result.err().map(|e| e.user_message()));
        failed.filter(|_| !builds.list.pending())
    };
    let more = move || builds.list.ok().is_some_and(|b| b.more) && !builds.list.pending();
    view! {
        <ol class=style::builds>{rows}</ol>
        <p class=style::builds_state role="status">{loading}</p>
        {move || failure().map(|message| view! {
            <ErrorPanel
                title="Could not load the builds"
                message
                on_retry=Callback::new(move |_| builds.list.retry())
            />
        })}
        {move || more().then(|| view! {
            <button
                type="button"
                class="btn btn--secondary btn--small"
                on:click=move |_| builds.pages.update(|p| *p = Some(p.unwrap_or(1) + 1))
            >
                "Show older builds"
            </button>
        })}
    }
}
