//! Keeps the live preview's history current. It is read in the background
//! when `serve` starts, so a long history never delays the first page, and
//! read again whenever HEAD moves (a commit, a checkout, a pull): history
//! is the one thing cached until then, because only HEAD changes it.

use super::live::LiveSite;
use crate::diagnostics::{Format, Renderer};
use crate::history;
use std::sync::Arc;
use std::time::Duration;

/// How often HEAD is looked at; reading it costs microseconds.
const POLL: Duration = Duration::from_millis(500);

pub fn follow_head(site: Arc<LiveSite>) {
    std::thread::spawn(move || {
        let mut seen = None;
        let mut warned = false;
        loop {
            let source = match site.history_enabled() {
                true => history::locate(site.root(), None).ok().flatten(),
                false => None,
            };
            let head = source.as_ref().map(|s| s.commit);
            if head != seen {
                seen = head;
                let read = source.map(|s| s.history());
                match read.transpose() {
                    Ok(history) => {
                        if !warned && history.as_ref().is_some_and(|h| h.truncated) {
                            warned = true;
                            warn(&history::shallow_warning());
                        }
                        site.set_history(history.map(Arc::new));
                    }
                    Err(e) => eprintln!("warning: cannot read the git history: {e:#}"),
                }
            }
            std::thread::sleep(POLL);
        }
    });
}

fn warn(d: &crate::diagnostics::Diagnostic) {
    let renderer = Renderer {
        format: Format::Human,
        color: crate::term::color_stderr(),
        source: &|_| None,
    };
    let _ = renderer.write(&mut std::io::stderr().lock(), std::slice::from_ref(d));
}
