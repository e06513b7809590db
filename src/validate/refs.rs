//! Every reference must name an existing entity of its kind.

use crate::diagnostics::{Code, Diagnostic, suggest};
use crate::model::Strategy;

pub fn check(strategy: &Strategy, diagnostics: &mut Vec<Diagnostic>) {
    for entity in strategy.iter() {
        entity
            .fields
            .each_ref(entity.kind.ref_fields(), &mut |path, kind, id, span| {
                if strategy.get(kind, id).is_some() {
                    return;
                }
                let field = path.join(".");
                let folder = kind.folder();
                diagnostics.push(
                    Diagnostic::new(
                        Code::UNKNOWN_REF,
                        format!("unknown {} `{id}` in `{field}`", kind.noun()),
                    )
                    .at(&entity.source, span.clone())
                    .label(format!("no {folder}/{id}.md or {folder}/{id}.yaml"))
                    .help_opt(
                        suggest(id, strategy.ids(kind)).map(|s| format!("did you mean `{s}`?")),
                    ),
                );
            });
    }
}
