//! The catalog's state as it lives in the URL: parsing a query string into
//! [`CatalogQuery`], writing it back, and turning it into an API request.
//!
//! The URL is the single source of truth for the catalog. Any query string,
//! however broken or hostile, parses into a valid state (bad values are
//! dropped or brought into range), so no invalid request is ever sent.

use crate::api::{url, ListPublicImages, Pagination, PublicSortBy, SortOrder};
use crate::format::{format_money_cents, os_label, star_count};
use crate::routes::{self, MAX_PAGE};

/// Page sizes the catalog offers.
pub const PAGE_SIZES: [u32; 4] = [20, 40, 60, 100];
/// The page size when the URL says nothing.
pub const DEFAULT_PAGE_SIZE: u32 = 20;
/// Longest search text kept, in characters.
pub const MAX_SEARCH_CHARS: usize = 100;
/// Highest price filter accepted from a URL, in cents ($1,000,000).
pub const MAX_PRICE_CENTS: u64 = 100_000_000;

/// A rating in tenths of a star (0..=50), so that it survives the URL exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RatingTenths(u8);

impl RatingTenths {
    /// `None` unless `stars` is a finite number from 0 to 5.
    pub fn from_stars(stars: f64) -> Option<Self> {
        if stars.is_finite() && (0.0..=5.0).contains(&stars) {
            Some(Self((stars * 10.0).round() as u8))
        } else {
            None
        }
    }

    /// The rating in stars.
    pub fn stars(self) -> f64 {
        f64::from(self.0) / 10.0
    }
}

/// Sort choices as the UI shows them: one field and one direction each.
pub const SORT_CHOICES: [(PublicSortBy, SortOrder, &str); 8] = [
    (PublicSortBy::AddedDate, SortOrder::Desc, "Newest first"),
    (PublicSortBy::AddedDate, SortOrder::Asc, "Oldest first"),
    (PublicSortBy::Alias, SortOrder::Asc, "Name (A–Z)"),
    (PublicSortBy::Alias, SortOrder::Desc, "Name (Z–A)"),
    (PublicSortBy::Price, SortOrder::Asc, "Price: low to high"),
    (PublicSortBy::Price, SortOrder::Desc, "Price: high to low"),
    (PublicSortBy::Rating, SortOrder::Desc, "Rating: high to low"),
    (PublicSortBy::Rating, SortOrder::Asc, "Rating: low to high"),
];

/// Everything the catalog shows: filters, sort, page size and page.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CatalogQuery {
    pub os: Option<String>,
    pub architecture: Option<String>,
    pub min_price_cents: Option<u64>,
    pub max_price_cents: Option<u64>,
    pub min_rating: Option<RatingTenths>,
    pub max_rating: Option<RatingTenths>,
    pub search: Option<String>,
    pub sort_by: PublicSortBy,
    pub sort_order: SortOrder,
    pub limit: u32,
    pub page: u32,
}

impl Default for CatalogQuery {
    fn default() -> Self {
        Self {
            os: None,
            architecture: None,
            min_price_cents: None,
            max_price_cents: None,
            min_rating: None,
            max_rating: None,
            search: None,
            sort_by: PublicSortBy::AddedDate,
            sort_order: SortOrder::Desc,
            limit: DEFAULT_PAGE_SIZE,
            page: 1,
        }
    }
}

/// One active filter, as a removable chip shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActiveFilter {
    /// What the chip says, e.g. `OS: Ubuntu`.
    pub label: String,
    /// The query without this filter (and back on page 1).
    pub without: CatalogQuery,
    /// Whether this is the search text.
    pub is_search: bool,
}

impl CatalogQuery {
    /// Parses a query string such as `?os=ubuntu&page=2`.
    pub fn from_query_string(query: &str) -> Self {
        Self::from_pairs(url::parse_query(query))
    }

