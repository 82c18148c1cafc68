//! Assets: the theme's Sass compiled to CSS, its static files copied, and the names of CSS
//! and JavaScript files fingerprinted so browsers may cache them forever.
//!
//! In: the site root, the [`Theme`] (every file in memory) and its Sass sources. Out: files put into an
//! [`Output`] and an [`AssetMap`] from logical names (`style.css`) to public URLs
//! (`/style.1a2b3c4d.css`), or Sass errors at their line and column.
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub mod metadata;

use sha2::{Digest, Sha256};

use crate::diagnostic::{Diagnostic, Span};
use crate::load::SourceFile;
use crate::output::Output;
use crate::theme::Theme;

/// Logical asset name → public URL.
#[derive(Debug, Default, Clone)]
pub struct AssetMap(BTreeMap<String, String>);

impl AssetMap {
    pub fn url(&self, name: &str) -> Option<&str> {
        self.0.get(name.trim_start_matches('/')).map(String::as_str)
    }
}

/// `name.ext` → `name.HASH.ext`, with the first 10 hex digits of SHA-256.
pub fn fingerprint(name: &str, bytes: &[u8]) -> String {
    let hash = Sha256::digest(bytes);
    let hex: String = hash.iter().take(5).map(|b| format!("{b:02x}")).collect();
    match name.rfind('.') {
        Some(i) => format!("{}.{hex}{}", &name[..i], &name[i..]),
        None => format!("{name}.{hex}"),
    }
}

fn fingerprinted(name: &str) -> bool {
    name.ends_with(".css") || name.ends_with(".js")
}

/// Compiles the theme's `sass/*.scss` (not partials `_*.scss`) and copies its `static/`, the
/// site's own files replacing the theme's of the same name.
pub fn build(
    root: &Path,
    theme: &Theme,
    sass: &[SourceFile],
    content_assets: &[PathBuf],
    out: &dyn Output,
) -> Result<AssetMap, Vec<Diagnostic>> {
    let mut map = AssetMap::default();
    let mut problems = Vec::new();
    let sass_dir = theme.dir.join("sass");
    let fs = theme.sass_fs();
    for file in sass {
        let name = file.path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('_') {
            continue;
        }
        let rel = file
            .path
            .strip_prefix(&sass_dir)
            .or_else(|_| file.path.strip_prefix("sass"))
            .unwrap_or(&file.path);
        let css_name = rel
            .with_extension("css")
            .to_string_lossy()
            .replace('\\', "/");
        let options = grass::Options::default()
            .style(grass::OutputStyle::Compressed)
            .fs(&fs)
            .quiet(true);
        match grass::from_path(&file.path, &options) {
            Ok(css) => {
                let public = fingerprint(&css_name, css.as_bytes());
                if let Err(e) = out.put(&public, css.into_bytes()) {
                    problems.push(Diagnostic::error(format!("cannot write `{public}`: {e}")));
                }
                map.0.insert(css_name, format!("/{public}"));
            }
            Err(e) => problems.push(sass_error(root, *e)),
        }
    }
    for file in theme.kind("static") {
        let rel = file.name.trim_start_matches("static/").to_string();
        let bytes = file.bytes.to_vec();
        let public = if fingerprinted(&rel) {
            fingerprint(&rel, &bytes)
        } else {
            rel.clone()
        };
        if let Err(e) = out.put(&public, bytes) {
            problems.push(Diagnostic::error(format!("cannot write `{public}`: {e}")));
        }
        map.0.insert(rel, format!("/{public}"));
    }
    for path in content_assets {
        let rel = path
            .strip_prefix("content")
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        match std::fs::read(root.join(path)) {
            Ok(bytes) => match metadata::strip(&rel, &bytes) {
                Ok(clean) => {
                    if let Err(e) = out.put(&format!("media/{rel}"), clean) {
                        problems.push(Diagnostic::error(format!("cannot write `media/{rel}`: {e}")));
                    }
                }
                Err(why) => problems.push(
                    Diagnostic::error(format!("`{}`: {why}", path.display()))
                        .at(Span::file(path))
                        .hint("export the image again as JPEG or PNG (\"Save for web\" removes personal data)"),
                ),
            },
            Err(e) => problems.push(
                Diagnostic::error(format!("cannot read `{}`: {e}", path.display()))
                    .at(Span::file(path)),
            ),
        }
    }
    if problems.is_empty() {
        Ok(map)
    } else {
        Err(problems)
    }
}

fn sass_error(root: &Path, e: grass::Error) -> Diagnostic {
    match e.kind() {
        grass::ErrorKind::ParseError { message, loc, .. } => {
            let name = loc.file.name();
            let path = Path::new(name);
            let rel = path.strip_prefix(root).unwrap_or(path).to_path_buf();
            let line_text = loc
                .file
                .source_line(loc.begin.line)
                .trim_end_matches(['\r', '\n'])
                .to_string();
            let len = if loc.end.line == loc.begin.line {
                loc.end.column.saturating_sub(loc.begin.column)
            } else {
                1
            };
            let span = Span {
                file: rel,
                line: loc.begin.line + 1,
                col: line_text
                    .get(..loc.begin.column)
                    .map_or(loc.begin.column, |s| s.chars().count())
                    + 1,
                len: len.max(1),
                line_text,
            };
            Diagnostic::error(format!("Sass: {message}"))
                .at(span)
                .hint("check the brackets, semicolons and variable names on this line")
        }
        other => Diagnostic::error(format!("Sass: {other:?}"))
            .hint("check that the file exists and is UTF-8"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_stable_and_content_based() {
        assert_eq!(
            fingerprint("style.css", b"a"),
            fingerprint("style.css", b"a")
        );
        assert_ne!(
            fingerprint("style.css", b"a"),
            fingerprint("style.css", b"b")
        );
        assert!(fingerprint("js/exit.js", b"a").starts_with("js/exit."));
        assert!(fingerprint("js/exit.js", b"a").ends_with(".js"));
    }
}
