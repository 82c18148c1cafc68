//! Documents: the downloadable PDFs (leaflets, forms, slides, reports made of site pages) and
//! the files partners made.
//!
//! In: [`Inputs`] (document sources, the theme's Typst templates, fonts and EU emblem, read
//! by [`load`]), the resolved site, its published statistics and its interface strings. Out: every PDF and external file
//! written through the [`Output`], the short-link pages `/d/ID/` and `/d/ID/LANG/`, and the
//! [`Listing`] that the `{{ documents() }}` shortcode shows. Documents are compiled with Typst
//! as a library (all Typst calls live in this module), forms get fillable fields
//! ([`forms`]), documents are made in parallel, and a document whose
//! inputs did not change since the previous build in the same process (`ponte serve`) is not
//! compiled again.
pub mod forms;
pub mod listing;
pub mod load;
pub mod markup;
pub mod qr;
pub mod render;
pub mod report;
pub mod source;
pub mod world;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use rayon::prelude::*;
use sha2::{Digest, Sha256};

pub use listing::{Listing, Published};
pub use load::{is_leaflet, load, Inputs};
use render::{Info, Pdf};
use source::{Body, DocumentSource, Kind};

use crate::diagnostic::{Diagnostic, Span};
use crate::i18n::I18n;
use crate::output::Output;
use crate::site::Site;
use crate::stats::Datasets;

/// Where leaflets are written.
pub const LEAFLETS_DIR: &str = "content/leaflets";
/// Where templates and other downloadable documents are kept.
pub const TEMPLATES_DIR: &str = "templates-public";

/// Interface messages the documents and the listing use (for `ponte check`'s coverage).
pub const MESSAGES: &[&str] = &[
    "eu-funded",
    "eu-emblem-alt",
    "documents-disclaimer",
    "documents-short-link",
    "documents-qr-alt",
    "documents-updated",
    "documents-licence",
    "documents-page",
    "documents-language",
    "documents-other-languages",
    "documents-format",
    "documents-pages",
    "documents-size",
    "documents-size-kb",
    "documents-size-mb",
    "documents-last-updated",
    "documents-licence-label",
    "documents-download",
    "documents-short-link-label",
    "documents-none",
    "documents-open",
    "documents-tick-one",
    "documents-contents",
    "documents-on-site",
    "stats-download-csv",
];

/// The listing, filled in when the documents are made; pages that show it wait for it.
#[derive(Default)]
pub struct Pending(OnceLock<Listing>);

impl Pending {
    pub fn set(&self, listing: Listing) {
        let _ = self.0.set(listing);
    }
    /// The listing; blocks until [`Pending::set`] has been called.
    pub fn wait(&self) -> &Listing {
        self.0.wait()
    }
}

/// Runs [`build`] on a thread pool of its own (so that pages waiting for the listing never
/// hold up the documents), always filling `pending`, even if ponte itself fails.
pub fn run(
    inputs: &Inputs,
    site: &Site,
    datasets: &Datasets,
    i18n: &I18n,
    out: &dyn Output,
    pending: &Pending,
) -> Vec<Diagnostic> {
    let start = std::time::Instant::now();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
            Ok(pool) => pool.install(|| build(inputs, site, datasets, i18n, out)),
            Err(_) => build(inputs, site, datasets, i18n, out),
        }
    }));
    match result {
        Ok((listing, problems)) => {
            if std::env::var_os("PONTE_TIMINGS").is_some() {
                let count: usize = listing.groups.iter().map(Vec::len).sum();
                let seconds = start.elapsed().as_secs_f64();
                eprintln!(
                    "ponte: {:<20} {:>9} ({count} files, {:.1} per second)",
                    "documents",
                    crate::report::seconds(seconds),
                    count as f64 / seconds.max(1e-9)
                );
            }
            pending.set(listing);
            problems
        }
        Err(_) => {
            pending.set(Listing::default());
            vec![
                Diagnostic::error("ponte failed while making the documents (PDFs)").hint(
                    "this is a bug in ponte; please report it with the document that caused it",
                ),
            ]
        }
    }
}

