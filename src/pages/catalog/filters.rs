//! The catalog's filters: OS, architecture, price range and rating range.
//! It shows the state it is given and reports changes; the page puts them in the URL.

use leptos::prelude::*;

use super::query::{cents_to_decimal, parse_price, CatalogQuery, RatingTenths};
use super::search_box::SEARCH_DEBOUNCE;
use crate::components::icons::AlertIcon;
use crate::format::{format_money_cents, os_label, star_count, KNOWN_ARCHITECTURES, KNOWN_OS};
use crate::hooks::Debounced;

stylance::import_crate_style!(style, "src/pages/catalog/filters.module.css");

/// Minimum-rating choices: tenths of a star and label.
const MIN_RATING_CHOICES: [(u8, &str); 5] = [
    (45, "4.5 & up"),
    (40, "4 & up"),
    (30, "3 & up"),
    (20, "2 & up"),
    (10, "1 & up"),
];

/// Maximum-rating choices, in tenths of a star.
const MAX_RATING_CHOICES: [u8; 5] = [10, 20, 30, 40, 45];

/// A select of known choices and "Any" (no value). The options are built
/// once; a change of value only moves the selection (and adds an option for
/// a value from the URL that the list does not know).
#[component]
fn ChoiceSelect(
    id: &'static str,
    label: &'static str,
    any_label: &'static str,
    /// `(value, label)` of the common values.
    known: &'static [(&'static str, &'static str)],
    /// The label of a value the list does not know (from a URL).
    unknown_label: fn(&str) -> String,
    #[prop(into)] current: Signal<Option<String>>,
    on_choose: Callback<Option<String>>,
) -> impl IntoView {
    let current = Memo::new(move |_| current.get());
    let unknown = Memo::new(move |_| {
        current
            .get()
            .filter(|value| !known.iter().any(|(k, _)| k == value))
    });
    let on_change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        on_choose.run((!value.is_empty()).then_some(value));
    };
    view! {
        <div class=style::section>
            <label class="field-label" for=id>
                {label}
            </label>
            <select id=id class="select" on:change=on_change>
                <option value="" prop:selected=move || current.with(Option::is_none)>
                    {any_label}
                </option>
                {known
                    .iter()
                    .map(|&(value, text)| {
                        view! {
                            <option
                                value=value
                                prop:selected=move || current.with(|c| c.as_deref() == Some(value))
                            >
                                {text}
                            </option>
                        }
                    })
                    .collect_view()}
                {move || {
                    unknown
                        .get()
                        .map(|value| {
                            let text = unknown_label(&value);
                            view! {
                                <option value=value prop:selected=true>
                                    {text}
                                </option>
                            }
                        })
                }}
            </select>
        </div>
    }
}

fn rating_text(tenths: u8) -> String {
    crate::api::url::format_number(f64::from(tenths) / 10.0)
}

/// `1 star`, `4.5 stars`, for a rating in tenths of a star.
fn rating_stars(tenths: u8) -> String {
    star_count(f64::from(tenths) / 10.0)
}

