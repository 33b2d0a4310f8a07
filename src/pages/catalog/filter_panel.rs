//! Where the catalog's filters live: a sidebar beside the results on wide
//! screens, a modal panel opened by the Filters button on narrow ones.

use leptos::prelude::*;

use super::filters::CatalogFilters;
use super::state::CatalogState;
use crate::components::icons::CloseIcon;
use crate::format::plural;
use crate::hooks::{media_query_matches, use_modal_dialog};

stylance::import_crate_style!(style, "src/pages/catalog/filter_panel.module.css");

/// Where the filters become a panel (as in the catalog's CSS).
const FILTERS_AS_PANEL: &str = "(max-width: 900px)";

/// The filters, as a sidebar or a panel depending on the screen's width.
#[component]
pub fn FilterPanel(
    catalog: CatalogState,
    /// Whether the panel is open (narrow screens); the Filters button sets it.
    open: RwSignal<bool>,
) -> impl IntoView {
    let as_panel = media_query_matches(FILTERS_AS_PANEL);
    let as_panel = Memo::new(move |_| as_panel.get() == Some(true));
    // Widened past the panel's breakpoint, the panel is no longer open.
    Effect::new(move |_| {
        if !as_panel.get() {
            open.set(false);
        }
    });
    move || {
        if as_panel.get() {
            view! { <FiltersDialog catalog open /> }.into_any()
        } else {
            view! {
                <aside id="catalog-filters" class=style::sidebar aria-labelledby="filters-title">
                    <FiltersHead catalog on_close=None />
                    <FiltersInAddress catalog />
                </aside>
            }
            .into_any()
        }
    }
}

/// The filters in a modal `<dialog>`: the browser keeps focus inside, makes
/// the page behind inert, closes it on Escape and gives focus back to the
/// Filters button. On a phone they are a tenth of the catalog's elements, so
/// they are built when the panel first opens, not with the page.
#[component]
fn FiltersDialog(catalog: CatalogState, open: RwSignal<bool>) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let built =
        Memo::new(move |built: Option<&bool>| built.copied().unwrap_or(false) || open.get());
    use_modal_dialog(open.into(), dialog);
    let close = Callback::new(move |_| open.set(false));
    let total = move || {
        catalog
            .shown_pagination()
            .map(|page| format!("Show {}", plural(page.total, "image", "images")))
            .unwrap_or_else(|| "Show images".to_string())
    };
    view! {
        <dialog
            id="catalog-filters"
            class=style::panel
            aria-labelledby="filters-title"
            node_ref=dialog
            on:close=move |_| open.set(false)
        >
            <FiltersHead catalog on_close=Some(close) />
            <Show when=move || built.get()>
                <FiltersInAddress catalog />
            </Show>
            <div class=style::footer>
                <button type="button" class="btn btn--primary" on:click=move |_| open.set(false)>
                    {total}
                </button>
            </div>
        </dialog>
    }
}

/// "Filters", Clear all when any is set, and the panel's close button.
#[component]
fn FiltersHead(catalog: CatalogState, on_close: Option<Callback<()>>) -> impl IntoView {
    let query = catalog.query;
    let any_active = Memo::new(move |_| query.with(|q| !q.active_filters().is_empty()));
    view! {
        <div class=style::head>
            <h2 id="filters-title" class=style::title>
                "Filters"
            </h2>
            <Show when=move || any_active.get()>
                <button
                    type="button"
                    class="btn btn--ghost btn--small"
                    on:click=move |_| catalog.go(query.get_untracked().cleared())
                >
                    "Clear all"
                </button>
            </Show>
            {on_close.map(|close| view! {
                <button
                    type="button"
                    class="btn btn--ghost btn--small"
                    aria-label="Close filters"
                    autofocus
                    on:click=move |_| close.run(())
                >
                    <CloseIcon />
                </button>
            })}
        </div>
    }
}

/// The filters of the catalog's view, each change put in its address.
#[component]
fn FiltersInAddress(catalog: CatalogState) -> impl IntoView {
    view! {
        <CatalogFilters
            query=catalog.query
            on_change=Callback::new(move |next| catalog.go(next))
            on_change_in_place=Callback::new(move |next| catalog.go_instead(next))
        />
    }
}
