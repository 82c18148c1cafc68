//! Watching the site's files with notify, debounced into batches.
//!
//! In: the site root. Out: [`Batch`]es, each the changed files (relative to the root) that
//! arrived together and the largest [`Change`] among them. Editors save in several steps
//! (write a temporary file, rename it, touch it). A batch ends as soon as every file in it
//! is known to be complete (closed after writing, renamed into place, removed), after a
//! [`SETTLE`] for the events of the same save still on their way; a file only seen being
//! written ends it after [`QUIET`] without news.
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use super::classify::{classify, Change};

/// A batch whose files are all complete ends when nothing new arrived for this long…
pub const SETTLE: Duration = Duration::from_millis(2);
/// …one with a file still being written, when nothing new arrived for this long…
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

/// What [`Watcher::next_batch_within`] saw.
pub enum Next {
    Batch(Batch),
    /// No change in the time given.
    Nothing,
    /// The watcher has stopped.
    Stopped,
}

/// Files that changed together.
#[derive(Debug)]
pub struct Batch {
    pub change: Change,
    pub paths: Vec<PathBuf>,
}

pub struct Watcher {
    // Kept alive: dropping it stops the events.
    _watcher: RecommendedWatcher,
    events: Receiver<(Change, PathBuf, bool)>,
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
                let complete = complete(&event.kind);
                for path in event.paths {
                    let rel = path.strip_prefix(&strip).unwrap_or(&path).to_path_buf();
                    let change = classify(&rel);
                    if change != Change::Ignore {
                        let _ = tx.send((change, rel, complete));
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
        let first = self.events.recv().ok()?;
        Some(self.batch_from(first))
    }

    /// [`Watcher::next_batch`], waiting at most `wait` for its first change.
    pub fn next_batch_within(&self, wait: Duration) -> Next {
        match self.events.recv_timeout(wait) {
            Ok(first) => Next::Batch(self.batch_from(first)),
            Err(RecvTimeoutError::Timeout) => Next::Nothing,
            Err(RecvTimeoutError::Disconnected) => Next::Stopped,
        }
    }

    /// The batch that begins with the change `first`: it ends when the files have settled.
    fn batch_from(&self, (change, path, complete): (Change, PathBuf, bool)) -> Batch {
        let mut batch = Batch {
            change,
            paths: Vec::new(),
        };
        // The files still being written.
        let mut writing: Vec<PathBuf> = Vec::new();
        note(&mut batch, &mut writing, path, complete);
        let started = Instant::now();
        while started.elapsed() < LONGEST {
            let wait = if writing.is_empty() { SETTLE } else { QUIET };
            match self.events.recv_timeout(wait) {
                Ok((change, path, complete)) => {
                    batch.change = batch.change.max(change);
                    note(&mut batch, &mut writing, path, complete);
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        batch
    }
}

/// Adds `path` to the batch and keeps track of whether it is still being written.
fn note(batch: &mut Batch, writing: &mut Vec<PathBuf>, path: PathBuf, complete: bool) {
    if complete {
        writing.retain(|p| *p != path);
    } else if !writing.contains(&path) {
        writing.push(path.clone());
    }
    if !batch.paths.contains(&path) {
        batch.paths.push(path);
    }
}

/// Whether an event says the file is complete: closed after writing, renamed into place,
/// removed, or only its metadata touched. A creation or a write may be followed by more.
fn complete(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Access(AccessKind::Close(AccessMode::Write))
            | EventKind::Modify(ModifyKind::Name(_) | ModifyKind::Metadata(_))
            | EventKind::Remove(_)
            | EventKind::Create(CreateKind::Folder)
    )
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
    use notify::event::{DataChange, RemoveKind, RenameMode};

    #[test]
    fn a_closed_renamed_or_removed_file_is_complete() {
        assert!(complete(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(complete(&EventKind::Modify(ModifyKind::Name(
            RenameMode::To
        ))));
        assert!(complete(&EventKind::Remove(RemoveKind::File)));
        assert!(!complete(&EventKind::Modify(ModifyKind::Data(
            DataChange::Any
        ))));
        assert!(!complete(&EventKind::Create(CreateKind::File)));
        let mut batch = Batch {
            change: Change::Page,
            paths: Vec::new(),
        };
        let mut writing = Vec::new();
        note(&mut batch, &mut writing, PathBuf::from("a.md"), false);
        note(&mut batch, &mut writing, PathBuf::from("a.md"), false);
        assert_eq!(writing.len(), 1);
        note(&mut batch, &mut writing, PathBuf::from("a.md"), true);
        assert!(writing.is_empty());
        assert_eq!(batch.paths, vec![PathBuf::from("a.md")]);
    }

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
