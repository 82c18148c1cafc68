//! Incremental rebuilds: after a save, render again only the pages whose output can change,
//! from what the last full build kept.
//!
//! In: the [`Kept`] values of the last successful build, and the files of a batch of
//! changes. Out: either the files to replace in the served snapshot (with the problems the
//! whole site would now report), or the reason a full build is needed instead. Whenever the
//! effect of a change is not known for certain, the answer is a full build.
//!
//! Each page's record ([`crate::render::Deps`]) says what rendering it read: its template,
//! the pages whose front matter it shows (lists, breadcrumbs, menu, switcher, "latest") and
//! the pages it links. A page's *body* is read only when that page is rendered. So:
//! - a body edit renders that page again; every page's anchor links are checked again;
//! - a template edit renders the pages whose template is it or extends, includes or imports
//!   it (the chooser, 404 and term templates, which only a full build renders, build all);
//! - a front-matter edit resolves the site again and renders the page, the pages that show
//!   or link it when what they show of it changed, the lists whose order changed, the
//!   language whose latest page changed, and the sitemap. A page moved, added or removed,
//!   new aliases, a changed menu or list of terms, or different warnings build everything;
//! - a `.ftl` edit renders the pages of the languages whose messages now read differently
//!   (see [`string_signatures`]: a default-language edit reaches the languages that fall
//!   back on it), pages showing a date that now reads differently, the chooser, 404 pages,
//!   feeds, lists of terms and CSVs, and makes the documents again (the PDF cache gives back
//!   those whose text is unchanged).
//!
//! Pages rendered again must keep their links and headings (the full build's link check
//! reads them), and must not add files beside them. Anything else (statistics, assets,
//! configuration, leaflets) builds everything. A page printed in a report is rendered like
//! any other, and the update asks for a full build after it ([`Update::full_after`]) to make
//! the report again.
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::build::Kept;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::documents;
use crate::i18n::I18n;
use crate::load::{self, front_matter::FrontMatter};
use crate::output::guard::Guard;
use crate::output::links::LinkIndex;
use crate::output::MemoryOutput;
use crate::output::Output;
use crate::render::shortcodes::SiteShortcodes;
use crate::render::templates::Templates;
use crate::render::view::Dates;
use crate::render::view::PageLink;
use crate::render::{self, RenderedSite, Renderer};
use crate::site::resolve::{resolve, ResolveOptions};
use crate::site::{LangId, Page, PageId, PageKey, Site};
use crate::subpath::{base_path, Prefixed};
use crate::theme::Theme;

use super::classify::{classify, Change};

/// The environment variable that makes `ponte serve` say what each rebuild rendered and why.
pub const DEBUG_VAR: &str = "PONTE_DEBUG_INCREMENTAL";

/// Whether [`DEBUG_VAR`] is set.
pub fn debugging() -> bool {
    std::env::var_os(DEBUG_VAR).is_some_and(|v| !v.is_empty() && v != "0")
}

/// The last full build's values, brought up to date by each incremental rebuild.
pub struct State {
    kept: Kept,
    /// The pages' dates as shown, computed on the first incremental rebuild.
    dates: Option<Dates>,
    /// Whether the live-reload script is added (pages rendered for `ponte serve`).
    serve: bool,
    /// Whether drafts are published (`ponte serve --drafts`).
    drafts: bool,
}

/// What an incremental rebuild made.
pub struct Update {
    /// Output path → new bytes, to replace in the snapshot.
    pub files: Vec<(String, Vec<u8>)>,
    /// The pages rendered again, with why.
    pub rendered: Vec<(String, String)>,
    /// Why a full build must follow (a page printed in a report changed: the pages are
    /// served at once, the report's PDFs a moment later, by that build).
    pub full_after: Option<FullBuild>,
}

/// Why a change needs a full build.
pub type FullBuild = String;

impl State {
    pub fn new(kept: Kept, serve: bool, drafts: bool) -> State {
        State {
            kept,
            dates: None,
            serve,
            drafts,
        }
    }

