//! A catalog card: icon, name, description, badges, rating, price, size and
//! date; and the grid of them. The whole card is one link target (the name's
//! link stretches over it).

use leptos::prelude::*;
use std::hash::{DefaultHasher, Hash, Hasher};

use crate::api::PublicImage;
use crate::components::icons::{BoltIcon, CheckIcon};
use crate::components::image_icon::ImageIcon;
use crate::components::name::BreakableName;
use crate::components::star_rating::StarRating;
use crate::format::{
    build_label, format_date, format_price, format_size, is_free, os_label, release_label,
};
use crate::routes;
use crate::state::image_family::Standing;
use crate::state::Library;

stylance::import_crate_style!(style, "src/components/image_card/image_card.module.css");

/// The catalog's grid of cards, one per image, keyed by [`card_key`]: cards
/// of images that stay on screen across a change are kept, not drawn again.
#[component]
pub fn CardGrid(
    /// The images to show, in order.
    #[prop(into)]
    images: Signal<Vec<PublicImage>>,
    /// The list's classes.
    class: &'static str,
    /// Called with the id of the card under the pointer or the focus, to
    /// prefetch its details.
    #[prop(optional)]
    on_card_interest: Option<Callback<String>>,
    /// What the list proves of each build, in the order of `images`.
    #[prop(optional, into)]
    standings: Signal<Vec<Standing>>,
) -> impl IntoView {
    let library = use_context::<Library>();
    // One listener on the grid serves every card.
    let interest = move |target: Option<web_sys::EventTarget>| {
        if let (Some(callback), Some(id)) = (on_card_interest, card_image_id(target)) {
            callback.run(id);
        }
    };
    view! {
        <ul
            class=class
            on:pointerover=move |ev: leptos::ev::PointerEvent| interest(ev.target())
            on:focusin=move |ev: leptos::ev::FocusEvent| interest(ev.target())
        >
            <For
                each=move || {
                    let standings = standings.get();
                    images
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(index, image)| {
                            let owned = library.and_then(|l| l.owns(&image.id)).unwrap_or(false);
                            let standing = standings.get(index).cloned().unwrap_or(Standing::Unknown);
                            (image, owned, standing)
                        })
                        .collect::<Vec<_>>()
                }
                key=|(image, owned, standing)| card_key(image, *owned, standing)
                children=|(image, owned, standing)| view! { <li><ImageCard image owned standing /></li> }
            />
        </ul>
    }
}

/// One image of the catalog, as a card.
#[component]
pub fn ImageCard(
    /// The image.
    image: PublicImage,
    /// Whether the user owns it.
    #[prop(optional)]
    owned: bool,
    /// What its list proves of this build.
    #[prop(optional)]
    standing: Option<Standing>,
) -> impl IntoView {
    let badges = [
        os_label(&image.os),
        release_label(&image.release),
        image.architecture,
        image.variant,
    ]
    .into_iter()
    .filter(|text| !text.is_empty())
    .map(|text| view! { <li>{text}</li> })
    .collect_view();
    let build = build_label(None, image.added_date.as_deref());
    let standing =
        match standing {
            Some(Standing::Latest) => {
                Some(view! { <li class=style::latest>"Latest build"</li> }.into_any())
            }
            Some(Standing::Older(newer)) => {
                let date = newer
                    .added_date
                    .as_deref()
                    .and_then(format_date)
                    .unwrap_or_default();
                Some(view! {
                <li class=style::newer>
                    <a href=routes::image_href(&newer.id)>{format!("Newer build of {date}")}</a>
                </li>
            }.into_any())
            }
            _ => None,
        };

    // The card's parts are styled through its one class (see the CSS
    // module): a page of 100 cards sets far fewer attributes.
    view! {
        <article class=style::card data-image-id=image.id.clone()>
            <header>
                <ImageIcon icon_url=image.icon_url os=image.os size=48 />
                <div>
                    <h2>
                        <a href=routes::image_href(&image.id)>
                            <BreakableName text=image.alias />
                        </a>
                    </h2>
                    <p>
                        <BreakableName text=image.image_name />
                    </p>
                </div>
            </header>
            <p>{image.description}</p>
            <ul aria-label="Details">
                {badges}
                {image.prespawn.then(|| view! {
                    <li class=style::prespawn title="Prespawned: starts instantly">
                        <BoltIcon />
                        "Prespawned"
                    </li>
                })}
                {owned.then(|| view! {
                    <li class=style::owned>
                        <CheckIcon />
                        "Owned"
                    </li>
                })}
                {standing}
            </ul>
            <footer>
                <StarRating value=image.average_rating count=image.rating_count />
                <span class=if is_free(image.price) { style::price_free } else { style::price }>
                    <span class="visually-hidden">"Price: "</span>
                    {format_price(image.price)}
                </span>
            </footer>
            <p>
                {image.size.map(|size| view! { <span>{format_size(size)}</span> })}
                <span>{build}</span>
            </p>
        </article>
    }
}

