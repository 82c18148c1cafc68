//! Protection intervals: how far an attacker can narrow each hidden figure, and which more
//! figures to hide until nobody can narrow any of them below the required width.
//!
//! In: a [`Model`] of every figure of every linked dataset (its true value, and the linear
//! relations the published tables state: sums of exhaustive rows, total lines and `sum_of`
//! rows as equalities, `count ≤ total` and `count ≤ of` as inequalities), which figures are
//! hidden, and the width required. Out: the figures hidden in addition (secondary suppression),
//! and the sensitive quantities that could not be protected.
//!
//! The attacker's view is an integer program: every published figure is fixed to its value, every
//! hidden one is a whole number at least 0 (at least 1 when its true value is not zero: an
//! attacker may know that zeros are shown, so the defender assumes the worst), and every relation
//! holds. The range of a hidden figure is [minimum, maximum] of that program, solved with
//! `good_lp` and its pure-Rust `microlp` backend (branch and bound, so integrality counts). Only
//! the hidden figures connected to the one asked about take part, so the programs stay small.

use std::collections::BTreeSet;

use good_lp::{microlp, variable, Expression, ProblemVariables, ResolutionError, SolverModel};
use good_lp::{Solution, Variable};

/// An upper bound for every hidden figure: a range reaching it counts as unbounded.
const CAP: i64 = 1_000_000;

/// A linear relation `Σ coefficient × figure (= or ≤) 0`.
#[derive(Debug, Clone)]
pub(super) struct Relation {
    pub terms: Vec<(usize, i64)>,
    pub equal: bool,
}

/// A linear combination of figures whose range must stay wide (a hidden figure, or the
/// difference between a count and a total that would reveal a small group).
pub(super) type Quantity = Vec<(usize, i64)>;

/// For each figure, the relations it takes part in.
type RelationIndex = std::sync::Arc<Vec<Vec<usize>>>;

/// Every figure of the linked datasets and the relations between them.
#[derive(Debug, Default)]
pub(super) struct Model {
    /// The true value of each figure.
    pub values: Vec<i64>,
    /// How many published cells show each figure (hiding it costs that many).
    pub uses: Vec<usize>,
    pub relations: Vec<Relation>,
    /// For each figure, the relations it takes part in (built on first use, and again when
    /// relations were added since): finding a figure's component must not scan every relation
    /// of a large table for every cell.
    by_figure: std::sync::Mutex<Option<(usize, RelationIndex)>>,
}

/// The smallest and largest value an attacker can give a quantity; `max` is `None` when unbounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Interval {
    pub min: i64,
    pub max: Option<i64>,
}

impl Interval {
    pub fn width(&self) -> Option<i64> {
        self.max.map(|max| max - self.min)
    }
    fn wide_enough(&self, protection: u32) -> bool {
        self.width().is_none_or(|w| w >= i64::from(protection))
    }
}

impl Model {
    /// [`Model::by_figure`], up to date with `relations`.
    fn relations_of(&self) -> RelationIndex {
        let mut cache = self.by_figure.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((count, index)) = cache.as_ref() {
            if *count == self.relations.len() {
                return index.clone();
            }
        }
        let mut index: Vec<Vec<usize>> = vec![Vec::new(); self.values.len()];
        for (r, relation) in self.relations.iter().enumerate() {
            for &(v, _) in &relation.terms {
                if v >= index.len() {
                    index.resize(v + 1, Vec::new());
                }
                if index[v].last() != Some(&r) {
                    index[v].push(r);
                }
            }
        }
        let index = std::sync::Arc::new(index);
        *cache = Some((self.relations.len(), index.clone()));
        index
    }

    /// The hidden figures connected to `quantity` through relations, sorted, and the relations
    /// that involve them.
    fn component(&self, hidden: &[bool], quantity: &Quantity) -> (Vec<usize>, Vec<usize>) {
        let mut figures: BTreeSet<usize> = quantity
            .iter()
            .map(|(v, _)| *v)
            .filter(|&v| hidden[v])
            .collect();
        let mut relations = BTreeSet::new();
        let index = self.relations_of();
        let mut queue: Vec<usize> = figures.iter().copied().collect();
        while let Some(v) = queue.pop() {
            for &r in index.get(v).map(Vec::as_slice).unwrap_or(&[]) {
                if !relations.insert(r) {
                    continue;
                }
                for &(w, _) in &self.relations[r].terms {
                    if hidden[w] && figures.insert(w) {
                        queue.push(w);
                    }
                }
            }
        }
        (
            figures.into_iter().collect(),
            relations.into_iter().collect(),
        )
    }

