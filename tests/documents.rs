//! Documents (PDFs) through the real binary: every kind in English and Greek, Cyrillic and
//! Arabic glyphs, reproducible bytes, short links, the repository listing and Typst errors.
mod support;

use std::collections::BTreeSet;
use std::path::Path;

use lopdf::{Document, Object};
use support::SiteTest;

/// The documents fixture with the real theme's Typst templates, fonts and EU emblem.
fn fixture() -> SiteTest {
    let site = SiteTest::fixture("documents");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    for dir in ["documents", "fonts"] {
        for entry in std::fs::read_dir(repo.join(dir)).unwrap() {
            let entry = entry.unwrap();
            let rel = format!(
                "themes/default/{dir}/{}",
                entry.file_name().to_string_lossy()
            );
            site.write(&rel, std::fs::read(entry.path()).unwrap());
        }
    }
    site.write(
        "themes/default/static/eu-emblem.svg",
        std::fs::read(repo.join("static/eu-emblem.svg")).unwrap(),
    );
    site
}

fn load(site: &SiteTest, rel: &str) -> (Document, Vec<u8>) {
    let bytes = std::fs::read(site.public().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    (Document::load_mem(&bytes).unwrap(), bytes)
}

fn catalog(doc: &Document) -> &lopdf::Dictionary {
    doc.catalog().unwrap()
}

fn text(doc: &Document) -> String {
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).unwrap()
}

/// Every font dictionary of the document.
fn fonts(doc: &Document) -> Vec<&lopdf::Dictionary> {
    doc.objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(Object::as_name).ok() == Some(b"Font".as_slice()))
        .collect()
}

/// What the fonts' ToUnicode maps say the glyphs show, and whether glyph 0 (.notdef, the
/// "missing glyph" box) is ever used.
fn mapped_text(doc: &Document) -> (BTreeSet<char>, bool) {
    let mut chars = BTreeSet::new();
    let mut notdef = false;
    for font in fonts(doc) {
        let Ok(reference) = font.get(b"ToUnicode").and_then(Object::as_reference) else {
            continue;
        };
        let stream = doc.get_object(reference).unwrap().as_stream().unwrap();
        let content = stream
            .decompressed_content()
            .unwrap_or(stream.content.clone());
        let cmap = String::from_utf8_lossy(&content);
        let hex = |s: &str| -> Vec<u8> {
            (0..s.len() / 2)
                .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap())
                .collect()
        };
        let utf16 = |bytes: Vec<u8>| -> String {
            let units: Vec<u16> = bytes
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect();
            String::from_utf16_lossy(&units)
        };
        let mut section = "";
        for line in cmap.lines() {
            let line = line.trim();
            if line.ends_with("beginbfchar") || line.ends_with("beginbfrange") {
                section = if line.ends_with("bfchar") {
                    "char"
                } else {
                    "range"
                };
                continue;
            }
            if line.starts_with("end") {
                section = "";
                continue;
            }
            let parts: Vec<&str> = line
                .split(['<', '>', ' ', '[', ']'])
                .filter(|p| !p.is_empty())
                .collect();
            match (section, parts.as_slice()) {
                ("char", [src, dst]) => {
                    if hex(src).iter().all(|b| *b == 0) {
                        notdef = true;
                    }
                    chars.extend(utf16(hex(dst)).chars());
                }
                ("range", [lo, hi, dsts @ ..]) => {
                    if hex(lo).iter().all(|b| *b == 0) {
                        notdef = true;
                    }
                    let count = u32::from_str_radix(hi, 16).unwrap()
                        - u32::from_str_radix(lo, 16).unwrap()
                        + 1;
                    if dsts.len() == 1 {
                        let first = utf16(hex(dsts[0]));
                        let start = first.chars().last().unwrap() as u32;
                        chars.extend((0..count).filter_map(|i| char::from_u32(start + i)));
                    } else {
                        for d in dsts {
                            chars.extend(utf16(hex(d)).chars());
                        }
                    }
                }
                _ => {}
            }
        }
    }
    (chars, notdef)
}

