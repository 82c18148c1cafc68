//! A statistics file being read: its path and text, to turn byte offsets into spans.
//!
//! In: a path (relative to the site root), the file's text and its line index. Out: [`Span`]s
//! for byte ranges. Shared by `raw` (the TOML reader) and `refuse` (the personal-data refusals),
//! which otherwise would depend on each other.

use std::ops::Range;
use std::path::Path;

use crate::diagnostic::{LineIndex, Span};

/// A file being read: its path (relative to the site root) and text, to turn offsets into spans.
#[derive(Clone, Copy)]
pub(super) struct Source<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    /// The text's line starts: every row has spans, and finding each line from the start
    /// of the file made large tables quadratic (10,000 rows: 33 s).
    pub lines: &'a LineIndex,
}

impl Source<'_> {
    pub fn span(&self, range: &Range<usize>) -> Span {
        self.lines.span(
            self.path,
            self.text,
            range.start,
            range.end.saturating_sub(range.start),
        )
    }
}
