//! Whether a CSS media query matches, as a signal.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Whether `query` (e.g. `"(max-width: 900px)"`) matches now, following
/// changes (a resized window, a rotated phone) until the owner is cleaned up.
/// `None` where the browser cannot evaluate media queries.
pub fn media_query_matches(query: &str) -> Signal<Option<bool>> {
    let Some(list) = window().match_media(query).ok().flatten() else {
        return Signal::stored(None);
    };
    let matches = RwSignal::new(Some(list.matches()));
    let on_change = Closure::<dyn Fn(web_sys::MediaQueryListEvent)>::new(
        move |ev: web_sys::MediaQueryListEvent| {
            matches.try_set(Some(ev.matches()));
        },
    );
    let callback: js_sys::Function = on_change
        .as_ref()
        .unchecked_ref::<js_sys::Function>()
        .clone();
    if list
        .add_event_listener_with_callback("change", &callback)
        .is_err()
    {
        return Signal::stored(Some(list.matches()));
    }
    let listener = StoredValue::new_local(Some((list, on_change)));
    on_cleanup(move || {
        if let Some((list, on_change)) = listener.try_update_value(Option::take).flatten() {
            let _ = list
                .remove_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        }
    });
    matches.into()
}
