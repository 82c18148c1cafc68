//! Sub-path deploys: the default site built for `https://ponte.test/win` has every internal
//! address under `/win/`, `ponte check --base-url` checks it so, and (when Chromium and Node
//! are there) a browser serving it under `/win/` only finds every link, asset, PDF and short
//! link, and the quick exit works.
mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;

use support::SiteTest;

const BASE: &str = "https://ponte.test/win";

#[test]
fn the_default_site_built_for_a_sub_path_lives_under_it() {
    let site = SiteTest::default_site();
    site.run(&["build", "--base-url", BASE]).assert_ok();
    let files = SiteTest::tree(&site.public());
    let mut pages = 0;
    for (path, bytes) in &files {
        if !(path.ends_with(".html") || path.ends_with(".css")) {
            continue;
        }
        let text = String::from_utf8_lossy(bytes);
        for needle in [" href=\"/", " src=\"/", "url=/", "url(/"] {
            for (i, _) in text.match_indices(needle) {
                let rest = &text[i + needle.len()..];
                assert!(
                    rest.starts_with("win/") || rest.starts_with('/'),
                    "{path}: `{needle}{}` is outside /win/",
                    &rest[..rest.len().min(40)]
                );
            }
        }
        pages += 1;
    }
    assert!(pages > 100, "{pages}");
    let home = site.output("en/index.html");
    assert!(home.contains("href=\"/win/style."), "the stylesheet");
    assert!(
        home.contains("src=\"/win/js/exit."),
        "the quick exit's script"
    );
    assert!(home.contains("rel=\"canonical\" href=\"https://ponte.test/win/en/\""));
    let sitemap = site.output("sitemap.xml");
    assert!(sitemap.contains("<loc>https://ponte.test/win/en/</loc>"));
    assert!(!sitemap.contains("<loc>https://ponte.test/en/"));
    assert!(site
        .output("robots.txt")
        .contains("Sitemap: https://ponte.test/win/sitemap.xml"));
    let headers = site.output("_headers");
    assert!(headers.starts_with("/win/*\n"), "{headers}");
    assert!(headers.contains("/win/*.css\n  Cache-Control: public, max-age=31536000, immutable"));
    // Aliases and short links redirect under the prefix too.
    let short = files
        .keys()
        .find(|p| p.starts_with("d/") && p.ends_with("/index.html"))
        .expect("a short link");
    assert!(site.output(short).contains("url=/win/"), "{short}");

    // `ponte check` sees the same site as published there, and finds it clean.
    let run = site.run(&["check", "--base-url", BASE]);
    assert!(run.stdout.ends_with(": clean\n"), "{}", run.stdout);
}

#[test]
fn check_finds_a_link_that_leaves_the_sub_path() {
    let site = SiteTest::fixture("basic");
    site.write(
        "content/about/team.en.md",
        format!(
            "{}\n[Out](https://ponte.test/elsewhere/)\n",
            site.read_source("content/about/team.en.md")
        ),
    );
    let run = site.run(&["check", "--base-url", BASE]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("the link `https://ponte.test/elsewhere/` leads to no page or file"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_default_site_under_a_sub_path_works_in_a_browser() {
    let Some(browser_dir) = support::browser_tests(&["playwright-core"]) else {
        return;
    };
    let site = SiteTest::default_site();
    site.run(&["build", "--base-url", BASE]).assert_ok();
    let profile = tempfile::tempdir().unwrap();
    let output = Command::new("node")
        .arg(browser_dir.join("subpath.mjs"))
        .arg(site.public())
        .arg("/win")
        .arg(profile.path())
        .current_dir(&browser_dir)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("subpath: all checks passed"), "{stdout}");
}

/// Status line, `Location` and body of `GET path` on 127.0.0.1:`port`.
fn get(port: u16, path: &str) -> (String, String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply).unwrap();
    let reply = String::from_utf8_lossy(&reply).into_owned();
    let (head, body) = reply.split_once("\r\n\r\n").unwrap_or((&reply, ""));
    let status = head.lines().next().unwrap_or_default().to_string();
    let location = head
        .lines()
        .find_map(|l| l.strip_prefix("Location: "))
        .unwrap_or_default()
        .to_string();
    (status, location, body.to_string())
}

#[test]
fn serve_previews_a_sub_path_site_under_its_path() {
    let site = SiteTest::fixture("basic");
    let config = site.read_source("ponte.toml");
    let line = config
        .lines()
        .find(|l| l.starts_with("base_url"))
        .unwrap()
        .to_string();
    site.edit(
        "ponte.toml",
        &line,
        "base_url = \"https://org.github.io/win\"",
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_ponte"))
        .args(["serve", "--port", "0", "--root"])
        .arg(site.root())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = BufReader::new(child.stderr.take().unwrap());
    let mut port = 0;
    let mut said = String::new();
    for line in stderr.lines().map_while(Result::ok) {
        said.push_str(&line);
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            let (digits, path) = rest.split_once('/').unwrap();
            assert!(
                path.starts_with("win/"),
                "the address names the path: {line}"
            );
            port = digits.parse().unwrap();
            break;
        }
    }
    assert_ne!(port, 0, "ponte serve did not start: {said}");
    // The preview answers at once, with a waiting page until the first build is done.
    let start = std::time::Instant::now();
    let mut page = get(port, "/win/en/");
    while page.0.contains("503") && start.elapsed() < Duration::from_secs(120) {
        std::thread::sleep(Duration::from_millis(200));
        page = get(port, "/win/en/");
    }
    let root = get(port, "/");
    let outside = get(port, "/en/");
    let _ = child.kill();
    let _ = child.wait();
    assert!(root.0.contains("302") && root.1 == "/win/", "{root:?}");
    assert!(page.0.contains("200"), "{page:?}");
    assert!(page.2.contains("href=\"/win/"), "{}", page.2);
    assert!(outside.0.contains("404"), "{outside:?}");
}
