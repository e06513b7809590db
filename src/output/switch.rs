//! Puts the staged site in place of the output folder in one step, so that
//! whoever reads the folder, and a build killed at any moment, sees the old
//! site or the new one, never a mix: the two folders are swapped with one
//! atomic rename (`renameat2(RENAME_EXCHANGE)` on Linux, `renamex_np(RENAME_SWAP)`
//! on macOS). The old site stays where the new one was staged, hidden and
//! never published, and the next build stages into it: it then changes
//! only what changed, instead of making (and deleting) a folder for every
//! page, which costs seconds at 10,000 pages. Where a swap is impossible
//! (other systems, file systems that refuse it, an output folder that is a
//! mount point or whose parent is read-only), the `journal` moves the files
//! instead and the next build completes what an interruption left.

use super::{JOURNAL_INSIDE, STAGING_INSIDE, journal, remove_tree};
use anyhow::{Context, Result};
use std::ffi::OsString;
use std::fs;
use std::io::{self, ErrorKind};
use std::path::{Path, PathBuf};

/// Where a build of an output folder stages the new site, and where the
/// journal of a file-by-file switch goes.
pub struct Places {
    pub staging: PathBuf,
    pub journal: PathBuf,
    /// Beside the output folder, hidden and never published; else inside it.
    beside: bool,
}

impl Places {
    /// `.NAME.charter-staging` and `.NAME.charter-journal` next to `out`.
    fn beside(out: &Path) -> Result<Places> {
        let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
            anyhow::bail!(
                "cannot write the site to {}: it has no parent folder",
                out.display()
            );
        };
        let hidden = |suffix: &str| {
            let mut hidden = OsString::from(".");
            hidden.push(name);
            hidden.push(suffix);
            parent.join(hidden)
        };
        Ok(Places {
            staging: hidden(".charter-staging"),
            journal: hidden(".charter-journal"),
            beside: true,
        })
    }

    fn inside(out: &Path) -> Places {
        Places {
            staging: out.join(STAGING_INSIDE),
            journal: out.join(JOURNAL_INSIDE),
            beside: false,
        }
    }
}

/// Completes or discards what an interrupted build of `out` left: a switch
/// recorded in a journal is completed, and its staging folder goes, as
/// does any inside the output folder. A staging folder beside it without a
/// journal (the old site after a swap, or a half-staged new one) stays, to
/// be staged into.
pub fn recover(out: &Path) -> Result<()> {
    for places in [Places::beside(out)?, Places::inside(out)] {
        let journaled = fs::symlink_metadata(&places.journal).is_ok();
        if journaled {
            journal::complete(out, &places.staging).with_context(|| {
                format!(
                    "cannot complete the interrupted build recorded in {}",
                    places.journal.display()
                )
            })?;
        }
        if journaled || !places.beside {
            remove_tree(&places.staging)?;
        }
        remove_tree(&places.journal)?;
    }
    Ok(())
}

