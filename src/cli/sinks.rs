//! Output sinks of `convert`: one JSON document per input (mirroring input
//! names), JSON Lines, CSV (records, quantities, milestones; UTF-8 with BOM
//! so Excel reads Chinese right) and SQLite; the tables' columns are in
//! [`super::tables`]. Every sink writes under a temporary name and renames
//! when finished, so an interrupted run leaves no half-written file and a
//! re-run over the same output is safe.

use super::tables::{
    self, Cell, DocumentCell, DocumentRow, MilestoneCell, QuantityCell, RecordCell, RecordRow,
    Table, DOCUMENTS, MILESTONES, QUANTITIES, RECORDS,
};
use notice_extract::NoticeDocument;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError, TryLockError};
use std::time::{Duration, Instant};

pub type Result<T> = std::result::Result<T, OutputError>;

/// Why the output could not be written. `main` reports it after the
/// output's path (or `<stdout>`) and decides the exit code.
#[derive(Debug)]
pub enum OutputError {
    /// Standard output was closed by its reader (`convert … | head`): the
    /// reader has what it wanted, so the run ends, quietly and successfully,
    /// as `grep` and `rg` do.
    StdoutClosed,
    /// A file or folder of the output could not be created, written or renamed.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Writing a stream of JSON, to standard output or to one file, failed.
    Write(std::io::Error),
    /// The SQLite database failed: opening it, creating its tables,
    /// inserting a row or committing.
    Sqlite(rusqlite::Error),
    /// Anything else, said in words.
    Other(String),
}

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OutputError::StdoutClosed => f.write_str("standard output closed by its reader"),
            OutputError::Io { path, source } => write!(f, "{}: {source}", path.display()),
            OutputError::Write(e) => write!(f, "writing output: {e}"),
            OutputError::Sqlite(e) => write!(f, "SQLite database: {e}"),
            OutputError::Other(msg) => f.write_str(msg),
        }
    }
}

impl std::error::Error for OutputError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            OutputError::Io { source, .. } | OutputError::Write(source) => Some(source),
            OutputError::Sqlite(e) => Some(e),
            OutputError::StdoutClosed | OutputError::Other(_) => None,
        }
    }
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Every temporary output file of the process that is neither renamed into
/// place nor removed yet. A run ended from outside (a signal while it is
/// blocked in a read) exits without running destructors, so the exit path
/// removes what is listed here ([`remove_temporaries`]).
static TEMPORARIES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// How long [`remove_temporaries`] waits for a thread holding the registry
/// (creating, renaming or removing a temporary file takes microseconds):
/// past it that thread is stuck (a hung filesystem), and the process exits
/// without the removal rather than hang too.
const REGISTRY_WAIT: Duration = Duration::from_millis(500);

/// How often [`remove_temporaries`] tries the registry within [`REGISTRY_WAIT`].
const REGISTRY_RETRY: Duration = Duration::from_millis(10);

/// The registry, locked. A thread that panicked while holding it left a
/// list that is still right: every change is one push or one removal.
fn registry() -> MutexGuard<'static, Vec<PathBuf>> {
    TEMPORARIES.lock().unwrap_or_else(PoisonError::into_inner)
}

/// For a process about to exit without running destructors: removes every
/// temporary output file still registered and keeps the registry locked, so
/// that no thread creates or renames one before the exit. How many there
/// were, or `None` when the registry could not be had within
/// [`REGISTRY_WAIT`]: files may remain.
pub fn remove_temporaries() -> Option<usize> {
    let deadline = Instant::now() + REGISTRY_WAIT;
    let guard = loop {
        match TEMPORARIES.try_lock() {
            Ok(g) => break g,
            Err(TryLockError::Poisoned(e)) => break e.into_inner(),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(REGISTRY_RETRY);
            }
            Err(TryLockError::WouldBlock) => return None,
        }
    };
    for p in guard.iter() {
        let _ = std::fs::remove_file(p);
    }
    let removed = guard.len();
    // Never unlocked: the process is exiting.
    std::mem::forget(guard);
    Some(removed)
}

/// The temporary name an output is written under, removed when dropped
/// unless [`persist`](TempPath::persist) renamed it into place: a run that
/// stops early (an error, Ctrl-C) leaves no `.tmp-` file behind. Listed in
/// the process's registry while it exists.
struct TempPath(Option<PathBuf>);

