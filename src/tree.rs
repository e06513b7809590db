//! Where a strategy's files are read from: the working tree, or the tree
//! of a git revision held in memory (`build --rev`, `diff`), so that every
//! stage reads a past strategy exactly as it reads today's, without
//! touching the working tree.
//!
//! It is also the one place that decides which files on disk are part of
//! the strategy, so that `check`, `build` and `serve` read the same set: a
//! symbolic link is followed only while its target stays inside the
//! strategy root, and only regular files with UTF-8 names are read. What is
//! left out is listed (`Skipped`) for a diagnostic at its path; nothing
//! from outside the root is ever read.

use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::{Path, PathBuf};

pub enum Tree {
    Disk(Disk),
    Revision(Revision),
}

/// The working tree under a strategy root.
pub struct Disk {
    /// As the user named it, for messages.
    root: PathBuf,
    /// Without links, to tell whether a link's target stays inside.
    real: PathBuf,
}

/// Every file under the strategy root at a revision, by relative path,
/// its links already followed.
pub struct Revision {
    files: BTreeMap<String, Vec<u8>>,
    skipped: Vec<Skipped>,
}

/// A path that is not read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Relative to the strategy root, `/`-separated (lossily, for a name
    /// that is not UTF-8).
    pub path: String,
    pub why: Why,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// A symbolic link whose target, as written, lies outside the root.
    LinkOutside(String),
    /// A symbolic link to nothing.
    LinkBroken(String),
    /// A symbolic link that leads back to a folder holding it, or one of
    /// a ring of links.
    LinkLoop(String),
    /// A file or folder name that is not UTF-8.
    NameNotUtf8,
    /// Not a file or a folder: a FIFO, a socket, a device.
    NotAFile,
    /// Larger than a strategy file may be (`load::MAX_FILE`), in bytes.
    TooLarge(u64),
}

/// The files at or under a path, and what was left out there.
#[derive(Debug, Default)]
pub struct Listing {
    /// Relative to the strategy root, sorted, with their sizes in bytes.
    pub files: Vec<(String, u64)>,
    pub skipped: Vec<Skipped>,
}

/// A file's bytes, unless it is larger than asked for.
pub enum Read {
    Bytes(Vec<u8>),
    TooLarge(u64),
}

/// A git tree entry under the strategy root, for `Tree::revision`.
pub struct GitEntry {
    /// Relative to the strategy root, as git stores it (any bytes).
    pub path: Vec<u8>,
    /// A symbolic link, whose bytes are its target.
    pub link: bool,
    pub bytes: Vec<u8>,
}

/// How many links a path may pass through, as the OS allows (`ELOOP`).
const MAX_HOPS: usize = 40;

impl Tree {
    /// The working tree under `root`.
    pub fn disk(root: &Path) -> Result<Tree> {
        let real = std::fs::canonicalize(root)
            .with_context(|| format!("cannot read {}", root.display()))?;
        Ok(Tree::Disk(Disk {
            root: root.to_path_buf(),
            real,
        }))
    }

    /// A revision's files under the strategy root, its links followed
    /// inside the root as on disk.
    pub fn revision(entries: Vec<GitEntry>) -> Tree {
        Tree::Revision(Revision::new(entries))
    }

    /// The files at `rel` (a file or a folder, `""` for the root), with
    /// hidden names (`.draft/`) left out below it unless `hidden`.
    pub fn list(&self, rel: &str, hidden: bool) -> Result<Listing> {
        match self {
            Tree::Disk(disk) => disk.list(rel, hidden),
            Tree::Revision(rev) => Ok(rev.list(rel, hidden)),
        }
    }

    /// The bytes of the file at `rel`, if it is one that `list` names;
    /// `TooLarge` past `max` bytes, without reading it.
    pub fn read(&self, rel: &str, max: u64) -> Result<Option<Read>> {
        match self {
            Tree::Disk(disk) => disk.read(rel, max),
            Tree::Revision(rev) => Ok(rev.files.get(rel).map(|b| match b.len() as u64 {
                n if n > max => Read::TooLarge(n),
                _ => Read::Bytes(b.clone()),
            })),
        }
    }

