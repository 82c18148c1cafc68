//! `ponte check`: one numbered report over the rendered site; exit 0 only when clean.
mod support;

use support::SiteTest;

#[test]
fn the_default_site_is_clean() {
    let site = SiteTest::default_site();
    let run = site.run(&["check"]);
    run.assert_ok();
    assert!(
        run.stdout.contains("ponte check: 204 pages, no problems")
            && run.stdout.ends_with(": clean\n"),
        "{}",
        run.stdout
    );
    assert!(!site.public().exists(), "check must not write anything");
}

#[test]
fn broken_links_and_anchors_in_rendered_html_are_reported() {
    let site = SiteTest::fixture("basic");
    site.write(
        "content/about/team.el.md",
        "+++\ntitle = \"Η ομάδα\"\n+++\n## Ποιοι είμαστε {#who}\n",
    );
    site.edit(
        "themes/default/templates/404.html",
        "<h1>{{ page.title }}</h1>",
        "<h1>{{ page.title }}</h1>\n<a href=\"/{{ lang }}/nowhere/\">x</a> <a href=\"/{{ lang }}/#missing\">y</a>",
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    assert!(
        run.stdout.contains(
            "1. error: the link `/en/nowhere/` leads to no page or file\n  --> 404.html:19:10\n"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "error: the link `/en/#missing` leads to `en/index.html`, which has no heading or element with the id `missing`\n  --> 404.html:19:39\n"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "error: the link `/el/nowhere/` leads to no page or file\n  --> el/404.html:19:10\n"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .ends_with("ponte check: 0 pages, 8 errors: not clean\n"),
        "{}",
        run.stdout
    );
    // The build checks the same links, and stops.
    let build = site.build();
    build.assert_code(1);
    assert!(
        build.stderr.contains(
            "error: the link `/el/nowhere/` leads to no page or file\n  --> el/404.html:19:10\n"
        ),
        "{}",
        build.stderr
    );
    assert!(!site.public().exists());
}

#[test]
fn missing_translations_and_unused_messages_make_the_site_unclean() {
    let site = SiteTest::fixture("basic");
    let text = site.read_source("locales/en/main.ftl") + "never-used = Nobody asks for me\n";
    site.write("locales/en/main.ftl", text);
    let run = site.run(&["check"]);
    run.assert_code(1);
    assert!(
        run.stdout
            .contains("warning: `about/team.md` has no translation in: el"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("interface message(s) missing in `it`: never-used"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("warning: 2 interface message(s) are never used: big-number, never-used\n  --> locales/en:1:1"), "{}", run.stdout);
    assert!(run.stdout.contains("Translations: 5 pages in 3 languages, 1 incomplete.\n                 en  it  el\n  about/team.md  ✓   ✓   –\n"), "{}", run.stdout);
}

#[test]
fn alternates_that_do_not_answer_are_reported() {
    let site = SiteTest::fixture("basic");
    site.write(
        "content/about/team.el.md",
        "+++\ntitle = \"Η ομάδα\"\n+++\n## Ποιοι είμαστε {#who}\n",
    );
    site.edit(
        "themes/default/templates/page.html",
        "{% block content %}",
        "{% block content %}<link rel=\"alternate\" hreflang=\"de\" href=\"https://example.org/en/\">",
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    assert!(run.stdout.contains("error: `en/index.html` does not name this page as its alternate\n  --> en/about/team/index.html:"), "{}", run.stdout);
}

#[test]
fn json_report_for_tools() {
    let site = SiteTest::fixture("basic");
    let run = site.run(&["check", "--format", "json"]);
    run.assert_code(1);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert_eq!(doc["clean"], false);
    assert_eq!(doc["warnings"], 2);
    let first = &doc["problems"][0];
    assert_eq!(first["number"], 1);
    assert_eq!(first["severity"], "warning");
    assert_eq!(first["file"], "content/about/team.en.md");
    assert_eq!(first["line"], 1);
    assert_eq!(doc["coverage"]["languages"][2], "el");
}

#[test]
fn build_errors_are_part_of_the_report() {
    let site = SiteTest::fixture("basic");
    site.edit(
        "content/_index.en.md",
        "@/about/team.md#who",
        "@/about/teem.md",
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    assert!(run.stdout.contains("error: the link target `@/about/teem.md` does not exist\n  --> content/_index.en.md:4:48"), "{}", run.stdout);
}
