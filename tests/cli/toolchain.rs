//! The Rust version the README asks for is the one `Cargo.toml` declares,
//! and no locked dependency needs a newer one: on an older toolchain the
//! first command would fail with an error that names a dependency, not
//! the toolchain.

use std::path::Path;
use std::process::Command;

fn parse(version: &str) -> Vec<u32> {
    version
        .split('.')
        .map(|n| n.parse().expect("a version number"))
        .collect()
}

/// `1.91` ≥ `1.88.0`: missing parts count as 0.
fn at_least(have: &[u32], need: &[u32]) -> bool {
    let part = |v: &[u32], i: usize| v.get(i).copied().unwrap_or(0);
    (0..have.len().max(need.len()))
        .map(|i| part(have, i).cmp(&part(need, i)))
        .find(|o| o.is_ne())
        .is_none_or(|o| o.is_gt())
}

#[test]
fn the_minimum_rust_version_is_declared_and_stated() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(root)
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let packages = metadata["packages"].as_array().expect("packages");
    let declared = packages
        .iter()
        .find(|p| p["name"] == "charter")
        .and_then(|p| p["rust_version"].as_str())
        .expect("Cargo.toml declares rust-version");
    for p in packages {
        if let Some(needs) = p["rust_version"].as_str() {
            assert!(
                at_least(&parse(declared), &parse(needs)),
                "{} {} needs Rust {needs}, above rust-version {declared} in Cargo.toml",
                p["name"],
                p["version"]
            );
        }
    }
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let stated = format!("Rust {declared} or newer");
    assert!(
        readme.contains(&stated),
        "the README does not say \"{stated}\""
    );
}

#[test]
fn versions_compare_part_by_part() {
    assert!(at_least(&parse("1.91"), &parse("1.88.0")));
    assert!(at_least(&parse("1.91"), &parse("1.91.0")));
    assert!(!at_least(&parse("1.85"), &parse("1.91")));
    assert!(!at_least(&parse("1.91"), &parse("1.91.1")));
}