    /// Brings the kept build up to date with the saved `paths` (relative to `root`) when
    /// only page bodies or page templates changed. `served` are the files served now (the
    /// pages as the kept build made them). `Err(Ok(reason))`: a full build is needed.
    /// `Err(Err(problems))`: the site now has errors (every problem the site would report,
    /// sorted); the caller forgets this state, since it no longer matches the files.
    pub fn update(
        &mut self,
        root: &Path,
        paths: &[PathBuf],
        served: &HashMap<String, Arc<super::File>>,
    ) -> Result<(Update, Diagnostics), Result<FullBuild, Diagnostics>> {
        if !self.kept.guard_problems.is_empty() {
            return Err(Ok(
                "the last build had warnings about third-party requests".into()
            ));
        }
        let mut timer = Timer::new();
        let site = &self.kept.site;
        let by_file: HashMap<&Path, PageId> = site
            .pages
            .iter()
            .enumerate()
            .map(|(id, p)| (p.file.as_path(), id))
            .collect();
        let mut changed: Vec<(PageId, String)> = Vec::new();
        // The pages among them whose front matter changed too.
        let mut front_changed: Vec<PageId> = Vec::new();
        let mut templates_touched = false;
        // The interface strings files (`.ftl`) saved.
        let mut strings: Vec<PathBuf> = Vec::new();
        let mut full_after = None;
        for path in paths {
            let shown = path.display();
            let change = classify(path);
            if change == Change::Templates && is_template(path) {
                templates_touched = true;
                continue;
            }
            if change == Change::Templates && path.extension().is_some_and(|e| e == "ftl") {
                strings.push(path.clone());
                continue;
            }
            if change == Change::Templates && transient(root, path, site) {
                continue;
            }
            if change != Change::Page {
                return Err(Ok(format!("{shown} is not a page or a template")));
            }
            if documents::is_leaflet(path) {
                return Err(Ok(format!("{shown} is a leaflet")));
            }
            if transient(root, path, site) {
                continue;
            }
            let Some(&id) = by_file.get(path.as_path()) else {
                return Err(Ok(format!(
                    "{shown} is not a published page (new, removed or a draft)"
                )));
            };
            let text = match load::read_text(root, path) {
                Ok(file) => file.text,
                Err(_) => return Err(Ok(format!("{shown} cannot be read"))),
            };
            let page = &site.pages[id];
            if text == page.source {
                continue;
            }
            if self.kept.report_pages.contains(&page.key.0) {
                full_after.get_or_insert_with(|| format!("{shown} is printed in a report"));
            }
            let front = &page.source[..page.body_offset];
            let same_front = text.starts_with(front)
                && FrontMatter::parse(path, &text, &site.config.taxonomies)
                    .is_ok_and(|(_, offset)| offset == page.body_offset);
            if !same_front {
                front_changed.push(id);
            }
            changed.push((id, text));
        }
        // Why each page is rendered again.
        let mut why: BTreeMap<PageId, String> = changed
            .iter()
            .map(|(id, _)| (*id, "its body changed".to_string()))
            .collect();
        // A source's edit can make its translations outdated, or a translation's make it
        // current: their banners come or go.
        let mut outdated = None;
        if !changed.is_empty() {
            let banners = self
                .banners(root, &changed)
                .map_err(Ok::<FullBuild, Diagnostics>)?;
            let mut now = self.kept.outdated.clone();
            for (file, banner) in banners {
                if self.kept.outdated.get(&file) == banner.as_ref() {
                    continue;
                }
                if let Some(&id) = by_file.get(file.as_path()) {
                    why.entry(id)
                        .or_insert_with(|| "its \"outdated translation\" banner changed".into());
                }
                match banner {
                    Some(banner) => now.insert(file, banner),
                    None => now.remove(&file),
                };
            }
            outdated = Some(now);
        }
        // Front matter: resolve the site again, and render the pages that show what changed.
        let mut resolved = None;
        if !front_changed.is_empty() {
            let (site, dates, reached) = self
                .reresolve(&changed, &front_changed)
                .map_err(Ok::<FullBuild, Diagnostics>)?;
            for (id, reason) in reached {
                why.insert(id, reason);
            }
            resolved = Some((site, dates));
        }
        let mut templates = None;
        if templates_touched {
            let (fresh, affected) = self
                .reload_templates(root, self.kept.i18n.clone())
                .map_err(Ok::<FullBuild, Diagnostics>)?;
            // The language chooser, the 404 pages and the lists of terms are made only by a
            // full build.
            if let Some(special) = SPECIAL_TEMPLATES.iter().find(|t| affected.contains(**t)) {
                return Err(Ok(format!(
                    "{special} changed or uses a template that changed"
                )));
            }
            for (id, record) in self.kept.records.iter().enumerate() {
                if affected.contains(&record.deps.template) {
                    why.entry(id)
                        .or_insert_with(|| format!("it uses {}", record.deps.template));
                }
            }
            templates = Some(fresh);
        }
        // Interface strings: the pages of the languages whose strings, as a page finds them
        // (its own, or the default language's it falls back on), changed.
        let mut strings_now = None;
        if !strings.is_empty() {
            if !changed.is_empty() || templates_touched {
                return Err(Ok(
                    "interface strings changed together with pages or templates".into(),
                ));
            }
            let now = self
                .reload_strings(root, &strings)
                .map_err(Ok::<FullBuild, Diagnostics>)?;
            let codes: Vec<&str> = site.languages().iter().map(|l| l.code.as_str()).collect();
            for (id, page) in site.pages.iter().enumerate() {
                if now.affected.contains(&page.lang) {
                    why.entry(id).or_insert_with(|| {
                        format!("the interface strings of `{}` changed", codes[page.lang])
                    });
                }
            }
            // Dates are written with the strings (month names): pages showing a page whose
            // date now reads differently are rendered again too.
            let dates_before = Dates::new(site, &self.kept.i18n);
            let dates_after = Dates::new(site, &now.i18n);
            let redated: BTreeSet<PageId> = (0..site.pages.len())
                .filter(|&id| now.affected.contains(&site.pages[id].lang))
                .filter(|&id| {
                    let facet = |dates: &Dates| {
                        serde_json::to_string(&PageLink::new(site, dates, id)).unwrap_or_default()
                    };
                    facet(&dates_before) != facet(&dates_after)
                })
                .collect();
            for (id, record) in self.kept.records.iter().enumerate() {
                if let Some(shown) = record.deps.shows.iter().find(|s| redated.contains(*s)) {
                    why.entry(id).or_insert_with(|| {
                        format!("it shows the date of {}", site.pages[*shown].file.display())
                    });
                }
            }
            // The templates call the strings: they are loaded again with the new ones.
            let (fresh, affected) = self
                .reload_templates(root, now.i18n.clone())
                .map_err(Ok::<FullBuild, Diagnostics>)?;
            if let Some(name) = affected.first() {
                return Err(Ok(format!("the template {name} changed too")));
            }
            templates = Some(fresh);
            self.dates = Some(dates_after);
            strings_now = Some(now);
        }
        if why.is_empty() && strings_now.is_none() {
            if let Some(templates) = templates {
                self.kept.templates = templates;
            }
            return Ok((
                Update {
                    files: Vec::new(),
                    rendered: Vec::new(),
                    full_after,
                },
                Diagnostics(self.kept.problems.0.clone()),
            ));
        }

        let (site, new_dates) = match resolved {
            Some((site, dates)) => (site, Some(dates)),
            None => {
                let mut pages = site.pages.clone();
                for (id, text) in &changed {
                    pages[*id].source.clone_from(text);
                }
                let site = Site {
                    config: site.config.clone(),
                    pages,
                    translations: site.translations.clone(),
                    taxonomies: site.taxonomies.clone(),
                };
                (site, None)
            }
        };
        if let Some(dates) = new_dates {
            self.dates = Some(dates);
        }
        let kept = &self.kept;
        let dates = self
            .dates
            .get_or_insert_with(|| Dates::new(&kept.site, &kept.i18n));
        let i18n: &I18n = strings_now.as_ref().map_or(&kept.i18n, |s| &s.i18n);
        let memory = MemoryOutput::default();
        // As a full build writes: a site under a sub-path gets the path in its addresses.
        let prefixed = Prefixed::new(&memory, &base_path(&site.config.base_url));
        let guard = Guard::new(
            &prefixed,
            &site.config.base_url,
            kept.page_sources.clone(),
            LinkIndex::new(&site.config.base_url),
        );
        let mut extra: Vec<(String, String)> = Vec::new();
        // The documents (PDFs and their short-link pages) of a language whose strings
        // changed are made again; the PDF cache gives back, unchanged, every one whose
        // Typst source (strings included) is the same.
        let mut documents_now = None;
        if let Some(now) = &strings_now {
            let docs = &kept.document_inputs.sources;
            let touched = docs
                .iter()
                .filter(|d| {
                    site.config
                        .language_index(&d.lang)
                        .is_some_and(|l| now.affected.contains(&l))
                })
                .count();
            if touched > 0 {
                let pending = documents::Pending::default();
                let problems = documents::run(
                    &kept.document_inputs,
                    &site,
                    &kept.datasets,
                    i18n,
                    &guard,
                    &pending,
                );
                if problems.iter().any(Diagnostic::is_error) {
                    return Err(Ok("a document cannot be made with the new strings".into()));
                }
                // Pages that list the documents show their sizes and page counts.
                if format!("{:?}", pending.wait()) != format!("{:?}", kept.documents.wait()) {
                    for (id, record) in kept.records.iter().enumerate() {
                        if record.deps.embeds.iter().any(|e| e == "documents") {
                            why.entry(id).or_insert_with(|| {
                                "it lists the documents, which changed".to_string()
                            });
                        }
                    }
                }
                extra.push((
                    format!("{} documents and their short links", docs.len()),
                    format!("{touched} of them are in a language whose strings changed (unchanged PDFs come from the cache)"),
                ));
                documents_now = Some((pending, problems));
            }
        }
        let ids: Vec<PageId> = why.keys().copied().collect();
        let shortcodes = SiteShortcodes {
            datasets: &kept.datasets,
            language_codes: site.languages().iter().map(|l| l.code.clone()).collect(),
            documents: documents_now.as_ref().map_or(&kept.documents, |(p, _)| p),
            contacts: &kept.contacts,
        };
        let renderer = Renderer {
            site: &site,
            i18n,
            templates: templates.as_ref().unwrap_or(&kept.templates),
            content_assets: &kept.content_assets,
            shortcodes: &shortcodes,
            serve: self.serve,
            used_assets: Default::default(),
            outdated: outdated.as_ref().unwrap_or(&kept.outdated),
            // A page that shows photos builds everything (see below).
            images: None,
        };
        // Only templates changed: every page's Markdown is as the kept records have it.
        let only_templates = templates_touched && changed.is_empty() && strings_now.is_none();
        timer.step("documents and what to render");
        let fresh = if only_templates {
            renderer.render_pages_reusing(&ids, dates, &guard, &kept.records)
        } else {
            renderer.render_pages(&ids, dates, &guard)
        };
        timer.step(&format!("render {} pages", ids.len()));
        // What else shows the strings: the language chooser (every language's), the 404
        // pages, the feeds, the lists of terms and the statistics' downloads.
        if let Some(now) = strings_now.as_ref().filter(|s| !s.affected.is_empty()) {
            let rendered = RenderedSite {
                renderer: &renderer,
                dates,
                records: &kept.records,
            };
            let mut problems = render::outputs::run_named(
                &rendered,
                &guard,
                &["language chooser", "404 pages", "feeds"],
            );
            problems.extend(renderer.render_taxonomies(dates, &guard));
            problems.extend(crate::build::write_datasets(
                &kept.datasets,
                &site,
                i18n,
                &guard,
            ));
            if !problems.is_empty() {
                return Err(Ok(
                    "the chooser, a 404 page, a feed, a list of terms or a download has problems with the new strings".into(),
                ));
            }
            let codes: Vec<&str> = now
                .affected
                .iter()
                .map(|&l| site.languages()[l].code.as_str())
                .collect();
            extra.push((
                "the language chooser, the 404 pages, the feeds, the lists of terms and the statistics' downloads".into(),
                format!("they show the interface strings of {}", codes.join(", ")),
            ));
        }
        if !front_changed.is_empty() {
            // Dates are in the sitemap.
            let sitemap = render::sitemap(&site).into_bytes();
            if guard
                .put_from("sitemap.xml", sitemap, "ponte's sitemap")
                .is_err()
            {
                return Err(Ok("the sitemap cannot be made".into()));
            }
            // Titles, dates and order are in the feeds too.
            for lang in 0..site.languages().len() {
                for section in render::feeds::feed_sections(&site, lang) {
                    let page = &site.pages[section];
                    let xml = render::feeds::feed(&site, renderer.i18n, section);
                    let path = format!(
                        "{}{}",
                        page.path.trim_start_matches('/'),
                        render::feeds::FEED_FILE
                    );
                    let source = format!("the feed of `{}`", page.file.display());
                    if guard.put_from(&path, xml.into(), &source).is_err() {
                        return Err(Ok("a feed cannot be made".into()));
                    }
                }
            }
        }
        // The site's links are checked against every file written, which only a full build
        // has: a page whose links, headings or files beside it changed builds everything.
        if (!changed.is_empty() || strings_now.is_some())
            && !renderer
                .used_assets
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .is_empty()
        {
            return Err(Ok("a page rendered again shows files beside it".into()));
        }
        for (id, record) in ids.iter().zip(&fresh) {
            let old = &kept.records[*id];
            let urls = |r: &render::PageRecord| -> Vec<String> {
                let mut u: Vec<String> = r.links.iter().map(|l| l.url.clone()).collect();
                u.sort();
                u
            };
            if urls(old) != urls(record) {
                return Err(Ok(format!(
                    "the links of {} changed",
                    site.pages[*id].file.display()
                )));
            }
            if old.anchors != record.anchors {
                return Err(Ok(format!(
                    "the headings of {} changed",
                    site.pages[*id].file.display()
                )));
            }
        }
        // The search index of the pages as they are now (a template shows nothing it reads),
        // of the languages of the pages rendered again.
        if !only_templates {
            // `ids` is sorted (the keys of `why`). Each page's words were counted when it was
            // rendered: only the pages rendered again are read again.
            let records: Vec<&render::PageRecord> = (0..site.pages.len())
                .map(|id| match ids.binary_search(&id) {
                    Ok(at) => &fresh[at],
                    Err(_) => &kept.records[id],
                })
                .collect();
            // Only the languages of the pages rendered again can have a new index.
            let langs: BTreeSet<LangId> = ids.iter().map(|&id| site.pages[id].lang).collect();
            let made = render::outputs::search_files_of(&site, &records, |l| langs.contains(&l));
            for file in made.files {
                if guard
                    .put_from(&file.path, file.bytes, &file.source)
                    .is_err()
                {
                    return Err(Ok("the search index could not be written".into()));
                }
            }
        }
        let guard_problems = guard.into_problems(None);
        // The guard counts a mistake repeated in many files once: only a full build counts
        // them right.
        if !guard_problems.is_empty() {
            return Err(Ok(
                "a page rendered again has a third-party request or inline code".into(),
            ));
        }
        let files: Vec<(String, Vec<u8>)> = memory.into_files().into_iter().collect();
        timer.step("search index and guard");
        // A template's own links and ids are checked only by a full build: pages whose
        // template changed must link and offer exactly what they did.
        if templates.is_some() {
            for (path, bytes) in &files {
                if !path.ends_with(".html") {
                    continue;
                }
                let Some(old) = served.get(path) else {
                    return Err(Ok(format!("{path} is new")));
                };
                if link_facts(&old.bytes) != link_facts(bytes) {
                    return Err(Ok(format!(
                        "the links or ids of {path} changed with its template"
                    )));
                }
            }
        }

        // From here on the kept state changes in place; on errors the caller forgets it.
        let kept = &mut self.kept;
        let mut problems = std::mem::take(&mut kept.problems.0);
        for (id, record) in ids.iter().zip(fresh) {
            remove_each(&mut problems, &kept.records[*id].problems);
            problems.extend(record.problems.iter().cloned());
            kept.records[*id] = record;
        }
        // The statistics' prose lint reads page text: its findings on the old text go, those
        // on the new come.
        let lint = |site: &Site, id: PageId| {
            let page = &site.pages[id];
            let text = crate::stats::PageText {
                file: &page.file,
                lang: &site.languages()[page.lang].code,
                source: &page.source,
                body_offset: page.body_offset,
            };
            crate::stats::lint(&[text], &kept.datasets, &site.config.stats)
        };
        for (id, _) in &changed {
            remove_each(&mut problems, &lint(&kept.site, *id));
            problems.extend(lint(&site, *id));
        }
        if let Some(now) = &strings_now {
            remove_each(&mut problems, &kept.i18n_problems);
            problems.extend(now.problems.iter().cloned());
            // The menu's labels are message ids.
            remove_each(&mut problems, &render::view::check_menus(&site, &kept.i18n));
            problems.extend(render::view::check_menus(&site, &now.i18n));
        }
        if let Some((_, document_problems)) = &documents_now {
            remove_each(&mut problems, &kept.document_problems);
            problems.extend(document_problems.iter().cloned());
        }
        let anchor_problems = render::check_anchors(&site, &kept.records);
        remove_each(&mut problems, &kept.anchor_problems);
        problems.extend(anchor_problems.iter().cloned());
        let mut problems = Diagnostics(problems);
        timer.step("link facts, problems and anchors");
        problems.sort();
        if problems.has_errors() {
            return Err(Err(problems));
        }
        let rendered = why
            .into_iter()
            .map(|(id, why)| (site.pages[id].file.display().to_string(), why))
            .chain(extra)
            .collect();
        if let Some(templates) = templates {
            kept.templates = templates;
        }
        if let Some(outdated) = outdated {
            kept.outdated = outdated;
        }
        if let Some(now) = strings_now {
            kept.i18n = now.i18n;
            kept.i18n_problems = now.problems;
            kept.locales = now.locales;
            kept.theme_locales = now.theme_locales;
        }
        if let Some((pending, document_problems)) = documents_now {
            kept.documents = pending;
            kept.document_problems = document_problems;
        }
        kept.site = Arc::new(site);
        kept.anchor_problems = anchor_problems;
        kept.problems = Diagnostics(problems.0.clone());
        Ok((
            Update {
                files,
                rendered,
                full_after,
            },
            problems,
        ))
    }

