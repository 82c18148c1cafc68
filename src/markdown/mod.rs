//! Markdown → HTML for one page in one language.
//!
//! In: a page's body and a [`Links`] view of the site (page addresses, content files, shortcodes).
//! Out: [`Rendered`] HTML with heading ids and anchor links, the table of contents, the
//! page's anchors, the `@/` links whose anchors must be checked once every page is rendered,
//! and every problem found, each pointing at its line and column in the page file.
pub mod shortcode;

use std::collections::{HashMap, HashSet};
use std::fmt::Write;
use std::path::Path;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html};
use serde::Serialize;

use crate::diagnostic::{Diagnostic, LineIndex, Span};
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
    /// Every link and image address as written into the HTML, with its place in the page
    /// file and whether it was already checked here (`@/` links, images beside the page).
    pub links: Vec<(String, Span, bool)>,
    pub problems: Vec<Diagnostic>,
}

/// A photo beside the page in several widths (see `assets::images`): written as a
/// `<picture>` with a WebP source and the photo's own format as the fallback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    /// The largest variant, whose size the `<img>` states.
    pub width: u32,
    pub height: u32,
    pub src: String,
    pub srcset: String,
    pub webp_srcset: String,
    pub sizes: String,
}

impl Picture {
    fn html(&self, alt: &str, title: &str) -> String {
        let mut h = String::from("<picture><source type=\"image/webp\" srcset=\"");
        let _ = escape_html(&mut h, &self.webp_srcset);
        h.push_str("\" sizes=\"");
        let _ = escape_html(&mut h, &self.sizes);
        h.push_str("\"><img src=\"");
        let _ = escape_href(&mut h, &self.src);
        h.push_str("\" srcset=\"");
        let _ = escape_html(&mut h, &self.srcset);
        h.push_str("\" sizes=\"");
        let _ = escape_html(&mut h, &self.sizes);
        let _ = write!(
            h,
            "\" width=\"{}\" height=\"{}\" alt=\"",
            self.width, self.height
        );
        let _ = escape_html(&mut h, alt);
        h.push('"');
        if !title.is_empty() {
            h.push_str(" title=\"");
            let _ = escape_html(&mut h, title);
            h.push('"');
        }
        h.push_str(" loading=\"lazy\" decoding=\"async\"></picture>");
        h
    }
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
    /// An interface string in the page's language (e.g. the label of a table's scroll region).
    fn text(&self, id: &str) -> String;
    /// The responsive versions of a photo beside the page (a JPEG or PNG under `content/`),
    /// or why it cannot be shown; `None` for any other file, which is shown as it is.
    fn picture(&self, _content_path: &str) -> Option<Result<Picture, String>> {
        None
    }
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
    // Every link gets a span: find lines by binary search, not from the start of the file.
    let lines = LineIndex::new(source);
    let span = |range: std::ops::Range<usize>| {
        lines.span(file, source, body_offset + range.start, range.len())
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
    let mut last_level = 1u8;
    let mut image_alt: Option<(String, std::ops::Range<usize>)> = None;
    // A responsive image being read, with its title: written whole at its end.
    let mut picture: Option<(Picture, String)> = None;
    let mut raw_html = false;
    let mut used_ids: HashSet<String> = HashSet::new();
    let mut next_suffix: HashMap<String, usize> = HashMap::new();
    // Places the parser read as links, images or code: `](` elsewhere is a link that failed.
    let mut parsed: Vec<std::ops::Range<usize>> = Vec::new();
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        if matches!(
            event,
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_))
                | Event::Code(_)
                | Event::Html(_)
                | Event::InlineHtml(_)
        ) {
            parsed.push(range.clone());
        }
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
                out.links.push((dest.clone(), span(range.clone()), true));
                Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest.into(),
                    title,
                    id,
                })
            }
            Event::Start(Tag::Link { ref dest_url, .. } | Tag::Image { ref dest_url, .. })
                if forbidden_scheme(dest_url).is_some() =>
            {
                let scheme = forbidden_scheme(dest_url).unwrap_or_default();
                out.problems.push(
                    Diagnostic::error(format!("a `{scheme}` link target"))
                        .at(span(range.clone()))
                        .hint(format!("`{scheme}` addresses run code or read files on the reader's device; link to a page (@/about/partners.md), a web address (https://…) or a file beside the page")),
                );
                // The build stops; meanwhile the link keeps its text and loses its target.
                let dest_url = CowStr::from("#");
                match event {
                    Event::Start(Tag::Image {
                        link_type,
                        title,
                        id,
                        ..
                    }) => {
                        // One error is enough: no second one about the description.
                        image_alt = Some((String::from("-"), range.clone()));
                        Event::Start(Tag::Image {
                            link_type,
                            dest_url,
                            title,
                            id,
                        })
                    }
                    Event::Start(Tag::Link {
                        link_type,
                        title,
                        id,
                        ..
                    }) => Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }),
                    other => other,
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) if is_relative(&dest_url) => {
                // A file beside the page (a PDF, a photo) is published when a page links it.
                let (file, fragment) = match dest_url.split_once(['#', '?']) {
                    Some((f, _)) => (f, &dest_url[f.len()..]),
                    None => (&*dest_url, ""),
                };
                let path = if dir.is_empty() {
                    file.to_string()
                } else {
                    format!("{dir}/{file}")
                };
                let dest = match links.asset_url(&path) {
                    Some(url) => CowStr::from(format!("{url}{fragment}")),
                    None => dest_url,
                };
                out.links
                    .push((dest.to_string(), span(range.clone()), false));
                Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                out.links
                    .push((dest_url.to_string(), span(range.clone()), false));
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
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
                let checked = is_relative(&dest_url);
                let dest = if is_relative(&dest_url) {
                    let path = if dir.is_empty() {
                        dest_url.to_string()
                    } else {
                        format!("{dir}/{dest_url}")
                    };
                    match links.picture(&path) {
                        Some(Ok(p)) => {
                            let src = CowStr::from(p.src.clone());
                            picture = Some((p, title.to_string()));
                            src
                        }
                        Some(Err(why)) => {
                            out.problems.push(
                                Diagnostic::error(format!("the image `{dest_url}`: {why}"))
                                    .at(span(range.clone()))
                                    .hint("export it again as JPEG or PNG, or replace the file"),
                            );
                            dest_url
                        }
                        None => match links.asset_url(&path) {
                            Some(url) => CowStr::from(url),
                            None => {
                                out.problems.push(
                                    Diagnostic::error(format!(
                                        "the image `{dest_url}` is not beside this page"
                                    ))
                                    .at(span(range.clone()))
                                    .hint(format!(
                                        "put the file at content/{path}, or fix the name"
                                    )),
                                );
                                dest_url
                            }
                        },
                    }
                } else {
                    dest_url
                };
                out.links
                    .push((dest.to_string(), span(range.clone()), checked));
                Event::Start(Tag::Image {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                })
            }
            Event::End(TagEnd::Image) => {
                let mut alt_text = String::new();
                if let Some((alt, range)) = image_alt.take() {
                    if alt.trim().is_empty() {
                        out.problems.push(
                            Diagnostic::error("this image has no description (alt text)")
                                .at(span(range))
                                .hint("write what the image shows: ![Two trainers at a workshop](photo.jpg)"),
                        );
                    }
                    alt_text = alt;
                }
                match picture.take() {
                    Some((p, title)) => Event::InlineHtml(p.html(&alt_text, &title).into()),
                    None => Event::End(TagEnd::Image),
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                if html.trim_start().starts_with("<!--") {
                    continue;
                }
                raw_html = true;
                if let Some(what) = forbidden_html(&html) {
                    out.problems.push(
                        Diagnostic::warning(format!("{what} in this HTML is removed"))
                            .at(span(range.clone()))
                            .hint("scripts, frames, forms, styles and event handlers could track readers; for a video use {{ video(url=\"…\", title=\"…\") }}"),
                    );
                }
                Event::Html(html)
            }
            other => other,
        };
        if let (Some((alt, _)), Event::Text(t) | Event::Code(t)) = (image_alt.as_mut(), &event) {
            alt.push_str(t);
        }
        // The inside of a responsive image is its alt text, written at its end.
        if picture.is_some() {
            continue;
        }
        // A table may be wider than a phone: it scrolls inside a labelled region that the
        // keyboard can reach (WCAG 2.1.1 and 1.4.10).
        let event = match event {
            Event::Start(Tag::Table(alignments)) => {
                let mut open = String::from(
                    "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"",
                );
                let _ = escape_html(&mut open, &links.text("table-region"));
                open.push_str("\">\n");
                events.push(Event::Html(open.into()));
                Event::Start(Tag::Table(alignments))
            }
            Event::End(TagEnd::Table) => {
                events.push(Event::End(TagEnd::Table));
                Event::Html("</div>\n".into())
            }
            other => other,
        };
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                let lvl = level as u8;
                if lvl == 1 {
                    out.problems.push(
                        Diagnostic::warning("a top-level heading (#) inside the page")
                            .at(span(range.clone()))
                            .hint("the page's title is already its main heading; start sections with ##"),
                    );
                } else if lvl > last_level + 1 {
                    out.problems.push(
                        Diagnostic::warning(format!(
                            "this heading skips from level {last_level} to level {lvl}"
                        ))
                        .at(span(range.clone()))
                        .hint(format!(
                            "screen-reader users navigate by headings; use {} here",
                            "#".repeat(usize::from(last_level) + 1)
                        )),
                    );
                }
                last_level = lvl;
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
                    // The next free `base-N`, remembered per base, so that thousands of
                    // identical headings stay linear.
                    let mut id = base.clone();
                    let n = next_suffix.entry(base.clone()).or_insert(1);
                    while used_ids.contains(&id) {
                        id = format!("{base}-{n}");
                        *n += 1;
                    }
                    used_ids.insert(id.clone());
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
    out.problems.extend(
        unparsed_links(text, &parsed)
            .into_iter()
            .map(|(range, image, url)| {
                let what = if image { "image" } else { "link" };
                let written = &text[range.clone()];
                let fixed = written.replacen(&format!("({url})"), &format!("(<{url}>)"), 1);
                Diagnostic::warning(format!(
                    "this {what} is shown as text: its address `{url}` has a space"
                ))
                .at(span(range))
                .hint(format!(
                    "put the address in angle brackets, {fixed}, or rename the file without spaces"
                ))
            }),
    );
    // Anchors given explicitly in headings are also reachable; collect footnote ids too.
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if html.contains(" style=\"text-align: ") {
        html = align_with_classes(&html);
    }
    if raw_html {
        html = sanitize(&html);
    }
    if !outputs.is_empty() {
        html = fill_placeholders(&html, &outputs);
    }
    out.html = html;
    out
}

