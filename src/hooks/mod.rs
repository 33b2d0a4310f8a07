//! Small reusable reactive helpers.

mod debounce;
mod delayed;
mod latest_fetch;
mod media_query;

pub use debounce::Debounced;
pub use delayed::shown_after;
pub use latest_fetch::LatestFetch;
pub use media_query::media_query_matches;
