//! The drawings the site carries, read back from the SVG the binary
//! writes: the roadmap timeline (a bar per dated item, an arrow per
//! dependency between them, a marker per milestone, labels inside and
//! apart, today at the commit's date), an item's own bar, and a metric's
//! chart and sparklines.

use crate::build::build_ok;
use crate::site::read_page as page;
use crate::support::{Fixture, only};
use std::collections::BTreeSet;

/// An item's file: `fields` are YAML lines of its front matter.
fn item(title: &str, fields: &str) -> String {
    format!("---\ntitle: {title}\nstatus: planned\nhorizon: now\nteam: core\n{fields}---\n")
}

/// The fixture: `sso` waits for `audit`; `mobile` waits for `undated`,
/// which has no target, and for `sso`; milestones done, open and undated.
fn roadmap() -> Fixture {
    let f = Fixture::new();
    f.write(
        "roadmap/sso.md",
        item(
            "Single sign-on <for> \"enterprise\" & co",
            "goals: [grow]\nstart: 2027-01-04\ntarget: 2027-03-31\ndepends_on: [audit]\n\
             milestones:\n  - { title: SAML beta, date: 2027-02-01, done: true }\n  \
             - { title: GA, date: 2027-03-31, done: false }\n  - { title: Someday }\n",
        ),
    );
    f.write(
        "roadmap/audit.md",
        item("Audit log", "start: 2026-10-01\ntarget: 2027-01-15\n"),
    );
    f.write(
        "roadmap/undated.md",
        item("Undated research", "start: 2027-02-01\n"),
    );
    f.write(
        "roadmap/mobile.md",
        item(
            "Mobile app",
            "start: 2027-02-15\ntarget: 2027-08-31\ndepends_on: [undated, sso]\n\
             milestones:\n  - { title: Store review, date: 2027-09-15, done: false }\n",
        ),
    );
    f
}

/// Builds `f` (committed to git first when `git`) and returns the site.
fn built(f: &Fixture, git: bool) -> tempfile::TempDir {
    if git {
        f.git_init_commit();
    }
    let out = tempfile::tempdir().unwrap();
    build_ok(f, out.path(), &[]);
    out
}

/// The site of `roadmap()`.
fn roadmap_site(git: bool) -> tempfile::TempDir {
    built(&roadmap(), git)
}

/// Every drawing (`<svg>…</svg>`) in a page, not its icons; they do not nest.
fn svgs(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<svg") {
        let end = rest[start..].find("</svg>").expect("a closed svg") + start + 6;
        let svg = &rest[start..end];
        // Icons (the search box's) are decoration, not drawings.
        if !svg[..svg.find('>').unwrap_or(0)].contains("aria-hidden=\"true\"") {
            out.push(svg);
        }
        rest = &rest[end..];
    }
    out
}

/// The elements of `svg` with `class` among their classes.
fn with_class<'a>(doc: &'a roxmltree::Document, class: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| {
            n.attribute("class")
                .is_some_and(|c| c.split(' ').any(|w| w == class))
        })
        .collect()
}

fn attr(n: &roxmltree::Node, name: &str) -> String {
    n.attribute(name).unwrap_or_default().to_string()
}

fn num(n: &roxmltree::Node, name: &str) -> f64 {
    attr(n, name)
        .parse()
        .unwrap_or_else(|_| panic!("{name} of {n:?}"))
}

fn parse(svg: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{e}: {svg}"))
}

/// The drawing's width, from its viewBox.
fn width(doc: &roxmltree::Document) -> f64 {
    let view = attr(&doc.root_element(), "viewBox");
    view.split(' ').nth(2).unwrap().parse().unwrap()
}

fn ids<'a>(nodes: &[roxmltree::Node<'a, 'a>], name: &str) -> BTreeSet<String> {
    nodes.iter().map(|n| attr(n, name)).collect()
}

/// The drawing's arrows are exactly `expected`, (from, to).
#[track_caller]
fn assert_arrows(doc: &roxmltree::Document, expected: &[(&str, &str)]) {
    let arrows: BTreeSet<(String, String)> = with_class(doc, "gantt-dep")
        .iter()
        .map(|a| (attr(a, "data-from"), attr(a, "data-to")))
        .collect();
    let expected = expected.iter().map(|(a, b)| (a.to_string(), b.to_string()));
    assert_eq!(arrows, expected.collect());
}

