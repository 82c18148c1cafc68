//! Removing personal metadata from published images: EXIF (camera, date, GPS position),
//! XMP and IPTC (author, captions) and comments. A photo taken at a shelter must not carry
//! the shelter's coordinates onto the public site.
//!
//! JPEG and PNG are cleaned; a PDF loses its document information (author, creator,
//! producer) and XMP metadata (with lopdf); a WebP or GIF that carries metadata is refused
//! (its container would need rewriting), as is an SVG with editor metadata or code, and any
//! file that is not what its name says. Formats whose metadata ponte cannot remove (TIFF,
//! HEIC, camera raw, office documents, audio and video) and formats it does not know are
//! refused with a way to export them cleanly; only plain text and CSV pass as they are.

/// Returns the file without metadata, or why it cannot be published.
pub fn strip(name: &str, bytes: &[u8]) -> Result<Vec<u8>, String> {
    let ext = extension(name);
    match ext.as_str() {
        "jpg" | "jpeg" => strip_jpeg(bytes),
        "png" => strip_png(bytes),
        "webp" => check_webp(bytes).map(|()| bytes.to_vec()),
        "gif" => check_gif(bytes).map(|()| bytes.to_vec()),
        "svg" => check_svg(bytes).map(|()| bytes.to_vec()),
        "pdf" => strip_pdf(bytes),
        "txt" | "csv" => Ok(bytes.to_vec()),
        "tif" | "tiff" | "heic" | "heif" | "avif" | "dng" | "cr2" | "cr3" | "nef" | "arw"
        | "orf" | "raf" | "rw2" | "psd" | "bmp" => Err(format!(
            "a .{ext} image keeps the camera's and author's data (names, dates, GPS position), which ponte cannot remove"
        )),
        "doc" | "docx" | "odt" | "rtf" | "xls" | "xlsx" | "ods" | "ppt" | "pptx" | "odp"
        | "pages" | "key" | "numbers" => Err(format!(
            "a .{ext} document carries its authors' names and its editing history"
        )),
        "mp4" | "m4v" | "mov" | "avi" | "mkv" | "webm" | "mp3" | "m4a" | "wav" | "ogg"
        | "opus" | "flac" => Err(format!(
            "a .{ext} recording can carry the place and device it was made with, which ponte cannot remove"
        )),
        _ => Err(format!(
            "ponte cannot tell whether a .{ext} file carries personal data, so it does not publish it"
        )),
    }
}

/// How to make a file that [`strip`] refused publishable.
pub fn export_hint(name: &str) -> &'static str {
    match extension(name).as_str() {
        "jpg" | "jpeg" | "png" | "webp" | "gif" | "tif" | "tiff" | "heic" | "heif" | "avif"
        | "dng" | "cr2" | "cr3" | "nef" | "arw" | "orf" | "raf" | "rw2" | "psd" | "bmp" => {
            "export the image again as JPEG or PNG (\"Export\" or \"Save for web\", with metadata off); ponte removes what is left"
        }
        "svg" => "save it as plain or optimised SVG (Inkscape: Save As → Optimized SVG), without scripts or metadata",
        "pdf" => "export the PDF again from the program that made it (File → Export as PDF), not encrypted",
        "doc" | "docx" | "odt" | "rtf" | "xls" | "xlsx" | "ods" | "ppt" | "pptx" | "odp"
        | "pages" | "key" | "numbers" => {
            "export it as PDF (File → Export as PDF) and link the PDF: ponte removes a PDF's author and editing data"
        }
        "mp4" | "m4v" | "mov" | "avi" | "mkv" | "webm" | "mp3" | "m4a" | "wav" | "ogg"
        | "opus" | "flac" => {
            "publish the recording on a video or audio site and link it with {{ video(url=\"…\", title=\"…\") }}"
        }
        _ => "if the file is meant to be published exactly as it is, put it in static/; otherwise export it as PDF, JPEG or PNG",
    }
}

fn extension(name: &str) -> String {
    match name
        .rsplit_once('/')
        .map_or(name, |(_, n)| n)
        .rsplit_once('.')
    {
        Some((_, ext)) => ext.to_ascii_lowercase(),
        None => String::new(),
    }
}