    /// The "outdated translation" banners of the changed pages and their translations, as
    /// a full build would now show them (`None`: no banner).
    fn banners(
        &self,
        root: &Path,
        changed: &[(PageId, String)],
    ) -> Result<Vec<(PathBuf, Option<String>)>, FullBuild> {
        let site = &self.kept.site;
        let codes: Vec<&str> = site.languages().iter().map(|l| l.code.as_str()).collect();
        let mut files = Vec::new();
        let mut seen = BTreeSet::new();
        for (id, _) in changed {
            let file = site.pages[*id].file.to_string_lossy().replace('\\', "/");
            let Some(stem) = file.strip_suffix(".md") else {
                return Err(format!("{file} is not a Markdown file"));
            };
            let stem = codes
                .iter()
                .find_map(|c| stem.strip_suffix(&format!(".{c}")))
                .unwrap_or(stem);
            let candidates = codes
                .iter()
                .map(|c| format!("{stem}.{c}.md"))
                .chain([format!("{stem}.md")]);
            for candidate in candidates {
                let path = PathBuf::from(candidate);
                if !seen.insert(path.clone()) {
                    continue;
                }
                match load::read_text(root, &path) {
                    Ok(file) => files.push(file),
                    Err(_) if std::fs::symlink_metadata(root.join(&path)).is_err() => {}
                    Err(_) => return Err(format!("{} cannot be read", path.display())),
                }
            }
        }
        let status = crate::translations::status::compute(root, &site.config, &files, &[]);
        let mut banners = status.banners();
        Ok(seen
            .into_iter()
            .map(|path| {
                let banner = banners.remove(&path);
                (path, banner)
            })
            .collect())
    }

