//! Disclosure control: which cells of a dataset may be published.
//!
//! In: a validated [`Dataset`], `min_count`, and the figures (population, row) already hidden in
//! other datasets. Out: a [`Suppressed`] table that yields the [`Published`] dataset and one
//! warning per hidden cell (which cell and why, never its value). The rules, in order:
//! 1. primary: a count (or total) in 1..min_count-1 is hidden;
//! 2. complement: when a count and a published total containing it (row total, its `of`
//!    category, column total) differ by 1..min_count-1, the count is hidden, or the total if
//!    the count is a figure shared with more datasets than the total (so that one small
//!    difference does not hide a cohort size everywhere); a count next to a hidden small total is
//!    hidden too;
//! 3. linked: a figure hidden in one dataset is hidden in every dataset sharing its population;
//! 4. secondary: while a published sum (an exhaustive row, a column total) has exactly one
//!    hidden member, or any hidden cell can be solved from the published sums, hide one more:
//!    the smallest non-zero published member of such a sum.
//!
//! `publish` then turns the result into the [`super::Published`] dataset and the warnings.

use std::collections::{BTreeMap, BTreeSet};

use super::model::Dataset;
use super::recover;

/// A figure shared between datasets: (population, row id).
pub(super) type Key = (String, String);

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Reason {
    Small,
    /// Published next to this other cell, it would reveal a small difference.
    Complement(usize),
    Linked(Key),
    Secondary,
}

/// A published sum: the parts add up to the total.
struct Relation {
    total: usize,
    parts: Vec<usize>,
}

/// A dataset laid out as lines (its rows, then one total line per group when column totals are
/// published) of `width` cells: the line's total, then one cell per category.
pub(super) struct Suppressed<'a> {
    pub ds: &'a Dataset,
    pub width: usize,
    pub values: Vec<Option<u64>>,
    keys: Vec<Option<Key>>,
    pub hidden: Vec<Option<Reason>>,
    pub min_count: u32,
}

/// Applies every rule to `ds`; `forced` are figures hidden in other datasets, `shared` counts
/// in how many places each shared figure appears.
pub(super) fn suppress<'a>(
    ds: &'a Dataset,
    min_count: u32,
    forced: &BTreeSet<Key>,
    shared: &BTreeMap<Key, usize>,
) -> Suppressed<'a> {
    let width = ds.categories.len() + 1;
    let rows = ds.rows.len();
    let lines = rows
        + if ds.column_totals.is_some() {
            ds.groups.len()
        } else {
            0
        };
    let mut values = vec![None; lines * width];
    let mut keys = vec![None; lines * width];
    for (i, row) in ds.rows.iter().enumerate() {
        values[i * width] = Some(u64::from(row.total));
        keys[i * width] = row_key(ds, i);
        for (c, count) in row.counts.iter().enumerate() {
            values[i * width + 1 + c] = count.as_ref().map(|(n, _)| u64::from(*n));
            keys[i * width + 1 + c] = count.as_ref().and_then(|_| count_key(ds, i, c));
        }
    }
    let mut relations = Vec::new();
    let mut containments = Vec::new();
    if ds.column_totals.is_some() {
        for g in 0..ds.groups.len() {
            let members: Vec<usize> = (0..rows).filter(|&i| ds.rows[i].group == g).collect();
            for slot in 0..width {
                let total = (rows + g) * width + slot;
                let parts: Vec<usize> = members.iter().map(|i| i * width + slot).collect();
                let sum = parts.iter().map(|&p| values[p]).sum::<Option<u64>>();
                values[total] = sum;
                if sum.is_some() {
                    containments.extend(parts.iter().map(|&p| (p, total, false)));
                    relations.push(Relation { total, parts });
                }
            }
        }
    }
    for line in 0..lines {
        let total = line * width;
        for (c, category) in ds.categories.iter().enumerate() {
            let cell = total + 1 + c;
            if values[cell].is_none() {
                continue;
            }
            containments.push((cell, total, false));
            if let Some(p) = category.of.filter(|p| values[total + 1 + p].is_some()) {
                // A subgroup of another column (`of`): when the two are too close, the
                // subgroup is hidden, never the larger figure it is part of.
                containments.push((cell, total + 1 + p, true));
            }
        }
        if ds.exhaustive && (1..width).all(|s| values[total + s].is_some()) {
            relations.push(Relation {
                total,
                parts: (1..width).map(|s| total + s).collect(),
            });
        }
    }

    let mut table = Suppressed {
        ds,
        width,
        values,
        keys,
        hidden: vec![None; lines * width],
        min_count,
    };
    let small = |v: u64| v >= 1 && v < u64::from(min_count);
    for cell in 0..table.values.len() {
        if table.values[cell].is_some_and(small) {
            table.hidden[cell] = Some(Reason::Small);
        }
    }
    let cost = |keys: &[Option<Key>], cell: usize| {
        keys[cell]
            .as_ref()
            .and_then(|k| shared.get(k))
            .copied()
            .unwrap_or(1)
    };
    for &(part, whole, subgroup) in &containments {
        let (Some(p), Some(w)) = (table.values[part], table.values[whole]) else {
            continue;
        };
        if !small(w.saturating_sub(p)) || table.hidden[part].is_some() {
            continue;
        }
        match table.hidden[whole] {
            Some(Reason::Small) => table.hidden[part] = Some(Reason::Complement(whole)),
            Some(_) => {}
            None if !subgroup && cost(&table.keys, part) > cost(&table.keys, whole) => {
                table.hidden[whole] = Some(Reason::Complement(part));
            }
            None => table.hidden[part] = Some(Reason::Complement(whole)),
        }
    }
    for cell in 0..table.values.len() {
        if let Some(key) = table.keys[cell].as_ref().filter(|k| forced.contains(*k)) {
            if table.hidden[cell].is_none() {
                table.hidden[cell] = Some(Reason::Linked(key.clone()));
            }
        }
    }
    table.secondary(&relations);
    table
}

