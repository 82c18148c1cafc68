//! The `ponte` command line.
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

// Rendering allocates many small strings from two threads; glibc's allocator spent ~12% of the
// build's user time in malloc/free and consolidation (perf, 10,000-page corpus).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use ponte::build::{build, BuildOptions};
use ponte::output::DiskOutput;
use ponte::serve::{serve, ServeOptions};
use ponte::{check, report};

/// ponte builds the multilingual website of a project from plain files:
/// Markdown pages in content/, interface strings in locales/, a theme in themes/.
#[derive(Parser)]
#[command(
    name = "ponte",
    version,
    about,
    long_about = None,
    after_help = "Exit codes:\n  0  success (for check: no problem at all)\n  1  a mistake in the site, each reported with its file, line and column (for check: any problem)\n  2  ponte itself failed (a bug, or the disk refused a write)\n\nReports go to standard output, progress and messages to standard error. Colours only on a terminal; NO_COLOR=1 turns them off."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Print only errors
    #[arg(long, short, global = true)]
    quiet: bool,
    /// Also print how long each step of the build took
    #[arg(long, short, global = true, conflicts_with = "quiet")]
    verbose: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Build the whole site into a folder (public/ unless --out says otherwise)
    Build {
        /// The site's folder, the one with ponte.toml [default: the current folder]
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
        /// Where to put the built site [default: public/ inside the site's folder]
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Use this address instead of base_url from ponte.toml (e.g. for a test server)
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Also publish pages marked draft = true
        #[arg(long)]
        drafts: bool,
        /// Treat missing translations as errors
        #[arg(long)]
        strict: bool,
        /// Replace the --out folder even though ponte did not make it (its files are lost)
        #[arg(long)]
        force: bool,
    },
    /// Check everything without writing anything: links, anchors, translations, privacy and
    /// accessibility rules; exit code 0 only when there is no problem at all
    Check {
        /// The site's folder, the one with ponte.toml [default: the current folder]
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
        /// Treat missing translations as errors
        #[arg(long)]
        strict: bool,
        /// `text` for people, `json` for tools
        #[arg(long, value_name = "FORMAT", default_value = "text", value_parser = ["text", "json"])]
        format: String,
        /// Check the site as published at this address instead of base_url from ponte.toml
        /// (e.g. https://org.github.io/win for a sub-path)
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
    },
    /// Create something new in the site
    New {
        #[command(subcommand)]
        what: NewCommand,
    },
    /// Start a new site in an empty folder: a home page, about, results (one statistics table
    /// and one leaflet), privacy, safety and accessibility pages, in the languages you choose
    Init {
        /// The new site's folder; it must be empty or not exist yet [default: the current folder]
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
        /// The site's languages, the default one first (the starter pages exist in en, it, es,
        /// fr and el)
        #[arg(long, value_name = "CODES", default_value = "en")]
        languages: String,
        /// The site's name (title in ponte.toml)
        #[arg(long, default_value = "Our project")]
        title: String,
        /// The European Union funds this project: show the EU emblem, "Funded by the European
        /// Union" and the disclaimer on every page and PDF ([eu] funded = true)
        #[arg(long)]
        eu_funded: bool,
    },
    /// Print a shell completion script: `ponte completions bash > ~/.local/share/bash-completion/completions/ponte`
    Completions {
        /// bash, zsh, fish or powershell
        #[arg(value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Work with the theme: `ponte theme eject templates/page.html` copies a theme file into
    /// the site, where it replaces the theme's
    Theme {
        #[command(subcommand)]
        what: ThemeCommand,
    },
    /// Preview the site at http://127.0.0.1:1111/, rebuilt and reloaded on every save
    Serve {
        /// The port to listen on (the next free one if it is taken; 0 picks any free port)
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; anything but 127.0.0.1 shows the preview to the network
        #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1")]
        bind: String,
        /// Also show pages marked draft = true (with a "draft" banner)
        #[arg(long)]
        drafts: bool,
        /// Open the preview in the default browser
        #[arg(long)]
        open: bool,
        /// The site's folder, the one with ponte.toml [default: the current folder]
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
    },
    /// Where every translation stands (a page × language table), and the commands that
    /// record finished translations and exchange files with translators
    Translations {
        #[command(subcommand)]
        action: Option<TranslationsCommand>,
        /// The site's folder, the one with ponte.toml [default: the current folder]
        #[arg(long, value_name = "DIR", global = true)]
        root: Option<PathBuf>,
        /// `text` for people, `json` for tools
        #[arg(long, value_name = "FORMAT", default_value = "text", value_parser = ["text", "json"])]
        format: String,
        /// Exit with 1 when any translation is outdated, untranslated or unrecorded
        #[arg(long)]
        strict: bool,
    },
}

