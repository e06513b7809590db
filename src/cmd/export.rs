//! `charter export`: the validated model, with its history, as one JSON
//! document on stdout, for scripts and other tools.

use super::Outcome;
use crate::cli::RootArg;
use crate::render::context::export_json;
use crate::render::history::Changes;
use crate::{pipeline, project};
use anyhow::Result;
use serde_json::Value as Json;
use std::io::Write;
use std::sync::Arc;

pub fn run(root: RootArg, rev: Option<String>) -> Result<Outcome> {
    let root = project::find_root(root.dir)?;
    let (project, mut history) = pipeline::open(root, rev.as_deref(), true)?;
    if project.diagnostics.errors() > 0 {
        project.report(crate::diagnostics::Format::Human)?;
        return Ok(Outcome::Problems);
    }
    let (project, graph, ()) = history.derive(project, |_| ());
    // The model's part needs no history: it is made while git is read.
    let mut json = export_json(&project.strategy, &graph);
    let history = history.wait()?.map(|(read, _)| read);
    json["history"] = match history.map(Arc::new) {
        Some(h) => {
            let changes = Changes::as_written(h.clone(), project.clone());
            for e in project.strategy.iter() {
                let slot = match e.kind {
                    crate::model::Kind::Vision => &mut json["vision"],
                    kind => &mut json[kind.folder()][&e.id],
                };
                slot["history"] = changes.entity(e);
            }
            serde_json::json!({
                "truncated": h.truncated,
                "commits": changes.log(0..h.commits.len()),
            })
        }
        None => Json::Null,
    };
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, &json)?;
    writeln!(out)?;
    Ok(Outcome::Success)
}
