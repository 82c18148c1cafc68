//! Terminal conventions through the real binary: completions, exit codes in `--help`, reports
//! on stdout and messages on stderr, colour only on a terminal, `--quiet` and `--verbose`.
mod support;

use std::process::Command;

use support::SiteTest;

fn ponte(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_ponte"))
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

#[test]
fn completions_for_every_shell() {
    for (shell, mark) in [
        ("bash", "_ponte()"),
        ("zsh", "#compdef ponte"),
        ("fish", "complete -c ponte"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = ponte(&["completions", shell]);
        assert!(out.status.success(), "{shell}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains(mark), "{shell}: {text}");
        assert!(text.contains("init"), "{shell} completes the subcommands");
    }
    assert_eq!(ponte(&["completions", "tcsh"]).status.code(), Some(2));
}

#[test]
fn help_lists_the_exit_codes() {
    let out = ponte(&["--help"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Exit codes:"), "{text}");
    assert!(text.contains("  1  a mistake in the site"), "{text}");
    assert!(text.contains("--quiet") && text.contains("--verbose"));
}

#[test]
fn check_reports_on_stdout_so_that_it_can_be_piped() {
    let site = SiteTest::fixture("basic");
    let run = site.run(&["check"]);
    assert!(run.stdout.contains("ponte check: "), "{}", run.stdout);
    assert!(
        run.stdout.contains("warning: "),
        "the problems are in the report"
    );
    assert!(!run.stderr.contains("ponte check: "), "{}", run.stderr);
}

#[test]
fn no_colour_when_piped_colour_on_a_terminal_unless_no_color() {
    let site = SiteTest::fixture("basic");
    site.edit("ponte.toml", "title = \"Fixture\"", "title = \"Fixture");
    let root = site.root().display().to_string();
    // Piped: plain text, even without NO_COLOR.
    let out = ponte(&["build", "--root", &root]);
    let text = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(text.contains("error: "), "{text}");
    assert!(
        !text.contains('\u{1b}'),
        "no escape codes when piped: {text:?}"
    );
    // On a terminal (util-linux `script` gives the command one).
    let on_terminal = |no_color: bool| {
        let mut command = Command::new("script");
        command
            .args(["-qec"])
            .arg(format!(
                "{} build --root {root}",
                env!("CARGO_BIN_EXE_ponte")
            ))
            .arg("/dev/null")
            .env_remove("NO_COLOR");
        if no_color {
            command.env("NO_COLOR", "1");
        }
        command.output().ok()
    };
    let Some(out) = on_terminal(false) else {
        support::skip("`script` (util-linux) is not installed");
        return;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("\u{1b}[31merror\u{1b}[0m:"),
        "error in red on a terminal: {text:?}"
    );
    let text = String::from_utf8_lossy(&on_terminal(true).unwrap().stdout).into_owned();
    assert!(text.contains("error: "), "{text}");
    assert!(!text.contains('\u{1b}'), "NO_COLOR: {text:?}");
}

#[test]
fn quiet_prints_only_errors_and_verbose_the_steps() {
    let site = SiteTest::fixture("basic");
    let run = site.run(&["build", "--quiet"]);
    run.assert_ok();
    assert_eq!(run.stderr, "", "a quiet build that worked says nothing");
    let run = site.run(&["build", "--verbose"]);
    run.assert_ok();
    assert!(run.stderr.contains("ponte: load "), "{}", run.stderr);
    assert!(
        run.stderr.contains(" s (CPU "),
        "times in seconds, wall and CPU: {}",
        run.stderr
    );
    assert!(!run.stderr.contains(" ms"), "one unit: {}", run.stderr);
    assert!(run.stderr.contains("ponte: built "), "{}", run.stderr);
}

#[test]
fn a_long_build_shows_progress_on_a_terminal_only() {
    let site = SiteTest::default_site();
    let root = site.root().display().to_string();
    // The default site takes more than a second (its PDFs); on a terminal a spinner shows.
    let Ok(out) = Command::new("script")
        .arg("-qec")
        .arg(format!(
            "{} build --root {root} --out {root}/public2",
            env!("CARGO_BIN_EXE_ponte")
        ))
        .arg("/dev/null")
        .output()
    else {
        support::skip("`script` (util-linux) is not installed");
        return;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("ponte: building…"), "{text:?}");
    assert!(text.contains("ponte: built "), "{text:?}");
    let piped = ponte(&["build", "--root", &root]);
    assert!(piped.status.success());
    assert!(!String::from_utf8_lossy(&piped.stderr).contains("building…"));
}
