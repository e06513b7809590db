//! Fuzz targets: functions from bytes to a run of the real pipeline that
//! assert what must hold for any input, not only that nothing panics. The
//! AFL harness in `fuzz/` drives them for hours; `smoke` feeds them the
//! committed corpus on every `cargo test`. They live in the crate so that
//! they reach its internals without making any of them public.

mod frames;
mod history;
mod oracles;
#[cfg(test)]
mod sequences;
#[cfg(test)]
mod smoke;
mod strategy;

use std::time::{Duration, Instant};

/// What a target reads its input as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// One file of the fixture strategy, of any kind, replaced: the
    /// first line names which (`roadmap/sso.md`), the rest is its bytes.
    FrontMatter,
    /// The body of a page of the fixture strategy, rendered sanitised
    /// and with `unsafe_html`.
    Markdown,
    /// A whole strategy, framed as in `frames`, checked as it changes
    /// from snapshot to snapshot, and rendered.
    Strategy,
    /// A git history, framed as in `frames`, written with git2, read back
    /// and rendered with history.
    History,
}

impl Target {
    pub const ALL: [Target; 4] = [
        Target::FrontMatter,
        Target::Markdown,
        Target::Strategy,
        Target::History,
    ];

    /// The name the harness takes and the corpus folder `fuzz/corpus/NAME/`.
    pub fn name(self) -> &'static str {
        match self {
            Target::FrontMatter => "front_matter",
            Target::Markdown => "markdown",
            Target::Strategy => "strategy",
            Target::History => "history",
        }
    }

    pub fn from_name(name: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.name() == name)
    }

    /// Runs the target on `bytes`, panicking on any broken invariant, and
    /// on an input that takes longer than a build of a real strategy: a
    /// hang or quadratic behaviour is a finding too.
    pub fn run(self, bytes: &[u8]) {
        let started = Instant::now();
        match self {
            Target::FrontMatter => strategy::front_matter(bytes),
            Target::Markdown => strategy::markdown(bytes),
            Target::Strategy => strategy::snapshots(bytes),
            Target::History => history::history(bytes),
        }
        let took = started.elapsed();
        assert!(
            took <= SLOW,
            "slow input: the {} target took {took:.2?} (more than {SLOW:?})",
            self.name()
        );
    }
}

/// How long one input may take. The smoke run, in a debug build many
/// times slower, looks for crashes, not for slowness.
const SLOW: Duration = if cfg!(test) {
    Duration::from_secs(60)
} else {
    Duration::from_secs(2)
};

/// Sets up the process as the binary does: rendering threads get the
/// stack that deep trees need. Call once before `Target::run`.
pub fn init() {
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(crate::render::recursion::STACK)
        .build_global();
}
