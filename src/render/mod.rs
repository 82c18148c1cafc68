//! Render: every HTML page, list and taxonomy page, then the outputs made from the whole
//! rendered site ([`outputs`]: language chooser, 404 pages, alias redirects, sitemap, feeds…).
//!
//! In: the frozen [`Site`], interface strings, compiled templates. Out: files put into an
//! [`Output`], plus every problem found (template mistakes, broken links and anchors).
//! Pages render in parallel; nothing here reads the disk.
pub mod feeds;
pub mod outputs;
pub mod paginate;
pub mod shortcodes;
pub mod templates;
pub mod view;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::diagnostic::{Diagnostic, Diagnostics, Span};
use crate::i18n::I18n;
use crate::markdown::{self, shortcode::Call, AnchorCheck, Links};
use crate::output::links::SourceLink;
use crate::output::Output;
use crate::site::{LangId, Page, PageId, PageKey, Site};
pub use outputs::{headers_file, sitemap, xml_url, RenderedPage, RenderedSite};
use templates::{Templates, LANG_INDEX};
use view::{menu, translations, Dates, LangLink, PageLink, PageView};

/// What rendering needs besides the site.
pub struct Renderer<'a> {
    pub site: &'a Site,
    pub i18n: &'a I18n,
    pub templates: &'a Templates,
    /// Files under `content/` that are not pages (paths relative to `content/`).
    pub content_assets: &'a HashSet<String>,
    pub shortcodes: &'a dyn Shortcodes,
    /// `ponte serve`: pages get the live-reload script.
    pub serve: bool,
    /// The files of `content_assets` that a page links or shows: only these are published.
    pub used_assets: std::sync::Mutex<std::collections::BTreeSet<String>>,
    /// `ponte serve`: translation file → the "outdated translation" banner it shows.
    pub outdated: &'a HashMap<PathBuf, String>,
    /// The photos pages show, published in several widths (none: shown as they are).
    pub images: Option<&'a crate::assets::images::Catalog>,
}

/// Renders the shortcodes a page calls.
pub trait Shortcodes: Sync {
    fn render(&self, call: &Call, lang: LangId, i18n: &I18n) -> Result<String, String>;
}

/// The Content-Security-Policy of every page: nothing from other sites, no inline code.
/// Pages carry it in a `<meta>` tag (as `site.csp`); `_headers` sends it with
/// `frame-ancestors`, which only works as a header.
pub const CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'";

/// Site-wide values every template sees as `site`.
#[derive(Serialize)]
struct SiteView<'a> {
    base_url: &'a str,
    csp: &'static str,
    exit_url: &'a str,
    eu_funded: bool,
    serve: bool,
    languages: Vec<LangLink<'a>>,
    /// `[safety] discreet_titles`, and the site's name for `<title>` and Open Graph lines
    /// (see [`head_name`]), and the neutral description that replaces the page's if any.
    discreet_titles: bool,
    head_name: String,
    head_description: Option<String>,
}

/// The site's name in `<title>` and metadata: `site-title-discreet` when `[safety]
/// discreet_titles` is on (so that tab lists and history never name the subject), else
/// `site-title`.
/// `text` escaped for HTML content and attribute values.
pub(crate) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

/// `url` escaped for an `href` or `src` attribute.
pub(crate) fn href(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    let _ = pulldown_cmark_escape::escape_href(&mut out, url);
    out
}

/// The newest dated page (not a section) of each language: what templates see as `latest`.
pub(crate) fn latest_pages(site: &Site) -> Vec<Option<PageId>> {
    (0..site.languages().len())
        .map(|lang| {
            site.pages
                .iter()
                .enumerate()
                .filter(|(_, p)| p.lang == lang && !p.is_section() && p.front.date.is_some())
                .max_by(|a, b| {
                    a.1.front
                        .date
                        .cmp(&b.1.front.date)
                        .then_with(|| b.0.cmp(&a.0))
                })
                .map(|(id, _)| id)
        })
        .collect()
}

pub(crate) fn head_name(site: &Site, i18n: &I18n, lang: LangId) -> String {
    if site.config.safety.discreet_titles {
        i18n.text(lang, "site-title-discreet")
    } else {
        i18n.text(lang, "site-title")
    }
}

