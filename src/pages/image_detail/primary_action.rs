//! The image's primary action: Import, Buy (through the confirmation), or
//! "In My images" once the user owns it. Its requests go through one Leptos
//! `Action`: whether one is on its way and what it answered come from there.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::acquisition::{import_error, step_on_confirm, success_notice, Step, StepAnswer};
use crate::api::{ApiError, ImportImage, PublicImage, PurchaseImage};
use crate::components::icons::{BoltIcon, CheckIcon};
use crate::components::purchase_dialog::{PurchaseDialog, PurchasePhase};
use crate::format::{buy_button_text, format_price, image_label, is_free, to_cents};
use crate::hooks::use_sign_in_href;
use crate::routes;
use crate::state::builds::NewerBuild;
use crate::state::pending_action::{self, Intent};
use crate::state::{ApiContext, Library, Session, ToastKind, Toasts};

use super::style;

/// What the primary button does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Choice {
    /// The user's images are still being read: whether they own it is
    /// unknown. (If they could not be read, the API's answer to Import or
    /// Buy says whether the user already owns it.)
    Checking,
    Owned,
    Import,
    Buy,
}

type AcquireAction = Action<(Step, PublicImage), StepAnswer>;

/// Import, Buy, or "In My images", with the purchase dialog.
#[component]
pub fn PrimaryAction(
    /// The image: its details, or what a card showed of it.
    image: Signal<Option<PublicImage>>,
    /// Its build serial, once its details are in.
    serial: Signal<Option<String>>,
    /// A newer build of it, when one is out.
    newer: Signal<Option<NewerBuild>>,
    /// Above the price: which build this is.
    children: Children,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let library = expect_context::<Library>();
    let navigate = use_navigate();
    let sign_in_href = use_sign_in_href();
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
    let acquire = Acquire::new(image, focus_owned_link);

    // Signed out, the action waits for the sign-in and goes on after it.
    let go_sign_in = Callback::new(move |intent: Intent| {
        pending_action::remember(&id(), &label(), intent);
        navigate(&sign_in_href.get_untracked(), routes::to_page());
    });
    let on_import = Callback::new(move |_| {
        if session.is_signed_in() {
            acquire.import();
        } else {
            go_sign_in.run(Intent::Import);
        }
    });
    let on_buy = Callback::new(move |_| {
        if session.is_signed_in() {
            acquire.open();
        } else {
            go_sign_in.run(Intent::Buy);
        }
    });

    // Rebuilt only when what it does changes (keeps focus as data arrives).
    let choice = Memo::new(
        move |_| match (session.is_signed_in(), library.owns(&id())) {
            (true, None) if library.is_loading() => Choice::Checking,
            (true, Some(true)) => Choice::Owned,
            _ if is_free(price()) => Choice::Import,
            _ => Choice::Buy,
        },
    );
    carry_on_after_sign_in(choice, id, label, acquire);

    view! {
        <div class=style::action_box>
            {children()}
            <p class=style::price>{move || format_price(price())}</p>
            <ActionButton
                choice
                price=Signal::derive(price)
                importing=Signal::derive(move || acquire.running() == Some(Step::Import))
                on_import
                on_buy
                owned_link
            />
            {move || (!session.is_signed_in()).then(|| view! {
                <p class=style::hint>"You will be asked to sign in first."</p>
            })}
            {move || acquire.answer.with(|a| a.as_ref().and_then(import_error)).map(|message| view! {
                <p class=style::action_error role="alert">{message}</p>
            })}
            {move || acquire.dialog_built.get().then(|| view! {
                <PurchaseDialog
                    open=acquire.dialog_open.read_only()
                    on_close=Callback::new(move |_| acquire.close())
                    name=Signal::derive(label)
                    price=Signal::derive(price)
                    balance=Signal::derive(move || session.balance())
                    serial
                    newer
                    phase=acquire.phase
                    on_confirm=Callback::new(move |_| acquire.confirm())
                />
            })}
            {move || image.with(|i| i.as_ref().map(|i| i.prespawn)).unwrap_or(false).then(|| view! {
                <p class=style::prespawn><BoltIcon />"Prespawned: starts instantly"</p>
            })}
        </div>
    }
}

