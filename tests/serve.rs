//! `ponte serve` through the real binary: pages, live-reload events after each kind of edit,
//! errors over the last good build, addresses that try to leave the site, HTTP details, and
//! (when Chromium and Node are there) a real browser reloading itself.
mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use support::SiteTest;

/// The longest any single wait may take before the test fails.
const WAIT: Duration = Duration::from_secs(30);

/// A running `ponte serve`, killed when dropped (also when a test fails).
struct Server {
    child: Child,
    port: u16,
    stderr: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts `ponte serve --port 0 --root ROOT ARGS` and waits until it listens.
    fn start(site: &SiteTest, args: &[&str]) -> Server {
        Server::start_on(site, &["--port", "0"], args)
    }

    fn start_on(site: &SiteTest, port: &[&str], args: &[&str]) -> Server {
        Server::run(Command::new(env!("CARGO_BIN_EXE_ponte")), site, port, args)
    }

    /// Starts ponte serve through `command` (the binary itself, or a program that runs it).
    fn run(mut command: Command, site: &SiteTest, port: &[&str], args: &[&str]) -> Server {
        let mut child = command
            .arg("serve")
            .args(port)
            .args(args)
            .arg("--root")
            .arg(site.root())
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("ponte starts");
        let stderr = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = mpsc::channel();
        let pipe = child.stderr.take().expect("stderr is piped");
        let log = stderr.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                log.lock().unwrap().push_str(&format!("{line}\n"));
                let _ = tx.send(line);
            }
        });
        let mut server = Server {
            child,
            port: 0,
            stderr,
        };
        let deadline = Instant::now() + WAIT;
        while server.port == 0 {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = rx
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("ponte serve did not start:\n{}", server.stderr()));
            if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                let digits = rest.split('/').next().unwrap_or_default();
                server.port = digits.parse().expect("a port number");
            }
        }
        server
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    fn get(&self, path: &str) -> Reply {
        request(self.port, "GET", path, &[])
    }

    fn events(&self) -> Events {
        Events::connect(self.port)
    }
}

/// An HTTP response.
#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One HTTP/1.1 request with `Connection: close`; `target` is sent exactly as given.
fn request(port: u16, method: &str, target: &str, headers: &[(&str, &str)]) -> Reply {
    let mut head =
        format!("{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    raw_request(port, head.as_bytes())
}

fn raw_request(port: u16, bytes: &[u8]) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connects");
    stream.set_read_timeout(Some(WAIT)).unwrap();
    stream.write_all(bytes).unwrap();
    let mut data = Vec::new();
    stream.read_to_end(&mut data).expect("a response in time");
    let split = data
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no response head in {:?}", String::from_utf8_lossy(&data)));
    let head = String::from_utf8_lossy(&data[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    Reply {
        status,
        headers,
        body: data[split + 4..].to_vec(),
    }
}

/// Reads one response (head and `Content-Length` body) from a keep-alive connection.
fn read_reply(reader: &mut BufReader<TcpStream>) -> std::io::Result<Reply> {
    let mut status = 0;
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if status == 0 {
            status = line
                .split(' ')
                .nth(1)
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
        } else if let Some((n, v)) = line.split_once(':') {
            headers.push((n.trim().to_string(), v.trim().to_string()));
        }
    }
    let mut reply = Reply {
        status,
        headers,
        body: Vec::new(),
    };
    let length: usize = reply
        .header("Content-Length")
        .and_then(|l| l.parse().ok())
        .unwrap_or(0);
    reply.body = vec![0; length];
    reader.read_exact(&mut reply.body)?;
    Ok(reply)
}

/// A live-reload connection, as a browser's `EventSource` makes it.
struct Events {
    rx: Receiver<(String, String)>,
}

impl Events {
    fn connect(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connects");
        stream
            .write_all(b"GET /__ponte/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
            .unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stream);
            let (mut name, mut data) = (String::new(), Vec::<String>::new());
            let mut line = String::new();
            let mut in_body = false;
            while reader.read_line(&mut line).unwrap_or(0) > 0 {
                let l = line.trim_end_matches(['\r', '\n']).to_string();
                line.clear();
                if !in_body {
                    in_body = l.is_empty();
                    continue;
                }
                if l.is_empty() {
                    if !name.is_empty() && tx.send((name.clone(), data.join("\n"))).is_err() {
                        return;
                    }
                    name.clear();
                    data.clear();
                } else if let Some(v) = l.strip_prefix("event: ") {
                    name = v.to_string();
                } else if let Some(v) = l.strip_prefix("data: ") {
                    data.push(v.to_string());
                } else if l == "data:" {
                    data.push(String::new());
                }
            }
        });
        let events = Events { rx };
        let (name, _) = events.next();
        assert_eq!(name, "hello");
        events
    }

    /// The next event's name and data.
    fn next(&self) -> (String, String) {
        self.rx
            .recv_timeout(WAIT)
            .expect("an event before the timeout")
    }

    /// The next event, which must be named `name`; its data.
    #[track_caller]
    fn expect(&self, name: &str) -> String {
        let (got, data) = self.next();
        assert_eq!(got, name, "expected a `{name}` event, got `{got}`: {data}");
        data
    }
}

