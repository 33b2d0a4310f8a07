//! Loading indicators that appear only when loading is slow.

use leptos::prelude::*;
use std::time::Duration;

/// `flag`, except that it turns true only once `flag` has stayed true for
/// `delay`; it turns false at once. A dimmed grid or a progress bar for an
/// answer that comes in 50 ms is only a flicker, and it costs a restyle and
/// a repaint of the whole grid twice.
pub fn shown_after(flag: Signal<bool>, delay: Duration) -> Signal<bool> {
    let shown = RwSignal::new(false);
    let timer = StoredValue::new_local(None::<TimeoutHandle>);
    let clear_timer = move || {
        if let Some(handle) = timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    };
    Effect::new(move |_| {
        clear_timer();
        if flag.get() {
            if let Ok(handle) = set_timeout_with_handle(
                move || {
                    shown.try_set(true);
                },
                delay,
            ) {
                timer.set_value(Some(handle));
            }
        } else {
            shown.set(false);
        }
    });
    on_cleanup(clear_timer);
    shown.into()
}
