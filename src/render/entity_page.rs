//! The context of an entity's own page: its summary with its body and
//! history, what its kind's page draws or lists, the back-links its
//! template does not show its own way (which the kinds' rows say), and the
//! few values its template would otherwise have to work out.

use super::{Site, context, drawings, people, root_of, views};
use crate::graph::{Series, Standing};
use crate::model::{Entity, Kind};
use crate::schema;
use serde_json::{Value as Json, json};

impl Site {
    /// The own context of the page of `e`, at `path`.
    pub(super) fn entity_page(&self, path: &str, e: &Entity) -> Json {
        let (kind, id) = (e.kind, e.id.as_str());
        let facts = self.facts();
        let root = root_of(path);
        let body = self.markdown().render(&e.source, &e.body, &root);
        let summary = facts.summary(kind, id).unwrap_or_default();
        let cards = people::cards(&facts, e);
        let cited_by = cited_by(kind, &summary["backlinks"]);
        let mut entity = context::entity(summary, body);
        if let Some(changes) = self.changes.get() {
            entity["history"] = changes.entity(e);
        }
        let mut context = drawings::entity(&facts, e, self.today, &root)
            .filter(Json::is_object)
            .unwrap_or_else(|| json!({}));
        for (key, people) in cards {
            context[key] = people;
        }
        if kind.row().nested() {
            context["children"] = views::page_children(&facts, kind, id);
            context["parent"] = views::page_parent(&facts, kind, id);
        }
        match kind {
            Kind::Teams => {
                let lead = e.fields.str("lead");
                let mut members = facts.graph.backlinks.ids(e, Kind::People, "team");
                context["lead_is_member"] = json!(members.any(|m| Some(m) == lead));
            }
            Kind::Metrics => {
                let graph = &facts.graph;
                context["values_newest"] =
                    newest_first(graph.metrics.get(id), graph.standings.get(id));
            }
            _ => {}
        }
        context["kind_class"] = json!(kind.row().class);
        context["cited_by"] = cited_by;
        context["entity"] = entity;
        context
    }
}

/// The back-links of an entity of `kind` that its page does not show its
/// own way, those there are, by referring kind in row order, each listed
/// as that kind's row says: `[{id, title, count, links}]`.
fn cited_by(kind: Kind, backlinks: &Json) -> Json {
    let own = kind.row().own_backlinks;
    let cited = schema::referrers(kind)
        .iter()
        .filter(|r| !own.contains(r))
        .filter_map(|&(from, field)| {
            let links = backlinks[from.folder()][field].as_array()?;
            let row = from.row();
            (!links.is_empty()).then(|| {
                json!({
                    "id": row.folder, "title": row.cited.title,
                    "count": row.cited.count, "links": links,
                })
            })
        });
    Json::Array(cited.collect())
}

/// A metric's values newest first, each `{date, value, change}`, with its
/// change from the value before (`null` for the first).
fn newest_first(series: Option<&Series>, standing: Option<&Standing>) -> Json {
    let values = series.map_or(&[][..], |s| &s.values);
    let change = |i: usize| standing.and_then(|s| s.changes.get(i)?.as_ref());
    let rows = values
        .iter()
        .enumerate()
        .rev()
        .map(|(i, p)| json!({ "date": p.date, "value": p.value, "change": change(i) }));
    Json::Array(rows.collect())
}

#[cfg(test)]
mod tests {
    use super::super::{Shown, theme};
    use super::*;
    use crate::model::pages::Page;
    use crate::project::Project;
    use std::sync::Arc;

    /// Whatever a kind's template shows its own way, it keeps the
    /// back-links of kinds it does not know (`super()` in `related`): a
    /// new kind's references are listed on its page too.
    #[test]
    fn every_kinds_page_lists_what_cites_it() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site");
        let project = Project::open(root).expect("the example site opens");
        let theme = theme::load(&project.tree, &project.strategy.config).expect("theme");
        let site = Site::new(Arc::new(project), Arc::new(theme), "/", Shown::No);
        for kind in Kind::FOLDERS {
            let e = site.project.strategy.all(kind).next().expect("an entity");
            let path = e.url();
            let page = Page::Entity(kind, e.id.clone());
            let (template, mut context) = site.page_context(&path, &page).expect("a context");
            context["cited_by"] = json!([{
                "id": "probe", "title": "Probes", "count": true,
                "links": [{ "kind": "probe", "id": "p", "title": "A probe", "url": "probe/p/" }],
            }]);
            let html = site.theme.render(template, context).expect("renders");
            for shown in [
                "<h2 id=\"probe-h\">Probes <span",
                "href=\"../../probe/p/\">A probe</a>",
            ] {
                assert!(html.contains(shown), "{kind:?}: no {shown:?} in\n{html}");
            }
        }
    }
}
