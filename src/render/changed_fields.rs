//! Field changes as a reader tells them, for History sections, the change
//! log and its feed: a reference by the title of what it names, linked
//! (`Owner: Zoë Müller → Leilani Kahale`), a status by its label, numbers
//! by the one rule, a metric's new value as "recorded 48,950 on
//! 2026-12-01". `charter diff` and `export` keep the values as written.

use super::context::obj;
use super::labels::label;
use crate::history::compare::{FieldChange, display};
use crate::model::{Entity, Fields, Strategy, Value};
use crate::schema::{Allowed, Field, Ty};
use crate::text::numbers;
use serde_json::Value as Json;

/// `changes` to a file whose fields are `schema`, named as the strategy
/// built names them; `entity` is that file's entity there, if it has one.
pub fn readable(
    changes: &[FieldChange],
    schema: &[Field],
    strategy: &Strategy,
    entity: Option<&Entity>,
) -> Json {
    let reader = Reader {
        strategy,
        unit: entity.and_then(|e| e.fields.str("unit")),
    };
    Json::Array(changes.iter().map(|c| reader.change(c, schema)).collect())
}

struct Reader<'a> {
    strategy: &'a Strategy,
    /// The unit of a metric's values.
    unit: Option<&'a str>,
}

impl Reader<'_> {
    fn change(&self, c: &FieldChange, schema: &[Field]) -> Json {
        let ty = type_of(schema, &c.field);
        let name = label(&c.field);
        let Some(Ty::List(item)) = ty else {
            let old = c.old.as_ref().map(|v| self.piece(v, ty));
            let new = c.new.as_ref().map(|v| self.piece(v, ty));
            let text = |p: &Option<Json>, absent: &str| {
                p.as_ref()
                    .and_then(|p| p["text"].as_str())
                    .unwrap_or(absent)
                    .to_string()
            };
            let text = format!("{name}: {} → {}", text(&old, "none"), text(&new, "removed"));
            return obj([
                ("field", Json::from(c.field.as_str())),
                ("label", Json::from(name)),
                ("list", Json::Bool(false)),
                ("old", Json::from(old)),
                ("new", Json::from(new)),
                ("text", Json::from(text)),
            ]);
        };
        // A list set or cleared whole reads as its items added or removed.
        let items = |v: &Option<Value>| match v {
            Some(Value::List(items)) => items.iter().map(|i| i.value.clone()).collect(),
            _ => Vec::new(),
        };
        let (added, removed) = match (&c.old, &c.new) {
            (Some(_), Some(_)) => (c.added.clone(), c.removed.clone()),
            (old, new) => (items(new), items(old)),
        };
        // A list of measurements ({date, value}) grows by values recorded.
        let measured =
            matches!(item, Ty::Record(fields) if has(fields, "date") && has(fields, "value"));
        let added_verb = if measured { "recorded" } else { "added" };
        let (changed, added, removed) = self.paired(added, removed, item);
        let pieces = |values: &[Value]| -> Vec<Json> {
            values.iter().map(|v| self.piece(v, Some(item))).collect()
        };
        let (added, removed) = (pieces(&added), pieces(&removed));
        let texts = |ps: &[Json]| {
            let texts: Vec<&str> = ps.iter().filter_map(|p| p["text"].as_str()).collect();
            texts.join(", ")
        };
        let mut parts = Vec::new();
        if !changed.is_empty() {
            parts.push(texts(&changed));
        }
        if !added.is_empty() {
            parts.push(format!("{added_verb} {}", texts(&added)));
        }
        if !removed.is_empty() {
            parts.push(format!("removed {}", texts(&removed)));
        }
        if parts.is_empty() {
            parts.push("reordered".to_string());
        }
        let text = format!("{name}: {}", parts.join("; "));
        obj([
            ("field", Json::from(c.field.as_str())),
            ("label", Json::from(name)),
            ("list", Json::Bool(true)),
            ("changed", Json::from(changed)),
            ("added", Json::from(added)),
            ("removed", Json::from(removed)),
            ("added_verb", Json::from(added_verb)),
            ("text", Json::from(text)),
        ])
    }

    /// Records of a list that were removed and added under the same title
    /// are one record changed: a milestone marked done reads "“Beta” done",
    /// a date moved "“GA” 2027-01-29 → 2027-02-12". Returns those, then the
    /// records added and removed that are left.
    fn paired(
        &self,
        mut added: Vec<Value>,
        mut removed: Vec<Value>,
        item: &Ty,
    ) -> (Vec<Json>, Vec<Value>, Vec<Value>) {
        let title = |v: &Value| match v {
            Value::Record(f) => f.str("title").map(str::to_string),
            _ => None,
        };
        let mut changed = Vec::new();
        let mut i = 0;
        while i < added.len() {
            let matching = title(&added[i])
                .and_then(|t| removed.iter().position(|r| title(r).as_ref() == Some(&t)));
            let Some(j) = matching else {
                i += 1;
                continue;
            };
            let (Value::Record(new), Value::Record(old)) = (added.remove(i), removed.remove(j))
            else {
                unreachable!("only records have titles")
            };
            changed.push(as_piece(self.record_change(&old, &new, item), None, None));
        }
        (changed, added, removed)
    }

    /// What changed in a titled record: "“GA” 2027-01-29 → 2027-02-12, done".
    fn record_change(&self, old: &Fields, new: &Fields, item: &Ty) -> String {
        let inner = match item {
            Ty::Record(fields) => *fields,
            _ => &[],
        };
        let names = old
            .0
            .keys()
            .chain(new.0.keys().filter(|k| !old.0.contains_key(*k)));
        let notes: Vec<String> = names
            .filter(|name| **name != "title")
            .filter_map(|name| {
                let (was, is) = (
                    old.get(name).map(|v| &v.value),
                    new.get(name).map(|v| &v.value),
                );
                if was == is {
                    return None;
                }
                let shown = |v: Option<&Value>| {
                    v.map(|v| {
                        self.piece(v, type_of(inner, name))["text"]
                            .as_str()
                            .unwrap_or("")
                            .to_string()
                    })
                };
                Some(match (*name, is) {
                    ("done", Some(Value::Bool(true))) => "done".to_string(),
                    ("done", _) => "not done".to_string(),
                    ("date", _) => format!(
                        "{} → {}",
                        shown(was).unwrap_or_else(|| "no date".into()),
                        shown(is).unwrap_or_else(|| "no date".into())
                    ),
                    _ => format!(
                        "{}: {} → {}",
                        label(name).to_lowercase(),
                        shown(was).unwrap_or_else(|| "none".into()),
                        shown(is).unwrap_or_else(|| "none".into())
                    ),
                })
            })
            .collect();
        let title = new.str("title").unwrap_or_default();
        match notes.is_empty() {
            true => format!("“{title}” edited"),
            false => format!("“{title}” {}", notes.join(", ")),
        }
    }

    /// One value: `{text, url, value}`, `url` the page of an entity it
    /// names (null once that entity is gone: its id is shown), `value` the
    /// value of a fixed set (a status), for styling.
    fn piece(&self, value: &Value, ty: Option<&Ty>) -> Json {
        let (text, url, raw) = match (value, ty) {
            (Value::Ref(kind, id), _) => match self.strategy.get(*kind, id) {
                Some(e) => (e.title().to_string(), Some(e.url()), None),
                None => (id.clone(), None, None),
            },
            (Value::Str(s), Some(Ty::Enum(Allowed::Pillars))) => (
                self.strategy.pillar_title(s).unwrap_or(s).to_string(),
                None,
                None,
            ),
            (Value::Str(s), Some(Ty::Enum(_))) => (s.replace('-', " "), None, Some(s.clone())),
            (Value::Number(n), _) => (numbers::full(*n), None, None),
            (Value::Bool(b), _) => (if *b { "yes" } else { "no" }.to_string(), None, None),
            (Value::Record(fields), _) => (self.record(fields), None, None),
            (other, _) => (display(other), None, None),
        };
        as_piece(text, url, raw)
    }

    /// A list's record in a few words: a measurement as "48,950 on
    /// 2026-12-01", anything with a title as "“title” (2027-05-28, done)".
    fn record(&self, fields: &Fields) -> String {
        let date = fields.date("date").map(|d| d.to_string());
        if let (Some(date), Some(value)) = (&date, fields.number("value")) {
            let unit = self.unit.map(|u| format!(" {u}")).unwrap_or_default();
            return format!("{}{unit} on {date}", numbers::full(value));
        }
        let Some(title) = fields.str("title") else {
            return display(&Value::Record(fields.clone()));
        };
        let done = matches!(
            fields.get("done").map(|v| &v.value),
            Some(Value::Bool(true))
        );
        let when = date.or_else(|| fields.date("by").map(|d| format!("by {d}")));
        let notes: Vec<String> = when
            .into_iter()
            .chain(done.then(|| "done".into()))
            .collect();
        match notes.is_empty() {
            true => format!("“{title}”"),
            false => format!("“{title}” ({})", notes.join(", ")),
        }
    }
}

/// A value as templates see it (see `Reader::piece`), its parts moved in.
fn as_piece(text: String, url: Option<String>, value: Option<String>) -> Json {
    obj([
        ("text", Json::from(text)),
        ("url", Json::from(url)),
        ("value", Json::from(value)),
    ])
}

fn has(fields: &[Field], name: &str) -> bool {
    fields.iter().any(|f| f.name == name)
}

/// The type of the field at `path` (`score.reach`) in `schema`.
fn type_of<'s>(schema: &'s [Field], path: &str) -> Option<&'s Ty> {
    let (head, rest) = match path.split_once('.') {
        Some((head, rest)) => (head, Some(rest)),
        None => (path, None),
    };
    let field = schema.iter().find(|f| f.name == head)?;
    match (rest, &field.ty) {
        (None, ty) => Some(ty),
        (Some(rest), Ty::Record(inner)) => type_of(inner, rest),
        _ => None,
    }
}
