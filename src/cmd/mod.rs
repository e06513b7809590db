//! One module per command; each opens the project and drives the pipeline.
//! `run` dispatches the command line to them.

pub mod build;
pub mod check;
pub mod diff;
pub mod export;
pub mod init;
pub mod shell;

use crate::cli::{Cli, Command};

/// How a command ended, when it did not fail outright.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    /// The strategy has errors (or warnings under `--deny-warnings`).
    Problems,
}

pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    // Rendering recurses as deep as the strategy's trees; a template that
    // recurses without end is stopped by `render::recursion` well before.
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(crate::render::recursion::STACK)
        .build_global();
    let verbosity = cli.verbosity();
    match cli.command {
        Command::Init { dir, no_git } => init::run(dir, !no_git, verbosity),
        Command::Check {
            root,
            format,
            deny_warnings,
        } => check::run(root, format, deny_warnings, verbosity),
        Command::Build(args) => build::run(args, verbosity),
        Command::Serve(args) => crate::serve::run(args, verbosity).map(|()| Outcome::Success),
        Command::Diff { args, format } => diff::run(args, format),
        Command::Export { root, rev } => export::run(root, rev),
        Command::Completions { shell } => shell::completions(shell),
        Command::Man => shell::man(),
    }
}
