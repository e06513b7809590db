//! The working tree under a strategy root, read without ever leaving it:
//! every symbolic link is vetted before anything is opened through it.

use super::{Listing, Read, Skipped, Why, hidden, relative, target_of};
use anyhow::{Context, Result};
use std::io::Read as _;
use std::path::{Path, PathBuf};

/// The working tree under a strategy root.
pub struct Disk {
    /// As the user named it, for messages.
    root: PathBuf,
    /// Without links, to tell whether a link's target stays inside.
    real: PathBuf,
}

/// Where a path on disk leads.
enum Vetted {
    Inside,
    Missing,
    Skipped(Skipped),
}

impl Disk {
    pub fn new(root: &Path) -> Result<Disk> {
        let real = std::fs::canonicalize(root)
            .with_context(|| format!("cannot read {}", root.display()))?;
        Ok(Disk {
            root: root.to_path_buf(),
            real,
        })
    }

    /// Whether a file or folder at `rel` can be read.
    pub fn exists(&self, rel: &str) -> bool {
        matches!(self.vet(rel), Ok(Vetted::Inside))
    }

    /// Whether `rel` can be read: every link on the way to it must stay
    /// inside the root.
    fn vet(&self, rel: &str) -> Result<Vetted> {
        let mut path = self.root.clone();
        for part in rel.split('/').filter(|p| !p.is_empty()) {
            // Paths come from the strategy's own listing and links, already
            // joined; anything that climbs is not one of its files.
            if part == ".." || part == "." {
                return Ok(Vetted::Missing);
            }
            path.push(part);
            let meta = match std::fs::symlink_metadata(&path) {
                Ok(meta) => meta,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vetted::Missing),
                Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
            };
            if meta.file_type().is_symlink()
                && let Some(skipped) = self.follow(&path, relative(&self.root, &path))
            {
                return Ok(Vetted::Skipped(skipped));
            }
        }
        Ok(Vetted::Inside)
    }

    /// `None` when the link at `path` (named `shown`) leads inside the
    /// root; else why not.
    fn follow(&self, path: &Path, shown: String) -> Option<Skipped> {
        let target = link_target(path);
        // Named as a revision names them, whatever the host's files are: a
        // target outside is outside even where nothing is there.
        let written = target_of(&shown, &target);
        let why = match std::fs::canonicalize(path) {
            Ok(real) => match real.strip_prefix(&self.real) {
                Ok(inside) if !hidden(&relative(Path::new(""), inside)) => {
                    return None;
                }
                Ok(_) => Why::LinkHidden(target),
                Err(_) => Why::LinkOutside(target),
            },
            Err(_) if written.is_none() => Why::LinkOutside(target),
            Err(_) if written.as_deref().is_some_and(hidden) => Why::LinkHidden(target),
            Err(e) if is_missing(&e) => Why::LinkBroken(target),
            // `ELOOP`, which has no stable `ErrorKind` yet.
            Err(_) => Why::LinkLoop(target),
        };
        Some(Skipped { path: shown, why })
    }

    pub fn list(&self, rel: &str, hidden: bool) -> Result<Listing> {
        let mut out = Listing::default();
        match self.vet(rel)? {
            Vetted::Inside => {
                // Walked without links on the way, named as the user wrote it.
                let real = std::fs::canonicalize(self.root.join(rel))
                    .with_context(|| format!("cannot read {}", self.root.join(rel).display()))?;
                self.walk(&real, rel.trim_end_matches('/'), hidden, &mut out)?;
            }
            Vetted::Missing => {}
            Vetted::Skipped(s) => out.skipped.push(s),
        }
        out.files.sort();
        out.skipped.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }

    /// Walks `start` (a real path, without links) without letting walkdir
    /// follow links: each link is vetted first, so that nothing outside
    /// the root is ever opened, and a folder link is walked on its own
    /// unless it leads back up (a loop). Paths are named under `shown`.
    fn walk(&self, start: &Path, shown: &str, hidden: bool, out: &mut Listing) -> Result<()> {
        let mut walk = walkdir::WalkDir::new(start).into_iter();
        while let Some(entry) = walk.next() {
            let entry = entry.with_context(|| format!("cannot read {}", start.display()))?;
            let kind = entry.file_type();
            let path = match relative(start, entry.path()) {
                below if below.is_empty() => shown.to_string(),
                below if shown.is_empty() => below,
                below => format!("{shown}/{below}"),
            };
            let mut skip = |out: &mut Listing, why: Option<Why>| {
                out.skipped.extend(why.map(|why| Skipped {
                    path: path.clone(),
                    why,
                }));
                if kind.is_dir() {
                    walk.skip_current_dir();
                }
            };
            let Some(name) = entry.file_name().to_str() else {
                skip(out, Some(Why::NameNotUtf8));
                continue;
            };
            if entry.depth() > 0 && !hidden && name.starts_with('.') {
                skip(out, None);
                continue;
            }
            if kind.is_file() {
                out.files.push(path);
            } else if kind.is_symlink() {
                self.link(entry.path(), path, hidden, out)?;
            } else if !kind.is_dir() {
                skip(out, Some(Why::NotAFile));
            }
        }
        Ok(())
    }

    /// A link met on a walk: read as its target when that stays inside the
    /// root and does not lead back up to a folder that holds it.
    fn link(&self, at: &Path, path: String, hidden: bool, out: &mut Listing) -> Result<()> {
        if let Some(skipped) = self.follow(at, path.clone()) {
            out.skipped.push(skipped);
            return Ok(());
        }
        let meta =
            std::fs::metadata(at).with_context(|| format!("cannot read {}", at.display()))?;
        if meta.is_file() {
            out.files.push(path);
            return Ok(());
        }
        let why = match meta.is_dir() {
            true if !self.loops(at) => {
                let real = std::fs::canonicalize(at)
                    .with_context(|| format!("cannot read {}", at.display()))?;
                return self.walk(&real, &path, hidden, out);
            }
            true => Why::LinkLoop(link_target(at)),
            false => Why::NotAFile,
        };
        out.skipped.push(Skipped { path, why });
        Ok(())
    }

    /// Whether the folder link at `path` leads to a folder that holds it.
    fn loops(&self, path: &Path) -> bool {
        let target = std::fs::canonicalize(path);
        let here = path.parent().map(std::fs::canonicalize);
        match (target, here) {
            (Ok(target), Some(Ok(here))) => here.starts_with(target),
            _ => true,
        }
    }

    pub fn read(&self, rel: &str, max: u64) -> Result<Option<Read>> {
        match self.vet(rel)? {
            Vetted::Inside => self.read_vetted(rel, max),
            _ => Ok(None),
        }
    }

    /// `read`, once every link on the way to `rel` is known to stay inside.
    pub fn read_vetted(&self, rel: &str, max: u64) -> Result<Option<Read>> {
        let path = self.root.join(rel);
        let file = match std::fs::File::open(&path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        };
        let meta = file
            .metadata()
            .with_context(|| format!("cannot read {}", path.display()))?;
        if !meta.is_file() {
            return Ok(None);
        }
        if meta.len() > max {
            return Ok(Some(Read::TooLarge(meta.len())));
        }
        // The file may grow between the two reads; never read past `max`.
        let mut bytes = Vec::with_capacity(meta.len() as usize);
        file.take(max.saturating_add(1))
            .read_to_end(&mut bytes)
            .with_context(|| format!("cannot read {}", path.display()))?;
        Ok(Some(match bytes.len() as u64 {
            n if n > max => Read::TooLarge(n),
            _ => Read::Bytes(bytes),
        }))
    }
}

/// Whether a link's target cannot be there (a name too long for the file
/// system cannot be either).
fn is_missing(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::{InvalidFilename, NotADirectory, NotFound, PermissionDenied};
    matches!(
        e.kind(),
        NotFound | NotADirectory | PermissionDenied | InvalidFilename
    )
}

/// A link's target as written, for messages.
fn link_target(path: &Path) -> String {
    std::fs::read_link(path).map_or_else(|_| String::new(), |t| t.to_string_lossy().into_owned())
}
