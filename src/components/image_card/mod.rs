//! A catalog card: icon, name, description, badges, rating, price, size and
//! date. The whole card is one link target (the name's link stretches over it).

use leptos::prelude::*;

use crate::api::{PublicImage, PublicImageList};
use crate::catalog_query::os_label;
use crate::components::icons::{bolt_icon_markup, check_icon_markup};
use crate::components::image_icon::{install_icon_fallback, small_icon_markup};
use crate::components::star_rating::rating_markup;
use crate::format::{format_date, format_price, format_size};
use crate::markup::push_escaped;
use crate::routes;
use crate::state::{ApiContext, Library};

stylance::import_crate_style!(style, "src/components/image_card/image_card.module.css");

/// About the length of one card's markup, to size buffers once.
const CARD_MARKUP_BYTES: usize = 1400;
/// Cards parsed per `innerHTML`/`insertAdjacentHTML` call.
const CARDS_PER_CHUNK: usize = 20;

fn images_of(results: &Option<PublicImageList>) -> &[PublicImage] {
    results.as_ref().map_or(&[], |r| &r.images)
}

/// The catalog's grid of cards. The cards are plain markup without any
/// reactive parts, so the grid is drawn with `innerHTML` from
/// [`card_markup`]: the browser parses a page of cards in one go, several
/// times faster than creating each node from wasm. It is redrawn when the
/// results change or a shown card becomes owned.
#[component]
pub fn CardGrid(
    /// The results whose images to show, in order (none: an empty grid).
    #[prop(into)]
    results: Signal<Option<PublicImageList>>,
    /// The list's classes.
    #[prop(into)]
    class: Signal<String>,
    /// Whether newer results are on their way.
    #[prop(into)]
    busy: Signal<bool>,
    /// Called with the id of the card under the pointer or the focus, to
    /// prefetch its details.
    #[prop(optional)]
    on_card_interest: Option<Callback<String>>,
) -> impl IntoView {
    install_icon_fallback();
    let api = expect_context::<ApiContext>();
    let library = use_context::<Library>();
    // Which shown images the user owns: the grid is redrawn when that changes,
    // not on every change of the library.
    let owned = Memo::new(move |_| {
        results.with(|results| {
            images_of(results)
                .iter()
                .map(|image| library.and_then(|l| l.owns(&image.id)).unwrap_or(false))
                .collect::<Vec<bool>>()
        })
    });
    // Drawn in chunks of markup built from the results in place: no copy of
    // the list, and no single buffer of a whole page (100 cards are ~120 kB),
    // so the wasm memory stays small and unfragmented. A render effect, as for
    // any reactive attribute: the cards change in the same update as the rest
    // of the page, from the very first render on.
    let drawer = StoredValue::new_local(None::<RenderEffect<()>>);
    let draw = move |grid: web_sys::Element| {
        let effect = RenderEffect::new(move |_| {
            let owned = owned.get();
            results.with(|results| draw_cards(&grid, images_of(results), &owned, &api));
        });
        drawer.set_value(Some(effect));
    };
    // One listener on the grid serves every card.
    let interest = move |target: Option<web_sys::EventTarget>| {
        if let (Some(callback), Some(id)) = (on_card_interest, prefetch_target(target)) {
            callback.run(id);
        }
    };
    view! {
        <ul
            class=class
            aria-busy=move || busy.get().to_string()
            use:draw
            on:pointerover=move |ev: leptos::ev::PointerEvent| interest(ev.target())
            on:focusin=move |ev: leptos::ev::FocusEvent| interest(ev.target())
        ></ul>
    }
}