/// The filter controls for `query`; every change goes to `on_change`, or to
/// `on_change_in_place` when it continues the last one in a burst of typing.
#[component]
pub fn CatalogFilters(
    /// The current catalog state (from the URL).
    #[prop(into)]
    query: Signal<CatalogQuery>,
    /// Receives the new state (already back on page 1).
    on_change: Callback<CatalogQuery>,
    /// Receives the new state when it continues the last change in a burst
    /// of typing (a price box), to take its place in the history.
    on_change_in_place: Callback<CatalogQuery>,
) -> impl IntoView {
    let change = Callback::new(move |f: Box<dyn FnOnce(&mut CatalogQuery) + Send + Sync>| {
        on_change.run(query.get_untracked().first_page_with(f));
    });
    let change_in_place =
        Callback::new(move |f: Box<dyn FnOnce(&mut CatalogQuery) + Send + Sync>| {
            on_change_in_place.run(query.get_untracked().first_page_with(f));
        });
    let on_os = Callback::new(move |os: Option<String>| change.run(Box::new(move |q| q.os = os)));
    let on_arch = Callback::new(move |architecture: Option<String>| {
        change.run(Box::new(move |q| q.architecture = architecture))
    });

    // Each control follows only its own part of the state: a change of OS
    // does not touch the price inputs or rebuild the rating options.
    view! {
        <div class=style::sidebar>
            <ChoiceSelect
                id="filter-os"
                label="Operating system"
                any_label="Any OS"
                known=&KNOWN_OS
                unknown_label=os_label
                current=Signal::derive(move || query.with(|q| q.os.clone()))
                on_choose=on_os
            />
            <ChoiceSelect
                id="filter-architecture"
                label="Architecture"
                any_label="Any architecture"
                known=&KNOWN_ARCHITECTURES
                unknown_label=str::to_string
                current=Signal::derive(move || query.with(|q| q.architecture.clone()))
                on_choose=on_arch
            />
            <PriceFilter query change change_in_place />
            <RatingFilter query change />
        </div>
    }
}

/// A change to the catalog's state, applied to the current one.
type Change = Callback<Box<dyn FnOnce(&mut CatalogQuery) + Send + Sync>>;

/// Free only, and a price range in dollars. The boxes apply as the search
/// box does: after a pause in typing, or at once on Enter or leaving them,
/// with one history entry for a box's burst of typing; the note speaks of
/// what is in the boxes.
#[component]
fn PriceFilter(
    query: Signal<CatalogQuery>,
    change: Change,
    change_in_place: Change,
) -> impl IntoView {
    let free_only = Memo::new(move |_| query.with(CatalogQuery::free_only));
    let apply = move |set: fn(&mut CatalogQuery, Option<u64>)| {
        move |cents, continues: bool| {
            let edit = Box::new(move |q: &mut CatalogQuery| set(q, cents));
            if continues {
                change_in_place.run(edit);
            } else {
                change.run(edit);
            }
        }
    };
    let min = PriceBox::new(
        Memo::new(move |_| query.with(|q| q.min_price_cents)),
        apply(|q, cents| q.min_price_cents = cents),
    );
    let max = PriceBox::new(
        Memo::new(move |_| query.with(|q| q.max_price_cents)),
        apply(|q, cents| q.max_price_cents = cents),
    );
    let on_free_only = move |ev: leptos::ev::Event| {
        let checked = event_target_checked(&ev);
        min.commit.cancel();
        max.commit.cancel();
        change.run(Box::new(move |q| {
            if checked {
                q.min_price_cents = None;
                q.max_price_cents = Some(0);
            } else {
                q.max_price_cents = None;
            }
        }));
    };
    // Both boxes as typed: the range they make is reversed.
    let reversed = Memo::new(move |_| match (min.typed(), max.typed()) {
        (Some(low), Some(high)) => !free_only.get() && low > high,
        _ => false,
    });

    view! {
        <fieldset class=style::section>
            <legend class="field-label">"Price"</legend>
            <label class=style::check>
                <input type="checkbox" class="choice" prop:checked=move || free_only.get() on:change=on_free_only />
                <span>"Free only"</span>
            </label>
            <div class=style::range>
                <PriceInput label="Min ($)" name="Minimum price in dollars" placeholder="0" price=min reversed free_only />
                <span class=style::range_dash aria-hidden="true">"–"</span>
                <PriceInput label="Max ($)" name="Maximum price in dollars" placeholder="Any" price=max reversed free_only />
            </div>
            <p id="price-note" class=style::note>
                {move || reversed.get().then(|| {
                    let (low, high) = (min.typed().unwrap_or(0), max.typed().unwrap_or(0));
                    view! {
                        <span class=style::warning>
                            <AlertIcon />
                            {format!(
                                "The minimum is above the maximum, so prices from {} to {} are shown.",
                                format_money_cents(high as i64),
                                format_money_cents(low as i64),
                            )}
                        </span>
                    }
                })}
            </p>
        </fieldset>
    }
}

