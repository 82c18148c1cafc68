//! The build driver: the pipeline as a flat list of steps.
//!
//! load → resolve → (strings) → assets → templates → render, every step writing through one
//! [`Output`]. All problems from all steps are collected; the build fails if any is an error.
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use crate::assets;
use crate::diagnostic::{Diagnostic, Diagnostics, Span};
use crate::documents;
use crate::i18n::I18n;
use crate::load;
use crate::output::guard::Guard;
use crate::output::links::{LinkIndex, SourceLink};
use crate::output::Output;
use crate::render::shortcodes::{csv_path, FluentLocalizer, SiteShortcodes};
use crate::render::Renderer;
use crate::render::{self, templates::Templates};
use crate::site::{self, resolve::ResolveOptions};
use crate::stats;
use crate::subpath::{base_path, Prefixed};
use crate::translations::coverage::Coverage;

/// What to build and how.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub base_url: Option<String>,
    pub drafts: bool,
    pub strict: bool,
    pub serve: bool,
}

/// What a successful build made.
#[derive(Debug)]
pub struct Summary {
    pub pages: usize,
    pub languages: usize,
    pub seconds: f64,
    /// Warnings (missing translations, unused files…).
    pub warnings: Diagnostics,
    /// Which pages and messages exist in which language (for `ponte check`).
    pub coverage: Coverage,
    /// Output path of each page → its source file.
    pub page_sources: HashMap<String, PathBuf>,
    pub base_url: String,
}

/// The stack of the thread that makes the PDFs (typesetting recurses through nested markup).
const DOCUMENT_STACK: usize = 64 << 20;

/// What a successful build keeps so that `ponte serve` can render pages again without
/// building everything (see `serve::incremental`): the frozen stages' values and a record
/// of every page.
pub struct Kept {
    pub site: Arc<site::Site>,
    pub i18n: Arc<I18n>,
    pub templates: Templates,
    /// The fingerprinted names of the theme's files, for loading the templates again.
    pub asset_map: Arc<assets::AssetMap>,
    pub datasets: stats::Datasets,
    pub documents: documents::Pending,
    /// `content/contacts.toml`.
    pub contacts: crate::contacts::Contacts,
    pub content_assets: HashSet<String>,
    /// Output path of each page → its source file (for the guard).
    pub page_sources: HashMap<String, PathBuf>,
    /// Every page's record, by `PageId`.
    pub records: Vec<render::PageRecord>,
    /// Every problem the build reported (warnings only: it succeeded), sorted.
    pub problems: Diagnostics,
    /// Those of them found by the guard, and by the anchor checks.
    pub guard_problems: Vec<Diagnostic>,
    pub anchor_problems: Vec<Diagnostic>,
    /// `ponte serve`: translation file → its "outdated translation" banner.
    pub outdated: HashMap<PathBuf, String>,
    /// The pages the reports print (keys), whose bodies the PDFs read.
    pub report_pages: std::collections::BTreeSet<String>,
    /// The interface strings as read (site's and theme's), and the problems found in them.
    pub locales: Vec<(String, load::SourceFile)>,
    pub theme_locales: Vec<(String, load::SourceFile)>,
    pub i18n_problems: Vec<Diagnostic>,
    /// What the documents are made from, and the problems found making them.
    pub document_inputs: documents::Inputs,
    pub document_problems: Vec<Diagnostic>,
}

/// Builds the site at `options.root` into `out`.
pub fn build(options: &BuildOptions, out: &dyn Output) -> Result<Summary, Diagnostics> {
    build_kept(options, out).map(|(summary, _)| summary)
}

