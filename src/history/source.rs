//! Where history is read from: the git repository holding the strategy,
//! its object files checked before libgit2 reads any (`objects`), and the
//! commit to read. `Head` follows HEAD for the live preview without
//! discovering the repository or reading an object each time it looks.

use super::objects::{Checked, NO_HISTORY_HELP};
use super::treediff::MAX_DEPTH;
use super::treediff::Trees;
use crate::history::index;
use crate::history::{History, Recorded};
use crate::tree::GitEntry;
use anyhow::{Context, Result, anyhow};
use git2::{ErrorCode, ObjectType, Oid, Repository};
use std::path::{Path, PathBuf};

const FSCK_HELP: &str = "help: `git fsck --full` tells what is missing or damaged";
/// A strategy root's place in git, and the commit history is read from.
pub struct Source {
    git_dir: PathBuf,
    /// The root's folder in the repository: `""` or `"strategy/"`.
    pub prefix: String,
    pub commit: Oid,
    /// The day that commit was made, in its committer's time zone: the
    /// site's today, so that building it again gives the same site.
    pub date: crate::model::Date,
    /// The commits at which a shallow clone's history stops.
    pub(super) shallow: Vec<Oid>,
}

/// Finds the git repository holding `root`, checks its object files, and
/// finds the commit to read: `rev`, or HEAD. `None` when there is no
/// history to read (not in git, or no commit yet); an unknown `rev`, or a
/// damaged repository, is an error.
pub fn locate(root: &Path, rev: Option<&str>) -> Result<Option<Source>> {
    super::configure_git();
    let Some(repo) = discover(root, rev)? else {
        return Ok(None);
    };
    Checked::default().check(&repo.commondir().join("objects"))?;
    source(&repo, root, rev)
}

/// The repository holding `root`, if any (with `rev`, there must be one).
fn discover(root: &Path, rev: Option<&str>) -> Result<Option<Repository>> {
    match Repository::discover(root) {
        Ok(repo) => Ok(Some(repo)),
        Err(e) if e.code() == ErrorCode::NotFound => match rev {
            Some(rev) => Err(anyhow!(
                "cannot read revision `{rev}`: {} is not in a git repository ({})",
                root.display(),
                e.message()
            )),
            None => Ok(None),
        },
        Err(e) => Err(anyhow!(
            "cannot open the git repository holding {}: {}\n  help: {NO_HISTORY_HELP}",
            root.display(),
            e.message()
        )),
    }
}

/// The source at `rev` (else HEAD) in `repo`, whose objects are checked.
fn source(repo: &Repository, root: &Path, rev: Option<&str>) -> Result<Option<Source>> {
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
        None => match repo.head() {
            Ok(head) => {
                let target = head.target().unwrap_or(Oid::ZERO_SHA1);
                let commit = repo.find_object(target, None).and_then(|o| o.peel_to_commit());
                commit.map_err(|e| {
                    anyhow!(
                        "HEAD ({}) points at {target}, which cannot be read: {}\n  {FSCK_HELP}",
                        head.name().unwrap_or("detached"),
                        e.message()
                    )
                })?
            }
            Err(e) if unborn(&e) => return Ok(None),
            Err(e) => return Err(anyhow!("cannot read HEAD: {}", e.message())),
        },
    };
    let shallow = std::fs::read_to_string(repo.path().join("shallow"))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| Oid::from_str(l.trim()).ok())
        .collect();
    Ok(Some(Source {
        git_dir: repo.path().to_path_buf(),
        prefix: prefix_in(repo, root),
        commit: commit.id(),
        date: super::time::date(commit.time().seconds(), commit.time().offset_minutes()),
        shallow,
    }))
}

/// Where the strategy root sits in its git repository (`""` or
/// `"strategy/"`), for links to the git host; `""` outside git.
pub fn repo_prefix(root: &Path) -> String {
    Repository::discover(root).map_or_else(|_| String::new(), |repo| prefix_in(&repo, root))
}

fn prefix_in(repo: &Repository, root: &Path) -> String {
    let workdir = repo.workdir().and_then(|w| std::fs::canonicalize(w).ok());
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    match workdir {
        Some(w) if root != w => format!("{}/", crate::tree::relative(&w, &root)),
        _ => String::new(),
    }
}

/// An error and its causes, git's without their class and code numbers.
fn describe(e: &anyhow::Error) -> String {
    let parts: Vec<String> = e
        .chain()
        .map(|c| match c.downcast_ref::<git2::Error>() {
            Some(git) => git.message().to_string(),
            None => c.to_string(),
        })
        .collect();
    parts.join(": ")
}

/// A repository without a commit yet.
fn unborn(e: &git2::Error) -> bool {
    matches!(e.code(), ErrorCode::UnbornBranch | ErrorCode::NotFound)
}

/// Follows HEAD for the live preview: the repository is discovered once
/// (again only while there is none, or when it goes away), HEAD is read
/// from the refs alone, and object files are checked only when HEAD moves,
/// and then only those not found sound before.
#[derive(Default)]
pub struct Head {
    repo: Option<Repository>,
    checked: Checked,
}