/// Removes the document information dictionary (author, creator, producer, dates) and the
/// XMP metadata streams of a PDF.
fn strip_pdf(bytes: &[u8]) -> Result<Vec<u8>, String> {
    if !bytes.starts_with(b"%PDF-") {
        return Err("this is not a PDF file, although its name says so".to_string());
    }
    let mut doc = lopdf::Document::load_mem(bytes)
        .map_err(|e| format!("ponte cannot read this PDF to remove its author ({e})"))?;
    if doc.is_encrypted() {
        return Err("this PDF is encrypted, so ponte cannot remove its author".to_string());
    }
    doc.trailer.remove(b"Info");
    for (_, object) in doc.objects.iter_mut() {
        let dict = match object {
            lopdf::Object::Dictionary(d) => d,
            lopdf::Object::Stream(s) => &mut s.dict,
            _ => continue,
        };
        // XMP packets (on the catalog, pages, images) and piece info (editor's private data).
        dict.remove(b"Metadata");
        dict.remove(b"PieceInfo");
    }
    let xmp: Vec<lopdf::ObjectId> = doc
        .objects
        .iter()
        .filter(|(_, o)| {
            o.as_stream().is_ok_and(|s| {
                s.dict
                    .get(b"Subtype")
                    .and_then(|t| t.as_name())
                    .is_ok_and(|n| n == b"XML")
            })
        })
        .map(|(id, _)| *id)
        .collect();
    for id in xmp {
        doc.objects.remove(&id);
    }
    // The information dictionary is still an object of its own: drop all that nothing uses.
    doc.prune_objects();
    let mut out = Vec::new();
    doc.save_to(&mut out)
        .map_err(|e| format!("ponte cannot write this PDF again ({e})"))?;
    Ok(out)
}

fn check_gif(bytes: &[u8]) -> Result<(), String> {
    if !(bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a")) {
        return Err("this is not a GIF file, although its name says so".to_string());
    }
    if bytes.windows(11).any(|w| w == b"XMP DataXMP") {
        return Err("this GIF image carries XMP metadata (author, place)".to_string());
    }
    Ok(())
}

fn check_svg(bytes: &[u8]) -> Result<(), String> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| "this SVG file is not UTF-8 text".to_string())?
        .to_ascii_lowercase();
    if !text.contains("<svg") {
        return Err("this is not an SVG file, although its name says so".to_string());
    }
    if text.contains("<script") || text.contains("javascript:") || text.contains("<foreignobject") {
        return Err(
            "this SVG image contains code, which could run in the reader's browser".to_string(),
        );
    }
    if text.contains("<metadata") || text.contains("sodipodi:") || text.contains("inkscape:") {
        return Err("this SVG image carries its editor's metadata (author, file names on the computer that made it)".to_string());
    }
    let events = text.match_indices(" on").any(|(i, _)| {
        let rest = &text[i + 3..];
        let n = rest.chars().take_while(|c| c.is_ascii_alphabetic()).count();
        n > 0 && rest[n..].trim_start().starts_with('=')
    });
    if events {
        return Err(
            "this SVG image contains code, which could run in the reader's browser".to_string(),
        );
    }
    Ok(())
}

fn strip_jpeg(bytes: &[u8]) -> Result<Vec<u8>, String> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return Err("this is not a JPEG file, although its name says so".to_string());
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..2]);
    let mut i = 2;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            return Err("the JPEG file is damaged".to_string());
        }
        let marker = bytes[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        if (0xD0..=0xD7).contains(&marker) || marker == 0x01 {
            out.extend_from_slice(&bytes[i..i + 2]);
            i += 2;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        let end = i + 2 + len;
        if len < 2 || end > bytes.len() {
            return Err("the JPEG file is damaged".to_string());
        }
        // APP1 (EXIF, XMP), APP13 (IPTC), COM (comments) carry personal data.
        let personal = matches!(marker, 0xE1 | 0xED | 0xFE);
        if !personal {
            out.extend_from_slice(&bytes[i..end]);
        }
        i = end;
        if marker == 0xDA {
            // Start of scan: the compressed image follows, up to the end.
            out.extend_from_slice(&bytes[i..]);
            return Ok(out);
        }
    }
    Err("the JPEG file ends too early".to_string())
}

