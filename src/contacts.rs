//! The contacts file, `content/contacts.toml`: the partner organisations (name, city, country
//! and role in every language of the site; a website or an email address only where a source
//! gives one) and the emergency number, shown by the `{{ contacts() }}` shortcode.
//!
//! Nothing here makes up a contact: a partner without a website or email is shown with a
//! sentence saying that the site gives none, and where the official national contacts are
//! published (the `contacts-*` interface messages).
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

use crate::render::{esc, href};
use serde::Deserialize;
use toml::Spanned;

use crate::config::toml_error;
use crate::diagnostic::{Diagnostic, Span};
use crate::i18n::I18n;
use crate::site::LangId;

/// Where the contacts are kept, relative to the site root.
pub const CONTACTS_FILE: &str = "content/contacts.toml";

#[derive(Debug, Clone, Default)]
pub struct Contacts {
    /// The emergency number (112 in the whole European Union).
    pub emergency: Option<String>,
    pub partners: Vec<Partner>,
}

#[derive(Debug, Clone)]
pub struct Partner {
    pub acronym: String,
    /// The organisation's own name, and its name in a language that writes it otherwise.
    pub name: String,
    pub names: BTreeMap<String, String>,
    /// Language code → text.
    pub city: BTreeMap<String, String>,
    pub country: BTreeMap<String, String>,
    pub role: BTreeMap<String, String>,
    pub website: Option<String>,
    pub email: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    emergency: Option<Spanned<String>>,
    #[serde(default)]
    partner: Vec<RawPartner>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPartner {
    acronym: Spanned<String>,
    name: String,
    #[serde(default)]
    names: BTreeMap<String, String>,
    city: Spanned<BTreeMap<String, String>>,
    country: Spanned<BTreeMap<String, String>>,
    role: Spanned<BTreeMap<String, String>>,
    website: Option<Spanned<String>>,
    email: Option<Spanned<String>>,
}

impl Contacts {
    /// Reads the contacts file; `languages` are the site's language codes, each of which
    /// every partner's city, country and role must be given in.
    pub fn parse(
        file: &Path,
        text: &str,
        languages: &[String],
    ) -> Result<Contacts, Vec<Diagnostic>> {
        const SHAPE: &str = "the file has `emergency = \"112\"` and [[partner]] tables with `acronym`, `name`, `city`, `country` and `role` (each `{ en = \"…\", … }` in every language), and `website` or `email` only where a source gives one";
        let raw: Raw =
            toml::from_str(text).map_err(|e| vec![toml_error(file, text, &e).hint(SHAPE)])?;
        let span =
            |r: std::ops::Range<usize>| Span::from_offset(file, text, r.start, r.end - r.start);
        let mut problems = Vec::new();
        if let Some(number) = &raw.emergency {
            let n = number.get_ref();
            if n.is_empty() || !n.chars().all(|c| c.is_ascii_digit()) {
                problems.push(
                    Diagnostic::error(format!("the emergency number `{n}` is not a number"))
                        .at(span(number.span()))
                        .hint("write the digits only, e.g. emergency = \"112\""),
                );
            }
        }
        let mut partners = Vec::new();
        for p in raw.partner {
            if p.acronym.get_ref().trim().is_empty() {
                problems.push(
                    Diagnostic::error("the partner's `acronym` is empty")
                        .at(span(p.acronym.span()))
                        .hint("write the short name the site uses, e.g. FPMC"),
                );
            }
            for (field, table) in [
                ("city", &p.city),
                ("country", &p.country),
                ("role", &p.role),
            ] {
                let missing: Vec<&str> = languages
                    .iter()
                    .filter(|l| table.get_ref().get(*l).is_none_or(|t| t.trim().is_empty()))
                    .map(String::as_str)
                    .collect();
                if !missing.is_empty() {
                    problems.push(
                        Diagnostic::error(format!(
                            "the {field} of {} is not given in {}",
                            p.acronym.get_ref(),
                            missing.join(", ")
                        ))
                        .at(span(table.span()))
                        .hint(format!("add {} = \"…\" to `{field}`", missing[0])),
                    );
                }
            }
            if let Some(w) = &p.website {
                let ok = w.get_ref().starts_with("https://")
                    && crate::output::guard::host_of(w.get_ref()).is_some_and(|h| h.contains('.'))
                    && !w.get_ref().contains(char::is_whitespace);
                if !ok {
                    problems.push(
                        Diagnostic::error(format!("`{}` is not a web address", w.get_ref()))
                            .at(span(w.span()))
                            .hint(
                                "write the full address the source gives, starting with https://",
                            ),
                    );
                }
            }
            if let Some(e) = &p.email {
                let ok = e.get_ref().split_once('@').is_some_and(|(user, host)| {
                    !user.is_empty() && host.contains('.') && !host.ends_with('.')
                }) && !e.get_ref().contains(char::is_whitespace);
                if !ok {
                    problems.push(
                        Diagnostic::error(format!("`{}` is not an email address", e.get_ref()))
                            .at(span(e.span()))
                            .hint("write the address the source gives, e.g. info@example.org"),
                    );
                }
            }
            partners.push(Partner {
                acronym: p.acronym.into_inner(),
                name: p.name,
                names: p.names,
                city: p.city.into_inner(),
                country: p.country.into_inner(),
                role: p.role.into_inner(),
                website: p.website.map(Spanned::into_inner),
                email: p.email.map(Spanned::into_inner),
            });
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Contacts {
            emergency: raw.emergency.map(Spanned::into_inner),
            partners,
        })
    }

