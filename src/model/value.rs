//! Checked field values. A value that reaches here has the type its
//! schema asks for; one that did not is left out, with a diagnostic.

use super::date::Date;
use crate::schema::Kind;
use serde::Serialize;
use std::collections::BTreeMap;
use std::ops::Range;

#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    /// Byte range in the entity's source file.
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Str(String),
    Bool(bool),
    Number(f64),
    Date(Date),
    /// The id of an entity of that kind (existence is checked later).
    Ref(Kind, String),
    List(Vec<Spanned<Value>>),
    Record(Fields),
    Any(serde_json::Value),
}

/// The known, well-typed fields of an entity or record, by name.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Fields(pub BTreeMap<&'static str, Spanned<Value>>);

impl Fields {
    pub fn get(&self, name: &str) -> Option<&Spanned<Value>> {
        self.0.get(name)
    }

    pub fn str(&self, name: &str) -> Option<&str> {
        match &self.get(name)?.value {
            Value::Str(s) | Value::Ref(_, s) => Some(s),
            _ => None,
        }
    }

    pub fn date(&self, name: &str) -> Option<Date> {
        match self.get(name)?.value {
            Value::Date(d) => Some(d),
            _ => None,
        }
    }

    pub fn number(&self, name: &str) -> Option<f64> {
        match self.get(name)?.value {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    pub fn bool(&self, name: &str) -> Option<bool> {
        match self.get(name)?.value {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }

    pub fn record(&self, name: &str) -> Option<&Fields> {
        match &self.get(name)?.value {
            Value::Record(r) => Some(r),
            _ => None,
        }
    }

    /// The items of a list field (empty when absent).
    pub fn list(&self, name: &str) -> &[Spanned<Value>] {
        match self.get(name).map(|v| &v.value) {
            Some(Value::List(items)) => items,
            _ => &[],
        }
    }

    /// The records of a list-of-records field.
    pub fn records(&self, name: &str) -> impl Iterator<Item = &Fields> {
        self.list(name).iter().filter_map(|v| match &v.value {
            Value::Record(r) => Some(r),
            _ => None,
        })
    }

    /// The referenced ids of a single or list reference field, with spans.
    pub fn refs(&self, name: &str) -> Vec<Spanned<&str>> {
        self.get(name).map_or_else(Vec::new, |v| {
            v.refs()
                .into_iter()
                .map(|(_, id, span)| Spanned { value: id, span })
                .collect()
        })
    }

    /// Calls `f` with every reference in the `names` fields, at any depth,
    /// with the path of fields that leads to it (`["key_results", "metric"]`).
    pub fn each_ref<'a>(
        &'a self,
        names: impl Iterator<Item = &'static str>,
        f: &mut RefVisitor<'a, '_>,
    ) {
        let mut path = Vec::new();
        for name in names {
            if let Some(v) = self.0.get(name) {
                path.push(name);
                v.visit_refs(&mut path, f);
                path.pop();
            }
        }
    }
}

pub type RefVisitor<'a, 'f> = dyn FnMut(&[&'static str], Kind, &'a str, &Range<usize>) + 'f;

impl Spanned<Value> {
    /// Every reference inside this value: (kind, id, span).
    pub fn refs(&self) -> Vec<(Kind, &str, Range<usize>)> {
        let mut out = Vec::new();
        self.visit_refs(&mut Vec::new(), &mut |_, kind, id, span| {
            out.push((kind, id, span.clone()))
        });
        out
    }

    fn visit_refs<'a>(&'a self, path: &mut Vec<&'static str>, f: &mut RefVisitor<'a, '_>) {
        match &self.value {
            Value::Ref(kind, id) => f(path, *kind, id, &self.span),
            Value::List(items) => items.iter().for_each(|v| v.visit_refs(path, f)),
            Value::Record(fields) => {
                for (name, v) in &fields.0 {
                    path.push(*name);
                    v.visit_refs(path, f);
                    path.pop();
                }
            }
            _ => {}
        }
    }
}

/// A reference as templates and the export see it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Link {
    pub kind: Kind,
    pub id: String,
    pub title: String,
    /// Relative to the site root, naming the file: `roadmap/sso/index.html`.
    pub url: String,
    /// For roadmap items, goals and decisions, so lists can show a badge.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// For people, so lists and charts can show who it is at a glance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub avatar: Option<super::Avatar>,
}

impl Value {
    /// Plain JSON, with each reference turned into whatever `link` makes of it.
    pub fn to_json(&self, link: &dyn Fn(Kind, &str) -> serde_json::Value) -> serde_json::Value {
        use serde_json::Value as J;
        match self {
            Value::Str(s) => J::String(s.clone()),
            Value::Date(d) => J::String(d.to_string()),
            Value::Bool(b) => J::Bool(*b),
            Value::Number(n) => number_json(*n),
            Value::Ref(kind, id) => link(*kind, id),
            Value::List(items) => J::Array(items.iter().map(|v| v.value.to_json(link)).collect()),
            Value::Record(fields) => fields.to_json(link),
            Value::Any(v) => v.clone(),
        }
    }
}

impl Fields {
    pub fn to_json(&self, link: &dyn Fn(Kind, &str) -> serde_json::Value) -> serde_json::Value {
        serde_json::Value::Object(
            self.0
                .iter()
                .map(|(k, v)| (k.to_string(), v.value.to_json(link)))
                .collect(),
        )
    }
}

/// Whole numbers print without a trailing `.0`.
/// A number as templates and the export see it: whole numbers without a
/// fraction (`3`, not `3.0`).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Number(pub f64);

impl Number {
    /// `a - b` without the noise of binary fractions: `9.2 - 0.1` is
    /// `9.1`, not `9.099999999999999`. Twelve significant digits are more
    /// than any value written in a strategy holds.
    pub fn difference(a: f64, b: f64) -> Number {
        let d = a - b;
        Number(format!("{d:.11e}").parse().unwrap_or(d))
    }
}

impl Serialize for Number {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        number_json(self.0).serialize(s)
    }
}

pub fn number_json(n: f64) -> serde_json::Value {
    if n.fract() == 0.0 && n.abs() < 9e15 {
        serde_json::Value::from(n as i64)
    } else {
        serde_json::Number::from_f64(n).map_or(serde_json::Value::Null, serde_json::Value::Number)
    }
}

#[cfg(test)]
mod tests {
    use super::Number;

    #[test]
    fn a_difference_has_no_binary_noise() {
        assert_eq!(Number::difference(9.2, 0.1).0, 9.1);
        assert_eq!(Number::difference(0.3, 0.1).0, 0.2);
        assert_eq!(Number::difference(48_950.0, 37_900.0).0, 11_050.0);
        assert_eq!(Number::difference(1.0, 1e-9).0, 0.999_999_999);
        assert_eq!(Number::difference(-2.5, 0.25).0, -2.75);
    }
}
