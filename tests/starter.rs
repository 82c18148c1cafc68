//! ponte beyond this repository: `ponte init` in an empty folder, the built-in theme, and a
//! site's own files replacing the theme's file by file (`ponte theme eject`).
mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::SiteTest;

/// Runs the real `ponte` with `args` in the folder `cwd`; (exit code, stdout, stderr).
fn ponte(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_ponte"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("ponte runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[track_caller]
fn ok(result: (i32, String, String)) -> (String, String) {
    assert_eq!(result.0, 0, "ponte failed:\n{}\n{}", result.1, result.2);
    (result.1, result.2)
}

/// An empty folder outside the repository.
fn empty_folder() -> tempfile::TempDir {
    let dir = tempfile::Builder::new()
        .prefix("ponte-init-")
        .tempdir()
        .unwrap();
    assert!(!dir.path().starts_with(env!("CARGO_MANIFEST_DIR")));
    dir
}

/// GETs `path` from a server on 127.0.0.1:`port`; the status line and the body.
fn get(port: u16, path: &str) -> (String, String) {
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
    let status = reply.lines().next().unwrap_or_default().to_string();
    let body = reply
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_string();
    (status, body)
}

#[test]
fn init_makes_a_site_that_builds_checks_and_serves_without_a_theme_folder() {
    let dir = empty_folder();
    let (_, said) = ok(ponte(
        dir.path(),
        &[
            "init",
            "site",
            "--languages",
            "en,it,el",
            "--title",
            "Safe Work Network",
        ],
    ));
    assert!(said.contains("ponte serve"), "{said}");
    let site = dir.path().join("site");
    assert!(site.join("ponte.toml").is_file());
    assert!(!site.join("themes").exists(), "no theme folder is made");
    assert!(site.join("content/privacy.el.md").is_file());
    assert!(!site.join("content/privacy.fr.md").exists());

    // Builds at once, strictly, with no warning.
    let (_, said) = ok(ponte(&site, &["build", "--strict"]));
    assert!(said.contains("(no problems"), "{said}");
    let public = site.join("public");
    for (lang, exit) in [("en", "Leave this site"), ("it", "Esci da questo sito")] {
        let home = std::fs::read_to_string(public.join(lang).join("index.html")).unwrap();
        assert!(home.contains(&format!("<html lang=\"{lang}\"")));
        assert!(home.contains(exit), "quick exit in {lang}:\n{home}");
        assert!(
            home.contains("Safe Work Network"),
            "the title names the site"
        );
        assert!(!home.contains("eu-emblem"), "the EU block is opt-in");
        assert!(!home.contains("WIN"), "nothing of the WIN site");
    }
    for page in ["about", "privacy", "safety", "accessibility", "results"] {
        assert!(
            public.join("en").join(page).join("index.html").is_file(),
            "{page}"
        );
    }
    let results = std::fs::read_to_string(public.join("en/results/index.html")).unwrap();
    assert!(results.contains("<table"), "the example statistics table");
    assert!(results.contains(".pdf"), "the example leaflet is listed");
    let pdfs = SiteTest::tree(&public)
        .into_keys()
        .filter(|p| p.ends_with(".pdf"))
        .count();
    assert_eq!(pdfs, 3, "one leaflet in each of three languages");

    // Passes `ponte check` as it is.
    let (said, _) = ok(ponte(&site, &["check"]));
    assert!(said.contains("clean"), "{said}");

    // Serves, with no themes/ folder either.
    let mut child = Command::new(env!("CARGO_BIN_EXE_ponte"))
        .args(["serve", "--port", "0"])
        .current_dir(&site)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = BufReader::new(child.stderr.take().unwrap());
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut port = 0;
    for line in stderr.lines().map_while(Result::ok) {
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            port = rest.split('/').next().unwrap().parse().unwrap();
            break;
        }
        assert!(Instant::now() < deadline, "ponte serve did not start");
    }
    let (status, body) = get(port, "/it/");
    let _ = child.kill();
    let _ = child.wait();
    assert!(status.contains("200"), "{status}");
    assert!(body.contains("<html lang=\"it\""), "{body}");
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_and_an_unknown_language() {
    let dir = empty_folder();
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let (code, _, said) = ponte(dir.path(), &["init"]);
    assert_eq!(code, 1, "{said}");
    assert!(said.contains("is not empty"), "{said}");
    assert!(!dir.path().join("ponte.toml").exists());
    let (code, _, said) = ponte(dir.path(), &["init", "new", "--languages", "en,xx"]);
    assert_eq!(code, 1);
    assert!(said.contains("not written in `xx`"), "{said}");
    assert!(!dir.path().join("new").exists());
}

#[test]
fn init_with_eu_funding_shows_the_eu_block() {
    let dir = empty_folder();
    ok(ponte(dir.path(), &["init", "s", "--eu-funded"]));
    let site = dir.path().join("s");
    ok(ponte(&site, &["build"]));
    let home = std::fs::read_to_string(site.join("public/en/index.html")).unwrap();
    assert!(home.contains("Funded by the European Union"));
}

#[test]
fn the_default_site_without_its_themes_folder_builds_to_the_same_output() {
    let with = SiteTest::default_site();
    let without = SiteTest::default_site();
    without.remove("themes");
    with.build().assert_ok();
    without.build().assert_ok();
    let (a, b) = (
        SiteTest::tree(&with.public()),
        SiteTest::tree(&without.public()),
    );
    assert!(a.len() > 100, "{} files", a.len());
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "the same files"
    );
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs");
    }
}

