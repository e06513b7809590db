//! `charter check`: one broken fixture per diagnostic about files, YAML,
//! fields, values, dates and ids, each pinned to its code and
//! `file:line:column` through `--format json`.

use crate::support::{Fixture, assert_diags, item, only};

// ---------------------------------------------------------------- baseline

#[test]
fn the_valid_fixture_has_no_problems() {
    let f = Fixture::new();
    let (out, diags) = f.check_json(&[]);
    assert_eq!(diags, vec![], "{out:?}");
    assert_eq!(out.code, 0);

    let human = f.run(&["check"]);
    assert_eq!(human.code, 0);
    assert_eq!(human.stdout, "");
    assert!(
        human.stderr.starts_with("Checked 10 files in ")
            && human.stderr.ends_with(" s: no problems\n"),
        "{}",
        human.stderr
    );
}

#[test]
fn check_finds_the_root_upwards_from_a_sub_folder() {
    let f = Fixture::new();
    f.write("roadmap/sso.md", item("owner: nobody\n"));
    let out = crate::support::run_in(&f.path("roadmap"), &["check", "--format", "json"]);
    assert_diags(&out, &["error E0102 roadmap/sso.md:4:8"]);
    assert_eq!(out.code, 1);
}

// ---------------------------------------------------------------- files and YAML

#[test]
fn yaml_syntax_error_in_front_matter_counts_lines_in_the_whole_file() {
    let f = Fixture::new();
    // YAML line 5 is file line 6: the opening fence counts.
    f.write(
        "roadmap/sso.md",
        "---\ntitle: Single sign-on\nstatus: planned\nhorizon: now\nteam: core\nowner: ada: lead\n---\nBody.\n",
    );
    let d = only(
        &f,
        "error E0004 roadmap/sso.md:6:11",
        "YAML syntax error: mapping values are not allowed in this context",
    );
    assert!(d.help.unwrap().contains("quote values"));
}

#[test]
fn yaml_syntax_error_in_a_yaml_file_uses_its_own_lines() {
    let f = Fixture::new();
    f.write(
        "metrics/nps.yaml",
        "name: NPS\nunit: points\nvalues: [1, 2\n",
    );
    only(
        &f,
        "error E0004 metrics/nps.yaml:4:1",
        "YAML syntax error: while parsing a flow sequence, expected ',' or ']'",
    );
}

#[test]
fn unclosed_front_matter_is_reported() {
    let f = Fixture::new();
    f.write("roadmap/new.md", "---\ntitle: New\nstatus: planned\n");
    let out = f.run(&["check", "--format", "json"]);
    let d = out.diagnostics();
    assert_eq!(d.len(), 1, "{}", out.stdout);
    assert_eq!(
        (d[0].code.as_str(), d[0].file.as_deref()),
        ("E0005", Some("roadmap/new.md"))
    );
    assert_eq!(d[0].message, "front matter is not closed");
    assert_eq!(out.code, 1);
}

#[test]
fn unclosed_front_matter_points_at_the_opening_fence() {
    let f = Fixture::new();
    f.write("roadmap/new.md", "---\ntitle: New\nstatus: planned\n");
    only(
        &f,
        "error E0005 roadmap/new.md:1:1",
        "front matter is not closed",
    );
}

#[test]
fn non_utf8_file_points_at_the_bad_byte() {
    let f = Fixture::new();
    f.write(
        "roadmap/new.md",
        b"---\ntitle: New\nstatus: planned\n---\nbad \xff\xfe here\n",
    );
    let d = only(
        &f,
        "error E0003 roadmap/new.md:5:5",
        "`roadmap/new.md` is not valid UTF-8 (at byte 39)",
    );
    assert_eq!(d.help.as_deref(), Some("save the file as UTF-8"));
}

