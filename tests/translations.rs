//! Translations that stay true: outdated and untranslated pages and messages, `ponte
//! translations` (the matrix, `done`, XLIFF export and import), through the real binary.
mod support;

use std::collections::BTreeMap;

use support::SiteTest;

/// The site's sources (content, locales and the translation record), path → bytes.
fn sources(site: &SiteTest) -> BTreeMap<String, Vec<u8>> {
    let mut all = SiteTest::tree(&site.root().join("content"));
    all.extend(
        SiteTest::tree(&site.root().join("locales"))
            .into_iter()
            .map(|(k, v)| (format!("locales/{k}"), v)),
    );
    all
}

fn tracked() -> SiteTest {
    let site = SiteTest::fixture("basic");
    site.run(&["translations", "done", "--all"]).assert_ok();
    site
}

#[test]
fn changing_a_page_makes_its_translations_outdated_until_they_are_done() {
    let site = tracked();
    let it = site.read_source("content/about/_index.it.md");
    assert!(it.contains("\ntranslation_of = \""), "{it}");
    let check = site.run(&["check"]);
    assert!(!check.stdout.contains("outdated"), "{}", check.stdout);

    // Whitespace only: nothing changes.
    site.edit(
        "content/about/_index.en.md",
        "We build bridges.",
        "We   build\nbridges.\n\n",
    );
    let check = site.run(&["check"]);
    assert!(!check.stdout.contains("outdated"), "{}", check.stdout);

    site.edit(
        "content/about/_index.en.md",
        "We   build\nbridges.",
        "We build bridges and schools.",
    );
    let check = site.run(&["check"]);
    check.assert_code(1);
    for lang in ["it", "el"] {
        assert!(
            check.stdout.contains(&format!(
                "warning: `content/about/_index.{lang}.md` is an outdated translation: `content/about/_index.en.md` changed since it was translated"
            )),
            "{}",
            check.stdout
        );
    }
    assert!(check.stdout.contains("what changed:\n"), "{}", check.stdout);
    assert!(
        check.stdout.contains("    -We build bridges.\n"),
        "{}",
        check.stdout
    );
    assert!(
        check
            .stdout
            .contains("    +We build bridges and schools.\n"),
        "{}",
        check.stdout
    );
    assert!(
        check
            .stdout
            .contains("  --> content/about/_index.el.md:5:18\n"),
        "{}",
        check.stdout
    );
    assert!(
        check
            .stdout
            .contains("= hint: update the translation, then run `ponte translations done content/about/_index.it.md`"),
        "{}",
        check.stdout
    );

    // --strict: errors, in build and in the matrix command.
    let build = site.run(&["build", "--strict"]);
    build.assert_code(1);
    assert!(
        build
            .stderr
            .contains("error: `content/about/_index.el.md` is an outdated translation"),
        "{}",
        build.stderr
    );
    site.run(&["translations", "--strict"]).assert_code(1);

    site.run(&["translations", "done", "content/about/_index.it.md"])
        .assert_ok();
    let check = site.run(&["check"]);
    assert!(
        !check
            .stdout
            .contains("`content/about/_index.it.md` is an outdated"),
        "{}",
        check.stdout
    );
    assert!(
        check
            .stdout
            .contains("`content/about/_index.el.md` is an outdated translation"),
        "{}",
        check.stdout
    );
    // Naming the source marks all its translations done.
    site.run(&["translations", "done", "content/about/_index.en.md"])
        .assert_ok();
    let check = site.run(&["check"]);
    assert!(!check.stdout.contains("outdated"), "{}", check.stdout);
}

#[test]
fn outdated_interface_messages_are_named() {
    let site = tracked();
    site.edit(
        "locales/en/main.ftl",
        "not-found-title = Not found",
        "not-found-title = Page not found",
    );
    let check = site.run(&["check"]);
    assert!(
        check.stdout.contains(
            "warning: the message `not-found-title` in `locales/it/main.ftl` is an outdated translation: its en text changed from `not-found-title = Not found` to `not-found-title = Page not found`\n  --> locales/it/main.ftl:3:1"
        ),
        "{}",
        check.stdout
    );
    site.run(&["translations", "done", "locales/it/main.ftl"])
        .assert_ok();
    let check = site.run(&["check"]);
    assert!(
        !check
            .stdout
            .contains("`locales/it/main.ftl` is an outdated"),
        "{}",
        check.stdout
    );
    assert!(
        check
            .stdout
            .contains("`locales/el/main.ftl` is an outdated"),
        "{}",
        check.stdout
    );
}

