//! Resolve: group the loaded pages by key, give every page its URL, link sections to their
//! pages, collect taxonomies, and report missing translations.
//!
//! In: the [`Config`] and the page sources. Out: a frozen [`Site`], plus warnings (missing
//! translations; errors under `--strict`), or every error found (bad file names, duplicate
//! addresses, front-matter mistakes).
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use rayon::prelude::*;

use super::{slugify, LangId, Page, PageId, PageKey, Site, Taxonomy, Term};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics, Span};
use crate::load::front_matter::FrontMatter;
use crate::load::SourceFile;

/// Choices that change what is published.
#[derive(Debug, Clone, Copy, Default)]
pub struct ResolveOptions {
    /// Publish pages marked `draft = true`.
    pub drafts: bool,
    /// Missing translations are errors, not warnings.
    pub strict: bool,
}

/// Builds the [`Site`] from the configuration and the page sources.
pub fn resolve(
    config: Config,
    sources: Vec<SourceFile>,
    options: ResolveOptions,
) -> Result<(Site, Diagnostics), Diagnostics> {
    let mut problems = Diagnostics::default();
    let parsed: Vec<Result<Option<Page>, Vec<Diagnostic>>> = sources
        .into_par_iter()
        .map(|file| parse_page(&config, file, options.drafts))
        .collect();
    let mut pages = Vec::with_capacity(parsed.len());
    for p in parsed {
        match p {
            Ok(Some(page)) => pages.push(page),
            Ok(None) => {}
            Err(e) => problems.extend(e),
        }
    }
    pages.sort_by(|a, b| (&a.key, a.lang).cmp(&(&b.key, b.lang)));

    let nlangs = config.languages.len();
    let mut translations: BTreeMap<PageKey, Vec<Option<PageId>>> = BTreeMap::new();
    for (id, page) in pages.iter().enumerate() {
        let slot = translations
            .entry(page.key.clone())
            .or_insert_with(|| vec![None; nlangs]);
        if let Some(other) = slot[page.lang] {
            let language = &config.languages[page.lang];
            let stem = page
                .key
                .0
                .rsplit('/')
                .next()
                .unwrap_or("")
                .trim_end_matches(".md");
            // A file without a language in its name is in the default language.
            let unmarked = [&page.file, &pages[other].file]
                .into_iter()
                .find(|f| f.file_name().and_then(|n| n.to_str()) == Some(&format!("{stem}.md")));
            let hint = match unmarked {
                Some(file) => format!(
                    "`{}` has no language in its name, so it counts as {}; name it {stem}.LANG.md with its language, or keep one of the two files",
                    file.display(),
                    language.name
                ),
                None => format!(
                    "`{}` is the same page; keep one of the two files",
                    pages[other].file.display()
                ),
            };
            problems.push(
                Diagnostic::error(format!(
                    "two files are the {} version of `{}`",
                    language.name, page.key.0
                ))
                .at(Span::file(&page.file))
                .hint(hint),
            );
        } else {
            slot[page.lang] = Some(id);
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }

    // Parents: the nearest section above, in the same language.
    let section_of = |dir: &str, lang: LangId| -> Option<PageId> {
        let mut dir = dir.to_string();
        loop {
            let key = PageKey::section(&dir);
            if let Some(id) = translations.get(&key).and_then(|v| v[lang]) {
                return Some(id);
            }
            if dir.is_empty() {
                return None;
            }
            dir = dir
                .rfind('/')
                .map_or(String::new(), |i| dir[..i].to_string());
        }
    };
    let parents: Vec<Option<PageId>> = pages
        .iter()
        .map(|page| {
            let dir = if page.is_section() {
                let d = page.key.dir();
                if d.is_empty() {
                    return None;
                }
                d.rfind('/').map_or("", |i| &d[..i]).to_string()
            } else {
                page.key.dir().to_string()
            };
            section_of(&dir, page.lang)
        })
        .collect();
    for (page, parent) in pages.iter_mut().zip(parents) {
        page.parent = parent;
    }

    // Addresses: each folder's segment is its section's slug in that language.
    let mut segment_cache: HashMap<(String, LangId), String> = HashMap::new();
    for id in 0..pages.len() {
        let (key, lang) = (pages[id].key.clone(), pages[id].lang);
        let code = &config.languages[lang].code;
        let dir = key.dir();
        let mut path = format!("/{code}/");
        let mut prefix = String::new();
        let dirs: Vec<&str> = if dir.is_empty() {
            vec![]
        } else {
            dir.split('/').collect()
        };
        let own = if key.is_section() {
            dirs.len().saturating_sub(1)
        } else {
            dirs.len()
        };
        for (i, name) in dirs.iter().enumerate() {
            if !prefix.is_empty() {
                prefix.push('/');
            }
            prefix.push_str(name);
            let seg = if i == own {
                pages[id]
                    .front
                    .slug
                    .clone()
                    .unwrap_or_else(|| slugify(name))
            } else {
                segment_cache
                    .entry((prefix.clone(), lang))
                    .or_insert_with(|| {
                        translations
                            .get(&PageKey::section(&prefix))
                            .and_then(|v| v[lang])
                            .and_then(|s| pages[s].front.slug.clone())
                            .unwrap_or_else(|| slugify(name))
                    })
                    .clone()
            };
            if seg.is_empty() {
                problems.push(no_address(&pages[id].file, name));
            }
            path.push_str(&seg);
            path.push('/');
        }
        if !key.is_section() {
            let stem = key
                .0
                .rsplit('/')
                .next()
                .unwrap_or("")
                .trim_end_matches(".md");
            // A file name becomes an address by the slug rules: `Our team!.en.md` → `our-team`.
            let seg = match &pages[id].front.slug {
                Some(slug) => slug.clone(),
                None => slugify(stem),
            };
            if seg.is_empty() {
                problems.push(no_address(&pages[id].file, stem));
            }
            path.push_str(&seg);
            path.push('/');
        }
        pages[id].path = path;
    }
    if problems.has_errors() {
        return Err(problems);
    }
    let mut by_path: HashMap<&str, PageId> = HashMap::new();
    for (id, page) in pages.iter().enumerate() {
        if let Some(&other) = by_path.get(page.path.as_str()) {
            problems.push(
                Diagnostic::error(format!("two pages would be published at `{}`", page.path))
                    .at(Span::file(&page.file))
                    .hint(format!(
                        "`{}` has the same address; give one of them a different `slug`",
                        pages[other].file.display()
                    )),
            );
        } else {
            by_path.insert(&page.path, id);
        }
    }
    // An alias is a redirect page written at that address: it must not replace a page or
    // another alias.
    let mut aliases: HashMap<&str, PageId> = HashMap::new();
    for (id, page) in pages.iter().enumerate() {
        for alias in &page.front.aliases {
            let clash = match (by_path.get(alias.as_str()), aliases.get(alias.as_str())) {
                (Some(&other), _) => Some(format!(
                    "`{}` is the address of that page",
                    pages[other].file.display()
                )),
                (None, Some(&other)) => Some(format!(
                    "`{}` has the same alias",
                    pages[other].file.display()
                )),
                (None, None) => None,
            };
            match clash {
                Some(why) => problems.push(
                    Diagnostic::error(format!("the alias `{alias}` would overwrite another page"))
                        .at(Span::file(&page.file))
                        .hint(format!("{why}; remove or change one of the two")),
                ),
                None => {
                    aliases.insert(alias, id);
                }
            }
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }

    // Sections list their pages and subsections.
    let mut children: Vec<(PageId, PageId)> = pages
        .iter()
        .enumerate()
        .filter_map(|(id, p)| p.parent.map(|parent| (parent, id)))
        .collect();
    children.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| order(&pages[a.1], &pages[b.1])));
    for (parent, child) in children {
        if pages[child].is_section() {
            pages[parent].subsections.push(child);
        } else {
            pages[parent].pages.push(child);
        }
    }

    let taxonomies = collect_taxonomies(&config, &pages);

    // Missing translations: one line per page, naming the languages it lacks.
    for (key, ids) in &translations {
        let missing: Vec<&str> = ids
            .iter()
            .enumerate()
            .filter(|(_, id)| id.is_none())
            .map(|(lang, _)| config.languages[lang].code.as_str())
            .collect();
        if missing.is_empty() {
            continue;
        }
        let Some(first) = ids.iter().flatten().next() else {
            continue;
        };
        let file = &pages[*first].file;
        let message = format!("`{}` has no translation in: {}", key.0, missing.join(", "));
        let d = if options.strict {
            Diagnostic::error(message)
        } else {
            Diagnostic::warning(message)
        };
        // The translation's file name from the page key (`about/team.md` → `team.el.md`),
        // whether or not this file's name carries its language.
        let stem = key
            .0
            .rsplit('/')
            .next()
            .unwrap_or("")
            .trim_end_matches(".md");
        let example = format!("{stem}.{}.md", missing[0]);
        problems.push(d.at(Span::file(file)).hint(format!(
            "add `{example}` beside it; until then the page is left out of those languages"
        )));
    }
    if problems.has_errors() {
        return Err(problems);
    }

    Ok((
        Site {
            config,
            pages,
            translations,
            taxonomies,
        },
        problems,
    ))
}

