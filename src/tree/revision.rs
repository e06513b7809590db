//! A git revision's files under the strategy root, held in memory, its
//! symbolic links followed inside the root as on disk.

use super::{GitEntry, Listing, Read, Skipped, Why, hidden, target_of};
use std::collections::BTreeMap;

/// Every file under the strategy root at a revision, by relative path,
/// its links already followed.
pub struct Revision {
    files: BTreeMap<String, Vec<u8>>,
    skipped: Vec<Skipped>,
}

/// How many links a path may pass through, as the OS allows (`ELOOP`).
const MAX_HOPS: usize = 40;

impl Revision {
    pub fn read(&self, rel: &str, max: u64) -> Option<Read> {
        self.files.get(rel).map(|b| match b.len() as u64 {
            n if n > max => Read::TooLarge(n),
            _ => Read::Bytes(b.clone()),
        })
    }

    pub fn exists(&self, rel: &str) -> bool {
        let rel = rel.trim_end_matches('/');
        self.files.contains_key(rel) || self.under(rel).next().is_some()
    }

    pub fn new(entries: Vec<GitEntry>) -> Revision {
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
                Ok(real) if hidden(real) => Why::LinkHidden(target.clone()),
                Ok(real) if files.contains_key(real) => {
                    aliases.push((link.clone(), files[real].clone()));
                    continue;
                }
                Ok(real) => {
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
                Err(Unresolved::Outside) => Why::LinkOutside(target.clone()),
                Err(Unresolved::Loop) => Why::LinkLoop(target.clone()),
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

    pub fn list(&self, rel: &str, hidden: bool) -> Listing {
        let rel = rel.trim_end_matches('/');
        let visible = |path: &str| {
            let below = path[rel.len()..].trim_start_matches('/');
            hidden || below.split('/').all(|name| !name.starts_with('.'))
        };
        let in_scope =
            |path: &str| rel.is_empty() || path == rel || path.starts_with(&format!("{rel}/"));
        let files = match self.files.get_key_value(rel) {
            Some((path, _)) => vec![path.clone()],
            None => self
                .under(rel)
                .filter(|(k, _)| visible(k))
                .map(|(k, _)| k.clone())
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

/// Why a link in a revision leads nowhere readable.
enum Unresolved {
    Outside,
    Loop,
}

/// Where the link at `link` finally leads, relative to the root, following
/// links on the way.
fn resolve(link: &str, links: &BTreeMap<String, String>) -> Result<String, Unresolved> {
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
            return Ok(path);
        };
        let (head, rest) = path.split_at(i);
        let joined = target_of(head, &links[head]).ok_or(Unresolved::Outside)?;
        path = format!("{joined}{rest}");
    }
    Err(Unresolved::Loop)
}

#[cfg(test)]
mod tests {
    use super::super::Tree;
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
        let names = |l: Listing| l.files;
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
            entry(".git/config", None),
            entry("pages/config", Some("../.git/config")),
        ]);
        let listing = tree.list("", false).unwrap();
        let files: Vec<&str> = listing.files.iter().map(String::as_str).collect();
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
                ("pages/config", &Why::LinkHidden("../.git/config".into())),
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
                Why::LinkBroken(t)
                | Why::LinkLoop(t)
                | Why::LinkOutside(t)
                | Why::LinkHidden(t) => t,
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
