//! The boot script (`src/boot/opening_request.js`) works out the opening
//! page's API request before the app has loaded, with the app's rules
//! written in JavaScript. This runs both on the same hostile inputs (page
//! addresses and `config.json` files) and fails if they disagree: a request
//! the boot script sends must be the very one the app makes, and a file the
//! app refuses must send none.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use container_images_web::api::{parse_config, ApiBase, ApiClient};
use container_images_web::pages::{opening_request, OpeningRequest};

const ORIGIN: &str = "https://app.example.com";

const PATHS: &[&str] = &[
    "/",
    "",
    "/images/507f1f77bcf86cd799439011",
    "/images/a-b_c",
    "/images/a.b",
    "/images/..",
    "/images/.",
    "/images/%2e%2e",
    "/images/a%2Fb",
    "/images/a%20b",
    "/images/",
    "/images/日本",
    "/images/a/b",
    "/images/x/",
    "/IMAGES/x",
    "//images/x",
    "/images",
    "/my-images",
    "/sign-in",
    "/no/such/page",
];

const SEARCHES: &[&str] = &[
    "",
    "?",
    "?os=debian",
    "?page=-1&limit=5000",
    "?sort_by=evil",
    "?search=%3Cscript%3E",
];

/// `config.json` answers: (HTTP status, body).
const CONFIGS: &[(u16, &str)] = &[
    (404, ""),
    (200, "{}"),
    (200, r#"{"api_base_url": null}"#),
    (200, r#"{"api_base_url": "/api/v1"}"#),
    (200, r#"{"api_base_url": "/api/v1/"}"#),
    (200, r#"{"api_base_url": " /api/v1 "}"#),
    (200, r#"{"api_base_url": "https://api.example.com/api/v1"}"#),
    (200, r#"{"api_base_url": "HTTPS://API.example.com/v1/"}"#),
    (200, r#"{"api_base_url": "http://[::1]:8080/api"}"#),
    (200, r#"{"api_base_url": "javascript:alert(1)"}"#),
    (200, r#"{"api_base_url": "//evil.example/api"}"#),
    (200, r#"{"api_base_url": "https://user@evil.example/api"}"#),
    (200, r#"{"api_base_url": "https://evil.example\\x/api"}"#),
    (200, r#"{"api_base_url": "https://"}"#),
    (200, r#"{"api_base_url": "https://a b/api"}"#),
    (200, r#"{"api_base_url": "/api?x=1"}"#),
    (200, r#"{"api_base_url": "/api#x"}"#),
    (200, r#"{"api_base_url": "/api\u0000v1"}"#),
    (200, r#"{"api_base_url": "/api\u0085v1"}"#),
    (200, r#"{"api_base_url": ""}"#),
    (200, r#"{"api_base_url": 5}"#),
    (200, r#"{"api_base_url": ["/api"]}"#),
    (200, r#"{"apiBase": "/x"}"#),
    (200, r#"{"api_base_url": "/api/v1", "extra": 1}"#),
    (
        200,
        r#"{"sign_in_help_url": "https://market.example.com/tokens", "demo_server": true}"#,
    ),
    (
        200,
        r#"{"sign_in_help_url": "javascript:alert(1)", "demo_server": false}"#,
    ),
    (200, r#"{"sign_in_help_url": null}"#),
    (200, r#"{"sign_in_help_url": 5}"#),
    (200, r#"{"demo_server": null}"#),
    (200, r#"{"demo_server": "true"}"#),
    (200, "{not json"),
    (200, "null"),
    (200, r#""/api/v1""#),
    (200, ""),
    (500, ""),
    (403, "{}"),
];

/// The app's opening request for a page, as the app works it out.
fn app_opening_url(status: u16, body: &str, pathname: &str, search: &str) -> Option<String> {
    let base = match status {
        404 => ApiBase::parse(ApiBase::DEFAULT_PATH, ORIGIN).ok()?,
        200 => parse_config(body, ORIGIN).ok()?.api_base,
        _ => return None,
    };
    let client = ApiClient::new(base);
    Some(match opening_request(pathname, search)? {
        OpeningRequest::Catalog(request) => client.url_of(&request),
        OpeningRequest::Image(request) => client.url_of(&request),
    })
}

/// Whether the app accepts the file (so the page can start at all).
fn app_accepts(status: u16, body: &str) -> bool {
    match status {
        404 => true,
        200 => parse_config(body, ORIGIN).is_ok(),
        _ => false,
    }
}

/// The boot script's answer for every case, in order (None: no request).
fn boot_script_urls(cases: &[(u16, &str, &str, &str)]) -> Vec<Option<String>> {
    let module = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/boot/opening_request.js");
    let script = format!(
        r#"import {{ apiBaseFromConfig, openingRequestUrl }} from {module:?};
import {{ readFileSync }} from "node:fs";
const cases = JSON.parse(readFileSync(0, "utf8"));
const urls = cases.map(([status, body, pathname, search]) =>
  openingRequestUrl(apiBaseFromConfig(status, body, {ORIGIN:?}), "", pathname, search));
process.stdout.write(JSON.stringify(urls));"#,
        module = module.display().to_string(),
    );
    let mut node = Command::new("node")
        .args(["--input-type=module", "-e", &script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("node is installed (scripts/setup.sh checks)");
    let input = serde_json::to_string(cases).unwrap();
    node.stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let output = node.wait_with_output().unwrap();
    assert!(output.status.success(), "node failed");
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn the_boot_script_sends_what_the_app_would_and_nothing_else() {
    // Ids as long as a plain id may be, and longer.
    let longest = format!("/images/{}", "a".repeat(200));
    let too_long = format!("/images/{}", "a".repeat(201));
    let paths: Vec<&str> = PATHS
        .iter()
        .copied()
        .chain([longest.as_str(), too_long.as_str()])
        .collect();
    let mut cases = Vec::new();
    for &(status, body) in CONFIGS {
        for &pathname in &paths {
            for &search in SEARCHES {
                cases.push((status, body, pathname, search));
            }
        }
    }
    let urls = boot_script_urls(&cases);
    assert_eq!(urls.len(), cases.len());
    let mut sent = 0;
    for ((status, body, pathname, search), boot) in cases.iter().zip(urls) {
        let case = format!("config {status} {body:?}, page {pathname:?}{search}");
        let app = app_opening_url(*status, body, pathname, search);
        if let Some(boot) = boot {
            sent += 1;
            assert_eq!(
                Some(boot),
                app,
                "{case}: the boot script asked for another URL"
            );
        } else if !app_accepts(*status, body) {
            continue;
        } else if (*pathname == "/" && search.is_empty())
            || *pathname == "/images/507f1f77bcf86cd799439011"
        {
            panic!("{case}: the boot script sent nothing for a page it is meant to speed up");
        }
    }
    assert!(sent > 0, "the boot script never sent anything");
}

#[test]
fn the_app_refuses_every_file_the_boot_script_refuses_and_the_reverse() {
    let cases: Vec<(u16, &str, &str, &str)> = CONFIGS
        .iter()
        .map(|&(status, body)| (status, body, "/", ""))
        .collect();
    let urls = boot_script_urls(&cases);
    for ((status, body, _, _), boot) in cases.iter().zip(urls) {
        // "[]" and the like: serde reads an empty array as an empty struct,
        // which the boot script does not try to match; it only sends nothing.
        if body.trim_start().starts_with('[') {
            continue;
        }
        assert_eq!(
            boot.is_some(),
            app_accepts(*status, body),
            "config {status} {body:?}"
        );
    }
}
