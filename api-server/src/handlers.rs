//! The seven endpoints of the contract, and the API's 404 and 405 answers.

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use crate::db::{self, ActionError, IconLookup, ImageRow, User, UserImageRow};
use crate::endpoints::Endpoint;
use crate::envelope::{money, number, ok, ApiError};
use crate::params::{Paging, PublicListParams, UserListParams};
use crate::responses::{
    ImageDetail, ImageList, ImportResult, Pagination, PublicImage, PurchaseResult, RatingResult,
    UserImage,
};
use crate::state::AppState;

/// Runs blocking database work off the async threads; any failure is the endpoint's 500.
async fn blocking<T: Send + 'static>(
    state: &AppState,
    endpoint: Endpoint,
    work: impl FnOnce(&db::Db) -> rusqlite::Result<T> + Send + 'static,
) -> Result<T, ApiError> {
    let db = state.db.clone();
    match tokio::task::spawn_blocking(move || work(&db)).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(err)) => {
            eprintln!("database error: {err}");
            Err(ApiError::internal(endpoint.failure_message()))
        }
        Err(_) => Err(ApiError::internal(endpoint.failure_message())),
    }
}

/// The image's `icon_url`: the icon endpoint when it has an icon, `null` when
/// it has none (so clients need not request a 404), or the URL an operator gave.
fn icon_url(image: &ImageRow) -> Option<String> {
    match (&image.icon_url, image.has_icon) {
        (Some(url), _) => Some(url.clone()),
        (None, true) => Some(format!("/api/v1/images/{}/icon", image.id)),
        (None, false) => None,
    }
}

fn public_image(image: ImageRow) -> PublicImage {
    PublicImage {
        icon_url: icon_url(&image),
        price: money(image.price_cents),
        average_rating: number(image.average_rating),
        id: image.id,
        alias: image.alias,
        description: image.description,
        image_name: image.image_name,
        architecture: image.architecture,
        os: image.os,
        release: image.release,
        variant: image.variant,
        size: image.size,
        added_date: image.added_date,
        rating_count: image.rating_count,
        prespawn: image.prespawn,
    }
}

fn image_detail(image: ImageRow) -> ImageDetail {
    ImageDetail {
        icon_url: icon_url(&image),
        price: money(image.price_cents),
        average_rating: number(image.average_rating),
        id: image.id,
        alias: image.alias,
        description: image.description,
        image_name: image.image_name,
        architecture: image.architecture,
        os: image.os,
        release: image.release,
        serial: image.serial,
        variant: image.variant,
        size: image.size,
        added_date: image.added_date,
        rating_count: image.rating_count,
        prespawn: image.prespawn,
    }
}

fn user_image(row: UserImageRow) -> UserImage {
    let image = row.image;
    UserImage {
        icon_url: icon_url(&image),
        price: money(image.price_cents),
        user_rating: row.user_rating_tenths.map(|t| number(t as f64 / 10.0)),
        has_rated: row.user_rating_tenths.is_some(),
        average_rating: number(image.average_rating),
        id: image.id,
        alias: image.alias,
        description: image.description,
        image_name: image.image_name,
        architecture: image.architecture,
        os: image.os,
        release: image.release,
        variant: image.variant,
        size: image.size,
        rating_count: image.rating_count,
        prespawn: image.prespawn,
    }
}

fn image_list<R, T>(rows: Vec<R>, total: u64, paging: Paging, item: fn(R) -> T) -> ImageList<T> {
    ImageList {
        images: rows.into_iter().map(item).collect(),
        pagination: Pagination {
            total,
            page: paging.page,
            limit: paging.limit,
            total_pages: paging.total_pages(total),
        },
    }
}

/// `GET /api/v1/images/public`
pub async fn list_public(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let params = match PublicListParams::parse(query.as_deref()) {
        Ok(params) => params,
        Err(err) => return err.into_response(),
    };
    let paging = params.paging;
    let result = blocking(&state, Endpoint::ListPublic, move |db| {
        db.read(|c| db::list_public(c, &params))
    })
    .await;
    match result {
        Ok((rows, total)) => ok(
            "Public images retrieved successfully",
            image_list(rows, total, paging, public_image),
        ),
        Err(err) => err.into_response(),
    }
}

