//! Stars, in two modes: [`StarRating`] shows an average (partial stars, the
//! number as text for screen readers), [`StarRatingInput`] lets the user give
//! 0 to 5 stars in half steps.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::format::{
    clamp_rating, describe_rating, format_rating, format_rating_summary, star_count, star_fill,
};

stylance::import_crate_style!(style, "src/components/star_rating/star_rating.module.css");

const STAR_PATH: &str = "M12 2.6l2.9 6.2 6.7.8-5 4.6 1.4 6.7L12 17.5l-6 3.4 1.4-6.7-5-4.6 6.7-.8z";

/// One star, filled from the left by `fill` (0.0 to 1.0).
#[component]
fn Star(#[prop(into)] fill: Signal<f64>) -> impl IntoView {
    // A nested <svg> of a percentage width clips the filled star: no inline
    // style and no ids, so it works under a strict CSP and many times per page.
    let width = move || format!("{}%", (fill.get() * 100.0).round());
    view! {
        <svg class=style::star viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path class=style::star_empty d=STAR_PATH></path>
            <svg width=width height="100%" viewBox="0 0 24 24" preserveAspectRatio="xMinYMid slice">
                <path class=style::star_full d=STAR_PATH></path>
            </svg>
        </svg>
    }
}

/// The classes of the display stars for an average. They are one element:
/// five star shapes (a CSS mask) cut from a fill that stops at the average,
/// in tenths of a star, the precision of the number beside them. The fill
/// comes from a class rather than an inline style, which a strict CSP would
/// refuse; and one element per rating instead of twenty keeps a page of
/// cards light to lay out.
pub fn stars_class(value: f64, count: u64) -> String {
    format!("{} r{}", style::stars, filled_tenths(value, count))
}

/// How many tenths of a star are filled: none until someone has rated.
fn filled_tenths(value: f64, count: u64) -> u32 {
    if count == 0 {
        0
    } else {
        (clamp_rating(value) * 10.0).round() as u32
    }
}

/// Five stars showing an average rating, with the number and count beside
/// them. Static: where the average can change, the owner draws it again.
#[component]
pub fn StarRating(
    /// The average, 0 to 5.
    value: f64,
    /// How many ratings make the average.
    count: u64,
) -> impl IntoView {
    view! {
        <span class=style::display>
            <span
                class=stars_class(value, count)
                role="img"
                aria-label=describe_rating(value, count)
            ></span>
            <span class=style::summary aria-hidden="true">
                {format_rating_summary(value, count)}
            </span>
        </span>
    }
}