    /// Parses decoded key/value pairs. The first value of a key wins; unknown
    /// keys are ignored; invalid values fall back to "not set" or the default.
    pub fn from_pairs<K: AsRef<str>, V: AsRef<str>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        let mut query = Self::default();
        let mut seen: Vec<String> = Vec::new();
        for (key, value) in pairs {
            let (key, value) = (key.as_ref(), value.as_ref());
            if seen.iter().any(|k| k == key) {
                continue;
            }
            seen.push(key.to_string());
            match key {
                "os" => query.os = parse_token(value),
                "architecture" => query.architecture = parse_token(value),
                "min_price" => query.min_price_cents = parse_price(value),
                "max_price" => query.max_price_cents = parse_price(value),
                "min_rating" => query.min_rating = parse_rating(value),
                "max_rating" => query.max_rating = parse_rating(value),
                "search" => query.search = parse_search(value),
                "sort_by" => {
                    query.sort_by = PublicSortBy::parse(value).unwrap_or_default();
                }
                "sort_order" => query.sort_order = SortOrder::parse(value).unwrap_or_default(),
                "limit" => query.limit = parse_limit(value),
                "page" => query.page = parse_page(value),
                _ => {}
            }
        }
        query
    }

    /// The canonical query string (with `?`, or empty): fixed key order, defaults left out.
    pub fn to_query_string(&self) -> String {
        let defaults = Self::default();
        let mut query = url::QueryString::new();
        query
            .push_opt("search", self.search.as_deref())
            .push_opt("os", self.os.as_deref())
            .push_opt("architecture", self.architecture.as_deref())
            .push_opt("min_price", self.min_price_cents.map(cents_to_decimal))
            .push_opt("max_price", self.max_price_cents.map(cents_to_decimal))
            .push_opt(
                "min_rating",
                self.min_rating.map(|r| url::format_number(r.stars())),
            )
            .push_opt(
                "max_rating",
                self.max_rating.map(|r| url::format_number(r.stars())),
            )
            .push_opt(
                "sort_by",
                (self.sort_by != defaults.sort_by).then(|| self.sort_by.as_str()),
            )
            .push_opt(
                "sort_order",
                (self.sort_order != defaults.sort_order).then(|| self.sort_order.as_str()),
            )
            .push_opt(
                "limit",
                (self.limit != defaults.limit).then_some(self.limit),
            )
            .push_opt("page", (self.page != 1).then_some(self.page));
        query.to_suffix()
    }

    /// The catalog's address showing this view.
    pub fn href(&self) -> String {
        format!("{}{}", routes::catalog_root(), self.to_query_string())
    }

    /// The API request for this view. A reversed range is sent the right way round.
    pub fn to_request(&self) -> ListPublicImages {
        let (min_price, max_price) = ordered(self.min_price_cents, self.max_price_cents);
        let (min_rating, max_rating) = ordered(self.min_rating, self.max_rating);
        ListPublicImages {
            os: self.os.clone(),
            architecture: self.architecture.clone(),
            min_price: min_price.map(|c| c as f64 / 100.0),
            max_price: max_price.map(|c| c as f64 / 100.0),
            min_rating: min_rating.map(RatingTenths::stars),
            max_rating: max_rating.map(RatingTenths::stars),
            search: self.search.clone(),
            page: Some(self.page),
            limit: Some(self.limit),
            sort_by: Some(self.sort_by),
            sort_order: Some(self.sort_order),
        }
    }

    /// Whether its results hold the newest build of every image they show:
    /// no filter that the builds of one image can differ in (price, rating),
    /// and the first page of a newest-first order, or the only page.
    pub fn holds_newest_builds(&self, paging: Pagination) -> bool {
        let same_for_every_build = self.min_price_cents.is_none()
            && self.max_price_cents.is_none()
            && self.min_rating.is_none()
            && self.max_rating.is_none();
        let newest_first =
            self.sort_by == PublicSortBy::AddedDate && self.sort_order == SortOrder::Desc;
        same_for_every_build && ((newest_first && self.page == 1) || paging.total_pages <= 1)
    }

    /// True when the minimum price is above the maximum.
    pub fn price_range_reversed(&self) -> bool {
        matches!((self.min_price_cents, self.max_price_cents), (Some(min), Some(max)) if min > max)
    }

    /// True when the minimum rating is above the maximum.
    pub fn rating_range_reversed(&self) -> bool {
        matches!((self.min_rating, self.max_rating), (Some(min), Some(max)) if min > max)
    }

    /// True when only free images are shown (a maximum price of 0).
    pub fn free_only(&self) -> bool {
        self.max_price_cents == Some(0)
    }

    /// The same view with the page changed (everything else kept).
    pub fn with_page(&self, page: u32) -> Self {
        Self {
            page: page.clamp(1, MAX_PAGE),
            ..self.clone()
        }
    }

    /// The first page of the view with a change to its filters, sort or page
    /// size (another view's results start on their first page).
    pub fn first_page_with(&self, change: impl FnOnce(&mut Self)) -> Self {
        let mut next = self.clone();
        change(&mut next);
        next.page = 1;
        next
    }

    /// No filters, same sort and page size, page 1.
    pub fn cleared(&self) -> Self {
        Self {
            sort_by: self.sort_by,
            sort_order: self.sort_order,
            limit: self.limit,
            ..Self::default()
        }
    }

    /// The active filters, in the order the sidebar lists them.
    pub fn active_filters(&self) -> Vec<ActiveFilter> {
        let mut chips = Vec::new();
        if let Some(search) = &self.search {
            chips.push(ActiveFilter {
                label: format!("Search: “{search}”"),
                without: self.first_page_with(|q| q.search = None),
                is_search: true,
            });
        }
        if let Some(os) = &self.os {
            chips.push(ActiveFilter {
                label: format!("OS: {}", os_label(os)),
                without: self.first_page_with(|q| q.os = None),
                is_search: false,
            });
        }
        if let Some(arch) = &self.architecture {
            chips.push(ActiveFilter {
                label: format!("Architecture: {arch}"),
                without: self.first_page_with(|q| q.architecture = None),
                is_search: false,
            });
        }
        if let Some(label) = self.price_label() {
            chips.push(ActiveFilter {
                label,
                without: self.first_page_with(|q| {
                    q.min_price_cents = None;
                    q.max_price_cents = None;
                }),
                is_search: false,
            });
        }
        if let Some(label) = self.rating_label() {
            chips.push(ActiveFilter {
                label,
                without: self.first_page_with(|q| {
                    q.min_rating = None;
                    q.max_rating = None;
                }),
                is_search: false,
            });
        }
        chips
    }

    fn price_label(&self) -> Option<String> {
        let (min, max) = ordered(self.min_price_cents, self.max_price_cents);
        match (min, max) {
            (_, Some(0)) => Some("Free only".to_string()),
            (Some(min), Some(max)) => Some(format!(
                "Price: {}–{}",
                format_money_cents(min as i64),
                format_money_cents(max as i64)
            )),
            (Some(min), None) => Some(format!("Price: from {}", format_money_cents(min as i64))),
            (None, Some(max)) => Some(format!("Price: up to {}", format_money_cents(max as i64))),
            (None, None) => None,
        }
    }

    fn rating_label(&self) -> Option<String> {
        let (min, max) = ordered(self.min_rating, self.max_rating);
        let number = |r: RatingTenths| url::format_number(r.stars());
        let stars = |r: RatingTenths| star_count(r.stars());
        match (min, max) {
            (Some(min), Some(max)) => Some(format!("Rating: {}–{}", number(min), stars(max))),
            (Some(min), None) => Some(format!("Rating: {} & up", stars(min))),
            (None, Some(max)) => Some(format!("Rating: up to {}", stars(max))),
            (None, None) => None,
        }
    }
}

