//! An image's page (`/images/:id`): everything the API knows of it, the
//! primary action (Import, Buy, or "In My images") and the user's rating.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api::{ApiError, ImportImage, PublicImage, PurchaseImage, RatingResult};
use crate::catalog_query::os_label;
use crate::components::icons::{BoltIcon, CheckIcon};
use crate::components::image_icon::ImageIcon;
use crate::components::purchase_dialog::{PurchaseDialog, PurchasePhase};
use crate::components::rate_image::RateImage;
use crate::components::star_rating::StarRating;
use crate::components::status::ErrorPanel;
use crate::document_title::set_title;
use crate::format::{format_date, format_money, format_price, format_size, to_cents};
use crate::hooks::{use_sign_in_href, LatestFetch};
use crate::routes;
use crate::state::{ApiContext, Library, Session, Toasts};

stylance::import_crate_style!(style, "src/pages/image_detail/image_detail.module.css");

/// What the detail page shows.
#[derive(Debug, Clone, PartialEq)]
enum PageState {
    NotFound(String),
    Failed(String),
    Loading,
    /// The image (at least its summary), with a message if the details failed.
    Shown {
        error: Option<String>,
    },
}

/// The image detail page.
#[component]
pub fn ImageDetailPage() -> impl IntoView {
    let api = expect_context::<ApiContext>();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id")).unwrap_or_default());
    let detail = LatestFetch::<PublicImage>::new();

    let load = move |use_cache: bool| {
        let id = id.get_untracked();
        if use_cache {
            if let Some(image) = api.cached_detail(&id) {
                detail.set_ready(id, image);
                return;
            }
        }
        // The card's data shows at once while the details load.
        detail.data.set(api.summary(&id));
        detail.start(id.clone(), move |abort| api.image_detail(&id, abort));
    };
    load(true);
    Effect::new(move |previous: Option<()>| {
        id.track();
        if previous.is_some() {
            load(true);
        }
    });
    let retry = Callback::new(move |_| {
        api.clear_cache();
        load(false);
    });

    Effect::new(move |_| {
        let alias = detail.data.with(|d| d.as_ref().map(|i| i.alias.clone()));
        match (
            alias,
            detail
                .error
                .with(|e| e.as_ref().map(ApiError::is_not_found)),
        ) {
            (_, Some(true)) => set_title(Some("Image not found")),
            (Some(alias), _) => set_title(Some(&alias)),
            (None, _) => set_title(Some("Image")),
        }
    });

    // What the page shows changes only when this does, not on every field update,
    // so the rating input and focus survive the details arriving.
    let page_state = Memo::new(move |_| {
        let has_data = detail.data.with(Option::is_some);
        match detail.error.get() {
            Some(err) if err.is_not_found() => PageState::NotFound(err.user_message()),
            Some(err) if !has_data => PageState::Failed(err.user_message()),
            _ if !has_data => PageState::Loading,
            error => PageState::Shown {
                error: error.map(|e| e.user_message()),
            },
        }
    });

    // Ratings saved on this page update the summary shown.
    let on_rated = Callback::new(move |result: RatingResult| {
        detail.data.update(|image| {
            if let Some(image) = image {
                image.average_rating = result.average_rating;
                image.rating_count = result.rating_count;
            }
        });
    });

    view! {
        <div class=style::page>
            <nav class=style::breadcrumb aria-label="Breadcrumb">
                <a href=routes::catalog_root()>"Catalog"</a>
                <span aria-hidden="true">"/"</span>
                <span aria-current="page">
                    {move || detail.data.with(|d| d.as_ref().map(|i| i.alias.clone())).unwrap_or_else(|| "Image".to_string())}
                </span>
            </nav>
            {move || match page_state.get() {
                PageState::NotFound(message) => {
                    view! { <ImageNotFound message=message /> }.into_any()
                }
                PageState::Failed(message) => {
                    view! {
                        <h1 class=style::error_title>"This image could not be loaded"</h1>
                        <ErrorPanel title="Something went wrong" message=message on_retry=retry />
                    }
                        .into_any()
                }
                PageState::Loading => view! { <DetailSkeleton /> }.into_any(),
                PageState::Shown { error } => {
                    view! {
                        {error
                            .map(|message| {
                                view! {
                                    <ErrorPanel
                                        title="Some details could not be loaded"
                                        message=message
                                        on_retry=retry
                                    />
                                }
                            })}
                        <ImageDetails
                            image=Signal::derive(move || detail.data.get())
                            loading=Signal::derive(move || detail.loading.get())
                            on_rated=on_rated
                        />
                    }
                        .into_any()
                }
            }}
        </div>
    }
}

