//! Document sources: leaflets (`content/leaflets/NAME.LANG.md`), structured forms and slides
//! (`templates-public/NAME.LANG.toml` / `.md`), and files made elsewhere that are listed with
//! a small metadata file (`templates-public/NAME.LANG.toml` with `file = "…"`).
//!
//! In: the files, as text (and bytes for external files). Out: checked [`DocumentSource`]s,
//! or every problem with its file, line and column. Pure: [`parse`] reads no disk.
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::config::toml_error;
use crate::diagnostic::{Diagnostic, Span};

/// How a document is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A4, two pages.
    Leaflet,
    /// A4 form to fill in.
    Form,
    /// 16:9 slides.
    Slides,
    /// An A4 report assembled from site pages (like a book's print view).
    Report,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Leaflet => "leaflet",
            Kind::Form => "form",
            Kind::Slides => "slides",
            Kind::Report => "report",
        }
    }
    fn parse(name: &str) -> Option<Kind> {
        match name {
            "leaflet" => Some(Kind::Leaflet),
            "form" => Some(Kind::Form),
            "slides" => Some(Kind::Slides),
            "report" => Some(Kind::Report),
            _ => None,
        }
    }
}

/// One item of a form.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A label with `lines` blank lines to write on.
    Field {
        label: String,
        lines: u32,
        name: Option<String>,
    },
    /// A question with answers to tick: one (a radio group) or, if `multiple`, several.
    Choice {
        label: String,
        options: Vec<String>,
        /// The answers' stable ids (the values a filled form exports), one per option.
        answers: Vec<String>,
        multiple: bool,
        name: Option<String>,
    },
    /// A table with a header row and `rows` empty rows.
    Table {
        caption: Option<String>,
        columns: Vec<String>,
        rows: u32,
        name: Option<String>,
    },
    /// Markdown text (instructions).
    Text(String),
}

/// A form section: a heading, optional Markdown text, items.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub title: String,
    pub intro: Option<String>,
    pub items: Vec<Item>,
}

/// What a document is made from.
#[derive(Debug, Clone)]
pub enum Body {
    /// Markdown starting at this byte offset of the source text.
    Markdown(usize),
    Form {
        intro: Option<String>,
        sections: Vec<Section>,
    },
    /// A file made elsewhere, published as it is.
    External { file: PathBuf, bytes: Vec<u8> },
    /// A report: the site pages it is made of, in order, each as its page key
    /// (`about/_index.md`, from `@/about/_index.md`) with where the source names it.
    Report { pages: Vec<(String, Span)> },
}

/// One document in one language.
#[derive(Debug, Clone)]
pub struct DocumentSource {
    /// The stable identity behind `/d/ID/`: the same in every language, kept when the file
    /// is renamed.
    pub id: String,
    /// The published file's name without extension (from the source file name).
    pub name: String,
    pub lang: String,
    pub kind: Kind,
    /// The source file, relative to the site root, and its text.
    pub file: PathBuf,
    pub text: String,
    pub title: String,
    /// The document's name where the subject must not show (`discreet_title`): its PDF's
    /// metadata title and its short-link pages' `<title>` when `[safety] discreet_titles` is
    /// on. `None`: the title is neutral enough.
    pub discreet_title: Option<String>,
    pub description: String,
    /// `YYYY-MM-DD`.
    pub updated: Option<String>,
    pub licence: String,
    pub weight: i64,
    pub body: Body,
}

impl DocumentSource {
    /// Where the document is published, without the leading `/`.
    pub fn output_path(&self) -> String {
        match &self.body {
            Body::External { file, .. } => format!(
                "{}/documents/{}",
                self.lang,
                file.file_name().unwrap_or_default().to_string_lossy()
            ),
            _ if self.kind == Kind::Leaflet => format!("{}/leaflets/{}.pdf", self.lang, self.name),
            _ => format!("{}/documents/{}.pdf", self.lang, self.name),
        }
    }
}