impl Head {
    /// The commit HEAD names now (`None`: not in git, or no commit yet),
    /// without reading an object: cheap enough to ask twice a second.
    pub fn target(&mut self, root: &Path) -> Result<Option<Oid>> {
        if self.repo.is_none() {
            self.repo = discover(root, None)?;
        }
        let Some(repo) = &self.repo else {
            return Ok(None);
        };
        match repo.refname_to_id("HEAD") {
            Ok(id) => Ok(Some(id)),
            Err(e) if e.code() == ErrorCode::NotFound && !repo.path().exists() => {
                // The repository went away: find it again next time.
                self.repo = None;
                Ok(None)
            }
            Err(e) if unborn(&e) => Ok(None),
            Err(e) => Err(anyhow!("cannot read HEAD: {}", e.message())),
        }
    }

    /// Where to read history now: the object files new since the last
    /// call are checked first.
    pub fn source(&mut self, root: &Path) -> Result<Option<Source>> {
        let Some(repo) = &self.repo else {
            return Ok(None);
        };
        self.checked.check(&repo.commondir().join("objects"))?;
        source(repo, root, None)
    }
}

impl Source {
    pub fn is_shallow(&self) -> bool {
        !self.shallow.is_empty()
    }

    /// Reads the history of the strategy's files up to this commit.
    pub fn history(&self) -> Result<History> {
        self.history_with(|| None::<()>)
    }

    /// `history`, reusing versions read already: `known` is asked once,
    /// when the versions of changed files are about to be read, and may wait
    /// for them (a build checks the files while history is read).
    pub fn history_with<K: Recorded + 'static>(
        &self,
        mut known: impl FnMut() -> Option<K>,
    ) -> Result<History> {
        let mut known = || known().map(|k| Box::new(k) as Box<dyn Recorded>);
        index::build(self, &mut known).map_err(|e| {
            anyhow!(
                "cannot read the git history in {}: {}\n  {FSCK_HELP}; {NO_HISTORY_HELP}",
                self.git_dir.display(),
                describe(&e)
            )
        })
    }

    /// Every file under the strategy root at this commit, with its path
    /// relative to the root: what `--rev` builds from instead of the
    /// working tree. Names are kept as bytes and links marked, for the
    /// tree to vet as it vets the working tree's.
    pub fn files(&self) -> Result<Vec<GitEntry>> {
        let read = || -> Result<Vec<GitEntry>> {
            let repo = self.open()?;
            let odb = repo.odb()?;
            let mut trees = Trees::new(&repo, &odb);
            let commit = repo.find_commit(self.commit)?;
            let Some(tree) = self.root_tree(&mut trees, &commit)? else {
                return Ok(Vec::new());
            };
            Ok(entries(&repo, tree)?)
        };
        read().map_err(|e| {
            anyhow!(
                "cannot read the files of commit {}: {}\n  {FSCK_HELP}",
                self.commit,
                describe(&e)
            )
        })
    }

    pub(super) fn open(&self) -> Result<Repository> {
        Repository::open(&self.git_dir)
            .with_context(|| format!("cannot open the git repository {}", self.git_dir.display()))
    }

    /// The tree of the strategy root in `commit`, if the root existed then.
    pub(super) fn root_tree(
        &self,
        trees: &mut Trees,
        commit: &git2::Commit,
    ) -> Result<Option<Oid>> {
        let root = commit.tree_id();
        let prefix = self.prefix.trim_end_matches('/');
        if prefix.is_empty() {
            return Ok(Some(root));
        }
        Ok(match trees.find(root, prefix)? {
            Some((ObjectType::Tree, id)) => Some(id),
            _ => None,
        })
    }
}

/// The mode git gives a symbolic link.
const LINK_MODE: i32 = 0o120_000;

/// Every file under `tree`, folders walked with a stack of our own: no
/// depth of folders, and no tree that a damaged repository makes contain
/// itself, can exhaust the stack or loop.
fn entries(repo: &Repository, tree: Oid) -> Result<Vec<GitEntry>, git2::Error> {
    let mut out = Vec::new();
    // Each folder to read, with its path and the trees that hold it.
    let mut folders: Vec<(Vec<u8>, Oid, Vec<Oid>)> = vec![(Vec::new(), tree, Vec::new())];
    while let Some((prefix, id, mut above)) = folders.pop() {
        if above.contains(&id) || above.len() >= MAX_DEPTH {
            let path = String::from_utf8_lossy(&prefix).into_owned();
            return Err(git2::Error::from_str(&format!(
                "the tree at {path} contains itself, or folders nest more than {MAX_DEPTH} deep"
            )));
        }
        above.push(id);
        for entry in repo.find_tree(id)?.iter() {
            let mut path = prefix.clone();
            path.extend_from_slice(entry.name_bytes());
            match entry.kind() {
                Some(ObjectType::Tree) => {
                    path.push(b'/');
                    folders.push((path, entry.id(), above.clone()));
                }
                Some(ObjectType::Blob) => out.push(GitEntry {
                    path,
                    link: entry.filemode() == LINK_MODE,
                    bytes: repo.find_blob(entry.id())?.content().to_vec(),
                }),
                _ => {}
            }
        }
    }
    Ok(out)
}