    /// Resolves the site again with the changed pages' new text. Returns the new site and
    /// dates, and the pages to render again with why: those whose front matter changed, and
    /// those that show one of them (lists, breadcrumbs, switchers, "latest"), link it, or
    /// list pages in a new order. A change that moves pages, changes the menu, a list of
    /// terms, the aliases or the warnings builds everything.
    fn reresolve(
        &self,
        changed: &[(PageId, String)],
        front_changed: &[PageId],
    ) -> Result<(Site, Dates, BTreeMap<PageId, String>), FullBuild> {
        let old = &self.kept.site;
        let sources = |new: bool| -> Vec<load::SourceFile> {
            let mut texts: Vec<&str> = old.pages.iter().map(|p| p.source.as_str()).collect();
            if new {
                for (id, text) in changed {
                    texts[*id] = text;
                }
            }
            old.pages
                .iter()
                .zip(texts)
                .map(|(p, text)| load::SourceFile {
                    path: p.file.clone(),
                    text: text.to_string(),
                })
                .collect()
        };
        let options = ResolveOptions {
            drafts: self.drafts,
            strict: false,
        };
        let unsure = |what: &str| format!("resolving the site again {what}");
        let (before, warned_before) = resolve(old.config.clone(), sources(false), options)
            .map_err(|_| unsure("fails on the old pages"))?;
        let (after, warned_after) = resolve(old.config.clone(), sources(true), options)
            .map_err(|_| "the new front matter has a mistake".to_string())?;
        // The pages as resolved again must be the pages as the last build resolved them.
        if before.pages.len() != old.pages.len()
            || before.pages.iter().zip(&old.pages).any(|(a, b)| {
                shape(a) != shape(b) || a.pages != b.pages || a.subsections != b.subsections
            })
        {
            return Err(unsure("does not give the site the last build had"));
        }
        if format!("{warned_before:?}") != format!("{warned_after:?}") {
            return Err("the warnings about the pages changed".into());
        }
        if after.pages.len() != before.pages.len()
            || after
                .pages
                .iter()
                .zip(&before.pages)
                .any(|(a, b)| shape(a) != shape(b))
        {
            return Err("a page moved, appeared, went or changed its aliases or template".into());
        }
        if format!("{:?}", after.translations) != format!("{:?}", before.translations)
            || format!("{:?}", after.taxonomies) != format!("{:?}", before.taxonomies)
        {
            return Err("the translations or the lists of terms changed".into());
        }
        let i18n = &self.kept.i18n;
        let dates_before = Dates::new(&before, i18n);
        let dates_after = Dates::new(&after, i18n);
        let mut why = BTreeMap::new();
        // The pages that look different where other pages show them.
        let mut shown_changed = BTreeSet::new();
        for &id in front_changed {
            why.insert(id, "its front matter changed".to_string());
            let facet = |site: &Site, dates: &Dates| {
                serde_json::to_string(&PageLink::new(site, dates, id)).unwrap_or_default()
            };
            if facet(&before, &dates_before) != facet(&after, &dates_after) {
                shown_changed.insert(id);
            }
        }
        for &id in &shown_changed {
            let file = after.pages[id].file.display();
            // Every page's menu, and the pages only a full build makes, show these.
            let in_menu = (0..after.languages().len())
                .filter_map(|l| after.home(l))
                .any(|home| home.subsections.contains(&id));
            if in_menu {
                return Err(format!("the menu shows {file}"));
            }
            if after
                .taxonomies
                .iter()
                .any(|t| t.terms.values().any(|term| term.pages.contains(&id)))
            {
                return Err(format!("a list of terms shows {file}"));
            }
        }
        for (id, (a, b)) in after.pages.iter().zip(&before.pages).enumerate() {
            if a.pages != b.pages || a.subsections != b.subsections {
                if a.key.0 == "_index.md" && a.subsections != b.subsections {
                    return Err("the order of the menu changed".into());
                }
                why.entry(id)
                    .or_insert_with(|| "the order of the pages it lists changed".to_string());
            }
        }
        let latest_before = latest(&before);
        let latest_after = latest(&after);
        for (id, page) in after.pages.iter().enumerate() {
            if latest_before[page.lang] != latest_after[page.lang] {
                why.entry(id)
                    .or_insert_with(|| "the latest page of its language changed".to_string());
            }
        }
        if !shown_changed.is_empty() {
            let keys: Vec<&str> = shown_changed
                .iter()
                .map(|&id| after.pages[id].key.0.as_str())
                .collect();
            for (id, record) in self.kept.records.iter().enumerate() {
                if let Some(&shown) = record
                    .deps
                    .shows
                    .iter()
                    .find(|s| shown_changed.contains(*s))
                {
                    why.entry(id).or_insert_with(|| {
                        format!("it shows {}", after.pages[shown].file.display())
                    });
                } else if let Some(link) = record.deps.links.iter().find(|l| {
                    let key = l.split('#').next().unwrap_or("");
                    keys.contains(&key)
                }) {
                    why.entry(id)
                        .or_insert_with(|| format!("it links @/{link}"));
                }
            }
        }
        Ok((after, dates_after, why))
    }

