//! A roadmap item cannot be due before it starts: a rule that reads one
//! entity alone.

use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Entity, Kind};

pub fn check(item: &Entity, diagnostics: &mut Vec<Diagnostic>) {
    if item.kind != Kind::Roadmap {
        return;
    }
    let (Some(start), Some(target)) = (item.fields.date("start"), item.fields.date("target"))
    else {
        return;
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
