//! What must hold of any checked strategy, whatever its files: the checks
//! every target runs on the projects it reads.

use crate::diagnostics::{Diagnostic, Format, Renderer};
use crate::history::History;
use crate::model::{self, Version};
use crate::project::Project;
use crate::render::theme::{self, Theme};
use crate::render::{Pages, Shown, Site, SiteFiles};
use std::sync::{Arc, OnceLock};

/// Every diagnostic points inside its file, on character boundaries, and
/// renders in every format; JSON lines are JSON.
pub fn diagnostics(project: &Project) -> Vec<Diagnostic> {
    let diagnostics = project.diagnostics_sorted();
    for d in &diagnostics {
        let (Some(file), Some(span)) = (&d.file, &d.span) else {
            continue;
        };
        let Some(text) = project.source(file) else {
            continue;
        };
        assert!(
            span.start <= span.end
                && span.end <= text.len()
                && text.is_char_boundary(span.start)
                && text.is_char_boundary(span.end),
            "span {span:?} of {} outside {file} ({} bytes) or inside a character: {d:?}",
            d.code.0,
            text.len()
        );
    }
    let source = |p: &str| project.source(p);
    for format in [Format::Human, Format::Json, Format::Github] {
        let renderer = Renderer {
            format,
            color: format == Format::Human,
            source: &source,
            repo_prefix: "",
        };
        let mut out = Vec::new();
        renderer
            .write(&mut out, &diagnostics)
            .expect("writing to memory");
        let out = String::from_utf8(out).expect("diagnostics are UTF-8");
        if format == Format::Json {
            for line in out.lines() {
                serde_json::from_str::<serde_json::Value>(line).expect("a JSON line");
            }
        }
    }
    diagnostics
}

/// For a strategy without errors, reading a file leniently, as history
/// does, gives exactly the checked entity: `build` hands the checked
/// entities to history in place of reading them again.
pub fn lenient_reads_agree(project: &Project) {
    for f in &project.sources {
        let Some(e) = project.strategy.by_source(&f.path) else {
            continue;
        };
        let lenient = model::read_version(&f.path, f.text.clone().into_bytes());
        let checked = Version::Read {
            fields: e.fields.clone(),
            body: e.body.clone(),
        };
        assert!(
            lenient.as_ref() == Some(&checked),
            "{} read leniently differs from the checked entity:\n{lenient:#?}\nchecked:\n{checked:#?}",
            f.path
        );
    }
}

/// The built-in theme, loaded once: the targets leave out templates and
/// theme folders, so a strategy that passes `check` uses it.
pub fn builtin(project: &Project) -> Arc<Theme> {
    static THEME: OnceLock<Arc<Theme>> = OnceLock::new();
    assert_eq!(project.strategy.config.theme, "default", "check passed");
    THEME
        .get_or_init(|| {
            let theme = theme::load(&project.tree, &project.strategy.config);
            Arc::new(theme.expect("the built-in theme loads"))
        })
        .clone()
}

/// Renders every page of a strategy without errors with the built-in
/// theme, as `build` does: rendering must not fail where `check` passed.
/// With `history`, the pages show it.
pub fn render(project: Arc<Project>, history: Option<Arc<History>>) -> SiteFiles {
    let site = || {
        Site::new(
            project.clone(),
            builtin(&project),
            &project.strategy.config.base_url,
            Shown::of(history.as_ref().map(|h| h.truncated)),
        )
    };
    let rendered = |site: &Site, pages: Pages| {
        site.render_pages(pages)
            .unwrap_or_else(|e| panic!("check passed but rendering failed: {e:#}"))
    };
    // As `build` does: the pages that show no history while it is read.
    let without = site();
    let mut files = rendered(&without, Pages::WithoutHistory);
    let with = site();
    if let Some(history) = &history {
        with.attach_history(history.clone());
    }
    let with_history = rendered(&with, Pages::WithHistory);
    // `serve` renders one page at a time, on request: the same bytes,
    // once a static file of the same path is replaced by the page.
    let alone = |site: &Site, path: &str, bytes: &[u8]| {
        if let Some(make) = site.output(path) {
            let page = site.make(path, make);
            let page =
                page.unwrap_or_else(|e| panic!("{path} renders in a build, not alone: {e:#}"));
            assert!(page == bytes, "{path} differs rendered alone");
        }
    };
    for (path, bytes) in files.iter().filter(|(p, _)| !with_history.contains_key(*p)) {
        alone(&without, path, bytes);
    }
    for (path, bytes) in &with_history {
        alone(&with, path, bytes);
    }
    files.extend(with_history);
    files
}
