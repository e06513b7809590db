//! Nothing from outside the strategy folder is read, published or printed,
//! whatever links, special files or odd names it holds; and `check`,
//! `build` and `build --rev` read the same set of files.

use crate::support::{Fixture, assert_diags, read_tree};
use std::os::unix::fs::symlink;

/// A folder outside the strategy holding a secret, as a hostile link
/// would point at.
struct Outside(tempfile::TempDir);

const SECRET: &str = "AWS_SECRET=do-not-publish";

impl Outside {
    fn new() -> Outside {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("key.env"), SECRET).unwrap();
        std::fs::write(
            dir.path().join("leak.md"),
            format!("---\ntitle: Leak\n---\n{SECRET}\n"),
        )
        .unwrap();
        Outside(dir)
    }

    fn path(&self, rel: &str) -> std::path::PathBuf {
        self.0.path().join(rel)
    }
}

/// Builds into a fresh folder; the run and what was written.
fn build(f: &Fixture, extra: &[&str]) -> (crate::support::Output, tempfile::TempDir) {
    let out = tempfile::tempdir().unwrap();
    let mut args = vec!["build", "-o", out.path().to_str().unwrap()];
    args.extend_from_slice(extra);
    (f.run(&args), out)
}

#[track_caller]
fn assert_nothing_leaks(run: &crate::support::Output, out: &std::path::Path) {
    for text in [&run.stdout, &run.stderr] {
        assert!(!text.contains("do-not-publish"), "printed: {text}");
        assert!(!text.contains("PATH="), "printed the environment: {text}");
    }
    for (path, bytes) in read_tree(out) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("do-not-publish"),
            "{path} publishes the secret"
        );
    }
}

#[test]
fn a_static_folder_linking_outside_is_refused_and_nothing_is_published() {
    let f = Fixture::new();
    let outside = Outside::new();
    symlink(outside.0.path(), f.path("static")).unwrap();
    let (check, _) = f.check_json(&[]);
    let d = assert_diags(&check, &["error E0006 static"]);
    assert_eq!(
        d[0].message,
        format!(
            "`static` is a symbolic link to `{}`, outside the strategy folder",
            outside.0.path().display()
        )
    );
    let (run, out) = build(&f, &[]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        read_tree(out.path()).is_empty(),
        "a refused build wrote files"
    );
    assert_nothing_leaks(&run, out.path());
}

