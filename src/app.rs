//! The app: shared state, the shell (header, notices) and the routes.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::path;

use crate::api::{ApiBase, ApiClient, RuntimeConfig};
use crate::components::header::Header;
use crate::components::offline_banner::OfflineBanner;
use crate::components::toast_region::ToastRegion;
use crate::hooks::{use_sign_in_href, PageTrail};
use crate::pages::catalog::CatalogPage;
use crate::pages::image_detail::ImageDetailPage;
use crate::pages::my_images::MyImagesPage;
use crate::pages::not_found::NotFoundPage;
use crate::pages::sign_in::SignInPage;
use crate::routes;
use crate::state::{ApiContext, Library, Session, Toasts};

/// Provides the app's shared state for `session` and the API at `api_base`.
pub fn provide_app_state(api_base: ApiBase, session: Session) {
    provide_context(session);
    let api = ApiContext::new(ApiClient::new(api_base), session);
    provide_context(api);
    provide_context(Toasts::new());
    provide_context(Library::new(api));
}

/// The whole app, as `config.json` configures it.
#[component]
pub fn App(config: RuntimeConfig) -> impl IntoView {
    provide_app_state(config.api_base, Session::restore());
    provide_context(config.sign_in_help);
    view! { <Shell /> }
}

/// Header, routes and notices. Expects the state of [`provide_app_state`].
#[component]
pub fn Shell() -> impl IntoView {
    let base = routes::base();
    PageTrail::provide();
    let main = NodeRef::<leptos::html::Main>::new();
    view! {
        <Router base=base.to_string()>
            <FollowPages main />
            <a class="skip-link" href="#main">
                "Skip to content"
            </a>
            <Header />
            <OfflineBanner />
            <main id="main" tabindex="-1" node_ref=main>
                <Routes fallback=|| view! { <NotFoundPage /> }>
                    <Route path=path!("/") view=CatalogPage />
                    <Route path=path!("/images/:id") view=ImageDetailPage />
                    <Route path=path!("/my-images") view=MyImagesPage />
                    <Route path=path!("/sign-in") view=SignInPage />
                </Routes>
            </main>
            <footer class="site-footer">
                <p>"Dockyard · container images for your deployments"</p>
            </footer>
            <ToastRegion />
            <SessionExpiry />
        </Router>
    }
}

/// Follows the pages shown, for the way back after signing in, and moves
/// focus to each new page's main heading.
#[component]
fn FollowPages(
    /// Where the pages are shown.
    main: NodeRef<leptos::html::Main>,
) -> impl IntoView {
    PageTrail::follow();
    focus_follows_the_page(main);
}

/// After a move to another page (not on the first load, nor for another view
/// of the same page), focus goes to the new page's main heading, as a full
/// page load would reset it, and screen readers announce it; the first Tab
/// then starts in the page, not at the top of the document.
fn focus_follows_the_page(main: NodeRef<leptos::html::Main>) {
    let location = use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|previous| previous != path) {
            // The new page is built after the location changes.
            request_animation_frame(move || focus_main_heading(main));
        }
        path
    });
}

/// Focuses the page's `<h1>` (each page has one), or `<main>` itself,
/// unless the new page has put focus in a field of its own marked
/// `autofocus` (the sign-in page's token field): moving it would take the
/// keys typed meanwhile.
fn focus_main_heading(main: NodeRef<leptos::html::Main>) {
    use wasm_bindgen::JsCast;
    let Some(main) = main.get_untracked() else {
        return;
    };
    let focused = document().active_element();
    if focused.is_some_and(|el| el.has_attribute("autofocus") && main.contains(Some(el.as_ref()))) {
        return;
    }
    let target = main
        .get_elements_by_tag_name("h1")
        .item(0)
        .and_then(|h1| h1.dyn_into::<web_sys::HtmlElement>().ok())
        .unwrap_or(main);
    if !target.has_attribute("tabindex") {
        let _ = target.set_attribute("tabindex", "-1");
    }
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = target.focus_with_options(&options);
}

/// When the API refuses the token, sends the user to sign in, with a way
/// back to the page they were on.
#[component]
fn SessionExpiry() -> impl IntoView {
    let session = expect_context::<Session>();
    let location = use_location();
    let navigate = use_navigate();
    let sign_in_href = use_sign_in_href();
    Effect::new(move |_| {
        if !session.expired() {
            return;
        }
        if location.pathname.get_untracked() != routes::sign_in_path() {
            navigate(&sign_in_href.get_untracked(), routes::to_page());
        }
    });
}
