//! `ponte serve`: a local preview that rebuilds on every save and never loses the last good
//! build.
//!
//! In: [`ServeOptions`]. Out: an HTTP server on loopback that serves the site from memory
//! (never `public/`), rebuilt whenever a watched file changes. Browsers learn about rebuilds
//! over Server-Sent Events: a reload, a stylesheet swap, or the errors of a failed build,
//! shown over the last good pages until the mistake is fixed.
//!
//! The parts: [`classify`] (what a change touches, pure), [`watch`] (notify, debounced),
//! [`incremental`] (rendering again only the pages a change reaches),
//! [`conn`] (connections: accepting, reading requests, writing answers, with limits),
//! [`http`] (requests → responses from the [`Snapshot`]), [`live`] (the events and the
//! browser script).
pub mod classify;
pub mod conn;
pub mod http;
pub mod incremental;
pub mod live;
pub mod watch;

use std::collections::HashMap;
use std::hash::Hasher;
use std::io;
use std::net::{IpAddr, SocketAddr, TcpListener, ToSocketAddrs};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Instant;

use crate::build::{build_kept, BuildOptions};
use crate::config::CONFIG_FILE;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::MemoryOutput;
use crate::report;
use classify::Change;
use live::{Event, Hub};

/// What `ponte serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub port: u16,
    pub bind: String,
    pub drafts: bool,
    pub open: bool,
}

/// How many ports after a busy one are tried.
const PORT_TRIES: u16 = 10;

/// One built file, ready to serve.
pub struct File {
    pub bytes: Vec<u8>,
    /// A hash of the bytes, quoted, for `ETag`; made when first asked for, so that a rebuild
    /// does not hash the whole site.
    etag: OnceLock<String>,
}

impl File {
    pub fn etag(&self) -> &str {
        self.etag.get_or_init(|| {
            let mut hasher = std::hash::DefaultHasher::new();
            hasher.write(&self.bytes);
            format!("\"{:016x}\"", hasher.finish())
        })
    }
}

/// A successful build, kept whole until the next successful one replaces it.
pub struct Snapshot {
    /// Counts successful builds; pages carry it so a browser can tell it missed one.
    pub generation: u64,
    /// Shared between snapshots, so that an incremental rebuild copies only what changed.
    pub files: HashMap<String, Arc<File>>,
}

impl Snapshot {
    fn new(generation: u64, files: std::collections::BTreeMap<String, Vec<u8>>) -> Snapshot {
        let files = files
            .into_iter()
            .map(|(path, bytes)| {
                let file = File {
                    bytes,
                    etag: OnceLock::new(),
                };
                (path, Arc::new(file))
            })
            .collect();
        Snapshot { generation, files }
    }

    /// The CSS files with fingerprinted names (`/style.0123456789.css`), sorted.
    fn stylesheets(&self) -> Vec<String> {
        let mut sheets: Vec<String> = self
            .files
            .keys()
            .filter(|p| live::is_fingerprinted_css(p))
            .map(|p| format!("/{p}"))
            .collect();
        sheets.sort();
        sheets
    }
}

/// What the request handlers share with the builder.
pub struct State {
    /// The last good build; `None` until the first build succeeds.
    snapshot: Mutex<Option<Arc<Snapshot>>>,
    /// The report of the latest build when it failed, as the terminal shows it.
    errors: Mutex<Option<Arc<str>>>,
    pub hub: Hub,
    /// The path the site lives under (`/win`), or `""`.
    pub prefix: String,
}

/// The path part of the site's base_url (`/win`), or `""` (also when ponte.toml has a
/// mistake: the build reports it).
fn ponte_prefix(root: &std::path::Path) -> String {
    crate::load::read_text(root, std::path::Path::new(CONFIG_FILE))
        .ok()
        .and_then(|f| crate::config::Config::parse(&f.path, &f.text).ok())
        .map(|c| crate::subpath::base_path(&c.base_url))
        .unwrap_or_default()
}

