//! Batch conversion: inputs (files, folders walked recursively, or a list of
//! paths) are converted and rendered for the output format in parallel on a
//! rayon pool, chunk by chunk, and written in input order by one thread while
//! the next chunk converts. The output does not depend on the thread count,
//! memory does not grow with the number of files, and `--jobs N` means N
//! threads doing the work (the writer only appends bytes). Every input ends
//! up converted, skipped (not a notice we can read) or failed, with its reason.

use super::sinks::{AtomicFile, OutputError, Rendered, Renderer, Sink};
use notice_extract::{Disposition, Duplicates, NoticeDocument};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Instant;

/// Files converted per thread between writes: enough to keep threads busy,
/// few enough that memory stays flat.
pub const CHUNK_PER_THREAD: usize = 16;

/// One input file.
#[derive(Debug, Clone)]
pub struct Input {
    pub path: PathBuf,
    /// Path relative to the folder argument (with the folder's own name), for mirroring under OUT.
    pub rel: PathBuf,
    /// What walking the folder already decided about the entry.
    pub walked: Walked,
    /// Named as a file on the command line (not found by walking a folder
    /// or listed in `--files-from`): a user who names a file expects records
    /// from it.
    pub named: bool,
}

/// What walking a folder decided about one entry before it is read, so that
/// entries which are not plain files are accounted for too, never dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Walked {
    /// A file (or a link to one) to read.
    File,
    /// Walking could not read the entry (permission denied, a broken
    /// symbolic link): reported as failed, with this reason.
    Failed(String),
    /// An entry deliberately not read: a link to a folder (not followed, so a
    /// link cycle cannot loop the walk) or a special file such as a FIFO,
    /// whose read could block. Reported as skipped, with this reason.
    Skipped(String),
}

impl Input {
    /// The document id: the path as given or walked, unique and stable for
    /// any path bytes (see [`path_id`]).
    pub fn id(&self) -> String {
        path_id(&self.path)
    }
}

pub use notice_input::path_id;
use notice_input::{not_a_document, Loaded};

/// Judges a walked entry that is not a folder: files are read, links are
/// resolved (to a file: read; to a folder: not followed; broken: failed),
/// anything else is skipped.
fn judge_entry(path: &Path, kind: std::fs::FileType) -> Walked {
    let shown = path.display();
    if kind.is_file() {
        return Walked::File;
    }
    if !kind.is_symlink() {
        return Walked::Skipped(format!("{shown}: not a regular file"));
    }
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => Walked::File,
        Ok(m) if m.is_dir() => Walked::Skipped(format!(
            "{shown}: a symbolic link to a folder, not followed while walking (name it on the command line to convert what it links to)"
        )),
        Ok(_) => Walked::Skipped(format!("{shown}: a link to something not a regular file")),
        Err(e) => Walked::Failed(format!("{shown}: broken symbolic link ({e})")),
    }
}

/// A path named on the command line or in `--files-from` that is not a
/// folder: read, unless it is a broken symbolic link, which fails with a
/// reason that says so (reading it would say only "No such file").
fn judge_named(path: &Path) -> Walked {
    match std::fs::metadata(path) {
        Err(e) if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) => {
            Walked::Failed(format!("{}: a broken symbolic link ({e})", path.display()))
        }
        _ => Walked::File,
    }
}

/// One `--glob` or `--exclude` pattern, matched as ripgrep and fd match
/// theirs: without `/` it matches a file's (or folder's) name at any depth;
/// with `/` the path under the folder named on the command line, `*` not
/// crossing `/`; a trailing `/` matches folders only, and a leading `/` only
/// anchors. `--glob '!PATTERN'` excludes, as ripgrep's `-g '!…'`.
#[derive(Debug, Clone)]
pub struct Pattern {
    matcher: globset::GlobMatcher,
    /// Matched against the path under the walked folder, not the name.
    whole_path: bool,
    /// Written with a trailing `/`: matches folders only.
    folders_only: bool,
    /// Written `!PATTERN` to `--glob`: an exclusion.
    pub negated: bool,
}

