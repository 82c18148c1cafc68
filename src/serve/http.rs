//! HTTP: requests answered from the in-memory [`Snapshot`].
//!
//! In: a parsed [`Request`] (see [`super::conn`] for how it is read). Out: an [`Answer`], a
//! [`Response`] or the hand-over of the connection to the live-reload events. An address is
//! decoded strictly (bad percent-encoding, invalid UTF-8, NUL, backslashes, `.` and `..`
//! segments are refused with 400) and then only looked up among the built files: no address
//! ever reaches the disk. `/__ponte/` is reserved for the live-reload script, its styles and
//! its events.
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

/// A request as the connection read it: no body (bodies are refused before this).
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub method: String,
    pub target: String,
    /// Header names and values in the order sent.
    pub headers: Vec<(String, String)>,
}

impl Request {
    /// Every value of the header `name` (any case).
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }
    /// The first value of the header `name`.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A complete response; the connection adds `Content-Length`, `Connection` and the headers
/// every answer carries ([`ALWAYS`]), and leaves out the body of an answer to `HEAD`.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16, body: Vec<u8>) -> Response {
        Response {
            status,
            headers: Vec::new(),
            body,
        }
    }
    pub fn with(mut self, name: &'static str, value: &str) -> Response {
        self.headers.push((name, value.to_string()));
        self
    }
}

/// Sent with every answer: no other site may frame the preview (clickjacking), and no
/// browser guesses a type.
pub const ALWAYS: [(&str, &str); 3] = [
    ("Content-Security-Policy", "frame-ancestors 'none'"),
    ("X-Frame-Options", "DENY"),
    ("X-Content-Type-Options", "nosniff"),
];

/// What to do with a request.
#[derive(Debug)]
pub enum Answer {
    Respond(Response),
    /// `GET /__ponte/events`: the connection becomes a live-reload stream.
    Events,
}

/// Whether a `Host` header names this machine: `localhost` or an IP address, with an
/// optional port and nothing else. Any other name is refused, so that a web page cannot use
/// DNS rebinding to read the preview (drafts included) through the reader's browser.
pub fn host_allowed(host: Option<&str>) -> bool {
    let Some(host) = host else { return true };
    let (name, port) = if let Some(rest) = host.strip_prefix('[') {
        let Some((ip, after)) = rest.split_once(']') else {
            return false;
        };
        if ip.parse::<std::net::Ipv6Addr>().is_err() {
            return false;
        }
        match after {
            "" => return true,
            _ => match after.strip_prefix(':') {
                Some(port) => (None, Some(port)),
                None => return false,
            },
        }
    } else {
        match host.split_once(':') {
            Some((name, port)) => (Some(name), Some(port)),
            None => (Some(host), None),
        }
    };
    let port_ok =
        port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
    let name_ok = name.is_none_or(|n| {
        n.eq_ignore_ascii_case("localhost") || n.parse::<std::net::Ipv4Addr>().is_ok()
    });
    port_ok && name_ok
}

