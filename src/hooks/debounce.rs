//! Runs an action once input has been quiet for a while.

use leptos::prelude::*;
use std::time::Duration;

/// Delays `action` until `delay` has passed without another call; each call
/// restarts the wait and only the last value is used. `flush` runs a pending
/// call at once, `cancel` drops it.
///
/// ```ignore
/// let search = Debounced::new(Duration::from_millis(300), move |text: String| commit(text));
/// search.call("ubu".into()); // nothing yet
/// search.call("ubuntu".into()); // runs once, 300 ms later, with "ubuntu"
/// ```
pub struct Debounced<T: 'static> {
    pending: StoredValue<Option<(TimeoutHandle, T)>, LocalStorage>,
    action: StoredValue<Box<dyn Fn(T)>, LocalStorage>,
    delay: Duration,
}

impl<T: 'static> Clone for Debounced<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for Debounced<T> {}

impl<T: Clone + 'static> Debounced<T> {
    /// A debouncer for `action`.
    pub fn new(delay: Duration, action: impl Fn(T) + 'static) -> Self {
        let this = Self {
            pending: StoredValue::new_local(None),
            action: StoredValue::new_local(Box::new(action)),
            delay,
        };
        on_cleanup(move || this.cancel());
        this
    }

    /// Schedules `value`, replacing a pending one.
    pub fn call(&self, value: T) {
        self.cancel();
        let this = *self;
        if let Ok(handle) = set_timeout_with_handle(move || this.flush(), self.delay) {
            self.pending.try_set_value(Some((handle, value)));
        } else {
            // No timers (should not happen in a browser): act at once.
            self.action.try_with_value(|action| action(value));
        }
    }

    /// Runs the pending call now, if any.
    pub fn flush(&self) {
        let pending = self
            .pending
            .try_update_value(|pending| pending.take())
            .flatten();
        if let Some((handle, value)) = pending {
            handle.clear();
            self.action.try_with_value(|action| action(value));
        }
    }

    /// Drops the pending call, if any.
    pub fn cancel(&self) {
        if let Some(Some((handle, _))) = self.pending.try_update_value(|pending| pending.take()) {
            handle.clear();
        }
    }

    /// True while a call waits.
    pub fn is_pending(&self) -> bool {
        self.pending
            .try_with_value(Option::is_some)
            .unwrap_or(false)
    }
}
