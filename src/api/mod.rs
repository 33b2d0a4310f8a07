//! The Container Images API (`docs/api-contract.md`): request
//! and response types, errors, and the client. The only module that knows HTTP.

mod base;
mod client;
mod early;
mod error;
mod requests;
mod runtime_config;
mod types;
pub mod url;

pub use base::ApiBase;
pub use client::{AbortOnDrop, ApiClient};
pub use early::read_early_responses;
pub use error::{decode_response, ApiError};
pub use requests::{
    Endpoint, GetPublicImage, ImportImage, ListPublicImages, ListUserImages, Method, PublicSortBy,
    PurchaseImage, RateImage, SortOrder, UserSortBy,
};
pub use runtime_config::{load_config, parse_config, RuntimeConfig, SignInHelp, CONFIG_FILE};
pub use types::{
    ApiResponse, ErrorBody, ImportResult, Pagination, PublicImage, PublicImageList, PurchaseResult,
    RatingResult, UserImage, UserImageList,
};
