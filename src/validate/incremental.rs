//! Validation that reruns only what a change can concern, for `serve`. It
//! keeps what each rule found per entity and what it read, compares the
//! strategy with the one it last saw, and reruns a per-entity rule for the
//! entities that changed, a reference rule also for the entities whose
//! names came or went, and a whole-strategy rule when its `reads` says the
//! change touches it. It returns what a full check returns, in its order.

use super::reads::Name;
use super::{Change, LinkResolver, RULES, Reads, Scope};
use crate::diagnostics::Diagnostic;
use crate::model::{Entity, Kind};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// An entity by kind and id, which orders entities as a check visits them.
type Key = (Kind, String);
/// A per-entity rule (its place in `RULES`) run for an entity.
type Run = (Key, usize);
type Whole = fn(&LinkResolver, &mut Vec<Diagnostic>);

/// What the last validation saw and found; `serve` keeps it between rebuilds.
pub struct State {
    /// Nothing validated yet: every whole-strategy rule runs.
    fresh: bool,
    entities: BTreeMap<Key, Arc<Entity>>,
    statics: BTreeSet<String>,
    /// Per rule, what a whole-strategy rule found.
    whole: Vec<Vec<Diagnostic>>,
    /// Per rule, what a per-entity rule found, for the entities it found something in.
    found: Vec<BTreeMap<Key, Vec<Diagnostic>>>,
    /// Who read each name, and what each run read.
    readers: FxHashMap<Name, FxHashSet<Run>>,
    read: FxHashMap<Run, Vec<Name>>,
    /// The runs that read whether some file exists (broken links): few.
    on_disk: FxHashSet<Run>,
}

impl Default for State {
    fn default() -> State {
        State {
            fresh: true,
            entities: BTreeMap::new(),
            statics: BTreeSet::new(),
            whole: vec![Vec::new(); RULES.len()],
            found: vec![BTreeMap::new(); RULES.len()],
            readers: FxHashMap::default(),
            read: FxHashMap::default(),
            on_disk: FxHashSet::default(),
        }
    }
}

impl State {
    /// Validates the strategy `model` reads, rerunning only what changed
    /// since the last call can concern; what a full check would find.
    pub fn update(&mut self, model: &LinkResolver) -> Vec<Diagnostic> {
        let change = self.compare(model);
        let runs = self.runs(&change, model);
        let done: Vec<(Run, Vec<Diagnostic>, Vec<Name>)> = runs
            .into_par_iter()
            .map(|run| {
                let (mut found, mut reads) = (Vec::new(), Reads::recording());
                RULES[run.1].check_entity(&self.entities[&run.0], model, &mut reads, &mut found);
                (run, found, reads.into_names())
            })
            .collect();
        for (run, found, names) in done {
            self.forget(&run);
            self.remember(run, found, names);
        }
        for (i, check) in self.whole_runs(&change) {
            self.whole[i].clear();
            check(model, &mut self.whole[i]);
        }
        self.fresh = false;
        self.diagnostics()
    }

    /// The per-entity rules to run again: all of them for an entity that
    /// changed, and a reference rule for an entity one of whose names came
    /// or went. Forgets what removed entities found.
    fn runs(&mut self, change: &Change, model: &LinkResolver) -> Vec<Run> {
        let mut runs: BTreeSet<Run> = BTreeSet::new();
        for name in touched(change) {
            runs.extend(self.readers.get(&name).into_iter().flatten().cloned());
        }
        runs.extend(
            self.on_disk
                .iter()
                .filter(|run| self.read[*run].iter().any(|n| moved(n, model)))
                .cloned(),
        );
        for (before, after) in &change.entities {
            let key = key(after
                .as_ref()
                .or(before.as_ref())
                .expect("an edit has a side"));
            for (i, _) in per_entity() {
                let run = (key.clone(), i);
                match after {
                    Some(_) => runs.insert(run),
                    None => {
                        self.forget(&run);
                        runs.remove(&run)
                    }
                };
            }
        }
        runs.retain(|(key, _)| self.entities.contains_key(key));
        runs.into_iter().collect()
    }