#[test]
fn missing_vision_is_e0002() {
    let f = Fixture::new();
    f.remove("vision.md");
    // Without the vision its pillars are gone too; keep the goal free of one.
    f.write("goals/grow.md", "---\ntitle: Grow usage\n---\n");
    let d = only(&f, "error E0002 -", "no `vision.md` in the strategy root");
    assert!(d.help.unwrap().contains("create vision.md"));
}

#[test]
fn missing_charter_yaml_is_e0001_when_dir_is_given() {
    let f = Fixture::new();
    f.remove("charter.yaml");
    let root = f.root().to_str().unwrap().to_string();
    let out = crate::support::run_in(
        std::env::temp_dir().as_path(),
        &["check", &root, "--format", "json"],
    );
    let d = assert_diags(&out, &["error E0001 -"]);
    assert_eq!(d[0].message, "no `charter.yaml` in the strategy root");
    assert!(d[0].help.as_deref().unwrap().contains("charter init"));
    assert_eq!(out.code, 1);
}

#[test]
fn no_charter_yaml_anywhere_up_is_a_usage_error() {
    let f = Fixture::empty();
    for command in ["check", "build", "export"] {
        let out = f.run(&[command]);
        assert_eq!(out.code, 2, "{command}: {out:?}");
        assert!(
            out.stderr.contains("could not find `charter.yaml` in `")
                && out.stderr.contains("or any parent folder")
                && out.stderr.contains("charter init"),
            "{command}: {}",
            out.stderr
        );
        assert!(out.stdout.is_empty(), "{command}: {}", out.stdout);
    }
}

#[test]
fn a_stray_file_in_a_strategy_folder_is_a_warning() {
    let f = Fixture::new();
    f.write("roadmap/notes.txt", "scribbles");
    let d = only(
        &f,
        "warning W0103 roadmap/notes.txt",
        "`roadmap/notes.txt` is not a strategy file and is ignored",
    );
    assert!(d.help.unwrap().contains("static/"));
    // However large: it is not read, so the size limit of strategy files
    // does not apply.
    f.remove("roadmap/notes.txt");
    f.write("roadmap/diagram.png", vec![0u8; 2 << 20]);
    only(
        &f,
        "warning W0103 roadmap/diagram.png",
        "`roadmap/diagram.png` is not a strategy file and is ignored",
    );
}

// ---------------------------------------------------------------- fields

#[test]
fn missing_required_field() {
    let f = Fixture::new();
    f.write(
        "roadmap/sso.md",
        "---\ntitle: Single sign-on\nowner: ada\n---\n",
    );
    let d = only(
        &f,
        "error E0101 roadmap/sso.md:2:1",
        "missing required field `status` in front matter",
    );
    assert_eq!(d.help.as_deref(), Some("add `status: ...`"));
}

#[test]
fn missing_required_field_of_a_person() {
    let f = Fixture::new();
    f.write(
        "people/ada.md",
        "---\nname: Ada Lovelace\nteam: core\n---\n",
    );
    only(
        &f,
        "error E0101 people/ada.md:2:1",
        "missing required field `role` in front matter",
    );
}

#[test]
fn wrong_type_list_for_text() {
    let f = Fixture::new();
    f.write(
        "roadmap/sso.md",
        "---\ntitle: [Single sign-on]\nstatus: planned\n---\n",
    );
    let d = only(&f, "error E0103 roadmap/sso.md:2:8", "`title` must be text");
    assert_eq!(d.help.as_deref(), Some("write `title` as text"));
}

#[test]
fn wrong_type_scalar_for_list() {
    let f = Fixture::new();
    f.write("roadmap/sso.md", item("goals: grow\n"));
    let d = only(
        &f,
        "error E0103 roadmap/sso.md:4:8",
        "`goals` must be a list",
    );
    assert_eq!(
        d.help.as_deref(),
        Some("write a list, e.g. `goals: [grow]`")
    );
}

