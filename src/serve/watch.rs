//! Watches the strategy folder and turns file-system events into the
//! changes the live site cares about, leaving out the output folder, git's
//! internals and editors' temporary files; and keeps watching it when the
//! folder itself is moved away and back, or deleted and made again.

use super::live::Change;
use notify::event::ModifyKind;
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};
use std::path::Path;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::Duration;

/// Short enough that a saved edit shows at once, long enough to gather the
/// several events an editor's atomic save makes.
const DEBOUNCE: Duration = Duration::from_millis(10);

/// How often the folder is looked for while it is gone, and looked at to
/// see whether another folder took its place (a `stat`, microseconds).
const PRESENCE: Duration = Duration::from_millis(250);

type Watcher = notify_debouncer_full::Debouncer<
    notify::RecommendedWatcher,
    notify_debouncer_full::RecommendedCache,
>;

/// A batch of changes; `None` in it asks for a full re-read (the watcher
/// lost track, or the folder itself moved).
pub type Batch = Vec<Option<Change>>;

/// Starts watching `root`; batches of changes arrive on `tx`. A watch
/// follows a folder, not a path: when the folder is moved away, deleted or
/// replaced, the watch is made again on whatever is at `root` once there
/// is something, and everything is read again.
pub fn start(root: &Path, tx: Sender<Batch>) -> notify::Result<()> {
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let (moved_tx, moved) = mpsc::channel();
    let watcher = watch(&root, tx.clone(), moved_tx.clone())?;
    let mut seen = identity(&root);
    std::thread::spawn(move || {
        let mut watcher = Some(watcher);
        loop {
            let signalled = match moved.recv_timeout(PRESENCE) {
                Ok(()) => true,
                Err(RecvTimeoutError::Timeout) => false,
                Err(RecvTimeoutError::Disconnected) => return,
            };
            let signalled = moved.try_iter().count() > 0 || signalled;
            let now = identity(&root);
            if now == seen && !signalled {
                continue;
            }
            // The old watch is on a folder that is gone or elsewhere now.
            drop(watcher.take());
            seen = now;
            if seen.is_some() {
                match watch(&root, tx.clone(), moved_tx.clone()) {
                    Ok(w) => watcher = Some(w),
                    // Tried again at the next look.
                    Err(_) => seen = None,
                }
            }
            if tx.send(vec![None]).is_err() {
                return;
            }
        }
    });
    Ok(())
}

/// What tells the folder at `root` from another put in its place.
fn identity(root: &Path) -> Option<(u64, u64)> {
    let meta = std::fs::metadata(root).ok().filter(|m| m.is_dir())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Some((0, 0))
    }
}

/// Watches the folder at `root` (canonical); events naming the folder
/// itself (it was moved or deleted) are signalled on `moved`.
fn watch(root: &Path, tx: Sender<Batch>, moved: Sender<()>) -> notify::Result<Watcher> {
    let owned = root.to_path_buf();
    let mut debouncer = new_debouncer(
        DEBOUNCE,
        Some(Duration::from_millis(3)),
        move |result: DebounceEventResult| {
            let batch: Batch = match result {
                Ok(events) => {
                    let mut changes: Batch = Vec::new();
                    // Reading files makes access events; only writes matter.
                    let writes = events.into_iter().filter(|e| {
                        !e.kind.is_access()
                            && !matches!(e.kind, EventKind::Modify(ModifyKind::Metadata(_)))
                    });
                    for event in writes {
                        if event.need_rescan() {
                            changes.push(None);
                        }
                        if event.paths.contains(&owned) {
                            let _ = moved.send(());
                        }
                        for path in &event.paths {
                            if let Some(change) = classify(&owned, path).map(Some)
                                && !changes.contains(&change)
                            {
                                changes.push(change);
                            }
                        }
                    }
                    changes
                }
                Err(_) => vec![None],
            };
            if !batch.is_empty() {
                let _ = tx.send(batch);
            }
        },
    )?;
    debouncer.watch(root, RecursiveMode::Recursive)?;
    Ok(debouncer)
}

/// What a changed path means for the site, or `None` to ignore it.
pub fn classify(root: &Path, path: &Path) -> Option<Change> {
    let rel = path.strip_prefix(root).ok()?;
    let rel = crate::tree::relative(Path::new(""), rel);
    let name = rel.rsplit('/').next().unwrap_or(&rel);
    if is_editor_temp(name) {
        return None;
    }
    let top = rel.split('/').next().unwrap_or_default();
    match top {
        "static" => Some(Change::Static),
        "templates" | "themes" => Some(Change::Theme),
        crate::load::CONFIG_FILE | crate::load::VISION_FILE => Some(Change::Source(rel)),
        folder if crate::model::Kind::from_folder(folder).is_some() => Some(Change::Source(rel)),
        // The output folder, `.git` and anything else are not the strategy.
        _ => None,
    }
}

/// Swap files, backups and lock files that editors write next to the file.
fn is_editor_temp(name: &str) -> bool {
    name.starts_with(".#")
        || name.ends_with('~')
        || name == "4913"
        || [".swp", ".swx", ".swo", ".tmp", ".crswap"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_paths() {
        let root = Path::new("/s");
        let c = |p: &str| classify(root, Path::new(p));
        assert_eq!(
            c("/s/roadmap/sso.md"),
            Some(Change::Source("roadmap/sso.md".into()))
        );
        assert_eq!(
            c("/s/charter.yaml"),
            Some(Change::Source("charter.yaml".into()))
        );
        assert_eq!(c("/s/templates/person.html"), Some(Change::Theme));
        assert_eq!(c("/s/static/logo.svg"), Some(Change::Static));
        for ignored in [
            "/s/public/index.html",
            "/s/.git/index",
            "/s/roadmap/.sso.md.swp",
            "/s/roadmap/sso.md~",
            "/s/roadmap/4913",
            "/s/roadmap/.#sso.md",
            "/elsewhere/x.md",
        ] {
            assert_eq!(c(ignored), None, "{ignored}");
        }
    }
}
