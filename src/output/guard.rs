//! Where `-o` really points, and whether the site may go there: the
//! output folder is resolved as the system will resolve it when writing
//! (symbolic links first, then `..`), so that no spelling of a path can
//! slip past the refusal to write over the strategy's own files.

use anyhow::{Context, Result, bail};
use std::ffi::OsString;
use std::fs;
use std::io::ErrorKind;
use std::path::{Component, Path, PathBuf};

/// Refuses an output folder that is the strategy root, contains it, or
/// lies inside one of its source folders (or `.git`); returns the folder
/// the site must be written to: `out` absolute, without links or `..`.
pub fn check_out_dir(root: &Path, out: &Path) -> Result<PathBuf> {
    let root = fs::canonicalize(root).with_context(|| format!("cannot read {}", root.display()))?;
    let out_abs = resolve(out)?;
    if out_abs == root || root.starts_with(&out_abs) {
        bail!(
            "refusing to write the site to {}: it {} the strategy root; choose another folder with -o",
            out.display(),
            if out_abs == root { "is" } else { "contains" }
        );
    }
    if let Ok(inside) = out_abs.strip_prefix(&root) {
        let first = inside
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned());
        let sources = crate::model::Kind::FOLDERS.map(|k| k.folder());
        if let Some(first) = first.filter(|f| {
            sources.contains(&f.as_str())
                || ["templates", "static", "themes", ".git"].contains(&f.as_str())
        }) {
            bail!(
                "refusing to write the site to {}: it is inside the source folder `{first}/`; choose another folder with -o",
                out.display()
            );
        }
    }
    Ok(out_abs)
}

/// `path` made absolute and free of symbolic links, `.` and `..`, read one
/// name at a time as the system does: a link is followed before the `..`
/// after it applies, so `link/..` is the folder above the link's target.
/// Names that do not exist yet are kept as they are, and a `..` after one
/// of them undoes it, as it will once the folder is created.
fn resolve(path: &Path) -> Result<PathBuf> {
    let absolute = std::env::current_dir()
        .context("cannot read the current folder")?
        .join(path);
    let mut existing = PathBuf::new();
    let mut missing: Vec<OsString> = Vec::new();
    for c in absolute.components() {
        match c {
            Component::Prefix(_) => existing.push(c),
            Component::RootDir => {
                existing.push(c);
                existing = fs::canonicalize(&existing).unwrap_or(existing);
            }
            Component::CurDir => {}
            Component::ParentDir => {
                if missing.pop().is_none() {
                    existing.pop();
                }
            }
            Component::Normal(name) if missing.is_empty() => {
                let next = existing.join(name);
                match fs::symlink_metadata(&next) {
                    Ok(_) => {
                        existing = fs::canonicalize(&next).with_context(|| {
                            format!("cannot follow {} (a broken symbolic link?)", next.display())
                        })?;
                    }
                    Err(e) if e.kind() == ErrorKind::NotFound => missing.push(name.into()),
                    Err(e) => {
                        return Err(e).with_context(|| format!("cannot read {}", next.display()));
                    }
                }
            }
            Component::Normal(name) => missing.push(name.into()),
        }
    }
    existing.extend(missing);
    Ok(existing)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn follows_links_before_dotdot_and_keeps_a_missing_tail() {
        let dir = tempfile::tempdir().unwrap();
        let base = fs::canonicalize(dir.path()).unwrap();
        fs::create_dir_all(base.join("a/b/c")).unwrap();
        symlink("a/b/c", base.join("link")).unwrap();
        symlink(base.join("a/b"), base.join("a/abs")).unwrap();
        let r = |p: &str| resolve(&base.join(p)).unwrap();
        assert_eq!(r("link/.."), base.join("a/b"));
        assert_eq!(r("link/../../x/y"), base.join("a/x/y"));
        assert_eq!(r("a/abs/c/../.."), base.join("a"));
        assert_eq!(r("new/../link/./new"), base.join("a/b/c/new"));
        assert_eq!(r("new/deeper/../../a"), base.join("a"));
        assert_eq!(r("/.."), Path::new("/"));
    }

    #[test]
    fn a_broken_link_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        symlink("nowhere", dir.path().join("broken")).unwrap();
        let e = resolve(&dir.path().join("broken/out")).unwrap_err();
        assert!(format!("{e:#}").contains("broken symbolic link"), "{e:#}");
    }
}