    /// Reads the saved strings files again (`paths`, each one the last build read) and
    /// loads every language's strings with them. A new, removed or shadowed file, or strings
    /// with a mistake, build everything.
    fn reload_strings(&self, root: &Path, paths: &[PathBuf]) -> Result<Strings, FullBuild> {
        let mut locales = self.kept.locales.clone();
        let mut theme_locales = self.kept.theme_locales.clone();
        for path in paths {
            let shown = path.display();
            let Some((_, file)) = locales
                .iter_mut()
                .chain(theme_locales.iter_mut())
                .find(|(_, f)| f.path == *path)
            else {
                return Err(format!(
                    "{shown} is not a strings file the last build read (new, or replaced by the site's)"
                ));
            };
            match load::read_text(root, path) {
                Ok(new) => file.text = new.text,
                Err(_) => return Err(format!("{shown} cannot be read (removed?)")),
            }
        }
        let config = &self.kept.site.config;
        let (i18n, problems) = I18n::load_with_theme(config, &theme_locales, &locales);
        if problems.has_errors() {
            return Err("the interface strings have a mistake".into());
        }
        let before = string_signatures(config, &self.kept.theme_locales, &self.kept.locales);
        let after = string_signatures(config, &theme_locales, &locales);
        let affected = (0..config.languages.len())
            .filter(|&l| before[l] != after[l])
            .collect();
        Ok(Strings {
            locales,
            theme_locales,
            i18n: Arc::new(i18n),
            problems: problems.0,
            affected,
        })
    }

