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
