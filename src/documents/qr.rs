//! QR codes for the way back from paper to the site: the `qrcode` crate computes the
//! modules; this draws them as one SVG path (with the quiet zone the standard asks for).
use std::fmt::Write;

use qrcode::{Color, EcLevel, QrCode};

/// The QR code of `url` as an SVG image, or `None` when the address is too long to encode.
pub fn svg(url: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let quiet = 4;
    let size = width + 2 * quiet;
    let mut path = String::with_capacity(width * width * 4);
    for y in 0..width {
        for x in 0..width {
            if colors[y * width + x] == Color::Dark {
                let _ = write!(path, "M{} {}h1v1h-1z", x + quiet, y + quiet);
            }
        }
    }
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_every_dark_module() {
        let svg = svg("https://win-project.eu/d/pip/en/").unwrap();
        let code = QrCode::with_error_correction_level(
            "https://win-project.eu/d/pip/en/".as_bytes(),
            EcLevel::M,
        )
        .unwrap();
        let dark = code
            .to_colors()
            .iter()
            .filter(|c| **c == Color::Dark)
            .count();
        assert_eq!(svg.matches('M').count(), dark);
        let size = code.width() + 8;
        assert!(svg.contains(&format!("viewBox=\"0 0 {size} {size}\"")));
        // The same address always gives the same drawing.
        assert_eq!(svg, super::svg("https://win-project.eu/d/pip/en/").unwrap());
    }
}
