//! Where notices appear: a polite live region in a corner.

use leptos::prelude::*;

use crate::components::icons::{AlertIcon, CheckIcon, CloseIcon};
use crate::state::{ToastKind, Toasts};

stylance::import_crate_style!(style, "src/components/toast_region/toast_region.module.css");

/// Renders the notices of the [`Toasts`] context.
#[component]
pub fn ToastRegion() -> impl IntoView {
    let toasts = expect_context::<Toasts>();
    view! {
        <div class=style::region role="status" aria-live="polite" aria-label="Notifications">
            <For each=move || toasts.items() key=|toast| toast.id let:toast>
                <div class=format!(
                    "{} {}",
                    style::toast,
                    match toast.kind {
                        ToastKind::Success => style::success,
                        ToastKind::Error => style::error,
                        ToastKind::Info => style::info,
                    },
                )>
                    <span class=style::icon>
                        {match toast.kind {
                            ToastKind::Error => view! { <AlertIcon /> }.into_any(),
                            _ => view! { <CheckIcon /> }.into_any(),
                        }}
                    </span>
                    <p class=style::message>{toast.message.clone()}</p>
                    <button
                        type="button"
                        class=style::close
                        aria-label="Dismiss notification"
                        on:click=move |_| toasts.dismiss(toast.id)
                    >
                        <CloseIcon />
                    </button>
                </div>
            </For>
        </div>
    }
}
