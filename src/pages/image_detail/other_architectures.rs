//! "Also for: amd64 $19.99 · armhf Free · arm64 ✓ owned": the same image
//! built for the other architectures, each bought or imported on its own.

use leptos::prelude::*;

use crate::api::{ListPublicImages, PublicImage, PublicSortBy, SortOrder};
use crate::components::icons::CheckIcon;
use crate::format::format_price;
use crate::hooks::RequestCanceller;
use crate::routes;
use crate::state::{ApiContext, Library};

use super::style;

/// How many images of one OS are read to find the other architectures (the
/// API's largest page).
const SAME_OS_LIMIT: u32 = 100;

/// The images among `same_os` that are `image` (same OS, release and
/// variant) for another architecture: the newest build of each, by
/// architecture name.
pub fn other_architectures(image: &PublicImage, same_os: &[PublicImage]) -> Vec<PublicImage> {
    let mut others: Vec<PublicImage> = Vec::new();
    for candidate in same_os {
        let same_image = candidate.os == image.os
            && candidate.release == image.release
            && candidate.variant == image.variant;
        if !same_image || candidate.architecture == image.architecture {
            continue;
        }
        match others
            .iter_mut()
            .find(|o| o.architecture == candidate.architecture)
        {
            Some(known) if known.added_date >= candidate.added_date => {}
            Some(known) => *known = candidate.clone(),
            None => others.push(candidate.clone()),
        }
    }
    others.sort_by(|a, b| a.architecture.cmp(&b.architecture));
    others
}

/// The other architectures of `image`, as links with their price (or
/// "owned"); nothing when there are none or they could not be read.
#[component]
pub fn OtherArchitectures(image: PublicImage) -> impl IntoView {
    let api = expect_context::<ApiContext>();
    let library = expect_context::<Library>();
    let request = ListPublicImages {
        os: Some(image.os.clone()),
        limit: Some(SAME_OS_LIMIT),
        sort_by: Some(PublicSortBy::AddedDate),
        sort_order: Some(SortOrder::Desc),
        ..Default::default()
    };
    let canceller = RequestCanceller::new(|| ());
    let same_os =
        LocalResource::new(move || api.list_public(request.clone(), canceller.signal(())));
    let others = move || {
        same_os
            .get()
            .and_then(Result::ok)
            .map(|list| other_architectures(&image, &list.images))
            .filter(|others| !others.is_empty())
    };

    view! {
        <Transition fallback=|| ()>
            {move || others().map(|others| view! {
                <div class=style::architectures>
                    <span id="also-for">"Also for:"</span>
                    <ul aria-labelledby="also-for">
                        {others.into_iter().map(|other| {
                            let owned = library.owns(&other.id) == Some(true);
                            view! {
                                <li>
                                    <a href=routes::image_href(&other.id)>
                                        <span class=style::architecture>{other.architecture}</span>
                                        {if owned {
                                            view! { <span class=style::owned_mark><CheckIcon />"owned"</span> }.into_any()
                                        } else {
                                            view! { <span>{format_price(other.price)}</span> }.into_any()
                                        }}
                                    </a>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            })}
        </Transition>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(id: &str, release: &str, variant: &str, arch: &str, added: &str) -> PublicImage {
        PublicImage {
            id: id.into(),
            alias: format!("debian/{release}/{variant}"),
            architecture: arch.into(),
            os: "debian".into(),
            release: release.into(),
            variant: variant.into(),
            added_date: Some(added.into()),
            ..PublicImage::default()
        }
    }

    #[test]
    fn the_same_image_for_other_architectures_newest_build_first_by_name() {
        let current = image("a", "13", "fips", "arm64", "2025-03-01");
        let list = [
            current.clone(),
            image("b", "13", "fips", "amd64", "2025-01-01"),
            image("c", "13", "fips", "armhf", "2025-02-01"),
            image("d", "13", "fips", "amd64", "2025-04-01"),
            image("e", "13", "slim", "amd64", "2025-04-01"),
            image("f", "12", "fips", "armhf", "2025-04-01"),
        ];
        let ids: Vec<_> = other_architectures(&current, &list)
            .into_iter()
            .map(|i| (i.architecture, i.id))
            .collect();
        assert_eq!(
            ids,
            [("amd64".into(), "d".into()), ("armhf".into(), "c".into())]
        );
    }

    #[test]
    fn an_image_for_one_architecture_has_no_others() {
        let current = image("a", "13", "fips", "arm64", "2025-03-01");
        assert!(other_architectures(&current, std::slice::from_ref(&current)).is_empty());
    }
}
