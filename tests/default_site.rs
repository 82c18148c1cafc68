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

#[test]
fn the_design_gives_one_navigation_and_results_read_as_key_figures() {
    let site = SiteTest::default_site();
    site.build().assert_ok();
    for lang in ["en", "it", "es", "fr", "el", "bg"] {
        let home = site.output(&format!("{lang}/index.html"));
        // One header: the wordmark, one disclosure holding the menu and the languages, and a
        // home page that does not list the menu's sections again.
        assert!(home.contains("class=\"brand-mark\""), "{lang}: no wordmark");
        assert_eq!(
            home.matches("<details class=\"menu-box\">").count(),
            1,
            "{lang}"
        );
        assert_eq!(home.matches("<nav class=\"menu\"").count(), 1, "{lang}");
        assert!(
            !home.contains("<ul class=\"cards\">"),
            "{lang}: the home repeats the menu"
        );
        // Header, main and footer share the grid's container.
        assert!(
            home.contains("<div class=\"wrap site-header-bar\">"),
            "{lang}"
        );
        assert!(home.contains("<main id=\"main\" class=\"wrap\""), "{lang}");
        assert!(
            home.contains("<div class=\"wrap site-footer-inner\">"),
            "{lang}"
        );
    }
    // The results overview: key figures per country, no chart and no table.
    let results = site.output("en/results/index.html");
    assert_eq!(
        results.matches("<li class=\"stats-figures-card\">").count(),
        6
    );
    assert!(results.contains("<span class=\"stats-key-label\">With a plan</span>"));
    assert!(!results.contains("<svg") && !results.contains("<table class=\"stats-table"));
    // A country page: its key figures first (work, per country; the women assessed and with
    // a plan are in its first section's sentence), then per section one short paragraph and the
    // detail folded (`<details class="more">`); each dataset shown once, and a table inside a
    // fold is not folded a second time.
    for (lang, page) in [
        ("en", "en/results/italy/index.html"),
        ("el", "el/apotelesmata/voulgaria/index.html"),
        ("bg", "bg/rezultati/ispania/index.html"),
    ] {
        let html = site.output(page);
        let figures = html.find("stats-view-figures").expect("key figures");
        let second_h2 = html.match_indices("<h2 id=").nth(1).expect("sections").0;
        assert!(figures < second_h2, "{lang}: key figures come first");
        assert_eq!(
            html.matches("<li class=\"stats-figures-card\">").count(),
            3,
            "{lang}: one card per country"
        );
        assert!(
            html.matches("<details class=\"more\">").count() >= 4,
            "{lang}"
        );
        assert!(!html.contains("stats-folded"), "{lang}: a fold in a fold");
        for id in ["employment", "courses", "survey-final-services"] {
            assert_eq!(
                html.matches(&format!("id=\"stats-{id}\"")).count(),
                1,
                "{lang}: {id} shown once"
            );
        }
    }
    let italy = site.output("en/results/italy/index.html");
    assert!(italy.contains("<p class=\"stats-missing-note\">"));
    let css_name = italy
        .split("href=\"/")
        .find_map(|s| s.split('"').next().filter(|n| n.starts_with("style")))
        .expect("a style sheet");
    let css = site.output(css_name);
    // The keyboard hint only where there is a keyboard.
    assert!(
        css.contains("(hover: hover) and (pointer: fine)"),
        "{css_name}"
    );
}
