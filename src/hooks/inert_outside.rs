//! Keeps the keyboard and screen readers inside one part of the page.

use leptos::prelude::*;

/// While `active` is true, everything on the page outside the element that
/// `element` finds is made `inert`: Tab cannot leave it and screen readers
/// do not read what it covers. Only what this made inert is released, when
/// `active` turns false or the owner is cleaned up.
pub fn inert_outside(
    active: Signal<bool>,
    element: impl Fn() -> Option<web_sys::Element> + 'static,
) {
    let made_inert = StoredValue::new_local(Vec::<web_sys::Element>::new());
    let release = move || {
        for element in made_inert
            .try_update_value(std::mem::take)
            .unwrap_or_default()
        {
            let _ = element.remove_attribute("inert");
        }
    };
    Effect::new(move |_| {
        let on = active.get();
        release();
        let Some(inside) = element().filter(|_| on) else {
            return;
        };
        // The siblings of the element and of each of its ancestors, up to <body>.
        let mut marked = Vec::new();
        let mut node = inside;
        while let Some(parent) = node.parent_element() {
            let children = parent.children();
            for sibling in (0..children.length()).filter_map(|i| children.item(i)) {
                if sibling != node && !sibling.has_attribute("inert") {
                    let _ = sibling.set_attribute("inert", "");
                    marked.push(sibling);
                }
            }
            if parent.tag_name() == "BODY" {
                break;
            }
            node = parent;
        }
        made_inert.set_value(marked);
    });
    on_cleanup(release);
}
