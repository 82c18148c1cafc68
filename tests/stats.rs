//! Outcome statistics through the real binary: small counts are hidden from every output file,
//! tables and charts render per language, mistakes in data files are reported with file:line.
mod support;

use support::{golden, SiteTest};

/// Values the disclosure rules hide in the fixture (min_count = 1000): 737 (too small), 1203
/// (its complement 445 is too small), and what would reveal them.
const HIDDEN: &[&str] = &[
    "737",
    "1203",
    "1,203",
    "1.203",
    "1 203",
    "1\u{a0}203",
    "1\u{202f}203",
    "445",
    "911",
    "44.7",
    "44,7",
    "73.0",
    "73,0",
];

#[test]
fn no_hidden_value_appears_in_any_output_file() {
    let site = SiteTest::fixture("stats");
    let run = site.build();
    run.assert_ok();
    assert!(run.stderr.contains("2 notes"), "{}", run.stderr);
    let files = SiteTest::tree(&site.public());
    assert!(files.contains_key("el/stats/placements.csv"));
    let mut scanned = 0;
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        for value in HIDDEN {
            assert!(
                !text.contains(value),
                "{path} contains the hidden value {value}"
            );
        }
        scanned += 1;
    }
    assert!(scanned > 15);
    // The published figures are there, in each language's format.
    assert!(site
        .output("en/results/index.html")
        .contains("<td class=\"stats-num\">1,648"));
    assert!(
        site.output("it/risultati/index.html")
            .contains("<td class=\"stats-num\">1648"),
        "Italian does not group four-digit numbers"
    );
    assert!(site
        .output("el/apotelesmata/index.html")
        .contains("δεν εμφανίζεται"));
}

#[test]
fn check_lists_hidden_cells_without_their_values() {
    let site = SiteTest::fixture("stats");
    let run = site.run(&["check"]);
    assert!(
        run.stdout
            .contains("note: `placements`: hidden cell in row `north`, column `job`"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("content/stats/placements.toml:23:"),
        "{}",
        run.stdout
    );
    for value in HIDDEN {
        assert!(!run.stdout.contains(value), "check output shows {value}");
    }
}

#[test]
fn tables_and_charts_in_english_and_greek_match_golden_files() {
    let site = SiteTest::fixture("stats");
    site.build().assert_ok();
    for (file, golden_name) in [
        ("en/results/index.html", "en"),
        ("el/apotelesmata/index.html", "el"),
    ] {
        let html = site.output(file);
        let start = html.find("<div class=\"stats\"").unwrap();
        let end = html[start..].find("</main>").unwrap() + start;
        golden(
            &format!("stats/expected/placements.{golden_name}.html"),
            &html[start..end],
        );
    }
    golden(
        "stats/expected/placements.el.csv",
        &site.output("el/stats/placements.csv"),
    );
}

#[test]
fn record_level_data_is_refused_with_its_line() {
    let site = SiteTest::fixture("stats");
    site.write(
        "content/stats/people.toml",
        "id = \"people\"\ntitle = \"stats-t-title\"\nsource = \"stats-t-source\"\nreference_date = 2021-09-20\nrow_label = \"stats-t-row\"\ntotal_label = \"stats-t-total\"\n\n[[women]]\nname = \"A\"\nage = 24\n",
    );
    let run = site.build();
    run.assert_code(1);
    assert!(
        run.stderr.contains("content/stats/people.toml:8:"),
        "{}",
        run.stderr
    );
}

#[test]
fn unknown_dataset_or_view_in_a_page_is_an_error_with_its_line() {
    let site = SiteTest::fixture("stats");
    site.write("content/results.en.md", "+++\ntitle = \"Results\"\n+++\n## Placements\n\n{{ stats(id=\"placement\", view=\"pie\") }}\n");
    let run = site.build();
    run.assert_code(1);
    assert!(
        run.stderr.contains("--> content/results.en.md:6:1"),
        "{}",
        run.stderr
    );
    site.write(
        "content/results.en.md",
        "+++\ntitle = \"Results\"\n+++\n## Placements\n\n{{ stats(id=\"placement\") }}\n",
    );
    let run = site.build();
    assert!(
        run.stderr
            .contains("error: there is no dataset `placement`; the datasets are: placements"),
        "{}",
        run.stderr
    );
}

#[test]
fn min_count_comes_from_the_configuration() {
    let site = SiteTest::fixture("stats");
    site.edit("ponte.toml", "min_count = 1000", "min_count = 5");
    site.build().assert_ok();
    assert!(
        site.output("en/results/index.html").contains(">737 "),
        "with min_count 5 the count is published"
    );
}
