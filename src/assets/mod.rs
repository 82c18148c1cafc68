//! Assets: the theme's Sass compiled to CSS, its static files copied, and the names of CSS
//! and JavaScript files fingerprinted so browsers may cache them forever.
//!
//! In: the site root, the [`Theme`] (every file in memory) and its Sass sources. Out: files put into an
//! [`Output`] and an [`AssetMap`] from logical names (`style.css`) to public URLs
//! (`/style.1a2b3c4d.css`), or Sass errors at their line and column.
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub mod images;
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

/// How deeply Sass blocks may nest. Real style sheets nest a few levels; far deeper nesting
/// is almost always a missing `}`, and would exhaust the compiler's stack.
pub const SASS_MAX_NESTING: usize = 200;

/// The place where `file` nests blocks deeper than [`SASS_MAX_NESTING`], skipping comments
/// and quoted strings.
fn sass_too_deep(file: &SourceFile) -> Option<Diagnostic> {
    let bytes = file.text.as_bytes();
    let (mut depth, mut i) = (0usize, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = file.text[i..].find('\n').map_or(bytes.len(), |e| i + e);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = file.text[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |e| i + e + 4);
                continue;
            }
            q @ (b'"' | b'\'') => {
                let mut j = i + 1;
                while j < bytes.len() && bytes[j] != q && bytes[j] != b'\n' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                i = j;
            }
            b'{' => {
                depth += 1;
                if depth > SASS_MAX_NESTING {
                    return Some(
                        Diagnostic::error(format!(
                            "the styles nest more than {SASS_MAX_NESTING} blocks deep here"
                        ))
                        .at(Span::from_offset(&file.path, &file.text, i, 1))
                        .hint("close each rule with `}`; nesting this deep is almost always a missing `}`"),
                    );
                }
            }
            b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// Compiles the theme's `sass/*.scss` (not partials `_*.scss`) and copies its `static/`, the
/// site's own files replacing the theme's of the same name.
pub fn build(
    root: &Path,
    theme: &Theme,
    sass: &[SourceFile],
    out: &dyn Output,
) -> Result<AssetMap, Vec<Diagnostic>> {
    let mut map = AssetMap::default();
    let mut problems = Vec::new();
    let sass_dir = theme.dir.join("sass");
    let fs = theme.sass_fs(root);
    // grass compiles nested rules recursively: refuse nesting deep enough to exhaust the stack.
    let too_deep: Vec<Diagnostic> = sass.iter().filter_map(sass_too_deep).collect();
    if !too_deep.is_empty() {
        return Err(too_deep);
    }
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
                if let Err(e) =
                    out.put_from(&public, css.into_bytes(), &file.path.to_string_lossy())
                {
                    problems.push(Diagnostic::error(format!("cannot write `{public}`: {e}")));
                }
                map.0.insert(css_name, format!("/{public}"));
            }
            Err(e) => {
                let mut d = sass_error(root, *e);
                if let Some(outside) = fs.take_refused() {
                    d.message = format!(
                        "Sass: `{}` is outside the site; ponte reads no stylesheet from elsewhere",
                        outside.display()
                    );
                    d.hint = Some(
                        "import only files inside the theme's sass/ folder, e.g. @import \"variables\""
                            .to_string(),
                    );
                }
                problems.push(d)
            }
        }
        fs.take_refused();
    }
    for file in theme.kind("static") {
        let rel = file.name.trim_start_matches("static/").to_string();
        let bytes = file.bytes.to_vec();
        let public = if fingerprinted(&rel) {
            fingerprint(&rel, &bytes)
        } else {
            rel.clone()
        };
        if let Err(e) = out.put_from(&public, bytes, &file.path.to_string_lossy()) {
            problems.push(Diagnostic::error(format!("cannot write `{public}`: {e}")));
        }
        map.0.insert(rel, format!("/{public}"));
    }
    if problems.is_empty() {
        Ok(map)
    } else {
        Err(problems)
    }
}

/// Publishes, under `/media/`, the files of `content/` that a page links or shows (`used`,
/// paths relative to `content/`), without personal metadata; the photos that pages show as
/// pictures (`pictured`) are published by [`images`], and here only when a page also links them. Every other file of `content/`
/// stays private and is named in a warning: a file dropped there by mistake (interview
/// notes, a list of names) never reaches the public.
pub fn publish_content(
    root: &Path,
    content_assets: &[PathBuf],
    used: &std::collections::BTreeSet<String>,
    pictured: &dyn Fn(&str) -> bool,
    out: &dyn Output,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for path in content_assets {
        let rel = path
            .strip_prefix("content")
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        if !used.contains(&rel) && pictured(&rel) {
            continue;
        }
        if !used.contains(&rel) {
            problems.push(
                Diagnostic::warning(format!(
                    "`{}` is not published: no page links to it or shows it",
                    path.display()
                ))
                .at(Span::file(path))
                .hint("files in content/ are published only when a page uses them, e.g. [the report](report.pdf) or ![A photo](photo.jpg); files to publish as they are go in static/; a private file does not belong in the site's folder"),
            );
            continue;
        }
        match std::fs::read(root.join(path)) {
            Ok(bytes) => match metadata::strip(&rel, &bytes) {
                Ok(clean) => {
                    if let Err(e) =
                        out.put_from(&format!("media/{rel}"), clean, &path.to_string_lossy())
                    {
                        problems.push(Diagnostic::error(format!(
                            "cannot write `media/{rel}`: {e}"
                        )));
                    }
                }
                Err(why) => problems.push(
                    Diagnostic::error(format!("`{}`: {why}", path.display()))
                        .at(Span::file(path))
                        .hint(metadata::export_hint(&rel)),
                ),
            },
            Err(e) => problems.push(
                Diagnostic::error(format!("cannot read `{}`: {e}", path.display()))
                    .at(Span::file(path)),
            ),
        }
    }
    problems
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
