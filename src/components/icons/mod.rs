//! Inline SVG icons. Decorative: hidden from assistive technology; the
//! control that holds one gives the accessible name.

use leptos::prelude::*;

/// The product mark: a stack of containers.
#[component]
pub fn LogoMark() -> impl IntoView {
    view! {
        <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
            <rect x="2" y="2" width="28" height="28" rx="7" fill="var(--accent)"></rect>
            <path d="M8 19h16v5H8zM8 12.5h7v5H8zM17 12.5h7v5h-7zM12.5 6h7v5h-7z" fill="var(--accent-text)"></path>
        </svg>
    }
}

/// A magnifying glass.
#[component]
pub fn SearchIcon() -> impl IntoView {
    view! {
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
            <path
                d="M10.5 3a7.5 7.5 0 0 1 5.96 12.06l4.24 4.23-1.42 1.42-4.23-4.24A7.5 7.5 0 1 1 10.5 3zm0 2a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11z"
                fill="currentColor"
            ></path>
        </svg>
    }
}

/// A cross, for close and remove buttons.
#[component]
pub fn CloseIcon() -> impl IntoView {
    view! {
        <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
            <path
                d="M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12 19 17.6 17.6 19 12 13.4 6.4 19 5 17.6 10.6 12 5 6.4z"
                fill="currentColor"
            ></path>
        </svg>
    }
}

/// Sliders, for the filter panel button.
#[component]
pub fn FilterIcon() -> impl IntoView {
    view! {
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
            <path
                d="M3 6h10.2a3 3 0 0 1 5.6 0H21v2h-2.2a3 3 0 0 1-5.6 0H3zm13 2a1 1 0 1 0 0-2 1 1 0 0 0 0 2zM3 16h2.2a3 3 0 0 1 5.6 0H21v2H10.8a3 3 0 0 1-5.6 0H3zm5 2a1 1 0 1 0 0-2 1 1 0 0 0 0 2z"
                fill="currentColor"
            ></path>
        </svg>
    }
}

const BOLT_PATH: &str = "M13 2 4 14h7l-1 8 9-12h-7z";
const CHECK_PATH: &str = "m9 16.2-4.2-4.2-1.4 1.4L9 19 21 7l-1.4-1.4z";

/// A lightning bolt: the image is prespawned (starts instantly).
#[component]
pub fn BoltIcon() -> impl IntoView {
    view! {
        <svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true" focusable="false">
            <path d=BOLT_PATH fill="currentColor"></path>
        </svg>
    }
}

/// A check mark.
#[component]
pub fn CheckIcon() -> impl IntoView {
    view! {
        <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
            <path d=CHECK_PATH fill="currentColor"></path>
        </svg>
    }
}

/// An exclamation mark in a circle, for warnings and errors.
#[component]
pub fn AlertIcon() -> impl IntoView {
    view! {
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
            <path
                d="M12 2a10 10 0 1 1 0 20 10 10 0 0 1 0-20zm0 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16zm-1 11h2v2h-2zm0-8h2v6h-2z"
                fill="currentColor"
            ></path>
        </svg>
    }
}

/// A chevron pointing left (`flip` points it right).
#[component]
pub fn ChevronIcon(#[prop(optional)] flip: bool) -> impl IntoView {
    let d = if flip {
        "M9.4 6 8 7.4l4.6 4.6L8 16.6 9.4 18l6-6z"
    } else {
        "M14.6 6 16 7.4 11.4 12l4.6 4.6-1.4 1.4-6-6z"
    };
    view! {
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
            <path d=d fill="currentColor"></path>
        </svg>
    }
}

/// Two overlapping sheets: copy.
#[component]
pub fn CopyIcon() -> impl IntoView {
    view! {
        <svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true" focusable="false">
            <path
                d="M8 3h11a2 2 0 0 1 2 2v11h-2V5H8zM5 7h10a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V9a2 2 0 0 1 2-2zm0 2v10h10V9z"
                fill="currentColor"
            ></path>
        </svg>
    }
}

/// Three joined dots: share.
#[component]
pub fn ShareIcon() -> impl IntoView {
    view! {
        <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
            <path
                d="M18 2a3 3 0 1 1-2.4 4.8L8.9 10.5a3 3 0 0 1 0 3l6.7 3.7A3 3 0 1 1 15 19l-7.1-3.9a3 3 0 1 1 0-6.2L15 5a3 3 0 0 1 3-3z"
                fill="currentColor"
            ></path>
        </svg>
    }
}
