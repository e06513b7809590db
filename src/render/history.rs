//! History as templates see it: an entity's commits and field timeline,
//! the pages of the change log, the Atom feed, and the latest changes on
//! the home page. All of it is read from one `History`.

use super::changed_fields;
use super::context::obj;
use crate::history::{Change, ChangeKind, Commit, History, time};
use crate::load::{self, FileKind};
use crate::model::pages::changes_path;
use crate::model::{self, Entity};
use crate::project::Project;
use crate::text::readable;
use crate::tree::Tree;
use serde_json::{Value as Json, json};
use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

/// Commits per page of the change log, and entries in the feed.
pub const PER_PAGE: usize = 30;
/// Commits in "latest changes" on the home page.
pub const ON_HOME: usize = 5;
/// A commit's files listed in the change log before "and N more".
const FILES_PER_COMMIT: usize = 50;

pub struct Changes {
    pub history: Arc<History>,
    project: Arc<Project>,
    /// Whether pages show the working tree, whose edits may be uncommitted.
    working_tree: bool,
    /// Field changes as people read them (pages), or as written (`export`).
    readable: bool,
    /// Each commit as JSON, made the first time a page needs it.
    commits: Vec<OnceLock<Json>>,
}

impl Changes {
    /// History as pages show it: field changes as people read them.
    pub fn new(history: Arc<History>, project: Arc<Project>) -> Changes {
        Changes {
            readable: true,
            working_tree: matches!(project.tree, Tree::Disk(_)),
            commits: history.commits.iter().map(|_| OnceLock::new()).collect(),
            history,
            project,
        }
    }

    /// History as `export` gives it: field values as written.
    pub fn as_written(history: Arc<History>, project: Arc<Project>) -> Changes {
        Changes {
            readable: false,
            ..Changes::new(history, project)
        }
    }

    fn commit(&self, index: usize) -> Json {
        self.commits[index]
            .get_or_init(|| self.commit_json(&self.history.commits[index]))
            .clone()
    }

    fn commit_json(&self, c: &Commit) -> Json {
        json!({
            "hash": c.hash,
            "short": &c.hash[..c.hash.len().min(7)],
            "url": self.project.strategy.config.repo_url.as_ref().map(|r| format!("{r}/commit/{}", c.hash)),
            "date": time::date(c.time, c.offset),
            "iso": time::rfc3339(c.time, c.offset),
            "author": readable(&c.author),
            "subject": readable(&c.subject),
            "truncated": c.truncated,
        })
    }

    /// What a change did to a file.
    fn change(&self, change: &Change) -> Json {
        let strategy = &self.project.strategy;
        let fields = if self.readable {
            let schema = change.file_kind().map_or(&[][..], model::schema_of);
            let current = (change.latest_path.as_deref()).and_then(|p| strategy.by_source(p));
            changed_fields::readable(&change.comparison.fields, schema, strategy, current)
        } else {
            json!(change.comparison.fields)
        };
        obj([
            ("change", json!(change.kind)),
            ("path", json!(change.path)),
            ("old_path", json!(change.old_path)),
            ("fields", fields),
            ("body_changed", json!(change.comparison.body_changed)),
            ("unreadable", json!(change.comparison.unreadable)),
        ])
    }

    /// The `history` object of an entity's page; `null` without history.
    pub fn entity(&self, entity: &Entity) -> Json {
        let touches: Vec<(usize, &Change)> = self.history.of(&entity.source).collect();
        let mut commits = Vec::with_capacity(touches.len());
        let mut timeline = Vec::new();
        for &(index, change) in &touches {
            let commit = &self.history.commits[index];
            let mut c = self.commit(index);
            let file = self.change(change);
            // A new file's fields are its first values and a deleted
            // file's its last: neither is a change of a field.
            let edited = matches!(change.kind, ChangeKind::Changed | ChangeKind::Renamed);
            if !commit.truncated && edited && !change.comparison.fields.is_empty() {
                let mut entry = self.commit(index);
                merge(&mut entry, obj([("fields", file["fields"].clone())]));
                timeline.push(entry);
            }
            merge(&mut c, file);
            commits.push(c);
        }
        let oldest = touches.last().map(|&(c, _)| c);
        let truncated = |c: usize| self.history.commits[c].truncated;
        let created = oldest.filter(|&c| !truncated(c)).map(|c| self.commit(c));
        let uncommitted = self.working_tree
            && self
                .project
                .blob(&entity.source)
                .is_some_and(|id| self.history.uncommitted(&entity.source, id));
        let timeline = match entity.kind.row().timeline {
            true => Json::Array(timeline),
            false => Json::Null,
        };
        obj([
            ("created", created.unwrap_or_default()),
            (
                "updated",
                (touches.first()).map_or(Json::Null, |&(c, _)| self.commit(c)),
            ),
            ("count", json!(commits.len())),
            ("commits", Json::Array(commits)),
            ("timeline", timeline),
            (
                "truncated",
                json!(self.history.truncated && oldest.is_none_or(truncated)),
            ),
            ("uncommitted", json!(uncommitted)),
        ])
    }

