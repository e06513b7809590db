//! Finds the strategy root and reads its files: which kind each file is,
//! UTF-8, and where front matter and body are. Works on (path, bytes)
//! pairs so that files can come from the working tree or from git.

use crate::diagnostics::{Code, Diagnostic};
use crate::schema::Kind;
use crate::tree::{self, Skipped, Tree, Why};
use anyhow::Result;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

pub const CONFIG_FILE: &str = "charter.yaml";
pub const VISION_FILE: &str = "vision.md";

/// The largest strategy file or template read. Far above any real one (a
/// book's worth of text), it bounds the time and memory one file can cost
/// every later stage: sanitising a mebibyte of nested lists, whose HTML is
/// ten times larger, takes about a second and 600 MB.
pub const MAX_FILE: u64 = 1 << 20;

/// The strategy's files as read: their bytes by path (relative to the
/// root, `/`-separated), and the paths left out, with why.
#[derive(Debug, Default, Clone)]
pub struct Files {
    pub bytes: BTreeMap<String, Vec<u8>>,
    pub skipped: BTreeMap<String, Why>,
}

impl Files {
    /// Every strategy file of `tree`.
    pub fn read(tree: &Tree) -> Result<Files> {
        let mut files = Files::default();
        files.refresh(tree, "")?;
        Ok(files)
    }

    /// Brings what is held of `path` (a file or a folder; `""` for all)
    /// up to date with `tree`: what `serve` does after a change.
    pub fn refresh(&mut self, tree: &Tree, path: &str) -> Result<()> {
        let prefix = format!("{path}/");
        let stale = |k: &String| path.is_empty() || k == path || k.starts_with(&prefix);
        self.bytes.retain(|k, _| !stale(k));
        self.skipped.retain(|k, _| !stale(k));
        let tops = [CONFIG_FILE, VISION_FILE]
            .into_iter()
            .chain(Kind::FOLDERS.map(Kind::folder));
        for top in tops {
            // The part of `path` under `top`, or all of `top` for a full read.
            let within = match path {
                "" => top,
                p if p == top || p.starts_with(&format!("{top}/")) => p,
                _ => continue,
            };
            let listing = tree.list(within, false)?;
            for s in listing.skipped.into_iter().filter(|s| is_source(&s.path)) {
                self.skipped.insert(s.path, s.why);
            }
            let mut sources = Vec::new();
            for file in listing.files {
                match classify(&file) {
                    None => continue,
                    // Only its name is needed, to say it is ignored: an
                    // image in `roadmap/` is not read, whatever its size.
                    Some(Err(())) => {
                        self.bytes.insert(file, Vec::new());
                    }
                    Some(Ok(_)) => sources.push(file),
                }
            }
            // Thousands of small files: reading them is mostly waiting on
            // system calls, which both cores can do.
            let read: Vec<(String, Option<tree::Read>)> = sources
                .into_par_iter()
                .map(|file| tree.read_listed(&file, MAX_FILE).map(|r| (file, r)))
                .collect::<Result<_>>()?;
            for (file, read) in read {
                match read {
                    Some(tree::Read::Bytes(b)) => {
                        self.bytes.insert(file, b);
                    }
                    Some(tree::Read::TooLarge(n)) => {
                        self.skipped.insert(file, Why::TooLarge(n));
                    }
                    None => {}
                }
            }
        }
        Ok(())
    }
}

/// Whether a path is, or is inside, one of the strategy's own files and
/// folders (not `static/`, `templates/` or anything else).
fn is_source(path: &str) -> bool {
    let top = path.split('/').next().unwrap_or_default();
    top == CONFIG_FILE || top == VISION_FILE || Kind::from_folder(top).is_some()
}

/// The diagnostics of paths left out of the strategy.
pub fn skipped(paths: impl IntoIterator<Item = Skipped>) -> Vec<Diagnostic> {
    paths
        .into_iter()
        .map(|s| skipped_one(&s.path, &s.why))
        .collect()
}