impl Pattern {
    /// Parses a pattern as given on the command line; the error names it.
    pub fn parse(text: &str) -> Result<Pattern, String> {
        let (negated, body) = match text.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let folders_only = body.ends_with('/');
        let anchored = body.starts_with('/');
        let body = body.trim_matches('/');
        if body.is_empty() {
            return Err(format!("'{text}' names no file or folder"));
        }
        let matcher = globset::GlobBuilder::new(body)
            .literal_separator(true)
            .build()
            .map_err(|e| e.to_string())?
            .compile_matcher();
        Ok(Pattern {
            matcher,
            whole_path: anchored || body.contains('/'),
            folders_only,
            negated,
        })
    }

    /// Whether the entry at `rel` (under the walked folder) matches.
    fn matches(&self, rel: &Path, is_dir: bool) -> bool {
        if self.folders_only && !is_dir {
            return false;
        }
        if self.whole_path {
            self.matcher.is_match(rel)
        } else {
            rel.file_name().is_some_and(|n| self.matcher.is_match(n))
        }
    }
}

/// What a folder walk takes. Paths named on the command line or listed in
/// `--files-from` are read whatever these say (a folder so named is walked
/// with them).
#[derive(Debug, Clone, Default)]
pub struct WalkRules {
    /// Hidden entries and `*.expected.json` are read too (`--hidden`).
    pub hidden: bool,
    /// Only files matching one of these are taken (`--glob`); every file when empty.
    pub globs: Vec<Pattern>,
    /// Files and folders matching one of these are passed over, and such a
    /// folder is not entered (`--exclude`, `--glob '!…'`).
    pub excludes: Vec<Pattern>,
}

impl WalkRules {
    /// Whether the walk enters (a folder) or looks at (anything else) the
    /// entry at `rel` under the walked folder, named `name`.
    fn enters(&self, rel: &Path, name: &std::ffi::OsStr, is_dir: bool) -> bool {
        (self.hidden || !is_hidden(name)) && !self.excludes.iter().any(|p| p.matches(rel, is_dir))
    }

    /// Whether a file (anything but a folder) at `rel` is taken.
    fn takes(&self, rel: &Path) -> bool {
        self.globs.is_empty() || self.globs.iter().any(|p| p.matches(rel, false))
    }
}

/// A walked entry's path under the folder walked (`root`): what patterns
/// with `/` match.
fn under<'a>(e: &'a walkdir::DirEntry, root: &Path) -> &'a Path {
    e.path().strip_prefix(root).unwrap_or(e.path())
}

/// Whether a walked entry is, or links to, a folder: `--exclude 'build/'`
/// passes over a link to a folder named build too.
fn is_folder(e: &walkdir::DirEntry) -> bool {
    e.file_type().is_dir() || (e.path_is_symlink() && e.path().is_dir())
}

/// Names a folder walk passes over unless asked: hidden entries, and the
/// reviewed outputs `regress --bless` writes beside the notices.
fn is_hidden(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name.ends_with(EXPECTED_SUFFIX)
}

// The suffix of the reviewed outputs `regress` reads and `--bless` writes.
use notice_extract::regress::EXPECTED_SUFFIX;

