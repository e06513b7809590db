//! The live site behind `serve`: the strategy's files held in memory, the
//! model rebuilt from them after every change (re-parsing only the files
//! that changed), and pages rendered on request from the current model,
//! cached until the next change. Each rebuild publishes a new snapshot, and
//! requests render from the snapshot they took, never under a lock, so a
//! slow page delays no other; a request made while a rebuild runs waits for
//! it, so no page is ever served from an older model than the files.

use super::body::{Body, content_type};
use super::overlay;
use crate::graph::Graph;
use crate::history::{History, repo_prefix};
use crate::load::Files;
use crate::model;
use crate::project::Project;
use crate::render::outputs::Make;
use crate::render::{Shown, Site, theme};
use crate::tree::Tree;
use crate::validate;
use anyhow::Result;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

/// What a path in the strategy folder is, for the watcher.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A strategy file or folder (`roadmap/sso.md`, `roadmap/2027`).
    Source(String),
    /// Something under `static/`.
    Static,
    /// A template or theme file: every page may change.
    Theme,
}

/// The outcome of one rebuild, for the terminal.
pub struct Rebuilt {
    pub took: Duration,
    pub errors: usize,
    pub warnings: usize,
    pub report: String,
    /// The strategy folder is not there (moved away or deleted).
    pub gone: bool,
}

type Loaded = Result<Arc<theme::Theme>, String>;

/// One state of the site, as requests see it; replaced whole, never changed.
struct Snapshot {
    project: Arc<Project>,
    /// The graph of `project`, worked out from the one before (`Graph::update`).
    graph: Arc<Graph>,
    /// Read in the background, and again when HEAD moves (`serve::git`).
    history: Option<Arc<History>>,
    theme: Loaded,
    /// The site of `project`, made at the first request.
    site: OnceLock<Site>,
    /// The pages rendered from this snapshot so far.
    pages: Mutex<HashMap<String, Arc<Vec<u8>>>>,
    /// Counts snapshots; the pages' reload script waits for the next one.
    generation: u64,
    gone: bool,
    /// Reading the files failed (no permission, an I/O error): shown on
    /// every page until a rebuild reads them.
    failure: Option<String>,
}

/// What only rebuilds read and change.
struct Sources {
    files: Files,
    cache: model::Cache,
    /// What the last rebuild checked and found, so that the next one
    /// checks again only what its changes can concern.
    checks: validate::State,
    repo_prefix: String,
}

struct Current {
    snapshot: Arc<Snapshot>,
    /// Rebuilds started and not yet published: requests wait for them.
    rebuilding: usize,
}

