//! Small reusable reactive helpers.

mod debounce;
mod delayed;
mod latest_fetch;

pub use debounce::Debounced;
pub use delayed::shown_after;
pub use latest_fetch::LatestFetch;
