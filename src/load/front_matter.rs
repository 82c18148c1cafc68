//! Front matter: the TOML table between two `+++` lines at the top of a page.
//!
//! In: a page's path and text. Out: the checked [`FrontMatter`] and the byte offset where the
//! Markdown body starts, or every problem found with its line and column in the page file.
use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::config::toml_error;
use crate::diagnostic::{Diagnostic, Span};

/// A checked front matter.
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    pub title: String,
    pub description: String,
    /// As written: `2021-07-01` or `2012-01-02T08:00:00Z`. ISO 8601, so it sorts as text.
    pub date: Option<String>,
    pub updated: Option<String>,
    pub draft: bool,
    pub weight: Option<i64>,
    pub slug: Option<String>,
    pub aliases: Vec<String>,
    /// The template asked for, with where it was asked for (to report an unknown name).
    pub template: Option<(String, Span)>,
    pub extra: toml::Table,
    /// Sections: publish an Atom feed of the section's dated pages (`feed = true`).
    pub feed: bool,
    /// Sections: list this many pages per page, the rest on `page/2/`, `page/3/`…
    pub paginate_by: Option<usize>,
    /// Taxonomy name → terms (`tags = [...]` or `[taxonomies] name = [...]`).
    pub taxonomies: BTreeMap<String, Vec<String>>,
    /// The fingerprint of the default-language version this translation was made from,
    /// written by ponte (see `translations`).
    pub translation_of: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    title: Option<String>,
    description: Option<String>,
    date: Option<toml::value::Datetime>,
    updated: Option<toml::value::Datetime>,
    draft: Option<bool>,
    weight: Option<i64>,
    slug: Option<Spanned<String>>,
    aliases: Option<Vec<Spanned<String>>>,
    template: Option<Spanned<String>>,
    tags: Option<Spanned<Vec<String>>>,
    taxonomies: Option<BTreeMap<String, Spanned<Vec<String>>>>,
    extra: Option<toml::Table>,
    feed: Option<bool>,
    paginate_by: Option<Spanned<i64>>,
    translation_of: Option<String>,
}

const FENCE: &str = "+++";

