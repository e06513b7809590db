//! The links written in a Markdown body, found once when the file is read,
//! so that checking them (on every rebuild under `serve`) needs no second
//! Markdown parse.

use super::Spanned;
use pulldown_cmark::{Event, Options, Parser, Tag};

/// Each link or image destination, with the span of the URL as written
/// (or of the whole link, for reference-style links), in file bytes.
pub fn links(body: &str, offset: usize) -> Vec<Spanned<String>> {
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(body, Options::all()).into_offset_iter() {
        let dest = match &event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => dest_url,
            _ => continue,
        };
        let written = &body[range.clone()];
        let span = match written.rfind(dest.as_ref()).filter(|_| !dest.is_empty()) {
            Some(i) => range.start + i..range.start + i + dest.len(),
            None => range,
        };
        out.push(Spanned {
            value: dest.to_string(),
            span: span.start + offset..span.end + offset,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_cover_the_url() {
        let body = "See [SSO](../roadmap/sso.md#plan) and ![logo](../static/l.svg).\n";
        let links = links(body, 100);
        let urls: Vec<&str> = links.iter().map(|l| l.value.as_str()).collect();
        assert_eq!(urls, ["../roadmap/sso.md#plan", "../static/l.svg"]);
        let s = &links[0].span;
        assert_eq!(&body[s.start - 100..s.end - 100], "../roadmap/sso.md#plan");
    }
}
