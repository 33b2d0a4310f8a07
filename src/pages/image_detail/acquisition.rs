//! Getting an image: an import, or the steps of a purchase, and what each
//! answer means. Pure; the page's action sends the requests and reads these
//! to know what comes next and what to show.

use crate::api::{ApiError, ImportResult, PurchaseResult};
use crate::components::purchase_dialog::PurchasePhase;
use crate::format::format_money;

/// A step of getting the image: what the page's action is dispatched with.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Import the (free) image.
    Import,
    /// Send the purchase.
    Buy,
    /// Ask the API whether the user owns the image now: an answer to the
    /// purchase was lost (or the last check failed).
    CheckOwnership,
    /// Find out why the API refused the purchase: its one message (kept
    /// here) covers an image the user owns already and a balance that is
    /// too low.
    ExplainRefusal(String),
}

impl Step {
    /// Where the purchase stands while this step runs.
    pub fn phase_while(&self) -> PurchasePhase {
        match self {
            Step::Import => PurchasePhase::Ready,
            Step::Buy => PurchasePhase::Sending,
            Step::CheckOwnership | Step::ExplainRefusal(_) => PurchasePhase::Checking,
        }
    }
}

/// What a step found out.
#[derive(Debug, Clone, PartialEq)]
pub enum StepAnswer {
    /// The API's answer to the import (or that it was lost).
    Imported(Result<ImportResult, ApiError>),
    /// The API's answer to the purchase (or that it was lost).
    Bought(Result<PurchaseResult, ApiError>),
    /// Whether the user owns the image, after a lost answer.
    Checked(Result<bool, ApiError>),
    /// Whether the user owns the image, after the API's `refusal`.
    Explained {
        refusal: String,
        owned: Result<bool, ApiError>,
    },
}

impl StepAnswer {
    /// The step that must follow this answer, if any: never a second
    /// purchase before knowing what became of the first.
    pub fn next(&self) -> Option<Step> {
        match self {
            StepAnswer::Bought(Err(err)) if err.is_refused() => {
                Some(Step::ExplainRefusal(err.user_message()))
            }
            StepAnswer::Bought(Err(err)) if err.outcome_unknown() => Some(Step::CheckOwnership),
            _ => None,
        }
    }

    /// Where the purchase stands once this answer is in; `price`
    /// (formatted) for a balance that is too low.
    pub fn phase(&self, price: &str) -> PurchasePhase {
        match self {
            StepAnswer::Imported(_) => PurchasePhase::Ready,
            // Done, or the app sends the user to sign in.
            StepAnswer::Bought(Ok(_)) | StepAnswer::Bought(Err(ApiError::Unauthorized { .. })) => {
                PurchasePhase::Ready
            }
            // The next step is on its way.
            StepAnswer::Bought(Err(_)) if self.next().is_some() => PurchasePhase::Checking,
            StepAnswer::Bought(Err(err)) => PurchasePhase::Failed(err.user_message()),
            StepAnswer::Checked(Ok(true))
            | StepAnswer::Checked(Err(ApiError::Unauthorized { .. })) => PurchasePhase::Ready,
            StepAnswer::Checked(Ok(false)) => PurchasePhase::NotCharged,
            StepAnswer::Checked(Err(_)) => PurchasePhase::Unverified,
            StepAnswer::Explained {
                owned: Ok(true), ..
            } => PurchasePhase::AlreadyOwned,
            StepAnswer::Explained {
                owned: Ok(false), ..
            } => PurchasePhase::BalanceTooLow(price.to_string()),
            StepAnswer::Explained { refusal, .. } => PurchasePhase::Failed(refusal.clone()),
        }
    }

    /// Whether the confirmation closes: the purchase went through, or the
    /// sign-in takes over.
    pub fn closes_dialog(&self) -> bool {
        matches!(
            self,
            StepAnswer::Bought(Ok(_))
                | StepAnswer::Bought(Err(ApiError::Unauthorized { .. }))
                | StepAnswer::Checked(Ok(true))
                | StepAnswer::Checked(Err(ApiError::Unauthorized { .. }))
        )
    }
}

