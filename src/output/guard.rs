//! The output guard: every HTML, CSS and SVG file the build writes is scanned before it is
//! written, and so is the HTML carried inside XML (feeds, sitemap) and JSON (a search index).
//! A resource loaded from another host (a font, script, image, style sheet, frame or form
//! target), an inline script or style, or an event-handler attribute stops the build, so the
//! published site can make no request that would tell a third party who is reading it.
use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::html::{css_urls, tags, Tag};
use super::links::{LinkIndex, SourceLink};
use crate::diagnostic::{Diagnostic, Span};
use crate::output::Output;

/// Wraps an [`Output`], scanning what passes through.
pub struct Guard<'a> {
    inner: &'a dyn Output,
    own_host: String,
    /// Output path → the source page it was rendered from.
    sources: HashMap<String, PathBuf>,
    problems: Mutex<Vec<Diagnostic>>,
    /// Every file written, with its ids and internal links, to check links at the end.
    links: LinkIndex,
}

impl<'a> Guard<'a> {
    pub fn new(
        inner: &'a dyn Output,
        base_url: &str,
        sources: HashMap<String, PathBuf>,
        links: LinkIndex,
    ) -> Guard<'a> {
        Guard {
            inner,
            own_host: host_of(base_url).unwrap_or_default().to_ascii_lowercase(),
            sources,
            problems: Mutex::new(Vec::new()),
            links,
        }
    }

    /// The problems found, one per distinct mistake: the same line repeated in many pages
    /// (a template mistake) is reported once, with the number of other files. Then every
    /// internal link and anchor is checked; `markdown` are the links written in pages.
    pub fn into_problems(self, markdown: Option<&[&SourceLink]>) -> Vec<Diagnostic> {
        let mut links = match markdown {
            Some(markdown) => self.links.finish(markdown, &self.sources),
            None => Vec::new(),
        };
        let mut all = self
            .problems
            .into_inner()
            .unwrap_or_else(|e| e.into_inner());
        all.sort_by(|a, b| {
            let key = |d: &Diagnostic| d.span.as_ref().map(|s| (s.file.clone(), s.line, s.col));
            key(a).cmp(&key(b))
        });
        let mut out: Vec<(Diagnostic, usize)> = Vec::new();
        for d in all {
            let text = |d: &Diagnostic| {
                (
                    d.message.clone(),
                    d.span.as_ref().map(|s| s.line_text.clone()),
                )
            };
            match out.iter_mut().find(|(seen, _)| text(seen) == text(&d)) {
                Some((_, n)) => *n += 1,
                None => out.push((d, 0)),
            }
        }
        out.into_iter()
            .map(|(mut d, others)| {
                if others > 0 {
                    let h = d.hint.take().unwrap_or_default();
                    d.hint = Some(format!("{h}; the same line is in {others} other file(s)"));
                }
                d
            })
            .chain(links.drain(..))
            .collect()
    }
}

impl Output for Guard<'_> {
    fn put(&self, path: &str, bytes: Vec<u8>) -> io::Result<()> {
        self.put_from(path, bytes, "a file ponte makes")
    }
    fn put_from(&self, path: &str, bytes: Vec<u8>, source: &str) -> io::Result<()> {
        let kind = path.rsplit('.').next().unwrap_or("");
        if !matches!(kind, "html" | "css" | "svg") {
            self.links.add(path, None);
        }
        if matches!(kind, "xml" | "json") {
            if let Ok(text) = std::str::from_utf8(&bytes) {
                let found = scan_data(path, text, &self.own_host);
                if !found.is_empty() {
                    self.problems
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .extend(found);
                }
            }
        }
        if matches!(kind, "js" | "json") {
            let found = scan_script(path, &bytes, &self.own_host);
            if !found.is_empty() {
                self.problems
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .extend(found);
            }
        }
        if matches!(kind, "html" | "css" | "svg") {
            let text = std::str::from_utf8(&bytes).ok();
            let all = match text {
                Some(t) if kind != "css" => tags(t),
                _ => Vec::new(),
            };
            self.links.add(path, text.map(|t| (t, all.as_slice())));
            if let Some(text) = text {
                let mut found = scan_tags(path, text, &all, &self.own_host);
                if !found.is_empty() {
                    let hint_from = self.sources.get(path).map(|p| p.display().to_string());
                    for d in &mut found {
                        if let Some(src) = &hint_from {
                            let h = d.hint.take().unwrap_or_default();
                            d.hint = Some(format!(
                                "{h} (this file is made from {src} and the theme's templates)"
                            ));
                        }
                    }
                    self.problems
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .extend(found);
                }
            }
        }
        self.inner.put_from(path, bytes, source)
    }
}

