//! Small reusable reactive helpers.

mod debounce;
mod latest_fetch;

pub use debounce::Debounced;
pub use latest_fetch::LatestFetch;
