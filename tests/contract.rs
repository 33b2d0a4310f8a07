//! Contract tests: every JSON example of the API spec, copied verbatim into
//! `tests/fixtures/contract/`, decodes into the client's types.
#![cfg(not(target_arch = "wasm32"))]

use container_images_web::api::{
    decode_response, ApiError, ImportResult, PublicImage, PublicImageList, PurchaseResult,
    RatingResult, UserImageList,
};
use serde::de::DeserializeOwned;
use std::path::PathBuf;

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/contract")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

fn status_of(body: &str) -> u16 {
    let value: serde_json::Value = serde_json::from_str(body).expect("fixtures are JSON");
    value["statusCode"].as_u64().expect("statusCode") as u16
}

fn decode_fixture<T: DeserializeOwned>(name: &str) -> Result<T, ApiError> {
    let body = fixture(name);
    decode_response::<T>(status_of(&body), &body)
}

/// Every error example decodes into the error type with the server's message kept.
fn assert_error_fixture<T: DeserializeOwned + std::fmt::Debug>(name: &str, message: &str) {
    let err = decode_fixture::<T>(name).expect_err(name);
    let status = status_of(&fixture(name));
    assert_eq!(err.status(), Some(status), "{name}");
    match (&err, status) {
        (ApiError::Unauthorized { message: got }, 401) => assert_eq!(got, message, "{name}"),
        (ApiError::Api { message: got, .. }, _) if status != 401 => {
            assert_eq!(got, message, "{name}")
        }
        other => panic!("{name}: unexpected {other:?}"),
    }
}

#[test]
fn fixture_set_is_complete() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/contract");
    let count = std::fs::read_dir(dir).unwrap().count();
    assert_eq!(count, 25, "the spec has 25 JSON response examples");
}

#[test]
fn list_public_examples() {
    let list: PublicImageList = decode_fixture("list_public_200.json").unwrap();
    assert_eq!(list.images.len(), 1);
    let image = &list.images[0];
    assert_eq!(image.id, "507f1f77bcf86cd799439021");
    assert_eq!(image.alias, "ubuntu/22.04");
    assert_eq!(image.description, "Ubuntu 22.04 LTS (Jammy Jellyfish)");
    assert_eq!(image.image_name, "ubuntu-22.04-amd64");
    assert_eq!(image.architecture, "amd64");
    assert_eq!(image.os, "ubuntu");
    assert_eq!(image.release, "22.04");
    assert_eq!(image.variant, "default");
    assert_eq!(image.size, Some(512_000_000));
    assert_eq!(image.price, 0.0);
    assert_eq!(
        image.added_date.as_deref(),
        Some("2025-01-10T08:00:00.000Z")
    );
    assert_eq!(image.average_rating, 4.5);
    assert_eq!(image.rating_count, 142);
    assert_eq!(
        image.icon_url.as_deref(),
        Some("/api/v1/images/507f1f77bcf86cd799439021/icon")
    );
    assert!(image.prespawn);
    assert_eq!(image.serial, None, "list entries have no serial");
    assert_eq!(list.pagination.total, 87);
    assert_eq!(list.pagination.page, 1);
    assert_eq!(list.pagination.limit, 20);
    assert_eq!(list.pagination.total_pages, 5);
    assert_error_fixture::<PublicImageList>(
        "list_public_500.json",
        "Failed to retrieve public images",
    );
}

#[test]
fn get_public_examples() {
    let image: PublicImage = decode_fixture("get_public_200.json").unwrap();
    assert_eq!(image.serial.as_deref(), Some("20250110"));
    assert_eq!(image.alias, "ubuntu/22.04");
    assert_eq!(image.rating_count, 142);
    assert_error_fixture::<PublicImage>("get_public_404.json", "Public image not found");
    assert!(decode_fixture::<PublicImage>("get_public_404.json")
        .unwrap_err()
        .is_not_found());
    assert_error_fixture::<PublicImage>(
        "get_public_500.json",
        "Failed to retrieve public image details",
    );
}

#[test]
fn icon_error_examples() {
    // The icon itself is binary PNG; its errors are the usual envelope.
    assert_error_fixture::<ImportResult>("icon_404.json", "Image icon not found");
    assert_error_fixture::<ImportResult>("icon_500.json", "Failed to retrieve image icon");
}

#[test]
fn list_user_examples() {
    let list: UserImageList = decode_fixture("list_user_200.json").unwrap();
    let image = &list.images[0];
    assert_eq!(image.user_rating, Some(5.0));
    assert!(image.has_rated);
    assert_eq!(image.own_rating(), Some(5.0));
    assert_eq!(image.average_rating, 4.5);
    assert_eq!(list.pagination.total, 12);
    assert_eq!(list.pagination.total_pages, 1);
    assert_error_fixture::<UserImageList>("list_user_401.json", "Authentication required");
    assert_error_fixture::<UserImageList>("list_user_500.json", "Failed to retrieve user images");
}

