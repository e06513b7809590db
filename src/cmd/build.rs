//! `charter build`: check everything, render everything in memory, and
//! only then touch the output folder. History is read on a thread of its
//! own meanwhile: the files are checked and the pages that do not show
//! history are rendered before it is needed.

use super::Outcome;
use crate::cli::{BuildArgs, Verbosity};
use crate::diagnostics::Format;
use crate::history::History;
use crate::project::{self, Project};
use crate::render::{self, Pages};
use crate::schema::Url;
use crate::{output, pipeline};
use anyhow::{Result, bail};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub fn run(args: BuildArgs, verbosity: Verbosity) -> Result<Outcome> {
    let started = Instant::now();
    if let Some(expected) = args
        .base_url
        .as_deref()
        .and_then(|u| Url::WebOrPath.refuses(u))
    {
        bail!("--base-url must be {expected}");
    }
    let root = project::find_root(args.root.dir)?;
    let out = args.output.unwrap_or_else(|| root.join("public"));
    let out_dir = output::check_out_dir(&root, &out)?;
    let (project, mut history) = pipeline::open(root, args.rev.as_deref(), !args.no_history)?;
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
    history.hand_over(&project);
    let config = &project.strategy.config;
    let base_url = args.base_url.unwrap_or_else(|| config.base_url.clone());
    let theme = Arc::new(render::theme::load(&project.tree, config)?);
    let shown = render::Shown::of(history.truncated);
    let project = Arc::new(project);
    let site = render::Site::new(project.clone(), theme, &base_url, shown).with_today(history.date);
    let (files, history) = match shown {
        render::Shown::No => (site.render_pages(Pages::All)?, None),
        render::Shown::Whole | render::Shown::Truncated => {
            let mut files = site.render_pages(Pages::WithoutHistory)?;
            let history = history.wait()?.map(|(read, took)| (Arc::new(read), took));
            if let Some((read, _)) = &history {
                site.attach_history(read.clone());
            }
            files.extend(site.render_pages(Pages::WithHistory)?);
            (files, history)
        }
    };
    let rendered = started.elapsed();
    let stats = output::write(&out_dir, &files, args.force)?;
    if verbosity == Verbosity::Verbose {
        let steps = Steps {
            checked,
            rendered,
            history: history.as_ref().map(|(h, took)| (&**h, *took)),
        };
        steps.print(&project, started.elapsed());
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
        eprintln!("Open {} in a browser", out.join("index.html").display());
    }
    Ok(Outcome::Success)
}

/// When each step of a build ended, for `-v`.
struct Steps<'a> {
    checked: Duration,
    rendered: Duration,
    history: Option<(&'a History, Duration)>,
}

impl Steps<'_> {
    fn print(&self, project: &Project, total: Duration) {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        if let Some((h, took)) = self.history {
            eprintln!(
                "read the history ({} commits changed the strategy) in {:.0} ms, while checking and rendering: index {:.0} ms, file versions {:.0} ms, field comparisons {:.0} ms",
                h.commits.len(),
                ms(took),
                ms(h.timings.index),
                ms(h.timings.versions),
                ms(h.timings.compare),
            );
        }
        eprintln!(
            "read and checked {} files in {:.0} ms, rendered in {:.0} ms, wrote in {:.0} ms",
            project.sources.len(),
            ms(self.checked),
            ms(self.rendered - self.checked),
            ms(total - self.rendered)
        );
    }
}
