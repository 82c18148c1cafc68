//! An independent attacker with an integer program, against a built site.
//!
//! It reads every published file of the site, in every language: the CSV files, the HTML
//! tables, the SVG charts, the text of every page and the text of every PDF (with `pdftotext`).
//! From the statistics files it takes only what a reader of the README knows: which rows and
//! columns add up (`exhaustive`, total lines, `sum_of`, `[hierarchy]`), which figures are the
//! same people (`population` and row id, or the same row label with the same total), and which
//! column a percentage is of. It then sets up its own integer program (good_lp with microlp;
//! none of ponte's own disclosure-control code) and asks, for every hidden figure, the smallest
//! and largest value it can have.
//!
//! Page text adds constraints, linked to the cells of the tables shown in the same section of
//! the page (between headings): a typed count ("3 women", "three women") pins a hidden cell with
//! that value; a typed percentage bounds a count over its denominator, with its rounding; a
//! universal statement ("every woman surveyed…") says that a count equals its denominator. "N of
//! M" anywhere (pages and PDFs) pins a hidden count or denominator when the other is shown. The
//! attacker links a figure to every cell it is true of (the test knows the real figures, and
//! uses them only to choose links), unless a shown cell already has that figure.
//!
//! The checks: no hidden figure's range is narrower than the protection width; no note about a
//! hidden cell reaches a published file; no number in a chart is missing from its table.
mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use good_lp::{microlp, variable, Expression, ProblemVariables, Solution, SolverModel, Variable};
use support::SiteTest;

const LANGUAGES: &[&str] = &["en", "it", "es", "fr", "el", "bg"];

/// One statistics file as the attacker reads it: its structure, and the real figures (used only
/// to choose the links of page text, and to say whether a range contains the truth).
struct Table {
    id: String,
    exhaustive: bool,
    column_totals: bool,
    /// (group id, population of its totals)
    groups: Vec<(String, Option<String>)>,
    /// (category id, index of its `of`, population)
    categories: Vec<(String, Option<usize>, Option<String>)>,
    rows: Vec<TableRow>,
    /// `[hierarchy]`: parent row id, child row ids.
    hierarchy: Vec<(String, Vec<String>)>,
}

struct TableRow {
    id: String,
    label: String,
    group: usize,
    sum_of: Vec<usize>,
    total: u64,
    counts: Vec<Option<u64>>,
}

fn read_tables(root: &Path) -> Vec<Table> {
    let mut tables = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(root.join("content/stats"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    for path in paths {
        let v: toml::Table = std::fs::read_to_string(&path).unwrap().parse().unwrap();
        if v.get("sensitive").and_then(|s| s.as_bool()) == Some(false) {
            continue;
        }
        let text = |v: &toml::Value, k: &str| v.get(k).and_then(|x| x.as_str()).map(String::from);
        let whole = toml::Value::Table(v.clone());
        let population = text(&whole, "population");
        let list = |k: &str| {
            v.get(k)
                .and_then(|x| x.as_array())
                .cloned()
                .unwrap_or_default()
        };
        let mut groups: Vec<(String, Option<String>)> = list("group")
            .iter()
            .map(|g| {
                (
                    text(g, "id").unwrap(),
                    text(g, "population").or(population.clone()),
                )
            })
            .collect();
        if groups.is_empty() {
            groups.push((String::new(), population.clone()));
        }
        let ids: Vec<String> = list("category")
            .iter()
            .map(|c| text(c, "id").unwrap())
            .collect();
        let categories = list("category")
            .iter()
            .map(|c| {
                let of = text(c, "of").map(|o| ids.iter().position(|i| *i == o).unwrap());
                (text(c, "id").unwrap(), of, text(c, "population"))
            })
            .collect();
        let raw_rows = list("row");
        let group_of = |r: &toml::Value| {
            text(r, "group").map_or(0, |g| groups.iter().position(|x| x.0 == g).unwrap())
        };
        let position = |g: usize, id: &str| {
            raw_rows
                .iter()
                .position(|o| group_of(o) == g && text(o, "id").as_deref() == Some(id))
        };
        let hierarchy: Vec<(String, Vec<String>)> = v
            .get("hierarchy")
            .and_then(|h| h.as_table())
            .map(|h| {
                h.iter()
                    .map(|(parent, children)| {
                        let children = children.as_array().unwrap();
                        let children = children.iter().map(|c| c.as_str().unwrap().to_string());
                        (parent.clone(), children.collect())
                    })
                    .collect()
            })
            .unwrap_or_default();
        let rows = raw_rows
            .iter()
            .map(|r| {
                let g = group_of(r);
                let id = text(r, "id").unwrap();
                let mut sum_of: Vec<usize> = r
                    .get("sum_of")
                    .and_then(|s| s.as_array())
                    .map(|names| {
                        names
                            .iter()
                            .map(|n| position(g, n.as_str().unwrap()).unwrap())
                            .collect()
                    })
                    .unwrap_or_default();
                // A hierarchy is a sum inside the file too, when all its rows are here.
                for (parent, children) in &hierarchy {
                    let parts: Option<Vec<usize>> =
                        children.iter().map(|c| position(g, c)).collect();
                    if *parent == id && sum_of.is_empty() {
                        sum_of = parts.unwrap_or_default();
                    }
                }
                let counts = r.get("counts").and_then(|c| c.as_table()).unwrap();
                TableRow {
                    label: text(r, "label").unwrap(),
                    group: g,
                    sum_of,
                    total: r.get("total").and_then(|t| t.as_integer()).unwrap() as u64,
                    counts: ids
                        .iter()
                        .map(|c| counts.get(c).and_then(|n| n.as_integer()).map(|n| n as u64))
                        .collect(),
                    id,
                }
            })
            .collect();
        tables.push(Table {
            id: text(&whole, "id").unwrap(),
            exhaustive: v
                .get("exhaustive")
                .and_then(|x| x.as_bool())
                .unwrap_or(false),
            column_totals: v
                .get("column_totals")
                .and_then(|x| x.as_bool())
                .unwrap_or(false),
            groups,
            categories,
            rows,
            hierarchy,
        });
    }
    tables
}

/// RFC 4180 fields of each line (the byte-order mark removed).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let text = text.trim_start_matches('\u{feff}');
    let mut lines = Vec::new();
    let mut line = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => line.push(std::mem::take(&mut field)),
            ('\r', false) => {}
            ('\n', false) => {
                line.push(std::mem::take(&mut field));
                lines.push(std::mem::take(&mut line));
            }
            (c, _) => field.push(c),
        }
    }
    lines
}

