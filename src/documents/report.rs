//! Reports: a PDF assembled from site pages, in one language (like a book's print view).
//!
//! In: the pages a report names (`pages = ["@/about/_index.md", …]`), the resolved site, the
//! published statistics and the interface strings. Out: the Typst markup of the report's
//! body — one chapter per page, its Markdown converted by [`markup`](super::markup) (text that
//! looks like Typst stays text), its `{{ stats(…) }}` tables drawn from the same published
//! (already suppressed) datasets as the site's tables and CSV files — and the problems found,
//! each at the source's or the page's line and column.
use std::fmt::Write;

use super::markup::{string, to_typst_with, PLACEHOLDER_END, PLACEHOLDER_START};
use crate::diagnostic::{Diagnostic, Span};
use crate::i18n::I18n;
use crate::markdown::shortcode::{find_calls, Call};
use crate::render::shortcodes::{check_args, csv_path, text_arg, FluentLocalizer};
use crate::site::{LangId, Page, PageKey, Site};
use crate::stats::{Cell, Datasets, Localizer, Published};

/// Digits after the decimal point in percentages (as on the site).
const PERCENT_DIGITS: usize = 1;

/// The body of a report in `lang`: a chapter per page, in the order the source names them.
pub fn body(
    pages: &[(String, Span)],
    lang: LangId,
    site: &Site,
    datasets: &Datasets,
    i18n: &I18n,
) -> (String, Vec<Diagnostic>) {
    let mut out = String::new();
    let mut problems = Vec::new();
    let code = site.languages()[lang].code.as_str();
    for (key, span) in pages {
        let key = PageKey(key.clone());
        let Some(page) = site.page(&key, lang) else {
            let elsewhere = site
                .translation_ids(&key)
                .is_some_and(|ids| ids.iter().any(Option::is_some));
            problems.push(if elsewhere {
                Diagnostic::error(format!(
                    "the page `@/{}` has no version in `{code}`",
                    key.0
                ))
                .at(span.clone())
                .hint(format!(
                    "translate content/{} into `{code}` (NAME.{code}.md), or leave the page out of this language's report",
                    key.0.trim_end_matches(".md")
                ))
            } else {
                Diagnostic::error(format!("there is no page `@/{}`", key.0))
                    .at(span.clone())
                    .hint("write the path under content/ without the language, as in links: \"@/about/_index.md\"; a draft is not published")
            });
            continue;
        };
        let _ = writeln!(
            out,
            "#chapter({}, {})\n",
            string(&page.front.title),
            string(&site.permalink(&page.path))
        );
        let (markup, page_problems) = chapter(page, lang, site, datasets, i18n);
        problems.extend(page_problems);
        out.push_str(&markup);
        out.push('\n');
    }
    (out, problems)
}

/// One page's body as Typst markup.
fn chapter(
    page: &Page,
    lang: LangId,
    site: &Site,
    datasets: &Datasets,
    i18n: &I18n,
) -> (String, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let at = |range: std::ops::Range<usize>| {
        Span::from_offset(
            &page.file,
            &page.source,
            page.body_offset + range.start,
            range.len(),
        )
    };
    let body = page.body();
    let code = site.languages()[lang].code.as_str();
    // Shortcodes become placeholders of the same length; their blocks are drawn here.
    let mut text = body.to_string();
    let mut blocks = Vec::new();
    // A malformed call is reported by the page itself; the report prints it as text.
    for call in find_calls(body).unwrap_or_default() {
        let block = match shortcode(&call, lang, code, site, datasets, i18n) {
            Ok(block) => block,
            Err(why) => {
                problems.push(
                    Diagnostic::error(why)
                        .at(at(call.range.clone()))
                        .hint("a report prints the statistics tables and video links of its pages; leave this page out of the report, or remove the shortcode"),
                );
                continue;
            }
        };
        let mut placeholder = format!("{PLACEHOLDER_START}{}", blocks.len());
        let len = call.range.len();
        while placeholder.len() + PLACEHOLDER_END.len_utf8() < len {
            placeholder.push('x');
        }
        placeholder.push(PLACEHOLDER_END);
        if placeholder.len() == len {
            text.replace_range(call.range.clone(), &placeholder);
            blocks.push(block);
        }
    }
    let here = site.permalink(&page.path);
    // Links lead to the site: `@/page.md` in the report's language (or the default one),
    // `#anchor` on this page, `/path/` on this site.
    let link = |url: &str| -> Option<String> {
        if let Some(anchor) = url.strip_prefix('#') {
            return Some(format!("{here}#{anchor}"));
        }
        match url.strip_prefix("@/") {
            Some(rest) => {
                let (key, anchor) = match rest.split_once('#') {
                    Some((k, a)) => (k, format!("#{a}")),
                    None => (rest, String::new()),
                };
                let key = PageKey(key.to_string());
                site.page(&key, lang)
                    .or_else(|| site.page(&key, site.config.default_language))
                    .map(|p| format!("{}{anchor}", site.permalink(&p.path)))
            }
            None if url.starts_with('/') && !url.starts_with("//") => Some(site.permalink(url)),
            None => Some(url.to_string()),
        }
    };
    let (markup, unsupported, _broken) = to_typst_with(&text, &link, &blocks);
    // A broken link is reported by the page itself (the site is not built with one).
    for u in unsupported {
        problems.push(
            Diagnostic::error(format!("{} cannot be printed in a report", u.what))
                .at(at(u.range))
                .hint("images are not supported in PDFs yet; leave this page out of the report, or remove the image"),
        );
    }
    (markup, problems)
}

