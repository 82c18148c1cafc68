//! `ponte init`: a small, working, safe site to start from.
//!
//! In: an empty (or missing) folder, the languages and the site's name. Out: `ponte.toml`,
//! the home, about, results, privacy, safety and accessibility pages, one statistics table and
//! one leaflet, in each chosen language, that build and pass `ponte check` at once. The look
//! comes from the built-in theme, so the new site has no `themes/` folder.
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;

/// The starter site's files (this repository's `starter/`), built into ponte.
#[derive(rust_embed::RustEmbed)]
#[folder = "starter/"]
struct Starter;

/// The languages the starter pages and the built-in theme are written in.
pub const LANGUAGES: [(&str, &str, &str); 5] = [
    ("en", "English", "https://en.wikipedia.org/wiki/Weather"),
    ("it", "Italiano", "https://it.wikipedia.org/wiki/Meteorologia"),
    ("es", "Español", "https://es.wikipedia.org/wiki/Meteorolog%C3%ADa"),
    ("fr", "Français", "https://fr.wikipedia.org/wiki/M%C3%A9t%C3%A9orologie"),
    (
        "el",
        "Ελληνικά",
        "https://el.wikipedia.org/wiki/%CE%9C%CE%B5%CF%84%CE%B5%CF%89%CF%81%CE%BF%CE%BB%CE%BF%CE%B3%CE%AF%CE%B1",
    ),
];

/// What to make.
#[derive(Debug, Clone)]
pub struct InitOptions {
    pub dir: PathBuf,
    /// Language codes, the first being the default language.
    pub languages: Vec<String>,
    pub title: String,
    /// Show the EU emblem and disclaimer (`[eu] funded = true`).
    pub eu_funded: bool,
    /// Today's date, `YYYY-MM-DD` (the leaflet's date and the table's reference date).
    pub today: String,
}

/// Writes the starter site into `options.dir`; returns the files made (relative to it).
pub fn init(options: &InitOptions) -> Result<Vec<PathBuf>, Diagnostic> {
    check_languages(&options.languages)?;
    if options.title.trim().is_empty() || options.title.contains(['\n', '\r']) {
        return Err(
            Diagnostic::error("the site's title is empty or has a line break")
                .hint("give one line, e.g. --title \"Safe Work Network\""),
        );
    }
    let dir = &options.dir;
    if dir.exists() {
        if !dir.is_dir() {
            return Err(
                Diagnostic::error(format!("`{}` is a file, not a folder", dir.display()))
                    .hint("name a new or empty folder, e.g. ponte init my-site"),
            );
        }
        let used = std::fs::read_dir(dir)
            .map_err(|e| Diagnostic::error(format!("cannot read `{}`: {e}", dir.display())))?
            .next()
            .is_some();
        if used {
            return Err(
                Diagnostic::error(format!("`{}` is not empty", dir.display())).hint(
                    "ponte init never writes over files: name a new or empty folder, e.g. ponte init my-site",
                ),
            );
        }
    }
    let mut files: Vec<(PathBuf, Vec<u8>)> = vec![
        (PathBuf::from("ponte.toml"), config(options).into_bytes()),
        (PathBuf::from(".gitignore"), b"/public/\n".to_vec()),
    ];
    for name in Starter::iter() {
        if !wanted(&name, &options.languages) {
            continue;
        }
        let Some(file) = Starter::get(&name) else {
            continue;
        };
        let mut bytes = file.data.into_owned();
        if name.ends_with(".md") || name.ends_with(".toml") {
            let text = String::from_utf8_lossy(&bytes).replace("TODAY", &options.today);
            bytes = text.into_bytes();
        }
        files.push((PathBuf::from(name.as_ref()), bytes));
    }
    let mut made = Vec::new();
    for (rel, bytes) in files {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| {
                Diagnostic::error(format!("cannot create `{}`: {e}", parent.display()))
            })?;
        }
        std::fs::write(&path, bytes)
            .map_err(|e| Diagnostic::error(format!("cannot write `{}`: {e}", path.display())))?;
        made.push(rel);
    }
    Ok(made)
}

fn check_languages(languages: &[String]) -> Result<(), Diagnostic> {
    let known: Vec<&str> = LANGUAGES.iter().map(|l| l.0).collect();
    if languages.is_empty() {
        return Err(Diagnostic::error("no language given")
            .hint(format!("for example --languages {}", known.join(","))));
    }
    for (i, code) in languages.iter().enumerate() {
        if !known.contains(&code.as_str()) {
            return Err(Diagnostic::error(format!(
                "the starter site is not written in `{code}`"
            ))
            .hint(format!(
                "choose among {}; add another language afterwards as the README's \"Adding a language\" says",
                known.join(", ")
            )));
        }
        if languages[..i].contains(code) {
            return Err(Diagnostic::error(format!("`{code}` is given twice"))
                .hint("list each language once, the default first"));
        }
    }
    Ok(())
}

