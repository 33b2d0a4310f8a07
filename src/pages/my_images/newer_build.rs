//! "Build 20251124 is out (you have 20250412)": for an image the user owns,
//! the newest public build of the same OS, release, variant and
//! architecture, with the way to get it.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::{ListPublicImages, PublicImage, PublicSortBy, SortOrder, UserImage};
use crate::format::{format_price, image_label, to_cents};
use crate::hooks::RequestCanceller;
use crate::routes;
use crate::state::pending_action::{self, Intent};
use crate::state::{ApiContext, Library};

use super::style;

/// How many images of one OS are read to find newer builds (the API's
/// largest page).
const SAME_OS_LIMIT: u32 = 100;

/// The newest image among `same_os` that is another build of `owned` (same
/// OS, release, variant and architecture) and that the user does not own.
/// Whether its serial is later is known only from the details.
pub fn newest_other_build<'a>(
    owned: &UserImage,
    same_os: &'a [PublicImage],
    owns: impl Fn(&str) -> bool,
) -> Option<&'a PublicImage> {
    same_os
        .iter()
        .filter(|c| {
            c.id != owned.id
                && c.os == owned.os
                && c.release == owned.release
                && c.variant == owned.variant
                && c.architecture == owned.architecture
                && !owns(&c.id)
        })
        .max_by(|a, b| a.added_date.cmp(&b.added_date))
}

/// Whether build serial `candidate` is later than `owned`. Serials are
/// dates (`20250110`), sometimes with a suffix (`20250110.1`): compared as
/// numbers part by part, and never "later" when one is missing.
pub fn is_later_serial(candidate: &str, owned: &str) -> bool {
    let parts = |serial: &str| -> Option<Vec<u64>> {
        serial
            .split(['.', '_', '-'])
            .map(|part| part.parse().ok())
            .collect()
    };
    match (parts(candidate.trim()), parts(owned.trim())) {
        (Some(candidate), Some(owned)) if !candidate.is_empty() && !owned.is_empty() => {
            candidate > owned
        }
        _ => false,
    }
}

/// A newer build the user could get: the image, and both serials.
#[derive(Debug, Clone, PartialEq)]
struct NewerBuild {
    image: PublicImage,
    serial: String,
    owned_serial: String,
}

/// The line under an owned image that says a newer build is out, with
/// Import or Buy; nothing when there is none (or it could not be found out).
#[component]
pub fn NewerBuildNotice(owned: UserImage) -> impl IntoView {
    let api = expect_context::<ApiContext>();
    let library = expect_context::<Library>();
    let navigate = use_navigate();
    let canceller = RequestCanceller::new(|| ());
    let owned = StoredValue::new(owned);
    let newer = LocalResource::new(move || {
        let owned = owned.get_value();
        let request = ListPublicImages {
            os: Some(owned.os.clone()),
            limit: Some(SAME_OS_LIMIT),
            sort_by: Some(PublicSortBy::AddedDate),
            sort_order: Some(SortOrder::Desc),
            ..Default::default()
        };
        let same_os = api.list_public(request, canceller.signal(()));
        async move {
            let same_os = same_os.await.ok()?;
            let owns = |id: &str| library.owns(id) == Some(true);
            let candidate = newest_other_build(&owned, &same_os.images, owns)?.clone();
            // Only the details carry the serials.
            let candidate_details = api.image_detail(candidate.id.clone(), None).await.ok()?;
            let owned_details = api.image_detail(owned.id.clone(), None).await.ok()?;
            let serial = candidate_details.serial?;
            let owned_serial = owned_details.serial?;
            is_later_serial(&serial, &owned_serial).then_some(NewerBuild {
                image: candidate,
                serial,
                owned_serial,
            })
        }
    });

    move || {
        newer.get().flatten().map(|newer| {
            let image = newer.image;
            let free = to_cents(image.price) <= 0;
            let action = if free {
                "Import".to_string()
            } else {
                format!("Buy for {}", format_price(image.price))
            };
            let intent = if free { Intent::Import } else { Intent::Buy };
            let href = routes::image_href(&image.id);
            let label = image_label(&image.alias, &image.architecture);
            let id = image.id.clone();
            let navigate = navigate.clone();
            // The image's page carries the action out (a purchase as far
            // as its confirmation), as after a sign-in.
            let get_it = move |ev: leptos::ev::MouseEvent| {
                ev.prevent_default();
                pending_action::remember(&id, &label, intent);
                navigate(&routes::image_href(&id), routes::to_page());
            };
            view! {
                <p class=style::newer>
                    <span>
                        {format!("Build {} is out (you have {})", newer.serial, newer.owned_serial)}
                    </span>
                    <a class="btn btn--secondary btn--small" href=href on:click=get_it>
                        {action}
                        <span class="visually-hidden">{format!(" build {}", newer.serial)}</span>
                    </a>
                </p>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn public(id: &str, arch: &str, variant: &str, added: &str) -> PublicImage {
        PublicImage {
            id: id.into(),
            alias: "debian/13".into(),
            architecture: arch.into(),
            os: "debian".into(),
            release: "13".into(),
            variant: variant.into(),
            added_date: Some(added.into()),
            ..PublicImage::default()
        }
    }

    fn owned() -> UserImage {
        serde_json::from_str(
            r#"{"id":"mine","alias":"debian/13","architecture":"arm64","os":"debian","release":"13","variant":"default","price":0}"#,
        )
        .unwrap()
    }

    #[test]
    fn the_newest_other_build_of_the_same_image_not_owned() {
        let list = [
            public("mine", "arm64", "default", "2025-01-01"),
            public("old", "arm64", "default", "2024-06-01"),
            public("new", "arm64", "default", "2025-09-01"),
            public("newest-owned", "arm64", "default", "2025-10-01"),
            public("other-arch", "amd64", "default", "2025-11-01"),
            public("other-variant", "arm64", "slim", "2025-11-01"),
        ];
        let found = newest_other_build(&owned(), &list, |id| id == "newest-owned");
        assert_eq!(found.map(|i| i.id.as_str()), Some("new"));
        assert_eq!(newest_other_build(&owned(), &list[..1], |_| false), None);
    }

    #[test]
    fn serials_compare_as_numbers_and_missing_ones_are_never_later() {
        assert!(is_later_serial("20251124", "20250412"));
        assert!(!is_later_serial("20250412", "20250412"));
        assert!(!is_later_serial("20250101", "20250412"));
        assert!(is_later_serial("20250412.2", "20250412.1"));
        assert!(is_later_serial("20250412.1", "20250412"));
        assert!(!is_later_serial("", "20250412"));
        assert!(!is_later_serial("20251124", "unknown"));
    }
}
