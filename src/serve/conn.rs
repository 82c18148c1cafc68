//! Connections: accepting them, reading requests, writing answers, so that no client can
//! stall the preview.
//!
//! In: the listening socket and the shared [`State`]. Out: every connection answered on a
//! thread of its own (so a keep-alive connection, a live-reload stream or a client that
//! stopped reading never makes another one wait), with limits on everything a client
//! controls: how long it may take to send a request head and how big it may be, how long a
//! write may block, and no request bodies at all (the preview needs none). Request heads are
//! parsed strictly with `httparse`: a bare LF, an unknown HTTP version or a malformed line is
//! answered with an error at once and the connection closed. Running out of file
//! descriptors pauses accepting instead of ending it.
use std::io::{self, Read, Write};
use std::net::{IpAddr, Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::http::{self, Answer, Request, Response, ALWAYS};
use super::State;

/// Open connections at most (live-reload streams included); more are answered 503 at once.
const MAX_CONNECTIONS: usize = 512;
/// How long a connection may wait for its next request (browsers keep idle ones open).
const IDLE: Duration = Duration::from_secs(15);
/// How long a request head may take to arrive once it has begun.
const HEAD_TIME: Duration = Duration::from_secs(10);
/// How long one write may block on a client that does not read.
pub const WRITE_TIME: Duration = Duration::from_secs(10);
/// The largest request head accepted.
const MAX_HEAD: usize = 16 * 1024;
/// Headers per request at most.
const MAX_HEADERS: usize = 64;
/// The stack of a connection thread: answering needs little.
const STACK: usize = 256 * 1024;
/// How long accepting pauses when the process is out of file descriptors.
const BACK_OFF: Duration = Duration::from_millis(50);

/// Accepts connections on `listener` forever, each on its own thread.
pub fn accept(listener: TcpListener, state: Arc<State>) {
    let open = Arc::new(AtomicUsize::new(0));
    let mut starved = false;
    loop {
        let (stream, peer) = match listener.accept() {
            Ok(accepted) => accepted,
            Err(e) => {
                if out_of_resources(&e) {
                    // The connection waits in the backlog until descriptors are free again.
                    if !starved {
                        eprintln!("ponte: cannot accept connections for now ({e}); retrying");
                        starved = true;
                    }
                    std::thread::sleep(BACK_OFF);
                }
                continue;
            }
        };
        starved = false;
        if open.load(Ordering::Acquire) >= MAX_CONNECTIONS {
            refuse(stream, 503, "too many connections; try again\n");
            continue;
        }
        open.fetch_add(1, Ordering::AcqRel);
        let count = Counted(open.clone());
        let state = state.clone();
        let spawned = std::thread::Builder::new()
            .name("ponte-http".into())
            .stack_size(STACK)
            .spawn(move || {
                let _count = count;
                serve(stream, peer.ip(), &state);
            });
        if let Err(e) = spawned {
            // The closure (and with it the stream and the count) was dropped.
            eprintln!("ponte: cannot answer a connection ({e})");
        }
    }
}

/// Decrements the open-connection count when the connection's thread ends.
struct Counted(Arc<AtomicUsize>);

impl Drop for Counted {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Whether an `accept` error means the process or system ran out of something that frees up
/// again (descriptors, memory), rather than a problem with one connection.
fn out_of_resources(e: &io::Error) -> bool {
    // EMFILE, ENFILE, ENOBUFS, ENOMEM on Linux and the BSDs.
    matches!(e.raw_os_error(), Some(23 | 24 | 55 | 105 | 12))
        || e.kind() == io::ErrorKind::OutOfMemory
}

/// Answers `status` without reading the request, never blocking the accept loop.
fn refuse(mut stream: TcpStream, status: u16, message: &str) {
    let _ = stream.set_nonblocking(true);
    let _ = stream.write_all(&encode(&http::text(status, message), false, false));
    let _ = stream.shutdown(Shutdown::Both);
}

/// Serves the requests of one connection until it closes, misbehaves or idles too long.
fn serve(mut stream: TcpStream, peer: IpAddr, state: &Arc<State>) {
    let _ = stream.set_nodelay(true);
    let _ = stream.set_write_timeout(Some(WRITE_TIME));
    let mut buffer = Vec::with_capacity(1024);
    loop {
        let (request, keep_alive, used) = match read_request(&mut stream, &mut buffer) {
            Ok(Some(read)) => read,
            Ok(None) => return,
            Err(refusal) => {
                let response = http::text(refusal.status, &format!("{}\n", refusal.why));
                let _ = stream.write_all(&encode(&response, false, false));
                // Let the client read the answer before the connection goes away.
                let _ = stream.shutdown(Shutdown::Write);
                return;
            }
        };
        buffer.drain(..used);
        match http::handle(state, &request) {
            Answer::Respond(response) => {
                let head_only = request.method == "HEAD";
                if stream
                    .write_all(&encode(&response, head_only, keep_alive))
                    .is_err()
                    || !keep_alive
                {
                    return;
                }
            }
            Answer::Events => {
                let greeting = state.greeting();
                state.hub.stream(stream, peer, greeting);
                return;
            }
        }
    }
}

/// Why a request is answered with an error and the connection closed.
#[derive(Debug, PartialEq, Eq)]
pub struct Refusal {
    pub status: u16,
    pub why: &'static str,
}

fn refusal(status: u16, why: &'static str) -> Refusal {
    Refusal { status, why }
}

/// Reads the next request head from `stream` (after what `buffer` already holds): the
/// request, whether the connection stays open after it, and how many bytes of `buffer` it
/// used. `None` when the client closed the connection or sent nothing for [`IDLE`].
fn read_request(
    stream: &mut TcpStream,
    buffer: &mut Vec<u8>,
) -> Result<Option<(Request, bool, usize)>, Refusal> {
    let mut deadline = (!buffer.is_empty()).then(|| Instant::now() + HEAD_TIME);
    let mut chunk = [0u8; 4096];
    loop {
        if !buffer.is_empty() {
            if let Some(parsed) = parse_head(buffer)? {
                return Ok(Some(parsed));
            }
            if buffer.len() > MAX_HEAD {
                return Err(refusal(431, "the request head is too large"));
            }
        }
        let wait = match deadline {
            Some(deadline) => deadline.saturating_duration_since(Instant::now()),
            None => IDLE,
        };
        if wait.is_zero() {
            return Err(refusal(408, "the request took too long to arrive"));
        }
        let _ = stream.set_read_timeout(Some(wait));
        match stream.read(&mut chunk) {
            Ok(0) => return Ok(None),
            Ok(n) => {
                buffer.extend_from_slice(&chunk[..n]);
                deadline.get_or_insert_with(|| Instant::now() + HEAD_TIME);
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                if buffer.is_empty() {
                    return Ok(None);
                }
                return Err(refusal(408, "the request took too long to arrive"));
            }
            Err(_) => return Ok(None),
        }
    }
}

/// Parses a request head at the start of `bytes`: `None` while it is incomplete (and not
/// yet wrong).
pub fn parse_head(bytes: &[u8]) -> Result<Option<(Request, bool, usize)>, Refusal> {
    // Lines end with CRLF; a bare LF is refused rather than guessed at (RFC 9112 §2.2).
    if let Some(i) = bytes.iter().position(|&b| b == b'\n') {
        let mut at = i;
        loop {
            if at == 0 || bytes[at - 1] != b'\r' {
                return Err(refusal(400, "bad request: lines must end with CRLF"));
            }
            match bytes[at + 1..].iter().position(|&b| b == b'\n') {
                Some(next) => at = at + 1 + next,
                None => break,
            }
        }
    }
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut parsed = httparse::Request::new(&mut headers);
    let used = match parsed.parse(bytes) {
        Ok(httparse::Status::Complete(used)) => used,
        Ok(httparse::Status::Partial) => return Ok(None),
        Err(httparse::Error::Version) => {
            return Err(refusal(505, "only HTTP/1.1 and HTTP/1.0 are supported"))
        }
        Err(httparse::Error::TooManyHeaders) => {
            return Err(refusal(431, "too many request headers"))
        }
        Err(_) => return Err(refusal(400, "bad request: a malformed request head")),
    };
    let version = parsed.version.unwrap_or(1);
    let request = Request {
        method: parsed.method.unwrap_or_default().to_string(),
        target: parsed.path.unwrap_or_default().to_string(),
        headers: parsed
            .headers
            .iter()
            .map(|h| {
                (
                    h.name.to_string(),
                    String::from_utf8_lossy(h.value).trim().to_string(),
                )
            })
            .collect(),
    };
    // The preview takes no request bodies; reading one would let a client hold the thread.
    if request.header("Transfer-Encoding").is_some() {
        return Err(refusal(413, "request bodies are not accepted"));
    }
    match request.all("Content-Length").as_slice() {
        [] => {}
        [length] if !length.is_empty() && length.bytes().all(|b| b == b'0') => {}
        [length] if !length.is_empty() && length.bytes().all(|b| b.is_ascii_digit()) => {
            return Err(refusal(413, "request bodies are not accepted"))
        }
        _ => return Err(refusal(400, "bad request: an invalid Content-Length")),
    }
    if version == 1 && request.header("Host").is_none() {
        return Err(refusal(
            400,
            "bad request: an HTTP/1.1 request needs a Host header",
        ));
    }
    let connection = |token: &str| {
        request
            .all("Connection")
            .into_iter()
            .flat_map(|v| v.split(','))
            .any(|t| t.trim().eq_ignore_ascii_case(token))
    };
    let keep_alive = if version == 1 {
        !connection("close")
    } else {
        connection("keep-alive")
    };
    Ok(Some((request, keep_alive, used)))
}

/// The response's bytes, head and body together so that they leave in one write.
pub fn encode(response: &Response, head_only: bool, keep_alive: bool) -> Vec<u8> {
    let body = if head_only || response.status == 304 {
        &[][..]
    } else {
        &response.body[..]
    };
    let mut out = Vec::with_capacity(256 + body.len());
    out.extend_from_slice(
        format!(
            "HTTP/1.1 {} {}\r\n",
            response.status,
            reason(response.status)
        )
        .as_bytes(),
    );
    for (name, value) in response
        .headers
        .iter()
        .map(|(n, v)| (*n, v.as_str()))
        .chain(ALWAYS)
    {
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    if response.status != 304 {
        out.extend_from_slice(format!("Content-Length: {}\r\n", response.body.len()).as_bytes());
    }
    out.extend_from_slice(if keep_alive {
        b"Connection: keep-alive\r\n\r\n".as_slice()
    } else {
        b"Connection: close\r\n\r\n".as_slice()
    });
    out.extend_from_slice(body);
    out
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Content Too Large",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Option<(Request, bool, usize)>, Refusal> {
        parse_head(text.as_bytes())
    }

    #[test]
    fn parses_a_request_and_its_connection() {
        let (request, keep_alive, used) = parse("GET /en/ HTTP/1.1\r\nHost: localhost\r\n\r\nGET")
            .ok()
            .flatten()
            .unwrap_or_else(|| unreachable!());
        assert_eq!(
            (request.method.as_str(), request.target.as_str()),
            ("GET", "/en/")
        );
        assert!(keep_alive);
        assert_eq!(used, 38);
        let closing = parse("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
        assert!(matches!(closing, Ok(Some((_, false, _)))));
        let old = parse("GET / HTTP/1.0\r\n\r\n");
        assert!(matches!(old, Ok(Some((_, false, _)))));
        assert!(matches!(parse("GET / HTTP/1.1\r\nHo"), Ok(None)));
    }

    #[test]
    fn refuses_what_it_cannot_answer_safely() {
        let cases = [
            ("GET / HTTP/2.0\r\n", 505),
            ("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505),
            ("GET / HTTP/1.1\nHost: a\n\n", 400),
            ("GET / HTTP/1.1\r\nHost: a\n\r\n", 400),
            ("GET / HTTP/1.1\r\n\r\n", 400),
            ("GET /\0 HTTP/1.1\r\nHost: a\r\n\r\n", 400),
            (
                "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999\r\n\r\n",
                413,
            ),
            (
                "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello",
                413,
            ),
            (
                "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n",
                413,
            ),
            (
                "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n",
                400,
            ),
            (
                "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\nContent-Length: 0\r\n\r\n",
                400,
            ),
        ];
        for (text, status) in cases {
            match parse(text) {
                Err(r) => assert_eq!(r.status, status, "{text:?}"),
                Ok(_) => panic!("{text:?} was accepted"),
            }
        }
        assert!(matches!(
            parse("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n"),
            Ok(Some(_))
        ));
    }

    #[test]
    fn head_and_body_in_one_buffer() {
        let response = http::text(200, "hi");
        let bytes = String::from_utf8(encode(&response, false, true)).unwrap_or_default();
        assert!(bytes.starts_with("HTTP/1.1 200 OK\r\n"), "{bytes}");
        assert!(bytes.contains("Content-Length: 2\r\n"));
        assert!(bytes.contains("X-Frame-Options: DENY\r\n"));
        assert!(bytes.contains("Content-Security-Policy: frame-ancestors 'none'\r\n"));
        assert!(bytes.ends_with("Connection: keep-alive\r\n\r\nhi"));
        let head = String::from_utf8(encode(&response, true, false)).unwrap_or_default();
        assert!(head.ends_with("Content-Length: 2\r\nConnection: close\r\n\r\n"));
    }
}