fn strip_png(bytes: &[u8]) -> Result<Vec<u8>, String> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if !bytes.starts_with(SIGNATURE) {
        return Err("this is not a PNG file, although its name says so".to_string());
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(SIGNATURE);
    let mut i = SIGNATURE.len();
    while i + 12 <= bytes.len() {
        let len = u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]) as usize;
        let end = i
            .checked_add(12 + len)
            .filter(|&e| e <= bytes.len())
            .ok_or("the PNG file is damaged")?;
        let kind = &bytes[i + 4..i + 8];
        let personal = matches!(kind, b"tEXt" | b"zTXt" | b"iTXt" | b"eXIf" | b"tIME");
        if !personal {
            out.extend_from_slice(&bytes[i..end]);
        }
        i = end;
        if kind == b"IEND" {
            return Ok(out);
        }
    }
    Err("the PNG file ends too early".to_string())
}

fn check_webp(bytes: &[u8]) -> Result<(), String> {
    if bytes.len() < 12 || &bytes[..4] != b"RIFF" || &bytes[8..12] != b"WEBP" {
        return Err("this is not a WebP file, although its name says so".to_string());
    }
    let mut i = 12;
    while i + 8 <= bytes.len() {
        let kind = &bytes[i..i + 4];
        if kind == b"EXIF" || kind == b"XMP " {
            return Err(
                "this WebP image carries EXIF or XMP metadata (camera, place, author)".to_string(),
            );
        }
        let len =
            u32::from_le_bytes([bytes[i + 4], bytes[i + 5], bytes[i + 6], bytes[i + 7]]) as usize;
        i = i.saturating_add(8 + len + (len & 1));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment(marker: u8, data: &[u8]) -> Vec<u8> {
        let mut s = vec![0xFF, marker];
        s.extend_from_slice(&((data.len() + 2) as u16).to_be_bytes());
        s.extend_from_slice(data);
        s
    }

    #[test]
    fn jpeg_loses_exif_xmp_and_comments_but_keeps_the_image() {
        let mut jpeg = vec![0xFF, 0xD8];
        jpeg.extend(segment(0xE0, b"JFIF\0"));
        jpeg.extend(segment(0xE1, b"Exif\0\0GPS 45.46N 9.19E"));
        jpeg.extend(segment(0xFE, b"taken by Ana"));
        jpeg.extend(segment(0xDB, &[0; 4]));
        jpeg.extend(segment(0xDA, &[1, 2, 3]));
        jpeg.extend([9, 9, 9, 0xFF, 0xD9]);
        let clean = strip("photo.JPG", &jpeg).unwrap();
        let text = String::from_utf8_lossy(&clean);
        assert!(!text.contains("GPS") && !text.contains("Ana"));
        assert!(text.contains("JFIF"));
        assert!(clean.ends_with(&[9, 9, 9, 0xFF, 0xD9]));
    }

    #[test]
    fn png_loses_text_chunks() {
        let chunk = |kind: &[u8], data: &[u8]| {
            let mut c = (data.len() as u32).to_be_bytes().to_vec();
            c.extend_from_slice(kind);
            c.extend_from_slice(data);
            c.extend_from_slice(&[0; 4]);
            c
        };
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend(chunk(b"IHDR", &[0; 13]));
        png.extend(chunk(b"tEXt", b"Author\0Ana"));
        png.extend(chunk(b"IDAT", &[1, 2]));
        png.extend(chunk(b"IEND", &[]));
        let clean = strip("a.png", &png).unwrap();
        assert!(!String::from_utf8_lossy(&clean).contains("Ana"));
        assert_eq!(clean.len(), png.len() - (12 + 10));
    }

    #[test]
    fn damaged_or_mislabelled_files_are_refused() {
        assert!(strip("a.jpg", b"GIF89a").is_err());
        assert!(strip("a.jpg", &[0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF]).is_err());
        assert!(strip("a.png", b"\x89PNG\r\n\x1a\n\0\0").is_err());
        let mut webp = b"RIFF\0\0\0\0WEBP".to_vec();
        webp.extend(b"EXIF\x02\0\0\0ab");
        assert!(strip("a.webp", &webp).unwrap_err().contains("EXIF"));
        assert_eq!(strip("a.txt", b"x").unwrap(), b"x");
        assert!(strip("a.tiff", b"II*\0").unwrap_err().contains("GPS"));
        assert!(strip("notes.docx", b"PK").is_err());
        assert!(strip("a.svg", b"<svg onload=\"x()\"/>").is_err());
        assert!(strip("a.svg", b"<svg><metadata>Ana</metadata></svg>").is_err());
        assert!(strip("a.svg", b"<svg viewBox=\"0 0 1 1\"/>").is_ok());
    }
}