/// One rendered page: what it wrote, the anchors it offers and asks for, its problems, and
/// what it read besides its own file ([`Deps`]).
#[derive(Debug, Clone)]
pub struct PageRecord {
    pub key: PageKey,
    pub lang: LangId,
    pub anchors: Vec<String>,
    pub anchor_checks: Vec<AnchorCheck>,
    /// The links written in the page's Markdown, checked once every file is written.
    pub links: Vec<SourceLink>,
    pub problems: Vec<Diagnostic>,
    pub deps: Deps,
    /// The rendered body and table of contents, for the outputs made from the whole site
    /// ([`outputs::OUTPUTS`]).
    pub rendered: RenderedPage,
}

/// What rendering a page read besides its own source file, recorded so that `ponte serve`
/// can compute which pages a change reaches instead of guessing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Deps {
    /// The template used (empty when the page did not get as far).
    pub template: String,
    /// Pages whose front matter it shows: its lists, breadcrumbs, menu, "latest", switcher.
    pub shows: Vec<PageId>,
    /// The page keys its links resolve (`@/about/team.md` → `about/team.md`).
    pub links: Vec<String>,
    /// The shortcodes it embeds, by name (statistics, documents…).
    pub embeds: Vec<String>,
}

struct PageLinks<'a> {
    r: &'a Renderer<'a>,
    lang: LangId,
    /// Link keys and shortcode names, recorded as they are asked for.
    links: std::sync::Mutex<Vec<String>>,
    embeds: std::sync::Mutex<Vec<String>>,
}

impl Links for PageLinks<'_> {
    fn page_url(&self, key: &str) -> Option<String> {
        self.links
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(key.to_string());
        let key = PageKey(key.to_string());
        let site = self.r.site;
        site.page(&key, self.lang)
            .or_else(|| site.page(&key, site.config.default_language))
            .map(|p| p.path.clone())
    }
    fn asset_url(&self, content_path: &str) -> Option<String> {
        if !self.r.content_assets.contains(content_path) {
            return None;
        }
        self.r
            .used_assets
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(content_path.to_string());
        Some(format!("/media/{content_path}"))
    }
    fn shortcode(&self, call: &Call) -> Result<String, String> {
        self.embeds
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(call.name.clone());
        self.r.shortcodes.render(call, self.lang, self.r.i18n)
    }
    fn text(&self, id: &str) -> String {
        self.r.i18n.text(self.lang, id)
    }
    fn picture(&self, content_path: &str) -> Option<Result<markdown::Picture, String>> {
        let images = self.r.images?;
        if !self.r.content_assets.contains(content_path)
            || !crate::assets::images::is_picture(content_path)
        {
            return None;
        }
        Some(images.picture(content_path))
    }
}

/// The output file of a page address: `/en/about/` → `en/about/index.html`.
pub fn output_file(path: &str) -> String {
    format!("{}index.html", path.trim_start_matches('/'))
}

