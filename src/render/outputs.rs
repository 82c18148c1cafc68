//! Outputs made from the whole rendered site, after every page is rendered: the language
//! chooser, the 404 pages, alias redirects, the sitemap, robots.txt, `_headers` and the Atom
//! feeds, the search index.
//!
//! In: a [`RenderedSite`] (the frozen site, each page's record: table of contents, words
//! for the search index, the templates). Out: files, each with what it was made from, and
//! problems. Each output is one plain function in [`OUTPUTS`]; adding one is one function
//! `fn(&RenderedSite) -> Made` and one line in that list, saying whether it reads page bodies
//! (`reads_bodies: true` keeps every body in memory until the outputs run: on a site of
//! 10,000 pages that is tens of megabytes, so the search index reads words counted while
//! each page rendered instead). Every file goes through the same [`Output`] as the pages, so
//! the output guard scans it, whatever its kind.
use rayon::prelude::*;
use serde::Serialize;

use super::view::{translations, Alternate, Dates, PageView};
use super::{PageRecord, Renderer, CSP};
use crate::config::Direction;
use crate::diagnostic::Diagnostic;
use crate::i18n::I18n;
use crate::markdown::Heading;
use crate::output::Output;
use crate::site::{LangId, PageId, PageKey, Site};

/// A page's rendered Markdown body (without the theme's templates), its table of contents
/// and its words for the search index.
#[derive(Debug, Clone, Default)]
pub struct RenderedPage {
    /// Empty unless an output in [`OUTPUTS`] reads bodies, or for `ponte serve` (which puts
    /// a kept body through the templates again after a template edit).
    pub html: String,
    pub toc: Vec<Heading>,
    /// The page's words, counted while it is rendered.
    pub search: crate::search::PageWords,
}

impl RenderedPage {
    /// The body as plain text: tags removed, the entities ponte writes decoded, white space
    /// collapsed. Made when asked for rather than kept, so that a build of many pages does
    /// not hold every page's text twice.
    pub fn text(&self) -> String {
        let mut out = String::with_capacity(self.html.len() / 2);
        let mut rest = self.html.as_str();
        while let Some(lt) = rest.find('<') {
            push_text(&mut out, &rest[..lt]);
            let tag_end = rest[lt..].find('>').map_or(rest.len(), |i| lt + i + 1);
            // Block elements and line breaks separate words; inline ones do not.
            let name = rest[lt + 1..tag_end]
                .trim_start_matches('/')
                .split(|c: char| !c.is_ascii_alphanumeric())
                .next()
                .unwrap_or("");
            if !INLINE.contains(&name) {
                out.push(' ');
            }
            rest = &rest[tag_end..];
        }
        push_text(&mut out, rest);
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "em", "i", "kbd", "mark", "q", "s", "small",
    "span", "strong", "sub", "sup", "time", "u",
];

fn push_text(out: &mut String, s: &str) {
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let entity = rest[amp..].find(';').map(|i| &rest[amp..amp + i + 1]);
        let decoded = match entity {
            Some("&amp;") => "&",
            Some("&lt;") => "<",
            Some("&gt;") => ">",
            Some("&quot;") => "\"",
            Some("&#39;") | Some("&apos;") => "'",
            Some("&nbsp;") => " ",
            _ => "&",
        };
        out.push_str(decoded);
        let used = if decoded == "&" && entity != Some("&amp;") {
            1
        } else {
            entity.map_or(1, str::len)
        };
        rest = &rest[amp + used..];
    }
    out.push_str(rest);
}

/// The whole site as rendered: what every output is made from.
pub struct RenderedSite<'r> {
    pub renderer: &'r Renderer<'r>,
    pub dates: &'r Dates,
    /// Every page's record, by [`PageId`] (a page that failed has an empty body).
    pub records: &'r [PageRecord],
}

impl<'r> RenderedSite<'r> {
    pub fn site(&self) -> &'r Site {
        self.renderer.site
    }
    pub fn i18n(&self) -> &'r I18n {
        self.renderer.i18n
    }
    /// The rendered body and table of contents of page `id` (the body is empty unless an
    /// output in [`OUTPUTS`] says it reads bodies).
    pub fn page(&self, id: PageId) -> &'r RenderedPage {
        &self.records[id].rendered
    }
}

