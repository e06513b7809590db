//! Every file of the site, by its path in the output folder, and what
//! makes its bytes: `build` writes them all, `serve` makes the one asked
//! for. A new kind of output (a JSON index, an SVG) is a new `Make`.

use crate::model::pages::{self, Board, ChangePages, Page};
use crate::project::Project;
use std::collections::BTreeMap;

/// What makes an output's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Make {
    /// A page rendered from a template (HTML, or the Atom feed).
    Page(Page),
    /// A file of the site's `static/`, copied.
    Static,
    /// A static file of the theme, copied.
    Theme,
    /// The search index, `search-index.js`.
    SearchIndex,
}

/// The registry: every output by path, sorted.
#[derive(Debug, Default)]
pub struct Outputs(BTreeMap<String, Make>);

impl Outputs {
    /// The outputs of `project` under `theme_statics`, with the change
    /// log's pages and the roadmap's `boards`. A page wins over a static
    /// file of the same path (which `check` warns of), and the site's static
    /// files over the theme's and over the search index, as if it were one
    /// of the theme's.
    pub fn new<'a>(
        project: &Project,
        theme_statics: impl Iterator<Item = &'a String>,
        changes: ChangePages,
        boards: impl Iterator<Item = Board>,
    ) -> Outputs {
        let mut all = BTreeMap::new();
        all.extend(theme_statics.map(|p| (p.clone(), Make::Theme)));
        all.insert(super::search::PATH.to_string(), Make::SearchIndex);
        all.extend(project.statics.iter().map(|p| (p.clone(), Make::Static)));
        let pages = pages::all(&project.strategy, changes, boards);
        all.extend(pages.into_iter().map(|(p, page)| (p, Make::Page(page))));
        Outputs(all)
    }

    pub fn get(&self, path: &str) -> Option<&Make> {
        self.0.get(path)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Make)> {
        self.0.iter()
    }
}
