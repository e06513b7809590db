//! The roadmap as bars on a time axis: every item with a start and a
//! target, grouped by team or by its first goal, and an item's own bar
//! beside those it waits for and those waiting for it. Items without
//! both dates are returned apart, for the page to list.

use super::bars::{Bar, Group};
use super::gantt::{self, Fit};
use crate::graph::Graph;
use crate::model::pages::Grouping;
use crate::model::{Date, Entity, Kind, Strategy};
use std::collections::BTreeMap;

/// The timeline's drawing, the ids of the items it leaves out, and
/// whether today is drawn (not when it is a quarter or more away).
pub struct Timeline {
    pub svg: String,
    pub undated: Vec<String>,
    pub today_shown: bool,
}

/// The whole roadmap, grouped `by`, with links from a page at `root`.
pub fn roadmap(
    strategy: &Strategy,
    graph: &Graph,
    by: Grouping,
    today: Option<Date>,
    root: &str,
) -> Timeline {
    let (field, kind, none) = match by {
        Grouping::Team => ("team", Kind::Teams, "No team"),
        Grouping::Goal => ("goals", Kind::Goals, "No goal"),
    };
    // Groups by title, the one without a team or goal last.
    let mut groups: BTreeMap<(bool, String, String), Vec<Bar>> = BTreeMap::new();
    let mut undated = Vec::new();
    for item in strategy.all(Kind::Roadmap) {
        let Some(bar) = bar(graph, item, false) else {
            undated.push(item.id.clone());
            continue;
        };
        let owner = item.fields.refs(field).first().map(|r| r.value);
        let key = match owner.and_then(|id| strategy.get(kind, id)) {
            Some(e) => (false, e.title().to_lowercase(), e.id.clone()),
            None => (true, String::new(), String::new()),
        };
        groups.entry(key).or_default().push(bar);
    }
    let groups: Vec<Group> = groups
        .into_iter()
        .map(|((_, _, id), mut bars)| {
            bars.sort_by(|a, b| (a.span, a.title).cmp(&(b.span, b.title)));
            let title = strategy.get(kind, &id).map_or(none, Entity::title);
            Group {
                title: Some(format!("{title} · {}", count(bars.len()))),
                bars,
            }
        })
        .collect();
    let name = match by {
        Grouping::Team => "Roadmap timeline by team",
        Grouping::Goal => "Roadmap timeline by goal",
    };
    undated.sort_by_cached_key(|id| {
        let e = strategy.get(Kind::Roadmap, id);
        (e.map(|e| e.title().to_lowercase()), id.clone())
    });
    Timeline {
        today_shown: today.is_some_and(|t| gantt::shows_today(&groups, t)),
        svg: gantt::draw(&groups, today, Fit::Scale, name, "timeline", root),
        undated,
    }
}

fn count(n: usize) -> String {
    format!("{n} item{}", if n == 1 { "" } else { "s" })
}

/// An item's bar with those of the items it depends on and of those that
/// depend on it, fitted to a page's width; empty when the item has no bar.
pub fn item(
    strategy: &Strategy,
    graph: &Graph,
    id: &str,
    today: Option<Date>,
    root: &str,
) -> String {
    let Some(entity) = strategy.get(Kind::Roadmap, id) else {
        return String::new();
    };
    let Some(own) = bar(graph, entity, true) else {
        return String::new();
    };
    let needed_by = graph.backlinks.ids(entity, Kind::Roadmap, "depends_on");
    let own_id = [id.to_string()];
    let mut bars: Vec<Bar> = own
        .depends_on
        .iter()
        .map(String::as_str)
        .chain(needed_by)
        .filter(|other| *other != id)
        .filter_map(|other| bar(graph, strategy.get(Kind::Roadmap, other)?, false))
        .collect();
    // Arrows only between this item and its neighbours, not among them.
    for b in &mut bars {
        b.depends_on = if b.depends_on.contains(&own_id[0]) {
            &own_id
        } else {
            &[]
        };
    }
    bars.push(own);
    bars.sort_by(|a, b| (a.span, a.title, a.id).cmp(&(b.span, b.title, b.id)));
    bars.dedup_by(|a, b| a.id == b.id);
    let groups = [Group { title: None, bars }];
    gantt::draw(
        &groups,
        today,
        Fit::Width(720.0),
        "Its dates and dependencies",
        "item",
        root,
    )
}

/// The bar of a roadmap item with a start and a target.
fn bar<'a>(graph: &'a Graph, item: &'a Entity, own: bool) -> Option<Bar<'a>> {
    let schedule = &graph.items.get(&item.id)?.schedule;
    Some(Bar {
        id: &item.id,
        title: item.title(),
        status: item.fields.str("status").unwrap_or_default(),
        url: item.url(),
        span: schedule.span()?,
        milestones: &schedule.milestones,
        depends_on: &schedule.depends_on,
        own,
    })
}
