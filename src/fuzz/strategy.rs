//! The targets that check a strategy held in memory: one file of the
//! fixture strategy replaced, one page's Markdown body, and whole
//! strategies edited from snapshot to snapshot as `serve` sees them.

use super::frames::{self, Entry, Files};
use super::oracles;
use crate::load;
use crate::model::{self, Cache};
use crate::project::Project;
use crate::render::{Shown, Site};
use crate::tree::{GitEntry, Tree};
use crate::validate::State;
use std::sync::Arc;

/// The fixture strategy of the integration tests (`tests/cli/support.rs`),
/// framed: it passes `check` without a warning and uses every kind once.
const FIXTURE: &[u8] = include_bytes!("../../fuzz/fixture");

fn fixture() -> Files {
    let mut files = Files::default();
    for r in frames::records(FIXTURE) {
        files.apply(&r);
    }
    files
}

/// Checks `files` as a tree of a revision, as `build --rev` would.
pub fn check(files: &Files, cache: &mut Cache) -> Project {
    check_entries(entries(files), cache)
}

/// Checks `files` as `serve` checks them after a change: reusing what
/// `cache` and `checks` hold of the checks before.
pub fn check_changed(files: &Files, cache: &mut Cache, checks: &mut State) -> Project {
    let (tree, read) = revision(entries(files));
    Project::from_changed_files(String::new(), tree, read, cache, checks)
        .expect("checking files in memory")
}

/// Checks the files of a revision.
pub fn check_entries(entries: Vec<GitEntry>, cache: &mut Cache) -> Project {
    let (tree, read) = revision(entries);
    Project::from_files(String::new(), tree, read, cache).expect("checking files in memory")
}

fn entries(files: &Files) -> Vec<GitEntry> {
    files
        .0
        .iter()
        .map(|(path, e)| GitEntry {
            path: path.clone().into_bytes(),
            link: e.link,
            bytes: e.bytes.clone(),
        })
        .collect()
}

/// The files of a revision, as a tree and read. Custom templates are left
/// out: one that parses may still fail to render, which no check can know.
fn revision(mut entries: Vec<GitEntry>) -> (Tree, load::Files) {
    entries.retain(|e| kept(&e.path));
    let tree = Tree::revision(entries);
    let read = load::Files::read(&tree).expect("reading files from memory");
    (tree, read)
}

/// Whether a path is checked here: not under `templates/` or `themes/`.
fn kept(path: &[u8]) -> bool {
    !path.starts_with(b"templates/") && !path.starts_with(b"themes/")
}

/// The diagnostics' invariants, and when there are no errors those of a
/// checked strategy and its rendering.
fn check_and_render(project: Project) {
    oracles::diagnostics(&project);
    if project.diagnostics.errors() == 0 {
        oracles::lenient_reads_agree(&project);
        oracles::render(Arc::new(project), None);
    }
}

/// Input: a first line naming a file of the fixture (or the `.yaml` of one
/// of its entities), then the file's new bytes. An unknown name picks a
/// file by its bytes.
pub fn front_matter(input: &[u8]) {
    let (name, bytes) = match input.iter().position(|&b| b == b'\n') {
        Some(n) => (&input[..n], &input[n + 1..]),
        None => (input, &input[input.len()..]),
    };
    let mut files = fixture();
    let slots = slots(&files);
    let name = String::from_utf8_lossy(name);
    let slot = match slots.iter().find(|(path, _)| *path == name) {
        Some(slot) => slot,
        None => &slots[name.bytes().map(usize::from).sum::<usize>() % slots.len()],
    };
    let (path, replaced) = slot;
    files.0.remove(replaced);
    files.put(
        path.clone(),
        Entry {
            link: false,
            bytes: bytes.to_vec(),
        },
    );
    model::read_version(path, bytes.to_vec());
    check_and_render(check(&files, &mut Cache::default()));
}

/// Each file of the fixture, and each entity as `.yaml`: (path, the file
/// it replaces).
fn slots(files: &Files) -> Vec<(String, String)> {
    let mut slots = Vec::new();
    for path in files.0.keys() {
        slots.push((path.clone(), path.clone()));
        let yaml_allowed = path.contains('/') && !path.starts_with("pages/");
        if let Some(stem) = path.strip_suffix(".md").filter(|_| yaml_allowed) {
            slots.push((format!("{stem}.yaml"), path.clone()));
        }
    }
    slots
}

const PAGE: &str = "pages/fuzz.md";
const PAGE_URL: &str = "pages/fuzz/index.html";

