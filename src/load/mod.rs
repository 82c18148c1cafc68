//! Load: the one stage that reads the disk.
//!
//! In: the site root. Out: [`Sources`], every file the later stages need, read into memory
//! (so that every error can point into its text), with the configuration already checked.
//! Reading is parallel; nothing here interprets Markdown or templates.
pub mod front_matter;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::{Config, CONFIG_FILE};
use crate::diagnostic::{Diagnostic, Diagnostics, Span};
use crate::theme::Theme;

/// A text file read into memory; `path` is relative to the site root.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
}

/// Everything a build reads.
#[derive(Debug)]
pub struct Sources {
    pub root: PathBuf,
    pub config: SourceFile,
    /// `content/**/*.md`.
    pub pages: Vec<SourceFile>,
    /// Other files under `content/` (images beside their page), not statistics.
    pub content_assets: Vec<PathBuf>,
    /// `content/stats/**/*.toml`.
    pub stats: Vec<SourceFile>,
    /// `locales/LANG/*.ftl`, with the language folder name.
    pub locales: Vec<(String, SourceFile)>,
    /// `locales/LANG/terms.toml`, each language's terminology (see [`crate::check::terms`]).
    pub terms: Vec<(String, SourceFile)>,
    /// The theme's `templates/**` (the site's own `templates/` replacing them file by file).
    pub templates: Vec<SourceFile>,
    /// The theme's `sass/**/*.scss`, likewise.
    pub sass: Vec<SourceFile>,
    /// The theme's `static/**`, likewise (where each was found; read them from `theme`).
    pub static_files: Vec<PathBuf>,
    /// The theme's own `locales/LANG/*.ftl` that the site does not replace, with the language.
    pub theme_locales: Vec<(String, SourceFile)>,
    /// Every file of the theme, in memory (see [`crate::theme`]).
    pub theme: Theme,
    /// Warnings found while loading (unused files).
    pub warnings: Vec<Diagnostic>,
}

