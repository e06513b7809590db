//! The strategy's history, read from git: which commits touched which
//! entity files, and what changed in their fields. Read once per build in
//! one pass over the commits (`index`); pages, the change log, the feed
//! and `export` all draw on the resulting `History`.

pub mod compare;
mod index;
mod objects;
mod packs;
mod source;
pub mod time;
mod treediff;
mod versions;

pub use source::{Head, Source, locate, repo_prefix};

use crate::diagnostics::{Code, Diagnostic};
use crate::load::{self, FileKind};
use compare::Comparison;
use git2::Oid;
use rustc_hash::FxHashMap;
use serde::Serialize;

/// Files read already at the revision read (a build checks them while
/// history is read): their versions are neither read from git nor parsed
/// again, and are borrowed where they are held rather than copied.
pub trait Recorded: Send {
    /// The contents of the file at `path`, if they are those of blob `id`.
    fn get(&self, path: &str, id: Oid) -> Option<compare::Contents<'_>>;
}

/// Nothing read already: every version is read from git.
impl Recorded for () {
    fn get(&self, _: &str, _: Oid) -> Option<compare::Contents<'_>> {
        None
    }
}

/// Every commit that changed a strategy file, and each file's commits.
#[derive(Debug, Default)]
pub struct History {
    /// Newest first; parents always after their children.
    pub commits: Vec<Commit>,
    /// A file's path at the revision read → (commit, change) indexes of the
    /// changes to it, renames followed, newest first.
    by_path: FxHashMap<String, Vec<(usize, usize)>>,
    /// The blobs at the revision read, to tell which files have uncommitted edits.
    blobs: FxHashMap<String, Oid>,
    /// The history stops early: a shallow clone.
    pub truncated: bool,
    /// The date of the commit read (see `Source::date`).
    pub date: Option<crate::model::Date>,
    pub timings: Timings,
}

/// Where reading history spends its time, for `build -v` and the benchmark.
#[derive(Debug, Default, Clone, Copy)]
pub struct Timings {
    /// Walking the commits, diffing their trees and following renames:
    /// the work `git log --name-status -M` does.
    pub index: std::time::Duration,
    /// Reading and parsing each version of the changed files.
    pub versions: std::time::Duration,
    /// Comparing their fields.
    pub compare: std::time::Duration,
}

#[derive(Debug, Clone, Serialize)]
pub struct Commit {
    pub hash: String,
    pub author: String,
    /// Seconds since the epoch and the author's UTC offset in minutes.
    pub time: i64,
    pub offset: i32,
    pub subject: String,
    /// The strategy files this commit changed, by path.
    pub changes: Vec<Change>,
    /// Where a shallow clone's history starts: its changes are the state
    /// of the files then, not what the commit itself did.
    pub truncated: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Created,
    Changed,
    Renamed,
    Deleted,
}

#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub kind: ChangeKind,
    /// The file's path after the commit (before it, for a deletion).
    pub path: String,
    /// Before a rename.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_path: Option<String>,
    /// The file's path at the revision read, renames followed: for a file
    /// deleted since, its last path, unless another file was moved there
    /// since (`None`: the file has no path at the revision read).
    #[serde(skip)]
    pub latest_path: Option<String>,
    #[serde(flatten)]
    pub comparison: Comparison,
}

impl Change {
    pub fn file_kind(&self) -> Option<FileKind> {
        load::classify(&self.path).and_then(Result::ok)
    }
}

/// The warning of a build whose history stops early.
pub fn shallow_warning() -> Diagnostic {
    Diagnostic::new(
        Code::SHALLOW_HISTORY,
        "this git clone is shallow: history is truncated",
    )
    .help("fetch the full history with `git fetch --unshallow`; on GitHub Actions, add `fetch-depth: 0` to the `actions/checkout` step")
}

impl History {
    /// The changes to the file at `path` (at the revision read), newest
    /// first, with the index of their commit in `commits`.
    pub fn of(&self, path: &str) -> impl Iterator<Item = (usize, &Change)> {
        self.by_path
            .get(path)
            .into_iter()
            .flatten()
            .map(|&(c, i)| (c, &self.commits[c].changes[i]))
    }

    /// Whether the working copy of `path`, blob `working`, differs from
    /// the revision read (a new file counts as uncommitted).
    pub fn uncommitted(&self, path: &str, working: Oid) -> bool {
        Some(working) != self.blobs.get(path).copied()
    }
}

/// How libgit2 reads objects, set once before the first is read (by
/// `locate`, and by the history reader for callers that skip it).
/// Objects are only read, never written: checking every one's hash again
/// would double the cost of reading history. Packs are mapped 8 MiB at a
/// time, 16 MiB at most, rather than whole (up to 8 GiB): history reads a
/// pack from its newest objects to its oldest, so a window is done with
/// once passed, and a whole pack held mapped counts in a build's memory
/// for nothing.
pub(crate) fn configure_git() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        const MIB: usize = 1 << 20;
        git2::opts::strict_hash_verification(false);
        // SAFETY: libgit2 reads these limits each time it maps a window,
        // and windows already mapped stay valid.
        unsafe {
            let _ = git2::opts::set_mwindow_size(8 * MIB);
            let _ = git2::opts::set_mwindow_mapped_limit(16 * MIB);
        }
    });
}
