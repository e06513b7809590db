//! History from git (SPEC §5): repositories with known histories, built
//! and exported, with exact timelines, renames, merges, deletions, a
//! shallow clone, `--rev`, `diff`, and every way of having no history.

use crate::support::{Fixture, item, run_in, signature};
use serde_json::{Value, json};

pub fn export(f: &Fixture, extra: &[&str]) -> Value {
    let mut args = vec!["export"];
    args.extend_from_slice(extra);
    let out = f.run(&args);
    assert_eq!(out.code, 0, "{out:?}");
    serde_json::from_str(&out.stdout).expect("export prints JSON")
}

fn build(f: &Fixture, extra: &[&str]) -> crate::support::Output {
    let mut args = vec!["build", "-o", "out"];
    args.extend_from_slice(extra);
    let out = f.run(&args);
    assert_eq!(out.code, 0, "{out:?}");
    out
}

/// `field: old → new · date · author` for each field change of a timeline.
pub fn timeline(history: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for c in history["timeline"].as_array().expect("a timeline") {
        for f in c["fields"].as_array().expect("fields") {
            out.push(format!(
                "{}: {} → {} · {} · {}",
                f["field"].as_str().unwrap_or_default(),
                f["old"].as_str().unwrap_or("none"),
                f["new"].as_str().unwrap_or("none"),
                c["date"].as_str().unwrap_or_default(),
                c["author"].as_str().unwrap_or_default()
            ));
        }
    }
    out
}

/// `change subject` for each commit of an entity's history, newest first.
pub fn commits(history: &Value) -> Vec<String> {
    history["commits"]
        .as_array()
        .expect("commits")
        .iter()
        .map(|c| {
            format!(
                "{} {}",
                c["change"].as_str().unwrap_or_default(),
                c["subject"].as_str().unwrap_or_default()
            )
        })
        .collect()
}

/// The subjects of the change log in an export, newest first.
fn change_log(export: &Value) -> Vec<&str> {
    export["history"]["commits"]
        .as_array()
        .expect("a change log")
        .iter()
        .map(|c| c["subject"].as_str().unwrap_or_default())
        .collect()
}

/// A strategy with three commits: created, started (by an author with a
/// non-ASCII name), and re-planned with a text edit.
fn three_commits() -> Fixture {
    let f = Fixture::new();
    f.git_commit("Initial strategy");
    f.write(
        "roadmap/sso.md",
        f.read("roadmap/sso.md")
            .replace("status: planned", "status: in-progress"),
    );
    f.git_commit_as("Start single sign-on", "Zoë Müller");
    f.write(
        "roadmap/sso.md",
        f.read("roadmap/sso.md")
            .replace("target: 2027-03-31", "target: 2027-05-15")
            .replace("horizon: now", "horizon: next")
            + "Scope grew: SCIM too.\n",
    );
    f.git_commit("Move SSO to next");
    f
}

#[test]
fn an_item_has_an_exact_field_timeline() {
    let f = three_commits();
    let h = &export(&f, &[])["roadmap"]["sso"]["history"];
    assert_eq!(
        timeline(h),
        [
            "horizon: now → next · 2026-12-30 · Dana Kim",
            "target: 2027-03-31 → 2027-05-15 · 2026-12-30 · Dana Kim",
            "status: planned → in-progress · 2026-12-29 · Zoë Müller",
        ]
    );
    assert_eq!(
        commits(h),
        [
            "changed Move SSO to next",
            "changed Start single sign-on",
            "created Initial strategy"
        ]
    );
    assert_eq!(h["created"]["date"], "2026-12-28");
    assert_eq!(h["created"]["author"], "Dana Kim");
    assert_eq!(h["updated"]["subject"], "Move SSO to next");
    assert_eq!(h["commits"][0]["body_changed"], true);
    assert_eq!(h["commits"][1]["body_changed"], false);
    assert_eq!(h["uncommitted"], false);
    assert_eq!(h["truncated"], false);
}

