//! Markdown → Typst markup, for the bodies of leaflets and slides.
//!
//! In: a Markdown body. Out: Typst markup that shows exactly that text, or the places of the
//! Markdown constructs a printed document cannot hold (images, raw HTML blocks are shown as
//! text). Everything that comes from the content is escaped: text goes through [`escape`]
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
    let mut broken = Vec::new();
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut out = String::with_capacity(markdown.len() * 2);
    let mut problems = Vec::new();
    // Open content blocks and argument lists, to check that every one is closed.
    let mut depth = 0usize;
    // Inside an image: its alt text is dropped along with it.
    let mut in_image = 0usize;
    let mut in_code_block = false;
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        if in_image > 0 {
            match event {
                Event::Start(Tag::Image { .. }) => in_image += 1,
                Event::End(TagEnd::Image) => in_image -= 1,
                _ => {}
            }
            continue;
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
                    depth += 1;
                }
                Tag::BlockQuote(_) => {
                    out.push_str("#quote(block: true)[");
                    depth += 1;
                }
                Tag::CodeBlock(_) => {
                    out.push_str("#raw(block: true, ");
                    in_code_block = true;
                }
                Tag::List(start) => {
                    match start {
                        Some(n) => {
                            let _ = write!(out, "#enum(start: {n}, ");
                        }
                        None => out.push_str("#list("),
                    }
                    depth += 1;
                }
                Tag::Item => {
                    out.push('[');
                    depth += 1;
                }
                Tag::Emphasis => {
                    out.push_str("#emph[");
                    depth += 1;
                }
                Tag::Strong => {
                    out.push_str("#strong[");
                    depth += 1;
                }
                Tag::Strikethrough => {
                    out.push_str("#strike[");
                    depth += 1;
                }
                Tag::Link { dest_url, .. } => {
                    // A target that would run code or open the reader's files is never
                    // printed as a link (see [`forbidden_links`]): only its text stays.
                    if crate::markdown::forbidden_scheme(&dest_url).is_some() {
                        out.push_str("#[");
                    } else {
                        let url = link(&dest_url).unwrap_or_else(|| {
                            broken.push((dest_url.to_string(), range.clone()));
                            dest_url.to_string()
                        });
                        let _ = write!(out, "#link({})[", string(&url));
                    }
                    depth += 1;
                }
                Tag::Image { .. } => {
                    problems.push(Unsupported {
                        what: "an image",
                        range,
                    });
                    in_image = 1;
                }
                Tag::Table(alignments) => {
                    let _ = write!(out, "#table(columns: {}, ", alignments.len().max(1));
                    depth += 1;
                }
                Tag::TableHead => {
                    out.push_str("table.header(");
                    depth += 1;
                }
                Tag::TableRow => {}
                Tag::TableCell => {
                    out.push('[');
                    depth += 1;
                }
                Tag::HtmlBlock => {}
                Tag::FootnoteDefinition(_)
                | Tag::DefinitionList
                | Tag::DefinitionListTitle
                | Tag::DefinitionListDefinition
                | Tag::MetadataBlock(_)
                | Tag::Superscript
                | Tag::Subscript => {
                    problems.push(Unsupported {
                        what: "this kind of Markdown",
                        range,
                    });
                }
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph => out.push_str("\n\n"),
                TagEnd::Heading(_) => {
                    depth -= 1;
                    out.push_str("]\n\n");
                }
                TagEnd::BlockQuote(_) => {
                    depth -= 1;
                    out.push_str("]\n\n");
                }
                TagEnd::CodeBlock => {
                    in_code_block = false;
                    out.push_str(")\n\n");
                }
                TagEnd::List(_) => {
                    depth -= 1;
                    out.push_str(")\n\n");
                }
                TagEnd::Item => {
                    depth -= 1;
                    trim_blank_end(&mut out);
                    out.push_str("], ");
                }
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link => {
                    depth -= 1;
                    out.push(']');
                }
                TagEnd::Image => {}
                TagEnd::Table => {
                    depth -= 1;
                    out.push_str(")\n\n");
                }
                TagEnd::TableHead => {
                    depth -= 1;
                    out.push_str("), ");
                }
                TagEnd::TableRow => {}
                TagEnd::TableCell => {
                    depth -= 1;
                    out.push_str("], ");
                }
                _ => {}
            },
            Event::Text(text) => {
                if in_code_block {
                    out.push_str(&string(&text));
                } else {
                    out.push_str(&escape(&text));
                }
            }
            Event::Code(text) => {
                let _ = write!(out, "#raw({})", string(&text));
            }
            // Raw HTML is shown as text, never interpreted (as on the site).
            Event::Html(text) | Event::InlineHtml(text) => out.push_str(&escape(&text)),
            Event::InlineMath(text) | Event::DisplayMath(text) => out.push_str(&escape(&text)),
            Event::FootnoteReference(_) => problems.push(Unsupported {
                what: "a footnote",
                range,
            }),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push_str("#linebreak()"),
            Event::Rule => out.push_str("#pagebreak(weak: true)\n\n"),
            Event::TaskListMarker(done) => {
                out.push_str(if done { "☒ " } else { "☐ " });
            }
        }
    }
    debug_assert_eq!(depth, 0);
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    (out, problems, broken)
}

/// Removes the blank lines a paragraph left at the end of an item.
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
    fn images_are_reported_with_their_place() {
        let md = "Text\n\n![alt](photo.jpg)\n";
        let (typst, problems) = to_typst(md);
        assert_eq!(problems.len(), 1);
        assert_eq!(&md[problems[0].range.clone()], "![alt](photo.jpg)");
        assert!(!typst.contains("alt"));
    }
}
