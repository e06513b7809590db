//! The `charter` binary: parse arguments, run, map the outcome to an exit code.

use clap::Parser;
use std::process::ExitCode;

// Rendering and history allocate many small values on every thread; glibc's
// allocator spent a third of a large build in malloc and free.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    no_huge_pages();
    let cli = charter::cli::Cli::parse();
    use charter::cli::Command;
    match &cli.command {
        // A preview session frees and allocates on every edit for hours.
        Command::Serve(_) => give_back_after(50),
        // History is read beside the pages: the build's largest.
        Command::Build(args) if !args.no_history => give_back_after(100),
        _ => {}
    }
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

/// The allocator asks for transparent huge pages, each of which the kernel
/// zeroes and counts whole however little of it is used: a 10,000-page
/// build then held 20 MiB more and spent a tenth of its time zeroing.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes one integer flag and only changes
    // how this process's later page faults are served.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// The allocator keeps freed memory a second before giving it back (ten
/// seconds for its arenas), which a build never reaches: a 10,000-page
/// build with history then peaked 12 MiB higher, and over 1,000 preview
/// edits the server's memory rose 14-18% rather than 7%. Giving it back
/// after 100 ms (50 ms for `serve`) costs a build about 1% of its time and
/// an edit a few milliseconds (a median of 36 ms, not 32). A build without
/// history holds less, and keeps the default.
fn give_back_after(ms: i64) {
    // `mi_option_purge_delay`, which the bindings do not name: the
    // sixteenth of mimalloc's options, before `mi_option_use_numa_nodes`
    // (16), which they do.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: setting an option only changes when freed memory is given back.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, ms as _) }
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
