//! The image's facts, its primary action and the user's rating.

use leptos::prelude::*;

use super::builds::{BuildList, BuildStatus, ImageBuilds};
use super::other_architectures::OtherArchitectures;
use super::primary_action::PrimaryAction;
use super::Details;
use crate::api::{PublicImage, RatingResult};
use crate::components::copy_button::{CopyButton, ShareButton};
use crate::components::image_icon::ImageIcon;
use crate::components::image_rating::ImageRating;
use crate::components::name::BreakableName;
use crate::components::star_rating::StarRating;
use crate::format::{format_date, format_size, image_label, os_label, release_label};
use crate::state::Library;

use super::style;

/// How long "Also for" waits at most for the image's icon.
const ICON_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

/// The image's facts and actions, once at least its summary is known.
#[component]
pub fn ImageDetails(
    /// The image: its full details, or until they arrive what a card showed.
    image: Signal<Option<PublicImage>>,
    /// The details, which alone carry the build serial.
    details: Details,
    /// Told the new average and count after a rating is saved.
    on_rated: Callback<RatingResult>,
) -> impl IntoView {
    let library = expect_context::<Library>();
    let field = move |f: fn(&PublicImage) -> String| {
        move || image.with(|i| i.as_ref().map(f)).unwrap_or_default()
    };
    let id = Memo::new(move |_| field(|i| i.id.clone())());
    // This image's details are in (not another's still held, and not
    // changed again by a saved rating).
    let details_in =
        Memo::new(move |_| details.with(|d| d.is_some_and(|d| id.with(|id| d.key == id))));
    let own_rating = Signal::derive(move || library.own_rating(&id.get()));
    // The serial is in the details only: it shows once they are in.
    let serial_now = Signal::derive(move || {
        details.with_quietly(|d| {
            let d = d.filter(|d| id.with(|id| d.key == id))?;
            d.result.ok()?.serial.clone()
        })
    });

    move || {
        let id = id.get();
        // Rebuilt only for another image: the fields below update in place.
        let first = image.get_untracked()?;
        // The icon is the page's largest paint: "Also for" and the builds
        // wait for it, or for a while at most, should the icon's host be slow.
        let icon_settled = RwSignal::new(false);
        let builds = ImageBuilds::new(first.clone());
        let this_build = first.clone();
        Effect::new(move |_| {
            if details_in.get() && icon_settled.get() {
                builds.start();
            }
        });
        set_timeout(
            move || {
                icon_settled.try_set(true);
            },
            ICON_WAIT,
        );
        Some(view! {
            <article class=style::detail aria-labelledby="image-title">
                <header class=style::head>
                    <ImageIcon
                        icon_url=first.icon_url.clone()
                        os=first.os.clone()
                        size=112
                        eager=true
                        on_settled=Callback::new(move |_| { icon_settled.try_set(true); })
                    />
                    <div class=style::head_text>
                        <h1 id="image-title" class=style::title tabindex="-1">
                            <BreakableName text=first.alias.clone() />
                        </h1>
                        <p class=style::image_name>
                            <BreakableName text=first.image_name.clone() />
                        </p>
                        <div class=style::rating_row>
                            {move || image.with(|i| i.as_ref().map(|i| (i.average_rating, i.rating_count))).map(|(value, count)| {
                                view! { <StarRating value count /> }
                            })}
                            <ShareButton title=image_label(&first.alias, &first.architecture) />
                        </div>
                        // Asked for once the details and the icon are in, so
                        // that it never competes with them for the network or
                        // with the page's first drawing for the main thread.
                        // Its line is kept from the start, so that nothing
                        // moves when it fills (on a phone, the action box
                        // is below it).
                        <div class=style::architectures_line>
                            {
                                let image = first.clone();
                                move || (details_in.get() && icon_settled.get())
                                    .then(|| view! { <OtherArchitectures image=image.clone() /> })
                            }
                        </div>
                    </div>
                    <PrimaryAction
                        image
                        serial=serial_now
                        newer=Signal::derive(move || builds.newer())
                    >
                        <BuildStatus image=this_build.clone() serial=serial_now builds />
                    </PrimaryAction>
                </header>

                <About description=Signal::derive(field(|i| i.description.clone())) />

                <Facts image details id=id.clone() image_name=first.image_name.clone() />

                <section class=style::section aria-labelledby="builds-title">
                    <h2 id="builds-title">"Builds"</h2>
                    <BuildList image_id=id.clone() builds />
                </section>

                <section class=style::section aria-labelledby="rate-title">
                    <h2 id="rate-title">"Rate this image"</h2>
                    <ImageRating
                        image_id=id.clone()
                        image_label=image_label(&first.alias, &first.architecture)
                        current=own_rating
                        on_rated
                    />
                </section>
            </article>
        })
    }
}

