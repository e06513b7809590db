//! Where a strategy's files are read from: the working tree, or the tree
//! of a git revision held in memory (`build --rev`, `diff`), so that every
//! stage reads a past strategy exactly as it reads today's, without
//! touching the working tree.

use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::path::PathBuf;

pub enum Tree {
    Disk(PathBuf),
    /// Every file under the strategy root at a revision, by relative path.
    Revision(BTreeMap<String, Vec<u8>>),
}

impl Tree {
    /// The bytes of a file, relative to the strategy root; `None` if absent.
    pub fn read(&self, rel: &str) -> Result<Option<Vec<u8>>> {
        match self {
            Tree::Disk(root) => {
                let path = root.join(rel);
                if !path.is_file() {
                    return Ok(None);
                }
                std::fs::read(&path)
                    .map(Some)
                    .with_context(|| format!("cannot read {}", path.display()))
            }
            Tree::Revision(files) => Ok(files.get(rel).cloned()),
        }
    }

    /// Whether a file or folder exists, relative to the strategy root.
    pub fn exists(&self, rel: &str) -> bool {
        match self {
            Tree::Disk(root) => root.join(rel).exists(),
            Tree::Revision(files) => {
                let rel = rel.trim_end_matches('/');
                let dir = format!("{rel}/");
                files.contains_key(rel)
                    || files
                        .range(dir.clone()..)
                        .next()
                        .is_some_and(|(k, _)| k.starts_with(&dir))
            }
        }
    }

    /// The files under folder `dir`, relative to it, sorted; files and
    /// folders whose names start with `.` are left out unless `hidden`.
    pub fn files_under(&self, dir: &str, hidden: bool) -> Result<Vec<String>> {
        let visible = |name: &str| hidden || !name.starts_with('.');
        match self {
            Tree::Disk(root) => {
                let base = root.join(dir);
                if !base.is_dir() {
                    return Ok(Vec::new());
                }
                let mut out = Vec::new();
                let walker = walkdir::WalkDir::new(&base)
                    .sort_by_file_name()
                    .into_iter()
                    .filter_entry(|e| e.depth() == 0 || visible(&e.file_name().to_string_lossy()));
                for entry in walker {
                    let entry = entry.with_context(|| format!("cannot read {}", base.display()))?;
                    if entry.file_type().is_file() {
                        out.push(crate::load::relative(&base, entry.path()));
                    }
                }
                Ok(out)
            }
            Tree::Revision(files) => {
                let prefix = format!("{}/", dir.trim_end_matches('/'));
                Ok(files
                    .range(prefix.clone()..)
                    .take_while(|(k, _)| k.starts_with(&prefix))
                    .map(|(k, _)| k[prefix.len()..].to_string())
                    .filter(|rel| rel.split('/').all(visible))
                    .collect())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_revision_lists_and_finds_like_a_folder() {
        let files: BTreeMap<String, Vec<u8>> = [
            "roadmap/a.md",
            "roadmap/2027/b.md",
            "roadmap/.draft/c.md",
            "roadmapx.md",
            "static/.well-known/x",
        ]
        .into_iter()
        .map(|p| (p.to_string(), Vec::new()))
        .collect();
        let tree = Tree::Revision(files);
        assert_eq!(
            tree.files_under("roadmap", false).unwrap(),
            ["2027/b.md", "a.md"]
        );
        assert_eq!(tree.files_under("static", true).unwrap(), [".well-known/x"]);
        assert!(tree.exists("roadmap/2027") && tree.exists("roadmap/a.md"));
        assert!(!tree.exists("road") && !tree.exists("pages"));
    }
}
