//! Pillar ids are ids too: well-formed and unique. They are all in the
//! vision, so this rule reads that one entity alone.

use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Entity, Kind, is_valid_id};

pub fn check(vision: &Entity, diagnostics: &mut Vec<Diagnostic>) {
    if vision.kind != Kind::Vision {
        return;
    }
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
