//! Write: where rendered files go.
//!
//! [`Output`] is the one interface every renderer writes through. [`DiskOutput`] builds into
//! a staging folder beside the target and swaps it in at the end, so a failed build leaves
//! the previous output exactly as it was; [`MemoryOutput`] keeps files in memory for
//! `ponte serve`, `ponte check` and tests.
pub mod guard;
pub mod html;
pub mod links;

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A destination for the built site. Paths are relative, `/`-separated (`en/about/index.html`).
pub trait Output: Sync {
    fn put(&self, path: &str, bytes: Vec<u8>) -> io::Result<()>;
    /// [`Output::put`], naming what the file is made from (a source file such as
    /// `content/about.en.md`, or a description such as "the `tags` taxonomy"), so that two
    /// sources of one output file can both be named.
    fn put_from(&self, path: &str, bytes: Vec<u8>, source: &str) -> io::Result<()> {
        let _ = source;
        self.put(path, bytes)
    }
}

/// Wraps an [`Output`] and refuses a second writer of any path (or a file where another
/// writer made a folder): one file must never silently replace another, whether a page, an
/// alias, a static file, a stylesheet, a taxonomy page or a document.
pub struct Claims<'a> {
    inner: &'a dyn Output,
    /// Output path → what made it; folders → the first file made inside.
    files: Mutex<(BTreeMap<String, String>, BTreeMap<String, String>)>,
    problems: Mutex<Vec<crate::diagnostic::Diagnostic>>,
}

impl<'a> Claims<'a> {
    pub fn new(inner: &'a dyn Output) -> Claims<'a> {
        Claims {
            inner,
            files: Mutex::new((BTreeMap::new(), BTreeMap::new())),
            problems: Mutex::new(Vec::new()),
        }
    }

    /// One error per path that two sources made.
    pub fn into_problems(self) -> Vec<crate::diagnostic::Diagnostic> {
        self.problems
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
    }

    fn clash(&self, path: &str, a: &str, b: &str) {
        use crate::diagnostic::{Diagnostic, Span};
        let (first, second) = if a <= b { (a, b) } else { (b, a) };
        let is_file = |s: &str| !s.contains(' ');
        let mut d = Diagnostic::error(format!(
            "two sources would publish `/{path}`: {} and {}",
            shown(first),
            shown(second)
        ));
        if let Some(file) = [first, second].into_iter().find(|s| is_file(s)) {
            d = d.at(Span::file(Path::new(file)));
        }
        let d = d.hint("one would silently replace the other: rename one file, or change its `slug` or `aliases`");
        self.problems
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(d);
    }
}

fn shown(source: &str) -> String {
    if source.contains(' ') {
        source.to_string()
    } else {
        format!("`{source}`")
    }
}

impl Output for Claims<'_> {
    fn put(&self, path: &str, bytes: Vec<u8>) -> io::Result<()> {
        self.put_from(path, bytes, "a file ponte makes")
    }
    fn put_from(&self, path: &str, bytes: Vec<u8>, source: &str) -> io::Result<()> {
        // Compared without case: `About/` and `about/` are one folder on macOS and Windows.
        let key = path.to_lowercase();
        let clash = {
            let mut guard = self.files.lock().unwrap_or_else(|e| e.into_inner());
            let (files, dirs) = &mut *guard;
            if let Some(first) = files.get(&key) {
                Some((path.to_string(), first.clone()))
            } else if let Some(inside) = dirs.get(&key) {
                Some((path.to_string(), inside.clone()))
            } else {
                let mut found = None;
                let mut end = 0;
                while let Some(i) = key[end..].find('/') {
                    let dir = &key[..end + i];
                    if let Some(first) = files.get(dir) {
                        found = Some((
                            path.get(..end + i).unwrap_or(dir).to_string(),
                            first.clone(),
                        ));
                        break;
                    }
                    // Looked up before inserting: most folders are known already.
                    if !dirs.contains_key(dir) {
                        dirs.insert(dir.to_string(), source.to_string());
                    }
                    end += i + 1;
                }
                if found.is_none() {
                    files.insert(key, source.to_string());
                }
                found
            }
        };
        if let Some((at, first)) = clash {
            self.clash(&at, &first, source);
            return Ok(());
        }
        self.inner.put_from(path, bytes, source)
    }
}

/// Files kept in memory, sorted by path.
#[derive(Default)]
pub struct MemoryOutput {
    files: Mutex<BTreeMap<String, Vec<u8>>>,
}

