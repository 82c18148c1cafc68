//! Fillable forms: AcroForm text fields, radio groups and checkboxes added to a form's PDF.
//!
//! In: the laid-out document (the form template marks each place to fill with a
//! `metadata(…) <ponte-field>`, whose position Typst's introspection gives, and a marker image
//! whose tag holds the field's place in the structure tree), the PDF Typst wrote, and the
//! field font. Out: the same PDF with one widget per place: text fields typed in an embedded
//! font that covers the document's script (Noto Sans for Latin, Greek and Cyrillic, Noto Naskh
//! Arabic for Arabic), radio groups for one-answer questions and checkboxes where several
//! answers are allowed (exporting the answers' stable ids), an appearance stream for every
//! state, accessible names (`/TU`), and each field's `Form` tag where its question is in the
//! structure tree (so reading and tab order follow the questions).
use std::collections::HashMap;
use std::fmt::Write;

use lopdf::{dictionary, Dictionary, Document, Object, ObjectId, Stream};
use typst::foundations::{Label, Selector, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

/// What a place to fill holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldKind {
    Text,
    /// One box of a question where several answers are allowed.
    Check,
    /// One answer of a question where one answer is asked for.
    Radio,
}

/// One place to fill, in points from the top left of its page.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    pub kind: FieldKind,
    /// The accessible name (the question, and the answer for a box).
    pub tip: String,
    /// The question alone (the radio group's accessible name).
    pub question: String,
    /// A box's export value: the answer's stable id.
    pub value: Option<String>,
    /// 1-based.
    pub page: usize,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Field {
    /// The marker's alt text: how the field's place in the structure tree is found.
    fn marker(&self) -> String {
        match &self.value {
            Some(value) => format!("ponte-field:{}:{value}", self.name),
            None => format!("ponte-field:{}", self.name),
        }
    }
}

/// The places to fill that the template marked, in document order.
pub fn collect(document: &PagedDocument) -> Vec<Field> {
    let Some(label) = Label::new(PicoStr::intern("ponte-field")) else {
        return Vec::new();
    };
    let introspector = document.introspector();
    let mut fields = Vec::new();
    for content in introspector.query(&Selector::Label(label)) {
        let (Some(meta), Some(location)) =
            (content.to_packed::<MetadataElem>(), content.location())
        else {
            continue;
        };
        let Some(position) = introspector.position(location) else {
            continue;
        };
        let Value::Dict(dict) = &meta.value else {
            continue;
        };
        let text = |key: &str| match dict.get(key) {
            Ok(Value::Str(s)) => Some(s.to_string()),
            _ => None,
        };
        let number = |key: &str| match dict.get(key) {
            Ok(Value::Float(f)) => Some(*f),
            Ok(Value::Int(i)) => Some(*i as f64),
            _ => None,
        };
        let (Some(name), Some(kind), Some(width), Some(height)) = (
            text("name"),
            text("kind"),
            number("width"),
            number("height"),
        ) else {
            continue;
        };
        let tip = text("tip").unwrap_or_default();
        fields.push(Field {
            name,
            kind: match kind.as_str() {
                "check" => FieldKind::Check,
                "radio" => FieldKind::Radio,
                _ => FieldKind::Text,
            },
            question: text("question").unwrap_or_else(|| tip.clone()),
            tip,
            value: text("value"),
            page: position.page.get(),
            x: position.point.x.to_pt(),
            y: position.point.y.to_pt(),
            width,
            height,
        });
    }
    fields
}

/// A font for typing into fields: a subset of a regular face with every character of the
/// script's ranges, embedded as a CID font (Identity-H) with its widths and ToUnicode map.
pub struct FieldFont {
    /// The subset font program (TrueType).
    program: Vec<u8>,
    postscript: String,
    /// (character, glyph id in the subset, advance in thousandths of an em), by glyph id.
    glyphs: Vec<(char, u16, f32)>,
    ascent: f32,
    descent: f32,
    cap_height: f32,
    bbox: [f32; 4],
    /// Right-to-left script: text is aligned to the right of its field.
    pub rtl: bool,
}

