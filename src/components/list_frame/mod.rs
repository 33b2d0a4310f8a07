//! The frame of a paged list from the API (the catalog's cards, My images'
//! rows): what stands in for the items (placeholders, an empty list, a page
//! past the end, an error with Retry), the loading bar, and the pager.

use leptos::prelude::*;

use crate::api::{ApiError, Pagination, PublicImageList, UserImageList};
use crate::components::pager::Pager;
use crate::components::status::{ErrorPanel, ProgressBar};
use crate::hooks::ApiResource;

stylance::import_crate_style!(style, "src/components/list_frame/list_frame.module.css");

/// A page of a list.
pub trait Paged {
    /// Where the page is among all of them.
    fn pagination(&self) -> Pagination;
    /// Whether the page has no items.
    fn is_empty(&self) -> bool;
}

impl Paged for PublicImageList {
    fn pagination(&self) -> Pagination {
        self.pagination
    }
    fn is_empty(&self) -> bool {
        self.images.is_empty()
    }
}

impl Paged for UserImageList {
    fn pagination(&self) -> Pagination {
        self.pagination
    }
    fn is_empty(&self) -> bool {
        self.images.is_empty()
    }
}

/// What the frame shows for an answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Showing {
    /// Nothing has come yet: grey stand-ins.
    Placeholders,
    /// The items.
    Items,
    /// There is nothing to list.
    Empty,
    /// A page after the last one, which is `last`.
    PastEnd { last: u32 },
    /// The list could not be loaded: why.
    Error(String),
}

/// What the frame shows for `result`, the answer shown (if any).
pub fn showing<T: Paged>(result: Option<Result<&T, &ApiError>>) -> Showing {
    match result {
        None => Showing::Placeholders,
        Some(Err(err)) => Showing::Error(err.user_message()),
        Some(Ok(page)) if !page.is_empty() => Showing::Items,
        Some(Ok(page)) => {
            let paging = page.pagination();
            if paging.total > 0 && paging.page > 1 {
                Showing::PastEnd {
                    last: paging.total_pages.max(1),
                }
            } else {
                Showing::Empty
            }
        }
    }
}

/// The list's state as tests and assistive technology see it (`data-state`).
pub fn state_name(showing: &Showing, pending: bool) -> &'static str {
    match showing {
        Showing::Placeholders => "loading",
        _ if pending => "refreshing",
        Showing::Items => "ready",
        Showing::Empty => "empty",
        Showing::PastEnd { .. } => "past-end",
        Showing::Error(_) => "error",
    }
}

/// What the frame reads of a list's data (reads of its resource, so that
/// the frame's `Transition` knows when it loads).
#[derive(Clone, Copy)]
pub struct ListData {
    showing: Signal<Showing>,
    paging: Signal<Option<Pagination>>,
    pending: Signal<bool>,
    slow: Signal<bool>,
    retry: Callback<()>,
}

impl<K, T> From<ApiResource<K, T>> for ListData
where
    K: Clone + PartialEq + Send + Sync + 'static,
    T: Paged + Clone + Send + Sync + 'static,
{
    fn from(data: ApiResource<K, T>) -> Self {
        Self {
            showing: Signal::derive(move || data.with(|l| showing(l.map(|l| l.result)))),
            paging: Signal::derive(move || {
                data.with(|l| l.and_then(|l| l.result.ok()).map(Paged::pagination))
            }),
            pending: Signal::derive(move || data.pending()),
            slow: Signal::derive(move || data.slow()),
            retry: Callback::new(move |_| data.retry()),
        }
    }
}

