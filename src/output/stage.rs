//! Fills the staging folder with the whole new site: changed files written
//! as they are made, unchanged ones hard-linked from the output folder (so
//! that their inode and modification time stay, which deploy tools such as
//! rsync rely on), and the user's own entries carried over the same way.
//!
//! The staging folder usually holds the site of the build before (the
//! output folder a swap left behind): whatever in it is already right
//! stays, so that a rebuild creates and deletes only what changed, not a
//! folder for every page. Nothing in it is ever written through: any of
//! its files may be a hard link to a file of the output folder.

use super::existing::{Entry, Plan};
use super::{MANIFEST, make_way};
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fs;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

/// Readies `staging`, a folder on the same file system as the output
/// folder, for the site of `paths`: removes what the site does not have
/// there (a folder where a file goes, too), so that its files can then be
/// written in any order, in parallel (`replace`). Their folders are made
/// as the files are written, by the threads that write them: made here,
/// before any page could be written, they held every render thread but
/// one for a tenth of a build.
pub fn open(staging: &Path, paths: &BTreeSet<String>, plan: &Plan) -> Result<()> {
    // Usually new: what the site wants is worked out only when it is not.
    let mut wanted = None;
    let mut walk = walkdir::WalkDir::new(staging).min_depth(1).into_iter();
    while let Some(entry) = walk.next() {
        let entry = entry.with_context(|| format!("cannot read {}", staging.display()))?;
        let rel = entry.path().strip_prefix(staging).unwrap_or(entry.path());
        let is_dir = entry.file_type().is_dir();
        let wanted = wanted.get_or_insert_with(|| Wanted::new(paths, plan));
        if wanted.fits(rel, is_dir) {
            continue;
        }
        super::remove_tree(entry.path())?;
        if is_dir {
            walk.skip_current_dir();
        }
    }
    Ok(())
}

/// Readies `staging`, opened for fewer paths, for `more`: makes their
/// folders and clears what stands where they go (a user's entry that a
/// forced build overwrites).
pub fn extend(staging: &Path, more: &[String]) -> Result<()> {
    more.iter()
        .try_for_each(|rel| make_way(staging, rel).map(drop))
}

/// Completes the staged site once every changed file is written: the
/// `unchanged` files and the user's entries that `plan` keeps come from
/// `out`, and the manifest lists `paths`.
pub fn close(
    staging: &Path,
    out: &Path,
    paths: &BTreeSet<String>,
    unchanged: &[String],
    plan: &Plan,
) -> Result<()> {
    unchanged.par_iter().try_for_each(|rel| {
        let to = staging.join(rel);
        in_folder(&to, || link_or_copy(&out.join(rel), &to))
            .with_context(|| format!("cannot write {}", to.display()))
    })?;
    plan.keep
        .par_iter()
        .try_for_each(|(rel, entry)| carry_over(&out.join(rel), &staging.join(rel), *entry))?;
    let manifest: String = paths.iter().map(|k| format!("{k}\n")).collect();
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
    fn new(paths: &'a BTreeSet<String>, plan: &'a Plan) -> Wanted<'a> {
        let mut files: HashSet<&Path> = paths.iter().map(Path::new).collect();
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

    /// Whether the new site has at `rel` what is there, a folder if
    /// `is_dir` (else a file, or a user's entry it keeps).
    fn fits(&self, rel: &Path, is_dir: bool) -> bool {
        match is_dir {
            true => self.folders.contains(rel),
            false => {
                self.files.contains(rel) || self.kept.get(rel).is_some_and(|e| *e != Entry::Folder)
            }
        }
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

/// Makes `to` the same file as `from` where the file system allows it,
/// else a copy of it.
fn link_or_copy(from: &Path, to: &Path) -> std::io::Result<()> {
    if link(from, to) {
        return Ok(());
    }
    remove_file(to).and_then(|()| fs::copy(from, to).map(drop))
}

/// Writes `bytes` as a new file at `path`, never through an existing name,
/// which could be a hard link to a file of the output folder.
pub fn replace(path: &Path, bytes: &[u8]) -> Result<()> {
    // Most files are new in the staging folder: trying first saves an
    // unlink per file.
    let create = || match fs::File::create_new(path) {
        Err(e) if e.kind() == ErrorKind::AlreadyExists => {
            remove_file(path).and_then(|()| fs::File::create_new(path))
        }
        created => created,
    };
    folder_of(path)
        .and_then(|()| create())
        .and_then(|mut file| file.write_all(bytes))
        .with_context(|| format!("cannot write {}", path.display()))
}

/// Makes the folder `path` is in, unless it is there. A page is usually
/// the only file of its folder (`roadmap/sso/index.html`): made first, the
/// folder spares the failed attempt at the file that `in_folder` makes,
/// which cost a build a few percent.
fn folder_of(path: &Path) -> std::io::Result<()> {
    let Some(folder) = path.parent() else {
        return Ok(());
    };
    match fs::create_dir(folder) {
        Err(e) if e.kind() == ErrorKind::AlreadyExists => Ok(()),
        Err(e) if e.kind() == ErrorKind::NotFound => fs::create_dir_all(folder),
        made => made,
    }
}

/// Makes something at `path` with `make`, first making the folders above
/// it when they are missing (see `open`): for files that mostly have their
/// folder already (a rebuild's unchanged files, the user's own).
fn in_folder<T>(path: &Path, make: impl Fn() -> std::io::Result<T>) -> std::io::Result<T> {
    match make() {
        Err(e) if e.kind() == ErrorKind::NotFound => match path.parent() {
            Some(folder) => fs::create_dir_all(folder).and_then(|()| make()),
            None => Err(e),
        },
        made => made,
    }
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
        Entry::Folder => fs::create_dir_all(to),
        Entry::File => in_folder(to, || link_or_copy(from, to)),
        #[cfg(unix)]
        Entry::Symlink => in_folder(to, || {
            remove_file(to)
                .and_then(|()| fs::read_link(from))
                .and_then(|target| std::os::unix::fs::symlink(target, to))
        }),
        _ => in_folder(to, || match link(from, to) {
            true => Ok(()),
            false => Err(std::io::Error::other("cannot link it")),
        }),
    };
    kept.with_context(|| format!("cannot keep {} in the new site", from.display()))
}