/// One file an output makes: its path in the output folder, its bytes, and what it is made
/// from (named when two sources would make one file).
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
    pub source: String,
}

impl OutputFile {
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>, source: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: bytes.into(),
            source: source.to_string(),
        }
    }
}

/// What one output made.
#[derive(Default)]
pub struct Made {
    pub files: Vec<OutputFile>,
    pub problems: Vec<Diagnostic>,
}

/// An output over the rendered site.
pub type OutputStep = fn(&RenderedSite) -> Made;

/// One output: its name, its function, and whether it reads pages' rendered bodies
/// ([`RenderedSite::page`]). Bodies are kept in memory only while some output reads them.
pub struct OutputKind {
    pub name: &'static str,
    pub step: OutputStep,
    pub reads_bodies: bool,
}

const fn kind(name: &'static str, step: OutputStep) -> OutputKind {
    OutputKind {
        name,
        step,
        reads_bodies: false,
    }
}

/// Every output made from the rendered site, in no particular order (they run in parallel).
pub const OUTPUTS: &[OutputKind] = &[
    kind("language chooser", chooser),
    kind("404 pages", not_found),
    kind("aliases", aliases),
    kind("sitemap", sitemap_file),
    kind("robots.txt", robots),
    kind("_headers", headers),
    kind("feeds", super::feeds::feeds),
    // Reads each page's words (counted while the page is rendered), not its body.
    kind("search index", search_index),
];

/// Whether any output reads pages' rendered bodies, so that the renderer keeps them.
pub fn keeps_bodies() -> bool {
    OUTPUTS.iter().any(|o| o.reads_bodies)
}

/// Runs every output of [`OUTPUTS`] and writes what they made into `out`.
pub fn run(site: &RenderedSite, out: &dyn Output) -> Vec<Diagnostic> {
    let made: Vec<Made> = OUTPUTS.par_iter().map(|o| (o.step)(site)).collect();
    let mut problems = Vec::new();
    for m in made {
        problems.extend(m.problems);
        for f in m.files {
            super::put(out, &f.path, f.bytes, &f.source, &mut problems);
        }
    }
    problems
}

/// Runs only the outputs of [`OUTPUTS`] named `names` (`ponte serve`, after the interface
/// strings changed) and writes what they made into `out`.
pub fn run_named(site: &RenderedSite, out: &dyn Output, names: &[&str]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for o in OUTPUTS.iter().filter(|o| names.contains(&o.name)) {
        let made = (o.step)(site);
        problems.extend(made.problems);
        for f in made.files {
            super::put(out, &f.path, f.bytes, &f.source, &mut problems);
        }
    }
    problems
}

/// The search index of every language ([`crate::search`]), from the words each page's
/// record holds.
fn search_index(rs: &RenderedSite) -> Made {
    let records: Vec<&PageRecord> = rs.records.iter().collect();
    search_files_of(rs.site(), &records, |_| true)
}

/// The search index of the languages `keep` says, from each page's record (by [`PageId`]:
/// the words counted when the page was rendered); `ponte serve` calls it after rendering a
/// few pages again, with their new records beside the kept ones.
pub fn search_files_of(
    site: &Site,
    records: &[&PageRecord],
    keep: impl Fn(LangId) -> bool,
) -> Made {
    let entries: Vec<crate::search::Entry> = site
        .pages
        .iter()
        .zip(records)
        .filter(|(page, _)| keep(page.lang))
        .map(|(page, record)| crate::search::Entry {
            lang: &site.languages()[page.lang].code,
            url: &page.path,
            title: &page.front.title,
            words: &record.rendered.search,
        })
        .collect();
    search_made(crate::search::index_words(&entries))
}

fn search_made(files: Vec<crate::search::File>) -> Made {
    let mut made = Made::default();
    for file in files {
        made.files.push(OutputFile::new(
            file.path,
            file.bytes,
            "ponte's search index",
        ));
    }
    made
}

