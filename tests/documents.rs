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
fn assert_accessible(doc: &Document, bytes: &[u8], lang: &str, title: &str, ua: bool) {
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
    // No `/Suspects false`, which poppler reports as "Suspects object is wrong type".
    assert!(!bytes.windows(9).any(|w| w == b"/Suspects"), "/Suspects");
    let xmp = String::from_utf8_lossy(bytes);
    assert!(xmp.contains(title), "the title is not in the metadata");
    if ua {
        assert!(xmp.contains("pdfuaid:part"), "not marked PDF/UA-1");
    }
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
            3,
        ),
        (
            "el/documents/talk.pdf",
            "el",
            "Ένα κρυμμένο δυναμικό",
            &["Το έργο", "Τι μάθαμε"][..],
            3,
        ),
    ];
    for (rel, lang, title, headings, pages) in cases {
        let (doc, bytes) = load(&site, rel);
        assert_eq!(doc.get_pages().len(), pages, "{rel}");
        assert_accessible(&doc, &bytes, lang, title, !rel.contains("survey"));
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
        assert_accessible(&doc, &bytes, lang, dir_check, true);
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
    assert_eq!(pdfs.len(), 10);
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
            .contains("warning: the document `survey` has no version in: bg"),
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
        .contains("<a href=\"/bg/leaflets/hello.pdf\" hreflang=\"bg\" type=\"application/pdf\" lang=\"bg\">Български</a>"));
    // The facts the button does not say; a licence's label is for screen readers only.
    assert!(html.contains("<dt>Σελίδες</dt><dd>2</dd>"));
    assert!(html.contains("<dt class=\"visually-hidden\">Άδεια χρήσης</dt><dd>CC BY 4.0</dd>"));
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
    // Not in Greek: the English version, its title and download marked as English.
    assert!(html.contains("id=\"document-partner-deck-title\" lang=\"en\""));
    assert!(html.contains("href=\"/en/documents/partner-deck.en.pdf\" hreflang=\"en\""));
    // The English page shows English texts.
    let english = site.output("en/downloads/index.html");
    assert!(english.contains(
        "<h3 class=\"doc-card__title\" id=\"document-survey-title\">Satisfaction survey</h3>"
    ));
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
            .contains("--> themes/default/documents/leaflet.typ:8:11"),
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

/// A dictionary, following one reference.
fn dict<'a>(doc: &'a Document, object: &'a Object) -> &'a lopdf::Dictionary {
    match object {
        Object::Reference(r) => doc.get_object(*r).unwrap().as_dict().unwrap(),
        other => other.as_dict().unwrap(),
    }
}

/// The characters a ToUnicode CMap maps to.
fn cmap_chars(doc: &Document, font: &lopdf::Dictionary) -> BTreeSet<char> {
    let mut single = Document::with_version("1.7");
    let stream = doc
        .get_object(font.get(b"ToUnicode").unwrap().as_reference().unwrap())
        .unwrap()
        .clone();
    let cmap = single.add_object(stream);
    single.add_object(lopdf::dictionary! { "Type" => "Font", "ToUnicode" => cmap });
    mapped_text(&single).0
}

