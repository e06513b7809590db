//! The context of the goal map (`/goals/map/`): the vision, its pillars,
//! each with the goal trees that stand on it, and the goals on no pillar.
//! A goal's key results and roadmap items are in its summary already
//! (`key_results` with their progress, `backlinks.roadmap.goals`), so the
//! map only places goals; a sub-goal sits under its parent, whatever its
//! own pillar.

use super::context::Facts;
use super::views;
use crate::model::Kind;
use rustc_hash::FxHashSet;
use serde_json::{Value as Json, json};

pub fn context(facts: &Facts) -> Json {
    let strategy = facts.strategy;
    let roots = facts.graph.roots(Kind::Goals);
    let pillar_of = |id: &String| {
        let facts = facts.graph.goals.get(id)?;
        facts.pillar.as_ref().map(|p| p.id.as_str())
    };
    let vision = strategy.vision.as_ref();
    let pillars: Vec<Json> = vision
        .map(|v| v.fields.records("pillars").collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .filter_map(|p| {
            let id = p.str("id")?;
            let on: Vec<String> = roots
                .iter()
                .filter(|g| pillar_of(g) == Some(id))
                .cloned()
                .collect();
            Some(json!({
                "id": id,
                "title": p.str("title").unwrap_or(id),
                "description": p.str("description"),
                "goals": views::forest(facts, Kind::Goals, &on),
            }))
        })
        .collect();
    let placed: FxHashSet<&str> = pillars.iter().filter_map(|p| p["id"].as_str()).collect();
    let unplaced: Vec<String> = roots
        .iter()
        .filter(|g| !pillar_of(g).is_some_and(|p| placed.contains(p)))
        .cloned()
        .collect();
    json!({
        "vision": vision.and_then(|v| facts.summary(Kind::Vision, &v.id)),
        "pillars": pillars,
        "unplaced": views::forest(facts, Kind::Goals, &unplaced),
        "counts": facts.graph.goal_counts(),
    })
}
