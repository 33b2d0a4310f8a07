//! HTML built as text, for the one view drawn with a single `innerHTML`: the
//! catalog's grid of cards. Building it as a string and letting the browser
//! parse it once costs far less than creating every node from wasm. Every
//! value that comes from the API goes through [`push_escaped`].

/// Appends `text` with the characters that are special in HTML text and in
/// quoted attribute values replaced by character references, so data can
/// never become markup.
pub fn push_escaped(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(at) = rest.find(['&', '<', '>', '"', '\'']) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

/// `text`, escaped (see [`push_escaped`]).
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_unchanged() {
        assert_eq!(
            escaped("ubuntu/22.04 LTS · Jammy"),
            "ubuntu/22.04 LTS · Jammy"
        );
        assert_eq!(escaped(""), "");
    }

    #[test]
    fn markup_and_quotes_become_references() {
        assert_eq!(
            escaped(r#"<img src=x onerror="alert('1')">&"#),
            "&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;"
        );
        assert_eq!(escaped("&amp;"), "&amp;amp;");
    }

    #[test]
    fn multibyte_text_around_special_characters_is_kept() {
        assert_eq!(escaped("日本<語>"), "日本&lt;語&gt;");
        assert_eq!(escaped("\"ü\""), "&quot;ü&quot;");
    }
}
