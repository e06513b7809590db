//! The one pass over git history: every commit reachable from the chosen
//! one, each diffed against its first parent within the strategy root
//! only, so the cost follows commits × changed files. Then the versions
//! of the changed files are read and their fields compared (`versions`),
//! each version read once however many changes it ends or starts. Renames are
//! followed last, from the newest commit back, so each change lands on
//! the file's path at the revision read.

use super::compare::Comparison;
use super::treediff::Trees;
use super::versions::{self, Indexed, Versions};
use super::{Change, ChangeKind, Commit, History, Recorded, Source, Timings};
use crate::load;
use anyhow::{Context, Result};
use git2::{ObjectType, Oid, Repository, Sort};
use rustc_hash::FxHashMap;
use std::time::Instant;

pub fn build(
    source: &Source,
    known: &mut dyn FnMut() -> Option<Box<dyn Recorded>>,
) -> Result<History> {
    super::configure_git();
    let repo = source.open()?;
    let mut walk = repo.revwalk()?;
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME)?;
    walk.push(source.commit)?;
    let oids: Vec<Oid> = walk
        .collect::<Result<_, _>>()
        .context("cannot walk the commits")?;
    drop(repo);

    let started = Instant::now();
    let (mut indexed, versions, blobs) = index(source, &oids)?;
    give_back();
    let indexed_at = started.elapsed();
    let known = known().unwrap_or_else(|| Box::new(()));
    let comparing = versions::compare_all(source, &mut indexed, versions, &*known)?;
    let compared_at = started.elapsed();
    let mut commits: Vec<Commit> = indexed.into_iter().map(|i| i.commit).collect();
    let by_path = follow_renames(&mut commits);
    Ok(History {
        truncated: source.is_shallow(),
        date: Some(source.date),
        commits,
        by_path,
        blobs,
        timings: Timings {
            index: indexed_at + (started.elapsed() - compared_at),
            // Waiting for the checked files is part of getting the versions.
            versions: compared_at - indexed_at - comparing,
            compare: comparing,
        },
    })
}

/// Returns to the system the memory libgit2 freed on this thread. Its
/// trees of a large folder (half a megabyte each) come from glibc's
/// arena for the thread, which keeps what is freed: tens of megabytes
/// held through the rest of the build.
fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only releases free memory; it is thread-safe.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Diffs every commit in order, on one thread: a commit's parent tree is
/// then mostly the tree just read, and libgit2's pack reading slows down
/// several times over when threads share it.
/// Also returns the blob of every file at the revision read.
fn index(source: &Source, oids: &[Oid]) -> Result<(Vec<Indexed>, Versions, Blobs)> {
    let repo = source.open()?;
    let odb = repo.odb()?;
    let mut trees = Trees::new(&repo, &odb);
    let head = repo.find_commit(source.commit)?;
    let blobs = match source.root_tree(&mut trees, &head)? {
        Some(tree) => trees.files(tree)?.into_iter().collect(),
        None => Blobs::default(),
    };
    let mut versions = Versions::default();
    let mut out = Vec::new();
    for &oid in oids {
        let read = read_commit(source, &repo, &mut trees, &mut versions, oid);
        out.extend(read.with_context(|| format!("cannot read commit {oid}"))?);
    }
    Ok((out, versions, blobs))
}

/// Each file's blob, by path.
type Blobs = FxHashMap<String, Oid>;

