//! Shortcodes: `{{ name(key="value", n=3, flag=true) }}` calls written in Markdown.
//!
//! In: a page body. Out: the calls found (name, arguments, byte range), skipping code blocks
//! and inline code, or a syntax error at its offset. Pure: no knowledge of what a shortcode
//! does; the renderer decides that.
use std::ops::Range;

/// An argument value.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Str(String),
    Num(f64),
    Bool(bool),
}

/// One call in a body.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub name: String,
    pub args: Vec<(String, Arg)>,
    /// Byte range of the whole `{{ … }}` in the body.
    pub range: Range<usize>,
}

impl Call {
    pub fn arg(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }
}

/// A malformed call: what is wrong and where (byte offset in the body).
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub message: String,
    pub offset: usize,
}

/// Finds every shortcode call in `body`, outside fenced code blocks and inline code.
pub fn find_calls(body: &str) -> Result<Vec<Call>, SyntaxError> {
    let mut calls = Vec::new();
    let mut fence: Option<&str> = None;
    let mut line_start = 0;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        if indent <= 3 {
            for marker in ["```", "~~~"] {
                if trimmed.starts_with(marker) {
                    fence = match fence {
                        None => Some(marker),
                        Some(open) if open == marker => None,
                        other => other,
                    };
                }
            }
        }
        if fence.is_none() && !trimmed.starts_with("```") && !trimmed.starts_with("~~~") {
            scan_line(line, line_start, &mut calls)?;
        }
        line_start += line.len();
    }
    Ok(calls)
}

fn scan_line(line: &str, base: usize, calls: &mut Vec<Call>) -> Result<(), SyntaxError> {
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'`' {
            // Skip inline code: a run of backticks up to the same run.
            let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
            let fence = &line[i..i + run];
            match line[i + run..].find(fence) {
                Some(end) => i += run + end + run,
                None => i += run,
            }
            continue;
        }
        if bytes[i..].starts_with(b"{{") {
            let end = line[i..]
                .find("}}")
                .map(|e| i + e + 2)
                .ok_or_else(|| SyntaxError {
                    message: "this shortcode is not closed with `}}`".to_string(),
                    offset: base + i,
                })?;
            let inner = &line[i + 2..end - 2];
            let call = parse_call(inner, base + i + 2)?;
            calls.push(Call {
                range: base + i..base + end,
                ..call
            });
            i = end;
            continue;
        }
        i += 1;
    }
    Ok(())
}

fn parse_call(inner: &str, base: usize) -> Result<Call, SyntaxError> {
    let err = |message: &str, at: usize| SyntaxError {
        message: message.to_string(),
        offset: base + at,
    };
    let lead = inner.len() - inner.trim_start().len();
    let s = inner.trim();
    let open = s
        .find('(')
        .ok_or_else(|| err("a shortcode looks like {{ name(key=\"value\") }}", lead))?;
    let name = s[..open].trim();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(err("a shortcode name is letters, digits and _", lead));
    }
    if !s.ends_with(')') {
        return Err(err(
            "the shortcode's arguments are not closed with `)`",
            lead + s.len().saturating_sub(1),
        ));
    }
    let mut args = Vec::new();
    let body = &s[open + 1..s.len() - 1];
    let body_base = lead + open + 1;
    let mut rest = body;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let at = body_base + body.len() - rest.len();
        let eq = rest
            .find('=')
            .ok_or_else(|| err("write arguments as key=value", at))?;
        let key = rest[..eq].trim();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(err("an argument name is letters, digits and _", at));
        }
        rest = rest[eq + 1..].trim_start();
        let value_at = body_base + body.len() - rest.len();
        let (value, after) = if let Some(q) = rest.strip_prefix('"') {
            let close = q
                .find('"')
                .ok_or_else(|| err("this text is not closed with `\"`", value_at))?;
            (Arg::Str(q[..close].to_string()), &q[close + 1..])
        } else {
            let end = rest.find(',').unwrap_or(rest.len());
            let word = rest[..end].trim();
            let v =
                match word {
                    "true" => Arg::Bool(true),
                    "false" => Arg::Bool(false),
                    _ => Arg::Num(word.parse().map_err(|_| {
                        err("a value is \"text\", a number, true or false", value_at)
                    })?),
                };
            (v, &rest[end..])
        };
        args.push((key.to_string(), value));
        let after = after.trim_start();
        rest = match after.strip_prefix(',') {
            Some(r) => r,
            None if after.is_empty() => after,
            None => {
                return Err(err(
                    "separate arguments with commas",
                    body_base + body.len() - after.len(),
                ))
            }
        };
    }
    Ok(Call {
        name: name.to_string(),
        args,
        range: 0..0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_calls_with_arguments() {
        let body = "Intro\n\n{{ stats(id=\"employment\", view=\"chart\", n=3, x=true) }}\n";
        let calls = find_calls(body).unwrap();
        assert_eq!(calls.len(), 1);
        assert_eq!(calls[0].name, "stats");
        assert_eq!(calls[0].arg("id"), Some(&Arg::Str("employment".into())));
        assert_eq!(calls[0].arg("n"), Some(&Arg::Num(3.0)));
        assert_eq!(calls[0].arg("x"), Some(&Arg::Bool(true)));
        assert_eq!(
            &body[calls[0].range.clone()],
            "{{ stats(id=\"employment\", view=\"chart\", n=3, x=true) }}"
        );
    }

    #[test]
    fn survives_any_script() {
        assert!(find_calls("è {{ stats(id=\"é\") }} Ο `ό` γ").unwrap().len() == 1);
        assert!(find_calls("Ο γενικός στόχος").unwrap().is_empty());
    }

    #[test]
    fn skips_code() {
        let body = "```\n{{ stats(id=\"a\") }}\n```\nUse `{{ stats() }}` like this.\n";
        assert!(find_calls(body).unwrap().is_empty());
    }

    #[test]
    fn reports_errors_at_their_offset() {
        let e = find_calls("ab {{ stats(id=\"a) }}").unwrap_err();
        assert_eq!(e.offset, 15);
        let e = find_calls("{{ stats(id=\"a\")").unwrap_err();
        assert_eq!(e.offset, 0);
        assert!(find_calls("{{ stats id }}").is_err());
        assert!(find_calls("{{ stats(id=nope) }}").is_err());
    }
}
