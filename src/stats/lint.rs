//! The prose lint: figures typed into page text that could reveal what the tables hide.
//!
//! In: the pages (file, language, Markdown body), the datasets (with what they hide, which
//! never leaves this module) and `[stats]`. Out: one warning per finding, at file:line:col:
//! 1. a small number (digits, or a number word in en/it/es/fr/el/bg) from 1 to `min_count − 1`
//!    next to a word for women, participants, respondents;
//! 2. "N of M" (and its equivalents) where M − N is from 1 to `min_count − 1`;
//! 3. a typed percentage next to a word for people equal to the share of a hidden cell of a table
//!    the page shows (at the precision typed);
//! 4. a typed count of women who answered ("6 women answered") equal to the hidden size of a
//!    group (a row total) in a table the page shows;
//! 5. a universal statement ("every woman", "all the women", "the whole group", "each woman
//!    who answered") on a page that embeds a table with a hidden cell.
//!
//! A line containing a phrase of `[stats] allow` (compared without case) is not reported. The
//! warnings never say which cell is hidden nor why.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::path::Path;

use rayon::prelude::*;

use super::{Datasets, StatsConfig};
use crate::diagnostic::{Diagnostic, Span};

/// A page's text as the lint reads it.
pub struct PageText<'a> {
    pub file: &'a Path,
    pub lang: &'a str,
    pub source: &'a str,
    pub body_offset: usize,
}

/// Words of one language: number words (value, word), stems of words for people, the words
/// that join "N of M", and the quantifiers of universal statements.
struct Words {
    numbers: &'static [(u32, &'static str)],
    people: &'static [&'static str],
    of: &'static [&'static str],
    all: &'static [&'static str],
    /// "each" words, and stems of "answered": "each woman" is a universal statement only when
    /// it is about what she answered ("ogni donna che ha risposto").
    each: &'static [&'static str],
    answered: &'static [&'static str],
}

