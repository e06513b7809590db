//! What each kind of file may contain: the fields of SPEC §1 as data.
//! Parsing, checking, reference resolution, back-links and export all
//! walk these tables, so a field is declared once, here, by its name.

use serde::Serialize;

/// The kinds of entity, in the order the site's navigation shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Vision,
    Roadmap,
    Goals,
    Metrics,
    People,
    Teams,
    Roles,
    Decisions,
    Pages,
}

impl Kind {
    /// The kinds that live in folders, one file per entity.
    pub const FOLDERS: [Kind; 8] = [
        Kind::Roadmap,
        Kind::Goals,
        Kind::Metrics,
        Kind::People,
        Kind::Teams,
        Kind::Roles,
        Kind::Decisions,
        Kind::Pages,
    ];

    /// The folder name, which is also the URL segment and the `kind` in templates.
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Vision => "vision",
            Kind::Roadmap => "roadmap",
            Kind::Goals => "goals",
            Kind::Metrics => "metrics",
            Kind::People => "people",
            Kind::Teams => "teams",
            Kind::Roles => "roles",
            Kind::Decisions => "decisions",
            Kind::Pages => "pages",
        }
    }

    /// "person", "roadmap item": for messages.
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Vision => "vision",
            Kind::Roadmap => "roadmap item",
            Kind::Goals => "goal",
            Kind::Metrics => "metric",
            Kind::People => "person",
            Kind::Teams => "team",
            Kind::Roles => "role",
            Kind::Decisions => "decision",
            Kind::Pages => "page",
        }
    }

    /// "people", "roadmap items": for messages about several.
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Roadmap => "roadmap items",
            Kind::Vision => "visions",
            kind => kind.folder(),
        }
    }

    pub fn from_folder(name: &str) -> Option<Kind> {
        Kind::FOLDERS.into_iter().find(|k| k.folder() == name)
    }

    pub fn fields(self) -> &'static [Field] {
        match self {
            Kind::Vision => VISION,
            Kind::Roadmap => ROADMAP,
            Kind::Goals => GOALS,
            Kind::Metrics => METRICS,
            Kind::People => PEOPLE,
            Kind::Teams => TEAMS,
            Kind::Roles => ROLES,
            Kind::Decisions => DECISIONS,
            Kind::Pages => PAGES,
        }
    }

    /// The field that names the entity on pages and in links.
    pub fn title_field(self) -> &'static str {
        match self {
            Kind::People | Kind::Teams | Kind::Metrics => "name",
            _ => "title",
        }
    }
}