impl FrontMatter {
    /// Splits and parses the front matter of `text`; `taxonomies` are the configured ones.
    pub fn parse(
        file: &Path,
        text: &str,
        taxonomies: &[String],
    ) -> Result<(FrontMatter, usize), Vec<Diagnostic>> {
        let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let first_line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        if text[start..first_line_end].trim_end() == "---" {
            return Err(vec![Diagnostic::error(
                "this page starts with YAML front matter (`---`); ponte reads TOML between `+++` lines",
            )
            .at(Span::from_offset(file, text, start, 3))
            .hint(format!(
                "write the top of the file like this:\n{}",
                yaml_to_toml(&text[(first_line_end + 1).min(text.len())..])
            ))]);
        }
        if text[start..first_line_end].trim_end() != FENCE {
            return Err(vec![Diagnostic::error("this page has no front matter")
                .at(Span::from_offset(file, text, start, 1))
                .hint(
                    "start the file with a line `+++`, then `title = \"...\"`, then another `+++`",
                )]);
        }
        let toml_start = (first_line_end + 1).min(text.len());
        let mut close = None;
        let mut pos = toml_start;
        while pos < text.len() {
            let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
            if text[pos..end].trim_end() == FENCE {
                close = Some((pos, (end + 1).min(text.len())));
                break;
            }
            pos = end + 1;
        }
        let Some((toml_end, body_start)) = close else {
            return Err(vec![Diagnostic::error("the front matter is never closed")
                .at(Span::from_offset(file, text, start, 3))
                .hint(
                    "add a line with only `+++` after the last front-matter line",
                )]);
        };
        let toml_text = &text[toml_start..toml_end];
        let raw: RawFrontMatter = toml::from_str(toml_text).map_err(|e| {
            let mut d = toml_error(file, toml_text, &e);
            if let (Some(span), Some(range)) = (d.span.as_mut(), e.span()) {
                *span = Span::from_offset(file, text, toml_start + range.start, range.len());
            }
            vec![d]
        })?;
        let at = |range: std::ops::Range<usize>| {
            Span::from_offset(file, text, toml_start + range.start, range.len())
        };

        let mut problems = Vec::new();
        let title = match raw.title {
            Some(t) if !t.trim().is_empty() => t,
            _ => {
                problems.push(
                    Diagnostic::error("this page has no title")
                        .at(Span::from_offset(file, text, start, 3))
                        .hint(
                            "add a line such as title = \"About the project\" to the front matter",
                        ),
                );
                String::new()
            }
        };
        let slug = match raw.slug {
            None => None,
            Some(s) => {
                if let Err(why) = check_slug(s.get_ref()) {
                    problems.push(
                        Diagnostic::error(format!("the slug `{}` {why}", s.get_ref()))
                            .at(at(s.span()))
                            .hint("use lowercase letters, digits and hyphens, e.g. slug = \"chi-siamo\""),
                    );
                }
                Some(s.into_inner())
            }
        };
        let mut aliases = Vec::new();
        for alias in raw.aliases.unwrap_or_default() {
            let a = alias.get_ref();
            if let Some(why) = alias_problem(a).filter(|_| a.starts_with('/')) {
                problems.push(
                    Diagnostic::error(format!("the alias `{a}` {why}"))
                        .at(at(alias.span()))
                        .hint(
                            "write the old address as the browser showed it, e.g. \"/old/page/\"",
                        ),
                );
                continue;
            }
            if !a.starts_with('/') || a.contains("..") || a.contains('\\') || a.contains('\0') {
                problems.push(
                    Diagnostic::error(format!("the alias `{a}` is not a path on this site"))
                        .at(at(alias.span()))
                        .hint(
                            "write old addresses as paths from the site root, e.g. \"/old/page/\"",
                        ),
                );
            } else {
                aliases.push(alias.into_inner());
            }
        }
        let mut terms = BTreeMap::new();
        let mut add_terms =
            |name: &str, list: Spanned<Vec<String>>, problems: &mut Vec<Diagnostic>| {
                if taxonomies.iter().any(|t| t == name) {
                    terms.insert(name.to_string(), list.into_inner());
                } else {
                    problems.push(
                        Diagnostic::error(format!("`{name}` is not a taxonomy of this site"))
                            .at(at(list.span()))
                            .hint(format!(
                                "add \"{name}\" to `taxonomies` in ponte.toml (now: {})",
                                taxonomies.join(", ")
                            )),
                    );
                }
            };
        if let Some(tags) = raw.tags {
            add_terms("tags", tags, &mut problems);
        }
        for (name, list) in raw.taxonomies.unwrap_or_default() {
            add_terms(&name, list, &mut problems);
        }
        let template = raw.template.map(|t| {
            let span = at(t.span());
            (t.into_inner(), span)
        });
        let paginate_by = match raw.paginate_by {
            None => None,
            Some(n) if (1..=10_000).contains(n.get_ref()) => Some(*n.get_ref() as usize),
            Some(n) => {
                problems.push(
                    Diagnostic::error(format!("paginate_by = {} is not a number of pages", n.get_ref()))
                        .at(at(n.span()))
                        .hint("write how many pages each list page shows, e.g. paginate_by = 10, or remove the line"),
                );
                None
            }
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok((
            FrontMatter {
                title,
                description: raw.description.unwrap_or_default(),
                date: raw.date.map(|d| d.to_string()),
                updated: raw.updated.map(|d| d.to_string()),
                draft: raw.draft.unwrap_or(false),
                weight: raw.weight,
                slug,
                aliases,
                template,
                extra: raw.extra.unwrap_or_default(),
                feed: raw.feed.unwrap_or(false),
                paginate_by,
                taxonomies: terms,
                translation_of: raw.translation_of,
            },
            body_start,
        ))
    }
}

/// The first lines of a YAML front matter (after its opening `---`) written as TOML, with
/// `+++` fences: `title: About us` → `title = "About us"`. Only simple `key: value` lines
/// are converted; the rest is left for the person to finish.
fn yaml_to_toml(rest: &str) -> String {
    let mut out = vec!["+++".to_string()];
    for line in rest.lines().take(8) {
        if line.trim_end() == "---" {
            break;
        }
        let Some((key, value)) = line.split_once(':') else {
            out.push(line.to_string());
            continue;
        };
        let (key, value) = (key.trim(), value.trim());
        let plain = value.trim_matches(|c| c == '"' || c == '\'');
        let is_date = plain.len() == 10
            && plain.char_indices().all(|(i, c)| {
                if i == 4 || i == 7 {
                    c == '-'
                } else {
                    c.is_ascii_digit()
                }
            });
        let toml_value = if value == "true" || value == "false" || value.parse::<f64>().is_ok() {
            value.to_string()
        } else if is_date {
            plain.to_string()
        } else if value.starts_with('[') {
            let items: Vec<String> = value
                .trim_matches(|c| c == '[' || c == ']')
                .split(',')
                .map(|i| i.trim().trim_matches(|c| c == '"' || c == '\''))
                .filter(|i| !i.is_empty())
                .map(|i| format!("\"{}\"", i.replace('"', "\\\"")))
                .collect();
            format!("[{}]", items.join(", "))
        } else {
            format!("\"{}\"", plain.replace('\\', "\\\\").replace('"', "\\\""))
        };
        out.push(format!("{key} = {toml_value}"));
    }
    out.push("+++".to_string());
    out.join("\n")
}

/// The longest part of an address ponte writes: file systems stop at 255 bytes.
const MAX_SEGMENT: usize = 200;

/// Files ponte itself writes at the top of the site: an alias cannot be a folder of the same name.
const ROOT_FILES: &[&str] = &[
    "index.html",
    "404.html",
    "robots.txt",
    "sitemap.xml",
    "_headers",
];

/// Why an alias (which starts with `/`) cannot be an address of its own: `.` or empty
/// segments (`/a/./b/`, `/a//b/`), or a folder inside a file (`/robots.txt/`, `/x.html/y/`).
fn alias_problem(alias: &str) -> Option<&'static str> {
    let inner = alias.trim_start_matches('/');
    let inner = inner.strip_suffix('/').unwrap_or(inner);
    let segments: Vec<&str> = inner.split('/').collect();
    if inner.is_empty() {
        return None;
    }
    if segments.iter().any(|s| s.len() > MAX_SEGMENT) {
        return Some("has a part too long to be a file name");
    }
    if segments.contains(&".") {
        return Some("has a `.` segment, which browsers remove");
    }
    if segments.iter().any(|s| s.is_empty()) {
        return Some("has an empty segment (`//`)");
    }
    let folders = if alias.ends_with('/') {
        &segments[..]
    } else {
        &segments[..segments.len() - 1]
    };
    if folders.first().is_some_and(|f| ROOT_FILES.contains(f))
        || folders
            .iter()
            .any(|f| f.ends_with(".html") || f.ends_with(".htm"))
    {
        return Some("would be a folder with the name of a file");
    }
    None
}