const EN: Words = Words {
    numbers: &[
        (1, "one"),
        (2, "two"),
        (3, "three"),
        (4, "four"),
        (5, "five"),
        (6, "six"),
        (7, "seven"),
        (8, "eight"),
        (9, "nine"),
        (10, "ten"),
    ],
    people: &[
        "wom",
        "participant",
        "respondent",
        "beneficiar",
        "survivor",
        "girl",
        "mother",
        "group",
        "surveyed",
        "interviewed",
    ],
    of: &["of", "out", "the"],
    all: &["every", "all", "none", "no", "whole", "entire"],
    each: &["each"],
    answered: &["answer", "respond", "surveyed", "said"],
};
// "un", "una", "une", "uno", "μια", "една" are also the indefinite article: only the digit 1
// counts in these languages.
const IT: Words = Words {
    numbers: &[
        (2, "due"),
        (3, "tre"),
        (4, "quattro"),
        (5, "cinque"),
        (6, "sei"),
        (7, "sette"),
        (8, "otto"),
        (9, "nove"),
        (10, "dieci"),
    ],
    people: &[
        "donn",
        "partecipant",
        "intervistat",
        "rispondent",
        "beneficiari",
        "sopravvissut",
        "ragazz",
        "madri",
        "gruppo",
    ],
    of: &["su", "di", "delle", "dei", "le"],
    all: &["tutte", "tutti", "nessuna", "intero", "intera"],
    each: &["ogni", "ciascuna"],
    answered: &["rispost", "intervistat", "detto"],
};
const ES: Words = Words {
    numbers: &[
        (2, "dos"),
        (3, "tres"),
        (4, "cuatro"),
        (5, "cinco"),
        (6, "seis"),
        (7, "siete"),
        (8, "ocho"),
        (9, "nueve"),
        (10, "diez"),
    ],
    people: &[
        "mujer",
        "participant",
        "encuestad",
        "beneficiari",
        "superviviente",
        "sobreviviente",
        "chica",
        "madre",
        "grupo",
    ],
    of: &["de", "las", "los", "cada"],
    all: &["todas", "todos", "ninguna", "entero"],
    each: &["cada"],
    answered: &["respond", "encuestad", "dijo"],
};
const FR: Words = Words {
    numbers: &[
        (2, "deux"),
        (3, "trois"),
        (4, "quatre"),
        (5, "cinq"),
        (6, "six"),
        (7, "sept"),
        (8, "huit"),
        (9, "neuf"),
        (10, "dix"),
    ],
    people: &[
        "femme",
        "participant",
        "répondant",
        "interrogé",
        "bénéficiaire",
        "survivant",
        "fille",
        "mère",
        "groupe",
    ],
    of: &["sur", "des", "les"],
    all: &["toutes", "tous", "aucune", "entier"],
    each: &["chaque"],
    answered: &["répondu", "interrogé", "déclaré"],
};
const EL: Words = Words {
    numbers: &[
        (2, "δύο"),
        (3, "τρεις"),
        (3, "τρία"),
        (4, "τέσσερις"),
        (4, "τέσσερα"),
        (5, "πέντε"),
        (6, "έξι"),
        (7, "επτά"),
        (8, "οκτώ"),
        (9, "εννέα"),
        (10, "δέκα"),
    ],
    people: &[
        "γυναίκ",
        "συμμετέχ",
        "συμμετοχ",
        "ερωτηθ",
        "ωφελούμεν",
        "επιζ",
        "κορίτσ",
        "μητέρ",
        "ομάδα",
    ],
    of: &["από", "τις", "τους", "στις", "στους"],
    all: &["όλες", "όλοι", "καμία", "ολόκληρη"],
    each: &["κάθε"],
    answered: &["απάντησ", "ρωτήθηκ", "δήλωσ"],
};
const BG: Words = Words {
    numbers: &[
        (2, "две"),
        (2, "двама"),
        (2, "двете"),
        (3, "три"),
        (3, "трима"),
        (4, "четири"),
        (4, "четирима"),
        (5, "пет"),
        (6, "шест"),
        (7, "седем"),
        (8, "осем"),
        (9, "девет"),
        (10, "десет"),
    ],
    people: &[
        "жен",
        "участни",
        "анкетира",
        "бенефициен",
        "оцеля",
        "момич",
        "майк",
        "група",
    ],
    of: &["от"],
    all: &["всички", "никоя", "цялата"],
    each: &["всяка", "всеки"],
    answered: &["отговор", "анкетира", "каза"],
};

fn words(lang: &str) -> &'static Words {
    match lang.split(['-', '_']).next().unwrap_or(lang) {
        "it" => &IT,
        "es" => &ES,
        "fr" => &FR,
        "el" => &EL,
        "bg" => &BG,
        _ => &EN,
    }
}

/// A word or number of the text, lowercased, with its byte range in the page source.
#[derive(Debug)]
struct Token<'a> {
    start: usize,
    end: usize,
    /// Lower case (borrowed from the text when it is already).
    text: Cow<'a, str>,
    /// The value when the token is a number (`93,3` and `93.3` are 93.3); `decimals` typed.
    number: Option<(f64, usize)>,
    /// A `%` follows (spaces allowed).
    percent: bool,
}

/// The body with everything that is not prose (shortcodes, HTML tags, link targets, code)
/// replaced by spaces, so that offsets stay those of the source.
fn prose(body: &str) -> String {
    let mut out: Vec<u8> = body.as_bytes().to_vec();
    let mut blank = |from: usize, to: usize| {
        for b in &mut out[from..to] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    };
    for (open, close) in [
        ("{{", "}}"),
        ("{%", "%}"),
        ("<", ">"),
        ("](", ")"),
        ("`", "`"),
        ("[^", "]"),
    ] {
        let mut at = 0;
        while let Some(i) = body[at..].find(open) {
            let from = at + i;
            let Some(j) = body[from + open.len()..].find(close) else {
                break;
            };
            let to = from + open.len() + j + close.len();
            blank(if open == "](" { from + 1 } else { from }, to);
            at = to;
        }
    }
    // Only ASCII bytes were replaced by spaces, inside ranges that start and end on ASCII.
    String::from_utf8(out).unwrap_or_else(|_| body.to_string())
}

