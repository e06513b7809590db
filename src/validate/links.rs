//! Relative Markdown links between source files: resolved to the page of
//! the entity they name (so the same files read well on a git host and on
//! the site), and checked. Validation and rendering share this resolver.
//! What a link finds depends on its entity and on which files exist
//! (entities' files, static files, any file at all): a reference scope,
//! whose names are paths.

use super::Reads;
use super::reads::Name;
use crate::diagnostics::{Code, Diagnostic, suggest};
use crate::model::{Entity, Strategy};
use std::collections::BTreeSet;

/// What a link in a body points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Not ours to touch: a web URL, `mailto:`, an in-page `#anchor`, a site-absolute path.
    External,
    /// A page of the site, relative to the site root, with the fragment (`#...`) kept.
    Page(String),
    /// A missing file (the path relative to the strategy root).
    Missing(String),
    /// A file that exists but is not published.
    Unpublished(String),
}

pub struct LinkResolver<'a> {
    pub strategy: &'a Strategy,
    /// Files under `static/`, relative to that folder.
    pub statics: &'a BTreeSet<String>,
    /// Whether a path relative to the strategy root exists at all.
    pub exists: &'a (dyn Fn(&str) -> bool + Sync),
}

impl LinkResolver<'_> {
    pub fn resolve(&self, from: &str, href: &str) -> Target {
        self.resolve_noting(from, href, &mut Reads::default())
    }

    /// Resolves a link, noting in `reads` each name looked up.
    fn resolve_noting(&self, from: &str, href: &str, reads: &mut Reads) -> Target {
        if is_external(href) {
            return Target::External;
        }
        let (path, fragment) = match href.find(['#', '?']) {
            Some(i) => (&href[..i], &href[i..]),
            None => (href, ""),
        };
        // A link that is not validly escaped is taken as written.
        let decoded = percent_decode(path).unwrap_or_else(|| path.to_string());
        let Some(path) = join(from, &decoded) else {
            return Target::Missing(path.to_string());
        };
        reads.read(|| Name::Source(path.clone()));
        if let Some(entity) = self.strategy.by_source(&path) {
            return Target::Page(format!("{}{fragment}", entity.url()));
        }
        if let Some(file) = path.strip_prefix("static/") {
            reads.read(|| Name::Static(file.to_string()));
            if self.statics.contains(file) {
                return Target::Page(format!("{file}{fragment}"));
            }
        }
        let exists = (self.exists)(&path);
        reads.read(|| Name::File(path.clone(), exists));
        match exists {
            true => Target::Unpublished(path),
            false => Target::Missing(path),
        }
    }
}

/// Every relative link of an entity must lead to a page or a static file.
pub fn check(
    entity: &Entity,
    model: &LinkResolver,
    reads: &mut Reads,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for link in &entity.links {
        let span = link.span.clone();
        match model.resolve_noting(&entity.source, &link.value, reads) {
            Target::External | Target::Page(_) => {}
            Target::Missing(path) => {
                reads.read(|| Name::Sources);
                let near = suggest(&path, model.strategy.iter().map(|e| e.source.as_str()));
                let help = match near {
                    Some(near) => {
                        format!("did you mean `{}`?", relative_link(&entity.source, near))
                    }
                    None => "links are relative to the file they are in, e.g. `../roadmap/sso.md`"
                        .into(),
                };
                diagnostics.push(
                    Diagnostic::new(
                        Code::BROKEN_LINK,
                        format!("broken link: `{path}` does not exist"),
                    )
                    .at(&entity.source, span)
                    .label("no such file")
                    .help(help),
                )
            }
            Target::Unpublished(path) => diagnostics.push(
                Diagnostic::new(
                    Code::UNPUBLISHED_LINK,
                    format!("`{path}` is not part of the site"),
                )
                .at(&entity.source, span)
                .label("this link will not work on the site")
                .help("link to an entity file, or move the file under `static/`"),
            ),
        }
    }
}

fn is_external(href: &str) -> bool {
    let scheme = href.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    });
    scheme || href.is_empty() || href.starts_with(['/', '#', '?'])
}

/// Joins a link onto the folder of the file it is in; `None` when it leaves the root.
fn join(from: &str, link: &str) -> Option<String> {
    let dir = from.rsplit_once('/').map_or("", |(dir, _)| dir);
    crate::tree::join(dir, link)
}

/// The relative link from the file `from` to the file `to`.
fn relative_link(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> =
        from.split('/').collect::<Vec<_>>()[..from.matches('/').count()].to_vec();
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let ups = "../".repeat(from_dir.len() - common);
    format!("{ups}{}", to_parts[common..].join("/"))
}

/// Decodes `%XX` escapes; `None` for a malformed escape or bytes that are
/// not UTF-8. Shared with `serve`, which turns `None` into a 400.
pub fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = |b: Option<&u8>| b.and_then(|b| (*b as char).to_digit(16));
            let (h, l) = (hex(bytes.get(i + 1))?, hex(bytes.get(i + 2))?);
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_relative_paths() {
        assert_eq!(
            join("roadmap/2027/a.md", "../b.md").as_deref(),
            Some("roadmap/b.md")
        );
        assert_eq!(
            join("vision.md", "pages/x.md").as_deref(),
            Some("pages/x.md")
        );
        assert_eq!(join("vision.md", "../../etc/passwd"), None);
    }

    #[test]
    fn external_links_are_left_alone() {
        for href in ["https://x.org", "mailto:a@b.c", "#top", "/abs", "?q=1", ""] {
            assert!(is_external(href), "{href}");
        }
        assert!(!is_external("../roadmap/sso.md"));
    }

    #[test]
    fn relative_links_between_files() {
        assert_eq!(
            relative_link("roadmap/a/x.md", "roadmap/b/y.md"),
            "../b/y.md"
        );
        assert_eq!(relative_link("vision.md", "pages/p.md"), "pages/p.md");
        assert_eq!(relative_link("roadmap/x.md", "roadmap/y.md"), "y.md");
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("a%20b.md").as_deref(), Some("a b.md"));
        assert_eq!(percent_decode("100%"), None);
        assert_eq!(percent_decode("%+1"), None);
        assert_eq!(percent_decode("%ff"), None);
    }
}
