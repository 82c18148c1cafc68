//! The accessible HTML table of a published dataset.
//!
//! In: a [`Published`] dataset and a [`Localizer`]. Out: a focusable scroll region (for narrow
//! screens) holding a `<table>` with a `<caption>`, column
//! headers (`th scope="col"`), one `<tbody>` per group headed by `th scope="rowgroup"`, row
//! headers (`th scope="row"`), counts with their percentages, and hidden cells as the localized
//! marker described by the footnote (`aria-describedby`). Headers use the short labels. A table
//! of three or more measures is marked `stats-table-stack`: on a phone the theme shows each row
//! as a block of "label: value" lines, from each cell's `data-label`, instead of columns with
//! tall headers.

use std::fmt::Write as _;

use super::{category_header, esc, footnote_id, marker, Localizer, PERCENT_DIGITS};
use crate::stats::model::{Cell, Published};

pub(super) fn render(ds: &Published, loc: &dyn Localizer) -> String {
    let mut out = String::new();
    // A wide table scrolls inside its own region, which keyboard users can focus and scroll.
    let caption = format!("stats-{}-caption", ds.id());
    let _ = writeln!(
        out,
        "<div class=\"stats-table-scroll\" role=\"region\" aria-labelledby=\"{caption}\" tabindex=\"0\">"
    );
    let labels: Vec<String> = (0..ds.categories().len())
        .map(|c| category_header(ds, c, loc).0)
        .collect();
    let total_label = loc.short(ds.total_label());
    let stack = if labels.len() >= 3 {
        " stats-table-stack"
    } else {
        ""
    };
    let _ = writeln!(out, "<table class=\"stats-table{stack}\">");
    let _ = writeln!(
        out,
        "<caption id=\"{caption}\">{}</caption>",
        esc(&loc.message(ds.title(), &[]))
    );
    out.push_str("<thead>\n<tr>");
    let _ = write!(
        out,
        "<th scope=\"col\">{}</th>",
        esc(&loc.short(ds.row_label()))
    );
    let _ = write!(
        out,
        "<th scope=\"col\" class=\"stats-num\">{}</th>",
        esc(&total_label)
    );
    for c in 0..ds.categories().len() {
        let (label, base) = category_header(ds, c, loc);
        let _ = write!(out, "<th scope=\"col\" class=\"stats-num\">{}", esc(&label));
        if let Some(base) = base {
            let _ = write!(out, " <span class=\"stats-base\">({})</span>", esc(&base));
        }
        out.push_str("</th>");
    }
    out.push_str("</tr>\n</thead>\n");
    for group in ds.groups() {
        out.push_str("<tbody>\n");
        if let Some(label) = group.label() {
            let _ = writeln!(
                out,
                "<tr class=\"stats-group\"><th scope=\"rowgroup\" colspan=\"{}\">{}</th></tr>",
                ds.categories().len() + 2,
                esc(&loc.message(label, &[]))
            );
        }
        for row in group.rows() {
            let class = if row.is_total() {
                " class=\"stats-total\""
            } else {
                ""
            };
            let _ = write!(
                out,
                "<tr{class}><th scope=\"row\">{}</th>",
                esc(&loc.message(row.label(), &[]))
            );
            out.push_str(&td(ds, row.total(), loc, &total_label));
            for (c, &cell) in row.cells().iter().enumerate() {
                out.push_str(&td(ds, cell, loc, &labels[c]));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n");
    }
    out.push_str("</table>\n</div>\n");
    out
}

fn td(ds: &Published, cell: Cell, loc: &dyn Localizer, label: &str) -> String {
    let label = esc(label);
    match cell {
        Cell::Count { count, ratio } => {
            let number = esc(&loc.number(count as f64, 0));
            match ratio {
                Some(r) => format!(
                    "<td class=\"stats-num\" data-label=\"{label}\">{number} <span class=\"stats-percent\">({})</span></td>",
                    esc(&loc.percent(r, PERCENT_DIGITS))
                ),
                None => format!("<td class=\"stats-num\" data-label=\"{label}\">{number}</td>"),
            }
        }
        Cell::Suppressed => format!(
            "<td class=\"stats-num stats-suppressed\" data-label=\"{label}\" aria-describedby=\"{}\">{}</td>",
            footnote_id(ds),
            esc(&marker(ds, loc))
        ),
        Cell::Missing => {
            format!(
                "<td class=\"stats-num stats-missing\" data-label=\"{label}\">{}</td>",
                esc(&loc.message("stats-missing", &[]))
            )
        }
    }
}
