//! The `notice-extract` command: files, printing and exit codes around the
//! pure library.

mod cli;

use clap::{Parser, Subcommand, ValueEnum};
use cli::batch::{Pattern, Stop, WalkRules};
use cli::sinks::OutputError;
use notice_extract::model::{Block, Origin};
use notice_extract::{regress, Error, NoticeDocument};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::Ordering;
use std::time::Duration;

/// mimalloc rather than the system allocator: parsing and normalising make
/// many small, short-lived strings, and with glibc's malloc their
/// allocation and freeing took about a tenth of a conversion's time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "notice-extract",
    version,
    about = "Turn Chinese government livelihood-project notices (重点民生实事) into structured records"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Convert notices (files, or folders walked recursively) to JSON, JSON Lines, CSV or SQLite.
    ///
    /// Output: without -o, JSON documents or JSONL records go to standard output (JSON of several
    /// notices is one array; one file named alone gives its document). With -o: json writes one
    /// document per input under the folder OUT (or one array of them into OUT when it ends in .json),
    /// jsonl writes the file OUT, csv writes records.csv, quantities.csv and milestones.csv into the
    /// folder OUT, sqlite writes the database file OUT. Inputs that fail or are skipped are listed with
    /// their reason in errors.jsonl (in the OUT folder, or beside the OUT file; written only when some
    /// input was skipped or failed) and on standard error.
    ///
    /// Folders are walked recursively; hidden entries are passed over (see --hidden), and so are
    /// links to folders met inside (listed as skipped; a link to a folder named on the command line
    /// is walked).
    ///
    /// Exit code: 0 when every input converted, or was skipped as not a notice while walking a folder
    /// or reading --files-from; 1 when any input failed, or a file named on the command line gave no
    /// records (an image, a page without projects); 2 when the command line is wrong or the output
    /// cannot be written (the run's account then goes to standard error as JSON lines); 130 when
    /// interrupted (Ctrl-C or SIGTERM: the run
    /// stops between files and removes its temporary files; one blocked reading an input is ended
    /// after 2 s; a second signal ends it at once).
    #[command(after_help = "Examples:
  notice-extract convert notice.html                      # one notice, JSON on standard output
  notice-extract convert downloads/ -o all.jsonl          # a folder, one record per line
  notice-extract convert downloads/ -o notices.db         # a folder into SQLite
  curl -s URL | notice-extract convert - --format jsonl   # from standard input
  notice-extract convert downloads/ -o w.jsonl --glob '*.docx' --exclude 'draft*'   # Word files, no drafts
  notice-extract convert downloads/ -o p.jsonl --glob '2023/**/*.html'   # pages under downloads/2023/")]
    Convert(ConvertArgs),
    /// Show how a notice is read: layout, each table as a grid, the header mapping, warnings.
    #[command(after_help = "Examples:
  notice-extract inspect notice.docx           # format, layout, each table as a grid, header → field
  notice-extract inspect --json notice.html    # the intermediate model as JSON")]
    Inspect {
        file: PathBuf,
        /// Print the intermediate model (blocks, resolved grids with each cell's origin) as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print the quantities (numbers with units, qualifiers, objects) found in TEXT, or in each line of standard input.
    #[command(after_help = "Examples:
  notice-extract quantities '改造建筑面积约260万平方米'
  cut -f3 targets.tsv | notice-extract quantities     # one JSON array per input line")]
    Quantities {
        /// Text to read; without it, each line of standard input is read and gives one JSON array per line.
        text: Option<String>,
        /// One compact JSON array per line even for TEXT.
        #[arg(long)]
        jsonl: bool,
    },
    /// Write one self-contained HTML page (no network; opens from file://) showing each notice's
    /// tables as the source draws them — merged cells merged, header rows marked — beside the
    /// records read from them, each record linked to its row, quantities highlighted (hover reads
    /// them). With --diff, records added, removed and changed since an earlier run are marked.
    #[command(after_help = "Examples:
  notice-extract review notice.html -o review.html
  notice-extract review downloads/ -o review.html --diff old.jsonl   # what a parser change changed")]
    Review {
        /// Notice files, and folders to walk recursively.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The page to write; standard output when absent.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// An earlier run of the same inputs (`convert --format jsonl`, same paths): records
        /// added, removed and changed are marked, field by field, with the earlier values.
        #[arg(long, value_name = "OLD.jsonl")]
        diff: Option<PathBuf>,
        /// Also read hidden files and folders and `*.expected.json` met while walking.
        #[arg(long)]
        hidden: bool,
    },
    /// Check every saved notice in DIR against its expected output, NAME.EXT.expected.json.
    ///
    /// The expected output of a notice is named after its whole file name (a.txt →
    /// a.txt.expected.json, a.html → a.html.expected.json), so two notices with the same stem never
    /// share one; for NAME.txt the older NAME.expected.json is read when it alone exists, and
    /// --bless rewrites it in place. --bless refuses, before writing anything, when two notices would
    /// write the same expected file (such as `a` and `a.txt` beside a.expected.json).
    ///
    /// A mismatch lists the records that differ first (index, seq and name, then each differing
    /// field), then the other differences of the document, then the differences of provenance
    /// (source.*) in one line; at most 40 differences are printed per file, with a count of the rest.
    ///
    /// Exit code: 0 when every notice matches, 1 when any differs or fails, 2 when the notices cannot
    /// be compared (two of them share an expected file, DIR unreadable).
    #[command(after_help = "Examples:
  notice-extract regress fixtures                   # every NAME.EXT.expected.json against a fresh extraction
  notice-extract regress --ignore source fixtures   # ignore where records were read from (source.*)
  notice-extract regress --bless fixtures           # (re)write them, then read each against its notice")]
    Regress {
        dir: PathBuf,
        /// Rewrite the expected files from the current output (review them before committing).
        #[arg(long, conflicts_with = "ignore")]
        bless: bool,
        /// Leave out differences of this kind when comparing (repeatable, or comma-separated).
        #[arg(long, value_enum, value_delimiter = ',')]
        ignore: Vec<Ignored>,
        /// Also write a review page of the mismatches (as `review --diff`, the expected output as
        /// the earlier run) to this file.
        #[arg(long, value_name = "OUT.html", conflicts_with = "bless")]
        html: Option<PathBuf>,
    },
}