    /// The whole-strategy rules to run again, with their place in `RULES`.
    fn whole_runs(&self, change: &Change) -> Vec<(usize, Whole)> {
        RULES
            .iter()
            .enumerate()
            .filter_map(|(i, rule)| match rule.scope {
                Scope::Whole { check, reads } if self.fresh || reads(change) => Some((i, check)),
                _ => None,
            })
            .collect()
    }

    /// What differs from the strategy last validated; from now on, the
    /// current one is the last validated. An entity is unchanged when it is
    /// the same one (the parse cache hands back the entity of an unchanged
    /// file) or an equal one.
    fn compare(&mut self, model: &LinkResolver) -> Change {
        let strategy = model.strategy;
        let current = strategy.vision.iter().map(|v| (v, None)).chain(
            strategy
                .entities
                .values()
                .flat_map(|m| m.values().map(|e| (&**e, Some(e)))),
        );
        let mut edits = Vec::new();
        let mut before = self.entities.iter().peekable();
        for (entity, shared) in current {
            let at = (entity.kind, entity.id.as_str());
            while let Some((_, gone)) = before.next_if(|(k, _)| (k.0, k.1.as_str()) < at) {
                edits.push((Some(gone.clone()), None));
            }
            let was = before
                .next_if(|(k, _)| (k.0, k.1.as_str()) == at)
                .map(|(_, e)| e);
            if was.is_some_and(|was| std::ptr::eq(&**was, entity) || **was == *entity) {
                continue;
            }
            let now = shared.cloned().unwrap_or_else(|| Arc::new(entity.clone()));
            edits.push((was.cloned(), Some(now)));
        }
        edits.extend(before.map(|(_, gone)| (Some(gone.clone()), None)));
        for edit in &edits {
            match edit {
                (_, Some(now)) => self.entities.insert(key(now), now.clone()),
                (Some(gone), None) => self.entities.remove(&key(gone)),
                (None, None) => None,
            };
        }
        let statics = self
            .statics
            .symmetric_difference(model.statics)
            .cloned()
            .collect::<Vec<_>>();
        if !statics.is_empty() {
            self.statics = model.statics.clone();
        }
        Change {
            entities: edits,
            statics,
        }
    }

    fn forget(&mut self, run: &Run) {
        self.found[run.1].remove(&run.0);
        self.on_disk.remove(run);
        for name in self.read.remove(run).into_iter().flatten() {
            if let Some(readers) = self.readers.get_mut(&name) {
                readers.remove(run);
                if readers.is_empty() {
                    self.readers.remove(&name);
                }
            }
        }
    }

    fn remember(&mut self, run: Run, found: Vec<Diagnostic>, names: Vec<Name>) {
        if !found.is_empty() {
            self.found[run.1].insert(run.0.clone(), found);
        }
        for name in &names {
            match name {
                Name::File(..) => self.on_disk.insert(run.clone()),
                _ => self
                    .readers
                    .entry(name.clone())
                    .or_default()
                    .insert(run.clone()),
            };
        }
        if !names.is_empty() {
            self.read.insert(run, names);
        }
    }

    /// Everything found, in the order of a full check: rule by rule, and
    /// within a rule entity by entity.
    fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut all = Vec::new();
        for (i, rule) in RULES.iter().enumerate() {
            match rule.scope {
                Scope::Whole { .. } => all.extend(self.whole[i].iter().cloned()),
                _ => all.extend(self.found[i].values().flatten().cloned()),
            }
        }
        all
    }
}

fn key(entity: &Entity) -> Key {
    (entity.kind, entity.id.clone())
}

/// The rules that look at one entity at a time, with their place in `RULES`.
fn per_entity() -> impl Iterator<Item = (usize, &'static super::Rule)> {
    RULES
        .iter()
        .enumerate()
        .filter(|(_, rule)| !matches!(rule.scope, Scope::Whole { .. }))
}

/// The names that started or stopped naming something.
fn touched(change: &Change) -> FxHashSet<Name> {
    let mut names = FxHashSet::default();
    for (before, after) in &change.entities {
        if let (Some(e), None) | (None, Some(e)) = (before, after) {
            names.insert(Name::Id(e.kind, e.id.clone()));
            names.insert(Name::Ids(e.kind));
        }
        let source = |e: &Option<Arc<Entity>>| e.as_ref().map(|e| e.source.clone());
        let (was, is) = (source(before), source(after));
        if was != is {
            names.extend(was.into_iter().chain(is).map(Name::Source));
            names.insert(Name::Sources);
        }
    }
    names.extend(change.statics.iter().cloned().map(Name::Static));
    if !change.statics.is_empty() {
        names.insert(Name::Statics);
    }
    names
}

