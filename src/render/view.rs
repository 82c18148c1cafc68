//! What templates see: views borrowed from the [`Site`], plus values computed for the page
//! (its language, address, translations and alternates). Templates never see the model.
use rayon::prelude::*;
use serde::Serialize;

use crate::config::Direction;
use crate::i18n::I18n;
use crate::markdown::Heading;
use crate::site::{LangId, Page, PageId, Site};

/// Every page's dates as its language writes them, formatted once per build: list pages
/// (sections, tag pages) show the same dates again and again.
pub struct Dates {
    date: Vec<Option<String>>,
    updated: Vec<Option<String>>,
}

impl Dates {
    pub fn new(site: &Site, i18n: &I18n) -> Dates {
        let format = |field: fn(&Page) -> Option<&str>| -> Vec<Option<String>> {
            site.pages
                .par_iter()
                .map(|p| field(p).map(|d| i18n.date(p.lang, d)))
                .collect()
        };
        Dates {
            date: format(|p| p.front.date.as_deref()),
            updated: format(|p| p.front.updated.as_deref()),
        }
    }
}

/// A link to another page, for lists and menus.
#[derive(Serialize)]
pub struct PageLink<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub path: &'a str,
    pub date: Option<&'a str>,
    pub date_display: Option<&'a str>,
}

impl<'a> PageLink<'a> {
    pub fn new(site: &'a Site, dates: &'a Dates, id: PageId) -> PageLink<'a> {
        let p = &site.pages[id];
        PageLink {
            title: &p.front.title,
            description: &p.front.description,
            path: &p.path,
            date: p.front.date.as_deref().map(|d| d.get(..10).unwrap_or(d)),
            date_display: dates.date[id].as_deref(),
        }
    }
}

/// A taxonomy term on a page.
#[derive(Serialize)]
pub struct TermLink<'a> {
    pub taxonomy: &'a str,
    pub name: &'a str,
    pub path: &'a str,
}

/// The page being rendered.
#[derive(Serialize, Default)]
pub struct PageView<'a> {
    pub key: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub content: &'a str,
    pub toc: &'a [Heading],
    pub path: &'a str,
    pub permalink: String,
    pub date: Option<&'a str>,
    pub date_display: Option<&'a str>,
    pub updated: Option<&'a str>,
    pub updated_display: Option<&'a str>,
    pub draft: bool,
    pub is_section: bool,
    pub is_home: bool,
    pub extra: Option<&'a toml::Table>,
    pub pages: Vec<PageLink<'a>>,
    pub subsections: Vec<PageLink<'a>>,
    pub terms: Vec<TermLink<'a>>,
    /// Sections from the home down to the parent, for breadcrumbs.
    pub ancestors: Vec<PageLink<'a>>,
}

impl<'a> PageView<'a> {
    pub fn new(
        site: &'a Site,
        dates: &'a Dates,
        id: PageId,
        content: &'a str,
        toc: &'a [Heading],
    ) -> PageView<'a> {
        let page = &site.pages[id];
        let links = |ids: &[PageId]| {
            ids.iter()
                .map(|&id| PageLink::new(site, dates, id))
                .collect()
        };
        let mut ancestors = Vec::new();
        let mut up = page.parent;
        while let Some(id) = up {
            ancestors.push(PageLink::new(site, dates, id));
            up = site.pages[id].parent;
        }
        ancestors.reverse();
        let mut terms = Vec::new();
        for tax in site.taxonomies_of(page.lang) {
            for name in page.front.taxonomies.get(&tax.name).into_iter().flatten() {
                if let Some(term) = tax.terms.get(&crate::site::slugify(name)) {
                    terms.push(TermLink {
                        taxonomy: &tax.name,
                        name: &term.name,
                        path: &term.path,
                    });
                }
            }
        }
        PageView {
            key: &page.key.0,
            title: &page.front.title,
            description: &page.front.description,
            content,
            toc,
            path: &page.path,
            permalink: site.permalink(&page.path),
            date: page.front.date.as_deref().map(|d| d.get(..10).unwrap_or(d)),
            date_display: dates.date[id].as_deref(),
            updated: page.front.updated.as_deref(),
            updated_display: dates.updated[id].as_deref(),
            draft: page.front.draft,
            is_section: page.is_section(),
            is_home: page.key.is_home(),
            extra: Some(&page.front.extra),
            pages: links(&page.pages),
            subsections: links(&page.subsections),
            terms,
            ancestors,
        }
    }
}

/// One entry of the language switcher.
#[derive(Serialize)]
pub struct LangLink<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub dir: Direction,
    /// This page in that language, or that language's home when it is not translated.
    pub path: String,
    pub translated: bool,
    pub current: bool,
}

/// `<link rel="alternate" hreflang>` entries.
#[derive(Serialize)]
pub struct Alternate<'a> {
    pub hreflang: &'a str,
    pub href: String,
}

/// The language switcher and the alternates for a page key (or, with `None`, for pages
/// that exist in one language only, such as term lists and 404 pages).
pub fn translations<'a>(
    site: &'a Site,
    ids: Option<&[Option<PageId>]>,
    lang: LangId,
) -> (Vec<LangLink<'a>>, Vec<Alternate<'a>>) {
    let mut switcher = Vec::new();
    let mut alternates = Vec::new();
    for (l, language) in site.languages().iter().enumerate() {
        let translated = ids.and_then(|ids| ids[l]);
        let path = match translated {
            Some(id) => site.pages[id].path.clone(),
            None => site.home_path(l),
        };
        if let Some(id) = translated {
            alternates.push(Alternate {
                hreflang: &language.code,
                href: site.permalink(&site.pages[id].path),
            });
        }
        switcher.push(LangLink {
            code: &language.code,
            name: &language.name,
            dir: language.direction,
            path,
            translated: translated.is_some(),
            current: l == lang,
        });
    }
    if let Some(ids) = ids {
        let x_default =
            ids[site.config.default_language].or_else(|| ids.iter().flatten().next().copied());
        if let Some(id) = x_default {
            // The home pages' x-default is the language chooser at the site root.
            let page = &site.pages[id];
            let path = if page.key.is_home() {
                "/"
            } else {
                page.path.as_str()
            };
            alternates.push(Alternate {
                hreflang: "x-default",
                href: site.permalink(path),
            });
        }
    }
    (switcher, alternates)
}

/// A main-menu entry: a top-level section.
#[derive(Serialize)]
pub struct MenuItem<'a> {
    pub title: &'a str,
    pub path: &'a str,
    /// The page is this section or inside it.
    pub active: bool,
}

/// The top-level sections of `lang` in order; `current` marks the active one.
pub fn menu<'a>(site: &'a Site, lang: LangId, current_path: &str) -> Vec<MenuItem<'a>> {
    let Some(home) = site.home(lang) else {
        return Vec::new();
    };
    home.subsections
        .iter()
        .map(|&id| {
            let p = &site.pages[id];
            MenuItem {
                title: &p.front.title,
                path: &p.path,
                active: current_path.starts_with(p.path.as_str()),
            }
        })
        .collect()
}
