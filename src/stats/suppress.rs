//! Disclosure control: which cells of the datasets may be published, all datasets together.
//!
//! In: every validated [`Dataset`], `min_count` and the protection width. Out: one
//! [`Suppressed`] table per dataset, which yields the [`super::Published`] dataset and one
//! note per hidden cell (which cell and why, never its value), plus a warning for each figure
//! that could not be protected. The rules, in order:
//! 1. linked: every figure is one variable however many tables show it (same `population` and
//!    row id), so a figure hidden in one table is hidden in all of them;
//! 2. primary: a count (or total) in 1..min_count-1 is hidden;
//! 3. complement: when a count and a published total containing it (row total, its `of`
//!    category, a total line) differ by 1..min_count-1, the count is hidden, or the total if
//!    the count is shown in more places than the total (so that one small difference does not
//!    hide a cohort size everywhere); a count next to a hidden small total is hidden too;
//! 4. protection interval (`protect`): while an attacker with an integer program over
//!    everything published could narrow a hidden figure, or a small difference, to a range
//!    narrower than the protection width, hide one more figure, the least informative first.
//!
//! Datasets with `sensitive = false` take no part: every figure of theirs is published.

use std::collections::BTreeMap;

use super::model::Dataset;
use super::protect::{Model, Quantity, Relation};
use crate::diagnostic::{Diagnostic, Span};

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

/// Why a figure (a variable of the joint model) is hidden.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Why {
    Small,
    /// Next to this cell of this dataset.
    Complement {
        ds: usize,
        cell: usize,
    },
    Secondary,
}

/// A dataset laid out as lines (its rows, then one total line per group when column totals are
/// published) of `width` cells: the line's total, then one cell per category.
pub(super) struct Suppressed<'a> {
    pub ds: &'a Dataset,
    pub width: usize,
    pub values: Vec<Option<u64>>,
    pub hidden: Vec<Option<Reason>>,
    pub min_count: u32,
    pub protection: u32,
}

/// One dataset's cells and what its layout states about them.
struct Layout {
    values: Vec<Option<u64>>,
    keys: Vec<Option<Key>>,
    /// (total cell, part cells): the parts add up to the total.
    sums: Vec<(usize, Vec<usize>)>,
    /// (part, whole, whole is an `of` category): part ≤ whole.
    containments: Vec<(usize, usize, bool)>,
}

