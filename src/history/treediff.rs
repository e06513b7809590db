//! Which files differ between two trees, and which of those are renames.
//! libgit2's tree diff walks every entry of both trees; this one steps
//! over every sub-tree whose id is unchanged, which is what makes a pass
//! over thousands of commits of a large strategy as cheap as `git log`.
//! Trees are read raw from the object database and walked in place:
//! libgit2's parsed trees allocate every entry and cost a call per
//! entry, many times the cost of reading a folder of a thousand items.

use git2::{ObjectType, Odb, OdbObject, Oid, Repository};
use rustc_hash::FxHashMap;
use std::cmp::Ordering;
use std::ffi::CStr;
use std::rc::Rc;

/// A file that differs: its blob before and after (`None`: absent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delta {
    pub old_path: String,
    pub path: String,
    pub old: Option<Oid>,
    pub new: Option<Oid>,
}

/// Reads trees for one thread, keeping those read last (a few hundred
/// small ones, a few of a large folder): walking consecutive commits, a
/// folder's tree before a commit is its tree after the next commit that
/// changes the folder, a few commits further on.
pub struct Trees<'o> {
    repo: &'o Repository,
    odb: &'o Odb<'o>,
    /// Each tree with the tick it was last used at.
    cache: FxHashMap<Oid, (Rc<OdbObject<'o>>, u64)>,
    /// The size of the trees in `cache`.
    bytes: usize,
    clock: u64,
}

/// How many trees `Trees` keeps at most: those of a few dozen commits.
const KEEP: usize = 256;

/// How many bytes of trees `Trees` keeps at most: a folder of 10,000
/// files is a tree of half a megabyte, and a few hundred of those would
/// be most of what a build holds. Walking one line of commits needs only
/// the trees of the commit before; a tree read again after a few versions
/// of it (a merged branch's) costs one read, as it did the first time.
const KEEP_BYTES: usize = 2 << 20;

/// How deep folders may nest: walking one level takes a few hundred bytes
/// of stack (a few KiB unoptimised), and a thread has 2 MiB.
pub(super) const MAX_DEPTH: usize = 1024;

impl<'o> Trees<'o> {
    pub fn new(repo: &'o Repository, odb: &'o Odb<'o>) -> Self {
        Trees {
            repo,
            odb,
            cache: FxHashMap::default(),
            bytes: 0,
            clock: 0,
        }
    }