#[track_caller]
fn assert_accessible(doc: &Document, bytes: &[u8], lang: &str, title: &str) {
    let catalog = catalog(doc);
    assert!(catalog.has(b"StructTreeRoot"), "no structure tree");
    let mark = catalog.get(b"MarkInfo").expect("MarkInfo");
    let mark = match mark {
        Object::Reference(r) => doc.get_object(*r).unwrap(),
        other => other,
    };
    assert!(mark
        .as_dict()
        .unwrap()
        .get(b"Marked")
        .unwrap()
        .as_bool()
        .unwrap());
    let found = catalog.get(b"Lang").unwrap().as_str().unwrap();
    assert_eq!(String::from_utf8_lossy(found), lang);
    // The title is shown in the window, not the file name.
    let prefs = match catalog
        .get(b"ViewerPreferences")
        .expect("ViewerPreferences")
    {
        Object::Reference(r) => doc.get_object(*r).unwrap(),
        other => other,
    };
    assert!(prefs
        .as_dict()
        .unwrap()
        .get(b"DisplayDocTitle")
        .unwrap()
        .as_bool()
        .unwrap());
    let xmp = String::from_utf8_lossy(bytes);
    assert!(xmp.contains(title), "the title is not in the metadata");
    assert!(xmp.contains("pdfuaid:part"), "not marked PDF/UA-1");
    // Every font is embedded (subsets: the glyphs used, no more).
    let descriptors: Vec<&lopdf::Dictionary> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| {
            d.get(b"Type").and_then(Object::as_name).ok() == Some(b"FontDescriptor".as_slice())
        })
        .collect();
    assert!(!descriptors.is_empty());
    for d in descriptors {
        assert!(
            d.has(b"FontFile") || d.has(b"FontFile2") || d.has(b"FontFile3"),
            "a font is not embedded: {d:?}"
        );
        let name = d.get(b"FontName").unwrap().as_name().unwrap();
        assert_eq!(name.get(6), Some(&b'+'), "not a subset: {name:?}");
    }
}

#[test]
fn every_kind_in_english_and_greek() {
    let site = fixture();
    site.build().assert_ok();
    let cases = [
        (
            "en/leaflets/hello.pdf",
            "en",
            "Working together",
            &[
                "Who we are",
                "How to contact us",
                "Funded by the European Union",
            ][..],
            2,
        ),
        (
            "el/leaflets/hello.pdf",
            "el",
            "Δουλεύουμε μαζί",
            &[
                "Ποιοι είμαστε",
                "Επικοινωνία",
                "Χρηματοδοτείται από την Ευρωπαϊκή Ένωση",
            ][..],
            2,
        ),
        (
            "en/documents/survey.pdf",
            "en",
            "Satisfaction survey",
            &[
                "About the interview",
                "Did you feel comfortable?",
                "Objective",
                "Her plan",
            ][..],
            1,
        ),
        (
            "el/documents/survey.pdf",
            "el",
            "Ερωτηματολόγιο ικανοποίησης",
            &["Η συνέντευξη", "Ένιωσες άνετα;", "Στόχος"][..],
            1,
        ),
        (
            "en/documents/talk.pdf",
            "en",
            "Hidden potential",
            &["The project", "What we learned", "Internships help."][..],
            4,
        ),
        (
            "el/documents/talk.pdf",
            "el",
            "Ένα κρυμμένο δυναμικό",
            &["Το έργο", "Τι μάθαμε"][..],
            4,
        ),
    ];
    for (rel, lang, title, headings, pages) in cases {
        let (doc, bytes) = load(&site, rel);
        assert_eq!(doc.get_pages().len(), pages, "{rel}");
        assert_accessible(&doc, &bytes, lang, title);
        let text = text(&doc);
        let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(title), "{rel}: no title in {flat}");
        for heading in headings {
            assert!(flat.contains(heading), "{rel}: `{heading}` not in {flat}");
        }
        // No machine paths or authors in the metadata.
        let root = site.root().display().to_string();
        assert!(!String::from_utf8_lossy(&bytes).contains(&root), "{rel}");
        let info = doc
            .trailer
            .get(b"Info")
            .ok()
            .and_then(|i| i.as_reference().ok());
        if let Some(info) = info {
            let info = doc.get_object(info).unwrap().as_dict().unwrap();
            assert!(!info.has(b"Author"), "{rel}");
        }
    }
}

#[test]
fn content_that_looks_like_typst_is_printed_as_text() {
    let site = fixture();
    site.build().assert_ok();
    let (doc, _) = load(&site, "en/leaflets/hello.pdf");
    let flat: String = text(&doc).split_whitespace().collect::<Vec<_>>().join(" ");
    for literal in [
        "#set page(width: 1cm)",
        "$x$",
        "<label>",
        "@ref",
        "a \\ backslash",
        "[brackets]",
        "/* comments */",
    ] {
        assert!(flat.contains(literal), "`{literal}` not in {flat}");
    }
}

