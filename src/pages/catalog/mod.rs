//! The catalog (`/`): search, filters, sort, page size and pages, all kept in
//! the URL; a grid of image cards; loading, empty and error states.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_url};
use std::time::Duration;
use wasm_bindgen::JsCast;

use crate::api::{ListPublicImages, PublicImageList, PublicSortBy, SortOrder};
use crate::catalog_query::{CatalogQuery, PAGE_SIZES, SORT_CHOICES};
use crate::components::filter_sidebar::FilterSidebar;
use crate::components::icons::{CloseIcon, FilterIcon, SearchIcon};
use crate::components::image_card::{CardGrid, ImageCardSkeleton};
use crate::components::pager::Pager;
use crate::components::status::{ErrorPanel, ProgressBar};
use crate::format::plural;
use crate::hooks::{inert_outside, media_query_matches, shown_after, Debounced, LatestFetch};
use crate::pagination::item_range;
use crate::state::ApiContext;
use crate::{routes, scroll_memory};

stylance::import_crate_style!(style, "src/pages/catalog/catalog.module.css");

/// How long typing in the search box must pause before the search runs.
pub const SEARCH_DEBOUNCE: Duration = Duration::from_millis(300);
/// How long a reload may take before the grid dims and the bar shows.
const LOADING_INDICATOR_DELAY: Duration = Duration::from_millis(200);
/// Where the filters become a panel behind a button (as in the CSS module).
const FILTERS_AS_PANEL: &str = "(max-width: 900px)";

/// What the results area shows.
#[derive(Debug, Clone, PartialEq)]
enum ResultsView {
    FirstLoad,
    Error(String),
    Empty,
    PastLastPage { last: u32 },
    Grid,
}

/// The sort choice's index in [`SORT_CHOICES`], for the select.
fn sort_index(by: PublicSortBy, order: SortOrder) -> usize {
    SORT_CHOICES
        .iter()
        .position(|(b, o, _)| *b == by && *o == order)
        .unwrap_or(0)
}

/// "Showing 21–40 of 87 images".
fn results_line(list: &PublicImageList) -> String {
    let p = list.pagination;
    match item_range(p.page, p.limit, p.total) {
        Some((first, last)) => format!(
            "Showing {first}–{last} of {}",
            plural(p.total, "image", "images")
        ),
        None if p.total == 0 => "No images found".to_string(),
        None => format!("{} in all", plural(p.total, "image", "images")),
    }
}

