//! Site configuration: `ponte.toml` parsed from a string into a checked [`Config`].
//!
//! In: the text of `ponte.toml`. Out: a [`Config`] whose languages are well-formed BCP 47
//! tags, whose default language is one of them and whose numbers are in range, or every
//! problem found, each pointing at its line and column.
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Diagnostic, Span};

/// Where the configuration lives, relative to the site root.
pub const CONFIG_FILE: &str = "ponte.toml";

/// Writing direction of a language's script.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ltr,
    Rtl,
}

/// One configured language.
#[derive(Debug, Clone)]
pub struct Language {
    /// The BCP 47 tag, as written in file names and URLs (`en`, `el`, `pt-BR`).
    pub code: String,
    /// The language's name in the language itself (`Ελληνικά`).
    pub name: String,
    pub direction: Direction,
}

/// The checked configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    /// Absolute base URL without a trailing slash.
    pub base_url: String,
    /// Languages in their configured order; `languages[default_language]` is the default.
    pub languages: Vec<Language>,
    pub default_language: usize,
    pub theme: String,
    pub taxonomies: Vec<String>,
    pub stats: StatsConfig,
    pub safety: SafetyConfig,
    pub eu: EuConfig,
    /// `[[menus.NAME]]` entries by menu name (`main`); none: the default menu.
    pub menus: BTreeMap<String, Vec<crate::menu_config::MenuEntry>>,
}

/// `[stats]`: disclosure control for the outcome statistics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatsConfig {
    /// Counts from 1 to `min_count - 1` are never published (at least 3; default 5).
    pub min_count: u32,
    /// The narrowest range an attacker may derive for any hidden figure; `None` = `min_count`.
    pub protection: Option<u32>,
    /// Reviewed phrases of page text that the prose lint lets pass (compared case-insensitively).
    pub allow: Vec<String>,
}

