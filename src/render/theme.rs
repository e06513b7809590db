//! Templates and static files: the built-in theme compiled into the binary,
//! a theme folder of the site's own if `theme` names one, and the site's
//! `templates/` on top — a file of the same name wins, as in Zola.

use crate::model::Config;
use anyhow::{Context, Result, bail};
use include_dir::{Dir, include_dir};
use std::collections::BTreeMap;
use std::path::Path;
use tera::Tera;

static DEFAULT: Dir = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

pub struct Theme {
    pub tera: Tera,
    /// Theme static files, relative to the site root.
    pub statics: BTreeMap<String, Vec<u8>>,
}

pub fn load(root: &Path, config: &Config) -> Result<Theme> {
    let mut templates: BTreeMap<String, String> = BTreeMap::new();
    let mut statics: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    embedded(&DEFAULT, "templates", &mut |p, b| {
        templates.insert(p, String::from_utf8_lossy(b).into_owned());
    });
    embedded(&DEFAULT, "static", &mut |p, b| {
        statics.insert(p, b.to_vec());
    });
    if config.theme != "default" {
        let dir = root.join("themes").join(&config.theme);
        if !dir.is_dir() {
            bail!(
                "theme `{}` not found: no built-in theme of that name and no folder {}",
                config.theme,
                dir.display()
            );
        }
        read_templates(&dir.join("templates"), &mut templates)?;
        read_files(&dir.join("static"), &mut |p, b| {
            statics.insert(p, b);
        })?;
    }
    read_templates(&root.join("templates"), &mut templates)?;

    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        .map_err(|e| anyhow::anyhow!(tera_error(&e)))
        .context("cannot load the templates")?;
    Ok(Theme { tera, statics })
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

fn read_templates(dir: &Path, into: &mut BTreeMap<String, String>) -> Result<()> {
    read_files(dir, &mut |p, b| {
        into.insert(p, String::from_utf8_lossy(&b).into_owned());
    })
}

fn read_files(dir: &Path, f: &mut dyn FnMut(String, Vec<u8>)) -> Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.with_context(|| format!("cannot read {}", dir.display()))?;
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path())
                .with_context(|| format!("cannot read {}", entry.path().display()))?;
            f(crate::load::relative(dir, entry.path()), bytes);
        }
    }
    Ok(())
}

/// Tera hides the useful part of an error in its source chain.
pub fn tera_error(e: &tera::Error) -> String {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}