impl State {
    pub fn snapshot(&self) -> Option<Arc<Snapshot>> {
        self.snapshot
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
    pub fn errors(&self) -> Option<Arc<str>> {
        self.errors
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
    /// The generation of the snapshot being served (0 before the first good build).
    pub fn generation(&self) -> u64 {
        self.snapshot().map_or(0, |s| s.generation)
    }
    /// The events a browser that connects now needs to catch up.
    pub fn greeting(&self) -> Vec<Event> {
        let mut events = vec![Event::Hello(self.generation())];
        if let Some(errors) = self.errors() {
            events.push(Event::Errors(errors.to_string()));
        }
        events
    }
}

/// Runs `ponte serve` until the process is interrupted. Returns only when it cannot start.
pub fn serve(options: &ServeOptions) -> Result<(), String> {
    if !options.root.join(CONFIG_FILE).is_file() {
        return Err(format!(
            "there is no {CONFIG_FILE} in `{}`\n  = hint: run ponte serve in the site's folder, or pass --root DIR",
            options.root.display()
        ));
    }
    let (listener, addr) = bind(&options.bind, options.port)?;
    if !addr.ip().is_loopback() {
        eprintln!("{}", exposure_warning(&addr));
    }
    // A site published under a sub-path (base_url = "https://org.github.io/win") is
    // previewed under the same path, so that its addresses work as they will online.
    let prefix = ponte_prefix(&options.root);
    let url = format!("http://{}{prefix}/", display_addr(&addr));
    let state = Arc::new(State {
        snapshot: Mutex::new(None),
        errors: Mutex::new(None),
        hub: Hub::default(),
        prefix,
    });
    let build_options = BuildOptions {
        root: options.root.clone(),
        base_url: Some(url.trim_end_matches('/').to_string()),
        drafts: options.drafts,
        strict: false,
        serve: true,
    };
    let watcher = watch::Watcher::start(&options.root)
        .map_err(|e| format!("cannot watch `{}` for changes: {e}", options.root.display()))?;

    let mut builder = Builder {
        options: build_options,
        state: state.clone(),
        warnings: String::new(),
        first_generation: first_generation(),
        incremental: None,
        debug: incremental::debugging(),
        follow_up: None,
    };
    builder.rebuild(Change::Config, &[]);

    {
        let state = state.clone();
        std::thread::Builder::new()
            .name("ponte-accept".into())
            .spawn(move || conn::accept(listener, state))
            .map_err(|e| format!("cannot start the web server on {addr}: {e}"))?;
    }
    let shown = std::fs::canonicalize(&options.root).unwrap_or_else(|_| options.root.clone());
    eprintln!(
        "ponte: serving {} at {url} (press Ctrl-C to stop)",
        shown.display()
    );
    if options.open {
        open_browser(&url);
    }
    loop {
        // While a build runs in the background, look at it between changes.
        let next = if builder.follow_up.is_some() {
            watcher.next_batch_within(FOLLOW_UP_POLL)
        } else {
            watcher
                .next_batch()
                .map_or(watch::Next::Stopped, watch::Next::Batch)
        };
        match next {
            watch::Next::Batch(batch) => builder.rebuild(batch.change, &batch.paths),
            watch::Next::Nothing => {}
            watch::Next::Stopped => break,
        }
        builder.adopt_follow_up();
    }
    Err("the file watcher stopped; restart ponte serve".to_string())
}

/// Builds the site and publishes the result to the browsers.
struct Builder {
    options: BuildOptions,
    state: Arc<State>,
    /// The warnings last printed, so that each rebuild prints only news.
    warnings: String,
    /// Where generations start, different on every start so that pages left open from an
    /// earlier `ponte serve` reload too.
    first_generation: u64,
    /// What the last successful build left for rendering single pages again; `None` after
    /// a failed build.
    incremental: Option<incremental::State>,
    /// Whether to say what each rebuild rendered and why ([`incremental::DEBUG_VAR`]).
    debug: bool,
    /// The full build running in the background after an incremental update that served
    /// the pages at once (a page printed in a report changed: the report is made there).
    follow_up: Option<FollowUp>,
}

/// A full build in the background, and the generation it was started on: if another one is
/// served by the time it ends, it may have missed that change and starts again.
struct FollowUp {
    generation: u64,
    started: Instant,
    result: std::sync::mpsc::Receiver<BuildResult>,
}

type BuildResult = Result<(crate::build::Summary, crate::build::Kept, MemoryOutput), Diagnostics>;

/// How often the builder looks whether a background build has ended.
const FOLLOW_UP_POLL: std::time::Duration = std::time::Duration::from_millis(25);

/// A file modified this recently before a build began (or while it ran) may still be
/// being written: a build that fails is tried again before its errors are shown.
const RECENT: std::time::Duration = std::time::Duration::from_millis(60);
/// At most this many tries in all, so that a file written without end still gets its
/// errors shown.
const TRIES: usize = 8;

/// Whether any of `paths` (relative to `root`) was modified after `since` less [`RECENT`].
fn written_since(root: &std::path::Path, paths: &[PathBuf], since: std::time::SystemTime) -> bool {
    let since = since.checked_sub(RECENT).unwrap_or(since);
    paths.iter().any(|path| {
        std::fs::metadata(root.join(path))
            .and_then(|m| m.modified())
            .is_ok_and(|t| t > since)
    })
}

/// Seconds since 1970 (any nonzero number that grows would do).
/// Whether `a` and `b` serve the same pages (HTML files), whatever their other files.
fn same_pages(a: &Snapshot, b: &Snapshot) -> bool {
    let pages = |s: &Snapshot| s.files.keys().filter(|p| p.ends_with(".html")).count();
    pages(a) == pages(b)
        && a.files
            .iter()
            .filter(|(p, _)| p.ends_with(".html"))
            .all(|(path, file)| {
                b.files
                    .get(path)
                    .is_some_and(|other| other.bytes == file.bytes)
            })
}

fn first_generation() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_secs().max(1))
}

