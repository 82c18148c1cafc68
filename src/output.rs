//! Write: where rendered files go.
//!
//! [`Output`] is the one interface every renderer writes through. [`DiskOutput`] builds into
//! a staging folder beside the target and swaps it in at the end, so a failed build leaves
//! the previous output exactly as it was; [`MemoryOutput`] keeps files in memory for
//! `ponte serve`, `ponte check` and tests.
use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A destination for the built site. Paths are relative, `/`-separated (`en/about/index.html`).
pub trait Output: Sync {
    fn put(&self, path: &str, bytes: Vec<u8>) -> io::Result<()>;
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

/// Writes into `.NAME.ponte-staging` beside the target folder; [`DiskOutput::commit`] swaps.
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
        let staging = parent.join(format!(".{name}.ponte-staging"));
        if staging.exists() {
            fs::remove_dir_all(&staging)?;
        }
        fs::create_dir_all(&staging)?;
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
            return fs::remove_dir_all(&self.staging);
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
        fs::remove_dir_all(&old)
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
