//! Where every translation stands: a page × language matrix (ok, outdated, unrecorded,
//! untranslated, missing) and the interface messages whose source changed, with the
//! diagnostics `ponte check` and `ponte build` report.
//!
//! In: the site's configuration and its page and locale files. Out: a [`Status`], and from
//! it the problems (each outdated translation with a diff of its source since the version it
//! records).
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{messages, page, script, segment, store};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Span};
use crate::load::SourceFile;
use crate::site::resolve::page_identity;

/// Where one page stands in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// The default-language page itself.
    Source,
    Ok,
    /// Its source changed since the recorded version.
    Outdated,
    /// It records no source version (made by hand, or before tracking).
    Unrecorded,
    /// It still holds the default language's text.
    Untranslated,
    Missing,
}

impl State {
    pub fn label(self) -> &'static str {
        match self {
            State::Source => "source",
            State::Ok => "ok",
            State::Outdated => "outdated",
            State::Unrecorded => "unrecorded",
            State::Untranslated => "untranslated",
            State::Missing => "missing",
        }
    }
}

/// One page in one language.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub lang: String,
    pub state: State,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<PathBuf>,
    /// Why a page looks untranslated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
    /// The source version it records.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub translation_of: Option<String>,
    #[serde(skip)]
    record_span: Option<Span>,
}

/// One page key in every language.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub page: String,
    /// The default-language file, when there is one.
    pub source: Option<PathBuf>,
    /// Its fingerprint now.
    pub fingerprint: Option<String>,
    pub languages: Vec<Cell>,
    #[serde(skip)]
    meaningful: Option<String>,
}

/// An interface message whose default-language text changed since it was translated.
#[derive(Debug, Clone, Serialize)]
pub struct OutdatedMessage {
    pub lang: String,
    pub id: String,
    pub file: PathBuf,
    pub was: String,
    pub now: String,
    #[serde(skip)]
    span: Option<Span>,
}

/// Message counts of one language.
#[derive(Debug, Clone, Default, Serialize)]
pub struct MessageCounts {
    pub lang: String,
    pub ok: usize,
    pub outdated: usize,
    pub unrecorded: usize,
    pub missing: usize,
}

/// The whole picture.
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    pub languages: Vec<String>,
    pub default_language: String,
    pub pages: Vec<Row>,
    pub messages: Vec<MessageCounts>,
    pub outdated_messages: Vec<OutdatedMessage>,
    #[serde(skip)]
    unrecorded_messages: Vec<PathBuf>,
    #[serde(skip)]
    root: PathBuf,
}

/// Computes where every translation stands. `pages` are the `content/**.md` files (drafts
/// and leaflets included); `locales` pairs each `.ftl` file with its language folder.
pub fn compute(
    root: &Path,
    config: &Config,
    pages: &[SourceFile],
    locales: &[(String, SourceFile)],
) -> Status {
    let codes: Vec<String> = config.languages.iter().map(|l| l.code.clone()).collect();
    let default = config.default_language;
    let mut by_key: BTreeMap<String, Vec<Option<&SourceFile>>> = BTreeMap::new();
    for file in pages {
        if let Ok((key, lang)) = page_identity(config, &file.path) {
            by_key
                .entry(key.0)
                .or_insert_with(|| vec![None; codes.len()])[lang] = Some(file);
        }
    }
    let rows = by_key
        .into_iter()
        .map(|(key, files)| row(config, key, &files))
        .collect();
    let (messages, outdated_messages, unrecorded_messages) = message_status(root, config, locales);
    Status {
        languages: codes.clone(),
        default_language: codes[default].clone(),
        pages: rows,
        messages,
        outdated_messages,
        unrecorded_messages,
        root: root.to_path_buf(),
    }
}

