//! Sign-in (`/sign-in`): paste an API token; it is checked with a real call
//! before it is kept. `?next=` brings the user back to where they were.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::{ApiError, SignInHelp};
use crate::components::icons::AlertIcon;
use crate::hooks::document_title::use_title;
use crate::hooks::use_previous_page;
use crate::routes;
use crate::state::pending_action;
use crate::state::session::is_plausible_token;
use crate::state::{ApiContext, Session, Toasts};

stylance::import_crate_style!(style, "src/pages/sign_in/sign_in.module.css");

/// What to tell the user about a token the API did not take.
pub fn token_error_message(err: &ApiError) -> String {
    match err {
        ApiError::Unauthorized { .. } => {
            "That token was not accepted. Check that you copied all of it and try again."
                .to_string()
        }
        other => format!("The token could not be checked: {}", other.user_message()),
    }
}

/// Checking a token with the API and, when it is taken, signing in with
/// it: the input is the token, "Remember me" and the page to return to.
type SignInAction = Action<(String, bool, String), Result<(), ApiError>>;

fn use_sign_in() -> SignInAction {
    let api = expect_context::<ApiContext>();
    let session = expect_context::<Session>();
    let toasts = expect_context::<Toasts>();
    Action::new_local(move |(token, remember, target): &(String, bool, String)| {
        let (token, remember, target) = (token.clone(), *remember, target.clone());
        async move {
            api.check_token(&token).await?;
            // An action waits for this sign-in only if it returns to its image.
            if pending_action::peek()
                .is_some_and(|action| target != routes::image_href(&action.image_id))
            {
                pending_action::forget();
            }
            session.sign_in(&token, remember);
            toasts.success("Signed in.");
            Ok(())
        }
    })
}

/// The sign-in page.
#[component]
pub fn SignInPage() -> impl IntoView {
    let session = expect_context::<Session>();
    let query = use_query_map();
    use_title(|| Some("Sign in".to_string()));

    let next = move || {
        query
            .with(|q| q.get("next"))
            .and_then(|n| routes::safe_next(&n))
            .unwrap_or_else(routes::catalog_root)
    };
    // Said once: the session ended because the API refused the token.
    let expired = session.expired_untracked();
    session.acknowledge_expiry();

    let sign_in = use_sign_in();
    let navigate = StoredValue::new_local(use_navigate());
    let previous_page = use_previous_page();
    // Signed in: back to where the user was (not if they left meanwhile:
    // this page is gone with them).
    let on_signed_in = Callback::new(move |_| return_to(&next(), previous_page(), navigate));

    // What the sign-in is for, when the user pressed Import, Buy or Rate on
    // the image they will come back to.
    let heading = pending_action::peek()
        .filter(|action| next() == routes::image_href(&action.image_id))
        .map(|action| action.sign_in_reason())
        .unwrap_or_else(|| "Sign in".to_string());

    view! {
        <div class=style::page>
            <div class=style::card>
                <h1 tabindex="-1">{heading}</h1>
                <p class=style::lead>
                    "Paste the API token of your account. It is checked with the server, then kept in this browser only."
                </p>
                {expired.then(|| view! {
                    <p class=style::notice role="status">
                        "Your session has ended because the server no longer accepts its token. Please sign in again."
                    </p>
                })}
                {move || session.is_signed_in().then(|| view! {
                    <p class=style::notice>"You are already signed in. Signing in again replaces the current token."</p>
                })}
                <TokenForm sign_in target=Callback::new(move |_| next()) on_signed_in />
                <TokenHelp />
            </div>
        </div>
    }
}

/// Where a buyer gets a token (the deployment's page, from `config.json`),
/// the demo server's token where it is in use, and what "Remember me" does.
#[component]
fn TokenHelp() -> impl IntoView {
    let help = use_context::<SignInHelp>().unwrap_or_default();
    view! {
        <div class=style::help>
            <p>
                "Your API token comes with your Container Images account. "
                {match help.token_page {
                    Some(page) => view! { <a href=page>"Get your API token"</a> }.into_any(),
                    None => "Whoever manages your account can issue one.".into_any(),
                }}
            </p>
            {help.demo_server.then(|| view! {
                <p>"This is the demo server: it printed a demo token when it started."</p>
            })}
            <p>"Without “Remember me” the token is forgotten when you close this tab."</p>
        </div>
    }
}

