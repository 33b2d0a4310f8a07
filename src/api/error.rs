//! The one error type of the API client, and the mapping from an HTTP status
//! and body to a result. The mapping is pure, so it is unit-tested on the host.

use serde::de::DeserializeOwned;
use std::fmt;

use super::types::{ApiResponse, ErrorBody};

/// Everything that can go wrong with an API call, each with a message fit to show a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// 401: no token, or one the API does not accept.
    Unauthorized { message: String },
    /// The API answered with its error envelope; `message` is the server's, kept as is.
    Api {
        status: u16,
        error: String,
        message: String,
    },
    /// The request never got an answer (offline, DNS, connection refused, CORS).
    Network,
    /// The request was cancelled because a newer one replaced it. Never shown.
    Aborted,
    /// An answer that is not the API's JSON: a proxy's HTML error page, a
    /// truncated body, a field of the wrong type.
    UnexpectedResponse { status: u16, detail: String },
}

impl ApiError {
    /// The sentence to show in the UI.
    pub fn user_message(&self) -> String {
        match self {
            ApiError::Unauthorized { message } => {
                format!("{message}. Please sign in again.")
            }
            ApiError::Api { message, .. } => message.clone(),
            ApiError::Network => {
                "Could not reach the server. Check your connection and try again.".to_string()
            }
            ApiError::Aborted => "The request was cancelled.".to_string(),
            ApiError::UnexpectedResponse { status, .. } if *status >= 500 => format!(
                "The server is having trouble right now (HTTP {status}). Please try again."
            ),
            ApiError::UnexpectedResponse { status, .. } => format!(
                "The server sent a response the app could not read (HTTP {status}). Please try again."
            ),
        }
    }

    /// For an answer the app could not read, what the page's general message
    /// leaves out (which field, of what type), for the console: what to
    /// look at when an API answers in a shape the app does not expect.
    pub fn diagnostic(&self, url: &str) -> Option<String> {
        match self {
            ApiError::UnexpectedResponse { status, detail } => {
                Some(format!("Dockyard: {url} answered HTTP {status}: {detail}"))
            }
            _ => None,
        }
    }

    /// The HTTP status, when there was an answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Unauthorized { .. } => Some(401),
            ApiError::Api { status, .. } | ApiError::UnexpectedResponse { status, .. } => {
                Some(*status)
            }
            ApiError::Network | ApiError::Aborted => None,
        }
    }

    /// True for a 404 from the API.
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(404)
    }

    /// True when the API turned the request down as it stands (its 400 with
    /// the contract's message): for a purchase, the balance is too low or the
    /// image is already owned.
    pub fn is_refused(&self) -> bool {
        matches!(self, ApiError::Api { status: 400, .. })
    }

    /// True when the request may or may not have reached the server: retrying a
    /// purchase after this must first check whether the first attempt went through.
    pub fn outcome_unknown(&self) -> bool {
        matches!(
            self,
            ApiError::Network | ApiError::UnexpectedResponse { .. }
        ) || matches!(self.status(), Some(502..=504))
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.user_message())
    }
}

impl std::error::Error for ApiError {}

/// Turns an HTTP status and body into the endpoint's `data`, or the matching error.
pub fn decode_response<T: DeserializeOwned>(status: u16, body: &str) -> Result<T, ApiError> {
    if !(200..300).contains(&status) {
        return Err(decode_error(status, body));
    }
    serde_json::from_str::<ApiResponse<T>>(body)
        .map(|envelope| envelope.data)
        .map_err(|err| unexpected(status, &err))
}

/// The error an answer other than a success stands for. Apart from
/// [`decode_response`], which every response type has its own copy of.
#[inline(never)]
fn decode_error(status: u16, body: &str) -> ApiError {
    match serde_json::from_str::<ErrorBody>(body) {
        Ok(envelope) if status == 401 => ApiError::Unauthorized {
            message: non_empty(envelope.message, "Authentication required"),
        },
        Ok(envelope) => ApiError::Api {
            status,
            message: non_empty(envelope.message, &default_message(status)),
            error: envelope.error,
        },
        Err(_) if status == 401 => ApiError::Unauthorized {
            message: "Authentication required".to_string(),
        },
        Err(err) => unexpected(status, &err),
    }
}

#[inline(never)]
fn unexpected(status: u16, err: &serde_json::Error) -> ApiError {
    ApiError::UnexpectedResponse {
        status,
        detail: describe_decode_error(err),
    }
}

fn non_empty(message: String, fallback: &str) -> String {
    if message.trim().is_empty() {
        fallback.to_string()
    } else {
        message
    }
}

fn default_message(status: u16) -> String {
    format!("The request failed (HTTP {status}).")
}

