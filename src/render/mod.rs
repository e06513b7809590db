//! From the checked model to the pages of the site. A `Site` knows every
//! page by its path and renders any one of them on request (what `serve`
//! does) or all of them in parallel (what `build` does).

pub mod context;
pub mod history;
mod markdown;
pub mod recursion;
pub mod theme;
mod views;
mod watchdog;

use crate::history::History;
use crate::model::pages::{self, Page};
use crate::model::{Kind, Strategy};
use crate::project::Project;
use anyhow::{Result, anyhow};
use context::Summaries;
use markdown::Markdown;
use rayon::prelude::*;
use serde_json::{Value as Json, json};
use std::collections::BTreeMap;
use std::sync::OnceLock;
use theme::Theme;

/// The site's files, by path relative to the output folder, sorted.
pub type SiteFiles = BTreeMap<String, Vec<u8>>;

/// Which pages to render: history is read while those without it are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pages {
    WithoutHistory,
    WithHistory,
}

pub struct Site<'a> {
    project: &'a Project,
    theme: &'a Theme,
    md: Markdown<'a>,
    summaries: Summaries<'a>,
    /// Set once history is attached; pages that show history wait for it.
    changes: OnceLock<history::Changes<'a>>,
    /// `site` and `nav_pages`, the same on every page.
    shared: Json,
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