/// The API's "not found", as a page of its own.
#[component]
fn ImageNotFound(message: String) -> impl IntoView {
    view! {
        <div class=style::not_found>
            <h1>"Image not found"</h1>
            <p>{message} ". It may have been removed, or the link may be wrong."</p>
            <a class="btn btn--primary" href=routes::catalog_root()>
                "Browse the catalog"
            </a>
        </div>
    }
}

#[component]
fn DetailSkeleton() -> impl IntoView {
    view! {
        <div class=style::skeleton aria-busy="true">
            <span class="visually-hidden" role="status">
                "Loading image…"
            </span>
            <span class=style::skeleton_icon aria-hidden="true"></span>
            <span class=style::skeleton_title aria-hidden="true"></span>
            <span class=style::skeleton_line aria-hidden="true"></span>
        </div>
    }
}

/// The image's facts and actions, once at least its summary is known.
#[component]
fn ImageDetails(
    image: Signal<Option<PublicImage>>,
    loading: Signal<bool>,
    on_rated: Callback<RatingResult>,
) -> impl IntoView {
    let library = expect_context::<Library>();
    let field = move |f: fn(&PublicImage) -> String| {
        move || image.with(|i| i.as_ref().map(f)).unwrap_or_default()
    };
    let id = Memo::new(move |_| {
        image
            .with(|i| i.as_ref().map(|i| i.id.clone()))
            .unwrap_or_default()
    });
    let own_rating = Signal::derive(move || library.get(&id.get()).and_then(|i| i.own_rating()));

    view! {
        {move || {
            let id = id.get();
            // Rebuilt only for another image: the fields below update in place.
            let img = image.get_untracked()?;
            let serial = move || {
                if let Some(serial) = image.with(|i| i.as_ref().and_then(|i| i.serial.clone())) {
                    serial
                } else if loading.get() {
                    "…".to_string()
                } else {
                    "—".to_string()
                }
            };
            Some(view! {
                <article class=style::detail aria-labelledby="image-title">
                    <header class=style::head>
                        <ImageIcon icon_url=img.icon_url.clone() os=img.os.clone() size=112 eager=true />
                        <div class=style::head_text>
                            <h1 id="image-title" class=style::title>{field(|i| i.alias.clone())}</h1>
                            <p class=style::image_name>{field(|i| i.image_name.clone())}</p>
                            <div class=style::rating_row>
                                <StarRating
                                    value=Signal::derive(move || image.with(|i| i.as_ref().map(|i| i.average_rating).unwrap_or(0.0)))
                                    count=Signal::derive(move || image.with(|i| i.as_ref().map(|i| i.rating_count).unwrap_or(0)))
                                />
                            </div>
                        </div>
                        <PrimaryAction image=image />
                    </header>

                    <section class=style::section aria-labelledby="about-title">
                        <h2 id="about-title">"About"</h2>
                        <p class=style::description>
                            {move || {
                                let text = field(|i| i.description.clone())();
                                if text.trim().is_empty() { "No description.".to_string() } else { text }
                            }}
                        </p>
                    </section>

                    <section class=style::section aria-labelledby="facts-title">
                        <h2 id="facts-title">"Details"</h2>
                        <dl class=style::facts>
                            <Fact label="Operating system" value=Signal::derive(move || os_label(&field(|i| i.os.clone())())) />
                            <Fact label="Release" value=Signal::derive(field(|i| i.release.clone())) />
                            <Fact label="Serial" value=Signal::derive(serial) />
                            <Fact label="Architecture" value=Signal::derive(field(|i| i.architecture.clone())) />
                            <Fact label="Variant" value=Signal::derive(field(|i| i.variant.clone())) />
                            <Fact label="Size" value=Signal::derive(field(|i| i.size.map(format_size).unwrap_or_else(|| "—".into()))) />
                            <Fact label="Added" value=Signal::derive(field(|i| i.added_date.as_deref().and_then(format_date).unwrap_or_else(|| "—".into()))) />
                            <Fact label="Prespawn" value=Signal::derive(field(|i| if i.prespawn { "Yes: starts instantly".into() } else { "No".into() })) />
                            <Fact label="Price" value=Signal::derive(field(|i| format_price(i.price))) />
                            <Fact label="Image name" value=Signal::derive(field(|i| i.image_name.clone())) mono=true />
                            <Fact label="Image ID" value=Signal::derive(field(|i| i.id.clone())) mono=true />
                        </dl>
                    </section>

                    <section class=style::section aria-labelledby="rate-title">
                        <h2 id="rate-title">"Rate this image"</h2>
                        <RateImage image_id=id current=own_rating on_rated=on_rated />
                    </section>
                </article>
            })
        }}
    }
}

