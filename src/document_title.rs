//! The document title, which screen readers announce on navigation.

/// The product name, shown in every title.
pub const PRODUCT: &str = "Dockyard";

/// `ubuntu/22.04 · Dockyard`, or just the product name.
pub fn title_for(page: Option<&str>) -> String {
    match page {
        Some(page) if !page.trim().is_empty() => format!("{page} · {PRODUCT}"),
        _ => format!("{PRODUCT} · Container images"),
    }
}

/// Sets the document title for a page.
pub fn set_title(page: Option<&str>) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(&title_for(page));
    }
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
