//! The signed-in state: the bearer token, where it is kept, and what this
//! device remembers of the account (see `account_memory`).
//!
//! The token lives in sessionStorage by default and in localStorage with
//! "Remember me". It is never put in a URL, logged, or shown in a message.

use leptos::prelude::*;

use super::account_memory::{AccountMemory, ReportedBalance};
use super::storage::{self, StorageArea};

const TOKEN_KEY: &str = "dockyard.token";

/// Why the user was sent to the sign-in page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignOutReason {
    /// The user chose to sign out.
    UserChoice,
    /// The API refused the token (401).
    Expired,
}

/// The session, shared through context. Cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct Session {
    token: RwSignal<Option<String>>,
    remembered: RwSignal<bool>,
    /// What this device remembers of the signed-in account.
    memory: RwSignal<AccountMemory>,
    /// Set when the API refused the token; the app then sends the user to sign in.
    expired: RwSignal<bool>,
}

impl Session {
    /// Restores a session kept by an earlier visit (localStorage first, then sessionStorage).
    pub fn restore() -> Self {
        let (token, remembered) = match storage::read(StorageArea::Local, TOKEN_KEY) {
            Some(token) => (Some(token), true),
            None => (storage::read(StorageArea::Session, TOKEN_KEY), false),
        };
        let token = token.filter(|t| is_plausible_token(t));
        let memory = token
            .as_deref()
            .map(|t| AccountMemory::load(short_fingerprint(t)))
            .unwrap_or_default();
        Self {
            token: RwSignal::new(token),
            remembered: RwSignal::new(remembered),
            memory: RwSignal::new(memory),
            expired: RwSignal::new(false),
        }
    }

    /// A signed-out session that reads and writes no storage until signed in (for tests).
    pub fn signed_out() -> Self {
        Self {
            token: RwSignal::new(None),
            remembered: RwSignal::new(false),
            memory: RwSignal::new(AccountMemory::default()),
            expired: RwSignal::new(false),
        }
    }

    /// True when a token is held (tracked).
    pub fn is_signed_in(&self) -> bool {
        self.token.with(Option::is_some)
    }

    /// The token, for the API client only (untracked).
    pub fn token_untracked(&self) -> Option<String> {
        self.token.get_untracked()
    }

    /// A signal that changes when the user signs in or out (the token itself stays private).
    pub fn token_version(&self) -> Signal<Option<u64>> {
        let token = self.token;
        Signal::derive(move || token.with(|t| t.as_deref().map(short_fingerprint)))
    }

    /// Keeps `token` for this tab, or on this device when `remember` is set.
    pub fn sign_in(&self, token: &str, remember: bool) {
        let token = token.trim().to_string();
        forget_everywhere();
        let area = if remember {
            StorageArea::Local
        } else {
            StorageArea::Session
        };
        storage::write(area, TOKEN_KEY, &token);
        self.remembered.set(remember);
        self.memory
            .set(AccountMemory::load(short_fingerprint(&token)));
        self.expired.set(false);
        self.token.set(Some(token));
    }

    /// Forgets the token and everything kept with it.
    pub fn sign_out(&self, reason: SignOutReason) {
        forget_everywhere();
        // An action waiting for a sign-in is not carried out for whoever signs in next.
        super::pending_action::forget();
        self.token.set(None);
        self.memory.set(AccountMemory::default());
        if reason == SignOutReason::Expired {
            self.expired.set(true);
        }
    }

    /// True after the API refused the token, until the user signs in again (tracked).
    pub fn expired(&self) -> bool {
        self.expired.get()
    }

    /// True after the API refused the token (untracked).
    pub fn expired_untracked(&self) -> bool {
        self.expired.get_untracked()
    }

    /// Clears the "expired" flag once the app has acted on it.
    pub fn acknowledge_expiry(&self) {
        self.expired.set(false);
    }

    /// The last balance the API reported for this account, when it has
    /// (after a purchase), and when (tracked).
    pub fn balance(&self) -> Option<ReportedBalance> {
        self.memory.with(|memory| memory.balance)
    }

    /// Remembers the balance the API reported just now.
    pub fn set_balance_cents(&self, cents: i64) {
        let reported_at_ms = js_sys::Date::now();
        self.remember(|memory| {
            memory.balance = Some(ReportedBalance {
                cents,
                reported_at_ms,
            })
        });
    }

    /// The account's rating of `id`, when it gave one on this device (tracked).
    pub fn remembered_rating(&self, id: &str) -> Option<f64> {
        self.memory.with(|memory| memory.rating(id))
    }

    /// Remembers a rating the API saved for this account.
    pub fn remember_rating(&self, id: &str, rating: f64) {
        self.remember(|memory| memory.rate(id, rating));
    }

    fn remember(&self, change: impl FnOnce(&mut AccountMemory)) {
        let Some(fingerprint) = self
            .token
            .with_untracked(|t| t.as_deref().map(short_fingerprint))
        else {
            return;
        };
        // From storage, not this tab's copy: another tab may have added to it.
        let mut memory = AccountMemory::load(fingerprint);
        change(&mut memory);
        memory.save(fingerprint);
        self.memory.set(memory);
    }
}

fn forget_everywhere() {
    for area in [StorageArea::Local, StorageArea::Session] {
        storage::remove(area, TOKEN_KEY);
    }
}

/// A token is sent in a header, so it must be printable ASCII with no spaces.
pub fn is_plausible_token(token: &str) -> bool {
    !token.is_empty() && token.len() <= 4096 && token.bytes().all(|b| b.is_ascii_graphic())
}

/// A short non-reversible number that tells tokens apart without revealing
/// them: it notices a change of account, and names the account's memory in
/// storage (which says nothing of the token: a 64-bit number has countless
/// tokens behind it).
fn short_fingerprint(token: &str) -> u64 {
    // FNV-1a.
    token.bytes().fold(0xcbf29ce484222325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x100000001b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plausible_tokens() {
        assert!(is_plausible_token("demo-token_123.abc"));
        assert!(!is_plausible_token(""));
        assert!(!is_plausible_token("has space"));
        assert!(!is_plausible_token("new\nline"));
        assert!(!is_plausible_token("ünï"));
        assert!(!is_plausible_token(&"x".repeat(5000)));
    }

    #[test]
    fn fingerprints_differ() {
        assert_ne!(short_fingerprint("a"), short_fingerprint("b"));
        assert_eq!(short_fingerprint("a"), short_fingerprint("a"));
    }
}
