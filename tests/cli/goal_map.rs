//! The goal map (`/goals/map/`): the vision, every pillar, every goal under
//! its pillar or parent goal, every key result and every linked roadmap
//! item under its goal, each a link to its page; linked from the goals
//! index and the home page.

use crate::build::build_ok;
use crate::org::nesting;
use crate::support::{Fixture, only};
use std::collections::BTreeSet;

/// A second pillar without goals, a sub-goal, a goal on no pillar, and an
/// item that serves two goals.
fn strategy() -> Fixture {
    let f = Fixture::new();
    let vision = f.read("vision.md").replace(
        "    title: Focus\n",
        "    title: Focus\n  - id: speed\n    title: Speed\n",
    );
    f.write("vision.md", vision);
    f.write(
        "goals/retain.md",
        "---\ntitle: Retain teams\nparent: grow\nstatus: at-risk\nkey_results:\n  - title: Churn under 2%\n---\n",
    );
    f.write("goals/misc.md", "---\ntitle: Tidy up\n---\n");
    f.write(
        "roadmap/both.md",
        "---\ntitle: Both ways\nstatus: shipped\ngoals: [retain, misc]\n---\n",
    );
    f
}

#[test]
fn the_goal_map_holds_every_pillar_goal_key_result_and_item() {
    let f = strategy();
    let out = tempfile::tempdir().unwrap();
    build_ok(&f, out.path(), &["--no-history"]);
    let html = std::fs::read_to_string(out.path().join("goals/map/index.html")).unwrap();
    let map = &html[html.find("class=\"goal-map\"").unwrap()..];

    assert!(
        html.contains("3 goals, 2 key results, 2 roadmap items."),
        "the counts: {html}"
    );
    assert!(
        map.contains("href=\"../../index.html\""),
        "the vision: {map}"
    );
    // Each pillar's branch holds the goals on it, and no other.
    let pillars: Vec<&str> = map.split("<li class=\"map-pillar\">").skip(1).collect();
    assert_eq!(pillars.len(), 3, "focus, speed, and goals on no pillar");
    let goals_in = |branch: &str| -> BTreeSet<String> {
        let goal = ("map-title", "goals");
        nesting(branch, goal, goal)
            .into_iter()
            .map(|(g, _)| g)
            .collect()
    };
    assert!(pillars[0].contains("href=\"../../index.html#pillar-focus\""));
    assert_eq!(
        goals_in(pillars[0]),
        BTreeSet::from(["grow".into(), "retain".into()])
    );
    assert!(pillars[1].contains("href=\"../../index.html#pillar-speed\""));
    assert_eq!(goals_in(pillars[1]), BTreeSet::new());
    assert_eq!(goals_in(pillars[2]), BTreeSet::from(["misc".into()]));

    let goal = ("map-title", "goals");
    let mut goals = nesting(map, goal, goal);
    goals.sort();
    let edge = |a: &str, b: Option<&str>| (a.to_string(), b.map(String::from));
    assert_eq!(
        goals,
        [
            edge("grow", None),
            edge("misc", None),
            edge("retain", Some("grow"))
        ]
    );
    let mut items = nesting(map, ("map-link", "roadmap"), goal);
    items.sort();
    assert_eq!(
        items,
        [
            edge("both", Some("misc")),
            edge("both", Some("retain")),
            edge("sso", Some("grow")),
        ]
    );
    // Key results: under their goal, linked to their metric or else to
    // their goal's key results.
    let mut krs = nesting(map, ("map-link", "metrics"), goal);
    krs.extend(nesting(map, ("map-link", "goals"), goal));
    krs.sort();
    assert_eq!(
        krs,
        [
            edge("active-users", Some("grow")),
            edge("retain/index.html#kr-h", Some("retain"))
        ]
    );
    assert!(map.contains(">Reach 100 active users</a>"), "{map}");
    assert!(map.contains(">Churn under 2%</a>"), "{map}");
    // Statuses read as words too, not as colour alone.
    assert!(
        map.contains("<span class=\"visually-hidden\">Status: </span>at risk"),
        "{map}"
    );
    assert!(
        map.contains("<span class=\"visually-hidden\">Status: </span>shipped"),
        "{map}"
    );

    for (from, link) in [
        ("goals/index.html", "../goals/map/index.html"),
        ("index.html", "goals/map/index.html"),
    ] {
        let page = std::fs::read_to_string(out.path().join(from)).unwrap();
        assert!(
            page.contains(&format!("href=\"{link}\"")),
            "{from} links the map"
        );
    }
}

#[test]
fn a_goal_cannot_take_the_map_s_place() {
    let f = Fixture::new();
    f.write("goals/map.md", "---\ntitle: A map\n---\n");
    only(
        &f,
        "error E0106 goals/map.md",
        "`map` cannot be a goal id: `/goals/map/` is a page of the site",
    );
}
