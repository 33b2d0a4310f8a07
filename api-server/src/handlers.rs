//! The seven endpoints of the contract.

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use crate::db::{self, ActionError, IconLookup, ImageRow, User};
use crate::envelope::{money, number, ok, ApiError};
use crate::params::{PublicListParams, UserListParams};
use crate::server::AppState;

/// The contract's 500 messages, one per endpoint.
pub mod failure {
    pub const LIST_PUBLIC: &str = "Failed to retrieve public images";
    pub const GET_PUBLIC: &str = "Failed to retrieve public image details";
    pub const ICON: &str = "Failed to retrieve image icon";
    pub const LIST_USER: &str = "Failed to retrieve user images";
    pub const IMPORT: &str = "Failed to import image";
    pub const PURCHASE: &str = "Failed to purchase image";
    pub const RATE: &str = "Failed to rate image";
}

/// Runs blocking database work off the async threads; any failure is the endpoint's 500.
async fn blocking<T: Send + 'static>(
    state: &AppState,
    failure_message: &'static str,
    work: impl FnOnce(&db::Db) -> rusqlite::Result<T> + Send + 'static,
) -> Result<T, ApiError> {
    let db = state.db.clone();
    match tokio::task::spawn_blocking(move || work(&db)).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(err)) => {
            eprintln!("database error: {err}");
            Err(ApiError::internal(failure_message))
        }
        Err(_) => Err(ApiError::internal(failure_message)),
    }
}

/// The image's `icon_url`: the icon endpoint when it has an icon, `null` when
/// it has none (so clients need not request a 404), or the URL an operator gave.
fn icon_url(image: &ImageRow) -> Value {
    match (&image.icon_url, image.has_icon) {
        (Some(url), _) => json!(url),
        (None, true) => json!(format!("/api/v1/images/{}/icon", image.id)),
        (None, false) => Value::Null,
    }
}

/// The fields every image response shares, in the contract's order.
fn image_json(
    image: &ImageRow,
    with_serial: bool,
    with_added_date: bool,
) -> serde_json::Map<String, Value> {
    let mut map = serde_json::Map::new();
    map.insert("id".into(), json!(image.id));
    map.insert("alias".into(), json!(image.alias));
    map.insert("description".into(), json!(image.description));
    map.insert("image_name".into(), json!(image.image_name));
    map.insert("architecture".into(), json!(image.architecture));
    map.insert("os".into(), json!(image.os));
    map.insert("release".into(), json!(image.release));
    if with_serial {
        map.insert("serial".into(), json!(image.serial));
    }
    map.insert("variant".into(), json!(image.variant));
    map.insert("size".into(), json!(image.size));
    map.insert("price".into(), money(image.price_cents));
    if with_added_date {
        map.insert("added_date".into(), json!(image.added_date));
    }
    map
}

fn public_image_json(image: &ImageRow, with_serial: bool) -> Value {
    let mut map = image_json(image, with_serial, true);
    map.insert("average_rating".into(), number(image.average_rating));
    map.insert("rating_count".into(), json!(image.rating_count));
    map.insert("icon_url".into(), icon_url(image));
    map.insert("prespawn".into(), json!(image.prespawn));
    Value::Object(map)
}

fn pagination(total: u64, page: u32, limit: u32, total_pages: u64) -> Value {
    json!({ "total": total, "page": page, "limit": limit, "totalPages": total_pages })
}

/// `GET /api/v1/images/public`
pub async fn list_public(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let params = match PublicListParams::parse(query.as_deref()) {
        Ok(params) => params,
        Err(err) => return err.into_response(),
    };
    let paging = params.paging;
    let result = blocking(&state, failure::LIST_PUBLIC, move |db| {
        db.read(|c| db::list_public(c, &params))
    })
    .await;
    match result {
        Ok((images, total)) => ok(
            "Public images retrieved successfully",
            json!({
                "images": images.iter().map(|i| public_image_json(i, false)).collect::<Vec<_>>(),
                "pagination": pagination(total, paging.page, paging.limit, paging.total_pages(total)),
            }),
        ),
        Err(err) => err.into_response(),
    }
}

