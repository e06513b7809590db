//! `charter build`: the example strategy becomes a self-contained, fully
//! linked and deterministic site; bodies, templates and static files end up
//! where they should.

use crate::site::{body_hrefs, check_site, hrefs, main_of, without_search_script};
use crate::support::{Fixture, Output, read_tree};
use std::path::Path;

/// Builds the fixture into `out` (an absolute path) and asserts success.
#[track_caller]
pub fn build_ok(f: &Fixture, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["build", "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let result = f.run(&args);
    assert_eq!(result.code, 0, "build failed: {result:?}");
    assert!(result.stderr.contains("Built "), "{}", result.stderr);
    let page = out.join("index.html");
    let open = format!("Open {} in a browser", page.display());
    assert!(result.stderr.contains(&open), "{}", result.stderr);
    result
}

/// The example site, with one external link in a body. Its history is off
/// (tests/cli/demo.rs builds the same files with a history).
fn example() -> Fixture {
    let f = Fixture::example_site();
    let principles = f.read("pages/principles.md");
    f.write(
        "pages/principles.md",
        format!("{principles}\nRead [the RFC](https://example.com/rfc) too.\n"),
    );
    f
}

// ---------------------------------------------------------------- the example site

#[test]
fn example_site_every_relative_link_resolves_to_a_file() {
    let f = example();
    let out = tempfile::tempdir().unwrap();
    build_ok(&f, out.path(), &[]);

    let report = check_site(out.path());
    assert_eq!(report.problems, Vec::<String>::new());
    assert!(report.pages > 100, "only {} pages", report.pages);
    assert!(
        report.internal_links > 2000,
        "only {} links checked",
        report.internal_links
    );
    assert!(
        report.external_anchors.contains("https://example.com/rfc"),
        "the body's external link is kept: {:?}",
        report.external_anchors
    );
    for page in [
        "index.html",
        "404.html",
        "roadmap/index.html",
        "roadmap/sso/index.html",
        "roadmap/usage-based-pricing/index.html",
        "goals/technician-app-adoption/index.html",
        "people/wei-chen/index.html",
        "teams/platform/index.html",
        "roles/chief-product-officer/index.html",
        "metrics/nps/index.html",
        "decisions/saml-before-oidc/index.html",
        "pages/principles/index.html",
        "style.css",
        "logo.svg",
    ] {
        assert!(out.path().join(page).is_file(), "missing {page}");
    }
}

#[test]
fn example_site_fetches_nothing_from_the_internet() {
    let f = example();
    let out = tempfile::tempdir().unwrap();
    build_ok(&f, out.path(), &[]);
    let report = check_site(out.path());
    let remote: Vec<&String> = report
        .problems
        .iter()
        .filter(|p| p.contains("remote") || p.contains("site-absolute"))
        .collect();
    assert_eq!(remote, Vec::<&String>::new());
    assert!(
        report.css_files >= 1,
        "the theme's stylesheet is checked too"
    );
    // The board's filter bar is the one enhancement: the board and its
    // filtered pages work without it.
    let scripted: Vec<String> = read_tree(out.path())
        .into_iter()
        .filter(|(_, bytes)| {
            without_search_script(&String::from_utf8_lossy(bytes)).contains("<script")
        })
        .map(|(path, _)| path)
        .collect();
    assert_eq!(
        scripted,
        ["roadmap/index.html"],
        "the built site needs no JavaScript but search's and the board's filter bar; only serve adds its reload script"
    );
}

#[test]
fn example_site_builds_byte_for_byte_the_same_twice() {
    let f = example();
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    build_ok(&f, one.path(), &[]);
    build_ok(&f, two.path(), &[]);
    let (a, b) = (read_tree(one.path()), read_tree(two.path()));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between two builds");
    }
    assert!(a.len() > 100);
}

// ---------------------------------------------------------------- pages and links

#[test]
fn entity_pages_exist_and_link_both_ways() {
    let f = Fixture::new();
    f.git_init_commit();
    let out = tempfile::tempdir().unwrap();
    build_ok(&f, out.path(), &[]);
    let o = out.path();

    let item = hrefs(o, "roadmap/sso/index.html");
    for target in [
        "../../people/ada/index.html",
        "../../teams/core/index.html",
        "../../goals/grow/index.html",
        "../../decisions/use-saml/index.html",
        "../../roadmap/index.html",
        "../../style.css",
    ] {
        assert!(
            item.contains(target),
            "the item does not link {target}: {item:?}"
        );
    }
    let person = hrefs(o, "people/ada/index.html");
    for target in [
        "../../roadmap/sso/index.html",
        "../../roles/pm/index.html",
        "../../teams/core/index.html",
        "../../goals/grow/index.html",
        "../../decisions/use-saml/index.html",
    ] {
        assert!(
            person.contains(target),
            "the person does not link {target}: {person:?}"
        );
    }
    assert!(hrefs(o, "teams/core/index.html").contains("../../people/ada/index.html"));
    assert!(hrefs(o, "roles/pm/index.html").contains("../../people/ada/index.html"));
    assert!(hrefs(o, "goals/grow/index.html").contains("../../roadmap/sso/index.html"));
    assert!(hrefs(o, "goals/grow/index.html").contains("../../metrics/active-users/index.html"));
    assert!(hrefs(o, "metrics/active-users/index.html").contains("../../goals/grow/index.html"));
    assert!(hrefs(o, "decisions/use-saml/index.html").contains("../../roadmap/sso/index.html"));
    assert!(hrefs(o, "index.html").contains("roadmap/sso/index.html"));
    assert!(hrefs(o, "pages/handbook/index.html").contains("../../index.html"));

    let page = std::fs::read_to_string(o.join("people/ada/index.html")).unwrap();
    assert!(
        main_of(&page).contains("<h1>Ada Lovelace</h1>"),
        "{}",
        main_of(&page)
    );
    assert!(
        main_of(&page).contains("<p>Ada's own page.</p>"),
        "{}",
        main_of(&page)
    );
    assert_eq!(check_site(o).problems, Vec::<String>::new());
}