/// The characters every field font keeps: Latin letters, digits and punctuation (codes and
/// dates are often typed in Latin letters whatever the document's script).
const LATIN: &[(u32, u32)] = &[
    (0x20, 0x7E),
    (0xA0, 0x24F),
    (0x2010, 0x2027),
    (0x2030, 0x205E),
    (0x20AC, 0x20AC),
];
const GREEK: &[(u32, u32)] = &[(0x370, 0x3FF)];
const CYRILLIC: &[(u32, u32)] = &[(0x400, 0x52F)];
const ARABIC: &[(u32, u32)] = &[
    (0x600, 0x6FF),
    (0x750, 0x77F),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
];

/// The scripts ponte has a field font for.
pub const SCRIPTS: usize = 4;

/// The script a language (a BCP 47 tag) is written in by default: 0 Latin, 1 Greek,
/// 2 Cyrillic, 3 Arabic.
pub fn script_of(lang: &str) -> usize {
    let primary = lang.split(['-', '_']).next().unwrap_or("");
    match primary.to_ascii_lowercase().as_str() {
        "el" => 1,
        "bg" | "ru" | "uk" | "sr" | "mk" | "be" => 2,
        "ar" | "fa" | "ur" | "ps" | "ckb" | "sd" | "ug" | "ks" | "prs" => 3,
        _ => 0,
    }
}

impl FieldFont {
    /// The field font for a document in `lang`, made from `fonts` (the theme's fonts).
    pub fn for_language(fonts: &[typst::text::Font], lang: &str) -> Option<FieldFont> {
        let script = script_of(lang);
        let (family, extra, rtl) = match script {
            1 => ("Noto Sans", GREEK, false),
            2 => ("Noto Sans", CYRILLIC, false),
            3 => ("Noto Naskh Arabic", ARABIC, true),
            _ => ("Noto Sans", &[][..], false),
        };
        let ranges: Vec<(u32, u32)> = LATIN.iter().chain(extra).copied().collect();
        let font = fonts.iter().find(|f| {
            let info = f.info();
            info.family.eq_ignore_ascii_case(family)
                && info.variant.weight.to_number() == 400
                && info.variant.style == typst::text::FontStyle::Normal
        })?;
        FieldFont::new(font, &ranges, rtl)
    }

    fn new(font: &typst::text::Font, ranges: &[(u32, u32)], rtl: bool) -> Option<FieldFont> {
        let face = ttf_parser::Face::parse(font.data(), font.index()).ok()?;
        let units = f32::from(face.units_per_em());
        let scale = |v: f32| v * 1000.0 / units;
        let mut remapper = subsetter::GlyphRemapper::new();
        let mut glyphs: Vec<(char, u16, f32)> = Vec::new();
        let mut seen = HashMap::new();
        for &(start, end) in ranges {
            for c in (start..=end).filter_map(char::from_u32) {
                let Some(gid) = face.glyph_index(c) else {
                    continue;
                };
                if seen.contains_key(&gid.0) {
                    continue;
                }
                let new = remapper.remap(gid.0);
                seen.insert(gid.0, new);
                let advance = scale(f32::from(face.glyph_hor_advance(gid).unwrap_or(0)));
                glyphs.push((c, new, advance));
            }
        }
        glyphs.sort_by_key(|g| g.1);
        let program = subsetter::subset(font.data(), font.index(), &remapper).ok()?;
        let bbox = face.global_bounding_box();
        let name = font
            .post_script_name()
            .unwrap_or_else(|| font.info().family.replace(' ', ""));
        Some(FieldFont {
            program,
            // A subset's name starts with six capital letters and a plus sign.
            postscript: format!("PONTEF+{name}"),
            glyphs,
            ascent: scale(f32::from(face.ascender())),
            descent: scale(f32::from(face.descender())),
            cap_height: scale(f32::from(face.capital_height().unwrap_or(face.ascender()))),
            bbox: [
                scale(f32::from(bbox.x_min)),
                scale(f32::from(bbox.y_min)),
                scale(f32::from(bbox.x_max)),
                scale(f32::from(bbox.y_max)),
            ],
            rtl,
        })
    }

    /// Whether every character of `text` has a glyph in this font.
    pub fn covers(&self, text: &str) -> bool {
        text.chars().all(|c| self.glyphs.iter().any(|g| g.0 == c))
    }

