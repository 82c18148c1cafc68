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
#[command(name = "ponte", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
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
    },
    /// Create something new in the site
    New {
        #[command(subcommand)]
        what: NewCommand,
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
        } => {
            let root = root.unwrap_or_else(|| PathBuf::from("."));
            let report = check::report::check(&root, strict);
            if format == "json" {
                print!("{}", check::report::json(&report));
            } else {
                eprint!("{}", check::report::text(&report));
            }
            if report.is_clean() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
    }
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
    match build(options, &disk) {
        Ok(summary) => {
            report::print(&summary.warnings);
            if let Err(e) = disk.commit() {
                eprintln!(
                    "error: cannot move the new site into `{}`: {e}",
                    out.display()
                );
                return ExitCode::from(2);
            }
            eprintln!(
                "ponte: built {} pages in {} languages into {} in {:.2} s ({})",
                summary.pages,
                summary.languages,
                out.display(),
                summary.seconds,
                report::counts(&summary.warnings)
            );
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
                        "ponte: {} page(s) and {} interface file(s) now follow their source's current version",
                        recorded.pages.len(),
                        recorded.message_files.len()
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
                        "ponte: wrote {} with {pages} page(s) and {messages} interface message(s) to translate into {lang}",
                        out.display()
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
                        "ponte: {} file(s) written, {} already up to date",
                        done.written.len(),
                        done.unchanged
                    );
                    ExitCode::SUCCESS
                }
            }
        }
    }
}