    fn read(&mut self, id: Oid) -> Result<Rc<OdbObject<'o>>, git2::Error> {
        self.clock += 1;
        if let Some((tree, used)) = self.cache.get_mut(&id) {
            *used = self.clock;
            return Ok(Rc::clone(tree));
        }
        let tree = self.odb.read(id)?;
        if tree.kind() != ObjectType::Tree {
            return Err(git2::Error::from_str(&format!("object {id} is not a tree")));
        }
        if self.cache.len() >= 2 * KEEP || self.bytes >= 2 * KEEP_BYTES {
            self.forget_oldest();
        }
        self.bytes += tree.len();
        let tree = Rc::new(tree);
        self.cache.insert(id, (Rc::clone(&tree), self.clock));
        Ok(tree)
    }

    /// Keeps the trees used last, up to `KEEP` of them and `KEEP_BYTES`.
    fn forget_oldest(&mut self) {
        let mut newest: Vec<(u64, usize)> = self
            .cache
            .values()
            .map(|(tree, used)| (*used, tree.len()))
            .collect();
        newest.sort_unstable_by(|a, b| b.cmp(a));
        let mut bytes = 0;
        let kept = newest
            .iter()
            .take(KEEP)
            .take_while(|&&(_, len)| {
                bytes += len;
                bytes <= KEEP_BYTES
            })
            .count();
        let cut = newest.get(kept).map_or(0, |&(used, _)| used);
        self.cache.retain(|_, &mut (_, used)| used > cut);
        self.bytes = self.cache.values().map(|(tree, _)| tree.len()).sum();
    }

    /// The kind and id of the entry at `path` (`a/b/c`) under `tree`.
    pub fn find(
        &mut self,
        tree: Oid,
        path: &str,
    ) -> Result<Option<(ObjectType, Oid)>, git2::Error> {
        let mut found = (ObjectType::Tree, tree);
        for name in path.split('/') {
            if found.0 != ObjectType::Tree {
                return Ok(None);
            }
            let data = self.read(found.1)?;
            let mut entries = Entries(data.data());
            found = loop {
                let entry = entries.peek()?;
                match entry {
                    Some(e) if e.name == name.as_bytes() => break (e.kind(), e.id()?),
                    Some(_) => entries.step_over(entry),
                    None => return Ok(None),
                }
            };
        }
        Ok(Some(found))
    }

    /// Every file under `tree`, by path, with its blob.
    pub fn files(&mut self, tree: Oid) -> Result<Vec<(String, Oid)>, git2::Error> {
        let mut out = Vec::new();
        self.walk(None, Some(tree), "", &mut Vec::new(), &mut out)?;
        Ok(out
            .into_iter()
            .filter_map(|d| Some((d.path, d.new?)))
            .collect())
    }

    /// The files that differ between the trees `old` and `new` (`None`:
    /// no tree), renames paired up as git does with `-M`: same content,
    /// or at least half the lines in common.
    pub fn diff(&mut self, old: Option<Oid>, new: Option<Oid>) -> Result<Vec<Delta>, git2::Error> {
        let mut out = Vec::new();
        self.walk(old, new, "", &mut Vec::new(), &mut out)?;
        pair_renames(self.repo, &mut out)?;
        Ok(out)
    }

    /// `above` holds the trees being walked, outermost first: a damaged
    /// repository (a pack index pointing at the wrong object) can hold a
    /// tree that contains itself, which would recurse until the stack
    /// overflows, and nesting deeper than git allows is refused likewise.
    fn walk(
        &mut self,
        old: Option<Oid>,
        new: Option<Oid>,
        dir: &str,
        above: &mut Vec<Pair>,
        out: &mut Vec<Delta>,
    ) -> Result<(), git2::Error> {
        if above.len() >= MAX_DEPTH {
            return Err(git2::Error::from_str(&format!(
                "folders nested more than {MAX_DEPTH} deep"
            )));
        }
        let repeats = |(o, n): &Pair| (old.is_some() && *o == old) || (new.is_some() && *n == new);
        if above.iter().any(repeats) {
            return Err(git2::Error::from_str(&format!(
                "the tree at {dir} contains itself"
            )));
        }
        above.push((old, new));
        let walked = self.walk_in(old, new, dir, above, out);
        above.pop();
        walked
    }

    fn walk_in(
        &mut self,
        old: Option<Oid>,
        new: Option<Oid>,
        dir: &str,
        above: &mut Vec<Pair>,
        out: &mut Vec<Delta>,
    ) -> Result<(), git2::Error> {
        let old = old.map(|id| self.read(id)).transpose()?;
        let new = new.map(|id| self.read(id)).transpose()?;
        let mut a = Entries(old.as_ref().map_or(&[][..], |t| t.data()));
        let mut b = Entries(new.as_ref().map_or(&[][..], |t| t.data()));
        loop {
            a.skip_common(&mut b)?;
            let (x, y) = (a.peek()?, b.peek()?);
            let order = match (&x, &y) {
                (None, None) => break,
                (Some(e), Some(f)) => git_order(e, f),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
            };
            let (before, after) = match order {
                Ordering::Less => (x, None),
                Ordering::Greater => (None, y),
                Ordering::Equal => (x, y),
            };
            a.step_over(before);
            b.step_over(after);
            // Submodules are not part of the strategy.
            let tracked = |e: &Entry| e.kind() != ObjectType::Commit;
            self.visit(
                before.filter(tracked),
                after.filter(tracked),
                dir,
                above,
                out,
            )?;
        }
        Ok(())
    }

    /// One entry of a folder, before and after: unchanged, a file that
    /// differs, or a sub-tree to walk.
    fn visit(
        &mut self,
        before: Option<Entry>,
        after: Option<Entry>,
        dir: &str,
        above: &mut Vec<Pair>,
        out: &mut Vec<Delta>,
    ) -> Result<(), git2::Error> {
        let (old, new) = (
            before.map(|e| e.id()).transpose()?,
            after.map(|e| e.id()).transpose()?,
        );
        let Some(entry) = before.or(after) else {
            return Ok(());
        };
        if before.is_some() && after.is_some() && old == new {
            return Ok(());
        }
        let path = format!("{dir}{}", String::from_utf8_lossy(entry.name));
        // Entries of one name on both sides are of one kind: git's order
        // sets a sub-tree apart from a file of the same name.
        if entry.kind() == ObjectType::Tree {
            self.walk(old, new, &format!("{path}/"), above, out)
        } else {
            out.push(Delta {
                old_path: path.clone(),
                path,
                old,
                new,
            });
            Ok(())
        }
    }
}

/// A tree before and after, being walked.
type Pair = (Option<Oid>, Option<Oid>);