    /// Adds the font's objects to `doc`; returns the Type0 font.
    fn embed(&self, doc: &mut Document) -> ObjectId {
        let mut file = Stream::new(
            dictionary! { "Length1" => self.program.len() as i64 },
            self.program.clone(),
        );
        let _ = file.compress();
        let file = doc.add_object(file);
        let descriptor = doc.add_object(dictionary! {
            "Type" => "FontDescriptor",
            "FontName" => Object::Name(self.postscript.clone().into_bytes()),
            "Flags" => 32,
            "FontBBox" => self.bbox.iter().map(|v| Object::Real(*v)).collect::<Vec<_>>(),
            "ItalicAngle" => 0,
            "Ascent" => Object::Real(self.ascent),
            "Descent" => Object::Real(self.descent),
            "CapHeight" => Object::Real(self.cap_height),
            "StemV" => 80,
            "FontFile2" => file,
        });
        let mut widths = Vec::with_capacity(self.glyphs.len() * 2);
        for (_, gid, advance) in &self.glyphs {
            widths.push(Object::Integer(i64::from(*gid)));
            widths.push(Object::Array(vec![Object::Real(advance.round())]));
        }
        let cid = doc.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "CIDFontType2",
            "BaseFont" => Object::Name(self.postscript.clone().into_bytes()),
            "CIDSystemInfo" => dictionary! {
                "Registry" => Object::string_literal("Adobe"),
                "Ordering" => Object::string_literal("Identity"),
                "Supplement" => 0,
            },
            "FontDescriptor" => descriptor,
            "DW" => 1000,
            "W" => widths,
            "CIDToGIDMap" => "Identity",
        });
        let mut cmap = Stream::new(Dictionary::new(), self.to_unicode().into_bytes());
        let _ = cmap.compress();
        let cmap = doc.add_object(cmap);
        doc.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "Type0",
            "BaseFont" => Object::Name(self.postscript.clone().into_bytes()),
            "Encoding" => "Identity-H",
            "DescendantFonts" => vec![Object::Reference(cid)],
            "ToUnicode" => cmap,
        })
    }

    /// The ToUnicode CMap: which character each glyph of the subset shows.
    fn to_unicode(&self) -> String {
        let mut out = String::from(
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
             /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
             /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
             1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
        );
        for chunk in self.glyphs.chunks(100) {
            let _ = writeln!(out, "{} beginbfchar", chunk.len());
            for (c, gid, _) in chunk {
                let mut utf16 = [0u16; 2];
                let hex: String = c
                    .encode_utf16(&mut utf16)
                    .iter()
                    .map(|u| format!("{u:04X}"))
                    .collect();
                let _ = writeln!(out, "<{gid:04X}> <{hex}>");
            }
            out.push_str("endbfchar\n");
        }
        out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        out
    }
}

/// The name of the field font in the form's resources.
const FONT_NAME: &str = "PonteF";
/// Text size in single-line fields (multi-line fields use the same).
const FONT_SIZE: f32 = 10.0;

