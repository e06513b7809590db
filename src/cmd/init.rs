//! `charter init`: a small strategy that passes `check` and shows the shape
//! of every kind, to edit from.

use super::Outcome;
use crate::cli::Verbosity;
use anyhow::{Context, Result, bail};
use include_dir::{Dir, include_dir};
use std::path::PathBuf;

static SCAFFOLD: Dir = include_dir!("$CARGO_MANIFEST_DIR/src/cmd/scaffold");

pub fn run(dir: Option<PathBuf>, verbosity: Verbosity) -> Result<Outcome> {
    let dir = dir.unwrap_or_else(|| PathBuf::from("."));
    if dir.join(crate::load::CONFIG_FILE).exists() {
        bail!(
            "{} already holds a charter.yaml; not overwriting it",
            dir.display()
        );
    }
    let mut files = Vec::new();
    collect(&SCAFFOLD, &mut files);
    for (rel, _) in &files {
        let path = dir.join(rel);
        if path.exists() {
            bail!("{} already exists; not overwriting it", path.display());
        }
    }
    for (rel, bytes) in files {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
    }
    if verbosity > Verbosity::Quiet {
        eprintln!(
            "Created a strategy in {}. Next: `charter check {0}` and `charter build {0}`.",
            dir.display()
        );
    }
    Ok(Outcome::Success)
}

fn collect(dir: &'static Dir, out: &mut Vec<(PathBuf, &'static [u8])>) {
    for file in dir.files() {
        out.push((file.path().to_path_buf(), file.contents()));
    }
    for sub in dir.dirs() {
        collect(sub, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Kind;

    /// A new kind's row is not done until the scaffold shows the kind.
    #[test]
    fn the_scaffold_has_an_entity_of_every_kind() {
        for kind in Kind::FOLDERS {
            let files = SCAFFOLD.get_dir(kind.folder()).map(|d| d.files().count());
            assert!(
                files.unwrap_or(0) > 0,
                "src/cmd/scaffold/{}/ holds no example {}",
                kind.folder(),
                kind.noun()
            );
        }
    }
}
