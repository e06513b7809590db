//! The `charter` binary: parse arguments, run, map the outcome to an exit code.

use clap::Parser;
use std::process::ExitCode;

// Rendering and history allocate many small values on every thread; glibc's
// allocator spent a third of a large build in malloc and free.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = charter::cli::Cli::parse();
    match charter::run(cli) {
        Ok(charter::Outcome::Success) => ExitCode::SUCCESS,
        Ok(charter::Outcome::Problems) => ExitCode::from(1),
        // A closed pipe (`charter export | head`) is the reader's choice, not an error.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}: {e:#}", charter::term::error_label());
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == BrokenPipe)
            // JSON written straight to stdout fails with serde_json's error.
            || c.downcast_ref::<serde_json::Error>()
                .is_some_and(|json| json.io_error_kind() == Some(BrokenPipe))
    })
}
