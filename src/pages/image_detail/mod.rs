//! An image's page (`/images/:id`): everything the API knows of it, the
//! primary action (Import, Buy, or "In My images") and the user's rating.

mod acquisition;
mod builds;
mod details;
mod other_architectures;
mod primary_action;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::{PublicImage, RatingResult};
use crate::components::status::ErrorPanel;
use crate::format::image_label;
use crate::hooks::document_title::use_title;
use crate::hooks::{use_api_resource, use_way_back_to_catalog, ApiResource};
use crate::pages::not_found::NotFound;
use crate::state::ApiContext;
use details::ImageDetails;

stylance::import_crate_style!(style, "src/pages/image_detail/image_detail.module.css");

/// What the page shows.
#[derive(Debug, Clone, PartialEq)]
enum PageState {
    NotFound,
    Failed(String),
    Loading,
    /// The image (at least the summary a card showed), with a message if
    /// its details could not be loaded.
    Shown {
        error: Option<String>,
    },
}

/// An image's details, for the id they answer.
pub type Details = ApiResource<String, PublicImage>;

/// The image detail page.
#[component]
pub fn ImageDetailPage() -> impl IntoView {
    let api = expect_context::<ApiContext>();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id")).unwrap_or_default());
    let details: Details = use_api_resource(
        move || id.get(),
        move |id, abort| api.image_detail(id, abort),
    );
    // What a card showed of the image, shown at once while the details load
    // (so the page reads the resource as a signal, not through a Suspense
    // that would show a placeholder instead). Only the answer for this id
    // counts.
    let summary = Memo::new(move |_| api.summary(&id.get()));
    let loaded = move || {
        details.with(|details| {
            details
                .filter(|details| id.with(|id| details.key == id))
                .map(|details| details.result.cloned().map_err(Clone::clone))
        })
    };
    let image = Memo::new(move |_| match loaded() {
        Some(Ok(image)) => Some(image),
        _ => summary.get(),
    });
    let error = Memo::new(move |_| loaded().and_then(Result::err));
    let retry = Callback::new(move |_| details.retry());

    let label = move || {
        image
            .with(|i| i.as_ref().map(|i| image_label(&i.alias, &i.architecture)))
            .unwrap_or_else(|| "Image".into())
    };
    use_title(move || match error.get() {
        Some(err) if err.is_not_found() => Some("Image not found".to_string()),
        _ => Some(label()),
    });
    let (catalog_href, back_to_catalog) = use_way_back_to_catalog();

    // What the page shows changes only when this does, not on every field
    // update, so the rating input and focus survive the details arriving.
    let page_state = Memo::new(move |_| {
        let has_image = image.with(Option::is_some);
        match error.get() {
            Some(err) if err.is_not_found() => PageState::NotFound,
            Some(err) if !has_image => PageState::Failed(err.user_message()),
            _ if !has_image => PageState::Loading,
            error => PageState::Shown {
                error: error.map(|e| e.user_message()),
            },
        }
    });

    // A rating saved on this page updates the average shown.
    let on_rated = Callback::new(move |result: RatingResult| {
        details.update(|image| {
            image.average_rating = result.average_rating;
            image.rating_count = result.rating_count;
        });
    });

    view! {
        <div class=style::page>
            <nav class=style::breadcrumb aria-label="Breadcrumb">
                <a href=catalog_href on:click=back_to_catalog>"Catalog"</a>
                <span aria-hidden="true">"/"</span>
                <span aria-current="page">{label}</span>
            </nav>
            {move || match page_state.get() {
                PageState::NotFound => view! { <ImageNotFound id=id.get_untracked() /> }.into_any(),
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

/// No image has this id: the app's own "not found".
#[component]
fn ImageNotFound(id: String) -> impl IntoView {
    view! {
        <NotFound heading="Image not found">
            "There is no image with the id "
            <code>{id}</code>
            ". It may have been removed, or the link may be wrong."
        </NotFound>
    }
}

#[component]
fn DetailSkeleton() -> impl IntoView {
    view! {
        <div class=style::skeleton aria-busy="true">
            <span class="visually-hidden" role="status">
                "Loading image…"
            </span>
            <span class=format!("skeleton {}", style::skeleton_icon) aria-hidden="true"></span>
            <span class=format!("skeleton {}", style::skeleton_title) aria-hidden="true"></span>
            <span class=format!("skeleton {}", style::skeleton_line) aria-hidden="true"></span>
        </div>
    }
}