/// The arguments of `convert`.
#[derive(clap::Args)]
struct ConvertArgs {
    /// Notice files, and folders to walk recursively; `-` reads one notice from standard input.
    #[arg(required_unless_present = "files_from")]
    inputs: Vec<PathBuf>,
    /// Also read the paths listed in this file, one per line (`-` for standard input); blank lines
    /// and lines starting with `#` are passed over.
    #[arg(long)]
    files_from: Option<PathBuf>,
    /// Output format. Without it, -o's extension chooses (.json, .jsonl or .ndjson, .db, .sqlite
    /// or .sqlite3), else json; a format that contradicts the extension is an error.
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Where to write (see above); standard output when absent (json and jsonl only).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Threads to convert with (default: all cores). Output is the same for any value.
    #[arg(long)]
    jobs: Option<usize>,
    /// No progress bar and no line per skipped input; failures and the summary line still go to
    /// standard error.
    #[arg(short, long)]
    quiet: bool,
    /// Also read hidden files and folders (`.name`) and `*.expected.json` files met while walking
    /// a folder; they are passed over by default.
    #[arg(long)]
    hidden: bool,
    /// Add to the SQLite database OUT instead of replacing it: a document already in it (the same
    /// path, or the same bytes under another path) is replaced, not doubled, and records repeated
    /// across runs are marked in `duplicate_of`. SQLite output only.
    #[arg(long)]
    append: bool,
    /// While walking folders, take only files matching PATTERN (repeatable: any of them). A
    /// pattern without `/` matches the file name at any depth (`*.docx`), one with `/` the path
    /// under the folder named (`2023/**/*.html`); case-sensitive. `!PATTERN` excludes, as
    /// --exclude. Files named on the command line or in --files-from are always read.
    #[arg(long = "glob", value_name = "PATTERN", value_parser = Pattern::parse)]
    globs: Vec<Pattern>,
    /// While walking folders, pass over files and folders matching PATTERN (repeatable); an
    /// excluded folder is not entered. Matched as --glob; a trailing `/` (`build/`) matches
    /// folders only.
    #[arg(long = "exclude", value_name = "PATTERN", value_parser = Pattern::parse)]
    excludes: Vec<Pattern>,
}

/// A kind of difference `regress --ignore` leaves out.
#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Ignored {
    /// Provenance: the `source` of the document and of each record (file path, sha256, format,
    /// table, row, line, inherited fields); a file whose only differences are these passes.
    Source,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Format {
    /// One pretty-printed JSON document per notice.
    Json,
    /// One compact JSON record per line.
    Jsonl,
    /// records.csv, quantities.csv and milestones.csv (UTF-8 with BOM), keyed by record id.
    Csv,
    /// One SQLite database: documents, records, quantities and milestones tables.
    Sqlite,
}