impl Builder {
    fn rebuild(&mut self, change: Change, paths: &[PathBuf]) {
        let what = match paths {
            [] => String::new(),
            [one] => format!("{} changed; ", one.display()),
            [first, rest @ ..] => format!("{} and {} more changed; ", first.display(), rest.len()),
        };
        let start = Instant::now();
        let served = self.state.snapshot();
        if let (Some(state), Some(served)) = (self.incremental.as_mut(), served) {
            match state.update(&self.options.root, paths, &served.files) {
                Ok((mut update, problems)) => {
                    let Some(reason) = update.full_after.take() else {
                        return self.publish_update(&what, start, update, problems);
                    };
                    // The pages first, so that the edit shows at once; then everything,
                    // for the documents that print them, in the background: more edits
                    // are served meanwhile, and the build starts again after them.
                    self.publish_update(&what, start, update, problems);
                    if self.debug {
                        eprintln!("ponte: incremental: building everything next: {reason}");
                    }
                    // One already running sees that a page was served since it began,
                    // and starts over when it ends.
                    if self.follow_up.is_none() {
                        self.spawn_follow_up();
                    }
                    return;
                }
                Err(Ok(reason)) => {
                    if self.debug {
                        eprintln!("ponte: incremental: building everything: {reason}");
                    }
                }
                // The full build below reports the errors, every one of them.
                Err(Err(_)) => {
                    if self.debug {
                        eprintln!("ponte: incremental: building everything: the pages rendered again have errors");
                    }
                }
            }
        } else if self.debug && !paths.is_empty() {
            eprintln!("ponte: incremental: building everything: the last build failed");
        }
        self.incremental = None;
        // This build sees every change: one in the background is late.
        self.follow_up = None;
        let mut tries = 0;
        let result = loop {
            let memory = MemoryOutput::default();
            let began = std::time::SystemTime::now();
            tries += 1;
            match build_kept(&self.options, &memory) {
                Ok((summary, kept)) => break Ok((summary, kept, memory)),
                Err(problems) => {
                    // A half-written file fails to parse; its last write comes soon. A file
                    // that has stayed as it is since before the build began is complete.
                    if tries < TRIES && written_since(&self.options.root, paths, began) {
                        if self.debug {
                            eprintln!("ponte: incremental: the build failed on a file still being written; trying again");
                        }
                        std::thread::sleep(RECENT);
                        continue;
                    }
                    break Err(problems);
                }
            }
        };
        self.finish(result, change, &what, start, false);
    }

    /// Serves what a full build made (`documents_only`: after the pages were served
    /// already), or shows its errors.
    fn finish(
        &mut self,
        result: BuildResult,
        change: Change,
        what: &str,
        start: Instant,
        documents_only: bool,
    ) {
        match result {
            Ok((summary, kept, memory)) => {
                self.incremental = Some(incremental::State::new(
                    kept,
                    self.options.serve,
                    self.options.drafts,
                ));
                let previous = self.state.snapshot();
                let generation = previous
                    .as_ref()
                    .map_or(self.first_generation, |s| s.generation + 1);
                let mut snapshot = Snapshot::new(generation, memory.into_files());
                let css_only = change == Change::Style && previous.is_some();
                // When the pages were served already, browsers reload only if a page
                // changed (a listing shows a document's new size, say); otherwise the
                // pages keep their generation, so that none of them reloads later either.
                let quiet =
                    documents_only && previous.as_ref().is_some_and(|p| same_pages(p, &snapshot));
                if let (true, Some(previous)) = (quiet, &previous) {
                    snapshot.generation = previous.generation;
                }
                let snapshot = Arc::new(snapshot);
                drop(previous);
                let sheets = snapshot.stylesheets();
                self.replace(snapshot);
                let took = report::seconds(start.elapsed().as_secs_f64());
                self.print_warnings(&summary.warnings);
                if quiet {
                    eprintln!("ponte: documents made again in {took}");
                } else if css_only {
                    self.state.hub.broadcast(&Event::Css(generation, sheets));
                    eprintln!("ponte: {what}rebuilt in {took}; stylesheets swapped");
                } else {
                    self.state.hub.broadcast(&Event::Reload(generation));
                    eprintln!(
                        "ponte: {what}built {} in {} in {took} ({})",
                        report::plural(summary.pages, "page"),
                        report::plural(summary.languages, "language"),
                        report::counts(&summary.warnings)
                    );
                }
            }
            Err(problems) => {
                let text = error_report(&problems, self.state.snapshot().is_some());
                if !what.is_empty() {
                    eprintln!("ponte: {}", what.trim_end_matches("; "));
                }
                eprint!("{text}");
                self.warnings.clear();
                *self.state.errors.lock().unwrap_or_else(|e| e.into_inner()) =
                    Some(Arc::from(text.as_str()));
                self.state.hub.broadcast(&Event::Errors(text));
            }
        }
    }

