//! Runtime configuration: `config.json` beside `index.html` says where the API
//! is, so one build serves every environment. No file means the same origin.

use gloo_net::http::{Request, Response};
use serde::Deserialize;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::base::ApiBase;
use super::early::{early_requests_sent, take_early_response, EarlyResponse};

/// The file's name, relative to the document's base URL.
pub const CONFIG_FILE: &str = "config.json";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    /// Absolute `https://…/api/v1`, or a path on the page's own origin.
    #[serde(default)]
    api_base_url: Option<String>,
}

/// Parses `config.json`'s text into the API base URL, or says what is wrong.
pub fn parse_config(text: &str, page_origin: &str) -> Result<ApiBase, String> {
    let file: ConfigFile =
        serde_json::from_str(text).map_err(|err| format!("{CONFIG_FILE} is not valid: {err}"))?;
    let base = file
        .api_base_url
        .unwrap_or_else(|| ApiBase::DEFAULT_PATH.to_string());
    ApiBase::parse(&base, page_origin).map_err(|err| format!("{CONFIG_FILE}: {err}"))
}

/// Loads the configuration. A missing file (404) means the defaults; a file
/// that cannot be read or understood is an error to show on the page.
pub async fn load_config(document_base: &str, page_origin: &str) -> Result<ApiBase, String> {
    let url = format!("{}/{CONFIG_FILE}", document_base.trim_end_matches('/'));
    // The boot script has usually asked for it already (see `early`).
    let sent = match take_early_response(&url) {
        Some(EarlyResponse::Pending(early)) => JsFuture::from(early)
            .await
            .ok()
            .and_then(|response| response.dyn_into::<web_sys::Response>().ok())
            .map(Response::from),
        _ => Request::get(&url).send().await.ok(),
    };
    // The opening page's request, which the boot script sends once it has
    // read the file, must not be sent twice.
    early_requests_sent().await;
    let Some(response) = sent else {
        // Offline with nothing cached: use the defaults; the API calls will say they failed.
        return ApiBase::parse(ApiBase::DEFAULT_PATH, page_origin);
    };
    match response.status() {
        404 => ApiBase::parse(ApiBase::DEFAULT_PATH, page_origin),
        200 => {
            let text = response
                .text()
                .await
                .map_err(|_| format!("{CONFIG_FILE} could not be read"))?;
            parse_config(&text, page_origin)
        }
        status => Err(format!("{CONFIG_FILE} could not be loaded (HTTP {status})")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORIGIN: &str = "https://app.example.com";

    #[test]
    fn absolute_and_relative_bases() {
        let base = parse_config(
            r#"{"api_base_url": "https://api.example.com/api/v1"}"#,
            ORIGIN,
        )
        .unwrap();
        assert_eq!(base.as_str(), "https://api.example.com/api/v1");
        let base = parse_config(r#"{"api_base_url": "/api/v1"}"#, ORIGIN).unwrap();
        assert_eq!(base.as_str(), "https://app.example.com/api/v1");
        let base = parse_config("{}", ORIGIN).unwrap();
        assert_eq!(base.as_str(), "https://app.example.com/api/v1");
    }

    #[test]
    fn broken_files_say_what_is_wrong() {
        let err = parse_config("{not json", ORIGIN).unwrap_err();
        assert!(err.starts_with("config.json is not valid"), "{err}");
        let err = parse_config(r#"{"api_base_url": "ftp://x"}"#, ORIGIN).unwrap_err();
        assert!(err.contains("must start with"), "{err}");
        let err = parse_config(r#"{"api_base_url": 5}"#, ORIGIN).unwrap_err();
        assert!(err.starts_with("config.json is not valid"), "{err}");
        let err = parse_config(r#"{"apiBase": "/x"}"#, ORIGIN).unwrap_err();
        assert!(err.contains("unknown field"), "{err}");
    }
}
