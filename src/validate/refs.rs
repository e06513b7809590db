//! Every reference must name an existing entity of its kind. What a
//! reference finds depends on its entity and on the ids of the kind it
//! names: a reference scope.

use super::{LinkResolver, Reads, reads::Name};
use crate::diagnostics::{Code, Diagnostic, suggest};
use crate::model::Entity;

pub fn check(
    entity: &Entity,
    model: &LinkResolver,
    reads: &mut Reads,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let strategy = model.strategy;
    entity
        .fields
        .each_ref(entity.kind.ref_fields(), &mut |path, kind, id, span| {
            reads.read(|| Name::Id(kind, id.to_string()));
            if strategy.get(kind, id).is_some() {
                return;
            }
            reads.read(|| Name::Ids(kind));
            let field = path.join(".");
            let folder = kind.folder();
            diagnostics.push(
                Diagnostic::new(
                    Code::UNKNOWN_REF,
                    format!("unknown {} `{id}` in `{field}`", kind.noun()),
                )
                .at(&entity.source, span.clone())
                .label(format!("no {folder}/{id}.md or {folder}/{id}.yaml"))
                .help_opt(suggest(id, strategy.ids(kind)).map(|s| format!("did you mean `{s}`?"))),
            );
        });
}
