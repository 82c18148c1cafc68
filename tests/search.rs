//! Search through the real binary: an index per language of the default site, a search box
//! on every page, stemming that agrees between the build (Rust) and the page's script
//! (tests/browser/search.mjs run by Node), a Greek genitive that finds the pages with only the
//! nominative, the output guard reading scripts and JSON, and `ponte serve` indexing too. The
//! same site in headless Chromium is in [`search_in_the_browser`].
mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use ponte::search::{fold, stem::Stemmer, text};
use support::SiteTest;

const LANGUAGES: [&str; 6] = ["en", "it", "es", "fr", "el", "bg"];

/// A word and another form of it, per language: the Greek one is the genitive plural.
const QUERIES: [(&str, &str, &str); 6] = [
    ("en", "survivors", "survivor"),
    ("it", "donne", "donna"),
    ("es", "mujeres", "mujer"),
    ("fr", "femmes", "femme"),
    ("el", "γυναίκες", "γυναικών"),
    ("bg", "жертви", "жертвите"),
];

fn built_default_site() -> (SiteTest, PathBuf) {
    let site = SiteTest::default_site();
    site.build().assert_ok();
    let public = site.public();
    (site, public)
}

fn index(public: &Path, lang: &str) -> serde_json::Value {
    let path = public.join(format!("search/{lang}.json"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_slice(&bytes).unwrap()
}

/// The bodies of the default site's pages in `lang` (front matter left out), by file.
fn page_bodies(root: &Path, lang: &str) -> BTreeMap<PathBuf, String> {
    let suffix = format!(".{lang}.md");
    walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(&suffix))
        .map(|e| {
            let text = std::fs::read_to_string(e.path()).unwrap();
            let body = text
                .strip_prefix("+++")
                .and_then(|t| t.split_once("\n+++").map(|(_, b)| b.to_string()))
                .unwrap_or(text);
            (e.path().to_path_buf(), body)
        })
        .collect()
}

#[test]
fn every_language_has_an_index_and_every_page_a_search_box() {
    let (_site, public) = built_default_site();
    for lang in LANGUAGES {
        let index = index(&public, lang);
        assert_eq!(index["version"], 1);
        assert_eq!(index["lang"], lang);
        let pages = index["pages"].as_array().unwrap();
        assert!(pages.len() > 20, "{lang}: {} pages", pages.len());
        for page in pages {
            let url = page[0].as_str().unwrap();
            assert!(url.starts_with(&format!("{lang}/")), "{url}");
            assert!(public.join(url).join("index.html").is_file(), "{url}");
            assert!(!page[1].as_str().unwrap().is_empty(), "{url} has a title");
        }
        let size = std::fs::metadata(public.join(format!("search/{lang}.json")))
            .unwrap()
            .len();
        eprintln!("search/{lang}.json: {size} bytes, {} pages", pages.len());

        let home = std::fs::read_to_string(public.join(lang).join("index.html")).unwrap();
        let box_html = home
            .split("<div class=\"site-search\"")
            .nth(1)
            .and_then(|s| s.split("</header>").next())
            .unwrap_or_else(|| panic!("{lang}: no search box in the header"));
        assert!(box_html.contains("<p class=\"search-nojs\">"), "{lang}");
        assert!(box_html.contains("JavaScript"), "{lang}: {box_html}");
        assert!(box_html.contains("<input type=\"search\""), "{lang}");
        // A field without a name cannot put the query into an address.
        let input = box_html.split("<input").nth(1).unwrap();
        let input = input.split('>').next().unwrap();
        assert!(!input.contains("name="), "{input}");
        assert!(box_html.contains("<form class=\"search-form\" role=\"search\""));
        assert!(!box_html.contains("method="), "{lang}");
        assert!(box_html.contains("src=\"/js/search."), "{lang}");
    }
    let script = std::fs::read_dir(public.join("js"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("search.")
        })
        .expect("the search script");
    eprintln!(
        "search script: {} bytes",
        std::fs::metadata(&script).unwrap().len()
    );
}

#[test]
fn a_greek_genitive_finds_the_pages_with_only_the_nominative() {
    let (site, public) = built_default_site();
    let el = index(&public, "el");
    assert_eq!(el["words"]["γυναικων"], "γυναικ");
    assert_eq!(el["words"]["γυναικεσ"], "γυναικ");
    let with_stem = el["stems"]["γυναικ"].as_array().unwrap().len() / 2;
    // Leaflets are documents, not pages.
    let mut bodies = page_bodies(site.root(), "el");
    bodies.retain(|file, _| !file.components().any(|c| c.as_os_str() == "leaflets"));
    let genitive = bodies.values().filter(|b| b.contains("γυναικών")).count();
    let nominative_only = bodies
        .values()
        .filter(|b| b.contains("γυναίκες") && !b.contains("γυναικών"))
        .count();
    assert!(nominative_only > 0);
    assert!(
        with_stem >= genitive + nominative_only,
        "{with_stem} pages have the stem; {genitive} the genitive, {nominative_only} only the nominative"
    );
}

/// Every word of every page, as the build stemmed it, is found by the page's script under the
/// same stem: typed as written, in capitals, and without accents.
#[test]
fn the_script_and_the_build_agree_on_every_word() {
    let Some(browser) = node() else { return };
    let (_site, public) = built_default_site();
    let mut cases = serde_json::Map::new();
    let mut checked = 0;
    for lang in LANGUAGES {
        let index = index(&public, lang);
        let forms = index["words"].as_object().unwrap();
        let stems = index["stems"].as_object().unwrap();
        let stemmer = Stemmer::for_language(lang);
        let mut words: BTreeMap<String, String> = BTreeMap::new();
        for page in index["pages"].as_array().unwrap() {
            for word in text::words(&indexed_text(&public, page[0].as_str().unwrap())) {
                let lower = word.to_lowercase();
                let stem = stemmer.stem(&lower);
                // Words of the page around its text (dates, labels) are not indexed.
                if !forms.contains_key(&fold(&lower)) && !stems.contains_key(&stem) {
                    continue;
                }
                let upper = word.to_uppercase();
                for typed in [word.to_string(), fold(word), upper.clone()] {
                    if typed == upper && upper.to_lowercase() != lower {
                        continue;
                    }
                    words.insert(typed, stem.clone());
                }
            }
        }
        checked += words.len();
        cases.insert(lang.to_string(), serde_json::to_value(&words).unwrap());
    }
    assert!(checked > 10_000, "{checked} words");
    let folds: BTreeMap<&str, String> = [
        "ΓΥΝΑΙΚΏΝ",
        "Γυναικών",
        "ΐ",
        "διαμεσολαβητής",
        "Intégration",
        "Œuvre",
        "straße",
        "İstanbul",
        "Жените",
        "край",
        "ﬁnance",
    ]
    .into_iter()
    .map(|w| (w, fold(w)))
    .collect();
    let input = serde_json::json!({ "words": cases, "folds": folds });
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("agree.json");
    std::fs::write(&file, input.to_string()).unwrap();
    let out = Command::new("node")
        .arg(browser.join("search.mjs"))
        .arg("agree")
        .arg(&public)
        .arg(&file)
        .current_dir(&browser)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains(&format!("agree: {checked} words")),
        "{stdout}"
    );
}