    /// The bytes of a file that `list` names, whatever its size (a static
    /// file); `None` if there is none.
    pub fn read_all(&self, rel: &str) -> Result<Option<Vec<u8>>> {
        Ok(match self.read(rel, u64::MAX)? {
            Some(Read::Bytes(bytes)) => Some(bytes),
            _ => None,
        })
    }

    /// Whether a file or folder exists at `rel`.
    pub fn exists(&self, rel: &str) -> bool {
        match self {
            Tree::Disk(disk) => matches!(disk.vet(rel), Ok(Vetted::Inside)),
            Tree::Revision(rev) => {
                let rel = rel.trim_end_matches('/');
                rev.files.contains_key(rel) || rev.under(rel).next().is_some()
            }
        }
    }
}

/// Where a path on disk leads.
enum Vetted {
    Inside,
    Missing,
    Skipped(Skipped),
}

impl Disk {
    /// Whether `rel` can be read: every link on the way to it must stay
    /// inside the root.
    fn vet(&self, rel: &str) -> Result<Vetted> {
        let mut path = self.root.clone();
        for part in rel.split('/').filter(|p| !p.is_empty()) {
            // Paths come from the strategy's own listing and links, already
            // joined; anything that climbs is not one of its files.
            if part == ".." || part == "." {
                return Ok(Vetted::Missing);
            }
            path.push(part);
            let meta = match std::fs::symlink_metadata(&path) {
                Ok(meta) => meta,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vetted::Missing),
                Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
            };
            if meta.file_type().is_symlink()
                && let Some(skipped) = self.follow(&path, crate::load::relative(&self.root, &path))
            {
                return Ok(Vetted::Skipped(skipped));
            }
        }
        Ok(Vetted::Inside)
    }

    /// `None` when the link at `path` (named `shown`) leads inside the
    /// root; else why not.
    fn follow(&self, path: &Path, shown: String) -> Option<Skipped> {
        let target = link_target(path);
        // Named as a revision names them, whatever the host's files are:
        // a target outside is outside even where nothing is there.
        let why = match std::fs::canonicalize(path) {
            Ok(real) if real.starts_with(&self.real) => return None,
            Ok(_) => Why::LinkOutside(target),
            Err(_) if leaves_root(&shown, &target) => Why::LinkOutside(target),
            Err(e) if is_missing(&e) => Why::LinkBroken(target),
            // `ELOOP`, which has no stable `ErrorKind` yet.
            Err(_) => Why::LinkLoop(target),
        };
        Some(Skipped { path: shown, why })
    }

    fn list(&self, rel: &str, hidden: bool) -> Result<Listing> {
        let mut out = Listing::default();
        match self.vet(rel)? {
            Vetted::Inside => {
                // Walked without links on the way, named as the user wrote it.
                let real = std::fs::canonicalize(self.root.join(rel))
                    .with_context(|| format!("cannot read {}", self.root.join(rel).display()))?;
                self.walk(&real, rel.trim_end_matches('/'), hidden, &mut out)?;
            }
            Vetted::Missing => {}
            Vetted::Skipped(s) => out.skipped.push(s),
        }
        out.files.sort();
        out.skipped.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }

    /// Walks `start` (a real path, without links) without letting walkdir
    /// follow links: each link is vetted first, so that nothing outside
    /// the root is ever opened, and a folder link is walked on its own
    /// unless it leads back up (a loop). Paths are named under `shown`.
    fn walk(&self, start: &Path, shown: &str, hidden: bool, out: &mut Listing) -> Result<()> {
        let mut walk = walkdir::WalkDir::new(start).into_iter();
        while let Some(entry) = walk.next() {
            let entry = entry.with_context(|| format!("cannot read {}", start.display()))?;
            let kind = entry.file_type();
            let path = match crate::load::relative(start, entry.path()) {
                below if below.is_empty() => shown.to_string(),
                below if shown.is_empty() => below,
                below => format!("{shown}/{below}"),
            };
            let mut skip = |out: &mut Listing, why: Option<Why>| {
                out.skipped.extend(why.map(|why| Skipped {
                    path: path.clone(),
                    why,
                }));
                if kind.is_dir() {
                    walk.skip_current_dir();
                }
            };
            let Some(name) = entry.file_name().to_str() else {
                skip(out, Some(Why::NameNotUtf8));
                continue;
            };
            if entry.depth() > 0 && !hidden && name.starts_with('.') {
                skip(out, None);
                continue;
            }
            if kind.is_file() {
                let size = entry.metadata().map_or(0, |m| m.len());
                out.files.push((path, size));
            } else if kind.is_symlink() {
                self.link(entry.path(), path, hidden, out)?;
            } else if !kind.is_dir() {
                skip(out, Some(Why::NotAFile));
            }
        }
        Ok(())
    }

    /// A link met on a walk: read as its target when that stays inside the
    /// root and does not lead back up to a folder that holds it.
    fn link(&self, at: &Path, path: String, hidden: bool, out: &mut Listing) -> Result<()> {
        if let Some(skipped) = self.follow(at, path.clone()) {
            out.skipped.push(skipped);
            return Ok(());
        }
        let meta =
            std::fs::metadata(at).with_context(|| format!("cannot read {}", at.display()))?;
        if meta.is_file() {
            out.files.push((path, meta.len()));
            return Ok(());
        }
        let why = match meta.is_dir() {
            true if !self.loops(at) => {
                let real = std::fs::canonicalize(at)
                    .with_context(|| format!("cannot read {}", at.display()))?;
                return self.walk(&real, &path, hidden, out);
            }
            true => Why::LinkLoop(link_target(at)),
            false => Why::NotAFile,
        };
        out.skipped.push(Skipped { path, why });
        Ok(())
    }

    /// Whether the folder link at `path` leads to a folder that holds it.
    fn loops(&self, path: &Path) -> bool {
        let target = std::fs::canonicalize(path);
        let here = path.parent().map(std::fs::canonicalize);
        match (target, here) {
            (Ok(target), Some(Ok(here))) => here.starts_with(target),
            _ => true,
        }
    }

    fn read(&self, rel: &str, max: u64) -> Result<Option<Read>> {
        if !matches!(self.vet(rel)?, Vetted::Inside) {
            return Ok(None);
        }
        let path = self.root.join(rel);
        let file = match std::fs::File::open(&path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        };
        let meta = file
            .metadata()
            .with_context(|| format!("cannot read {}", path.display()))?;
        if !meta.is_file() {
            return Ok(None);
        }
        if meta.len() > max {
            return Ok(Some(Read::TooLarge(meta.len())));
        }
        // The file may grow between the two reads; never read past `max`.
        let mut bytes = Vec::with_capacity(meta.len() as usize);
        file.take(max.saturating_add(1))
            .read_to_end(&mut bytes)
            .with_context(|| format!("cannot read {}", path.display()))?;
        Ok(Some(match bytes.len() as u64 {
            n if n > max => Read::TooLarge(n),
            _ => Read::Bytes(bytes),
        }))
    }
}