/// A number as written in any language of the site: "1,648", "1.648", "1 648" (thin or
/// no-break space), "60.0", "60,0". A separator followed by exactly three digits groups
/// thousands; otherwise it is the decimal mark. Returns (value, decimals) and the rest.
fn numbers(text: &str) -> Vec<(f64, usize, usize)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let after_letter = i > 0 && chars[i - 1].1.is_alphanumeric();
        if !c.is_ascii_digit() || after_letter {
            i += 1;
            continue;
        }
        let mut whole = String::new();
        let mut fraction = String::new();
        let mut j = i;
        let digits = |j: usize| {
            chars[j..]
                .iter()
                .take_while(|(_, c)| c.is_ascii_digit())
                .count()
        };
        let n = digits(j);
        whole.extend(chars[j..j + n].iter().map(|(_, c)| c));
        j += n;
        while j + 1 < chars.len()
            && matches!(chars[j].1, ',' | '.' | '\u{a0}' | '\u{202f}' | ' ')
            && chars[j + 1].1.is_ascii_digit()
        {
            let n = digits(j + 1);
            let space = matches!(chars[j].1, '\u{a0}' | '\u{202f}' | ' ');
            if n == 3 && fraction.is_empty() {
                whole.extend(chars[j + 1..j + 1 + n].iter().map(|(_, c)| c));
            } else if !space && fraction.is_empty() {
                fraction.extend(chars[j + 1..j + 1 + n].iter().map(|(_, c)| c));
            } else {
                break;
            }
            j += 1 + n;
        }
        let value: f64 = format!(
            "{whole}.{}",
            if fraction.is_empty() { "0" } else { &fraction }
        )
        .parse()
        .unwrap();
        let end = chars.get(j).map_or(text.len(), |(b, _)| *b);
        let _ = start;
        out.push((value, fraction.len(), end));
        i = j.max(i + 1);
    }
    out
}

/// The text of a piece of HTML or SVG: tags removed, entities decoded, spaces collapsed.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&nbsp;", "\u{a0}")
        .replace("&#160;", "\u{a0}")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    out.split([' ', '\n', '\t', '\r'])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The elements `<tag …>…</tag>` of a page (not nested in each other), with their byte offsets.
fn elements<'a>(html: &'a str, tag: &str) -> Vec<(usize, &'a str)> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(start) = html[at..].find(&open).map(|s| s + at) {
        let next = html.as_bytes().get(start + open.len());
        if !matches!(next, Some(b' ' | b'>' | b'\n')) {
            at = start + open.len();
            continue;
        }
        let Some(end) = html[start..].find(&close).map(|e| start + e + close.len()) else {
            break;
        };
        out.push((start, &html[start..end]));
        at = end;
    }
    out
}

/// The dataset a statistics table or chart belongs to, from the ids in its markup
/// (`stats-<dataset>-caption`, `stats-<dataset>-chart-title`, …); `None` for any other table.
fn dataset_in<'t>(markup: &str, by_id: &BTreeMap<&str, &'t Table>) -> Option<&'t Table> {
    let mut best: Option<&Table> = None;
    for (at, _) in markup.match_indices("stats-") {
        let name: String = markup[at + 6..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        for (id, table) in by_id {
            let fits = name == *id || name.starts_with(&format!("{id}-"));
            if fits && best.is_none_or(|b| b.id.len() < id.len()) {
                best = Some(table);
            }
        }
    }
    best
}

/// What a text says: each claim with the topic words of its sentence.
type Said = Vec<(Claim, BTreeSet<String>)>;
/// A table shown in a section of a page: its id, the topic words of each slot and of each
/// line's label, and the topic words of the page's title.
type Shown = (
    String,
    Vec<BTreeSet<String>>,
    Vec<BTreeSet<String>>,
    BTreeSet<String>,
);

/// Something a sentence of page text says.
#[derive(Debug, Clone, PartialEq)]
enum Claim {
    /// A count of people ("3 women", "three women", the N and M of "N of M").
    Count(u64),
    /// A percentage with its number of decimals.
    Percent(f64, usize),
    /// A statement about every member of a group.
    Universal,
    /// "N of M": a count and its denominator.
    OfM(u64, u64),
}

/// Stems of words for people, in the six languages of the site (compared lowercase).
const PEOPLE: &[&str] = &[
    "wom",
    "particip",
    "respond",
    "benefic",
    "survivor",
    "girl",
    "donn",
    "partecip",
    "rispond",
    "intervist",
    "sopravviss",
    "mujer",
    "encuest",
    "superviv",
    "femme",
    "répond",
    "bénéfic",
    "survivant",
    "γυναίκ",
    "συμμετέχ",
    "ερωτηθ",
    "ωφελούμ",
    "επιζ",
    "жен",
    "участни",
    "анкетир",
    "бенефиц",
    "оцеля",
];
/// Words that join "N of M".
const OF: &[&str] = &["of", "out", "su", "de", "sur", "από", "от", "di", "sobre"];
/// Number words from one to ten, in the six languages (index + 1 is the value). "One" only in
/// English: in the other languages it is also the indefinite article ("una parte delle donne").
const NUMBER_WORDS: &[&[&str]] = &[
    &["one"],
    &["two", "due", "dos", "deux", "δύο", "две", "два"],
    &["three", "tre", "tres", "trois", "τρεις", "τρία", "три"],
    &["four", "quattro", "cuatro", "quatre", "τέσσερις", "четири"],
    &["five", "cinque", "cinco", "cinq", "πέντε", "пет"],
    &["six", "sei", "seis", "έξι", "шест"],
    &["seven", "sette", "siete", "sept", "επτά", "εφτά", "седем"],
    &["eight", "otto", "ocho", "huit", "οκτώ", "осем"],
    &["nine", "nove", "nueve", "neuf", "εννέα", "девет"],
    &["ten", "dieci", "diez", "dix", "δέκα", "десет"],
];
/// Statements about every member of a group (compared lowercase).
const UNIVERSAL: &[&str] = &[
    "every woman",
    "each woman",
    "all the women",
    "all women",
    "all of the women",
    "every one of",
    "the whole group",
    "everyone surveyed",
    "everyone who answered",
    "tutte le donne",
    "ogni donna",
    "ciascuna donna",
    "tutto il gruppo",
    "tutte hanno",
    "todas las mujeres",
    "cada mujer",
    "todo el grupo",
    "todas ellas",
    "toutes les femmes",
    "chaque femme",
    "tout le groupe",
    "toutes ont",
    "όλες οι γυναίκες",
    "κάθε γυναίκα",
    "όλη η ομάδα",
    "όλες τους",
    "всички жени",
    "всяка жена",
    "цялата група",
    "всички те",
];

/// Words too common to tie a sentence to a table (compared by their first five letters).
const COMMON: &[&str] = &[
    "with",
    "from",
    "that",
    "this",
    "they",
    "their",
    "were",
    "have",
    "been",
    "during",
    "after",
    "which",
    "there",
    "della",
    "delle",
    "degli",
    "dalla",
    "nella",
    "sono",
    "hanno",
    "loro",
    "para",
    "como",
    "entre",
    "desde",
    "sobre",
    "pour",
    "avec",
    "dans",
    "leur",
    "elles",
    "των",
    "και",
    "από",
    "για",
    "στην",
    "στον",
    "είχαν",
    "това",
    "като",
    "през",
    "след",
    "които",
    "total",
    "totale",
    "project",
    "progetto",
    "proyecto",
    "projet",
    "έργο",
    "проект",
    "number",
    "numero",
    "número",
    "nombre",
    "αριθμός",
    "брой",
    "country",
    "paese",
    "país",
    "pays",
    "χώρα",
    "държава",
];