#[test]
fn the_item_page_the_change_log_and_the_feed_show_the_transition() {
    let f = three_commits();
    build(&f, &[]);
    let page = f.read("out/roadmap/sso/index.html");
    assert!(page.contains("<h2 id=\"history-h\">History</h2>"), "{page}");
    assert!(
        page.contains("<span class=\"field-name\">Status:</span> <del class=\"old\">planned</del> <span class=\"arrow\" aria-hidden=\"true\">→</span><span class=\"visually-hidden\"> changed to</span> <ins class=\"new\">in progress</ins>"),
        "{page}"
    );
    assert!(page.contains("Zoë Müller"));
    // The newest version is the file being built, which the build hands to
    // history instead of reading it again: its comparison must not change.
    assert!(
        page.contains("<span class=\"field-name\">Horizon:</span> <del class=\"old\">now</del> <span class=\"arrow\" aria-hidden=\"true\">→</span><span class=\"visually-hidden\"> changed to</span> <ins class=\"new\">next</ins>"),
        "{page}"
    );
    assert!(page.contains("<time datetime=\"2026-12-29T00:00:00+00:00\">2026-12-29</time>"));

    let log = f.read("out/changes/index.html");
    let newest = log.find("Move SSO to next").expect("newest commit listed");
    let oldest = log.find("Initial strategy").expect("first commit listed");
    assert!(newest < oldest, "newest first");
    assert!(log.contains("<a href=\"../roadmap/sso/index.html\">Single sign-on</a>"));

    let feed = f.read("out/changes/atom.xml");
    assert!(feed.starts_with(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"
    ));
    assert_eq!(feed.matches("<entry>").count(), 3);
    assert!(feed.contains("<title>Start single sign-on</title>"));
    assert!(
        feed.contains("Single sign-on (roadmap item): changed; Status: planned → in progress"),
        "{feed}"
    );
    assert!(feed.contains("<author><name>Zoë Müller</name></author>"));

    let home = f.read("out/index.html");
    assert!(home.contains("Latest changes") && home.contains("Move SSO to next"));
    assert!(
        home.contains("href=\"changes/atom.xml\""),
        "the feed is announced"
    );
    // Also by the pages rendered while history is read, as `serve` does.
    for (page, href) in [
        ("out/roadmap/index.html", "../changes/atom.xml"),
        ("out/404.html", "/changes/atom.xml"),
    ] {
        let html = f.read(page);
        assert!(html.contains(&format!("href=\"{href}\"")), "{page}");
    }
}

#[test]
fn a_commit_of_many_files_says_whether_it_created_or_changed_them() {
    let f = Fixture::new();
    f.git_commit("Initial strategy");
    let write_items = |from: usize, to: usize, status: &str| {
        for n in from..to {
            f.write(
                &format!("roadmap/i{n}.md"),
                format!("---\ntitle: Item {n}\nstatus: {status}\n---\n"),
            );
        }
    };
    write_items(0, 9, "planned");
    f.git_commit("Import nine");
    write_items(0, 9, "in-progress");
    f.git_commit("Start nine");
    write_items(5, 14, "shipped");
    f.git_commit("Finish four, add five");
    build(&f, &[]);
    let log = f.read("out/changes/index.html");
    let summary = |subject: &str| {
        let entry = &log[log.find(subject).expect(subject)..];
        let at = entry.find("<summary>").expect("folded") + "<summary>".len();
        entry[at..at + entry[at..].find("</summary>").unwrap()].to_string()
    };
    assert_eq!(summary("Import nine"), "9 files created");
    assert_eq!(summary("Start nine"), "9 files changed");
    assert_eq!(
        summary("Finish four, add five"),
        "9 files created or changed"
    );
    let imported = &log[log.find("Import nine").unwrap()..log.find("Initial strategy").unwrap()];
    assert!(imported.contains("All of them were created."), "{imported}");
    assert!(
        imported.contains("change-files-more all-created"),
        "{imported}"
    );
    let home = f.read("out/index.html");
    assert!(home.contains("9 files created or changed"), "{home}");
}

