//! An independent check of secondary suppression: exhaustive search over whole numbers.
//!
//! In: a published table (as strings, `x` = hidden) and the true figures. It tries every
//! non-negative whole-number value for the hidden cells that agrees with every published sum
//! (rows add up to their totals, rows add up to the column totals) and asserts that each hidden
//! cell can take at least two values, i.e. that nobody can work it out.

use std::collections::BTreeSet;

/// Searches every assignment of the hidden cells of an exhaustive table (rows, then the total
/// line when present) consistent with the published sums, and asserts each hidden cell can take
/// two values. Returns 1 when the table had hidden cells.
pub(super) fn brute_force_check(
    lines: &[Vec<String>],
    data: &[(u32, Vec<u32>)],
    column_totals: bool,
) -> usize {
    let width = lines[0].len();
    let mut truth: Vec<u64> = Vec::new();
    for (t, c) in data {
        truth.push(u64::from(*t));
        truth.extend(c.iter().map(|&v| u64::from(v)));
    }
    if column_totals {
        for s in 0..width {
            truth.push((0..data.len()).map(|r| truth[r * width + s]).sum());
        }
    }
    // Relations: (total cell, part cells).
    let mut relations: Vec<(usize, Vec<usize>)> = (0..lines.len())
        .map(|l| (l * width, (1..width).map(|s| l * width + s).collect()))
        .collect();
    if column_totals {
        for s in 0..width {
            relations.push((
                data.len() * width + s,
                (0..data.len()).map(|r| r * width + s).collect(),
            ));
        }
    }
    let hidden: Vec<usize> = lines
        .iter()
        .flatten()
        .enumerate()
        .filter(|(_, v)| *v == "x")
        .map(|(i, _)| i)
        .collect();
    if hidden.is_empty() {
        return 0;
    }
    let bound = truth.iter().copied().max().unwrap_or(0);
    let mut values: Vec<Option<u64>> = truth.iter().map(|&v| Some(v)).collect();
    for &cell in &hidden {
        values[cell] = None;
    }
    let mut seen: Vec<BTreeSet<u64>> = vec![Default::default(); hidden.len()];
    search(&hidden, 0, &mut values, &relations, bound, &mut seen);
    for (k, &cell) in hidden.iter().enumerate() {
        assert!(
            seen[k].len() >= 2,
            "hidden cell {cell} is recoverable in {lines:?} (truth {truth:?})"
        );
    }
    1
}

fn search(
    hidden: &[usize],
    k: usize,
    values: &mut Vec<Option<u64>>,
    relations: &[(usize, Vec<usize>)],
    bound: u64,
    seen: &mut [BTreeSet<u64>],
) {
    let violated = relations.iter().any(|(total, parts)| {
        let assigned: u64 = parts.iter().filter_map(|&p| values[p]).sum();
        match values[*total] {
            Some(t) if parts.iter().all(|&p| values[p].is_some()) => assigned != t,
            Some(t) => assigned > t,
            None => false,
        }
    });
    if violated {
        return;
    }
    if k == hidden.len() {
        for (i, &cell) in hidden.iter().enumerate() {
            seen[i].extend(values[cell]);
        }
        return;
    }
    // Enough to know two values per cell: stop exploring once every cell has two.
    if seen.iter().all(|s| s.len() >= 2) {
        return;
    }
    for v in 0..=bound {
        values[hidden[k]] = Some(v);
        search(hidden, k + 1, values, relations, bound, seen);
    }
    values[hidden[k]] = None;
}