fn tokens(text: &str, base: usize) -> Vec<Token<'_>> {
    let mut out: Vec<Token> = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c == '%' {
            if let Some(last) = out.last_mut() {
                let between = &text[last.end - base..start];
                if last.number.is_some() && between.chars().all(char::is_whitespace) {
                    last.percent = true;
                }
            }
            i += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() {
            let ch = chars[j].1;
            let joins_digits = (ch == '.' || ch == ',')
                && chars[j.saturating_sub(1)].1.is_ascii_digit()
                && chars.get(j + 1).is_some_and(|n| n.1.is_ascii_digit());
            if ch.is_alphanumeric() || joins_digits || ch == '\'' && j > i {
                j += 1;
            } else {
                break;
            }
        }
        let end = chars.get(j).map_or(text.len(), |c| c.0);
        let word = &text[start..end];
        let number = if word
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        {
            let decimals = word.rfind(['.', ',']).map_or(0, |p| word.len() - p - 1);
            // "1,500" and "1.500" group thousands; one or two digits after it are decimals.
            if decimals == 3 {
                word.replace([',', '.'], "").parse().ok().map(|v| (v, 0))
            } else {
                word.replace(',', ".").parse().ok().map(|v| (v, decimals))
            }
        } else {
            None
        };
        out.push(Token {
            start: base + start,
            end: base + end,
            text: if word.chars().all(|c| c.to_lowercase().eq([c])) {
                Cow::Borrowed(word)
            } else {
                Cow::Owned(word.to_lowercase())
            },
            number,
            percent: false,
        });
        i = j;
    }
    out
}

/// What the tables hide, for the lint: values and shares of hidden cells, per dataset.
struct Hidden<'a> {
    datasets: &'a Datasets,
}

impl Hidden<'_> {
    /// The hidden sizes of groups (row totals, columns that count a population).
    fn values(&self, ids: Option<&BTreeSet<String>>) -> BTreeSet<u64> {
        self.datasets
            .secrets
            .iter()
            .filter(|(id, _)| ids.is_none_or(|ids| ids.contains(*id)))
            .flat_map(|(_, cells)| cells.iter().filter(|c| c.group).map(|c| c.value))
            .collect()
    }
    fn shares(&self, ids: Option<&BTreeSet<String>>) -> Vec<f64> {
        self.datasets
            .secrets
            .iter()
            .filter(|(id, _)| ids.is_none_or(|ids| ids.contains(*id)))
            .flat_map(|(_, cells)| cells.iter().filter_map(|c| c.share))
            .collect()
    }
}

