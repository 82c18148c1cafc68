//! Watching the site's files with notify, debounced into batches.
//!
//! In: the site root. Out: [`Batch`]es, each the changed files (relative to the root) that
//! arrived together and the largest [`Change`] among them. Editors save in several steps
//! (write a temporary file, rename it, touch it); a batch ends after [`QUIET`] without news.
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use super::classify::{classify, Change};

/// A batch ends when nothing new arrived for this long…
pub const QUIET: Duration = Duration::from_millis(30);
/// …or when it is this old, so a long stream of changes still gets previewed.
pub const LONGEST: Duration = Duration::from_millis(500);

/// The folders watched (recursively) beside `ponte.toml`.
pub const FOLDERS: [&str; 9] = [
    "content",
    "locales",
    "themes",
    "templates-public",
    // The site's own theme files (see crate::theme).
    "templates",
    "sass",
    "static",
    "documents",
    "fonts",
];

/// Files that changed together.
#[derive(Debug)]
pub struct Batch {
    pub change: Change,
    pub paths: Vec<PathBuf>,
}

pub struct Watcher {
    // Kept alive: dropping it stops the events.
    _watcher: RecommendedWatcher,
    events: Receiver<(Change, PathBuf)>,
}

impl Watcher {
    /// Starts watching `ponte.toml` and the site's folders under `root`.
    pub fn start(root: &Path) -> notify::Result<Watcher> {
        let base = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let (tx, events) = mpsc::channel();
        let strip = base.clone();
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                let Ok(event) = event else { return };
                if !matters(&event.kind) {
                    return;
                }
                for path in event.paths {
                    let rel = path.strip_prefix(&strip).unwrap_or(&path).to_path_buf();
                    let change = classify(&rel);
                    if change != Change::Ignore {
                        let _ = tx.send((change, rel));
                    }
                }
            })?;
        // The root itself, not recursively: ponte.toml (editors replace it by renaming, which
        // a watch on the file alone would lose) and folders appearing.
        watcher.watch(&base, RecursiveMode::NonRecursive)?;
        for folder in FOLDERS {
            let dir = base.join(folder);
            if dir.is_dir() {
                watcher.watch(&dir, RecursiveMode::Recursive)?;
            }
        }
        Ok(Watcher {
            _watcher: watcher,
            events,
        })
    }

    /// Waits for the next batch; `None` when the watcher has stopped.
    pub fn next_batch(&self) -> Option<Batch> {
        let (first_change, first_path) = self.events.recv().ok()?;
        let mut batch = Batch {
            change: first_change,
            paths: vec![first_path],
        };
        let started = Instant::now();
        while started.elapsed() < LONGEST {
            match self.events.recv_timeout(QUIET) {
                Ok((change, path)) => {
                    batch.change = batch.change.max(change);
                    if !batch.paths.contains(&path) {
                        batch.paths.push(path);
                    }
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        Some(batch)
    }
}

/// Whether an event can change a file: not a read, an open, or a close after reading (ponte's
/// own builds cause those).
fn matters(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, ModifyKind};

    #[test]
    fn reading_is_not_a_change() {
        assert!(!matters(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!matters(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(matters(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(matters(&EventKind::Modify(ModifyKind::Any)));
        assert!(matters(&EventKind::Create(CreateKind::File)));
    }
}
