//! From the checked model to the files of the site. A `Site` holds its
//! project, the graph worked out from it, and the registry of every output
//! (`outputs`), and makes any one of them on request (what `serve` does) or
//! all of them in parallel (what `build` does).

mod board;
mod cards;
mod changed_fields;
mod chrome;
pub mod context;
#[cfg(test)]
mod documented;
mod drawings;
mod entity_page;
mod goal_map;
pub mod history;
pub mod labels;
mod markdown;
pub mod outputs;
mod people;
mod queue;
pub mod recursion;
pub mod search;
pub mod theme;
mod views;
mod watchdog;

use crate::graph::Graph;
use crate::history::History;
use crate::model::pages::{self, Board, Dim, Page};
use crate::model::{Date, Kind, Strategy};
use crate::project::Project;
use crate::schema;
use anyhow::{Result, anyhow};
use context::{Facts, Summaries};
use markdown::Markdown;
use outputs::{Make, Outputs};
pub use queue::Queue;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde_json::{Value as Json, json};
use std::collections::BTreeSet;
use std::sync::{Arc, OnceLock};
use theme::Theme;

/// The site's files, by path relative to the output folder, sorted.
#[cfg(any(test, feature = "fuzz"))]
pub type SiteFiles = std::collections::BTreeMap<String, Vec<u8>>;

/// Which outputs to make: history is read while those without it are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pages {
    WithoutHistory,
    WithHistory,
    /// Both at once, when there is no history to wait for: a large index
    /// page (the roadmap board) then renders beside the others rather
    /// than last and alone.
    All,
}

/// The site of one checked strategy: its graph, worked out once, and
/// every output, made on request (what `serve` does) or all at once, in
/// parallel (what `build` does).
pub struct Site {
    project: Arc<Project>,
    theme: Arc<Theme>,
    graph: Arc<Graph>,
    summaries: Summaries,
    sparklines: FxHashMap<String, String>,
    /// The date of the commit built, where the drawings put today.
    today: Option<Date>,
    cards: cards::Cards,
    /// Set once history is attached; pages that show history wait for it.
    changes: OnceLock<history::Changes>,
    /// The registry, once history is attached or known to be absent.
    outputs: OnceLock<Outputs>,
    /// The outputs before history is attached: all but the change log's
    /// later pages and its feed.
    early: OnceLock<Outputs>,
    /// Whether history will be attached.
    shown: Shown,
    /// `site`, `nav` and `nav_pages`, the same on every page.
    shared: Json,
    chrome: chrome::Chrome,
    base_url: String,
}

/// Whether the pages show history, and whether it is whole: known before
/// history is read, so that the pages rendered meanwhile (the index pages,
/// the 404 page) name the feed and the truncation as the others do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    No,
    Whole,
    /// A shallow clone's.
    Truncated,
}

impl Shown {
    /// Given whether the history shown, if any, is truncated.
    pub fn of(truncated: Option<bool>) -> Shown {
        match truncated {
            None => Shown::No,
            Some(false) => Shown::Whole,
            Some(true) => Shown::Truncated,
        }
    }
}

impl Site {
    /// The site of `project`, whose graph is `graph` (worked out by the
    /// pipeline once per model; `serve` keeps from one edit to the next
    /// what the edit cannot change). Unless `shown` is `No`, the pages name
    /// the change log, and the history is attached (`attach_history`)
    /// before the pages that show it are made.
    pub fn with_graph(
        project: Arc<Project>,
        graph: Arc<Graph>,
        theme: Arc<Theme>,
        base_url: &str,
        shown: Shown,
    ) -> Site {
        let strategy = &project.strategy;
        let summaries = Summaries::new(strategy);
        let c = &strategy.config;
        let sparklines = drawings::sparklines(strategy, &graph.metrics);
        let facts = Facts {
            strategy,
            graph: &graph,
            summaries: &summaries,
            repo_prefix: &project.repo_prefix,
            sparklines: &sparklines,
        };
        let nav: Vec<Json> = Kind::ALL
            .iter()
            .filter_map(|kind| {
                let index = kind.row().index.as_ref()?;
                Some(json!({
                    "section": kind.folder(), "title": index.title,
                    "url": format!("{}/index.html", kind.folder()),
                }))
            })
            .collect();
        let shared = json!({
            "site": {
                "title": c.title, "description": c.description, "base_url": base_url,
                "repo_url": c.repo_url, "currency": c.currency,
                "statuses": c.statuses, "horizons": c.horizons, "extra": c.extra,
                "history": shown != Shown::No,
                "history_truncated": shown == Shown::Truncated,
            },
            "feed_url": (shown != Shown::No).then_some(pages::FEED),
            "nav": nav,
            "nav_pages": views::nav_pages(&facts),
        });
        let cards = cards::Cards::new(&facts);
        Site {
            theme,
            graph,
            summaries,
            sparklines,
            today: None,
            cards,
            changes: OnceLock::new(),
            outputs: OnceLock::new(),
            early: OnceLock::new(),
            shown,
            shared,
            chrome: chrome::Chrome::default(),
            base_url: base_url.to_string(),
            project,
        }
    }

