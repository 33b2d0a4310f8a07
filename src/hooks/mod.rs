//! Small reusable reactive helpers.

mod api_resource;
mod debounce;
mod delayed;
pub mod document_title;
mod media_query;
mod modal_dialog;
mod own_query;
mod page_trail;
pub mod scroll_memory;

pub use api_resource::{use_api_resource, ApiResource, Loaded};
pub use debounce::Debounced;
pub use delayed::shown_after;
pub use media_query::media_query_matches;
pub use modal_dialog::use_modal_dialog;
pub use own_query::use_own_query;
pub use page_trail::{use_previous_page, use_sign_in_href, use_way_back_to_catalog, PageTrail};
