//! Works the script backwards from the example's files: the state before
//! each commit is the state after it with that commit's changes undone, so
//! the last commit holds `example-site/` exactly and every change is written
//! once, as what it did. A change that no longer matches the example stops
//! the demo with the commit and the text it could not find.

use crate::script::{Change, Commit};
use anyhow::{Context, Result, bail, ensure};
use std::collections::BTreeMap;

pub type Files = BTreeMap<String, Vec<u8>>;

/// The files after each commit, in the order of `commits`.
pub fn states(last: Files, commits: &[&Commit]) -> Result<Vec<Files>> {
    let Some((first, rest)) = commits.split_first() else {
        bail!("the demo has no commits");
    };
    ensure!(
        first.changes.is_empty(),
        "the first commit holds whatever the others leave, so it lists no changes"
    );
    let mut states = vec![last];
    for commit in rest.iter().rev() {
        let mut files = states.last().expect("one state at least").clone();
        for change in commit.changes.iter().rev() {
            undo(&mut files, change)
                .with_context(|| format!("the demo's commit \"{}\"", commit.subject()))?;
        }
        states.push(files);
    }
    states.reverse();
    Ok(states)
}

fn undo(files: &mut Files, change: &Change) -> Result<()> {
    match *change {
        Change::Add(path) => {
            files
                .remove(path)
                .with_context(|| format!("it adds {path}, which the example does not have"))?;
        }
        Change::Move(from, to) => {
            let bytes = files.remove(to).with_context(|| {
                format!("it moves {from} to {to}, which the example does not have")
            })?;
            ensure!(
                !files.contains_key(from),
                "it moves {from}, which is still there"
            );
            files.insert(from.to_string(), bytes);
        }
        Change::Edit(path, before, after) => replace(files, path, after, before)?,
        Change::Field(path, field, old, new) => replace(
            files,
            path,
            &format!("\n{field}: {new}\n"),
            &format!("\n{field}: {old}\n"),
        )?,
        Change::Line(path, line) => replace(files, path, &format!("\n{line}\n"), "\n")?,
        Change::Values(date) => {
            let mut found = false;
            for (path, bytes) in files.iter_mut().filter(|(p, _)| p.starts_with("metrics/")) {
                let text =
                    std::str::from_utf8(bytes).with_context(|| format!("{path} is not UTF-8"))?;
                let mark = format!("{{ date: {date}, ");
                let kept: Vec<&str> = text
                    .split_inclusive('\n')
                    .filter(|l| !l.contains(&mark))
                    .collect();
                found |= kept.len() < text.split_inclusive('\n').count();
                *bytes = kept.concat().into_bytes();
            }
            ensure!(
                found,
                "it adds metric values for {date}, which no metric has"
            );
        }
    }
    Ok(())
}

/// Puts `old` back where the commit wrote `new`, which must be there once.
fn replace(files: &mut Files, path: &str, new: &str, old: &str) -> Result<()> {
    let bytes = files
        .get_mut(path)
        .with_context(|| format!("it changes {path}, which is not there"))?;
    let text = std::str::from_utf8(bytes).with_context(|| format!("{path} is not UTF-8"))?;
    let found = text.matches(new).count();
    if found != 1 {
        bail!("it writes {new:?} in {path}, which the file has {found} times, not once");
    }
    *bytes = text.replacen(new, old, 1).into_bytes();
    Ok(())
}
