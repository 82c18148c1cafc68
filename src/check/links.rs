//! Checks over the rendered site (the files as the browser will get them): every internal
//! link, download and anchor leads somewhere, `hreflang` alternates answer each other, every
//! page has its language and one main heading.
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::guard::host_of;
use super::html::tags;
use crate::diagnostic::{Diagnostic, Span};

/// Checks `files` (output path → bytes) as published at `base_url`; `sources` maps output
/// paths to the page files they came from, for hints.
pub fn check(
    files: &BTreeMap<String, Vec<u8>>,
    base_url: &str,
    sources: &HashMap<String, PathBuf>,
) -> Vec<Diagnostic> {
    let own_host = host_of(base_url).unwrap_or("").to_ascii_lowercase();
    let base = crate::subpath::base_path(base_url);
    let html: BTreeMap<&str, &str> = files
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .filter_map(|(p, b)| std::str::from_utf8(b).ok().map(|t| (p.as_str(), t)))
        .collect();
    let ids: HashMap<&str, HashSet<&str>> = html
        .iter()
        .map(|(path, text)| {
            let set = tags(text)
                .iter()
                .flat_map(|t| {
                    t.attrs
                        .iter()
                        .filter(|a| a.name == "id" || (t.name == "a" && a.name == "name"))
                        .map(|a| a.value)
                })
                .collect::<Vec<_>>();
            // Values borrow from `text`, which lives as long as `files`.
            (*path, set.into_iter().collect())
        })
        .collect();

    let mut out = Vec::new();
    for (path, text) in &html {
        let file = Path::new(path);
        let at = |offset: usize, len: usize| Span::from_offset(file, text, offset, len);
        let hint_source = |h: &str| match sources.get(*path) {
            Some(src) => format!("{h} (this file is made from {})", src.display()),
            None => h.to_string(),
        };
        let all = tags(text);
        let h1 = all.iter().filter(|t| t.name == "h1").count();
        let redirect = all.iter().any(|t| {
            t.name == "meta"
                && t.attr("http-equiv")
                    .is_some_and(|a| a.value.eq_ignore_ascii_case("refresh"))
        });
        if !redirect {
            if let Some(html_tag) = all.iter().find(|t| t.name == "html") {
                if html_tag.attr("lang").is_none_or(|a| a.value.is_empty()) {
                    out.push(
                        Diagnostic::error("the page does not say its language (<html lang>)")
                            .at(at(html_tag.at, 5))
                            .hint(hint_source(
                                "the theme's <html> element needs lang=\"{{ lang }}\"",
                            )),
                    );
                }
            }
            if h1 != 1 {
                out.push(
                    Diagnostic::warning(format!(
                        "the page has {h1} main headings (<h1>); it should have one"
                    ))
                    .at(Span::file(file))
                    .hint(hint_source("screen readers use the h1 as the page's name")),
                );
            }
        }
        for tag in &all {
            let attr = match tag.name.as_str() {
                "a" | "area" => tag.attr("href"),
                "link"
                    if !tag.attr("rel").is_some_and(|r| {
                        r.value.contains("alternate") || r.value.contains("canonical")
                    }) =>
                {
                    tag.attr("href")
                }
                "img" | "script" | "source" | "iframe" => tag.attr("src"),
                _ => None,
            };
            let Some(attr) = attr else { continue };
            let Some((target, fragment)) = resolve_under(path, attr.value, &own_host, &base) else {
                continue;
            };
            let target_file = if target.is_empty() {
                Some(path.to_string())
            } else {
                find_file(files, &target)
            };
            match target_file {
                None => out.push(
                    Diagnostic::error(format!("the link `{}` leads to no page or file", attr.value))
                        .at(at(attr.at, attr.value.len()))
                        .hint(hint_source("write links to pages as @/path/page.md so that ponte can check and translate them")),
                ),
                Some(target_file) => {
                    if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                        let has = ids.get(target_file.as_str()).is_some_and(|set| set.contains(fragment.as_str()));
                        if target_file.ends_with(".html") && !has {
                            out.push(
                                Diagnostic::error(format!("`{}` has no element with the id `{fragment}`", target_file))
                                    .at(at(attr.at, attr.value.len()))
                                    .hint(hint_source("give the heading an id: ## Heading {#the-id}")),
                            );
                        }
                    }
                }
            }
        }
        // hreflang alternates must answer each other.
        let own_url = format!(
            "{}/{}",
            base_url.trim_end_matches('/'),
            path.trim_end_matches("index.html")
        );
        for tag in all
            .iter()
            .filter(|t| t.name == "link" && t.attr("hreflang").is_some())
        {
            let (Some(lang), Some(href)) = (tag.attr("hreflang"), tag.attr("href")) else {
                continue;
            };
            if lang.value == "x-default" {
                continue;
            }
            let Some((target, _)) = resolve_under(path, href.value, &own_host, &base) else {
                continue;
            };
            let Some(target_file) = find_file(files, &target) else {
                out.push(
                    Diagnostic::error(format!(
                        "the {} alternate `{}` does not exist",
                        lang.value, href.value
                    ))
                    .at(at(href.at, href.value.len()))
                    .hint(hint_source(
                        "hreflang alternates come from the page's translations",
                    )),
                );
                continue;
            };
            let Some(other) = html.get(target_file.as_str()) else {
                continue;
            };
            let answers = tags(other).iter().any(|t| {
                t.name == "link"
                    && t.attr("hreflang").is_some()
                    && t.attr("href").is_some_and(|h| h.value == own_url)
            });
            if !answers {
                out.push(
                    Diagnostic::error(format!(
                        "`{target_file}` does not name this page as its alternate"
                    ))
                    .at(at(href.at, href.value.len()))
                    .hint(hint_source(
                        "search engines ignore hreflang alternates that are not reciprocal",
                    )),
                );
            }
        }
    }
    out
}

