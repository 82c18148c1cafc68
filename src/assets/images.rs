//! Responsive images: each JPEG or PNG that a page shows is published in up to three widths
//! (never wider than the photo), each in WebP and in the photo's own format for browsers
//! without WebP, all re-encoded from the decoded pixels. Re-encoding drops every metadata
//! block the camera or editor wrote (EXIF with the GPS position, XMP, IPTC, ICC profiles,
//! comments); the original bytes are never published.
//!
//! In: the site root and the `content/` paths pages show (asked for while pages render, by
//! [`Catalog::picture`], which reads only each file's header). Out: the variants put into an
//! [`Output`] by [`Catalog::publish`], encoded once per content hash: a [`Cache`] in the
//! user's cache folder keeps every variant, so a second build re-encodes nothing.
use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::diagnostic::{Diagnostic, Span};
use crate::markdown::Picture;
use crate::output::Output;

/// The widths made, in CSS pixels at most twice the text column (40rem).
pub const WIDTHS: [u32; 3] = [480, 800, 1280];

/// The `sizes` attribute: the image fills the text column (`main`, 42rem with 1rem padding).
pub const SIZES: &str = "(min-width: 42rem) 40rem, calc(100vw - 2rem)";

/// WebP quality for photographs (JPEG sources). Measured on two 4000-pixel photos at 800
/// pixels wide: lossy WebP at 80 is 12–18 KB, lossless WebP 261–288 KB, JPEG at 80 24–41 KB.
/// PNG sources (drawings, screenshots, text) are encoded losslessly.
pub const WEBP_QUALITY: f32 = 80.0;

/// JPEG quality of the fallback.
pub const JPEG_QUALITY: u8 = 80;

/// Changes whenever the encoding changes, so that cached variants are made again.
const ENCODING: &str = "v1-q80";

/// The largest photo ponte decodes, in pixels on a side (a phone's is about 8000).
const MAX_SIDE: u32 = 20_000;

/// Whether a `content/` file is published as a responsive image.
pub fn is_picture(content_path: &str) -> bool {
    format_of(content_path).is_some()
}

fn format_of(path: &str) -> Option<ImageFormat> {
    let ext = path.rsplit('.').next()?.to_ascii_lowercase();
    match ext.as_str() {
        "jpg" | "jpeg" => Some(ImageFormat::Jpeg),
        "png" => Some(ImageFormat::Png),
        _ => None,
    }
}

/// What the header of an image says, and its content hash.
#[derive(Debug, Clone)]
struct Probe {
    hash: String,
    format: ImageFormat,
    /// As shown, after the EXIF orientation.
    width: u32,
    height: u32,
}

impl Probe {
    fn widths(&self) -> Vec<u32> {
        let mut widths: Vec<u32> = WIDTHS
            .iter()
            .copied()
            .filter(|&w| w <= self.width)
            .collect();
        if self.width < WIDTHS[WIDTHS.len() - 1] && !widths.contains(&self.width) {
            widths.push(self.width);
        }
        widths
    }
    fn height_at(&self, width: u32) -> u32 {
        let h = (u64::from(self.height) * u64::from(width) + u64::from(self.width) / 2)
            / u64::from(self.width.max(1));
        (h as u32).max(1)
    }
}

/// The images pages show, found while they render.
pub struct Catalog {
    root: PathBuf,
    probes: Mutex<BTreeMap<String, Result<Arc<Probe>, String>>>,
    encoded: AtomicUsize,
    cached: AtomicUsize,
}

/// How many variants a build encoded and how many it took from the cache.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub encoded: usize,
    pub cached: usize,
}

impl Catalog {
    pub fn new(root: &Path) -> Catalog {
        Catalog {
            root: root.to_path_buf(),
            probes: Mutex::new(BTreeMap::new()),
            encoded: AtomicUsize::new(0),
            cached: AtomicUsize::new(0),
        }
    }

