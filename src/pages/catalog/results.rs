//! The catalog's results: cards, or what stands in for them (placeholders,
//! an empty result, a page past the end, an error with Retry), and the pager.

use leptos::prelude::*;

use super::chips::{ActiveFilterChips, EmptyResults};
use super::state::{Answer, CatalogState};
use super::toolbar::ResultsToolbar;
use crate::api::ApiError;
use crate::components::image_card::{CardGrid, ImageCardSkeleton};
use crate::components::pager::Pager;
use crate::components::status::{ErrorPanel, ProgressBar};
use crate::state::ApiContext;

use super::style;

/// What the results area shows, as the tests and assistive technology see
/// it (`data-state` and `aria-busy`).
fn results_state(answer: Option<&Answer>, pending: bool) -> &'static str {
    let Some(answer) = answer else {
        return "loading";
    };
    match &answer.result {
        _ if pending => "refreshing",
        // Cancelled before any results came: the next ones are on their way.
        Err(ApiError::Aborted) => "loading",
        Err(_) => "error",
        Ok(list) if !list.images.is_empty() => "ready",
        Ok(list) if list.pagination.total > 0 && list.pagination.page > 1 => "past-end",
        Ok(_) => "empty",
    }
}

/// Whether an answer is shown as cards.
fn shows_cards(answer: &Answer) -> bool {
    matches!(&answer.result, Ok(list) if !list.images.is_empty())
}

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

    let placeholders = || {
        view! {
            <ul class=style::grid aria-hidden="true">
                {(0..8).map(|_| view! { <li><ImageCardSkeleton /></li> }).collect_view()}
            </ul>
        }
    };

    // The grid stays mounted from one answer to the next, and its keyed list
    // keeps the cards of the images still shown (a new order, a larger
    // page); what stands in for cards is built per answer. Both read the
    // results inside the Transition, so that it knows when new ones are on
    // their way (`cards_shown`, a memo made out here, does not count); they
    // change when new ones have arrived, not before.
    let images = Signal::derive(move || {
        results.with(
            |answer| match answer.as_ref().map(|answer| &answer.result) {
                Some(Ok(list)) => list.images.clone(),
                _ => Vec::new(),
            },
        )
    });
    let cards_shown =
        Memo::new(move |_| results.with(|answer| answer.as_ref().is_some_and(shows_cards)));
    let instead_of_cards = move || {
        let answer = results.with(|answer| answer.as_ref().filter(|a| !shows_cards(a)).cloned())?;
        let view = match answer.result {
            Ok(list) if list.pagination.total > 0 && list.pagination.page > 1 => {
                let last = list.pagination.total_pages.max(1);
                view! {
                    <div class=style::empty>
                        <h3>"This page is past the end"</h3>
                        <p>{format!("The results end on page {last}.")}</p>
                        <a class="btn btn--primary" href=answer.query.with_page(last).href()>
                            {format!("Go to page {last}")}
                        </a>
                    </div>
                }
                .into_any()
            }
            Ok(_) => view! { <EmptyResults catalog asked=answer.query /> }.into_any(),
            Err(ApiError::Aborted) => placeholders().into_any(),
            Err(err) => view! {
                <ErrorPanel
                    title="Could not load images"
                    message=err.user_message()
                    on_retry=Callback::new(move |_| catalog.retry(api))
                />
            }
            .into_any(),
        };
        Some(view)
    };
    view! {
        <section
            class=style::results
            aria-labelledby="results-title"
            aria-busy=move || catalog.pending.get().to_string()
            data-answers=move || results.with(|a| a.as_ref().map(|a| a.query.to_query_string()))
            data-state=move || {
                let pending = catalog.pending.get();
                results.with(|answer| results_state(answer.as_ref(), pending))
            }
        >
            <h2 id="results-title" class="visually-hidden" tabindex="-1">
                "Results"
            </h2>
            <ResultsToolbar catalog on_open_filters filters_open />
            <ActiveFilterChips catalog />
            <ProgressBar active=Signal::derive(move || {
                catalog.slow.get() && results.with(Option::is_some)
            }) />
            // Results of the previous view stay, dimmed, while the next ones load.
            <div class=move || if catalog.slow.get() { style::stale } else { "" }>
                <Transition fallback=placeholders set_pending=catalog.pending.write_only()>
                    {instead_of_cards}
                    <Show when=move || cards_shown.get()>
                        <CardGrid images class=style::grid on_card_interest=prefetch_card />
                    </Show>
                </Transition>
            </div>
            <Pager
                label="Catalog pages"
                current=Signal::derive(move || {
                    catalog.shown_pagination().map(|p| p.page).unwrap_or(1)
                })
                total_pages=Signal::derive(move || {
                    catalog.shown_pagination().map(|p| p.total_pages).unwrap_or(0)
                })
                href_for=Callback::new(move |page: u32| {
                    catalog.query.get_untracked().with_page(page).href()
                })
            />
        </section>
    }
}
