//! Markdown → Typst markup, for the bodies of leaflets and slides.
//!
//! In: a Markdown body. Out: Typst markup that shows exactly that text, or the places of the
//! Markdown constructs a printed document cannot hold (images). Raw HTML prints as text,
//! without the tags of the site's folds and emphasis. Everything that comes from the content is escaped: text goes through [`escape`]
//! (markup) or [`string`] (string literals), and every structure is a function call with
//! content blocks, so no sequence of characters in a page can turn into Typst code, math, a
//! label, a reference or a comment.
use std::fmt::Write;
use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// A link the converter had no address for: (the link as written, its byte range).
pub type BrokenLink = (String, Range<usize>);

/// A Markdown construct the converter does not support, with its byte range in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsupported {
    pub what: &'static str,
    pub range: Range<usize>,
}

/// Characters that mean something in Typst markup somewhere: escaped wherever they appear.
/// (`"` and `'` only become typographic quotes, so they are left alone.)
const SPECIAL: &[char] = &[
    '\\', '#', '$', '*', '_', '`', '<', '>', '@', '[', ']', '~', '-', '+', '=', '/', '.', ':', '{',
    '}', '(', ')', ';', '!', '?', '%', '&', '|', '^', ',',
];

/// Text as Typst markup that shows it literally.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if SPECIAL.contains(&c) => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Text as a Typst string literal, quotes included.
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The links of a Markdown body whose target must never be published (`javascript:`,
/// `vbscript:`, `file:`, `data:`), with the scheme and the link's byte range.
pub fn forbidden_links(markdown: &str) -> Vec<(&'static str, Range<usize>)> {
    Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
    .into_offset_iter()
    .filter_map(|(event, range)| match event {
        Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
            crate::markdown::forbidden_scheme(&dest_url).map(|s| (s, range))
        }
        _ => None,
    })
    .collect()
}

/// Converts a Markdown body to Typst markup. Headings `#` and `##` both become level 2
/// (level 1 is the document's title, set by the template).
pub fn to_typst(markdown: &str) -> (String, Vec<Unsupported>) {
    let (markup, unsupported, _) = to_typst_linked(markdown, &|url| Some(url.to_string()));
    (markup, unsupported)
}

/// [`to_typst`], with every link's address passed through `link` (which turns `@/page.md`
/// into the page's full address); the links it has no address for are returned with their
/// byte ranges.
pub fn to_typst_linked(
    markdown: &str,
    link: &dyn Fn(&str) -> Option<String>,
) -> (String, Vec<Unsupported>, Vec<BrokenLink>) {
    to_typst_with(markdown, link, &[])
}

/// The start of a placeholder for a block made elsewhere (a statistics table): the
/// character, the block's index in decimal digits, any filler, then [`PLACEHOLDER_END`].
pub const PLACEHOLDER_START: char = '\u{E000}';
pub const PLACEHOLDER_END: char = '\u{E001}';

/// [`to_typst_linked`], where each placeholder `PLACEHOLDER_START N … PLACEHOLDER_END` in the
/// text is replaced by `blocks[N]`, Typst markup that the caller made safe (a statistics table
/// drawn by a template function whose every argument is a string literal).
pub fn to_typst_with(
    markdown: &str,
    link: &dyn Fn(&str) -> Option<String>,
    blocks: &[String],
) -> (String, Vec<Unsupported>, Vec<BrokenLink>) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES;
    // Footnote definitions are set where they are referenced: take them out of the flow.
    let mut main = Vec::new();
    let mut notes: std::collections::HashMap<String, Vec<(Event, Range<usize>)>> =
        Default::default();
    let mut open: Option<String> = None;
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        match event {
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let label = label.to_string();
                notes.entry(label.clone()).or_default();
                open = Some(label);
            }
            Event::End(TagEnd::FootnoteDefinition) => open = None,
            event => match &open {
                Some(label) => notes.entry(label.clone()).or_default().push((event, range)),
                None => main.push((event, range)),
            },
        }
    }
    let mut converter = Converter {
        out: String::with_capacity(markdown.len() * 2),
        problems: Vec::new(),
        broken: Vec::new(),
        depth: 0,
        in_image: 0,
        in_code_block: false,
        placeholder: None,
        notes: &notes,
        active: Vec::new(),
        link,
        blocks,
    };
    converter.emit(&main);
    debug_assert_eq!(converter.depth, 0);
    let Converter {
        mut out,
        problems,
        broken,
        ..
    } = converter;
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    (out, problems, broken)
}