/// Replaces the cards in `grid` with `images`, 20 cards per parse.
fn draw_cards(grid: &web_sys::Element, images: &[PublicImage], owned: &[bool], api: &ApiContext) {
    if images.is_empty() {
        grid.set_inner_html("");
    }
    for (index, chunk) in images.chunks(CARDS_PER_CHUNK).enumerate() {
        let mut out = String::with_capacity(chunk.len() * (CARD_MARKUP_BYTES + 9));
        for (offset, image) in chunk.iter().enumerate() {
            let icon = api.icon_src(image.icon_url.as_deref());
            let is_owned = owned
                .get(index * CARDS_PER_CHUNK + offset)
                .copied()
                .unwrap_or(false);
            out.push_str("<li>");
            push_card_markup(&mut out, image, icon.as_deref(), is_owned);
            out.push_str("</li>");
        }
        if index == 0 {
            grid.set_inner_html(&out);
        } else {
            let _ = grid.insert_adjacent_html("beforeend", &out);
        }
    }
}

/// One card: icon, name, description, badges, rating, price, size and date.
/// The whole card is one link target (the name's link stretches over it).
/// `icon_src` must already be checked (see `ApiContext::icon_src`); every
/// text from the API is escaped.
pub fn card_markup(image: &PublicImage, icon_src: Option<&str>, owned: bool) -> String {
    let mut out = String::with_capacity(CARD_MARKUP_BYTES);
    push_card_markup(&mut out, image, icon_src, owned);
    out
}