    /// Starts a full build in the background ([`Builder::follow_up`]), on one thread of
    /// its own so that a core stays free for the edits served meanwhile.
    fn spawn_follow_up(&mut self) {
        let (send, result) = std::sync::mpsc::channel();
        let options = self.options.clone();
        let spawned = std::thread::Builder::new()
            .name("ponte-follow-up".into())
            .spawn(move || {
                let memory = MemoryOutput::default();
                let build = || build_kept(&options, &memory);
                let built = match rayon::ThreadPoolBuilder::new().num_threads(1).build() {
                    Ok(pool) => pool.install(build),
                    Err(_) => build(),
                };
                let _ = send.send(built.map(|(summary, kept)| (summary, kept, memory)));
            });
        self.follow_up = spawned.ok().map(|_| FollowUp {
            generation: self.state.generation(),
            started: Instant::now(),
            result,
        });
        if self.follow_up.is_none() {
            // No thread: build here, as before.
            self.incremental = None;
            let memory = MemoryOutput::default();
            let built =
                build_kept(&self.options, &memory).map(|(summary, kept)| (summary, kept, memory));
            self.finish(built, Change::Page, "", Instant::now(), true);
        }
    }

    /// Serves what the background build made, if it has ended and nothing was served
    /// since it began; starts it again if something was.
    fn adopt_follow_up(&mut self) {
        let Some(follow_up) = &self.follow_up else {
            return;
        };
        let built = match follow_up.result.try_recv() {
            Ok(built) => built,
            Err(std::sync::mpsc::TryRecvError::Empty) => return,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.follow_up = None;
                return;
            }
        };
        let (generation, started) = (follow_up.generation, follow_up.started);
        self.follow_up = None;
        if generation != self.state.generation() {
            if self.debug {
                eprintln!(
                    "ponte: incremental: the background build missed a change; building again"
                );
            }
            return self.spawn_follow_up();
        }
        self.finish(built, Change::Page, "", started, true);
    }

    /// Serves the pages an incremental rebuild rendered, beside the unchanged ones.
    fn publish_update(
        &mut self,
        what: &str,
        start: Instant,
        update: incremental::Update,
        problems: Diagnostics,
    ) {
        let Some(previous) = self.state.snapshot() else {
            return;
        };
        let generation = previous.generation + 1;
        let mut files = previous.files.clone();
        drop(previous);
        for (path, bytes) in update.files {
            let file = File {
                bytes,
                etag: OnceLock::new(),
            };
            files.insert(path, Arc::new(file));
        }
        self.replace(Arc::new(Snapshot { generation, files }));
        let took = report::seconds(start.elapsed().as_secs_f64());
        self.print_warnings(&problems);
        if self.debug {
            for (file, why) in &update.rendered {
                eprintln!("ponte: incremental: rendered {file} again: {why}");
            }
        }
        self.state.hub.broadcast(&Event::Reload(generation));
        eprintln!(
            "ponte: {what}rendered {} again in {took} ({})",
            report::plural(update.rendered.len(), "page"),
            report::counts(&problems)
        );
    }

    /// Serves `snapshot` from now on, with no errors.
    fn replace(&self, snapshot: Arc<Snapshot>) {
        let old = self
            .state
            .snapshot
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .replace(snapshot);
        // Freeing a large site's files takes a while; the browsers need not wait.
        std::thread::spawn(move || drop(old));
        *self.state.errors.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// Prints the warnings when they differ from the last ones printed.
    fn print_warnings(&mut self, problems: &Diagnostics) {
        let warnings = report::render(problems);
        if warnings != self.warnings {
            eprint!("{warnings}");
            self.warnings = warnings;
        }
    }
}

