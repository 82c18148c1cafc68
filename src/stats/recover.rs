//! Which hidden cells could be worked out exactly from published sums.
//!
//! In: equations over the hidden cells (each published relation `Σ parts = total`, with every
//! published member moved to the constant side). Out: for each hidden cell, whether the
//! equations fix its value. A cell is fixed exactly when its unit vector lies in the row space of
//! the equations, which reduced row echelon form (exact fractions) tells. Arithmetic overflow
//! counts as "fixed", so the answer errs towards hiding more.

/// One equation: (unknown index, coefficient) pairs; the constant side is irrelevant here.
pub(super) type Equation = Vec<(usize, i64)>;

/// `result[i]` is true when unknown `i` is determined by the equations.
pub(super) fn determined(unknowns: usize, equations: &[Equation]) -> Vec<bool> {
    let mut result = vec![false; unknowns];
    // Work on each connected component separately: small matrices, small fractions.
    let mut component: Vec<usize> = (0..unknowns).collect();
    fn root(component: &mut [usize], mut i: usize) -> usize {
        while component[i] != i {
            component[i] = component[component[i]];
            i = component[i];
        }
        i
    }
    for eq in equations {
        let mut cells = eq.iter().map(|(i, _)| *i).filter(|i| *i < unknowns);
        if let Some(first) = cells.next() {
            for other in cells {
                let (a, b) = (root(&mut component, first), root(&mut component, other));
                component[a] = b;
            }
        }
    }
    // Members and equations of each component, gathered in one pass each (not one pass per
    // component: with thousands of rows that was quadratic).
    let mut members_of: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for i in 0..unknowns {
        members_of
            .entry(root(&mut component, i))
            .or_default()
            .push(i);
    }
    let mut equations_of: std::collections::HashMap<usize, Vec<&Equation>> = Default::default();
    for eq in equations {
        if let Some(&(first, _)) = eq.iter().find(|(i, _)| *i < unknowns) {
            equations_of
                .entry(root(&mut component, first))
                .or_default()
                .push(eq);
        }
    }
    for (r, members) in members_of {
        let position: std::collections::HashMap<usize, usize> =
            members.iter().enumerate().map(|(p, &m)| (m, p)).collect();
        let local: Vec<Equation> = equations_of
            .get(&r)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .map(|eq| {
                eq.iter()
                    .filter_map(|(i, c)| position.get(i).map(|&p| (p, *c)))
                    .collect()
            })
            .collect();
        let fixed = solve(members.len(), &local).unwrap_or_else(|| vec![true; members.len()]);
        for (p, &i) in members.iter().enumerate() {
            result[i] = fixed[p];
        }
    }
    result
}

/// Reduced row echelon form over the rationals; `None` on overflow.
fn solve(n: usize, equations: &[Equation]) -> Option<Vec<bool>> {
    let mut matrix: Vec<Vec<Fraction>> = equations
        .iter()
        .map(|eq| {
            let mut row = vec![Fraction::ZERO; n];
            for &(i, c) in eq {
                row[i] = row[i].add(Fraction::int(c))?;
            }
            Some(row)
        })
        .collect::<Option<_>>()?;
    let mut pivots = Vec::new();
    let mut next = 0;
    for col in 0..n {
        let Some(found) = (next..matrix.len()).find(|&r| !matrix[r][col].is_zero()) else {
            continue;
        };
        matrix.swap(next, found);
        let pivot = matrix[next][col];
        for value in matrix[next].iter_mut() {
            *value = value.div(pivot)?;
        }
        let pivot_row = matrix[next].clone();
        for (r, row) in matrix.iter_mut().enumerate() {
            let factor = row[col];
            if r == next || factor.is_zero() {
                continue;
            }
            for (value, &p) in row.iter_mut().zip(&pivot_row) {
                *value = value.sub(factor.mul(p)?)?;
            }
        }
        pivots.push((next, col));
        next += 1;
    }
    let mut fixed = vec![false; n];
    for (row, col) in pivots {
        fixed[col] = matrix[row]
            .iter()
            .enumerate()
            .all(|(c, v)| c == col || v.is_zero());
    }
    Some(fixed)
}

/// An exact fraction with checked arithmetic (denominator always positive, lowest terms).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fraction {
    num: i128,
    den: i128,
}

impl Fraction {
    const ZERO: Fraction = Fraction { num: 0, den: 1 };

    fn int(value: i64) -> Fraction {
        Fraction {
            num: i128::from(value),
            den: 1,
        }
    }

    fn new(num: i128, den: i128) -> Option<Fraction> {
        if den == 0 {
            return None;
        }
        let g = gcd(num.checked_abs()?, den.checked_abs()?).max(1);
        let sign = if den < 0 { -1 } else { 1 };
        Some(Fraction {
            num: num / g * sign,
            den: den / g * sign,
        })
    }

    fn is_zero(self) -> bool {
        self.num == 0
    }

    fn add(self, other: Fraction) -> Option<Fraction> {
        let num = self
            .num
            .checked_mul(other.den)?
            .checked_add(other.num.checked_mul(self.den)?)?;
        Fraction::new(num, self.den.checked_mul(other.den)?)
    }

    fn sub(self, other: Fraction) -> Option<Fraction> {
        self.add(Fraction {
            num: other.num.checked_neg()?,
            den: other.den,
        })
    }

    fn mul(self, other: Fraction) -> Option<Fraction> {
        Fraction::new(
            self.num.checked_mul(other.num)?,
            self.den.checked_mul(other.den)?,
        )
    }

    fn div(self, other: Fraction) -> Option<Fraction> {
        Fraction::new(
            self.num.checked_mul(other.den)?,
            self.den.checked_mul(other.num)?,
        )
    }
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_unknown_in_a_sum_is_determined() {
        // x0 = const
        assert_eq!(determined(1, &[vec![(0, 1)]]), vec![true]);
    }

    #[test]
    fn two_unknowns_in_one_sum_are_not() {
        assert_eq!(determined(2, &[vec![(0, 1), (1, 1)]]), vec![false, false]);
    }

    #[test]
    fn row_and_column_sums_can_pin_a_cell_down() {
        // x0 + x1 = a (row), x0 + x2 = b (column), x1 alone in its column: x1 = c.
        let eqs = vec![vec![(0, 1), (1, 1)], vec![(0, 1), (2, 1)], vec![(1, 1)]];
        assert_eq!(determined(3, &eqs), vec![true, true, true]);
    }

    #[test]
    fn a_two_by_two_block_of_hidden_cells_is_safe() {
        // x0 + x1 = r0, x2 + x3 = r1, x0 + x2 = c0, x1 + x3 = c1: one degree of freedom.
        let eqs = vec![
            vec![(0, 1), (1, 1)],
            vec![(2, 1), (3, 1)],
            vec![(0, 1), (2, 1)],
            vec![(1, 1), (3, 1)],
        ];
        assert_eq!(determined(4, &eqs), vec![false; 4]);
    }

    #[test]
    fn a_hidden_total_counts_with_a_negative_sign() {
        // x0 + x1 - x2 = k and x1 = k' and x2 = k'' fix x0.
        let eqs = vec![vec![(0, 1), (1, 1), (2, -1)], vec![(1, 1)], vec![(2, 1)]];
        assert_eq!(determined(3, &eqs), vec![true, true, true]);
    }
}
