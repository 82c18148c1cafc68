//! The repository's own site: it builds strictly, in every language, with every link resolved.
mod support;

use support::SiteTest;

#[test]
fn default_site_builds_strictly_with_no_warnings() {
    let site = SiteTest::default_site();
    let run = site.run(&["build", "--strict"]);
    run.assert_ok();
    assert!(run.stderr.contains("(no problems"), "{}", run.stderr);
    for lang in ["en", "it", "es", "fr", "el"] {
        let home = site.output(&format!("{lang}/index.html"));
        assert!(home.contains(&format!("<html lang=\"{lang}\"")));
        assert!(
            home.contains("class=\"quick-exit\""),
            "quick exit on the {lang} home"
        );
        assert!(home.contains("eu-emblem"), "EU emblem on the {lang} home");
    }
}

#[test]
fn every_page_has_the_quick_exit_and_eu_notice_in_its_language() {
    let site = SiteTest::default_site();
    site.build().assert_ok();
    let funded = [
        ("en", "Funded by the European Union"),
        ("it", "Finanziato dall&#39;Unione europea"),
        ("es", "Financiado por la Unión Europea"),
        ("fr", "Financé par l&#39;Union européenne"),
        ("el", "Χρηματοδοτείται από την Ευρωπαϊκή Ένωση"),
    ];
    let mut pages = 0;
    for (path, bytes) in SiteTest::tree(&site.public()) {
        if !path.ends_with(".html") || path.starts_with("old/") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        if html.contains("http-equiv=\"refresh\"") {
            continue; // a redirect page (alias or short link) is left at once
        }
        assert!(
            html.contains("id=\"quick-exit\""),
            "{path} has no quick exit"
        );
        let lang = path.split('/').next().unwrap();
        if let Some((_, text)) = funded.iter().find(|(l, _)| *l == lang) {
            assert!(
                html.contains(text),
                "{path} lacks the EU notice in its language"
            );
            pages += 1;
        }
    }
    assert!(pages >= 150, "only {pages} pages checked");
}