pub const DEFAULT_LICENCE: &str = "CC BY 4.0";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    id: Spanned<String>,
    title: String,
    /// A neutral name for browser tabs and PDF metadata (see [`DocumentSource::discreet_title`]).
    discreet_title: Option<String>,
    #[serde(default)]
    description: String,
    kind: Option<Spanned<String>>,
    updated: Option<toml::value::Datetime>,
    date: Option<toml::value::Datetime>,
    licence: Option<String>,
    #[serde(default)]
    weight: i64,
    /// Forms: text under the title.
    intro: Option<String>,
    #[serde(default, rename = "section")]
    sections: Vec<RawSection>,
    /// External documents: the file beside this one.
    file: Option<Spanned<String>>,
    /// Reports: the site pages, as `@/section/page.md`.
    pages: Option<Spanned<Vec<Spanned<String>>>>,
    /// Leaflets: the source version a translation follows (read by `translations`).
    #[allow(dead_code)]
    translation_of: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    title: String,
    intro: Option<String>,
    #[serde(default, rename = "item")]
    items: Vec<Spanned<RawItem>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    /// The field's stable name (after `qN_`), the same in every language.
    name: Option<String>,
    /// The answers' stable ids, the same in every language.
    answers: Option<Vec<String>>,
    label: Option<String>,
    lines: Option<u32>,
    choices: Option<Vec<String>>,
    multiple: Option<bool>,
    columns: Option<Vec<String>>,
    rows: Option<u32>,
    text: Option<String>,
}

/// Splits `NAME.LANG.EXT` into name and language.
pub fn name_and_lang(file: &Path) -> Option<(String, String)> {
    let stem = file.file_stem()?.to_str()?;
    let (name, lang) = stem.rsplit_once('.')?;
    (!name.is_empty() && !lang.is_empty()).then(|| (name.to_string(), lang.to_string()))
}

/// Parses one source. `default_kind` is the kind of a Markdown file that does not say
/// (leaflets in `content/leaflets/`); `external` reads a file named by a metadata file.
pub fn parse(
    file: &Path,
    text: &str,
    default_kind: Option<Kind>,
    external: &dyn Fn(&Path) -> Option<Vec<u8>>,
) -> Result<DocumentSource, Vec<Diagnostic>> {
    let Some((name, lang)) = name_and_lang(file) else {
        return Err(vec![Diagnostic::error(
            "a document's file name needs its language: NAME.LANG.md or NAME.LANG.toml",
        )
        .at(Span::file(file))
        .hint("rename it, e.g. `pip-template.en.toml`")]);
    };
    let markdown = file.extension().is_some_and(|e| e == "md");
    let (toml_text, toml_start, body_start) = if markdown {
        split_front_matter(file, text)?
    } else {
        (text, 0, text.len())
    };
    let at = |range: std::ops::Range<usize>| {
        Span::from_offset(file, text, toml_start + range.start, range.len())
    };
    let raw: RawMeta = toml::from_str(toml_text).map_err(|e| {
        let mut d = toml_error(file, toml_text, &e);
        if let (Some(span), Some(range)) = (d.span.as_mut(), e.span()) {
            *span = at(range);
        }
        vec![d]
    })?;
    let mut problems = Vec::new();
    let id = raw.id.get_ref().clone();
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        problems.push(
            Diagnostic::error(format!("the document id `{id}` is not a short name"))
                .at(at(raw.id.span()))
                .hint("use lowercase letters, digits and `-`, e.g. id = \"pip\""),
        );
    }
    let kind = match (&raw.kind, &raw.file) {
        (Some(k), _) => match Kind::parse(k.get_ref()) {
            Some(kind) => kind,
            None => {
                problems.push(
                    Diagnostic::error(format!("there is no document kind `{}`", k.get_ref()))
                        .at(at(k.span()))
                        .hint("the kinds are: leaflet (A4, two pages), form (A4), slides (16:9), report (A4, from site pages)"),
                );
                Kind::Form
            }
        },
        (None, Some(_)) => Kind::Form,
        (None, None) => match (default_kind, markdown) {
            (Some(kind), _) => kind,
            (None, false) => Kind::Form,
            (None, true) => {
                problems.push(
                    Diagnostic::error("this document does not say what kind it is")
                        .at(Span::from_offset(file, text, 0, 3))
                        .hint("add kind = \"slides\" (or \"leaflet\") to the front matter"),
                );
                Kind::Slides
            }
        },
    };
    if let (Some(pages), false) = (&raw.pages, kind == Kind::Report) {
        problems.push(
            Diagnostic::error(format!("a {} has no `pages`", kind.name()))
                .at(at(pages.span()))
                .hint(
                    "only a report is made of site pages: add kind = \"report\", or remove `pages`",
                ),
        );
    }
    let body = if kind == Kind::Report {
        report_pages(&raw, markdown, file, &at, &mut problems)
    } else if let Some(name) = &raw.file {
        let path = file.with_file_name(name.get_ref());
        let plain = Path::new(name.get_ref())
            .file_name()
            .is_some_and(|n| n == name.get_ref().as_str())
            && !name.get_ref().starts_with('.')
            && !name.get_ref().contains(['/', '\\']);
        if !plain {
            problems.push(
                Diagnostic::error(format!(
                    "`file = \"{}\"` names a path, not a file beside this metadata file",
                    name.get_ref()
                ))
                .at(at(name.span()))
                .hint("put the file in the same folder as this metadata file and write only its name, e.g. file = \"slides.pdf\"; ponte publishes nothing from elsewhere"),
            );
        }
        match plain.then(|| external(&path)).flatten() {
            Some(bytes) => Body::External { file: path, bytes },
            None => {
                if plain {
                    problems.push(
                        Diagnostic::error(format!(
                            "the file `{}` is not beside this metadata file",
                            name.get_ref()
                        ))
                        .at(at(name.span()))
                        .hint("put the file in the same folder, or correct its name"),
                    );
                }
                Body::External {
                    file: path,
                    bytes: Vec::new(),
                }
            }
        }
    } else if markdown {
        if kind == Kind::Form {
            problems.push(
                Diagnostic::error("a form is written as a .toml file with [[section]] tables")
                    .at(Span::file(file))
                    .hint("see templates-public/ for examples"),
            );
        }
        Body::Markdown(body_start)
    } else {
        if kind != Kind::Form {
            problems.push(
                Diagnostic::error(format!(
                    "a {} is written in Markdown (NAME.LANG.md)",
                    kind.name()
                ))
                .at(Span::file(file)),
            );
        }
        let mut sections = Vec::new();
        for section in raw.sections {
            let mut items = Vec::new();
            for item in section.items {
                let span = at(item.span());
                match check_item(item.into_inner()) {
                    Ok(item) => items.push(item),
                    Err(why) => {
                        let hint = if why.contains("id") || why.contains("name") {
                            "names and answer ids are lower-case letters, digits, `_` and `-`, one id per choice, the same in every language"
                        } else {
                            "an item is one of: label (+ lines), label + choices, columns + rows, text"
                        };
                        problems.push(Diagnostic::error(why).at(span).hint(hint))
                    }
                }
            }
            sections.push(Section {
                title: section.title,
                intro: section.intro,
                items,
            });
        }
        Body::Form {
            intro: raw.intro,
            sections,
        }
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(DocumentSource {
        id,
        name,
        lang,
        kind,
        file: file.to_path_buf(),
        text: text.to_string(),
        title: raw.title,
        discreet_title: raw.discreet_title.filter(|t| !t.trim().is_empty()),
        description: raw.description,
        updated: raw.updated.or(raw.date).map(|d| {
            let s = d.to_string();
            s.get(..10).unwrap_or(&s).to_string()
        }),
        licence: raw.licence.unwrap_or_else(|| DEFAULT_LICENCE.to_string()),
        weight: raw.weight,
        body,
    })
}