    /// As `with_graph`, the graph worked out here: for tests.
    #[cfg(any(test, feature = "fuzz"))]
    pub fn new(project: Arc<Project>, theme: Arc<Theme>, base_url: &str, shown: Shown) -> Site {
        let graph = Arc::new(Graph::new(&project.strategy));
        Site::with_graph(project, graph, theme, base_url, shown)
    }

    /// The site with today at `today`, the date of the commit built (none
    /// outside git: no line is drawn, rather than one at the clock's date,
    /// so that a build stays the same whenever it runs).
    pub fn with_today(mut self, today: Option<Date>) -> Site {
        self.today = today;
        self
    }

    fn facts(&self) -> Facts<'_> {
        Facts {
            strategy: &self.project.strategy,
            graph: &self.graph,
            summaries: &self.summaries,
            repo_prefix: &self.project.repo_prefix,
            sparklines: &self.sparklines,
        }
    }

    /// How many pages the change log has, once history is attached.
    fn change_pages(&self) -> pages::ChangePages {
        self.changes.get().map(history::Changes::pages)
    }

    /// Every output as things stand: the change log's pages are known once
    /// history is attached. `registry` keeps the list once it is final.
    fn outputs(&self) -> Outputs {
        let facets = &self.graph.facets;
        let values = Dim::ALL.into_iter().flat_map(|dim| {
            let filtered = facets.of(dim).iter();
            let filtered = filtered.map(move |f| Board::Filtered(dim, f.slug.clone()));
            std::iter::once(Board::Values(dim)).chain(filtered)
        });
        Outputs::new(
            &self.project,
            self.theme.statics.keys(),
            self.change_pages(),
            std::iter::once(Board::Priority).chain(values),
        )
    }

    /// The outputs as they stand: all of them once history is attached or
    /// when there is none; before, all but those it will add.
    fn known(&self) -> &Outputs {
        match self.shown == Shown::No || self.changes.get().is_some() {
            true => self.registry(),
            false => self.early.get_or_init(|| self.outputs()),
        }
    }

    /// The paths of the outputs as they stand (see `known`).
    pub fn paths(&self) -> BTreeSet<String> {
        self.known().iter().map(|(path, _)| path.clone()).collect()
    }

    /// Every output, worked out at the first call: attach history before it.
    pub fn registry(&self) -> &Outputs {
        self.outputs.get_or_init(|| self.outputs())
    }

    /// What makes the output at `path` (`roadmap/sso/index.html`,
    /// `style.css`), if there is one.
    pub fn output(&self, path: &str) -> Option<&Make> {
        self.registry().get(path)
    }

    /// Shows `history` on the pages made from now on.
    pub fn attach_history(&self, history: Arc<History>) {
        let _ = self
            .changes
            .set(history::Changes::new(history, self.project.clone()));
    }

    /// Makes the outputs that show history, or those that do not (the
    /// static files among them), in parallel, handing each to `sink` as it
    /// is made: those without history are made while it is read. A page
    /// that renders for too long ends the process (`watchdog`).
    pub fn render_each(
        &self,
        which: Pages,
        sink: impl Fn(&str, Vec<u8>) -> Result<()> + Sync,
    ) -> Result<()> {
        let dog = watchdog::Watchdog::start();
        // Split by rayon, two threads start far apart: on two boards at
        // once, they would wait for each other's cards, and hold both.
        self.outputs_of(which)
            .into_par_iter()
            .try_for_each(|(path, make)| {
                let bytes = dog.watch(path, || self.make(path, make))?;
                sink(path, bytes)
            })
    }

    /// The outputs that show history, or those that do not, or all, in
    /// the order to make them: the index pages and the search index first,
    /// the largest, which would otherwise be left for last and made alone
    /// (the pages that show history wait for the last of those that do
    /// not).
    fn outputs_of(&self, which: Pages) -> Vec<(&String, &Make)> {
        let mut outputs: Vec<(&String, &Make)> = self
            .known()
            .iter()
            .filter(|(_, make)| match which {
                Pages::All => true,
                _ => shows_history(make) == (which == Pages::WithHistory),
            })
            .collect();
        outputs.sort_by_key(|(_, make)| {
            !matches!(
                make,
                Make::Page(Page::Index(_) | Page::Timeline(_)) | Make::SearchIndex
            )
        });
        outputs
    }

    /// The outputs `render_each` makes, all held (a build stages them).
    #[cfg(any(test, feature = "fuzz"))]
    pub fn render_pages(&self, which: Pages) -> Result<SiteFiles> {
        let files = std::sync::Mutex::new(SiteFiles::new());
        self.render_each(which, |path, bytes| {
            let mut files = files.lock().unwrap_or_else(|e| e.into_inner());
            files.insert(path.to_string(), bytes);
            Ok(())
        })?;
        Ok(files.into_inner().unwrap_or_else(|e| e.into_inner()))
    }

    /// The bytes of the output at `path`.
    pub fn make(&self, path: &str, make: &Make) -> Result<Vec<u8>> {
        match make {
            Make::Page(page) => self.render(path, page),
            Make::Theme => Ok(self.theme.statics.get(path).cloned().unwrap_or_default()),
            Make::SearchIndex => Ok(search::index(&self.project.strategy, &self.sections())),
            Make::Static => self
                .project
                .tree
                .read_all(&format!("static/{path}"))?
                .ok_or_else(|| anyhow!("static/{path} disappeared while building")),
        }
    }

    fn render(&self, path: &str, page: &Page) -> Result<Vec<u8>> {
        let (template, ctx) = self.page_context(path, page)?;
        let html = self
            .theme
            .render(template, ctx)
            .map_err(|e| anyhow!("cannot render {path}: {e}"))?;
        Ok(html.into_bytes())
    }

    /// The template of the page at `path`, and all it sees: the names
    /// every page has, then the page's own context.
    fn page_context(&self, path: &str, page: &Page) -> Result<(&'static str, Json)> {
        let (template, section, title, own) = self.context(path, page)?;
        let mut ctx = self.shared.clone();
        // A server shows 404.html at any depth, so it links from `base_url`.
        ctx["root"] = match page {
            Page::NotFound => json!(format!("{}/", self.base_url.trim_end_matches('/'))),
            _ => json!(root_of(path)),
        };
        ctx["section"] = json!(section);
        ctx["page_title"] = json!(title);
        ctx["template"] = json!(template.trim_end_matches(".html"));
        self.chrome.add(&self.theme, &self.shared, &mut ctx)?;
        if let (Json::Object(all), Json::Object(own)) = (&mut ctx, own) {
            all.extend(own);
        }
        Ok((template, ctx))
    }

    /// The text of the site's `style.css` (its own, else the theme's), for
    /// the 404 page to carry: a server shows that page at any depth, and it
    /// must also read well opened from disk, so no link to the stylesheet
    /// can work for both. `</` is escaped so the text cannot close `<style>`.
    fn stylesheet(&self) -> Result<String> {
        const PATH: &str = "style.css";
        let make = match self.project.statics.contains(PATH) {
            true => Make::Static,
            false => Make::Theme,
        };
        let css = self.make(PATH, &make)?;
        Ok(String::from_utf8_lossy(&css).replace("</", "<\\/"))
    }

    /// The pages that are neither entities' nor the home page, as search
    /// lists them: those the navigation names, and the views.
    fn sections(&self) -> Vec<search::Section> {
        let nav = self.shared["nav"].as_array().into_iter().flatten();
        let mut sections: Vec<search::Section> = nav
            .filter_map(|n| Some((n["title"].as_str()?.into(), n["url"].as_str()?.into())))
            .collect();
        sections.extend(pages::VIEWS.iter().map(|v| (v.title.into(), v.path())));
        sections.push(("Roadmap by priority".into(), Board::Priority.path()));
        if self.shared["site"]["history"] == json!(true) {
            sections.push(("Changes".into(), pages::changes_path(1)));
        }
        sections
    }

    fn markdown(&self) -> Markdown<'_> {
        Markdown {
            links: self.project.links(),
            unsafe_html: self.project.strategy.config.markdown.unsafe_html,
        }
    }

    fn boards(&self) -> board::Boards<'_> {
        board::Boards {
            facts: self.facts(),
            theme: &self.theme,
            cards: &self.cards,
        }
    }

    /// (template, section, title, the page's own context).
    fn context(
        &self,
        path: &str,
        page: &Page,
    ) -> Result<(&'static str, &'static str, String, Json)> {
        let strategy: &Strategy = &self.project.strategy;
        let facts = self.facts();
        Ok(match page {
            Page::Home => {
                let vision = strategy.vision.as_ref().map_or(Json::Null, |v| {
                    let mut j = facts.summary(Kind::Vision, &v.id).unwrap_or_default();
                    j["body_html"] = json!(self.markdown().render(&v.source, &v.body, ""));
                    j
                });
                let mut context = views::home(&facts, vision);
                if let Some(changes) = self.changes.get() {
                    context["changes"] = changes.log(0..history::ON_HOME);
                }
                ("index.html", "home", strategy.config.title.clone(), context)
            }
            Page::Changes(n) => {
                let context = match self.changes.get() {
                    Some(changes) => changes.page(*n),
                    None => history::Changes::no_page(),
                };
                ("changes.html", "changes", "Changes".to_string(), context)
            }
            Page::Feed => {
                let context = self
                    .changes
                    .get()
                    .map_or(Json::Null, |c| c.feed(&self.base_url));
                ("atom.xml", "changes", "Changes".to_string(), context)
            }
            Page::NotFound => {
                let context = json!({ "stylesheet": self.stylesheet()? });
                ("404.html", "", "Page not found".into(), context)
            }
            Page::Timeline(by) => {
                let context = drawings::timeline(&facts, *by, self.today, &root_of(path));
                let title = "Roadmap timeline".to_string();
                (
                    "roadmap_timeline.html",
                    Kind::Roadmap.folder(),
                    title,
                    context,
                )
            }
            Page::GoalMap => (
                "goal_map.html",
                Kind::Goals.folder(),
                "Goal map".to_string(),
                goal_map::context(&facts),
            ),
            Page::Board(board) => {
                let (template, title, context) = self.boards().page(board, &root_of(path))?;
                (template, Kind::Roadmap.folder(), title, context)
            }
            Page::Index(kind) => {
                let index = kind
                    .row()
                    .index
                    .as_ref()
                    .expect("index pages come from rows with one");
                let context = match index.view {
                    schema::View::Board => self.boards().board(None, &root_of(path))?,
                    view => views::index(&facts, *kind, view),
                };
                (
                    index.template,
                    kind.folder(),
                    index.title.to_string(),
                    context,
                )
            }
            Page::Entity(kind, id) => {
                let e = strategy
                    .get(*kind, id)
                    .expect("pages are listed from the model");
                (
                    kind.row().template,
                    kind.folder(),
                    e.title().to_string(),
                    self.entity_page(path, e),
                )
            }
        })
    }
}

/// Whether a page shows history: those that do not are rendered while it
/// is read.
fn shows_history(make: &Make) -> bool {
    match make {
        Make::Page(page) => !matches!(
            page,
            Page::NotFound | Page::Index(_) | Page::Timeline(_) | Page::GoalMap | Page::Board(_)
        ),
        Make::Static | Make::Theme | Make::SearchIndex => false,
    }
}

/// `roadmap/sso/index.html` → `../../`
fn root_of(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}
