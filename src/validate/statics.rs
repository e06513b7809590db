//! A field that names a file under `static/` (a person's `photo`) must
//! name one that is there: the site shows it from its own copy, so a path
//! outside `static/` would be a broken image, or a file never published.
//! What it finds depends on its entity and on which static files exist: a
//! reference scope, whose names are those files.

use super::{LinkResolver, Reads, reads::Name};
use crate::diagnostics::{Code, Diagnostic, suggest};
use crate::model::Entity;
use crate::schema::Ty;

pub fn check(
    entity: &Entity,
    model: &LinkResolver,
    reads: &mut Reads,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for field in entity.kind.fields().iter().filter(|f| f.ty == Ty::Static) {
        let (Some(path), Some(spanned)) =
            (entity.fields.str(field.name), entity.fields.get(field.name))
        else {
            continue;
        };
        let name = field.name;
        let problem = if leaves_static(path) {
            Diagnostic::new(
                Code::NOT_STATIC,
                format!("`{name}` names `{path}`, which is not under `static/`"),
            )
            .label("a path inside the strategy's `static/` folder")
            .help(format!(
                "copy the file into `static/` and write its path from there, e.g. `{name}: people/{}.jpg`",
                entity.id
            ))
        } else {
            reads.read(|| Name::Static(path.to_string()));
            if model.statics.contains(path) {
                continue;
            }
            reads.read(|| Name::Statics);
            Diagnostic::new(
                Code::NOT_STATIC,
                format!("no file `static/{path}` for `{name}`"),
            )
            .label("no such file under `static/`")
            .help_opt(
                suggest(path, model.statics.iter().map(String::as_str))
                    .map(|s| format!("did you mean `{s}`?")),
            )
        };
        diagnostics.push(problem.at(&entity.source, spanned.span.clone()));
    }
}

/// Whether a path cannot name a file under `static/`: absolute, a web
/// address, or climbing out with `..`.
fn leaves_static(path: &str) -> bool {
    path.starts_with('/')
        || path.starts_with('\\')
        || path.contains(':')
        || path.split(['/', '\\']).any(|segment| segment == "..")
}

#[cfg(test)]
mod tests {
    use super::leaves_static;

    #[test]
    fn paths_that_climb_out_or_are_absolute_leave_static() {
        for path in [
            "../secret.jpg",
            "a/../../b.png",
            "/etc/passwd",
            "https://x.io/a.png",
            "C:\\a.png",
            "..\\a.png",
        ] {
            assert!(leaves_static(path), "{path}");
        }
        for path in ["ada.jpg", "people/ada.jpg", "people/..ada.jpg"] {
            assert!(!leaves_static(path), "{path}");
        }
    }
}