/// The pages the reports among `inputs` print (their keys, `about/_index.md`): `ponte serve`
/// keeps them with the build it made and builds everything again when one of them changes,
/// since a report reads their bodies.
pub fn report_pages(inputs: &Inputs) -> std::collections::BTreeSet<String> {
    inputs
        .sources
        .iter()
        .flat_map(|doc| match &doc.body {
            Body::Report { pages } => pages.iter().map(|(key, _)| key.clone()).collect(),
            _ => Vec::new(),
        })
        .collect()
}

/// PDFs made by earlier builds in this process, by a digest of everything they are made of
/// (the theme, the document's whole Typst source with its strings and printed pages, the
/// date). Not build state: an entry can only ever give the bytes its inputs make, whichever
/// build asks, so the cache is shared by the process (`ponte serve`'s rebuilds); each build
/// keeps only the entries it used.
static CACHE: Mutex<Option<Cache>> = Mutex::new(None);

/// PDF bytes and page count by the digest of their inputs.
type Cache = HashMap<[u8; 32], (Vec<u8>, usize)>;

/// Makes every document and short link. Returns the listing and the problems found.
pub fn build(
    inputs: &Inputs,
    site: &Site,
    datasets: &Datasets,
    i18n: &I18n,
    out: &dyn Output,
) -> (Listing, Vec<Diagnostic>) {
    let config = &site.config;
    let host_path = config
        .base_url
        .split_once("://")
        .map_or(config.base_url.as_str(), |(_, rest)| rest)
        .to_string();
    let mut problems = Vec::new();
    let mut seen: HashMap<(String, String), &Path> = HashMap::new();
    let mut todo = Vec::new();
    for doc in &inputs.sources {
        let Some(lang) = config.language_index(&doc.lang) else {
            problems.push(
                Diagnostic::error(format!("`{}` is not a language of this site", doc.lang))
                    .at(Span::file(&doc.file))
                    .hint("add the language to ponte.toml, or correct the file name"),
            );
            continue;
        };
        if let Some(other) = seen.insert((doc.id.clone(), doc.lang.clone()), &doc.file) {
            problems.push(
                Diagnostic::error(format!(
                    "the document id `{}` is used twice in `{}`",
                    doc.id, doc.lang
                ))
                .at(Span::file(&doc.file))
                .hint(format!(
                    "`{}` has it too; give each document its own id",
                    other.display()
                )),
            );
            continue;
        }
        todo.push((doc, lang));
    }
    let previous = CACHE
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .take()
        .unwrap_or_default();
    let results: Vec<_> = todo
        .par_iter()
        .map(|&(doc, lang)| {
            make(
                inputs, doc, lang, site, datasets, i18n, &host_path, &previous,
            )
        })
        .collect();
    let mut cache = HashMap::new();
    let mut published = Vec::new();
    for ((doc, lang), result) in todo.iter().zip(results) {
        match result {
            Ok((bytes, pages, key, warnings)) => {
                problems.extend(warnings);
                if let (Kind::Leaflet, Some(pages @ (0..=1 | 3..))) = (doc.kind, pages) {
                    problems.push(
                        Diagnostic::warning(format!(
                            "this leaflet has {pages} page(s); a leaflet is printed on the two sides of one sheet"
                        ))
                        .at(Span::file(&doc.file))
                        .hint(if pages > 2 {
                            "shorten the text"
                        } else {
                            "add text, or make it a form"
                        }),
                    );
                }
                let path = doc.output_path();
                let size = bytes.len();
                if let Some(key) = key {
                    cache.insert(key, (bytes.clone(), pages.unwrap_or(0)));
                }
                if let Err(e) = out.put_from(&path, bytes, &doc.file.to_string_lossy()) {
                    problems.push(Diagnostic::error(format!("cannot write `{path}`: {e}")));
                    continue;
                }
                published.push(Published {
                    id: doc.id.clone(),
                    lang: *lang,
                    title: doc.title.clone(),
                    discreet_title: doc.discreet_title.clone(),
                    description: doc.description.clone(),
                    path: format!("/{path}"),
                    format: format_of(&path),
                    pages,
                    size,
                    updated: doc.updated.clone(),
                    licence: doc.licence.clone(),
                    weight: doc.weight,
                });
            }
            Err(errors) => problems.extend(errors),
        }
    }
    *CACHE.lock().unwrap_or_else(|e| e.into_inner()) = Some(cache);
    problems.extend(missing_translations(&todo, site));
    let listing = Listing::new(published, site);
    problems.extend(listing.write_short_links(i18n, out));
    // Typst memoizes across compilations; keep what the next build in `serve` may reuse.
    typst::comemo::evict(10);
    (listing, problems)
}

