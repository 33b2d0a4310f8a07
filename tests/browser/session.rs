//! Sign-in state: where the token is kept, and forgetting it.

use container_images_web::state::{Session, SignOutReason};
use leptos::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

fn stored(local: bool) -> Option<String> {
    let window = window();
    let storage = if local {
        window.local_storage()
    } else {
        window.session_storage()
    };
    storage
        .unwrap()
        .unwrap()
        .get_item("dockyard.token")
        .unwrap()
}

fn clear() {
    let window = window();
    window.local_storage().unwrap().unwrap().clear().unwrap();
    window.session_storage().unwrap().unwrap().clear().unwrap();
}

#[wasm_bindgen_test]
fn token_is_kept_for_the_tab_by_default_and_on_the_device_when_remembered() {
    clear();
    let owner = Owner::new();
    owner.with(|| {
        let session = Session::restore();
        assert!(!session.is_signed_in());

        session.sign_in("  tab-token ", false);
        assert!(session.is_signed_in());
        assert_eq!(session.token_untracked().as_deref(), Some("tab-token"));
        assert_eq!(stored(false).as_deref(), Some("tab-token"));
        assert_eq!(stored(true), None);
        assert!(
            Session::restore().is_signed_in(),
            "a reload in the same tab keeps it"
        );

        session.sign_in("device-token", true);
        assert_eq!(stored(true).as_deref(), Some("device-token"));
        assert_eq!(stored(false), None, "only one place holds it");
        session.set_balance_cents(4401);
        session.remember_rating("img-1", 4.0);
        let restored = Session::restore();
        assert_eq!(restored.token_untracked().as_deref(), Some("device-token"));
        assert_eq!(restored.balance().map(|b| b.cents), Some(4401));
        assert_eq!(restored.remembered_rating("img-1"), Some(4.0));

        session.sign_out(SignOutReason::UserChoice);
        assert!(!session.is_signed_in());
        assert_eq!(stored(true), None);
        assert_eq!(stored(false), None);
        assert_eq!(session.balance(), None);
        assert_eq!(session.remembered_rating("img-1"), None);
        assert!(!session.expired());
        assert!(!Session::restore().is_signed_in());

        // The account's balance and ratings come back with its next
        // sign-in, and only with it.
        session.sign_in("other-token", false);
        assert_eq!(session.balance(), None);
        assert_eq!(session.remembered_rating("img-1"), None);
        session.sign_in("device-token", false);
        assert_eq!(session.balance().map(|b| b.cents), Some(4401));
        assert_eq!(session.remembered_rating("img-1"), Some(4.0));
        let kept = (0..window().local_storage().unwrap().unwrap().length().unwrap())
            .filter_map(|n| window().local_storage().unwrap().unwrap().key(n).unwrap())
            .collect::<Vec<_>>()
            .join(" ");
        assert!(!kept.contains("device-token"), "never the token: {kept}");
    });
    clear();
}

#[wasm_bindgen_test]
fn a_refused_token_ends_the_session_and_says_so() {
    clear();
    let owner = Owner::new();
    owner.with(|| {
        let session = Session::restore();
        session.sign_in("old", false);
        session.sign_out(SignOutReason::Expired);
        assert!(!session.is_signed_in());
        assert!(session.expired());
        session.acknowledge_expiry();
        assert!(!session.expired());
        // A token that could not be sent in a header is not restored.
        window()
            .session_storage()
            .unwrap()
            .unwrap()
            .set_item("dockyard.token", "has space")
            .unwrap();
        assert!(!Session::restore().is_signed_in());
    });
    clear();
}
