//! The rules that look past a single field: references, cycles, date
//! order, pillar ids, Markdown links, static files hidden by pages or
//! named by fields (a person's photo). Each
//! rule says what it reads (its `Scope`), which is all `incremental` needs
//! to rerun, after an edit, only the rules the edit can concern. Every rule
//! adds diagnostics and never stops the others, so `check` reports
//! everything in one run.

mod cycles;
mod dates;
mod incremental;
pub mod links;
mod pillars;
mod reads;
mod refs;
mod shadowed;
mod statics;

pub use incremental::State;
pub use links::{LinkResolver, Target};
pub use reads::Reads;

use crate::diagnostics::Diagnostic;
use crate::model::{Entity, Kind};
use rayon::prelude::*;
use std::sync::Arc;

/// What a rule reads, and so what can change its findings. The signature
/// of each is all a rule is given to look at.
pub enum Scope {
    /// One entity alone: found again only when that entity changes.
    Entity(fn(&Entity, &mut Vec<Diagnostic>)),
    /// One entity and whether the names it uses exist (ids, files): found
    /// again when the entity changes, or when a name it noted in `Reads`
    /// appears or disappears.
    References(fn(&Entity, &LinkResolver, &mut Reads, &mut Vec<Diagnostic>)),
    /// The strategy as a whole: found again when `reads` says that a
    /// change touches something it looks at.
    Whole {
        check: fn(&LinkResolver, &mut Vec<Diagnostic>),
        reads: fn(&Change) -> bool,
    },
}

pub struct Rule {
    pub name: &'static str,
    pub scope: Scope,
}

/// Every rule, in the order a check reports what they find.
pub const RULES: &[Rule] = &[
    Rule {
        name: "references",
        scope: Scope::References(refs::check),
    },
    Rule {
        name: "cycles",
        scope: Scope::Whole {
            check: cycles::check,
            reads: cycles::reads,
        },
    },
    Rule {
        name: "date order",
        scope: Scope::Entity(dates::check),
    },
    Rule {
        name: "pillar ids",
        scope: Scope::Entity(pillars::check),
    },
    Rule {
        name: "static files hidden by pages",
        scope: Scope::Whole {
            check: shadowed::check,
            reads: shadowed::reads,
        },
    },
    Rule {
        name: "Markdown links",
        scope: Scope::References(links::check),
    },
    Rule {
        name: "static files named by fields",
        scope: Scope::References(statics::check),
    },
];

/// An entity as it was and as it is: added, removed or changed.
pub type Edit = (Option<Arc<Entity>>, Option<Arc<Entity>>);

/// What differs between two versions of a strategy, for the whole-strategy
/// rules to tell whether they need to look again.
#[derive(Default)]
pub struct Change {
    pub entities: Vec<Edit>,
    /// Files under `static/` added or removed.
    pub statics: Vec<String>,
}

impl Change {
    /// Whether an entity of `kind` was added or removed, or changed as `differs` tells.
    pub fn touches(&self, kind: Kind, differs: impl Fn(&Entity, &Entity) -> bool) -> bool {
        self.entities.iter().any(|edit| match edit {
            (Some(b), Some(a)) => b.kind == kind && differs(b, a),
            (Some(e), None) | (None, Some(e)) => e.kind == kind,
            (None, None) => false,
        })
    }
}

impl Rule {
    /// Runs a per-entity rule on one entity; a whole-strategy one does nothing here.
    fn check_entity(
        &self,
        entity: &Entity,
        model: &LinkResolver,
        reads: &mut Reads,
        found: &mut Vec<Diagnostic>,
    ) {
        match self.scope {
            Scope::Entity(check) => check(entity, found),
            Scope::References(check) => check(entity, model, reads, found),
            Scope::Whole { .. } => {}
        }
    }
}

/// Runs every rule over the strategy `model` reads, the rules side by
/// side and a rule's entities side by side too: one rule, the links of
/// every body, would otherwise take a core alone.
pub fn validate(model: &LinkResolver, diagnostics: &mut Vec<Diagnostic>) {
    let entities: Vec<&Entity> = model.strategy.iter().collect();
    let found: Vec<Vec<Diagnostic>> = RULES
        .par_iter()
        .flat_map(|rule| match rule.scope {
            Scope::Whole { check, .. } => {
                let mut found = Vec::new();
                check(model, &mut found);
                vec![found]
            }
            _ => entities
                .par_iter()
                .map(|e| {
                    let mut found = Vec::new();
                    rule.check_entity(e, model, &mut Reads::default(), &mut found);
                    found
                })
                .filter(|found| !found.is_empty())
                .collect(),
        })
        .collect();
    diagnostics.extend(found.into_iter().flatten());
}
