//! What the site, the export and every later view know beyond the files:
//! facts derived from the checked strategy (back-links, trees, scores,
//! progress, series, standings, counts), worked out once per model into
//! plain typed structs.
//! Templates, `export` and any other output read these, so nothing is
//! worked out twice, and a renamed field is a compile error, not a blank.

mod backlinks;
mod diff;
mod facets;
mod goals;
mod measures;
mod patched;
mod schedule;
mod trees;

pub use backlinks::{Backlinks, Referrers};
pub use facets::{Facet, Facets, StatusCount, slug};
pub use goals::{GoalFacts, Goals, KeyResultFacts, Pillar};
pub use measures::{BoardKey, ItemFacts, Point, Series, Standing};
pub use patched::Patched;
pub use schedule::{Milestone, Schedule};
pub use trees::{MAX_DEPTH, Tree};

use crate::model::{Entity, Kind, Strategy};
use diff::Diff;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Everything derived from one strategy. Its parts are shared with the
/// graph of the version before where an edit cannot change them
/// (`Graph::update`).
pub struct Graph {
    pub backlinks: Arc<Backlinks>,
    /// One per kind whose row names a tree: goals, the org chart, teams,
    /// pages.
    pub trees: BTreeMap<Kind, Arc<Tree>>,
    /// Roadmap items' RICE and place in the status order and on the
    /// board, by id.
    pub items: Patched<ItemFacts>,
    /// Goals' pillars and key results, by id, and the goals on each pillar.
    pub goals: Arc<Goals>,
    /// Metrics' values in date order, by id.
    pub metrics: Arc<FxHashMap<String, Series>>,
    /// Where each metric stands against its target, by id.
    pub standings: Arc<FxHashMap<String, Standing>>,
    /// What the board filters by, and the items of each value.
    pub facets: Arc<Facets>,
}

/// How much the goal map holds: goals, key results, and the roadmap items
/// that serve a goal (each once).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct GoalCounts {
    pub goals: usize,
    pub key_results: usize,
    pub items: usize,
}

/// The metrics' series, the goals measured on them, and the metrics'
/// standings.
type Measured = (
    Arc<FxHashMap<String, Series>>,
    Arc<Goals>,
    Arc<FxHashMap<String, Standing>>,
);

impl Graph {
    /// The entities of `kind` under no other, in its tree's order (none
    /// for a kind without a tree).
    pub fn roots(&self, kind: Kind) -> &[String] {
        self.trees.get(&kind).map_or(&[], |t| &t.roots)
    }

    /// The entities of `kind` right under `id`, in its tree's order.
    pub fn children(&self, kind: Kind, id: &str) -> &[String] {
        self.trees.get(&kind).map_or(&[], |t| t.children_of(id))
    }

    /// What the goal map counts.
    pub fn goal_counts(&self) -> GoalCounts {
        GoalCounts {
            goals: self.goals.count(),
            key_results: self.goals.key_results,
            items: self.facets.serving_goals,
        }
    }

    pub fn new(strategy: &Strategy) -> Graph {
        let ((backlinks, trees, facets), (items, (metrics, goals, standings))) = rayon::join(
            || {
                let ((backlinks, facets), trees) = rayon::join(
                    || rayon::join(|| Backlinks::new(strategy), || Facets::new(strategy)),
                    || {
                        Kind::ALL
                            .par_iter()
                            .filter_map(|&kind| Some((kind, Arc::new(Tree::new(strategy, kind)?))))
                            .collect()
                    },
                );
                (Arc::new(backlinks), trees, Arc::new(facets))
            },
            || rayon::join(|| items(strategy), || measured(strategy)),
        );
        Graph {
            backlinks,
            trees,
            items,
            goals,
            metrics,
            standings,
            facets,
        }
    }

    /// The graph of `new`, this being the graph of `old`: the parts that
    /// what differs between them cannot change are kept, the others worked
    /// out again (`serve`, after an edit). The same as `Graph::new(new)`.
    pub fn update(&self, old: &Strategy, new: &Strategy) -> Graph {
        let diff = Diff::new(old, new);
        // The statuses order every item; and after every file was read
        // again, all entities differ: then the whole is as fast.
        let size: usize = new.entities.values().map(BTreeMap::len).sum();
        if diff.statuses || diff.count() * 16 > size {
            return Graph::new(new);
        }
        let keep = |kinds: &[Kind]| !diff.touches(kinds);
        let roadmap = diff.of(Kind::Roadmap);
        let ((backlinks, facets), trees) = rayon::join(
            || {
                rayon::join(
                    || match diff.all().all(|(a, b)| Backlinks::same_from(*a, *b)) {
                        true => self.backlinks.clone(),
                        false => Arc::new(Backlinks::new(new)),
                    },
                    || {
                        let same = roadmap.iter().all(|(a, b)| Facets::same_from(*a, *b));
                        match same && keep(&[Kind::Teams, Kind::People, Kind::Goals]) {
                            true => self.facets.clone(),
                            false => Arc::new(Facets::new(new)),
                        }
                    },
                )
            },
            || {
                let tree = |kind: Kind, tree: &Arc<Tree>| match keep(&[kind]) {
                    true => Some(tree.clone()),
                    false => Tree::new(new, kind).map(Arc::new),
                };
                let trees = self.trees.iter();
                trees
                    .filter_map(|(kind, t)| Some((*kind, tree(*kind, t)?)))
                    .collect()
            },
        );
        let metrics = match keep(&[Kind::Metrics]) {
            true => self.metrics.clone(),
            false => Arc::new(metrics(new)),
        };
        let goals = match keep(&[Kind::Goals, Kind::Metrics, Kind::Vision]) {
            true => self.goals.clone(),
            false => Arc::new(Goals::new(new, &metrics)),
        };
        let standings = match keep(&[Kind::Goals, Kind::Metrics]) {
            true => self.standings.clone(),
            false => Arc::new(measures::standings(new, &metrics)),
        };
        // An item added or removed may be another's dependency: all again.
        let items = match roadmap.iter().any(|(a, b)| a.is_none() || b.is_none()) {
            true => items(new),
            false => {
                let edited = roadmap.iter().filter_map(|(_, is)| *is);
                let facts = edited.map(|e| (e.id.clone(), Some(ItemFacts::new(new, e))));
                self.items.with(facts)
            }
        };
        Graph {
            backlinks,
            trees,
            items,
            goals,
            metrics,
            standings,
            facets,
        }
    }
}

/// Every roadmap item's facts and place on the board.
fn items(strategy: &Strategy) -> Patched<ItemFacts> {
    let all: Vec<&Entity> = strategy.all(Kind::Roadmap).collect();
    let made: Vec<(String, ItemFacts)> = all
        .into_par_iter()
        .map(|e| (e.id.clone(), ItemFacts::new(strategy, e)))
        .collect();
    made.into_iter().collect()
}

fn metrics(strategy: &Strategy) -> FxHashMap<String, Series> {
    let all = strategy.all(Kind::Metrics);
    all.map(|e| (e.id.clone(), Series::new(&e.fields)))
        .collect()
}

/// The metrics' series, and what is measured on them: the goals' progress
/// and the metrics' standings.
fn measured(strategy: &Strategy) -> Measured {
    let metrics = metrics(strategy);
    let (goals, standings) = rayon::join(
        || Goals::new(strategy, &metrics),
        || measures::standings(strategy, &metrics),
    );
    (Arc::new(metrics), Arc::new(goals), Arc::new(standings))
}
