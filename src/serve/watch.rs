//! Watches the strategy folder and turns file-system events into the
//! changes the live site cares about, leaving out the output folder, git's
//! internals and editors' temporary files.

use super::live::Change;
use notify::event::ModifyKind;
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};
use std::path::Path;
use std::sync::mpsc::Sender;
use std::time::Duration;

/// Short enough that a saved edit shows at once, long enough to gather the
/// several events an editor's atomic save makes.
const DEBOUNCE: Duration = Duration::from_millis(10);

pub type Watcher = notify_debouncer_full::Debouncer<
    notify::RecommendedWatcher,
    notify_debouncer_full::RecommendedCache,
>;

/// Starts watching `root`; batches of changes arrive on `tx`. `None` in a
/// batch asks for a full re-read (the watcher lost track).
pub fn start(root: &Path, tx: Sender<Vec<Option<Change>>>) -> notify::Result<Watcher> {
    let canonical = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let owned = canonical.clone();
    let mut debouncer = new_debouncer(
        DEBOUNCE,
        Some(Duration::from_millis(3)),
        move |result: DebounceEventResult| {
            let batch: Vec<Option<Change>> = match result {
                Ok(events) => {
                    let mut changes: Vec<Option<Change>> = Vec::new();
                    // Reading files makes access events; only writes matter.
                    let writes = events.into_iter().filter(|e| {
                        !e.kind.is_access()
                            && !matches!(e.kind, EventKind::Modify(ModifyKind::Metadata(_)))
                    });
                    for event in writes {
                        if event.need_rescan() {
                            changes.push(None);
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
    debouncer.watch(&canonical, RecursiveMode::Recursive)?;
    Ok(debouncer)
}

/// What a changed path means for the site, or `None` to ignore it.
pub fn classify(root: &Path, path: &Path) -> Option<Change> {
    let rel = path.strip_prefix(root).ok()?;
    let rel = crate::load::relative(Path::new(""), rel);
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
        || (name.starts_with('.') && name.ends_with(".charter-tmp"))
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
