//! Diagnostics: user mistakes and warnings, each pointing into a source file.
use std::fmt;
use std::path::{Path, PathBuf};

/// A place in a source file: 1-based line and column (in characters), and the line's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub file: PathBuf,
    pub line: usize,
    pub col: usize,
    pub len: usize,
    pub line_text: String,
}

impl Span {
    /// The span of `len` bytes at byte `offset` of `text`, which was read from `file`.
    pub fn from_offset(file: &Path, text: &str, offset: usize, len: usize) -> Span {
        let offset = offset.min(text.len());
        let offset = (0..=offset)
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let line = text[..offset].matches('\n').count() + 1;
        let col = text[line_start..offset].chars().count() + 1;
        let line_text = text[line_start..line_end]
            .trim_end_matches('\r')
            .to_string();
        let len = text[offset..line_end.max(offset)]
            .char_indices()
            .take_while(|(i, _)| *i < len)
            .count()
            .max(1);
        Span {
            file: file.to_path_buf(),
            line,
            col,
            len,
            line_text,
        }
    }

    /// A span covering a whole file with no particular position (line 1, column 1).
    pub fn file(file: &Path) -> Span {
        Span {
            file: file.to_path_buf(),
            line: 1,
            col: 1,
            len: 0,
            line_text: String::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Information that needs no action (e.g. which statistics cells were hidden).
    Note,
    Warning,
    Error,
}

/// One problem found in the user's site, with an optional place and a one-line hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub span: Option<Span>,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            span: None,
            hint: None,
        }
    }
    pub fn note(message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Note,
            message: message.into(),
            span: None,
            hint: None,
        }
    }
    pub fn warning(message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            message: message.into(),
            span: None,
            hint: None,
        }
    }
    pub fn at(mut self, span: Span) -> Diagnostic {
        self.span = Some(span);
        self
    }
    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        write!(f, "{kind}: {}", self.message)?;
        if let Some(span) = &self.span {
            write!(
                f,
                "\n  --> {}:{}:{}",
                span.file.display(),
                span.line,
                span.col
            )?;
            if !span.line_text.is_empty() {
                let gutter = span.line.to_string().len();
                write!(
                    f,
                    "\n{:gutter$} |\n{} | {}\n{:gutter$} | {}{}",
                    "",
                    span.line,
                    span.line_text
                        .chars()
                        .map(|c| if c.is_control() && c != '\t' {
                            '\u{fffd}'
                        } else {
                            c
                        })
                        .collect::<String>(),
                    "",
                    " ".repeat(span.col - 1),
                    "^".repeat(span.len.max(1))
                )?;
            }
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  = hint: {hint}")?;
        }
        Ok(())
    }
}

/// Diagnostics collected from one stage. A stage returns its value together with these, so
/// every problem is reported at once and the driver decides whether to go on.
#[derive(Debug, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }
    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }
    pub fn warning_count(&self) -> usize {
        self.0
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }
    pub fn note_count(&self) -> usize {
        self.0
            .iter()
            .filter(|d| d.severity == Severity::Note)
            .count()
    }
    /// Takes the notes out, leaving errors and warnings.
    pub fn take_notes(&mut self) -> Vec<Diagnostic> {
        let (notes, rest) = std::mem::take(&mut self.0)
            .into_iter()
            .partition(|d| d.severity == Severity::Note);
        self.0 = rest;
        notes
    }
    /// Sorts into a stable order: by file, line, column, then message.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            let key = |d: &Diagnostic| {
                d.span
                    .as_ref()
                    .map(|s| (s.file.clone(), s.line, s.col))
                    .unwrap_or_default()
            };
            key(a)
                .cmp(&key(b))
                .then_with(|| b.severity.cmp(&a.severity))
                .then_with(|| a.message.cmp(&b.message))
        });
        self.0.dedup();
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}