impl TempPath {
    /// `dest`'s temporary name, registered, and what `make` made there (the
    /// file). Made under the registry's lock, so that the exit path never
    /// misses a file being created; when `make` fails, whatever it left is
    /// removed.
    fn create<T>(dest: &Path, make: impl FnOnce(&Path) -> Result<T>) -> Result<(TempPath, T)> {
        let path = tmp_name(dest);
        let made = {
            let mut registered = registry();
            registered.push(path.clone());
            make(&path)
        };
        let tmp = TempPath(Some(path));
        made.map(|m| (tmp, m))
    }

    fn path(&self) -> &Path {
        self.0.as_deref().unwrap_or(Path::new(""))
    }

    /// Renames the file to `dest`, which makes the output visible whole.
    /// Under the registry's lock, so that the exit path sees the file
    /// either renamed (a finished output) or still temporary, never between.
    fn persist(mut self, dest: &Path) -> Result<()> {
        let renamed = {
            let mut registered = registry();
            let renamed = std::fs::rename(self.path(), dest);
            if renamed.is_ok() {
                if let Some(p) = self.0.take() {
                    unregister(&mut registered, &p);
                }
            }
            renamed
        };
        // On failure the temporary file goes when `self` drops, after the lock.
        renamed.map_err(io(dest))
    }
}

/// Takes `path` off the registry.
fn unregister(registered: &mut Vec<PathBuf>, path: &Path) {
    if let Some(i) = registered.iter().rposition(|r| r == path) {
        registered.swap_remove(i);
    }
}

impl Drop for TempPath {
    fn drop(&mut self) {
        if let Some(p) = self.0.take() {
            let mut registered = registry();
            let _ = std::fs::remove_file(&p);
            unregister(&mut registered, &p);
        }
    }
}

/// A file written under `NAME.tmp-PID` and renamed to NAME on commit; dropped
/// without a commit, the temporary file is removed.
pub struct AtomicFile {
    pub w: BufWriter<File>,
    tmp: TempPath,
    dest: PathBuf,
}

impl AtomicFile {
    pub fn create(dest: &Path) -> Result<Self> {
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io(dir))?;
        }
        let (tmp, f) = TempPath::create(dest, |p| File::create(p).map_err(io(p)))?;
        Ok(AtomicFile {
            tmp,
            dest: dest.to_path_buf(),
            w: BufWriter::new(f),
        })
    }

    /// Drops the temporary file, and removes a file already under the
    /// final name: the run has nothing to put there.
    pub fn discard(self) -> Result<()> {
        let AtomicFile { w, tmp, dest } = self;
        drop(w);
        drop(tmp);
        match std::fs::remove_file(&dest) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io(&dest)(e)),
            _ => Ok(()),
        }
    }

    pub fn commit(self) -> Result<()> {
        let AtomicFile { w, tmp, dest } = self;
        // Flushed and closed before the rename.
        w.into_inner().map_err(|e| io(tmp.path())(e.into_error()))?;
        tmp.persist(&dest)
    }
}

pub fn tmp_name(dest: &Path) -> PathBuf {
    let mut name = dest
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(format!(".tmp-{}", std::process::id()));
    dest.with_file_name(name)
}

/// How a converted document is turned into output, done on the worker
/// threads so that the serial part of a batch only appends bytes (or, for
/// SQLite, inserts rows). Knows only the output format, never a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Renderer {
    /// One pretty JSON document (`--format json` into a folder).
    JsonDocument,
    /// One line (or pretty block) per document, or one line per record.
    JsonStream { records: bool, pretty: bool },
    /// Rows of records.csv, quantities.csv and milestones.csv.
    Csv,
    /// The document itself, for a sink that needs its values (SQLite).
    Document,
}

/// A document as its sink will store it.
pub enum Rendered {
    /// Bytes for each of the sink's output streams, in the sink's order.
    Bytes(Vec<Vec<u8>>),
    Document(Box<NoticeDocument>),
}

