//! Rendering published datasets for one language.
//!
//! In: a [`Published`] dataset (already suppressed), a [`View`] and a [`Localizer`] for the
//! page's language. Out: an HTML fragment (key figures, accessible table and/or inline SVG bar
//! chart, the notes for hidden and missing cells, source and date, a link to the CSV) or the
//! CSV text. Output is deterministic, has no JavaScript and no `style` attributes (the site's
//! CSP forbids inline styles): looks come from classes and SVG presentation attributes.
//!
//! Labels: a column, total or row label `ID` is shown as the message `ID-short` when the site
//! defines one (editors write short labels per language, e.g. "With a plan"), else as `ID`.

mod chart;
mod csv;
mod figures;
mod table;

use std::fmt::Write as _;
use std::str::FromStr;

use super::model::{Cell, Published};

pub use csv::render_csv;

/// Which parts of a dataset a `{{ stats(...) }}` shortcode shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The table alone.
    Table,
    /// The chart, with the table one click away (`<details>`).
    Chart,
    /// Chart and table, both open.
    Both,
    /// The table alone, folded behind a disclosure named by the table's title: for details a
    /// page gives for those who want them.
    Folded,
    /// Key figures: per row a card with the big numbers of the columns measured against the
    /// row's total (no `of`), hidden and missing figures left out; details stay elsewhere.
    Figures,
}

impl FromStr for View {
    type Err = String;

    fn from_str(s: &str) -> Result<View, String> {
        match s {
            "table" => Ok(View::Table),
            "chart" => Ok(View::Chart),
            "both" => Ok(View::Both),
            "figures" => Ok(View::Figures),
            "folded" => Ok(View::Folded),
            other => Err(format!(
                "unknown view `{other}`: expected one of `table`, `chart`, `both`, `figures`, `folded`"
            )),
        }
    }
}

/// Everything a renderer needs from the language: labels from Fluent and locale number formats.
pub trait Localizer {
    /// BCP 47 code, e.g. "el".
    fn lang(&self) -> &str;
    /// The Fluent message `id` with numeric arguments (the core handles fallback).
    fn message(&self, id: &str, args: &[(&str, f64)]) -> String;
    /// `value` with the locale's separators, e.g. "12,345.6" or "12.345,6".
    fn number(&self, value: f64, fraction_digits: usize) -> String;
    /// `ratio` as a percentage, e.g. 0.456 → "45.6%" or "45,6 %".
    fn percent(&self, ratio: f64, fraction_digits: usize) -> String;
    /// The short label of `id`: the message `ID-short` when the site defines it, else `id`.
    fn short(&self, id: &str) -> String {
        let key = format!("{id}-short");
        let text = self.message(&key, &[]);
        // A missing message comes back as its id (possibly decorated by a test localizer).
        if text.contains(&key) {
            self.message(id, &[])
        } else {
            text
        }
    }
}

/// The Fluent messages the renderer itself uses (datasets add their own labels).
pub const RENDER_MESSAGES: &[&str] = &[
    "stats-suppressed",
    "stats-suppressed-footnote",
    "stats-missing",
    "stats-missing-footnote",
    "stats-source",
    "stats-reference-date",
    "stats-download-csv",
    "stats-total-row",
    "stats-percent-of",
    "stats-chart-desc",
    "stats-show-table",
];

/// Digits after the decimal point in percentages.
const PERCENT_DIGITS: usize = 1;

