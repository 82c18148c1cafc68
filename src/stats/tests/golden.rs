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
    ("stats-missing-footnote", "No data: the source does not give this figure."),
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
    ("stats-missing-footnote", "Χωρίς στοιχεία: η πηγή δεν δίνει αυτόν τον αριθμό."),
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
fn view_parses_its_five_names_and_lists_them_on_error() {
    assert_eq!("chart".parse::<View>(), Ok(View::Chart));
    assert_eq!("both".parse::<View>(), Ok(View::Both));
    assert_eq!("figures".parse::<View>(), Ok(View::Figures));
    assert_eq!("folded".parse::<View>(), Ok(View::Folded));
    assert_eq!(
        "graph".parse::<View>(),
        Err(
            "unknown view `graph`: expected one of `table`, `chart`, `both`, `figures`, `folded`"
                .to_string()
        )
    );
    let folded = render_html(
        &courses(),
        View::Folded,
        &FakeLocalizer::english(ENGLISH),
        "x.csv",
    );
    assert!(folded.starts_with(
        "<div class=\"stats stats-view-folded\" id=\"stats-courses\">\n\
         <details class=\"stats-data stats-folded\">\n\
         <summary>Courses: participants &amp; certificates</summary>\n\
         <div class=\"stats-table-scroll\""
    ));
    assert!(!folded.contains("<svg"));
}

/// English labels with short forms for two of them.
fn english_with_short_labels() -> Vec<(&'static str, &'static str)> {
    let mut messages = ENGLISH.to_vec();
    messages.push(("stats-participants-short", "Participants"));
    messages.push(("stats-beneficiaries-short", "Women"));
    messages
}

#[test]
fn key_figures_show_big_numbers_with_short_labels_and_leave_hidden_ones_out() {
    let messages = english_with_short_labels();
    let html = render_html(
        &courses(),
        View::Figures,
        &FakeLocalizer::english(&messages),
        "x.csv",
    );
    // One card per group and row; the key column is the one without `of` (participants).
    assert_eq!(
        html.matches("<li class=\"stats-figures-card\">").count(),
        3,
        "{html}"
    );
    assert!(html.contains(
        "<p class=\"stats-key\"><span class=\"stats-key-number\">9</span> \
         <span class=\"stats-key-label\">Participants \
         <span class=\"stats-key-share\">(60.0%)</span></span></p>"
    ));
    assert!(html.contains("<p class=\"stats-figures-base\">Women: 15</p>"));
    // Certificates are measured against participants: not a key figure.
    assert!(!html.contains("Received a certificate"));
    // Italy's computer course participants are hidden: a small line, and the note once.
    assert!(html.contains(
        "<p class=\"stats-key stats-key-hidden\">Participants: <span class=\"stats-suppressed\">not shown</span></p>"
    ));
    assert_eq!(html.matches("class=\"stats-footnote\"").count(), 1);
    // Missing figures are left out, and so is their note.
    assert!(!html.contains("no data") && !html.contains("stats-missing-note"));
    assert!(!html.contains("<svg") && !html.contains("<table"));
}

#[test]
fn short_labels_head_the_columns_and_label_every_cell_for_phones() {
    let messages = english_with_short_labels();
    let html = render_html(
        &courses(),
        View::Table,
        &FakeLocalizer::english(&messages),
        "x.csv",
    );
    assert!(html.contains("<th scope=\"col\" class=\"stats-num\">Participants</th>"));
    assert!(html.contains("<th scope=\"col\" class=\"stats-num\">Women</th>"));
    // Without a short label the header keeps its base ("% of" the short label of the base).
    assert!(html
        .contains("Received a certificate <span class=\"stats-base\">(% of Participants)</span>"));
    assert!(html.contains("<td class=\"stats-num\" data-label=\"Participants\">9"));
    // Two measures: a normal table on phones too.
    assert!(!html.contains("stats-table-stack"));
    // Bulgaria's certificates are not given: "no data", explained once.
    assert!(html.contains(
        "<p class=\"stats-missing-note\">No data: the source does not give this figure.</p>"
    ));
}

#[test]
fn the_chart_is_never_scaled_and_inherits_the_page_font() {
    let messages = english_with_short_labels();
    let html = render_html(
        &courses(),
        View::Chart,
        &FakeLocalizer::english(&messages),
        "x.csv",
    );
    let svg = &html[html.find("<svg").expect("a chart")..html.find("</svg>").expect("closed")];
    assert!(!svg.contains("viewBox") && !svg.contains("font-size") && !svg.contains("font-family"));
    assert!(svg.contains("width=\"100%\""));
    // Certificates are hidden or not given everywhere: no bar, no legend entry, and with one
    // measure left, no legend at all.
    assert!(!svg.contains("<g class=\"stats-legend\">") && !svg.contains("Received a certificate"));
    // The longest bar is 55% of the width, the others in proportion (6 of 9).
    assert!(svg.contains("width=\"55.0%\""));
    assert!(svg.contains("width=\"36.7%\""));
    // Italy's computer course: its one drawn measure is hidden, said once.
    assert_eq!(svg.matches(">not shown</text>").count(), 1);
    // The title comes before the chart.
    assert!(html.find("<figcaption>").expect("caption") < html.find("<svg").expect("svg"));
}

#[test]
fn a_chart_of_two_measures_has_a_legend_with_their_short_labels() {
    // Italy's language course: 9 certificates of 9 participants, shown.
    let both = COURSES.replace(
        "counts = { participants = 9, certificates = 3 }",
        "counts = { participants = 9, certificates = 9 }",
    );
    let (datasets, diags) = load_files(&[("courses.toml", &both)], 5);
    assert!(errors(&diags).is_empty(), "{diags:#?}");
    let messages = english_with_short_labels();
    let html = render_html(
        datasets.get("courses").expect("published"),
        View::Chart,
        &FakeLocalizer::english(&messages),
        "x.csv",
    );
    assert!(html.contains("<g class=\"stats-legend\">"), "{html}");
    assert!(
        html.contains(">Participants</text>") && html.contains(">Received a certificate</text>")
    );
}

#[test]
fn a_measure_keeps_its_colour_in_every_chart() {
    // Another dataset where participants are the second column, not the first.
    let other = COURSES.replace(
        "[[category]]\nid = \"participants\"",
        "[[category]]\nid = \"enrolled\"\nlabel = \"stats-course\"\n\n[[category]]\nid = \"participants\"",
    );
    let (datasets, diags) = load_files(&[("courses.toml", &other)], 5);
    assert!(errors(&diags).is_empty(), "{diags:#?}");
    let loc = FakeLocalizer::english(ENGLISH);
    let fill = |ds: &Published| {
        let html = render_html(ds, View::Chart, &loc, "x.csv");
        let at = html.find("class=\"stats-bar\"").expect("a bar");
        let start = html[..at].rfind("fill=\"").expect("a fill") + 6;
        html[start..start + 7].to_string()
    };
    // Same label id (stats-participants), same colour, whatever the column's place.
    assert_eq!(
        fill(&courses()),
        fill(datasets.get("courses").expect("published"))
    );
}