fn row(config: &Config, key: String, files: &[Option<&SourceFile>]) -> Row {
    let default = config.default_language;
    let source = files[default];
    let meaningful = source.and_then(|f| page::meaningful(&f.text));
    let fingerprint = meaningful.as_deref().map(page::fingerprint);
    let source_segments = source.map(|f| Compared::of(&f.text));
    let languages = files
        .iter()
        .enumerate()
        .map(|(lang, file)| {
            let code = config.languages[lang].code.clone();
            let mut cell = Cell {
                lang: code.clone(),
                state: State::Missing,
                file: file.map(|f| f.path.clone()),
                why: None,
                translation_of: None,
                record_span: None,
            };
            let Some(file) = file else {
                return cell;
            };
            if lang == default {
                cell.state = State::Source;
                return cell;
            }
            let parts = page::split(&file.text);
            let shown = parts
                .as_ref()
                .and_then(|p| page::Shown::parse(&file.text, p));
            if let (Some(parts), Some(shown)) = (&parts, &shown) {
                if let Some((fp, range)) = shown.recorded(parts) {
                    cell.translation_of = Some(fp.to_string());
                    cell.record_span = Some(Span::from_offset(
                        &file.path,
                        &file.text,
                        range.start,
                        range.len(),
                    ));
                }
            }
            cell.state = match (&cell.translation_of, &fingerprint) {
                (_, None) => State::Ok,
                (None, _) => State::Unrecorded,
                (Some(r), Some(now)) if r == now => State::Ok,
                (Some(_), Some(_)) => State::Outdated,
            };
            if let Some(src) = &source_segments {
                let own = Compared::of(&file.text);
                if let Some(why) = untranslated(&own, src, &config.languages[lang]) {
                    cell.state = State::Untranslated;
                    cell.why = Some(why);
                }
            }
            cell
        })
        .collect();
    Row {
        page: key,
        source: source.map(|f| f.path.clone()),
        fingerprint,
        languages,
        meaningful,
    }
}

/// A page's text as blocks, for telling whether a translation still holds its source.
struct Compared {
    blocks: Vec<String>,
    all: String,
}

impl Compared {
    fn of(text: &str) -> Compared {
        let parts = page::split(text);
        let mut blocks = Vec::new();
        if let Some(shown) = parts.as_ref().and_then(|p| page::Shown::parse(text, p)) {
            blocks.extend(shown.title.map(|t| t.into_inner()));
            blocks.extend(shown.description.map(|t| t.into_inner()));
        }
        let body = &text[parts.map_or(0, |p| p.body)..];
        blocks.extend(segment::segments(body).iter().map(|s| s.text(body)));
        let blocks: Vec<String> = blocks
            .iter()
            .map(|b| b.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|b| !b.is_empty())
            .collect();
        let all = blocks.join(" ");
        Compared { blocks, all }
    }
}

/// Below this many words a page is too short to judge.
const MIN_WORDS: usize = 12;
/// Blocks shorter than this (names, acronyms) may stay the same in every language.
const SHORT_BLOCK: usize = 3;

/// Why a translation looks untranslated, if it does: most of its words sit in blocks that are
/// the same as the source's, or most of its letters are not in its language's script.
fn untranslated(
    own: &Compared,
    source: &Compared,
    lang: &crate::config::Language,
) -> Option<String> {
    let words = |s: &str| s.split_whitespace().count();
    let same: HashSet<&str> = source.blocks.iter().map(String::as_str).collect();
    // Short blocks that stay the same (names, acronyms) count neither way.
    let counted: Vec<&String> = own
        .blocks
        .iter()
        .filter(|b| words(b) > SHORT_BLOCK || !same.contains(b.as_str()))
        .collect();
    let total: usize = counted.iter().map(|b| words(b)).sum();
    if total >= MIN_WORDS {
        let copied: usize = counted
            .iter()
            .filter(|b| same.contains(b.as_str()))
            .map(|b| words(b))
            .sum();
        if copied * 2 > total {
            return Some(format!(
                "{}% of its text is the same as the {} page",
                copied * 100 / total,
                "default-language"
            ));
        }
    }
    let expected = script::of_language(&lang.code)?;
    let (matching, letters, top) = script::letters(&own.all, expected);
    if letters >= 2 * MIN_WORDS && matching * 2 < letters {
        let found = top.map(script::name).unwrap_or("another");
        return Some(format!(
            "it is written mostly in {found} letters, but {} is written in {} letters",
            lang.name,
            script::name(expected)
        ));
    }
    None
}

