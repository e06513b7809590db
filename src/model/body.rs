//! What a Markdown body holds that checking needs, found in the one parse
//! made when the file is read: the links it writes (checked on every
//! rebuild under `serve` without a second parse), and how deeply it nests.
//! Nesting is bounded because the HTML sanitiser's work grows with depth
//! times size: 80 KB of nested lists once took ten seconds to render.

use super::Spanned;
use pulldown_cmark::{Event, Options, Parser, Tag};

/// How deeply a body may nest lists, quotes, emphasis and raw HTML
/// elements, together. Real documents stay under ten.
pub const MAX_DEPTH: usize = 128;

pub struct Scanned {
    /// Each link or image destination, with the span of the URL as written
    /// (or of the whole link, for reference-style links), in file bytes.
    pub links: Vec<Spanned<String>>,
    /// Where the body first nests deeper than `MAX_DEPTH`, in file bytes.
    pub too_deep: Option<usize>,
}

/// Scans `body`, which starts at byte `offset` of its file.
pub fn scan(body: &str, offset: usize) -> Scanned {
    let mut links = Vec::new();
    let (mut markdown, mut html) = (0usize, 0usize);
    for (event, range) in Parser::new_ext(body, Options::all()).into_offset_iter() {
        match &event {
            Event::Start(tag) => {
                markdown += 1;
                if let Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } = tag {
                    links.push(link(body, dest_url, range.clone(), offset));
                }
            }
            Event::End(_) => markdown = markdown.saturating_sub(1),
            Event::Html(text) | Event::InlineHtml(text) => html = html_depth(text, html),
            _ => {}
        }
        if markdown + html > MAX_DEPTH {
            return Scanned {
                links,
                too_deep: Some(range.start + offset),
            };
        }
    }
    Scanned {
        links,
        too_deep: None,
    }
}

fn link(body: &str, dest: &str, range: std::ops::Range<usize>, offset: usize) -> Spanned<String> {
    let written = &body[range.clone()];
    let span = match written.rfind(dest).filter(|_| !dest.is_empty()) {
        Some(i) => range.start + i..range.start + i + dest.len(),
        None => range,
    };
    Spanned {
        value: dest.to_string(),
        span: span.start + offset..span.end + offset,
    }
}

/// The depth of open raw HTML elements after `html`, from `depth` before
/// it. An estimate, as a browser would nest them: void elements, those
/// closed by their next sibling (`<li>`, `<p>`) and `<x/>` do not nest.
fn html_depth(html: &str, mut depth: usize) -> usize {
    const FLAT: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt",
        "rtc", "rp", "thead", "tbody", "tfoot", "colgroup", "caption",
    ];
    for (at, _) in html.match_indices('<') {
        let rest = &html[at + 1..];
        let (closing, rest) = match rest.strip_prefix('/') {
            Some(r) => (true, r),
            None => (false, rest),
        };
        let name_len = rest
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
            .count();
        if name_len == 0 || !rest.as_bytes()[0].is_ascii_alphabetic() {
            continue;
        }
        let name = rest[..name_len].to_ascii_lowercase();
        if FLAT.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else if !rest[..rest.find('>').unwrap_or(rest.len())].ends_with('/') {
            depth += 1;
        }
    }
    depth
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_cover_the_url() {
        let body = "See [SSO](../roadmap/sso.md#plan) and ![logo](../static/l.svg).\n";
        let links = scan(body, 100).links;
        let urls: Vec<&str> = links.iter().map(|l| l.value.as_str()).collect();
        assert_eq!(urls, ["../roadmap/sso.md#plan", "../static/l.svg"]);
        let s = &links[0].span;
        assert_eq!(&body[s.start - 100..s.end - 100], "../roadmap/sso.md#plan");
    }

    #[test]
    fn nesting_is_bounded_in_markdown_and_raw_html() {
        let lists = |n: usize| "- ".repeat(n) + "x\n";
        let quotes = |n: usize| "> ".repeat(n) + "x\n";
        let divs = |n: usize| "<div>".repeat(n) + "x\n";
        let uls = |n: usize| "<ul><li>".repeat(n) + "x\n";
        for deep in [lists, quotes, divs, uls] {
            assert_eq!(scan(&deep(40), 0).too_deep, None, "{}", deep(2));
            assert!(scan(&deep(40_000), 0).too_deep.is_some(), "{}", deep(2));
        }
        // Siblings, closed elements and void elements do not nest.
        let flat = "<p>a<br><img src=x/><li>b</li><hr/><span>c</span>\n".repeat(1_000);
        assert_eq!(scan(&flat, 0).too_deep, None);
    }
}
