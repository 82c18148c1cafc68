//! The theme: the files a site's look is made of, each looked up by its name.
//!
//! In: the site root and the configured theme name. Out: a [`Theme`] holding every template,
//! Sass file, static file, document template (`.typ`), font and interface-string file (`.ftl`)
//! under its name in the theme (`templates/page.html`, `locales/it/theme.ftl`), read into
//! memory, each from the first place that has it:
//!
//! 1. the site's own folder of that kind (`templates/`, `sass/`, `static/`, `documents/`,
//!    `fonts/`, `locales/`), so a site replaces one theme file, or adds one, without copying
//!    the theme;
//! 2. `themes/NAME/` when that folder exists (`theme = "NAME"` in ponte.toml, default
//!    `default`);
//! 3. for the theme `default` without a folder: the copy of this repository's
//!    `themes/default/` that is built into ponte.
//!
//! A theme's interface strings are `locales/LANG/*.ftl` inside the theme; the site's own
//! `locales/LANG/` files of the same name replace them, and a message the site defines in any
//! of its files wins over the theme's message of the same id (see [`crate::i18n`]).
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::{Diagnostic, Span};
use crate::load::list_files;

/// The default theme, built into the binary (in debug builds too, so tests run what ships).
#[derive(rust_embed::RustEmbed)]
#[folder = "themes/default/"]
struct BuiltIn;

/// The theme that needs no folder.
pub const DEFAULT_THEME: &str = "default";

/// The kinds of theme file, each a folder in the theme and in the site.
pub const KINDS: [&str; 5] = ["templates", "sass", "static", "documents", "fonts"];

/// Where a theme file came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The site's own folder (`templates/page.html`).
    Site,
    /// `themes/NAME/`.
    Folder,
    /// The default theme built into ponte.
    BuiltIn,
}

/// One file of the theme, read.
#[derive(Debug, Clone)]
pub struct ThemeFile {
    /// Its name in the theme: `templates/page.html`, `static/js/exit.js`.
    pub name: String,
    /// Where it was read from, relative to the site root (for messages). A built-in file is
    /// named as it would be on disk, `themes/default/…`.
    pub path: PathBuf,
    pub bytes: Cow<'static, [u8]>,
    pub origin: Origin,
}

impl ThemeFile {
    /// The file as text (templates, Sass, strings); invalid UTF-8 is an error at the file.
    pub fn text(&self) -> Result<crate::load::SourceFile, Diagnostic> {
        match std::str::from_utf8(&self.bytes) {
            Ok(text) => Ok(crate::load::SourceFile {
                path: self.path.clone(),
                text: text.to_string(),
            }),
            Err(_) => Err(Diagnostic::error("this file is not valid UTF-8 text")
                .at(Span::file(&self.path))
                .hint("save the file as UTF-8 in your editor (\"Save with encoding\" → UTF-8)")),
        }
    }
}

/// Every file of the theme, the site's own replacing the theme's of the same name.
#[derive(Debug, Clone)]
pub struct Theme {
    /// `themes/NAME`, relative to the site root (whether or not the folder exists).
    pub dir: PathBuf,
    /// The site's own files, by name.
    site: BTreeMap<String, ThemeFile>,
    /// The theme's files (its folder, or the built-in theme), by name, also those the site
    /// replaces (for `ponte theme eject`).
    theme: BTreeMap<String, ThemeFile>,
}

impl Theme {
    /// Gathers the theme of the site at `root`: the site's own files first, then
    /// `themes/NAME/`, then (for `default` without a folder) the built-in theme.
    pub fn load(root: &Path, name: &str) -> Result<Theme, Vec<Diagnostic>> {
        let dir = Path::new("themes").join(name);
        let (mut site, mut theme) = (BTreeMap::new(), BTreeMap::new());
        let mut problems = Vec::new();
        let mut read =
            |path: PathBuf, name: String, origin: Origin| match std::fs::read(root.join(&path)) {
                Ok(bytes) => {
                    let layer = if origin == Origin::Site {
                        &mut site
                    } else {
                        &mut theme
                    };
                    layer.insert(
                        name.clone(),
                        ThemeFile {
                            name,
                            path,
                            bytes: Cow::Owned(bytes),
                            origin,
                        },
                    );
                }
                Err(e) => problems.push(
                    Diagnostic::error(format!("cannot read `{}`: {e}", path.display()))
                        .at(Span::file(&path))
                        .hint("check the file's permissions"),
                ),
            };
        // 1. The site's own files; its locales are read by the loader as site strings.
        for kind in KINDS {
            for path in list_files(root, Path::new(kind)) {
                let name = slash_name(&path);
                read(path, name, Origin::Site);
            }
        }
        // 2. The theme's folder.
        if root.join(&dir).is_dir() {
            for path in list_files(root, &dir) {
                let rel = path.strip_prefix(&dir).unwrap_or(&path);
                let name = slash_name(rel);
                if name.contains('/') {
                    read(path, name, Origin::Folder);
                }
            }
        } else if name == DEFAULT_THEME {
            // 3. The built-in default theme.
            for file in BuiltIn::iter() {
                if let Some(content) = BuiltIn::get(&file) {
                    theme.insert(
                        file.to_string(),
                        ThemeFile {
                            name: file.to_string(),
                            path: dir.join(&*file),
                            bytes: content.data,
                            origin: Origin::BuiltIn,
                        },
                    );
                }
            }
        } else {
            problems.push(
                Diagnostic::error(format!("the theme folder `{}` does not exist", dir.display()))
                    .at(Span::file(Path::new(crate::config::CONFIG_FILE)))
                    .hint(format!(
                        "check `theme` in ponte.toml (remove it to use the built-in theme \"{DEFAULT_THEME}\"), or create the folder"
                    )),
            );
        }
        if problems.is_empty() {
            Ok(Theme { dir, site, theme })
        } else {
            Err(problems)
        }
    }

