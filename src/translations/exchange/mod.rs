//! `ponte translations export` and `import`: pages and interface messages to XLIFF units and
//! back.
//!
//! Export cuts each page into units (title, description, one per paragraph, heading, list
//! item and table cell; markup as placeholders) and keeps the rest of the file as the
//! XLIFF skeleton with a marker per unit, so that import rebuilds the page exactly. A
//! translation that lines up with its source (same blocks, same markup) is the skeleton and
//! fills the targets, so exporting and importing unchanged rewrites nothing. Interface
//! messages are one unit per message and attribute, `{ $variable }` protected.
mod fluent;
mod import;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::segment::{self, Piece, Segment};
use super::status::{Row, State, Status};
use super::xliff::{self, Inline, Unit};
use super::{messages, page, store};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::Sources;
use fluent::{protect, protect_like, split_message};
pub use import::{import, Imported};

const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

fn marker(id: &str) -> String {
    format!("{OPEN}{id}{CLOSE}")
}

/// Which translations to export.
#[derive(Debug, Clone, Copy, Default)]
pub struct Selection {
    /// Outdated, unrecorded and untranslated-looking pages; changed or unrecorded messages.
    pub outdated: bool,
    /// Pages and messages the language does not have.
    pub missing: bool,
}

impl Selection {
    fn page(&self, state: State) -> bool {
        let outdated = matches!(
            state,
            State::Outdated | State::Unrecorded | State::Untranslated
        );
        (!self.outdated && !self.missing)
            || (self.outdated && outdated)
            || (self.missing && state == State::Missing)
    }
}

/// The XLIFF document for `lang`, and how many pages and messages it holds.
pub fn export(
    config: &Config,
    sources: &Sources,
    status: &Status,
    lang: &str,
    selection: Selection,
) -> Result<(String, usize, usize), Diagnostics> {
    let Some(l) = config.language_index(lang) else {
        let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
        return Err(Diagnostics(vec![Diagnostic::error(format!(
            "`{lang}` is not a language of this site"
        ))
        .hint(format!("use one of: {}", codes.join(", ")))]));
    };
    if l == config.default_language {
        return Err(Diagnostics(vec![Diagnostic::error(format!(
            "`{lang}` is the default language: translations are made from it"
        ))
        .hint("name the language to translate into, e.g. --lang bg")]));
    }
    let text_of = |path: &Path| {
        sources
            .pages
            .iter()
            .find(|f| f.path == path)
            .map(|f| f.text.as_str())
    };
    let mut doc = xliff::Document {
        src_lang: config.default_lang().code.clone(),
        trg_lang: lang.to_string(),
        files: Vec::new(),
    };
    for row in &status.pages {
        let (Some(source), Some(fp)) = (&row.source, &row.fingerprint) else {
            continue;
        };
        let cell = &row.languages[l];
        if !selection.page(cell.state) {
            continue;
        }
        let Some(s_text) = text_of(source) else {
            continue;
        };
        let target = cell
            .file
            .clone()
            .unwrap_or_else(|| target_path(source, &doc.src_lang, lang));
        let t_text = cell.file.as_deref().and_then(text_of);
        let usable = t_text.filter(|_| cell.state != State::Untranslated);
        if let Some(file) = page_file(
            doc.files.len() + 1,
            row,
            source,
            s_text,
            &target,
            usable,
            fp,
        ) {
            doc.files.push(file);
        }
    }
    let pages = doc.files.len();
    let mut count = 0;
    for file in message_files(config, sources, status, lang, selection) {
        count += file.units.len();
        let mut file = file;
        file.id = format!("f{}", doc.files.len() + 1);
        doc.files.push(file);
    }
    Ok((xliff::write(&doc), pages, count))
}

/// `content/a/b.en.md` → `content/a/b.bg.md` (`b.md` → `b.bg.md`).
fn target_path(source: &Path, default: &str, lang: &str) -> PathBuf {
    let name = source.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let stem = name
        .strip_suffix(&format!(".{default}.md"))
        .or_else(|| name.strip_suffix(".md"))
        .unwrap_or(name);
    source.with_file_name(format!("{stem}.{lang}.md"))
}

/// The units of one segment: its text, and its markup as numbered placeholders.
fn inlines(body: &str, seg: &Segment) -> (Vec<Inline>, Vec<(String, String)>) {
    let mut content = Vec::new();
    let mut data = Vec::new();
    for piece in &seg.pieces {
        match piece {
            Piece::Text(r) => content.push(Inline::Text(body[r.clone()].to_string())),
            Piece::Code(r) => {
                let id = (data.len() + 1).to_string();
                data.push((id.clone(), body[r.clone()].to_string()));
                content.push(Inline::Ph(id));
            }
        }
    }
    (content, data)
}

fn body_of(text: &str) -> (usize, &str) {
    let at = page::split(text).map_or(0, |p| p.body);
    (at, &text[at..])
}

