//! Copying a value, and sharing a page: small buttons that say what they did.

use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::components::icons::{CheckIcon, CopyIcon, ShareIcon};

stylance::import_crate_style!(style, "src/components/copy_button/copy_button.module.css");

/// How long "Copied" stays before the button reads as before.
const CONFIRMATION: Duration = Duration::from_secs(2);

/// Where a copy or share stands, as the button shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Idle,
    Copied,
    Failed,
}

/// Writes `text` to the clipboard.
async fn copy_to_clipboard(text: &str) -> bool {
    let navigator = window().navigator();
    // Outside a secure context (plain http on another host) there is no
    // clipboard at all: calling it would throw.
    let has_clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .is_ok_and(|clipboard| !clipboard.is_undefined() && !clipboard.is_null());
    if !has_clipboard {
        return false;
    }
    JsFuture::from(navigator.clipboard().write_text(text))
        .await
        .is_ok()
}

/// What a screen reader hears once a copy or share is done: a status
/// region that exists from the start, so that its new text is announced.
#[component]
fn Announcement(
    state: RwSignal<Outcome>,
    copied: &'static str,
    failed: &'static str,
) -> impl IntoView {
    view! {
        <span class="visually-hidden" role="status">
            {move || match state.get() {
                Outcome::Copied => copied,
                Outcome::Failed => failed,
                Outcome::Idle => "",
            }}
        </span>
    }
}

/// Copies `text`, then shows on the button how it went, for a moment.
async fn copy_and_show(state: RwSignal<Outcome>, text: &str) {
    let outcome = if copy_to_clipboard(text).await {
        Outcome::Copied
    } else {
        Outcome::Failed
    };
    show_for_a_moment(state, outcome);
}

/// Shows `outcome` on the button for a moment.
fn show_for_a_moment(state: RwSignal<Outcome>, outcome: Outcome) {
    state.set(outcome);
    set_timeout(
        move || {
            state.try_set(Outcome::Idle);
        },
        CONFIRMATION,
    );
}

/// A button that copies `text`, then says "Copied" for a moment.
#[component]
pub fn CopyButton(
    /// What to copy.
    #[prop(into)]
    text: String,
    /// What the button copies, for screen readers: "Copy the image name".
    label: &'static str,
) -> impl IntoView {
    let state = RwSignal::new(Outcome::Idle);
    let text = StoredValue::new(text);
    let copy = move |_| {
        let value = text.get_value();
        spawn_local(async move { copy_and_show(state, &value).await });
    };
    view! {
        <button type="button" class=style::button aria-label=label on:click=copy>
            {move || match state.get() {
                Outcome::Copied => view! { <CheckIcon /> <span>"Copied"</span> }.into_any(),
                Outcome::Failed => view! { <span>"Could not copy"</span> }.into_any(),
                Outcome::Idle => view! { <CopyIcon /> <span>"Copy"</span> }.into_any(),
            }}
        </button>
        <Announcement state copied="Copied" failed="Could not copy" />
    }
}

/// Shares the page: the browser's share sheet where it has one, else the
/// link is copied ("Link copied").
#[component]
pub fn ShareButton(
    /// The title to share with the link.
    #[prop(into)]
    title: Signal<String>,
) -> impl IntoView {
    let state = RwSignal::new(Outcome::Idle);
    let share = move |_| {
        let url = window().location().href().unwrap_or_default();
        let navigator = window().navigator();
        let can_share =
            js_sys::Reflect::has(&navigator, &JsValue::from_str("share")).unwrap_or(false);
        let title = title.get_untracked();
        spawn_local(async move {
            if can_share {
                let data = web_sys::ShareData::new();
                data.set_title(&title);
                data.set_url(&url);
                let shared = JsFuture::from(navigator.share_with_data(&data)).await;
                // Dismissing the sheet is no failure; any other refusal
                // (no permission, nothing to share to) falls back to a copy.
                let dismissed = shared.as_ref().err().is_some_and(|error| {
                    js_sys::Reflect::get(error, &JsValue::from_str("name"))
                        .ok()
                        .and_then(|name| name.as_string())
                        .as_deref()
                        == Some("AbortError")
                });
                if shared.is_ok() || dismissed {
                    return;
                }
            }
            copy_and_show(state, &url).await;
        });
    };
    view! {
        <button type="button" class="btn btn--ghost btn--small" on:click=share>
            {move || match state.get() {
                Outcome::Copied => view! { <CheckIcon /> <span>"Link copied"</span> }.into_any(),
                Outcome::Failed => view! { <span>"Could not copy the link"</span> }.into_any(),
                Outcome::Idle => view! { <ShareIcon /> <span>"Share"</span> }.into_any(),
            }}
        </button>
        <Announcement state copied="Link copied" failed="Could not copy the link" />
    }
}
