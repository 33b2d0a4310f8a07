//! The star input: a radio group of 0 to 5 in half steps.

use container_images_web::components::star_rating::StarRatingInput;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlInputElement;

use crate::support::{active_element, mount, press, sleep};

struct Harness {
    mounted: crate::support::Mounted,
    value: RwSignal<Option<f64>>,
    changes: RwSignal<Vec<f64>>,
}

fn harness(initial: Option<f64>, disabled: bool) -> Harness {
    let value = RwSignal::new(initial);
    let changes = RwSignal::new(Vec::new());
    let mounted = mount(move || {
        view! {
            <StarRatingInput
                value=value
                label="Your rating"
                disabled=disabled
                on_change=Callback::new(move |v: f64| {
                    changes.update(|c| c.push(v));
                    value.set(Some(v));
                })
            />
        }
    });
    Harness {
        mounted,
        value,
        changes,
    }
}

fn radio(h: &Harness, value: &str) -> HtmlInputElement {
    h.mounted
        .get(&format!("input[value='{value}']"))
        .dyn_into()
        .unwrap()
}

fn checked(h: &Harness) -> Vec<String> {
    h.mounted
        .all("input[type='radio']")
        .into_iter()
        .filter_map(|i| i.dyn_into::<HtmlInputElement>().ok())
        .filter(|i| i.checked())
        .map(|i| i.value())
        .collect()
}

#[wasm_bindgen_test]
async fn it_is_a_named_radio_group_of_eleven_choices() {
    let h = harness(Some(3.5), false);
    let group = h.mounted.get("[role='radiogroup']");
    assert_eq!(
        group.get_attribute("aria-label").as_deref(),
        Some("Your rating")
    );
    let values: Vec<String> = h
        .mounted
        .all("input[type='radio']")
        .into_iter()
        .map(|i| i.dyn_into::<HtmlInputElement>().unwrap().value())
        .collect();
    assert_eq!(
        values,
        ["0", "0.5", "1", "1.5", "2", "2.5", "3", "3.5", "4", "4.5", "5"]
    );
    assert_eq!(
        radio(&h, "4.5").get_attribute("aria-label").as_deref(),
        Some("4.5 stars")
    );
    assert_eq!(
        radio(&h, "1").get_attribute("aria-label").as_deref(),
        Some("1 star")
    );
    assert_eq!(
        radio(&h, "0").get_attribute("aria-label").as_deref(),
        Some("0 stars")
    );
    // The user's current rating is shown as chosen, and as text.
    assert_eq!(checked(&h), vec!["3.5"]);
    assert!(h.mounted.text().contains("3.5"));
}

/// A click by pointer: a press, then the click (`detail` 1; the keyboard's
/// clicks have 0).
fn pointer_click(input: &HtmlInputElement) {
    let press = web_sys::PointerEventInit::new();
    press.set_bubbles(true);
    let press = web_sys::PointerEvent::new_with_event_init_dict("pointerdown", &press).unwrap();
    input.dispatch_event(&press).unwrap();
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_detail(1);
    let click = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap();
    input.dispatch_event(&click).unwrap();
}

/// The radio at `value` becomes checked as an arrow key makes it: the key,
/// then a click (`detail` 0) and a change on the radio it moves to.
fn arrow_to(h: &Harness, value: &str) {
    let next = radio(h, value);
    if let Some(focused) = active_element() {
        press(&focused, "ArrowRight", false);
    }
    next.focus().unwrap();
    next.set_checked(true);
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    let click = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap();
    next.dispatch_event(&click).unwrap();
    next.dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
}

/// A pointer pressed on the radio at `value` and released elsewhere (no click).
fn stray_press(h: &Harness, value: &str) {
    let init = web_sys::PointerEventInit::new();
    init.set_bubbles(true);
    let press = web_sys::PointerEvent::new_with_event_init_dict("pointerdown", &init).unwrap();
    radio(h, value).dispatch_event(&press).unwrap();
}