/// The errors of a failed build, as both the terminal and the browser overlay show them.
pub fn error_report(problems: &Diagnostics, have_previous: bool) -> String {
    let errors = Diagnostics(
        problems
            .0
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect::<Vec<Diagnostic>>(),
    );
    let still = if have_previous {
        "the preview shows the last good build until it is fixed"
    } else {
        "nothing can be shown until it is fixed"
    };
    format!(
        "{}ponte: {}; {still}\n",
        report::render(&errors),
        report::counts(&errors)
    )
}

/// Binds `bind:port`, or the next free port after a busy one, saying so.
fn bind(bind: &str, port: u16) -> Result<(TcpListener, SocketAddr), String> {
    let host = if bind == "localhost" {
        "127.0.0.1"
    } else {
        bind
    };
    let ip: IpAddr = match host.parse() {
        Ok(ip) => ip,
        Err(_) => (host, 0)
            .to_socket_addrs()
            .ok()
            .and_then(|mut a| a.next())
            .map(|a| a.ip())
            .ok_or_else(|| {
                format!("`{bind}` is not an address of this computer\n  = hint: use --bind 127.0.0.1 (the default), or an IP address of this computer")
            })?,
    };
    let tries = if port == 0 { 1 } else { PORT_TRIES };
    for next in 0..tries {
        let Some(candidate) = port.checked_add(next) else {
            break;
        };
        let addr = SocketAddr::new(ip, candidate);
        match TcpListener::bind(addr) {
            Ok(listener) => {
                let bound = listener.local_addr().unwrap_or(addr);
                if next > 0 {
                    eprintln!(
                        "ponte: port {port} is in use (another ponte serve?); using port {} instead",
                        bound.port()
                    );
                }
                return Ok((listener, bound));
            }
            Err(e) if e.kind() == io::ErrorKind::AddrInUse => continue,
            Err(e) => {
                return Err(format!(
                    "cannot listen on {}: {e}\n  = hint: try another --port or --bind",
                    display_addr(&addr)
                ))
            }
        }
    }
    Err(format!(
        "ports {port} to {} are all in use\n  = hint: stop the other server, or pass --port with a free port (e.g. --port 0 picks one)",
        port.saturating_add(PORT_TRIES - 1)
    ))
}

/// `127.0.0.1:1111`, or `[::1]:1111`.
fn display_addr(addr: &SocketAddr) -> String {
    addr.to_string()
}

/// The warning printed when the preview listens beyond this computer.
pub fn exposure_warning(addr: &SocketAddr) -> String {
    format!(
        "warning: the preview listens on {}, so other devices on the network can see it, drafts included\n  = hint: leave out --bind to keep it on this computer (127.0.0.1)",
        display_addr(addr)
    )
}

/// Opens `url` in the default browser; a failure is only a note.
fn open_browser(url: &str) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    let spawned = std::process::Command::new(program)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = spawned {
        eprintln!("ponte: could not open a browser ({program}: {e}); open {url} yourself");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warns_only_about_addresses_beyond_this_computer() {
        let addr: SocketAddr = "0.0.0.0:1111".parse().unwrap_or_else(|_| unreachable!());
        assert!(!addr.ip().is_loopback());
        assert!(exposure_warning(&addr).contains("other devices on the network"));
        let local: SocketAddr = "127.0.0.1:1111".parse().unwrap_or_else(|_| unreachable!());
        assert!(local.ip().is_loopback());
    }

    #[test]
    fn a_busy_port_moves_to_the_next_free_one() {
        let Ok(busy) = TcpListener::bind("127.0.0.1:0") else {
            return;
        };
        let Ok(taken) = busy.local_addr() else { return };
        match bind("127.0.0.1", taken.port()) {
            Ok((_, addr)) => assert_ne!(addr.port(), taken.port()),
            // Every following port busy too: still a message, not a panic.
            Err(message) => assert!(message.contains("in use"), "{message}"),
        }
    }

    #[test]
    fn error_report_lists_errors_not_warnings() {
        let problems = Diagnostics(vec![
            Diagnostic::error("broken link"),
            Diagnostic::warning("missing translation"),
        ]);
        let text = error_report(&problems, true);
        assert!(text.contains("error: broken link"));
        assert!(!text.contains("missing translation"));
        assert!(text.contains("last good build"));
    }
}
