//! An image's icon at a fixed size, with a neutral placeholder when there is
//! no icon, its URL is unusable, or it fails to load. Nothing jumps.

use leptos::prelude::*;

use crate::catalog_query::os_label;
use crate::markup::push_escaped;
use crate::state::ApiContext;

stylance::import_crate_style!(style, "src/components/image_icon/image_icon.module.css");

/// The icon of an image, `size` pixels square.
#[component]
pub fn ImageIcon(
    /// The `icon_url` the API gave, if any.
    icon_url: Option<String>,
    /// The image's OS, for the placeholder's letter and colour.
    #[prop(into)]
    os: String,
    /// Width and height in CSS pixels.
    #[prop(default = 48)]
    size: u32,
    /// Load at once rather than when scrolled into view (for the detail page).
    #[prop(optional)]
    eager: bool,
) -> impl IntoView {
    let api = expect_context::<ApiContext>();
    let src = api.icon_src(icon_url.as_deref());
    let failed = RwSignal::new(false);
    let initial = placeholder_letter(&os);
    let hue_class = placeholder_class(&os);
    let box_class = match size {
        0..=56 => style::small,
        57..=80 => style::medium,
        _ => style::large,
    };

    view! {
        <span class=format!("{} {}", style::icon, box_class)>
            {move || match (&src, failed.get()) {
                (Some(src), false) => {
                    view! {
                        <img
                            src=src.clone()
                            alt=""
                            width=size
                            height=size
                            loading=if eager { "eager" } else { "lazy" }
                            decoding="async"
                            on:error=move |_| failed.set(true)
                        />
                    }
                        .into_any()
                }
                _ => {
                    view! {
                        <span class=format!("{} {}", style::placeholder, hue_class) aria-hidden="true">
                            {initial.clone()}
                        </span>
                    }
                        .into_any()
                }
            }}
        </span>
    }
}

/// The small (48 px) icon, lazily loaded, as markup for views built as text.
/// `src` must already be checked (see `ApiContext::icon_src`). The placeholder
/// is there from the start, hidden; if the image fails, the document-wide
/// listener of [`install_icon_fallback`] removes it and shows the placeholder.
pub fn small_icon_markup(src: Option<&str>, os: &str) -> String {
    let mut out = format!("<span class=\"{} {}\">", style::icon, style::small);
    if let Some(src) = src {
        out.push_str("<img src=\"");
        push_escaped(&mut out, src);
        out.push_str(
            "\" alt=\"\" width=\"48\" height=\"48\" loading=\"lazy\" decoding=\"async\" data-icon-fallback>",
        );
    }
    out.push_str(&format!(
        "<span class=\"{} {}\" aria-hidden=\"true\"{}>",
        style::placeholder,
        placeholder_class(os),
        if src.is_some() { " hidden" } else { "" }
    ));
    push_escaped(&mut out, &placeholder_letter(os));
    out.push_str("</span></span>");
    out
}

/// Listens, once per document, for icons of [`small_icon_markup`] that fail
/// to load, and swaps each for its placeholder. `error` does not bubble, so
/// the listener captures it on the way down.
pub fn install_icon_fallback() {
    use wasm_bindgen::{closure::Closure, JsCast};
    thread_local!(static INSTALLED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
    if INSTALLED.with(|installed| installed.replace(true)) {
        return;
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(|ev: web_sys::Event| {
        let Some(img) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        if img.has_attribute("data-icon-fallback") {
            if let Some(placeholder) = img.next_element_sibling() {
                let _ = placeholder.remove_attribute("hidden");
            }
            img.remove();
        }
    });
    let _ = document.add_event_listener_with_callback_and_bool(
        "error",
        on_error.as_ref().unchecked_ref(),
        true,
    );
    // One listener for the document's whole life.
    on_error.forget();
}

/// The letter a placeholder shows: the OS's initial.
fn placeholder_letter(os: &str) -> String {
    os_label(os).chars().next().unwrap_or('?').to_string()
}

/// A stable colour for an OS's placeholder.
fn placeholder_class(os: &str) -> &'static str {
    let hues = [
        style::hue0,
        style::hue1,
        style::hue2,
        style::hue3,
        style::hue4,
        style::hue5,
    ];
    let sum: usize = os.bytes().map(usize::from).sum();
    hues[sum % hues.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icon_markup_loads_lazily_with_a_hidden_placeholder_behind_it() {
        let markup = small_icon_markup(Some("https://api.example/icons/1?a=1&b=\"2\""), "debian");
        assert!(markup.contains(
            "<img src=\"https://api.example/icons/1?a=1&amp;b=&quot;2&quot;\" alt=\"\" width=\"48\" height=\"48\" loading=\"lazy\""
        ));
        assert!(markup.contains("data-icon-fallback>"));
        assert!(markup.contains("aria-hidden=\"true\" hidden>D</span>"));
    }

    #[test]
    fn without_a_usable_icon_the_placeholder_shows_at_once() {
        let markup = small_icon_markup(None, "alpine");
        assert!(!markup.contains("<img"));
        assert!(markup.contains("aria-hidden=\"true\">A</span>"));
        assert!(!markup.contains("hidden>"));
    }

    #[test]
    fn an_os_keeps_its_placeholder_colour() {
        assert_eq!(placeholder_class("ubuntu"), placeholder_class("ubuntu"));
        assert_eq!(placeholder_letter("opensuse"), "o"); // CSS shows it in capitals
        assert_eq!(placeholder_letter(""), "?");
    }
}