#[test]
fn wrong_type_text_for_number() {
    let f = Fixture::new();
    f.write(
        "pages/handbook.md",
        "---\ntitle: Handbook\nweight: heavy\n---\n",
    );
    only(
        &f,
        "error E0103 pages/handbook.md:3:9",
        "`weight` must be a number",
    );
}

#[test]
fn duplicate_field() {
    let f = Fixture::new();
    f.write("roadmap/sso.md", item("title: Again\n"));
    only(
        &f,
        "error E0111 roadmap/sso.md:4:1",
        "field `title` is given twice",
    );
}

// ---------------------------------------------------------------- allowed values

#[test]
fn roadmap_status_outside_statuses() {
    let f = Fixture::new();
    f.write(
        "roadmap/sso.md",
        "---\ntitle: Single sign-on\nstatus: planed\n---\n",
    );
    let d = only(
        &f,
        "error E0104 roadmap/sso.md:3:9",
        "`planed` is not allowed in `status`",
    );
    assert_eq!(d.help.as_deref(), Some("did you mean `planned`?"));
}

#[test]
fn roadmap_status_follows_charter_yaml() {
    let f = Fixture::new();
    f.write(
        "charter.yaml",
        "title: Test strategy\nstatuses: [todo, doing, done]\n",
    );
    // `planned` is a default status but not one of this site's.
    only(
        &f,
        "error E0104 roadmap/sso.md:3:9",
        "`planned` is not allowed in `status`",
    );
    f.write("roadmap/sso.md", item("").replace("planned", "doing"));
    let (out, diags) = f.check_json(&[]);
    assert_eq!(diags, vec![], "{out:?}");
}

#[test]
fn roadmap_horizon_outside_horizons() {
    let f = Fixture::new();
    f.write("roadmap/sso.md", item("horizon: soon\n"));
    only(
        &f,
        "error E0104 roadmap/sso.md:4:10",
        "`soon` is not allowed in `horizon`",
    );
}

#[test]
fn goal_status_outside_its_set() {
    let f = Fixture::new();
    f.write(
        "goals/grow.md",
        "---\ntitle: Grow usage\nstatus: on-trak\n---\n",
    );
    let d = only(
        &f,
        "error E0104 goals/grow.md:3:9",
        "`on-trak` is not allowed in `status`",
    );
    assert_eq!(d.help.as_deref(), Some("did you mean `on-track`?"));
}

#[test]
fn decision_status_outside_its_set() {
    let f = Fixture::new();
    f.write(
        "decisions/use-saml.md",
        "---\ntitle: Use SAML\nstatus: approved\ndate: 2027-01-10\n---\n",
    );
    only(
        &f,
        "error E0104 decisions/use-saml.md:3:9",
        "`approved` is not allowed in `status`",
    );
}

#[test]
fn metric_direction_outside_up_down() {
    let f = Fixture::new();
    f.write(
        "metrics/active-users.md",
        "---\nname: Active users\ndirection: sideways\n---\n",
    );
    only(
        &f,
        "error E0104 metrics/active-users.md:3:12",
        "`sideways` is not allowed in `direction`",
    );
}

#[test]
fn goal_pillar_not_in_the_vision() {
    let f = Fixture::new();
    f.write(
        "goals/grow.md",
        "---\ntitle: Grow usage\npillar: focsu\n---\n",
    );
    let d = only(
        &f,
        "error E0104 goals/grow.md:3:9",
        "`focsu` is not a pillar of vision.md in `pillar`",
    );
    assert_eq!(d.help.as_deref(), Some("did you mean `focus`?"));
}

#[test]
fn confidence_above_100() {
    let f = Fixture::new();
    f.write(
        "roadmap/sso.md",
        item("score: { reach: 100, impact: 2, confidence: 130, effort: 3 }\n"),
    );
    let d = only(
        &f,
        "error E0104 roadmap/sso.md:4:45",
        "`confidence` must be from 0 to 100",
    );
    assert_eq!(d.help.as_deref(), Some("use a number from 0 to 100"));
}

