//! What templates see: views borrowed from the [`Site`], plus values computed for the page
//! (its language, address, translations and alternates). Templates never see the model.
use std::borrow::Cow;

use rayon::prelude::*;
use serde::Serialize;

use crate::config::Direction;
use crate::diagnostic::Diagnostic;
use crate::i18n::I18n;
use crate::markdown::Heading;
use crate::menu_config::{MenuEntry, MenuTarget};
use crate::site::{LangId, Page, PageId, PageKey, Site};

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

/// A main-menu entry: a top-level section, or an entry of `[[menus.main]]`.
#[derive(Serialize)]
pub struct MenuItem<'a> {
    pub title: Cow<'a, str>,
    pub path: Cow<'a, str>,
    /// The page is this entry's page or inside it.
    pub active: bool,
    /// The entry leads to another site.
    pub external: bool,
    pub children: Vec<MenuItem<'a>>,
}

/// The main menu of `lang`: the `[[menus.main]]` entries of ponte.toml when there are any,
/// otherwise the top-level sections in order; `current` marks the active entry.
pub fn menu<'a>(
    site: &'a Site,
    i18n: &I18n,
    lang: LangId,
    current_path: &str,
) -> Vec<MenuItem<'a>> {
    if let Some(entries) = site.config.menus.get("main") {
        return configured(site, i18n, lang, current_path, entries);
    }
    let Some(home) = site.home(lang) else {
        return Vec::new();
    };
    home.subsections
        .iter()
        .map(|&id| {
            let p = &site.pages[id];
            MenuItem {
                title: Cow::Borrowed(&p.front.title),
                path: Cow::Borrowed(&p.path),
                active: current_path.starts_with(p.path.as_str()),
                external: false,
                children: Vec::new(),
            }
        })
        .collect()
}

/// The page a menu entry's `page` names in `lang` (or in the default language when it is
/// not translated).
pub fn menu_page<'a>(site: &'a Site, key: &str, lang: LangId) -> Option<&'a Page> {
    let key = if key.is_empty() || key.ends_with('/') {
        PageKey::section(key.trim_end_matches('/'))
    } else {
        PageKey(key.to_string())
    };
    site.page(&key, lang)
        .or_else(|| site.page(&key, site.config.default_language))
}

fn configured<'a>(
    site: &'a Site,
    i18n: &I18n,
    lang: LangId,
    current_path: &str,
    entries: &'a [MenuEntry],
) -> Vec<MenuItem<'a>> {
    entries
        .iter()
        .filter_map(|e| {
            let label = e.label.as_deref().map(|id| Cow::Owned(i18n.text(lang, id)));
            let children = configured(site, i18n, lang, current_path, &e.children);
            Some(match &e.target {
                MenuTarget::Url(url) => MenuItem {
                    title: label.unwrap_or(Cow::Borrowed(url)),
                    path: Cow::Borrowed(url),
                    active: false,
                    external: true,
                    children,
                },
                MenuTarget::Page(key) => {
                    // A missing page is reported once, at its line in ponte.toml.
                    let page = menu_page(site, key, lang)?;
                    let active = current_path == page.path
                        || (!page.key.is_home() && current_path.starts_with(page.path.as_str()))
                        || children.iter().any(|c| c.active);
                    MenuItem {
                        title: label.unwrap_or(Cow::Borrowed(&page.front.title)),
                        path: Cow::Borrowed(&page.path),
                        active,
                        external: false,
                        children,
                    }
                }
            })
        })
        .collect()
}

/// Every `[menus]` entry whose page does not exist in any language, and every label that no
/// language's interface strings define, at its line in ponte.toml.
pub fn check_menus(site: &Site, i18n: &I18n) -> Vec<Diagnostic> {
    fn walk(site: &Site, i18n: &I18n, entries: &[MenuEntry], out: &mut Vec<Diagnostic>) {
        for e in entries {
            if let MenuTarget::Page(key) = &e.target {
                if menu_page(site, key, site.config.default_language).is_none() {
                    out.push(
                        Diagnostic::error(format!("the menu names `@/{key}`, and there is no such page"))
                            .at(e.span.clone())
                            .hint("name a page by its path under content/ without the language, e.g. \"@/about/_index.md\", or a section by its folder, \"@/about/\""),
                    );
                }
            }
            if let Some(label) = &e.label {
                if !i18n.has(label) {
                    out.push(
                        Diagnostic::error(format!(
                            "the menu label `{label}` is not an interface string"
                        ))
                        .at(e.span.clone())
                        .hint(format!(
                            "add `{label} = …` to locales/LANG/main.ftl in every language"
                        )),
                    );
                }
            }
            walk(site, i18n, &e.children, out);
        }
    }
    let mut out = Vec::new();
    for entries in site.config.menus.values() {
        walk(site, i18n, entries, &mut out);
    }
    out
}
