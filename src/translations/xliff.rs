//! XLIFF 2.0 (OASIS), the exchange format CAT tools (OmegaT, Trados, memoQ, Weblate) read:
//! a document of files, each of units with a source and an optional target, inline markup
//! kept as `<ph>` placeholders whose original text is in the unit's `<originalData>`.
//!
//! Pure: [`write`] turns a [`Document`] into XML text, [`read`] parses it back (with the byte
//! offset of whatever is wrong). What a unit means is the business of `exchange`.
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};

/// The XLIFF 2.0 namespace.
pub const NS: &str = "urn:oasis:names:tc:xliff:document:2.0";
/// ponte's own attributes and elements (which file to write, which source version).
pub const PONTE_NS: &str = "urn:x-ponte:translations";

/// Inline content of a source or target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    /// A placeholder by id; its original text is the unit's data `d<id>`.
    Ph(String),
}

/// One translatable unit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unit {
    pub id: String,
    /// Placeholder id → the markup it stands for.
    pub data: Vec<(String, String)>,
    pub note: Option<String>,
    pub source: Vec<Inline>,
    pub target: Option<Vec<Inline>>,
    /// Byte offset of the unit in the XLIFF text (for error messages).
    pub offset: usize,
}

/// One file: a page or an interface-messages file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct File {
    pub id: String,
    /// The default-language file.
    pub original: String,
    /// The file to write, relative to the site root.
    pub target: String,
    /// `page` or `messages`.
    pub kind: String,
    /// The source version the translation follows (pages).
    pub fingerprint: Option<String>,
    /// The source's meaningful text at that version (pages), kept on import.
    pub source_text: Option<String>,
    /// The target file with a marker where each unit goes (pages).
    pub skeleton: Option<String>,
    pub units: Vec<Unit>,
}

/// A whole XLIFF document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    pub src_lang: String,
    pub trg_lang: String,
    pub files: Vec<File>,
}

/// XML text escaping, with carriage returns as references so that they survive parsing.
fn esc(s: &str) -> String {
    quick_xml::escape::escape(s).replace('\r', "&#13;")
}

type W = Writer<Vec<u8>>;

fn text(w: &mut W, s: &str) {
    let _ = w.write_event(Event::Text(BytesText::from_escaped(esc(s))));
}

fn start(w: &mut W, name: &str, attrs: &[(&str, &str)]) {
    let mut e = BytesStart::new(name);
    for (k, v) in attrs {
        e.push_attribute((*k, *v));
    }
    let _ = w.write_event(Event::Start(e));
}

fn end(w: &mut W, name: &str) {
    let _ = w.write_event(Event::End(BytesEnd::new(name)));
}

fn element(w: &mut W, indent: &str, name: &str, attrs: &[(&str, &str)], body: &str) {
    text(w, indent);
    start(w, name, attrs);
    text(w, body);
    end(w, name);
}

fn inlines(w: &mut W, content: &[Inline]) {
    for piece in content {
        match piece {
            Inline::Text(s) => text(w, s),
            Inline::Ph(id) => {
                let data = format!("d{id}");
                let mut e = BytesStart::new("ph");
                e.push_attribute(("id", id.as_str()));
                e.push_attribute(("dataRef", data.as_str()));
                let _ = w.write_event(Event::Empty(e));
            }
        }
    }
}

