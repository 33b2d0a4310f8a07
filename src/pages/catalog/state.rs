//! The catalog's state: its URL, which is the single source of truth, the
//! results that answer it, and the ways to move to another view.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::query::CatalogQuery;
use crate::api::{Pagination, PublicImageList};
use crate::hooks::{scroll_memory, use_api_resource, use_own_query, ApiResource};
use crate::routes;
use crate::state::ApiContext;

/// The catalog's results: a page of images, for the view asked for.
pub type CatalogResults = ApiResource<CatalogQuery, PublicImageList>;

/// The catalog's state, shared by its parts; cheap to copy.
#[derive(Clone, Copy)]
pub struct CatalogState {
    /// The view the URL asks for, normalised.
    pub query: Memo<CatalogQuery>,
    /// The results of that view; while the next ones load, the last ones.
    pub results: CatalogResults,
    /// The results' heading, where focus goes when nothing else is left
    /// to hold it.
    pub results_heading: NodeRef<leptos::html::H2>,
    navigate: Callback<(CatalogQuery, bool)>,
}

impl CatalogState {
    /// Moves to the view `next` with a new history entry (a deliberate
    /// change); nothing once the page is gone.
    pub fn go(&self, next: CatalogQuery) {
        self.navigate.try_run((next, false));
    }

    /// Moves to the view `next` in place of this one (while typing);
    /// nothing once the page is gone.
    pub fn go_instead(&self, next: CatalogQuery) {
        self.navigate.try_run((next, true));
    }

    /// The paging of the results shown, if any have arrived (tracked).
    pub fn shown_pagination(&self) -> Option<Pagination> {
        self.results.with(|answer| {
            answer
                .and_then(|answer| answer.result.ok())
                .map(|list| list.pagination)
        })
    }
}

/// The catalog's state for the page being built: follows the catalog's own
/// address only (the next route's address never reaches it, even while the
/// page is being replaced), loads its results, tidies a non-canonical address
/// and puts the scroll back where it was on Back and Forward.
pub fn use_catalog_state() -> CatalogState {
    let api = expect_context::<ApiContext>();
    let navigate = use_navigate();

    let raw_search = use_own_query(routes::is_catalog_path);
    let query = Memo::new(move |_| CatalogQuery::from_query_string(&raw_search.get()));
    let results = use_api_resource(
        move || query.get(),
        move |query, abort| api.list_public(query.to_request(), abort),
    );
    let navigate = Callback::new(move |(next, instead): (CatalogQuery, bool)| {
        // A new view's request leaves now, before the URL has changed (a
        // tidier address for the same view asks for nothing new).
        results.prefetch(next.clone());
        let options = if instead {
            routes::to_view_instead()
        } else {
            routes::to_view()
        };
        navigate(&next.href(), options);
    });
    let state = CatalogState {
        query,
        results,
        results_heading: NodeRef::new(),
        navigate,
    };

    // A broken or non-canonical address is rewritten in place (once this
    // effect has run: the new address changes what it reads). It reads the
    // address alone: an effect that also read `query`, which derives from
    // it, could miss a change of the address that leaves `query` as it was.
    Effect::new(move |_| {
        let canonical = raw_search.with(|raw| CatalogQuery::from_query_string(raw));
        let written = canonical.to_query_string();
        if raw_search.with(|raw| raw.trim_start_matches('?') != written.trim_start_matches('?')) {
            queue_microtask(move || state.go_instead(canonical));
        }
    });

    // When the user comes Back or Forward to a view of the catalog (to this
    // page, or within it), the scroll goes where it was once its results are in.
    let scroll_to_restore = StoredValue::new(None::<f64>);
    Effect::new(move |shown_search: Option<String>| {
        let search = raw_search.get();
        if shown_search.as_ref() != Some(&search) {
            scroll_to_restore.set_value(scroll_memory::take_for_return());
        }
        if results.is_current() {
            if let Some(y) = scroll_to_restore.get_value() {
                scroll_to_restore.set_value(None);
                scroll_memory::restore(y);
            }
        }
        search
    });

    state
}
