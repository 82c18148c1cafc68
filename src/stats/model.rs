//! The two shapes of a dataset.
//!
//! In: nothing (plain data). Out: [`Dataset`], a validated file with every number exactly as
//! written (it never leaves the statistics stage), and [`Published`], the same table after
//! disclosure control, which holds only numbers that may be shown to the public. `Published` has
//! private fields and no public constructor, so the rest of ponte cannot build one that skipped
//! suppression.

use std::path::PathBuf;

use crate::diagnostic::Span;

/// A dataset read from `content/stats/*.toml` and checked, before disclosure control.
#[derive(Debug, Clone)]
pub(super) struct Dataset {
    pub id: String,
    pub file: PathBuf,
    pub title: String,
    pub description: Option<String>,
    pub source: String,
    /// `YYYY-MM-DD`.
    pub reference_date: String,
    pub row_label: String,
    pub total_label: String,
    /// Header over the group names in the CSV; present exactly when the file has groups.
    pub group_label: Option<String>,
    pub exhaustive: bool,
    /// False when the file declares `sensitive = false` (with a `reason`): no disclosure control.
    pub sensitive: bool,
    /// Where `column_totals = true` was written, when a total line per group is published.
    pub column_totals: Option<Span>,
    /// Always at least one; a file without `[[group]]` has one unnamed group.
    pub groups: Vec<Group>,
    pub categories: Vec<Category>,
    pub rows: Vec<Row>,
    /// `[hierarchy]`: rows that add up others in every table of this file's populations.
    pub hierarchy: Vec<Hierarchy>,
}

/// One line of `[hierarchy]`: the row id `parent` is the sum of the row ids `children`.
#[derive(Debug, Clone)]
pub(super) struct Hierarchy {
    pub parent: String,
    pub children: Vec<String>,
    /// Where the line is written.
    pub span: Span,
}

#[derive(Debug, Clone)]
pub(super) struct Group {
    pub id: String,
    /// `None` for the implicit group of a file without `[[group]]`.
    pub label: Option<String>,
    /// What the row totals of this group count (the group's `population`, else the dataset's).
    pub population: Option<String>,
}

#[derive(Debug, Clone)]
pub(super) struct Category {
    pub id: String,
    pub label: String,
    /// The category (index) whose count is this category's denominator, instead of the total.
    pub of: Option<usize>,
    /// What this category's counts count, to compare with other datasets.
    pub population: Option<String>,
}

#[derive(Debug, Clone)]
pub(super) struct Row {
    pub id: String,
    pub label: String,
    pub group: usize,
    pub total: u32,
    pub total_span: Span,
    /// One entry per category; `None` when the file gives no figure.
    pub counts: Vec<Option<(u32, Span)>>,
    /// `sum_of`: the rows (indexes, same group) whose figures this row adds up.
    pub sum_of: Vec<usize>,
}

/// One published number: a count with its share of its denominator, or why there is none.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell {
    /// A count that passed disclosure control. `ratio` is count / denominator (0.0–1.0), absent
    /// when the denominator is hidden, missing or zero.
    Count { count: u64, ratio: Option<f64> },
    /// Hidden by disclosure control.
    Suppressed,
    /// The source gives no figure.
    Missing,
}

/// A column of a published table.
#[derive(Debug, Clone, PartialEq)]
pub struct PublishedCategory {
    pub(super) label: String,
    pub(super) of: Option<usize>,
}

impl PublishedCategory {
    /// Fluent message id of the column header.
    pub fn label(&self) -> &str {
        &self.label
    }
    /// The column whose count is the denominator of this one's percentages (else the total).
    pub fn of(&self) -> Option<usize> {
        self.of
    }
}

/// A published line: a row of the file, or the total line of a group.
#[derive(Debug, Clone, PartialEq)]
pub struct PublishedRow {
    pub(super) label: String,
    pub(super) is_total: bool,
    pub(super) total: Cell,
    pub(super) cells: Vec<Cell>,
}

impl PublishedRow {
    /// Fluent message id of the row header (`stats-total-row` for a total line).
    pub fn label(&self) -> &str {
        &self.label
    }
    /// True for the column-total line of a group.
    pub fn is_total(&self) -> bool {
        self.is_total
    }
    /// The row's total (its denominator).
    pub fn total(&self) -> Cell {
        self.total
    }
    /// One cell per category, in the order of [`Published::categories`].
    pub fn cells(&self) -> &[Cell] {
        &self.cells
    }
}

/// A group of rows (a `[[group]]`, or the whole table when the file has none).
#[derive(Debug, Clone, PartialEq)]
pub struct PublishedGroup {
    pub(super) label: Option<String>,
    pub(super) rows: Vec<PublishedRow>,
}

impl PublishedGroup {
    /// Fluent message id of the group heading, if the dataset has groups.
    pub fn label(&self) -> Option<&str> {
        self.label.as_deref()
    }
    /// The rows, followed by the total line when the dataset publishes column totals.
    pub fn rows(&self) -> &[PublishedRow] {
        &self.rows
    }
}

/// A dataset after disclosure control: only numbers that may be published are reachable.
#[derive(Debug, Clone, PartialEq)]
pub struct Published {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) description: Option<String>,
    pub(super) source: String,
    pub(super) reference_date: String,
    pub(super) row_label: String,
    pub(super) total_label: String,
    pub(super) group_label: Option<String>,
    pub(super) min_count: u32,
    pub(super) categories: Vec<PublishedCategory>,
    pub(super) groups: Vec<PublishedGroup>,
}

impl Published {
    pub fn id(&self) -> &str {
        &self.id
    }
    /// Fluent message id of the title.
    pub fn title(&self) -> &str {
        &self.title
    }
    /// Fluent message id of the chart description, if the file gives one.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }
    /// Fluent message id naming the source.
    pub fn source(&self) -> &str {
        &self.source
    }
    /// The reference date, `YYYY-MM-DD`.
    pub fn reference_date(&self) -> &str {
        &self.reference_date
    }
    /// Fluent message id of the header over the row labels (e.g. "Country").
    pub fn row_label(&self) -> &str {
        &self.row_label
    }
    /// Fluent message id of the header over the totals (e.g. "Women in the project").
    pub fn total_label(&self) -> &str {
        &self.total_label
    }
    /// Fluent message id of the header over group names (CSV), when the dataset has groups.
    pub fn group_label(&self) -> Option<&str> {
        self.group_label.as_deref()
    }
    /// The `[stats] min_count` the dataset was suppressed with (the N of "fewer than N").
    pub fn min_count(&self) -> u32 {
        self.min_count
    }
    pub fn categories(&self) -> &[PublishedCategory] {
        &self.categories
    }
    pub fn groups(&self) -> &[PublishedGroup] {
        &self.groups
    }
    /// True when at least one cell is hidden (so the footnote is needed).
    pub fn has_suppressed(&self) -> bool {
        self.groups
            .iter()
            .flat_map(|g| &g.rows)
            .any(|r| r.total == Cell::Suppressed || r.cells.contains(&Cell::Suppressed))
    }
    /// Every Fluent message id this dataset's labels use (for translation coverage checks).
    pub fn message_ids(&self) -> Vec<&str> {
        let mut ids = vec![
            self.title.as_str(),
            &self.source,
            &self.row_label,
            &self.total_label,
        ];
        ids.extend(self.description.as_deref());
        ids.extend(self.group_label.as_deref());
        ids.extend(self.categories.iter().map(|c| c.label.as_str()));
        for group in &self.groups {
            ids.extend(group.label.as_deref());
            ids.extend(group.rows.iter().map(|r| r.label.as_str()));
        }
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}
