//! Helpers for browser tests: mounting into a fresh element, waiting, querying.

use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use container_images_web::api::ApiBase;
use container_images_web::app::provide_app_state;
use container_images_web::state::Session;

/// A mounted view and the element it lives in; unmounted and removed on drop.
pub struct Mounted {
    pub root: HtmlElement,
    handle: Option<Box<dyn std::any::Any>>,
    owner: Owner,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.handle.take();
        // The router keeps a reference to its owner, so dropping the handle
        // alone would leave its window listeners behind for the next test.
        self.owner.cleanup();
        self.root.remove();
    }
}

impl Mounted {
    /// The first element matching `selector`.
    pub fn find(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).ok().flatten()
    }

    /// The first element matching `selector`, or a test failure.
    pub fn get(&self, selector: &str) -> HtmlElement {
        self.find(selector)
            .unwrap_or_else(|| panic!("no element matches {selector}:\n{}", self.root.inner_html()))
            .dyn_into()
            .unwrap()
    }

    /// Every element matching `selector`.
    pub fn all(&self, selector: &str) -> Vec<HtmlElement> {
        let list = self.root.query_selector_all(selector).unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into().ok())
            .collect()
    }

    /// The `width` of each star's filled part (SVG elements, so not `all`).
    pub fn star_fills(&self) -> Vec<String> {
        let list = self.root.query_selector_all("svg > svg").unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<Element>().ok())
            .map(|svg| svg.get_attribute("width").unwrap_or_default())
            .collect()
    }

    /// Makes sure the catalog's filters are there: where they are a panel
    /// (a narrow window, as the test browser's) they are built when it first
    /// opens, so this opens it.
    pub async fn show_filters(&self) {
        let button = "button[aria-controls='catalog-filters']";
        wait_for("the catalog", 2000, || self.find(button).is_some()).await;
        if self.find("#filter-os").is_none() {
            self.get(button).click();
            wait_for("the filters", 2000, || self.find("#filter-os").is_some()).await;
        }
    }

    /// The visible text of the whole mount.
    pub fn text(&self) -> String {
        self.root.text_content().unwrap_or_default()
    }
}

fn fresh_root() -> HtmlElement {
    let document = document();
    let root: HtmlElement = document.create_element("div").unwrap().dyn_into().unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

/// Mounts `view` into a fresh element.
pub fn mount<F, N>(view: F) -> Mounted
where
    F: FnOnce() -> N + 'static,
    N: IntoView + 'static,
{
    let root = fresh_root();
    let owner = Owner::new();
    let handle = owner.with(|| mount_to(root.clone(), view));
    Mounted {
        root,
        handle: Some(Box::new(handle)),
        owner,
    }
}

/// Mounts `view` with the app's shared state (signed out, API on this origin).
pub fn mount_with_state<F, N>(view: F) -> Mounted
where
    F: FnOnce() -> N + 'static,
    N: IntoView + 'static,
{
    mount(move || {
        let origin = window().location().origin().unwrap();
        provide_app_state(
            ApiBase::parse("/api/v1", &origin).unwrap(),
            Session::signed_out(),
        );
        view()
    })
}

/// Waits `ms` milliseconds (lets effects, timers and fetches run).
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits until `condition` holds, up to `timeout_ms`; panics with `what` otherwise.
pub async fn wait_for(what: &str, timeout_ms: i32, condition: impl Fn() -> bool) {
    let mut waited = 0;
    while !condition() {
        if waited >= timeout_ms {
            panic!("timed out waiting for {what}");
        }
        sleep(20).await;
        waited += 20;
    }
}

/// Sends a key press to `target`.
pub fn press(target: &Element, key: &str, shift: bool) -> bool {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_shift_key(shift);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap()
}

/// Moves the app to `path` as the browser's Back/Forward would.
pub fn go_to(path: &str) {
    let window = window();
    window
        .history()
        .unwrap()
        .push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path))
        .unwrap();
    let event = web_sys::PopStateEvent::new("popstate").unwrap();
    window.dispatch_event(&event).unwrap();
}

/// The element that has focus.
pub fn active_element() -> Option<Element> {
    document().active_element()
}

