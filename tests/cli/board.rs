//! The roadmap board and the views beside it: boards filtered by team,
//! owner, status, goal and tag list exactly their items, finished items
//! fold under each column with their count, the priority list ranks open
//! items by RICE with the score's parts, and none of these pages takes an
//! item's path.

use crate::build::build_ok;
use crate::site::read_page as read;
use crate::site::{check_site, hrefs};
use crate::support::Fixture;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Items whose ids are the names of the board's views (`team`,
/// `priority`, `tag`), tags that differ only in case, finished items in
/// two columns, and an item without horizon, team or score.
fn fixture() -> Fixture {
    let f = Fixture::new();
    f.write("people/bo.md", "---\nname: Bo Chen\nrole: pm\n---\n");
    f.write("teams/web.md", "---\nname: Web\n---\n");
    f.write("goals/keep.md", "---\ntitle: Keep customers\n---\n");
    let item = |id: &str, fields: &str| {
        f.write(
            &format!("roadmap/{id}.md"),
            format!("---\ntitle: Item {id}\n{fields}---\n"),
        );
    };
    item(
        "sso",
        "status: in-progress\nhorizon: now\nowner: ada\nteam: core\ngoals: [grow]\n\
         tags: [Security, mobile]\nscore: { reach: 1000, impact: 2, confidence: 50, effort: 4 }\n",
    );
    item(
        "audit",
        "status: planned\nhorizon: now\nowner: bo\nteam: web\ngoals: [grow, keep]\n\
         tags: [Mobile]\nscore: { reach: 300, impact: 3, confidence: 100, effort: 1 }\n",
    );
    item(
        "team",
        "status: idea\nhorizon: next\nowner: ada\nteam: web\ntags: [security]\n\
         score: { reach: 10, impact: 1, confidence: 100, effort: 1 }\n",
    );
    item(
        "priority",
        "status: shipped\nhorizon: now\nowner: bo\nteam: core\n\
         score: { reach: 5000, impact: 3, confidence: 100, effort: 1 }\n",
    );
    item(
        "old",
        "status: dropped\nhorizon: now\nowner: ada\nteam: core\n",
    );
    item("later-thing", "status: planned\nowner: bo\n");
    item(
        "tag",
        "status: shipped\nhorizon: next\nowner: ada\nteam: web\n\
         score: { reach: 1, impact: 1, confidence: 100, effort: 1 }\n",
    );
    f
}

fn built() -> (Fixture, tempfile::TempDir) {
    let f = fixture();
    let out = tempfile::tempdir().unwrap();
    build_ok(&f, out.path(), &[]);
    (f, out)
}

