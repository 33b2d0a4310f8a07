//! URL building for API requests: percent-encoding and query strings.
//! Pure functions, so they are unit-tested on the host.

/// Percent-encodes `input` as one URL component (query value or path segment).
///
/// Only RFC 3986 "unreserved" characters are left as they are; every other
/// byte of the UTF-8 encoding becomes `%XX`. So `a&b c` becomes `a%26b%20c`
/// and an id containing `/` cannot escape its path segment.
pub fn encode_component(input: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(input.len());
    for &byte in input.as_bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push('%');
            out.push(HEX[(byte >> 4) as usize] as char);
            out.push(HEX[(byte & 0x0f) as usize] as char);
        }
    }
    out
}

/// Decodes `%XX` escapes and `+` (as a space) in a query component.
/// Invalid escapes are kept literally; invalid UTF-8 is replaced, never a panic.
pub fn decode_component(input: &str) -> String {
    let bytes = input.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' if i + 2 < bytes.len() => {
                match (hex_value(bytes[i + 1]), hex_value(bytes[i + 2])) {
                    (Some(hi), Some(lo)) => {
                        out.push(hi << 4 | lo);
                        i += 3;
                    }
                    _ => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            other => {
                out.push(other);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_value(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        _ => None,
    }
}

/// Splits a query string (with or without its leading `?`) into decoded pairs, in order.
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| match part.split_once('=') {
            Some((key, value)) => (decode_component(key), decode_component(value)),
            None => (decode_component(part), String::new()),
        })
        .collect()
}

/// Builds a query string from the parameters that are set, in the order they are added.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct QueryString {
    pairs: Vec<(&'static str, String)>,
}

impl QueryString {
    /// An empty query string.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `key=value`; the value is percent-encoded when the string is rendered.
    pub fn push(&mut self, key: &'static str, value: impl Into<String>) -> &mut Self {
        self.pairs.push((key, value.into()));
        self
    }

    /// Adds `key=value` only when `value` is set: unset parameters are not sent.
    pub fn push_opt<T: ToString>(&mut self, key: &'static str, value: Option<T>) -> &mut Self {
        if let Some(value) = value {
            self.pairs.push((key, value.to_string()));
        }
        self
    }

    /// The parameters, not encoded, in the order they were added.
    pub fn pairs(&self) -> &[(&'static str, String)] {
        &self.pairs
    }

    /// True when no parameter was added.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// `?a=1&b=2`, or the empty string when there are no parameters.
    pub fn to_suffix(&self) -> String {
        if self.pairs.is_empty() {
            return String::new();
        }
        let body: Vec<String> = self
            .pairs
            .iter()
            .map(|(key, value)| format!("{key}={}", encode_component(value)))
            .collect();
        format!("?{}", body.join("&"))
    }
}

/// Formats a number for a query string: `5` rather than `5.0`, `9.99` as is.
pub fn format_number(value: f64) -> String {
    // f64's Display never uses exponent notation and drops a trailing `.0`.
    format!("{value}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_reserved_and_unicode() {
        assert_eq!(encode_component("a&b c"), "a%26b%20c");
        assert_eq!(encode_component("x=1#y?z/"), "x%3D1%23y%3Fz%2F");
        assert_eq!(encode_component("ünï"), "%C3%BCn%C3%AF");
        assert_eq!(encode_component("safe-_.~AZaz09"), "safe-_.~AZaz09");
        assert_eq!(encode_component("100%"), "100%25");
        assert_eq!(encode_component("a+b"), "a%2Bb");
    }

    #[test]
    fn decode_reverses_encode() {
        for input in ["a&b c", "ünï/日本", "100%", "a+b", "", "=&?#"] {
            assert_eq!(decode_component(&encode_component(input)), input);
        }
    }

    #[test]
    fn decode_tolerates_broken_escapes() {
        assert_eq!(decode_component("%"), "%");
        assert_eq!(decode_component("%4"), "%4");
        assert_eq!(decode_component("%zz1"), "%zz1");
        assert_eq!(decode_component("a+b"), "a b");
        assert_eq!(decode_component("%FF"), "\u{FFFD}");
    }

    #[test]
    fn parse_query_splits_pairs() {
        assert_eq!(
            parse_query("?os=ubuntu&search=a%26b%20c&flag&=x&&"),
            vec![
                ("os".to_string(), "ubuntu".to_string()),
                ("search".to_string(), "a&b c".to_string()),
                ("flag".to_string(), String::new()),
                (String::new(), "x".to_string()),
            ]
        );
        assert!(parse_query("").is_empty());
    }

    #[test]
    fn query_string_skips_unset_values() {
        let mut query = QueryString::new();
        query
            .push_opt("os", Some("ubuntu"))
            .push_opt::<u32>("page", None)
            .push_opt("search", Some("a&b c"));
        assert_eq!(query.to_suffix(), "?os=ubuntu&search=a%26b%20c");
        assert_eq!(QueryString::new().to_suffix(), "");
    }

    #[test]
    fn numbers_have_no_trailing_zero() {
        assert_eq!(format_number(5.0), "5");
        assert_eq!(format_number(9.99), "9.99");
        assert_eq!(format_number(0.0), "0");
        assert_eq!(format_number(4.5), "4.5");
    }
}