impl<'a> Site<'a> {
    /// A site of `project`. Unless `shown` is `No`, the pages name the
    /// change log, and the history is attached (`attach_history`) before
    /// the pages that show it are rendered.
    pub fn new(project: &'a Project, theme: &'a Theme, base_url: &str, shown: Shown) -> Site<'a> {
        let strategy = &project.strategy;
        let c = &strategy.config;
        let summaries = Summaries::new(strategy, &project.repo_prefix);
        let shared = json!({
            "site": {
                "title": c.title, "description": c.description, "base_url": base_url,
                "repo_url": c.repo_url, "currency": c.currency,
                "statuses": c.statuses, "horizons": c.horizons, "extra": c.extra,
                "history": shown != Shown::No,
                "history_truncated": shown == Shown::Truncated,
            },
            "feed_url": (shown != Shown::No).then_some(pages::FEED),
            "nav_pages": views::nav_pages(strategy, &summaries),
        });
        Site {
            project,
            theme,
            md: Markdown {
                links: project.links(),
                unsafe_html: c.unsafe_html,
            },
            summaries,
            changes: OnceLock::new(),
            shared,
            base_url: base_url.to_string(),
        }
    }

    /// How many pages the change log has, once history is attached.
    fn change_pages(&self) -> pages::ChangePages {
        self.changes.get().map(history::Changes::pages)
    }

    /// Renders the page at `path` (`roadmap/sso/index.html`), if there is one.
    pub fn page(&self, path: &str) -> Option<Result<Vec<u8>>> {
        let page = pages::at(&self.project.strategy, self.change_pages(), path)?;
        Some(self.render(path, &page))
    }

    /// Shows `history` on the pages rendered from now on.
    pub fn attach_history(&self, history: &'a History) {
        let _ = self
            .changes
            .set(history::Changes::new(history, self.project));
    }

    /// The pages of one kind (with the static files, for the pages without
    /// history): those without history can be rendered while it is read.
    /// A page that renders for too long ends the process (`watchdog`).
    pub fn render_pages(&self, which: Pages) -> Result<SiteFiles> {
        let dog = watchdog::Watchdog::start();
        let rendered: Result<Vec<(String, Vec<u8>)>> =
            pages::all(&self.project.strategy, self.change_pages())
                .into_par_iter()
                .filter(|(_, page)| shows_history(page) == (which == Pages::WithHistory))
                .map(|(path, page)| {
                    let html = dog.watch(&path, || self.render(&path, &page))?;
                    Ok((path, html))
                })
                .collect();
        if which == Pages::WithHistory {
            return Ok(rendered?.into_iter().collect());
        }
        let mut files: SiteFiles = self.theme.statics.clone();
        for rel in &self.project.statics {
            let bytes = self
                .project
                .tree
                .read_all(&format!("static/{rel}"))?
                .ok_or_else(|| anyhow!("static/{rel} disappeared while building"))?;
            files.insert(rel.clone(), bytes);
        }
        files.extend(rendered?);
        Ok(files)
    }

    fn render(&self, path: &str, page: &Page) -> Result<Vec<u8>> {
        let (template, section, title, own) = self.context(path, page);
        let mut ctx = self.shared.clone();
        // A server shows 404.html at any depth, so it links from `base_url`.
        ctx["root"] = match page {
            Page::NotFound => json!(format!("{}/", self.base_url.trim_end_matches('/'))),
            _ => json!(root_of(path)),
        };
        ctx["section"] = json!(section);
        ctx["page_title"] = json!(title);
        if let (Json::Object(all), Json::Object(own)) = (&mut ctx, own) {
            all.extend(own);
        }
        let context = tera::Context::from_value(ctx).map_err(|e| anyhow!(theme::tera_error(&e)))?;
        let html = self
            .theme
            .tera
            .render(template, &context)
            .map_err(|e| anyhow!("cannot render {path}: {}", theme::tera_error(&e)))?;
        Ok(html.into_bytes())
    }

    /// (template, section, title, the page's own context).
    fn context(&self, path: &str, page: &Page) -> (&'static str, &'static str, String, Json) {
        let strategy: &Strategy = &self.project.strategy;
        let s = &self.summaries;
        let object = |k: &str, v: Json| Json::Object([(k.to_string(), v)].into_iter().collect());
        match page {
            Page::Home => {
                let vision = strategy.vision.as_ref().map_or(Json::Null, |v| {
                    let mut j = s
                        .get(&(Kind::Vision, v.id.clone()))
                        .cloned()
                        .unwrap_or_default();
                    j["body_html"] = json!(self.md.render(&v.source, &v.body, ""));
                    j
                });
                let mut context = views::home(strategy, s, vision);
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
            Page::NotFound => ("404.html", "", "Page not found".into(), json!({})),
            Page::Index(kind) => {
                let (template, title, context) = match kind {
                    Kind::Roadmap => (
                        "roadmap_board.html",
                        "Roadmap",
                        views::roadmap_board(strategy, s),
                    ),
                    Kind::Goals => ("goals_index.html", "Goals", views::goals_index(strategy, s)),
                    Kind::People => (
                        "people_index.html",
                        "People",
                        views::people_index(strategy, s),
                    ),
                    Kind::Teams => ("teams_index.html", "Teams", views::teams_index(strategy, s)),
                    Kind::Roles => (
                        "roles_index.html",
                        "Roles",
                        object("roles", views::by_title(strategy, s, *kind)),
                    ),
                    Kind::Metrics => (
                        "metrics_index.html",
                        "Metrics",
                        object("metrics", views::by_title(strategy, s, *kind)),
                    ),
                    Kind::Decisions => (
                        "decisions_index.html",
                        "Decisions",
                        views::decisions_index(strategy, s),
                    ),
                    Kind::Pages | Kind::Vision => {
                        ("pages_index.html", "Pages", views::pages_index(strategy, s))
                    }
                };
                (template, kind.folder(), title.to_string(), context)
            }
            Page::Entity(kind, id) => {
                let e = strategy
                    .get(*kind, id)
                    .expect("pages are listed from the model");
                let body = self.md.render(&e.source, &e.body, &root_of(path));
                let summary = s.get(&(*kind, id.clone())).cloned().unwrap_or_default();
                let mut entity = context::entity(summary, body);
                if let Some(changes) = self.changes.get() {
                    entity["history"] = changes.entity(e);
                }
                let mut context = object("entity", entity);
                if *kind == Kind::Pages {
                    context["children"] = views::page_children(strategy, s, id);
                    context["parent"] = views::page_parent(strategy, id);
                }
                (
                    template_of(*kind),
                    kind.folder(),
                    e.title().to_string(),
                    context,
                )
            }
        }
    }
}

/// Whether a page shows history: those that do not are rendered while it
/// is read.
fn shows_history(page: &Page) -> bool {
    !matches!(page, Page::NotFound | Page::Index(_))
}

/// `roadmap/sso/index.html` → `../../`
fn root_of(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

fn template_of(kind: Kind) -> &'static str {
    match kind {
        Kind::Vision => "index.html",
        Kind::Roadmap => "roadmap_item.html",
        Kind::Goals => "goal.html",
        Kind::Metrics => "metric.html",
        Kind::People => "person.html",
        Kind::Teams => "team.html",
        Kind::Roles => "role.html",
        Kind::Decisions => "decision.html",
        Kind::Pages => "page.html",
    }
}
