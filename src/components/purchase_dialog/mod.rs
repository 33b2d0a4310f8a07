//! The purchase confirmation: a modal dialog naming the image, its price and
//! the balance before and after. Focus moves in and stays in (a native modal
//! `<dialog>`); Escape and Cancel close it and give focus back; Confirm sends
//! one purchase at most.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::icons::{AlertIcon, CheckIcon};
use crate::format::{format_money_cents, to_cents};
use crate::hooks::use_modal_dialog;
use crate::state::account_memory::ReportedBalance;
use crate::state::builds::NewerBuild;

stylance::import_crate_style!(
    style,
    "src/components/purchase_dialog/purchase_dialog.module.css"
);

/// Where a purchase stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum PurchasePhase {
    /// Waiting for the user to confirm.
    #[default]
    Ready,
    /// The request is on its way: Confirm is disabled.
    Sending,
    /// The API said no (e.g. insufficient balance); the message is shown.
    Failed(String),
    /// The answer was lost; the app is checking whether the purchase went through.
    Checking,
    /// The check found no purchase: nothing was charged, and Confirm may be tried again.
    NotCharged,
    /// The check itself failed: Confirm becomes "Check again", never a second purchase.
    Unverified,
    /// Refused because the user owns the image already (found out after the refusal).
    AlreadyOwned,
    /// Refused because the balance does not cover the price (the price, formatted).
    BalanceTooLow(String),
}

impl PurchasePhase {
    /// True while the dialog must stay open and Confirm must stay disabled.
    pub fn is_busy(&self) -> bool {
        matches!(self, PurchasePhase::Sending | PurchasePhase::Checking)
    }
}

/// The balance after paying `price` from `balance_cents`, both in cents.
pub fn balance_after(balance_cents: i64, price: f64) -> i64 {
    balance_cents - to_cents(price)
}

/// The confirmation dialog, shown as a modal while `open` is true.
#[component]
pub fn PurchaseDialog(
    /// Shown while true.
    #[prop(into)]
    open: Signal<bool>,
    /// Cancel, Escape or a click outside, when no purchase is running.
    on_close: Callback<()>,
    /// The image's name, with its architecture.
    #[prop(into)]
    name: Signal<String>,
    /// The image's price.
    #[prop(into)]
    price: Signal<f64>,
    /// The last balance the API reported, when it has.
    #[prop(into)]
    balance: Signal<Option<ReportedBalance>>,
    /// The build's serial, once known.
    #[prop(optional, into)]
    serial: Signal<Option<String>>,
    /// A newer build of the image, when one is out.
    #[prop(optional, into)]
    newer: Signal<Option<NewerBuild>>,
    /// Where the purchase stands.
    #[prop(into)]
    phase: Signal<PurchasePhase>,
    /// The user confirmed.
    on_confirm: Callback<()>,
) -> impl IntoView {
    let dialog_ref = NodeRef::<leptos::html::Dialog>::new();

    use_modal_dialog(open, dialog_ref);

    let close = move || {
        if !phase.get_untracked().is_busy() {
            on_close.run(());
        }
    };

    // Escape fires "cancel": close through our state (and not while busy).
    let on_cancel = move |ev: leptos::ev::Event| {
        ev.prevent_default();
        close();
    };

    // The browser may close the dialog itself (Chrome does on a second
    // Escape): the state follows, unless a purchase is running, which keeps
    // it open.
    let on_closed = move |_: leptos::ev::Event| {
        if !open.get_untracked() {
            return;
        }
        if phase.get_untracked().is_busy() {
            if let Some(dialog) = dialog_ref.get_untracked() {
                let _ = dialog.show_modal();
            }
        } else {
            on_close.run(());
        }
    };

    // A click on the backdrop (the dialog element itself, outside its panel) closes it.
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let on_backdrop = ev
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Node>().ok())
            .zip(dialog_ref.get_untracked())
            .is_some_and(|(target, dialog)| {
                let dialog: &web_sys::Node = &dialog;
                target.is_same_node(Some(dialog))
            });
        if on_backdrop {
            close();
        }
    };

    view! {
        <dialog
            class=style::dialog
            node_ref=dialog_ref
            aria-labelledby="purchase-title"
            aria-describedby="purchase-description"
            on:cancel=on_cancel
            on:close=on_closed
            on:click=on_click
        >
            <div class=style::panel>
                <h2 id="purchase-title" class=style::title>
                    {move || format!("Buy {}?", name.get())}
                </h2>
                <p id="purchase-description" class=style::lead>
                    "The price is taken from your account balance. You can use the image right after."
                </p>
                <PurchaseSummary name serial price balance />
                {move || newer.get().map(|newer| view! {
                    <p class=style::warning>
                        {match serial.get() {
                            Some(serial) => format!("You are buying build {serial}; {} is newer.", newer.name()),
                            None => format!("You are buying an older build; {} is newer.", newer.name()),
                        }}
                        " "
                        <a href=crate::routes::image_href(&newer.image.id)>"See the newest build"</a>
                    </p>
                })}
                <div class=style::message role="alert">
                    <PhaseMessage phase />
                </div>
                <PurchaseButtons price phase on_cancel=Callback::new(move |_| close()) on_confirm />
            </div>
        </dialog>
    }
}

