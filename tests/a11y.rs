//! The default site in headless Chromium (tests/browser/a11y.mjs): every page in every language
//! through axe-core at the WCAG 2.2 AA tags, at 1280 and 320 px; no request to another host;
//! reflow at 320 px; the quick exit with and without JavaScript (link, click, Shift×3, Escape×2,
//! `location.replace`, the `pageshow` handler), first in the tab order and never hiding the
//! focused element (WCAG 2.4.11).
//!
//! Without Chromium, Node or tests/browser/node_modules the test says it is skipped and
//! passes, except under CI=true, where their absence is a failure.
mod support;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use support::SiteTest;

/// The script stops itself after 8 minutes; this is the last resort.
const DEADLINE: Duration = Duration::from_secs(600);

#[test]
fn every_page_of_the_default_site_passes_axe_and_the_quick_exit_works() {
    let Some(browser_dir) = support::browser_tests(&["playwright-core", "axe-core"]) else {
        return;
    };

    // The real site, built by the real binary.
    let site = SiteTest::default_site();
    let out = tempfile::Builder::new()
        .prefix("ponte-a11y-out-")
        .tempdir()
        .unwrap();
    let public = out.path().join("public");
    let build = Command::new(env!("CARGO_BIN_EXE_ponte"))
        .arg("build")
        .arg("--root")
        .arg(site.root())
        .arg("--out")
        .arg(&public)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "ponte build failed:\n{}",
        String::from_utf8_lossy(&build.stderr)
    );

    // What each page's quick exit must lead to, from ponte.toml.
    let config: toml::Table = toml::from_str(&site.read_source("ponte.toml")).unwrap();
    let safety = config
        .get("safety")
        .and_then(|s| s.as_table())
        .expect("the default site has a [safety] table");
    let expected = serde_json::json!({
        "default_language": config["default_language"].as_str().unwrap(),
        "exit_url": safety.get("exit_url").and_then(|u| u.as_str()),
        "exit_urls": safety.get("exit_urls").map(|t| serde_json::to_value(t).unwrap()),
    });

    let profile = out.path().join("profile");
    let stdout = out.path().join("stdout.txt");
    let stderr = out.path().join("stderr.txt");
    let mut command = Command::new("node");
    command
        .arg(browser_dir.join("a11y.mjs"))
        .arg(&public)
        .arg(&profile)
        .arg(expected.to_string())
        .current_dir(&browser_dir)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&stdout).unwrap())
        .stderr(std::fs::File::create(&stderr).unwrap());
    // Its own process group, so that the browsers go too if it has to be stopped.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut child = command.spawn().unwrap();
    let status = wait(&mut child, DEADLINE);
    let log = |p: &Path| std::fs::read_to_string(p).unwrap_or_default();
    let (stdout, stderr) = (log(&stdout), log(&stderr));
    eprintln!("{stdout}");
    let Some(status) = status else {
        panic!(
            "the browser test did not finish in {} s:\n{stdout}\n{stderr}",
            DEADLINE.as_secs()
        );
    };
    assert!(
        status.success(),
        "browser test failed:\n{stderr}\n(all output above)"
    );
    assert!(stdout.contains("a11y: all checks passed"), "{stdout}");
}

/// Waits for `child` at most `limit`; past it, stops its whole process group.
fn wait(child: &mut Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        if start.elapsed() > limit {
            #[cfg(unix)]
            let _ = Command::new("kill")
                .arg("-KILL")
                .arg(format!("-{}", child.id()))
                .status();
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}
