//! The repository listing (what `{{ documents() }}` shows) and the short-link pages.
//!
//! In: the published documents with what the build measured (pages, bytes). Out: HTML for
//! one language, and the `/d/ID/` and `/d/ID/LANG/` redirect pages (meta refresh and a link,
//! no script).
use std::collections::BTreeMap;
use std::fmt::Write;

use crate::render::{esc, href};

use crate::config::{Direction, Language};
use crate::diagnostic::Diagnostic;
use crate::i18n::I18n;
use crate::output::Output;
use crate::site::{LangId, Site};

/// One published file in one language.
#[derive(Debug, Clone)]
pub struct Published {
    pub id: String,
    pub lang: LangId,
    pub title: String,
    /// The neutral name for `<title>` under `[safety] discreet_titles`, if the title is not.
    pub discreet_title: Option<String>,
    pub description: String,
    /// URL path, `/en/documents/pip.pdf`.
    pub path: String,
    /// `PDF`, `PPTX`…
    pub format: String,
    pub pages: Option<usize>,
    /// Size in bytes.
    pub size: usize,
    pub updated: Option<String>,
    pub licence: String,
    pub weight: i64,
}

/// Every document, grouped by id, in display order (weight, then id); each group in the
/// site's language order.
#[derive(Debug, Default)]
pub struct Listing {
    pub groups: Vec<Vec<Published>>,
    default_language: LangId,
    host_path: String,
    languages: Vec<Language>,
    /// `[safety] discreet_titles`: the short-link pages' `<title>` names no subject.
    discreet_titles: bool,
}

/// A character no message contains: stands for the language name until the HTML is made.
const LANGUAGE_MARK: &str = "\u{E000}";

impl Listing {
    pub fn new(published: Vec<Published>, site: &Site) -> Listing {
        let mut by_id: BTreeMap<String, Vec<Published>> = BTreeMap::new();
        for p in published {
            by_id.entry(p.id.clone()).or_default().push(p);
        }
        let mut groups: Vec<Vec<Published>> = by_id.into_values().collect();
        for group in &mut groups {
            group.sort_by_key(|p| p.lang);
        }
        groups.sort_by_key(|g| {
            (
                g.iter().map(|p| p.weight).min().unwrap_or(0),
                g[0].id.clone(),
            )
        });
        let base = &site.config.base_url;
        Listing {
            groups,
            default_language: site.config.default_language,
            host_path: base
                .split_once("://")
                .map_or(base.as_str(), |(_, r)| r)
                .to_string(),
            languages: site.languages().to_vec(),
            discreet_titles: site.config.safety.discreet_titles,
        }
    }

    /// The version of a group to show in `lang`: its own, else the default language's,
    /// else the first.
    fn pick(&self, group: &[Published], lang: LangId) -> usize {
        group
            .iter()
            .position(|p| p.lang == lang)
            .or_else(|| group.iter().position(|p| p.lang == self.default_language))
            .unwrap_or(0)
    }