/// The image, its price, and the balance before and after.
#[component]
fn PurchaseSummary(
    name: Signal<String>,
    serial: Signal<Option<String>>,
    price: Signal<f64>,
    balance: Signal<Option<ReportedBalance>>,
) -> impl IntoView {
    let after = move || balance.get().map(|b| balance_after(b.cents, price.get()));
    view! {
        <dl class=style::summary>
            <div class=style::row>
                <dt>"Image"</dt>
                <dd class=style::alias>{move || name.get()}</dd>
            </div>
            {move || serial.get().map(|serial| view! {
                <div class=style::row>
                    <dt>"Build"</dt>
                    <dd>{serial}</dd>
                </div>
            })}
            <div class=style::row>
                <dt>"Price"</dt>
                <dd>{move || format_money_cents(to_cents(price.get()))}</dd>
            </div>
            {move || balance.get().map(|balance| view! {
                <div class=style::row>
                    <dt>
                        "Balance"
                        <span class=style::reported>{format!("reported {}", balance.reported_at())}</span>
                    </dt>
                    <dd>{format_money_cents(balance.cents)}</dd>
                </div>
            })}
            {move || after().map(|after| view! {
                <div class=format!("{} {}", style::row, style::total)>
                    <dt>"Balance after"</dt>
                    <dd class=if after < 0 { style::negative } else { "" }>
                        {format_money_cents(after)}
                    </dd>
                </div>
            })}
        </dl>
        {move || after().filter(|after| *after < 0).map(|_| view! {
            <p class=style::warning>"Your last known balance is not enough for this image."</p>
        })}
    }
}

/// Cancel, and Confirm (which says what it will do, and is disabled while
/// a purchase runs or when there is nothing to buy).
#[component]
fn PurchaseButtons(
    price: Signal<f64>,
    phase: Signal<PurchasePhase>,
    on_cancel: Callback<()>,
    on_confirm: Callback<()>,
) -> impl IntoView {
    let busy = move || phase.with(PurchasePhase::is_busy);
    let nothing_to_buy = move || phase.with(|p| *p == PurchasePhase::AlreadyOwned);
    let confirm_text = move || match phase.get() {
        PurchasePhase::Sending => {
            view! { <span class="spinner" aria-hidden="true"></span> "Buying…" }.into_any()
        }
        PurchasePhase::AlreadyOwned => view! { "Already yours" }.into_any(),
        PurchasePhase::Unverified => view! { "Check again" }.into_any(),
        _ => format!(
            "Confirm and pay {}",
            format_money_cents(to_cents(price.get()))
        )
        .into_any(),
    };
    view! {
        <div class=style::actions>
            // Focus starts on the least destructive choice.
            <button type="button" class="btn btn--secondary" autofocus disabled=busy on:click=move |_| on_cancel.run(())>
                "Cancel"
            </button>
            <button
                type="button"
                class="btn btn--primary"
                disabled=move || busy() || nothing_to_buy()
                aria-busy=move || busy().to_string()
                on:click=move |_| {
                    if !phase.get_untracked().is_busy() && !nothing_to_buy() {
                        on_confirm.run(());
                    }
                }
            >
                {confirm_text}
            </button>
        </div>
    }
}

/// What the dialog says about a purchase that is not simply waiting.
#[component]
fn PhaseMessage(phase: Signal<PurchasePhase>) -> impl IntoView {
    view! {
        {move || match phase.get() {
            PurchasePhase::Failed(message) => {
                Some(
                    view! {
                        <p class=style::error>
                            <AlertIcon />
                            <span>{message}</span>
                        </p>
                    }
                        .into_any(),
                )
            }
            PurchasePhase::Checking => {
                Some(
                    view! {
                        <p class=style::info>
                            <span class="spinner" aria-hidden="true"></span>
                            <span>
                                "The connection dropped before the purchase was confirmed. Checking whether it went through…"
                            </span>
                        </p>
                    }
                        .into_any(),
                )
            }
            PurchasePhase::NotCharged => {
                Some(
                    view! {
                        <p class=style::error>
                            <AlertIcon />
                            <span>
                                "The purchase did not go through and you were not charged. You can try again."
                            </span>
                        </p>
                    }
                        .into_any(),
                )
            }
            PurchasePhase::Unverified => {
                Some(
                    view! {
                        <p class=style::error>
                            <AlertIcon />
                            <span>
                                "We could not find out whether the purchase went through. Check again once you are back online; you will not be charged twice."
                            </span>
                        </p>
                    }
                        .into_any(),
                )
            }
            PurchasePhase::AlreadyOwned => {
                Some(
                    view! {
                        <p class=style::info>
                            <CheckIcon />
                            <span>
                                "You already own this image. "
                                <a href=crate::routes::my_images_href(1, false)>"Go to My images"</a>
                            </span>
                        </p>
                    }
                        .into_any(),
                )
            }
            PurchasePhase::BalanceTooLow(price) => {
                Some(
                    view! {
                        <p class=style::error>
                            <AlertIcon />
                            <span>{format!("Your balance is too low for {price}.")}</span>
                        </p>
                    }
                        .into_any(),
                )
            }
            PurchasePhase::Ready | PurchasePhase::Sending => None,
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn balance_after_is_exact_in_cents() {
        assert_eq!(balance_after(5000, 5.99), 4401);
        assert_eq!(balance_after(100, 5.99), -499);
        assert_eq!(balance_after(0, 0.0), 0);
    }

    #[test]
    fn busy_phases() {
        assert!(PurchasePhase::Sending.is_busy());
        assert!(PurchasePhase::Checking.is_busy());
        assert!(!PurchasePhase::Ready.is_busy());
        assert!(!PurchasePhase::Failed("x".into()).is_busy());
        assert!(!PurchasePhase::NotCharged.is_busy());
        assert!(!PurchasePhase::Unverified.is_busy());
    }
}
