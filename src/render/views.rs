//! The contexts of index pages: the home page, the roadmap board, and the
//! trees (goals, org chart, teams, pages) built from parent references.

use crate::model::{Entity, Kind, Strategy};
use serde_json::{Value as Json, json};
use std::cmp::Ordering;
use std::collections::BTreeMap;

pub use super::context::Summaries;

fn summaries_of<'a>(
    strategy: &'a Strategy,
    summaries: &'a Summaries<'a>,
    kind: Kind,
) -> impl Iterator<Item = &'a Json> {
    strategy
        .all(kind)
        .filter_map(move |e| summaries.get(&(kind, e.id.clone())))
}

fn sort_key(j: &Json, field: &str) -> String {
    j[field].as_str().unwrap_or_default().to_lowercase()
}

/// An object from owned values. `json!` would re-serialise (deep-copy) every
/// value it is given, which costs seconds on boards of thousands of items.
fn obj<const N: usize>(pairs: [(&str, Json); N]) -> Json {
    Json::Object(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

fn array<'a>(items: impl IntoIterator<Item = &'a Json>) -> Json {
    Json::Array(items.into_iter().cloned().collect())
}

/// Sibling order in trees and lists of pages: by weight (pages have one;
/// it defaults to 0), then title.
fn by_weight_then_title(a: &Json, b: &Json) -> Ordering {
    let weight = |j: &Json| j["weight"].as_f64().unwrap_or(0.0);
    weight(a)
        .total_cmp(&weight(b))
        .then_with(|| sort_key(a, "title").cmp(&sort_key(b, "title")))
}

/// Nested `{<names.0>: summary, <names.1>: [...]}`, roots first, where
/// `parent_of` names each entity's parent.
fn tree<'a>(
    strategy: &'a Strategy,
    summaries: &Summaries,
    kind: Kind,
    parent_of: &dyn Fn(&'a Entity) -> Option<&'a str>,
    names: (&str, &str),
) -> Json {
    let mut children: BTreeMap<Option<&str>, Vec<&str>> = BTreeMap::new();
    for e in strategy.all(kind) {
        children.entry(parent_of(e)).or_default().push(&e.id);
    }
    let lookup = |id: &str| {
        summaries
            .get(&(kind, id.to_string()))
            .cloned()
            .unwrap_or_default()
    };
    fn build(
        id: Option<&str>,
        children: &BTreeMap<Option<&str>, Vec<&str>>,
        lookup: &dyn Fn(&str) -> Json,
        names: (&str, &str),
        depth: usize,
    ) -> Json {
        // A cycle is an error reported elsewhere; depth keeps rendering finite anyway.
        let ids = if depth > 64 {
            &[][..]
        } else {
            children.get(&id).map_or(&[][..], Vec::as_slice)
        };
        let mut nodes: Vec<Json> = ids
            .iter()
            .map(|c| {
                obj([
                    (names.0, lookup(c)),
                    (names.1, build(Some(c), children, lookup, names, depth + 1)),
                ])
            })
            .collect();
        nodes.sort_by(|a, b| by_weight_then_title(&a[names.0], &b[names.0]));
        Json::Array(nodes)
    }
    build(None, &children, &lookup, names, 0)
}

/// A tree over a reference field, ignoring references that do not resolve.
fn tree_by_field<'a>(
    strategy: &'a Strategy,
    s: &Summaries,
    kind: Kind,
    field: &'static str,
    names: (&str, &str),
) -> Json {
    let parent_of = |e: &'a Entity| -> Option<&'a str> {
        e.fields
            .str(field)
            .filter(|p| strategy.get(kind, p).is_some())
    };
    tree(strategy, s, kind, &parent_of, names)
}

pub fn goals_index(strategy: &Strategy, s: &Summaries) -> Json {
    obj([(
        "tree",
        tree_by_field(strategy, s, Kind::Goals, "parent", ("goal", "children")),
    )])
}

pub fn people_index(strategy: &Strategy, s: &Summaries) -> Json {
    let org = tree_by_field(
        strategy,
        s,
        Kind::People,
        "reports_to",
        ("person", "reports"),
    );
    let mut people: Vec<&Json> = summaries_of(strategy, s, Kind::People).collect();
    people.sort_by_cached_key(|j| sort_key(j, "title"));
    obj([("org", org), ("people", array(people))])
}

pub fn teams_index(strategy: &Strategy, s: &Summaries) -> Json {
    obj([(
        "tree",
        tree_by_field(strategy, s, Kind::Teams, "parent", ("team", "children")),
    )])
}

/// Pages nest by folder: `playbooks/launch` sits under `playbooks` when
/// that page exists, else under the nearest folder above that is a page.
pub fn pages_index<'a>(strategy: &'a Strategy, s: &Summaries) -> Json {
    let parent_of = |e: &'a Entity| page_ancestor(strategy, &e.id).map(|p| p.id.as_str());
    obj([(
        "tree",
        tree(strategy, s, Kind::Pages, &parent_of, ("page", "children")),
    )])
}

/// The page that the page `id` sits under, if any.
fn page_ancestor<'a>(strategy: &'a Strategy, id: &str) -> Option<&'a Entity> {
    let mut path = id;
    while let Some((head, _)) = path.rsplit_once('/') {
        if let Some(parent) = strategy.get(Kind::Pages, head) {
            return Some(parent);
        }
        path = head;
    }
    None
}

/// The page a nested page sits under, as a link.
pub fn page_parent(strategy: &Strategy, id: &str) -> Json {
    page_ancestor(strategy, id).map_or(Json::Null, |p| {
        serde_json::to_value(p.link()).unwrap_or_default()
    })
}

