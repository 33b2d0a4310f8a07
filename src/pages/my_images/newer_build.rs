//! Which build each owned image is, and "Build 20251124 is out (you have
//! 20250412)" when a newer build of it is out, with the way to get it.
//!
//! Requests for a page of My images, sent together: one list request for
//! the newest builds of each image on it (one for all the builds of one
//! image), the details of each owned build (which alone carry its serial),
//! and the details of each newer build found: at most three per row, all
//! through the response cache that the images' pages share.

use futures::future::join_all;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::UserImage;
use crate::format::{buy_button_text, image_label, is_free};
use crate::hooks::{use_api_resource, ApiResource};
use crate::routes;
use crate::state::builds::{read_builds, NewerBuild};
use crate::state::image_family::{added_later, is_later_serial, Lineage};
use crate::state::pending_action::{self, Intent};
use crate::state::{ApiContext, Library};

use super::style;

/// What My images says of an owned build.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OwnedBuild {
    /// Its serial, when its details could be read.
    pub serial: Option<String>,
    /// The newest build of the image, when it is a later one.
    pub newer: Option<NewerBuild>,
}

/// What was found for a page of owned images, by owned image id.
pub type OwnedBuilds = Vec<(String, OwnedBuild)>;

/// The builds of the images in `owned` (see the module's requests). An
/// image whose builds or details could not be read says less.
pub fn use_owned_builds(owned: Memo<Vec<UserImage>>) -> ApiResource<Vec<UserImage>, OwnedBuilds> {
    let api = expect_context::<ApiContext>();
    // Through the prefetch, so that an image's page, opened meanwhile,
    // shares the request instead of sending its own.
    let details = move |id: String| {
        api.prefetch_detail(id.clone());
        api.image_detail(id, None)
    };
    use_api_resource(
        move || owned.get(),
        move |owned, abort| async move {
            // Each image once, however many of its builds are owned.
            let mut images: Vec<(Lineage, &str)> = Vec::new();
            for image in &owned {
                let lineage = Lineage::of_owned(image);
                if !images.iter().any(|(known, _)| *known == lineage) {
                    images.push((lineage, image.alias.as_str()));
                }
            }
            let newest = join_all(images.iter().map(|(lineage, alias)| {
                let abort = abort.clone();
                async move {
                    let builds = read_builds(api, lineage, alias, 1, abort).await;
                    (
                        lineage.clone(),
                        builds.ok().and_then(|b| b.newest().cloned()),
                    )
                }
            }))
            .await;
            let rows = owned.iter().map(|image| {
                let lineage = Lineage::of_owned(image);
                let newest = newest
                    .iter()
                    .find(|(known, _)| *known == lineage)
                    .and_then(|(_, newest)| newest.clone());
                let this = details(image.id.clone());
                async move {
                    let this = this.await.ok();
                    let serial = this.as_ref().and_then(|d| d.serial.clone());
                    let newer = match (newest, &this) {
                        (Some(newest), Some(this))
                            if newest.id != this.id && added_later(&newest, this) =>
                        {
                            let newest_serial = details(newest.id.clone()).await.ok().and_then(|d| d.serial);
                            // A later date with an earlier serial is a rebuild, not a newer build.
                            let earlier = matches!((&newest_serial, &serial), (Some(n), Some(o)) if !is_later_serial(n, o));
                            (!earlier).then_some(NewerBuild {
                                image: newest,
                                serial: newest_serial,
                            })
                        }
                        _ => None,
                    };
                    (image.id.clone(), OwnedBuild { serial, newer })
                }
            });
            Ok(join_all(rows).await.into_iter().collect())
        },
    )
}

/// The line under an owned image that says a newer build is out, with
/// Import or Buy; nothing once the user owns that build too.
#[component]
pub fn NewerBuildNotice(
    /// The newer build.
    newer: NewerBuild,
    /// The serial of the build the user has, when known.
    owned_serial: Option<String>,
) -> impl IntoView {
    let library = expect_context::<Library>();
    let navigate = use_navigate();
    let what = match (&newer.serial, &owned_serial) {
        (Some(serial), Some(owned)) => format!("Build {serial} is out (you have {owned})"),
        _ => format!("A newer build is out: {}", newer.name()),
    };
    let which = format!(" {}", newer.name());
    let NewerBuild { image, .. } = newer;
    let id = image.id.clone();
    let not_owned = move || library.owns(&id) == Some(false);
    let free = is_free(image.price);
    let action = if free {
        "Import".to_string()
    } else {
        buy_button_text(image.price)
    };
    let intent = if free { Intent::Import } else { Intent::Buy };
    let href = routes::image_href(&image.id);
    let label = image_label(&image.alias, &image.architecture);
    let id = image.id.clone();
    // The new build's page carries the action out (a purchase as far as
    // its confirmation), as it does after a sign-in.
    let get_it = move |ev: leptos::ev::MouseEvent| {
        if routes::is_plain_click(&ev) {
            ev.prevent_default();
            pending_action::remember(&id, &label, intent);
            navigate(&routes::image_href(&id), routes::to_page());
        }
    };
    move || {
        not_owned().then(|| {
            view! {
                <p class=style::newer>
                    <span>{what.clone()}</span>
                    <a class="btn btn--secondary btn--small" href=href.clone() on:click=get_it.clone()>
                        {action.clone()}
                        <span class="visually-hidden">{which.clone()}</span>
                    </a>
                </p>
            }
        })
    }
}
