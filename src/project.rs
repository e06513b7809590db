//! Opens a strategy: finds its root, reads and checks every file. The one
//! pipeline every command starts from.

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Format, Renderer};
use crate::history;
use crate::load::{self, Files, SourceFile};
use crate::model::{self, Strategy};
use crate::tree::Tree;
use crate::validate::{self, LinkResolver};
use anyhow::{Context, Result, bail};
use git2::{ObjectType, Oid};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::OnceLock;

pub struct Project {
    /// Where the files were read: the working tree, or a revision's tree.
    pub tree: Tree,
    pub sources: Vec<SourceFile>,
    pub strategy: Strategy,
    /// Files under `static/`, relative to it.
    pub statics: BTreeSet<String>,
    pub diagnostics: Diagnostics,
    /// The root's path inside its git repository (`""` or `"strategy/"`).
    pub repo_prefix: String,
    /// Every entity file's git blob id, once all are asked for (`blobs`).
    blobs: OnceLock<FxHashMap<String, Oid>>,
}

/// The strategy root: `dir` if given (a missing `charter.yaml` there is
/// reported as E0001), else the nearest folder upwards from the current one
/// that holds `charter.yaml`.
pub fn find_root(dir: Option<PathBuf>) -> Result<PathBuf> {
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    let root = match dir {
        Some(d) => cwd.join(d),
        // As cargo does without a Cargo.toml: a usage error, not a strategy
        // with every file missing.
        None => load::find_root(&cwd).with_context(|| {
            format!(
                "could not find `{}` in `{}` or any parent folder\n  \
                 help: run `charter init` to start a strategy here, or name the strategy's folder (`charter check DIR`)",
                load::CONFIG_FILE,
                cwd.display()
            )
        })?,
    };
    if !root.is_dir() {
        bail!("`{}` is not a folder", root.display());
    }
    Ok(root)
}

impl Project {
    /// Reads and checks the strategy in the working tree at `root`.
    pub fn open(root: PathBuf) -> Result<Project> {
        let tree = Tree::disk(&root)?;
        Project::open_tree(root, tree)
    }

    /// Reads and checks the strategy whose files are in `tree` (the
    /// working tree, or a revision of the strategy at `root`).
    pub fn open_tree(root: PathBuf, tree: Tree) -> Result<Project> {
        let files = Files::read(&tree)?;
        Project::from_files(
            history::repo_prefix(&root),
            tree,
            files,
            &mut model::Cache::none(),
        )
    }

    /// Checks strategy files already read from `tree`, reusing what
    /// `cache` holds of an earlier read; lists the static files and
    /// templates afresh.
    pub fn from_files(
        repo_prefix: String,
        tree: Tree,
        files: Files,
        cache: &mut model::Cache,
    ) -> Result<Project> {
        Project::checked(repo_prefix, tree, files, cache, None)
    }

    /// As `from_files`, but reruns only the checks that what changed since
    /// `checks` last ran can concern (`serve`'s rebuilds); finds the same.
    pub fn from_changed_files(
        repo_prefix: String,
        tree: Tree,
        files: Files,
        cache: &mut model::Cache,
        checks: &mut validate::State,
    ) -> Result<Project> {
        Project::checked(repo_prefix, tree, files, cache, Some(checks))
    }

    fn checked(
        repo_prefix: String,
        tree: Tree,
        files: Files,
        cache: &mut model::Cache,
        checks: Option<&mut validate::State>,
    ) -> Result<Project> {
        let mut found: Vec<Diagnostic> = Vec::new();
        let statics = published(&tree, &mut found)?;
        let sources = load::sources(files, &mut found);
        let strategy = model::read(&sources, &mut found, cache);
        let exists = |p: &str| tree.exists(p);
        let resolver = LinkResolver {
            strategy: &strategy,
            statics: &statics,
            exists: &exists,
        };
        match checks {
            Some(checks) => found.extend(checks.update(&resolver)),
            None => validate::validate(&resolver, &mut found),
        }
        found.extend(theme_exists(&tree, &strategy.config));
        found.extend(unknown_finished(&strategy.config));
        let mut diagnostics = Diagnostics::default();
        diagnostics.extend(found);
        Ok(Project {
            repo_prefix,
            tree,
            sources,
            strategy,
            statics,
            diagnostics,
            blobs: OnceLock::new(),
        })
    }

