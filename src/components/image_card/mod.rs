//! A catalog card: icon, name, description, badges, rating, price, size and
//! date; and the grid of them. The whole card is one link target (the name's
//! link stretches over it).

use leptos::prelude::*;

use crate::api::PublicImage;
use crate::components::icons::{BoltIcon, CheckIcon};
use crate::components::image_icon::ImageIcon;
use crate::components::star_rating::StarRating;
use crate::format::{format_date, format_price, format_size, os_label};
use crate::routes;
use crate::state::Library;

stylance::import_crate_style!(style, "src/components/image_card/image_card.module.css");

/// The catalog's grid of cards, one per image, keyed by id: cards of images
/// that stay on screen across a change are kept, not drawn again.
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
) -> impl IntoView {
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
                each=move || images.get()
                key=|image| image.id.clone()
                children=|image| view! { <li><ImageCard image=image /></li> }
            />
        </ul>
    }
}

/// One image of the catalog, as a card.
#[component]
pub fn ImageCard(image: PublicImage) -> impl IntoView {
    let library = use_context::<Library>();
    let id = image.id.clone();
    let owned = move || library.and_then(|l| l.owns(&id)).unwrap_or(false);
    let is_free = image.price <= 0.0;
    let badges = [
        os_label(&image.os),
        image.release,
        image.architecture,
        image.variant,
    ]
    .into_iter()
    .filter(|text| !text.is_empty())
    .map(|text| view! { <li class=style::badge>{text}</li> })
    .collect_view();
    let added = image.added_date.as_deref().and_then(format_date);

    view! {
        <article class=style::card data-image-id=image.id.clone()>
            <div class=style::top>
                <ImageIcon icon_url=image.icon_url os=image.os size=48 />
                <div class=style::heading>
                    <h2 class=style::title>
                        <a class=style::link href=routes::image_href(&image.id)>
                            {image.alias}
                        </a>
                    </h2>
                    <p class=style::image_name>{image.image_name}</p>
                </div>
            </div>
            <p class=style::description>{image.description}</p>
            <ul class=style::badges aria-label="Details">
                {badges}
                {image.prespawn.then(|| view! {
                    <li class=style::prespawn title="Prespawned: starts instantly">
                        <BoltIcon />
                        "Prespawned"
                    </li>
                })}
                <Show when=owned>
                    <li class=style::owned>
                        <CheckIcon />
                        "Owned"
                    </li>
                </Show>
            </ul>
            <div class=style::footer>
                <StarRating value=image.average_rating count=image.rating_count />
                <span class=if is_free { style::price_free } else { style::price }>
                    <span class="visually-hidden">"Price: "</span>
                    {format_price(image.price)}
                </span>
            </div>
            <p class=style::meta>
                {image.size.map(format_size)}
                {added.map(|date| view! {
                    <span class=style::dot aria-hidden="true">"·"</span>
                    <span>"Added " {date}</span>
                })}
            </p>
        </article>
    }
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
