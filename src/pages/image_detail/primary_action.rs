//! The image's primary action: Import, Buy (through the confirmation), or
//! "In My images" once the user owns it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use super::acquisition::{Acquisition, Next, Notice};
use crate::api::{ImportImage, PublicImage, PurchaseImage};
use crate::components::icons::{BoltIcon, CheckIcon};
use crate::components::purchase_dialog::PurchaseDialog;
use crate::format::{buy_button_text, format_money, format_price, image_label, is_free, to_cents};
use crate::hooks::use_sign_in_href;
use crate::routes;
use crate::state::pending_action::{self, Intent};
use crate::state::{ApiContext, Library, Session, ToastKind, Toasts};

use super::style;

/// What the primary button does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    /// The user's images are still being read: whether they own it is
    /// unknown. (If they could not be read, the API's answer to Import or
    /// Buy says whether the user already owns it.)
    Checking,
    Owned,
    Import,
    Buy,
}

/// Import, Buy, or "In My images", with the purchase dialog.
#[component]
pub fn PrimaryAction(image: Signal<Option<PublicImage>>) -> impl IntoView {
    let api = expect_context::<ApiContext>();
    let session = expect_context::<Session>();
    let library = expect_context::<Library>();
    let toasts = expect_context::<Toasts>();
    let navigate = use_navigate();
    let sign_in_href = use_sign_in_href();
    let flow = RwSignal::new(Acquisition::default());

    let id = move || {
        image
            .with(|i| i.as_ref().map(|i| i.id.clone()))
            .unwrap_or_default()
    };
    let price = move || image.with(|i| i.as_ref().map(|i| i.price)).unwrap_or(0.0);
    let label = move || {
        image
            .with(|i| i.as_ref().map(|i| image_label(&i.alias, &i.architecture)))
            .unwrap_or_default()
    };

    // After an import or a purchase the button the user pressed is gone:
    // focus goes to the link that replaces it.
    let owned_link = NodeRef::<leptos::html::A>::new();
    let focus_owned_link = StoredValue::new(false);
    Effect::new(move |_| {
        if let Some(link) = owned_link.get() {
            if focus_owned_link.try_update_value(std::mem::take) == Some(true) {
                let _ = link.focus();
            }
        }
    });

    let tell = move |notice: Notice, image: &PublicImage| {
        announce(notice, image, session, library, toasts, focus_owned_link);
    };
    // Carries out what the flow asks for; each answer says what comes next.
    let carry_out = move |next: Next, image: PublicImage| {
        spawn_local(async move {
            let mut next = next;
            loop {
                next = match next {
                    Next::Done => break,
                    Next::Purchase => {
                        let answer = api
                            .send(&PurchaseImage {
                                id: image.id.clone(),
                            })
                            .await;
                        let (next, notice) = advance(flow, |f| f.purchase_answered(&answer));
                        tell(notice, &image);
                        next
                    }
                    Next::CheckOwnership => {
                        let owned = library.verify_owned(&image.id).await;
                        tell(advance(flow, |f| f.ownership_checked(&owned)), &image);
                        Next::Done
                    }
                    Next::ExplainRefusal(refusal) => {
                        let owned = library.verify_owned(&image.id).await;
                        let price = format_price(image.price);
                        advance(flow, |f| {
                            f.refusal_explained(&owned, price.clone(), refusal.clone())
                        });
                        Next::Done
                    }
                    Next::Import => {
                        let answer = api
                            .send(&ImportImage {
                                id: image.id.clone(),
                            })
                            .await;
                        let (next, notice) = advance(flow, |f| f.import_answered(&answer));
                        tell(notice, &image);
                        next
                    }
                    Next::ReloadLibrary => {
                        library.reload();
                        Next::Done
                    }
                };
            }
        });
    };
    let step = move |change: fn(&mut Acquisition) -> Next| {
        if let Some(image) = image.get_untracked() {
            carry_out(advance(flow, change), image);
        }
    };

    // Signed out, the action waits for the sign-in and goes on after it.
    let go_sign_in = Callback::new(move |intent: Intent| {
        pending_action::remember(&id(), &label(), intent);
        navigate(&sign_in_href.get_untracked(), routes::to_page());
    });
    let import = move |_| {
        if session.is_signed_in() {
            step(Acquisition::start_import);
        } else {
            go_sign_in.run(Intent::Import);
        }
    };
    let open_purchase = move |_| {
        if session.is_signed_in() {
            flow.update(Acquisition::open_dialog);
        } else {
            go_sign_in.run(Intent::Buy);
        }
    };
    let confirm = Callback::new(move |_| step(Acquisition::confirm));

    // Rebuilt only when what it does changes (keeps focus as data arrives).
    let action = Memo::new(move |_| {
        let owns = library.owns(&id());
        match (session.is_signed_in(), owns) {
            (true, None) if library.is_loading() => Action::Checking,
            (true, Some(true)) => Action::Owned,
            _ if is_free(price()) => Action::Import,
            _ => Action::Buy,
        }
    });
    let importing = move || flow.with(|f| f.importing);
    // The confirmation is built the first time it opens, then kept: most
    // visits never open it, and there is less to build at start.
    let dialog_built =
        Memo::new(move |built: Option<&bool>| built == Some(&true) || flow.with(|f| f.dialog_open));

    // Back from signing in: once it is known whether the user owns the
    // image, the action they asked for goes on (a purchase only as far as
    // its confirmation, which always needs the user's own click).
    Effect::new(move |_| {
        let Some(action) = action.try_get() else {
            return;
        };
        if !session.is_signed_in() || action == Action::Checking {
            return;
        }
        let wanted = |intent: Intent| matches!(intent, Intent::Import | Intent::Buy);
        match (action, pending_action::take(&id(), wanted)) {
            (Action::Import, Some(Intent::Import)) => step(Acquisition::start_import),
            (Action::Buy, Some(Intent::Buy)) => flow.update(Acquisition::open_dialog),
            (Action::Owned, Some(_)) => {
                toasts.show(
                    ToastKind::Info,
                    format!("{} is already in My images.", label()),
                );
            }
            _ => {}
        }
    });

    view! {
        <div class=style::action_box>
            <p class=style::price>{move || format_price(price())}</p>
            <ActionButton
                action
                price=Signal::derive(price)
                importing=Signal::derive(importing)
                on_import=Callback::new(import)
                on_buy=Callback::new(open_purchase)
                owned_link
            />
            {move || (!session.is_signed_in()).then(|| view! {
                <p class=style::hint>"You will be asked to sign in first."</p>
            })}
            {move || flow.with(|f| f.import_error.clone()).map(|message| view! {
                <p class=style::action_error role="alert">{message}</p>
            })}
            {move || dialog_built.get().then(|| view! {
                <PurchaseDialog
                    open=Signal::derive(move || flow.with(|f| f.dialog_open))
                    on_close=Callback::new(move |_| flow.update(Acquisition::close_dialog))
                    name=Signal::derive(label)
                    price=Signal::derive(price)
                    balance_cents=Signal::derive(move || session.balance_cents())
                    phase=Signal::derive(move || flow.with(|f| f.phase.clone()))
                    on_confirm=confirm
                />
            })}
            {move || image.with(|i| i.as_ref().map(|i| i.prespawn)).unwrap_or(false).then(|| view! {
                <p class=style::prespawn><BoltIcon />"Prespawned: starts instantly"</p>
            })}
        </div>
    }
}

