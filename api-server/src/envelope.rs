//! The contract's JSON envelopes: `{statusCode, message, data}` for success and
//! `{statusCode, error, message}` for errors.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use serde_json::json;

/// A success response: `{"statusCode": 200, "message": ..., "data": ...}`.
pub fn ok<T: Serialize>(message: &str, data: T) -> Response {
    (
        StatusCode::OK,
        Json(json!({ "statusCode": 200, "message": message, "data": data })),
    )
        .into_response()
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
    pub fn body(&self) -> serde_json::Value {
        json!({
            "statusCode": self.status.as_u16(),
            "error": self.status.canonical_reason().unwrap_or("Error"),
            "message": self.message,
        })
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body())).into_response()
    }
}

/// A number as the contract's examples print it: whole values without a
/// fraction (`0`, `5`), others as decimals (`5.99`, `4.5`).
pub fn number(value: f64) -> serde_json::Value {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        serde_json::Value::from(value as i64)
    } else {
        serde_json::Value::from(value)
    }
}

/// Cents as the amount the API shows: 599 as `5.99`, 1000 as `10`.
pub fn money(cents: i64) -> serde_json::Value {
    number(cents as f64 / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_body_matches_the_contract() {
        let err = ApiError::not_found("Public image not found");
        assert_eq!(
            err.body(),
            json!({"statusCode": 404, "error": "Not Found", "message": "Public image not found"})
        );
        assert_eq!(
            ApiError::unauthorized().body(),
            json!({"statusCode": 401, "error": "Unauthorized", "message": "Authentication required"})
        );
        assert_eq!(ApiError::bad_request("x").body()["error"], "Bad Request");
        assert_eq!(
            ApiError::internal("x").body()["error"],
            "Internal Server Error"
        );
    }

    #[test]
    fn numbers_print_as_the_contract_shows_them() {
        assert_eq!(money(599).to_string(), "5.99");
        assert_eq!(money(4401).to_string(), "44.01");
        assert_eq!(money(0).to_string(), "0");
        assert_eq!(money(1000).to_string(), "10");
        assert_eq!(number(4.5).to_string(), "4.5");
        assert_eq!(number(5.0).to_string(), "5");
    }
}
