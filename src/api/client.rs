//! The HTTP client: the only code that sends requests.

use gloo_net::http::Request;
use web_sys::{AbortController, AbortSignal};

use super::base::ApiBase;
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
    /// The bearer `token` is attached only to endpoints that need it, and every
    /// request goes to the API's base URL, so the token never leaves for
    /// another origin. An endpoint that needs a token fails with
    /// [`ApiError::Unauthorized`] without a request when there is none.
    /// `abort` cancels the request: the future then ends with [`ApiError::Aborted`].
    pub async fn send<E: Endpoint>(
        &self,
        endpoint: &E,
        token: Option<&str>,
        abort: Option<&AbortSignal>,
    ) -> Result<E::Data, ApiError> {
        let url = self.url_of(endpoint);
        // The request is built from web-sys directly: the URL is sent exactly
        // as `url_of` encoded it, with nothing appended.
        let headers = web_sys::Headers::new().map_err(|_| ApiError::Network)?;
        let _ = headers.set("Accept", "application/json");
        if E::NEEDS_AUTH {
            let Some(token) = token else {
                return Err(ApiError::Unauthorized {
                    message: "Authentication required".to_string(),
                });
            };
            let _ = headers.set("Authorization", &format!("Bearer {token}"));
        }
        let init = web_sys::RequestInit::new();
        init.set_method(match E::METHOD {
            Method::Get => "GET",
            Method::Post => "POST",
        });
        if let Some(body) = endpoint.json_body() {
            let _ = headers.set("Content-Type", "application/json");
            init.set_body(&wasm_bindgen::JsValue::from_str(&body));
        }
        init.set_headers(&headers);
        if let Some(signal) = abort {
            init.set_signal(Some(signal));
        }
        let request = web_sys::Request::new_with_str_and_init(&url, &init)
            .map(Request::from)
            .map_err(|_| ApiError::Network)?;
        let is_aborted = || abort.is_some_and(AbortSignal::aborted);
        let response = request.send().await.map_err(|_| {
            if is_aborted() {
                ApiError::Aborted
            } else {
                ApiError::Network
            }
        })?;
        let status = response.status();
        let body = response.text().await.map_err(|_| {
            if is_aborted() {
                ApiError::Aborted
            } else {
                // The connection broke while the body was arriving.
                ApiError::UnexpectedResponse {
                    status,
                    detail: "the body could not be read".to_string(),
                }
            }
        })?;
        if is_aborted() {
            return Err(ApiError::Aborted);
        }
        decode_response(status, &body)
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
