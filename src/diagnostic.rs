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

/// Where each line of a text starts, so that many offsets become spans without reading the
/// text from its start each time (a file with 10,000 rows has tens of thousands of spans).
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// The same span as [`Span::from_offset`] gives, found by binary search.
    pub fn span(&self, file: &Path, text: &str, offset: usize, len: usize) -> Span {
        let offset = offset.min(text.len());
        let offset = (0..=offset)
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        let line = self.starts.partition_point(|&s| s <= offset);
        let line_start = self.starts[line - 1];
        let line_end = self
            .starts
            .get(line)
            .map_or(text.len(), |next| next - 1)
            .max(offset);
        let len = text[offset..line_end]
            .char_indices()
            .take_while(|(i, _)| *i < len)
            .count()
            .max(1);
        Span {
            file: file.to_path_buf(),
            line,
            col: text[line_start..offset].chars().count() + 1,
            len,
            line_text: text[line_start..line_end]
                .trim_end_matches('\r')
                .to_string(),
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

/// A character as it may be printed to a terminal: control characters (NUL, ESC…) as their
/// visible pictures (␀, ␛), bidirectional overrides as �, so a message can neither hide text
/// nor drive the terminal. One character in, one out: columns stay true.
fn visible(c: char) -> char {
    match c {
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => '\u{fffd}',
        c => c,
    }
}

/// `text` with every character made [`visible`] (tabs and newlines too).
pub fn escape_controls(text: &str) -> String {
    text.chars().map(visible).collect()
}

/// The longest source line printed whole; longer ones are cut around the column.
const MAX_LINE: usize = 100;

/// The source line as printed (tabs kept, other controls visible), cut to a window around
/// `col` when it is long, with the caret column in that window.
fn excerpt(line: &str, col: usize) -> (String, usize) {
    let chars: Vec<char> = line
        .chars()
        .map(|c| if c == '\t' { c } else { visible(c) })
        .collect();
    if chars.len() <= MAX_LINE {
        return (chars.into_iter().collect(), col);
    }
    let start = col
        .saturating_sub(1)
        .saturating_sub(MAX_LINE / 2)
        .min(chars.len());
    let end = (start + MAX_LINE).min(chars.len());
    let mut out = String::new();
    let mut caret = col - start;
    if start > 0 {
        out.push('…');
        caret += 1;
    }
    out.extend(&chars[start..end]);
    if end < chars.len() {
        out.push('…');
    }
    (out, caret)
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        // A message may run over several indented lines (a diff); any other line break, and
        // every other control character, is made visible.
        let chars: Vec<char> = self.message.chars().collect();
        let message: String = chars
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                if c == '\n' && chars.get(i + 1) == Some(&' ') {
                    c
                } else {
                    visible(c)
                }
            })
            .collect();
        write!(f, "{kind}: {message}")?;
        if let Some(span) = &self.span {
            write!(
                f,
                "\n  --> {}:{}:{}",
                escape_controls(&span.file.display().to_string()),
                span.line,
                span.col
            )?;
            if !span.line_text.is_empty() {
                let gutter = span.line.to_string().len();
                let (text, caret) = excerpt(&span.line_text, span.col.max(1));
                let room = text.chars().count().saturating_sub(caret - 1).max(1);
                write!(
                    f,
                    "\n{:gutter$} |\n{} | {}\n{:gutter$} | {}{}",
                    "",
                    span.line,
                    text,
                    "",
                    " ".repeat(caret - 1),
                    "^".repeat(span.len.clamp(1, room))
                )?;
            }
        }
        if let Some(hint) = &self.hint {
            // A hint may show several lines of a fix; each stays visible and indented.
            let hint: String = hint
                .split('\n')
                .map(escape_controls)
                .collect::<Vec<_>>()
                .join("\n          ");
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