#[test]
fn commit_links_go_to_the_repository_when_it_has_a_url() {
    let f = three_commits();
    f.write(
        "charter.yaml",
        "title: Test strategy\nrepo_url: https://git.example.com/acme/strategy\n",
    );
    let head = f.git_commit("Link the repository").to_string();
    build(&f, &[]);
    let log = f.read("out/changes/index.html");
    assert!(
        log.contains(&format!(
            "href=\"https://git.example.com/acme/strategy/commit/{head}\""
        )),
        "{log}"
    );
}

#[test]
fn a_rename_into_a_sub_folder_keeps_the_history() {
    let f = three_commits();
    let text = f
        .read("roadmap/sso.md")
        .replace("status: in-progress", "status: shipped")
        .replace("../people/", "../../people/");
    f.remove("roadmap/sso.md");
    f.write("roadmap/2027/sso.md", text);
    f.write(
        "vision.md",
        f.read("vision.md")
            .replace("roadmap/sso.md", "roadmap/2027/sso.md"),
    );
    f.git_commit("Ship SSO and file it under 2027");
    let h = &export(&f, &[])["roadmap"]["sso"]["history"];
    assert_eq!(h["count"], 4);
    assert_eq!(h["commits"][0]["change"], "renamed");
    assert_eq!(h["commits"][0]["old_path"], "roadmap/sso.md");
    assert_eq!(h["commits"][0]["path"], "roadmap/2027/sso.md");
    assert_eq!(
        timeline(h)[0],
        "status: in-progress → shipped · 2026-12-31 · Dana Kim"
    );
    assert_eq!(h["created"]["subject"], "Initial strategy");
    // Commits from before the move link to the item's page as it is now.
    build(&f, &[]);
    let log = f.read("out/changes/index.html");
    assert_eq!(
        log.matches("<a href=\"../roadmap/sso/index.html\">Single sign-on</a>")
            .count(),
        4,
        "{log}"
    );
}

#[test]
fn a_deleted_and_recreated_file_keeps_one_history() {
    let f = Fixture::new();
    f.git_commit("Initial strategy");
    let decision = f.read("decisions/use-saml.md");
    f.write(
        "decisions/use-saml.md",
        decision.replace("items: [sso]\n", ""),
    );
    f.git_commit("Unlink the decision");
    f.remove("decisions/use-saml.md");
    f.git_commit("Drop the SAML decision");
    f.write(
        "decisions/use-saml.md",
        decision.replace("accepted", "proposed"),
    );
    f.git_commit("Bring the SAML decision back as a proposal");
    let h = &export(&f, &[])["decisions"]["use-saml"]["history"];
    assert_eq!(
        commits(h),
        [
            "created Bring the SAML decision back as a proposal",
            "deleted Drop the SAML decision",
            "changed Unlink the decision",
            "created Initial strategy"
        ]
    );
    assert_eq!(timeline(h), ["items: [sso] → none · 2026-12-29 · Dana Kim"]);
}

#[test]
fn a_merge_lists_the_branch_commits_once_and_only_its_own_changes() {
    let f = Fixture::new();
    let base = f.git_commit("Initial strategy");
    let repo = f.repo();
    // A branch that starts SSO…
    f.write(
        "roadmap/sso.md",
        f.read("roadmap/sso.md")
            .replace("status: planned", "status: in-progress"),
    );
    let branch = f.git_commit_as("Start SSO on a branch", "Wei Chen");
    // …while main, from the same base, renames the handbook.
    repo.set_head_detached(base).expect("detach");
    repo.checkout_head(Some(git2::build::CheckoutBuilder::new().force()))
        .expect("checkout base");
    f.write(
        "pages/handbook.md",
        "---\ntitle: The handbook\nweight: 1\n---\nHow we work.\n",
    );
    let main = f.git_commit("Retitle the handbook");
    // The merge takes both sides, and resolves the item's owner by hand.
    f.write(
        "roadmap/sso.md",
        f.read("roadmap/sso.md")
            .replace("status: planned", "status: in-progress")
            .replace("Owned by", "Led by"),
    );
    let mut index = repo.index().expect("index");
    index
        .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
        .expect("add");
    let tree = repo
        .find_tree(index.write_tree().expect("tree"))
        .expect("tree");
    let (main, branch) = (
        repo.find_commit(main).unwrap(),
        repo.find_commit(branch).unwrap(),
    );
    let sig = signature("Dana Kim", Some(branch.time().seconds()));
    repo.commit(
        Some("HEAD"),
        &sig,
        &sig,
        "Merge the SSO branch",
        &tree,
        &[&main, &branch],
    )
    .expect("merge");

    let json = export(&f, &[]);
    let subjects = change_log(&json);
    assert_eq!(subjects.len(), 4, "{subjects:?}");
    assert!(
        subjects.contains(&"Start SSO on a branch") && subjects.contains(&"Retitle the handbook")
    );
    assert_eq!(subjects[0], "Merge the SSO branch");
    let merge = &json["history"]["commits"][0]["entities"];
    assert_eq!(
        merge.as_array().unwrap().len(),
        1,
        "only the hand-resolved file: {merge}"
    );
    assert_eq!(merge[0]["path"], "roadmap/sso.md");
    assert_eq!(merge[0]["body_changed"], true);
    assert_eq!(
        timeline(&json["roadmap"]["sso"]["history"]),
        ["status: planned → in-progress · 2026-12-29 · Wei Chen"]
    );
}

