//! Loads data for a view so that only the newest request's answer is ever shown.

use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;
use web_sys::AbortSignal;

use crate::api::{AbortOnDrop, ApiError};

/// The state of a view's data: the last good value, the last error, and
/// whether a request is running. Starting a request aborts the one before,
/// and an answer that arrives after a newer request started is dropped.
///
/// ```ignore
/// let images = LatestFetch::new();
/// Effect::new(move |_| {
///     let request = query.get().to_request();
///     images.start("page 1", move |abort| api.list_public(&request, abort));
/// });
/// ```
pub struct LatestFetch<T: Send + Sync + 'static> {
    /// The newest value that arrived (kept while a newer one loads).
    pub data: RwSignal<Option<T>>,
    /// The error of the newest request, if it failed.
    pub error: RwSignal<Option<ApiError>>,
    /// True while a request is running.
    pub loading: RwSignal<bool>,
    /// What the shown data or error answers (the `tag` given to `start`).
    pub answered: RwSignal<Option<String>>,
    inflight: StoredValue<Option<AbortOnDrop>, LocalStorage>,
    generation: StoredValue<u64>,
    /// The tag of the newest request started or value set.
    last_asked: StoredValue<Option<String>>,
}

impl<T: Send + Sync + 'static> Clone for LatestFetch<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for LatestFetch<T> {}

impl<T: Send + Sync + 'static> Default for LatestFetch<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Send + Sync + 'static> LatestFetch<T> {
    /// Nothing loaded yet.
    pub fn new() -> Self {
        Self {
            data: RwSignal::new(None),
            error: RwSignal::new(None),
            loading: RwSignal::new(false),
            answered: RwSignal::new(None),
            inflight: StoredValue::new_local(None),
            generation: StoredValue::new(0),
            last_asked: StoredValue::new(None),
        }
    }

    /// Starts a request, cancelling the one before. `request` gets the abort
    /// signal to hand to the API client; `tag` says what it asks for.
    pub fn start<F, Fut>(&self, tag: impl Into<String>, request: F)
    where
        F: FnOnce(Option<AbortSignal>) -> Fut,
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        let Some(generation) = self.next_generation() else {
            return;
        };
        let abort = AbortOnDrop::new();
        let future = request(abort.signal());
        // Dropping the previous guard aborts the previous request.
        self.inflight.try_set_value(Some(abort));
        // The last error answered an older request: while this one runs the
        // view shows that it is loading (Retry gives visible progress).
        self.error.set(None);
        self.loading.set(true);
        let this = *self;
        self.last_asked.try_set_value(Some(tag.into()));
        spawn_local(async move {
            let result = future.await;
            if this.generation.try_get_value() != Some(generation) {
                return;
            }
            // This is still the newest request: it answers what was last
            // asked, its own tag or the one `also_answers` gave it.
            let tag = this.last_asked.try_get_value().flatten();
            match result {
                Ok(value) => {
                    this.data.set(Some(value));
                    this.error.set(None);
                }
                Err(ApiError::Aborted) => {}
                Err(err) => this.error.set(Some(err)),
            }
            this.answered.set(tag);
            this.loading.set(false);
            this.inflight.try_set_value(None);
        });
    }

    /// Shows `value` at once (from a cache), cancelling any running request.
    pub fn set_ready(&self, tag: impl Into<String>, value: T) {
        if self.next_generation().is_none() {
            return;
        }
        self.inflight.try_set_value(None);
        let tag = tag.into();
        self.last_asked.try_set_value(Some(tag.clone()));
        self.data.set(Some(value));
        self.error.set(None);
        self.answered.set(Some(tag));
        self.loading.set(false);
    }

    /// Whether `tag` is what the newest request (running or answered) or
    /// value asked for: a view that starts a request ahead of its trigger
    /// uses this not to send it twice.
    pub fn last_asked_is(&self, tag: &str) -> bool {
        self.last_asked
            .try_with_value(|last| last.as_deref() == Some(tag))
            .unwrap_or(false)
    }

    /// If a request is running, lets it answer `tag` too (another way to
    /// ask the same thing) instead of starting the same request again, and
    /// returns true; returns false if none is running.
    pub fn also_answers(&self, tag: impl Into<String>) -> bool {
        if !self.loading.get_untracked() {
            return false;
        }
        self.last_asked.try_set_value(Some(tag.into()));
        true
    }

    fn next_generation(&self) -> Option<u64> {
        self.generation.try_update_value(|g| {
            *g += 1;
            *g
        })
    }
}
