//! Scroll positions of pages, restored when the user comes back with Back or
//! Forward (and only then: a link to a page starts at its top).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

thread_local! {
    static POSITIONS: RefCell<HashMap<String, f64>> = RefCell::new(HashMap::new());
    static LAST_HISTORY_MOVE_MS: Cell<f64> = const { Cell::new(f64::NEG_INFINITY) };
}

/// How soon after a Back/Forward a page may still restore its position.
const RESTORE_WINDOW_MS: f64 = 2_000.0;

/// Listens for Back/Forward; call once at start.
pub fn install() {
    if let Some(window) = web_sys::window() {
        // The browser's own restoration runs before our content is back; we do it instead.
        if let Ok(history) = window.history() {
            let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
        }
    }
    let handle = leptos::prelude::window_event_listener(leptos::ev::popstate, |_| {
        LAST_HISTORY_MOVE_MS.with(|t| t.set(js_sys::Date::now()));
    });
    // The listener lives as long as the page.
    std::mem::forget(handle);
}

/// Remembers the scroll position of the page at `key` (its URL).
pub fn remember(key: &str) {
    let Some(y) = web_sys::window().and_then(|w| w.scroll_y().ok()) else {
        return;
    };
    POSITIONS.with(|p| {
        let mut positions = p.borrow_mut();
        if positions.len() > 200 {
            positions.clear();
        }
        positions.insert(key.to_string(), y);
    });
}

/// The position to restore for `key`, if the user just came back to it.
pub fn take_for_return(key: &str) -> Option<f64> {
    let returning =
        LAST_HISTORY_MOVE_MS.with(|t| js_sys::Date::now() - t.get() < RESTORE_WINDOW_MS);
    let position = POSITIONS.with(|p| p.borrow_mut().remove(key));
    position.filter(|_| returning)
}

/// Scrolls the window to `y` once the page has rendered.
pub fn restore(y: f64) {
    leptos::prelude::request_animation_frame(move || {
        if let Some(window) = web_sys::window() {
            window.scroll_to_with_x_and_y(0.0, y);
        }
    });
}
