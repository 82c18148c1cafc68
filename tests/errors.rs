//! Every kind of user mistake, through the real binary: the message is asserted verbatim
//! (golden files in tests/fixtures/errors/), with file:line:col, exit code 1, no panic, and
//! nothing written.
mod support;

use support::{golden, SiteTest};

/// Builds the basic fixture after `change`, expects exit code 1 and the golden stderr.
#[track_caller]
fn fails(case: &str, change: impl FnOnce(&SiteTest)) {
    let site = SiteTest::fixture("basic");
    change(&site);
    let run = site.build();
    run.assert_code(1);
    assert!(!run.stderr.contains("internal error"), "{}", run.stderr);
    assert!(!site.public().exists(), "a failed build wrote public/");
    golden(&format!("errors/{case}.stderr"), &run.stderr);
}

#[test]
fn bad_toml_in_config() {
    fails("config-syntax", |s| {
        s.edit("ponte.toml", "title = \"Fixture\"", "title = \"Fixture");
    });
}

#[test]
fn unknown_config_key() {
    fails("config-unknown-key", |s| {
        s.edit(
            "ponte.toml",
            "default_language = \"en\"",
            "default_language = \"en\"\nlanguage = \"en\"",
        );
    });
}

#[test]
fn min_count_too_low() {
    fails("config-min-count", |s| {
        let text = s.read_source("ponte.toml") + "\n[stats]\nmin_count = 1\n";
        s.write("ponte.toml", text);
    });
}

#[test]
fn unknown_front_matter_key() {
    fails("front-matter-unknown-key", |s| {
        s.edit(
            "content/about/team.en.md",
            "description = \"Who we are.\"",
            "description = \"Who we are.\"\nauthor = \"Ana\"",
        );
    });
}

#[test]
fn front_matter_never_closed() {
    fails("front-matter-unclosed", |s| {
        s.write(
            "content/about/team.en.md",
            "+++\ntitle = \"The team\"\n\nFive partners.\n",
        );
    });
}

#[test]
fn empty_page_file() {
    fails("empty-file", |s| {
        s.write("content/about/team.en.md", "");
    });
}

#[test]
fn invalid_utf8() {
    fails("invalid-utf8", |s| {
        s.write(
            "content/about/team.en.md",
            b"+++\ntitle = \"caf\xe9\"\n+++\n",
        );
    });
}

#[test]
fn binary_file() {
    fails("binary-file", |s| {
        s.write("content/about/team.en.md", b"\x00\x01\x02\x7f binary");
    });
}

#[test]
fn unknown_language_suffix() {
    fails("unknown-language", |s| {
        s.write(
            "content/about/team.de.md",
            "+++\ntitle = \"Das Team\"\n+++\n",
        );
    });
}

#[test]
fn duplicate_slugs() {
    fails("duplicate-slug", |s| {
        s.write(
            "content/about/crew.it.md",
            "+++\ntitle = \"Équipe\"\nslug = \"squadra\"\n+++\n",
        );
    });
}

#[test]
fn bad_slug() {
    fails("bad-slug", |s| {
        s.edit(
            "content/about/team.it.md",
            "slug = \"squadra\"",
            "slug = \"La Squadra\"",
        );
    });
}

#[test]
fn template_syntax_error() {
    fails("template-syntax", |s| {
        s.edit(
            "themes/default/templates/base.html",
            "{% endfor %}</ul></nav>",
            "{% endfor %</ul></nav>",
        );
    });
}

#[test]
fn unknown_template_variable() {
    fails("template-unknown-variable", |s| {
        s.edit(
            "themes/default/templates/page.html",
            "{{ page.title }}</h1>",
            "{{ page.titel }}</h1>",
        );
    });
}

#[test]
fn unknown_template_in_front_matter() {
    fails("template-unknown", |s| {
        s.edit(
            "content/about/team.en.md",
            "description = \"Who we are.\"",
            "description = \"Who we are.\"\ntemplate = \"team.html\"",
        );
    });
}

