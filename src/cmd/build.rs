//! `charter build`: check everything, render everything in memory, and
//! only then touch the output folder.

use crate::cli::{BuildArgs, Verbosity};
use crate::diagnostics::Format;
use crate::project::{self, Project};
use crate::{Outcome, output, render};
use anyhow::Result;

pub fn run(args: BuildArgs, verbosity: Verbosity) -> Result<Outcome> {
    let started = std::time::Instant::now();
    let root = project::find_root(args.root.dir)?;
    let out = args.output.unwrap_or_else(|| root.join("public"));
    output::check_out_dir(&root, &out)?;
    let project = Project::open(root)?;
    let checked = started.elapsed();
    project.report(Format::Human)?;
    if project.diagnostics.errors() > 0 {
        eprintln!(
            "{}: not built: {}; the previous output is untouched",
            crate::term::error_label(),
            project.diagnostics.summary()
        );
        return Ok(Outcome::Problems);
    }
    let base_url = args
        .base_url
        .unwrap_or_else(|| project.strategy.config.base_url.clone());
    let theme = render::theme::load(&project.root, &project.strategy.config)?;
    let files = render::Site::new(&project, &theme, &base_url).render_all()?;
    let rendered = started.elapsed();
    let stats = output::write(&out, &files)?;
    if verbosity == Verbosity::Verbose {
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
        eprintln!(
            "read and checked {} files in {:.0} ms, rendered in {:.0} ms, wrote in {:.0} ms",
            project.sources.len(),
            ms(checked),
            ms(rendered - checked),
            ms(started.elapsed() - rendered)
        );
    }
    if verbosity > Verbosity::Quiet {
        eprintln!(
            "Built {} files in {:.2} s into {} ({} written, {} unchanged, {} removed)",
            files.len(),
            started.elapsed().as_secs_f64(),
            out.display(),
            stats.written,
            stats.unchanged,
            stats.removed
        );
    }
    Ok(Outcome::Success)
}
