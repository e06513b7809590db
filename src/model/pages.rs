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
    /// The roadmap on a time axis.
    Timeline(Grouping),
    /// Vision, pillars, goals, key results and roadmap items in one diagram.
    GoalMap,
    /// A view of the roadmap beside the board (see `Board`).
    Board(Board),
}

/// How the roadmap timeline groups its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Grouping {
    Team,
    /// By each item's first goal: an item is drawn once, so that every
    /// dependency arrow has one start and one end.
    Goal,
}

impl Grouping {
    pub const ALL: [Grouping; 2] = [Grouping::Team, Grouping::Goal];

    /// Where the timeline grouped this way is.
    pub fn path(self) -> String {
        view_path(&Page::Timeline(self)).expect("every timeline is a view")
    }
}

/// A page in a kind's folder besides its entities.
pub struct View {
    pub kind: Kind,
    /// Its path under the folder (`timeline/goals`).
    pub name: &'static str,
    /// What it is called where it is listed (search).
    pub title: &'static str,
    pub page: Page,
}

/// The views, by their path under their kind's folder (`/goals/map/`,
/// `/roadmap/timeline/goals/`): the first part of such a path cannot be
/// the id of an entity of that kind (E0106).
pub const VIEWS: &[View] = &[
    View {
        kind: Kind::Roadmap,
        name: "timeline",
        title: "Roadmap timeline by team",
        page: Page::Timeline(Grouping::Team),
    },
    View {
        kind: Kind::Roadmap,
        name: "timeline/goals",
        title: "Roadmap timeline by goal",
        page: Page::Timeline(Grouping::Goal),
    },
    View {
        kind: Kind::Goals,
        name: "map",
        title: "Goal map",
        page: Page::GoalMap,
    },
];

impl View {
    pub fn path(&self) -> String {
        format!("{}/{}/index.html", self.kind.folder(), self.name)
    }
}

/// Whether `id` names a view of `kind`'s folder, so that no entity of that
/// kind may have it.
pub fn is_view_name(kind: Kind, id: &str) -> bool {
    VIEWS
        .iter()
        .any(|v| v.kind == kind && v.name.split('/').next() == Some(id))
}

/// The view at `rest` (`timeline/goals`) of `kind`'s folder, if any.
fn view_at(kind: Kind, rest: &str) -> Option<&'static Page> {
    VIEWS
        .iter()
        .find(|v| v.kind == kind && v.name == rest)
        .map(|v| &v.page)
}

/// The path of view `page`, if it is one.
fn view_path(page: &Page) -> Option<String> {
    VIEWS.iter().find(|v| v.page == *page).map(View::path)
}

/// The roadmap's views beside its board. They live under `roadmap/_…/`:
/// an item id never starts with `_`, so no item's page can take their
/// paths, whatever the items are called.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Board {
    /// Open items by RICE, with the parts of the score.
    Priority,
    /// The values of a dimension, each with its count.
    Values(Dim),
    /// The board of the items with one value of a dimension, by its slug.
    Filtered(Dim, String),
}

/// What the board filters by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dim {
    Team,
    Owner,
    Status,
    Goal,
    Tag,
}

impl Dim {
    pub const ALL: [Dim; 5] = [Dim::Team, Dim::Owner, Dim::Status, Dim::Goal, Dim::Tag];

    /// Its folder under `roadmap/`.
    pub fn folder(self) -> &'static str {
        match self {
            Dim::Team => "_team",
            Dim::Owner => "_owner",
            Dim::Status => "_status",
            Dim::Goal => "_goal",
            Dim::Tag => "_tag",
        }
    }

    /// Its name in templates and in the filter bar's data.
    pub fn name(self) -> &'static str {
        &self.folder()[1..]
    }

    /// The roadmap item's field that holds it.
    pub fn field(self) -> &'static str {
        match self {
            Dim::Team => "team",
            Dim::Owner => "owner",
            Dim::Status => "status",
            Dim::Goal => "goals",
            Dim::Tag => "tags",
        }
    }

    fn from_folder(folder: &str) -> Option<Dim> {
        Dim::ALL.into_iter().find(|d| d.folder() == folder)
    }
}

impl Board {
    pub fn path(&self) -> String {
        match self {
            Board::Priority => "roadmap/_priority/index.html".to_string(),
            Board::Values(dim) => format!("roadmap/{}/index.html", dim.folder()),
            Board::Filtered(dim, slug) => format!("roadmap/{}/{slug}/index.html", dim.folder()),
        }
    }

    /// The view at `path` under `roadmap/`, whether or not its value
    /// exists: the `_` folders belong to the site.
    fn at(path: &str) -> Option<Board> {
        let (folder, rest) = path.split_once('/').unwrap_or((path, ""));
        if folder == "_priority" {
            return rest.is_empty().then_some(Board::Priority);
        }
        let dim = Dim::from_folder(folder)?;
        match rest {
            "" => Some(Board::Values(dim)),
            slug if !slug.contains('/') => Some(Board::Filtered(dim, slug.to_string())),
            _ => None,
        }
    }
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

/// Every page, by its path; `boards` are the roadmap's views beside its
/// board, which depend on the values the items take.
pub fn all(
    strategy: &Strategy,
    changes: ChangePages,
    boards: impl Iterator<Item = Board>,
) -> Vec<(String, Page)> {
    let mut pages = vec![
        ("index.html".to_string(), Page::Home),
        ("404.html".to_string(), Page::NotFound),
    ];
    for kind in Kind::ALL.into_iter().filter(|k| k.row().index.is_some()) {
        pages.push((format!("{}/index.html", kind.folder()), Page::Index(kind)));
    }
    pages.extend(VIEWS.iter().map(|v| (v.path(), v.page.clone())));
    for e in strategy.iter().filter(|e| e.kind != Kind::Vision) {
        pages.push((e.url(), Page::Entity(e.kind, e.id.clone())));
    }
    for n in 1..=changes.unwrap_or(1) {
        pages.push((changes_path(n), Page::Changes(n)));
    }
    if changes.is_some() {
        pages.push((FEED.to_string(), Page::Feed));
    }
    pages.extend(boards.map(|b| (b.path(), Page::Board(b))));
    pages
}

/// The page at `path`, if there is one. Every path of a roadmap view is
/// one, whether or not a value of that name exists.
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
    if kind == Kind::Roadmap && id.starts_with('_') {
        return Board::at(id).map(Page::Board);
    }
    if id.is_empty() {
        return kind.row().index.is_some().then_some(Page::Index(kind));
    }
    if let Some(view) = view_at(kind, id) {
        return Some(view.clone());
    }
    strategy
        .get(kind, id)
        .map(|_| Page::Entity(kind, id.to_string()))
}