/// The topic words of a text: words of four letters or more, cut to their first five letters,
/// without words for people and very common words.
fn stems(text: &str) -> BTreeSet<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 4)
        .map(|w| w.chars().take(5).collect::<String>())
        .filter(|w| {
            !PEOPLE
                .iter()
                .any(|p| w.starts_with(p) || p.starts_with(w.as_str()))
        })
        .filter(|w| {
            !COMMON
                .iter()
                .any(|c| c.chars().take(5).collect::<String>() == *w)
        })
        .collect()
}

/// What the text of a page or PDF says about figures, sentence by sentence, with each
/// sentence's topic words.
fn sentence_claims(text: &str) -> Vec<(Claim, BTreeSet<String>)> {
    let mut out = Vec::new();
    let mut sentence = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        sentence.push(c);
        let end = matches!(c, '!' | '?' | ';' | '\n')
            || (c == '.' && chars.peek().is_none_or(|n| n.is_whitespace()));
        if end || chars.peek().is_none() {
            let topic = stems(&sentence);
            out.extend(claims(&sentence).into_iter().map(|c| (c, topic.clone())));
            sentence.clear();
        }
    }
    out
}

/// What a piece of text says about figures.
fn claims(text: &str) -> Vec<Claim> {
    let lower = text.to_lowercase();
    let mut out: Vec<Claim> = Vec::new();
    for phrase in UNIVERSAL {
        if lower.contains(phrase) {
            out.push(Claim::Universal);
        }
    }
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '(' | ')' | '"'))
        .filter(|w| !w.is_empty())
        .collect();
    let near_people = |i: usize| {
        words[i + 1..(i + 5).min(words.len())]
            .iter()
            .any(|w| PEOPLE.iter().any(|p| w.trim_matches('.').starts_with(p)))
    };
    for (i, word) in words.iter().enumerate() {
        let bare = word.trim_matches(|c: char| c == '.' || c == '!' || c == '?');
        if let Some(n) = NUMBER_WORDS.iter().position(|ws| ws.contains(&bare)) {
            if near_people(i) {
                out.push(Claim::Count(n as u64 + 1));
            }
            continue;
        }
        let found = numbers(word);
        let Some(&(value, decimals, end)) = found.first() else {
            continue;
        };
        let rest = &word[end..];
        let next = words.get(i + 1).copied().unwrap_or("");
        let percent = rest.starts_with('%')
            || next.starts_with('%')
            || ["per", "por", "pour", "τοις", "процент"]
                .iter()
                .any(|p| next.starts_with(p) && !rest.chars().any(char::is_alphanumeric));
        if percent {
            out.push(Claim::Percent(value, decimals));
        } else if decimals == 0 && rest.chars().all(|c| !c.is_alphanumeric()) {
            let of_next = OF.contains(&next)
                && words
                    .get(i + 2)
                    .is_some_and(|w| numbers(w).first().is_some_and(|n| n.1 == 0));
            if near_people(i) || of_next {
                out.push(Claim::Count(value as u64));
            }
            if of_next {
                let m = numbers(words[i + 2])[0].0;
                out.push(Claim::Count(m as u64));
                out.push(Claim::OfM(value as u64, m as u64));
            }
        }
    }
    out
}

/// The attacker's program: figures (by key), what is known of each, and the relations.
/// Σ c·x (= or ≤) constant: (terms, constant, equal).
type Relation = (Vec<(usize, f64)>, f64, bool);

/// A cell for page-text links: (count, denominator or None for a total, its column's topic
/// words, its line's label words).
type CellLink<'a> = (
    usize,
    Option<usize>,
    &'a BTreeSet<String>,
    Option<BTreeSet<String>>,
);

#[derive(Default)]
struct Attack {
    keys: Vec<String>,
    index: BTreeMap<String, usize>,
    /// The real value (to choose links and to judge ranges; never a constraint by itself).
    truth: Vec<f64>,
    /// The published value of a figure, when any file shows it.
    known: Vec<Option<f64>>,
    /// Shown as hidden in some published file.
    hidden: Vec<bool>,
    /// (coefficients, equality): Σ c·x (= or ≤) constant. Stored as (terms, constant, equal).
    relations: Vec<Relation>,
    /// Per table: (count figure, denominator figure) of each cell, for page-text links.
    shares: BTreeMap<String, Vec<(usize, usize, usize, usize)>>,
    /// Per table, every figure of it, with its slot (0: the total, 1 + c: category c).
    figures_of: BTreeMap<String, Vec<(usize, usize)>>,
    /// What was read: files by kind.
    read: BTreeMap<&'static str, usize>,
    /// Page-text constraints added, in words (for the report).
    links: Vec<String>,
    problems: Vec<String>,
}

impl Attack {
    fn figure(&mut self, key: String, truth: f64) -> usize {
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        self.keys.push(key.clone());
        self.truth.push(truth);
        self.known.push(None);
        self.hidden.push(false);
        self.index.insert(key, self.keys.len() - 1);
        self.keys.len() - 1
    }

    fn learn(&mut self, f: usize, value: f64, file: &str) {
        match self.known[f] {
            Some(old) if (old - value).abs() > 1e-9 => self.problems.push(format!(
                "{file}: {} published as {old} and as {value}",
                self.keys[f]
            )),
            _ => self.known[f] = Some(value),
        }
    }

    fn relate(&mut self, terms: Vec<(usize, f64)>, constant: f64, equal: bool) {
        self.relations.push((terms, constant, equal));
    }

    /// A count over its denominator, rounded to `decimals`, is `percent`.
    fn rounded_share(&mut self, n: usize, den: usize, percent: f64, decimals: usize) {
        let half = 0.5 * 10f64.powi(-(decimals as i32)) + 1e-9;
        // 100·n ≤ (p + h)·den and (p − h)·den ≤ 100·n
        self.relate(vec![(n, 100.0), (den, -(percent + half))], 0.0, false);
        self.relate(vec![(n, -100.0), (den, percent - half)], 0.0, false);
    }