/// The weight budget of a home page with the style sheets and scripts it loads, before
/// compression: readers on cheap phones and slow links.
pub const HOME_BUDGET: usize = 60 * 1024;

/// Every language's home page that, with its CSS and JavaScript, weighs more than the budget.
pub fn page_weight(files: &BTreeMap<String, Vec<u8>>, base_url: &str) -> Vec<Diagnostic> {
    let own_host = host_of(base_url).unwrap_or("").to_ascii_lowercase();
    let base = crate::subpath::base_path(base_url);
    let mut out = Vec::new();
    for (path, bytes) in files {
        let depth = path.matches('/').count();
        if !(path.ends_with("/index.html") && depth == 1) {
            continue;
        }
        let Ok(text) = std::str::from_utf8(bytes) else {
            continue;
        };
        let mut total = bytes.len();
        for tag in tags(text) {
            let attr = match tag.name.as_str() {
                "link"
                    if tag
                        .attr("rel")
                        .is_some_and(|r| r.value.contains("stylesheet"))
                        && tag.attr("media").is_none_or(|m| m.value != "print") =>
                {
                    tag.attr("href")
                }
                "script" => tag.attr("src"),
                _ => None,
            };
            if let Some((target, _)) =
                attr.and_then(|a| resolve_under(path, a.value, &own_host, &base))
            {
                total += find_file(files, &target)
                    .and_then(|f| files.get(&f))
                    .map_or(0, Vec::len);
            }
        }
        if total > HOME_BUDGET {
            out.push(
                Diagnostic::warning(format!(
                    "the home page `{path}` weighs {} KB with its styles and scripts (budget {} KB)",
                    total / 1024,
                    HOME_BUDGET / 1024
                ))
                .at(Span::file(Path::new(path)))
                .hint("keep the home page short and the theme's CSS and JavaScript small; readers may be on slow, paid connections"),
            );
        }
    }
    out
}

/// An internal URL as (output path without fragment, fragment); `None` for external links,
/// `mailto:` and the like. An empty path means "this page".
/// Like [`resolve`] for a site published under the path `base` (`/win`, or `""`): a
/// root-relative or own-host address must start with it, and leads to the file after it.
fn resolve_under(
    from: &str,
    url: &str,
    own_host: &str,
    base: &str,
) -> Option<(String, Option<String>)> {
    if base.is_empty() {
        return resolve(from, url, own_host);
    }
    let trimmed = url.trim();
    let path_at = if trimmed.starts_with('/') && !trimmed.starts_with("//") {
        Some(0)
    } else if host_of(trimmed).is_some_and(|h| h.eq_ignore_ascii_case(own_host)) {
        let after = trimmed.find("//").map_or(0, |i| i + 2);
        Some(
            trimmed[after..]
                .find('/')
                .map_or(trimmed.len(), |i| after + i),
        )
    } else {
        None
    };
    let Some(at) = path_at else {
        return resolve(from, url, own_host);
    };
    let path = &trimmed[at..];
    match path.strip_prefix(base) {
        Some(rest) if rest.is_empty() || rest.starts_with(['/', '?', '#']) => {
            let rest = if rest.starts_with('/') {
                rest.to_string()
            } else {
                format!("/{rest}")
            };
            resolve(from, &rest, own_host)
        }
        // Outside the site's path: no file of the site answers it.
        _ => Some((format!("\u{0}outside{base}{path}"), None)),
    }
}