/// Replaces the first `from` in a site file with `to` the way many editors save: a temporary
/// file beside it (a name ponte ignores), then one rename, so a slow machine cannot show ponte
/// a half-written file.
#[track_caller]
fn save(site: &SiteTest, rel: &str, from: &str, to: &str) {
    let text = site.read_source(rel);
    assert!(text.contains(from), "`{from}` is not in {rel}");
    let path = site.root().join(rel);
    let temporary = path.with_file_name(format!(
        "{}.tmp",
        path.file_name().unwrap().to_string_lossy()
    ));
    std::fs::write(&temporary, text.replacen(from, to, 1)).unwrap();
    std::fs::rename(&temporary, &path).unwrap();
}

#[test]
fn serve_reloads_after_each_kind_of_edit() {
    let site = SiteTest::fixture("basic");
    let server = Server::start(&site, &[]);
    let events = server.events();
    let page = server.get("/en/news/first/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("It happened."));

    // A page.
    save(
        &site,
        "content/news/first.en.md",
        "It happened.",
        "It happened twice.",
    );
    let generation = events.expect("reload");
    assert!(server
        .get("/en/news/first/")
        .text()
        .contains("It happened twice."));
    assert!(server
        .get("/en/news/first/")
        .text()
        .contains(&format!("data-generation=\"{generation}\"")));

    // A template.
    save(
        &site,
        "themes/default/templates/page.html",
        "<h1>{{ page.title }}</h1>",
        "<h1 class=\"edited\">{{ page.title }}</h1>",
    );
    events.expect("reload");
    assert!(server
        .get("/en/news/first/")
        .text()
        .contains("<h1 class=\"edited\">First event</h1>"));

    // Interface strings.
    save(
        &site,
        "locales/en/main.ftl",
        "site-title = Fixture site",
        "site-title = Fixture edited",
    );
    events.expect("reload");
    assert!(server
        .get("/en/news/first/")
        .text()
        .contains("Fixture edited"));

    // Sass: the stylesheet is swapped, no reload.
    save(&site, "themes/default/sass/style.scss", "#111", "#123456");
    let data = events.expect("css");
    let sheets: Vec<&str> = data.lines().skip(1).collect();
    assert_eq!(sheets.len(), 1, "{data}");
    let css = server.get(sheets[0]);
    assert_eq!(css.status, 200);
    assert_eq!(css.header("Content-Type"), Some("text/css; charset=utf-8"));
    assert!(css.text().contains("#123456"), "{}", css.text());
    assert!(server.get("/en/news/first/").text().contains(sheets[0]));
}

#[test]
fn serve_shows_errors_over_the_last_good_build() {
    let site = SiteTest::fixture("basic");
    let server = Server::start(&site, &[]);
    let events = server.events();
    assert_eq!(server.get("/__ponte/errors").text(), "");

    save(
        &site,
        "content/news/first.en.md",
        "See [the team]",
        "See [nothing](@/nowhere.md) and [the team]",
    );
    let report = events.expect("errors");
    assert!(
        report.contains("--> content/news/first.en.md:7:"),
        "{report}"
    );
    assert!(report.contains("@/nowhere.md"), "{report}");
    assert!(report.contains("last good build"), "{report}");
    // The old page is still served, the report is there for pages loaded now, and the
    // terminal shows the same text.
    let page = server.get("/en/news/first/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("It happened. See"));
    assert_eq!(server.get("/__ponte/errors").text().trim_end(), report);
    let late = server.events();
    assert_eq!(late.expect("errors"), report);
    let deadline = Instant::now() + WAIT;
    while !server.stderr().contains(&report) {
        assert!(Instant::now() < deadline, "terminal:\n{}", server.stderr());
        std::thread::sleep(Duration::from_millis(20));
    }

    // Fixed: reload, and the report is gone.
    save(
        &site,
        "content/news/first.en.md",
        "See [nothing](@/nowhere.md) and ",
        "See ",
    );
    events.expect("reload");
    late.expect("reload");
    assert_eq!(server.get("/__ponte/errors").text(), "");
}

#[test]
fn serve_waits_for_a_first_good_build() {
    let site = SiteTest::fixture("basic");
    save(
        &site,
        "themes/default/templates/page.html",
        "{{ page.title }}",
        "{{ page.title }",
    );
    let server = Server::start(&site, &[]);
    let events = server.events();
    let page = server.get("/en/news/first/");
    assert_eq!(page.status, 503);
    assert!(page.text().contains("/__ponte/live.js"));
    assert!(server
        .get("/__ponte/errors")
        .text()
        .contains("themes/default/templates/page.html:2:"));
    // A page connecting now is told about the errors at once.
    assert!(events
        .expect("errors")
        .contains("nothing can be shown until it is fixed"));
    save(
        &site,
        "themes/default/templates/page.html",
        "{{ page.title }",
        "{{ page.title }}",
    );
    events.expect("reload");
    assert_eq!(server.get("/en/news/first/").status, 200);
}

#[test]
fn serve_never_answers_with_a_file_outside_the_site() {
    let site = SiteTest::fixture("basic");
    site.write("secret.txt", "SECRET-IN-ROOT");
    let server = Server::start(&site, &[]);
    let targets: &[&[u8]] = &[
        b"/../secret.txt",
        b"/en/../../secret.txt",
        b"/%2e%2e/secret.txt",
        b"/%2E%2E/%2e%2e/etc/passwd",
        b"/en/%2e%2e%2f%2e%2e%2fsecret.txt",
        b"/..%2fsecret.txt",
        b"/..\\secret.txt",
        b"/%5c..%5csecret.txt",
        b"//etc/passwd",
        b"/etc/passwd",
        b"/ponte.toml",
        b"/secret.txt",
        b"/content/news/first.en.md",
        b"/en/%00",
        b"/en/\0/x",
        b"/%c0%ae%c0%ae/secret.txt",
        b"/%e0%80%ae%e0%80%ae/secret.txt",
        b"/%",
        b"/%zz",
        b"/__ponte/",
        b"/__ponte/../secret.txt",
        b"secret.txt",
        b"C:\\secret.txt",
        b"http://127.0.0.1/../secret.txt",
    ];
    for target in targets {
        let mut raw = b"GET ".to_vec();
        raw.extend_from_slice(target);
        raw.extend_from_slice(b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        let reply = raw_request(server.port, &raw);
        let shown = String::from_utf8_lossy(target);
        assert!(
            reply.status == 400 || reply.status == 404,
            "{shown:?} gave {}",
            reply.status
        );
        let body = reply.text();
        for leak in ["SECRET-IN-ROOT", "root:", "base_url", "+++"] {
            assert!(!body.contains(leak), "{shown:?} leaked {leak}:\n{body}");
        }
    }
}

#[test]
fn serve_speaks_http_properly() {
    let site = SiteTest::fixture("basic");
    let server = Server::start(&site, &[]);

    let page = server.get("/en/about/team/");
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    let html = page.text();
    assert_eq!(html.matches("<script src=\"/__ponte/live.js\"").count(), 1);
    assert!(html.contains("defer></script>\n</body>"));

    // DNS rebinding: a request naming another host is refused.
    let rebound = raw_request(
        server.port,
        b"GET /en/about/team/ HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(rebound.status, 403);

    // Conditional GET.
    let etag = page.header("ETag").expect("an ETag").to_string();
    let again = request(
        server.port,
        "GET",
        "/en/about/team/",
        &[("If-None-Match", &etag)],
    );
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    let other = request(
        server.port,
        "GET",
        "/en/about/team/",
        &[("If-None-Match", "\"x\"")],
    );
    assert_eq!(other.status, 200);

    // HEAD: the same head, no body.
    let head = request(server.port, "HEAD", "/en/about/team/", &[]);
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(
        head.header("Content-Length"),
        Some(page.body.len().to_string().as_str())
    );
    assert_eq!(request(server.port, "POST", "/en/", &[]).status, 405);

    // Folders: index.html, and a redirect to the address with its final slash.
    let redirect = server.get("/en/about/team");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("Location"), Some("/en/about/team/"));
    assert!(server.get("/").text().contains("<html"));

    // The language's 404 page with status 404; the default one elsewhere.
    let missing = server.get("/el/nothing/here/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.text().contains("<html lang=\"el\""),
        "{}",
        missing.text()
    );
    assert!(missing.text().contains("/__ponte/live.js"));
    let missing = server.get("/nothing");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("<html lang=\"en\""));

    // Media types; no script in anything but HTML.
    let sitemap = server.get("/sitemap.xml");
    assert_eq!(
        sitemap.header("Content-Type"),
        Some("application/xml; charset=utf-8")
    );
    assert!(!sitemap.text().contains("__ponte"));
    let robots = server.get("/robots.txt");
    assert_eq!(
        robots.header("Content-Type"),
        Some("text/plain; charset=utf-8")
    );
    let script = server.get("/__ponte/live.js");
    assert_eq!(
        script.header("Content-Type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(script.text().contains("EventSource"));
    assert_eq!(
        server.get("/__ponte/live.css").header("Content-Type"),
        Some("text/css; charset=utf-8")
    );
    assert_eq!(server.get("/__ponte/nothing").status, 404);

    // Several tabs at once.
    let port = server.port;
    let workers: Vec<_> = (0..8)
        .map(|i| {
            std::thread::spawn(move || {
                let _events = (i % 2 == 0).then(|| Events::connect(port));
                (0..10)
                    .map(|_| request(port, "GET", "/en/news/first/", &[]).status)
                    .collect::<Vec<u16>>()
            })
        })
        .collect();
    for worker in workers {
        assert!(worker.join().unwrap().iter().all(|&s| s == 200));
    }
}

#[test]
fn serve_shows_drafts_only_when_asked() {
    let site = SiteTest::fixture("basic");
    site.write(
        "content/news/plans.en.md",
        "+++\ntitle = \"Plans\"\ndraft = true\n+++\nNot yet.\n",
    );
    let server = Server::start(&site, &[]);
    assert_eq!(server.get("/en/news/plans/").status, 404);
    drop(server);
    let server = Server::start(&site, &["--drafts"]);
    let page = server.get("/en/news/plans/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Not yet."));
}

#[test]
fn serve_refuses_a_folder_without_a_site() {
    let site = SiteTest::fixture("basic");
    site.remove("ponte.toml");
    let run = site.run(&["serve", "--port", "0"]);
    run.assert_code(1);
    assert!(
        run.stderr
            .starts_with("error: there is no ponte.toml in `ROOT`\n  = hint:"),
        "{}",
        run.stderr
    );
}

#[test]
fn serve_moves_to_the_next_port_when_busy() {
    let site = SiteTest::fixture("basic");
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port().to_string();
    let server = Server::start_on(&site, &["--port", &port], &[]);
    assert_ne!(server.port.to_string(), port);
    assert!(
        server.stderr().contains(&format!("port {port} is in use")),
        "{}",
        server.stderr()
    );
    assert_eq!(server.get("/en/about/team/").status, 200);
}

#[cfg(unix)]
#[test]
fn serve_stops_on_ctrl_c() {
    let site = SiteTest::fixture("basic");
    let mut server = Server::start(&site, &[]);
    let _events = server.events();
    let sent = Command::new("kill")
        .args(["-INT", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let deadline = Instant::now() + WAIT;
    while server.child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "ponte serve did not stop");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(!server.stderr().contains("internal error"));
    assert!(!site.public().exists(), "serve wrote public/");
}

/// A real browser: the page reloads itself after an edit, swaps its stylesheet after a Sass
/// edit, and shows then clears the error overlay. Runs `node tests/browser/reload.mjs`.
#[test]
fn browser_sees_the_page_reload_itself() {
    let Some(browser_dir) = support::browser_tests(&["playwright-core"]) else {
        return;
    };
    let site = SiteTest::fixture("basic");
    // The theme's policy, as the default site has it: the injected script must pass it.
    save(&site,
        "themes/default/templates/base.html",
        "<head>",
        "<head>\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'\">",
    );
    // A page longer than the window, so that showing the overlay could scroll it.
    let long: String = (1..=60).map(|i| format!("\n\nParagraph {i}.")).collect();
    let text = site.read_source("content/news/first.en.md");
    site.write("content/news/first.en.md", format!("{text}{long}\n"));
    let server = Server::start(&site, &[]);
    let profile = tempfile::tempdir().unwrap();
    let output = Command::new("node")
        .arg(browser_dir.join("reload.mjs"))
        .arg(format!("http://127.0.0.1:{}/en/news/first/", server.port))
        .arg(site.root())
        .arg(profile.path())
        .current_dir(&browser_dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    eprintln!("{stdout}");
    assert!(
        output.status.success(),
        "browser test failed:\n{stdout}\n{stderr}\nponte:\n{}",
        server.stderr()
    );
    assert!(stdout.contains("browser: all checks passed"), "{stdout}");
}

/// A request announcing an enormous body once made the server allocate it and abort; a
/// request line or `Host` the preview cannot trust got no answer, or a wrong one.
#[test]
fn serve_refuses_bodies_and_malformed_requests_and_stays_up() {
    let site = SiteTest::fixture("basic");
    let server = Server::start(&site, &[]);
    for method in ["POST", "GET"] {
        let reply = raw_request(
            server.port,
            format!("{method} /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 99999999999999\r\n\r\n").as_bytes(),
        );
        assert!(
            reply.status == 413 || reply.status == 400,
            "{method}: {}",
            reply.status
        );
    }
    let cases: &[(&[u8], u16)] = &[
        (b"GET /en/ HTTP/2.0\r\nHost: 127.0.0.1\r\n\r\n", 505),
        (b"GET /en/ HTTP/1.1\nHost: 127.0.0.1\n\n", 400),
        (
            b"GET /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
            400,
        ),
        (
            b"GET /en/ HTTP/1.1\r\nHost: [::1]evil.example\r\nConnection: close\r\n\r\n",
            403,
        ),
        (
            b"POST /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n",
            413,
        ),
    ];
    for (raw, status) in cases {
        let reply = raw_request(server.port, raw);
        assert_eq!(reply.status, *status, "{:?}", String::from_utf8_lossy(raw));
    }
    // Still up, and no other site may frame the preview.
    let page = server.get("/en/about/team/");
    assert_eq!(page.status, 200);
    assert_eq!(page.header("X-Frame-Options"), Some("DENY"));
    assert_eq!(
        page.header("Content-Security-Policy"),
        Some("frame-ancestors 'none'")
    );
    // Another site's page may not listen to the events.
    let cross = request(
        server.port,
        "GET",
        "/__ponte/events",
        &[("Sec-Fetch-Site", "cross-site")],
    );
    assert_eq!(cross.status, 403);
}

/// With a live-reload stream open, six keep-alive connections opened at once (as a browser
/// loading a page does) are all answered, twice each.
#[test]
fn serve_answers_a_burst_of_keep_alive_connections() {
    let site = SiteTest::fixture("basic");
    let server = Server::start(&site, &[]);
    let _events = server.events();
    let mut connections: Vec<BufReader<TcpStream>> = (0..6)
        .map(|_| {
            let stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
            stream
                .set_read_timeout(Some(Duration::from_secs(2)))
                .unwrap();
            BufReader::new(stream)
        })
        .collect();
    for round in 0..2 {
        for connection in &mut connections {
            connection
                .get_mut()
                .write_all(b"GET /en/news/first/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                .unwrap();
        }
        for (i, connection) in connections.iter_mut().enumerate() {
            let reply = read_reply(connection).unwrap_or_else(|e| {
                panic!("connection {i}, round {round}: no answer in 2 s ({e})")
            });
            assert_eq!(reply.status, 200);
            assert!(reply.text().contains("It happened."));
            assert_eq!(reply.header("Connection"), Some("keep-alive"));
        }
    }
}

/// Live-reload streams are forgotten as soon as their pages close: after 70 come and go, a
/// new page still connects and hears about the next rebuild.
#[test]
fn serve_forgets_closed_event_streams() {
    let site = SiteTest::fixture("basic");
    let server = Server::start(&site, &[]);
    let streams: Vec<TcpStream> = (0..70)
        .map(|_| {
            let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
            stream
                .write_all(b"GET /__ponte/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                .unwrap();
            stream.set_read_timeout(Some(WAIT)).unwrap();
            let mut first = [0u8; 12];
            stream.read_exact(&mut first).unwrap();
            assert!(
                first.starts_with(b"HTTP/1.1 200") || first.starts_with(b"HTTP/1.1 503"),
                "{}",
                String::from_utf8_lossy(&first)
            );
            stream
        })
        .collect();
    drop(streams);
    let deadline = Instant::now() + WAIT;
    let events = loop {
        let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        stream
            .write_all(b"GET /__ponte/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            .unwrap();
        let mut first = [0u8; 12];
        stream.set_read_timeout(Some(WAIT)).unwrap();
        stream.read_exact(&mut first).unwrap();
        if first.starts_with(b"HTTP/1.1 200") {
            drop(stream);
            break server.events();
        }
        assert!(Instant::now() < deadline, "live reload stays refused");
        std::thread::sleep(Duration::from_millis(50));
    };
    save(
        &site,
        "content/news/first.en.md",
        "It happened.",
        "It happened again.",
    );
    events.expect("reload");
}

/// Clients that ask for a large file and never read it hold nothing another client needs.
#[test]
fn serve_answers_while_clients_stall() {
    let site = SiteTest::fixture("basic");
    // Larger than what the kernel buffers for a connection, so that writing it blocks.
    site.write("themes/default/static/big.txt", "x".repeat(48 << 20));
    let server = Server::start(&site, &[]);
    let stalled: Vec<TcpStream> = (0..4)
        .map(|_| {
            let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
            stream
                .write_all(b"GET /big.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                .unwrap();
            stream
        })
        .collect();
    // And some that start a request and never finish it.
    let slow: Vec<TcpStream> = (0..4)
        .map(|_| {
            let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
            stream.write_all(b"GET /en/ HTTP/1.1\r\nHost: 12").unwrap();
            stream
        })
        .collect();
    std::thread::sleep(Duration::from_millis(200));
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(2)))
        .unwrap();
    stream
        .write_all(b"GET /en/news/first/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .unwrap();
    let reply = read_reply(&mut BufReader::new(stream)).expect("an answer within 2 s");
    assert_eq!(reply.status, 200);
    drop((stalled, slow));
}

/// An editor that writes a file in two steps: the half written first fails to parse, but the
/// preview waits for the rest instead of showing (or broadcasting) an error.
#[test]
fn serve_never_builds_from_a_half_written_file() {
    let site = SiteTest::fixture("basic");
    let mut command = Command::new(env!("CARGO_BIN_EXE_ponte"));
    command.env("PONTE_DEBUG_INCREMENTAL", "1");
    let server = Server::run(command, &site, &["--port", "0"], &[]);
    let events = server.events();
    for (round, rel) in [
        "themes/default/templates/page.html",
        "content/news/first.en.md",
        "themes/default/templates/page.html",
    ]
    .into_iter()
    .enumerate()
    {
        let old = site.read_source(rel);
        let marker = format!("<p class=\"r{round}\"></p>");
        let (text, expected) = if rel.ends_with(".md") {
            let shown = format!("It happened ({round}).");
            (old.replacen("It happened.", &shown, 1), shown)
        } else {
            let with = format!("{{{{ page.title }}}}</h1>{marker}");
            (old.replacen("{{ page.title }}</h1>", &with, 1), marker)
        };
        assert_ne!(text, old);
        // Cut inside `{{ page.title }}` or inside the front matter: neither half parses.
        let cut = text
            .find("{{ page.title")
            .map_or_else(|| text.find("title").unwrap() + 3, |at| at + 5);
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(site.root().join(rel))
            .unwrap();
        file.write_all(&text.as_bytes()[..cut]).unwrap();
        file.flush().unwrap();
        // Longer than the watcher waits for a file still being written.
        std::thread::sleep(Duration::from_millis(45));
        file.write_all(&text.as_bytes()[cut..]).unwrap();
        drop(file);
        events.expect("reload");
        // Nothing else but reloads, and no error on the terminal either.
        while let Ok((name, data)) = events.rx.recv_timeout(Duration::from_millis(700)) {
            assert_eq!(name, "reload", "round {round}: {data}");
        }
        let page = server.get("/en/news/first/").text();
        assert!(page.contains(&expected), "round {round}: {page}");
    }
    let stderr = server.stderr();
    assert!(
        !stderr.contains("error:") && !stderr.contains("last good build"),
        "{stderr}"
    );
    // The half-written file was seen, and built from only once complete.
    assert!(stderr.contains("still being written"), "{stderr}");
}

/// Running out of file descriptors pauses accepting; once connections close, the preview
/// answers again. Runs ponte with a low descriptor limit (`prlimit`).
#[cfg(target_os = "linux")]
#[test]
fn serve_recovers_from_running_out_of_file_descriptors() {
    if Command::new("prlimit").arg("--version").output().is_err() {
        eprintln!("SKIPPED serve_recovers_from_running_out_of_file_descriptors: no prlimit");
        return;
    }
    let site = SiteTest::fixture("basic");
    let mut prlimit = Command::new("prlimit");
    prlimit
        .arg("--nofile=64:64")
        .arg(env!("CARGO_BIN_EXE_ponte"));
    let server = Server::run(prlimit, &site, &["--port", "0"], &[]);
    assert_eq!(server.get("/en/").status, 200);
    // More connections than descriptors: the last ones wait in the listen queue.
    let held: Vec<TcpStream> = (0..100)
        .map(|_| TcpStream::connect(("127.0.0.1", server.port)).unwrap())
        .collect();
    let deadline = Instant::now() + WAIT;
    while !server
        .stderr()
        .contains("cannot accept connections for now")
    {
        assert!(
            Instant::now() < deadline,
            "never ran out of descriptors:\n{}",
            server.stderr()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(held);
    let deadline = Instant::now() + WAIT;
    loop {
        let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        let sent = stream.write_all(
            b"GET /en/news/first/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
        );
        let mut data = Vec::new();
        if sent.is_ok()
            && stream.read_to_end(&mut data).is_ok()
            && data.starts_with(b"HTTP/1.1 200")
        {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "no answer after the connections closed"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A small deterministic random number generator (xorshift), so that a failing edit
/// sequence can be replayed with its seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// `body` with the live-reload script's generation and the server's address made neutral,
/// so that two servers' answers compare equal when they serve the same build.
fn neutral(body: &[u8], port: u16) -> String {
    let text = String::from_utf8_lossy(body).replace(&format!("127.0.0.1:{port}"), "HOST");
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find("data-generation=\"") {
        let (before, after) = rest.split_at(at + "data-generation=\"".len());
        out.push_str(before);
        rest = after.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    out.push_str(rest);
    out
}

/// Every file a full build of `site` writes, relative to the output folder.
fn built_files(site: &SiteTest) -> Vec<String> {
    let out = tempfile::tempdir().unwrap();
    let run = site.run(&["build", "--out", &out.path().join("site").to_string_lossy()]);
    run.assert_ok();
    let base = out.path().join("site");
    let mut files: Vec<String> = walkdir::WalkDir::new(&base)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(&base)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    files.sort();
    files
}

/// A page printed in a report is served with the edit at once (rendered incrementally), and
/// the report's PDF follows a moment later, the same as a full build makes it.
#[test]
fn serve_shows_a_report_page_at_once_and_makes_the_report_after() {
    let site = SiteTest::fixture("documents");
    for rel in [
        "themes/default/documents",
        "themes/default/fonts",
        "themes/default/locales/en",
        "themes/default/static/eu-emblem.svg",
    ] {
        site.copy_from_repo(rel);
    }
    site.write(
        "content/story.en.md",
        "+++\ntitle = \"Our story\"\n+++\nThe first chapter.\n",
    );
    site.write(
        "templates-public/report.en.toml",
        "id = \"report\"\nkind = \"report\"\ntitle = \"The report\"\nupdated = 2021-09-20\npages = [\"@/story.md\"]\n",
    );
    let mut command = Command::new(env!("CARGO_BIN_EXE_ponte"));
    command.env("PONTE_DEBUG_INCREMENTAL", "1");
    let server = Server::run(command, &site, &["--port", "0"], &[]);
    let events = server.events();
    let pdf = "/en/documents/report.pdf";
    let before = server.get(pdf);
    assert_eq!(before.status, 200, "{}", server.stderr());

    save(
        &site,
        "content/story.en.md",
        "The first chapter.",
        "The first chapter, edited.",
    );
    events.expect("reload");
    assert!(server
        .get("/en/story/")
        .text()
        .contains("The first chapter, edited."));
    // The page came from an incremental update, not from the full build (its line on
    // standard error may come a moment after the reload event).
    let waited = std::time::Instant::now();
    while !server
        .stderr()
        .contains("rendered content/story.en.md again: its body changed")
    {
        assert!(waited.elapsed() < WAIT, "{}", server.stderr());
        std::thread::sleep(Duration::from_millis(20));
    }
    // A second edit while the report is being made: served at once too, and the report
    // made again with it (the background build that missed it starts over).
    save(
        &site,
        "content/story.en.md",
        "The first chapter, edited.",
        "The first chapter, edited twice.",
    );
    events.expect("reload");
    assert!(server
        .get("/en/story/")
        .text()
        .contains("The first chapter, edited twice."));
    // The report follows, with the last edit.
    let pdftotext_works = Command::new("pdftotext").arg("-v").output().is_ok();
    if !pdftotext_works && std::env::var_os("CI").is_some() {
        panic!("pdftotext (poppler-utils) is missing");
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.pdf");
    let waited = std::time::Instant::now();
    loop {
        let now = server.get(pdf);
        if now.body != before.body {
            if !pdftotext_works {
                support::skip(
                    "serve_shows_a_report_page_at_once_and_makes_the_report_after: the \
                     report's text is not read: needs pdftotext (poppler-utils)",
                );
                break;
            }
            std::fs::write(&file, &now.body).unwrap();
            let text = Command::new("pdftotext")
                .arg(&file)
                .arg("-")
                .output()
                .unwrap();
            if String::from_utf8_lossy(&text.stdout).contains("The first chapter, edited twice.") {
                break;
            }
        }
        assert!(
            waited.elapsed() < Duration::from_secs(60),
            "the report was not made again with the last edit:\n{}",
            server.stderr()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        server
            .stderr()
            .contains("building everything next: content/story.en.md is printed in a report"),
        "{}",
        server.stderr()
    );
}

/// Property: after any sequence of edits, what the long-running preview serves (rebuilt
/// incrementally where it can) is byte for byte what a preview started afresh on the same
/// files serves.
#[test]
fn serve_incremental_rebuilds_match_a_full_build() {
    let seed: u64 = std::env::var("PONTE_TEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    eprintln!("edit sequence seed: PONTE_TEST_SEED={seed}");
    let mut rng = Rng(seed);
    let site = SiteTest::fixture("basic");
    let mut command = Command::new(env!("CARGO_BIN_EXE_ponte"));
    command.env("PONTE_DEBUG_INCREMENTAL", "1");
    let server = Server::run(command, &site, &["--port", "0"], &[]);
    let events = server.events();
    let pages = [
        "content/news/first.en.md",
        "content/news/first.it.md",
        "content/news/first.el.md",
        "content/about/team.en.md",
        "content/about/team.it.md",
        "content/about/_index.en.md",
        "content/_index.en.md",
    ];
    let append = |rel: &str, text: &str| {
        let old = site.read_source(rel);
        save(&site, rel, &old, &format!("{old}{text}"));
    };
    let mut broken: Option<(&str, String)> = None;
    let mut page_template_edited = false;
    let mut strings_edited = false;
    // A `site-title` taken out of a language (which then shows the default language's),
    // with its line, until it is put back.
    let mut taken_out: Option<(&str, String)> = None;
    for step in 0..24 {
        let page = pages[rng.below(pages.len())];
        let kind = if step == 0 { 0 } else { rng.below(10) };
        let expected = match (kind, &broken) {
            // A mistake is fixed before the next edit.
            (_, Some((rel, line))) => {
                let (rel, line) = (*rel, line.clone());
                save(&site, rel, &line, "");
                broken = None;
                "reload"
            }
            (0 | 1, None) => {
                append(page, &format!("\nEdit {step}: more *text* here.\n"));
                "reload"
            }
            (2, None) => {
                append(page, &format!("\n## Heading {step} {{#h{step}}}\n"));
                "reload"
            }
            (3, None) => {
                append(
                    page,
                    &format!("\nSee [the team](@/about/team.md#who) ({step}).\n"),
                );
                "reload"
            }
            (4, None) => {
                let line = format!("\nSee [nothing](@/nowhere-{step}.md).\n");
                append(page, &line);
                broken = Some((page, line));
                "errors"
            }
            (5, None) => {
                let text = site.read_source(page);
                let title = text
                    .lines()
                    .find(|l| l.starts_with("title = "))
                    .unwrap()
                    .to_string();
                save(&site, page, &title, &format!("title = \"Edited {step}\""));
                "reload"
            }
            (6, None) => {
                page_template_edited = true;
                save(
                    &site,
                    "themes/default/templates/page.html",
                    "<h1>{{ page.title }}</h1>",
                    &format!("<p>template {step}</p><h1>{{{{ page.title }}}}</h1>"),
                );
                "reload"
            }
            // A template every page's template extends, or one only sections use.
            (7, None) => {
                let template = ["base.html", "section.html", "404.html"][rng.below(3)];
                save(
                    &site,
                    &format!("themes/default/templates/{template}"),
                    "{% block content %}",
                    &format!("{{% block content %}}<p>{template} {step}</p>"),
                );
                "reload"
            }
            // An interface string of one language; or a message taken out of a language,
            // which then falls back on English (so that English edits reach it), and put back.
            (8, None) => {
                strings_edited = true;
                match (rng.below(4), taken_out.take()) {
                    (3, Some((lang, line))) => {
                        append(&format!("locales/{lang}/main.ftl"), &line);
                    }
                    (3, None) => {
                        let lang = ["it", "el"][rng.below(2)];
                        let rel = format!("locales/{lang}/main.ftl");
                        let text = site.read_source(&rel);
                        let line = text
                            .lines()
                            .find(|l| l.starts_with("site-title = "))
                            .map(|l| format!("{l}\n"))
                            .unwrap();
                        save(&site, &rel, &line, "");
                        taken_out = Some((lang, line));
                    }
                    (n, out) => {
                        let mut lang = ["en", "it", "el"][n];
                        if out.as_ref().is_some_and(|(l, _)| *l == lang) {
                            lang = "en";
                        }
                        taken_out = out;
                        save(
                            &site,
                            &format!("locales/{lang}/main.ftl"),
                            "site-title = ",
                            &format!("site-title = S{step} "),
                        );
                    }
                }
                "reload"
            }
            // Front matter other pages show: a page's weight and date.
            _ => {
                let text = site.read_source(page);
                let end = text[3..].find("+++").unwrap() + 3;
                let front = &text[..end];
                let line = match rng.below(2) {
                    0 => format!("weight = {}\n", rng.below(5)),
                    _ => format!("date = 2021-07-1{}\n", rng.below(10)),
                };
                let key = line.split(' ').next().unwrap().to_string();
                let kept: String = front
                    .lines()
                    .filter(|l| !l.starts_with(&format!("{key} ")))
                    .map(|l| format!("{l}\n"))
                    .collect();
                save(&site, page, front, &format!("{kept}{line}"));
                "reload"
            }
        };
        events.expect(expected);
        if broken.is_some() {
            continue;
        }
        let fresh = Server::start(&site, &[]);
        for file in built_files(&site) {
            let path = format!("/{file}");
            let (ours, theirs) = (server.get(&path), fresh.get(&path));
            assert_eq!(
                ours.status, theirs.status,
                "{path} after step {step} (seed {seed})"
            );
            assert!(
                neutral(&ours.body, server.port) == neutral(&theirs.body, fresh.port),
                "{path} differs from a full build after step {step} (seed {seed}):\n{}\n---\n{}",
                neutral(&ours.body, server.port),
                neutral(&theirs.body, fresh.port)
            );
        }
    }
    if std::env::var_os("PONTE_TEST_SHOW").is_some() {
        eprintln!("{}", server.stderr());
    }
    // An edit of page.html rendered again the pages that use it, not the whole site.
    if page_template_edited {
        assert!(
            server.stderr().contains("again: it uses page.html"),
            "{}",
            server.stderr()
        );
    }
    // A strings edit rendered again the pages of the languages it reached, not the site.
    if strings_edited {
        let stderr = server.stderr();
        assert!(
            stderr.contains("again: the interface strings of `"),
            "{stderr}"
        );
        assert!(
            !stderr.contains("building everything: locales/"),
            "{stderr}"
        );
        // An Italian or Greek string is not an English page's.
        for lang in ["it", "el"] {
            assert!(
                !stderr.contains(&format!(".en.md again: the interface strings of `{lang}`")),
                "{stderr}"
            );
        }
    }
    // The first edit changed only a page's body: that page alone was rendered again.
    assert!(
        server
            .stderr()
            .contains("ponte: incremental: rendered content/"),
        "{}",
        server.stderr()
    );
}
