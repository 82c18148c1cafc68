//! Atom feeds: one per language for every section with `feed = true` in its `_index` front
//! matter, at `/LANG/SECTION/atom.xml`, listing the section's dated pages, newest first.
//!
//! In: the rendered site. Out: Atom 1.0 documents with absolute addresses (from `base_url`,
//! sub-path included) and titles from the interface strings (`feed-title`). Drafts are never
//! listed, not even by `ponte serve --drafts`. An entry carries the page's title, address,
//! dates and description, not its body, so that a feed changes only when front matter does.
use fluent_bundle::FluentArgs;
use serde::Serialize;

use super::outputs::{xml_url, Made, OutputFile, RenderedSite};
use crate::i18n::I18n;
use crate::site::{LangId, PageId, PageKey, Site};

/// The file name of a feed inside its section's folder.
pub const FEED_FILE: &str = "atom.xml";

/// A feed as pages link it: `<link rel="alternate" type="application/atom+xml">`.
#[derive(Serialize)]
pub struct FeedLink {
    pub title: String,
    /// Root-relative (`/en/campaign/atom.xml`).
    pub path: String,
}

/// The sections of `lang` that have a feed, from the home down, in menu order.
pub fn feed_sections(site: &Site, lang: LangId) -> Vec<PageId> {
    let mut found = Vec::new();
    let Some(home) = site
        .translation_ids(&PageKey::home())
        .and_then(|ids| ids[lang])
    else {
        return found;
    };
    let mut todo = vec![home];
    while let Some(id) = todo.pop() {
        let section = &site.pages[id];
        if section.front.feed {
            found.push(id);
        }
        todo.extend(section.subsections.iter().rev());
    }
    found
}

/// The feeds every page of `lang` links.
pub fn feed_links(site: &Site, i18n: &I18n, lang: LangId) -> Vec<FeedLink> {
    feed_sections(site, lang)
        .into_iter()
        .map(|id| FeedLink {
            title: feed_title(site, i18n, id),
            path: format!("{}{FEED_FILE}", site.pages[id].path),
        })
        .collect()
}

fn feed_title(site: &Site, i18n: &I18n, section: PageId) -> String {
    let page = &site.pages[section];
    let mut args = FluentArgs::new();
    args.set("section", page.front.title.clone());
    i18n.message(page.lang, "feed-title", Some(&args))
        .unwrap_or_else(|_| page.front.title.clone())
}

/// Every feed of every language.
pub fn feeds(rs: &RenderedSite) -> Made {
    let site = rs.site();
    let mut made = Made::default();
    for lang in 0..site.languages().len() {
        for section in feed_sections(site, lang) {
            let page = &site.pages[section];
            let xml = feed(site, rs.i18n(), section);
            let source = format!("the feed of `{}`", page.file.display());
            made.files.push(OutputFile::new(
                format!("{}{FEED_FILE}", page.path.trim_start_matches('/')),
                xml,
                &source,
            ));
        }
    }
    made
}

/// A date or date-time from front matter as an RFC 3339 date-time (Atom's `updated`).
pub fn atom_date(date: &str) -> String {
    let date = date.replacen(' ', "T", 1);
    if date.len() == 10 {
        return format!("{date}T00:00:00Z");
    }
    let time = date.split_once('T').map_or("", |(_, t)| t);
    if time.ends_with('Z') || time.contains('+') || time.contains('-') {
        date
    } else {
        format!("{date}Z")
    }
}

fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, s);
    out
}

/// The Atom document of the section `section`.
pub fn feed(site: &Site, i18n: &I18n, section: PageId) -> String {
    let page = &site.pages[section];
    let lang = page.lang;
    let mut entries: Vec<PageId> = page
        .pages
        .iter()
        .copied()
        .filter(|&id| {
            let p = &site.pages[id];
            !p.front.draft && p.front.date.is_some()
        })
        .collect();
    // Newest first; the same date keeps the section's order.
    entries.sort_by(|a, b| site.pages[*b].front.date.cmp(&site.pages[*a].front.date));
    let changed = |id: PageId| {
        let f = &site.pages[id].front;
        f.updated.as_deref().or(f.date.as_deref()).map(atom_date)
    };
    let updated = entries
        .iter()
        .filter_map(|&id| changed(id))
        .chain(changed(section))
        .max()
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
    let self_url = site.permalink(&format!("{}{FEED_FILE}", page.path));
    let mut xml = String::with_capacity(512 + entries.len() * 512);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        text(&site.languages()[lang].code)
    ));
    xml.push_str(&format!(
        "<title>{}</title>\n",
        text(&feed_title(site, i18n, section))
    ));
    if !page.front.description.is_empty() {
        xml.push_str(&format!(
            "<subtitle>{}</subtitle>\n",
            text(&page.front.description)
        ));
    }
    xml.push_str(&format!(
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml_url(&self_url)
    ));
    xml.push_str(&format!(
        "<link rel=\"alternate\" type=\"text/html\" hreflang=\"{}\" href=\"{}\"/>\n",
        text(&site.languages()[lang].code),
        xml_url(&site.permalink(&page.path))
    ));
    xml.push_str(&format!("<id>{}</id>\n", xml_url(&self_url)));
    xml.push_str(&format!("<updated>{updated}</updated>\n"));
    xml.push_str(&format!(
        "<author><name>{}</name></author>\n",
        text(&i18n.text(lang, "site-title"))
    ));
    for id in entries {
        let p = &site.pages[id];
        let url = xml_url(&site.permalink(&p.path));
        xml.push_str("<entry>\n");
        xml.push_str(&format!("<title>{}</title>\n", text(&p.front.title)));
        xml.push_str(&format!(
            "<link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n"
        ));
        xml.push_str(&format!("<id>{url}</id>\n"));
        if let Some(date) = &p.front.date {
            xml.push_str(&format!("<published>{}</published>\n", atom_date(date)));
        }
        if let Some(date) = changed(id) {
            xml.push_str(&format!("<updated>{date}</updated>\n"));
        }
        if !p.front.description.is_empty() {
            xml.push_str(&format!(
                "<summary>{}</summary>\n",
                text(&p.front.description)
            ));
        }
        xml.push_str("</entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::atom_date;

    #[test]
    fn dates_become_rfc_3339() {
        assert_eq!(atom_date("2021-07-01"), "2021-07-01T00:00:00Z");
        assert_eq!(atom_date("2012-01-02T08:00:00"), "2012-01-02T08:00:00Z");
        assert_eq!(atom_date("2012-01-02T08:00:00Z"), "2012-01-02T08:00:00Z");
        assert_eq!(
            atom_date("2012-01-02T08:00:00+02:00"),
            "2012-01-02T08:00:00+02:00"
        );
    }
}
