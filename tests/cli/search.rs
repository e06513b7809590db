//! Site search: the index `build` writes covers every entity and section
//! and links to pages that exist, its words are folded and bounded, and
//! every page carries the search box that loads it.

use crate::support::{Fixture, read_tree};
use serde_json::Value as Json;
use std::collections::BTreeSet;
use std::path::Path;

/// The index of a built site, parsed.
fn index(out: &Path) -> Json {
    let text = std::fs::read_to_string(out.join("search-index.js")).expect("search-index.js");
    let json = text
        .strip_prefix("window.charterSearch = ")
        .and_then(|t| t.strip_suffix(";\n"))
        .unwrap_or_else(|| panic!("not a script assigning the index: {}", &text[..80]));
    serde_json::from_str(json).expect("the index is JSON")
}

/// The entries of an index, each with the address it links to.
fn entries(index: &Json) -> Vec<(String, &Json)> {
    let kinds = index["kinds"].as_array().expect("kinds");
    let entries = index["entries"].as_array().expect("entries");
    entries
        .iter()
        .map(|e| {
            let kind = &kinds[e[0].as_u64().expect("a kind") as usize];
            let url = kind["url"].as_str().expect("a pattern");
            (url.replace("{}", e[1].as_str().expect("an id")), e)
        })
        .collect()
}

fn built(f: &Fixture, args: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let mut all = vec!["build", "-o", out.path().to_str().unwrap()];
    all.extend(args);
    let run = f.run(&all);
    assert_eq!(run.code, 0, "{run:?}");
    out
}

#[test]
fn the_index_covers_every_entity_and_section_and_links_to_built_pages() {
    let f = Fixture::new();
    f.write(
        "pages/cafe.md",
        "---\ntitle: Café Zoë\n---\nÜber die Straße, [Ada](../people/ada.md) and `SSO`.\n",
    );
    f.git_init_commit();
    let out = built(&f, &["--base-url", "https://example.com/strategy/"]);
    let index = index(out.path());
    let entries = entries(&index);

    // Every page of the site but the 404 page, the change log's later
    // pages and the filtered boards, which nobody looks for by name.
    let filtered = |p: &str| p.starts_with("roadmap/_") && p != "roadmap/_priority/index.html";
    let pages: BTreeSet<String> = read_tree(out.path())
        .into_keys()
        .filter(|p| p.ends_with("index.html") && !p.starts_with("changes/page/") && !filtered(p))
        .collect();
    let linked: BTreeSet<String> = entries.iter().map(|(url, _)| url.clone()).collect();
    assert_eq!(
        linked, pages,
        "the index links to every page, and only to pages"
    );
    assert_eq!(entries.len(), linked.len(), "one entry per page");

    let entry = |url: &str| {
        entries
            .iter()
            .find(|(u, _)| u == url)
            .unwrap_or_else(|| panic!("no entry for {url}"))
            .1
    };
    let title_of = |i: &Json| index["entries"][i.as_u64().unwrap() as usize][2].clone();
    let sso = entry("roadmap/sso/index.html");
    assert_eq!(sso[2], "Single sign-on");
    assert_eq!(sso[3], "planned", "the status, for its chip");
    let meta: Vec<Json> = sso[4]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| if v.is_u64() { title_of(v) } else { v.clone() })
        .collect();
    assert_eq!(
        meta,
        ["now", "Ada Lovelace", "Core"],
        "horizon, owner, team"
    );
    assert_eq!(sso[5], "owned by ada", "the body's words, folded");
    let cafe = entry("pages/cafe/index.html");
    assert_eq!(cafe[2], "Café Zoë", "titles are shown as written");
    assert_eq!(cafe[5], "uber die strasse ada and sso");
    assert_eq!(entry("changes/index.html")[2], "Changes");
    assert_eq!(entry("index.html")[2], "Test vision");
    let raw = std::fs::read_to_string(out.path().join("search-index.js")).unwrap();
    assert!(
        !raw.contains("example.com"),
        "addresses are relative to the root"
    );
}

#[test]
fn long_bodies_keep_their_first_distinct_words() {
    let f = Fixture::new();
    let body: Vec<String> = (0..400).map(|n| format!("word{n} word{n}")).collect();
    f.write(
        "pages/long.md",
        format!("---\ntitle: Long\n---\n{}\n", body.join(" ")),
    );
    let out = built(&f, &[]);
    let index = index(out.path());
    let (_, long) = entries(&index)
        .into_iter()
        .find(|(url, _)| url == "pages/long/index.html")
        .expect("the long page");
    let words: Vec<&str> = long[5].as_str().unwrap().split(' ').collect();
    assert_eq!(words.len(), 256);
    assert_eq!((words[0], words[255]), ("word0", "word255"));
}

#[test]
fn every_page_has_the_search_box_that_loads_the_index() {
    let f = Fixture::new();
    let out = built(&f, &[]);
    let files = read_tree(out.path());
    assert!(files.contains_key("search.js") && files.contains_key("search-index.js"));
    let pages: Vec<(&String, &Vec<u8>)> =
        files.iter().filter(|(p, _)| p.ends_with(".html")).collect();
    assert!(pages.len() > 10, "{pages:?}");
    for (path, bytes) in pages {
        let html = String::from_utf8_lossy(bytes);
        // The 404 page links from `base_url`, since it is shown at any depth.
        let root = match path.as_str() {
            "404.html" => "/".to_string(),
            _ => "../".repeat(path.matches('/').count()),
        };
        for needle in [
            format!(r#"<script src="{root}search.js" defer></script>"#),
            format!(r#"<div class="site-search" data-root="{root}" hidden>"#),
            r#"role="combobox""#.to_string(),
            r#"aria-controls="site-search-results""#.to_string(),
            r#"<div id="site-search-results" role="listbox""#.to_string(),
        ] {
            assert!(html.contains(&needle), "{path} lacks {needle}");
        }
    }
}
