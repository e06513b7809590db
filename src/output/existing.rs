//! What the output folder holds before a build, and what the new site does
//! to each of it: charter's files (those the manifest of the previous
//! build lists) are replaced or kept when their bytes did not change; the
//! user's own files are carried over, and never overwritten unless the
//! build is forced; temporary files of interrupted older builds are dropped.

use super::{MANIFEST, is_ours};
use anyhow::{Context, Result, bail};
use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::io::ErrorKind;
use std::path::{Component, Path, PathBuf};

/// An entry of the output folder that charter did not write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    File,
    Symlink,
    /// An empty folder (folders with content are made for their files).
    Folder,
    /// A named pipe, socket or device: moved only as a hard link.
    Special,
}

/// The output folder as the previous build (and the user) left it.
#[derive(Debug, Default)]
pub struct Existing {
    /// Every file the previous build wrote, as its manifest lists them.
    manifest: BTreeSet<String>,
    /// Those of them still there as regular files.
    charter_files: HashSet<String>,
    /// Those of them still there, whatever they now are.
    charter_entries: HashSet<String>,
    user: Vec<(PathBuf, Entry)>,
    stale: Vec<PathBuf>,
}

/// What writing the new site changes.
#[derive(Debug, Default)]
pub struct Plan {
    /// The previous build's files still there as regular files: a new
    /// file of the same path and bytes is linked, not written.
    pub previous: HashSet<String>,
    /// The user's entries that the new site leaves room for.
    pub keep: Vec<(PathBuf, Entry)>,
    /// The user's entries where the new site has a file (or needs a folder).
    pub collisions: BTreeSet<PathBuf>,
    /// Files of the previous build that the new site no longer has.
    pub removed: usize,
    /// Temporary files that interrupted builds of earlier versions left.
    pub stale: Vec<PathBuf>,
    /// Whether the new site has the same files as the output folder,
    /// and nothing else to clear: then, if all their bytes are the same
    /// too, there is nothing to do.
    pub same_files: bool,
}

impl Existing {
    /// Reads `out` (nothing when it does not exist yet).
    pub fn read(out: &Path) -> Result<Existing> {
        let mut existing = Existing {
            manifest: read_manifest(out).into_iter().collect(),
            ..Existing::default()
        };
        match fs::symlink_metadata(out) {
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(existing),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", out.display())),
            Ok(m) if !m.is_dir() => bail!(
                "cannot write the site to {}: it is not a folder",
                out.display()
            ),
            Ok(_) => {}
        }
        existing.walk(out, Path::new(""))?;
        Ok(existing)
    }

    /// Records what is under `out/rel`; true if it holds anything.
    fn walk(&mut self, out: &Path, rel: &Path) -> Result<bool> {
        let dir = out.join(rel);
        let entries =
            fs::read_dir(&dir).with_context(|| format!("cannot read {}", dir.display()))?;
        let mut any = false;
        for entry in entries {
            let entry = entry.with_context(|| format!("cannot read {}", dir.display()))?;
            let name = entry.file_name();
            let path = rel.join(&name);
            if rel.as_os_str().is_empty() && is_ours(&name) {
                continue;
            }
            any = true;
            let kind = entry
                .file_type()
                .with_context(|| format!("cannot read {}", dir.join(&name).display()))?;
            if kind.is_dir() {
                if !self.walk(out, &path)? {
                    self.user.push((path, Entry::Folder));
                }
                continue;
            }
            if let Some(key) = key(&path).filter(|k| self.manifest.contains(k)) {
                if kind.is_file() {
                    self.charter_files.insert(key.clone());
                }
                self.charter_entries.insert(key);
            } else if is_stale(&name.to_string_lossy()) {
                self.stale.push(path);
            } else {
                let entry = if kind.is_file() {
                    Entry::File
                } else if kind.is_symlink() {
                    Entry::Symlink
                } else {
                    Entry::Special
                };
                self.user.push((path, entry));
            }
        }
        Ok(any)
    }

    /// Compares the paths of the new site's files with what the output
    /// folder holds; their bytes are compared as each is made.
    pub fn plan(&self, paths: &BTreeSet<String>) -> Result<Plan> {
        if let Some(bad) = paths.iter().find(|rel| !is_plain_relative(rel)) {
            bail!("refusing to write `{bad}`: it would leave the output folder");
        }
        let new_files: HashSet<&Path> = paths.iter().map(Path::new).collect();
        let new_folders: HashSet<&Path> = new_files
            .iter()
            .flat_map(|p| p.ancestors().skip(1))
            .collect();
        let (collisions, keep): (Vec<_>, Vec<_>) =
            self.user.iter().cloned().partition(|(path, entry)| {
                new_files.contains(path.as_path())
                    || (*entry != Entry::Folder && new_folders.contains(path.as_path()))
                    || path.ancestors().skip(1).any(|a| new_files.contains(a))
            });
        let removed = self
            .charter_entries
            .iter()
            .filter(|rel| !paths.contains(*rel))
            .count();
        let same_files = removed == 0
            && self.stale.is_empty()
            && collisions.is_empty()
            && self.manifest == *paths;
        Ok(Plan {
            previous: self.charter_files.clone(),
            keep,
            collisions: collisions.into_iter().map(|(p, _)| p).collect(),
            removed,
            stale: self.stale.clone(),
            same_files,
        })
    }
}

impl Plan {
    /// Fails, naming the user's files the new site would overwrite.
    pub fn refuse_collisions(&self, out: &Path) -> Result<()> {
        const SHOWN: usize = 5;
        if self.collisions.is_empty() {
            return Ok(());
        }
        let mut names: Vec<String> = self
            .collisions
            .iter()
            .take(SHOWN)
            .map(|p| format!("`{}`", p.display()))
            .collect();
        if self.collisions.len() > SHOWN {
            names.push(format!("and {} more", self.collisions.len() - SHOWN));
        }
        bail!(
            "refusing to overwrite files in {} that charter did not write: {}; \
             pass --force to overwrite them, or choose another folder with -o",
            out.display(),
            names.join(", ")
        )
    }
}

/// The files the previous build into `out` wrote, as its manifest lists them.
pub fn read_manifest(out: &Path) -> Vec<String> {
    fs::read_to_string(out.join(MANIFEST))
        .map(|s| s.lines().map(String::from).collect())
        .unwrap_or_default()
}

/// `path` as the manifest spells it: names joined by `/`.
fn key(path: &Path) -> Option<String> {
    let names: Option<Vec<&str>> = path.components().map(|c| c.as_os_str().to_str()).collect();
    names.map(|n| n.join("/"))
}

/// A relative path made of plain names only: no root, `.` or `..`.
pub fn is_plain_relative(rel: &str) -> bool {
    !rel.is_empty()
        && Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// A temporary file of a build by a version of charter that wrote each
/// file in place.
fn is_stale(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(".charter-tmp")
}
