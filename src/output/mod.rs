//! Writes the site into the output folder without ever leaving it: each
//! file replaced on its own (write to a temporary name, then rename), files
//! whose bytes did not change left alone, and files an earlier build wrote
//! that this one no longer produces removed. Only files listed in the
//! manifest of an earlier build are ever removed, so a wrong `-o` cannot
//! delete anyone's work.

mod guard;

pub use guard::check_out_dir;

use anyhow::{Context, Result, bail};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Component, Path, PathBuf};

const MANIFEST: &str = ".charter-manifest";

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Written {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// Writes in two phases so that a failure leaves the previous site as it
/// was: every changed file goes to a temporary name first, and only when
/// all are written are they renamed into place.
pub fn write(out: &Path, files: &BTreeMap<String, Vec<u8>>) -> Result<Written> {
    fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let mut stats = Written::default();
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let staging = files.iter().try_for_each(|(rel, bytes)| -> Result<()> {
        let path = safe_join(out, rel)?;
        if fs::read(&path).is_ok_and(|old| old == *bytes) {
            stats.unchanged += 1;
            return Ok(());
        }
        if path.is_dir() {
            bail!("cannot write {}: a folder is in the way", path.display());
        }
        staged.push((stage(&path, bytes)?, path));
        Ok(())
    });
    if let Err(e) = staging {
        for (tmp, _) in &staged {
            let _ = fs::remove_file(tmp);
        }
        return Err(e);
    }
    for (tmp, path) in &staged {
        fs::rename(tmp, path).with_context(|| format!("cannot write {}", path.display()))?;
    }
    stats.written = staged.len();
    for old in previous_manifest(out) {
        if files.contains_key(&old) {
            continue;
        }
        let Ok(path) = safe_join(out, &old) else {
            continue;
        };
        if fs::remove_file(&path).is_ok() {
            stats.removed += 1;
            remove_empty_parents(out, &path);
        }
    }
    let manifest: String = files.keys().map(|k| format!("{k}\n")).collect();
    let manifest_path = out.join(MANIFEST);
    let tmp = stage(&manifest_path, manifest.as_bytes())?;
    fs::rename(&tmp, &manifest_path)
        .with_context(|| format!("cannot write {}", manifest_path.display()))?;
    Ok(stats)
}

/// Writes `bytes` next to `path` under a temporary name, returning that name.
fn stage(path: &Path, bytes: &[u8]) -> Result<PathBuf> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    let tmp = path.with_file_name(format!(
        ".{}.charter-tmp",
        path.file_name().unwrap_or_default().to_string_lossy()
    ));
    fs::write(&tmp, bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
    Ok(tmp)
}

fn previous_manifest(out: &Path) -> Vec<String> {
    fs::read_to_string(out.join(MANIFEST))
        .map(|s| s.lines().map(String::from).collect())
        .unwrap_or_default()
}

/// `out/rel`, refusing anything that could land outside `out`: absolute
/// paths, `..`, and existing symlinks on the way.
fn safe_join(out: &Path, rel: &str) -> Result<PathBuf> {
    let rel_path = Path::new(rel);
    if !rel_path
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
    {
        bail!("refusing to write `{rel}`: it would leave the output folder");
    }
    let mut path = out.to_path_buf();
    for c in rel_path.components() {
        path.push(c);
        if fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            bail!(
                "refusing to write through the symbolic link {}",
                path.display()
            );
        }
    }
    Ok(path)
}

fn remove_empty_parents(out: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir.filter(|d| *d != out && d.starts_with(out)) {
        if fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_only_changes_and_removes_only_its_own_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("mine.txt"), "user file").unwrap();
        let mut files = BTreeMap::new();
        files.insert("a/index.html".to_string(), b"A".to_vec());
        files.insert("b/index.html".to_string(), b"B".to_vec());
        assert_eq!(write(&out, &files).unwrap().written, 2);
        files.remove("b/index.html");
        let stats = write(&out, &files).unwrap();
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
        assert!(safe_join(dir.path(), "../x").is_err());
        assert!(safe_join(dir.path(), "/etc/x").is_err());
    }
}