#[test]
fn a_site_file_replaces_the_theme_file_of_the_same_name() {
    let dir = empty_folder();
    ok(ponte(dir.path(), &["init", "s"]));
    let site = dir.path().join("s");
    // Eject one template, then change it: the site's copy replaces the theme's.
    let (made, _) = ok(ponte(&site, &["theme", "eject", "templates/page.html"]));
    assert_eq!(made.trim(), "created templates/page.html");
    let page = site.join("templates/page.html");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        text.replacen(
            "{% block content %}",
            "{% block content %}<p class=\"mine\">",
            1,
        )
        .replacen("{% endblock content %}", "</p>{% endblock content %}", 1),
    )
    .unwrap();
    // A new static file is published; a site message replaces the theme's.
    std::fs::create_dir_all(site.join("static")).unwrap();
    std::fs::write(site.join("static/contact.vcf"), "BEGIN:VCARD").unwrap();
    std::fs::write(site.join("locales/en/main.ftl"), "quick-exit = Leave now\n").unwrap();
    // And a Sass partial of the site replaces the theme's for the theme's style.scss.
    ok(ponte(&site, &["theme", "eject", "sass/_tokens.scss"]));
    let tokens = site.join("sass/_tokens.scss");
    let text = std::fs::read_to_string(&tokens).unwrap();
    std::fs::write(
        &tokens,
        format!("{text}\n.site-own-rule {{ color: #123456; }}\n"),
    )
    .unwrap();

    ok(ponte(&site, &["build"]));
    let public = site.join("public");
    let about = std::fs::read_to_string(public.join("en/about/index.html")).unwrap();
    assert!(about.contains("<p class=\"mine\">"), "{about}");
    assert!(about.contains("Leave now"));
    assert_eq!(
        std::fs::read_to_string(public.join("contact.vcf")).unwrap(),
        "BEGIN:VCARD"
    );
    let css: String = SiteTest::tree(&public)
        .into_iter()
        .filter(|(p, _)| p.starts_with("style.") && p.ends_with(".css"))
        .map(|(_, b)| String::from_utf8(b).unwrap())
        .collect();
    assert!(css.contains("#123456"), "the site's Sass partial is used");
    assert!(!site.join("themes").exists());

    // A file the theme does not have is named as such.
    let (code, _, said) = ponte(&site, &["theme", "eject", "page.html"]);
    assert_eq!(code, 1);
    assert!(
        said.contains("did you mean `templates/page.html`?"),
        "{said}"
    );
}
