//! Safety and privacy by construction, through the real binary: nothing is loaded from
//! another site, no inline code, no personal metadata in images, videos as link cards.
mod support;

use support::{golden, SiteTest};

#[test]
fn a_third_party_resource_in_a_template_stops_the_build() {
    let site = SiteTest::fixture("basic");
    site.edit(
        "themes/default/templates/base.html",
        "<link rel=\"stylesheet\"",
        "<link rel=\"stylesheet\" href=\"https://fonts.googleapis.com/css?family=Roboto\">\n<link rel=\"stylesheet\"",
    );
    let run = site.build();
    run.assert_code(1);
    assert!(!site.public().exists());
    golden(
        "errors/third-party-font.stderr",
        &run.stderr.lines().take(8).collect::<Vec<_>>().join("\n"),
    );
}

#[test]
fn inline_scripts_and_styles_in_templates_are_refused() {
    let site = SiteTest::fixture("basic");
    site.edit(
        "themes/default/templates/404.html",
        "<h1>",
        "<script>track()</script><h1 style=\"color:red\">",
    );
    let run = site.build();
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("error: an inline <script>\n  --> 404.html:18:1"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("error: an inline `style` attribute"),
        "{}",
        run.stderr
    );
}

#[test]
fn raw_html_in_markdown_is_cleaned_and_the_author_warned() {
    let site = SiteTest::fixture("basic");
    site.write(
        "content/about/team.en.md",
        "+++\ntitle = \"The team\"\n+++\n## Who {#who}\n\n<iframe src=\"https://www.youtube.com/embed/x\"></iframe>\n\n<p onclick=\"steal()\">Hello <b>team</b></p>\n",
    );
    let run = site.build();
    run.assert_ok();
    assert!(
        run.stderr.contains(
            "warning: an <iframe> in this HTML is removed\n  --> content/about/team.en.md:6:1"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "warning: an event handler in this HTML is removed\n  --> content/about/team.en.md:8:1"
        ),
        "{}",
        run.stderr
    );
    let html = site.output("en/about/team/index.html");
    assert!(!html.contains("iframe") && !html.contains("onclick"));
    assert!(html.contains("<p>Hello <b>team</b></p>"), "{html}");
}

#[test]
fn images_are_published_without_personal_metadata() {
    let site = SiteTest::fixture("basic");
    let mut jpeg = vec![0xFF, 0xD8];
    for (marker, data) in [
        (0xE0u8, &b"JFIF\0"[..]),
        (0xE1, b"Exif\0\0GPS 45.4642N 9.1900E Canon"),
        (0xDA, b"\x01"),
    ] {
        jpeg.extend([0xFF, marker]);
        jpeg.extend(((data.len() + 2) as u16).to_be_bytes());
        jpeg.extend_from_slice(data);
    }
    jpeg.extend([7, 7, 0xFF, 0xD9]);
    site.write("content/about/workshop.jpg", &jpeg);
    // Linked, it is published as it is without its metadata; shown, it is re-encoded in
    // several sizes (tests/images.rs).
    site.edit(
        "content/about/team.en.md",
        "Five partners.",
        "Five partners.\n\n[Trainers preparing a workshop](workshop.jpg)",
    );
    site.build().assert_ok();
    let published = std::fs::read(site.public().join("media/about/workshop.jpg")).unwrap();
    assert!(!String::from_utf8_lossy(&published).contains("GPS"));
    assert!(published.ends_with(&[7, 7, 0xFF, 0xD9]));
    assert!(site
        .output("en/about/team/index.html")
        .contains("<a href=\"/media/about/workshop.jpg\">Trainers preparing a workshop</a>"));
}

#[test]
fn a_mislabelled_image_is_refused_with_its_name() {
    let site = SiteTest::fixture("basic");
    site.write("content/about/photo.jpg", b"not really a jpeg");
    site.edit(
        "content/about/team.en.md",
        "Five partners.",
        "Five partners.\n\n![The team](photo.jpg)",
    );
    let run = site.build();
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("error: the image `photo.jpg`: this is not a JPEG image ponte can read"),
        "{}",
        run.stderr
    );
}