/// `GET /api/v1/images/public/{id}`
pub async fn get_public(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let result = blocking(&state, failure::GET_PUBLIC, move |db| {
        db.read(|c| db::get_public(c, &id))
    })
    .await;
    match result {
        Ok(Some(image)) => ok(
            "Public image details retrieved successfully",
            public_image_json(&image, true),
        ),
        Ok(None) => ApiError::not_found("Public image not found").into_response(),
        Err(err) => err.into_response(),
    }
}

/// `GET /api/v1/images/{id}/icon`
pub async fn icon(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let result = blocking(&state, failure::ICON, move |db| {
        db.read(|c| db::icon(c, &id))
    })
    .await;
    match result {
        Ok(IconLookup::Png(png)) => (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, "image/png"),
                (header::CACHE_CONTROL, "public, max-age=86400"),
            ],
            png,
        )
            .into_response(),
        Ok(IconLookup::NoIcon | IconLookup::NoImage) => {
            ApiError::not_found("Image icon not found").into_response()
        }
        Err(err) => err.into_response(),
    }
}

/// The token of an `Authorization: Bearer <token>` header.
pub fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

async fn authenticate(
    state: &AppState,
    headers: &HeaderMap,
    failure_message: &'static str,
) -> Result<User, ApiError> {
    let token = bearer_token(headers)
        .ok_or_else(ApiError::unauthorized)?
        .to_string();
    blocking(state, failure_message, move |db| {
        db.read(|c| db::user_by_token(c, &token))
    })
    .await?
    .ok_or_else(ApiError::unauthorized)
}

/// `GET /api/v1/images/user`
pub async fn list_user(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let user = match authenticate(&state, &headers, failure::LIST_USER).await {
        Ok(user) => user,
        Err(err) => return err.into_response(),
    };
    let params = match UserListParams::parse(query.as_deref()) {
        Ok(params) => params,
        Err(err) => return err.into_response(),
    };
    let paging = params.paging;
    let result = blocking(&state, failure::LIST_USER, move |db| {
        db.read(|c| db::list_user(c, user.id, &params))
    })
    .await;
    match result {
        Ok((rows, total)) => {
            let images: Vec<Value> = rows
                .iter()
                .map(|row| {
                    let mut map = image_json(&row.image, false, false);
                    map.insert(
                        "user_rating".into(),
                        row.user_rating_tenths
                            .map(|t| number(t as f64 / 10.0))
                            .unwrap_or(Value::Null),
                    );
                    map.insert("has_rated".into(), json!(row.user_rating_tenths.is_some()));
                    map.insert("average_rating".into(), number(row.image.average_rating));
                    map.insert("rating_count".into(), json!(row.image.rating_count));
                    map.insert("icon_url".into(), icon_url(&row.image));
                    map.insert("prespawn".into(), json!(row.image.prespawn));
                    Value::Object(map)
                })
                .collect();
            ok(
                "User images retrieved successfully",
                json!({
                    "images": images,
                    "pagination": pagination(total, paging.page, paging.limit, paging.total_pages(total)),
                }),
            )
        }
        Err(err) => err.into_response(),
    }
}

async fn act<T: Send + 'static>(
    state: &AppState,
    failure_message: &'static str,
    refused_message: &'static str,
    work: impl FnOnce(&db::Db) -> Result<T, ActionError> + Send + 'static,
) -> Result<T, ApiError> {
    let db = state.db.clone();
    match tokio::task::spawn_blocking(move || work(&db)).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(ActionError::NotFound)) => Err(ApiError::not_found("Image not found")),
        Ok(Err(ActionError::Refused)) => Err(ApiError::bad_request(refused_message)),
        Ok(Err(ActionError::Database(err))) => {
            eprintln!("database error: {err}");
            Err(ApiError::internal(failure_message))
        }
        Err(_) => Err(ApiError::internal(failure_message)),
    }
}

/// `POST /api/v1/images/import/{id}`
pub async fn import(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let user = match authenticate(&state, &headers, failure::IMPORT).await {
        Ok(user) => user,
        Err(err) => return err.into_response(),
    };
    let result = act(
        &state,
        failure::IMPORT,
        "Image is not free or already imported",
        move |db| db.act(|c| db::import_free(c, user.id, &id)),
    )
    .await;
    match result {
        Ok(()) => ok("Free image imported successfully", json!({})),
        Err(err) => err.into_response(),
    }
}