/// A `focusout` from the radio at `from`, focus going to `to` (None: out of the page).
fn focus_out(h: &Harness, from: &str, to: Option<&str>) {
    let init = web_sys::FocusEventInit::new();
    init.set_bubbles(true);
    if let Some(to) = to {
        init.set_related_target(Some(&radio(h, to)));
    }
    let event = web_sys::FocusEvent::new_with_focus_event_init_dict("focusout", &init).unwrap();
    radio(h, from).dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn clicking_a_half_star_or_zero_decides_at_once() {
    let h = harness(None, false);
    assert!(checked(&h).is_empty(), "unrated: nothing chosen");
    pointer_click(&radio(&h, "4.5"));
    sleep(10).await;
    assert_eq!(h.changes.get_untracked(), vec![4.5]);
    assert_eq!(checked(&h), vec!["4.5"]);
    assert_eq!(
        h.mounted.star_fills(),
        ["100%", "100%", "100%", "100%", "50%"]
    );
    pointer_click(&radio(&h, "0"));
    sleep(10).await;
    assert_eq!(h.value.get_untracked(), Some(0.0));
    assert_eq!(checked(&h), vec!["0"]);
    let zero = radio(&h, "0").parent_element().unwrap();
    assert_eq!(
        zero.get_attribute("title").as_deref(),
        Some("0 stars"),
        "zero says what it is"
    );
}

#[wasm_bindgen_test]
async fn arrow_keys_move_the_choice_and_enter_decides_once() {
    let h = harness(Some(3.0), false);
    // A press that ended outside the stars decides nothing later on.
    stray_press(&h, "1");
    radio(&h, "3").focus().unwrap();
    // Right, right, left: the choice moves, nothing is saved.
    arrow_to(&h, "3.5");
    arrow_to(&h, "4");
    arrow_to(&h, "3.5");
    sleep(10).await;
    assert!(h.changes.get_untracked().is_empty());
    assert_eq!(checked(&h), vec!["3.5"]);
    assert!(h.mounted.text().contains("3.5"), "the choice is shown");
    assert!(!press(&radio(&h, "3.5"), "Enter", false), "Enter is taken");
    sleep(10).await;
    assert_eq!(h.changes.get_untracked(), vec![3.5]);
    // Space decides too; deciding the same value again sends nothing.
    arrow_to(&h, "4.5");
    press(&radio(&h, "4.5"), " ", false);
    press(&radio(&h, "4.5"), " ", false);
    sleep(10).await;
    assert_eq!(h.changes.get_untracked(), vec![3.5, 4.5]);
}

#[wasm_bindgen_test]
async fn a_click_with_no_key_decides_as_assistive_technology_sends_it() {
    let h = harness(None, false);
    // A screen reader activates a radio with a bare click: no pointer, no key.
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    let click = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap();
    let two = radio(&h, "2");
    two.set_checked(true);
    two.dispatch_event(&click).unwrap();
    sleep(10).await;
    assert_eq!(h.changes.get_untracked(), vec![2.0]);
}

#[wasm_bindgen_test]
async fn leaving_the_group_decides_the_choice() {
    let h = harness(Some(2.0), false);
    radio(&h, "2").focus().unwrap();
    arrow_to(&h, "2.5");
    focus_out(&h, "2.5", Some("3"));
    sleep(10).await;
    assert!(
        h.changes.get_untracked().is_empty(),
        "focus stayed in the group"
    );
    focus_out(&h, "2.5", None);
    sleep(10).await;
    assert_eq!(h.changes.get_untracked(), vec![2.5]);
}

#[wasm_bindgen_test]
async fn home_and_end_jump_to_the_ends_and_move_focus() {
    let h = harness(Some(2.0), false);
    let two = radio(&h, "2");
    two.focus().unwrap();
    press(&two, "End", false);
    sleep(10).await;
    assert_eq!(
        active_element().map(|e| e.get_attribute("value")),
        Some(Some("5".into()))
    );
    assert_eq!(checked(&h), vec!["5"]);
    press(&radio(&h, "5"), "Home", false);
    sleep(10).await;
    assert_eq!(
        active_element().map(|e| e.get_attribute("value")),
        Some(Some("0".into()))
    );
    assert!(
        h.changes.get_untracked().is_empty(),
        "moving is not deciding"
    );
    press(&radio(&h, "0"), "Enter", false);
    sleep(10).await;
    assert_eq!(h.changes.get_untracked(), vec![0.0]);
}

#[wasm_bindgen_test]
async fn hovering_previews_without_choosing() {
    let h = harness(Some(1.0), false);
    let four = radio(&h, "4");
    four.dispatch_event(&web_sys::PointerEvent::new("pointerenter").unwrap())
        .unwrap();
    sleep(10).await;
    assert!(h.mounted.text().contains("4.0"), "the preview shows 4.0");
    assert_eq!(h.value.get_untracked(), Some(1.0), "nothing chosen yet");
    h.mounted
        .get("[role='radiogroup']")
        .dispatch_event(&web_sys::PointerEvent::new("pointerleave").unwrap())
        .unwrap();
    sleep(10).await;
    assert!(h.mounted.text().contains("1.0"));
}

#[wasm_bindgen_test]
async fn disabled_input_ignores_choices() {
    let h = harness(Some(2.0), true);
    assert!(radio(&h, "4").disabled());
    assert_eq!(
        h.mounted
            .get("[role='radiogroup']")
            .get_attribute("aria-disabled")
            .as_deref(),
        Some("true")
    );
    pointer_click(&radio(&h, "4"));
    press(&radio(&h, "2"), "End", false);
    press(&radio(&h, "2"), "Enter", false);
    sleep(10).await;
    assert!(h.changes.get_untracked().is_empty());
}