    /// The `<picture>` of the `content/` file `content_path` (a JPEG or PNG beside a page),
    /// or why it cannot be shown. The file's header is read once, whichever pages show it.
    pub fn picture(&self, content_path: &str) -> Result<Picture, String> {
        let known = self
            .probes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(content_path)
            .cloned();
        let probe = match known {
            Some(p) => p,
            None => {
                let p = probe(&self.root.join("content").join(content_path), content_path)
                    .map(Arc::new);
                self.probes
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(content_path.to_string(), p.clone());
                p
            }
        }?;
        let widths = probe.widths();
        let largest = *widths.last().unwrap_or(&probe.width);
        let ext = extension(probe.format);
        let srcset = |ext: &str| {
            widths
                .iter()
                .map(|&w| format!("{} {w}w", variant_url(content_path, w, ext)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        Ok(Picture {
            width: largest,
            height: probe.height_at(largest),
            src: variant_url(content_path, largest, ext),
            srcset: srcset(ext),
            webp_srcset: srcset("webp"),
            sizes: SIZES.to_string(),
        })
    }

    /// Whether any page showed `content_path` as a picture.
    pub fn shows(&self, content_path: &str) -> bool {
        self.probes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains_key(content_path)
    }

    /// Every variant of every image shown, from the cache or encoded now, into `out`.
    pub fn publish(&self, cache: &Cache, out: &dyn Output) -> (Vec<Diagnostic>, Counts) {
        let probes: Vec<(String, Arc<Probe>)> = self
            .probes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .filter_map(|(path, p)| Some((path.clone(), p.as_ref().ok()?.clone())))
            .collect();
        let problems: Vec<Diagnostic> = probes
            .par_iter()
            .flat_map(|(path, probe)| self.publish_one(path, probe, cache, out))
            .collect();
        let counts = Counts {
            encoded: self.encoded.load(Ordering::Relaxed),
            cached: self.cached.load(Ordering::Relaxed),
        };
        (problems, counts)
    }

    fn publish_one(
        &self,
        content_path: &str,
        probe: &Probe,
        cache: &Cache,
        out: &dyn Output,
    ) -> Vec<Diagnostic> {
        let file = Path::new("content").join(content_path);
        let problem = |why: String| {
            Diagnostic::error(format!("`{}`: {why}", file.display()))
                .at(Span::file(&file))
                .hint("export the image again as JPEG or PNG, or replace the file")
        };
        // Decoded (once) only when a variant is not in the cache.
        let mut pixels: Option<DynamicImage> = None;
        let mut problems = Vec::new();
        let ext = extension(probe.format);
        let widths = probe.widths();
        for (i, &width) in widths.iter().enumerate().rev() {
            let mut resized: Option<DynamicImage> = None;
            for kind in ["webp", ext] {
                let key = format!("{}-{width}-{ENCODING}.{kind}", probe.hash);
                let bytes = match cache.get(&key) {
                    Some(bytes) => {
                        self.cached.fetch_add(1, Ordering::Relaxed);
                        bytes
                    }
                    None => {
                        if resized.is_none() {
                            if pixels.is_none() {
                                match read(&self.root.join(&file), probe.format) {
                                    Ok(p) => pixels = Some(p),
                                    Err(why) => return vec![problem(why)],
                                }
                            }
                            resized = pixels
                                .as_ref()
                                .map(|p| resize(p, width, probe.height_at(width)));
                        }
                        let Some(image) = resized.as_ref() else {
                            return problems;
                        };
                        let encoded = match kind {
                            "webp" => webp(image, probe.format == ImageFormat::Png),
                            _ => fallback(image, probe.format),
                        };
                        match encoded {
                            Ok(bytes) => {
                                self.encoded.fetch_add(1, Ordering::Relaxed);
                                cache.put(&key, &bytes);
                                bytes
                            }
                            Err(why) => {
                                problems.push(problem(why));
                                continue;
                            }
                        }
                    }
                };
                let url = variant_url(content_path, width, kind);
                let path = url.trim_start_matches('/');
                if let Err(e) = out.put_from(path, bytes, &file.to_string_lossy()) {
                    problems.push(Diagnostic::error(format!("cannot write `{path}`: {e}")));
                }
            }
            // The smaller widths are made from the largest: quicker, and as sharp.
            if i + 1 == widths.len() {
                if let Some(r) = resized.take() {
                    pixels = Some(r);
                }
            }
        }
        problems
    }
}

/// `/media/DIR/NAME-800w.webp` for `DIR/NAME.jpg` at 800 pixels.
fn variant_url(content_path: &str, width: u32, ext: &str) -> String {
    let stem = content_path
        .rsplit_once('.')
        .map_or(content_path, |(s, _)| s);
    format!("/media/{stem}-{width}w.{ext}")
}

fn extension(format: ImageFormat) -> &'static str {
    match format {
        ImageFormat::Png => "png",
        _ => "jpg",
    }
}

fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits
}

/// The content hash and size as shown, from the file's header.
fn probe(path: &Path, content_path: &str) -> Result<Probe, String> {
    let format = format_of(content_path).ok_or("not a JPEG or PNG image")?;
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read it: {e}"))?;
    let hash: String = Sha256::digest(&bytes)
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect();
    let mut reader = ImageReader::with_format(Cursor::new(&bytes), format);
    reader.limits(limits());
    let mut decoder = reader.into_decoder().map_err(|e| not_an_image(format, e))?;
    let (w, h) = decoder.dimensions();
    let turned = decoder.orientation().is_ok_and(|o| {
        use image::metadata::Orientation::*;
        matches!(o, Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH)
    });
    let (width, height) = if turned { (h, w) } else { (w, h) };
    if width == 0 || height == 0 {
        return Err("the image has no pixels".into());
    }
    Ok(Probe {
        hash,
        format,
        width,
        height,
    })
}

fn not_an_image(format: ImageFormat, e: image::ImageError) -> String {
    let name = if format == ImageFormat::Png {
        "PNG"
    } else {
        "JPEG"
    };
    format!("this is not a {name} image ponte can read ({e})")
}

/// The pixels, turned as the EXIF orientation says (the orientation is lost with the EXIF).
fn read(path: &Path, format: ImageFormat) -> Result<DynamicImage, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read it: {e}"))?;
    let mut reader = ImageReader::with_format(Cursor::new(&bytes), format);
    reader.limits(limits());
    let mut decoder = reader.into_decoder().map_err(|e| not_an_image(format, e))?;
    let orientation = decoder.orientation().ok();
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| not_an_image(format, e))?;
    if let Some(o) = orientation {
        image.apply_orientation(o);
    }
    Ok(image)
}

