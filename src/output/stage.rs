//! Fills the staging folder with the whole new site: changed files written,
//! unchanged ones hard-linked from the output folder (so that their inode
//! and modification time stay, which deploy tools such as rsync rely on),
//! and the user's own entries carried over the same way.
//!
//! The staging folder usually holds the site of the build before (the
//! output folder a swap left behind): whatever in it is already right
//! stays, so that a rebuild creates and deletes only what changed, not a
//! folder for every page. Nothing in it is ever written through: any of
//! its files may be a hard link to a file of the output folder.

use super::MANIFEST;
use super::existing::{Entry, Plan};
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fs;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

/// Makes `staging`, a folder on the same file system as `out`, hold
/// exactly the site of `files` and the entries `plan` keeps from `out`.
pub fn fill(
    staging: &Path,
    out: &Path,
    files: &BTreeMap<String, Vec<u8>>,
    plan: &Plan,
) -> Result<()> {
    let wanted = Wanted::new(files, plan);
    wanted.prune(staging)?;
    // Folders first, parents before children, so that files can be
    // written in parallel.
    for folder in &wanted.folders {
        let path = staging.join(folder);
        match fs::create_dir(&path) {
            Err(e) if e.kind() == ErrorKind::AlreadyExists => {}
            made => made.with_context(|| format!("cannot create {}", path.display()))?,
        }
    }
    files.par_iter().try_for_each(|(rel, bytes)| {
        let (from, to) = (out.join(rel), staging.join(rel));
        if plan.unchanged.contains(rel) && link(&from, &to) {
            return Ok(());
        }
        replace(&to, bytes)
    })?;
    plan.keep
        .par_iter()
        .try_for_each(|(rel, entry)| carry_over(&out.join(rel), &staging.join(rel), *entry))?;
    let manifest: String = files.keys().map(|k| format!("{k}\n")).collect();
    replace(&staging.join(MANIFEST), manifest.as_bytes())
}

/// Every path the new site has in the staging folder, by what it is.
struct Wanted<'a> {
    files: HashSet<&'a Path>,
    kept: HashMap<&'a Path, Entry>,
    /// Sorted, so that parents come before their children.
    folders: BTreeSet<PathBuf>,
}

impl<'a> Wanted<'a> {
    fn new(files: &'a BTreeMap<String, Vec<u8>>, plan: &'a Plan) -> Wanted<'a> {
        let mut files: HashSet<&Path> = files.keys().map(Path::new).collect();
        files.insert(Path::new(MANIFEST));
        let kept: HashMap<&Path, Entry> =
            plan.keep.iter().map(|(p, e)| (p.as_path(), *e)).collect();
        let mut folders = BTreeSet::new();
        for path in files.iter().chain(kept.keys()) {
            let above = path
                .ancestors()
                .skip(1)
                .filter(|a| !a.as_os_str().is_empty());
            folders.extend(above.map(Path::to_path_buf));
        }
        let empty = kept.iter().filter(|(_, e)| **e == Entry::Folder);
        folders.extend(empty.map(|(p, _)| p.to_path_buf()));
        Wanted {
            files,
            kept,
            folders,
        }
    }

    /// Removes from `staging` what the new site does not have there, or
    /// has as something else (a folder where a file goes).
    fn prune(&self, staging: &Path) -> Result<()> {
        let mut walk = walkdir::WalkDir::new(staging).min_depth(1).into_iter();
        while let Some(entry) = walk.next() {
            let entry = entry.with_context(|| format!("cannot read {}", staging.display()))?;
            let rel = entry.path().strip_prefix(staging).unwrap_or(entry.path());
            let is_dir = entry.file_type().is_dir();
            let fits = match is_dir {
                true => self.folders.contains(rel),
                false => {
                    self.files.contains(rel)
                        || self.kept.get(rel).is_some_and(|e| *e != Entry::Folder)
                }
            };
            if fits {
                continue;
            }
            super::remove_tree(entry.path())?;
            if is_dir {
                walk.skip_current_dir();
            }
        }
        Ok(())
    }
}

/// Makes `to` the same file as `from` (a hard link), unless it already
/// is; false when the file system cannot link.
fn link(from: &Path, to: &Path) -> bool {
    if same_file(from, to) {
        return true;
    }
    remove_file(to).is_ok() && fs::hard_link(from, to).is_ok()
}

/// Writes `bytes` as a new file at `path`, never through an existing name,
/// which could be a hard link to a file of the output folder.
fn replace(path: &Path, bytes: &[u8]) -> Result<()> {
    remove_file(path)
        .and_then(|()| fs::File::create_new(path))
        .and_then(|mut file| file.write_all(bytes))
        .with_context(|| format!("cannot write {}", path.display()))
}

/// Removes the file at `path`, if any.
fn remove_file(path: &Path) -> std::io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        removed => removed,
    }
}

#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::symlink_metadata(a), fs::symlink_metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &Path, _: &Path) -> bool {
    false
}

/// Puts the user's `from` at `to` as it is: the same file (a hard link) where
/// the file system allows it, else a copy. A symbolic link is made again,
/// never followed; a pipe or device is only ever linked, as reading it
/// could wait for ever.
fn carry_over(from: &Path, to: &Path, entry: Entry) -> Result<()> {
    let kept = match entry {
        Entry::Folder => Ok(()),
        Entry::File if link(from, to) => Ok(()),
        Entry::File => remove_file(to).and_then(|()| fs::copy(from, to).map(drop)),
        #[cfg(unix)]
        Entry::Symlink => remove_file(to)
            .and_then(|()| fs::read_link(from))
            .and_then(|target| std::os::unix::fs::symlink(target, to)),
        _ if link(from, to) => Ok(()),
        _ => Err(std::io::Error::other("cannot link it")),
    };
    kept.with_context(|| format!("cannot keep {} in the new site", from.display()))
}