/// SHA-1 object ids, the only kind libgit2 reads unless built otherwise.
const ID_LEN: usize = 20;

/// One entry of a raw tree: `<octal mode> <name>\0<id>`.
#[derive(Clone, Copy)]
struct Entry<'t> {
    /// The whole entry, to tell an unchanged one at a glance.
    raw: &'t [u8],
    mode: u32,
    name: &'t [u8],
    id: &'t [u8],
}

impl Entry<'_> {
    /// As libgit2 tells it from the mode.
    fn kind(&self) -> ObjectType {
        match self.mode & 0o170_000 {
            0o040_000 => ObjectType::Tree,
            0o160_000 => ObjectType::Commit,
            _ => ObjectType::Blob,
        }
    }

    fn id(&self) -> Result<Oid, git2::Error> {
        Oid::from_bytes(self.id)
    }
}

/// The entries of a raw tree, in order.
struct Entries<'t>(&'t [u8]);

impl<'t> Entries<'t> {
    /// Steps both over the entries they start with byte for byte: two
    /// versions of a folder mostly differ in an entry or two, and finding
    /// where they part is much cheaper than comparing entry by entry.
    fn skip_common(&mut self, other: &mut Entries<'t>) -> Result<(), git2::Error> {
        let common = common_prefix(self.0, other.0);
        if common == self.0.len() && common == other.0.len() {
            self.0 = &[];
            other.0 = &[];
            return Ok(());
        }
        let mut at = 0;
        while at < common {
            let end = at + entry_len(&self.0[at..])?;
            if end > common {
                break;
            }
            at = end;
        }
        self.0 = &self.0[at..];
        other.0 = &other.0[at..];
        Ok(())
    }

    fn peek(&self) -> Result<Option<Entry<'t>>, git2::Error> {
        let data = self.0;
        if data.is_empty() {
            return Ok(None);
        }
        let end = entry_len(data)?;
        let space = data
            .iter()
            .position(|&b| b == b' ')
            .filter(|&s| s > 0 && s < end);
        let space = space.ok_or_else(malformed)?;
        let mode = data[..space].iter().try_fold(0u32, |m, &d| match d {
            b'0'..=b'7' => Ok((m << 3) | u32::from(d - b'0')),
            _ => Err(malformed()),
        })?;
        Ok(Some(Entry {
            raw: &data[..end],
            mode,
            name: &data[space + 1..end - ID_LEN - 1],
            id: &data[end - ID_LEN..end],
        }))
    }

    /// Moves past `entry`, the one `peek` returned, if any.
    fn step_over(&mut self, entry: Option<Entry>) {
        if let Some(entry) = entry {
            self.0 = &self.0[entry.raw.len()..];
        }
    }
}

fn malformed() -> git2::Error {
    git2::Error::from_str("malformed tree object")
}

/// The length of the entry `data` starts with: up to the NUL ending its
/// name, then the id.
fn entry_len(data: &[u8]) -> Result<usize, git2::Error> {
    // `CStr` finds the NUL a word at a time, much faster than a byte loop.
    let name = CStr::from_bytes_until_nul(data).map_err(|_| malformed())?;
    let len = name.count_bytes() + 1 + ID_LEN;
    if len > data.len() {
        return Err(malformed());
    }
    Ok(len)
}

/// How many bytes `a` and `b` start with in common.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    // Whole chunks compare as one `memcmp`, many times faster than bytes.
    const CHUNK: usize = 64;
    let len = a.len().min(b.len());
    let mut at = 0;
    while at + CHUNK <= len && a[at..at + CHUNK] == b[at..at + CHUNK] {
        at += CHUNK;
    }
    at + a[at..len]
        .iter()
        .zip(&b[at..len])
        .take_while(|(x, y)| x == y)
        .count()
}

/// Git's order of tree entries: a sub-tree sorts as if its name ended in `/`.
fn git_order(a: &Entry, b: &Entry) -> Ordering {
    fn key<'e>(e: &'e Entry) -> impl Iterator<Item = u8> + 'e {
        let slash = (e.kind() == ObjectType::Tree).then_some(b'/');
        e.name.iter().copied().chain(slash)
    }
    key(a).cmp(key(b))
}

