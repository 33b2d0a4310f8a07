//! An image's icon at a fixed size, with a neutral placeholder when there is
//! no icon, its URL is unusable, or it fails to load. Nothing jumps.

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
