//! Sub-path deploys: a site published at `https://org.github.io/win` lives under `/win/`.
//!
//! Every stage makes addresses from the site's root (`/en/about/`, `/style.1a2b.css`,
//! `/d/pip/`), and the guard and `ponte check` reason about them that way. When `base_url`
//! has a path, [`Prefixed`] is the last step before the output: it puts that path in front of
//! every root-relative address in what is written — `href`, `src`, `action`, `poster` and
//! `srcset` in HTML, the target of a `<meta http-equiv="refresh">` (aliases and short links),
//! `url(…)` in CSS, and the paths of `_headers`. Absolute addresses (canonical, hreflang,
//! sitemap, the QR codes and short links printed in PDFs) already start with `base_url`.
//! The files themselves stay where they are: `public/` is what goes under `/win/`.
use std::io;

use crate::output::Output;

/// The path part of `base_url` without a trailing slash: `"/win"`, or `""` at a domain's root.
pub fn base_path(base_url: &str) -> String {
    let rest = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    match rest.find('/') {
        Some(i) => rest[i..].trim_end_matches('/').to_string(),
        None => String::new(),
    }
}

/// An [`Output`] that writes through `inner`, with `prefix` (`/win`) put in front of every
/// root-relative address.
pub struct Prefixed<'a> {
    inner: &'a dyn Output,
    prefix: String,
}

impl<'a> Prefixed<'a> {
    pub fn new(inner: &'a dyn Output, prefix: &str) -> Prefixed<'a> {
        Prefixed {
            inner,
            prefix: prefix.trim_end_matches('/').to_string(),
        }
    }
}

impl Output for Prefixed<'_> {
    fn put(&self, path: &str, bytes: Vec<u8>) -> io::Result<()> {
        self.put_from(path, bytes, "a file ponte makes")
    }
    fn put_from(&self, path: &str, bytes: Vec<u8>, source: &str) -> io::Result<()> {
        if self.prefix.is_empty() {
            return self.inner.put_from(path, bytes, source);
        }
        let rewrite: Option<fn(&str, &str) -> String> = if path.ends_with(".html") {
            Some(html)
        } else if path.ends_with(".css") {
            Some(css)
        } else if path == "_headers" {
            Some(headers)
        } else {
            None
        };
        let Some(rewrite) = rewrite else {
            return self.inner.put_from(path, bytes, source);
        };
        match String::from_utf8(bytes) {
            Ok(text) => {
                self.inner
                    .put_from(path, rewrite(&text, &self.prefix).into_bytes(), source)
            }
            Err(e) => self.inner.put_from(path, e.into_bytes(), source),
        }
    }
}

/// Puts `prefix` after each `needle` (which ends in `/`) that starts a root-relative address
/// (not `//host`, a protocol-relative address to another site).
fn after(text: &str, needle: &str, prefix: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(i) = rest.find(needle) {
        let end = i + needle.len();
        out.push_str(&rest[..end - 1]);
        if !rest[end..].starts_with('/') {
            out.push_str(prefix);
        }
        out.push('/');
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Root-relative addresses in HTML attributes and meta refresh targets.
pub fn html(text: &str, prefix: &str) -> String {
    let mut text = text.to_string();
    for needle in [
        " href=\"/",
        " src=\"/",
        " action=\"/",
        " poster=\"/",
        " srcset=\"/",
        "; url=/",
    ] {
        text = after(&text, needle, prefix);
    }
    srcsets(&text, prefix)
}

/// The second and later candidates of each `srcset="…"`.
fn srcsets(text: &str, prefix: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(" srcset=\"") {
        let start = i + " srcset=\"".len();
        out.push_str(&rest[..start]);
        let end = rest[start..].find('"').map_or(rest.len(), |j| start + j);
        out.push_str(&after(&rest[start..end], ", /", prefix));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// `url(/…)`, `url("/…")` and `url('/…')` in CSS.
pub fn css(text: &str, prefix: &str) -> String {
    let text = after(text, "url(/", prefix);
    let text = after(&text, "url(\"/", prefix);
    after(&text, "url('/", prefix)
}

/// The path patterns of a `_headers` file (lines that start with `/`).
pub fn headers(text: &str, prefix: &str) -> String {
    text.lines()
        .map(|line| {
            if line.starts_with('/') {
                format!("{prefix}{line}\n")
            } else {
                format!("{line}\n")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_path_is_the_path_of_base_url() {
        assert_eq!(base_path("https://org.github.io/win"), "/win");
        assert_eq!(base_path("https://org.github.io/win/"), "/win");
        assert_eq!(base_path("https://example.org"), "");
        assert_eq!(base_path("http://127.0.0.1:8080/a/b/"), "/a/b");
    }

    #[test]
    fn root_relative_addresses_get_the_prefix() {
        let page = r##"<a href="/en/about/">x</a><a href="//other.org/">y</a><a href="https://e.org/">z</a><img src="/media/a.jpg" srcset="/media/a.jpg 1x, /media/b.jpg 2x"><meta http-equiv="refresh" content="0; url=/en/"><a href="#top">t</a><p>a, /b</p>"##;
        let out = html(page, "/win");
        assert!(out.contains(r#"href="/win/en/about/""#));
        assert!(out.contains(r#"href="//other.org/""#));
        assert!(out.contains(r#"href="https://e.org/""#));
        assert!(out.contains(r#"src="/win/media/a.jpg""#));
        assert!(out.contains(r#"srcset="/win/media/a.jpg 1x, /win/media/b.jpg 2x""#));
        assert!(out.contains("url=/win/en/"));
        assert!(out.contains(r##"href="#top""##));
        assert!(out.contains("<p>a, /b</p>"), "text is left alone: {out}");
        assert_eq!(
            css(
                "a{background:url(/i.svg)}b{background:url(\"/j.svg\")}",
                "/w"
            ),
            "a{background:url(/w/i.svg)}b{background:url(\"/w/j.svg\")}"
        );
        assert_eq!(
            headers("/*\n  X-Frame-Options: DENY\n", "/win"),
            "/win/*\n  X-Frame-Options: DENY\n"
        );
    }
}