/// [`build`], also returning what an incremental rebuild needs.
pub fn build_kept(
    options: &BuildOptions,
    out: &dyn Output,
) -> Result<(Summary, Kept), Diagnostics> {
    let start = Instant::now();
    // Every writer goes through the claims: two sources of one output file are an error.
    let claims = crate::output::Claims::new(out);
    let out: &dyn Output = &claims;
    let mut timer = Timer::new();
    let mut problems = Diagnostics::default();

    let (mut config, sources) = load::load(&options.root)?;
    timer.step("load");
    problems.extend(sources.warnings.iter().cloned());
    if let Some(url) = &options.base_url {
        config.base_url = url.trim_end_matches('/').to_string();
    }
    // `--strict`: outdated and untranslated-looking translations are errors. `serve`: they
    // get a banner.
    let mut outdated_banners = HashMap::new();
    if options.strict || options.serve {
        let status = crate::translations::status::compute(
            &options.root,
            &config,
            &sources.pages,
            &sources.locales,
        );
        if options.strict {
            problems.extend(status.problems(true));
        }
        if options.serve {
            outdated_banners = status.banners();
        }
    }
    // A site under a sub-path (https://org.github.io/win): every root-relative address in
    // what is written gets the path in front (see crate::subpath).
    let prefixed = Prefixed::new(out, &base_path(&config.base_url));
    let out: &dyn Output = &prefixed;
    let (i18n, i18n_problems) =
        I18n::load_with_theme(&config, &sources.theme_locales, &sources.locales);
    problems.extend(i18n_problems.0.iter().cloned());
    timer.step("strings");
    let (datasets, stats_problems) = stats::load(&sources.stats, &config.stats);
    problems.extend(stats_problems);
    timer.step("statistics");
    let theme = config.theme_dir();
    // Leaflets are documents (PDFs), not pages.
    let (document_inputs, document_problems) =
        documents::load(&options.root, &sources.theme, &sources.pages);
    problems.extend(document_problems);
    let pages = sources
        .pages
        .into_iter()
        .filter(|p| !documents::is_leaflet(&p.path))
        .collect();
    timer.step("documents: load");
    let resolve_options = ResolveOptions {
        drafts: options.drafts,
        strict: options.strict,
    };
    let site = match site::resolve(config, pages, resolve_options) {
        Ok((site, warnings)) => {
            problems.extend(warnings);
            site
        }
        Err(errors) => {
            problems.extend(errors);
            return Err(finish(problems));
        }
    };
    problems.extend(missing_home_pages(&site, &sources.config));
    if problems.has_errors() {
        return Err(finish(problems));
    }
    timer.step("resolve");
    let page_texts: Vec<stats::PageText> = site
        .pages
        .iter()
        .map(|p| stats::PageText {
            file: &p.file,
            lang: &site.languages()[p.lang].code,
            source: &p.source,
            body_offset: p.body_offset,
        })
        .collect();
    problems.extend(stats::lint(&page_texts, &datasets, &site.config.stats));
    drop(page_texts);
    timer.step("statistics: page text");
    // Everything written passes the guard: no third-party requests, no inline code. Every
    // file written is recorded, to check the site's links once all are written.
    let page_sources: HashMap<String, PathBuf> = site
        .pages
        .iter()
        .map(|p| (render::output_file(&p.path), p.file.clone()))
        .collect();
    let links = LinkIndex::new(&site.config.base_url);
    let guard = Guard::new(out, &site.config.base_url, page_sources.clone(), links);
    let asset_map = match assets::build(&options.root, &sources.theme, &sources.sass, &guard) {
        Ok(map) => map,
        Err(errors) => {
            problems.extend(errors);
            assets::AssetMap::default()
        }
    };
    if problems.has_errors() {
        return Err(finish(problems));
    }
    let site = Arc::new(site);
    let i18n = Arc::new(i18n);
    let asset_map = Arc::new(asset_map);
    let templates = match Templates::load(
        &sources.templates,
        &theme.join("templates"),
        site.clone(),
        i18n.clone(),
        asset_map.clone(),
    ) {
        Ok(t) => t,
        Err(errors) => {
            problems.extend(errors);
            return Err(finish(problems));
        }
    };
    for required in ["page.html", "section.html"] {
        if !templates.has(required) {
            problems.push(
                Diagnostic::error(format!("the theme has no `{required}` template")).hint(format!(
                    "create templates/{required} (or {}/templates/{required})",
                    theme.display()
                )),
            );
        }
    }
    if problems.has_errors() {
        return Err(finish(problems));
    }
    let content_assets: HashSet<String> = sources
        .content_assets
        .iter()
        .filter_map(|p| p.strip_prefix("content").ok())
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    let pending_documents = documents::Pending::default();
    let language_codes: Vec<String> = site.languages().iter().map(|l| l.code.clone()).collect();
    let contacts = match crate::contacts::load(&options.root, &language_codes) {
        Ok(c) => c,
        Err(e) => {
            problems.extend(e);
            return Err(finish(problems));
        }
    };
    let images = assets::images::Catalog::new(&options.root);
    let shortcodes = SiteShortcodes {
        datasets: &datasets,
        language_codes,
        documents: &pending_documents,
        contacts: &contacts,
    };
    let renderer = Renderer {
        site: &site,
        i18n: &i18n,
        templates: &templates,
        content_assets: &content_assets,
        shortcodes: &shortcodes,
        serve: options.serve,
        used_assets: Default::default(),
        outdated: &outdated_banners,
        images: Some(&images),
    };
    timer.step("assets + templates");
    // The PDFs are made on threads of their own while the pages render; a page that lists
    // them waits for them.
    let (html_problems, document_problems) = std::thread::scope(|scope| {
        let made = std::thread::Builder::new()
            .stack_size(DOCUMENT_STACK)
            .spawn_scoped(scope, || {
                documents::run(
                    &document_inputs,
                    &site,
                    &datasets,
                    &i18n,
                    &guard,
                    &pending_documents,
                )
            });
        let html = renderer.render_all_recorded(&guard);
        let made = match made {
            Ok(thread) => thread.join().unwrap_or_default(),
            Err(e) => vec![Diagnostic::error(format!(
                "cannot start the PDF thread: {e}"
            ))],
        };
        (html, made)
    });
    let (html_problems, records) = html_problems;
    let anchor_problems = render::check_anchors(&site, &records);
    let markdown_links: Vec<&SourceLink> = records.iter().flat_map(|r| &r.links).collect();
    problems.extend(html_problems);
    for record in &records {
        problems.extend(record.problems.iter().cloned());
    }
    problems.extend(anchor_problems.iter().cloned());
    problems.extend(document_problems.iter().cloned());
    // Only the files of content/ that a page uses are published.
    let used_assets = renderer
        .used_assets
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    problems.extend(assets::publish_content(
        &options.root,
        &sources.content_assets,
        &used_assets,
        &|path: &str| images.shows(path),
        &guard,
    ));
    problems.extend(write_datasets(&datasets, &site, &i18n, &guard));
    timer.step("render + write");
    let (image_problems, counts) = images.publish(&assets::images::Cache::locate(), &guard);
    problems.extend(image_problems);
    timer.step(&format!(
        "images: {} encoded, {} from the cache",
        counts.encoded, counts.cached
    ));
    // Links are only worth checking when every page could be made.
    let check_links = !problems.has_errors();
    let guard_problems = guard.into_problems(check_links.then_some(markdown_links.as_slice()));
    problems.extend(guard_problems.iter().cloned());
    problems.extend(claims.into_problems());
    timer.step("links");
    if problems.has_errors() {
        return Err(finish(problems));
    }
    let problems = finish(problems);
    let summary = Summary {
        pages: site.pages.len(),
        languages: site.languages().len(),
        seconds: start.elapsed().as_secs_f64(),
        warnings: Diagnostics(problems.0.clone()),
        coverage: Coverage::new(
            &site,
            &i18n,
            &[sources.templates, vec![documents::messages_file()]].concat(),
        ),
        page_sources: page_sources.clone(),
        base_url: site.config.base_url.clone(),
    };
    let kept = Kept {
        site,
        i18n,
        templates,
        asset_map,
        datasets,
        documents: pending_documents,
        contacts,
        content_assets,
        page_sources,
        records,
        problems,
        guard_problems,
        anchor_problems,
        outdated: outdated_banners,
        report_pages: documents::report_pages(&document_inputs),
        locales: sources.locales,
        theme_locales: sources.theme_locales,
        i18n_problems: i18n_problems.0,
        document_inputs,
        document_problems,
    };
    Ok((summary, kept))
}