    /// The file named `name` (`templates/page.html`), the site's own first.
    pub fn get(&self, name: &str) -> Option<&ThemeFile> {
        self.site.get(name).or_else(|| self.theme.get(name))
    }

    /// The files of one kind (`"templates"`), sorted by name, the site's replacing the
    /// theme's.
    pub fn kind<'a>(&'a self, kind: &str) -> impl Iterator<Item = &'a ThemeFile> + 'a {
        let prefix = format!("{kind}/");
        let mut merged: BTreeMap<&'a str, &'a ThemeFile> = BTreeMap::new();
        for layer in [&self.theme, &self.site] {
            for (name, file) in layer
                .range(prefix.clone()..)
                .take_while(|(name, _)| name.starts_with(&prefix))
            {
                merged.insert(name.as_str(), file);
            }
        }
        merged.into_values()
    }

    /// The theme's own interface strings: `(language, file)` for `locales/LANG/*.ftl` of the
    /// theme that the site does not replace with a file of the same name.
    pub fn locales(&self, root: &Path) -> Vec<ThemeFile> {
        self.kind("locales")
            .filter(|f| f.name.ends_with(".ftl") && !root.join(&f.name).is_file())
            .cloned()
            .collect()
    }

    /// Every file of the theme (not the site's own), for `ponte theme eject`.
    pub fn theme_files(&self) -> impl Iterator<Item = &ThemeFile> {
        self.theme.values()
    }

    /// A grass file system that finds Sass files by name, whichever layer holds them.
    pub fn sass_fs(&self, root: &Path) -> SassFs<'_> {
        SassFs {
            theme: self,
            root: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
            refused: std::sync::Mutex::new(None),
        }
    }
}

/// The theme's name for a path inside the site or the theme: `templates/page.html`.
fn slash_name(path: &Path) -> String {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Lets grass read `@use`d files from the theme in memory: any path whose tail is
/// `sass/NAME` (under the site, `themes/X/` or the built-in theme) is the theme's
/// `sass/NAME`, so a site's `sass/_tokens.scss` replaces the theme's for the theme's
/// `style.scss` too.
///
/// Nothing is read from the disk here: an `@import` of a file outside the site (an absolute
/// path, or `../` out of it) is never found, and is remembered so the error can say why.
#[derive(Debug)]
pub struct SassFs<'a> {
    theme: &'a Theme,
    /// The site root, with symbolic links resolved.
    root: PathBuf,
    refused: std::sync::Mutex<Option<PathBuf>>,
}

impl SassFs<'_> {
    /// The first path outside the site that Sass asked for since the last call.
    pub fn take_refused(&self) -> Option<PathBuf> {
        self.refused
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
    }

    /// Whether `path` (absolute, or relative to the site root) lies outside the site.
    fn outside(&self, path: &Path) -> bool {
        let full = if path.is_absolute() {
            path.to_path_buf()
        } else {
            self.root.join(path)
        };
        let mut normal = PathBuf::new();
        for c in full.components() {
            match c {
                Component::ParentDir => {
                    normal.pop();
                }
                Component::CurDir => {}
                other => normal.push(other),
            }
        }
        let real = std::fs::canonicalize(&normal).unwrap_or(normal);
        !real.starts_with(&self.root)
    }

    fn find(&self, path: &Path) -> Option<&ThemeFile> {
        if self.outside(path) {
            let mut refused = self.refused.lock().unwrap_or_else(|e| e.into_inner());
            refused.get_or_insert_with(|| path.to_path_buf());
            return None;
        }
        let name = slash_name(path);
        let at = if name.starts_with("sass/") {
            0
        } else {
            name.rfind("/sass/")? + 1
        };
        self.theme.get(&name[at..])
    }
}