/// The staging folder for `out`: beside it when the parent folder can be
/// written and lies on the same file system (reusing the one an earlier
/// build left there), else a new one inside it.
pub fn prepare(out: &Path) -> Result<Places> {
    let beside = Places::beside(out)?;
    if let Some(parent) = out.parent() {
        fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    let out_meta = fs::metadata(out).ok();
    match fs::symlink_metadata(&beside.staging) {
        Ok(m)
            if m.is_dir()
                && out_meta
                    .as_ref()
                    .is_none_or(|o| same_device(o, &beside.staging)) =>
        {
            return Ok(beside);
        }
        Ok(_) => remove_tree(&beside.staging)?,
        Err(_) => {}
    }
    match (fs::create_dir(&beside.staging), &out_meta) {
        (Ok(()), None) => return Ok(beside),
        (Ok(()), Some(m)) if same_device(m, &beside.staging) => {
            // The staging folder becomes the output folder: it gets its modes.
            let _ = fs::set_permissions(&beside.staging, m.permissions());
            return Ok(beside);
        }
        (Ok(()), Some(_)) => remove_tree(&beside.staging)?,
        (Err(e), Some(_))
            if matches!(
                e.kind(),
                ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem
            ) => {}
        (Err(e), _) => {
            return Err(e).with_context(|| format!("cannot create {}", beside.staging.display()));
        }
    }
    let inside = Places::inside(out);
    fs::create_dir(&inside.staging)
        .with_context(|| format!("cannot create {}", inside.staging.display()))?;
    Ok(inside)
}

/// Makes the staged site the output folder, dropping `stale` files.
pub fn switch(out: &Path, places: &Places, stale: &[PathBuf]) -> Result<()> {
    if places.beside {
        if fs::symlink_metadata(out).is_err() {
            return fs::rename(&places.staging, out)
                .with_context(|| format!("cannot create {}", out.display()));
        }
        if exchange(&places.staging, out).is_ok() {
            keep_out_of_git(&places.staging);
            return Ok(());
        }
    }
    for rel in stale {
        let _ = fs::remove_file(out.join(rel));
    }
    journal::switch(out, &places.staging, &places.journal)
}

/// Makes git leave the old site beside the output folder out of `git
/// status`, as it leaves out a folder whose files are all ignored. The
/// file is never written through: if the site has one of that name (the
/// user's own, linked), it stays as it is.
fn keep_out_of_git(old: &Path) {
    if let Ok(mut file) = fs::File::create_new(old.join(".gitignore")) {
        let _ = std::io::Write::write_all(&mut file, b"# charter's copy of the previous site\n*\n");
    }
}

#[cfg(unix)]
fn same_device(out: &fs::Metadata, staging: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(staging).is_ok_and(|s| s.dev() == out.dev())
}

#[cfg(not(unix))]
fn same_device(_: &fs::Metadata, _: &Path) -> bool {
    true
}

/// Swaps two folders in one atomic step.
#[cfg(any(target_os = "linux", target_os = "macos"))]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both arguments are NUL-terminated paths that outlive the call,
    // which only reads them. On Linux the system call is made directly, so
    // that it needs no C library newer than glibc 2.28; a kernel older than
    // 3.15 answers ENOSYS, and the journal takes over.
    #[cfg(target_os = "linux")]
    let done = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    #[cfg(target_os = "macos")]
    let done = unsafe { libc::renamex_np(a.as_ptr(), b.as_ptr(), libc::RENAME_SWAP) };
    if done == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(any(target_os = "linux", target_os = "macos")))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(ErrorKind::Unsupported.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::existing::Existing;
    use crate::output::stage;
    use crate::output::tests::{tree, write};
    use std::collections::BTreeMap;

    fn site(pages: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
        pages
            .iter()
            .map(|(rel, text)| (rel.to_string(), text.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn staged_inside_the_output_folder_the_journal_moves_the_site_in() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let old = site(&[("a/index.html", "A"), ("b/index.html", "B")]);
        write(&out, &old, false).unwrap();
        fs::write(out.join("CNAME"), "mine").unwrap();
        fs::write(out.join(".index.html.charter-tmp"), "stale").unwrap();

        let new = site(&[("a/index.html", "A2"), ("c/index.html", "C")]);
        let paths = new.keys().cloned().collect();
        let plan = Existing::read(&out).unwrap().plan(&paths).unwrap();
        let inside = Places::inside(&out);
        fs::create_dir(&inside.staging).unwrap();
        stage::open(&inside.staging, &paths, &plan).unwrap();
        for (rel, bytes) in &new {
            stage::replace(&inside.staging.join(rel), bytes).unwrap();
        }
        stage::close(&inside.staging, &out, &paths, &[], &plan).unwrap();
        switch(&out, &inside, &plan.stale).unwrap();

        let manifest = "a/index.html\nc/index.html\n";
        let want = [
            (".charter-manifest", manifest),
            ("CNAME", "mine"),
            ("a/index.html", "A2"),
            ("c/index.html", "C"),
        ];
        let want: BTreeMap<String, String> = want
            .iter()
            .map(|(rel, text)| (rel.to_string(), text.to_string()))
            .collect();
        assert_eq!(tree(&out), want);
        assert!(!out.join("b").exists());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
