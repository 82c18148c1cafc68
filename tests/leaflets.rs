//! Links and interface words in printed documents, through the real binary: `@/` links in a
//! leaflet become the page's full address (a missing page is an error at its line), and a
//! language without its document strings prints the default language's words, never ids.
mod support;

use std::path::Path;

use lopdf::{Document, Object};
use support::SiteTest;

/// The documents fixture with the real theme's Typst templates, fonts and EU emblem.
fn fixture() -> SiteTest {
    let site = SiteTest::fixture("documents");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    for dir in ["documents", "fonts"] {
        for entry in std::fs::read_dir(repo.join(dir)).unwrap() {
            let entry = entry.unwrap();
            let rel = format!(
                "themes/default/{dir}/{}",
                entry.file_name().to_string_lossy()
            );
            site.write(&rel, std::fs::read(entry.path()).unwrap());
        }
    }
    site.write(
        "themes/default/static/eu-emblem.svg",
        std::fs::read(repo.join("static/eu-emblem.svg")).unwrap(),
    );
    site
}

fn pdf(site: &SiteTest, rel: &str) -> Document {
    let bytes = std::fs::read(site.public().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    Document::load_mem(&bytes).unwrap()
}

fn text(doc: &Document) -> String {
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).unwrap()
}

/// Every URI of the document's link annotations.
fn link_targets(doc: &Document) -> Vec<String> {
    doc.objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter_map(|d| d.get(b"A").ok())
        .filter_map(|a| match a {
            Object::Dictionary(a) => a.get(b"URI").ok().cloned(),
            Object::Reference(r) => doc
                .get_dictionary(*r)
                .ok()
                .and_then(|a| a.get(b"URI").ok().cloned()),
            _ => None,
        })
        .filter_map(|u| {
            u.as_str()
                .ok()
                .map(|b| String::from_utf8_lossy(b).into_owned())
        })
        .collect()
}

#[test]
fn leaflet_links_to_pages_become_full_addresses() {
    let site = fixture();
    site.edit(
        "content/leaflets/hello.el.md",
        "## ",
        "Δείτε [τα έγγραφα](@/downloads.md).\n\n## ",
    );
    site.build().assert_ok();
    let links = link_targets(&pdf(&site, "el/leaflets/hello.pdf"));
    assert!(
        links.iter().any(|l| l.ends_with("/el/downloads/")),
        "{links:?}"
    );
    assert!(!links.iter().any(|l| l.contains("@/")), "{links:?}");
}

#[test]
fn a_leaflet_link_to_a_missing_page_is_an_error_at_its_line() {
    let site = fixture();
    site.edit(
        "content/leaflets/hello.en.md",
        "Contact the partner in your country.",
        "Contact [the partners](@/about/partners.md) in your country.",
    );
    let run = site.build();
    run.assert_code(1);
    assert!(
        run.stderr.contains(
            "error: the link target `@/about/partners.md` does not exist\n  --> content/leaflets/hello.en.md:18:9\n"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_language_without_document_strings_prints_the_default_words() {
    let site = fixture();
    site.remove("locales/el/documents.ftl");
    let run = site.build();
    run.assert_ok();
    assert!(
        run.stderr.contains("interface message(s) missing in `el`"),
        "{}",
        run.stderr
    );
    let greek = text(&pdf(&site, "el/leaflets/hello.pdf"));
    assert!(!greek.contains("documents-"), "{greek}");
    assert!(greek.contains("Latest version"), "{greek}");
    let listing = site.output("el/downloads/index.html");
    assert!(!listing.contains(">documents-"), "{listing}");
}

#[test]
fn a_misspelt_variable_in_a_translation_is_an_error_at_its_place() {
    let site = fixture();
    site.edit(
        "locales/el/documents.ftl",
        "Λήψη { $format }",
        "Λήψη { $formato }",
    );
    let run = site.build();
    run.assert_code(1);
    assert!(
        run.stderr.contains(
            "error: the message `documents-download` uses the unknown variable `$formato`\n  --> locales/el/documents.ftl:"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `$format`?"),
        "{}",
        run.stderr
    );
}