/// Adds `fields` to `pdf` as AcroForm fields typed in `font`, tagged in its structure tree.
/// Also drops what the final file can no longer claim: the PDF/UA-1 identification (Typst
/// checked the file before the form layer existed) and the optional `/Suspects false`.
pub fn add_fields(
    pdf: &[u8],
    fields: &[Field],
    font: Option<&FieldFont>,
) -> Result<Vec<u8>, String> {
    if fields.is_empty() {
        return Ok(pdf.to_vec());
    }
    let mut doc = Document::load_mem(pdf).map_err(|e| e.to_string())?;
    let pages = doc.get_pages();
    let root_id = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| e.to_string())?;
    let tree_id = doc
        .get_dictionary(root_id)
        .and_then(|c| c.get(b"StructTreeRoot"))
        .and_then(Object::as_reference)
        .map_err(|_| "the PDF has no structure tree".to_string())?;
    // Where a field has no marker, it goes under the tree's first element (`Document`).
    let tree = doc.get_dictionary(tree_id).map_err(|e| e.to_string())?;
    let document_id = match tree.get(b"K").map_err(|e| e.to_string())? {
        Object::Reference(r) => *r,
        Object::Array(a) => a
            .iter()
            .find_map(|o| o.as_reference().ok())
            .ok_or("the structure tree is empty")?,
        _ => return Err("the structure tree is empty".into()),
    };
    // The parent tree, inline (as Typst writes it) or referenced.
    let parent_tree_id = tree
        .get(b"ParentTree")
        .ok()
        .and_then(|o| o.as_reference().ok());
    let parent_tree = match parent_tree_id {
        Some(id) => doc.get_dictionary(id).map_err(|e| e.to_string())?,
        None => tree
            .get(b"ParentTree")
            .and_then(Object::as_dict)
            .map_err(|_| "the structure tree has no parent tree")?,
    };
    let mut nums = parent_tree
        .get(b"Nums")
        .and_then(Object::as_array)
        .map_err(|_| "the parent tree is not a flat number tree")?
        .clone();
    let mut next_key = nums
        .iter()
        .step_by(2)
        .filter_map(|o| o.as_i64().ok())
        .max()
        .map_or(0, |k| k + 1);
    let markers = markers(&doc);

    let font_id = font.map(|f| f.embed(&mut doc));
    let resources = match font_id {
        Some(id) => dictionary! { "Font" => dictionary! { FONT_NAME => id } },
        None => Dictionary::new(),
    };
    let da = Object::string_literal(format!("/{FONT_NAME} {FONT_SIZE} Tf 0 g"));
    let appearance = |doc: &mut Document, size: f64, content: String| {
        let size = size as f32;
        doc.add_object(Stream::new(
            dictionary! {
                "Type" => "XObject",
                "Subtype" => "Form",
                "BBox" => vec![0.into(), 0.into(), Object::Real(size), Object::Real(size)],
                "Resources" => Dictionary::new(),
            },
            content.into_bytes(),
        ))
    };
    // An empty text field, for every size (its box is scaled to the widget).
    let text_empty = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), 1.into(), 1.into()],
            "Resources" => resources.clone(),
        },
        b"/Tx BMC EMC".to_vec(),
    ));
    let mut states: HashMap<(FieldKind, u64), (ObjectId, ObjectId)> = HashMap::new();
    let mut top_level = Vec::new();
    let mut groups: HashMap<String, ObjectId> = HashMap::new();
    let mut group_kids: HashMap<ObjectId, Vec<Object>> = HashMap::new();
    let mut untagged = Vec::new();
    for field in fields {
        let Some(&page_id) = pages.get(&(field.page as u32)) else {
            continue;
        };
        let page_height = page_height(&doc, page_id).unwrap_or(842.0);
        let top = page_height - field.y;
        let rect = vec![
            Object::Real(field.x as f32),
            Object::Real((top - field.height) as f32),
            Object::Real((field.x + field.width) as f32),
            Object::Real(top as f32),
        ];
        let mut widget = dictionary! {
            "Type" => "Annot",
            "Subtype" => "Widget",
            "Rect" => rect,
            "F" => 4,
            "P" => page_id,
            "TU" => text_string(&field.tip),
            "StructParent" => next_key,
        };
        match field.kind {
            FieldKind::Text => {
                widget.set("FT", "Tx");
                widget.set("T", Object::string_literal(field.name.clone()));
                widget.set("DA", da.clone());
                widget.set("AP", dictionary! { "N" => text_empty });
                if font.is_some_and(|f| f.rtl) {
                    widget.set("Q", 2);
                }
                if field.height > 30.0 {
                    widget.set("Ff", 4096);
                }
            }
            FieldKind::Check | FieldKind::Radio => {
                let value = field.value.clone().unwrap_or_else(|| "Yes".to_string());
                let size = field.width.min(field.height);
                let key = (field.kind, (size * 100.0) as u64);
                let (on, off) = match states.get(&key) {
                    Some(&pair) => pair,
                    None => {
                        let on = appearance(&mut doc, size, mark(field.kind, size));
                        let off = appearance(&mut doc, size, String::new());
                        states.insert(key, (on, off));
                        (on, off)
                    }
                };
                widget.set("AS", "Off");
                widget.set(
                    "AP",
                    dictionary! { "N" => dictionary! { value.as_str() => on, "Off" => off } },
                );
                widget.set(
                    "MK",
                    dictionary! { "CA" => Object::string_literal(if field.kind == FieldKind::Radio { "l" } else { "4" }) },
                );
                if field.kind == FieldKind::Check {
                    widget.set("FT", "Btn");
                    widget.set("T", Object::string_literal(field.name.clone()));
                    widget.set("V", "Off");
                }
            }
        }
        let widget_id = doc.add_object(widget);
        if field.kind == FieldKind::Radio {
            // The group is the field; each answer is one of its widgets.
            let group = match groups.get(&field.name) {
                Some(&id) => id,
                None => {
                    let id = doc.add_object(dictionary! {
                        "FT" => "Btn",
                        // Radio, and one answer stays chosen once chosen (NoToggleToOff).
                        "Ff" => (1 << 15) | (1 << 14),
                        "T" => Object::string_literal(field.name.clone()),
                        "TU" => text_string(&field.question),
                        "V" => "Off",
                    });
                    groups.insert(field.name.clone(), id);
                    top_level.push(Object::Reference(id));
                    id
                }
            };
            group_kids
                .entry(group)
                .or_default()
                .push(Object::Reference(widget_id));
            if let Ok(widget) = doc.get_dictionary_mut(widget_id) {
                widget.set("Parent", group);
            }
        } else {
            top_level.push(Object::Reference(widget_id));
        }
        let objr = dictionary! { "Type" => "OBJR", "Obj" => widget_id, "Pg" => page_id };
        // The marker's tag becomes the field's: in its question, in reading order.
        let elem_id = match markers.get(&field.marker()) {
            Some(&elem_id) => {
                let elem = doc.get_dictionary_mut(elem_id).map_err(|e| e.to_string())?;
                let mut kids = match elem.get(b"K") {
                    Ok(Object::Array(a)) => a.clone(),
                    Ok(other) => vec![other.clone()],
                    Err(_) => Vec::new(),
                };
                kids.push(Object::Dictionary(objr));
                elem.set("S", "Form");
                elem.remove(b"Alt");
                elem.set("K", kids);
                elem_id
            }
            None => {
                let id = doc.add_object(dictionary! {
                    "Type" => "StructElem",
                    "S" => "Form",
                    "P" => document_id,
                    "K" => objr,
                });
                untagged.push(Object::Reference(id));
                id
            }
        };
        nums.push(Object::Integer(next_key));
        nums.push(Object::Reference(elem_id));
        next_key += 1;
        add_annotation(&mut doc, page_id, widget_id)?;
    }
    for (group, kids) in group_kids {
        if let Ok(dict) = doc.get_dictionary_mut(group) {
            dict.set("Kids", kids);
        }
    }
    if !untagged.is_empty() {
        let parent = doc
            .get_dictionary_mut(document_id)
            .map_err(|e| e.to_string())?;
        let mut kids = match parent.get(b"K") {
            Ok(Object::Array(a)) => a.clone(),
            Ok(other) => vec![other.clone()],
            Err(_) => Vec::new(),
        };
        kids.extend(untagged);
        parent.set("K", kids);
    }
    match parent_tree_id {
        Some(id) => doc
            .get_dictionary_mut(id)
            .map_err(|e| e.to_string())?
            .set("Nums", nums),
        None => doc
            .get_dictionary_mut(tree_id)
            .map_err(|e| e.to_string())?
            .set("ParentTree", dictionary! { "Nums" => nums }),
    }
    doc.get_dictionary_mut(tree_id)
        .map_err(|e| e.to_string())?
        .set("ParentTreeNextKey", next_key);
    let mut acroform = dictionary! {
        "Fields" => top_level,
        "DA" => da,
        "DR" => resources,
    };
    if font_id.is_none() {
        // No font to type in: the viewer draws typed text with one of its own.
        acroform.set("NeedAppearances", true);
    }
    let catalog = doc.get_dictionary_mut(root_id).map_err(|e| e.to_string())?;
    catalog.set("AcroForm", acroform);
    if let Ok(Object::Dictionary(mark_info)) = catalog.get_mut(b"MarkInfo") {
        mark_info.remove(b"Suspects");
    }
    withdraw_ua_claim(&mut doc);
    let mut out = Vec::with_capacity(pdf.len() + fields.len() * 256);
    doc.save_to(&mut out).map_err(|e| e.to_string())?;
    Ok(out)
}