    /// The structure of every table: its figures, shared by key, and the relations.
    fn structure(&mut self, tables: &[Table]) -> BTreeMap<String, Vec<Vec<usize>>> {
        let mut all_lines = BTreeMap::new();
        // The same row label with the same total in two tables is taken to be the same women.
        let mut look_alike: BTreeMap<(String, u64), (String, usize)> = BTreeMap::new();
        for table in tables {
            let width = table.categories.len() + 1;
            let mut lines: Vec<Vec<usize>> = Vec::new();
            let mut line_of_row = vec![0; table.rows.len()];
            for (g, (_, population)) in table.groups.iter().enumerate() {
                let members: Vec<usize> = (0..table.rows.len())
                    .filter(|&r| table.rows[r].group == g)
                    .collect();
                for &r in &members {
                    let row = &table.rows[r];
                    let own = match population {
                        Some(p) => format!("{p}/{}", row.id),
                        None => format!("{}/{g}/{}/total", table.id, row.id),
                    };
                    let total = self.figure(own, row.total as f64);
                    let (from, first) = look_alike
                        .entry((row.label.clone(), row.total))
                        .or_insert((table.id.clone(), total))
                        .clone();
                    if from != table.id && first != total {
                        self.relate(vec![(total, 1.0), (first, -1.0)], 0.0, true);
                    }
                    let mut line = vec![total];
                    for (c, (cid, _, cp)) in table.categories.iter().enumerate() {
                        let key = match cp {
                            Some(p) => format!("{p}/{}", row.id),
                            None => format!("{}/{g}/{}/{cid}", table.id, row.id),
                        };
                        let truth = row.counts[c].map_or(f64::NAN, |n| n as f64);
                        line.push(self.figure(key, truth));
                    }
                    line_of_row[r] = lines.len();
                    lines.push(line);
                }
                if table.column_totals {
                    let line = (0..width)
                        .map(|s| {
                            let truth: f64 = members
                                .iter()
                                .map(|&r| {
                                    let row = &table.rows[r];
                                    if s == 0 {
                                        row.total as f64
                                    } else {
                                        row.counts[s - 1].map_or(f64::NAN, |n| n as f64)
                                    }
                                })
                                .sum();
                            self.figure(format!("{}/{g}/total-line/{s}", table.id), truth)
                        })
                        .collect();
                    lines.push(line);
                    let total = lines.len() - 1;
                    for (s, &sum) in lines[total].iter().enumerate().take(width) {
                        let mut terms: Vec<(usize, f64)> = members
                            .iter()
                            .map(|&r| (lines[line_of_row[r]][s], 1.0))
                            .collect();
                        terms.push((sum, -1.0));
                        self.relate(terms, 0.0, true);
                    }
                }
            }
            let mut shares = Vec::new();
            for (r, row) in table.rows.iter().enumerate() {
                let line = lines[line_of_row[r]].clone();
                if table.exhaustive {
                    let mut terms: Vec<(usize, f64)> =
                        line[1..].iter().map(|&f| (f, 1.0)).collect();
                    terms.push((line[0], -1.0));
                    self.relate(terms, 0.0, true);
                }
                for (c, (_, of, _)) in table.categories.iter().enumerate() {
                    let den = of.map_or(line[0], |o| line[1 + o]);
                    self.relate(vec![(line[1 + c], 1.0), (line[0], -1.0)], 0.0, false);
                    self.relate(vec![(line[1 + c], 1.0), (den, -1.0)], 0.0, false);
                    shares.push((line[1 + c], den, 1 + c, line_of_row[r]));
                }
                if !row.sum_of.is_empty() {
                    for s in 0..width {
                        let mut terms: Vec<(usize, f64)> = row
                            .sum_of
                            .iter()
                            .map(|&p| (lines[line_of_row[p]][s], 1.0))
                            .collect();
                        terms.push((line[s], -1.0));
                        self.relate(terms, 0.0, true);
                    }
                }
            }
            self.shares.insert(table.id.clone(), shares);
            self.figures_of.insert(
                table.id.clone(),
                lines
                    .iter()
                    .flat_map(|line| line.iter().copied().enumerate().map(|(s, f)| (f, s)))
                    .collect(),
            );
            all_lines.insert(table.id.clone(), lines);
        }
        // `[hierarchy]` across tables: the parent of each population is the sum of its children.
        for table in tables {
            let populations: BTreeSet<&String> = table
                .groups
                .iter()
                .filter_map(|g| g.1.as_ref())
                .chain(table.categories.iter().filter_map(|c| c.2.as_ref()))
                .collect();
            for (parent, children) in &table.hierarchy {
                for p in &populations {
                    let Some(&parent) = self.index.get(&format!("{p}/{parent}")) else {
                        continue;
                    };
                    let parts: Vec<usize> = children
                        .iter()
                        .filter_map(|c| self.index.get(&format!("{p}/{c}")).copied())
                        .collect();
                    if parts.is_empty() {
                        continue;
                    }
                    let complete = parts.len() == children.len();
                    let mut terms: Vec<(usize, f64)> = parts.iter().map(|&f| (f, 1.0)).collect();
                    terms.push((parent, -1.0));
                    self.relate(terms, 0.0, complete);
                }
            }
        }
        all_lines
    }

    /// A published CSV: each line's cells, and the percentages with their rounding.
    fn read_csv(&mut self, file: &str, text: &str, table: &Table, lines: &[Vec<usize>]) {
        let csv = parse_csv(text);
        let skip = usize::from(table.groups.len() > 1 || !table.groups[0].0.is_empty());
        if csv.len().saturating_sub(1) != lines.len() {
            self.problems.push(format!(
                "{file}: {} lines, the table has {}",
                csv.len().saturating_sub(1),
                lines.len()
            ));
            return;
        }
        for (line, fields) in lines.iter().zip(&csv[1..]) {
            let fields = &fields[skip + 1..];
            let value = |f: &str| numbers(f).first().map(|n| (n.0, n.1));
            match value(&fields[0]) {
                Some((v, _)) => self.learn(line[0], v, file),
                None if !fields[0].trim().is_empty() => self.hidden[line[0]] = true,
                None => {}
            }
            for c in 0..line.len() - 1 {
                match value(&fields[1 + 2 * c]) {
                    Some((v, _)) => self.learn(line[1 + c], v, file),
                    None if !fields[1 + 2 * c].trim().is_empty() => self.hidden[line[1 + c]] = true,
                    None => {}
                }
                if let Some((p, decimals)) = value(&fields[2 + 2 * c]) {
                    let den = match table.categories[c].1 {
                        Some(o) => line[1 + o],
                        None => line[0],
                    };
                    self.rounded_share(line[1 + c], den, p, decimals);
                }
            }
        }
    }

    /// An HTML table of a dataset: the rows with data cells, in order, are the CSV's lines; the
    /// first number of a cell is its count, the second its percentage.
    fn read_html_table(&mut self, file: &str, html: &str, table: &Table, lines: &[Vec<usize>]) {
        let rows: Vec<Vec<String>> = elements(html, "tr")
            .into_iter()
            .map(|(_, tr)| {
                elements(tr, "td")
                    .into_iter()
                    .map(|(_, td)| text_of(td))
                    .collect::<Vec<_>>()
            })
            .filter(|cells| !cells.is_empty())
            .collect();
        if rows.len() != lines.len() {
            self.problems.push(format!(
                "{file}: table `{}` has {} rows of data, the dataset {}",
                table.id,
                rows.len(),
                lines.len()
            ));
            return;
        }
        for (line, cells) in lines.iter().zip(&rows) {
            if cells.len() != line.len() {
                self.problems.push(format!(
                    "{file}: table `{}`: a row of {} cells, expected {}",
                    table.id,
                    cells.len(),
                    line.len()
                ));
                continue;
            }
            for (slot, cell) in cells.iter().enumerate() {
                let found = numbers(cell);
                if let Some(&(v, _, _)) = found.first() {
                    self.learn(line[slot], v, file);
                }
                if let (Some(&(p, decimals, _)), true) = (found.get(1), slot > 0) {
                    let den = match table.categories[slot - 1].1 {
                        Some(o) => line[1 + o],
                        None => line[0],
                    };
                    self.rounded_share(line[slot], den, p, decimals);
                }
            }
        }
    }

