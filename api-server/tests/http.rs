//! The whole contract over real HTTP, against a server on a free loopback
//! port with a fresh temporary database.

mod common;

use common::{assert_error, start, start_with, Options};
use serde_json::Value;
use std::collections::BTreeSet;

fn images(reply: &common::Reply) -> Vec<Value> {
    reply.json()["data"]["images"].as_array().unwrap().clone()
}

fn keys(value: &Value) -> BTreeSet<String> {
    value.as_object().unwrap().keys().cloned().collect()
}

fn fixture(name: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/contract")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn f(value: &Value) -> f64 {
    value.as_f64().unwrap()
}

fn free_image(server: &common::TestServer) -> String {
    server
        .get("/api/v1/images/public?max_price=0&limit=1")
        .json()["data"]["images"][0]["id"]
        .as_str()
        .unwrap()
        .to_string()
}

fn paid_images(server: &common::TestServer) -> Vec<Value> {
    images(
        &server.get("/api/v1/images/public?min_price=0.01&limit=100&sort_by=price&sort_order=asc"),
    )
}

#[test]
fn responses_have_the_shape_of_the_spec_examples() {
    let server = start("shape");
    let list = server.get("/api/v1/images/public");
    assert_eq!(list.status, 200);
    assert!(list.content_type.starts_with("application/json"));
    let spec = fixture("list_public_200.json");
    let ours = list.json();
    assert_eq!(keys(&ours), keys(&spec));
    assert_eq!(ours["message"], spec["message"]);
    assert_eq!(keys(&ours["data"]), keys(&spec["data"]));
    assert_eq!(
        keys(&ours["data"]["pagination"]),
        keys(&spec["data"]["pagination"])
    );
    assert_eq!(
        keys(&ours["data"]["images"][0]),
        keys(&spec["data"]["images"][0])
    );

    let id = ours["data"]["images"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let detail = server.get(&format!("/api/v1/images/public/{id}")).json();
    let spec = fixture("get_public_200.json");
    assert_eq!(detail["message"], spec["message"]);
    assert_eq!(keys(&detail["data"]), keys(&spec["data"]));
    assert_eq!(
        detail["data"]["icon_url"],
        format!("/api/v1/images/{id}/icon")
    );

    let free = free_image(&server);
    let import = server
        .post(
            &format!("/api/v1/images/import/{free}"),
            Some("demo-token"),
            None,
        )
        .json();
    assert_eq!(import, fixture("import_200.json"));
    let user = server.get_auth("/api/v1/images/user", "demo-token").json();
    let spec = fixture("list_user_200.json");
    assert_eq!(user["message"], spec["message"]);
    assert_eq!(
        keys(&user["data"]["images"][0]),
        keys(&spec["data"]["images"][0])
    );

    let paid = paid_images(&server)[0]["id"].as_str().unwrap().to_string();
    let purchase = server
        .post(
            &format!("/api/v1/images/purchase/{paid}"),
            Some("demo-token"),
            None,
        )
        .json();
    let spec = fixture("purchase_200.json");
    assert_eq!(purchase["message"], spec["message"]);
    assert_eq!(keys(&purchase["data"]), keys(&spec["data"]));

    let rate = server
        .post(
            &format!("/api/v1/images/rate/{paid}"),
            Some("demo-token"),
            Some(r#"{"rating": 5}"#),
        )
        .json();
    let spec = fixture("rate_200.json");
    assert_eq!(rate["message"], spec["message"]);
    assert_eq!(keys(&rate["data"]), keys(&spec["data"]));
}

#[test]
fn list_defaults_and_paging() {
    let server = start("paging");
    let all = server.all_images();
    assert!(all.len() >= 80);
    let reply = server.get("/api/v1/images/public").json();
    let page = reply["data"]["images"].as_array().unwrap();
    assert_eq!(page.len(), 20);
    let p = &reply["data"]["pagination"];
    assert_eq!(p["total"], all.len());
    assert_eq!(p["page"], 1);
    assert_eq!(p["limit"], 20);
    assert_eq!(p["totalPages"], all.len().div_ceil(20));
    // Newest first by default.
    let dates: Vec<&str> = page
        .iter()
        .map(|i| i["added_date"].as_str().unwrap())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]));

    // Pages partition the catalog, in order, with no repeats.
    let mut seen = Vec::new();
    for n in 1..=all.len().div_ceil(30) {
        let reply = server.get(&format!("/api/v1/images/public?page={n}&limit=30"));
        seen.extend(
            images(&reply)
                .into_iter()
                .map(|i| i["id"].as_str().unwrap().to_string()),
        );
    }
    assert_eq!(seen.len(), all.len());
    assert_eq!(seen.iter().collect::<BTreeSet<_>>().len(), all.len());

    let beyond = server.get("/api/v1/images/public?page=99").json();
    assert_eq!(beyond["data"]["images"].as_array().unwrap().len(), 0);
    assert_eq!(beyond["data"]["pagination"]["total"], all.len());
    assert_eq!(
        images(&server.get("/api/v1/images/public?limit=100")).len(),
        all.len().min(100)
    );
}

