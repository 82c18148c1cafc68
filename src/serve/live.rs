//! Live reload: Server-Sent Events to every open page, and the script and styles that act on
//! them.
//!
//! In: events from the builder. Out: `text/event-stream` connections at `/__ponte/events`.
//! The script is served same-origin at `/__ponte/live.js` (so the site's own
//! Content-Security-Policy, `script-src 'self'`, allows it) and is added to HTML responses
//! only, at response time; it styles its overlay from `/__ponte/live.css`, never inline.
use std::io::{self, Read, Write};
use std::net::{IpAddr, Shutdown, TcpStream};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The browser side.
pub const SCRIPT: &str = include_str!("live.js");
/// The error overlay's styles.
pub const STYLES: &str = include_str!("live.css");

/// Open event streams from one address at most; more are refused (503) and the page's script
/// tries again later. Every page of every tab holds one.
const MAX_PER_CLIENT: usize = 64;
/// Open event streams in all.
const MAX_CLIENTS: usize = 256;
/// A comment line this often keeps proxies from timing out.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// What a page is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Sent first on every connection: the generation being served, so a page built from an
    /// older one reloads (it missed a rebuild while it was loading or disconnected).
    Hello(u64),
    /// A rebuild succeeded: reload.
    Reload(u64),
    /// A rebuild changed only styles: swap the stylesheets for these.
    Css(u64, Vec<String>),
    /// A rebuild failed: show this report.
    Errors(String),
}

impl Event {
    /// The event in `text/event-stream` form. Multi-line data becomes several `data:` lines,
    /// which the browser joins with newlines.
    pub fn to_sse(&self) -> String {
        let (name, data) = match self {
            Event::Hello(g) => ("hello", g.to_string()),
            Event::Reload(g) => ("reload", g.to_string()),
            Event::Css(g, sheets) => {
                let mut data = g.to_string();
                for sheet in sheets {
                    data.push('\n');
                    data.push_str(sheet);
                }
                ("css", data)
            }
            Event::Errors(text) => ("errors", text.trim_end().to_string()),
        };
        let mut out = format!("event: {name}\n");
        for line in data.split('\n') {
            out.push_str("data: ");
            out.push_str(line.trim_end_matches('\r'));
            out.push('\n');
        }
        out.push('\n');
        out
    }
}

/// The open event streams. Each is dropped as soon as its browser goes away (a thread
/// per stream waits for the connection to close), not at the next broadcast.
#[derive(Default, Clone)]
pub struct Hub {
    clients: Arc<Mutex<Vec<Client>>>,
    next: Arc<AtomicU64>,
}

struct Client {
    id: u64,
    peer: IpAddr,
    tx: Sender<String>,
}

impl Hub {
    /// Sends an event to every open page, forgetting closed ones.
    pub fn broadcast(&self, event: &Event) {
        let message = event.to_sse();
        self.lock()
            .retain(|client| client.tx.send(message.clone()).is_ok());
    }

    /// How many streams are open.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Client>> {
        self.clients.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A new stream for `peer`, or `None` when it (or everyone) has too many open.
    fn subscribe(&self, peer: IpAddr) -> Option<(u64, Receiver<String>)> {
        let mut clients = self.lock();
        let mine = clients.iter().filter(|c| c.peer == peer).count();
        if mine >= MAX_PER_CLIENT || clients.len() >= MAX_CLIENTS {
            return None;
        }
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = mpsc::channel();
        clients.push(Client { id, peer, tx });
        Some((id, rx))
    }

    fn unsubscribe(&self, id: u64) {
        self.lock().retain(|c| c.id != id);
    }

    /// Answers `GET /__ponte/events` on the connection's thread: the response head, the
    /// `greeting`, then every broadcast until the browser goes away.
    pub fn stream(&self, stream: TcpStream, peer: IpAddr, greeting: Vec<Event>) {
        let Some((id, rx)) = self.subscribe(peer) else {
            return refuse(stream);
        };
        // Browsers send nothing more on an event stream; the end of input is the page
        // closing, and then the stream is forgotten at once.
        let watcher = stream.try_clone().and_then(|mut reader| {
            let hub = self.clone();
            std::thread::Builder::new()
                .name("ponte-events".into())
                .stack_size(64 * 1024)
                .spawn(move || {
                    let _ = reader.set_read_timeout(None);
                    let mut sink = [0u8; 256];
                    while matches!(reader.read(&mut sink), Ok(n) if n > 0) {}
                    hub.unsubscribe(id);
                    let _ = reader.shutdown(Shutdown::Both);
                })
        });
        if watcher.is_err() {
            self.unsubscribe(id);
            return refuse(stream);
        }
        let mut out = stream;
        let _ = run_stream(&mut out, &rx, &greeting);
        self.unsubscribe(id);
        let _ = out.shutdown(Shutdown::Both);
    }
}

/// Too many streams: 503, which the page's script answers by trying again a little later.
fn refuse(mut stream: TcpStream) {
    let _ = stream.write_all(
        b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nRetry-After: 2\r\nContent-Length: 33\r\nConnection: close\r\n\r\ntoo many live-reload connections\n",
    );
    let _ = stream.shutdown(Shutdown::Write);
}

