//! The stable diagnostic codes. A code never changes meaning once
//! released; `docs/diagnostics.md` documents each one and a test keeps the
//! two in step.

use super::Severity;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Code(pub &'static str);

impl Code {
    pub const NO_CONFIG: Code = Code("E0001");
    pub const NO_VISION: Code = Code("E0002");
    pub const NOT_UTF8: Code = Code("E0003");
    pub const YAML_SYNTAX: Code = Code("E0004");
    pub const FRONT_MATTER: Code = Code("E0005");
    pub const LINK_OUTSIDE: Code = Code("E0006");
    pub const TOO_LARGE: Code = Code("E0007");
    pub const TOO_DEEP: Code = Code("E0008");
    pub const TEMPLATE: Code = Code("E0009");
    pub const MISSING_FIELD: Code = Code("E0101");
    pub const UNKNOWN_REF: Code = Code("E0102");
    pub const WRONG_TYPE: Code = Code("E0103");
    pub const NOT_ALLOWED: Code = Code("E0104");
    pub const BAD_DATE: Code = Code("E0105");
    pub const BAD_ID: Code = Code("E0106");
    pub const DUPLICATE_ID: Code = Code("E0107");
    pub const CYCLE: Code = Code("E0108");
    pub const DATE_ORDER: Code = Code("E0109");
    pub const BROKEN_LINK: Code = Code("E0110");
    pub const DUPLICATE_FIELD: Code = Code("E0111");
    pub const NOT_STATIC: Code = Code("E0112");
    pub const UNKNOWN_FIELD: Code = Code("W0101");
    pub const UNPUBLISHED_LINK: Code = Code("W0102");
    pub const IGNORED_FILE: Code = Code("W0103");
    pub const SHALLOW_HISTORY: Code = Code("W0104");
    pub const STATIC_HIDDEN: Code = Code("W0105");
    pub const NAME_NOT_UTF8: Code = Code("W0106");
    pub const INCOMPLETE: Code = Code("W0107");

    pub fn severity(self) -> Severity {
        if self.0.starts_with('W') {
            Severity::Warning
        } else {
            Severity::Error
        }
    }
}

/// Every code with a one-line summary, in the order of `docs/diagnostics.md`.
pub const CODES: &[(Code, &str)] = &[
    (
        Code::NO_CONFIG,
        "no `charter.yaml` in the folder or any parent",
    ),
    (Code::NO_VISION, "no `vision.md` in the strategy root"),
    (Code::NOT_UTF8, "a file is not valid UTF-8"),
    (Code::YAML_SYNTAX, "YAML syntax error"),
    (
        Code::FRONT_MATTER,
        "front matter is not closed or not a mapping",
    ),
    (
        Code::LINK_OUTSIDE,
        "a symbolic link leads outside the strategy folder, or nowhere",
    ),
    (
        Code::TOO_LARGE,
        "a strategy file or template is larger than 1 MiB",
    ),
    (Code::TOO_DEEP, "YAML or Markdown is nested too deeply"),
    (Code::TEMPLATE, "a template cannot be loaded"),
    (Code::MISSING_FIELD, "a required field is missing"),
    (
        Code::UNKNOWN_REF,
        "a reference names an entity that does not exist",
    ),
    (Code::WRONG_TYPE, "a field has the wrong type"),
    (
        Code::NOT_ALLOWED,
        "a value is outside its allowed set or range",
    ),
    (Code::BAD_DATE, "a date is not a real `YYYY-MM-DD` date"),
    (
        Code::BAD_ID,
        "an id (file stem or pillar id) is not `[a-z0-9][a-z0-9-]*`",
    ),
    (Code::DUPLICATE_ID, "two files of one kind have the same id"),
    (Code::CYCLE, "references form a cycle"),
    (Code::DATE_ORDER, "`target` is before `start`"),
    (
        Code::BROKEN_LINK,
        "a Markdown link points to a file that does not exist",
    ),
    (Code::DUPLICATE_FIELD, "a field is given twice"),
    (
        Code::NOT_STATIC,
        "a field names a file that is not under `static/`",
    ),
    (Code::UNKNOWN_FIELD, "an unknown field (ignored)"),
    (
        Code::UNPUBLISHED_LINK,
        "a Markdown link points to a file that is not part of the site",
    ),
    (
        Code::IGNORED_FILE,
        "a file in a strategy folder is ignored: neither `.md` nor `.yaml`, or not a regular file",
    ),
    (
        Code::SHALLOW_HISTORY,
        "the git clone is shallow: history is truncated",
    ),
    (
        Code::STATIC_HIDDEN,
        "a file under `static/` has the path of a page, which wins",
    ),
    (Code::NAME_NOT_UTF8, "a file or folder name is not UTF-8"),
    (
        Code::INCOMPLETE,
        "a field is given without the field it needs",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_documented() {
        let doc = include_str!("../../docs/diagnostics.md");
        for (code, _) in CODES {
            assert!(
                doc.contains(&format!("| {} |", code.0)),
                "{} is not in docs/diagnostics.md",
                code.0
            );
        }
    }
}
