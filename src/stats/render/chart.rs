//! The SVG bar chart of a published dataset.
//!
//! In: a [`Published`] dataset and a [`Localizer`]. Out: an inline `<svg role="img">` with
//! `<title>` and `<desc>` referenced by `aria-labelledby`. The SVG has no `viewBox`: it is as
//! wide as its column and is never scaled, so its text is the page's body text (size and font
//! are inherited, nothing is set here) and bar lengths are percentages of the width.
//!
//! Layout, top to bottom: a legend (one swatch and short label per measure, when there are two
//! or more); then per group its heading, per row its label and total, and one bar per measure
//! with its value (and percentage) written after it. Each measure keeps one colour wherever it
//! appears: the colour comes from the measure's label id, so "Certificates" is the same colour
//! in every chart of the site. A hidden count is the localized marker in grey (once for a row
//! whose figures are all hidden); a figure the source does not give, and a measure that is
//! hidden everywhere, are left out (the table, one click away, has them). Bar lengths
//! are proportional to the published counts only. Colours are SVG presentation attributes with
//! at least 3:1 contrast against white; no `style`, no script.

use std::fmt::Write as _;

use super::{cell_text, colon, esc, marker, Localizer};
use crate::stats::model::{Cell, Published};

/// Bar fills; each has at least 3:1 contrast against white and they differ in lightness too.
pub(super) const PALETTE: &[&str] = &[
    "#1d5a87", "#a64300", "#2a7a3b", "#6b3fa0", "#b0235b", "#00707a", "#7a5c00", "#4d4d4d",
];
/// Text colour.
pub(super) const INK: &str = "#1a1a1a";
/// Text colour of the "not shown" marker.
pub(super) const MUTED: &str = "#595959";

/// One line of body text (17 px at 1.4 line height), in px.
const LINE: u32 = 24;
/// Height of a bar, and the space below it.
const BAR_HEIGHT: u32 = 16;
const BAR_GAP: u32 = 6;
/// The longest bar, in percent of the chart's width: the value written after it still fits
/// on a 320-px phone.
const BAR_MAX: f64 = 55.0;
/// Characters per line before a label wraps (about 300 px of 17-px text).
const WRAP: usize = 32;

pub(super) fn render(ds: &Published, loc: &dyn Localizer) -> String {
    let max = ds
        .groups()
        .iter()
        .flat_map(|g| g.rows())
        .flat_map(|r| r.cells())
        .filter_map(|c| match c {
            Cell::Count { count, .. } => Some(*count),
            _ => None,
        })
        .max()
        .unwrap_or(0)
        .max(1);
    let colours = colours(ds);
    // Measures with a published figure somewhere: the others (never given, or always hidden)
    // have no bar and no legend entry; the table, one click away, lists them.
    let shown: Vec<usize> = (0..ds.categories().len())
        .filter(|&c| {
            ds.groups()
                .iter()
                .flat_map(|g| g.rows())
                .any(|r| matches!(r.cells()[c], Cell::Count { .. }))
        })
        .collect();
    let mut body = String::new();
    let mut y = 0;
    if shown.len() > 1 {
        body.push_str("<g class=\"stats-legend\">\n");
        for &c in &shown {
            let label = loc.short(ds.categories()[c].label());
            let lines = wrap(&label);
            let _ = writeln!(
                body,
                "<rect x=\"0\" y=\"{}\" width=\"16\" height=\"16\" fill=\"{}\"/>",
                y + 5,
                colours[c]
            );
            for line in lines {
                y += LINE;
                let _ = writeln!(body, "<text x=\"24\" y=\"{}\">{}</text>", y - 6, esc(&line));
            }
        }
        body.push_str("</g>\n");
        y += 8;
    }
    let grouped = ds.groups().iter().any(|g| g.label().is_some());
    for group in ds.groups() {
        if let Some(label) = group.label() {
            y += 8;
            text(
                &mut body,
                &mut y,
                " font-weight=\"bold\"",
                &loc.message(label, &[]),
            );
        }
        for row in group.rows() {
            let heading = format!(
                "{} — {}{} {}",
                loc.short(row.label()),
                loc.short(ds.total_label()),
                colon(loc),
                cell_text(ds, row.total(), loc, false)
            );
            let weight = if grouped { "" } else { " font-weight=\"bold\"" };
            y += 4;
            text(&mut body, &mut y, weight, &heading);
            y += 4;
            // A row whose figures are all hidden says so once, not once per measure.
            let counts = shown
                .iter()
                .filter(|&&c| matches!(row.cells()[c], Cell::Count { .. }))
                .count();
            if counts == 0 && shown.iter().any(|&c| row.cells()[c] == Cell::Suppressed) {
                body.push_str(&bar(ds, Cell::Suppressed, colours[0], y, max, loc));
                y += BAR_HEIGHT + BAR_GAP;
                continue;
            }
            for &c in &shown {
                let cell = row.cells()[c];
                if cell == Cell::Missing {
                    continue;
                }
                body.push_str(&bar(ds, cell, colours[c], y, max, loc));
                y += BAR_HEIGHT + BAR_GAP;
            }
        }
    }
    let height = y + 4;
    let id = ds.id();
    let mut description = match ds.description() {
        Some(d) => loc.message(d, &[]),
        None => loc.message("stats-chart-desc", &[]),
    };
    if ds.has_suppressed() {
        // The gaps are explained to screen readers too, not only below the chart.
        description.push(' ');
        description.push_str(&loc.message(
            "stats-suppressed-footnote",
            &[("n", f64::from(ds.min_count()))],
        ));
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"stats-chart\" width=\"100%\" height=\"{height}\" \
         role=\"img\" aria-labelledby=\"stats-{id}-chart-title stats-{id}-chart-desc\" fill=\"{INK}\">"
    );
    let _ = writeln!(
        out,
        "<title id=\"stats-{id}-chart-title\">{}</title>",
        esc(&loc.message(ds.title(), &[]))
    );
    let _ = writeln!(
        out,
        "<desc id=\"stats-{id}-chart-desc\">{}</desc>",
        esc(&description)
    );
    out.push_str(&body);
    out.push_str("</svg>\n");
    out
}

