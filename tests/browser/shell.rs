//! The app shell: header, navigation, routes, not-found.

use container_images_web::app::Shell;
use leptos::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{go_to, mount_with_state, wait_for, FetchMock};

#[wasm_bindgen_test]
async fn shell_renders_header_navigation_and_the_catalog() {
    let _api = FetchMock::install(&[("/images/public", 200, &crate::support::list_body(3, 3, 1))]);
    go_to("/");
    let app = mount_with_state(|| view! { <Shell /> });
    wait_for("the catalog heading", 2000, || app.find("h1").is_some()).await;
    let header = app.get("header");
    assert!(header.text_content().unwrap().contains("Dockyard"));
    let nav_links: Vec<String> = app
        .all("nav[aria-label='Main'] a")
        .iter()
        .map(|a| a.text_content().unwrap())
        .collect();
    assert_eq!(nav_links, vec!["Catalog", "My images"]);
    assert_eq!(app.get("header a.btn").text_content().unwrap(), "Sign in");
    assert_eq!(app.all("h1").len(), 1, "one h1 per page");
    assert_eq!(app.get("h1").text_content().unwrap(), "Container images");
    // The current page is marked in the navigation.
    let catalog_link = &app.all("nav[aria-label='Main'] a")[0];
    assert_eq!(
        catalog_link.get_attribute("aria-current").as_deref(),
        Some("page")
    );
    wait_for("three cards", 2000, || app.all("article").len() == 3).await;
    assert!(app.find("a.skip-link[href='#main']").is_some());
}

#[wasm_bindgen_test]
async fn navigation_moves_between_routes() {
    let _api = FetchMock::install(&[
        ("/images/public?", 200, &crate::support::list_body(2, 2, 1)),
        (
            "/images/public/missing-id",
            404,
            r#"{"statusCode":404,"error":"Not Found","message":"Public image not found"}"#,
        ),
    ]);
    go_to("/");
    let app = mount_with_state(|| view! { <Shell /> });
    wait_for("catalog", 2000, || app.text().contains("Container images")).await;

    // A click on a link is handled in the page: no reload.
    app.all("nav[aria-label='Main'] a")[1].click();
    wait_for("My images page", 2000, || {
        app.find("h1").and_then(|h| h.text_content()).as_deref() == Some("My images")
    })
    .await;
    assert_eq!(window().location().pathname().unwrap(), "/my-images");
    assert!(app
        .text()
        .contains("Sign in to see the images you imported or bought."));
    let my_images_link = &app.all("nav[aria-label='Main'] a")[1];
    assert_eq!(
        my_images_link.get_attribute("aria-current").as_deref(),
        Some("page")
    );

    go_to("/sign-in?next=%2Fmy-images");
    wait_for("sign-in page", 2000, || app.text().contains("API token")).await;
    assert_eq!(app.get("h1").text_content().unwrap(), "Sign in");

    go_to("/definitely/not/a/page");
    wait_for("not-found page", 2000, || {
        app.text().contains("Page not found")
    })
    .await;
    assert!(app.text().contains("/definitely/not/a/page"));
    assert!(
        app.find("a[href='/']").is_some(),
        "a way back to the catalog"
    );

    go_to("/images/missing-id");
    wait_for("image not found", 3000, || {
        app.text().contains("Image not found")
    })
    .await;

    go_to("/");
    wait_for("back to the catalog", 2000, || {
        app.text().contains("Container images")
    })
    .await;
}
