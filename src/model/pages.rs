//! Where every page of the site lives, by its path in the output folder:
//! what `render` renders, what `serve` answers, and what a static file of
//! the same path must not replace. Paths name the file
//! (`roadmap/sso/index.html`), so that links work opened from disk too.

use super::{Kind, Strategy};

/// What a page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    Home,
    NotFound,
    Index(Kind),
    Entity(Kind, String),
    /// A page of the change log, from 1.
    Changes(usize),
    Feed,
    /// Vision, pillars, goals, key results and roadmap items in one diagram.
    GoalMap,
}

/// Pages in a kind's folder besides its entities (`/goals/map/`): their
/// names cannot be ids of that kind.
pub const VIEWS: &[(Kind, &str, Page)] = &[(Kind::Goals, "map", Page::GoalMap)];

/// The page of a kind's folder that `id` would hide, if any.
pub fn view_named(kind: Kind, id: &str) -> Option<&'static Page> {
    VIEWS
        .iter()
        .find(|(k, name, _)| *k == kind && *name == id)
        .map(|(_, _, page)| page)
}

/// The Atom feed of the change log.
pub const FEED: &str = "changes/atom.xml";

/// The path of page `n` (from 1) of the change log.
pub fn changes_path(n: usize) -> String {
    if n <= 1 {
        "changes/index.html".to_string()
    } else {
        format!("changes/page/{n}/index.html")
    }
}

/// The pages of the change log, when history is shown: `None` gives the
/// one page that says there is none, and no feed.
pub type ChangePages = Option<usize>;

/// Every page, by its path.
pub fn all(strategy: &Strategy, changes: ChangePages) -> Vec<(String, Page)> {
    let mut pages = vec![
        ("index.html".to_string(), Page::Home),
        ("404.html".to_string(), Page::NotFound),
    ];
    for kind in Kind::ALL.into_iter().filter(|k| k.row().index.is_some()) {
        pages.push((format!("{}/index.html", kind.folder()), Page::Index(kind)));
    }
    for (kind, name, page) in VIEWS {
        pages.push((format!("{}/{name}/index.html", kind.folder()), page.clone()));
    }
    for e in strategy.iter().filter(|e| e.kind != Kind::Vision) {
        pages.push((e.url(), Page::Entity(e.kind, e.id.clone())));
    }
    for n in 1..=changes.unwrap_or(1) {
        pages.push((changes_path(n), Page::Changes(n)));
    }
    if changes.is_some() {
        pages.push((FEED.to_string(), Page::Feed));
    }
    pages
}

/// The page at `path`, if there is one.
pub fn at(strategy: &Strategy, changes: ChangePages, path: &str) -> Option<Page> {
    match path {
        "index.html" => return Some(Page::Home),
        "404.html" => return Some(Page::NotFound),
        "changes/index.html" => return Some(Page::Changes(1)),
        FEED if changes.is_some() => return Some(Page::Feed),
        _ => {}
    }
    if let Some(n) = path
        .strip_prefix("changes/page/")
        .and_then(|p| p.strip_suffix("/index.html"))
    {
        return n
            .parse()
            .ok()
            .filter(|n| (2..=changes.unwrap_or(1)).contains(n))
            .map(Page::Changes);
    }
    let dir = path.strip_suffix("/index.html")?;
    let (folder, id) = dir.split_once('/').unwrap_or((dir, ""));
    let kind = Kind::from_folder(folder)?;
    if id.is_empty() {
        return kind.row().index.is_some().then_some(Page::Index(kind));
    }
    if let Some(view) = view_named(kind, id) {
        return Some(view.clone());
    }
    strategy
        .get(kind, id)
        .map(|_| Page::Entity(kind, id.to_string()))
}
