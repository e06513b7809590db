//! The strategy as typed data: every entity of every kind, indexed by id,
//! read from the loaded files through the schema. This module tree is the
//! only one that knows YAML (through `yaml`).

mod avatar;
mod body;
mod config;
mod convert;
pub mod date;
pub mod pages;
pub mod value;
mod yaml;

pub use crate::schema::Kind;
pub use avatar::Avatar;
pub use config::Config;
pub use convert::Choices;
pub use date::Date;
pub use value::{Fields, Link, Spanned, Value};

use crate::diagnostics::{Code, Diagnostic};
use crate::load::{FileKind, SourceFile};
use crate::schema;
use convert::Converter;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::sync::Arc;

/// One file's entity: a roadmap item, a person, a page, the vision...
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    pub kind: Kind,
    /// The file stem; for pages, the path under `pages/` without extension.
    pub id: String,
    /// The file, relative to the strategy root.
    pub source: String,
    pub fields: Fields,
    /// Markdown after the front matter (empty for `.yaml` files).
    pub body: String,
    /// Where `body` starts in the file, for link diagnostics.
    pub body_offset: usize,
    /// The links in `body`, as written, with their spans in the file.
    pub links: Vec<Spanned<String>>,
}

impl Entity {
    /// The name shown for this entity: its title or name, else its id.
    pub fn title(&self) -> &str {
        self.fields.str(self.kind.title_field()).unwrap_or(&self.id)
    }

    /// Where its page is, relative to the site root.
    pub fn url(&self) -> String {
        url(self.kind, &self.id)
    }

    pub fn link(&self) -> Link {
        Link {
            kind: self.kind,
            id: self.id.clone(),
            title: self.title().to_string(),
            url: self.url(),
            status: self.fields.str("status").map(String::from),
            avatar: self.avatar(),
        }
    }

    /// How a person is pictured; nothing for other kinds.
    pub fn avatar(&self) -> Option<Avatar> {
        (self.kind == Kind::People).then(|| Avatar::new(self.title(), self.fields.str("photo")))
    }
}

/// Where the page of the entity `id` of `kind` is, relative to the site
/// root.
pub fn url(kind: Kind, id: &str) -> String {
    match kind {
        Kind::Vision => "index.html".to_string(),
        kind => format!("{}/{id}/index.html", kind.folder()),
    }
}

/// Everything in the strategy, by kind and id.
#[derive(Debug)]
pub struct Strategy {
    pub config: Config,
    pub vision: Option<Entity>,
    /// Sorted, for iteration and ranges.
    pub entities: BTreeMap<Kind, BTreeMap<String, Arc<Entity>>>,
    /// The same entities hashed, for the many look-ups by id.
    by_id: FxHashMap<Kind, FxHashMap<String, Arc<Entity>>>,
    by_source: FxHashMap<String, (Kind, String)>,
}

impl Strategy {
    pub fn get(&self, kind: Kind, id: &str) -> Option<&Entity> {
        match kind {
            Kind::Vision => self.vision.as_ref(),
            _ => self.by_id.get(&kind)?.get(id).map(|e| &**e),
        }
    }

    /// The title of the vision's pillar `id`, if the vision has one.
    pub fn pillar_title(&self, id: &str) -> Option<&str> {
        let vision = self.vision.as_ref()?;
        let pillar = vision
            .fields
            .records("pillars")
            .find(|p| p.str("id") == Some(id))?;
        pillar.str("title")
    }

    pub fn all(&self, kind: Kind) -> impl Iterator<Item = &Entity> {
        self.entities
            .get(&kind)
            .into_iter()
            .flat_map(|m| m.values().map(|e| &**e))
    }

    /// Every entity, the vision first, then by kind and id.
    pub fn iter(&self) -> impl Iterator<Item = &Entity> {
        self.vision.iter().chain(
            self.entities
                .values()
                .flat_map(|m| m.values().map(|e| &**e)),
        )
    }

