//! What differs between two versions of a strategy, as far as the graph
//! is concerned: the entities added, removed or changed (the model shares
//! the entity of every file it did not read again, so a changed one is one
//! that is not the same `Arc`), and the statuses, the only part of
//! `charter.yaml` the graph reads.

use crate::model::{Entity, Kind, Strategy};
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::sync::Arc;

/// An entity as it was and as it is; `None` where it is not.
pub type Change<'a> = (Option<&'a Entity>, Option<&'a Entity>);

pub struct Diff<'a> {
    pub entities: BTreeMap<Kind, Vec<Change<'a>>>,
    /// Whether `statuses` or `finished` differ.
    pub statuses: bool,
}

impl<'a> Diff<'a> {
    pub fn new(old: &'a Strategy, new: &'a Strategy) -> Diff<'a> {
        let mut entities: BTreeMap<Kind, Vec<Change<'a>>> = BTreeMap::new();
        if old.vision != new.vision {
            entities.insert(
                Kind::Vision,
                vec![(old.vision.as_ref(), new.vision.as_ref())],
            );
        }
        for kind in Kind::ALL {
            let changes = changed(old.entities.get(&kind), new.entities.get(&kind));
            if !changes.is_empty() {
                entities.insert(kind, changes);
            }
        }
        let (a, b) = (&old.config, &new.config);
        Diff {
            entities,
            statuses: a.statuses != b.statuses || a.finished != b.finished,
        }
    }

    /// The changes to entities of `kind`.
    pub fn of(&self, kind: Kind) -> &[Change<'a>] {
        self.entities.get(&kind).map_or(&[], Vec::as_slice)
    }

    /// Whether an entity of any of `kinds` changed.
    pub fn touches(&self, kinds: &[Kind]) -> bool {
        kinds.iter().any(|k| self.entities.contains_key(k))
    }

    /// How many entities changed.
    pub fn count(&self) -> usize {
        self.entities.values().map(Vec::len).sum()
    }

    pub fn all(&self) -> impl Iterator<Item = &Change<'a>> {
        self.entities.values().flatten()
    }
}

/// The entities of one kind that differ, walking both sorted maps at once.
fn changed<'a>(
    was: Option<&'a BTreeMap<String, Arc<Entity>>>,
    is: Option<&'a BTreeMap<String, Arc<Entity>>>,
) -> Vec<Change<'a>> {
    let mut out = Vec::new();
    let mut a = was.into_iter().flatten().peekable();
    let mut b = is.into_iter().flatten().peekable();
    loop {
        let order = match (a.peek(), b.peek()) {
            (None, None) => return out,
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (Some((x, _)), Some((y, _))) => x.cmp(y),
        };
        match order {
            Ordering::Less => out.extend(a.next().map(|(_, e)| (Some(&**e), None))),
            Ordering::Greater => out.extend(b.next().map(|(_, e)| (None, Some(&**e)))),
            Ordering::Equal => {
                let (Some((_, x)), Some((_, y))) = (a.next(), b.next()) else {
                    return out;
                };
                if !Arc::ptr_eq(x, y) {
                    out.push((Some(&**x), Some(&**y)));
                }
            }
        }
    }
}