/// One price box's text while typing, and its commit after a pause.
#[derive(Clone, Copy)]
struct PriceBox {
    text: RwSignal<String>,
    commit: Debounced<String>,
    /// Whether this burst of typing has applied a price already: the next
    /// commits continue it. Enter, leaving the box or a price from
    /// elsewhere (Back, a chip, Clear all) ends the burst.
    applied_in_burst: StoredValue<bool>,
}

impl PriceBox {
    /// `apply` gets the price and whether it continues the burst's last one.
    fn new(in_url: Memo<Option<u64>>, apply: impl Fn(Option<u64>, bool) + 'static) -> Self {
        let shown = move |cents: Option<u64>| cents.map(cents_to_decimal).unwrap_or_default();
        let text = RwSignal::new(shown(in_url.get_untracked()));
        let applied_in_burst = StoredValue::new(false);
        let commit = Debounced::new(SEARCH_DEBOUNCE, move |typed: String| {
            let cents = parse_price(&typed);
            if cents != in_url.get_untracked() {
                apply(cents, applied_in_burst.get_value());
                applied_in_burst.set_value(true);
            }
        });
        // Back/Forward, a chip or Clear all change the price: show it,
        // unless the user is typing.
        Effect::new(move |_| {
            let from_url = shown(in_url.get());
            if !commit.is_pending() && parse_price(&text.get_untracked()) != in_url.get_untracked()
            {
                text.set(from_url);
                applied_in_burst.set_value(false);
            }
        });
        Self {
            text,
            commit,
            applied_in_burst,
        }
    }

    /// Applies what is typed now, and ends the burst.
    fn finish_burst(&self) {
        self.commit.flush();
        self.applied_in_burst.set_value(false);
    }

    /// The price in the box, in cents (tracked).
    fn typed(&self) -> Option<u64> {
        self.text.with(|text| parse_price(text))
    }
}

/// A price box of the range.
#[component]
fn PriceInput(
    label: &'static str,
    /// Its accessible name.
    name: &'static str,
    placeholder: &'static str,
    price: PriceBox,
    reversed: Memo<bool>,
    free_only: Memo<bool>,
) -> impl IntoView {
    view! {
        <label class=style::range_field>
            <span class=style::range_label>{label}</span>
            <input
                class="input"
                type="number"
                inputmode="decimal"
                min="0"
                step="0.01"
                placeholder=placeholder
                aria-label=name
                aria-invalid=move || reversed.get().to_string()
                aria-describedby="price-note"
                prop:value=move || if free_only.get() { String::new() } else { price.text.get() }
                disabled=move || free_only.get()
                on:input=move |ev| {
                    let typed = event_target_value(&ev);
                    price.text.set(typed.clone());
                    price.commit.call(typed);
                }
                // A step of the arrows or the spinner: now, within the burst.
                on:change=move |_| price.commit.flush()
                // Enter or leaving the box: now, and the burst is over.
                on:keydown=move |ev| {
                    if ev.key() == "Enter" {
                        price.finish_burst();
                    }
                }
                on:blur=move |_| price.finish_burst()
            />
        </label>
    }
}

