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
use crate::subpath::{base_path, Prefixed};

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

/// Builds the site at `options.root` into `out`.
pub fn build(options: &BuildOptions, out: &dyn Output) -> Result<Summary, Diagnostics> {
    let start = Instant::now();
    let mut timer = Timer::new();
    let mut problems = Diagnostics::default();

    let (mut config, sources) = load::load(&options.root)?;
    timer.step("load");
    problems.extend(sources.warnings.iter().cloned());
    if let Some(url) = &options.base_url {
        config.base_url = url.trim_end_matches('/').to_string();
    }
    // A site under a sub-path (https://org.github.io/win): every root-relative address in
    // what is written gets the path in front (see crate::subpath).
    let prefixed = Prefixed::new(out, &base_path(&config.base_url));
    let out: &dyn Output = &prefixed;
    let (i18n, i18n_problems) =
        I18n::load_with_theme(&config, &sources.theme_locales, &sources.locales);
    problems.extend(i18n_problems);
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
    timer.step("resolve");
    let asset_map = match assets::build(
        &options.root,
        &sources.theme,
        &sources.sass,
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
        let html = renderer.render_all(&guard);
        (html, made.join().unwrap_or_default())
    });
    problems.extend(html_problems);
    problems.extend(document_problems);
    problems.extend(write_datasets(&datasets, &site, &i18n, &guard));
    problems.extend(guard.into_problems());
    timer.step("render + write");
    if problems.has_errors() {
        return Err(finish(problems));
    }
    Ok(Summary {
        pages: site.pages.len(),
        languages: site.languages().len(),
        seconds: start.elapsed().as_secs_f64(),
        warnings: finish(problems),
        coverage: Coverage::new(
            &site,
            &i18n,
            &[sources.templates, vec![documents::messages_file()]].concat(),
        ),
        page_sources,
        base_url: site.config.base_url.clone(),
    })
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
                "ponte: {name:<20} {:>9}",
                crate::report::seconds(self.last.elapsed().as_secs_f64())
            );
        }
        self.last = Instant::now();
    }
}

fn finish(mut problems: Diagnostics) -> Diagnostics {
    problems.sort();
    problems
}
