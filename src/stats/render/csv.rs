//! The CSV download of a published dataset.
//!
//! In: a [`Published`] dataset and a [`Localizer`]. Out: RFC 4180 CSV (CRLF line ends, UTF-8
//! with a byte-order mark so spreadsheet programs read Greek or Cyrillic correctly). Headers are
//! localized; numbers are plain (`93.3`, not `93,3`) so any program can read them; a hidden
//! cell is the localized marker text and a missing one is empty.

use super::{category_header, marker, Localizer};
use crate::stats::model::{Cell, Published};

/// The published table as CSV, headers in the localizer's language.
pub fn render_csv(ds: &Published, loc: &dyn Localizer) -> String {
    let mut lines: Vec<Vec<String>> = Vec::new();
    let mut header = Vec::new();
    if let Some(group_label) = ds.group_label() {
        header.push(loc.message(group_label, &[]));
    }
    header.push(loc.message(ds.row_label(), &[]));
    header.push(loc.message(ds.total_label(), &[]));
    for c in 0..ds.categories().len() {
        let (label, base) = category_header(ds, c, loc);
        header.push(label.clone());
        header.push(match base {
            Some(base) => format!("{label} ({base})"),
            None => format!("{label} (%)"),
        });
    }
    lines.push(header);
    let hidden = marker(ds, loc);
    for group in ds.groups() {
        for row in group.rows() {
            let mut line = Vec::new();
            if ds.group_label().is_some() {
                line.push(
                    group
                        .label()
                        .map(|l| loc.message(l, &[]))
                        .unwrap_or_default(),
                );
            }
            line.push(loc.message(row.label(), &[]));
            line.push(match row.total() {
                Cell::Count { count, .. } => count.to_string(),
                Cell::Suppressed => hidden.clone(),
                Cell::Missing => String::new(),
            });
            for &cell in row.cells() {
                match cell {
                    Cell::Count { count, ratio } => {
                        line.push(count.to_string());
                        line.push(
                            ratio
                                .map(|r| format!("{:.1}", r * 100.0))
                                .unwrap_or_default(),
                        );
                    }
                    Cell::Suppressed => {
                        line.push(hidden.clone());
                        line.push(hidden.clone());
                    }
                    Cell::Missing => {
                        line.push(String::new());
                        line.push(String::new());
                    }
                }
            }
            lines.push(line);
        }
    }
    let mut out = String::from("\u{feff}");
    for line in lines {
        let fields: Vec<String> = line.iter().map(|f| field(f)).collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

fn field(text: &str) -> String {
    if text.contains([',', '"', '\r', '\n']) || text.starts_with(' ') || text.ends_with(' ') {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}