#[test]
fn the_timeline_draws_every_dated_item_dependency_and_milestone() {
    let site = roadmap_site(true);
    let html = page(site.path(), "roadmap/timeline/index.html");
    let drawings = svgs(&html);
    assert_eq!(drawings.len(), 1, "{html}");
    let doc = parse(drawings[0]);
    let bars = with_class(&doc, "gantt-item");
    assert_eq!(
        ids(&bars, "data-id"),
        ["audit", "mobile", "sso"].map(String::from).into()
    );
    for bar in &bars {
        let id = attr(bar, "data-id");
        assert_eq!(attr(bar, "href"), format!("../../roadmap/{id}/index.html"));
        let title = bar.first_element_child().unwrap();
        assert_eq!(title.tag_name().name(), "title", "a bar is named");
    }
    let sso = bars.iter().find(|b| attr(b, "data-id") == "sso").unwrap();
    let name = sso.first_element_child().unwrap().text().unwrap();
    assert_eq!(
        name,
        "Single sign-on <for> \"enterprise\" & co: planned, 2027-01-04 to 2027-03-31"
    );
    assert_arrows(&doc, &[("audit", "sso"), ("sso", "mobile")]);
    let marks: BTreeSet<(String, String, bool)> = with_class(&doc, "gantt-ms")
        .iter()
        .map(|m| {
            (
                attr(m, "data-item"),
                attr(m, "data-date"),
                attr(m, "class").contains("done"),
            )
        })
        .collect();
    let expected = [
        ("mobile", "2027-09-15", false),
        ("sso", "2027-02-01", true),
        ("sso", "2027-03-31", false),
    ];
    assert_eq!(
        marks,
        expected
            .map(|(i, d, done)| (i.into(), d.into(), done))
            .into()
    );
    // Done and open differ in shape, not only in colour: the stylesheet
    // fills one and not the other, and their classes say which.
    let undated = html
        .split("id=\"undated-h\"")
        .nth(1)
        .expect("a list of undated items");
    assert!(
        undated.contains("href=\"../../roadmap/undated/index.html\""),
        "{undated}"
    );
    assert!(!undated.contains("roadmap/sso/"), "{undated}");
}

#[test]
fn today_is_the_date_of_the_commit_built_and_absent_outside_git() {
    let site = roadmap_site(true);
    let html = page(site.path(), "roadmap/timeline/index.html");
    let doc = parse(svgs(&html)[0]);
    let today = with_class(&doc, "gantt-today");
    assert_eq!(today.len(), 1);
    // The fixture's first commit is made on 2026-12-28 (UTC).
    assert_eq!(attr(&today[0], "data-date"), "2026-12-28");
    let line = today[0].first_element_child().unwrap();
    // The axis starts on 2026-10-01, the first of the month of the first start.
    let audit = with_class(&doc, "gantt-bar")[0];
    let per_day = (num(&line, "x1") - num(&audit, "x")) / 88.0;
    assert!((per_day - 3.0).abs() < 0.01, "{per_day}");

    let site = roadmap_site(false);
    let html = page(site.path(), "roadmap/timeline/index.html");
    assert!(!html.contains("gantt-today"), "no today outside git");
    assert_eq!(with_class(&parse(svgs(&html)[0]), "gantt-item").len(), 3);
}

/// Many items over the same months: every label inside the drawing, and
/// no two labels, nor a label and a bar, on top of each other.
#[test]
fn timeline_labels_stay_inside_and_apart() {
    let f = Fixture::new();
    for i in 0..60 {
        let start = format!("2027-{:02}-{:02}", 1 + i % 12, 1 + (i * 7) % 28);
        let target = format!("2027-{:02}-28", (1 + i % 12 + i % 3).min(12));
        let title = format!(
            "Item {i} with a title long enough to need room {}",
            "x".repeat(i % 40)
        );
        f.write(
            &format!("roadmap/item-{i}.md"),
            item(&title, &format!("start: {start}\ntarget: {target}\n")),
        );
    }
    let site = built(&f, true);
    for rel in [
        "roadmap/timeline/index.html",
        "roadmap/timeline/goals/index.html",
    ] {
        let html = page(site.path(), rel);
        let doc = parse(svgs(&html)[0]);
        let w = width(&doc);
        // (left, right, baseline) of every label and bar, by the width the
        // layout gives 12 px text.
        let mut boxes = Vec::new();
        for bar in with_class(&doc, "gantt-item") {
            let rect = bar.children().find(|c| c.has_tag_name("rect")).unwrap();
            let text = bar.children().find(|c| c.has_tag_name("text")).unwrap();
            let x = num(&text, "x");
            let chars = text.text().unwrap().chars().count() as f64;
            let end = x + chars * 12.0 * 0.62;
            assert!(
                x >= 0.0 && end <= w,
                "{rel}: label {x}..{end} outside 0..{w}"
            );
            let y = num(&rect, "y");
            boxes.push((x, end, y));
            boxes.push((num(&rect, "x"), num(&rect, "x") + num(&rect, "width"), y));
        }
        // The sixty, and the fixture's own `sso`.
        assert_eq!(boxes.len(), 2 * 61);
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                let same_row = (a.2 - b.2).abs() < 1.0;
                let label_and_its_bar = a.0 == b.1 + 6.0 || b.0 == a.1 + 6.0;
                if same_row && !label_and_its_bar {
                    assert!(a.1 <= b.0 || b.1 <= a.0, "{rel}: {a:?} overlaps {b:?}");
                }
            }
        }
        let axis = with_class(&doc, "gantt-axis")[0];
        for tick in axis.children().filter(|c| c.has_tag_name("text")) {
            assert!(num(&tick, "x") < w, "{rel}: tick outside");
        }
    }
}

