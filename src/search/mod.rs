//! The search index: every page's words, stemmed per language, for the search box in each
//! page's header (themes/default/static/js/search.js).
//!
//! In: one [`Document`] per page (language, address, title, text or HTML). Out: one
//! [`File`] per language, `search/LANG.json`, to publish beside the pages. Nothing here
//! knows about the site, the renderer or the disk.
//!
//! A language's index holds its pages (address, title, a short excerpt), each stem with the
//! pages that contain it (weighted: a word of the title counts more than one of the text),
//! and every word form of the language's pages that does not read as its own stem, mapped to
//! its stem. The script in the browser therefore never stems: it folds the typed word the
//! same way ([`fold`]: lower case, accents removed, final sigma as sigma), looks the form up,
//! and for a form that no page has, matches stems by prefix. Stemming in Rust and lookup in
//! the script cannot disagree, since the script is given every stem the build made.
pub mod stem;
pub mod text;

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::Serialize;

pub use text::{fold, plain_text};

/// The version of the index format, read by the script.
pub const FORMAT: u32 = 1;

/// How many characters an excerpt keeps at most.
pub const EXCERPT_CHARS: usize = 180;

/// How much more a word of the title counts than a word of the text.
const TITLE_WEIGHT: u32 = 10;

/// A page's text, as plain text or as HTML (tags removed here).
#[derive(Debug, Clone, Copy)]
pub enum Body<'a> {
    Text(&'a str),
    Html(&'a str),
}

/// One page to index.
#[derive(Debug, Clone, Copy)]
pub struct Document<'a> {
    /// The language code (`en`, `el`, `bg`…): each language gets an index of its own.
    pub lang: &'a str,
    /// The page's root-relative address (`/el/about/`).
    pub url: &'a str,
    pub title: &'a str,
    /// Shown under the title in the results instead of the text's first words.
    pub description: Option<&'a str>,
    pub body: Body<'a>,
}

/// A file to publish: its path under the output folder and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The path of a language's index under the output folder.
pub fn index_path(lang: &str) -> String {
    format!("search/{lang}.json")
}

/// The index of every language that has documents, one file each, sorted by language.
pub fn index(documents: &[Document<'_>]) -> Vec<File> {
    let words: Vec<PageWords> = documents
        .par_iter()
        .map(|d| PageWords::new(d.title, d.description, d.body))
        .collect();
    let entries: Vec<Entry> = documents
        .iter()
        .zip(&words)
        .map(|(d, words)| Entry {
            lang: d.lang,
            url: d.url,
            title: d.title,
            words,
        })
        .collect();
    index_words(&entries)
}

/// One page's words, counted, and its excerpt: all the index needs of a page. A build makes
/// it while it renders the page, so that no page's body is kept until the index is made
/// (on a site of 10,000 pages, the bodies and the word counts of a whole language took
/// about 100 MB).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageWords {
    /// The page's distinct lower-case word forms, each followed by a space (a word never
    /// holds one).
    forms: Box<str>,
    /// How often each form occurs, in the order of `forms` (a word of the title counts
    /// [`TITLE_WEIGHT`] times).
    counts: Box<[u32]>,
    excerpt: Box<str>,
}

impl PageWords {
    /// The words of a page with this title, description and body.
    pub fn new(title: &str, description: Option<&str>, body: Body<'_>) -> PageWords {
        let owned;
        let text = match body {
            Body::Text(t) => t,
            Body::Html(h) => {
                owned = plain_text(h);
                &owned
            }
        };
        // Words are counted as written first: a page repeats most of its words, and only
        // distinct ones are lowered.
        let mut written: HashMap<&str, u32> = HashMap::new();
        for word in text::words(text) {
            *written.entry(word).or_default() += 1;
        }
        for word in text::words(title) {
            *written.entry(word).or_default() += TITLE_WEIGHT;
        }
        let mut counts: HashMap<String, u32> = HashMap::with_capacity(written.len());
        for (word, n) in written {
            let lower = if word.chars().any(|c| !c.to_lowercase().eq([c])) {
                word.to_lowercase()
            } else {
                word.to_string()
            };
            *counts.entry(lower).or_default() += n;
        }
        let mut forms = String::with_capacity(counts.keys().map(|f| f.len() + 1).sum());
        let mut numbers = Vec::with_capacity(counts.len());
        for (form, n) in counts {
            forms.push_str(&form);
            forms.push(' ');
            numbers.push(n);
        }
        PageWords {
            forms: forms.into_boxed_str(),
            counts: numbers.into_boxed_slice(),
            excerpt: text::excerpt(description.unwrap_or(text), EXCERPT_CHARS).into_boxed_str(),
        }
    }

    /// Each distinct lower-case form with how often it occurs.
    fn counted(&self) -> impl Iterator<Item = (&str, u32)> {
        self.forms
            .split_terminator(' ')
            .zip(self.counts.iter().copied())
    }
}

/// One page to index from its [`PageWords`].
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    pub lang: &'a str,
    pub url: &'a str,
    pub title: &'a str,
    pub words: &'a PageWords,
}

