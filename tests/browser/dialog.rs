//! The purchase dialog: focus moves in and stays in, Escape and Cancel close
//! it and return focus, and Confirm sends one purchase however often it is clicked.

use container_images_web::components::purchase_dialog::{PurchaseDialog, PurchasePhase};
use container_images_web::state::account_memory::ReportedBalance;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{HtmlButtonElement, HtmlDialogElement};

use crate::support::{active_element, mount, sleep};

struct Harness {
    mounted: crate::support::Mounted,
    open: RwSignal<bool>,
    phase: RwSignal<PurchasePhase>,
    confirms: RwSignal<u32>,
}

fn harness(balance: Option<i64>) -> Harness {
    let open = RwSignal::new(false);
    let phase = RwSignal::new(PurchasePhase::Ready);
    let confirms = RwSignal::new(0_u32);
    let mounted = mount(move || {
        view! {
            <button id="opener" on:click=move |_| open.set(true)>"Buy for $5.99"</button>
            <PurchaseDialog
                open=open
                on_close=Callback::new(move |_| open.set(false))
                name="ubuntu/22.04/hardened · arm64"
                price=5.99
                balance=balance.map(|cents| ReportedBalance {
                    cents,
                    // 6 Dec 2026, 03:10 UTC.
                    reported_at_ms: 1_796_526_600_000.0,
                })
                phase=phase
                on_confirm=Callback::new(move |_| {
                    // Like the page: the first confirm starts the request.
                    confirms.update(|c| *c += 1);
                    phase.set(PurchasePhase::Sending);
                })
            />
        }
    });
    Harness {
        mounted,
        open,
        phase,
        confirms,
    }
}

fn dialog(h: &Harness) -> HtmlDialogElement {
    h.mounted.get("dialog").dyn_into().unwrap()
}

fn buttons(h: &Harness) -> Vec<HtmlButtonElement> {
    h.mounted
        .all("dialog button")
        .into_iter()
        .map(|b| b.dyn_into().unwrap())
        .collect()
}

async fn open(h: &Harness) {
    let opener = h.mounted.get("#opener");
    opener.focus().unwrap();
    opener.click();
    sleep(20).await;
    assert!(dialog(h).open(), "the dialog opens");
}

#[wasm_bindgen_test]
async fn names_the_image_price_and_balances() {
    let h = harness(Some(5000));
    open(&h).await;
    let text = dialog(&h).text_content().unwrap();
    for expected in [
        "Buy ubuntu/22.04/hardened · arm64?",
        "$5.99",
        "Balance",
        "reported ",
        " Dec 2026, ",
        "$50.00",
        "Balance after",
        "$44.01",
        "Confirm and pay $5.99",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    assert_eq!(
        dialog(&h).get_attribute("aria-labelledby").as_deref(),
        Some("purchase-title")
    );
}

#[wasm_bindgen_test]
async fn without_a_known_balance_only_the_price_shows() {
    let h = harness(None);
    open(&h).await;
    let text = dialog(&h).text_content().unwrap();
    assert!(!text.contains("reported"));
    assert!(text.contains("$5.99"));
}

#[wasm_bindgen_test]
async fn focus_moves_in_stays_in_and_comes_back() {
    let h = harness(Some(5000));
    open(&h).await;
    let [cancel, confirm] = <[HtmlButtonElement; 2]>::try_from(buttons(&h))
        .ok()
        .unwrap();
    // Focus starts on the least destructive choice.
    assert!(active_element().unwrap().is_same_node(Some(&cancel)));
    // A modal dialog: the page behind it is inert, so focus cannot leave.
    assert!(dialog(&h).matches(":modal").unwrap());
    confirm.focus().unwrap();
    h.mounted.get("#opener").focus().unwrap();
    assert!(active_element().unwrap().is_same_node(Some(&confirm)));

    // Escape closes it and gives focus back to the button that opened it.
    let escape = web_sys::Event::new_with_event_init_dict("cancel", &{
        let init = web_sys::EventInit::new();
        init.set_cancelable(true);
        init
    })
    .unwrap();
    dialog(&h).dispatch_event(&escape).unwrap();
    sleep(20).await;
    assert!(!h.open.get_untracked());
    assert!(!dialog(&h).open());
    assert_eq!(active_element().unwrap().id(), "opener");

    // Cancel does the same.
    open(&h).await;
    buttons(&h)[0].click();
    sleep(20).await;
    assert!(!dialog(&h).open());
    assert_eq!(active_element().unwrap().id(), "opener");
}

#[wasm_bindgen_test]
async fn any_number_of_clicks_on_confirm_sends_one_purchase() {
    let h = harness(Some(5000));
    open(&h).await;
    let confirm = buttons(&h)[1].clone();
    for _ in 0..10 {
        confirm.click();
    }
    sleep(20).await;
    for _ in 0..10 {
        confirm.click();
    }
    assert_eq!(h.confirms.get_untracked(), 1);
    assert!(
        confirm.disabled(),
        "Confirm is disabled while the request runs"
    );
    assert!(dialog(&h).text_content().unwrap().contains("Buying…"));
    // Escape does not close it mid-purchase.
    let escape = web_sys::Event::new_with_event_init_dict("cancel", &{
        let init = web_sys::EventInit::new();
        init.set_cancelable(true);
        init
    })
    .unwrap();
    dialog(&h).dispatch_event(&escape).unwrap();
    sleep(20).await;
    assert!(dialog(&h).open());
}

#[wasm_bindgen_test]
async fn a_refusal_is_shown_inside_the_dialog() {
    let h = harness(Some(100));
    open(&h).await;
    let text = dialog(&h).text_content().unwrap();
    assert!(text.contains("-$4.99"), "{text}");
    assert!(text.contains("not enough"));
    h.phase.set(PurchasePhase::Failed(
        "Insufficient balance or image already owned".into(),
    ));
    sleep(20).await;
    let alert = h.mounted.get("dialog [role='alert']");
    assert!(alert
        .text_content()
        .unwrap()
        .contains("Insufficient balance or image already owned"));
    assert!(
        !buttons(&h)[1].disabled(),
        "the user may try again or cancel"
    );
    // A lost answer: checking, then "check again" rather than a second purchase.
    h.phase.set(PurchasePhase::Checking);
    sleep(20).await;
    assert!(dialog(&h)
        .text_content()
        .unwrap()
        .contains("Checking whether it went through"));
    assert!(buttons(&h)[1].disabled());
    h.phase.set(PurchasePhase::Unverified);
    sleep(20).await;
    assert_eq!(buttons(&h)[1].text_content().unwrap(), "Check again");
}
