//! What the site, the export and every later view know beyond the files:
//! facts derived from the checked strategy (back-links, trees, scores,
//! progress, series), worked out once per model into plain typed structs.
//! Templates, `export` and any other output read these, so nothing is
//! worked out twice, and a renamed field is a compile error, not a blank.

mod backlinks;
mod facets;
mod measures;
mod schedule;
mod trees;

pub use backlinks::{Backlinks, Referrers};
pub use facets::{Facet, Facets, slug};
pub use measures::{GoalFacts, ItemFacts, KeyResultFacts, Pillar, Point, Series, Standing};
pub use schedule::{Milestone, Schedule};
pub use trees::{MAX_DEPTH, Tree};

use crate::model::{Entity, Kind, Strategy};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// Everything derived from one strategy.
pub struct Graph {
    pub backlinks: Backlinks,
    /// One per kind whose row names a tree: goals, the org chart, teams,
    /// pages.
    pub trees: BTreeMap<Kind, Tree>,
    /// Roadmap items' RICE and place in the status order, by id.
    pub items: FxHashMap<String, ItemFacts>,
    /// Each item's place on the board (status, RICE, title), by id.
    pub board_order: FxHashMap<String, usize>,
    /// Goals' pillars and key results, by id.
    pub goals: FxHashMap<String, GoalFacts>,
    /// Metrics' values in date order, by id.
    pub metrics: FxHashMap<String, Series>,
    /// What the board filters by, and the items of each value.
    pub facets: Facets,
}

impl Graph {
    pub fn new(strategy: &Strategy) -> Graph {
        let ((backlinks, trees, facets), (items, goals, metrics)) = rayon::join(
            || {
                let ((backlinks, facets), trees) = rayon::join(
                    || rayon::join(|| Backlinks::new(strategy), || Facets::new(strategy)),
                    || {
                        Kind::ALL
                            .par_iter()
                            .filter_map(|&kind| Some((kind, Tree::new(strategy, kind)?)))
                            .collect()
                    },
                );
                (backlinks, trees, facets)
            },
            || {
                let ids = |kind| strategy.all(kind).map(|e: &Entity| (e.id.clone(), e));
                let metrics: FxHashMap<String, Series> = ids(Kind::Metrics)
                    .map(|(id, e)| (id, Series::new(&e.fields)))
                    .collect();
                (
                    ids(Kind::Roadmap)
                        .map(|(id, e)| (id, ItemFacts::new(strategy, e)))
                        .collect(),
                    ids(Kind::Goals)
                        .map(|(id, e)| (id, GoalFacts::new(strategy, e, &metrics)))
                        .collect(),
                    metrics,
                )
            },
        );
        let board_order = measures::board_order(strategy, &items);
        Graph {
            backlinks,
            trees,
            board_order,
            items,
            goals,
            metrics,
            facets,
        }
    }
}
