//! A page's data from the API, loaded the one way the app loads anything.

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use leptos::prelude::*;
use std::any::Any;
use std::future::Future;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use super::shown_after;
use crate::api::{AbortOnDrop, ApiError};

/// How long a load may take before [`ApiResource::slow`] says so: an answer
/// that comes sooner shows no loading state at all, only its data.
const SLOW_AFTER: Duration = Duration::from_millis(200);

/// An answer, with the input it answers, as a page reads it.
#[derive(Debug)]
pub struct Loaded<'a, K, T> {
    /// The input asked for.
    pub key: &'a K,
    /// What the API said.
    pub result: Result<&'a T, &'a ApiError>,
}

impl<K, T> Clone for Loaded<'_, K, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K, T> Copy for Loaded<'_, K, T> {}

/// A page's data: a [`LocalResource`] keyed on an input, read inside a
/// `Transition`. Cheap to copy.
///
/// It owns what every page's data needs, so that a page reads only what to
/// show:
/// - the request for an input that is no longer current is cancelled at once
///   (a resource runs its fetcher again only once the current request has
///   answered, so this cannot wait for `on_cleanup`), and when the page goes;
/// - a cancelled request is never an error: what was shown stays, and the
///   data is pending until the next answer comes ([`ApiError::Aborted`]
///   never leaves this module);
/// - the latest input's answer wins: the resource drops an older one;
/// - [`ApiResource::pending`], [`ApiResource::slow`] and
///   [`ApiResource::retry`].
///
/// ```ignore
/// let results = use_api_resource(move || query.get(), move |query, abort| {
///     api.list_public(query.to_request(), abort)
/// });
/// view! {
///     <Transition fallback=placeholders>
///         {move || results.with(|answer| answer.map(|answer| view! { <Results answer /> }))}
///     </Transition>
/// }
/// ```
pub struct ApiResource<K, T> {
    core: Core,
    types: PhantomData<fn() -> (K, T)>,
}

impl<K, T> Clone for ApiResource<K, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K, T> Copy for ApiResource<K, T> {}

/// Loads `fetch(input, abort)` for the current `input`, again whenever it
/// changes; `abort` cancels the request (pass it to the API).
pub fn use_api_resource<K, T, Fut>(
    input: impl Fn() -> K + Send + Sync + 'static,
    fetch: impl Fn(K, Option<web_sys::AbortSignal>) -> Fut + 'static,
) -> ApiResource<K, T>
where
    K: Clone + PartialEq + Send + Sync + 'static,
    T: Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let fetch = move |key: &AnyKey, abort| -> LocalBoxFuture<'static, AnyResult> {
        match key.value.downcast_ref::<K>() {
            Some(key) => fetch(key.clone(), abort)
                .map(|result| result.map(|value| Arc::new(value) as AnyValue))
                .boxed_local(),
            None => futures::future::pending().boxed_local(),
        }
    };
    ApiResource {
        core: Core::new(Box::new(move || AnyKey::new(input())), Box::new(fetch)),
        types: PhantomData,
    }
}

