//! Interface strings and number formats, per language.
//!
//! In: the configured languages and the `locales/LANG/*.ftl` sources. Out: an [`I18n`] that
//! looks a message up in a language (falling back to the default language), formats numbers
//! and dates the way the language writes them, plus warnings for every message a language
//! lacks and errors for every Fluent syntax mistake.
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::types::FluentNumber;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast::{Expression, InlineExpression, Pattern, PatternElement};
use icu_decimal::DecimalFormatter;
use intl_memoizer::concurrent::IntlLangMemoizer;
use intl_memoizer::Memoizable;
use unic_langid::LanguageIdentifier;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics, Span};
use crate::load::SourceFile;
use crate::site::LangId;

struct Locale {
    bundle: FluentBundle<FluentResource>,
    decimal: NumberFormat,
    ids: BTreeSet<String>,
}

/// Every language's interface strings and formats.
pub struct I18n {
    locales: Vec<Locale>,
    default: LangId,
    codes: Vec<String>,
}

/// Why a message could not be given.
#[derive(Debug)]
pub enum MessageError {
    /// No language, not even the default one, has this message.
    Unknown,
    /// The message exists but could not be formatted (e.g. a variable was not given).
    Format(String),
}

impl I18n {
    /// Parses every `.ftl` file; `locales` pairs each file with its language folder name.
    pub fn load(config: &Config, locales: &[(String, SourceFile)]) -> (I18n, Diagnostics) {
        I18n::load_with_theme(config, &[], locales)
    }

    /// Like [`I18n::load`], with the theme's own strings under the site's: a message the site
    /// defines replaces the theme's message of the same id. When no file of the default
    /// language defines `site-title`, `title` from ponte.toml is the site's name.
    pub fn load_with_theme(
        config: &Config,
        theme: &[(String, SourceFile)],
        locales: &[(String, SourceFile)],
    ) -> (I18n, Diagnostics) {
        let mut problems = Diagnostics::default();
        let mut built = Vec::new();
        // Language → message id → the variables it uses, with their places.
        let mut variables: Vec<MessageVariables> = vec![Default::default(); config.languages.len()];
        for folder in locales.iter().map(|(l, _)| l).collect::<BTreeSet<_>>() {
            if config.language_index(folder).is_none() {
                problems.push(
                    Diagnostic::warning(format!(
                        "`locales/{folder}` is not a language of this site"
                    ))
                    .at(Span::file(&Path::new("locales").join(folder)))
                    .hint("add it to [[languages]] in ponte.toml, or remove the folder"),
                );
            }
        }
        for lang in &config.languages {
            let langid: LanguageIdentifier = lang.code.parse().unwrap_or_default();
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            bundle.set_use_isolating(false);
            bundle.set_formatter(Some(format_fluent_number));
            let mut ids = BTreeSet::new();
            let theme_files = theme.iter().filter(|(l, _)| *l == lang.code);
            let site_files = locales.iter().filter(|(l, _)| *l == lang.code);
            let files: Vec<(bool, &SourceFile)> = theme_files
                .map(|(_, f)| (false, f))
                .chain(site_files.map(|(_, f)| (true, f)))
                .collect();
            let mut site_ids = BTreeSet::new();
            if files.is_empty() && lang.code != config.default_lang().code {
                problems.push(
                    Diagnostic::warning(format!(
                        "there are no interface strings for {} (`locales/{}/`)",
                        lang.name, lang.code
                    ))
                    .at(Span::file(Path::new("ponte.toml")))
                    .hint(format!(
                        "copy locales/{}/ to locales/{}/ and translate it; until then {} is shown",
                        config.default_lang().code,
                        lang.code,
                        config.default_lang().name
                    )),
                );
            }
            for (from_site, file) in files {
                let resource = match FluentResource::try_new(file.text.clone()) {
                    Ok(r) => r,
                    Err((r, errors)) => {
                        for e in errors {
                            problems.push(fluent_syntax_error(&file.path, &file.text, &e));
                        }
                        r
                    }
                };
                let mut twice = Vec::new();
                for entry in resource.entries() {
                    if let fluent_syntax::ast::Entry::Message(m) = entry {
                        ids.insert(m.id.name.to_string());
                        if from_site && !site_ids.insert(m.id.name.to_string()) {
                            twice.push(m.id.name.to_string());
                        }
                        let mut found = Vec::new();
                        if let Some(value) = &m.value {
                            pattern_variables(value, &mut found);
                        }
                        for a in &m.attributes {
                            pattern_variables(&a.value, &mut found);
                        }
                        let source = resource.source();
                        let uses = found
                            .into_iter()
                            .map(|name| {
                                let offset = (name.as_ptr() as usize)
                                    .saturating_sub(source.as_ptr() as usize)
                                    .saturating_sub(1);
                                let span = Span::from_offset(
                                    &file.path,
                                    &file.text,
                                    offset,
                                    name.len() + 1,
                                );
                                (name.to_string(), span)
                            })
                            .collect();
                        variables[built.len()].insert(m.id.name.to_string(), uses);
                    }
                }
                if from_site {
                    // The site's strings replace the theme's; the same id twice in the
                    // site's own files is still a mistake.
                    for id in twice {
                        let offset = find_message(&file.text, &id).unwrap_or(0);
                        problems.push(
                            Diagnostic::error(format!("the message `{id}` is defined twice"))
                                .at(Span::from_offset(&file.path, &file.text, offset, id.len()))
                                .hint("each message id may appear once per language; rename or remove one"),
                        );
                    }
                    bundle.add_resource_overriding(resource);
                } else if let Err(errors) = bundle.add_resource(resource) {
                    for e in errors {
                        if let fluent_bundle::FluentError::Overriding { id, .. } = e {
                            let offset = find_message(&file.text, &id).unwrap_or(0);
                            problems.push(
                                Diagnostic::error(format!("the message `{id}` is defined twice"))
                                    .at(Span::from_offset(&file.path, &file.text, offset, id.len()))
                                    .hint("each message id may appear once per language; rename or remove one"),
                            );
                        }
                    }
                }
            }
            if lang.code == config.default_lang().code && !ids.contains("site-title") {
                let quoted = config.title.replace('\\', "\\\\").replace('"', "\\\"");
                if let Ok(resource) =
                    FluentResource::try_new(format!("site-title = {{ \"{quoted}\" }}\n"))
                {
                    bundle.add_resource_overriding(resource);
                }
            }
            built.push(Locale {
                bundle,
                decimal: NumberFormat::new(&lang.code),
                ids,
            });
        }
        let i18n = I18n {
            locales: built,
            default: config.default_language,
            codes: config.languages.iter().map(|l| l.code.clone()).collect(),
        };
        problems.extend(i18n.coverage());
        problems.extend(unknown_variables(
            &variables,
            config.default_language,
            &i18n.codes,
        ));
        (i18n, problems)
    }