/// A slug is one URL segment: letters, digits, `-`, `_` or `.`, no uppercase, not empty.
pub fn check_slug(slug: &str) -> Result<(), &'static str> {
    if slug.is_empty() {
        return Err("is empty");
    }
    if slug.starts_with('.') {
        return Err("starts with a dot");
    }
    if slug.len() > MAX_SEGMENT {
        return Err("is too long to be a file name");
    }
    if [".html", ".htm", ".xml", ".txt"]
        .iter()
        .any(|ext| slug.to_lowercase().ends_with(ext))
    {
        return Err("looks like a file name; a slug names a folder in the address");
    }
    if slug.chars().any(|c| c.is_uppercase()) {
        return Err("has capital letters");
    }
    if !slug
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        return Err("has characters that do not belong in a web address");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<(FrontMatter, usize), Vec<Diagnostic>> {
        FrontMatter::parse(Path::new("content/a.en.md"), text, &["tags".to_string()])
    }

    #[test]
    fn splits_front_matter_and_body() {
        let text = "+++\ntitle = \"A\"\ndate = 2021-07-01\ntags = [\"x\"]\n+++\nBody\n";
        let (fm, body) = parse(text).unwrap();
        assert_eq!(fm.title, "A");
        assert_eq!(fm.date.as_deref(), Some("2021-07-01"));
        assert_eq!(fm.taxonomies["tags"], vec!["x"]);
        assert_eq!(&text[body..], "Body\n");
    }

    #[test]
    fn unknown_field_is_reported_in_page_coordinates() {
        let e = parse("+++\ntitle = \"A\"\ncolour = 1\n+++\n").unwrap_err();
        let s = e[0].span.as_ref().unwrap();
        assert_eq!((s.line, s.col), (3, 1));
        assert!(
            e[0].message.contains("unknown field `colour`"),
            "{}",
            e[0].message
        );
    }

    #[test]
    fn never_closed_and_missing() {
        assert!(parse("+++\ntitle = \"A\"\n").unwrap_err()[0]
            .message
            .contains("never closed"));
        assert!(parse("").unwrap_err()[0]
            .message
            .contains("no front matter"));
        assert!(parse("+++\n+++\n").unwrap_err()[0]
            .message
            .contains("no title"));
    }

    #[test]
    fn slugs_are_checked() {
        assert!(check_slug("chi-siamo").is_ok());
        assert!(check_slug("σχετικά").is_ok());
        assert!(check_slug("a/b").is_err());
        assert!(check_slug("About").is_err());
        let e = parse("+++\ntitle = \"A\"\nslug = \"a b\"\n+++\n").unwrap_err();
        assert_eq!(e[0].span.as_ref().unwrap().line, 3);
    }
}
