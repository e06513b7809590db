//! `cargo run --example demo`: the demonstration repository has the
//! scripted team history (authors from `people/`, dates, a move, review
//! tags) ending in `example-site/` as it is, the same hashes on every run
//! whatever the machine's git settings, and a built site that shows that
//! history and none of this repository's own commits, which the example
//! site built in place leaves out.

use crate::site::{check_site, main_of};
use crate::support::{Output, read_tree, run_in};
use git2::Repository;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The example's binary, which `cargo test` builds beside `charter`.
fn demo_exe() -> PathBuf {
    let bin = Path::new(env!("CARGO_BIN_EXE_charter"));
    let exe = bin
        .parent()
        .expect("the binary's folder")
        .join("examples")
        .join(format!("demo{}", std::env::consts::EXE_SUFFIX));
    assert!(
        exe.is_file(),
        "{} is missing: `cargo test` builds it, `cargo test --test cli` alone does not \
         (run `cargo build --example demo` first)",
        exe.display()
    );
    exe
}

/// Runs the demo into `dir` with `home` as the home folder (and its git
/// settings), nothing else from the host but `PATH`.
fn run_demo(dir: &Path, home: &Path) -> Output {
    std::process::Command::new(demo_exe())
        .arg(dir)
        .env_clear()
        .env("NO_COLOR", "1")
        .env("HOME", home)
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .output()
        .expect("run the demo")
        .into()
}

/// A demo made in a fresh temp folder, and the folder.
fn demo() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("strategy");
    let out = run_demo(&dir, tmp.path());
    assert_eq!(out.code, 0, "{out:?}");
    let open = format!(
        "Open {} in a browser",
        dir.join("public").join("index.html").display()
    );
    assert!(out.stderr.contains(&open), "{}", out.stderr);
    (tmp, dir)
}

/// The subjects of this repository's own commits, which the demo must not
/// show; the first of them is known even outside a clone.
fn own_subjects() -> BTreeSet<String> {
    let mut subjects = BTreeSet::from([
        "Core pipeline: load, model, validate, diagnostics, render, output".to_string(),
    ]);
    if let Ok(repo) = Repository::discover(env!("CARGO_MANIFEST_DIR")) {
        let mut walk = repo.revwalk().unwrap();
        walk.push_head().unwrap();
        for oid in walk {
            let commit = repo.find_commit(oid.unwrap()).unwrap();
            subjects.insert(subject(&commit));
        }
    }
    subjects
}

fn subject(commit: &git2::Commit) -> String {
    commit.summary().unwrap().unwrap_or_default().to_string()
}

/// `Name <email>` of every author in the example's `people/`.
fn people() -> BTreeSet<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site/people");
    read_tree(&root)
        .values()
        .map(|bytes| {
            let text = String::from_utf8_lossy(bytes);
            let field = |name: &str| {
                text.lines()
                    .find_map(|l| l.strip_prefix(name))
                    .expect("a person has a name and an email")
                    .to_string()
            };
            format!("{} <{}>", field("name: "), field("email: "))
        })
        .collect()
}

