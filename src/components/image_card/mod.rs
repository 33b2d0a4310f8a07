//! A catalog card: icon, name, description, badges, rating, price, size and
//! date. The whole card is one link target (the name's link stretches over it).

use leptos::prelude::*;

use crate::api::PublicImage;
use crate::catalog_query::os_label;
use crate::components::icons::{BoltIcon, CheckIcon};
use crate::components::image_icon::ImageIcon;
use crate::components::star_rating::StarRating;
use crate::format::{format_date, format_price, format_size};
use crate::routes;
use crate::state::Library;

stylance::import_crate_style!(style, "src/components/image_card/image_card.module.css");

/// One image in the catalog grid.
#[component]
pub fn ImageCard(
    /// The image to show.
    image: PublicImage,
) -> impl IntoView {
    let library = use_context::<Library>();
    let id = image.id.clone();
    let owned = {
        let id = id.clone();
        move || library.and_then(|l| l.owns(&id)).unwrap_or(false)
    };
    let added = image.added_date.as_deref().and_then(format_date);
    let price = format_price(image.price);
    let is_free = image.price <= 0.0;
    let (average, count) = (image.average_rating, image.rating_count);

    view! {
        // The grid around the cards prefetches the details of the card under
        // the pointer or focus, found by `data-image-id` (see `prefetch_target`).
        <article class=style::card data-image-id=id.clone()>
            <div class=style::top>
                <ImageIcon icon_url=image.icon_url.clone() os=image.os.clone() size=48 />
                <div class=style::heading>
                    <h2 class=style::title>
                        <a class=style::link href=routes::image_href(&id)>
                            {image.alias.clone()}
                        </a>
                    </h2>
                    <p class=style::image_name>{image.image_name.clone()}</p>
                </div>
            </div>
            <p class=style::description>{image.description.clone()}</p>
            <ul class=style::badges aria-label="Details">
                <li class=style::badge>{os_label(&image.os)}</li>
                {(!image.release.is_empty())
                    .then(|| view! { <li class=style::badge>{image.release.clone()}</li> })}
                <li class=style::badge>{image.architecture.clone()}</li>
                {(!image.variant.is_empty())
                    .then(|| view! { <li class=style::badge>{image.variant.clone()}</li> })}
                {image
                    .prespawn
                    .then(|| {
                        view! {
                            <li class=style::prespawn title="Prespawned: starts instantly">
                                <BoltIcon />
                                "Prespawned"
                            </li>
                        }
                    })}
                {move || {
                    owned()
                        .then(|| {
                            view! {
                                <li class=style::owned>
                                    <CheckIcon />
                                    "Owned"
                                </li>
                            }
                        })
                }}
            </ul>
            <div class=style::footer>
                <StarRating value=average count=count />
                <span class=if is_free { style::price_free } else { style::price }>
                    <span class="visually-hidden">"Price: "</span>
                    {price}
                </span>
            </div>
            <p class=style::meta>
                {image.size.map(format_size)}
                {added
                    .map(|date| {
                        view! {
                            <span class=style::dot aria-hidden="true">"·"</span>
                            <span>"Added " {date}</span>
                        }
                    })}
            </p>
        </article>
    }
}

/// The id of the card an event happened in, if any: one listener on the grid
/// serves every card instead of two closures per card.
pub fn prefetch_target(target: Option<web_sys::EventTarget>) -> Option<String> {
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
            <div class=style::top>
                <span class=style::skeleton_icon></span>
                <div class=style::heading>
                    <span class=style::skeleton_line_wide></span>
                    <span class=style::skeleton_line></span>
                </div>
            </div>
            <span class=style::skeleton_line_full></span>
            <span class=style::skeleton_line_wide></span>
            <span class=style::skeleton_badges></span>
        </div>
    }
}