fn layout(ds: &Dataset) -> Layout {
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
    let mut sums = Vec::new();
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
                    sums.push((total, parts));
                }
            }
        }
    }
    for (i, row) in ds
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.sum_of.is_empty())
    {
        for slot in 0..width {
            let parts: Vec<usize> = row.sum_of.iter().map(|j| j * width + slot).collect();
            if values[i * width + slot].is_some() && parts.iter().all(|&p| values[p].is_some()) {
                containments.extend(parts.iter().map(|&p| (p, i * width + slot, false)));
                sums.push((i * width + slot, parts));
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
            sums.push((total, (1..width).map(|s| total + s).collect()));
        }
    }
    Layout {
        values,
        keys,
        sums,
        containments,
    }
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

/// Applies every rule to all datasets together. `protection` is the width every hidden figure's
/// interval must keep. Also returns a warning per quantity that could not be protected.
pub(super) fn suppress<'a>(
    datasets: &[&'a Dataset],
    min_count: u32,
    protection: u32,
) -> (Vec<Suppressed<'a>>, Vec<Diagnostic>) {
    let layouts: Vec<Layout> = datasets.iter().map(|ds| layout(ds)).collect();
    // Every cell of a sensitive dataset is a figure of the model; shared keys are one figure.
    let mut model = Model::default();
    let mut by_key: BTreeMap<Key, usize> = BTreeMap::new();
    let mut figure: Vec<Vec<Option<usize>>> = Vec::new();
    for (ds, layout) in datasets.iter().zip(&layouts) {
        let mut cells = vec![None; layout.values.len()];
        for (cell, value) in layout.values.iter().enumerate() {
            let Some(value) = value.filter(|_| ds.sensitive) else {
                continue;
            };
            let f = match &layout.keys[cell] {
                Some(key) => *by_key.entry(key.clone()).or_insert_with(|| {
                    model.values.push(value as i64);
                    model.uses.push(0);
                    model.values.len() - 1
                }),
                None => {
                    model.values.push(value as i64);
                    model.uses.push(0);
                    model.values.len() - 1
                }
            };
            model.uses[f] += 1;
            cells[cell] = Some(f);
        }
        figure.push(cells);
    }
    let mut containments = Vec::new();
    for (d, layout) in layouts.iter().enumerate() {
        let at = |cell: usize| figure[d][cell];
        for (total, parts) in &layout.sums {
            let mut terms: Vec<(usize, i64)> = parts
                .iter()
                .filter_map(|&p| at(p))
                .map(|f| (f, 1))
                .collect();
            let Some(t) = at(*total) else { continue };
            terms.push((t, -1));
            model.relations.push(Relation { terms, equal: true });
        }
        for &(part, whole, subgroup) in &layout.containments {
            let (Some(p), Some(w)) = (at(part), at(whole)) else {
                continue;
            };
            if p != w {
                model.relations.push(Relation {
                    terms: vec![(p, 1), (w, -1)],
                    equal: false,
                });
                containments.push((p, w, subgroup, d, part, whole));
            }
        }
    }

    let mut problems = hierarchies(datasets, &by_key, &mut model);
    problems.extend(look_alikes(datasets, &figure, &model));
    merge_look_alikes(datasets, &mut figure, &mut model, &mut containments);

    // Primary and complement suppression, figure by figure.
    let small = |v: i64| v >= 1 && v < i64::from(min_count);
    let mut why: Vec<Option<Why>> = model
        .values
        .iter()
        .map(|&v| small(v).then_some(Why::Small))
        .collect();
    let mut sensitive: Vec<Quantity> = Vec::new();
    for &(p, w, subgroup, d, part, whole) in &containments {
        let difference = model.values[w] - model.values[p];
        if !small(difference) {
            continue;
        }
        let quantity = vec![(w, 1), (p, -1)];
        if !sensitive.contains(&quantity) {
            sensitive.push(quantity);
        }
        if why[p].is_some() {
            continue;
        }
        match why[w] {
            Some(Why::Small) => why[p] = Some(Why::Complement { ds: d, cell: whole }),
            Some(_) => {}
            None if !subgroup && model.uses[p] > model.uses[w] => {
                why[w] = Some(Why::Complement { ds: d, cell: part });
            }
            None => why[p] = Some(Why::Complement { ds: d, cell: whole }),
        }
    }

    // Protection intervals over all linked datasets.
    let mut hidden: Vec<bool> = why.iter().map(Option::is_some).collect();
    let (added, failed) = model.protect(&mut hidden, &sensitive, protection);
    for f in added {
        why[f] = Some(Why::Secondary);
    }
    for quantity in failed {
        let (f, _) = quantity[0];
        if let Some((d, cell)) = figure
            .iter()
            .enumerate()
            .find_map(|(d, cells)| cells.iter().position(|c| *c == Some(f)).map(|c| (d, c)))
        {
            problems.push(
                Diagnostic::warning(format!(
                    "`{}`: a hidden figure near {} keeps a range narrower than {protection} whatever else is hidden",
                    datasets[d].id,
                    describe(datasets[d], cell),
                ))
                .at(Span::file(&datasets[d].file))
                .hint("publish broader categories (add small columns or rows together) in this file"),
            );
        }
    }

    let tables = datasets
        .iter()
        .zip(layouts)
        .enumerate()
        .map(|(d, (ds, layout))| {
            let hidden = (0..layout.values.len())
                .map(|cell| {
                    let f = figure[d][cell]?;
                    Some(match why[f].as_ref()? {
                        Why::Small => Reason::Small,
                        Why::Secondary => Reason::Secondary,
                        Why::Complement { ds: e, cell: other } if *e == d => {
                            Reason::Complement(*other)
                        }
                        Why::Complement { .. } => match &layout.keys[cell] {
                            Some(key) => Reason::Linked(key.clone()),
                            None => Reason::Secondary,
                        },
                    })
                })
                .collect();
            Suppressed {
                ds,
                width: ds.categories.len() + 1,
                values: layout.values,
                hidden,
                min_count,
                protection,
            }
        })
        .collect();
    (tables, problems)
}

/// The sums `[hierarchy]` declares, over the shared figures of every population its file counts:
/// `(population, parent)` = Σ `(population, child)` in whatever tables show them. With a child
/// nowhere to be found, the children shown are at most the parent. An error when they disagree.
fn hierarchies(
    datasets: &[&Dataset],
    by_key: &BTreeMap<Key, usize>,
    model: &mut Model,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut done = std::collections::BTreeSet::new();
    for ds in datasets.iter().filter(|ds| ds.sensitive) {
        let populations: std::collections::BTreeSet<&String> = ds
            .groups
            .iter()
            .filter_map(|g| g.population.as_ref())
            .chain(ds.categories.iter().filter_map(|c| c.population.as_ref()))
            .collect();
        for line in &ds.hierarchy {
            for population in &populations {
                let at = |id: &String| by_key.get(&((*population).clone(), id.clone())).copied();
                let Some(parent) = at(&line.parent) else {
                    continue;
                };
                let children: Vec<Option<usize>> = line.children.iter().map(at).collect();
                let shown: Vec<usize> = children.iter().flatten().copied().collect();
                if shown.is_empty() || !done.insert((parent, shown.clone())) {
                    continue;
                }
                let complete = shown.len() == children.len();
                let sum: i64 = shown.iter().map(|&f| model.values[f]).sum();
                let value = model.values[parent];
                if (complete && sum != value) || sum > value {
                    problems.push(
                        Diagnostic::error(format!(
                            "[hierarchy] says `{}` adds up {}, but the figures of population `{population}` do not",
                            line.parent,
                            line.children.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ")
                        ))
                        .at(line.span.clone())
                        .hint("check the rows' totals and counts in every file of this population"),
                    );
                    continue;
                }
                let mut terms: Vec<(usize, i64)> = shown.iter().map(|&f| (f, 1)).collect();
                terms.push((parent, -1));
                model.relations.push(Relation {
                    terms,
                    equal: complete,
                });
            }
        }
    }
    problems
}

/// Rows that look like the same people (same label, same total) are one figure for protection,
/// whether or not the files link them: a reader would take them to be the same women.
fn merge_look_alikes(
    datasets: &[&Dataset],
    figure: &mut [Vec<Option<usize>>],
    model: &mut Model,
    containments: &mut Vec<(usize, usize, bool, usize, usize, usize)>,
) {
    let mut canon: Vec<usize> = (0..model.values.len()).collect();
    let mut first: BTreeMap<(&str, u32), (usize, usize)> = BTreeMap::new();
    for (d, ds) in datasets.iter().enumerate() {
        let width = ds.categories.len() + 1;
        for (i, row) in ds.rows.iter().enumerate() {
            let Some(f) = figure[d][i * width] else {
                continue;
            };
            let (e, to) = *first
                .entry((row.label.as_str(), row.total))
                .or_insert((d, f));
            if e != d && canon[f] == f && to != f {
                canon[f] = to;
            }
        }
    }
    if canon.iter().enumerate().all(|(f, c)| f == *c) {
        return;
    }
    for cells in figure.iter_mut() {
        for f in cells.iter_mut().flatten() {
            *f = canon[*f];
        }
    }
    for (f, &c) in canon.iter().enumerate() {
        if c != f {
            model.uses[c] += model.uses[f];
            model.uses[f] = 0;
        }
    }
    model.relations.retain_mut(|relation| {
        let mut terms: BTreeMap<usize, i64> = BTreeMap::new();
        for &(f, c) in &relation.terms {
            *terms.entry(canon[f]).or_default() += c;
        }
        relation.terms = terms.into_iter().filter(|(_, c)| *c != 0).collect();
        !relation.terms.is_empty()
    });
    containments.retain_mut(|(p, w, ..)| {
        *p = canon[*p];
        *w = canon[*w];
        p != w
    });
}

/// A warning for each two rows of different files that look like the same people (same label,
/// same total) but are not linked by any relation, so hiding a figure in one would not hide it in the other.
fn look_alikes(
    datasets: &[&Dataset],
    figure: &[Vec<Option<usize>>],
    model: &Model,
) -> Vec<Diagnostic> {
    let mut root: Vec<usize> = (0..model.values.len()).collect();
    fn find(root: &mut [usize], mut i: usize) -> usize {
        while root[i] != i {
            root[i] = root[root[i]];
            i = root[i];
        }
        i
    }
    for relation in &model.relations {
        for pair in relation.terms.windows(2) {
            let (a, b) = (find(&mut root, pair[0].0), find(&mut root, pair[1].0));
            root[a] = b;
        }
    }
    let mut first: BTreeMap<(&str, u32), (usize, usize)> = BTreeMap::new();
    let mut out = Vec::new();
    for (d, ds) in datasets.iter().enumerate() {
        let width = ds.categories.len() + 1;
        for (i, row) in ds.rows.iter().enumerate() {
            let Some(f) = figure[d][i * width] else {
                continue;
            };
            match first.get(&(row.label.as_str(), row.total)) {
                None => {
                    first.insert((row.label.as_str(), row.total), (d, i));
                }
                Some(&(e, _)) if e == d => {}
                Some(&(e, j)) => {
                    let other = figure[e][j * (datasets[e].categories.len() + 1)];
                    let linked = other.is_some_and(|g| find(&mut root, g) == find(&mut root, f));
                    if !linked {
                        let there = &datasets[e].rows[j].total_span;
                        out.push(
                            Diagnostic::warning(format!(
                                "row `{}` of `{}` looks like row `{}` of `{}` ({}:{}:{}): same label, same total, but not linked",
                                row.id,
                                ds.id,
                                datasets[e].rows[j].id,
                                datasets[e].id,
                                there.file.display(),
                                there.line,
                                there.col
                            ))
                            .at(Span { line_text: String::new(), ..row.total_span.clone() })
                            .hint("if they count the same people, give both the same `population` and row id (or declare `sum_of`) so they are protected together; otherwise use different labels"),
                        );
                    }
                }
            }
        }
    }
    out
}

/// A cell in words, e.g. "the total of row `italy`" (for warnings; never its value).
pub(super) fn describe(ds: &Dataset, cell: usize) -> String {
    let width = ds.categories.len() + 1;
    let (line, slot) = (cell / width, cell % width);
    let column = |s: usize| format!("`{}`", ds.categories[s - 1].id);
    match (ds.rows.get(line), slot) {
        (Some(row), 0) => format!("the total of row `{}`", row.id),
        (Some(row), s) => format!("{} of row `{}`", column(s), row.id),
        (None, 0) => "the grand total".to_string(),
        (None, s) => format!("the column total of {}", column(s)),
    }
}

impl Suppressed<'_> {
    pub(super) fn is_hidden(&self, cell: usize) -> bool {
        self.hidden[cell].is_some()
    }
}
