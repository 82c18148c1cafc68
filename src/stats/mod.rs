//! Statistics: aggregated outcome figures from `content/stats/*.toml`, with disclosure control.
//!
//! In: the text of every statistics file and `[stats]` from `ponte.toml`. Out: [`Datasets`], the
//! published (already suppressed) tables, and every problem found, errors and warnings, each
//! with file:line:col. Then, per language: HTML (an accessible table and/or an SVG bar chart, no
//! JavaScript, no inline styles) and CSV for each published table.
//!
//! Stages inside: `raw` (TOML → raw structs; `refuse` rejects personal data) → `parse` and
//! `table` (raw → validated [`model::Dataset`]) → `check` (across files) → `suppress` (with
//! `recover`, disclosure control) → `publish` (→ [`Published`] and the warnings) → `render`.
//! Nothing outside this module ever sees an unsuppressed number.

mod check;
mod model;
mod parse;
mod publish;
mod raw;
mod recover;
mod refuse;
mod render;
mod suppress;
mod table;

#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};

pub use model::{Cell, Published, PublishedCategory, PublishedGroup, PublishedRow};
pub use render::{render_csv, render_html, Localizer, View, RENDER_MESSAGES};

use crate::diagnostic::Diagnostic;

pub use crate::config::StatsConfig;
pub use crate::load::SourceFile;

/// Every published dataset, by id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Datasets {
    by_id: BTreeMap<String, Published>,
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

    // A figure hidden in one dataset is hidden in every dataset that shares it; repeat until
    // no dataset hides a shared figure the others still show.
    let mut shared: BTreeMap<suppress::Key, usize> = BTreeMap::new();
    for key in accepted.iter().flat_map(|ds| suppress::keys(ds)) {
        *shared.entry(key).or_default() += 1;
    }
    let mut forced = BTreeSet::new();
    let tables = loop {
        let tables: Vec<_> = accepted
            .iter()
            .map(|ds| suppress::suppress(ds, config.min_count, &forced, &shared))
            .collect();
        let hidden: BTreeSet<suppress::Key> = tables
            .iter()
            .flat_map(|t| t.hidden_keys().cloned())
            .collect();
        if hidden.is_subset(&forced) {
            break tables;
        }
        forced.extend(hidden);
    };

    let mut datasets = Datasets::default();
    for table in &tables {
        diags.extend(table.warnings());
        let published = table.publish();
        datasets.by_id.insert(published.id().to_string(), published);
    }
    (datasets, diags)
}
