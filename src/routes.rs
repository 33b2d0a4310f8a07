//! The app's URLs: building links, and the base path when the app is hosted
//! below a sub-path (for example `https://cdn.example.com/catalog/`).

use leptos_router::NavigateOptions;
use std::sync::OnceLock;

use crate::api::url::encode_component;

/// Highest page number accepted from a URL, on any paged page.
pub const MAX_PAGE: u32 = 100_000;

static BASE: OnceLock<String> = OnceLock::new();

/// Sets the base path once at start (`""` at the site root, `/catalog` below it).
pub fn init_base(base: &str) {
    let _ = BASE.set(normalize_base(base));
}

/// The base path, `""` at the site root.
pub fn base() -> &'static str {
    BASE.get().map(String::as_str).unwrap_or("")
}

/// `/catalog/` as `/catalog`; `/` and `` as ``.
pub fn normalize_base(base: &str) -> String {
    let trimmed = base.trim().trim_end_matches('/');
    if trimmed.is_empty() {
        String::new()
    } else if trimmed.starts_with('/') {
        trimmed.to_string()
    } else {
        format!("/{trimmed}")
    }
}

/// The path part of the document's base URI (`<base href>`), given the page origin.
pub fn base_from_document(base_uri: &str, origin: &str) -> String {
    let path = base_uri.strip_prefix(origin).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    normalize_base(path)
}

/// Whether a click on a link is a plain one, which the app may handle
/// itself; a modified or middle click opens the link as the browser does.
pub fn is_plain_click(ev: &leptos::ev::MouseEvent) -> bool {
    ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key())
}

/// `use_navigate` options to open another page: a new history entry, at
/// the top of the page.
pub fn to_page() -> NavigateOptions {
    navigate_options(false, true)
}

/// `use_navigate` options to go to another page in place of this one (Back
/// skips this one), at the top of the page.
pub fn to_page_instead() -> NavigateOptions {
    navigate_options(true, true)
}

/// `use_navigate` options for another view of the same page (filters, sort,
/// page): a new history entry, the scroll left where it is.
pub fn to_view() -> NavigateOptions {
    navigate_options(false, false)
}

/// `use_navigate` options for another view of the same page in place of
/// this one (typing a search, tidying the address): no new history entry.
pub fn to_view_instead() -> NavigateOptions {
    navigate_options(true, false)
}

// The paths this module builds already hold the base path, so the router
// must not resolve (and prefix) them.
fn navigate_options(replace: bool, scroll: bool) -> NavigateOptions {
    NavigateOptions {
        resolve: false,
        replace,
        scroll,
        ..Default::default()
    }
}

/// Whether `pathname` (the location's path, base path included) is the catalog.
pub fn is_catalog_path(pathname: &str) -> bool {
    is_catalog_path_below(base(), pathname)
}

fn is_catalog_path_below(base: &str, pathname: &str) -> bool {
    pathname
        .strip_prefix(base)
        .is_some_and(|rest| rest.is_empty() || rest == "/")
}

/// Whether `pathname` (base path included) is My images.
pub fn is_my_images_path(pathname: &str) -> bool {
    pathname
        .strip_prefix(base())
        .is_some_and(|rest| rest == "/my-images")
}

/// The id in an image page's path (`/images/507f…`), when it is plain
/// letters, digits, `-`, `_` or `.`, as every real id is; odd ids are left to
/// the router to decode.
pub fn plain_image_id_in_path(pathname: &str) -> Option<String> {
    plain_image_id_below(base(), pathname)
}

fn plain_image_id_below(base: &str, pathname: &str) -> Option<String> {
    let id = pathname.strip_prefix(base)?.strip_prefix("/images/")?;
    let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    let fits = !id.is_empty() && id.len() <= MAX_PLAIN_ID_CHARS;
    (fits && id != "." && id != ".." && id.chars().all(plain)).then(|| id.to_string())
}

/// The longest id asked for before the app has loaded (an API's ids are
/// far shorter); the image's page asks for any other itself.
const MAX_PLAIN_ID_CHARS: usize = 200;

/// The catalog with no filters.
pub fn catalog_root() -> String {
    format!("{}/", base())
}

/// An image's detail page.
pub fn image_href(id: &str) -> String {
    format!("{}/images/{}", base(), encode_component(id))
}

/// My images, on `page` (1 is left out), oldest first when `oldest_first`.
pub fn my_images_href(page: u32, oldest_first: bool) -> String {
    let mut query = crate::api::url::QueryString::new();
    query
        .push_opt("sort_order", oldest_first.then_some("asc"))
        .push_opt("page", (page > 1).then_some(page));
    format!("{}/my-images{}", base(), query.to_suffix())
}

/// My images' state from its query string: `(page, oldest_first)`.
/// Anything unreadable falls back to page 1, newest first.
pub fn parse_my_images_query(search: &str) -> (u32, bool) {
    let mut page = None;
    let mut oldest_first = None;
    for (key, value) in crate::api::url::parse_query(search) {
        match key.as_str() {
            "page" if page.is_none() => {
                page = Some(
                    value
                        .trim()
                        .parse::<u32>()
                        .ok()
                        .filter(|p| *p >= 1)
                        .unwrap_or(1),
                )
            }
            "sort_order" if oldest_first.is_none() => oldest_first = Some(value == "asc"),
            _ => {}
        }
    }
    (
        page.unwrap_or(1).min(MAX_PAGE),
        oldest_first.unwrap_or(false),
    )
}

/// `/path?query` from a location's path and query (with or without its `?`).
pub fn path_with_query(pathname: &str, search: &str) -> String {
    let search = search.trim_start_matches('?');
    if search.is_empty() {
        pathname.to_string()
    } else {
        format!("{pathname}?{search}")
    }
}

