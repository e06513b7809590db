//! The trees a kind's row names: goals under their parent goals, people
//! under whom they report to, teams under their parent teams, pages under
//! the pages of their folders. Siblings are in page order: by weight
//! (pages have one; it defaults to 0), then title.

use crate::model::{Entity, Kind, Strategy};
use crate::schema::Parent;
use rustc_hash::FxHashMap;
use std::cmp::Ordering;

/// A forest over the entities of one kind, by id.
#[derive(Debug, Default)]
pub struct Tree {
    /// Entities without a parent, in sibling order.
    pub roots: Vec<String>,
    /// Each parent's children, in sibling order.
    pub children: FxHashMap<String, Vec<String>>,
    /// Each child's parent.
    pub parent: FxHashMap<String, String>,
}

/// Deeper than this, a tree is cut: only a cycle, reported by `check`,
/// goes that deep, and rendering must stay finite anyway.
pub const MAX_DEPTH: usize = 64;

impl Tree {
    /// The tree of `kind`, if its row names one.
    pub fn new(strategy: &Strategy, kind: Kind) -> Option<Tree> {
        let parent = kind.row().tree.as_ref()?.parent;
        let parent_of = |e: &Entity| -> Option<String> {
            match parent {
                // A reference that does not resolve is reported by `check`.
                Parent::Field(field) => e
                    .fields
                    .str(field)
                    .filter(|p| strategy.get(kind, p).is_some())
                    .map(String::from),
                Parent::Path => ancestor(strategy, kind, &e.id).map(|p| p.id.clone()),
            }
        };
        let mut tree = Tree::default();
        let mut siblings: FxHashMap<Option<String>, Vec<&Entity>> = FxHashMap::default();
        for e in strategy.all(kind) {
            let p = parent_of(e);
            if let Some(p) = &p {
                tree.parent.insert(e.id.clone(), p.clone());
            }
            siblings.entry(p).or_default().push(e);
        }
        for (p, mut list) in siblings {
            list.sort_by(|a, b| sibling_order(a, b));
            let ids = list.into_iter().map(|e| e.id.clone()).collect();
            match p {
                Some(p) => {
                    tree.children.insert(p, ids);
                }
                None => tree.roots = ids,
            }
        }
        Some(tree)
    }

    /// The children of `id`, in sibling order.
    pub fn children_of(&self, id: &str) -> &[String] {
        self.children.get(id).map_or(&[], Vec::as_slice)
    }
}

/// The entity of a nested kind that `id` sits under: `playbooks/launch`
/// sits under `playbooks` when that page exists, else under the nearest
/// folder above that is a page.
fn ancestor<'a>(strategy: &'a Strategy, kind: Kind, id: &str) -> Option<&'a Entity> {
    let mut path = id;
    while let Some((head, _)) = path.rsplit_once('/') {
        if let Some(parent) = strategy.get(kind, head) {
            return Some(parent);
        }
        path = head;
    }
    None
}

fn sibling_order(a: &Entity, b: &Entity) -> Ordering {
    let weight = |e: &Entity| e.fields.number("weight").unwrap_or(0.0);
    weight(a)
        .total_cmp(&weight(b))
        .then_with(|| a.title().to_lowercase().cmp(&b.title().to_lowercase()))
}
