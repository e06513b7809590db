//! The values roadmap items take in each dimension the board filters by
//! (team, owner, status, goal, tag), each with the items that have it:
//! what the filtered boards, their paths and the filter bar are made from.

use crate::model::pages::Dim;
use crate::model::{Entity, Kind, Strategy};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use std::collections::BTreeMap;

/// One value of a dimension.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Facet {
    /// Its path segment: the id of a team, person or goal; a status or
    /// tag made safe for a path (`Needs review` → `needs-review`).
    pub slug: String,
    /// What it is called: the entity's title, the status or the tag.
    pub title: String,
    /// The items that have it, by id.
    pub items: Vec<String>,
}

/// How many roadmap items have a status.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusCount {
    pub status: String,
    pub count: usize,
}

/// Every dimension's values, in the order a reader looks for them:
/// statuses in board order, the others by title.
#[derive(Debug, Default)]
pub struct Facets {
    /// Every status of `statuses`, with its items counted (none too): the
    /// roadmap at a glance.
    pub status_counts: Vec<StatusCount>,
    /// How many items serve a goal there is (each once).
    pub serving_goals: usize,
    all: BTreeMap<Dim, Vec<Facet>>,
    /// Each facet's place in `all`, by dimension and slug: a filtered
    /// board finds its facet without a scan (1,000 owners at 10,000 items).
    by_slug: BTreeMap<Dim, FxHashMap<String, usize>>,
    /// Each item's facets, by dimension and place in `all`: what a card
    /// carries for the filter bar that filters a board in place.
    of_item: FxHashMap<String, Vec<(Dim, usize)>>,
}

impl Facets {
    pub fn new(strategy: &Strategy) -> Facets {
        // Borrowed from the strategy until the facets are made: `serve`
        // works this out again on every edit.
        let mut found: BTreeMap<Dim, BTreeMap<&str, Vec<&str>>> = BTreeMap::new();
        for item in strategy.all(Kind::Roadmap) {
            for dim in Dim::ALL {
                for value in values(item, dim) {
                    let items = found.entry(dim).or_default().entry(value).or_default();
                    items.push(&item.id);
                }
            }
        }
        let serving_goals = found.get(&Dim::Goal).map_or(0, |goals| {
            let known = goals
                .iter()
                .filter(|(g, _)| strategy.get(Kind::Goals, g).is_some());
            let items = known.flat_map(|(_, items)| items.iter().copied());
            items.collect::<FxHashSet<&str>>().len()
        });
        let all: BTreeMap<Dim, Vec<Facet>> = Dim::ALL
            .into_iter()
            .map(|dim| {
                let found = found.remove(&dim).unwrap_or_default();
                (dim, facets(strategy, dim, found))
            })
            .collect();
        let mut by_slug: BTreeMap<Dim, FxHashMap<String, usize>> = BTreeMap::new();
        let mut of_item: FxHashMap<String, Vec<(Dim, usize)>> = FxHashMap::default();
        for (dim, facets) in &all {
            let slugs = by_slug.entry(*dim).or_default();
            for (i, f) in facets.iter().enumerate() {
                slugs.insert(f.slug.clone(), i);
                for item in &f.items {
                    match of_item.get_mut(item) {
                        Some(places) => places.push((*dim, i)),
                        None => {
                            of_item.insert(item.clone(), vec![(*dim, i)]);
                        }
                    }
                }
            }
        }
        let items = |status: &str| {
            let mut facets = all.get(&Dim::Status).into_iter().flatten();
            facets
                .find(|f| f.title == status)
                .map_or(0, |f| f.items.len())
        };
        let statuses = strategy.config.statuses.iter();
        let status_counts = statuses
            .map(|status| StatusCount {
                status: status.clone(),
                count: items(status),
            })
            .collect();
        Facets {
            status_counts,
            serving_goals,
            all,
            by_slug,
            of_item,
        }
    }

