//! The shape of the demonstration's history: each commit as its author,
//! local time, message and what it changed, written as data so that the
//! story reads top to bottom in `jan_jun.rs`, `jul_sep.rs` and `oct_dec.rs`
//! (2026).

pub struct Commit {
    /// Local time at the author's desk, `2026-01-12T09:30`.
    pub when: &'static str,
    /// The author's id in `people/`, where the name and email are read.
    pub author: &'static str,
    pub message: &'static str,
    pub changes: &'static [Change],
    /// An annotated tag on this commit: its name and message.
    pub tag: Option<(&'static str, &'static str)>,
}

/// What one commit did to the files.
pub enum Change {
    /// The file is new.
    Add(&'static str),
    /// The file moved from the first path to the second.
    Move(&'static str, &'static str),
    /// In the file, the first text became the second.
    Edit(&'static str, &'static str, &'static str),
    /// In the file's front matter, the field went from the first value to the second.
    Field(&'static str, &'static str, &'static str, &'static str),
    /// The line is new in the file.
    Line(&'static str, &'static str),
    /// Every metric measured that month got its value for this date.
    Values(&'static str),
}

pub const fn commit(
    when: &'static str,
    author: &'static str,
    message: &'static str,
    changes: &'static [Change],
) -> Commit {
    Commit {
        when,
        author,
        message,
        changes,
        tag: None,
    }
}

impl Commit {
    pub const fn tagged(mut self, name: &'static str, message: &'static str) -> Commit {
        self.tag = Some((name, message));
        self
    }

    pub fn subject(&self) -> &str {
        self.message.lines().next().unwrap_or_default()
    }
}

/// Each author's UTC offset in hours, from where `people/` says they work
/// (standard time all year: the dates are what the demo shows).
pub const ZONES: &[(&str, i8)] = &[
    ("ada-okafor", -7),
    ("dana-kim", -8),
    ("farah-siddiqui", -7),
    ("grace-oduya", -6),
    ("hannah-obrien", -5),
    ("ingrid-solberg", 1),
    ("jose-alvarez", -6),
    ("kwame-mensah", -5),
    ("leilani-kahale", -10),
    ("marcus-lindqvist", -6),
    ("priya-raman", -6),
    ("rafael-costa", 0),
    ("samir-haddad", -5),
    ("wei-chen", -8),
    ("zoe-muller", 1),
];

pub fn commits() -> Vec<&'static Commit> {
    [
        crate::jan_jun::COMMITS,
        crate::jul_sep::COMMITS,
        crate::oct_dec::COMMITS,
    ]
    .into_iter()
    .flatten()
    .collect()
}