/// [`index`] from pages whose words are counted already.
pub fn index_words(entries: &[Entry<'_>]) -> Vec<File> {
    let mut by_lang: BTreeMap<&str, Vec<&Entry>> = BTreeMap::new();
    for e in entries {
        by_lang.entry(e.lang).or_default().push(e);
    }
    by_lang
        .into_par_iter()
        .map(|(lang, pages)| File {
            path: index_path(lang),
            bytes: language_index(lang, &pages),
        })
        .collect()
}

/// What `search/LANG.json` holds.
#[derive(Serialize)]
struct Index<'a> {
    version: u32,
    lang: &'a str,
    /// Whether the words of this language are stemmed (else only folded).
    stemmed: bool,
    /// [address without the leading `/`, title, excerpt], by page number.
    pages: Vec<(&'a str, &'a str, &'a str)>,
    /// Stem → [page, weight, page, weight…], pages in order.
    stems: BTreeMap<&'a str, &'a Vec<u32>>,
    /// Folded word form → its stem (a list when forms that fold alike have other stems),
    /// for every form whose folded spelling is not a stem itself.
    words: BTreeMap<String, Forms>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Forms {
    One(String),
    Many(Vec<String>),
}

/// One language's index as JSON.
fn language_index(lang: &str, pages: &[&Entry<'_>]) -> Vec<u8> {
    let stemmer = stem::Stemmer::for_language(lang);
    // Every distinct form is stemmed once; stems are numbered.
    let mut stem_of: HashMap<&str, usize> = HashMap::new();
    let mut stem_ids: HashMap<String, usize> = HashMap::new();
    let mut stem_names: Vec<String> = Vec::new();
    for page in pages {
        for (form, _) in page.words.counted() {
            if !stem_of.contains_key(form) {
                let stem = stemmer.stem(form);
                let id = *stem_ids.entry(stem.clone()).or_insert_with(|| {
                    stem_names.push(stem);
                    stem_names.len() - 1
                });
                stem_of.insert(form, id);
            }
        }
    }
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); stem_names.len()];
    for (number, page) in pages.iter().enumerate() {
        let mut weights: HashMap<usize, u32> = HashMap::with_capacity(page.words.counts.len());
        for (form, n) in page.words.counted() {
            *weights.entry(stem_of[form]).or_default() += n;
        }
        for (stem, weight) in weights {
            // Pages are visited in order: each list stays sorted by page.
            postings[stem].push(number as u32);
            postings[stem].push(weight);
        }
    }
    let stems: BTreeMap<&str, &Vec<u32>> = stem_names
        .iter()
        .map(String::as_str)
        .zip(&postings)
        .collect();
    let mut words: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (form, &id) in &stem_of {
        let stem = &stem_names[id];
        let key = fold(form);
        let list = words.entry(key).or_default();
        if !list.contains(stem) {
            list.push(stem.clone());
        }
    }
    // A form that folds to its own stem needs no entry (unless other forms fold alike).
    let words = words
        .into_iter()
        .filter(|(k, v)| !(v.len() == 1 && &v[0] == k))
        .map(|(k, mut v)| {
            v.sort();
            let forms = if v.len() == 1 {
                Forms::One(v.remove(0))
            } else {
                Forms::Many(v)
            };
            (k, forms)
        })
        .collect();
    let index = Index {
        version: FORMAT,
        lang,
        stemmed: stemmer.stems(),
        pages: pages
            .iter()
            .map(|p| (p.url.trim_start_matches('/'), p.title, &*p.words.excerpt))
            .collect(),
        stems,
        words,
    };
    serde_json::to_vec(&index).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc<'a>(lang: &'a str, url: &'a str, title: &'a str, html: &'a str) -> Document<'a> {
        Document {
            lang,
            url,
            title,
            description: None,
            body: Body::Html(html),
        }
    }

    fn parsed(files: &[File], lang: &str) -> serde_json::Value {
        let f = files
            .iter()
            .find(|f| f.path == index_path(lang))
            .expect("an index for the language");
        serde_json::from_slice(&f.bytes).unwrap()
    }

    #[test]
    fn a_greek_genitive_and_nominative_share_a_stem() {
        let files = index(&[
            doc("el", "/el/a/", "Α", "<p>Οι γυναίκες μιλούν.</p>"),
            doc("el", "/el/b/", "Β", "<p>Η φωνή των γυναικών.</p>"),
            doc("en", "/en/a/", "A", "<p>Women speak.</p>"),
        ]);
        assert_eq!(files.len(), 2);
        let el = parsed(&files, "el");
        assert_eq!(el["words"]["γυναικεσ"], "γυναικ");
        assert_eq!(el["words"]["γυναικων"], "γυναικ");
        assert_eq!(el["stems"]["γυναικ"], serde_json::json!([0, 1, 1, 1]));
        assert_eq!(el["pages"][1][0], "el/b/");
    }

    #[test]
    fn title_words_weigh_more_and_output_is_reproducible() {
        let docs = [
            doc("en", "/en/a/", "Training", "<p>training</p>"),
            doc("en", "/en/b/", "Other", "<p>training <b>courses</b></p>"),
        ];
        let a = index(&docs);
        assert_eq!(a, index(&docs));
        let en = parsed(&a, "en");
        assert_eq!(en["stems"]["train"], serde_json::json!([0, 11, 1, 1]));
        assert_eq!(en["words"]["courses"], "cours");
    }

    #[test]
    fn excerpts_prefer_the_description() {
        let mut d = doc("fr", "/fr/", "Accueil", "<p>Texte de la page.</p>");
        d.description = Some("Résumé court.");
        let fr = parsed(&index(&[d]), "fr");
        assert_eq!(fr["pages"][0][2], "Résumé court.");
    }
}
