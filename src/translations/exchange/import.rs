//! `ponte translations import`: an XLIFF file back into pages and messages, every unit
//! checked before anything is written.
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::fluent::{join_message, replace_message};
use super::{CLOSE, OPEN};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics, Span};
use crate::load::Sources;
use crate::translations::xliff::{self, Inline, Unit};
use crate::translations::{messages, page, store};

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

/// The new text of a messages file, and (message id, source text followed) pairs.
type MessagesImport = (String, Vec<(String, String)>);

/// The messages file with the translated messages in place, and the source text each
/// translated message follows.
fn import_messages(
    file: &xliff::File,
    base: &str,
    at: &dyn Fn(usize) -> Span,
) -> Result<MessagesImport, Vec<Diagnostic>> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
