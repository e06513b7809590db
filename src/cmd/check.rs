//! `charter check`: every problem, in one run.

use super::Outcome;
use crate::cli::{RootArg, Verbosity};
use crate::diagnostics::Format;
use crate::project::{self, Project};
use anyhow::Result;

pub fn run(
    root: RootArg,
    format: Format,
    deny_warnings: bool,
    verbosity: Verbosity,
) -> Result<Outcome> {
    let started = std::time::Instant::now();
    let mut project = Project::open(project::find_root(root.dir)?)?;
    let config = &project.strategy.config;
    if let Some(d) = crate::render::theme::check(&project.tree, config) {
        project.diagnostics.push(d);
    }
    project.report(format)?;
    let d = &project.diagnostics;
    let failed = d.errors() > 0 || (deny_warnings && d.warnings() > 0);
    if format == Format::Human && (verbosity > Verbosity::Quiet || failed) {
        let files = project.sources.len();
        let secs = started.elapsed().as_secs_f64();
        if d.is_empty() {
            eprintln!("Checked {files} files in {secs:.2} s: no problems");
        } else {
            eprintln!("Checked {files} files in {secs:.2} s: {}", d.summary());
        }
    }
    Ok(if failed {
        Outcome::Problems
    } else {
        Outcome::Success
    })
}
