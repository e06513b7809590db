//! Field-by-field comparison of two versions of one file: what a field
//! timeline, the change log and `charter diff` all show.

use crate::model::value::number_json;
use crate::model::{Fields, Value, Version};
use crate::schema::{Field, Ty};
use serde::Serialize;

/// One field that differs: `status: planned → in-progress`. A record field
/// is compared per sub-field (`score.effort`); a missing value is `None`.
/// When a list changed, `added` and `removed` also say which items did,
/// since a metric's twenty values before and after say little. Values keep
/// their type, for pages that show them as people read them (a person by
/// name); they serialise as their author would write them in flow YAML.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    pub field: String,
    #[serde(serialize_with = "written")]
    pub old: Option<Value>,
    #[serde(serialize_with = "written")]
    pub new: Option<Value>,
    #[serde(skip_serializing_if = "Vec::is_empty", serialize_with = "all_written")]
    pub added: Vec<Value>,
    #[serde(skip_serializing_if = "Vec::is_empty", serialize_with = "all_written")]
    pub removed: Vec<Value>,
}

/// A value as `display` writes it; `None` stays null.
fn written<S: serde::Serializer>(value: &Option<Value>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => s.serialize_some(&display(v)),
        None => s.serialize_none(),
    }
}

fn all_written<S: serde::Serializer>(values: &[Value], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(values.iter().map(display))
}

/// What changed between two versions of a file.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Comparison {
    pub fields: Vec<FieldChange>,
    pub body_changed: bool,
    /// The newer version could not be read (YAML error, not UTF-8).
    pub unreadable: bool,
}

/// One version of a file as a comparison sees it: its fields and body,
/// or that it could not be read. It borrows them wherever they are held:
/// a version read from git, or the checked file of the revision read.
#[derive(Debug, Clone, Copy)]
pub enum Contents<'a> {
    Read(&'a Fields, &'a str),
    /// Not UTF-8, or its YAML does not parse.
    Unreadable,
}

impl<'a> From<&'a Version> for Contents<'a> {
    fn from(version: &'a Version) -> Self {
        match version {
            Version::Read { fields, body } => Contents::Read(fields, body),
            Version::Unreadable => Contents::Unreadable,
        }
    }
}

/// Compares `old` (absent when the file is new) with `new` (absent when it
/// was deleted). An unreadable side contributes no fields.
pub fn versions(schema: &[Field], old: Option<Contents>, new: Option<Contents>) -> Comparison {
    fn read<'a>(v: Option<Contents<'a>>) -> Option<(&'a Fields, &'a str)> {
        match v {
            Some(Contents::Read(fields, body)) => Some((fields, body)),
            _ => None,
        }
    }
    let unreadable = matches!(new, Some(Contents::Unreadable));
    // Only a side that was read can be compared: an unreadable version
    // says nothing about which fields changed.
    if (old.is_some() && read(old).is_none()) || unreadable {
        return Comparison {
            unreadable,
            ..Comparison::default()
        };
    }
    contents(schema, read(old), read(new))
}

/// Compares two versions' (fields, body); `None` for a missing side.
pub fn contents(
    schema: &[Field],
    old: Option<(&Fields, &str)>,
    new: Option<(&Fields, &str)>,
) -> Comparison {
    let empty = Fields::default();
    let (old_fields, old_body) = old.unwrap_or((&empty, ""));
    let (new_fields, new_body) = new.unwrap_or((&empty, ""));
    let mut changes = Vec::new();
    fields(schema, "", old_fields, new_fields, &mut changes);
    Comparison {
        fields: changes,
        body_changed: old_body.trim() != new_body.trim(),
        unreadable: false,
    }
}

/// The changed fields, in schema order.
pub fn fields(
    schema: &[Field],
    prefix: &str,
    old: &Fields,
    new: &Fields,
    out: &mut Vec<FieldChange>,
) {
    for field in schema {
        let (a, b) = (old.get(field.name), new.get(field.name));
        if let (Ty::Record(inner), Some(Value::Record(ra)), Some(Value::Record(rb))) =
            (&field.ty, a.map(|v| &v.value), b.map(|v| &v.value))
        {
            fields(inner, &format!("{prefix}{}.", field.name), ra, rb, out);
            continue;
        }
        let (a, b) = (a.map(|v| &v.value), b.map(|v| &v.value));
        if a.map(display) == b.map(display) {
            continue;
        }
        let (added, removed) = match (a, b) {
            (Some(Value::List(x)), Some(Value::List(y))) => (minus(y, x), minus(x, y)),
            _ => (Vec::new(), Vec::new()),
        };
        out.push(FieldChange {
            field: format!("{prefix}{}", field.name),
            old: a.cloned(),
            new: b.cloned(),
            added,
            removed,
        });
    }
}

