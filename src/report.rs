//! Reporting: diagnostics printed for people, at the edge (the command line, `serve`).
use std::io::Write;

use crate::diagnostic::{Diagnostics, Severity};

/// Prints the errors and warnings in file order to standard error; notes (such as which
/// statistics cells were hidden) are only counted, `ponte check` lists them.
pub fn print(diagnostics: &Diagnostics) {
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    let shown = Diagnostics(
        diagnostics
            .0
            .iter()
            .filter(|d| d.severity != Severity::Note)
            .cloned()
            .collect(),
    );
    let _ = err.write_all(render(&shown).as_bytes());
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

fn plural(n: usize, word: &str) -> String {
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
