//! Keeps `docs/templates.md` true, both ways where its tables allow: the
//! names each table gives (every page's, every entity page's, each
//! template's own) are exactly those the pages of the example site have,
//! built with history and without; every name deeper in a context is
//! named somewhere in the docs; the templates the docs list are those the
//! site renders, and the blocks they list those of `entity.html`.

use super::outputs::Make;
use super::{Shown, Site, theme};
use crate::model::Kind;
use crate::model::pages::Page;
use crate::schema::{Field, Ty};
use git2::{IndexAddOption, Repository, Signature, Time};
use serde_json::Value as Json;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::{Arc, OnceLock};

type Names = BTreeSet<String>;

fn manifest(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// What `docs/templates.md` says, table by table.
#[derive(Default)]
struct Docs {
    /// The names each section's tables of names give in their first
    /// column (`| `site` | …`), by the section's anchor.
    names: BTreeMap<String, Names>,
    /// The names each template's row gives its own context: those in its
    /// last column followed by `:` outside parentheses (`` `drawing`: ``),
    /// and those of the section it links to.
    templates: BTreeMap<String, Names>,
    /// The words inside the docs' code spans: `{title, url}` names `title`
    /// and `url`.
    words: Names,
}

impl Docs {
    fn read() -> Docs {
        let text = read(&manifest("docs/templates.md"));
        let mut docs = Docs::default();
        let spans = text.split('`').skip(1).step_by(2);
        let words = spans.flat_map(|s| s.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')));
        docs.words = words.filter(|w| !w.is_empty()).map(String::from).collect();
        let mut section = String::new();
        let mut links = Vec::new();
        for line in text.lines() {
            if let Some(heading) = line.strip_prefix("## ") {
                section = anchor(heading);
            }
            if !line.starts_with("| `") {
                continue;
            }
            let cells = cells(line);
            let first = code_spans(&cells[0]);
            match first.as_slice() {
                [name] if name.ends_with(".html") || name.ends_with(".xml") => {
                    let what = cells.last().map_or("", String::as_str);
                    docs.templates.insert(name.clone(), top_level(what));
                    if let Some((_, rest)) = what.split_once("](#") {
                        let target = rest.split(')').next().unwrap_or_default();
                        links.push((name.clone(), target.to_string()));
                    }
                }
                _ => docs.names.entry(section.clone()).or_default().extend(first),
            }
        }
        for (template, target) in links {
            let names = docs.names.get(&target).cloned().unwrap_or_default();
            docs.templates.entry(template).or_default().extend(names);
        }
        docs
    }

    fn section(&self, anchor: &str) -> &Names {
        self.names
            .get(anchor)
            .unwrap_or_else(|| panic!("docs/templates.md has no table of names under #{anchor}"))
    }
}

/// A heading's anchor, as GitHub makes it: `Context on every page` →
/// `context-on-every-page`.
fn anchor(heading: &str) -> String {
    let kept = heading
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-');
    kept.map(|c| {
        if c == ' ' {
            '-'
        } else {
            c.to_ascii_lowercase()
        }
    })
    .collect()
}

/// A table row's cells; a `|` inside a code span is text.
fn cells(line: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut code = false;
    for c in line.trim().trim_matches('|').chars() {
        match c {
            '`' => code = !code,
            '|' if !code => {
                cells.push(String::new());
                continue;
            }
            _ => {}
        }
        cells.last_mut().expect("one cell at least").push(c);
    }
    cells.iter().map(|c| c.trim().to_string()).collect()
}

fn code_spans(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(String::from)
        .collect()
}

/// The names a description gives at its top level: code spans of one
/// name followed by `:`, outside parentheses.
fn top_level(text: &str) -> Names {
    let mut names = Names::new();
    let mut depth = 0_usize;
    let mut parts = text.split('`').enumerate().peekable();
    while let Some((i, part)) = parts.next() {
        if i % 2 == 0 {
            for c in part.chars() {
                match c {
                    '(' => depth += 1,
                    ')' => depth = depth.saturating_sub(1),
                    _ => {}
                }
            }
            continue;
        }
        let name = !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase() || c == '_');
        let then = parts.peek().map_or("", |(_, next)| next);
        if name && depth == 0 && then.starts_with(':') {
            names.insert(part.to_string());
        }
    }
    names
}

/// A page as its template sees it.
struct Context {
    path: String,
    template: &'static str,
    entity: bool,
    /// What the page alone has.
    own: Json,
    /// All it sees: the names every page has, then its own.
    all: Json,
}

/// Every page of the example site, without history and with it.
fn contexts() -> &'static [Context] {
    static CONTEXTS: OnceLock<Vec<Context>> = OnceLock::new();
    CONTEXTS.get_or_init(|| {
        let repository = example_repository();
        let sites = [
            site(&manifest("example-site"), false),
            site(repository.path(), true),
        ];
        let mut contexts = Vec::new();
        for site in &sites {
            for (path, make) in site.registry().iter() {
                let Make::Page(page) = make else { continue };
                let (_, _, _, own) = site.context(path, page).expect("the page renders");
                let (template, all) = site.page_context(path, page).expect("the page renders");
                let entity = matches!(page, Page::Entity(..));
                let path = path.clone();
                contexts.push(Context {
                    path,
                    template,
                    entity,
                    own,
                    all,
                });
            }
        }
        contexts
    })
}