/// Lints every page; see the module documentation for what is reported.
pub fn lint(pages: &[PageText<'_>], datasets: &Datasets, config: &StatsConfig) -> Vec<Diagnostic> {
    let hidden = Hidden { datasets };
    let allow: Vec<String> = config.allow.iter().map(|a| a.to_lowercase()).collect();
    let small = |v: f64| v >= 1.0 && v < f64::from(config.min_count) && v.fract() == 0.0;
    // Pages are read in parallel (on one core, 10,000 pages took a second); problems keep
    // the pages' order.
    let per_page = |page: &PageText<'_>| -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let body = &page.source[page.body_offset.min(page.source.len())..];
        let embedded: BTreeSet<String> = embedded_ids(body);
        let hides = embedded
            .iter()
            .any(|id| datasets.get(id).is_some_and(|d| d.has_suppressed()));
        let w = words(page.lang);
        let prose = prose(body);
        let toks = tokens(&prose, page.body_offset);
        let is_people =
            |t: &Token| t.number.is_none() && w.people.iter().any(|s| t.text.starts_with(s));
        // People, not a group of them ("two groups of women" is not "two women").
        let is_person = |t: &Token| {
            is_people(t)
                && !["group", "grupp", "grupo", "groupe", "ομάδ", "груп"]
                    .iter()
                    .any(|g| t.text.starts_with(g))
        };
        let answered = |t: &Token| w.answered.iter().any(|s| t.text.starts_with(s));
        // Tokens i < k in one clause: no punctuation between them.
        let joined = |i: usize, k: usize| {
            !page.source[toks[i].end..toks[k].start]
                .contains([',', '.', ';', ':', '(', ')', '/', '|', '\n', '[', ']'])
        };
        let near_people = |i: usize, reach: usize| {
            let from = i.saturating_sub(reach);
            let to = (i + reach + 1).min(toks.len());
            (from..to).any(|k| k != i && is_person(&toks[k]) && joined(i.min(k), i.max(k)))
        };
        // A list marker ("2. ", "3) ") at the start of a line is not a figure.
        let marker = |tok: &Token| {
            let before = &page.source[..tok.start];
            let line_start = before.rfind('\n').map_or(0, |p| p + 1);
            before[line_start..].trim().is_empty() && page.source[tok.end..].starts_with(['.', ')'])
        };
        let embedded_values = hidden.values(Some(&embedded));
        let embedded_shares = hidden.shares(Some(&embedded));
        let mut report = |tok: &Token, end: usize, message: String, hint: &str| {
            let span = Span::from_offset(page.file, page.source, tok.start, end - tok.start);
            let line = span.line_text.to_lowercase();
            if allow.iter().any(|a| line.contains(a.as_str())) {
                return;
            }
            out.push(Diagnostic::warning(message).at(span).hint(hint.to_string()));
        };
        const HINT_TABLE: &str = "put the figure in a content/stats file so that ponte can hide it, \
            or reword without it; if reviewed and safe, add the phrase to `[stats] allow` in ponte.toml";
        for (i, tok) in toks.iter().enumerate() {
            let value = tok.number.map(|(v, _)| v).or_else(|| {
                w.numbers
                    .iter()
                    // The last byte first: most words end unlike every number word, and
                    // this runs for every word of every page.
                    .find(|(_, word)| {
                        word.as_bytes().last() == tok.text.as_bytes().last() && *word == tok.text
                    })
                    .map(|(v, _)| f64::from(*v))
            });
            // 1. A small number next to a word for people.
            if value.filter(|&v| small(v) && !tok.percent).is_some()
                && !marker(tok)
                && (i + 1..(i + 3).min(toks.len())).any(|k| is_person(&toks[k]) && joined(i, k))
            {
                report(
                    tok,
                    tok.end,
                    format!(
                        "a number below {} next to a word for people: it could point to a few women",
                        config.min_count
                    ),
                    HINT_TABLE,
                );
                continue;
            }
            // 2. "N of M" with a small difference.
            if let (Some((n, 0)), false) = (tok.number, tok.percent) {
                let mut k = i + 1;
                let mut linked = false;
                while k < toks.len() && k <= i + 3 && w.of.contains(&&*toks[k].text) {
                    linked = true;
                    k += 1;
                }
                if let (
                    true,
                    Some(Token {
                        number: Some((m, 0)),
                        percent: false,
                        end,
                        ..
                    }),
                ) = (linked && joined(i, k), toks.get(k))
                {
                    if small(m - n) {
                        report(
                            tok,
                            *end,
                            format!(
                                "\"N of M\" with a difference below {}: it tells how many did not",
                                config.min_count
                            ),
                            HINT_TABLE,
                        );
                        continue;
                    }
                }
            }
            // 3. A percentage equal to a hidden cell's share.
            if let (Some((p, decimals)), true, true) = (tok.number, tok.percent, near_people(i, 4))
            {
                let scale = 10f64.powi(decimals as i32);
                if embedded_shares
                    .iter()
                    .any(|s| ((s * 100.0 * scale).round() - p * scale).abs() < 0.5)
                {
                    report(
                        tok,
                        tok.end,
                        "this percentage equals the share of a figure that the tables hide".into(),
                        "remove the percentage or round it to a broad band (\"more than half\"); \
                         if reviewed and safe, add the phrase to `[stats] allow` in ponte.toml",
                    );
                    continue;
                }
            }
            // 4. How many answered, equal to the hidden size of a group.
            if let (Some((v, 0)), false) = (tok.number, tok.percent) {
                let person =
                    (i + 1..(i + 3).min(toks.len())).find(|&k| is_person(&toks[k]) && joined(i, k));
                let said = person.is_some_and(|k| {
                    (k + 1..(k + 5).min(toks.len())).any(|a| joined(k, a) && answered(&toks[a]))
                });
                if said && embedded_values.contains(&(v as u64)) && !marker(tok) {
                    report(
                        tok,
                        tok.end,
                        "this figure equals the size of a group that the tables hide".into(),
                        HINT_TABLE,
                    );
                    continue;
                }
            }
            // 5. A universal statement on a page with a table that hides a cell.
            let each = hides && w.each.contains(&&*tok.text);
            if each || (hides && w.all.contains(&&*tok.text)) {
                let person =
                    (i + 1..(i + 4).min(toks.len())).find(|&k| is_people(&toks[k]) && joined(i, k));
                // "each woman" counts only when it is about what she answered.
                let person = person.filter(|&k| {
                    !each
                        || (k + 1..(k + 5).min(toks.len())).any(|a| {
                            joined(k, a) && w.answered.iter().any(|s| toks[a].text.starts_with(s))
                        })
                });
                if let Some(k) = person {
                    report(
                        tok,
                        toks[k].end,
                        "a statement about every member of a group, on a page whose tables hide figures: \
                         it can reveal what they hide"
                            .into(),
                        "say \"most\", \"nearly all\" or describe the service instead of the women; \
                         if reviewed and safe, add the phrase to `[stats] allow` in ponte.toml",
                    );
                }
            }
        }
        out
    };
    pages.par_iter().flat_map_iter(per_page).collect()
}

