//! `ponte new page PATH`: a new page in every configured language, ready to fill in.
//!
//! The files start as drafts (never published until `draft = true` is removed), so a page
//! half translated cannot reach the public by accident. Existing files are never overwritten.
use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Span};
use crate::site::SECTION_STEM;
use crate::translations::{page, store};

/// The files a new page needs: `content/PATH.LANG.md` for every language. `path` is the page's
/// path under `content/` without language or `.md` (`about/history`), or a folder ending in
/// `/` for a new section (`news/` → `content/news/_index.LANG.md`).
pub fn page_files(config: &Config, path: &str) -> Result<Vec<(PathBuf, String)>, Diagnostic> {
    let trimmed = path.trim();
    if Path::new(trimmed).is_absolute()
        || trimmed.starts_with(['/', '\\'])
        || trimmed.get(1..2) == Some(":")
        || trimmed.split(['/', '\\']).any(|s| s == ".." || s == ".")
    {
        return Err(Diagnostic::error(format!(
            "`{path}` leads outside the site's content/ folder"
        ))
        .hint("give the page's path inside content/, without a leading / or .., e.g. `ponte new page about/history`"));
    }
    let clean = path
        .trim()
        .trim_start_matches("content/")
        .trim_end_matches(".md");
    let (dir, name) = if clean.ends_with('/') || clean.is_empty() {
        (clean.trim_end_matches('/'), SECTION_STEM)
    } else {
        match clean.rsplit_once('/') {
            Some((d, n)) => (d, n),
            None => ("", clean),
        }
    };
    let valid = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
    };
    if !dir.split('/').filter(|s| !s.is_empty()).all(valid)
        || !valid(name)
        || dir.split('/').any(|s| s == "..")
    {
        return Err(Diagnostic::error(format!("`{path}` is not a page path"))
            .hint("use lowercase letters, digits and hyphens, e.g. `ponte new page about/history` or `ponte new page news/` for a section"));
    }
    let title = if name == SECTION_STEM {
        dir.rsplit('/').next().unwrap_or("home")
    } else {
        name
    };
    let title = title.replace(['-', '_'], " ");
    let mut title_chars = title.chars();
    let title: String = title_chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + title_chars.as_str())
        .unwrap_or_default();
    let folder = Path::new("content").join(dir);
    let mut files: Vec<(PathBuf, String)> = config
        .languages
        .iter()
        .map(|lang| {
            let file = folder.join(format!("{name}.{}.md", lang.code));
            let text = format!(
                "+++\n# {name_of_lang}: write the title and a one-sentence description in this language.\ntitle = \"{title}\"\ndescription = \"\"\n# Remove the next line when the page is ready to publish.\ndraft = true\n+++\n## {title}\n\n",
                name_of_lang = lang.name,
            );
            (file, text)
        })
        .collect();
    // Each translation records the version of the default-language page it starts from, so
    // that it shows as outdated once that page is written.
    if let Some(fp) = source_version(config, &files) {
        for (lang, (_, text)) in files.iter_mut().enumerate() {
            if lang != config.default_language {
                if let Some(recorded) = page::with_recorded(text, &fp.0) {
                    *text = recorded;
                }
            }
        }
    }
    Ok(files)
}

/// The fingerprint and meaningful text of the new default-language page.
fn source_version(config: &Config, files: &[(PathBuf, String)]) -> Option<(String, String)> {
    let text = page::meaningful(&files.get(config.default_language)?.1)?;
    Some((page::fingerprint(&text), text))
}

/// Keeps the new default-language page's text as the version its translations record.
pub fn keep_source(
    root: &Path,
    config: &Config,
    files: &[(PathBuf, String)],
) -> std::io::Result<()> {
    match source_version(config, files) {
        Some((fp, text)) => store::keep(root, &fp, &text),
        None => Ok(()),
    }
}

/// Writes the files under `root`; returns the created paths, or the problems (a file that
/// already exists is left as it is and reported).
pub fn write_new(root: &Path, files: &[(PathBuf, String)]) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut made = Vec::new();
    let mut problems = Vec::new();
    for (path, text) in files {
        if !path.starts_with("content") || path.is_absolute() {
            problems.push(Diagnostic::error(format!(
                "`{}` is not inside the site's content/ folder",
                path.display()
            )));
            continue;
        }
        let full = root.join(path);
        if let Some(parent) = full.parent() {
            if let Err(e) = std::fs::create_dir_all(parent) {
                problems.push(Diagnostic::error(format!(
                    "cannot create `{}`: {e}",
                    parent.display()
                )));
                continue;
            }
        }
        match OpenOptions::new().write(true).create_new(true).open(&full) {
            Ok(mut f) => match f.write_all(text.as_bytes()) {
                Ok(()) => made.push(path.clone()),
                Err(e) => problems.push(Diagnostic::error(format!(
                    "cannot write `{}`: {e}",
                    path.display()
                ))),
            },
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => problems.push(
                Diagnostic::warning(format!(
                    "`{}` already exists and was left as it is",
                    path.display()
                ))
                .at(Span::file(path)),
            ),
            Err(e) => problems.push(Diagnostic::error(format!(
                "cannot create `{}`: {e}",
                path.display()
            ))),
        }
    }
    (made, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config::parse(Path::new("ponte.toml"), "title = \"t\"\nbase_url = \"https://e.org\"\n[[languages]]\ncode = \"en\"\nname = \"English\"\n[[languages]]\ncode = \"el\"\nname = \"Ελληνικά\"\n").unwrap()
    }

    #[test]
    fn one_draft_file_per_language() {
        let files = page_files(&config(), "about/our-history").unwrap();
        assert_eq!(files[0].0, Path::new("content/about/our-history.en.md"));
        assert_eq!(files[1].0, Path::new("content/about/our-history.el.md"));
        assert!(files[1].1.contains("title = \"Our history\"\n"));
        assert!(files[1].1.contains("draft = true\n"));
        assert!(files[1].1.contains("# Ελληνικά: write the title"));
        let fp = page::fingerprint(&page::meaningful(&files[0].1).unwrap());
        assert!(files[1].1.contains(&format!("translation_of = \"{fp}\"\n")));
        assert!(!files[0].1.contains("translation_of"));
    }

    #[test]
    fn sections_and_bad_paths() {
        assert_eq!(
            page_files(&config(), "news/").unwrap()[0].0,
            Path::new("content/news/_index.en.md")
        );
        assert!(page_files(&config(), "../etc/passwd").is_err());
        assert!(page_files(&config(), "About Us").is_err());
        assert!(page_files(&config(), "/about/history").is_err());
        assert!(page_files(&config(), "about/../../x").is_err());
        assert!(page_files(&config(), "./about").is_err());
    }
}
