//! `ponte build` through the real binary, on fixture sites.
mod support;

use support::{golden, SiteTest};

#[test]
fn basic_site_matches_golden_output() {
    let site = SiteTest::fixture("basic");
    let run = site.build();
    run.assert_ok();
    for file in [
        "index.html",
        "en/about/team/index.html",
        "it/chi-siamo/squadra/index.html",
        "el/schetika/index.html",
        "en/news/first/index.html",
        "el/tags/εκδηλώσεις/index.html",
        "it/tags/index.html",
        "old/first-event/index.html",
        "sitemap.xml",
        "robots.txt",
    ] {
        golden(&format!("basic/expected/{file}"), &site.output(file));
    }
    golden("basic/expected/build.stderr", &run.stderr);
}

#[test]
fn switcher_maps_each_page_to_its_translation_or_that_language_home() {
    let site = SiteTest::fixture("basic");
    site.build().assert_ok();
    let team = site.output("en/about/team/index.html");
    assert!(
        team.contains(r#"<a href="/it/chi-siamo/squadra/" lang="it" hreflang="it">Italiano</a>"#)
    );
    // No Greek translation: the Greek entry leads to the Greek home.
    assert!(team.contains(r#"<a href="/el/" lang="el" hreflang="el">Ελληνικά</a>"#));
    assert!(team.contains(r#"aria-current="page">English</a>"#));
    // A page missing in a language is not emitted there.
    assert!(!site.public().join("el/schetika/team").exists());
}

/// Every `hreflang` alternate on every page is answered by one pointing back.
#[test]
fn hreflang_alternates_are_reciprocal() {
    let site = SiteTest::fixture("basic");
    site.build().assert_ok();
    let files = SiteTest::tree(&site.public());
    let alternates = |html: &str| -> Vec<(String, String)> {
        html.lines()
            .filter_map(|l| l.strip_prefix("<link rel=\"alternate\" hreflang=\""))
            .map(|rest| {
                let (lang, rest) = rest.split_once('"').unwrap();
                let href = rest
                    .split("href=\"")
                    .nth(1)
                    .unwrap()
                    .split('"')
                    .next()
                    .unwrap();
                (lang.to_string(), href.to_string())
            })
            .collect()
    };
    let mut checked = 0;
    for (path, bytes) in &files {
        if !path.ends_with("index.html") || path == "index.html" {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        let own = format!(
            "https://example.org/{}",
            path.trim_end_matches("index.html")
        );
        let list = alternates(&html);
        if list.is_empty() {
            continue;
        }
        assert!(
            list.iter().any(|(_, h)| *h == own),
            "{path} does not list itself"
        );
        assert!(
            list.iter().any(|(l, _)| l == "x-default"),
            "{path} has no x-default"
        );
        for (lang, href) in list.iter().filter(|(l, _)| l != "x-default") {
            let target = href.trim_start_matches("https://example.org/").to_string() + "index.html";
            let other = String::from_utf8_lossy(&files[&target]).into_owned();
            assert!(
                alternates(&other).iter().any(|(_, h)| *h == own),
                "{target} ({lang}) does not point back to {own}"
            );
            checked += 1;
        }
    }
    assert!(checked > 10, "only {checked} alternates checked");
}

#[test]
fn sitemap_lists_alternates_for_every_translation() {
    let site = SiteTest::fixture("basic");
    site.build().assert_ok();
    let sitemap = site.output("sitemap.xml");
    let entry = sitemap
        .split("<url>")
        .find(|u| u.starts_with("<loc>https://example.org/it/chi-siamo/squadra/</loc>"))
        .expect("Italian team page in the sitemap");
    assert!(entry.contains(r#"hreflang="en" href="https://example.org/en/about/team/""#));
    assert!(entry.contains(r#"hreflang="x-default" href="https://example.org/en/about/team/""#));
    assert!(!entry.contains(r#"hreflang="el""#));
    // Non-ASCII addresses are percent-encoded.
    assert!(sitemap.contains("/el/nea/proti-ekdilosi/"));
}

#[test]
fn internal_links_resolve_in_the_current_language() {
    let site = SiteTest::fixture("basic");
    site.build().assert_ok();
    assert!(site
        .output("it/index.html")
        .contains(r#"<a href="/it/chi-siamo/squadra/#who">la squadra</a>"#));
    assert!(site
        .output("en/index.html")
        .contains(r#"<a href="/en/about/team/#who">the team</a>"#));
}

#[test]
fn strict_turns_missing_translations_into_errors() {
    let site = SiteTest::fixture("basic");
    let run = site.run(&["build", "--strict"]);
    run.assert_code(1);
    assert!(run.stderr.starts_with(
        "error: `about/team.md` has no translation in: el\n  --> content/about/team.en.md:1:1\n  = hint: add `team.el.md` beside it; until then the page is left out of those languages\n"
    ), "{}", run.stderr);
    assert!(!site.public().exists());
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_for_byte() {
    let site = SiteTest::fixture("basic");
    site.build().assert_ok();
    let before = SiteTest::tree(&site.public());
    site.edit(
        "content/about/team.en.md",
        "Five partners.",
        "Five [partners](@/nowhere.md).",
    );
    site.build().assert_code(1);
    assert_eq!(before, SiteTest::tree(&site.public()));
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("ponte-staging"))
        .collect();
    assert!(leftovers.is_empty(), "staging folder left behind");
}

#[test]
fn the_same_input_gives_byte_identical_output_without_machine_paths() {
    let site = SiteTest::fixture("basic");
    site.build().assert_ok();
    let first = SiteTest::tree(&site.public());
    site.run(&[
        "build",
        "--out",
        site.root().join("again").to_str().unwrap(),
    ])
    .assert_ok();
    let second = SiteTest::tree(&site.root().join("again"));
    assert_eq!(first, second);
    let root = site.root().display().to_string();
    for (path, bytes) in &first {
        assert!(
            !String::from_utf8_lossy(bytes).contains(&root),
            "{path} contains the machine path"
        );
    }
}

#[test]
fn a_sixth_language_needs_only_configuration_and_one_ftl_file() {
    let site = SiteTest::fixture("basic");
    let config =
        site.read_source("ponte.toml") + "\n[[languages]]\ncode = \"bg\"\nname = \"Български\"\n";
    site.write("ponte.toml", config);
    site.write(
        "locales/bg/main.ftl",
        "site-title = Пробен сайт\nchoose-language = Прочетете на български\nnot-found-title = Страницата не е намерена\npages-count = { $count ->\n    [one] една страница\n   *[other] { $count } страници\n}\nmonth-7 = юли\ndate-long = { $day } { $month } { $year } г.\nbig-number = { $n }\n",
    );
    site.write(
        "content/_index.bg.md",
        "+++\ntitle = \"Начало\"\n+++\nДобре дошли. Прочетете [за нас](@/about/_index.md).\n",
    );
    site.write(
        "content/news/_index.bg.md",
        "+++\ntitle = \"Новини\"\nslug = \"novini\"\n+++\n",
    );
    site.write("content/news/first.bg.md", "+++\ntitle = \"Първо събитие\"\ndate = 2021-07-01\nslug = \"parvo-sabitie\"\ntags = [\"събития\"]\n+++\nСлучи се.\n");
    site.build().assert_ok();
    let home = site.output("bg/index.html");
    assert!(home.contains("<html lang=\"bg\" dir=\"ltr\">"));
    assert!(home.contains("<title>Начало · Пробен сайт</title>"));
    assert!(
        home.contains(r#"<a href="/en/about/">за нас</a>"#),
        "falls back to English: {home}"
    );
    let news = site.output("bg/novini/parvo-sabitie/index.html");
    assert!(
        news.contains("<time datetime=\"2021-07-01\">1 юли 2021 г.</time>"),
        "{news}"
    );
    assert!(news.contains("/bg/tags/събития/"));
    assert!(site
        .output("en/news/first/index.html")
        .contains(r#"hreflang="bg" href="https://example.org/bg/novini/parvo-sabitie/""#));
    assert!(site.output("index.html").contains(
        r#"<li lang="bg"><a href="/bg/" hreflang="bg">Български: Прочетете на български</a></li>"#
    ));
    assert!(site.output("bg/tags/index.html").contains("една страница"));
    assert!(
        site.output("bg/novini/index.html")
            .contains("12\u{a0}345,6"),
        "Bulgarian digit grouping"
    );
}

#[test]
fn numbers_are_formatted_per_language() {
    let site = SiteTest::fixture("basic");
    site.build().assert_ok();
    assert!(site
        .output("en/news/index.html")
        .contains("<p>12,345.6</p>"));
    assert!(site
        .output("it/notizie/index.html")
        .contains("<p>12.345,6</p>"));
    assert!(site.output("el/nea/index.html").contains("<p>12.345,6</p>"));
}

#[test]
fn drafts_are_published_only_when_asked() {
    let site = SiteTest::fixture("basic");
    site.edit(
        "content/news/first.en.md",
        "title = \"First event\"",
        "title = \"First event\"\ndraft = true",
    );
    site.build().assert_ok();
    assert!(!site.public().join("en/news/first").exists());
    site.run(&["build", "--drafts"]).assert_ok();
    assert!(site.public().join("en/news/first/index.html").exists());
}
