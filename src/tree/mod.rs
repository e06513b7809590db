//! Where a strategy's files are read from: the working tree, or the tree
//! of a git revision held in memory (`build --rev`, `diff`), so that every
//! stage reads a past strategy exactly as it reads today's, without
//! touching the working tree.
//!
//! It is also the one place that decides which files on disk are part of
//! the strategy, so that `check`, `build` and `serve` read the same set: a
//! symbolic link is followed only while its target stays inside the
//! strategy root and out of its hidden files (`.git/`, `.env`), and only
//! regular files with UTF-8 names are read. What is
//! left out is listed (`Skipped`) for a diagnostic at its path; nothing
//! from outside the root is ever read.

mod disk;
mod revision;

use anyhow::Result;
use disk::Disk;
use revision::Revision;
use std::path::Path;

pub enum Tree {
    Disk(Disk),
    Revision(Revision),
}

/// A path that is not read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Relative to the strategy root, `/`-separated (lossily, for a name
    /// that is not UTF-8).
    pub path: String,
    pub why: Why,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// A symbolic link whose target, as written, lies outside the root.
    LinkOutside(String),
    /// A symbolic link into a hidden file or folder of the root (`.git/`,
    /// `.env`), which are never part of the strategy.
    LinkHidden(String),
    /// A symbolic link to nothing.
    LinkBroken(String),
    /// A symbolic link that leads back to a folder holding it, or one of
    /// a ring of links.
    LinkLoop(String),
    /// A file or folder name that is not UTF-8.
    NameNotUtf8,
    /// Not a file or a folder: a FIFO, a socket, a device.
    NotAFile,
    /// Larger than a strategy file may be (`load::MAX_FILE`), in bytes.
    TooLarge(u64),
}

/// The files at or under a path, and what was left out there.
#[derive(Debug, Default)]
pub struct Listing {
    /// Relative to the strategy root, sorted.
    pub files: Vec<String>,
    pub skipped: Vec<Skipped>,
}

/// A file's bytes, unless it is larger than asked for.
pub enum Read {
    Bytes(Vec<u8>),
    TooLarge(u64),
}

/// A git tree entry under the strategy root, for `Tree::revision`.
pub struct GitEntry {
    /// Relative to the strategy root, as git stores it (any bytes).
    pub path: Vec<u8>,
    /// A symbolic link, whose bytes are its target.
    pub link: bool,
    pub bytes: Vec<u8>,
}

impl Tree {
    /// The working tree under `root`.
    pub fn disk(root: &Path) -> Result<Tree> {
        Ok(Tree::Disk(Disk::new(root)?))
    }

    /// A revision's files under the strategy root, its links followed
    /// inside the root as on disk.
    pub fn revision(entries: Vec<GitEntry>) -> Tree {
        Tree::Revision(Revision::new(entries))
    }

    /// The files at `rel` (a file or a folder, `""` for the root), with
    /// hidden names (`.draft/`) left out below it unless `hidden`.
    pub fn list(&self, rel: &str, hidden: bool) -> Result<Listing> {
        match self {
            Tree::Disk(disk) => disk.list(rel, hidden),
            Tree::Revision(rev) => Ok(rev.list(rel, hidden)),
        }
    }

    /// The bytes of the file at `rel`, if it is one that `list` names;
    /// `TooLarge` past `max` bytes, without reading it.
    pub fn read(&self, rel: &str, max: u64) -> Result<Option<Read>> {
        match self {
            Tree::Disk(disk) => disk.read(rel, max),
            Tree::Revision(rev) => Ok(rev.read(rel, max)),
        }
    }

    /// The bytes of a file that `list` names, whatever its size (a static
    /// file); `None` if there is none.
    pub fn read_all(&self, rel: &str) -> Result<Option<Vec<u8>>> {
        Ok(match self.read(rel, u64::MAX)? {
            Some(Read::Bytes(bytes)) => Some(bytes),
            _ => None,
        })
    }

    /// `read` for a path that `list` has just named: the links on its way
    /// were vetted then, and are not again, one system call a folder.
    pub fn read_listed(&self, rel: &str, max: u64) -> Result<Option<Read>> {
        match self {
            Tree::Disk(disk) => disk.read_vetted(rel, max),
            Tree::Revision(rev) => Ok(rev.read(rel, max)),
        }
    }

    /// Whether a file or folder exists at `rel`.
    pub fn exists(&self, rel: &str) -> bool {
        match self {
            Tree::Disk(disk) => disk.exists(rel),
            Tree::Revision(rev) => rev.exists(rel),
        }
    }
}

/// Whether a path relative to the root passes through a hidden name.
fn hidden(rel: &str) -> bool {
    rel.split('/').any(|name| name.starts_with('.'))
}

/// Where the symbolic link at `link` (relative to the root) points, as its
/// target is written, relative to the root; `None` when the target is
/// absolute or climbs out of the root.
fn target_of(link: &str, target: &str) -> Option<String> {
    let base = link.rsplit_once('/').map_or("", |(dir, _)| dir);
    match target.starts_with('/') {
        true => None,
        false => join(base, target),
    }
}

/// `path` relative to `root`, with `/` separators.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The relative `path` (`../roadmap/sso.md`) joined onto the folder `dir`
/// (`pages`), both relative to the strategy root; `None` when it climbs
/// out of the root.
pub fn join(dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}
