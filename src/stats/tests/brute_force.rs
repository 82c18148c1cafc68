//! An independent check of disclosure control: exhaustive search over whole numbers.
//!
//! In: figures with their true values, which of them are published, and the relations a
//! reader can see (sums, `part ≤ whole`). It searches every whole-number value of the hidden
//! figures that agrees with everything published (each hidden figure at least 0, at least 1
//! when it is not zero, as the solver assumes) and asserts that each hidden figure keeps a
//! range at least `protection` wide, i.e. that nobody can narrow it down further. It shares no
//! code with the solver.

/// What a reader sees: every figure (published or not), its true value, and the relations.
pub(super) struct Problem {
    pub values: Vec<u64>,
    pub hidden: Vec<bool>,
    /// (total, parts): the parts add up to the total.
    pub sums: Vec<(usize, Vec<usize>)>,
    /// (part, whole): part ≤ whole.
    pub within: Vec<(usize, usize)>,
}

impl Problem {
    fn violated(&self, values: &[Option<u64>]) -> bool {
        let sums = self.sums.iter().any(|(total, parts)| {
            let assigned: u64 = parts.iter().filter_map(|&p| values[p]).sum();
            match values[*total] {
                Some(t) if parts.iter().all(|&p| values[p].is_some()) => assigned != t,
                Some(t) => assigned > t,
                None => false,
            }
        });
        sums || self
            .within
            .iter()
            .any(|&(p, w)| match (values[p], values[w]) {
                (Some(p), Some(w)) => p > w,
                _ => false,
            })
    }

    fn feasible(
        &self,
        order: &[usize],
        k: usize,
        values: &mut Vec<Option<u64>>,
        bound: u64,
    ) -> bool {
        if self.violated(values) {
            return false;
        }
        let Some(&f) = order.get(k) else {
            return true;
        };
        if values[f].is_some() {
            return self.feasible(order, k + 1, values, bound);
        }
        let low = u64::from(self.values[f] > 0);
        for v in low..=bound {
            values[f] = Some(v);
            if self.feasible(order, k + 1, values, bound) {
                values[f] = None;
                return true;
            }
        }
        values[f] = None;
        false
    }

    /// The smallest and largest value hidden figure `f` can take (up to `bound`).
    fn range(&self, f: usize, bound: u64) -> (u64, u64) {
        let order: Vec<usize> = (0..self.values.len()).filter(|&g| self.hidden[g]).collect();
        let mut values: Vec<Option<u64>> = (0..self.values.len())
            .map(|g| (!self.hidden[g]).then_some(self.values[g]))
            .collect();
        let can = |v: u64, values: &mut Vec<Option<u64>>| {
            values[f] = Some(v);
            let ok = self.feasible(&order, 0, values, bound);
            values[f] = None;
            ok
        };
        let low = u64::from(self.values[f] > 0);
        let min = (low..=bound)
            .find(|&v| can(v, &mut values))
            .unwrap_or(bound);
        let max = (low..=bound)
            .rev()
            .find(|&v| can(v, &mut values))
            .unwrap_or(0);
        (min, max)
    }

    /// Asserts every hidden figure's range is at least `protection` wide (or reaches `bound`),
    /// no published figure is in 1..min_count, and no published `part ≤ whole` pair shows a
    /// difference in 1..min_count. Returns how many hidden figures were checked.
    pub fn assert_protected(&self, min_count: u32, protection: u32, what: &str) -> usize {
        let small = |v: u64| v >= 1 && v < u64::from(min_count);
        for (f, &v) in self.values.iter().enumerate() {
            assert!(
                self.hidden[f] || !small(v),
                "{what}: figure {f} = {v} is published"
            );
        }
        for &(p, w) in &self.within {
            if !self.hidden[p] && !self.hidden[w] {
                let d = self.values[w] - self.values[p];
                assert!(
                    !small(d),
                    "{what}: figures {p} and {w} show a difference of {d}"
                );
            }
        }
        let bound = self.values.iter().copied().max().unwrap_or(0) + u64::from(protection) + 2;
        let mut checked = 0;
        for f in (0..self.values.len()).filter(|&f| self.hidden[f]) {
            let (min, max) = self.range(f, bound);
            assert!(
                max >= bound || max - min >= u64::from(protection),
                "{what}: hidden figure {f} (true {}) is narrowed to [{min}, {max}]",
                self.values[f]
            );
            checked += 1;
        }
        checked
    }
}

/// The reader's problem for one exhaustive table (rows, then the total line when present),
/// from its published grid (`x` = hidden) and the true figures.
pub(super) fn exhaustive_table(
    lines: &[Vec<String>],
    data: &[(u32, Vec<u32>)],
    column_totals: bool,
) -> Problem {
    let width = lines[0].len();
    let mut values: Vec<u64> = Vec::new();
    for (t, c) in data {
        values.push(u64::from(*t));
        values.extend(c.iter().map(|&v| u64::from(v)));
    }
    if column_totals {
        for s in 0..width {
            values.push((0..data.len()).map(|r| values[r * width + s]).sum());
        }
    }
    let mut sums: Vec<(usize, Vec<usize>)> = (0..lines.len())
        .map(|l| (l * width, (1..width).map(|s| l * width + s).collect()))
        .collect();
    if column_totals {
        for s in 0..width {
            sums.push((
                data.len() * width + s,
                (0..data.len()).map(|r| r * width + s).collect(),
            ));
        }
    }
    let hidden = lines.iter().flatten().map(|v| v == "x").collect();
    let within = sums
        .iter()
        .flat_map(|(total, parts)| parts.iter().map(move |&p| (p, *total)))
        .collect();
    Problem {
        values,
        hidden,
        sums,
        within,
    }
}