impl Format {
    /// The name `--format` takes.
    fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Sqlite => "sqlite",
        }
    }
}

/// What an output file's extension says it holds, when it says.
fn format_of(output: &Path) -> Option<Format> {
    let ext = output.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "json" => Some(Format::Json),
        "jsonl" | "ndjson" => Some(Format::Jsonl),
        "csv" => Some(Format::Csv),
        "db" | "sqlite" | "sqlite3" => Some(Format::Sqlite),
        _ => None,
    }
}

/// The output format: the one asked for, else the one `-o`'s extension
/// names, else JSON. A format the extension contradicts is an error, never a
/// folder silently named `out.jsonl`; CSV is a folder of three files, so an
/// `-o NAME.csv` that is not a folder already is an error that says so.
fn output_format(asked: Option<Format>, output: Option<&Path>) -> Result<Format, String> {
    let named = output.and_then(format_of);
    let format = match (asked, named) {
        (Some(a), Some(n)) if a != n => {
            return Err(format!(
                "--format {} contradicts the output's extension (which says {})",
                a.name(),
                n.name()
            ))
        }
        (Some(a), _) => a,
        (None, Some(n)) => n,
        (None, None) => Format::Json,
    };
    if let Some(o) =
        output.filter(|o| format == Format::Csv && format_of(o).is_some() && !o.is_dir())
    {
        return Err(format!(
            "CSV output is a folder (records.csv, quantities.csv, milestones.csv); {} is not one: give a folder, such as -o csv/",
            o.display()
        ));
    }
    Ok(format)
}

/// Why a command stopped: `main` alone reports it and picks the exit code.
#[derive(Debug)]
enum Failure {
    /// An input could not be read or converted (the library's error).
    Notice(Error),
    /// `convert`'s output, named by its path (or `<stdout>`), could not be written.
    Output { output: String, error: OutputError },
    /// The command cannot do what was asked, and did nothing (`regress`
    /// over two notices that share one expected file).
    Refused(String),
    /// Standard output was closed by its reader (`notice-extract … | head`):
    /// the reader has what it wanted, so the program ends quietly and
    /// successfully, as `grep` and `rg` do.
    StdoutClosed,
}

impl Failure {
    /// A failure of the output `output` (standard output when `None`).
    fn output(output: Option<&Path>, error: OutputError) -> Failure {
        match error {
            OutputError::StdoutClosed => Failure::StdoutClosed,
            error => Failure::Output {
                output: output.map_or_else(|| "<stdout>".into(), |p| p.display().to_string()),
                error,
            },
        }
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Notice(e)
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Notice(e) => write!(f, "{e}"),
            Failure::Output { output, error } => write!(f, "{output}: {error}"),
            Failure::Refused(why) => f.write_str(why),
            Failure::StdoutClosed => f.write_str("standard output closed by its reader"),
        }
    }
}

/// `println!` that returns [`Failure::StdoutClosed`] from the function when
/// standard output is closed (`notice-extract regress fixtures | head`)
/// instead of panicking. Other write errors are ignored, as `println!`
/// would not report them either.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout(), $($arg)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                return Err(Failure::StdoutClosed);
            }
        }
    }};
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Convert(args) => convert(&args),
        Command::Inspect { file, json } => inspect(&file, json),
        Command::Review {
            inputs,
            output,
            diff,
            hidden,
        } => review(&inputs, output.as_deref(), diff.as_deref(), hidden),
        Command::Regress {
            dir,
            bless,
            ignore,
            html,
        } => regress_dir(
            &dir,
            bless,
            ignore.contains(&Ignored::Source),
            html.as_deref(),
        ),
        Command::Quantities { text, jsonl } => quantities(text.as_deref(), jsonl),
    };
    match result {
        Ok(code) => code,
        Err(Failure::StdoutClosed) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn read(path: &Path) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(|source| Error::Io {
        at: path.display().to_string().into(),
        source,
    })
}

fn extract_file(path: &Path, name: &str) -> Result<NoticeDocument, Error> {
    let bytes = read(path)?;
    notice_extract::extract(&bytes, name)
}

/// Exit status of a run stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it).
const EXIT_INTERRUPTED: u8 = 130;

/// How long a run asked to stop (Ctrl-C, SIGTERM) has to reach the end of
/// its chunk and stop by itself, before it is ended from outside. A chunk of
/// ordinary notices converts in well under this; a run that has not stopped
/// by then is most likely blocked reading an input (a standard input that
/// never ends, a hung network filesystem) and would never look at the
/// request. Ending one that was merely slow loses nothing finished: only the
/// documents of the chunk in hand, which an interrupted run drops anyway.
const STOP_GRACE: Duration = Duration::from_secs(2);

