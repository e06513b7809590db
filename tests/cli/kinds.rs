//! A kind is one row of data: the customer-feedback kind, added as a row
//! and its templates, works end to end — `check` knows its fields and
//! references, the site has its pages, navigation and back-links, `export`
//! and `diff` list it, and `init` shows an example of it.

use crate::support::{Fixture, only, read_tree};

const FEEDBACK: &str = "---\n\
    title: Needs SSO to renew\n\
    customer: Northwind\n\
    date: 2027-01-10\n\
    channel: renewal call\n\
    owner: ada\n\
    items: [sso]\n\
    goals: [grow]\n\
    ---\n\
    > No SSO, no renewal.\n";

#[test]
fn feedback_is_checked_like_every_kind() {
    let f = Fixture::new();
    f.write("feedback/northwind.md", FEEDBACK.replace("[sso]", "[ssoo]"));
    let d = only(
        &f,
        "error E0102 feedback/northwind.md:7:9",
        "unknown roadmap item `ssoo` in `items`",
    );
    assert_eq!(d.help.as_deref(), Some("did you mean `sso`?"));
    f.write(
        "feedback/northwind.md",
        FEEDBACK.replace("date: ", "dated: "),
    );
    let d = only(
        &f,
        "warning W0101 feedback/northwind.md:4:1",
        "unknown field `dated` in front matter",
    );
    assert_eq!(d.help.as_deref(), Some("did you mean `date`?"));
}

#[test]
fn feedback_has_pages_navigation_and_back_links() {
    let f = Fixture::new();
    f.write("feedback/northwind.md", FEEDBACK);
    f.write(
        "feedback/survey.yaml",
        "title: Wants reports\ndate: 2027-02-01\ngoals: [grow]\n",
    );
    let out = f.run(&["build", "--no-history"]);
    assert_eq!(out.code, 0, "{out:?}");
    let site = read_tree(&f.path("public"));
    let page = |path: &str| {
        String::from_utf8(
            site.get(path)
                .unwrap_or_else(|| panic!("no {path}"))
                .clone(),
        )
        .expect("UTF-8")
    };
    let own = page("feedback/northwind/index.html");
    for shown in [
        "Needs SSO to renew",
        "Northwind",
        "renewal call",
        "No SSO, no renewal.",
    ] {
        assert!(own.contains(shown), "{shown} on the feedback page");
    }
    assert!(
        own.contains(r#"href="../../roadmap/sso/index.html""#),
        "links its item"
    );
    // The newest first on the index page, which the navigation names.
    let index = page("feedback/index.html");
    let (newer, older) = (
        index.find("Wants reports"),
        index.find("Needs SSO to renew"),
    );
    assert!(newer.zip(older).is_some_and(|(n, o)| n < o), "newest first");
    assert!(
        page("index.html").contains(r#"href="feedback/index.html""#),
        "in the navigation"
    );
    // Items and goals show the feedback that asks for them.
    let item = page("roadmap/sso/index.html");
    assert!(
        item.contains(r#"href="../../feedback/northwind/index.html""#),
        "demand on the item"
    );
    let goal = page("goals/grow/index.html");
    assert!(goal.contains("Wants reports"), "demand on the goal");
}

#[test]
fn feedback_is_exported_and_diffed() {
    let f = Fixture::new();
    f.git_init_commit();
    f.write("feedback/northwind.md", FEEDBACK);
    let out = f.run(&["export"]);
    assert_eq!(out.code, 0, "{out:?}");
    let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    let exported = &json["feedback"]["northwind"];
    assert_eq!(exported["customer"], "Northwind");
    assert_eq!(exported["items"][0]["id"], "sso");
    assert_eq!(
        json["roadmap"]["sso"]["backlinks"]["feedback"]["items"][0]["id"],
        "northwind"
    );
    let out = f.run(&["diff", "HEAD"]);
    assert!(
        out.stdout
            .contains("Feedback\n  + Needs SSO to renew (northwind)"),
        "{}",
        out.stdout
    );
}

#[test]
fn init_shows_feedback() {
    let f = Fixture::empty();
    assert_eq!(f.run(&["init"]).code, 0);
    let out = f.run(&["check", "--deny-warnings"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(!read_tree(&f.path("feedback")).is_empty());
}

/// Every entity a piece of feedback names shows it, its owner's page too,
/// though no other kind's template lists feedback by hand.
#[test]
fn feedback_shows_on_every_page_it_names() {
    let f = Fixture::new();
    f.write("feedback/northwind.md", FEEDBACK);
    let out = f.run(&["build", "--no-history"]);
    assert_eq!(out.code, 0, "{out:?}");
    let site = read_tree(&f.path("public"));
    for page in [
        "people/ada/index.html",
        "roadmap/sso/index.html",
        "goals/grow/index.html",
    ] {
        let html = String::from_utf8_lossy(&site[page]);
        let section = html
            .find("<h2 id=\"feedback-h\">Customer feedback <span class=\"count\">1</span></h2>")
            .unwrap_or_else(|| panic!("no feedback section on {page}:\n{html}"));
        assert!(
            html[section..].contains(r#"href="../../feedback/northwind/index.html""#),
            "{page} links the feedback"
        );
    }
}