impl Revision {
    fn new(entries: Vec<GitEntry>) -> Revision {
        let mut files = BTreeMap::new();
        let mut links = BTreeMap::new();
        let mut skipped = Vec::new();
        for entry in entries {
            let path = match String::from_utf8(entry.path) {
                Ok(path) => path,
                Err(e) => {
                    let path = String::from_utf8_lossy(e.as_bytes()).into_owned();
                    skipped.push(Skipped {
                        path,
                        why: Why::NameNotUtf8,
                    });
                    continue;
                }
            };
            if entry.link {
                links.insert(path, String::from_utf8_lossy(&entry.bytes).into_owned());
            } else {
                files.insert(path, entry.bytes);
            }
        }
        // A link to a file reads as that file; a link to a folder as the
        // files under it, as following it on disk would.
        let mut aliases = Vec::new();
        for (link, target) in &links {
            let why = match &resolve(link, &links) {
                Some(real) if files.contains_key(real) => {
                    aliases.push((link.clone(), files[real].clone()));
                    continue;
                }
                Some(real) => {
                    let prefix = format!("{real}/");
                    let under: Vec<_> = files
                        .range(prefix.clone()..)
                        .take_while(|(k, _)| k.starts_with(&prefix))
                        .map(|(k, v)| (format!("{link}/{}", &k[prefix.len()..]), v.clone()))
                        .collect();
                    if !under.is_empty() {
                        aliases.extend(under);
                        continue;
                    }
                    Why::LinkBroken(target.clone())
                }
                None if leaves_root(link, target) => Why::LinkOutside(target.clone()),
                None => Why::LinkLoop(target.clone()),
            };
            skipped.push(Skipped {
                path: link.clone(),
                why,
            });
        }
        files.extend(aliases);
        skipped.sort_by(|a, b| a.path.cmp(&b.path));
        Revision { files, skipped }
    }

