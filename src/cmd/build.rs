//! `charter build`: check everything, then render the pages in parallel,
//! each staged as soon as it is made (`output::Writer`), so that the site
//! is never held whole. History is read on a thread of its own meanwhile:
//! the files are checked and the pages that do not show history are
//! rendered before it is needed.

use super::Outcome;
use crate::cli::{BuildArgs, Verbosity};
use crate::diagnostics::Format;
use crate::history::History;
use crate::project;
use crate::render::{self, Pages};
use crate::schema::Url;
use crate::{output, pipeline};
use anyhow::{Result, anyhow, bail};
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
    let (mut project, mut history) = pipeline::open(root, args.rev.as_deref(), !args.no_history)?;
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
    let files = project.sources.len();
    if history.truncated.is_some() {
        // What history needs of the files' text: their blob ids.
        project.blobs();
    }
    // The text was for the diagnostics: pages are made from the model, and
    // a build need not hold the strategy twice.
    project.sources = Vec::new();
    let (project, graph, theme) = history.derive(project, |p| {
        render::theme::load(&p.tree, &p.strategy.config)
    });
    let theme = Arc::new(theme?);
    let config = &project.strategy.config;
    let base_url = args.base_url.unwrap_or_else(|| config.base_url.clone());
    let shown = render::Shown::of(history.truncated);
    let site = render::Site::with_graph(project.clone(), graph, theme, &base_url, shown)
        .with_today(history.date);
    let mut writer = output::Writer::begin(&out_dir, site.paths(), args.force)?;
    let put = |path: &str, bytes: Vec<u8>| writer.put(path, &bytes);
    let history = match shown {
        render::Shown::No => {
            site.render_each(Pages::All, put)?;
            None
        }
        render::Shown::Whole | render::Shown::Truncated => {
            // The pages that do not show history are written while it is
            // read; the change log's pages are known once it is.
            // On a core fewer than there are: history, which the other
            // pages wait for, keeps one to itself, and fewer large pages
            // (the boards) are held at once beside it.
            let beside = rayon::ThreadPoolBuilder::new()
                .num_threads(rayon::current_num_threads().saturating_sub(1).max(1))
                .build()?;
            let early = render::Queue::new(&site, Pages::WithoutHistory);
            // Once history is read, this thread helps make what is left.
            let history = std::thread::scope(|s| {
                let helper = s.spawn(|| beside.install(|| early.drain(&put)));
                let history = history.wait();
                let mine = match history {
                    Ok(_) => early.drain(&put),
                    Err(_) => {
                        early.stop();
                        Ok(())
                    }
                };
                let theirs =
                    (helper.join()).map_err(|_| anyhow!("rendering failed unexpectedly"))?;
                mine.and(theirs)?;
                history
            })?;
            let history = history.map(|(read, took)| (Arc::new(read), took));
            if let Some((read, _)) = &history {
                site.attach_history(read.clone());
            }
            writer.announce(site.paths())?;
            site.render_each(Pages::WithHistory, |path, bytes| writer.put(path, &bytes))?;
            history
        }
    };
    let rendered = started.elapsed();
    let stats = writer.finish()?;
    if verbosity == Verbosity::Verbose {
        let steps = Steps {
            files,
            checked,
            rendered,
            history: history.as_ref().map(|(h, took)| (&**h, *took)),
        };
        steps.print(started.elapsed());
    }
    if verbosity > Verbosity::Quiet {
        eprintln!(
            "Built {} files in {:.2} s into {} ({} written, {} unchanged, {} removed)",
            stats.written + stats.unchanged,
            started.elapsed().as_secs_f64(),
            out.display(),
            stats.written,
            stats.unchanged,
            stats.removed
        );
        eprintln!("Open {} in a browser", out.join("index.html").display());
    }
    // The process ends with the build: freeing the site, the model and the
    // history (millions of small values at 10,000 items) would cost a tenth
    // of the build and give nothing back.
    std::mem::forget((site, project, history));
    Ok(Outcome::Success)
}

/// When each step of a build ended, for `-v`.
struct Steps<'a> {
    /// How many strategy files were read.
    files: usize,
    checked: Duration,
    rendered: Duration,
    history: Option<(&'a History, Duration)>,
}

impl Steps<'_> {
    fn print(&self, total: Duration) {
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
            "read and checked {} files in {:.0} ms, rendered and staged in {:.0} ms, put in place in {:.0} ms",
            self.files,
            ms(self.checked),
            ms(self.rendered - self.checked),
            ms(total - self.rendered)
        );
    }
}