    /// What page text says, linked to every cell it is true of. Counts, percentages and
    /// universal statements link to the cells of the tables shown in the same section of the
    /// page whose column or caption shares a topic word with the sentence ("3 women had a job"
    /// and a column "In a job"); "N of M" anywhere (a page, a PDF) links to the cells whose count
    /// is N and whose denominator is M, when one of the two is published (the anchor a reader
    /// would use). A figure that a shown cell has is taken to be about that cell.
    fn link(&mut self, file: &str, said: &Said, section: &[Shown], all: &[String]) {
        // (count, denominator or None for a total, topic words of its slot).
        // A cell and the words that tie a sentence to it: its column's topic, and its line's
        // label (when the line has one that is not a common word) with the page's title.
        let mut cells: Vec<CellLink> = Vec::new();
        for (t, topics, rows, title) in section {
            let width = topics.len();
            let line = |l: usize| {
                rows.get(l)
                    .filter(|r| !r.is_empty() && rows.len() > 1 && r.is_disjoint(title))
                    .cloned()
            };
            for (k, &(f, slot)) in self.figures_of[t].iter().enumerate() {
                if slot == 0 {
                    cells.push((f, None, &topics[0], line(k / width)));
                }
            }
            for &(n, den, slot, l) in &self.shares[t] {
                cells.push((n, Some(den), &topics[slot], line(l)));
            }
        }
        let every_cell: Vec<(usize, usize)> = all
            .iter()
            .flat_map(|t| self.shares[t].iter().map(|&(n, den, _, _)| (n, den)))
            .collect();
        let is_open = |a: &Attack, f: usize| a.known[f].is_none();
        let shown = |a: &Attack, v: f64| {
            cells.iter().any(|(f, den, _, _)| {
                a.known[*f] == Some(v) || den.is_some_and(|d| a.known[d] == Some(v))
            })
        };
        let shown_share = |a: &Attack, p: f64, half: f64| {
            cells.iter().any(
                |(n, den, _, _)| match (a.known[*n], den.and_then(|d| a.known[d])) {
                    (Some(n), Some(d)) if d > 0.0 => (100.0 * n / d - p).abs() <= half + 1e-9,
                    _ => false,
                },
            )
        };
        let shown_pair = |a: &Attack, n: f64, m: f64| {
            every_cell
                .iter()
                .any(|&(c, den)| a.known[c] == Some(n) && a.known[den] == Some(m))
        };
        for (claim, topic) in said {
            // About the cell's column, and about its line: the sentence names the line's label,
            // or the page's title is that label (a page about one country).
            let about = |t: &BTreeSet<String>, line: &Option<BTreeSet<String>>| {
                !t.is_disjoint(topic) && line.as_ref().is_none_or(|l| !l.is_disjoint(topic))
            };
            match claim {
                Claim::Count(n) if shown(self, *n as f64) => {}
                Claim::OfM(n, m) if shown_pair(self, *n as f64, *m as f64) => {}
                Claim::Percent(p, d) if shown_share(self, *p, 0.5 * 10f64.powi(-(*d as i32))) => {}
                Claim::Count(n) => {
                    for (f, _, t, line) in &cells {
                        let f = *f;
                        if about(t, line) && is_open(self, f) && self.truth[f] == *n as f64 {
                            self.links
                                .push(format!("{file}: \"{n}\" pins {}", self.keys[f]));
                            self.relate(vec![(f, 1.0)], *n as f64, true);
                        }
                    }
                }
                Claim::OfM(n, m) => {
                    for &(c, den) in &every_cell {
                        let anchored = !is_open(self, c) || !is_open(self, den);
                        let open = is_open(self, c) || is_open(self, den);
                        if open
                            && anchored
                            && self.truth[c] == *n as f64
                            && self.truth[den] == *m as f64
                        {
                            self.links.push(format!(
                                "{file}: \"{n} of {m}\" is {} of {}",
                                self.keys[c], self.keys[den]
                            ));
                            self.relate(vec![(c, 1.0)], *n as f64, true);
                            self.relate(vec![(den, 1.0)], *m as f64, true);
                        }
                    }
                }
                Claim::Percent(p, decimals) => {
                    for (n, den, t, line) in &cells {
                        let n = *n;
                        let Some(den) = den.filter(|_| about(t, line)) else {
                            continue;
                        };
                        let (tn, td) = (self.truth[n], self.truth[den]);
                        let half = 0.5 * 10f64.powi(-(*decimals as i32));
                        let open = is_open(self, n) || is_open(self, den);
                        if open && td > 0.0 && (100.0 * tn / td - p).abs() <= half + 1e-9 {
                            self.links.push(format!(
                                "{file}: \"{p}%\" is {} of {}",
                                self.keys[n], self.keys[den]
                            ));
                            self.rounded_share(n, den, *p, *decimals);
                        }
                    }
                }
                Claim::Universal => {
                    for (n, den, t, line) in &cells {
                        let n = *n;
                        let Some(den) = den.filter(|_| about(t, line)) else {
                            continue;
                        };
                        let open = is_open(self, n) || is_open(self, den);
                        if open && self.truth[den] > 0.0 && self.truth[n] == self.truth[den] {
                            self.links.push(format!(
                                "{file}: a universal statement: {} = {}",
                                self.keys[n], self.keys[den]
                            ));
                            self.relate(vec![(n, 1.0), (den, -1.0)], 0.0, true);
                        }
                    }
                }
            }
        }
    }

    /// Reads every published file of the site.
    fn read(root: &Path, public: &Path) -> Attack {
        let tables = read_tables(root);
        let mut attack = Attack::default();
        let lines = attack.structure(&tables);
        let by_id: BTreeMap<&str, &Table> = tables.iter().map(|t| (t.id.as_str(), t)).collect();
        let all: Vec<String> = tables.iter().map(|t| t.id.clone()).collect();
        let tree = SiteTest::tree(public);
        let mut deferred: Vec<(String, Said, Vec<Shown>)> = Vec::new();
        let languages: Vec<&str> = LANGUAGES
            .iter()
            .copied()
            .filter(|l| tree.keys().any(|p| p.starts_with(&format!("{l}/"))))
            .collect();
        for (path, bytes) in &tree {
            let text = String::from_utf8_lossy(bytes);
            if let Some(id) = path
                .strip_suffix(".csv")
                .and_then(|p| p.split_once("/stats/"))
                .map(|(_, id)| id)
            {
                if let Some(table) = by_id.get(id) {
                    attack.read_csv(path, &text, table, &lines[id]);
                    *attack.read.entry("csv").or_default() += 1;
                }
            } else if path.ends_with(".html") {
                for (said, tables) in attack.read_page(path, &text, &by_id, &lines) {
                    deferred.push((path.clone(), said, tables));
                }
                *attack.read.entry("html").or_default() += 1;
            } else if path.ends_with(".svg") {
                deferred.push((path.clone(), sentence_claims(&text_of(&text)), Vec::new()));
                *attack.read.entry("svg").or_default() += 1;
            } else if path.ends_with(".pdf") {
                let Some(text) = pdf_text(&public.join(path)) else {
                    continue;
                };
                deferred.push((path.clone(), sentence_claims(&text), Vec::new()));
                *attack.read.entry("pdf").or_default() += 1;
            }
        }
        // Page text, once every published figure is known.
        for (path, said, tables) in deferred {
            attack.link(&path, &said, &tables, &all);
        }
        assert!(languages.len() >= 3, "languages found: {languages:?}");
        attack
    }