#[test]
fn forms_are_fillable_in_any_script_and_tagged_in_their_questions() {
    let site = fixture();
    site.build().assert_ok();
    for (rel, code_label, typed) in [
        (
            "en/documents/survey.pdf",
            "Reference code",
            "Code AB-12, née Müller",
        ),
        (
            "el/documents/survey.pdf",
            "Κωδικός αναφοράς",
            "Κωδικός ΑΒ-12",
        ),
        (
            "ar/documents/survey.pdf",
            "الرمز المرجعي",
            "الرمز ١٢، مكتب 34",
        ),
    ] {
        let (doc, bytes) = load(&site, rel);
        assert_accessible(&doc, &bytes, &rel[..2], "", false);
        // The final file does not claim PDF/UA-1 (Typst checked it before the form layer), and
        // has no `/Suspects false` (which poppler reports as a syntax error).
        assert!(
            !String::from_utf8_lossy(&bytes).contains("pdfuaid:part"),
            "{rel}"
        );
        let mark = dict(&doc, catalog(&doc).get(b"MarkInfo").unwrap());
        assert!(!mark.has(b"Suspects"), "{rel}");
        let form = dict(&doc, catalog(&doc).get(b"AcroForm").expect("AcroForm"));
        assert!(
            !form.has(b"NeedAppearances"),
            "{rel}: ponte draws the appearances"
        );

        // The field font: embedded, named in /DA, covering what a person types.
        let da = String::from_utf8_lossy(form.get(b"DA").unwrap().as_str().unwrap()).into_owned();
        let font_name = da
            .split_whitespace()
            .next()
            .unwrap()
            .trim_start_matches('/');
        let dr_fonts = dict(
            &doc,
            dict(&doc, form.get(b"DR").unwrap()).get(b"Font").unwrap(),
        );
        let font = dict(
            &doc,
            dr_fonts
                .get(font_name.as_bytes())
                .expect("the /DA font in /DR"),
        );
        assert_eq!(font.get(b"Subtype").unwrap().as_name().unwrap(), b"Type0");
        let cid = dict(
            &doc,
            &font.get(b"DescendantFonts").unwrap().as_array().unwrap()[0],
        );
        let descriptor = dict(&doc, cid.get(b"FontDescriptor").unwrap());
        assert!(
            descriptor.has(b"FontFile2"),
            "{rel}: the field font is not embedded"
        );
        let covered = cmap_chars(&doc, font);
        let missing: String = typed.chars().filter(|c| !covered.contains(c)).collect();
        assert!(
            missing.is_empty(),
            "{rel}: the field font lacks {missing:?}"
        );

        // Every field: a name without periods, an appearance for every state; one-answer
        // questions are radio groups exporting the answers' ids.
        let mut names = Vec::new();
        let mut tips = Vec::new();
        let mut widgets = Vec::new();
        for field in form.get(b"Fields").unwrap().as_array().unwrap() {
            let field = dict(&doc, field);
            let name = String::from_utf8_lossy(field.get(b"T").unwrap().as_str().unwrap());
            assert!(!name.contains('.'), "{rel}: `{name}` has a period");
            names.push(name.into_owned());
            tips.push(decode_text(field.get(b"TU").unwrap().as_str().unwrap()));
            match field.get(b"Kids") {
                Ok(kids) => {
                    let flags = field.get(b"Ff").unwrap().as_i64().unwrap();
                    assert_ne!(
                        flags & (1 << 15),
                        0,
                        "{rel}: a group that is not a radio group"
                    );
                    let mut values = Vec::new();
                    for kid in kids.as_array().unwrap() {
                        let widget = dict(&doc, kid);
                        let normal = dict(
                            &doc,
                            dict(&doc, widget.get(b"AP").unwrap()).get(b"N").unwrap(),
                        );
                        let states: Vec<String> = normal
                            .iter()
                            .map(|(k, _)| String::from_utf8_lossy(k).into_owned())
                            .collect();
                        assert!(states.contains(&"Off".to_string()), "{rel}: {states:?}");
                        values.extend(states.into_iter().filter(|s| s != "Off"));
                        widgets.push(widget);
                    }
                    assert_eq!(values, ["yes", "partly", "no"], "{rel}");
                }
                Err(_) => {
                    assert_eq!(field.get(b"FT").unwrap().as_name().unwrap(), b"Tx", "{rel}");
                    let normal = dict(&doc, field.get(b"AP").unwrap()).get(b"N").unwrap();
                    assert!(doc
                        .get_object(normal.as_reference().unwrap())
                        .unwrap()
                        .as_stream()
                        .is_ok());
                    widgets.push(field);
                }
            }
        }
        let mut expected = vec!["q1_code".to_string(), "q2_comfortable".to_string()];
        for row in 1..=3 {
            for col in 1..=2 {
                expected.push(format!("q3_plan_r{row}_c{col}"));
            }
        }
        expected.push("q4_comments".to_string());
        assert_eq!(names, expected, "{rel}");
        assert_eq!(tips[0], code_label, "{rel}");
        assert_eq!(widgets.len(), 11, "{rel}");

        // Each widget's Form tag sits inside its question (a division holding the question's
        // text) or its table cell, not at the end of the document.
        let tree = dict(&doc, catalog(&doc).get(b"StructTreeRoot").unwrap());
        let nums = dict(&doc, tree.get(b"ParentTree").unwrap())
            .get(b"Nums")
            .unwrap()
            .as_array()
            .unwrap();
        let mut parents = Vec::new();
        for widget in &widgets {
            let key = widget.get(b"StructParent").unwrap().as_i64().unwrap();
            let at = nums
                .iter()
                .step_by(2)
                .position(|k| k.as_i64().unwrap() == key)
                .unwrap();
            let elem = dict(&doc, &nums[2 * at + 1]);
            assert_eq!(elem.get(b"S").unwrap().as_name().unwrap(), b"Form", "{rel}");
            let objr = elem
                .get(b"K")
                .unwrap()
                .as_array()
                .unwrap()
                .iter()
                .any(|k| matches!(k, Object::Dictionary(d) if d.get(b"Type").and_then(Object::as_name).ok() == Some(b"OBJR".as_slice())));
            assert!(objr, "{rel}: the Form tag has no OBJR");
            // Up to the question: a division (questions) or a table cell (tables).
            let mut parent = dict(&doc, elem.get(b"P").unwrap());
            let mut kind = parent.get(b"S").unwrap().as_name().unwrap().to_vec();
            while kind == b"Div" || kind == b"P" || kind == b"Span" {
                let kids = parent.get(b"K").map(|k| match k {
                    Object::Array(a) => a.len(),
                    _ => 1,
                });
                if kind == b"Div" && kids.unwrap_or(0) > 1 {
                    break;
                }
                parent = dict(&doc, parent.get(b"P").unwrap());
                kind = parent.get(b"S").unwrap().as_name().unwrap().to_vec();
            }
            assert!(
                kind == b"Div" || kind == b"TD",
                "{rel}: a field's tag is in {}, not in its question",
                String::from_utf8_lossy(&kind)
            );
            parents.push(kind);
        }
        assert_eq!(parents.iter().filter(|k| *k == b"TD").count(), 6, "{rel}");
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

/// One measurement of tests/browser/pdfform.mjs: dark pixels in the field and their width.
fn ink(result: &serde_json::Value, key: &str) -> (u64, u64) {
    let m = &result[key];
    (m["ink"].as_u64().unwrap(), m["width"].as_u64().unwrap())
}

#[test]
fn pdfjs_in_chromium_shows_greek_and_arabic_typed_into_a_form() {
    let Some(browser_dir) = support::browser_tests(&["playwright-core", "pdfjs-dist"]) else {
        return;
    };
    let site = fixture();
    site.build().assert_ok();
    for (rel, typed) in [
        ("el/documents/survey.pdf", "Κωδικός ΑΒ-12"),
        ("ar/documents/survey.pdf", "الرمز المرجعي ١٢"),
    ] {
        let saved = site.root().join("saved.pdf");
        let run = std::process::Command::new("node")
            .arg(browser_dir.join("pdfform.mjs"))
            .arg(site.public().join(rel))
            .arg("q1_code")
            .arg(typed)
            .arg(&saved)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&run.stdout);
        assert!(
            run.status.success(),
            "{rel}: {stdout}{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let result: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
        assert!(result.get("errors").is_none(), "{rel}: {result}");
        let (empty, _) = ink(&result, "empty");
        let (tail_ink, tail_width) = ink(&result, "tail");
        let (full_ink, full_width) = ink(&result, "full");
        let (saved_ink, saved_width) = ink(&result, "saved");
        // Empty, the field shows nothing; filled, the whole text shows, far wider than its
        // last three characters (a font without the script's glyphs shows those or nothing).
        assert_eq!(empty, 0, "{rel}: {result}");
        assert!(tail_ink > 0, "{rel}: {result}");
        assert!(full_ink > 3 * tail_ink, "{rel}: {result}");
        assert!(full_width > 3 * tail_width, "{rel}: {result}");
        // Saved by pdf.js and shown from its appearance streams, it looks the same.
        assert!(saved_ink * 10 >= full_ink * 9, "{rel}: {result}");
        assert!(saved_width * 10 >= full_width * 9, "{rel}: {result}");
        // The saved file printed by another renderer (poppler, at 100 dpi) shows the whole text
        // too: the field's font is in the file (with Helvetica, only "-12" showed).
        if !tool("pdftoppm") {
            eprintln!("skipped: the poppler half of this test needs pdftoppm (poppler-utils)");
            continue;
        }
        let rect: Vec<f64> = result["full"]["field"]["rect"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect();
        let (_, printed) = gray_ink(&saved, &rect);
        // pdf.js measured at 144 dpi (scale 2).
        let expected = full_width as f64 * 100.0 / 144.0;
        assert!(
            printed as f64 >= 0.8 * expected,
            "{rel}: poppler shows {printed} px of the typed text, pdf.js {expected:.0}"
        );
    }
}

/// Renders page 1 of `pdf` in grey at 100 dpi with poppler; returns the dark pixels inside
/// `rect` (PDF points, A4) and their width.
fn gray_ink(pdf: &Path, rect: &[f64]) -> (usize, usize) {
    let prefix = pdf.with_extension("");
    let ok = std::process::Command::new("pdftoppm")
        .args(["-r", "100", "-f", "1", "-l", "1", "-gray", "-singlefile"])
        .arg(pdf)
        .arg(&prefix)
        .status()
        .unwrap();
    assert!(ok.success());
    let data = std::fs::read(prefix.with_extension("pgm")).unwrap();
    // P5 WIDTH HEIGHT MAX, each on its line, then one byte a pixel.
    let mut lines = data.splitn(4, |b| *b == b'\n');
    assert_eq!(lines.next().unwrap(), b"P5");
    let size = String::from_utf8_lossy(lines.next().unwrap()).into_owned();
    let width: usize = size.split_whitespace().next().unwrap().parse().unwrap();
    let _max = lines.next().unwrap();
    let pixels = lines.next().unwrap();
    let (scale, page_height) = (100.0 / 72.0, 841.89);
    let (left, right) = (
        (rect[0] * scale) as usize + 2,
        (rect[2] * scale) as usize - 2,
    );
    let top = ((page_height - rect[3]) * scale) as usize + 2;
    let bottom = ((page_height - rect[1]) * scale) as usize - 3;
    let mut dark = 0;
    let (mut min, mut max) = (usize::MAX, 0);
    for y in top..bottom {
        for x in left..right {
            if pixels[y * width + x] < 128 {
                dark += 1;
                min = min.min(x);
                max = max.max(x);
            }
        }
    }
    (dark, if dark > 0 { max - min + 1 } else { 0 })
}

/// A message of the default site (single-line messages only): the site's own
/// `locales/LANG/*.ftl` first, then the built-in theme's (`FILE` only says where it usually is).
fn ftl(lang: &str, file: &str, id: &str) -> String {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let candidates = [
        repo.join(format!("locales/{lang}/{file}.ftl")),
        repo.join(format!("locales/{lang}/main.ftl")),
        repo.join(format!("locales/{lang}/documents.ftl")),
        repo.join(format!("themes/default/locales/{lang}/{file}.ftl")),
        repo.join(format!("themes/default/locales/{lang}/documents.ftl")),
        repo.join(format!("themes/default/locales/{lang}/theme.ftl")),
    ];
    candidates
        .iter()
        .filter_map(|path| std::fs::read_to_string(path).ok())
        .find_map(|text| {
            text.lines()
                .find_map(|l| l.strip_prefix(id)?.trim_start().strip_prefix('='))
                .map(|v| v.trim().to_string())
        })
        .unwrap_or_else(|| panic!("{lang}: no {id}"))
}

fn tool(name: &str) -> bool {
    std::process::Command::new(name).arg("-v").output().is_ok()
}

#[test]
fn every_pdf_of_the_default_site_prints_whole_links_readable_qr_codes_and_no_lonely_closing() {
    let missing: Vec<&str> = ["pdftotext", "pdftoppm", "zbarimg"]
        .into_iter()
        .filter(|t| !tool(t))
        .collect();
    if !missing.is_empty() {
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true"),
            "this test needs {missing:?} (CI=true)"
        );
        eprintln!("skipped: this test needs {missing:?} (poppler-utils, zbar-tools)");
        return;
    }
    let site = SiteTest::default_site();
    site.build().assert_ok();
    let out = tempfile::tempdir().unwrap();
    let mut checked = 0;
    let link_re = "win-project.eu/d/";
    for (path, _) in SiteTest::tree(&site.public()) {
        if !path.ends_with(".pdf") || path.starts_with("old/") {
            continue;
        }
        let lang = &path[..2];
        let file = site.public().join(&path);
        // 1. Every printed short link is whole on its line: `win-project.eu/d/ID/LANG/`.
        let text = std::process::Command::new("pdftotext")
            .args([file.to_str().unwrap(), "-"])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&text.stdout).into_owned();
        let mut links = BTreeSet::new();
        for line in text.lines() {
            let mut rest = line;
            while let Some(at) = rest.find(link_re) {
                let tail = &rest[at + link_re.len()..];
                let parts: Vec<&str> = tail.splitn(3, '/').collect();
                assert!(
                    parts.len() == 3
                        && !parts[0].is_empty()
                        && !parts[0].ends_with('-')
                        && parts[1] == lang,
                    "{path}: a short link broken across lines: {line:?}"
                );
                links.insert(format!("{link_re}{}/{}/", parts[0], parts[1]));
                rest = parts[2];
            }
        }
        assert_eq!(links.len(), 1, "{path}: {links:?}");
        let link = links.into_iter().next().unwrap();
        // 2. The QR code decodes at 100 dpi, to the printed short link.
        // (Only the page that prints the way back is rendered: a report has fifty pages.)
        let short_link: String = ftl(lang, "documents", "documents-short-link")
            .split_whitespace()
            .collect();
        let qr_page = text
            .split('\u{c}')
            .position(|p| {
                p.split_whitespace()
                    .collect::<String>()
                    .contains(&short_link)
            })
            .unwrap_or_else(|| panic!("{path}: no `{short_link}`"))
            + 1;
        let prefix = out.path().join(path.replace('/', "_"));
        let qr_page = qr_page.to_string();
        let ppm = std::process::Command::new("pdftoppm")
            .args(["-r", "100", "-png", "-f", &qr_page, "-l", &qr_page])
            .arg(file.to_str().unwrap())
            .arg(&prefix)
            .status()
            .unwrap();
        assert!(ppm.success());
        let pngs: Vec<_> = std::fs::read_dir(out.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with(&*prefix.file_name().unwrap().to_string_lossy())
            })
            .collect();
        let zbar = std::process::Command::new("zbarimg")
            .arg("-q")
            .args(&pngs)
            .output()
            .unwrap();
        let decoded = String::from_utf8_lossy(&zbar.stdout);
        assert!(
            decoded.contains(&format!("QR-Code:https://{link}")),
            "{path}: the QR code does not decode at 100 dpi to {link}: {decoded:?}"
        );
        // 3. No page holds only the closing block (EU block, disclaimer, way back, footer).
        let closing: Vec<String> = [
            ftl(lang, "documents", "documents-disclaimer"),
            ftl(lang, "documents", "documents-short-link"),
            ftl(lang, "main", "eu-funded"),
        ]
        .iter()
        .map(|s| s.split_whitespace().collect())
        .collect();
        let page_label = ftl(lang, "documents", "documents-page");
        let page_word = page_label.split_whitespace().next().unwrap().to_string();
        let pages = text.split('\u{c}').filter(|p| !p.trim().is_empty());
        for (n, page) in pages.enumerate() {
            let body: Vec<&str> = page
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .filter(|l| {
                    let flat: String = l.split_whitespace().collect();
                    !(l.contains(link_re)
                        || l.starts_with(&page_word)
                        || closing.iter().any(|c| c.contains(&flat))
                        || l.contains("CC BY")
                        || l.chars().any(|c| c.is_ascii_digit()) && l.len() < 60)
                })
                .collect();
            assert!(
                !body.is_empty(),
                "{path}: page {} holds only the closing block: {page:?}",
                n + 1
            );
        }
        checked += 1;
    }
    assert_eq!(
        checked, 48,
        "every leaflet, form, slide deck and report in six languages"
    );
    public_report(&site);
}

