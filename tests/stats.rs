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
    assert!(numbers_in_cells(&site.output("en/results/index.html")).contains(&"1,648".to_string()));
    assert!(
        numbers_in_cells(&site.output("it/risultati/index.html")).contains(&"1648".to_string()),
        "Italian does not group four-digit numbers"
    );
    assert!(site
        .output("el/apotelesmata/index.html")
        .contains("δεν εμφανίζεται"));
}

/// The text that begins each number cell of the page's statistics tables.
fn numbers_in_cells(html: &str) -> Vec<String> {
    html.split("<td class=\"stats-num\"")
        .skip(1)
        .filter_map(|cell| {
            let text = &cell[cell.find('>')? + 1..];
            Some(text.split(['<', ' ']).next()?.to_string())
        })
        .collect()
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
        let start = html.find("<div class=\"stats ").unwrap();
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

/// A dataset `survey` of 9 respondents in the `stats` fixture (min_count 5): 2 said no, so
/// the 2 and the 7 are hidden.
fn survey_site() -> SiteTest {
    let site = SiteTest::fixture("stats");
    site.edit("ponte.toml", "min_count = 1000", "min_count = 5");
    site.write(
        "content/stats/survey.toml",
        "id = \"survey\"\ntitle = \"stats-t-title\"\nsource = \"stats-t-source\"\nreference_date = 2021-09-20\n\
         row_label = \"stats-t-row\"\ntotal_label = \"stats-t-total\"\npopulation = \"answered\"\nexhaustive = true\n\n\
         [[category]]\nid = \"job\"\nlabel = \"stats-t-job\"\n\n[[category]]\nid = \"course\"\nlabel = \"stats-t-course\"\n\n\
         [[row]]\nid = \"north\"\nlabel = \"stats-t-north\"\ntotal = 9\ncounts = { job = 7, course = 2 }\n",
    );
    site
}

#[test]
fn the_prose_lint_points_at_figures_typed_into_pages_in_every_language() {
    let site = survey_site();
    site.write(
        "content/results.en.md",
        "+++\ntitle = \"Results\"\n+++\nTwo women said no.\n\nOf them, 14 of 15 women found work.\n\n\
         Every woman who answered liked it.\n\n{{ stats(id=\"survey\", view=\"table\") }}\n",
    );
    site.write(
        "content/results.it.md",
        "+++\ntitle = \"Risultati\"\nslug = \"risultati\"\n+++\nTutte le donne intervistate erano contente.\n\n\
         {{ stats(id=\"survey\", view=\"table\") }}\n",
    );
    site.write(
        "content/results.el.md",
        "+++\ntitle = \"Αποτελέσματα\"\nslug = \"apotelesmata\"\n+++\nΔύο γυναίκες είπαν όχι.\n\n\
         {{ stats(id=\"survey\", view=\"table\") }}\n",
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    for expected in [
        "warning: a number below 5 next to a word for people: it could point to a few women\n  --> content/results.en.md:4:1",
        "warning: \"N of M\" with a difference below 5: it tells how many did not\n  --> content/results.en.md:6:10",
        "warning: a statement about every member of a group, on a page whose tables hide figures: it can reveal what they hide\n  --> content/results.en.md:8:1",
        "--> content/results.it.md:5:1",
        "--> content/results.el.md:5:1",
    ] {
        assert!(run.stdout.contains(expected), "{expected}\n{}", run.stdout);
    }
    // `build` reports the same as warnings, and still builds.
    let run = site.build();
    run.assert_ok();
    assert!(
        run.stderr.contains("content/results.el.md:5:1"),
        "{}",
        run.stderr
    );
    // A reviewed phrase in `[stats] allow` is let through.
    site.edit(
        "ponte.toml",
        "min_count = 5",
        "min_count = 5\nallow = [\"Δύο γυναίκες είπαν\"]",
    );
    let run = site.run(&["check"]);
    assert!(run.stdout.contains("results.en.md:4:1"), "{}", run.stdout);
    assert!(!run.stdout.contains("results.el.md:5:1"), "{}", run.stdout);
}

#[test]
fn a_population_that_is_not_sensitive_is_shown_in_full_and_needs_a_reason() {
    let site = survey_site();
    site.edit(
        "content/stats/survey.toml",
        "exhaustive = true\n",
        "exhaustive = true\nsensitive = false\n",
    );
    let run = site.build();
    run.assert_code(1);
    assert!(
        run.stderr.contains(
            "error: `sensitive = false` needs a `reason`\n  --> content/stats/survey.toml:9:13"
        ),
        "{}",
        run.stderr
    );
    site.edit(
        "content/stats/survey.toml",
        "sensitive = false\n",
        "sensitive = false\nreason = \"professionals at a public event\"\n",
    );
    site.build().assert_ok();
    let csv = site.output("en/stats/survey.csv");
    assert!(csv.contains("North,9,7,77.8,2,22.2"), "{csv}");
}

#[test]
fn a_row_declared_as_a_sum_must_add_up() {
    let site = survey_site();
    let text = site.read_source("content/stats/survey.toml")
        + "\n[[row]]\nid = \"south\"\nlabel = \"stats-t-south\"\ntotal = 20\ncounts = { job = 10, course = 10 }\n\n\
           [[row]]\nid = \"all\"\nlabel = \"stats-t-total\"\ntotal = 30\ncounts = { job = 17, course = 12 }\nsum_of = [\"north\", \"south\"]\n";
    site.write("content/stats/survey.toml", &text);
    let run = site.build();
    run.assert_code(1);
    assert!(
        run.stderr.contains(
            "error: row `all` is declared the sum of other rows, but its figures are not their sum"
        ),
        "{}",
        run.stderr
    );
    site.edit("content/stats/survey.toml", "total = 30", "total = 29");
    site.build().assert_ok();
    // The parts are protected through the sum: north's 2 and 7 stay hidden.
    let csv = site.output("en/stats/survey.csv");
    assert!(!csv.contains(",7,") && !csv.contains(",2,"), "{csv}");
}

/// A statistics file of one population with the given header lines and rows (`id`, total, job).
fn country_table(id: &str, extra: &str, rows: &[(&str, &str, u32, u32)]) -> String {
    let mut text = format!(
        "id = \"{id}\"\ntitle = \"stats-t-title\"\nsource = \"stats-t-source\"\nreference_date = 2021-09-20\n\
         row_label = \"stats-t-row\"\ntotal_label = \"stats-t-total\"\npopulation = \"women\"\n\
         {extra}\n[[category]]\nid = \"job\"\nlabel = \"stats-t-job\"\npopulation = \"women-job\"\n"
    );
    for (row, label, total, job) in rows {
        text.push_str(&format!(
            "\n[[row]]\nid = \"{row}\"\nlabel = \"{label}\"\ntotal = {total}\ncounts = {{ job = {job} }}\n"
        ));
    }
    text
}

#[test]
fn a_table_level_hierarchy_is_checked_and_protects_the_parts_across_files() {
    let site = survey_site();
    site.write(
        "content/stats/countries.toml",
        country_table(
            "countries",
            "[hierarchy]\nall = [\"north\", \"south\"]\n",
            &[
                ("north", "stats-t-north", 9, 3),
                ("south", "stats-t-south", 30, 20),
            ],
        ),
    );
    site.write(
        "content/stats/everyone.toml",
        country_table("everyone", "", &[("all", "stats-t-total", 39, 24)]),
    );
    let run = site.build();
    run.assert_code(1);
    assert!(
        run.stderr.contains(
            "error: [hierarchy] says `all` adds up `north`, `south`, but the figures of population `women-job` do not\n  --> content/stats/countries.toml:9:1"
        ),
        "{}",
        run.stderr
    );
    site.edit("content/stats/everyone.toml", "job = 24", "job = 23");
    site.build().assert_ok();
    // North's 3 is hidden; through all − south it would be 23 − 20: one more figure of the
    // sum is hidden, in every table that shows it.
    let south = site.output("en/stats/countries.csv");
    let all = site.output("en/stats/everyone.csv");
    assert!(
        !south.contains(",20,") || !all.contains(",23,"),
        "{south}\n{all}"
    );
    // Inside one file, the parent row beside its children must add up.
    site.write(
        "content/stats/everyone.toml",
        country_table(
            "everyone",
            "[hierarchy]\nall = [\"north\", \"south\"]\n",
            &[
                ("north", "stats-t-north", 9, 3),
                ("south", "stats-t-south", 30, 20),
                ("all", "stats-t-total", 40, 23),
            ],
        ),
    );
    let run = site.build();
    run.assert_code(1);
    assert!(
        run.stderr.contains(
            "error: row `all` is declared the sum of other rows, but its figures are not their sum\n  --> content/stats/everyone.toml:9:1"
        ),
        "{}",
        run.stderr
    );
}

#[test]
/// A large exhaustive table with column totals: 24 rows of 12 columns, to keep the suite quick
/// (the same table with 60 rows takes minutes in a debug build).
fn a_large_table_is_protected_in_reasonable_time() {
    let site = survey_site();
    let mut text = String::from(
        "id = \"large\"\ntitle = \"stats-t-title\"\nsource = \"stats-t-source\"\nreference_date = 2021-09-20\n\
         row_label = \"stats-t-row\"\ntotal_label = \"stats-t-total\"\nexhaustive = true\ncolumn_totals = true\n",
    );
    for c in 0..12 {
        text.push_str(&format!(
            "\n[[category]]\nid = \"c{c}\"\nlabel = \"stats-t-job\"\n"
        ));
    }
    // Counts from a fixed pseudo-random sequence: about one in four below 5.
    let mut seed: u64 = 12;
    for r in 0..24 {
        let counts: Vec<u32> = (0..12)
            .map(|_| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let v = (seed >> 33) % 40;
                if v < 10 {
                    (v % 5) as u32
                } else {
                    v as u32
                }
            })
            .collect();
        let total: u32 = counts.iter().sum();
        let list: Vec<String> = counts
            .iter()
            .enumerate()
            .map(|(c, n)| format!("c{c} = {n}"))
            .collect();
        text.push_str(&format!(
            "\n[[row]]\nid = \"r{r}\"\nlabel = \"stats-t-north\"\ntotal = {total}\ncounts = {{ {} }}\n",
            list.join(", ")
        ));
    }
    site.write("content/stats/large.toml", &text);
    let started = std::time::Instant::now();
    let run = site.build();
    let took = started.elapsed();
    run.assert_ok();
    println!("a 24 x 12 table: built in {took:?} (wall time, debug build)");
    let csv = site.output("en/stats/large.csv");
    assert_eq!(csv.lines().count(), 26, "{csv}");
    assert!(csv.contains("not shown"), "{csv}");
    assert!(took.as_secs() < 180, "{took:?}");
}

#[test]
fn a_wider_protection_hides_more_and_the_lint_knows_what_it_hides() {
    let site = survey_site();
    site.write(
        "content/results.en.md",
        "+++\ntitle = \"Results\"\n+++\nIn the north, 9 women answered the survey.\n\n\
         In the north, 77.8% of the women found a job.\n\n{{ stats(id=\"survey\", view=\"table\") }}\n",
    );
    // 9 = 7 + 2: min_count hides the 2 and the 7 (its complement); each keeps [1, 8].
    site.build().assert_ok();
    let csv = site.output("en/stats/survey.csv");
    assert!(csv.contains("North,9,not shown"), "{csv}");
    // A width of 9 cannot be kept while the total is shown: the total is hidden too.
    site.edit(
        "ponte.toml",
        "min_count = 5",
        "min_count = 5\nprotection = 9",
    );
    let run = site.run(&["check"]);
    let csv = {
        site.build().assert_ok();
        site.output("en/stats/survey.csv")
    };
    assert!(csv.contains("North,not shown,not shown"), "{csv}");
    for expected in [
        "warning: this figure equals the size of a group that the tables hide\n  --> content/results.en.md:4:15",
        "warning: this percentage equals the share of a figure that the tables hide\n  --> content/results.en.md:6:15",
    ] {
        assert!(run.stdout.contains(expected), "{expected}\n{}", run.stdout);
    }
}
