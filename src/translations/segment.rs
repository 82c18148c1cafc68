//! A Markdown body cut into the pieces a translator translates: one [`Segment`] per
//! paragraph, heading, list item and table cell, each a run of text and protected markup
//! (links' addresses, emphasis marks, inline code, shortcodes, heading ids).
//!
//! Pure: ranges point into the body given, so that the body can be rebuilt exactly.
use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::markdown::shortcode;

/// A stretch of a segment: text to translate, or markup to keep as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(Range<usize>),
    Code(Range<usize>),
}

/// One translatable block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub range: Range<usize>,
    pub pieces: Vec<Piece>,
}

impl Segment {
    /// The markup it protects, in order.
    pub fn codes<'a>(&self, body: &'a str) -> Vec<&'a str> {
        self.pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Code(r) => Some(&body[r.clone()]),
                Piece::Text(_) => None,
            })
            .collect()
    }

    /// Its text without markup (for comparing and counting words).
    pub fn text(&self, body: &str) -> String {
        self.pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Text(r) => Some(&body[r.clone()]),
                Piece::Code(_) => None,
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[derive(Default)]
struct Open {
    /// Ranges of every inline event (they bound the segment).
    bounds: Option<Range<usize>>,
    /// Ranges that are text to translate.
    text: Vec<Range<usize>>,
}

impl Open {
    fn touch(&mut self, r: &Range<usize>) {
        self.bounds = Some(match self.bounds.take() {
            None => r.clone(),
            Some(b) => b.start.min(r.start)..b.end.max(r.end),
        });
    }
}

/// Cuts `body` into segments, in order.
pub fn segments(body: &str) -> Vec<Segment> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let shortcodes: Vec<Range<usize>> = shortcode::find_calls(body)
        .map(|calls| calls.into_iter().map(|c| c.range).collect())
        .unwrap_or_default();
    let mut out = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut autolinks = 0usize;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::TableCell | Tag::Item) => {
                stack.push(Open::default())
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell | TagEnd::Item,
            ) => {
                if let Some(open) = stack.pop() {
                    finish(body, open, &shortcodes, &mut out);
                }
            }
            Event::Start(
                Tag::List(_)
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::HtmlBlock
                | Tag::Table(_)
                | Tag::FootnoteDefinition(_),
            ) => {
                // A block inside a list item ends the item's own text.
                if let Some(open) = stack.last_mut() {
                    let done = std::mem::take(open);
                    finish(body, done, &shortcodes, &mut out);
                }
            }
            Event::Start(tag) => {
                if let Tag::Link {
                    link_type: LinkType::Autolink | LinkType::Email,
                    ..
                } = tag
                {
                    autolinks += 1;
                }
                if let Some(open) = stack.last_mut() {
                    open.touch(&range);
                }
            }
            Event::End(tag) => {
                if matches!(tag, TagEnd::Link) && autolinks > 0 {
                    // Only autolinks were counted; a plain link inside one cannot happen.
                    let inside = body[range.clone()].starts_with('<');
                    if inside {
                        autolinks -= 1;
                    }
                }
                if let Some(open) = stack.last_mut() {
                    open.touch(&range);
                }
            }
            Event::Text(_) | Event::SoftBreak => {
                if let Some(open) = stack.last_mut() {
                    open.touch(&range);
                    if autolinks == 0 {
                        open.text.push(range);
                    }
                }
            }
            _ => {
                if let Some(open) = stack.last_mut() {
                    open.touch(&range);
                }
            }
        }
    }
    out
}

fn finish(body: &str, open: Open, shortcodes: &[Range<usize>], out: &mut Vec<Segment>) {
    let Some(bounds) = open.bounds else {
        return;
    };
    let len = bounds.len();
    let mut is_text = vec![false; len];
    for r in &open.text {
        for i in r.start.max(bounds.start)..r.end.min(bounds.end) {
            is_text[i - bounds.start] = true;
        }
    }
    for r in shortcodes {
        for i in r.start.max(bounds.start)..r.end.min(bounds.end) {
            is_text[i - bounds.start] = false;
        }
    }
    // Runs of equal kind; markup that is only whitespace counts as text.
    let mut runs: Vec<(Range<usize>, bool)> = Vec::new();
    let mut i = bounds.start;
    while i < bounds.end {
        let kind = is_text[i - bounds.start];
        let mut j = i;
        while j < bounds.end && is_text[j - bounds.start] == kind {
            j += 1;
        }
        while !body.is_char_boundary(j) {
            j += 1;
        }
        let kind = kind || body[i..j].trim().is_empty();
        match runs.last_mut() {
            Some((r, k)) if *k == kind => r.end = j,
            _ => runs.push((i..j, kind)),
        }
        i = j;
    }
    // Whitespace at either end stays outside the segment.
    if let Some((r, true)) = runs.first_mut() {
        let trimmed = body[r.clone()].trim_start();
        r.start = r.end - trimmed.len();
    }
    if let Some((r, true)) = runs.last_mut() {
        let trimmed = body[r.clone()].trim_end();
        r.end = r.start + trimmed.len();
    }
    runs.retain(|(r, _)| !r.is_empty());
    let translatable = runs
        .iter()
        .any(|(r, t)| *t && body[r.clone()].chars().any(char::is_alphanumeric));
    if !translatable {
        return;
    }
    let range = runs[0].0.start..runs[runs.len() - 1].0.end;
    let pieces = runs
        .into_iter()
        .map(|(r, t)| if t { Piece::Text(r) } else { Piece::Code(r) })
        .collect();
    out.push(Segment { range, pieces });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(body: &str) -> Vec<String> {
        segments(body)
            .iter()
            .map(|s| {
                s.pieces
                    .iter()
                    .map(|p| match p {
                        Piece::Text(r) => body[r.clone()].to_string(),
                        Piece::Code(r) => format!("<{}>", &body[r.clone()]),
                    })
                    .collect::<String>()
            })
            .collect()
    }

    #[test]
    fn blocks_and_inline_markup() {
        let body = "## Who we are {#who}\n\nText with [a link](@/a.md#x) and **bold**\nover two lines.\n\n- one `code`\n- two\n  - nested\n\n| A | B |\n|---|---|\n| c | d |\n\n{{ stats(id=\"x\") }}\n\nSee {{ video(id=\"v\") }} now.\n\n```\ncode block\n```\n";
        assert_eq!(
            show(body),
            vec![
                "Who we are",
                "Text with <[>a link<](@/a.md#x)> and <**>bold<**>\nover two lines.",
                "one <`code`>",
                "two",
                "nested",
                "A",
                "B",
                "c",
                "d",
                "See <{{ video(id=\"v\") }}> now.",
            ]
        );
    }

    #[test]
    fn images_keep_their_file_and_autolinks_are_markup() {
        let body = "![Two trainers](photo.jpg)\n\nWrite to <info@example.org> please.\n";
        assert_eq!(
            show(body),
            vec![
                "<![>Two trainers<](photo.jpg)>",
                "Write to <<info@example.org>> please."
            ]
        );
    }
}