#[test]
fn effort_zero() {
    let f = Fixture::new();
    f.write(
        "roadmap/sso.md",
        item("score:\n  reach: 100\n  impact: 2\n  confidence: 50\n  effort: 0\n"),
    );
    only(
        &f,
        "error E0104 roadmap/sso.md:8:11",
        "`effort` must be greater than 0",
    );
}

// ---------------------------------------------------------------- dates

#[test]
fn date_that_does_not_exist() {
    let f = Fixture::new();
    f.write("roadmap/sso.md", item("start: 2027-02-30\n"));
    let d = only(
        &f,
        "error E0105 roadmap/sso.md:4:8",
        "`2027-02-30` in `start` is not a date",
    );
    assert_eq!(
        d.help.as_deref(),
        Some("write dates as YYYY-MM-DD, e.g. 2027-03-31")
    );
}

#[test]
fn date_without_leading_zeros() {
    let f = Fixture::new();
    f.write(
        "decisions/use-saml.md",
        "---\ntitle: Use SAML\ndate: 2027-1-5\n---\n",
    );
    only(
        &f,
        "error E0105 decisions/use-saml.md:3:7",
        "`2027-1-5` in `date` is not a date",
    );
}

#[test]
fn bad_date_column_counts_characters_not_bytes() {
    let f = Fixture::new();
    f.write(
        "roadmap/sso.md",
        item("milestones: [{ title: Zoë Müller’s demo, date: 2027-02-30 }]\n"),
    );
    only(
        &f,
        "error E0105 roadmap/sso.md:4:48",
        "`2027-02-30` in `date` is not a date",
    );
}

#[test]
fn target_before_start() {
    let f = Fixture::new();
    f.write(
        "roadmap/sso.md",
        item("start: 2027-03-01\ntarget: 2027-02-01\n"),
    );
    let d = only(
        &f,
        "error E0109 roadmap/sso.md:5:9",
        "`target` 2027-02-01 is before `start` 2027-03-01",
    );
    assert!(d.help.unwrap().contains("move `target` after `start`"));
}

// ---------------------------------------------------------------- ids

#[test]
fn invalid_id_from_the_file_name() {
    let f = Fixture::new();
    f.write("roadmap/Bad_Id.md", item(""));
    let d = only(
        &f,
        "error E0106 roadmap/Bad_Id.md",
        "`Bad_Id` is not a valid roadmap item id",
    );
    assert!(d.help.unwrap().starts_with("rename the file"));
}

#[test]
fn duplicate_id_in_two_sub_folders() {
    let f = Fixture::new();
    f.write("roadmap/2027/dup.md", item(""));
    f.write("roadmap/2028/dup.md", item(""));
    only(
        &f,
        "error E0107 roadmap/2028/dup.md",
        "duplicate roadmap item id `dup`: also roadmap/2027/dup.md",
    );
}

#[test]
fn the_same_id_in_two_kinds_is_fine() {
    let f = Fixture::new();
    f.write("teams/ada.md", "---\nname: Team Ada\n---\n");
    let (out, diags) = f.check_json(&[]);
    assert_eq!(diags, vec![], "{out:?}");
}

#[test]
fn invalid_pillar_id() {
    let f = Fixture::new();
    f.write(
        "vision.md",
        "---\ntitle: V\npillars:\n  - id: focus\n    title: Focus\n  - id: Big_Bets\n    title: Big\n---\n",
    );
    only(
        &f,
        "error E0106 vision.md:6:9",
        "`Big_Bets` is not a valid pillar id",
    );
}

// ---------------------------------------------------------------- warnings

#[test]
fn unknown_field_is_a_warning_with_did_you_mean() {
    let f = Fixture::new();
    f.write("roadmap/sso.md", item("depend_on: [sso]\n"));
    let d = only(
        &f,
        "warning W0101 roadmap/sso.md:4:1",
        "unknown field `depend_on` in front matter",
    );
    assert_eq!(d.help.as_deref(), Some("did you mean `depends_on`?"));
}