impl Renderer {
    /// Renders one document. `doc_id` keys CSV rows. An error here is the
    /// document's, not the output's: the batch reports that input as failed.
    pub fn render(
        self,
        doc_id: &str,
        doc: NoticeDocument,
    ) -> std::result::Result<Rendered, String> {
        let json = |e: serde_json::Error| format!("rendering JSON: {e}");
        let bytes = match self {
            Renderer::Document => return Ok(Rendered::Document(Box::new(doc))),
            Renderer::JsonDocument => {
                let mut b = serde_json::to_vec_pretty(&doc).map_err(json)?;
                b.push(b'\n');
                vec![b]
            }
            Renderer::JsonStream { records, pretty } => {
                let mut b = Vec::new();
                if records {
                    // Each line carries its notice's metadata first, so a map
                    // step can group by region and year without a second pass.
                    let notice = serde_json::to_vec(&doc.notice).map_err(json)?;
                    let mut line = Vec::new();
                    for r in &doc.records {
                        line.clear();
                        serde_json::to_writer(&mut line, r).map_err(json)?;
                        b.extend_from_slice(b"{\"notice\":");
                        b.extend_from_slice(&notice);
                        // `line` is an object with its fields: `{"source":…}`.
                        if let Some(fields) = line.get(1..) {
                            b.push(b',');
                            b.extend_from_slice(fields);
                        }
                        b.push(b'\n');
                    }
                } else {
                    if pretty {
                        serde_json::to_writer_pretty(&mut b, &doc)
                    } else {
                        serde_json::to_writer(&mut b, &doc)
                    }
                    .map_err(json)?;
                    b.push(b'\n');
                }
                vec![b]
            }
            Renderer::Csv => csv_rows(doc_id, &doc)?,
        };
        Ok(Rendered::Bytes(bytes))
    }
}

pub trait Sink {
    /// What the workers must make of each document for this sink.
    fn renderer(&self) -> Renderer;
    /// Stores one rendered document; called in input order. `Ok(Some(reason))`:
    /// this document could not be stored, but the output goes on with the
    /// others (one bad document never costs the rest); `Err`: the output
    /// itself failed.
    fn add(&mut self, doc_id: &str, rel: &Path, doc: Rendered) -> Result<Option<String>>;
    fn finish(self: Box<Self>) -> Result<()>;
}

/// The bytes of a rendered document, or [`mismatch`].
fn bytes(doc: Rendered, streams: usize) -> Result<Vec<Vec<u8>>> {
    match doc {
        Rendered::Bytes(b) if b.len() == streams => Ok(b),
        _ => Err(mismatch()),
    }
}

/// A sink given what another renderer made: a bug, reported, not a panic.
fn mismatch() -> OutputError {
    OutputError::Other("internal error: output rendered for another format".into())
}

/// One pretty JSON document per input under a folder, mirroring input names.
pub struct JsonDir {
    pub dir: PathBuf,
}

impl Sink for JsonDir {
    fn renderer(&self) -> Renderer {
        Renderer::JsonDocument
    }

    fn add(&mut self, _doc_id: &str, rel: &Path, doc: Rendered) -> Result<Option<String>> {
        let mut name = rel.as_os_str().to_os_string();
        name.push(".json");
        let dest = self.dir.join(name);
        let mut f = AtomicFile::create(&dest)?;
        for b in bytes(doc, 1)? {
            f.w.write_all(&b).map_err(io(&dest))?;
        }
        f.commit().map(|()| None)
    }

    fn finish(self: Box<Self>) -> Result<()> {
        Ok(())
    }
}

/// A stream of JSON documents or records to stdout or one file.
pub struct JsonStream {
    pub out: Box<dyn Write>,
    pub file: Option<AtomicFile>,
    pub records: bool,
    pub pretty: bool,
    /// Documents written as one JSON array (`[doc, doc …]`), so that the
    /// output of several notices is one JSON value; off for one document.
    pub array: bool,
    written: usize,
}

impl JsonStream {
    pub fn new(dest: Option<&Path>, records: bool, pretty: bool) -> Result<Self> {
        let (out, file): (Box<dyn Write>, _) = match dest {
            Some(p) => (Box::new(std::io::sink()), Some(AtomicFile::create(p)?)),
            None => (Box::new(BufWriter::new(std::io::stdout())), None),
        };
        Ok(JsonStream {
            out,
            file,
            records,
            pretty,
            array: false,
            written: 0,
        })
    }

    /// Documents as one JSON array (see [`JsonStream::array`]).
    pub fn array(mut self, yes: bool) -> Self {
        self.array = yes && !self.records;
        self
    }

    fn writer(&mut self) -> &mut dyn Write {
        match self.file.as_mut() {
            Some(f) => &mut f.w,
            None => &mut self.out,
        }
    }
}

impl Sink for JsonStream {
    fn renderer(&self) -> Renderer {
        Renderer::JsonStream {
            records: self.records,
            pretty: self.pretty,
        }
    }

