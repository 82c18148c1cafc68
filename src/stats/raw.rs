//! The raw shape of a `content/stats/*.toml` file, and the refusals that need no schema.
//!
//! In: the text of one file. Out: [`RawFile`] (header, `[[group]]`, `[[category]]` and `[[row]]`
//! tables deserialized with `deny_unknown_fields`, each number and name still spanned) plus a
//! diagnostic for every syntax error and unknown field (with a suggestion), plus the refusals of
//! `refuse` (identifying fields, lists of people, percentages without counts). Checking what the
//! fields mean is `parse`'s job.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use serde::Deserialize;
use toml::de::{DeTable, DeValue, ValueDeserializer};
use toml::Spanned;

use super::refuse;
use super::source::Source;
use crate::diagnostic::{Diagnostic, Span};

/// The file's top-level fields (the arrays of tables and the date are taken out first).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawHeader {
    pub id: Spanned<String>,
    pub title: Spanned<String>,
    #[serde(default)]
    pub description: Option<Spanned<String>>,
    pub source: Spanned<String>,
    #[serde(default)]
    #[allow(dead_code)] // for the people editing the file; never published
    pub note: Option<String>,
    #[serde(default)]
    pub population: Option<Spanned<String>>,
    pub row_label: Spanned<String>,
    pub total_label: Spanned<String>,
    #[serde(default)]
    pub group_label: Option<Spanned<String>>,
    #[serde(default)]
    pub exhaustive: bool,
    #[serde(default)]
    pub column_totals: Option<Spanned<bool>>,
    /// `false` for a population that needs no disclosure control (with `reason`).
    #[serde(default)]
    pub sensitive: Option<Spanned<bool>>,
    #[serde(default)]
    pub reason: Option<Spanned<String>>,
    /// `[hierarchy]`: a row id and the row ids that add up to it, in every table of the same
    /// populations (e.g. `all-countries = ["italy", "spain", "bulgaria"]`).
    #[serde(default)]
    pub hierarchy: Option<BTreeMap<Spanned<String>, Vec<Spanned<String>>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawGroup {
    pub id: Spanned<String>,
    pub label: Spanned<String>,
    #[serde(default)]
    pub population: Option<Spanned<String>>,
    #[serde(default)]
    #[allow(dead_code)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCategory {
    pub id: Spanned<String>,
    pub label: Spanned<String>,
    #[serde(default)]
    pub of: Option<Spanned<String>>,
    #[serde(default)]
    pub population: Option<Spanned<String>>,
    #[serde(default)]
    #[allow(dead_code)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRow {
    pub id: Spanned<String>,
    pub label: Spanned<String>,
    #[serde(default)]
    pub group: Option<Spanned<String>>,
    pub total: Spanned<u32>,
    pub counts: BTreeMap<Spanned<String>, Spanned<u32>>,
    /// The rows (ids, in the same group) whose figures this row adds up.
    #[serde(default)]
    pub sum_of: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    #[allow(dead_code)]
    pub note: Option<String>,
}

/// The reference date as written: a TOML date or a `"YYYY-MM-DD"` string.
pub(super) enum RawDate {
    Date(String),
    Text(String),
    Other,
}

/// Everything deserialized from one file. `None` parts failed and were reported.
pub(super) struct RawFile {
    /// Byte range of the whole document.
    pub whole: Range<usize>,
    pub header: Option<RawHeader>,
    pub reference_date: Option<Spanned<RawDate>>,
    pub groups: Vec<RawGroup>,
    pub categories: Vec<RawCategory>,
    pub rows: Vec<RawRow>,
    /// True when some part could not be read (so later checks would only add noise).
    pub incomplete: bool,
}

const HEADER_FIELDS: &[&str] = &[
    "id",
    "title",
    "description",
    "source",
    "reference_date",
    "note",
    "population",
    "row_label",
    "total_label",
    "group_label",
    "exhaustive",
    "column_totals",
    "sensitive",
    "reason",
    "hierarchy",
    "group",
    "category",
    "row",
];
const GROUP_FIELDS: &[&str] = &["id", "label", "population", "note"];
const CATEGORY_FIELDS: &[&str] = &["id", "label", "of", "population", "note"];
const ROW_FIELDS: &[&str] = &["id", "label", "group", "total", "counts", "sum_of", "note"];