    /// One HTML page: its statistics tables and charts; returns what its text says, section by
    /// section (between headings), with the tables shown in the same section.
    fn read_page(
        &mut self,
        path: &str,
        html: &str,
        by_id: &BTreeMap<&str, &Table>,
        lines: &BTreeMap<String, Vec<Vec<usize>>>,
    ) -> Vec<(Said, Vec<Shown>)> {
        let mut headings: Vec<usize> = ["<h1", "<h2", "<h3"]
            .iter()
            .flat_map(|h| html.match_indices(h).map(|(at, _)| at))
            .collect();
        headings.push(0);
        headings.push(html.len());
        headings.sort_unstable();
        headings.dedup();
        let section = |at: usize| headings.partition_point(|&h| h <= at) - 1;
        let mut shown: Vec<Vec<Shown>> = vec![Vec::new(); headings.len()];
        let title = elements(html, "h1")
            .first()
            .map(|(_, h)| stems(&text_of(h)))
            .unwrap_or_default();
        // Byte ranges that are not page text.
        let mut cut: Vec<(usize, usize)> = Vec::new();
        for (at, table) in elements(html, "table") {
            // Any other table is page text.
            if let Some(t) = dataset_in(table, by_id) {
                self.read_html_table(path, table, t, &lines[&t.id]);
                // The topic of each slot: its column header and the caption.
                let caption = elements(table, "caption")
                    .first()
                    .map(|(_, c)| stems(&text_of(c)))
                    .unwrap_or_default();
                let headers: Vec<String> = elements(table, "tr")
                    .first()
                    .map(|(_, tr)| {
                        elements(tr, "th")
                            .iter()
                            .map(|(_, th)| text_of(th))
                            .collect()
                    })
                    .unwrap_or_default();
                let topics = (0..=t.categories.len())
                    .map(|slot| {
                        let mut topic = caption.clone();
                        if headers.len() == t.categories.len() + 2 {
                            topic.extend(stems(&headers[slot + 1]));
                        }
                        topic
                    })
                    .collect();
                let rows: Vec<BTreeSet<String>> = elements(table, "tr")
                    .into_iter()
                    .filter(|(_, tr)| tr.contains("<td"))
                    .map(|(_, tr)| {
                        elements(tr, "th")
                            .first()
                            .map(|(_, th)| stems(&text_of(th)))
                            .unwrap_or_default()
                    })
                    .collect();
                shown[section(at)].push((t.id.clone(), topics, rows, title.clone()));
                cut.push((at, at + table.len()));
            }
        }
        for (at, svg) in elements(html, "svg") {
            if let Some(t) = dataset_in(svg, by_id) {
                // Every number in a chart is a figure of its table (or of its footnote).
                let published: Vec<f64> = self.figures_of[&t.id]
                    .iter()
                    .filter_map(|&(f, _)| self.known[f])
                    .collect();
                // Each <text> on its own: "North — People: 1,648" and "737 (44.7%)" are two
                // labels, not the number 1 648 737 with a space between its groups.
                let pieces: Vec<String> = elements(svg, "text")
                    .into_iter()
                    .map(|(_, piece)| text_of(piece))
                    .collect();
                for (value, decimals, _) in pieces.iter().flat_map(|p| numbers(p)) {
                    let in_table = published.iter().any(|p| (p - value).abs() < 1e-9);
                    let share = decimals > 0 || value <= 100.0;
                    if !in_table && !share {
                        self.problems
                            .push(format!("{path}: the chart of `{}` shows {value}", t.id));
                    }
                }
            }
            cut.push((at, at + svg.len()));
        }
        for tag in ["script", "style", "head"] {
            for (at, element) in elements(html, tag) {
                cut.push((at, at + element.len()));
            }
        }
        cut.sort_unstable();
        let mut out = Vec::new();
        for (s, window) in headings.windows(2).enumerate() {
            let (from, to) = (window[0], window[1]);
            let mut prose = String::new();
            let mut at = from;
            for &(a, b) in &cut {
                if b <= at || a >= to {
                    continue;
                }
                if a > at {
                    prose.push_str(&html[at..a]);
                }
                prose.push(' ');
                at = at.max(b);
            }
            if at < to {
                prose.push_str(&html[at..to]);
            }
            out.push((sentence_claims(&text_of(&prose)), shown[s].clone()));
        }
        out
    }

    /// The figures some published file hides: (figure, lower bound). A hidden figure that is
    /// not zero is at least 1 (zeros are shown, and the attacker knows the rules).
    fn hidden_figures(&self) -> Vec<usize> {
        (0..self.keys.len())
            .filter(|&f| self.known[f].is_none() && self.hidden[f])
            .collect()
    }

    /// The hidden figures connected to `f` through relations, and those relations.
    fn component(&self, f: usize, index: &[Vec<usize>]) -> (Vec<usize>, Vec<usize>) {
        let mut figures = BTreeSet::from([f]);
        let mut relations = BTreeSet::new();
        let mut queue = vec![f];
        while let Some(g) = queue.pop() {
            for &r in &index[g] {
                if !relations.insert(r) {
                    continue;
                }
                for &(h, _) in &self.relations[r].0 {
                    if self.known[h].is_none() && figures.insert(h) {
                        queue.push(h);
                    }
                }
            }
        }
        (
            figures.into_iter().collect(),
            relations.into_iter().collect(),
        )
    }

    /// The smallest and largest value of figure `f` (`None` = unbounded above).
    fn range(&self, f: usize, index: &[Vec<usize>]) -> Result<(f64, Option<f64>), String> {
        let (figures, relations) = self.component(f, index);
        let best = |maximise: bool| {
            let mut vars = ProblemVariables::new();
            let xs: BTreeMap<usize, Variable> = figures
                .iter()
                .map(|&g| {
                    let low = if self.truth[g] > 0.0 { 1.0 } else { 0.0 };
                    (g, vars.add(variable().integer().min(low).max(100_000.0)))
                })
                .collect();
            let linear = |terms: &[(usize, f64)]| {
                let mut e = Expression::with_capacity(terms.len());
                for &(g, c) in terms {
                    match (xs.get(&g), self.known[g]) {
                        (Some(x), _) => e.add_mul(c, *x),
                        (None, Some(v)) => e += c * v,
                        (None, None) => unreachable!("{}", self.keys[g]),
                    }
                }
                e
            };
            let objective = linear(&[(f, 1.0)]);
            let mut problem = if maximise {
                vars.maximise(objective.clone())
            } else {
                vars.minimise(objective.clone())
            }
            .using(microlp);
            for &r in &relations {
                let (terms, constant, equal) = &self.relations[r];
                let e = linear(terms);
                problem = problem.with(if *equal {
                    e.eq(*constant)
                } else {
                    e.leq(*constant)
                });
            }
            problem
                .solve()
                .map(|s| s.eval(&objective))
                .map_err(|e| format!("{}: {e}", self.keys[f]))
        };
        let min = best(false)?;
        let max = best(true)?;
        Ok((min, (max < 50_000.0).then_some(max)))
    }