/// The ids of the datasets a page embeds with `{{ stats(id="…") }}`.
fn embedded_ids(body: &str) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for (i, _) in body.match_indices("stats(") {
        let rest = &body[i..];
        let Some(close) = rest.find(')') else {
            continue;
        };
        let call = &rest[..close];
        if let Some(p) = call.find("id=") {
            let value = call[p + 3..].trim_start();
            let quote = value.chars().next().unwrap_or('"');
            if let Some(v) = value.get(1..).and_then(|v| v.split(quote).next()) {
                ids.insert(v.to_string());
            }
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_read_numbers_decimals_and_percent_signs() {
        let t = tokens("Il 93,3 % delle 14 donne", 0);
        let n: Vec<_> = t.iter().map(|t| (&*t.text, t.number, t.percent)).collect();
        assert_eq!(n[1], ("93,3", Some((93.3, 1)), true));
        assert_eq!(n[3], ("14", Some((14.0, 0)), false));
    }

    #[test]
    fn prose_blanks_shortcodes_tags_and_link_targets_keeping_offsets() {
        let body = "Two {{ stats(id=\"a\") }} <b>x</b> [see](/en/4-women/)";
        let p = prose(body);
        assert_eq!(p.len(), body.len());
        assert!(!p.contains("stats") && !p.contains("4-women") && p.contains("[see]"));
    }

    #[test]
    fn embedded_ids_are_found() {
        let ids =
            embedded_ids("a {{ stats(id=\"courses\", view=\"both\") }} b {{ stats(id='x') }}");
        assert_eq!(ids.into_iter().collect::<Vec<_>>(), vec!["courses", "x"]);
    }
}
