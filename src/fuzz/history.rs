//! The history target: `frames` records written as commits with git2 into
//! a repository of their own, then the strategy at HEAD read from git,
//! checked, its history read and its pages rendered with history, as
//! `build --rev HEAD` does; and what the history says compared with what
//! the commits did.

use super::frames::{self, Files};
use super::{oracles, strategy};
use crate::history::{self, ChangeKind, History};
use crate::load;
use crate::model::Cache;
use git2::{Oid, Repository, Signature, Time};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Commits an input may make: the checks below cost the square of it.
const MAX_COMMITS: usize = 200;
/// 2026-12-28, the first commit's time when the input gives none.
const START: i64 = 1_798_416_000;
const DAY: i64 = 86_400;

/// A commit made from the input.
struct Made {
    id: Oid,
    parents: Vec<usize>,
    time: i64,
    files: Files,
    /// The commits it descends from, itself included.
    ancestors: BTreeSet<usize>,
}

pub fn history(input: &[u8]) {
    let dir = tempfile::tempdir().expect("a temp folder");
    let repo = Repository::init(dir.path()).expect("git init");
    let (made, head) = write(&repo, input);
    repo.set_head_detached(made[head].id).expect("set HEAD");
    let source = history::locate(dir.path(), None)
        .expect("locate the repository")
        .expect("HEAD has a commit");

    let entries = source.files().expect("read the files at HEAD");
    let read_back: BTreeMap<String, (bool, Vec<u8>)> = entries
        .iter()
        .map(|e| {
            let path = String::from_utf8(e.path.clone()).expect("UTF-8 paths were written");
            (path, (e.link, e.bytes.clone()))
        })
        .collect();
    let written: BTreeMap<String, (bool, Vec<u8>)> = made[head]
        .files
        .0
        .iter()
        .map(|(p, e)| (p.clone(), (e.link, e.bytes.clone())))
        .collect();
    assert!(read_back == written, "the files at HEAD read back differ");

    let project = strategy::check_entries(entries, &mut Cache::default());
    oracles::diagnostics(&project);
    let plain = source
        .history()
        .unwrap_or_else(|e| panic!("reading the history failed: {e:#}"));
    commits_listed(&plain, &made, head);
    // A file read through a link to a folder has no git path of its own.
    let in_git = project
        .sources
        .iter()
        .filter(|f| made[head].files.0.contains_key(&f.path));
    for f in in_git {
        changes_of(&plain, &f.path, &made, head);
    }
    if project.diagnostics.errors() == 0 {
        oracles::lenient_reads_agree(&project);
        let project = Arc::new(project);
        let with_known = source
            .history_with(|| crate::pipeline::Checked::of(&project))
            .unwrap_or_else(|e| panic!("reading the history with known versions failed: {e:#}"));
        let json = |h: &History| serde_json::to_string(&h.commits).expect("JSON");
        assert!(
            json(&with_known) == json(&plain),
            "history differs when the versions at HEAD are handed over, as build does"
        );
        oracles::render(project, Some(Arc::new(with_known)));
    }
}

/// Writes the commits of `input`; returns them and the one HEAD is at.
fn write(repo: &Repository, input: &[u8]) -> (Vec<Made>, usize) {
    let mut made: Vec<Made> = Vec::new();
    let mut files = Files::default();
    let mut head: Option<usize> = None;
    for r in frames::records(input) {
        if files.apply(&r) || made.len() >= MAX_COMMITS {
            continue;
        }
        let pick = |n: usize| r.arg.trim().parse::<usize>().unwrap_or(0) % n.max(1);
        match (r.op.as_str(), head) {
            ("commit", _) => {
                let parents = head.into_iter().collect();
                head = Some(commit(repo, &mut made, &mut files, parents, &r));
            }
            ("merge", Some(h)) if pick(made.len()) != h => {
                let parents = vec![h, pick(made.len())];
                head = Some(commit(repo, &mut made, &mut files, parents, &r));
            }
            ("reset", Some(_)) => {
                let n = pick(made.len());
                files = made[n].files.clone();
                head = Some(n);
            }
            _ => {}
        }
    }
    let head = match head {
        Some(h) if made[h].files == files => h,
        _ => {
            let parents = head.into_iter().collect();
            let last = frames::Record {
                op: "commit".into(),
                arg: String::new(),
                body: b"Last changes",
            };
            commit(repo, &mut made, &mut files, parents, &last)
        }
    };
    (made, head)
}