    /// Whether a roadmap item as it was and as it is (`None`: not there)
    /// has the same values in every dimension: if so, and the entities
    /// the values name are unchanged, the facets are too.
    pub fn same_from<'a>(was: Option<&'a Entity>, is: Option<&'a Entity>) -> bool {
        let of = |e: Option<&'a Entity>| e.map(|e| Dim::ALL.map(|dim| values(e, dim)));
        of(was).unwrap_or_default() == of(is).unwrap_or_default()
    }

    pub fn of(&self, dim: Dim) -> &[Facet] {
        self.all.get(&dim).map_or(&[], Vec::as_slice)
    }

    /// Item `id`'s slugs in each dimension it has a value in, space
    /// separated: `{"team": "identity", "tag": "mobile sso"}`.
    pub fn slugs(&self, id: &str) -> serde_json::Value {
        let mut pairs = serde_json::Map::new();
        for (dim, i) in self.of_item.get(id).into_iter().flatten() {
            let slug = &self.of(*dim)[*i].slug;
            match pairs.get_mut(dim.name()) {
                Some(serde_json::Value::String(s)) => {
                    s.push(' ');
                    s.push_str(slug);
                }
                _ => {
                    pairs.insert(dim.name().to_string(), slug.clone().into());
                }
            }
        }
        serde_json::Value::Object(pairs)
    }

    pub fn get(&self, dim: Dim, slug: &str) -> Option<&Facet> {
        let i = *self.by_slug.get(&dim)?.get(slug)?;
        self.of(dim).get(i)
    }
}

/// The values an item has in a dimension, as written.
fn values(item: &Entity, dim: Dim) -> Vec<&str> {
    let field = dim.field();
    let mut values: Vec<&str> = match dim {
        Dim::Goal => item
            .fields
            .refs(field)
            .into_iter()
            .map(|r| r.value)
            .collect(),
        Dim::Tag => item
            .fields
            .list(field)
            .iter()
            .filter_map(|v| match &v.value {
                crate::model::Value::Str(s) => Some(s.as_str()),
                _ => None,
            })
            .collect(),
        _ => item.fields.str(field).into_iter().collect(),
    };
    // An item listed twice under one value is still one item.
    values.sort_unstable();
    values.dedup();
    values
}

/// The facets of one dimension from its values and their items.
fn facets(strategy: &Strategy, dim: Dim, found: BTreeMap<&str, Vec<&str>>) -> Vec<Facet> {
    let kind = match dim {
        Dim::Team => Some(Kind::Teams),
        Dim::Owner => Some(Kind::People),
        Dim::Goal => Some(Kind::Goals),
        Dim::Status | Dim::Tag => None,
    };
    let mut taken = FxHashSet::default();
    let mut all: Vec<Facet> = found
        .into_iter()
        .map(|(value, items)| {
            let (slug, title) = match kind.and_then(|k| strategy.get(k, value)) {
                Some(e) => (value.to_string(), e.title().to_string()),
                None => (unique(slug(value), &mut taken), value.to_string()),
            };
            let items = items.into_iter().map(String::from).collect();
            Facet { slug, title, items }
        })
        .collect();
    match dim {
        Dim::Status => {
            let order = &strategy.config.statuses;
            all.sort_by_key(|f| order.iter().position(|s| *s == f.title));
        }
        _ => all.sort_by_cached_key(|f| (f.title.to_lowercase(), f.slug.clone())),
    }
    all
}

/// A path segment for free text: lowercase letters and digits, other
/// runs as one `-`; `value` when nothing is left.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "value".to_string()
    } else {
        out.to_string()
    }
}

/// `slug`, numbered when another value took it first (`mobile`,
/// `mobile-2` for `Mobile`).
fn unique(slug: String, taken: &mut FxHashSet<String>) -> String {
    let mut candidate = slug.clone();
    let mut n = 1;
    while !taken.insert(candidate.clone()) {
        n += 1;
        candidate = format!("{slug}-{n}");
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_path_segments() {
        assert_eq!(slug("Needs review"), "needs-review");
        assert_eq!(slug("in-progress"), "in-progress");
        assert_eq!(slug("Ünïcode / ok!"), "ünïcode-ok");
        assert_eq!(slug("../.."), "value");
        let mut taken = FxHashSet::default();
        assert_eq!(unique(slug("Mobile"), &mut taken), "mobile");
        assert_eq!(unique(slug("mobile-2"), &mut taken), "mobile-2");
        assert_eq!(unique(slug("mobile"), &mut taken), "mobile-3");
    }
}