/// A board's columns by heading: (open item ids, finished item ids), in
/// the order shown.
fn columns(html: &str) -> BTreeMap<String, (Vec<String>, Vec<String>)> {
    let board = &html[html.find(r#"<div class="board">"#).expect("a board")..];
    board
        .split(r#"<section class="board-col"#)
        .skip(1)
        .map(|col| {
            let h2 = between(col, "<h2", "</h2>");
            let name = h2[h2.find('>').unwrap() + 1..].to_string();
            let (open, finished) = col
                .split_once(r#"<details class="board-finished">"#)
                .unwrap_or((col, ""));
            (name, (card_ids(open), card_ids(finished)))
        })
        .collect()
}

/// The ids of the items whose cards are in `html`.
fn card_ids(html: &str) -> Vec<String> {
    html.split(r#"<h3 class="card-title"><a href=""#)
        .skip(1)
        .map(|rest| {
            let href = &rest[..rest.find('"').unwrap()];
            let path = href.trim_start_matches("../");
            let id = path
                .strip_prefix("roadmap/")
                .and_then(|p| p.strip_suffix("/index.html"))
                .unwrap_or_else(|| panic!("a card links {href}"));
            id.to_string()
        })
        .collect()
}

fn between<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let start = text.find(from).unwrap_or_else(|| panic!("no {from}")) + from.len();
    &text[start..start + text[start..].find(to).unwrap()]
}

/// The text of a piece of HTML, without its tags.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn all_ids(html: &str) -> BTreeSet<String> {
    columns(html)
        .into_values()
        .flat_map(|(open, finished)| open.into_iter().chain(finished))
        .collect()
}

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

/// Each value's board, by path, and the items it must show.
const FILTERED: &[(&str, &[&str])] = &[
    ("_team/core", &["sso", "priority", "old"]),
    ("_team/web", &["audit", "team", "tag"]),
    ("_owner/ada", &["sso", "team", "old", "tag"]),
    ("_owner/bo", &["audit", "priority", "later-thing"]),
    ("_status/idea", &["team"]),
    ("_status/planned", &["audit", "later-thing"]),
    ("_status/in-progress", &["sso"]),
    ("_status/shipped", &["priority", "tag"]),
    ("_status/dropped", &["old"]),
    ("_goal/grow", &["sso", "audit"]),
    ("_goal/keep", &["audit"]),
    // `Mobile` and `Security` come first in byte order and keep the plain
    // slug; `mobile` and `security` are numbered.
    ("_tag/mobile", &["audit"]),
    ("_tag/mobile-2", &["sso"]),
    ("_tag/security", &["sso"]),
    ("_tag/security-2", &["team"]),
];

#[test]
fn filtered_boards_list_exactly_the_matching_items() {
    let (_f, out) = built();
    let board = read(out.path(), "roadmap/index.html");
    assert_eq!(
        all_ids(&board),
        set(&[
            "sso",
            "audit",
            "team",
            "priority",
            "old",
            "later-thing",
            "tag"
        ])
    );
    let mut made: BTreeSet<String> = BTreeSet::new();
    for entry in std::fs::read_dir(out.path().join("roadmap")).unwrap() {
        let dim = entry.unwrap().file_name().into_string().unwrap();
        if !dim.starts_with('_') || dim == "_priority" {
            continue;
        }
        for value in std::fs::read_dir(out.path().join("roadmap").join(&dim)).unwrap() {
            let value = value.unwrap();
            if value.path().is_dir() {
                made.insert(format!(
                    "{dim}/{}",
                    value.file_name().into_string().unwrap()
                ));
            }
        }
    }
    let expected: BTreeSet<String> = FILTERED.iter().map(|(p, _)| p.to_string()).collect();
    assert_eq!(made, expected, "one board per value, no more");
    for (path, items) in FILTERED {
        let html = read(out.path(), &format!("roadmap/{path}/index.html"));
        assert_eq!(all_ids(&html), set(items), "roadmap/{path}/");
    }
}

/// The filter bar that filters `/roadmap/` in place reads the cards' data:
/// it must pick the same items as the filtered pages.
#[test]
fn the_cards_carry_what_the_in_place_filter_needs() {
    let (_f, out) = built();
    let board = read(out.path(), "roadmap/index.html");
    let cards: Vec<(&str, String)> = board
        .split(r#"<article class="card item-card board-card""#)
        .skip(1)
        .map(|card| {
            let head = &card[..card.find('>').unwrap()];
            let id = card_ids(card).remove(0);
            (head, id)
        })
        .collect();
    for (path, items) in FILTERED {
        let (dim, slug) = path.trim_start_matches('_').split_once('/').unwrap();
        let attr = format!("data-{dim}=\"");
        let picked: BTreeSet<String> = cards
            .iter()
            .filter(|(head, _)| {
                head.find(&attr).is_some_and(|at| {
                    let value = &head[at + attr.len()..];
                    value[..value.find('"').unwrap()]
                        .split(' ')
                        .any(|s| s == slug)
                })
            })
            .map(|(_, id)| id.clone())
            .collect();
        assert_eq!(picked, set(items), "{path}");
    }
    assert!(board.contains(r#"<script src="../board.js" defer></script>"#));
    assert!(out.path().join("board.js").is_file());
}

#[test]
fn finished_items_fold_under_each_column_with_their_count() {
    let (_f, out) = built();
    let board = read(out.path(), "roadmap/index.html");
    let cols = columns(&board);
    let col = |name: &str| {
        cols.get(name)
            .unwrap_or_else(|| panic!("{name} in {cols:?}"))
    };
    // Open items in board order (status, then RICE); finished apart.
    assert_eq!(col("Now").0, ["audit", "sso"]);
    assert_eq!(col("Now").1, ["priority", "old"]);
    assert_eq!(col("Next").0, ["team"]);
    assert_eq!(col("Next").1, ["tag"]);
    assert_eq!(col("No horizon").0, ["later-thing"]);
    assert!(col("No horizon").1.is_empty());
    let summaries: Vec<String> = board
        .split(r#"<details class="board-finished">"#)
        .skip(1)
        .map(|s| text(between(s, "<summary>", "</summary>")))
        .collect();
    assert_eq!(
        summaries,
        [
            "2 finished (1 shipped, 1 dropped)",
            "1 finished (1 shipped)"
        ]
    );
}

#[test]
fn the_statuses_that_mean_finished_come_from_charter_yaml() {
    let f = fixture();
    f.write(
        "charter.yaml",
        "title: T\nstatuses: [idea, planned, in-progress, shipped, dropped]\nfinished: [dropped]\n",
    );
    let out = tempfile::tempdir().unwrap();
    build_ok(&f, out.path(), &[]);
    let cols = columns(&read(out.path(), "roadmap/index.html"));
    assert_eq!(cols["Now"].0, ["audit", "sso", "priority"]);
    assert_eq!(cols["Now"].1, ["old"]);

    f.write(
        "charter.yaml",
        "title: T\nstatuses: [idea, planned, in-progress, shipped, dropped]\nfinished: [done]\n",
    );
    let (out, diags) = f.check_json(&[]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(
        diags.iter().any(|d| d.code == "E0104"
            && d.file.as_deref() == Some("charter.yaml")
            && d.message.contains("`done`")),
        "{diags:?}"
    );
}

#[test]
fn the_priority_list_ranks_open_items_by_rice_with_its_parts() {
    let (_f, out) = built();
    let html = read(out.path(), "roadmap/_priority/index.html");
    let body = between(&html, "<tbody>", "</tbody>");
    let rows: Vec<Vec<String>> = body
        .split("<tr>")
        .skip(1)
        .map(|row| {
            let id = card_link(row);
            let cells = row
                .split("<td class=\"num")
                .skip(1)
                .map(|cell| between(cell, ">", "</td>").to_string());
            std::iter::once(id).chain(cells).collect()
        })
        .collect();
    // Finished items (priority, old, tag) are left out, however high
    // their score; later-thing has none.
    assert_eq!(
        rows,
        [
            ["audit", "1", "300", "3", "100%", "1", "900"],
            ["sso", "2", "1,000", "2", "50%", "4", "250"],
            ["team", "3", "10", "1", "100%", "1", "10"],
        ]
    );
    let unscored = between(&html, "id=\"unscored-h\"", "</ul>");
    assert_eq!(card_link(unscored), "later-thing");
    assert!(html.contains("3 finished items are left out."), "{html}");
}

/// The id of the item a piece of a page links to first.
fn card_link(html: &str) -> String {
    let href = between(html, "href=\"", "\"");
    let path = href.trim_start_matches("../");
    path.trim_start_matches("roadmap/")
        .trim_end_matches("/index.html")
        .to_string()
}

#[test]
fn the_boards_are_linked_and_never_take_an_items_path() {
    let (_f, out) = built();
    // Items named after the views keep their own pages.
    for id in ["team", "priority", "tag"] {
        let html = read(out.path(), &format!("roadmap/{id}/index.html"));
        assert!(html.contains(&format!("Item {id}</h1>")), "{id}: {html}");
    }
    // Every view beside the board is reached from it.
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut todo = vec!["roadmap/index.html".to_string()];
    while let Some(page) = todo.pop() {
        if !seen.insert(page.clone()) {
            continue;
        }
        let dir = Path::new(&page).parent().unwrap();
        for href in hrefs(out.path(), &page) {
            let target = normalise(&dir.join(href.split('#').next().unwrap()));
            if target.starts_with("roadmap/_") && target.ends_with(".html") {
                todo.push(target);
            }
        }
    }
    let mut views: BTreeSet<String> = FILTERED
        .iter()
        .map(|(p, _)| format!("roadmap/{p}/index.html"))
        .collect();
    views.insert("roadmap/_priority/index.html".into());
    views.insert("roadmap/index.html".into());
    let unlinked: Vec<&String> = views.difference(&seen).collect();
    assert!(
        unlinked.is_empty(),
        "not linked from the board: {unlinked:?}"
    );
    let report = check_site(out.path());
    assert_eq!(report.problems, Vec::<String>::new());
}

/// The `_` folders under `roadmap/` belong to the site: a static file
/// there is reported, and the board is published in its place.
#[test]
fn a_static_file_among_the_views_is_reported_and_replaced() {
    let f = fixture();
    f.write("static/roadmap/_team/core/index.html", "mine");
    f.write("static/roadmap/_tag/none-yet/index.html", "mine");
    let (_, diags) = f.check_json(&[]);
    let hidden: Vec<&str> = diags
        .iter()
        .filter(|d| d.code == "W0105")
        .filter_map(|d| d.file.as_deref())
        .collect();
    assert_eq!(
        hidden,
        [
            "static/roadmap/_tag/none-yet/index.html",
            "static/roadmap/_team/core/index.html"
        ]
    );
    let out = tempfile::tempdir().unwrap();
    build_ok(&f, out.path(), &[]);
    let html = read(out.path(), "roadmap/_team/core/index.html");
    assert_eq!(all_ids(&html), set(&["sso", "priority", "old"]));
}

/// `roadmap/_team/../x` → `roadmap/x`, as `/`-separated text.
fn normalise(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                parts.pop();
            }
            std::path::Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    parts.join("/")
}

#[test]
fn team_person_and_goal_pages_link_to_their_boards() {
    let f = fixture();
    f.write("people/cy.md", "---\nname: Cy Young\nrole: pm\n---\n");
    let out = tempfile::tempdir().unwrap();
    build_ok(&f, out.path(), &[]);
    for (page, board) in [
        ("teams/web/index.html", "roadmap/_team/web/index.html"),
        ("people/bo/index.html", "roadmap/_owner/bo/index.html"),
        ("goals/keep/index.html", "roadmap/_goal/keep/index.html"),
    ] {
        let html = read(out.path(), page);
        assert!(
            html.contains(&format!("href=\"../../{board}\"")),
            "{page}: {html}"
        );
        assert!(out.path().join(board).is_file(), "{board}");
    }
    // Someone who owns no item has no board to link to.
    let cy = read(out.path(), "people/cy/index.html");
    assert!(!cy.contains("roadmap/_owner/"), "{cy}");
    assert_eq!(check_site(out.path()).problems, Vec::<String>::new());
}