/// A configured language without its home page (`content/_index.LANG.md`): every language
/// switcher and the language chooser would lead to a missing page.
fn missing_home_pages(site: &site::Site, config: &load::SourceFile) -> Vec<Diagnostic> {
    site.languages()
        .iter()
        .enumerate()
        .filter(|(lang, _)| site.home(*lang).is_none())
        .map(|(_, language)| {
            let code = &language.code;
            let quoted = format!("\"{code}\"");
            // The `code = "bg"` line of that language in ponte.toml.
            let at = config
                .text
                .match_indices(&quoted)
                .map(|(i, _)| i)
                .find(|&i| {
                    let line_start = config.text[..i].rfind('\n').map_or(0, |n| n + 1);
                    config.text[line_start..i].trim_start().starts_with("code")
                });
            let span = match at {
                Some(i) => Span::from_offset(&config.path, &config.text, i, quoted.len()),
                None => Span::file(&config.path),
            };
            Diagnostic::error(format!(
                "the language `{code}` has no home page: content/_index.{code}.md is missing"
            ))
            .at(span)
            .hint(format!(
                "create content/_index.{code}.md (copy content/_index.{}.md and translate it); every page links to it from its language menu",
                site.languages()[site.config.default_language].code
            ))
        })
        .collect()
}

