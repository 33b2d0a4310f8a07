//! The HTTP client: the only code that sends requests.

use js_sys::Promise;
use std::future::Future;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal, Headers, Request, RequestInit, Response};

use super::base::ApiBase;
use super::early::take_early_response;
use super::error::{decode_response, ApiError};
use super::requests::{Endpoint, Method};

/// Sends typed requests to the API at one base URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiClient {
    base: ApiBase,
}

impl ApiClient {
    /// A client for the API at `base`.
    pub fn new(base: ApiBase) -> Self {
        Self { base }
    }

    /// The API's base URL.
    pub fn base(&self) -> &ApiBase {
        &self.base
    }

    /// The full URL a request goes to (also the key of the response cache).
    pub fn url_of<E: Endpoint>(&self, endpoint: &E) -> String {
        self.base.url_for(&endpoint.path_and_query())
    }

    /// Sends `endpoint` and decodes its `data`.
    ///
    /// The request leaves at once (not when the future is first polled), so
    /// a page can start loading before it has finished building its view.
    /// The bearer `token` is attached only to endpoints that need it, and every
    /// request goes to the API's base URL, so the token never leaves for
    /// another origin. An endpoint that needs a token fails with
    /// [`ApiError::Unauthorized`] without a request when there is none.
    /// `abort` cancels the request: the future then ends with [`ApiError::Aborted`].
    pub fn send<E: Endpoint>(
        &self,
        endpoint: &E,
        token: Option<&str>,
        abort: Option<AbortSignal>,
    ) -> impl Future<Output = Result<E::Data, ApiError>> + 'static {
        let dispatched = self.dispatch(endpoint, token, abort.as_ref());
        async move {
            let response = JsFuture::from(dispatched?).await;
            let is_aborted = || abort.as_ref().is_some_and(AbortSignal::aborted);
            let response: Response = response.and_then(|value| value.dyn_into()).map_err(|_| {
                if is_aborted() {
                    ApiError::Aborted
                } else {
                    ApiError::Network
                }
            })?;
            let status = response.status();
            let body = match response.text() {
                Ok(promise) => JsFuture::from(promise)
                    .await
                    .ok()
                    .and_then(|text| text.as_string()),
                Err(_) => None,
            };
            if is_aborted() {
                return Err(ApiError::Aborted);
            }
            // `None`: the connection broke while the body was arriving.
            let body = body.ok_or_else(|| ApiError::UnexpectedResponse {
                status,
                detail: "the body could not be read".to_string(),
            })?;
            decode_response(status, &body)
        }
    }

    /// Builds the request exactly as `url_of` encodes it and hands it to `fetch`.
    fn dispatch<E: Endpoint>(
        &self,
        endpoint: &E,
        token: Option<&str>,
        abort: Option<&AbortSignal>,
    ) -> Result<Promise, ApiError> {
        // The app's opening request may already be on its way (see `early`).
        let unauthenticated_get = matches!(E::METHOD, Method::Get) && !E::NEEDS_AUTH;
        if unauthenticated_get && abort.is_none() {
            if let Some(response) = take_early_response(&self.url_of(endpoint)) {
                return Ok(response);
            }
        }
        let headers = Headers::new().map_err(|_| ApiError::Network)?;
        let _ = headers.set("Accept", "application/json");
        if E::NEEDS_AUTH {
            let Some(token) = token else {
                return Err(ApiError::Unauthorized {
                    message: "Authentication required".to_string(),
                });
            };
            let _ = headers.set("Authorization", &format!("Bearer {token}"));
        }
        let init = RequestInit::new();
        init.set_method(match E::METHOD {
            Method::Get => "GET",
            Method::Post => "POST",
        });
        if let Some(body) = endpoint.json_body() {
            let _ = headers.set("Content-Type", "application/json");
            init.set_body(&JsValue::from_str(&body));
        }
        init.set_headers(&headers);
        if let Some(signal) = abort {
            init.set_signal(Some(signal));
        }
        let request = Request::new_with_str_and_init(&self.url_of(endpoint), &init)
            .map_err(|_| ApiError::Network)?;
        let window = web_sys::window().ok_or(ApiError::Network)?;
        Ok(window.fetch_with_request(&request))
    }
}

/// Cancels its request when dropped, so a replaced request never lands.
#[derive(Debug)]
pub struct AbortOnDrop {
    controller: Option<AbortController>,
}

impl AbortOnDrop {
    /// A fresh controller.
    pub fn new() -> Self {
        Self {
            controller: AbortController::new().ok(),
        }
    }

    /// The signal to pass to [`ApiClient::send`].
    pub fn signal(&self) -> Option<AbortSignal> {
        self.controller.as_ref().map(AbortController::signal)
    }
}

impl Default for AbortOnDrop {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if let Some(controller) = self.controller.take() {
            controller.abort();
        }
    }
}