/// [`card_markup`], appended to `out`.
fn push_card_markup(out: &mut String, image: &PublicImage, icon_src: Option<&str>, owned: bool) {
    let tag = |out: &mut String, open: &str, class: &str, text: &str, close: &str| {
        out.push_str(&format!("<{open} class=\"{class}\">"));
        push_escaped(out, text);
        out.push_str(&format!("</{close}>"));
    };
    // The grid prefetches the details of the card under the pointer or focus,
    // found by `data-image-id` (see `prefetch_target`).
    out.push_str(&format!(
        "<article class=\"{}\" data-image-id=\"",
        style::card
    ));
    push_escaped(out, &image.id);
    out.push_str(&format!("\"><div class=\"{}\">", style::top));
    out.push_str(&small_icon_markup(icon_src, &image.os));
    out.push_str(&format!(
        "<div class=\"{}\"><h2 class=\"{}\"><a class=\"{}\" href=\"",
        style::heading,
        style::title,
        style::link
    ));
    push_escaped(out, &routes::image_href(&image.id));
    out.push_str("\">");
    push_escaped(out, &image.alias);
    out.push_str("</a></h2>");
    tag(out, "p", style::image_name, &image.image_name, "p");
    out.push_str("</div></div>");
    tag(out, "p", style::description, &image.description, "p");

    out.push_str(&format!(
        "<ul class=\"{}\" aria-label=\"Details\">",
        style::badges
    ));
    let badges = [
        &os_label(&image.os),
        &image.release,
        &image.architecture,
        &image.variant,
    ];
    for badge in badges.into_iter().filter(|text| !text.is_empty()) {
        tag(out, "li", style::badge, badge, "li");
    }
    if image.prespawn {
        out.push_str(&format!(
            "<li class=\"{}\" title=\"Prespawned: starts instantly\">{}Prespawned</li>",
            style::prespawn,
            bolt_icon_markup()
        ));
    }
    if owned {
        out.push_str(&format!(
            "<li class=\"{}\">{}Owned</li>",
            style::owned,
            check_icon_markup()
        ));
    }
    out.push_str("</ul>");

    out.push_str(&format!("<div class=\"{}\">", style::footer));
    out.push_str(&rating_markup(image.average_rating, image.rating_count));
    let price_class = if image.price <= 0.0 {
        style::price_free
    } else {
        style::price
    };
    out.push_str(&format!(
        "<span class=\"{price_class}\"><span class=\"visually-hidden\">Price: </span>{}</span></div>",
        format_price(image.price)
    ));

    out.push_str(&format!("<p class=\"{}\">", style::meta));
    if let Some(size) = image.size {
        out.push_str(&format_size(size));
    }
    if let Some(date) = image.added_date.as_deref().and_then(format_date) {
        out.push_str(&format!(
            "<span class=\"{}\" aria-hidden=\"true\">·</span><span>Added ",
            style::dot
        ));
        push_escaped(out, &date);
        out.push_str("</span>");
    }
    out.push_str("</p></article>");
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

#[cfg(test)]
mod tests {
    use super::*;

    fn image(json: &str) -> PublicImage {
        serde_json::from_str(json).expect("a valid image")
    }

    const PAID: &str = r#"{"id":"507f1f77bcf86cd799439021","alias":"ubuntu/22.04","description":"Ubuntu 22.04 LTS","image_name":"ubuntu-22.04-amd64","architecture":"amd64","os":"ubuntu","release":"22.04","variant":"default","size":512000000,"price":5.99,"added_date":"2025-01-10T08:00:00.000Z","average_rating":4.5,"rating_count":142,"icon_url":"/api/v1/images/507f1f77bcf86cd799439021/icon","prespawn":true}"#;

    #[test]
    fn a_card_shows_every_field_in_order() {
        let markup = card_markup(&image(PAID), Some("https://api.example/icon"), false);
        let text_order = [
            "data-image-id=\"507f1f77bcf86cd799439021\"",
            "src=\"https://api.example/icon\"",
            "href=\"/images/507f1f77bcf86cd799439021\">ubuntu/22.04</a>",
            ">ubuntu-22.04-amd64</p>",
            ">Ubuntu 22.04 LTS</p>",
            ">Ubuntu</li>",
            ">22.04</li>",
            ">amd64</li>",
            ">default</li>",
            "Prespawned</li>",
            "Rated 4.5 out of 5 by 142 people",
            ">4.5 (142)</span>",
            "Price: </span>$5.99</span>",
            "512 MB",
            "Added 10 Jan 2025</span>",
        ];
        let mut from = 0;
        for part in text_order {
            let at = markup[from..]
                .find(part)
                .unwrap_or_else(|| panic!("{part} after byte {from}: {markup}"));
            from += at + part.len();
        }
        assert!(!markup.contains("Owned"));
        assert_eq!(
            markup.matches("<a ").count(),
            1,
            "the whole card is one link target"
        );
        assert!(markup.starts_with("<article") && markup.ends_with("</article>"));
    }

    #[test]
    fn a_free_unrated_owned_card_without_extras() {
        let free = image(
            r#"{"id":"x1","alias":"alpine","architecture":"arm64","os":"alpine","release":"","variant":"","price":0,"average_rating":0,"rating_count":0,"prespawn":false}"#,
        );
        let markup = card_markup(&free, None, true);
        assert!(markup.contains("Price: </span>Free</span>"));
        assert!(markup.contains(style::price_free));
        assert!(markup.contains(">No ratings yet</span>"));
        assert!(markup.contains("Owned</li>"));
        assert!(!markup.contains("Prespawned"));
        assert!(!markup.contains("<img"));
        assert!(!markup.contains("Added"));
        // Empty release and variant make no empty badges.
        assert_eq!(
            markup
                .matches(&format!("class=\"{}\"", style::badge))
                .count(),
            2
        );
    }

    #[test]
    fn hostile_text_is_escaped_everywhere() {
        let hostile = image(
            r#"{"id":"a\"b<c>","alias":"<img src=x onerror=alert(1)>","description":"<script>x()</script>","image_name":"\"><svg onload=x()>","architecture":"'amd64'","os":"<b>","release":"&amp;","variant":"v","price":1}"#,
        );
        let markup = card_markup(&hostile, None, false);
        for raw in [
            "<img src=x",
            "<script>",
            "<svg onload",
            "\"><svg onload",
            "<b>",
            "'amd64'",
        ] {
            assert!(!markup.contains(raw), "{raw} got through: {markup}");
        }
        assert!(markup.contains("&lt;img src=x onerror=alert(1)&gt;</a>"));
        assert!(markup.contains("&lt;script&gt;x()&lt;/script&gt;"));
        assert!(markup.contains(">&amp;amp;</li>"));
        assert!(markup.contains("data-image-id=\"a&quot;b&lt;c&gt;\""));
        // The link's id is URL-encoded, then escaped.
        assert!(markup.contains("href=\"/images/a%22b%3Cc%3E\""));
    }
}
