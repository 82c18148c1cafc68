//! Tests of the statistics stage: shared helpers and fake localizers.
//!
//! `suppression` checks the disclosure rules on hand-made tables, `errors` the refusals with
//! their exact file:line:col, `golden` the HTML/SVG/CSV output in English and Greek against
//! files in `src/stats/testdata/` (rewrite them with `PONTE_BLESS=1 cargo test`), and `real` the
//! WIN figures in `content/stats/`.

mod brute_force;
mod errors;
mod golden;
mod real;
mod suppression;

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::{load, Datasets, Localizer, SourceFile, StatsConfig};
use crate::diagnostic::Diagnostic;

/// Loads `(file name, text)` pairs as if from `content/stats/`.
pub(super) fn load_files(files: &[(&str, &str)], min_count: u32) -> (Datasets, Vec<Diagnostic>) {
    let files: Vec<SourceFile> = files
        .iter()
        .map(|(name, text)| SourceFile {
            path: PathBuf::from("content/stats").join(name),
            text: text.to_string(),
        })
        .collect();
    load(
        &files,
        &StatsConfig {
            min_count,
            ..StatsConfig::default()
        },
    )
}

pub(super) fn errors(diags: &[Diagnostic]) -> Vec<&Diagnostic> {
    diags.iter().filter(|d| d.is_error()).collect()
}

/// A localizer with a fixed dictionary and the number format of English or Greek.
pub(super) struct FakeLocalizer {
    lang: &'static str,
    messages: BTreeMap<&'static str, &'static str>,
    group_separator: char,
    decimal_separator: char,
}

impl FakeLocalizer {
    pub fn english(messages: &[(&'static str, &'static str)]) -> FakeLocalizer {
        FakeLocalizer {
            lang: "en",
            messages: messages.iter().copied().collect(),
            group_separator: ',',
            decimal_separator: '.',
        }
    }

    pub fn greek(messages: &[(&'static str, &'static str)]) -> FakeLocalizer {
        FakeLocalizer {
            lang: "el",
            messages: messages.iter().copied().collect(),
            group_separator: '.',
            decimal_separator: ',',
        }
    }
}

impl Localizer for FakeLocalizer {
    fn lang(&self) -> &str {
        self.lang
    }

    fn message(&self, id: &str, args: &[(&str, f64)]) -> String {
        let mut text = self
            .messages
            .get(id)
            .map_or_else(|| format!("??{id}??"), |m| m.to_string());
        for (name, value) in args {
            text = text.replace(&format!("{{ ${name} }}"), &self.number(*value, 0));
        }
        text
    }

    fn number(&self, value: f64, fraction_digits: usize) -> String {
        let text = format!("{value:.fraction_digits$}");
        let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
        let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(self.group_separator);
            }
            grouped.push(c);
        }
        if frac.is_empty() {
            format!("{sign}{grouped}")
        } else {
            format!("{sign}{grouped}{}{frac}", self.decimal_separator)
        }
    }

    fn percent(&self, ratio: f64, fraction_digits: usize) -> String {
        format!("{}%", self.number(ratio * 100.0, fraction_digits))
    }
}

#[test]
fn fake_localizers_format_numbers_like_their_locale() {
    let en = FakeLocalizer::english(&[]);
    let el = FakeLocalizer::greek(&[]);
    assert_eq!(en.number(12345.6, 1), "12,345.6");
    assert_eq!(el.number(12345.6, 1), "12.345,6");
    assert_eq!(en.percent(0.456, 1), "45.6%");
    assert_eq!(el.percent(0.456, 1), "45,6%");
    assert_eq!(en.number(14.0, 0), "14");
}
