//! A bounded mutation fuzzer through the real binary: each run takes a small fixture site,
//! damages one to three of its files (pages, front matter, `.ftl` strings, statistics TOML,
//! templates, Sass) the way a hurried editor or a hostile one would, builds it, and checks
//! that ponte answered like a tool for non-programmers should:
//!
//! - no panic (exit code 2 and "internal error"), no crash by signal;
//! - no hang (each run has a time limit);
//! - exit 0 or 1, and every error names its file, line and column (`--> file:line:col`).
//!
//! The runs are seeded (`PONTE_FUZZ_SEED`, default 0, then one seed per run), so a failure is
//! reproduced with the seed it prints. The whole test stops after `PONTE_FUZZ_SECONDS`
//! (default 40) so that CI stays bounded; `PONTE_FUZZ_RUNS` caps the number of runs instead.
mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use support::SiteTest;

/// A small, seeded random number generator (xorshift64*): reproducible without a crate.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03 | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Fragments that mean something to one of the languages in a site: TOML, Markdown, Tera,
/// Fluent, Sass, HTML, plus bytes that a terminal or a file system treats specially.
const TOKENS: &[&str] = &[
    "\"",
    "\\",
    "'",
    "=",
    "[",
    "]",
    "{",
    "}",
    "(",
    ")",
    "#",
    "\n",
    "\t",
    " ",
    "+++",
    "---",
    "{{",
    "}}",
    "{%",
    "%}",
    "{#",
    "#}",
    "{{ stats(id=\"",
    "{{ page.",
    "{% include \"",
    "{% extends \"base.html\" %}",
    "{% block content %}",
    "{% endblock %}",
    "{% for x in ",
    "{% if ",
    "](",
    "[x](/en/nowhere/)",
    "[x](@/nope.md)",
    "[x](#nowhere)",
    "![",
    "![A photo](Photo 1.JPG)",
    "](@/about/_index.md#",
    "## ",
    "# ",
    "{#id}",
    "<script>",
    "<a href=\"",
    "javascript:",
    "{ $",
    "{ $x }",
    " ->",
    "\n    *[other] ",
    "\n\t[one] ",
    "-term = ",
    "{ -term }",
    "{ NUMBER(",
    "title = ",
    "date = \"2026-11-15\"",
    "date = 2026-13-45",
    "slug = \"index.html\"",
    "aliases = [\"/a/./b/\"]",
    "draft = true",
    "weight = -1",
    "[extra]",
    "tags = [\"\"]",
    "total = ",
    "counts = { ",
    "= -3",
    "= 0",
    "= 99999999999999999999",
    "[[row]]",
    "[[category]]",
    "id = \"\"",
    "of = \"",
    "$x: ",
    "@import \"",
    "&:hover",
    "@mixin ",
    "@include ",
    "\u{0}",
    "\u{1b}[31m",
    "\u{feff}",
    "\u{202e}",
    "é",
    "Ελληνικά",
    "العربية",
    "😀",
];

/// One random change to the bytes of a file.
fn mutate(rng: &mut Rng, text: &[u8]) -> Vec<u8> {
    let mut bytes = text.to_vec();
    let at = |rng: &mut Rng, len: usize| rng.below(len + 1);
    match rng.below(9) {
        // Insert a meaningful fragment.
        0..=2 => {
            let i = at(rng, bytes.len());
            let token = rng.pick(TOKENS).as_bytes().to_vec();
            bytes.splice(i..i, token);
        }
        // Delete a short stretch.
        3 => {
            let i = at(rng, bytes.len());
            let n = 1 + rng.below(12);
            bytes.drain(i..(i + n).min(bytes.len()));
        }
        // Repeat a stretch (a pasted line, a doubled heading).
        4 => {
            let i = at(rng, bytes.len());
            let n = rng.below(40).min(bytes.len() - i.min(bytes.len()));
            let piece = bytes[i..i + n].to_vec();
            let times = 1 + rng.below(3);
            for _ in 0..times {
                bytes.splice(i..i, piece.iter().copied());
            }
        }
        // Cut the file short.
        5 => {
            let i = at(rng, bytes.len());
            bytes.truncate(i);
        }
        // Swap two lines.
        6 => {
            let mut lines: Vec<&[u8]> = text.split(|b| *b == b'\n').collect();
            if lines.len() > 1 {
                let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
                lines.swap(a, b);
            }
            bytes = lines.join(&b'\n');
        }
        // Replace one byte with any byte (invalid UTF-8 included).
        7 => {
            if !bytes.is_empty() {
                let i = rng.below(bytes.len());
                bytes[i] = (rng.next() & 0xff) as u8;
            }
        }
        // Something large: a long line or many lines.
        _ => {
            let i = at(rng, bytes.len());
            let token = rng.pick(TOKENS);
            let big = token.repeat(200 + rng.below(2000));
            bytes.splice(i..i, big.into_bytes());
        }
    }
    bytes
}