/// The HTML for a dataset: key figures, chart and/or table, notes, source and CSV link.
pub fn render_html(ds: &Published, view: View, loc: &dyn Localizer, csv_url: &str) -> String {
    let mut out = String::new();
    let id = ds.id();
    let class = match view {
        View::Table => "table",
        View::Chart => "chart",
        View::Both => "both",
        View::Figures => "figures",
        View::Folded => "folded",
    };
    let _ = writeln!(
        out,
        "<div class=\"stats stats-view-{class}\" id=\"stats-{id}\">"
    );
    // Whether this view shows a hidden figure (then the note explaining "not shown" follows).
    let mut shows_hidden = ds.has_suppressed();
    match view {
        View::Figures => {
            let (cards, hidden) = figures::render(ds, loc);
            out.push_str(&cards);
            shows_hidden = hidden;
        }
        View::Chart => {
            // The chart's title comes first, as its caption; the table waits behind a
            // disclosure, one click away.
            let _ = writeln!(
                out,
                "<figure class=\"stats-figure\">\n<figcaption>{}</figcaption>",
                esc(&loc.message(ds.title(), &[]))
            );
            out.push_str(&chart::render(ds, loc));
            out.push_str("</figure>\n");
            let _ = writeln!(
                out,
                "<details class=\"stats-data\">\n<summary>{}</summary>",
                esc(&loc.message("stats-show-table", &[]))
            );
            out.push_str(&table::render(ds, loc));
            out.push_str("</details>\n");
        }
        View::Both => {
            out.push_str(&chart::render(ds, loc));
            out.push_str(&table::render(ds, loc));
        }
        View::Table => out.push_str(&table::render(ds, loc)),
        View::Folded => {
            let _ = writeln!(
                out,
                "<details class=\"stats-data stats-folded\">\n<summary>{}</summary>",
                esc(&loc.message(ds.title(), &[]))
            );
            out.push_str(&table::render(ds, loc));
            out.push_str("</details>\n");
        }
    }
    // The notes on hidden and missing figures. A page shows the first of each kind; the
    // theme keeps later ones for screen readers only (the cells refer to them).
    if shows_hidden {
        let n = f64::from(ds.min_count());
        let _ = writeln!(
            out,
            "<p class=\"stats-footnote\" id=\"{}\">{}</p>",
            footnote_id(ds),
            esc(&loc.message("stats-suppressed-footnote", &[("n", n)]))
        );
    }
    if has_missing(ds) && view != View::Figures {
        let _ = writeln!(
            out,
            "<p class=\"stats-missing-note\">{}</p>",
            esc(&loc.message("stats-missing-footnote", &[]))
        );
    }
    let date = esc(ds.reference_date());
    let colon = colon(loc);
    let _ = writeln!(
        out,
        "<p class=\"stats-source\">{}{colon} {}. {}{colon} <time datetime=\"{date}\">{date}</time>. \
         <a class=\"stats-download\" href=\"{}\" download>{}</a></p>",
        esc(&loc.message("stats-source", &[])),
        esc(&loc.message(ds.source(), &[])),
        esc(&loc.message("stats-reference-date", &[])),
        esc(csv_url),
        esc(&loc.message("stats-download-csv", &[]))
    );
    out.push_str("</div>\n");
    out
}

/// True when the source gives no figure for some cell.
fn has_missing(ds: &Published) -> bool {
    ds.groups()
        .iter()
        .flat_map(|g| g.rows())
        .any(|r| r.total() == Cell::Missing || r.cells().contains(&Cell::Missing))
}

/// The colon between a label and its value: French puts a space before it.
fn colon(loc: &dyn Localizer) -> &'static str {
    let lang = loc.lang();
    if lang == "fr" || lang.starts_with("fr-") {
        "\u{a0}:"
    } else {
        ":"
    }
}

fn footnote_id(ds: &Published) -> String {
    format!("stats-{}-footnote", ds.id())
}

/// Escapes text for HTML and XML content and attribute values.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The localized marker shown instead of a hidden number.
fn marker(ds: &Published, loc: &dyn Localizer) -> String {
    loc.message("stats-suppressed", &[("n", f64::from(ds.min_count()))])
}

/// A cell as text: "14 (93.3%)", "14", the hidden marker, or the "no figure" text.
fn cell_text(ds: &Published, cell: Cell, loc: &dyn Localizer, with_percent: bool) -> String {
    match cell {
        Cell::Count { count, ratio } => {
            let number = loc.number(count as f64, 0);
            match ratio.filter(|_| with_percent) {
                Some(r) => format!("{number} ({})", loc.percent(r, PERCENT_DIGITS)),
                None => number,
            }
        }
        Cell::Suppressed => marker(ds, loc),
        Cell::Missing => loc.message("stats-missing", &[]),
    }
}

/// The column header of category `c` (its short label when the site has one), with "% of …"
/// when its percentages are not of the total and no short label says so already.
fn category_header(ds: &Published, c: usize, loc: &dyn Localizer) -> (String, Option<String>) {
    let category = &ds.categories()[c];
    let label = loc.short(category.label());
    let has_short = label != loc.message(category.label(), &[]);
    let base = category.of().filter(|_| !has_short).map(|p| {
        format!(
            "{} {}",
            loc.message("stats-percent-of", &[]),
            loc.short(ds.categories()[p].label())
        )
    });
    (label, base)
}

/// Every colour the chart draws with, for contrast tests.
#[cfg(test)]
pub(super) fn chart_colours() -> impl Iterator<Item = &'static str> {
    chart::PALETTE
        .iter()
        .copied()
        .chain([chart::INK, chart::MUTED])
}
