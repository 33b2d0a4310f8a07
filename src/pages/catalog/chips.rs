//! The active filters as removable chips, and what an empty result says.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::query::CatalogQuery;
use super::state::CatalogState;
use crate::components::icons::CloseIcon;

use super::style;

/// The active filters as removable chips, with "Clear all".
#[component]
pub fn ActiveFilterChips(catalog: CatalogState) -> impl IntoView {
    let query = catalog.query;
    let chips = Memo::new(move |_| query.with(CatalogQuery::active_filters));
    let list = NodeRef::<leptos::html::Ul>::new();
    // Once the chip at `index` is gone, focus goes to the chip that took
    // its place (or the last one), or to the results when none is left.
    let focus_after_removal = move |index: usize| {
        let left = chips.with_untracked(Vec::len);
        // The list is gone with the last chip (its NodeRef still holds it).
        let chip = (left > 0)
            .then(|| list.get_untracked())
            .flatten()
            .and_then(|list| {
                let item = list.children().item(index.min(left - 1) as u32)?;
                item.first_element_child()
            });
        let target = chip.or_else(|| catalog.results_heading.get_untracked().map(Into::into));
        if let Some(target) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = target.focus();
        }
    };
    move || {
        let chips = chips.get();
        (!chips.is_empty()).then(|| {
            view! {
                <ul class=style::chips aria-label="Active filters" node_ref=list>
                    {chips
                        .into_iter()
                        .enumerate()
                        .map(|(index, chip)| {
                            let without = chip.without.clone();
                            view! {
                                <li>
                                    <button
                                        type="button"
                                        class=style::chip
                                        aria-label=format!("Remove filter {}", chip.label)
                                        on:click=move |_| {
                                            catalog.go(without.clone());
                                            request_animation_frame(move || focus_after_removal(index));
                                        }
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

/// No results: what was asked for, and the ways out: clear the search,
/// then drop each filter, or all of them.
#[component]
pub fn EmptyResults(
    catalog: CatalogState,
    /// The view that has no results.
    asked: CatalogQuery,
) -> impl IntoView {
    let filters = asked.active_filters();
    if filters.is_empty() {
        return view! {
            <h2>"The catalog is empty"</h2>
            <p>"No images have been published yet. Check back soon."</p>
        }
        .into_any();
    }
    let heading = match &asked.search {
        Some(search) => format!("No images match ‘{search}’"),
        None => "No images match these filters".to_string(),
    };
    let several = filters.len() > 1;
    let cleared = asked.cleared();
    let ways_out = filters
        .into_iter()
        .map(|filter| {
            let text = if filter.is_search {
                "Clear the search".to_string()
            } else {
                format!("Remove {}", filter.label)
            };
            let without = filter.without;
            view! {
                <li>
                    <button type="button" class="btn btn--secondary" on:click=move |_| catalog.go(without.clone())>
                        {text}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <h2>{heading}</h2>
        <p>"Try:"</p>
        <ul class=style::ways_out>
            {ways_out}
            {several.then(|| view! {
                <li>
                    <button type="button" class="btn btn--primary" on:click=move |_| catalog.go(cleared.clone())>
                        "Clear all filters"
                    </button>
                </li>
            })}
        </ul>
    }
    .into_any()
}
