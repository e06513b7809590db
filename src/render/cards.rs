//! Roadmap items as board cards, each rendered once per build from
//! `partials/card.html` and placed as is on every board that shows it: at
//! 10,000 items the board and its filtered views show each card five or
//! six times, and Tera would otherwise render them all again.
//!
//! A card is rendered with its links relative to the site root, and where
//! each starts is noted: placing it on a page puts the page's `root` there,
//! which costs a copy of the card's text rather than a template run.

use super::context::{Facts, obj};
use super::theme::Theme;
use crate::model::Kind;
use anyhow::{Result, anyhow};
use rustc_hash::FxHashMap;
use serde_json::json;
use std::sync::OnceLock;

/// The card of every roadmap item, each rendered the first time a page
/// needs it.
pub struct Cards(FxHashMap<String, OnceLock<Result<Card, String>>>);

/// A card's HTML and where in it a page's `root` goes: before each
/// relative link.
struct Card {
    html: String,
    links: Vec<usize>,
}

impl Cards {
    pub fn new(facts: &Facts) -> Cards {
        let ids = facts.strategy.ids(Kind::Roadmap);
        Cards(ids.map(|id| (id.to_string(), OnceLock::new())).collect())
    }

    /// The card of item `id`, its links relative to `root`.
    pub fn get(&self, facts: &Facts, theme: &Theme, id: &str, root: &str) -> Result<String> {
        let cell = self
            .0
            .get(id)
            .ok_or_else(|| anyhow!("no roadmap item `{id}`"))?;
        let card = cell.get_or_init(|| {
            let html = render(facts, theme, id).map_err(|e| format!("{e:#}"))?;
            Ok(Card {
                links: relative_links(&html),
                html,
            })
        });
        match card {
            Ok(card) => Ok(card.placed(root)),
            Err(e) => Err(anyhow!("cannot render the card of `{id}`: {e}")),
        }
    }
}

impl Card {
    fn placed(&self, root: &str) -> String {
        let mut out = String::with_capacity(self.html.len() + self.links.len() * root.len());
        let mut from = 0;
        for &at in &self.links {
            out.push_str(&self.html[from..at]);
            out.push_str(root);
            from = at;
        }
        out.push_str(&self.html[from..]);
        out
    }
}

fn render(facts: &Facts, theme: &Theme, id: &str) -> Result<String> {
    let mut item = facts
        .summary(Kind::Roadmap, id)
        .ok_or_else(|| anyhow!("no roadmap item `{id}`"))?;
    let owner = facts
        .strategy
        .get(Kind::Roadmap, id)
        .and_then(|e| e.fields.str("owner"))
        .and_then(|o| facts.strategy.get(Kind::People, o));
    if let Some(owner) = owner {
        item["tone"] = json!(tone(&owner.id));
    }
    item["filters"] = facts.graph.facets.slugs(id);
    let context = obj([("item", item), ("root", json!(""))]);
    theme
        .render("partials/card.html", context)
        .map_err(|e| anyhow!(e))
}

/// One of six avatar colours, the same for a person on every card.
fn tone(id: &str) -> u32 {
    // FNV-1a: stable across builds and platforms, unlike `Hash`.
    let hash = id.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    hash % 6
}

/// Where the value of each relative `href` and `src` in `html` starts.
/// Values from the strategy are escaped (`"` is `&quot;`), so `href="`
/// in a card is always the template's own.
fn relative_links(html: &str) -> Vec<usize> {
    let mut links = Vec::new();
    for (at, _) in html.match_indices("=\"") {
        let before = &html[..at];
        let attribute = ["href", "src"].iter().any(|name| {
            before
                .strip_suffix(name)
                .is_some_and(|b| b.ends_with(|c: char| c.is_ascii_whitespace()))
        });
        if attribute {
            let value = at + 2;
            if is_relative(&html[value..]) {
                links.push(value);
            }
        }
    }
    links
}

/// Whether the attribute value that `value` starts with is a relative
/// path: not empty, not a fragment, not from the server root, no scheme.
fn is_relative(value: &str) -> bool {
    let end = value.find('"').unwrap_or(value.len());
    let v = &value[..end];
    let scheme = v.find(':').is_some_and(|c| !v[..c].contains('/'));
    !(v.is_empty() || v.starts_with('#') || v.starts_with('/') || scheme)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placing_prefixes_relative_links_only() {
        let html = r##"<a href="roadmap/a/index.html">x</a><a href="#top">t</a><a href="mailto:a@b">m</a><img src="p.png"><a href="/abs">y</a><b title="href=">z</b>"##;
        let card = Card {
            links: relative_links(html),
            html: html.to_string(),
        };
        assert_eq!(
            card.placed("../../"),
            r##"<a href="../../roadmap/a/index.html">x</a><a href="#top">t</a><a href="mailto:a@b">m</a><img src="../../p.png"><a href="/abs">y</a><b title="href=">z</b>"##
        );
        assert_eq!(card.placed(""), html);
    }
}