/// A minimum rating (radios) and a maximum rating (a select).
#[component]
fn RatingFilter(query: Signal<CatalogQuery>, change: Change) -> impl IntoView {
    let tenths = |rating: Option<RatingTenths>| rating.map(|r| (r.stars() * 10.0).round() as u8);
    let min_tenths = Memo::new(move |_| query.with(|q| tenths(q.min_rating)));
    let max_tenths = Memo::new(move |_| query.with(|q| tenths(q.max_rating)));
    let reversed = Memo::new(move |_| query.with(CatalogQuery::rating_range_reversed));
    let set = move |max: bool, value: Option<u8>| {
        change.run(Box::new(move |q| {
            let rating = value.and_then(|t| RatingTenths::from_stars(f64::from(t) / 10.0));
            if max {
                q.max_rating = rating;
            } else {
                q.min_rating = rating;
            }
        }));
    };
    view! {
        <fieldset class=style::section>
            <legend class="field-label">"Minimum rating"</legend>
            <MinRatingRadios min_tenths on_choose=Callback::new(move |t| set(false, t)) />
            <MaxRatingSelect max_tenths on_choose=Callback::new(move |t| set(true, t)) reversed />
            <p id="rating-note" class=style::note>
                {move || reversed.get().then(|| view! {
                    <span class=style::warning>
                        <AlertIcon />
                        {move || {
                            let (low, high) = (max_tenths.get().unwrap_or(0), min_tenths.get().unwrap_or(0));
                            format!(
                                "The minimum rating is above the maximum, so ratings from {} to {} are shown.",
                                rating_text(low),
                                rating_stars(high),
                            )
                        }}
                    </span>
                })}
            </p>
        </fieldset>
    }
}

/// "Any rating", then each minimum the filter offers (and one from the
/// URL that it does not).
#[component]
fn MinRatingRadios(min_tenths: Memo<Option<u8>>, on_choose: Callback<Option<u8>>) -> impl IntoView {
    let min_extra = move || {
        min_tenths
            .get()
            .filter(|t| !MIN_RATING_CHOICES.iter().any(|(c, _)| c == t))
    };
    view! {
        <div class=style::radios>
            <label class=style::check>
                <input
                    type="radio"
                    class="choice"
                    name="min-rating"
                    prop:checked=move || min_tenths.get().is_none()
                    on:change=move |_| on_choose.run(None)
                />
                <span>"Any rating"</span>
            </label>
            {MIN_RATING_CHOICES
                .into_iter()
                .map(|(tenths, label)| view! {
                    <label class=style::check>
                        <input
                            type="radio"
                            class="choice"
                            name="min-rating"
                            prop:checked=move || min_tenths.get() == Some(tenths)
                            on:change=move |_| on_choose.run(Some(tenths))
                        />
                        <span class=style::star_label>
                            <span class=style::star aria-hidden="true">"★"</span>
                            {label}
                        </span>
                    </label>
                })
                .collect_view()}
            {move || min_extra().map(|tenths| view! {
                <label class=style::check>
                    <input type="radio" class="choice" name="min-rating" prop:checked=true />
                    <span>{format!("{} & up", rating_text(tenths))}</span>
                </label>
            })}
        </div>
    }
}

/// The maximum rating: "Any", each maximum the filter offers, and one from
/// the URL that it does not.
#[component]
fn MaxRatingSelect(
    max_tenths: Memo<Option<u8>>,
    on_choose: Callback<Option<u8>>,
    reversed: Memo<bool>,
) -> impl IntoView {
    let max_choices = move || {
        let mut choices: Vec<u8> = MAX_RATING_CHOICES.to_vec();
        if let Some(current) = max_tenths.get() {
            if !choices.contains(&current) {
                choices.push(current);
                choices.sort_unstable();
            }
        }
        choices
    };
    view! {
        <label class="field-label" for="filter-max-rating">
            "Maximum rating"
        </label>
        <select
            id="filter-max-rating"
            class="select"
            aria-invalid=move || reversed.get().to_string()
            aria-describedby="rating-note"
            on:change=move |ev| on_choose.run(event_target_value(&ev).parse::<u8>().ok())
        >
            <option value="" prop:selected=move || max_tenths.get().is_none()>
                "Any"
            </option>
            {move || {
                max_choices()
                    .into_iter()
                    .map(|tenths| {
                        let selected = max_tenths.get() == Some(tenths);
                        view! {
                            <option value=tenths.to_string() prop:selected=selected>
                                {format!("Up to {}", rating_stars(tenths))}
                            </option>
                        }
                    })
                    .collect_view()
            }}
        </select>
    }
}