/// Whether a starter file belongs in a site with these languages: `NAME.LANG.md` and
/// `locales/LANG/…` only for a chosen language, everything else always.
fn wanted(name: &str, languages: &[String]) -> bool {
    if let Some(rest) = name.strip_prefix("locales/") {
        let lang = rest.split('/').next().unwrap_or("");
        return languages.iter().any(|l| l == lang);
    }
    if let Some(stem) = name.strip_suffix(".md") {
        let lang = stem.rsplit('.').next().unwrap_or("");
        return languages.iter().any(|l| l == lang);
    }
    true
}

/// The new site's `ponte.toml`.
fn config(options: &InitOptions) -> String {
    let quote = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
    let mut out = format!(
        r#"# ponte.toml: this site's settings. Every setting is explained in ponte's README.

# The site's name, shown in every page's title and header. A `site-title` message in
# locales/LANG/*.ftl, when there is one, replaces it in that language.
title = "{}"
# The address where the site will be published. A sub-path works too, for example
# "https://your-organisation.github.io/site": every link, image and PDF then lives under it.
base_url = "https://example.org"
default_language = "{}"

# Languages, in the order the language switcher shows them; `name` is the language's own name.
"#,
        quote(&options.title),
        options.languages[0]
    );
    for code in &options.languages {
        let name = LANGUAGES.iter().find(|l| l.0 == code).map_or("", |l| l.1);
        out.push_str(&format!(
            "[[languages]]\ncode = \"{code}\"\nname = \"{name}\"\n\n"
        ));
    }
    let exits: Vec<String> = options
        .languages
        .iter()
        .filter_map(|code| LANGUAGES.iter().find(|l| l.0 == code))
        .map(|l| format!("{} = \"{}\"", l.0, l.2))
        .collect();
    out.push_str(&format!(
        r#"[stats]
# Counts below this number are never published, nor anything that would reveal them.
min_count = 5

[safety]
# Where the quick-exit button takes the reader: a neutral site, per language.
exit_url = "https://www.wikipedia.org/"
exit_urls = {{ {} }}
# true: every page's <title> (tabs, history, link previews) names the site by a neutral name,
# the `site-title-discreet` message of locales/LANG/main.ftl ("Information" until you write
# one), never by its subject. Turn it on if a reader may be harmed by the site's name.
discreet_titles = false

[eu]
# true only if the European Union funds this project: every page and PDF then shows the EU
# emblem, "Funded by the European Union" and the disclaimer.
funded = {}
"#,
        exits.join(", "),
        options.eu_funded
    ));
    out
}

/// Today's date (UTC) as `YYYY-MM-DD`.
pub fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 → (year, month, day), Howard Hinnant's algorithm.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Parses `--languages en,it,…`.
pub fn parse_languages(list: &str) -> Vec<String> {
    list.split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The folder shown in the next steps: `cd DIR` is needed unless it is the current one.
pub fn next_steps(dir: &Path) -> String {
    let cd = if dir == Path::new(".") || dir.as_os_str().is_empty() {
        String::new()
    } else {
        format!("  cd {}\n", dir.display())
    };
    format!("next:\n{cd}  ponte serve     # preview at http://127.0.0.1:1111/ while you edit\n  ponte build     # the site, ready to publish, in public/\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_civil() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(20_514), (2026, 3, 2));
    }

    #[test]
    fn only_the_chosen_languages_files_are_written() {
        let langs = vec!["en".to_string(), "el".to_string()];
        assert!(wanted("content/about.en.md", &langs));
        assert!(!wanted("content/about.it.md", &langs));
        assert!(wanted("locales/el/stats.ftl", &langs));
        assert!(!wanted("locales/fr/stats.ftl", &langs));
        assert!(wanted("content/stats/example.toml", &langs));
    }

    #[test]
    fn the_config_parses_and_quotes_the_title() {
        let options = InitOptions {
            dir: PathBuf::from("x"),
            languages: vec!["it".into(), "en".into()],
            title: "Rete \"Sicura\"".into(),
            eu_funded: false,
            today: "2026-01-01".into(),
        };
        let config = crate::config::Config::parse(Path::new("ponte.toml"), &config(&options))
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(config.title, "Rete \"Sicura\"");
        assert_eq!(config.default_lang().code, "it");
        assert!(!config.eu.funded);
        assert!(check_languages(&["de".to_string()]).is_err());
        assert!(check_languages(&["en".to_string(), "en".to_string()]).is_err());
    }
}
