//! Fillable forms: AcroForm text fields and checkboxes added to a form's PDF.
//!
//! In: the laid-out document (the form template marks each place to fill with a
//! `metadata(…) <ponte-field>`; Typst's introspection says where it landed) and the PDF Typst
//! wrote. Out: the same PDF with one widget per place, each with its accessible name (`/TU`),
//! tagged as a `Form` structure element so that screen readers still find it, and tab order
//! following the structure. Typing fields are left to the viewer (`NeedAppearances`); ticked
//! boxes are drawn as a vector check mark, so no font is needed for them.
use lopdf::{dictionary, Document, Object, ObjectId, Stream};
use typst::foundations::{Label, Selector, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

/// What a place to fill holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    Check,
}

/// One place to fill, in points from the top left of its page.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    pub kind: FieldKind,
    /// The accessible name (the question, and the answer for a box).
    pub tip: String,
    /// 1-based.
    pub page: usize,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
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
        fields.push(Field {
            name,
            kind: if kind == "check" {
                FieldKind::Check
            } else {
                FieldKind::Text
            },
            tip: text("tip").unwrap_or_default(),
            page: position.page.get(),
            x: position.point.x.to_pt(),
            y: position.point.y.to_pt(),
            width,
            height,
        });
    }
    fields
}

/// Adds `fields` to `pdf` as AcroForm widgets, tagged in its structure tree.
pub fn add_fields(pdf: &[u8], fields: &[Field]) -> Result<Vec<u8>, String> {
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
    // The element the fields go under: the tree's first element (Typst's `Document`).
    let tree = doc.get_dictionary(tree_id).map_err(|e| e.to_string())?;
    let parent_id = match tree.get(b"K").map_err(|e| e.to_string())? {
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
    let nums = parent_tree
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
    let mut nums = nums;

    let check_on = doc.add_object(Stream::new(
        dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 11.into(), 11.into()] },
        b"q 0 g 0 G 1.4 w 1 J 1 j 2.2 5.6 m 4.6 2.8 l 8.8 8.6 l S Q".to_vec(),
    ));
    let check_off = doc.add_object(Stream::new(
        dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 11.into(), 11.into()] },
        Vec::new(),
    ));
    let mut field_refs = Vec::new();
    let mut form_elems = Vec::new();
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
            "T" => Object::string_literal(field.name.clone()),
            "TU" => text_string(&field.tip),
            "StructParent" => next_key,
        };
        match field.kind {
            FieldKind::Text => {
                widget.set("FT", "Tx");
                widget.set("DA", Object::string_literal("/Helv 0 Tf 0 g"));
                if field.height > 30.0 {
                    widget.set("Ff", 4096);
                }
            }
            FieldKind::Check => {
                widget.set("FT", "Btn");
                widget.set("V", "Off");
                widget.set("AS", "Off");
                widget.set(
                    "AP",
                    dictionary! { "N" => dictionary! { "Yes" => check_on, "Off" => check_off } },
                );
            }
        }
        let widget_id = doc.add_object(widget);
        let elem_id = doc.add_object(dictionary! {
            "Type" => "StructElem",
            "S" => "Form",
            "P" => parent_id,
            "K" => dictionary! { "Type" => "OBJR", "Obj" => widget_id, "Pg" => page_id },
        });
        nums.push(Object::Integer(next_key));
        nums.push(Object::Reference(elem_id));
        next_key += 1;
        field_refs.push(Object::Reference(widget_id));
        form_elems.push(Object::Reference(elem_id));
        add_annotation(&mut doc, page_id, widget_id)?;
    }
    // The fields follow the document's content in the structure (and so in reading order).
    let parent = doc
        .get_dictionary_mut(parent_id)
        .map_err(|e| e.to_string())?;
    let mut kids = match parent.get(b"K") {
        Ok(Object::Array(a)) => a.clone(),
        Ok(other) => vec![other.clone()],
        Err(_) => Vec::new(),
    };
    kids.extend(form_elems);
    parent.set("K", kids);
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
    let helvetica = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
    });
    doc.get_dictionary_mut(root_id)
        .map_err(|e| e.to_string())?
        .set(
            "AcroForm",
            dictionary! {
                "Fields" => field_refs,
                "NeedAppearances" => true,
                "DA" => Object::string_literal("/Helv 0 Tf 0 g"),
                "DR" => dictionary! { "Font" => dictionary! { "Helv" => helvetica } },
            },
        );
    let mut out = Vec::with_capacity(pdf.len() + fields.len() * 256);
    doc.save_to(&mut out).map_err(|e| e.to_string())?;
    Ok(out)
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
