//! `charter.yaml` as the pages, the export and the checks read it: its
//! fields with defaults applied, in the shape of the file, so that the
//! export serialises it whole and no field of the file is left out.

use super::{Fields, Value};
use serde::Serialize;

/// `charter.yaml`, with defaults applied, shaped as the file is (its
/// fields as `schema::CONFIG` lists them): `export` serialises it whole.
#[derive(Debug, Clone, Serialize)]
pub struct Config {
    pub title: String,
    pub description: String,
    pub base_url: String,
    pub repo_url: Option<String>,
    pub theme: String,
    /// Where `theme` is written in charter.yaml, for "no such theme".
    #[serde(skip)]
    pub theme_span: Option<std::ops::Range<usize>>,
    pub statuses: Vec<String>,
    /// The statuses that mean an item is finished (shipped, dropped): the
    /// board folds them away. One not among `statuses` matches no item,
    /// and `check` reports it.
    pub finished: Vec<String>,
    /// Where `finished` is written in charter.yaml.
    #[serde(skip)]
    pub finished_span: Option<std::ops::Range<usize>>,
    pub horizons: Vec<String>,
    pub currency: String,
    pub markdown: MarkdownConfig,
    pub history: HistoryConfig,
    pub extra: serde_json::Value,
}

/// `markdown:` in charter.yaml.
#[derive(Debug, Clone, Serialize)]
pub struct MarkdownConfig {
    pub unsafe_html: bool,
}

/// `history:` in charter.yaml.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryConfig {
    pub enabled: bool,
}

impl Config {
    pub fn from_fields(f: &Fields) -> Config {
        let strings = |name: &str, default: &[&str]| -> Vec<String> {
            match f.get(name) {
                Some(_) => f
                    .list(name)
                    .iter()
                    .filter_map(|v| match &v.value {
                        Value::Str(s) => Some(s.clone()),
                        _ => None,
                    })
                    .collect(),
                None => default.iter().map(|s| s.to_string()).collect(),
            }
        };
        let statuses = strings(
            "statuses",
            &["idea", "planned", "in-progress", "shipped", "dropped"],
        );
        // The default names only the statuses there are: a site of its own
        // statuses has none finished until it says which.
        let mut finished = strings("finished", &["shipped", "dropped"]);
        if f.get("finished").is_none() {
            finished.retain(|s| statuses.contains(s));
        }
        Config {
            title: f.str("title").unwrap_or("Strategy").to_string(),
            description: f.str("description").unwrap_or_default().to_string(),
            base_url: f.str("base_url").unwrap_or("/").to_string(),
            repo_url: f
                .str("repo_url")
                .map(|s| s.trim_end_matches('/').to_string()),
            theme: f.str("theme").unwrap_or("default").to_string(),
            theme_span: f.get("theme").map(|t| t.span.clone()),
            statuses,
            finished,
            finished_span: f.get("finished").map(|t| t.span.clone()),
            horizons: strings("horizons", &["now", "next", "later"]),
            currency: f.str("currency").unwrap_or("USD").to_string(),
            markdown: MarkdownConfig {
                unsafe_html: f
                    .record("markdown")
                    .and_then(|m| m.bool("unsafe_html"))
                    .unwrap_or(false),
            },
            history: HistoryConfig {
                enabled: f
                    .record("history")
                    .and_then(|h| h.bool("enabled"))
                    .unwrap_or(true),
            },
            extra: f.get("extra").map_or(serde_json::Value::Null, |v| {
                v.value
                    .to_json(&|_, id| serde_json::Value::String(id.into()))
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{CONFIG, Field, Ty};
    use serde_json::Value as Json;

    /// The names of `fields`, and of the fields of their records, as paths.
    fn schema_paths(fields: &[Field], prefix: &str, out: &mut Vec<String>) {
        for f in fields {
            let path = format!("{prefix}{}", f.name);
            if let Ty::Record(inner) = f.ty {
                schema_paths(inner, &format!("{path}."), out);
            }
            out.push(path);
        }
    }

    fn json_paths(json: &Json, prefix: &str, out: &mut Vec<String>) {
        for (name, value) in json.as_object().into_iter().flatten() {
            let path = format!("{prefix}{name}");
            // `extra` is free-form: its own keys are the site's.
            if value.is_object() && name != "extra" {
                json_paths(value, &format!("{path}."), out);
            }
            out.push(path);
        }
    }

    #[test]
    fn serialised_it_holds_every_field_of_the_file() {
        let config = Config::from_fields(&Fields::default());
        let (mut schema, mut json) = (Vec::new(), Vec::new());
        schema_paths(CONFIG, "", &mut schema);
        json_paths(&serde_json::to_value(&config).unwrap(), "", &mut json);
        schema.sort();
        json.sort();
        assert_eq!(json, schema);
    }
}
