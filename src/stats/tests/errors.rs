//! Refusals, each asserted with its exact file:line:col.

use super::{errors, load_files};

/// A valid file; tests edit it. Line numbers: 1 id … 13 [[row]], 16 total, 17 counts.
const BASE: &str = r#"id = "employment"
title = "stats-employment-title"
source = "stats-source-win"
reference_date = 2021-09-20
row_label = "stats-country"
total_label = "stats-beneficiaries"
population = "beneficiaries"

[[category]]
id = "during"
label = "stats-employed-during"

[[row]]
id = "italy"
label = "stats-country-italy"
total = 15
counts = { during = 14 }
"#;

/// The errors of one file as "message @ file:line:col", and their hints.
fn refusals(text: &str) -> Vec<(String, String)> {
    let (datasets, diags) = load_files(&[("employment.toml", text)], 5);
    let errors = errors(&diags);
    assert!(!errors.is_empty(), "expected an error, got {diags:#?}");
    assert!(
        datasets.get("employment").is_none(),
        "a file with errors must not be published"
    );
    errors
        .iter()
        .map(|d| {
            let at = d
                .span
                .as_ref()
                .map(|s| format!("{}:{}:{}", s.file.display(), s.line, s.col))
                .unwrap_or_default();
            (
                format!("{} @ {at}", d.message),
                d.hint.clone().unwrap_or_default(),
            )
        })
        .collect()
}

fn only(text: &str) -> (String, String) {
    let mut all = refusals(text);
    assert_eq!(all.len(), 1, "expected one error, got {all:#?}");
    all.remove(0)
}

const FILE: &str = "content/stats/employment.toml";

#[test]
fn the_base_file_is_valid() {
    let (datasets, diags) = load_files(&[("employment.toml", BASE)], 5);
    assert!(errors(&diags).is_empty(), "{diags:#?}");
    assert!(datasets.get("employment").is_some());
}

#[test]
fn unknown_field_with_a_suggestion() {
    let (message, hint) = only(&BASE.replace("title =", "titel ="));
    assert_eq!(
        message,
        format!("unknown field `titel` in the file @ {FILE}:2:1")
    );
    assert!(hint.starts_with("did you mean `title`?"), "{hint}");
}

#[test]
fn unknown_field_in_a_row() {
    let (message, hint) = only(&BASE.replace("total = 15", "totl = 15"));
    assert_eq!(
        message,
        format!("unknown field `totl` in [[row]] @ {FILE}:16:1")
    );
    assert!(hint.starts_with("did you mean `total`?"), "{hint}");
}

#[test]
fn identifying_fields_are_refused_all_at_once() {
    let text = BASE.replace("total = 15", "name = \"Maria\"\nage = 34\ntotal = 15");
    let all = refusals(&text);
    let messages: Vec<&str> = all.iter().map(|(m, _)| m.as_str()).collect();
    assert_eq!(
        messages,
        [
            format!("`age` would identify a person: statistics files must not contain it @ {FILE}:17:1"),
            format!("`name` would identify a person: statistics files must not contain it @ {FILE}:16:1"),
        ]
    );
    assert!(all[0].1.contains("aggregated counts only"));
}

#[test]
fn identifying_field_names_are_matched_loosely() {
    let (message, _) = only(&BASE.replace("total = 15", "Date-Of-Birth = 1990-01-01\ntotal = 15"));
    assert!(
        message.starts_with("`Date-Of-Birth` would identify a person"),
        "{message}"
    );
    assert!(message.ends_with(&format!("{FILE}:16:1")), "{message}");
}

#[test]
fn a_list_of_people_is_refused() {
    let text = format!("{BASE}\n[[women]]\ncountry = \"italy\"\nemployed = true\n");
    let (message, hint) = only(&text);
    assert_eq!(message, format!("`women` looks like a list of people (record-level data), which is refused @ {FILE}:19:3"));
    assert!(hint.contains("never list them"));
}

#[test]
fn a_row_of_one_person_is_refused() {
    let (message, _) = only(
        &BASE
            .replace("total = 15", "total = 1")
            .replace("during = 14", "during = 1"),
    );
    assert_eq!(
        message,
        format!("a row with a total of 1 describes a single person @ {FILE}:16:9")
    );
}

#[test]
fn a_percentage_field_is_refused() {
    let (message, hint) = only(&BASE.replace("total = 15", "total = 15\npercent = 93.3"));
    assert_eq!(
        message,
        format!("a percentage without its count is refused @ {FILE}:17:1")
    );
    assert!(hint.contains("derived from 63% of 8"), "{hint}");
}

#[test]
fn a_percentage_written_as_a_count_is_refused() {
    let (message, _) = only(&BASE.replace("during = 14", "during = \"93%\""));
    assert_eq!(
        message,
        format!("a percentage without its count is refused @ {FILE}:17:21")
    );
}

#[test]
fn a_fractional_count_is_refused() {
    let (message, hint) = only(&BASE.replace("during = 14", "during = 14.5"));
    assert!(message.ends_with(&format!("@ {FILE}:17:21")), "{message}");
    assert!(
        hint.starts_with("counts are whole numbers of people"),
        "{hint}"
    );
}

#[test]
fn a_count_larger_than_its_total_is_refused() {
    let (message, _) = only(&BASE.replace("during = 14", "during = 16"));
    assert_eq!(
        message,
        format!("the count for `during` is larger than the row's total @ {FILE}:17:21")
    );
}

