//! The build driver: the pipeline as a flat list of steps.
//!
//! load → resolve → (strings) → assets → templates → render, every step writing through one
//! [`Output`]. All problems from all steps are collected; the build fails if any is an error.
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use crate::assets;
use crate::check::guard::Guard;
use crate::check::Coverage;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::documents;
use crate::i18n::I18n;
use crate::load;
use crate::output::Output;
use crate::render::shortcodes::{csv_path, FluentLocalizer, SiteShortcodes};
use crate::render::Renderer;
use crate::render::{self, templates::Templates};
use crate::site::{self, resolve::ResolveOptions};
use crate::stats;

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

/// What a successful build keeps so that `ponte serve` can render pages again without
/// building everything (see `serve::incremental`): the frozen stages' values and a record
/// of every page.
pub struct Kept {
    pub site: Arc<site::Site>,
    pub i18n: Arc<I18n>,
    pub templates: Templates,
    pub datasets: stats::Datasets,
    pub documents: documents::Pending,
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
    let mut timer = Timer::new();
    let mut problems = Diagnostics::default();

    let (mut config, sources) = load::load(&options.root)?;
    timer.step("load");
    problems.extend(sources.warnings.iter().cloned());
    if let Some(url) = &options.base_url {
        config.base_url = url.trim_end_matches('/').to_string();
    }
    let (i18n, i18n_problems) = I18n::load(&config, &sources.locales);
    problems.extend(i18n_problems);
    timer.step("strings");
    let (datasets, stats_problems) = stats::load(&sources.stats, &config.stats);
    problems.extend(stats_problems);
    timer.step("statistics");
    let theme = config.theme_dir();
    // Leaflets are documents (PDFs), not pages.
    let (document_inputs, document_problems) =
        documents::load(&options.root, &theme, &sources.pages);
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
    timer.step("resolve");
    let asset_map = match assets::build(
        &options.root,
        &theme,
        &sources.sass,
        &sources.static_files,
        &sources.content_assets,
        out,
    ) {
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
    let templates = match Templates::load(
        &sources.templates,
        &theme.join("templates"),
        site.clone(),
        i18n.clone(),
        Arc::new(asset_map),
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
                Diagnostic::error(format!("the theme has no `{required}` template"))
                    .hint(format!("create {}/templates/{required}", theme.display())),
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
    let shortcodes = SiteShortcodes {
        datasets: &datasets,
        language_codes: site.languages().iter().map(|l| l.code.clone()).collect(),
        documents: &pending_documents,
    };
    let renderer = Renderer {
        site: &site,
        i18n: &i18n,
        templates: &templates,
        content_assets: &content_assets,
        shortcodes: &shortcodes,
        serve: options.serve,
    };
    // Everything rendered passes the guard: no third-party requests, no inline code.
    let page_sources: HashMap<String, PathBuf> = site
        .pages
        .iter()
        .map(|p| (render::output_file(&p.path), p.file.clone()))
        .collect();
    let guard = Guard::new(out, &site.config.base_url, page_sources.clone());
    timer.step("assets + templates");
    // The PDFs are made on threads of their own while the pages render; a page that lists
    // them waits for them.
    let (html_problems, document_problems) = std::thread::scope(|scope| {
        let made = scope
            .spawn(|| documents::run(&document_inputs, &site, &i18n, &guard, &pending_documents));
        let html = renderer.render_all_recorded(&guard);
        (html, made.join().unwrap_or_default())
    });
    let (html_problems, records) = html_problems;
    let anchor_problems = render::check_anchors(&site, &records);
    problems.extend(html_problems);
    for record in &records {
        problems.extend(record.problems.iter().cloned());
    }
    problems.extend(anchor_problems.iter().cloned());
    problems.extend(document_problems);
    problems.extend(write_datasets(&datasets, &site, &i18n, &guard));
    let guard_problems = guard.into_problems();
    problems.extend(guard_problems.iter().cloned());
    timer.step("render + write");
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
        datasets,
        documents: pending_documents,
        content_assets,
        page_sources,
        records,
        problems,
        guard_problems,
        anchor_problems,
    };
    Ok((summary, kept))
}

/// Every published dataset as CSV in every language, for download.
fn write_datasets(
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
            if let Err(e) = out.put(path.trim_start_matches('/'), csv.into_bytes()) {
                problems.push(Diagnostic::error(format!("cannot write `{path}`: {e}")));
            }
        }
    }
    problems
}

/// Prints how long each step took when `PONTE_TIMINGS` is set (for profiling).
struct Timer {
    enabled: bool,
    last: Instant,
}

impl Timer {
    fn new() -> Timer {
        Timer {
            enabled: std::env::var_os("PONTE_TIMINGS").is_some(),
            last: Instant::now(),
        }
    }
    fn step(&mut self, name: &str) {
        if self.enabled {
            eprintln!(
                "ponte: {name:<20} {:>8.1} ms",
                self.last.elapsed().as_secs_f64() * 1000.0
            );
        }
        self.last = Instant::now();
    }
}

fn finish(mut problems: Diagnostics) -> Diagnostics {
    problems.sort();
    problems
}
