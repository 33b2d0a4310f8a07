//! One module per route.

pub mod catalog;
pub mod image_detail;
pub mod my_images;
pub mod not_found;
pub mod sign_in;

use crate::api::{GetPublicImage, ListPublicImages};
use crate::routes;

/// The request a page makes as it opens, for the pages that load public
/// data: sent before the app is built (see `api::early`), so that the
/// page's first render shows its data.
#[derive(Debug, Clone, PartialEq)]
pub enum OpeningRequest {
    /// The catalog's results for the view in its URL.
    Catalog(ListPublicImages),
    /// An image's details.
    Image(GetPublicImage),
}

/// The opening request of the page at `pathname` (base path included) with
/// the query `search`, if it makes one.
pub fn opening_request(pathname: &str, search: &str) -> Option<OpeningRequest> {
    if routes::is_catalog_path(pathname) {
        let query = catalog::query::CatalogQuery::from_query_string(search);
        return Some(OpeningRequest::Catalog(query.to_request()));
    }
    let id = routes::plain_image_id_in_path(pathname)?;
    Some(OpeningRequest::Image(GetPublicImage { id }))
}
