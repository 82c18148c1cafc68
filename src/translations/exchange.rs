//! `ponte translations export` and `import`: pages and interface messages to XLIFF units and
//! back.
//!
//! Export cuts each page into units (title, description, one per paragraph, heading, list
//! item and table cell; markup as placeholders) and keeps the rest of the file as the
//! XLIFF skeleton with a marker per unit, so that import rebuilds the page exactly. A
//! translation that lines up with its source (same blocks, same markup) is the skeleton and
//! fills the targets, so exporting and importing unchanged rewrites nothing. Interface
//! messages are one unit per message and attribute, `{ $variable }` protected.
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::segment::{self, Piece, Segment};
use super::status::{Row, State, Status};
use super::xliff::{self, Inline, Unit};
use super::{messages, page, store};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics, Span};
use crate::load::Sources;

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

/// A message's canonical text split into its value and attributes, each unindented.
fn split_message(canonical: &str) -> (Option<String>, Vec<(String, String)>) {
    let mut value: Option<Vec<String>> = None;
    let mut attrs: Vec<(String, Vec<String>)> = Vec::new();
    for (i, line) in canonical.lines().enumerate() {
        if i == 0 {
            let rest = line.split_once('=').map_or("", |(_, r)| r).trim_start();
            value = Some(if rest.is_empty() {
                vec![]
            } else {
                vec![rest.to_string()]
            });
            continue;
        }
        let inner = line.strip_prefix("    ").unwrap_or(line);
        if let Some(attr) = inner.strip_prefix('.').and_then(|a| a.split_once(" =")) {
            attrs.push((attr.0.to_string(), vec![attr.1.trim_start().to_string()]));
            attrs.last_mut().map(|a| a.1.retain(|l| !l.is_empty()));
        } else if let Some((_, lines)) = attrs.last_mut() {
            lines.push(inner.strip_prefix("    ").unwrap_or(inner).to_string());
        } else if let Some(v) = value.as_mut() {
            v.push(inner.to_string());
        }
    }
    let value = value.filter(|v| !v.is_empty()).map(|v| v.join("\n"));
    (
        value,
        attrs.into_iter().map(|(k, v)| (k, v.join("\n"))).collect(),
    )
}

/// The message `id` written from its value and attributes.
fn join_message(id: &str, value: Option<&str>, attrs: &[(String, String)]) -> String {
    let mut out = format!("{id} =");
    let block = |out: &mut String, text: &str, indent: &str| {
        if text.contains('\n') {
            for line in text.lines() {
                out.push('\n');
                out.push_str(indent);
                out.push_str(line);
            }
        } else {
            out.push(' ');
            out.push_str(text);
        }
    };
    if let Some(v) = value {
        block(&mut out, v, "    ");
    }
    for (name, text) in attrs {
        out.push_str(&format!("\n    .{name} ="));
        block(&mut out, text, "        ");
    }
    out.push('\n');
    out
}

