//! HTML and XML escaping, for every page, drawing and feed.

/// HTML and XML escaping of the five characters that need it. Tera's own
/// also escapes `/`, which turns every link into `..&#x2F;people&#x2F;`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_into(&mut out, text);
    out
}

/// `escape`, appended to `out`.
pub fn escape_into(out: &mut String, text: &str) {
    let mut rest = text;
    // Copies the runs between special characters whole: most text has none.
    while let Some(at) = rest
        .bytes()
        .position(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''))
    {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#x27;",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escape_replaces_the_five_characters_and_keeps_the_rest() {
        assert_eq!(
            escape(r#"<a href="x">Tom & Jerry's</a> – ok/fine"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#x27;s&lt;/a&gt; – ok/fine"
        );
        assert_eq!(escape("é&"), "é&amp;");
        assert_eq!(escape(""), "");
    }
}
