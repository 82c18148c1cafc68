//! Markdown → HTML for one page in one language.
//!
//! In: a page's body and a [`Links`] view of the site (page addresses, content files, shortcodes).
//! Out: [`Rendered`] HTML with heading ids and anchor links, the table of contents, the
//! page's anchors, the `@/` links whose anchors must be checked once every page is rendered,
//! and every problem found, each pointing at its line and column in the page file.
pub mod shortcode;

use std::fmt::Write;
use std::path::Path;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html};
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Span};
use crate::site::slugify;

/// A heading, for the table of contents.
#[derive(Debug, Clone, Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// An `@/page.md#anchor` link whose anchor is checked after all pages are rendered.
#[derive(Debug, Clone)]
pub struct AnchorCheck {
    pub target_key: String,
    pub anchor: String,
    pub span: Span,
}

/// The HTML of one page and what was learnt while making it.
#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<Heading>,
    pub anchors: Vec<String>,
    pub anchor_checks: Vec<AnchorCheck>,
    pub problems: Vec<Diagnostic>,
}

/// What the Markdown renderer asks of the rest of the site.
pub trait Links {
    /// The address of the page with content key `key` (`about/partners.md`) in this page's
    /// language, or in the default language if it is not translated; `None` if no such page.
    fn page_url(&self, key: &str) -> Option<String>;
    /// The public address of a file under `content/` (an image beside its page).
    fn asset_url(&self, content_path: &str) -> Option<String>;
    /// The HTML for a shortcode call, or a message explaining what is wrong with it.
    fn shortcode(&self, call: &shortcode::Call) -> Result<String, String>;
}