/// Every published dataset as CSV in every language, for download.
pub(crate) fn write_datasets(
    datasets: &stats::Datasets,
    site: &site::Site,
    i18n: &I18n,
    out: &dyn Output,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (lang, language) in site.languages().iter().enumerate() {
        let localizer = FluentLocalizer {
            i18n,
            lang,
            code: &language.code,
        };
        for dataset in datasets.iter() {
            let path = csv_path(&language.code, dataset.id());
            let csv = stats::render_csv(dataset, &localizer);
            let source = format!("the statistics `{}`", dataset.id());
            if let Err(e) = out.put_from(path.trim_start_matches('/'), csv.into_bytes(), &source) {
                problems.push(Diagnostic::error(format!("cannot write `{path}`: {e}")));
            }
        }
    }
    problems
}

/// Prints how long each step took when `PONTE_TIMINGS` is set (for profiling), and on Linux
/// the CPU time it used (all threads): on a loaded machine, wall time says little.
struct Timer {
    enabled: bool,
    last: Instant,
    last_cpu: Option<f64>,
}

impl Timer {
    fn new() -> Timer {
        Timer {
            enabled: std::env::var_os("PONTE_TIMINGS").is_some(),
            last: Instant::now(),
            last_cpu: cpu_seconds(),
        }
    }
    fn step(&mut self, name: &str) {
        let cpu = cpu_seconds();
        if self.enabled {
            let used = match (cpu, self.last_cpu) {
                (Some(now), Some(before)) => format!(" (CPU {:.2} s)", now - before),
                _ => String::new(),
            };
            eprintln!(
                "ponte: {name:<20} {:>9}{used}",
                crate::report::seconds(self.last.elapsed().as_secs_f64())
            );
        }
        self.last = Instant::now();
        self.last_cpu = cpu;
    }
}

/// User and system CPU time of this process so far, from `/proc/self/stat` (Linux only).
pub(crate) fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    // The kernel's clock tick for these fields is 100 Hz on every Linux platform ponte runs on.
    Some(ticks / 100.0)
}

fn finish(mut problems: Diagnostics) -> Diagnostics {
    problems.sort();
    problems
}
