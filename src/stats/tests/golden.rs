//! Golden output: a small dataset rendered as HTML (table and chart) and CSV in English and
//! Greek, compared with `src/stats/testdata/`. `PONTE_BLESS=1 cargo test` rewrites the files.

use std::path::PathBuf;

use super::{errors, load_files, FakeLocalizer};
use crate::stats::{render_csv, render_html, Published, View};

const COURSES: &str = r#"id = "courses"
title = "stats-courses-title"
description = "stats-courses-desc"
source = "stats-source-win"
reference_date = 2021-09-20
row_label = "stats-country"
total_label = "stats-beneficiaries"
group_label = "stats-course"

[[group]]
id = "computer"
label = "stats-course-computer"

[[group]]
id = "language"
label = "stats-course-language"

[[category]]
id = "participants"
label = "stats-participants"

[[category]]
id = "certificates"
label = "stats-certificates"
of = "participants"

[[row]]
group = "computer"
id = "italy"
label = "stats-country-italy"
total = 15
counts = { participants = 13, certificates = 13 }

[[row]]
group = "computer"
id = "bulgaria"
label = "stats-country-bulgaria"
total = 27
counts = { participants = 6 }

[[row]]
group = "language"
id = "italy"
label = "stats-country-italy"
total = 15
counts = { participants = 9, certificates = 3 }
"#;

const ENGLISH: &[(&str, &str)] = &[
    ("stats-courses-title", "Courses: participants & certificates"),
    ("stats-courses-desc", "Bars show how many women took each course and how many received a certificate."),
    ("stats-source-win", "WIN capitalisation document"),
    ("stats-country", "Country"),
    ("stats-beneficiaries", "Women in the project"),
    ("stats-course", "Course"),
    ("stats-course-computer", "Computer skills"),
    ("stats-course-language", "Language, \"job-focused\""),
    ("stats-participants", "Took part"),
    ("stats-certificates", "Received a certificate"),
    ("stats-country-italy", "Italy"),
    ("stats-country-bulgaria", "Bulgaria"),
    ("stats-suppressed", "not shown"),
    ("stats-suppressed-footnote", "Not shown: fewer than { $n } women, or a figure from which such a number could be worked out."),
    ("stats-missing", "no data"),
    ("stats-source", "Source"),
    ("stats-reference-date", "Figures as of"),
    ("stats-download-csv", "Download the data (CSV)"),
    ("stats-total-row", "Total"),
    ("stats-percent-of", "% of"),
    ("stats-chart-desc", "Bar chart."),
    ("stats-show-table", "Show the figures as a table"),
];

const GREEK: &[(&str, &str)] = &[
    ("stats-courses-title", "Μαθήματα: συμμετοχές και βεβαιώσεις"),
    ("stats-courses-desc", "Οι μπάρες δείχνουν πόσες γυναίκες παρακολούθησαν κάθε μάθημα και πόσες πήραν βεβαίωση."),
    ("stats-source-win", "Έγγραφο κεφαλαιοποίησης του WIN"),
    ("stats-country", "Χώρα"),
    ("stats-beneficiaries", "Γυναίκες στο έργο"),
    ("stats-course", "Μάθημα"),
    ("stats-course-computer", "Δεξιότητες υπολογιστή"),
    ("stats-course-language", "Γλώσσα για την εργασία"),
    ("stats-participants", "Συμμετείχαν"),
    ("stats-certificates", "Πήραν βεβαίωση"),
    ("stats-country-italy", "Ιταλία"),
    ("stats-country-bulgaria", "Βουλγαρία"),
    ("stats-suppressed", "δεν εμφανίζεται"),
    ("stats-suppressed-footnote", "Δεν εμφανίζεται: λιγότερες από { $n } γυναίκες, ή αριθμός από τον οποίο θα μπορούσε να υπολογιστεί ένας τέτοιος αριθμός."),
    ("stats-missing", "χωρίς στοιχεία"),
    ("stats-source", "Πηγή"),
    ("stats-reference-date", "Στοιχεία έως"),
    ("stats-download-csv", "Λήψη των δεδομένων (CSV)"),
    ("stats-total-row", "Σύνολο"),
    ("stats-percent-of", "% επί"),
    ("stats-chart-desc", "Ραβδόγραμμα."),
    ("stats-show-table", "Εμφάνιση των αριθμών σε πίνακα"),
];