/// A Fluent pattern with its simple placeables (`{ $count }`, `{ -brand }`) protected;
/// selections (`{ $n -> … }`) stay text for the translator to adapt.
fn protect(pattern: &str) -> (Vec<Inline>, Vec<(String, String)>) {
    let mut content = Vec::new();
    let mut data: Vec<(String, String)> = Vec::new();
    let mut text = String::new();
    let mut chars = pattern.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '{' {
            text.push(c);
            continue;
        }
        let (mut depth, mut in_str, mut end) = (1, false, pattern.len());
        for (j, d) in chars.by_ref() {
            match d {
                '"' => in_str = !in_str,
                '{' if !in_str => depth += 1,
                '}' if !in_str => {
                    depth -= 1;
                    if depth == 0 {
                        end = j + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        let placeable = &pattern[i..end];
        if placeable.contains("->") {
            text.push_str(placeable);
        } else {
            if !text.is_empty() {
                content.push(Inline::Text(std::mem::take(&mut text)));
            }
            let id = (data.len() + 1).to_string();
            data.push((id.clone(), placeable.to_string()));
            content.push(Inline::Ph(id));
        }
    }
    if !text.is_empty() {
        content.push(Inline::Text(text));
    }
    (content, data)
}

/// A target pattern with its placeables given the source's placeholder ids, if each one is
/// among the source's.
fn protect_like(pattern: &str, data: &[(String, String)]) -> Option<Vec<Inline>> {
    let (content, own) = protect(pattern);
    let mut used = vec![false; data.len()];
    let mut out = Vec::new();
    for piece in content {
        match piece {
            Inline::Ph(id) => {
                let text = &own.iter().find(|(i, _)| *i == id)?.1;
                let k = (0..data.len()).find(|&k| !used[k] && &data[k].1 == text)?;
                used[k] = true;
                out.push(Inline::Ph(data[k].0.clone()));
            }
            t => out.push(t),
        }
    }
    Some(out)
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

/// What an import changed.
#[derive(Debug, Default)]
pub struct Imported {
    pub written: Vec<PathBuf>,
    pub unchanged: usize,
    /// Warnings: pages left as they were because some units had no translation.
    pub warnings: Vec<Diagnostic>,
}

/// Reads the XLIFF file `path` and writes the translations it holds; nothing is written when
/// any unit is broken.
pub fn import(
    root: &Path,
    config: &Config,
    sources: &Sources,
    path: &Path,
) -> Result<Imported, Diagnostics> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Diagnostics(vec![Diagnostic::error(format!(
            "cannot read `{}`: {e}",
            path.display()
        ))
        .hint("give the path of the XLIFF file the translator sent back")])
    })?;
    let doc = xliff::read(&text).map_err(|e| {
        Diagnostics(vec![Diagnostic::error(e.message)
            .at(Span::from_offset(path, &text, e.offset, 1))
            .hint(
                "the file must be XLIFF 2.0 as `ponte translations export` wrote it",
            )])
    })?;
    let lang = doc.trg_lang.as_str();
    if config.language_index(lang).is_none() || lang == config.default_lang().code {
        return Err(Diagnostics(vec![Diagnostic::error(format!(
            "the file translates into `{lang}`, which is not a translated language of this site"
        ))
        .at(Span::file(path))
        .hint("check trgLang in the file, or add the language to ponte.toml")]));
    }
    let mut problems = Vec::new();
    let mut writes: BTreeMap<PathBuf, String> = BTreeMap::new();
    let mut keep: Vec<(String, String)> = Vec::new();
    let mut record = store::messages(root, lang);
    let mut record_changed = false;
    let mut done = Imported::default();
    let at = |offset: usize| Span::from_offset(path, &text, offset, 1);
    let lang_files: Vec<&crate::load::SourceFile> = sources
        .locales
        .iter()
        .filter(|(l, _)| l == lang)
        .map(|(_, f)| f)
        .collect();
    for file in &doc.files {
        let target = PathBuf::from(&file.target);
        let safe = file.target.starts_with("content/")
            || file.target.starts_with(&format!("locales/{lang}/"));
        if !safe || file.target.contains("..") {
            problems.push(
                Diagnostic::error(format!(
                    "the file `{}` is not a place ponte writes translations",
                    file.target
                ))
                .at(at(0))
                .hint("keep the ponte:target attributes as they were exported"),
            );
            continue;
        }
        match file.kind.as_str() {
            "page" => match import_page(file, &target, &at) {
                Ok(Some(new)) => {
                    if let (Some(fp), Some(s)) = (&file.fingerprint, &file.source_text) {
                        keep.push((fp.clone(), s.clone()));
                    }
                    writes.insert(target, new);
                }
                Ok(None) => done.warnings.push(
                    Diagnostic::warning(format!(
                        "`{}` was left as it was: some of its units have no translation yet",
                        file.target
                    ))
                    .at(Span::file(path))
                    .hint("fill in every unit of the page, then import again"),
                ),
                Err(mut e) => problems.append(&mut e),
            },
            "messages" => {
                let existing = lang_files
                    .iter()
                    .find(|f| f.path == target)
                    .map(|f| f.text.clone());
                let base = writes
                    .get(&target)
                    .cloned()
                    .or(existing)
                    .unwrap_or_default();
                match import_messages(file, &base, &at) {
                    Ok((new, sources_of)) => {
                        for (id, canonical) in sources_of {
                            if record.get(&id) != Some(&canonical) {
                                record.insert(id, canonical);
                                record_changed = true;
                            }
                        }
                        writes.insert(target, new);
                    }
                    Err(mut e) => problems.append(&mut e),
                }
            }
            other => problems.push(
                Diagnostic::error(format!(
                    "unknown kind `{other}` of the file `{}`",
                    file.target
                ))
                .at(at(0))
                .hint("keep the ponte:kind attributes as they were exported"),
            ),
        }
    }
    if !problems.is_empty() {
        return Err(Diagnostics(problems));
    }
    let io = |p: &Path, e: std::io::Error| {
        Diagnostics(vec![Diagnostic::error(format!(
            "cannot write `{}`: {e}",
            p.display()
        ))])
    };
    for (target, new) in writes {
        let full = root.join(&target);
        if std::fs::read_to_string(&full).ok().as_deref() == Some(new.as_str()) {
            done.unchanged += 1;
            continue;
        }
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
        }
        std::fs::write(&full, new).map_err(|e| io(&target, e))?;
        done.written.push(target);
    }
    for (fp, s) in keep {
        store::keep(root, &fp, &s).map_err(|e| io(&store::dir(), e))?;
    }
    if record_changed {
        store::write_messages(root, lang, &record).map_err(|e| io(&store::dir(), e))?;
    }
    Ok(done)
}