    /// Every hidden figure's range; the ones narrower than `width` as "key: [min, max]".
    fn narrowed(&self, width: f64) -> (usize, Vec<String>) {
        let hidden = self.hidden_figures();
        let mut index: Vec<Vec<usize>> = vec![Vec::new(); self.keys.len()];
        for (r, (terms, _, _)) in self.relations.iter().enumerate() {
            for &(g, _) in terms {
                if index[g].last() != Some(&r) {
                    index[g].push(r);
                }
            }
        }
        let mut found = Vec::new();
        for &f in &hidden {
            match self.range(f, &index) {
                Ok((min, Some(max))) if max - min < width - 1e-6 => {
                    found.push(format!("{}: [{min}, {max}]", self.keys[f]));
                }
                Ok((min, max)) => {
                    let truth = self.truth[f];
                    assert!(
                        truth.is_nan()
                            || min <= truth + 1e-6 && max.is_none_or(|m| truth <= m + 1e-6),
                        "{}: the truth is outside [{min}, {max:?}]: the attacker is wrong",
                        self.keys[f]
                    );
                }
                Err(e) => panic!("the attacker's program has no solution: {e}"),
            }
        }
        (hidden.len(), found)
    }

    fn assert_consistent(&self) {
        assert!(self.problems.is_empty(), "{}", self.problems.join("\n"));
    }
}

/// The text of a PDF, with poppler's `pdftotext`; `None` (and a line saying so) without it.
fn pdf_text(path: &Path) -> Option<String> {
    let out = Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(path)
        .arg("-")
        .output();
    match out {
        Ok(out) if out.status.success() => Some(String::from_utf8_lossy(&out.stdout).into_owned()),
        Ok(out) => panic!(
            "pdftotext failed on {}: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(_) => {
            println!(
                "skipped: PDF text of {}: pdftotext is not installed",
                path.display()
            );
            None
        }
    }
}

/// No published file says why a particular cell is hidden.
fn assert_no_cell_notes(public: &Path) {
    for (path, bytes) in SiteTest::tree(public) {
        let text = String::from_utf8_lossy(&bytes);
        for note in [
            "hidden cell in row",
            "`[stats] min_count`",
            "would reveal a group",
            "`[stats] protection`",
        ] {
            assert!(
                !text.contains(note),
                "{path} contains the note text {note:?}"
            );
        }
    }
}

#[test]
fn the_attacker_reads_numbers_and_claims_in_every_language() {
    let n = |t: &str| numbers(t).iter().map(|n| (n.0, n.1)).collect::<Vec<_>>();
    assert_eq!(n("1,648"), vec![(1648.0, 0)]);
    assert_eq!(n("1.648 και 60,0 %"), vec![(1648.0, 0), (60.0, 1)]);
    assert_eq!(n("1\u{202f}500 (52.5%)"), vec![(1500.0, 0), (52.5, 1)]);
    assert_eq!(n("ERASMUS2020 11 of 15"), vec![(11.0, 0), (15.0, 0)]);
    let c = claims("Every woman surveyed would recommend it; 3 women found work, 11 of 15 answered, and 73.3% said yes. Tre donne.");
    assert!(c.contains(&Claim::Universal), "{c:?}");
    for claim in [
        Claim::Count(3),
        Claim::Count(11),
        Claim::Count(15),
        Claim::Percent(73.3, 1),
    ] {
        assert!(c.contains(&claim), "{claim:?} in {c:?}");
    }
    assert!(claims("όλες οι γυναίκες, δύο γυναίκες").contains(&Claim::Count(2)));
    assert!(claims("в 2021 година").is_empty());
}

#[test]
fn the_default_site_gives_an_attacker_no_narrow_range() {
    let site = SiteTest::default_site();
    site.build().assert_ok();
    let started = std::time::Instant::now();
    let attack = Attack::read(site.root(), &site.public());
    attack.assert_consistent();
    for kind in ["csv", "html", "pdf"] {
        assert!(
            attack.read.get(kind).copied().unwrap_or(0) >= 6,
            "{kind}: {:?}",
            attack.read
        );
    }
    let (hidden, narrowed) = attack.narrowed(5.0);
    println!(
        "attacker: read {:?}, {} hidden figures, {} page-text links, {:?}",
        attack.read,
        hidden,
        attack.links.len(),
        started.elapsed()
    );
    for link in &attack.links {
        println!("  {link}");
    }
    assert!(hidden > 10, "the WIN figures hide something: {hidden}");
    assert!(narrowed.is_empty(), "narrowed:\n{}", narrowed.join("\n"));
    assert_no_cell_notes(&site.public());
}

/// Labels the adversarial tables use, in each language of the `stats` fixture.
const LABELS: &str = "\nstats-x-a = Would recommend\nstats-x-b = Had a job\nstats-x-c = On a course\nstats-x-all = All\nstats-x-ita = Italy\nstats-x-esp = Spain\n";

fn header(id: &str, population: &str, extra: &str) -> String {
    format!(
        "id = \"{id}\"\ntitle = \"stats-t-title\"\nsource = \"stats-t-source\"\nreference_date = 2021-09-20\n\
         row_label = \"stats-t-row\"\ntotal_label = \"stats-t-total\"\npopulation = \"{population}\"\n{extra}\n"
    )
}

fn category(id: &str, extra: &str) -> String {
    format!("\n[[category]]\nid = \"{id}\"\nlabel = \"stats-x-{id}\"\n{extra}")
}

fn row(id: &str, label: &str, total: u32, counts: &str, extra: &str) -> String {
    format!("\n[[row]]\nid = \"{id}\"\nlabel = \"{label}\"\ntotal = {total}\ncounts = {{ {counts} }}\n{extra}")
}

