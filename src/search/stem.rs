//! Stemmers by language: Snowball (the `rust-stemmers` crate) where Snowball has the language,
//! a light stemmer for Bulgarian (Snowball has none), and no stemming for other languages.
//!
//! The Bulgarian stemmer follows Jacques Savoy's light stemmer ("Searching strategies for the
//! Bulgarian language", Information Retrieval 10, 2007; the one Lucene's Bulgarian analyzer
//! uses): it removes the definite article (`-ът`, `-ят`, `-то`, `-та`, `-те`, `-ия`, `-ият`),
//! then plural endings (`-ове`, `-ища`, `-и`…, restoring the consonant that the plural changed:
//! `-ци` → `-к`, `-зи` → `-г`, `-си` → `-х`), then a final vowel, and a mobile `ъ`/`е`. It makes
//! `жертва`, `жертви`, `жертвите` and `жертвата` one stem; it does not know irregular forms.
use rust_stemmers::{Algorithm, Stemmer as Snowball};

/// How one language's words are stemmed.
pub enum Stemmer {
    Snowball(Snowball),
    Bulgarian,
    None,
}

impl Stemmer {
    /// The stemmer for a BCP 47 language code (`el`, `pt-BR`: only the language is read).
    pub fn for_language(code: &str) -> Stemmer {
        let language = code
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let algorithm = match language.as_str() {
            "ar" => Algorithm::Arabic,
            "da" => Algorithm::Danish,
            "nl" => Algorithm::Dutch,
            "en" => Algorithm::English,
            "fi" => Algorithm::Finnish,
            "fr" => Algorithm::French,
            "de" => Algorithm::German,
            "el" => Algorithm::Greek,
            "hu" => Algorithm::Hungarian,
            "it" => Algorithm::Italian,
            "no" | "nb" | "nn" => Algorithm::Norwegian,
            "pt" => Algorithm::Portuguese,
            "ro" => Algorithm::Romanian,
            "ru" => Algorithm::Russian,
            "es" => Algorithm::Spanish,
            "sv" => Algorithm::Swedish,
            "ta" => Algorithm::Tamil,
            "tr" => Algorithm::Turkish,
            "bg" => return Stemmer::Bulgarian,
            _ => return Stemmer::None,
        };
        Stemmer::Snowball(Snowball::create(algorithm))
    }

    /// Whether words are stemmed at all.
    pub fn stems(&self) -> bool {
        !matches!(self, Stemmer::None)
    }

    /// The stem of a lower-case word. Stems are folded ([`super::fold`]) where the
    /// algorithm keeps accents only for itself: a Greek stem has none.
    pub fn stem(&self, word: &str) -> String {
        match self {
            Stemmer::Snowball(s) => s.stem(word).into_owned(),
            Stemmer::Bulgarian => bulgarian(word),
            Stemmer::None => super::fold(word),
        }
    }
}

/// Savoy's light stemmer for Bulgarian, on a lower-case word.
pub fn bulgarian(word: &str) -> String {
    let mut w: Vec<char> = word.chars().collect();
    if w.len() < 4 {
        return word.to_string();
    }
    if w.len() > 5 && ends(&w, "ища") {
        w.truncate(w.len() - 3);
        return w.into_iter().collect();
    }
    article(&mut w);
    plural(&mut w);
    if w.len() > 3 {
        if ends(&w, "я") {
            w.pop();
        }
        if ends(&w, "а") || ends(&w, "о") || ends(&w, "е") {
            w.pop();
        }
    }
    // A mobile vowel before the last consonant: `-ен` → `-н`, `-ъN` → `-N`.
    if w.len() > 4 && ends(&w, "ен") {
        let n = w.len();
        w[n - 2] = 'н';
        w.pop();
    }
    if w.len() > 5 && w[w.len() - 2] == 'ъ' {
        let n = w.len();
        w[n - 2] = w[n - 1];
        w.pop();
    }
    w.into_iter().collect()
}

fn ends(w: &[char], suffix: &str) -> bool {
    let s: Vec<char> = suffix.chars().collect();
    w.len() >= s.len() && w[w.len() - s.len()..] == s[..]
}

/// The definite article.
fn article(w: &mut Vec<char>) {
    let n = w.len();
    let cut = if n > 6 && ends(w, "ият") {
        3
    } else if (n > 5 && ["ът", "то", "те", "та", "ия"].iter().any(|s| ends(w, s)))
        || (n > 4 && ends(w, "ят"))
    {
        2
    } else {
        0
    };
    w.truncate(n - cut);
}

/// Plural endings, restoring the consonant a plural changes.
fn plural(w: &mut Vec<char>) {
    let n = w.len();
    if n > 6 {
        if ends(w, "овци") || ends(w, "ове") {
            // `-овци` keeps its `о`: `-о` (as in the singular) is left.
            w.truncate(n - 3);
            return;
        }
        if ends(w, "еве") {
            w[n - 3] = 'й';
            w.truncate(n - 2);
            return;
        }
    }
    if n > 5 {
        if ends(w, "ища") {
            w.truncate(n - 3);
            return;
        }
        if ends(w, "та") {
            w.truncate(n - 2);
            return;
        }
        if ends(w, "ци") {
            w[n - 2] = 'к';
            w.truncate(n - 1);
            return;
        }
        if ends(w, "зи") {
            w[n - 2] = 'г';
            w.truncate(n - 1);
            return;
        }
        if w[n - 3] == 'е' && w[n - 1] == 'и' {
            w[n - 3] = 'я';
            w.truncate(n - 1);
            return;
        }
    }
    if n > 4 {
        if ends(w, "си") {
            w[n - 2] = 'х';
            w.truncate(n - 1);
        } else if ends(w, "и") {
            w.truncate(n - 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stem(lang: &str, word: &str) -> String {
        Stemmer::for_language(lang).stem(word)
    }

    #[test]
    fn greek_cases_share_a_stem() {
        let s = stem("el", "γυναίκα");
        assert_eq!(s, "γυναικ");
        for w in ["γυναίκες", "γυναικών", "γυναικων", "γυναικός"] {
            assert_eq!(stem("el", w), s, "{w}");
        }
    }

    #[test]
    fn the_other_languages_of_the_default_site() {
        assert_eq!(stem("en", "survivors"), stem("en", "survivor"));
        assert_eq!(stem("it", "donne"), stem("it", "donna"));
        assert_eq!(stem("es", "mujeres"), "mujer");
        assert_eq!(stem("fr", "femmes"), stem("fr", "femme"));
        assert_eq!(stem("pt-BR", "mulheres"), stem("pt", "mulheres"));
        assert_eq!(stem("xx", "Ürün"), "urun");
    }

    #[test]
    fn bulgarian_articles_and_plurals() {
        for w in ["жертва", "жертви", "жертвите", "жертвата"] {
            assert_eq!(bulgarian(w), "жертв", "{w}");
        }
        assert_eq!(bulgarian("градовете"), "град");
        assert_eq!(bulgarian("ден"), "ден");
    }
}
