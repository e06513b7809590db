//! The contexts of index pages, each made the way its kind's row says
//! (`View`): the roadmap board, the trees (goals, org chart, teams,
//! pages), lists by title or newest first, and the home page.

use super::context::{Facts, obj, to_json};
use crate::graph::Tree;
use crate::model::{Entity, Kind};
use crate::schema::{self, View};
use serde_json::{Value as Json, json};
use std::cmp::Reverse;

/// The context of the index page of `kind`.
pub fn index(facts: &Facts, kind: Kind, view: View) -> Json {
    let folder = kind.folder();
    match view {
        // The board is made with its cards (`board`).
        View::Board => Json::Null,
        View::Tree => obj([("tree", tree(facts, kind))]),
        View::OrgChart => obj([("org", tree(facts, kind)), (folder, by_title(facts, kind))]),
        View::ByTitle => obj([(folder, by_title(facts, kind))]),
        View::Newest => obj([(folder, newest(facts, kind))]),
    }
}

/// Nested `{<node>: summary, <children>: [...]}` from the roots, with the
/// names the kind's row gives.
fn tree(facts: &Facts, kind: Kind) -> Json {
    let roots = facts.graph.roots(kind);
    forest(facts, kind, roots)
}

/// The subtrees of the entities `ids`, as `tree` makes them.
pub fn forest(facts: &Facts, kind: Kind, ids: &[String]) -> Json {
    match (&kind.row().tree, facts.graph.trees.get(&kind)) {
        (Some(names), Some(tree)) => nodes(facts, kind, names, tree, ids, 0),
        _ => Json::Array(Vec::new()),
    }
}

fn nodes(
    facts: &Facts,
    kind: Kind,
    names: &schema::Tree,
    tree: &Tree,
    ids: &[String],
    depth: usize,
) -> Json {
    // Only a cycle, an error of its own, goes this deep.
    let ids = if depth > crate::graph::MAX_DEPTH {
        &[][..]
    } else {
        ids
    };
    let node = |id: &String| {
        let children = nodes(facts, kind, names, tree, tree.children_of(id), depth + 1);
        let summary = facts.summary(kind, id).unwrap_or_default();
        obj([(names.node, summary), (names.children, children)])
    };
    Json::Array(ids.iter().map(node).collect())
}

/// The page a nested page sits under, as a link.
pub fn page_parent(facts: &Facts, kind: Kind, id: &str) -> Json {
    let parent = facts.graph.trees.get(&kind).and_then(|t| t.parent.get(id));
    parent
        .and_then(|p| facts.strategy.get(kind, p))
        .map_or(Json::Null, |p| to_json(&p.link()))
}

/// The pages that sit under a page, as links, in page order.
pub fn page_children(facts: &Facts, kind: Kind, id: &str) -> Json {
    links(facts, kind, facts.graph.children(kind, id))
}

/// Top-level pages (those under no other page), for the navigation.
pub fn nav_pages(facts: &Facts) -> Json {
    links(facts, Kind::Pages, facts.graph.roots(Kind::Pages))
}

fn links(facts: &Facts, kind: Kind, ids: &[String]) -> Json {
    let links = ids
        .iter()
        .filter_map(|id| facts.strategy.get(kind, id))
        .map(|e| {
            let l = e.link();
            json!({ "kind": l.kind, "id": l.id, "title": l.title, "url": l.url })
        });
    Json::Array(links.collect())
}

/// Roadmap items in board order.
fn board_sorted<'a>(facts: &Facts, items: impl Iterator<Item = &'a Entity>) -> Vec<&'a Entity> {
    let mut items: Vec<&Entity> = items.collect();
    let order = &facts.graph.items;
    items.sort_by_key(|e| order.get(e.id.as_str()).map(|f| &f.board));
    items
}

/// The summaries of `entities`, in the order given.
fn summaries<'a>(facts: &Facts, entities: impl IntoIterator<Item = &'a Entity>) -> Json {
    let all = entities.into_iter();
    Json::Array(all.filter_map(|e| facts.summary(e.kind, &e.id)).collect())
}

fn by_title(facts: &Facts, kind: Kind) -> Json {
    let mut all: Vec<&Entity> = facts.strategy.all(kind).collect();
    all.sort_by_cached_key(|e| e.title().to_lowercase());
    summaries(facts, all)
}

/// Newest `date` first, undated last, then by title.
fn newest(facts: &Facts, kind: Kind) -> Json {
    let mut all: Vec<&Entity> = facts.strategy.all(kind).collect();
    all.sort_by_cached_key(|e| (Reverse(e.fields.date("date")), e.title().to_lowercase()));
    summaries(facts, all)
}

/// The home page: vision with its pillars' goals, top goals, the roadmap at a glance.
pub fn home(facts: &Facts, vision: Json) -> Json {
    let strategy = facts.strategy;
    let graph = facts.graph;
    let mut vision = vision;
    if let Some(Json::Array(pillars)) = vision.get_mut("pillars") {
        for p in pillars.iter_mut() {
            let on = graph.goals.on_pillar(p["id"].as_str().unwrap_or_default());
            let goals = on.iter().filter_map(|id| strategy.get(Kind::Goals, id));
            let links = goals.map(|g| to_json(&g.link()));
            p["goals"] = Json::Array(links.collect());
        }
    }
    let roots = graph.roots(Kind::Goals);
    let top_goals = roots.iter().filter_map(|id| strategy.get(Kind::Goals, id));
    let first = strategy.config.horizons.first().map(String::as_str);
    let now = board_sorted(
        facts,
        strategy
            .all(Kind::Roadmap)
            .filter(|e| e.fields.str("horizon") == first),
    );
    let status_counts = to_json(&graph.facets.status_counts);
    obj([
        ("vision", vision),
        ("top_goals", summaries(facts, top_goals)),
        ("status_counts", status_counts),
        ("now_items", summaries(facts, now)),
        ("changes", Json::Array(Vec::new())),
    ])
}
