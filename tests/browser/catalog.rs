//! The catalog page with a stand-in API: the URL as state, hostile URLs,
//! the search debounce, chips, only-the-newest-answer, errors and Retry.

use container_images_web::app::Shell;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlInputElement;

use crate::support::{go_to, list_body, mount_with_state, sleep, wait_for, FetchMock};

fn search() -> String {
    window().location().search().unwrap()
}

fn list_requests(api: &FetchMock) -> Vec<String> {
    api.decoded_requests()
        .into_iter()
        .filter(|u| u.contains("/images/public?"))
        .collect()
}

#[wasm_bindgen_test]
async fn hostile_urls_are_normalised_and_never_sent() {
    let body = list_body(2, 2, 1);
    let api = FetchMock::install(&[("/images/public?", 200, &body)]);
    go_to(
        "/?page=-3&limit=5000&sort_by=evil&sort_order=sideways&unknown=%3Cscript%3E&min_rating=9",
    );
    let app = mount_with_state(|| view! { <Shell /> });
    wait_for("the URL rewritten", 2000, || search() == "?limit=100").await;
    wait_for("a request", 2000, || !list_requests(&api).is_empty()).await;
    let sent = list_requests(&api);
    assert!(
        sent.iter()
            .all(|u| u
                .ends_with("/images/public?page=1&limit=100&sort_by=added_date&sort_order=desc")),
        "{sent:?}"
    );
    wait_for("cards", 2000, || app.all("article").len() == 2).await;
}

#[wasm_bindgen_test]
async fn a_reversed_range_is_flagged_and_sent_the_right_way_round() {
    let body = list_body(1, 1, 1);
    let api = FetchMock::install(&[("/images/public?", 200, &body)]);
    go_to("/?min_price=10&max_price=2");
    let app = mount_with_state(|| view! { <Shell /> });
    app.show_filters().await;
    wait_for("the warning", 2000, || {
        app.text().contains("The minimum is above the maximum")
    })
    .await;
    assert!(app.text().contains("prices from $2.00 to $10.00"));
    let min: HtmlInputElement = app
        .get("input[aria-label='Minimum price in dollars']")
        .dyn_into()
        .unwrap();
    assert_eq!(min.get_attribute("aria-invalid").as_deref(), Some("true"));
    wait_for("a request", 2000, || !list_requests(&api).is_empty()).await;
    assert!(
        list_requests(&api)[0].contains("min_price=2&max_price=10"),
        "{:?}",
        list_requests(&api)
    );
}

#[wasm_bindgen_test]
async fn typing_quickly_sends_one_search_request() {
    let body = list_body(3, 3, 1);
    let api = FetchMock::install(&[("/images/public?", 200, &body)]);
    go_to("/");
    let app = mount_with_state(|| view! { <Shell /> });
    wait_for("first page", 2000, || app.all("article").len() == 3).await;
    let before = list_requests(&api).len();
    let input: HtmlInputElement = app.get("#catalog-search").dyn_into().unwrap();
    let mut typed = String::new();
    for letter in "ubuntu".chars() {
        typed.push(letter);
        input.set_value(&typed);
        input
            .dispatch_event(&web_sys::InputEvent::new("input").unwrap())
            .unwrap();
        sleep(40).await;
    }
    sleep(500).await;
    let searches: Vec<String> = list_requests(&api)[before..].to_vec();
    assert_eq!(searches.len(), 1, "{searches:?}");
    assert!(searches[0].contains("search=ubuntu"));
    assert_eq!(search(), "?search=ubuntu");
    // The chip shows it and removes it.
    let chip = app.get("button[aria-label='Remove filter Search: “ubuntu”']");
    chip.click();
    wait_for("search removed from the URL", 2000, || search().is_empty()).await;
    wait_for("the box follows the URL", 2000, || input.value().is_empty()).await;
}

