//! Reporting: diagnostics printed for people, at the edge (the command line, `serve`).
use std::io::Write;

use crate::diagnostic::Diagnostics;

/// Prints every diagnostic, errors and warnings in file order, to standard error.
pub fn print(diagnostics: &Diagnostics) {
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    let _ = err.write_all(render(diagnostics).as_bytes());
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
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let (e, w) = (diagnostics.error_count(), diagnostics.warning_count());
    match (e, w) {
        (0, 0) => "no problems".to_string(),
        (e, 0) => plural(e, "error"),
        (0, w) => plural(w, "warning"),
        (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
    }
}
