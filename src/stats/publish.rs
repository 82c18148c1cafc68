//! From a suppressed table to what may be shown, and to the report of what was hidden.
//!
//! In: a [`Suppressed`] table. Out: the [`Published`] dataset (hidden cells are
//! [`Cell::Suppressed`]; a percentage only where both the count and its denominator are
//! published and the denominator is not zero) and one warning per hidden cell, saying which
//! cell, where (file:line:col) and why, never its value.

use super::model::{Cell, Published, PublishedCategory, PublishedGroup, PublishedRow};
use super::suppress::{Reason, Suppressed};
use crate::diagnostic::{Diagnostic, Span};

impl Suppressed<'_> {
    fn cell(&self, cell: usize) -> Cell {
        let line = cell / self.width;
        let slot = cell % self.width;
        let Some(count) = self.values[cell] else {
            return Cell::Missing;
        };
        if self.is_hidden(cell) {
            return Cell::Suppressed;
        }
        let denominator = match slot {
            0 => None,
            s => match self.ds.categories[s - 1].of {
                Some(p) => Some(line * self.width + 1 + p),
                None => Some(line * self.width),
            },
        };
        let ratio = denominator
            .filter(|&d| !self.is_hidden(d))
            .and_then(|d| self.values[d])
            .filter(|&d| d > 0)
            .map(|d| count as f64 / d as f64);
        Cell::Count { count, ratio }
    }

    fn line(&self, line: usize, label: &str, is_total: bool) -> PublishedRow {
        let base = line * self.width;
        PublishedRow {
            label: label.to_string(),
            is_total,
            total: self.cell(base),
            cells: (1..self.width).map(|s| self.cell(base + s)).collect(),
        }
    }

    /// The value and share of every hidden cell (for the prose lint; never published).
    pub(super) fn secrets(&self) -> Vec<super::Secret> {
        (0..self.values.len())
            .filter(|&c| self.is_hidden(c))
            .filter_map(|cell| {
                let value = self.values[cell]?;
                let (line, slot) = (cell / self.width, cell % self.width);
                let denominator = match slot {
                    0 => None,
                    s => match self.ds.categories[s - 1].of {
                        Some(p) => self.values[line * self.width + 1 + p],
                        None => self.values[line * self.width],
                    },
                };
                let share = denominator
                    .filter(|&d| d > 0)
                    .map(|d| value as f64 / d as f64);
                let group = slot == 0 || self.ds.categories[slot - 1].population.is_some();
                Some(super::Secret {
                    value,
                    share,
                    group,
                })
            })
            .collect()
    }

    /// The dataset as it may be shown: hidden cells are `Cell::Suppressed`.
    pub fn publish(&self) -> Published {
        let ds = self.ds;
        let groups = (0..ds.groups.len())
            .map(|g| {
                let mut rows: Vec<PublishedRow> = (0..ds.rows.len())
                    .filter(|&i| ds.rows[i].group == g)
                    .map(|i| self.line(i, &ds.rows[i].label, false))
                    .collect();
                if ds.column_totals.is_some() {
                    rows.push(self.line(ds.rows.len() + g, "stats-total-row", true));
                }
                PublishedGroup {
                    label: ds.groups[g].label.clone(),
                    rows,
                }
            })
            .collect();
        Published {
            id: ds.id.clone(),
            title: ds.title.clone(),
            description: ds.description.clone(),
            source: ds.source.clone(),
            reference_date: ds.reference_date.clone(),
            row_label: ds.row_label.clone(),
            total_label: ds.total_label.clone(),
            group_label: ds.group_label.clone(),
            min_count: self.min_count,
            categories: ds
                .categories
                .iter()
                .map(|c| PublishedCategory {
                    label: c.label.clone(),
                    of: c.of,
                })
                .collect(),
            groups,
        }
    }

    /// One warning per hidden cell: where it is and why, never its value.
    pub fn warnings(&self) -> Vec<Diagnostic> {
        let ds = self.ds;
        let min = self.min_count;
        let mut out = Vec::new();
        for (cell, reason) in self.hidden.iter().enumerate() {
            let Some(reason) = reason else { continue };
            let (line, slot) = (cell / self.width, cell % self.width);
            let column = if slot == 0 {
                "total".to_string()
            } else {
                format!("`{}`", ds.categories[slot - 1].id)
            };
            let (row, span): (String, Span) = match ds.rows.get(line) {
                Some(r) => {
                    let group = &ds.groups[r.group].id;
                    let name = if group.is_empty() {
                        r.id.clone()
                    } else {
                        format!("{group}/{}", r.id)
                    };
                    let span = match slot {
                        0 => Some(r.total_span.clone()),
                        s => r.counts[s - 1].as_ref().map(|(_, span)| span.clone()),
                    };
                    (
                        format!("`{name}`"),
                        span.unwrap_or_else(|| Span::file(&ds.file)),
                    )
                }
                None => {
                    let g = &ds.groups[line - ds.rows.len()].id;
                    let name = if g.is_empty() {
                        "the total line".to_string()
                    } else {
                        format!("the total line of `{g}`")
                    };
                    (
                        name,
                        ds.column_totals
                            .clone()
                            .unwrap_or_else(|| Span::file(&ds.file)),
                    )
                }
            };
            let why = match reason {
                Reason::Small => format!("it is fewer than {min} (`[stats] min_count`)"),
                Reason::Complement(other) => {
                    format!(
                        "next to {} it would reveal a group of fewer than {min}",
                        super::suppress::describe(self.ds, *other)
                    )
                }
                Reason::Linked((population, id)) => {
                    format!(
                        "the same figure (`{population}` of `{id}`) is hidden in another dataset"
                    )
                }
                Reason::Secondary => format!(
                    "otherwise a hidden figure could be narrowed to a range of fewer than {} \
                     from what is published (`[stats] protection`)",
                    self.protection
                ),
            };
            // Point at the line without quoting it: the quoted line would show the value.
            let span = Span {
                line_text: String::new(),
                ..span
            };
            out.push(
                Diagnostic::note(format!(
                    "`{}`: hidden cell in row {row}, column {column}: {why}",
                    ds.id
                ))
                .at(span),
            );
        }
        out
    }
}