    fn under<'a>(&'a self, dir: &str) -> impl Iterator<Item = (&'a String, &'a Vec<u8>)> + 'a {
        let prefix = if dir.is_empty() {
            String::new()
        } else {
            format!("{dir}/")
        };
        self.files
            .range(prefix.clone()..)
            .take_while(move |(k, _)| k.starts_with(&prefix))
    }

    fn list(&self, rel: &str, hidden: bool) -> Listing {
        let rel = rel.trim_end_matches('/');
        let visible = |path: &str| {
            let below = path[rel.len()..].trim_start_matches('/');
            hidden || below.split('/').all(|name| !name.starts_with('.'))
        };
        let in_scope =
            |path: &str| rel.is_empty() || path == rel || path.starts_with(&format!("{rel}/"));
        let files = match self.files.get_key_value(rel) {
            Some((path, bytes)) => vec![(path.clone(), bytes.len() as u64)],
            None => self
                .under(rel)
                .filter(|(k, _)| visible(k))
                .map(|(k, v)| (k.clone(), v.len() as u64))
                .collect(),
        };
        let skipped = self
            .skipped
            .iter()
            .filter(|s| in_scope(&s.path) && visible(&s.path))
            .cloned()
            .collect();
        Listing { files, skipped }
    }
}

/// Whether a link's target cannot be there (a name too long for the file
/// system cannot be either).
fn is_missing(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::{InvalidFilename, NotADirectory, NotFound, PermissionDenied};
    matches!(
        e.kind(),
        NotFound | NotADirectory | PermissionDenied | InvalidFilename
    )
}

/// A link's target as written, for messages.
fn link_target(path: &Path) -> String {
    std::fs::read_link(path).map_or_else(|_| String::new(), |t| t.to_string_lossy().into_owned())
}

/// Where the link at `link` finally leads, relative to the root, following
/// links on the way; `None` when it leaves the root or loops.
fn resolve(link: &str, links: &BTreeMap<String, String>) -> Option<String> {
    let mut path = link.to_string();
    for _ in 0..MAX_HOPS {
        // The first link among the path's leading folders, or the path itself.
        let mut at = None;
        for (i, _) in path.match_indices('/').chain([(path.len(), "")]) {
            if links.contains_key(&path[..i]) {
                at = Some(i);
                break;
            }
        }
        let Some(i) = at else {
            return Some(path);
        };
        let (head, rest) = path.split_at(i);
        let target = &links[head];
        let base = head.rsplit_once('/').map_or("", |(dir, _)| dir);
        let joined = join(base, target)?;
        path = format!("{joined}{rest}");
    }
    None
}