/// Adversarial tables, written here and not derived from ponte's rules: a sum and a difference
/// in two tables; three pairwise sums; a total pinned from below by a 100 % count and from above
/// by an `of` column; a zero column total; percentages; a row hierarchy (`sum_of`) and a
/// table-level one (`[hierarchy]`, countries in one table, all countries in another); the same
/// women under another row id (`ita` and `italy`).
fn adversarial_site(page_text: &str) -> SiteTest {
    let site = SiteTest::fixture("stats");
    site.edit("ponte.toml", "min_count = 1000", "min_count = 5");
    for lang in ["en", "it", "el"] {
        let path = format!("locales/{lang}/stats.ftl");
        let text = site.read_source(&path) + LABELS;
        site.write(&path, text);
    }
    // x = 3, y = 10: table `sum` shows x + y, table `diff` has y as its total, split into x and
    // y - x.
    let sum = header("sum", "s", "exhaustive = true")
        + &category("a", "population = \"x\"\n")
        + &category("b", "population = \"y\"\n")
        + &row("north", "stats-t-north", 13, "a = 3, b = 10", "");
    let diff = header("diff", "y", "exhaustive = true")
        + &category("a", "population = \"x\"\n")
        + &category("b", "")
        + &row("north", "stats-t-north", 10, "a = 3, b = 7", "");
    // Three tables: x + y, y + z, x + z (x = 2, y = 9, z = 11).
    for (id, p, q, a, b) in [
        ("xy", "px", "py", 2, 9),
        ("yz", "py", "pz", 9, 11),
        ("xz", "px", "pz", 2, 11),
    ] {
        let text = header(id, &format!("t{id}"), "exhaustive = true")
            + &category("a", &format!("population = \"{p}\"\n"))
            + &category("b", &format!("population = \"{q}\"\n"))
            + &row(
                "north",
                "stats-t-north",
                a + b,
                &format!("a = {a}, b = {b}"),
                "",
            );
        site.write(&format!("content/stats/{id}.toml"), &text);
    }
    // Pinned: 15 with a plan, 11 answered (of), and in the survey every one of the 11 said yes.
    let plans = header("plans", "women", "")
        + &category("a", "population = \"answered\"\n")
        + &row("north", "stats-t-north", 15, "a = 11", "")
        + &row("south", "stats-t-south", 40, "a = 30", "");
    let survey = header("survey", "answered", "")
        + &category("a", "")
        + &row("north", "stats-t-north", 11, "a = 11", "")
        + &row("south", "stats-t-south", 30, "a = 22", "");
    // Zeros and a column total: the 3 hides its row; the zero beside it must not be pinned
    // by a column total of 0.
    let zeros = header("zeros", "z", "exhaustive = true\ncolumn_totals = true")
        + &category("a", "")
        + &category("b", "")
        + &row("north", "stats-t-north", 3, "a = 3, b = 0", "")
        + &row("south", "stats-t-south", 20, "a = 20, b = 0", "");
    // Percentages of an `of` column.
    let shares = header("shares", "h", "")
        + &category("a", "")
        + &category("b", "of = \"a\"\n")
        + &row("north", "stats-t-north", 40, "a = 30, b = 27", "")
        + &row("south", "stats-t-south", 50, "a = 8, b = 8", "");
    // A row hierarchy: all = north + south.
    let hierarchy = header("hierarchy", "k", "exhaustive = true")
        + &category("a", "")
        + &category("b", "")
        + &row("north", "stats-t-north", 12, "a = 2, b = 10", "")
        + &row("south", "stats-t-south", 30, "a = 14, b = 16", "")
        + &row(
            "all",
            "stats-x-all",
            42,
            "a = 16, b = 26",
            "sum_of = [\"north\", \"south\"]\n",
        );
    // A table-level hierarchy: the countries in one table, all countries in another; Italy's
    // 7 with a job would be all − Spain.
    let countries = header(
        "countries",
        "w",
        "\n[hierarchy]\nall = [\"italy\", \"spain\"]\n",
    ) + &category("a", "population = \"w-job\"\n")
        + &row("italy", "stats-x-ita", 9, "a = 3", "")
        + &row("spain", "stats-x-esp", 30, "a = 20", "");
    let everyone = header("everyone", "w", "")
        + &category("a", "population = \"w-job\"\n")
        + &row("all", "stats-x-all", 39, "a = 23", "");
    // The same 15 women as `plans`/north, under another row id and population.
    let renamed = header("renamed", "people", "")
        + &category("c", "")
        + &row("nord", "stats-t-north", 15, "c = 12", "");
    for (id, text) in [
        ("sum", &sum),
        ("diff", &diff),
        ("plans", &plans),
        ("survey", &survey),
        ("zeros", &zeros),
        ("shares", &shares),
        ("hierarchy", &hierarchy),
        ("countries", &countries),
        ("everyone", &everyone),
        ("renamed", &renamed),
    ] {
        site.write(&format!("content/stats/{id}.toml"), text);
    }
    let ids = [
        "placements",
        "sum",
        "diff",
        "xy",
        "yz",
        "xz",
        "plans",
        "survey",
        "zeros",
        "shares",
        "hierarchy",
        "countries",
        "everyone",
        "renamed",
    ];
    for lang in ["en", "it", "el"] {
        let path = format!("content/results.{lang}.md");
        let mut text = site.read_source(&path);
        text.push_str(&format!("\n{page_text}\n"));
        for id in ids {
            text.push_str(&format!("\n{{{{ stats(id=\"{id}\", view=\"both\") }}}}\n"));
        }
        site.write(&path, text);
    }
    site
}

#[test]
fn adversarial_tables_give_an_attacker_no_narrow_range() {
    let site = adversarial_site("The figures of the project, in tables.");
    let run = site.build();
    run.assert_ok();
    // The renamed row is reported, naming both places.
    assert!(
        run.stderr
            .contains("row `nord` of `renamed` looks like row `north` of `plans`")
            || run
                .stderr
                .contains("row `north` of `plans` looks like row `nord` of `renamed`"),
        "{}",
        run.stderr
    );
    let attack = Attack::read(site.root(), &site.public());
    attack.assert_consistent();
    assert!(attack.read["csv"] >= 14 * 3, "{:?}", attack.read);
    let (hidden, narrowed) = attack.narrowed(5.0);
    assert!(hidden >= 12, "hidden figures: {hidden}");
    assert!(narrowed.is_empty(), "narrowed:\n{}", narrowed.join("\n"));
    assert_no_cell_notes(&site.public());
}

#[test]
fn a_universal_statement_or_a_typed_figure_is_found_by_the_attacker_and_the_lint() {
    // Every one of the 11 in the north would recommend it (the survey table); and a typed "3
    // women", the figure `sum` hides.
    for (sentence, warning) in [
        (
            "Every woman surveyed in the north would recommend the project.",
            "every member",
        ),
        (
            "In the north, 3 women would recommend the project.",
            "a number below 5 next to a word for people",
        ),
    ] {
        let site = adversarial_site(sentence);
        let run = site.build();
        run.assert_ok();
        let lint: Vec<&str> = run
            .stderr
            .lines()
            .filter(|l| l.contains("content/results.en.md"))
            .collect();
        assert!(
            !lint.is_empty() && run.stderr.contains(warning),
            "the lint says nothing about {sentence:?}:\n{}",
            run.stderr
        );
        let attack = Attack::read(site.root(), &site.public());
        attack.assert_consistent();
        assert!(!attack.links.is_empty(), "{sentence:?} linked to nothing");
        let (_, narrowed) = attack.narrowed(5.0);
        assert!(
            !narrowed.is_empty(),
            "the attacker learnt nothing from {sentence:?}: {:?}",
            attack.links
        );
    }
}

#[test]
fn the_same_rows_under_two_names_are_flagged_and_protected_once_linked() {
    let site = adversarial_site("");
    site.edit(
        "content/stats/renamed.toml",
        "id = \"nord\"",
        "id = \"north\"",
    );
    site.edit(
        "content/stats/renamed.toml",
        "population = \"people\"",
        "population = \"women\"",
    );
    let run = site.build();
    run.assert_ok();
    assert!(
        !run.stderr
            .lines()
            .any(|l| l.contains("looks like") && l.contains("`renamed`")),
        "{}",
        run.stderr
    );
    let attack = Attack::read(site.root(), &site.public());
    attack.assert_consistent();
    let (_, narrowed) = attack.narrowed(5.0);
    assert!(narrowed.is_empty(), "narrowed:\n{}", narrowed.join("\n"));
}