/// Every character of the title, description and body (outside Markdown syntax).
fn source_chars(site: &SiteTest, rel: &str) -> BTreeSet<char> {
    let source = site.read_source(rel);
    let (front, body) = source
        .trim_start_matches("+++\n")
        .split_once("+++\n")
        .unwrap();
    let mut chars: BTreeSet<char> = BTreeSet::new();
    for line in front
        .lines()
        .filter(|l| l.starts_with("title") || l.starts_with("description"))
    {
        let value = line.split_once('=').unwrap().1.trim().trim_matches('"');
        chars.extend(value.chars());
    }
    for event in pulldown_cmark::Parser::new(body) {
        if let pulldown_cmark::Event::Text(t) = event {
            chars.extend(t.chars());
        }
    }
    chars.retain(|c| !c.is_whitespace());
    chars
}

#[test]
fn bulgarian_and_arabic_have_a_glyph_for_every_character() {
    let site = fixture();
    site.build().assert_ok();
    for (lang, dir_check) in [("bg", "Работим заедно"), ("ar", "نعمل معاً")] {
        let (doc, bytes) = load(&site, &format!("{lang}/leaflets/hello.pdf"));
        assert_accessible(&doc, &bytes, lang, dir_check);
        let (mapped, notdef) = mapped_text(&doc);
        assert!(!notdef, "{lang}: a character was drawn as a missing glyph");
        let needed = source_chars(&site, &format!("content/leaflets/hello.{lang}.md"));
        let missing: Vec<char> = needed.difference(&mapped).copied().collect();
        assert!(missing.is_empty(), "{lang}: no glyph for {missing:?}");
    }
    // The Arabic document is written right to left.
    let (doc, _) = load(&site, "ar/leaflets/hello.pdf");
    let prefs = match catalog(&doc).get(b"ViewerPreferences").unwrap() {
        Object::Reference(r) => doc.get_object(*r).unwrap(),
        other => other,
    };
    let direction = prefs.as_dict().unwrap().get(b"Direction").unwrap();
    assert_eq!(direction.as_name().unwrap(), b"R2L");
}

#[test]
fn the_same_sources_give_the_same_bytes() {
    let first = fixture();
    first.build().assert_ok();
    let second = fixture();
    second.build().assert_ok();
    let a = SiteTest::tree(&first.public());
    let b = SiteTest::tree(&second.public());
    let pdfs: Vec<&String> = a.keys().filter(|k| k.ends_with(".pdf")).collect();
    assert_eq!(pdfs.len(), 9);
    for path in pdfs {
        assert!(a[path] == b[path], "{path} differs between two builds");
    }
}

#[test]
fn short_links_follow_the_id_when_a_file_is_renamed() {
    let site = fixture();
    site.build().assert_ok();
    let page = site.output("d/hello/index.html");
    assert!(
        page.contains("<meta http-equiv=\"refresh\" content=\"0; url=/en/leaflets/hello.pdf\">")
    );
    assert!(!page.contains("<script"));
    assert!(page.contains("hreflang=\"ar\" lang=\"ar\" dir=\"rtl\""));
    let greek = site.output("d/hello/el/index.html");
    assert!(greek.contains("url=/el/leaflets/hello.pdf"));
    assert!(greek.contains("<html lang=\"el\">"));

    let text = site.read_source("content/leaflets/hello.el.md");
    site.remove("content/leaflets/hello.el.md");
    site.write("content/leaflets/welcome.el.md", text);
    site.build().assert_ok();
    assert!(site
        .output("d/hello/el/index.html")
        .contains("url=/el/leaflets/welcome.pdf"));
    // The PDF carries its short link and the QR code for it.
    let (doc, _) = load(&site, "el/leaflets/welcome.pdf");
    let flat: String = self::text(&doc).split_whitespace().collect();
    assert!(flat.contains("example.org/d/hello/el/"), "{flat}");
}

