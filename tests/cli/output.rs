//! The output folder: a failed build leaves it untouched, `-o` can never
//! point at the strategy's own files, and a rebuild removes only what an
//! earlier build wrote.

use crate::build::build_ok;
use crate::site::contains;
use crate::support::{Fixture, read_tree, run_in};
use std::path::Path;

// ---------------------------------------------------------------- guarantees

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let f = Fixture::new();
    f.git_init_commit();
    let out = tempfile::tempdir().unwrap();
    build_ok(&f, out.path(), &[]);
    let before = read_tree(out.path());
    assert!(before.contains_key("roadmap/sso/index.html"));

    f.write(
        "roadmap/sso.md",
        "---\ntitle: Renamed\nstatus: planned\nowner: nobody\n---\n",
    );
    f.remove("pages/handbook.md");
    let failed = f.run(&["build", "-o", out.path().to_str().unwrap()]);
    assert_eq!(failed.code, 1, "{failed:?}");
    assert!(
        failed
            .stderr
            .contains("error[E0102]: unknown person `nobody` in `owner`"),
        "{}",
        failed.stderr
    );
    assert!(failed.stderr.contains("not built"), "{}", failed.stderr);
    assert!(
        read_tree(out.path()) == before,
        "the output changed after a failed build"
    );
}

#[test]
fn output_equal_to_the_root_is_refused() {
    let f = Fixture::new();
    let before = read_tree(f.root());
    for out in [".".to_string(), f.root().to_str().unwrap().to_string()] {
        let result = f.run(&["build", "-o", &out]);
        assert_eq!(result.code, 2, "{result:?}");
        assert!(
            result.stderr.contains("refusing to write the site")
                && result.stderr.contains("is the strategy root"),
            "{}",
            result.stderr
        );
    }
    assert!(read_tree(f.root()) == before, "something was written");
}

#[test]
fn output_spelled_with_dotdot_to_the_root_is_refused() {
    let f = Fixture::new();
    let before = read_tree(f.root());
    let result = f.run(&["build", "-o", "public/.."]);
    let after = read_tree(f.root());
    let added: Vec<&String> = after.keys().filter(|k| !before.contains_key(*k)).collect();
    assert_eq!(
        added,
        Vec::<&String>::new(),
        "files written into the strategy root"
    );
    assert_eq!(result.code, 2, "{result:?}");
}

#[test]
fn output_spelled_with_dotdot_into_a_source_folder_is_refused() {
    let f = Fixture::new();
    let result = f.run(&["build", "-o", "x/../roadmap/out"]);
    assert!(
        !f.path("roadmap/out").exists(),
        "the site was written into roadmap/out"
    );
    assert!(
        !f.path("x").exists(),
        "a folder `x` was created in the strategy root"
    );
    assert_eq!(result.code, 2, "{result:?}");
}

#[test]
fn a_build_failing_while_writing_leaves_the_previous_output_untouched() {
    let f = Fixture::new();
    let out = tempfile::tempdir().unwrap();
    build_ok(&f, out.path(), &[]);
    // Something in the way of a late file (in sorted order) makes the write fail.
    std::fs::remove_file(out.path().join("teams/index.html")).unwrap();
    std::fs::create_dir_all(out.path().join("teams/index.html/in-the-way")).unwrap();
    let before = read_tree(out.path());
    f.write("roadmap/sso.md", item_titled("Renamed sign-on"));
    let result = f.run(&["build", "-o", out.path().to_str().unwrap()]);
    assert_eq!(result.code, 2, "{result:?}");
    let changed: Vec<String> = read_tree(out.path())
        .into_iter()
        .filter(|(k, v)| before.get(k) != Some(v))
        .map(|(k, _)| k)
        .collect();
    assert_eq!(
        changed,
        Vec::<String>::new(),
        "files changed by a failed build"
    );
}

#[test]
fn a_page_failing_to_render_leaves_the_previous_output_untouched_and_nothing_staged() {
    let f = Fixture::new();
    f.git_init_commit();
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("public");
    build_ok(&f, &out, &[]);
    let before = read_tree(&out);
    // The pages without history, all changed, are staged while history is
    // read; a role's page, rendered after it, then fails.
    f.write("charter.yaml", "title: Renamed\n");
    f.write("templates/role.html", "{{ not_in_the_context.at_all }}");
    let result = f.run(&["build", "-o", out.to_str().unwrap()]);
    assert_eq!(result.code, 2, "{result:?}");
    assert!(
        result.stderr.contains("roles/pm/index.html"),
        "{}",
        result.stderr
    );
    assert!(read_tree(&out) == before, "the output changed");
    assert_eq!(names_in(parent.path()), ["public"], "staging was left");
}