impl Renderer<'_> {
    /// Renders everything into `out`; also returns the links written in pages' Markdown, to
    /// be checked once every file is written.
    pub fn render_all(&self, out: &dyn Output) -> (Diagnostics, Vec<SourceLink>) {
        let (mut problems, records) = self.render_all_recorded(out);
        for record in &records {
            problems.extend(record.problems.iter().cloned());
        }
        problems.extend(check_anchors(self.site, &records));
        let links = records.into_iter().flat_map(|r| r.links).collect();
        (problems, links)
    }

    /// Renders everything into `out`: the problems of the pages that are not
    /// [`PageRecord`]s (lists of terms, the language chooser, 404 pages), and a record of
    /// every page, by [`PageId`]. Anchors are checked by [`check_anchors`].
    pub fn render_all_recorded(&self, out: &dyn Output) -> (Diagnostics, Vec<PageRecord>) {
        let ids: Vec<PageId> = (0..self.site.pages.len()).collect();
        let dates = Dates::new(self.site, self.i18n);
        let records = self.render_some(&ids, &dates, out, None);
        let mut problems = Diagnostics::default();
        problems.extend(view::check_menus(self.site, self.i18n));
        problems.extend(self.render_taxonomies(&dates, out));
        let rendered = RenderedSite {
            renderer: self,
            dates: &dates,
            records: &records,
        };
        problems.extend(outputs::run(&rendered, out));
        (problems, records)
    }

    /// Renders only the pages `ids` into `out`, in that order, with the site's `dates`.
    pub fn render_pages(&self, ids: &[PageId], dates: &Dates, out: &dyn Output) -> Vec<PageRecord> {
        self.render_some(ids, dates, out, None)
    }

    /// [`Renderer::render_pages`] when only templates changed: each page's Markdown as
    /// rendered in `records` (by [`PageId`]) is used again instead of being rendered anew.
    pub fn render_pages_reusing(
        &self,
        ids: &[PageId],
        dates: &Dates,
        out: &dyn Output,
        records: &[PageRecord],
    ) -> Vec<PageRecord> {
        self.render_some(ids, dates, out, Some(records))
    }

    fn render_some(
        &self,
        ids: &[PageId],
        dates: &Dates,
        out: &dyn Output,
        reuse: Option<&[PageRecord]>,
    ) -> Vec<PageRecord> {
        let site = self.site;
        let latest = latest_pages(site);
        ids.par_iter()
            .map(|&id| {
                let page = &site.pages[id];
                let reuse = reuse.and_then(|r| r.get(id));
                self.render_page(id, page, latest[page.lang], dates, out, reuse)
            })
            .collect()
    }

    pub(crate) fn base_context(&self, lang: LangId, current_path: &str) -> Context {
        let site = self.site;
        let language = &site.languages()[lang];
        let mut ctx = Context::new();
        ctx.insert("lang", &language.code);
        ctx.insert(LANG_INDEX, &lang);
        ctx.insert("dir", &language.direction);
        ctx.insert("menu", &menu(site, self.i18n, lang, current_path));
        ctx.insert("feeds", &feeds::feed_links(site, self.i18n, lang));
        let (languages, _) = translations(site, None, lang);
        ctx.insert(
            "site",
            &SiteView {
                base_url: &site.config.base_url,
                csp: CSP,
                exit_url: site.config.safety.exit_url_for(&language.code),
                eu_funded: site.config.eu.funded,
                serve: self.serve,
                languages,
                discreet_titles: site.config.safety.discreet_titles,
                head_name: head_name(site, self.i18n, lang),
                head_description: site
                    .config
                    .safety
                    .discreet_titles
                    .then(|| {
                        self.i18n
                            .message(lang, "site-description-discreet", None)
                            .ok()
                    })
                    .flatten(),
            },
        );
        ctx
    }

    fn render_page(
        &self,
        id: PageId,
        page: &Page,
        latest: Option<PageId>,
        dates: &Dates,
        out: &dyn Output,
        reuse: Option<&PageRecord>,
    ) -> PageRecord {
        let site = self.site;
        let links = PageLinks {
            r: self,
            lang: page.lang,
            links: Default::default(),
            embeds: Default::default(),
        };
        // The Markdown as rendered before, when only templates changed (its record has the
        // body when the outputs keep bodies, and no errors).
        let reuse = reuse.filter(|r| {
            outputs::keeps_bodies()
                && r.key == page.key
                && !r.problems.iter().any(Diagnostic::is_error)
        });
        let md = match reuse {
            Some(r) => {
                *links.links.lock().unwrap_or_else(|e| e.into_inner()) = r.deps.links.clone();
                *links.embeds.lock().unwrap_or_else(|e| e.into_inner()) = r.deps.embeds.clone();
                markdown::Rendered {
                    html: r.rendered.html.clone(),
                    toc: r.rendered.toc.clone(),
                    anchors: r.anchors.clone(),
                    anchor_checks: r.anchor_checks.clone(),
                    links: r
                        .links
                        .iter()
                        .map(|l| (l.url.clone(), l.span.clone(), l.checked))
                        .collect(),
                    problems: r.problems.clone(),
                }
            }
            None => markdown::render(&page.file, &page.source, page.body_offset, &links),
        };
        let mut problems = md.problems;

        let template = match &page.front.template {
            Some((name, span)) => {
                if self.templates.has(name) {
                    name.as_str()
                } else {
                    problems.push(
                        Diagnostic::error(format!("there is no template `{name}` in the theme"))
                            .at(span.clone())
                            .hint("use the name of a file in themes/THEME/templates/, or remove `template`"),
                    );
                    ""
                }
            }
            None if page.key.is_home() && self.templates.has("home.html") => "home.html",
            None if page.is_section() => "section.html",
            None => "page.html",
        };
        let mut shows = Vec::new();
        if !template.is_empty() && !problems.iter().any(Diagnostic::is_error) {
            shows = shown_pages(site, id, latest);
            let mut ctx = self.base_context(page.lang, &page.path);
            let pagers = paginate::pagers(page);
            let mut view = PageView::new(site, dates, id, &md.html, &md.toc);
            let view_banner = self.outdated.get(&page.file).map(String::as_str);
            let (switcher, alternates) =
                translations(site, site.translation_ids(&page.key), page.lang);
            ctx.insert("translations", &switcher);
            ctx.insert("alternates", &alternates);
            ctx.insert("latest", &latest.map(|l| PageLink::new(site, dates, l)));
            // A paginated section is rendered once per list page, each listing its share.
            for pager in &pagers {
                if let Some(paginator) = &pager.paginator {
                    view.pages = page.pages[pager.range.clone()]
                        .iter()
                        .map(|&p| PageLink::new(site, dates, p))
                        .collect();
                    view.path = &pager.path;
                    view.permalink = site.permalink(&pager.path);
                    ctx.insert("paginator", paginator);
                    if paginator.number > 1 {
                        // Its own address; its translations are the section's first page.
                        ctx.insert("alternates", &Vec::<view::Alternate>::new());
                    }
                } else {
                    ctx.insert("paginator", &None::<()>);
                }
                ctx.insert("page", &view);
                match self.templates.render(template, &ctx) {
                    Ok(html) => put(
                        out,
                        &output_file(&pager.path),
                        with_banner(html, view_banner).into_bytes(),
                        &page.file.to_string_lossy(),
                        &mut problems,
                    ),
                    Err(d) => problems.push(d),
                }
            }
            // A page's own files that cannot be written are still about this page.
            for d in problems.iter_mut().filter(|d| d.span.is_none()) {
                d.span = Some(Span::file(&page.file));
            }
        }
        let from = output_file(&page.path);
        let deps = Deps {
            template: template.to_string(),
            shows,
            links: links.links.into_inner().unwrap_or_else(|e| e.into_inner()),
            embeds: links.embeds.into_inner().unwrap_or_else(|e| e.into_inner()),
        };
        PageRecord {
            key: page.key.clone(),
            lang: page.lang,
            anchors: md.anchors,
            anchor_checks: md.anchor_checks,
            links: md
                .links
                .into_iter()
                .map(|(url, span, checked)| SourceLink {
                    from: from.clone(),
                    url,
                    span,
                    checked,
                })
                .collect(),
            problems,
            deps,
            rendered: RenderedPage {
                search: crate::search::PageWords::new(
                    &page.front.title,
                    Some(page.front.description.as_str()).filter(|d| !d.is_empty()),
                    crate::search::Body::Html(&md.html),
                ),
                // `ponte serve` puts kept bodies through the templates again after a
                // template edit.
                html: if outputs::keeps_bodies() || self.serve {
                    md.html
                } else {
                    String::new()
                },
                toc: md.toc,
            },
        }
    }

    pub(crate) fn render_taxonomies(&self, dates: &Dates, out: &dyn Output) -> Vec<Diagnostic> {
        let site = self.site;
        if site.taxonomies.is_empty() {
            return Vec::new();
        }
        let mut problems = Vec::new();
        for name in ["taxonomy.html", "term.html"] {
            if !self.templates.has(name) {
                problems.push(
                    Diagnostic::error(format!("pages use taxonomies but the theme has no `{name}`"))
                        .hint("add the template to themes/THEME/templates/, or remove the terms from the pages"),
                );
            }
        }
        if !problems.is_empty() {
            return problems;
        }
        let jobs: Vec<(usize, Option<&str>)> = site
            .taxonomies
            .iter()
            .enumerate()
            .flat_map(|(i, t)| {
                std::iter::once((i, None)).chain(t.terms.keys().map(move |k| (i, Some(k.as_str()))))
            })
            .collect();
        let results: Vec<Vec<Diagnostic>> = jobs
            .par_iter()
            .map(|&(i, term)| {
                let tax = &site.taxonomies[i];
                let mut problems = Vec::new();
                #[derive(Serialize)]
                struct TermView<'a> {
                    name: &'a str,
                    slug: &'a str,
                    path: &'a str,
                    count: usize,
                    pages: Vec<PageLink<'a>>,
                }
                fn term_view<'a>(
                    site: &'a Site,
                    dates: &'a Dates,
                    t: &'a crate::site::Term,
                    with_pages: bool,
                ) -> TermView<'a> {
                    TermView {
                        name: &t.name,
                        slug: &t.slug,
                        path: &t.path,
                        count: t.pages.len(),
                        pages: if with_pages {
                            t.pages
                                .iter()
                                .map(|&id| PageLink::new(site, dates, id))
                                .collect()
                        } else {
                            Vec::new()
                        },
                    }
                }
                let (path, template, title) = match term {
                    None => (tax.path.clone(), "taxonomy.html", tax.name.clone()),
                    Some(slug) => {
                        let t = &tax.terms[slug];
                        (t.path.clone(), "term.html", t.name.clone())
                    }
                };
                let mut ctx = self.base_context(tax.lang, &path);
                let view = PageView {
                    title: &title,
                    path: &path,
                    permalink: site.permalink(&path),
                    ..Default::default()
                };
                let (switcher, alternates) = translations(site, None, tax.lang);
                ctx.insert("page", &view);
                ctx.insert("translations", &switcher);
                ctx.insert("alternates", &alternates);
                ctx.insert("taxonomy", &tax.name);
                match term {
                    None => ctx.insert(
                        "terms",
                        &tax.terms
                            .values()
                            .map(|t| term_view(site, dates, t, false))
                            .collect::<Vec<_>>(),
                    ),
                    Some(slug) => {
                        ctx.insert("term", &term_view(site, dates, &tax.terms[slug], true))
                    }
                }
                match self.templates.render(template, &ctx) {
                    Ok(html) => {
                        let source = format!("the `{}` taxonomy", tax.name);
                        put(
                            out,
                            &output_file(&path),
                            html.into_bytes(),
                            &source,
                            &mut problems,
                        )
                    }
                    Err(d) => problems.push(d),
                }
                problems
            })
            .collect();
        results.into_iter().flatten().collect()
    }
}