/// Back from signing in: once it is known whether the user owns the image,
/// the action they asked for goes on (a purchase only as far as its
/// confirmation, which always needs the user's own click).
fn carry_on_after_sign_in(
    choice: Memo<Choice>,
    id: impl Fn() -> String + 'static,
    label: impl Fn() -> String + 'static,
    acquire: Acquire,
) {
    let session = expect_context::<Session>();
    let toasts = expect_context::<Toasts>();
    Effect::new(move |_| {
        let Some(choice) = choice.try_get() else {
            return;
        };
        if !session.is_signed_in() || choice == Choice::Checking {
            return;
        }
        let wanted = |intent: Intent| matches!(intent, Intent::Import | Intent::Buy);
        match (choice, pending_action::take(&id(), wanted)) {
            (Choice::Import, Some(Intent::Import)) => acquire.import(),
            (Choice::Buy, Some(Intent::Buy)) => acquire.open(),
            (Choice::Owned, Some(_)) => {
                toasts.show(ToastKind::Info, format!("You already own {}.", label()));
            }
            _ => {}
        }
    });
}

/// Getting the image: the action that carries out each step (an import,
/// or the purchase and, when its answer calls for one, a check of what the
/// user owns), and the purchase's confirmation.
#[derive(Clone, Copy)]
struct Acquire {
    action: AcquireAction,
    pending: Memo<bool>,
    step: MappedSignal<Option<(Step, PublicImage)>>,
    /// The last step's answer.
    answer: MappedSignal<Option<StepAnswer>>,
    /// The purchase's confirmation is open.
    dialog_open: RwSignal<bool>,
    /// It has been opened once: it is built then, and kept.
    dialog_built: Memo<bool>,
    /// Where the purchase stands.
    phase: Signal<PurchasePhase>,
    image: Signal<Option<PublicImage>>,
}

impl Acquire {
    fn new(image: Signal<Option<PublicImage>>, focus_owned_link: StoredValue<bool>) -> Self {
        let action = use_acquire_steps(focus_owned_link);
        let (pending, step, answer) = (action.pending(), action.input(), action.value());
        let dialog_open = RwSignal::new(false);
        let price = move || image.with(|i| i.as_ref().map(|i| format_price(i.price)));
        let phase = Signal::derive(move || match pending.get() {
            true => step
                .with(|s| s.as_ref().map(|(step, _)| step.phase_while()))
                .unwrap_or_default(),
            false => answer
                .with(|a| a.as_ref().map(|a| a.phase(&price().unwrap_or_default())))
                .unwrap_or_default(),
        });
        // Each answer says whether the confirmation closes and what follows.
        Effect::new(move |_| {
            let Some(answer) = answer.get() else {
                return;
            };
            if answer.closes_dialog() {
                dialog_open.set(false);
            }
            if let (Some(next), Some(image)) = (answer.next(), image.get_untracked()) {
                untrack(|| action.dispatch_local((next, image)));
            }
        });
        let dialog_built =
            Memo::new(move |built: Option<&bool>| built == Some(&true) || dialog_open.get());
        Self {
            action,
            pending,
            step,
            answer,
            dialog_open,
            dialog_built,
            phase,
            image,
        }
    }

    /// The step on its way, if any (tracked).
    fn running(&self) -> Option<Step> {
        self.pending
            .get()
            .then(|| self.step.with(|s| s.as_ref().map(|(step, _)| step.clone())))
            .flatten()
    }

