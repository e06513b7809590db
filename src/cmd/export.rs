//! `charter export`: the validated model as one JSON document on stdout,
//! for scripts and other tools.

use crate::Outcome;
use crate::cli::RootArg;
use crate::project::{self, Project};
use crate::render::context::export_json;
use anyhow::Result;
use std::io::Write;

pub fn run(root: RootArg) -> Result<Outcome> {
    let project = Project::open(project::find_root(root.dir)?)?;
    if project.diagnostics.errors() > 0 {
        project.report(crate::diagnostics::Format::Human)?;
        return Ok(Outcome::Problems);
    }
    let json = export_json(&project.strategy);
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, &json)?;
    writeln!(out)?;
    Ok(Outcome::Success)
}
