//! The switch where two folders cannot be swapped in one step: the files
//! of the staged site are moved into the output folder one by one. A
//! journal beside the staging folder, written once the new site is staged
//! whole, records that the move has begun; a build interrupted after that
//! leaves a mix of both sites, which the next build completes (every step
//! below can be done again) before doing anything else.

use super::existing::{is_plain_relative, read_manifest};
use super::{MANIFEST, make_way};
use anyhow::{Context, Result};
use std::collections::HashSet;
use std::fs;
use std::io::ErrorKind;
use std::path::Path;

/// Moves the site staged in `staging` into `out`, recording in `journal`
/// that it has begun.
pub fn switch(out: &Path, staging: &Path, journal: &Path) -> Result<()> {
    let note = format!(
        "charter is moving the site staged in {} into {}; if you read this, \
         that build was interrupted, and the next `charter build` completes it.\n",
        staging.display(),
        out.display()
    );
    fs::write(journal, note).with_context(|| format!("cannot write {}", journal.display()))?;
    complete(out, staging)?;
    super::remove_tree(staging)?;
    super::remove_tree(journal)
}

/// Moves what is left in `staging` into `out`: first the files of the
/// previous build that the new one does not have go, then every file of
/// the new site takes its place, and its manifest comes last. With no
/// manifest left in `staging`, the move is over.
pub fn complete(out: &Path, staging: &Path) -> Result<()> {
    let Ok(new) = fs::read_to_string(staging.join(MANIFEST)) else {
        return Ok(());
    };
    let new: HashSet<&str> = new.lines().filter(|rel| is_plain_relative(rel)).collect();
    for old in read_manifest(out) {
        if !new.contains(old.as_str()) && is_plain_relative(&old) {
            remove_old(out, &old)?;
        }
    }
    for rel in &new {
        let from = staging.join(rel);
        if fs::symlink_metadata(&from).is_err() {
            continue; // moved before the interruption
        }
        let to = make_way(out, rel)?;
        fs::rename(&from, &to).with_context(|| format!("cannot write {}", to.display()))?;
    }
    let to = out.join(MANIFEST);
    fs::rename(staging.join(MANIFEST), &to)
        .with_context(|| format!("cannot write {}", to.display()))
}

/// Removes the previous build's `out/rel`, and the folders it leaves
/// empty; never through a symbolic link.
fn remove_old(out: &Path, rel: &str) -> Result<()> {
    let path = out.join(rel);
    let real_folders = path
        .ancestors()
        .skip(1)
        .take_while(|a| *a != out)
        .all(|a| fs::symlink_metadata(a).is_ok_and(|m| m.is_dir()));
    if !real_folders || fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
        return Ok(());
    }
    match fs::remove_file(&path) {
        Err(e) if e.kind() != ErrorKind::NotFound => {
            return Err(e).with_context(|| format!("cannot remove {}", path.display()));
        }
        _ => {}
    }
    let emptied = path.ancestors().skip(1).take_while(|a| *a != out);
    for folder in emptied {
        if fs::remove_dir(folder).is_err() {
            break;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::tests::tree;
    use std::collections::BTreeMap;
    use std::path::PathBuf;

    fn write_site(dir: &Path, files: &[(&str, &str)]) {
        for (rel, text) in files {
            let path = dir.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        let manifest: String = files.iter().map(|(rel, _)| format!("{rel}\n")).collect();
        fs::write(dir.join(MANIFEST), manifest).unwrap();
    }

    const OLD: &[(&str, &str)] = &[
        ("index.html", "old home"),
        ("gone/index.html", "old page"),
        ("a/index.html", "old a"),
    ];
    const NEW: &[(&str, &str)] = &[
        ("index.html", "new home"),
        ("a/index.html", "new a"),
        ("b/index.html", "new b"),
    ];

    /// The new site, with the user's file kept.
    fn expected() -> BTreeMap<String, String> {
        let mut want = tree_of(NEW);
        want.insert("CNAME".into(), "mine".into());
        want
    }

    fn tree_of(files: &[(&str, &str)]) -> BTreeMap<String, String> {
        let mut t: BTreeMap<String, String> = files
            .iter()
            .map(|(r, t)| (r.to_string(), t.to_string()))
            .collect();
        let manifest: String = files.iter().map(|(rel, _)| format!("{rel}\n")).collect();
        t.insert(MANIFEST.into(), manifest);
        t
    }

    /// An old site with a user's file, and the new one staged beside it.
    fn interrupted() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let (out, staging) = (dir.path().join("out"), dir.path().join("staging"));
        write_site(&out, OLD);
        fs::write(out.join("CNAME"), "mine").unwrap();
        write_site(&staging, NEW);
        (dir, out, staging)
    }

    #[test]
    fn completes_a_move_interrupted_at_any_point() {
        // Interrupted before anything moved, after each file moved, and
        // after the manifest moved: completing gives the new site each time.
        for moved in 0..=NEW.len() + 1 {
            let (_dir, out, staging) = interrupted();
            for (rel, _) in NEW.iter().take(moved) {
                let to = make_way(&out, rel).unwrap();
                fs::rename(staging.join(rel), to).unwrap();
            }
            if moved > NEW.len() {
                remove_old(&out, "gone/index.html").unwrap();
                fs::rename(staging.join(MANIFEST), out.join(MANIFEST)).unwrap();
            }
            complete(&out, &staging).unwrap();
            complete(&out, &staging).unwrap();
            assert_eq!(tree(&out), expected(), "interrupted after {moved} moves");
        }
    }

    #[test]
    fn a_switch_leaves_only_the_new_site() {
        let (dir, out, staging) = interrupted();
        let journal = dir.path().join("journal");
        switch(&out, &staging, &journal).unwrap();
        assert_eq!(tree(&out), expected());
        assert!(!staging.exists() && !journal.exists());
        assert!(!out.join("gone").exists(), "an emptied folder remains");
    }
}
