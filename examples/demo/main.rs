//! `cargo run --example demo [DIR]`: makes a demonstration strategy
//! repository from `example-site/` with a product team's scripted history
//! (ten months of commits by the people in `people/`, review tags, a moved
//! file), then builds its site, so that history sections, timelines and the
//! change log can be seen as a product team would see them. `example-site/`
//! stays the one source: the history is written backwards from its files,
//! and its last commit holds them as they are, with history turned on.
//! Fixed identities and times give the same commits and hashes every run.

mod jan_jun;
mod jul_sep;
mod oct_dec;
mod paths;
mod repo;
mod rewind;
mod script;

use anyhow::{Context, Result, bail};
use clap::Parser;
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What `example-site/charter.yaml` says to keep this repository's own
/// commits off the example's pages; the demonstration has a history to show.
const HISTORY_OFF: &str = "history: { enabled: false }\n";

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{}: {e:#}", charter::term::error_label());
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<ExitCode> {
    let dir = match std::env::args_os().nth(1) {
        Some(arg) if arg == "-h" || arg == "--help" => {
            println!("usage: cargo run --example demo [DIR]  (default: target/demo/strategy)");
            return Ok(ExitCode::SUCCESS);
        }
        Some(arg) => PathBuf::from(arg),
        None => default_dir()?,
    };
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site");
    let last = with_history(read_strategy(&source)?)?;
    let commits = script::commits();
    let states = rewind::states(last, &commits)?;
    repo::prepare(&dir)?;
    let made = repo::write(&dir, &states, &commits)?;
    eprintln!(
        "Made a demonstration strategy in {}: {} commits by {} people from {} to {}, tags {}",
        dir.display(),
        commits.len(),
        made.authors,
        made.first,
        made.last,
        made.tags.join(", ")
    );
    let build = ["charter".into(), "build".into(), OsString::from(&dir)];
    Ok(match charter::run(charter::cli::Cli::parse_from(build))? {
        charter::Outcome::Success => {
            let changes = dir.join("public").join("changes").join("index.html");
            eprintln!(
                "The change log is {}; `cargo run -- serve {}` previews the site live",
                changes.display(),
                dir.display()
            );
            ExitCode::SUCCESS
        }
        charter::Outcome::Problems => ExitCode::from(1),
    })
}

/// `target/demo/strategy` in the target folder this example was built in.
fn default_dir() -> Result<PathBuf> {
    let exe = std::env::current_exe().context("find the demo's own path")?;
    // target/PROFILE/examples/demo
    let target = exe
        .ancestors()
        .nth(3)
        .context("the demo is not in a cargo target folder; name a folder")?;
    Ok(target.join("demo").join("strategy"))
}

/// The strategy's files under `root`, by `/`-separated path: hidden files
/// and the `public/` a build of the example leaves are not part of it.
fn read_strategy(root: &Path) -> Result<BTreeMap<String, Vec<u8>>> {
    let mut files = BTreeMap::new();
    let walk = walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0 || !(name.starts_with('.') || e.depth() == 1 && name == "public")
        });
    for entry in walk {
        let entry = entry.with_context(|| format!("read {}", root.display()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(root)?;
        let rel: Vec<_> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect();
        let bytes = std::fs::read(entry.path())
            .with_context(|| format!("read {}", entry.path().display()))?;
        files.insert(rel.join("/"), bytes);
    }
    Ok(files)
}

/// The example's files with its history switch left out, and the comment
/// and blank line above it.
fn with_history(mut files: BTreeMap<String, Vec<u8>>) -> Result<BTreeMap<String, Vec<u8>>> {
    let config = files
        .get_mut("charter.yaml")
        .context("example-site has no charter.yaml")?;
    let text = String::from_utf8(std::mem::take(config))?;
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    let Some(at) = lines.iter().position(|l| *l == HISTORY_OFF) else {
        bail!(
            "example-site/charter.yaml no longer says `{}`",
            HISTORY_OFF.trim()
        );
    };
    let mut from = at;
    while from > 0 && lines[from - 1].starts_with('#') {
        from -= 1;
    }
    if from > 0 && lines[from - 1].trim().is_empty() {
        from -= 1;
    }
    lines.drain(from..=at);
    *config = lines.concat().into_bytes();
    Ok(files)
}
