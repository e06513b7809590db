//! Markdown bodies to HTML: GitHub-flavoured extensions, heading anchors
//! that match the git host's (so `file.md#heading` links keep working),
//! links between source files rewritten to pages, and raw HTML sanitised
//! unless the site opts out.

use crate::validate::{LinkResolver, Target};
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};
use std::collections::HashMap;
use std::sync::LazyLock;

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
                dest_url: self.rewrite(source, dest_url, root),
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
                dest_url: self.rewrite(source, dest_url, root),
                title,
                id,
            }),
            // A checkbox needs a name for screen readers; its state says the rest.
            Event::TaskListMarker(done) => Event::InlineHtml(
                match done {
                    true => r#"<input type="checkbox" disabled checked aria-label="Done"> "#,
                    false => r#"<input type="checkbox" disabled aria-label="Done"> "#,
                }
                .into(),
            ),
            other => other,
        });
        let events = with_heading_ids(events);
        let mut html = String::with_capacity(body.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        if self.unsafe_html {
            html
        } else {
            SANITIZER.clean(&html).to_string()
        }
    }

    fn rewrite<'e>(&self, source: &str, dest: CowStr<'e>, root: &str) -> CowStr<'e> {
        match self.links.resolve(source, &dest) {
            Target::Page(url) => format!("{root}{url}").into(),
            _ => dest,
        }
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
}
