//! An image's page (`/images/:id`): everything the API knows of it, the
//! primary action (Import, Buy, or "In My images") and the user's rating.

mod acquisition;
mod details;
mod primary_action;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::RatingResult;
use crate::components::status::ErrorPanel;
use crate::hooks::document_title::use_title;
use crate::routes;
use crate::state::ApiContext;
use details::ImageDetails;

stylance::import_crate_style!(style, "src/pages/image_detail/image_detail.module.css");

/// What the page shows.
#[derive(Debug, Clone, PartialEq)]
enum PageState {
    NotFound(String),
    Failed(String),
    Loading,
    /// The image (at least the summary a card showed), with a message if
    /// its details could not be loaded.
    Shown {
        error: Option<String>,
    },
}

/// The image detail page.
#[component]
pub fn ImageDetailPage() -> impl IntoView {
    let api = expect_context::<ApiContext>();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id")).unwrap_or_default());
    let details = LocalResource::new(move || api.image_detail(id.get()));
    // What a card showed of the image, shown at once while the details load.
    let summary = Memo::new(move |_| api.summary(&id.get()));
    let loaded = move || {
        details.with(|result| {
            result
                .as_ref()
                .filter(|result| result.as_ref().map_or(true, |image| image.id == id.get()))
                .cloned()
        })
    };
    let image = Memo::new(move |_| match loaded() {
        Some(Ok(image)) => Some(image),
        _ => summary.get(),
    });
    let error = Memo::new(move |_| loaded().and_then(Result::err));
    let retry = Callback::new(move |_| {
        api.clear_cache();
        details.refetch();
    });

    use_title(move || match error.get() {
        Some(err) if err.is_not_found() => Some("Image not found".to_string()),
        _ => Some(
            image
                .with(|i| i.as_ref().map(|i| i.alias.clone()))
                .unwrap_or_else(|| "Image".into()),
        ),
    });

    // What the page shows changes only when this does, not on every field
    // update, so the rating input and focus survive the details arriving.
    let page_state = Memo::new(move |_| {
        let has_image = image.with(Option::is_some);
        match error.get() {
            Some(err) if err.is_not_found() => PageState::NotFound(err.user_message()),
            Some(err) if !has_image => PageState::Failed(err.user_message()),
            _ if !has_image => PageState::Loading,
            error => PageState::Shown {
                error: error.map(|e| e.user_message()),
            },
        }
    });

    // A rating saved on this page updates the average shown.
    let on_rated = Callback::new(move |result: RatingResult| {
        details.update(|loaded| {
            if let Some(Ok(image)) = loaded {
                image.average_rating = result.average_rating;
                image.rating_count = result.rating_count;
            }
        });
    });

    view! {
        <div class=style::page>
            <nav class=style::breadcrumb aria-label="Breadcrumb">
                <a href=routes::catalog_root()>"Catalog"</a>
                <span aria-hidden="true">"/"</span>
                <span aria-current="page">
                    {move || image.with(|i| i.as_ref().map(|i| i.alias.clone())).unwrap_or_else(|| "Image".to_string())}
                </span>
            </nav>
            {move || match page_state.get() {
                PageState::NotFound(message) => view! { <ImageNotFound message /> }.into_any(),
                PageState::Failed(message) => view! {
                    <h1 class=style::error_title>"This image could not be loaded"</h1>
                    <ErrorPanel title="Something went wrong" message on_retry=retry />
                }
                .into_any(),
                PageState::Loading => view! { <DetailSkeleton /> }.into_any(),
                PageState::Shown { error } => view! {
                    {error.map(|message| view! {
                        <ErrorPanel title="Some details could not be loaded" message on_retry=retry />
                    })}
                    <ImageDetails image=Signal::derive(move || image.get()) details on_rated />
                }
                .into_any(),
            }}
        </div>
    }
}

/// The API's "not found", as a page of its own.
#[component]
fn ImageNotFound(message: String) -> impl IntoView {
    view! {
        <div class=style::not_found>
            <h1>"Image not found"</h1>
            <p>{message} ". It may have been removed, or the link may be wrong."</p>
            <a class="btn btn--primary" href=routes::catalog_root()>
                "Browse the catalog"
            </a>
        </div>
    }
}

#[component]
fn DetailSkeleton() -> impl IntoView {
    view! {
        <div class=style::skeleton aria-busy="true">
            <span class="visually-hidden" role="status">
                "Loading image…"
            </span>
            <span class=style::skeleton_icon aria-hidden="true"></span>
            <span class=style::skeleton_title aria-hidden="true"></span>
            <span class=style::skeleton_line aria-hidden="true"></span>
        </div>
    }
}
