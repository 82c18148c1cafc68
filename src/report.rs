//! Reporting: diagnostics printed for people, at the edge (the command line, `serve`).
use std::io::Write;

use crate::diagnostic::{Diagnostics, Severity};

/// Prints the errors and warnings in file order to standard error; notes (such as which
/// statistics cells were hidden) are only counted, `ponte check` lists them. In colour on a
/// terminal (none when piped, or with `NO_COLOR` set).
pub fn print(diagnostics: &Diagnostics) {
    let shown = Diagnostics(
        diagnostics
            .0
            .iter()
            .filter(|d| d.severity != Severity::Note)
            .cloned()
            .collect(),
    );
    let mut err = anstream::stderr().lock();
    let _ = err.write_all(styled(&render(&shown)).as_bytes());
}

/// Colours a rendered report: `error` red, `warning` yellow, the `file:line:col` and the
/// caret bold, `hint` cyan. [`anstream`] drops the colours where the reader is no terminal.
pub fn styled(text: &str) -> String {
    use anstyle::{AnsiColor, Style};
    let paint = |style: Style, s: &str| format!("{style}{s}{style:#}");
    let error = AnsiColor::Red.on_default().bold();
    let warning = AnsiColor::Yellow.on_default().bold();
    let hint = AnsiColor::Cyan.on_default().bold();
    let bold = Style::new().bold();
    let mut out = String::with_capacity(text.len() + 64);
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        if let Some(rest) = body.strip_prefix("error:") {
            out.push_str(&paint(error, "error"));
            out.push(':');
            out.push_str(&paint(bold, rest));
        } else if let Some(rest) = body.strip_prefix("warning:") {
            out.push_str(&paint(warning, "warning"));
            out.push(':');
            out.push_str(&paint(bold, rest));
        } else if let Some(rest) = body.strip_prefix("  --> ") {
            out.push_str("  --> ");
            out.push_str(&paint(bold, rest));
        } else if let Some(rest) = body.strip_prefix("  = hint:") {
            out.push_str("  = ");
            out.push_str(&paint(hint, "hint"));
            out.push(':');
            out.push_str(rest);
        } else if is_caret_line(body) {
            let at = body.find('^').unwrap_or(body.len());
            out.push_str(&body[..at]);
            out.push_str(&paint(error, &body[at..]));
        } else {
            out.push_str(body);
        }
        out.push_str(end);
    }
    out
}

/// The line under a quoted source line: `  |    ^^^`.
fn is_caret_line(line: &str) -> bool {
    line.trim_start().strip_prefix('|').is_some_and(|rest| {
        let marks = rest.trim();
        !marks.is_empty() && marks.chars().all(|c| c == '^')
    })
}

/// How long something took, in the one unit ponte uses everywhere: "0.42 s".
pub fn seconds(secs: f64) -> String {
    format!("{secs:.2} s")
}

/// The text [`print`] writes.
pub fn render(diagnostics: &Diagnostics) -> String {
    let mut out = String::new();
    for d in &diagnostics.0 {
        out.push_str(&d.to_string());
        out.push_str("\n\n");
    }
    out
}

/// "2 errors, 1 warning".
pub fn counts(diagnostics: &Diagnostics) -> String {
    let (e, w) = (diagnostics.error_count(), diagnostics.warning_count());
    let notes = diagnostics.note_count();
    let counted = counts_of(e, w);
    match notes {
        0 => counted,
        n => format!("{counted}, {}", plural(n, "note")),
    }
}

/// "1 page", "2 pages".
pub fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn counts_of(e: usize, w: usize) -> String {
    match (e, w) {
        (0, 0) => "no problems".to_string(),
        (e, 0) => plural(e, "error"),
        (0, w) => plural(w, "warning"),
        (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_pluralised() {
        assert_eq!(plural(1, "page"), "1 page");
        assert_eq!(plural(2, "page"), "2 pages");
        assert_eq!(plural(0, "language"), "0 languages");
    }

    #[test]
    fn reports_are_coloured_line_by_line() {
        let text = "error: bad\n  --> a.md:1:2\n  |\n1 | x\n  | ^\n  = hint: fix it\n";
        let styled = styled(text);
        assert!(styled.contains("\u{1b}["), "{styled:?}");
        let plain: String = anstream::adapter::strip_str(&styled).to_string();
        assert_eq!(plain, text);
    }
}
