//! Raw → validated: one statistics file into a checked [`Dataset`].
//!
//! In: a [`SourceFile`]. Out: the [`Dataset`] when the file has no error, and a diagnostic for
//! every problem found in it: names that are not valid ids or message ids, unknown or empty
//! groups, a bad reference date, and (in `table`) every problem of the categories and rows.
//! Checks that need several files (duplicate ids, totals that disagree) are in `check`.

use std::collections::BTreeMap;

use toml::Spanned;

use super::model::{Dataset, Group, Hierarchy, Row};
use super::raw::{self, RawDate, RawFile};
use super::source::Source;
use super::SourceFile;
use crate::diagnostic::{Diagnostic, LineIndex};

/// Parses and validates one file; `None` when it has errors (all reported into `diags`).
pub(super) fn parse(file: &SourceFile, diags: &mut Vec<Diagnostic>) -> Option<Dataset> {
    let lines = LineIndex::new(&file.text);
    let src = Source {
        path: &file.path,
        text: &file.text,
        lines: &lines,
    };
    let errors_before = error_count(diags);
    let raw = raw::read(src, diags)?;
    let dataset = Checker { src, diags }.dataset(raw);
    if error_count(diags) > errors_before {
        None
    } else {
        dataset
    }
}

fn error_count(diags: &[Diagnostic]) -> usize {
    diags.iter().filter(|d| d.is_error()).count()
}

pub(super) struct Checker<'a, 'd> {
    pub src: Source<'a>,
    pub diags: &'d mut Vec<Diagnostic>,
}

impl Checker<'_, '_> {
    pub(super) fn error(&mut self, at: &Spanned<impl Sized>, message: String, hint: &str) {
        let mut diag = Diagnostic::error(message).at(self.src.span(&at.span()));
        if !hint.is_empty() {
            diag = diag.hint(hint);
        }
        self.diags.push(diag);
    }

    /// An id of a dataset, group, category, row or population: `a-z`, `0-9`, `-`, `_`.
    pub(super) fn id(&mut self, value: &Spanned<String>, what: &str) -> String {
        let text = value.get_ref();
        let valid = text
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            && text
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !valid {
            self.error(
                value,
                format!("`{text}` is not a valid {what}"),
                "use lowercase letters a-z, digits and hyphens, e.g. \"at-end\"",
            );
        }
        text.clone()
    }

    /// A Fluent message id: a letter, then letters, digits, `-` or `_`.
    pub(super) fn message(&mut self, value: &Spanned<String>) -> String {
        let text = value.get_ref();
        let valid = text.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !valid {
            self.error(
                value,
                format!("`{text}` is not a Fluent message id"),
                "labels are message ids defined in locales/<lang>/stats.ftl, e.g. \"stats-country-italy\"",
            );
        }
        text.clone()
    }