/// A section holding a paged list: its toolbar (`children`), then the
/// items (`items`, which read the data themselves and are kept from one
/// answer to the next) or what stands in for them, then the pager. While
/// the next page loads, the last one stays, dimmed once it takes a moment.
#[component]
pub fn ListFrame(
    /// The list's data.
    #[prop(into)]
    data: ListData,
    /// Grey stand-ins for the items while the first page loads.
    #[prop(into)]
    placeholders: ViewFn,
    /// The items.
    #[prop(into)]
    items: ViewFn,
    /// What an empty list says, in the frame's box.
    #[prop(into)]
    empty: ViewFn,
    /// A page's address, for the pager and the way back from past the end.
    href_for: Callback<u32, String>,
    /// The heading of a failure: "Could not load images".
    error_title: &'static str,
    /// The pager's accessible name: "Catalog pages".
    pager_label: &'static str,
    /// The section's classes.
    #[prop(optional)]
    class: &'static str,
    /// Above the list: its toolbar.
    children: Children,
) -> impl IntoView {
    let ListData {
        showing,
        paging,
        pending,
        slow,
        retry,
    } = data;
    let placeholders_again = placeholders.clone();
    // Read inside the Transition, so that it shows `placeholders` until the
    // first answer.
    let instead_of_items = move || {
        let view = match showing.get() {
            Showing::Items => return None,
            Showing::Placeholders => placeholders_again.run(),
            Showing::Empty => view! { <div class=style::empty>{empty.run()}</div> }.into_any(),
            Showing::PastEnd { last } => view! {
                <div class=style::empty>
                    <h2>"This page is past the end"</h2>
                    <p>{format!("The list ends on page {last}.")}</p>
                    <a class="btn btn--primary" href=href_for.run(last)>
                        {format!("Go to page {last}")}
                    </a>
                </div>
            }
            .into_any(),
            Showing::Error(message) => view! {
                <ErrorPanel title=error_title message on_retry=retry />
            }
            .into_any(),
        };
        Some(view)
    };

    view! {
        <section
            class=class
            aria-busy=move || pending.get().to_string()
            data-state=move || state_name(&showing.get(), pending.get())
        >
            {children()}
            <ProgressBar active=Signal::derive(move || slow.get() && showing.get() != Showing::Placeholders) />
            <div class=move || if slow.get() { style::stale } else { "" }>
                <Transition fallback=move || placeholders.run()>
                    {instead_of_items}
                    <Show when=move || showing.get() == Showing::Items>{items.run()}</Show>
                </Transition>
            </div>
            <Pager
                label=pager_label
                current=Signal::derive(move || paging.get().map_or(1, |p| p.page))
                total_pages=Signal::derive(move || paging.get().map_or(0, |p| p.total_pages))
                href_for
            />
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(items: usize, total: u64, page: u32, total_pages: u32) -> PublicImageList {
        PublicImageList {
            images: vec![Default::default(); items],
            pagination: Pagination {
                total,
                page,
                limit: 20,
                total_pages,
            },
        }
    }

    #[test]
    fn what_an_answer_shows() {
        assert_eq!(showing::<PublicImageList>(None), Showing::Placeholders);
        assert_eq!(showing(Some(Ok(&page(3, 3, 1, 1)))), Showing::Items);
        assert_eq!(showing(Some(Ok(&page(0, 0, 1, 0)))), Showing::Empty);
        assert_eq!(
            showing(Some(Ok(&page(0, 45, 9, 3)))),
            Showing::PastEnd { last: 3 }
        );
        assert_eq!(
            showing::<PublicImageList>(Some(Err(&ApiError::Network))),
            Showing::Error(ApiError::Network.user_message())
        );
    }

    #[test]
    fn state_names_say_when_newer_data_is_coming() {
        assert_eq!(state_name(&Showing::Placeholders, true), "loading");
        assert_eq!(state_name(&Showing::Items, true), "refreshing");
        assert_eq!(state_name(&Showing::Items, false), "ready");
        assert_eq!(state_name(&Showing::Empty, false), "empty");
        assert_eq!(state_name(&Showing::PastEnd { last: 2 }, false), "past-end");
        assert_eq!(state_name(&Showing::Error(String::new()), false), "error");
    }
}
