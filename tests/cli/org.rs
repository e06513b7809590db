//! The organisation on the site: the org chart draws every person under
//! whom they report to, team pages list their lead, members and items,
//! the roles page who holds each role, person pages say role and team
//! once; a person's photo comes from `static/` or is an error.

use crate::build::build_ok;
use crate::site::main_of;
use crate::site::read_page as page;
use crate::support::{Fixture, only};
use std::collections::BTreeSet;

/// Two reporting trees (ada over bo over cy, ada over di; eve alone), two
/// teams whose lead is not always a member, two roles.
fn org() -> Fixture {
    let f = Fixture::new();
    let person = |id: &str, name: &str, role: &str, extra: &str| {
        f.write(
            &format!("people/{id}.md"),
            format!("---\nname: {name}\nrole: {role}\n{extra}---\n"),
        );
    };
    person("bo", "Bo Berg", "pm", "team: core\nreports_to: ada\n");
    person("cy", "Cy Chu", "eng", "team: edge\nreports_to: bo\n");
    person("di", "Di Dunn", "eng", "team: core\nreports_to: ada\n");
    person("eve", "Eve Ek", "eng", "");
    f.write(
        "roles/eng.md",
        "---\ntitle: Engineer\nresponsibilities:\n  - Builds the product\n  - Keeps it running\n---\n",
    );
    f.write(
        "teams/edge.md",
        "---\nname: Edge\nlead: bo\nparent: core\n---\n",
    );
    f.write(
        "roadmap/edge-cache.md",
        "---\ntitle: Edge cache\nstatus: idea\nteam: edge\ngoals: [grow]\n---\n",
    );
    f
}

fn built(f: &Fixture) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    build_ok(f, out.path(), &["--no-history"]);
    out
}

/// The part of `html` from `start` to the end of its section.
fn section<'a>(html: &'a str, start: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start} in {html}"));
    let to = html[from..]
        .find("</section>")
        .map_or(html.len(), |e| from + e);
    &html[from..to]
}

/// A kind of link in a chart: its class and the kind of page it leads to.
pub type Node<'a> = (&'a str, &'a str);

/// The ids of the `child` links in `html`, each with the id of the `parent`
/// link that the closest enclosing `<li>` holding one starts with: the
/// edges of a chart drawn as nested lists.
pub fn nesting(html: &str, child: Node, parent: Node) -> Vec<(String, Option<String>)> {
    let mut edges = Vec::new();
    // One entry per open <li>: the parent node it holds, once its link is seen.
    let mut open: Vec<Option<String>> = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at..];
        let end = rest.find('>').map_or(rest.len(), |e| e + 1);
        let tag = &rest[..end];
        if tag.starts_with("<li") {
            open.push(None);
        } else if tag.starts_with("</li") {
            open.pop();
        } else if tag.starts_with("<a ") {
            if let Some(id) = link_to(tag, child) {
                let parent = open.iter().rev().skip(1).flatten().next().cloned();
                edges.push((id, parent));
            }
            if let (Some(id), Some(slot @ None)) = (link_to(tag, parent), open.last_mut()) {
                *slot = Some(id);
            }
        }
        rest = &rest[end..];
    }
    edges
}

/// The id of the page of kind `node.1` that an `<a>` tag of class
/// `node.0` leads to (with the rest of the address when it names more
/// than the page: `grow/index.html#kr-h`).
fn link_to(tag: &str, (class, kind): Node) -> Option<String> {
    let classes = attr(tag, "class").unwrap_or_default();
    if !classes.split(' ').any(|c| c == class) {
        return None;
    }
    let href = attr(tag, "href")?;
    let rest = href.split(&format!("{kind}/")).nth(1)?;
    Some(rest.strip_suffix("/index.html").unwrap_or(rest).to_string())
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = tag[start..].find('"')?;
    Some(tag[start..start + len].to_string())
}

fn pairs(list: &[(&str, Option<&str>)]) -> Vec<(String, Option<String>)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.map(String::from)))
        .collect()
}

#[test]
fn the_org_chart_draws_every_person_under_their_manager() {
    let f = org();
    let out = built(&f);
    let html = page(out.path(), "people/index.html");
    let chart = section(&html, "<ul class=\"chart-tree org-tree\">");
    let name = ("org-name", "people");
    let mut edges = nesting(chart, name, name);
    edges.sort();
    assert_eq!(
        edges,
        pairs(&[
            ("ada", None),
            ("bo", Some("ada")),
            ("cy", Some("bo")),
            ("di", Some("ada")),
            ("eve", None),
        ]),
        "{chart}"
    );
    // Each node says the person's role and links their team.
    assert!(chart.contains("Cy Chu</a>"), "{chart}");
    let at = chart.find("Cy Chu").unwrap();
    let cy = &chart[chart[..at].rfind("<li>").unwrap()..];
    let cy = &cy[..cy.find("</li>").unwrap()];
    assert!(cy.contains("Engineer"), "{cy}");
    assert!(cy.contains("href=\"../teams/edge/index.html\""), "{cy}");
    assert!(cy.contains(">CC</span>"), "initials: {cy}");
}