/// A unit's target as text, with each placeholder back to its markup; every placeholder of
/// the source must be there once.
fn render(
    unit: &Unit,
    target: &[Inline],
    file: &str,
    at: &dyn Fn(usize) -> Span,
) -> Result<String, Diagnostic> {
    let fail = |why: String| {
        Diagnostic::error(format!("unit `{}` of `{file}`: {why}", unit.id))
            .at(at(unit.offset))
            .hint("keep every placeholder of the source in the translation, once each")
    };
    let mut seen: Vec<&str> = Vec::new();
    let mut out = String::new();
    for piece in target {
        match piece {
            Inline::Text(t) => out.push_str(t),
            Inline::Ph(id) => {
                let Some((_, original)) = unit.data.iter().find(|(d, _)| d == id) else {
                    return Err(fail(format!("the placeholder {id} is not in the source")));
                };
                if seen.contains(&id.as_str()) {
                    return Err(fail(format!(
                        "the placeholder {id} (`{original}`) appears twice"
                    )));
                }
                seen.push(id);
                out.push_str(original);
            }
        }
    }
    for piece in &unit.source {
        if let Inline::Ph(id) = piece {
            if !seen.contains(&id.as_str()) {
                let original = unit
                    .data
                    .iter()
                    .find(|(d, _)| d == id)
                    .map_or("", |(_, o)| o.as_str());
                // A Fluent variable may move into a selection the translator wrote
                // (`{ $day -> [1] 1er *[other] { $day } }`): it is kept if it is named.
                let variable =
                    original.trim_matches(|c: char| c == '{' || c == '}' || c.is_whitespace());
                let named =
                    original.starts_with('{') && !variable.is_empty() && out.contains(variable);
                if named {
                    continue;
                }
                return Err(fail(format!(
                    "the translation lost the placeholder {id} (`{original}`)"
                )));
            }
        }
    }
    Ok(out)
}

