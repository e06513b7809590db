//! The contexts of the pages that carry drawings: the roadmap timeline,
//! an item's own bar, a metric's chart and standing, and the sparklines
//! that lists and goals show, each metric's made once per site.

use super::context::{Facts, obj};
use crate::draw::{self, Metric};
use crate::graph::Series;
use crate::model::pages::Grouping;
use crate::model::{Date, Entity, Kind, Strategy};
use rustc_hash::FxHashMap;
use serde_json::{Value as Json, json};

fn metric<'a>(entity: &'a Entity, series: &'a Series) -> Metric<'a> {
    Metric {
        name: entity.title(),
        series,
        target: entity.fields.number("target"),
        direction: entity.fields.str("direction"),
        unit: entity.fields.str("unit"),
    }
}

/// Every metric's sparkline, by id.
pub fn sparklines(
    strategy: &Strategy,
    metrics: &FxHashMap<String, Series>,
) -> FxHashMap<String, String> {
    strategy
        .all(Kind::Metrics)
        .filter_map(|e| {
            Some((
                e.id.clone(),
                draw::sparkline(&metric(e, metrics.get(&e.id)?)),
            ))
        })
        .filter(|(_, svg)| !svg.is_empty())
        .collect()
}

/// The timeline page grouped `by`, with the items it cannot draw.
pub fn timeline(facts: &Facts, by: Grouping, today: Option<Date>, root: &str) -> Json {
    let t = draw::roadmap(facts.strategy, facts.graph, by, today, root);
    let undated: Vec<Json> = t
        .undated
        .iter()
        .filter_map(|id| facts.summary(Kind::Roadmap, id))
        .collect();
    let views: Vec<Json> = Grouping::ALL
        .iter()
        .map(|g| {
            json!({
                "title": match g { Grouping::Team => "By team", Grouping::Goal => "By goal" },
                "url": g.path(),
                "current": *g == by,
            })
        })
        .collect();
    obj([
        ("timeline", Json::String(t.svg)),
        ("undated", Json::Array(undated)),
        ("views", Json::Array(views)),
        ("today", json!(today)),
        ("today_shown", json!(t.today_shown)),
    ])
}

/// What an entity's page adds to its context: a roadmap item's drawing, a
/// metric's chart and standing.
pub fn entity(facts: &Facts, entity: &Entity, today: Option<Date>, root: &str) -> Option<Json> {
    match entity.kind {
        Kind::Roadmap => Some(obj([(
            "drawing",
            Json::String(draw::item(
                facts.strategy,
                facts.graph,
                &entity.id,
                today,
                root,
            )),
        )])),
        Kind::Metrics => {
            let series = facts.graph.metrics.get(&entity.id)?;
            Some(json!({
                "chart": draw::chart(&metric(entity, series)),
                "standing": facts.graph.standings.get(&entity.id)?,
            }))
        }
        _ => None,
    }
}
