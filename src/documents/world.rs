//! ponte's own Typst [`World`]: everything a document may read, already in memory.
//!
//! In: the theme's Typst templates, fonts and images (loaded once, shared by every document)
//! and one generated main file per document. Out: a world that Typst compiles from. There is
//! no file or network access: a path that is not in memory is "not found", packages do not
//! exist, and "today" is the document's own date, so the same sources give the same bytes.
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};

use crate::diagnostic::{Diagnostic, Span};

/// What every document shares: the standard library, the fonts and the theme's files.
pub struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    /// Theme files by id: Typst sources (templates) and other files (images).
    files: HashMap<FileId, ThemeFile>,
    /// The fonts typed into form fields, made when first needed, one per script.
    field_fonts: [std::sync::OnceLock<Option<super::forms::FieldFont>>; super::forms::SCRIPTS],
}

/// A file of the theme, with the path it was read from (relative to the site root).
struct ThemeFile {
    path: PathBuf,
    source: Option<Source>,
    bytes: Bytes,
}

/// The id of a file at `vpath` (e.g. `/documents/leaflet.typ`) in ponte's virtual root.
pub fn file_id(vpath: &str) -> Option<FileId> {
    VirtualPath::new(vpath)
        .ok()
        .map(|p| RootedPath::new(VirtualRoot::Project, p).intern())
}

impl Shared {
    /// `fonts`: the bytes of each font file; `files`: (virtual path, real path, bytes).
    pub fn new(fonts: Vec<Vec<u8>>, files: Vec<(String, PathBuf, Vec<u8>)>) -> Shared {
        let fonts: Vec<Font> = fonts
            .into_iter()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        let book = FontBook::from_fonts(&fonts);
        let files = files
            .into_iter()
            .filter_map(|(vpath, path, data)| {
                let id = file_id(&vpath)?;
                let source = if vpath.ends_with(".typ") {
                    String::from_utf8(data.clone())
                        .ok()
                        .map(|text| Source::new(id, text))
                } else {
                    None
                };
                Some((
                    id,
                    ThemeFile {
                        path,
                        source,
                        bytes: Bytes::new(data),
                    },
                ))
            })
            .collect();
        Shared {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(book),
            fonts,
            files,
            field_fonts: Default::default(),
        }
    }

    /// The fonts, in font-book order (for checking glyph coverage).
    pub fn fonts(&self) -> &[Font] {
        &self.fonts
    }

    /// The font typed into the form fields of a document in `lang`.
    pub fn field_font(&self, lang: &str) -> Option<&super::forms::FieldFont> {
        let script = super::forms::script_of(lang);
        self.field_fonts[script]
            .get_or_init(|| super::forms::FieldFont::for_language(&self.fonts, lang))
            .as_ref()
    }
}

/// One document's world: the shared files plus its generated main file and images.
pub struct DocumentWorld<'a> {
    shared: &'a Shared,
    main: Source,
    /// The file the main source was generated from (for errors that point into it).
    origin: PathBuf,
    extra: HashMap<FileId, Bytes>,
    today: Datetime,
}

impl<'a> DocumentWorld<'a> {
    /// `main_vpath` must be unique per document (e.g. `/ponte/pip.en.typ`).
    pub fn new(
        shared: &'a Shared,
        main_vpath: &str,
        main_text: String,
        origin: &Path,
        extra: Vec<(String, Vec<u8>)>,
        today: Datetime,
    ) -> Option<DocumentWorld<'a>> {
        let id = file_id(main_vpath)?;
        let extra = extra
            .into_iter()
            .filter_map(|(vpath, data)| Some((file_id(&vpath)?, Bytes::new(data))))
            .collect();
        Some(DocumentWorld {
            shared,
            main: Source::new(id, main_text),
            origin: origin.to_path_buf(),
            extra,
            today,
        })
    }

    /// A Typst diagnostic as ponte's: in a theme file, at its line and column; in the
    /// generated main file, at the document's source file.
    pub fn diagnostic(&self, d: &SourceDiagnostic) -> Diagnostic {
        let mut message = d.message.to_string();
        let span = match d.span.id() {
            // The generated file only calls the template: the document's source is to blame.
            Some(id) if id == self.main.id() => Some(Span::file(&self.origin)),
            Some(id) => match (self.shared.files.get(&id), self.range(d.span)) {
                (Some(file), Some(range)) => {
                    let text = file.source.as_ref().map(|s| s.text()).unwrap_or_default();
                    Some(Span::from_offset(
                        &file.path,
                        text,
                        range.start,
                        range.len(),
                    ))
                }
                (Some(file), None) => Some(Span::file(&file.path)),
                (None, _) => None,
            },
            None => None,
        };
        // Typst's trace says which template call led to an error inside a function.
        if let Some(point) = d.trace.first() {
            message.push_str(&format!(" ({})", point.v));
        }
        let mut out = match d.severity {
            typst::diag::Severity::Error => Diagnostic::error(message),
            typst::diag::Severity::Warning => Diagnostic::warning(message),
        };
        if let Some(span) = span {
            out = out.at(span);
        }
        let hints: Vec<String> = d.hints.iter().map(|h| h.v.to_string()).collect();
        if !hints.is_empty() {
            out = out.hint(hints.join("; "));
        }
        out
    }
}

impl World for DocumentWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        match self.shared.files.get(&id) {
            Some(ThemeFile {
                source: Some(source),
                ..
            }) => Ok(source.clone()),
            Some(_) => Err(FileError::NotSource),
            None => Err(not_found(id)),
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.clone()));
        }
        if let Some(bytes) = self.extra.get(&id) {
            return Ok(bytes.clone());
        }
        self.shared
            .files
            .get(&id)
            .map(|f| f.bytes.clone())
            .ok_or_else(|| not_found(id))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(PathBuf::from(id.get().vpath().get_with_slash()))
}