/// Everything wrong with an XML (feed, sitemap) or JSON (search index) file: HTML carried
/// inside it, escaped, is what a feed reader or a script shows, so a resource it would load
/// from another host (an image, a frame…) is refused as in a page; so is an Atom `<icon>` or
/// `<logo>` on another host, which feed readers fetch.
pub fn scan_data(path: &str, text: &str, own_host: &str) -> Vec<Diagnostic> {
    let file = Path::new(path);
    let mut out = Vec::new();
    // Each piece of HTML is scanned on its own (a sitemap of many pages is mostly tags of its
    // own, and has none); a finding points at the address in the file, or at the piece.
    let scan_piece = |html: &str, piece_at: usize, out: &mut Vec<Diagnostic>| {
        for tag in tags(html) {
            for attr in &tag.attrs {
                if !fetching_attrs(&tag.name).contains(&attr.name.as_ref()) {
                    continue;
                }
                let foreign = attr
                    .value
                    .split(',')
                    .map(str::trim)
                    .find(|u| is_foreign(u.split_whitespace().next().unwrap_or(""), own_host));
                if let Some(u) = foreign {
                    let at = text[piece_at..].find(u).map_or(piece_at, |i| piece_at + i);
                    out.push(foreign_in_data(
                        file,
                        text,
                        u,
                        &format!("<{}>", tag.name),
                        at,
                    ));
                }
            }
        }
    };
    if path.ends_with(".json") {
        // A string holds `<` only where the text has one or escapes one: most data (a search
        // index of megabytes) need not be parsed here.
        if !text.contains('<') && !text.contains("\\u003c") && !text.contains("\\u003C") {
            return out;
        }
        let mut strings = Vec::new();
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(text) {
            json_html(&v, &mut strings);
        }
        for s in strings {
            scan_piece(&s, 0, &mut out);
        }
        return out;
    }
    // XML: text that carries escaped markup, and Atom's <icon> and <logo>.
    let mut end = 0;
    while let Some(open) = text[end..].find('>').map(|i| end + i + 1) {
        let close = text[open..].find('<').map_or(text.len(), |i| open + i);
        let piece = &text[open..close];
        if piece.contains("&lt;") {
            scan_piece(&xml_unescaped(piece), open, &mut out);
        }
        let element = text[..open]
            .rfind('<')
            .map_or("", |i| &text[i + 1..open - 1]);
        let name = element.split([' ', '/']).next().unwrap_or("");
        if matches!(name, "icon" | "logo") && is_foreign(piece.trim(), own_host) {
            out.push(foreign_in_data(
                file,
                text,
                piece.trim(),
                &format!("<{name}>"),
                open,
            ));
        }
        if close == text.len() {
            break;
        }
        end = close;
    }
    out
}

fn foreign_in_data(file: &Path, text: &str, url: &str, what: &str, at: usize) -> Diagnostic {
    Diagnostic::error(format!("{what} in this file loads `{url}` from another site"))
        .at(Span::from_offset(file, text, at, url.len().min(text.len() - at)))
        .hint("readers must never be tracked: copy the file into the theme's static/ folder, or link to it instead")
}

/// `text` with XML's entities decoded.
fn xml_unescaped(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Every string of a JSON value that holds markup.
fn json_html(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) if s.contains('<') => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|v| json_html(v, out)),
        serde_json::Value::Object(o) => o.values().for_each(|v| json_html(v, out)),
        _ => {}
    }
}