type MessageResult = (Vec<MessageCounts>, Vec<OutdatedMessage>, Vec<PathBuf>);

fn message_status(root: &Path, config: &Config, locales: &[(String, SourceFile)]) -> MessageResult {
    let default = &config.default_lang().code;
    let mut source: HashMap<String, String> = HashMap::new();
    for (lang, file) in locales {
        if lang == default {
            for m in messages::parse(&file.text) {
                source.insert(m.id, m.text);
            }
        }
    }
    let mut counts = Vec::new();
    let mut outdated = Vec::new();
    let mut unrecorded = Vec::new();
    for language in &config.languages {
        if &language.code == default {
            continue;
        }
        let record = store::messages(root, &language.code);
        let mut c = MessageCounts {
            lang: language.code.clone(),
            ..MessageCounts::default()
        };
        let mut present = HashSet::new();
        for (_, file) in locales.iter().filter(|(l, _)| *l == language.code) {
            let mut file_unrecorded = false;
            for m in messages::parse(&file.text) {
                present.insert(m.id.clone());
                let Some(now) = source.get(&m.id) else {
                    continue;
                };
                match record.get(&m.id) {
                    None => {
                        c.unrecorded += 1;
                        file_unrecorded = true;
                    }
                    Some(was) if was == now => c.ok += 1,
                    Some(was) => {
                        c.outdated += 1;
                        outdated.push(OutdatedMessage {
                            lang: language.code.clone(),
                            id: m.id.clone(),
                            file: file.path.clone(),
                            was: was.clone(),
                            now: now.clone(),
                            span: Some(Span::from_offset(
                                &file.path,
                                &file.text,
                                m.offset,
                                m.id.len(),
                            )),
                        });
                    }
                }
            }
            if file_unrecorded {
                unrecorded.push(file.path.clone());
            }
        }
        c.missing = source.keys().filter(|id| !present.contains(*id)).count();
        counts.push(c);
    }
    (counts, outdated, unrecorded)
}

/// How many lines of a diff are shown; `ponte translations export` gives the whole text.
const DIFF_LINES: usize = 40;

/// A unified diff of `old` to `new`, indented, at most [`DIFF_LINES`] lines.
pub fn diff(old: &str, new: &str, name: &str) -> String {
    let text = similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(1)
        .header(
            &format!("{name} (when translated)"),
            &format!("{name} (now)"),
        )
        .to_string();
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::new();
    for line in lines.iter().take(DIFF_LINES) {
        let _ = writeln!(out, "    {line}");
    }
    if lines.len() > DIFF_LINES {
        let _ = writeln!(out, "    … {} more lines", lines.len() - DIFF_LINES);
    }
    out.trim_end().to_string()
}

impl Row {
    /// The source's meaningful text now (what its fingerprint is made from).
    pub fn meaningful_text(&self) -> Option<&str> {
        self.meaningful.as_deref()
    }
}

impl Status {
    /// The row of the page `key` (`about/_index.md`).
    pub fn row(&self, key: &str) -> Option<&Row> {
        self.pages.iter().find(|r| r.page == key)
    }

    /// The preview's banner text for each outdated translation file.
    pub fn banners(&self) -> HashMap<PathBuf, String> {
        self.outdated()
            .filter_map(|(row, cell)| {
                let source = row.source.as_ref()?;
                Some((
                    cell.file.clone()?,
                    format!(
                        "Outdated translation: {} changed since this page was translated (ponte check shows what changed). Only the preview shows this.",
                        source.display()
                    ),
                ))
            })
            .collect()
    }

    /// Translation files whose source changed, with the source file.
    pub fn outdated(&self) -> impl Iterator<Item = (&Row, &Cell)> {
        self.pages.iter().flat_map(|r| {
            r.languages
                .iter()
                .filter(|c| c.state == State::Outdated)
                .map(move |c| (r, c))
        })
    }

