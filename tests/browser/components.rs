//! Display components: stars, pager, image card.

use container_images_web::api::PublicImage;
use container_images_web::components::image_card::CardGrid;
use container_images_web::components::pager::Pager;
use container_images_web::components::star_rating::StarRating;
use leptos::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{mount, mount_with_state, sleep};

/// The tenths of a star the display fills (its `rN` class; the CSS maps
/// each to a fill width).
fn filled_tenths(root: &crate::support::Mounted) -> Option<u32> {
    let class = root.get("[role='img']").class_name();
    class
        .split_whitespace()
        .find_map(|c| c.strip_prefix('r').and_then(|n| n.parse().ok()))
}

#[wasm_bindgen_test]
async fn stars_show_fractional_averages_and_say_them_as_text() {
    let value = RwSignal::new(4.5);
    let count = RwSignal::new(142_u64);
    // Static stars; the owner draws them again when the average changes.
    let stars = mount(move || move || view! { <StarRating value=value.get() count=count.get() /> });
    assert_eq!(filled_tenths(&stars), Some(45));
    assert!(stars.find("svg").is_none(), "one element, not twenty");
    let img = stars.get("[role='img']");
    assert_eq!(
        img.get_attribute("aria-label").as_deref(),
        Some("Rated 4.5 out of 5 by 142 people")
    );
    assert!(stars.text().contains("4.5 (142)"));

    value.set(2.3);
    sleep(10).await;
    assert_eq!(filled_tenths(&stars), Some(23));

    count.set(0);
    sleep(10).await;
    assert_eq!(filled_tenths(&stars), Some(0));
    assert!(stars.text().contains("No ratings yet"));
    assert_eq!(
        stars
            .get("[role='img']")
            .get_attribute("aria-label")
            .as_deref(),
        Some("No ratings yet")
    );
}

#[wasm_bindgen_test]
async fn pager_shows_ranges_with_gaps_and_disables_the_ends() {
    let current = RwSignal::new(1_u32);
    let total = RwSignal::new(20_u32);
    let pager = mount(move || {
        view! {
            <Pager
                label="Catalog pages"
                current=current
                total_pages=total
                href_for=Callback::new(|page: u32| format!("/?page={page}"))
            />
        }
    });
    let labels = |pager: &crate::support::Mounted| -> Vec<String> {
        pager
            .all("li")
            .iter()
            .map(|li| li.text_content().unwrap())
            .collect()
    };
    assert_eq!(labels(&pager), vec!["1", "2", "3", "4", "5", "…", "20"]);
    let previous = pager.get("span[aria-disabled='true']");
    assert!(previous.text_content().unwrap().contains("Previous"));
    assert_eq!(
        pager.get("a[rel='next']").get_attribute("href").as_deref(),
        Some("/?page=2")
    );
    assert_eq!(
        pager
            .get("a[aria-current='page']")
            .get_attribute("aria-label")
            .as_deref(),
        Some("Page 1, current page")
    );

    current.set(10);
    sleep(10).await;
    assert_eq!(labels(&pager), vec!["1", "…", "9", "10", "11", "…", "20"]);
    assert_eq!(
        pager.get("a[rel='prev']").get_attribute("href").as_deref(),
        Some("/?page=9")
    );

    current.set(20);
    sleep(10).await;
    assert!(pager
        .get("span[aria-disabled='true']")
        .text_content()
        .unwrap()
        .contains("Next"));

    total.set(1);
    sleep(10).await;
    assert!(pager.find("a").is_none(), "a single page needs no pager");
}

fn image(json: &str) -> PublicImage {
    serde_json::from_str(json).unwrap()
}

#[wasm_bindgen_test]
async fn card_formats_every_field() {
    let paid = image(
        r#"{"id":"507f1f77bcf86cd799439021","alias":"ubuntu/22.04","description":"Ubuntu 22.04 LTS (Jammy Jellyfish)","image_name":"ubuntu-22.04-amd64","architecture":"amd64","os":"ubuntu","release":"22.04","variant":"default","size":512000000,"price":5.99,"added_date":"2025-01-10T08:00:00.000Z","average_rating":4.5,"rating_count":142,"icon_url":"/api/v1/images/507f1f77bcf86cd799439021/icon","prespawn":true}"#,
    );
    let card = mount_with_state(move || view! { <CardGrid images=vec![paid] class="grid" /> });
    let text = card.text();
    let link = card.get("h2 a");
    assert_eq!(link.text_content().unwrap(), "ubuntu/22.04");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("/images/507f1f77bcf86cd799439021")
    );
    assert_eq!(card.all("a").len(), 1, "the whole card is one link target");
    for expected in [
        "Ubuntu 22.04 LTS (Jammy Jellyfish)",
        "22.04",
        "amd64",
        "default",
        "Prespawned",
        "512 MB",
        "$5.99",
        "4.5 (142)",
        "Build of 10 Jan 2025",
    ] {
        assert!(text.contains(expected), "card shows {expected}: {text}");
    }
    let badges: Vec<String> = card
        .all("article ul li")
        .iter()
        .map(|b| b.text_content().unwrap())
        .collect();
    assert_eq!(badges[..4], ["Ubuntu", "22.04", "amd64", "default"]);
    let img = card.get("img");
    assert_eq!(img.get_attribute("loading").as_deref(), Some("lazy"));
    assert_eq!(img.get_attribute("width").as_deref(), Some("48"));
    assert!(img
        .get_attribute("src")
        .unwrap()
        .ends_with("/api/v1/images/507f1f77bcf86cd799439021/icon"));
}