#[test]
fn a_count_larger_than_its_of_category_is_refused() {
    let text = BASE.replace(
        "[[row]]",
        "[[category]]\nid = \"at-end\"\nlabel = \"stats-employed-at-end\"\nof = \"during\"\n\n[[row]]",
    );
    let (message, _) = only(&text.replace("during = 14", "during = 8, at-end = 9"));
    assert_eq!(
        message,
        format!("the count for `at-end` is larger than the count for `during` (its `of`) @ {FILE}:22:33")
    );
}

#[test]
fn an_exhaustive_row_must_add_up_to_its_total() {
    let text = BASE
        .replace("population = \"beneficiaries\"", "exhaustive = true")
        .replace(
            "[[row]]",
            "[[category]]\nid = \"not\"\nlabel = \"stats-not-employed\"\n\n[[row]]",
        )
        .replace("during = 14", "during = 9, not = 5");
    let (message, hint) = only(&text);
    assert_eq!(
        message,
        format!("the counts of row `italy` add up to less than its total @ {FILE}:20:9")
    );
    assert!(hint.contains("must add up to the total"));
}

#[test]
fn an_exhaustive_row_needs_every_category() {
    let text = BASE
        .replace("population = \"beneficiaries\"", "exhaustive = true")
        .replace(
            "[[row]]",
            "[[category]]\nid = \"not\"\nlabel = \"stats-not-employed\"\n\n[[row]]",
        );
    let (message, hint) = only(&text);
    assert_eq!(
        message,
        format!("row `italy` has no count for `not` @ {FILE}:18:6")
    );
    assert!(hint.contains("write `not = 0`"), "{hint}");
}

#[test]
fn an_unknown_category_gets_a_suggestion() {
    let (message, hint) = only(&BASE.replace("during = 14", "durin = 14"));
    assert_eq!(message, format!("unknown category `durin` @ {FILE}:17:12"));
    assert!(hint.starts_with("did you mean `during`?"), "{hint}");
}

#[test]
fn a_missing_field_is_named() {
    let (message, _) = only(&BASE.replace("title = \"stats-employment-title\"\n", ""));
    assert_eq!(
        message,
        format!("missing field `title` in the file @ {FILE}:1:1")
    );
}

#[test]
fn an_impossible_date_is_refused() {
    let (message, _) = only(&BASE.replace("2021-09-20", "\"2021-02-30\""));
    assert_eq!(
        message,
        format!("`reference_date` is not a valid date @ {FILE}:4:18")
    );
}

#[test]
fn a_label_must_be_a_message_id() {
    let (message, _) = only(&BASE.replace("\"stats-country-italy\"", "\"Italy (Milan)\""));
    assert_eq!(
        message,
        format!("`Italy (Milan)` is not a Fluent message id @ {FILE}:15:9")
    );
}

#[test]
fn toml_syntax_errors_point_at_the_line() {
    let all = refusals(&BASE.replace("total = 15", "total = "));
    assert!(all[0].0.ends_with(&format!("@ {FILE}:16:9")), "{all:#?}");
}

#[test]
fn totals_that_disagree_between_datasets_are_reported() {
    let other = BASE
        .replace("id = \"employment\"", "id = \"courses\"")
        .replace("total = 15", "total = 17");
    let (datasets, diags) = load_files(&[("employment.toml", BASE), ("courses.toml", &other)], 5);
    let errors = errors(&diags);
    assert_eq!(errors.len(), 1, "{diags:#?}");
    let text = errors[0].to_string();
    assert!(
        text.starts_with(&format!(
            "error: `beneficiaries` of `italy` disagrees with {FILE}:16:9\n  --> content/stats/courses.toml:16:9"
        )),
        "{text}"
    );
    assert!(
        datasets.is_empty(),
        "neither side of a disagreement is published"
    );
}

#[test]
fn a_dataset_id_used_twice_is_reported() {
    let (_, diags) = load_files(&[("employment.toml", BASE), ("copy.toml", BASE)], 5);
    let errors = errors(&diags);
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0].message,
        "dataset id `employment` is used by two files"
    );
    assert!(errors[0].hint.as_deref().unwrap_or_default().contains(FILE));
}

#[test]
fn problems_in_several_files_are_all_reported() {
    let bad = BASE
        .replace("id = \"employment\"", "id = \"b\"")
        .replace("during = 14", "durin = 14");
    let worse = BASE
        .replace("id = \"employment\"", "id = \"c\"")
        .replace("total = 15", "total = 15\nsurname = \"X\"");
    let (datasets, diags) =
        load_files(&[("a.toml", BASE), ("b.toml", &bad), ("c.toml", &worse)], 5);
    let errors = errors(&diags);
    assert_eq!(errors.len(), 2, "{diags:#?}");
    assert!(
        datasets.get("employment").is_some(),
        "a valid file is still published"
    );
}

#[test]
fn the_rendered_diagnostic_shows_the_line_and_a_caret() {
    let (_, diags) = load_files(
        &[(
            "employment.toml",
            &BASE.replace("during = 14", "during = 16"),
        )],
        5,
    );
    assert_eq!(
        diags[0].to_string(),
        "error: the count for `during` is larger than the row's total\n  \
         --> content/stats/employment.toml:17:21\n   |\n17 | counts = { during = 16 }\n   |                     ^^\n  \
         = hint: a count cannot be larger than its denominator (`total`); check both figures"
    );
}
