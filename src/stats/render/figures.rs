//! Key figures: a published dataset as a few big numbers per row, for an overview page.
//!
//! In: a [`Published`] dataset and a [`Localizer`]. Out: a list of cards, one per row (e.g.
//! one per country): the row's label, then for each column measured against the row's total
//! (a category without `of`) its number in large type with its short label and share, then the
//! total itself on a line of its own ("Women assessed: 17"). A hidden key figure is a small
//! line with the "not shown" marker (the caller adds the note that explains it); a missing one
//! is left out. A dataset with groups gives one card per group and row, headed by both labels.

use std::fmt::Write as _;

use super::{cell_text, colon, esc, marker, Localizer, PERCENT_DIGITS};
use crate::stats::model::{Cell, Published};

/// The cards, and whether any of them shows the "not shown" marker.
pub(super) fn render(ds: &Published, loc: &dyn Localizer) -> (String, bool) {
    let mut hidden = false;
    let key: Vec<usize> = (0..ds.categories().len())
        .filter(|&c| ds.categories()[c].of().is_none())
        .collect();
    let mut out = String::from("<ul class=\"stats-figures\">\n");
    for group in ds.groups() {
        for row in group.rows().iter().filter(|r| !r.is_total()) {
            out.push_str("<li class=\"stats-figures-card\">\n");
            let title = match group.label() {
                Some(g) => format!("{} — {}", loc.message(g, &[]), loc.short(row.label())),
                None => loc.short(row.label()),
            };
            let _ = writeln!(out, "<p class=\"stats-figures-title\">{}</p>", esc(&title));
            for &c in &key {
                let label = esc(&loc.short(ds.categories()[c].label()));
                let (count, ratio) = match row.cells()[c] {
                    Cell::Count { count, ratio } => (count, ratio),
                    Cell::Suppressed => {
                        hidden = true;
                        let _ = writeln!(
                            out,
                            "<p class=\"stats-key stats-key-hidden\">{label}{} <span class=\"stats-suppressed\">{}</span></p>",
                            colon(loc),
                            esc(&marker(ds, loc))
                        );
                        continue;
                    }
                    Cell::Missing => continue,
                };
                let _ = write!(
                    out,
                    "<p class=\"stats-key\"><span class=\"stats-key-number\">{}</span> \
                     <span class=\"stats-key-label\">{label}",
                    esc(&loc.number(count as f64, 0)),
                );
                if let Some(r) = ratio {
                    let _ = write!(
                        out,
                        " <span class=\"stats-key-share\">({})</span>",
                        esc(&loc.percent(r, PERCENT_DIGITS))
                    );
                }
                out.push_str("</span>");
                out.push_str("</p>\n");
            }
            hidden |= row.total() == Cell::Suppressed;
            let _ = writeln!(
                out,
                "<p class=\"stats-figures-base\">{}{} {}</p>\n</li>",
                esc(&loc.short(ds.total_label())),
                colon(loc),
                esc(&cell_text(ds, row.total(), loc, false))
            );
        }
    }
    out.push_str("</ul>\n");
    (out, hidden)
}
