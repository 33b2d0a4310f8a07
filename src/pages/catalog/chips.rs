//! The active filters as removable chips, and what an empty result says.

use leptos::prelude::*;

use super::query::CatalogQuery;
use super::state::CatalogState;
use crate::components::icons::CloseIcon;

use super::style;

/// The active filters as removable chips, with "Clear all".
#[component]
pub fn ActiveFilterChips(catalog: CatalogState) -> impl IntoView {
    let query = catalog.query;
    let chips = Memo::new(move |_| query.with(CatalogQuery::active_filters));
    move || {
        let chips = chips.get();
        (!chips.is_empty()).then(|| {
            view! {
                <ul class=style::chips aria-label="Active filters">
                    {chips
                        .into_iter()
                        .map(|chip| {
                            let without = chip.without.clone();
                            view! {
                                <li>
                                    <button
                                        type="button"
                                        class=style::chip
                                        aria-label=format!("Remove filter {}", chip.label)
                                        on:click=move |_| catalog.go(without.clone())
                                    >
                                        <span>{chip.label.clone()}</span>
                                        <CloseIcon />
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()}
                    <li>
                        <button
                            type="button"
                            class=style::clear_chips
                            on:click=move |_| catalog.go(query.get_untracked().cleared())
                        >
                            "Clear all"
                        </button>
                    </li>
                </ul>
            }
        })
    }
}

/// No results: what was asked for, and a way out.
#[component]
pub fn EmptyResults(
    catalog: CatalogState,
    /// The view that has no results.
    asked: CatalogQuery,
) -> impl IntoView {
    let query = catalog.query;
    let filters = asked.active_filters();
    if filters.is_empty() {
        return view! {
            <div class=style::empty>
                <h3>"The catalog is empty"</h3>
                <p>"No images have been published yet. Check back soon."</p>
            </div>
        }
        .into_any();
    }
    view! {
        <div class=style::empty>
            <h3>"No images match these filters"</h3>
            <p>"Active filters:"</p>
            <ul class=style::empty_filters>
                {filters.into_iter().map(|f| view! { <li>{f.label}</li> }).collect_view()}
            </ul>
            <button
                type="button"
                class="btn btn--primary"
                on:click=move |_| catalog.go(query.get_untracked().cleared())
            >
                "Clear filters"
            </button>
        </div>
    }
    .into_any()
}