#[wasm_bindgen_test]
async fn filters_go_to_the_url_and_back_to_page_one() {
    let body = list_body(2, 60, 2);
    let api = FetchMock::install(&[("/images/public?", 200, &body)]);
    go_to("/?page=2&search=x");
    let app = mount_with_state(|| view! { <Shell /> });
    wait_for("cards", 2000, || app.all("article").len() == 2).await;
    app.show_filters().await;
    let os: web_sys::HtmlSelectElement = app.get("#filter-os").dyn_into().unwrap();
    os.set_value("debian");
    os.dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    wait_for("os in the URL", 2000, || search() == "?search=x&os=debian").await;
    wait_for("request with os", 2000, || {
        list_requests(&api)
            .iter()
            .any(|u| u.contains("os=debian&search=x&page=1"))
    })
    .await;
    let chips = || -> Vec<String> {
        app.all("ul[aria-label='Active filters'] button")
            .iter()
            .map(|b| b.text_content().unwrap())
            .collect()
    };
    // The request leaves with the change; the page follows the URL just after.
    wait_for("the OS chip", 2000, || chips().len() == 3).await;
    assert_eq!(chips(), vec!["Search: “x”", "OS: Debian", "Clear all"]);
    assert!(app.text().contains("Filters (2)"));
    app.all("ul[aria-label='Active filters'] button")[2].click();
    wait_for("cleared", 2000, || search().is_empty()).await;
    go_to("/");
}

#[wasm_bindgen_test]
async fn a_filter_change_sends_one_request_at_once() {
    let body = list_body(2, 2, 1);
    let api = FetchMock::install(&[("/images/public?", 200, &body)]);
    go_to("/");
    let app = mount_with_state(|| view! { <Shell /> });
    wait_for("cards", 2000, || app.all("article").len() == 2).await;
    let before = list_requests(&api).len();
    app.show_filters().await;
    let os: web_sys::HtmlSelectElement = app.get("#filter-os").dyn_into().unwrap();
    os.set_value("alpine");
    os.dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    // The request leaves with the change's own microtasks, before the URL's
    // change has gone through the router and the page's effects.
    for _ in 0..3 {
        wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&JsValue::NULL))
            .await
            .unwrap();
    }
    let sent = list_requests(&api)[before..].to_vec();
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert!(sent[0].contains("os=alpine"), "{sent:?}");
    wait_for("os in the URL", 2000, || search() == "?os=alpine").await;
    wait_for("the answer shown", 2000, || {
        app.find("section[data-answers='?os=alpine']").is_some()
    })
    .await;
    sleep(100).await;
    let sent = list_requests(&api)[before..].to_vec();
    assert_eq!(
        sent.len(),
        1,
        "the URL's change does not ask again: {sent:?}"
    );
    // Back: the earlier answer comes from the cache, without a request.
    window().history().unwrap().back().unwrap();
    wait_for("back to all images", 2000, || search().is_empty()).await;
    wait_for("its answer shown", 2000, || {
        app.find("section[data-answers='']").is_some()
    })
    .await;
    assert_eq!(list_requests(&api)[before..].len(), 1);
    go_to("/");
}

#[wasm_bindgen_test]
async fn two_quick_filter_changes_show_the_second_answer_and_no_error() {
    let body = list_body(2, 2, 1);
    let api = FetchMock::install_delayed(&[("/images/public?", 200, &body, 150)]);
    go_to("/");
    let app = mount_with_state(|| view! { <Shell /> });
    wait_for("cards", 2000, || app.all("article").len() == 2).await;
    app.show_filters().await;
    let os: web_sys::HtmlSelectElement = app.get("#filter-os").dyn_into().unwrap();
    for choice in ["alpine", "debian"] {
        os.set_value(choice);
        os.dispatch_event(&web_sys::Event::new("change").unwrap())
            .unwrap();
        sleep(30).await;
    }
    // The first request is cancelled on its way; that is no failure to show.
    let mut alert_seen = false;
    for _ in 0..40 {
        alert_seen |= app.find("[role='alert']").is_some();
        if app.find("section[data-answers='?os=debian']").is_some() {
            break;
        }
        sleep(10).await;
    }
    wait_for("the second answer shown", 2000, || {
        app.find("section[data-answers='?os=debian']").is_some()
    })
    .await;
    assert!(!alert_seen, "an alert flashed while the second answer came");
    assert_eq!(app.all("article").len(), 2);
    let sent = list_requests(&api);
    assert!(
        sent.last().is_some_and(|u| u.contains("os=debian")),
        "{sent:?}"
    );
    go_to("/");
}