    fn dataset(&mut self, raw: RawFile) -> Option<Dataset> {
        let header = raw.header?;
        let id = self.id(&header.id, "dataset id");
        let title = self.message(&header.title);
        let description = header.description.as_ref().map(|d| self.message(d));
        let source = self.message(&header.source);
        let row_label = self.message(&header.row_label);
        let total_label = self.message(&header.total_label);
        let population = header
            .population
            .as_ref()
            .map(|p| self.id(p, "population name"));
        let reference_date = self.date(raw.reference_date, &raw.whole);
        let column_totals = match &header.column_totals {
            Some(flag) if *flag.get_ref() => Some(self.src.span(&flag.span())),
            _ => None,
        };

        let mut groups = Vec::new();
        let mut group_index = BTreeMap::new();
        for g in &raw.groups {
            let gid = self.id(&g.id, "group id");
            if group_index.insert(gid.clone(), groups.len()).is_some() {
                self.error(&g.id, format!("group `{gid}` is defined twice"), "");
            }
            let label = Some(self.message(&g.label));
            let own = g.population.as_ref().map(|p| self.id(p, "population name"));
            groups.push(Group {
                id: gid,
                label,
                population: own.or_else(|| population.clone()),
            });
        }
        let implicit_group = groups.is_empty();
        let group_label = header.group_label.as_ref().map(|g| self.message(g));
        match (&header.group_label, implicit_group) {
            (Some(label), true) => self.error(label, "`group_label` is set but the file has no [[group]]".into(),
                "remove `group_label`, or add [[group]] tables"),
            (None, false) => self.diags.push(
                Diagnostic::error("the file has [[group]] tables but no `group_label`")
                    .at(self.src.span(&header.id.span()))
                    .hint("add group_label = \"stats-…\": the header over the group names, e.g. \"Question\""),
            ),
            _ => {}
        }
        if implicit_group {
            groups.push(Group {
                id: String::new(),
                label: None,
                population: population.clone(),
            });
        }

        let categories = self.categories(
            &raw.categories,
            header.exhaustive,
            &raw.whole,
            raw.incomplete,
        );
        let mut rows = Vec::new();
        let mut seen = BTreeMap::new();
        for raw_row in &raw.rows {
            let group = match (&raw_row.group, implicit_group) {
                (None, true) => Some(0),
                (Some(g), true) => {
                    self.error(
                        g,
                        "this file has no [[group]], so rows cannot name one".into(),
                        "remove `group`, or add a [[group]] table with this id",
                    );
                    None
                }
                (Some(g), false) => {
                    let found = group_index.get(g.get_ref()).copied();
                    if found.is_none() {
                        let names: Vec<&str> = group_index.keys().map(String::as_str).collect();
                        let hint = match raw::closest(g.get_ref(), &names) {
                            Some(best) => {
                                format!("did you mean `{best}`? groups: {}", names.join(", "))
                            }
                            None => format!("groups defined in this file: {}", names.join(", ")),
                        };
                        self.error(g, format!("unknown group `{}`", g.get_ref()), &hint);
                    }
                    found
                }
                (None, false) => {
                    self.error(
                        &raw_row.id,
                        "this row has no `group`".into(),
                        "every row must say which [[group]] it belongs to when the file has groups",
                    );
                    None
                }
            };
            let row_id = self.id(&raw_row.id, "row id");
            if let Some(group) = group {
                if seen.insert((group, row_id.clone()), ()).is_some() {
                    self.error(
                        &raw_row.id,
                        format!("row `{row_id}` appears twice in the same group"),
                        "",
                    );
                }
            }
            let row = self.row(
                raw_row,
                row_id,
                group.unwrap_or(0),
                &categories,
                header.exhaustive,
            );
            rows.push(row);
        }
        for (g, group) in raw.groups.iter().enumerate().filter(|_| !raw.incomplete) {
            if !rows.iter().any(|r: &Row| r.group == g)
                && group_index.get(group.id.get_ref()) == Some(&g)
            {
                self.error(
                    &group.id,
                    format!("group `{}` has no rows", group.id.get_ref()),
                    "add rows with this `group`, or remove the [[group]]",
                );
            }
        }
        if raw.rows.is_empty() && !raw.incomplete {
            self.diags.push(
                Diagnostic::error(format!("dataset `{id}` has no [[row]]"))
                    .at(self.src.span(&raw.whole))
                    .hint("add a [[row]] table for each country or line of the table"),
            );
        }
        self.sums(&raw.rows, &mut rows);
        let hierarchy = self.hierarchy(&header, &mut rows);
        let sensitive = self.sensitive(&header);
        if raw.incomplete {
            return None;
        }
        Some(Dataset {
            id,
            file: self.src.path.to_path_buf(),
            title,
            description,
            source,
            reference_date: reference_date?,
            row_label,
            total_label,
            group_label,
            exhaustive: header.exhaustive,
            sensitive,
            column_totals,
            groups,
            categories,
            rows,
            hierarchy,
        })
    }

    /// Reads `[hierarchy]`; in this file, a parent row with all its children in the same group
    /// becomes their sum as if it had `sum_of` (checked the same way). Across files the sums are
    /// `suppress`'s to relate and check.
    fn hierarchy(&mut self, header: &raw::RawHeader, rows: &mut [Row]) -> Vec<Hierarchy> {
        let Some(lines) = &header.hierarchy else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (parent, children) in lines {
            let parent_id = self.id(parent, "row id");
            let mut ids: Vec<String> = Vec::new();
            for child in children {
                let id = self.id(child, "row id");
                if id == parent_id {
                    self.error(child, "a row cannot be the sum of itself".into(), "");
                } else if ids.contains(&id) {
                    self.error(child, format!("`{id}` is listed twice"), "");
                } else {
                    ids.push(id);
                }
            }
            if ids.is_empty() {
                self.error(
                    parent,
                    format!("`{parent_id}` in [hierarchy] names no rows"),
                    "list the rows that add up to it, e.g. all-countries = [\"italy\", \"spain\"]",
                );
                continue;
            }
            for (i, row) in rows.to_vec().iter().enumerate() {
                if row.id != parent_id || !row.sum_of.is_empty() {
                    continue;
                }
                let parts: Option<Vec<usize>> = ids
                    .iter()
                    .map(|id| {
                        rows.iter()
                            .position(|r| r.group == row.group && &r.id == id)
                    })
                    .collect();
                if let Some(parts) = parts {
                    self.check_sum(parent, rows, i, &parts);
                    rows[i].sum_of = parts;
                }
            }
            out.push(Hierarchy {
                parent: parent_id,
                children: ids,
                span: self.src.span(&parent.span()),
            });
        }
        out
    }