#[test]
fn the_repository_lists_every_document_in_the_page_language() {
    let site = fixture();
    let run = site.build();
    run.assert_ok();
    // A document missing in some languages is reported, as pages are.
    assert!(
        run.stderr
            .contains("warning: the document `survey` has no version in: bg, ar"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("the document `hello` has no version"));
    let html = site.output("el/downloads/index.html");
    for id in ["hello", "survey", "talk", "partner-deck"] {
        assert!(html.contains(&format!("id=\"document-{id}\"")), "{id}");
    }
    // Languages available, each marked with its language.
    assert!(html
        .contains("<a href=\"/bg/leaflets/hello.pdf\" hreflang=\"bg\" lang=\"bg\">Български</a>"));
    assert!(html.contains("<dt>Μορφή</dt><dd>PDF</dd>"));
    assert!(html.contains("<dt>Σελίδες</dt><dd>2</dd>"));
    assert!(html.contains("<dt>Άδεια χρήσης</dt><dd>CC BY 4.0</dd>"));
    assert!(html.contains("<dd>CC BY-SA 4.0</dd>"));
    assert!(html.contains("<time datetime=\"2021-09-20\">"));
    // The download link says format, size and language; the size is the file's.
    let size = std::fs::metadata(site.public().join("el/documents/survey.pdf"))
        .unwrap()
        .len();
    let kb = (size as f64 / 1000.0).round() as u64;
    assert!(
        html.contains(&format!(
            "Λήψη PDF, {kb} KB, <span lang=\"el\">Ελληνικά</span>"
        )),
        "{html}"
    );
    // A file made elsewhere is copied and listed the same way.
    assert!(site
        .public()
        .join("en/documents/partner-deck.en.pdf")
        .is_file());
    assert!(html.contains("href=\"/en/documents/partner-deck.en.pdf\" hreflang=\"en\" lang=\"en\""));
    // The English page shows English texts.
    let english = site.output("en/downloads/index.html");
    assert!(english.contains("<h3 id=\"document-survey-title\">Satisfaction survey</h3>"));
    assert!(english.contains("Download PDF,"));
}

#[test]
fn a_broken_template_is_reported_at_its_line_and_column() {
    let site = fixture();
    site.edit(
        "themes/default/documents/leaflet.typ",
        "  show: setup.with(info)",
        "  show: setup.with(info)\n  let x = undefined-thing",
    );
    let run = site.build();
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("--> themes/default/documents/leaflet.typ:6:11"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("unknown variable: undefined-thing"),
        "{}",
        run.stderr
    );
}

#[test]
fn bad_sources_are_reported_at_their_line_and_column() {
    let site = fixture();
    site.edit(
        "templates-public/talk.en.md",
        "kind = \"slides\"",
        "kind = \"poster\"",
    );
    site.edit(
        "templates-public/survey.en.toml",
        "rows = 3",
        "rows = 3\nchoices = [\"a\"]",
    );
    site.edit(
        "content/leaflets/hello.en.md",
        "title = \"Working together\"",
        "titel = \"Working together\"",
    );
    let run = site.build();
    run.assert_code(1);
    let err = &run.stderr;
    assert!(err.contains("there is no document kind `poster`"), "{err}");
    assert!(err.contains("--> templates-public/talk.en.md:3:8"), "{err}");
    assert!(
        err.contains("this form item mixes fields that do not go together"),
        "{err}"
    );
    assert!(
        err.contains("--> templates-public/survey.en.toml:"),
        "{err}"
    );
    assert!(
        err.contains("--> content/leaflets/hello.en.md:3:1"),
        "{err}"
    );
    assert!(!err.contains("panicked"));
}

#[test]
fn forms_have_fillable_tagged_fields() {
    let site = fixture();
    site.build().assert_ok();
    for (rel, code_label) in [
        ("en/documents/survey.pdf", "Reference code"),
        ("el/documents/survey.pdf", "Κωδικός αναφοράς"),
    ] {
        let (doc, bytes) = load(&site, rel);
        assert_accessible(&doc, &bytes, &rel[..2], "");
        let form = match catalog(&doc).get(b"AcroForm").expect("AcroForm") {
            Object::Reference(r) => doc.get_object(*r).unwrap().as_dict().unwrap(),
            other => other.as_dict().unwrap(),
        };
        let fields = form.get(b"Fields").unwrap().as_array().unwrap();
        // One text field, three boxes, a table of 2 × 3 cells, a comment field.
        assert_eq!(fields.len(), 11, "{rel}");
        let mut boxes = 0;
        let mut tips = Vec::new();
        for field in fields {
            let widget = doc.get_object(field.as_reference().unwrap()).unwrap();
            let widget = widget.as_dict().unwrap();
            assert_eq!(
                widget.get(b"Subtype").unwrap().as_name().unwrap(),
                b"Widget"
            );
            assert!(widget.has(b"StructParent"), "{rel}: a field is not tagged");
            let tip = widget.get(b"TU").unwrap().as_str().unwrap();
            tips.push(decode_text(tip));
            if widget.get(b"FT").unwrap().as_name().unwrap() == b"Btn" {
                boxes += 1;
            }
        }
        assert_eq!(boxes, 3, "{rel}");
        assert_eq!(tips[0], code_label, "{rel}");
        // Each field is a Form element of the structure tree, and tabs follow the structure.
        let forms = doc
            .objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .filter(|d| d.get(b"S").and_then(Object::as_name).ok() == Some(b"Form".as_slice()))
            .count();
        assert_eq!(forms, 11, "{rel}");
        for page in doc.get_pages().values() {
            let page = doc.get_dictionary(*page).unwrap();
            if page.has(b"Annots") {
                assert_eq!(page.get(b"Tabs").unwrap().as_name().unwrap(), b"S");
            }
        }
    }
}

/// A PDF text string (UTF-16BE with a byte-order mark, or PDFDocEncoding).
fn decode_text(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}
