//! The live site behind `serve`: the strategy's files held in memory, the
//! model rebuilt from them after every change (re-parsing only the files
//! that changed), and pages rendered on request from the current model,
//! cached until the next change. A request made while a rebuild runs waits
//! for it, so no page is ever served from an older model than the files.

use super::overlay;
use crate::history::History;
use crate::load;
use crate::load::Files;
use crate::model;
use crate::project::{Project, repo_prefix};
use crate::render::{Site, theme};
use crate::tree::Tree;
use anyhow::Result;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, RwLock};
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
}

struct State {
    files: Files,
    cache: model::Cache,
    project: Project,
    /// Read in the background, and again when HEAD moves (`serve::git`).
    history: Option<Arc<History>>,
    theme: Result<theme::Theme, String>,
    pages: Mutex<HashMap<String, Arc<Vec<u8>>>>,
}

pub struct LiveSite {
    root: PathBuf,
    state: RwLock<State>,
    /// Bumped after every rebuild; browsers wait on it to reload.
    generation: Mutex<u64>,
    changed: Condvar,
}

/// A response body and its content type.
pub struct Body {
    pub status: u16,
    pub content_type: &'static str,
    pub bytes: Arc<Vec<u8>>,
}

impl LiveSite {
    pub fn open(root: PathBuf) -> Result<LiveSite> {
        let tree = Tree::disk(&root)?;
        let files = Files::read(&tree)?;
        let mut cache = model::Cache::default();
        let repo_prefix = repo_prefix(&root);
        let project = Project::from_files(repo_prefix.clone(), tree, files.clone(), &mut cache)?;
        let theme =
            theme::load(&project.tree, &project.strategy.config).map_err(|e| format!("{e:#}"));
        Ok(LiveSite {
            state: RwLock::new(State {
                files,
                cache,
                project,
                history: None,
                theme,
                pages: Mutex::default(),
            }),
            root,
            generation: Mutex::new(0),
            changed: Condvar::new(),
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn generation(&self) -> u64 {
        *self.generation.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits until the generation differs from `seen`, or `timeout` passes.
    pub fn wait_for_change(&self, seen: u64, timeout: Duration) -> u64 {
        let guard = self.generation.lock().unwrap_or_else(|e| e.into_inner());
        let (guard, _) = self
            .changed
            .wait_timeout_while(guard, timeout, |g| *g == seen)
            .unwrap_or_else(|e| e.into_inner());
        *guard
    }

    /// Prints the current diagnostics as `check` does.
    pub fn print_diagnostics(&self) {
        let state = self.state.read().unwrap_or_else(|e| e.into_inner());
        let _ = state.project.report(crate::diagnostics::Format::Human);
    }

    /// The problems of the current model, as the terminal shows them.
    pub fn summary(&self) -> Rebuilt {
        let state = self.state.read().unwrap_or_else(|e| e.into_inner());
        rebuilt(&state, Duration::ZERO)
    }

    /// Re-reads what changed and rebuilds the model; pages are rendered
    /// again as they are requested.
    pub fn apply(&self, changes: &[Change]) -> Rebuilt {
        let started = Instant::now();
        let mut guard = self.state.write().unwrap_or_else(|e| e.into_inner());
        let state = &mut *guard;
        let read = |state: &mut State| -> Result<Project> {
            let tree = Tree::disk(&self.root)?;
            for change in changes {
                if let Change::Source(path) = change {
                    state.files.refresh(&tree, path)?;
                }
            }
            let prefix = state.project.repo_prefix.clone();
            Project::from_files(prefix, tree, state.files.clone(), &mut state.cache)
        };
        let project = match read(state) {
            Ok(project) => project,
            Err(e) => {
                return Rebuilt {
                    took: started.elapsed(),
                    errors: 1,
                    warnings: 0,
                    report: format!("{e:#}"),
                };
            }
        };
        let previous = std::mem::replace(&mut state.project, project);
        let theme_changed = changes
            .iter()
            .any(|c| *c == Change::Theme || *c == Change::Source(load::CONFIG_FILE.into()));
        if theme_changed || state.theme.is_err() {
            state.theme = theme::load(&state.project.tree, &state.project.strategy.config)
                .map_err(|e| format!("{e:#}"));
        }
        state
            .pages
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        let result = rebuilt(state, started.elapsed());
        drop(guard);
        self.bump();
        // Freeing a large model takes a while; no request needs to wait for it.
        std::thread::spawn(move || drop(previous));
        result
    }

    /// Whether charter.yaml asks for history.
    pub fn history_enabled(&self) -> bool {
        let state = self.state.read().unwrap_or_else(|e| e.into_inner());
        state.project.strategy.config.history
    }

    /// Shows `history` from now on, and reloads the open pages.
    pub fn set_history(&self, history: Option<Arc<History>>) {
        let mut state = self.state.write().unwrap_or_else(|e| e.into_inner());
        state.history = history;
        state
            .pages
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        drop(state);
        self.bump();
    }

    /// Tells the browsers waiting on the long poll that pages changed.
    fn bump(&self) {
        let mut generation = self.generation.lock().unwrap_or_else(|e| e.into_inner());
        *generation += 1;
        self.changed.notify_all();
    }

    /// The response for a site path (`roadmap/sso/index.html`, `style.css`).
    pub fn get(&self, path: &str) -> Option<Body> {
        let state = self.state.read().unwrap_or_else(|e| e.into_inner());
        let generation = self.generation();
        let is_page = path.ends_with(".html");
        let theme = match &state.theme {
            Ok(t) => t,
            Err(e) if is_page => return Some(overlay::page(None, Some(e), generation)),
            Err(_) => return None,
        };
        // The site's own static files win over the theme's, as in `build`.
        let bytes = if state.project.statics.contains(path) {
            read_static(&self.root, path)
        } else {
            theme.statics.get(path).cloned()
        };
        if let Some(bytes) = bytes {
            return Some(Body {
                status: 200,
                content_type: super::http::content_type(path),
                bytes: Arc::new(bytes),
            });
        }
        if !is_page {
            return None;
        }
        if state.project.diagnostics.errors() > 0 {
            return Some(overlay::page(Some(&state.project), None, generation));
        }
        if let Some(bytes) = state
            .pages
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(path)
        {
            return Some(Body {
                status: 200,
                content_type: "text/html; charset=utf-8",
                bytes: bytes.clone(),
            });
        }
        let site = Site::new(&state.project, theme, "/", state.history.is_some());
        if let Some(history) = &state.history {
            site.attach_history(history);
        }
        let html = match site.page(path)? {
            Ok(html) => html,
            Err(e) => return Some(overlay::page(None, Some(&format!("{e:#}")), generation)),
        };
        let bytes = Arc::new(overlay::with_reload_script(html, generation));
        state
            .pages
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string(), bytes.clone());
        Some(Body {
            status: 200,
            content_type: "text/html; charset=utf-8",
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

fn rebuilt(state: &State, took: Duration) -> Rebuilt {
    let d = &state.project.diagnostics;
    Rebuilt {
        took,
        errors: d.errors() + usize::from(state.theme.is_err()),
        warnings: d.warnings(),
        report: match &state.theme {
            Err(e) => format!("theme: {e}"),
            Ok(_) => d.summary(),
        },
    }
}

/// A file under `static/`, unless a link leads it outside that folder.
fn read_static(root: &Path, path: &str) -> Option<Vec<u8>> {
    let dir = std::fs::canonicalize(root.join("static")).ok()?;
    let file = std::fs::canonicalize(dir.join(path)).ok()?;
    if !file.starts_with(&dir) {
        return None;
    }
    std::fs::read(file).ok()
}
