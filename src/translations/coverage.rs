//! Translation coverage: which pages and interface messages exist in which language, as the
//! build found them (shown by `ponte check`).
use std::collections::BTreeSet;

use serde::Serialize;

use crate::i18n::I18n;
use crate::load::SourceFile;
use crate::site::Site;

/// Which pages and interface messages exist in which language.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Coverage {
    pub languages: Vec<String>,
    /// Page key → present in each language.
    pub pages: Vec<(String, Vec<bool>)>,
    /// Message id → defined in each language.
    pub messages: Vec<(String, Vec<bool>)>,
    /// Messages no template, shortcode or built-in page uses.
    pub unused_messages: Vec<String>,
}

/// Messages ponte itself asks for, whatever the templates do.
const BUILT_IN: &[&str] = &[
    "site-title",
    "site-title-discreet",
    "site-description-discreet",
    "choose-language",
    "not-found-title",
    "feed-title",
    "date-long",
    "video-external",
    "video-watch",
    "percent",
    "table-region",
];
const BUILT_IN_PREFIXES: &[&str] = &["month-", "stats-", "contacts-"];

impl Coverage {
    pub fn new(site: &Site, i18n: &I18n, templates: &[SourceFile]) -> Coverage {
        let languages: Vec<String> = site.languages().iter().map(|l| l.code.clone()).collect();
        let pages = site
            .translations
            .iter()
            .map(|(key, ids)| (key.0.clone(), ids.iter().map(Option::is_some).collect()))
            .collect();
        let all: BTreeSet<&String> = (0..languages.len())
            .flat_map(|l| i18n.ids(l).iter())
            .collect();
        let messages = all
            .iter()
            .map(|id| {
                (
                    (*id).clone(),
                    (0..languages.len())
                        .map(|l| i18n.ids(l).contains(*id))
                        .collect(),
                )
            })
            .collect();
        // A message is used when a template names it in quotes, or builds its name from a
        // quoted prefix (`"footer-" ~ name`), or ponte asks for it itself.
        let texts: Vec<&str> = templates.iter().map(|t| t.text.as_str()).collect();
        let prefixes: Vec<String> = texts
            .iter()
            .flat_map(|t| {
                t.match_indices("\" ~")
                    .map(move |(i, _)| t[..i].rsplit('"').next().unwrap_or("").to_string())
            })
            .filter(|p| !p.is_empty())
            .collect();
        // Labels of the menus in ponte.toml.
        let mut labels = Vec::new();
        let mut todo: Vec<&crate::menu_config::MenuEntry> =
            site.config.menus.values().flatten().collect();
        while let Some(entry) = todo.pop() {
            labels.extend(entry.label.as_deref());
            todo.extend(&entry.children);
        }
        let unused_messages = all
            .into_iter()
            .filter(|id| {
                let quoted = format!("\"{id}\"");
                !(BUILT_IN.contains(&id.as_str())
                    || labels.contains(&id.as_str())
                    || BUILT_IN_PREFIXES.iter().any(|p| id.starts_with(p))
                    || prefixes.iter().any(|p| id.starts_with(p.as_str()))
                    || texts.iter().any(|t| t.contains(&quoted)))
            })
            .cloned()
            .collect();
        Coverage {
            languages,
            pages,
            messages,
            unused_messages,
        }
    }
}
