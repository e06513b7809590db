//! charter: a product strategy kept as Markdown and YAML in git, checked
//! and rendered into a linked static site. The pipeline, in module order:
//! `tree` → `load` → `model` → `validate` → `diagnostics` → `history` →
//! `render` → `output`, and `serve` for the live preview; the commands in
//! `cmd` drive it.

pub mod cli;
mod cmd;
pub mod diagnostics;
#[cfg(any(test, feature = "fuzz"))]
#[doc(hidden)]
pub mod fuzz;
pub mod graph;
pub mod history;
pub mod load;
pub mod model;
mod output;
mod project;
mod render;
pub mod schema;
mod serve;
pub mod term;
mod text;
mod tree;
pub mod validate;

/// How a command ended, when it did not fail outright.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    /// The strategy has errors (or warnings under `--deny-warnings`).
    Problems,
}

pub fn run(cli: cli::Cli) -> anyhow::Result<Outcome> {
    // Rendering recurses as deep as the strategy's trees; a template that
    // recurses without end is stopped by `render::recursion` well before.
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(render::recursion::STACK)
        .build_global();
    let verbosity = cli.verbosity();
    match cli.command {
        cli::Command::Init { dir } => cmd::init::run(dir, verbosity),
        cli::Command::Check {
            root,
            format,
            deny_warnings,
        } => cmd::check::run(root, format, deny_warnings, verbosity),
        cli::Command::Build(args) => cmd::build::run(args, verbosity),
        cli::Command::Serve(args) => serve::run(args, verbosity),
        cli::Command::Diff { args, format } => cmd::diff::run(args, format),
        cli::Command::Export { root, rev } => cmd::export::run(root, rev),
    }
}
