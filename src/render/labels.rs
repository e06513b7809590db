//! Keys as people read them: `okr_sheet` is "OKR sheet", `depends_on`
//! "Depends on". One rule for the keys of `extra` and the fields named in
//! history; templates reach it as the `label` filter.

use std::collections::HashMap;
use tera::Value;

/// Abbreviations a strategy's keys commonly hold, written in capitals
/// when a key spells them in lower case. A key written with capitals keeps
/// them, so an abbreviation missing here is one `OKR_sheet` away.
const ABBREVIATIONS: &[&str] = &[
    "api", "arr", "cac", "crm", "csat", "csv", "faq", "id", "kpi", "ltv", "mrr", "nps", "okr",
    "pdf", "pm", "qa", "rice", "roi", "sla", "sso", "ui", "url", "ux",
];

/// `key` with `_`, `-` and `.` read as spaces, the first letter a capital,
/// and the abbreviations above in capitals: `okr_sheet` → "OKR sheet",
/// `score.reach` → "Score reach", `Customer NPS` as it is.
pub fn label(key: &str) -> String {
    let words = key
        .split(['_', '-', '.', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| match ABBREVIATIONS.contains(&w) {
            true => w.to_uppercase(),
            false => w.to_string(),
        });
    let text = words.collect::<Vec<_>>().join(" ");
    match text.is_empty() {
        // A key of only separators still says something.
        true => key.to_string(),
        false => capitalised(&text),
    }
}

/// `text` with its first letter a capital: "Roadmap items".
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The `label` filter: `{{ key | label }}`; anything but text passes
/// through as it is.
pub fn filter(value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
    Ok(match value.as_str() {
        Some(key) => Value::String(label(key)),
        None => value.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::label;

    #[test]
    fn keys_read_as_words() {
        assert_eq!(label("okr_sheet"), "OKR sheet");
        assert_eq!(label("depends_on"), "Depends on");
        assert_eq!(label("score.reach"), "Score reach");
        assert_eq!(label("customer-nps"), "Customer NPS");
        assert_eq!(label("OKR_Sheet"), "OKR Sheet");
        assert_eq!(label("über_team"), "Über team");
        assert_eq!(label("owner"), "Owner");
        assert_eq!(label("_"), "_");
        assert_eq!(label(""), "");
    }
}