/// The colour of each category: picked by its label id, so that a measure has the same colour
/// in every chart; two measures of one chart never share a colour.
fn colours(ds: &Published) -> Vec<&'static str> {
    let mut taken = vec![false; PALETTE.len()];
    let mut out = Vec::new();
    for category in ds.categories() {
        // FNV-1a: stable across builds and platforms.
        let mut hash: u32 = 0x811c_9dc5;
        for byte in category.label().bytes() {
            hash ^= u32::from(byte);
            hash = hash.wrapping_mul(0x0100_0193);
        }
        let mut slot = hash as usize % PALETTE.len();
        if taken.iter().all(|&t| t) {
            taken.iter_mut().for_each(|t| *t = false);
        }
        while taken[slot] {
            slot = (slot + 1) % PALETTE.len();
        }
        taken[slot] = true;
        out.push(PALETTE[slot]);
    }
    out
}

/// `content` cut into lines of at most [`WRAP`] characters, at spaces (SVG text does not wrap).
fn wrap(content: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in content.split(' ') {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= WRAP => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// Writes `content` as one `<text>` per line; each line moves `y` down.
fn text(out: &mut String, y: &mut u32, attributes: &str, content: &str) {
    for line in wrap(content) {
        *y += LINE;
        let _ = writeln!(
            out,
            "<text x=\"0\" y=\"{}\"{attributes}>{}</text>",
            *y - 6,
            esc(&line)
        );
    }
}

/// One bar (or the hidden marker) with its value label, its top at `y`.
fn bar(ds: &Published, cell: Cell, fill: &str, y: u32, max: u64, loc: &dyn Localizer) -> String {
    let text_y = y + BAR_HEIGHT - 2;
    match cell {
        Cell::Count { count, .. } => {
            let mut out = String::new();
            let label = esc(&cell_text(ds, cell, loc, true));
            if count == 0 {
                let _ = writeln!(
                    out,
                    "<text x=\"0\" y=\"{text_y}\" class=\"stats-chart-value\">{label}</text>"
                );
                return out;
            }
            let width = (count as f64 / max as f64 * BAR_MAX).max(0.5);
            let _ = writeln!(
                out,
                "<rect x=\"0\" y=\"{y}\" width=\"{width:.1}%\" height=\"{BAR_HEIGHT}\" fill=\"{fill}\" class=\"stats-bar\"/>\n\
                 <text x=\"{width:.1}%\" dx=\"6\" y=\"{text_y}\" class=\"stats-chart-value\">{label}</text>"
            );
            out
        }
        Cell::Suppressed => format!(
            "<text x=\"0\" y=\"{text_y}\" fill=\"{MUTED}\" font-style=\"italic\" class=\"stats-chart-value stats-suppressed\">{}</text>\n",
            esc(&marker(ds, loc))
        ),
        Cell::Missing => String::new(),
    }
}
