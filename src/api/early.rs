//! Requests the boot script sent before the wasm arrived.
//!
//! Downloading and starting the wasm is the longest part of a first load.
//! Meanwhile the boot script (written by `scripts/finalize-dist.mjs`) reads
//! `config.json` and, when the page is the bare catalog or an image's page,
//! sends that page's first API request, exactly as the app would. It leaves
//! the pending responses in `window.__dockyardEarly`, keyed by URL, and a
//! promise, `settled`, that says it has sent what it would. The app waits for
//! that, then takes a response when it is about to send that very request, so
//! nothing is sent twice; a request the boot script did not foresee is sent
//! as usual.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

const EARLY_RESPONSES: &str = "__dockyardEarly";
const SETTLED: &str = "settled";

fn early_responses() -> Option<js_sys::Object> {
    let window = web_sys::window()?;
    let early = js_sys::Reflect::get(&window, &JsValue::from_str(EARLY_RESPONSES)).ok()?;
    early.dyn_into::<js_sys::Object>().ok()
}

/// Waits until the boot script has sent the requests it sends (at once if
/// there is no boot script).
pub(crate) async fn early_requests_sent() {
    let settled = early_responses()
        .and_then(|early| js_sys::Reflect::get(&early, &JsValue::from_str(SETTLED)).ok())
        .and_then(|settled| settled.dyn_into::<js_sys::Promise>().ok());
    if let Some(settled) = settled {
        let _ = JsFuture::from(settled).await;
    }
}

/// The boot script's pending response to a GET of `url`, if it sent one.
/// Each is taken once: a later request for the same URL is a new one.
pub(crate) fn take_early_response(url: &str) -> Option<js_sys::Promise> {
    let early = early_responses()?;
    let key = JsValue::from_str(url);
    let response = js_sys::Reflect::get(&early, &key).ok()?;
    let _ = js_sys::Reflect::delete_property(&early, &key);
    response.dyn_into::<js_sys::Promise>().ok()
}
