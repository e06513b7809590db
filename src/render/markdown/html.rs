//! Sanitised HTML written straight from Markdown events, for bodies without
//! raw HTML. Sanitising re-parses and re-serialises every body (half of all
//! Markdown time); when the source holds no HTML of its own, the only changes
//! ammonia can make are known in advance, so this writes its output at once:
//! the markup pulldown-cmark would write, in the form ammonia's serialiser
//! gives back (void elements without `/`, attributes it strips left out,
//! `rel` added to links, html5ever's escaping).
//!
//! It is safe because no raw HTML reaches it (any `Html`/`InlineHtml` event
//! declines), every text and attribute value is escaped here, and link and
//! image URLs pass the same scheme check as ammonia's. Anything else it could
//! not reproduce exactly also declines, and the caller sanitises as before.

use super::SANITIZER;
use ammonia::url::{ParseError, Url};
use pulldown_cmark::{Event, LinkType, Tag, TagEnd};
use std::collections::{HashMap, HashSet};
use std::fmt::Write;
use std::sync::LazyLock;

/// What ammonia adds to every link.
const REL: &str = r#" rel="noopener noreferrer""#;

static SCHEMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| SANITIZER.clone_url_schemes());

/// The HTML that sanitising pulldown-cmark's HTML for `events` gives, or
/// `None` when the events hold something only the sanitiser can judge.
/// A `TaskListMarker` is our own checkbox, not raw HTML.
pub(super) fn sanitised(events: &[Event<'_>], capacity: usize) -> Option<String> {
    let mut w = Writer {
        out: String::with_capacity(capacity),
        end_newline: true,
        table_head: false,
        in_link: false,
        numbers: HashMap::new(),
    };
    let mut events = events.iter();
    while let Some(event) = events.next() {
        match event {
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => w.image(dest_url, title, &mut events)?,
            Event::Start(tag) => w.start(tag)?,
            Event::End(tag) => w.end(*tag),
            Event::Text(text) => {
                escape(&mut w.out, text, false);
                w.end_newline = text.ends_with('\n');
            }
            Event::Code(text) => {
                w.out.push_str("<code>");
                escape(&mut w.out, text, false);
                w.write("</code>");
            }
            Event::SoftBreak => w.write("\n"),
            Event::HardBreak => w.write("<br>\n"),
            Event::Rule => w.block("<hr>\n"),
            Event::FootnoteReference(name) if !w.in_link => {
                // A link inside a link would be split apart by the parser.
                let number = w.number(name);
                w.out.push_str(r#"<sup class="footnote-reference"><a"#);
                w.url_checked("href", &format!("#{name}"));
                let _ = write!(w.out, "{REL}>{number}</a></sup>");
                w.end_newline = false;
            }
            Event::TaskListMarker(true) => {
                w.write(r#"<input type="checkbox" disabled="" checked="" aria-label="Done"> "#)
            }
            Event::TaskListMarker(false) => {
                w.write(r#"<input type="checkbox" disabled="" aria-label="Done"> "#)
            }
            Event::FootnoteReference(_)
            | Event::Html(_)
            | Event::InlineHtml(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => return None,
        }
    }
    Some(w.out)
}

struct Writer<'e> {
    out: String,
    /// Whether the last thing written ended a line: pulldown-cmark puts a
    /// newline before a block otherwise, and those newlines are kept.
    end_newline: bool,
    table_head: bool,
    in_link: bool,
    numbers: HashMap<&'e str, usize>,
}

impl<'e> Writer<'e> {
    fn write(&mut self, s: &str) {
        self.out.push_str(s);
        if !s.is_empty() {
            self.end_newline = s.ends_with('\n');
        }
    }

    /// Starts a block on a line of its own.
    fn block(&mut self, s: &str) {
        if !self.end_newline {
            self.out.push('\n');
        }
        self.write(s);
    }

    fn number(&mut self, name: &'e str) -> usize {
        let next = self.numbers.len() + 1;
        *self.numbers.entry(name).or_insert(next)
    }

    fn start(&mut self, tag: &'e Tag<'e>) -> Option<()> {
        match tag {
            Tag::Paragraph => self.block("<p>"),
            Tag::Heading {
                level, id, attrs, ..
            } => {
                // Classes are stripped; other attributes may be kept, renamed
                // or repeated, which only the parser settles.
                if !attrs.is_empty() {
                    return None;
                }
                self.block(&format!("<{level}"));
                if let Some(id) = id {
                    self.out.push_str(" id=\"");
                    escape(&mut self.out, id, true);
                    self.out.push('"');
                }
                self.write(">");
            }
            Tag::BlockQuote(None) => self.block("<blockquote>\n"),
            // The language class is stripped.
            Tag::CodeBlock(_) => self.block("<pre><code>"),
            Tag::List(Some(1)) => self.block("<ol>\n"),
            Tag::List(Some(start)) => self.block(&format!("<ol start=\"{start}\">\n")),
            Tag::List(None) => self.block("<ul>\n"),
            Tag::Item => self.block("<li>"),
            Tag::FootnoteDefinition(name) => {
                self.block(r#"<div class="footnote-definition" id=""#);
                escape(&mut self.out, name, true);
                let number = self.number(name);
                let _ = write!(
                    self.out,
                    r#""><sup class="footnote-definition-label">{number}</sup>"#
                );
                self.end_newline = false;
            }
            // The alignment style is stripped.
            Tag::Table(_) => self.write("<table>"),
            Tag::TableHead => {
                self.table_head = true;
                self.write("<thead><tr>");
            }
            Tag::TableRow => self.write("<tr>"),
            Tag::TableCell => self.write(if self.table_head { "<th>" } else { "<td>" }),
            Tag::Emphasis => self.write("<em>"),
            Tag::Strong => self.write("<strong>"),
            Tag::Strikethrough => self.write("<del>"),
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            } if !self.in_link => {
                self.in_link = true;
                self.out.push_str("<a");
                let scheme = if *link_type == LinkType::Email {
                    "mailto:"
                } else {
                    ""
                };
                self.url_attribute("href", scheme, dest_url);
                self.title(title);
                self.out.push_str(REL);
                self.write(">");
            }
            // A link in a link's text would be split apart by the parser;
            // the rest are raw HTML or extensions we do not enable, and
            // images are written whole by `image`.
            Tag::Link { .. }
            | Tag::BlockQuote(Some(_))
            | Tag::HtmlBlock
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Superscript
            | Tag::Subscript
            | Tag::MetadataBlock(_)
            | Tag::Image { .. } => return None,
        }
        Some(())
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => self.write("</p>\n"),
            TagEnd::Heading(level) => self.write(&format!("</{level}>\n")),
            TagEnd::Table => self.write("</tbody></table>\n"),
            TagEnd::TableHead => {
                self.write("</tr></thead><tbody>\n");
                self.table_head = false;
            }
            TagEnd::TableRow => self.write("</tr>\n"),
            TagEnd::TableCell => self.write(if self.table_head { "</th>" } else { "</td>" }),
            TagEnd::BlockQuote(_) => self.write("</blockquote>\n"),
            TagEnd::CodeBlock => self.write("</code></pre>\n"),
            TagEnd::List(true) => self.write("</ol>\n"),
            TagEnd::List(false) => self.write("</ul>\n"),
            TagEnd::Item => self.write("</li>\n"),
            TagEnd::Emphasis => self.write("</em>"),
            TagEnd::Strong => self.write("</strong>"),
            TagEnd::Strikethrough => self.write("</del>"),
            TagEnd::Link => {
                self.in_link = false;
                self.write("</a>");
            }
            TagEnd::FootnoteDefinition => self.write("</div>\n"),
            // Declined at the start.
            TagEnd::HtmlBlock
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::MetadataBlock(_)
            | TagEnd::Image => {}
        }
    }

    /// An image, its alt text made of the plain text of the events up to
    /// its end, as pulldown-cmark does.
    fn image(
        &mut self,
        url: &str,
        title: &str,
        events: &mut impl Iterator<Item = &'e Event<'e>>,
    ) -> Option<()> {
        self.out.push_str("<img");
        self.url_attribute("src", "", url);
        let mut alt = String::new();
        let mut depth = 0usize;
        for event in events.by_ref() {
            match event {
                Event::Start(_) => depth += 1,
                Event::End(_) if depth == 0 => break,
                Event::End(_) => depth -= 1,
                Event::Text(text) | Event::Code(text) => alt.push_str(text),
                Event::SoftBreak | Event::HardBreak | Event::Rule => alt.push(' '),
                Event::FootnoteReference(name) => {
                    let number = self.number(name);
                    let _ = write!(alt, "[{number}]");
                }
                Event::TaskListMarker(_)
                | Event::Html(_)
                | Event::InlineHtml(_)
                | Event::InlineMath(_)
                | Event::DisplayMath(_) => return None,
            }
        }
        self.out.push_str(" alt=\"");
        escape(&mut self.out, &alt, true);
        self.out.push('"');
        self.title(title);
        self.write(">");
        Some(())
    }

    fn title(&mut self, title: &str) {
        if !title.is_empty() {
            self.out.push_str(" title=\"");
            escape(&mut self.out, title, true);
            self.out.push('"');
        }
    }

    /// The URL as pulldown-cmark percent-encodes it.
    fn url_attribute(&mut self, name: &str, scheme: &str, url: &str) {
        let mut value = String::with_capacity(scheme.len() + url.len());
        value.push_str(scheme);
        for &b in url.as_bytes() {
            if href_safe(b) {
                value.push(b as char);
            } else {
                let _ = write!(value, "%{b:02X}");
            }
        }
        self.url_checked(name, &value);
    }

    /// A URL attribute, left out as ammonia leaves it out: an absolute URL
    /// of a scheme not allowed, or one that does not parse.
    fn url_checked(&mut self, name: &str, url: &str) {
        let kept = match Url::parse(url) {
            Ok(url) => SCHEMES.contains(url.scheme()),
            Err(e) => e == ParseError::RelativeUrlWithoutBase,
        };
        if kept {
            let _ = write!(self.out, " {name}=\"");
            escape(&mut self.out, url, true);
            self.out.push('"');
        }
    }
}

/// The bytes pulldown-cmark's `escape_href` leaves as they are (`&` and `'`
/// it writes as entities, which the parser reads back as themselves).
fn href_safe(b: u8) -> bool {
    matches!(b, b'!' | b'#'..=b';' | b'=' | b'?'..=b'Z' | b'^' | b'_' | b'a'..=b'z' | b'~')
}

/// Escapes as html5ever serialises: `&`, `<`, `>` and no-break spaces, and
/// `"` in attribute values.
fn escape(out: &mut String, s: &str, attribute: bool) {
    let bytes = s.as_bytes();
    let mut done = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (entity, len) = match bytes[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' if attribute => ("&quot;", 1),
            0xC2 if bytes.get(i + 1) == Some(&0xA0) => ("&nbsp;", 2),
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&s[done..i]);
        out.push_str(entity);
        i += len;
        done = i;
    }
    out.push_str(&s[done..]);
}
