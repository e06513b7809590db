//! The theme's shared templates: every entity page extends `entity.html`
//! and every index page `listing.html`, so that a site changes all of them
//! with one file of its own, or one kind's page alone while keeping the rest.

use crate::build::build_ok;
use crate::site::read_page as read;
use crate::support::Fixture;

/// One page of each template that extends `entity.html`, by kind.
const ENTITY_PAGES: &[(&str, &str)] = &[
    ("roadmap", "roadmap/sso/index.html"),
    ("goals", "goals/grow/index.html"),
    ("metrics", "metrics/active-users/index.html"),
    ("people", "people/ada/index.html"),
    ("teams", "teams/core/index.html"),
    ("roles", "roles/pm/index.html"),
    ("decisions", "decisions/use-saml/index.html"),
    ("pages", "pages/handbook/index.html"),
];

/// Every page of a template that extends `listing.html`.
const INDEX_PAGES: &[&str] = &[
    "roadmap/index.html",
    "goals/index.html",
    "goals/map/index.html",
    "metrics/index.html",
    "people/index.html",
    "teams/index.html",
    "roles/index.html",
    "decisions/index.html",
    "pages/index.html",
    "changes/index.html",
];

/// Builds the fixture with these templates of its own.
fn build(templates: &[(&str, &str)]) -> tempfile::TempDir {
    let f = Fixture::new();
    for (name, text) in templates {
        f.write(&format!("templates/{name}"), text);
    }
    let out = tempfile::tempdir().unwrap();
    build_ok(&f, out.path(), &[]);
    out
}

#[test]
fn a_sites_entity_html_shapes_every_entity_page() {
    let out = build(&[(
        "entity.html",
        "{% extends \"base.html\" %}\n\
         {% block content %}<p>OUR-ENTITY-PAGE {{ entity.kind }}</p>\
         <dl>{% block property_rows %}{% endblock property_rows %}</dl>{% endblock content %}\n",
    )]);
    for (kind, page) in ENTITY_PAGES {
        let html = read(out.path(), page);
        assert!(
            html.contains(&format!("<p>OUR-ENTITY-PAGE {kind}</p>")),
            "{page}:\n{html}"
        );
        assert!(!html.contains("entity-grid"), "{page}:\n{html}");
    }
    // The kind's own template still fills in the blocks the site kept.
    let item = read(out.path(), "roadmap/sso/index.html");
    assert!(
        item.contains("<dl>\n    <div class=\"prop\"><dt>Status</dt>"),
        "{item}"
    );
    for page in INDEX_PAGES.iter().chain(&["index.html"]) {
        assert!(
            !read(out.path(), page).contains("OUR-ENTITY-PAGE"),
            "{page}"
        );
    }
}

#[test]
fn a_sites_template_for_one_kind_fills_in_the_themes_entity_page() {
    let before = build(&[]);
    let out = build(&[(
        "roadmap_item.html",
        "{% extends \"entity.html\" %}\n\
         {% block kind_class %}roadmap{% endblock kind_class %}\n\
         {% block main %}\n      <p>OUR-OWN-MAIN</p>{% endblock main %}\n",
    )]);

    let item = read(out.path(), "roadmap/sso/index.html");
    for part in [
        "<article class=\"entity entity-roadmap\">",
        "<h1>Single sign-on</h1>",
        "<p>Owned by",
        "      <p>OUR-OWN-MAIN</p>\n",
        "<aside class=\"entity-side\"",
        "<footer class=\"entity-foot\">",
    ] {
        assert!(item.contains(part), "no {part:?} in:\n{item}");
    }
    // The rows are the theme's roadmap item's, which the site replaced.
    assert!(!item.contains("<dt>Horizon</dt>"), "{item}");
    for (_, page) in ENTITY_PAGES.iter().filter(|(kind, _)| *kind != "roadmap") {
        assert_eq!(
            read(out.path(), page),
            read(before.path(), page),
            "{page} changed"
        );
    }
}

#[test]
fn a_sites_listing_html_shapes_every_index_page() {
    let out = build(&[(
        "listing.html",
        "{% extends \"base.html\" %}\n\
         {% block content %}<h1>OUR-LISTING {% block heading %}{{ page_title }}{% endblock heading %}</h1>\
         {% block listing %}{% endblock listing %}{% endblock content %}\n",
    )]);
    for page in INDEX_PAGES {
        let html = read(out.path(), page);
        assert!(html.contains("<h1>OUR-LISTING "), "{page}:\n{html}");
        assert!(!html.contains("class=\"page-head\""), "{page}:\n{html}");
    }
    let goals = read(out.path(), "goals/index.html");
    assert!(
        goals.contains("<h1>OUR-LISTING Goal tree</h1>\n<p class=\"map-links\">"),
        "{goals}"
    );
    for (_, page) in ENTITY_PAGES {
        assert!(!read(out.path(), page).contains("OUR-LISTING"), "{page}");
    }
}

/// The header and footer are rendered once per folder depth and section:
/// pages at the same depth in different sections each mark their own
/// section, and every page links back to the root from where it is.
#[test]
fn each_page_gets_the_header_of_its_own_depth_and_section() {
    let out = build(&[]);
    let current = |page: &str| {
        let html = read(out.path(), page);
        let nav = &html[html.find("<nav class=\"site-nav\"").expect(page)..];
        let nav = &nav[..nav.find("</nav>").expect(page)];
        let marked: Vec<&str> = nav
            .split("<li>")
            .filter(|li| li.contains("aria-current=\"page\""))
            .collect();
        assert_eq!(marked.len(), 1, "{page}: {nav}");
        marked[0].to_string()
    };
    for (kind, page) in ENTITY_PAGES {
        let marked = current(page);
        assert!(
            marked.contains(&format!("href=\"../../{kind}/index.html\"")),
            "{page} marks {marked}"
        );
    }
    assert!(current("roadmap/index.html").contains("href=\"../roadmap/index.html\""));
    assert!(current("index.html").contains("href=\"index.html\""));
}

#[test]
fn a_sites_own_header_and_footer_are_used_on_every_page() {
    let out = build(&[
        (
            "partials/header.html",
            "<header>OUR-HEADER {{ section }} {{ root }}</header>\n",
        ),
        ("partials/footer.html", "<footer>OUR-FOOTER</footer>\n"),
    ]);
    for (kind, page) in ENTITY_PAGES {
        let html = read(out.path(), page);
        assert!(
            html.contains(&format!("OUR-HEADER {kind} ../../")),
            "{page}:\n{html}"
        );
        assert!(
            html.contains("OUR-FOOTER") && !html.contains("site-footer"),
            "{page}"
        );
    }
    let home = read(out.path(), "index.html");
    assert!(home.contains("OUR-HEADER home </header>"), "{home}");
}