/// The fields of a CSV line (RFC 4180 quotes).
fn csv_fields(line: &str) -> Vec<String> {
    let (mut fields, mut field, mut quoted, mut chars) =
        (Vec::new(), String::new(), false, line.chars().peekable());
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(std::mem::take(&mut field)),
            (c, _) => field.push(c),
        }
    }
    fields.push(field);
    fields
}

/// The numbers written in `text` (`14`, `93.3`, `93,3`), as they would be read.
fn numbers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let decimal = (c == '.' || c == ',')
            && !current.is_empty()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if c.is_ascii_digit() || decimal {
            current.push(if decimal { '.' } else { c });
        } else if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The value of `key = "…"` in a TOML or front-matter text.
fn toml_value(text: &str, key: &str) -> String {
    text.lines()
        .find_map(|l| l.strip_prefix(key)?.trim_start().strip_prefix('='))
        .map(|v| v.trim().trim_matches('"').to_string())
        .unwrap_or_else(|| panic!("no {key}"))
}

/// The default site's public report, in each language: tagged in its language, with a table
/// of contents and page numbers, its chapters in the order of its source, and every statistics
/// table showing exactly the cells of the site's CSV (no more numbers: nothing hidden).
fn public_report(site: &SiteTest) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut tables = 0;
    for lang in ["en", "it", "es", "fr", "el", "bg"] {
        let source = std::fs::read_to_string(
            repo.join(format!("templates-public/public-report.{lang}.toml")),
        )
        .unwrap();
        let title = toml_value(&source, "title");
        let rel = format!("{lang}/documents/public-report.pdf");
        let (doc, bytes) = load(site, &rel);
        assert_accessible(&doc, &bytes, lang, &title, true);
        let file = site.public().join(&rel);
        let text = pdftotext(&file, false);
        let layout = pdftotext(&file, true);
        // The site's folds (raw <details> in the pages) print their text, never their tags.
        for tag in ["<details", "</details", "<summary", "</summary", "<div"] {
            assert!(!text.contains(tag), "{rel} prints the raw HTML `{tag}`");
        }
        // Page numbers on every page but the first.
        let pages = doc.get_pages().len();
        let page = ftl(lang, "documents", "documents-page");
        for n in 2..=pages {
            let label = page
                .replace("{ $page }", &n.to_string())
                .replace("{ $total }", &pages.to_string());
            assert!(text.contains(&label), "{rel}: no `{label}`");
        }
        // The contents list every chapter; the chapters follow in the same order.
        let keys: Vec<&str> = source
            .lines()
            .filter_map(|l| l.trim().strip_prefix("\"@/"))
            .map(|l| l.trim_end_matches("\",").trim_end_matches(".md"))
            .collect();
        assert_eq!(keys.len(), 17, "{rel}");
        let mut order = vec![title.clone(), ftl(lang, "documents", "documents-contents")];
        let mut bodies = Vec::new();
        for key in &keys {
            let page =
                std::fs::read_to_string(repo.join(format!("content/{key}.{lang}.md"))).unwrap();
            order.push(toml_value(&page, "title"));
            bodies.push(page);
        }
        let mut chapters: Vec<String> = order[2..].to_vec();
        order.append(&mut chapters);
        let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let order: Vec<String> = order
            .iter()
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        in_order(&flat, &order.iter().map(String::as_str).collect::<Vec<_>>());
        // Every table, in the order of the pages: row by row, the CSV's numbers and no other.
        let hidden = ftl(lang, "stats", "stats-suppressed");
        let mut from = 0;
        for body in &bodies {
            for (at, _) in body.match_indices("stats(id=\"") {
                let id = &body[at + 10..];
                let id = &id[..id.find('"').unwrap()];
                let stats =
                    std::fs::read_to_string(repo.join(format!("content/stats/{id}.toml"))).unwrap();
                let caption = ftl(lang, "stats", &toml_value(&stats, "title"));
                let words: Vec<&str> = caption.split_whitespace().take(3).collect();
                let start = from
                    + layout[from..]
                        .find(&words.join(" "))
                        .unwrap_or_else(|| panic!("{rel}: no table {id} ({caption})"));
                let csv = site.output(&format!("{lang}/stats/{id}.csv"));
                let mut lines = csv.trim_start_matches('\u{feff}').lines();
                let header = csv_fields(lines.next().unwrap());
                let grouped = header.len() % 2 == 1;
                let mut cursor = start;
                for line in lines {
                    let fields = csv_fields(line);
                    let fields = &fields[usize::from(grouped)..];
                    let label = &fields[0];
                    let first = label.split_whitespace().next().unwrap();
                    let (offset, row) = layout[cursor..]
                        .lines()
                        .scan(cursor, |pos, l| {
                            let here = *pos;
                            *pos += l.len() + 1;
                            Some((here, l))
                        })
                        .find(|(_, l)| l.trim_start().starts_with(first))
                        .unwrap_or_else(|| panic!("{rel}: table {id}: no row {label}"));
                    cursor = offset + row.len();
                    // The cells: the row's text after its label's words.
                    let mut rest = row.trim_start();
                    for word in label.split_whitespace() {
                        rest = rest.strip_prefix(word).unwrap_or(rest).trim_start();
                    }
                    let wanted: Vec<String> = fields[1..]
                        .iter()
                        .filter(|f| {
                            !f.is_empty() && f.chars().all(|c| c.is_ascii_digit() || c == '.')
                        })
                        .map(|f| f.trim_end_matches(".0").to_string())
                        .collect();
                    let shown: Vec<String> = numbers(rest)
                        .into_iter()
                        .map(|n| n.trim_end_matches(".0").to_string())
                        .collect();
                    assert_eq!(shown, wanted, "{rel}: table {id}, row {label}: {row:?}");
                    let markers = fields[1..].iter().filter(|f| **f == hidden).count();
                    // A hidden count and its hidden percentage are one marker in the table.
                    let expected = fields[1..2].iter().filter(|f| **f == hidden).count()
                        + (markers - fields[1..2].iter().filter(|f| **f == hidden).count()) / 2;
                    let rest = rest.replace('\u{a0}', " ");
                    assert_eq!(
                        rest.matches(hidden.as_str()).count(),
                        expected,
                        "{rel}: table {id}, row {label}: {row:?}"
                    );
                }
                from = cursor;
                tables += 1;
            }
        }
    }
    assert!(tables >= 6 * 10, "{tables} tables checked");
}