fn describe_decode_error(err: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match err.classify() {
        Category::Syntax | Category::Eof => "the body is not JSON".to_string(),
        Category::Data => format!("unexpected JSON: {err}"),
        Category::Io => "the body could not be read".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::types::PurchaseResult;

    #[test]
    fn success_returns_data() {
        let body = r#"{"statusCode":200,"message":"ok","data":{"price_paid":5.99,"remaining_balance":44.01}}"#;
        let result: PurchaseResult = decode_response(200, body).unwrap();
        assert_eq!(result.price_paid, 5.99);
        assert_eq!(result.remaining_balance, 44.01);
    }

    #[test]
    fn error_envelope_keeps_server_message() {
        let body = r#"{"statusCode":400,"error":"Bad Request","message":"Insufficient balance or image already owned"}"#;
        let err = decode_response::<PurchaseResult>(400, body).unwrap_err();
        assert_eq!(
            err,
            ApiError::Api {
                status: 400,
                error: "Bad Request".into(),
                message: "Insufficient balance or image already owned".into()
            }
        );
        assert_eq!(
            err.user_message(),
            "Insufficient balance or image already owned"
        );
        assert!(!err.outcome_unknown());
    }

    #[test]
    fn unauthorized_is_its_own_case() {
        let body =
            r#"{"statusCode":401,"error":"Unauthorized","message":"Authentication required"}"#;
        let err = decode_response::<PurchaseResult>(401, body).unwrap_err();
        assert_eq!(
            err,
            ApiError::Unauthorized {
                message: "Authentication required".into()
            }
        );
        assert_eq!(err.status(), Some(401));
        // Even without the envelope a 401 is still an authentication problem.
        let err = decode_response::<PurchaseResult>(401, "nope").unwrap_err();
        assert!(matches!(err, ApiError::Unauthorized { .. }));
    }

    #[test]
    fn proxy_html_page_is_unexpected_response() {
        let body = "<html><body><h1>502 Bad Gateway</h1></body></html>";
        let err = decode_response::<PurchaseResult>(502, body).unwrap_err();
        assert!(matches!(
            err,
            ApiError::UnexpectedResponse { status: 502, .. }
        ));
        assert!(err.user_message().contains("HTTP 502"));
        assert!(err.outcome_unknown());
    }

    #[test]
    fn malformed_success_body_is_unexpected_response() {
        let err = decode_response::<PurchaseResult>(200, r#"{"statusCode":200,"mess"#).unwrap_err();
        assert_eq!(
            err,
            ApiError::UnexpectedResponse {
                status: 200,
                detail: "the body is not JSON".into()
            }
        );
        let wrong_type = r#"{"statusCode":200,"message":"ok","data":{"price_paid":"5.99","remaining_balance":1}}"#;
        let err = decode_response::<PurchaseResult>(200, wrong_type).unwrap_err();
        assert!(
            matches!(&err, ApiError::UnexpectedResponse { detail, .. } if detail.starts_with("unexpected JSON"))
        );
        assert!(
            !err.user_message().contains("price_paid"),
            "internals stay out of the UI"
        );
    }

    #[test]
    fn only_an_unreadable_answer_has_a_diagnostic() {
        let url = "https://api.example.com/api/v1/images/purchase/7";
        let wrong_type = r#"{"statusCode":200,"message":"ok","data":{"price_paid":"5.99","remaining_balance":1}}"#;
        let err = decode_response::<PurchaseResult>(200, wrong_type).unwrap_err();
        let diagnostic = err.diagnostic(url).unwrap();
        assert!(diagnostic.starts_with(&format!(
            "Dockyard: {url} answered HTTP 200: unexpected JSON: "
        )));
        assert!(
            diagnostic.contains("invalid type: string \"5.99\""),
            "{diagnostic}"
        );
        let truncated = decode_response::<PurchaseResult>(502, "<html>Bad gateway").unwrap_err();
        assert_eq!(
            truncated.diagnostic(url).as_deref(),
            Some("Dockyard: https://api.example.com/api/v1/images/purchase/7 answered HTTP 502: the body is not JSON")
        );
        let refused = r#"{"statusCode":400,"error":"Bad Request","message":"Insufficient balance or image already owned"}"#;
        let refused = decode_response::<PurchaseResult>(400, refused).unwrap_err();
        for said in [refused, ApiError::Network, ApiError::Aborted] {
            assert_eq!(said.diagnostic(url), None, "{said:?}");
        }
    }

    #[test]
    fn network_and_abort_have_no_status() {
        assert_eq!(ApiError::Network.status(), None);
        assert!(ApiError::Network.user_message().contains("connection"));
        assert!(ApiError::Network.outcome_unknown());
        assert!(!ApiError::Aborted.outcome_unknown());
    }

    #[test]
    fn not_found_is_detected() {
        let body = r#"{"statusCode":404,"error":"Not Found","message":"Public image not found"}"#;
        let err = decode_response::<PurchaseResult>(404, body).unwrap_err();
        assert!(err.is_not_found());
        assert_eq!(err.to_string(), "Public image not found");
    }

    #[test]
    fn a_refused_purchase_is_detected() {
        let body = r#"{"statusCode":400,"error":"Bad Request","message":"Insufficient balance or image already owned"}"#;
        let err = decode_response::<PurchaseResult>(400, body).unwrap_err();
        assert!(err.is_refused());
        assert!(!err.outcome_unknown());
        assert!(!ApiError::Network.is_refused());
    }

    #[test]
    fn empty_server_message_gets_a_fallback() {
        let body = r#"{"statusCode":500,"error":"Internal Server Error","message":""}"#;
        let err = decode_response::<PurchaseResult>(500, body).unwrap_err();
        assert_eq!(err.user_message(), "The request failed (HTTP 500).");
    }
}
