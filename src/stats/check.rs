//! Checks across datasets.
//!
//! In: every validated [`Dataset`]. Out: the ids of datasets that must not be published and a
//! diagnostic for each dataset id used twice and for each figure that two places disagree on:
//! the total (or a category's count) of the same row of the same `population`.

use std::collections::{BTreeMap, BTreeSet};

use super::model::Dataset;
use super::suppress::Key;
use crate::diagnostic::{Diagnostic, Span};

/// Reports duplicate ids and disagreeing totals; returns the indexes of datasets involved.
pub(super) fn across(datasets: &[Dataset], diags: &mut Vec<Diagnostic>) -> BTreeSet<usize> {
    let mut rejected = BTreeSet::new();
    let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, ds) in datasets.iter().enumerate() {
        if let Some(&first) = ids.get(ds.id.as_str()) {
            rejected.insert(i);
            rejected.insert(first);
            diags.push(
                Diagnostic::error(format!("dataset id `{}` is used by two files", ds.id))
                    .at(Span::file(&ds.file))
                    .hint(format!(
                        "{} uses it too: give each dataset its own id",
                        datasets[first].file.display()
                    )),
            );
        } else {
            ids.insert(&ds.id, i);
        }
    }

    // A population is either protected everywhere or nowhere.
    let mut protected: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, ds) in datasets.iter().enumerate().filter(|(_, ds)| ds.sensitive) {
        for p in populations(ds) {
            protected.entry(p).or_insert(i);
        }
    }
    for (i, ds) in datasets.iter().enumerate().filter(|(_, ds)| !ds.sensitive) {
        for p in populations(ds) {
            if let Some(&j) = protected.get(p) {
                rejected.insert(i);
                diags.push(
                    Diagnostic::error(format!(
                        "population `{p}` is declared not sensitive here, but {} protects it",
                        datasets[j].file.display()
                    ))
                    .at(Span::file(&ds.file))
                    .hint("the same people cannot be shown in full in one table and hidden in another: give this table its own population, or remove `sensitive = false`"),
                );
            }
        }
    }

    // The first place each shared figure was seen: (value, where, dataset index).
    let mut seen: BTreeMap<Key, (u32, Span, usize)> = BTreeMap::new();
    for (i, ds) in datasets.iter().enumerate() {
        for row in &ds.rows {
            let mut figures = Vec::new();
            if let Some(population) = &ds.groups[row.group].population {
                figures.push((population.clone(), row.total, row.total_span.clone()));
            }
            for (c, category) in ds.categories.iter().enumerate() {
                if let (Some(population), Some((count, span))) =
                    (&category.population, &row.counts[c])
                {
                    figures.push((population.clone(), *count, span.clone()));
                }
            }
            for (population, value, span) in figures {
                let key = (population.clone(), row.id.clone());
                match seen.get(&key) {
                    None => {
                        seen.insert(key, (value, span, i));
                    }
                    Some((first, at, j)) if *first != value => {
                        rejected.insert(i);
                        rejected.insert(*j);
                        diags.push(
                            Diagnostic::error(format!(
                                "`{population}` of `{}` disagrees with {}:{}:{}",
                                row.id,
                                at.file.display(),
                                at.line,
                                at.col
                            ))
                            .at(span)
                            .hint(
                                "use the same figure in both places (and say in `note` which one and why), \
                                 or a different `population` if they count different people",
                            ),
                        );
                    }
                    Some(_) => {}
                }
            }
        }
    }
    rejected
}

/// Every population a dataset's totals or columns count.
fn populations(ds: &Dataset) -> BTreeSet<&str> {
    let groups = ds.groups.iter().filter_map(|g| g.population.as_deref());
    let columns = ds.categories.iter().filter_map(|c| c.population.as_deref());
    groups.chain(columns).collect()
}
