//! Query strings of the list endpoints, parsed into typed filters for `db`
//! and validated strictly: a malformed or out-of-range value is a 400 with
//! the contract's envelope, never silently fixed, so a client bug shows up
//! here and not in production.

use crate::envelope::ApiError;

/// Sort fields of the public list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublicSort {
    Alias,
    AddedDate,
    Price,
    Rating,
}

/// Sort direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    Asc,
    Desc,
}

/// Paging shared by both lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    pub page: u32,
    pub limit: u32,
}

impl Paging {
    /// Rows to skip.
    pub fn offset(&self) -> u64 {
        u64::from(self.page - 1) * u64::from(self.limit)
    }

    /// `ceil(total / limit)`.
    pub fn total_pages(&self, total: u64) -> u64 {
        total.div_ceil(u64::from(self.limit))
    }
}

/// Parameters of `GET /images/public`.
#[derive(Debug, Clone, PartialEq)]
pub struct PublicListParams {
    pub os: Option<String>,
    pub architecture: Option<String>,
    pub min_price_cents: Option<i64>,
    pub max_price_cents: Option<i64>,
    pub min_rating: Option<f64>,
    pub max_rating: Option<f64>,
    /// Lower-cased words; every one must appear.
    pub search_words: Vec<String>,
    pub paging: Paging,
    pub sort: PublicSort,
    pub order: Order,
}

/// Parameters of `GET /images/user`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UserListParams {
    pub paging: Paging,
    pub order: Order,
}

/// Decoded `key=value` pairs of a query string.
pub fn decode_pairs(query: Option<&str>) -> Result<Vec<(String, String)>, ApiError> {
    let Some(query) = query else {
        return Ok(Vec::new());
    };
    let mut pairs = Vec::new();
    for part in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = part.split_once('=').unwrap_or((part, ""));
        let key = percent_decode(key)?;
        let value = percent_decode(value)?;
        if pairs.iter().any(|(k, _): &(String, String)| *k == key) {
            return Err(ApiError::bad_request(format!(
                "Invalid query parameter: '{key}' is given more than once"
            )));
        }
        pairs.push((key, value));
    }
    Ok(pairs)
}

fn percent_decode(input: &str) -> Result<String, ApiError> {
    let bytes = input.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or_else(|| {
                        ApiError::bad_request("Invalid query string: bad percent-encoding")
                    })?;
                out.push(hex);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| ApiError::bad_request("Invalid query string: not UTF-8"))
}

fn invalid(name: &str, expected: &str) -> ApiError {
    ApiError::bad_request(format!("Invalid value for '{name}': must be {expected}"))
}

fn parse_int(name: &str, value: &str, min: u32, max: u32) -> Result<u32, ApiError> {
    let expected = if max == u32::MAX {
        format!("an integer of at least {min}")
    } else {
        format!("an integer from {min} to {max}")
    };
    let valid = !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit());
    value
        .parse::<u32>()
        .ok()
        .filter(|n| valid && (min..=max).contains(n))
        .ok_or_else(|| invalid(name, &expected))
}

fn parse_number(
    name: &str,
    value: &str,
    min: f64,
    max: f64,
    expected: &str,
) -> Result<f64, ApiError> {
    let looks_numeric = !value.is_empty()
        && value
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'));
    value
        .parse::<f64>()
        .ok()
        .filter(|n| looks_numeric && n.is_finite() && *n >= min && *n <= max)
        .ok_or_else(|| invalid(name, expected))
}

fn parse_text(name: &str, value: &str) -> Result<String, ApiError> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(invalid(name, "a non-empty string"));
    }
    if trimmed.chars().count() > 200 {
        return Err(invalid(name, "at most 200 characters"));
    }
    Ok(trimmed.to_string())
}

fn parse_order(value: &str) -> Result<Order, ApiError> {
    match value {
        "asc" => Ok(Order::Asc),
        "desc" => Ok(Order::Desc),
        _ => Err(invalid("sort_order", "one of: asc, desc")),
    }
}

fn parse_paging(page: Option<&str>, limit: Option<&str>) -> Result<Paging, ApiError> {
    Ok(Paging {
        page: page
            .map(|v| parse_int("page", v, 1, u32::MAX))
            .transpose()?
            .unwrap_or(1),
        limit: limit
            .map(|v| parse_int("limit", v, 1, 100))
            .transpose()?
            .unwrap_or(20),
    })
}

/// Highest price accepted in a filter, in dollars.
const MAX_PRICE: f64 = 1e9;