/// The pages that sit under a page, as links, in page order.
pub fn page_children(strategy: &Strategy, s: &Summaries, id: &str) -> Json {
    let prefix = format!("{id}/");
    // Pages are sorted by id, so those under `id/` are one range.
    let under = strategy
        .entities
        .get(&Kind::Pages)
        .into_iter()
        .flat_map(|pages| {
            pages
                .range(prefix.clone()..)
                .map(|(_, e)| &**e)
                .take_while(|e| e.id.starts_with(&prefix))
        });
    let mut kids: Vec<&Json> = under
        .filter(|e| page_ancestor(strategy, &e.id).is_some_and(|p| p.id == id))
        .filter_map(|e| s.get(&(Kind::Pages, e.id.clone())))
        .collect();
    kids.sort_by(|a, b| by_weight_then_title(a, b));
    Json::Array(kids.into_iter().map(link_of).collect())
}

fn link_of(j: &Json) -> Json {
    json!({ "kind": j["kind"], "id": j["id"], "title": j["title"], "url": j["url"] })
}

/// Top-level pages (those under no other page), for the navigation.
pub fn nav_pages(strategy: &Strategy, s: &Summaries) -> Json {
    let mut top: Vec<&Json> = strategy
        .all(Kind::Pages)
        .filter(|e| page_ancestor(strategy, &e.id).is_none())
        .filter_map(|e| s.get(&(Kind::Pages, e.id.clone())))
        .collect();
    top.sort_by(|a, b| by_weight_then_title(a, b));
    Json::Array(top.into_iter().map(link_of).collect())
}

/// Roadmap items in board order: status, then RICE (highest first), then title.
fn board_sorted<'a>(strategy: &Strategy, items: impl Iterator<Item = &'a Json>) -> Vec<&'a Json> {
    let n = strategy.config.statuses.len() as u64;
    let mut items: Vec<&Json> = items.collect();
    // RICE has one decimal, so ten times it orders exactly as an integer.
    items.sort_by_cached_key(|j| {
        let rice = j["rice"]
            .as_f64()
            .map_or(i64::MAX, |r| -(r * 10.0).round() as i64);
        (
            j["status_index"].as_u64().unwrap_or(n),
            rice,
            sort_key(j, "title"),
        )
    });
    items
}

pub fn roadmap_board(strategy: &Strategy, s: &Summaries) -> Json {
    let items: Vec<&Json> = summaries_of(strategy, s, Kind::Roadmap).collect();
    let mut columns: Vec<Json> = strategy
        .config
        .horizons
        .iter()
        .map(|h| {
            let col = board_sorted(
                strategy,
                items
                    .iter()
                    .copied()
                    .filter(|j| j["horizon"].as_str() == Some(h)),
            );
            obj([("horizon", json!(h)), ("items", array(col))])
        })
        .collect();
    let unscheduled = board_sorted(
        strategy,
        items.iter().copied().filter(|j| j["horizon"].is_null()),
    );
    if !unscheduled.is_empty() {
        columns.push(obj([
            ("horizon", Json::Null),
            ("items", array(unscheduled)),
        ]));
    }
    obj([("columns", Json::Array(columns))])
}

pub fn by_title(strategy: &Strategy, s: &Summaries, kind: Kind) -> Json {
    let mut all: Vec<Json> = summaries_of(strategy, s, kind).cloned().collect();
    all.sort_by_cached_key(|j| sort_key(j, "title"));
    Json::Array(all)
}

pub fn decisions_index(strategy: &Strategy, s: &Summaries) -> Json {
    let mut all: Vec<&Json> = summaries_of(strategy, s, Kind::Decisions).collect();
    all.sort_by(|a, b| {
        sort_key(b, "date")
            .cmp(&sort_key(a, "date"))
            .then_with(|| sort_key(a, "title").cmp(&sort_key(b, "title")))
    });
    obj([("decisions", array(all))])
}

/// The home page: vision with its pillars' goals, top goals, the roadmap at a glance.
pub fn home(strategy: &Strategy, s: &Summaries, vision: Json) -> Json {
    let mut vision = vision;
    if let Some(Json::Array(pillars)) = vision.get_mut("pillars") {
        for p in pillars.iter_mut() {
            let id = p["id"].as_str().unwrap_or_default().to_string();
            let goals: Vec<Json> = strategy
                .all(Kind::Goals)
                .filter(|g| g.fields.str("pillar") == Some(id.as_str()))
                .map(|g| serde_json::to_value(g.link()).unwrap_or_default())
                .collect();
            p["goals"] = Json::Array(goals);
        }
    }
    let mut top_goals: Vec<&Json> = strategy
        .all(Kind::Goals)
        .filter(|g| g.fields.str("parent").is_none())
        .filter_map(|g| s.get(&(Kind::Goals, g.id.clone())))
        .collect();
    top_goals.sort_by_cached_key(|j| sort_key(j, "title"));
    let items: Vec<&Json> = summaries_of(strategy, s, Kind::Roadmap).collect();
    let status_counts: Vec<Json> = strategy
        .config
        .statuses
        .iter()
        .map(|st| json!({ "status": st, "count": items.iter().filter(|j| j["status"].as_str() == Some(st)).count() }))
        .collect();
    let first = strategy.config.horizons.first();
    let now = board_sorted(
        strategy,
        items
            .iter()
            .copied()
            .filter(|j| j["horizon"].as_str() == first.map(String::as_str)),
    );
    obj([
        ("vision", vision),
        ("top_goals", array(top_goals)),
        ("status_counts", Json::Array(status_counts)),
        ("now_items", array(now)),
        ("changes", Json::Array(Vec::new())),
    ])
}
