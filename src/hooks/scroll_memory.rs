//! Scroll positions of pages, restored when the user comes back with Back or
//! Forward (and only then: a link to a page starts at its top).
//!
//! Positions are kept under the address the browser shows when the page
//! scrolls, so a page that is being replaced by another route can never
//! write its position under the next page's address, or the reverse.

use leptos::prelude::{request_animation_frame, window, window_event_listener};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

thread_local! {
    static POSITIONS: RefCell<HashMap<String, f64>> = RefCell::new(HashMap::new());
    static LAST_HISTORY_MOVE_MS: Cell<f64> = const { Cell::new(f64::NEG_INFINITY) };
}

/// How soon after a Back/Forward a page may still restore its position.
const RESTORE_WINDOW_MS: f64 = 2_000.0;

/// Listens for Back/Forward and for scrolling; call once at start.
pub fn install() {
    // The browser's own restoration runs before our content is back; we do it instead.
    if let Ok(history) = window().history() {
        let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
    let on_history_move = window_event_listener(leptos::ev::popstate, |_| {
        LAST_HISTORY_MOVE_MS.with(|t| t.set(js_sys::Date::now()));
    });
    let on_scroll = window_event_listener(leptos::ev::scroll, |_| remember());
    // The listeners live as long as the page.
    std::mem::forget(on_history_move);
    std::mem::forget(on_scroll);
}

/// The key of the page the browser shows now: its path and query.
pub fn current_key() -> Option<String> {
    let location = window().location();
    Some(format!(
        "{}{}",
        location.pathname().ok()?,
        location.search().ok()?
    ))
}

/// Remembers the scroll position of the page the browser shows now.
fn remember() {
    let (Some(key), Ok(y)) = (current_key(), window().scroll_y()) else {
        return;
    };
    POSITIONS.with(|p| {
        let mut positions = p.borrow_mut();
        if positions.len() > 200 {
            positions.clear();
        }
        positions.insert(key, y);
    });
}

/// The position to restore for the page the browser shows now, if the user
/// just came back to it with Back or Forward.
pub fn take_for_return() -> Option<f64> {
    let returning =
        LAST_HISTORY_MOVE_MS.with(|t| js_sys::Date::now() - t.get() < RESTORE_WINDOW_MS);
    let key = current_key()?;
    let position = POSITIONS.with(|p| p.borrow_mut().remove(&key));
    position.filter(|_| returning)
}

/// Scrolls the window to `y` once the page has rendered.
pub fn restore(y: f64) {
    request_animation_frame(move || {
        window().scroll_to_with_x_and_y(0.0, y);
    });
}