/// How far around a `](` [`unparsed_links`] looks.
const WINDOW: usize = 400;

/// `[text](an address)` and `![alt](Photo 1.JPG)` that the parser did not read as a link or
/// image because the address has a space: (range, is an image, address).
fn unparsed_links(
    text: &str,
    parsed: &[std::ops::Range<usize>],
) -> Vec<(std::ops::Range<usize>, bool, String)> {
    // The parsed places as sorted, disjoint ranges, searched by bisection.
    let mut merged: Vec<std::ops::Range<usize>> = Vec::new();
    let mut sorted = parsed.to_vec();
    sorted.sort_by_key(|r| r.start);
    for r in sorted {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    let mut out = Vec::new();
    for (at, _) in text.match_indices("](") {
        let i = merged.partition_point(|r| r.start <= at);
        if i > 0 && merged[i - 1].contains(&at) {
            continue;
        }
        // Look at most a few hundred characters around `](` (a link is short; a long line
        // full of `](` must not make this quadratic).
        let mut from = at.saturating_sub(WINDOW);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let mut to = (at + WINDOW).min(text.len());
        while !text.is_char_boundary(to) {
            to -= 1;
        }
        let line_start = text[from..at].rfind('\n').map_or(from, |i| from + i + 1);
        let line_end = text[at..to].find('\n').map_or(to, |i| at + i);
        let Some(open) = text[line_start..at].rfind('[').map(|i| line_start + i) else {
            continue;
        };
        let Some(close) = text[at + 2..line_end].find(')').map(|i| at + 2 + i) else {
            continue;
        };
        let url = text[at + 2..close].trim();
        if !url.contains(' ') || url.starts_with('<') || url.contains('"') || url.contains('\'') {
            continue;
        }
        let image = open > 0 && text.as_bytes()[open - 1] == b'!';
        let start = if image { open - 1 } else { open };
        out.push((start..close + 1, image, url.to_string()));
    }
    out
}

/// What in a piece of raw HTML the sanitizer will take out, for a warning.
fn forbidden_html(html: &str) -> Option<&'static str> {
    let lower = html.to_ascii_lowercase();
    let checks: [(&str, &str); 9] = [
        ("<script", "a <script>"),
        ("<iframe", "an <iframe>"),
        ("<object", "an <object>"),
        ("<embed", "an <embed>"),
        ("<form", "a <form>"),
        ("<style", "a <style> element"),
        ("style=", "a `style` attribute"),
        ("javascript:", "a javascript: link"),
        (" on", "an event handler"),
    ];
    checks
        .iter()
        .find(|(needle, _)| {
            if *needle == " on" {
                lower.match_indices(" on").any(|(i, _)| {
                    let rest = &lower[i + 3..];
                    let name_len = rest.chars().take_while(|c| c.is_ascii_alphabetic()).count();
                    name_len > 0 && rest[name_len..].trim_start().starts_with('=')
                })
            } else {
                lower.contains(needle)
            }
        })
        .map(|(_, what)| *what)
}

