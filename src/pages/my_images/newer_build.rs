//! "Build 20251124 is out (you have 20250412)": for each image the user owns
//! on the page, the newest public build of the same image and architecture,
//! when its serial is later, with the way to get it.

use futures::future::join_all;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use std::collections::{BTreeSet, HashMap};

use crate::api::{PublicImage, UserImage};
use crate::format::{buy_button_text, image_label, is_free};
use crate::hooks::{use_api_resource, ApiResource};
use crate::routes;
use crate::state::image_family::{is_later_serial, newest_other_build, same_os_request};
use crate::state::pending_action::{self, Intent};
use crate::state::{ApiContext, Library};

use super::style;

/// A newer build of an owned image: the image, and both serials.
#[derive(Debug, Clone, PartialEq)]
pub struct NewerBuild {
    pub image: PublicImage,
    pub serial: String,
    pub owned_serial: String,
}

/// The newer builds found for a page of owned images, by owned image id.
pub type NewerBuilds = HashMap<String, NewerBuild>;

/// The newer builds of the images in `owned`: one list request per OS,
/// then, for each owned image that has another build, the details of both
/// (which alone carry the serials), all images at once. An image whose
/// newer build could not be read is left out.
pub fn use_newer_builds(owned: Memo<Vec<UserImage>>) -> ApiResource<Vec<UserImage>, NewerBuilds> {
    let api = expect_context::<ApiContext>();
    // Through the prefetch, so that the image's page, opened meanwhile,
    // shares the request instead of sending its own.
    let details = move |id: String| {
        api.prefetch_detail(id.clone());
        api.image_detail(id, None)
    };
    use_api_resource(
        move || owned.get(),
        move |owned, abort| async move {
            let oses: BTreeSet<&str> = owned.iter().map(|image| image.os.as_str()).collect();
            let lists = join_all(
                oses.into_iter()
                    .map(|os| api.list_public(same_os_request(os), abort.clone())),
            )
            .await;
            let same_os: Vec<PublicImage> = lists
                .into_iter()
                .filter_map(Result::ok)
                .flat_map(|list| list.images)
                .collect();
            let lookups = owned.iter().filter_map(|image| {
                let candidate = newest_other_build(image, &same_os)?.clone();
                let both =
                    futures::future::join(details(candidate.id.clone()), details(image.id.clone()));
                Some(async move {
                    let (candidate_details, owned_details) = both.await;
                    let serial = candidate_details.ok()?.serial?;
                    let owned_serial = owned_details.ok()?.serial?;
                    is_later_serial(&serial, &owned_serial).then(|| {
                        let newer = NewerBuild {
                            image: candidate,
                            serial,
                            owned_serial,
                        };
                        (image.id.clone(), newer)
                    })
                })
            });
            Ok(join_all(lookups).await.into_iter().flatten().collect())
        },
    )
}

/// The line under an owned image that says a newer build is out, with
/// Import or Buy; nothing once the user owns that build too.
#[component]
pub fn NewerBuildNotice(newer: NewerBuild) -> impl IntoView {
    let library = expect_context::<Library>();
    let navigate = use_navigate();
    let NewerBuild {
        image,
        serial,
        owned_serial,
    } = newer;
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
                    <span>{format!("Build {serial} is out (you have {owned_serial})")}</span>
                    <a class="btn btn--secondary btn--small" href=href.clone() on:click=get_it.clone()>
                        {action.clone()}
                        <span class="visually-hidden">{format!(" build {serial}")}</span>
                    </a>
                </p>
            }
        })
    }
}