impl<K, T> ApiResource<K, T>
where
    K: Clone + PartialEq + Send + Sync + 'static,
    T: Clone + Send + Sync + 'static,
{
    /// Applies `f` to the answer shown: the latest one, which may be for an
    /// older input while the next loads; `None` until there is one
    /// (tracked; inside a `Transition` or `Suspense`, which show their
    /// fallback until then, and only until then).
    pub fn with<R>(&self, f: impl Fn(Option<Loaded<'_, K, T>>) -> R) -> R {
        let mut out = None;
        self.core
            .with(&mut |loaded| out = Some(f(loaded.and_then(Self::typed))));
        match out {
            Some(out) => out,
            None => f(None),
        }
    }

    /// As [`ApiResource::with`], but never makes a `Transition` wait: for
    /// data that must not hold back the view it is read in (app-wide state,
    /// a page's extras).
    pub fn with_quietly<R>(&self, f: impl Fn(Option<Loaded<'_, K, T>>) -> R) -> R {
        self.core
            .shown
            .with(|loaded| f(loaded.as_ref().and_then(Self::typed)))
    }

    fn typed(loaded: &AnyLoaded) -> Option<Loaded<'_, K, T>> {
        Some(Loaded {
            key: loaded.key.value.downcast_ref::<K>()?,
            result: match &loaded.result {
                Ok(value) => Ok(value.downcast_ref::<T>()?),
                Err(err) => Err(err),
            },
        })
    }

    /// The data shown, when it loaded (tracked, quietly).
    pub fn ok(&self) -> Option<T> {
        self.with_quietly(|loaded| loaded.and_then(|loaded| loaded.result.ok().cloned()))
    }

    /// Whether the answer shown answers the current input (tracked).
    pub fn is_current(&self) -> bool {
        self.core.is_current()
    }

    /// True while an answer newer than the one shown is on its way
    /// (tracked).
    pub fn pending(&self) -> bool {
        self.core.pending()
    }

    /// [`ApiResource::pending`] once it has lasted a moment (tracked).
    pub fn slow(&self) -> bool {
        self.core.slow.get()
    }

    /// Asks the API again (after a failure).
    pub fn retry(&self) {
        self.core.resource.refetch();
    }

    /// Sends the request for `key` now, before the input has become `key`
    /// (a view the page is about to move to); the resource takes its answer
    /// when it does. Cancelled, as any other, by another input.
    pub fn prefetch(&self, key: K) {
        self.core.prefetch(AnyKey::new(key));
    }

    /// Changes the data shown in place (after a saved rating, say), without
    /// asking the API.
    pub fn update(&self, change: impl Fn(&mut T)) {
        self.core.update(&|value: &mut AnyValue| {
            if let Some(current) = value.downcast_ref::<T>() {
                let mut changed = current.clone();
                change(&mut changed);
                *value = Arc::new(changed);
            }
        });
    }
}

// The resource itself works on type-erased inputs and values, so that the
// wasm holds one copy of Leptos' resource machinery for all the app's data
// rather than one per kind (about 2 KB brotli each).

type AnyValue = Arc<dyn Any + Send + Sync>;
type AnyResult = Result<AnyValue, ApiError>;
type AnyFetch =
    Box<dyn Fn(&AnyKey, Option<web_sys::AbortSignal>) -> LocalBoxFuture<'static, AnyResult>>;

/// An input, compared by its own type's `PartialEq`.
#[derive(Clone)]
struct AnyKey {
    value: AnyValue,
    same: fn(&AnyValue, &AnyValue) -> bool,
}

impl AnyKey {
    fn new<K: PartialEq + Send + Sync + 'static>(key: K) -> Self {
        Self {
            value: Arc::new(key),
            same: |a, b| a.downcast_ref::<K>() == b.downcast_ref::<K>(),
        }
    }
}

impl PartialEq for AnyKey {
    fn eq(&self, other: &Self) -> bool {
        (self.same)(&self.value, &other.value)
    }
}

#[derive(Clone)]
struct AnyLoaded {
    key: AnyKey,
    result: AnyResult,
}

impl PartialEq for AnyLoaded {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
            && match (&self.result, &other.result) {
                (Ok(a), Ok(b)) => Arc::ptr_eq(a, b),
                (Err(a), Err(b)) => a == b,
                _ => false,
            }
    }
}

/// The request for the latest input: what cancels it, and its answer while
/// nobody has taken it yet (a request sent ahead by `prefetch`).
struct InFlight {
    key: AnyKey,
    _abort: AbortOnDrop,
    waiting: Option<Shared<LocalBoxFuture<'static, AnyResult>>>,
}

#[derive(Clone, Copy)]
struct Core {
    /// `None` while a request cancelled before any answer makes way for the
    /// next.
    resource: LocalResource<Option<AnyLoaded>>,
    /// The answer shown, read through a memo made with the resource, so
    /// that reading it does not make the reader's `Transition` wait.
    shown: Memo<Option<AnyLoaded>>,
    input: Memo<AnyKey>,
    loading: RwSignal<bool>,
    slow: Signal<bool>,
    in_flight: StoredValue<Option<InFlight>, LocalStorage>,
    fetch: StoredValue<AnyFetch, LocalStorage>,
    /// The answer shown, kept for when a cancelled request makes way for
    /// the next.
    last_answer: StoredValue<Option<AnyLoaded>, LocalStorage>,
}

