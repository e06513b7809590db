//! The `charter` binary: parse arguments, run, map the outcome to an exit code.

use charter::cli::Command;
use clap::Parser;
use std::process::ExitCode;

// Rendering and history allocate many small values on every thread; glibc's
// allocator spent a third of a large build in malloc and free.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    no_huge_pages();
    let cli = charter::cli::Cli::parse();
    // Set before the commands allocate: set once the build knew it would
    // read history, it kept the peak 11 MiB higher.
    match &cli.command {
        // A preview session frees and allocates on every edit, for hours.
        Command::Serve(_) => give_back_after(50),
        // History read beside the files and pages: the most a build holds.
        // (A strategy outside git, or with history off in its settings,
        // pays the 1% too: that is known only once it is read.)
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

/// `mi_option_purge_delay`, which the bindings do not name: the option
/// just before `mi_option_use_numa_nodes` in mimalloc's list.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = libmimalloc_sys::mi_option_use_numa_nodes - 1;

/// How soon the allocator gives freed memory back to the system: by
/// default after a second, which a build never reaches, so that memory it
/// freed still counted in its peak; and over a preview session, edit after
/// edit, the server's memory crept up by a sixth. At 10,000 items, 100 ms
/// keeps a build with history 12 MiB lower for about 1% of its time (a
/// build without history holds less, and is better off without); 50 ms
/// holds the server within 7% of its memory after the first of 1,000
/// edits, for a few milliseconds more per edit.
fn give_back_after(ms: i64) {
    // SAFETY: setting an option only changes when freed memory is given back.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, ms as _) }
}

#[cfg(test)]
mod tests {
    use super::PURGE_DELAY;

    /// The option is the purge delay: mimalloc's default for it is a
    /// second (unless the environment sets it).
    #[test]
    fn the_option_is_the_purge_delay() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            // SAFETY: reading an option has no effect.
            assert_eq!(unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }, 1000);
        }
    }
}
