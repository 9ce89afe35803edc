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
    /// The file's own structure is broken (sector chains of a compound
    /// file past its end, a merged range that ends before it starts …).
    #[error("{path}: damaged file: {reason}")]
    Damaged { path: String, reason: String },
    /// A reader (ours or a dependency's) panicked on the file: the checks
    /// before it did not catch the damage, but the file is damaged all the same.
    #[error("{path}: damaged file: a reader failed on it ({reason})")]
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

/// What a batch makes of an input that gave an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disposition {
    /// Readable, but not a notice we take records from (an image, a PDF, a
    /// legacy Word file, a page without a project table): listed, not an error of the run.
    Skipped,
    /// Damaged, unreadable or past a limit: the run exits non-zero.
    Failed,
}

impl Error {
    /// Whether the input is skipped or failed: a property of the error's kind.
    pub fn disposition(&self) -> Disposition {
        match self {
            Error::NoRecords { .. } | Error::Unsupported { .. } | Error::Binary { .. } => {
                Disposition::Skipped
            }
            Error::Empty { .. }
            | Error::Encoding { .. }
            | Error::TooLarge { .. }
            | Error::Archive { .. }
            | Error::Malformed { .. }
            | Error::Damaged { .. }
            | Error::ParserPanic { .. }
            | Error::Limit { .. }
            | Error::Io { .. } => Disposition::Failed,
        }
    }
}
