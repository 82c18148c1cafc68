//! The terminology check of `ponte check`: each language's preferred terms and the variants to
//! avoid, read from `locales/LANG/terms.toml`, looked for in the pages, the interface strings
//! (the site's `.ftl` files and the theme's messages the site does not replace) and the
//! document sources (leaflets, forms, slides in `templates-public/`).
//!
//! A variant is found with word boundaries in any script (a letter or digit just before or
//! after it means another word, e.g. `Paesi` is not `Paese`). Unless the term says
//! `match_case = true`, case does not matter, nor do Greek accents and final sigma
//! (`ΑΤΟΜΙΚΟ ΣΧΕΔΙΟ` is `Ατομικό σχέδιο`). A phrase listed in `allow` (a quotation, a
//! document's own title) lets the variants inside it pass.
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::config::{toml_error, Config};
use crate::diagnostic::{Diagnostic, LineIndex, Span};
use crate::load::{SourceFile, Sources};

/// The file name of a language's terms, in `locales/LANG/`.
pub const TERMS_FILE: &str = "terms.toml";

/// One language's terms file, read and checked.
#[derive(Debug, Clone)]
pub struct TermList {
    pub file: PathBuf,
    /// The register chosen for the language (e.g. `vous`, `tú`), written for translators.
    pub register: String,
    pub terms: Vec<Term>,
    /// Phrases in which the variants may stand (quotations, titles of other works).
    pub allow: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Term {
    pub preferred: String,
    pub avoid: Vec<String>,
    pub note: String,
    pub match_case: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawList {
    register: Option<String>,
    #[serde(default)]
    allow: Vec<String>,
    #[serde(default)]
    term: Vec<RawTerm>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    preferred: Spanned<String>,
    #[serde(default)]
    avoid: Vec<Spanned<String>>,
    note: Option<String>,
    match_case: Option<bool>,
}

impl TermList {
    /// Reads a terms file; every mistake is an error at its line and column.
    pub fn parse(file: &Path, text: &str) -> Result<TermList, Vec<Diagnostic>> {
        let raw: RawList = toml::from_str(text).map_err(|e| {
            vec![toml_error(file, text, &e)
                .hint("a terms file has `register = \"…\"`, an optional `allow = [\"…\"]` and [[term]] tables with `preferred`, `avoid = [\"…\"]`, `note` and `match_case`")]
        })?;
        let mut problems = Vec::new();
        let span =
            |r: std::ops::Range<usize>| Span::from_offset(file, text, r.start, r.end - r.start);
        let register = match raw.register {
            Some(r) if !r.trim().is_empty() => r,
            _ => {
                problems.push(
                    Diagnostic::error("the terms file does not say which register the language uses")
                        .at(Span::file(file))
                        .hint("add e.g. `register = \"vous\"` at the top, with a comment saying who is addressed how"),
                );
                String::new()
            }
        };
        let mut terms = Vec::new();
        for t in raw.term {
            if t.preferred.get_ref().trim().is_empty() {
                problems.push(
                    Diagnostic::error("`preferred` is empty")
                        .at(span(t.preferred.span()))
                        .hint("write the term to use"),
                );
            }
            let mut avoid = Vec::new();
            for a in t.avoid {
                if a.get_ref().trim().is_empty() {
                    problems.push(
                        Diagnostic::error("a variant to avoid is empty")
                            .at(span(a.span()))
                            .hint("remove the empty text from `avoid`"),
                    );
                } else {
                    avoid.push(a.into_inner());
                }
            }
            terms.push(Term {
                preferred: t.preferred.into_inner(),
                avoid,
                note: t.note.unwrap_or_default(),
                match_case: t.match_case.unwrap_or(false),
            });
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(TermList {
            file: file.to_path_buf(),
            register,
            terms,
            allow: raw.allow,
        })
    }

    /// The avoided variants in `text` (read from `file`), one warning each. `skip_line` tells
    /// which lines are not text for readers (comments).
    pub fn check(
        &self,
        file: &Path,
        text: &str,
        skip_line: &dyn Fn(&str) -> bool,
    ) -> Vec<Diagnostic> {
        let folded = Folded::new(text, false);
        let exact = Folded::new(text, true);
        let allowed: Vec<(usize, usize)> = self
            .allow
            .iter()
            .flat_map(|a| folded.find_all(a, false))
            .collect();
        let mut found: Vec<(usize, usize, &Term, &str)> = Vec::new();
        for term in &self.terms {
            let haystack = if term.match_case { &exact } else { &folded };
            for variant in &term.avoid {
                for (start, end) in haystack.find_all(variant, true) {
                    found.push((start, end, term, variant));
                }
            }
        }
        // Longest first at each place; a match inside one already reported is the same drift.
        found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let index = LineIndex::new(text);
        let mut out = Vec::new();
        let mut reported_to = 0;
        for (start, end, term, variant) in found {
            if start < reported_to && out.last().is_some() {
                continue;
            }
            if allowed.iter().any(|&(s, e)| s <= start && end <= e) {
                continue;
            }
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
            if skip_line(&text[line_start..line_end]) {
                continue;
            }
            reported_to = end;
            let note = if term.note.is_empty() {
                String::new()
            } else {
                format!(" ({})", term.note)
            };
            out.push(
                Diagnostic::warning(format!(
                    "`{}` is a variant to avoid: the preferred term is `{}`{note}",
                    &text[start..end],
                    term.preferred
                ))
                .at(index.span(file, text, start, end - start))
                .hint(format!(
                    "write the preferred term (the list is {}; the variant was `{variant}`); if the text quotes someone, add the quoted phrase to `allow` there",
                    self.file.display()
                )),
            );
        }
        out
    }
}

/// A text with each character folded for comparison, and where each came from.
struct Folded {
    text: String,
    /// Byte offset in `text` → byte offset in the original, for every character start, and
    /// the original's length at the end.
    starts: Vec<(usize, usize)>,
    original_len: usize,
    /// Compared as written (`match_case = true`), or folded (case, Greek accents, final sigma).
    exact: bool,
}

fn fold(c: char, exact: bool) -> char {
    if exact {
        return c;
    }
    let lower = c.to_lowercase().next().unwrap_or(c);
    match lower {
        'ά' => 'α',
        'έ' => 'ε',
        'ή' => 'η',
        'ί' | 'ϊ' | 'ΐ' => 'ι',
        'ό' => 'ο',
        'ύ' | 'ϋ' | 'ΰ' => 'υ',
        'ώ' => 'ω',
        'ς' => 'σ',
        // Typographic apostrophe and the straight one are the same.
        '\u{2019}' => '\'',
        other => other,
    }
}

impl Folded {
    fn new(original: &str, exact: bool) -> Folded {
        let mut text = String::with_capacity(original.len());
        let mut starts = Vec::with_capacity(original.len());
        for (i, c) in original.char_indices() {
            starts.push((text.len(), i));
            text.push(fold(c, exact));
        }
        Folded {
            text,
            starts,
            original_len: original.len(),
            exact,
        }
    }

    fn original(&self, folded: usize) -> usize {
        match self.starts.binary_search_by(|(f, _)| f.cmp(&folded)) {
            Ok(i) => self.starts[i].1,
            Err(i) => self.starts.get(i).map_or(self.original_len, |s| s.1),
        }
    }

    /// Every place of `needle` (folded the same way) as original byte ranges; with
    /// `whole_words`, only where no letter or digit touches it on either side.
    fn find_all(&self, needle: &str, whole_words: bool) -> Vec<(usize, usize)> {
        let needle: String = needle.trim().chars().map(|c| fold(c, self.exact)).collect();
        if needle.is_empty() {
            return Vec::new();
        }
        let first_is_word = needle.chars().next().is_some_and(char::is_alphanumeric);
        let last_is_word = needle
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        self.text
            .match_indices(&needle)
            .filter(|(i, m)| {
                !whole_words
                    || ((!first_is_word
                        || !self.text[..*i]
                            .chars()
                            .next_back()
                            .is_some_and(char::is_alphanumeric))
                        && (!last_is_word
                            || !self.text[i + m.len()..]
                                .chars()
                                .next()
                                .is_some_and(char::is_alphanumeric)))
            })
            .map(|(i, m)| (self.original(i), self.original(i + m.len())))
            .collect()
    }
}

/// The language a file is in, from its name (`NAME.LANG.md`), or the default language.
fn language_of(path: &Path, codes: &[String], default: &str) -> String {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    match stem.rsplit_once('.') {
        Some((_, lang)) if codes.iter().any(|c| c == lang) => lang.to_string(),
        _ => default.to_string(),
    }
}

/// The message ids a Fluent file defines.
fn message_ids(text: &str) -> BTreeSet<String> {
    text.lines().filter_map(message_id).collect()
}

fn message_id(line: &str) -> Option<String> {
    let (id, _) = line.split_once('=')?;
    let id = id.trim_end();
    (id.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
    .then(|| id.to_string())
}

fn is_comment(line: &str) -> bool {
    line.trim_start().starts_with('#')
}

/// The whole check over a loaded site: problems with the terms files themselves, then a
/// warning for every avoided variant.
pub fn check_site(root: &Path, config: &Config, sources: &Sources) -> Vec<Diagnostic> {
    let codes: Vec<String> = config.languages.iter().map(|l| l.code.clone()).collect();
    let default = config.default_lang().code.clone();
    let mut problems = Vec::new();
    let mut lists: BTreeMap<String, TermList> = BTreeMap::new();
    for (lang, file) in &sources.terms {
        if !codes.contains(lang) {
            problems.push(
                Diagnostic::warning(format!(
                    "`{}` is for `{lang}`, which is not a language of this site",
                    file.path.display()
                ))
                .at(Span::file(&file.path))
                .hint("add the language to ponte.toml, or remove the folder"),
            );
            continue;
        }
        match TermList::parse(&file.path, &file.text) {
            Ok(list) => {
                lists.insert(lang.clone(), list);
            }
            Err(e) => problems.extend(e),
        }
    }
    if lists.is_empty() {
        return problems;
    }
    let no_skip = |_: &str| false;
    for page in &sources.pages {
        let lang = language_of(&page.path, &codes, &default);
        if let Some(list) = lists.get(&lang) {
            problems.extend(list.check(&page.path, &page.text, &no_skip));
        }
    }
    let mut site_ids: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (lang, file) in &sources.locales {
        site_ids
            .entry(lang.as_str())
            .or_default()
            .extend(message_ids(&file.text));
        if let Some(list) = lists.get(lang) {
            problems.extend(list.check(&file.path, &file.text, &is_comment));
        }
    }
    // The theme's messages, where the site does not give its own.
    let empty = BTreeSet::new();
    for (lang, file) in &sources.theme_locales {
        let Some(list) = lists.get(lang) else {
            continue;
        };
        let replaced = site_ids.get(lang.as_str()).unwrap_or(&empty);
        let mut current: Option<String> = None;
        let mut kept = String::with_capacity(file.text.len());
        for line in file.text.split_inclusive('\n') {
            if !line.starts_with([' ', '\t']) {
                current = message_id(line);
            }
            let hidden =
                is_comment(line) || current.as_ref().is_some_and(|id| replaced.contains(id));
            if hidden {
                // Keep the offsets: blank out what is not checked.
                kept.extend(line.chars().map(|c| if c == '\n' { '\n' } else { ' ' }));
            } else {
                kept.push_str(line);
            }
        }
        let shown = theme_path(root, &file.path);
        for mut d in list.check(&shown, &kept, &no_skip) {
            if let Some(span) = d.span.as_mut() {
                let original = file.text.lines().nth(span.line - 1).unwrap_or("");
                span.line_text = original.to_string();
            }
            problems.push(d);
        }
    }
    for path in crate::load::list_files(root, Path::new(crate::documents::TEMPLATES_DIR)) {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(ext, "md" | "toml" | "typ" | "txt") {
            continue;
        }
        let lang = language_of(&path, &codes, &default);
        let Some(list) = lists.get(&lang) else {
            continue;
        };
        if let Ok(SourceFile { path, text }) = crate::load::read_text(root, &path) {
            let skip: &dyn Fn(&str) -> bool = if ext == "toml" { &is_comment } else { &no_skip };
            problems.extend(list.check(&path, &text, skip));
        }
    }
    problems
}

/// A theme file's path as the reader knows it (relative to the site when inside it).
fn theme_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(text: &str) -> TermList {
        TermList::parse(Path::new("locales/el/terms.toml"), text).unwrap()
    }

    #[test]
    fn greek_case_accents_and_boundaries() {
        let l = list("register = \"εσείς\"\n[[term]]\npreferred = \"Εξατομικευμένο Σχέδιο Ένταξης\"\navoid = [\"Ατομικό Σχέδιο Ένταξης\"]\n");
        let text = "Πρώτη γραμμή.\nΤο ΑΤΟΜΙΚΟ ΣΧΕΔΙΟ ΕΝΤΑΞΗΣ και το ατομικό σχέδιο ένταξης.\nΤο Εξατομικευμένο Σχέδιο Ένταξης.\n";
        let found = l.check(Path::new("p.el.md"), text, &|_| false);
        let at: Vec<(usize, usize)> = found
            .iter()
            .map(|d| (d.span.as_ref().unwrap().line, d.span.as_ref().unwrap().col))
            .collect();
        assert_eq!(at, vec![(2, 4), (2, 34)]);
    }

    #[test]
    fn cyrillic_boundaries_and_allow() {
        let l = TermList::parse(
            Path::new("t.toml"),
            "register = \"вие\"\nallow = [\"„Трафик на хора“ (заглавие)\"]\n[[term]]\npreferred = \"трафик на хора\"\navoid = [\"трафик\"]\n",
        )
        .unwrap();
        let text = "трафика не е трафик. „Трафик на хора“ (заглавие), Трафик.";
        let found = l.check(Path::new("p.bg.md"), text, &|_| false);
        let cols: Vec<usize> = found.iter().map(|d| d.span.as_ref().unwrap().col).collect();
        assert_eq!(cols, vec![14, 51]);
    }

    #[test]
    fn match_case() {
        let l = TermList::parse(
            Path::new("t.toml"),
            "register = \"tu\"\n[[term]]\npreferred = \"paese\"\navoid = [\"il Paese\"]\nmatch_case = true\n",
        )
        .unwrap();
        let found = l.check(
            Path::new("p.it.md"),
            "Il paese e il paese; il Paese.",
            &|_| false,
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span.as_ref().unwrap().col, 22);
    }

    #[test]
    fn mistakes_in_the_file() {
        let e = TermList::parse(Path::new("t.toml"), "[[term]]\npreferred = \"a\"\n").unwrap_err();
        assert!(e[0].message.contains("register"));
        let e = TermList::parse(
            Path::new("t.toml"),
            "register = \"x\"\n[[term]]\nprefered = \"a\"\n",
        )
        .unwrap_err();
        assert_eq!(e[0].span.as_ref().unwrap().line, 3);
    }
}