#[test]
fn every_filter() {
    let server = start("filters");
    let all = server.all_images();
    let check = |query: &str, keep: &dyn Fn(&Value) -> bool| {
        let got = server.all_matching(query);
        let expected: Vec<&Value> = all.iter().filter(|i| keep(i)).collect();
        assert!(!expected.is_empty(), "{query} matches something");
        assert_eq!(got.len(), expected.len(), "{query}");
        assert!(got.iter().all(keep), "{query}");
    };
    check("os=ubuntu", &|i| i["os"] == "ubuntu");
    check("os=UBUNTU", &|i| i["os"] == "ubuntu");
    check("architecture=arm64", &|i| i["architecture"] == "arm64");
    check("os=debian&architecture=armhf", &|i| {
        i["os"] == "debian" && i["architecture"] == "armhf"
    });
    check("min_price=0&max_price=0", &|i| f(&i["price"]) == 0.0);
    check("min_price=5", &|i| f(&i["price"]) >= 5.0);
    check("max_price=5.99", &|i| f(&i["price"]) <= 5.99);
    check("min_price=2.99&max_price=7.99", &|i| {
        (2.99..=7.99).contains(&f(&i["price"]))
    });
    check("min_rating=4", &|i| f(&i["average_rating"]) >= 4.0);
    check("max_rating=3.5", &|i| f(&i["average_rating"]) <= 3.5);
    check("min_rating=3&max_rating=4", &|i| {
        (3.0..=4.0).contains(&f(&i["average_rating"]))
    });
    // Search covers name, description and tags, case-insensitively, every word.
    check("search=Jammy", &|i| {
        i["description"].as_str().unwrap().contains("Jammy")
    });
    check("search=noble%20cloud", &|i| {
        let d = i["description"].as_str().unwrap();
        d.contains("Noble") && d.contains("cloud")
    });
    check("search=musl", &|i| i["os"] == "alpine");
    check("search=ubuntu-24.04-amd64", &|i| {
        i["image_name"] == "ubuntu-24.04-amd64"
    });
    // Nothing matches: an empty page, not an error.
    let none = server
        .get("/api/v1/images/public?search=no-such-image-anywhere")
        .json();
    assert_eq!(none["data"]["pagination"]["total"], 0);
    assert_eq!(none["data"]["pagination"]["totalPages"], 0);
    // A reversed range is simply empty.
    assert_eq!(
        images(&server.get("/api/v1/images/public?min_price=10&max_price=2")).len(),
        0
    );
}

#[test]
fn every_sort_with_a_stable_tie_break() {
    let server = start("sorts");
    let total = server.all_images().len();
    for (field, key) in [
        ("alias", "alias"),
        ("added_date", "added_date"),
        ("price", "price"),
        ("rating", "average_rating"),
    ] {
        for order in ["asc", "desc"] {
            let got = images(&server.get(&format!(
                "/api/v1/images/public?limit=100&sort_by={field}&sort_order={order}"
            )));
            assert_eq!(got.len(), total.min(100));
            for pair in got.windows(2) {
                let (a, b) = (&pair[0], &pair[1]);
                let ordering = match key {
                    "alias" => a[key]
                        .as_str()
                        .unwrap()
                        .to_lowercase()
                        .cmp(&b[key].as_str().unwrap().to_lowercase()),
                    "added_date" => a[key].as_str().unwrap().cmp(b[key].as_str().unwrap()),
                    _ => f(&a[key]).partial_cmp(&f(&b[key])).unwrap(),
                };
                let ordering = if order == "desc" {
                    ordering.reverse()
                } else {
                    ordering
                };
                assert_ne!(
                    ordering,
                    std::cmp::Ordering::Greater,
                    "{field} {order}: {} then {}",
                    a[key],
                    b[key]
                );
                if ordering == std::cmp::Ordering::Equal {
                    let ids = a["id"].as_str().unwrap().cmp(b["id"].as_str().unwrap());
                    let ids = if order == "desc" { ids.reverse() } else { ids };
                    assert_eq!(ids, std::cmp::Ordering::Less, "ties are broken by id");
                }
            }
            // The same request twice gives the same order.
            let again = images(&server.get(&format!(
                "/api/v1/images/public?limit=100&sort_by={field}&sort_order={order}"
            )));
            assert_eq!(got, again);
        }
    }
}

