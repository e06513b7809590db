//! The contexts of the roadmap board and the views beside it: the board of
//! every item or of those with one team, owner, status, goal or tag (their
//! cards made once, by `cards`), the filter bar that links them, each
//! dimension's values, and the priority list by RICE.

use super::cards::Cards;
use super::context::{Facts, obj, to_json};
use super::theme::Theme;
use crate::graph::{BoardKey, Facet, ItemFacts};
use crate::model::Kind;
use crate::model::pages::{Board, Dim};
use anyhow::{Result, anyhow};
use serde_json::{Value as Json, json};

/// A dimension with more values than this is a link to its list of values
/// in the filter bar, not a menu: 1,000 owners on every board page would
/// outweigh the boards.
pub const MENU_MAX: usize = 50;

/// An item as a board column sees it.
struct Placed<'a> {
    id: &'a str,
    /// Its place in board order.
    rank: Option<&'a BoardKey>,
    horizon: Option<&'a str>,
    status: Option<&'a str>,
    finished: bool,
}

/// What a board view is made from.
pub struct Boards<'a> {
    pub facts: Facts<'a>,
    pub theme: &'a Theme,
    pub cards: &'a Cards,
}

impl Boards<'_> {
    /// (template, title, context) of a view beside the board.
    pub fn page(&self, board: &Board, root: &str) -> Result<(&'static str, String, Json)> {
        Ok(match board {
            Board::Priority => (
                "roadmap_priority.html",
                "Priority list".into(),
                self.priority(),
            ),
            Board::Values(dim) => {
                let title = format!("Roadmap by {}", dim.name());
                ("roadmap_values.html", title, self.values(*dim))
            }
            Board::Filtered(dim, slug) => {
                let facet = self
                    .facts
                    .graph
                    .facets
                    .get(*dim, slug)
                    .ok_or_else(|| anyhow!("no {} `{slug}` on the roadmap", dim.name()))?;
                let title = format!("{} · Roadmap by {}", facet.title, dim.name());
                let context = self.board(Some((*dim, facet)), root)?;
                ("roadmap_board.html", title, context)
            }
        })
    }

    /// The board of every item (`None`), or of those with one value of a
    /// dimension; `root` is the page's.
    pub fn board(&self, filter: Option<(Dim, &Facet)>, root: &str) -> Result<Json> {
        let ids: Vec<&str> = match filter {
            Some((_, facet)) => facet.items.iter().map(String::as_str).collect(),
            None => self.facts.strategy.ids(Kind::Roadmap).collect(),
        };
        let mut context = obj([
            ("columns", self.columns(&ids, root)?),
            ("total", json!(ids.len())),
            ("filters", self.filters(filter)),
            (
                "board_url",
                json!(format!("{}/index.html", Kind::Roadmap.folder())),
            ),
            ("priority_url", json!(Board::Priority.path())),
            (
                "filter",
                filter.map_or(
                    Json::Null,
                    |(dim, f)| json!({ "dim": dim, "title": f.title, "count": f.items.len() }),
                ),
            ),
        ]);
        if filter.is_none() {
            context["facets_json"] = json!(self.facets_json());
        }
        Ok(context)
    }

    /// One column per horizon, then one for items without, if any: the
    /// open items' cards in board order, and apart the finished ones,
    /// with how many of each finished status there are.
    fn columns(&self, ids: &[&str], root: &str) -> Result<Json> {
        let config = &self.facts.strategy.config;
        let items = &self.facts.graph.items;
        // What a column needs of each item, looked up once: a board shows
        // up to every item, and is made about fifty times per build.
        let mut placed: Vec<Placed> = ids
            .iter()
            .map(|&id| {
                let fields = self
                    .facts
                    .strategy
                    .get(Kind::Roadmap, id)
                    .map(|e| &e.fields);
                let facts = items.get(id);
                Placed {
                    id,
                    rank: facts.map(|f| &f.board),
                    horizon: fields.and_then(|f| f.str("horizon")),
                    status: fields.and_then(|f| f.str("status")),
                    finished: facts.is_some_and(|f| f.finished),
                }
            })
            .collect();
        placed.sort_by(|a, b| a.rank.cmp(&b.rank));
        let mut horizons: Vec<Option<&str>> =
            config.horizons.iter().map(|h| Some(h.as_str())).collect();
        if placed.iter().any(|p| p.horizon.is_none()) {
            horizons.push(None);
        }
        let cards = |finished: bool, horizon: Option<&str>| -> Result<Vec<String>> {
            placed
                .iter()
                .filter(|p| p.horizon == horizon && p.finished == finished)
                .map(|p| self.cards.get(&self.facts, self.theme, p.id, root))
                .collect()
        };
        horizons
            .into_iter()
            .map(|horizon| {
                let mine = || placed.iter().filter(move |p| p.horizon == horizon);
                let by_status: Vec<Json> = config
                    .finished
                    .iter()
                    .map(|s| {
                        let n = mine()
                            .filter(|p| p.finished && p.status == Some(s.as_str()))
                            .count();
                        json!({ "status": s, "count": n })
                    })
                    .filter(|j| j["count"] != 0)
                    .collect();
                let anchor = format!("h-{}", crate::graph::slug(horizon.unwrap_or("none")));
                Ok(obj([
                    ("horizon", json!(horizon)),
                    ("anchor", json!(anchor)),
                    ("count", json!(mine().count())),
                    ("open", Json::from(cards(false, horizon)?)),
                    ("finished", Json::from(cards(true, horizon)?)),
                    ("finished_by_status", Json::Array(by_status)),
                ]))
            })
            .collect::<Result<Vec<Json>>>()
            .map(Json::Array)
    }

    /// The filter bar: each dimension with its values as links (the
    /// current one marked), or a link to its list of values when it has
    /// more than `MENU_MAX`.
    fn filters(&self, current: Option<(Dim, &Facet)>) -> Json {
        let dims = Dim::ALL.into_iter().map(|dim| {
            let facets = self.facts.graph.facets.of(dim);
            let values: Vec<Json> = if facets.len() > MENU_MAX {
                Vec::new()
            } else {
                facets
                    .iter()
                    .map(|f| {
                        let here = current.is_some_and(|(d, c)| d == dim && c.slug == f.slug);
                        json!({
                            "title": f.title, "count": f.items.len(), "current": here,
                            "url": Board::Filtered(dim, f.slug.clone()).path(),
                        })
                    })
                    .collect()
            };
            json!({
                "dim": dim, "count": facets.len(), "values": values,
                "url": Board::Values(dim).path(),
            })
        });
        Json::Array(dims.collect())
    }

    /// Every dimension's values for the filter bar that filters the board
    /// in place, as JSON safe inside a `<script>` element.
    fn facets_json(&self) -> String {
        let dims: serde_json::Map<String, Json> = Dim::ALL
            .into_iter()
            .map(|dim| {
                let values =
                    self.facts.graph.facets.of(dim).iter().map(
                        |f| json!({ "slug": f.slug, "title": f.title, "count": f.items.len() }),
                    );
                (dim.name().to_string(), Json::Array(values.collect()))
            })
            .collect();
        Json::Object(dims).to_string().replace('<', "\\u003c")
    }

    /// The values of a dimension, each with its count and board.
    pub fn values(&self, dim: Dim) -> Json {
        let values = self.facts.graph.facets.of(dim).iter().map(|f| {
            json!({
                "title": f.title, "count": f.items.len(),
                "url": Board::Filtered(dim, f.slug.clone()).path(),
            })
        });
        json!({ "dim": dim, "values": values.collect::<Vec<_>>() })
    }

    /// Open items with a score, highest RICE first (then by title), with
    /// the score's parts; the open items without a score apart.
    pub fn priority(&self) -> Json {
        let strategy = self.facts.strategy;
        let open = strategy.all(Kind::Roadmap).filter(|e| {
            !self
                .facts
                .graph
                .items
                .get(&e.id)
                .is_some_and(|i| i.finished)
        });
        let (mut ranked, mut unscored) = (Vec::new(), Vec::new());
        for e in open {
            let facts = self.facts.graph.items.get(&e.id);
            match (facts.and_then(|i| i.rice), e.fields.record("score")) {
                (Some(rice), Some(score)) => {
                    let part = |name| score.number(name).map_or(Json::Null, |n| json!(n));
                    let row = json!({
                        "title": e.title(), "url": e.url(), "rice": rice,
                        "status": e.fields.str("status"), "horizon": e.fields.str("horizon"),
                        "reach": part("reach"), "impact": part("impact"),
                        "confidence": part("confidence"), "effort": part("effort"),
                    });
                    let key = facts.map_or(i64::MAX, ItemFacts::rice_key);
                    ranked.push(((key, e.title().to_lowercase()), row));
                }
                _ => unscored.push(to_json(&e.link())),
            }
        }
        // By RICE alone: the status does not rank open work.
        ranked.sort_by(|(a, _), (b, _)| a.cmp(b));
        let finished = self
            .facts
            .graph
            .items
            .values()
            .filter(|i| i.finished)
            .count();
        json!({
            "items": ranked.into_iter().map(|(_, row)| row).collect::<Vec<_>>(),
            "unscored": unscored,
            "finished": finished,
        })
    }
}
