//! Input that once crashed or stalled charter, or that `check` let through
//! and `build` then failed on: every case gets a diagnostic from `check`
//! (or, for templates, a clear error from `build`), never an abort.

use crate::support::{Fixture, assert_diags, item, only};

/// `build` into a fresh folder.
fn build(f: &Fixture) -> crate::support::Output {
    let out = tempfile::tempdir().unwrap();
    f.run(&["build", "-o", out.path().to_str().unwrap()])
}

// ---------------------------------------------------------------- nesting

#[test]
fn deeply_nested_front_matter_is_an_error_not_a_stack_overflow() {
    let f = Fixture::new();
    let nested: String = (0..600)
        .map(|i| format!("{}-\n", "  ".repeat(i + 1)))
        .collect();
    f.write(
        "teams/core.md",
        format!("---\nname: Core\nlead: ada\nextra:\n  deep:\n{nested}---\n"),
    );
    // The front matter is level 1, `extra` 2, and each line from 6 on
    // opens one more: the 65th level, one too many, on line 68.
    only(
        &f,
        "error E0008 teams/core.md:68:127",
        "mappings and lists are nested more than 64 levels deep",
    );
    let run = build(&f);
    assert_eq!(run.code, 1, "{run:?}");
}

#[test]
fn nesting_up_to_the_limit_renders() {
    let f = Fixture::new();
    let nested = format!("{}1{}", "[".repeat(62), "]".repeat(62));
    f.write(
        "teams/core.md",
        format!("---\nname: Core\nlead: ada\nextra: {{ deep: {nested} }}\n---\n"),
    );
    // A goal tree 64 levels deep, each goal under the one before.
    for n in 1..64 {
        let parent = if n == 1 {
            "grow".to_string()
        } else {
            format!("g{}", n - 1)
        };
        f.write(
            &format!("goals/g{n}.md"),
            format!("---\ntitle: Goal {n}\nparent: {parent}\n---\n"),
        );
    }
    let (out, diags) = f.check_json(&["--deny-warnings"]);
    assert_eq!(diags, vec![], "{out:?}");
}

#[test]
fn deeply_nested_markdown_is_an_error_and_never_reaches_the_sanitiser() {
    for (body, at) in [
        ("- ".repeat(40_000) + "x\n", "6:129"),
        ("> ".repeat(40_000) + "x\n", "6:257"),
        ("<ul><li>".repeat(20_000) + "x\n", "6:1"),
    ] {
        let f = Fixture::new();
        f.write(
            "pages/deep.md",
            format!("---\ntitle: Deep\n---\n\n\n{body}"),
        );
        let started = std::time::Instant::now();
        only(
            &f,
            &format!("error E0008 pages/deep.md:{at}"),
            "the Markdown is nested more than 128 levels deep",
        );
        let run = build(&f);
        assert_eq!(run.code, 1, "{run:?}");
        // Not a timing assertion: a stall shows as minutes, not as noise.
        assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
    }
}

// ---------------------------------------------------------------- templates