type Note<'m> = Vec<(Event<'m>, Range<usize>)>;

struct Converter<'a, 'm> {
    out: String,
    problems: Vec<Unsupported>,
    broken: Vec<BrokenLink>,
    /// Open content blocks and argument lists, to check that every one is closed.
    depth: usize,
    /// Inside an image: its alt text is dropped along with it.
    in_image: usize,
    in_code_block: bool,
    /// The digits of a placeholder being read.
    placeholder: Option<String>,
    notes: &'a std::collections::HashMap<String, Note<'m>>,
    /// The footnotes being set (a note that refers to itself is not set again).
    active: Vec<String>,
    link: &'a dyn Fn(&str) -> Option<String>,
    blocks: &'a [String],
}

impl Converter<'_, '_> {
    fn emit(&mut self, events: &[(Event, Range<usize>)]) {
        for (event, range) in events {
            self.event(event, range);
        }
    }

    fn text(&mut self, text: &str) {
        let mut plain = String::new();
        for c in text.chars() {
            match (&mut self.placeholder, c) {
                (None, PLACEHOLDER_START) => {
                    self.out.push_str(&escape(&plain));
                    plain.clear();
                    self.placeholder = Some(String::new());
                }
                (Some(digits), PLACEHOLDER_END) => {
                    let index: Option<usize> = digits.trim_end_matches('x').parse().ok();
                    self.placeholder = None;
                    if let Some(block) = index.and_then(|i| self.blocks.get(i)) {
                        self.out.push_str(block);
                    }
                }
                (Some(digits), c) => {
                    if c.is_ascii_digit() && !digits.contains('x') {
                        digits.push(c);
                    } else {
                        digits.push('x');
                    }
                }
                (None, c) => plain.push(c),
            }
        }
        self.out.push_str(&escape(&plain));
    }