    /// `sensitive = false` needs a `reason`; a `reason` needs `sensitive = false`.
    fn sensitive(&mut self, header: &raw::RawHeader) -> bool {
        match (&header.sensitive, &header.reason) {
            (Some(flag), None) if !*flag.get_ref() => {
                self.error(
                    flag,
                    "`sensitive = false` needs a `reason`".into(),
                    "say why these figures cannot point to a survivor, e.g. reason = \"professionals at public events\"",
                );
                true
            }
            (Some(flag), Some(reason)) if !*flag.get_ref() => {
                if reason.get_ref().trim().is_empty() {
                    self.error(
                        reason,
                        "`reason` is empty".into(),
                        "say why these figures cannot point to a survivor",
                    );
                }
                false
            }
            (_, Some(reason)) => {
                self.error(
                    reason,
                    "`reason` is only for a dataset with `sensitive = false`".into(),
                    "remove `reason`, or add sensitive = false if these people need no protection",
                );
                true
            }
            _ => true,
        }
    }

    /// Resolves each row's `sum_of` to rows of the same group, and checks the figures add up.
    fn sums(&mut self, raw: &[raw::RawRow], rows: &mut [Row]) {
        for (i, raw_row) in raw.iter().enumerate() {
            let Some(names) = &raw_row.sum_of else {
                continue;
            };
            let Some(group) = rows.get(i).map(|r| r.group) else {
                continue;
            };
            let mut parts = Vec::new();
            for name in names {
                let found = rows
                    .iter()
                    .position(|r| r.group == group && &r.id == name.get_ref());
                match found {
                    Some(j) if j == i => {
                        self.error(name, "a row cannot be the sum of itself".into(), "")
                    }
                    Some(j) if parts.contains(&j) => {
                        self.error(name, format!("`{}` is listed twice", name.get_ref()), "")
                    }
                    Some(j) => parts.push(j),
                    None => {
                        let names: Vec<&str> = rows
                            .iter()
                            .filter(|r| r.group == group)
                            .map(|r| r.id.as_str())
                            .collect();
                        self.error(
                            name,
                            format!("`sum_of` names unknown row `{}`", name.get_ref()),
                            &format!("rows of the same group: {}", names.join(", ")),
                        );
                    }
                }
            }
            if parts.is_empty() {
                continue;
            }
            self.check_sum(&raw_row.total, rows, i, &parts);
            rows[i].sum_of = parts;
        }
    }

    /// Reports (at `at`) when row `i`'s figures are not the sums of the rows `parts`.
    fn check_sum(&mut self, at: &Spanned<impl Sized>, rows: &[Row], i: usize, parts: &[usize]) {
        let row = &rows[i];
        let total: u64 = parts.iter().map(|&j| u64::from(rows[j].total)).sum();
        let mut wrong = total != u64::from(row.total);
        for c in 0..row.counts.len() {
            let sum: Option<u64> = parts
                .iter()
                .map(|&j| rows[j].counts[c].as_ref().map(|(n, _)| u64::from(*n)))
                .sum();
            if let (Some(sum), Some((n, _))) = (sum, &row.counts[c]) {
                wrong |= sum != u64::from(*n);
            }
        }
        if wrong {
            self.error(
                at,
                format!(
                    "row `{}` is declared the sum of other rows, but its figures are not their sum",
                    row.id
                ),
                "check the figures of this row and of the rows it adds up (`sum_of` or [hierarchy])",
            );
        }
    }

    fn date(
        &mut self,
        value: Option<Spanned<RawDate>>,
        whole: &std::ops::Range<usize>,
    ) -> Option<String> {
        const HINT: &str =
            "write the date the figures refer to as reference_date = 2021-09-20 (year-month-day)";
        let Some(value) = value else {
            self.diags.push(
                Diagnostic::error("missing field `reference_date` in the file")
                    .at(self.src.span(whole))
                    .hint(HINT),
            );
            return None;
        };
        let text = match value.get_ref() {
            RawDate::Date(text) | RawDate::Text(text) => text.clone(),
            RawDate::Other => String::new(),
        };
        let parts: Vec<Option<u32>> = text.split('-').map(|p| p.parse().ok()).collect();
        let valid = match (text.len(), parts.as_slice()) {
            (10, [Some(year), Some(month), Some(day)]) => {
                let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
                let days = match month {
                    1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
                    4 | 6 | 9 | 11 => 30,
                    2 if leap => 29,
                    2 => 28,
                    _ => 0,
                };
                (1..=days).contains(day)
            }
            _ => false,
        };
        if valid {
            Some(text)
        } else {
            self.error(&value, "`reference_date` is not a valid date".into(), HINT);
            None
        }
    }
}
