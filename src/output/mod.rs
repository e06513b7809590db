//! Writes the site into the output folder so that no one, and no
//! interruption, ever sees a mix of two sites: the whole new site is
//! staged in a hidden folder beside the output folder, then put in its
//! place in one step (`switch`). Files whose bytes did not change stay the
//! same files; files the user put in the output folder are kept, and never
//! overwritten unless the build is forced; only files that the manifest of
//! an earlier build lists are ever removed, so a wrong `-o` cannot delete
//! anyone's work.

mod existing;
mod guard;
mod journal;
mod stage;
mod switch;
mod writer;

pub use guard::check_out_dir;
pub use writer::Writer;

use anyhow::{Context, Result};
use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

/// The list of files the last build wrote, kept in the output folder.
const MANIFEST: &str = ".charter-manifest";
/// Where a switch without an atomic swap stages the site, and its journal,
/// inside the output folder (`switch`).
const STAGING_INSIDE: &str = ".charter-staging";
const JOURNAL_INSIDE: &str = ".charter-journal";

/// Whether a name at the top of the output folder is a build's own, not
/// part of the site nor the user's.
fn is_ours(name: &std::ffi::OsStr) -> bool {
    name == MANIFEST || name == STAGING_INSIDE || name == JOURNAL_INSIDE
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Written {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// Removes `path`, a folder with all it holds or anything else, if it is
/// there; never follows a symbolic link.
fn remove_tree(path: &Path) -> Result<()> {
    let removed = match fs::symlink_metadata(path) {
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(()),
        Err(e) => Err(e),
        Ok(m) if m.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
    };
    removed.with_context(|| format!("cannot remove {}", path.display()))
}

/// `out/rel`, with real folders on the way and nothing at the end but
/// perhaps a file to replace: whatever is in the way (only ever what the
/// user allowed with `--force`, or the previous build's) goes.
fn make_way(out: &Path, rel: &str) -> Result<PathBuf> {
    let mut path = out.to_path_buf();
    let mut names = Path::new(rel).components().peekable();
    while let Some(name) = names.next() {
        path.push(name);
        let last = names.peek().is_none();
        let made = match fs::symlink_metadata(&path) {
            Err(e) if e.kind() == ErrorKind::NotFound => {
                if last {
                    Ok(())
                } else {
                    fs::create_dir(&path)
                }
            }
            Err(e) => Err(e),
            Ok(m) if m.is_dir() => {
                if last {
                    fs::remove_dir_all(&path)
                } else {
                    Ok(())
                }
            }
            Ok(_) if last => Ok(()),
            Ok(_) => fs::remove_file(&path).and_then(|()| fs::create_dir(&path)),
        };
        made.with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(path)
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// Writes the site of `files` into `out`, as a build does.
    pub fn write(out: &Path, files: &BTreeMap<String, Vec<u8>>, force: bool) -> Result<Written> {
        let writer = Writer::begin(out, files.keys().cloned().collect(), force)?;
        for (rel, bytes) in files {
            writer.put(rel, bytes)?;
        }
        writer.finish()
    }

    /// Every file under `dir`, by `/`-separated path, with its text.
    pub fn tree(dir: &Path) -> BTreeMap<String, String> {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(dir).unwrap();
                (
                    rel.to_string_lossy().replace('\\', "/"),
                    fs::read_to_string(e.path()).unwrap(),
                )
            })
            .collect()
    }

    #[test]
    fn rewrites_only_changes_and_removes_only_its_own_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("mine.txt"), "user file").unwrap();
        let mut files = BTreeMap::new();
        files.insert("a/index.html".to_string(), b"A".to_vec());
        files.insert("b/index.html".to_string(), b"B".to_vec());
        assert_eq!(write(&out, &files, false).unwrap().written, 2);
        files.remove("b/index.html");
        let stats = write(&out, &files, false).unwrap();
        assert_eq!(
            stats,
            Written {
                written: 0,
                unchanged: 1,
                removed: 1
            }
        );
        assert!(!out.join("b").exists());
        assert!(out.join("mine.txt").exists());
    }

    #[test]
    fn refuses_paths_leaving_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        for bad in ["../x", "/etc/x", "a/../../x", ""] {
            let files = BTreeMap::from([(bad.to_string(), b"x".to_vec())]);
            assert!(
                write(&dir.path().join("out"), &files, false).is_err(),
                "{bad}"
            );
        }
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