    fn event(&mut self, event: &Event, range: &Range<usize>) {
        let out = &mut self.out;
        if self.in_image > 0 {
            match event {
                Event::Start(Tag::Image { .. }) => self.in_image += 1,
                Event::End(TagEnd::Image) => self.in_image -= 1,
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => {}
                Tag::Heading { level, .. } => {
                    let level = match level {
                        HeadingLevel::H1 | HeadingLevel::H2 => 2,
                        HeadingLevel::H3 => 3,
                        _ => 4,
                    };
                    let _ = write!(out, "#heading(level: {level})[");
                    self.depth += 1;
                }
                Tag::BlockQuote(_) => {
                    out.push_str("#quote(block: true)[");
                    self.depth += 1;
                }
                Tag::CodeBlock(_) => {
                    out.push_str("#raw(block: true, ");
                    self.in_code_block = true;
                }
                Tag::List(start) => {
                    match start {
                        Some(n) => {
                            let _ = write!(out, "#enum(start: {n}, ");
                        }
                        None => out.push_str("#list("),
                    }
                    self.depth += 1;
                }
                Tag::Item => {
                    out.push('[');
                    self.depth += 1;
                }
                Tag::Emphasis => {
                    out.push_str("#emph[");
                    self.depth += 1;
                }
                Tag::Strong => {
                    out.push_str("#strong[");
                    self.depth += 1;
                }
                Tag::Strikethrough => {
                    out.push_str("#strike[");
                    self.depth += 1;
                }
                Tag::Link { dest_url, .. } => {
                    // A target that would run code or open the reader's files is never
                    // printed as a link (see [`forbidden_links`]): only its text stays.
                    if crate::markdown::forbidden_scheme(dest_url).is_some() {
                        out.push_str("#[");
                    } else {
                        let url = (self.link)(dest_url).unwrap_or_else(|| {
                            self.broken.push((dest_url.to_string(), range.clone()));
                            dest_url.to_string()
                        });
                        let _ = write!(out, "#link({})[", string(&url));
                    }
                    self.depth += 1;
                }
                Tag::Image { .. } => {
                    self.problems.push(Unsupported {
                        what: "an image",
                        range: range.clone(),
                    });
                    self.in_image = 1;
                }
                Tag::Table(alignments) => {
                    let _ = write!(out, "#table(columns: {}, ", alignments.len().max(1));
                    self.depth += 1;
                }
                Tag::TableHead => {
                    out.push_str("table.header(");
                    self.depth += 1;
                }
                Tag::TableRow => {}
                Tag::TableCell => {
                    out.push('[');
                    self.depth += 1;
                }
                Tag::HtmlBlock => {}
                Tag::FootnoteDefinition(_)
                | Tag::DefinitionList
                | Tag::DefinitionListTitle
                | Tag::DefinitionListDefinition
                | Tag::MetadataBlock(_)
                | Tag::Superscript
                | Tag::Subscript => {
                    self.problems.push(Unsupported {
                        what: "this kind of Markdown",
                        range: range.clone(),
                    });
                }
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph => out.push_str("\n\n"),
                TagEnd::Heading(_) | TagEnd::BlockQuote(_) => {
                    self.depth -= 1;
                    out.push_str("]\n\n");
                }
                TagEnd::CodeBlock => {
                    self.in_code_block = false;
                    out.push_str(")\n\n");
                }
                TagEnd::List(_) | TagEnd::Table => {
                    self.depth -= 1;
                    out.push_str(")\n\n");
                }
                TagEnd::Item => {
                    self.depth -= 1;
                    trim_blank_end(out);
                    out.push_str("], ");
                }
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link => {
                    self.depth -= 1;
                    out.push(']');
                }
                TagEnd::Image => {}
                TagEnd::TableHead => {
                    self.depth -= 1;
                    out.push_str("), ");
                }
                TagEnd::TableRow => {}
                TagEnd::HtmlBlock => out.push_str("\n\n"),
                TagEnd::TableCell => {
                    self.depth -= 1;
                    out.push_str("], ");
                }
                _ => {}
            },
            Event::Text(text) => {
                if self.in_code_block {
                    out.push_str(&string(text));
                } else {
                    self.text(text);
                }
            }
            Event::Code(text) => {
                let _ = write!(out, "#raw({})", string(text));
            }
            // Raw HTML is never interpreted: structure tags are left out and the rest printed
            // as text (a fold of the site, `<details>`, prints open, its `<summary>` bold).
            Event::Html(text) | Event::InlineHtml(text) => raw_html(out, text),
            Event::InlineMath(text) | Event::DisplayMath(text) => out.push_str(&escape(text)),
            Event::FootnoteReference(label) => {
                let label = label.to_string();
                let notes = self.notes;
                match notes.get(&label) {
                    Some(note) if !self.active.contains(&label) => {
                        // The note's paragraphs become one block of text at the foot of
                        // the page (paragraph breaks inside a footnote become line breaks).
                        let outer = std::mem::take(&mut self.out);
                        self.active.push(label);
                        self.emit(note);
                        self.active.pop();
                        let inner = std::mem::replace(&mut self.out, outer);
                        let inner = inner.trim_end().replace("\n\n", "#linebreak()");
                        let _ = write!(self.out, "#footnote[{inner}]");
                    }
                    _ => out.push_str(&escape(&format!("[^{label}]"))),
                }
            }
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push_str("#linebreak()"),
            Event::Rule => out.push_str("#pagebreak(weak: true)\n\n"),
            Event::TaskListMarker(done) => {
                out.push_str(if *done { "☒ " } else { "☐ " });
            }
        }
    }
}

/// Removes the blank lines a paragraph left at the end of an item.
/// HTML elements a page may use for structure (the site's folds and emphasis): a document
/// prints their text without their tags. Any other tag-like text (`<label>`, which Typst
/// would read as a label) is printed as it is written.
const STRUCTURE_TAGS: &[&str] = &[
    "details", "summary", "div", "span", "p", "br", "b", "i", "strong", "em", "small", "abbr",
];