#[component]
fn Fact(
    label: &'static str,
    #[prop(into)] value: Signal<String>,
    #[prop(optional)] mono: bool,
) -> impl IntoView {
    view! {
        <div class=style::fact>
            <dt>{label}</dt>
            <dd class=if mono { style::mono } else { "" }>
                {move || {
                    let v = value.get();
                    if v.is_empty() { "—".to_string() } else { v }
                }}
            </dd>
        </div>
    }
}

/// What the primary button does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Owned,
    Import,
    Buy,
}

/// Import, Buy, or "In My images", with the purchase dialog.
#[component]
fn PrimaryAction(image: Signal<Option<PublicImage>>) -> impl IntoView {
    let api = expect_context::<ApiContext>();
    let session = expect_context::<Session>();
    let library = expect_context::<Library>();
    let toasts = expect_context::<Toasts>();
    let navigate = use_navigate();

    let importing = RwSignal::new(false);
    let import_error = RwSignal::new(None::<String>);
    let dialog_open = RwSignal::new(false);
    let phase = RwSignal::new(PurchasePhase::Ready);

    let id = move || {
        image
            .with(|i| i.as_ref().map(|i| i.id.clone()))
            .unwrap_or_default()
    };
    let price = move || image.with(|i| i.as_ref().map(|i| i.price)).unwrap_or(0.0);
    let alias = move || {
        image
            .with(|i| i.as_ref().map(|i| i.alias.clone()))
            .unwrap_or_default()
    };
    let is_free = move || to_cents(price()) <= 0;
    let owns = move || library.owns(&id());

    let sign_in_href = use_sign_in_href();
    let go_sign_in = move || {
        navigate(&sign_in_href.get_untracked(), routes::nav(false, true));
    };
    let go_sign_in = StoredValue::new_local(go_sign_in);

    let import = move |_| {
        if !session.is_signed_in() {
            go_sign_in.with_value(|go| go());
            return;
        }
        // One request, however many clicks.
        if importing.get_untracked() {
            return;
        }
        let Some(img) = image.get_untracked() else {
            return;
        };
        importing.set(true);
        import_error.set(None);
        spawn_local(async move {
            let result = api.send(&ImportImage { id: img.id.clone() }, None).await;
            match result {
                Ok(_) => {
                    library.add(&img);
                    toasts.success(format!("{} is now in My images.", img.alias));
                }
                Err(ApiError::Unauthorized { .. }) => {}
                Err(err) if err.outcome_unknown() => {
                    // The import may have happened: ask the API what the user owns now.
                    library.reload();
                    import_error.set(Some(format!(
                        "{} If the import went through, the button will change to “In My images”.",
                        err.user_message()
                    )));
                }
                Err(err) => {
                    toasts.error(err.user_message());
                    import_error.set(Some(err.user_message()));
                }
            }
            importing.set(false);
        });
    };

    let open_purchase = move |_| {
        if !session.is_signed_in() {
            go_sign_in.with_value(|go| go());
            return;
        }
        phase.set(PurchasePhase::Ready);
        dialog_open.set(true);
    };

    // Checks whether a purchase whose answer was lost went through.
    let verify = move |img: PublicImage| {
        phase.set(PurchasePhase::Checking);
        spawn_local(async move {
            match library.verify_owned(&img.id).await {
                Ok(true) => {
                    phase.set(PurchasePhase::Ready);
                    dialog_open.set(false);
                    toasts.success(format!("Your purchase of {} went through.", img.alias));
                }
                Ok(false) => phase.set(PurchasePhase::NotCharged),
                Err(ApiError::Unauthorized { .. }) => dialog_open.set(false),
                Err(_) => phase.set(PurchasePhase::Unverified),
            }
        });
    };

    let confirm = Callback::new(move |_| {
        let current = phase.get_untracked();
        if current.is_busy() {
            return;
        }
        let Some(img) = image.get_untracked() else {
            return;
        };
        if current == PurchasePhase::Unverified {
            verify(img);
            return;
        }
        phase.set(PurchasePhase::Sending);
        spawn_local(async move {
            match api.send(&PurchaseImage { id: img.id.clone() }, None).await {
                Ok(result) => {
                    session.set_balance_cents(to_cents(result.remaining_balance));
                    library.add(&img);
                    phase.set(PurchasePhase::Ready);
                    dialog_open.set(false);
                    toasts.success(format!(
                        "Purchased for {}, remaining balance {}",
                        format_money(result.price_paid),
                        format_money(result.remaining_balance)
                    ));
                }
                Err(ApiError::Unauthorized { .. }) => {
                    phase.set(PurchasePhase::Ready);
                    dialog_open.set(false);
                }
                Err(err) if err.outcome_unknown() => verify(img),
                Err(err) => phase.set(PurchasePhase::Failed(err.user_message())),
            }
        });
    });

    // Rebuild the button only when what it does changes (keeps focus as data arrives).
    let action = Memo::new(move |_| {
        if session.is_signed_in() && owns() == Some(true) {
            Action::Owned
        } else if is_free() {
            Action::Import
        } else {
            Action::Buy
        }
    });

    view! {
        <div class=style::action_box>
            <p class=style::price>{move || format_price(price())}</p>
            {move || {
                let action = action.get();
                if action == Action::Owned {
                    view! {
                        <a class=format!("btn btn--secondary btn--large {}", style::owned) href=routes::my_images_href(1, false)>
                            <CheckIcon />
                            "In My images"
                        </a>
                    }
                        .into_any()
                } else if action == Action::Import {
                    view! {
                        <button
                            type="button"
                            class="btn btn--primary btn--large"
                            aria-busy=move || importing.get().to_string()
                            on:click=import
                        >
                            {move || {
                                if importing.get() {
                                    view! { <span class="spinner" aria-hidden="true"></span> "Importing…" }.into_any()
                                } else {
                                    view! { "Import" }.into_any()
                                }
                            }}
                        </button>
                    }
                        .into_any()
                } else {
                    view! {
                        <button type="button" class="btn btn--primary btn--large" on:click=open_purchase>
                            {move || format!("Buy for {}", format_price(price()))}
                        </button>
                    }
                        .into_any()
                }
            }}
            {move || {
                (!session.is_signed_in())
                    .then(|| view! { <p class=style::hint>"You will be asked to sign in first."</p> })
            }}
            {move || {
                (session.is_signed_in() && owns().is_none())
                    .then(|| view! { <p class=style::hint>"Checking your images…"</p> })
            }}
            {move || import_error.get().map(|message| view! { <p class=style::action_error role="alert">{message}</p> })}
            <PurchaseDialog
                open=dialog_open
                alias=Signal::derive(alias)
                price=Signal::derive(price)
                balance_cents=Signal::derive(move || session.balance_cents())
                phase=Signal::derive(move || phase.get())
                on_confirm=confirm
            />
            {move || image.with(|i| i.as_ref().map(|i| i.prespawn)).unwrap_or(false).then(|| view! {
                <p class=style::prespawn><BoltIcon />"Prespawned: starts instantly"</p>
            })}
        </div>
    }
}
