//! Incremental rebuilds: after a save, render again only the pages whose output can change,
//! from what the last full build kept.
//!
//! In: the [`Kept`] values of the last successful build, and the files of a batch of
//! changes. Out: either the files to replace in the served snapshot (with the problems the
//! whole site would now report), or the reason a full build is needed instead. Whenever the
//! effect of a change is not known for certain, the answer is a full build.
//!
//! What is known for certain: a page's *body* is read only when that page is rendered
//! (lists, menus, breadcrumbs, switchers, sitemaps and documents show other pages' front
//! matter, never their bodies; see each page's recorded [`crate::render::Deps`]). So when a
//! save leaves a page's front matter byte for byte as it was, only that page is rendered
//! again, and the anchor links of every page are checked again against the recorded anchors.
//! Anything else (a front-matter, template, string, statistics, asset or configuration
//! change, a page added or removed, a draft, a leaflet) builds everything.
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::build::Kept;
use crate::check::guard::Guard;
use crate::check::links::LinkIndex;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::documents;
use crate::load::{self, front_matter::FrontMatter};
use crate::output::MemoryOutput;
use crate::render::shortcodes::SiteShortcodes;
use crate::render::view::Dates;
use crate::render::{self, Renderer};
use crate::site::{PageId, Site};

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
}

/// What an incremental rebuild made.
pub struct Update {
    /// Output path → new bytes, to replace in the snapshot.
    pub files: Vec<(String, Vec<u8>)>,
    /// The pages rendered again, with why.
    pub rendered: Vec<(String, &'static str)>,
}

/// Why a change needs a full build.
pub type FullBuild = String;

impl State {
    pub fn new(kept: Kept, serve: bool) -> State {
        State {
            kept,
            dates: None,
            serve,
        }
    }

    /// Brings the kept build up to date with the saved `paths` (relative to `root`) if only
    /// page bodies changed. `Err(Ok(reason))`: a full build is needed. `Err(Err(problems))`:
    /// the site now has errors (every problem the site would report, sorted); the caller
    /// forgets this state, since it no longer matches the files.
    pub fn update(
        &mut self,
        root: &Path,
        paths: &[PathBuf],
    ) -> Result<(Update, Diagnostics), Result<FullBuild, Diagnostics>> {
        if !self.kept.guard_problems.is_empty() {
            return Err(Ok(
                "the last build had warnings about third-party requests".into()
            ));
        }
        let site = &self.kept.site;
        let by_file: HashMap<&Path, PageId> = site
            .pages
            .iter()
            .enumerate()
            .map(|(id, p)| (p.file.as_path(), id))
            .collect();
        let mut changed: Vec<(PageId, String)> = Vec::new();
        for path in paths {
            let shown = path.display();
            if classify(path) != Change::Page {
                return Err(Ok(format!("{shown} is not a page")));
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
            let front = &page.source[..page.body_offset];
            let same_front = text.starts_with(front)
                && FrontMatter::parse(path, &text, &site.config.taxonomies)
                    .is_ok_and(|(_, offset)| offset == page.body_offset);
            if !same_front {
                return Err(Ok(format!("the front matter of {shown} changed")));
            }
            changed.push((id, text));
        }
        if changed.is_empty() {
            return Ok((
                Update {
                    files: Vec::new(),
                    rendered: Vec::new(),
                },
                Diagnostics(self.kept.problems.0.clone()),
            ));
        }

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
        let ids: Vec<PageId> = changed.iter().map(|(id, _)| *id).collect();
        let kept = &self.kept;
        let dates = self
            .dates
            .get_or_insert_with(|| Dates::new(&kept.site, &kept.i18n));
        let shortcodes = SiteShortcodes {
            datasets: &kept.datasets,
            language_codes: site.languages().iter().map(|l| l.code.clone()).collect(),
            documents: &kept.documents,
        };
        let renderer = Renderer {
            site: &site,
            i18n: &kept.i18n,
            templates: &kept.templates,
            content_assets: &kept.content_assets,
            shortcodes: &shortcodes,
            serve: self.serve,
            used_assets: Default::default(),
            outdated: &kept.outdated,
            // A page that shows photos builds everything (see below).
            images: None,
        };
        let memory = MemoryOutput::default();
        let guard = Guard::new(
            &memory,
            &site.config.base_url,
            kept.page_sources.clone(),
            LinkIndex::new(&site.config.base_url),
        );
        let fresh = renderer.render_pages(&ids, dates, &guard);
        // The site's links are checked against every file written, which only a full build
        // has: a page whose links, headings or files beside it changed builds everything.
        if !renderer
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
        // The search index of the pages as they are now.
        let html: Vec<&str> = (0..site.pages.len())
            .map(|id| match ids.iter().position(|&i| i == id) {
                Some(at) => fresh[at].html.as_str(),
                None => kept.records[id].html.as_str(),
            })
            .collect();
        let search_problems = crate::build::publish_search(&site, &html, &guard);
        if !search_problems.is_empty() {
            return Err(Ok("the search index could not be written".into()));
        }
        let guard_problems = guard.into_problems(None);

        // From here on the kept state changes in place; on errors the caller forgets it.
        let kept = &mut self.kept;
        let mut problems = std::mem::take(&mut kept.problems.0);
        for (id, record) in ids.iter().zip(fresh) {
            remove_each(&mut problems, &kept.records[*id].problems);
            problems.extend(record.problems.iter().cloned());
            kept.records[*id] = record;
        }
        let anchor_problems = render::check_anchors(&site, &kept.records);
        remove_each(&mut problems, &kept.anchor_problems);
        problems.extend(anchor_problems.iter().cloned());
        problems.extend(guard_problems.iter().cloned());
        kept.guard_problems = guard_problems;
        let mut problems = Diagnostics(problems);
        problems.sort();
        if problems.has_errors() {
            return Err(Err(problems));
        }
        let rendered = ids
            .iter()
            .map(|&id| {
                let page = &site.pages[id];
                (page.file.display().to_string(), "its body changed")
            })
            .collect();
        let files = memory.into_files().into_iter().collect();
        kept.site = Arc::new(site);
        kept.anchor_problems = anchor_problems;
        kept.problems = Diagnostics(problems.0.clone());
        Ok((Update { files, rendered }, problems))
    }
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