#[derive(Subcommand)]
enum TranslationsCommand {
    /// Record that the named translations now match their source (after a translator
    /// updated them): `ponte translations done content/about/_index.bg.md`
    Done {
        /// Translated pages (content/…/NAME.LANG.md), interface files (locales/LANG/NAME.ftl),
        /// or a default-language page for all its translations
        paths: Vec<PathBuf>,
        /// Every translation of the site (once, when a site starts tracking translations)
        #[arg(long)]
        all: bool,
    },
    /// Write an XLIFF 2.0 file for translators: `ponte translations export --lang bg`
    Export {
        /// The language to translate into
        #[arg(long, value_name = "LANG")]
        lang: String,
        /// Only pages and messages whose source changed (or that record no version)
        #[arg(long)]
        outdated: bool,
        /// Only pages and messages the language does not have yet
        #[arg(long)]
        missing: bool,
        /// Where to write it [default: translations-LANG.xlf in the current folder]
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Write the translations of an XLIFF file back into the site, checking every unit
    Import {
        /// The XLIFF file the translator sent back
        file: PathBuf,
    },
}

#[derive(Subcommand)]
enum ThemeCommand {
    /// Copy theme files into the site's own templates/, sass/, static/, documents/, fonts/ and
    /// locales/, where they replace the theme's; with no FILE, every file of the theme.
    /// Files that already exist are left as they are
    Eject {
        /// Files as the theme names them: templates/page.html, sass/_tokens.scss, static/js
        #[arg(value_name = "FILE")]
        files: Vec<String>,
        /// The site's folder, the one with ponte.toml [default: the current folder]
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum NewCommand {
    /// A page in every language, as drafts: `ponte new page about/history`, or a section with
    /// a final slash: `ponte new page news/`
    Page {
        /// The page's path under content/, without language or .md
        path: String,
        /// The site's folder, the one with ponte.toml [default: the current folder]
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // A crash is ponte's fault, never the user's: say so plainly and exit with 2.
    std::panic::set_hook(Box::new(|info| {
        eprintln!(
            "internal error: ponte stopped unexpectedly ({info}).\n  = hint: this is a bug in ponte, not in your site; your previous output is untouched. Please report it with the command you ran."
        );
    }));
    // Sass, Markdown and Tera work recursively: deeply nested input needs a deep stack.
    // Reserved address space only; the memory is used only when the input is that deep.
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(WORK_STACK)
        .build_global();
    std::thread::Builder::new()
        .name("ponte".to_string())
        .stack_size(WORK_STACK)
        .spawn(move || std::panic::catch_unwind(move || run(cli)).unwrap_or(ExitCode::from(2)))
        .ok()
        .and_then(|t| t.join().ok())
        .unwrap_or(ExitCode::from(2))
}

/// The stack of every thread that builds (the main work thread and rayon's).
const WORK_STACK: usize = 256 << 20;

fn run(cli: Cli) -> ExitCode {
    if cli.verbose {
        // The build prints each step's time when this is set (read before any thread starts).
        std::env::set_var("PONTE_TIMINGS", "1");
    }
    QUIET.store(cli.quiet, std::sync::atomic::Ordering::Relaxed);
    match cli.command {
        Command::Build {
            root,
            out,
            base_url,
            drafts,
            strict,
            force,
        } => {
            let root = root.unwrap_or_else(|| PathBuf::from("."));
            let out = out.unwrap_or_else(|| root.join("public"));
            let options = BuildOptions {
                root: root.clone(),
                base_url,
                drafts,
                strict,
                serve: false,
            };
            run_build(&options, &out, force)
        }
        Command::Serve {
            port,
            bind,
            drafts,
            open,
            root,
        } => run_serve(&ServeOptions {
            root: root.unwrap_or_else(|| PathBuf::from(".")),
            port,
            bind,
            drafts,
            open,
        }),
        Command::Init {
            dir,
            languages,
            title,
            eu_funded,
        } => init(&ponte::init::InitOptions {
            dir: dir.unwrap_or_else(|| PathBuf::from(".")),
            languages: ponte::init::parse_languages(&languages),
            title,
            eu_funded,
            today: ponte::init::today(),
        }),
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut command, "ponte", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Command::Theme {
            what: ThemeCommand::Eject { files, root },
        } => eject(&root.unwrap_or_else(|| PathBuf::from(".")), &files),
        Command::New {
            what: NewCommand::Page { path, root },
        } => new_page(&root.unwrap_or_else(|| PathBuf::from(".")), &path),
        Command::Translations {
            action,
            root,
            format,
            strict,
        } => translations(
            &root.unwrap_or_else(|| PathBuf::from(".")),
            action,
            &format,
            strict,
        ),
        Command::Check {
            root,
            strict,
            format,
            base_url,
        } => {
            let root = root.unwrap_or_else(|| PathBuf::from("."));
            let report = check::report::check_at(&root, strict, base_url);
            // The report is the command's output: on stdout, so `ponte check | grep` works.
            if format == "json" {
                print!("{}", check::report::json(&report));
            } else {
                let text = check::report::text(&report);
                let text = if quiet() {
                    // Only the errors, and the verdict.
                    let errors = ponte::diagnostic::Diagnostics(
                        report
                            .problems
                            .0
                            .iter()
                            .filter(|d| d.is_error())
                            .cloned()
                            .collect(),
                    );
                    format!(
                        "{}{}",
                        report::render(&errors),
                        text.lines().last().unwrap_or_default()
                    ) + "\n"
                } else {
                    text
                };
                use std::io::Write as _;
                let _ = anstream::stdout()
                    .lock()
                    .write_all(report::styled(&text).as_bytes());
            }
            if report.is_clean() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
    }
}

/// A spinner with the time so far, on standard error, while a build that lasts more than a
/// second runs; only on a terminal (indicatif draws nothing when stderr is piped).
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    /// Set when the build is over; the spinner is shown only if it is not (checked under the
    /// lock, so it never appears after the summary).
    done: std::sync::Arc<std::sync::Mutex<bool>>,
}

impl Progress {
    fn start(quiet: bool) -> Progress {
        let done = std::sync::Arc::new(std::sync::Mutex::new(false));
        if quiet || !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
            return Progress { bar: None, done };
        }
        let bar = indicatif::ProgressBar::hidden();
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} ponte: building… {elapsed}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        let (shown, finished) = (bar.clone(), done.clone());
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_secs(1));
            let finished = finished.lock().unwrap_or_else(|e| e.into_inner());
            if !*finished {
                shown.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                shown.enable_steady_tick(std::time::Duration::from_millis(120));
            }
        });
        Progress {
            bar: Some(bar),
            done,
        }
    }

    fn finish(self) {
        let mut done = self.done.lock().unwrap_or_else(|e| e.into_inner());
        *done = true;
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// `--quiet`: only errors are printed.
static QUIET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn quiet() -> bool {
    QUIET.load(std::sync::atomic::Ordering::Relaxed)
}

fn run_serve(options: &ServeOptions) -> ExitCode {
    match serve(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(why) => {
            eprintln!("error: {why}");
            ExitCode::from(1)
        }
    }
}

fn run_build(options: &BuildOptions, out: &Path, force: bool) -> ExitCode {
    let waiting = || {
        eprintln!(
            "ponte: another build is writing into {}; waiting for it to finish",
            out.display()
        )
    };
    // Held until the new site is in place: a second build into the same folder waits.
    let claim = match ponte::output_folder::claim(&options.root, out, force, &waiting) {
        Ok(claim) => claim,
        Err(refusal) => {
            eprintln!(
                "error: {}\n  = hint: {}\nponte: nothing was written",
                refusal.message, refusal.hint
            );
            return ExitCode::from(1);
        }
    };
    let disk = match DiskOutput::begin(&claim.target) {
        Ok(d) => d,
        Err(e) => {
            eprintln!(
                "error: cannot prepare the output folder `{}`: {e}",
                out.display()
            );
            return ExitCode::from(2);
        }
    };
    let progress = Progress::start(quiet());
    let built = build(options, &disk);
    progress.finish();
    match built {
        Ok(summary) => {
            if !quiet() {
                report::print(&summary.warnings);
            }
            if let Err(e) = disk.commit() {
                eprintln!(
                    "error: cannot move the new site into `{}`: {e}",
                    out.display()
                );
                return ExitCode::from(2);
            }
            if !quiet() {
                eprintln!(
                    "ponte: built {} in {} into {} in {} ({})",
                    report::plural(summary.pages, "page"),
                    report::plural(summary.languages, "language"),
                    out.display(),
                    report::seconds(summary.seconds),
                    report::counts(&summary.warnings)
                );
            }
            ExitCode::SUCCESS
        }
        Err(problems) => {
            disk.abandon();
            report::print(&problems);
            eprintln!(
                "ponte: {}; nothing was written, {} is as it was",
                report::counts(&problems),
                out.display()
            );
            ExitCode::from(1)
        }
    }
}

fn init(options: &ponte::init::InitOptions) -> ExitCode {
    match ponte::init::init(options) {
        Ok(made) => {
            if !quiet() {
                eprintln!(
                    "ponte: made a new site in {} ({}, in {})",
                    options.dir.display(),
                    report::plural(made.len(), "file"),
                    options.languages.join(", ")
                );
                eprint!("{}", ponte::init::next_steps(&options.dir));
            }
            ExitCode::SUCCESS
        }
        Err(problem) => {
            report::print(&ponte::diagnostic::Diagnostics(vec![problem]));
            ExitCode::from(1)
        }
    }
}

fn eject(root: &Path, files: &[String]) -> ExitCode {
    let config = match read_config(root) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let result = ponte::theme::Theme::load(root, &config.theme)
        .map_err(ponte::diagnostic::Diagnostics)
        .and_then(|theme| {
            ponte::theme::eject(root, &theme, files)
                .map_err(|d| ponte::diagnostic::Diagnostics(vec![d]))
        });
    match result {
        Ok(made) => {
            for file in &made {
                println!("created {}", file.display());
            }
            if quiet() {
            } else if made.is_empty() {
                eprintln!("ponte: the site already has its own copy of every file named");
            } else {
                eprintln!(
                    "ponte: edit the copies; they now replace the theme's files of the same name"
                );
            }
            ExitCode::SUCCESS
        }
        Err(problems) => {
            report::print(&problems);
            ExitCode::from(1)
        }
    }
}

fn read_config(root: &Path) -> Result<ponte::config::Config, ExitCode> {
    ponte::load::read_text(root, Path::new(ponte::config::CONFIG_FILE))
        .map_err(|d| vec![d])
        .and_then(|f| ponte::config::Config::parse(&f.path, &f.text))
        .map_err(|problems| {
            report::print(&ponte::diagnostic::Diagnostics(problems));
            ExitCode::from(1)
        })
}

fn new_page(root: &Path, path: &str) -> ExitCode {
    let config = match ponte::load::read_text(root, Path::new(ponte::config::CONFIG_FILE))
        .map_err(|d| vec![d])
        .and_then(|f| ponte::config::Config::parse(&f.path, &f.text))
    {
        Ok(c) => c,
        Err(problems) => {
            report::print(&ponte::diagnostic::Diagnostics(problems));
            return ExitCode::from(1);
        }
    };
    let files = match ponte::scaffold::page_files(&config, path) {
        Ok(f) => f,
        Err(d) => {
            report::print(&ponte::diagnostic::Diagnostics(vec![d]));
            return ExitCode::from(1);
        }
    };
    let (made, mut problems) = ponte::scaffold::write_new(root, &files);
    if let Err(e) = ponte::scaffold::keep_source(root, &config, &files) {
        problems.push(ponte::diagnostic::Diagnostic::warning(format!(
            "cannot keep the new page's text in .ponte/translations/: {e}"
        )));
    }
    let failed = problems.iter().any(|d| d.is_error());
    report::print(&ponte::diagnostic::Diagnostics(problems));
    for file in &made {
        eprintln!("created {}", file.display());
    }
    if !made.is_empty() {
        eprintln!("ponte: fill in each file, then remove `draft = true` to publish the page");
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn translations(
    root: &Path,
    action: Option<TranslationsCommand>,
    format: &str,
    strict: bool,
) -> ExitCode {
    use ponte::translations;
    let failed = |problems: ponte::diagnostic::Diagnostics| {
        report::print(&problems);
        eprintln!("ponte: {}; nothing was written", report::counts(&problems));
        ExitCode::from(1)
    };
    match action {
        None => match translations::read(root) {
            Err(problems) => failed(problems),
            Ok((_, _, status)) => {
                if format == "json" {
                    print!("{}", translations::matrix_json(&status));
                } else {
                    print!("{}", translations::matrix_text(&status));
                }
                let problems = ponte::diagnostic::Diagnostics(status.problems(strict));
                if strict && problems.has_errors() {
                    report::print(&problems);
                    eprintln!("ponte: {}", report::counts(&problems));
                    ExitCode::from(1)
                } else {
                    ExitCode::SUCCESS
                }
            }
        },
        Some(TranslationsCommand::Done { paths, all }) => {
            if paths.is_empty() && !all {
                eprintln!("error: name the translations that are done, or pass --all\n  = hint: e.g. `ponte translations done content/about/_index.bg.md`");
                return ExitCode::from(1);
            }
            match translations::done(root, &paths, all) {
                Err(problems) => failed(problems),
                Ok(recorded) => {
                    for p in recorded.pages.iter().chain(&recorded.message_files) {
                        eprintln!("recorded {}", p.display());
                    }
                    eprintln!(
                        "ponte: {} and {} now follow their source's current version",
                        report::plural(recorded.pages.len(), "page"),
                        report::plural(recorded.message_files.len(), "interface file")
                    );
                    ExitCode::SUCCESS
                }
            }
        }
        Some(TranslationsCommand::Export {
            lang,
            outdated,
            missing,
            out,
        }) => {
            let (config, sources, status) = match translations::read(root) {
                Ok(r) => r,
                Err(problems) => return failed(problems),
            };
            let selection = translations::exchange::Selection { outdated, missing };
            match translations::exchange::export(&config, &sources, &status, &lang, selection) {
                Err(problems) => failed(problems),
                Ok((xml, pages, messages)) => {
                    let out =
                        out.unwrap_or_else(|| PathBuf::from(format!("translations-{lang}.xlf")));
                    if let Err(e) = std::fs::write(&out, xml) {
                        eprintln!("error: cannot write `{}`: {e}", out.display());
                        return ExitCode::from(1);
                    }
                    eprintln!(
                        "ponte: wrote {} with {} and {} to translate into {lang}",
                        out.display(),
                        report::plural(pages, "page"),
                        report::plural(messages, "interface message")
                    );
                    ExitCode::SUCCESS
                }
            }
        }
        Some(TranslationsCommand::Import { file }) => {
            let (config, sources) = match ponte::load::load(root) {
                Ok(r) => r,
                Err(problems) => return failed(problems),
            };
            match translations::exchange::import(root, &config, &sources, &file) {
                Err(problems) => failed(problems),
                Ok(done) => {
                    report::print(&ponte::diagnostic::Diagnostics(done.warnings.clone()));
                    for p in &done.written {
                        eprintln!("wrote {}", p.display());
                    }
                    eprintln!(
                        "ponte: {} written, {} already up to date",
                        report::plural(done.written.len(), "file"),
                        done.unchanged
                    );
                    ExitCode::SUCCESS
                }
            }
        }
    }
}
