//! Runtime configuration: `config.json` beside `index.html` says where the API
//! is, so one build serves every environment, and where a buyer gets an API
//! token. No file means the same origin.

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
    /// The page where a buyer gets an API token (`https://…` or a path).
    #[serde(default)]
    sign_in_help_url: Option<String>,
    /// Set by the reference server, which prints a demo token.
    #[serde(default)]
    demo_server: bool,
}

/// What `config.json` says.
#[derive(Debug, Clone, PartialEq)]
pub struct RuntimeConfig {
    pub api_base: ApiBase,
    pub sign_in_help: SignInHelp,
}

/// What the sign-in page can tell a buyer about tokens.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SignInHelp {
    /// Where a buyer gets an API token.
    pub token_page: Option<String>,
    /// The API is the reference server, which printed a demo token.
    pub demo_server: bool,
}

impl RuntimeConfig {
    fn defaults(page_origin: &str) -> Result<Self, String> {
        Ok(Self {
            api_base: ApiBase::parse(ApiBase::DEFAULT_PATH, page_origin)?,
            sign_in_help: SignInHelp::default(),
        })
    }
}

/// Parses `config.json`'s text, or says what is wrong.
pub fn parse_config(text: &str, page_origin: &str) -> Result<RuntimeConfig, String> {
    let file: ConfigFile =
        serde_json::from_str(text).map_err(|err| format!("{CONFIG_FILE} is not valid: {err}"))?;
    let base = file
        .api_base_url
        .unwrap_or_else(|| ApiBase::DEFAULT_PATH.to_string());
    let api_base =
        ApiBase::parse(&base, page_origin).map_err(|err| format!("{CONFIG_FILE}: {err}"))?;
    Ok(RuntimeConfig {
        api_base,
        sign_in_help: SignInHelp {
            // An address no link may point to is left out, not an error:
            // the boot script, which reads the file first, takes any string.
            token_page: file.sign_in_help_url.as_deref().and_then(link_address),
            demo_server: file.demo_server,
        },
    })
}

/// `url` when a link may point there: `http(s)://host…` or a path on this
/// site; never `javascript:` and the like.
fn link_address(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let web = ["https://", "http://"]
        .iter()
        .any(|scheme| lower.starts_with(scheme) && url.len() > scheme.len());
    let path = url.starts_with('/') && !url.starts_with("//");
    let clean = !url.chars().any(|c| c.is_whitespace() || c.is_control());
    ((web || path) && clean).then(|| url.to_string())
}

/// Loads the configuration. A missing file (404) means the defaults; a file
/// that cannot be read or understood is an error to show on the page.
pub async fn load_config(document_base: &str, page_origin: &str) -> Result<RuntimeConfig, String> {
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
        return RuntimeConfig::defaults(page_origin);
    };
    match response.status() {
        404 => RuntimeConfig::defaults(page_origin),
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
        .unwrap()
        .api_base;
        assert_eq!(base.as_str(), "https://api.example.com/api/v1");
        let base = parse_config(r#"{"api_base_url": "/api/v1"}"#, ORIGIN).unwrap();
        assert_eq!(base.api_base.as_str(), "https://app.example.com/api/v1");
        let config = parse_config("{}", ORIGIN).unwrap();
        assert_eq!(config.api_base.as_str(), "https://app.example.com/api/v1");
        assert_eq!(config.sign_in_help, SignInHelp::default());
    }

    #[test]
    fn sign_in_help_from_the_deployment() {
        let config = parse_config(
            r#"{"sign_in_help_url": "https://market.example.com/account/tokens"}"#,
            ORIGIN,
        )
        .unwrap();
        assert_eq!(
            config.sign_in_help.token_page.as_deref(),
            Some("https://market.example.com/account/tokens")
        );
        assert!(!config.sign_in_help.demo_server);
        let config = parse_config(
            r#"{"sign_in_help_url": "/help/tokens", "demo_server": true}"#,
            ORIGIN,
        )
        .unwrap();
        assert_eq!(
            config.sign_in_help.token_page.as_deref(),
            Some("/help/tokens")
        );
        assert!(config.sign_in_help.demo_server);
        for hostile in [
            "javascript:alert(1)",
            "//evil.example",
            "https://",
            "/a b",
            "",
        ] {
            let text = format!(
                r#"{{"sign_in_help_url": {}}}"#,
                serde_json::to_string(hostile).unwrap()
            );
            let config = parse_config(&text, ORIGIN).unwrap();
            assert_eq!(config.sign_in_help.token_page, None, "{hostile}");
        }
        let err = parse_config(r#"{"demo_server": "yes"}"#, ORIGIN).unwrap_err();
        assert!(err.starts_with("config.json is not valid"), "{err}");
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