    /// The listing in `lang`, as HTML: one card per document (`doc-card`) with its title, its
    /// description, one download button for the version in `lang` (else the default
    /// language's) that names its format, size and language, one wrapping line of facts
    /// (pages, date, licence, and the short link in that language, `/d/ID/LANG/`, the one the
    /// PDF prints), and the other languages' versions with their sizes in a `<details>`.
    pub fn html(&self, i18n: &I18n, lang: LangId) -> String {
        let languages = &self.languages;
        let t = |id: &str| i18n.text(lang, id);
        let mut html = String::from("<div class=\"documents\">\n");
        if self.groups.is_empty() {
            let _ = writeln!(html, "<p>{}</p>", esc(&t("documents-none")));
        }
        for group in &self.groups {
            let doc = &group[self.pick(group, lang)];
            let own = &languages[doc.lang];
            let id = esc(&doc.id);
            let other_language = lang_attrs(&own.code, own.direction, doc.lang != lang);
            let _ = write!(
                html,
                "<article class=\"doc-card\" id=\"document-{id}\" aria-labelledby=\"document-{id}-title\">\n<h3 class=\"doc-card__title\" id=\"document-{id}-title\"{other_language}>{}</h3>\n",
                esc(&doc.title)
            );
            if !doc.description.is_empty() {
                let _ = writeln!(
                    html,
                    "<p class=\"doc-card__description\"{other_language}>{}</p>",
                    esc(&doc.description)
                );
            }
            let size = self.size(i18n, lang, doc.size);
            // The one download button names the format, the size and the language.
            let mut args = fluent_bundle::FluentArgs::new();
            args.set("format", doc.format.clone());
            args.set("size", size);
            args.set("language", LANGUAGE_MARK);
            let text = i18n
                .message(lang, "documents-download", Some(&args))
                .unwrap_or_else(|_| "documents-download".to_string());
            let name = format!(
                "<span{}>{}</span>",
                lang_attrs(&own.code, own.direction, true),
                esc(&own.name)
            );
            let _ = writeln!(
                html,
                "<p class=\"doc-card__action\"><a class=\"doc-card__download\" href=\"{}\" hreflang=\"{}\" type=\"{}\" download>{}</a></p>",
                href(&doc.path),
                esc(&own.code),
                media_type(&doc.format),
                esc(&text).replace(LANGUAGE_MARK, &name)
            );
            // The other facts on one wrapping line: pages, date, licence, short link. A date and
            // a licence name say what they are: their labels are for screen readers only.
            html.push_str("<dl class=\"doc-card__meta\">\n");
            let mut fact = |label: &str, value: &str, shown: bool| {
                let _ = writeln!(
                    html,
                    "<div><dt{}>{}</dt><dd>{value}</dd></div>",
                    if shown {
                        ""
                    } else {
                        " class=\"visually-hidden\""
                    },
                    esc(&t(label))
                );
            };
            if let Some(pages) = doc.pages {
                fact("documents-pages", &i18n.number(lang, pages as f64, 0), true);
            }
            if let Some(updated) = &doc.updated {
                fact(
                    "documents-last-updated",
                    &format!(
                        "<time datetime=\"{}\">{}</time>",
                        esc(updated),
                        esc(&i18n.date(lang, updated))
                    ),
                    false,
                );
            }
            fact("documents-licence-label", &esc(&doc.licence), false);
            let short = format!("/d/{}/{}/", doc.id, own.code);
            fact(
                "documents-short-link-label",
                &format!(
                    "<a href=\"{}\">{}{}</a>",
                    href(&short),
                    esc(&self.host_path),
                    esc(&short)
                ),
                true,
            );
            html.push_str("</dl>\n");
            // The other languages, folded: each with its format and size.
            let others: Vec<&Published> = group.iter().filter(|p| p.lang != doc.lang).collect();
            if !others.is_empty() {
                let _ = write!(
                    html,
                    "<details class=\"doc-card__others\">\n<summary id=\"document-{id}-others\">{} ({})</summary>\n<ul aria-labelledby=\"document-{id}-others\">\n",
                    esc(&t("documents-other-languages")),
                    i18n.number(lang, others.len() as f64, 0)
                );
                for p in others {
                    let l = &languages[p.lang];
                    let _ = writeln!(
                        html,
                        "<li><a href=\"{}\" hreflang=\"{}\" type=\"{}\"{}>{}</a> <span class=\"doc-card__size\">{}, {}</span></li>",
                        href(&p.path),
                        esc(&l.code),
                        media_type(&p.format),
                        lang_attrs(&l.code, l.direction, true),
                        esc(&l.name),
                        esc(&p.format),
                        esc(&self.size(i18n, lang, p.size))
                    );
                }
                html.push_str("</ul>\n</details>\n");
            }
            html.push_str("</article>\n");
        }
        html.push_str("</div>\n");
        html
    }