/// The fixture with a report made of two pages, in English and Greek: the real theme's
/// interface strings, a page with every kind of Markdown a report prints, and a statistics
/// table that hides a cell (North: 1234 of 1237 would reveal a group of 3).
fn report_fixture() -> SiteTest {
    let site = fixture();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/locales");
    for lang in ["en", "el"] {
        for entry in std::fs::read_dir(repo.join(lang)).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            site.write(
                &format!("themes/default/locales/{lang}/{name}"),
                std::fs::read(entry.path()).unwrap(),
            );
        }
    }
    site.write(
        "content/stats/jobs.toml",
        "id = \"jobs\"\ntitle = \"stats-jobs-title\"\nsource = \"stats-jobs-source\"\nreference_date = 2021-09-20\nrow_label = \"stats-jobs-area\"\ntotal_label = \"stats-jobs-women\"\n\n[[category]]\nid = \"work\"\nlabel = \"stats-jobs-work\"\n\n[[row]]\nid = \"north\"\nlabel = \"stats-jobs-north\"\ntotal = 1237\ncounts = { work = 1234 }\n\n[[row]]\nid = \"south\"\nlabel = \"stats-jobs-south\"\ntotal = 40\ncounts = { work = 17 }\n",
    );
    site.write(
        "locales/en/stats.ftl",
        "stats-jobs-title = Women in work\nstats-jobs-source = Partner records\nstats-jobs-area = Area\nstats-jobs-women = Women\nstats-jobs-work = In work\nstats-jobs-north = North\nstats-jobs-south = South\n",
    );
    site.write(
        "locales/el/stats.ftl",
        "stats-jobs-title = Γυναίκες που εργάζονται\nstats-jobs-source = Αρχεία των εταίρων\nstats-jobs-area = Περιοχή\nstats-jobs-women = Γυναίκες\nstats-jobs-work = Εργάζονται\nstats-jobs-north = Βορράς\nstats-jobs-south = Νότος\n",
    );
    let page = |title: &str, heading: &str, text: &str, later: &str, note: &str| {
        format!(
            "+++\ntitle = \"{title}\"\n+++\n## {heading}\n\n{text} #set page(width: 1cm) $x^2$ <label> @ref *strong* [downloads](@/downloads.md), [later](#later), [elsewhere](https://example.com/x).[^1]\n\n- first\n- second\n\n| Course | Hours |\n|---|---:|\n| Computer skills | 30 |\n\n{{{{ stats(id=\"jobs\", view=\"both\") }}}}\n\n### {later} {{#later}}\n\nThe end.\n\n[^1]: {note}\n"
        )
    };
    site.write(
        "content/story.en.md",
        page(
            "Our story",
            "What we did",
            "Text that looks like Typst:",
            "What came later",
            "Where the figure comes from.",
        ),
    );
    site.write(
        "content/story.el.md",
        page(
            "Η ιστορία μας",
            "Τι κάναμε",
            "Κείμενο που μοιάζει με Typst:",
            "Τι ακολούθησε",
            "Από πού προέρχεται ο αριθμός.",
        ),
    );
    site.write(
        "content/more.en.md",
        "+++\ntitle = \"More to read\"\n+++\nA second chapter.\n",
    );
    site.write(
        "content/more.el.md",
        "+++\ntitle = \"Περισσότερα\"\n+++\nΈνα δεύτερο κεφάλαιο.\n",
    );
    for (lang, title) in [("en", "The report"), ("el", "Η έκθεση")] {
        site.write(
            &format!("templates-public/report.{lang}.toml"),
            format!("id = \"report\"\nkind = \"report\"\ntitle = \"{title}\"\nupdated = 2021-09-20\npages = [\n    \"@/story.md\",\n    \"@/more.md\",\n]\n"),
        );
    }
    site
}

