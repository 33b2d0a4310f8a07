//! The API's base URL, and resolving the `icon_url`s it returns.

/// Where the API lives, e.g. `https://api.example.com/api/v1` (no trailing slash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiBase {
    url: String,
    origin: String,
}

impl ApiBase {
    /// The contract's default path, used below the page's own origin.
    pub const DEFAULT_PATH: &'static str = "/api/v1";

    /// Accepts an absolute `http(s)://` URL, or a path starting with `/` that is
    /// taken relative to `page_origin`. Anything else is refused with a reason.
    pub fn parse(input: &str, page_origin: &str) -> Result<Self, String> {
        let input = input.trim();
        if input.is_empty() {
            return Err("the API base URL is empty".to_string());
        }
        if input.chars().any(|c| c.is_whitespace() || c.is_control()) || input.contains(['?', '#'])
        {
            return Err(format!(
                "the API base URL \"{input}\" has characters a base URL cannot have"
            ));
        }
        let absolute = if input.starts_with('/') && !input.starts_with("//") {
            format!("{}{}", page_origin.trim_end_matches('/'), input)
        } else {
            input.to_string()
        };
        let origin = http_origin(&absolute).ok_or_else(|| {
            format!("the API base URL \"{input}\" must start with http://, https:// or /")
        })?;
        let url = absolute.trim_end_matches('/').to_string();
        Ok(Self { url, origin })
    }

    /// The full URL of an endpoint path such as `/images/public?page=2`.
    pub fn url_for(&self, path_and_query: &str) -> String {
        format!("{}{}", self.url, path_and_query)
    }

    /// The base URL itself.
    pub fn as_str(&self) -> &str {
        &self.url
    }

    /// `scheme://host[:port]` of the API.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// Resolves an `icon_url` from the API. Paths are taken relative to the API's
    /// origin; absolute URLs must be http(s). Any other scheme (`javascript:`,
    /// `data:`, ...) or a URL with control characters gives `None`: never used.
    pub fn resolve_icon_url(&self, icon_url: &str) -> Option<String> {
        if icon_url.is_empty()
            || icon_url
                .chars()
                .any(|c| c.is_control() || c.is_whitespace())
        {
            return None;
        }
        if icon_url.starts_with("//") {
            let scheme = self.origin.split("://").next().unwrap_or("https");
            return Some(format!("{scheme}:{icon_url}"));
        }
        if icon_url.starts_with('/') {
            return Some(format!("{}{}", self.origin, icon_url));
        }
        http_origin(icon_url).map(|_| icon_url.to_string())
    }
}

/// `scheme://authority` of an absolute http(s) URL, with the scheme lower-cased.
fn http_origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.is_empty() || authority.contains(['\\', '@']) {
        return None;
    }
    Some(format!("{scheme}://{}", authority.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "http://127.0.0.1:8080";

    #[test]
    fn default_path_uses_page_origin() {
        let base = ApiBase::parse(ApiBase::DEFAULT_PATH, PAGE).unwrap();
        assert_eq!(base.as_str(), "http://127.0.0.1:8080/api/v1");
        assert_eq!(base.origin(), "http://127.0.0.1:8080");
        assert_eq!(
            base.url_for("/images/public?page=2"),
            "http://127.0.0.1:8080/api/v1/images/public?page=2"
        );
    }

    #[test]
    fn absolute_base_keeps_its_own_origin() {
        let base = ApiBase::parse("https://API.example.com/api/v1/", PAGE).unwrap();
        assert_eq!(base.as_str(), "https://API.example.com/api/v1");
        assert_eq!(base.origin(), "https://api.example.com");
    }

    #[test]
    fn bad_bases_are_refused_with_a_reason() {
        for bad in [
            "",
            "  ",
            "ftp://x/api",
            "api/v1",
            "javascript:alert(1)",
            "//evil.com/api",
            "https://",
            "https://a b/",
        ] {
            let err = ApiBase::parse(bad, PAGE).unwrap_err();
            assert!(err.contains("API base URL"), "{bad}: {err}");
        }
        assert!(ApiBase::parse("https://user@evil.com/api", PAGE).is_err());
        assert!(ApiBase::parse("/api?x=1", PAGE).is_err());
    }

    #[test]
    fn icon_urls_resolve_against_the_api_origin() {
        let base = ApiBase::parse("https://api.example.com/api/v1", PAGE).unwrap();
        assert_eq!(
            base.resolve_icon_url("/api/v1/images/1/icon").as_deref(),
            Some("https://api.example.com/api/v1/images/1/icon")
        );
        assert_eq!(
            base.resolve_icon_url("https://cdn.example.com/i.png")
                .as_deref(),
            Some("https://cdn.example.com/i.png")
        );
        assert_eq!(
            base.resolve_icon_url("//cdn.example.com/i.png").as_deref(),
            Some("https://cdn.example.com/i.png")
        );
    }

    #[test]
    fn icon_urls_with_other_schemes_are_never_used() {
        let base = ApiBase::parse("/api/v1", PAGE).unwrap();
        for hostile in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "data:image/png;base64,AAAA",
            "vbscript:msgbox",
            "file:///etc/passwd",
            "icon.png",
            "",
            "/api/v1/images/1/icon\n",
        ] {
            assert_eq!(base.resolve_icon_url(hostile), None, "{hostile:?}");
        }
    }
}