#[test]
fn malformed_parameters_are_400_with_the_envelope() {
    let server = start("bad-params");
    for query in [
        "page=0",
        "page=-3",
        "page=abc",
        "limit=0",
        "limit=101",
        "limit=5000",
        "sort_by=evil",
        "sort_order=sideways",
        "min_price=-1",
        "max_price=abc",
        "min_rating=7",
        "max_rating=-1",
        "min_rating=NaN",
        "search=",
        "os=",
        "page=1&page=2",
    ] {
        let reply = server.get(&format!("/api/v1/images/public?{query}"));
        assert_eq!(reply.status, 400, "{query}");
        let json = reply.json();
        assert_eq!(json["error"], "Bad Request");
        assert!(
            json["message"].as_str().unwrap().starts_with("Invalid"),
            "{query}: {json}"
        );
    }
    for query in ["sort_by=alias", "limit=101", "page=0", "sort_order=up"] {
        let reply = server.get_auth(&format!("/api/v1/images/user?{query}"), "demo-token");
        assert_eq!(reply.status, 400, "{query}");
    }
}

#[test]
fn a_request_line_too_long_gets_the_error_envelope() {
    let server = start("long-uri");
    // Past what the HTTP layer reads (64 KB), and past what the server does.
    for length in [100 * 1024, 20 * 1024] {
        let search = "a".repeat(length);
        let reply = server.get(&format!("/api/v1/images/public?search={search}"));
        assert_eq!(reply.status, 414, "{length}");
        let json = reply.json();
        assert_eq!(json["statusCode"], 414);
        assert_eq!(json["error"], "URI Too Long");
        assert_eq!(json["message"], "Request URI too long");
    }
    // Just under the limit, a search is read, and refused as too long.
    let search = "a".repeat(api_server::server::MAX_URI_BYTES - 100);
    let reply = server.get(&format!("/api/v1/images/public?search={search}"));
    common::assert_error(
        &reply,
        400,
        "Invalid value for 'search': must be at most 200 characters",
    );
    // The connection after a refused one is served as usual.
    assert_eq!(server.get("/api/v1/images/public?limit=1").status, 200);
}

#[test]
fn the_builds_of_an_image_are_found_narrowly_at_scale() {
    let server = common::start_with(
        "scale",
        common::Options {
            seed_builds: Some(40),
            ..Default::default()
        },
    );
    let first = images(&server.get("/api/v1/images/public?limit=1"))[0].clone();
    let total = server.get("/api/v1/images/public?limit=1").json()["data"]["pagination"]["total"]
        .as_u64()
        .unwrap();
    assert!(total >= 3_000, "{total} entries");
    // OS, architecture and the alias as search, newest first: the image's
    // builds come first, each its own id, each later one with a later serial.
    let query = format!(
        "os={}&architecture={}&search={}&sort_by=added_date&sort_order=desc",
        first["os"].as_str().unwrap(),
        first["architecture"].as_str().unwrap(),
        first["alias"].as_str().unwrap().replace('/', "%2F"),
    );
    let same = |i: &Value| {
        ["os", "release", "variant", "architecture"]
            .iter()
            .all(|field| i[field] == first[field])
    };
    let builds: Vec<Value> = server
        .all_matching(&query)
        .into_iter()
        .filter(same)
        .collect();
    assert_eq!(builds.len(), 40);
    let serials: Vec<String> = builds
        .iter()
        .map(|b| {
            let id = b["id"].as_str().unwrap();
            let detail = server.get(&format!("/api/v1/images/public/{id}")).json();
            detail["data"]["serial"].as_str().unwrap().to_string()
        })
        .collect();
    assert!(
        serials.windows(2).all(|w| w[0] > w[1]),
        "newest first: {serials:?}"
    );
}

#[test]
fn detail_and_not_found() {
    let server = start("detail");
    let first = &server.all_images()[0];
    let id = first["id"].as_str().unwrap();
    let detail = server.get(&format!("/api/v1/images/public/{id}")).json();
    assert_eq!(detail["statusCode"], 200);
    let data = &detail["data"];
    assert_eq!(data["id"], first["id"]);
    assert_eq!(data["alias"], first["alias"]);
    assert_eq!(data["serial"].as_str().unwrap().len(), 8);
    assert_error(
        &server.get("/api/v1/images/public/507f1f77bcf86cd799439999"),
        404,
        "Public image not found",
    );
    assert_error(
        &server.get("/api/v1/images/public/a%2Fb%20%3Cscript%3E"),
        404,
        "Public image not found",
    );
}