/// The stop request of `convert`, set by the first Ctrl-C or SIGTERM: the
/// run stops between chunks and removes its temporary files. A run still
/// going after [`STOP_GRACE`] is ended by [`end_run`]; a second signal ends
/// it at once. Without a handler (one could not be installed) the signal
/// ends the program as usual.
fn stop_on_signal() -> &'static Stop {
    static STOP: Stop = Stop::new();
    let _ = ctrlc::set_handler(|| {
        if STOP.requested.swap(true, Ordering::Relaxed) {
            end_run(&STOP, "a second signal ended it at once", true);
        }
        // The handler's own thread must stay free for a second signal. Without
        // this thread (none could be started) the second signal still ends the run.
        let _ = std::thread::Builder::new()
            .name("stop-grace".into())
            .spawn(|| {
                std::thread::sleep(STOP_GRACE);
                end_run(
                    &STOP,
                    &format!(
                        "it did not stop within {} s (still reading), so it was ended",
                        STOP_GRACE.as_secs()
                    ),
                    false,
                );
            });
    });
    &STOP
}

/// Ends a run from outside (it did not stop by itself): removes the
/// temporary files still there, says why and how far the run got, and exits
/// 130. When the process is already exiting (the run stopped by itself, or
/// the grace period ran out), only `at_once` (a second signal) exits, and
/// without a word: the user wants out now.
fn end_run(stop: &Stop, why: &str, at_once: bool) {
    use std::io::Write;
    if !stop.claim_exit() {
        if at_once {
            std::process::exit(i32::from(EXIT_INTERRUPTED));
        }
        return;
    }
    let removed = match cli::sinks::remove_temporaries() {
        Some(0) => "",
        Some(_) => "; temporary files removed",
        None => "; temporary files (NAME.tmp-PID) may remain: the filesystem did not answer",
    };
    let message = match stop.progress() {
        Some((done, seen)) => format!("interrupted after {done} of {seen} files; {why}{removed}"),
        None => format!("interrupted while collecting the inputs; {why}{removed}"),
    };
    let _ = writeln!(std::io::stderr(), "{message}");
    std::process::exit(i32::from(EXIT_INTERRUPTED));
}

