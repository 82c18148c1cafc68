//! Fluent messages as units: a message's value and attributes apart and back together, its
//! placeables protected, and a message replaced in a file without touching its neighbours.
use super::Inline;
use crate::translations::messages;

/// A message's canonical text split into its value and attributes, each unindented.
pub(super) fn split_message(canonical: &str) -> (Option<String>, Vec<(String, String)>) {
    let mut value: Option<Vec<String>> = None;
    let mut attrs: Vec<(String, Vec<String>)> = Vec::new();
    for (i, line) in canonical.lines().enumerate() {
        if i == 0 {
            let rest = line.split_once('=').map_or("", |(_, r)| r).trim_start();
            value = Some(if rest.is_empty() {
                vec![]
            } else {
                vec![rest.to_string()]
            });
            continue;
        }
        let inner = line.strip_prefix("    ").unwrap_or(line);
        if let Some(attr) = inner.strip_prefix('.').and_then(|a| a.split_once(" =")) {
            attrs.push((attr.0.to_string(), vec![attr.1.trim_start().to_string()]));
            if let Some(a) = attrs.last_mut() {
                a.1.retain(|l| !l.is_empty());
            }
        } else if let Some((_, lines)) = attrs.last_mut() {
            lines.push(inner.strip_prefix("    ").unwrap_or(inner).to_string());
        } else if let Some(v) = value.as_mut() {
            v.push(inner.to_string());
        }
    }
    let value = value.filter(|v| !v.is_empty()).map(|v| v.join("\n"));
    (
        value,
        attrs.into_iter().map(|(k, v)| (k, v.join("\n"))).collect(),
    )
}

/// The message `id` written from its value and attributes.
pub(super) fn join_message(id: &str, value: Option<&str>, attrs: &[(String, String)]) -> String {
    let mut out = format!("{id} =");
    let block = |out: &mut String, text: &str, indent: &str| {
        if text.contains('\n') {
            for line in text.lines() {
                out.push('\n');
                out.push_str(indent);
                out.push_str(line);
            }
        } else {
            out.push(' ');
            out.push_str(text);
        }
    };
    if let Some(v) = value {
        block(&mut out, v, "    ");
    }
    for (name, text) in attrs {
        out.push_str(&format!("\n    .{name} ="));
        block(&mut out, text, "        ");
    }
    out.push('\n');
    out
}

