//! `charter init`: a small strategy that passes `check` and shows the shape
//! of every kind, to edit from, in a git repository of its own (history and
//! `diff` read git) unless it is in one already or `--no-git` is given.

use super::Outcome;
use crate::cli::Verbosity;
use anyhow::{Context, Result, bail};
use include_dir::{Dir, include_dir};
use std::path::{Path, PathBuf};

static SCAFFOLD: Dir = include_dir!("$CARGO_MANIFEST_DIR/src/cmd/scaffold");

pub fn run(dir: Option<PathBuf>, git: bool, verbosity: Verbosity) -> Result<Outcome> {
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
    let git = if git {
        start_history(&dir)?
    } else {
        Git::Skipped
    };
    if verbosity > Verbosity::Quiet {
        let shown = dir.display();
        eprintln!("Created a strategy in {shown}{}.", git.said());
        eprintln!(
            "Next: `charter serve {shown} --open` to edit it with a live preview, \
             `charter check {shown}` and `charter build {shown}`."
        );
    }
    Ok(Outcome::Success)
}

/// What `init` did about git, which history and `diff` read.
enum Git {
    /// Asked not to, or the folder is already in a repository.
    Skipped,
    Committed,
    /// A repository without a commit: git knows no author here.
    NoIdentity,
}

impl Git {
    fn said(&self) -> &'static str {
        match self {
            Git::Skipped => "",
            Git::Committed => ", in a new git repository with the files as its first commit",
            Git::NoIdentity => {
                ", in a new git repository; git has no user.name and user.email here, \
                 so commit the files yourself (`git add -A && git commit`)"
            }
        }
    }
}

/// Makes `dir` a git repository with the scaffold as its first commit,
/// unless it is in one already.
fn start_history(dir: &Path) -> Result<Git> {
    if git2::Repository::discover(dir).is_ok() {
        return Ok(Git::Skipped);
    }
    let failed = |what: &str| format!("cannot {what} in {}", dir.display());
    let repo = git2::Repository::init(dir).with_context(|| failed("create a git repository"))?;
    let Ok(author) = repo.signature() else {
        return Ok(Git::NoIdentity);
    };
    let commit = || -> Result<(), git2::Error> {
        let mut index = repo.index()?;
        index.add_all(["*"], git2::IndexAddOption::DEFAULT, None)?;
        index.write()?;
        let tree = repo.find_tree(index.write_tree()?)?;
        let message = "Start the strategy with charter init";
        repo.commit(Some("HEAD"), &author, &author, message, &tree, &[])?;
        Ok(())
    };
    commit().with_context(|| failed("make the first commit"))?;
    Ok(Git::Committed)
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