/// 8-bit pixels at `width`×`height`, with alpha only if the image has it.
fn resize(image: &DynamicImage, width: u32, height: u32) -> DynamicImage {
    use image::imageops::FilterType;
    let same = image.width() == width && image.height() == height;
    if image.color().has_alpha() {
        let rgba = image.to_rgba8();
        if same {
            return DynamicImage::ImageRgba8(rgba);
        }
        DynamicImage::ImageRgba8(image::imageops::resize(
            &rgba,
            width,
            height,
            FilterType::Lanczos3,
        ))
    } else {
        let rgb = image.to_rgb8();
        if same {
            return DynamicImage::ImageRgb8(rgb);
        }
        DynamicImage::ImageRgb8(image::imageops::resize(
            &rgb,
            width,
            height,
            FilterType::Lanczos3,
        ))
    }
}

fn webp(image: &DynamicImage, lossless: bool) -> Result<Vec<u8>, String> {
    let (w, h) = (image.width(), image.height());
    let encoder = match image {
        DynamicImage::ImageRgba8(p) => webp::Encoder::from_rgba(p.as_raw(), w, h),
        DynamicImage::ImageRgb8(p) => webp::Encoder::from_rgb(p.as_raw(), w, h),
        _ => return Err("unexpected pixel format".into()),
    };
    encoder
        .encode_simple(lossless, WEBP_QUALITY)
        .map(|m| m.to_vec())
        .map_err(|e| format!("cannot encode WebP: {e:?}"))
}