/// A file or folder name with no letter or digit gives no address.
fn no_address(file: &Path, name: &str) -> Diagnostic {
    Diagnostic::error(format!(
        "the name `{name}` has no letter or digit to make the page's address from"
    ))
    .at(Span::file(file))
    .hint("rename it with letters, digits and hyphens (our-team.en.md), or set `slug = \"our-team\"` in the front matter (for a folder, in its _index file)")
}

/// Display order inside a section: by weight, then newest first, then by title.
fn order(a: &Page, b: &Page) -> std::cmp::Ordering {
    let weight = |p: &Page| (p.front.weight.is_none(), p.front.weight);
    weight(a)
        .cmp(&weight(b))
        .then_with(|| b.front.date.cmp(&a.front.date))
        .then_with(|| a.front.title.cmp(&b.front.title))
        .then_with(|| a.key.cmp(&b.key))
}

/// Reads the language and key from a file name and parses the front matter. Drafts are
/// dropped (`Ok(None)`) unless asked for.
fn parse_page(
    config: &Config,
    file: SourceFile,
    drafts: bool,
) -> Result<Option<Page>, Vec<Diagnostic>> {
    let (key, lang) = page_identity(config, &file.path)?;
    let (front, body_offset) = FrontMatter::parse(&file.path, &file.text, &config.taxonomies)?;
    if front.draft && !drafts {
        return Ok(None);
    }
    Ok(Some(Page {
        key,
        lang,
        file: file.path,
        source: file.text,
        body_offset,
        front,
        path: String::new(),
        parent: None,
        pages: Vec::new(),
        subsections: Vec::new(),
    }))
}