impl grass::Fs for SassFs<'_> {
    fn is_dir(&self, path: &Path) -> bool {
        let name = slash_name(path);
        name == "sass" || name.ends_with("/sass")
    }
    fn is_file(&self, path: &Path) -> bool {
        self.find(path).is_some()
    }
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        self.find(path)
            .map(|f| f.bytes.to_vec())
            .ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))
    }
    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        Ok(path.to_path_buf())
    }
}

/// What `ponte theme eject` copies: the theme's files named (or all of them), each to the
/// site's folder of its kind. Returns the files made; refuses to replace a file.
pub fn eject(root: &Path, theme: &Theme, names: &[String]) -> Result<Vec<PathBuf>, Diagnostic> {
    let chosen: Vec<&ThemeFile> = if names.is_empty() {
        theme.theme_files().collect()
    } else {
        let mut chosen = Vec::new();
        for wanted in names {
            let wanted = slash_name(Path::new(wanted));
            let found: Vec<&ThemeFile> = theme
                .theme_files()
                .filter(|f| f.name == wanted || f.name.starts_with(&format!("{wanted}/")))
                .collect();
            if found.is_empty() {
                let similar: Vec<&str> = theme
                    .theme_files()
                    .map(|f| f.name.as_str())
                    .filter(|n| n.ends_with(&format!("/{wanted}")))
                    .collect();
                return Err(
                    Diagnostic::error(format!("the theme has no file `{wanted}`")).hint(
                        match similar.first() {
                            Some(n) => format!("did you mean `{n}`?"),
                            None => "name a file as the theme has it, e.g. templates/page.html, sass/_tokens.scss or static/favicon.svg".to_string(),
                        },
                    ),
                );
            }
            chosen.extend(found);
        }
        chosen
    };
    let mut made = Vec::new();
    for file in chosen {
        let target = PathBuf::from(&file.name);
        if root.join(&target).exists() {
            continue;
        }
        if let Some(parent) = root.join(&target).parent() {
            std::fs::create_dir_all(parent).map_err(|e| {
                Diagnostic::error(format!("cannot create `{}`: {e}", parent.display()))
            })?;
        }
        std::fs::write(root.join(&target), &file.bytes)
            .map_err(|e| Diagnostic::error(format!("cannot write `{}`: {e}", target.display())))?;
        made.push(target);
    }
    Ok(made)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_theme_has_what_a_site_needs() {
        let dir = tempfile::tempdir().unwrap();
        let theme = Theme::load(dir.path(), DEFAULT_THEME).unwrap();
        for name in [
            "templates/page.html",
            "templates/base.html",
            "sass/style.scss",
            "static/eu-emblem.svg",
            "documents/leaflet.typ",
            "locales/en/theme.ftl",
            "locales/en/documents.ftl",
        ] {
            let file = theme.get(name).unwrap_or_else(|| panic!("{name}"));
            assert_eq!(file.origin, Origin::BuiltIn);
        }
        assert!(theme.kind("fonts").any(|f| f.name.ends_with(".ttf")));
        assert_eq!(
            theme.kind("templates").count(),
            theme.kind("templates").count()
        );
    }

    #[test]
    fn a_site_file_replaces_the_theme_file_of_the_same_name() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::write(dir.path().join("templates/page.html"), "mine").unwrap();
        std::fs::write(dir.path().join("templates/extra.html"), "new").unwrap();
        let theme = Theme::load(dir.path(), DEFAULT_THEME).unwrap();
        let page = theme.get("templates/page.html").unwrap();
        assert_eq!((page.origin, &*page.bytes), (Origin::Site, &b"mine"[..]));
        assert_eq!(page.path, Path::new("templates/page.html"));
        assert!(theme.get("templates/extra.html").is_some());
        assert_eq!(
            theme.get("templates/base.html").unwrap().origin,
            Origin::BuiltIn
        );
    }

    #[test]
    fn a_theme_folder_replaces_the_built_in_theme() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("themes/default/templates")).unwrap();
        std::fs::write(dir.path().join("themes/default/templates/page.html"), "x").unwrap();
        let theme = Theme::load(dir.path(), DEFAULT_THEME).unwrap();
        assert_eq!(
            theme.get("templates/page.html").unwrap().origin,
            Origin::Folder
        );
        assert!(theme.get("templates/base.html").is_none());
        assert!(Theme::load(dir.path(), "other").is_err());
    }

    #[test]
    fn sass_files_are_found_by_name_in_any_layer() {
        let dir = tempfile::tempdir().unwrap();
        let theme = Theme::load(dir.path(), DEFAULT_THEME).unwrap();
        let fs = theme.sass_fs(Path::new("."));
        use grass::Fs;
        assert!(fs.is_file(Path::new("themes/default/sass/_tokens.scss")));
        assert!(fs.is_file(Path::new("sass/_tokens.scss")));
        assert!(!fs.is_file(Path::new("sass/_nothing.scss")));
    }
}
