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

/// `charter init` in `dir` of `f`, with a home folder whose git config
/// holds `gitconfig`.
fn init_with_home(f: &Fixture, gitconfig: Option<&str>, extra: &[&str]) -> crate::support::Output {
    let home = tempfile::tempdir().unwrap();
    if let Some(config) = gitconfig {
        std::fs::write(home.path().join(".gitconfig"), config).unwrap();
    }
    let mut args = vec!["init", "strategy"];
    args.extend_from_slice(extra);
    let out = crate::support::command(f.root(), &args)
        .env("HOME", home.path())
        .output();
    out.expect("run charter").into()
}

#[test]
fn init_starts_a_git_history_that_diff_reads() {
    let f = Fixture::empty();
    let out = init_with_home(
        &f,
        Some("[user]\n\tname = Ada\n\temail = ada@example.com\n"),
        &[],
    );
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stderr.contains("first commit"), "{}", out.stderr);
    assert!(
        out.stderr.contains("charter serve strategy"),
        "{}",
        out.stderr
    );
    let repo = git2::Repository::open(f.path("strategy")).expect("a repository");
    let head = repo.head().unwrap().peel_to_commit().unwrap();
    assert_eq!(head.author().name(), Ok("Ada"));
    assert!(head.tree().unwrap().get_name("charter.yaml").is_some());
    let diff = run_in(&f.path("strategy"), &["diff", "HEAD"]);
    assert_eq!(diff.code, 0, "{diff:?}");
    assert!(
        diff.stdout.contains("0 added, 0 removed, 0 changed"),
        "{}",
        diff.stdout
    );
}

#[test]
fn init_without_a_git_identity_leaves_the_commit_to_the_user() {
    let f = Fixture::empty();
    let out = init_with_home(&f, None, &[]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stderr.contains("git add -A && git commit"),
        "{}",
        out.stderr
    );
    let repo = git2::Repository::open(f.path("strategy")).expect("a repository");
    assert!(repo.head().is_err(), "no commit without an author");
}

#[test]
fn init_leaves_git_alone_when_asked_or_already_in_a_repository() {
    let f = Fixture::empty();
    let out = init_with_home(
        &f,
        Some("[user]\n\tname = Ada\n\temail = a@b.c\n"),
        &["--no-git"],
    );
    assert_eq!(out.code, 0, "{out:?}");
    assert!(!f.path("strategy/.git").exists());
    let g = Fixture::empty();
    g.write("README.md", "a repository\n").git_commit("First");
    let out = init_with_home(&g, Some("[user]\n\tname = Ada\n\temail = a@b.c\n"), &[]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        !g.path("strategy/.git").exists(),
        "no repository inside a repository"
    );
    assert!(!out.stderr.contains("git repository"), "{}", out.stderr);
}