#[test]
fn a_version_that_does_not_parse_is_shown_as_such() {
    let f = three_commits();
    f.write("roadmap/sso.md", "---\ntitle: [broken\n---\n");
    f.git_commit("Break the item");
    f.write(
        "roadmap/sso.md",
        item("").replace("status: planned", "status: shipped"),
    );
    f.git_commit("Fix the item");
    let out = build(&f, &[]);
    assert!(out.stderr.contains("Built"), "{out:?}");
    let h = &export(&f, &[])["roadmap"]["sso"]["history"];
    assert_eq!(h["commits"][1]["subject"], "Break the item");
    assert_eq!(h["commits"][1]["unreadable"], true);
    assert_eq!(
        h["commits"][0]["fields"],
        json!([]),
        "no comparison against an unreadable version"
    );
    assert!(
        f.read("out/roadmap/sso/index.html")
            .contains("this version does not parse")
    );
}

#[test]
fn uncommitted_edits_are_marked() {
    let f = three_commits();
    f.write("roadmap/sso.md", f.read("roadmap/sso.md") + "More.\n");
    build(&f, &[]);
    assert!(
        f.read("out/roadmap/sso/index.html")
            .contains("changes that are not committed yet")
    );
    assert!(
        !f.read("out/people/ada/index.html")
            .contains("not committed yet")
    );
    assert_eq!(
        export(&f, &[])["roadmap"]["sso"]["history"]["uncommitted"],
        true
    );
}

#[test]
fn a_strategy_in_a_sub_folder_reads_only_its_own_files() {
    let f = Fixture::empty();
    for (path, text) in crate::support::VALID {
        f.write(&format!("strategy/{path}"), text);
    }
    f.write("README.md", "The repository.\n");
    f.git_commit("Initial import");
    f.write("README.md", "Changed outside the strategy.\n");
    f.git_commit("Touch the README only");
    f.write(
        "strategy/roadmap/sso.md",
        f.read("strategy/roadmap/sso.md")
            .replace("horizon: now", "horizon: later"),
    );
    f.git_commit("Push SSO to later");
    let out = run_in(&f.path("strategy"), &["export"]);
    let json: Value = serde_json::from_str(&out.stdout).expect("JSON");
    assert_eq!(change_log(&json), ["Push SSO to later", "Initial import"]);
    assert_eq!(
        json["history"]["commits"][0]["entities"][0]["path"],
        "roadmap/sso.md"
    );
}