/// Reads one file into its raw parts, reporting every problem found into `diags`.
pub(super) fn read(src: Source<'_>, diags: &mut Vec<Diagnostic>) -> Option<RawFile> {
    let (root, errors) = DeTable::parse_recoverable(src.text);
    if !errors.is_empty() {
        for error in errors {
            diags.push(toml_error(src, &error, "", &[]));
        }
        return None;
    }
    let whole = root.span();
    let mut table = root.into_inner();
    let mut reported = BTreeSet::new();
    refuse::personal_data(src, &table, false, &mut reported, diags);
    let mut incomplete = !reported.is_empty();

    let reference_date = table.remove("reference_date").map(|value| {
        let span = value.span();
        let date = match value.into_inner() {
            DeValue::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => {
                    RawDate::Date(format!("{:04}-{:02}-{:02}", d.year, d.month, d.day))
                }
                _ => RawDate::Other,
            },
            DeValue::String(text) => RawDate::Text(text.into_owned()),
            _ => RawDate::Other,
        };
        Spanned::new(span, date)
    });
    let group_values = take_list(
        src,
        &mut table,
        "group",
        GROUP_FIELDS,
        &mut incomplete,
        diags,
    );
    let category_values = take_list(
        src,
        &mut table,
        "category",
        CATEGORY_FIELDS,
        &mut incomplete,
        diags,
    );
    let row_values = take_list(src, &mut table, "row", ROW_FIELDS, &mut incomplete, diags);

    let mut reader = PartReader {
        src,
        reported: &reported,
        incomplete,
        diags,
    };
    let groups = group_values
        .into_iter()
        .filter_map(|v| reader.read(v, "[[group]]", GROUP_FIELDS))
        .collect();
    let categories = category_values
        .into_iter()
        .filter_map(|v| reader.read(v, "[[category]]", CATEGORY_FIELDS))
        .collect();
    let rows = row_values
        .into_iter()
        .filter_map(|v| reader.read(v, "[[row]]", ROW_FIELDS))
        .collect();
    let document = Spanned::new(whole.clone(), DeValue::Table(table));
    let header = reader.read(document, "the file", HEADER_FIELDS);
    let incomplete = reader.incomplete;
    Some(RawFile {
        whole,
        header,
        reference_date,
        groups,
        categories,
        rows,
        incomplete,
    })
}

/// Removes `[[key]]` from the document and returns its tables.
fn take_list<'i>(
    src: Source<'_>,
    table: &mut DeTable<'i>,
    key: &str,
    fields: &[&str],
    incomplete: &mut bool,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Spanned<DeValue<'i>>> {
    let Some((name, value)) = table.remove_entry(key) else {
        return Vec::new();
    };
    match value.into_inner() {
        DeValue::Array(items) if items.iter().all(|v| v.get_ref().is_table()) => {
            items.into_iter().collect()
        }
        _ => {
            *incomplete = true;
            diags.push(
                Diagnostic::error(format!("`{key}` must be a list of [[{key}]] tables"))
                    .at(src.span(&name.span()))
                    .hint(format!(
                        "start each entry with a line `[[{key}]]` followed by its fields: {}",
                        fields.join(", ")
                    )),
            );
            Vec::new()
        }
    }
}

/// Deserializes the parts of one file, reporting each failure once.
struct PartReader<'a, 'd> {
    src: Source<'a>,
    reported: &'a BTreeSet<usize>,
    incomplete: bool,
    diags: &'d mut Vec<Diagnostic>,
}

impl PartReader<'_, '_> {
    fn read<'de, T: Deserialize<'de>>(
        &mut self,
        value: Spanned<DeValue<'de>>,
        what: &str,
        fields: &[&str],
    ) -> Option<T> {
        match T::deserialize(ValueDeserializer::from(value)) {
            Ok(part) => Some(part),
            Err(error) => {
                self.incomplete = true;
                let already = error
                    .span()
                    .is_some_and(|s| self.reported.contains(&s.start));
                if !already {
                    self.diags.push(toml_error(self.src, &error, what, fields));
                }
                None
            }
        }
    }
}

/// Turns a TOML or schema error into a diagnostic with a hint a non-programmer can act on.
fn toml_error(src: Source<'_>, error: &toml::de::Error, what: &str, fields: &[&str]) -> Diagnostic {
    let message = error.message().trim().to_string();
    let span = error
        .span()
        .map(|s| src.span(&s))
        .unwrap_or_else(|| Span::file(src.path));
    if let Some(field) = quoted_after(&message, "unknown field `") {
        let mut diag = Diagnostic::error(format!("unknown field `{field}` in {what}")).at(span);
        diag = match closest(&field, fields) {
            Some(best) => diag.hint(format!(
                "did you mean `{best}`? allowed here: {}",
                fields.join(", ")
            )),
            None => diag.hint(format!("allowed here: {}", fields.join(", "))),
        };
        return diag;
    }
    if let Some(field) = quoted_after(&message, "missing field `") {
        return Diagnostic::error(format!("missing field `{field}` in {what}"))
            .at(span)
            .hint(format!(
                "add `{field} = …`; the fields of {what} are: {}",
                fields.join(", ")
            ));
    }
    let diag = Diagnostic::error(message.clone()).at(span);
    if message.contains("floating point") {
        diag.hint("counts are whole numbers of people; if the source gives a percentage, derive the count and say so in `note`")
    } else if message.contains("expected u32") {
        diag.hint("counts and totals are whole numbers, 0 or more, written without quotes")
    } else {
        diag
    }
}

fn quoted_after(message: &str, prefix: &str) -> Option<String> {
    let rest = message.strip_prefix(prefix)?;
    Some(rest.split('`').next().unwrap_or_default().to_string())
}

/// The allowed name nearest to `word`, if it is close enough to be a likely typo.
pub(super) fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            current.push(
                (previous[j] + cost)
                    .min(previous[j + 1] + 1)
                    .min(current[j] + 1),
            );
        }
        previous = current;
    }
    previous[b.len()]
}
