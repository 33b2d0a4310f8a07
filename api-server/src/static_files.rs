//! Serves the built app (trunk's `dist/`): right MIME types, precompressed
//! `.br`/`.gz` when the browser accepts them, long-lived caching for
//! content-hashed files, `no-cache` for everything else, and `index.html` for
//! client routes such as `/images/abc`.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use std::path::PathBuf;
use std::sync::OnceLock;
use tower::ServiceExt;
use tower_http::services::ServeDir;

/// `Cache-Control` for files whose name carries a content hash.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// `Cache-Control` for everything else: always revalidate.
pub const NO_CACHE: &str = "no-cache";
/// The security headers of the app's files, as deploy/security-headers.txt
/// writes them for every host ("Name: value" lines; `#` comments), with no
/// other origin in the CSP: this server serves the app beside the API.
pub fn security_headers() -> &'static [(HeaderName, HeaderValue)] {
    static HEADERS: OnceLock<Vec<(HeaderName, HeaderValue)>> = OnceLock::new();
    HEADERS
        .get_or_init(|| parse_security_headers(include_str!("../../deploy/security-headers.txt")))
}

/// The headers of a security-headers file, for the API's own origin.
pub fn parse_security_headers(text: &str) -> Vec<(HeaderName, HeaderValue)> {
    text.lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .filter_map(|line| {
            let (name, value) = line.split_once(": ")?;
            let value = value.replace(" $API_ORIGIN", "");
            Some((
                HeaderName::from_bytes(name.as_bytes()).ok()?,
                HeaderValue::from_str(&value).ok()?,
            ))
        })
        .collect()
}

/// True for names like `app-1a2b3c4d5e6f7a8b.js` or `app-1a2b3c4d5e6f7a8b_bg.wasm`.
/// trunk writes the 64-bit hash in hex without leading zeros, so it may be
/// shorter than 16 digits (one build in sixteen has 15).
pub fn is_content_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.split('.').next().unwrap_or(name);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    match stem.rsplit_once('-') {
        Some((_, hash)) => {
            (12..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
        }
        None => false,
    }
}

/// True when a request for a missing file should get the app (a client route).
pub fn wants_app_shell(method: &Method, path: &str, accept: Option<&str>) -> bool {
    if method != Method::GET && method != Method::HEAD {
        return false;
    }
    let last = path.rsplit('/').next().unwrap_or("");
    let has_extension = last.contains('.');
    !has_extension || accept.is_some_and(|a| a.contains("text/html"))
}

/// The directory being served.
#[derive(Clone)]
pub struct Dist {
    pub dir: PathBuf,
    /// Whether `config.json` says this is the demo server.
    pub mark_demo: bool,
}

fn serve_dir(dir: &PathBuf) -> ServeDir {
    ServeDir::new(dir)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(true)
}

/// The app's `config.json` as this server hands it out: the file in
/// `dist/` (or none), marked as the demo server's, so that the sign-in page
/// says where this server's demo token is.
fn demo_config(dir: &std::path::Path) -> Response {
    let file = std::fs::read_to_string(dir.join("config.json")).ok();
    match demo_config_text(file.as_deref()) {
        Some(text) => ([(header::CONTENT_TYPE, "application/json")], text).into_response(),
        // Not an object: the app should say the file is broken, as it would.
        None => (
            [(header::CONTENT_TYPE, "application/json")],
            file.unwrap_or_default(),
        )
            .into_response(),
    }
}

/// `text` (a `config.json`, or none) with `"demo_server": true`; `None`
/// when it is not a JSON object.
pub fn demo_config_text(text: Option<&str>) -> Option<String> {
    let mut config = match text {
        Some(text) => serde_json::from_str::<serde_json::Value>(text).ok()?,
        None => serde_json::json!({}),
    };
    config
        .as_object_mut()?
        .insert("demo_server".into(), serde_json::Value::Bool(true));
    Some(config.to_string())
}

