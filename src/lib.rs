//! Dockyard: the web app of the container-image marketplace, a Leptos
//! single-page app over the Container Images API.

pub mod api;
pub mod app;
pub mod components;
pub mod format;
pub mod hooks;
pub mod pages;
pub mod routes;
pub mod state;

use leptos::prelude::*;

/// Starts the app: reads the runtime configuration, then mounts on `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    let origin = window().location().origin().unwrap_or_default();
    let document_base = document()
        .base_uri()
        .ok()
        .flatten()
        .unwrap_or_else(|| format!("{origin}/"));
    routes::init_base(&routes::base_from_document(&document_base, &origin));
    hooks::scroll_memory::install();

    // Leptos' executor starts when the app mounts; until then use wasm-bindgen's.
    wasm_bindgen_futures::spawn_local(async move {
        let config = api::load_config(&document_base, &origin).await;
        // index.html's stand-in goes in the same task as the app comes, so
        // that no frame shows both, or neither. (It is not the app's: found
        // by its id.)
        let remove_shell = || {
            if let Some(shell) = document().get_element_by_id("app-loading") {
                shell.remove();
            }
        };
        match config {
            Ok(config) => {
                request_opening_page_data(&config.api_base);
                api::read_early_responses(EARLY_RESPONSE_WAIT_MS).await;
                remove_shell();
                mount_to_body(move || view! { <app::App config=config /> })
            }
            Err(message) => {
                remove_shell();
                mount_to_body(move || view! { <ConfigError message=message /> })
            }
        }
    });
}

/// How long the app waits for the boot script's answer to its first page's
/// request before it builds without it: long enough for a good connection,
/// short enough that a slow one soon sees the page's placeholders.
const EARLY_RESPONSE_WAIT_MS: i32 = 400;

/// Sends the opening page's request now, before the app is built, unless
/// the boot script already has.
fn request_opening_page_data(api_base: &api::ApiBase) {
    let location = window().location();
    let (Ok(pathname), Ok(search)) = (location.pathname(), location.search()) else {
        return;
    };
    let client = api::ApiClient::new(api_base.clone());
    match pages::opening_request(&pathname, &search) {
        Some(pages::OpeningRequest::Catalog(request)) => client.request_early(&request),
        Some(pages::OpeningRequest::Image(request)) => client.request_early(&request),
        None => {}
    }
}

/// Shown instead of the app when its configuration cannot be used.
#[component]
fn ConfigError(message: String) -> impl IntoView {
    view! {
        <main class="config-error" role="alert">
            <h1>"The app could not start"</h1>
            <p>{message}</p>
            <p>"This is a problem with how the site is set up, not with your browser. Please try again later."</p>
        </main>
    }
}
