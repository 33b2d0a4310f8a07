//! Where the user is and was: the page the app shows, the one it showed
//! before, and the way to the sign-in page and back.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use leptos_router::location::Location;

use crate::routes;

/// The router's location and the page shown before the current one; shared
/// through context from outside the router, so that any part of the app can
/// read it, even one being taken down as the route changes.
#[derive(Clone, Copy)]
pub struct PageTrail {
    /// The router's path and query, once the router is built.
    location: StoredValue<Option<(Memo<String>, Memo<String>)>>,
    /// The addresses (path and query) of the page shown now and of the one before.
    current: StoredValue<Option<String>>,
    previous: StoredValue<Option<String>>,
    /// The last view of the catalog shown (path and query).
    last_catalog: StoredValue<Option<String>>,
}

impl PageTrail {
    /// Provides an empty trail to everything below; [`PageTrail::follow`]
    /// then keeps it up to date.
    pub fn provide() {
        provide_context(Self {
            location: StoredValue::new(None),
            current: StoredValue::new(None),
            previous: StoredValue::new(None),
            last_catalog: StoredValue::new(None),
        });
    }

    /// Follows the router's location; call once, inside the router.
    pub fn follow() {
        let Some(trail) = use_context::<Self>() else {
            return;
        };
        let Location {
            pathname, search, ..
        } = use_location();
        trail.location.set_value(Some((pathname, search)));
        Effect::new(move |_| {
            let path = pathname.get();
            let here = routes::path_with_query(&path, &search.get());
            if routes::is_catalog_path(&path) {
                trail.last_catalog.set_value(Some(here.clone()));
            }
            if trail
                .current
                .with_value(|current| current.as_deref() != Some(here.as_str()))
            {
                trail.previous.set_value(trail.current.get_value());
                trail.current.set_value(Some(here));
            }
        });
    }
}

/// Reads the page the app showed before the current one, if it showed one
/// (untracked). When the user came to the current page with a link from it,
/// it is also the entry before in the browser's history.
pub fn use_previous_page() -> impl Fn() -> Option<String> + Copy + 'static {
    let trail = use_context::<PageTrail>();
    move || trail.and_then(|trail| trail.previous.try_get_value().flatten())
}

/// The sign-in page's address that brings the user back, once signed in, to
/// the page the browser shows now: its path and its whole query.
///
/// ```ignore
/// let sign_in = use_sign_in_href();
/// view! { <a href=sign_in>"Sign in"</a> }
/// ```
pub fn use_sign_in_href() -> Signal<String> {
    let location = use_context::<PageTrail>().and_then(|trail| trail.location.get_value());
    Signal::derive(move || {
        let here =
            location.map(|(path, search)| routes::path_with_query(&path.get(), &search.get()));
        routes::sign_in_href(here.as_deref())
    })
}

/// The way back to the catalog: the last view of it the user saw (its
/// filters, sort and page; the bare catalog if none), and what a click on a
/// link to it does. When that view is the page just before this one, the
/// click goes Back instead, as the browser's Back would, with the scroll
/// position the user left.
pub fn use_way_back_to_catalog() -> (String, impl Fn(leptos::ev::MouseEvent) + Copy + 'static) {
    let trail = use_context::<PageTrail>();
    let href = trail
        .and_then(|trail| trail.last_catalog.get_value())
        .unwrap_or_else(routes::catalog_root);
    let target = href.clone();
    let target = StoredValue::new(target);
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let plain = routes::is_plain_click(&ev);
        let came_from_it = trail
            .and_then(|trail| trail.previous.try_get_value().flatten())
            .is_some_and(|previous| target.try_with_value(|t| *t == previous).unwrap_or(false));
        if plain && came_from_it {
            if let Ok(history) = window().history() {
                if history.back().is_ok() {
                    ev.prevent_default();
                }
            }
        }
    };
    (href, on_click)
}