/// The host of an absolute or protocol-relative URL.
pub fn host_of(url: &str) -> Option<&str> {
    let rest = if let Some(r) = url.strip_prefix("//") {
        r
    } else {
        let (scheme, r) = url.split_once("://")?;
        if !scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-' || c == '.')
        {
            return None;
        }
        r
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let host = authority.rsplit('@').next().unwrap_or(authority);
    Some(host.split(':').next().unwrap_or(host))
}

fn is_foreign(url: &str, own_host: &str) -> bool {
    let url = url.trim();
    match host_of(url) {
        Some(host) => !host.eq_ignore_ascii_case(own_host),
        None => false,
    }
}

/// A script or JSON file (the search script and index): it must be UTF-8 (JSON must parse),
/// and no string in it may start with the address of another site, which a script could
/// fetch. XML namespace names (`http://www.w3.org/2000/svg`) are names, not requests.
pub fn scan_script(path: &str, bytes: &[u8], own_host: &str) -> Vec<Diagnostic> {
    let file = Path::new(path);
    let Ok(text) = std::str::from_utf8(bytes) else {
        return vec![Diagnostic::error("this file is not UTF-8 text")
            .at(Span::file(file))
            .hint("save scripts and data as UTF-8")];
    };
    // Checked without building the document (a search index is megabytes); the error is
    // told as the parser tells it.
    if path.ends_with(".json") && serde_json::from_str::<serde::de::IgnoredAny>(text).is_err() {
        if let Err(e) = serde_json::from_str::<serde_json::Value>(text) {
            return vec![Diagnostic::error(format!("this JSON does not parse: {e}"))
                .at(Span::file(file))
                .hint("a browser script could not read it")];
        }
    }
    let mut out = Vec::new();
    for (i, _) in text.match_indices("//") {
        // The address must open a string: `"https://…`, `'//…`, `` `http://… ``.
        let start = text[..i]
            .strip_suffix("https:")
            .or_else(|| text[..i].strip_suffix("http:"))
            .unwrap_or(&text[..i])
            .len();
        if !text[..start].ends_with(['"', '\'', '`']) {
            continue;
        }
        let end = text[start..]
            .find(['"', '\'', '`', ' ', '\\'])
            .map_or(text.len(), |e| start + e);
        // The whole string is the address (text that mentions one is not loaded).
        if !text[end..].starts_with(['"', '\'', '`']) {
            continue;
        }
        let url = &text[start..end];
        let Some(host) = host_of(url) else { continue };
        if host.is_empty() || host.eq_ignore_ascii_case(own_host) || host == "www.w3.org" {
            continue;
        }
        out.push(
            Diagnostic::error(format!("the script or data names `{url}` on another site"))
                .at(Span::from_offset(file, text, start, url.len()))
                .hint(
                    "readers must never be tracked: a script may only load this site's own files",
                ),
        );
    }
    out
}

/// Attributes through which a browser fetches something, by element.
fn fetching_attrs(tag: &str) -> &'static [&'static str] {
    match tag {
        "img" => &["src", "srcset"],
        "source" => &["src", "srcset"],
        "script" | "iframe" | "frame" | "embed" | "audio" | "track" | "input" => &["src"],
        "video" => &["src", "poster"],
        "object" => &["data"],
        "form" => &["action"],
        "use" | "image" | "feimage" => &["href", "xlink:href"],
        _ => &[],
    }
}

/// Link relations that are only references, not fetched by the browser.
const REFERENCE_RELS: &[&str] = &[
    "alternate",
    "canonical",
    "author",
    "license",
    "me",
    "next",
    "prev",
    "help",
    "bookmark",
];

/// Everything wrong with one output file.
pub fn scan(path: &str, text: &str, own_host: &str) -> Vec<Diagnostic> {
    scan_tags(path, text, &tags(text), own_host)
}

