//! The HTTP client: the only code that sends requests.

use gloo_net::http::{Method as HttpMethod, Request, RequestBuilder, Response};
use std::future::Future;
use std::task::{Context, Poll, Waker};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal};

use super::base::ApiBase;
use super::early::{has_early_response, put_early_response, take_early_response, EarlyResponse};
use super::error::{decode_response, ApiError};
use super::requests::{Endpoint, Method};

/// The longest URL the app sends: the reference server, like most servers
/// and proxies, refuses a longer request line (HTTP 414).
pub const MAX_URL_BYTES: usize = 8 * 1024;

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

    /// The full URL of a request (also the key of the response cache).
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
    /// The request leaves when `send` is called, whether or not the future
    /// is awaited.
    pub fn send<E: Endpoint>(
        &self,
        endpoint: &E,
        token: Option<&str>,
        abort: Option<AbortSignal>,
    ) -> impl Future<Output = Result<E::Data, ApiError>> + 'static {
        // The page's opening request may already be on its way, or in (see `early`).
        let is_public_read = matches!(E::METHOD, Method::Get) && !E::NEEDS_AUTH;
        let url = self.url_of(endpoint);
        // One the API would refuse for its length is not sent (a hostile id
        // in the address bar): the answer is the API's own refusal.
        let too_long = url.len() > MAX_URL_BYTES;
        let early = is_public_read.then(|| take_early_response(&url)).flatten();
        let request = match early {
            Some(_) => None,
            None if too_long => None,
            None => Some(
                self.request(endpoint, token, abort.as_ref())
                    .map(|request| started(request.send())),
            ),
        };
        // What the page does not show of an answer it cannot read goes to the console.
        let reported = move |result: Result<E::Data, ApiError>| {
            if let Err(error) = &result {
                report_unexpected(&url, error);
            }
            result
        };
        async move {
            let is_aborted = || abort.as_ref().is_some_and(AbortSignal::aborted);
            let response = match (early, request) {
                (Some(EarlyResponse::Read { status, body }), _) => {
                    return reported(decode_response(status, &body));
                }
                (Some(EarlyResponse::Pending(promise)), _) => JsFuture::from(promise)
                    .await
                    .ok()
                    .and_then(|value| value.dyn_into::<web_sys::Response>().ok())
                    .map(Response::from)
                    .ok_or(ApiError::Network),
                (None, Some(Ok(sending))) => sending.await.map_err(|_| {
                    if is_aborted() {
                        ApiError::Aborted
                    } else {
                        ApiError::Network
                    }
                }),
                (None, Some(Err(err))) => Err(err),
                (None, None) => Err(ApiError::Api {
                    status: 414,
                    error: "URI Too Long".to_string(),
                    message: "Request URI too long".to_string(),
                }),
            }?;
            let status = response.status();
            let body = response.text().await;
            if is_aborted() {
                return Err(ApiError::Aborted);
            }
            let Ok(body) = body else {
                // The connection broke while the body was arriving.
                return reported(Err(ApiError::UnexpectedResponse {
                    status,
                    detail: "the body could not be read".to_string(),
                }));
            };
            reported(decode_response(status, &body))
        }
    }

    /// Sends `endpoint`, a public GET, before the page that will ask for it
    /// is built, unless the boot script has already asked (see `early`).
    pub fn request_early<E: Endpoint>(&self, endpoint: &E) {
        let url = self.url_of(endpoint);
        let is_public_read = matches!(E::METHOD, Method::Get) && !E::NEEDS_AUTH;
        if !is_public_read || has_early_response(&url) {
            return;
        }
        let Ok(request) = self.request(endpoint, None, None) else {
            return;
        };
        let response = wasm_bindgen_futures::future_to_promise(async move {
            let response = request.send().await.map_err(|_| JsValue::NULL)?;
            Ok(web_sys::Response::from(response).into())
        });
        put_early_response(&url, response);
    }

    /// The request for `endpoint`, as `url_of` names it.
    fn request<E: Endpoint>(
        &self,
        endpoint: &E,
        token: Option<&str>,
        abort: Option<&AbortSignal>,
    ) -> Result<Request, ApiError> {
        // The query goes through `query` rather than in the URL: gloo-net
        // 0.6 adds a stray `&` to a URL that already has one (gloo#498).
        let query = endpoint.query();
        let mut builder = RequestBuilder::new(&self.base.url_for(&endpoint.path()))
            .method(match E::METHOD {
                Method::Get => HttpMethod::GET,
                Method::Post => HttpMethod::POST,
            })
            .header("Accept", "application/json")
            .query(
                query
                    .pairs()
                    .iter()
                    .map(|(key, value)| (*key, value.as_str())),
            )
            .abort_signal(abort);
        if E::NEEDS_AUTH {
            let Some(token) = token else {
                return Err(ApiError::Unauthorized {
                    message: "Authentication required".to_string(),
                });
            };
            builder = builder.header("Authorization", &format!("Bearer {token}"));
        }
        let request = match endpoint.json_body() {
            Some(body) => builder
                .header("Content-Type", "application/json")
                .body(body),
            None => builder.build(),
        };
        request.map_err(|_| ApiError::Network)
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

/// `future`, polled once now. gloo-net calls `fetch` when its `send` is
/// first polled, and the task that awaits it first runs only after the event
/// handler and the updates it sets off (on a filter change, the URL, the
/// sidebar and the chips), so the request would leave that much later.
/// Later polls replace the no-op waker.
fn started<F: Future>(future: F) -> impl Future<Output = F::Output> {
    let mut future = Box::pin(future);
    let first = future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()));
    async move {
        match first {
            Poll::Ready(output) => output,
            Poll::Pending => future.await,
        }
    }
}

/// Puts an unreadable answer's [`ApiError::diagnostic`] in the console.
#[inline(never)]
fn report_unexpected(url: &str, error: &ApiError) {
    if let Some(text) = error.diagnostic(url) {
        web_sys::console::warn_1(&text.into());
    }
}