#[wasm_bindgen_test]
async fn a_page_link_loads_that_page() {
    // A link, unlike a control, starts no request before the route changes:
    // the resource's own request must not be taken for an outdated one.
    let body = list_body(20, 45, 1);
    let api = FetchMock::install_delayed(&[("/images/public?", 200, &body, 50)]);
    go_to("/");
    let app = mount_with_state(|| view! { <Shell /> });
    wait_for("cards", 2000, || app.all("article").len() == 20).await;
    let link = app
        .all("nav[aria-label='Catalog pages'] a")
        .into_iter()
        .find(|a| a.text_content().is_some_and(|t| t.trim() == "2"))
        .expect("a link to page 2");
    link.click();
    wait_for("page 2 answered", 2000, || {
        app.find("section[data-answers='?page=2']").is_some()
    })
    .await;
    assert_eq!(app.find("[role='alert']").map(|a| a.text_content()), None);
    assert!(
        list_requests(&api).iter().any(|u| u.contains("page=2")),
        "{:?}",
        list_requests(&api)
    );
    go_to("/");
}

/// Records which selects' options get `selected` written and which inputs get
/// `value` written, until the returned function is called with no argument
/// (it then puts the setters back and returns the log).
fn record_control_writes() -> js_sys::Function {
    let install = js_sys::Function::new_no_args(
        r#"
        const log = [];
        const hooks = [[HTMLOptionElement.prototype, "selected", (el) => "option of " + el.parentElement?.id],
                       [HTMLInputElement.prototype, "value", (el) => "value of " + (el.id || el.getAttribute("aria-label"))]];
        const saved = hooks.map(([proto, name, label]) => {
            const real = Object.getOwnPropertyDescriptor(proto, name);
            Object.defineProperty(proto, name, { configurable: true, get: real.get,
                set(v) { log.push(label(this)); real.set.call(this, v); } });
            return [proto, name, real];
        });
        return () => { for (const [proto, name, real] of saved) Object.defineProperty(proto, name, real); return log; };
        "#,
    );
    install
        .call0(&wasm_bindgen::JsValue::NULL)
        .unwrap()
        .dyn_into()
        .unwrap()
}

#[wasm_bindgen_test]
async fn a_filter_change_leaves_the_other_controls_alone() {
    let body = list_body(2, 2, 1);
    let _api = FetchMock::install(&[("/images/public?", 200, &body)]);
    go_to("/?min_price=2&max_rating=3.5&sort_by=price&sort_order=asc");
    let app = mount_with_state(|| view! { <Shell /> });
    wait_for("cards", 2000, || app.all("article").len() == 2).await;
    app.show_filters().await;
    let stop = record_control_writes();
    let os: web_sys::HtmlSelectElement = app.get("#filter-os").dyn_into().unwrap();
    os.set_value("debian");
    os.dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    wait_for("the OS chip", 2000, || app.text().contains("OS: Debian")).await;
    sleep(50).await;
    let writes: Vec<String> =
        js_sys::Array::from(&stop.call0(&wasm_bindgen::JsValue::NULL).unwrap())
            .iter()
            .filter_map(|w| w.as_string())
            .collect();
    // Only the OS select's own options follow the OS.
    let others: Vec<&String> = writes
        .iter()
        .filter(|w| *w != "option of filter-os")
        .collect();
    assert!(
        others.is_empty(),
        "controls written on an OS change: {others:?}"
    );
    assert_eq!(os.value(), "debian");
    let select_value = |id: &str| {
        app.get(id)
            .dyn_into::<web_sys::HtmlSelectElement>()
            .unwrap()
            .value()
    };
    assert_eq!(select_value("#filter-max-rating"), "35");
    assert_eq!(select_value("#catalog-sort"), "4");
    let min_price: HtmlInputElement = app
        .get("input[aria-label='Minimum price in dollars']")
        .dyn_into()
        .unwrap();
    assert_eq!(min_price.value(), "2");
    go_to("/");
}

#[wasm_bindgen_test]
async fn only_the_newest_answer_is_shown() {
    let slow = list_body(5, 5, 1);
    let fast = list_body(1, 1, 1);
    let api = FetchMock::install_delayed(&[
        ("search=slow", 200, &slow, 400),
        ("/images/public?", 200, &fast, 5),
    ]);
    go_to("/?search=slow");
    let app = mount_with_state(|| view! { <Shell /> });
    sleep(50).await;
    go_to("/?search=fast");
    wait_for("the fast answer", 2000, || app.all("article").len() == 1).await;
    sleep(600).await;
    assert_eq!(
        app.all("article").len(),
        1,
        "the slow, older answer never lands"
    );
    assert!(list_requests(&api)
        .iter()
        .any(|u| u.contains("search=slow")));
    go_to("/");
}

