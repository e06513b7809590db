//! Keeps `docs/templates.md` true: every name a template can read, on
//! every page of the example site, is documented, and the templates the
//! docs list are exactly those the kinds' rows name.

use super::outputs::Make;
use super::{Site, theme};
use crate::model::Kind;
use crate::project::Project;
use crate::schema::{Field, Ty};
use serde_json::Value as Json;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

fn docs() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/templates.md");
    std::fs::read_to_string(path).expect("docs/templates.md")
}

/// The words inside the docs' code spans: `{title, url}` names `title`
/// and `url`.
fn code_words(docs: &str) -> BTreeSet<&str> {
    docs.split('`')
        .skip(1)
        .step_by(2)
        .flat_map(|span| span.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')))
        .filter(|w| !w.is_empty())
        .collect()
}

fn example_site() -> Site {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site");
    let project = Project::open(root).expect("the example site opens");
    assert_eq!(project.diagnostics.errors(), 0, "the example site checks");
    let theme = theme::load(&project.tree, &project.strategy.config).expect("theme");
    Site::new(Arc::new(project), Arc::new(theme), "/", super::Shown::No)
}

/// The names in `value`'s objects, at any depth, except under the keys of
/// `skip` (free-form data, and records whose fields the schema documents).
fn names(value: &Json, skip: &dyn Fn(&str) -> bool, out: &mut BTreeSet<String>) {
    match value {
        Json::Object(map) => {
            for (key, v) in map {
                if skip(key) {
                    continue;
                }
                out.insert(key.clone());
                names(v, skip, out);
            }
        }
        Json::Array(items) => items.iter().for_each(|v| names(v, skip, out)),
        _ => {}
    }
}

/// Every field name the schema declares, at any depth: documented as
/// "every field of its kind".
fn schema_fields() -> BTreeSet<&'static str> {
    fn walk(fields: &[Field], out: &mut BTreeSet<&'static str>) {
        for f in fields {
            out.insert(f.name);
            let mut ty = &f.ty;
            while let Ty::List(inner) = ty {
                ty = inner;
            }
            if let Ty::Record(inner) = ty {
                walk(inner, out);
            }
        }
    }
    let mut out = BTreeSet::new();
    for kind in Kind::ALL {
        walk(kind.fields(), &mut out);
    }
    out
}

#[test]
fn every_name_in_a_page_context_is_documented() {
    let docs = docs();
    let documented = code_words(&docs);
    let site = example_site();
    let fields = schema_fields();
    // `extra` is the user's own data; `backlinks` are named by kind and
    // field, which the docs give as `backlinks.<kind>.<field>`.
    let free = |key: &str| key == "extra" || key == "backlinks";
    let mut undocumented = std::collections::BTreeMap::new();
    for (path, make) in site.registry().iter() {
        let Make::Page(page) = make else { continue };
        let (_, _, _, own) = site.context(path, page).expect("the page renders");
        let mut seen = BTreeSet::new();
        names(&site.shared, &free, &mut seen);
        names(&own, &free, &mut seen);
        for name in seen {
            if !documented.contains(name.as_str()) && !fields.contains(name.as_str()) {
                undocumented.entry(name).or_insert_with(|| path.clone());
            }
        }
    }
    assert!(
        undocumented.is_empty(),
        "docs/templates.md does not name (name: a page that has it): {undocumented:?}"
    );
}

#[test]
fn every_back_link_is_documented() {
    let docs = docs();
    for kind in Kind::ALL {
        for (from, field) in crate::schema::referrers(kind) {
            let name = format!("`backlinks.{}.{field}`", from.folder());
            assert!(
                docs.contains(&name),
                "docs/templates.md does not name {name}"
            );
        }
    }
}

/// A computed value of the same name would hide the field from templates.
#[test]
fn no_field_has_the_name_of_a_computed_value() {
    let computed = [
        "kind",
        "id",
        "url",
        "source",
        "source_url",
        "backlinks",
        "body_html",
        "history",
    ];
    for kind in Kind::ALL {
        for field in kind.fields() {
            assert!(!computed.contains(&field.name), "{kind:?}.{}", field.name);
        }
    }
}

#[test]
fn the_docs_list_the_templates_the_rows_name() {
    let docs = docs();
    let listed: BTreeSet<&str> = docs
        .lines()
        .filter_map(|line| line.strip_prefix("| `")?.split_once('`'))
        .map(|(name, _)| name)
        .filter(|name| name.ends_with(".html"))
        .collect();
    let mut named: BTreeSet<&str> = [
        "index.html",
        "changes.html",
        "404.html",
        "roadmap_timeline.html",
        "goal_map.html",
        "roadmap_priority.html",
        "roadmap_values.html",
    ]
    .into();
    for kind in Kind::FOLDERS {
        let row = kind.row();
        named.insert(row.template);
        named.extend(row.index.as_ref().map(|i| i.template));
    }
    assert_eq!(listed, named, "the template tables of docs/templates.md");
}
