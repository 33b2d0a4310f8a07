//! The catalog's search box: the URL follows the text after a pause in
//! typing; "/" anywhere on the page focuses it.

use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

use super::query::{CatalogQuery, MAX_SEARCH_CHARS};
use super::state::CatalogState;
use crate::components::icons::SearchIcon;
use crate::hooks::Debounced;

use super::style;

/// How long typing in the search box must pause before the search runs.
pub const SEARCH_DEBOUNCE: Duration = Duration::from_millis(300);

/// The search form of the catalog.
#[component]
pub fn SearchBox(catalog: CatalogState) -> impl IntoView {
    let query = catalog.query;
    // The box's own text while typing, committed after a pause.
    let text = RwSignal::new(
        query
            .with_untracked(|q| q.search.clone())
            .unwrap_or_default(),
    );
    let typing_started = StoredValue::new(false);
    let input = NodeRef::<leptos::html::Input>::new();
    let commit = Debounced::new(SEARCH_DEBOUNCE, move |typed: String| {
        // The first commit of a typing burst adds a history entry; later ones replace it.
        let instead = typing_started.get_value();
        typing_started.set_value(true);
        let Some(current) = query.try_get_untracked() else {
            return;
        };
        let search = CatalogQuery::from_pairs([("search", typed.as_str())]).search;
        let next = current.first_page_with(|q| q.search = search);
        if next != current {
            if instead {
                catalog.go_instead(next);
            } else {
                catalog.go(next);
            }
        }
    });
    // Back/Forward or a chip changes the search: show it, unless the user is
    // typing. Other changes leave the box (and its caret) alone.
    let search_in_url = Memo::new(move |_| query.with(|q| q.search.clone()).unwrap_or_default());
    Effect::new(move |_| {
        let from_url = search_in_url.get();
        if !commit.is_pending() && from_url != text.get_untracked() {
            text.set(from_url);
            // A search from elsewhere ends the burst: the next typing adds an entry.
            typing_started.set_value(false);
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        commit.flush();
        typing_started.set_value(false);
    };

    // "/" focuses the search box, unless the user is typing somewhere.
    let slash = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() != "/" || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let typing = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| {
                matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                    || el.has_attribute("contenteditable")
            });
        if let (false, Some(input)) = (typing, input.get_untracked()) {
            ev.prevent_default();
            let _ = input.focus();
            input.select();
        }
    });
    on_cleanup(move || slash.remove());

    view! {
        <form class=style::search role="search" on:submit=on_submit>
            <label for="catalog-search" class="visually-hidden">
                "Search images by name, description or tag"
            </label>
            <span class=style::search_icon>
                <SearchIcon />
            </span>
            <input
                id="catalog-search"
                class=style::search_input
                type="search"
                placeholder="Search images…"
                autocomplete="off"
                spellcheck="false"
                maxlength=MAX_SEARCH_CHARS
                aria-keyshortcuts="/"
                node_ref=input
                prop:value=move || text.get()
                on:input=move |ev| {
                    let typed = event_target_value(&ev);
                    text.set(typed.clone());
                    commit.call(typed);
                }
                on:blur=move |_| typing_started.set_value(false)
            />
            <kbd class=style::search_hint aria-hidden="true">
                "/"
            </kbd>
        </form>
    }
}