/// What Confirm (or "Check again") sends where the purchase stands: nothing
/// while a step runs or when there is nothing to buy, a check while a lost
/// purchase is unverified, else the purchase.
pub fn step_on_confirm(phase: &PurchasePhase) -> Option<Step> {
    match phase {
        PurchasePhase::Sending | PurchasePhase::Checking | PurchasePhase::AlreadyOwned => None,
        PurchasePhase::Unverified => Some(Step::CheckOwnership),
        _ => Some(Step::Buy),
    }
}

/// The notice for an answer that got the user `name` (the build's name),
/// if it did: short enough to be read whole in two lines on a phone, led by
/// what happened. The balance left is shown by the header (wide screens),
/// My images and the next purchase dialog.
pub fn success_notice(answer: &StepAnswer, name: &str) -> Option<String> {
    match answer {
        StepAnswer::Imported(Ok(_)) => Some(format!("Imported {name}.")),
        StepAnswer::Bought(Ok(paid)) => Some(format!(
            "Bought {name} for {}.",
            format_money(paid.price_paid)
        )),
        StepAnswer::Checked(Ok(true)) => Some(format!("Purchase confirmed: {name}.")),
        _ => None,
    }
}

/// What the page says under Import after its answer, if anything.
pub fn import_error(answer: &StepAnswer) -> Option<String> {
    let StepAnswer::Imported(result) = answer else {
        return None;
    };
    match result {
        Ok(_) | Err(ApiError::Unauthorized { .. }) => None,
        Err(err) if err.outcome_unknown() => Some(format!(
            "{} If the import went through, the button will change to “In My images”.",
            err.user_message()
        )),
        Err(err) => Some(err.user_message()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused() -> ApiError {
        ApiError::Api {
            status: 400,
            error: "Bad Request".into(),
            message: "Insufficient balance or image already owned".into(),
        }
    }

    fn signed_out() -> ApiError {
        ApiError::Unauthorized {
            message: "Authentication required".into(),
        }
    }

    const PAID: PurchaseResult = PurchaseResult {
        price_paid: 5.99,
        remaining_balance: 44.01,
    };

    #[test]
    fn a_purchase_is_sent_once_then_done() {
        assert_eq!(step_on_confirm(&PurchasePhase::Ready), Some(Step::Buy));
        assert_eq!(Step::Buy.phase_while(), PurchasePhase::Sending);
        // A burst of clicks while it is on its way sends nothing more.
        assert_eq!(step_on_confirm(&PurchasePhase::Sending), None);
        let answer = StepAnswer::Bought(Ok(PAID));
        assert_eq!(answer.next(), None);
        assert_eq!(answer.phase("$5.99"), PurchasePhase::Ready);
        assert!(answer.closes_dialog());
    }

    #[test]
    fn a_refused_purchase_finds_out_why_and_says_it() {
        let message = "Insufficient balance or image already owned".to_string();
        let answer = StepAnswer::Bought(Err(refused()));
        assert_eq!(answer.next(), Some(Step::ExplainRefusal(message.clone())));
        assert_eq!(answer.phase("$2.99"), PurchasePhase::Checking);
        assert!(!answer.closes_dialog());
        assert_eq!(
            step_on_confirm(&answer.phase("$2.99")),
            None,
            "still busy while finding out"
        );

        let short = StepAnswer::Explained {
            refusal: message.clone(),
            owned: Ok(false),
        };
        assert_eq!(
            short.phase("$2.99"),
            PurchasePhase::BalanceTooLow("$2.99".into())
        );
        assert_eq!(
            step_on_confirm(&short.phase("$2.99")),
            Some(Step::Buy),
            "it may be tried again"
        );
        assert!(!short.closes_dialog());

        let owned = StepAnswer::Explained {
            refusal: message.clone(),
            owned: Ok(true),
        };
        assert_eq!(owned.phase("$2.99"), PurchasePhase::AlreadyOwned);
        assert_eq!(step_on_confirm(&PurchasePhase::AlreadyOwned), None);

        let unknown = StepAnswer::Explained {
            refusal: message.clone(),
            owned: Err(ApiError::Network),
        };
        assert_eq!(unknown.phase("$2.99"), PurchasePhase::Failed(message));
    }

    #[test]
    fn another_refusal_is_shown_as_the_api_says_it() {
        let not_found = ApiError::Api {
            status: 404,
            error: "Not Found".into(),
            message: "Image not found".into(),
        };
        let answer = StepAnswer::Bought(Err(not_found));
        assert_eq!(answer.next(), None);
        assert_eq!(
            answer.phase("$1.00"),
            PurchasePhase::Failed("Image not found".into())
        );
    }

    #[test]
    fn a_lost_answer_is_checked_before_anything_is_sent_again() {
        let lost = StepAnswer::Bought(Err(ApiError::Network));
        assert_eq!(lost.next(), Some(Step::CheckOwnership));
        assert_eq!(Step::CheckOwnership.phase_while(), PurchasePhase::Checking);
        assert_eq!(
            step_on_confirm(&lost.phase("$1.00")),
            None,
            "no purchase while checking"
        );
        // The check fails too: Confirm becomes "Check again", never a purchase.
        let unverified = StepAnswer::Checked(Err(ApiError::Network));
        assert_eq!(unverified.phase("$1.00"), PurchasePhase::Unverified);
        assert_eq!(
            step_on_confirm(&PurchasePhase::Unverified),
            Some(Step::CheckOwnership)
        );
        // It had gone through.
        let confirmed = StepAnswer::Checked(Ok(true));
        assert_eq!(confirmed.phase("$1.00"), PurchasePhase::Ready);
        assert!(confirmed.closes_dialog());
    }

    #[test]
    fn a_lost_answer_that_bought_nothing_lets_the_user_try_again() {
        let nothing = StepAnswer::Checked(Ok(false));
        assert_eq!(nothing.phase("$1.00"), PurchasePhase::NotCharged);
        assert_eq!(step_on_confirm(&PurchasePhase::NotCharged), Some(Step::Buy));
        assert!(!nothing.closes_dialog());
    }

    #[test]
    fn a_refused_token_closes_the_dialog() {
        assert!(StepAnswer::Bought(Err(signed_out())).closes_dialog());
        assert!(StepAnswer::Checked(Err(signed_out())).closes_dialog());
        assert_eq!(StepAnswer::Bought(Err(signed_out())).next(), None);
    }

    #[test]
    fn an_import_s_failures_are_told() {
        let imported = |result| StepAnswer::Imported(result);
        assert_eq!(import_error(&imported(Ok(ImportResult {}))), None);
        assert_eq!(import_error(&imported(Err(signed_out()))), None);
        assert_eq!(
            import_error(&imported(Err(refused()))).as_deref(),
            Some("Insufficient balance or image already owned")
        );
        assert!(import_error(&imported(Err(ApiError::Network)))
            .is_some_and(|m| m.contains("If the import went through")));
        assert_eq!(import_error(&StepAnswer::Bought(Err(refused()))), None);
        // An import leaves no purchase to finish.
        assert_eq!(imported(Err(ApiError::Network)).next(), None);
        assert_eq!(Step::Import.phase_while(), PurchasePhase::Ready);
    }

    #[test]
    fn notices_say_what_happened_in_a_line() {
        let name = "debian/13 · arm64 (build 20260402)";
        assert_eq!(
            success_notice(&StepAnswer::Imported(Ok(ImportResult {})), name).as_deref(),
            Some("Imported debian/13 · arm64 (build 20260402).")
        );
        assert_eq!(
            success_notice(&StepAnswer::Bought(Ok(PAID)), name).as_deref(),
            Some("Bought debian/13 · arm64 (build 20260402) for $5.99.")
        );
        assert_eq!(
            success_notice(&StepAnswer::Checked(Ok(true)), name).as_deref(),
            Some("Purchase confirmed: debian/13 · arm64 (build 20260402).")
        );
        // Failures and refusals are said where the person acted.
        assert_eq!(
            success_notice(&StepAnswer::Bought(Err(refused())), name),
            None
        );
        assert_eq!(success_notice(&StepAnswer::Checked(Ok(false)), name), None);
        assert_eq!(
            success_notice(&StepAnswer::Imported(Err(ApiError::Network)), name),
            None
        );
    }
}