    /// The entity read from a source file.
    pub fn by_source(&self, path: &str) -> Option<&Entity> {
        let (kind, id) = self.by_source.get(path)?;
        self.get(*kind, id)
    }

    pub fn ids(&self, kind: Kind) -> impl Iterator<Item = &str> {
        self.entities
            .get(&kind)
            .into_iter()
            .flat_map(|m| m.keys().map(String::as_str))
    }
}

/// `[a-z0-9][a-z0-9-]*`
pub fn is_valid_id(id: &str) -> bool {
    let mut bytes = id.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Entity files parsed by an earlier read, reused while their text and the
/// allowed values they were checked against are unchanged: what lets
/// `serve` re-read one edited file instead of all of them.
pub struct Cache {
    choices: Choices,
    /// Each file's text, and what it was read into.
    entries: FxHashMap<String, (Arc<str>, Parsed)>,
    /// Whether reads are kept for the next one: a build or a diff reads
    /// once, and a copy of every file's text would only cost it.
    keeps: bool,
}

impl Default for Cache {
    fn default() -> Cache {
        Cache {
            choices: Choices::default(),
            entries: FxHashMap::default(),
            keeps: true,
        }
    }
}

impl Cache {
    /// A cache that keeps nothing, for a strategy read once.
    pub fn none() -> Cache {
        Cache {
            keeps: false,
            ..Cache::default()
        }
    }
}

/// One entity file as read: the entity, and its own problems.
#[derive(Clone)]
struct Parsed {
    entity: Arc<Entity>,
    diagnostics: Arc<[Diagnostic]>,
}

/// Reads every loaded file into the model, collecting every problem;
/// reuses and refreshes `cache`.
pub fn read(
    files: &[SourceFile],
    diagnostics: &mut Vec<Diagnostic>,
    cache: &mut Cache,
) -> Strategy {
    let mut choices = Choices::default();
    let config_fields = files
        .iter()
        .find(|f| f.kind == FileKind::Config)
        .map(|f| parse_fields(f, schema::CONFIG, "charter.yaml", &choices, diagnostics))
        .unwrap_or_default();
    let config = Config::from_fields(&config_fields);
    choices.statuses = config.statuses.clone();
    choices.horizons = config.horizons.clone();

    let vision = files.iter().find(|f| f.kind == FileKind::Vision).map(|f| {
        let fields = parse_fields(f, Kind::Vision.fields(), "vision.md", &choices, diagnostics);
        entity(f, Kind::Vision, "vision".into(), fields, diagnostics)
    });
    if let Some(v) = &vision {
        choices.pillars = v
            .fields
            .records("pillars")
            .filter_map(|p| p.str("id").map(String::from))
            .collect();
    }
    if cache.choices != choices {
        cache.entries.clear();
        cache.choices = choices;
    }
    let choices = &cache.choices;
    let previous = &cache.entries;
    let keeps = cache.keeps;

    // Every entity file, with its text when read afresh and kept.
    let parsed: Vec<(Parsed, Option<Arc<str>>)> = files
        .par_iter()
        .filter_map(|f| match f.kind {
            FileKind::Entity(kind) if f.yaml.is_some() => Some((f, kind)),
            _ => None,
        })
        .map(|(f, kind)| match previous.get(&f.path) {
            Some((text, p)) if **text == *f.text => (p.clone(), None),
            _ => {
                let mut local = Vec::new();
                let fields = parse_fields(f, kind.fields(), "front matter", choices, &mut local);
                let parsed = Parsed {
                    entity: Arc::new(entity(f, kind, f.id(), fields, &mut local)),
                    diagnostics: local.into(),
                };
                (parsed, keeps.then(|| f.text.as_str().into()))
            }
        })
        .collect();
    for (p, text) in &parsed {
        if let Some(text) = text {
            let entry = (text.clone(), p.clone());
            cache.entries.insert(p.entity.source.clone(), entry);
        }
    }
    if keeps && cache.entries.len() != parsed.len() {
        let present: rustc_hash::FxHashSet<&str> = parsed
            .iter()
            .map(|(p, _)| p.entity.source.as_str())
            .collect();
        cache
            .entries
            .retain(|path, _| present.contains(path.as_str()));
    }

    let mut entities: BTreeMap<Kind, BTreeMap<String, Arc<Entity>>> = BTreeMap::new();
    let mut by_source = FxHashMap::default();
    if let Some(v) = &vision {
        by_source.insert(v.source.clone(), (Kind::Vision, v.id.clone()));
    }
    for (
        Parsed {
            entity: e,
            diagnostics: local,
            ..
        },
        _,
    ) in parsed
    {
        diagnostics.extend(local.iter().cloned());
        if !id_is_valid(&e) {
            diagnostics.push(
                Diagnostic::new(Code::BAD_ID, format!("`{}` is not a valid {} id", e.id, e.kind.noun()))
                    .in_file(&e.source)
                    .help("rename the file: ids use lowercase letters, digits and `-`, starting with a letter or digit"),
            );
            continue;
        }
        if pages::is_view_name(e.kind, &e.id) {
            let folder = e.kind.folder();
            diagnostics.push(
                Diagnostic::new(
                    Code::BAD_ID,
                    format!(
                        "`{}` cannot be a {} id: `/{folder}/{}/` is a page of the site",
                        e.id,
                        e.kind.noun(),
                        e.id
                    ),
                )
                .in_file(&e.source)
                .help("rename the file"),
            );
            continue;
        }
        let of_kind = entities.entry(e.kind).or_default();
        if let Some(first) = of_kind.get(&e.id) {
            let (first, second) = ordered(&first.source, &e.source);
            diagnostics.push(
                Diagnostic::new(
                    Code::DUPLICATE_ID,
                    format!("duplicate {} id `{}`: also {first}", e.kind.noun(), e.id),
                )
                .in_file(&second)
                .help("ids are file stems and must be unique within a kind; rename one file"),
            );
            continue;
        }
        by_source.insert(e.source.clone(), (e.kind, e.id.clone()));
        of_kind.insert(e.id.clone(), e);
    }
    let by_id = entities
        .iter()
        .map(|(kind, of_kind)| {
            (
                *kind,
                of_kind
                    .iter()
                    .map(|(id, e)| (id.clone(), e.clone()))
                    .collect(),
            )
        })
        .collect();
    Strategy {
        config,
        vision,
        by_id,
        entities,
        by_source,
    }
}

/// A file as it was in some commit, read for history and `diff`.
#[derive(Debug, Clone, PartialEq)]
pub enum Version {
    Read {
        fields: Fields,
        body: String,
    },
    /// Not UTF-8, or its YAML does not parse: shown as such, never fatal.
    Unreadable,
}

/// Reads one version of a strategy file leniently: problems are not
/// reported, and values outside today's allowed sets are kept. `None` when
/// `path` is not a strategy file.
pub fn read_version(path: &str, bytes: Vec<u8>) -> Option<Version> {
    let kind = match crate::load::classify(path)? {
        Ok(kind) => kind,
        Err(()) => return None,
    };
    let mut problems = Vec::new();
    let files = crate::load::Files {
        bytes: [(path.to_string(), bytes)].into_iter().collect(),
        ..Default::default()
    };
    let file = crate::load::sources(files, &mut problems).pop()?;
    if file.yaml.is_none() {
        return Some(Version::Unreadable);
    }
    let choices = Choices {
        any: true,
        ..Choices::default()
    };
    let fields = parse_fields(&file, schema_of(kind), "", &choices, &mut problems);
    if problems
        .iter()
        .any(|d| d.code == Code::YAML_SYNTAX || d.code == Code::TOO_DEEP)
    {
        return Some(Version::Unreadable);
    }
    let body = file
        .body
        .map_or_else(String::new, |b| file.text[b].to_string());
    Some(Version::Read { fields, body })
}

/// The fields a file of this kind may have.
pub fn schema_of(kind: FileKind) -> &'static [schema::Field] {
    match kind {
        FileKind::Config => schema::CONFIG,
        FileKind::Vision => Kind::Vision.fields(),
        FileKind::Entity(kind) => kind.fields(),
    }
}