fn courses() -> Published {
    let (datasets, diags) = load_files(&[("courses.toml", COURSES)], 5);
    assert!(errors(&diags).is_empty(), "{diags:#?}");
    datasets.get("courses").cloned().expect("published")
}

/// Compares `actual` with `src/stats/testdata/{name}`, or rewrites it when PONTE_BLESS is set.
fn golden(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("src/stats/testdata")
        .join(name);
    if std::env::var_os("PONTE_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("create testdata");
        std::fs::write(&path, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with PONTE_BLESS=1 to create it)",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "{name} differs from the golden file:\n--- expected\n{expected}\n--- actual\n{actual}"
    );
}

#[test]
fn golden_html_in_english() {
    let html = render_html(
        &courses(),
        View::Both,
        &FakeLocalizer::english(ENGLISH),
        "/en/stats/courses.csv",
    );
    golden("courses.en.html", &html);
}

#[test]
fn golden_html_in_greek() {
    let html = render_html(
        &courses(),
        View::Both,
        &FakeLocalizer::greek(GREEK),
        "/el/stats/courses.csv",
    );
    golden("courses.el.html", &html);
}

#[test]
fn golden_csv_in_english_and_greek() {
    golden(
        "courses.en.csv",
        &render_csv(&courses(), &FakeLocalizer::english(ENGLISH)),
    );
    golden(
        "courses.el.csv",
        &render_csv(&courses(), &FakeLocalizer::greek(GREEK)),
    );
}

#[test]
fn the_chart_view_keeps_the_table_behind_a_disclosure() {
    let html = render_html(
        &courses(),
        View::Chart,
        &FakeLocalizer::english(ENGLISH),
        "x.csv",
    );
    assert!(html.contains(
        "<details class=\"stats-data\">\n<summary>Show the figures as a table</summary>\n\
         <div class=\"stats-table-scroll\""
    ));
    // Without the table's caption the chart gets a visible title.
    assert!(html.contains("<figcaption>Courses: participants &amp; certificates</figcaption>"));
    let table = render_html(
        &courses(),
        View::Table,
        &FakeLocalizer::english(ENGLISH),
        "x.csv",
    );
    assert!(!table.contains("<svg"));
}

#[test]
fn output_is_deterministic_and_has_no_script_or_inline_style() {
    let loc = FakeLocalizer::greek(GREEK);
    let first = render_html(&courses(), View::Both, &loc, "a.csv");
    assert_eq!(first, render_html(&courses(), View::Both, &loc, "a.csv"));
    for forbidden in ["<script", " style=", "<style", "javascript:", " on"] {
        assert!(
            !first.to_lowercase().contains(forbidden),
            "found {forbidden}"
        );
    }
}

#[test]
fn hidden_values_appear_nowhere_in_the_output() {
    // Italy's language course: 3 certificates (small) of 9 participants (whose complement in
    // 15 is 6, shown). The 3 and its share (33.3%) must not appear anywhere.
    let ds = courses();
    for loc in [FakeLocalizer::english(ENGLISH), FakeLocalizer::greek(GREEK)] {
        let out = render_html(&ds, View::Both, &loc, "a.csv") + &render_csv(&ds, &loc);
        for leak in ["33.3", "33,3", ">3<", ">3 (", ",3,", "\n3,"] {
            assert!(!out.contains(leak), "{leak} leaked");
        }
    }
}

#[test]
fn chart_colours_have_at_least_three_to_one_contrast_on_white() {
    fn luminance(hex: &str) -> f64 {
        let channel = |i: usize| {
            let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0)) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }
    use crate::stats::render::chart_colours;
    for colour in chart_colours() {
        let contrast = 1.05 / (luminance(colour) + 0.05);
        assert!(contrast >= 3.0, "{colour} has contrast {contrast:.2}");
    }
}

#[test]
fn view_parses_its_three_names_and_lists_them_on_error() {
    assert_eq!("chart".parse::<View>(), Ok(View::Chart));
    assert_eq!("both".parse::<View>(), Ok(View::Both));
    assert_eq!(
        "graph".parse::<View>(),
        Err("unknown view `graph`: expected one of `table`, `chart`, `both`".to_string())
    );
}
