//! The build driver: the pipeline as a flat list of steps.
//!
//! load → resolve → (strings) → assets → templates → render, every step writing through one
//! [`Output`]. All problems from all steps are collected; the build fails if any is an error.
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use crate::assets;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::i18n::I18n;
use crate::load;
use crate::markdown::shortcode::Call;
use crate::output::Output;
use crate::render::templates::Templates;
use crate::render::{Renderer, Shortcodes};
use crate::site::{self, resolve::ResolveOptions, LangId};

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
}

/// The shortcodes pages may call.
struct SiteShortcodes;

impl Shortcodes for SiteShortcodes {
    fn render(&self, call: &Call, _lang: LangId, _i18n: &I18n) -> Result<String, String> {
        Err(format!("there is no shortcode `{}`", call.name))
    }
}

/// Builds the site at `options.root` into `out`.
pub fn build(options: &BuildOptions, out: &dyn Output) -> Result<Summary, Diagnostics> {
    let start = Instant::now();
    let mut problems = Diagnostics::default();

    let (mut config, sources) = load::load(&options.root)?;
    problems.extend(sources.warnings.iter().cloned());
    if let Some(url) = &options.base_url {
        config.base_url = url.trim_end_matches('/').to_string();
    }
    let (i18n, i18n_problems) = I18n::load(&config, &sources.locales);
    problems.extend(i18n_problems);
    let theme = config.theme_dir();
    let resolve_options = ResolveOptions {
        drafts: options.drafts,
        strict: options.strict,
    };
    let site = match site::resolve(config, sources.pages, resolve_options) {
        Ok((site, warnings)) => {
            problems.extend(warnings);
            site
        }
        Err(errors) => {
            problems.extend(errors);
            return Err(finish(problems));
        }
    };
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
    let renderer = Renderer {
        site: &site,
        i18n: &i18n,
        templates: &templates,
        content_assets: &content_assets,
        shortcodes: &SiteShortcodes,
        serve: options.serve,
    };
    problems.extend(renderer.render_all(out));
    if problems.has_errors() {
        return Err(finish(problems));
    }
    Ok(Summary {
        pages: site.pages.len(),
        languages: site.languages().len(),
        seconds: start.elapsed().as_secs_f64(),
        warnings: finish(problems),
    })
}

fn finish(mut problems: Diagnostics) -> Diagnostics {
    problems.sort();
    problems
}
