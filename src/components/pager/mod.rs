//! Numbered pagination with previous and next, and ellipses for long ranges.
//! Pages are real links, so they open in a new tab and work with Back.

use leptos::prelude::*;

mod page_items;

use crate::components::icons::ChevronIcon;
use page_items::{page_items, PageItem};

stylance::import_crate_style!(style, "src/components/pager/pager.module.css");

/// The pager for `current` of `total_pages`; `href_for(n)` is page n's URL.
#[component]
pub fn Pager(
    /// The page shown.
    #[prop(into)]
    current: Signal<u32>,
    /// How many pages there are.
    #[prop(into)]
    total_pages: Signal<u32>,
    /// The URL of a page.
    href_for: Callback<u32, String>,
    /// What is being paged, for the navigation's name: "Catalog pages".
    #[prop(into)]
    label: String,
) -> impl IntoView {
    let edge_content = move |next: bool| {
        view! {
            {(!next).then(|| view! { <ChevronIcon /> })}
            <span>{if next { "Next" } else { "Previous" }}</span>
            {next.then(|| view! { <ChevronIcon flip=true /> })}
        }
    };
    let edge_link = move |target: u32, enabled: bool, next: bool| {
        if enabled {
            view! {
                <a
                    class=style::edge
                    href=href_for.run(target)
                    rel=if next { "next" } else { "prev" }
                >
                    {edge_content(next)}
                </a>
            }
            .into_any()
        } else {
            view! {
                <span class=style::edge aria-disabled="true">
                    {edge_content(next)}
                </span>
            }
            .into_any()
        }
    };

    view! {
        <nav class=style::pager aria-label=label>
            {move || {
                let (current, total) = (current.get(), total_pages.get());
                (total > 1)
                    .then(|| {
                        view! {
                            {edge_link(current.saturating_sub(1), current > 1, false)}
                            <ul class=style::pages>
                                {page_items(current, total)
                                    .into_iter()
                                    .map(|item| match item {
                                        PageItem::Gap => {
                                            view! {
                                                <li class=style::gap aria-hidden="true">"…"</li>
                                            }
                                                .into_any()
                                        }
                                        PageItem::Page(n) if n == current => {
                                            view! {
                                                <li>
                                                    <a
                                                        class=style::page
                                                        href=href_for.run(n)
                                                        aria-current="page"
                                                        aria-label=format!("Page {n}, current page")
                                                    >
                                                        {n}
                                                    </a>
                                                </li>
                                            }
                                                .into_any()
                                        }
                                        PageItem::Page(n) => {
                                            view! {
                                                <li>
                                                    <a
                                                        class=style::page
                                                        href=href_for.run(n)
                                                        aria-label=format!("Page {n}")
                                                    >
                                                        {n}
                                                    </a>
                                                </li>
                                            }
                                                .into_any()
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                            {edge_link(current + 1, current < total, true)}
                        }
                    })
            }}
        </nav>
    }
}