/// The allowed values of an enumerated field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Allowed {
    Fixed(&'static [&'static str]),
    /// `statuses` from charter.yaml.
    Statuses,
    /// `horizons` from charter.yaml.
    Horizons,
    /// The ids of the vision's pillars.
    Pillars,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Ty {
    Str,
    Bool,
    Date,
    /// A number within `[min, max]`; `positive` also excludes zero.
    Number {
        min: Option<f64>,
        max: Option<f64>,
        positive: bool,
    },
    Enum(Allowed),
    /// An id of the given kind.
    Ref(Kind),
    /// An address that pages link to.
    Url(Url),
    List(&'static Ty),
    Record(&'static [Field]),
    /// A mapping of free-form data (`extra:`), passed through to
    /// templates untouched.
    Any,
}

/// The addresses a URL field may hold: never a `javascript:` or other
/// scheme that would run when a reader clicks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Url {
    /// `http://` or `https://`.
    Web,
    /// That, or a path from the server's root (`/`, `/strategy/`).
    WebOrPath,
}

impl Url {
    /// Why `text` is not such an address, if it is not.
    pub fn refuses(self, text: &str) -> Option<&'static str> {
        let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
        let web = lower.starts_with("http://") || lower.starts_with("https://");
        let path = self == Url::WebOrPath && text.starts_with('/');
        if !(web || path) {
            return Some(match self {
                Url::Web => "an address starting with `https://` or `http://`",
                Url::WebOrPath => {
                    "a path starting with `/` or an address starting with `https://` or `http://`"
                }
            });
        }
        text.chars()
            .any(|c| c.is_control() || c.is_whitespace())
            .then_some("an address without spaces or control characters")
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Field {
    pub name: &'static str,
    pub ty: Ty,
    pub required: bool,
    /// Another field of the same record that this one means little
    /// without, and what is lost without it: a warning when missing.
    pub needs: Option<(&'static str, &'static str)>,
}

const fn opt(name: &'static str, ty: Ty) -> Field {
    Field {
        name,
        ty,
        required: false,
        needs: None,
    }
}

const fn req(name: &'static str, ty: Ty) -> Field {
    Field {
        required: true,
        ..opt(name, ty)
    }
}

impl Field {
    const fn needs(self, other: &'static str, otherwise: &'static str) -> Field {
        Field {
            needs: Some((other, otherwise)),
            ..self
        }
    }
}

const NUMBER: Ty = Ty::Number {
    min: None,
    max: None,
    positive: false,
};
const PERCENT: Ty = Ty::Number {
    min: Some(0.0),
    max: Some(100.0),
    positive: false,
};
const POSITIVE: Ty = Ty::Number {
    min: None,
    max: None,
    positive: true,
};
const STRINGS: Ty = Ty::List(&Ty::Str);
const EXTRA: Field = opt("extra", Ty::Any);

pub const GOAL_STATUSES: &[&str] = &["on-track", "at-risk", "off-track", "achieved", "abandoned"];
pub const DECISION_STATUSES: &[&str] = &["proposed", "accepted", "rejected", "superseded"];

const PILLAR: &[Field] = &[
    req("id", Ty::Str),
    req("title", Ty::Str),
    opt("description", Ty::Str),
];

const VISION: &[Field] = &[
    req("title", Ty::Str),
    opt("statement", Ty::Str),
    opt("horizon", Ty::Str),
    opt("owner", Ty::Ref(Kind::People)),
    opt("pillars", Ty::List(&Ty::Record(PILLAR))),
    EXTRA,
];

const KEY_RESULT: &[Field] = &[
    req("title", Ty::Str),
    opt("metric", Ty::Ref(Kind::Metrics)).needs("target", "its progress cannot be measured"),
    opt("target", NUMBER),
    opt("by", Ty::Date),
];

const GOALS: &[Field] = &[
    req("title", Ty::Str),
    opt("owner", Ty::Ref(Kind::People)),
    opt("pillar", Ty::Enum(Allowed::Pillars)),
    opt("parent", Ty::Ref(Kind::Goals)),
    opt("period", Ty::Str),
    opt("status", Ty::Enum(Allowed::Fixed(GOAL_STATUSES))),
    opt("key_results", Ty::List(&Ty::Record(KEY_RESULT))),
    EXTRA,
];

const MILESTONE: &[Field] = &[
    req("title", Ty::Str),
    opt("date", Ty::Date),
    opt("done", Ty::Bool),
];

const SCORE: &[Field] = &[
    req("reach", NUMBER),
    req("impact", NUMBER),
    req("confidence", PERCENT),
    req("effort", POSITIVE),
];

const ESTIMATE: &[Field] = &[opt("cost", NUMBER), opt("revenue", NUMBER)];

const ROADMAP: &[Field] = &[
    req("title", Ty::Str),
    req("status", Ty::Enum(Allowed::Statuses)),
    opt("horizon", Ty::Enum(Allowed::Horizons)),
    opt("owner", Ty::Ref(Kind::People)),
    opt("team", Ty::Ref(Kind::Teams)),
    opt("goals", Ty::List(&Ty::Ref(Kind::Goals))),
    opt("depends_on", Ty::List(&Ty::Ref(Kind::Roadmap))),
    opt("start", Ty::Date),
    opt("target", Ty::Date),
    opt("milestones", Ty::List(&Ty::Record(MILESTONE))),
    opt("score", Ty::Record(SCORE)),
    opt("estimate", Ty::Record(ESTIMATE)),
    opt("tags", STRINGS),
    EXTRA,
];

const ROLES: &[Field] = &[
    req("title", Ty::Str),
    opt("level", Ty::Str),
    opt("responsibilities", STRINGS),
    opt("skills", STRINGS),
    EXTRA,
];

const PEOPLE: &[Field] = &[
    req("name", Ty::Str),
    req("role", Ty::Ref(Kind::Roles)),
    opt("team", Ty::Ref(Kind::Teams)),
    opt("reports_to", Ty::Ref(Kind::People)),
    opt("email", Ty::Str),
    opt("location", Ty::Str),
    EXTRA,
];

const TEAMS: &[Field] = &[
    req("name", Ty::Str),
    opt("lead", Ty::Ref(Kind::People)),
    opt("parent", Ty::Ref(Kind::Teams)),
    opt("mission", Ty::Str),
    EXTRA,
];

const METRIC_VALUE: &[Field] = &[req("date", Ty::Date), req("value", NUMBER)];

const METRICS: &[Field] = &[
    req("name", Ty::Str),
    opt("unit", Ty::Str),
    opt("direction", Ty::Enum(Allowed::Fixed(&["up", "down"]))),
    opt("owner", Ty::Ref(Kind::People)),
    opt("target", NUMBER).needs("direction", "whether the target is met cannot be told"),
    opt("values", Ty::List(&Ty::Record(METRIC_VALUE))),
    EXTRA,
];

const DECISIONS: &[Field] = &[
    req("title", Ty::Str),
    opt("status", Ty::Enum(Allowed::Fixed(DECISION_STATUSES))),
    req("date", Ty::Date),
    opt("deciders", Ty::List(&Ty::Ref(Kind::People))),
    opt("supersedes", Ty::List(&Ty::Ref(Kind::Decisions))),
    opt("items", Ty::List(&Ty::Ref(Kind::Roadmap))),
    EXTRA,
];

const PAGES: &[Field] = &[req("title", Ty::Str), opt("weight", NUMBER), EXTRA];

const MARKDOWN: &[Field] = &[opt("unsafe_html", Ty::Bool)];
const HISTORY: &[Field] = &[opt("enabled", Ty::Bool)];

/// `charter.yaml`.
pub const CONFIG: &[Field] = &[
    req("title", Ty::Str),
    opt("description", Ty::Str),
    opt("base_url", Ty::Url(Url::WebOrPath)),
    opt("repo_url", Ty::Url(Url::Web)),
    opt("theme", Ty::Str),
    opt("statuses", STRINGS),
    opt("horizons", STRINGS),
    opt("currency", Ty::Str),
    opt("markdown", Ty::Record(MARKDOWN)),
    opt("history", Ty::Record(HISTORY)),
    EXTRA,
];

/// Every (kind, field path) whose references point at `target`, for
/// back-links: e.g. people ← roadmap.owner, people.reports_to, ...
pub fn referrers(target: Kind) -> Vec<(Kind, &'static str)> {
    let mut out = Vec::new();
    for kind in std::iter::once(Kind::Vision).chain(Kind::FOLDERS) {
        for field in kind.fields() {
            if refers_to(&field.ty, target) {
                out.push((kind, field.name));
            }
        }
    }
    out
}

impl Ty {
    /// Whether values of this type can hold a reference at any depth.
    pub fn has_refs(&self) -> bool {
        match self {
            Ty::Ref(_) => true,
            Ty::List(inner) => inner.has_refs(),
            Ty::Record(fields) => fields.iter().any(|f| f.ty.has_refs()),
            _ => false,
        }
    }
}

impl Kind {
    /// The fields that can hold references; the only ones worth walking
    /// when looking for them.
    pub fn ref_fields(self) -> impl Iterator<Item = &'static str> {
        self.fields()
            .iter()
            .filter(|f| f.ty.has_refs())
            .map(|f| f.name)
    }
}

fn refers_to(ty: &Ty, target: Kind) -> bool {
    match ty {
        Ty::Ref(k) => *k == target,
        Ty::List(inner) => refers_to(inner, target),
        Ty::Record(fields) => fields.iter().any(|f| refers_to(&f.ty, target)),
        _ => false,
    }
}