/// Input: the Markdown body of a page of the fixture. It is rendered
/// sanitised, where it may add no active HTML to the page, and with
/// `markdown.unsafe_html`, where it may.
pub fn markdown(input: &[u8]) {
    let body = String::from_utf8_lossy(input);
    let safe = page_with(&body, false).map(|html| active(&html));
    if let (Some(with_body), Some(without)) = (safe, page_with("", false).map(|h| active(&h))) {
        assert!(
            with_body == without,
            "sanitised Markdown put active HTML in the page: {with_body:?}, without the body {without:?}"
        );
    }
    page_with(&body, true);
}

/// The page rendered with `body`, if the strategy passes `check`.
fn page_with(body: &str, unsafe_html: bool) -> Option<String> {
    let mut files = fixture();
    if unsafe_html {
        let config = files
            .0
            .get_mut(load::CONFIG_FILE)
            .expect("the fixture has one");
        config
            .bytes
            .extend_from_slice(b"markdown:\n  unsafe_html: true\n");
    }
    let text = format!("---\ntitle: Fuzz\n---\n{body}");
    files.put(
        PAGE.into(),
        Entry {
            link: false,
            bytes: text.into_bytes(),
        },
    );
    let project = check(&files, &mut Cache::default());
    oracles::diagnostics(&project);
    if project.diagnostics.errors() > 0 {
        return None;
    }
    let theme = oracles::builtin(&project);
    let site = Site::new(Arc::new(project), theme, "/", Shown::No);
    let make = site.output(PAGE_URL).expect("the page exists");
    let html = site
        .make(PAGE_URL, make)
        .unwrap_or_else(|e| panic!("check passed but the page fails: {e:#}"));
    Some(String::from_utf8(html).expect("pages are UTF-8"))
}

/// How many elements that run code or embed other documents `html` has.
fn active(html: &str) -> Vec<(&'static str, usize)> {
    let lower = html.to_ascii_lowercase();
    [
        "<script", "<iframe", "<object", "<embed", "<frame", "<base", "<meta",
    ]
    .into_iter()
    .map(|tag| (tag, lower.matches(tag).count()))
    .collect()
}

/// Input: a strategy's files as `frames` records; each `commit` record
/// marks a snapshot. Each snapshot is checked as `serve` does, reusing what
/// it read and checked of the one before, and must give what a fresh check gives;
/// the last is checked and rendered.
pub fn snapshots(input: &[u8]) {
    let mut files = Files::default();
    let mut snapshots = Vec::new();
    for r in frames::records(input) {
        if !files.apply(&r) && r.op == "commit" {
            snapshots.push(files.clone());
        }
    }
    if snapshots.last() != Some(&files) {
        snapshots.push(files);
    }
    let (mut cache, mut checks) = (Cache::default(), State::default());
    let mut last = None;
    for files in &snapshots {
        let fresh = check(files, &mut Cache::default());
        if snapshots.len() > 1 {
            let warm = check_changed(files, &mut cache, &mut checks);
            assert_eq!(
                warm.diagnostics_sorted(),
                fresh.diagnostics_sorted(),
                "a check reusing the previous snapshot's reads differs from a fresh one"
            );
        }
        last = Some(fresh);
    }
    if let Some(project) = last {
        if let Some(on_disk) = on_disk(snapshots.last().expect("a snapshot at least")) {
            assert_eq!(
                on_disk,
                project.diagnostics_sorted(),
                "the files in a folder and in git are checked differently"
            );
        }
        check_and_render(project);
    }
}

/// The diagnostics of `check` on the same files in a folder: the working
/// tree must be read as a revision is. `None` for names longer than a
/// file system takes, which git holds.
fn on_disk(files: &Files) -> Option<Vec<crate::diagnostics::Diagnostic>> {
    use std::os::unix::ffi::OsStrExt;
    let too_long = |p: &String| p.len() > 1024 || p.split('/').any(|name| name.len() > 255);
    if files.0.keys().any(too_long) {
        return None;
    }
    let dir = tempfile::tempdir().expect("a temp folder");
    for (path, e) in files.0.iter().filter(|(p, _)| kept(p.as_bytes())) {
        let at = dir.path().join(path);
        let folder = at.parent().expect("a file has a folder");
        std::fs::create_dir_all(folder).expect("create a folder");
        let written = match e.link {
            true => std::os::unix::fs::symlink(std::ffi::OsStr::from_bytes(&e.bytes), &at),
            false => std::fs::write(&at, &e.bytes),
        };
        written.unwrap_or_else(|err| panic!("write {path}: {err}"));
    }
    let project = Project::open(dir.path().to_path_buf()).expect("check a folder");
    Some(project.diagnostics_sorted())
}