fn ordered(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.into(), b.into())
    } else {
        (b.into(), a.into())
    }
}

fn id_is_valid(e: &Entity) -> bool {
    match e.kind.row().nested() {
        true => e.id.split('/').all(is_valid_id),
        false => is_valid_id(&e.id),
    }
}

fn entity(
    f: &SourceFile,
    kind: Kind,
    id: String,
    fields: Fields,
    diagnostics: &mut Vec<Diagnostic>,
) -> Entity {
    let body = f.body.clone().unwrap_or(0..0);
    let scanned = body::scan(&f.text[body.clone()], body.start);
    if let Some(at) = scanned.too_deep {
        diagnostics.push(
            Diagnostic::new(
                Code::TOO_DEEP,
                format!(
                    "the Markdown is nested more than {} levels deep",
                    body::MAX_DEPTH
                ),
            )
            .at(&f.path, at..at + 1)
            .label("too deep from here")
            .help("flatten the lists, quotes or HTML elements"),
        );
    }
    Entity {
        kind,
        id,
        source: f.path.clone(),
        fields,
        links: scanned.links,
        body: f.text[body.clone()].to_string(),
        body_offset: body.start,
    }
}

fn parse_fields(
    f: &SourceFile,
    fields: &'static [schema::Field],
    what: &str,
    choices: &Choices,
    diagnostics: &mut Vec<Diagnostic>,
) -> Fields {
    let Some(range) = f.yaml.clone() else {
        return Fields::default();
    };
    match yaml::parse(&f.text[range.clone()]) {
        Ok(node) => Converter {
            file: &f.path,
            offset: range.start,
            choices,
            diagnostics,
        }
        .record(&node, fields, what),
        Err(e) if e.too_deep => {
            let at = range.start + e.offset;
            diagnostics.push(
                Diagnostic::new(Code::TOO_DEEP, e.message)
                    .at(&f.path, at..at + 1)
                    .label("too deep from here")
                    .help("flatten the data: charter reads YAML nested at most 64 levels deep"),
            );
            Fields::default()
        }
        Err(e) => {
            let at = range.start + e.offset;
            diagnostics.push(
                Diagnostic::new(Code::YAML_SYNTAX, format!("YAML syntax error: {}", e.message))
                    .at(&f.path, at..at)
                    .help("fix the YAML; quote values that contain `: ` or start with a special character"),
            );
            Fields::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{self, Files};

    /// Reads a strategy of two items, `a` with the file text `a`.
    fn read_with(cache: &mut Cache, a: &str) -> Strategy {
        let files = Files {
            bytes: [
                ("roadmap/a.md".to_string(), a.as_bytes().to_vec()),
                ("roadmap/b.md".to_string(), b"---\ntitle: B\n---\n".to_vec()),
            ]
            .into_iter()
            .collect(),
            ..Files::default()
        };
        read(
            &load::sources(files, &mut Vec::new()),
            &mut Vec::new(),
            cache,
        )
    }

    #[test]
    fn a_kept_read_serves_the_next_for_unchanged_files_and_a_single_one_keeps_nothing() {
        let item = |s: &Strategy, id: &str| s.entities[&Kind::Roadmap][id].clone();
        let mut kept = Cache::default();
        let first = read_with(&mut kept, "---\ntitle: A\n---\n");
        let second = read_with(&mut kept, "---\ntitle: A2\n---\n");
        assert!(Arc::ptr_eq(&item(&first, "b"), &item(&second, "b")));
        assert!(!Arc::ptr_eq(&item(&first, "a"), &item(&second, "a")));
        assert_eq!(item(&second, "a").title(), "A2");
        let mut once = Cache::none();
        read_with(&mut once, "---\ntitle: A\n---\n");
        assert!(once.entries.is_empty());
    }
}
