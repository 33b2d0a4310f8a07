//! Stars, in two modes: [`StarRating`] shows an average (partial stars, the
//! number as text for screen readers), [`StarRatingInput`] lets the user give
//! 0 to 5 stars in half steps.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::format::{
    clamp_rating, describe_rating, format_rating, format_rating_summary, star_fill,
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

/// The values the input offers, in order: 0, 0.5, 1, ... 5.
pub fn rating_steps() -> impl Iterator<Item = f64> {
    (0..=10).map(|half| f64::from(half) / 2.0)
}

/// What a screen reader hears for a choice.
pub fn step_label(value: f64) -> String {
    if value == 1.0 {
        "1 star".to_string()
    } else {
        format!("{} stars", crate::api::url::format_number(value))
    }
}

/// A radio group of 0 to 5 stars in half steps, operable by mouse, touch and
/// keyboard (arrows, Home and End), with a preview while hovering.
#[component]
pub fn StarRatingInput(
    /// The rating chosen (the user's own, or the one being saved); `None` when unrated.
    #[prop(into)]
    value: Signal<Option<f64>>,
    /// Called with the newly chosen value.
    on_change: Callback<f64>,
    /// The group's accessible name, e.g. "Your rating".
    #[prop(into)]
    label: String,
    /// Blocks input (while signed out, for example).
    #[prop(into, optional)]
    disabled: Signal<bool>,
) -> impl IntoView {
    let hover = RwSignal::new(None::<f64>);
    let group_ref = NodeRef::<leptos::html::Div>::new();
    let name = unique_name();
    let shown = move || hover.get().or(value.get()).unwrap_or(0.0);

    let choose = move |rating: f64| {
        if !disabled.get_untracked() {
            on_change.run(rating);
        }
    };

    // Radios already move with the arrow keys; Home and End jump to the ends.
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let target = match ev.key().as_str() {
            "Home" => 0.0,
            "End" => 5.0,
            _ => return,
        };
        ev.prevent_default();
        choose(target);
        if let Some(input) = group_ref
            .get_untracked()
            .and_then(|group| {
                group
                    .query_selector(&format!("input[value=\"{}\"]", target))
                    .ok()
                    .flatten()
            })
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = input.focus();
        }
    };

    view! {
        <div
            class=style::input
            role="radiogroup"
            aria-label=label
            aria-disabled=move || disabled.get().to_string()
            node_ref=group_ref
            on:keydown=on_keydown
            on:pointerleave=move |_| hover.set(None)
        >
            <label class=style::zero title="0 stars">
                <input
                    type="radio"
                    class=style::radio
                    name=name.clone()
                    value="0"
                    aria-label=step_label(0.0)
                    prop:checked=move || value.get() == Some(0.0)
                    disabled=move || disabled.get()
                    on:change=move |_| choose(0.0)
                    on:pointerenter=move |_| hover.set(Some(0.0))
                />
                <span class=style::zero_mark aria-hidden="true">"0"</span>
            </label>
            <span class=style::star_row>
                {(0..5)
                    .map(|index| {
                        let fill = Signal::derive(move || star_fill(shown(), index));
                        let halves = [index as f64 + 0.5, index as f64 + 1.0];
                        view! {
                            <span class=style::input_star>
                                <Star fill=fill />
                                {halves
                                    .into_iter()
                                    .map(|step| {
                                        let half_class = if step.fract() == 0.5 {
                                            style::half_left
                                        } else {
                                            style::half_right
                                        };
                                        view! {
                                            <input
                                                type="radio"
                                                class=format!("{} {}", style::radio, half_class)
                                                name=name.clone()
                                                value=step.to_string()
                                                aria-label=step_label(step)
                                                prop:checked=move || value.get() == Some(step)
                                                disabled=move || disabled.get()
                                                on:change=move |_| choose(step)
                                                on:pointerenter=move |_| hover.set(Some(step))
                                            />
                                        }
                                    })
                                    .collect_view()}
                            </span>
                        }
                    })
                    .collect_view()}
            </span>
            <span class=style::input_value aria-hidden="true">
                {move || match hover.get().or(value.get()) {
                    Some(v) => format_rating(v),
                    None => "–".to_string(),
                }}
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
    fn steps_cover_zero_to_five_in_halves() {
        let steps: Vec<f64> = rating_steps().collect();
        assert_eq!(steps.len(), 11);
        assert_eq!(steps[0], 0.0);
        assert_eq!(steps[1], 0.5);
        assert_eq!(steps[10], 5.0);
    }

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

    #[test]
    fn labels() {
        assert_eq!(step_label(0.0), "0 stars");
        assert_eq!(step_label(1.0), "1 star");
        assert_eq!(step_label(4.5), "4.5 stars");
        assert_eq!(step_label(5.0), "5 stars");
    }
}