/// The document as XLIFF 2.0 text.
pub fn write(doc: &Document) -> String {
    let mut w = Writer::new(Vec::new());
    let _ = w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    text(&mut w, "\n");
    start(
        &mut w,
        "xliff",
        &[
            ("xmlns", NS),
            ("xmlns:ponte", PONTE_NS),
            ("version", "2.0"),
            ("srcLang", &doc.src_lang),
            ("trgLang", &doc.trg_lang),
        ],
    );
    for file in &doc.files {
        text(&mut w, "\n  ");
        let mut attrs = vec![
            ("id", file.id.as_str()),
            ("original", file.original.as_str()),
            ("ponte:target", file.target.as_str()),
            ("ponte:kind", file.kind.as_str()),
        ];
        if let Some(fp) = &file.fingerprint {
            attrs.push(("ponte:fingerprint", fp));
        }
        start(&mut w, "file", &attrs);
        if let Some(s) = &file.skeleton {
            element(&mut w, "\n    ", "skeleton", &[], s);
        }
        if let Some(s) = &file.source_text {
            element(&mut w, "\n    ", "ponte:sourcetext", &[], s);
        }
        for unit in &file.units {
            text(&mut w, "\n    ");
            start(&mut w, "unit", &[("id", &unit.id)]);
            if let Some(note) = &unit.note {
                text(&mut w, "\n      ");
                start(&mut w, "notes", &[]);
                element(&mut w, "", "note", &[], note);
                end(&mut w, "notes");
            }
            if !unit.data.is_empty() {
                text(&mut w, "\n      ");
                start(&mut w, "originalData", &[]);
                for (id, original) in &unit.data {
                    element(
                        &mut w,
                        "\n        ",
                        "data",
                        &[("id", &format!("d{id}"))],
                        original,
                    );
                }
                text(&mut w, "\n      ");
                end(&mut w, "originalData");
            }
            text(&mut w, "\n      ");
            let state = if unit.target.is_some() {
                "translated"
            } else {
                "initial"
            };
            start(&mut w, "segment", &[("state", state)]);
            text(&mut w, "\n        ");
            start(&mut w, "source", &[]);
            inlines(&mut w, &unit.source);
            end(&mut w, "source");
            if let Some(target) = &unit.target {
                text(&mut w, "\n        ");
                start(&mut w, "target", &[]);
                inlines(&mut w, target);
                end(&mut w, "target");
            }
            text(&mut w, "\n      ");
            end(&mut w, "segment");
            text(&mut w, "\n    ");
            end(&mut w, "unit");
        }
        text(&mut w, "\n  ");
        end(&mut w, "file");
    }
    text(&mut w, "\n");
    end(&mut w, "xliff");
    text(&mut w, "\n");
    String::from_utf8(w.into_inner()).unwrap_or_default()
}

/// A problem in an XLIFF file: what, and at which byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub message: String,
    pub offset: usize,
}

fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        let key = a.key.as_ref();
        let name = key.rsplit(':').next().unwrap_or(key);
        (name == local).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_default()
        })
    })
}

fn local(e: &str) -> &str {
    e.rsplit(':').next().unwrap_or(e)
}

/// Where text is being collected.
#[derive(PartialEq)]
enum Into_ {
    Nothing,
    Skeleton,
    SourceText,
    Note,
    Data,
    Source,
    Target,
}

/// Parses an XLIFF 2 document written by [`write`] and filled in by a translator or a CAT
/// tool (which may add `<mrk>` annotations: their text is kept, the marks dropped).
pub fn read(xml: &str) -> Result<Document, ReadError> {
    let mut reader = Reader::from_str(xml);
    let mut doc = Document::default();
    let mut into = Into_::Nothing;
    let mut buf = String::new();
    let mut content: Vec<Inline> = Vec::new();
    let mut data_id = String::new();
    let mut unit: Option<Unit> = None;
    let err = |message: String, offset: u64| ReadError {
        message,
        offset: offset as usize,
    };
    loop {
        let at = reader.buffer_position();
        let event = reader.read_event().map_err(|e| {
            err(
                format!("this is not well-formed XML: {e}"),
                reader.error_position(),
            )
        })?;
        match event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) if local(e.name().as_ref()) == "ph" => {
                if !matches!(into, Into_::Source | Into_::Target) {
                    return Err(err("a `<ph>` outside a source or target".into(), at));
                }
                let Some(id) = attr(&e, "id") else {
                    return Err(err("a `<ph>` without an id".into(), at));
                };
                push_text(&mut content, &mut buf);
                content.push(Inline::Ph(id));
            }
            Event::Start(e) => {
                match local(e.name().as_ref()) {
                    "xliff" => {
                        doc.src_lang = attr(&e, "srcLang").unwrap_or_default();
                        doc.trg_lang = attr(&e, "trgLang").unwrap_or_default();
                    }
                    "file" => doc.files.push(File {
                        id: attr(&e, "id").unwrap_or_default(),
                        original: attr(&e, "original").unwrap_or_default(),
                        target: attr(&e, "target").unwrap_or_default(),
                        kind: attr(&e, "kind").unwrap_or_default(),
                        fingerprint: attr(&e, "fingerprint"),
                        ..File::default()
                    }),
                    "skeleton" => into = Into_::Skeleton,
                    "sourcetext" => into = Into_::SourceText,
                    "note" => into = Into_::Note,
                    "unit" => {
                        unit = Some(Unit {
                            id: attr(&e, "id").unwrap_or_default(),
                            offset: at as usize,
                            ..Unit::default()
                        })
                    }
                    "data" => {
                        into = Into_::Data;
                        data_id = attr(&e, "id").unwrap_or_default();
                    }
                    "source" => into = Into_::Source,
                    "target" => into = Into_::Target,
                    "mrk" | "sm" | "em" => {}
                    "pc" => return Err(err(
                        "a `<pc>` element: keep the placeholders (`<ph>`) as they were exported"
                            .into(),
                        at,
                    )),
                    _ => {}
                }
            }
            Event::Text(t) if into != Into_::Nothing => buf.push_str(&t.xml10_content()),
            Event::CData(t) if into != Into_::Nothing => buf.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if into != Into_::Nothing => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => c,
                    _ => match r.as_ref() {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        other => return Err(err(format!("unknown entity `&{other};`"), at)),
                    },
                };
                buf.push(c);
            }
            Event::End(e) => {
                let name = local(e.name().as_ref()).to_string();
                let file = doc.files.last_mut();
                match (name.as_str(), file) {
                    ("skeleton", Some(f)) => f.skeleton = Some(std::mem::take(&mut buf)),
                    ("sourcetext", Some(f)) => f.source_text = Some(std::mem::take(&mut buf)),
                    ("note", _) => {
                        if let Some(u) = unit.as_mut() {
                            u.note = Some(std::mem::take(&mut buf));
                        }
                    }
                    ("data", _) => {
                        if let Some(u) = unit.as_mut() {
                            let id = data_id.strip_prefix('d').unwrap_or(&data_id).to_string();
                            u.data.push((id, std::mem::take(&mut buf)));
                        }
                    }
                    ("source", _) => {
                        push_text(&mut content, &mut buf);
                        if let Some(u) = unit.as_mut() {
                            u.source = std::mem::take(&mut content);
                        }
                    }
                    ("target", _) => {
                        push_text(&mut content, &mut buf);
                        if let Some(u) = unit.as_mut() {
                            u.target = Some(std::mem::take(&mut content));
                        }
                    }
                    ("unit", Some(f)) => {
                        if let Some(u) = unit.take() {
                            f.units.push(u);
                        }
                    }
                    _ => {}
                }
                if matches!(
                    name.as_str(),
                    "source" | "target" | "skeleton" | "sourcetext" | "note" | "data"
                ) {
                    into = Into_::Nothing;
                    buf.clear();
                }
            }
            _ => {}
        }
    }
    if doc.files.is_empty() {
        return Err(err("this XLIFF file has no `<file>`".into(), 0));
    }
    Ok(doc)
}

