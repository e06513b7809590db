//! The versions of the changed files, and what changed in their fields.
//! Commits are compared a few dozen at a time, newest first: the versions
//! those need are read then (on one thread: libgit2's pack reading slows
//! down several times over when threads share it), parsed in parallel,
//! and dropped after the last change that compares them. A build thus
//! holds the versions of the files changed lately, not every version of
//! every file, and never a copy of the files it checked.

use super::compare::{self, Comparison, Contents};
use super::{Commit, Recorded, Source};
use crate::load;
use crate::model::{self, Version};
use anyhow::Result;
use git2::{Oid, Repository};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::time::{Duration, Instant};

/// Numbers the versions of files that changes compare, in the order first
/// met: each is read once however many changes it ends or starts.
#[derive(Default)]
pub(super) struct Versions {
    numbers: FxHashMap<(Oid, String), usize>,
    /// Each version's blob and path then, by number.
    keys: Vec<(Oid, String)>,
}

impl Versions {
    pub(super) fn number(&mut self, id: Oid, path: &str) -> usize {
        let next = self.keys.len();
        let n = *self.numbers.entry((id, path.to_string())).or_insert(next);
        if n == next {
            self.keys.push((id, path.to_string()));
        }
        n
    }
}

/// A commit that changed strategy files, its fields not compared yet.
pub(super) struct Indexed {
    pub(super) commit: Commit,
    /// The numbers of the versions before and after each of
    /// `commit.changes` (see `Versions`). A merge has a version before
    /// in each parent that has the file, the first parent's first.
    pub(super) versions: Vec<(Vec<usize>, Option<usize>)>,
}

/// How many commits are compared at a time: enough changes to parse and
/// compare on every core, few enough that their versions are little.
const CHUNK: usize = 64;

/// A version being held: read from git, or the checked file's.
enum Held<'k> {
    Parsed(Option<Version>),
    Recorded(Contents<'k>),
}

impl Held<'_> {
    fn contents(&self) -> Option<Contents<'_>> {
        match self {
            Held::Parsed(version) => version.as_ref().map(Contents::from),
            Held::Recorded(contents) => Some(*contents),
        }
    }
}

/// A version about to be parsed, unless it is held already.
enum Unparsed<'k> {
    Held(Held<'k>),
    Bytes(Vec<u8>),
}

/// Fills in what changed in the fields of every change. Returns the time
/// spent comparing, the rest being spent reading and parsing versions.
pub(super) fn compare_all(
    source: &Source,
    indexed: &mut [Indexed],
    versions: Versions,
    known: &dyn Recorded,
) -> Result<Duration> {
    let repo = source.open()?;
    let keys = versions.keys;
    drop(versions.numbers);
    // The chunk after which each version is needed no more.
    let mut last = vec![0; keys.len()];
    for (c, i) in indexed.iter().enumerate() {
        for n in numbers(i) {
            last[n] = c / CHUNK;
        }
    }
    let mut held: Vec<Option<Held>> = std::iter::repeat_with(|| None).take(keys.len()).collect();
    let mut comparing = Duration::ZERO;
    for (k, chunk) in indexed.chunks_mut(CHUNK).enumerate() {
        let mut wanted: Vec<usize> = chunk.iter().flat_map(numbers).collect();
        wanted.sort_unstable();
        wanted.dedup();
        let unparsed: Vec<(usize, Unparsed)> = wanted
            .iter()
            .filter(|&&n| held[n].is_none())
            .map(|&n| Ok((n, read(&repo, known, &keys[n])?)))
            .collect::<Result<_>>()?;
        let parsed: Vec<(usize, Held)> = unparsed
            .into_par_iter()
            .map(|(n, v)| match v {
                Unparsed::Held(h) => (n, h),
                Unparsed::Bytes(bytes) => (n, Held::Parsed(model::read_version(&keys[n].1, bytes))),
            })
            .collect();
        for (n, h) in parsed {
            held[n] = Some(h);
        }
        let started = Instant::now();
        chunk.par_iter_mut().for_each(|i| compare(i, &held));
        comparing += started.elapsed();
        for n in wanted.into_iter().filter(|&n| last[n] == k) {
            held[n] = None;
        }
    }
    Ok(comparing)
}

/// The numbers of the versions a commit's changes compare.
fn numbers(i: &Indexed) -> impl Iterator<Item = usize> + '_ {
    i.versions
        .iter()
        .flat_map(|(before, new)| before.iter().copied().chain(*new))
}

/// The version of blob `id` at `path`: the checked file's when it is that
/// blob, else read from git; one larger than a strategy file may be is
/// not parsed, as in the working tree.
fn read<'k>(
    repo: &Repository,
    known: &'k dyn Recorded,
    key: &(Oid, String),
) -> Result<Unparsed<'k>> {
    let (id, path) = key;
    if let Some(contents) = known.get(path, *id) {
        return Ok(Unparsed::Held(Held::Recorded(contents)));
    }
    let blob = repo.find_blob(*id)?;
    Ok(match blob.size() as u64 > load::MAX_FILE {
        true => Unparsed::Held(Held::Parsed(Some(Version::Unreadable))),
        false => Unparsed::Bytes(blob.content().to_vec()),
    })
}

/// Compares the versions before and after each of a commit's changes.
/// Where a shallow clone's history starts, the parent's versions are
/// missing: there is nothing to compare with.
fn compare(i: &mut Indexed, held: &[Option<Held>]) {
    for (change, (before, new)) in i.commit.changes.iter_mut().zip(&i.versions) {
        let (false, Some(kind)) = (i.commit.truncated, change.file_kind()) else {
            continue;
        };
        let version = |n: Option<usize>| held.get(n?)?.as_ref()?.contents();
        let schema = model::schema_of(kind);
        let against = |old: Option<usize>| compare::versions(schema, version(old), version(*new));
        // A merge's own change is what it did beyond the closest parent,
        // as `git log -c` shows it.
        change.comparison = match before.as_slice() {
            [] => against(None),
            [first, rest @ ..] => {
                rest.iter()
                    .map(|&b| against(Some(b)))
                    .fold(against(Some(*first)), |best, c| {
                        if size(&c) < size(&best) { c } else { best }
                    })
            }
        };
    }
}

/// How much a comparison says changed, to pick a merge's closest parent.
fn size(c: &Comparison) -> (usize, bool) {
    (c.fields.len(), c.body_changed)
}