/// The items of `a` that `b` lacks, each item counted as often as it occurs.
fn minus(a: &[crate::model::Spanned<Value>], b: &[crate::model::Spanned<Value>]) -> Vec<Value> {
    let mut rest: Vec<String> = b.iter().map(|v| display(&v.value)).collect();
    a.iter()
        .filter(|item| {
            let shown = display(&item.value);
            match rest.iter().position(|r| *r == shown) {
                Some(i) => {
                    rest.swap_remove(i);
                    false
                }
                None => true,
            }
        })
        .map(|item| item.value.clone())
        .collect()
}

/// A value as its author would write it in flow YAML.
pub fn display(value: &Value) -> String {
    match value {
        Value::Str(s) | Value::Ref(_, s) => s.clone(),
        Value::Date(d) => d.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => number_json(*n).to_string(),
        Value::List(items) => {
            let items: Vec<String> = items.iter().map(|v| display(&v.value)).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Record(fields) => {
            let pairs: Vec<String> = fields
                .0
                .iter()
                .map(|(k, v)| format!("{k}: {}", display(&v.value)))
                .collect();
            format!("{{{}}}", pairs.join(", "))
        }
        Value::Any(v) => v.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, read_version};

    fn version(text: &str) -> Version {
        read_version("roadmap/sso.md", text.as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn reports_each_changed_field_in_schema_order() {
        let old = version(
            "---\ntitle: SSO\nstatus: planned\nscore: {reach: 1, impact: 2, confidence: 50, effort: 1}\n---\nBody\n",
        );
        let new = version(
            "---\ntitle: SSO\nstatus: wild\nowner: ada\ntags: [a, b]\nscore: {reach: 1, impact: 2, confidence: 80, effort: 1}\n---\nBody\n\n",
        );
        let c = versions(
            Kind::Roadmap.fields(),
            Some((&old).into()),
            Some((&new).into()),
        );
        let shown: Vec<String> = c
            .fields
            .iter()
            .map(|f| {
                let (old, new) = (f.old.as_ref().map(display), f.new.as_ref().map(display));
                format!("{}: {old:?} → {new:?}", f.field)
            })
            .collect();
        assert_eq!(
            shown,
            [
                "status: Some(\"planned\") → Some(\"wild\")",
                "owner: None → Some(\"ada\")",
                "score.confidence: Some(\"50\") → Some(\"80\")",
                "tags: None → Some(\"[a, b]\")",
            ]
        );
        assert!(!c.body_changed, "trailing blank lines are not an edit");
    }

    #[test]
    fn a_list_change_names_the_items_added_and_removed() {
        let old = version("---\ntitle: X\nstatus: a\ntags: [x, y, y]\n---\n");
        let new = version("---\ntitle: X\nstatus: a\ntags: [y, z, x]\n---\n");
        let c = versions(
            Kind::Roadmap.fields(),
            Some((&old).into()),
            Some((&new).into()),
        );
        let shown = |items: &[Value]| items.iter().map(display).collect::<Vec<_>>();
        assert_eq!(
            (shown(&c.fields[0].added), shown(&c.fields[0].removed)),
            (vec!["z".to_string()], vec!["y".to_string()])
        );
    }

    #[test]
    fn an_unreadable_version_is_flagged_not_compared() {
        let good = version("---\ntitle: SSO\nstatus: planned\n---\n");
        let bad = version("---\ntitle: [unclosed\n---\n");
        assert_eq!(bad, Version::Unreadable);
        let c = versions(
            Kind::Roadmap.fields(),
            Some((&good).into()),
            Some((&bad).into()),
        );
        assert!(c.unreadable && c.fields.is_empty());
        let back = versions(
            Kind::Roadmap.fields(),
            Some((&bad).into()),
            Some((&good).into()),
        );
        assert!(!back.unreadable && back.fields.is_empty());
    }

    #[test]
    fn a_new_file_shows_every_field_it_sets() {
        let new = version("---\ntitle: SSO\nstatus: planned\n---\nHi\n");
        let c = versions(Kind::Roadmap.fields(), None, Some((&new).into()));
        assert_eq!(c.fields.len(), 2);
        assert!(c.body_changed);
    }
}