const PLACEHOLDER_START: char = '\u{E000}';
const PLACEHOLDER_END: char = '\u{E001}';

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders `source[body_offset..]`, the body of the page file `file` (a path under
/// `content/`), resolving links through `links`.
pub fn render(file: &Path, source: &str, body_offset: usize, links: &dyn Links) -> Rendered {
    let mut out = Rendered::default();
    let body = &source[body_offset..];
    let span = |range: std::ops::Range<usize>| {
        Span::from_offset(file, source, body_offset + range.start, range.len())
    };

    // Shortcodes become placeholders of the same length, so offsets stay true.
    let mut replaced = None;
    let mut outputs: Vec<String> = Vec::new();
    match shortcode::find_calls(body) {
        Err(e) => out.problems.push(
            Diagnostic::error(e.message)
                .at(span(e.offset..e.offset + 2))
                .hint("shortcodes look like {{ stats(id=\"employment\", view=\"table\") }}"),
        ),
        Ok(calls) if !calls.is_empty() => {
            let mut text = body.to_string();
            for call in &calls {
                let html = match links.shortcode(call) {
                    Ok(html) => html,
                    Err(message) => {
                        out.problems.push(
                            Diagnostic::error(message)
                                .at(span(call.range.clone()))
                                .hint(
                                    "check the shortcode's name and arguments against the README",
                                ),
                        );
                        String::new()
                    }
                };
                let index = outputs.len().to_string();
                let len = call.range.len();
                let mut ph = String::with_capacity(len);
                ph.push(PLACEHOLDER_START);
                ph.push_str(&index);
                while ph.len() + PLACEHOLDER_END.len_utf8() < len {
                    ph.push('x');
                }
                ph.push(PLACEHOLDER_END);
                if ph.len() == len {
                    text.replace_range(call.range.clone(), &ph);
                    outputs.push(html);
                }
            }
            replaced = Some(text);
        }
        Ok(_) => {}
    }
    let text = replaced.as_deref().unwrap_or(body);

    let dir = Path::new(file)
        .strip_prefix("content")
        .ok()
        .and_then(Path::parent)
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default();

    let mut events: Vec<Event> = Vec::new();
    let mut heading: Option<(HeadingLevel, Option<String>, Vec<Event>, String)> = None;
    let mut image_alt: Option<(String, std::ops::Range<usize>)> = None;
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        let event = match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) if dest_url.starts_with("@/") => {
                let (key, anchor) = match dest_url[2..].split_once('#') {
                    Some((k, a)) => (k.to_string(), Some(a.to_string())),
                    None => (dest_url[2..].to_string(), None),
                };
                let url = match links.page_url(&key) {
                    Some(url) => url,
                    None => {
                        out.problems.push(
                            Diagnostic::error(format!("the link target `@/{key}` does not exist"))
                                .at(span(range.clone()))
                                .hint("write the path under content/ without the language, e.g. @/about/partners.md"),
                        );
                        "#".to_string()
                    }
                };
                let dest = match anchor {
                    Some(a) => {
                        out.anchor_checks.push(AnchorCheck {
                            target_key: key,
                            anchor: a.clone(),
                            span: span(range.clone()),
                        });
                        format!("{url}#{a}")
                    }
                    None => url,
                };
                Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest.into(),
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                image_alt = Some((String::new(), range.clone()));
                let dest = if is_relative(&dest_url) {
                    let path = if dir.is_empty() {
                        dest_url.to_string()
                    } else {
                        format!("{dir}/{dest_url}")
                    };
                    match links.asset_url(&path) {
                        Some(url) => CowStr::from(url),
                        None => {
                            out.problems.push(
                                Diagnostic::error(format!(
                                    "the image `{dest_url}` is not beside this page"
                                ))
                                .at(span(range.clone()))
                                .hint(format!("put the file at content/{path}, or fix the name")),
                            );
                            dest_url
                        }
                    }
                } else {
                    dest_url
                };
                Event::Start(Tag::Image {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                })
            }
            Event::End(TagEnd::Image) => {
                if let Some((alt, range)) = image_alt.take() {
                    if alt.trim().is_empty() {
                        out.problems.push(
                            Diagnostic::error("this image has no description (alt text)")
                                .at(span(range))
                                .hint("write what the image shows: ![Two trainers at a workshop](photo.jpg)"),
                        );
                    }
                }
                Event::End(TagEnd::Image)
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                if html.trim_start().starts_with("<!--") {
                    continue;
                }
                out.problems.push(
                    Diagnostic::warning("raw HTML in Markdown is shown as text")
                        .at(span(range.clone()))
                        .hint("use Markdown instead; raw HTML could bring scripts or trackers into the site"),
                );
                Event::Text(html)
            }
            other => other,
        };
        if let (Some((alt, _)), Event::Text(t) | Event::Code(t)) = (image_alt.as_mut(), &event) {
            alt.push_str(t);
        }
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading = Some((level, id.map(|s| s.to_string()), Vec::new(), String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, id, inner, title)) = heading.take() {
                    let base = id.unwrap_or_else(|| slugify(&title));
                    let base = if base.is_empty() {
                        "section".to_string()
                    } else {
                        base
                    };
                    let mut id = base.clone();
                    let mut n = 1;
                    while out.anchors.contains(&id) {
                        id = format!("{base}-{n}");
                        n += 1;
                    }
                    out.anchors.push(id.clone());
                    let lvl = level as u8;
                    out.toc.push(Heading {
                        level: lvl,
                        id: id.clone(),
                        title: title.trim().to_string(),
                    });
                    let has_link = inner
                        .iter()
                        .any(|e| matches!(e, Event::Start(Tag::Link { .. })));
                    let mut open = String::new();
                    let _ = write!(open, "<h{lvl} id=\"");
                    let _ = escape_html(&mut open, &id);
                    open.push('"');
                    open.push('>');
                    if !has_link {
                        open.push_str("<a class=\"heading-link\" href=\"#");
                        let _ = escape_href(&mut open, &id);
                        open.push_str("\">");
                    }
                    events.push(Event::Html(open.into()));
                    events.extend(inner);
                    let close = if has_link {
                        format!("</h{lvl}>\n")
                    } else {
                        format!("</a></h{lvl}>\n")
                    };
                    events.push(Event::Html(close.into()));
                }
            }
            e => match heading.as_mut() {
                Some((_, _, inner, title)) => {
                    if let Event::Text(t) | Event::Code(t) = &e {
                        title.push_str(t);
                    }
                    inner.push(e);
                }
                None => events.push(e),
            },
        }
    }
    // Anchors given explicitly in headings are also reachable; collect footnote ids too.
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if !outputs.is_empty() {
        html = fill_placeholders(&html, &outputs);
    }
    out.html = html;
    out
}

fn is_relative(url: &str) -> bool {
    !(url.is_empty()
        || url.starts_with('/')
        || url.starts_with('#')
        || url.contains("://")
        || url.starts_with("data:")
        || url.starts_with("mailto:"))
}