/// A radio group of 0 to 5 stars in half steps, operable by mouse, touch and
/// keyboard. Arrow keys, Home, End and hovering move the choice; it is
/// decided, and `on_change` told once, by a click or a tap, by Enter or
/// Space, or when focus leaves the group with a choice not yet decided.
#[component]
pub fn StarRatingInput(
    /// The rating decided (the user's own, or the one being saved); `None` when unrated.
    #[prop(into)]
    value: Signal<Option<f64>>,
    /// Called with each decided value, once per decision.
    on_change: Callback<f64>,
    /// The group's accessible name, e.g. "Your rating".
    #[prop(into)]
    label: String,
    /// Blocks input (while signed out, for example).
    #[prop(into, optional)]
    disabled: Signal<bool>,
) -> impl IntoView {
    // The choice being made with the keyboard, not yet decided.
    let choice = RwSignal::new(None::<f64>);
    let hover = RwSignal::new(None::<f64>);
    let group_ref = NodeRef::<leptos::html::Div>::new();
    let name = unique_name();
    let checked = move || choice.get().or(value.get());
    let shown = move || hover.get().or(checked()).unwrap_or(0.0);

    let decide = move |rating: f64| {
        choice.set(None);
        if !disabled.get_untracked() && value.get_untracked() != Some(rating) {
            on_change.run(rating);
        }
    };
    let decide_pending = move || {
        if let Some(rating) = choice.get_untracked() {
            decide(rating);
        }
    };
    let focus_choice = move |rating: f64| {
        let input = group_ref
            .get_untracked()
            .and_then(|group| {
                group
                    .query_selector(&format!("input[value=\"{rating}\"]"))
                    .ok()
                    .flatten()
            })
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(input) = input {
            let _ = input.focus();
        }
    };

    // Radios move with the arrow keys by themselves; Home and End jump to
    // the ends; Enter and Space decide.
    // A click decides (a pointer's, or an assistive technology's), except
    // the clicks a key makes as it moves or activates a radio: the browser
    // sends those while the key is down or as it comes up, so a click from
    // a key press in the group until just after its release is the key's.
    // A pointer's press ends it, should a release never come.
    let key_down = StoredValue::new(false);
    let key_released = move || {
        set_timeout(
            move || {
                key_down.try_set_value(false);
            },
            std::time::Duration::ZERO,
        );
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "Home" | "End" => {
            ev.prevent_default();
            let end = if ev.key() == "Home" { 0.0 } else { 5.0 };
            choice.set((value.get_untracked() != Some(end)).then_some(end));
            focus_choice(end);
        }
        "Enter" | " " => {
            ev.prevent_default();
            // With nothing moved yet, the focused choice is the decision.
            let focused = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.get_attribute("value"))
                .and_then(|v| v.parse::<f64>().ok());
            match (choice.get_untracked(), focused) {
                (Some(_), _) => decide_pending(),
                (None, Some(step)) => decide(step),
                (None, None) => {}
            }
        }
        _ => {}
    };
    // Leaving the group decides what the keyboard chose.
    let on_focusout = move |ev: leptos::ev::FocusEvent| {
        let inside = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .zip(group_ref.get_untracked())
            .is_some_and(|(target, group)| group.contains(Some(&target)));
        if !inside {
            decide_pending();
        }
    };
    let radio = move |step: f64, class: String| {
        view! {
            <input
                type="radio"
                class=class
                name=name.clone()
                value=step.to_string()
                aria-label=star_count(step)
                prop:checked=move || checked() == Some(step)
                disabled=move || disabled.get()
                on:click=move |_| {
                    if !key_down.get_value() {
                        decide(step);
                    }
                }
                on:change=move |_| {
                    // Back on the saved value, nothing is left to decide.
                    let next = (value.get_untracked() != Some(step)).then_some(step);
                    if choice.get_untracked() != next {
                        choice.set(next);
                    }
                }
                on:pointerenter=move |_| hover.set(Some(step))
            />
        }
    };

    view! {
        <div
            class=style::input
            role="radiogroup"
            aria-label=label
            aria-disabled=move || disabled.get().to_string()
            node_ref=group_ref
            on:keydown=move |ev| {
                key_down.set_value(true);
                on_keydown(ev);
            }
            on:keyup=move |_| key_released()
            on:pointerdown=move |_| key_down.set_value(false)
            on:focusout=on_focusout
            on:pointerleave=move |_| hover.set(None)
        >
            <label class=style::zero>
                {radio(0.0, style::radio.to_string())}
                <span class=style::zero_mark aria-hidden="true">"0 stars"</span>
            </label>
            <span class=style::star_row>
                {(0..5)
                    .map(|index| {
                        let fill = Signal::derive(move || star_fill(shown(), index));
                        view! {
                            <span class=style::input_star>
                                <Star fill=fill />
                                {radio(index as f64 + 0.5, format!("{} {}", style::radio, style::half_left))}
                                {radio(index as f64 + 1.0, format!("{} {}", style::radio, style::half_right))}
                            </span>
                        }
                    })
                    .collect_view()}
                // In the stars' row, so that on a narrow screen it wraps with them.
                <span class=style::input_value aria-hidden="true">
                    {move || match hover.get().or(checked()) {
                        Some(v) => format_rating(v),
                        None => "–".to_string(),
                    }}
                </span>
            </span>
        </div>
    }
}

/// A name no other radio group on the page has.
fn unique_name() -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!("star-rating-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_stars_fill_to_the_tenth_of_the_average() {
        assert!(stars_class(4.5, 142).ends_with(" r45"));
        assert!(stars_class(2.34, 5).ends_with(" r23"));
        assert!(stars_class(5.0, 1).ends_with(" r50"));
        // Out-of-range and unrated averages.
        assert!(stars_class(7.0, 3).ends_with(" r50"));
        assert!(stars_class(-1.0, 3).ends_with(" r0"));
        assert!(stars_class(f64::NAN, 3).ends_with(" r0"));
        assert!(stars_class(3.7, 0).ends_with(" r0"));
        assert!(stars_class(3.7, 2).starts_with(style::stars));
    }
}
