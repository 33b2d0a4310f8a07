//! The document title, which screen readers announce on navigation.

use leptos::prelude::*;

/// The product name, shown in every title.
pub const PRODUCT: &str = "Dockyard";

/// `ubuntu/22.04 · Dockyard`, or just the product name.
pub fn title_for(page: Option<&str>) -> String {
    match page {
        Some(page) if !page.trim().is_empty() => format!("{page} · {PRODUCT}"),
        _ => format!("{PRODUCT} · Container images"),
    }
}

/// Keeps the document title on what `page` names (`None`: the product
/// alone) while the calling page is shown.
///
/// ```ignore
/// use_title(move || image.get().map(|image| image.alias));
/// ```
pub fn use_title(page: impl Fn() -> Option<String> + 'static) {
    Effect::new(move |_| {
        let title = title_for(page().as_deref());
        document().set_title(&title);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        assert_eq!(title_for(Some("My images")), "My images · Dockyard");
        assert_eq!(title_for(None), "Dockyard · Container images");
        assert_eq!(title_for(Some("  ")), "Dockyard · Container images");
    }
}
