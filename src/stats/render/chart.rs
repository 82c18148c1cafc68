//! The SVG bar chart of a published dataset.
//!
//! In: a [`Published`] dataset and a [`Localizer`]. Out: an inline `<svg role="img">` with
//! `<title>` and `<desc>` referenced by `aria-labelledby`; one horizontal bar per count, each
//! with its category written above it and its value (and percentage) written after it, so colour
//! is never the only cue. Bar lengths are proportional to the published counts only. A hidden
//! count is a dashed, empty gap labelled with the localized marker. Colours are SVG presentation
//! attributes with at least 3:1 contrast against white; no `style`, no script.

use std::fmt::Write as _;

use super::{category_header, cell_text, colon, esc, marker, Localizer};
use crate::stats::model::{Cell, Published};

/// Bar fills, one per category in turn; each has at least 3:1 contrast against white.
pub(super) const PALETTE: &[&str] = &[
    "#1d5a87", "#a64300", "#2a7a3b", "#6b3fa0", "#b0235b", "#00707a", "#7a5c00", "#4d4d4d",
];
/// Text colour.
pub(super) const INK: &str = "#1a1a1a";
/// Outline of the gap drawn for a hidden count.
pub(super) const GAP: &str = "#595959";

/// Narrow enough that 13-unit text stays about 12 px on a 360-px phone screen.
const WIDTH: u32 = 400;
const INDENT: u32 = 16;
const BAR_MAX: u32 = 270;
const BAR_HEIGHT: u32 = 16;
const GAP_WIDTH: u32 = 40;

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
    let mut body = String::new();
    let mut y = 0;
    for group in ds.groups() {
        if let Some(label) = group.label() {
            y += 8;
            let heading = loc.message(label, &[]);
            text(
                &mut body,
                &mut y,
                0,
                16,
                " font-weight=\"bold\" class=\"stats-chart-group\"",
                &heading,
            );
        }
        for row in group.rows() {
            y += 6;
            let heading = format!(
                "{} — {}{} {}",
                loc.message(row.label(), &[]),
                loc.message(ds.total_label(), &[]),
                colon(loc),
                cell_text(ds, row.total(), loc, false)
            );
            text(
                &mut body,
                &mut y,
                0,
                14,
                " font-weight=\"bold\" class=\"stats-chart-row\"",
                &heading,
            );
            for (c, &cell) in row.cells().iter().enumerate() {
                let (label, base) = category_header(ds, c, loc);
                let label = match base {
                    Some(base) => format!("{label} ({base})"),
                    None => label,
                };
                y += 2;
                text(
                    &mut body,
                    &mut y,
                    INDENT,
                    13,
                    " class=\"stats-chart-label\"",
                    &label,
                );
                y += 5;
                body.push_str(&bar(ds, cell, c, y, max, loc));
                y += BAR_HEIGHT;
            }
            y += 4;
        }
    }
    let height = y + 12;
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
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"stats-chart\" viewBox=\"0 0 {WIDTH} {height}\" \
         role=\"img\" aria-labelledby=\"stats-{id}-chart-title stats-{id}-chart-desc\" \
         font-family=\"sans-serif\" font-size=\"13\" fill=\"{INK}\">"
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

/// Writes `content` as one `<text>` per line, wrapped at spaces to fit the chart's width
/// (estimated from the font size: SVG text does not wrap). Each line moves `y` down.
fn text(out: &mut String, y: &mut u32, x: u32, size: u32, attributes: &str, content: &str) {
    let size_attribute = if size == 13 {
        String::new()
    } else {
        format!(" font-size=\"{size}\"")
    };
    let max_chars = ((WIDTH - x) as usize * 100 / (size as usize * 56)).max(10);
    let mut lines: Vec<String> = Vec::new();
    for word in content.split(' ') {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= max_chars => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    for line in lines {
        *y += size + size / 2;
        let _ = writeln!(
            out,
            "<text x=\"{x}\" y=\"{y}\"{size_attribute}{attributes}>{}</text>",
            esc(&line)
        );
    }
}

/// One bar (or gap) with its value label, its top at `y`.
fn bar(
    ds: &Published,
    cell: Cell,
    category: usize,
    y: u32,
    max: u64,
    loc: &dyn Localizer,
) -> String {
    let text_y = y + BAR_HEIGHT - 3;
    let fill = PALETTE[category % PALETTE.len()];
    match cell {
        Cell::Count { count, .. } => {
            let width = if count == 0 {
                0
            } else {
                let scaled = (count as f64 / max as f64 * f64::from(BAR_MAX)).round() as u32;
                scaled.clamp(1, BAR_MAX)
            };
            let mut out = String::new();
            if width > 0 {
                let _ = writeln!(
                    out,
                    "<rect x=\"{INDENT}\" y=\"{y}\" width=\"{width}\" height=\"{BAR_HEIGHT}\" fill=\"{fill}\" \
                     class=\"stats-bar stats-bar-{category}\"/>"
                );
            }
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"{text_y}\" class=\"stats-chart-value\">{}</text>",
                INDENT + width + 6,
                esc(&cell_text(ds, cell, loc, true))
            );
            out
        }
        Cell::Suppressed => format!(
            "<rect x=\"{INDENT}\" y=\"{y}\" width=\"{GAP_WIDTH}\" height=\"{BAR_HEIGHT}\" fill=\"none\" \
             stroke=\"{GAP}\" stroke-dasharray=\"4 3\" class=\"stats-bar-suppressed\"/>\n\
             <text x=\"{}\" y=\"{text_y}\" class=\"stats-chart-value stats-suppressed\">{}</text>\n",
            INDENT + GAP_WIDTH + 6,
            esc(&marker(ds, loc))
        ),
        Cell::Missing => format!(
            "<text x=\"{INDENT}\" y=\"{text_y}\" class=\"stats-chart-value stats-missing\">{}</text>\n",
            esc(&loc.message("stats-missing", &[]))
        ),
    }
}
