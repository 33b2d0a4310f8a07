//! Shared pieces for the states of a view: loading bar, error with Retry,
//! and the prompt to sign in.

use leptos::prelude::*;

use crate::components::icons::AlertIcon;
use crate::hooks::use_sign_in_href;

stylance::import_crate_style!(style, "src/components/status/status.module.css");

/// A thin indeterminate bar at the top of a region while it reloads.
#[component]
pub fn ProgressBar(
    /// Shown while true.
    #[prop(into)]
    active: Signal<bool>,
) -> impl IntoView {
    view! {
        <div class=style::progress_track aria-hidden="true">
            <Show when=move || active.get()>
                <div class=style::progress_bar></div>
            </Show>
        </div>
    }
}

/// An error message with a Retry button. Announced when it appears.
#[component]
pub fn ErrorPanel(
    /// A short heading, e.g. "Could not load images".
    #[prop(into)]
    title: String,
    /// The message to show (the API's, when it sent one).
    #[prop(into)]
    message: Signal<String>,
    /// Runs the failed request again.
    on_retry: Callback<()>,
) -> impl IntoView {
    view! {
        <div class=style::error role="alert">
            <span class=style::error_icon>
                <AlertIcon />
            </span>
            <div class=style::error_body>
                <p class=style::error_title>{title}</p>
                <p>{move || message.get()}</p>
            </div>
            <button type="button" class="btn btn--secondary" on:click=move |_| on_retry.run(())>
                "Retry"
            </button>
        </div>
    }
}

/// Asks a signed-out user to sign in, coming back here afterwards.
#[component]
pub fn SignInPrompt(
    /// Why an account is needed, e.g. "Sign in to see the images you own."
    #[prop(into)]
    message: String,
) -> impl IntoView {
    let href = use_sign_in_href();
    view! {
        <div class=style::prompt>
            <p>{message}</p>
            <a class="btn btn--primary" href=href>
                "Sign in"
            </a>
        </div>
    }
}