    /// The resolver rendering uses: it rewrites only links to pages and
    /// static files, so whether other files exist does not matter there.
    pub fn links(&self) -> LinkResolver<'_> {
        LinkResolver {
            strategy: &self.strategy,
            statics: &self.statics,
            exists: &|_| false,
        }
    }

    pub fn source(&self, path: &str) -> Option<&str> {
        // `load::sources` sorts by path.
        let i = self
            .sources
            .binary_search_by(|f| f.path.as_str().cmp(path))
            .ok()?;
        Some(self.sources[i].text.as_str())
    }

    /// Every entity file's git blob id, worked out once: how history tells
    /// the versions it need not read again from git.
    pub fn blobs(&self) -> &FxHashMap<String, Oid> {
        self.blobs.get_or_init(|| {
            self.sources
                .par_iter()
                .filter(|f| self.strategy.by_source(&f.path).is_some())
                .filter_map(|f| Some((f.path.clone(), blob_id(&f.text)?)))
                .collect()
        })
    }

    /// The git blob id of the file at `path`: from `blobs` once worked out,
    /// else hashed alone (`serve` asks for the page it renders only).
    pub fn blob(&self, path: &str) -> Option<Oid> {
        match self.blobs.get() {
            Some(blobs) => blobs.get(path).copied(),
            None => blob_id(self.source(path)?),
        }
    }

    /// Prints the diagnostics; human ones to stderr, machine ones to stdout.
    pub fn report(&self, format: Format) -> std::io::Result<()> {
        let diagnostics = self.diagnostics_sorted();
        let source = |p: &str| self.source(p);
        let renderer = Renderer {
            format,
            color: format == Format::Human && crate::term::color_stderr(),
            source: &source,
            repo_prefix: &self.repo_prefix,
        };
        match format {
            Format::Human => renderer.write(&mut std::io::stderr().lock(), &diagnostics),
            _ => renderer.write(&mut std::io::stdout().lock(), &diagnostics),
        }
    }

    pub fn diagnostics_sorted(&self) -> Vec<Diagnostic> {
        let mut copy = Diagnostics::default();
        copy.extend(self.diagnostics.iter().cloned());
        copy.into_sorted()
    }
}

/// A theme other than the built-in one must be a folder under `themes/`.
fn theme_exists(tree: &Tree, config: &crate::model::Config) -> Option<Diagnostic> {
    if config.theme == "default" || tree.exists(&format!("themes/{}", config.theme)) {
        return None;
    }
    let span = config.theme_span.clone().unwrap_or_default();
    Some(
        Diagnostic::new(
            Code::NOT_ALLOWED,
            format!("no theme named `{}`", config.theme),
        )
        .at(crate::load::CONFIG_FILE, span)
        .label(format!(
            "no built-in theme and no folder themes/{}/",
            config.theme
        ))
        .help("use `default`, or create the theme's folder under `themes/`"),
    )
}

/// Every status `finished` names must be one of `statuses`.
fn unknown_finished(config: &crate::model::Config) -> Option<Diagnostic> {
    let unknown = config
        .finished
        .iter()
        .find(|s| !config.statuses.contains(s))?;
    let span = config.finished_span.clone().unwrap_or_default();
    Some(
        Diagnostic::new(
            Code::NOT_ALLOWED,
            format!("`finished` names `{unknown}`, which is not one of `statuses`"),
        )
        .at(crate::load::CONFIG_FILE, span)
        .label("not a status")
        .help(format!("use some of: {}", config.statuses.join(", "))),
    )
}

/// Every file under `static/`, relative to it, `/`-separated: all are
/// published, hidden ones (`.well-known/`) included. What is left out
/// there and among the templates (links outside the root, templates too
/// large to read) is reported, so that `check` finds what `build` would.
fn published(tree: &Tree, found: &mut Vec<Diagnostic>) -> Result<BTreeSet<String>> {
    let statics = tree.list("static", true)?;
    found.extend(load::skipped(statics.skipped));
    for dir in ["templates", "themes"] {
        let listing = tree.list(dir, true)?;
        found.extend(load::skipped(listing.skipped));
        for path in listing.files {
            if let Some(crate::tree::Read::TooLarge(n)) = tree.read_listed(&path, load::MAX_FILE)? {
                let why = crate::tree::Why::TooLarge(n);
                found.extend(load::skipped([crate::tree::Skipped { path, why }]));
            }
        }
    }
    Ok(statics
        .files
        .into_iter()
        .filter_map(|p| p.strip_prefix("static/").map(String::from))
        .collect())
}

