//! The catalog's first page, requested while the app is still starting.
//!
//! Building the app takes longer than the catalog request on a good
//! connection. Sending that request before the build, and waiting a moment
//! for it, lets the first render show the cards instead of placeholders that
//! are drawn, laid out and replaced a few milliseconds later. If the answer is
//! slow, the app starts anyway and the page takes over the request in flight.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

use crate::api::{ApiClient, ApiError, PublicImageList};
use crate::catalog_query::CatalogQuery;

type Answer = Result<PublicImageList, ApiError>;

/// The first catalog request, sent before the app is built.
pub struct FirstList {
    url: String,
    /// Settles once the answer is in `answer`.
    settled: js_sys::Promise,
    answer: Rc<RefCell<Option<Answer>>>,
}

impl FirstList {
    /// Sends the request the catalog makes for the query string `search` (the
    /// same request, so that the page finds it by its URL).
    pub fn send(client: &ApiClient, search: &str) -> Self {
        let request = CatalogQuery::from_query_string(search).to_request();
        let url = client.url_of(&request);
        let pending = client.send(&request, None, None);
        let answer = Rc::new(RefCell::new(None));
        let slot = answer.clone();
        let settled = future_to_promise(async move {
            let result = pending.await;
            slot.borrow_mut().replace(result);
            Ok(JsValue::UNDEFINED)
        });
        Self {
            url,
            settled,
            answer,
        }
    }

    /// The URL it asked for.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Waits until the answer is in, or `timeout_ms` has passed.
    pub async fn wait_at_most(&self, timeout_ms: i32) {
        let timeout = js_sys::Promise::new(&mut |resolve, _| {
            if let Some(window) = web_sys::window() {
                let _ = window
                    .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, timeout_ms);
            }
        });
        let race = js_sys::Promise::race(&js_sys::Array::of2(&self.settled, &timeout));
        let _ = JsFuture::from(race).await;
    }

    /// The answer, if it is already in.
    pub fn ready(&self) -> Option<Answer> {
        self.answer.borrow().clone()
    }

    /// The answer, once it is in.
    pub async fn answer(self) -> Answer {
        let _ = JsFuture::from(self.settled).await;
        self.answer
            .borrow_mut()
            .take()
            .unwrap_or(Err(ApiError::Aborted))
    }
}