    /// One warning per language that lacks messages the default language has.
    fn coverage(&self) -> Vec<Diagnostic> {
        let default = &self.locales[self.default].ids;
        let mut out = Vec::new();
        for (lang, locale) in self.locales.iter().enumerate() {
            if lang == self.default || locale.ids.is_empty() {
                continue;
            }
            let missing: Vec<&str> = default
                .difference(&locale.ids)
                .map(String::as_str)
                .collect();
            if !missing.is_empty() {
                out.push(
                    Diagnostic::warning(format!(
                        "{} interface message(s) missing in `{}`: {}",
                        missing.len(),
                        self.codes[lang],
                        missing.join(", ")
                    ))
                    .at(Span::file(
                        &PathBuf::from("locales").join(&self.codes[lang]),
                    ))
                    .hint(format!(
                        "until they are translated these are shown in `{}`",
                        self.codes[self.default]
                    )),
                );
            }
        }
        out
    }

    /// Looks up `id` in `lang`, falling back to the default language.
    pub fn message(
        &self,
        lang: LangId,
        id: &str,
        args: Option<&FluentArgs>,
    ) -> Result<String, MessageError> {
        for l in [lang, self.default] {
            let bundle = &self.locales[l].bundle;
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, args, &mut errors);
                match errors.first() {
                    None => return Ok(text.into_owned()),
                    // A translation that cannot be formatted (reported when the files were
                    // read) gives way to the default language's message.
                    Some(_) if l != self.default => continue,
                    Some(e) => return Err(MessageError::Format(e.to_string())),
                }
            }
        }
        Err(MessageError::Unknown)
    }

    /// Like [`I18n::message`], but a missing message gives its id (for places with no span).
    pub fn text(&self, lang: LangId, id: &str) -> String {
        self.message(lang, id, None)
            .unwrap_or_else(|_| id.to_string())
    }

    /// The message ids `lang` defines.
    pub fn ids(&self, lang: LangId) -> &BTreeSet<String> {
        &self.locales[lang].ids
    }

    /// Whether any language defines `id`.
    pub fn has(&self, id: &str) -> bool {
        self.locales.iter().any(|l| l.ids.contains(id))
    }

    /// `value` with exactly `fraction_digits` digits after the decimal separator, grouped
    /// as the language groups digits (12,345.6 · 12.345,6 · 12 345,6).
    pub fn number(&self, lang: LangId, value: f64, fraction_digits: usize) -> String {
        self.locales[lang].decimal.format(value, fraction_digits)
    }

    /// A date written `YYYY-MM-DD…` as the language writes it, using the messages
    /// `month-1` … `month-12` and `date-long` (with `$day`, `$month`, `$year`).
    pub fn date(&self, lang: LangId, iso: &str) -> String {
        let parts: Vec<u32> = iso
            .get(..10)
            .unwrap_or("")
            .split('-')
            .filter_map(|p| p.parse().ok())
            .collect();
        let [year, month, day] = parts[..] else {
            return iso.to_string();
        };
        let month_name = self.text(lang, &format!("month-{month}"));
        let mut args = FluentArgs::new();
        args.set("day", FluentValue::String(day.to_string().into()));
        args.set("month", FluentValue::String(month_name.into()));
        args.set("year", FluentValue::String(year.to_string().into()));
        self.message(lang, "date-long", Some(&args))
            .unwrap_or_else(|_| iso[..10].to_string())
    }
}

