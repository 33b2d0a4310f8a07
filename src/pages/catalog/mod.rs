//! The catalog (`/`): search, filters, sort, page size and pages, all kept in
//! the URL; a grid of image cards; loading, empty and error states.

mod chips;
mod filter_panel;
mod filters;
pub mod query;
mod results;
mod search_box;
mod state;
mod toolbar;

use leptos::prelude::*;

use crate::hooks::document_title::use_title;
use filter_panel::FilterPanel;
use results::CatalogResults;
use search_box::SearchBox;
use state::use_catalog_state;

pub use search_box::SEARCH_DEBOUNCE;

stylance::import_crate_style!(style, "src/pages/catalog/catalog.module.css");

/// The catalog page.
#[component]
pub fn CatalogPage() -> impl IntoView {
    use_title(|| None);
    let catalog = use_catalog_state();
    // The filter panel of narrow screens, opened by the toolbar's button.
    let filters_open = RwSignal::new(false);

    view! {
        <div class=style::page>
            <section class=style::hero aria-labelledby="catalog-title">
                <div class=style::hero_text>
                    <h1 id="catalog-title">"Container images"</h1>
                    <p class=style::subtitle>
                        "Base images for your deployments: pick an OS and an architecture, import the free ones, buy the rest."
                    </p>
                </div>
                <SearchBox catalog />
            </section>
            <div class=style::layout>
                <FilterPanel catalog open=filters_open />
                <CatalogResults
                    catalog
                    on_open_filters=Callback::new(move |_| filters_open.set(true))
                    filters_open
                />
            </div>
        </div>
    }
}
