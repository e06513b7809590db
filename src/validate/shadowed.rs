//! A static file at the path of a page is replaced by the page, in
//! `build` and `serve` alike; say so. The change log's pages count as
//! taken whether or not history is read. This reads the static files and
//! which entities exist: the whole strategy.

use super::{Change, LinkResolver};
use crate::diagnostics::{Code, Diagnostic};

pub fn check(model: &LinkResolver, diagnostics: &mut Vec<Diagnostic>) {
    for file in model.statics {
        if crate::model::pages::at(model.strategy, Some(usize::MAX), file).is_some() {
            diagnostics.push(
                Diagnostic::new(
                    Code::STATIC_HIDDEN,
                    format!("`static/{file}` has the path of a page of the site, which is published instead"),
                )
                .in_file(&format!("static/{file}"))
                .help("rename or move the file; to change how pages look, override a template under `templates/`"),
            );
        }
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
