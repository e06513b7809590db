//! `charter check` across files: unknown references of every kind, cycles
//! naming every member, and Markdown links between source files.

use crate::support::{Fixture, item, only};

// ---------------------------------------------------------------- references

#[test]
fn unknown_owner_person() {
    let f = Fixture::new();
    f.write("roadmap/sso.md", item("owner: nobody\n"));
    let d = only(
        &f,
        "error E0102 roadmap/sso.md:4:8",
        "unknown person `nobody` in `owner`",
    );
    assert_eq!(d.help, None);
}

#[test]
fn unknown_owner_of_the_vision() {
    let f = Fixture::new();
    f.write(
        "vision.md",
        "---\ntitle: V\nowner: adaa\npillars: [{ id: focus, title: Focus }]\n---\n",
    );
    let d = only(
        &f,
        "error E0102 vision.md:3:8",
        "unknown person `adaa` in `owner`",
    );
    assert_eq!(d.help.as_deref(), Some("did you mean `ada`?"));
}

#[test]
fn unknown_team() {
    let f = Fixture::new();
    f.write("roadmap/sso.md", item("team: nowhere\n"));
    only(
        &f,
        "error E0102 roadmap/sso.md:4:7",
        "unknown team `nowhere` in `team`",
    );
}

#[test]
fn unknown_team_of_a_person() {
    let f = Fixture::new();
    f.write(
        "people/ada.md",
        "---\nname: Ada Lovelace\nrole: pm\nteam: cor\n---\n",
    );
    let d = only(
        &f,
        "error E0102 people/ada.md:4:7",
        "unknown team `cor` in `team`",
    );
    assert_eq!(d.help.as_deref(), Some("did you mean `core`?"));
}

#[test]
fn unknown_goal() {
    let f = Fixture::new();
    f.write("roadmap/sso.md", item("goals: [grow, shrink]\n"));
    only(
        &f,
        "error E0102 roadmap/sso.md:4:15",
        "unknown goal `shrink` in `goals`",
    );
}

#[test]
fn unknown_depends_on() {
    let f = Fixture::new();
    f.write("roadmap/sso.md", item("depends_on:\n  - missing-item\n"));
    only(
        &f,
        "error E0102 roadmap/sso.md:5:5",
        "unknown roadmap item `missing-item` in `depends_on`",
    );
}

#[test]
fn unknown_role() {
    let f = Fixture::new();
    f.write(
        "people/ada.md",
        "---\nname: Ada Lovelace\nrole: designer\n---\n",
    );
    let d = only(
        &f,
        "error E0102 people/ada.md:3:7",
        "unknown role `designer` in `role`",
    );
    assert_eq!(d.help, None);
}

#[test]
fn unknown_reports_to() {
    let f = Fixture::new();
    f.write(
        "people/ada.md",
        "---\nname: Ada Lovelace\nrole: pm\nteam: core\nreports_to: grace\n---\n",
    );
    only(
        &f,
        "error E0102 people/ada.md:5:13",
        "unknown person `grace` in `reports_to`",
    );
}

#[test]
fn unknown_parent_goal() {
    let f = Fixture::new();
    f.write("goals/child.md", "---\ntitle: Child\nparent: growth\n---\n");
    let d = only(
        &f,
        "error E0102 goals/child.md:3:9",
        "unknown goal `growth` in `parent`",
    );
    assert_eq!(d.help.as_deref(), Some("did you mean `grow`?"));
}

#[test]
fn unknown_parent_team() {
    let f = Fixture::new();
    f.write(
        "teams/core.md",
        "---\nname: Core\nlead: ada\nparent: platform\n---\n",
    );
    only(
        &f,
        "error E0102 teams/core.md:4:9",
        "unknown team `platform` in `parent`",
    );
}

#[test]
fn unknown_team_lead() {
    let f = Fixture::new();
    f.write("teams/core.md", "---\nname: Core\nlead: bob\n---\n");
    only(
        &f,
        "error E0102 teams/core.md:3:7",
        "unknown person `bob` in `lead`",
    );
}

#[test]
fn unknown_metric_in_key_results() {
    let f = Fixture::new();
    let grow = crate::support::VALID
        .iter()
        .find(|(p, _)| *p == "goals/grow.md")
        .unwrap()
        .1
        .replace("metric: active-users", "metric: active-user");
    f.write("goals/grow.md", grow);
    let d = only(
        &f,
        "error E0102 goals/grow.md:8:13",
        "unknown metric `active-user` in `key_results.metric`",
    );
    assert_eq!(d.help.as_deref(), Some("did you mean `active-users`?"));
}

#[test]
fn unknown_metric_owner() {
    let f = Fixture::new();
    f.write(
        "metrics/active-users.md",
        "---\nname: Active users\nowner: nobody\n---\n",
    );
    only(
        &f,
        "error E0102 metrics/active-users.md:3:8",
        "unknown person `nobody` in `owner`",
    );
}

#[test]
fn unknown_deciders() {
    let f = Fixture::new();
    f.write(
        "decisions/use-saml.md",
        "---\ntitle: Use SAML\ndate: 2027-01-10\ndeciders: [ada, grace]\n---\n",
    );
    only(
        &f,
        "error E0102 decisions/use-saml.md:4:17",
        "unknown person `grace` in `deciders`",
    );
}

