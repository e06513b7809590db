//! Checks a repository's object files before libgit2 reads any of them.
//! libgit2 1.9 (the newest `libgit2-sys` bundles 1.9.7) loops forever on
//! a truncated loose object (libgit2 issue 7342, fixed upstream by PR
//! 7346), writes past its buffer on one longer than its header says
//! (issue 7177), and crashes on a pack index whose offsets point outside
//! its pack (`packs`). Reading every object file once in Rust first turns
//! all of these into an error that names the damaged file.

use super::packs;
use anyhow::{Result, anyhow};
use flate2::{Decompress, FlushDecompress, Status};
use git2::{ObjectType, Oid};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// How to build when history cannot be read.
pub(super) const NO_HISTORY_HELP: &str =
    "build without history with `--no-history`, or `history: { enabled: false }` in charter.yaml";

/// The object files found sound, with the size and time they had then:
/// checking again (the live preview, each time HEAD moves) reads only the
/// files that are new or changed since.
#[derive(Default)]
pub struct Checked {
    sound: FxHashMap<PathBuf, Stamp>,
}

/// A file's size and modification time, and those of the pack of a pack
/// index: what tells that it must be read again.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    pack: Option<(u64, Option<SystemTime>)>,
}

/// One object file to check.
struct Found {
    path: PathBuf,
    stamp: Stamp,
    what: What,
}

enum What {
    /// `objects/ab/cdef…`, the object `abcdef…`.
    Loose(Oid),
    /// `objects/pack/pack-….idx`.
    PackIndex,
    /// `objects/pack/multi-pack-index`.
    MultiPackIndex,
}

/// How deep alternates may name further alternates, as in libgit2.
const ALTERNATES_DEPTH: usize = 5;

/// Objects larger than this are inflated but not hashed, to bound memory.
const HASH_LIMIT: u64 = 64 << 20;

impl Checked {
    /// Checks every object file of the repository whose objects are in
    /// `objects` (its alternates included), except those found sound by an
    /// earlier call and unchanged since. The error names the first damaged
    /// file by path.
    pub fn check(&mut self, objects: &Path) -> Result<()> {
        let found: Vec<Found> = stores(objects).par_iter().flat_map(|s| list(s)).collect();
        let mut damaged: Vec<(PathBuf, String)> = found
            .par_iter()
            .filter(|f| self.sound.get(&f.path) != Some(&f.stamp))
            .map_init(Inflater::new, |z, f| {
                let checked = match f.what {
                    What::Loose(id) => z.check(&f.path, id),
                    What::PackIndex => packs::check_index(&f.path),
                    What::MultiPackIndex => packs::check_multi_index(&f.path),
                };
                checked.err().map(|why| (f.path.clone(), why))
            })
            .flatten()
            .collect();
        damaged.sort();
        let bad: FxHashSet<&Path> = damaged.iter().map(|(p, _)| p.as_path()).collect();
        self.sound = found
            .iter()
            .filter(|f| !bad.contains(f.path.as_path()))
            .map(|f| (f.path.clone(), f.stamp.clone()))
            .collect();
        let Some((path, why)) = damaged.first() else {
            return Ok(());
        };
        let more = match damaged.len() {
            1 => String::new(),
            n => format!(" (and {} more damaged object files)", n - 1),
        };
        Err(anyhow!(
            "the git repository is damaged: {} {why}{more}\n  \
             help: `git fsck --full` lists what is damaged; restore it from another clone, or {}",
            path.display(),
            NO_HISTORY_HELP
        ))
    }
}

/// `objects` and the object folders its alternates name, recursively.
fn stores(objects: &Path) -> Vec<PathBuf> {
    let mut out = vec![objects.to_path_buf()];
    let mut next = 0;
    let mut depth = vec![0];
    while next < out.len() {
        let (dir, level) = (out[next].clone(), depth[next]);
        next += 1;
        if level >= ALTERNATES_DEPTH {
            continue;
        }
        let list = std::fs::read_to_string(dir.join("info/alternates")).unwrap_or_default();
        for line in list.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            // A relative alternate is relative to the object folder naming it.
            let alternate = dir.join(line);
            if !out.contains(&alternate) {
                out.push(alternate);
                depth.push(level + 1);
            }
        }
    }
    out
}

/// The object files of one object folder: loose objects, pack indexes and
/// a multi-pack index. A folder that cannot be listed is libgit2's to
/// report (it reports a missing alternate as a missing object).
fn list(store: &Path) -> Vec<Found> {
    let Ok(entries) = std::fs::read_dir(store) else {
        return Vec::new();
    };
    let fans: Vec<(PathBuf, String)> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            is_hex(&name, 2).then(|| (e.path(), name))
        })
        .collect();
    let mut out: Vec<Found> = fans
        .par_iter()
        .flat_map_iter(|(dir, fan)| loose_in(dir, fan))
        .collect();
    let packs = store.join("pack");
    for entry in std::fs::read_dir(&packs).into_iter().flatten().flatten() {
        let path = entry.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let what = match name {
            "multi-pack-index" => What::MultiPackIndex,
            _ if name.ends_with(".idx") => What::PackIndex,
            _ => continue,
        };
        let pack = matches!(what, What::PackIndex)
            .then(|| std::fs::metadata(path.with_extension("pack")).ok())
            .flatten()
            .and_then(|m| stamp(m, None))
            .map(|s| (s.len, s.modified));
        if let Some(stamp) = entry.metadata().ok().and_then(|m| stamp(m, pack)) {
            out.push(Found { path, stamp, what });
        }
    }
    out
}

