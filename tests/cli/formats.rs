//! How `check` reports: the rustc-style human rendering, GitHub workflow
//! commands, `--deny-warnings`, quiet mode and the exit codes of usage errors.

use crate::support::{Fixture, assert_diags, item};

#[test]
fn deny_warnings_turns_a_warning_into_exit_1() {
    let f = Fixture::new();
    f.write("roadmap/sso.md", item("depend_on: [sso]\n"));

    let plain = f.run(&["check"]);
    assert_eq!(plain.code, 0, "{plain:?}");
    assert!(plain.stderr.contains("warning[W0101]"), "{}", plain.stderr);

    let denied = f.run(&["check", "--deny-warnings"]);
    assert_eq!(denied.code, 1, "{denied:?}");
    assert!(
        denied.stderr.contains("warning[W0101]"),
        "{}",
        denied.stderr
    );
    assert!(
        denied.stderr.contains(": 0 errors, 1 warning\n"),
        "{}",
        denied.stderr
    );

    let json = f.run(&["check", "--format", "json", "--deny-warnings"]);
    assert_eq!(json.code, 1);
    assert_diags(&json, &["warning W0101 roadmap/sso.md:4:1"]);
}

#[test]
fn a_dir_that_does_not_exist_is_an_io_error() {
    let f = Fixture::new();
    let out = f.run(&["check", "no-such-folder"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("no-such-folder") && out.stderr.contains("is not a folder"),
        "{}",
        out.stderr
    );
}

#[test]
fn an_unknown_format_is_a_usage_error() {
    let f = Fixture::new();
    let out = f.run(&["check", "--format", "xml"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("invalid value 'xml'"), "{}", out.stderr);
}

// ---------------------------------------------------------------- renderings

#[test]
fn human_rendering_of_an_unknown_reference() {
    let f = Fixture::new();
    let sso = crate::support::VALID
        .iter()
        .find(|(p, _)| *p == "roadmap/sso.md")
        .unwrap()
        .1
        .replace("owner: ada", "owner: adaa");
    f.write("roadmap/sso.md", sso);
    let out = f.run(&["check"]);
    assert_eq!(out.code, 1);
    assert_eq!(out.stdout, "", "human diagnostics go to stderr");
    let (diagnostics, summary) = out
        .stderr
        .rsplit_once("\nChecked ")
        .expect("a summary line");
    insta::assert_snapshot!(diagnostics, @r"
    error[E0102]: unknown person `adaa` in `owner`
     --> roadmap/sso.md:5:8
      |
    5 | owner: adaa
      |        ^^^^ no people/adaa.md or people/adaa.yaml
      |
      = help: did you mean `ada`?
    ");
    assert!(summary.starts_with("10 files in "), "{summary}");
    assert!(summary.ends_with(" s: 1 error, 0 warnings\n"), "{summary}");
    assert!(!out.stderr.contains('\u{1b}'), "no colour under NO_COLOR");
}

#[test]
fn human_rendering_of_a_warning() {
    let f = Fixture::new();
    f.write("roadmap/sso.md", item("depend_on: [sso]\n"));
    let out = f.run(&["check"]);
    let (diagnostics, _) = out
        .stderr
        .rsplit_once("\nChecked ")
        .expect("a summary line");
    insta::assert_snapshot!(diagnostics, @r"
    warning[W0101]: unknown field `depend_on` in front matter
     --> roadmap/sso.md:4:1
      |
    4 | depend_on: [sso]
      | ^^^^^^^^^ this field is ignored
      |
      = help: did you mean `depends_on`?
    ");
}

#[test]
fn quiet_check_prints_nothing_when_all_is_well() {
    let f = Fixture::new();
    let out = f.run(&["-q", "check"]);
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (0, "", "")
    );
}

#[test]
fn github_format_annotates_the_line() {
    let f = Fixture::new();
    f.write("roadmap/sso.md", item("owner: adaa\n"));
    f.write("teams/core.md", "---\nname: Core\nbudget: 12\n---\n");
    let out = f.run(&["check", "--format", "github"]);
    assert_eq!(out.code, 1);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "::error file=roadmap/sso.md,line=4,col=8,title=E0102::unknown person `adaa` in `owner`%0Ahelp: did you mean `ada`?",
            "::warning file=teams/core.md,line=3,col=1,title=W0101::unknown field `budget` in front matter%0Ahelp: known fields: name, lead, parent, mission, extra; put free-form data under `extra:`",
        ]
    );
}
