//! Turns a parsed YAML mapping into checked `Fields`, following the
//! schema: types, required fields, allowed values, dates, unknown fields.
//! Every problem becomes a diagnostic at the value's own position and the
//! value is dropped, so later stages only ever see well-typed data.

use super::date::Date;
use super::value::{Fields, Spanned, Value};
use super::yaml::{Node, NodeValue};
use crate::diagnostics::{Code, Diagnostic, suggest};
use crate::schema::{Allowed, Field, Ty};
use std::ops::Range;

/// Values that enumerated fields may take, read from other files.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Choices {
    pub statuses: Vec<String>,
    pub horizons: Vec<String>,
    pub pillars: Vec<String>,
    /// Accept any value: past versions were checked against the allowed
    /// values of their own time, which may differ from today's.
    pub any: bool,
}

pub struct Converter<'a> {
    pub file: &'a str,
    /// Where the YAML text starts in the file (after a front matter fence).
    pub offset: usize,
    pub choices: &'a Choices,
    pub diagnostics: &'a mut Vec<Diagnostic>,
}

impl Converter<'_> {
    fn span(&self, node: &Node) -> Range<usize> {
        node.span.start + self.offset..node.span.end + self.offset
    }

    fn report(&mut self, code: Code, node: &Node, message: String) -> &mut Diagnostic {
        let span = self.span(node);
        self.diagnostics
            .push(Diagnostic::new(code, message).at(self.file, span));
        self.diagnostics.last_mut().expect("just pushed")
    }

    /// Converts a mapping. `what` names it in messages ("front matter",
    /// "`score`"); a missing required field is reported at `anchor`.
    pub fn record(&mut self, node: &Node, fields: &'static [Field], what: &str) -> Fields {
        let mut out = Fields::default();
        let Some(entries) = node.as_map() else {
            if !node.is_null() {
                let found = node.describe();
                self.report(
                    Code::WRONG_TYPE,
                    node,
                    format!("{what} must be a mapping of fields"),
                )
                .label = Some(format!("found {found}"));
            }
            self.missing(node, fields, &out, what);
            return out;
        };
        for (key, value) in entries {
            let Some(name) = key.as_scalar() else {
                self.report(
                    Code::WRONG_TYPE,
                    key,
                    "a field name must be plain text".into(),
                );
                continue;
            };
            let Some(field) = fields.iter().find(|f| f.name == name) else {
                let hint = suggest(name, fields.iter().map(|f| f.name));
                let d = self.report(
                    Code::UNKNOWN_FIELD,
                    key,
                    format!("unknown field `{name}` in {what}"),
                );
                d.label = Some("this field is ignored".into());
                d.help = Some(match hint {
                    Some(h) => format!("did you mean `{h}`?"),
                    None => format!(
                        "known fields: {}; put free-form data under `extra:`",
                        fields.iter().map(|f| f.name).collect::<Vec<_>>().join(", ")
                    ),
                });
                continue;
            };
            if out.0.contains_key(field.name) {
                self.report(
                    Code::DUPLICATE_FIELD,
                    key,
                    format!("field `{name}` is given twice"),
                )
                .help = Some("keep one of them".into());
                continue;
            }
            if value.is_null() {
                continue;
            }
            if let Some(v) = self.value(value, &field.ty, name) {
                let span = self.span(value);
                out.0.insert(field.name, Spanned { value: v, span });
            }
        }
        self.missing(node, fields, &out, what);
        self.needed(node, fields, &out, what);
        out
    }

    /// A field present without the one it needs (`metric` without `target`).
    fn needed(&mut self, node: &Node, fields: &'static [Field], out: &Fields, what: &str) {
        let Some(entries) = node.as_map() else {
            return;
        };
        for field in fields {
            let Some((other, otherwise)) = field.needs else {
                continue;
            };
            if out.get(field.name).is_none() || out.get(other).is_some() {
                continue;
            }
            let named = entries
                .iter()
                .find(|(k, _)| k.as_scalar() == Some(field.name));
            // Present but invalid, the needed field has its own diagnostic.
            let other_written = entries.iter().any(|(k, _)| k.as_scalar() == Some(other));
            if let (Some((key, _)), false) = (named, other_written) {
                let d = self.report(
                    Code::INCOMPLETE,
                    key,
                    format!("`{}` without `{other}` in {what}: {otherwise}", field.name),
                );
                d.help = Some(format!("add `{other}: ...`"));
            }
        }
    }

    fn missing(&mut self, node: &Node, fields: &'static [Field], out: &Fields, what: &str) {
        for field in fields.iter().filter(|f| f.required) {
            // A field that was present but invalid already has its own diagnostic.
            let present = node.as_map().is_some_and(|m| {
                m.iter()
                    .any(|(k, v)| k.as_scalar() == Some(field.name) && !v.is_null())
            });
            if !present && out.get(field.name).is_none() {
                let anchor = Node {
                    span: node.span.start..node.span.start,
                    ..node.clone()
                };
                self.report(
                    Code::MISSING_FIELD,
                    &anchor,
                    format!("missing required field `{}` in {what}", field.name),
                )
                .help = Some(format!("add `{}: ...`", field.name));
            }
        }
    }

    fn value(&mut self, node: &Node, ty: &Ty, field: &str) -> Option<Value> {
        match ty {
            Ty::Any if node.as_map().is_none() => self.wrong_type(node, field, "a mapping"),
            Ty::Any => Some(Value::Any(node.to_json())),
            Ty::List(inner) => {
                let Some(items) = node.as_seq() else {
                    return self.wrong_type(node, field, "a list");
                };
                let items = items
                    .iter()
                    .filter_map(|item| {
                        let v = self.value(item, inner, field)?;
                        Some(Spanned {
                            value: v,
                            span: self.span(item),
                        })
                    })
                    .collect();
                Some(Value::List(items))
            }
            Ty::Record(fields) => {
                if node.as_map().is_none() {
                    return self.wrong_type(node, field, "a mapping");
                }
                Some(Value::Record(self.record(
                    node,
                    fields,
                    &format!("`{field}`"),
                )))
            }
            _ => {
                let NodeValue::Scalar { text, quoted } = &node.value else {
                    return self.wrong_type(node, field, expected(ty));
                };
                self.scalar(node, text, *quoted, ty, field)
            }
        }
    }

    fn scalar(
        &mut self,
        node: &Node,
        text: &str,
        quoted: bool,
        ty: &Ty,
        field: &str,
    ) -> Option<Value> {
        match ty {
            Ty::Str | Ty::Static => Some(Value::Str(text.to_string())),
            Ty::Bool => match (text, quoted) {
                ("true", false) => Some(Value::Bool(true)),
                ("false", false) => Some(Value::Bool(false)),
                _ => self.wrong_type(node, field, "`true` or `false`"),
            },
            Ty::Date if let Some(date) = Date::parse(text) => Some(Value::Date(date)),
            Ty::Date => {
                self.report(
                    Code::BAD_DATE,
                    node,
                    format!("`{text}` in `{field}` is not a date"),
                )
                .help = Some("write dates as YYYY-MM-DD, e.g. 2027-03-31".into());
                None
            }
            Ty::Number { min, max, positive } => {
                let Some(n) = text
                    .parse::<f64>()
                    .ok()
                    .filter(|n| !quoted && n.is_finite())
                else {
                    return self.wrong_type(node, field, "a number");
                };
                let too_low = min.is_some_and(|m| n < m) || (*positive && n <= 0.0);
                let too_high = max.is_some_and(|m| n > m);
                if too_low || too_high {
                    let range = match (min, max, positive) {
                        (Some(a), Some(b), _) => format!("from {a} to {b}"),
                        (_, _, true) => "greater than 0".to_string(),
                        (Some(a), None, _) => format!("at least {a}"),
                        (None, Some(b), _) => format!("at most {b}"),
                        (None, None, false) => String::new(),
                    };
                    let d = self.report(
                        Code::NOT_ALLOWED,
                        node,
                        format!("`{field}` must be {range}"),
                    );
                    d.label = Some(format!("{text} is out of range"));
                    d.help = Some(format!("use a number {range}"));
                    return None;
                }
                Some(Value::Number(n))
            }
            Ty::Enum(allowed) => {
                let choices: Vec<&str> = match allowed {
                    Allowed::Fixed(values) => values.to_vec(),
                    Allowed::Statuses => self.choices.statuses.iter().map(String::as_str).collect(),
                    Allowed::Horizons => self.choices.horizons.iter().map(String::as_str).collect(),
                    Allowed::Pillars => self.choices.pillars.iter().map(String::as_str).collect(),
                };
                if self.choices.any || choices.contains(&text) {
                    return Some(Value::Str(text.to_string()));
                }
                let hint = suggest(text, choices.iter().copied());
                let list = choices
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let what = match allowed {
                    Allowed::Pillars => "a pillar of vision.md",
                    _ => "allowed",
                };
                let d = self.report(
                    Code::NOT_ALLOWED,
                    node,
                    format!("`{text}` is not {what} in `{field}`"),
                );
                d.label = Some(if list.is_empty() {
                    "nothing is allowed here yet".into()
                } else {
                    format!("expected one of {list}")
                });
                d.help = hint.map(|h| format!("did you mean `{h}`?"));
                None
            }
            Ty::Ref(kind) => Some(Value::Ref(*kind, text.to_string())),
            Ty::Url(url) => match url.refuses(text) {
                None => Some(Value::Str(text.to_string())),
                Some(expected) => {
                    let d = self.report(
                        Code::NOT_ALLOWED,
                        node,
                        format!("`{field}` must be {expected}"),
                    );
                    d.label = Some("pages would link here".into());
                    d.help = Some(format!("write `{field}` as {expected}"));
                    None
                }
            },
            Ty::List(_) | Ty::Record(_) | Ty::Any => unreachable!("handled by value()"),
        }
    }

    fn wrong_type(&mut self, node: &Node, field: &str, expected: &str) -> Option<Value> {
        let found = node.describe();
        let d = self.report(
            Code::WRONG_TYPE,
            node,
            format!("`{field}` must be {expected}"),
        );
        d.label = Some(format!("found {found}"));
        d.help = Some(match node.as_scalar() {
            Some(one) if expected == "a list" => format!("write a list, e.g. `{field}: [{one}]`"),
            _ => format!("write `{field}` as {expected}"),
        });
        None
    }
}

fn expected(ty: &Ty) -> &'static str {
    match ty {
        Ty::Bool => "`true` or `false`",
        Ty::Date => "a date (YYYY-MM-DD)",
        Ty::Number { .. } => "a number",
        Ty::Ref(_) => "an id",
        _ => "text",
    }
}
