//! Rating an image: the star input wired to the API, for the detail page and
//! My images. Each decision is saved at once (the input decides once, not
//! at every step of the arrow keys); a failure puts the old value back.
//! Signed out, a decision waits for the sign-in and is saved after it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use crate::api::{ApiError, RateImage, RatingResult};
use crate::components::star_rating::StarRatingInput;
use crate::format::star_count;
use crate::hooks::use_sign_in_href;
use crate::routes;
use crate::state::pending_action::{self, Intent};
use crate::state::{ApiContext, Library, Session, Toasts};

stylance::import_crate_style!(style, "src/components/image_rating/image_rating.module.css");

/// Where saving a rating stands.
#[derive(Debug, Clone, PartialEq)]
enum SaveState {
    Idle,
    Saving,
    Saved(f64),
    Failed(String),
}

/// The star input for image `image_id`, saving to the API.
#[component]
pub fn ImageRating(
    /// The image to rate.
    #[prop(into)]
    image_id: String,
    /// How the image is named (alias and architecture), for the sign-in page.
    #[prop(into, optional)]
    image_label: String,
    /// The user's current rating when known (from My images).
    #[prop(into)]
    current: Signal<Option<f64>>,
    /// Told the new average and count after a rating is saved.
    #[prop(optional)]
    on_rated: Option<Callback<RatingResult>>,
    /// The accessible name of the input.
    #[prop(into, default = "Your rating".to_string())]
    label: String,
) -> impl IntoView {
    let api = expect_context::<ApiContext>();
    let session = expect_context::<Session>();
    let library = expect_context::<Library>();
    let toasts = expect_context::<Toasts>();

    // The value being chosen or saved, then the last one the API confirmed,
    // then what the page knew: the first that is set is shown.
    let chosen = RwSignal::new(None::<f64>);
    let confirmed = RwSignal::new(None::<f64>);
    let state = RwSignal::new(SaveState::Idle);
    let shown = Signal::derive(move || chosen.get().or(confirmed.get()).or(current.get()));
    let image_id = StoredValue::new(image_id);
    // Answers to an older submission are ignored once a newer one was sent.
    let generation = StoredValue::new(0_u64);

    let submit = Callback::new(move |rating: f64| {
        let Some(id) = image_id.try_get_value() else {
            return;
        };
        let Some(this_generation) = generation.try_update_value(|g| {
            *g += 1;
            *g
        }) else {
            return;
        };
        state.set(SaveState::Saving);
        spawn_local(async move {
            let request = RateImage {
                id: id.clone(),
                rating,
            };
            let result = api.send(&request).await;
            // A newer submission's answer is the one that counts. If the
            // input is gone (the user moved on), the answer still updates
            // what the app knows of the image.
            if generation
                .try_get_value()
                .is_some_and(|latest| latest != this_generation)
            {
                return;
            }
            match result {
                Ok(result) => {
                    library.record_rating(
                        &id,
                        result.new_rating,
                        result.average_rating,
                        result.rating_count,
                    );
                    api.record_rating(&id, result.average_rating, result.rating_count);
                    if let Some(on_rated) = on_rated {
                        on_rated.try_run(result);
                    }
                    confirmed.try_set(Some(result.new_rating));
                    chosen.try_set(None);
                    state.try_set(SaveState::Saved(result.new_rating));
                }
                Err(ApiError::Unauthorized { .. }) => {
                    // The app sends the user to sign in; the choice is dropped.
                    chosen.try_set(None);
                    state.try_set(SaveState::Idle);
                }
                Err(err) => {
                    // Back to the value the API last confirmed.
                    chosen.try_set(None);
                    let message = format!("Your rating was not saved: {}", err.user_message());
                    toasts.error(message.clone());
                    state.try_set(SaveState::Failed(message));
                }
            }
        });
    });

    let navigate = use_navigate();
    let sign_in_href = use_sign_in_href();
    let image_label = StoredValue::new(image_label);
    let on_change = Callback::new(move |rating: f64| {
        if session.is_signed_in() {
            chosen.set(Some(rating));
            submit.run(rating);
        } else if let Some(id) = image_id.try_get_value() {
            let label = image_label.try_get_value().unwrap_or_default();
            pending_action::remember(&id, &label, Intent::Rate(rating));
            navigate(&sign_in_href.get_untracked(), routes::to_page());
        }
    });
    // A rating chosen before signing in is saved once signed in.
    Effect::new(move |_| {
        if !session.is_signed_in() {
            return;
        }
        // This page may be on its way out (signing out rebuilds a list of these).
        let Some(id) = image_id.try_get_value() else {
            return;
        };
        if let Some(Intent::Rate(rating)) =
            pending_action::take(&id, |i| matches!(i, Intent::Rate(_)))
        {
            chosen.set(Some(rating));
            submit.run(rating);
        }
    });

    view! {
        <div class=style::rate>
                <StarRatingInput
                    value=shown
                    on_change=on_change
                    label=label.clone()
                />
                <p class=style::status aria-live="polite">
                    // `try_`: signing out may take down a list of these in
                    // the same update that runs this.
                    {move || match state.try_get() {
                        None => String::new(),
                        Some(SaveState::Idle) if !session.is_signed_in() => {
                            "Choose a rating: you will be asked to sign in to save it.".to_string()
                        }
                        Some(SaveState::Idle) => match shown.try_get().flatten() {
                            None => "Not rated yet".to_string(),
                            Some(v) => format!("Your rating: {}", star_count(v)),
                        },
                        Some(SaveState::Saving) => "Saving…".to_string(),
                        Some(SaveState::Saved(v)) => format!("Saved: {}", star_count(v)),
                        Some(SaveState::Failed(_)) => String::new(),
                    }}
                </p>
                {move || match state.get() {
                    SaveState::Failed(message) => {
                        Some(view! { <p class=style::error role="alert">{message}</p> })
                    }
                    _ => None,
                }}
        </div>
    }
}