fn blob_id(text: &str) -> Option<Oid> {
    Oid::hash_object(ObjectType::Blob, text.as_bytes()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Format;

    const ITEM: &str = "---\ntitle: SSO \"single\" sign-on\nstatus: planned\nhorizon: now\nowner: ada\n\
        goals: [grow]\ndepends_on: [sso]\nstart: 2027-01-04\ntarget: 2027-03-31\n\
        milestones:\n  - { title: Beta, date: 2027-02-01, done: true }\n\
        score: { reach: 100, impact: 2, confidence: 80, effort: 3 }\nextra: { jira: X-1 }\n---\n\
        # Héading\n\nSee [ada](../people/ada.md#bio) and <script>x</script>.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";

    fn files(item: &[u8]) -> Files {
        let bytes = [
            ("charter.yaml".into(), b"title: T\n".to_vec()),
            (
                "vision.md".into(),
                b"---\ntitle: V\npillars:\n  - {id: p, title: P}\n---\n".to_vec(),
            ),
            (
                "people/ada.md".into(),
                b"---\nname: Ada\nrole: pm\n---\n".to_vec(),
            ),
            ("roles/pm.md".into(), b"---\ntitle: PM\n---\n".to_vec()),
            (
                "goals/grow.md".into(),
                b"---\ntitle: Grow\npillar: p\n---\n".to_vec(),
            ),
            ("roadmap/sso.md".into(), item.to_vec()),
        ];
        Files {
            bytes: bytes.into_iter().collect(),
            ..Files::default()
        }
    }

    fn empty() -> Tree {
        Tree::revision(Vec::new())
    }

    /// Every prefix of a rich file, and the file with awkward bytes put in
    /// at every position, goes through checking, reporting and rendering
    /// without a panic.
    #[test]
    fn no_input_panics() {
        let theme = std::sync::Arc::new(
            crate::render::theme::load(
                &empty(),
                &Project::from_files(
                    String::new(),
                    empty(),
                    files(ITEM.as_bytes()),
                    &mut model::Cache::default(),
                )
                .unwrap()
                .strategy
                .config,
            )
            .unwrap(),
        );
        let inserts: &[&[u8]] = &[
            b":", b"\n", b"- ", b"[", b"{", b"\"", b"'", b"\t", b"*a", b"&a ", b"!!int ", b"---\n",
            b"\xff", b"\xc3", b"#", b"](",
        ];
        let mut variants: Vec<Vec<u8>> = (0..=ITEM.len())
            .map(|n| ITEM.as_bytes()[..n].to_vec())
            .collect();
        for at in (0..ITEM.len()).step_by(3) {
            for insert in inserts {
                let mut v = ITEM.as_bytes().to_vec();
                v.splice(at..at, insert.iter().copied());
                variants.push(v);
            }
        }
        for v in variants {
            let project = Project::from_files(
                String::new(),
                empty(),
                files(&v),
                &mut model::Cache::default(),
            )
            .unwrap();
            let diagnostics = project.diagnostics_sorted();
            let source = |p: &str| project.source(p);
            for format in [Format::Human, Format::Json, Format::Github] {
                let renderer = Renderer {
                    format,
                    color: false,
                    source: &source,
                    repo_prefix: "",
                };
                renderer.write(&mut Vec::new(), &diagnostics).unwrap();
            }
            if project.diagnostics.errors() == 0 {
                let site = crate::render::Site::new(
                    std::sync::Arc::new(project),
                    theme.clone(),
                    "/",
                    crate::render::Shown::No,
                );
                for pages in [
                    crate::render::Pages::WithoutHistory,
                    crate::render::Pages::WithHistory,
                ] {
                    site.render_pages(pages).unwrap();
                }
            }
        }
    }
}