fn page_file(
    n: usize,
    row: &Row,
    source: &Path,
    s_text: &str,
    target: &Path,
    t_text: Option<&str>,
    fp: &str,
) -> Option<xliff::File> {
    let s_parts = page::split(s_text)?;
    let s_shown = page::Shown::parse(s_text, &s_parts)?;
    let (_, s_body) = body_of(s_text);
    let s_segs = segment::segments(s_body);
    let t_shown = t_text.and_then(|t| page::Shown::parse(t, &page::split(t)?));
    let t_segs = t_text.map(|t| segment::segments(body_of(t).1));
    let aligned = match (t_text, &t_segs) {
        (Some(t), Some(segs)) => {
            segs.len() == s_segs.len()
                && segs
                    .iter()
                    .zip(&s_segs)
                    .all(|(a, b)| a.codes(body_of(t).1) == b.codes(s_body))
        }
        _ => false,
    };
    // The skeleton: the translation when it lines up, else the source (keeping the
    // translation's own slug), with the source version recorded.
    let mut base = if aligned {
        t_text?.to_string()
    } else {
        s_text.to_string()
    };
    if !aligned {
        if let Some(slug) = t_shown.as_ref().and_then(|s| s.slug.as_ref()) {
            base = page::with_field(&base, "slug", slug.get_ref())?;
        }
    }
    let base = page::with_recorded(&base, fp)?;
    let b_parts = page::split(&base)?;
    let b_shown = page::Shown::parse(&base, &b_parts)?;
    let b_body = &base[b_parts.body..];
    let b_segs = segment::segments(b_body);
    let mut cuts: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut units = Vec::new();
    for (field, s_value, b_value, t_value) in [
        (
            "title",
            &s_shown.title,
            &b_shown.title,
            t_shown.as_ref().and_then(|s| s.title.as_ref()),
        ),
        (
            "description",
            &s_shown.description,
            &b_shown.description,
            t_shown.as_ref().and_then(|s| s.description.as_ref()),
        ),
    ] {
        let (Some(s_value), Some(b_value)) = (s_value, b_value) else {
            continue;
        };
        if s_value.get_ref().trim().is_empty() {
            continue;
        }
        let r = b_value.span();
        cuts.push((
            b_parts.toml.start + r.start..b_parts.toml.start + r.end,
            field.to_string(),
        ));
        units.push(Unit {
            id: field.to_string(),
            source: vec![Inline::Text(s_value.get_ref().clone())],
            target: t_value.map(|t| vec![Inline::Text(t.get_ref().clone())]),
            ..Unit::default()
        });
    }
    for (i, seg) in s_segs.iter().enumerate() {
        let id = format!("u{}", i + 1);
        let (source_inlines, data) = inlines(s_body, seg);
        let target_inlines = if aligned {
            t_segs
                .as_ref()
                .zip(t_text)
                .map(|(segs, t)| inlines(body_of(t).1, &segs[i]).0)
        } else {
            None
        };
        let b_seg = &b_segs[i];
        cuts.push((
            b_parts.body + b_seg.range.start..b_parts.body + b_seg.range.end,
            id.clone(),
        ));
        units.push(Unit {
            id,
            data,
            source: source_inlines,
            target: target_inlines,
            ..Unit::default()
        });
    }
    cuts.sort_by_key(|(r, _)| r.start);
    let mut skeleton = String::with_capacity(base.len());
    let mut at = 0;
    for (r, id) in &cuts {
        skeleton.push_str(&base[at..r.start]);
        skeleton.push_str(&marker(id));
        at = r.end;
    }
    skeleton.push_str(&base[at..]);
    Some(xliff::File {
        id: format!("f{n}"),
        original: slash(source),
        target: slash(target),
        kind: "page".into(),
        fingerprint: Some(fp.to_string()),
        source_text: row.meaningful_text().map(str::to_string),
        skeleton: Some(skeleton),
        units,
    })
}

fn slash(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

fn message_files(
    config: &Config,
    sources: &Sources,
    status: &Status,
    lang: &str,
    selection: Selection,
) -> Vec<xliff::File> {
    let _ = status;
    let default = &config.default_lang().code;
    let root = &sources.root;
    let record = store::messages(root, lang);
    let existing: HashMap<String, String> = sources
        .locales
        .iter()
        .filter(|(l, _)| l == lang)
        .flat_map(|(_, f)| messages::parse(&f.text))
        .map(|m| (m.id, m.text))
        .collect();
    let mut out = Vec::new();
    for (_, file) in sources.locales.iter().filter(|(l, _)| l == default) {
        let mut units = Vec::new();
        for m in messages::parse(&file.text) {
            let have = existing.get(&m.id);
            let wanted = match have {
                None => selection.missing || !selection.outdated,
                Some(_) => {
                    (!selection.outdated && !selection.missing)
                        || (selection.outdated && record.get(&m.id) != Some(&m.text))
                }
            };
            if !wanted {
                continue;
            }
            let (value, attrs) = split_message(&m.text);
            let (t_value, t_attrs) = have.map(|t| split_message(t)).unwrap_or_default();
            let mut parts: Vec<(String, String, Option<String>)> = Vec::new();
            if let Some(v) = value {
                parts.push((m.id.clone(), v, t_value));
            }
            for (name, v) in attrs {
                let t = t_attrs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, t)| t.clone());
                parts.push((format!("{}.{name}", m.id), v, t));
            }
            for (id, v, t) in parts {
                let (source, data) = protect(&v);
                let target = t.and_then(|t| protect_like(&t, &data));
                let note = v.contains("->").then(|| {
                    "Fluent syntax: translate the words; keep { }, $names and the [variant] keys (the one marked * is the default)".to_string()
                });
                units.push(Unit {
                    id,
                    data,
                    note,
                    source,
                    target,
                    ..Unit::default()
                });
            }
        }
        if units.is_empty() {
            continue;
        }
        let name = file
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        out.push(xliff::File {
            original: slash(&file.path),
            target: format!("locales/{lang}/{name}"),
            kind: "messages".into(),
            units,
            ..xliff::File::default()
        });
    }
    out
}
