//! The native half of the `notice_extract` Python package: reading files,
//! extracting, marking duplicates and serialising run here with the GIL
//! released; the pure-Python package (`notice_extract/__init__.py`) turns
//! the JSON into Python objects and the error tuples into exceptions.
//!
//! Documents cross the boundary as JSON text (serde_json, exactly what the
//! CLI writes) and are parsed by Python's `json` module, so a document in
//! Python equals the CLI's JSON of it loaded with `json.loads`.

use std::path::Path;

use notice_extract::{Disposition, Duplicates, Error, NoticeDocument};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use rayon::prelude::*;

/// What one input gave: a document's JSON, or why not.
type Outcome = Result<String, Problem>;

/// An input that gave no document: `(status, path, message, reason, kind)`
/// in Python, where `status` is `"skipped"` or `"failed"` as in the CLI's
/// `errors.jsonl`, `message` the CLI's line for it and `reason` the message
/// without its location.
#[derive(Debug)]
struct Problem {
    status: &'static str,
    path: String,
    message: String,
    reason: String,
    kind: &'static str,
}

impl Problem {
    fn new(status: Disposition, path: &str, kind: &'static str, reason: String) -> Problem {
        Problem {
            status: match status {
                Disposition::Skipped => "skipped",
                Disposition::Failed => "failed",
            },
            path: path.to_string(),
            message: format!("{path}: {reason}"),
            reason,
            kind,
        }
    }

    fn of(e: &Error) -> Problem {
        let message = e.to_string();
        let at = format!("{}: ", e.location());
        let reason = message.strip_prefix(&at).unwrap_or(&message).to_string();
        Problem {
            status: match e.disposition() {
                Disposition::Skipped => "skipped",
                Disposition::Failed => "failed",
            },
            path: e.path().to_string(),
            message,
            reason,
            kind: kind(e),
        }
    }

    fn into_tuple(self) -> (&'static str, String, String, String, &'static str) {
        (self.status, self.path, self.message, self.reason, self.kind)
    }
}

/// The error's kind, as the library's variant is named.
fn kind(e: &Error) -> &'static str {
    match e {
        Error::Empty { .. } => "Empty",
        Error::Binary { .. } => "Binary",
        Error::Encoding { .. } => "Encoding",
        Error::Unsupported { .. } => "Unsupported",
        Error::TooLarge { .. } => "TooLarge",
        Error::Archive { .. } => "Archive",
        Error::Malformed { .. } => "Malformed",
        Error::Damaged { .. } => "Damaged",
        Error::ParserPanic { .. } => "ParserPanic",
        Error::Limit { .. } => "Limit",
        Error::NoRecords { .. } => "NoRecords",
        Error::Io { .. } => "Io",
        _ => "Other",
    }
}

use notice_input::{not_a_document, path_id, Loaded};

/// A path from the bytes `os.fsencode` gives.
#[cfg(unix)]
fn path_of(bytes: &[u8]) -> std::path::PathBuf {
    use std::os::unix::ffi::OsStrExt;
    Path::new(std::ffi::OsStr::from_bytes(bytes)).to_path_buf()
}

#[cfg(not(unix))]
fn path_of(bytes: &[u8]) -> std::path::PathBuf {
    std::path::PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}

/// Reads a file as the CLI does: opened without blocking, a FIFO, socket,
/// device or folder not read, a file past the input limit not read into
/// memory, never more than the limit read.
fn read_file(path: &Path, id: &str) -> Result<Vec<u8>, Problem> {
    let io = |e: std::io::Error| Problem::new(Disposition::Failed, id, "Io", e.to_string());
    let limit = notice_extract::limits::MAX_INPUT_BYTES as u64;
    match notice_input::read_regular(path, limit).map_err(io)? {
        Loaded::Bytes(bytes) => Ok(bytes),
        Loaded::Folder => Err(Problem::new(
            Disposition::Failed,
            id,
            "Io",
            "a folder, not a file (pass the files in it)".into(),
        )),
        Loaded::NotRegular => Err(Problem::new(
            Disposition::Skipped,
            id,
            "NotRegular",
            "not a regular file (a FIFO, socket or device), not read".into(),
        )),
        Loaded::TooLarge(size) => {
            let e = Error::TooLarge {
                at: id.into(),
                size: usize::try_from(size).unwrap_or(usize::MAX),
                limit: notice_extract::limits::MAX_INPUT_BYTES,
            };
            Err(Problem::of(&e))
        }
    }
}

/// Extracts one notice from its bytes, as the CLI does (files that are
/// certainly not notices skipped by their magic number, a panic of ours
/// caught and reported as the input's failure).
fn extract_bytes(bytes: &[u8], id: &str) -> Result<NoticeDocument, Problem> {
    if let Some(what) = not_a_document(bytes) {
        return Err(Problem::new(
            Disposition::Skipped,
            id,
            "NotADocument",
            format!("{what}, not a document"),
        ));
    }
    let extracted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        notice_extract::extract(bytes, id)
    }));
    match extracted {
        Ok(Ok(doc)) => Ok(doc),
        Ok(Err(e)) => Err(Problem::of(&e)),
        Err(_) => Err(Problem::new(
            Disposition::Failed,
            id,
            "Panic",
            "internal error (panic) while converting".into(),
        )),
    }
}