/// The strategy files `oid` changed, or `None` when it changed none.
fn read_commit(
    source: &Source,
    repo: &Repository,
    trees: &mut Trees,
    versions: &mut Versions,
    oid: Oid,
) -> Result<Option<Indexed>> {
    let commit = repo.find_commit(oid)?;
    let tree = source.root_tree(trees, &commit)?;
    let parents: Vec<Option<Oid>> = commit
        .parents()
        .map(|p| source.root_tree(trees, &p))
        .collect::<Result<_>>()?;
    let first = parents.first().copied().flatten();
    if tree == first {
        return Ok(None);
    }
    let mut changes = Vec::new();
    for delta in trees.diff(first, tree)? {
        let strategy_file = |p: &str| load::classify(p).and_then(Result::ok);
        let (old_kind, new_kind) = (strategy_file(&delta.old_path), strategy_file(&delta.path));
        let renamed = delta.old_path != delta.path;
        let kind = match (delta.old, delta.new, old_kind, new_kind) {
            (Some(_), Some(_), Some(_), Some(_)) if renamed => ChangeKind::Renamed,
            (Some(_), Some(_), Some(_), Some(_)) => ChangeKind::Changed,
            (_, Some(_), _, Some(_)) => ChangeKind::Created,
            (Some(_), _, Some(_), _) => ChangeKind::Deleted,
            _ => continue,
        };
        // A merge lists only what it did itself: a file that matches some
        // parent came from that parent's branch, whose commits list it.
        let in_branches = in_merged_branches(trees, &parents, &delta.path)?;
        if delta.new.is_some_and(|id| in_branches.contains(&id)) {
            continue;
        }
        let mut before: Vec<Oid> = match kind {
            ChangeKind::Created => Vec::new(),
            _ => delta.old.into_iter().collect(),
        };
        if kind != ChangeKind::Deleted {
            before.extend(in_branches);
        }
        let blobs = match kind {
            ChangeKind::Deleted => (before, None),
            _ => (before, delta.new),
        };
        let (path, old_path) = match kind {
            ChangeKind::Deleted => (delta.old_path, None),
            ChangeKind::Renamed => (delta.path, Some(delta.old_path)),
            _ => (delta.path, None),
        };
        let change = Change {
            kind,
            latest_path: Some(path.clone()),
            path,
            old_path,
            comparison: Comparison::default(),
        };
        changes.push((change, blobs));
    }
    if changes.is_empty() {
        return Ok(None);
    }
    changes.sort_by(|a, b| a.0.path.cmp(&b.0.path));
    let truncated = source.shallow.contains(&oid);
    let mut numbers = Vec::with_capacity(changes.len());
    for (change, (before, new)) in &changes {
        if truncated {
            numbers.push((Vec::new(), None));
            continue;
        }
        let old_path = change.old_path.as_deref().unwrap_or(&change.path);
        let before = before
            .iter()
            .enumerate()
            .map(|(i, &id)| versions.number(id, if i == 0 { old_path } else { &change.path }))
            .collect();
        numbers.push((before, new.map(|id| versions.number(id, &change.path))));
    }
    let changes = changes.into_iter().map(|(change, _)| change).collect();
    let author = commit.author();
    let commit = Commit {
        hash: oid.to_string(),
        author: String::from_utf8_lossy(author.name_bytes()).into_owned(),
        time: author.when().seconds(),
        offset: author.when().offset_minutes(),
        subject: String::from_utf8_lossy(commit.summary_bytes().unwrap_or_default()).into_owned(),
        changes,
        truncated,
    };
    Ok(Some(Indexed {
        commit,
        versions: numbers,
    }))
}

/// The blobs at `path` in the parents other than the first.
fn in_merged_branches(trees: &mut Trees, parents: &[Option<Oid>], path: &str) -> Result<Vec<Oid>> {
    let mut out = Vec::new();
    for &tree in parents.iter().skip(1).flatten() {
        if let Some((ObjectType::Blob, id)) = trees.find(tree, path)? {
            out.push(id);
        }
    }
    Ok(out)
}

/// Files by their path at the revision read → their changes, newest first.
/// Walking from the newest commit back, a rename makes its old path an
/// alias of the file's later path, and leaves its new path to whatever
/// file was there before, deleted since: that one is gone (`None`), as
/// `git log --follow` stops at the rename. A file created at a path
/// without being moved there continues the history of the file deleted
/// at that path before it.
fn follow_renames(commits: &mut [Commit]) -> FxHashMap<String, Vec<(usize, usize)>> {
    let mut alias: FxHashMap<String, Option<String>> = FxHashMap::default();
    let mut by_path: FxHashMap<String, Vec<(usize, usize)>> = FxHashMap::default();
    for (c, commit) in commits.iter_mut().enumerate() {
        for (i, change) in commit.changes.iter_mut().enumerate() {
            if let Some(latest) = alias.get(&change.path) {
                change.latest_path.clone_from(latest);
            }
            if let Some(latest) = &change.latest_path {
                by_path.entry(latest.clone()).or_default().push((c, i));
            }
        }
        // A commit's moves happen at once: the path one file moved onto
        // may be the one another file left in the same commit, and the
        // older changes there are that other file's.
        let moves = commit.changes.iter().filter(|ch| ch.old_path.is_some());
        for change in moves.clone() {
            alias.insert(change.path.clone(), None);
        }
        for change in moves {
            if let Some(old) = &change.old_path {
                alias.insert(old.clone(), change.latest_path.clone());
            }
        }
    }
    by_path
}

#[cfg(test)]
mod tests {
    use super::*;

    fn commit(changes: &[(ChangeKind, &str, Option<&str>)]) -> Commit {
        let changes = changes
            .iter()
            .map(|&(kind, path, old)| Change {
                kind,
                path: path.into(),
                old_path: old.map(String::from),
                latest_path: Some(path.into()),
                comparison: Comparison::default(),
            })
            .collect();
        Commit {
            hash: String::new(),
            author: String::new(),
            time: 0,
            offset: 0,
            subject: String::new(),
            changes,
            truncated: false,
        }
    }

    #[test]
    fn moves_in_one_commit_happen_at_once() {
        use ChangeKind::*;
        // Newest first: b.md moves to a.md while c.md moves to b.md.
        let mut commits = [
            commit(&[(Changed, "b.md", None)]),
            commit(&[
                (Renamed, "a.md", Some("b.md")),
                (Renamed, "b.md", Some("c.md")),
            ]),
            commit(&[(Created, "b.md", None)]),
            commit(&[(Created, "c.md", None)]),
        ];
        let by_path = follow_renames(&mut commits);
        assert_eq!(by_path["b.md"], [(0, 0), (1, 1), (3, 0)]);
        assert_eq!(by_path["a.md"], [(1, 0), (2, 0)]);
    }
}
