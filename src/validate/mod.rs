//! Rules that need the whole strategy: references, cycles, date order,
//! pillar ids, Markdown links. Each rule adds diagnostics and never stops
//! the others, so `check` reports everything in one run.

mod cycles;
pub mod links;
mod refs;

pub use links::{LinkResolver, Target};

use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Kind, Strategy, is_valid_id};

pub fn validate(strategy: &Strategy, links: &LinkResolver, diagnostics: &mut Vec<Diagnostic>) {
    // Two independent halves, run side by side: `serve` re-validates on every edit.
    let (mut first, mut second) = (Vec::new(), Vec::new());
    rayon::join(
        || refs::check(strategy, &mut first),
        || {
            cycles::check(strategy, &mut second);
            dates(strategy, &mut second);
            pillars(strategy, &mut second);
            shadowed(strategy, links.statics, &mut second);
            links.check_all(&mut second);
        },
    );
    diagnostics.append(&mut first);
    diagnostics.append(&mut second);
}

/// A roadmap item cannot be due before it starts.
fn dates(strategy: &Strategy, diagnostics: &mut Vec<Diagnostic>) {
    for item in strategy.all(Kind::Roadmap) {
        let (Some(start), Some(target)) = (item.fields.date("start"), item.fields.date("target"))
        else {
            continue;
        };
        if target < start {
            let span = item
                .fields
                .get("target")
                .map(|t| t.span.clone())
                .unwrap_or_default();
            diagnostics.push(
                Diagnostic::new(
                    Code::DATE_ORDER,
                    format!("`target` {target} is before `start` {start}"),
                )
                .at(&item.source, span)
                .label(format!("before the start date {start}"))
                .help("move `target` after `start`, or correct `start`"),
            );
        }
    }
}

/// A static file at the path of a page is replaced by the page, in
/// `build` and `serve` alike; say so. The change log's pages count as
/// taken whether or not history is read.
fn shadowed(
    strategy: &Strategy,
    statics: &std::collections::BTreeSet<String>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for file in statics {
        if crate::model::pages::at(strategy, Some(usize::MAX), file).is_some() {
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

/// Pillar ids are ids too: well-formed and unique.
fn pillars(strategy: &Strategy, diagnostics: &mut Vec<Diagnostic>) {
    let Some(vision) = &strategy.vision else {
        return;
    };
    let mut seen = std::collections::HashSet::new();
    for pillar in vision.fields.records("pillars") {
        let (Some(id), Some(spanned)) = (pillar.str("id"), pillar.get("id")) else {
            continue;
        };
        if !is_valid_id(id) {
            diagnostics.push(
                Diagnostic::new(Code::BAD_ID, format!("`{id}` is not a valid pillar id"))
                    .at(&vision.source, spanned.span.clone())
                    .help("ids use lowercase letters, digits and `-`, starting with a letter or digit"),
            );
        } else if !seen.insert(id) {
            diagnostics.push(
                Diagnostic::new(Code::DUPLICATE_ID, format!("duplicate pillar id `{id}`"))
                    .at(&vision.source, spanned.span.clone())
                    .help("give each pillar its own id"),
            );
        }
    }
}