/// The files of a site that a mutation may touch.
fn targets(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in [
        "content",
        "locales",
        "themes/default/templates",
        "themes/default/sass",
    ] {
        for entry in walkdir::WalkDir::new(root.join(dir)) {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                out.push(entry.path().to_path_buf());
            }
        }
    }
    out.push(root.join("ponte.toml"));
    out.sort();
    out
}

/// Every `error:` in `stderr` that has no `--> file:line:col` line under it.
fn unlocated_errors(stderr: &str) -> Vec<String> {
    let lines: Vec<&str> = stderr.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if let Some(message) = line.strip_prefix("error: ") {
            let located = lines.get(i + 1).is_some_and(|next| {
                next.trim_start().starts_with("--> ")
                    && next.rsplit(':').take(2).all(|n| n.parse::<usize>().is_ok())
            });
            if !located {
                out.push(message.to_string());
            }
        }
    }
    out
}

/// What went wrong in one run.
enum Finding {
    Crash(String),
    Hang,
    Unlocated(Vec<String>),
}

const TIME_LIMIT: Duration = Duration::from_secs(20);

/// How the runs ended: built, refused with located errors.
static BUILT: AtomicUsize = AtomicUsize::new(0);
static REFUSED: AtomicUsize = AtomicUsize::new(0);

fn run_once(seed: u64) -> Option<(Finding, String)> {
    let mut rng = Rng::new(seed);
    let fixture = if seed.is_multiple_of(2) {
        "basic"
    } else {
        "stats"
    };
    let site = SiteTest::fixture(fixture);
    let files = targets(site.root());
    let mut changed = Vec::new();
    for _ in 0..1 + rng.below(3) {
        let file = rng.pick(&files).clone();
        let text = std::fs::read(&file).unwrap();
        let mut new = mutate(&mut rng, &text);
        if rng.below(4) == 0 {
            new = mutate(&mut rng, &new);
        }
        std::fs::write(&file, new).unwrap();
        changed.push(
            file.strip_prefix(site.root())
                .unwrap()
                .display()
                .to_string(),
        );
    }
    let out = site.root().join("out");
    let mut child = Command::new(env!("CARGO_BIN_EXE_ponte"))
        .args(["build", "--out"])
        .arg(&out)
        .arg("--root")
        .arg(site.root())
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr_pipe = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let mut pipe = stderr_pipe;
        let _ = std::io::Read::read_to_end(&mut pipe, &mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if start.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let stderr = String::from_utf8_lossy(&reader.join().unwrap()).into_owned();
    let what = format!("seed {seed} ({fixture}, changed {})", changed.join(", "));
    let Some(status) = status else {
        return Some((Finding::Hang, what));
    };
    match status.code() {
        Some(0) => {
            BUILT.fetch_add(1, Ordering::SeqCst);
            None
        }
        Some(1) if !stderr.contains("internal error") => {
            REFUSED.fetch_add(1, Ordering::SeqCst);
            let unlocated = unlocated_errors(&stderr);
            (!unlocated.is_empty()).then_some((Finding::Unlocated(unlocated), what))
        }
        code => Some((
            Finding::Crash(format!(
                "exit {code:?}: {}",
                stderr.chars().take(600).collect::<String>()
            )),
            what,
        )),
    }
}

#[test]
fn random_mutations_never_crash_hang_or_give_unlocated_errors() {
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
    let first_seed = env("PONTE_FUZZ_SEED").unwrap_or(0);
    let budget = Duration::from_secs(env("PONTE_FUZZ_SECONDS").unwrap_or(40));
    let max_runs = env("PONTE_FUZZ_RUNS").unwrap_or(u64::MAX);
    let start = Instant::now();
    let next = AtomicU64::new(first_seed);
    let runs = AtomicUsize::new(0);
    let findings: Mutex<Vec<(Finding, String)>> = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                while start.elapsed() < budget {
                    let seed = next.fetch_add(1, Ordering::SeqCst);
                    if seed - first_seed >= max_runs {
                        break;
                    }
                    runs.fetch_add(1, Ordering::SeqCst);
                    if let Some(f) = run_once(seed) {
                        findings.lock().unwrap().push(f);
                    }
                }
            });
        }
    });
    let findings = findings.into_inner().unwrap();
    let runs = runs.into_inner();
    eprintln!(
        "fuzz: {runs} runs in {:.0} s ({} built, {} refused with located errors), {} findings",
        start.elapsed().as_secs_f64(),
        BUILT.load(Ordering::SeqCst),
        REFUSED.load(Ordering::SeqCst),
        findings.len()
    );
    let mut report = String::new();
    for (finding, what) in &findings {
        match finding {
            Finding::Crash(why) => report.push_str(&format!("CRASH {what}: {why}\n")),
            Finding::Hang => report.push_str(&format!("HANG {what}\n")),
            Finding::Unlocated(errors) => {
                report.push_str(&format!("UNLOCATED {what}: {}\n", errors.join(" | ")))
            }
        }
    }
    assert!(runs > 0, "the fuzzer made no run");
    assert!(findings.is_empty(), "{report}");
}
