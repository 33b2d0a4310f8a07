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

/// The choice being made in a [`StarRatingInput`]: what the pointer or the
/// keys point at, and when it becomes a decision.
#[derive(Clone, Copy)]
struct StarChoice {
    value: Signal<Option<f64>>,
    on_change: Callback<f64>,
    disabled: Signal<bool>,
    /// The choice being made with the keyboard, not yet decided.
    pending: RwSignal<Option<f64>>,
    hover: RwSignal<Option<f64>>,
    /// True from a key press in the group until just after its release:
    /// the clicks the browser sends then (as a key moves or activates a
    /// radio) are the key's, not a decision.
    key_down: StoredValue<bool>,
    /// The radios, by half star (0 to 10).
    radios: StoredValue<Vec<NodeRef<leptos::html::Input>>>,
    group: NodeRef<leptos::html::Div>,
}

impl StarChoice {
    fn new(value: Signal<Option<f64>>, on_change: Callback<f64>, disabled: Signal<bool>) -> Self {
        Self {
            value,
            on_change,
            disabled,
            pending: RwSignal::new(None),
            hover: RwSignal::new(None),
            key_down: StoredValue::new(false),
            radios: StoredValue::new((0..=10).map(|_| NodeRef::new()).collect()),
            group: NodeRef::new(),
        }
    }

    /// The value checked: the one being chosen, else the decided one.
    fn checked(&self) -> Option<f64> {
        self.pending.get().or(self.value.get())
    }

    /// The value the stars show: the one under the pointer first.
    fn shown(&self) -> Option<f64> {
        self.hover.get().or(self.checked())
    }

    fn decide(&self, rating: f64) {
        self.pending.set(None);
        if !self.disabled.get_untracked() && self.value.get_untracked() != Some(rating) {
            self.on_change.run(rating);
        }
    }

    fn decide_pending(&self) {
        if let Some(rating) = self.pending.get_untracked() {
            self.decide(rating);
        }
    }

    fn focus(&self, rating: f64) {
        let radio = self
            .radios
            .with_value(|radios| radios.get((rating * 2.0) as usize).copied());
        if let Some(radio) = radio.and_then(|r| r.get_untracked()) {
            let _ = radio.focus();
        }
    }

    /// Radios move with the arrow keys by themselves; Home and End jump to
    /// the ends; Enter and Space decide.
    fn on_keydown(&self, ev: leptos::ev::KeyboardEvent) {
        self.key_down.set_value(true);
        match ev.key().as_str() {
            "Home" | "End" => {
                ev.prevent_default();
                let end = if ev.key() == "Home" { 0.0 } else { 5.0 };
                self.pending
                    .set((self.value.get_untracked() != Some(end)).then_some(end));
                self.focus(end);
            }
            "Enter" | " " => {
                ev.prevent_default();
                // With nothing moved yet, the focused choice is the decision.
                let focused = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .and_then(|el| el.get_attribute("value"))
                    .and_then(|v| v.parse::<f64>().ok());
                match (self.pending.get_untracked(), focused) {
                    (Some(_), _) => self.decide_pending(),
                    (None, Some(step)) => self.decide(step),
                    (None, None) => {}
                }
            }
            _ => {}
        }
    }

    fn on_keyup(&self) {
        let key_down = self.key_down;
        set_timeout(
            move || {
                key_down.try_set_value(false);
            },
            std::time::Duration::ZERO,
        );
    }

    /// Leaving the group decides what the keyboard chose.
    fn on_focusout(&self, ev: leptos::ev::FocusEvent) {
        let inside = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .zip(self.group.get_untracked())
            .is_some_and(|(target, group)| group.contains(Some(&target)));
        if !inside {
            self.decide_pending();
        }
    }

    /// A click decides (a pointer's, or an assistive technology's), but not
    /// one a key makes.
    fn on_click(&self, step: f64) {
        if !self.key_down.get_value() {
            self.decide(step);
        }
    }

    /// A radio became checked by a key: that is the choice, not yet a
    /// decision (back on the saved value, nothing is left to decide).
    fn on_checked(&self, step: f64) {
        let next = (self.value.get_untracked() != Some(step)).then_some(step);
        if self.pending.get_untracked() != next {
            self.pending.set(next);
        }
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
    let choice = StarChoice::new(value, on_change, disabled);
    let name = unique_name();
    let radio = move |step: f64, class: String| {
        view! { <StarRadio choice step class name=name.clone() /> }
    };

    view! {
        <div
            class=style::input
            role="radiogroup"
            aria-label=label
            aria-disabled=move || disabled.get().to_string()
            node_ref=choice.group
            on:keydown=move |ev| choice.on_keydown(ev)
            on:keyup=move |_| choice.on_keyup()
            // A pointer's press ends a key's, should its release never come.
            on:pointerdown=move |_| choice.key_down.set_value(false)
            on:focusout=move |ev| choice.on_focusout(ev)
            on:pointerleave=move |_| choice.hover.set(None)
        >
            <label class=style::zero title="0 stars">
                {radio(0.0, style::radio.to_string())}
                // A star struck through: none.
                <svg class=style::zero_mark viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                    <path d="M12 3.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8-5.2-2.7-5.2 2.7 1-5.8-4.3-4.1 5.9-.9z" />
                    <path d="M4 20L20 4" />
                </svg>
            </label>
            <span class=style::star_row>
                {(0..5)
                    .map(|index| {
                        let fill = Signal::derive(move || star_fill(choice.shown().unwrap_or(0.0), index));
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
                    {move || match choice.shown() {
                        Some(v) => format_rating(v),
                        None => "–".to_string(),
                    }}
                </span>
            </span>
        </div>
    }
}

/// One half-star step of the input.
#[component]
fn StarRadio(choice: StarChoice, step: f64, class: String, name: String) -> impl IntoView {
    let node_ref = choice
        .radios
        .with_value(|radios| radios.get((step * 2.0) as usize).copied())
        .unwrap_or_default();
    view! {
        <input
            type="radio"
            class=class
            name=name
            value=step.to_string()
            aria-label=star_count(step)
            node_ref=node_ref
            prop:checked=move || choice.checked() == Some(step)
            disabled=move || choice.disabled.get()
            on:click=move |_| choice.on_click(step)
            on:change=move |_| choice.on_checked(step)
            on:pointerenter=move |_| choice.hover.set(Some(step))
        />
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