/// A warning for each document that is missing in some of the site's languages.
fn missing_translations(todo: &[(&DocumentSource, usize)], site: &Site) -> Vec<Diagnostic> {
    let mut by_id: std::collections::BTreeMap<&str, (&Path, Vec<usize>)> = Default::default();
    for (doc, lang) in todo {
        by_id
            .entry(doc.id.as_str())
            .or_insert((doc.file.as_path(), Vec::new()))
            .1
            .push(*lang);
    }
    let languages = site.languages();
    by_id
        .into_iter()
        .filter_map(|(id, (file, langs))| {
            let missing: Vec<&str> = (0..languages.len())
                .filter(|l| !langs.contains(l))
                .map(|l| languages[l].code.as_str())
                .collect();
            (!missing.is_empty()).then(|| {
                Diagnostic::warning(format!(
                    "the document `{id}` has no version in: {}",
                    missing.join(", ")
                ))
                .at(Span::file(file))
                .hint("add the same file for those languages, with the same id")
            })
        })
        .collect()
}

type Made = (Vec<u8>, Option<usize>, Option<[u8; 32]>, Vec<Diagnostic>);

/// One document: external files as they are; others compiled (or taken from the cache).
#[allow(clippy::too_many_arguments)]
fn make(
    inputs: &Inputs,
    doc: &DocumentSource,
    lang: usize,
    site: &Site,
    datasets: &Datasets,
    i18n: &I18n,
    host_path: &str,
    previous: &Cache,
) -> Result<Made, Vec<Diagnostic>> {
    if let Body::External { file, bytes } = &doc.body {
        let pages = if file
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
        {
            lopdf::Document::load_mem(bytes)
                .ok()
                .map(|d| d.get_pages().len())
        } else {
            None
        };
        if pages.is_none() {
            return Ok((bytes.clone(), pages, None, Vec::new()));
        }
        // A PDF made elsewhere loses its author, creator and XMP metadata, as in content/.
        let name = file.to_string_lossy();
        return match crate::assets::metadata::strip(&name, bytes) {
            Ok(clean) => Ok((clean, pages, None, Vec::new())),
            Err(why) => Err(vec![Diagnostic::error(format!("`{name}`: {why}"))
                .at(Span::file(file))
                .hint(crate::assets::metadata::export_hint(&name))]),
        };
    }
    let short = format!("/d/{}/{}/", doc.id, doc.lang);
    let (meta_title, meta_description) = metadata(site, i18n, lang, doc);
    let info = Info {
        lang: doc.lang.clone(),
        link: format!("{host_path}{short}"),
        url: site.permalink(&short),
        funded: site.config.eu.funded,
        meta_title,
        meta_description,
        updated: doc.updated.as_deref().map(|d| i18n.date(lang, d)),
        labels: labels(i18n, lang, &format!("{host_path}{short}"), doc),
    };
    // Links in a printed document need the full address: `@/page.md` in the document's
    // language (or the default one), `/path/` on this site.
    let link = |url: &str| -> Option<String> {
        match url.strip_prefix("@/") {
            Some(rest) => {
                let (key, anchor) = match rest.split_once('#') {
                    Some((k, a)) => (k, format!("#{a}")),
                    None => (rest, String::new()),
                };
                let key = crate::site::PageKey(key.to_string());
                site.page(&key, lang)
                    .or_else(|| site.page(&key, site.config.default_language))
                    .map(|p| format!("{}{anchor}", site.permalink(&p.path)))
            }
            None if url.starts_with('/') && !url.starts_with("//") => Some(site.permalink(url)),
            None => Some(url.to_string()),
        }
    };
    let (mut main, mut problems) = render::main_file(doc, &info, &link);
    if let Body::Report { pages } = &doc.body {
        let (body, report_problems) = report::body(pages, lang, site, datasets, i18n);
        main.push_str(&body);
        problems.extend(report_problems);
    }
    if problems.iter().any(Diagnostic::is_error) {
        return Err(problems);
    }
    let Some(qr) = qr::svg(&info.url) else {
        return Err(vec![Diagnostic::error(
            "the short link is too long for a QR code",
        )
        .at(Span::file(&doc.file))]);
    };
    let mut digest = Sha256::new();
    digest.update(inputs.theme_digest);
    digest.update(main.as_bytes());
    digest.update(doc.updated.as_deref().unwrap_or("").as_bytes());
    let key: [u8; 32] = digest.finalize().into();
    if let Some((bytes, pages)) = previous.get(&key) {
        return Ok((bytes.clone(), Some(*pages), Some(key), problems));
    }
    let (Pdf { bytes, pages, .. }, warnings) =
        render::compile(&inputs.shared, doc, main, qr.into_bytes())?;
    problems.extend(warnings);
    Ok((bytes, Some(pages), Some(key), problems))
}