/// The image's description, or a word that it has none.
#[component]
fn About(description: Signal<String>) -> impl IntoView {
    let text = move || {
        description.with(|text| match text.trim() {
            "" => "No description.".to_string(),
            _ => text.clone(),
        })
    };
    view! {
        <section class=style::section aria-labelledby="about-title">
            <h2 id="about-title">"About"</h2>
            <p class=style::description>{text}</p>
        </section>
    }
}

/// Every field of the image, in a list.
#[component]
fn Facts(
    image: Signal<Option<PublicImage>>,
    /// The details, which alone carry the build serial.
    details: Details,
    id: String,
    image_name: String,
) -> impl IntoView {
    let field = move |f: fn(&PublicImage) -> String| {
        Signal::derive(move || image.with(|i| i.as_ref().map(f)).unwrap_or_default())
    };
    // The serial is in the details only: "…" until this image's are in (the
    // details shown may still be the previous image's).
    let serial = {
        let id = id.clone();
        Signal::derive(move || {
            details
                .with_quietly(|details| {
                    let details = details.filter(|details| *details.key == id)?;
                    Some(details.result.ok().and_then(|image| image.serial.clone()))
                })
                .map_or_else(|| "…".to_string(), Option::unwrap_or_default)
        })
    };
    view! {
        <section class=style::section aria-labelledby="facts-title">
            <h2 id="facts-title">"Details"</h2>
            <dl class=style::facts>
                <Fact label="Operating system" value=field(|i| os_label(&i.os)) />
                <Fact label="Release" value=field(|i| release_label(&i.release)) />
                <Fact label="Serial" value=serial />
                <Fact label="Architecture" value=field(|i| i.architecture.clone()) />
                <Fact label="Variant" value=field(|i| i.variant.clone()) />
                <Fact label="Size" value=field(|i| i.size.map(format_size).unwrap_or_default()) />
                <Fact label="Added" value=field(|i| i.added_date.as_deref().and_then(format_date).unwrap_or_default()) />
                <Fact label="Prespawn" value=field(|i| if i.prespawn { "Yes: starts instantly".into() } else { "No".into() }) />
                <Fact label="Image name" value=image_name mono=true copy="Copy the image name" />
                <Fact label="Image ID" value=id mono=true copy="Copy the image ID" />
            </dl>
        </section>
    }
}

/// One fact of the list; "—" when the API gave none.
#[component]
fn Fact(
    label: &'static str,
    #[prop(into)] value: Signal<String>,
    #[prop(optional)] mono: bool,
    /// A copy button beside the value, with this accessible name.
    #[prop(optional)]
    copy: Option<&'static str>,
) -> impl IntoView {
    let text = move || {
        let v = value.get();
        if v.is_empty() {
            "—".to_string()
        } else {
            v
        }
    };
    // Long values with a copy button take a row of their own.
    let class = if copy.is_some() {
        format!("{} {}", style::fact, style::wide)
    } else {
        style::fact.to_string()
    };
    view! {
        <div class=class>
            <dt>{label}</dt>
            <dd class=if mono { style::mono } else { "" }>
                <span>{text}</span>
                {copy.map(|label| view! { <CopyButton text=value.get_untracked() label /> })}
            </dd>
        </div>
    }
}