#[test]
fn a_rebuild_that_changes_nothing_stages_nothing() {
    let f = Fixture::new();
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("public");
    build_ok(&f, &out, &[]);
    let result = build_ok(&f, &out, &[]);
    assert!(result.stderr.contains("(0 written, "), "{}", result.stderr);
    assert_eq!(names_in(parent.path()), ["public"]);
}

fn item_titled(title: &str) -> String {
    format!("---\ntitle: {title}\nstatus: planned\nowner: ada\n---\n")
}

#[test]
fn output_inside_a_source_folder_is_refused() {
    let f = Fixture::new();
    let before = read_tree(f.root());
    for (out, folder) in [
        ("roadmap/out", "roadmap"),
        ("people/site/public", "people"),
        ("static/site", "static"),
        ("templates", "templates"),
    ] {
        let result = f.run(&["build", "-o", out]);
        assert_eq!(result.code, 2, "{out}: {result:?}");
        assert!(
            result
                .stderr
                .contains(&format!("it is inside the source folder `{folder}/`")),
            "{out}: {}",
            result.stderr
        );
        assert!(!f.path(out).exists(), "{out} was created");
    }
    assert!(read_tree(f.root()) == before, "something was written");
}

#[test]
fn output_containing_the_root_is_refused() {
    let outer = Fixture::empty();
    for (path, text) in crate::support::VALID {
        outer.write(&format!("strategy/{path}"), text);
    }
    let before = read_tree(outer.root());
    let result = run_in(&outer.path("strategy"), &["build", "-o", ".."]);
    assert_eq!(result.code, 2, "{result:?}");
    assert!(
        result.stderr.contains("it contains the strategy root"),
        "{}",
        result.stderr
    );
    let result = run_in(outer.root(), &["build", "strategy", "-o", "."]);
    assert_eq!(result.code, 2, "{result:?}");
    assert!(read_tree(outer.root()) == before, "something was written");
}

#[test]
fn default_output_is_public_inside_the_root() {
    let f = Fixture::new();
    let result = f.run(&["build"]);
    assert_eq!(result.code, 0, "{result:?}");
    assert!(f.path("public/roadmap/sso/index.html").is_file());
    // Building again (with public/ present) is still clean: public/ is not a source.
    let (out, diags) = f.check_json(&[]);
    assert_eq!(diags, vec![], "{out:?}");
}

#[test]
fn a_rebuild_removes_deleted_pages_but_not_the_users_files() {
    let f = Fixture::new();
    f.write("people/bo.md", "---\nname: Bo\nrole: pm\n---\n");
    let out = tempfile::tempdir().unwrap();
    build_ok(&f, out.path(), &[]);
    assert!(out.path().join("people/bo/index.html").is_file());
    std::fs::write(out.path().join("notes.txt"), "mine").unwrap();
    std::fs::write(out.path().join("people/team-photo.jpg"), "jpeg").unwrap();
    std::fs::create_dir_all(out.path().join("people/ada/extra")).unwrap();
    std::fs::write(out.path().join("people/ada/extra/cv.pdf"), "pdf").unwrap();

    f.remove("people/bo.md");
    build_ok(&f, out.path(), &[]);
    assert!(
        !out.path().join("people/bo/index.html").exists(),
        "the deleted person's page remains"
    );
    assert!(
        !out.path().join("people/bo").exists(),
        "its empty folder remains"
    );
    assert!(
        !read_tree(out.path())
            .values()
            .any(|b| contains(b, "people/bo/index.html"))
    );
    assert_eq!(
        std::fs::read_to_string(out.path().join("notes.txt")).unwrap(),
        "mine"
    );
    assert_eq!(
        std::fs::read_to_string(out.path().join("people/team-photo.jpg")).unwrap(),
        "jpeg"
    );
    assert_eq!(
        std::fs::read_to_string(out.path().join("people/ada/extra/cv.pdf")).unwrap(),
        "pdf"
    );
}