#[test]
fn a_template_that_recurses_without_end_fails_the_build_with_a_message() {
    let f = Fixture::new();
    f.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% import \"rec.html\" as rec %}\
         {% block content %}{{ rec::down(n=1) }}{% endblock content %}",
    );
    f.write(
        "templates/rec.html",
        "{% macro down(n) %}{{ self::down(n=n+1) }}{% endmacro down %}",
    );
    let run = build(&f);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr
            .contains("templates nest too deeply: a macro or an include calls itself without end"),
        "{}",
        run.stderr
    );
    f.write(
        "templates/rec.html",
        "{% macro down(n) %}{% endmacro down %}",
    );
    f.write("templates/page.html", "{% include \"page.html\" %}");
    let run = build(&f);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("templates nest too deeply"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_huge_template_error_is_cut_to_a_readable_length() {
    let f = Fixture::new();
    let parens = 100_000;
    f.write(
        "templates/page.html",
        format!("{{{{ {}1{} }}}}", "(".repeat(parens), ")".repeat(parens)),
    );
    let run = build(&f);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("cannot load the templates"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.len() < 5_000,
        "{} bytes of error",
        run.stderr.len()
    );
}

// ---------------------------------------------------------------- check = build

#[test]
fn key_results_and_metrics_missing_a_partner_field_warn_and_still_build() {
    let f = Fixture::new();
    f.write(
        "goals/grow.md",
        "---\ntitle: Grow usage\nkey_results:\n  - title: Just a title\n  \
         - title: Tracked\n    metric: active-users\n---\n",
    );
    f.write(
        "metrics/active-users.md",
        "---\nname: Active users\ntarget: 100\nvalues:\n  - { date: 2027-01-01, value: 40 }\n---\n",
    );
    let (out, diags) = f.check_json(&[]);
    let d = assert_diags(
        &out,
        &[
            "warning W0107 goals/grow.md:6:5",
            "warning W0107 metrics/active-users.md:3:1",
        ],
    );
    assert_eq!(
        d[0].message,
        "`metric` without `target` in `key_results`: its progress cannot be measured"
    );
    assert_eq!(
        diags[1].message,
        "`target` without `direction` in front matter: whether the target is met cannot be told"
    );
    // The support module builds every strategy whose check passes.
    assert_eq!(out.code, 0);
}

#[test]
fn extra_must_be_a_mapping() {
    let f = Fixture::new();
    f.write("teams/core.md", "---\nname: Core\nextra: 5\n---\n");
    let d = only(
        &f,
        "error E0103 teams/core.md:3:8",
        "`extra` must be a mapping",
    );
    assert_eq!(d.help.as_deref(), Some("write `extra` as a mapping"));
}

// ---------------------------------------------------------------- YAML and dates

#[test]
fn a_str_tag_makes_text_and_other_tags_are_refused() {
    let f = Fixture::new();
    f.write(
        "roadmap/sso.md",
        item("score: { reach: !!str 2500, impact: 1, confidence: 50, effort: 1 }\n"),
    );
    only(
        &f,
        "error E0103 roadmap/sso.md:4:17",
        "`reach` must be a number",
    );
    f.write("roadmap/sso.md", item("tags: [!!str 2500]\n"));
    let (out, diags) = f.check_json(&["--deny-warnings"]);
    assert_eq!(diags, vec![], "{out:?}");
    f.write("roadmap/sso.md", item("tags: [!!int 2500]\n"));
    only(
        &f,
        "error E0004 roadmap/sso.md:4:8",
        "YAML syntax error: the YAML tag `!!int` is not supported; write the value without it (quote text)",
    );
}

#[test]
fn year_zero_is_not_a_date() {
    let f = Fixture::new();
    f.write("roadmap/sso.md", item("start: 0000-01-01\n"));
    only(
        &f,
        "error E0105 roadmap/sso.md:4:8",
        "`0000-01-01` in `start` is not a date",
    );
}

// ---------------------------------------------------------------- addresses

#[test]
fn addresses_that_would_run_script_are_refused() {
    let f = Fixture::new();
    f.write(
        "charter.yaml",
        "title: T\nrepo_url: javascript:alert(1)//\nbase_url: \" JavaScript:alert(1)//\"\n",
    );
    let (out, diags) = f.check_json(&[]);
    assert_diags(
        &out,
        &[
            "error E0104 charter.yaml:2:11",
            "error E0104 charter.yaml:3:11",
        ],
    );
    assert_eq!(
        diags[0].message,
        "`repo_url` must be an address starting with `https://` or `http://`"
    );
    assert_eq!(
        diags[1].message,
        "`base_url` must be a path starting with `/` or an address starting with `https://` or `http://`"
    );
    f.write(
        "charter.yaml",
        "title: T\nrepo_url: https://git.example.com/a/b\nbase_url: /strategy/\n",
    );
    let (out, diags) = f.check_json(&["--deny-warnings"]);
    assert_eq!(diags, vec![], "{out:?}");
    let site = tempfile::tempdir().unwrap();
    let out_dir = site.path().to_str().unwrap();
    for bad in ["javascript:alert(1)//", "not a url", "https://a b/"] {
        let run = f.run(&["build", "-o", out_dir, "--base-url", bad]);
        assert_eq!(run.code, 2, "{bad}: {run:?}");
        assert!(run.stderr.contains("--base-url must be"), "{}", run.stderr);
    }
    assert!(crate::support::read_tree(site.path()).is_empty());
}

#[test]
fn check_loads_the_templates_as_build_does() {
    let f = Fixture::new();
    f.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{{ x",
    );
    let (out, diags) = f.check_json(&[]);
    assert_diags(&out, &["error E0009 -"]);
    assert!(
        diags[0].message.contains("page.html"),
        "{}",
        diags[0].message
    );
    let run = build(&f);
    assert_eq!(run.code, 2, "{run:?}");
}

#[test]
fn a_page_that_renders_for_too_long_stops_the_build_and_is_named() {
    let f = Fixture::new();
    // Far too much work for one page: a hundred million loop turns.
    f.write(
        "templates/role.html",
        "{% for i in range(end=10000) %}{% for j in range(end=10000) %}{% endfor %}{% endfor %}",
    );
    let out = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    let run = crate::support::command(f.root(), &["build", "-o", out.path().to_str().unwrap()])
        .env("CHARTER_PAGE_TIME_LIMIT", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("error: rendering roles/pm/index.html took more than 1 s"),
        "{stderr}"
    );
    assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
    assert!(crate::support::read_tree(out.path()).is_empty());
}
