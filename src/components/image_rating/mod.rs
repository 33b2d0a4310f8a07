//! Rating an image: the star input wired to the API, for the detail page and
//! My images. Each decision is saved at once (the input decides once, not
//! at every step of the arrow keys); a failure puts the old value back.
//! Signed out, a decision waits for the sign-in and is saved after it.

use leptos::prelude::*;
use leptos::reactive::actions::ActionAbortHandle;
use leptos_router::hooks::use_navigate;

use crate::api::{ApiError, RateImage, RatingResult};
use crate::components::star_rating::StarRatingInput;
use crate::format::star_count;
use crate::hooks::use_sign_in_href;
use crate::routes;
use crate::state::pending_action::{self, Intent};
use crate::state::{ApiContext, Library, Session, Toasts};

stylance::import_crate_style!(style, "src/components/image_rating/image_rating.module.css");

type SaveAnswer = Result<RatingResult, ApiError>;

/// What the line under the stars says. `owned`: the API would have told
/// the user's rating (it does for images in My images only), so none given
/// means none; of another image the app knows only what was rated here.
fn status_text(
    signed_in: bool,
    saving: bool,
    last: Option<&SaveAnswer>,
    shown: Option<f64>,
    owned: bool,
) -> String {
    match last {
        _ if saving => "Saving…".to_string(),
        Some(Ok(saved)) if signed_in => format!("Saved: {}", star_count(saved.new_rating)),
        // Said by the alert below.
        Some(Err(err)) if signed_in && failure_message(err).is_some() => String::new(),
        _ if !signed_in => "Choose a rating: you will be asked to sign in to save it.".to_string(),
        _ => match shown {
            None if owned => "Not rated yet".to_string(),
            None => "Choose a rating".to_string(),
            Some(v) => format!("Your rating: {}", star_count(v)),
        },
    }
}

/// Why a rating was not saved, if it should be said (a refused token sends
/// the user to sign in instead).
fn failure_message(err: &ApiError) -> Option<String> {
    match err {
        ApiError::Unauthorized { .. } => None,
        err => Some(format!("Rating not saved: {}", err.user_message())),
    }
}

/// Saving ratings of one image: each decision is an action dispatched to
/// the API; a newer decision cancels the older one's answer, so the last
/// decision's answer is the one that counts.
#[derive(Clone, Copy)]
struct RatingSave {
    action: Action<f64, SaveAnswer>,
    /// The last rating the API confirmed.
    confirmed: RwSignal<Option<f64>>,
    previous: StoredValue<Option<ActionAbortHandle>, LocalStorage>,
}

impl RatingSave {
    fn new(image_id: String, on_rated: Option<Callback<RatingResult>>) -> Self {
        let api = expect_context::<ApiContext>();
        let library = expect_context::<Library>();
        let toasts = expect_context::<Toasts>();
        let confirmed = RwSignal::new(None::<f64>);
        let action = Action::new_local(move |rating: &f64| {
            let id = image_id.clone();
            let sent = api.send(&RateImage {
                id: id.clone(),
                rating: *rating,
            });
            async move {
                let answer = sent.await;
                // What the app knows of the image changes even once the
                // input is gone (the user moved on).
                match &answer {
                    Ok(saved) => {
                        library.record_rating(&id, saved.new_rating);
                        api.record_rating(&id, saved.average_rating, saved.rating_count);
                        if let Some(on_rated) = on_rated {
                            on_rated.try_run(*saved);
                        }
                        confirmed.try_set(Some(saved.new_rating));
                    }
                    // The input says it beside the stars; a notice only
                    // once the input is gone.
                    Err(err) if confirmed.is_disposed() => {
                        if let Some(message) = failure_message(err) {
                            toasts.error(message);
                        }
                    }
                    Err(_) => {}
                }
                answer
            }
        });
        Self {
            action,
            confirmed,
            previous: StoredValue::new_local(None),
        }
    }

    fn save(&self, rating: f64) {
        let handle = self.action.dispatch_local(rating);
        if let Some(older) = self
            .previous
            .try_update_value(|p| p.replace(handle))
            .flatten()
        {
            older.abort();
        }
    }
}

/// The star input for image `image_id`, saving to the API. Each decision is
/// saved at once (the input decides once, not at every step of the arrow
/// keys); a failure puts the last saved value back. Signed out, a decision
/// waits for the sign-in and is saved after it.
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
    let session = expect_context::<Session>();
    let library = expect_context::<Library>();
    let rating = RatingSave::new(image_id.clone(), on_rated);
    let (saving, chosen, last) = (
        rating.action.pending(),
        rating.action.input(),
        rating.action.value(),
    );
    // The value being saved, then the last one the API confirmed, then what
    // the page knew: the first that is set is shown.
    let shown = Signal::derive(move || chosen.get().or(rating.confirmed.get()).or(current.get()));

    let navigate = use_navigate();
    let sign_in_href = use_sign_in_href();
    let image_id = StoredValue::new(image_id);
    let image_label = StoredValue::new(image_label);
    let on_change = Callback::new(move |value: f64| {
        if session.is_signed_in() {
            rating.save(value);
        } else if let Some(id) = image_id.try_get_value() {
            let label = image_label.try_get_value().unwrap_or_default();
            pending_action::remember(&id, &label, Intent::Rate(value));
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
        if let Some(Intent::Rate(value)) =
            pending_action::take(&id, |i| matches!(i, Intent::Rate(_)))
        {
            rating.save(value);
        }
    });

    view! {
        <div class=style::rate>
            <StarRatingInput value=shown on_change=on_change label=label.clone() />
            <p class=style::status aria-live="polite">
                // `try_`: signing out may take down a list of these in the
                // same update that runs this.
                {move || {
                    let signed_in = session.is_signed_in();
                    let saving = saving.try_get().unwrap_or(false);
                    let owned = image_id
                        .try_with_value(|id| library.owns(id) == Some(true))
                        .unwrap_or(false);
                    last.try_with(|last| status_text(signed_in, saving, last.as_ref(), shown.get(), owned))
                }}
            </p>
            {move || {
                last.try_with(|last| match last {
                    Some(Err(err)) if !saving.get() => failure_message(err),
                    _ => None,
                })
                .flatten()
                .map(|message| view! { <p class=style::error role="alert">{message}</p> })
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAVED: RatingResult = RatingResult {
        new_rating: 4.0,
        average_rating: 4.2,
        rating_count: 10,
    };

    #[test]
    fn the_status_says_where_a_rating_stands() {
        assert_eq!(status_text(true, true, None, Some(3.0), true), "Saving…");
        assert_eq!(
            status_text(true, false, Some(&Ok(SAVED)), Some(4.0), false),
            "Saved: 4 stars"
        );
        assert_eq!(status_text(true, false, None, None, true), "Not rated yet");
        // Of an image not owned, the API never says: no claim either way.
        assert_eq!(
            status_text(true, false, None, None, false),
            "Choose a rating"
        );
        assert_eq!(
            status_text(true, false, None, Some(2.5), false),
            "Your rating: 2.5 stars"
        );
        assert_eq!(
            status_text(false, false, None, None, false),
            "Choose a rating: you will be asked to sign in to save it."
        );
        // A failure is said by the alert; a refused token by the sign-in.
        assert_eq!(
            status_text(true, false, Some(&Err(ApiError::Network)), Some(3.0), true),
            ""
        );
        let refused = ApiError::Unauthorized {
            message: "Authentication required".into(),
        };
        assert_eq!(failure_message(&refused), None);
        assert!(failure_message(&ApiError::Network)
            .is_some_and(|m| m.starts_with("Rating not saved: ")));
    }
}
