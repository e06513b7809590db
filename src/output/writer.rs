//! Writes a site one file at a time, as each is made, so that a build
//! never holds all its pages: the paths come first, and with them every
//! check that needs the whole site (the user's files it would overwrite,
//! the files it removes); then each file's bytes are compared with the
//! output folder's and, when they changed, written into the staging
//! folder and dropped. The staging folder is made at the first changed
//! file, so that a rebuild that changes nothing touches nothing.

use super::existing::{Existing, Plan};
use super::switch::{self, Places};
use super::{Written, remove_tree, stage};
use anyhow::{Result, bail};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, OnceLock};

/// A site on its way into the output folder. Dropped before `finish`
/// (a page failed to render), it removes what it staged, and the output
/// folder stays as it was.
pub struct Writer {
    out: PathBuf,
    paths: BTreeSet<String>,
    existing: Existing,
    force: bool,
    plan: Plan,
    places: OnceLock<Places>,
    /// Held while the staging folder is made.
    opening: Mutex<()>,
    written: AtomicUsize,
    unchanged: Mutex<Vec<String>>,
}

impl Writer {
    /// Starts writing the site of `paths` into `out` (as `check_out_dir`
    /// returned it). First completes or clears what an interrupted build
    /// left; then, before anything is written, refuses to overwrite the
    /// user's files unless `force`.
    pub fn begin(out: &Path, paths: BTreeSet<String>, force: bool) -> Result<Writer> {
        switch::recover(out)?;
        let existing = Existing::read(out)?;
        let plan = plan(&existing, &paths, out, force)?;
        Ok(Writer {
            out: out.to_path_buf(),
            paths,
            existing,
            force,
            plan,
            places: OnceLock::new(),
            opening: Mutex::default(),
            written: AtomicUsize::new(0),
            unchanged: Mutex::default(),
        })
    }

    /// Makes `all` the site's paths: those given to `begin` and more, now
    /// known, checked as `begin` checks them. Call it between files, not
    /// while they are being put.
    pub fn announce(&mut self, all: BTreeSet<String>) -> Result<()> {
        if let Some(gone) = self.paths.iter().find(|p| !all.contains(*p)) {
            bail!("cannot write `{gone}`: it is no longer one of the site's files");
        }
        if all.len() == self.paths.len() {
            return Ok(());
        }
        let plan = plan(&self.existing, &all, &self.out, self.force)?;
        let more: Vec<String> = all.difference(&self.paths).cloned().collect();
        if let Some(places) = self.places.get() {
            stage::extend(&places.staging, &more)?;
        }
        self.plan = plan;
        self.paths = all;
        Ok(())
    }

    /// Stages the file at `rel`, one of the paths, unless the previous
    /// build wrote the same bytes there. Called from any thread.
    pub fn put(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        if !self.paths.contains(rel) {
            bail!("cannot write `{rel}`: it is not one of the site's files");
        }
        if self.plan.previous.contains(rel) && same_bytes(&self.out.join(rel), bytes) {
            lock(&self.unchanged).push(rel.to_string());
            return Ok(());
        }
        self.written.fetch_add(1, Ordering::Relaxed);
        stage::replace(&self.places()?.staging.join(rel), bytes)
    }

    /// Puts the staged site in place of the output folder, once every
    /// file is put.
    pub fn finish(mut self) -> Result<Written> {
        let unchanged = std::mem::take(&mut *lock(&self.unchanged));
        let stats = Written {
            written: self.written.load(Ordering::Relaxed),
            unchanged: unchanged.len(),
            removed: self.plan.removed,
        };
        if stats.written + stats.unchanged != self.paths.len() {
            bail!(
                "cannot write the site to {}: {} of its {} files were made",
                self.out.display(),
                stats.written + stats.unchanged,
                self.paths.len()
            );
        }
        if stats.written == 0 && self.plan.same_files {
            return Ok(stats);
        }
        let staging = &self.places()?.staging;
        stage::close(staging, &self.out, &self.paths, &unchanged, &self.plan)?;
        // From here on the staged site is the new one, or (after a swap)
        // the old one kept to stage into: it is no longer dropped.
        if let Some(places) = self.places.take() {
            switch::switch(&self.out, &places, &self.plan.stale)?;
        }
        Ok(stats)
    }

    /// The staging folder, made on the first call.
    fn places(&self) -> Result<&Places> {
        if let Some(places) = self.places.get() {
            return Ok(places);
        }
        let _one = lock(&self.opening);
        if let Some(places) = self.places.get() {
            return Ok(places);
        }
        let places = switch::prepare(&self.out)?;
        let opened = stage::open(&places.staging, &self.paths, &self.plan);
        // Kept even when opening failed, so that dropping removes it.
        let places = self.places.get_or_init(|| places);
        opened.map(|()| places)
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        if let Some(places) = self.places.get() {
            let _ = remove_tree(&places.staging);
        }
    }
}

/// What writing the site of `paths` into `out` changes, refusing to
/// overwrite the user's files unless `force`.
fn plan(existing: &Existing, paths: &BTreeSet<String>, out: &Path, force: bool) -> Result<Plan> {
    let plan = existing.plan(paths)?;
    if !force {
        plan.refuse_collisions(out)?;
    }
    Ok(plan)
}

/// Whether the file at `path` holds exactly `bytes`.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    fs::metadata(path).is_ok_and(|m| m.len() == bytes.len() as u64)
        && fs::read(path).is_ok_and(|old| old == bytes)
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::tests::{tree, write};
    use std::collections::BTreeMap;

    #[test]
    fn only_the_announced_files_are_written_and_only_all_of_them() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let old = BTreeMap::from([("a.html".to_string(), b"A".to_vec())]);
        write(&out, &old, false).unwrap();
        let before = tree(&out);

        let paths = BTreeSet::from(["a.html".to_string(), "b.html".to_string()]);
        let writer = Writer::begin(&out, paths, false).unwrap();
        assert!(writer.put("../c.html", b"C").is_err());
        writer.put("a.html", b"A2").unwrap();
        let missing = writer.finish().unwrap_err().to_string();
        assert!(missing.contains("1 of its 2 files"), "{missing}");
        assert_eq!(tree(&out), before);
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "staging was left"
        );
    }

    #[test]
    fn paths_announced_later_are_written_once_announced_and_none_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let early = BTreeSet::from(["a.html".to_string()]);
        let mut writer = Writer::begin(&out, early, false).unwrap();
        writer.put("a.html", b"A").unwrap();
        assert!(writer.put("late/b.html", b"B").is_err());
        let without_a = BTreeSet::from(["late/b.html".to_string()]);
        assert!(writer.announce(without_a).is_err());
        let all = BTreeSet::from(["a.html".to_string(), "late/b.html".to_string()]);
        writer.announce(all).unwrap();
        writer.put("late/b.html", b"B").unwrap();
        writer.finish().unwrap();
        let written = tree(&out);
        assert_eq!(written["a.html"], "A");
        assert_eq!(written["late/b.html"], "B");
    }
}