/// The structure elements of the template's field markers, by their alt text.
fn markers(doc: &Document) -> HashMap<String, ObjectId> {
    doc.objects
        .iter()
        .filter_map(|(id, object)| {
            let dict = object.as_dict().ok()?;
            if dict.get(b"S").and_then(Object::as_name).ok()? != b"Figure" {
                return None;
            }
            let alt = decode_text(dict.get(b"Alt").and_then(Object::as_str).ok()?);
            alt.starts_with("ponte-field:").then_some((alt, *id))
        })
        .collect()
}

/// The drawing of a ticked box (a check mark) or a chosen answer (a dot), `size` points wide.
fn mark(kind: FieldKind, size: f64) -> String {
    let s = size;
    if kind == FieldKind::Radio {
        // A filled circle, a third of the widget wide, from four Bézier curves.
        let (c, r) = (s / 2.0, s * 0.27);
        let k = r * 0.5523;
        format!(
            "q 0 g {x0:.2} {c:.2} m {x0:.2} {a:.2} {b:.2} {y1:.2} {c:.2} {y1:.2} c \
             {d:.2} {y1:.2} {x1:.2} {a:.2} {x1:.2} {c:.2} c \
             {x1:.2} {e:.2} {d:.2} {y0:.2} {c:.2} {y0:.2} c \
             {b:.2} {y0:.2} {x0:.2} {e:.2} {x0:.2} {c:.2} c f Q",
            x0 = c - r,
            x1 = c + r,
            y0 = c - r,
            y1 = c + r,
            a = c + k,
            b = c - k,
            d = c + k,
            e = c - k,
        )
    } else {
        let w = (s * 0.13).max(1.0);
        format!(
            "q 0 g 0 G {w:.2} w 1 J 1 j {:.2} {:.2} m {:.2} {:.2} l {:.2} {:.2} l S Q",
            s * 0.2,
            s * 0.51,
            s * 0.42,
            s * 0.25,
            s * 0.8,
            s * 0.78
        )
    }
}