/// Collects the inputs: files as given, folders walked recursively in name
/// order, then the paths listed in `files_from` (`-` for standard input).
/// Paths under `output` and our own temporary files are left out; while
/// walking, so is what `rules` passes over: hidden files and folders
/// (`.git`, `.cache`) and the tool's own reviewed outputs
/// (`*.expected.json`) unless `hidden`, files no `--glob` matches, and
/// whatever an `--exclude` matches.
///
/// A symbolic link to a folder named here is walked (the user asked for
/// it); one met while walking is listed as skipped, never followed, so that
/// a link cycle cannot loop the walk.
pub fn collect(
    args: &[PathBuf],
    files_from: Option<&Path>,
    output: Option<&Path>,
    rules: &WalkRules,
) -> Result<Vec<Input>, String> {
    let excluded = output.and_then(|p| p.canonicalize().ok());
    let keep = |p: &Path| {
        let tmp = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.contains(".tmp-"));
        let inside = excluded
            .as_ref()
            .is_some_and(|ex| p.canonicalize().is_ok_and(|c| c.starts_with(ex)));
        !tmp && !inside
    };
    let mut out = Vec::new();
    let stdin = Path::new(STDIN);
    if files_from == Some(stdin) && args.iter().any(|a| a == stdin) {
        return Err(
            "standard input cannot be both a notice (-) and the list of paths (--files-from -)"
                .into(),
        );
    }
    let mut listed: Vec<PathBuf> = args.to_vec();
    if let Some(list) = files_from {
        let text = if list == stdin {
            std::io::read_to_string(std::io::stdin()).map_err(|e| format!("<stdin>: {e}"))?
        } else {
            std::fs::read_to_string(list).map_err(|e| format!("{}: {e}", list.display()))?
        };
        listed.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(PathBuf::from),
        );
    }
    let named_args = args.len();
    for (i, arg) in listed.into_iter().enumerate() {
        if i < named_args && arg == stdin {
            out.push(Input {
                rel: PathBuf::from(STDIN),
                path: arg,
                walked: Walked::File,
                named: true,
            });
        } else if arg.is_dir() {
            let base = arg.parent().map(Path::to_path_buf).unwrap_or_default();
            let walked = walkdir::WalkDir::new(&arg)
                .sort_by_file_name()
                .follow_links(false)
                .follow_root_links(true)
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || rules.enters(under(e, &arg), e.file_name(), is_folder(e))
                });
            for entry in walked {
                match entry {
                    // The folder named (walkdir gives a link to it as a link, though it follows it).
                    Ok(e) if e.depth() == 0 => {}
                    Ok(e)
                        if e.file_type().is_dir()
                            || !keep(e.path())
                            || !rules.takes(under(&e, &arg)) => {}
                    Ok(e) => out.push(Input {
                        rel: e
                            .path()
                            .strip_prefix(&base)
                            .unwrap_or(e.path())
                            .to_path_buf(),
                        path: e.path().to_path_buf(),
                        walked: judge_entry(e.path(), e.file_type()),
                        named: false,
                    }),
                    Err(err) => {
                        let path = err
                            .path()
                            .map(Path::to_path_buf)
                            .unwrap_or_else(|| arg.clone());
                        out.push(Input {
                            rel: PathBuf::from(path.file_name().unwrap_or_default()),
                            walked: Walked::Failed(err.to_string()),
                            path,
                            named: false,
                        });
                    }
                }
            }
        } else if keep(&arg) {
            out.push(Input {
                rel: PathBuf::from(arg.file_name().unwrap_or(arg.as_os_str())),
                walked: judge_named(&arg),
                path: arg,
                named: i < named_args,
            });
        }
    }
    Ok(out)
}

/// What became of one input.
pub enum Outcome {
    /// Converted and rendered for the sink, with the counts for the summary.
    Converted {
        doc: Rendered,
        records: usize,
        quantities: usize,
    },
    Skipped(String),
    Failed(String),
}

/// The input name that stands for standard input (`curl … | notice-extract convert -`).
const STDIN: &str = "-";

/// Reads an input's bytes: standard input through a capped reader, a file
/// by [`notice_input::read_regular`] (never blocking, never past the limit).
fn read_regular(path: &Path) -> std::io::Result<Loaded> {
    use std::io::Read;
    let limit = notice_extract::limits::MAX_INPUT_BYTES as u64;
    if path == Path::new(STDIN) {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(limit + 1)
            .read_to_end(&mut bytes)?;
        return Ok(Loaded::Bytes(bytes));
    }
    notice_input::read_regular(path, limit)
}

