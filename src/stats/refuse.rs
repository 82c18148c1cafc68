//! Refusals that need no schema: personal data anywhere in a statistics file.
//!
//! In: the parsed TOML tree of one file (keys and values spanned). Out: a diagnostic for every
//! field that would identify a person (name, age, birth date, nationality, …, matched ignoring
//! case, `_`, `-` and spaces), every table or list of tables named like a list of people
//! (`[[women]]`, `[[records]]`, …) and every percentage without its count (`percent = …`, or a
//! count written as `"63%"`), plus the set of byte offsets reported, so that the schema pass
//! does not report the same key again as merely unknown.

use std::collections::BTreeSet;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::source::Source;
use crate::diagnostic::Diagnostic;

/// Fields that identify or describe one person (compared lowercase, without `_`, `-`, spaces).
const IDENTIFYING: &[&str] = &[
    "name",
    "firstname",
    "lastname",
    "surname",
    "fullname",
    "givenname",
    "familyname",
    "initials",
    "age",
    "birthdate",
    "dateofbirth",
    "dob",
    "birthday",
    "birthyear",
    "yearofbirth",
    "birthplace",
    "placeofbirth",
    "nationality",
    "citizenship",
    "countryoforigin",
    "gender",
    "sex",
    "address",
    "street",
    "phone",
    "telephone",
    "mobile",
    "email",
    "passport",
    "passportnumber",
    "idnumber",
    "documentnumber",
    "personalnumber",
    "ssn",
    "taxcode",
    "fiscalcode",
    "casenumber",
    "caseid",
    "photo",
    "religion",
    "ethnicity",
];
/// Names of lists of people: a table or list of tables under one of these is record-level data.
const RECORD_LISTS: &[&str] = &[
    "record",
    "records",
    "person",
    "persons",
    "people",
    "individual",
    "individuals",
    "beneficiary",
    "beneficiaries",
    "woman",
    "women",
    "respondent",
    "respondents",
    "participant",
    "participants",
    "case",
    "cases",
    "survivor",
    "survivors",
    "victim",
    "victims",
    "client",
    "clients",
    "member",
    "members",
];
const PERCENT_FIELDS: &[&str] = &[
    "percent",
    "percentage",
    "percentages",
    "pct",
    "perc",
    "share",
    "rate",
    "ratio",
    "proportion",
    "%",
];

const PERCENT_HINT: &str = "write the count and its denominator; if the source gives only a \
     percentage, derive the count and say so in `note` (e.g. \"derived from 63% of 8\")";
const RECORD_HINT: &str =
    "content/stats holds aggregated counts only: count the people, never list them";

/// Reports identifying fields, lists of people and percentages anywhere in the document.
pub(super) fn personal_data(
    src: Source<'_>,
    table: &DeTable<'_>,
    in_counts: bool,
    reported: &mut BTreeSet<usize>,
    diags: &mut Vec<Diagnostic>,
) {
    for (key, value) in table {
        let span = key.span();
        let name: String = key
            .get_ref()
            .chars()
            .filter(|c| !matches!(c, '_' | '-' | ' '))
            .flat_map(char::to_lowercase)
            .collect();
        let is_list = matches!(value.get_ref(), DeValue::Table(_))
            || matches!(value.get_ref(), DeValue::Array(a) if a.iter().any(|v| v.get_ref().is_table()));
        let problem = if in_counts {
            None
        } else if IDENTIFYING.contains(&name.as_str()) {
            Some(
                Diagnostic::error(format!(
                    "`{}` would identify a person: statistics files must not contain it",
                    key.get_ref()
                ))
                .hint(RECORD_HINT),
            )
        } else if is_list && RECORD_LISTS.contains(&name.as_str()) {
            Some(
                Diagnostic::error(format!(
                    "`{}` looks like a list of people (record-level data), which is refused",
                    key.get_ref()
                ))
                .hint(RECORD_HINT),
            )
        } else if PERCENT_FIELDS.contains(&name.as_str()) {
            Some(Diagnostic::error("a percentage without its count is refused").hint(PERCENT_HINT))
        } else {
            None
        };
        if let Some(problem) = problem {
            reported.insert(span.start);
            diags.push(problem.at(src.span(&span)));
            continue;
        }
        let counts = key.get_ref() == "counts";
        visit(src, value, in_counts || counts, reported, diags);
    }
}

fn visit(
    src: Source<'_>,
    value: &Spanned<DeValue<'_>>,
    in_counts: bool,
    reported: &mut BTreeSet<usize>,
    diags: &mut Vec<Diagnostic>,
) {
    match value.get_ref() {
        DeValue::Table(inner) => personal_data(src, inner, in_counts, reported, diags),
        DeValue::Array(items) => {
            for item in items {
                visit(src, item, in_counts, reported, diags);
            }
        }
        DeValue::String(text) if in_counts && text.contains('%') => {
            reported.insert(value.span().start);
            diags.push(
                Diagnostic::error("a percentage without its count is refused")
                    .at(src.span(&value.span()))
                    .hint(PERCENT_HINT),
            );
        }
        _ => {}
    }
}
