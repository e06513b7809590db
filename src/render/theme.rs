//! Templates and static files: the built-in theme compiled into the binary,
//! a theme folder of the site's own if `theme` names one, and the site's
//! `templates/` on top — a file of the same name wins, as in Zola.

use crate::diagnostics::{Code, Diagnostic};
use crate::model::Config;
use crate::text::escape::escape;
use crate::text::numbers;
use crate::tree::{Read, Tree};
use anyhow::{Context, Result};
use include_dir::{Dir, include_dir};
use std::collections::{BTreeMap, HashMap};
use tera::{Tera, Value};

static DEFAULT: Dir = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

pub struct Theme {
    pub tera: Tera,
    /// Theme static files, relative to the site root.
    pub statics: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// `template` rendered with `context` (an object), or Tera's error as
    /// a reader can use it (`tera_error`).
    pub fn render(&self, template: &str, context: serde_json::Value) -> Result<String, String> {
        let context = tera::Context::from_value(context).map_err(|e| tera_error(&e))?;
        self.tera
            .render(template, &context)
            .map_err(|e| tera_error(&e))
    }
}

pub fn load(tree: &Tree, config: &Config) -> Result<Theme> {
    let mut templates: BTreeMap<String, String> = BTreeMap::new();
    let mut statics: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    embedded(&DEFAULT, "templates", &mut |p, b| {
        templates.insert(p, String::from_utf8_lossy(b).into_owned());
    });
    embedded(&DEFAULT, "static", &mut |p, b| {
        statics.insert(p, b.to_vec());
    });
    // A theme that does not exist is a diagnostic of `check`.
    if config.theme != "default" {
        let dir = format!("themes/{}", config.theme);
        read_templates(tree, &format!("{dir}/templates"), &mut templates)?;
        read_files(tree, &format!("{dir}/static"), u64::MAX, &mut |p, b| {
            statics.insert(p, b);
        })?;
    }
    read_templates(tree, "templates", &mut templates)?;

    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(escape);
    tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        .map_err(|e| anyhow::anyhow!(tera_error(&e)))
        .context("cannot load the templates")?;
    tera.register_filter("number", number);
    tera.register_filter("label", super::labels::filter);
    super::recursion::guard(&mut tera);
    Ok(Theme { tera, statics })
}

/// What `build` would meet loading the templates, as `check` reports it.
pub fn check(tree: &Tree, config: &Config) -> Option<Diagnostic> {
    let e = load(tree, config).err()?;
    Some(
        Diagnostic::new(Code::TEMPLATE, format!("{e:#}"))
            .help("fix the template: the site cannot be rendered without it"),
    )
}

fn embedded(dir: &Dir, sub: &str, f: &mut dyn FnMut(String, &[u8])) {
    let Some(sub_dir) = dir.get_dir(sub) else {
        return;
    };
    let mut stack = vec![sub_dir];
    while let Some(d) = stack.pop() {
        for file in d.files() {
            let rel = file.path().strip_prefix(sub).unwrap_or(file.path());
            f(rel.to_string_lossy().replace('\\', "/"), file.contents());
        }
        stack.extend(d.dirs());
    }
}

fn read_templates(tree: &Tree, dir: &str, into: &mut BTreeMap<String, String>) -> Result<()> {
    read_files(tree, dir, crate::load::MAX_FILE, &mut |p, b| {
        into.insert(p, String::from_utf8_lossy(&b).into_owned());
    })
}

/// The files under `dir`, by path relative to it, up to `max` bytes each.
/// Links leading outside the strategy and oversized templates are left
/// out here and reported by `check`.
fn read_files(tree: &Tree, dir: &str, max: u64, f: &mut dyn FnMut(String, Vec<u8>)) -> Result<()> {
    for path in tree.list(dir, true)?.files {
        if let Some(Read::Bytes(bytes)) = tree.read_listed(&path, max)? {
            let rel = path.strip_prefix(&format!("{dir}/")).unwrap_or(&path);
            f(rel.to_string(), bytes);
        }
    }
    Ok(())
}

/// The `number` filter: `{{ x | number }}` in full, `{{ x | number(compact=true) }}`
/// short. Anything but a number passes through as it is, so an absent or
/// textual value prints as the template would have printed it.
fn number(value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
    let Some(x) = value.as_f64() else {
        return Ok(value.clone());
    };
    let short = args
        .get("compact")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    Ok(Value::String(if short {
        numbers::compact(x)
    } else {
        numbers::full(x)
    }))
}

/// Tera hides the useful part of an error in its source chain. Its
/// parser quotes the whole offending line, which may be megabytes long:
/// each line is cut to a readable length.
fn tera_error(e: &tera::Error) -> String {
    const LINE: usize = 200;
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg.lines()
        .map(|line| match line.char_indices().nth(LINE) {
            Some((cut, _)) => format!("{}…", &line[..cut]),
            None => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::{DEFAULT, number};
    use std::collections::HashMap;
    use tera::Value;

    #[test]
    fn the_filter_formats_numbers_and_passes_the_rest() {
        let short = HashMap::from([("compact".to_string(), Value::Bool(true))]);
        let none = HashMap::new();
        assert_eq!(number(&Value::from(48950), &none).unwrap(), "48,950");
        assert_eq!(number(&Value::from(48950), &short).unwrap(), "49k");
        assert_eq!(number(&Value::from("n/a"), &none).unwrap(), "n/a");
    }

    /// A block left open (an `@media` whose `}` a merge dropped) silently
    /// swallows every rule after it.
    #[test]
    fn every_block_of_the_theme_stylesheets_is_closed() {
        let css = DEFAULT.get_dir("static").expect("a static folder");
        for file in css
            .files()
            .filter(|f| f.path().extension() == Some("css".as_ref()))
        {
            let text = file.contents_utf8().expect("UTF-8");
            let mut depth = 0i32;
            let mut rest = text;
            while let Some(i) = rest.find(['{', '}', '/']) {
                match rest.as_bytes()[i] {
                    b'{' => depth += 1,
                    b'}' => depth -= 1,
                    _ if rest[i..].starts_with("/*") => {
                        let end = rest[i..].find("*/").expect("a closed comment");
                        rest = &rest[i + end + 2..];
                        continue;
                    }
                    _ => {}
                }
                assert!(
                    depth >= 0,
                    "{}: a `}}` closes nothing",
                    file.path().display()
                );
                rest = &rest[i + 1..];
            }
            assert_eq!(depth, 0, "{}: a block is left open", file.path().display());
        }
    }
}
