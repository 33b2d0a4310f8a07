//! Rating an image: the star input wired to the API, for the detail page and
//! My images. Choices are saved after a short pause (so moving along the stars
//! with the arrow keys sends one request); a failure puts the old value back.

use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

use crate::api::{ApiError, RateImage, RatingResult};
use crate::components::star_rating::{step_label, StarRatingInput};
use crate::components::status::SignInPrompt;
use crate::hooks::Debounced;
use crate::state::{ApiContext, Library, Session, Toasts};

stylance::import_crate_style!(style, "src/components/rate_image/rate_image.module.css");

/// How long the input must rest before the rating is sent.
pub const RATING_DEBOUNCE: Duration = Duration::from_millis(400);

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
pub fn RateImage(
    /// The image to rate.
    #[prop(into)]
    image_id: String,
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

    let pending_choice = StoredValue::new(false);
    let submit_pending = move || pending_choice.try_get_value().unwrap_or(false);
    let submit = Debounced::new(RATING_DEBOUNCE, move |rating: f64| {
        pending_choice.set_value(false);
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
            if generation.try_get_value() != Some(this_generation) {
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
                        on_rated.run(result);
                    }
                    // Unless a newer choice is waiting to be sent.
                    confirmed.set(Some(result.new_rating));
                    if !submit_pending() {
                        chosen.set(None);
                        state.set(SaveState::Saved(result.new_rating));
                    }
                }
                Err(ApiError::Unauthorized { .. }) => {
                    // The app sends the user to sign in; the choice is dropped.
                    chosen.set(None);
                    state.set(SaveState::Idle);
                }
                Err(err) => {
                    // Back to the value the API last confirmed.
                    chosen.set(None);
                    let message = format!("Your rating was not saved: {}", err.user_message());
                    toasts.error(message.clone());
                    state.set(SaveState::Failed(message));
                }
            }
        });
    });

    let on_change = Callback::new(move |rating: f64| {
        chosen.set(Some(rating));
        state.set(SaveState::Idle);
        pending_choice.set_value(true);
        submit.call(rating);
    });

    view! {
        <div class=style::rate>
            <Show
                when=move || session.is_signed_in()
                fallback=|| view! { <SignInPrompt message="Sign in to rate this image." /> }
            >
                <StarRatingInput
                    value=shown
                    on_change=on_change
                    label=label.clone()
                />
                <p class=style::status aria-live="polite">
                    {move || match state.get() {
                        SaveState::Idle => {
                            match shown.get() {
                                None => "Not rated yet".to_string(),
                                Some(v) => format!("Your rating: {}", step_label(v)),
                            }
                        }
                        SaveState::Saving => "Saving…".to_string(),
                        SaveState::Saved(v) => format!("Saved: {}", step_label(v)),
                        SaveState::Failed(_) => String::new(),
                    }}
                </p>
                {move || match state.get() {
                    SaveState::Failed(message) => {
                        Some(view! { <p class=style::error role="alert">{message}</p> })
                    }
                    _ => None,
                }}
            </Show>
        </div>
    }
}