#[test]
fn videos_are_link_cards_in_the_page_language() {
    let site = SiteTest::default_site();
    site.edit(
        "content/repository/_index.it.md",
        "## ",
        "{{ video(url=\"https://youtu.be/7lHw3kJu8VY\", title=\"WIN, il video\") }}\n\n## ",
    );
    site.build().assert_ok();
    let html = site.output("it/archivio/index.html");
    assert!(html.contains("<div class=\"video-card\">\n<p class=\"video-title\">WIN, il video</p>\n<p>Questo video si trova su youtu.be, un sito esterno a questo."), "{html}");
    assert!(html.contains("<a href=\"https://youtu.be/7lHw3kJu8VY\" rel=\"noreferrer\">Guarda «WIN, il video» su youtu.be</a>"));
    assert!(!html.contains("<iframe"));
}

#[test]
fn security_headers_are_published() {
    let site = SiteTest::fixture("basic");
    site.build().assert_ok();
    let headers = site.output("_headers");
    assert!(headers.contains("Content-Security-Policy: default-src 'self';"));
    assert!(headers.contains("frame-ancestors 'none'"));
    assert!(headers.contains("Referrer-Policy: no-referrer"));
    assert!(headers.contains("X-Content-Type-Options: nosniff"));
    assert!(headers.contains("Permissions-Policy: camera=()"));
    assert!(!headers.contains("unsafe-inline"));
}

#[test]
fn the_default_site_is_small_and_self_contained() {
    let site = SiteTest::default_site();
    site.build().assert_ok();
    let home = site.output("en/index.html");
    assert!(home.contains(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;self&#39;;"
    ));
    // Quick exit first in the tab order, a real link that works without JavaScript.
    let first_link = home.find("<a ").unwrap();
    assert!(home[first_link..].starts_with("<a class=\"quick-exit\" id=\"quick-exit\" href=\"https://en.wikipedia.org/wiki/Weather\" rel=\"noreferrer\">"));
    // Home page + its CSS and scripts under 60 KB before compression.
    let mut total = home.len();
    for asset in ["style.", "js/exit."] {
        let name = home
            .split(&format!("\"/{asset}"))
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        total += std::fs::read(site.public().join(format!("{asset}{name}")))
            .unwrap()
            .len();
    }
    assert!(total < 60 * 1024, "home page weighs {total} bytes");
}

/// The first word of `text` that names trafficking in one of the site's six languages (en it
/// es fr el bg), as a whole word or a stem.
fn names_trafficking(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    lower
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| {
            w.starts_with("traffic")
                || w.starts_with("trafic")
                || w.starts_with("tráfico")
                || ["tratta", "tratte", "trata", "traite"].contains(w)
                || w.starts_with("εμπορί")
                || w.starts_with("εμπορι")
                || w.starts_with("σωματεμπορ")
                || w.starts_with("трафик")
        })
        .map(str::to_string)
}

/// A page's `<title>` and its description and Open Graph `<meta>` lines.
fn head_metadata(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(start) = html.find("<title>") {
        let end = html[start..]
            .find("</title>")
            .map_or(html.len(), |e| start + e);
        out.push(html[start..end].to_string());
    }
    for tag in html.split("<meta ").skip(1) {
        let tag = tag.split('>').next().unwrap_or("");
        if tag.contains("property=\"og:") || tag.contains("name=\"description\"") {
            out.push(tag.to_string());
        }
    }
    out
}