#[test]
fn import_examples() {
    let _: ImportResult = decode_fixture("import_200.json").unwrap();
    assert_error_fixture::<ImportResult>(
        "import_400.json",
        "Image is not free or already imported",
    );
    assert_error_fixture::<ImportResult>("import_401.json", "Authentication required");
    assert_error_fixture::<ImportResult>("import_404.json", "Image not found");
    assert_error_fixture::<ImportResult>("import_500.json", "Failed to import image");
}

#[test]
fn purchase_examples() {
    let result: PurchaseResult = decode_fixture("purchase_200.json").unwrap();
    assert_eq!(result.price_paid, 5.99);
    assert_eq!(result.remaining_balance, 44.01);
    assert_error_fixture::<PurchaseResult>(
        "purchase_400.json",
        "Insufficient balance or image already owned",
    );
    assert_error_fixture::<PurchaseResult>("purchase_401.json", "Authentication required");
    assert_error_fixture::<PurchaseResult>("purchase_404.json", "Image not found");
    assert_error_fixture::<PurchaseResult>("purchase_500.json", "Failed to purchase image");
}

#[test]
fn rate_examples() {
    let result: RatingResult = decode_fixture("rate_200.json").unwrap();
    assert_eq!(result.new_rating, 5.0);
    assert_eq!(result.average_rating, 4.6);
    assert_eq!(result.rating_count, 143);
    assert_error_fixture::<RatingResult>("rate_400.json", "Invalid rating value (must be 0-5)");
    assert_error_fixture::<RatingResult>("rate_401.json", "Authentication required");
    assert_error_fixture::<RatingResult>("rate_404.json", "Image not found");
    assert_error_fixture::<RatingResult>("rate_500.json", "Failed to rate image");
}

/// Removes `field` from every image object in the fixture's `data`.
fn without_field(name: &str, field: &str) -> String {
    let mut value: serde_json::Value = serde_json::from_str(&fixture(name)).unwrap();
    let data = &mut value["data"];
    if let Some(images) = data.get_mut("images").and_then(|v| v.as_array_mut()) {
        for image in images {
            image.as_object_mut().unwrap().remove(field);
        }
    } else {
        data.as_object_mut().unwrap().remove(field);
    }
    value.to_string()
}

#[test]
fn bodies_missing_optional_fields_decode() {
    for field in [
        "serial",
        "icon_url",
        "added_date",
        "size",
        "description",
        "variant",
        "prespawn",
    ] {
        let body = without_field("get_public_200.json", field);
        assert!(
            decode_response::<PublicImage>(200, &body).is_ok(),
            "detail without {field}"
        );
        let body = without_field("list_public_200.json", field);
        assert!(
            decode_response::<PublicImageList>(200, &body).is_ok(),
            "list without {field}"
        );
    }
    for field in ["user_rating", "has_rated", "icon_url", "size"] {
        let body = without_field("list_user_200.json", field);
        let list = decode_response::<UserImageList>(200, &body).unwrap();
        if field == "user_rating" || field == "has_rated" {
            assert_eq!(list.images[0].own_rating(), None, "without {field}");
        }
    }
    let body = without_field("list_user_200.json", "user_rating").replace(
        "\"has_rated\":true",
        "\"has_rated\":false,\"user_rating\":null",
    );
    assert!(decode_response::<UserImageList>(200, &body).is_ok());
}

#[test]
fn wrong_types_are_decode_errors_not_panics() {
    let cases: Vec<(&str, String)> = vec![
        (
            "list_public_200.json",
            fixture("list_public_200.json").replace("\"price\": 0", "\"price\": \"free\""),
        ),
        (
            "list_public_200.json",
            fixture("list_public_200.json").replace("\"total\": 87", "\"total\": -1"),
        ),
        (
            "list_public_200.json",
            fixture("list_public_200.json")
                .replace("\"images\": [", "\"images\": {\"x\": [")
                .replace("],\n    \"pagination\"", "]},\n    \"pagination\""),
        ),
        (
            "get_public_200.json",
            fixture("get_public_200.json").replace("\"prespawn\": true", "\"prespawn\": \"yes\""),
        ),
        (
            "get_public_200.json",
            fixture("get_public_200.json")
                .replace("\"id\": \"507f1f77bcf86cd799439021\"", "\"id\": 17"),
        ),
        (
            "purchase_200.json",
            fixture("purchase_200.json").replace("5.99", "null"),
        ),
        (
            "rate_200.json",
            fixture("rate_200.json").replace("143", "\"many\""),
        ),
    ];
    for (name, body) in cases {
        assert_ne!(body, fixture(name), "the mutation applied to {name}");
        let err = match name {
            "list_public_200.json" => decode_response::<PublicImageList>(200, &body).unwrap_err(),
            "get_public_200.json" => decode_response::<PublicImage>(200, &body).unwrap_err(),
            "purchase_200.json" => decode_response::<PurchaseResult>(200, &body).unwrap_err(),
            _ => decode_response::<RatingResult>(200, &body).unwrap_err(),
        };
        assert!(
            matches!(&err, ApiError::UnexpectedResponse { status: 200, detail } if detail.starts_with("unexpected JSON")),
            "{name}: {err:?}"
        );
    }
}