    /// Change-log entries for commits `range` (newest first).
    pub fn log(&self, range: std::ops::Range<usize>) -> Json {
        let commits = &self.history.commits;
        let range = range.start.min(commits.len())..range.end.min(commits.len());
        Json::Array(range.map(|c| self.log_entry(c)).collect())
    }

    fn log_entry(&self, c: usize) -> Json {
        let commit = &self.history.commits[c];
        let files: Vec<Json> = commit
            .changes
            .iter()
            .take(FILES_PER_COMMIT)
            .map(|change| {
                let mut j = self.subject_of(change);
                merge(&mut j, self.change(change));
                j
            })
            .collect();
        let mut entry = self.commit(c);
        let more = commit.changes.len().saturating_sub(FILES_PER_COMMIT);
        // Counted here: a template's `filter` would copy every entry.
        let created = (commit.changes.iter().take(FILES_PER_COMMIT))
            .filter(|change| change.kind == ChangeKind::Created)
            .count();
        merge(
            &mut entry,
            obj([
                ("entities", Json::Array(files)),
                ("more", json!(more)),
                ("created", json!(created)),
            ]),
        );
        entry
    }

    /// What a changed file is: its kind, id, title and page (if it still has one).
    fn subject_of(&self, change: &Change) -> Json {
        let current =
            (change.latest_path.as_deref()).and_then(|p| self.project.strategy.by_source(p));
        let (kind, noun, id) = match change.file_kind() {
            Some(FileKind::Config) => ("settings", "settings", "charter.yaml".to_string()),
            Some(FileKind::Vision) => ("vision", "vision", "vision".to_string()),
            Some(FileKind::Entity(kind)) => {
                (kind.folder(), kind.noun(), load::id_of(&change.path, kind))
            }
            None => ("file", "file", change.path.clone()),
        };
        json!({
            "kind": kind,
            "noun": noun,
            "id": current.map_or(id.clone(), |e| e.id.clone()),
            "title": current.map_or(id, |e| e.title().to_string()),
            "url": current.map(Entity::url),
        })
    }

    pub fn pages(&self) -> usize {
        pages_of(&self.history)
    }

    /// The context of page `n` (from 1) of the change log.
    pub fn page(&self, n: usize) -> Json {
        obj([
            ("changes", self.log((n - 1) * PER_PAGE..n * PER_PAGE)),
            ("pagination", pagination(n, self.pages())),
        ])
    }

    /// The change log's one page when there is no history.
    pub fn no_page() -> Json {
        json!({ "changes": [], "pagination": pagination(1, 1) })
    }

    /// The context of the Atom feed: the newest commits, and the addresses
    /// it needs when the site is published at an absolute `base_url`.
    pub fn feed(&self, base_url: &str) -> Json {
        let changes = self.log(0..PER_PAGE);
        let updated = changes[0]["iso"].clone();
        let absolute = base_url.starts_with("http://") || base_url.starts_with("https://");
        let base = absolute.then(|| format!("{}/", base_url.trim_end_matches('/')));
        // A feed's id must never change: its published address, else its
        // first commit.
        let id = match (&base, self.history.commits.last()) {
            (Some(base), _) => format!("{base}changes/"),
            (None, Some(c)) => format!("urn:sha1:{}", c.hash),
            (None, None) => "urn:charter:changes".to_string(),
        };
        let config = &self.project.strategy.config;
        let mut feed = json!({
            "changes": changes,
            "updated": updated,
            "base": base,
            "feed_id": id,
            "feed_title": config.title,
            "feed_subtitle": config.description,
        });
        readable_json(&mut feed);
        feed
    }
}

/// How many pages the change log of `history` has.
pub fn pages_of(history: &History) -> usize {
    history.commits.len().div_ceil(PER_PAGE).max(1)
}

/// Where page `n` of `pages` sits among the others, for prev/next links.
fn pagination(n: usize, pages: usize) -> Json {
    let url = |k: usize| (1..=pages).contains(&k).then(|| changes_path(k));
    json!({
        "page": n,
        "pages": pages,
        "prev": url(n.wrapping_sub(1)),
        "next": url(n + 1),
    })
}

/// `readable` for every string in `value`: the feed must be well-formed
/// XML whatever the commits and files say.
fn readable_json(value: &mut Json) {
    match value {
        Json::String(text) => {
            if let Cow::Owned(shown) = readable(text) {
                *text = shown;
            }
        }
        Json::Array(items) => items.iter_mut().for_each(readable_json),
        Json::Object(fields) => fields.values_mut().for_each(readable_json),
        _ => {}
    }
}

fn merge(into: &mut Json, from: Json) {
    if let (Json::Object(a), Json::Object(b)) = (into, from) {
        a.extend(b);
    }
}