impl Default for StatsConfig {
    fn default() -> Self {
        StatsConfig {
            min_count: 5,
            protection: None,
            allow: Vec::new(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct SafetyConfig {
    /// Where the quick-exit control goes, per language code; `exit_url` for the rest.
    pub exit_url: String,
    pub exit_urls: BTreeMap<String, String>,
    /// Every `<title>` and Open Graph line names the site by the neutral `site-title-discreet`
    /// message instead of `site-title` (`discreet_titles = true`; off unless asked for).
    pub discreet_titles: bool,
}

impl SafetyConfig {
    pub fn exit_url_for(&self, lang: &str) -> &str {
        self.exit_urls.get(lang).unwrap_or(&self.exit_url)
    }
}

#[derive(Debug, Clone)]
pub struct EuConfig {
    /// Show the EU emblem, "Funded by the European Union" and the disclaimer (`[eu] funded =
    /// true`; off unless asked for).
    pub funded: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    base_url: Spanned<String>,
    default_language: Option<Spanned<String>>,
    languages: Spanned<Vec<RawLanguage>>,
    theme: Option<Spanned<String>>,
    taxonomies: Option<Vec<String>>,
    stats: Option<RawStats>,
    safety: Option<RawSafety>,
    eu: Option<RawEu>,
    menus: Option<BTreeMap<String, Vec<crate::menu_config::RawMenuEntry>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    code: Spanned<String>,
    name: String,
    direction: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStats {
    min_count: Option<Spanned<i64>>,
    protection: Option<Spanned<i64>>,
    allow: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSafety {
    exit_url: Option<String>,
    exit_urls: Option<BTreeMap<String, String>>,
    discreet_titles: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEu {
    funded: Option<bool>,
}

/// The neutral page the quick exit goes to when `[safety]` names none.
pub const DEFAULT_EXIT_URL: &str = "https://www.wikipedia.org/";

impl Config {
    /// Parses and checks `ponte.toml`; `file` is its path relative to the site root.
    pub fn parse(file: &Path, text: &str) -> Result<Config, Vec<Diagnostic>> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| vec![toml_error(file, text, &e)])?;
        let span = |range: std::ops::Range<usize>| {
            Span::from_offset(file, text, range.start, range.end - range.start)
        };
        let mut problems = Vec::new();

        let mut languages: Vec<Language> = Vec::new();
        for raw_lang in raw.languages.get_ref() {
            let code = raw_lang.code.get_ref().clone();
            if let Err(why) = check_language_tag(&code) {
                problems.push(
                    Diagnostic::error(format!("`{code}` is not a valid language tag: {why}"))
                        .at(span(raw_lang.code.span()))
                        .hint("use a BCP 47 tag such as \"en\", \"el\", \"bg\" or \"pt-BR\""),
                );
            }
            if languages.iter().any(|l| l.code == code) {
                problems.push(
                    Diagnostic::error(format!("language `{code}` is listed twice"))
                        .at(span(raw_lang.code.span()))
                        .hint("remove one of the two [[languages]] entries"),
                );
            } else if let Some(other) = languages
                .iter()
                .find(|l| l.code.eq_ignore_ascii_case(&code))
            {
                // `EN` and `en` would be the same folder and file names on macOS and Windows.
                problems.push(
                    Diagnostic::error(format!(
                        "language `{code}` differs from `{}` only in upper and lower case",
                        other.code
                    ))
                    .at(span(raw_lang.code.span()))
                    .hint("language codes are compared without case (on macOS and Windows `EN` and `en` are the same folder): remove one of the two entries"),
                );
            }
            let direction = match raw_lang.direction.as_ref().map(|d| d.get_ref().as_str()) {
                None | Some("ltr") => Direction::Ltr,
                Some("rtl") => Direction::Rtl,
                Some(other) => {
                    problems.push(
                        Diagnostic::error(format!("unknown writing direction `{other}`"))
                            .at(span(raw_lang.direction.as_ref().map_or(0..0, |d| d.span())))
                            .hint("write direction = \"ltr\" (left to right) or \"rtl\" (right to left)"),
                    );
                    Direction::Ltr
                }
            };
            languages.push(Language {
                code,
                name: raw_lang.name.clone(),
                direction,
            });
        }
        if languages.is_empty() {
            problems.push(
                Diagnostic::error("no languages are configured")
                    .at(span(raw.languages.span()))
                    .hint("add at least one [[languages]] table with code and name"),
            );
        }

        let default_language = match &raw.default_language {
            None => 0,
            Some(code) => match languages.iter().position(|l| &l.code == code.get_ref()) {
                Some(i) => i,
                None => {
                    problems.push(
                        Diagnostic::error(format!(
                            "the default language `{}` is not among the configured languages",
                            code.get_ref()
                        ))
                        .at(span(code.span()))
                        .hint("add it as a [[languages]] entry or pick one of the listed codes"),
                    );
                    0
                }
            },
        };

        let base_url = raw.base_url.get_ref().trim_end_matches('/').to_string();
        if !(base_url.starts_with("https://") || base_url.starts_with("http://")) {
            problems.push(
                Diagnostic::error("base_url must be an absolute http(s) URL")
                    .at(span(raw.base_url.span()))
                    .hint("for example base_url = \"https://win-project.eu\""),
            );
        }

        let min_count = match raw.stats.as_ref().and_then(|s| s.min_count.as_ref()) {
            None => 5,
            Some(n) if *n.get_ref() < 3 || *n.get_ref() > 1000 => {
                problems.push(
                    Diagnostic::error(format!(
                        "[stats] min_count = {} is too low to protect anyone",
                        n.get_ref()
                    ))
                    .at(span(n.span()))
                    .hint("counts below min_count are hidden; use 3 or more (the default is 5)"),
                );
                5
            }
            Some(n) => *n.get_ref() as u32,
        };
        let protection = match raw.stats.as_ref().and_then(|s| s.protection.as_ref()) {
            None => None,
            Some(n) if *n.get_ref() < 2 || *n.get_ref() > 1000 => {
                problems.push(
                    Diagnostic::error(format!(
                        "[stats] protection = {} is not a usable width",
                        n.get_ref()
                    ))
                    .at(span(n.span()))
                    .hint("the narrowest range a hidden figure may be narrowed to: leave it out (= min_count) or use 2 to 1000"),
                );
                None
            }
            Some(n) => Some(*n.get_ref() as u32),
        };
        let allow = raw
            .stats
            .as_ref()
            .and_then(|s| s.allow.clone())
            .unwrap_or_default();

        // A theme is the name of a folder in themes/, never a path elsewhere.
        if let Some(theme) = &raw.theme {
            let name = theme.get_ref();
            let plain = !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
                && !name.starts_with('.');
            if !plain {
                problems.push(
                    Diagnostic::error(format!(
                        "`{name}` is not the name of a folder in themes/"
                    ))
                    .at(span(theme.span()))
                    .hint("put the theme in themes/NAME/ inside the site and write theme = \"NAME\""),
                );
            }
        }

        let safety = raw.safety.unwrap_or(RawSafety {
            exit_url: None,
            exit_urls: None,
            discreet_titles: None,
        });

        // The theme is a folder in themes/, never a path that leads elsewhere.
        if let Some(theme) = &raw.theme {
            let name = theme.get_ref();
            if name.is_empty() || name.starts_with('.') || name.contains(['/', '\\', ':', '\0']) {
                problems.push(
                    Diagnostic::error(format!("`{name}` is not the name of a folder in themes/"))
                        .at(span(theme.span()))
                        .hint("write the name of a folder inside the site's themes/ folder, e.g. theme = \"default\"; a theme cannot come from outside the site"),
                );
            }
        }

        let menus =
            crate::menu_config::check(file, text, raw.menus.unwrap_or_default(), &mut problems);

        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Config {
            title: raw.title,
            base_url,
            languages,
            default_language,
            theme: raw
                .theme
                .map_or_else(|| "default".to_string(), Spanned::into_inner),
            taxonomies: raw.taxonomies.unwrap_or_else(|| vec!["tags".to_string()]),
            stats: StatsConfig {
                min_count,
                protection,
                allow,
            },
            safety: SafetyConfig {
                exit_url: safety
                    .exit_url
                    .unwrap_or_else(|| DEFAULT_EXIT_URL.to_string()),
                exit_urls: safety.exit_urls.unwrap_or_default(),
                discreet_titles: safety.discreet_titles.unwrap_or(false),
            },
            eu: EuConfig {
                // Opt-in: a site that is not EU-funded must not claim to be.
                funded: raw.eu.and_then(|e| e.funded).unwrap_or(false),
            },
            menus,
        })
    }

    pub fn language_index(&self, code: &str) -> Option<usize> {
        self.languages.iter().position(|l| l.code == code)
    }

    pub fn default_lang(&self) -> &Language {
        &self.languages[self.default_language]
    }

    /// The theme folder, relative to the site root.
    pub fn theme_dir(&self) -> PathBuf {
        Path::new("themes").join(&self.theme)
    }
}

/// Checks that `tag` is a well-formed BCP 47 language tag.
pub fn check_language_tag(tag: &str) -> Result<(), String> {
    tag.parse::<unic_langid::LanguageIdentifier>()
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// Turns a TOML syntax or schema error into a diagnostic at its position.
pub fn toml_error(file: &Path, text: &str, e: &toml::de::Error) -> Diagnostic {
    let message = e.message().trim().to_string();
    let line = e.span().map(|r| {
        let start = text[..r.start.min(text.len())]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        &text[start..end]
    });
    let hint = line
        .and_then(|l| line_hint(&message, l))
        .unwrap_or_else(|| toml_hint(&message));
    let mut d = Diagnostic::error(message);
    if let Some(range) = e.span() {
        d = d.at(Span::from_offset(
            file,
            text,
            range.start,
            range.end - range.start,
        ));
    } else {
        d = d.at(Span::file(file));
    }
    d.hint(hint)
}

/// A hint from the line itself, for the mistakes people make most: a date in quotes, a
/// double quote inside quoted text.
fn line_hint(message: &str, line: &str) -> Option<String> {
    let (key, value) = line.split_once('=')?;
    let (key, value) = (key.trim(), value.trim());
    let date_key = key.ends_with("date") || key == "updated";
    if message.contains("datetime") || (date_key && message.contains("invalid")) {
        let unquoted = value.trim_matches(|c| c == '"' || c == '\'');
        if value.starts_with(['"', '\'']) && unquoted.len() >= 10 {
            return Some(format!(
                "write dates without quotes, year-month-day: {key} = {unquoted}"
            ));
        }
        return Some(format!(
            "write dates as year-month-day without quotes, e.g. {key} = 2026-11-15"
        ));
    }
    // `title = "The "WIN" project"`: the text ends at the second quote.
    let body = value.strip_prefix('"')?;
    let inner_quotes = body
        .trim_end()
        .trim_end_matches('"')
        .matches('"')
        .count()
        .saturating_sub(body.matches("\\\"").count());
    if inner_quotes > 0 && !value.starts_with("\"\"\"") {
        let last = body.rfind('"').unwrap_or(body.len());
        let inner = &body[..last];
        let mut fixed = String::new();
        let mut prev = ' ';
        for c in inner.chars() {
            if c == '"' && prev != '\\' {
                fixed.push('\\');
            }
            fixed.push(c);
            prev = c;
        }
        return Some(format!(
            "a double quote inside text is written \\\": {key} = \"{fixed}\""
        ));
    }
    None
}

fn toml_hint(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let unknown = rest.split('`').next().unwrap_or("");
        let expected: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
        if let Some(best) = expected
            .iter()
            .map(|e| (edit_distance(unknown, e), *e))
            .filter(|(d, e)| *d <= 2.max(e.len() / 3))
            .min()
        {
            return format!("did you mean `{}`?", best.1);
        }
        "check the spelling; the fields this table accepts are listed above".to_string()
    } else if message.starts_with("missing field") {
        "add the field, or check that it is spelled as shown".to_string()
    } else if message.starts_with("invalid type") {
        "text goes in double quotes, lists in [brackets], numbers and true/false without quotes"
            .to_string()
    } else {
        "TOML is `key = value`, one per line; text goes in double quotes".to_string()
    }
}

/// Levenshtein distance, to suggest the field a misspelt one meant.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
title = "WIN"
base_url = "https://example.org/"
default_language = "en"

[[languages]]
code = "en"
name = "English"

[[languages]]
code = "el"
name = "Ελληνικά"
"#;

    #[test]
    fn parses_a_minimal_config() {
        let c = Config::parse(Path::new("ponte.toml"), GOOD).unwrap();
        assert_eq!(c.base_url, "https://example.org");
        assert_eq!(c.languages.len(), 2);
        assert_eq!(c.languages[1].direction, Direction::Ltr);
        assert_eq!(c.stats.min_count, 5);
        assert_eq!(c.taxonomies, vec!["tags"]);
    }

    #[test]
    fn unknown_key_points_at_its_line() {
        let text = GOOD.replace("default_language", "defualt_language");
        let e = Config::parse(Path::new("ponte.toml"), &text).unwrap_err();
        let span = e[0].span.as_ref().unwrap();
        assert_eq!((span.line, span.col), (4, 1));
        assert!(e[0].message.contains("unknown field `defualt_language`"));
    }

    #[test]
    fn misspelt_fields_get_a_suggestion() {
        assert_eq!(
            toml_hint("unknown field `titel`, expected one of `title`, `date`"),
            "did you mean `title`?"
        );
        assert!(
            toml_hint("unknown field `zzz`, expected one of `title`, `date`").starts_with("check")
        );
        assert_eq!(edit_distance("titolo", "title"), 2);
    }

    #[test]
    fn min_count_below_three_is_refused() {
        let text = format!("{GOOD}\n[stats]\nmin_count = 2\n");
        let e = Config::parse(Path::new("ponte.toml"), &text).unwrap_err();
        assert!(e[0].message.contains("min_count = 2"));
        assert_eq!(e[0].span.as_ref().unwrap().line, 15);
    }

    #[test]
    fn bad_language_tag_and_default() {
        let text = GOOD
            .replace("code = \"el\"", "code = \"e l\"")
            .replace("default_language = \"en\"", "default_language = \"fr\"");
        let e = Config::parse(Path::new("ponte.toml"), &text).unwrap_err();
        assert_eq!(e.len(), 2);
    }
}