/// The bytes of one input, or why it was not read (`Err(Outcome::Skipped
/// or Failed)`), by the same rules as a conversion: not blocking on a FIFO,
/// not reading past the input limit.
pub fn load(input: &Input) -> Result<Vec<u8>, Outcome> {
    match &input.walked {
        Walked::File => {}
        Walked::Failed(why) => return Err(Outcome::Failed(why.clone())),
        Walked::Skipped(why) => return Err(Outcome::Skipped(why.clone())),
    }
    match read_regular(&input.path) {
        Ok(Loaded::Bytes(b)) => Ok(b),
        Ok(Loaded::Folder) => Err(Outcome::Skipped(format!(
            "{}: a folder where a file was expected, not read",
            input.id()
        ))),
        Ok(Loaded::NotRegular) => Err(Outcome::Skipped(format!(
            "{}: not a regular file (a FIFO, socket or device), not read",
            input.id()
        ))),
        Ok(Loaded::TooLarge(size)) => {
            let e = notice_extract::Error::TooLarge {
                at: input.id().into(),
                size: usize::try_from(size).unwrap_or(usize::MAX),
                limit: notice_extract::limits::MAX_INPUT_BYTES,
            };
            Err(Outcome::Failed(e.to_string()))
        }
        Err(e) => Err(Outcome::Failed(format!("{}: {e}", input.id()))),
    }
}

/// Reads and extracts one input; runs on a worker thread. A document comes
/// back to be checked for duplicates in input order, then rendered; anything
/// else is already the input's outcome.
fn extract_one(input: &Input) -> (Result<NoticeDocument, Outcome>, u64) {
    let bytes = match load(input) {
        Ok(b) => b,
        Err(outcome) => return (Err(outcome), 0),
    };
    let n = bytes.len() as u64;
    let id = input.id();
    if let Some(what) = not_a_document(&bytes) {
        return (
            Err(Outcome::Skipped(format!("{id}: {what}, not a document"))),
            n,
        );
    }
    // Third-party parsers are already guarded inside the library; this
    // catches a bug of ours on some input, so that one file cannot stop the
    // batch (the panic message is on stderr, the file in errors.jsonl).
    let extracted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        notice_extract::extract(&bytes, &id)
    }));
    let Ok(extracted) = extracted else {
        return (
            Err(Outcome::Failed(format!(
                "{id}: internal error (panic) while converting"
            ))),
            n,
        );
    };
    let result = extracted.map_err(|e| match e.disposition() {
        Disposition::Skipped => Outcome::Skipped(e.to_string()),
        Disposition::Failed => Outcome::Failed(e.to_string()),
    });
    (result, n)
}

/// Renders one converted document for the sink; runs on a worker thread.
fn render_one(input: &Input, doc: NoticeDocument, renderer: Renderer) -> Outcome {
    let id = input.id();
    let records = doc.records.len();
    let quantities = doc.records.iter().map(|r| r.quantities.len()).sum();
    match renderer.render(&id, doc) {
        Ok(doc) => Outcome::Converted {
            doc,
            records,
            quantities,
        },
        Err(e) => Outcome::Failed(format!("{id}: {e}")),
    }
}

/// Converts one chunk of inputs on the pool: extraction in parallel, then
/// each document checked for records that repeat an earlier document's
/// (in input order, so the first copy of a notice keeps its records whatever
/// the thread count), then rendering in parallel.
fn convert_chunk(
    pool: &rayon::ThreadPool,
    chunk: &[Input],
    duplicates: &mut Duplicates,
    renderer: Renderer,
) -> Vec<(Outcome, u64)> {
    let mut extracted: Vec<_> = pool.install(|| chunk.par_iter().map(extract_one).collect());
    for (doc, _) in &mut extracted {
        if let Ok(doc) = doc {
            duplicates.mark(doc);
        }
    }
    pool.install(|| {
        chunk
            .par_iter()
            .zip(extracted)
            .map(|(input, (doc, n))| {
                let outcome = match doc {
                    Ok(doc) => render_one(input, doc, renderer),
                    Err(outcome) => outcome,
                };
                (outcome, n)
            })
            .collect()
    })
}

/// Counts for the summary line.
#[derive(Debug, Default)]
pub struct Summary {
    pub seen: usize,
    pub converted: usize,
    pub failed: usize,
    pub skipped: usize,
    /// Of the skipped, those named as files on the command line.
    pub named_skipped: usize,
    pub records: usize,
    pub quantities: usize,
    pub bytes: u64,
    pub seconds: f64,
    /// The run was stopped (Ctrl-C, SIGTERM) before every input was read;
    /// the sinks were not finished, so their temporary files are gone (a
    /// folder of JSON documents keeps the documents already written).
    pub interrupted: bool,
    /// The last input whose output was written (in input order).
    pub last_written: Option<String>,
}

