//! Which script a language is written in (CLDR likely subtags: `bg` → Cyrillic) and which
//! script a text is mostly written in (Unicode script property), to tell a Bulgarian page
//! that still holds English text.
use icu_locale::LocaleExpander;
use icu_locale_core::LanguageIdentifier;
use icu_properties::props::Script;
use icu_properties::{CodePointMapData, PropertyNamesLong};

/// The script `code` is usually written in, if CLDR knows the language.
pub fn of_language(code: &str) -> Option<Script> {
    let mut id: LanguageIdentifier = code.parse().ok()?;
    LocaleExpander::new_extended().maximize(&mut id);
    id.script.map(Script::from)
}

/// The script's English name ("Cyrillic").
pub fn name(script: Script) -> &'static str {
    PropertyNamesLong::<Script>::new()
        .get(script)
        .unwrap_or("another")
}

/// How many letters of `text` are in `expected`, and the script most of the others are in.
pub fn letters(text: &str, expected: Script) -> (usize, usize, Option<Script>) {
    let map = CodePointMapData::<Script>::new();
    let (mut total, mut matching) = (0, 0);
    let mut others: Vec<(Script, usize)> = Vec::new();
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        let s = map.get(c);
        if s == Script::Common || s == Script::Inherited {
            continue;
        }
        total += 1;
        if s == expected {
            matching += 1;
        } else if let Some(o) = others.iter_mut().find(|(x, _)| *x == s) {
            o.1 += 1;
        } else {
            others.push((s, 1));
        }
    }
    let top = others.into_iter().max_by_key(|(_, n)| *n).map(|(s, _)| s);
    (matching, total, top)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_and_texts() {
        assert_eq!(of_language("bg"), Some(Script::Cyrillic));
        assert_eq!(of_language("el"), Some(Script::Greek));
        assert_eq!(of_language("ar"), Some(Script::Arabic));
        assert_eq!(of_language("en"), Some(Script::Latin));
        assert_eq!(name(Script::Cyrillic), "Cyrillic");
        let (m, t, top) = letters("Hello, свят 2026", Script::Cyrillic);
        assert_eq!((m, t, top), (4, 9, Some(Script::Latin)));
    }
}
