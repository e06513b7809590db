//! `charter serve` after edits that change what other pages show (back-links,
//! the board's facets and order, a team's name, a metric's values, an item
//! added and removed): every file it serves is the file a fresh `build`
//! writes, though the server keeps from one edit to the next whatever the
//! edit cannot change.

use crate::serve::{Server, generation_of};
use crate::support::{Fixture, read_tree};

const SSO: &str = "roadmap/platform/identity/sso.md";
const PAYMENTS: &str = "roadmap/homeowner/homeowner-payments.md";

/// The page without the script that only `serve` adds.
fn without_reload_script(page: &str) -> String {
    let Some(start) = page.rfind("<script>(function(){var g=") else {
        return page.to_string();
    };
    let end = page[start..]
        .find("</script>")
        .map_or(page.len(), |i| start + i + 9);
    format!("{}{}", &page[..start], &page[end..])
}

/// Waits until the server serves every file of a fresh build as built.
fn serves_a_fresh_build(f: &Fixture, server: &Server, what: &str) {
    let out = tempfile::tempdir().unwrap();
    let built = f.run(&["build", "-o", out.path().to_str().unwrap()]);
    assert_eq!(built.code, 0, "{what}: {}", built.stderr);
    let files = read_tree(out.path());
    assert!(files.len() > 50, "{what}: a whole site is built");
    // `.charter-manifest` is what `build` knows of its own output.
    for (path, bytes) in files.into_iter().filter(|(p, _)| !p.starts_with('.')) {
        let expected = String::from_utf8_lossy(&bytes).into_owned();
        server.poll(&format!("/{path}"), what, |r| {
            r.status == 200 && without_reload_script(&r.body) == expected
        });
    }
}

fn edit(f: &Fixture, path: &str, from: &str, to: &str) {
    let text = f.read(path);
    assert!(text.contains(from), "{path} holds {from:?}");
    f.write(path, text.replacen(from, to, 1));
}

#[test]
fn every_page_served_after_an_edit_is_the_page_a_build_writes() {
    let f = Fixture::example_site();
    let server = Server::start(&f);
    serves_a_fresh_build(&f, &server, "at start");

    // Its title only: the board's order and every link to it.
    edit(
        &f,
        SSO,
        "Single sign-on for enterprise",
        "Zero-trust sign-on for enterprise",
    );
    serves_a_fresh_build(&f, &server, "a new title");

    // Its status, goal and tags: back-links, facets and the finished ones.
    edit(&f, SSO, "status: in-progress", "status: shipped");
    edit(
        &f,
        SSO,
        "goals: [pass-security-reviews]",
        "goals: [soc2-type-ii]",
    );
    edit(
        &f,
        SSO,
        "tags: [enterprise,",
        "tags: [compliance, enterprise,",
    );
    serves_a_fresh_build(&f, &server, "new references and facets");

    // What other entities' pages and the team facet show of a team.
    edit(
        &f,
        "teams/platform.md",
        "name: Platform & Enterprise",
        "name: Core Platform",
    );
    serves_a_fresh_build(&f, &server, "a team renamed");

    // A goal's progress and the metric's drawings.
    edit(
        &f,
        "metrics/nps.md",
        "  - { date: 2026-11-01, value: 36 }\n",
        "  - { date: 2026-11-01, value: 36 }\n  - { date: 2026-12-01, value: 44 }\n",
    );
    serves_a_fresh_build(&f, &server, "a metric's new value");

    // An item added that another depends on, then removed again.
    let card_on_file = "---\ntitle: Card on file\nstatus: planned\ndepends_on: [sso]\n\
         start: 2027-01-04\ntarget: 2027-03-31\n---\nBody.\n";
    f.write("roadmap/card-on-file.md", card_on_file);
    edit(
        &f,
        PAYMENTS,
        "depends_on: [online-booking-widget]",
        "depends_on: [online-booking-widget, card-on-file]",
    );
    serves_a_fresh_build(&f, &server, "an item added");
    // Its dependant edited while it is away (a broken reference), then
    // back: the dependant's drawing shows it again.
    f.remove("roadmap/card-on-file.md");
    let broken = server.poll("/", "a missing dependency", |r| r.status == 500);
    edit(&f, PAYMENTS, "title: ", "title: Paid ");
    server.poll("/", "the dependant's edit", |r| {
        generation_of(&r.body) > generation_of(&broken.body)
    });
    f.write("roadmap/card-on-file.md", card_on_file);
    serves_a_fresh_build(&f, &server, "an item back");
    edit(
        &f,
        PAYMENTS,
        "depends_on: [online-booking-widget, card-on-file]",
        "depends_on: [online-booking-widget]",
    );
    f.remove("roadmap/card-on-file.md");
    serves_a_fresh_build(&f, &server, "an item removed");
}

#[test]
fn naming_another_theme_in_the_configuration_renders_with_it() {
    let f = Fixture::new();
    f.write(
        "themes/plain/templates/person.html",
        "<html><body>PLAIN {{ entity.title }}</body></html>",
    );
    let server = Server::start(&f);
    assert!(!server.get("/people/ada/").body.contains("PLAIN"));
    // Other edits of charter.yaml keep the theme loaded.
    f.write("charter.yaml", "title: Renamed strategy\n");
    server.poll("/", "a new title", |r| r.body.contains("Renamed strategy"));
    f.write("charter.yaml", "title: Renamed strategy\ntheme: plain\n");
    server.poll("/people/ada/", "the theme named", |r| {
        r.body.contains("PLAIN Ada Lovelace")
    });
    f.write("charter.yaml", "title: Renamed strategy\n");
    server.poll("/people/ada/", "the default theme again", |r| {
        r.status == 200 && !r.body.contains("PLAIN")
    });
}