/// The word for `n` of a thing.
fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mb = self.bytes as f64 / 1e6;
        write!(
            f,
            "{} {} seen: {} converted, {} failed, {} skipped; {} {}, {} {}; {:.2} s, {:.1} MB/s",
            self.seen,
            plural(self.seen, "file", "files"),
            self.converted,
            self.failed,
            self.skipped,
            self.records,
            plural(self.records, "record", "records"),
            self.quantities,
            plural(self.quantities, "quantity", "quantities"),
            self.seconds,
            if self.seconds > 0.0 {
                mb / self.seconds
            } else {
                0.0
            }
        )
    }
}

/// A request to stop (Ctrl-C, SIGTERM), shared by the signal handler and
/// the run, and how far the run got: a run blocked in a read never looks at
/// the request, and whoever ends it then says how far it had come.
#[derive(Debug, Default)]
pub struct Stop {
    /// Set by the signal: no further chunk is started.
    pub requested: AtomicBool,
    /// The run has started: `seen` and `done` count its inputs.
    started: AtomicBool,
    seen: AtomicUsize,
    done: AtomicUsize,
    /// Someone is ending the process: the run itself, or a signal's thread.
    exiting: AtomicBool,
}

impl Stop {
    pub const fn new() -> Stop {
        Stop {
            requested: AtomicBool::new(false),
            started: AtomicBool::new(false),
            seen: AtomicUsize::new(0),
            done: AtomicUsize::new(0),
            exiting: AtomicBool::new(false),
        }
    }

    /// Whether the caller is the first to end the process and so the one to
    /// say why: the run stopping by itself and the grace period running out
    /// can meet.
    pub fn claim_exit(&self) -> bool {
        !self.exiting.swap(true, Ordering::SeqCst)
    }

    /// Inputs accounted for and inputs in the run, once it has started
    /// (before, the inputs were still being collected).
    pub fn progress(&self) -> Option<(usize, usize)> {
        self.started.load(Ordering::Acquire).then(|| {
            (
                self.done.load(Ordering::Relaxed),
                self.seen.load(Ordering::Relaxed),
            )
        })
    }
}

/// Runs the batch: converts `inputs` on `jobs` threads and feeds `sink` in
/// input order; every skipped or failed input goes to `errors` (one JSON
/// object per line) and to standard error (only failures when `quiet`).
///
/// When `stop` is requested (the binary does on Ctrl-C or SIGTERM) no
/// further chunk is started, and the run returns with `interrupted` set and
/// the sinks dropped unfinished: their temporary files are removed, so
/// nothing partial is left under an output name.
pub fn run(
    inputs: &[Input],
    sink: Box<dyn Sink>,
    errors: Option<AtomicFile>,
    jobs: usize,
    quiet: bool,
    stop: &Stop,
) -> Result<Summary, Box<Halted>> {
    let mut account = Vec::new();
    let mut sum = Summary {
        seen: inputs.len(),
        ..Default::default()
    };
    match run_batch(
        inputs,
        sink,
        errors,
        jobs,
        quiet,
        stop,
        &mut sum,
        &mut account,
    ) {
        Ok(()) => Ok(sum),
        Err(error) => Err(Box::new(Halted {
            error,
            summary: sum,
            account,
        })),
    }
}

/// A run that stopped because its output could not be written (a full
/// disk, a closed standard output), with the account of the inputs it had
/// reached: the errors file may be lost with the output, so `main` gives the
/// account on standard error instead.
pub struct Halted {
    pub error: OutputError,
    /// The counts up to the failure; `last_written` says where output stops.
    pub summary: Summary,
    /// Every input skipped or failed before the failure, as the errors file
    /// lists them (`{"path", "status", "reason"}`).
    pub account: Vec<serde_json::Value>,
}