/// `target` (as a link in folder `base` writes it) relative to the root;
/// `None` when it is absolute or climbs out of the root.
fn join(base: &str, target: &str) -> Option<String> {
    if target.starts_with('/') {
        return None;
    }
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for segment in target.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// Whether a link's target, as written, points outside the root (rather
/// than at something missing inside it).
fn leaves_root(link: &str, target: &str) -> bool {
    let base = link.rsplit_once('/').map_or("", |(dir, _)| dir);
    join(base, target).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(path: &str, link: Option<&str>) -> GitEntry {
        GitEntry {
            path: path.as_bytes().to_vec(),
            link: link.is_some(),
            bytes: link.unwrap_or(path).as_bytes().to_vec(),
        }
    }

    #[test]
    fn a_revision_lists_and_finds_like_a_folder() {
        let tree = Tree::revision(
            [
                "roadmap/a.md",
                "roadmap/2027/b.md",
                "roadmap/.draft/c.md",
                "roadmapx.md",
                "static/.well-known/x",
            ]
            .into_iter()
            .map(|p| entry(p, None))
            .collect(),
        );
        let names = |l: Listing| l.files.into_iter().map(|(p, _)| p).collect::<Vec<_>>();
        assert_eq!(
            names(tree.list("roadmap", false).unwrap()),
            ["roadmap/2027/b.md", "roadmap/a.md"]
        );
        assert_eq!(
            names(tree.list("static", true).unwrap()),
            ["static/.well-known/x"]
        );
        assert!(tree.exists("roadmap/2027") && tree.exists("roadmap/a.md"));
        assert!(!tree.exists("road") && !tree.exists("pages"));
    }

    #[test]
    fn a_revision_follows_links_inside_the_root_only() {
        let tree = Tree::revision(vec![
            entry("roadmap/a.md", None),
            entry("pages/p.md", None),
            entry("roadmap/alias.md", Some("a.md")),
            entry("roadmap/more", Some("../pages")),
            entry("roadmap/chain.md", Some("alias.md")),
            entry("vision.md", Some("/proc/self/environ")),
            entry("static", Some("../../secrets")),
            entry("roadmap/gone.md", Some("nothing.md")),
            entry("roadmap/loop.md", Some("loop.md")),
            entry("roadmap/long.md", Some(&"x".repeat(300))),
        ]);
        let listing = tree.list("", false).unwrap();
        let files: Vec<&str> = listing.files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            files,
            [
                "pages/p.md",
                "roadmap/a.md",
                "roadmap/alias.md",
                "roadmap/chain.md",
                "roadmap/more/p.md"
            ]
        );
        let whys: Vec<(&str, &Why)> = listing
            .skipped
            .iter()
            .map(|s| (s.path.as_str(), &s.why))
            .collect();
        assert_eq!(
            whys,
            [
                ("roadmap/gone.md", &Why::LinkBroken("nothing.md".into())),
                ("roadmap/long.md", &Why::LinkBroken("x".repeat(300))),
                ("roadmap/loop.md", &Why::LinkLoop("loop.md".into())),
                ("static", &Why::LinkOutside("../../secrets".into())),
                ("vision.md", &Why::LinkOutside("/proc/self/environ".into())),
            ]
        );
        // A folder holding the same links skips them for the same reasons.
        let dir = tempfile::tempdir().unwrap();
        for (path, why) in &whys {
            let target = match why {
                Why::LinkBroken(t) | Why::LinkLoop(t) | Why::LinkOutside(t) => t,
                _ => unreachable!("links only"),
            };
            let at = dir.path().join(path);
            std::fs::create_dir_all(at.parent().unwrap()).unwrap();
            std::os::unix::fs::symlink(target.replace("/proc/self", "/nowhere"), at).unwrap();
        }
        let on_disk = Tree::disk(dir.path()).unwrap().list("", false).unwrap();
        let disk_whys: Vec<(&str, String)> = on_disk
            .skipped
            .iter()
            .map(|s| (s.path.as_str(), format!("{:?}", s.why)))
            .collect();
        let expected: Vec<(&str, String)> = whys
            .iter()
            .map(|(p, why)| (*p, format!("{why:?}").replace("/proc/self", "/nowhere")))
            .collect();
        assert_eq!(disk_whys, expected);
        match tree.read("roadmap/chain.md", 100).unwrap() {
            Some(Read::Bytes(b)) => assert_eq!(b, b"roadmap/a.md"),
            _ => panic!("the link is read as its target"),
        }
        assert!(tree.read("vision.md", 100).unwrap().is_none());
    }
}
