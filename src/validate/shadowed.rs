//! A static file at the path of a page is replaced by the page, in
//! `build` and `serve` alike; say so. The change log's pages count as
//! taken whether or not history is read, and so do the board's views
//! under `roadmap/_…/`, whether or not their values exist. This reads the
//! static files and which entities exist: the whole strategy.

use super::{Change, LinkResolver};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::pages::{self, Page};

pub fn check(model: &LinkResolver, diagnostics: &mut Vec<Diagnostic>) {
    for file in model.statics {
        let Some(page) = pages::at(model.strategy, Some(usize::MAX), file) else {
            continue;
        };
        let message = match page {
            Page::Board(_) => format!(
                "`static/{file}` is among the roadmap's views, under `roadmap/_…/`: the view of that name is published instead"
            ),
            _ => format!(
                "`static/{file}` has the path of a page of the site, which is published instead"
            ),
        };
        diagnostics.push(
            Diagnostic::new(Code::STATIC_HIDDEN, message)
                .in_file(&format!("static/{file}"))
                .help("rename or move the file; to change how pages look, override a template under `templates/`"),
        );
    }
}

/// A page's path depends only on its entity's kind and id, so only static
/// files and entities coming or going matter.
pub fn reads(change: &Change) -> bool {
    !change.statics.is_empty()
        || change
            .entities
            .iter()
            .any(|(b, a)| b.is_none() || a.is_none())
}