#[test]
fn icons_are_png_and_missing_ones_are_404() {
    let server = start("icons");
    // An image of an OS the server has no icon for.
    let without_icon: api_server::db::ImageInput = serde_json::from_value(serde_json::json!({
        "id": "no-icon-1", "alias": "plan9/4", "architecture": "amd64", "os": "plan9",
        "icon_os": "plan9"
    }))
    .unwrap();
    server.import_images(&[without_icon]);
    let all = server.all_images();
    let mut with_icon = 0;
    let mut without = 0;
    for image in &all {
        let id = image["id"].as_str().unwrap();
        match image["icon_url"].as_str() {
            Some(url) => {
                with_icon += 1;
                assert_eq!(url, format!("/api/v1/images/{id}/icon"));
                let reply = server.get(url);
                assert_eq!(reply.status, 200);
                assert_eq!(reply.content_type, "image/png");
                assert_eq!(&reply.body[..8], b"\x89PNG\r\n\x1a\n");
            }
            None => {
                // No icon: `icon_url` is null, and the endpoint says so with the envelope.
                assert_eq!(image["icon_url"], Value::Null);
                without += 1;
                assert_error(
                    &server.get(&format!("/api/v1/images/{id}/icon")),
                    404,
                    "Image icon not found",
                );
            }
        }
    }
    // Every seeded image has its OS's icon; only the imported one has none.
    assert_eq!((with_icon, without), (all.len() - 1, 1));
    assert_error(
        &server.get("/api/v1/images/nope/icon"),
        404,
        "Image icon not found",
    );
    // Distinct icons per OS.
    let icon_of = |os: &str| {
        let image = all
            .iter()
            .find(|i| i["os"] == os && i["icon_url"].is_string())
            .unwrap();
        server.get(image["icon_url"].as_str().unwrap()).body
    };
    assert_ne!(icon_of("ubuntu"), icon_of("debian"));
    assert_ne!(icon_of("alpine"), icon_of("fedora"));
}

#[test]
fn json_is_compressed_when_the_client_accepts_it() {
    use std::io::Read;
    let server = start("compression");
    let path = "/api/v1/images/public?limit=50";
    let plain = server.get(path);
    assert_eq!(header(&plain, "content-encoding"), None);
    let gzip = server.get_with(path, &[("Accept-Encoding", "gzip")]);
    assert_eq!(gzip.status, 200);
    assert_eq!(header(&gzip, "content-encoding").as_deref(), Some("gzip"));
    assert!(
        gzip.body.len() * 3 < plain.body.len(),
        "{} vs {}",
        gzip.body.len(),
        plain.body.len()
    );
    let mut unzipped = Vec::new();
    flate2::read::GzDecoder::new(&gzip.body[..])
        .read_to_end(&mut unzipped)
        .unwrap();
    assert_eq!(unzipped, plain.body);
    let br = server.get_with(path, &[("Accept-Encoding", "br, gzip")]);
    assert_eq!(header(&br, "content-encoding").as_deref(), Some("br"));
    // Icons are images: sent as they are.
    let icon = server
        .all_images()
        .into_iter()
        .find_map(|i| i["icon_url"].as_str().map(String::from))
        .unwrap();
    let icon = server.get_with(&icon, &[("Accept-Encoding", "gzip")]);
    assert_eq!(header(&icon, "content-encoding"), None);
    assert_eq!(&icon.body[..8], b"\x89PNG\r\n\x1a\n");
}

fn header(reply: &common::Reply, name: &str) -> Option<String> {
    reply
        .headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.clone())
}