/// A document's name where `[safety] discreet_titles` asks for one that never names the
/// subject, as a tab or a download list shows it: its `discreet_title` (else its title) and
/// the neutral site name (`site-title-discreet`).
pub fn discreet_name(
    i18n: &I18n,
    lang: usize,
    doc_title: &str,
    discreet_title: Option<&str>,
) -> String {
    format!(
        "{} · {}",
        discreet_title.unwrap_or(doc_title),
        i18n.text(lang, "site-title-discreet")
    )
}

/// The PDF's own title and description (its Info dictionary and XMP metadata): the document's
/// title and description; under `[safety] discreet_titles`, as the site's `<title>`, the
/// document's neutral name and the neutral site name (`site-title-discreet`), and the neutral
/// `site-description-discreet` (none when the site has not written one). The visible first
/// page keeps the real title.
fn metadata(site: &Site, i18n: &I18n, lang: usize, doc: &DocumentSource) -> (String, String) {
    if !site.config.safety.discreet_titles {
        return (doc.title.clone(), doc.description.clone());
    }
    let title = discreet_name(i18n, lang, &doc.title, doc.discreet_title.as_deref());
    let description = i18n
        .message(lang, "site-description-discreet", None)
        .unwrap_or_default();
    (title, description)
}

/// The interface messages a document's template uses, in the document's language.
fn labels(
    i18n: &I18n,
    lang: usize,
    link: &str,
    doc: &DocumentSource,
) -> Vec<(&'static str, String)> {
    let message = |id: &'static str, args: &[(&str, String)]| {
        let mut fluent = fluent_bundle::FluentArgs::new();
        for (k, v) in args {
            fluent.set(*k, v.clone());
        }
        let text = i18n
            .message(lang, id, (!args.is_empty()).then_some(&fluent))
            .unwrap_or_else(|_| id.to_string());
        (id, text)
    };
    let date = doc
        .updated
        .as_deref()
        .map(|d| i18n.date(lang, d))
        .unwrap_or_default();
    vec![
        message("eu-funded", &[]),
        message("eu-emblem-alt", &[]),
        message("documents-disclaimer", &[]),
        message("documents-short-link", &[]),
        message("documents-tick-one", &[]),
        message("documents-contents", &[]),
        message("documents-on-site", &[]),
        message("stats-download-csv", &[]),
        message("documents-qr-alt", &[("link", link.to_string())]),
        message("documents-updated", &[("date", date)]),
        message("documents-licence", &[("licence", doc.licence.clone())]),
        message(
            "documents-page",
            &[
                ("page", "{page}".to_string()),
                ("total", "{total}".to_string()),
            ],
        ),
    ]
}

/// The format's name from a file extension (`PDF`, `PPTX`…).
fn format_of(path: &str) -> String {
    path.rsplit_once('.')
        .map_or(String::new(), |(_, ext)| ext.to_ascii_uppercase())
}

/// The messages the documents use, as a file `ponte check` reads to know they are used.
pub fn messages_file() -> crate::load::SourceFile {
    crate::load::SourceFile {
        path: PathBuf::from("src/documents"),
        text: MESSAGES.iter().map(|m| format!("\"{m}\"\n")).collect(),
    }
}
