//! A translatable page file read as text: its front matter, the text a reader sees, the
//! fingerprint of that text, and the `translation_of` line ponte writes.
//!
//! Pure: every function takes the file's text and returns values or new text. Leaflets
//! (`content/leaflets/`) are pages too here: only `title`, `description`, the taxonomies and
//! the body are read, whatever else the front matter holds.
use std::ops::Range;

use serde::Deserialize;
use sha2::{Digest, Sha256};
use toml::Spanned;

/// The front-matter key that records the source version a translation follows.
pub const KEY: &str = "translation_of";

const FENCE: &str = "+++";

/// Where the parts of a page file are: the TOML between the fences, the closing fence line
/// and the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts {
    pub toml: Range<usize>,
    pub body: usize,
}

/// Finds the front matter; `None` when the file has none (the build reports that).
pub fn split(text: &str) -> Option<Parts> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let first_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    if text[start..first_end].trim_end() != FENCE {
        return None;
    }
    let toml_start = (first_end + 1).min(text.len());
    let mut pos = toml_start;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if text[pos..end].trim_end() == FENCE {
            return Some(Parts {
                toml: toml_start..pos,
                body: (end + 1).min(text.len()),
            });
        }
        pos = end + 1;
    }
    None
}

/// The shown fields of a front matter, with where their values are.
#[derive(Deserialize, Default)]
pub struct Shown {
    pub title: Option<Spanned<String>>,
    pub description: Option<Spanned<String>>,
    pub tags: Option<Vec<String>>,
    pub taxonomies: Option<std::collections::BTreeMap<String, Vec<String>>>,
    pub translation_of: Option<Spanned<String>>,
    pub slug: Option<Spanned<String>>,
}

impl Shown {
    /// Reads the shown fields; `None` when the front matter is not valid TOML.
    pub fn parse(text: &str, parts: &Parts) -> Option<Shown> {
        toml::from_str(&text[parts.toml.clone()]).ok()
    }

    /// The recorded source fingerprint and the byte range of its value (quotes included) in
    /// the whole file.
    pub fn recorded(&self, parts: &Parts) -> Option<(&str, Range<usize>)> {
        self.translation_of.as_ref().map(|s| {
            let r = s.span();
            (
                s.get_ref().as_str(),
                parts.toml.start + r.start..parts.toml.start + r.end,
            )
        })
    }
}

/// The text a reader sees, normalised so that whitespace-only edits do not change it: the
/// title, description and terms, then the body with spaces collapsed, lines of one paragraph
/// joined and runs of blank lines made one. `None` when the file has no readable front matter.
pub fn meaningful(text: &str) -> Option<String> {
    let parts = split(text)?;
    let shown = Shown::parse(text, &parts)?;
    let mut out = String::new();
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(t) = &shown.title {
        out.push_str(&format!("title: {}\n", one_line(t.get_ref())));
    }
    if let Some(d) = &shown.description {
        out.push_str(&format!("description: {}\n", one_line(d.get_ref())));
    }
    if let Some(tags) = &shown.tags {
        out.push_str(&format!("tags: {}\n", tags.join(", ")));
    }
    for (name, terms) in shown.taxonomies.iter().flatten() {
        out.push_str(&format!("{name}: {}\n", terms.join(", ")));
    }
    out.push('\n');
    out.push_str(&normalise_body(&text[parts.body..]));
    Some(out)
}

