//! Response bodies of the Container Images API, as the contract's JSON shows them.
//!
//! Fields every example shows are required; fields that only some responses
//! carry (or that a real catalog entry may lack) are optional or defaulted, so
//! one odd entry does not make a whole page unreadable. A field of the wrong
//! type is still a decode error.

use serde::{Deserialize, Serialize};

/// The success envelope every JSON endpoint wraps its `data` in.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct ApiResponse<T> {
    #[serde(rename = "statusCode")]
    pub status_code: u16,
    pub message: String,
    pub data: T,
}

/// The error envelope: `{statusCode, error, message}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct ErrorBody {
    #[serde(rename = "statusCode")]
    pub status_code: u16,
    pub error: String,
    pub message: String,
}

/// Paging information of a list response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub struct Pagination {
    pub total: u64,
    pub page: u32,
    pub limit: u32,
    #[serde(rename = "totalPages")]
    pub total_pages: u32,
}

/// An image of the public catalog: a list entry, or the detail (which adds `serial`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct PublicImage {
    pub id: String,
    pub alias: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub image_name: String,
    pub architecture: String,
    pub os: String,
    #[serde(default)]
    pub release: String,
    /// Only the detail endpoint returns the build serial.
    #[serde(default)]
    pub serial: Option<String>,
    #[serde(default)]
    pub variant: String,
    /// Size in bytes.
    #[serde(default)]
    pub size: Option<u64>,
    pub price: f64,
    /// ISO 8601 timestamp.
    #[serde(default)]
    pub added_date: Option<String>,
    #[serde(default)]
    pub average_rating: f64,
    #[serde(default)]
    pub rating_count: u64,
    #[serde(default)]
    pub icon_url: Option<String>,
    #[serde(default)]
    pub prespawn: bool,
}

/// `data` of `GET /images/public`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct PublicImageList {
    pub images: Vec<PublicImage>,
    pub pagination: Pagination,
}

/// An image the signed-in user imported or bought, with their own rating.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct UserImage {
    pub id: String,
    pub alias: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub image_name: String,
    pub architecture: String,
    pub os: String,
    #[serde(default)]
    pub release: String,
    #[serde(default)]
    pub variant: String,
    #[serde(default)]
    pub size: Option<u64>,
    pub price: f64,
    /// The user's own rating; absent (or null) when they have not rated it.
    #[serde(default)]
    pub user_rating: Option<f64>,
    #[serde(default)]
    pub has_rated: bool,
    #[serde(default)]
    pub average_rating: f64,
    #[serde(default)]
    pub rating_count: u64,
    #[serde(default)]
    pub icon_url: Option<String>,
    #[serde(default)]
    pub prespawn: bool,
}

impl UserImage {
    /// The user's own rating: `None` unless `has_rated` says they gave one.
    pub fn own_rating(&self) -> Option<f64> {
        self.user_rating.filter(|_| self.has_rated)
    }
}

/// `data` of `GET /images/user`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct UserImageList {
    pub images: Vec<UserImage>,
    pub pagination: Pagination,
}

/// `data` of `POST /images/import/{id}`: an empty object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
pub struct ImportResult {}

/// `data` of `POST /images/purchase/{id}`.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize)]
pub struct PurchaseResult {
    pub price_paid: f64,
    pub remaining_balance: f64,
}

/// `data` of `POST /images/rate/{id}`.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize)]
pub struct RatingResult {
    pub new_rating: f64,
    pub average_rating: f64,
    pub rating_count: u64,
}

/// Body of `POST /images/rate/{id}`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RatingRequestBody {
    pub rating: f64,
}