#[test]
fn unknown_supersedes() {
    let f = Fixture::new();
    f.write(
        "decisions/use-saml.md",
        "---\ntitle: Use SAML\ndate: 2027-01-10\nsupersedes: [use-oidc]\n---\n",
    );
    only(
        &f,
        "error E0102 decisions/use-saml.md:4:14",
        "unknown decision `use-oidc` in `supersedes`",
    );
}

#[test]
fn unknown_items() {
    let f = Fixture::new();
    f.write(
        "decisions/use-saml.md",
        "---\ntitle: Use SAML\ndate: 2027-01-10\nitems: [sso, sso-v2]\n---\n",
    );
    let d = only(
        &f,
        "error E0102 decisions/use-saml.md:4:14",
        "unknown roadmap item `sso-v2` in `items`",
    );
    assert_eq!(d.help.as_deref(), Some("did you mean `sso`?"));
}

// ---------------------------------------------------------------- cycles

#[test]
fn depends_on_cycle_of_three_names_every_member() {
    let f = Fixture::new();
    f.write(
        "roadmap/a.md",
        "---\ntitle: A\nstatus: idea\ndepends_on: [b]\n---\n",
    );
    f.write(
        "roadmap/b.md",
        "---\ntitle: B\nstatus: idea\ndepends_on: [c]\n---\n",
    );
    f.write(
        "roadmap/c.md",
        "---\ntitle: C\nstatus: idea\ndepends_on: [sso, a]\n---\n",
    );
    let d = only(
        &f,
        "error E0108 roadmap/a.md:4:14",
        "`depends_on` forms a cycle between 3 roadmap items: a → b → c → a",
    );
    assert_eq!(
        d.help.as_deref(),
        Some("remove `depends_on` from one of: a, b, c")
    );
}

#[test]
fn reports_to_cycle_names_every_member() {
    let f = Fixture::new();
    f.write(
        "people/ada.md",
        "---\nname: Ada\nrole: pm\nreports_to: bo\n---\n",
    );
    f.write(
        "people/bo.md",
        "---\nname: Bo\nrole: pm\nreports_to: ada\n---\n",
    );
    let d = only(
        &f,
        "error E0108 people/ada.md:4:13",
        "`reports_to` forms a cycle between 2 people: ada → bo → ada",
    );
    assert_eq!(
        d.help.as_deref(),
        Some("remove `reports_to` from one of: ada, bo")
    );
}

#[test]
fn goal_that_is_its_own_parent() {
    let f = Fixture::new();
    f.write(
        "goals/grow.md",
        "---\ntitle: Grow usage\nparent: grow\n---\n",
    );
    only(
        &f,
        "error E0108 goals/grow.md:3:9",
        "`parent` of goal `grow` points at itself",
    );
}

#[test]
fn team_parent_cycle() {
    let f = Fixture::new();
    f.write("teams/core.md", "---\nname: Core\nparent: edge\n---\n");
    f.write("teams/edge.md", "---\nname: Edge\nparent: core\n---\n");
    only(
        &f,
        "error E0108 teams/core.md:3:9",
        "`parent` forms a cycle between 2 teams: core → edge → core",
    );
}

#[test]
fn supersedes_cycle() {
    let f = Fixture::new();
    f.write(
        "decisions/use-saml.md",
        "---\ntitle: SAML\ndate: 2027-01-10\nsupersedes: [use-oidc]\n---\n",
    );
    f.write(
        "decisions/use-oidc.md",
        "---\ntitle: OIDC\ndate: 2027-01-11\nsupersedes: [use-saml]\n---\n",
    );
    only(
        &f,
        "error E0108 decisions/use-oidc.md:4:14",
        "`supersedes` forms a cycle between 2 decisions: use-oidc → use-saml → use-oidc",
    );
}

// ---------------------------------------------------------------- links

#[test]
fn broken_markdown_link_but_not_good_or_external_ones() {
    let f = Fixture::new();
    f.write(
        "roadmap/sso.md",
        format!(
            "{}See [Ada](../people/ada.md#background), [the web](https://example.com/x),\n\
             [top](#body) and [Bob](../people/bob.md).\n",
            item("")
        ),
    );
    // Line 7 of the file; the link target starts at column 24.
    let d = only(
        &f,
        "error E0110 roadmap/sso.md:7:24",
        "broken link: `people/bob.md` does not exist",
    );
    assert_eq!(d.help.as_deref(), Some("did you mean `../people/ada.md`?"));
}

#[test]
fn link_to_an_existing_non_strategy_file_is_a_warning() {
    let f = Fixture::new();
    f.write("notes/draft.txt", "draft");
    f.write(
        "pages/handbook.md",
        "---\ntitle: Handbook\n---\nSee [the draft](../notes/draft.txt).\n",
    );
    only(
        &f,
        "warning W0102 pages/handbook.md:4:17",
        "`notes/draft.txt` is not part of the site",
    );
}

#[test]
fn link_to_a_static_file_is_fine() {
    let f = Fixture::new();
    f.write("static/deck.pdf", "%PDF");
    f.write(
        "pages/handbook.md",
        "---\ntitle: Handbook\n---\nSee [the deck](../static/deck.pdf).\n",
    );
    let (out, diags) = f.check_json(&[]);
    assert_eq!(diags, vec![], "{out:?}");
}