/// `POST /api/v1/images/purchase/{id}`
pub async fn purchase(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let user = match authenticate(&state, &headers, failure::PURCHASE).await {
        Ok(user) => user,
        Err(err) => return err.into_response(),
    };
    let result = act(
        &state,
        failure::PURCHASE,
        "Insufficient balance or image already owned",
        move |db| db.act(|c| db::purchase(c, user.id, &id)),
    )
    .await;
    match result {
        Ok((price, balance)) => ok(
            "Image purchased successfully",
            json!({ "price_paid": money(price), "remaining_balance": money(balance) }),
        ),
        Err(err) => err.into_response(),
    }
}

/// The rating of a rate request's body, in tenths of a star: a JSON object
/// with a number `rating` from 0 to 5. Fractions are rounded to the nearest tenth.
pub fn parse_rating(body: &[u8]) -> Option<i64> {
    let value: Value = serde_json::from_slice(body).ok()?;
    let rating = value.as_object()?.get("rating")?.as_f64()?;
    (rating.is_finite() && (0.0..=5.0).contains(&rating)).then(|| (rating * 10.0).round() as i64)
}

/// `POST /api/v1/images/rate/{id}`
pub async fn rate(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let user = match authenticate(&state, &headers, failure::RATE).await {
        Ok(user) => user,
        Err(err) => return err.into_response(),
    };
    let Some(tenths) = parse_rating(&body) else {
        // An unknown image is still a 404, even with a bad body.
        let exists = blocking(&state, failure::RATE, {
            let id = id.clone();
            move |db| db.read(|c| db::get_public(c, &id))
        })
        .await;
        return match exists {
            Ok(None) => ApiError::not_found("Image not found").into_response(),
            Ok(Some(_)) => {
                ApiError::bad_request("Invalid rating value (must be 0-5)").into_response()
            }
            Err(err) => err.into_response(),
        };
    };
    let result = act(
        &state,
        failure::RATE,
        "Invalid rating value (must be 0-5)",
        move |db| db.act(|c| db::rate(c, user.id, &id, tenths)),
    )
    .await;
    match result {
        Ok((average, count)) => ok(
            "Image rated successfully",
            json!({
                "new_rating": number(tenths as f64 / 10.0),
                "average_rating": number(average),
                "rating_count": count,
            }),
        ),
        Err(err) => err.into_response(),
    }
}

/// Any `/api` path the contract does not have.
pub async fn api_not_found() -> Response {
    ApiError::not_found("Route not found").into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn ratings_from_bodies() {
        assert_eq!(parse_rating(br#"{"rating": 5}"#), Some(50));
        assert_eq!(parse_rating(br#"{"rating": 0}"#), Some(0));
        assert_eq!(parse_rating(br#"{"rating": 4.5}"#), Some(45));
        assert_eq!(parse_rating(br#"{"rating": 4.25}"#), Some(43));
        assert_eq!(parse_rating(br#"{"rating": 4.24}"#), Some(42));
        for bad in [
            &br#"{"rating": -1}"#[..],
            br#"{"rating": 5.01}"#,
            br#"{"rating": "5"}"#,
            br#"{"rating": null}"#,
            br#"{}"#,
            br#"[5]"#,
            br#"5"#,
            b"",
            b"{not json",
            br#"{"rating": NaN}"#,
            br#"{"rating": 1e400}"#,
        ] {
            assert_eq!(parse_rating(bad), None, "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn bearer_tokens() {
        let mut headers = HeaderMap::new();
        assert_eq!(bearer_token(&headers), None);
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer abc"),
        );
        assert_eq!(bearer_token(&headers), Some("abc"));
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("bearer  abc "),
        );
        assert_eq!(bearer_token(&headers), Some("abc"));
        headers.insert(header::AUTHORIZATION, HeaderValue::from_static("Basic abc"));
        assert_eq!(bearer_token(&headers), None);
        headers.insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer "));
        assert_eq!(bearer_token(&headers), None);
    }
}