/// Puts a pair into ascending order when both ends are set.
fn ordered<T: Ord + Copy>(min: Option<T>, max: Option<T>) -> (Option<T>, Option<T>) {
    match (min, max) {
        (Some(a), Some(b)) if a > b => (Some(b), Some(a)),
        other => other,
    }
}

/// `250` cents as `2.5`, `200` as `2`, `255` as `2.55`.
pub fn cents_to_decimal(cents: u64) -> String {
    match cents % 100 {
        0 => format!("{}", cents / 100),
        c if c % 10 == 0 => format!("{}.{}", cents / 100, c / 10),
        c => format!("{}.{:02}", cents / 100, c),
    }
}

/// Parses a price in dollars into cents; `None` unless it is a plain number from 0 to the cap.
pub fn parse_price(value: &str) -> Option<u64> {
    let value = value.trim();
    if value.is_empty() || !value.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let dollars: f64 = value.parse().ok()?;
    let cents = (dollars * 100.0).round();
    (cents.is_finite() && cents >= 0.0 && cents <= MAX_PRICE_CENTS as f64).then_some(cents as u64)
}

fn parse_rating(value: &str) -> Option<RatingTenths> {
    let value = value.trim();
    if value.is_empty() || !value.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    RatingTenths::from_stars(value.parse().ok()?)
}

