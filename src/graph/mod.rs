//! What the site, the export and every later view know beyond the files:
//! facts derived from the checked strategy (back-links, trees, scores,
//! progress, series), worked out once per model into plain typed structs.
//! Templates, `export` and any other output read these, so nothing is
//! worked out twice, and a renamed field is a compile error, not a blank.

mod backlinks;
mod diff;
mod facets;
mod measures;
mod patched;
mod schedule;
mod trees;

pub use backlinks::{Backlinks, Referrers};
pub use facets::{Facet, Facets, slug};
pub use measures::{
    BoardKey, GoalFacts, ItemFacts, KeyResultFacts, Pillar, Point, Series, Standing,
};
pub use patched::Patched;
pub use schedule::{Milestone, Schedule};
pub use trees::{MAX_DEPTH, Tree};

use crate::model::{Entity, Kind, Strategy};
use diff::Diff;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
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
    /// Roadmap items' RICE and place in the status order, by id.
    pub items: Patched<ItemFacts>,
    /// Each item's place on the board (status, RICE, title), by id.
    pub board_order: Patched<BoardKey>,
    /// Goals' pillars and key results, by id.
    pub goals: Arc<FxHashMap<String, GoalFacts>>,
    /// Metrics' values in date order, by id.
    pub metrics: Arc<FxHashMap<String, Series>>,
    /// What the board filters by, and the items of each value.
    pub facets: Arc<Facets>,
}

type Items = (Patched<ItemFacts>, Patched<BoardKey>);

impl Graph {
    pub fn new(strategy: &Strategy) -> Graph {
        let ((backlinks, trees, facets), ((items, board_order), (goals, metrics))) = rayon::join(
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
            || {
                rayon::join(
                    || items(strategy),
                    || {
                        let metrics = Arc::new(metrics(strategy));
                        (Arc::new(goals(strategy, &metrics)), metrics)
                    },
                )
            },
        );
        Graph {
            backlinks,
            trees,
            items,
            board_order,
            goals,
            metrics,
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
            false => Arc::new(goals(new, &metrics)),
        };
        // An item added or removed may be another's dependency: all again.
        let (items, board_order) = match roadmap.iter().any(|(a, b)| a.is_none() || b.is_none()) {
            true => items(new),
            false => {
                let edited = roadmap.iter().filter_map(|(_, is)| *is);
                let facts: Vec<(&Entity, ItemFacts)> =
                    edited.map(|e| (e, ItemFacts::new(new, e))).collect();
                let keys = facts
                    .iter()
                    .map(|(e, f)| (e.id.clone(), Some(BoardKey::new(new, e, f))));
                let board_order = self.board_order.with(keys);
                let facts = facts.into_iter().map(|(e, f)| (e.id.clone(), Some(f)));
                (self.items.with(facts), board_order)
            }
        };
        Graph {
            backlinks,
            trees,
            items,
            board_order,
            goals,
            metrics,
            facets,
        }
    }
}

/// Every roadmap item's facts and place on the board.
fn items(strategy: &Strategy) -> Items {
    let all: Vec<&Entity> = strategy.all(Kind::Roadmap).collect();
    let made: Vec<(&Entity, ItemFacts, BoardKey)> = all
        .into_par_iter()
        .map(|e| {
            let facts = ItemFacts::new(strategy, e);
            let key = BoardKey::new(strategy, e, &facts);
            (e, facts, key)
        })
        .collect();
    let keys = made.iter().map(|(e, _, key)| (e.id.clone(), key.clone()));
    let board_order = keys.collect();
    let facts = made.into_iter().map(|(e, facts, _)| (e.id.clone(), facts));
    (facts.collect(), board_order)
}

fn metrics(strategy: &Strategy) -> FxHashMap<String, Series> {
    let all = strategy.all(Kind::Metrics);
    all.map(|e| (e.id.clone(), Series::new(&e.fields)))
        .collect()
}

fn goals(strategy: &Strategy, metrics: &FxHashMap<String, Series>) -> FxHashMap<String, GoalFacts> {
    let all = strategy.all(Kind::Goals);
    all.map(|e| (e.id.clone(), GoalFacts::new(strategy, e, metrics)))
        .collect()
}
