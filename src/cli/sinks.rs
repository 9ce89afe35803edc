//! Output sinks of `convert`: one JSON document per input (mirroring input
//! names), JSON Lines, CSV (records, quantities, milestones; UTF-8 with BOM
//! so Excel reads Chinese right) and SQLite. Every sink writes under a
//! temporary name and renames when finished, so an interrupted run leaves no
//! half-written file and a re-run over the same output is safe.

use notice_extract::{NoticeDocument, Record};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

pub type Result<T> = std::result::Result<T, String>;

fn io(path: &Path) -> impl Fn(std::io::Error) -> String + '_ {
    move |e| format!("{}: {e}", path.display())
}

/// The temporary name an output is written under, removed when dropped
/// unless [`persist`](TempPath::persist) renamed it into place: a run that
/// stops early (an error, Ctrl-C) leaves no `.tmp-` file behind.
struct TempPath(Option<PathBuf>);

impl TempPath {
    fn new(dest: &Path) -> Self {
        TempPath(Some(tmp_name(dest)))
    }

    fn path(&self) -> &Path {
        self.0.as_deref().unwrap_or(Path::new(""))
    }

    /// Renames the file to `dest`, which makes the output visible whole.
    fn persist(mut self, dest: &Path) -> Result<()> {
        std::fs::rename(self.path(), dest).map_err(io(dest))?;
        self.0 = None;
        Ok(())
    }
}

