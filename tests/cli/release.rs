//! Releases as `.github/workflows/release.yml` makes them, with
//! `ci/package.sh`, from the binary under test; and what the tests of the
//! Action and the GitLab template share: reading the repository's YAML,
//! this machine's release target, a workspace holding the example site.

use crate::support::{Fixture, read_tree};
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A YAML document as JSON, for reading the repository's own YAML files.
pub fn yaml_to_json(text: &str) -> Value {
    use saphyr_parser::{Event, Parser};
    // Open collections; a map's pending key waits beside it.
    let mut stack: Vec<(Value, Option<String>)> = Vec::new();
    let mut root = None;
    for event in Parser::new_from_str(text) {
        let (event, _) = event.expect("valid YAML");
        let done = match event {
            Event::Scalar(text, ..) => Value::String(text.into_owned()),
            Event::MappingStart(..) => {
                stack.push((Value::Object(Map::new()), None));
                continue;
            }
            Event::SequenceStart(..) => {
                stack.push((Value::Array(Vec::new()), None));
                continue;
            }
            Event::MappingEnd | Event::SequenceEnd => stack.pop().expect("open").0,
            _ => continue,
        };
        match stack.last_mut() {
            None => root = Some(done),
            Some((Value::Array(items), _)) => items.push(done),
            Some((Value::Object(map), key)) => match key.take() {
                Some(k) => {
                    map.insert(k, done);
                }
                None => *key = Some(done.as_str().expect("a text key").to_string()),
            },
            Some(_) => unreachable!("only collections are pushed"),
        }
    }
    root.expect("a document")
}

/// A workspace holding the example site in `example-site/`.
pub fn workspace_with_example_site() -> Fixture {
    let f = Fixture::empty();
    let site = repository().join("example-site");
    for (rel, bytes) in read_tree(&site) {
        f.write(&format!("example-site/{rel}"), bytes);
    }
    f
}

/// The runner's name for this machine's OS and architecture, and the
/// release target ci/install.sh downloads for it.
pub fn runner_platform() -> Option<(&'static str, &'static str, &'static str)> {
    match (std::env::consts::OS, std::env::consts::ARCH) {
        ("linux", "x86_64") => Some(("Linux", "X64", "x86_64-unknown-linux-musl")),
        ("linux", "aarch64") => Some(("Linux", "ARM64", "aarch64-unknown-linux-musl")),
        ("macos", "x86_64") => Some(("macOS", "X64", "x86_64-apple-darwin")),
        ("macos", "aarch64") => Some(("macOS", "ARM64", "aarch64-apple-darwin")),
        _ => None,
    }
}

/// A release of the binary under test as the release workflow publishes
/// it, under `server/octo/charter/releases/download/VERSION/`.
pub fn publish_release(server: &Path, version: &str, target: &str) -> PathBuf {
    let dir = server.join(format!("octo/charter/releases/download/{version}"));
    let pack = Command::new("bash")
        .arg(repository().join("ci/package.sh"))
        .args([version, target, env!("CARGO_BIN_EXE_charter")])
        .arg(&dir)
        .output()
        .expect("bash runs");
    assert!(
        pack.status.success(),
        "{}",
        String::from_utf8_lossy(&pack.stderr)
    );
    let sums = Command::new("bash")
        .args([
            "-c",
            "sha256sum -- * > SHA256SUMS || shasum -a 256 -- * > SHA256SUMS",
        ])
        .current_dir(&dir)
        .output()
        .expect("bash runs");
    assert!(
        sums.status.success(),
        "{}",
        String::from_utf8_lossy(&sums.stderr)
    );
    dir
}

#[test]
fn a_release_archive_holds_the_binary_its_docs_and_completions() {
    let Some((_, _, target)) = runner_platform() else {
        return;
    };
    let ws = Fixture::empty();
    let release = publish_release(&ws.path("server"), "v9.8.7", target);
    let archive = format!("charter-v9.8.7-{target}");
    let listing = Command::new("tar")
        .arg("-tzf")
        .arg(release.join(format!("{archive}.tar.gz")))
        .output()
        .expect("tar runs");
    let listing = String::from_utf8(listing.stdout).expect("UTF-8");
    for file in [
        "charter",
        "README.md",
        "LICENSE-MIT",
        "LICENSE-APACHE",
        "charter.1",
        "completions/charter.bash",
        "completions/_charter",
        "completions/charter.fish",
        "completions/_charter.ps1",
        "completions/charter.elv",
    ] {
        let path = format!("{archive}/{file}");
        assert!(
            listing.lines().any(|l| l == path),
            "no {path} in\n{listing}"
        );
    }

    let sums = std::fs::read_to_string(release.join("SHA256SUMS")).expect("SHA256SUMS");
    assert!(sums.ends_with(&format!("  {archive}.tar.gz\n")), "{sums}");
}

#[test]
fn a_windows_release_is_a_zip_holding_charter_exe() {
    let ws = Fixture::empty();
    let target = "x86_64-pc-windows-msvc";
    let release = publish_release(&ws.path("server"), "v9.8.7", target);
    let archive = format!("charter-v9.8.7-{target}");
    let listing = Command::new("unzip")
        .arg("-Z1")
        .arg(release.join(format!("{archive}.zip")))
        .output()
        .expect("unzip runs (apt-get install unzip)");
    let listing = String::from_utf8(listing.stdout).expect("UTF-8");
    for file in ["charter.exe", "README.md", "completions/_charter.ps1"] {
        let path = format!("{archive}/{file}");
        assert!(
            listing.lines().any(|l| l == path),
            "no {path} in\n{listing}"
        );
    }
}