    /// What `{{ contacts(show="…") }}` shows in language `lang` (`code`): the emergency
    /// number and where the national contacts are published (`emergency`), the partners
    /// (`partners`), or both (`all`).
    pub fn html(
        &self,
        i18n: &I18n,
        lang: LangId,
        code: &str,
        show: &str,
    ) -> Result<String, String> {
        let message = |id: &str, args: Option<&fluent_bundle::FluentArgs>| {
            i18n.message(lang, id, args)
                .map_err(|_| format!("the interface message `{id}` is missing from locales/"))
        };
        let (emergency, partners) = match show {
            "all" => (true, true),
            "emergency" => (true, false),
            "partners" => (false, true),
            other => {
                return Err(format!(
                    "`show` is `{other}`; it is one of: all, emergency, partners"
                ))
            }
        };
        let mut html = String::from("<div class=\"contacts\">\n");
        if emergency {
            html.push_str("<div class=\"contacts-emergency\">\n");
            if let Some(number) = &self.emergency {
                let mut args = fluent_bundle::FluentArgs::new();
                args.set("number", number.clone());
                let _ = writeln!(
                    html,
                    "<p>{}</p>",
                    esc(&message("contacts-emergency", Some(&args))?).replace(
                        &esc(number),
                        &format!(
                            "<a href=\"tel:{}\"><strong>{}</strong></a>",
                            esc(number),
                            esc(number)
                        )
                    )
                );
            }
            let _ = writeln!(html, "<p>{}</p>", esc(&message("contacts-national", None)?));
            html.push_str("</div>\n");
        }
        if partners && !self.partners.is_empty() {
            html.push_str("<ul class=\"contacts-partners\">\n");
            for p in &self.partners {
                let get = |m: &BTreeMap<String, String>| m.get(code).cloned().unwrap_or_default();
                let name = p.names.get(code).unwrap_or(&p.name);
                let _ = write!(
                    html,
                    "<li class=\"contacts-partner\"><p><strong>{} ({})</strong>, {}, {}. {}</p>",
                    esc(name),
                    esc(&p.acronym),
                    esc(&get(&p.city)),
                    esc(&get(&p.country)),
                    esc(&get(&p.role)),
                );
                if let Some(w) = &p.website {
                    let _ = write!(
                        html,
                        "<p>{}: <a href=\"{}\" rel=\"noreferrer\">{}</a></p>",
                        esc(&message("contacts-website", None)?),
                        href(w),
                        esc(w.trim_start_matches("https://").trim_end_matches('/'))
                    );
                }
                if let Some(e) = &p.email {
                    let _ = write!(
                        html,
                        "<p>{}: <a href=\"mailto:{}\">{}</a></p>",
                        esc(&message("contacts-email", None)?),
                        href(e),
                        esc(e)
                    );
                }
                html.push_str("</li>\n");
            }
            html.push_str("</ul>\n");
            if self
                .partners
                .iter()
                .any(|p| p.website.is_none() && p.email.is_none())
            {
                let _ = writeln!(
                    html,
                    "<p class=\"contacts-none\">{}</p>",
                    esc(&message("contacts-no-details", None)?)
                );
            }
        }
        html.push_str("</div>\n");
        Ok(html)
    }
}

/// Reads the site's contacts file if it has one.
pub fn load(root: &Path, languages: &[String]) -> Result<Contacts, Vec<Diagnostic>> {
    let path = Path::new(CONTACTS_FILE);
    if !root.join(path).exists() {
        return Ok(Contacts::default());
    }
    let file = crate::load::read_text(root, path).map_err(|d| vec![d])?;
    Contacts::parse(&file.path, &file.text, languages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mistakes_have_their_place() {
        let langs = vec!["en".to_string(), "it".to_string()];
        let text = "emergency = \"112\"\n\n[[partner]]\nacronym = \"X\"\nname = \"X org\"\ncity = { en = \"Milan\" }\ncountry = { en = \"Italy\", it = \"Italia\" }\nrole = { en = \"a\", it = \"b\" }\nemail = \"nobody\"\n";
        let e = Contacts::parse(Path::new("content/contacts.toml"), text, &langs).unwrap_err();
        let at: Vec<(usize, usize)> = e
            .iter()
            .map(|d| (d.span.as_ref().unwrap().line, d.span.as_ref().unwrap().col))
            .collect();
        assert_eq!(at, vec![(6, 8), (9, 9)]);
        assert!(e[0].message.contains("city") && e[0].message.contains("it"));
    }
}
