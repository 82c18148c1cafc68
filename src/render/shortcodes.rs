//! The shortcodes pages may call, rendered per language:
//! `{{ video(url="https://…", title="…") }}` — a link card for a video hosted elsewhere
//! (never an embed: an embedded player would tell the host who is reading);
//! `{{ stats(id="employment", view="table") }}` — a published (already suppressed) dataset as
//! a table, an SVG chart or both, with its CSV download;
//! `{{ documents() }}` — the repository listing: every downloadable document in the page's
//! language, with what the build measured (pages, size);
//! `{{ contacts(show="all"|"emergency"|"partners") }}` — the emergency number and the partner
//! organisations of `content/contacts.toml`.
use pulldown_cmark_escape::{escape_href, escape_html};

use crate::contacts::Contacts;
use crate::documents::Pending;
use crate::i18n::I18n;
use crate::markdown::shortcode::{Arg, Call};
use crate::output::guard::host_of;
use crate::render::Shortcodes;
use crate::site::LangId;
use crate::stats::{render_html, Datasets, Localizer, View};

/// The default site's shortcodes.
pub struct SiteShortcodes<'a> {
    pub datasets: &'a Datasets,
    pub language_codes: Vec<String>,
    /// The documents' listing, filled in by the documents stage.
    pub documents: &'a Pending,
    /// `content/contacts.toml`, for `{{ contacts() }}`.
    pub contacts: &'a Contacts,
}

impl Shortcodes for SiteShortcodes<'_> {
    fn render(&self, call: &Call, lang: LangId, i18n: &I18n) -> Result<String, String> {
        match call.name.as_str() {
            "video" => video(call, lang, i18n),
            "stats" => self.stats(call, lang, i18n),
            "documents" => {
                check_args(call, &[], &[])?;
                Ok(self.documents.wait().html(i18n, lang))
            }
            "contacts" => {
                check_args(call, &["show"], &[])?;
                let show = text_arg(call, "show")?.unwrap_or("all");
                self.contacts
                    .html(i18n, lang, &self.language_codes[lang], show)
            }
            other => Err(format!(
                "there is no shortcode `{other}`; the shortcodes are: contacts, documents, stats, video"
            )),
        }
    }
}

impl SiteShortcodes<'_> {
    fn stats(&self, call: &Call, lang: LangId, i18n: &I18n) -> Result<String, String> {
        check_args(call, &["id", "view"], &["id"])?;
        let id = text_arg(call, "id")?.unwrap_or_default();
        let view: View = text_arg(call, "view")?.unwrap_or("both").parse()?;
        let Some(dataset) = self.datasets.get(id) else {
            let known: Vec<&str> = self.datasets.ids().collect();
            return Err(if known.is_empty() {
                format!("there is no dataset `{id}`: content/stats/ has none")
            } else {
                format!(
                    "there is no dataset `{id}`; the datasets are: {}",
                    known.join(", ")
                )
            });
        };
        let code = &self.language_codes[lang];
        let localizer = FluentLocalizer { i18n, lang, code };
        Ok(render_html(dataset, view, &localizer, &csv_path(code, id)))
    }
}

/// Where a dataset's CSV is published in a language.
pub fn csv_path(code: &str, id: &str) -> String {
    format!("/{code}/stats/{id}.csv")
}

/// The statistics renderer's view of one language: Fluent messages and ICU number formats.
pub struct FluentLocalizer<'a> {
    pub i18n: &'a I18n,
    pub lang: LangId,
    pub code: &'a str,
}

impl Localizer for FluentLocalizer<'_> {
    fn lang(&self) -> &str {
        self.code
    }
    fn message(&self, id: &str, args: &[(&str, f64)]) -> String {
        let mut fluent = fluent_bundle::FluentArgs::new();
        for (name, value) in args {
            fluent.set(*name, *value);
        }
        let args = if args.is_empty() { None } else { Some(&fluent) };
        self.i18n
            .message(self.lang, id, args)
            .unwrap_or_else(|_| id.to_string())
    }
    fn number(&self, value: f64, fraction_digits: usize) -> String {
        self.i18n.number(self.lang, value, fraction_digits)
    }
    fn percent(&self, ratio: f64, fraction_digits: usize) -> String {
        let value = self.i18n.number(self.lang, ratio * 100.0, fraction_digits);
        let mut args = fluent_bundle::FluentArgs::new();
        args.set("value", value.clone());
        self.i18n
            .message(self.lang, "percent", Some(&args))
            .unwrap_or_else(|_| format!("{value}%"))
    }
}

/// Checks that `call` has exactly the arguments `allowed`, with `required` among them.
pub fn check_args(call: &Call, allowed: &[&str], required: &[&str]) -> Result<(), String> {
    for (name, _) in &call.args {
        if !allowed.contains(&name.as_str()) {
            return Err(format!(
                "`{}` has no argument `{name}`; it takes: {}",
                call.name,
                allowed.join(", ")
            ));
        }
    }
    for name in required {
        if call.arg(name).is_none() {
            return Err(format!("`{}` needs the argument `{name}`", call.name));
        }
    }
    Ok(())
}

/// A text argument.
pub fn text_arg<'a>(call: &'a Call, name: &str) -> Result<Option<&'a str>, String> {
    match call.arg(name) {
        None => Ok(None),
        Some(Arg::Str(s)) => Ok(Some(s)),
        Some(_) => Err(format!("`{name}` must be text in double quotes")),
    }
}

fn video(call: &Call, lang: LangId, i18n: &I18n) -> Result<String, String> {
    check_args(call, &["url", "title"], &["url", "title"])?;
    let url = text_arg(call, "url")?.unwrap_or_default();
    let title = text_arg(call, "title")?.unwrap_or_default();
    let Some(host) =
        host_of(url).filter(|_| url.starts_with("https://") || url.starts_with("http://"))
    else {
        return Err(format!("`{url}` is not a web address (https://…)"));
    };
    let host = host.trim_start_matches("www.");
    let message = |id: &str| {
        let mut args = fluent_bundle::FluentArgs::new();
        args.set("host", host.to_string());
        args.set("title", title.to_string());
        i18n.message(lang, id, Some(&args))
            .map_err(|_| format!("the interface message `{id}` is missing from locales/"))
    };
    let (notice, watch) = (message("video-external")?, message("video-watch")?);
    let mut html = String::from("<div class=\"video-card\">\n<p class=\"video-title\">");
    let _ = escape_html(&mut html, title);
    html.push_str("</p>\n<p>");
    let _ = escape_html(&mut html, &notice);
    html.push_str("</p>\n<p><a href=\"");
    let _ = escape_href(&mut html, url);
    html.push_str("\" rel=\"noreferrer\">");
    let _ = escape_html(&mut html, &watch);
    html.push_str("</a></p>\n</div>\n");
    Ok(html)
}