/// The pages of a report, checked for their form (whether they exist is known only once the
/// site is resolved).
fn report_pages(
    raw: &RawMeta,
    markdown: bool,
    file: &Path,
    at: &dyn Fn(std::ops::Range<usize>) -> Span,
    problems: &mut Vec<Diagnostic>,
) -> Body {
    if markdown || raw.file.is_some() || !raw.sections.is_empty() {
        problems.push(
            Diagnostic::error("a report is a .toml file that names site pages")
                .at(Span::file(file))
                .hint("write NAME.LANG.toml with id, title, kind = \"report\" and pages = [\"@/about/_index.md\", …]"),
        );
    }
    let Some(list) = &raw.pages else {
        problems.push(
            Diagnostic::error("this report names no pages")
                .at(Span::file(file))
                .hint("add pages = [\"@/about/_index.md\", \"@/results/_index.md\"]: the site pages it is made of, in order"),
        );
        return Body::Report { pages: Vec::new() };
    };
    if list.get_ref().is_empty() {
        problems.push(
            Diagnostic::error("this report names no pages")
                .at(at(list.span()))
                .hint("name the site pages it is made of, e.g. \"@/about/_index.md\""),
        );
    }
    let mut pages = Vec::new();
    for page in list.get_ref() {
        let span = at(page.span());
        match page.get_ref().strip_prefix("@/") {
            Some(key) if key.ends_with(".md") && !key.contains('#') && !key.split('/').any(|p| p.is_empty() || p == "..") => {
                pages.push((key.to_string(), span))
            }
            _ => problems.push(
                Diagnostic::error(format!("`{}` is not a page's path", page.get_ref()))
                    .at(span)
                    .hint("write the path under content/ without the language, as in links: \"@/about/_index.md\""),
            ),
        }
    }
    Body::Report { pages }
}

/// Whether `id` can be part of a field name or export value: lower-case ASCII letters,
/// digits and `_`/`-` (no periods, which separate a field's parts in PDF).
fn is_stable_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

