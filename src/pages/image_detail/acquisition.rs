//! Getting an image: importing a free one, or buying a paid one through the
//! confirmation dialog, with what happens when an answer is lost on the way.
//! Pure state and transitions; the page sends the requests they ask for.

use crate::api::{ApiError, ImportResult, PurchaseResult};
use crate::components::purchase_dialog::PurchasePhase;

/// What the page's primary action is doing.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Acquisition {
    /// The purchase confirmation is open.
    pub dialog_open: bool,
    /// Where the purchase stands.
    pub phase: PurchasePhase,
    /// An import request is on its way.
    pub importing: bool,
    /// Why the last import failed, shown under the button.
    pub import_error: Option<String>,
}

/// What the page must do next.
#[derive(Debug, Clone, PartialEq)]
pub enum Next {
    /// Nothing more.
    Done,
    /// Send the purchase.
    Purchase,
    /// Ask the API whether the user owns the image now (an answer was lost).
    CheckOwnership,
    /// Find out why the API refused the purchase: its one message covers an
    /// image the user owns already and a balance that is too low.
    ExplainRefusal(String),
    /// Send the import.
    Import,
    /// Re-read the user's images: the import may have gone through.
    ReloadLibrary,
}

/// What to tell the user, if anything, once a step is over.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// Nothing to say.
    None,
    /// The purchase went through: what was paid and what is left.
    Purchased(PurchaseResult),
    /// A purchase whose answer was lost turned out to have gone through.
    PurchaseConfirmed,
    /// The import went through.
    Imported,
    /// The import failed for a known reason.
    ImportFailed(String),
}

impl Acquisition {
    /// Opens the confirmation, fresh.
    pub fn open_dialog(&mut self) {
        self.phase = PurchasePhase::Ready;
        self.dialog_open = true;
    }

    /// Closes the confirmation, unless a purchase or a check is running.
    pub fn close_dialog(&mut self) {
        if !self.phase.is_busy() {
            self.dialog_open = false;
        }
    }

    /// The user pressed Confirm (or "Check again"): at most one request at a time.
    pub fn confirm(&mut self) -> Next {
        match self.phase {
            PurchasePhase::Sending | PurchasePhase::Checking => Next::Done,
            PurchasePhase::Unverified => {
                self.phase = PurchasePhase::Checking;
                Next::CheckOwnership
            }
            _ => {
                self.phase = PurchasePhase::Sending;
                Next::Purchase
            }
        }
    }

    /// The API answered the purchase (or the answer was lost).
    pub fn purchase_answered(
        &mut self,
        result: &Result<PurchaseResult, ApiError>,
    ) -> (Next, Notice) {
        match result {
            Ok(paid) => {
                self.phase = PurchasePhase::Ready;
                self.dialog_open = false;
                (Next::Done, Notice::Purchased(*paid))
            }
            // The app sends the user to sign in.
            Err(ApiError::Unauthorized { .. }) => {
                self.phase = PurchasePhase::Ready;
                self.dialog_open = false;
                (Next::Done, Notice::None)
            }
            // "Insufficient balance or image already owned": which one?
            Err(err) if err.is_refused() => {
                (Next::ExplainRefusal(err.user_message()), Notice::None)
            }
            // It may or may not have happened: never buy again before knowing.
            Err(err) if err.outcome_unknown() => {
                self.phase = PurchasePhase::Checking;
                (Next::CheckOwnership, Notice::None)
            }
            Err(err) => {
                self.phase = PurchasePhase::Failed(err.user_message());
                (Next::Done, Notice::None)
            }
        }
    }

    /// The check of a purchase whose answer was lost is over.
    pub fn ownership_checked(&mut self, owned: &Result<bool, ApiError>) -> Notice {
        match owned {
            Ok(true) => {
                self.phase = PurchasePhase::Ready;
                self.dialog_open = false;
                Notice::PurchaseConfirmed
            }
            Ok(false) => {
                self.phase = PurchasePhase::NotCharged;
                Notice::None
            }
            Err(ApiError::Unauthorized { .. }) => {
                self.phase = PurchasePhase::Ready;
                self.dialog_open = false;
                Notice::None
            }
            Err(_) => {
                self.phase = PurchasePhase::Unverified;
                Notice::None
            }
        }
    }

    /// What the user's images say about a refused purchase: they own the
    /// image, or their balance is short of `price` (formatted); if they
    /// cannot be read, the API's own `refusal`.
    pub fn refusal_explained(
        &mut self,
        owned: &Result<bool, ApiError>,
        price: String,
        refusal: String,
    ) {
        self.phase = match owned {
            Ok(true) => PurchasePhase::AlreadyOwned,
            Ok(false) => PurchasePhase::BalanceTooLow(price),
            Err(_) => PurchasePhase::Failed(refusal),
        };
    }

    /// The user pressed Import: one request, however many clicks.
    pub fn start_import(&mut self) -> Next {
        if self.importing {
            return Next::Done;
        }
        self.importing = true;
        self.import_error = None;
        Next::Import
    }