#[allow(clippy::too_many_arguments)] // `run`'s arguments and the two accounts it keeps
fn run_batch(
    inputs: &[Input],
    mut sink: Box<dyn Sink>,
    mut errors: Option<AtomicFile>,
    jobs: usize,
    quiet: bool,
    stop: &Stop,
    sum: &mut Summary,
    account: &mut Vec<serde_json::Value>,
) -> Result<(), OutputError> {
    stop.seen.store(inputs.len(), Ordering::Relaxed);
    stop.started.store(true, Ordering::Release);
    let start = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .build()
        .map_err(|e| OutputError::Other(format!("thread pool: {e}")))?;
    let bar = if !quiet && std::io::stderr().is_terminal() {
        let b = indicatif::ProgressBar::new(inputs.len() as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{bar:40} {pos}/{len} files {elapsed_precise} (eta {eta})",
        ) {
            b.set_style(style);
        }
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let chunk_len = CHUNK_PER_THREAD * jobs.max(1);
    let renderer = sink.renderer();
    // Conversion and writing overlap: one thread feeds chunks to the pool
    // while this one writes the previous chunk. The channel holds one chunk,
    // so at most three are in memory (being converted, waiting, being written).
    // An error (or standard output closed) stops the writer; the feeding
    // thread then stops at its next send, and the error goes up to `main`.
    std::thread::scope(|scope| -> Result<(), OutputError> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<(Outcome, u64)>>(1);
        scope.spawn(move || {
            let mut duplicates = Duplicates::new();
            for chunk in inputs.chunks(chunk_len) {
                if stop.requested.load(Ordering::Relaxed) {
                    break;
                }
                let done = convert_chunk(&pool, chunk, &mut duplicates, renderer);
                // A closed channel means the writer stopped on an error.
                if tx.send(done).is_err() {
                    break;
                }
            }
        });
        for (chunk, done) in inputs.chunks(chunk_len).zip(rx) {
            for (input, (outcome, bytes)) in chunk.iter().zip(done) {
                sum.bytes += bytes;
                let (status, reason) = match outcome {
                    Outcome::Converted {
                        doc,
                        records,
                        quantities,
                    } => match sink.add(&input.id(), &input.rel, doc)? {
                        None => {
                            sum.converted += 1;
                            sum.records += records;
                            sum.quantities += quantities;
                            sum.last_written = Some(input.id());
                            continue;
                        }
                        Some(why) => {
                            sum.failed += 1;
                            ("failed", format!("{}: {why}", input.id()))
                        }
                    },
                    Outcome::Skipped(r) => {
                        sum.skipped += 1;
                        sum.named_skipped += usize::from(input.named);
                        ("skipped", r)
                    }
                    Outcome::Failed(r) => {
                        sum.failed += 1;
                        ("failed", r)
                    }
                };
                // Quiet runs still say what failed; what was skipped is in the errors file.
                if !quiet || status == "failed" {
                    bar.suspend(|| eprintln!("{status}: {reason}"));
                }
                let line =
                    serde_json::json!({"path": input.id(), "status": status, "reason": reason});
                if let Some(f) = errors.as_mut() {
                    writeln!(f.w, "{line}").map_err(|source| OutputError::Io {
                        path: "errors.jsonl".into(),
                        source,
                    })?;
                }
                account.push(line);
            }
            bar.inc(chunk.len() as u64);
            stop.done.fetch_add(chunk.len(), Ordering::Relaxed);
        }
        Ok(())
    })?;
    bar.finish_and_clear();
    sum.seconds = start.elapsed().as_secs_f64();
    // A stop that came after the last chunk started loses nothing.
    if sum.converted + sum.failed + sum.skipped < sum.seen {
        sum.interrupted = true;
        return Ok(());
    }
    sink.finish()?;
    if let Some(f) = errors {
        // An errors file only when something was skipped or failed; one left
        // by an earlier run beside the new output would describe another run.
        if sum.failed + sum.skipped > 0 {
            f.commit()?;
        } else {
            f.discard()?;
        }
    }
    Ok(())
}