/// A page's `<main>` as text, tags removed and spaces collapsed.
fn text_of(out: &Path, page: &str) -> String {
    let html = std::fs::read_to_string(out.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"));
    let mut text = String::new();
    let mut in_tag = false;
    for c in main_of(&html).chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_demo_repository_has_the_team_history_and_ends_in_the_example() {
    let (_tmp, dir) = demo();
    let repo = Repository::open(&dir).unwrap();
    let mut walk = repo.revwalk().unwrap();
    walk.push_head().unwrap();
    walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::REVERSE)
        .unwrap();
    let commits: Vec<git2::Commit> = walk
        .map(|oid| repo.find_commit(oid.unwrap()).unwrap())
        .collect();
    assert!(commits.len() >= 50, "only {} commits", commits.len());

    let people = people();
    let mut authors = BTreeSet::new();
    for c in &commits {
        let who = format!(
            "{} <{}>",
            c.author().name().unwrap(),
            c.author().email().unwrap()
        );
        assert!(people.contains(&who), "{who} is not in people/");
        assert_eq!(c.author().to_string(), c.committer().to_string());
        assert_eq!(c.author().when(), c.committer().when());
        authors.insert(who);
    }
    assert!(authors.len() >= 10, "only {} authors", authors.len());
    let first = commits.first().unwrap();
    assert_eq!(
        subject(first),
        "Move the product strategy from the wiki into this repository"
    );
    assert_eq!(first.author().name().unwrap(), "Ada Okafor");
    // 2026-01-12 09:30 in Denver.
    assert_eq!(first.time().seconds(), 1_768_235_400);
    assert_eq!(first.time().offset_minutes(), -420);
    let times: Vec<i64> = commits.iter().map(|c| c.time().seconds()).collect();
    assert!(
        times.windows(2).all(|w| w[0] < w[1]),
        "commit times go forward"
    );
    assert!(
        times.last().unwrap() - times[0] > 300 * 86_400,
        "ten months or more"
    );

    let own = own_subjects();
    for c in &commits {
        let subject = subject(c);
        assert!(
            !own.contains(&subject),
            "this repository's own commit: {subject}"
        );
    }

    // Each state is a valid strategy, as the team's CI would have kept it:
    // a sample, with the states on both sides of the move.
    let moved_at = commits
        .iter()
        .position(|c| subject(c).starts_with("Move SSO and SCIM"))
        .expect("the move");
    for (i, c) in commits.iter().enumerate() {
        if i % 10 != 0 && i + 1 != moved_at && i != moved_at {
            continue;
        }
        let rev = c.id().to_string();
        let out = run_in(&dir, &["export", "--rev", &rev, "-q"]);
        assert_eq!(out.code, 0, "{}: {}", subject(c), out.stderr);
        assert_eq!(out.stderr, "", "{}", subject(c));
    }

    // The identity items moved, as a rename git sees.
    let moved = &commits[moved_at];
    let mut diff = repo
        .diff_tree_to_tree(
            Some(&moved.parent(0).unwrap().tree().unwrap()),
            Some(&moved.tree().unwrap()),
            None,
        )
        .unwrap();
    diff.find_similar(None).unwrap();
    let renames: Vec<(String, String)> = diff
        .deltas()
        .filter(|d| d.status() == git2::Delta::Renamed)
        .map(|d| {
            let path = |f: git2::DiffFile| f.path().unwrap().to_string_lossy().into_owned();
            (path(d.old_file()), path(d.new_file()))
        })
        .collect();
    assert!(
        renames.contains(&(
            "roadmap/platform/sso.md".into(),
            "roadmap/platform/identity/sso.md".into()
        )),
        "{renames:?}"
    );

    for (name, on) in [
        ("review-2026-10", "October roadmap review"),
        ("review-2026-11", "November roadmap review"),
    ] {
        let reference = repo.find_reference(&format!("refs/tags/{name}")).unwrap();
        let tag = repo
            .find_tag(reference.target().unwrap())
            .expect("an annotated tag");
        assert_eq!(tag.tagger().unwrap().name().unwrap(), "Marcus Lindqvist");
        assert_eq!(tag.message().unwrap().unwrap().lines().next(), Some(on));
        let tagged = tag.target().unwrap().peel_to_commit().unwrap();
        assert!(subject(&tagged).starts_with(on.split(' ').next().unwrap()));
    }

    // The last commit is the example, with history on; nothing is left uncommitted.
    let example = read_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site"));
    let head = repo.head().unwrap().peel_to_tree().unwrap();
    let mut in_head = BTreeSet::new();
    head.walk(git2::TreeWalkMode::PreOrder, |folder, entry| {
        if entry.kind() == Some(git2::ObjectType::Blob) {
            in_head.insert(format!("{folder}{}", entry.name().unwrap()));
        }
        git2::TreeWalkResult::Ok
    })
    .unwrap();
    let expected: BTreeSet<String> = example
        .keys()
        .filter(|p| !p.starts_with("public/"))
        .cloned()
        .collect();
    assert_eq!(in_head, expected);
    for path in &expected {
        let blob = head
            .get_path(Path::new(path))
            .unwrap()
            .to_object(&repo)
            .unwrap();
        let blob = blob.as_blob().unwrap().content();
        if path == "charter.yaml" {
            let config = String::from_utf8_lossy(blob);
            assert!(!config.contains("history"), "{config}");
            let ours = String::from_utf8_lossy(&example[path]);
            assert!(
                ours.starts_with(&*config),
                "{config}\nis not the start of\n{ours}"
            );
        } else {
            assert!(
                blob == example[path].as_slice(),
                "{path} differs from example-site"
            );
        }
    }
    let mut options = git2::StatusOptions::new();
    options.include_untracked(true).include_ignored(false);
    let statuses = repo.statuses(Some(&mut options)).unwrap();
    let dirty: Vec<_> = statuses
        .iter()
        .map(|s| s.path().unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        dirty,
        Vec::<String>::new(),
        "the working tree is the last commit"
    );
}

#[test]
fn two_runs_make_the_same_commits_whatever_the_git_settings() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    std::fs::write(
        b.path().join(".gitconfig"),
        "[user]\n\tname = Someone Else\n\temail = someone@example.org\n\
         [init]\n\tdefaultBranch = trunk\n[core]\n\tautocrlf = true\n",
    )
    .unwrap();
    let heads = |dir: &Path| {
        let repo = Repository::open(dir).unwrap();
        let mut refs: Vec<String> = repo
            .references()
            .unwrap()
            .map(|r| {
                let r = r.unwrap();
                format!("{} {}", r.name().unwrap(), r.target().unwrap())
            })
            .collect();
        refs.sort();
        refs
    };
    let (one, two) = (a.path().join("demo"), b.path().join("demo"));
    for (dir, home) in [(&one, a.path()), (&two, b.path())] {
        let out = run_demo(dir, home);
        assert_eq!(out.code, 0, "{out:?}");
    }
    let first = heads(&one);
    assert_eq!(first.len(), 3, "main and two tags: {first:?}");
    assert!(first[0].starts_with("refs/heads/main "), "{first:?}");
    assert_eq!(first, heads(&two));
    // The checkout too: `core.autocrlf` does not turn its line endings.
    let files = |dir: &Path| {
        let mut files = read_tree(dir);
        files.retain(|path, _| !path.starts_with(".git/") && !path.starts_with("public/"));
        files
    };
    assert!(files(&one) == files(&two), "the working trees differ");
    assert!(
        read_tree(&one.join("public")) == read_tree(&two.join("public")),
        "the sites differ"
    );
    // A second run replaces the demo it made before, with the same commits.
    let again = run_demo(&two, b.path());
    assert_eq!(again.code, 0, "{again:?}");
    assert_eq!(first, heads(&two));
}

