//! What people read on the built site beyond the fields themselves: history
//! told with titles, links and labels rather than ids; `extra` keys as
//! words; a 404 page that carries its own stylesheet.

use crate::support::Fixture;

/// Ada owns everything at first; then Bob takes single sign-on and starts
/// it, a metric value is recorded and Cy takes the goal; then Cy leaves.
fn handover() -> Fixture {
    let f = Fixture::new();
    f.write(
        "people/bob.md",
        "---\nname: Bob Stone\nrole: pm\nteam: core\n---\n",
    );
    f.write("people/cy.md", "---\nname: Cy Young\nrole: pm\n---\n");
    f.git_commit("Initial strategy");
    let edit = |path: &str, from: &str, to: &str| {
        let text = f.read(path);
        assert!(text.contains(from), "{path} holds {from}");
        f.write(path, text.replace(from, to));
    };
    edit("roadmap/sso.md", "owner: ada", "owner: bob");
    edit("roadmap/sso.md", "status: planned", "status: in-progress");
    edit(
        "metrics/active-users.md",
        "  - { date: 2027-01-01, value: 40 }\n",
        "  - { date: 2027-01-01, value: 40 }\n  - { date: 2027-02-01, value: 48950 }\n",
    );
    edit("goals/grow.md", "owner: ada", "owner: cy");
    f.git_commit("Hand over single sign-on");
    edit("goals/grow.md", "owner: cy", "owner: ada");
    f.remove("people/cy.md");
    f.git_commit("Cy left");
    let out = f.run(&["build", "-o", "out"]);
    assert_eq!(out.code, 0, "{out:?}");
    f
}

#[test]
fn history_names_people_by_name_with_links_and_statuses_by_label() {
    let f = handover();
    let page = f.read("out/roadmap/sso/index.html");
    let arrow = "<span class=\"arrow\" aria-hidden=\"true\">→</span><span class=\"visually-hidden\"> changed to</span>";
    assert!(
        page.contains(&format!(
            "<span class=\"field-name\">Owner:</span> \
             <del class=\"old\"><a href=\"../../people/ada/index.html\">Ada Lovelace</a></del> {arrow} \
             <ins class=\"new\"><a href=\"../../people/bob/index.html\">Bob Stone</a></ins>"
        )),
        "{page}"
    );
    assert!(
        page.contains(&format!(
            "<span class=\"field-name\">Status:</span> <del class=\"old\">planned</del> {arrow} <ins class=\"new\">in progress</ins>"
        )),
        "{page}"
    );
    assert!(!page.contains("bob →") && !page.contains("in-progress</ins>"));
}

#[test]
fn a_recorded_value_reads_as_a_measurement_and_a_gone_person_as_an_id() {
    let f = handover();
    let log = f.read("out/changes/index.html");
    assert!(
        log.contains("<span class=\"field-name\">Values:</span> <span class=\"list-added\">recorded 48,950 on 2027-02-01</span>"),
        "{log}"
    );
    // Cy's page is gone: the history shows the id, never a broken link.
    let goal = f.read("out/goals/grow/index.html");
    assert!(
        goal.contains("<del class=\"old\">cy</del>")
            && goal.contains("<ins class=\"new\">cy</ins>"),
        "{goal}"
    );
    assert!(!goal.contains("people/cy/"), "{goal}");
    let feed = f.read("out/changes/atom.xml");
    assert!(
        feed.contains("Single sign-on (roadmap item): changed; Status: planned → in progress; Owner: Ada Lovelace → Bob Stone"),
        "{feed}"
    );
    assert!(
        feed.contains("Values: recorded 48,950 on 2027-02-01"),
        "{feed}"
    );
}

#[test]
fn a_milestone_marked_done_or_moved_reads_as_that_not_as_removed_and_added() {
    let f = Fixture::new();
    let milestones = |beta: &str, ga: &str| {
        format!(
            "---\ntitle: Single sign-on\nstatus: planned\nmilestones:\n  \
             - {{ title: Beta, date: 2027-01-15{beta} }}\n  \
             - {{ title: GA, date: {ga} }}\n  - {{ title: Docs, date: 2027-03-01 }}\n---\nBody.\n"
        )
    };
    f.write("roadmap/sso.md", milestones("", "2027-01-29"));
    f.git_commit("Initial strategy");
    f.write("roadmap/sso.md", milestones(", done: true", "2027-02-12"));
    f.git_commit("Beta is out; GA slips");
    let out = f.run(&["build", "-o", "out"]);
    assert_eq!(out.code, 0, "{out:?}");
    let page = f.read("out/roadmap/sso/index.html");
    assert!(
        page.contains(
            "<span class=\"field-name\">Milestones:</span> <span class=\"list-changed\">\
             “Beta” done, “GA” 2027-01-29 → 2027-02-12</span>"
        ),
        "{page}"
    );
    assert!(!page.contains("removed “Beta”"), "{page}");
}

#[test]
fn every_history_entry_puts_the_date_first() {
    let f = handover();
    for page in ["out/changes/index.html", "out/roadmap/sso/index.html"] {
        let html = f.read(page);
        let entries: Vec<&str> = html.split("class=\"commit-ref\"").skip(1).collect();
        assert!(entries.len() >= 3, "{page}");
        for entry in entries {
            let subject = entry.find("subject\">").expect("a subject after the date");
            assert!(
                entry[..subject].contains("<time datetime="),
                "{page}: {entry}"
            );
        }
    }
}

#[test]
fn extra_keys_read_as_words() {
    let f = Fixture::new();
    let goal = f.read("goals/grow.md");
    f.write(
        "goals/grow.md",
        goal.replacen(
            "---\n",
            "---\nextra:\n  okr_sheet: OKR-4\n  customer-nps: 41\n  Board_deck: yes\n",
            1,
        ),
    );
    let out = f.run(&["build", "-o", "out", "--no-history"]);
    assert_eq!(out.code, 0, "{out:?}");
    let page = f.read("out/goals/grow/index.html");
    for label in ["OKR sheet", "Customer NPS", "Board deck"] {
        assert!(
            page.contains(&format!("<th scope=\"row\">{label}</th>")),
            "{label}: {page}"
        );
    }
}

#[test]
fn the_404_page_carries_its_stylesheet_at_any_depth_and_base_url() {
    let f = Fixture::new();
    let out = f.run(&["build", "-o", "out", "--base-url", "/deep/strategy/"]);
    assert_eq!(out.code, 0, "{out:?}");
    let page = f.read("out/404.html");
    let theme_css = f.read("out/style.css");
    assert!(!page.contains("rel=\"stylesheet\""), "{page}");
    assert!(
        page.contains(&format!("<style>{theme_css}</style>")),
        "the theme's stylesheet, whole"
    );
    assert!(page.contains("href=\"/deep/strategy/index.html\""));

    // The site's own stylesheet wins, and cannot close the <style> element.
    f.write(
        "static/style.css",
        "body { color: teal } /* </style><script>alert(1)</script> */",
    );
    let out = f.run(&["build", "-o", "out"]);
    assert_eq!(out.code, 0, "{out:?}");
    let page = f.read("out/404.html");
    assert!(
        page.contains(
            "<style>body { color: teal } /* <\\/style><script>alert(1)<\\/script> */</style>"
        ),
        "{page}"
    );
}