/// The text of raw HTML `html` as Typst markup: the tags of [`STRUCTURE_TAGS`] left out, the
/// rest escaped; a line that holds a `<summary>` (a fold's title) in bold.
fn raw_html(out: &mut String, html: &str) {
    let mut text = String::new();
    let mut summary = false;
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        text.push_str(&rest[..lt]);
        let end = rest[lt..].find('>').map_or(rest.len(), |i| lt + i + 1);
        let tag = &rest[lt..end];
        let name = tag
            .trim_start_matches('<')
            .trim_start_matches('/')
            .split(|c: char| !c.is_ascii_alphanumeric())
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if STRUCTURE_TAGS.contains(&name.as_str()) {
            summary |= name == "summary";
        } else {
            text.push_str(tag);
        }
        rest = &rest[end..];
    }
    text.push_str(rest);
    if text.trim().is_empty() {
        // Only tags (and the line's end): nothing to print.
    } else if summary {
        let _ = write!(out, "#strong[{}]\n\n", escape(text.trim()));
    } else {
        out.push_str(&escape(&text));
    }
}

fn trim_blank_end(out: &mut String) {
    let trimmed = out.trim_end_matches(['\n', ' ']).len();
    out.truncate(trimmed);
}

#[cfg(test)]
mod tests {
    use super::*;
    use typst::syntax::{parse, SyntaxKind, SyntaxNode};

    /// The text a reader sees: every Text and Escape node of `markup`, in order, with
    /// everything else reported. Panics on a syntax error.
    fn visible(markup: &str) -> (String, Vec<SyntaxKind>) {
        fn walk(node: &SyntaxNode, text: &mut String, kinds: &mut Vec<SyntaxKind>) {
            match node.kind() {
                SyntaxKind::Text => text.push_str(node.leaf_text()),
                SyntaxKind::Escape => text.push_str(&node.leaf_text()[1..]),
                SyntaxKind::Space => text.push(' '),
                SyntaxKind::SmartQuote => text.push_str(node.leaf_text()),
                SyntaxKind::Markup => {
                    for child in node.children() {
                        walk(child, text, kinds);
                    }
                }
                other => kinds.push(other),
            }
        }
        let root = parse(markup);
        assert!(
            root.errors_and_warnings().0.is_empty(),
            "{markup}: {:?}",
            root.errors_and_warnings().0
        );
        let (mut text, mut kinds) = (String::new(), Vec::new());
        walk(&root, &mut text, &mut kinds);
        (text, kinds)
    }

    #[test]
    fn content_cannot_become_typst_syntax() {
        let nasty = [
            "#set page(width: 1cm)",
            "#import \"/etc/passwd\": x",
            "$x^2$ and $$",
            "*bold* _emph_ `raw`",
            "<label> and @ref and user@example.org",
            "a \\ backslash and \\#escaped and \\u{41}",
            "[brackets] ]] [[",
            "// not a comment /* nor this */",
            "= not a heading",
            "- not a list",
            "+ not an enum",
            "1. not an enum either",
            "/ Term: not a term",
            "~ -- --- ... -? 'quoted' \"double\"",
            "#{panic()} #(1+1) #[content]",
            "https://example.org/path?a=b",
        ];
        for text in nasty {
            let markup = escape(text);
            let (shown, kinds) = visible(&markup);
            assert_eq!(shown, text, "{markup}");
            assert!(kinds.is_empty(), "{text} → {markup}: {kinds:?}");
        }
    }

    #[test]
    fn strings_are_closed_and_escaped() {
        for text in ["plain", "a \"quote\"", "back\\slash\\", "new\nline", "#set"] {
            let lit = string(text);
            let root = parse(&format!("#{lit};"));
            assert!(root.errors_and_warnings().0.is_empty(), "{lit}");
            fn find(node: &SyntaxNode) -> Option<SyntaxNode> {
                if node.kind() == SyntaxKind::Str {
                    return Some(node.clone());
                }
                node.children().find_map(find)
            }
            let node = find(&root).expect("one string");
            assert_eq!(node.leaf_text().as_str(), lit);
        }
    }