#[test]
fn the_demo_never_replaces_a_folder_it_did_not_make() {
    let tmp = tempfile::tempdir().unwrap();
    let mine = tmp.path().join("mine");
    std::fs::create_dir_all(mine.join(".git")).unwrap();
    std::fs::write(mine.join("notes.md"), "my notes\n").unwrap();
    let out = run_demo(&mine, tmp.path());
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stderr.contains("is not a demo made by this example"),
        "{}",
        out.stderr
    );
    assert_eq!(
        std::fs::read_to_string(mine.join("notes.md")).unwrap(),
        "my notes\n"
    );
    assert_eq!(
        std::fs::read_dir(&mine).unwrap().count(),
        2,
        "nothing was added"
    );
}

#[test]
fn the_demo_site_shows_the_team_history_and_none_of_this_repository() {
    let (_tmp, dir) = demo();
    let site = dir.join("public");
    let report = check_site(&site);
    assert_eq!(report.problems, Vec::<String>::new());

    let changes = without_hashes(&text_of(&site, "changes/index.html"));
    for expected in [
        "2026-12-08 · Marcus Lindqvist · commit December roadmap review: accept CRDT-based offline sync",
        "Status: proposed → changed to accepted",
        "2026-12-07 · Zoë Müller · commit Weekly active technicians for December: 48,950",
        "Values: recorded 48,950 users on 2026-12-01",
    ] {
        assert!(
            changes.contains(expected),
            "the change log lacks {expected:?}:\n{changes}"
        );
    }
    let sso = without_hashes(&text_of(&site, "roadmap/sso/index.html"));
    for expected in [
        "2026-11-20 · Marcus Lindqvist",
        "Target: 2027-01-29 → changed to 2027-02-12",
        "Milestones: “Self-serve SSO setup in admin settings” 2027-01-29 → 2027-02-12",
        "Milestones: “SAML 2.0 with Okta and Microsoft Entra ID” done",
        "2026-06-03 · Wei Chen",
        "Status: idea → changed to planned",
        "moved from roadmap/platform/sso.md",
        "2026-01-12 · Ada Okafor · commit Move the product strategy from the wiki into this repository",
    ] {
        assert!(
            sso.contains(expected),
            "SSO's history lacks {expected:?}:\n{sso}"
        );
    }
    shows_none_of_this_repository(&site);
}

/// `text` with the short hashes after "commit " left out: they change
/// whenever `example-site/` does.
fn without_hashes(text: &str) -> String {
    let mut parts = text.split("commit ");
    let mut out = parts.next().unwrap_or_default().to_string();
    for part in parts {
        out.push_str("commit ");
        let hash = part.len() > 8
            && part.is_char_boundary(8)
            && part[..7].bytes().all(|b| b.is_ascii_hexdigit())
            && part.as_bytes()[7] == b' ';
        out.push_str(if hash { &part[8..] } else { part });
    }
    out
}

#[track_caller]
fn shows_none_of_this_repository(site: &Path) {
    let own = own_subjects();
    for (path, bytes) in read_tree(site) {
        let page = String::from_utf8_lossy(&bytes);
        if let Some(subject) = own.iter().find(|s| page.contains(s.as_str())) {
            panic!("{path} shows this repository's commit {subject:?}");
        }
    }
}

#[test]
fn the_example_site_built_in_place_shows_no_history_of_this_repository() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site");
    let out = tempfile::tempdir().unwrap();
    let built = run_in(&example, &["build", "-o", out.path().to_str().unwrap()]);
    assert_eq!(built.code, 0, "{built:?}");
    let changes = text_of(out.path(), "changes/index.html");
    assert!(changes.contains("No history"), "{changes}");
    shows_none_of_this_repository(out.path());
}
