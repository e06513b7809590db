//! The `charter` binary: parse arguments, run, map the outcome to an exit code.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = charter::cli::Cli::parse();
    match charter::run(cli) {
        Ok(charter::Outcome::Success) => ExitCode::SUCCESS,
        Ok(charter::Outcome::Problems) => ExitCode::from(1),
        Err(e) => {
            eprintln!("{}: {e:#}", charter::term::error_label());
            ExitCode::from(2)
        }
    }
}