    /// A size as the language writes it (`45 KB`, `1,2 MB`).
    fn size(&self, i18n: &I18n, lang: LangId, bytes: usize) -> String {
        let (id, value, digits) = if bytes >= 1_000_000 {
            ("documents-size-mb", bytes as f64 / 1_000_000.0, 1)
        } else {
            ("documents-size-kb", (bytes as f64 / 1_000.0).max(1.0), 0)
        };
        let mut args = fluent_bundle::FluentArgs::new();
        args.set("value", i18n.number(lang, value, digits));
        i18n.message(lang, id, Some(&args))
            .unwrap_or_else(|_| format!("{value:.digits$}"))
    }

    /// Writes `/d/ID/index.html` (to the default language's version, with a link to every
    /// language) and `/d/ID/LANG/index.html` for each language.
    pub fn write_short_links(&self, i18n: &I18n, out: &dyn Output) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let languages = &self.languages;
        for group in &self.groups {
            let main = &group[self.pick(group, self.default_language)];
            let mut pages = vec![(format!("d/{}/index.html", main.id), main)];
            for p in group {
                pages.push((
                    format!("d/{}/{}/index.html", p.id, languages[p.lang].code),
                    p,
                ));
            }
            for (path, doc) in pages {
                let language = &languages[doc.lang];
                let mut body = format!(
                    "<p><a href=\"{}\" hreflang=\"{}\" type=\"{}\">{}</a></p>\n",
                    href(&doc.path),
                    esc(&language.code),
                    media_type(&doc.format),
                    esc(&i18n.text(doc.lang, "documents-open"))
                );
                // The PDF prints "latest version and other languages": every short-link page
                // lists them (for the moment the refresh takes, or a browser that does not).
                if group.len() > 1 {
                    body.push_str("<ul>\n");
                    for p in group {
                        let l = &languages[p.lang];
                        let _ = writeln!(
                            body,
                            "<li><a href=\"{}\" hreflang=\"{}\"{}>{}</a></li>",
                            href(&p.path),
                            esc(&l.code),
                            lang_attrs(&l.code, l.direction, true),
                            esc(&l.name)
                        );
                    }
                    body.push_str("</ul>\n");
                }
                let html = format!(
                    "<!DOCTYPE html>\n<html lang=\"{lang}\"{dir}>\n<head>\n<meta charset=\"utf-8\">\n<title>{head_title}</title>\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url={target}\">\n</head>\n<body>\n<h1>{title}</h1>\n{body}</body>\n</html>\n",
                    lang = esc(&language.code),
                    dir = if language.direction == Direction::Rtl { " dir=\"rtl\"" } else { "" },
                    title = esc(&doc.title),
                    head_title = esc(&if self.discreet_titles {
                        super::discreet_name(
                            i18n,
                            doc.lang,
                            &doc.title,
                            doc.discreet_title.as_deref(),
                        )
                    } else {
                        doc.title.clone()
                    }),
                    target = href(&doc.path),
                );
                let source = format!("the short link of the document `{}`", doc.id);
                if let Err(e) = out.put_from(&path, html.into_bytes(), &source) {
                    problems.push(Diagnostic::error(format!("cannot write `{path}`: {e}")));
                }
            }
        }
        problems
    }
}

/// ` lang="…"` (and `dir`) when the text is in another language than the page.
fn lang_attrs(code: &str, direction: Direction, needed: bool) -> String {
    if !needed {
        return String::new();
    }
    let dir = if direction == Direction::Rtl {
        " dir=\"rtl\""
    } else {
        ""
    };
    format!(" lang=\"{}\"{dir}", esc(code))
}

fn media_type(format: &str) -> &'static str {
    match format {
        "PDF" => "application/pdf",
        "PPTX" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "ODP" => "application/vnd.oasis.opendocument.presentation",
        "DOCX" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "ODT" => "application/vnd.oasis.opendocument.text",
        _ => "application/octet-stream",
    }
}
