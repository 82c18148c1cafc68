//! Menus from configuration: `[[menus.main]]` entries in `ponte.toml`.
//!
//! In: the raw TOML entries (read with the rest of `ponte.toml`). Out: checked [`MenuEntry`]
//! values, each naming a page (`page = "@/about/_index.md"`, resolved per language when pages
//! render) or an address on another site (`url = "https://…"`), with a label taken from the
//! interface strings (`label = "menu-partners"`), an order (`weight`) and `children`.
use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Diagnostic, Span};

/// Where a menu entry leads.
#[derive(Debug, Clone, PartialEq)]
pub enum MenuTarget {
    /// A page by its key (`about/_index.md`), or a section by its folder (`about/`), in
    /// the language being shown.
    Page(String),
    /// An absolute address, on this site or another.
    Url(String),
}

/// One checked menu entry.
#[derive(Debug, Clone)]
pub struct MenuEntry {
    pub target: MenuTarget,
    /// A message id of the interface strings; `None`: the page's title.
    pub label: Option<String>,
    pub weight: i64,
    pub children: Vec<MenuEntry>,
    /// The entry's `page` or `url` in ponte.toml, to report a missing page there.
    pub span: Span,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMenuEntry {
    page: Option<Spanned<String>>,
    url: Option<Spanned<String>>,
    label: Option<Spanned<String>>,
    weight: Option<i64>,
    children: Option<Vec<RawMenuEntry>>,
}

/// Checks `[menus]`: menu name → its entries, sorted by weight (then as written).
pub fn check(
    file: &Path,
    text: &str,
    raw: BTreeMap<String, Vec<RawMenuEntry>>,
    problems: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Vec<MenuEntry>> {
    raw.into_iter()
        .map(|(name, entries)| (name, check_entries(file, text, entries, problems)))
        .collect()
}

fn check_entries(
    file: &Path,
    text: &str,
    raw: Vec<RawMenuEntry>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<MenuEntry> {
    let span =
        |range: std::ops::Range<usize>| Span::from_offset(file, text, range.start, range.len());
    let mut out = Vec::new();
    for entry in raw {
        let target = match (&entry.page, &entry.url) {
            (Some(page), None) => match page.get_ref().strip_prefix("@/") {
                Some(key)
                    if (key.is_empty() || key.ends_with(".md") || key.ends_with('/'))
                        && !key.contains("..") =>
                {
                    (MenuTarget::Page(key.to_string()), span(page.span()))
                }
                _ => {
                    problems.push(
                        Diagnostic::error(format!("`{}` does not name a page", page.get_ref()))
                            .at(span(page.span()))
                            .hint("name a page by its path under content/ without the language, e.g. page = \"@/about/_index.md\""),
                    );
                    continue;
                }
            },
            (None, Some(url)) => {
                let u = url.get_ref();
                if !(u.starts_with("https://")
                    || u.starts_with("http://")
                    || u.starts_with("mailto:"))
                {
                    problems.push(
                        Diagnostic::error(format!("`{u}` is not an address on the web"))
                            .at(span(url.span()))
                            .hint("write a full address such as url = \"https://example.org/\", or name a page of this site with page = \"@/…\""),
                    );
                    continue;
                }
                (MenuTarget::Url(u.clone()), span(url.span()))
            }
            (Some(page), Some(_)) => {
                problems.push(
                    Diagnostic::error("a menu entry has both `page` and `url`")
                        .at(span(page.span()))
                        .hint("keep one: `page` for a page of this site, `url` for another site"),
                );
                continue;
            }
            (None, None) => {
                let at = entry
                    .label
                    .as_ref()
                    .map_or(Span::file(file), |l| span(l.span()));
                problems.push(Diagnostic::error("a menu entry leads nowhere").at(at).hint(
                    "add page = \"@/about/_index.md\" (a page of this site) or url = \"https://…\"",
                ));
                continue;
            }
        };
        let (target, at) = target;
        if matches!(target, MenuTarget::Url(_)) && entry.label.is_none() {
            problems.push(
                Diagnostic::error("a menu entry for another site needs a `label`")
                    .at(at.clone())
                    .hint("add label = \"menu-NAME\" and define menu-NAME in every language's locales/LANG/*.ftl"),
            );
        }
        out.push(MenuEntry {
            target,
            label: entry.label.map(Spanned::into_inner),
            weight: entry.weight.unwrap_or(0),
            children: check_entries(file, text, entry.children.unwrap_or_default(), problems),
            span: at,
        });
    }
    // Stable: entries of equal weight keep the order they are written in.
    out.sort_by_key(|e| e.weight);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Wrapper {
        menus: BTreeMap<String, Vec<RawMenuEntry>>,
    }

    fn parse(text: &str) -> (BTreeMap<String, Vec<MenuEntry>>, Vec<String>) {
        let raw: Wrapper = toml::from_str(text).unwrap();
        let mut problems = Vec::new();
        let menus = check(Path::new("ponte.toml"), text, raw.menus, &mut problems);
        let shown = problems
            .iter()
            .map(|d| format!("{}: {}", d.span.as_ref().map_or(0, |s| s.line), d.message))
            .collect();
        (menus, shown)
    }

    #[test]
    fn entries_are_sorted_and_nested() {
        let (menus, problems) = parse(
            "[[menus.main]]\npage = \"@/results/\"\nweight = 20\n\n[[menus.main]]\nurl = \"https://example.org/\"\nlabel = \"menu-partners\"\nweight = 10\n\n[[menus.main.children]]\npage = \"@/about/team.md\"\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let main = &menus["main"];
        assert_eq!(
            main[0].target,
            MenuTarget::Url("https://example.org/".into())
        );
        assert_eq!(main[1].target, MenuTarget::Page("results/".into()));
        assert_eq!(
            main[0].children[0].target,
            MenuTarget::Page("about/team.md".into())
        );
    }

    #[test]
    fn mistakes_are_reported_at_their_line() {
        let (_, problems) = parse(
            "[[menus.main]]\npage = \"about\"\n\n[[menus.main]]\nurl = \"https://example.org/\"\n",
        );
        assert_eq!(
            problems,
            [
                "2: `about` does not name a page",
                "5: a menu entry for another site needs a `label`"
            ]
        );
    }
}