#[test]
fn a_team_page_lists_its_lead_members_and_items() {
    let f = org();
    let out = built(&f);
    let core = page(out.path(), "teams/core/index.html");
    let members = section(&core, "id=\"members-h\"");
    let listed = |html: &str| -> BTreeSet<String> {
        let card = ("person-card-name", "people");
        nesting(html, card, card)
            .into_iter()
            .map(|(id, _)| id)
            .collect()
    };
    assert_eq!(
        listed(members),
        BTreeSet::from(["ada".into(), "bo".into(), "di".into()]),
        "{members}"
    );
    // The lead is marked among the members, once.
    let ada = &members[members.find("Ada Lovelace").unwrap()..];
    assert!(
        ada[..ada.find("</li>").unwrap()].contains(">Lead</span>"),
        "{members}"
    );
    assert_eq!(members.matches(">Lead</span>").count(), 1, "{members}");
    let items = section(&core, "id=\"items-h\"");
    assert!(items.contains("../../roadmap/sso/index.html"), "{items}");
    assert!(!items.contains("edge-cache"), "{items}");

    // Edge's lead is on another team: shown as its lead, not as a member.
    let edge = page(out.path(), "teams/edge/index.html");
    let people = section(&edge, "id=\"members-h\"");
    assert_eq!(
        listed(people),
        BTreeSet::from(["bo".into(), "cy".into()]),
        "{people}"
    );
    assert!(people.contains("Not a member of this team"), "{people}");
    let items = section(&edge, "id=\"items-h\"");
    assert!(
        items.contains("../../roadmap/edge-cache/index.html"),
        "{items}"
    );
    assert!(!items.contains("sso"), "{items}");

    // The teams index links each team's lead.
    let teams = page(out.path(), "teams/index.html");
    assert!(
        teams.contains("Lead: <a href=\"../people/bo/index.html\">Bo Berg</a>"),
        "{teams}"
    );
}

#[test]
fn the_roles_page_lists_responsibilities_and_holders() {
    let f = org();
    let out = built(&f);
    let roles = page(out.path(), "roles/index.html");
    let card = |title: &str| {
        let heading = format!(">{title}</a></h2>");
        let cards = roles.split("<li class=\"card role-card\">");
        cards.filter(|c| c.contains(&heading)).collect::<String>()
    };
    let eng = card("Engineer");
    for duty in ["Builds the product", "Keeps it running"] {
        assert!(eng.contains(&format!("<li>{duty}</li>")), "{eng}");
    }
    let holders: BTreeSet<&str> = ["cy", "di", "eve"].into();
    for id in ["ada", "bo", "cy", "di", "eve"] {
        let link = format!("href=\"../people/{id}/index.html\"");
        assert_eq!(eng.contains(&link), holders.contains(id), "{id} in {eng}");
    }
    let pm = card("Product manager");
    for id in ["ada", "bo"] {
        assert!(
            pm.contains(&format!("href=\"../people/{id}/index.html\"")),
            "{pm}"
        );
    }
}

#[test]
fn a_person_page_names_role_and_team_once() {
    let f = org();
    let out = built(&f);
    let bo = page(out.path(), "people/bo/index.html");
    let main = main_of(&bo);
    for (what, href) in [
        ("role", "../../roles/pm/index.html"),
        ("team", "../../teams/core/index.html"),
    ] {
        let n = main.matches(&format!("href=\"{href}\"")).count();
        assert_eq!(n, 1, "the {what} is linked {n} times: {main}");
    }
    // Their reports, with their own role.
    let reports = section(main, "id=\"reports-h\"");
    assert!(reports.contains("../../people/cy/index.html"), "{reports}");
    assert!(reports.contains("Engineer"), "{reports}");
}

#[test]
fn a_photo_from_static_pictures_the_person() {
    let f = org();
    f.write("static/people/bo berg.jpg", b"\xff\xd8\xff");
    let bo = f.read("people/bo.md").replace("---\n", "");
    f.write(
        "people/bo.md",
        format!("---\n{bo}photo: people/bo berg.jpg\n---\n"),
    );
    let out = built(&f);
    let img = "src=\"../people/bo%20berg.jpg\"";
    assert!(page(out.path(), "people/index.html").contains(img));
    assert!(
        page(out.path(), "people/bo/index.html").contains("src=\"../../people/bo%20berg.jpg\"")
    );
    assert!(out.path().join("people/bo berg.jpg").is_file());
}

#[test]
fn a_photo_missing_or_outside_static_is_an_error() {
    let f = org();
    f.write("static/people/bo.jpg", b"\xff\xd8\xff");
    f.write(
        "people/bo.md",
        "---\nname: Bo Berg\nrole: pm\nphoto: people/bo.jpeg\n---\n",
    );
    let d = only(
        &f,
        "error E0112 people/bo.md:4:8",
        "no file `static/people/bo.jpeg` for `photo`",
    );
    assert_eq!(d.help.as_deref(), Some("did you mean `people/bo.jpg`?"));
    f.write(
        "people/bo.md",
        "---\nname: Bo Berg\nrole: pm\nphoto: ../secret.jpg\n---\n",
    );
    only(
        &f,
        "error E0112 people/bo.md:4:8",
        "`photo` names `../secret.jpg`, which is not under `static/`",
    );
}
