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

/// Every relative link in the README and `docs/` leads to a file of the
/// repository (and an anchor in one of them to a heading there).
#[test]
fn links_in_the_readme_and_docs_resolve() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages = vec![root.join("README.md")];
    for entry in std::fs::read_dir(root.join("docs")).expect("docs/") {
        pages.push(entry.expect("an entry").path());
    }
    for page in pages {
        let text = std::fs::read_to_string(&page).expect("a page");
        // Links in code blocks and code spans are examples, not links.
        let mut in_block = false;
        let prose: String = text
            .lines()
            .filter(|line| {
                in_block ^= line.trim_start().starts_with("```");
                !in_block && !line.trim_start().starts_with("```")
            })
            .flat_map(|line| line.split('`').step_by(2).chain(["\n"]))
            .collect();
        for target in prose
            .split("](")
            .skip(1)
            .filter_map(|rest| rest.split(')').next())
        {
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let (file, anchor) = target.split_once('#').unwrap_or((target, ""));
            let linked = match file {
                "" => page.clone(),
                file => page.parent().expect("a folder").join(file),
            };
            assert!(linked.exists(), "{}: no {target}", page.display());
            if !anchor.is_empty() && linked.extension().is_some_and(|e| e == "md") {
                let headings = std::fs::read_to_string(&linked).expect("a page");
                let slug = |h: &str| {
                    h.trim_start_matches('#')
                        .trim()
                        .to_lowercase()
                        .chars()
                        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
                        .map(|c| if c == ' ' { '-' } else { c })
                        .collect::<String>()
                };
                let found = headings
                    .lines()
                    .filter(|l| l.starts_with('#'))
                    .any(|h| slug(h) == anchor);
                assert!(found, "{}: no heading for {target}", page.display());
            }
        }
    }
}
