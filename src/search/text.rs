//! Text for the index: HTML to plain text, words, the folded spelling the script also makes,
//! and excerpts.
use unicode_normalization::UnicodeNormalization;

/// Elements whose content is not text a reader searches for.
const SKIPPED: &[&str] = &["script", "style", "template", "svg", "noscript"];

/// The text of an HTML fragment: tags removed, character references decoded, the content of
/// scripts, styles and drawings left out, block boundaries kept as spaces.
pub fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find(['<', '&']) {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        if rest.starts_with('&') {
            let (decoded, used) = reference(rest);
            out.push_str(&decoded);
            rest = &rest[used..];
            continue;
        }
        // A tag: up to its `>` outside quotes.
        let Some(end) = tag_end(rest) else {
            rest = "";
            break;
        };
        let tag = &rest[1..end];
        rest = &rest[end + 1..];
        if !tag.starts_with('/') && !tag.ends_with('/') {
            let name_len = tag.bytes().take_while(u8::is_ascii_alphanumeric).count();
            let name = &tag[..name_len];
            if let Some(skipped) = SKIPPED.iter().find(|s| s.eq_ignore_ascii_case(name)) {
                rest = &rest[closing(rest, skipped)..];
                continue;
            }
        }
        if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.push_str(rest);
    let mut text = String::with_capacity(out.len());
    for word in out.split_whitespace() {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(word);
    }
    text
}

/// Where the closing tag `</name` starts in `s` (ASCII case ignored), or the end of `s`.
fn closing(s: &str, name: &str) -> usize {
    s.match_indices("</")
        .map(|(i, _)| i)
        .find(|&i| {
            s.as_bytes()
                .get(i + 2..i + 2 + name.len())
                .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
        })
        .unwrap_or(s.len())
}

/// The offset of the `>` that ends the tag at the start of `s`.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// A character reference at the start of `s`: its text and how many bytes it took.
fn reference(s: &str) -> (String, usize) {
    let end = s
        .char_indices()
        .take(12)
        .find(|(_, c)| *c == ';')
        .map(|(i, _)| i);
    let Some(end) = end else {
        return ("&".into(), 1);
    };
    let name = &s[1..end];
    let decoded = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => {
            let number = if let Some(hex) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok()
            } else if let Some(dec) = name.strip_prefix('#') {
                dec.parse().ok()
            } else {
                None
            };
            number.and_then(char::from_u32)
        }
    };
    match decoded {
        Some(c) => (c.to_string(), end + 1),
        None => ("&".into(), 1),
    }
}

/// The words of a text: runs of letters and digits (the script splits a query the same way,
/// with `/[\p{Alphabetic}\p{N}]+/u`).
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// A word as the script compares it: lower case, decomposed, without combining diacritical
/// marks (U+0300–U+036F), final sigma as sigma. `Γυναικών`, `γυναικων` and `ΓΥΝΑΙΚΩΝ` fold
/// alike, so a query typed without accents (common on phones) still finds its stem.
pub fn fold(word: &str) -> String {
    word.to_lowercase()
        .nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| if c == 'ς' { 'σ' } else { c })
        .nfc()
        .collect()
}

/// The start of `text`, at most `max` characters, cut at a word boundary with `…`.
pub fn excerpt(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let at = cut.rfind(char::is_whitespace).unwrap_or(cut.len());
    format!(
        "{}…",
        cut[..at].trim_end_matches(|c: char| !c.is_alphanumeric())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_text() {
        assert_eq!(
            plain_text("<h2 id=\"a\"><a href=\"#a\">Title</a></h2><p>One &amp; two&nbsp;&#x3b1;<br>three</p><script>x()</script><p>four</p>"),
            "Title One & two α three four"
        );
        assert_eq!(plain_text("a <b title=\"x>y\">b</b> c"), "a b c");
        assert_eq!(plain_text("broken <p"), "broken");
        assert_eq!(plain_text("&unknown; &"), "&unknown; &");
    }

    #[test]
    fn words_and_folding() {
        let w: Vec<&str> = words("L'intégration, 2019 — γυναικών; жените!").collect();
        assert_eq!(w, ["L", "intégration", "2019", "γυναικών", "жените"]);
        assert_eq!(fold("ΓΥΝΑΙΚΏΝ"), "γυναικων");
        assert_eq!(fold("Intégration"), "integration");
        assert_eq!(fold("διαμεσολαβητής"), "διαμεσολαβητησ");
    }

    #[test]
    fn excerpts_cut_at_words() {
        assert_eq!(excerpt("short", 10), "short");
        assert_eq!(excerpt("one two three four", 12), "one two…");
    }
}