    /// Loads the theme's templates again: the new templates, and the names of those whose
    /// output can differ (those that changed and those that extend, include or import them).
    fn reload_templates(
        &self,
        root: &Path,
        i18n: Arc<I18n>,
    ) -> Result<(Templates, BTreeSet<String>), FullBuild> {
        let config = &self.kept.site.config;
        let theme =
            Theme::load(root, &config.theme).map_err(|_| "the theme cannot be read".to_string())?;
        let files = theme
            .kind("templates")
            .map(|f| f.text())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| "a template cannot be read".to_string())?;
        let templates = Templates::load(
            &files,
            &config.theme_dir().join("templates"),
            self.kept.site.clone(),
            i18n,
            self.kept.asset_map.clone(),
        )
        .map_err(|_| "a template has a mistake".to_string())?;
        let old: HashMap<&str, &str> = self.kept.templates.texts().collect();
        let new: HashMap<&str, &str> = templates.texts().collect();
        let mut affected = BTreeSet::new();
        for (name, text) in &new {
            match old.get(name) {
                None => return Err(format!("the template {name} is new")),
                Some(before) if before != text => {
                    affected.insert(name.to_string());
                }
                Some(_) => {}
            }
        }
        if let Some(gone) = old.keys().find(|n| !new.contains_key(*n)) {
            return Err(format!("the template {gone} was removed"));
        }
        let mut uses: Vec<(&str, Vec<String>)> = Vec::new();
        for (name, text) in &new {
            let Some(names) = template_refs(text) else {
                return Err(format!("{name} names a template by a variable"));
            };
            uses.push((*name, names));
        }
        loop {
            let before = affected.len();
            for (name, names) in &uses {
                if names.iter().any(|n| affected.contains(n)) {
                    affected.insert(name.to_string());
                }
            }
            if affected.len() == before {
                break;
            }
        }
        Ok((templates, affected))
    }
}

/// With [`DEBUG_VAR`] set: how long each step of an incremental rebuild took, wall and CPU.
struct Timer {
    enabled: bool,
    last: std::time::Instant,
    last_cpu: Option<f64>,
}

impl Timer {
    fn new() -> Timer {
        Timer {
            enabled: debugging(),
            last: std::time::Instant::now(),
            last_cpu: crate::build::cpu_seconds(),
        }
    }
    fn step(&mut self, name: &str) {
        if !self.enabled {
            return;
        }
        let cpu = crate::build::cpu_seconds();
        let used = match (cpu, self.last_cpu) {
            (Some(now), Some(before)) => format!(", CPU {:.3} s", now - before),
            _ => String::new(),
        };
        eprintln!(
            "ponte: incremental: {name}: {:.3} s{used}",
            self.last.elapsed().as_secs_f64()
        );
        self.last = std::time::Instant::now();
        self.last_cpu = cpu;
    }
}

