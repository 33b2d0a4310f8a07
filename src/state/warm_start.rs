//! The first page's data, requested while the app is still starting.
//!
//! Building the app takes longer than the page's request on a good
//! connection. Sending that request before the build, and waiting a moment
//! for it, lets the first render show the data instead of placeholders that
//! are drawn, laid out and replaced a few milliseconds later. If the answer is
//! slow, the app starts anyway and the page takes over the request in flight.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

use crate::api::{ApiClient, ApiError, Endpoint, GetPublicImage, PublicImage, PublicImageList};
use crate::catalog_query::CatalogQuery;
use crate::routes;

/// What the app asked the API for before it was built: the data of the page
/// it opens on.
pub enum WarmStart {
    /// The catalog's first page of results.
    Catalog(FirstRequest<PublicImageList>),
    /// An image's details.
    Image(FirstRequest<PublicImage>),
}

impl WarmStart {
    /// Sends the request of the page at `pathname` with the query `search`,
    /// if that page loads data as it opens: the very request the page makes,
    /// so that it finds it by its URL.
    pub fn send(client: &ApiClient, pathname: &str, search: &str) -> Option<Self> {
        if routes::is_catalog_path(pathname) {
            let request = CatalogQuery::from_query_string(search).to_request();
            return Some(Self::Catalog(FirstRequest::send(client, &request)));
        }
        let id = routes::plain_image_id_in_path(pathname)?;
        Some(Self::Image(FirstRequest::send(
            client,
            &GetPublicImage { id },
        )))
    }

    /// Waits until the answer is in, or `timeout_ms` has passed.
    pub async fn wait_at_most(&self, timeout_ms: i32) {
        let settled = match self {
            Self::Catalog(request) => &request.settled,
            Self::Image(request) => &request.settled,
        };
        let timeout = js_sys::Promise::new(&mut |resolve, _| {
            if let Some(window) = web_sys::window() {
                let _ = window
                    .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, timeout_ms);
            }
        });
        let race = js_sys::Promise::race(&js_sys::Array::of2(settled, &timeout));
        let _ = JsFuture::from(race).await;
    }
}

/// One request sent before the app was built, with its answer once it is in.
pub struct FirstRequest<T> {
    url: String,
    /// Settles once the answer is in `answer`.
    settled: js_sys::Promise,
    answer: Rc<RefCell<Option<Result<T, ApiError>>>>,
}

impl<T: Clone + 'static> FirstRequest<T> {
    fn send<E: Endpoint<Data = T>>(client: &ApiClient, endpoint: &E) -> Self {
        let url = client.url_of(endpoint);
        let pending = client.send(endpoint, None, None);
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

    /// The answer, if it is already in.
    pub fn ready(&self) -> Option<Result<T, ApiError>> {
        self.answer.borrow().clone()
    }

    /// The answer, once it is in.
    pub async fn answer(self) -> Result<T, ApiError> {
        let _ = JsFuture::from(self.settled).await;
        self.answer
            .borrow_mut()
            .take()
            .unwrap_or(Err(ApiError::Aborted))
    }
}
