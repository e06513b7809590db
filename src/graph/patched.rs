//! Values by id that a graph shares with the one before it: a base made
//! whole once, and the values of the ids changed since, so that `serve`
//! works out one edited item's facts again instead of all 10,000.

use rustc_hash::FxHashMap;
use std::borrow::Borrow;
use std::hash::Hash;
use std::sync::Arc;

/// A map by id, read as `base` with `changes` over it.
#[derive(Debug)]
pub struct Patched<V> {
    base: Arc<FxHashMap<String, V>>,
    /// A new value, or `None` for an id that is gone.
    changes: FxHashMap<String, Option<V>>,
}

impl<V: Clone> Patched<V> {
    /// The value of `id` (generic as `HashMap::get` is, so that callers
    /// read it as they read a map).
    pub fn get<Q>(&self, id: &Q) -> Option<&V>
    where
        String: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        // A build's maps have no changes: one lookup, not two.
        if self.changes.is_empty() {
            return self.base.get(id);
        }
        match self.changes.get(id) {
            Some(changed) => changed.as_ref(),
            None => self.base.get(id),
        }
    }

    /// Every value, in no particular order.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.entries().map(|(_, v)| v)
    }

    fn entries(&self) -> impl Iterator<Item = (&String, &V)> {
        let kept = self.base.iter();
        let kept = kept.filter(|(id, _)| !self.changes.contains_key(*id));
        let changed = self.changes.iter();
        kept.chain(changed.filter_map(|(id, v)| Some((id, v.as_ref()?))))
    }

    /// This map with `updates` applied, sharing the base.
    pub fn with(&self, updates: impl IntoIterator<Item = (String, Option<V>)>) -> Patched<V> {
        let mut changes = self.changes.clone();
        changes.extend(updates);
        let patched = Patched {
            base: self.base.clone(),
            changes,
        };
        // The changes are copied on every edit: past a few, a whole map
        // again costs less.
        if patched.changes.len() * 16 <= patched.base.len() + 64 {
            return patched;
        }
        let entries = patched.entries();
        entries.map(|(id, v)| (id.clone(), v.clone())).collect()
    }
}

impl<V> FromIterator<(String, V)> for Patched<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(all: I) -> Patched<V> {
        Patched {
            base: Arc::new(all.into_iter().collect()),
            changes: FxHashMap::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_read_over_the_base_and_fold_into_it() {
        let base: Patched<u32> = (0..100).map(|i| (i.to_string(), i)).collect();
        let one = base.with([("1".to_string(), Some(10)), ("2".to_string(), None)]);
        assert_eq!(one.get("1"), Some(&10));
        assert_eq!(one.get("2"), None);
        assert_eq!(one.get("3"), Some(&3));
        assert_eq!(base.get("1"), Some(&1));
        assert_eq!(one.values().count(), 99);
        assert!(Arc::ptr_eq(&one.base, &base.base));
        let many = one.with((0..20).map(|i| (i.to_string(), Some(i + 1000))));
        assert!(many.changes.is_empty(), "folded into a new base");
        assert_eq!(many.get("2"), Some(&1002));
        assert_eq!(many.get("50"), Some(&50));
        let mut all: Vec<u32> = many.values().copied().collect();
        all.sort_unstable();
        assert_eq!(all.len(), 100);
    }
}