fn missing_template(name: &str) -> Diagnostic {
    Diagnostic::error(format!("the theme has no `{name}`"))
        .hint("every theme needs chooser.html (the language choice at /) and 404.html")
}

/// The language chooser at `/`.
fn chooser(rs: &RenderedSite) -> Made {
    let (r, site) = (rs.renderer, rs.site());
    let mut made = Made::default();
    if !r.templates.has("chooser.html") {
        made.problems.push(missing_template("chooser.html"));
        return made;
    }
    #[derive(Serialize)]
    struct Choice<'a> {
        code: &'a str,
        name: &'a str,
        dir: Direction,
        path: String,
        title: String,
        prompt: String,
        eu_funded: String,
        eu_disclaimer: String,
    }
    let choices: Vec<Choice> = site
        .languages()
        .iter()
        .enumerate()
        .map(|(l, language)| Choice {
            code: &language.code,
            name: &language.name,
            dir: language.direction,
            path: site.home_path(l),
            title: super::head_name(site, r.i18n, l),
            prompt: r.i18n.text(l, "choose-language"),
            eu_funded: r.i18n.text(l, "eu-funded"),
            eu_disclaimer: r.i18n.text(l, "eu-disclaimer"),
        })
        .collect();
    let default = site.config.default_language;
    let mut ctx = r.base_context(default, "/");
    let home_ids = site.translation_ids(&PageKey::home());
    let (_, alternates) = translations(site, home_ids, default);
    ctx.insert("choices", &choices);
    ctx.insert("alternates", &alternates);
    match r.templates.render("chooser.html", &ctx) {
        Ok(html) => made.files.push(OutputFile::new(
            "index.html",
            html,
            "ponte's language chooser",
        )),
        Err(d) => made.problems.push(d),
    }
    made
}

/// A 404 page per language (`/LANG/404.html`), and the default language's at `/404.html`.
fn not_found(rs: &RenderedSite) -> Made {
    let (r, site) = (rs.renderer, rs.site());
    let mut made = Made::default();
    if !r.templates.has("404.html") {
        made.problems.push(missing_template("404.html"));
        return made;
    }
    for (l, language) in site.languages().iter().enumerate() {
        let path = format!("/{}/404.html", language.code);
        let title = r.i18n.text(l, "not-found-title");
        let mut ctx = r.base_context(l, &path);
        let view = PageView {
            title: &title,
            path: &path,
            permalink: site.permalink(&path),
            ..Default::default()
        };
        let (switcher, _) = translations(site, None, l);
        ctx.insert("page", &view);
        ctx.insert("translations", &switcher);
        ctx.insert("alternates", &Vec::<Alternate>::new());
        match r.templates.render("404.html", &ctx) {
            Ok(html) => {
                if l == site.config.default_language {
                    made.files.push(OutputFile::new(
                        "404.html",
                        html.clone(),
                        "ponte's 404 page",
                    ));
                }
                made.files
                    .push(OutputFile::new(&path[1..], html, "ponte's 404 page"));
            }
            Err(d) => made.problems.push(d),
        }
    }
    made
}

/// A redirect page at every old address (`aliases`) of a page.
fn aliases(rs: &RenderedSite) -> Made {
    let site = rs.site();
    let mut made = Made::default();
    for page in &site.pages {
        for alias in &page.front.aliases {
            let target = site.permalink(&page.path);
            let html = redirect_html(&site.languages()[page.lang].code, &target);
            let file = if alias.ends_with('/') {
                format!("{}index.html", alias.trim_start_matches('/'))
            } else {
                alias.trim_start_matches('/').to_string()
            };
            let source = format!("the alias `{alias}` in `{}`", page.file.display());
            made.files.push(OutputFile::new(file, html, &source));
        }
    }
    made
}

fn sitemap_file(rs: &RenderedSite) -> Made {
    Made {
        files: vec![OutputFile::new(
            "sitemap.xml",
            sitemap(rs.site()),
            "ponte's sitemap",
        )],
        problems: Vec::new(),
    }
}