#[test]
fn a_source_folder_or_file_linking_outside_is_refused_at_any_depth() {
    let f = Fixture::new();
    let outside = Outside::new();
    f.remove("pages/handbook.md");
    std::fs::remove_dir(f.path("pages")).unwrap();
    symlink(outside.0.path(), f.path("pages")).unwrap();
    std::fs::create_dir_all(f.path("roadmap/2027/deep")).unwrap();
    symlink(outside.path("leak.md"), f.path("roadmap/2027/deep/leak.md")).unwrap();
    symlink(outside.path("key.env"), f.path("templates")).unwrap();
    let (check, _) = f.check_json(&[]);
    assert_diags(
        &check,
        &[
            "error E0006 pages",
            "error E0006 roadmap/2027/deep/leak.md",
            "error E0006 templates",
        ],
    );
    let (run, out) = build(&f, &[]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_nothing_leaks(&run, out.path());
}

#[test]
fn a_vision_linking_to_the_environment_is_never_printed() {
    let f = Fixture::new();
    f.remove("vision.md");
    symlink("/proc/self/environ", f.path("vision.md")).unwrap();
    for args in [&["check"][..], &["check", "--format", "json"], &["export"]] {
        let run = f.run(args);
        assert_eq!(run.code, 1, "{run:?}");
        assert!(run.stderr.contains("E0006") || run.stdout.contains("E0006"));
        assert!(
            !run.stderr.contains("E0002") && !run.stdout.contains("E0002"),
            "a refused vision.md is not also missing: {run:?}"
        );
        assert_nothing_leaks(&run, f.path("no-output").as_path());
    }
    let (run, out) = build(&f, &[]);
    assert_eq!(run.code, 1);
    assert_nothing_leaks(&run, out.path());
}

#[test]
fn links_inside_the_strategy_are_followed() {
    let f = Fixture::new();
    f.write(
        "archive/scim.md",
        "---\ntitle: SCIM provisioning\nstatus: idea\n---\nLater.\n",
    );
    f.write(
        "archive/2026/audit.md",
        "---\ntitle: Audit log\nstatus: shipped\n---\n",
    );
    symlink("../archive/scim.md", f.path("roadmap/scim.md")).unwrap();
    symlink("../archive/2026", f.path("roadmap/2026")).unwrap();
    symlink("roadmap", f.path("static")).unwrap();
    let (check, _) = f.check_json(&["--deny-warnings"]);
    assert_eq!(check.code, 0, "{check:?}");
    let (run, out) = build(&f, &[]);
    assert_eq!(run.code, 0, "{run:?}");
    let site = read_tree(out.path());
    for page in [
        "roadmap/scim/index.html",
        "roadmap/audit/index.html",
        "sso.md",
        "2026/audit.md",
    ] {
        assert!(site.contains_key(page), "{page} missing: {:?}", site.keys());
    }
}

#[test]
fn broken_and_looping_links_are_reported_not_followed() {
    let f = Fixture::new();
    symlink("nothing.md", f.path("roadmap/gone.md")).unwrap();
    symlink("..", f.path("roadmap/up")).unwrap();
    let (check, _) = f.check_json(&[]);
    let d = assert_diags(
        &check,
        &["error E0006 roadmap/gone.md", "error E0006 roadmap/up"],
    );
    assert_eq!(
        d[0].message,
        "`roadmap/gone.md` is a symbolic link to `nothing.md`, which does not exist"
    );
    assert_eq!(
        d[1].message,
        "`roadmap/up` is a symbolic link to `..`, which leads back to a folder holding it"
    );
}

#[test]
fn special_files_odd_names_and_huge_files_are_reported_without_hanging() {
    let f = Fixture::new();
    let fifo = f.path("roadmap/pipe.md");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let odd = <std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(b"caf\xe9.md");
    std::fs::write(f.path("roadmap").join(odd), "---\ntitle: x\n---\n").unwrap();
    let huge = format!(
        "---\ntitle: Huge\nstatus: idea\n---\n{}",
        "x".repeat(1 << 20)
    );
    f.write("roadmap/huge.md", huge);
    let (check, _) = f.check_json(&[]);
    let d = assert_diags(
        &check,
        &[
            "warning W0106 roadmap/caf\u{fffd}.md",
            "error E0007 roadmap/huge.md",
            "warning W0103 roadmap/pipe.md",
        ],
    );
    assert_eq!(
        d[1].message,
        "`roadmap/huge.md` is 1.0 MiB; strategy files and templates may be at most 1 MiB"
    );
}

#[test]
fn a_revision_reads_its_links_as_the_working_tree_does() {
    let f = Fixture::new();
    let outside = Outside::new();
    f.write("archive/scim.md", "---\ntitle: SCIM\nstatus: idea\n---\n");
    symlink("../archive/scim.md", f.path("roadmap/scim.md")).unwrap();
    symlink(outside.path("leak.md"), f.path("roadmap/leak.md")).unwrap();
    f.git_init_commit();
    std::fs::remove_file(f.path("roadmap/leak.md")).unwrap();
    let (check, _) = f.check_json(&[]);
    assert_eq!(check.code, 0, "{check:?}");
    let (run, out) = build(&f, &["--rev", "HEAD"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr.contains(&format!(
            "error[E0006]: `roadmap/leak.md` is a symbolic link to `{}`, outside the strategy folder",
            outside.path("leak.md").display()
        )),
        "{}",
        run.stderr
    );
    assert_nothing_leaks(&run, out.path());
    f.git_commit("Drop the leaking link");
    let (run, out) = build(&f, &["--rev", "HEAD"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(read_tree(out.path()).contains_key("roadmap/scim/index.html"));
}

#[test]
fn a_static_file_named_like_a_page_is_reported_and_the_page_wins() {
    let f = Fixture::new();
    f.write("static/roadmap/sso/index.html", "<p>static</p>");
    f.write("static/changes/atom.xml", "<feed/>");
    f.write("static/robots.txt", "User-agent: *");
    let (check, _) = f.check_json(&[]);
    let d = assert_diags(
        &check,
        &[
            "warning W0105 static/changes/atom.xml",
            "warning W0105 static/roadmap/sso/index.html",
        ],
    );
    assert_eq!(
        d[1].message,
        "`static/roadmap/sso/index.html` has the path of a page of the site, which is published instead"
    );
    let (run, out) = build(&f, &[]);
    assert_eq!(run.code, 0, "{run:?}");
    let site = read_tree(out.path());
    let page = String::from_utf8_lossy(&site["roadmap/sso/index.html"]);
    assert!(page.contains("Single sign-on") && !page.contains("<p>static</p>"));
    assert_eq!(site["robots.txt"], b"User-agent: *");
}

#[test]
fn a_link_into_git_or_another_hidden_file_is_refused() {
    let f = Fixture::new();
    f.git_init_commit();
    std::fs::write(f.path(".env"), SECRET).unwrap();
    std::fs::create_dir(f.path("static")).unwrap();
    symlink("../.git/config", f.path("static/config")).unwrap();
    symlink("../.env", f.path("pages/env.md")).unwrap();
    let (check, _) = f.check_json(&[]);
    let d = assert_diags(
        &check,
        &["error E0006 pages/env.md", "error E0006 static/config"],
    );
    assert_eq!(
        d[1].message,
        "`static/config` is a symbolic link to `../.git/config`, a hidden file or folder"
    );
    let (run, out) = build(&f, &[]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_nothing_leaks(&run, out.path());
}
