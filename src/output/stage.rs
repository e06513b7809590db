//! Fills the staging folder with the whole new site: changed files written,
//! unchanged ones hard-linked from the output folder (so that their inode
//! and modification time stay, which deploy tools such as rsync rely on),
//! and the user's own entries carried over the same way.

use super::MANIFEST;
use super::existing::{Entry, Plan};
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Write;
use std::path::Path;

/// Writes the site of `files` and the entries `plan` keeps from `out` into
/// `staging`, an empty folder on the same file system as `out`.
pub fn fill(
    staging: &Path,
    out: &Path,
    files: &BTreeMap<String, Vec<u8>>,
    plan: &Plan,
) -> Result<()> {
    // Folders first, parents before children, so that files can be
    // written in parallel.
    let mut folders: BTreeSet<&Path> = BTreeSet::new();
    let paths = files
        .keys()
        .map(Path::new)
        .chain(plan.keep.iter().map(|(p, _)| p.as_path()));
    for path in paths {
        folders.extend(
            path.ancestors()
                .skip(1)
                .filter(|a| !a.as_os_str().is_empty()),
        );
    }
    let empty = plan.keep.iter().filter(|(_, e)| *e == Entry::Folder);
    folders.extend(empty.map(|(p, _)| p.as_path()));
    for folder in folders {
        let path = staging.join(folder);
        fs::create_dir(&path).with_context(|| format!("cannot create {}", path.display()))?;
    }
    files.par_iter().try_for_each(|(rel, bytes)| {
        let path = staging.join(rel);
        if plan.unchanged.contains(rel) && fs::hard_link(out.join(rel), &path).is_ok() {
            return Ok(());
        }
        create(&path, bytes)
    })?;
    plan.keep
        .par_iter()
        .try_for_each(|(rel, entry)| carry_over(&out.join(rel), &staging.join(rel), *entry))?;
    let manifest: String = files.keys().map(|k| format!("{k}\n")).collect();
    create(&staging.join(MANIFEST), manifest.as_bytes())
}

/// Writes a file that must not exist yet: never through an existing name,
/// which could be a hard link to a file of the old site.
fn create(path: &Path, bytes: &[u8]) -> Result<()> {
    fs::File::create_new(path)
        .and_then(|mut file| file.write_all(bytes))
        .with_context(|| format!("cannot write {}", path.display()))
}

/// Puts the user's `from` at `to` as it is: the same file (a hard link) where
/// the file system allows it, else a copy. A symbolic link is made again,
/// never followed; a pipe or device is only ever linked, as reading it
/// could wait for ever.
fn carry_over(from: &Path, to: &Path, entry: Entry) -> Result<()> {
    let kept = match entry {
        Entry::Folder => Ok(()),
        #[cfg(unix)]
        Entry::Symlink => {
            fs::read_link(from).and_then(|target| std::os::unix::fs::symlink(target, to))
        }
        Entry::File => fs::hard_link(from, to).or_else(|_| fs::copy(from, to).map(drop)),
        _ => fs::hard_link(from, to),
    };
    kept.with_context(|| format!("cannot keep {} in the new site", from.display()))
}