/// Answers one request.
pub fn handle(state: &State, request: &Request) -> Answer {
    let hosts = request.all("Host");
    let host = hosts.first().copied();
    if hosts.len() > 1 {
        return Answer::Respond(text(400, "bad request: more than one Host header\n"));
    }
    if !host_allowed(host) {
        return Answer::Respond(text(
            403,
            "this preview answers only to localhost or an IP address\n",
        ));
    }
    let head = match request.method.as_str() {
        "GET" => false,
        "HEAD" => true,
        _ => {
            return Answer::Respond(
                text(405, "only GET and HEAD are supported\n").with("Allow", "GET, HEAD"),
            )
        }
    };
    let path = match decode_path(&request.target) {
        Ok(path) => path,
        Err(Refused::BadRequest(why)) => {
            return Answer::Respond(text(400, &format!("bad request: {why}\n")))
        }
    };
    if let Some(name) = path.strip_prefix(RESERVED) {
        return reserved(state, request, name, head);
    }
    // Under a sub-path, `/` leads to it and nothing else outside it is the site.
    let path = if state.prefix.is_empty() {
        path
    } else if path == "/" || path == state.prefix {
        return Answer::Respond(
            Response::new(302, Vec::new()).with("Location", &format!("{}/", state.prefix)),
        );
    } else if let Some(rest) = path
        .strip_prefix(&state.prefix)
        .filter(|r| r.starts_with('/'))
    {
        rest.to_string()
    } else {
        return Answer::Respond(text(
            404,
            &format!(
                "not found: this site is previewed under {}/\n",
                state.prefix
            ),
        ));
    };
    let Some(snapshot) = state.snapshot() else {
        return Answer::Respond(
            Response::new(503, live::waiting_page())
                .with("Content-Type", "text/html; charset=utf-8")
                .with("Cache-Control", "no-store"),
        );
    };
    Answer::Respond(match lookup(&snapshot, &path) {
        Lookup::File(key) => {
            let not_modified = request
                .header("If-None-Match")
                .is_some_and(|tags| matches_etag(tags, &etag(&snapshot, &key)));
            file_response(&snapshot, &key, if not_modified { 304 } else { 200 })
        }
        Lookup::Redirect(location) => {
            Response::new(301, Vec::new()).with("Location", &format!("{}{location}", state.prefix))
        }
        Lookup::NotFound(Some(page)) => file_response(&snapshot, &page, 404),
        Lookup::NotFound(None) => text(404, "not found\n"),
    })
}

/// `/__ponte/NAME`.
fn reserved(state: &State, request: &Request, name: &str, head: bool) -> Answer {
    let (kind, body) = match name {
        "live.js" => ("text/javascript; charset=utf-8", live::SCRIPT.to_string()),
        "live.css" => ("text/css; charset=utf-8", live::STYLES.to_string()),
        "errors" => (
            "text/plain; charset=utf-8",
            state.errors().map(|e| e.to_string()).unwrap_or_default(),
        ),
        // Only the preview's own pages may listen: another site's page (which the browser
        // marks `Sec-Fetch-Site: cross-site`) could otherwise hold every stream.
        "events" if !same_origin(request) => {
            return Answer::Respond(text(
                403,
                "live-reload events are for the preview's own pages\n",
            ))
        }
        "events" if !head => return Answer::Events,
        "events" => ("text/event-stream; charset=utf-8", String::new()),
        _ => return Answer::Respond(text(404, "not found\n")),
    };
    Answer::Respond(
        Response::new(200, body.into_bytes())
            .with("Content-Type", kind)
            .with("Cache-Control", "no-store"),
    )
}

/// Whether the browser says the request comes from the preview itself (or says nothing, as
/// tools and older browsers do).
fn same_origin(request: &Request) -> bool {
    request.header("Sec-Fetch-Site").is_none_or(|site| {
        site.eq_ignore_ascii_case("same-origin") || site.eq_ignore_ascii_case("none")
    })
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
fn file_response(snapshot: &Snapshot, key: &str, status: u16) -> Response {
    let kind = mime(key);
    let tag = etag(snapshot, key);
    let bytes = match (status, snapshot.files.get(key)) {
        (304, _) | (_, None) => Vec::new(),
        (_, Some(file)) if is_html(kind) => live::inject(&file.bytes, snapshot.generation),
        (_, Some(file)) => file.bytes.clone(),
    };
    let mut response = Response::new(status, bytes).with("Cache-Control", "no-cache");
    if status != 304 {
        response = response.with("Content-Type", kind);
    }
    if status != 404 {
        response = response.with("ETag", &tag);
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

pub fn text(status: u16, body: &str) -> Response {
    Response::new(status, body.as_bytes().to_vec())
        .with("Content-Type", "text/plain; charset=utf-8")
        .with("Cache-Control", "no-store")
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
            Some("[::1]evil.example"),
            Some("[::1]:80evil"),
            Some("localhost:"),
            Some("localhost:80:80"),
            Some("127.0.0.1:x"),
            Some(""),
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
