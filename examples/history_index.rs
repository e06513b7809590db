//! Times reading a strategy's git history on its own, phase by phase, for
//! the benchmark (`bench/run.sh` puts it next to `git log --name-status -M`,
//! which does the same walk): `cargo run --release --example history_index
//! -- REPO [--runs 5]`. Prints the median of the runs.

use std::time::Duration;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = std::path::PathBuf::from(args.next().expect("usage: history_index REPO [--runs N]"));
    let runs: usize = match (args.next().as_deref(), args.next()) {
        (Some("--runs"), Some(n)) => n.parse().expect("--runs takes a number"),
        _ => 5,
    };
    let source = charter::history::locate(&root, None)
        .expect("read the repository")
        .expect("a git repository with commits");
    let mut samples = Vec::new();
    for _ in 0..runs {
        let started = std::time::Instant::now();
        let history = source.history().expect("read the history");
        samples.push((started.elapsed(), history.timings, history.commits.len()));
    }
    samples.sort_by_key(|s| s.0);
    let (total, t, commits) = samples[samples.len() / 2];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("{:<28} {:>8.0} ms", "history index", ms(t.index));
    println!("{:<28} {:>8.0} ms", "history file versions", ms(t.versions));
    println!(
        "{:<28} {:>8.0} ms",
        "history field comparisons",
        ms(t.compare)
    );
    println!(
        "{:<28} {:>8.0} ms  ({commits} commits changed the strategy; median of {runs})",
        "history total",
        ms(total)
    );
}