/// [`scan`] with the file's tags already found.
fn scan_tags(path: &str, text: &str, all: &[Tag<'_>], own_host: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let file = Path::new(path);
    let at = |offset: usize, len: usize| Span::from_offset(file, text, offset, len);
    // `what` is only made when something is found.
    let foreign = |url: &str,
                   offset: usize,
                   what: &dyn Fn() -> String,
                   out: &mut Vec<Diagnostic>| {
        let first = url
            .split(',')
            .map(str::trim)
            .find(|u| is_foreign(u.split_whitespace().next().unwrap_or(""), own_host));
        if let Some(u) = first {
            out.push(
                Diagnostic::error(format!("{} loads `{u}` from another site", what()))
                    .at(at(offset, url.len()))
                    .hint("readers must never be tracked: copy the file into the theme's static/ folder, or link to it instead"),
            );
        }
    };
    if path.ends_with(".css") {
        for (url, offset) in css_urls(text) {
            foreign(url, offset, &|| String::from("the style sheet"), &mut out);
        }
        return out;
    }
    for tag in all {
        for attr in &tag.attrs {
            if attr.name.starts_with("on") && attr.name.len() > 2 {
                out.push(
                    Diagnostic::error(format!("`{}` runs inline JavaScript", attr.name))
                        .at(at(attr.at, attr.value.len()))
                        .hint("the Content-Security-Policy blocks inline scripts; put the code in a file in static/"),
                );
            }
            if attr.name == "style" {
                out.push(
                    Diagnostic::error("an inline `style` attribute")
                        .at(at(attr.at, attr.value.len()))
                        .hint("the Content-Security-Policy blocks inline styles; use a class and the theme's Sass"),
                );
            }
            if fetching_attrs(&tag.name).contains(&&*attr.name) {
                foreign(attr.value, attr.at, &|| format!("<{}>", tag.name), &mut out);
            }
        }
        match &*tag.name {
            "link" => {
                let rel = tag
                    .attr("rel")
                    .map(|a| a.value.to_ascii_lowercase())
                    .unwrap_or_default();
                let reference = rel.split_whitespace().all(|r| REFERENCE_RELS.contains(&r));
                if let (false, Some(href)) = (reference, tag.attr("href")) {
                    foreign(
                        href.value,
                        href.at,
                        &|| format!("<link rel=\"{rel}\">"),
                        &mut out,
                    );
                }
            }
            "script" if tag.attr("src").is_none() && !tag.body.trim().is_empty() => {
                let json = tag.attr("type").is_some_and(|t| t.value.contains("json"));
                if !json {
                    out.push(
                        Diagnostic::error("an inline <script>")
                            .at(at(tag.at, 7))
                            .hint("the Content-Security-Policy blocks inline scripts; put the code in a file in static/"),
                    );
                }
            }
            "style" => {
                for (url, offset) in css_urls(tag.body) {
                    foreign(
                        url,
                        tag.body_at + offset,
                        &|| String::from("a <style> element"),
                        &mut out,
                    );
                }
                out.push(
                    Diagnostic::error("an inline <style> element")
                        .at(at(tag.at, 6))
                        .hint("the Content-Security-Policy blocks inline styles; move the rules into the theme's Sass"),
                );
            }
            "img" if tag.attr("alt").is_none() && path.ends_with(".html") => {
                out.push(
                    Diagnostic::error("an image without an `alt` attribute")
                        .at(at(tag.at, 4))
                        .hint("describe the image in alt=\"…\"; a purely decorative image takes alt=\"\""),
                );
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(path: &str, text: &str) -> Vec<String> {
        scan(path, text, "example.org")
            .into_iter()
            .map(|d| {
                let s = d.span.unwrap();
                format!("{}:{}: {}", s.line, s.col, d.message)
            })
            .collect()
    }

    #[test]
    fn third_party_resources_are_found() {
        let html = "<link rel=\"stylesheet\" href=\"https://fonts.example/f.css\">\n<img alt=\"\" src=\"//cdn.example/a.png\">\n<img alt=\"x\" srcset=\"/a.png 1x, https://t.example/b.png 2x\">\n<iframe src=\"https://www.youtube.com/embed/x\"></iframe>\n<form action=\"https://forms.example/\"></form>";
        let m = messages("en/index.html", html);
        assert_eq!(m.len(), 5, "{m:?}");
        assert!(
            m[0].starts_with("1:30: <link rel=\"stylesheet\"> loads `https://fonts.example/f.css`")
        );
        assert!(m[1].starts_with("2:18: <img> loads `//cdn.example/a.png`"));
    }

    #[test]
    fn own_host_links_and_references_are_fine() {
        let html = "<a href=\"https://elsewhere.example/\">x</a><link rel=\"alternate\" hreflang=\"it\" href=\"https://other.example/it/\"><link rel=\"stylesheet\" href=\"https://example.org/s.css\"><script src=\"/js/x.js\"></script><img src=\"data:image/png;base64,AA\" alt=\"\">";
        assert!(messages("en/index.html", html).is_empty());
    }

    #[test]
    fn inline_code_and_styles_are_refused() {
        let html = "<p style=\"color:red\" onclick=\"go()\">x</p><script>alert(1)</script><style>p{}</style><img src=\"/a.png\">";
        let m = messages("en/index.html", html);
        assert_eq!(m.len(), 5, "{m:?}");
    }

    #[test]
    fn css_imports_and_urls() {
        let m = messages(
            "style.css",
            "@import url(https://fonts.example/x.css);\nbody{background:url(/a.png)}",
        );
        assert_eq!(m.len(), 1, "{m:?}");
    }

    #[test]
    fn html_inside_feeds_and_json_is_scanned() {
        let xml = "<feed><icon>https://cdn.example/i.png</icon><entry><content type=\"html\">&lt;p&gt;x&lt;/p&gt;\n&lt;img alt=&quot;&quot; src=&quot;https://t.example/p.gif&quot;&gt;</content><link href=\"https://elsewhere.example/\"/></entry></feed>";
        let found = scan_data("en/atom.xml", xml, "example.org");
        let m: Vec<String> = found.iter().map(|d| d.message.clone()).collect();
        assert_eq!(m.len(), 2, "{m:?}");
        assert!(
            m[0].contains("<icon>") && m[0].contains("cdn.example"),
            "{m:?}"
        );
        assert!(m[1].contains("https://t.example/p.gif"), "{m:?}");
        let s = found[1].span.as_ref().unwrap();
        assert_eq!((s.line, s.col), (2, 36));
        let json =
            r#"{"pages":[{"title":"A","excerpt":"<img alt=\"\" src=\"//cdn.example/x.png\">"}]}"#;
        let m = scan_data("en/search.json", json, "example.org");
        assert_eq!(m.len(), 1, "{m:?}");
        // Markup whose `<` is escaped in the JSON is still found; JSON without any is clean.
        let escaped = r#"{"x":["\u003Cimg src=\"https://t.example/p.gif\">"]}"#;
        assert_eq!(scan_data("s/en.json", escaped, "example.org").len(), 1);
        let escaped = escaped.replace("u003C", "u003c");
        assert_eq!(scan_data("s/en.json", &escaped, "example.org").len(), 1);
        assert!(scan_data(
            "s/en.json",
            r#"{"x":"https://t.example/p.gif"}"#,
            "example.org"
        )
        .is_empty());
        assert!(scan_data(
            "sitemap.xml",
            "<urlset><url><loc>https://example.org/en/</loc></url></urlset>",
            "example.org"
        )
        .is_empty());
    }

    #[test]
    fn scripts_and_json_load_only_this_site() {
        let js = "var a = \"https://cdn.example/x.js\"; // see https://docs.example/\nvar n = 'http://www.w3.org/2000/svg'; fetch('/search/en.json'); var b = `//t.example/p`;";
        let found = scan_script("js/x.js", js.as_bytes(), "example.org");
        let m: Vec<String> = found.iter().map(|d| d.message.clone()).collect();
        assert_eq!(m.len(), 2, "{m:?}");
        assert!(m[0].contains("https://cdn.example/x.js"));
        assert!(m[1].contains("//t.example/p"));
        assert!(scan_script("s/en.json", br#"{"u":"https://example.org/a","t":"see https://x.example/ in text","e":"https://x.example/ begins"}"#, "example.org").is_empty());
        assert_eq!(
            scan_script(
                "s/en.json",
                br#"{"u":"https://x.example/a"}"#,
                "example.org"
            )
            .len(),
            1
        );
        assert_eq!(scan_script("s/en.json", b"{broken", "example.org").len(), 1);
        // Not JSON either: a control character in a string, a bad escape, trailing text.
        for bad in [&b"{\"a\":\"x\ty\"}"[..], br#"{"a":"\q"}"#, b"[1] 2"] {
            let found = scan_script("s/en.json", bad, "example.org");
            assert_eq!(found.len(), 1, "{:?}", String::from_utf8_lossy(bad));
            assert!(found[0].message.contains("does not parse"));
        }
    }

    #[test]
    fn hosts() {
        assert_eq!(
            host_of("https://user@Example.org:8080/x"),
            Some("Example.org")
        );
        assert_eq!(host_of("//cdn.example"), Some("cdn.example"));
        assert_eq!(host_of("/local/path"), None);
        assert_eq!(host_of("mailto:a@b"), None);
    }
}
