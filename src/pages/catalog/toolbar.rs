//! Above the results: how many there are, the Filters button of narrow
//! screens, and the sort and page-size choices.

use leptos::prelude::*;

use super::query::{PAGE_SIZES, SORT_CHOICES};
use super::state::CatalogState;
use crate::api::{PublicImageList, PublicSortBy, SortOrder};
use crate::components::icons::FilterIcon;
use crate::format::{plural, showing_line};

use super::style;

/// "Showing 21–40 of 87 images".
pub fn results_line(list: &PublicImageList) -> String {
    let total = list.pagination.total;
    showing_line(list.pagination).unwrap_or_else(|| match total {
        0 => "No images found".to_string(),
        _ => format!("{} in all", plural(total, "image", "images")),
    })
}

/// The sort choice's index in [`SORT_CHOICES`], for the select.
fn sort_index(by: PublicSortBy, order: SortOrder) -> usize {
    SORT_CHOICES
        .iter()
        .position(|(b, o, _)| *b == by && *o == order)
        .unwrap_or(0)
}

/// The results line, the Filters button and the sort and page-size selects.
#[component]
pub fn ResultsToolbar(
    catalog: CatalogState,
    /// Opens the filter panel (narrow screens).
    on_open_filters: Callback<()>,
    /// Whether the filter panel is open.
    #[prop(into)]
    filters_open: Signal<bool>,
) -> impl IntoView {
    let query = catalog.query;
    let status = move || {
        let pending = catalog.results.slow();
        catalog.results.with(|answer| match answer {
            None => "Loading images…".to_string(),
            Some(_) if pending => "Updating results…".to_string(),
            Some(answer) => match &answer.result {
                Ok(list) => results_line(list),
                Err(_) => "Images could not be loaded".to_string(),
            },
        })
    };
    let active_count = Memo::new(move |_| query.with(|q| q.active_filters().len()));

    // The selects follow their own part of the state only, so that other
    // changes do not reset their options.
    let sort_choice = Memo::new(move |_| query.with(|q| sort_index(q.sort_by, q.sort_order)));
    let page_size = Memo::new(move |_| query.with(|q| q.limit));
    let on_sort = move |ev: leptos::ev::Event| {
        let index = event_target_value(&ev).parse::<usize>().unwrap_or(0);
        let (by, order, _) = SORT_CHOICES[index.min(SORT_CHOICES.len() - 1)];
        catalog.go(query.get_untracked().first_page_with(|q| {
            q.sort_by = by;
            q.sort_order = order;
        }));
    };
    let on_limit = move |ev: leptos::ev::Event| {
        if let Ok(limit) = event_target_value(&ev).parse::<u32>() {
            if PAGE_SIZES.contains(&limit) {
                catalog.go(query.get_untracked().first_page_with(|q| q.limit = limit));
            }
        }
    };

    view! {
        <div class=style::toolbar>
            <p class=style::count role="status" aria-live="polite">
                {status}
            </p>
            <button
                type="button"
                class=format!("btn btn--secondary btn--small {}", style::filters_button)
                aria-controls="catalog-filters"
                aria-expanded=move || filters_open.get().to_string()
                aria-haspopup="dialog"
                on:click=move |_| on_open_filters.run(())
            >
                <FilterIcon />
                {move || match active_count.get() {
                    0 => "Filters".to_string(),
                    n => format!("Filters ({n})"),
                }}
            </button>
            <div class=style::controls>
                <label class=style::control>
                    <span class=style::control_label>"Sort"</span>
                    <select id="catalog-sort" class="select" on:change=on_sort>
                        {SORT_CHOICES
                            .iter()
                            .enumerate()
                            .map(|(index, (_, _, label))| {
                                view! {
                                    <option
                                        value=index.to_string()
                                        prop:selected=move || sort_choice.get() == index
                                    >
                                        {*label}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <label class=style::control>
                    <span class=style::control_label>"Per page"</span>
                    <select id="catalog-page-size" class="select" on:change=on_limit>
                        {PAGE_SIZES
                            .iter()
                            .map(|&size| {
                                view! {
                                    <option
                                        value=size.to_string()
                                        prop:selected=move || page_size.get() == size
                                    >
                                        {size}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
            </div>
        </div>
    }
}
