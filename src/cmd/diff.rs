//! `charter diff`: what changed in the strategy between two revisions (or
//! a revision and the working tree), entity by entity and field by field,
//! written to be pasted into a stakeholder update.

use super::Outcome;
use crate::cli::DiffFormat;
use crate::history::compare;
use crate::load;
use crate::model::{self, Entity, Kind, Strategy, Value};
use crate::{pipeline, project};
use anyhow::Result;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

/// One entity that differs.
#[derive(Serialize)]
struct Entry {
    kind: Kind,
    id: String,
    title: String,
    path: String,
    #[serde(flatten)]
    comparison: compare::Comparison,
}

#[derive(Serialize)]
struct Report {
    from: String,
    /// `null`: the working tree.
    to: Option<String>,
    added: Vec<Entry>,
    removed: Vec<Entry>,
    changed: Vec<Entry>,
}

pub fn run(args: Vec<String>, format: DiffFormat) -> Result<Outcome> {
    if args.is_empty() {
        anyhow::bail!(
            "`charter diff` needs the revision to compare from: `charter diff [DIR] FROM [TO]`, \
             for example `charter diff HEAD~1` (see `charter diff --help`)"
        );
    }
    let (dir, from, to) = split(args);
    let root = project::find_root(dir)?;
    let old = strategy_at(&root, Some(&from))?;
    let new = strategy_at(&root, to.as_deref())?;
    let report = compare_strategies(&old, &new, from, to);
    let mut out = std::io::stdout().lock();
    match format {
        DiffFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        DiffFormat::Human => write_human(&mut out, &report)?,
    }
    Ok(Outcome::Success)
}

/// `[DIR] FROM [TO]`: with two arguments the first is DIR when it is a
/// folder holding charter.yaml (a revision rarely is), else FROM.
fn split(mut args: Vec<String>) -> (Option<PathBuf>, String, Option<String>) {
    let first_is_dir = args.len() == 3
        || (args.len() == 2 && PathBuf::from(&args[0]).join(load::CONFIG_FILE).is_file());
    let dir = first_is_dir.then(|| PathBuf::from(args.remove(0)));
    let mut args = args.into_iter();
    let from = args.next().unwrap_or_default();
    (dir, from, args.next())
}

/// The strategy at `rev`, or in the working tree; read, not validated, so
/// that a broken revision can still be compared.
fn strategy_at(root: &std::path::Path, rev: Option<&str>) -> Result<Strategy> {
    let (tree, _) = pipeline::locate(root, rev, false)?;
    let mut problems = Vec::new();
    let sources = load::sources(load::Files::read(&tree)?, &mut problems);
    Ok(model::read(
        &sources,
        &mut problems,
        &mut model::Cache::none(),
    ))
}

fn compare_strategies(old: &Strategy, new: &Strategy, from: String, to: Option<String>) -> Report {
    let entry = |e: &Entity, comparison| Entry {
        kind: e.kind,
        id: e.id.clone(),
        title: e.title().to_string(),
        path: e.source.clone(),
        comparison,
    };
    let mut report = Report {
        from,
        to,
        added: Vec::new(),
        removed: Vec::new(),
        changed: Vec::new(),
    };
    for kind in Kind::ALL {
        let ids = |s: &Strategy| -> std::collections::BTreeSet<String> {
            match kind {
                Kind::Vision => s.vision.iter().map(|v| v.id.clone()).collect(),
                _ => s.ids(kind).map(String::from).collect(),
            }
        };
        for id in ids(old).union(&ids(new)) {
            match (old.get(kind, id), new.get(kind, id)) {
                (None, Some(n)) => report.added.push(entry(
                    n,
                    compare::contents(kind.fields(), None, Some(contents(n))),
                )),
                (Some(o), None) => report
                    .removed
                    .push(entry(o, compare::Comparison::default())),
                (Some(o), Some(n)) => {
                    let c = compare::contents(kind.fields(), Some(contents(o)), Some(contents(n)));
                    if !c.fields.is_empty() || c.body_changed {
                        report.changed.push(entry(n, c));
                    }
                }
                (None, None) => {}
            }
        }
    }
    report
}

fn contents(e: &Entity) -> (&model::Fields, &str) {
    (&e.fields, e.body.as_str())
}

fn write_human(out: &mut dyn Write, r: &Report) -> std::io::Result<()> {
    let to = r.to.as_deref().unwrap_or("the working tree");
    writeln!(
        out,
        "Strategy changes from {} to {to}: {} added, {} removed, {} changed",
        r.from,
        r.added.len(),
        r.removed.len(),
        r.changed.len()
    )?;
    if r.added.is_empty() && r.removed.is_empty() && r.changed.is_empty() {
        return Ok(());
    }
    for kind in Kind::ALL {
        let of_kind = |list: &'_ [Entry]| list.iter().filter(|e| e.kind == kind).count();
        if of_kind(&r.added) + of_kind(&r.removed) + of_kind(&r.changed) == 0 {
            continue;
        }
        writeln!(out, "\n{}", kind.row().label)?;
        for (sign, list) in [("+", &r.added), ("-", &r.removed), ("~", &r.changed)] {
            for e in list.iter().filter(|e| e.kind == kind) {
                writeln!(out, "  {sign} {} ({})", e.title, e.id)?;
                if sign == "-" {
                    continue;
                }
                for f in &e.comparison.fields {
                    if sign == "~" && !(f.added.is_empty() && f.removed.is_empty()) {
                        writeln!(
                            out,
                            "      {}: {}",
                            f.field,
                            list_change(&f.added, &f.removed)
                        )?;
                        continue;
                    }
                    // A new entity's fields are its first values, not changes.
                    let shown = |v: &Option<Value>| v.as_ref().map(compare::display);
                    match (shown(&f.old), shown(&f.new), sign) {
                        (_, Some(new), "+") => writeln!(out, "      {}: {new}", f.field)?,
                        (Some(old), Some(new), _) => {
                            writeln!(out, "      {}: {old} → {new}", f.field)?
                        }
                        (None, Some(new), _) => writeln!(out, "      {}: (none) → {new}", f.field)?,
                        (Some(old), None, _) => {
                            writeln!(out, "      {}: {old} → (removed)", f.field)?
                        }
                        (None, None, _) => {}
                    }
                }
                if e.comparison.body_changed && sign == "~" {
                    writeln!(out, "      text edited")?;
                }
            }
        }
    }
    Ok(())
}

/// `added x, y; removed z`.
fn list_change(added: &[Value], removed: &[Value]) -> String {
    let join = |items: &[Value]| {
        let shown: Vec<String> = items.iter().map(compare::display).collect();
        shown.join(", ")
    };
    let mut parts = Vec::new();
    if !added.is_empty() {
        parts.push(format!("added {}", join(added)));
    }
    if !removed.is_empty() {
        parts.push(format!("removed {}", join(removed)));
    }
    parts.join("; ")
}
