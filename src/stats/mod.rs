//! Statistics: aggregated outcome figures from `content/stats/*.toml`, with disclosure control.
//!
//! In: the text of every statistics file and `[stats]` from `ponte.toml`. Out: [`Datasets`], the
//! published (already suppressed) tables, and every problem found, errors and warnings, each
//! with file:line:col. Then, per language: HTML (an accessible table and/or an SVG bar chart, no
//! JavaScript, no inline styles) and CSV for each published table.
//!
//! Stages inside: `raw` (TOML → raw structs, spans through `source`; `refuse` rejects personal data) → `parse` and
//! `table` (raw → validated [`model::Dataset`]) → `check` (across files) → `suppress` (with
//! `protect`, disclosure control over all linked datasets together) → `publish` (→ [`Published`] and the warnings) → `render`.
//! Nothing outside this module ever sees an unsuppressed number.

mod check;
mod lint;
mod model;
mod parse;
mod protect;
mod publish;
mod raw;
mod refuse;
mod render;
mod source;
mod suppress;
mod table;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

pub use lint::{lint, PageText};
pub use model::{Cell, Published, PublishedCategory, PublishedGroup, PublishedRow};
pub use render::{render_csv, render_html, Localizer, View, RENDER_MESSAGES};

use crate::diagnostic::Diagnostic;

pub use crate::config::StatsConfig;
pub use crate::load::SourceFile;

/// Every published dataset, by id.
#[derive(Clone, Default, PartialEq)]
pub struct Datasets {
    by_id: BTreeMap<String, Published>,
    /// What each dataset hides, for the prose lint only; never leaves this module.
    secrets: BTreeMap<String, Vec<Secret>>,
}

/// A hidden cell as the prose lint needs it: its value, and its share of its denominator.
#[derive(Clone, Copy, PartialEq)]
struct Secret {
    value: u64,
    share: Option<f64>,
    /// The size of a group: a row total, or a column that counts a `population`.
    group: bool,
}

impl std::fmt::Debug for Datasets {
    /// The published tables only: what they hide is never printed.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Datasets")
            .field("by_id", &self.by_id)
            .finish_non_exhaustive()
    }
}

impl Datasets {
    pub fn get(&self, id: &str) -> Option<&Published> {
        self.by_id.get(id)
    }
    /// Dataset ids in sorted order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.by_id.keys().map(String::as_str)
    }
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }
    pub fn iter(&self) -> impl Iterator<Item = &Published> {
        self.by_id.values()
    }
}

/// Parse, validate and apply disclosure control to every dataset.
///
/// Returns the published datasets (those without errors) and every problem found: errors, and
/// one warning per suppressed cell saying which cell, where and why, never its value.
pub fn load(files: &[SourceFile], config: &StatsConfig) -> (Datasets, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let parsed: Vec<model::Dataset> = files
        .iter()
        .filter_map(|f| parse::parse(f, &mut diags))
        .collect();
    let rejected = check::across(&parsed, &mut diags);
    let accepted: Vec<&model::Dataset> = parsed
        .iter()
        .enumerate()
        .filter(|(i, _)| !rejected.contains(i))
        .map(|(_, ds)| ds)
        .collect();

    let protection = config.protection.unwrap_or(config.min_count);
    let (tables, problems) = suppress::suppress(&accepted, config.min_count, protection);
    diags.extend(problems);

    let mut datasets = Datasets::default();
    for table in &tables {
        diags.extend(table.warnings());
        let published = table.publish();
        datasets
            .secrets
            .insert(published.id().to_string(), table.secrets());
        datasets.by_id.insert(published.id().to_string(), published);
    }
    (datasets, diags)
}
