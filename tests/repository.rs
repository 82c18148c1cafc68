//! The repository listing through the real binary: one compact card per document, one
//! download button, the other languages folded with their sizes, and a short link in the
//! page's language that leads to that language's file.
mod support;

use std::path::Path;

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

fn kb(site: &SiteTest, rel: &str) -> u64 {
    let size = std::fs::metadata(site.public().join(rel))
        .unwrap_or_else(|e| panic!("{rel}: {e}"))
        .len();
    (size as f64 / 1000.0).round().max(1.0) as u64
}

/// Every `href="/d/…"` on a page.
fn short_links(html: &str) -> Vec<String> {
    html.split("href=\"/d/")
        .skip(1)
        .map(|rest| format!("/d/{}", rest.split('"').next().unwrap()))
        .collect()
}

#[test]
fn each_document_is_one_card_with_one_download_and_the_other_languages_sized() {
    let site = fixture();
    site.build().assert_ok();
    let html = site.output("el/downloads/index.html");
    // Four documents, four cards, four download buttons.
    assert_eq!(
        html.matches("<article class=\"doc-card\"").count(),
        4,
        "{html}"
    );
    assert_eq!(html.matches("class=\"doc-card__download\"").count(), 4);
    assert_eq!(html.matches("class=\"doc-card__title\"").count(), 4);
    assert_eq!(html.matches("class=\"doc-card__meta\"").count(), 4);
    // Each title once, and no other language's title.
    assert_eq!(html.matches("Δουλεύουμε μαζί").count(), 1, "{html}");
    for other in ["Working together", "Работим заедно", "Satisfaction survey"] {
        assert!(!html.contains(other), "{other} is shown on the Greek page");
    }
    // The download button is the Greek file, and says so.
    let greek_kb = kb(&site, "el/leaflets/hello.pdf");
    assert!(html.contains(&format!(
        "<a class=\"doc-card__download\" href=\"/el/leaflets/hello.pdf\" hreflang=\"el\" type=\"application/pdf\" download>Λήψη PDF, {greek_kb} KB, <span lang=\"el\">Ελληνικά</span></a>"
    )), "{html}");
    // The other languages, each with its format and size, in the page's number format.
    let bg_kb = kb(&site, "bg/leaflets/hello.pdf");
    assert!(html.contains(&format!(
        "<li><a href=\"/bg/leaflets/hello.pdf\" hreflang=\"bg\" type=\"application/pdf\" lang=\"bg\">Български</a> <span class=\"doc-card__size\">PDF, {bg_kb} KB</span></li>"
    )), "{html}");
    // The other languages are folded, one disclosure per card that has any, its summary
    // counting them: the leaflet (bg, ar), the survey (en, ar), the talk (en); the partners'
    // deck is only in English.
    assert_eq!(
        html.matches("<details class=\"doc-card__others\">").count(),
        3,
        "{html}"
    );
    assert!(
        html.contains("<summary id=\"document-hello-others\">Άλλες γλώσσες (3)</summary>"),
        "{html}"
    );
    // The facts line holds what the button does not say: pages, date, licence, short link.
    for shown_by_the_button in ["<dt>Γλώσσα</dt>", "<dt>Μορφή</dt>", "<dt>Μέγεθος</dt>"]
    {
        assert!(!html.contains(shown_by_the_button), "{shown_by_the_button}");
    }
    assert_eq!(html.matches("<dt>Σύντομος σύνδεσμος</dt>").count(), 4);
    // The Greek version is not listed again among the others.
    let hello = &html[html.find("id=\"document-hello\"").unwrap()..];
    let hello = &hello[..hello.find("</article>").unwrap()];
    assert_eq!(
        hello.matches("href=\"/el/leaflets/hello.pdf\"").count(),
        1,
        "{hello}"
    );
}

#[test]
fn the_short_link_on_each_language_page_leads_to_that_language() {
    let site = fixture();
    site.build().assert_ok();
    for (lang, page) in [
        ("en", "en/downloads/index.html"),
        ("el", "el/downloads/index.html"),
        ("bg", "bg/downloads/index.html"),
        ("ar", "ar/downloads/index.html"),
    ] {
        let html = site.output(page);
        let links = short_links(&html);
        assert_eq!(links.len(), 4, "{lang}: {links:?}");
        for link in &links {
            // /d/ID/LANG/: the page's language where the document has it, else English.
            let code = link.trim_end_matches('/').rsplit('/').next().unwrap();
            assert!(code == lang || code == "en", "{lang}: {link}");
            let target = site.output(&format!("{}index.html", &link[1..]));
            let url = target
                .split("url=")
                .nth(1)
                .and_then(|r| r.split('"').next())
                .unwrap_or_else(|| panic!("{link} does not redirect"));
            assert!(
                url.starts_with(&format!("/{code}/")),
                "{link} leads to {url}"
            );
            assert!(
                site.public().join(&url[1..]).is_file(),
                "{link} leads to a missing {url}"
            );
        }
    }
    // The Greek page's short link for the leaflet is the Greek one, as the Greek PDF prints.
    let greek = site.output("el/downloads/index.html");
    assert!(greek.contains("href=\"/d/hello/el/\""), "{greek}");
    assert!(!greek.contains("href=\"/d/hello/\""));
    assert!(site
        .output("d/hello/el/index.html")
        .contains("url=/el/leaflets/hello.pdf"));
    // Every short-link page lists the other languages ("latest version and other languages").
    let greek_short = site.output("d/hello/el/index.html");
    assert!(
        greek_short.contains("href=\"/bg/leaflets/hello.pdf\""),
        "{greek_short}"
    );
}
