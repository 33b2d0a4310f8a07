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

#[wasm_bindgen_test]
async fn clicking_a_half_star_and_zero() {
    let h = harness(None, false);
    assert!(checked(&h).is_empty(), "unrated: nothing chosen");
    radio(&h, "4.5").click();
    sleep(10).await;
    assert_eq!(h.changes.get_untracked(), vec![4.5]);
    assert_eq!(checked(&h), vec!["4.5"]);
    assert_eq!(
        h.mounted.star_fills(),
        ["100%", "100%", "100%", "100%", "50%"]
    );
    radio(&h, "0").click();
    sleep(10).await;
    assert_eq!(h.value.get_untracked(), Some(0.0));
    assert_eq!(checked(&h), vec!["0"]);
}

#[wasm_bindgen_test]
async fn home_and_end_jump_to_the_ends_and_move_focus() {
    let h = harness(Some(2.0), false);
    let two = radio(&h, "2");
    two.focus().unwrap();
    press(&two, "End", false);
    sleep(10).await;
    assert_eq!(h.value.get_untracked(), Some(5.0));
    assert_eq!(
        active_element().map(|e| e.get_attribute("value")),
        Some(Some("5".into()))
    );
    press(&radio(&h, "5"), "Home", false);
    sleep(10).await;
    assert_eq!(h.value.get_untracked(), Some(0.0));
    assert_eq!(
        active_element().map(|e| e.get_attribute("value")),
        Some(Some("0".into()))
    );
    assert_eq!(h.changes.get_untracked(), vec![5.0, 0.0]);
}

#[wasm_bindgen_test]
async fn arrow_keys_move_by_half_a_star() {
    // Arrow keys are the browser's own radio-group behaviour; check the wiring:
    // moving to the next radio and firing change picks the next half step.
    let h = harness(Some(3.0), false);
    let next = radio(&h, "3.5");
    next.focus().unwrap();
    next.set_checked(true);
    next.dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    sleep(10).await;
    assert_eq!(h.value.get_untracked(), Some(3.5));
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
    radio(&h, "4").click();
    press(&radio(&h, "2"), "End", false);
    sleep(10).await;
    assert!(h.changes.get_untracked().is_empty());
}