    /// Every problem: outdated translations (errors when `strict`) with what changed,
    /// untranslated-looking pages, outdated messages, and (once the site records some
    /// translations) one note listing translations that record no source version.
    pub fn problems(&self, strict: bool) -> Vec<Diagnostic> {
        let level = |message: String| {
            if strict {
                Diagnostic::error(message)
            } else {
                Diagnostic::warning(message)
            }
        };
        let mut out = Vec::new();
        let mut unrecorded: Vec<String> = Vec::new();
        let mut shown_diffs: HashMap<(PathBuf, String), PathBuf> = HashMap::new();
        for row in &self.pages {
            let Some(source) = &row.source else {
                continue;
            };
            let mut cells: Vec<&Cell> = row.languages.iter().collect();
            cells.sort_by(|a, b| a.file.cmp(&b.file));
            for cell in cells {
                let Some(file) = &cell.file else {
                    continue;
                };
                match cell.state {
                    State::Outdated => {
                        let recorded = cell.translation_of.clone().unwrap_or_default();
                        let what = match shown_diffs.get(&(source.clone(), recorded.clone())) {
                            Some(first) => format!(
                                "the same change as for `{}`",
                                first.display()
                            ),
                            None => {
                                shown_diffs.insert((source.clone(), recorded.clone()), file.clone());
                                match (store::snapshot(&self.root, &recorded), &row.meaningful) {
                                    (Some(old), Some(now)) => format!(
                                        "what changed:\n{}",
                                        diff(&old, now, &source.display().to_string())
                                    ),
                                    _ => format!(
                                        "the text it was translated from is not kept in {}, so what changed cannot be shown",
                                        store::dir().display()
                                    ),
                                }
                            }
                        };
                        let d = level(format!(
                            "`{}` is an outdated translation: `{}` changed since it was translated; {what}",
                            file.display(),
                            source.display()
                        ))
                        .at(cell.record_span.clone().unwrap_or_else(|| Span::file(file)))
                        .hint(format!(
                            "update the translation, then run `ponte translations done {}`",
                            file.display()
                        ));
                        out.push(d);
                    }
                    State::Untranslated => out.push(
                        level(format!(
                            "`{}` looks untranslated: {}",
                            file.display(),
                            cell.why.as_deref().unwrap_or("")
                        ))
                        .at(Span::file(file))
                        .hint(format!(
                            "translate it from `{}`, or remove it until it is translated (the page is then left out of that language)",
                            source.display()
                        )),
                    ),
                    State::Unrecorded => unrecorded.push(file.display().to_string()),
                    _ => {}
                }
            }
        }
        for m in &self.outdated_messages {
            out.push(
                level(format!(
                    "the message `{}` in `{}` is an outdated translation: its {} text changed from `{}` to `{}`",
                    m.id,
                    m.file.display(),
                    self.default_language,
                    m.was,
                    m.now
                ))
                .at(m.span.clone().unwrap_or_else(|| Span::file(&m.file)))
                .hint(format!(
                    "update the message, then run `ponte translations done {}`",
                    m.file.display()
                )),
            );
        }
        unrecorded.extend(
            self.unrecorded_messages
                .iter()
                .map(|p| p.display().to_string()),
        );
        // A site that records no translation at all does not track them (yet): no note.
        let tracking = self
            .pages
            .iter()
            .any(|r| r.languages.iter().any(|c| c.translation_of.is_some()))
            || self.messages.iter().any(|m| m.ok + m.outdated > 0);
        if tracking && !unrecorded.is_empty() {
            let n = unrecorded.len();
            let mut list: Vec<String> = unrecorded
                .iter()
                .take(8)
                .map(|f| format!("`{f}`"))
                .collect();
            if n > 8 {
                list.push(format!("and {} more", n - 8));
            }
            let message = format!(
                "{n} translation file(s) do not record which version of their source they follow: {}",
                list.join(", ")
            );
            // Unknown is not outdated: a note, even under --strict, until the site adopts
            // tracking with `ponte translations done --all`.
            out.push(Diagnostic::note(message).hint(
                "when they match their sources, run `ponte translations done --all` (or name the files); `ponte translations` lists them",
            ));
        }
        out
    }
}
