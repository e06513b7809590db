//! Keeps `docs/fields.md` complete and true: each kind's table there
//! lists exactly the fields `fields.rs` declares, with the same types and
//! the same required marks. The meanings are the docs' own.

use super::{Allowed, CONFIG, Field, Kind, Ty, Url};
use std::collections::BTreeMap;

/// A type as the reference writes it.
fn describe(ty: &Ty) -> String {
    match ty {
        Ty::Str => "text".into(),
        Ty::Bool => "`true` or `false`".into(),
        Ty::Date => "date".into(),
        Ty::Number { min, max, positive } => match (min, max, positive) {
            (Some(lo), Some(hi), _) => format!("number {lo}–{hi}"),
            (_, _, true) => "number > 0".into(),
            _ => "number".into(),
        },
        Ty::Enum(Allowed::Fixed(values)) => {
            let values: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
            format!("one of {}", values.join(", "))
        }
        Ty::Enum(Allowed::Statuses) => "one of `statuses`".into(),
        Ty::Enum(Allowed::Horizons) => "one of `horizons`".into(),
        Ty::Enum(Allowed::Pillars) => "a pillar id of the vision".into(),
        Ty::Ref(kind) => format!("→ {}", kind.folder()),
        Ty::Url(Url::Web) => "web address".into(),
        Ty::Url(Url::WebOrPath) => "web address or path".into(),
        Ty::Static => "file under `static/`".into(),
        Ty::List(inner) => match inner {
            Ty::Ref(kind) => format!("[→ {}]", kind.folder()),
            inner => format!("list of {}", describe(inner)),
        },
        Ty::Record(fields) => {
            let names: Vec<&str> = fields.iter().map(|f| f.name).collect();
            format!("{{{}}}", names.join(", "))
        }
        Ty::Any => "free-form mapping".into(),
    }
}

/// (field path, type, required) for every field and sub-field.
fn rows(fields: &[Field], prefix: &str, out: &mut Vec<(String, String, bool)>) {
    for f in fields {
        let name = format!("{prefix}{}", f.name);
        out.push((name.clone(), describe(&f.ty), f.required));
        let mut ty = &f.ty;
        while let Ty::List(inner) = ty {
            ty = inner;
        }
        if let Ty::Record(inner) = ty {
            rows(inner, &format!("{name}."), out);
        }
    }
}

/// The tables of the reference, by section heading: `## charter.yaml`,
/// `## roadmap/`.
fn documented(text: &str) -> BTreeMap<String, Vec<(String, String, bool)>> {
    let mut out: BTreeMap<String, Vec<_>> = BTreeMap::new();
    let mut section = None;
    for line in text.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            section = Some(heading.trim().to_string());
            continue;
        }
        let (Some(section), Some(row)) = (&section, line.strip_prefix("| `")) else {
            continue;
        };
        let cells: Vec<&str> = row.split(" | ").collect();
        let [name, ty, required, ..] = cells[..] else {
            continue;
        };
        let name = name.trim_end_matches('`').to_string();
        let required = required.trim() == "yes";
        out.entry(section.clone())
            .or_default()
            .push((name, ty.trim().to_string(), required));
    }
    out
}

#[test]
fn docs_fields_md_lists_every_field_as_declared() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/fields.md");
    let text = std::fs::read_to_string(path).expect("docs/fields.md");
    let documented = documented(&text);
    let mut declared = BTreeMap::new();
    let mut config = Vec::new();
    rows(CONFIG, "", &mut config);
    declared.insert("charter.yaml".to_string(), config);
    for kind in Kind::ALL {
        let mut fields = Vec::new();
        rows(kind.fields(), "", &mut fields);
        let heading = match kind {
            Kind::Vision => "vision.md".to_string(),
            kind => format!("{}/", kind.folder()),
        };
        declared.insert(heading, fields);
    }
    for (section, fields) in &declared {
        let want: Vec<String> = fields
            .iter()
            .map(|(n, t, r)| format!("| `{n}` | {t} | {} |", if *r { "yes" } else { "" }))
            .collect();
        assert_eq!(
            documented.get(section),
            Some(fields),
            "docs/fields.md, section `## {section}`, should list these rows (then a meaning):\n{}",
            want.join("\n")
        );
    }
    let extra: Vec<&String> = documented
        .keys()
        .filter(|k| !declared.contains_key(*k))
        .collect();
    assert!(
        extra.is_empty(),
        "docs/fields.md has sections of no kind: {extra:?}"
    );
}