#[test]
fn a_rebuild_never_deletes_a_users_file_at_a_removed_pages_folder() {
    let f = Fixture::new();
    f.write("people/bo.md", "---\nname: Bo\nrole: pm\n---\n");
    let out = tempfile::tempdir().unwrap();
    build_ok(&f, out.path(), &[]);
    std::fs::write(out.path().join("people/bo/photo.jpg"), "jpeg").unwrap();
    f.remove("people/bo.md");
    build_ok(&f, out.path(), &[]);
    assert!(!out.path().join("people/bo/index.html").exists());
    assert_eq!(
        std::fs::read_to_string(out.path().join("people/bo/photo.jpg")).unwrap(),
        "jpeg"
    );
}

// ---------------------------------------------------------------- -o through symbolic links

/// Runs `build -o OUT` and asserts that it is refused with `message`,
/// leaving the strategy (and `charter.yaml` in particular) as it was.
#[track_caller]
fn refused(f: &Fixture, out: &str, message: &str) {
    let before = read_tree(f.root());
    let result = f.run(&["build", "-o", out]);
    assert_eq!(result.code, 2, "{out}: {result:?}");
    assert!(
        result.stderr.contains("refusing to write the site") && result.stderr.contains(message),
        "{out}: {}",
        result.stderr
    );
    assert_eq!(f.read("charter.yaml"), "title: Test strategy\n");
    assert!(
        read_tree(f.root()) == before,
        "{out}: something was written"
    );
}

#[cfg(unix)]
#[test]
fn output_through_a_link_then_dotdot_is_resolved_as_the_system_does() {
    let f = Fixture::new();
    std::fs::create_dir_all(f.path("roadmap/2027")).unwrap();
    std::fs::create_dir_all(f.path("site")).unwrap();
    std::os::unix::fs::symlink("../roadmap/2027", f.path("site/link")).unwrap();
    std::os::unix::fs::symlink("roadmap", f.path("sub")).unwrap();
    // `site/link/..` is roadmap/, not site/.
    refused(
        &f,
        "site/link/..",
        "it is inside the source folder `roadmap/`",
    );
    refused(
        &f,
        "site/link/../public",
        "it is inside the source folder `roadmap/`",
    );
    refused(&f, "sub/..", "it is the strategy root");
    refused(
        &f,
        "sub/../sub/../static/x",
        "it is inside the source folder `static/`",
    );
}

#[cfg(unix)]
#[test]
fn output_through_a_link_from_outside_back_into_the_strategy_is_refused() {
    let f = Fixture::new();
    let outer = tempfile::tempdir().unwrap();
    let link = outer.path().join("link");
    std::os::unix::fs::symlink(f.path("roadmap"), &link).unwrap();
    let link = link.to_str().unwrap();
    refused(&f, &format!("{link}/.."), "it is the strategy root");
    refused(
        &f,
        &format!("{link}/../templates"),
        "it is inside the source folder `templates/`",
    );
    refused(
        &f,
        &format!("{link}/../.."),
        "it contains the strategy root",
    );
    assert_eq!(
        std::fs::read_dir(outer.path()).unwrap().count(),
        1,
        "something was written beside the link"
    );
}

// ---------------------------------------------------------------- the user's own files

#[test]
fn the_users_own_files_are_not_overwritten_without_force() {
    let f = Fixture::new();
    let out = tempfile::tempdir().unwrap();
    std::fs::write(out.path().join("index.html"), "<h1>My own page</h1>").unwrap();
    std::fs::write(out.path().join("style.css"), "body { color: hotpink }").unwrap();
    std::fs::write(out.path().join("CNAME"), "strategy.example.com").unwrap();
    let before = read_tree(out.path());

    let result = f.run(&["build", "-o", out.path().to_str().unwrap()]);
    assert_eq!(result.code, 2, "{result:?}");
    for needle in ["`index.html`", "`style.css`", "--force", "-o"] {
        assert!(
            result.stderr.contains(needle),
            "{needle}: {}",
            result.stderr
        );
    }
    assert!(!result.stderr.contains("CNAME"), "{}", result.stderr);
    assert!(read_tree(out.path()) == before, "the output folder changed");

    build_ok(&f, out.path(), &["--force"]);
    let forced = read_tree(out.path());
    assert!(contains(&forced["index.html"], "Test vision"));
    assert_ne!(forced["style.css"], before["style.css"]);
    // Now charter's own: later builds replace them without --force.
    f.write("charter.yaml", "title: Renamed strategy\n");
    build_ok(&f, out.path(), &[]);
    assert!(contains(
        &read_tree(out.path())["index.html"],
        "Renamed strategy"
    ));
    assert_eq!(
        std::fs::read_to_string(out.path().join("CNAME")).unwrap(),
        "strategy.example.com"
    );
}

