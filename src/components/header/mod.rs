//! The site header: product name, main navigation and the account entry point.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::components::icons::LogoMark;
use crate::format::format_money_cents;
use crate::hooks::use_sign_in_href;
use crate::routes;
use crate::state::{Session, SignOutReason, Toasts};

stylance::import_crate_style!(style, "src/components/header/header.module.css");

/// The header shown on every page.
#[component]
pub fn Header() -> impl IntoView {
    let session = expect_context::<Session>();
    let toasts = expect_context::<Toasts>();
    let sign_in_href = use_sign_in_href();
    // The sign-in page is the form itself: a link to it would only lose its `next`.
    let location = use_location();
    let on_sign_in_page = move || {
        location
            .pathname
            .with(|path| *path == routes::sign_in_path())
    };
    let sign_out = move |_| {
        session.sign_out(SignOutReason::UserChoice);
        toasts.show(crate::state::ToastKind::Info, "Signed out.");
    };

    view! {
        <header class=style::header>
            <div class=style::inner>
                <a class=style::brand href=routes::catalog_root()>
                    <LogoMark />
                    <span class=style::brand_name>"Dockyard"</span>
                    <span class=style::brand_tagline>"Container images"</span>
                </a>
                <nav class=style::nav aria-label="Main">
                    <A href=routes::catalog_root() exact=true {..} class=style::nav_link>
                        "Catalog"
                    </A>
                    <A href=routes::my_images_href(1, false) {..} class=style::nav_link>
                        "My images"
                    </A>
                </nav>
                <div class=style::account>
                    {move || {
                        if session.is_signed_in() {
                            let balance = session
                                .balance()
                                .map(|balance| {
                                    let when = format!("Balance reported {}", balance.reported_at());
                                    view! {
                                        <span class=style::balance title=when.clone()>
                                            <span class="visually-hidden">{format!("{when}: ")}</span>
                                            {format_money_cents(balance.cents)}
                                        </span>
                                    }
                                });
                            view! {
                                {balance}
                                <button
                                    type="button"
                                    class="btn btn--ghost btn--small"
                                    on:click=sign_out
                                >
                                    "Sign out"
                                </button>
                            }
                                .into_any()
                        } else if on_sign_in_page() {
                            ().into_any()
                        } else {
                            view! {
                                <a class="btn btn--primary btn--small" href=sign_in_href>
                                    "Sign in"
                                </a>
                            }
                                .into_any()
                        }
                    }}
                </div>
            </div>
        </header>
    }
}