/// `content/about/partners.it.md` → (`about/partners.md`, it). A file without a language
/// suffix is in the default language.
pub fn page_identity(config: &Config, path: &Path) -> Result<(PageKey, LangId), Vec<Diagnostic>> {
    let rel = path.strip_prefix("content").unwrap_or(path);
    let rel = rel.to_string_lossy().replace('\\', "/");
    let without_md = rel.trim_end_matches(".md");
    let (dir, name) = match without_md.rfind('/') {
        Some(i) => (&without_md[..=i], &without_md[i + 1..]),
        None => ("", without_md),
    };
    let (stem, lang) = match name.rfind('.') {
        Some(i) => {
            let code = &name[i + 1..];
            match config.language_index(code) {
                Some(lang) => (&name[..i], lang),
                None => {
                    let codes: Vec<&str> =
                        config.languages.iter().map(|l| l.code.as_str()).collect();
                    return Err(vec![Diagnostic::error(format!(
                        "`{code}` in the file name is not a language of this site"
                    ))
                    .at(Span::file(path))
                    .hint(format!(
                        "name pages NAME.LANG.md with LANG one of: {}; or add `{code}` to [[languages]] in ponte.toml",
                        codes.join(", ")
                    ))]);
                }
            }
        }
        None => (name, config.default_language),
    };
    if stem.is_empty() {
        return Err(vec![Diagnostic::error("this file name has no page name")
            .at(Span::file(path))
            .hint("name pages NAME.LANG.md, for example about.en.md")]);
    }
    Ok((PageKey(format!("{dir}{stem}.md")), lang))
}

fn collect_taxonomies(config: &Config, pages: &[Page]) -> Vec<Taxonomy> {
    let mut out = Vec::new();
    for name in &config.taxonomies {
        for (lang, language) in config.languages.iter().enumerate() {
            let tax_path = format!("/{}/{}/", language.code, name);
            let mut terms: BTreeMap<String, Term> = BTreeMap::new();
            for (id, page) in pages.iter().enumerate() {
                if page.lang != lang {
                    continue;
                }
                for term in page.front.taxonomies.get(name).into_iter().flatten() {
                    let slug = slugify(term);
                    if slug.is_empty() {
                        continue;
                    }
                    let entry = terms.entry(slug.clone()).or_insert_with(|| Term {
                        name: term.clone(),
                        path: format!("{tax_path}{slug}/"),
                        slug,
                        pages: Vec::new(),
                    });
                    if entry.pages.last() != Some(&id) {
                        entry.pages.push(id);
                    }
                }
            }
            if terms.is_empty() {
                continue;
            }
            for term in terms.values_mut() {
                term.pages.sort_by(|&a, &b| {
                    pages[b]
                        .front
                        .date
                        .cmp(&pages[a].front.date)
                        .then_with(|| a.cmp(&b))
                });
            }
            out.push(Taxonomy {
                name: name.clone(),
                lang,
                path: tax_path,
                terms,
            });
        }
    }
    out
}
