//! Interface messages (`.ftl`) as the translation record sees them: each message's text in a
//! canonical form (Fluent's own serializer, without its comment), so that re-indenting a
//! file does not make every translation look outdated.
use fluent_syntax::ast::{Entry, Resource};
use fluent_syntax::parser;
use fluent_syntax::serializer;

/// One message (or term, id `-name`) of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub id: String,
    /// The canonical text: `id = value` and its attributes, without the comment.
    pub text: String,
    /// Byte offset of its first line in the file.
    pub offset: usize,
}

/// Every message of a Fluent file, in file order. Syntax errors are the build's to report:
/// entries that do not parse are left out.
pub fn parse(text: &str) -> Vec<Message> {
    let resource = match parser::parse(text) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    let mut out = Vec::new();
    for entry in resource.body {
        let (id, entry) = match entry {
            Entry::Message(mut m) => {
                m.comment = None;
                (m.id.name.to_string(), Entry::Message(m))
            }
            Entry::Term(mut t) => {
                t.comment = None;
                (format!("-{}", t.id.name), Entry::Term(t))
            }
            _ => continue,
        };
        let text_of = serializer::serialize(&Resource { body: vec![entry] });
        out.push(Message {
            offset: find(text, &id).unwrap_or(0),
            id,
            text: text_of.trim_end().to_string(),
        });
    }
    out
}

/// Where the entry `id` starts in `text` (the same lookup the interface strings use).
pub(crate) use crate::i18n::find_message as find;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_text_ignores_comments_and_layout() {
        let a = parse("# A comment\nhello = Hello { $name }\nbye =\n    Goodbye\n    .title = Bye\n-brand = WIN\n");
        let b = parse("hello =   Hello { $name }\n\nbye = Goodbye\n  .title = Bye\n-brand = WIN\n");
        let texts = |v: &[Message]| {
            v.iter()
                .map(|m| (m.id.clone(), m.text.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(texts(&a), texts(&b));
        assert_eq!(a[0].text, "hello = Hello { $name }");
        assert_eq!(a[2].id, "-brand");
        assert_eq!(a[1].offset, "# A comment\nhello = Hello { $name }\n".len());
    }
}
