//! From the checked model to the files of the site: every page's context,
//! rendered through the theme's templates in parallel.

pub mod context;
mod markdown;
pub mod theme;
mod views;

use crate::model::{Kind, Strategy};
use crate::project::Project;
use anyhow::{Result, anyhow};
use context::Backlinks;
use markdown::Markdown;
use rayon::prelude::*;
use serde_json::{Value as Json, json};
use std::collections::BTreeMap;
use theme::Theme;
use views::Summaries;

/// One page to render: where, with which template, and its own context.
struct Page {
    path: String,
    template: &'static str,
    section: &'static str,
    title: String,
    context: Json,
}

/// The site's files, by path relative to the output folder, sorted.
pub type SiteFiles = BTreeMap<String, Vec<u8>>;

pub fn render(project: &Project, base_url: &str, theme: &Theme) -> Result<SiteFiles> {
    let strategy = &project.strategy;
    let links = project.links();
    let md = Markdown {
        links: &links,
        unsafe_html: strategy.config.unsafe_html,
    };
    let backlinks = Backlinks::new(strategy);
    let summaries: Summaries = strategy
        .iter()
        .collect::<Vec<_>>()
        .par_iter()
        .map(|e| {
            (
                (e.kind, e.id.clone()),
                context::summary(strategy, &backlinks, e, &project.repo_prefix),
            )
        })
        .collect();

    let mut pages = index_pages(strategy, &summaries, &md);
    pages.par_extend(
        strategy
            .iter()
            .filter(|e| e.kind != Kind::Vision)
            .collect::<Vec<_>>()
            .par_iter()
            .map(|e| {
                let url = e.url();
                let body = md.render(&e.source, &e.body, &root_of(&url));
                let summary = &summaries[&(e.kind, e.id.clone())];
                let mut context = json!({ "entity": context::entity(summary, body) });
                if e.kind == Kind::Pages {
                    context["children"] = views::page_children(strategy, &summaries, &e.id);
                    context["parent"] = views::page_parent(strategy, &e.id);
                }
                Page {
                    path: url,
                    template: template_of(e.kind),
                    section: e.kind.folder(),
                    title: e.title().to_string(),
                    context,
                }
            }),
    );

    let c = &strategy.config;
    let shared = json!({
        "site": {
            "title": c.title, "description": c.description, "base_url": base_url,
            "repo_url": c.repo_url, "currency": c.currency,
            "statuses": c.statuses, "horizons": c.horizons, "extra": c.extra,
        },
        "nav_pages": views::nav_pages(strategy, &summaries),
    });
    let rendered: Result<Vec<(String, Vec<u8>)>> = pages
        .into_par_iter()
        .map(|page| {
            let mut ctx = shared.clone();
            // A server shows 404.html at any depth, so it links from `base_url`.
            ctx["root"] = match page.path.as_str() {
                "404.html" => json!(format!("{}/", base_url.trim_end_matches('/'))),
                path => json!(root_of(path)),
            };
            ctx["section"] = json!(page.section);
            ctx["page_title"] = json!(page.title);
            if let (Json::Object(all), Json::Object(own)) = (&mut ctx, page.context) {
                all.extend(own);
            }
            let context =
                tera::Context::from_value(ctx).map_err(|e| anyhow!(theme::tera_error(&e)))?;
            let html = theme
                .tera
                .render(page.template, &context)
                .map_err(|e| anyhow!("cannot render {}: {}", page.path, theme::tera_error(&e)))?;
            Ok((page.path, html.into_bytes()))
        })
        .collect();

    let mut files: SiteFiles = theme.statics.clone();
    for rel in &project.statics {
        let path = project.root.join("static").join(rel);
        let bytes =
            std::fs::read(&path).map_err(|e| anyhow!("cannot read {}: {e}", path.display()))?;
        files.insert(rel.clone(), bytes);
    }
    files.extend(rendered?);
    Ok(files)
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

fn index_pages(strategy: &Strategy, s: &Summaries, md: &Markdown) -> Vec<Page> {
    let vision = strategy.vision.as_ref().map_or(Json::Null, |v| {
        let mut j = s[&(Kind::Vision, v.id.clone())].clone();
        j["body_html"] = json!(md.render(&v.source, &v.body, ""));
        j
    });
    let index = |kind: Kind, template: &'static str, title: &str, context: Json| Page {
        path: format!("{}/index.html", kind.folder()),
        template,
        section: kind.folder(),
        title: title.to_string(),
        context,
    };
    vec![
        Page {
            path: "index.html".into(),
            template: "index.html",
            section: "home",
            title: strategy.config.title.clone(),
            context: views::home(strategy, s, vision),
        },
        Page {
            path: "404.html".into(),
            template: "404.html",
            section: "",
            title: "Page not found".into(),
            context: json!({}),
        },
        index(
            Kind::Roadmap,
            "roadmap_board.html",
            "Roadmap",
            views::roadmap_board(strategy, s),
        ),
        index(
            Kind::Goals,
            "goals_index.html",
            "Goals",
            views::goals_index(strategy, s),
        ),
        index(
            Kind::People,
            "people_index.html",
            "People",
            views::people_index(strategy, s),
        ),
        index(
            Kind::Teams,
            "teams_index.html",
            "Teams",
            views::teams_index(strategy, s),
        ),
        index(
            Kind::Roles,
            "roles_index.html",
            "Roles",
            json!({ "roles": views::by_title(strategy, s, Kind::Roles) }),
        ),
        index(
            Kind::Metrics,
            "metrics_index.html",
            "Metrics",
            json!({ "metrics": views::by_title(strategy, s, Kind::Metrics) }),
        ),
        index(
            Kind::Decisions,
            "decisions_index.html",
            "Decisions",
            views::decisions_index(strategy, s),
        ),
        index(
            Kind::Pages,
            "pages_index.html",
            "Pages",
            views::pages_index(strategy, s),
        ),
    ]
}
