//! A page's own query string.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The query string (without `?`) of the page being built, whose paths are
/// those `is_own_path` accepts: it follows the location while the path is the
/// page's, and keeps its last value once the location has moved to another
/// route, so the next route's address never reaches the page, even while the
/// page is being replaced.
///
/// ```ignore
/// let search = use_own_query(routes::is_catalog_path);
/// let query = Memo::new(move |_| CatalogQuery::from_query_string(&search.get()));
/// ```
pub fn use_own_query(is_own_path: fn(&str) -> bool) -> Memo<String> {
    let location = use_location();
    Memo::new(move |last: Option<&String>| {
        let search = location.search.get();
        if location.pathname.with(|path| is_own_path(path)) {
            search.trim_start_matches('?').to_string()
        } else {
            last.cloned().unwrap_or_default()
        }
    })
}