/// The grid's key for a card: its image's id and a digest of everything the
/// card shows. Cards are static, so a card is drawn again when any of that
/// changes (a new rating, the image becoming the user's), and kept otherwise.
fn card_key(image: &PublicImage, owned: bool, standing: &Standing) -> (String, u64) {
    let mut shown = DefaultHasher::new();
    let texts = [
        &image.alias,
        &image.image_name,
        &image.description,
        &image.os,
        &image.release,
        &image.architecture,
        &image.variant,
    ];
    texts.hash(&mut shown);
    (
        image.size,
        &image.added_date,
        &image.icon_url,
        image.prespawn,
    )
        .hash(&mut shown);
    let numbers = (
        image.rating_count,
        image.average_rating.to_bits(),
        image.price.to_bits(),
    );
    (numbers, owned).hash(&mut shown);
    match standing {
        Standing::Latest => 1.hash(&mut shown),
        Standing::Older(newer) => (2, &newer.id, &newer.added_date).hash(&mut shown),
        Standing::Unknown => 0.hash(&mut shown),
    }
    (image.id.clone(), shown.finish())
}

/// The id of the card an event happened in, if any.
fn card_image_id(target: Option<web_sys::EventTarget>) -> Option<String> {
    use wasm_bindgen::JsCast;
    target?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("[data-image-id]")
        .ok()??
        .get_attribute("data-image-id")
}

/// A grey stand-in for a card while the first page loads.
#[component]
pub fn ImageCardSkeleton() -> impl IntoView {
    view! {
        <div class=format!("{} {}", style::card, style::skeleton) aria-hidden="true">
            <header>
                <span class=format!("skeleton {}", style::skeleton_icon)></span>
                <div>
                    <span class=format!("skeleton {}", style::skeleton_line_wide)></span>
                    <span class=format!("skeleton {}", style::skeleton_line)></span>
                </div>
            </header>
            <span class=format!("skeleton {}", style::skeleton_line_full)></span>
            <span class=format!("skeleton {}", style::skeleton_line_wide)></span>
            <span class=format!("skeleton {}", style::skeleton_badges)></span>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image() -> PublicImage {
        PublicImage {
            id: "a1".into(),
            alias: "debian/13".into(),
            os: "debian".into(),
            architecture: "arm64".into(),
            price: 4.5,
            average_rating: 4.0,
            rating_count: 3,
            ..PublicImage::default()
        }
    }

    #[test]
    fn a_card_is_kept_while_what_it_shows_is_unchanged() {
        assert_eq!(
            card_key(&image(), false, &Standing::Unknown),
            card_key(&image(), false, &Standing::Unknown)
        );
    }

    #[test]
    fn a_card_is_drawn_again_when_what_it_shows_changes() {
        let before = card_key(&image(), false, &Standing::Unknown);
        let rated = PublicImage {
            average_rating: 4.2,
            rating_count: 4,
            ..image()
        };
        let repriced = PublicImage {
            price: 3.0,
            ..image()
        };
        assert_ne!(card_key(&rated, false, &Standing::Unknown), before);
        assert_ne!(card_key(&repriced, false, &Standing::Unknown), before);
        assert_ne!(card_key(&image(), true, &Standing::Unknown), before);
        assert_ne!(card_key(&image(), false, &Standing::Latest), before);
        assert_eq!(card_key(&rated, false, &Standing::Unknown).0, "a1");
    }
}