fn pdftotext(file: &Path, layout: bool) -> String {
    let mut command = std::process::Command::new("pdftotext");
    if layout {
        command.arg("-layout");
    }
    let out = command.arg(file).arg("-").output().unwrap();
    assert!(out.status.success(), "pdftotext {}", file.display());
    String::from_utf8(out.stdout).unwrap()
}

/// The position of each of `needles` in `text`, which must be in that order.
#[track_caller]
fn in_order(text: &str, needles: &[&str]) {
    let mut from = 0;
    for needle in needles {
        match text[from..].find(needle) {
            Some(at) => from += at + needle.len(),
            None => panic!("`{needle}` is missing or out of order in:\n{text}"),
        }
    }
}

#[test]
fn a_report_is_made_of_site_pages_with_their_published_tables() {
    if !tool("pdftotext") {
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true"),
            "this test needs pdftotext (CI=true)"
        );
        eprintln!("skipped: a_report_is_made_of_site_pages_with_their_published_tables: needs pdftotext (poppler-utils)");
        return;
    }
    let site = report_fixture();
    let run = site.build();
    run.assert_ok();
    assert!(
        !run.stderr.contains("not PDF/UA-1"),
        "the report should pass Typst's PDF/UA-1 check: {}",
        run.stderr
    );
    for (lang, title, heading, later) in [
        ("en", "The report", "What we did", "What came later"),
        ("el", "Η έκθεση", "Τι κάναμε", "Τι ακολούθησε"),
    ] {
        let rel = format!("{lang}/documents/report.pdf");
        let (doc, bytes) = load(&site, &rel);
        assert_accessible(&doc, &bytes, lang, title, true);
        let file = site.public().join(&rel);
        let text = pdftotext(&file, false);
        let contents = ftl(lang, "documents", "documents-contents");
        let (chapter, second) = if lang == "en" {
            ("Our story", "More to read")
        } else {
            ("Η ιστορία μας", "Περισσότερα")
        };
        // The table of contents, then the chapters and their headings in the pages' order.
        in_order(
            &text,
            &[
                title, &contents, chapter, second, chapter, heading, later, second,
            ],
        );
        // Page numbers on every page but the first.
        let page = ftl(lang, "documents", "documents-page");
        let pages = doc.get_pages().len();
        for n in 2..=pages {
            let label = page
                .replace("{ $page }", &n.to_string())
                .replace("{ $total }", &pages.to_string());
            assert!(text.contains(&label), "{rel}: no `{label}`");
        }
        // Text that looks like Typst is printed as it was written.
        assert!(
            text.contains("#set page(width: 1cm) $x^2$ <label> @ref"),
            "{rel}: {text}"
        );
        // The footnote is set at the foot of the page, the lists and tables as written.
        let note = if lang == "en" {
            "Where the figure comes from."
        } else {
            "Από πού προέρχεται ο αριθμός."
        };
        assert!(text.contains(note), "{rel}: no footnote");
        assert!(text.contains("Computer skills") && text.contains("30"));
        // The published table: the same cells as the site's CSV, the hidden one never shown.
        let csv = site.output(&format!("{lang}/stats/jobs.csv"));
        let hidden = ftl(lang, "theme", "stats-suppressed");
        let hidden = hidden.split('{').next().unwrap().trim().to_string();
        assert!(csv.contains("1237") && !csv.contains("1234"), "{csv}");
        let layout = pdftotext(&file, true);
        let row = |label: &str| -> String {
            layout
                .lines()
                .find(|l| l.trim_start().starts_with(label))
                .unwrap_or_else(|| panic!("{rel}: no row {label}:\n{layout}"))
                .replace('\u{a0}', " ")
        };
        let (north, south) = if lang == "en" {
            ("North", "South")
        } else {
            ("Βορράς", "Νότος")
        };
        let north = row(north);
        assert!(north.contains("1237") || north.contains("1,237") || north.contains("1.237"));
        assert!(north.contains(&hidden), "{north}");
        let south = row(south);
        assert!(south.contains("40") && south.contains("17"), "{south}");
        assert!(south.contains("42.5") || south.contains("42,5"), "{south}");
        for secret in ["1234", "1.234", "1,234", "99.8", "99,8", "99.7", "99,7"] {
            assert!(
                !text.contains(secret),
                "{rel}: shows a hidden value {secret}"
            );
        }
        // Links lead to the site: `@/` to the page in this language, `#` to the page's anchor.
        let links = link_targets(&doc);
        for wanted in [
            format!("https://example.org/{lang}/downloads/"),
            format!("https://example.org/{lang}/story/#later"),
            "https://example.com/x".to_string(),
            format!("https://example.org/{lang}/stats/jobs.csv"),
        ] {
            assert!(
                links.contains(&wanted),
                "{rel}: no link {wanted}: {links:?}"
            );
        }
        assert!(!links.iter().any(|l| l.contains("@/")), "{links:?}");
    }
    // Greek text has glyphs of an embedded font.
    let (doc, _) = load(&site, "el/documents/report.pdf");
    let (chars, notdef) = mapped_text(&doc);
    assert!(!notdef, "a missing glyph");
    assert!("ΗιστορίαμαςΒορράς".chars().all(|c| chars.contains(&c)));
}