/// Applies `change` to the page's flow; once the page is gone, to a fresh
/// one, so that a purchase that ends after the user left still updates the
/// balance and their images.
fn advance<R>(flow: RwSignal<Acquisition>, change: impl Fn(&mut Acquisition) -> R) -> R {
    flow.try_update(&change)
        .unwrap_or_else(|| change(&mut Acquisition::default()))
}

/// Tells the user how an import or a purchase went, and records its effects
/// (balance, their images).
fn announce(
    notice: Notice,
    image: &PublicImage,
    session: Session,
    library: Library,
    toasts: Toasts,
    focus_owned_link: StoredValue<bool>,
) {
    let name = image_label(&image.alias, &image.architecture);
    match notice {
        Notice::None => {}
        Notice::Purchased(paid) => {
            session.set_balance_cents(to_cents(paid.remaining_balance));
            focus_owned_link.try_set_value(true);
            library.add(image);
            toasts.success(format!(
                "{name} purchased for {}, remaining balance {}",
                format_money(paid.price_paid),
                format_money(paid.remaining_balance)
            ));
        }
        Notice::PurchaseConfirmed => {
            toasts.success(format!("Your purchase of {name} went through."));
        }
        Notice::Imported => {
            focus_owned_link.try_set_value(true);
            library.add(image);
            toasts.success(format!("{name} is now in My images."));
        }
        Notice::ImportFailed(message) => {
            toasts.error(message);
        }
    }
}

/// The primary button for what the user can do with the image.
#[component]
fn ActionButton(
    /// What the button does.
    action: Memo<Action>,
    /// The image's price, for "Buy for $5.99".
    price: Signal<f64>,
    /// An import is on its way.
    importing: Signal<bool>,
    /// Import pressed.
    on_import: Callback<()>,
    /// Buy pressed (opens the confirmation).
    on_buy: Callback<()>,
    /// "In My images", focused after an import or a purchase.
    owned_link: NodeRef<leptos::html::A>,
) -> impl IntoView {
    move || {
        match action.get() {
            Action::Checking => view! {
                <button type="button" class="btn btn--primary btn--large" disabled aria-busy="true">
                    <span class="spinner" aria-hidden="true"></span>
                    "Checking your images…"
                </button>
            }
            .into_any(),
            Action::Owned => view! {
                <a class=format!("btn btn--secondary btn--large {}", style::owned) href=routes::my_images_href(1, false) node_ref=owned_link>
                    <CheckIcon />
                    "In My images"
                </a>
            }
            .into_any(),
            Action::Import => view! {
                <button
                    type="button"
                    class="btn btn--primary btn--large"
                    aria-busy=move || importing.get().to_string()
                    on:click=move |_| on_import.run(())
                >
                    {move || if importing.get() {
                        view! { <span class="spinner" aria-hidden="true"></span> "Importing…" }.into_any()
                    } else {
                        view! { "Import" }.into_any()
                    }}
                </button>
            }
            .into_any(),
            Action::Buy => view! {
                <button type="button" class="btn btn--primary btn--large" on:click=move |_| on_buy.run(())>
                    {move || buy_button_text(price.get())}
                </button>
            }
            .into_any(),
        }
    }
}