fn convert(args: &ConvertArgs) -> Result<ExitCode, Failure> {
    let output = args.output.as_deref();
    use cli::sinks::{AtomicFile, Csv, JsonDir, JsonStream, Sink, Sqlite};
    let fail = |error: OutputError| Failure::output(output, error);
    // Before any temporary file exists, so that a signal can remove them all.
    let format = output_format(args.format, output)
        .map_err(|msg| Failure::output(output, OutputError::Other(msg)))?;
    if args.append && format != Format::Sqlite {
        return Err(Failure::output(
            output,
            OutputError::Other(format!(
                "--append adds to a SQLite database; {} output is written whole",
                format.name()
            )),
        ));
    }
    let stop = stop_on_signal();
    // Reported after the output's name, as it always was.
    // `--glob '!PATTERN'` is an exclusion, as in ripgrep.
    let (excluded, globs): (Vec<Pattern>, Vec<Pattern>) =
        args.globs.iter().cloned().partition(|p| p.negated);
    let rules = WalkRules {
        hidden: args.hidden,
        globs,
        excludes: args.excludes.iter().cloned().chain(excluded).collect(),
    };
    let items = cli::batch::collect(&args.inputs, args.files_from.as_deref(), output, &rules)
        .map_err(|msg| fail(OutputError::Other(msg)))?;
    let dir_errors = |d: &Path| AtomicFile::create(&d.join("errors.jsonl")).map(Some);
    let beside = |f: &Path| {
        let stem = f
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        AtomicFile::create(&f.with_file_name(format!("{stem}.errors.jsonl"))).map(Some)
    };
    // JSON of several notices is one array, so that it is one JSON value;
    // one file named on the command line gives its document alone.
    let array = !matches!(items.as_slice(), [only] if only.named);
    // `--format json -o NAME.json` writes one file; any other -o is a folder.
    let one_json_file = |o: &Path| o.extension().is_some_and(|e| e == "json");
    let (sink, errors): (Box<dyn Sink>, Option<AtomicFile>) = match (format, output) {
        (Format::Json, None) => (
            Box::new(
                JsonStream::new(None, false, true)
                    .map_err(fail)?
                    .array(array),
            ),
            None,
        ),
        (Format::Json, Some(o)) if one_json_file(o) => (
            Box::new(
                JsonStream::new(Some(o), false, true)
                    .map_err(fail)?
                    .array(array),
            ),
            beside(o).map_err(fail)?,
        ),
        (Format::Json, Some(o)) => (
            Box::new(JsonDir {
                dir: o.to_path_buf(),
            }),
            dir_errors(o).map_err(fail)?,
        ),
        (Format::Jsonl, None) => (
            Box::new(JsonStream::new(None, true, false).map_err(fail)?),
            None,
        ),
        (Format::Jsonl, Some(o)) => (
            Box::new(JsonStream::new(Some(o), true, false).map_err(fail)?),
            beside(o).map_err(fail)?,
        ),
        (Format::Csv, Some(o)) => (
            Box::new(Csv::new(o).map_err(fail)?),
            dir_errors(o).map_err(fail)?,
        ),
        (Format::Sqlite, Some(o)) => (
            Box::new(Sqlite::new(o, args.append).map_err(fail)?),
            beside(o).map_err(fail)?,
        ),
        (Format::Csv | Format::Sqlite, None) => {
            return Err(fail(OutputError::Other(
                "csv and sqlite output need -o OUT".into(),
            )))
        }
    };
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let summary = match cli::batch::run(&items, sink, errors, jobs, args.quiet, stop) {
        Ok(summary) => summary,
        Err(halted) => return Err(output_halted(*halted, output, format)),
    };
    if summary.interrupted {
        let done = summary.converted + summary.failed + summary.skipped;
        // A folder of JSON documents keeps each document finished (whole);
        // every other output is one file, left unwritten.
        let kept = match output {
            Some(o) if format == Format::Json && !one_json_file(o) => {
                format!("the documents finished are in {}", o.display())
            }
            Some(_) => "no output file was written".to_string(),
            None => "the output stops there".to_string(),
        };
        // The grace period may have run out meanwhile: one message only.
        if stop.claim_exit() {
            eprintln!("interrupted after {done} of {} files; {kept}", summary.seen);
        }
        return Ok(ExitCode::from(EXIT_INTERRUPTED));
    }
    eprintln!("{summary}");
    // The exit code policy (README, `--help`): 1 when any input failed, or
    // when a file named on the command line gave no records.
    Ok(if summary.failed > 0 || summary.named_skipped > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// A run stopped by its output (a full disk, a file too large): says where
/// the output stops and gives on standard error the account of the inputs
/// the run reached, which the errors file beside the output may have lost
/// with it. Standard output closed by its reader ends the run quietly.
fn output_halted(halted: cli::batch::Halted, output: Option<&Path>, format: Format) -> Failure {
    let cli::batch::Halted {
        error,
        summary: s,
        account,
    } = halted;
    if matches!(error, OutputError::StdoutClosed) {
        return Failure::StdoutClosed;
    }
    let kept = match output {
        Some(o) if format == Format::Json && o.extension().is_none_or(|e| e != "json") => {
            format!("the documents written before it are in {}", o.display())
        }
        Some(_) => "no output file was kept (nothing half-written is left)".to_string(),
        None => "standard output stops there".to_string(),
    };
    let after = s.last_written.as_deref().map_or_else(
        || "before the first document".to_string(),
        |p| format!("after {p}"),
    );
    eprintln!(
        "{}: writing failed {after}: {} of {} files reached ({} converted, {} failed, {} skipped); {kept}",
        output.map_or_else(|| "<stdout>".into(), |p| p.display().to_string()),
        s.converted + s.failed + s.skipped,
        s.seen,
        s.converted,
        s.failed,
        s.skipped,
    );
    let summary = serde_json::json!({
        "status": "output_failed",
        "reason": error.to_string(),
        "seen": s.seen,
        "converted": s.converted,
        "failed": s.failed,
        "skipped": s.skipped,
        "last_written": s.last_written,
    });
    eprintln!(
        "the run's account, one JSON object a line (the errors file may be lost with the output):"
    );
    for line in account.iter().chain([&summary]) {
        eprintln!("{line}");
    }
    Failure::output(output, error)
}

/// Writes a review page whole (under a temporary name, renamed when done).
fn write_page(dest: &Path, html: &str) -> Result<(), Failure> {
    use std::io::Write as _;
    let fail = |e| Failure::output(Some(dest), e);
    let mut f = cli::sinks::AtomicFile::create(dest).map_err(fail)?;
    f.w.write_all(html.as_bytes()).map_err(|source| {
        fail(OutputError::Io {
            path: dest.to_path_buf(),
            source,
        })
    })?;
    f.commit().map_err(fail)
}

fn review(
    inputs: &[PathBuf],
    output: Option<&Path>,
    diff: Option<&Path>,
    hidden: bool,
) -> Result<ExitCode, Failure> {
    use cli::batch::Outcome;
    let earlier = match diff {
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|source| Error::Io {
                at: p.display().to_string().into(),
                source,
            })?;
            let earlier = cli::review::Earlier::from_jsonl(&text).map_err(|why| {
                Failure::output(
                    Some(p),
                    OutputError::Other(format!("not a JSON Lines run of convert: {why}")),
                )
            })?;
            Some(earlier)
        }
        None => None,
    };
    let rules = cli::batch::WalkRules {
        hidden,
        ..Default::default()
    };
    let items = cli::batch::collect(inputs, None, output, &rules)
        .map_err(|msg| Failure::output(output, OutputError::Other(msg)))?;
    let mut duplicates = notice_extract::Duplicates::new();
    let mut notices = Vec::new();
    let mut records = 0;
    for input in &items {
        let name = input.id();
        let bytes = match cli::batch::load(input) {
            Ok(b) => b,
            Err(Outcome::Skipped(why) | Outcome::Failed(why)) => {
                notices.push(cli::review::Notice {
                    name,
                    model: None,
                    doc: Err(why),
                });
                continue;
            }
            Err(Outcome::Converted { .. }) => continue,
        };
        let model = notice_extract::parse(&bytes, &name)
            .ok()
            .map(|p| p.document);
        let options = notice_extract::Options::new().keep_empty(true);
        let doc = notice_extract::extract_with(&bytes, &name, &options)
            .map(|mut d| {
                duplicates.mark(&mut d);
                records += d.records.len();
                serde_json::to_value(&d).unwrap_or_default()
            })
            .map_err(|e| e.to_string());
        notices.push(cli::review::Notice { name, model, doc });
    }
    let title = format!(
        "notice-extract review: {} {}",
        notices.len(),
        if notices.len() == 1 {
            "notice"
        } else {
            "notices"
        }
    );
    let html = cli::review::page(&title, &notices, earlier.as_ref());
    match output {
        Some(o) => {
            write_page(o, &html)?;
            eprintln!(
                "{}: {} {}, {records} records",
                o.display(),
                notices.len(),
                if notices.len() == 1 {
                    "input"
                } else {
                    "inputs"
                }
            );
        }
        None => say!("{html}"),
    }
    Ok(ExitCode::SUCCESS)
}

