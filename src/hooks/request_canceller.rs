//! Cancelling a resource's request when its input changes.

use leptos::prelude::*;

use crate::api::AbortOnDrop;

/// Abort signals for the requests of a resource keyed on some input: each
/// request takes one with [`RequestCanceller::signal`], naming the input it
/// answers, and a change of the input cancels the request in flight for an
/// older input, as does the page going away.
///
/// A resource runs its fetcher again only once its current request has
/// answered, so cancelling from inside the fetcher (`on_cleanup`) would come
/// too late; this cancels as soon as the input changes. The fetcher may run
/// before or after the effect that sees the change, so a request is only
/// cancelled when the input it answers is no longer the current one.
///
/// ```ignore
/// let canceller = RequestCanceller::new(move || query.get());
/// let results = LocalResource::new(move || {
///     let query = query.get();
///     api.list_public(query.to_request(), canceller.signal(query))
/// });
/// ```
pub struct RequestCanceller<K: 'static> {
    in_flight: StoredValue<Option<(K, AbortOnDrop)>, LocalStorage>,
}

impl<K: 'static> Clone for RequestCanceller<K> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K: 'static> Copy for RequestCanceller<K> {}

impl<K: PartialEq + 'static> RequestCanceller<K> {
    /// Cancels the request in flight whenever `input` moves away from the
    /// input it was sent for.
    pub fn new(input: impl Fn() -> K + 'static) -> Self {
        let in_flight = StoredValue::new_local(None::<(K, AbortOnDrop)>);
        Effect::watch(
            input,
            move |now, _, _| {
                let outdated = in_flight
                    .try_with_value(|sent| sent.as_ref().is_some_and(|(key, _)| key != now))
                    .unwrap_or(false);
                if outdated {
                    // Dropping the guard aborts its request.
                    in_flight.try_set_value(None);
                }
            },
            false,
        );
        on_cleanup(move || {
            in_flight.try_set_value(None);
        });
        Self { in_flight }
    }

    /// A signal for the request answering `input` (the one before is
    /// cancelled).
    pub fn signal(&self, input: K) -> Option<web_sys::AbortSignal> {
        let guard = AbortOnDrop::new();
        let signal = guard.signal();
        self.in_flight.try_set_value(Some((input, guard)));
        signal
    }
}