/// OS and architecture values: short lowercase tokens; anything else is dropped.
fn parse_token(value: &str) -> Option<String> {
    let value = value.trim().to_ascii_lowercase();
    let valid = !value.is_empty()
        && value.len() <= 32
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    valid.then_some(value)
}

fn parse_search(value: &str) -> Option<String> {
    let cleaned: String = value
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let trimmed: String = cleaned.trim().chars().take(MAX_SEARCH_CHARS).collect();
    let trimmed = trimmed.trim_end();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

/// A page size from the URL: an offered size as is; another positive number
/// goes up to the next offered size (at most 100); anything else is the default.
fn parse_limit(value: &str) -> u32 {
    match value.trim().parse::<u64>() {
        Ok(n) if n > 0 => PAGE_SIZES
            .into_iter()
            .find(|&size| u64::from(size) >= n)
            .unwrap_or(PAGE_SIZES[PAGE_SIZES.len() - 1]),
        _ => DEFAULT_PAGE_SIZE,
    }
}

fn parse_page(value: &str) -> u32 {
    match value.trim().parse::<u64>() {
        Ok(0) | Err(_) => 1,
        Ok(n) => n.min(u64::from(MAX_PAGE)) as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Endpoint;

    fn parse(query: &str) -> CatalogQuery {
        CatalogQuery::from_query_string(query)
    }

    #[test]
    fn empty_query_is_the_default_view() {
        let query = parse("");
        assert_eq!(query, CatalogQuery::default());
        assert_eq!(query.to_query_string(), "");
        let request = query.to_request();
        assert_eq!(request.page, Some(1));
        assert_eq!(request.limit, Some(20));
        assert_eq!(request.sort_by, Some(PublicSortBy::AddedDate));
        assert_eq!(request.sort_order, Some(SortOrder::Desc));
        assert_eq!(request.os, None);
    }

    #[test]
    fn every_parameter_parses() {
        let query = parse(
            "?search=nginx%20proxy&os=ubuntu&architecture=arm64&min_price=1.5&max_price=10\
             &min_rating=3.5&max_rating=5&sort_by=price&sort_order=asc&limit=40&page=3",
        );
        assert_eq!(query.search.as_deref(), Some("nginx proxy"));
        assert_eq!(query.os.as_deref(), Some("ubuntu"));
        assert_eq!(query.architecture.as_deref(), Some("arm64"));
        assert_eq!(query.min_price_cents, Some(150));
        assert_eq!(query.max_price_cents, Some(1000));
        assert_eq!(query.min_rating, RatingTenths::from_stars(3.5));
        assert_eq!(query.max_rating, RatingTenths::from_stars(5.0));
        assert_eq!(query.sort_by, PublicSortBy::Price);
        assert_eq!(query.sort_order, SortOrder::Asc);
        assert_eq!(query.limit, 40);
        assert_eq!(query.page, 3);
        assert_eq!(
            query.to_request().path_and_query(),
            "/images/public?os=ubuntu&architecture=arm64&min_price=1.5&max_price=10\
             &min_rating=3.5&max_rating=5&search=nginx%20proxy&page=3&limit=40\
             &sort_by=price&sort_order=asc"
        );
    }

    #[test]
    fn hostile_values_are_normalised() {
        assert_eq!(parse("page=-3").page, 1);
        assert_eq!(parse("page=abc").page, 1);
        assert_eq!(parse("page=0").page, 1);
        assert_eq!(parse("page=2.5").page, 1);
        assert_eq!(parse("page=99999999999999999999").page, 1);
        assert_eq!(parse("page=4000000").page, MAX_PAGE);
        assert_eq!(parse("limit=5000").limit, 100);
        assert_eq!(parse("limit=5").limit, 20);
        assert_eq!(parse("limit=41").limit, 60);
        assert_eq!(parse("limit=-1").limit, 20);
        assert_eq!(parse("limit=ten").limit, 20);
        assert_eq!(parse("sort_by=evil").sort_by, PublicSortBy::AddedDate);
        assert_eq!(parse("sort_order=sideways").sort_order, SortOrder::Desc);
        assert_eq!(parse("min_price=-5").min_price_cents, None);
        assert_eq!(parse("min_price=NaN").min_price_cents, None);
        assert_eq!(parse("min_price=inf").min_price_cents, None);
        assert_eq!(parse("min_price=1e3").min_price_cents, None);
        assert_eq!(parse("max_price=99999999").max_price_cents, None);
        assert_eq!(parse("min_rating=7").min_rating, None);
        assert_eq!(parse("min_rating=-1").min_rating, None);
        assert_eq!(parse("max_rating=").max_rating, None);
        assert_eq!(parse("os=%3Cscript%3E").os, None);
        assert_eq!(parse("os=Ubuntu").os.as_deref(), Some("ubuntu"));
        assert_eq!(parse("architecture=a%20b").architecture, None);
        assert_eq!(parse("search=%20%20").search, None);
        assert_eq!(parse("search=a%00b").search.as_deref(), Some("a b"));
        let long = "x".repeat(500);
        assert_eq!(
            parse(&format!("search={long}"))
                .search
                .unwrap()
                .chars()
                .count(),
            MAX_SEARCH_CHARS
        );
        assert_eq!(parse("unknown=1&evil=%3Cb%3E"), CatalogQuery::default());
        assert_eq!(parse("%ZZ=%&&=&page"), CatalogQuery::default());
        assert_eq!(parse("page=2&page=5").page, 2, "the first value wins");
    }

    #[test]
    fn hostile_urls_never_produce_invalid_requests() {
        let hostile = [
            "page=-3",
            "page=abc",
            "limit=5000",
            "sort_by=evil",
            "min_price=10&max_price=2",
            "min_rating=5&max_rating=1",
            "unknown=1",
            "min_price=-1&max_price=-2",
            "min_rating=NaN",
            "search=%F0%9F%92%A3%3Cscript%3E",
            "os=..%2F..",
            "limit=0&page=0",
        ];
        for raw in hostile {
            let request = parse(raw).to_request();
            let page = request.page.unwrap();
            let limit = request.limit.unwrap();
            assert!(page >= 1, "{raw}");
            assert!((1..=100).contains(&limit), "{raw}");
            if let (Some(min), Some(max)) = (request.min_price, request.max_price) {
                assert!(min <= max && min >= 0.0, "{raw}");
            }
            if let (Some(min), Some(max)) = (request.min_rating, request.max_rating) {
                assert!(min <= max, "{raw}");
            }
            for rating in [request.min_rating, request.max_rating]
                .into_iter()
                .flatten()
            {
                assert!((0.0..=5.0).contains(&rating), "{raw}");
            }
        }
    }

    #[test]
    fn reversed_ranges_are_flagged_and_sent_in_order() {
        let query = parse("min_price=10&max_price=2");
        assert!(query.price_range_reversed());
        let request = query.to_request();
        assert_eq!(
            (request.min_price, request.max_price),
            (Some(2.0), Some(10.0))
        );
        // The URL keeps what the user wrote, so the sidebar can show it.
        assert_eq!(query.to_query_string(), "?min_price=10&max_price=2");
        let query = parse("min_rating=4&max_rating=2");
        assert!(query.rating_range_reversed());
        assert_eq!(query.to_request().min_rating, Some(2.0));
        assert!(!parse("min_price=2&max_price=2").price_range_reversed());
    }

    #[test]
    fn canonical_string_leaves_defaults_out() {
        assert_eq!(
            parse("page=1&limit=20&sort_by=added_date&sort_order=desc").to_query_string(),
            ""
        );
        assert_eq!(parse("sort_order=asc").to_query_string(), "?sort_order=asc");
        assert_eq!(
            parse("search=a%26b%20c").to_query_string(),
            "?search=a%26b%20c"
        );
        assert_eq!(parse("min_price=2.50").to_query_string(), "?min_price=2.5");
        assert_eq!(
            parse("min_price=2.555").to_query_string(),
            "?min_price=2.56"
        );
        assert_eq!(
            parse("min_rating=3.55").to_query_string(),
            "?min_rating=3.6"
        );
    }

    // The base path is process-wide and unset in host tests: the catalog is at the root.
    #[test]
    fn href_is_the_catalog_with_the_query() {
        assert_eq!(parse("os=ubuntu&page=2").href(), "/?os=ubuntu&page=2");
        assert_eq!(parse("").href(), "/");
    }

    /// A small deterministic generator, so the round-trip test needs no crate.
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self, bound: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (self.0 >> 33) % bound
        }
        fn maybe<T>(&mut self, value: T) -> Option<T> {
            (self.next(3) > 0).then_some(value)
        }
    }

    fn random_query(rng: &mut Lcg) -> CatalogQuery {
        let searches = ["nginx", "a&b c", "ünï 日本", "100% =?#/", "  x", "+plus+"];
        let tokens = ["ubuntu", "debian", "gentoo", "x86_64", "arm64", "v1.2-rc_3"];
        let picks: Vec<u64> = [6, 6, 6, MAX_PRICE_CENTS + 1, 5000, 51, 51]
            .into_iter()
            .map(|bound| rng.next(bound))
            .collect();
        let search = rng.maybe(searches[picks[0] as usize]);
        let os = rng.maybe(tokens[picks[1] as usize].to_string());
        let architecture = rng.maybe(tokens[picks[2] as usize].to_string());
        let min_price_cents = rng.maybe(picks[3]);
        let max_price_cents = rng.maybe(picks[4]);
        let min_rating = rng.maybe(RatingTenths(picks[5] as u8));
        let max_rating = rng.maybe(RatingTenths(picks[6] as u8));
        let (sort_by, sort_order, _) = SORT_CHOICES[rng.next(8) as usize];
        CatalogQuery {
            os,
            architecture,
            min_price_cents,
            max_price_cents,
            min_rating,
            max_rating,
            search: search.and_then(parse_search),
            sort_by,
            sort_order,
            limit: PAGE_SIZES[rng.next(4) as usize],
            page: 1 + rng.next(u64::from(MAX_PAGE)) as u32,
        }
    }

    #[test]
    fn state_to_url_to_state_is_identity() {
        let mut rng = Lcg(42);
        for _ in 0..5000 {
            let query = random_query(&mut rng);
            let url = query.to_query_string();
            assert_eq!(CatalogQuery::from_query_string(&url), query, "{url}");
            // And the canonical string is a fixed point.
            assert_eq!(CatalogQuery::from_query_string(&url).to_query_string(), url);
        }
    }

    #[test]
    fn changes_return_to_page_one_but_paging_does_not() {
        let query = parse("os=ubuntu&page=4");
        assert_eq!(
            query.first_page_with(|q| q.os = Some("debian".into())).page,
            1
        );
        assert_eq!(
            query
                .first_page_with(|q| q.sort_by = PublicSortBy::Price)
                .page,
            1
        );
        assert_eq!(query.with_page(5).page, 5);
        assert_eq!(query.with_page(0).page, 1);
        let cleared = parse("os=ubuntu&search=x&sort_by=price&limit=40&page=3").cleared();
        assert_eq!(cleared.to_query_string(), "?sort_by=price&limit=40");
    }

    #[test]
    fn chips_describe_and_remove_each_filter() {
        let query = parse("search=nginx&os=rockylinux&architecture=arm64&min_price=1&max_price=10&min_rating=4&page=2");
        let labels: Vec<String> = query
            .active_filters()
            .into_iter()
            .map(|f| f.label)
            .collect();
        assert_eq!(
            labels,
            vec![
                "Search: “nginx”",
                "OS: Rocky Linux",
                "Architecture: arm64",
                "Price: $1.00–$10.00",
                "Rating: 4 stars & up"
            ]
        );
        for chip in query.active_filters() {
            assert_eq!(chip.without.page, 1);
            assert_eq!(chip.without.active_filters().len(), 4, "{}", chip.label);
        }
        assert_eq!(parse("max_price=0").active_filters()[0].label, "Free only");
        assert!(parse("max_price=0").free_only());
        assert_eq!(
            parse("min_price=5").active_filters()[0].label,
            "Price: from $5.00"
        );
        assert_eq!(
            parse("max_rating=2").active_filters()[0].label,
            "Rating: up to 2 stars"
        );
        assert!(parse("page=3&sort_by=price").active_filters().is_empty());
    }

    #[test]
    fn os_labels() {
        assert_eq!(os_label("ubuntu"), "Ubuntu");
        assert_eq!(os_label("opensuse"), "openSUSE");
        assert_eq!(os_label("gentoo"), "Gentoo");
        assert_eq!(os_label(""), "");
    }
}