#[test]
fn a_report_page_that_cannot_be_included_is_an_error_at_its_line_and_column() {
    let site = report_fixture();
    site.edit(
        "templates-public/report.en.toml",
        "    \"@/more.md\",",
        "    \"@/more.md\",\n    \"@/nowhere.md\",",
    );
    site.remove("content/more.el.md");
    let run = site.build();
    run.assert_code(1);
    let err = &run.stderr;
    assert!(err.contains("there is no page `@/nowhere.md`"), "{err}");
    assert!(
        err.contains("--> templates-public/report.en.toml:8:5"),
        "{err}"
    );
    assert!(
        err.contains("the page `@/more.md` has no version in `el`"),
        "{err}"
    );
    assert!(
        err.contains("--> templates-public/report.el.toml:7:5"),
        "{err}"
    );
    assert!(!err.contains("panicked"));
}

fn link_targets(doc: &Document) -> Vec<String> {
    doc.objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter_map(|d| d.get(b"A").ok())
        .filter_map(|a| match a {
            Object::Dictionary(a) => a.get(b"URI").ok().cloned(),
            Object::Reference(r) => doc
                .get_dictionary(*r)
                .ok()
                .and_then(|a| a.get(b"URI").ok().cloned()),
            _ => None,
        })
        .filter_map(|u| {
            u.as_str()
                .ok()
                .map(|b| String::from_utf8_lossy(b).into_owned())
        })
        .collect()
}
