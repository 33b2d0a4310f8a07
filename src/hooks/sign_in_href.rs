//! The way to the sign-in page and back.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::routes;

/// The sign-in page's address that brings the user back, once signed in, to
/// the page the browser shows now: its path and its whole query.
///
/// ```ignore
/// let sign_in = use_sign_in_href();
/// view! { <a href=sign_in>"Sign in"</a> }
/// ```
pub fn use_sign_in_href() -> Signal<String> {
    let location = use_location();
    Signal::derive(move || {
        let here = routes::path_with_query(&location.pathname.get(), &location.search.get());
        routes::sign_in_href(Some(&here))
    })
}
