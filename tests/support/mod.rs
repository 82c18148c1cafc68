//! A small harness: copy a fixture site to a temporary folder, change it, run the real
//! `ponte` binary on it, and look at what it printed and wrote.
#![allow(dead_code)]
use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

pub struct SiteTest {
    dir: TempDir,
}

/// What one run of `ponte` did.
pub struct Run {
    pub code: i32,
    /// Standard error with the temporary folder's path replaced by `ROOT`.
    pub stderr: String,
    pub stdout: String,
}

impl Run {
    #[track_caller]
    pub fn assert_ok(&self) -> &Run {
        assert_eq!(self.code, 0, "ponte failed:\n{}", self.stderr);
        self
    }
    #[track_caller]
    pub fn assert_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code, code,
            "unexpected exit code; stderr:\n{}",
            self.stderr
        );
        self
    }
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        if rel.starts_with("expected") {
            continue;
        }
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

impl SiteTest {
    /// A copy of `tests/fixtures/NAME`.
    pub fn fixture(name: &str) -> SiteTest {
        let dir = tempfile::Builder::new()
            .prefix("ponte-test-")
            .tempdir()
            .unwrap();
        copy_dir(&fixtures().join(name), dir.path());
        SiteTest { dir }
    }

    /// A copy of the repository's own default site.
    pub fn default_site() -> SiteTest {
        let dir = tempfile::Builder::new()
            .prefix("ponte-test-")
            .tempdir()
            .unwrap();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        for part in [
            "ponte.toml",
            "content",
            "locales",
            "themes",
            "templates-public",
            "static",
            ".ponte",
        ] {
            let from = repo.join(part);
            if from.is_dir() {
                copy_dir(&from, &dir.path().join(part));
            } else if from.is_file() {
                std::fs::copy(&from, dir.path().join(part)).unwrap();
            }
        }
        SiteTest { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> &SiteTest {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
        self
    }

    /// Copies the repository's file or folder `rel` (a folder's files, not its subfolders)
    /// to the same place in this site: the real theme's documents, fonts or strings, say.
    pub fn copy_from_repo(&self, rel: &str) -> &SiteTest {
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
        if from.is_file() {
            self.write(rel, std::fs::read(&from).unwrap());
            return self;
        }
        for entry in std::fs::read_dir(&from).unwrap_or_else(|e| panic!("{rel}: {e}")) {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_file() {
                let name = entry.file_name().to_string_lossy().into_owned();
                self.write(
                    &format!("{rel}/{name}"),
                    std::fs::read(entry.path()).unwrap(),
                );
            }
        }
        self
    }

    pub fn read_source(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root().join(rel)).unwrap()
    }

    /// Replaces the first `from` in a source file with `to` (the text must be there).
    #[track_caller]
    pub fn edit(&self, rel: &str, from: &str, to: &str) -> &SiteTest {
        let text = self.read_source(rel);
        assert!(text.contains(from), "`{from}` is not in {rel}");
        self.write(rel, text.replacen(from, to, 1))
    }

    pub fn remove(&self, rel: &str) -> &SiteTest {
        let path = self.root().join(rel);
        if path.is_dir() {
            std::fs::remove_dir_all(path).unwrap();
        } else {
            std::fs::remove_file(path).unwrap();
        }
        self
    }

    /// Runs `ponte ARGS --root ROOT`.
    pub fn run(&self, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_ponte"))
            .args(args)
            .arg("--root")
            .arg(self.root())
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let root = self.root().display().to_string();
        let clean = |b: &[u8]| hide_timing(&String::from_utf8_lossy(b).replace(&root, "ROOT"));
        Run {
            code: output.status.code().unwrap_or(-1),
            stderr: clean(&output.stderr),
            stdout: clean(&output.stdout),
        }
    }

    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    #[track_caller]
    pub fn output(&self, rel: &str) -> String {
        std::fs::read_to_string(self.public().join(rel))
            .unwrap_or_else(|e| panic!("public/{rel}: {e}"))
    }

    /// Every file under a folder, by relative path.
    pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
        let mut files = BTreeMap::new();
        for entry in walkdir::WalkDir::new(dir) {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                let rel = entry
                    .path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                files.insert(rel, std::fs::read(entry.path()).unwrap());
            }
        }
        files
    }
}

/// Replaces "in 0.12 s" with "in T s" so that output can be compared verbatim.
fn hide_timing(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(" in ") {
        out.push_str(&rest[..i + 4]);
        rest = &rest[i + 4..];
        let digits = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        if digits > 0 && rest[digits..].starts_with(" s") {
            out.push('T');
            rest = &rest[digits..];
        }
    }
    out.push_str(rest);
    out
}

/// The folder of the Node browser tests, when everything they need is here: Chromium, Node and
/// the npm `modules`. Otherwise says the test is skipped and returns `None` — except under
/// CI=true, where a missing tool fails the test.
pub fn browser_tests(modules: &[&str]) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("browser");
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let installed = modules
        .iter()
        .all(|m| dir.join("node_modules").join(m).is_dir());
    let missing: Vec<&str> = [
        (!Path::new("/usr/bin/chromium").exists()).then_some("/usr/bin/chromium"),
        (!node).then_some("node"),
        (!installed).then_some("tests/browser/node_modules (npm ci --prefix tests/browser)"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if missing.is_empty() {
        return Some(dir);
    }
    assert!(
        !ci,
        "the browser test needs {} (CI=true)",
        missing.join(", ")
    );
    skip(&format!("the browser test needs {}", missing.join(", ")));
    None
}

/// Says that the running test skips its work, and why: written past the test harness's
/// capture (which takes only `eprintln!`), so that the skip shows in `cargo test`'s own output
/// and `.ci/run` counts it.
pub fn skip(why: &str) {
    let test = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    let _ = writeln!(std::io::stderr().lock(), "skipped: {test}: {why}");
}

/// Compares `actual` with the golden file `tests/fixtures/PATH`; `PONTE_BLESS=1` rewrites it.
#[track_caller]
pub fn golden(path: &str, actual: &str) {
    let file = fixtures().join(path);
    if std::env::var_os("PONTE_BLESS").is_some() {
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&file)
        .unwrap_or_else(|_| panic!("no golden file {path}; run with PONTE_BLESS=1 to create it"));
    assert!(
        expected == actual,
        "{path} differs from the golden file (PONTE_BLESS=1 to accept):\n--- expected\n{expected}\n--- actual\n{actual}"
    );
}