/// The form: the token (hidden or shown), "Remember me", and why a token
/// was not taken.
#[component]
fn TokenForm(
    /// Checks the token and signs in.
    sign_in: SignInAction,
    /// Where to go once signed in.
    target: Callback<(), String>,
    /// Signed in.
    on_signed_in: Callback<()>,
) -> impl IntoView {
    let token = RwSignal::new(String::new());
    let remember = RwSignal::new(false);
    let reveal = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let input_ref = NodeRef::<leptos::html::Input>::new();
    // The page is for typing a token: it starts in the field.
    input_ref.on_load(|input| {
        let _ = input.focus();
    });
    let (checking, answer) = (sign_in.pending(), sign_in.value());
    let refuse = move |message: String| {
        error.set(Some(message));
        focus(input_ref);
    };
    Effect::new(move |_| {
        let answer = answer.get();
        untrack(|| match answer {
            Some(Ok(())) => {
                token.set(String::new());
                on_signed_in.run(());
            }
            Some(Err(err)) => refuse(token_error_message(&err)),
            None => {}
        });
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if checking.get_untracked() {
            return;
        }
        let candidate = token.get_untracked().trim().to_string();
        if candidate.is_empty() {
            refuse("Paste your API token to sign in.".to_string());
        } else if !is_plausible_token(&candidate) {
            refuse("A token has no spaces or line breaks. Check what you pasted.".to_string());
        } else {
            error.set(None);
            sign_in.dispatch_local((candidate, remember.get_untracked(), target.run(())));
        }
    };

    view! {
        <form class=style::form on:submit=on_submit novalidate>
            <div class="field">
                <label class="field-label" for="sign-in-token">"API token"</label>
                <div class=style::token_row>
                    <input
                        id="sign-in-token"
                        class="input"
                        type=move || if reveal.get() { "text" } else { "password" }
                        autocomplete="off"
                        autocapitalize="off"
                        // Focused when the page opens (below); the app's
                        // move of focus to the heading leaves it there.
                        autofocus
                        spellcheck="false"
                        required
                        aria-invalid=move || error.with(Option::is_some).to_string()
                        aria-describedby="sign-in-error"
                        node_ref=input_ref
                        prop:value=move || token.get()
                        on:input=move |ev| token.set(event_target_value(&ev))
                    />
                    <button
                        type="button"
                        class="btn btn--secondary"
                        aria-pressed=move || reveal.get().to_string()
                        on:click=move |_| reveal.update(|r| *r = !*r)
                    >
                        {move || if reveal.get() { "Hide" } else { "Show" }}
                    </button>
                </div>
            </div>
            <p id="sign-in-error" class=style::error role="alert">
                {move || error.get().map(|message| view! { <AlertIcon /> <span>{message}</span> })}
            </p>
            <label class=style::remember>
                <input type="checkbox" class="choice" prop:checked=move || remember.get() on:change=move |ev| remember.set(event_target_checked(&ev)) />
                <span>"Remember me on this device"</span>
            </label>
            <button type="submit" class="btn btn--primary btn--large" aria-busy=move || checking.get().to_string()>
                {move || if checking.get() {
                    view! { <span class="spinner" aria-hidden="true"></span> "Checking…" }.into_any()
                } else {
                    view! { "Sign in" }.into_any()
                }}
            </button>
        </form>
    }
}

/// Goes back to `target` after signing in, so that this form is not what
/// Back shows next: with the browser's Back when the user came here from
/// `target` (which also restores its scroll position), else by replacing
/// this page's history entry.
fn return_to(
    target: &str,
    previous_page: Option<String>,
    navigate: StoredValue<impl Fn(&str, NavigateOptions) + 'static, LocalStorage>,
) {
    if previous_page.as_deref() == Some(target) {
        if let Ok(history) = window().history() {
            if history.back().is_ok() {
                return;
            }
        }
    }
    navigate.with_value(|navigate| navigate(target, routes::to_page_instead()));
}

fn focus(input: NodeRef<leptos::html::Input>) {
    if let Some(input) = input.get_untracked() {
        let _ = input.focus();
    }
}