/// The loose objects of the fan-out folder `dir`, named `fan`.
fn loose_in(dir: &Path, fan: &str) -> Vec<Found> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|e| {
            // Names other than an id's (git's `tmp_obj_*`) are not objects.
            let name = e.file_name().into_string().ok()?;
            let id = Oid::from_str(&format!("{fan}{name}")).ok()?;
            let path = e.path();
            is_hex(&name, 38).then_some(())?;
            let stamp = stamp(e.metadata().ok()?, None)?;
            Some(Found {
                path,
                stamp,
                what: What::Loose(id),
            })
        })
        .collect()
}

fn stamp(meta: std::fs::Metadata, pack: Option<(u64, Option<SystemTime>)>) -> Option<Stamp> {
    meta.is_file().then(|| Stamp {
        len: meta.len(),
        modified: meta.modified().ok(),
        pack,
    })
}

fn is_hex(name: &str, len: usize) -> bool {
    name.len() == len && name.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Inflates loose objects on one thread, reusing its buffers.
struct Inflater {
    zlib: Decompress,
    chunk: Vec<u8>,
    content: Vec<u8>,
}

impl Inflater {
    fn new() -> Inflater {
        Inflater {
            zlib: Decompress::new(true),
            chunk: vec![0; 64 << 10],
            content: Vec::new(),
        }
    }

    /// Whether the file at `path` is the loose object `id`: zlib data that
    /// inflates to its end, a `type size\0` header whose size is that of
    /// what follows, and (up to `HASH_LIMIT`) the id of what it holds.
    fn check(&mut self, path: &Path, id: Oid) -> Result<(), String> {
        let bytes = std::fs::read(path).map_err(|e| format!("cannot be read ({e})"))?;
        if bytes.is_empty() {
            return Err("is an empty file".into());
        }
        self.zlib.reset(true);
        self.content.clear();
        let mut header: Option<Header> = None;
        loop {
            let (read, written) = (self.zlib.total_in(), self.zlib.total_out());
            let status = self
                .zlib
                .decompress(
                    &bytes[read as usize..],
                    &mut self.chunk,
                    FlushDecompress::None,
                )
                .map_err(|e| format!("has damaged compressed data ({e})"))?;
            let out = &self.chunk[..(self.zlib.total_out() - written) as usize];
            if header.is_none_or(|h| h.hashed) {
                self.content.extend_from_slice(out);
            }
            if header.is_none() {
                header = parse_header(&self.content)?;
            }
            // Inflating past the declared size is pointless, and unbounded.
            if let Some(h) = header
                && self.zlib.total_out() > h.start + h.size
            {
                return Err(format!(
                    "holds more than the {} bytes its header says",
                    h.size
                ));
            }
            if status == Status::StreamEnd {
                break;
            }
            if self.zlib.total_in() == read && out.is_empty() {
                return Err("ends early (it is truncated)".into());
            }
        }
        if self.zlib.total_in() < bytes.len() as u64 {
            return Err("has data after its end".into());
        }
        let Some(h) = header else {
            return Err("has no valid header".into());
        };
        let held = self.zlib.total_out() - h.start;
        if held != h.size {
            return Err(format!(
                "holds {held} bytes where its header says {}",
                h.size
            ));
        }
        let content = self.content.get(h.start as usize..).unwrap_or_default();
        if h.hashed && Oid::hash_object(h.kind, content).ok() != Some(id) {
            return Err(format!("does not hold the object {id} its name says"));
        }
        Ok(())
    }
}

/// A loose object's `type size\0`.
#[derive(Clone, Copy)]
struct Header {
    kind: ObjectType,
    /// Where the content starts, and its declared size.
    start: u64,
    size: u64,
    /// Whether the content is kept to be hashed.
    hashed: bool,
}

/// The header `head` starts with; `None` until its end has been inflated.
fn parse_header(head: &[u8]) -> Result<Option<Header>, String> {
    // `commit 18446744073709551615\0` is the longest header there is.
    const LONGEST: usize = 28;
    let Some(nul) = head.iter().take(LONGEST).position(|&b| b == 0) else {
        return match head.len() < LONGEST {
            true => Ok(None),
            false => Err("has no valid header".into()),
        };
    };
    let invalid = || "has no valid header".to_string();
    let text = std::str::from_utf8(&head[..nul]).map_err(|_| invalid())?;
    let (kind, size) = text.split_once(' ').ok_or_else(invalid)?;
    let kind = match kind {
        "commit" => ObjectType::Commit,
        "tree" => ObjectType::Tree,
        "blob" => ObjectType::Blob,
        "tag" => ObjectType::Tag,
        _ => return Err(format!("is of no known kind (`{kind}`)")),
    };
    let size: u64 = size
        .parse()
        .ok()
        .filter(|_| size.bytes().all(|b| b.is_ascii_digit()))
        .ok_or_else(invalid)?;
    Ok(Some(Header {
        kind,
        start: nul as u64 + 1,
        size,
        hashed: size <= HASH_LIMIT,
    }))
}