/// The shared figure a row's total is, if its group has a population.
fn row_key(ds: &Dataset, row: usize) -> Option<Key> {
    let row = &ds.rows[row];
    ds.groups[row.group]
        .population
        .clone()
        .map(|p| (p, row.id.clone()))
}

/// The shared figure a count is, if its category has a population.
fn count_key(ds: &Dataset, row: usize, category: usize) -> Option<Key> {
    ds.categories[category]
        .population
        .clone()
        .map(|p| (p, ds.rows[row].id.clone()))
}

/// Every shared figure `ds` publishes, once per cell.
pub(super) fn keys(ds: &Dataset) -> Vec<Key> {
    let mut keys = Vec::new();
    for (i, row) in ds.rows.iter().enumerate() {
        keys.extend(row_key(ds, i));
        for (c, count) in row.counts.iter().enumerate() {
            keys.extend(count.as_ref().and_then(|_| count_key(ds, i, c)));
        }
    }
    keys
}

impl Suppressed<'_> {
    pub(super) fn is_hidden(&self, cell: usize) -> bool {
        self.hidden[cell].is_some()
    }

    /// Hides more cells until no hidden cell can be worked out from the published sums.
    fn secondary(&mut self, relations: &[Relation]) {
        loop {
            let lone = relations.iter().find(|r| {
                let members = r.parts.iter().chain([&r.total]);
                members.filter(|&&m| self.is_hidden(m)).count() == 1
            });
            if let Some(relation) = lone {
                let Some(cell) = self.candidate(std::slice::from_ref(relation)) else {
                    return;
                };
                self.hidden[cell] = Some(Reason::Secondary);
                continue;
            }
            let unknowns: Vec<usize> = (0..self.values.len())
                .filter(|&c| self.is_hidden(c))
                .collect();
            let equations: Vec<recover::Equation> = relations
                .iter()
                .map(|r| {
                    let parts = r.parts.iter().map(|p| (*p, 1));
                    parts
                        .chain([(r.total, -1)])
                        .filter_map(|(cell, sign)| {
                            unknowns.iter().position(|&u| u == cell).map(|u| (u, sign))
                        })
                        .collect()
                })
                .collect();
            let fixed = recover::determined(unknowns.len(), &equations);
            let Some(exposed) = unknowns
                .iter()
                .zip(&fixed)
                .find(|(_, f)| **f)
                .map(|(u, _)| *u)
            else {
                return;
            };
            let around: Vec<&Relation> = relations
                .iter()
                .filter(|r| r.total == exposed || r.parts.contains(&exposed))
                .collect();
            let owned: Vec<Relation> = around
                .iter()
                .map(|r| Relation {
                    total: r.total,
                    parts: r.parts.clone(),
                })
                .collect();
            match self.candidate(&owned).or_else(|| self.candidate(relations)) {
                Some(cell) => self.hidden[cell] = Some(Reason::Secondary),
                None => return,
            }
        }
    }

    /// The published member to hide next: the smallest non-zero part, else a zero part, else the
    /// total. Ties go to the first cell, so the result is deterministic.
    fn candidate(&self, relations: &[Relation]) -> Option<usize> {
        let shown = |c: &usize| !self.is_hidden(*c);
        let parts: Vec<usize> = relations
            .iter()
            .flat_map(|r| r.parts.iter().copied())
            .filter(shown)
            .collect();
        let value = |c: usize| self.values[c].unwrap_or(0);
        parts
            .iter()
            .copied()
            .filter(|&c| value(c) > 0)
            .min_by_key(|&c| (value(c), c))
            .or_else(|| parts.iter().copied().min())
            .or_else(|| relations.iter().map(|r| r.total).filter(shown).min())
    }

    /// The figures hidden here that other datasets share.
    pub fn hidden_keys(&self) -> impl Iterator<Item = &Key> + '_ {
        (0..self.values.len())
            .filter(|&c| self.is_hidden(c))
            .filter_map(|c| self.keys[c].as_ref())
    }
}