impl Drop for TempPath {
    fn drop(&mut self) {
        if let Some(p) = self.0.take() {
            let _ = std::fs::remove_file(p);
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
        let tmp = TempPath::new(dest);
        let f = File::create(tmp.path()).map_err(io(tmp.path()))?;
        Ok(AtomicFile {
            tmp,
            dest: dest.to_path_buf(),
            w: BufWriter::new(f),
        })
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

/// Stable identifier of a record: the document id (its input path) with
/// table and row, e.g. `notices/yubei.txt#t0r17`.
pub fn record_id(doc_id: &str, r: &Record) -> String {
    format!("{doc_id}#t{}r{}", r.source.table, r.source.row)
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
    /// Renders one document. `doc_id` keys CSV rows.
    pub fn render(self, doc_id: &str, doc: NoticeDocument) -> Result<Rendered> {
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
                    for r in &doc.records {
                        serde_json::to_writer(&mut b, r).map_err(json)?;
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
    /// Stores one rendered document; called in input order.
    fn add(&mut self, doc_id: &str, rel: &Path, doc: Rendered) -> Result<()>;
    fn finish(self: Box<Self>) -> Result<()>;
}

/// The bytes of a rendered document, or an error naming the mismatch (a
/// sink given what another renderer made is a bug, reported, not a panic).
fn bytes(doc: Rendered, streams: usize) -> Result<Vec<Vec<u8>>> {
    match doc {
        Rendered::Bytes(b) if b.len() == streams => Ok(b),
        _ => Err("internal error: output rendered for another format".into()),
    }
}

/// One pretty JSON document per input under a folder, mirroring input names.
pub struct JsonDir {
    pub dir: PathBuf,
}

impl Sink for JsonDir {
    fn renderer(&self) -> Renderer {
        Renderer::JsonDocument
    }

    fn add(&mut self, _doc_id: &str, rel: &Path, doc: Rendered) -> Result<()> {
        let mut name = rel.as_os_str().to_os_string();
        name.push(".json");
        let dest = self.dir.join(name);
        let mut f = AtomicFile::create(&dest)?;
        for b in bytes(doc, 1)? {
            f.w.write_all(&b).map_err(io(&dest))?;
        }
        f.commit()
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
}

impl JsonStream {
    pub fn new(dest: Option<&Path>, records: bool, pretty: bool) -> Result<Self> {
        match dest {
            Some(p) => Ok(JsonStream {
                out: Box::new(std::io::sink()),
                file: Some(AtomicFile::create(p)?),
                records,
                pretty,
            }),
            None => Ok(JsonStream {
                out: Box::new(BufWriter::new(std::io::stdout())),
                file: None,
                records,
                pretty,
            }),
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

    fn add(&mut self, _doc_id: &str, _rel: &Path, doc: Rendered) -> Result<()> {
        let to_stdout = self.file.is_none();
        let w: &mut dyn Write = match self.file.as_mut() {
            Some(f) => &mut f.w,
            None => &mut self.out,
        };
        for b in bytes(doc, 1)? {
            w.write_all(&b).map_err(|e| write_error(&e, to_stdout))?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<()> {
        let to_stdout = self.file.is_none();
        self.out.flush().map_err(|e| write_error(&e, to_stdout))?;
        match self.file.take() {
            Some(f) => f.commit(),
            None => Ok(()),
        }
    }
}

const RECORD_COLUMNS: &[&str] = &[
    "id",
    "document",
    "table",
    "row",
    "line",
    "layout",
    "table_title",
    "attachment",
    "section",
    "category",
    "seq",
    "name",
    "part",
    "subproject",
    "lead_units",
    "partner_units",
    "target",
    "deadline",
    "investment_value",
    "investment_unit",
    "progress",
    "result",
    "status",
    "notes",
    "measures",
    "inherited",
    "extra",
    "notice_title",
    "doc_number",
    "issuer",
    "date",
    "region",
    "year",
];
const QUANTITY_COLUMNS: &[&str] = &[
    "record_id",
    "index",
    "field",
    "text",
    "span_start",
    "span_end",
    "value",
    "value_max",
    "unit",
    "dimension",
    "normalized_value",
    "normalized_value_max",
    "normalized_unit",
    "qualifier",
    "object",
    "action",
];
const MILESTONE_COLUMNS: &[&str] = &["record_id", "index", "period", "label", "text"];

/// Lists in one CSV cell are joined with this (never part of a unit's name).
pub const LIST_SEPARATOR: &str = "；";

fn s(o: &Option<String>) -> String {
    o.clone().unwrap_or_default()
}

fn json_str<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

fn num(v: &impl serde::Serialize) -> String {
    serde_json::to_value(v)
        .map(|v| {
            if v.is_null() {
                String::new()
            } else {
                v.to_string()
            }
        })
        .unwrap_or_default()
}

fn record_row(doc_id: &str, doc: &NoticeDocument, r: &Record) -> Vec<String> {
    let n = &doc.notice;
    vec![
        record_id(doc_id, r),
        doc_id.to_string(),
        r.source.table.to_string(),
        r.source.row.to_string(),
        r.source.line.map(|l| l.to_string()).unwrap_or_default(),
        r.source.layout.to_string(),
        s(&r.table_title),
        s(&r.attachment),
        s(&r.section),
        s(&r.category),
        s(&r.seq),
        s(&r.name),
        r.part.to_string(),
        s(&r.subproject),
        r.lead_units.join(LIST_SEPARATOR),
        r.partner_units.join(LIST_SEPARATOR),
        s(&r.target),
        s(&r.deadline),
        r.investment
            .as_ref()
            .map(|a| a.value.to_string())
            .unwrap_or_default(),
        r.investment
            .as_ref()
            .and_then(|a| a.unit.clone())
            .unwrap_or_default(),
        s(&r.progress),
        s(&r.result),
        s(&r.status),
        s(&r.notes),
        s(&r.measures),
        r.source
            .inherited
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(LIST_SEPARATOR),
        if r.extra.is_empty() {
            String::new()
        } else {
            json_str(&r.extra)
        },
        s(&n.title),
        s(&n.doc_number),
        s(&n.issuer),
        s(&n.date),
        s(&n.region),
        n.year.map(|y| y.to_string()).unwrap_or_default(),
    ]
}

fn quantity_rows(rid: &str, r: &Record) -> Vec<Vec<String>> {
    r.quantities
        .iter()
        .enumerate()
        .map(|(i, q)| {
            vec![
                rid.to_string(),
                i.to_string(),
                s(&q.field),
                q.text.clone(),
                q.span[0].to_string(),
                q.span[1].to_string(),
                num(&q.value),
                num(&q.value_max),
                q.unit.clone(),
                num(&q.dimension).trim_matches('"').to_string(),
                num(&q.normalized.value),
                num(&q.normalized.value_max),
                q.normalized.unit.clone(),
                num(&q.qualifier).trim_matches('"').to_string(),
                s(&q.object),
                s(&q.action),
            ]
        })
        .collect()
}

/// A CSV file under its temporary name, its header written: rows arrive
/// already encoded by [`csv_rows`].
fn csv_file(dest: &Path, header: &[&str]) -> Result<AtomicFile> {
    let mut f = AtomicFile::create(dest)?;
    let mut head = csv::Writer::from_writer(Vec::new());
    head.write_record(header).map_err(|e| e.to_string())?;
    let head = head.into_inner().map_err(|e| e.to_string())?;
    // A BOM so Excel opens UTF-8 Chinese text right.
    f.w.write_all(b"\xEF\xBB\xBF")
        .and_then(|_| f.w.write_all(&head))
        .map_err(io(dest))?;
    Ok(f)
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
            records: csv_file(&dir.join("records.csv"), RECORD_COLUMNS)?,
            quantities: csv_file(&dir.join("quantities.csv"), QUANTITY_COLUMNS)?,
            milestones: csv_file(&dir.join("milestones.csv"), MILESTONE_COLUMNS)?,
        })
    }
}

/// The CSV rows of one document: records, quantities, milestones.
fn csv_rows(doc_id: &str, doc: &NoticeDocument) -> Result<Vec<Vec<u8>>> {
    let e = |e: csv::Error| e.to_string();
    let mut records = csv::Writer::from_writer(Vec::new());
    let mut quantities = csv::Writer::from_writer(Vec::new());
    let mut milestones = csv::Writer::from_writer(Vec::new());
    for r in &doc.records {
        let rid = record_id(doc_id, r);
        records
            .write_record(record_row(doc_id, doc, r))
            .map_err(e)?;
        for row in quantity_rows(&rid, r) {
            quantities.write_record(row).map_err(e)?;
        }
        for (i, m) in r.milestones.iter().enumerate() {
            milestones
                .write_record([
                    rid.clone(),
                    i.to_string(),
                    s(&m.period),
                    m.label.clone(),
                    m.text.clone(),
                ])
                .map_err(e)?;
        }
    }
    [records, quantities, milestones]
        .into_iter()
        .map(|w| w.into_inner().map_err(|e| e.to_string()))
        .collect()
}

impl Sink for Csv {
    fn renderer(&self) -> Renderer {
        Renderer::Csv
    }

    fn add(&mut self, _doc_id: &str, _rel: &Path, doc: Rendered) -> Result<()> {
        let files = [
            &mut self.records,
            &mut self.quantities,
            &mut self.milestones,
        ];
        for (f, b) in files.into_iter().zip(bytes(doc, 3)?) {
            f.w.write_all(&b).map_err(io(f.tmp.path()))?;
        }
        Ok(())
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
}

pub const SQLITE_SCHEMA: &str = "
CREATE TABLE documents (
  id TEXT PRIMARY KEY, path TEXT NOT NULL, sha256 TEXT NOT NULL, format TEXT NOT NULL, encoding TEXT,
  layout TEXT NOT NULL, title TEXT, doc_number TEXT, issuer TEXT, date TEXT, region TEXT, year INTEGER,
  tables TEXT NOT NULL, warnings TEXT NOT NULL);
CREATE TABLE records (
  id TEXT PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id), table_index INTEGER NOT NULL,
  row INTEGER NOT NULL, line INTEGER, layout TEXT NOT NULL, table_title TEXT, attachment TEXT, section TEXT,
  category TEXT, seq TEXT, name TEXT, part INTEGER NOT NULL, subproject TEXT, lead_units TEXT NOT NULL,
  partner_units TEXT NOT NULL, target TEXT, deadline TEXT, investment_value REAL, investment_unit TEXT,
  progress TEXT, result TEXT, status TEXT, notes TEXT, measures TEXT, inherited TEXT NOT NULL, extra TEXT NOT NULL);
CREATE TABLE quantities (
  record_id TEXT NOT NULL REFERENCES records(id), idx INTEGER NOT NULL, field TEXT, text TEXT NOT NULL,
  span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, value REAL NOT NULL, value_max REAL, unit TEXT NOT NULL,
  dimension TEXT NOT NULL, normalized_value REAL NOT NULL, normalized_value_max REAL, normalized_unit TEXT NOT NULL,
  qualifier TEXT NOT NULL, object TEXT, action TEXT, PRIMARY KEY (record_id, idx));
CREATE TABLE milestones (
  record_id TEXT NOT NULL REFERENCES records(id), idx INTEGER NOT NULL, period TEXT, label TEXT NOT NULL,
  text TEXT NOT NULL, PRIMARY KEY (record_id, idx));
CREATE INDEX records_document ON records(document_id);
CREATE INDEX quantities_unit ON quantities(normalized_unit, dimension);
CREATE INDEX documents_region_year ON documents(region, year);
";

impl Sqlite {
    pub fn new(dest: &Path) -> Result<Self> {
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io(dir))?;
        }
        let tmp = TempPath::new(dest);
        // A temporary file left by a killed run that had this process id.
        let _ = std::fs::remove_file(tmp.path());
        let conn = rusqlite::Connection::open(tmp.path())
            .map_err(|e| format!("{}: {e}", tmp.path().display()))?;
        conn.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
            .and_then(|_| conn.execute_batch(SQLITE_SCHEMA))
            .and_then(|_| conn.execute_batch("BEGIN"))
            .map_err(|e| format!("{}: {e}", tmp.path().display()))?;
        Ok(Sqlite {
            conn,
            tmp,
            dest: dest.to_path_buf(),
        })
    }
}

impl Sink for Sqlite {
    fn renderer(&self) -> Renderer {
        Renderer::Document
    }

    fn add(&mut self, doc_id: &str, _rel: &Path, doc: Rendered) -> Result<()> {
        let Rendered::Document(doc) = doc else {
            return Err("internal error: output rendered for another format".into());
        };
        let e = |e: rusqlite::Error| format!("sqlite: {e}");
        let n = &doc.notice;
        self.conn
            .prepare_cached(
                "INSERT INTO documents VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14)",
            )
            .and_then(|mut st| {
                st.execute(rusqlite::params![
                    doc_id,
                    doc.source.path,
                    doc.source.sha256,
                    doc.source.format.as_str(),
                    doc.source.encoding,
                    doc.source.layout.as_str(),
                    n.title,
                    n.doc_number,
                    n.issuer,
                    n.date,
                    n.region,
                    n.year,
                    json_str(&doc.tables),
                    json_str(&doc.warnings),
                ])
            })
            .map_err(e)?;
        for r in &doc.records {
            let rid = record_id(doc_id, r);
            self.conn
                .prepare_cached(
                    "INSERT INTO records VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?24,?25,?26,?27)",
                )
                .and_then(|mut st| {
                    st.execute(rusqlite::params![
                        rid,
                        doc_id,
                        r.source.table as i64,
                        r.source.row as i64,
                        r.source.line.map(|l| l as i64),
                        r.source.layout.as_str(),
                        r.table_title,
                        r.attachment,
                        r.section,
                        r.category,
                        r.seq,
                        r.name,
                        r.part,
                        r.subproject,
                        json_str(&r.lead_units),
                        json_str(&r.partner_units),
                        r.target,
                        r.deadline,
                        r.investment.as_ref().and_then(|a| a.value.as_f64()),
                        r.investment.as_ref().and_then(|a| a.unit.clone()),
                        r.progress,
                        r.result,
                        r.status,
                        r.notes,
                        r.measures,
                        json_str(&r.source.inherited),
                        json_str(&r.extra),
                    ])
                })
                .map_err(e)?;
            for (i, q) in r.quantities.iter().enumerate() {
                self.conn
                    .prepare_cached("INSERT INTO quantities VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16)")
                    .and_then(|mut st| {
                        st.execute(rusqlite::params![
                            rid,
                            i as i64,
                            q.field,
                            q.text,
                            q.span[0] as i64,
                            q.span[1] as i64,
                            q.value.get(),
                            q.value_max.map(|v| v.get()),
                            q.unit,
                            num(&q.dimension).trim_matches('"'),
                            q.normalized.value.get(),
                            q.normalized.value_max.map(|v| v.get()),
                            q.normalized.unit,
                            num(&q.qualifier).trim_matches('"'),
                            q.object,
                            q.action,
                        ])
                    })
                    .map_err(e)?;
            }
            for (i, m) in r.milestones.iter().enumerate() {
                self.conn
                    .prepare_cached("INSERT INTO milestones VALUES (?1,?2,?3,?4,?5)")
                    .and_then(|mut st| {
                        st.execute(rusqlite::params![rid, i as i64, m.period, m.label, m.text])
                    })
                    .map_err(e)?;
            }
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<()> {
        let Sqlite { conn, tmp, dest } = *self;
        conn.execute_batch("COMMIT")
            .map_err(|e| format!("sqlite: {e}"))?;
        conn.close().map_err(|(_, e)| format!("sqlite: {e}"))?;
        tmp.persist(&dest)
    }
}

/// The message for a failed write. When standard output was closed by its
/// reader (`convert … | head`), the reader has what it wanted: the program
/// ends quietly, as `grep` and `rg` do, rather than report an error.
fn write_error(e: &std::io::Error, to_stdout: bool) -> String {
    if to_stdout && e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    format!("writing output: {e}")
}
