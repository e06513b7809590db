//! `charter export`: the whole validated model as JSON on stdout.

use crate::support::Fixture;
use charter::schema::Kind;
use serde_json::{Value, json};

fn export(f: &Fixture) -> Value {
    let out = f.run(&["export"]);
    assert_eq!(out.code, 0, "{out:?}");
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", out.stdout))
}

#[test]
fn export_holds_every_kind() {
    let json = export(&Fixture::new());
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    // Every kind's folder, as its row names it, and the three others.
    let folders = Kind::FOLDERS.map(Kind::folder);
    let mut expected: Vec<&str> = ["config", "history", "vision"].into();
    expected.extend(folders);
    expected.sort_unstable();
    assert_eq!(keys, expected);
    assert!(folders.contains(&"feedback") && folders.contains(&"roadmap"));
    for (kind, id) in [
        ("decisions", "use-saml"),
        ("goals", "grow"),
        ("metrics", "active-users"),
        ("pages", "handbook"),
        ("people", "ada"),
        ("roadmap", "sso"),
        ("roles", "pm"),
        ("teams", "core"),
    ] {
        assert_eq!(json[kind][id]["id"], id, "{kind}/{id}");
        assert_eq!(json[kind][id]["kind"], kind, "{kind}/{id}");
    }
    assert_eq!(json["config"]["title"], "Test strategy");
    assert_eq!(json["vision"]["title"], "Test vision");
    assert_eq!(json["vision"]["pillars"][0]["id"], "focus");
}

#[test]
fn export_gives_an_entity_with_its_fields() {
    let json = export(&Fixture::new());
    let sso = &json["roadmap"]["sso"];
    assert_eq!(sso["title"], "Single sign-on");
    assert_eq!(sso["status"], "planned");
    assert_eq!(sso["horizon"], "now");
    assert_eq!(sso["start"], "2027-01-04");
    assert_eq!(sso["target"], "2027-03-31");
    assert_eq!(sso["source"], "roadmap/sso.md");
    assert_eq!(sso["body"], "Owned by [Ada](../people/ada.md).\n");
    assert_eq!(sso["owner"]["id"], "ada");
    assert_eq!(sso["owner"]["kind"], "people");
    assert_eq!(sso["owner"]["title"], "Ada Lovelace");
    assert_eq!(sso["owner"]["url"], "people/ada/index.html");
    assert_eq!(sso["team"]["id"], "core");
    assert_eq!(sso["goals"][0]["id"], "grow");

    let ada = &json["people"]["ada"];
    assert_eq!(ada["name"], "Ada Lovelace");
    assert_eq!(ada["role"]["id"], "pm");
    let owned = ada["backlinks"]["roadmap"]["owner"]
        .as_array()
        .expect("back-links");
    assert_eq!(owned.len(), 1);
    assert_eq!(owned[0]["id"], "sso");
}

#[test]
fn export_holds_every_field_of_the_configuration() {
    let f = Fixture::new();
    f.write(
        "charter.yaml",
        "title: Test strategy\nstatuses: [idea, planned, shipped]\nfinished: [shipped]\n",
    );
    let config = &export(&f)["config"];
    assert_eq!(config["statuses"], json!(["idea", "planned", "shipped"]));
    assert_eq!(config["finished"], json!(["shipped"]));
    assert_eq!(config["horizons"], json!(["now", "next", "later"]));
    assert_eq!(config["markdown"], json!({ "unsafe_html": false }));
    assert_eq!(config["history"], json!({ "enabled": true }));
}

#[test]
fn export_gives_a_metric_its_standing_and_an_item_its_milestones_in_order() {
    let f = Fixture::new();
    f.write(
        "metrics/active-users.md",
        "---\nname: Active users\ndirection: up\ntarget: 100\nvalues:\n  \
         - { date: 2027-02-01, value: 55 }\n  - { date: 2027-01-01, value: 40 }\n---\n",
    );
    f.write(
        "roadmap/sso.md",
        "---\ntitle: Single sign-on\nstatus: planned\nmilestones:\n  \
         - { title: Beta, date: 2027-03-01 }\n  \
         - { title: Alpha, date: 2027-02-01, done: true }\n  \
         - { title: Someday }\n---\n",
    );
    let json = export(&f);
    assert_eq!(
        json["metrics"]["active-users"]["standing"],
        json!({ "met": false, "to_go": 45, "by": "2027-12-31", "change": 15, "changes": [null, 15] })
    );
    assert_eq!(
        json["roadmap"]["sso"]["milestones"],
        json!([
            { "title": "Someday" },
            { "title": "Alpha", "date": "2027-02-01", "done": true },
            { "title": "Beta", "date": "2027-03-01" },
        ])
    );
}

#[test]
fn export_keeps_extra_data() {
    let f = Fixture::new();
    f.write(
        "roadmap/sso.md",
        "---\ntitle: Single sign-on\nstatus: planned\nextra:\n  jira: PLAT-412\n  points: 8\n---\n",
    );
    let json = export(&f);
    assert_eq!(json["roadmap"]["sso"]["extra"]["jira"], "PLAT-412");
    assert_eq!(json["roadmap"]["sso"]["extra"]["points"], 8);
}

#[test]
fn export_of_a_broken_strategy_fails_with_diagnostics() {
    let f = Fixture::new();
    f.write(
        "roadmap/sso.md",
        "---\ntitle: Single sign-on\nstatus: planned\nowner: nobody\n---\n",
    );
    let out = f.run(&["export"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(out.stdout, "", "no partial JSON on stdout");
    assert!(
        out.stderr
            .contains("error[E0102]: unknown person `nobody` in `owner`"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("--> roadmap/sso.md:4:8"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    use std::io::Read;
    let f = Fixture::example_site();
    let mut child = crate::support::command(f.root(), &["export"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // `charter export | head -c 10`: read a little, then close the pipe.
    let mut head = [0u8; 10];
    child.stdout.take().unwrap().read_exact(&mut head).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(&head[..1], b"{");
}