/// The block a shortcode prints: a statistics table, or a video's title and address.
fn shortcode(
    call: &Call,
    lang: LangId,
    code: &str,
    site: &Site,
    datasets: &Datasets,
    i18n: &I18n,
) -> Result<String, String> {
    match call.name.as_str() {
        "stats" => {
            check_args(call, &["id", "view"], &["id"])?;
            let id = text_arg(call, "id")?.unwrap_or_default();
            let dataset = datasets
                .get(id)
                .ok_or_else(|| format!("there is no dataset `{id}`"))?;
            let loc = FluentLocalizer { i18n, lang, code };
            Ok(stats_table(
                dataset,
                &loc,
                &site.permalink(&csv_path(code, id)),
            ))
        }
        "video" => {
            check_args(call, &["url", "title"], &["url", "title"])?;
            let url = text_arg(call, "url")?.unwrap_or_default();
            let title = text_arg(call, "title")?.unwrap_or_default();
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                return Err(format!("`{url}` is not a web address (https://…)"));
            }
            Ok(format!(
                "#link({})[{}]",
                string(url),
                super::markup::escape(title)
            ))
        }
        other => Err(format!(
            "the shortcode `{other}` cannot be printed in a report"
        )),
    }
}

/// A published dataset as a call of the template's `stats-table`, every argument a string
/// literal. The cells are what the site's table shows: counts and percentages that passed
/// disclosure control, the hidden marker, or the "no figure" text.
pub fn stats_table(ds: &Published, loc: &dyn Localizer, csv_url: &str) -> String {
    let mut out = String::from("#stats-table(\n");
    let _ = writeln!(out, "  title: {},", string(&loc.message(ds.title(), &[])));
    out.push_str("  head: (");
    push(&mut out, &loc.message(ds.row_label(), &[]));
    push(&mut out, &loc.message(ds.total_label(), &[]));
    for category in ds.categories() {
        let label = loc.message(category.label(), &[]);
        match category.of() {
            Some(base) => push(
                &mut out,
                &format!(
                    "{label} ({} {})",
                    loc.message("stats-percent-of", &[]),
                    loc.message(ds.categories()[base].label(), &[])
                ),
            ),
            None => push(&mut out, &label),
        }
    }
    out.push_str("),\n  rows: (\n");
    // The marker and "no data" never wrap: a row of the table stays one line of text.
    let hidden = loc
        .message("stats-suppressed", &[("n", f64::from(ds.min_count()))])
        .replace(' ', "\u{a0}");
    let missing = loc.message("stats-missing", &[]).replace(' ', "\u{a0}");
    let cell = |cell: Cell| match cell {
        Cell::Count { count, ratio } => {
            let number = loc.number(count as f64, 0);
            match ratio {
                Some(r) => format!("{number} ({})", loc.percent(r, PERCENT_DIGITS)),
                None => number,
            }
        }
        Cell::Suppressed => hidden.clone(),
        Cell::Missing => missing.clone(),
    };
    for group in ds.groups() {
        if let Some(label) = group.label() {
            out.push_str("    (kind: \"group\", cells: (");
            push(&mut out, &loc.message(label, &[]));
            out.push_str(")),\n");
        }
        for row in group.rows() {
            let kind = if row.is_total() { "total" } else { "row" };
            let _ = write!(out, "    (kind: \"{kind}\", cells: (");
            push(&mut out, &loc.message(row.label(), &[]));
            push(&mut out, &cell(row.total()));
            for &c in row.cells() {
                push(&mut out, &cell(c));
            }
            out.push_str(")),\n");
        }
    }
    out.push_str("  ),\n");
    if ds.has_suppressed() {
        let note = loc.message(
            "stats-suppressed-footnote",
            &[("n", f64::from(ds.min_count()))],
        );
        let _ = writeln!(out, "  note: {},", string(&note));
    }
    let colon = if loc.lang() == "fr" || loc.lang().starts_with("fr-") {
        "\u{a0}:"
    } else {
        ":"
    };
    let source = format!(
        "{}{colon} {}. {}{colon} {}",
        loc.message("stats-source", &[]),
        loc.message(ds.source(), &[]),
        loc.message("stats-reference-date", &[]),
        ds.reference_date()
    );
    let _ = writeln!(out, "  source: {},", string(&source));
    let _ = writeln!(
        out,
        "  csv: ({}, {}),",
        string(&loc.message("stats-download-csv", &[])),
        string(csv_url)
    );
    out.push_str(")\n");
    out
}

fn push(out: &mut String, text: &str) {
    out.push_str(&string(text));
    out.push_str(", ");
}