fn site(root: &Path, history: bool) -> Site {
    let (project, mut pending) = crate::pipeline::open(root.into(), None, history).expect("opens");
    assert_eq!(project.diagnostics.errors(), 0, "the example site checks");
    let (project, graph, theme) =
        pending.derive(project, |p| theme::load(&p.tree, &p.strategy.config));
    let theme = theme.expect("theme");
    let shown = Shown::of(pending.truncated);
    assert_eq!(shown == Shown::Whole, history, "history is as asked");
    let site = Site::with_graph(project, graph, Arc::new(theme), "/", shown);
    if let Some((read, _)) = pending.wait().expect("history reads") {
        site.attach_history(Arc::new(read));
    }
    site
}

/// The example site in a repository of its own, history on: its files
/// committed after an earlier version in which single sign-on was
/// planned, its first milestone not done, and the audit log not filed
/// under the platform.
fn example_repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temp folder");
    copy(&manifest("example-site"), dir.path());
    let charter = dir.path().join("charter.yaml");
    let settings = read(&charter).replace("history: { enabled: false }", "");
    std::fs::write(&charter, settings).expect("write charter.yaml");
    let repo = Repository::init(dir.path()).expect("git init");
    let sso = dir.path().join("roadmap/platform/identity/sso.md");
    let now = read(&sso);
    let before = now.replacen("status: in-progress", "status: planned", 1);
    std::fs::write(&sso, before.replacen("done: true", "done: false", 1)).expect("write");
    let (filed, unfiled) = ("roadmap/platform/audit-log.md", "roadmap/audit-log.md");
    let moved = |from: &str, to: &str| {
        std::fs::rename(dir.path().join(from), dir.path().join(to)).expect("move")
    };
    moved(filed, unfiled);
    commit(&repo, "Plan single sign-on", 1_798_416_000);
    std::fs::write(&sso, now).expect("write");
    moved(unfiled, filed);
    commit(&repo, "Start single sign-on", 1_798_502_400);
    dir
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("a folder");
    for entry in std::fs::read_dir(from).expect("a folder").flatten() {
        let target = to.join(entry.file_name());
        match entry.file_type().expect("a file type").is_dir() {
            true => copy(&entry.path(), &target),
            false => drop(std::fs::copy(entry.path(), target).expect("copy")),
        }
    }
}

fn commit(repo: &Repository, subject: &str, time: i64) {
    let mut index = repo.index().expect("index");
    index
        .add_all(["*"], IndexAddOption::DEFAULT, None)
        .expect("add");
    index.update_all(["*"], None).expect("update");
    index.write().expect("write the index");
    let tree = repo
        .find_tree(index.write_tree().expect("tree"))
        .expect("tree");
    let who = Signature::new("Ada", "ada@example.com", &Time::new(time, 0)).expect("signature");
    let parent = repo.head().ok().and_then(|h| h.peel_to_commit().ok());
    let parents: Vec<_> = parent.iter().collect();
    repo.commit(Some("HEAD"), &who, &who, subject, &tree, &parents)
        .expect("commit");
}

fn keys(value: &Json) -> Names {
    value
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, _)| k.clone())
        .collect()
}

/// The names in `value`'s objects, at any depth, except under the keys of
/// `skip` (free-form data, and records whose fields the schema documents).
fn names(value: &Json, skip: &dyn Fn(&str) -> bool, out: &mut Names) {
    match value {
        Json::Object(map) => {
            for (key, v) in map {
                if skip(key) {
                    continue;
                }
                out.insert(key.clone());
                names(v, skip, out);
            }
        }
        Json::Array(items) => items.iter().for_each(|v| names(v, skip, out)),
        _ => {}
    }
}

/// Every field name the schema declares, at any depth: documented as
/// "every field of its kind".
fn schema_fields() -> BTreeSet<&'static str> {
    fn walk(fields: &[Field], out: &mut BTreeSet<&'static str>) {
        for f in fields {
            out.insert(f.name);
            let mut ty = &f.ty;
            while let Ty::List(inner) = ty {
                ty = inner;
            }
            if let Ty::Record(inner) = ty {
                walk(inner, out);
            }
        }
    }
    let mut out = BTreeSet::new();
    for kind in Kind::ALL {
        walk(kind.fields(), &mut out);
    }
    out
}