/// Reads the configuration and every source file of the site at `root`.
pub fn load(root: &Path) -> Result<(Config, Sources), Diagnostics> {
    let mut problems = Diagnostics::default();
    let config_file = read_text(root, Path::new(CONFIG_FILE)).map_err(|d| Diagnostics(vec![d]))?;
    let config = Config::parse(&config_file.path, &config_file.text).map_err(Diagnostics)?;
    // The theme, file by file: the site's own templates/, sass/, static/… first, then
    // themes/NAME/ or the built-in default theme.
    let theme = Theme::load(root, &config.theme).map_err(Diagnostics)?;

    let mut walk_all = |dir: &Path| {
        let (files, found) = walk(root, dir);
        problems.extend(found);
        files
    };
    let content = walk_all(Path::new("content"));
    let locale_files = walk_all(Path::new("locales"));
    // The theme's files are read by `Theme::load`, which leaves out every symbolic link that
    // leads outside the site; the problems with such links are reported here, once.
    for kind in crate::theme::KINDS {
        walk_all(Path::new(kind));
        walk_all(&theme.dir.join(kind));
    }
    walk_all(&theme.dir.join("locales"));
    walk_all(Path::new(crate::documents::TEMPLATES_DIR));
    let stats_dir = Path::new("content").join("stats");
    let (mut page_paths, mut stats_paths, mut content_assets) =
        (Vec::new(), Vec::new(), Vec::new());
    for path in content {
        // A name with a line break, a tab or an escape, or that is not UTF-8, would make an
        // address that no one can type, or garble the messages that name it.
        let bad_name = match path.to_str() {
            None => Some("is not valid UTF-8 text"),
            Some(p) if p.chars().any(char::is_control) => {
                Some("contains a control character (a line break, a tab or an escape)")
            }
            Some(_) => None,
        };
        if let Some(why) = bad_name {
            let shown: String = path
                .to_string_lossy()
                .chars()
                .map(|c| if c.is_control() { '?' } else { c })
                .collect();
            problems.push(
                Diagnostic::error(format!("the file name `{shown}` {why}"))
                    .hint("rename the file with letters, digits and hyphens, e.g. our-team.en.md"),
            );
            continue;
        }
        match path.extension().and_then(|e| e.to_str()) {
            Some("md") => page_paths.push(path),
            Some("toml") if path.starts_with(&stats_dir) => stats_paths.push(path),
            // Read by the build (see [`crate::contacts`]), not published as a file.
            _ if path == Path::new(crate::contacts::CONTACTS_FILE) => {}
            _ => content_assets.push(path),
        }
    }

    let mut locale_paths = Vec::new();
    let mut terms_paths = Vec::new();
    for path in locale_files {
        let lang = path
            .strip_prefix("locales")
            .ok()
            .and_then(|p| p.components().next())
            .map(|c| c.as_os_str().to_string_lossy().into_owned());
        match (lang, path.extension().and_then(|e| e.to_str())) {
            (Some(lang), Some("ftl")) if path.parent() != Some(Path::new("locales")) => {
                locale_paths.push((lang, path))
            }
            (Some(lang), Some("toml"))
                if path.file_name().and_then(|n| n.to_str())
                    == Some(crate::check::terms::TERMS_FILE)
                    && path
                        .parent()
                        .is_some_and(|p| p == Path::new("locales").join(&lang)) =>
            {
                terms_paths.push((lang, path))
            }
            _ => problems.push(
                Diagnostic::warning(format!("`{}` is not used", path.display()))
                    .at(Span::file(&path))
                    .hint("interface strings go in locales/LANG/NAME.ftl, terminology in locales/LANG/terms.toml"),
            ),
        }
    }

    let as_text = |files: Vec<&crate::theme::ThemeFile>| -> (Vec<SourceFile>, Vec<Diagnostic>) {
        let (mut ok, mut bad) = (Vec::new(), Vec::new());
        for file in files {
            match file.text() {
                Ok(f) => ok.push(f),
                Err(d) => bad.push(d),
            }
        }
        (ok, bad)
    };
    let (templates, e3) = as_text(theme.kind("templates").collect());
    let (sass, e4) = as_text(
        theme
            .kind("sass")
            .filter(|f| f.name.ends_with(".scss"))
            .collect(),
    );
    let static_files = theme.kind("static").map(|f| f.path.clone()).collect();
    let (theme_locale_files, e6) = as_text(theme.locales(root).iter().collect());
    let theme_locales = theme_locale_files
        .into_iter()
        .map(|f| {
            let lang = f
                .path
                .strip_prefix(&theme.dir)
                .unwrap_or(&f.path)
                .iter()
                .nth(1)
                .map(|c| c.to_string_lossy().into_owned())
                .unwrap_or_default();
            (lang, f)
        })
        .collect();

    let read_all = |paths: Vec<PathBuf>| -> (Vec<SourceFile>, Vec<Diagnostic>) {
        let results: Vec<Result<SourceFile, Diagnostic>> =
            paths.par_iter().map(|p| read_text(root, p)).collect();
        let mut ok = Vec::with_capacity(results.len());
        let mut bad = Vec::new();
        for r in results {
            match r {
                Ok(f) => ok.push(f),
                Err(d) => bad.push(d),
            }
        }
        (ok, bad)
    };

    page_paths.sort();
    let (pages, e1) = read_all(page_paths);
    let (stats, e2) = read_all(stats_paths);
    let (locale_langs, locale_only): (Vec<String>, Vec<PathBuf>) = locale_paths.into_iter().unzip();
    let (locale_files, e5) = read_all(locale_only.clone());
    let (terms_langs, terms_only): (Vec<String>, Vec<PathBuf>) = terms_paths.into_iter().unzip();
    let (terms_files, e7) = read_all(terms_only.clone());
    let terms = terms_files
        .into_iter()
        .map(|f| {
            let i = terms_only.iter().position(|p| *p == f.path).unwrap_or(0);
            (terms_langs[i].clone(), f)
        })
        .collect();
    problems.extend(
        e1.into_iter()
            .chain(e2)
            .chain(e3)
            .chain(e4)
            .chain(e5)
            .chain(e6)
            .chain(e7),
    );
    let locales = locale_files
        .into_iter()
        .map(|f| {
            let i = locale_only.iter().position(|p| *p == f.path).unwrap_or(0);
            (locale_langs[i].clone(), f)
        })
        .collect();

    if problems.has_errors() {
        return Err(problems);
    }
    let sources = Sources {
        root: root.to_path_buf(),
        config: config_file,
        pages,
        content_assets,
        stats,
        locales,
        terms,
        templates,
        sass,
        static_files,
        theme_locales,
        theme,
        warnings: problems.0,
    };
    Ok((config, sources))
}

