//! Markdown bodies to HTML: GitHub-flavoured extensions, heading anchors
//! that match the git host's (so `file.md#heading` links keep working),
//! links between source files rewritten to pages, and raw HTML sanitised
//! unless the site opts out (a body without any is written sanitised
//! directly, by `html`, rather than cleaned after).

use crate::validate::{LinkResolver, Target};
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};
use std::collections::HashMap;
use std::sync::LazyLock;

#[cfg(test)]
mod differential;
mod html;

pub struct Markdown<'a> {
    pub links: LinkResolver<'a>,
    pub unsafe_html: bool,
}

impl Markdown<'_> {
    /// Renders the body of `source` for a page whose path back to the site
    /// root is `root` (`"../../"`).
    pub fn render(&self, source: &str, body: &str, root: &str) -> String {
        if body.trim().is_empty() {
            return String::new();
        }
        let events = parse(body, |dest| self.rewrite(source, dest, root));
        to_html(body, events, self.unsafe_html)
    }

    fn rewrite<'e>(&self, source: &str, dest: CowStr<'e>, root: &str) -> CowStr<'e> {
        match self.links.resolve(source, &dest) {
            Target::Page(url) => format!("{root}{url}").into(),
            _ => dest,
        }
    }
}

/// The events of `body`, links passed through `rewrite`, headings given ids.
fn parse<'e>(body: &'e str, rewrite: impl Fn(CowStr<'e>) -> CowStr<'e>) -> Vec<Event<'e>> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let events = Parser::new_ext(body, options).map(|event| match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: rewrite(dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: rewrite(dest_url),
            title,
            id,
        }),
        other => other,
    });
    with_heading_ids(events)
}

/// Sanitised HTML is written directly when the body lets it be (see
/// `html`); otherwise pulldown-cmark's HTML goes through ammonia.
/// html5ever turns carriage returns into line feeds and drops or replaces
/// NULs, where pulldown-cmark keeps some (in titles, code), so bodies with
/// them take the long path.
fn to_html(body: &str, events: Vec<Event<'_>>, unsafe_html: bool) -> String {
    let capacity = body.len() * 3 / 2;
    if !unsafe_html
        && !body.contains(['\r', '\0'])
        && let Some(html) = html::sanitised(&events, capacity)
    {
        return html;
    }
    let html = pulldown_html(events, capacity);
    if unsafe_html {
        html
    } else {
        SANITIZER.clean(&html).to_string()
    }
}

fn pulldown_html(events: Vec<Event<'_>>, capacity: usize) -> String {
    let mut html = String::with_capacity(capacity);
    pulldown_cmark::html::push_html(&mut html, events.into_iter().map(checkbox));
    html
}

/// A checkbox needs a name for screen readers; its state says the rest.
fn checkbox(event: Event<'_>) -> Event<'_> {
    match event {
        Event::TaskListMarker(done) => Event::InlineHtml(
            match done {
                true => r#"<input type="checkbox" disabled checked aria-label="Done"> "#,
                false => r#"<input type="checkbox" disabled aria-label="Done"> "#,
            }
            .into(),
        ),
        other => other,
    }
}

/// Gives every heading without an explicit `{#id}` the id GitHub would:
/// lowercase, spaces to `-`, punctuation dropped, repeats numbered.
fn with_heading_ids<'e>(events: impl Iterator<Item = Event<'e>>) -> Vec<Event<'e>> {
    let mut out: Vec<Event<'e>> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut open: Option<usize> = None;
    let mut text = String::new();
    for event in events {
        match &event {
            Event::Start(Tag::Heading { .. }) => {
                open = Some(out.len());
                text.clear();
            }
            Event::Text(t) | Event::Code(t) if open.is_some() => text.push_str(t),
            Event::End(TagEnd::Heading(_)) => {
                if let Some(Event::Start(Tag::Heading { id, .. })) =
                    open.take().and_then(|i| out.get_mut(i))
                    && id.is_none()
                {
                    let slug = slug(&text);
                    let n = seen.entry(slug.clone()).or_insert(0);
                    let unique = if *n == 0 {
                        slug.clone()
                    } else {
                        format!("{slug}-{n}")
                    };
                    *n += 1;
                    *id = Some(unique.into());
                }
            }
            _ => {}
        }
        out.push(event);
    }
    out
}

pub fn slug(text: &str) -> String {
    text.trim()
        .chars()
        .filter_map(|c| match c {
            ' ' | '-' => Some('-'),
            '_' => Some('_'),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_tags(["input"])
        .add_tag_attributes("input", ["type", "checked", "disabled", "aria-label"])
        .add_tag_attributes("div", ["class", "id"])
        .add_tag_attributes("sup", ["class", "id"])
        .add_tag_attributes("li", ["id"])
        .add_tag_attributes("a", ["id"]);
    for h in ["h1", "h2", "h3", "h4", "h5", "h6"] {
        b.add_tag_attributes(h, ["id"]);
    }
    b
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_style_slugs() {
        assert_eq!(slug("Open questions"), "open-questions");
        assert_eq!(slug("What's next? (2027)"), "whats-next-2027");
        assert_eq!(slug("Über uns"), "über-uns");
    }

    #[test]
    fn repeated_headings_get_numbers() {
        let events = with_heading_ids(Parser::new("# A\n\n# A\n"));
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        assert!(
            html.contains(r#"<h1 id="a">"#) && html.contains(r#"<h1 id="a-1">"#),
            "{html}"
        );
    }

    fn html(body: &str, unsafe_html: bool) -> String {
        to_html(body, parse(body, |dest| dest), unsafe_html)
    }

    #[test]
    fn script_urls_are_dropped_without_the_sanitiser_too() {
        assert_eq!(
            html("[x](javascript:alert(1)) ![y](JaVaScript:z)", false),
            "<p><a rel=\"noopener noreferrer\">x</a> <img alt=\"y\"></p>\n"
        );
    }

    #[test]
    fn unsafe_html_keeps_what_pulldown_writes() {
        let body = "```rust\nfn x() {}\n```\n";
        assert!(html(body, true).contains(r#"<code class="language-rust">"#));
        assert!(html(body, false).starts_with("<pre><code>fn"));
    }

    #[test]
    fn carriage_returns_and_nuls_are_read_as_the_sanitiser_reads_them() {
        assert_eq!(html("a\0b `c\0`", false), "<p>ab <code>c</code></p>\n");
        let body = "[t](u \"a\r\nb\")\r\n";
        assert_eq!(
            html(body, false),
            "<p><a href=\"u\" title=\"a\nb\" rel=\"noopener noreferrer\">t</a></p>\n"
        );
    }
}
