//! The opening page's request, sent before the app is built.
//!
//! Downloading and starting the wasm is the longest part of a first load.
//! Meanwhile the boot script (`src/boot/boot.js`) reads `config.json` and,
//! when the page is the bare catalog or an image's page, sends that page's
//! first API request, the very one the page will make. It leaves the pending
//! responses in `window.__dockyardEarly`, keyed by URL, and a promise,
//! `settled`, that says it has sent what it would. Once started, the app
//! sends any other opening request the same way ([`ApiClient::request_early`]),
//! and waits a moment for the answers before it builds the page, so that
//! the first render shows the data. The client takes a response when it is
//! about to send that very request, so nothing is sent twice.
//!
//! [`ApiClient::request_early`]: super::ApiClient::request_early

use std::cell::RefCell;
use std::collections::HashMap;

use js_sys::{Array, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

const EARLY_RESPONSES: &str = "__dockyardEarly";
const SETTLED: &str = "settled";

/// A response of the boot script's, as the client takes it.
pub(crate) enum EarlyResponse {
    /// Still on its way: a promise of a `Response`.
    Pending(Promise),
    /// In and read.
    Read { status: u16, body: String },
}

thread_local! {
    /// Responses read while the app waited for them, by URL.
    static READ: RefCell<HashMap<String, (u16, String)>> = RefCell::new(HashMap::new());
}

// This module uses `web_sys::window()` rather than Leptos' `window()`, which
// throws where there is none: it runs before the app is built, and an early
// response is only ever a head start, never a reason to fail.
fn early_responses() -> Option<Object> {
    let window = web_sys::window()?;
    let early = Reflect::get(&window, &JsValue::from_str(EARLY_RESPONSES)).ok()?;
    early.dyn_into::<Object>().ok()
}

/// Waits until the boot script has sent the requests it sends (at once if
/// there is no boot script).
pub(crate) async fn early_requests_sent() {
    let settled = early_responses()
        .and_then(|early| Reflect::get(&early, &JsValue::from_str(SETTLED)).ok())
        .and_then(|settled| settled.dyn_into::<Promise>().ok());
    if let Some(settled) = settled {
        let _ = JsFuture::from(settled).await;
    }
}

/// Waits up to `timeout_ms` for the boot script's API responses to arrive,
/// and reads those that do, so that the page that asks for them can show
/// them in its first render. The others stay pending for the client.
pub async fn read_early_responses(timeout_ms: i32) {
    let Some(early) = early_responses() else {
        return;
    };
    let pending: Vec<(String, Promise)> = Object::entries(&early)
        .iter()
        .filter_map(|entry| {
            let entry: Array = entry.dyn_into().ok()?;
            let url = entry.get(0).as_string().filter(|key| key != SETTLED)?;
            Some((url, entry.get(1).dyn_into::<Promise>().ok()?))
        })
        .collect();
    if pending.is_empty() {
        return;
    }
    let deadline = js_sys::Date::now() + f64::from(timeout_ms);
    for (url, promise) in pending {
        let read = async {
            let response: web_sys::Response =
                JsFuture::from(promise).await.ok()?.dyn_into().ok()?;
            // A copy is read, so that if the wait ends first the client
            // still finds the body unread.
            let text = JsFuture::from(response.clone().ok()?.text().ok()?)
                .await
                .ok()?
                .as_string()?;
            Some((response.status(), text))
        };
        let left = (deadline - js_sys::Date::now()).max(0.0) as i32;
        if let Some(Some((status, body))) = within(left, read).await {
            let _ = Reflect::delete_property(&early, &JsValue::from_str(&url));
            READ.with(|read| read.borrow_mut().insert(url, (status, body)));
        }
    }
}

/// `future`'s output, unless `timeout_ms` passes first.
async fn within<T>(timeout_ms: i32, future: impl std::future::Future<Output = T>) -> Option<T> {
    use futures::future::{select, Either};
    let timer = Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ =
                window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, timeout_ms);
        }
    });
    match select(Box::pin(future), JsFuture::from(timer)).await {
        Either::Left((output, _)) => Some(output),
        Either::Right(_) => None,
    }
}

/// Whether a request for `url` has been sent early.
pub(crate) fn has_early_response(url: &str) -> bool {
    READ.with(|read| read.borrow().contains_key(url))
        || early_responses()
            .is_some_and(|early| Reflect::has(&early, &JsValue::from_str(url)).unwrap_or(false))
}

/// Leaves `response`, a promise of a `Response` to a GET of `url`, for the
/// page that will ask for it.
pub(crate) fn put_early_response(url: &str, response: Promise) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let early = early_responses().unwrap_or_else(|| {
        let early = Object::new();
        let _ = Reflect::set(&window, &JsValue::from_str(EARLY_RESPONSES), &early);
        early
    });
    // A failure is the page's to report once it takes the response; until
    // then it must not surface as an unhandled rejection.
    let ignore = wasm_bindgen::closure::Closure::<dyn FnMut(JsValue)>::new(|_| {});
    let _ = response.catch(&ignore);
    ignore.forget();
    let _ = Reflect::set(&early, &JsValue::from_str(url), &response);
}

/// The early response to a GET of `url`, if one was sent. Each is
/// taken once: a later request for the same URL is a new one.
pub(crate) fn take_early_response(url: &str) -> Option<EarlyResponse> {
    if let Some((status, body)) = READ.with(|read| read.borrow_mut().remove(url)) {
        return Some(EarlyResponse::Read { status, body });
    }
    let early = early_responses()?;
    let key = JsValue::from_str(url);
    let response = Reflect::get(&early, &key).ok()?;
    let _ = Reflect::delete_property(&early, &key);
    response
        .dyn_into::<Promise>()
        .ok()
        .map(EarlyResponse::Pending)
}