/// The catalog page.
#[component]
pub fn CatalogPage() -> impl IntoView {
    let api = expect_context::<ApiContext>();
    // The catalog's own URL: the router stops updating it once the location
    // moves to another route, so a URL that is not the catalog's never
    // reaches the state below, even while this page is being replaced.
    let url = use_url();
    let navigate = use_navigate();

    let raw_search = Memo::new(move |_| url.with(|url| url.search().to_string()));
    let query = Memo::new(move |_| CatalogQuery::from_query_string(&raw_search.get()));

    // Data: only the newest request's answer is shown; cached pages appear at once.
    let results = LatestFetch::<PublicImageList>::new();
    // The API request of the newest load, so that two URLs asking the same
    // (a range and the same range reversed) share one request in flight.
    let last_request = StoredValue::new(None::<ListPublicImages>);
    // Loads the results of `q`, unless they are what was last asked for;
    // `fresh` asks the API again even then, and skips the cache.
    let load = move |q: &CatalogQuery, fresh: bool| {
        let tag = q.to_query_string();
        if !fresh && results.last_asked_is(&tag) {
            return;
        }
        let request = q.to_request();
        if !fresh {
            if last_request.with_value(|last| last.as_ref() == Some(&request))
                && results.also_answers(tag.clone())
            {
                return;
            }
            if let Some(list) = api.cached_list(&request) {
                last_request.set_value(Some(request));
                results.set_ready(tag, list);
                return;
            }
        }
        last_request.set_value(Some(request.clone()));
        results.start(tag, move |abort| api.list_public(&request, abort));
    };
    // The first request starts now, while the page is still being built;
    // later ones follow the URL (Back/Forward, links, edits of the address).
    load(&query.get_untracked(), false);
    Effect::new(move |previous: Option<()>| {
        let q = query.get();
        if previous.is_some() {
            load(&q, false);
        }
    });
    let retry = Callback::new(move |_| {
        api.clear_cache();
        load(&query.get_untracked(), true);
    });

    // Moves to a new state: pushed for deliberate changes, replaced while
    // typing. The request leaves first, since `pushState` alone can take
    // milliseconds; the URL's change then finds it already asked.
    let go = {
        let navigate = navigate.clone();
        move |next: CatalogQuery, replace: bool| {
            load(&next, false);
            navigate(&routes::catalog_href(&next), routes::nav(replace, false));
        }
    };
    let go = StoredValue::new_local(go);
    let change = Callback::new(move |next: CatalogQuery| go.with_value(|go| go(next, false)));

    // A broken or non-canonical URL is rewritten in place (no history entry).
    Effect::new(move |_| {
        let raw = raw_search.get();
        let canonical = query.get().to_query_string();
        if raw.trim_start_matches('?') != canonical.trim_start_matches('?') {
            let q = query.get_untracked();
            go.with_value(|go| go(q, true));
        }
    });

    // Fast answers replace the grid without a flash of the loading state.
    let slow_reload = shown_after(results.loading.into(), LOADING_INDICATOR_DELAY);

    // Hovering or focusing a card starts loading its details, so that opening
    // it is instant; once per card the pointer or focus moves to.
    let last_prefetched = StoredValue::new(None::<String>);
    let prefetch_card = Callback::new(move |id: String| {
        if last_prefetched.with_value(|last| last.as_deref() != Some(id.as_str())) {
            last_prefetched.set_value(Some(id.clone()));
            api.prefetch_detail(id);
        }
    });

    // Scroll: when the user comes Back or Forward to a view of the catalog
    // (to this page, or within it), put it where it was once its results are in.
    let scroll_to_restore = StoredValue::new(None::<f64>);
    Effect::new(move |shown_search: Option<String>| {
        let search = raw_search.get();
        if shown_search.as_ref() != Some(&search) {
            scroll_to_restore.set_value(scroll_memory::take_for_return());
        }
        let answered = results.answered.get();
        if answered.as_deref() == Some(query.with(CatalogQuery::to_query_string).as_str()) {
            if let Some(y) = scroll_to_restore.get_value() {
                scroll_to_restore.set_value(None);
                scroll_memory::restore(y);
            }
        }
        search
    });

    // Search box: its own text while typing, committed after a pause.
    let search_text = RwSignal::new(query.get_untracked().search.unwrap_or_default());
    let typing_started = StoredValue::new(false);
    let search_input = NodeRef::<leptos::html::Input>::new();
    let debounced_search = Debounced::new(SEARCH_DEBOUNCE, move |text: String| {
        // The first commit of a typing burst adds a history entry; later ones replace it.
        let replace = typing_started.get_value();
        typing_started.set_value(true);
        let Some(current) = query.try_get_untracked() else {
            return;
        };
        let next = current
            .with(|q| q.search = CatalogQuery::from_pairs([("search", text.as_str())]).search);
        if next != current {
            go.with_value(|go| go(next, replace));
        }
    });
    // Back/Forward or a chip changes the search: show it, unless the user is
    // typing. Other changes leave the box (and its caret) alone.
    let search_in_url = Memo::new(move |_| query.with(|q| q.search.clone()).unwrap_or_default());
    Effect::new(move |_| {
        let from_url = search_in_url.get();
        if !debounced_search.is_pending() {
            search_text.set(from_url);
        }
    });
    let on_search_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        debounced_search.flush();
        typing_started.set_value(false);
    };

    // "/" focuses the search box, unless the user is typing somewhere.
    let slash_handle = window_event_listener(leptos::ev::keydown, move |ev| {
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
        if !typing {
            if let Some(input) = search_input.get_untracked() {
                ev.prevent_default();
                let _ = input.focus();
                input.select();
            }
        }
    });
    on_cleanup(move || slash_handle.remove());

    // Filters panel on small screens.
    let filters_open = RwSignal::new(false);
    let filters_button = NodeRef::<leptos::html::Button>::new();
    let active_count = Memo::new(move |_| query.with(|q| q.active_filters().len()));
    // Where the filters are a closed panel they are built when it first
    // opens, not with the page: on a phone they are a tenth of its elements,
    // and the first render is that much shorter. Once built they stay.
    let filters_as_panel = media_query_matches(FILTERS_AS_PANEL);
    let filters_built = Memo::new(move |built: Option<&bool>| {
        built.copied().unwrap_or(false)
            || filters_open.get()
            || filters_as_panel.get() != Some(true)
    });
    // Opened, the panel covers the page: focus moves into it (once it is
    // drawn) and stays there, and goes back to the button when it closes.
    let panel_close_button = NodeRef::<leptos::html::Button>::new();
    let filters_panel = NodeRef::<leptos::html::Aside>::new();
    inert_outside(
        Signal::derive(move || filters_open.get() && filters_as_panel.get() == Some(true)),
        move || filters_panel.get().map(Into::into),
    );
    let open_filters = move || {
        filters_open.set(true);
        request_animation_frame(move || {
            if let Some(button) = panel_close_button.get_untracked() {
                let _ = button.focus();
            }
        });
    };
    let close_filters = move || {
        filters_open.set(false);
        // Once the page is no longer inert, which takes an effect's turn.
        request_animation_frame(move || {
            if let Some(button) = filters_button.get_untracked() {
                let _ = button.focus();
            }
        });
    };

    let view_state = Memo::new(move |_| {
        let data_present = results.data.with(Option::is_some);
        if let Some(err) = results.error.get() {
            return ResultsView::Error(err.user_message());
        }
        results.data.with(|data| match data {
            None => ResultsView::FirstLoad,
            Some(list) if !list.images.is_empty() => ResultsView::Grid,
            Some(list) if list.pagination.total > 0 && list.pagination.page > 1 => {
                ResultsView::PastLastPage {
                    last: list.pagination.total_pages.max(1),
                }
            }
            Some(_) if data_present => ResultsView::Empty,
            Some(_) => ResultsView::FirstLoad,
        })
    });

    let status_text = move || {
        if results.loading.get() && results.data.with(Option::is_none) {
            "Loading images…".to_string()
        } else if results.error.with(Option::is_some) {
            "Images could not be loaded".to_string()
        } else {
            results
                .data
                .with(|d| d.as_ref().map(results_line))
                .unwrap_or_default()
        }
    };

    // The selects follow their own part of the state only, so that other
    // changes do not reset their options.
    let sort_choice = Memo::new(move |_| query.with(|q| sort_index(q.sort_by, q.sort_order)));
    let page_size = Memo::new(move |_| query.with(|q| q.limit));
    let on_sort = move |ev: leptos::ev::Event| {
        let index = event_target_value(&ev).parse::<usize>().unwrap_or(0);
        let (by, order, _) = SORT_CHOICES[index.min(SORT_CHOICES.len() - 1)];
        change.run(query.get_untracked().with(|q| {
            q.sort_by = by;
            q.sort_order = order;
        }));
    };
    let on_limit = move |ev: leptos::ev::Event| {
        if let Ok(limit) = event_target_value(&ev).parse::<u32>() {
            if PAGE_SIZES.contains(&limit) {
                change.run(query.get_untracked().with(|q| q.limit = limit));
            }
        }
    };
    let clear_all = move |_| change.run(query.get_untracked().cleared());

    view! {
        <div class=style::page>
            <section class=style::hero aria-labelledby="catalog-title">
                <div class=style::hero_text>
                    <h1 id="catalog-title">"Container images"</h1>
                    <p class=style::subtitle>
                        "Base images for your deployments: pick an OS and an architecture, import the free ones, buy the rest."
                    </p>
                </div>
                <form class=style::search role="search" on:submit=on_search_submit>
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
                        maxlength="100"
                        aria-keyshortcuts="/"
                        node_ref=search_input
                        prop:value=move || search_text.get()
                        on:input=move |ev| {
                            let text = event_target_value(&ev);
                            search_text.set(text.clone());
                            debounced_search.call(text);
                        }
                        on:blur=move |_| typing_started.set_value(false)
                    />
                    <kbd class=style::search_hint aria-hidden="true">
                        "/"
                    </kbd>
                </form>
            </section>

            <div class=style::layout>
                <aside
                    id="catalog-filters"
                    node_ref=filters_panel
                    class=move || {
                        if filters_open.get() {
                            format!("{} {}", style::sidebar, style::sidebar_open)
                        } else {
                            style::sidebar.to_string()
                        }
                    }
                    aria-labelledby="filters-title"
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        if ev.key() == "Escape" && filters_open.get_untracked() {
                            close_filters();
                        }
                    }
                >
                    <div class=style::sidebar_head>
                        <h2 id="filters-title" class=style::sidebar_title>
                            "Filters"
                        </h2>
                        <Show when=move || { active_count.get() > 0 }>
                            <button type="button" class="btn btn--ghost btn--small" on:click=clear_all>
                                "Clear all"
                            </button>
                        </Show>
                        <button
                            type="button"
                            class=format!("btn btn--ghost btn--small {}", style::panel_close)
                            aria-label="Close filters"
                            node_ref=panel_close_button
                            on:click=move |_| close_filters()
                        >
                            <CloseIcon />
                        </button>
                    </div>
                    <Show when=move || filters_built.get()>
                        <FilterSidebar query=query on_change=change />
                    </Show>
                    <div class=style::panel_footer>
                        <button type="button" class="btn btn--primary" on:click=move |_| close_filters()>
                            {move || {
                                results
                                    .data
                                    .with(|d| d.as_ref().map(|l| l.pagination.total))
                                    .map(|total| format!("Show {}", plural(total, "image", "images")))
                                    .unwrap_or_else(|| "Show images".to_string())
                            }}
                        </button>
                    </div>
                </aside>

                <section
                    class=style::results
                    aria-labelledby="results-title"
                    data-answers=move || results.answered.get()
                    data-state=move || {
                        match view_state.get() {
                            ResultsView::FirstLoad => "loading",
                            ResultsView::Error(_) => "error",
                            ResultsView::Empty => "empty",
                            ResultsView::PastLastPage { .. } => "past-end",
                            ResultsView::Grid if results.loading.get() => "refreshing",
                            ResultsView::Grid => "ready",
                        }
                    }
                >
                    <h2 id="results-title" class="visually-hidden">
                        "Results"
                    </h2>
                    <div class=style::toolbar>
                        <p class=style::count role="status" aria-live="polite">
                            {status_text}
                        </p>
                        <button
                            type="button"
                            class=format!("btn btn--secondary btn--small {}", style::filters_button)
                            aria-controls="catalog-filters"
                            aria-expanded=move || filters_open.get().to_string()
                            node_ref=filters_button
                            on:click=move |_| open_filters()
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

                    <ActiveFilterChips query=query on_change=change />
                    <ProgressBar active=Signal::derive(move || {
                        slow_reload.get() && results.data.with(Option::is_some)
                    }) />

                    {move || match view_state.get() {
                        ResultsView::FirstLoad => {
                            view! {
                                <ul class=style::grid aria-hidden="true">
                                    {(0..8)
                                        .map(|_| view! { <li><ImageCardSkeleton /></li> })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                        ResultsView::Error(message) => {
                            view! {
                                <ErrorPanel
                                    title="Could not load images"
                                    message=message
                                    on_retry=retry
                                />
                            }
                                .into_any()
                        }
                        ResultsView::Empty => {
                            view! { <EmptyResults query=query on_change=change /> }.into_any()
                        }
                        ResultsView::PastLastPage { last } => {
                            let href = routes::catalog_href(&query.get_untracked().with_page(last));
                            view! {
                                <div class=style::empty>
                                    <h3>"This page is past the end"</h3>
                                    <p>{format!("The results end on page {last}.")}</p>
                                    <a class="btn btn--primary" href=href>
                                        {format!("Go to page {last}")}
                                    </a>
                                </div>
                            }
                                .into_any()
                        }
                        ResultsView::Grid => {
                            view! {
                                <CardGrid
                                    results=results.data
                                    class=Signal::derive(move || {
                                        if slow_reload.get() {
                                            format!("{} {}", style::grid, style::stale)
                                        } else {
                                            style::grid.to_string()
                                        }
                                    })
                                    busy=results.loading
                                    on_card_interest=prefetch_card
                                />
                            }
                                .into_any()
                        }
                    }}

                    <Pager
                        label="Catalog pages"
                        current=Signal::derive(move || {
                            results.data.with(|d| d.as_ref().map(|l| l.pagination.page).unwrap_or(1))
                        })
                        total_pages=Signal::derive(move || {
                            if results.error.with(Option::is_some) {
                                0
                            } else {
                                results.data.with(|d| d.as_ref().map(|l| l.pagination.total_pages).unwrap_or(0))
                            }
                        })
                        href_for=Callback::new(move |page: u32| {
                            routes::catalog_href(&query.get_untracked().with_page(page))
                        })
                    />
                </section>
            </div>
        </div>
    }
}

/// The active filters as removable chips, with "Clear all".
#[component]
fn ActiveFilterChips(
    #[prop(into)] query: Signal<CatalogQuery>,
    on_change: Callback<CatalogQuery>,
) -> impl IntoView {
    let chips = Memo::new(move |_| query.with(CatalogQuery::active_filters));
    view! {
        {move || {
            let chips = chips.get();
            (!chips.is_empty())
                .then(|| {
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
                                                on:click=move |_| on_change.run(without.clone())
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
                                    on:click=move |_| on_change.run(query.get_untracked().cleared())
                                >
                                    "Clear all"
                                </button>
                            </li>
                        </ul>
                    }
                })
        }}
    }
}

/// No results: what was asked for, and a way out.
#[component]
fn EmptyResults(
    #[prop(into)] query: Signal<CatalogQuery>,
    on_change: Callback<CatalogQuery>,
) -> impl IntoView {
    let filters = move || query.with(CatalogQuery::active_filters);
    view! {
        <div class=style::empty>
            {move || {
                if filters().is_empty() {
                    view! {
                        <h3>"The catalog is empty"</h3>
                        <p>"No images have been published yet. Check back soon."</p>
                    }
                        .into_any()
                } else {
                    view! {
                        <h3>"No images match these filters"</h3>
                        <p>"Active filters:"</p>
                        <ul class=style::empty_filters>
                            {filters()
                                .into_iter()
                                .map(|f| view! { <li>{f.label}</li> })
                                .collect_view()}
                        </ul>
                        <button
                            type="button"
                            class="btn btn--primary"
                            on:click=move |_| on_change.run(query.get_untracked().cleared())
                        >
                            "Clear filters"
                        </button>
                    }
                        .into_any()
                }
            }}
        </div>
    }
}
