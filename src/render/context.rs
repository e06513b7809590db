//! The data templates see of an entity: its fields with references turned
//! into links, and what the graph knows of it (back-links, RICE, progress,
//! series), serialised from the graph's own structs.

use crate::graph::Graph;
use crate::model::{Entity, Kind, Strategy};
use rustc_hash::FxHashMap;
use serde::Serialize;
use serde_json::{Map, Value as Json, json};
use std::sync::OnceLock;

/// Entity summaries, each worked out the first time a page needs it, so
/// that `serve` can render one page without summarising the whole strategy.
/// Roadmap items' are not held: there are thousands, each asked for by two
/// pages (its own and its card), and holding them took a quarter of a
/// 10,000-item build's memory.
pub struct Summaries(FxHashMap<Kind, FxHashMap<String, OnceLock<Json>>>);

impl Summaries {
    pub fn new(strategy: &Strategy) -> Summaries {
        let mut cells: FxHashMap<Kind, FxHashMap<String, OnceLock<Json>>> = FxHashMap::default();
        for e in strategy.iter().filter(|e| held(e.kind)) {
            cells
                .entry(e.kind)
                .or_default()
                .insert(e.id.clone(), OnceLock::new());
        }
        Summaries(cells)
    }
}

fn held(kind: Kind) -> bool {
    kind != Kind::Roadmap
}

/// What the views read: the strategy, its graph, and the summaries.
#[derive(Clone, Copy)]
pub struct Facts<'a> {
    pub strategy: &'a Strategy,
    pub graph: &'a Graph,
    pub summaries: &'a Summaries,
    /// The strategy's folder inside its repository, for `source_url`.
    pub repo_prefix: &'a str,
    /// Each metric's sparkline, by id: shown in lists and beside key results.
    pub sparklines: &'a FxHashMap<String, String>,
}

impl<'a> Facts<'a> {
    /// The summary of an entity (see `summary`), a value of its own.
    pub fn summary(&self, kind: Kind, id: &str) -> Option<Json> {
        let entity = self.strategy.get(kind, id)?;
        let make = || {
            let mut s = summary(self.strategy, self.graph, entity, self.repo_prefix);
            self.add_sparklines(kind, &mut s);
            s
        };
        if !held(kind) {
            return Some(make());
        }
        let cell = self.summaries.0.get(&kind)?.get(id)?;
        Some(cell.get_or_init(make).clone())
    }

    /// A metric's sparkline on its summary, and on a goal's key results
    /// their metric's.
    fn add_sparklines(&self, kind: Kind, summary: &mut Json) {
        let spark = |id: &Json| id.as_str().and_then(|id| self.sparklines.get(id)).cloned();
        match kind {
            Kind::Metrics => {
                if let Some(svg) = spark(&summary["id"]) {
                    summary["sparkline"] = Json::String(svg);
                }
            }
            Kind::Goals => {
                if let Some(Json::Array(krs)) = summary.get_mut("key_results") {
                    for kr in krs.iter_mut().filter(|kr| kr.is_object()) {
                        if let Some(svg) = spark(&kr["metric"]["id"]) {
                            kr["sparkline"] = Json::String(svg);
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// An object of `pairs`, their values moved in: `json!` re-serialises
/// (deep-copies) every value it is given, which costs seconds on boards of
/// thousands of items.
pub fn obj<const N: usize>(pairs: [(&str, Json); N]) -> Json {
    Json::Object(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

/// Turns references into Link objects.
pub fn linker(strategy: &Strategy) -> impl Fn(Kind, &str) -> Json + '_ {
    move |kind, id| match strategy.get(kind, id) {
        Some(e) => to_json(&e.link()),
        None => json!({ "kind": kind, "id": id, "title": id, "url": "" }),
    }
}

/// An entity's fields, computed values and back-links, without its body:
/// what cards, boards and trees need.
pub fn summary(strategy: &Strategy, graph: &Graph, entity: &Entity, repo_prefix: &str) -> Json {
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
    let backlinks = graph.backlinks.of(strategy, entity);
    fields.insert("backlinks".into(), to_json(&backlinks));
    let id = entity.id.as_str();
    match entity.kind {
        Kind::Roadmap => {
            let facts = graph.items.get(id);
            merge(&mut fields, facts);
            if let (Some(milestones), Some(facts)) = (fields.get_mut("milestones"), facts) {
                *milestones = to_json(&facts.schedule.milestones);
            }
        }
        Kind::Goals => {
            let facts = graph.goals.get(id);
            if let Some(pillar) = facts.and_then(|f| f.pillar.as_ref()) {
                fields.insert("pillar".into(), to_json(pillar));
            }
            if let (Some(Json::Array(krs)), Some(facts)) = (fields.get_mut("key_results"), facts) {
                for (kr, facts) in krs.iter_mut().zip(&facts.key_results) {
                    if let Json::Object(kr) = kr {
                        merge(kr, Some(facts));
                    }
                }
            }
        }
        Kind::Metrics => merge(&mut fields, graph.metrics.get(id)),
        Kind::People => {
            fields.insert("avatar".into(), to_json(&entity.avatar()));
        }
        _ => {}
    }
    Json::Object(fields)
}

/// `value` as JSON; a value that cannot be (none of ours) is null.
pub fn to_json(value: &impl Serialize) -> Json {
    serde_json::to_value(value).unwrap_or_default()
}

/// Adds the fields of a serialised struct to an object.
fn merge(into: &mut Map<String, Json>, facts: Option<&impl Serialize>) {
    if let Some(Json::Object(m)) = facts.map(to_json) {
        into.extend(m);
    }
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

/// The whole model for `charter export`: config, then every kind by id,
/// each entity as its summary with its body, and a metric with its
/// standing too.
pub fn export_json(strategy: &Strategy, graph: &Graph) -> Json {
    let mut out = Map::new();
    out.insert("config".into(), to_json(&strategy.config));
    let with_body = |e: &Entity| {
        let mut s = summary(strategy, graph, e, "");
        if let Json::Object(m) = &mut s {
            m.remove("url");
            m.insert("body".into(), json!(e.body));
            let standing = (e.kind == Kind::Metrics).then(|| graph.standings.get(&e.id));
            if let Some(standing) = standing.flatten() {
                m.insert("standing".into(), to_json(standing));
            }
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