/// Reads and extracts one file; `name` replaces the path as provenance.
fn extract_path(path: &Path, name: Option<&str>) -> Result<NoticeDocument, Problem> {
    let id = name.map_or_else(|| path_id(path), str::to_string);
    let bytes = read_file(path, &id)?;
    extract_bytes(&bytes, &id)
}

fn to_json(doc: &NoticeDocument) -> Outcome {
    serde_json::to_string(doc).map_err(|e| {
        Problem::new(
            Disposition::Failed,
            &doc.source.path,
            "Json",
            format!("rendering JSON: {e}"),
        )
    })
}

type PyOutcome = (bool, PyObject);

fn to_python(py: Python<'_>, outcome: Outcome) -> PyResult<PyOutcome> {
    Ok(match outcome {
        Ok(json) => (true, json.into_pyobject(py)?.into_any().unbind()),
        Err(p) => (false, p.into_tuple().into_pyobject(py)?.into_any().unbind()),
    })
}

/// extract_path(path: bytes, name: str | None) -> (ok, json | error tuple)
///
/// Reads and extracts one file (the path as `os.fsencode` gives it).
#[pyfunction]
#[pyo3(signature = (path, name=None))]
fn extract_file(py: Python<'_>, path: Vec<u8>, name: Option<String>) -> PyResult<PyOutcome> {
    let outcome = py
        .allow_threads(|| extract_path(&path_of(&path), name.as_deref()).and_then(|d| to_json(&d)));
    to_python(py, outcome)
}

/// extract_data(data: bytes, name: str) -> (ok, json | error tuple)
///
/// Extracts one notice from its bytes, `name` its path as provenance.
#[pyfunction]
fn extract_data(py: Python<'_>, data: &[u8], name: String) -> PyResult<PyOutcome> {
    let outcome = py.allow_threads(|| extract_bytes(data, &name).and_then(|d| to_json(&d)));
    to_python(py, outcome)
}

/// quantities(text: str) -> str: the JSON array of the text's quantities.
#[pyfunction]
fn quantities(py: Python<'_>, text: String) -> PyResult<String> {
    py.allow_threads(|| serde_json::to_string(&notice_extract::quantity::extract(&text)))
        .map_err(|e| PyRuntimeError::new_err(format!("rendering JSON: {e}")))
}

/// fingerprint(record_json: str) -> str: the record's fingerprint, the key
/// on which `Duplicates` finds copies of a record.
#[pyfunction]
fn fingerprint(py: Python<'_>, record: String) -> PyResult<String> {
    py.allow_threads(|| {
        serde_json::from_str::<notice_extract::Record>(&record)
            .map(|r| notice_extract::fingerprint(&r))
    })
    .map_err(|e| PyValueError::new_err(format!("not a record: {e}")))
}

/// Converter(jobs: int | None): a batch, converting chunks of paths on its
/// own thread pool and marking duplicates across every chunk it has seen,
/// in input order, as the CLI's `convert` does.
#[pyclass(module = "notice_extract._native")]
struct Converter {
    pool: rayon::ThreadPool,
    seen: Duplicates,
}

#[pymethods]
impl Converter {
    #[new]
    #[pyo3(signature = (jobs=None))]
    fn new(jobs: Option<usize>) -> PyResult<Self> {
        let mut builder = rayon::ThreadPoolBuilder::new();
        match jobs {
            Some(0) => return Err(PyValueError::new_err("jobs must be at least 1")),
            Some(n) => builder = builder.num_threads(n),
            None => {}
        }
        let pool = builder
            .build()
            .map_err(|e| PyRuntimeError::new_err(format!("cannot start threads: {e}")))?;
        Ok(Converter {
            pool,
            seen: Duplicates::new(),
        })
    }

    /// The number of threads converting.
    #[getter]
    fn jobs(&self) -> usize {
        self.pool.current_num_threads()
    }

    /// convert(paths: list[bytes]) -> list[(ok, json | error tuple)], in
    /// the order of `paths`: extracted in parallel, duplicates marked in
    /// input order, serialised in parallel, all with the GIL released.
    fn convert(&mut self, py: Python<'_>, paths: Vec<Vec<u8>>) -> PyResult<Vec<PyOutcome>> {
        let pool = &self.pool;
        let seen = &mut self.seen;
        let outcomes: Vec<Outcome> = py.allow_threads(|| {
            let mut docs: Vec<Result<NoticeDocument, Problem>> = pool.install(|| {
                paths
                    .par_iter()
                    .map(|p| extract_path(&path_of(p), None))
                    .collect()
            });
            for doc in docs.iter_mut().flatten() {
                seen.mark(doc);
            }
            pool.install(|| {
                docs.into_par_iter()
                    .map(|d| d.and_then(|d| to_json(&d)))
                    .collect()
            })
        });
        outcomes.into_iter().map(|o| to_python(py, o)).collect()
    }
}

/// The native module: `notice_extract._native`.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract_file, m)?)?;
    m.add_function(wrap_pyfunction!(extract_data, m)?)?;
    m.add_function(wrap_pyfunction!(quantities, m)?)?;
    m.add_function(wrap_pyfunction!(fingerprint, m)?)?;
    m.add_class::<Converter>()?;
    m.add("MAX_INPUT_BYTES", notice_extract::limits::MAX_INPUT_BYTES)?;
    Ok(())
}
