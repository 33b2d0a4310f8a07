//! Which page the app showed before the one it shows now.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::routes;

/// The addresses (path and query) of the page shown now and of the one
/// before it, as the app moved between them. Shared through context.
#[derive(Clone, Copy)]
pub struct PageTrail {
    previous: StoredValue<Option<String>>,
    current: StoredValue<Option<String>>,
}

impl PageTrail {
    /// Provides an empty trail to everything below; [`PageTrail::follow`]
    /// then keeps it up to date.
    pub fn provide() {
        provide_context(Self {
            previous: StoredValue::new(None),
            current: StoredValue::new(None),
        });
    }

    /// Follows the router's location; call once, inside the router.
    pub fn follow() {
        let Some(trail) = use_context::<Self>() else {
            return;
        };
        let location = use_location();
        Effect::new(move |_| {
            let here = routes::path_with_query(&location.pathname.get(), &location.search.get());
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
