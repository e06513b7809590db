//! The data templates see: each entity as JSON with references turned into
//! links, back-links from everything that refers to it, and the values the
//! site computes (RICE, key-result progress, latest metric values).

use crate::model::schema::{self, Kind};
use crate::model::value::number_json;
use crate::model::{Date, Entity, Fields, Link, Strategy};
use rustc_hash::FxHashMap;
use serde_json::{Map, Value as Json, json};
use std::sync::OnceLock;

/// Who refers to whom: target → the (entity, field) pairs that refer to
/// it. Built in one pass without copying anything; the links themselves
/// are made only for the entities whose pages are rendered.
pub struct Backlinks<'a>(FxHashMap<(Kind, &'a str), Vec<(&'static str, &'a Entity)>>);

impl<'a> Backlinks<'a> {
    pub fn new(strategy: &'a Strategy) -> Backlinks<'a> {
        let mut map: FxHashMap<(Kind, &'a str), Vec<(&'static str, &'a Entity)>> =
            FxHashMap::default();
        for entity in strategy.iter() {
            for field in entity.kind.ref_fields() {
                let Some(spanned) = entity.fields.get(field) else {
                    continue;
                };
                for (kind, id, _) in spanned.refs() {
                    let list = map.entry((kind, id)).or_default();
                    // An entity's references are visited together: repeats are adjacent.
                    if list
                        .last()
                        .is_none_or(|(f, e)| *f != field || !std::ptr::eq(*e, entity))
                    {
                        list.push((field, entity));
                    }
                }
            }
        }
        Backlinks(map)
    }

    /// The links to `entity` that come through `kind.field`, by title.
    pub fn get(&self, entity: &Entity, kind: Kind, field: &str) -> Vec<Link> {
        let mut links: Vec<Link> = self
            .0
            .get(&(entity.kind, entity.id.as_str()))
            .into_iter()
            .flatten()
            .filter(|(f, e)| *f == field && e.kind == kind)
            .map(|(_, e)| e.link())
            .collect();
        links.sort_by(|a, b| a.title.cmp(&b.title).then_with(|| a.id.cmp(&b.id)));
        links
    }

    /// `{kind: {field: [links]}}` for every field that can refer to this kind.
    fn json(&self, entity: &Entity) -> Json {
        let mut out = Map::new();
        for (kind, field) in schema::referrers(entity.kind) {
            let links = serde_json::to_value(self.get(entity, kind, field)).unwrap_or_default();
            out.entry(kind.folder())
                .or_insert_with(|| Json::Object(Map::new()))
                .as_object_mut()
                .map(|m| m.insert(field.to_string(), links));
        }
        Json::Object(out)
    }
}

/// Entity summaries, each worked out the first time a page needs it, so
/// that `serve` can render one page without summarising the whole strategy.
pub struct Summaries<'a> {
    strategy: &'a Strategy,
    backlinks: Backlinks<'a>,
    repo_prefix: &'a str,
    cells: FxHashMap<(Kind, &'a str), OnceLock<Json>>,
}

impl<'a> Summaries<'a> {
    pub fn new(strategy: &'a Strategy, repo_prefix: &'a str) -> Summaries<'a> {
        let (cells, backlinks) = rayon::join(
            || {
                strategy
                    .iter()
                    .map(|e| ((e.kind, e.id.as_str()), OnceLock::new()))
                    .collect()
            },
            || Backlinks::new(strategy),
        );
        Summaries {
            strategy,
            backlinks,
            repo_prefix,
            cells,
        }
    }

    pub fn get(&self, key: &(Kind, String)) -> Option<&Json> {
        let entity: &'a Entity = self.strategy.get(key.0, &key.1)?;
        let cell = self.cells.get(&(entity.kind, entity.id.as_str()))?;
        Some(cell.get_or_init(|| summary(self.strategy, &self.backlinks, entity, self.repo_prefix)))
    }
}

/// Turns references into Link objects.
pub fn linker(strategy: &Strategy) -> impl Fn(Kind, &str) -> Json + '_ {
    move |kind, id| match strategy.get(kind, id) {
        Some(e) => serde_json::to_value(e.link()).unwrap_or_default(),
        None => json!({ "kind": kind, "id": id, "title": id, "url": "" }),
    }
}

/// An entity's fields, computed values and back-links, without its body:
/// what cards, boards and trees need.
pub fn summary(
    strategy: &Strategy,
    backlinks: &Backlinks,
    entity: &Entity,
    repo_prefix: &str,
) -> Json {
    let link = linker(strategy);
    let mut fields = match entity.fields.to_json(&link) {
        Json::Object(m) => m,
        _ => Map::new(),
    };
    fields.insert("kind".into(), json!(entity.kind));
    fields.insert("id".into(), json!(entity.id));
    fields.insert("url".into(), json!(entity.url()));
    fields.insert("source".into(), json!(entity.source));
    fields.insert("title".into(), json!(entity.title()));
    if let Some(repo) = &strategy.config.repo_url {
        let url = format!("{repo}/blob/HEAD/{repo_prefix}{}", entity.source);
        fields.insert("source_url".into(), json!(url));
    }
    fields.entry("extra").or_insert_with(|| json!({}));
    fields.insert("backlinks".into(), backlinks.json(entity));
    match entity.kind {
        Kind::Roadmap => roadmap(strategy, entity, &mut fields),
        Kind::Goals => goal(strategy, entity, &mut fields),
        Kind::Metrics => metric(&entity.fields, &mut fields),
        _ => {}
    }
    Json::Object(fields)
}