/// Locale-aware decimal formatting (ICU4X), used by templates and by Fluent's `NUMBER`.
pub struct NumberFormat(Option<DecimalFormatter>);

impl NumberFormat {
    pub fn new(code: &str) -> NumberFormat {
        let formatter = icu_locale_core::Locale::try_from_str(code)
            .ok()
            .and_then(|l| DecimalFormatter::try_new((&l).into(), Default::default()).ok());
        NumberFormat(formatter)
    }

    pub fn format(&self, value: f64, fraction_digits: usize) -> String {
        let plain = format!("{value:.fraction_digits$}");
        match (&self.0, plain.parse::<fixed_decimal::Decimal>()) {
            (Some(f), Ok(d)) => f.format(&d).to_string(),
            _ => plain,
        }
    }
}

impl Memoizable for NumberFormat {
    type Args = ();
    type Error = ();
    fn construct(lang: LanguageIdentifier, _: ()) -> Result<Self, ()> {
        Ok(NumberFormat::new(&lang.to_string()))
    }
}

fn format_fluent_number(value: &FluentValue, memoizer: &IntlLangMemoizer) -> Option<String> {
    let FluentValue::Number(FluentNumber { value, options }) = value else {
        return None;
    };
    let digits = options
        .minimum_fraction_digits
        .unwrap_or(0)
        .max(if value.fract() == 0.0 {
            0
        } else {
            options.maximum_fraction_digits.unwrap_or(1).min(3)
        });
    memoizer
        .with_try_get::<NumberFormat, _, _>((), |f| f.format(*value, digits))
        .ok()
}

fn fluent_syntax_error(
    file: &Path,
    text: &str,
    e: &fluent_syntax::parser::ParserError,
) -> Diagnostic {
    let start = e.pos.start.min(text.len());
    // A line indented with a tab: Fluent only accepts spaces, and its own message then
    // speaks of tokens.
    let end = e.pos.end.clamp(start, text.len());
    let entry = text.get(start..end).unwrap_or("");
    let mut offset = start;
    for line in entry.split_inclusive('\n') {
        if line.starts_with('\t') {
            return Diagnostic::error("this line is indented with a tab")
                .at(Span::from_offset(file, text, offset, 1))
                .hint("Fluent indents with spaces only: replace the tab at the start of the line with four spaces");
        }
        offset += line.len();
    }
    // Fluent reports the whole broken entry; point at its first line.
    let len = text[start..]
        .find('\n')
        .unwrap_or(text.len() - start)
        .max(1);
    Diagnostic::error(format!(
        "Fluent syntax: {}",
        crate::diagnostic::escape_controls(&e.kind.to_string())
    ))
    .at(Span::from_offset(file, text, start, len))
    .hint("a message is `id = text`; continuation lines are indented; variables are { $name }")
}