#[test]
fn discreet_titles_never_name_trafficking_in_any_language() {
    let site = SiteTest::default_site();
    assert!(site
        .read_source("ponte.toml")
        .contains("discreet_titles = true"));
    // The finder knows the word in every language: each real site title names it.
    for lang in ["en", "it", "es", "fr", "el", "bg"] {
        let ftl = site.read_source(&format!("locales/{lang}/main.ftl"));
        let title = ftl.lines().find(|l| l.starts_with("site-title =")).unwrap();
        assert!(names_trafficking(title).is_some(), "{lang}: {title}");
    }
    site.build().assert_ok();
    let mut pages = 0;
    for (rel, bytes) in SiteTest::tree(&site.public()) {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(&bytes);
        let meta = head_metadata(&html);
        assert!(!meta.is_empty(), "{rel} has no <title>");
        for line in meta {
            if let Some(word) = names_trafficking(&line) {
                panic!("{rel}: `{word}` in {line}");
            }
        }
        pages += 1;
    }
    assert!(pages > 200, "{pages} pages");
    // The tab shows the neutral name; the page keeps its real name and headings.
    let home = site.output("en/index.html");
    assert!(
        home.contains("<title>WIN: work and a new start</title>"),
        "{home}"
    );
    assert!(home.contains("<meta property=\"og:site_name\" content=\"WIN: work and a new start\">"));
    assert!(home.contains("WIN: work and a new start after trafficking"));
    let greek_safety = site.output("el/asfaleia-sto-diadiktyo/index.html");
    assert!(
        greek_safety.contains("· WIN: δουλειά και νέο ξεκίνημα</title>"),
        "{greek_safety}"
    );
    let chooser = site.output("index.html");
    assert!(chooser.contains("WIN: работа и ново начало"), "{chooser}");
}

#[test]
fn without_discreet_titles_the_real_name_is_the_title() {
    let dir = tempfile::Builder::new()
        .prefix("ponte-discreet-")
        .tempdir()
        .unwrap();
    let ponte = |root: &std::path::Path, args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_ponte"))
            .args(args)
            .current_dir(root)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    ponte(
        dir.path(),
        &["init", "s", "--title", "Work after trafficking"],
    );
    let root = dir.path().join("s");
    let config = std::fs::read_to_string(root.join("ponte.toml")).unwrap();
    // `ponte init` writes the option, off.
    assert!(config.contains("discreet_titles = false"), "{config}");
    ponte(&root, &["build"]);
    let home = std::fs::read_to_string(root.join("public/en/index.html")).unwrap();
    assert!(
        home.contains("<title>Work after trafficking</title>"),
        "{home}"
    );
    assert!(home.contains("<meta property=\"og:title\" content=\"Work after trafficking\">"));
    // On, with no neutral name written yet: the theme's neutral "Information".
    std::fs::write(
        root.join("ponte.toml"),
        config.replace("discreet_titles = false", "discreet_titles = true"),
    )
    .unwrap();
    ponte(&root, &["build"]);
    let home = std::fs::read_to_string(root.join("public/en/index.html")).unwrap();
    assert!(home.contains("<title>Information</title>"), "{home}");
    for line in head_metadata(&home) {
        assert!(names_trafficking(&line).is_none(), "{line}");
    }
    // The visible header keeps the real name.
    assert!(
        home.contains(">Work after trafficking</span></a>"),
        "{home}"
    );
}

#[test]
fn contacts_are_shown_from_the_file_and_none_is_invented() {
    let site = SiteTest::default_site();
    site.build().assert_ok();
    let pages = [
        ("en", "en/contact/index.html", "en/safety/index.html"),
        (
            "el",
            "el/epikoinonia/index.html",
            "el/asfaleia-sto-diadiktyo/index.html",
        ),
    ];
    for (lang, contact, safety) in pages {
        let contact = site.output(contact);
        let safety = site.output(safety);
        for acronym in ["FPMC", "AMIGA", "ANIMUS", "LULE", "ENERGHEIA"] {
            assert!(
                contact.contains(&format!("({acronym})</strong>")),
                "{lang}: {acronym}"
            );
        }
        for html in [&contact, &safety] {
            assert!(
                html.contains("<a href=\"tel:112\"><strong>112</strong></a>"),
                "{lang}"
            );
            assert!(html.contains("class=\"contacts-emergency\""));
        }
        assert!(contact.contains("class=\"contacts-none\""), "{lang}");
        // Nothing but 112 to call, no email address.
        assert_eq!(contact.matches("href=\"tel:").count(), 1, "{lang}");
        assert!(!contact.contains("mailto:"), "{lang}");
    }
    let en = site.output("en/contact/index.html");
    assert!(en.contains("the European Commission lists them on its anti-trafficking website"));
}

