//! Translations that stay true: which version of its default-language source each
//! translation follows, and the commands that record it and exchange text with translators.
//!
//! In: the site's page and locale files. Out: a [`status::Status`] (the page × language
//! matrix and outdated messages) with its diagnostics, and the files `ponte translations
//! done` and `import` write.
//!
//! A translation records the fingerprint of its source in its front matter
//! (`translation_of = "…"`, written by ponte, see [`page`]); the source's text at that
//! version is kept in `.ponte/translations/` ([`store`]) so that a diff can show what
//! changed. Interface messages are recorded per language in the same folder.
pub mod coverage;
pub mod exchange;
pub mod messages;
pub mod page;
pub mod script;
pub mod segment;
pub mod status;
pub mod store;
pub mod xliff;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics, Span};
use crate::load::{self, Sources};
use status::{State, Status};

/// Reads the site at `root` and works out where every translation stands.
pub fn read(root: &Path) -> Result<(Config, Sources, Status), Diagnostics> {
    let (config, sources) = load::load(root)?;
    let status = status::compute(root, &config, &sources.pages, &sources.locales);
    Ok((config, sources, status))
}

/// The matrix for people: one line per page, one column per language.
pub fn matrix_text(status: &Status) -> String {
    let mut out = String::new();
    let width = status
        .pages
        .iter()
        .map(|r| r.page.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    let col = |code: &str| code.chars().count().max(12);
    let mut head = format!("{:width$}", "page");
    for code in &status.languages {
        let _ = write!(head, "  {code:w$}", w = col(code));
    }
    let _ = writeln!(out, "{}", head.trim_end());
    let mut totals: BTreeMap<&str, usize> = BTreeMap::new();
    for row in &status.pages {
        let mut line = format!("{:width$}", row.page);
        for cell in &row.languages {
            let _ = write!(line, "  {:w$}", cell.state.label(), w = col(&cell.lang));
            *totals.entry(cell.state.label()).or_default() += 1;
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    let summary: Vec<String> = ["ok", "outdated", "unrecorded", "untranslated", "missing"]
        .iter()
        .map(|s| format!("{} {s}", totals.get(s).copied().unwrap_or(0)))
        .collect();
    let _ = writeln!(
        out,
        "\nPages: {} in {} languages; translations: {}.",
        status.pages.len(),
        status.languages.len(),
        summary.join(", ")
    );
    for m in &status.messages {
        let _ = writeln!(
            out,
            "Messages in {}: {} ok, {} outdated, {} unrecorded, {} missing.",
            m.lang, m.ok, m.outdated, m.unrecorded, m.missing
        );
    }
    out
}

/// The matrix for tools.
pub fn matrix_json(status: &Status) -> String {
    serde_json::to_string_pretty(status).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
        + "\n"
}

/// What `ponte translations done` recorded.
#[derive(Debug, Default)]
pub struct Recorded {
    pub pages: Vec<PathBuf>,
    pub message_files: Vec<PathBuf>,
}

/// Records, for the named translation files (a default-language page stands for all its
/// translations; a `.ftl` file for its messages), or for every translation with `all`, the
/// version of the source they follow now.
pub fn done(root: &Path, paths: &[PathBuf], all: bool) -> Result<Recorded, Diagnostics> {
    let (config, sources, status) = read(root)?;
    let default = config.default_lang().code.clone();
    let mut pages: BTreeSet<PathBuf> = BTreeSet::new();
    let mut ftl: BTreeSet<PathBuf> = BTreeSet::new();
    let mut problems = Diagnostics::default();
    let by_file: HashMap<&Path, (&status::Row, &status::Cell)> = status
        .pages
        .iter()
        .flat_map(|r| {
            r.languages
                .iter()
                .filter_map(move |c| c.file.as_deref().map(|f| (f, (r, c))))
        })
        .collect();
    let translations_of = |row: &status::Row| -> Vec<PathBuf> {
        row.languages
            .iter()
            .filter(|c| c.state != State::Source)
            .filter_map(|c| c.file.clone())
            .collect()
    };
    if all {
        for row in status.pages.iter().filter(|r| r.source.is_some()) {
            pages.extend(translations_of(row));
        }
        ftl.extend(
            sources
                .locales
                .iter()
                .filter(|(l, _)| *l != default && config.language_index(l).is_some())
                .map(|(_, f)| f.path.clone()),
        );
    }
    for given in paths {
        let rel = relative(root, given);
        if let Some((row, cell)) = by_file.get(rel.as_path()) {
            if cell.state == State::Source {
                pages.extend(translations_of(row));
            } else if row.source.is_none() {
                problems.push(
                    Diagnostic::error(format!(
                        "`{}` has no {} page to be a translation of",
                        rel.display(),
                        config.default_lang().name
                    ))
                    .at(Span::file(&rel))
                    .hint("create the default-language page first"),
                );
            } else {
                pages.insert(rel);
            }
        } else if sources
            .locales
            .iter()
            .any(|(l, f)| f.path == rel && *l != default)
        {
            ftl.insert(rel);
        } else {
            problems.push(
                Diagnostic::error(format!("`{}` is not a translation of this site", given.display()))
                    .hint("name a translated page (content/…/NAME.LANG.md) or interface file (locales/LANG/NAME.ftl), relative to the site's folder"),
            );
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    let mut recorded = Recorded::default();
    let io = |what: &Path, e: std::io::Error| {
        Diagnostics(vec![Diagnostic::error(format!(
            "cannot write `{}`: {e}",
            what.display()
        ))])
    };
    let mut used: BTreeSet<String> = BTreeSet::new();
    for row in &status.pages {
        for cell in &row.languages {
            let Some(file) = &cell.file else { continue };
            if pages.contains(file) {
                let (Some(fp), Some(text)) = (&row.fingerprint, row_meaningful(&sources, row))
                else {
                    continue;
                };
                store::keep(root, fp, &text).map_err(|e| io(&store::dir(), e))?;
                let old = std::fs::read_to_string(root.join(file)).map_err(|e| io(file, e))?;
                if let Some(new) = page::with_recorded(&old, fp) {
                    if new != old {
                        std::fs::write(root.join(file), new).map_err(|e| io(file, e))?;
                    }
                    recorded.pages.push(file.clone());
                    used.insert(fp.clone());
                }
            } else if let Some(fp) = &cell.translation_of {
                used.insert(fp.clone());
            }
        }
    }
    let source_messages: HashMap<String, String> = sources
        .locales
        .iter()
        .filter(|(l, _)| *l == default)
        .flat_map(|(_, f)| messages::parse(&f.text))
        .map(|m| (m.id, m.text))
        .collect();
    let mut by_lang: BTreeMap<String, Vec<&load::SourceFile>> = BTreeMap::new();
    for (lang, file) in &sources.locales {
        if ftl.contains(&file.path) {
            by_lang.entry(lang.clone()).or_default().push(file);
        }
    }
    for (lang, files) in by_lang {
        let mut record = store::messages(root, &lang);
        for file in files {
            for m in messages::parse(&file.text) {
                if let Some(text) = source_messages.get(&m.id) {
                    record.insert(m.id, text.clone());
                }
            }
            recorded.message_files.push(file.path.clone());
        }
        store::write_messages(root, &lang, &record).map_err(|e| io(&store::dir(), e))?;
    }
    store::prune(root, &used).map_err(|e| io(&store::dir(), e))?;
    Ok(recorded)
}

fn row_meaningful(sources: &Sources, row: &status::Row) -> Option<String> {
    let source = row.source.as_ref()?;
    let file = sources.pages.iter().find(|f| &f.path == source)?;
    page::meaningful(&file.text)
}

/// A path given on the command line, relative to the site root.
pub fn relative(root: &Path, given: &Path) -> PathBuf {
    if root.join(given).exists() {
        return given.to_path_buf();
    }
    let abs = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    abs(given)
        .strip_prefix(abs(root))
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| given.to_path_buf())
}
