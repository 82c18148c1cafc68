//! The mistakes communication staff make most, through the real binary, each message asserted
//! verbatim (golden files in tests/fixtures/errors/mistake-*.stderr): file, line and column,
//! and a hint that is true and says what to type.
//!
//! The ten commonest mistakes of a non-programmer editing a ponte site, from the issues the
//! project's editors ran into and from what people bring from other tools (Word, Hugo,
//! Jekyll, spreadsheets):
//!
//!  1. a double quote inside quoted text: `title = "The "WIN" project"`;
//!  2. a date in quotes: `date = "2026-11-15"`;
//!  3. front matter copied from another tool: YAML between `---` lines instead of TOML `+++`;
//!  4. a link typed by hand to an address that does not exist: `[x](/en/about/partnerz/)`;
//!  5. a link to a heading that does not exist: `[x](#contatti)`;
//!  6. a file name with a space used as is: `![A photo](Photo 1.JPG)`;
//!  7. a page saved without its language: `team.md` beside `team.it.md`;
//!  8. a translated Fluent variable: `{ $formato }` for `{ $format }`;
//!  9. Fluent variants indented with a tab (editors insert tabs);
//! 10. a new language added to ponte.toml without its home page `content/_index.LANG.md`.
mod support;

use support::{golden, SiteTest};

/// Builds the basic fixture after `change`, expects exit code `code` and the golden stderr.
#[track_caller]
fn mistake(case: &str, code: i32, change: impl FnOnce(&SiteTest)) -> SiteTest {
    let site = SiteTest::fixture("basic");
    change(&site);
    let run = site.build();
    run.assert_code(code);
    assert!(!run.stderr.contains("internal error"), "{}", run.stderr);
    if code != 0 {
        assert!(!site.public().exists(), "a failed build wrote public/");
    }
    golden(&format!("errors/mistake-{case}.stderr"), &run.stderr);
    site
}

#[test]
fn m01_double_quote_inside_a_title() {
    mistake("quote-in-title", 1, |s| {
        s.edit(
            "content/about/team.en.md",
            "title = \"The team\"",
            "title = \"The \"WIN\" team\"",
        );
    });
}

#[test]
fn m02_date_in_quotes() {
    mistake("quoted-date", 1, |s| {
        s.edit(
            "content/about/team.en.md",
            "title = \"The team\"",
            "title = \"The team\"\ndate = \"2026-11-15\"",
        );
    });
}

#[test]
fn m03_yaml_front_matter() {
    mistake("yaml-front-matter", 1, |s| {
        s.write(
            "content/about/team.en.md",
            "---\ntitle: The \"WIN\" team\ndate: 2026-11-15\ndraft: false\ntags: [events, training]\n---\n## Who {#who}\n",
        );
    });
}

#[test]
fn m04_link_to_an_address_that_does_not_exist() {
    mistake("broken-address", 1, |s| {
        s.edit(
            "content/about/team.en.md",
            "Five partners.",
            "Five partners. See [the team](/en/about/teem/).",
        );
    });
}

#[test]
fn m05_link_to_a_heading_that_does_not_exist() {
    mistake("broken-heading-link", 1, |s| {
        s.edit(
            "content/about/team.it.md",
            "## Chi siamo {#who}",
            "## Chi siamo {#who}\n\nVedi [i contatti](#contatti).",
        );
    });
}

#[test]
fn m06_image_with_a_space_in_its_name() {
    let site = mistake("space-in-image", 0, |s| {
        s.write(
            "content/about/Photo 1.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        );
        s.edit(
            "content/about/team.en.md",
            "Five partners.",
            "Five partners.\n\n![A photo of the team](Photo 1.svg)",
        );
    });
    // The fix the warning gives works.
    site.edit(
        "content/about/team.en.md",
        "(Photo 1.svg)",
        "(<Photo 1.svg>)",
    );
    let run = site.build();
    run.assert_ok();
    assert!(!run.stderr.contains("has a space"), "{}", run.stderr);
    assert!(
        site.output("en/about/team/index.html")
            .contains("src=\"/media/about/Photo%201.svg\""),
        "{}",
        site.output("en/about/team/index.html")
    );
}

#[test]
fn m07_page_without_language() {
    mistake("no-language", 1, |s| {
        s.write(
            "content/about/team.md",
            "+++\ntitle = \"The team\"\n+++\nFive partners.\n",
        );
    });
}

#[test]
fn m08_translated_fluent_variable() {
    mistake("fluent-variable", 1, |s| {
        let en = s.read_source("locales/en/main.ftl") + "welcome-user = Welcome, { $name }!\n";
        s.write("locales/en/main.ftl", en);
        let it = s.read_source("locales/it/main.ftl") + "welcome-user = Benvenuta, { $nome }!\n";
        s.write("locales/it/main.ftl", it);
    });
}

#[test]
fn m09_fluent_variants_indented_with_a_tab() {
    mistake("fluent-tab", 1, |s| {
        let it = s.read_source("locales/it/main.ftl")
            + "people-count = { $n ->\n\t[one] una persona\n\t*[other] { $n } persone\n}\n";
        s.write("locales/it/main.ftl", it);
    });
}

#[test]
fn m10_new_language_without_home_page() {
    mistake("language-without-home", 1, |s| {
        let config =
            s.read_source("ponte.toml") + "\n[[languages]]\ncode = \"bg\"\nname = \"Български\"\n";
        s.write("ponte.toml", config);
        s.write("locales/bg/main.ftl", s.read_source("locales/en/main.ftl"));
    });
}

/// Notes are notes in the JSON report, and the counts agree with the labels.
#[test]
fn json_report_counts_match_labels() {
    let site = SiteTest::fixture("stats");
    let run = site.run(&["check", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    let problems = doc["problems"].as_array().unwrap();
    let count = |s: &str| problems.iter().filter(|p| p["severity"] == s).count();
    assert!(
        count("note") > 0,
        "the stats fixture hides cells: {}",
        run.stdout
    );
    assert_eq!(doc["notes"], count("note"), "{}", run.stdout);
    assert_eq!(doc["warnings"], count("warning"), "{}", run.stdout);
    assert_eq!(doc["errors"], count("error"), "{}", run.stdout);
}