/// The interface strings after an edit of `.ftl` files.
struct Strings {
    locales: Vec<(String, load::SourceFile)>,
    theme_locales: Vec<(String, load::SourceFile)>,
    i18n: Arc<I18n>,
    problems: Vec<Diagnostic>,
    /// The languages in which some message now reads differently.
    affected: BTreeSet<LangId>,
}

/// For each language, everything that decides how its messages read: its own messages and
/// terms (the theme's, then the site's replacing them), and the default language's messages
/// it can fall back on — those it lacks, and those of its own that can fail to format
/// (they have placeables); when one of those refers to another message or a term, the
/// default language's whole strings. Two signatures are equal only if every message of the
/// language reads the same.
fn string_signatures(
    config: &crate::config::Config,
    theme: &[(String, load::SourceFile)],
    site: &[(String, load::SourceFile)],
) -> Vec<String> {
    use fluent_syntax::ast::Entry;
    let entries = |code: &str| -> BTreeMap<String, String> {
        let mut map = BTreeMap::new();
        for (_, file) in theme.iter().chain(site).filter(|(l, _)| l == code) {
            let resource = match fluent_syntax::parser::parse(file.text.as_str()) {
                Ok(r) => r,
                Err((r, _)) => r,
            };
            for entry in &resource.body {
                match entry {
                    // Without their comments, which show nowhere.
                    Entry::Message(m) => {
                        let shown = format!("{:?}{:?}", m.value, m.attributes);
                        map.insert(m.id.name.to_string(), shown);
                    }
                    Entry::Term(t) => {
                        let shown = format!("{:?}{:?}", t.value, t.attributes);
                        map.insert(format!("-{}", t.id.name), shown);
                    }
                    // Comments change nothing shown; junk is a mistake, which builds all.
                    _ => {}
                }
            }
        }
        map
    };
    let default = entries(&config.default_lang().code);
    config
        .languages
        .iter()
        .enumerate()
        .map(|(l, language)| {
            if l == config.default_language {
                return format!("{default:?}");
            }
            let own = entries(&language.code);
            let falls_back: BTreeMap<&String, &String> = default
                .iter()
                .filter(|(id, _)| !id.starts_with('-'))
                .filter(|(id, _)| own.get(*id).is_none_or(|mine| mine.contains("Placeable")))
                .collect();
            let refers = falls_back
                .values()
                .any(|t| t.contains("MessageReference") || t.contains("TermReference"));
            if refers {
                format!("{own:?}{default:?}")
            } else {
                format!("{own:?}{falls_back:?}")
            }
        })
        .collect()
}

/// What a page is, beside what it shows: where it comes from and where it goes.
fn shape(page: &Page) -> (&PageKey, LangId, &Path, &str, Option<PageId>, String) {
    (
        &page.key,
        page.lang,
        page.file.as_path(),
        page.path.as_str(),
        page.parent,
        format!(
            "{:?} {} {:?}",
            page.front.aliases,
            page.front.draft,
            page.front.template.as_ref().map(|(name, _)| name),
        ),
    )
}

/// The latest dated page of each language (as `render` finds it for "latest").
fn latest(site: &Site) -> Vec<Option<PageId>> {
    render::latest_pages(site)
}

/// The templates only a full build renders (not pages'): the language chooser, the 404
/// pages, the lists of terms.
const SPECIAL_TEMPLATES: [&str; 4] = ["chooser.html", "404.html", "taxonomy.html", "term.html"];

/// Whether `path` is one of the theme's templates (the site's own `templates/`, or
/// `themes/NAME/templates/`), not one of its strings.
fn is_template(path: &Path) -> bool {
    let parts: Vec<&str> = path
        .components()
        .filter_map(|c| c.as_os_str().to_str())
        .collect();
    matches!(
        parts.as_slice(),
        ["templates", _, ..] | ["themes", _, "templates", _, ..]
    )
}

/// The templates a template extends, includes or imports, by name; `None` when one is
/// named by a variable (then any template could be reached).
fn template_refs(text: &str) -> Option<Vec<String>> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("{%") {
        let tag = &rest[at + 2..];
        let end = tag.find("%}").unwrap_or(tag.len());
        let inner = tag[..end].trim_start_matches(['-', '+']).trim_start();
        let word = inner
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
            .next()
            .unwrap_or("");
        if matches!(word, "extends" | "include" | "import" | "from") {
            let quoted = quoted_strings(&inner[word.len()..]);
            if quoted.is_empty() {
                return None;
            }
            names.extend(quoted);
        }
        rest = &tag[end..];
    }
    Some(names)
}

/// The quoted strings in `text` ("…", '…' or `…`).
fn quoted_strings(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '"' | '\'' | '`') {
            let body = &text[i + 1..];
            if let Some(close) = body.find(c) {
                out.push(body[..close].to_string());
                // Skip past the closing quote.
                for _ in 0..body[..close].chars().count() + 1 {
                    chars.next();
                }
            }
        }
    }
    out
}