/// Cleans a page's HTML with an allow-list (ammonia) when its Markdown contained raw HTML:
/// formatting, links, images, tables and details stay; scripts, frames, forms, styles and
/// event handlers go.
fn sanitize(html: &str) -> String {
    use std::collections::HashSet;
    static CLEANER: std::sync::OnceLock<ammonia::Builder<'static>> = std::sync::OnceLock::new();
    CLEANER
        .get_or_init(|| {
            let mut b = ammonia::Builder::default();
            b.add_generic_attributes(["id", "class", "lang", "dir", "title"])
                .add_tags([
                    "details",
                    "summary",
                    "figure",
                    "figcaption",
                    "mark",
                    "time",
                    "section",
                ])
                .add_tag_attributes("time", ["datetime"])
                .add_tag_attributes("a", ["hreflang", "href"])
                .add_tags(["picture", "source"])
                .add_tag_attributes(
                    "img",
                    [
                        "src", "alt", "width", "height", "srcset", "sizes", "loading", "decoding",
                    ],
                )
                .add_tag_attributes("source", ["srcset", "sizes", "type"])
                // The scroll region ponte puts round every table (a labelled region the
                // keyboard can reach): kept, but only with the values ponte writes.
                .add_tag_attributes("div", ["role", "tabindex", "aria-label"])
                .attribute_filter(|element, attribute, value| match (element, attribute) {
                    ("div", "role") if value != "region" => None,
                    ("div", "tabindex") if value != "0" => None,
                    _ => Some(value.into()),
                })
                .add_tag_attributes("td", ["colspan", "rowspan"])
                .add_tag_attributes("th", ["colspan", "rowspan", "scope"])
                .url_schemes(HashSet::from(["http", "https", "mailto", "tel"]))
                .link_rel(Some("noreferrer"));
            b
        })
        .clean(html)
        .to_string()
}

