//! The contexts of index pages, each made the way its kind's row says
//! (`View`): the roadmap board, the trees (goals, org chart, teams,
//! pages), lists by title or newest first, and the home page.

use super::context::{Facts, obj};
use crate::graph::Tree;
use crate::model::{Entity, Kind};
use crate::schema::{self, View};
use serde_json::{Value as Json, json};
use std::borrow::Cow;
use std::cmp::Reverse;

fn sort_key(j: &Json, field: &str) -> String {
    j[field].as_str().unwrap_or_default().to_lowercase()
}

fn array<'a>(items: impl IntoIterator<Item = Cow<'a, Json>>) -> Json {
    Json::Array(items.into_iter().map(Cow::into_owned).collect())
}

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
    let roots = facts.graph.trees.get(&kind).map_or(&[][..], |t| &t.roots);
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
        let summary = facts.summary_owned(kind, id).unwrap_or_default();
        obj([(names.node, summary), (names.children, children)])
    };
    Json::Array(ids.iter().map(node).collect())
}

/// The page a nested page sits under, as a link.
pub fn page_parent(facts: &Facts, kind: Kind, id: &str) -> Json {
    let parent = facts.graph.trees.get(&kind).and_then(|t| t.parent.get(id));
    parent
        .and_then(|p| facts.strategy.get(kind, p))
        .map_or(Json::Null, |p| {
            serde_json::to_value(p.link()).unwrap_or_default()
        })
}

/// The pages that sit under a page, as links, in page order.
pub fn page_children(facts: &Facts, kind: Kind, id: &str) -> Json {
    links(
        facts,
        kind,
        facts
            .graph
            .trees
            .get(&kind)
            .map_or(&[], |t| t.children_of(id)),
    )
}

/// Top-level pages (those under no other page), for the navigation.
pub fn nav_pages(facts: &Facts) -> Json {
    let roots = facts
        .graph
        .trees
        .get(&Kind::Pages)
        .map_or(&[][..], |t| &t.roots);
    links(facts, Kind::Pages, roots)
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
    let order = &facts.graph.board_order;
    items.sort_by_key(|e| order.get(e.id.as_str()));
    items
}

fn by_title(facts: &Facts, kind: Kind) -> Json {
    let mut all: Vec<Cow<Json>> = facts.all(kind).collect();
    all.sort_by_cached_key(|j| sort_key(j, "title"));
    array(all)
}

/// Newest `date` first, undated last, then by title.
fn newest(facts: &Facts, kind: Kind) -> Json {
    let mut all: Vec<_> = facts
        .strategy
        .all(kind)
        .filter_map(|e| Some((e.fields.date("date"), facts.summary(kind, &e.id)?)))
        .collect();
    all.sort_by_cached_key(|(date, j)| (Reverse(*date), sort_key(j, "title")));
    array(all.into_iter().map(|(_, j)| j))
}

/// The home page: vision with its pillars' goals, top goals, the roadmap at a glance.
pub fn home(facts: &Facts, vision: Json) -> Json {
    let strategy = facts.strategy;
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
    let mut top_goals: Vec<Cow<Json>> = strategy
        .all(Kind::Goals)
        .filter(|g| g.fields.str("parent").is_none())
        .filter_map(|g| facts.summary(Kind::Goals, &g.id))
        .collect();
    top_goals.sort_by_cached_key(|j| sort_key(j, "title"));
    let status_counts: Vec<Json> = strategy
        .config
        .statuses
        .iter()
        .map(|st| {
            let count = strategy
                .all(Kind::Roadmap)
                .filter(|e| e.fields.str("status") == Some(st))
                .count();
            json!({ "status": st, "count": count })
        })
        .collect();
    let first = strategy.config.horizons.first().map(String::as_str);
    let now = board_sorted(
        facts,
        strategy
            .all(Kind::Roadmap)
            .filter(|e| e.fields.str("horizon") == first),
    );
    let now = now
        .into_iter()
        .filter_map(|e| facts.summary(Kind::Roadmap, &e.id));
    obj([
        ("vision", vision),
        ("top_goals", array(top_goals)),
        ("status_counts", Json::Array(status_counts)),
        ("now_items", array(now)),
        ("changes", Json::Array(Vec::new())),
    ])
}