#[test]
fn an_item_page_draws_its_bar_beside_its_dependencies() {
    let site = roadmap_site(true);
    let html = page(site.path(), "roadmap/sso/index.html");
    let doc = parse(svgs(&html)[0]);
    let bars = with_class(&doc, "gantt-item");
    assert_eq!(
        ids(&bars, "data-id"),
        ["audit", "mobile", "sso"].map(String::from).into()
    );
    let own: Vec<String> = with_class(&doc, "own")
        .iter()
        .map(|b| attr(b, "data-id"))
        .collect();
    assert_eq!(own, ["sso"]);
    assert_arrows(&doc, &[("audit", "sso"), ("sso", "mobile")]);
    // An undated item has no drawing; the board links to the timeline.
    assert!(svgs(&page(site.path(), "roadmap/undated/index.html")).is_empty());
    let board = page(site.path(), "roadmap/index.html");
    assert!(
        board.contains("href=\"../roadmap/timeline/index.html\""),
        "{board}"
    );
}

#[test]
fn a_metric_page_charts_every_value_against_its_target() {
    let f = Fixture::new();
    f.write(
        "metrics/active-users.md",
        "---\nname: Active users\nunit: users\ndirection: up\ntarget: 60000\nowner: ada\n\
         values:\n  - { date: 2027-03-01, value: 48950 }\n  - { date: 2027-01-01, value: 40000 }\n  \
         - { date: 2027-02-01, value: 41250.5 }\n---\n",
    );
    f.write(
        "goals/grow.md",
        "---\ntitle: Grow usage\nowner: ada\npillar: focus\nstatus: on-track\nkey_results:\n  \
         - { title: Reach 60k, metric: active-users, target: 60000, by: 2027-12-31 }\n---\n",
    );
    let site = built(&f, true);
    let html = page(site.path(), "metrics/active-users/index.html");
    let charts: Vec<&str> = svgs(&html)
        .into_iter()
        .filter(|s| s.contains("class=\"chart "))
        .collect();
    assert_eq!(charts.len(), 2, "wide and narrow");
    for chart in charts {
        let doc = parse(chart);
        let points: Vec<String> = with_class(&doc, "chart-point")
            .iter()
            .map(|p| p.first_element_child().unwrap().text().unwrap().to_string())
            .collect();
        assert_eq!(
            points,
            [
                "2027-01-01: 40,000 users",
                "2027-02-01: 41,250.5 users",
                "2027-03-01: 48,950 users"
            ]
        );
        let w = width(&doc);
        for p in with_class(&doc, "chart-point") {
            assert!((0.0..=w).contains(&num(&p, "cx")));
        }
        let target = with_class(&doc, "chart-target");
        assert_eq!(target.len(), 1);
        let label = with_class(&doc, "chart-target-label")[0]
            .text()
            .unwrap()
            .to_string();
        assert_eq!(label, "Target 60,000 users");
        // Up is good: the shaded side ends at the target line.
        let good = with_class(&doc, "chart-good")[0];
        assert_eq!(
            num(&good, "y") + num(&good, "height"),
            num(&target[0], "y1")
        );
        assert!(chart.contains("Higher is better"));
    }
    let main = html.split("<main").nth(1).unwrap();
    assert!(main.contains("11,050"), "{main}");
    assert!(
        main.contains("to go to 60,000 by <time datetime=\"2027-12-31\">"),
        "{main}"
    );
    assert!(main.contains("48,950"), "{main}");
    assert!(!main.contains("48950"), "{main}");

    let list = page(site.path(), "metrics/index.html");
    let spark = svgs(&list);
    assert_eq!(spark.len(), 1);
    let doc = parse(spark[0]);
    assert_eq!(
        attr(&doc.root_element(), "aria-label"),
        "Active users: from 40,000 users on 2027-01-01 to 48,950 users on 2027-03-01"
    );
    let goal = page(site.path(), "goals/grow/index.html");
    assert_eq!(
        svgs(&goal)
            .iter()
            .filter(|s| s.contains("class=\"spark\""))
            .count(),
        1
    );
}

#[test]
fn a_roadmap_item_cannot_take_the_timeline_s_place() {
    let f = Fixture::new();
    f.write(
        "roadmap/timeline.md",
        "---\ntitle: A timeline\nstatus: idea\n---\n",
    );
    only(
        &f,
        "error E0106 roadmap/timeline.md",
        "`timeline` cannot be a roadmap item id: `/roadmap/timeline/` is a page of the site",
    );
}