    fn add(&mut self, _doc_id: &str, _rel: &Path, doc: Rendered) -> Result<Option<String>> {
        let to_stdout = self.file.is_none();
        let separator: &[u8] = match (self.array, self.written) {
            (false, _) => b"",
            (true, 0) => b"[\n",
            (true, _) => b",\n",
        };
        self.written += 1;
        let w = self.writer();
        w.write_all(separator)
            .map_err(|e| write_error(e, to_stdout))?;
        for b in bytes(doc, 1)? {
            w.write_all(&b).map_err(|e| write_error(e, to_stdout))?;
        }
        Ok(None)
    }

    fn finish(mut self: Box<Self>) -> Result<()> {
        let to_stdout = self.file.is_none();
        if self.array {
            let close: &[u8] = if self.written == 0 { b"[]\n" } else { b"]\n" };
            self.writer()
                .write_all(close)
                .map_err(|e| write_error(e, to_stdout))?;
        }
        self.out.flush().map_err(|e| write_error(e, to_stdout))?;
        match self.file.take() {
            Some(f) => f.commit(),
            None => Ok(()),
        }
    }
}

/// records.csv, quantities.csv and milestones.csv, keyed by record id.
pub struct Csv {
    records: AtomicFile,
    quantities: AtomicFile,
    milestones: AtomicFile,
}

impl Csv {
    pub fn new(dir: &Path) -> Result<Self> {
        Ok(Csv {
            records: csv_file(dir, &RECORDS)?,
            quantities: csv_file(dir, &QUANTITIES)?,
            milestones: csv_file(dir, &MILESTONES)?,
        })
    }
}

/// `table`'s CSV file in `dir` under its temporary name, its header
/// written: rows arrive already encoded by [`csv_rows`].
fn csv_file<F>(dir: &Path, table: &Table<F>) -> Result<AtomicFile> {
    let dest = dir.join(format!("{}.csv", table.name));
    let mut f = AtomicFile::create(&dest)?;
    let mut head = csv::Writer::from_writer(Vec::new());
    head.write_record(table.csv_header())
        .map_err(|e| OutputError::Other(e.to_string()))?;
    let head = head
        .into_inner()
        .map_err(|e| OutputError::Other(e.to_string()))?;
    // A BOM so Excel opens UTF-8 Chinese text right.
    f.w.write_all(b"\xEF\xBB\xBF")
        .and_then(|_| f.w.write_all(&head))
        .map_err(io(&dest))?;
    Ok(f)
}

/// The CSV rows of one document: records, quantities, milestones, in the
/// order of the [`Csv`] sink's files.
fn csv_rows(doc_id: &str, doc: &NoticeDocument) -> std::result::Result<Vec<Vec<u8>>, String> {
    let mut records = csv::Writer::from_writer(Vec::new());
    let mut quantities = csv::Writer::from_writer(Vec::new());
    let mut milestones = csv::Writer::from_writer(Vec::new());
    let mut write = || -> csv::Result<()> {
        for r in &doc.records {
            let row = RecordRow::new(doc_id, doc, r);
            write_csv_row(&mut records, &RECORDS, &row)?;
            for q in row.quantities() {
                write_csv_row(&mut quantities, &QUANTITIES, &q)?;
            }
            for m in row.milestones() {
                write_csv_row(&mut milestones, &MILESTONES, &m)?;
            }
        }
        Ok(())
    };
    write().map_err(|e| e.to_string())?;
    [records, quantities, milestones]
        .into_iter()
        .map(|w| w.into_inner().map_err(|e| e.to_string()))
        .collect()
}

/// Writes `row` as one line of `table`'s CSV file.
fn write_csv_row<R, F: Fn(&R) -> Cell>(
    w: &mut csv::Writer<Vec<u8>>,
    table: &Table<F>,
    row: &R,
) -> csv::Result<()> {
    for cell in table.csv_cells(row) {
        w.write_field(cell.to_csv().as_bytes())?;
    }
    // No more fields: this ends the line the fields above began.
    w.write_record(None::<&[u8]>)
}

impl Sink for Csv {
    fn renderer(&self) -> Renderer {
        Renderer::Csv
    }

