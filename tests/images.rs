//! Responsive images through the real binary: a phone photo with EXIF (GPS position, a
//! description, a sideways orientation), XMP and a comment, and a PNG with a text chunk, shown
//! on a page, are published only as smaller re-encoded variants (WebP and their own format)
//! with width, height, srcset and sizes, with no metadata in any published file; a second
//! build takes every variant from the cache and writes the same bytes.
mod support;

use std::io::Cursor;
use std::path::Path;
use std::process::Command;

use support::SiteTest;

const SECRET: &str = "SECRET-SHELTER";

/// A JPEG `w`×`h` (stored; shown turned a quarter, EXIF orientation 6) with EXIF (orientation,
/// description, GPS latitude), an XMP packet and a comment, all written by hand.
fn photo_with_metadata(w: u32, h: u32) -> Vec<u8> {
    let pixels = image::RgbImage::from_fn(w, h, |x, y| {
        // Smooth colour with some texture, like a photo.
        let n = ((x * 7 + y * 13) % 17) as u8;
        image::Rgb([
            (x * 255 / w) as u8 ^ n,
            (y * 255 / h) as u8,
            128u8.wrapping_add(n),
        ])
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 92)
        .encode_image(&pixels)
        .unwrap();
    assert_eq!(&jpeg[..2], &[0xFF, 0xD8]);

    // EXIF: little-endian TIFF, IFD0 with Orientation, ImageDescription and a GPS IFD.
    let desc = format!("{SECRET} description\0");
    let mut tiff: Vec<u8> = b"II*\0".to_vec();
    tiff.extend(8u32.to_le_bytes());
    let ifd0_entries = 3u16;
    let ifd0_len = 2 + 12 * u32::from(ifd0_entries) + 4;
    let desc_at = 8 + ifd0_len;
    let gps_at = desc_at + desc.len() as u32;
    let entry = |tag: u16, kind: u16, count: u32, value: u32| {
        let mut e = tag.to_le_bytes().to_vec();
        e.extend(kind.to_le_bytes());
        e.extend(count.to_le_bytes());
        e.extend(value.to_le_bytes());
        e
    };
    tiff.extend(ifd0_entries.to_le_bytes());
    tiff.extend(entry(0x010E, 2, desc.len() as u32, desc_at)); // ImageDescription
    tiff.extend(entry(0x0112, 3, 1, 6)); // Orientation: turn 90° clockwise
    tiff.extend(entry(0x8825, 4, 1, gps_at)); // GPS IFD
    tiff.extend(0u32.to_le_bytes());
    tiff.extend(desc.as_bytes());
    // GPS IFD: LatitudeRef "N", Latitude 41/1 53/1 0/1.
    let rationals_at = gps_at + 2 + 12 * 2 + 4;
    tiff.extend(2u16.to_le_bytes());
    tiff.extend(entry(0x0001, 2, 2, u32::from_le_bytes(*b"N\0\0\0")));
    tiff.extend(entry(0x0002, 5, 3, rationals_at));
    tiff.extend(0u32.to_le_bytes());
    for (n, d) in [(41u32, 1u32), (53, 1), (0, 1)] {
        tiff.extend(n.to_le_bytes());
        tiff.extend(d.to_le_bytes());
    }
    let segment = |marker: u8, body: &[u8]| {
        let mut s = vec![0xFF, marker];
        s.extend(((body.len() + 2) as u16).to_be_bytes());
        s.extend(body);
        s
    };
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend(&tiff);
    let xmp = format!("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><dc:creator>{SECRET} photographer</dc:creator></x:xmpmeta>");
    let comment = format!("{SECRET} comment");

    let mut out = jpeg[..2].to_vec();
    out.extend(segment(0xE1, &exif));
    out.extend(segment(0xE1, xmp.as_bytes()));
    out.extend(segment(0xFE, comment.as_bytes()));
    out.extend(&jpeg[2..]);
    out
}

/// A PNG `w`×`h` with a tEXt chunk.
fn png_with_text(w: u32, h: u32) -> Vec<u8> {
    let pixels = image::RgbaImage::from_fn(w, h, |x, y| {
        image::Rgba([
            (x % 256) as u8,
            (y % 256) as u8,
            40,
            if x < 10 { 0 } else { 255 },
        ])
    });
    let mut png = Vec::new();
    pixels
        .write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    // tEXt after IHDR (8-byte signature + 25-byte IHDR chunk).
    let data = format!("Author\0{SECRET} author");
    let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
    let mut typed = b"tEXt".to_vec();
    typed.extend(data.as_bytes());
    chunk.extend(&typed);
    chunk.extend(crc32(&typed).to_be_bytes());
    let mut out = png[..33].to_vec();
    out.extend(chunk);
    out.extend(&png[33..]);
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// `ponte build` with its own image cache and the step timings (which count the encodings).
fn build(site: &SiteTest, cache: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_ponte"))
        .arg("build")
        .arg("--root")
        .arg(site.root())
        .env("PONTE_CACHE_DIR", cache)
        .env("PONTE_TIMINGS", "1")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "ponte build failed:\n{stderr}");
    stderr
}

fn append(site: &SiteTest, page: &str, markdown: &str) {
    let text = site.read_source(page);
    site.write(page, format!("{text}\n\n{markdown}\n"));
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn a_photo_with_exif_is_published_only_as_smaller_clean_variants() {
    let site = SiteTest::fixture("basic");
    let photo = photo_with_metadata(2400, 1600);
    let png = png_with_text(600, 400);
    site.write("content/about/workshop.jpg", &photo);
    site.write("content/about/chart.png", &png);
    append(
        &site,
        "content/about/team.en.md",
        "![Two trainers at a workshop](workshop.jpg \"At the workshop\")\n\n![A bar chart of the courses](chart.png)",
    );
    let cache = tempfile::tempdir().unwrap();
    let first = build(&site, cache.path());
    assert!(
        first.contains("images: 10 encoded, 0 from the cache"),
        "{first}"
    );

    // Only variants: three widths of the photo (turned upright: 1600 wide), two of the PNG.
    let media = site.public().join("media/about");
    let mut names: Vec<String> = std::fs::read_dir(&media)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "chart-480w.png",
            "chart-480w.webp",
            "chart-600w.png",
            "chart-600w.webp",
            "workshop-1280w.jpg",
            "workshop-1280w.webp",
            "workshop-480w.jpg",
            "workshop-480w.webp",
            "workshop-800w.jpg",
            "workshop-800w.webp",
        ]
    );
    let expected_height = |w: u32| w * 2400 / 1600;
    for name in &names {
        let bytes = std::fs::read(media.join(name)).unwrap();
        let original = if name.starts_with("workshop") {
            &photo
        } else {
            &png
        };
        assert!(bytes.len() < original.len(), "{name} is not smaller");
        for needle in [
            SECRET.as_bytes(),
            b"Exif\0\0",
            b"ns.adobe.com",
            b"tEXt",
            b"iCCP",
        ] {
            assert!(!contains(&bytes, needle), "{name} carries {needle:?}");
        }
        let decoded = image::load_from_memory(&bytes).unwrap();
        let width: u32 = name
            .rsplit_once('-')
            .and_then(|(_, w)| w.split('w').next())
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(decoded.width(), width, "{name}");
        if name.starts_with("workshop") {
            assert_eq!(decoded.height(), expected_height(width), "{name}");
        }
    }
    // Nothing else anywhere in the output carries the metadata.
    for (path, bytes) in SiteTest::tree(&site.public()) {
        assert!(!contains(&bytes, SECRET.as_bytes()), "{path}");
        assert!(
            !path.ends_with("workshop.jpg") && !path.ends_with("chart.png"),
            "{path}"
        );
    }

    let html = site.output("en/about/team/index.html");
    let picture = html
        .split("<picture>")
        .nth(1)
        .and_then(|p| p.split("</picture>").next())
        .expect("a <picture>");
    for part in [
        "<source type=\"image/webp\" srcset=\"/media/about/workshop-480w.webp 480w, /media/about/workshop-800w.webp 800w, /media/about/workshop-1280w.webp 1280w\" sizes=\"",
        "<img src=\"/media/about/workshop-1280w.jpg\" srcset=\"/media/about/workshop-480w.jpg 480w, /media/about/workshop-800w.jpg 800w, /media/about/workshop-1280w.jpg 1280w\"",
        "width=\"1280\" height=\"1920\" alt=\"Two trainers at a workshop\" title=\"At the workshop\" loading=\"lazy\" decoding=\"async\"",
    ] {
        assert!(picture.contains(part), "{part}\nnot in\n{picture}");
    }
    assert!(html.contains("width=\"600\" height=\"400\" alt=\"A bar chart of the courses\""));

    // A second build: nothing is encoded again, and the output is the same.
    let before = SiteTest::tree(&site.public());
    let second = build(&site, cache.path());
    assert!(
        second.contains("images: 0 encoded, 10 from the cache"),
        "{second}"
    );
    assert_eq!(before, SiteTest::tree(&site.public()));
}

#[test]
fn a_broken_photo_is_an_error_at_its_place() {
    let site = SiteTest::fixture("basic");
    site.write("content/about/broken.jpg", b"\xFF\xD8not a jpeg at all");
    append(&site, "content/about/team.en.md", "![A photo](broken.jpg)");
    let run = site.build();
    assert_ne!(run.code, 0);
    assert!(
        run.stderr
            .contains("the image `broken.jpg`: this is not a JPEG image ponte can read"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("team.en.md:"), "{}", run.stderr);
}