#[test]
fn the_tables_name_what_each_page_has_and_nothing_else() {
    let docs = Docs::read();
    let every = docs.section("context-on-every-page");
    let mut per_template: BTreeMap<&str, Names> = BTreeMap::new();
    let mut every_entity_page: Option<Names> = None;
    for c in contexts() {
        let own = keys(&c.own);
        let shared: Names = keys(&c.all).difference(&own).cloned().collect();
        assert_eq!(&shared, every, "#context-on-every-page, for {}", c.path);
        if c.entity {
            let common = every_entity_page.get_or_insert_with(|| own.clone());
            common.retain(|name| own.contains(name));
        }
        per_template.entry(c.template).or_default().extend(own);
    }
    let entity = docs.section("entities");
    assert_eq!(every_entity_page.as_ref(), Some(entity), "#entities");
    let mut listed: Vec<&str> = docs.templates.keys().map(String::as_str).collect();
    for kind in Kind::FOLDERS {
        let row = kind.row();
        let of_kind = [Some(row.template), row.index.as_ref().map(|i| i.template)];
        for template in of_kind.into_iter().flatten() {
            assert!(per_template.contains_key(template), "no page of {template}");
        }
        per_template
            .entry(row.template)
            .and_modify(|own| own.retain(|n| !entity.contains(n)));
    }
    for (template, own) in &per_template {
        assert_eq!(
            docs.templates.get(*template),
            Some(own),
            "the row of {template}"
        );
    }
    listed.retain(|t| !per_template.contains_key(t));
    assert!(
        listed.is_empty(),
        "templates listed but not rendered: {listed:?}"
    );
}

#[test]
fn every_name_in_a_page_context_is_documented() {
    let docs = Docs::read();
    let fields = schema_fields();
    // `extra` is the user's own data; `backlinks` are named by kind and
    // field, which the docs give as `backlinks.<kind>.<field>`.
    let free = |key: &str| key == "extra" || key == "backlinks";
    let mut undocumented = BTreeMap::new();
    for c in contexts() {
        let mut seen = Names::new();
        names(&c.all, &free, &mut seen);
        for name in seen {
            if !docs.words.contains(&name) && !fields.contains(name.as_str()) {
                undocumented.entry(name).or_insert_with(|| c.path.clone());
            }
        }
    }
    assert!(
        undocumented.is_empty(),
        "docs/templates.md does not name (name: a page that has it): {undocumented:?}"
    );
}

/// The table of back-links has a row for every reference field of every
/// kind, and no other.
#[test]
fn every_back_link_is_documented() {
    let real: Names = Kind::ALL
        .into_iter()
        .flat_map(crate::schema::referrers)
        .map(|(from, field)| format!("backlinks.{}.{field}", from.folder()))
        .collect();
    assert_eq!(Docs::read().section("back-links"), &real);
}

/// The blocks `entity.html` adds to `base.html`'s, which a kind's
/// template fills in.
#[test]
fn the_docs_list_the_blocks_of_entity_html() {
    let blocks = |name: &str| -> Names {
        let text = read(&manifest(&format!("themes/default/templates/{name}")));
        let tags = text
            .split("{%")
            .map(|tag| tag.trim_start_matches('-').trim_start());
        let named = tags.filter_map(|tag| tag.strip_prefix("block "));
        named
            .map(|rest| rest.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')))
            .filter_map(|mut words| words.next().map(String::from))
            .collect()
    };
    let own: Names = blocks("entity.html")
        .difference(&blocks("base.html"))
        .cloned()
        .collect();
    assert_eq!(Docs::read().section("shared-page-templates"), &own);
}

/// A computed value of the same name would hide the field from templates.
#[test]
fn no_field_has_the_name_of_a_computed_value() {
    let computed = [
        "kind",
        "id",
        "url",
        "source",
        "source_url",
        "backlinks",
        "body_html",
        "history",
    ];
    for kind in Kind::ALL {
        for field in kind.fields() {
            assert!(!computed.contains(&field.name), "{kind:?}.{}", field.name);
        }
    }
}

#[test]
fn the_docs_tables_read_as_meant() {
    assert_eq!(anchor("The roadmap board"), "the-roadmap-board");
    assert_eq!(cells("| `a` | `x | y` | b |"), ["`a`", "`x | y`", "b"]);
    let names = top_level("`a`: one (`b`: two), `c` three; `d`: `{e}`: four");
    assert_eq!(names, Names::from(["a".into(), "d".into()]));
}

/// The README's layout of a strategy names every kind's folder.
#[test]
fn the_readme_shows_every_kinds_folder() {
    let readme = read(&manifest("README.md"));
    let layout = readme
        .split("## The files")
        .nth(1)
        .and_then(|s| s.split("```").nth(1))
        .expect("README.md has a layout under `## The files`");
    for kind in Kind::FOLDERS {
        let folder = format!("{}/", kind.folder());
        assert!(
            layout.contains(&folder),
            "README.md's layout lacks {folder}"
        );
    }
}