fn check_item(mut raw: RawItem) -> Result<Item, String> {
    let name = raw.name.take();
    if let Some(bad) = name.as_deref().filter(|n| !is_stable_id(n)) {
        return Err(format!(
            "the name `{bad}` may hold only a-z, 0-9, `_` and `-` (no periods)"
        ));
    }
    let answers = raw.answers.take();
    if let Some(bad) = answers.iter().flatten().find(|a| !is_stable_id(a)) {
        return Err(format!(
            "the answer id `{bad}` may hold only a-z, 0-9, `_` and `-` (no periods)"
        ));
    }
    if answers.is_some() && raw.choices.is_none() {
        return Err("`answers` gives the ids of `choices`, and this item has none".to_string());
    }
    match raw {
        RawItem {
            name: _,
            answers: _,
            text: Some(text),
            label: None,
            lines: None,
            choices: None,
            multiple: None,
            columns: None,
            rows: None,
        } => Ok(Item::Text(text)),
        RawItem {
            label: Some(label),
            choices: Some(options),
            multiple,
            lines: None,
            columns: None,
            rows: None,
            text: None,
            ..
        } if !options.is_empty() => {
            let answers = match answers {
                Some(answers) if answers.len() != options.len() => {
                    return Err(format!(
                        "{} answer ids for {} choices; give one id per choice, in the same order",
                        answers.len(),
                        options.len()
                    ))
                }
                Some(answers) => answers,
                None => (1..=options.len()).map(|i| format!("a{i}")).collect(),
            };
            let mut seen = std::collections::HashSet::new();
            if let Some(twice) = answers.iter().find(|a| !seen.insert(a.as_str())) {
                return Err(format!("the answer id `{twice}` is given twice"));
            }
            Ok(Item::Choice {
                label,
                options,
                answers,
                multiple: multiple.unwrap_or(false),
                name,
            })
        }
        RawItem {
            columns: Some(columns),
            rows,
            label,
            lines: None,
            choices: None,
            multiple: None,
            text: None,
            ..
        } if !columns.is_empty() => Ok(Item::Table {
            caption: label,
            columns,
            rows: rows.unwrap_or(3).clamp(1, 40),
            name,
        }),
        RawItem {
            label: Some(label),
            lines,
            choices: None,
            multiple: None,
            columns: None,
            rows: None,
            text: None,
            ..
        } => Ok(Item::Field {
            label,
            lines: lines.unwrap_or(1).clamp(1, 30),
            name,
        }),
        _ => Err("this form item mixes fields that do not go together".to_string()),
    }
}