fn robots(rs: &RenderedSite) -> Made {
    let robots = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}/sitemap.xml\n",
        rs.site().config.base_url
    );
    Made {
        files: vec![OutputFile::new("robots.txt", robots, "ponte's robots.txt")],
        problems: Vec::new(),
    }
}

fn headers(_: &RenderedSite) -> Made {
    Made {
        files: vec![OutputFile::new(
            "_headers",
            headers_file(),
            "ponte's _headers file",
        )],
        problems: Vec::new(),
    }
}

/// Security headers for hosts that read a `_headers` file (Netlify, Cloudflare Pages…);
/// the README has the same for nginx. CSS and JavaScript have their content's fingerprint in
/// their names, so browsers may keep them for a year; pages are kept for five minutes, so
/// an edit reaches readers soon.
pub fn headers_file() -> String {
    format!(
        "/*\n  Content-Security-Policy: {CSP}; frame-ancestors 'none'\n  Referrer-Policy: no-referrer\n  X-Content-Type-Options: nosniff\n  X-Frame-Options: DENY\n  Permissions-Policy: camera=(), microphone=(), geolocation=(), interest-cohort=(), browsing-topics=()\n  Cross-Origin-Opener-Policy: same-origin\n{}",
        cache_headers()
    )
}

/// The `Cache-Control` part of `_headers` (added after the security headers).
fn cache_headers() -> &'static str {
    "/*.css\n  Cache-Control: public, max-age=31536000, immutable\n/*.js\n  Cache-Control: public, max-age=31536000, immutable\n/*.html\n  Cache-Control: public, max-age=300\n/*/\n  Cache-Control: public, max-age=300\n"
}

/// A redirect page for an old address (an alias).
fn redirect_html(lang: &str, target: &str) -> String {
    let mut t = String::new();
    let _ = pulldown_cmark_escape::escape_html(&mut t, target);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{t}</title>\n<link rel=\"canonical\" href=\"{t}\">\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url={t}\">\n</head>\n<body>\n<p><a href=\"{t}\">{t}</a></p>\n</body>\n</html>\n"
    )
}

/// Percent-encodes what may not stand in a URL as written in XML (non-ASCII, spaces) and
/// escapes XML's special characters.
pub fn xml_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for b in url.bytes() {
        match b {
            b'&' => out.push_str("&amp;"),
            b'<' => out.push_str("&lt;"),
            b'>' => out.push_str("&gt;"),
            b'"' => out.push_str("&quot;"),
            b'\'' => out.push_str("&apos;"),
            0x21..=0x7e => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// `sitemap.xml` with an `xhtml:link` alternate for every translation and `x-default`.
pub fn sitemap(site: &Site) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for ids in site.translations.values() {
        let (_, alternates) = translations(site, Some(ids), site.config.default_language);
        for id in ids.iter().flatten() {
            let page = &site.pages[*id];
            xml.push_str("<url><loc>");
            xml.push_str(&xml_url(&site.permalink(&page.path)));
            xml.push_str("</loc>");
            if let Some(date) = page.front.updated.as_deref().or(page.front.date.as_deref()) {
                xml.push_str("<lastmod>");
                xml.push_str(date.get(..10).unwrap_or(date));
                xml.push_str("</lastmod>");
            }
            if alternates.len() > 1 {
                for a in &alternates {
                    xml.push_str("\n  <xhtml:link rel=\"alternate\" hreflang=\"");
                    xml.push_str(a.hreflang);
                    xml.push_str("\" href=\"");
                    xml.push_str(&xml_url(&a.href));
                    xml.push_str("\"/>");
                }
            }
            xml.push_str("</url>\n");
        }
    }
    xml.push_str("</urlset>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_drops_tags_and_decodes_entities() {
        let page = RenderedPage {
            html: "<h2 id=\"a\">Rights &amp; help</h2>\n<p>Call <a href=\"/x\">us</a>&nbsp;<em>now</em>s &lt;3 &unknown</p>".into(),
            ..Default::default()
        };
        assert_eq!(page.text(), "Rights & help Call us nows <3 &unknown");
    }
}