/// Message id → the variables (`$name`) its value and attributes use, with their places.
type MessageVariables = std::collections::BTreeMap<String, Vec<(String, Span)>>;

/// The variables a pattern uses, in order (names borrow from the resource's source).
fn pattern_variables<'s>(pattern: &Pattern<&'s str>, out: &mut Vec<&'s str>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables<'s>(expression: &Expression<&'s str>, out: &mut Vec<&'s str>) {
    match expression {
        Expression::Inline(inline) => inline_variables(inline, out),
        Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for v in variants {
                pattern_variables(&v.value, out);
            }
        }
    }
}

fn inline_variables<'s>(inline: &InlineExpression<&'s str>, out: &mut Vec<&'s str>) {
    match inline {
        InlineExpression::VariableReference { id } => out.push(id.name),
        InlineExpression::FunctionReference { arguments, .. }
        | InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => {
            for a in &arguments.positional {
                inline_variables(a, out);
            }
            for a in &arguments.named {
                inline_variables(&a.value, out);
            }
        }
        InlineExpression::Placeable { expression } => expression_variables(expression, out),
        _ => {}
    }
}

/// A variable that the same message in the default language does not have (a translation
/// misspelt it: `{ $formato }` for `{ $format }`), or, in the default language, a variable
/// that none of the translations of that message use while they use others. Each is an error
/// at its place in the `.ftl` file: the message would otherwise show a raw `{$formato}`.
fn unknown_variables(
    variables: &[MessageVariables],
    default: LangId,
    codes: &[String],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let names = |uses: &[(String, Span)]| -> BTreeSet<String> {
        uses.iter().map(|(n, _)| n.clone()).collect()
    };
    let list = |set: &BTreeSet<String>| {
        set.iter()
            .map(|n| format!("{{ ${n} }}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let suggest = |name: &str, known: &BTreeSet<String>| {
        known
            .iter()
            .map(|k| (crate::config::edit_distance(name, k), k))
            .filter(|(d, k)| *d <= 2.max(k.len() / 3))
            .min()
            .map(|(_, k)| format!("did you mean `${k}`? "))
            .unwrap_or_default()
    };
    for (lang, messages) in variables.iter().enumerate() {
        for (id, uses) in messages {
            let known: BTreeSet<String> = if lang == default {
                let others: Vec<BTreeSet<String>> = variables
                    .iter()
                    .enumerate()
                    .filter(|(l, _)| *l != default)
                    .filter_map(|(_, m)| m.get(id))
                    .map(|u| names(u))
                    .collect();
                // Only when two or more translations agree is the default language the odd one.
                let agreed = others.len() >= 2 && others.iter().all(|o| *o == others[0]);
                if !agreed || others[0].is_empty() {
                    continue;
                }
                others[0].clone()
            } else {
                match variables[default].get(id) {
                    Some(u) => names(u),
                    None => continue,
                }
            };
            let mut reported = BTreeSet::new();
            for (name, span) in uses {
                if known.contains(name) || !reported.insert(name.clone()) {
                    continue;
                }
                let whose = if lang == default {
                    "its translations use".to_string()
                } else {
                    format!("the `{}` message uses", codes[default])
                };
                let hint = if known.is_empty() {
                    format!(
                        "{}{whose} no variables; remove {{ ${name} }}",
                        suggest(name, &known)
                    )
                } else {
                    format!(
                        "{}{whose} {}; variables keep the same names in every language",
                        suggest(name, &known),
                        list(&known)
                    )
                };
                out.push(
                    Diagnostic::error(format!(
                        "the message `{id}` uses the unknown variable `${name}`"
                    ))
                    .at(span.clone())
                    .hint(hint),
                );
            }
        }
    }
    out
}

/// Where the message `id` starts in the Fluent source `text`.
pub(crate) fn find_message(text: &str, id: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with(id) && line[id.len()..].trim_start().starts_with('=') {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(NumberFormat::new("en").format(12345.6, 1), "12,345.6");
        assert_eq!(NumberFormat::new("it").format(12345.6, 1), "12.345,6");
        assert_eq!(NumberFormat::new("el").format(12345.6, 1), "12.345,6");
        assert_eq!(
            NumberFormat::new("fr").format(12345.6, 1),
            "12\u{202f}345,6"
        );
        assert_eq!(NumberFormat::new("en").format(0.5, 0), "0");
    }
}