#[test]
fn a_folder_full_of_files_charter_did_not_write_is_refused_naming_the_first_few() {
    let f = Fixture::new();
    let elsewhere = tempfile::tempdir().unwrap();
    build_ok(&f, elsewhere.path(), &[]);
    // The same site, copied without the record of what charter wrote.
    let out = tempfile::tempdir().unwrap();
    let copied = read_tree(elsewhere.path());
    for (rel, bytes) in &copied {
        if rel != ".charter-manifest" {
            let path = out.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
    }
    let before = read_tree(out.path());
    let result = f.run(&["build", "-o", out.path().to_str().unwrap()]);
    assert_eq!(result.code, 2, "{result:?}");
    let more = format!("and {} more", before.len() - 5);
    assert!(result.stderr.contains(&more), "{more}: {}", result.stderr);
    assert!(read_tree(out.path()) == before, "the output folder changed");
}

// ---------------------------------------------------------------- the switch

/// The change log's later pages and its feed are known only once history
/// is read, after the other pages are staged: a user's file there is still
/// refused before anything reaches the output folder, and nothing staged
/// is left behind.
#[test]
fn the_users_files_where_the_change_log_goes_are_not_overwritten_without_force() {
    let f = Fixture::new();
    for n in 0..31 {
        f.write(
            "roadmap/sso.md",
            item_titled(&format!("Single sign-on {n}")),
        );
        f.git_commit(&format!("Retitle {n}"));
    }
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("public");
    std::fs::create_dir_all(out.join("changes/page/2")).unwrap();
    std::fs::write(out.join("changes/page/2/index.html"), "mine").unwrap();
    std::fs::write(out.join("changes/atom.xml"), "mine too").unwrap();
    let before = read_tree(&out);

    let result = f.run(&["build", "-o", out.to_str().unwrap()]);
    assert_eq!(result.code, 2, "{result:?}");
    for needle in [
        "`changes/page/2/index.html`",
        "`changes/atom.xml`",
        "--force",
    ] {
        assert!(
            result.stderr.contains(needle),
            "{needle}: {}",
            result.stderr
        );
    }
    assert!(read_tree(&out) == before, "the output folder changed");
    assert_eq!(names_in(parent.path()), ["public"], "staging was left");

    // Forced, even a folder where a page goes gives way.
    std::fs::remove_file(out.join("changes/page/2/index.html")).unwrap();
    std::fs::create_dir(out.join("changes/page/2/index.html")).unwrap();
    build_ok(&f, &out, &["--force"]);
    let site = read_tree(&out);
    assert!(contains(&site["changes/page/2/index.html"], "Retitle 0"));
    assert!(contains(&site["changes/atom.xml"], "Retitle 30"));
}

/// What is in `dir`, by name.
pub fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn leftovers_of_interrupted_builds_are_cleaned_up_and_never_published() {
    let f = Fixture::new();
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("site");
    build_ok(&f, &out, &[]);
    // A build of this version killed while staging, or after the switch.
    let staging = parent.path().join(".site.charter-staging");
    std::fs::create_dir_all(staging.join("roadmap/sso")).unwrap();
    std::fs::write(staging.join("roadmap/sso/index.html"), "half a site").unwrap();
    // Builds of earlier versions killed while renaming files into place.
    std::fs::write(out.join(".index.html.charter-tmp"), "half a page").unwrap();
    std::fs::write(out.join("roadmap/sso/.index.html.charter-tmp"), "half").unwrap();

    f.write("charter.yaml", "title: Renamed strategy\n");
    build_ok(&f, &out, &[]);
    let stray: Vec<String> = read_tree(&out)
        .into_keys()
        .filter(|k| k.contains("charter-tmp") || k.contains("charter-staging"))
        .collect();
    assert_eq!(stray, Vec::<String>::new());
    // The half-staged site was staged into and swapped in; what is beside
    // now is the site before, whole.
    assert_eq!(names_in(parent.path()), [".site.charter-staging", "site"]);
    let mut old = read_tree(&staging);
    assert_eq!(
        old.remove(".gitignore").as_deref(),
        Some(&b"# charter's copy of the previous site\n*\n"[..])
    );
    assert!(!String::from_utf8_lossy(&old["roadmap/sso/index.html"]).contains("half a site"));
}

#[test]
fn the_previous_site_beside_the_output_folder_is_staged_into_and_out_of_git_status() {
    let f = Fixture::new();
    f.git_init_commit();
    let out = f.path("public");
    let spare = f.path(".public.charter-staging");
    for title in ["First", "Second", "Third"] {
        f.write("charter.yaml", format!("title: {title}\n"));
        build_ok(&f, &out, &[]);
        let site = read_tree(&out);
        assert!(contains(&site["index.html"], title), "{title}");
        assert!(!site.contains_key(".gitignore"), "the marker was published");
    }
    // The folder beside holds the second site, and git does not list it.
    assert!(contains(&read_tree(&spare)["index.html"], "Second"));
    let repo = git2::Repository::open(f.root()).unwrap();
    let mut options = git2::StatusOptions::new();
    options.include_untracked(true).recurse_untracked_dirs(true);
    let listed: Vec<String> = repo
        .statuses(Some(&mut options))
        .unwrap()
        .iter()
        .filter_map(|s| s.path().ok().map(String::from))
        .filter(|p| p.contains("charter-staging"))
        .collect();
    assert_eq!(listed, Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn a_rebuild_switches_whole_sites_keeping_unchanged_files_and_the_users_own() {
    use std::os::unix::fs::MetadataExt;
    let f = Fixture::new();
    f.write("people/bo.md", "---\nname: Bo\nrole: pm\n---\n");
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("public");
    build_ok(&f, &out, &[]);
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    std::fs::create_dir_all(out.join("uploads")).unwrap();
    std::os::unix::fs::symlink("index.html", out.join("home.html")).unwrap();
    let identity = |rel: &String| {
        let m = std::fs::symlink_metadata(out.join(rel)).unwrap();
        (m.ino(), m.mtime(), m.mtime_nsec())
    };
    let before = read_tree(&out);
    let identities: Vec<_> = before.keys().map(|rel| (rel, identity(rel))).collect();
    // Someone holding the old site's files (here as hard links) sees them
    // unchanged: the new site is written beside, never over them.
    let held = tempfile::tempdir().unwrap();
    let holds = [".charter-manifest", "roadmap/sso/index.html", "notes.txt"];
    for (i, rel) in holds.iter().enumerate() {
        std::fs::hard_link(out.join(rel), held.path().join(i.to_string())).unwrap();
    }

    f.remove("people/bo.md");
    f.write("roadmap/sso.md", item_titled("Renamed sign-on"));
    let result = build_ok(&f, &out, &[]);
    let after = read_tree(&out);
    let unchanged: Vec<_> = identities
        .into_iter()
        .filter(|(rel, _)| after.get(*rel) == before.get(*rel))
        .collect();
    assert!(unchanged.len() > 5, "{unchanged:?}");
    for (rel, was) in unchanged {
        assert_eq!(
            identity(rel),
            was,
            "{rel} was rewritten with the same bytes"
        );
    }
    for (i, rel) in holds.iter().enumerate() {
        let old = std::fs::read(held.path().join(i.to_string())).unwrap();
        assert_eq!(old, before[*rel], "{rel} of the old site was written over");
    }
    assert!(!out.join("people/bo").exists(), "the removed page remains");
    assert!(contains(
        &after["roadmap/sso/index.html"],
        "Renamed sign-on"
    ));
    assert_eq!(after["notes.txt"], b"mine");
    assert!(out.join("uploads").is_dir());
    assert_eq!(
        std::fs::read_link(out.join("home.html")).unwrap(),
        Path::new("index.html")
    );
    // The old site stays beside, hidden, for the next build to stage into.
    assert_eq!(
        names_in(parent.path()),
        [".public.charter-staging", "public"]
    );
    // The summary counts what happened.
    let site: Vec<&String> = after.keys().filter(|k| *k != "notes.txt").collect();
    let written = site
        .iter()
        .filter(|k| before.get(**k) != after.get(**k))
        .count();
    let summary = format!(
        "Built {} files in",
        site.len() - 1 // the manifest is not a page
    );
    assert!(
        result.stderr.contains(&summary),
        "{summary}: {}",
        result.stderr
    );
    // Bo's page, and the boards of the team and goal the item lost.
    let removed = before.keys().filter(|k| !after.contains_key(*k)).count();
    assert_eq!(
        removed,
        3,
        "{:?}",
        before
            .keys()
            .filter(|k| !after.contains_key(*k))
            .collect::<Vec<_>>()
    );
    let counts = format!(
        "({} written, {} unchanged, {removed} removed)",
        written - 1, // the manifest changed too
        site.len() - written
    );
    assert!(
        result.stderr.contains(&counts),
        "{counts}: {}",
        result.stderr
    );
}