/// Replaces `window.fetch` with canned answers: each rule is
/// `(url substring, status, body)`, the first match wins, anything else is a
/// network error. Returns a handle that lists the URLs requested and puts the
/// real fetch back when dropped.
pub struct FetchMock {
    original: wasm_bindgen::JsValue,
    log: js_sys::Array,
}

impl FetchMock {
    pub fn install(rules: &[(&str, u16, &str)]) -> Self {
        let delayed: Vec<(&str, u16, &str, u32)> =
            rules.iter().map(|(n, s, b)| (*n, *s, *b, 5)).collect();
        Self::install_delayed(&delayed)
    }

    /// Like [`FetchMock::install`], with an answer delay in milliseconds per rule.
    pub fn install_delayed(rules: &[(&str, u16, &str, u32)]) -> Self {
        let window = window();
        let original = js_sys::Reflect::get(&window, &"fetch".into()).unwrap();
        let table = js_sys::Array::new();
        for (needle, status, body, delay) in rules {
            let rule = js_sys::Array::new();
            rule.push(&(*needle).into());
            rule.push(&(*status as f64).into());
            rule.push(&(*body).into());
            rule.push(&(*delay as f64).into());
            table.push(&rule);
        }
        let log = js_sys::Array::new();
        let fake = js_sys::Function::new_with_args(
            "rules, log",
            r#"return function (input, init) {
                const url = typeof input === "string" ? input : input.url;
                const signal = (init && init.signal) || (input && input.signal);
                log.push(url);
                for (const [needle, status, body, delay] of rules) {
                    if (url.includes(needle)) {
                        return new Promise((resolve, reject) => {
                            if (signal && signal.aborted) { reject(new DOMException("aborted", "AbortError")); return; }
                            const timer = setTimeout(() => resolve(new Response(body, {
                                status, headers: { "Content-Type": "application/json" } })), delay);
                            if (signal) signal.addEventListener("abort", () => {
                                clearTimeout(timer); reject(new DOMException("aborted", "AbortError")); });
                        });
                    }
                }
                return Promise.reject(new TypeError("Failed to fetch"));
            };"#,
        );
        let fetch = fake
            .call2(&wasm_bindgen::JsValue::NULL, &table, &log)
            .unwrap();
        js_sys::Reflect::set(&window, &"fetch".into(), &fetch).unwrap();
        Self { original, log }
    }

    /// Every URL requested so far (decoded, so assertions read naturally).
    pub fn decoded_requests(&self) -> Vec<String> {
        self.requests()
            .into_iter()
            .map(|u| {
                js_sys::decode_uri_component(&u)
                    .ok()
                    .and_then(|s| s.as_string())
                    .unwrap_or(u)
            })
            .collect()
    }

    /// Every URL requested so far.
    pub fn requests(&self) -> Vec<String> {
        self.log.iter().filter_map(|v| v.as_string()).collect()
    }
}

impl Drop for FetchMock {
    fn drop(&mut self) {
        let _ = js_sys::Reflect::set(&window(), &"fetch".into(), &self.original);
    }
}

/// A list response with `count` images, like the contract's example.
pub fn list_body(count: usize, total: usize, page: u32) -> String {
    let images: Vec<String> = (0..count)
        .map(|i| {
            format!(
                r#"{{"id":"img{i}","alias":"ubuntu/2{i}.04","description":"Image number {i}","image_name":"ubuntu-2{i}.04-amd64","architecture":"amd64","os":"ubuntu","release":"2{i}.04","variant":"default","size":512000000,"price":{price},"added_date":"2025-01-10T08:00:00.000Z","average_rating":4.5,"rating_count":{rc},"icon_url":"/api/v1/images/img{i}/icon","prespawn":{pre}}}"#,
                price = if i % 2 == 0 { "0" } else { "5.99" },
                rc = if i == 1 { 0 } else { 142 },
                pre = i == 0,
            )
        })
        .collect();
    let pages = total.div_ceil(20);
    format!(
        r#"{{"statusCode":200,"message":"Public images retrieved successfully","data":{{"images":[{}],"pagination":{{"total":{total},"page":{page},"limit":20,"totalPages":{pages}}}}}}}"#,
        images.join(",")
    )
}
