//! Checks over the rendered site (the files as the browser will get them): every internal
//! link, download and anchor leads somewhere, `hreflang` alternates answer each other, every
//! page has its language and one main heading.
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::guard::host_of;
use std::sync::Mutex;

use super::html::{tags, Attr, Tag};
use crate::diagnostic::{Diagnostic, Span};

/// Checks the structure of every page in `files` (output path → bytes) as published at
/// `base_url`: its language, one main heading, reciprocal `hreflang` alternates. `sources` maps
/// output paths to the page files they came from, for hints. Links and anchors are checked
/// during every build by [`LinkIndex`].
pub fn page_structure(
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

/// A link written in a page's Markdown (not `@/`, which the renderer resolves and checks
/// itself), as it stands in the page's output file `from`.
#[derive(Debug, Clone)]
pub struct SourceLink {
    /// The output file of the page (`en/about/index.html`).
    pub from: String,
    /// The link as written (`/en/about/partners/#roles`, `../team/`).
    pub url: String,
    /// Where the link is in the Markdown file.
    pub span: Span,
    /// Already checked by the renderer (an `@/` link): only kept so that the same link in the
    /// output is not reported a second time.
    pub checked: bool,
}

/// How many broken links get a "did you mean" suggestion.
const SUGGEST: usize = 20;

/// How many places are shown for one broken link target (the rest are counted).
const SHOWN: usize = 3;

/// Every file the build writes, the ids of its HTML pages and the internal links in them,
/// gathered as the files pass through the output guard; [`LinkIndex::finish`] then checks
/// that every internal link and anchor leads somewhere. External links are not followed.
#[derive(Default)]
pub struct LinkIndex {
    own_host: String,
    /// The path the site is published under (`/win`, or empty).
    base: String,
    data: Mutex<IndexData>,
}

#[derive(Default)]
struct IndexData {
    files: HashSet<String>,
    ids: HashMap<String, HashSet<String>>,
    /// (target path, fragment) → where it is linked from.
    refs: HashMap<(String, Option<String>), Refs>,
}

impl IndexData {
    /// Whether a link to `target` and `fragment` leads somewhere already: its file is written
    /// and has the id (files and ids are never taken back, so [`LinkIndex::finish`] would find
    /// the link good too). `name` is room to spell a file name in.
    fn leads_somewhere(&self, target: &str, fragment: Option<&str>, name: &mut String) -> bool {
        // The same candidates as `find_file`.
        let mut found = |candidate: &[&str]| {
            name.clear();
            candidate.iter().for_each(|part| name.push_str(part));
            self.files.contains(name.as_str())
        };
        let file_found = if target.is_empty() || target.ends_with('/') {
            found(&[target, "index.html"])
        } else {
            found(&[target]) || found(&[target, "/index.html"])
        };
        if !file_found {
            return false;
        }
        match fragment.filter(|f| !f.is_empty()) {
            None => true,
            Some(f) => {
                !name.ends_with(".html")
                    || self.ids.get(name.as_str()).is_some_and(|s| s.contains(f))
            }
        }
    }
}

#[derive(Default)]
struct Refs {
    count: usize,
    /// The first few places: (output file, span in it).
    shown: Vec<(String, Span)>,
}

/// The URL-bearing attribute of a tag, for link checking.
fn link_attr<'t, 'a>(tag: &'t Tag<'a>) -> Option<&'t Attr<'a>> {
    match &*tag.name {
        "a" | "area" => tag.attr("href"),
        // Alternates and the canonical address are absolute and checked elsewhere; a feed
        // (`type="application/atom+xml"`) is a file of this site like any other.
        "link"
            if !tag.attr("rel").is_some_and(|r| {
                r.value.contains("alternate") || r.value.contains("canonical")
            }) || tag
                .attr("type")
                .is_some_and(|t| t.value.contains("atom+xml")) =>
        {
            tag.attr("href")
        }
        "img" | "script" | "source" | "iframe" => tag.attr("src"),
        _ => None,
    }
}

impl LinkIndex {
    pub fn new(base_url: &str) -> LinkIndex {
        LinkIndex {
            own_host: host_of(base_url).unwrap_or("").to_ascii_lowercase(),
            base: crate::subpath::base_path(base_url),
            data: Mutex::default(),
        }
    }

    /// [`resolve`] for the files as written: root-relative addresses are the site's own (the
    /// sub-path is put in front of them later), while an absolute address of the site's own
    /// host already carries the sub-path, which is taken off.
    fn resolve(&self, from: &str, url: &str) -> Option<(String, Option<String>)> {
        let own = host_of(url.trim()).is_some_and(|h| h.eq_ignore_ascii_case(&self.own_host));
        if own && !self.base.is_empty() {
            resolve_under(from, url, &self.own_host, &self.base)
        } else {
            resolve(from, url, &self.own_host)
        }
    }

    /// Records one written file; `tags` are the tags of `text` when it is an HTML page.
    pub fn add(&self, path: &str, text: Option<(&str, &[Tag<'_>])>) {
        let mut ids = HashSet::new();
        // (target, fragment, offset, len), in order.
        let mut links: Vec<(String, Option<String>, usize, usize)> = Vec::new();
        if let Some((_, tags)) = text.filter(|_| path.ends_with(".html")) {
            for tag in tags {
                for a in &tag.attrs {
                    if a.name == "id" || (tag.name == "a" && a.name == "name") {
                        ids.insert(a.value.to_string());
                    }
                }
                let Some(attr) = link_attr(tag) else { continue };
                let Some((target, fragment)) = self.resolve(path, attr.value) else {
                    continue;
                };
                let target = if target.is_empty() {
                    path.to_string()
                } else {
                    target
                };
                links.push((target, fragment, attr.at, attr.value.len()));
            }
        }
        // Each target once per file: its first link.
        let first: Vec<bool> = {
            let mut seen = HashSet::with_capacity(links.len());
            links
                .iter()
                .map(|(target, fragment, _, _)| seen.insert((target.as_str(), fragment.as_deref())))
                .collect()
        };
        let links = links
            .into_iter()
            .zip(first)
            .filter_map(|(link, first)| first.then_some(link));
        let mut data = self.data.lock().unwrap_or_else(|e| e.into_inner());
        data.files.insert(path.to_string());
        if !ids.is_empty() {
            data.ids.insert(path.to_string(), ids);
        }
        // Lines are counted once through the file (links come in order), not from the start
        // for every link.
        let (mut line, mut line_start, mut counted) = (1, 0, 0);
        let mut name = String::new();
        for (target, fragment, at, len) in links {
            // Most links lead to a file written already: nothing to keep for them.
            if data.leads_somewhere(&target, fragment.as_deref(), &mut name) {
                continue;
            }
            let refs = data.refs.entry((target, fragment)).or_default();
            refs.count += 1;
            if refs.shown.len() < SHOWN {
                if let Some((text, _)) = text {
                    let bytes = &text.as_bytes()[counted..at.max(counted)];
                    for (i, b) in bytes.iter().enumerate() {
                        if *b == b'\n' {
                            line += 1;
                            line_start = counted + i + 1;
                        }
                    }
                    counted = at.max(counted);
                    refs.shown.push((
                        path.to_string(),
                        span_at(path, text, line, line_start, at, len),
                    ));
                }
            }
        }
    }

    /// Checks every recorded link. Links from a page's Markdown are reported at their line in
    /// the Markdown file; links the templates made, at the output file, naming its source.
    pub fn finish(
        self,
        markdown: &[&SourceLink],
        sources: &HashMap<String, PathBuf>,
    ) -> Vec<Diagnostic> {
        let data = std::mem::take(&mut *self.data.lock().unwrap_or_else(|e| e.into_inner()));
        let mut out = Vec::new();
        // Why a (target, fragment) is broken, if it is.
        let broken = |target: &str, fragment: Option<&str>| -> Option<String> {
            match find_file(&data.files, target) {
                None => Some("leads to no page or file".to_string()),
                Some(file) => {
                    let fragment = fragment.filter(|f| !f.is_empty())?;
                    let has = data.ids.get(&file).is_some_and(|s| s.contains(fragment));
                    (file.ends_with(".html") && !has)
                        .then(|| format!("leads to `{file}`, which has no heading or element with the id `{fragment}`"))
                }
            }
        };
        let mut from_markdown: HashMap<(String, Option<String>), HashSet<&str>> = HashMap::new();
        let mut suggested = 0;
        for link in markdown {
            let Some((target, fragment)) = self.resolve(&link.from, &link.url) else {
                continue;
            };
            let target = if target.is_empty() {
                link.from.clone()
            } else {
                target
            };
            if !link.checked {
                if let Some(why) = broken(&target, fragment.as_deref()) {
                    suggested += 1;
                    let hint = if why.starts_with("leads to no") {
                        // Looking for a close address costs a pass over every file: only
                        // for the first few broken links.
                        match (suggested <= SUGGEST)
                            .then(|| nearest(&data.files, &target))
                            .flatten()
                        {
                            Some(best) => format!("did you mean `/{best}`? Links to pages are best written as @/section/page.md, which ponte checks and translates"),
                            None => "link to a page as @/section/page.md (its path under content/), which ponte checks and translates".to_string(),
                        }
                    } else {
                        "give the heading that id in every language: ## Heading text {#the-id}"
                            .to_string()
                    };
                    out.push(
                        Diagnostic::error(format!("the link `{}` {why}", link.url))
                            .at(link.span.clone())
                            .hint(hint),
                    );
                }
            }
            from_markdown
                .entry((target, fragment))
                .or_default()
                .insert(link.from.as_str());
        }
        let mut keys: Vec<&(String, Option<String>)> = data.refs.keys().collect();
        keys.sort();
        for key in keys {
            let Some(why) = broken(&key.0, key.1.as_deref()) else {
                continue;
            };
            let refs = &data.refs[key];
            let md = from_markdown.get(key);
            let template_made: Vec<&(String, Span)> = refs
                .shown
                .iter()
                .filter(|(from, _)| !md.is_some_and(|m| m.contains(from.as_str())))
                .collect();
            // Files link to a target once each; those whose link is in their Markdown were
            // reported above.
            let others = refs
                .count
                .saturating_sub(md.map_or(0, HashSet::len))
                .saturating_sub(template_made.len());
            for (from, span) in template_made {
                let made = match sources.get(from) {
                    Some(src) => format!(
                        "this file is made from {} and the theme's templates",
                        src.display()
                    ),
                    None => "this file is made by the theme's templates".to_string(),
                };
                let more = if others > 0 {
                    format!("; {others} other file(s) have the same link")
                } else {
                    String::new()
                };
                out.push(
                    Diagnostic::error(format!("the link `{}` {why}", link_text(span)))
                        .at(span.clone())
                        .hint(format!("{made}{more}")),
                );
            }
        }
        out
    }
}

/// The span of `len` bytes at `at`, on line `line` that starts at byte `line_start`.
fn span_at(path: &str, text: &str, line: usize, line_start: usize, at: usize, len: usize) -> Span {
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    Span {
        file: PathBuf::from(path),
        line,
        col: text[line_start..at].chars().count() + 1,
        len: text[at..(at + len).min(line_end)].chars().count().max(1),
        line_text: text[line_start..line_end]
            .trim_end_matches('\r')
            .to_string(),
    }
}

/// The link as written, from its span.
fn link_text(span: &Span) -> String {
    span.line_text
        .chars()
        .skip(span.col.saturating_sub(1))
        .take(span.len)
        .collect()
}

/// The page whose address is closest to a broken one, if one is close.
fn nearest(files: &HashSet<String>, target: &str) -> Option<String> {
    let wanted = if target.is_empty() || target.ends_with('/') {
        format!("{target}index.html")
    } else {
        target.to_string()
    };
    let limit = 3.max(wanted.chars().count() / 5);
    files
        .iter()
        .filter(|f| f.len().abs_diff(wanted.len()) <= limit)
        .filter(|f| f.ends_with(".html") || !wanted.ends_with(".html"))
        .map(|f| (crate::config::edit_distance(&wanted, f), f))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, f)| f.strip_suffix("index.html").unwrap_or(f).to_string())
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
            let attr = match &*tag.name {
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
    // Most links are plain root-relative paths (`/en/about/`): nothing to decode, no `.` or
    // `..` to walk, no empty segment; the path is the address without its first `/`.
    if url.starts_with('/')
        && !url.contains(['#', '?', '%'])
        && !url.contains("//")
        && !url.split('/').any(|seg| seg == "." || seg == "..")
    {
        return Some((url[1..].to_string(), None));
    }
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

fn find_file<F: Files>(files: &F, target: &str) -> Option<String> {
    let candidates = if target.is_empty() || target.ends_with('/') {
        vec![format!("{target}index.html")]
    } else {
        vec![target.to_string(), format!("{target}/index.html")]
    };
    candidates.into_iter().find(|c| files.has(c))
}

/// A set of output paths.
trait Files {
    fn has(&self, path: &str) -> bool;
}
impl Files for BTreeMap<String, Vec<u8>> {
    fn has(&self, path: &str) -> bool {
        self.contains_key(path)
    }
}
impl Files for HashSet<String> {
    fn has(&self, path: &str) -> bool {
        self.contains(path)
    }
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
        let index = LinkIndex::new("https://example.org");
        for (path, text) in files {
            index.add(path, Some((text, &tags(text))));
        }
        let mut found: Vec<String> = page_structure(&map, "https://example.org", &HashMap::new())
            .into_iter()
            .chain(index.finish(&[], &HashMap::new()))
            .map(|d| {
                format!(
                    "{}:{}: {}",
                    d.span.as_ref().unwrap().file.display(),
                    d.span.as_ref().unwrap().line,
                    d.message
                )
            })
            .collect();
        found.sort();
        found
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
                "en/index.html:5: the link `/en/about/#nope` leads to `en/about/index.html`, which has no heading or element with the id `nope`",
                "en/index.html:9: the link `#top` leads to `en/index.html`, which has no heading or element with the id `top`",
            ]
        );
    }

    /// Links to files written before the page that links to them are checked when the page
    /// is recorded: they are found broken just the same.
    #[test]
    fn links_to_files_written_earlier_are_checked_too() {
        let found = site(&[
            ("en/index.html", "<html lang=\"en\"><h1 id=\"top\">Home</h1>"),
            ("files/guide.pdf", "%PDF"),
            ("en/about/index.html", "<html lang=\"en\"><h1 id=\"a\">About</h1>\n<a href=\"/en/#top\">ok</a>\n<a href=\"/en/#nope\">bad</a>\n<a href=\"#a\">ok</a>\n<a href=\"#b\">bad</a>\n<a href=\"../../files/guide.pdf#page=2\">ok</a>\n<a href=\"/en\">ok</a>\n<a href=\"/files/guide.pdf/\">bad</a>\n<a href=\"/en/index.html#top\">ok</a>"),
        ]);
        assert_eq!(
            found,
            vec![
                "en/about/index.html:3: the link `/en/#nope` leads to `en/index.html`, which has no heading or element with the id `nope`",
                "en/about/index.html:5: the link `#b` leads to `en/about/index.html`, which has no heading or element with the id `b`",
                "en/about/index.html:8: the link `/files/guide.pdf/` leads to no page or file",
            ]
        );
    }

    #[test]
    fn plain_paths_resolve_as_walked_paths_do() {
        for url in [
            "/",
            "/en/",
            "/en/about",
            "/en/a b/",
            " /en/x/ ",
            "/x:y/",
            "/é/",
        ] {
            let walked = {
                let path = url.trim();
                let mut parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
                parts.retain(|s| *s != ".");
                let mut joined = parts.join("/");
                if path.ends_with('/') && !joined.is_empty() {
                    joined.push('/');
                }
                joined
            };
            assert_eq!(
                resolve("en/index.html", url, "example.org"),
                Some((walked, None)),
                "{url}"
            );
        }
        assert_eq!(
            resolve("en/index.html", "/en/./a/../b//c/", "example.org"),
            Some(("en/b/c/".to_string(), None))
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
