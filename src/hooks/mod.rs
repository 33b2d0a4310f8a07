//! Small reusable reactive helpers.

mod debounce;
mod delayed;
mod inert_outside;
mod latest_fetch;
mod media_query;
mod previous_page;
mod sign_in_href;

pub use debounce::Debounced;
pub use delayed::shown_after;
pub use inert_outside::inert_outside;
pub use latest_fetch::LatestFetch;
pub use media_query::media_query_matches;
pub use previous_page::{use_previous_page, PageTrail};
pub use sign_in_href::use_sign_in_href;