#[test]
fn unknown_interface_message() {
    fails("unknown-message", |s| {
        s.edit(
            "themes/default/templates/404.html",
            "{{ page.title }}",
            "{{ t(key=\"nope\") }}",
        );
    });
}

#[test]
fn bad_fluent_syntax() {
    fails("fluent-syntax", |s| {
        let text = s.read_source("locales/it/main.ftl") + "broken = { $x\n";
        s.write("locales/it/main.ftl", text);
    });
}

#[test]
fn sass_error() {
    fails("sass", |s| {
        let text = s.read_source("themes/default/sass/style.scss") + "main { color: $nope; }\n";
        s.write("themes/default/sass/style.scss", text);
    });
}

#[test]
fn broken_internal_link() {
    fails("broken-link", |s| {
        s.edit(
            "content/_index.en.md",
            "@/about/team.md#who",
            "@/about/teem.md",
        );
    });
}

#[test]
fn broken_anchor() {
    fails("broken-anchor", |s| {
        s.edit(
            "content/_index.it.md",
            "@/about/team.md#who",
            "@/about/team.md#chi",
        );
    });
}

#[test]
fn unknown_shortcode() {
    fails("unknown-shortcode", |s| {
        s.write(
            "content/about/team.en.md",
            "+++\ntitle = \"The team\"\n+++\n## Who {#who}\n\n{{ chart(id=\"x\") }}\n",
        );
    });
}

#[test]
fn malformed_shortcode() {
    fails("malformed-shortcode", |s| {
        s.write(
            "content/about/team.en.md",
            "+++\ntitle = \"The team\"\n+++\n## Who {#who}\n\n{{ stats(id=\"x) }}\n",
        );
    });
}

#[test]
fn image_without_alt_text() {
    fails("image-alt", |s| {
        s.write(
            "content/about/photo.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        );
        s.write(
            "content/about/team.en.md",
            "+++\ntitle = \"The team\"\n+++\n## Who {#who}\n\n![](photo.svg)\n",
        );
    });
}

#[test]
fn several_mistakes_are_reported_together() {
    let site = SiteTest::fixture("basic");
    site.edit(
        "content/_index.en.md",
        "@/about/team.md#who",
        "@/about/teem.md",
    );
    site.edit(
        "content/news/first.it.md",
        "title = \"Primo evento\"",
        "titolo = \"Primo evento\"",
    );
    site.edit(
        "content/about/team.it.md",
        "slug = \"squadra\"",
        "slug = \"La Squadra\"",
    );
    let run = site.build();
    run.assert_code(1);
    // Loading problems stop the build before rendering: both front-matter errors are shown.
    assert!(
        run.stderr.contains("content/news/first.it.md:2:1"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/about/team.it.md:4:8"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("= hint: did you mean `title`?"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("ponte: 2 errors"), "{}", run.stderr);
}

#[test]
fn output_folder_that_holds_a_site_is_refused() {
    let site = SiteTest::fixture("basic");
    let run = site.run(&["build", "--out", site.root().to_str().unwrap()]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("contains the site itself"),
        "{}",
        run.stderr
    );
    assert!(site.root().join("ponte.toml").exists());
}

#[test]
fn missing_config_is_explained() {
    let site = SiteTest::fixture("basic");
    site.remove("ponte.toml");
    let run = site.build();
    run.assert_code(1);
    assert!(
        run.stderr.starts_with("error: cannot read `ponte.toml`"),
        "{}",
        run.stderr
    );
    assert!(run
        .stderr
        .contains("hint: check that you are in the site's folder, or pass --root DIR"));
}

#[test]
fn an_alias_that_would_overwrite_a_page() {
    fails("alias-clash", |s| {
        s.edit(
            "content/news/first.en.md",
            "aliases = [\"/old/first-event/\"]",
            "aliases = [\"/old/first-event/\", \"/en/about/team/\"]",
        );
        s.edit(
            "content/news/first.it.md",
            "title = \"Primo evento\"",
            "title = \"Primo evento\"\naliases = [\"/old/first-event/\"]",
        );
    });
}
