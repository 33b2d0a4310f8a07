//! The catalog's results: the toolbar and chips above, then the cards, or
//! what stands in for them, and the pager (the list frame's).

use leptos::prelude::*;

use super::chips::{ActiveFilterChips, EmptyResults};
use super::state::CatalogState;
use super::toolbar::ResultsToolbar;
use crate::components::image_card::{CardGrid, ImageCardSkeleton};
use crate::components::list_frame::ListFrame;
use crate::state::image_family::standings;
use crate::state::ApiContext;

use super::style;

/// The results section: toolbar, chips, the cards and the pager.
#[component]
pub fn CatalogResults(
    catalog: CatalogState,
    /// Opens the filter panel (narrow screens).
    on_open_filters: Callback<()>,
    /// Whether the filter panel is open.
    #[prop(into)]
    filters_open: Signal<bool>,
) -> impl IntoView {
    let api = expect_context::<ApiContext>();
    let results = catalog.results;
    // Hovering or focusing a card starts loading its details, so that
    // opening it is instant.
    let prefetch_card = Callback::new(move |id: String| api.prefetch_detail(id));
    // The grid stays mounted from one answer to the next, and its keyed
    // list keeps the cards of the images still shown (a new order, a larger
    // page). It reads the results inside the frame's Transition.
    let images = Signal::derive(move || {
        results.with(|answer| {
            answer
                .and_then(|answer| answer.result.ok())
                .map(|list| list.images.clone())
                .unwrap_or_default()
        })
    });
    // What the page proves of each build: "Latest build", or a newer one on it.
    let standings = Signal::derive(move || {
        results
            .with(|answer| {
                let answer = answer?;
                let list = answer.result.ok()?;
                let holds_newest = answer.key.holds_newest_builds(list.pagination);
                Some(standings(&list.images, holds_newest))
            })
            .unwrap_or_default()
    });
    let placeholders = || {
        view! {
            <ul class=style::grid aria-hidden="true">
                {(0..8).map(|_| view! { <li><ImageCardSkeleton /></li> }).collect_view()}
            </ul>
        }
    };

    view! {
        <ListFrame
            data=results
            placeholders
            items=move || view! { <CardGrid images standings class=style::grid on_card_interest=prefetch_card /> }
            empty=move || {
                let asked = results.with(|answer| answer.map(|answer| answer.key.clone()));
                asked.map(|asked| view! { <EmptyResults catalog asked /> })
            }
            href_for=Callback::new(move |page: u32| {
                catalog.query.get_untracked().with_page(page).href()
            })
            error_title="Could not load images"
            pager_label="Catalog pages"
            class=style::results
            attr:aria-labelledby="results-title"
            attr:data-answers=move || results.with(|a| a.map(|a| a.key.to_query_string()))
        >
            <h2 id="results-title" class="visually-hidden" tabindex="-1" node_ref=catalog.results_heading>
                "Results"
            </h2>
            <ResultsToolbar catalog on_open_filters filters_open />
            <ActiveFilterChips catalog />
        </ListFrame>
    }
}
