//! What a changed file touches.
//!
//! In: a path relative to the site root, as the watcher reports it. Out: a [`Change`] that
//! says what has to be made again and how the browser catches up. Pure: no disk, no clock.
use std::path::{Component, Path};

use crate::config::CONFIG_FILE;
use crate::load::is_ignored;

/// What one changed file touches, from least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// Not part of the site: editors' temporary files, `public/`, other folders.
    Ignore,
    /// A Sass file: new CSS, which the browser swaps in without reloading the page.
    Style,
    /// A page (`content/**/*.md`): that page, its translations' switchers and the lists that
    /// show it.
    Page,
    /// A file beside a page, a theme's static file or a downloadable document.
    Asset,
    /// Statistics (`content/stats/**/*.toml`): the pages that show them.
    Stats,
    /// A template or a Fluent file: the pages that use it, or its language (see
    /// [`super::incremental`]).
    Templates,
    /// `ponte.toml`: everything, from scratch.
    Config,
}

impl Change {
    /// Whether the browser has to reload (rather than swap stylesheets, or do nothing).
    pub fn reloads(self) -> bool {
        self > Change::Style
    }
}

/// Classifies one path relative to the site root.
pub fn classify(path: &Path) -> Change {
    let mut parts = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => match part.to_str() {
                Some(part) => parts.push(part),
                None => return Change::Ignore,
            },
            Component::CurDir => {}
            // Absolute or escaping paths are not inside the site.
            _ => return Change::Ignore,
        }
    }
    if parts.iter().any(|p| is_ignored(p)) {
        return Change::Ignore;
    }
    let extension = parts
        .last()
        .and_then(|name| name.rsplit_once('.'))
        .map(|(_, ext)| ext);
    match parts.as_slice() {
        [name] if *name == CONFIG_FILE => Change::Config,
        ["content", "stats", .., _] if extension == Some("toml") => Change::Stats,
        ["content", .., _] if extension == Some("md") => Change::Page,
        // A folder created, moved or removed: its pages may have come or gone.
        ["content", ..] if extension.is_none() => Change::Page,
        ["content", ..] => Change::Asset,
        ["locales", ..] => Change::Templates,
        ["themes", _, "sass", ..] => Change::Style,
        ["themes", _, "templates", ..] => Change::Templates,
        ["themes", _, "static", ..] => Change::Asset,
        ["themes", _] => Change::Templates,
        ["templates-public", ..] => Change::Asset,
        // The site's own files that replace the theme's.
        ["templates", ..] => Change::Templates,
        ["sass", ..] => Change::Style,
        ["static", ..] | ["documents", ..] | ["fonts", ..] => Change::Asset,
        ["themes", _, "locales", ..] => Change::Templates,
        ["themes", _, "documents" | "fonts", ..] => Change::Asset,
        _ => Change::Ignore,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_every_kind_of_site_file() {
        use Change::*;
        let table = [
            ("ponte.toml", Config),
            ("./ponte.toml", Config),
            ("content/_index.en.md", Page),
            ("content/news/first.it.md", Page),
            ("content/news", Page),
            ("content/news/photo.jpg", Asset),
            ("content/stats/outcomes.toml", Stats),
            ("content/stats/2021/outcomes.toml", Stats),
            ("locales/el/main.ftl", Templates),
            ("locales/el", Templates),
            ("themes/default/templates/base.html", Templates),
            ("themes/default/templates/partials/nav.html", Templates),
            ("themes/default/sass/style.scss", Style),
            ("themes/default/sass/_tokens.scss", Style),
            ("themes/default/static/js/exit.js", Asset),
            ("themes/default/static/favicon.svg", Asset),
            ("templates-public/pip.en.pdf", Asset),
            ("templates/page.html", Templates),
            ("sass/_tokens.scss", Style),
            ("static/logo.svg", Asset),
            ("documents/leaflet.typ", Asset),
            ("themes/default/locales/en/theme.ftl", Templates),
            // Editors' temporary and swap files, hidden files.
            ("content/news/.first.en.md.swp", Ignore),
            ("content/news/first.en.md~", Ignore),
            ("content/news/#first.en.md#", Ignore),
            ("content/news/.#first.en.md", Ignore),
            ("content/news/4913", Ignore),
            ("themes/default/sass/style.scss.tmp", Ignore),
            ("locales/en/.main.ftl.swx", Ignore),
            ("content/.hidden/page.en.md", Ignore),
            // Not part of the site.
            ("public/en/index.html", Ignore),
            ("public", Ignore),
            (".git/index", Ignore),
            ("README.md", Ignore),
            ("target/debug/ponte", Ignore),
            ("ponte.toml.bak/x", Ignore),
            ("../content/page.en.md", Ignore),
            ("/content/page.en.md", Ignore),
        ];
        for (path, expected) in table {
            assert_eq!(classify(Path::new(path)), expected, "{path}");
        }
    }

    #[test]
    fn only_sass_changes_skip_the_reload() {
        assert!(!Change::Ignore.reloads());
        assert!(!Change::Style.reloads());
        assert!(Change::Page.reloads());
        assert!(Change::Config.reloads());
        // Several changes at once act as the largest.
        assert_eq!(
            [Change::Style, Change::Page, Change::Ignore]
                .into_iter()
                .max(),
            Some(Change::Page)
        );
    }
}