pub struct LiveSite {
    root: PathBuf,
    sources: Mutex<Sources>,
    current: Mutex<Current>,
    /// Signalled after each new snapshot, and when a rebuild ends.
    published: Condvar,
    on_change: OnceLock<Box<dyn Fn() + Send + Sync>>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

impl LiveSite {
    pub fn open(root: PathBuf) -> Result<LiveSite> {
        let tree = Tree::disk(&root)?;
        let files = Files::read(&tree)?;
        let mut cache = model::Cache::default();
        let mut checks = validate::State::default();
        let repo_prefix = repo_prefix(&root);
        let project = Project::from_changed_files(
            repo_prefix.clone(),
            tree,
            files.clone(),
            &mut cache,
            &mut checks,
        )?;
        let theme = load_theme(&project);
        let snapshot = Snapshot {
            graph: Arc::new(Graph::new(&project.strategy)),
            project: Arc::new(project),
            history: None,
            theme,
            site: OnceLock::new(),
            pages: Mutex::default(),
            generation: 0,
            gone: false,
            failure: None,
        };
        Ok(LiveSite {
            sources: Mutex::new(Sources {
                files,
                cache,
                checks,
                repo_prefix,
            }),
            current: Mutex::new(Current {
                snapshot: Arc::new(snapshot),
                rebuilding: 0,
            }),
            published: Condvar::new(),
            on_change: OnceLock::new(),
            root,
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Called after each new snapshot (once set; the first call wins).
    pub fn on_change(&self, notify: impl Fn() + Send + Sync + 'static) {
        let _ = self.on_change.set(Box::new(notify));
    }

    /// The generation of the current snapshot.
    pub fn generation(&self) -> u64 {
        lock(&self.current).snapshot.generation
    }

    /// The current snapshot, without waiting for a rebuild under way.
    fn latest(&self) -> Arc<Snapshot> {
        lock(&self.current).snapshot.clone()
    }

    /// The snapshot to answer a request from: the one a rebuild under way
    /// will publish, else the current one.
    fn snapshot(&self) -> Arc<Snapshot> {
        let mut current = lock(&self.current);
        while current.rebuilding > 0 {
            current = self
                .published
                .wait(current)
                .unwrap_or_else(|e| e.into_inner());
        }
        current.snapshot.clone()
    }

    /// Prints the current diagnostics as `check` does.
    pub fn print_diagnostics(&self) {
        let snapshot = self.latest();
        if !snapshot.gone {
            let _ = snapshot.project.report(crate::diagnostics::Format::Human);
        }
    }

    /// The problems of the current model, as the terminal shows them.
    pub fn summary(&self) -> Rebuilt {
        rebuilt(&self.latest(), &self.root, Duration::ZERO)
    }

    /// Re-reads what changed and rebuilds the model; pages are rendered
    /// again as they are requested. Once the folder is gone, it is found
    /// gone; when it is back, everything is read again.
    pub fn apply(&self, changes: &[Change]) -> Rebuilt {
        let started = Instant::now();
        let _rebuilding = Rebuilding::start(self);
        let mut sources = lock(&self.sources);
        let latest = self.latest();
        let was_gone = latest.gone;
        if !self.root.is_dir() {
            if !was_gone {
                self.publish(|previous| Snapshot {
                    gone: true,
                    ..previous.next()
                });
            }
            return rebuilt(&self.latest(), &self.root, started.elapsed());
        }
        // After the folder was gone, or a read failed part-way, what is
        // held may be stale anywhere: everything is read again.
        let everything = [Change::Source(String::new()), Change::Theme];
        let changes = match was_gone || latest.failure.is_some() {
            true => &everything[..],
            false => changes,
        };
        drop(latest);
        let sources = &mut *sources;
        let read = |sources: &mut Sources| -> Result<Project> {
            let tree = Tree::disk(&self.root)?;
            for change in changes {
                if let Change::Source(path) = change {
                    sources.files.refresh(&tree, path)?;
                }
            }
            let prefix = sources.repo_prefix.clone();
            let files = sources.files.clone();
            let Sources { cache, checks, .. } = sources;
            Project::from_changed_files(prefix, tree, files, cache, checks)
        };
        let project = match read(sources) {
            Ok(project) => project,
            Err(e) => {
                self.publish(|previous| Snapshot {
                    failure: Some(format!("{e:#}")),
                    ..previous.next()
                });
                return rebuilt(&self.latest(), &self.root, started.elapsed());
            }
        };
        let latest = self.latest();
        // Of charter.yaml, the theme reads only which theme it names.
        let theme_changed = changes.contains(&Change::Theme)
            || latest.project.strategy.config.theme != project.strategy.config.theme;
        let theme = match theme_changed || latest.theme.is_err() {
            true => load_theme(&project),
            false => latest.theme.clone(),
        };
        let graph = Arc::new(
            latest
                .graph
                .update(&latest.project.strategy, &project.strategy),
        );
        drop(latest);
        let project = Arc::new(project);
        self.publish(|previous| Snapshot {
            project,
            graph,
            theme,
            gone: false,
            failure: None,
            ..previous.next()
        });
        rebuilt(&self.latest(), &self.root, started.elapsed())
    }

    /// The project as last read: history reads its checked files rather
    /// than their versions at HEAD, where they are the same.
    pub fn project(&self) -> Arc<Project> {
        self.latest().project.clone()
    }

    /// Whether charter.yaml asks for history.
    pub fn history_enabled(&self) -> bool {
        self.latest().project.strategy.config.history.enabled
    }

    /// Shows `history` from now on, and reloads the open pages, unless
    /// there was none before and is none now (a folder outside git, read
    /// once at start): a reload then would change nothing.
    pub fn set_history(&self, history: Option<Arc<History>>) {
        if history.is_none() && self.latest().history.is_none() {
            return;
        }
        self.publish(|previous| Snapshot {
            history,
            ..previous.next()
        });
    }

    /// Replaces the current snapshot with `make(current)`, and tells the
    /// browsers waiting on the long poll.
    fn publish(&self, make: impl FnOnce(&Snapshot) -> Snapshot) {
        let mut current = lock(&self.current);
        let next = Arc::new(make(&current.snapshot));
        let previous = std::mem::replace(&mut current.snapshot, next);
        drop(current);
        self.published.notify_all();
        if let Some(notify) = self.on_change.get() {
            notify();
        }
        // Freeing a large model takes a while; no request needs to wait for
        // it (the last request still rendering from it frees it, if any).
        std::thread::spawn(move || drop(previous));
    }

    /// The response for a site path (`roadmap/sso/index.html`, `style.css`).
    pub fn get(&self, path: &str) -> Option<Body> {
        let state = self.snapshot();
        let generation = state.generation;
        let is_page = path.ends_with(".html");
        if state.gone {
            return is_page.then(|| overlay::gone(&self.root, generation));
        }
        if let Some(failure) = &state.failure {
            return is_page.then(|| overlay::page(None, Some(failure), generation));
        }
        let theme = match &state.theme {
            Ok(t) => t,
            Err(e) if is_page => return Some(overlay::page(None, Some(e), generation)),
            Err(_) => return None,
        };
        let site = state.site.get_or_init(|| {
            let shown = Shown::of(state.history.as_ref().map(|h| h.truncated));
            let today = state.history.as_ref().and_then(|h| h.date);
            let (project, graph) = (state.project.clone(), state.graph.clone());
            let site =
                Site::with_graph(project, graph, theme.clone(), "/", shown).with_today(today);
            if let Some(history) = &state.history {
                site.attach_history(history.clone());
            }
            site
        });
        let make = site.output(path)?;
        let content_type = content_type(path);
        // Files are read as asked; what is made from the model (pages, the
        // search index) is made once per snapshot.
        let (Make::Page(_) | Make::SearchIndex) = make else {
            let bytes = site.make(path, make).ok()?;
            return Some(Body {
                status: 200,
                content_type,
                bytes: Arc::new(bytes),
            });
        };
        if matches!(make, Make::Page(_)) && state.project.diagnostics.errors() > 0 {
            return Some(overlay::page(
                Some(state.project.as_ref()),
                None,
                generation,
            ));
        }
        if let Some(bytes) = lock(&state.pages).get(path) {
            return Some(Body {
                status: 200,
                content_type,
                bytes: bytes.clone(),
            });
        }
        let html = match site.make(path, make) {
            Ok(html) => html,
            Err(e) if matches!(make, Make::Page(_)) => {
                return Some(overlay::page(None, Some(&format!("{e:#}")), generation));
            }
            Err(_) => return None,
        };
        // The feed is a page too, but no browser runs a script in it.
        let bytes = Arc::new(match is_page {
            true => overlay::with_reload_script(html, generation),
            false => html,
        });
        lock(&state.pages).insert(path.to_string(), bytes.clone());
        Some(Body {
            status: 200,
            content_type,
            bytes,
        })
    }

    /// The 404 page of the site, or a plain one while the site is broken.
    pub fn not_found(&self) -> Body {
        let mut body = self.get("404.html").unwrap_or_else(|| Body {
            status: 404,
            content_type: "text/plain; charset=utf-8",
            bytes: Arc::new(b"Not found".to_vec()),
        });
        if body.status == 200 {
            body.status = 404;
        }
        body
    }
}

/// Counts a rebuild as under way for as long as it lives, even if the
/// rebuild fails, so that no request waits for ever.
struct Rebuilding<'a>(&'a LiveSite);

impl<'a> Rebuilding<'a> {
    fn start(site: &'a LiveSite) -> Rebuilding<'a> {
        lock(&site.current).rebuilding += 1;
        Rebuilding(site)
    }
}

impl Drop for Rebuilding<'_> {
    fn drop(&mut self) {
        lock(&self.0.current).rebuilding -= 1;
        self.0.published.notify_all();
    }
}

impl Snapshot {
    /// The next snapshot, as this one but with its pages to render again.
    fn next(&self) -> Snapshot {
        Snapshot {
            project: self.project.clone(),
            graph: self.graph.clone(),
            history: self.history.clone(),
            theme: self.theme.clone(),
            site: OnceLock::new(),
            pages: Mutex::default(),
            generation: self.generation + 1,
            gone: self.gone,
            failure: self.failure.clone(),
        }
    }
}

fn load_theme(project: &Project) -> Loaded {
    theme::load(&project.tree, &project.strategy.config)
        .map(Arc::new)
        .map_err(|e| format!("{e:#}"))
}

fn rebuilt(state: &Snapshot, root: &Path, took: Duration) -> Rebuilt {
    let d = &state.project.diagnostics;
    if state.gone {
        return Rebuilt {
            took,
            errors: 1,
            warnings: 0,
            report: overlay::gone_message(root),
            gone: true,
        };
    }
    if let Some(failure) = &state.failure {
        return Rebuilt {
            took,
            errors: 1,
            warnings: 0,
            report: failure.clone(),
            gone: false,
        };
    }
    Rebuilt {
        took,
        errors: d.errors() + usize::from(state.theme.is_err()),
        warnings: d.warnings(),
        report: match &state.theme {
            Err(e) => format!("theme: {e}"),
            Ok(_) => d.summary(),
        },
        gone: false,
    }
}