/// Table-cell alignment as classes: the site's Content-Security-Policy forbids inline styles.
/// The pattern can only come from pulldown-cmark itself (it escapes the quotes of any text).
fn align_with_classes(html: &str) -> String {
    html.replace(" style=\"text-align: left\"", " class=\"align-left\"")
        .replace(" style=\"text-align: center\"", " class=\"align-center\"")
        .replace(" style=\"text-align: right\"", " class=\"align-right\"")
}

/// The scheme of a link target that must never be published: it would run code
/// (`javascript:`, `vbscript:`), read the reader's own files (`file:`) or smuggle a document
/// past the site's checks (`data:`). Browsers ignore tabs and line breaks inside a URL and
/// spaces and control characters before it, so those are ignored here too.
pub fn forbidden_scheme(url: &str) -> Option<&'static str> {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(12)
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "file:", "data:"]
        .into_iter()
        .find(|scheme| cleaned.starts_with(scheme))
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
        fn text(&self, id: &str) -> String {
            id.to_string()
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
    fn headings_must_go_in_order() {
        let r = render_body("## A\n\n#### B\n\n# C\n");
        let lines: Vec<usize> = r
            .problems
            .iter()
            .map(|p| p.span.as_ref().unwrap().line)
            .collect();
        assert_eq!(lines, vec![6, 8], "{:?}", r.problems);
    }

    #[test]
    fn table_alignment_uses_classes_not_styles() {
        let r = render_body("| a | b |\n|:-|--:|\n| 1 | 2 |\n\nstyle=\"text-align: left\"\n");
        assert!(
            r.html.contains("<td class=\"align-right\">2</td>"),
            "{}",
            r.html
        );
        assert!(!r.html.contains("style=\"text-align"));
    }

    #[test]
    fn raw_html_is_cleaned_with_an_allow_list() {
        let r = render_body("<script>alert(1)</script>\n\n<!-- note -->\n\n<details><summary>More</summary>\n\nText <b onclick=\"x()\">bold</b>\n\n</details>\n\n<iframe src=\"https://t.example/\"></iframe>\n");
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("onclick"), "{}", r.html);
        assert!(!r.html.contains("iframe"), "{}", r.html);
        assert!(
            r.html.contains("<details><summary>More</summary>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<b>bold</b>"), "{}", r.html);
        assert_eq!(r.problems.len(), 3, "{:?}", r.problems);
    }

    #[test]
    fn raw_html_keeps_the_keyboard_region_of_tables() {
        // A page with raw HTML is sanitized whole: its tables must keep the scroll region
        // that the keyboard reaches (role, tabindex and label), and nothing else may add them.
        let r = render_body("<details><summary>More</summary>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n</details>\n\n<div role=\"button\" tabindex=\"5\">x</div>\n");
        assert!(
            r.html.contains(
                "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\""
            ),
            "{}",
            r.html
        );
        assert!(!r.html.contains("role=\"button\""), "{}", r.html);
        assert!(!r.html.contains("tabindex=\"5\""), "{}", r.html);
    }
}