/// Removes the PDF/UA identification from the XMP metadata: the check that made it true ran
/// before the form layer was added.
fn withdraw_ua_claim(doc: &mut Document) {
    let Ok(id) = doc
        .catalog()
        .and_then(|c| c.get(b"Metadata"))
        .and_then(Object::as_reference)
    else {
        return;
    };
    let Ok(Object::Stream(stream)) = doc.get_object_mut(id) else {
        return;
    };
    let Ok(xmp) = stream.get_plain_content() else {
        return;
    };
    let Ok(xmp) = String::from_utf8(xmp) else {
        return;
    };
    let mut cleaned = xmp.clone();
    for (open, close) in [
        ("<pdfuaid:part>", "</pdfuaid:part>"),
        ("pdfuaid:part=\"", "\""),
    ] {
        while let Some(start) = cleaned.find(open) {
            let Some(len) = cleaned[start + open.len()..].find(close) else {
                break;
            };
            cleaned.replace_range(start..start + open.len() + len + close.len(), "");
        }
    }
    if cleaned != xmp {
        stream.dict.remove(b"Filter");
        stream.dict.remove(b"DecodeParms");
        stream.set_content(cleaned.into_bytes());
    }
}

fn page_height(doc: &Document, page: ObjectId) -> Option<f64> {
    let dict = doc.get_dictionary(page).ok()?;
    let media = dict.get(b"MediaBox").ok()?.as_array().ok()?;
    let num = |o: &Object| {
        o.as_float()
            .map(f64::from)
            .or_else(|_| o.as_i64().map(|i| i as f64))
    };
    Some(num(media.get(3)?).ok()? - num(media.get(1)?).ok()?)
}

/// Appends a widget to the page's annotations and makes the tab order follow the structure.
fn add_annotation(doc: &mut Document, page: ObjectId, widget: ObjectId) -> Result<(), String> {
    let existing = doc
        .get_dictionary(page)
        .map_err(|e| e.to_string())?
        .get(b"Annots")
        .ok()
        .cloned();
    let mut annots = match existing {
        Some(Object::Array(a)) => a,
        Some(Object::Reference(r)) => doc
            .get_object(r)
            .and_then(Object::as_array)
            .cloned()
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    annots.push(Object::Reference(widget));
    let page = doc.get_dictionary_mut(page).map_err(|e| e.to_string())?;
    page.set("Annots", annots);
    page.set("Tabs", "S");
    Ok(())
}

/// A PDF text string: PDFDocEncoding when ASCII, else UTF-16BE with its byte-order mark.
fn text_string(text: &str) -> Object {
    if text.is_ascii() {
        return Object::string_literal(text);
    }
    let mut bytes = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        bytes.extend(unit.to_be_bytes());
    }
    Object::String(bytes, lopdf::StringFormat::Hexadecimal)
}

/// A PDF text string as text (UTF-16BE with a byte-order mark, or PDFDocEncoding).
fn decode_text(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(rest) => {
            let units: Vec<u16> = rest
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => String::from_utf8_lossy(bytes).into_owned(),
    }
}
