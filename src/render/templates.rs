//! The theme's Tera templates, compiled once per build, with ponte's functions:
//! `t(key=…)` (interface string in the page's language), `url(key=…)`, `asset(path=…)`,
//! `number(value=…, digits=…)` and `date(value=…)`.
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use fluent_bundle::{FluentArgs, FluentValue};
use tera::{Context, ErrorKind, Kwargs, State, Tera};

use crate::assets::AssetMap;
use crate::diagnostic::{Diagnostic, Span};
use crate::i18n::{I18n, MessageError};
use crate::load::SourceFile;
use crate::site::{PageKey, Site};

/// The compiled templates and where each came from.
pub struct Templates {
    tera: Tera,
    sources: HashMap<String, (PathBuf, String)>,
}

/// The context variable that tells the functions which language the page is in.
pub const LANG_INDEX: &str = "lang_index";

impl Templates {
    /// Compiles every template under `dir` (relative to the site root).
    pub fn load(
        files: &[SourceFile],
        dir: &Path,
        site: Arc<Site>,
        i18n: Arc<I18n>,
        assets: Arc<AssetMap>,
    ) -> Result<Templates, Vec<Diagnostic>> {
        let mut tera = Tera::new();
        let mut sources = HashMap::new();
        let mut named = Vec::new();
        for file in files {
            let name = file
                .path
                .strip_prefix(dir)
                // The site's own templates/ replace the theme's file by file.
                .or_else(|_| file.path.strip_prefix("templates"))
                .unwrap_or(&file.path)
                .to_string_lossy()
                .replace('\\', "/");
            sources.insert(name.clone(), (file.path.clone(), file.text.clone()));
            named.push((name, file.text.as_str()));
        }
        register_functions(&mut tera, site, i18n, assets);
        let mut templates = Templates { tera, sources };
        if let Err(e) = templates.tera.add_raw_templates(named) {
            return Err(vec![templates.error(&e)]);
        }
        Ok(templates)
    }

    pub fn has(&self, name: &str) -> bool {
        self.sources.contains_key(name)
    }

    /// Every template's name and text (for `ponte serve`, which compares two loads).
    pub fn texts(&self) -> impl Iterator<Item = (&str, &str)> {
        self.sources
            .iter()
            .map(|(name, (_, text))| (name.as_str(), text.as_str()))
    }

    /// Renders `name`; a mistake in the template is reported at its line and column.
    pub fn render(&self, name: &str, context: &Context) -> Result<String, Diagnostic> {
        self.tera.render(name, context).map_err(|e| {
            let d = self.error(&e);
            // An error Tera gives without a place is still in this template (or one it uses).
            match (&d.span, self.sources.get(name)) {
                (None, Some((path, _))) => d.at(Span::file(path)),
                _ => d,
            }
        })
    }

    /// An error Tera gives only as text (several errors at once): its first message, at the
    /// first ` --> NAME:LINE:COL` the text names.
    fn located_text(&self, text: &str) -> Diagnostic {
        let first = text
            .lines()
            .map(|l| l.trim().trim_start_matches("error:").trim())
            .find(|l| !l.is_empty())
            .unwrap_or("template error");
        let mut d = Diagnostic::error(format!("template error: {first}")).hint(
            "Tera syntax: {{ value }}, {% if … %}…{% endif %}, {% for x in list %}…{% endfor %}",
        );
        let place = text.lines().find_map(|l| {
            let rest = l.trim().strip_prefix("--> ")?;
            let mut parts = rest.rsplitn(3, ':');
            let col: usize = parts.next()?.parse().ok()?;
            let line: usize = parts.next()?.parse().ok()?;
            let (path, source) = self.sources.get(parts.next()?)?;
            Some((path, source, line, col))
        });
        if let Some((path, source, line, col)) = place {
            let offset =
                line_offset(source, line) + column_bytes(source, line, col.saturating_sub(1));
            d = d.at(Span::from_offset(path, source, offset, 1));
        }
        d
    }

    /// The place of the first `{% word` tag in template `name`.
    fn tag_span(&self, name: &str, word: &str) -> Option<Span> {
        let (path, text) = self.sources.get(name)?;
        let at = text
            .match_indices("{%")
            .map(|(i, _)| i)
            .find(|&i| {
                text[i + 2..]
                    .trim_start_matches(['-', ' ', '\t', '\n'])
                    .starts_with(word)
            })
            .unwrap_or(0);
        Some(Span::from_offset(path, text, at, 2))
    }

