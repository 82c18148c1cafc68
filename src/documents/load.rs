//! Load: the document sources and the theme's documents, fonts and EU emblem, read once.
//!
//! In: the site root, the [`Theme`] (its documents/, fonts/ and emblem, the site's own
//! files replacing the theme's) and the `content/**.md` files already read (leaflets
//! are among them). Out: [`Inputs`], with every source parsed and checked.
use std::collections::HashSet;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::source::{self, Body, DocumentSource, Kind};
use super::world::Shared;
use super::{LEAFLETS_DIR, TEMPLATES_DIR};
use crate::diagnostic::{Diagnostic, Span};
use crate::load::{list_files, read_text};
use crate::theme::Theme;

/// Everything the stage reads, loaded once.
pub struct Inputs {
    pub sources: Vec<DocumentSource>,
    pub shared: Shared,
    /// A digest of the theme's templates, fonts and images (part of every cache key).
    pub(super) theme_digest: [u8; 32],
}

/// Reads the document sources and the theme's documents, fonts and EU emblem. Leaflets are
/// also `content/**.md` files, so the caller leaves them out of the pages (see
/// [`is_leaflet`]).
pub fn load(
    root: &Path,
    theme: &Theme,
    pages: &[crate::load::SourceFile],
) -> (Inputs, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let mut sources = Vec::new();
    // A file named by a metadata file is read only when it really is inside the site (a
    // symbolic link may not lead out).
    let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let external = |path: &Path| {
        let real = std::fs::canonicalize(root.join(path)).ok()?;
        real.starts_with(&real_root)
            .then(|| std::fs::read(real).ok())
            .flatten()
    };
    for page in pages.iter().filter(|p| is_leaflet(&p.path)) {
        match source::parse(&page.path, &page.text, Some(Kind::Leaflet), &external) {
            Ok(doc) => sources.push(doc),
            Err(errors) => problems.extend(errors),
        }
    }
    let files = list_files(root, Path::new(TEMPLATES_DIR));
    let metadata: HashSet<PathBuf> = files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "toml" || e == "md"))
        .cloned()
        .collect();
    let mut named = HashSet::new();
    for path in &metadata {
        match read_text(root, path) {
            Ok(file) => match source::parse(&file.path, &file.text, None, &external) {
                Ok(doc) => {
                    if let Body::External { file, .. } = &doc.body {
                        named.insert(file.clone());
                    }
                    sources.push(doc);
                }
                Err(errors) => problems.extend(errors),
            },
            Err(d) => problems.push(d),
        }
    }
    for path in files
        .iter()
        .filter(|p| !metadata.contains(*p) && !named.contains(*p))
    {
        problems.push(
            Diagnostic::warning(format!("`{}` is not listed", path.display()))
                .at(Span::file(path))
                .hint("add a metadata file beside it (NAME.LANG.toml with id, title and file = \"…\")"),
        );
    }
    sources.sort_by(|a, b| a.file.cmp(&b.file));

    let mut digest = Sha256::new();
    let mut fonts = Vec::new();
    for file in theme.kind("fonts") {
        if [".ttf", ".otf", ".ttc"]
            .iter()
            .any(|e| file.name.ends_with(e))
        {
            digest.update(&file.bytes);
            fonts.push(file.bytes.to_vec());
        }
    }
    let compiled = sources
        .iter()
        .any(|d| !matches!(d.body, Body::External { .. }));
    if fonts.is_empty() && compiled {
        problems.push(
            Diagnostic::error("the theme has no fonts for documents")
                .at(Span::file(&theme.dir.join("fonts")))
                .hint("put .ttf files (e.g. Noto Sans) in the site's fonts/ folder"),
        );
    }
    let mut files = Vec::new();
    for file in theme.kind("documents") {
        let vpath = format!("/{}", file.name);
        digest.update(vpath.as_bytes());
        digest.update(&file.bytes);
        files.push((vpath, file.path.clone(), file.bytes.to_vec()));
    }
    if let Some(emblem) = theme.get("static/eu-emblem.svg") {
        digest.update(&emblem.bytes);
        files.push((
            "/static/eu-emblem.svg".to_string(),
            emblem.path.clone(),
            emblem.bytes.to_vec(),
        ));
    }
    let inputs = Inputs {
        sources,
        shared: Shared::new(fonts, files),
        theme_digest: digest.finalize().into(),
    };
    (inputs, problems)
}

/// Whether a file under `content/` is a leaflet rather than a page.
pub fn is_leaflet(path: &Path) -> bool {
    path.starts_with(LEAFLETS_DIR) && path.extension().is_some_and(|e| e == "md")
}