/// Collapses whitespace: each paragraph on one line, one blank line between blocks.
pub fn normalise_body(body: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut blank = true;
    let mut fenced = false;
    // Whether the last line may go on on the next one (a paragraph's line, not a heading).
    let mut open = false;
    for raw in body.lines() {
        let line = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        let fence = line.starts_with("```") || line.starts_with("~~~");
        if fence {
            fenced = !fenced;
        }
        if line.is_empty() {
            blank = true;
            open = false;
            continue;
        }
        let own_line = fenced || fence || starts_block(&line);
        match lines.last_mut() {
            Some(last) if open && !own_line => {
                last.push(' ');
                last.push_str(&line);
            }
            _ => {
                if blank && !lines.is_empty() {
                    lines.push(String::new());
                }
                lines.push(line.clone());
            }
        }
        open = !(fenced || fence || line.starts_with('#') || line.starts_with('|'));
        blank = false;
    }
    let mut out = lines.join("\n");
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// Whether a line begins a block of its own (a heading, list item, table row, quote,
/// shortcode) rather than continuing a paragraph.
fn starts_block(line: &str) -> bool {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    line.starts_with('#')
        || line.starts_with("- ")
        || line.starts_with("* ")
        || line.starts_with("+ ")
        || line.starts_with('|')
        || line.starts_with('>')
        || line.starts_with("{{")
        || (digits > 0 && matches!(line[digits..].chars().next(), Some('.') | Some(')')))
}

/// The fingerprint of a meaningful text: the first 16 hex digits of its SHA-256.
pub fn fingerprint(meaningful: &str) -> String {
    let digest = Sha256::digest(meaningful.as_bytes());
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// The file with `translation_of = "FP"` recorded: the value replaced where it is, or a line
/// added at the end of the front matter. `None` when the file has no front matter.
pub fn with_recorded(text: &str, fp: &str) -> Option<String> {
    with_field(text, KEY, fp)
}

/// The file with the top-level front-matter string `key` set to `value`: replaced where it
/// is, or added as a last line.
pub fn with_field(text: &str, key: &str, value: &str) -> Option<String> {
    let parts = split(text)?;
    let table: std::collections::BTreeMap<String, Spanned<toml::Value>> =
        toml::from_str(&text[parts.toml.clone()]).ok()?;
    let quoted = toml::Value::String(value.to_string()).to_string();
    Some(match table.get(key) {
        Some(v) => {
            let r = v.span();
            let (a, b) = (parts.toml.start + r.start, parts.toml.start + r.end);
            format!("{}{quoted}{}", &text[..a], &text[b..])
        }
        None => {
            // Before the first `[table]`, or the key would belong to it.
            let mut at = parts.toml.end;
            let mut pos = parts.toml.start;
            for line in text[parts.toml.clone()].split_inclusive('\n') {
                if line.trim_start().starts_with('[') {
                    at = pos;
                    break;
                }
                pos += line.len();
            }
            let newline = if at > 0 && !text[..at].ends_with('\n') {
                "\n"
            } else {
                ""
            };
            format!("{}{newline}{key} = {quoted}\n{}", &text[..at], &text[at..])
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_only_edits_keep_the_fingerprint() {
        let a = "+++\ntitle = \"A\"\nweight = 1\n+++\n## Head\nUnder it.\n\nOne line\nand another.\n\n\n- x\n- y\n";
        let b = "+++\ntitle   = \"A\"\nweight = 2\nslug = \"a\"\n+++\n\n##   Head\nUnder   it.\n\nOne line and   another.\n\n- x\n- y\n\n";
        assert_eq!(meaningful(a), meaningful(b));
        let c = a.replace("another", "a third");
        assert_ne!(
            fingerprint(&meaningful(a).unwrap()),
            fingerprint(&meaningful(&c).unwrap())
        );
        let d = a.replace("title = \"A\"", "title = \"B\"");
        assert_ne!(meaningful(a), meaningful(&d));
        assert_eq!(
            meaningful(a).unwrap(),
            "title: A\n\n## Head\nUnder it.\n\nOne line and another.\n\n- x\n- y\n"
        );
    }

    #[test]
    fn the_record_is_added_then_replaced() {
        let a = "+++\ntitle = \"A\"\n+++\nBody\n";
        let b = with_recorded(a, "0123456789abcdef").unwrap();
        assert_eq!(
            b,
            "+++\ntitle = \"A\"\ntranslation_of = \"0123456789abcdef\"\n+++\nBody\n"
        );
        let c = with_recorded(&b, "fedcba9876543210").unwrap();
        assert_eq!(c, b.replace("0123456789abcdef", "fedcba9876543210"));
        let t = "+++\ntitle = \"A\"\n[extra]\nx = 1\n+++\n";
        assert_eq!(
            with_recorded(t, "ab").unwrap(),
            "+++\ntitle = \"A\"\ntranslation_of = \"ab\"\n[extra]\nx = 1\n+++\n"
        );
        // The record is not part of what a reader sees.
        assert_eq!(meaningful(a), meaningful(&c));
    }
}
