//! Checks of a table's body: its categories (columns) and rows.
//!
//! In: the raw `[[category]]` and `[[row]]` tables of one file. Out: validated [`Category`] and
//! [`Row`] values, and a diagnostic for every problem: duplicate or unknown ids, `of` links that
//! are unknown, circular or used in an exhaustive dataset, a row of a single person, a count
//! larger than its denominator, an exhaustive row with a missing count or not adding up.

use std::collections::BTreeMap;

use super::model::{Category, Row};
use super::parse::Checker;
use super::raw::{self, RawRow};
use crate::diagnostic::{Diagnostic, Span};

impl Checker<'_, '_> {
    pub(super) fn categories(
        &mut self,
        raw: &[raw::RawCategory],
        exhaustive: bool,
        whole: &std::ops::Range<usize>,
        incomplete: bool,
    ) -> Vec<Category> {
        if raw.is_empty() && !incomplete {
            self.diags.push(
                Diagnostic::error("the dataset has no [[category]]")
                    .at(self.src.span(whole))
                    .hint("add a [[category]] table (id and label) for each column of counts"),
            );
        }
        let mut index = BTreeMap::new();
        let mut categories = Vec::new();
        for c in raw {
            let id = self.id(&c.id, "category id");
            if index.insert(id.clone(), categories.len()).is_some() {
                self.error(&c.id, format!("category `{id}` is defined twice"), "");
            }
            let label = self.message(&c.label);
            let population = c.population.as_ref().map(|p| self.id(p, "population name"));
            categories.push(Category {
                id,
                label,
                of: None,
                population,
            });
        }
        for (i, c) in raw.iter().enumerate() {
            let Some(of) = &c.of else { continue };
            if exhaustive {
                self.error(
                    of,
                    "`of` cannot be used in an `exhaustive` dataset".into(),
                    "in an exhaustive dataset every category is a share of the row's total",
                );
                continue;
            }
            match index.get(of.get_ref()) {
                Some(&j) if j == i => self.error(of, "a category cannot be `of` itself".into(), ""),
                Some(&j) => categories[i].of = Some(j),
                None => {
                    let names: Vec<&str> = index.keys().map(String::as_str).collect();
                    self.error(
                        of,
                        format!("`of` names unknown category `{}`", of.get_ref()),
                        &format!("categories in this file: {}", names.join(", ")),
                    );
                }
            }
        }
        for (i, c) in raw.iter().enumerate() {
            let mut next = categories[i].of;
            for _ in 0..categories.len() {
                match next {
                    Some(j) if j == i => {
                        if let Some(of) = &c.of {
                            self.error(
                                of,
                                "the `of` links of these categories form a loop".into(),
                                "",
                            );
                        }
                        categories[i].of = None;
                        break;
                    }
                    Some(j) => next = categories[j].of,
                    None => break,
                }
            }
        }
        categories
    }

    pub(super) fn row(
        &mut self,
        raw: &RawRow,
        id: String,
        group: usize,
        categories: &[Category],
        exhaustive: bool,
    ) -> Row {
        let label = self.message(&raw.label);
        let total = *raw.total.get_ref();
        if total == 1 {
            self.error(
                &raw.total,
                "a row with a total of 1 describes a single person".into(),
                "content/stats holds aggregated counts only: merge this row into a larger group",
            );
        }
        let mut counts: Vec<Option<(u32, Span)>> = vec![None; categories.len()];
        for (key, value) in &raw.counts {
            match categories.iter().position(|c| &c.id == key.get_ref()) {
                Some(i) => counts[i] = Some((*value.get_ref(), self.src.span(&value.span()))),
                None => {
                    let names: Vec<&str> = categories.iter().map(|c| c.id.as_str()).collect();
                    let hint = match raw::closest(key.get_ref(), &names) {
                        Some(best) => {
                            format!("did you mean `{best}`? categories: {}", names.join(", "))
                        }
                        None => format!("categories in this file: {}", names.join(", ")),
                    };
                    self.error(key, format!("unknown category `{}`", key.get_ref()), &hint);
                }
            }
        }
        let spanned = |i: usize| {
            raw.counts
                .iter()
                .find(|(k, _)| k.get_ref() == &categories[i].id)
                .map(|(_, v)| v)
        };
        for (i, category) in categories.iter().enumerate() {
            let Some((count, _)) = counts[i] else {
                if exhaustive {
                    self.error(
                        &raw.id,
                        format!("row `{id}` has no count for `{}`", category.id),
                        &format!(
                            "the dataset is exhaustive: write `{} = 0` if there were none",
                            category.id
                        ),
                    );
                }
                continue;
            };
            let Some(at) = spanned(i) else { continue };
            if count > total {
                self.error(
                    at,
                    format!(
                        "the count for `{}` is larger than the row's total",
                        category.id
                    ),
                    "a count cannot be larger than its denominator (`total`); check both figures",
                );
            } else if let Some((parent, Some((parent_count, _)))) =
                category.of.map(|p| (p, counts[p].clone()))
            {
                if count > parent_count {
                    self.error(
                        at,
                        format!(
                            "the count for `{}` is larger than the count for `{}` (its `of`)",
                            category.id, categories[parent].id
                        ),
                        "check both figures in this row",
                    );
                }
            }
        }
        if exhaustive && counts.iter().all(Option::is_some) {
            let sum: u64 = counts.iter().flatten().map(|(c, _)| u64::from(*c)).sum();
            if sum != u64::from(total) {
                let direction = if sum > u64::from(total) {
                    "more"
                } else {
                    "less"
                };
                self.error(&raw.total, format!("the counts of row `{id}` add up to {direction} than its total"),
                    "the dataset is `exhaustive`: its categories must add up to the total (or set exhaustive = false)");
            }
        }
        Row {
            id,
            label,
            group,
            total,
            total_span: self.src.span(&raw.total.span()),
            counts,
            sum_of: Vec::new(),
        }
    }
}
