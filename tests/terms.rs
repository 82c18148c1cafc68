//! The terminology check (`locales/LANG/terms.toml`) through the real binary: `ponte check`
//! warns at the file, line and column of every avoided variant; `ponte build` does not.
mod support;

use support::SiteTest;

const GREEK_TERMS: &str = "# Ελληνικά: πληθυντικός ευγενείας.\nregister = \"εσείς\"\nallow = [\"«Ατομικό Σχέδιο Ένταξης» (τίτλος του 2019)\"]\n\n[[term]]\npreferred = \"Εξατομικευμένο Σχέδιο Ένταξης\"\navoid = [\"Ατομικό Σχέδιο Ένταξης\"]\nnote = \"the PIP\"\n\n[[term]]\npreferred = \"εμπορία ανθρώπων\"\navoid = [\"σωματεμπορία\"]\n";

fn drifting_site() -> SiteTest {
    let site = SiteTest::fixture("basic");
    site.write("locales/el/terms.toml", GREEK_TERMS);
    // Line 8: the variant in capitals without accents; line 9: inside another word (no
    // match), and quoted in an allowed phrase (no match); line 10: the variant, lower case.
    site.edit(
        "content/news/first.el.md",
        "Έγινε. Δείτε [την ομάδα](@/about/team.md).",
        "Έγινε. Δείτε [την ομάδα](@/about/team.md).\nΤο ΑΤΟΜΙΚΟ ΣΧΕΔΙΟ ΕΝΤΑΞΗΣ γράφτηκε.\nΗ σωματεμπορίας; Ο «Ατομικό Σχέδιο Ένταξης» (τίτλος του 2019).\nΚαι το ατομικό σχέδιο ένταξης ξανά.",
    );
    // An interface string (line 2), and a comment that is not checked.
    site.edit(
        "locales/el/main.ftl",
        "choose-language = Διαβάστε στα ελληνικά",
        "choose-language = Διαβάστε για τη σωματεμπορία\n# σωματεμπορία: old word",
    );
    site
}

#[test]
fn check_warns_at_every_drifting_term_and_build_stays_quiet() {
    let site = drifting_site();
    let run = site.run(&["check"]);
    let out = &run.stdout;
    assert_eq!(run.code, 1, "a drifting term makes check not clean:\n{out}");
    for place in [
        "content/news/first.el.md:8:4",
        "content/news/first.el.md:10:8",
        "locales/el/main.ftl:2:35",
    ] {
        assert!(out.contains(place), "no warning at {place}:\n{out}");
    }
    assert!(
        out.contains("`ΑΤΟΜΙΚΟ ΣΧΕΔΙΟ ΕΝΤΑΞΗΣ` is a variant to avoid: the preferred term is `Εξατομικευμένο Σχέδιο Ένταξης` (the PIP)"),
        "the warning names the preferred term:\n{out}"
    );
    assert!(
        out.contains("locales/el/terms.toml"),
        "the hint names the list:\n{out}"
    );
    assert_eq!(
        out.matches("is a variant to avoid").count(),
        3,
        "inside a word, in an allowed quotation and in a comment nothing is found:\n{out}"
    );
    // The terms file is expected where it is: no "not used" warning for it.
    assert!(!out.contains("terms.toml` is not used"), "{out}");

    let build = site.build();
    build.assert_ok();
    assert!(
        !build.stderr.contains("variant to avoid") && !build.stdout.contains("variant to avoid"),
        "the build does not run the terminology check:\n{}",
        build.stderr
    );
}

#[test]
fn a_mistake_in_a_terms_file_is_an_error_at_its_place() {
    let site = SiteTest::fixture("basic");
    site.write(
        "locales/it/terms.toml",
        "register = \"tu\"\n\n[[term]]\npreferred = \"paese\"\navoid = [\"il Paese\", \"\"]\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("a variant to avoid is empty")
            && run.stdout.contains("locales/it/terms.toml:5:22"),
        "{}",
        run.stdout
    );
    site.write("locales/it/terms.toml", "[[term]]\npreferred = \"paese\"\n");
    let run = site.run(&["check"]);
    assert!(
        run.stdout.contains("does not say which register"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_default_site_defines_its_terms_in_six_languages_and_uses_them() {
    let site = SiteTest::default_site();
    for lang in ["en", "it", "es", "fr", "el", "bg"] {
        let terms = site.read_source(&format!("locales/{lang}/terms.toml"));
        assert!(terms.contains("register = "), "{lang}: no register");
        assert!(terms.contains("[[term]]"), "{lang}: no terms");
    }
    let run = site.run(&["check"]);
    assert!(
        !run.stdout.contains("variant to avoid") && !run.stdout.contains("terms.toml"),
        "the default site's terminology drifts:\n{}",
        run.stdout
    );
    // Drift added to a real page is found in its language only.
    site.edit(
        "content/contact.fr.md",
        "## Les organisations partenaires",
        "## Les organisations partenaires\n\nUne aide sociale.",
    );
    let run = site.run(&["check"]);
    assert!(
        run.stdout.contains("`aide sociale` is a variant to avoid")
            && run.stdout.contains("content/contact.fr.md:"),
        "{}",
        run.stdout
    );
}