#[test]
fn a_copied_page_is_flagged_as_untranslated() {
    let site = tracked();
    let english = "+++\ntitle = \"The team\"\ndescription = \"Who we are.\"\n+++\n## Who we are {#who}\nFive partners from three countries worked together for two years on this project.\n";
    site.write("content/about/team.en.md", english);
    // Copied into Greek: the same text, and Latin letters where Greek ones belong.
    site.write("content/about/team.el.md", english);
    let check = site.run(&["check"]);
    assert!(
        check.stdout.contains(
            "warning: `content/about/team.el.md` looks untranslated: 100% of its text is the same as the default-language page"
        ),
        "{}",
        check.stdout
    );
    // English words under another heading: the script gives it away.
    site.write(
        "content/about/team.el.md",
        "+++\ntitle = \"Η ομάδα\"\n+++\n## Ποιοι είμαστε {#who}\nFive partners from three countries worked together, for two long years, on a project.\n",
    );
    let check = site.run(&["check"]);
    assert!(
        check.stdout.contains(
            "`content/about/team.el.md` looks untranslated: it is written mostly in Latin letters, but Ελληνικά is written in Greek letters"
        ),
        "{}",
        check.stdout
    );
    let matrix = site.run(&["translations", "--format", "json"]);
    assert!(
        matrix.stdout.contains("\"state\": \"untranslated\""),
        "{}",
        matrix.stdout
    );
}