impl Core {
    fn new(input: Box<dyn Fn() -> AnyKey + Send + Sync>, fetch: AnyFetch) -> Self {
        let input = Memo::new(move |_| input());
        let loading = RwSignal::new(true);
        let in_flight = StoredValue::new_local(None::<InFlight>);
        let fetch = StoredValue::new_local(fetch);
        let last_answer = StoredValue::new_local(None::<AnyLoaded>);

        // A new input cancels the request for the old one.
        Effect::new(move |_| {
            let now = input.get();
            let outdated = in_flight
                .try_with_value(|sent| sent.as_ref().is_some_and(|sent| sent.key != now))
                .unwrap_or(false);
            if outdated {
                // Dropping the guard aborts its request.
                in_flight.try_set_value(None);
            }
        });
        on_cleanup(move || {
            in_flight.try_set_value(None);
        });

        let resource = LocalResource::new(move || {
            let key = input.get();
            loading.try_set(true);
            let answer = Self::request(in_flight, fetch, &key);
            async move {
                let result = match answer {
                    Some(answer) => answer.await,
                    None => Err(ApiError::Aborted),
                };
                if let Err(ApiError::Aborted) = result {
                    // The next input's request is on its way: what is shown
                    // stays.
                    return last_answer.try_get_value().flatten();
                }
                let loaded = AnyLoaded { key, result };
                last_answer.try_set_value(Some(loaded.clone()));
                loading.try_set(false);
                Some(loaded)
            }
        });
        let shown = Memo::new(move |_| {
            resource
                .try_with(|loaded| loaded.clone().flatten())
                .flatten()
        });
        let core = Self {
            resource,
            shown,
            input,
            loading,
            slow: Signal::stored(false),
            in_flight,
            fetch,
            last_answer,
        };
        let pending = Signal::derive(move || core.pending());
        Self {
            slow: shown_after(pending, SLOW_AFTER),
            ..core
        }
    }

    /// The answer to the request for `key`: the one sent ahead for it, or a
    /// new one (which cancels any other).
    fn request(
        in_flight: StoredValue<Option<InFlight>, LocalStorage>,
        fetch: StoredValue<AnyFetch, LocalStorage>,
        key: &AnyKey,
    ) -> Option<Shared<LocalBoxFuture<'static, AnyResult>>> {
        let sent_ahead = in_flight
            .try_update_value(|sent| {
                sent.as_mut()
                    .filter(|sent| sent.key == *key)
                    .and_then(|sent| sent.waiting.take())
            })
            .flatten();
        if sent_ahead.is_some() {
            return sent_ahead;
        }
        let abort = AbortOnDrop::new();
        let answer = fetch.try_with_value(|fetch| fetch(key, abort.signal()))?;
        in_flight.try_set_value(Some(InFlight {
            key: key.clone(),
            _abort: abort,
            waiting: None,
        }));
        Some(answer.shared())
    }

    /// Calls `f` once with the answer shown (tracked).
    fn with(&self, f: &mut dyn FnMut(Option<&AnyLoaded>)) {
        // Once an answer is shown it stays until the next, so later loads
        // need not make a `Transition` wait. Leptos' `Transition` would
        // otherwise show its fallback once more, on the first change, when
        // the first answer came before it looked again (an early answer:
        // leptos-rs/leptos#4622), replacing every card by a placeholder.
        if self.shown.with_untracked(Option::is_some) {
            return self.shown.with(|loaded| f(loaded.as_ref()));
        }
        let read = self
            .resource
            .try_with(|loaded| f(loaded.as_ref().and_then(Option::as_ref)));
        if read.is_none() {
            f(None);
        }
    }

    fn is_current(&self) -> bool {
        self.shown.with(|loaded| {
            loaded
                .as_ref()
                .is_some_and(|loaded| self.input.with(|input| *input == loaded.key))
        })
    }

    fn pending(&self) -> bool {
        self.loading.get() || !self.is_current()
    }

    fn prefetch(&self, key: AnyKey) {
        let known = self.input.with_untracked(|input| *input == key)
            || self
                .in_flight
                .try_with_value(|sent| sent.as_ref().is_some_and(|sent| sent.key == key))
                .unwrap_or(true);
        if known {
            return;
        }
        let abort = AbortOnDrop::new();
        let Some(answer) = self
            .fetch
            .try_with_value(|fetch| fetch(&key, abort.signal()))
        else {
            return;
        };
        self.in_flight.try_set_value(Some(InFlight {
            key,
            _abort: abort,
            waiting: Some(answer.shared()),
        }));
    }

    fn update(&self, change: &dyn Fn(&mut AnyValue)) {
        let apply = |loaded: &mut Option<AnyLoaded>| {
            if let Some(AnyLoaded {
                result: Ok(value), ..
            }) = loaded
            {
                change(value);
            }
        };
        self.last_answer.try_update_value(apply);
        self.resource.try_update(|loaded| {
            if let Some(loaded) = loaded {
                apply(loaded);
            }
        });
    }
}
