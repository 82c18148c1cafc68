//! HTTP: requests answered from the in-memory [`Snapshot`].
//!
//! In: a tiny_http request. Out: its response. An address is decoded strictly (bad
//! percent-encoding, invalid UTF-8, NUL, backslashes, `.` and `..` segments are refused with
//! 400) and then only looked up among the built files: no address ever reaches the disk.
//! `/__ponte/` is reserved for the live-reload script, its styles and its events.
use std::sync::Arc;

use tiny_http::{Header, Method, Request, Response, StatusCode};

use super::live;
use super::{Snapshot, State};

/// The reserved prefix.
pub const RESERVED: &str = "/__ponte/";

/// Why an address was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// Not a well-formed path inside the site: 400.
    BadRequest(&'static str),
}

/// What an address names in a snapshot.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    /// A built file, by its key in the snapshot.
    File(String),
    /// A folder written without its final slash: redirect here.
    Redirect(String),
    /// Nothing: answer with this 404 page, if the site has one.
    NotFound(Option<String>),
}

/// Whether a `Host` header names this machine: `localhost` or an IP address. Any other name
/// is refused, so that a web page cannot use DNS rebinding to read the preview (drafts
/// included) through the reader's browser.
pub fn host_allowed(host: Option<&str>) -> bool {
    let Some(host) = host else { return true };
    let name = if let Some(rest) = host.strip_prefix('[') {
        return rest
            .split(']')
            .next()
            .is_some_and(|ip| ip.parse::<std::net::Ipv6Addr>().is_ok());
    } else {
        host.rsplit_once(':').map_or(host, |(name, port)| {
            if port.chars().all(|c| c.is_ascii_digit()) {
                name
            } else {
                host
            }
        })
    };
    name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::Ipv4Addr>().is_ok()
}

/// Answers one request.
pub fn handle(state: &Arc<State>, request: Request) {
    let host = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().to_string());
    if !host_allowed(host.as_deref()) {
        let _ = request.respond(text(
            403,
            "this preview answers only to localhost or an IP address\n",
        ));
        return;
    }
    let head = match request.method() {
        Method::Get => false,
        Method::Head => true,
        _ => {
            let response = text(405, "only GET and HEAD are supported\n")
                .with_header(header("Allow", "GET, HEAD"));
            let _ = request.respond(response);
            return;
        }
    };
    let path = match decode_path(request.url()) {
        Ok(path) => path,
        Err(Refused::BadRequest(why)) => {
            let _ = request.respond(text(400, &format!("bad request: {why}\n")));
            return;
        }
    };
    if let Some(name) = path.strip_prefix(RESERVED) {
        return reserved(state, request, name, head);
    }
    // Under a sub-path, `/` leads to it and nothing else outside it is the site.
    let path = if state.prefix.is_empty() {
        path
    } else if path == "/" || path == state.prefix {
        let response = Response::from_data(Vec::new())
            .with_status_code(302)
            .with_header(header("Location", &format!("{}/", state.prefix)));
        let _ = request.respond(response);
        return;
    } else if let Some(rest) = path
        .strip_prefix(&state.prefix)
        .filter(|r| r.starts_with('/'))
    {
        rest.to_string()
    } else {
        let _ = request.respond(text(
            404,
            &format!(
                "not found: this site is previewed under {}/\n",
                state.prefix
            ),
        ));
        return;
    };
    let Some(snapshot) = state.snapshot() else {
        let response = Response::from_data(live::waiting_page())
            .with_status_code(503)
            .with_header(header("Content-Type", "text/html; charset=utf-8"))
            .with_header(header("Cache-Control", "no-store"));
        let _ = request.respond(response);
        return;
    };
    let response = match lookup(&snapshot, &path) {
        Lookup::File(key) => {
            let not_modified = if_none_match(&request)
                .is_some_and(|tags| matches_etag(tags, &etag(&snapshot, &key)));
            file_response(&snapshot, &key, if not_modified { 304 } else { 200 })
        }
        Lookup::Redirect(location) => Response::from_data(Vec::new())
            .with_status_code(301)
            .with_header(header("Location", &format!("{}{location}", state.prefix))),
        Lookup::NotFound(Some(page)) => file_response(&snapshot, &page, 404),
        Lookup::NotFound(None) => text(404, "not found\n"),
    };
    let _ = request.respond(response);
}