#[test]
fn relative_links_in_bodies_are_rewritten_to_pages() {
    let f = Fixture::new();
    f.write(
        "roadmap/sso.md",
        "---\ntitle: Single sign-on\nstatus: planned\n---\n\
         [Ada](../people/ada.md), [Ada's background](../people/ada.md#background) and [web](https://example.com/a.md).\n",
    );
    f.write(
        "pages/guides/intro.md",
        "---\ntitle: Intro\n---\nAsk [Ada](../../people/ada.md) about [SSO](../../roadmap/sso.md).\n",
    );
    let out = tempfile::tempdir().unwrap();
    build_ok(&f, out.path(), &[]);
    let item = body_hrefs(out.path(), "roadmap/sso/index.html");
    assert_eq!(
        item,
        [
            "../../people/ada/index.html",
            "../../people/ada/index.html#background",
            "https://example.com/a.md",
        ]
    );
    let intro = body_hrefs(out.path(), "pages/guides/intro/index.html");
    assert_eq!(
        intro,
        [
            "../../../people/ada/index.html",
            "../../../roadmap/sso/index.html"
        ]
    );
    let home = std::fs::read_to_string(out.path().join("index.html")).unwrap();
    assert!(
        home.contains(r#"<a href="roadmap/sso/index.html""#),
        "vision body link"
    );
    assert_eq!(check_site(out.path()).problems, Vec::<String>::new());
}

#[test]
fn raw_script_in_a_body_is_removed_by_default() {
    let f = Fixture::new();
    let body = "---\ntitle: Handbook\n---\nHello <script>alert('pwned')</script> \
                <b onclick=\"steal()\">bold</b> <img src=x onerror=\"boom()\">\n";
    f.write("pages/handbook.md", body);
    let out = tempfile::tempdir().unwrap();
    build_ok(&f, out.path(), &[]);
    let page = std::fs::read_to_string(out.path().join("pages/handbook/index.html")).unwrap();
    let main = main_of(&page);
    assert!(main.contains("<b>bold</b>"), "{main}");
    let page = without_search_script(&page);
    for bad in [
        "<script", "pwned", "onclick", "steal()", "onerror", "boom()",
    ] {
        assert!(!page.contains(bad), "`{bad}` survived sanitising:\n{main}");
    }

    f.write(
        "charter.yaml",
        "title: Test strategy\nmarkdown:\n  unsafe_html: true\n",
    );
    build_ok(&f, out.path(), &[]);
    let page = std::fs::read_to_string(out.path().join("pages/handbook/index.html")).unwrap();
    assert!(
        page.contains("<script>alert('pwned')</script>"),
        "{}",
        main_of(&page)
    );
    assert!(page.contains(r#"<b onclick="steal()">bold</b>"#));
}

#[test]
fn field_values_are_html_escaped() {
    let f = Fixture::new();
    f.write(
        "people/ada.md",
        "---\nname: \"<script>alert(1)</script> Ada\"\nrole: pm\nlocation: \"<i>Paris</i>\"\n---\n",
    );
    let out = tempfile::tempdir().unwrap();
    build_ok(&f, out.path(), &[]);
    for page in [
        "people/ada/index.html",
        "people/index.html",
        "roadmap/sso/index.html",
    ] {
        let html = std::fs::read_to_string(out.path().join(page)).unwrap();
        assert!(
            !html.contains("<script>alert(1)"),
            "{page} has the raw name"
        );
        assert!(
            !html.contains("<i>Paris</i>"),
            "{page} has raw HTML from a field"
        );
    }
    let html = std::fs::read_to_string(out.path().join("people/ada/index.html")).unwrap();
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt; Ada"),
        "{}",
        main_of(&html)
    );
}

#[test]
fn a_template_in_the_sites_templates_folder_wins() {
    let f = Fixture::new();
    f.write(
        "templates/person.html",
        "<!doctype html><title>{{ page_title }}</title><p>OUR-OWN-PERSON-TEMPLATE {{ entity.title }}</p>\n",
    );
    let out = tempfile::tempdir().unwrap();
    build_ok(&f, out.path(), &[]);
    assert_eq!(
        std::fs::read_to_string(out.path().join("people/ada/index.html")).unwrap(),
        "<!doctype html><title>Ada Lovelace</title><p>OUR-OWN-PERSON-TEMPLATE Ada Lovelace</p>\n"
    );
    let item = std::fs::read_to_string(out.path().join("roadmap/sso/index.html")).unwrap();
    assert!(!item.contains("OUR-OWN-PERSON-TEMPLATE") && item.contains("Single sign-on"));
}

#[test]
fn a_broken_template_is_an_error_not_a_panic() {
    let f = Fixture::new();
    f.write("templates/person.html", "{% if %}\n");
    let out = tempfile::tempdir().unwrap();
    let result = f.run(&["build", "-o", out.path().to_str().unwrap()]);
    assert_eq!(result.code, 2, "{result:?}");
    assert!(result.stderr.contains("person.html"), "{}", result.stderr);
    assert!(!result.stderr.contains("panicked"), "{}", result.stderr);
    assert!(read_tree(out.path()).is_empty(), "nothing is written");
}

#[test]
fn static_files_are_copied_as_they_are() {
    let f = Fixture::new();
    let png: &[u8] = &[0x89, b'P', b'N', b'G', 0, 1, 2, 0xff];
    f.write("static/robots.txt", "User-agent: *\n");
    f.write("static/img/logo.png", png);
    f.write(
        "pages/handbook.md",
        "---\ntitle: Handbook\n---\n![our logo](../static/img/logo.png)\n",
    );
    let out = tempfile::tempdir().unwrap();
    build_ok(&f, out.path(), &[]);
    assert_eq!(
        std::fs::read(out.path().join("robots.txt")).unwrap(),
        b"User-agent: *\n"
    );
    assert_eq!(std::fs::read(out.path().join("img/logo.png")).unwrap(), png);
    let page = std::fs::read_to_string(out.path().join("pages/handbook/index.html")).unwrap();
    assert!(
        page.contains(r#"<img src="../../img/logo.png" alt="our logo">"#),
        "{}",
        main_of(&page)
    );
    assert_eq!(check_site(out.path()).problems, Vec::<String>::new());
}

#[test]
fn base_url_does_not_break_relative_links() {
    let f = Fixture::new();
    let plain = tempfile::tempdir().unwrap();
    let based = tempfile::tempdir().unwrap();
    build_ok(&f, plain.path(), &[]);
    build_ok(
        &f,
        based.path(),
        &["--base-url", "https://intranet.example.com/strategy/"],
    );
    // 404.html alone links from base_url, since servers show it at any depth.
    let problems: Vec<String> = check_site(based.path())
        .problems
        .into_iter()
        .filter(|p| !p.starts_with("404.html: remote asset https://intranet.example.com/strategy/"))
        .collect();
    assert_eq!(problems, Vec::<String>::new());
    assert!(
        hrefs(based.path(), "404.html")
            .contains("https://intranet.example.com/strategy/index.html")
    );
    for page in [
        "index.html",
        "roadmap/sso/index.html",
        "people/ada/index.html",
    ] {
        let internal = |dir: &Path| -> Vec<String> {
            hrefs(dir, page)
                .into_iter()
                .filter(|h| !h.contains("://"))
                .collect()
        };
        assert_eq!(internal(based.path()), internal(plain.path()), "{page}");
    }
    let item = hrefs(based.path(), "roadmap/sso/index.html");
    assert!(item.contains("../../style.css"), "{item:?}");
}

#[test]
fn source_links_include_the_strategy_folder_inside_the_repository() {
    let strategy = Fixture::new();
    strategy.write(
        "charter.yaml",
        "title: Test strategy\nrepo_url: https://git.example.com/acme/plans/\n",
    );
    let repo = Fixture::empty();
    for (rel, bytes) in read_tree(strategy.root()) {
        repo.write(&format!("strategy/{rel}"), bytes);
    }
    repo.git_init_commit();
    let out = tempfile::tempdir().unwrap();
    let built = repo.run(&["build", "strategy", "-o", out.path().to_str().unwrap()]);
    assert_eq!(built.code, 0, "{built:?}");
    assert!(
        hrefs(out.path(), "roadmap/sso/index.html")
            .contains("https://git.example.com/acme/plans/blob/HEAD/strategy/roadmap/sso.md"),
        "{:?}",
        hrefs(out.path(), "roadmap/sso/index.html")
    );
}

#[test]
fn only_build_has_a_verbose_flag() {
    let f = Fixture::new();
    let site = tempfile::tempdir().unwrap();
    let out = f.run(&["build", "-v", "-o", site.path().to_str().unwrap()]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stderr.contains("read and checked"), "{}", out.stderr);
    for command in ["init", "check", "diff", "serve", "export"] {
        let help = f.run(&[command, "--help"]);
        assert!(
            !help.stdout.contains("--verbose"),
            "{command}: {}",
            help.stdout
        );
    }
    let out = f.run(&["check", "-v"]);
    assert_eq!(out.code, 2, "{out:?}");
}