fn run_stream(out: &mut dyn Write, rx: &Receiver<String>, greeting: &[Event]) -> io::Result<()> {
    let mut first = b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n".to_vec();
    // Ask the browser to reconnect quickly when ponte serve restarts.
    first.extend_from_slice(b"retry: 500\n\n");
    for event in greeting {
        first.extend_from_slice(event.to_sse().as_bytes());
    }
    out.write_all(&first)?;
    out.flush()?;
    loop {
        match rx.recv_timeout(KEEP_ALIVE) {
            Ok(message) => out.write_all(message.as_bytes())?,
            Err(RecvTimeoutError::Timeout) => out.write_all(b": keep-alive\n\n")?,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        }
        out.flush()?;
    }
}

/// The tag added before `</body>` of every HTML response.
pub fn script_tag(generation: u64) -> String {
    format!("<script src=\"/__ponte/live.js\" data-generation=\"{generation}\" defer></script>")
}

/// `html` with the live-reload script before its last `</body>` (or at its end).
pub fn inject(html: &[u8], generation: u64) -> Vec<u8> {
    let tag = script_tag(generation);
    let at = find_last_ci(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len() + 1);
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.len() > haystack.len() {
        return None;
    }
    (0..=haystack.len() - needle.len())
        .rev()
        .find(|&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// `style.0123456789.css` (the fingerprint is 10 hex digits; see `assets::fingerprint`).
pub fn is_fingerprinted_css(path: &str) -> bool {
    let Some(stem) = path.strip_suffix(".css") else {
        return false;
    };
    match stem.rsplit_once('.') {
        Some((name, hash)) => {
            !name.is_empty()
                && hash.len() == 10
                && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        }
        None => false,
    }
}

/// The page shown for every address while the site has never built: the overlay explains.
pub fn waiting_page() -> Vec<u8> {
    inject(
        b"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>ponte serve: the site has errors</title>\n</head>\n<body>\n<h1>The site could not be built yet</h1>\n<p>Fix the errors shown in the terminal; this page reloads by itself.</p>\n</body>\n</html>\n",
        0,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_in_event_stream_form() {
        assert_eq!(Event::Reload(3).to_sse(), "event: reload\ndata: 3\n\n");
        assert_eq!(
            Event::Css(4, vec!["/style.0123456789.css".into()]).to_sse(),
            "event: css\ndata: 4\ndata: /style.0123456789.css\n\n"
        );
        assert_eq!(
            Event::Errors("error: x\r\n  --> a.md:1:2\n\n".into()).to_sse(),
            "event: errors\ndata: error: x\ndata:   --> a.md:1:2\n\n"
        );
    }

    #[test]
    fn script_goes_before_the_last_body_end() {
        let html = b"<html><body><p>&lt;/body&gt;</p></BODY></html>";
        let out = String::from_utf8(inject(html, 7)).unwrap_or_default();
        assert!(
            out.ends_with(&format!("{}\n</BODY></html>", script_tag(7))),
            "{out}"
        );
        let bare = String::from_utf8(inject(b"<p>hi</p>", 1)).unwrap_or_default();
        assert!(bare.starts_with("<p>hi</p><script src=\"/__ponte/live.js\""));
    }

    #[test]
    fn recognises_fingerprinted_stylesheets() {
        assert!(is_fingerprinted_css("style.0123456789.css"));
        assert!(is_fingerprinted_css("css/print.abcdef0123.css"));
        assert!(!is_fingerprinted_css("style.css"));
        assert!(!is_fingerprinted_css("style.0123456789.js"));
        assert!(!is_fingerprinted_css(".0123456789.css"));
        assert!(!is_fingerprinted_css("style.ABCDEF0123.css"));
    }

    #[test]
    fn limits_streams_per_client_and_forgets_closed_ones() {
        let hub = Hub::default();
        let local = IpAddr::from([127, 0, 0, 1]);
        let open: Vec<_> = (0..MAX_PER_CLIENT)
            .map(|_| hub.subscribe(local).unwrap_or_else(|| unreachable!()))
            .collect();
        assert!(hub.subscribe(local).is_none());
        assert!(hub.subscribe(IpAddr::from([192, 168, 1, 2])).is_some());
        hub.unsubscribe(open[0].0);
        assert!(hub.subscribe(local).is_some());
    }

    #[test]
    fn streams_greeting_then_broadcasts() {
        let hub = Hub::default();
        let local = IpAddr::from([127, 0, 0, 1]);
        let (_, rx) = hub.subscribe(local).unwrap_or_else(|| unreachable!());
        hub.broadcast(&Event::Reload(2));
        drop(hub);
        let mut out = Vec::new();
        let result = run_stream(&mut out, &rx, &[Event::Hello(1)]);
        assert!(result.is_ok());
        let text = String::from_utf8(out).unwrap_or_default();
        assert!(text.starts_with("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream"));
        assert!(text.ends_with("event: hello\ndata: 1\n\nevent: reload\ndata: 2\n\n"));
    }
}