fn fallback(image: &DynamicImage, format: ImageFormat) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    let result = if format == ImageFormat::Png {
        image.write_with_encoder(image::codecs::png::PngEncoder::new(&mut bytes))
    } else {
        image.write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
            &mut bytes,
            JPEG_QUALITY,
        ))
    };
    result
        .map(|()| bytes)
        .map_err(|e| format!("cannot encode: {e}"))
}

/// Encoded variants by content hash, in `PONTE_CACHE_DIR`, else the user's cache folder
/// (`$XDG_CACHE_HOME/ponte/images`, `~/.cache/ponte/images`, `%LOCALAPPDATA%\ponte\images`,
/// `~/Library/Caches/ponte/images`): never in the site's folder, so never in its git history.
/// Without such a folder, every build encodes.
pub struct Cache {
    dir: Option<PathBuf>,
}

impl Cache {
    pub fn locate() -> Cache {
        let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        let base = if let Some(dir) = var("PONTE_CACHE_DIR") {
            Some(PathBuf::from(dir))
        } else if cfg!(windows) {
            var("LOCALAPPDATA").map(|d| PathBuf::from(d).join("ponte"))
        } else if cfg!(target_os = "macos") {
            var("HOME").map(|d| PathBuf::from(d).join("Library/Caches/ponte"))
        } else {
            var("XDG_CACHE_HOME")
                .map(PathBuf::from)
                .or_else(|| var("HOME").map(|h| PathBuf::from(h).join(".cache")))
                .map(|d| d.join("ponte"))
        };
        Cache {
            dir: base.map(|b| b.join("images")),
        }
    }

    /// No cache: every build encodes.
    pub fn none() -> Cache {
        Cache { dir: None }
    }

    fn path(&self, key: &str) -> Option<PathBuf> {
        Some(self.dir.as_ref()?.join(key.get(..2)?).join(key))
    }

    fn get(&self, key: &str) -> Option<Vec<u8>> {
        std::fs::read(self.path(key)?)
            .ok()
            .filter(|b| !b.is_empty())
    }

    /// Keeps `bytes` under `key`, written to a temporary name first: two builds at once
    /// never read half a file. A cache that cannot be written is only slower.
    fn put(&self, key: &str, bytes: &[u8]) {
        let Some(path) = self.path(key) else { return };
        let Some(dir) = path.parent() else { return };
        if std::fs::create_dir_all(dir).is_err() {
            return;
        }
        let tmp = dir.join(format!(".{key}.{}.tmp", std::process::id()));
        if std::fs::write(&tmp, bytes).is_ok() && std::fs::rename(&tmp, &path).is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }
}

/// Variants by content path, for tests: which widths an image of `width` gets.
pub fn widths_for(width: u32) -> Vec<u32> {
    Probe {
        hash: String::new(),
        format: ImageFormat::Jpeg,
        width,
        height: 1,
    }
    .widths()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_never_upscaled() {
        assert_eq!(widths_for(3000), [480, 800, 1280]);
        assert_eq!(widths_for(1280), [480, 800, 1280]);
        assert_eq!(widths_for(1000), [480, 800, 1000]);
        assert_eq!(widths_for(600), [480, 600]);
        assert_eq!(widths_for(480), [480]);
        assert_eq!(widths_for(300), [300]);
    }

    #[test]
    fn variant_names() {
        assert_eq!(
            variant_url("news/photo.JPG", 800, "webp"),
            "/media/news/photo-800w.webp"
        );
    }
}
