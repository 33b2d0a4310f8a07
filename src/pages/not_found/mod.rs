//! The page for any path the app does not know.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::hooks::document_title::use_title;
use crate::routes;

stylance::import_crate_style!(style, "src/pages/not_found/not_found.module.css");

/// "Page not found", with ways back.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let location = use_location();
    use_title(|| Some("Page not found".to_string()));
    view! {
        <NotFound heading="Page not found">
            "There is nothing at "
            <code class=style::path>{move || location.pathname.get()}</code>
            ". The link may be broken, or the page may have moved."
        </NotFound>
    }
}

/// The one design of "not found" (a page, an image): the heading, what is
/// missing, and the ways back.
#[component]
pub fn NotFound(
    /// What is missing, e.g. "Image not found".
    heading: &'static str,
    /// The sentence that says what was asked for.
    children: Children,
) -> impl IntoView {
    view! {
        <div class=style::page>
            <p class=style::code aria-hidden="true">"404"</p>
            <h1 tabindex="-1">{heading}</h1>
            <p class=style::text>{children()}</p>
            <div class=style::actions>
                <a class="btn btn--primary" href=routes::catalog_root()>"Browse the catalog"</a>
                <a class="btn btn--secondary" href=routes::my_images_href(1, false)>"My images"</a>
            </div>
        </div>
    }
}