    /// A Tera error as a diagnostic pointing into the template file.
    pub fn error(&self, e: &tera::Error) -> Diagnostic {
        let report = match e.kind() {
            ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => r,
            ErrorKind::TemplateNotFound(name) => {
                return Diagnostic::error(format!("the template `{name}` does not exist")).hint(
                    "check the name in {% extends %}, {% include %} or the page's `template`",
                );
            }
            ErrorKind::MissingParent { current, parent } => {
                let d = Diagnostic::error(format!(
                    "`{current}` extends `{parent}`, which does not exist"
                ));
                return match self.sources.get(current) {
                    Some((path, _)) => d.at(Span::file(path)),
                    None => d,
                }
                .hint("create that template or fix the name in {% extends %}");
            }
            ErrorKind::CircularExtend {
                tpl,
                inheritance_chain,
            } => {
                let d = Diagnostic::error(format!(
                    "the templates extend each other in a circle: {} → {tpl}",
                    inheritance_chain.join(" → ")
                ))
                .hint("a template cannot be its own ancestor; remove or change one {% extends %} in the circle");
                return match self.tag_span(tpl, "extends") {
                    Some(span) => d.at(span),
                    None => d,
                };
            }
            ErrorKind::CircularInclude { tpl, include_chain } => {
                let d = Diagnostic::error(format!(
                    "the templates include each other in a circle: {}",
                    include_chain.join(" → ")
                ))
                .hint("a template cannot include itself, even through others; remove one {% include %} in the circle");
                return match self.tag_span(tpl, "include") {
                    Some(span) => d.at(span),
                    None => d,
                };
            }
            ErrorKind::Msg(m) if m.contains("recursion depth") => {
                let d = Diagnostic::error("a component calls itself without end (more than 20 levels deep)")
                    .hint("a component that renders itself needs a condition that stops it ({% if … %}), or pass a smaller value each time");
                let mut names: Vec<&String> = self.sources.keys().collect();
                names.sort();
                let defined = names.into_iter().find_map(|n| {
                    let (_, text) = &self.sources[n];
                    text.contains("component")
                        .then(|| self.tag_span(n, "component"))
                        .flatten()
                });
                return match defined {
                    Some(span) => d.at(span),
                    None => d,
                };
            }
            _ => return self.located_text(&e.to_string()),
        };
        let mut message = report.message().to_string();
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            message = format!("{message}: {s}");
            source = s.source();
        }
        let d = Diagnostic::error(message);
        let Some((path, text)) = self.sources.get(report.filename()) else {
            return d;
        };
        let span = report.span();
        let offset = line_offset(text, span.start_line)
            + column_bytes(text, span.start_line, span.start_col);
        let len = if span.end_line == span.start_line {
            span.end_col.saturating_sub(span.start_col)
        } else {
            1
        };
        let undefined = ["not found", "not defined", "undefined"]
            .iter()
            .any(|w| report.message().contains(w));
        let message = report.message();
        let hint = if message.contains("interface message") {
            "add the message (`id = text`) to a .ftl file in locales/ of the default language, then translate it"
        } else if message.contains("there is no page") {
            "give the page's path under content/ without the language, e.g. key=\"about/_index.md\""
        } else if message.contains("there is no asset") {
            "give the path of a file in the theme's static/ folder, or a .scss file's name with .css"
        } else if undefined {
            "this variable is not given to this template; see the README's list of template variables"
        } else {
            "Tera syntax: {{ value }}, {% if … %}…{% endif %}, {% for x in list %}…{% endfor %}"
        };
        d.at(Span::from_offset(path, text, offset, len.max(1)))
            .hint(hint)
    }
}

fn line_offset(text: &str, line: usize) -> usize {
    text.split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum()
}

fn column_bytes(text: &str, line: usize, col: usize) -> usize {
    let start = line_offset(text, line);
    text[start..].chars().take(col).map(char::len_utf8).sum()
}

fn lang_of(state: &State) -> usize {
    state.get::<usize>(LANG_INDEX).ok().flatten().unwrap_or(0)
}

fn register_functions(tera: &mut Tera, site: Arc<Site>, i18n: Arc<I18n>, assets: Arc<AssetMap>) {
    let strings = i18n.clone();
    tera.register_function(
        "t",
        move |kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
            let key: &str = kwargs.must_get("key")?;
            let mut args = FluentArgs::new();
            for (k, v) in kwargs.iter() {
                let k = k.to_string();
                if k == "key" {
                    continue;
                }
                if let Some(n) = v.as_f64() {
                    args.set(k, FluentValue::from(n));
                } else if let Some(s) = v.as_str() {
                    args.set(k, FluentValue::from(s.to_string()));
                }
            }
            let args = if args.iter().next().is_some() {
                Some(&args)
            } else {
                None
            };
            strings
                .message(lang_of(state), key, args)
                .map_err(|e| match e {
                    MessageError::Unknown => tera::Error::message(format!(
                        "there is no interface message `{key}` in any locales/*/*.ftl file"
                    )),
                    MessageError::Format(why) => {
                        tera::Error::message(format!("the message `{key}`: {why}"))
                    }
                })
        },
    );
    let urls = site;
    tera.register_function(
        "url",
        move |kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
            let key: &str = kwargs.must_get("key")?;
            let optional: Option<bool> = kwargs.get("optional")?;
            let key = PageKey(key.trim_start_matches("@/").to_string());
            let lang = lang_of(state);
            match urls
                .page(&key, lang)
                .or_else(|| urls.page(&key, urls.config.default_language))
            {
                Some(p) => Ok(p.path.clone()),
                None if optional == Some(true) => Ok(String::new()),
                None => Err(tera::Error::message(format!(
                    "there is no page `{}` under content/",
                    key.0
                ))),
            }
        },
    );
    tera.register_function(
        "asset",
        move |kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let path: &str = kwargs.must_get("path")?;
            let optional: Option<bool> = kwargs.get("optional")?;
            match assets.url(path) {
                Some(url) => Ok(url.to_string()),
                None if optional == Some(true) => Ok(String::new()),
                None => Err(tera::Error::message(format!(
                    "there is no asset `{path}` in the theme's sass/ or static/"
                ))),
            }
        },
    );
    let numbers = i18n.clone();
    tera.register_function(
        "number",
        move |kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
            let value: f64 = kwargs.must_get("value")?;
            let digits: Option<i64> = kwargs.get("digits")?;
            Ok(numbers.number(
                lang_of(state),
                value,
                digits.unwrap_or(0).clamp(0, 6) as usize,
            ))
        },
    );
    tera.register_function(
        "date",
        move |kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
            let value: &str = kwargs.must_get("value")?;
            Ok(i18n.date(lang_of(state), value))
        },
    );
}
