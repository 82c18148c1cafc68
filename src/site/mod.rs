//! The content tree: a [`Site`] built once by [`resolve`], then only read.
//!
//! Pages and sections refer to each other by [`PageKey`] (the content path without the
//! language) and by [`PageId`] (an index into [`Site::pages`]); translations are one explicit
//! map from key to the page in each language.
pub mod resolve;

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::config::{Config, Language};
use crate::load::front_matter::FrontMatter;

pub use resolve::resolve;

/// Index of a language in [`Config::languages`].
pub type LangId = usize;
/// Index of a page in [`Site::pages`].
pub type PageId = usize;

/// A page's identity across languages: its path under `content/` without the language,
/// e.g. `about/partners.md`, `about/_index.md`, `_index.md`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PageKey(pub String);

/// The name (without language and extension) of a section's own page file:
/// `content/about/_index.en.md` is the `about` section in English.
pub const SECTION_STEM: &str = "_index";
/// [`SECTION_STEM`] as it stands in a [`PageKey`].
const SECTION_FILE: &str = "_index.md";

impl PageKey {
    /// The key of the home page (`content/_index.LANG.md`).
    pub fn home() -> PageKey {
        PageKey(SECTION_FILE.to_string())
    }
    /// The key of the section of the folder `dir` (`` for the home).
    pub fn section(dir: &str) -> PageKey {
        if dir.is_empty() {
            PageKey::home()
        } else {
            PageKey(format!("{dir}/{SECTION_FILE}"))
        }
    }
    pub fn is_home(&self) -> bool {
        self.0 == SECTION_FILE
    }
    pub fn is_section(&self) -> bool {
        self.is_home()
            || self
                .0
                .strip_suffix(SECTION_FILE)
                .is_some_and(|dir| dir.ends_with('/'))
    }
    /// The folder the key lives in (`about` for `about/partners.md`, `` for the root).
    pub fn dir(&self) -> &str {
        self.0.rfind('/').map_or("", |i| &self.0[..i])
    }
}

/// One page (or section page) in one language.
#[derive(Debug, Clone)]
pub struct Page {
    pub key: PageKey,
    pub lang: LangId,
    /// The source file, relative to the site root.
    pub file: PathBuf,
    /// The whole source text, kept so that errors can point into it.
    pub source: String,
    /// Where the Markdown body starts in `source`.
    pub body_offset: usize,
    pub front: FrontMatter,
    /// The URL path, `/LANG/…/` with a trailing slash.
    pub path: String,
    /// The section this page belongs to (none for the home page).
    pub parent: Option<PageId>,
    /// For sections: the pages directly inside, in display order.
    pub pages: Vec<PageId>,
    /// For sections: the sections directly inside, in display order.
    pub subsections: Vec<PageId>,
}

impl Page {
    pub fn is_section(&self) -> bool {
        self.key.is_section()
    }
    pub fn body(&self) -> &str {
        &self.source[self.body_offset..]
    }
}

/// A term of a taxonomy in one language, with the pages that carry it.
#[derive(Debug, Clone)]
pub struct Term {
    pub name: String,
    pub slug: String,
    pub path: String,
    pub pages: Vec<PageId>,
}

/// A taxonomy (e.g. `tags`) in one language.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    pub name: String,
    pub lang: LangId,
    pub path: String,
    /// Terms by slug.
    pub terms: BTreeMap<String, Term>,
}

/// The whole site, frozen after [`resolve`].
#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub pages: Vec<Page>,
    /// Page key → the page in each language (indexed by [`LangId`]).
    pub translations: BTreeMap<PageKey, Vec<Option<PageId>>>,
    pub taxonomies: Vec<Taxonomy>,
}

impl Site {
    pub fn languages(&self) -> &[Language] {
        &self.config.languages
    }

    /// The page with `key` in `lang`, if it exists in that language.
    pub fn page(&self, key: &PageKey, lang: LangId) -> Option<&Page> {
        self.translation_ids(key)
            .and_then(|ids| ids.get(lang).copied().flatten())
            .map(|id| &self.pages[id])
    }

    pub fn translation_ids(&self, key: &PageKey) -> Option<&[Option<PageId>]> {
        self.translations.get(key).map(Vec::as_slice)
    }

    /// The home page of `lang`, if that language has one.
    pub fn home(&self, lang: LangId) -> Option<&Page> {
        self.page(&PageKey::home(), lang)
    }

    /// The URL path of `lang`'s home (`/LANG/`), whether or not it has a home page.
    pub fn home_path(&self, lang: LangId) -> String {
        format!("/{}/", self.config.languages[lang].code)
    }

    /// Absolute URL of a site path.
    pub fn permalink(&self, path: &str) -> String {
        format!("{}{}", self.config.base_url, path)
    }

    /// Taxonomies of one language.
    pub fn taxonomies_of(&self, lang: LangId) -> impl Iterator<Item = &Taxonomy> {
        self.taxonomies.iter().filter(move |t| t.lang == lang)
    }
}

/// Turns a term or heading into a URL-safe slug: lowercase letters and digits of any
/// script, words joined by `-`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_keeps_every_script() {
        assert_eq!(slugify("Città & Isole!"), "città-isole");
        assert_eq!(slugify("  Πολιτισμός  "), "πολιτισμός");
        assert_eq!(slugify("A--B"), "a-b");
        assert_eq!(slugify("?!"), "");
    }

    #[test]
    fn keys_know_their_folder() {
        assert_eq!(PageKey("about/partners.md".into()).dir(), "about");
        assert_eq!(PageKey("_index.md".into()).dir(), "");
        assert!(PageKey("about/_index.md".into()).is_section());
        assert!(!PageKey("about/partners.md".into()).is_section());
    }
}