#[test]
fn a_malformed_contacts_file_is_an_error_at_its_place() {
    let site = SiteTest::default_site();
    site.edit(
        "content/contacts.toml",
        "acronym = \"LULE\"\n",
        "acronym = \"LULE\"\nemail = \"lule at example\"\n",
    );
    let text = site.read_source("content/contacts.toml");
    let line = text
        .lines()
        .position(|l| l.starts_with("email = "))
        .unwrap()
        + 1;
    let run = site.build();
    run.assert_code(1);
    assert!(
        run.stderr
            .contains(&format!("--> content/contacts.toml:{line}:9")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("is not an email address"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_language_chooser_has_the_funding_statement_and_disclaimer_in_every_language() {
    let site = SiteTest::default_site();
    site.build().assert_ok();
    let chooser = site.output("index.html");
    for lang in ["en", "it", "es", "fr", "el", "bg"] {
        let ftl = site.read_source(&format!("locales/{lang}/main.ftl"));
        for id in ["eu-funded", "eu-disclaimer"] {
            let text = ftl
                .lines()
                .find_map(|l| l.strip_prefix(&format!("{id} = ")))
                .unwrap_or_else(|| panic!("{lang}: no {id}"));
            let escaped = text.replace('\'', "&#39;").replace('"', "&quot;");
            assert!(
                chooser.contains(&escaped) || chooser.contains(text),
                "{lang}: {id} is not on the chooser"
            );
        }
        assert!(
            chooser.contains(&format!("<div class=\"eu-statement\" lang=\"{lang}\"")),
            "{lang}"
        );
    }
}

/// A PDF's own metadata, what a browser tab, a download list or a viewer's recent files show:
/// its Info Title, Subject and Keywords, and its XMP packet (dc:title, dc:description…).
struct PdfMeta {
    title: String,
    subject: String,
    keywords: String,
    xmp: String,
}

fn pdf_meta(rel: &str, bytes: &[u8]) -> PdfMeta {
    let doc = lopdf::Document::load_mem(bytes).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(|o| o.as_reference())
        .and_then(|id| doc.get_dictionary(id))
        .unwrap_or_else(|e| panic!("{rel} has no Info dictionary: {e}"));
    let text = |key: &[u8]| {
        info.get(key)
            .ok()
            .map(|o| lopdf::decode_text_string(o).unwrap_or_else(|e| panic!("{rel}: {e}")))
            .unwrap_or_default()
    };
    let xmp = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Metadata").ok())
        .and_then(|o| o.as_reference().ok())
        .and_then(|id| doc.get_object(id).ok())
        .and_then(|o| o.as_stream().ok())
        .map(|s| {
            let bytes = s
                .decompressed_content()
                .unwrap_or_else(|_| s.content.clone());
            String::from_utf8_lossy(&bytes).into_owned()
        })
        .unwrap_or_else(|| panic!("{rel} has no XMP metadata"));
    PdfMeta {
        title: text(b"Title"),
        subject: text(b"Subject"),
        keywords: text(b"Keywords"),
        xmp,
    }
}

/// Every PDF the site publishes, by path.
fn pdfs(site: &SiteTest) -> Vec<(String, Vec<u8>)> {
    SiteTest::tree(&site.public())
        .into_iter()
        .filter(|(rel, _)| rel.ends_with(".pdf"))
        .collect()
}

/// The `title` (or another key) of a document source, from its TOML or front matter.
fn source_value(site: &SiteTest, rel_pdf: &str, key: &str) -> Option<String> {
    // en/leaflets/employers.pdf ← content/leaflets/employers.en.md;
    // en/documents/pip.pdf ← templates-public/pip.en.toml (or .md).
    let (lang, rest) = rel_pdf.split_once('/').unwrap();
    let (dir, file) = rest.split_once('/').unwrap();
    let name = file.trim_end_matches(".pdf");
    let candidates = match dir {
        "leaflets" => vec![format!("content/leaflets/{name}.{lang}.md")],
        _ => vec![
            format!("templates-public/{name}.{lang}.toml"),
            format!("templates-public/{name}.{lang}.md"),
        ],
    };
    let source = candidates
        .iter()
        .find(|c| site.root().join(c).is_file())
        .map(|c| site.read_source(c))
        .unwrap_or_else(|| panic!("no source for {rel_pdf}"));
    source
        .lines()
        .find(|l| l.starts_with(&format!("{key} =")))
        .map(|line| {
            let table: toml::Table = toml::from_str(line).unwrap();
            table[key].as_str().unwrap().to_string()
        })
}

#[test]
fn discreet_titles_keep_every_pdfs_own_metadata_neutral_in_every_language() {
    let site = SiteTest::default_site();
    assert!(site
        .read_source("ponte.toml")
        .contains("discreet_titles = true"));
    site.build().assert_ok();
    let pdfs = pdfs(&site);
    let mut langs = std::collections::BTreeSet::new();
    let mut named_in_title = 0;
    for (rel, bytes) in &pdfs {
        let lang = rel.split('/').next().unwrap();
        langs.insert(lang.to_string());
        // The published file name (what a download list shows) names no subject either.
        assert!(names_trafficking(rel).is_none(), "{rel}");
        let meta = pdf_meta(rel, bytes);
        // PDF/UA needs a title: the neutral site name is in every one.
        let site_name = {
            let ftl = site.read_source(&format!("locales/{lang}/main.ftl"));
            let line = ftl
                .lines()
                .find(|l| l.starts_with("site-title-discreet ="))
                .unwrap()
                .to_string();
            line.split_once('=').unwrap().1.trim().to_string()
        };
        assert!(meta.title.ends_with(&site_name), "{rel}: {}", meta.title);
        for (what, text) in [
            ("Title", &meta.title),
            ("Subject", &meta.subject),
            ("Keywords", &meta.keywords),
            ("XMP", &meta.xmp),
        ] {
            if let Some(word) = names_trafficking(text) {
                panic!("{rel}: `{word}` in its {what}: {text}");
            }
        }
        let xmp_text = meta
            .xmp
            .replace("&apos;", "'")
            .replace("&#39;", "'")
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
        assert!(
            xmp_text.contains(&meta.title),
            "{rel}: XMP title differs from {}:\n{}",
            meta.title,
            meta.xmp
        );
        // The document's own title is the visible heading; where it names the subject the
        // metadata uses the neutral name instead.
        let title = source_value(&site, rel, "title").unwrap();
        if names_trafficking(&title).is_some() {
            named_in_title += 1;
            assert!(!meta.title.contains(&title), "{rel}");
        }
    }
    assert_eq!(
        langs.into_iter().collect::<Vec<_>>(),
        ["bg", "el", "en", "es", "fr", "it"]
    );
    assert!(pdfs.len() >= 48, "{} PDFs", pdfs.len());
    // The leaflet for employers and the slides name it in their title, in all six languages.
    assert!(named_in_title >= 12, "{named_in_title}");
    // Every short link (/d/ID/ and /d/ID/LANG/) names no subject either.
    for rel in SiteTest::tree(&site.public()).keys() {
        if rel.starts_with("d/") {
            assert!(names_trafficking(rel).is_none(), "{rel}");
        }
    }
}

#[test]
fn without_discreet_titles_each_pdf_carries_its_real_title() {
    let site = SiteTest::default_site();
    site.edit(
        "ponte.toml",
        "discreet_titles = true",
        "discreet_titles = false",
    );
    site.build().assert_ok();
    let pdfs = pdfs(&site);
    assert!(pdfs.len() >= 48, "{} PDFs", pdfs.len());
    let mut named = 0;
    for (rel, bytes) in &pdfs {
        let meta = pdf_meta(rel, bytes);
        let title = source_value(&site, rel, "title").unwrap();
        assert_eq!(meta.title, title, "{rel}");
        if let Some(description) = source_value(&site, rel, "description") {
            assert_eq!(meta.subject, description, "{rel}");
        }
        named += usize::from(names_trafficking(&meta.title).is_some());
    }
    assert!(named >= 12, "{named}");
    let short = site.output("d/leaflet-employers/el/index.html");
    assert!(
        short.contains("<title>Ένα κρυμμένο δυναμικό: πρόσληψη γυναικών"),
        "{short}"
    );
}
