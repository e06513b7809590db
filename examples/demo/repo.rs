//! Writes the demonstration repository with git2: trees straight from the
//! scripted states, commits and annotated tags with fixed identities and
//! times, so that nothing from the machine (git settings, the clock) reaches
//! an object and every run gives the same hashes.

use crate::rewind::Files;
use crate::script::{Commit, ZONES};
use anyhow::{Context, Result, bail};
use git2::{Repository, RepositoryInitOptions, Signature, Time};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// The file that marks a folder as a demo this example may replace.
const MARKER: &str = "charter-demo";

/// What was written, for the summary line.
pub struct Made {
    pub authors: usize,
    pub first: String,
    pub last: String,
    pub tags: Vec<&'static str>,
}

/// Empties `dir` for a new demo: it may be missing, empty, or a demo made
/// before; anything else is refused, so that no one's work is deleted.
pub fn prepare(dir: &Path) -> Result<()> {
    if dir.join(".git").join(MARKER).is_file() {
        std::fs::remove_dir_all(dir)
            .with_context(|| format!("remove the old demo {}", dir.display()))?;
    } else if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .with_context(|| format!("{} exists and is not a folder", dir.display()))?
            .next()
            .is_none();
        if !empty {
            bail!(
                "{} exists and is not a demo made by this example; name a new or empty folder",
                dir.display()
            );
        }
    }
    std::fs::create_dir_all(dir).with_context(|| format!("create {}", dir.display()))
}

/// Writes one commit per state on `main`, tags them, and checks out the last.
pub fn write(dir: &Path, states: &[Files], commits: &[&Commit]) -> Result<Made> {
    let repo = Repository::init_opts(dir, RepositoryInitOptions::new().initial_head("main"))
        .with_context(|| format!("create a git repository in {}", dir.display()))?;
    std::fs::write(
        repo.path().join(MARKER),
        "made by `cargo run --example demo`\n",
    )?;
    // The built site is not part of the strategy.
    std::fs::write(repo.path().join("info").join("exclude"), "/public\n")?;
    // A local setting, so that a global `core.autocrlf` does not rewrite the checkout.
    repo.config()?.set_bool("core.autocrlf", false)?;
    let people = People::read(states.last().context("no commits")?)?;
    let mut blobs = HashMap::new();
    let mut parent = None;
    let mut tags = Vec::new();
    for (files, commit) in states.iter().zip(commits) {
        let sig = people.signature(commit)?;
        let tree = repo.find_tree(tree(&repo, files, &mut blobs)?)?;
        let parents: Vec<git2::Commit> = parent
            .iter()
            .map(|&p| repo.find_commit(p))
            .collect::<Result<_, _>>()?;
        let parents: Vec<&git2::Commit> = parents.iter().collect();
        let oid = repo.commit(Some("HEAD"), &sig, &sig, commit.message, &tree, &parents)?;
        if let Some((name, message)) = commit.tag {
            repo.tag(name, &repo.find_object(oid, None)?, &sig, message, false)
                .with_context(|| format!("tag {name}"))?;
            tags.push(name);
        }
        parent = Some(oid);
    }
    repo.checkout_head(Some(git2::build::CheckoutBuilder::new().force()))
        .context("check out the demo")?;
    let date = |c: &Commit| c.when[..10].to_string();
    Ok(Made {
        authors: commits
            .iter()
            .map(|c| c.author)
            .collect::<BTreeSet<_>>()
            .len(),
        first: date(commits[0]),
        last: date(commits[commits.len() - 1]),
        tags,
    })
}

/// The tree of `files` (paths `/`-separated), every file a regular one.
/// Each content is written once: writing it again for every commit costs
/// libgit2 a temporary file per file per commit.
fn tree(
    repo: &Repository,
    files: &BTreeMap<String, Vec<u8>>,
    blobs: &mut HashMap<Vec<u8>, git2::Oid>,
) -> Result<git2::Oid> {
    let mut builder = repo.treebuilder(None)?;
    let mut folders: BTreeMap<&str, BTreeMap<String, Vec<u8>>> = BTreeMap::new();
    for (path, bytes) in files {
        match path.split_once('/') {
            Some((folder, rest)) => {
                folders
                    .entry(folder)
                    .or_default()
                    .insert(rest.to_string(), bytes.clone());
            }
            None => {
                let blob = match blobs.get(bytes) {
                    Some(&oid) => oid,
                    None => *blobs.entry(bytes.clone()).or_insert(repo.blob(bytes)?),
                };
                builder.insert(path, blob, 0o100644)?;
            }
        }
    }
    for (folder, inner) in &folders {
        builder.insert(folder, tree(repo, inner, blobs)?, 0o040000)?;
    }
    Ok(builder.write()?)
}

/// Authors' names and emails, as the example's `people/` gives them.
struct People(BTreeMap<String, (String, String)>);

impl People {
    fn read(files: &Files) -> Result<People> {
        let mut people = BTreeMap::new();
        for (path, bytes) in files {
            let Some(id) = path
                .strip_prefix("people/")
                .and_then(|p| p.strip_suffix(".md"))
            else {
                continue;
            };
            let text =
                std::str::from_utf8(bytes).with_context(|| format!("{path} is not UTF-8"))?;
            let field = |name: &str| {
                text.lines()
                    .skip(1)
                    .take_while(|l| *l != "---")
                    .find_map(|l| l.strip_prefix(name)?.strip_prefix(": "))
                    .map(|v| v.trim_matches('"').to_string())
                    .with_context(|| format!("{path} has no {name}"))
            };
            people.insert(id.to_string(), (field("name")?, field("email")?));
        }
        Ok(People(people))
    }

    fn signature(&self, commit: &Commit) -> Result<Signature<'static>> {
        let who = commit.author;
        let (name, email) = self
            .0
            .get(who)
            .with_context(|| format!("no people/{who}.md"))?;
        let hours = ZONES
            .iter()
            .find_map(|&(id, hours)| (id == who).then_some(hours))
            .with_context(|| format!("no time zone for {who}"))?;
        let local: jiff::civil::DateTime = commit
            .when
            .parse()
            .with_context(|| format!("{} is not a date and time", commit.when))?;
        let seconds = jiff::tz::offset(hours).to_timestamp(local)?.as_second();
        Ok(Signature::new(
            name,
            email,
            &Time::new(seconds, i32::from(hours) * 60),
        )?)
    }
}
