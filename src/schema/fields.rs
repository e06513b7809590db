//! The fields of each kind of file, as SPEC §1 lists them: one table per
//! kind, and `charter.yaml`'s.

use super::{Allowed, Field, Kind, Ty, Url, opt, req};

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

const GOAL_STATUSES: &[&str] = &["on-track", "at-risk", "off-track", "achieved", "abandoned"];
const DECISION_STATUSES: &[&str] = &["proposed", "accepted", "rejected", "superseded"];

const PILLAR: &[Field] = &[
    req("id", Ty::Str),
    req("title", Ty::Str),
    opt("description", Ty::Str),
];

pub(super) const VISION: &[Field] = &[
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

pub(super) const GOALS: &[Field] = &[
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

pub(super) const ROADMAP: &[Field] = &[
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

pub(super) const ROLES: &[Field] = &[
    req("title", Ty::Str),
    opt("level", Ty::Str),
    opt("responsibilities", STRINGS),
    opt("skills", STRINGS),
    EXTRA,
];

pub(super) const PEOPLE: &[Field] = &[
    req("name", Ty::Str),
    req("role", Ty::Ref(Kind::Roles)),
    opt("team", Ty::Ref(Kind::Teams)),
    opt("reports_to", Ty::Ref(Kind::People)),
    opt("email", Ty::Str),
    opt("location", Ty::Str),
    opt("photo", Ty::Static),
    EXTRA,
];

pub(super) const TEAMS: &[Field] = &[
    req("name", Ty::Str),
    opt("lead", Ty::Ref(Kind::People)),
    opt("parent", Ty::Ref(Kind::Teams)),
    opt("mission", Ty::Str),
    EXTRA,
];

const METRIC_VALUE: &[Field] = &[req("date", Ty::Date), req("value", NUMBER)];

pub(super) const METRICS: &[Field] = &[
    req("name", Ty::Str),
    opt("unit", Ty::Str),
    opt("direction", Ty::Enum(Allowed::Fixed(&["up", "down"]))),
    opt("owner", Ty::Ref(Kind::People)),
    opt("target", NUMBER).needs("direction", "whether the target is met cannot be told"),
    opt("values", Ty::List(&Ty::Record(METRIC_VALUE))),
    EXTRA,
];

pub(super) const DECISIONS: &[Field] = &[
    req("title", Ty::Str),
    opt("status", Ty::Enum(Allowed::Fixed(DECISION_STATUSES))),
    req("date", Ty::Date),
    opt("deciders", Ty::List(&Ty::Ref(Kind::People))),
    opt("supersedes", Ty::List(&Ty::Ref(Kind::Decisions))),
    opt("items", Ty::List(&Ty::Ref(Kind::Roadmap))),
    EXTRA,
];

pub(super) const FEEDBACK: &[Field] = &[
    req("title", Ty::Str),
    opt("customer", Ty::Str),
    opt("date", Ty::Date),
    opt("channel", Ty::Str),
    opt("owner", Ty::Ref(Kind::People)),
    opt("items", Ty::List(&Ty::Ref(Kind::Roadmap))),
    opt("goals", Ty::List(&Ty::Ref(Kind::Goals))),
    EXTRA,
];

pub(super) const PAGES: &[Field] = &[req("title", Ty::Str), opt("weight", NUMBER), EXTRA];

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
    opt("finished", STRINGS),
    opt("horizons", STRINGS),
    opt("currency", Ty::Str),
    opt("markdown", Ty::Record(MARKDOWN)),
    opt("history", Ty::Record(HISTORY)),
    EXTRA,
];
