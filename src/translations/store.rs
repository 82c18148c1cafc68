//! The record of source versions, kept in the site under `.ponte/translations/` and committed
//! with it:
//!
//! - `<fingerprint>.txt`: the meaningful text of a default-language page as it was when a
//!   translation was made from it. Named by its fingerprint, so five translations of one
//!   version share one small file; `ponte check` diffs it against today's text. Files no
//!   translation points to any more are removed whenever ponte records a fingerprint.
//! - `messages/<lang>.toml`: for each interface message of that language, the
//!   default-language text it was translated from.
//!
//! Keeping the text rather than looking it up in version control means a site copied as a
//! folder, without its history, still shows what changed; the files are a few kilobytes.
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The folder, relative to the site root.
pub fn dir() -> PathBuf {
    Path::new(".ponte").join("translations")
}

fn snapshot_path(fp: &str) -> PathBuf {
    dir().join(format!("{fp}.txt"))
}

/// The text recorded for `fp`, if it is kept.
pub fn snapshot(root: &Path, fp: &str) -> Option<String> {
    if !fp.chars().all(|c| c.is_ascii_hexdigit()) || fp.is_empty() {
        return None;
    }
    std::fs::read_to_string(root.join(snapshot_path(fp))).ok()
}

/// Keeps `text` as the version `fp` (once: the name says the content).
pub fn keep(root: &Path, fp: &str, text: &str) -> std::io::Result<()> {
    let path = root.join(snapshot_path(fp));
    if path.exists() {
        return Ok(());
    }
    std::fs::create_dir_all(root.join(dir()))?;
    std::fs::write(path, text)
}

/// Removes the kept versions no translation points to.
pub fn prune(root: &Path, used: &BTreeSet<String>) -> std::io::Result<()> {
    let Ok(entries) = std::fs::read_dir(root.join(dir())) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(fp) = name.strip_suffix(".txt") {
            if !used.contains(fp) {
                std::fs::remove_file(entry.path())?;
            }
        }
    }
    Ok(())
}

fn messages_path(lang: &str) -> PathBuf {
    dir().join("messages").join(format!("{lang}.toml"))
}

/// Message id → the default-language text its translation into `lang` was made from.
pub fn messages(root: &Path, lang: &str) -> BTreeMap<String, String> {
    std::fs::read_to_string(root.join(messages_path(lang)))
        .ok()
        .and_then(|t| toml::from_str(&t).ok())
        .unwrap_or_default()
}

/// Writes the message record of `lang`.
pub fn write_messages(
    root: &Path,
    lang: &str,
    record: &BTreeMap<String, String>,
) -> std::io::Result<()> {
    let path = root.join(messages_path(lang));
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let body = toml::to_string(record).map_err(std::io::Error::other)?;
    std::fs::write(
        path,
        format!(
            "# Written by ponte: the text each message was translated from. Do not edit.\n{body}"
        ),
    )
}