fn resolve(from: &str, url: &str, own_host: &str) -> Option<(String, Option<String>)> {
    let url = url.trim();
    let (url, fragment) = match url.split_once('#') {
        Some((u, f)) => (u, Some(percent_decode(f))),
        None => (url, None),
    };
    let url = url.split('?').next().unwrap_or("");
    let path = if let Some(host) = host_of(url) {
        if !host.eq_ignore_ascii_case(own_host) {
            return None;
        }
        let after = url.split_once("//").map_or("", |(_, r)| r);
        after
            .find('/')
            .map_or("/".to_string(), |i| after[i..].to_string())
    } else if url.contains(':') && !url.starts_with('/') {
        return None;
    } else if url.is_empty() {
        return Some((String::new(), fragment));
    } else if url.starts_with('/') {
        url.to_string()
    } else {
        let dir = from.rfind('/').map_or("", |i| &from[..=i]);
        format!("/{dir}{url}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut joined = parts.join("/");
    if path.ends_with('/') && !joined.is_empty() {
        joined.push('/');
    }
    Some((percent_decode(&joined), fragment))
}

fn find_file(files: &BTreeMap<String, Vec<u8>>, target: &str) -> Option<String> {
    let candidates = if target.is_empty() || target.ends_with('/') {
        vec![format!("{target}index.html")]
    } else {
        vec![target.to_string(), format!("{target}/index.html")]
    };
    candidates.into_iter().find(|c| files.contains_key(c))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> Vec<String> {
        let map: BTreeMap<String, Vec<u8>> = files
            .iter()
            .map(|(p, t)| (p.to_string(), t.as_bytes().to_vec()))
            .collect();
        check(&map, "https://example.org", &HashMap::new())
            .into_iter()
            .map(|d| {
                format!(
                    "{}:{}: {}",
                    d.span.as_ref().unwrap().file.display(),
                    d.span.as_ref().unwrap().line,
                    d.message
                )
            })
            .collect()
    }

    #[test]
    fn broken_links_and_anchors_are_found() {
        let found = site(&[
            ("en/index.html", "<html lang=\"en\"><h1>Home</h1>\n<a href=\"/en/about/\">ok</a>\n<a href=\"/en/abut/\">bad</a>\n<a href=\"about/#team\">ok</a>\n<a href=\"/en/about/#nope\">bad</a>\n<a href=\"https://example.org/en/about/\">ok</a>\n<a href=\"https://elsewhere.example/x\">ext</a>\n<a href=\"mailto:a@b\">m</a>\n<a href=\"#top\">bad</a>"),
            ("en/about/index.html", "<html lang=\"en\"><h1 id=\"top\">About</h1><h2 id=\"team\">Team</h2><a href=\"../\">up</a><a href=\"/files/guide.pdf\">pdf</a>"),
        ]);
        assert_eq!(
            found,
            vec![
                "en/about/index.html:1: the link `/files/guide.pdf` leads to no page or file",
                "en/index.html:3: the link `/en/abut/` leads to no page or file",
                "en/index.html:5: `en/about/index.html` has no element with the id `nope`",
                "en/index.html:9: `en/index.html` has no element with the id `top`",
            ]
        );
    }

    #[test]
    fn heavy_home_pages_are_reported() {
        let mut map: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        map.insert(
            "en/index.html".into(),
            b"<link rel=\"stylesheet\" href=\"/s.css\"><script src=\"/a.js\"></script>".to_vec(),
        );
        map.insert("s.css".into(), vec![b' '; 40 * 1024]);
        map.insert("a.js".into(), vec![b' '; 30 * 1024]);
        map.insert("en/about/index.html".into(), vec![b' '; 90 * 1024]);
        let found = page_weight(&map, "https://example.org");
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .message
                .starts_with("the home page `en/index.html` weighs 70 KB"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn alternates_must_be_reciprocal() {
        let found = site(&[
            ("en/index.html", "<html lang=\"en\"><h1>x</h1><link rel=\"alternate\" hreflang=\"it\" href=\"https://example.org/it/\">"),
            ("it/index.html", "<html lang=\"it\"><h1>x</h1>"),
        ]);
        assert_eq!(
            found,
            vec!["en/index.html:1: `it/index.html` does not name this page as its alternate"]
        );
    }

    #[test]
    fn urls_resolve_like_a_browser() {
        assert_eq!(
            resolve("en/a/index.html", "../b/", "example.org"),
            Some(("en/b/".to_string(), None))
        );
        assert_eq!(
            resolve("en/index.html", "/el/%CE%B1/#x", "example.org"),
            Some(("el/α/".to_string(), Some("x".to_string())))
        );
        assert_eq!(
            resolve("en/index.html", "https://other.example/", "example.org"),
            None
        );
        assert_eq!(
            resolve("en/index.html", "#top", "example.org"),
            Some((String::new(), Some("top".to_string())))
        );
        assert_eq!(percent_decode("%E2%82%AC%zz%é%"), "€%zz%é%");
    }
}