#[test]
fn user_endpoints_need_a_valid_bearer_token() {
    let server = start("auth");
    let id = free_image(&server);
    type Call<'a> = Box<dyn Fn(Option<&str>) -> common::Reply + 'a>;
    let cases: Vec<Call> = vec![
        Box::new(|t| match t {
            Some(t) => server.get_auth("/api/v1/images/user", t),
            None => server.get("/api/v1/images/user"),
        }),
        Box::new(|t| server.post(&format!("/api/v1/images/import/{id}"), t, None)),
        Box::new(|t| server.post(&format!("/api/v1/images/purchase/{id}"), t, None)),
        Box::new(|t| {
            server.post(
                &format!("/api/v1/images/rate/{id}"),
                t,
                Some(r#"{"rating":3}"#),
            )
        }),
    ];
    for case in &cases {
        assert_error(&case(None), 401, "Authentication required");
        assert_error(&case(Some("wrong-token")), 401, "Authentication required");
    }
    let reply = server.get_with(
        "/api/v1/images/user",
        &[("Authorization", "Basic demo-token")],
    );
    assert_error(&reply, 401, "Authentication required");
    let empty = server.get_auth("/api/v1/images/user", "demo-token").json();
    assert_eq!(empty["data"]["images"].as_array().unwrap().len(), 0);
    assert_eq!(empty["data"]["pagination"]["total"], 0);
}

#[test]
fn import_rules() {
    let server = start("import");
    let free = free_image(&server);
    let paid = paid_images(&server)[0]["id"].as_str().unwrap().to_string();
    let ok = server.post(
        &format!("/api/v1/images/import/{free}"),
        Some("demo-token"),
        None,
    );
    assert_eq!(ok.status, 200);
    assert_eq!(ok.json()["message"], "Free image imported successfully");
    assert_error(
        &server.post(
            &format!("/api/v1/images/import/{free}"),
            Some("demo-token"),
            None,
        ),
        400,
        "Image is not free or already imported",
    );
    assert_error(
        &server.post(
            &format!("/api/v1/images/import/{paid}"),
            Some("demo-token"),
            None,
        ),
        400,
        "Image is not free or already imported",
    );
    assert_error(
        &server.post("/api/v1/images/import/nope", Some("demo-token"), None),
        404,
        "Image not found",
    );
    let mine = server.get_auth("/api/v1/images/user", "demo-token").json();
    let image = &mine["data"]["images"][0];
    assert_eq!(image["id"], free.as_str());
    assert_eq!(image["has_rated"], false);
    assert_eq!(image["user_rating"], Value::Null);
}

#[test]
fn purchase_rules_and_exact_money() {
    let server = start("purchase");
    server.add_user("buyer", 5_000);
    server.add_user("poor", 100);
    let paid = paid_images(&server);
    let free = free_image(&server);
    let mut balance_cents: i64 = 5_000;
    let mut bought = 0;
    for image in &paid {
        let price_cents = (f(&image["price"]) * 100.0).round() as i64;
        let id = image["id"].as_str().unwrap();
        let reply = server.post(
            &format!("/api/v1/images/purchase/{id}"),
            Some("buyer"),
            None,
        );
        if price_cents <= balance_cents {
            assert_eq!(reply.status, 200, "{}", reply.text());
            let data = &reply.json()["data"];
            balance_cents -= price_cents;
            bought += 1;
            assert_eq!((f(&data["price_paid"]) * 100.0).round() as i64, price_cents);
            // Exactly the cents left, with no float drift.
            assert_eq!(
                data["remaining_balance"].to_string(),
                serde_json::to_string(&api_server::envelope::money(balance_cents)).unwrap()
            );
            assert_error(
                &server.post(
                    &format!("/api/v1/images/purchase/{id}"),
                    Some("buyer"),
                    None,
                ),
                400,
                "Insufficient balance or image already owned",
            );
        } else {
            assert_error(&reply, 400, "Insufficient balance or image already owned");
        }
    }
    assert!(bought >= 3, "bought {bought}");
    let mine = server
        .get_auth("/api/v1/images/user?limit=100", "buyer")
        .json();
    assert_eq!(mine["data"]["pagination"]["total"], bought);

    // Not enough money: refused, and the balance is untouched.
    let expensive = paid.last().unwrap()["id"].as_str().unwrap();
    assert_error(
        &server.post(
            &format!("/api/v1/images/purchase/{expensive}"),
            Some("poor"),
            None,
        ),
        400,
        "Insufficient balance or image already owned",
    );
    let cheapest = paid[0]["id"].as_str().unwrap();
    if f(&paid[0]["price"]) > 1.0 {
        assert_error(
            &server.post(
                &format!("/api/v1/images/purchase/{cheapest}"),
                Some("poor"),
                None,
            ),
            400,
            "Insufficient balance or image already owned",
        );
    }
    // Free images are imported, not bought.
    assert_error(
        &server.post(
            &format!("/api/v1/images/purchase/{free}"),
            Some("buyer"),
            None,
        ),
        400,
        "Insufficient balance or image already owned",
    );
    assert_error(
        &server.post("/api/v1/images/purchase/nope", Some("buyer"), None),
        404,
        "Image not found",
    );
}

#[test]
fn concurrent_double_purchase_charges_once() {
    let server = start("double");
    server.add_user("racer", 10_000);
    let image = &paid_images(&server)[0];
    let id = image["id"].as_str().unwrap().to_string();
    let price_cents = (f(&image["price"]) * 100.0).round() as i64;
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(8));
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8)
            .map(|_| {
                let barrier = barrier.clone();
                let (server, id) = (&server, &id);
                scope.spawn(move || {
                    barrier.wait();
                    server
                        .post(
                            &format!("/api/v1/images/purchase/{id}"),
                            Some("racer"),
                            None,
                        )
                        .status
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 400).count(),
        7,
        "{statuses:?}"
    );
    // One charge: the next purchase reports the balance after exactly one deduction.
    let other = &paid_images(&server)[1];
    let reply = server.post(
        &format!("/api/v1/images/purchase/{}", other["id"].as_str().unwrap()),
        Some("racer"),
        None,
    );
    let other_cents = (f(&other["price"]) * 100.0).round() as i64;
    let remaining = (f(&reply.json()["data"]["remaining_balance"]) * 100.0).round() as i64;
    assert_eq!(remaining, 10_000 - price_cents - other_cents);
}

#[test]
fn rating_rules() {
    let server = start("rate");
    server.add_user("rater2", 0);
    // Few earlier ratings, so one rating moves the (one-decimal) average visibly.
    let image = server
        .all_images()
        .into_iter()
        .filter(|i| i["rating_count"].as_i64().unwrap() > 0)
        .min_by_key(|i| i["rating_count"].as_i64().unwrap())
        .unwrap();
    let id = image["id"].as_str().unwrap().to_string();
    let count = image["rating_count"].as_i64().unwrap();
    let path = format!("/api/v1/images/rate/{id}");

    let first = server
        .post(&path, Some("demo-token"), Some(r#"{"rating": 5}"#))
        .json();
    assert_eq!(first["data"]["new_rating"], 5);
    assert_eq!(first["data"]["rating_count"], count + 1);
    // A second rating by the same user replaces the first.
    let second = server
        .post(&path, Some("demo-token"), Some(r#"{"rating": 1}"#))
        .json();
    assert_eq!(second["data"]["rating_count"], count + 1);
    assert!(f(&second["data"]["average_rating"]) < f(&first["data"]["average_rating"]));
    // Another user adds to the count.
    let third = server
        .post(&path, Some("rater2"), Some(r#"{"rating": 0}"#))
        .json();
    assert_eq!(third["data"]["rating_count"], count + 2);
    assert_eq!(third["data"]["new_rating"], 0);
    // Fractions are kept to a tenth of a star.
    let fraction = server
        .post(&path, Some("rater2"), Some(r#"{"rating": 4.25}"#))
        .json();
    assert_eq!(fraction["data"]["new_rating"], 4.3);
    // The detail agrees.
    let detail = server.get(&format!("/api/v1/images/public/{id}")).json();
    assert_eq!(
        detail["data"]["average_rating"],
        fraction["data"]["average_rating"]
    );
    assert_eq!(detail["data"]["rating_count"], count + 2);

    for bad in [
        r#"{"rating": -1}"#,
        r#"{"rating": 5.5}"#,
        r#"{"rating": "5"}"#,
        r#"{}"#,
        "not json",
        r#"{"rating": null}"#,
    ] {
        assert_error(
            &server.post(&path, Some("demo-token"), Some(bad)),
            400,
            "Invalid rating value (must be 0-5)",
        );
    }
    assert_error(
        &server.post(&path, Some("demo-token"), None),
        400,
        "Invalid rating value (must be 0-5)",
    );
    assert_error(
        &server.post(
            "/api/v1/images/rate/nope",
            Some("demo-token"),
            Some(r#"{"rating": 3}"#),
        ),
        404,
        "Image not found",
    );

    // Owned and rated: the user list shows the user's rating.
    let free = free_image(&server);
    server.post(
        &format!("/api/v1/images/import/{free}"),
        Some("demo-token"),
        None,
    );
    server.post(
        &format!("/api/v1/images/rate/{free}"),
        Some("demo-token"),
        Some(r#"{"rating": 3.5}"#),
    );
    let mine = server.get_auth("/api/v1/images/user", "demo-token").json();
    assert_eq!(mine["data"]["images"][0]["user_rating"], 3.5);
    assert_eq!(mine["data"]["images"][0]["has_rated"], true);
}

#[test]
fn user_list_sorts_and_pages_by_acquisition() {
    let server = start("user-list");
    let free: Vec<String> = images(
        &server.get("/api/v1/images/public?max_price=0&limit=5&sort_by=alias&sort_order=asc"),
    )
    .iter()
    .map(|i| i["id"].as_str().unwrap().to_string())
    .collect();
    for id in &free {
        assert_eq!(
            server
                .post(
                    &format!("/api/v1/images/import/{id}"),
                    Some("demo-token"),
                    None
                )
                .status,
            200
        );
    }
    let ids = |query: &str| -> Vec<String> {
        images(&server.get_auth(&format!("/api/v1/images/user?{query}"), "demo-token"))
            .iter()
            .map(|i| i["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids("sort_by=created_at&sort_order=asc"), free);
    let mut newest_first = free.clone();
    newest_first.reverse();
    assert_eq!(ids(""), newest_first);
    assert_eq!(ids("limit=2&page=2&sort_order=asc"), free[2..4].to_vec());
    let page = server
        .get_auth("/api/v1/images/user?limit=2", "demo-token")
        .json();
    assert_eq!(page["data"]["pagination"]["totalPages"], 3);
}

#[test]
fn restarting_keeps_purchases_and_ratings() {
    let dir = common::temp_dir("restart");
    let db = dir.join("kept.db");
    let paid_id;
    {
        let server = start_with(
            "restart-a",
            Options {
                db: Some(db.clone()),
                ..Default::default()
            },
        );
        paid_id = paid_images(&server)[0]["id"].as_str().unwrap().to_string();
        assert_eq!(
            server
                .post(
                    &format!("/api/v1/images/purchase/{paid_id}"),
                    Some("demo-token"),
                    None
                )
                .status,
            200
        );
        server.post(
            &format!("/api/v1/images/rate/{paid_id}"),
            Some("demo-token"),
            Some(r#"{"rating": 4}"#),
        );
    }
    let server = start_with(
        "restart-b",
        Options {
            db: Some(db),
            ..Default::default()
        },
    );
    let mine = server.get_auth("/api/v1/images/user", "demo-token").json();
    assert_eq!(mine["data"]["images"][0]["id"], paid_id.as_str());
    assert_eq!(mine["data"]["images"][0]["user_rating"], 4);
    // Not seeded twice.
    assert_eq!(server.all_images().len(), api_server::seed::catalog().len());
}

#[test]
fn serves_the_app_with_fallback_mime_types_and_caching() {
    let server = start("static");
    let index = server.get("/");
    assert_eq!(index.status, 200);
    assert!(index.content_type.starts_with("text/html"));
    assert_eq!(index.header("cache-control"), Some("no-cache"));
    assert_eq!(index.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(index.header("x-frame-options"), Some("DENY"));
    assert!(index.header("referrer-policy").is_some());
    let csp = index.header("content-security-policy").unwrap();
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval'")
            && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert!(!csp.contains("unsafe-inline"));
    let long_id = format!("/images/{}", "a".repeat(4000));
    for route in [
        "/images/abc",
        "/my-images",
        "/sign-in?next=%2F",
        "/no/such/page",
        "/images/ubuntu-22.04",
        // Longer than any file name.
        long_id.as_str(),
    ] {
        let reply = server.get_with(route, &[("Accept", "text/html")]);
        assert_eq!(reply.status, 200, "{route}");
        assert_eq!(reply.text(), "<!DOCTYPE html><title>app</title>", "{route}");
        assert_eq!(reply.header("cache-control"), Some("no-cache"), "{route}");
    }
    let wasm = server.get_with(
        "/app-0123456789abcdef_bg.wasm",
        &[("Accept-Encoding", "identity")],
    );
    assert_eq!(wasm.status, 200);
    assert_eq!(wasm.content_type, "application/wasm");
    assert_eq!(wasm.header("cache-control"), Some(common_immutable()));
    let br = server.get_with(
        "/app-0123456789abcdef_bg.wasm",
        &[("Accept-Encoding", "br, gzip")],
    );
    assert_eq!(br.header("content-encoding"), Some("br"));
    assert_eq!(br.body, b"brotli-bytes");
    assert_eq!(br.content_type, "application/wasm");
    let js = server.get("/app-0123456789abcdef.js");
    assert!(
        js.content_type.starts_with("text/javascript")
            || js.content_type.starts_with("application/javascript"),
        "{}",
        js.content_type
    );
    let css = server.get("/main-fedcba9876543210.css");
    assert!(css.content_type.starts_with("text/css"));
    let svg = server.get("/favicon.svg");
    assert_eq!(svg.content_type, "image/svg+xml");
    assert_eq!(svg.header("cache-control"), Some("no-cache"));
    assert_eq!(server.get("/missing-0123456789abcdef.js").status, 404);
    let api_missing = server.get("/api/v1/nope");
    assert_error(&api_missing, 404, "Route not found");
    assert_eq!(server.post("/api/v1/images/public", None, None).status, 405);
}

#[test]
fn config_json_says_this_is_the_demo_server_unless_served_as_is() {
    let config = r#"{"api_base_url": "/api/v1"}"#;
    let marked = start("config-marked");
    std::fs::write(marked.dir.join("dist/config.json"), config).unwrap();
    let reply = marked.get("/config.json");
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.json(),
        serde_json::json!({"api_base_url": "/api/v1", "demo_server": true})
    );
    assert_eq!(reply.header("cache-control"), Some("no-cache"));

    let as_is = start_with(
        "config-as-is",
        Options {
            app_config_as_is: true,
            ..Default::default()
        },
    );
    std::fs::write(as_is.dir.join("dist/config.json"), config).unwrap();
    let reply = as_is.get("/config.json");
    assert_eq!(reply.status, 200);
    assert_eq!(reply.text(), config);
    assert_eq!(reply.header("cache-control"), Some("no-cache"));
}

fn common_immutable() -> &'static str {
    api_server::static_files::IMMUTABLE
}

#[test]
fn fault_injection_is_opt_in_and_does_what_it_says() {
    use api_server::faults::FaultSettings;
    let errors = start_with(
        "faults-500",
        Options {
            faults: FaultSettings {
                error_rate: 1.0,
                ..Default::default()
            },
            ..Default::default()
        },
    );
    assert_error(
        &errors.get("/api/v1/images/public"),
        500,
        "Failed to retrieve public images",
    );
    assert_error(
        &errors.get("/api/v1/images/public/x"),
        500,
        "Failed to retrieve public image details",
    );
    assert_error(
        &errors.post("/api/v1/images/purchase/x", Some("demo-token"), None),
        500,
        "Failed to purchase image",
    );
    // The app's files are never faulted.
    assert_eq!(errors.get("/").status, 200);

    let malformed = start_with(
        "faults-malformed",
        Options {
            faults: FaultSettings {
                malformed_rate: 1.0,
                ..Default::default()
            },
            ..Default::default()
        },
    );
    let reply = malformed.get("/api/v1/images/public");
    assert_eq!(reply.status, 200);
    assert!(serde_json::from_slice::<Value>(&reply.body).is_err());

    let slow = start_with(
        "faults-latency",
        Options {
            faults: FaultSettings {
                latency_ms: 300,
                ..Default::default()
            },
            ..Default::default()
        },
    );
    let started = std::time::Instant::now();
    assert_eq!(slow.get("/api/v1/images/public").status, 200);
    assert!(started.elapsed() >= std::time::Duration::from_millis(300));

    let controlled = start_with(
        "faults-control",
        Options {
            fault_control: true,
            ..Default::default()
        },
    );
    assert_eq!(controlled.get("/api/v1/images/public").status, 200);
    let set = controlled.post("/__faults", None, Some(r#"{"error_rate": 1}"#));
    assert_eq!(set.status, 200);
    assert_eq!(controlled.get("/api/v1/images/public").status, 500);
    controlled.post("/__faults", None, Some(r#"{}"#));
    assert_eq!(controlled.get("/api/v1/images/public").status, 200);
    assert_eq!(
        controlled
            .post("/__faults", None, Some(r#"{"error_rate": 3}"#))
            .status,
        400
    );
    // Without --fault-control there is no such endpoint.
    let plain = start("faults-off");
    assert_eq!(
        plain
            .post("/__faults", None, Some(r#"{"error_rate": 1}"#))
            .status,
        405
    );
    assert_eq!(plain.get("/api/v1/images/public").status, 200);
}

#[test]
fn cors_is_off_by_default_and_limited_to_listed_origins() {
    let plain = start("cors-off");
    let reply = plain.get_with(
        "/api/v1/images/public",
        &[("Origin", "https://app.example.com")],
    );
    assert_eq!(reply.header("access-control-allow-origin"), None);

    let server = start_with(
        "cors-on",
        Options {
            cors_origins: vec!["https://app.example.com".into()],
            ..Default::default()
        },
    );
    let preflight = server.options(
        "/api/v1/images/user",
        &[
            ("Origin", "https://app.example.com"),
            ("Access-Control-Request-Method", "GET"),
            ("Access-Control-Request-Headers", "authorization"),
        ],
    );
    assert_eq!(preflight.status, 200);
    assert_eq!(
        preflight.header("access-control-allow-origin"),
        Some("https://app.example.com")
    );
    assert!(preflight
        .header("access-control-allow-headers")
        .unwrap()
        .contains("authorization"));
    let other = server.get_with(
        "/api/v1/images/public",
        &[("Origin", "https://evil.example.com")],
    );
    assert_eq!(other.header("access-control-allow-origin"), None);
}

#[test]
fn command_line_errors_are_clear() {
    let binary = env!("CARGO_BIN_EXE_api-server");
    let dir = common::temp_dir("cli");
    let run = |args: &[&str]| {
        let output = std::process::Command::new(binary)
            .args(args)
            .output()
            .unwrap();
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let db = dir.join("x.db");
    let db = db.to_str().unwrap();
    let (code, stderr) = run(&["--addr", "not-an-address", "--db", db]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("--addr must be HOST:PORT"), "{stderr}");
    let (code, stderr) = run(&["--addr", "203.0.113.1:80", "--db", db]);
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("cannot listen on 203.0.113.1:80"),
        "{stderr}"
    );
    let (code, stderr) = run(&["--addr", "127.0.0.1:0", "--db", "/nonexistent-folder/x.db"]);
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("cannot open database /nonexistent-folder/x.db"),
        "{stderr}"
    );
    let (code, stderr) = run(&[
        "--addr",
        "127.0.0.1:0",
        "--db",
        db,
        "--dist",
        "/nonexistent-dist",
    ]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("--dist /nonexistent-dist"), "{stderr}");
    let output = std::process::Command::new(binary)
        .args(["add-user", "--db", db, "--balance", "25", "--name", "Ann"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let token = String::from_utf8_lossy(&output.stdout).trim().to_string();
    assert!(token.starts_with("cit_"), "{token}");
}
