//! What the README and docs say of the repository holds: the Rust version
//! they ask for is the one `Cargo.toml` declares, and no locked dependency
//! needs a newer one (on an older toolchain the first command would fail
//! with an error that names a dependency, not the toolchain); and every
//! link in them leads somewhere.

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

/// Every relative link in the README and `docs/` leads to a file of the
/// repository (and an anchor in one of them to a heading there).
#[test]
fn links_in_the_readme_and_docs_resolve() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages = vec![root.join("README.md")];
    for entry in std::fs::read_dir(root.join("docs")).expect("docs/") {
        pages.push(entry.expect("an entry").path());
    }
    for page in pages {
        let text = std::fs::read_to_string(&page).expect("a page");
        // Links in code blocks and code spans are examples, not links.
        let mut in_block = false;
        let prose: String = text
            .lines()
            .filter(|line| {
                in_block ^= line.trim_start().starts_with("```");
                !in_block && !line.trim_start().starts_with("```")
            })
            .flat_map(|line| line.split('`').step_by(2).chain(["\n"]))
            .collect();
        for target in prose
            .split("](")
            .skip(1)
            .filter_map(|rest| rest.split(')').next())
        {
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let (file, anchor) = target.split_once('#').unwrap_or((target, ""));
            let linked = match file {
                "" => page.clone(),
                file => page.parent().expect("a folder").join(file),
            };
            assert!(linked.exists(), "{}: no {target}", page.display());
            if !anchor.is_empty() && linked.extension().is_some_and(|e| e == "md") {
                let headings = std::fs::read_to_string(&linked).expect("a page");
                let slug = |h: &str| {
                    h.trim_start_matches('#')
                        .trim()
                        .to_lowercase()
                        .chars()
                        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
                        .map(|c| if c == ' ' { '-' } else { c })
                        .collect::<String>()
                };
                let found = headings
                    .lines()
                    .filter(|l| l.starts_with('#'))
                    .any(|h| slug(h) == anchor);
                assert!(found, "{}: no heading for {target}", page.display());
            }
        }
    }
}