fn inspect(file: &Path, json: bool) -> Result<ExitCode, Failure> {
    let bytes = read(file)?;
    let name = file.display().to_string();
    let parsed = notice_extract::parse(&bytes, &name)?;
    let doc = parsed.document;
    if json {
        say!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        return Ok(ExitCode::SUCCESS);
    }
    say!("file:     {name}");
    say!("format:   {}", parsed.format);
    say!("encoding: {}", parsed.encoding.unwrap_or("-"));
    say!("layout:   {}", doc.layout);
    if doc.blocks.iter().any(|b| matches!(b, Block::Table(_))) {
        say!("cells:    ↑N is a copy of the cell above, printed in row N (merged down); ←N a copy of the cell in column N (merged across)");
        say!("rows:     row, source line, then the project the row's record belongs to (#seq, .part for a project's later rows)");
    }
    let normalized = notice_extract::extract(&bytes, &name);
    // Which project each table row's record belongs to, so that a cell merged
    // down is seen with the project it is read into.
    let project: std::collections::HashMap<(usize, usize), String> = normalized
        .as_ref()
        .map(|n| {
            n.records
                .iter()
                .map(|r| {
                    let seq = r.seq.as_deref().unwrap_or("?");
                    let part = if r.part > 1 {
                        format!(".{}", r.part)
                    } else {
                        String::new()
                    };
                    ((r.source.table, r.source.row), format!("#{seq}{part}"))
                })
                .collect()
        })
        .unwrap_or_default();
    let mut table_no = 0;
    for b in &doc.blocks {
        match b {
            Block::Table(t) => {
                say!(
                    "\ntable {table_no}: {} columns, {} rows ({} header), layout {}",
                    t.width,
                    t.rows.len(),
                    t.header_rows,
                    t.layout
                );
                if let Ok(n) = &normalized {
                    if let Some(info) = n.tables.get(table_no) {
                        say!("  title:      {}", info.title.as_deref().unwrap_or("-"));
                        say!(
                            "  attachment: {}",
                            info.attachment.as_deref().unwrap_or("-")
                        );
                        say!("  columns:");
                        for (i, (h, f)) in info.header.iter().zip(&info.fields).enumerate() {
                            say!("    {i:>2} {h} → {f}");
                        }
                    }
                }
                for (i, r) in t.rows.iter().enumerate() {
                    let cells: Vec<String> = r
                        .cells
                        .iter()
                        .map(|c| {
                            let s: String = c.text.replace('\n', "⏎").chars().take(14).collect();
                            match c.origin {
                                Origin::Own => s,
                                Origin::RowSpan { row } => format!("↑{row}"),
                                Origin::ColSpan { col } => format!("←{col}"),
                                _ => s,
                            }
                        })
                        .collect();
                    let line = r.line.map(|l| format!("L{l}")).unwrap_or_default();
                    let seq = project.get(&(table_no, i)).map_or("", String::as_str);
                    say!("  {i:>3} {line:>6} {seq:>6} | {}", cells.join(" | "));
                }
                table_no += 1;
            }
            Block::List(l) => {
                say!("\nlist: {} items", l.items.len());
                let short = |t: &str| t.chars().take(40).collect::<String>();
                for it in &l.items {
                    for h in &it.headings {
                        say!("  {}{}{}", "  ".repeat(h.level), h.label, short(&h.text));
                    }
                    let label = if it.label.is_empty() {
                        "·"
                    } else {
                        it.label.as_str()
                    };
                    say!("    {label} {}", short(&it.text));
                    for b in &it.body {
                        say!("        {}", short(&b.text));
                    }
                }
                table_no += usize::from(normalized.as_ref().is_ok_and(|n| {
                    n.tables
                        .iter()
                        .any(|t| t.kind == notice_extract::TableKind::List)
                }));
            }
            // Paragraphs (and block kinds added later) are not shown.
            _ => {}
        }
    }
    match &normalized {
        Ok(n) => {
            say!(
                "\nnotice: {}",
                serde_json::to_string(&n.notice).unwrap_or_default()
            );
            say!("records: {}", n.records.len());
            for w in &n.warnings {
                say!("warning [{}]: {}", w.code, w.message);
            }
        }
        // The model is shown, but a notice that gives no records is no success.
        Err(e) => {
            say!("\nerror: {e}");
            return Ok(ExitCode::from(1));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn quantities(text: Option<&str>, jsonl: bool) -> Result<ExitCode, Failure> {
    let json = |t: &str, pretty: bool| {
        let q = notice_extract::quantity::extract(t);
        if pretty {
            serde_json::to_string_pretty(&q)
        } else {
            serde_json::to_string(&q)
        }
        .unwrap_or_default()
    };
    match text {
        Some(t) => say!("{}", json(t, !jsonl)),
        None => {
            for line in std::io::stdin().lines() {
                let line = line.map_err(|source| Error::Io {
                    at: "<stdin>".into(),
                    source,
                })?;
                say!("{}", json(&line, false));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Saved notices in `dir` and their expected outputs, named by
/// [`regress::expected_file`]: those that have one (with `all`, every file,
/// for blessing new ones).
fn fixtures(dir: &Path, all: bool) -> Result<Vec<(PathBuf, PathBuf)>, Error> {
    let io = |source| Error::Io {
        at: dir.display().to_string().into(),
        source,
    };
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        // JSON beside the notices is expected output or hand labels, never a notice.
        if name.ends_with(".json") || !path.is_file() {
            continue;
        }
        let expected = regress::expected_file(&path, Path::is_file);
        if all || expected.is_file() {
            out.push((path, expected));
        }
    }
    out.sort();
    Ok(out)
}

/// Refuses a run in which two notices have one expected file, before
/// anything is written: blessing would write it twice (the second notice's
/// output replacing the first's), and comparing would hold one notice to
/// the other's output. Only a notice `X` and a notice `X.txt` that reads
/// its legacy `X.expected.json` can meet so (`a` and `a.txt` beside
/// `a.expected.json`, or `a.html` and `a.html.txt`).
fn refuse_shared(pairs: &[(PathBuf, PathBuf)], bless: bool) -> Result<(), Failure> {
    let mut by_expected: std::collections::BTreeMap<&Path, Vec<&Path>> = Default::default();
    for (input, expected) in pairs {
        by_expected
            .entry(expected.as_path())
            .or_default()
            .push(input.as_path());
    }
    let shared: Vec<String> = by_expected
        .into_iter()
        .filter(|(_, inputs)| inputs.len() > 1)
        .map(|(expected, inputs)| {
            let names: Vec<String> = inputs.iter().map(|i| i.display().to_string()).collect();
            let what = if bless {
                "would both write"
            } else {
                "are both compared with"
            };
            // A notice that reads the file under its legacy name can be given its own.
            let renames: Vec<String> = inputs
                .iter()
                .map(|i| regress::expected_paths(i).0)
                .filter(|own| own != expected)
                .filter_map(|own| own.file_name().map(|n| n.to_string_lossy().into_owned()))
                .collect();
            let hint = match renames.as_slice() {
                [own] => format!(
                    "if it holds the expected output of {}, rename it to {own}; else rename one of the notices",
                    own.trim_end_matches(regress::EXPECTED_SUFFIX)
                ),
                _ => "rename one of the notices".to_string(),
            };
            format!(
                "{} {what} the expected file {} ({hint})",
                names.join(" and "),
                expected.display()
            )
        })
        .collect();
    if shared.is_empty() {
        return Ok(());
    }
    let done = if bless {
        "nothing was written"
    } else {
        "nothing was compared"
    };
    Err(Failure::Refused(format!(
        "each notice needs an expected file of its own: {}; {done}",
        shared.join("; ")
    )))
}

fn regress_dir(
    dir: &Path,
    bless: bool,
    ignore_source: bool,
    html: Option<&Path>,
) -> Result<ExitCode, Failure> {
    let mut failed = 0;
    // The mismatches, for the review page: each notice and its expected output.
    let mut mismatches: Vec<(cli::review::Notice, serde_json::Value)> = Vec::new();
    let all = fixtures(dir, bless)?;
    if all.is_empty() {
        eprintln!(
            "no expected output (NAME.EXT.expected.json, or NAME.expected.json for NAME.txt) beside any file in {}; to write them: notice-extract regress --bless {} (then read each against its notice before committing)",
            dir.display(),
            dir.display()
        );
        return Ok(ExitCode::from(1));
    }
    refuse_shared(&all, bless)?;
    for (input, expected) in &all {
        let name = input
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let actual = match extract_file(input, &name) {
            Ok(d) => serde_json::to_value(&d).unwrap_or_default(),
            Err(e) => {
                say!("FAIL {name}: {e}");
                failed += 1;
                continue;
            }
        };
        if bless {
            let text = serde_json::to_string_pretty(&actual).unwrap_or_default() + "\n";
            std::fs::write(expected, text).map_err(|source| Error::Io {
                at: expected.display().to_string().into(),
                source,
            })?;
            say!("blessed {}", expected.display());
            continue;
        }
        let want: serde_json::Value = match read(expected).map(|b| serde_json::from_slice(&b)) {
            Ok(Ok(v)) => v,
            Ok(Err(e)) => {
                say!("FAIL {name}: {} is not JSON: {e}", expected.display());
                failed += 1;
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        let mut report = regress::Report::new(&want, &actual);
        if ignore_source {
            report.ignore_provenance();
        }
        if report.is_empty() {
            match report.ignored_provenance {
                0 => say!("ok   {name}"),
                n => say!("ok   {name} ({n} of provenance ignored)"),
            }
            continue;
        }
        failed += 1;
        if html.is_some() {
            let model = read(input)
                .and_then(|b| notice_extract::parse(&b, &name))
                .ok()
                .map(|p| p.document);
            let notice = cli::review::Notice {
                name: input.display().to_string(),
                model,
                doc: Ok(actual.clone()),
            };
            mismatches.push((notice, want.clone()));
        }
        say!("FAIL {name}: {}", report.summary());
        for line in report.lines(regress::MAX_REPORTED_DIFFERENCES) {
            say!("{line}");
        }
        if let Some(line) = report.provenance_line() {
            say!("{line} (--ignore source leaves them out)");
        }
    }
    say!("{} passed, {failed} failed", all.len() - failed);
    if let Some(page) = html {
        let earlier = cli::review::Earlier::from_documents(mismatches.iter().map(|(_, want)| want));
        let notices: Vec<cli::review::Notice> = mismatches.into_iter().map(|(n, _)| n).collect();
        let title = format!(
            "notice-extract regress {}: {failed} mismatches",
            dir.display()
        );
        write_page(page, &cli::review::page(&title, &notices, Some(&earlier)))?;
        say!("review page of the mismatches: {}", page.display());
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