/// Whether a file read as there (or not) no longer is (or now is).
fn moved(name: &Name, model: &LinkResolver) -> bool {
    matches!(name, Name::File(path, was) if (model.exists)(path) != *was)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{self, Files};
    use crate::model::{self, Strategy};

    const PERSON: &str = "---\nname: Ada\nrole: pm\n---\n";

    fn strategy(files: &[(&str, &str)], cache: &mut model::Cache) -> Strategy {
        let files = Files {
            bytes: files
                .iter()
                .map(|(p, t)| (p.to_string(), t.as_bytes().to_vec()))
                .collect(),
            ..Files::default()
        };
        let sources = load::sources(files, &mut Vec::new());
        model::read(&sources, &mut Vec::new(), cache)
    }

    /// The runs and whole-strategy rules a change from `before` to `after` makes.
    fn reruns(before: &[(&str, &str)], after: &[(&str, &str)]) -> (Vec<Run>, Vec<&'static str>) {
        let (mut cache, mut state, statics) =
            (model::Cache::default(), State::default(), BTreeSet::new());
        let model = |strategy| LinkResolver {
            strategy,
            statics: &statics,
            exists: &|_| false,
        };
        let before = strategy(before, &mut cache);
        state.update(&model(&before));
        let after = strategy(after, &mut cache);
        let after = model(&after);
        let change = state.compare(&after);
        let runs = state.runs(&change, &after);
        let whole = state
            .whole_runs(&change)
            .iter()
            .map(|(i, _)| RULES[*i].name)
            .collect();
        (runs, whole)
    }

    fn every_rule_of(kind: Kind, id: &str) -> Vec<Run> {
        per_entity()
            .map(|(i, _)| ((kind, id.to_string()), i))
            .collect()
    }

    #[test]
    fn an_edit_reruns_its_entity_only() {
        let before = [
            ("people/ada.md", PERSON),
            ("roles/pm.md", "---\ntitle: PM\n---\n"),
        ];
        let after = [
            ("people/ada.md", "---\nname: Ada Okafor\nrole: pm\n---\n"),
            before[1],
        ];
        let (runs, whole) = reruns(&before, &after);
        assert_eq!(runs, every_rule_of(Kind::People, "ada"));
        assert!(whole.is_empty(), "{whole:?}");
    }

    #[test]
    fn a_removal_reruns_the_references_to_it() {
        let before = [
            ("people/ada.md", PERSON),
            ("roles/pm.md", "---\ntitle: PM\n---\n"),
        ];
        let (runs, whole) = reruns(&before, &before[..1]);
        let references = RULES.iter().position(|r| r.name == "references").unwrap();
        assert_eq!(runs, vec![((Kind::People, "ada".to_string()), references)]);
        assert_eq!(whole, vec!["static files hidden by pages"]);
    }

    #[test]
    fn a_photo_is_found_again_when_its_static_file_comes_or_goes() {
        let mut cache = model::Cache::default();
        let files = [
            (
                "people/ada.md",
                "---\nname: Ada\nrole: pm\nphoto: ada.jpg\n---\n",
            ),
            ("roles/pm.md", "---\ntitle: PM\n---\n"),
        ];
        let strategy = strategy(&files, &mut cache);
        let (none, photo) = (BTreeSet::new(), BTreeSet::from(["ada.jpg".to_string()]));
        let mut state = State::default();
        let mut codes = |statics| -> Vec<&str> {
            let model = LinkResolver {
                strategy: &strategy,
                statics,
                exists: &|_| false,
            };
            state.update(&model).iter().map(|d| d.code.0).collect()
        };
        assert_eq!(codes(&none), ["E0112"]);
        assert_eq!(codes(&photo), Vec::<&str>::new());
        assert_eq!(codes(&none), ["E0112"]);
    }
}