/// Turns a deletion and a creation into one rename when they are the same
/// file: identical content first, then the most similar content.
fn pair_renames(repo: &Repository, deltas: &mut Vec<Delta>) -> Result<(), git2::Error> {
    let deleted: Vec<usize> = (0..deltas.len())
        .filter(|&i| deltas[i].new.is_none())
        .collect();
    let created: Vec<usize> = (0..deltas.len())
        .filter(|&i| deltas[i].old.is_none())
        .collect();
    if deleted.is_empty() || created.is_empty() {
        return Ok(());
    }
    let mut gone: FxHashMap<Oid, Vec<usize>> = FxHashMap::default();
    for &d in &deleted {
        gone.entry(deltas[d].old.expect("deleted"))
            .or_default()
            .push(d);
    }
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut unmatched = Vec::new();
    for &c in &created {
        match gone
            .get_mut(&deltas[c].new.expect("created"))
            .and_then(Vec::pop)
        {
            Some(d) => pairs.push((d, c)),
            None => unmatched.push(c),
        }
    }
    let mut left: Vec<usize> = gone.into_values().flatten().collect();
    left.sort_unstable();
    // Similarity needs the contents; like git's rename limit, give up on
    // very large batches rather than compare every pair.
    if !left.is_empty() && left.len() * unmatched.len() <= 10_000 {
        let lines = |id: Oid| -> Result<Vec<u64>, git2::Error> {
            Ok(line_hashes(repo.find_blob(id)?.content()))
        };
        let old_lines = left
            .iter()
            .map(|&d| lines(deltas[d].old.expect("deleted")))
            .collect::<Result<Vec<_>, _>>()?;
        let mut taken = vec![false; left.len()];
        for &c in &unmatched {
            let new_lines = lines(deltas[c].new.expect("created"))?;
            let best = (0..left.len())
                .filter(|&k| !taken[k])
                .map(|k| (similarity(&old_lines[k], &new_lines), k))
                .filter(|(s, _)| *s >= 0.5)
                .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
            if let Some((_, k)) = best {
                taken[k] = true;
                pairs.push((left[k], c));
            }
        }
    }
    let mut remove = Vec::new();
    for (d, c) in pairs {
        deltas[c].old_path = deltas[d].old_path.clone();
        deltas[c].old = deltas[d].old;
        remove.push(d);
    }
    remove.sort_unstable();
    for d in remove.into_iter().rev() {
        deltas.remove(d);
    }
    Ok(())
}

fn line_hashes(bytes: &[u8]) -> Vec<u64> {
    use std::hash::{Hash, Hasher};
    let mut out: Vec<u64> = bytes
        .split(|&b| b == b'\n')
        .map(|line| {
            let mut h = rustc_hash::FxHasher::default();
            line.hash(&mut h);
            h.finish()
        })
        .collect();
    out.sort_unstable();
    out
}

/// Lines in common over the longer file's lines (both sorted).
fn similarity(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common as f64 / a.len().max(b.len()).max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tree stored under its own id with an entry naming that id: a
    /// repository damaged (or forged) so that the tree contains itself.
    #[test]
    fn a_tree_that_contains_itself_is_an_error_not_a_stack_overflow() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        let blob = repo.blob(b"text").unwrap();
        let mut builder = repo.treebuilder(None).unwrap();
        builder.insert("a.md", blob, 0o100_644).unwrap();
        let tree = builder.write().unwrap();
        let mut content = repo.odb().unwrap().read(tree).unwrap().data().to_vec();
        content.extend_from_slice(b"40000 zz\0");
        content.extend_from_slice(tree.as_bytes());
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        write!(z, "tree {}\0", content.len()).unwrap();
        z.write_all(&content).unwrap();
        let hex = tree.to_string();
        let file = repo
            .path()
            .join(format!("objects/{}/{}", &hex[..2], &hex[2..]));
        std::fs::remove_file(&file).unwrap();
        std::fs::write(&file, z.finish().unwrap()).unwrap();
        // As when reading history: a forged id is not noticed by libgit2.
        git2::opts::strict_hash_verification(false);
        let repo = Repository::open(dir.path()).unwrap();
        let odb = repo.odb().unwrap();
        let mut trees = Trees::new(&repo, &odb);
        let err = trees.files(tree).unwrap_err();
        assert_eq!(err.message(), "the tree at zz/ contains itself");
        let err = trees.diff(None, Some(tree)).unwrap_err();
        assert_eq!(err.message(), "the tree at zz/ contains itself");
    }

    #[test]
    fn similarity_counts_shared_lines() {
        let a = line_hashes(b"a\nb\nc\nd");
        assert_eq!(similarity(&a, &line_hashes(b"a\nb\nc\nx")), 0.75);
        assert_eq!(similarity(&a, &line_hashes(b"x\ny")), 0.0);
    }
}