/// The values of the attributes of `html` that link or can be linked to (`href`, `src`,
/// `srcset`, `action`, `id`…), sorted: what the full build's link check reads.
fn link_facts(html: &[u8]) -> Vec<&[u8]> {
    const NAMES: [&[u8]; 8] = [
        b"href", b"src", b"srcset", b"action", b"id", b"name", b"poster", b"data",
    ];
    let mut facts = Vec::new();
    let mut at = 0;
    while let Some(eq) = html[at..].iter().position(|&b| b == b'=') {
        let eq = at + eq;
        at = eq + 1;
        let Some(&quote) = html.get(eq + 1) else {
            break;
        };
        if quote != b'"' && quote != b'\'' {
            continue;
        }
        let name_start = html[..eq]
            .iter()
            .rposition(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b':'))
            .map_or(0, |i| i + 1);
        let name = &html[name_start..eq];
        if !NAMES.iter().any(|n| name.eq_ignore_ascii_case(n)) {
            continue;
        }
        let value_start = eq + 2;
        let Some(len) = html[value_start..].iter().position(|&b| b == quote) else {
            break;
        };
        facts.push(&html[value_start..value_start + len]);
        at = value_start + len + 1;
    }
    facts.sort_unstable();
    facts
}

/// Whether `path` is an editor's temporary file that came and went within the batch (as
/// `sed -i` makes one beside the file it edits): gone, not a Markdown file, and no page of
/// the site under it (a folder moved away would have pages under it).
fn transient(root: &Path, path: &Path, site: &Site) -> bool {
    path.extension().is_none_or(|e| e != "md")
        && std::fs::symlink_metadata(root.join(path)).is_err()
        && !site.pages.iter().any(|p| p.file.starts_with(path))
}

/// Removes one occurrence of each of `gone` from `all`.
fn remove_each(all: &mut Vec<Diagnostic>, gone: &[Diagnostic]) {
    for d in gone {
        if let Some(i) = all.iter().position(|x| x == d) {
            all.remove(i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_templates_a_template_uses() {
        let text = "{% extends \"base.html\" %}\n{%- include 'partials/nav.html' -%}\n{% import \"macros.html\" as m %}{{ x }}{% if a %}{% endif %}";
        assert_eq!(
            template_refs(text),
            Some(vec![
                "base.html".to_string(),
                "partials/nav.html".to_string(),
                "macros.html".to_string()
            ])
        );
        // A name in a variable could be any template.
        assert_eq!(template_refs("{% include name %}"), None);
        assert_eq!(template_refs("no tags at all {{ x }}"), Some(vec![]));
    }

    #[test]
    fn tells_templates_from_strings() {
        assert!(is_template(Path::new("themes/default/templates/page.html")));
        assert!(is_template(Path::new("templates/partials/nav.html")));
        assert!(!is_template(Path::new(
            "themes/default/locales/en/theme.ftl"
        )));
        assert!(!is_template(Path::new("locales/en/main.ftl")));
        assert!(!is_template(Path::new("themes/default")));
    }

    #[test]
    fn a_default_language_edit_reaches_the_languages_that_fall_back_on_it() {
        let config = crate::config::Config::parse(
            Path::new("ponte.toml"),
            "title = \"T\"\nbase_url = \"https://example.org\"\ndefault_language = \"en\"\n[[languages]]\ncode = \"en\"\nname = \"English\"\n[[languages]]\ncode = \"it\"\nname = \"Italiano\"\n[[languages]]\ncode = \"el\"\nname = \"Ελληνικά\"\n",
        )
        .unwrap_or_else(|_| unreachable!());
        let files = |en: &str, it: &str, el: &str| -> Vec<(String, load::SourceFile)> {
            [("en", en), ("it", it), ("el", el)]
                .iter()
                .map(|(l, text)| {
                    let file = load::SourceFile {
                        path: PathBuf::from(format!("locales/{l}/main.ftl")),
                        text: text.to_string(),
                    };
                    (l.to_string(), file)
                })
                .collect()
        };
        let it = "title = Titolo\ncount = { $n } pagine\n";
        // Greek lacks `title`: it shows the English one.
        let el = "count = { $n } σελίδες\n";
        let before = string_signatures(
            &config,
            &[],
            &files("title = Title\ncount = { $n } pages\n", it, el),
        );
        let changed = |en: &str, it: &str, el: &str| -> Vec<bool> {
            let after = string_signatures(&config, &[], &files(en, it, el));
            before.iter().zip(&after).map(|(a, b)| a != b).collect()
        };
        // The English title: English, and Greek, which falls back on it.
        assert_eq!(
            changed("title = New\ncount = { $n } pages\n", it, el),
            [true, false, true]
        );
        // A message with a placeable can fail to format and fall back: every language.
        assert_eq!(
            changed("title = Title\ncount = { $n } items\n", it, el),
            [true, true, true]
        );
        // An Italian edit is Italian only.
        assert_eq!(
            changed(
                "title = Title\ncount = { $n } pages\n",
                "title = Nuovo\ncount = { $n } pagine\n",
                el
            ),
            [false, true, false]
        );
        // A message added in English that no page can show yet still reaches Greek and
        // Italian, which lack it; nothing changes for a comment.
        assert_eq!(
            changed("title = Title\ncount = { $n } pages\nnew = New\n", it, el),
            [true, true, true]
        );
        assert_eq!(
            changed("title = Title\n\n# a note\ncount = { $n } pages\n", it, el),
            [false, false, false]
        );
    }

    #[test]
    fn link_facts_are_the_addresses_and_ids() {
        let a = link_facts(
            b"<a href=\"/en/\" class=\"x\">a=b</a><h2 id='who'>W</h2><img src=\"/i.png\" alt=\"\">",
        );
        assert_eq!(a, vec![&b"/en/"[..], &b"/i.png"[..], &b"who"[..]]);
        // Text and other attributes do not count.
        let b = link_facts(b"<p class=\"y\">more text</p><h2 id='who'>X</h2><a href=\"/en/\">b</a><img alt=\"z\" src=\"/i.png\">");
        assert_eq!(a, b);
    }
}
