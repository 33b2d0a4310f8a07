//! Responses in the contract's envelopes: `{statusCode, message, data}` for
//! success and `{statusCode, error, message}` for errors.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use crate::responses::{Decimal, ErrorBody, Money, Success};

/// A 200 with `data` in the success envelope.
pub fn ok<T: Serialize>(message: &str, data: T) -> Response {
    let body = Success {
        status_code: StatusCode::OK.as_u16(),
        message,
        data,
    };
    (StatusCode::OK, Json(body)).into_response()
}

/// An error as the contract shapes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    /// An error with the status's standard reason phrase as `error`.
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
        }
    }

    /// 400.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    /// 401 with the contract's message.
    pub fn unauthorized() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "Authentication required")
    }

    /// 404.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }

    /// 500.
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }

    /// The JSON body.
    pub fn body(&self) -> ErrorBody<'_> {
        ErrorBody {
            status_code: self.status.as_u16(),
            error: self.status.canonical_reason().unwrap_or("Error"),
            message: &self.message,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body())).into_response()
    }
}

/// A number as the contract's examples print it (`5`, `4.5`).
pub fn number(value: f64) -> Decimal {
    Decimal(value)
}

/// Cents as the amount the API shows: 599 as `5.99`, 1000 as `10`.
pub fn money(cents: i64) -> Money {
    Money(cents)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn body(err: &ApiError) -> serde_json::Value {
        serde_json::to_value(err.body()).unwrap()
    }

    #[test]
    fn error_body_matches_the_contract() {
        let err = ApiError::not_found("Public image not found");
        assert_eq!(
            serde_json::to_string(&err.body()).unwrap(),
            r#"{"statusCode":404,"error":"Not Found","message":"Public image not found"}"#
        );
        assert_eq!(
            body(&ApiError::unauthorized()),
            json!({"statusCode": 401, "error": "Unauthorized", "message": "Authentication required"})
        );
        assert_eq!(body(&ApiError::bad_request("x"))["error"], "Bad Request");
        assert_eq!(
            body(&ApiError::internal("x"))["error"],
            "Internal Server Error"
        );
    }

    #[test]
    fn numbers_print_as_the_contract_shows_them() {
        assert_eq!(serde_json::to_string(&money(599)).unwrap(), "5.99");
        assert_eq!(serde_json::to_string(&money(1000)).unwrap(), "10");
        assert_eq!(serde_json::to_string(&number(4.5)).unwrap(), "4.5");
        assert_eq!(serde_json::to_string(&number(5.0)).unwrap(), "5");
    }
}