impl PublicListParams {
    /// Validates the public list's query string.
    pub fn parse(query: Option<&str>) -> Result<Self, ApiError> {
        let pairs = decode_pairs(query)?;
        let get = |key: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
        };
        let price = |name: &str| -> Result<Option<i64>, ApiError> {
            get(name)
                .map(|v| {
                    parse_number(name, v, 0.0, MAX_PRICE, "a number of 0 or more")
                        .map(|p| (p * 100.0).round() as i64)
                })
                .transpose()
        };
        let rating = |name: &str| -> Result<Option<f64>, ApiError> {
            get(name)
                .map(|v| parse_number(name, v, 0.0, 5.0, "a number from 0 to 5"))
                .transpose()
        };
        let sort = match get("sort_by") {
            None => PublicSort::AddedDate,
            Some("alias") => PublicSort::Alias,
            Some("added_date") => PublicSort::AddedDate,
            Some("price") => PublicSort::Price,
            Some("rating") => PublicSort::Rating,
            Some(_) => {
                return Err(invalid(
                    "sort_by",
                    "one of: alias, added_date, price, rating",
                ))
            }
        };
        let search_words = match get("search") {
            None => Vec::new(),
            Some(v) => parse_text("search", v)?
                .to_lowercase()
                .split_whitespace()
                .map(str::to_string)
                .collect(),
        };
        Ok(Self {
            os: get("os").map(|v| parse_text("os", v)).transpose()?,
            architecture: get("architecture")
                .map(|v| parse_text("architecture", v))
                .transpose()?,
            min_price_cents: price("min_price")?,
            max_price_cents: price("max_price")?,
            min_rating: rating("min_rating")?,
            max_rating: rating("max_rating")?,
            search_words,
            paging: parse_paging(get("page"), get("limit"))?,
            sort,
            order: get("sort_order")
                .map(parse_order)
                .transpose()?
                .unwrap_or(Order::Desc),
        })
    }
}

impl UserListParams {
    /// Validates the user list's query string.
    pub fn parse(query: Option<&str>) -> Result<Self, ApiError> {
        let pairs = decode_pairs(query)?;
        let get = |key: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
        };
        match get("sort_by") {
            None | Some("created_at") => {}
            Some(_) => return Err(invalid("sort_by", "one of: created_at")),
        }
        Ok(Self {
            paging: parse_paging(get("page"), get("limit"))?,
            order: get("sort_order")
                .map(parse_order)
                .transpose()?
                .unwrap_or(Order::Desc),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(q: &str) -> Result<PublicListParams, ApiError> {
        PublicListParams::parse(Some(q))
    }

    #[test]
    fn defaults() {
        let p = PublicListParams::parse(None).unwrap();
        assert_eq!(p.paging, Paging { page: 1, limit: 20 });
        assert_eq!(p.sort, PublicSort::AddedDate);
        assert_eq!(p.order, Order::Desc);
        assert!(p.search_words.is_empty());
        let u = UserListParams::parse(Some("")).unwrap();
        assert_eq!(u.paging, Paging { page: 1, limit: 20 });
        assert_eq!(u.order, Order::Desc);
    }

    #[test]
    fn every_parameter() {
        let p = parse("os=ubuntu&architecture=amd64&min_price=0&max_price=10&min_rating=3.5&max_rating=5&search=Web%20Server&page=2&limit=100&sort_by=price&sort_order=asc").unwrap();
        assert_eq!(p.os.as_deref(), Some("ubuntu"));
        assert_eq!(p.architecture.as_deref(), Some("amd64"));
        assert_eq!(p.min_price_cents, Some(0));
        assert_eq!(p.max_price_cents, Some(1000));
        assert_eq!(p.min_rating, Some(3.5));
        assert_eq!(p.max_rating, Some(5.0));
        assert_eq!(p.search_words, vec!["web", "server"]);
        assert_eq!(
            p.paging,
            Paging {
                page: 2,
                limit: 100
            }
        );
        assert_eq!(p.sort, PublicSort::Price);
        assert_eq!(p.order, Order::Asc);
        assert_eq!(parse("min_price=9.99").unwrap().min_price_cents, Some(999));
        assert_eq!(
            parse("search=a%26b+c").unwrap().search_words,
            vec!["a&b", "c"]
        );
    }

    #[test]
    fn malformed_values_are_400() {
        for bad in [
            "page=0",
            "page=-3",
            "page=abc",
            "page=1.5",
            "page=",
            "limit=0",
            "limit=101",
            "limit=5000",
            "limit=ten",
            "sort_by=evil",
            "sort_by=",
            "sort_order=up",
            "min_price=-1",
            "max_price=abc",
            "min_price=NaN",
            "min_price=inf",
            "min_rating=7",
            "max_rating=-0.5",
            "min_rating=x",
            "os=",
            "architecture=%20",
            "search=",
            "page=1&page=2",
            "search=%ZZ",
            "search=%FF",
        ] {
            let err = parse(bad).expect_err(bad);
            assert_eq!(err.status.as_u16(), 400, "{bad}");
        }
        assert!(parse("limit=5000").unwrap_err().message.contains("'limit'"));
        assert!(UserListParams::parse(Some("sort_by=alias")).is_err());
        assert!(UserListParams::parse(Some("limit=101")).is_err());
    }

    #[test]
    fn unknown_keys_are_ignored() {
        assert!(parse("utm_source=x&os=debian").is_ok());
    }

    #[test]
    fn paging_math() {
        let paging = Paging { page: 3, limit: 20 };
        assert_eq!(paging.offset(), 40);
        assert_eq!(paging.total_pages(87), 5);
        assert_eq!(paging.total_pages(0), 0);
        assert_eq!(paging.total_pages(20), 1);
    }
}
