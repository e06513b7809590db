//! Keeps the live preview's history current. It is read in the background
//! when `serve` starts, so a long history never delays the first page, and
//! read again whenever HEAD moves (a commit, a checkout, a pull): history
//! is the one thing cached until then, because only HEAD changes it.

use super::live::LiveSite;
use crate::diagnostics::{Format, Renderer};
use crate::history::{self, Head};
use crate::pipeline;
use std::sync::Arc;
use std::time::Duration;

/// How often HEAD is looked at; reading it from the refs costs microseconds.
const POLL: Duration = Duration::from_millis(500);

pub fn follow_head(site: Arc<LiveSite>) {
    std::thread::spawn(move || {
        let mut head = Head::default();
        // The HEAD history was last read at (`None`: not read yet).
        let mut seen = None;
        let mut warned = Warned::default();
        loop {
            let target = match site.history_enabled() {
                true => head.target(site.root()),
                false => Ok(None),
            };
            match target {
                Ok(target) if seen != Some(target) => {
                    seen = Some(target);
                    read(&site, &mut head, target.is_some(), &mut warned);
                }
                Ok(_) => {}
                Err(e) => {
                    seen = None;
                    warned.without_history(&site, &e);
                }
            }
            std::thread::sleep(POLL);
        }
    });
}

/// Reads history at HEAD, or shows none; a damaged repository is told of
/// once, and the site is served without history until HEAD moves again.
fn read(site: &LiveSite, head: &mut Head, in_git: bool, warned: &mut Warned) {
    if !in_git {
        site.set_history(None);
        return;
    }
    // As `build` does, history is handed the checked files.
    let known = || pipeline::Checked::of(&site.project());
    let read = head
        .source(site.root())
        .and_then(|source| source.map(|s| s.history_with(known)).transpose());
    match read {
        Ok(history) => {
            if !warned.shallow && history.as_ref().is_some_and(|h| h.truncated) {
                warned.shallow = true;
                warn(&history::shallow_warning());
            }
            warned.error = None;
            site.set_history(history.map(Arc::new));
        }
        Err(e) => warned.without_history(site, &e),
    }
}

/// What has been said already, so that polling never repeats it.
#[derive(Default)]
struct Warned {
    shallow: bool,
    error: Option<String>,
}

impl Warned {
    /// Drops history (reloading open pages) and says why, unless this
    /// was the last thing said.
    fn without_history(&mut self, site: &LiveSite, e: &anyhow::Error) {
        let text = format!("{e:#}");
        if self.error.as_ref() != Some(&text) {
            site.set_history(None);
            eprintln!("warning: serving without history: {text}");
            self.error = Some(text);
        }
    }
}

fn warn(d: &crate::diagnostics::Diagnostic) {
    let renderer = Renderer {
        format: Format::Human,
        color: crate::term::color_stderr(),
        source: &|_| None,
        repo_prefix: "",
    };
    let _ = renderer.write(&mut std::io::stderr().lock(), std::slice::from_ref(d));
}
