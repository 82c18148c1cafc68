//! A small HTML tag scanner: finds start tags and their attributes with byte offsets, skipping
//! comments and the text of `<script>`/`<style>` elements. It reads what ponte's own templates
//! and Markdown renderer write; it is not a full HTML5 parser and does not need to be one.
use std::borrow::Cow;

/// One attribute of a start tag; `value_at` is the byte offset of the value in the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Attr<'a> {
    /// Lower case; borrowed from the document when it is written in lower case already.
    pub name: Cow<'a, str>,
    pub value: &'a str,
    pub at: usize,
}

/// A start tag with its attributes; `body` is the raw text up to the matching end tag for
/// `<script>` and `<style>` (empty otherwise).
#[derive(Debug, Clone, PartialEq)]
pub struct Tag<'a> {
    /// Lower case; borrowed from the document when it is written in lower case already.
    pub name: Cow<'a, str>,
    pub at: usize,
    pub attrs: Vec<Attr<'a>>,
    pub body: &'a str,
    pub body_at: usize,
}

impl<'a> Tag<'a> {
    pub fn attr(&self, name: &str) -> Option<&Attr<'a>> {
        self.attrs.iter().find(|a| a.name == name)
    }
}

/// Every start tag in `html`, in order.
pub fn tags(html: &str) -> Vec<Tag<'_>> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(rel) = html[i..].find('<') {
        let start = i + rel;
        i = start + 1;
        if html[start..].starts_with("<!--") {
            i = html[start..]
                .find("-->")
                .map_or(html.len(), |e| start + e + 3);
            continue;
        }
        let name_len = bytes[i..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':')
            .count();
        if name_len == 0 || !bytes[i].is_ascii_alphabetic() {
            continue;
        }
        let name = lower(&html[i..i + name_len]);
        i += name_len;
        let mut attrs = Vec::new();
        loop {
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i >= bytes.len() {
                break;
            }
            if bytes[i] == b'>' {
                i += 1;
                break;
            }
            if bytes[i] == b'/' {
                i += 1;
                continue;
            }
            let an_len = bytes[i..]
                .iter()
                .take_while(|b| !b.is_ascii_whitespace() && !matches!(b, b'=' | b'>' | b'/'))
                .count()
                .max(1);
            let an = lower(&html[i..i + an_len]);
            i += an_len;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < bytes.len() && bytes[i] == b'=' {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                let (value_at, end) = match bytes.get(i) {
                    Some(q @ (b'"' | b'\'')) => {
                        let close = html[i + 1..]
                            .find(*q as char)
                            .map_or(html.len(), |e| i + 1 + e);
                        (i + 1, close)
                    }
                    _ => {
                        let len = bytes[i..]
                            .iter()
                            .take_while(|b| !b.is_ascii_whitespace() && **b != b'>')
                            .count();
                        (i, i + len)
                    }
                };
                attrs.push(Attr {
                    name: an,
                    value: &html[value_at..end],
                    at: value_at,
                });
                i = (end + 1).min(html.len());
                if end < bytes.len() && !matches!(bytes[end], b'"' | b'\'') {
                    i = end;
                }
            } else {
                attrs.push(Attr {
                    name: an,
                    value: "",
                    at: i,
                });
            }
        }
        let (body, body_at) = if name == "script" || name == "style" {
            let close = format!("</{name}");
            let end = find_ascii_ci(&html[i..], &close).map_or(html.len(), |e| i + e);
            let b = (&html[i..end], i);
            i = end;
            b
        } else {
            ("", i)
        };
        out.push(Tag {
            name,
            at: start,
            attrs,
            body,
            body_at,
        });
    }
    out
}

/// `s` in ASCII lower case, copied only if it has an upper-case letter.
fn lower(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let h = haystack.as_bytes();
    let n = needle.as_bytes();
    (0..h.len().saturating_sub(n.len() - 1)).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// The `url(…)` and `@import` references in a style sheet, with their offsets.
pub fn css_urls(css: &str) -> Vec<(&str, usize)> {
    let mut out = Vec::new();
    let lower = css.to_ascii_lowercase();
    let mut i = 0;
    while let Some(rel) = lower[i..].find("url(") {
        let start = i + rel + 4;
        let end = lower[start..].find(')').map_or(css.len(), |e| start + e);
        let raw = css[start..end]
            .trim()
            .trim_matches(|c| c == '"' || c == '\'');
        out.push((raw, start));
        i = end;
    }
    let mut i = 0;
    while let Some(rel) = lower[i..].find("@import") {
        let start = i + rel + 7;
        let rest = css[start..].trim_start();
        let lead = css.len() - start - rest.len();
        if let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') {
            let end = rest[1..].find(q).map_or(rest.len(), |e| e + 1);
            out.push((&rest[1..end], start + lead + 1));
        }
        i = start;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_tags_and_attributes_with_offsets() {
        let html = "<p class=x>hi</p><!-- <img src=no> --><IMG SRC='a.png' alt=\"é\"><br/>";
        let t = tags(html);
        assert_eq!(
            t.iter().map(|t| &*t.name).collect::<Vec<_>>(),
            vec!["p", "img", "br"]
        );
        let img = &t[1];
        assert_eq!(img.attr("src").unwrap().value, "a.png");
        assert_eq!(&html[img.attr("src").unwrap().at..][..5], "a.png");
        assert_eq!(img.attr("alt").unwrap().value, "é");
    }

    #[test]
    fn script_bodies_are_not_scanned_as_tags() {
        let t = tags("<script>if (a < b) { x('<img src=z>') }</script><a href=\"/x\">");
        assert_eq!(t.len(), 2);
        assert!(t[0].body.contains("<img"));
        assert_eq!(t[1].name, "a");
    }

    #[test]
    fn css_references() {
        let css = "a{background:url( \"//cdn.example/x.png\" )}@import 'https://f.example/a.css';";
        let urls: Vec<&str> = css_urls(css).into_iter().map(|(u, _)| u).collect();
        assert_eq!(urls, vec!["//cdn.example/x.png", "https://f.example/a.css"]);
    }

    #[test]
    fn survives_truncated_input() {
        for html in [
            "<",
            "<a",
            "<a href=",
            "<a href=\"x",
            "<script>",
            "<!--",
            "<a b='c",
        ] {
            let _ = tags(html);
        }
    }
}
