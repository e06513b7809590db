//! The one way commands run the pipeline: find the files (the working
//! tree or a revision), check them, and read their history on a thread of
//! its own meanwhile, handing it the checked files so that it reads and
//! parses only older versions; then work out the graph every output reads,
//! once. `build` renders while history is read; `export` waits for it;
//! `serve` hands its history the checked files the same way.

use crate::graph::Graph;
use crate::history::compare::Contents;
use crate::history::{self, History};
use crate::load;
use crate::model;
use crate::project::Project;
use crate::tree::Tree;
use anyhow::{Result, anyhow, bail};
use git2::Oid;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The history of an opened strategy, on the way.
pub struct Pending {
    reader: Option<Reader>,
    /// Whether it is a shallow clone's; `None` without history.
    pub truncated: Option<bool>,
    /// The date of the commit it is read from; `None` without history.
    pub date: Option<crate::model::Date>,
}

struct Reader {
    /// Taken once the checked files are handed over.
    known: Option<mpsc::Sender<Checked>>,
    thread: JoinHandle<Result<(History, Duration)>>,
}

/// Reads and checks the strategy at `root` (at `rev`, else the working
/// tree), and starts reading its history unless `with_history` is off.
pub fn open(root: PathBuf, rev: Option<&str>, with_history: bool) -> Result<(Project, Pending)> {
    let (tree, source) = locate(&root, rev, with_history)?;
    let truncated = source.as_ref().map(history::Source::is_shallow);
    let date = source.as_ref().map(|s| s.date);
    let reader = source.map(|source| {
        let (known, wait) = mpsc::channel();
        let thread = std::thread::spawn(move || {
            let started = Instant::now();
            let history = source.history_with(|| wait.recv().ok())?;
            Ok((history, started.elapsed()))
        });
        Reader {
            known: Some(known),
            thread,
        }
    });
    let mut project = Project::open_tree(root, tree)?;
    if truncated == Some(true) {
        project.diagnostics.push(history::shallow_warning());
    }
    Ok((
        project,
        Pending {
            reader,
            truncated,
            date,
        },
    ))
}

impl Pending {
    /// Lets the reader go on to the older versions of the files, handing
    /// it the checked ones (see `Checked::of`), and works out the graph of
    /// `project` meanwhile: what `build`'s site and `export`'s JSON are
    /// made from. `beside` runs on the project alongside the graph (`build`
    /// loads its templates there), so that neither waits for the other.
    pub fn derive<T: Send>(
        &mut self,
        project: Project,
        beside: impl FnOnce(&Project) -> T + Send,
    ) -> (Arc<Project>, Arc<Graph>, T) {
        let project = Arc::new(project);
        if let Some(known) = self.reader.as_mut().and_then(|r| r.known.take())
            && let Some(checked) = Checked::of(&project)
        {
            let _ = known.send(checked);
        }
        let (graph, other) = rayon::join(|| Graph::new(&project.strategy), || beside(&project));
        (project, Arc::new(graph), other)
    }

    /// The history, once read, and how long reading it took.
    pub fn wait(self) -> Result<Option<(History, Duration)>> {
        let Some(reader) = self.reader else {
            return Ok(None);
        };
        drop(reader.known);
        let read = reader
            .thread
            .join()
            .map_err(|_| anyhow!("reading the git history failed unexpectedly"))?;
        read.map(Some)
    }
}

/// The checked files, as history's versions of them at the revision read:
/// shared with the build rather than copied, known by their blob ids.
pub struct Checked {
    project: Arc<Project>,
}

impl Checked {
    /// The files of `project`, when it has no errors: only then are they
    /// what a lenient read of those versions gives.
    pub fn of(project: &Arc<Project>) -> Option<Checked> {
        if project.diagnostics.errors() > 0 {
            return None;
        }
        // Worked out by whoever hands them over, before the reader waits
        // for them; the pages then find them made.
        project.blobs();
        let project = project.clone();
        Some(Checked { project })
    }
}

impl history::Recorded for Checked {
    fn get(&self, path: &str, id: Oid) -> Option<Contents<'_>> {
        if self.project.blobs().get(path) != Some(&id) {
            return None;
        }
        let e = self.project.strategy.by_source(path)?;
        Some(Contents::Read(&e.fields, &e.body))
    }
}

/// Where a build reads the strategy's files (a revision's tree, else the
/// working tree) and its history (`None`: no git, no commit yet,
/// `--no-history`, or `history.enabled: false`).
pub fn locate(
    root: &Path,
    rev: Option<&str>,
    with_history: bool,
) -> Result<(Tree, Option<history::Source>)> {
    let wanted = |tree: &Tree| with_history && history_enabled(tree);
    match rev {
        Some(rev) => match history::locate(root, Some(rev))? {
            Some(source) => {
                let tree = Tree::revision(source.files()?);
                let source = wanted(&tree).then_some(source);
                Ok((tree, source))
            }
            None => bail!("cannot read revision `{rev}`: the repository has no commits"),
        },
        // Without `--rev`, git is not even opened while history is off.
        None => {
            let tree = Tree::disk(root)?;
            let source = match wanted(&tree) {
                true => history::locate(root, None)?,
                false => None,
            };
            Ok((tree, source))
        }
    }
}

/// `history.enabled` in charter.yaml (read ahead of the full check, so
/// that history can be read while the strategy is checked).
fn history_enabled(tree: &Tree) -> bool {
    let config = match tree.read(load::CONFIG_FILE, load::MAX_FILE) {
        Ok(Some(crate::tree::Read::Bytes(bytes))) => Some(bytes),
        _ => None,
    };
    match config.and_then(|bytes| model::read_version(load::CONFIG_FILE, bytes)) {
        Some(model::Version::Read { fields, .. }) => {
            model::Config::from_fields(&fields).history.enabled
        }
        _ => true,
    }
}
