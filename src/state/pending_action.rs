//! An action on an image that its page carries out once it opens with the
//! user signed in: Import, Buy or Rate pressed while signed out (kept across
//! the sign-in), or Import or Buy of a newer build chosen in My images. It
//! is kept for this tab only (sessionStorage), never in the URL, so a link
//! cannot make a signed-in person import, buy or rate anything.

use serde::{Deserialize, Serialize};

use super::storage::{self, StorageArea};

const KEY: &str = "dockyard.pending_action";
/// How long an action waits for the sign-in, in milliseconds.
const LIFETIME_MS: f64 = 15.0 * 60.0 * 1000.0;

/// What the user asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Intent {
    /// Import a free image.
    Import,
    /// Buy a paid image: reopens the confirmation (a payment always needs it).
    Buy,
    /// Rate the image so many stars.
    Rate(f64),
}

/// An action waiting for the sign-in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PendingAction {
    /// The image it is about.
    pub image_id: String,
    /// How the image is named to the user (alias and architecture).
    pub image_label: String,
    /// What to do.
    pub intent: Intent,
    /// When it was asked for (milliseconds since the epoch).
    pub at_ms: f64,
}

impl PendingAction {
    /// What the sign-in page says it is for: "Sign in to buy debian/13/fips · arm64".
    pub fn sign_in_reason(&self) -> String {
        let verb = match self.intent {
            Intent::Import => "import",
            Intent::Buy => "buy",
            Intent::Rate(_) => "rate",
        };
        format!("Sign in to {verb} {}", self.image_label)
    }

    fn is_fresh(&self, now_ms: f64) -> bool {
        now_ms - self.at_ms < LIFETIME_MS && now_ms >= self.at_ms
    }
}

/// Keeps `intent` on `image_id` until the user has signed in.
pub fn remember(image_id: &str, image_label: &str, intent: Intent) {
    let action = PendingAction {
        image_id: image_id.to_string(),
        image_label: image_label.to_string(),
        intent,
        at_ms: js_sys::Date::now(),
    };
    if let Ok(json) = serde_json::to_string(&action) {
        storage::write(StorageArea::Session, KEY, &json);
    }
}

/// The action waiting for the sign-in, if one is (untouched).
pub fn peek() -> Option<PendingAction> {
    let action: PendingAction =
        serde_json::from_str(&storage::read(StorageArea::Session, KEY)?).ok()?;
    action.is_fresh(js_sys::Date::now()).then_some(action)
}

/// Drops the action waiting for the sign-in, if any.
pub fn forget() {
    storage::remove(StorageArea::Session, KEY);
}

/// Takes the action waiting on `image_id` that `wanted` accepts; it is
/// gone afterwards.
pub fn take(image_id: &str, wanted: impl Fn(Intent) -> bool) -> Option<Intent> {
    let action = peek()?;
    if action.image_id != image_id || !wanted(action.intent) {
        return None;
    }
    forget();
    Some(action.intent)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn action(intent: Intent) -> PendingAction {
        PendingAction {
            image_id: "x".into(),
            image_label: "debian/13/fips · arm64".into(),
            intent,
            at_ms: 1_000.0,
        }
    }

    #[test]
    fn the_sign_in_page_says_what_for() {
        assert_eq!(
            action(Intent::Buy).sign_in_reason(),
            "Sign in to buy debian/13/fips · arm64"
        );
        assert_eq!(
            action(Intent::Import).sign_in_reason(),
            "Sign in to import debian/13/fips · arm64"
        );
        assert_eq!(
            action(Intent::Rate(4.5)).sign_in_reason(),
            "Sign in to rate debian/13/fips · arm64"
        );
    }

    #[test]
    fn an_action_waits_a_quarter_of_an_hour() {
        let waiting = action(Intent::Import);
        assert!(waiting.is_fresh(1_000.0 + LIFETIME_MS - 1.0));
        assert!(!waiting.is_fresh(1_000.0 + LIFETIME_MS));
        assert!(!waiting.is_fresh(0.0), "not from the future");
    }
}