/// Lists the files below `root/dir` (relative to `root`), sorted, skipping hidden files and
/// editors' temporary files. A missing folder is an empty list. Symbolic links are followed
/// only while they stay inside the site (see [`walk`] for the problems).
pub fn list_files(root: &Path, dir: &Path) -> Vec<PathBuf> {
    walk(root, dir).0
}

/// [`list_files`], with a problem for every symbolic link that leads outside the site root,
/// dangles or loops, and every file or folder that cannot be read; those are left out.
pub fn walk(root: &Path, dir: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let start = root.join(dir);
    let problems = std::cell::RefCell::new(Vec::new());
    let rel = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    let link_ok = |path: &Path| -> bool {
        match std::fs::canonicalize(path) {
            Ok(real) if real.starts_with(&real_root) => true,
            Ok(real) => {
                problems.borrow_mut().push(
                    Diagnostic::error(format!(
                        "`{}` is a symbolic link to `{}`, outside the site",
                        rel(path).display(),
                        real.display()
                    ))
                    .at(Span::file(&rel(path)))
                    .hint("ponte publishes only what is inside the site's folder: copy the file into the site, or remove the link"),
                );
                false
            }
            Err(_) => true, // a dangling link: reported by the walk below
        }
    };
    if std::fs::symlink_metadata(&start).is_err() || !link_ok(&start) {
        return (Vec::new(), problems.into_inner());
    }
    let mut files = Vec::new();
    let walker = WalkDir::new(&start)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| {
            if e.depth() > 0 && is_ignored(e.file_name().to_str().unwrap_or("")) {
                return false;
            }
            !e.path_is_symlink() || link_ok(e.path())
        });
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                if let Ok(p) = e.path().strip_prefix(root) {
                    files.push(p.to_path_buf());
                }
            }
            Ok(_) => {}
            Err(e) => {
                let path = e.path().map(rel).unwrap_or_else(|| dir.to_path_buf());
                let (message, hint) = if let Some(ancestor) = e.loop_ancestor() {
                    (
                        format!(
                            "`{}` is a symbolic link that loops back to `{}`",
                            path.display(),
                            rel(ancestor).display()
                        ),
                        "remove the link",
                    )
                } else if e.path().is_some_and(|p| {
                    std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink())
                }) {
                    (
                        format!(
                            "`{}` is a symbolic link to something that does not exist",
                            path.display()
                        ),
                        "remove the link, or put back what it points to",
                    )
                } else {
                    (
                        format!("cannot read `{}`: {e}", path.display()),
                        "check the permissions of the file or folder",
                    )
                };
                problems
                    .borrow_mut()
                    .push(Diagnostic::error(message).at(Span::file(&path)).hint(hint));
            }
        }
    }
    files.sort();
    (files, problems.into_inner())
}

/// Hidden files and the temporary files editors leave beside the one being edited.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

/// Reads one text file; invalid UTF-8 is reported at the first bad byte.
pub fn read_text(root: &Path, path: &Path) -> Result<SourceFile, Diagnostic> {
    let bytes = std::fs::read(root.join(path)).map_err(|e| {
        Diagnostic::error(format!("cannot read `{}`: {e}", path.display()))
            .at(Span::file(path))
            .hint(if e.kind() == std::io::ErrorKind::NotFound {
                "check that you are in the site's folder, or pass --root DIR"
            } else {
                "check the file's permissions"
            })
    })?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile {
            path: path.to_path_buf(),
            text,
        }),
        Err(e) => {
            let good = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..good]).into_owned();
            let line_end = bytes[good..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |i| good + i);
            let line = String::from_utf8_lossy(&bytes[..line_end]).into_owned();
            let mut span = Span::from_offset(path, &line, good, 1);
            span.line = prefix.matches('\n').count() + 1;
            Err(Diagnostic::error("this file is not valid UTF-8 text")
                .at(span)
                .hint("save the file as UTF-8 in your editor (\"Save with encoding\" → UTF-8)"))
        }
    }
}