#[test]
fn the_matrix_in_json_and_text() {
    let site = SiteTest::fixture("basic");
    site.run(&["translations", "done", "content/about/_index.it.md"])
        .assert_ok();
    site.edit(
        "content/news/first.en.md",
        "It happened.",
        "It happened in July.",
    );
    site.run(&["translations", "done", "content/news/first.it.md"])
        .assert_ok();
    site.edit("content/news/first.en.md", "in July", "in Sofia in July");
    let run = site.run(&["translations", "--format", "json"]);
    run.assert_ok();
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["languages"], serde_json::json!(["en", "it", "el"]));
    let state = |page: &str, lang: usize| {
        json["pages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["page"] == page)
            .unwrap()["languages"][lang]["state"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(state("about/_index.md", 0), "source");
    assert_eq!(state("about/_index.md", 1), "ok");
    assert_eq!(state("about/_index.md", 2), "unrecorded");
    assert_eq!(state("news/first.md", 1), "outdated");
    assert_eq!(state("about/team.md", 2), "missing");
    let text = site.run(&["translations"]);
    assert!(
        text.stdout
            .contains("\nnews/first.md    source        outdated      unrecorded\n"),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout
            .contains("translations: 1 ok, 1 outdated, 7 unrecorded, 0 untranslated, 1 missing."),
        "{}",
        text.stdout
    );
}

#[test]
fn new_pages_record_their_source_version() {
    let site = SiteTest::fixture("basic");
    site.run(&["new", "page", "about/history"]).assert_ok();
    let it = site.read_source("content/about/history.it.md");
    assert!(it.contains("translation_of = \""), "{it}");
    site.edit(
        "content/about/history.en.md",
        "## History\n",
        "## History\n\nHow it began.\n",
    );
    let run = site.run(&["translations", "--format", "json"]);
    assert!(
        run.stdout
            .contains("\"file\": \"content/about/history.it.md\",\n          \"translation_of\""),
        "{}",
        run.stdout
    );
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let row = json["pages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["page"] == "about/history.md")
        .unwrap()
        .clone();
    assert_eq!(row["languages"][1]["state"], "outdated");
}

/// Every unit's target replaced by `prefix` + its source.
fn fill(xml: &str, prefix: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(i) = rest.find("\n        <target>") {
        out.push_str(&rest[..i]);
        let j = rest[i..].find("</target>").unwrap() + "</target>".len();
        rest = &rest[i + j..];
    }
    out.push_str(rest);
    let mut filled = String::new();
    let mut rest = out.as_str();
    while let Some(i) = rest.find("<source>") {
        let j = rest[i..].find("</source>").unwrap();
        let source = &rest[i + "<source>".len()..i + j];
        filled.push_str(&rest[..i + j + "</source>".len()]);
        filled.push_str(&format!("\n        <target>{prefix}{source}</target>"));
        rest = &rest[i + j + "</source>".len()..];
    }
    filled.push_str(rest);
    filled.replace("state=\"initial\"", "state=\"translated\"")
}

#[test]
fn xliff_export_then_import_unchanged_rewrites_nothing() {
    let site = tracked();
    let before = sources(&site);
    let xlf = site.root().join("it.xlf");
    let export = site.run(&[
        "translations",
        "export",
        "--lang",
        "it",
        "--out",
        xlf.to_str().unwrap(),
    ]);
    export.assert_ok();
    let xml = std::fs::read_to_string(&xlf).unwrap();
    assert!(
        xml.contains("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\""),
        "{xml}"
    );
    // The Italian page lines up with the English one: its text fills the targets.
    assert!(
        xml.contains("<source>What we do</source>\n        <target>Cosa facciamo</target>"),
        "{xml}"
    );
    assert!(xml.contains("<data id=\"d1\">{ $day }</data>"), "{xml}");
    let import = site.run(&["translations", "import", xlf.to_str().unwrap()]);
    import.assert_ok();
    assert!(
        import.stderr.contains("0 files written"),
        "{}",
        import.stderr
    );
    assert_eq!(before, sources(&site));
}

#[test]
fn xliff_filled_in_and_imported_gives_the_translated_site() {
    let site = tracked();
    let xlf = site.root().join("el.xlf");
    site.run(&[
        "translations",
        "export",
        "--lang",
        "el",
        "--out",
        xlf.to_str().unwrap(),
    ])
    .assert_ok();
    let xml = std::fs::read_to_string(&xlf).unwrap();
    assert!(
        xml.contains(
            "original=\"content/about/team.en.md\" ponte:target=\"content/about/team.el.md\""
        ),
        "{xml}"
    );
    std::fs::write(&xlf, fill(&xml, "Ω ")).unwrap();
    let import = site.run(&["translations", "import", xlf.to_str().unwrap()]);
    import.assert_ok();
    assert!(
        import.stderr.contains("wrote content/about/team.el.md\n"),
        "{}",
        import.stderr
    );
    let team = site.read_source("content/about/team.el.md");
    assert!(team.contains("title = \"Ω The team\""), "{team}");
    assert!(
        team.contains("## Ω Who we are {#who}\nΩ Five partners.\n"),
        "{team}"
    );
    let ftl = site.read_source("locales/el/main.ftl");
    assert!(ftl.contains("not-found-title = Ω Not found\n"), "{ftl}");
    // The imported pages and messages follow the current sources; the site builds.
    let check = site.run(&["check"]);
    assert!(!check.stdout.contains("outdated"), "{}", check.stdout);
    assert!(
        !check.stdout.contains("has no translation in: el"),
        "{}",
        check.stdout
    );
    site.build().assert_ok();
    let html = site.output("el/schetika/team/index.html");
    assert!(html.contains("Ω Five partners."), "{html}");
    let home = site.output("el/index.html");
    assert!(home.contains("Ω"), "{home}");
}

#[test]
fn a_broken_unit_is_an_error_and_nothing_is_written() {
    let site = tracked();
    let before = sources(&site);
    let xlf = site.root().join("el.xlf");
    site.run(&[
        "translations",
        "export",
        "--lang",
        "el",
        "--out",
        xlf.to_str().unwrap(),
    ])
    .assert_ok();
    let filled = fill(&std::fs::read_to_string(&xlf).unwrap(), "Ω ");
    // The translator deleted the link's closing placeholder in the news page.
    let needle = "<target>Ω It happened. See <ph id=\"1\" dataRef=\"d1\"/>the team<ph id=\"2\" dataRef=\"d2\"/>.</target>";
    assert!(filled.contains(needle), "{filled}");
    let broken = filled.replace(
        needle,
        "<target>Ω It happened. See <ph id=\"1\" dataRef=\"d1\"/>the team.</target>",
    );
    std::fs::write(&xlf, broken).unwrap();
    let import = site.run(&["translations", "import", xlf.to_str().unwrap()]);
    import.assert_code(1);
    assert!(
        import.stderr.contains(
            "error: unit `u1` of `content/news/first.el.md`: the translation lost the placeholder 2 (`](@/about/team.md)`)\n  --> ROOT/el.xlf:"
        ),
        "{}",
        import.stderr
    );
    assert_eq!(before, sources(&site));
}

/// `GET path` from a `ponte serve` on `port`: the body.
fn get(port: u16, path: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reply = String::new();
    let _ = stream.read_to_string(&mut reply);
    reply
}

#[test]
fn the_preview_shows_a_banner_on_outdated_translations_only() {
    use std::io::{BufRead, BufReader};
    let site = tracked();
    site.edit(
        "content/about/_index.en.md",
        "We build bridges.",
        "We build bridges and schools.",
    );
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_ponte"))
        .args(["serve", "--port", "0", "--root"])
        .arg(site.root())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut port = 0;
    for line in BufReader::new(stderr).lines().map_while(Result::ok) {
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            port = rest.split('/').next().unwrap().parse().unwrap();
            break;
        }
    }
    assert_ne!(port, 0, "ponte serve did not start");
    let it = get(port, "/it/chi-siamo/");
    let news = get(port, "/it/news/first/");
    let en = get(port, "/en/about/");
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        it.contains("<p class=\"draft-banner\" role=\"note\">Outdated translation: content/about/_index.en.md changed since this page was translated"),
        "{it}"
    );
    assert!(!news.contains("Outdated translation"), "{news}");
    assert!(en.contains("We build bridges and schools."), "{en}");
    assert!(!en.contains("Outdated translation"), "{en}");
    // The built site never carries it.
    site.build().assert_ok();
    assert!(!site
        .output("it/chi-siamo/index.html")
        .contains("Outdated translation"));
}

#[test]
fn unrecorded_translations_are_one_note_once_a_site_tracks_translations() {
    let site = SiteTest::fixture("basic");
    let check = site.run(&["check"]);
    assert!(!check.stdout.contains("do not record"), "{}", check.stdout);
    site.run(&["translations", "done", "content/about/_index.it.md"])
        .assert_ok();
    let check = site.run(&["check"]);
    assert!(
        check.stdout.contains(
            "note: 10 translation file(s) do not record which version of their source they follow: `content/_index.el.md`, "
        ),
        "{}",
        check.stdout
    );
}
