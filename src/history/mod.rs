//! The strategy's history, read from git: which commits touched which
//! entity files, and what changed in their fields. Read once per build in
//! one pass over the commits (`index`); pages, the change log, the feed
//! and `export` all draw on the resulting `History`.

pub mod compare;
mod index;
pub mod time;
mod treediff;

use crate::diagnostics::{Code, Diagnostic};
use crate::load::{self, FileKind};
use crate::tree::GitEntry;
use anyhow::{Context, Result, anyhow};
use compare::Comparison;
use git2::{Oid, Repository};
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// A strategy root's place in git, and the commit history is read from.
pub struct Source {
    git_dir: PathBuf,
    /// The root's folder in the repository: `""` or `"strategy/"`.
    pub prefix: String,
    pub commit: Oid,
    /// The commits at which a shallow clone's history stops.
    shallow: Vec<Oid>,
}

/// The mode git gives a symbolic link.
const LINK_MODE: i32 = 0o120_000;

/// Versions of files read already, by path: their blob id, and the version.
pub type Known = FxHashMap<String, (Oid, crate::model::Version)>;

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
    /// The file's path at the revision read, renames followed (for a file
    /// deleted since, its last path).
    #[serde(skip)]
    pub latest_path: String,
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

/// Finds the git repository holding `root` and the commit to read: `rev`,
/// or HEAD. `None` when there is no history to read (not in git, or no
/// commit yet); an unknown `rev` is an error.
pub fn locate(root: &Path, rev: Option<&str>) -> Result<Option<Source>> {
    let repo = match Repository::discover(root) {
        Ok(repo) => repo,
        Err(e) if rev.is_some() => {
            return Err(anyhow!(
                "cannot read revision `{}`: {} is not in a git repository ({})",
                rev.unwrap_or_default(),
                root.display(),
                e.message()
            ));
        }
        Err(_) => return Ok(None),
    };
    let commit = match rev {
        Some(rev) => repo
            .revparse_single(rev)
            .and_then(|o| o.peel_to_commit())
            .map_err(|e| {
                anyhow!(
                    "unknown revision `{rev}`: {}\n  help: name a tag, a branch, a commit hash or HEAD~N; `git log --oneline` lists commits",
                    e.message()
                )
            })?,
        None => match repo.head().and_then(|h| h.peel_to_commit()) {
            Ok(commit) => commit,
            Err(_) => return Ok(None),
        },
    };
    let shallow = std::fs::read_to_string(repo.path().join("shallow"))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| Oid::from_str(l.trim()).ok())
        .collect();
    Ok(Some(Source {
        git_dir: repo.path().to_path_buf(),
        prefix: crate::project::repo_prefix(root),
        commit: commit.id(),
        shallow,
    }))
}

impl Source {
    pub fn is_shallow(&self) -> bool {
        !self.shallow.is_empty()
    }

    /// Reads the history of the strategy's files up to this commit.
    pub fn history(&self) -> Result<History> {
        index::build(self, &mut || None)
    }

    /// `history`, reusing versions read already: `known` is asked once,
    /// when the versions of changed files are about to be read, and may wait
    /// for them (a build checks the files while history is read).
    pub fn history_with(&self, mut known: impl FnMut() -> Option<Known>) -> Result<History> {
        index::build(self, &mut known)
    }

    /// Every file under the strategy root at this commit, with its path
    /// relative to the root: what `--rev` builds from instead of the
    /// working tree. Names are kept as bytes and folders walked with a
    /// stack of our own, so that no name and no depth can stop it.
    pub fn files(&self) -> Result<Vec<GitEntry>> {
        let repo = self.open()?;
        let mut out = Vec::new();
        if let Some(tree) = self.subtree(&repo, self.commit)? {
            entries(&repo, tree, &mut out).context("cannot read the files of the revision")?;
        }
        Ok(out)
    }

    fn open(&self) -> Result<Repository> {
        Repository::open(&self.git_dir)
            .with_context(|| format!("cannot open the git repository {}", self.git_dir.display()))
    }

    /// The tree of the strategy root in `commit`, if the root existed then.
    fn subtree<'r>(&self, repo: &'r Repository, commit: Oid) -> Result<Option<git2::Tree<'r>>> {
        let tree = repo.find_commit(commit)?.tree()?;
        if self.prefix.is_empty() {
            return Ok(Some(tree));
        }
        match tree.get_path(Path::new(self.prefix.trim_end_matches('/'))) {
            Ok(entry) if entry.kind() == Some(git2::ObjectType::Tree) => {
                Ok(Some(repo.find_tree(entry.id())?))
            }
            _ => Ok(None),
        }
    }
}

/// Every file under `tree`, folders walked with a stack of our own.
fn entries<'r>(
    repo: &'r Repository,
    tree: git2::Tree<'r>,
    out: &mut Vec<GitEntry>,
) -> Result<(), git2::Error> {
    let mut folders = vec![(Vec::new(), tree)];
    while let Some((prefix, tree)) = folders.pop() {
        for entry in tree.iter() {
            let mut path: Vec<u8> = prefix.clone();
            path.extend_from_slice(entry.name_bytes());
            match entry.kind() {
                Some(git2::ObjectType::Tree) => {
                    path.push(b'/');
                    folders.push((path, repo.find_tree(entry.id())?));
                }
                Some(git2::ObjectType::Blob) => out.push(GitEntry {
                    path,
                    link: entry.filemode() == LINK_MODE,
                    bytes: repo.find_blob(entry.id())?.content().to_vec(),
                }),
                _ => {}
            }
        }
    }
    Ok(())
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

    /// Whether `text`, the working copy of `path`, differs from the
    /// revision read (a new file counts as uncommitted).
    pub fn uncommitted(&self, path: &str, text: &str) -> bool {
        let working = Oid::hash_object(git2::ObjectType::Blob, text.as_bytes()).ok();
        working != self.blobs.get(path).copied()
    }
}