/// Handler for every non-API path.
pub async fn serve(State(dist): State<Option<Dist>>, request: Request) -> Response {
    let Some(dist) = dist else {
        return (
            StatusCode::NOT_FOUND,
            "Not found: this server was started without --dist\n",
        )
            .into_response();
    };
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let accept = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let headers = request.headers().clone();

    if method == Method::GET && path == "/config.json" && dist.mark_demo {
        return with_headers(demo_config(&dist.dir).into_response(), NO_CACHE);
    }

    // No file has a name longer than 255 bytes (the file system would
    // answer "name too long", which ServeDir makes a 500): such a path is a
    // client route, or nothing.
    let no_such_file = path.split('/').any(|segment| segment.len() > 255);
    let response = if no_such_file {
        StatusCode::NOT_FOUND.into_response()
    } else {
        match serve_dir(&dist.dir).oneshot(request).await {
            Ok(response) => response.map(Body::new),
            Err(never) => match never {},
        }
    };
    if response.status() != StatusCode::NOT_FOUND
        || !wants_app_shell(&method, &path, accept.as_deref())
    {
        let cache = if is_content_hashed(&path) && response.status().is_success() {
            IMMUTABLE
        } else {
            NO_CACHE
        };
        return with_headers(response, cache);
    }

    // A client route: answer with the app shell.
    let mut index_request = Request::builder()
        .method(Method::GET)
        .uri("/index.html")
        .body(Body::empty())
        .unwrap_or_default();
    for name in [
        header::ACCEPT_ENCODING,
        header::IF_NONE_MATCH,
        header::IF_MODIFIED_SINCE,
    ] {
        if let Some(value) = headers.get(&name) {
            index_request.headers_mut().insert(name, value.clone());
        }
    }
    match serve_dir(&dist.dir).oneshot(index_request).await {
        Ok(response) => with_headers(response.map(Body::new), NO_CACHE),
        Err(never) => match never {},
    }
}

fn with_headers(mut response: Response, cache_control: &'static str) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control),
    );
    headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    for (name, value) in security_headers() {
        headers.insert(name.clone(), value.clone());
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn security_headers_come_from_the_one_file_without_another_origin() {
        let headers = security_headers();
        let names: Vec<&str> = headers.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(
            names,
            [
                "content-security-policy",
                "x-content-type-options",
                "referrer-policy",
                "x-frame-options"
            ]
        );
        let csp = headers[0].1.to_str().unwrap();
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
            "{csp}"
        );
        assert!(csp.contains("img-src 'self'; connect-src 'self';"), "{csp}");
        assert!(
            !csp.contains('$') && !csp.contains("unsafe-inline"),
            "{csp}"
        );
    }

    #[test]
    fn hashed_names() {
        assert!(is_content_hashed(
            "/container-images-web-1a2b3c4d5e6f7a8b.js"
        ));
        assert!(is_content_hashed(
            "/container-images-web-1a2b3c4d5e6f7a8b_bg.wasm"
        ));
        assert!(is_content_hashed("/main-0123456789abcdef.css"));
        assert!(is_content_hashed(
            "/container-images-web-197eff264a7513d_bg.wasm"
        ));
        assert!(!is_content_hashed("/icon-maskable.svg"));
        assert!(!is_content_hashed("/app-0123456789abcdef0.js"));
        assert!(!is_content_hashed("/index.html"));
        assert!(!is_content_hashed("/favicon.svg"));
        assert!(!is_content_hashed("/config.json"));
        assert!(!is_content_hashed("/my-images"));
        assert!(!is_content_hashed("/sw.js"));
    }

    #[test]
    fn the_config_is_marked_as_the_demo_servers() {
        let text = demo_config_text(Some(r#"{"api_base_url": "/api/v1"}"#)).unwrap();
        let config: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(config["api_base_url"], "/api/v1");
        assert_eq!(config["demo_server"], true);
        assert_eq!(
            demo_config_text(None).as_deref(),
            Some(r#"{"demo_server":true}"#)
        );
        assert_eq!(demo_config_text(Some("[1]")), None);
        assert_eq!(demo_config_text(Some("{broken")), None);
    }

    #[test]
    fn client_routes_get_the_shell() {
        assert!(wants_app_shell(&Method::GET, "/images/abc", None));
        assert!(wants_app_shell(&Method::GET, "/my-images", Some("*/*")));
        assert!(wants_app_shell(
            &Method::GET,
            "/images/ubuntu-22.04",
            Some("text/html,application/xhtml+xml")
        ));
        assert!(!wants_app_shell(&Method::GET, "/missing.js", Some("*/*")));
        assert!(!wants_app_shell(&Method::POST, "/images/abc", None));
    }
}
