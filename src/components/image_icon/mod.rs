//! An image's icon at a fixed size, with a placeholder (the OS's initial on
//! its colour) when there is no icon, its URL is unusable, or it fails to
//! load. Nothing jumps.

use leptos::prelude::*;

use crate::format::os_label;
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
    /// Load at once and first rather than when scrolled into view (for the
    /// detail page).
    #[prop(optional)]
    eager: bool,
    /// Told once the icon has loaded or given way to the placeholder (at
    /// once when there is no icon to load).
    #[prop(optional)]
    on_settled: Option<Callback<()>>,
) -> impl IntoView {
    let api = expect_context::<ApiContext>();
    let src = api.icon_src(icon_url.as_deref());
    let box_class = match size {
        0..=56 => style::small,
        57..=80 => style::medium,
        _ => style::large,
    };
    let classes = match src {
        Some(_) => format!("{} {} {}", style::icon, box_class, placeholder_class(&os)),
        None => format!(
            "{} {} {} {}",
            style::icon,
            box_class,
            placeholder_class(&os),
            style::placeholder
        ),
    };
    let settled = move || {
        if let Some(on_settled) = on_settled {
            on_settled.try_run(());
        }
    };
    if src.is_none() && on_settled.is_some() {
        Effect::new(move |_| settled());
    }
    // An icon that fails to load gives way to the placeholder. Static markup
    // and plain listeners: a page of cards has no reactive work for its icons.
    let fall_back = move |ev: leptos::ev::ErrorEvent| {
        settled();
        use wasm_bindgen::JsCast;
        let Some(img) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let _ = img.set_attribute("hidden", "");
        if let Some(icon) = img.parent_element() {
            let _ = icon.class_list().add_1(style::placeholder);
        }
    };

    view! {
        <span class=classes data-initial=placeholder_letter(&os) aria-hidden="true">
            {src.map(|src| view! {
                <img
                    src=src
                    alt=""
                    width=size
                    height=size
                    loading=if eager { "eager" } else { "lazy" }
                    // An image's page: its icon is the page's largest paint.
                    fetchpriority=eager.then_some("high")
                    decoding="async"
                    on:error=fall_back
                    on:load=move |_| settled()
                />
            })}
        </span>
    }
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
    fn an_os_keeps_its_placeholder_colour() {
        assert_eq!(placeholder_class("ubuntu"), placeholder_class("ubuntu"));
        assert_eq!(placeholder_letter("opensuse"), "o"); // CSS shows it in capitals
        assert_eq!(placeholder_letter(""), "?");
    }
}