    #[test]
    fn markdown_structure_becomes_function_calls() {
        let md = "# Title\n\nSome *emph* and **strong** with `#code`.\n\n- one\n- two $x$\n\n1. first\n\n> quote #set\n\n[a link](https://example.org/\"x)\n";
        let (typst, problems) = to_typst(md);
        assert!(problems.is_empty());
        let root = parse(&typst);
        assert!(
            root.errors_and_warnings().0.is_empty(),
            "{typst}: {:?}",
            root.errors_and_warnings().0
        );
        assert!(typst.contains("#heading(level: 2)[Title]"), "{typst}");
        assert!(typst.contains("#emph[emph]"));
        assert!(typst.contains("#strong[strong]"));
        assert!(typst.contains("#raw(\"#code\")"));
        assert!(typst.contains("#list([one], [two \\$x\\$], )"), "{typst}");
        assert!(typst.contains("#enum(start: 1, [first], )"), "{typst}");
        assert!(
            typst.contains("#quote(block: true)[quote \\#set"),
            "{typst}"
        );
        assert!(
            typst.contains("#link(\"https://example.org/\\\"x\")[a link]"),
            "{typst}"
        );
    }

    #[test]
    fn raw_html_prints_its_text_without_tags() {
        let md = "Before.\n\n<details class=\"more\">\n<summary>More #set page(width: 1cm)</summary>\n\nInside <b>bold</b>.\n\n</details>\nAfter.\n";
        let (typst, problems) = to_typst(md);
        assert!(problems.is_empty());
        assert!(parse(&typst).errors_and_warnings().0.is_empty(), "{typst}");
        assert!(!typst.contains('<'), "{typst}");
        assert!(typst.contains("#strong[More \\#set page"), "{typst}");
        assert!(typst.contains("Inside bold\\."), "{typst}");
        // The paragraph after the fold is a paragraph of its own.
        assert!(typst.contains("\n\nAfter\\."), "{typst}");
    }

    #[test]
    fn tables_and_nested_lists_parse() {
        let md = "| a | b |\n|---|---|\n| 1 | #2 |\n\n- outer\n  - inner\n- [ ] task\n";
        let (typst, problems) = to_typst(md);
        assert!(problems.is_empty());
        let root = parse(&typst);
        assert!(
            root.errors_and_warnings().0.is_empty(),
            "{typst}: {:?}",
            root.errors_and_warnings().0
        );
        assert!(
            typst.contains("table.header([a], [b], ), [1], [\\#2], "),
            "{typst}"
        );
        assert!(typst.contains("☐ task"));
    }

    #[test]
    fn footnotes_are_set_where_they_are_referenced_and_placeholders_become_blocks() {
        let md = "Text.[^a] Again[^a] and [^none].\n\n\u{E000}0xxx\u{E001}\n\n[^a]: The *note* #set.\n\n    Second paragraph.\n";
        let blocks = vec!["#block[made elsewhere]".to_string()];
        let (typst, problems, _) = to_typst_with(md, &|u| Some(u.to_string()), &blocks);
        assert!(problems.is_empty(), "{problems:?}");
        let root = parse(&typst);
        assert!(
            root.errors_and_warnings().0.is_empty(),
            "{typst}: {:?}",
            root.errors_and_warnings().0
        );
        assert_eq!(
            typst.matches("#footnote[The #emph[note] \\#set").count(),
            2,
            "{typst}"
        );
        assert!(typst.contains("#linebreak()Second paragraph"), "{typst}");
        assert!(typst.contains("\\[\\^none\\]"), "{typst}");
        assert!(typst.contains("#block[made elsewhere]"), "{typst}");
        assert!(
            !typst.contains('\u{E000}') && !typst.contains("xxx"),
            "{typst}"
        );
        // A placeholder the caller did not make prints nothing.
        let (typst, _, _) =
            to_typst_with("a \u{E000}7\u{E001} b", &|u| Some(u.to_string()), &blocks);
        assert_eq!(typst, "a  b\n");
    }

    #[test]
    fn images_are_reported_with_their_place() {
        let md = "Text\n\n![alt](photo.jpg)\n";
        let (typst, problems) = to_typst(md);
        assert_eq!(problems.len(), 1);
        assert_eq!(&md[problems[0].range.clone()], "![alt](photo.jpg)");
        assert!(!typst.contains("alt"));
    }
}