fn skipped_one(path: &str, why: &Why) -> Diagnostic {
    match why {
        Why::LinkOutside(target) => Diagnostic::new(
            Code::LINK_OUTSIDE,
            format!("`{path}` is a symbolic link to `{target}`, outside the strategy folder"),
        )
        .in_file(path)
        .help("charter reads nothing from outside the strategy folder: copy what is needed inside it, or link to a place inside it"),
        Why::LinkHidden(target) => Diagnostic::new(
            Code::LINK_OUTSIDE,
            format!("`{path}` is a symbolic link to `{target}`, a hidden file or folder"),
        )
        .in_file(path)
        .help("hidden files and folders (`.git/`, `.env`) are never part of the strategy: link to a file that is"),
        Why::LinkBroken(target) => Diagnostic::new(
            Code::LINK_OUTSIDE,
            format!("`{path}` is a symbolic link to `{target}`, which does not exist"),
        )
        .in_file(path)
        .help("fix the link's target, or remove the link"),
        Why::LinkLoop(target) => Diagnostic::new(
            Code::LINK_OUTSIDE,
            format!("`{path}` is a symbolic link to `{target}`, which leads back to a folder holding it"),
        )
        .in_file(path)
        .help("point the link elsewhere, or remove it"),
        Why::TooLarge(n) => Diagnostic::new(
            Code::TOO_LARGE,
            format!(
                "`{path}` is {:.1} MiB; strategy files and templates may be at most {} MiB",
                *n as f64 / f64::from(1 << 20),
                MAX_FILE >> 20
            ),
        )
        .in_file(path)
        .help("split it into several files, or put large content under `static/`"),
        Why::NameNotUtf8 => Diagnostic::new(
            Code::NAME_NOT_UTF8,
            format!("`{path}`: the name is not valid UTF-8, so it is ignored"),
        )
        .in_file(path)
        .help("rename it: file and folder names must be UTF-8"),
        Why::NotAFile => Diagnostic::new(
            Code::IGNORED_FILE,
            format!("`{path}` is not a regular file (a FIFO, socket or device) and is ignored"),
        )
        .in_file(path)
        .help("remove it, or replace it with a regular file"),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Config,
    Vision,
    Entity(Kind),
}

/// One strategy file, read and split.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative to the strategy root, `/`-separated.
    pub path: String,
    pub kind: FileKind,
    pub text: String,
    /// The YAML part: front matter of a `.md`, or all of a `.yaml`;
    /// `None` when the file could not be read as a strategy file.
    pub yaml: Option<Range<usize>>,
    /// The Markdown body of a `.md`.
    pub body: Option<Range<usize>>,
}

impl SourceFile {
    /// The entity id (see `id_of`); for `charter.yaml` and `vision.md`, the stem.
    pub fn id(&self) -> String {
        let kind = match self.kind {
            FileKind::Entity(kind) => kind,
            _ => Kind::Vision,
        };
        id_of(&self.path, kind)
    }
}

/// The id of the entity in file `path`: the stem, or for pages the path
/// under `pages/` without extension, where `index` names its folder.
pub fn id_of(path: &str, kind: Kind) -> String {
    let without_ext = path.rsplit_once('.').map_or(path, |(p, _)| p);
    match kind.row().nested() {
        true => {
            let rel = without_ext
                .strip_prefix(kind.folder())
                .and_then(|r| r.strip_prefix('/'))
                .unwrap_or(without_ext);
            rel.strip_suffix("/index").unwrap_or(rel).to_string()
        }
        false => without_ext
            .rsplit('/')
            .next()
            .unwrap_or(without_ext)
            .to_string(),
    }
}

/// The folder holding `charter.yaml`: `start` or the nearest parent, like
/// cargo's search for `Cargo.toml`.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|d| d.join(CONFIG_FILE).is_file())
        .map(Path::to_path_buf)
}

/// What kind of strategy file a relative path is, if any.
pub fn classify(path: &str) -> Option<Result<FileKind, ()>> {
    match path {
        CONFIG_FILE => return Some(Ok(FileKind::Config)),
        VISION_FILE => return Some(Ok(FileKind::Vision)),
        _ => {}
    }
    let (folder, rest) = path.split_once('/')?;
    let kind = Kind::from_folder(folder)?;
    // Hidden files and folders (`.draft/`) are not part of the strategy.
    if rest.split('/').any(|name| name.starts_with('.')) {
        return None;
    }
    let name = rest.rsplit('/').next().unwrap_or(rest);
    let ok = name.ends_with(".md") || (name.ends_with(".yaml") && kind.row().yaml);
    Some(if ok {
        Ok(FileKind::Entity(kind))
    } else {
        Err(())
    })
}

/// Turns raw files into source files, reporting what cannot be read and
/// what was left out.
pub fn sources(files: Files, diagnostics: &mut Vec<Diagnostic>) -> Vec<SourceFile> {
    let left_out = |p: &str| files.skipped.contains_key(p);
    let (no_config, no_vision) = (!left_out(CONFIG_FILE), !left_out(VISION_FILE));
    diagnostics.extend(files.skipped.iter().map(|(p, why)| skipped_one(p, why)));
    // Thousands of files are checked for UTF-8 and split faster on every
    // core; collected in order.
    let read: Vec<(Option<SourceFile>, Option<Diagnostic>)> = files
        .bytes
        .into_par_iter()
        .map(|(path, bytes)| source(path, bytes))
        .collect();
    let mut out = Vec::with_capacity(read.len());
    for (file, problem) in read {
        out.extend(file);
        diagnostics.extend(problem);
    }
    // `files.bytes` is sorted by path, so `out` is too: deterministic
    // whatever the source, and searchable.
    let has = |k: FileKind| out.iter().any(|f| f.kind == k);
    // A file left out (a link outside, too large) has its own diagnostic.
    if !has(FileKind::Config) && no_config {
        diagnostics.push(
            Diagnostic::new(Code::NO_CONFIG, "no `charter.yaml` in the strategy root")
                .help("create charter.yaml with at least `title: ...`, or run `charter init`"),
        );
    }
    if !has(FileKind::Vision) && no_vision {
        diagnostics.push(
            Diagnostic::new(Code::NO_VISION, "no `vision.md` in the strategy root")
                .help("create vision.md with front matter holding at least `title: ...`"),
        );
    }
    out
}

