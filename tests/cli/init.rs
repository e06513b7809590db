//! `charter init`: a scaffold that passes `check` cleanly, and never
//! overwrites anyone's strategy.

use crate::support::{Fixture, read_tree, run_in};

#[test]
fn init_creates_a_strategy_that_checks_clean() {
    let f = Fixture::empty();
    let out = f.run(&["init", "strategy"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stderr.contains("Created a strategy in strategy"),
        "{}",
        out.stderr
    );
    let files = read_tree(&f.path("strategy"));
    for expected in ["charter.yaml", "vision.md"] {
        assert!(
            files.contains_key(expected),
            "no {expected}: {:?}",
            files.keys()
        );
    }
    for folder in [
        "roadmap/",
        "goals/",
        "people/",
        "roles/",
        "teams/",
        "metrics/",
        "decisions/",
        "pages/",
    ] {
        assert!(
            files.keys().any(|k| k.starts_with(folder)),
            "no file in {folder}"
        );
    }

    let check = run_in(
        &f.path("strategy"),
        &["check", "--format", "json", "--deny-warnings"],
    );
    assert_eq!((check.code, check.stdout.as_str()), (0, ""), "{check:?}");
    let human = run_in(&f.path("strategy"), &["check"]);
    assert!(
        human.stderr.ends_with(" s: no problems\n"),
        "{}",
        human.stderr
    );
}

#[test]
fn init_scaffold_builds() {
    let f = Fixture::empty();
    assert_eq!(f.run(&["init", "."]).code, 0);
    let out = tempfile::tempdir().unwrap();
    let build = f.run(&["build", "-o", out.path().to_str().unwrap()]);
    assert_eq!(build.code, 0, "{build:?}");
    assert!(out.path().join("index.html").is_file());
    assert!(out.path().join("roadmap/index.html").is_file());
}

#[test]
fn init_without_dir_uses_the_current_folder() {
    let f = Fixture::empty();
    let out = f.run(&["init"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(f.path("charter.yaml").is_file());
    assert!(f.path("vision.md").is_file());
}

#[test]
fn init_refuses_to_overwrite_a_charter_yaml() {
    let f = Fixture::empty();
    f.write("charter.yaml", "title: Mine\n");
    let out = f.run(&["init", "."]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stderr.contains("already holds a charter.yaml"),
        "{}",
        out.stderr
    );
    assert_eq!(f.read("charter.yaml"), "title: Mine\n");
    assert_eq!(read_tree(f.root()).len(), 1, "nothing else was written");
}

#[test]
fn init_refuses_to_overwrite_any_existing_file() {
    let f = Fixture::empty();
    f.write("vision.md", "my own vision\n");
    let out = f.run(&["init", "."]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stderr.contains("vision.md already exists"),
        "{}",
        out.stderr
    );
    assert_eq!(f.read("vision.md"), "my own vision\n");
    assert_eq!(read_tree(f.root()).len(), 1, "nothing else was written");
}