fn import_page(
    file: &xliff::File,
    target: &Path,
    at: &dyn Fn(usize) -> Span,
) -> Result<Option<String>, Vec<Diagnostic>> {
    let Some(skeleton) = &file.skeleton else {
        return Err(vec![Diagnostic::error(format!(
            "the page `{}` has no skeleton",
            file.target
        ))
        .at(at(0))
        .hint("export the page again; the skeleton must be kept")]);
    };
    let mut problems = Vec::new();
    let mut fills: HashMap<&str, String> = HashMap::new();
    let mut complete = true;
    for unit in &file.units {
        let Some(t) = unit.target.as_ref().filter(|t| !t.is_empty()) else {
            complete = false;
            continue;
        };
        match render(unit, t, &file.target, at) {
            Ok(s) if unit.id == "title" || unit.id == "description" => {
                fills.insert(
                    &unit.id,
                    toml::Value::String(s.trim().to_string()).to_string(),
                );
            }
            Ok(s) => {
                let s = s.trim();
                if s.lines().any(|l| l.trim().is_empty()) {
                    problems.push(Diagnostic::error(format!("unit `{}` of `{}`: the translation has an empty line, which would split the block", unit.id, file.target))
                        .at(at(unit.offset))
                        .hint("keep each unit one paragraph, heading, list item or table cell"));
                } else {
                    fills.insert(&unit.id, s.to_string());
                }
            }
            Err(d) => problems.push(d),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if !complete {
        return Ok(None);
    }
    let mut out = String::with_capacity(skeleton.len());
    let mut rest = skeleton.as_str();
    while let Some(i) = rest.find(OPEN) {
        out.push_str(&rest[..i]);
        let after = &rest[i + OPEN.len_utf8()..];
        let Some(j) = after.find(CLOSE) else { break };
        let id = &after[..j];
        match fills.get(id) {
            Some(s) => out.push_str(s),
            None => {
                return Err(vec![Diagnostic::error(format!(
                    "the skeleton of `{}` names a unit `{id}` the file does not have",
                    file.target
                ))
                .at(at(0))
                .hint("export the page again")])
            }
        }
        rest = &after[j + CLOSE.len_utf8()..];
    }
    out.push_str(rest);
    if page::meaningful(&out).is_none() {
        return Err(vec![Diagnostic::error(format!(
            "the translated `{}` would have a broken front matter",
            target.display()
        ))
        .at(at(0))
        .hint("check the title and description units for stray quotes")]);
    }
    Ok(Some(out))
}

/// The messages file with the translated messages in place, and the source text each
/// translated message follows.
fn import_messages(
    file: &xliff::File,
    base: &str,
    at: &dyn Fn(usize) -> Span,
) -> Result<(String, Vec<(String, String)>), Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut by_message: BTreeMap<String, Vec<&Unit>> = BTreeMap::new();
    let mut order = Vec::new();
    for unit in &file.units {
        let id = unit.id.split('.').next().unwrap_or("").to_string();
        if !by_message.contains_key(&id) {
            order.push(id.clone());
        }
        by_message.entry(id).or_default().push(unit);
    }
    let mut text = base.to_string();
    let mut recorded = Vec::new();
    let existing: HashMap<String, String> = messages::parse(base)
        .into_iter()
        .map(|m| (m.id, m.text))
        .collect();
    for id in order {
        let units = &by_message[&id];
        let side =
            |pick: &dyn Fn(&Unit) -> Option<Vec<Inline>>| -> Result<Option<String>, Diagnostic> {
                let mut value = None;
                let mut attrs = Vec::new();
                for u in units {
                    let Some(content) = pick(u) else {
                        return Ok(None);
                    };
                    let s = render(u, &content, &file.target, at)?;
                    match u.id.split_once('.') {
                        Some((_, name)) => attrs.push((name.to_string(), s)),
                        None => value = Some(s),
                    }
                }
                Ok(Some(join_message(&id, value.as_deref(), &attrs)))
            };
        let source = match side(&|u: &Unit| Some(u.source.clone())) {
            Ok(Some(s)) => s,
            Ok(None) => continue,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        let translated = match side(&|u: &Unit| u.target.clone().filter(|t| !t.is_empty())) {
            Ok(Some(s)) => s,
            Ok(None) => continue,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        let parsed = messages::parse(&translated);
        let valid = fluent_syntax::parser::parse(translated.as_str()).is_ok() && parsed.len() == 1;
        if !valid {
            problems.push(
                Diagnostic::error(format!(
                    "unit `{id}` of `{}`: the translation is not a valid Fluent message",
                    file.target
                ))
                .at(at(units[0].offset))
                .hint("keep the { } and [variant] structure of the source"),
            );
            continue;
        }
        if let Some(canonical) = messages::parse(&source).pop() {
            recorded.push((id.clone(), canonical.text));
        }
        if existing.get(&id) == Some(&parsed[0].text) {
            continue;
        }
        text = replace_message(&text, &id, &translated);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok((text, recorded))
}

/// `text` with the message `id` replaced by `message` (or added at the end).
fn replace_message(text: &str, id: &str, message: &str) -> String {
    let Some(start) = messages::find(text, id) else {
        let sep = if text.is_empty() || text.ends_with('\n') {
            ""
        } else {
            "\n"
        };
        return format!("{text}{sep}{message}");
    };
    // The entry goes on over indented lines, a `}` closing a placeable, and blank lines
    // followed by more of them.
    let lines: Vec<&str> = text[start..].split_inclusive('\n').collect();
    let continues = |l: &str| l.starts_with([' ', '\t', '}']);
    let mut end = start + lines[0].len();
    let mut i = 1;
    while i < lines.len() {
        if continues(lines[i]) && !lines[i].trim().is_empty() {
            end += lines[i].len();
            i += 1;
            continue;
        }
        let mut j = i;
        while j < lines.len() && lines[j].trim().is_empty() {
            j += 1;
        }
        if j > i && j < lines.len() && continues(lines[j]) {
            end += lines[i..j].iter().map(|l| l.len()).sum::<usize>();
            i = j;
            continue;
        }
        break;
    }
    format!("{}{message}{}", &text[..start], &text[end..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_split_and_join() {
        let canonical = "pages =\n    { $count ->\n        [one] one page\n       *[other] { $count } pages\n    }\n    .title = Pages";
        let (value, attrs) = split_message(canonical);
        assert_eq!(
            value.as_deref(),
            Some("{ $count ->\n    [one] one page\n   *[other] { $count } pages\n}")
        );
        assert_eq!(attrs, vec![("title".to_string(), "Pages".to_string())]);
        let joined = join_message("pages", value.as_deref(), &attrs);
        assert_eq!(messages::parse(&joined)[0].text, canonical);
    }

    #[test]
    fn a_variable_may_move_into_a_selection_but_not_vanish() {
        let unit = Unit {
            id: "date-long".into(),
            data: vec![("1".into(), "{ $day }".into())],
            source: vec![Inline::Ph("1".into()), Inline::Text(" July".into())],
            ..Unit::default()
        };
        let at = |_| Span::file(Path::new("x.xlf"));
        let moved = [Inline::Text(
            "{ $day ->\n    [1] 1er\n   *[other] { $day }\n} juillet".into(),
        )];
        assert!(render(&unit, &moved, "locales/fr/main.ftl", &at).is_ok());
        let lost = [Inline::Text("juillet".into())];
        let e = render(&unit, &lost, "locales/fr/main.ftl", &at).unwrap_err();
        assert_eq!(
            e.message,
            "unit `date-long` of `locales/fr/main.ftl`: the translation lost the placeholder 1 (`{ $day }`)"
        );
    }

    #[test]
    fn placeables_are_protected_but_selections_stay_text() {
        let (content, data) = protect("Pages tagged “{ $term }” by { -brand }");
        assert_eq!(
            data,
            vec![
                ("1".into(), "{ $term }".into()),
                ("2".into(), "{ -brand }".into())
            ]
        );
        assert_eq!(content.len(), 4);
        let (content, data) = protect("{ $n -> [one] a *[other] b }");
        assert!(data.is_empty());
        assert_eq!(
            content,
            vec![Inline::Text("{ $n -> [one] a *[other] b }".into())]
        );
        assert_eq!(
            protect_like(
                "от { -brand } с { $term }",
                &[
                    ("1".into(), "{ $term }".into()),
                    ("2".into(), "{ -brand }".into())
                ]
            ),
            Some(vec![
                Inline::Text("от ".into()),
                Inline::Ph("2".into()),
                Inline::Text(" с ".into()),
                Inline::Ph("1".into())
            ])
        );
    }

    #[test]
    fn replacing_a_message_keeps_its_neighbours() {
        let text = "# c\na = A\n    .t = T\nb = B\n";
        assert_eq!(replace_message(text, "a", "a = Б\n"), "# c\na = Б\nb = B\n");
        let select = "p = { $n ->\n    [one] a\n   *[other] b\n}\n\nq = Q\n";
        assert_eq!(replace_message(select, "p", "p = P\n"), "p = P\n\nq = Q\n");
        assert_eq!(
            replace_message(text, "z", "z = Z\n"),
            "# c\na = A\n    .t = T\nb = B\nz = Z\n"
        );
    }
}