/// Puts each shortcode's HTML where its placeholder is; a placeholder alone in a paragraph
/// replaces the whole paragraph.
fn fill_placeholders(html: &str, outputs: &[String]) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(PLACEHOLDER_START) {
        let Some(end_rel) = rest[start..].find(PLACEHOLDER_END) else {
            break;
        };
        let end = start + end_rel + PLACEHOLDER_END.len_utf8();
        let inner = &rest[start + PLACEHOLDER_START.len_utf8()..start + end_rel];
        let index: usize = inner.trim_end_matches('x').parse().unwrap_or(usize::MAX);
        let replacement = outputs.get(index).map(String::as_str).unwrap_or("");
        let before = &rest[..start];
        if before.ends_with("<p>") && rest[end..].starts_with("</p>") {
            out.push_str(&before[..before.len() - 3]);
            out.push_str(replacement);
            rest = &rest[end + 4..];
        } else {
            out.push_str(before);
            out.push_str(replacement);
            rest = &rest[end..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake;
    impl Links for Fake {
        fn page_url(&self, key: &str) -> Option<String> {
            (key == "about/partners.md").then(|| "/it/il-progetto/partner/".to_string())
        }
        fn asset_url(&self, path: &str) -> Option<String> {
            (path == "about/photo.jpg").then(|| "/media/about/photo.jpg".to_string())
        }
        fn shortcode(&self, call: &shortcode::Call) -> Result<String, String> {
            match call.name.as_str() {
                "stats" => Ok("<figure>chart</figure>".to_string()),
                other => Err(format!("unknown shortcode `{other}`")),
            }
        }
    }

    fn render_body(body: &str) -> Rendered {
        let source = format!("+++\ntitle = \"T\"\n+++\n{body}");
        render(Path::new("content/about/a.it.md"), &source, 19, &Fake)
    }

    #[test]
    fn headings_get_ids_links_and_toc() {
        let r = render_body("## Chi siamo\n\n## Chi siamo\n\n### Sigle {#acronyms}\n");
        assert!(r.html.contains("<h2 id=\"chi-siamo\"><a class=\"heading-link\" href=\"#chi-siamo\">Chi siamo</a></h2>"), "{}", r.html);
        assert!(r.html.contains("id=\"chi-siamo-1\""));
        assert!(r.html.contains("<h3 id=\"acronyms\">"));
        assert_eq!(r.toc.len(), 3);
        assert_eq!(r.anchors, vec!["chi-siamo", "chi-siamo-1", "acronyms"]);
    }

    #[test]
    fn internal_links_resolve_in_the_page_language() {
        let r = render_body("See [partners](@/about/partners.md#roles).\n");
        assert!(
            r.html.contains("href=\"/it/il-progetto/partner/#roles\""),
            "{}",
            r.html
        );
        assert_eq!(r.anchor_checks[0].anchor, "roles");
        assert!(r.problems.is_empty());
    }

    #[test]
    fn missing_link_target_is_an_error_with_position() {
        let r = render_body("Line one\n\nSee [x](@/nope.md).\n");
        let s = r.problems[0].span.as_ref().unwrap();
        assert_eq!((s.line, s.col), (6, 5));
        assert!(r.problems[0].message.contains("@/nope.md"));
    }

    #[test]
    fn shortcodes_replace_their_paragraph() {
        let r = render_body("Intro\n\n{{ stats(id=\"a\") }}\n\nAfter {{ nope() }} text\n");
        assert!(
            r.html
                .contains("<p>Intro</p>\n<figure>chart</figure>\n<p>After  text</p>"),
            "{}",
            r.html
        );
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].span.as_ref().unwrap().line, 8);
    }

    #[test]
    fn images_need_alt_text_and_a_file() {
        let r = render_body("![A workshop](photo.jpg)\n\n![](photo.jpg)\n\n![Missing](gone.png)\n");
        assert!(r.html.contains("src=\"/media/about/photo.jpg\""));
        assert_eq!(r.problems.len(), 2);
    }

    #[test]
    fn raw_html_is_escaped() {
        let r = render_body("<script>alert(1)</script>\n\n<!-- note -->\n");
        assert!(!r.html.contains("<script>"));
        assert!(r.html.contains("&lt;script&gt;"));
        assert_eq!(r.problems.len(), 1);
    }
}
