//! Errors: an input that yields nothing usable. Recoverable problems are
//! [`crate::model::Warning`]s on the document instead.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum Error {
    #[error("{path}: empty file")]
    Empty { path: String },
    #[error("{path}: binary data, not a notice ({reason})")]
    Binary { path: String, reason: String },
    #[error("{path}: not text in {encoding}: {bad} of {total} characters do not decode")]
    Encoding {
        path: String,
        encoding: String,
        bad: usize,
        total: usize,
    },
    #[error("{path}: {format} is not read; {advice}")]
    Unsupported {
        path: String,
        format: String,
        advice: String,
    },
    #[error("{path}: {size} bytes is more than the {limit}-byte limit for one notice")]
    TooLarge {
        path: String,
        size: usize,
        limit: usize,
    },
    #[error("{path}: damaged archive: {reason}")]
    Archive { path: String, reason: String },
    #[error("{path}: malformed document: {reason}")]
    Malformed { path: String, reason: String },
    #[error("{path}: a parser failed on this file ({reason}); the file is skipped")]
    ParserPanic { path: String, reason: String },
    #[error("{path}: {what}, beyond the limit of {limit}")]
    Limit {
        path: String,
        what: String,
        limit: String,
    },
    #[error("{path}: no project table or numbered project list found (layout: {layout})")]
    NoRecords { path: String, layout: String },
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}