#[test]
fn the_guard_refuses_a_script_that_loads_another_site() {
    let site = SiteTest::fixture("basic");
    site.write(
        "static/js/counter.js",
        "fetch(\"https://tracker.example/hit\");\n// https://docs.example/ is only a comment\n",
    );
    let run = site.build();
    assert_ne!(run.code, 0);
    assert!(
        run.stderr
            .contains("the script or data names `https://tracker.example/hit` on another site"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("docs.example"), "{}", run.stderr);
}

#[test]
fn serve_indexes_and_reindexes_after_an_edit() {
    let site = SiteTest::fixture("basic");
    let mut child = Command::new(env!("CARGO_BIN_EXE_ponte"))
        .args(["serve", "--port", "0", "--root"])
        .arg(site.root())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            let _ = tx.send(line);
        }
    });
    struct Kill(std::process::Child);
    impl Drop for Kill {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let _child = Kill(child);
    let deadline = Instant::now() + Duration::from_secs(60);
    let port: u16 = loop {
        let line = rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("ponte serve starts");
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            break rest.split('/').next().unwrap().parse().unwrap();
        }
    };
    let get = |path: &str| -> Option<String> {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
        s.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .ok()?;
        let mut data = String::new();
        s.read_to_string(&mut data).ok()?;
        let (head, body) = data.split_once("\r\n\r\n")?;
        head.starts_with("HTTP/1.1 200").then(|| body.to_string())
    };
    let wait_for = |what: &str| -> String {
        loop {
            if let Some(body) = get("/search/en.json") {
                if body.contains(what) {
                    return body;
                }
            }
            assert!(
                Instant::now() < deadline,
                "the served index never contained `{what}`"
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    };
    let first = wait_for("\"pages\"");
    let index: serde_json::Value = serde_json::from_str(&first).unwrap();
    assert!(index["pages"].as_array().unwrap().len() > 1);
    assert!(!first.contains("quetzal"));
    // A body edit (rendered again on its own) reaches the index.
    let page = "content/about/team.en.md";
    let text = site.read_source(page);
    site.write(page, format!("{text}\nA quetzal visited the team.\n"));
    let after = wait_for("\"quetzal\"");
    assert!(serde_json::from_str::<serde_json::Value>(&after).is_ok());
}

/// The search script in Chromium: see tests/browser/search.mjs.
#[test]
fn search_in_the_browser() {
    let Some(browser) = support::browser_tests(&["playwright-core"]) else {
        return;
    };
    let (site, public) = built_default_site();
    // Per language: the query words, and the pages that the second form must find although
    // they do not contain it (Greek: the genitive finds pages with only the nominative).
    let mut plan = Vec::new();
    for (lang, word, form) in QUERIES {
        let index = index(&public, lang);
        let folded_form = fold(form);
        let mut only_other = Vec::new();
        for page in index["pages"].as_array().unwrap() {
            let html =
                std::fs::read_to_string(public.join(page[0].as_str().unwrap()).join("index.html"))
                    .unwrap();
            let main = html.split("<article").nth(1).unwrap_or("");
            let main = main.split("</article>").next().unwrap_or("");
            // Tags are links to other pages, not the page's text.
            let main = main.split("<ul class=\"terms\"").next().unwrap_or("");
            let text = ponte::search::plain_text(main);
            let has_form = text::words(&text).any(|w| fold(w) == folded_form);
            let has_word = text::words(&text).any(|w| fold(w) == fold(word));
            if has_word && !has_form {
                only_other.push(format!("/{}", page[0].as_str().unwrap()));
            }
        }
        if lang == "el" {
            assert!(
                !only_other.is_empty(),
                "Greek pages with only the nominative"
            );
        }
        plan.push(serde_json::json!({
            "lang": lang, "queries": [word, form], "mustFind": only_other,
        }));
    }
    let _ = site;
    let dir = tempfile::tempdir().unwrap();
    let plan_file = dir.path().join("plan.json");
    std::fs::write(&plan_file, serde_json::Value::Array(plan).to_string()).unwrap();
    let mut command = Command::new("node");
    command
        .arg(browser.join("search.mjs"))
        .arg("browser")
        .arg(&public)
        .arg(&plan_file)
        .current_dir(&browser)
        .stdin(Stdio::null());
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let out = command.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    eprintln!("{stdout}");
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("search: all checks passed"), "{stdout}");
}

/// The text of a published page as the index has it: its title and its Markdown, from its
/// `<article>` without the date line, the table of contents and the tags.
fn indexed_text(public: &Path, url: &str) -> String {
    let html = std::fs::read_to_string(public.join(url).join("index.html")).unwrap();
    let mut article = html
        .split("<article")
        .nth(1)
        .and_then(|a| a.split("</article>").next())
        .unwrap_or("")
        .to_string();
    for (open, close) in [
        ("<p class=\"meta\"", "</p>"),
        ("<nav class=\"toc\"", "</nav>"),
        ("<ul class=\"terms\"", "</ul>"),
    ] {
        if let Some(start) = article.find(open) {
            if let Some(len) = article[start..].find(close) {
                article.replace_range(start..start + len + close.len(), " ");
            }
        }
    }
    ponte::search::plain_text(&article)
}

/// The folder of the Node scripts, if Node is here (no browser needed).
fn node() -> Option<PathBuf> {
    let ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            !std::env::var("CI").is_ok_and(|v| v == "true"),
            "the agreement test needs node (CI=true)"
        );
        support::skip("needs node");
        return None;
    }
    Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser"))
}