    /// The API answered the import (or the answer was lost).
    pub fn import_answered(&mut self, result: &Result<ImportResult, ApiError>) -> (Next, Notice) {
        self.importing = false;
        match result {
            Ok(_) => (Next::Done, Notice::Imported),
            Err(ApiError::Unauthorized { .. }) => (Next::Done, Notice::None),
            Err(err) if err.outcome_unknown() => {
                self.import_error = Some(format!(
                    "{} If the import went through, the button will change to “In My images”.",
                    err.user_message()
                ));
                (Next::ReloadLibrary, Notice::None)
            }
            Err(err) => {
                self.import_error = Some(err.user_message());
                (Next::Done, Notice::ImportFailed(err.user_message()))
            }
        }
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

    const PAID: PurchaseResult = PurchaseResult {
        price_paid: 5.99,
        remaining_balance: 44.01,
    };

    #[test]
    fn a_purchase_is_confirmed_then_sent_once() {
        let mut flow = Acquisition::default();
        flow.open_dialog();
        assert!(flow.dialog_open);
        assert_eq!(flow.confirm(), Next::Purchase);
        // A burst of clicks while it is on its way sends nothing more.
        assert_eq!(flow.confirm(), Next::Done);
        flow.close_dialog();
        assert!(flow.dialog_open, "the dialog stays while the purchase runs");
        assert_eq!(
            flow.purchase_answered(&Ok(PAID)),
            (Next::Done, Notice::Purchased(PAID))
        );
        assert!(!flow.dialog_open);
        assert_eq!(flow.phase, PurchasePhase::Ready);
    }

    #[test]
    fn a_refused_purchase_finds_out_why_and_says_it() {
        let mut flow = Acquisition::default();
        flow.open_dialog();
        flow.confirm();
        let message = "Insufficient balance or image already owned".to_string();
        assert_eq!(
            flow.purchase_answered(&Err(refused())),
            (Next::ExplainRefusal(message.clone()), Notice::None)
        );
        assert_eq!(flow.confirm(), Next::Done, "still busy while finding out");
        flow.refusal_explained(&Ok(false), "$2.99".into(), message.clone());
        assert_eq!(flow.phase, PurchasePhase::BalanceTooLow("$2.99".into()));
        assert!(flow.dialog_open);
        assert_eq!(flow.confirm(), Next::Purchase, "it may be tried again");

        flow.purchase_answered(&Err(refused()));
        flow.refusal_explained(&Ok(true), "$2.99".into(), message.clone());
        assert_eq!(flow.phase, PurchasePhase::AlreadyOwned);

        flow.confirm();
        flow.purchase_answered(&Err(refused()));
        flow.refusal_explained(&Err(ApiError::Network), "$2.99".into(), message.clone());
        assert_eq!(flow.phase, PurchasePhase::Failed(message));
    }

    #[test]
    fn another_refusal_is_shown_as_the_api_says_it() {
        let mut flow = Acquisition::default();
        flow.open_dialog();
        flow.confirm();
        let not_found = ApiError::Api {
            status: 404,
            error: "Not Found".into(),
            message: "Image not found".into(),
        };
        assert_eq!(
            flow.purchase_answered(&Err(not_found)),
            (Next::Done, Notice::None)
        );
        assert_eq!(flow.phase, PurchasePhase::Failed("Image not found".into()));
    }

    #[test]
    fn a_lost_answer_is_checked_before_anything_is_sent_again() {
        let mut flow = Acquisition::default();
        flow.open_dialog();
        flow.confirm();
        assert_eq!(
            flow.purchase_answered(&Err(ApiError::Network)),
            (Next::CheckOwnership, Notice::None)
        );
        assert_eq!(flow.confirm(), Next::Done, "no purchase while checking");
        // The check fails too: Confirm becomes "Check again", never a purchase.
        assert_eq!(
            flow.ownership_checked(&Err(ApiError::Network)),
            Notice::None
        );
        assert_eq!(flow.phase, PurchasePhase::Unverified);
        assert_eq!(flow.confirm(), Next::CheckOwnership);
        // It had gone through.
        assert_eq!(flow.ownership_checked(&Ok(true)), Notice::PurchaseConfirmed);
        assert!(!flow.dialog_open);
    }

    #[test]
    fn a_lost_answer_that_bought_nothing_lets_the_user_try_again() {
        let mut flow = Acquisition::default();
        flow.open_dialog();
        flow.confirm();
        flow.purchase_answered(&Err(ApiError::Network));
        assert_eq!(flow.ownership_checked(&Ok(false)), Notice::None);
        assert_eq!(flow.phase, PurchasePhase::NotCharged);
        assert_eq!(flow.confirm(), Next::Purchase);
    }

    #[test]
    fn a_refused_token_closes_the_dialog() {
        let mut flow = Acquisition::default();
        flow.open_dialog();
        flow.confirm();
        let refused = ApiError::Unauthorized {
            message: "Authentication required".into(),
        };
        assert_eq!(
            flow.purchase_answered(&Err(refused)),
            (Next::Done, Notice::None)
        );
        assert!(!flow.dialog_open);
    }

    #[test]
    fn an_import_is_sent_once_and_its_failures_are_told() {
        let mut flow = Acquisition::default();
        assert_eq!(flow.start_import(), Next::Import);
        assert_eq!(flow.start_import(), Next::Done);
        assert_eq!(
            flow.import_answered(&Ok(ImportResult {})),
            (Next::Done, Notice::Imported)
        );
        assert!(!flow.importing);

        assert_eq!(flow.start_import(), Next::Import);
        let (next, notice) = flow.import_answered(&Err(refused()));
        assert_eq!(next, Next::Done);
        assert_eq!(
            notice,
            Notice::ImportFailed("Insufficient balance or image already owned".into())
        );
        assert!(flow.import_error.is_some());

        // A lost answer: the page re-reads what the user owns.
        assert_eq!(flow.start_import(), Next::Import);
        assert_eq!(flow.import_error, None);
        let (next, _) = flow.import_answered(&Err(ApiError::Network));
        assert_eq!(next, Next::ReloadLibrary);
        assert!(flow
            .import_error
            .as_deref()
            .is_some_and(|m| m.contains("If the import went through")));
    }
}
