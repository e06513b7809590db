//! What a reference rule looked up besides its entity, noted as it runs,
//! so that `incremental` reruns it exactly when one of those names appears
//! or disappears. A full check notes nothing.

use crate::model::Kind;

/// A name a rule looked up; its finding may change when the name starts
/// or stops naming something.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Name {
    /// The entity of this kind and id.
    Id(Kind, String),
    /// Every id of a kind, as a "did you mean" reads them.
    Ids(Kind),
    /// The entity read from this file.
    Source(String),
    /// Every entity's file, as a "did you mean" reads them.
    Sources,
    /// This file under `static/` (relative to it).
    Static(String),
    /// Every file under `static/`, as a "did you mean" reads them.
    Statics,
    /// Whether a file is in the tree, and whether it was: looked at again
    /// on every update, since any file may come or go without being part
    /// of the strategy.
    File(String, bool),
}

/// The names one rule looked up for one entity; empty unless recording.
#[derive(Default)]
pub struct Reads(Option<Vec<Name>>);

impl Reads {
    pub fn recording() -> Reads {
        Reads(Some(Vec::new()))
    }

    /// Notes a name; `name` is made only when recording.
    pub fn read(&mut self, name: impl FnOnce() -> Name) {
        if let Some(names) = &mut self.0 {
            names.push(name());
        }
    }

    pub fn into_names(self) -> Vec<Name> {
        self.0.unwrap_or_default()
    }
}