/// The TOML between the `+++` fences, where it starts, and where the body starts.
fn split_front_matter<'t>(
    file: &Path,
    text: &'t str,
) -> Result<(&'t str, usize, usize), Vec<Diagnostic>> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let first_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    if text[start..first_end].trim_end() != "+++" {
        return Err(vec![Diagnostic::error("this document has no front matter")
            .at(Span::from_offset(file, text, start, 1))
            .hint(
                "start the file with a line `+++`, then id = \"…\" and title = \"…\", then `+++`",
            )]);
    }
    let toml_start = (first_end + 1).min(text.len());
    let mut pos = toml_start;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if text[pos..end].trim_end() == "+++" {
            return Ok((
                &text[toml_start..pos],
                toml_start,
                (end + 1).min(text.len()),
            ));
        }
        pos = end + 1;
    }
    Err(vec![Diagnostic::error("the front matter is never closed")
        .at(Span::from_offset(file, text, start, 3))
        .hint(
            "add a line with only `+++` after the last front-matter line",
        )])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none(_: &Path) -> Option<Vec<u8>> {
        None
    }

    #[test]
    fn leaflet_front_matter() {
        let text = "+++\nid = \"public\"\ntitle = \"T\"\nupdated = 2021-09-20\n+++\nBody\n";
        let doc = parse(
            Path::new("content/leaflets/public.en.md"),
            text,
            Some(Kind::Leaflet),
            &none,
        )
        .unwrap();
        assert_eq!(doc.id, "public");
        assert_eq!(doc.lang, "en");
        assert_eq!(doc.updated.as_deref(), Some("2021-09-20"));
        assert_eq!(doc.licence, DEFAULT_LICENCE);
        assert_eq!(doc.output_path(), "en/leaflets/public.pdf");
        let Body::Markdown(at) = doc.body else {
            panic!()
        };
        assert_eq!(&text[at..], "Body\n");
    }

    #[test]
    fn unknown_kind_points_at_its_value() {
        let text = "+++\nid = \"x\"\ntitle = \"T\"\nkind = \"poster\"\n+++\n";
        let err = parse(Path::new("templates-public/x.en.md"), text, None, &none).unwrap_err();
        let span = err[0].span.as_ref().unwrap();
        assert_eq!((span.line, span.col), (4, 8));
        assert!(err[0].message.contains("poster"));
    }

    #[test]
    fn a_report_names_pages_by_their_link_path() {
        let text = "id = \"report\"\nkind = \"report\"\ntitle = \"R\"\npages = [\n  \"@/about/_index.md\",\n  \"about.md\",\n  \"@/../x.md\",\n]\n";
        let path = Path::new("templates-public/report.en.toml");
        let err = parse(path, text, None, &none).unwrap_err();
        assert_eq!(err.len(), 2, "{err:?}");
        let at: Vec<(usize, usize)> = err
            .iter()
            .map(|d| d.span.as_ref().map(|s| (s.line, s.col)).unwrap())
            .collect();
        assert_eq!(at, [(6, 3), (7, 3)]);
        let ok = text.replace("  \"about.md\",\n  \"@/../x.md\",\n", "");
        let doc = parse(path, &ok, None, &none).unwrap();
        let Body::Report { ref pages } = doc.body else {
            panic!()
        };
        assert_eq!(pages[0].0, "about/_index.md");
        assert_eq!((pages[0].1.line, pages[0].1.col), (5, 3));
        assert_eq!(doc.output_path(), "en/documents/report.pdf");
        let form = "id = \"f\"\ntitle = \"F\"\npages = [\"@/a.md\"]\n";
        let err = parse(Path::new("templates-public/f.en.toml"), form, None, &none).unwrap_err();
        assert!(err[0].message.contains("has no `pages`"), "{err:?}");
    }

    #[test]
    fn form_items_are_checked() {
        let text = "id = \"f\"\ntitle = \"F\"\n[[section]]\ntitle = \"S\"\n[[section.item]]\nlabel = \"Name\"\n[[section.item]]\nlabel = \"Q\"\nchoices = [\"Yes\", \"No\"]\n[[section.item]]\ncolumns = [\"A\", \"B\"]\nrows = 2\n[[section.item]]\nlabel = \"bad\"\nrows = 2\n";
        let err = parse(Path::new("templates-public/f.en.toml"), text, None, &none).unwrap_err();
        assert_eq!(err.len(), 1);
        assert_eq!(err[0].span.as_ref().unwrap().line, 13);
        let ok = text
            .rsplit_once("[[section.item]]\nlabel = \"bad\"")
            .unwrap()
            .0;
        let doc = parse(Path::new("templates-public/f.en.toml"), ok, None, &none).unwrap();
        let Body::Form { ref sections, .. } = doc.body else {
            panic!()
        };
        assert_eq!(sections[0].items.len(), 3);
        assert_eq!(doc.output_path(), "en/documents/f.pdf");
    }

    #[test]
    fn names_and_answer_ids_are_checked() {
        let form = |item: &str| {
            format!(
                "id = \"f\"\ntitle = \"F\"\n[[section]]\ntitle = \"S\"\n[[section.item]]\n{item}"
            )
        };
        let path = Path::new("templates-public/f.en.toml");
        for (item, says) in [
            ("name = \"q.1\"\nlabel = \"Q\"", "no periods"),
            (
                "label = \"Q\"\nchoices = [\"Yes\", \"No\"]\nanswers = [\"yes\"]",
                "1 answer ids for 2 choices",
            ),
            (
                "label = \"Q\"\nchoices = [\"Yes\", \"No\"]\nanswers = [\"yes\", \"yes\"]",
                "given twice",
            ),
            ("label = \"Q\"\nanswers = [\"yes\"]", "has none"),
        ] {
            let err = parse(path, &form(item), None, &none).unwrap_err();
            assert!(err[0].message.contains(says), "{item}: {}", err[0].message);
            assert_eq!(err[0].span.as_ref().unwrap().line, 5, "{item}");
        }
        let doc = parse(
            path,
            &form("name = \"feeling\"\nlabel = \"Q\"\nchoices = [\"Yes\", \"No\"]\nanswers = [\"yes\", \"no\"]"),
            None,
            &none,
        )
        .unwrap();
        let Body::Form { ref sections, .. } = doc.body else {
            panic!()
        };
        let Item::Choice { answers, name, .. } = &sections[0].items[0] else {
            panic!()
        };
        assert_eq!(answers, &["yes", "no"]);
        assert_eq!(name.as_deref(), Some("feeling"));
    }
}
