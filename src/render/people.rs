//! The people an entity page shows as cards, with their picture, role and
//! team: a team's members, a role's holders, a person's direct reports.
//! Which ones is a table, read from the back-links the page's own summary
//! already holds.

use super::context::Facts;
use crate::model::Kind;
use serde_json::Value as Json;

/// (kind of the page, field of people that names it, context key).
const CARDS: &[(Kind, &str, &str)] = &[
    (Kind::Teams, "team", "members"),
    (Kind::Roles, "role", "holders"),
    (Kind::People, "reports_to", "reports"),
];

/// The context keys of the page of `kind`'s entity `summary`, each the
/// summaries of the people it lists, by name.
pub fn cards(facts: &Facts, kind: Kind, summary: &Json) -> Vec<(&'static str, Json)> {
    CARDS
        .iter()
        .filter(|(k, _, _)| *k == kind)
        .map(|(_, field, key)| {
            let links = summary["backlinks"]["people"][field].as_array();
            let people = links
                .into_iter()
                .flatten()
                .filter_map(|l| facts.summary_owned(Kind::People, l["id"].as_str()?));
            (*key, Json::Array(people.collect()))
        })
        .collect()
}