impl MemoryOutput {
    pub fn into_files(self) -> BTreeMap<String, Vec<u8>> {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Output for MemoryOutput {
    fn put(&self, path: &str, bytes: Vec<u8>) -> io::Result<()> {
        check_relative(path)?;
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string(), bytes);
        Ok(())
    }
}

/// Writes into `.NAME.ponte-staging-PID` beside the target folder, marked with
/// [`crate::output_folder::STAMP`]; [`DiskOutput::commit`] swaps.
pub struct DiskOutput {
    target: PathBuf,
    staging: PathBuf,
    made_dirs: Mutex<HashSet<PathBuf>>,
}

impl DiskOutput {
    /// Prepares an empty staging folder for `target`.
    pub fn begin(target: &Path) -> io::Result<DiskOutput> {
        let name = target
            .file_name()
            .ok_or_else(|| io::Error::other("the output folder needs a name"))?
            .to_string_lossy()
            .into_owned();
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent)?;
        // Staging folders left by a build that was killed (the caller holds the output's
        // lock, so no other build is using one).
        let prefix = format!(".{name}.ponte-staging");
        for entry in fs::read_dir(parent)?.flatten() {
            if entry.file_name().to_string_lossy().starts_with(&prefix)
                && entry.file_type().is_ok_and(|t| t.is_dir())
            {
                let _ = fs::remove_dir_all(entry.path());
            }
        }
        // One staging folder per run: two builds never write into the same one.
        let staging = parent.join(format!("{prefix}-{}", std::process::id()));
        fs::create_dir_all(&staging)?;
        fs::write(
            staging.join(crate::output_folder::STAMP),
            crate::output_folder::STAMP_TEXT,
        )?;
        Ok(DiskOutput {
            target: target.to_path_buf(),
            staging,
            made_dirs: Mutex::new(HashSet::new()),
        })
    }

    /// Replaces the target folder with the staged one. On Linux the two folders are exchanged
    /// in one atomic `renameat2(RENAME_EXCHANGE)`, so a web server reading the target never
    /// sees it missing or half-written; elsewhere (or on file systems without it) two renames.
    pub fn commit(self) -> io::Result<()> {
        if !self.target.exists() {
            return fs::rename(&self.staging, &self.target);
        }
        if exchange(&self.staging, &self.target).is_ok() {
            // The staging name now holds the previous output.
            return remove_tree(&self.staging);
        }
        let old = self.staging.with_file_name(format!(
            "{}.old",
            self.staging
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
        ));
        if old.exists() {
            fs::remove_dir_all(&old)?;
        }
        fs::rename(&self.target, &old)?;
        if let Err(e) = fs::rename(&self.staging, &self.target) {
            // Put the previous output back before reporting.
            let _ = fs::rename(&old, &self.target);
            return Err(e);
        }
        remove_tree(&old)
    }

    /// Throws the staged files away; the target is untouched.
    pub fn abandon(self) {
        let _ = fs::remove_dir_all(&self.staging);
    }
}

impl Output for DiskOutput {
    fn put(&self, path: &str, bytes: Vec<u8>) -> io::Result<()> {
        check_relative(path)?;
        let full = self.staging.join(path);
        if let Some(dir) = full.parent() {
            let known = self
                .made_dirs
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .contains(dir);
            if !known {
                fs::create_dir_all(dir)?;
                self.made_dirs
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(dir.to_path_buf());
            }
        }
        fs::write(full, bytes)
    }
}

/// Removes the folder `dir` and everything in it, its subfolders in parallel: the previous
/// output of a large site is thousands of files, removed after the new one is in place
/// (on the 10,000-page corpus, 0.9 to 2 s of a build's wall time on a busy disk).
fn remove_tree(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let entries: Vec<fs::DirEntry> = fs::read_dir(dir)?.collect::<io::Result<_>>()?;
    entries.par_iter().try_for_each(|entry| {
        // A link is removed, never followed.
        if entry.file_type()?.is_dir() {
            remove_tree(&entry.path())
        } else {
            fs::remove_file(entry.path())
        }
    })?;
    fs::remove_dir(dir)
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::other("no atomic exchange on this system"))
}

/// Refuses paths that would leave the output folder.
fn check_relative(path: &str) -> io::Result<()> {
    if path.is_empty()
        || path.starts_with('/')
        || path.contains('\\')
        || path.contains('\0')
        || path.split('/').any(|seg| seg == ".." || seg == ".")
    {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("`{path}` is not a path inside the site"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_swaps_in_the_new_output_and_abandon_keeps_the_old() {
        let dir = std::env::temp_dir().join(format!("ponte-output-test-{}", std::process::id()));
        let target = dir.join("public");
        fs::create_dir_all(&target).unwrap();
        fs::write(target.join("old.html"), "old").unwrap();
        let out = DiskOutput::begin(&target).unwrap();
        out.put("en/index.html", b"new".to_vec()).unwrap();
        out.abandon();
        assert!(target.join("old.html").exists());
        let out = DiskOutput::begin(&target).unwrap();
        out.put("en/index.html", b"new".to_vec()).unwrap();
        out.commit().unwrap();
        assert!(!target.join("old.html").exists());
        assert_eq!(fs::read(target.join("en/index.html")).unwrap(), b"new");
        let leftovers: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("public")]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn refuses_escaping_paths() {
        let m = MemoryOutput::default();
        assert!(m.put("../x", vec![]).is_err());
        assert!(m.put("/etc/x", vec![]).is_err());
        assert!(m.put("a/./b", vec![]).is_err());
        assert!(m.put("en/index.html", vec![1]).is_ok());
        assert_eq!(m.into_files()["en/index.html"], vec![1]);
    }
}