    /// Sends `step`, unless one is on its way already.
    fn send(&self, step: Step) {
        if let Some(image) = self
            .image
            .get_untracked()
            .filter(|_| !self.pending.get_untracked())
        {
            self.action.dispatch_local((step, image));
        }
    }

    /// Imports the image: one request, however many clicks.
    fn import(&self) {
        self.send(Step::Import);
    }

    /// Opens the confirmation, fresh.
    fn open(&self) {
        if !self.phase.get_untracked().is_busy() {
            self.action.clear();
        }
        self.dialog_open.set(true);
    }

    /// Closes the confirmation, unless a step is running.
    fn close(&self) {
        if !self.phase.get_untracked().is_busy() {
            self.dialog_open.set(false);
        }
    }

    /// Confirm (or "Check again").
    fn confirm(&self) {
        if let Some(step) = step_on_confirm(&self.phase.get_untracked()) {
            self.send(step);
        }
    }
}

/// The action that carries out a step and records what it changes
/// (balance, the user's images, a notice), even once the page is gone.
fn use_acquire_steps(focus_owned_link: StoredValue<bool>) -> AcquireAction {
    let api = expect_context::<ApiContext>();
    let session = expect_context::<Session>();
    let library = expect_context::<Library>();
    let toasts = expect_context::<Toasts>();
    Action::new_local(move |(step, image): &(Step, PublicImage)| {
        let (step, image) = (step.clone(), image.clone());
        async move {
            let id = image.id.clone();
            let answer = match step {
                Step::Import => StepAnswer::Imported(api.send(&ImportImage { id }).await),
                Step::Buy => StepAnswer::Bought(api.send(&PurchaseImage { id }).await),
                Step::CheckOwnership => StepAnswer::Checked(library.verify_owned(&id).await),
                Step::ExplainRefusal(refusal) => StepAnswer::Explained {
                    owned: library.verify_owned(&id).await,
                    refusal,
                },
            };
            let name = match &image.serial {
                Some(serial) => format!(
                    "{} (build {serial})",
                    image_label(&image.alias, &image.architecture)
                ),
                None => image_label(&image.alias, &image.architecture),
            };
            match &answer {
                StepAnswer::Imported(Ok(_)) => {
                    focus_owned_link.try_set_value(true);
                    library.add(&image.id);
                }
                // It may have gone through: the user's images will say.
                StepAnswer::Imported(Err(err)) if err.outcome_unknown() => library.reload(),
                StepAnswer::Imported(Err(ApiError::Unauthorized { .. })) => {}
                StepAnswer::Imported(Err(err)) => {
                    toasts.error(err.user_message());
                }
                StepAnswer::Bought(Ok(paid)) => {
                    session.set_balance_cents(to_cents(paid.remaining_balance));
                    focus_owned_link.try_set_value(true);
                    library.add(&image.id);
                }
                StepAnswer::Checked(Ok(true)) => library.add(&image.id),
                _ => {}
            }
            if let Some(notice) = success_notice(&answer, &name) {
                toasts.success(notice);
            }
            answer
        }
    })
}

/// The primary button for what the user can do with the image.
#[component]
fn ActionButton(
    /// What the button does.
    choice: Memo<Choice>,
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
        match choice.get() {
            Choice::Checking => view! {
                <button type="button" class="btn btn--primary btn--large" disabled aria-busy="true">
                    <span class="spinner" aria-hidden="true"></span>
                    "Checking your images…"
                </button>
            }
            .into_any(),
            Choice::Owned => view! {
                <a class=format!("btn btn--secondary btn--large {}", style::owned) href=routes::my_images_href(1, false) node_ref=owned_link>
                    <CheckIcon />
                    "In My images"
                </a>
            }
            .into_any(),
            Choice::Import => view! {
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
            Choice::Buy => view! {
                <button type="button" class="btn btn--primary btn--large" on:click=move |_| on_buy.run(())>
                    {move || buy_button_text(price.get())}
                </button>
            }
            .into_any(),
        }
    }
}