    fn add(&mut self, _doc_id: &str, _rel: &Path, doc: Rendered) -> Result<Option<String>> {
        let files = [
            &mut self.records,
            &mut self.quantities,
            &mut self.milestones,
        ];
        for (f, b) in files.into_iter().zip(bytes(doc, 3)?) {
            f.w.write_all(&b).map_err(io(f.tmp.path()))?;
        }
        Ok(None)
    }

    fn finish(self: Box<Self>) -> Result<()> {
        self.records.commit()?;
        self.quantities.commit()?;
        self.milestones.commit()
    }
}

/// One SQLite database: documents, records, quantities, milestones.
pub struct Sqlite {
    conn: rusqlite::Connection,
    tmp: TempPath,
    dest: PathBuf,
    documents: Insert<DocumentCell>,
    records: Insert<RecordCell>,
    quantities: Insert<QuantityCell>,
    milestones: Insert<MilestoneCell>,
    /// Appending: the last `documents` rowid of the database as it was, so
    /// that only documents of earlier runs are replaced.
    appending: Option<i64>,
}

/// A table's `INSERT`, its text made once: the connection's statement
/// cache is keyed by the text.
struct Insert<F: 'static> {
    table: &'static Table<F>,
    sql: String,
}

impl<F> Insert<F> {
    fn new(table: &'static Table<F>) -> Self {
        Insert {
            table,
            sql: table.insert_sql(),
        }
    }

    fn row<R>(&self, conn: &rusqlite::Connection, row: &R) -> rusqlite::Result<()>
    where
        F: Fn(&R) -> Cell,
    {
        let mut st = conn.prepare_cached(&self.sql)?;
        st.execute(rusqlite::params_from_iter(self.table.sqlite_cells(row)))?;
        Ok(())
    }
}

/// Documents of an earlier run that the document `?1` (its id) with sha256
/// `?2` replaces: the same path, or the same bytes under another path. `?3`
/// is the last rowid of the earlier runs: two copies of one file in this run
/// are both kept, as in a new database.
const REPLACED_SQL: &str =
    "SELECT id FROM documents WHERE (id = ?1 OR sha256 = ?2) AND rowid <= ?3";

/// Removing one document (`?1`) with its records, quantities and milestones;
/// records of other documents that named it as the copy they repeat name
/// none until [`DUPLICATES_SQL`] finds their first copy again.
const REMOVE_SQL: [&str; 5] = [
    "UPDATE records SET duplicate_of = NULL WHERE duplicate_of = ?1",
    "DELETE FROM quantities WHERE record_id IN (SELECT id FROM records WHERE document_id = ?1)",
    "DELETE FROM milestones WHERE record_id IN (SELECT id FROM records WHERE document_id = ?1)",
    "DELETE FROM records WHERE document_id = ?1",
    "DELETE FROM documents WHERE id = ?1",
];

/// After an append, which records repeat an earlier document's: the rule of
/// [`notice_extract::Duplicates`] (the first document, in the order they
/// were added, that holds a record keeps it), over the whole database.
const DUPLICATES_SQL: &str = "
UPDATE records SET duplicate_of = (
  SELECT d2.id FROM records r2 JOIN documents d2 ON d2.id = r2.document_id
  WHERE r2.fingerprint = records.fingerprint
    AND d2.rowid < (SELECT d.rowid FROM documents d WHERE d.id = records.document_id)
  ORDER BY d2.rowid LIMIT 1);
";

