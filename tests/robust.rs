//! Hostile or unlucky input never hangs or crashes ponte, and every mistake it finds has a
//! file, a line and a true hint; messages cannot drive the terminal.
mod support;

use std::time::Instant;

use support::SiteTest;

/// The first `error:` block of a run (the message and the lines under it).
fn first_error(stderr: &str) -> String {
    let start = stderr
        .find("error: ")
        .unwrap_or_else(|| panic!("no error in:\n{stderr}"));
    stderr[start..]
        .split("\n\n")
        .next()
        .unwrap_or("")
        .to_string()
}

#[test]
fn thousands_of_identical_or_empty_headings_build_in_linear_time() {
    let site = SiteTest::fixture("basic");
    let same = "## Same\n\n".repeat(10_000);
    let empty = "#\n".repeat(3_000);
    site.write(
        "content/about/team.en.md",
        format!("+++\ntitle = \"The team\"\n+++\n## Who {{#who}}\n\n{same}{empty}"),
    );
    let (code, stderr) = build_within(&site, HANG);
    assert_eq!(code, Some(0), "{stderr}");
    let html = site.output("en/about/team/index.html");
    assert!(html.contains("id=\"same-9999\""));
    assert!(html.contains("id=\"section-2999\""));
}

#[test]
fn deeply_nested_sass_is_a_located_error_not_a_crash() {
    let site = SiteTest::fixture("basic");
    let deep = "a {".repeat(3_000) + &"}".repeat(3_000);
    let text = site.read_source("themes/default/sass/style.scss") + &deep;
    site.write("themes/default/sass/style.scss", &text);
    let run = site.build();
    run.assert_code(1);
    let line = text.lines().count();
    assert!(
        run.stderr.contains(&format!(
            "error: the styles nest more than 200 blocks deep here\n  --> themes/default/sass/style.scss:{line}:"
        )),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("missing `}`"), "{}", run.stderr);
    // Nothing left behind: no output, no staging folder.
    let left: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        // The lock file beside the output stays (removing it would race with a waiting build).
        .filter(|n| n.contains("public") && !n.ends_with(".ponte-lock"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn sass_nested_within_the_limit_builds() {
    let site = SiteTest::fixture("basic");
    let deep = "a {".repeat(150) + "color: red;" + &"}".repeat(150);
    let text = site.read_source("themes/default/sass/style.scss") + &deep;
    site.write("themes/default/sass/style.scss", &text);
    site.build().assert_ok();
}

#[test]
fn deeply_nested_markdown_does_not_overflow() {
    let site = SiteTest::fixture("basic");
    let quotes = ">".repeat(5_000) + " deep\n\n";
    let lists = (0..2_000)
        .map(|i| format!("{}- item\n", "  ".repeat(i)))
        .collect::<String>();
    site.write(
        "content/about/team.en.md",
        format!("+++\ntitle = \"The team\"\n+++\n## Who {{#who}}\n\n{quotes}{lists}"),
    );
    let run = site.build();
    assert!(
        run.code == 0 || run.code == 1,
        "exit {}: {}",
        run.code,
        run.stderr
    );
    assert!(!run.stderr.contains("internal error"), "{}", run.stderr);
}

#[test]
fn circular_template_include_is_located() {
    let site = SiteTest::fixture("basic");
    site.write(
        "themes/default/templates/loop.html",
        "{% include \"loop.html\" %}\n",
    );
    site.edit(
        "themes/default/templates/page.html",
        "{% block content %}",
        "{% block content %}{% include \"loop.html\" %}",
    );
    let run = site.build();
    run.assert_code(1);
    let e = first_error(&run.stderr);
    assert!(e.contains("--> themes/default/templates/"), "{e}");
    assert!(!run.stderr.contains("disk space"), "{}", run.stderr);
}

#[test]
fn circular_template_extends_is_located() {
    let site = SiteTest::fixture("basic");
    site.write(
        "themes/default/templates/a.html",
        "{% extends \"b.html\" %}\n",
    );
    site.write(
        "themes/default/templates/b.html",
        "{% extends \"a.html\" %}\n",
    );
    let run = site.build();
    run.assert_code(1);
    let e = first_error(&run.stderr);
    assert!(e.contains("--> themes/default/templates/"), "{e}");
    assert!(e.contains("a.html") && e.contains("b.html"), "{e}");
}

#[test]
fn slug_index_html_is_refused_at_its_line() {
    let site = SiteTest::fixture("basic");
    site.edit(
        "content/about/team.it.md",
        "slug = \"squadra\"",
        "slug = \"index.html\"",
    );
    let run = site.build();
    run.assert_code(1);
    let e = first_error(&run.stderr);
    assert!(e.contains("--> content/about/team.it.md:4:8"), "{e}");
    assert!(!run.stderr.contains("disk space"), "{}", run.stderr);
}

#[test]
fn aliases_with_dot_segments_or_under_a_file_are_refused_at_their_line() {
    for alias in ["/a/./b/", "/robots.txt/", "/a//b/"] {
        let site = SiteTest::fixture("basic");
        site.edit(
            "content/about/team.en.md",
            "description = \"Who we are.\"",
            &format!("description = \"Who we are.\"\naliases = [\"{alias}\"]"),
        );
        let run = site.build();
        run.assert_code(1);
        let e = first_error(&run.stderr);
        assert!(
            e.contains("--> content/about/team.en.md:4:"),
            "{alias}: {e}"
        );
        assert!(
            !run.stderr.contains("disk space"),
            "{alias}: {}",
            run.stderr
        );
    }
}

#[test]
fn an_absolute_theme_is_refused_at_its_line() {
    let site = SiteTest::fixture("basic");
    let theme = site.root().join("themes").join("default");
    let text = site.read_source("ponte.toml").replacen(
        "default_language = \"en\"",
        &format!("default_language = \"en\"\ntheme = \"{}\"", theme.display()),
        1,
    );
    site.write("ponte.toml", text);
    let run = site.build();
    run.assert_code(1);
    let e = first_error(&run.stderr);
    assert!(e.contains("--> ponte.toml:4:"), "{e}");
}

#[test]
fn control_characters_are_shown_not_sent_to_the_terminal() {
    let site = SiteTest::fixture("basic");
    site.edit(
        "content/about/team.it.md",
        "slug = \"squadra\"",
        "slug = \"squ\u{1b}[31madra\u{0}\"",
    );
    let run = site.build();
    run.assert_code(1);
    assert!(!run.stderr.contains('\u{1b}'), "{:?}", run.stderr);
    assert!(!run.stderr.contains('\u{0}'), "{:?}", run.stderr);
    assert!(run.stderr.contains("squ␛[31madra"), "{}", run.stderr);
}

#[test]
fn very_long_lines_are_cut_around_the_column() {
    let site = SiteTest::fixture("basic");
    let long = "word ".repeat(20_000);
    site.write(
        "content/about/team.en.md",
        format!("+++\ntitle = \"The team\"\n+++\n## Who {{#who}}\n\n{long}[x](@/nope.md) {long}\n"),
    );
    let run = site.build();
    run.assert_code(1);
    let longest = run
        .stderr
        .lines()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0);
    assert!(
        longest < 200,
        "a line of {longest} characters:\n{}",
        &run.stderr[..2000.min(run.stderr.len())]
    );
    assert!(run.stderr.contains("…word word"), "{}", run.stderr);
    assert!(run.stderr.contains("[x](@/nope.md)"), "{}", run.stderr);
}

#[test]
fn a_statistics_table_with_ten_thousand_rows_builds() {
    let site = SiteTest::fixture("stats");
    let mut text = site.read_source("content/stats/placements.toml");
    for i in 0..10_000 {
        text.push_str(&format!(
            "\n[[row]]\nid = \"r{i}\"\nlabel = \"stats-t-north\"\ntotal = 2000\ncounts = {{ job = {}, course = 1200 }}\n",
            1000 + i % 500
        ));
    }
    site.write("content/stats/placements.toml", text);
    let (code, stderr) = build_within(&site, HANG);
    assert_eq!(code, Some(0), "{stderr}");
}

/// Longer than any of these builds takes (under 20 s in a debug build on a busy machine): a run still going
/// after this is hung, and is stopped.
const HANG: std::time::Duration = std::time::Duration::from_secs(120);

/// Builds `site`, stopping it after `limit`: (exit code, or `None` if it was stopped; stderr).
fn build_within(site: &SiteTest, limit: std::time::Duration) -> (Option<i32>, String) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_ponte"))
        .args(["build", "--root"])
        .arg(site.root())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut pipe, &mut s);
        s
    });
    let start = Instant::now();
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    eprintln!("built in {:.1} s", start.elapsed().as_secs_f64());
    (code, reader.join().unwrap())
}