/// `GET /api/v1/images/public/{id}`
pub async fn get_public(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let result = blocking(&state, Endpoint::GetPublic, move |db| {
        db.read(|c| db::get_public(c, &id))
    })
    .await;
    match result {
        Ok(Some(image)) => ok(
            "Public image details retrieved successfully",
            image_detail(image),
        ),
        Ok(None) => ApiError::not_found("Public image not found").into_response(),
        Err(err) => err.into_response(),
    }
}

/// `GET /api/v1/images/{id}/icon`
pub async fn icon(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let result = blocking(&state, Endpoint::Icon, move |db| {
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
    endpoint: Endpoint,
) -> Result<User, ApiError> {
    let token = bearer_token(headers)
        .ok_or_else(ApiError::unauthorized)?
        .to_string();
    blocking(state, endpoint, move |db| {
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
    let user = match authenticate(&state, &headers, Endpoint::ListUser).await {
        Ok(user) => user,
        Err(err) => return err.into_response(),
    };
    let params = match UserListParams::parse(query.as_deref()) {
        Ok(params) => params,
        Err(err) => return err.into_response(),
    };
    let paging = params.paging;
    let result = blocking(&state, Endpoint::ListUser, move |db| {
        db.read(|c| db::list_user(c, user.id, &params))
    })
    .await;
    match result {
        Ok((rows, total)) => ok(
            "User images retrieved successfully",
            image_list(rows, total, paging, user_image),
        ),
        Err(err) => err.into_response(),
    }
}

async fn act<T: Send + 'static>(
    state: &AppState,
    endpoint: Endpoint,
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
            Err(ApiError::internal(endpoint.failure_message()))
        }
        Err(_) => Err(ApiError::internal(endpoint.failure_message())),
    }
}

/// `POST /api/v1/images/import/{id}`
pub async fn import(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let user = match authenticate(&state, &headers, Endpoint::Import).await {
        Ok(user) => user,
        Err(err) => return err.into_response(),
    };
    let result = act(
        &state,
        Endpoint::Import,
        "Image is not free or already imported",
        move |db| db.act(|c| db::import_free(c, user.id, &id)),
    )
    .await;
    match result {
        Ok(()) => ok("Free image imported successfully", ImportResult {}),
        Err(err) => err.into_response(),
    }
}

/// `POST /api/v1/images/purchase/{id}`
pub async fn purchase(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let user = match authenticate(&state, &headers, Endpoint::Purchase).await {
        Ok(user) => user,
        Err(err) => return err.into_response(),
    };
    let result = act(
        &state,
        Endpoint::Purchase,
        "Insufficient balance or image already owned",
        move |db| db.act(|c| db::purchase(c, user.id, &id)),
    )
    .await;
    match result {
        Ok((price, balance)) => ok(
            "Image purchased successfully",
            PurchaseResult {
                price_paid: money(price),
                remaining_balance: money(balance),
            },
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
    let user = match authenticate(&state, &headers, Endpoint::Rate).await {
        Ok(user) => user,
        Err(err) => return err.into_response(),
    };
    let Some(tenths) = parse_rating(&body) else {
        // An unknown image is still a 404, even with a bad body.
        let exists = blocking(&state, Endpoint::Rate, {
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
        Endpoint::Rate,
        "Invalid rating value (must be 0-5)",
        move |db| db.act(|c| db::rate(c, user.id, &id, tenths)),
    )
    .await;
    match result {
        Ok((average, count)) => ok(
            "Image rated successfully",
            RatingResult {
                new_rating: number(tenths as f64 / 10.0),
                average_rating: number(average),
                rating_count: count,
            },
        ),
        Err(err) => err.into_response(),
    }
}

/// Any `/api` path the contract does not have.
pub async fn api_not_found() -> Response {
    ApiError::not_found("Route not found").into_response()
}

/// A contract path with a method it does not have.
pub async fn method_not_allowed() -> Response {
    ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "Method not allowed").into_response()
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
