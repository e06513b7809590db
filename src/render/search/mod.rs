//! The search index, `search-index.js`: every entity and section of the
//! site with what search matches and shows, made once per build for the
//! theme's `search.js`, which loads it when the search box is first used.
//! It is a script assigning a global rather than JSON because browsers
//! refuse `fetch` of a file on a site opened from disk.

mod words;

use super::context::obj;
use crate::model::{self, Entity, Kind, Strategy, Value};
use crate::schema::{Allowed, Ty};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde_json::{Value as Json, json};

/// Where the index is, relative to the site root.
pub const PATH: &str = "search-index.js";

/// About how many bytes the words of all bodies may take together: a
/// strategy of 10,000 items whose bodies are pages long would otherwise
/// make an index of tens of megabytes, which phones fail to load.
const BODY_BUDGET: usize = 1_500_000;
/// What a word takes in the index, on average, with its separator.
const WORD_BYTES: usize = 8;
/// Words kept of each body, at most and at least, whatever the budget.
const MOST_WORDS: usize = 256;
const FEWEST_WORDS: usize = 12;
/// Longer "words" are addresses, hashes or base64: nobody types them.
const LONGEST_WORD: usize = 32;

/// A page of the site that is not an entity's: `(title, url)`.
pub type Section = (String, String);

/// The index's bytes: `window.charterSearch = {kinds, entries};`.
///
/// `kinds` lists the groups of results, in order: `{kind, label, url}`,
/// where `url` is the pattern of the pages' addresses, `{}` standing for
/// the id. Each entry is `[kind, id, title, status, meta, words]`: `kind`
/// an index into `kinds`; `status` a string, empty if none; `meta` the key
/// fields to show and match (owner, team, horizon, tags...), each a string
/// or the index of the entry it refers to; `words` the distinct folded
/// words of the body (and of records such as key results) that are not
/// already in the title or meta, space-separated, the first of them only
/// (see `BODY_BUDGET`).
pub fn index(strategy: &Strategy, sections: &[Section]) -> Vec<u8> {
    let searched: Vec<Kind> = Kind::ALL
        .into_iter()
        .filter(|k| k.row().search.is_some())
        .collect();
    let entities: Vec<&Entity> = strategy
        .iter()
        .filter(|e| searched.contains(&e.kind))
        .collect();
    let position: FxHashMap<(Kind, &str), usize> = entities
        .iter()
        .enumerate()
        .map(|(i, e)| ((e.kind, e.id.as_str()), i))
        .collect();
    let per_body = words_per_body(entities.len());

    let mut kinds: Vec<Json> = searched
        .iter()
        .map(|&kind| json!({ "kind": kind, "label": kind.row().label, "url": model::url(kind, "{}") }))
        .collect();
    let mut entries: Vec<Json> = entities
        .par_iter()
        .map(|e| {
            let group = searched.iter().position(|k| *k == e.kind).unwrap_or(0);
            entry(e, group, &position, per_body)
        })
        .collect();

    let section = kinds.len();
    kinds.push(json!({ "kind": "section", "label": "Sections", "url": "{}/index.html" }));
    for (title, url) in sections {
        if let Some(id) = url.strip_suffix("/index.html") {
            entries.push(json!([section, id, title, "", [], ""]));
        }
    }

    let data = obj([
        ("kinds", Json::Array(kinds)),
        ("entries", Json::Array(entries)),
    ]);
    format!("window.charterSearch = {data};\n").into_bytes()
}

/// How many words each body keeps, for a strategy of `entities`.
fn words_per_body(entities: usize) -> usize {
    (BODY_BUDGET / (entities.max(1) * WORD_BYTES)).clamp(FEWEST_WORDS, MOST_WORDS)
}

/// The entry of `e`, in the `group`th of the kinds listed.
fn entry(
    e: &Entity,
    group: usize,
    position: &FxHashMap<(Kind, &str), usize>,
    per_body: usize,
) -> Json {
    let title = e.title();
    let mut meta: Vec<Json> = Vec::new();
    let mut seen: FxHashSet<String> = words::words(title).collect();
    let mut add_seen = |text: &str| seen.extend(words::words(text));
    for field in e.kind.fields() {
        if field.name == e.kind.title_field() || field.name == "status" || !is_meta(&field.ty) {
            continue;
        }
        let values = match e.fields.get(field.name).map(|v| &v.value) {
            Some(Value::List(items)) => items.iter().map(|v| &v.value).collect(),
            Some(value) => vec![value],
            None => vec![],
        };
        for value in values {
            match value {
                Value::Str(s) => {
                    add_seen(s);
                    meta.push(json!(s));
                }
                Value::Ref(kind, id) => {
                    if let Some(&i) = position.get(&(*kind, id.as_str())) {
                        meta.push(json!(i));
                    }
                }
                _ => {}
            }
        }
    }
    add_seen(&e.id);

    let mut records = String::new();
    for field in e.fields.0.values() {
        records_text(&field.value, false, &mut records);
    }
    // Only the first words are kept: the body is read no further than that.
    let (mut kept, mut words) = (0, String::new());
    let chunks = words::markdown_text(&e.body).chain([records.into()]);
    'chunks: for chunk in chunks {
        for word in words::words(&chunk) {
            if kept == per_body {
                break 'chunks;
            }
            let length = word.chars().count();
            if (2..=LONGEST_WORD).contains(&length) && !seen.contains(&word) {
                if kept > 0 {
                    words.push(' ');
                }
                words.push_str(&word);
                kept += 1;
                seen.insert(word);
            }
        }
    }
    let status = e.fields.str("status").unwrap_or_default();
    Json::Array(vec![
        json!(group),
        Json::from(e.id.as_str()),
        Json::from(title),
        Json::from(status),
        Json::Array(meta),
        Json::from(words),
    ])
}

/// Whether a field of this type is a key field: short text, or a
/// reference to an entity that describes it (its row says: whom or what
/// owns it). Pillars are ids whose titles live in the vision.
fn is_meta(ty: &Ty) -> bool {
    match ty {
        Ty::Str => true,
        Ty::Enum(allowed) => !matches!(allowed, Allowed::Pillars),
        Ty::Ref(kind) => kind.row().search.as_ref().is_some_and(|s| s.describes),
        Ty::List(inner) => is_meta(inner),
        _ => false,
    }
}

/// Appends the text inside records (key results, milestones, pillars) to
/// `out`: what a reader sees of them on the page.
fn records_text(value: &Value, in_record: bool, out: &mut String) {
    match value {
        Value::Str(s) if in_record => {
            out.push(' ');
            out.push_str(s);
        }
        Value::List(items) => items
            .iter()
            .for_each(|v| records_text(&v.value, in_record, out)),
        Value::Record(fields) => fields
            .0
            .values()
            .for_each(|v| records_text(&v.value, true, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_share_a_budget_within_bounds() {
        assert_eq!(words_per_body(0), MOST_WORDS);
        assert_eq!(words_per_body(100), MOST_WORDS);
        assert_eq!(words_per_body(11_860), 15, "the 10,000-item benchmark");
        assert_eq!(words_per_body(1_000_000), FEWEST_WORDS);
    }
}
