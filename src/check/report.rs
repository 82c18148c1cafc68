//! `ponte check`: the whole build in memory, then the checks over what it made, as one
//! numbered report (text for people, JSON for tools). Nothing is written to disk.
use std::fmt::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::build::{build, BuildOptions};
use crate::diagnostic::{Diagnostic, Diagnostics, Severity, Span};
use crate::output::links;
use crate::output::MemoryOutput;
use crate::report::counts;
use crate::translations::coverage::Coverage;

/// How the report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

/// The outcome of `ponte check`.
pub struct Report {
    pub problems: Diagnostics,
    pub coverage: Option<Coverage>,
    pub pages: usize,
}

impl Report {
    /// Clean means no error and no warning (notes, such as hidden statistics cells, are fine).
    pub fn is_clean(&self) -> bool {
        self.problems.error_count() + self.problems.warning_count() == 0
    }
}

/// Builds the site at `root` in memory and checks everything.
pub fn check(root: &Path, strict: bool) -> Report {
    check_at(root, strict, None)
}

/// Like [`check`], as published at `base_url` instead of ponte.toml's (e.g. a sub-path).
pub fn check_at(root: &Path, strict: bool, base_url: Option<String>) -> Report {
    let options = BuildOptions {
        root: root.to_path_buf(),
        base_url,
        drafts: false,
        strict,
        serve: false,
    };
    let memory = MemoryOutput::default();
    match build(&options, &memory) {
        Err(problems) => Report {
            problems,
            coverage: None,
            pages: 0,
        },
        Ok(summary) => {
            let files = memory.into_files();
            let mut problems = summary.warnings;
            problems.extend(links::page_structure(
                &files,
                &summary.base_url,
                &summary.page_sources,
            ));
            // Outdated and untranslated-looking translations (`build --strict` already
            // reported them as errors).
            if let Ok((config, sources)) = crate::load::load(root) {
                if !strict {
                    let status = crate::translations::status::compute(
                        root,
                        &config,
                        &sources.pages,
                        &sources.locales,
                    );
                    problems.extend(status.problems(false));
                }
                // The terminology of locales/LANG/terms.toml (only here: the build does not
                // look for it).
                problems.extend(super::terms::check_site(root, &config, &sources));
            }
            let unused = &summary.coverage.unused_messages;
            if !unused.is_empty() {
                let folder = PathBuf::from("locales").join(&summary.coverage.languages[0]);
                problems.push(
                    Diagnostic::warning(format!("{} interface message(s) are never used: {}", unused.len(), unused.join(", ")))
                        .at(Span::file(&folder))
                        .hint("remove them from every language, or use them in a template with t(key=\"…\")"),
                );
            }
            problems.sort();
            Report {
                problems,
                coverage: Some(summary.coverage),
                pages: summary.pages,
            }
        }
    }
}

/// The report as text: numbered problems, then the translation coverage of incomplete pages.
pub fn text(report: &Report) -> String {
    let mut out = String::new();
    for (i, d) in report.problems.0.iter().enumerate() {
        let _ = writeln!(out, "{}. {d}\n", i + 1);
    }
    if let Some(c) = &report.coverage {
        let incomplete: Vec<&(String, Vec<bool>)> = c
            .pages
            .iter()
            .filter(|(_, has)| has.iter().any(|h| !h))
            .collect();
        let _ = writeln!(
            out,
            "Translations: {} pages in {} languages, {} incomplete.",
            c.pages.len(),
            c.languages.len(),
            incomplete.len()
        );
        if !incomplete.is_empty() {
            let width = incomplete
                .iter()
                .map(|(k, _)| k.chars().count())
                .max()
                .unwrap_or(0);
            let _ = writeln!(out, "  {:width$}  {}", "", c.languages.join("  "));
            for (key, has) in incomplete {
                let marks: Vec<String> = has
                    .iter()
                    .zip(&c.languages)
                    .map(|(h, l)| {
                        format!("{:<w$}", if *h { "✓" } else { "–" }, w = l.chars().count())
                    })
                    .collect();
                let row = format!("  {key:width$}  {}", marks.join("  "));
                let _ = writeln!(out, "{}", row.trim_end());
            }
        }
        let missing: usize = c
            .messages
            .iter()
            .map(|(_, has)| has.iter().filter(|h| !**h).count())
            .sum();
        let _ = writeln!(
            out,
            "Interface messages: {} ids, {} missing translations, {} unused.",
            c.messages.len(),
            missing,
            c.unused_messages.len()
        );
    }
    let verdict = if report.is_clean() {
        "clean"
    } else {
        "not clean"
    };
    let _ = writeln!(
        out,
        "ponte check: {}, {}: {verdict}",
        crate::report::plural(report.pages, "page"),
        counts(&report.problems)
    );
    out
}

#[derive(Serialize)]
struct JsonProblem<'a> {
    number: usize,
    severity: &'static str,
    message: &'a str,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    hint: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    clean: bool,
    pages: usize,
    errors: usize,
    warnings: usize,
    notes: usize,
    problems: Vec<JsonProblem<'a>>,
    coverage: Option<&'a Coverage>,
}

/// The report as JSON, for tools.
pub fn json(report: &Report) -> String {
    let problems = report
        .problems
        .0
        .iter()
        .enumerate()
        .map(|(i, d)| JsonProblem {
            number: i + 1,
            severity: match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "note",
            },
            message: &d.message,
            file: d.span.as_ref().map(|s| s.file.display().to_string()),
            line: d.span.as_ref().map(|s| s.line),
            column: d.span.as_ref().map(|s| s.col),
            hint: d.hint.as_deref(),
        })
        .collect();
    let doc = JsonReport {
        clean: report.is_clean(),
        pages: report.pages,
        errors: report.problems.error_count(),
        warnings: report.problems.warning_count(),
        notes: report.problems.note_count(),
        problems,
        coverage: report.coverage.as_ref(),
    };
    serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}")) + "\n"
}