#[test]
fn without_git_or_with_history_off_everything_still_builds() {
    let plain = Fixture::new();
    build(&plain, &[]);
    let page = plain.read("out/roadmap/sso/index.html");
    assert!(!page.contains("history-h"));
    assert!(plain.read("out/changes/index.html").contains("No history"));
    assert!(!plain.path("out/changes/atom.xml").exists());
    assert!(
        !plain
            .read("out/index.html")
            .contains("changes/index.html\""),
        "no Changes link without history"
    );
    assert_eq!(export(&plain, &[])["history"], Value::Null);

    let flag = three_commits();
    build(&flag, &["--no-history"]);
    assert!(
        !flag
            .read("out/roadmap/sso/index.html")
            .contains("history-h")
    );
    assert!(!flag.path("out/changes/atom.xml").exists());

    let config = three_commits();
    config.write(
        "charter.yaml",
        "title: Test strategy\nhistory:\n  enabled: false\n",
    );
    build(&config, &[]);
    assert!(
        !config
            .read("out/roadmap/sso/index.html")
            .contains("history-h")
    );
    assert_eq!(export(&config, &[])["history"], Value::Null);
}

#[test]
fn a_shallow_clone_builds_with_a_warning_and_says_history_is_truncated() {
    let f = three_commits();
    let clone = Fixture::empty();
    let git = std::process::Command::new("git")
        .args(["clone", "--quiet", "--depth", "1"])
        .arg(format!("file://{}", f.root().display()))
        .arg(clone.path("c"))
        .output()
        .expect("run git clone");
    assert!(git.status.success(), "{git:?}");
    let out = run_in(&clone.path("c"), &["build", "-o", "out"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stderr
            .contains("warning[W0104]: this git clone is shallow"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("git fetch --unshallow") && out.stderr.contains("fetch-depth: 0"));
    let page = std::fs::read_to_string(clone.path("c/out/roadmap/sso/index.html")).unwrap();
    assert!(page.contains("History is truncated"), "{page}");
    assert!(page.contains("before the start of this clone's history"));
    let check = run_in(&clone.path("c"), &["check", "--deny-warnings"]);
    assert_eq!(check.code, 0, "check reads no history: {check:?}");
}

#[test]
fn build_rev_renders_the_past_without_touching_the_working_tree() {
    let f = three_commits();
    f.write(
        "roadmap/sso.md",
        f.read("roadmap/sso.md") + "Uncommitted.\n",
    );
    let before = f.read("roadmap/sso.md");
    build(&f, &["--rev", "HEAD~2"]);
    let page = f.read("out/roadmap/sso/index.html");
    assert!(page.contains("status-planned"), "planned at HEAD~2");
    assert!(!page.contains("Scope grew"));
    assert!(!page.contains("not committed yet"));
    let log = f.read("out/changes/index.html");
    assert!(
        log.contains("Initial strategy") && !log.contains("Start single sign-on"),
        "history up to the revision"
    );
    assert_eq!(f.read("roadmap/sso.md"), before);

    let repo = f.repo();
    repo.tag_lightweight("v1", &repo.revparse_single("HEAD~1").unwrap(), false)
        .unwrap();
    assert_eq!(
        export(&f, &["--rev", "v1"])["roadmap"]["sso"]["status"],
        "in-progress"
    );

    let out = f.run(&["build", "-o", "out", "--rev", "no-such-tag"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stderr.contains("unknown revision `no-such-tag`"),
        "{}",
        out.stderr
    );
    let plain = Fixture::new();
    let out = plain.run(&["build", "--rev", "HEAD"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("not in a git repository"),
        "{}",
        out.stderr
    );
}

#[test]
fn diff_between_two_revisions_reads_like_an_update() {
    let f = three_commits();
    f.write(
        "roadmap/sso.md",
        f.read("roadmap/sso.md")
            .replace("status: in-progress", "status: shipped"),
    );
    f.write(
        "roadmap/scim.md",
        item("owner: ada\n").replace("Single sign-on", "SCIM provisioning"),
    );
    f.remove("pages/handbook.md");
    f.git_commit("Ship SSO, plan SCIM");
    let repo = f.repo();
    repo.tag_lightweight("v1", &repo.revparse_single("HEAD~1").unwrap(), false)
        .unwrap();
    repo.tag_lightweight("v2", &repo.revparse_single("HEAD").unwrap(), false)
        .unwrap();
    let out = f.run(&["diff", "v1", "v2"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        out.stdout,
        "Strategy changes from v1 to v2: 1 added, 1 removed, 1 changed\n\
         \n\
         Roadmap items\n  \
           + SCIM provisioning (scim)\n      \
               title: SCIM provisioning\n      \
               status: planned\n      \
               owner: ada\n  \
           ~ Single sign-on (sso)\n      \
               status: in-progress → shipped\n\
         \n\
         Pages\n  \
           - Handbook (handbook)\n"
    );
    let json: Value =
        serde_json::from_str(&f.run(&["diff", "v1", "v2", "--format", "json"]).stdout).unwrap();
    assert_eq!(json["from"], "v1");
    assert_eq!(
        json["changed"][0]["fields"],
        json!([{ "field": "status", "old": "in-progress", "new": "shipped" }])
    );
    assert_eq!(json["removed"][0]["kind"], "pages");
}

#[test]
fn diff_against_the_working_tree_includes_uncommitted_edits() {
    let f = three_commits();
    f.write(
        "roadmap/sso.md",
        f.read("roadmap/sso.md").replace("owner: ada", "owner: bob") + "New line.\n",
    );
    let out = f.run(&["diff", "HEAD"]);
    assert_eq!(
        out.stdout,
        "Strategy changes from HEAD to the working tree: 0 added, 0 removed, 1 changed\n\
         \n\
         Roadmap items\n  \
           ~ Single sign-on (sso)\n      \
               owner: ada → bob\n      \
               text edited\n"
    );
    let dir = f.root().to_str().unwrap();
    let elsewhere = Fixture::empty();
    let out = run_in(elsewhere.root(), &["diff", dir, "HEAD~2", "HEAD"]);
    assert!(
        out.stdout
            .starts_with("Strategy changes from HEAD~2 to HEAD: 0 added, 0 removed, 1 changed"),
        "{out:?}"
    );
    let out = f.run(&["diff", "nope"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("unknown revision `nope`"));
}

/// `git log --follow --format=%H -- PATH` in the fixture, newest first.
fn git_log_follow(f: &Fixture, path: &str) -> Vec<String> {
    let git = std::process::Command::new("git")
        .arg("-C")
        .arg(f.root())
        .args(["log", "--follow", "--format=%H", "--", path])
        .output()
        .expect("run git log");
    assert!(git.status.success(), "{git:?}");
    String::from_utf8(git.stdout)
        .expect("UTF-8")
        .lines()
        .map(String::from)
        .collect()
}

#[test]
fn a_file_moved_onto_the_path_of_a_deleted_one_brings_only_its_own_history() {
    let f = Fixture::new();
    f.git_commit("Initial strategy");
    let billing = item("horizon: now\n").replace("Single sign-on", "Billing");
    f.write("roadmap/billing.md", &billing);
    f.git_commit("Plan billing");
    f.write(
        "roadmap/billing.md",
        billing.replace("status: planned", "status: in-progress"),
    );
    f.git_commit("Start billing");
    f.remove("roadmap/billing.md");
    f.git_commit("Drop billing");
    let invoices = item("").replace("Single sign-on", "Invoices") + "Send them monthly.\n";
    f.write("roadmap/invoices.md", &invoices);
    f.git_commit("Plan invoices");
    f.remove("roadmap/invoices.md");
    f.write("roadmap/billing.md", &invoices);
    f.git_commit("File invoices under billing");
    f.write(
        "roadmap/billing.md",
        invoices.replace("status: planned", "status: shipped"),
    );
    f.git_commit("Ship invoices");

    let h = &export(&f, &[])["roadmap"]["billing"]["history"];
    let hashes: Vec<&str> = h["commits"]
        .as_array()
        .expect("commits")
        .iter()
        .map(|c| c["hash"].as_str().unwrap_or_default())
        .collect();
    let git = git_log_follow(&f, "roadmap/billing.md");
    assert_eq!(hashes, git, "{h}");
    assert_eq!(
        commits(h),
        [
            "changed Ship invoices",
            "renamed File invoices under billing",
            "created Plan invoices"
        ]
    );
    assert_eq!(
        h["created"]["hash"].as_str(),
        git.last().map(String::as_str)
    );
    assert_eq!(h["created"]["subject"], "Plan invoices");
    assert_eq!(
        timeline(h),
        ["status: planned → shipped · 2027-01-03 · Dana Kim"]
    );
    // The deleted file's commits no longer lead to the page of the file
    // now at its path.
    build(&f, &[]);
    let log = f.read("out/changes/index.html");
    assert_eq!(
        log.matches("href=\"../roadmap/billing/index.html\"")
            .count(),
        3,
        "{log}"
    );
}

/// Commits everything as `author` at `seconds` (UTC), with `message`,
/// written raw: libgit2 writes times as 32-bit numbers, git reads 64.
fn commit_at(f: &Fixture, message: &str, author: &str, seconds: i64) {
    let repo = f.repo();
    let mut index = repo.index().expect("index");
    index
        .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
        .expect("add");
    let tree = index.write_tree().expect("tree");
    let head = repo.head().expect("a first commit");
    let parent = head.target().expect("a commit");
    let who = format!("{author} <x@example.com> {seconds} +0000");
    let raw = format!("tree {tree}\nparent {parent}\nauthor {who}\ncommitter {who}\n\n{message}\n");
    let id = repo
        .odb()
        .and_then(|odb| odb.write(git2::ObjectType::Commit, raw.as_bytes()))
        .expect("write the commit");
    repo.reference(head.name().expect("a branch"), id, true, message)
        .expect("move the branch");
}

#[test]
fn the_feed_is_well_formed_xml_whatever_the_commits_say() {
    let f = Fixture::new();
    f.write(
        "charter.yaml",
        "title: \"Test\\x02 strategy\"\ndescription: \"Plans\\x0b\"\n",
    );
    f.git_commit("Initial strategy");
    let edit = |status: &str| {
        f.write(
            "roadmap/sso.md",
            f.read("roadmap/sso.md")
                .replace("status: planned", status)
                .replace("status: in-progress", status),
        );
    };
    edit("status: in-progress");
    // After 9999-12-31, by an author whose name rings a bell.
    commit_at(
        &f,
        "\u{1b}[31mRed\u{1b}[0m\u{c} alert",
        "Be\u{7}ll",
        253_402_387_200,
    );
    edit("status: planned");
    // Before year 0.
    commit_at(&f, "Odd \u{1}byte", "Dana Kim", -100_000_000_000);
    build(&f, &[]);
    let feed = f.read("out/changes/atom.xml");
    let doc = roxmltree::Document::parse(&feed).unwrap_or_else(|e| panic!("{e}: {feed}"));
    let texts = |name: &str| -> Vec<String> {
        doc.descendants()
            .filter(|n| n.has_tag_name(name))
            .map(|n| n.text().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(
        texts("title"),
        [
            "Test␂ strategy: changes",
            "Odd ␁byte",
            "␛[31mRed␛[0m␌ alert",
            "Initial strategy"
        ]
    );
    assert_eq!(texts("subtitle"), ["Plans␋"]);
    assert_eq!(texts("name")[1], "Be␇ll");
    let updated = texts("updated");
    assert_eq!(
        updated,
        [
            "0000-01-01T00:00:00+00:00",
            "0000-01-01T00:00:00+00:00",
            "9999-12-31T23:59:59+00:00",
            "2026-12-28T00:00:00+00:00"
        ]
    );
    // The pages show the same subjects and authors, readably.
    let log = f.read("out/changes/index.html");
    assert!(log.contains("␛[31mRed␛[0m␌ alert") && log.contains("Odd ␁byte"));
    assert!(log.contains("Be␇ll"), "{log}");
    assert!(!log.contains(['\u{1b}', '\u{1}', '\u{7}']), "{log}");
}

#[test]
fn diff_without_a_revision_says_what_it_needs() {
    let f = Fixture::new();
    let out = f.run(&["diff"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stderr.contains("needs the revision to compare from")
            && out.stderr.contains("charter diff HEAD~1"),
        "{}",
        out.stderr
    );
    let help = f.run(&["diff", "--help"]);
    assert!(!help.stdout.contains("REVS"), "{}", help.stdout);
}