impl Sqlite {
    /// A new database at `dest`, or with `append` the database there (a
    /// copy of it, renamed over it when the run completes, so an
    /// interrupted append leaves it as it was).
    pub fn new(dest: &Path, append: bool) -> Result<Self> {
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io(dir))?;
        }
        let existing = append && dest.exists();
        let (tmp, conn) = TempPath::create(dest, |p| {
            // A temporary file left by a killed run that had this process id.
            let _ = std::fs::remove_file(p);
            if existing {
                std::fs::copy(dest, p).map_err(io(dest))?;
            }
            rusqlite::Connection::open(p).map_err(OutputError::Sqlite)
        })?;
        // Nothing to journal: an interrupted run leaves no database at all
        // (or, appending, the one it started from).
        conn.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
            .map_err(OutputError::Sqlite)?;
        let appending = if existing {
            check_schema(&conn, dest)?;
            let last: i64 = conn
                .query_row("SELECT COALESCE(MAX(rowid), 0) FROM documents", [], |r| {
                    r.get(0)
                })
                .map_err(OutputError::Sqlite)?;
            Some(last)
        } else {
            conn.execute_batch(&tables::sqlite_schema())
                .map_err(OutputError::Sqlite)?;
            None
        };
        conn.execute_batch("BEGIN").map_err(OutputError::Sqlite)?;
        Ok(Sqlite {
            conn,
            tmp,
            dest: dest.to_path_buf(),
            documents: Insert::new(&DOCUMENTS),
            records: Insert::new(&RECORDS),
            quantities: Insert::new(&QUANTITIES),
            milestones: Insert::new(&MILESTONES),
            appending,
        })
    }

    /// Inserts the document's row, then each record's row followed by its
    /// quantities and milestones; appending, first removes what it replaces.
    fn insert(&self, doc_id: &str, doc: &NoticeDocument) -> rusqlite::Result<()> {
        let conn = &self.conn;
        if let Some(last) = self.appending {
            let replaced: Vec<String> = conn
                .prepare_cached(REPLACED_SQL)?
                .query_map(rusqlite::params![doc_id, doc.source.sha256, last], |r| {
                    r.get(0)
                })?
                .collect::<rusqlite::Result<_>>()?;
            for id in &replaced {
                for sql in REMOVE_SQL {
                    conn.prepare_cached(sql)?.execute([id])?;
                }
            }
        }
        self.documents.row(conn, &DocumentRow { id: doc_id, doc })?;
        for r in &doc.records {
            let row = RecordRow::new(doc_id, doc, r);
            self.records.row(conn, &row)?;
            for q in row.quantities() {
                self.quantities.row(conn, &q)?;
            }
            for m in row.milestones() {
                self.milestones.row(conn, &m)?;
            }
        }
        Ok(())
    }
}

/// An existing database must have the tables and columns this version
/// writes; one made by another version is refused with a reason rather
/// than half-filled.
fn check_schema(conn: &rusqlite::Connection, dest: &Path) -> Result<()> {
    let columns = |table: &str| -> rusqlite::Result<Vec<String>> {
        let mut st = conn.prepare("SELECT name FROM pragma_table_info(?1)")?;
        let names = st.query_map([table], |r| r.get(0))?;
        names.collect()
    };
    for (table, want) in tables::sqlite_columns() {
        let have = columns(table).map_err(OutputError::Sqlite)?;
        if have != want {
            let why = if have.is_empty() {
                format!("it has no `{table}` table")
            } else {
                format!("its `{table}` table has other columns")
            };
            return Err(OutputError::Other(format!(
                "{}: cannot append: {why}, so it was not written by this version of notice-extract; convert into a new database",
                dest.display()
            )));
        }
    }
    Ok(())
}

impl Sink for Sqlite {
    fn renderer(&self) -> Renderer {
        Renderer::Document
    }

    fn add(&mut self, doc_id: &str, _rel: &Path, doc: Rendered) -> Result<Option<String>> {
        let Rendered::Document(doc) = doc else {
            return Err(mismatch());
        };
        // One document's rows go in whole or not at all, and a document the
        // database refuses costs only itself.
        let conn = &self.conn;
        conn.execute_batch("SAVEPOINT document")
            .map_err(OutputError::Sqlite)?;
        match self.insert(doc_id, &doc) {
            Ok(()) => conn
                .execute_batch("RELEASE document")
                .map(|()| None)
                .map_err(OutputError::Sqlite),
            Err(e) => {
                conn.execute_batch("ROLLBACK TO document; RELEASE document")
                    .map_err(OutputError::Sqlite)?;
                Ok(Some(format!("not stored in the database: {e}")))
            }
        }
    }

    fn finish(self: Box<Self>) -> Result<()> {
        let Sqlite {
            conn,
            tmp,
            dest,
            appending,
            ..
        } = *self;
        if appending.is_some() {
            conn.execute_batch(DUPLICATES_SQL)
                .map_err(OutputError::Sqlite)?;
        }
        conn.execute_batch("COMMIT").map_err(OutputError::Sqlite)?;
        conn.close().map_err(|(_, e)| OutputError::Sqlite(e))?;
        tmp.persist(&dest)
    }
}

/// A failed write of a JSON stream. Standard output closed by its reader is
/// told apart: `main` ends quietly then.
fn write_error(e: std::io::Error, to_stdout: bool) -> OutputError {
    if to_stdout && e.kind() == std::io::ErrorKind::BrokenPipe {
        OutputError::StdoutClosed
    } else {
        OutputError::Write(e)
    }
}