/// `/__ponte/NAME`.
fn reserved(state: &Arc<State>, request: Request, name: &str, head: bool) {
    let (kind, body) = match name {
        "live.js" => ("text/javascript; charset=utf-8", live::SCRIPT.to_string()),
        "live.css" => ("text/css; charset=utf-8", live::STYLES.to_string()),
        "errors" => (
            "text/plain; charset=utf-8",
            state.errors().map(|e| e.to_string()).unwrap_or_default(),
        ),
        "events" if !head => {
            let greeting = state.greeting();
            let state = state.clone();
            let spawned = std::thread::Builder::new()
                .name("ponte-events".into())
                .spawn(move || state.hub.stream(request, greeting));
            if let Err(e) = spawned {
                eprintln!("ponte: cannot open a live-reload connection: {e}");
            }
            return;
        }
        "events" => ("text/event-stream; charset=utf-8", String::new()),
        _ => {
            let _ = request.respond(text(404, "not found\n"));
            return;
        }
    };
    let response = Response::from_data(body.into_bytes())
        .with_header(header("Content-Type", kind))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"));
    let _ = request.respond(response);
}

/// The decoded path of a request target (`/en/about/?x` → `/en/about/`), or why it is refused.
pub fn decode_path(target: &str) -> Result<String, Refused> {
    let raw = target.split(['?', '#']).next().unwrap_or("");
    if !raw.starts_with('/') {
        return Err(Refused::BadRequest("the address must start with /"));
    }
    let mut bytes = Vec::with_capacity(raw.len());
    let mut input = raw.bytes();
    while let Some(b) = input.next() {
        if b == b'%' {
            let hi = input.next().and_then(hex);
            let lo = input.next().and_then(hex);
            match (hi, lo) {
                (Some(hi), Some(lo)) => bytes.push(hi << 4 | lo),
                _ => return Err(Refused::BadRequest("invalid percent-encoding")),
            }
        } else {
            bytes.push(b);
        }
    }
    let path = String::from_utf8(bytes)
        .map_err(|_| Refused::BadRequest("the address is not valid UTF-8"))?;
    if path.chars().any(char::is_control) {
        return Err(Refused::BadRequest("control characters in the address"));
    }
    if path.contains('\\') {
        return Err(Refused::BadRequest("backslashes in the address"));
    }
    let segments: Vec<&str> = path[1..].split('/').collect();
    let last = segments.len() - 1;
    for (i, segment) in segments.iter().enumerate() {
        if *segment == "." || *segment == ".." {
            return Err(Refused::BadRequest("`.` or `..` in the address"));
        }
        if segment.is_empty() && i != last {
            return Err(Refused::BadRequest("an empty segment (//) in the address"));
        }
    }
    Ok(path)
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Finds what a decoded path names: the file, a folder's `index.html`, or the 404 page of
/// the address's language (`/el/...` → `el/404.html`), else the site's `404.html`.
pub fn lookup(snapshot: &Snapshot, path: &str) -> Lookup {
    let key = path.trim_start_matches('/');
    let key = if key.is_empty() || key.ends_with('/') {
        format!("{key}index.html")
    } else {
        key.to_string()
    };
    if snapshot.files.contains_key(&key) {
        return Lookup::File(key);
    }
    if !path.ends_with('/') && snapshot.files.contains_key(&format!("{key}/index.html")) {
        return Lookup::Redirect(encode_path(&format!("{path}/")));
    }
    let lang = key.split('/').next().unwrap_or("");
    let lang_page = format!("{lang}/404.html");
    if snapshot.files.contains_key(&lang_page) {
        Lookup::NotFound(Some(lang_page))
    } else if snapshot.files.contains_key("404.html") {
        Lookup::NotFound(Some("404.html".to_string()))
    } else {
        Lookup::NotFound(None)
    }
}

/// Percent-encodes what may not stand in a `Location` header as it is.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The response for a built file, with the live-reload script added to HTML.
fn file_response(
    snapshot: &Snapshot,
    key: &str,
    status: u16,
) -> Response<std::io::Cursor<Vec<u8>>> {
    let kind = mime(key);
    let tag = etag(snapshot, key);
    let bytes = match (status, snapshot.files.get(key)) {
        (304, _) | (_, None) => Vec::new(),
        (_, Some(file)) if is_html(kind) => live::inject(&file.bytes, snapshot.generation),
        (_, Some(file)) => file.bytes.clone(),
    };
    let mut response = Response::from_data(bytes)
        .with_status_code(status)
        .with_header(header("Cache-Control", "no-cache"))
        .with_header(header("X-Content-Type-Options", "nosniff"));
    if status != 304 {
        response = response.with_header(header("Content-Type", kind));
    }
    if status != 404 {
        response = response.with_header(header("ETag", &tag));
    }
    response
}

/// A file's ETag; an HTML page's also names the generation, which its injected script carries.
fn etag(snapshot: &Snapshot, key: &str) -> String {
    let Some(file) = snapshot.files.get(key) else {
        return String::new();
    };
    if is_html(mime(key)) {
        format!(
            "{}-{}\"",
            file.etag().trim_end_matches('"'),
            snapshot.generation
        )
    } else {
        file.etag().to_string()
    }
}

fn if_none_match(request: &Request) -> Option<&str> {
    request
        .headers()
        .iter()
        .find(|h| h.field.equiv("If-None-Match"))
        .map(|h| h.value.as_str())
}

/// Whether an `If-None-Match` value names `etag` (or is `*`).
pub fn matches_etag(header: &str, etag: &str) -> bool {
    header
        .split(',')
        .map(str::trim)
        .any(|t| t == "*" || t == etag || t.strip_prefix("W/") == Some(etag))
}

fn is_html(kind: &str) -> bool {
    kind.starts_with("text/html")
}

/// The media type of a built file, from its extension.
pub fn mime(path: &str) -> &'static str {
    let ext = path
        .rsplit('/')
        .next()
        .and_then(|name| name.rsplit_once('.'))
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "mp3" => "audio/mpeg",
        "ogg" | "oga" => "audio/ogg",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "vtt" => "text/vtt; charset=utf-8",
        "zip" => "application/zip",
        "odt" => "application/vnd.oasis.opendocument.text",
        "ods" => "application/vnd.oasis.opendocument.spreadsheet",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

fn text(status: u16, body: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(body.as_bytes().to_vec())
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
        .with_header(header("Cache-Control", "no-store"))
}

/// A header from values ponte made (ASCII); an impossible one becomes a harmless no-op header.
fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .or_else(|()| Header::from_bytes(&b"X-Ponte"[..], &b"-"[..]))
        .unwrap_or_else(|()| unreachable!("a constant header is valid"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_local_names_and_addresses_are_answered() {
        for ok in [
            None,
            Some("localhost:1111"),
            Some("127.0.0.1:1111"),
            Some("[::1]:1111"),
            Some("192.168.1.20:8080"),
            Some("LOCALHOST"),
        ] {
            assert!(host_allowed(ok), "{ok:?}");
        }
        for bad in [
            Some("evil.example:1111"),
            Some("127.0.0.1.evil.example"),
            Some("[evil]:1"),
            Some("localhost.evil.example"),
        ] {
            assert!(!host_allowed(bad), "{bad:?}");
        }
    }

    use super::*;
    use std::collections::BTreeMap;

    fn snapshot(paths: &[&str]) -> Snapshot {
        let files: BTreeMap<String, Vec<u8>> = paths
            .iter()
            .map(|p| (p.to_string(), b"x".to_vec()))
            .collect();
        Snapshot::new(1, files)
    }

    #[test]
    fn refuses_every_escape() {
        let refused = [
            "/../etc/passwd",
            "/en/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/%2e%2e/etc/passwd",
            "/en/%2e%2e%2f%2e%2e%2fetc/passwd",
            "/..%2fetc/passwd",
            "/.%2e/etc/passwd",
            "/./en/",
            "/..\\etc\\passwd",
            "/%5c..%5cetc/passwd",
            "/en\\about",
            "//etc/passwd",
            "/en//about/",
            "/en/%00.html",
            "/en/\0",
            "/%",
            "/%2",
            "/%zz",
            "/%c0%ae%c0%ae/etc/passwd",
            "/%e0%80%ae",
            "/%ff",
            "etc/passwd",
            "http://example.org/etc/passwd",
            "C:/Windows/win.ini",
            "",
        ];
        for target in refused {
            assert!(
                matches!(decode_path(target), Err(Refused::BadRequest(_))),
                "{target:?} was accepted"
            );
        }
    }

    #[test]
    fn decodes_ordinary_addresses() {
        assert_eq!(decode_path("/").as_deref(), Ok("/"));
        assert_eq!(decode_path("/en/about/?x=1#y").as_deref(), Ok("/en/about/"));
        assert_eq!(
            decode_path("/el/tags/%CE%B5%CE%BA/").as_deref(),
            Ok("/el/tags/εκ/")
        );
        assert_eq!(decode_path("/a%20b.pdf").as_deref(), Ok("/a b.pdf"));
        assert_eq!(decode_path("/..a/b..").as_deref(), Ok("/..a/b.."));
    }

    #[test]
    fn looks_up_files_folders_and_404_pages() {
        let s = snapshot(&[
            "index.html",
            "404.html",
            "en/404.html",
            "en/about/index.html",
            "style.0123456789.css",
        ]);
        assert_eq!(lookup(&s, "/"), Lookup::File("index.html".into()));
        assert_eq!(
            lookup(&s, "/en/about/"),
            Lookup::File("en/about/index.html".into())
        );
        assert_eq!(
            lookup(&s, "/en/about"),
            Lookup::Redirect("/en/about/".into())
        );
        assert_eq!(
            lookup(&s, "/en/nothing/"),
            Lookup::NotFound(Some("en/404.html".into()))
        );
        assert_eq!(
            lookup(&s, "/fr/nothing/"),
            Lookup::NotFound(Some("404.html".into()))
        );
        assert_eq!(
            lookup(&s, "/nothing"),
            Lookup::NotFound(Some("404.html".into()))
        );
        // No directory listing: a folder without index.html is not found.
        assert_eq!(
            lookup(&s, "/en/"),
            Lookup::NotFound(Some("en/404.html".into()))
        );
        let bare = snapshot(&["en/index.html"]);
        assert_eq!(lookup(&bare, "/x"), Lookup::NotFound(None));
    }

    #[test]
    fn media_types() {
        assert_eq!(mime("en/index.html"), "text/html; charset=utf-8");
        assert_eq!(mime("style.0123456789.css"), "text/css; charset=utf-8");
        assert_eq!(
            mime("js/exit.0123456789.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(mime("eu-emblem.svg"), "image/svg+xml");
        assert_eq!(mime("media/a/photo.JPG"), "image/jpeg");
        assert_eq!(mime("sitemap.xml"), "application/xml; charset=utf-8");
        assert_eq!(mime("docs/pip.pdf"), "application/pdf");
        assert_eq!(mime("LICENSE"), "application/octet-stream");
        assert_eq!(mime("dir.d/file"), "application/octet-stream");
    }

    #[test]
    fn if_none_match_lists() {
        assert!(matches_etag("\"a\"", "\"a\""));
        assert!(matches_etag("\"b\", W/\"a\"", "\"a\""));
        assert!(matches_etag("*", "\"a\""));
        assert!(!matches_etag("\"b\"", "\"a\""));
    }
}