/// Commits `files` (dropping those git refuses) on `parents`; the header
/// of `r` gives the time, UTC offset and author, its body the message.
fn commit(
    repo: &Repository,
    made: &mut Vec<Made>,
    files: &mut Files,
    parents: Vec<usize>,
    r: &frames::Record,
) -> usize {
    let mut index = git2::Index::new().expect("an index in memory");
    let mut refused = Vec::new();
    for (path, e) in &files.0 {
        let entry = git2::IndexEntry {
            ctime: git2::IndexTime::new(0, 0),
            mtime: git2::IndexTime::new(0, 0),
            dev: 0,
            ino: 0,
            mode: if e.link { 0o120_000 } else { 0o100_644 },
            uid: 0,
            gid: 0,
            file_size: 0,
            id: repo.blob(&e.bytes).expect("write a blob"),
            flags: path.len().min(0xfff) as u16,
            flags_extended: 0,
            path: path.clone().into_bytes(),
        };
        if index.add(&entry).is_err() {
            refused.push(path.clone());
        }
    }
    for path in refused {
        files.0.remove(&path);
    }
    let tree = repo
        .find_tree(index.write_tree_to(repo).expect("write the tree"))
        .expect("find the tree");
    let mut words = r.arg.split_whitespace();
    let after = parents.first().map_or(START - DAY, |&p| made[p].time);
    let time = words
        .next()
        .and_then(|w| w.parse().ok())
        .unwrap_or(after.saturating_add(DAY));
    // Git writes offsets as ±HHMM.
    let offset = words
        .next()
        .and_then(|w| w.parse::<i32>().ok())
        .unwrap_or(0)
        % 6000;
    let author: String = words.collect::<Vec<_>>().join(" ");
    let when = Time::new(time, offset);
    let sig = Signature::new(&author, "author@example.com", &when)
        .or_else(|_| Signature::new("Dana Kim", "dana@example.com", &when))
        .expect("a signature");
    let parent_commits: Vec<git2::Commit> = parents
        .iter()
        .map(|&p| repo.find_commit(made[p].id).expect("a parent"))
        .collect();
    // git2 passes messages to C as strings.
    let message = String::from_utf8_lossy(r.body).replace('\0', "");
    let id = repo
        .commit(
            None,
            &sig,
            &sig,
            &message,
            &tree,
            &parent_commits.iter().collect::<Vec<_>>(),
        )
        .expect("git commit");
    let mut ancestors: BTreeSet<usize> = parents
        .iter()
        .flat_map(|&p| made[p].ancestors.iter().copied())
        .collect();
    ancestors.insert(made.len());
    made.push(Made {
        id,
        parents,
        time,
        files: files.clone(),
        ancestors,
    });
    made.len() - 1
}

/// The commits history lists are those from HEAD back, each once, each
/// after the commits descending from it; each changed a strategy file.
/// Without merges, they are exactly the commits that changed one, and
/// list exactly those files.
fn commits_listed(h: &History, made: &[Made], head: usize) {
    let ours: BTreeMap<String, usize> = made
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id.to_string(), i))
        .collect();
    let mut position: BTreeMap<usize, usize> = BTreeMap::new();
    for (at, c) in h.commits.iter().enumerate() {
        let m = *ours.get(&c.hash).expect("a commit that was made");
        assert!(
            made[head].ancestors.contains(&m),
            "commit {m} is not reachable from HEAD"
        );
        assert!(
            position.insert(m, at).is_none(),
            "commit {m} is listed twice"
        );
        assert!(
            !c.changes.is_empty(),
            "commit {m} is listed without changes"
        );
        for change in &c.changes {
            assert_eq!(
                change.kind == ChangeKind::Renamed,
                change.old_path.is_some(),
                "commit {m}: {change:?}"
            );
        }
    }
    for (&a, &at_a) in &position {
        for (&b, &at_b) in &position {
            if a != b && made[b].ancestors.contains(&a) {
                assert!(
                    at_b < at_a,
                    "commit {a} is listed before {b}, which descends from it"
                );
            }
        }
    }
    if has_merges(made, head) {
        return;
    }
    let empty = Files::default();
    for &m in &made[head].ancestors {
        let before = made[m].parents.first().map_or(&empty, |&p| &made[p].files);
        let changed = changed_files(before, &made[m].files);
        let listed: BTreeSet<String> = position
            .get(&m)
            .map(|&at| &h.commits[at].changes)
            .into_iter()
            .flatten()
            .flat_map(|c| [Some(c.path.clone()), c.old_path.clone()])
            .flatten()
            .collect();
        assert!(
            listed == changed,
            "commit {m} changed {changed:?} but history lists {listed:?}"
        );
    }
}

fn has_merges(made: &[Made], head: usize) -> bool {
    made[head]
        .ancestors
        .iter()
        .any(|&m| made[m].parents.len() > 1)
}

/// The strategy files that differ between two commits' files.
fn changed_files(before: &Files, after: &Files) -> BTreeSet<String> {
    let strategy_file = |p: &&String| matches!(load::classify(p), Some(Ok(_)));
    before
        .0
        .keys()
        .chain(after.0.keys())
        .filter(strategy_file)
        .filter(|p| before.0.get(*p) != after.0.get(*p))
        .cloned()
        .collect()
}

/// A file at HEAD was created in some commit, and its changes are listed
/// newest first; without merges, the newest does not delete it.
fn changes_of(h: &History, path: &str, made: &[Made], head: usize) {
    let changes: Vec<(usize, &history::Change)> = h.of(path).collect();
    assert!(
        !changes.is_empty(),
        "{path} is at HEAD but no commit made it"
    );
    assert!(
        changes.windows(2).all(|w| w[0].0 <= w[1].0),
        "{path}: changes not newest first"
    );
    if !has_merges(made, head) {
        assert!(
            changes[0].1.kind != ChangeKind::Deleted,
            "{path} is at HEAD but its last change deletes it"
        );
    }
}