#[wasm_bindgen_test]
async fn an_error_shows_the_message_and_retry_works() {
    let failing = FetchMock::install(&[(
        "/images/public?",
        500,
        r#"{"statusCode":500,"error":"Internal Server Error","message":"Failed to retrieve public images"}"#,
    )]);
    go_to("/?os=alpine");
    let app = mount_with_state(|| view! { <Shell /> });
    wait_for("the error", 2000, || {
        app.text().contains("Failed to retrieve public images")
    })
    .await;
    assert!(app.find("[role='alert']").is_some());
    drop(failing);
    let body = list_body(2, 2, 1);
    let _working = FetchMock::install(&[("/images/public?", 200, &body)]);
    let retry = app
        .all("button")
        .into_iter()
        .find(|b| b.text_content().as_deref() == Some("Retry"))
        .expect("a Retry button");
    retry.click();
    wait_for("cards after retry", 2000, || app.all("article").len() == 2).await;
    assert_eq!(search(), "?os=alpine", "the filters stay as they were");
    go_to("/");
}

#[wasm_bindgen_test]
async fn no_results_say_what_was_asked_and_offer_each_way_out() {
    let empty = list_body(0, 0, 1);
    let _api = FetchMock::install(&[("/images/public?", 200, &empty)]);
    go_to("/?search=zzzz&os=ubuntu&max_price=0");
    let app = mount_with_state(|| view! { <Shell /> });
    wait_for("empty state", 2000, || {
        app.text().contains("No images match ‘zzzz’")
    })
    .await;
    let ways_out: Vec<String> = app
        .all("ul[class*='ways_out'] button")
        .iter()
        .map(|b| b.text_content().unwrap_or_default())
        .collect();
    assert_eq!(
        ways_out,
        [
            "Clear the search",
            "Remove OS: Ubuntu",
            "Remove Free only",
            "Clear all filters"
        ]
    );
    let button = |text: &str| {
        app.all("ul[class*='ways_out'] button")
            .into_iter()
            .find(|b| b.text_content().as_deref() == Some(text))
            .unwrap()
    };
    button("Clear the search").click();
    wait_for("the search gone", 2000, || {
        search() == "?os=ubuntu&max_price=0"
    })
    .await;
    wait_for("filters named", 2000, || {
        app.text().contains("No images match these filters")
    })
    .await;
    button("Clear all filters").click();
    wait_for("filters cleared", 2000, || search().is_empty()).await;
}

/// The header's links from a filtered catalog: the catalog must let the
/// location move to another route, and must not ask for that route's query.
#[wasm_bindgen_test]
async fn leaving_the_catalog_for_another_route_keeps_that_routes_url() {
    let body = list_body(3, 3, 1);
    let api = FetchMock::install(&[("/images/public?", 200, &body)]);
    go_to("/?os=debian&sort_by=price&sort_order=asc");
    let app = mount_with_state(|| view! { <Shell /> });
    wait_for("cards", 2000, || app.all("article").len() == 3).await;
    let sent_on_the_catalog = list_requests(&api).len();

    let sign_in = app.get("header a.btn");
    assert_eq!(sign_in.text_content().as_deref(), Some("Sign in"));
    sign_in.click();
    wait_for("the sign-in page", 2000, || {
        app.find("#sign-in-token").is_some()
    })
    .await;
    // Let any effect of the catalog that would still follow the URL run.
    sleep(100).await;
    let location = window().location();
    assert_eq!(location.pathname().unwrap(), "/sign-in");
    assert_eq!(
        search(),
        "?next=%2F%3Fos%3Ddebian%26sort_by%3Dprice%26sort_order%3Dasc"
    );
    assert_eq!(
        list_requests(&api).len(),
        sent_on_the_catalog,
        "the catalog sent a request for the sign-in page's query: {:?}",
        list_requests(&api)
    );

    // The same for a route with no query at all.
    go_to("/?os=debian");
    wait_for("the catalog again", 2000, || app.all("article").len() == 3).await;
    let sent_on_the_catalog = list_requests(&api).len();
    app.all("nav[aria-label='Main'] a")[1].click();
    wait_for("My images", 2000, || {
        app.find("h1").and_then(|h| h.text_content()).as_deref() == Some("My images")
    })
    .await;
    sleep(100).await;
    assert_eq!(location.pathname().unwrap(), "/my-images");
    assert_eq!(search(), "");
    assert_eq!(list_requests(&api).len(), sent_on_the_catalog);
}