/// The full context object of an entity's own page.
pub fn entity(summary: Json, body_html: String) -> Json {
    let mut out = summary;
    if let Json::Object(m) = &mut out {
        m.insert("body_html".into(), Json::String(body_html));
        m.insert("history".into(), Json::Null);
    }
    out
}

/// RICE: reach × impact × confidence% / effort, to one decimal.
pub fn rice(fields: &Fields) -> Option<f64> {
    let s = fields.record("score")?;
    let (r, i, c, e) = (
        s.number("reach")?,
        s.number("impact")?,
        s.number("confidence")?,
        s.number("effort")?,
    );
    Some((r * i * c / 100.0 / e * 10.0).round() / 10.0)
}

fn roadmap(strategy: &Strategy, entity: &Entity, out: &mut Map<String, Json>) {
    if let Some(r) = rice(&entity.fields) {
        out.insert("rice".into(), number_json(r));
    }
    let status = entity.fields.str("status").unwrap_or_default();
    let index = strategy.config.statuses.iter().position(|s| s == status);
    out.insert("status_index".into(), json!(index));
    if let Some(Json::Array(milestones)) = out.get_mut("milestones") {
        milestones.sort_by(|a, b| a["date"].as_str().cmp(&b["date"].as_str()));
    }
}

fn goal(strategy: &Strategy, entity: &Entity, out: &mut Map<String, Json>) {
    if let Some(pillar) = entity.fields.str("pillar") {
        let title = strategy
            .vision
            .as_ref()
            .and_then(|v| {
                v.fields
                    .records("pillars")
                    .find(|p| p.str("id") == Some(pillar))
            })
            .and_then(|p| p.str("title"))
            .unwrap_or(pillar);
        out.insert("pillar".into(), json!({ "id": pillar, "title": title }));
    }
    let Some(Json::Array(krs)) = out.get_mut("key_results") else {
        return;
    };
    for (kr_json, kr) in krs.iter_mut().zip(entity.fields.records("key_results")) {
        let metric = kr
            .str("metric")
            .and_then(|id| strategy.get(Kind::Metrics, id));
        let Some(metric) = metric else { continue };
        let values = sorted_values(&metric.fields);
        let obj = kr_json.as_object_mut().expect("records are objects");
        if let Some(unit) = metric.fields.str("unit") {
            obj.insert("unit".into(), json!(unit));
        }
        let (Some(first), Some(last)) = (values.first(), values.last()) else {
            continue;
        };
        obj.insert("baseline".into(), number_json(first.1));
        obj.insert("current".into(), number_json(last.1));
        if let Some(target) = kr.number("target") {
            obj.insert("progress".into(), json!(progress(first.1, last.1, target)));
        }
    }
}

/// How far `current` has moved from `baseline` toward `target`, 0-100.
/// Works for both directions: a target below the baseline is a decrease.
pub fn progress(baseline: f64, current: f64, target: f64) -> u32 {
    if (target - baseline).abs() < f64::EPSILON {
        return if (current - target).abs() < f64::EPSILON {
            100
        } else {
            0
        };
    }
    let p = (current - baseline) / (target - baseline) * 100.0;
    p.clamp(0.0, 100.0).round() as u32
}

fn sorted_values(fields: &Fields) -> Vec<(Date, f64)> {
    let mut values: Vec<(Date, f64)> = fields
        .records("values")
        .filter_map(|v| Some((v.date("date")?, v.number("value")?)))
        .collect();
    values.sort_by_key(|v| v.0);
    values
}

fn metric(fields: &Fields, out: &mut Map<String, Json>) {
    let values = sorted_values(fields);
    let as_json = |(d, v): &(Date, f64)| json!({ "date": d, "value": number_json(*v) });
    out.insert(
        "values".into(),
        Json::Array(values.iter().map(as_json).collect()),
    );
    if let (Some(first), Some(last)) = (values.first(), values.last()) {
        out.insert("first".into(), as_json(first));
        out.insert("latest".into(), as_json(last));
    }
}

/// The whole model for `charter export`: config, then every kind by id.
pub fn export_json(strategy: &Strategy) -> Json {
    let c = &strategy.config;
    let mut out = Map::new();
    out.insert(
        "config".into(),
        json!({
            "title": c.title, "description": c.description, "base_url": c.base_url,
            "repo_url": c.repo_url, "theme": c.theme, "statuses": c.statuses,
            "horizons": c.horizons, "currency": c.currency,
            "markdown": { "unsafe_html": c.unsafe_html }, "history": { "enabled": c.history },
            "extra": c.extra,
        }),
    );
    let backlinks = Backlinks::new(strategy);
    let with_body = |e: &Entity| {
        let mut s = summary(strategy, &backlinks, e, "");
        if let Json::Object(m) = &mut s {
            m.remove("url");
            m.insert("body".into(), json!(e.body));
        }
        s
    };
    out.insert(
        "vision".into(),
        strategy.vision.as_ref().map_or(Json::Null, with_body),
    );
    for kind in Kind::FOLDERS {
        let all: Map<String, Json> = strategy
            .all(kind)
            .map(|e| (e.id.clone(), with_body(e)))
            .collect();
        out.insert(kind.folder().into(), Json::Object(all));
    }
    Json::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_in_both_directions() {
        assert_eq!(progress(40.0, 45.0, 50.0), 50);
        assert_eq!(progress(10.0, 8.0, 6.0), 50);
        assert_eq!(progress(10.0, 12.0, 6.0), 0);
        assert_eq!(progress(10.0, 20.0, 15.0), 100);
    }
}
