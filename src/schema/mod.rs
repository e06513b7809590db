//! What a strategy may hold, as data: the kinds of entity (`kinds`) and
//! the fields of each kind and of `charter.yaml` (`fields`). Reading,
//! checking, reference resolution, back-links, the site and export all
//! walk these tables, so a kind or a field is declared once, here.

mod fields;
mod kinds;
#[cfg(test)]
mod reference;

pub use fields::CONFIG;
pub use kinds::{Index, Kind, Parent, Row, Tree, View};
use std::sync::OnceLock;

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
    /// A path under `static/` (`people/ada.jpg`), which the site
    /// publishes at the same path from its root: the file must be there.
    Static,
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
    pub(crate) const fn needs(self, other: &'static str, otherwise: &'static str) -> Field {
        Field {
            needs: Some((other, otherwise)),
            ..self
        }
    }
}

/// Every (kind, field path) whose references point at `target`, for
/// back-links: e.g. people ← roadmap.owner, people.reports_to, ...
/// Worked out once per kind: every entity page and every back-link list
/// asks.
pub fn referrers(target: Kind) -> &'static [(Kind, &'static str)] {
    static ALL: OnceLock<Vec<Vec<(Kind, &'static str)>>> = OnceLock::new();
    let all = ALL.get_or_init(|| {
        let of = |target: Kind| {
            let fields = Kind::ALL
                .into_iter()
                .flat_map(|k| k.fields().iter().map(move |f| (k, f)));
            let refer = fields.filter(|(_, f)| refers_to(&f.ty, target));
            refer.map(|(k, f)| (k, f.name)).collect()
        };
        Kind::ALL.into_iter().map(of).collect()
    });
    &all[target as usize]
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