#[test]
fn unknown_field_far_from_any_lists_the_known_ones() {
    let f = Fixture::new();
    f.write("teams/core.md", "---\nname: Core\nbudget: 12\n---\n");
    let d = only(
        &f,
        "warning W0101 teams/core.md:3:1",
        "unknown field `budget` in front matter",
    );
    assert_eq!(
        d.help.as_deref(),
        Some("known fields: name, lead, parent, mission, extra; put free-form data under `extra:`")
    );
}

#[test]
fn unknown_field_in_a_nested_record() {
    let f = Fixture::new();
    f.write(
        "roadmap/sso.md",
        item("score: { reach: 1, impact: 1, confidence: 50, efort: 2 }\n"),
    );
    let out = f.run(&["check", "--format", "json"]);
    let d = assert_diags(
        &out,
        &[
            "error E0101 roadmap/sso.md:4:8",
            "warning W0101 roadmap/sso.md:4:47",
        ],
    );
    assert_eq!(d[0].message, "missing required field `effort` in `score`");
    assert_eq!(d[1].message, "unknown field `efort` in `score`");
    assert_eq!(d[1].help.as_deref(), Some("did you mean `effort`?"));
}

#[test]
fn extra_is_free_form_and_not_warned_about() {
    let f = Fixture::new();
    f.write(
        "roadmap/sso.md",
        item("extra:\n  jira: PLAT-1\n  anything: [1, {a: b}]\n"),
    );
    let (out, diags) = f.check_json(&[]);
    assert_eq!(diags, vec![], "{out:?}");
}

// ---------------------------------------------------------------- many at once

#[test]
fn every_problem_is_reported_in_one_run() {
    let f = Fixture::new();
    f.write(
        "roadmap/sso.md",
        item("owner: nobody\nstart: 2027-02-30\nhorizon: soon\n"),
    );
    f.write(
        "people/ada.md",
        "---\nname: Ada\nrole: designer\nlocaton: Paris\n---\n",
    );
    f.write("teams/core.md", "---\nname: [Core]\n---\n");
    f.write("roadmap/Bad.md", item(""));
    f.write(
        "pages/handbook.md",
        "---\ntitle: Handbook\n---\n[gone](missing.md)\n",
    );
    let out = f.run(&["check", "--format", "json"]);
    let d = assert_diags(
        &out,
        &[
            "error E0110 pages/handbook.md:4:8",
            "error E0102 people/ada.md:3:7",
            "warning W0101 people/ada.md:4:1",
            "error E0106 roadmap/Bad.md",
            "error E0102 roadmap/sso.md:4:8",
            "error E0105 roadmap/sso.md:5:8",
            "error E0104 roadmap/sso.md:6:10",
            "error E0103 teams/core.md:2:7",
        ],
    );
    assert_eq!(out.code, 1);
    assert!(d.iter().all(|d| !d.message.is_empty()));

    let human = f.run(&["check"]);
    assert_eq!(human.code, 1);
    assert_eq!(
        human.stderr.matches("error[").count(),
        7,
        "{}",
        human.stderr
    );
    assert_eq!(
        human.stderr.matches("warning[").count(),
        1,
        "{}",
        human.stderr
    );
    assert!(
        human.stderr.contains(": 7 errors, 1 warning\n"),
        "{}",
        human.stderr
    );
}

#[test]
fn unknown_theme_is_reported_by_check() {
    let f = Fixture::new();
    let config = f.read("charter.yaml");
    f.write("charter.yaml", format!("{config}theme: fancy\n"));
    let line = config.lines().count() + 1;
    only(
        &f,
        &format!("error E0104 charter.yaml:{line}:8"),
        "no theme named `fancy`",
    );
    std::fs::create_dir_all(f.path("themes/fancy")).unwrap();
    assert_diags(&f.run(&["check", "--format", "json"]), &[]);
}