fn push_text(content: &mut Vec<Inline>, buf: &mut String) {
    if !buf.is_empty() {
        content.push(Inline::Text(std::mem::take(buf)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_reads_back() {
        let doc = Document {
            src_lang: "en".into(),
            trg_lang: "bg".into(),
            files: vec![File {
                id: "f1".into(),
                original: "content/a.en.md".into(),
                target: "content/a.bg.md".into(),
                kind: "page".into(),
                fingerprint: Some("0123456789abcdef".into()),
                source_text: Some("title: A\n".into()),
                skeleton: Some("+++\r\ntitle = \u{E000}title\u{E001}\n+++\n<&>\n".into()),
                units: vec![Unit {
                    id: "u1".into(),
                    data: vec![("1".into(), "[".into()), ("2".into(), "](@/b.md)".into())],
                    note: Some("a <note>".into()),
                    source: vec![
                        Inline::Text("See ".into()),
                        Inline::Ph("1".into()),
                        Inline::Text("b & c".into()),
                        Inline::Ph("2".into()),
                    ],
                    target: Some(vec![
                        Inline::Ph("1".into()),
                        Inline::Text("б".into()),
                        Inline::Ph("2".into()),
                    ]),
                    offset: 0,
                }],
            }],
        };
        let xml = write(&doc);
        assert!(xml.contains("<ph id=\"1\" dataRef=\"d1\"/>"), "{xml}");
        let mut back = read(&xml).unwrap();
        back.files[0].units[0].offset = 0;
        assert_eq!(back, doc);
    }

    #[test]
    fn marks_added_by_a_tool_are_dropped_and_errors_have_offsets() {
        let xml = "<xliff srcLang=\"en\" trgLang=\"bg\"><file id=\"f\"><unit id=\"u\"><segment><source>a</source><target><mrk id=\"m\">б</mrk>в</target></segment></unit></file></xliff>";
        let doc = read(xml).unwrap();
        assert_eq!(
            doc.files[0].units[0].target,
            Some(vec![Inline::Text("бв".into())])
        );
        let bad = read("<xliff><file></xliff>").unwrap_err();
        assert!(bad.message.contains("not well-formed"), "{bad:?}");
    }
}
