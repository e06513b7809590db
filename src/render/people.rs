//! The people an entity page shows as cards, with their picture, role and
//! team: a team's members, a role's holders, a person's direct reports.
//! Which ones is a table, read from the graph's back-links, in the order
//! the page's own summary lists them.

use super::context::Facts;
use crate::model::{Entity, Kind};
use serde_json::Value as Json;

/// (kind of the page, field of people that names it, context key).
const CARDS: &[(Kind, &str, &str)] = &[
    (Kind::Teams, "team", "members"),
    (Kind::Roles, "role", "holders"),
    (Kind::People, "reports_to", "reports"),
];

/// The context keys of `entity`'s page, each the summaries of the people
/// it lists, by name.
pub fn cards(facts: &Facts, entity: &Entity) -> Vec<(&'static str, Json)> {
    CARDS
        .iter()
        .filter(|(k, _, _)| *k == entity.kind)
        .map(|(_, field, key)| {
            let backlinks = &facts.graph.backlinks;
            let links = backlinks.links(facts.strategy, entity, Kind::People, field);
            let people = links
                .iter()
                .filter_map(|l| facts.summary(Kind::People, &l.id));
            (*key, Json::Array(people.collect()))
        })
        .collect()
}