/// A Fluent pattern with its simple placeables (`{ $count }`, `{ -brand }`) protected;
/// selections (`{ $n -> … }`) stay text for the translator to adapt.
pub(super) fn protect(pattern: &str) -> (Vec<Inline>, Vec<(String, String)>) {
    let mut content = Vec::new();
    let mut data: Vec<(String, String)> = Vec::new();
    let mut text = String::new();
    let mut chars = pattern.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '{' {
            text.push(c);
            continue;
        }
        let (mut depth, mut in_str, mut end) = (1, false, pattern.len());
        for (j, d) in chars.by_ref() {
            match d {
                '"' => in_str = !in_str,
                '{' if !in_str => depth += 1,
                '}' if !in_str => {
                    depth -= 1;
                    if depth == 0 {
                        end = j + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        let placeable = &pattern[i..end];
        if placeable.contains("->") {
            text.push_str(placeable);
        } else {
            if !text.is_empty() {
                content.push(Inline::Text(std::mem::take(&mut text)));
            }
            let id = (data.len() + 1).to_string();
            data.push((id.clone(), placeable.to_string()));
            content.push(Inline::Ph(id));
        }
    }
    if !text.is_empty() {
        content.push(Inline::Text(text));
    }
    (content, data)
}

/// A target pattern with its placeables given the source's placeholder ids, if each one is
/// among the source's.
pub(super) fn protect_like(pattern: &str, data: &[(String, String)]) -> Option<Vec<Inline>> {
    let (content, own) = protect(pattern);
    let mut used = vec![false; data.len()];
    let mut out = Vec::new();
    for piece in content {
        match piece {
            Inline::Ph(id) => {
                let text = &own.iter().find(|(i, _)| *i == id)?.1;
                let k = (0..data.len()).find(|&k| !used[k] && &data[k].1 == text)?;
                used[k] = true;
                out.push(Inline::Ph(data[k].0.clone()));
            }
            t => out.push(t),
        }
    }
    Some(out)
}

/// `text` with the message `id` replaced by `message` (or added at the end).
pub(super) fn replace_message(text: &str, id: &str, message: &str) -> String {
    let Some(start) = messages::find(text, id) else {
        let sep = if text.is_empty() || text.ends_with('\n') {
            ""
        } else {
            "\n"
        };
        return format!("{text}{sep}{message}");
    };
    // The entry goes on over indented lines, a `}` closing a placeable, and blank lines
    // followed by more of them.
    let lines: Vec<&str> = text[start..].split_inclusive('\n').collect();
    let continues = |l: &str| l.starts_with([' ', '\t', '}']);
    let mut end = start + lines[0].len();
    let mut i = 1;
    while i < lines.len() {
        if continues(lines[i]) && !lines[i].trim().is_empty() {
            end += lines[i].len();
            i += 1;
            continue;
        }
        let mut j = i;
        while j < lines.len() && lines[j].trim().is_empty() {
            j += 1;
        }
        if j > i && j < lines.len() && continues(lines[j]) {
            end += lines[i..j].iter().map(|l| l.len()).sum::<usize>();
            i = j;
            continue;
        }
        break;
    }
    format!("{}{message}{}", &text[..start], &text[end..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_split_and_join() {
        let canonical = "pages =\n    { $count ->\n        [one] one page\n       *[other] { $count } pages\n    }\n    .title = Pages";
        let (value, attrs) = split_message(canonical);
        assert_eq!(
            value.as_deref(),
            Some("{ $count ->\n    [one] one page\n   *[other] { $count } pages\n}")
        );
        assert_eq!(attrs, vec![("title".to_string(), "Pages".to_string())]);
        let joined = join_message("pages", value.as_deref(), &attrs);
        assert_eq!(messages::parse(&joined)[0].text, canonical);
    }

    #[test]
    fn placeables_are_protected_but_selections_stay_text() {
        let (content, data) = protect("Pages tagged “{ $term }” by { -brand }");
        assert_eq!(
            data,
            vec![
                ("1".into(), "{ $term }".into()),
                ("2".into(), "{ -brand }".into())
            ]
        );
        assert_eq!(content.len(), 4);
        let (content, data) = protect("{ $n -> [one] a *[other] b }");
        assert!(data.is_empty());
        assert_eq!(
            content,
            vec![Inline::Text("{ $n -> [one] a *[other] b }".into())]
        );
        assert_eq!(
            protect_like(
                "от { -brand } с { $term }",
                &[
                    ("1".into(), "{ $term }".into()),
                    ("2".into(), "{ -brand }".into())
                ]
            ),
            Some(vec![
                Inline::Text("от ".into()),
                Inline::Ph("2".into()),
                Inline::Text(" с ".into()),
                Inline::Ph("1".into())
            ])
        );
    }

    #[test]
    fn replacing_a_message_keeps_its_neighbours() {
        let text = "# c\na = A\n    .t = T\nb = B\n";
        assert_eq!(replace_message(text, "a", "a = Б\n"), "# c\na = Б\nb = B\n");
        let select = "p = { $n ->\n    [one] a\n   *[other] b\n}\n\nq = Q\n";
        assert_eq!(replace_message(select, "p", "p = P\n"), "p = P\n\nq = Q\n");
        assert_eq!(
            replace_message(text, "z", "z = Z\n"),
            "# c\na = A\n    .t = T\nb = B\nz = Z\n"
        );
    }
}