/// The file at `path` as a source file, if it is a strategy file, and
/// what is wrong with it.
fn source(path: String, bytes: Vec<u8>) -> (Option<SourceFile>, Option<Diagnostic>) {
    let kind = match classify(&path) {
        None => return (None, None),
        Some(Ok(kind)) => kind,
        Some(Err(())) => {
            let ignored = Diagnostic::new(Code::IGNORED_FILE, format!("`{path}` is not a strategy file and is ignored"))
                .in_file(&path)
                .help("entities are `.md` files with front matter or `.yaml` files (pages: `.md` only); put other files under `static/`");
            return (None, Some(ignored));
        }
    };
    // A file that cannot be read is kept (without YAML or body) so that
    // its diagnostic can still show the line.
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let problem = Diagnostic::new(
                Code::NOT_UTF8,
                format!("`{path}` is not valid UTF-8 (at byte {at})"),
            )
            // The text shown is the lossy one, where the bad bytes became
            // one U+FFFD.
            .at(&path, at..at + char::REPLACEMENT_CHARACTER.len_utf8())
            .label("not UTF-8")
            .help("save the file as UTF-8");
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let file = SourceFile {
                path,
                kind,
                text,
                yaml: None,
                body: None,
            };
            return (Some(file), Some(problem));
        }
    };
    let mut problem = None;
    let (yaml, body) = if path.ends_with(".md") {
        match split_front_matter(&text) {
            Ok((yaml, body)) => (Some(yaml), Some(body)),
            Err(at) => {
                problem = Some(
                    Diagnostic::new(Code::FRONT_MATTER, "front matter is not closed")
                        .at(&path, at)
                        .label("opened here")
                        .help("end the front matter with a line holding only `---`"),
                );
                (None, None)
            }
        }
    } else {
        (Some(0..text.len()), None)
    };
    let file = SourceFile {
        path,
        kind,
        text,
        yaml,
        body,
    };
    (Some(file), problem)
}

/// Splits `---\nYAML\n---\nbody`. A file that does not open with `---`
/// is all body (its YAML is empty). Err gives the span of the opening fence.
pub fn split_front_matter(text: &str) -> Result<(Range<usize>, Range<usize>), Range<usize>> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[start..];
    let Some(first_len) = fence_len(rest) else {
        return Ok((start..start, start..text.len()));
    };
    let yaml_start = start + first_len;
    let mut pos = yaml_start;
    while pos < text.len() {
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        if let Some(n) = fence_len(&text[pos..line_end]).filter(|n| *n == line_end - pos) {
            return Ok((yaml_start..pos, pos + n..text.len()));
        }
        pos = line_end;
    }
    Err(start..start + 3)
}

/// Length of a `---` fence line at the start of `s` (with its line end).
fn fence_len(s: &str) -> Option<usize> {
    let rest = s.strip_prefix("---")?;
    let trimmed = rest.trim_start_matches([' ', '\t']);
    let spaces = rest.len() - trimmed.len();
    if trimmed.is_empty() {
        Some(3 + spaces)
    } else if trimmed.starts_with("\r\n") {
        Some(3 + spaces + 2)
    } else if trimmed.starts_with('\n') {
        Some(3 + spaces + 1)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter() {
        let text = "---\ntitle: A\n---\nBody\n";
        let (y, b) = split_front_matter(text).unwrap();
        assert_eq!(&text[y], "title: A\n");
        assert_eq!(&text[b], "Body\n");
    }

    #[test]
    fn crlf_and_no_front_matter() {
        let text = "---\r\ntitle: A\r\n---\r\nBody";
        let (y, b) = split_front_matter(text).unwrap();
        assert_eq!(&text[y], "title: A\r\n");
        assert_eq!(&text[b], "Body");
        let (y, b) = split_front_matter("# Just body").unwrap();
        assert_eq!((y.len(), b), (0, 0..11));
    }

    #[test]
    fn unclosed_front_matter() {
        assert_eq!(split_front_matter("---\ntitle: A\n"), Err(0..3));
    }

    #[test]
    fn ids_from_paths() {
        let f = |path: &str, kind| SourceFile {
            path: path.into(),
            kind: FileKind::Entity(kind),
            text: String::new(),
            yaml: None,
            body: None,
        };
        assert_eq!(f("roadmap/2027/sso.md", Kind::Roadmap).id(), "sso");
        assert_eq!(
            f("pages/playbooks/launch.md", Kind::Pages).id(),
            "playbooks/launch"
        );
        assert_eq!(f("pages/playbooks/index.md", Kind::Pages).id(), "playbooks");
    }
}