/// The pages whose front matter the page `id` shows besides its own: the pages and sections
/// it lists, its breadcrumbs, the menu (the home's sections), its translations (the
/// switcher) and the latest page of its language.
fn shown_pages(site: &Site, id: PageId, latest: Option<PageId>) -> Vec<PageId> {
    let page = &site.pages[id];
    let mut shown: Vec<PageId> = page
        .pages
        .iter()
        .chain(&page.subsections)
        .copied()
        .collect();
    let mut up = page.parent;
    while let Some(parent) = up {
        shown.push(parent);
        up = site.pages[parent].parent;
    }
    if let Some(home) = site.home(page.lang) {
        shown.extend(&home.subsections);
    }
    shown.extend(
        site.translation_ids(&page.key)
            .into_iter()
            .flatten()
            .flatten(),
    );
    shown.extend(latest);
    shown.sort_unstable();
    shown.dedup();
    shown
}

/// Every `@/page#anchor` of `records` checked against the anchors of its target page.
pub fn check_anchors(site: &Site, records: &[PageRecord]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut anchors: HashMap<(&PageKey, LangId), &[String]> = HashMap::new();
    for o in records {
        anchors.insert((&o.key, o.lang), &o.anchors);
    }
    for o in records {
        for check in &o.anchor_checks {
            let key = PageKey(check.target_key.clone());
            let target_lang = if site.page(&key, o.lang).is_some() {
                o.lang
            } else {
                site.config.default_language
            };
            if let Some(list) = anchors.get(&(&key, target_lang)) {
                if !list.contains(&check.anchor) {
                    problems.push(
                        Diagnostic::error(format!(
                            "`@/{}` has no heading with the id `{}`",
                            check.target_key, check.anchor
                        ))
                        .at(check.span.clone())
                        .hint(
                            "give the heading an id in every language: ## Heading text {#the-id}",
                        ),
                    );
                }
            }
        }
    }
    problems
}

pub(crate) fn put(
    out: &dyn Output,
    path: &str,
    bytes: Vec<u8>,
    source: &str,
    problems: &mut Vec<Diagnostic>,
) {
    if let Err(e) = out.put_from(path, bytes, source) {
        problems.push(
            Diagnostic::error(format!("cannot write `{path}`: {e}"))
                .hint("check free disk space and permissions"),
        );
    }
}

/// `ponte serve`: the page with a banner at the top of its body, whatever the templates
/// (the preview's notes are ponte's, not the theme's).
fn with_banner(html: String, banner: Option<&str>) -> String {
    let Some(text) = banner else {
        return html;
    };
    let Some(at) = html
        .find("<body")
        .and_then(|i| html[i..].find('>').map(|j| i + j + 1))
    else {
        return html;
    };
    let mut escaped = String::new();
    let _ = pulldown_cmark_escape::escape_html(&mut escaped, text);
    format!(
        "{}\n<p class=\"draft-banner\" role=\"note\">{escaped}</p>{}",
        &html[..at],
        &html[at..]
    )
}