#[wasm_bindgen_test]
async fn card_for_a_free_unrated_image_with_a_hostile_icon_url() {
    let free = image(
        r#"{"id":"x1","alias":"<img src=x onerror=alert(1)>","description":"<script>window.__pwned = true</script>","image_name":"n","architecture":"arm64","os":"alpine","release":"3.20","variant":"","size":8000000,"price":0,"average_rating":0,"rating_count":0,"icon_url":"javascript:alert(1)","prespawn":false}"#,
    );
    let card = mount_with_state(move || view! { <CardGrid images=vec![free] class="grid" /> });
    let text = card.text();
    assert!(text.contains("Free"));
    assert!(text.contains("No ratings yet"));
    assert!(text.contains("8.0 MB"));
    assert!(!text.contains("Prespawned"));
    // Markup in data is text, never elements.
    assert_eq!(
        card.get("h2 a").text_content().unwrap(),
        "<img src=x onerror=alert(1)>"
    );
    assert!(card.find("script").is_none());
    assert!(card.find("h2 img").is_none());
    // A javascript: icon is never used: the placeholder shows instead.
    assert!(card.find("img").is_none());
    assert_eq!(
        card.get("[class*='placeholder']")
            .get_attribute("data-initial")
            .unwrap(),
        "A"
    );
}

#[wasm_bindgen_test]
async fn grid_follows_new_results_keeping_cards_it_already_has() {
    let first = image(
        r#"{"id":"a1","alias":"alpine/3.20","architecture":"arm64","os":"alpine","price":0}"#,
    );
    let second =
        image(r#"{"id":"d1","alias":"debian/12","architecture":"amd64","os":"debian","price":2}"#);
    let images = RwSignal::new(vec![first.clone()]);
    let interest = RwSignal::new(Vec::<String>::new());
    let grid = mount_with_state(move || {
        view! {
            <CardGrid
                images=images
                class="grid"
                on_card_interest=Callback::new(move |id| interest.update(|ids| ids.push(id)))
            />
        }
    });
    assert_eq!(grid.all("article").len(), 1);
    let kept = grid.get("article");
    images.set(vec![second, first]);
    sleep(10).await;
    // Keyed by id: the card of an image still shown is the same element.
    assert!(grid.all("article")[1].is_same_node(Some(&kept)));
    let names: Vec<String> = grid
        .all("article h2 a")
        .iter()
        .map(|a| a.text_content().unwrap())
        .collect();
    assert_eq!(names, ["debian/12", "alpine/3.20"]);
    grid.get("article h2 a").focus().unwrap();
    sleep(10).await;
    assert_eq!(interest.get_untracked(), ["d1"]);
}

#[wasm_bindgen_test]
async fn card_icon_that_fails_to_load_falls_back_to_the_placeholder() {
    let broken = image(
        r#"{"id":"x2","alias":"debian/12","architecture":"amd64","os":"debian","price":0,"icon_url":"/definitely-missing-icon.png"}"#,
    );
    let card = mount_with_state(move || view! { <CardGrid images=vec![broken] class="grid" /> });
    let img = card.get("img");
    // Lazy images far off screen may not load: make it load now.
    img.set_attribute("loading", "eager").unwrap();
    crate::support::wait_for("the placeholder after the error", 4000, || {
        card.find("img[hidden]").is_some()
    })
    .await;
    // The icon's box becomes the placeholder, which shows the OS's initial
    // (the CSS's content, from `data-initial`).
    let placeholder = card.get("[class*='placeholder']");
    assert_eq!(
        placeholder.get_attribute("data-initial").as_deref(),
        Some("D")
    );
}

#[wasm_bindgen_test]
async fn loading_indicators_wait_for_slow_loads_and_leave_at_once() {
    use container_images_web::hooks::shown_after;
    let loading = RwSignal::new(false);
    let shown = RwSignal::new(None::<Signal<bool>>);
    let _owner = mount(move || {
        shown.set(Some(shown_after(
            loading.into(),
            std::time::Duration::from_millis(80),
        )));
    });
    let shown = shown.get_untracked().unwrap();
    loading.set(true);
    sleep(30).await;
    assert!(!shown.get_untracked(), "a fast load shows nothing");
    loading.set(false);
    sleep(100).await;
    assert!(
        !shown.get_untracked(),
        "a load that ended cancels the indicator"
    );
    loading.set(true);
    sleep(150).await;
    assert!(shown.get_untracked(), "a slow load shows the indicator");
    loading.set(false);
    sleep(5).await;
    assert!(
        !shown.get_untracked(),
        "and it leaves as soon as loading ends"
    );
}