/// The sign-in page, coming back to `next` (a path of this app) afterwards.
pub fn sign_in_href(next: Option<&str>) -> String {
    match next.and_then(safe_next) {
        Some(next) => format!("{}/sign-in?next={}", base(), encode_component(&next)),
        None => format!("{}/sign-in", base()),
    }
}

/// The sign-in page's own path (without query).
pub fn sign_in_path() -> String {
    format!("{}/sign-in", base())
}

/// Accepts `next` only when it is a path inside this app, so a crafted
/// sign-in link cannot send anyone to another site after signing in.
pub fn safe_next(next: &str) -> Option<String> {
    let base = base();
    let inside = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(char::is_control)
        && (base.is_empty() || next == base || next.starts_with(&format!("{base}/")));
    let is_sign_in = next.split(['?', '#']).next() == Some(sign_in_path().as_str());
    (inside && !is_sign_in).then(|| next.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalog_is_the_base_path_itself() {
        assert!(is_catalog_path_below("", "/"));
        assert!(!is_catalog_path_below("", "/images/1"));
        assert!(!is_catalog_path_below("", "/my-images"));
        assert!(is_catalog_path_below("/catalog", "/catalog/"));
        assert!(is_catalog_path_below("/catalog", "/catalog"));
        assert!(!is_catalog_path_below("/catalog", "/catalogue"));
        assert!(!is_catalog_path_below("/catalog", "/"));
        assert!(!is_catalog_path_below("/catalog", "/catalog/images/1"));
    }

    #[test]
    fn plain_image_ids_are_read_from_the_path() {
        let id = |base, path| plain_image_id_below(base, path);
        assert_eq!(
            id("", "/images/507f1f77bcf86cd799439011").as_deref(),
            Some("507f1f77bcf86cd799439011")
        );
        assert_eq!(
            id("/catalog", "/catalog/images/a-b_c.1").as_deref(),
            Some("a-b_c.1")
        );
        for odd in [
            "/images/",
            "/images/a%2Fb",
            "/images/a/b",
            "/images/..",
            "/images/a+b",
            "/images/日本",
            "/my-images",
            "/",
        ] {
            assert_eq!(id("", odd), None, "{odd}");
        }
        let longest = format!("/images/{}", "a".repeat(MAX_PLAIN_ID_CHARS));
        assert!(id("", &longest).is_some());
        let too_long = format!("{longest}a");
        assert_eq!(id("", &too_long), None, "too long to ask for early");
        assert_eq!(id("/catalog", "/images/1"), None);
    }

    #[test]
    fn bases_are_normalised() {
        assert_eq!(normalize_base(""), "");
        assert_eq!(normalize_base("/"), "");
        assert_eq!(normalize_base("/catalog/"), "/catalog");
        assert_eq!(normalize_base("catalog"), "/catalog");
        assert_eq!(
            base_from_document(
                "https://cdn.example.com/catalog/",
                "https://cdn.example.com"
            ),
            "/catalog"
        );
        assert_eq!(
            base_from_document("http://127.0.0.1:8080/", "http://127.0.0.1:8080"),
            ""
        );
        assert_eq!(
            base_from_document("http://127.0.0.1:8080/images/abc", "http://other"),
            ""
        );
    }

    // BASE is process-wide and unset in host tests: links are at the root.
    #[test]
    fn links_at_the_root() {
        assert_eq!(image_href("507f"), "/images/507f");
        assert_eq!(image_href("a/b c"), "/images/a%2Fb%20c");
        assert_eq!(catalog_root(), "/");
        assert_eq!(my_images_href(1, false), "/my-images");
        assert_eq!(my_images_href(3, true), "/my-images?sort_order=asc&page=3");
        assert_eq!(sign_in_href(None), "/sign-in");
        assert_eq!(path_with_query("/my-images", ""), "/my-images");
        assert_eq!(path_with_query("/", "?os=debian"), "/?os=debian");
        assert_eq!(
            path_with_query("/", "os=debian&page=2"),
            "/?os=debian&page=2"
        );
        assert_eq!(
            sign_in_href(Some("/images/1?x=2")),
            "/sign-in?next=%2Fimages%2F1%3Fx%3D2"
        );
    }

    #[test]
    fn my_images_query_round_trips_and_survives_bad_input() {
        assert_eq!(parse_my_images_query(""), (1, false));
        assert_eq!(parse_my_images_query("?page=3&sort_order=asc"), (3, true));
        assert_eq!(parse_my_images_query("page=-1&sort_order=evil"), (1, false));
        assert_eq!(parse_my_images_query("page=abc"), (1, false));
        assert_eq!(parse_my_images_query("page=999999999"), (MAX_PAGE, false));
        for (page, oldest) in [(1, false), (2, true), (7, false)] {
            let href = my_images_href(page, oldest);
            let query = href.split_once('?').map(|(_, q)| q).unwrap_or("");
            assert_eq!(parse_my_images_query(query), (page, oldest));
        }
    }

    #[test]
    fn next_must_stay_inside_the_app() {
        assert_eq!(
            safe_next("/my-images?page=2").as_deref(),
            Some("/my-images?page=2")
        );
        assert_eq!(safe_next("/"), Some("/".to_string()));
        for bad in [
            "https://evil.example",
            "//evil.example/x",
            "/\\evil.example",
            "javascript:alert(1)",
            "my-images",
            "",
            "/sign-in",
            "/sign-in?next=/",
            "/x\n",
        ] {
            assert_eq!(safe_next(bad), None, "{bad:?}");
        }
        assert_eq!(sign_in_href(Some("https://evil.example")), "/sign-in");
    }
}
