//! Says so when the browser is offline: the app still starts (the service
//! worker has its files) and shows what it has, but nothing new can load.

use leptos::prelude::*;

stylance::import_crate_style!(
    style,
    "src/components/offline_banner/offline_banner.module.css"
);

fn browser_online() -> bool {
    window().navigator().on_line()
}

/// A banner shown while the browser reports no network.
#[component]
pub fn OfflineBanner() -> impl IntoView {
    let online = RwSignal::new(browser_online());
    let on = window_event_listener(leptos::ev::online, move |_| online.set(true));
    let off = window_event_listener(leptos::ev::offline, move |_| online.set(false));
    on_cleanup(move || {
        on.remove();
        off.remove();
    });
    view! {
        <div role="status" aria-live="polite">
            <Show when=move || !online.get()>
                <p class=style::banner>
                    <strong>"You are offline."</strong>
                    " You can look through what was already loaded; buying, importing and rating need a connection."
                </p>
            </Show>
        </div>
    }
}