    /// The attacker's interval for `quantity`, given which figures are hidden.
    pub fn interval(
        &self,
        hidden: &[bool],
        quantity: &Quantity,
    ) -> Result<Interval, ResolutionError> {
        let (figures, relations) = self.component(hidden, quantity);
        if figures.is_empty() {
            let value: i64 = quantity.iter().map(|&(f, c)| c * self.values[f]).sum();
            return Ok(Interval {
                min: value,
                max: Some(value),
            });
        }
        let min = self.optimise(hidden, &figures, &relations, quantity, false)?;
        let max = self.optimise(hidden, &figures, &relations, quantity, true)?;
        let limit = (CAP / 2) as f64;
        Ok(Interval {
            min: min.map_or(i64::MIN, |v| v.round() as i64),
            max: max.filter(|v| *v < limit).map(|v| v.round() as i64),
        })
    }

    /// The best value of `quantity` in one direction; `None` when unbounded.
    fn optimise(
        &self,
        hidden: &[bool],
        figures: &[usize],
        relations: &[usize],
        quantity: &Quantity,
        maximise: bool,
    ) -> Result<Option<f64>, ResolutionError> {
        let mut vars = ProblemVariables::new();
        let xs: Vec<Variable> = figures
            .iter()
            .map(|&f| {
                let low = if self.values[f] > 0 { 1 } else { 0 };
                vars.add(variable().integer().min(low as f64).max(CAP as f64))
            })
            .collect();
        let linear = |terms: &[(usize, i64)]| {
            let mut e = Expression::with_capacity(terms.len());
            for &(f, c) in terms {
                match figures.binary_search(&f) {
                    Ok(i) if hidden[f] => e.add_mul(c as f64, xs[i]),
                    _ => e += (c * self.values[f]) as f64,
                }
            }
            e
        };
        let objective = linear(quantity);
        let unsolved = if maximise {
            vars.maximise(objective.clone())
        } else {
            vars.minimise(objective.clone())
        };
        let mut problem = unsolved.using(microlp);
        for &r in relations {
            let relation = &self.relations[r];
            let e = linear(&relation.terms);
            problem = problem.with(if relation.equal {
                e.eq(0.0)
            } else {
                e.leq(0.0)
            });
        }
        match problem.solve() {
            Ok(solution) => Ok(Some(solution.eval(&objective))),
            Err(ResolutionError::Unbounded) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Hides more figures (marking them in `hidden`) until every hidden figure and every
    /// quantity in `sensitive` has an interval at least `protection` wide. Returns the figures it
    /// hid, in order, and the quantities it could not protect (with nothing left to hide).
    pub fn protect(
        &self,
        hidden: &mut [bool],
        sensitive: &[Quantity],
        protection: u32,
    ) -> (Vec<usize>, Vec<Quantity>) {
        let mut added = Vec::new();
        let mut failed: Vec<Quantity> = Vec::new();
        // The component each quantity was last found safe in: unchanged means still safe.
        let mut safe: std::collections::BTreeMap<Quantity, Vec<usize>> = Default::default();
        loop {
            let mut quantities: Vec<Quantity> = sensitive.to_vec();
            quantities.extend(
                (0..hidden.len())
                    .filter(|&f| hidden[f])
                    .map(|f| vec![(f, 1)]),
            );
            let mut narrow = None;
            for q in quantities {
                if failed.contains(&q) {
                    continue;
                }
                let (figures, _) = self.component(hidden, &q);
                if safe.get(&q) == Some(&figures) {
                    continue;
                }
                match self.interval(hidden, &q) {
                    Ok(interval) if interval.wide_enough(protection) => {
                        safe.insert(q, figures);
                    }
                    Ok(interval) => {
                        narrow = Some((q, interval.width().unwrap_or(0)));
                        break;
                    }
                    // A program the solver could not finish: hide more, to be safe.
                    Err(_) => {
                        narrow = Some((q, 0));
                        break;
                    }
                }
            }
            let Some((quantity, width)) = narrow else {
                return (added, failed);
            };
            match self.next_to_hide(hidden, &quantity, protection, width) {
                Some(f) => {
                    hidden[f] = true;
                    added.push(f);
                }
                None => failed.push(quantity),
            }
        }
    }

    /// The published figure to hide next for `quantity`: one in a relation with it or with the
    /// hidden figures it is connected to, the least informative first (shown in the fewest
    /// places, then large enough to give the missing width, then the smallest). Each candidate
    /// is tried, in tiers of equal places: in the first tier where one widens the interval, the
    /// first that gives the full width, else the one that widens it most; when none widens it,
    /// the first (so that the search always moves on).
    fn next_to_hide(
        &self,
        hidden: &mut [bool],
        quantity: &Quantity,
        protection: u32,
        width: i64,
    ) -> Option<usize> {
        let (mut figures, _) = self.component(hidden, quantity);
        figures.extend(quantity.iter().map(|(v, _)| *v));
        let mut candidates: Vec<usize> = Vec::new();
        let index = self.relations_of();
        let mut touching: BTreeSet<usize> = BTreeSet::new();
        for &v in &figures {
            touching.extend(index.get(v).map(Vec::as_slice).unwrap_or(&[]));
        }
        for r in touching {
            for &(v, _) in &self.relations[r].terms {
                if !hidden[v] && !candidates.contains(&v) {
                    candidates.push(v);
                }
            }
        }
        let need = i64::from(protection) - width;
        candidates.sort_by_key(|&c| (self.uses[c], self.values[c] < need, self.values[c], c));
        // Tier by tier (by places shown, cheapest first): the first figure that gives the full
        // width, else the one that widens the interval most; when no single figure of the tier
        // widens it but the whole tier together does, the tier's first (the next rounds take
        // the others as needed).
        let mut tiers: Vec<&[usize]> = candidates
            .chunk_by(|a, b| self.uses[*a] == self.uses[*b])
            .collect();
        if tiers.is_empty() {
            return None;
        }
        let width_with = |hidden: &mut [bool], extra: &[usize]| {
            for &c in extra {
                hidden[c] = true;
            }
            let widened = self.interval(hidden, quantity);
            for &c in extra {
                hidden[c] = false;
            }
            widened.ok().map(|i| i.width().unwrap_or(i64::MAX))
        };
        let fallback = candidates[0];
        for tier in tiers.drain(..) {
            let mut best: Option<(i64, usize)> = None;
            for &c in tier {
                let Some(w) = width_with(hidden, &[c]) else {
                    continue;
                };
                if w >= i64::from(protection) {
                    return Some(c);
                }
                if w > width && best.is_none_or(|(b, _)| w > b) {
                    best = Some((w, c));
                }
            }
            if let Some((_, c)) = best {
                return Some(c);
            }
            if tier.len() > 1 && width_with(hidden, tier).is_some_and(|w| w > width) {
                return Some(tier[0]);
            }
        }
        Some(fallback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sum(total: usize, parts: &[usize]) -> Relation {
        let mut terms: Vec<(usize, i64)> = parts.iter().map(|&p| (p, 1)).collect();
        terms.push((total, -1));
        Relation { terms, equal: true }
    }

    fn at_most(part: usize, whole: usize) -> Relation {
        Relation {
            terms: vec![(part, 1), (whole, -1)],
            equal: false,
        }
    }

    fn model(values: &[i64], relations: Vec<Relation>) -> Model {
        Model {
            values: values.to_vec(),
            uses: vec![1; values.len()],
            relations,
            ..Default::default()
        }
    }

    #[test]
    fn two_tables_publishing_a_sum_and_a_difference_pin_both_figures() {
        // x = 3, y = 10; published: x + y = 13 (s) and y - x = 7 (d, as y = x + d).
        let m = model(&[3, 10, 13, 7], vec![sum(2, &[0, 1]), sum(1, &[0, 3])]);
        let hidden = [true, true, false, false];
        let i = m.interval(&hidden, &vec![(0, 1)]).expect("solves");
        assert_eq!(
            i,
            Interval {
                min: 3,
                max: Some(3)
            }
        );
    }

    #[test]
    fn non_negativity_and_a_published_zero_total_pin_hidden_cells() {
        // x + y = 0 with x, y hidden: both are 0.
        let m = model(&[0, 0, 0], vec![sum(2, &[0, 1])]);
        let hidden = [true, true, false];
        let i = m.interval(&hidden, &vec![(0, 1)]).expect("solves");
        assert_eq!(i.width(), Some(0));
    }

    #[test]
    fn a_count_below_a_hidden_total_bounds_it_from_below_only() {
        // count 11 <= total (hidden): the total is at least 11 and unbounded above.
        let m = model(&[11, 13], vec![at_most(0, 1)]);
        let hidden = [false, true];
        let i = m.interval(&hidden, &vec![(1, 1)]).expect("solves");
        assert_eq!(i, Interval { min: 11, max: None });
    }

    #[test]
    fn protection_hides_more_until_every_interval_is_wide() {
        // A row 21 = 11 + 8 + 1 + 1 with the two 1s hidden: 2 shared by two cells, each >= 1.
        let m = model(&[21, 11, 8, 1, 1], vec![sum(0, &[1, 2, 3, 4])]);
        let mut hidden = vec![false, false, false, true, true];
        let (added, failed) = m.protect(&mut hidden, &[], 5);
        assert!(failed.is_empty());
        assert_eq!(added, vec![2], "the 8 gives the missing width");
        for f in [2, 3, 4] {
            let i = m.interval(&hidden, &vec![(f, 1)]).expect("solves");
            assert!(i.width().is_none_or(|w| w >= 5), "{f}: {i:?}");
        }
    }
}
