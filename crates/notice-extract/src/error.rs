//! Errors: an input that yields nothing usable. Recoverable problems are
//! [`crate::model::Warning`]s on the document instead.

use thiserror::Error;

/// Why an input gave no document. Every variant names the input's `path` as
/// given; [`Error::disposition`] says whether a batch skips it or fails.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum Error {
    /// The input is empty or only whitespace.
    #[error("{path}: empty file")]
    Empty {
        /// The input's path as given.
        path: String,
    },
    /// Bytes that are no text and no format we recognise (NUL bytes and no
    /// byte-order mark): skipped.
    #[error("{path}: binary data, not a notice ({reason})")]
    Binary {
        /// The input's path as given.
        path: String,
        /// What gave it away (`NUL bytes in the first 8 KiB`).
        reason: String,
    },
    /// Text that does not decode: more than 0.1 % of its characters are not
    /// valid in the encoding found (fewer are replaced, with a warning).
    #[error("{path}: not text in {encoding}: {bad} of {total} characters do not decode")]
    Encoding {
        /// The input's path as given.
        path: String,
        /// The encoding tried, as `encoding_rs` names it (`GBK`, `UTF-8`).
        encoding: String,
        /// Characters that did not decode (each became U+FFFD).
        bad: usize,
        /// Characters decoded in all.
        total: usize,
    },
    /// A format not read (PDF, RTF, a legacy `.doc`, a password-protected
    /// `.xls`, a zip that is no Office file): skipped, with what to do instead.
    #[error("{path}: {format} is not read; {advice}")]
    Unsupported {
        /// The input's path as given.
        path: String,
        /// What the input is, in words (`PDF`, `a legacy Word 97-2003 file (.doc)`).
        format: String,
        /// What to do instead (`convert it first: soffice --headless --convert-to docx FILE`).
        advice: String,
    },
    /// An input larger than [`MAX_INPUT_BYTES`](crate::limits::MAX_INPUT_BYTES).
    #[error("{path}: {size} bytes is more than the {limit}-byte limit for one notice")]
    TooLarge {
        /// The input's path as given.
        path: String,
        /// The input's size in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// A DOCX, XLSX or ODS whose zip archive is damaged (no readable
    /// directory, overlapping entries, a member that does not inflate).
    #[error("{path}: damaged archive: {reason}")]
    Archive {
        /// The input's path as given.
        path: String,
        /// What is wrong, with the member when one is (`word/document.xml: …`).
        reason: String,
    },
    /// A document whose XML or workbook does not parse, or that lacks its
    /// main part (`no word/document.xml in the archive`).
    #[error("{path}: malformed document: {reason}")]
    Malformed {
        /// The input's path as given.
        path: String,
        /// Where and what (`word/document.xml at byte 1234: …`, `workbook: …`).
        reason: String,
    },
    /// The file's own structure is broken (sector chains of a compound
    /// file past its end, a merged range that ends before it starts …).
    #[error("{path}: damaged file: {reason}")]
    Damaged {
        /// The input's path as given.
        path: String,
        /// What is broken.
        reason: String,
    },
    /// A reader (ours or a dependency's) panicked on the file: the checks
    /// before it did not catch the damage, but the file is damaged all the same.
    #[error("{path}: damaged file: a reader failed on it ({reason})")]
    ParserPanic {
        /// The input's path as given.
        path: String,
        /// The panic's message.
        reason: String,
    },
    /// An input past one of the [`limits`](crate::limits) on what one input
    /// may cost (archive entries, inflated bytes, sheet cells, markup depth).
    #[error("{path}: {what}, beyond the limit of {limit}")]
    Limit {
        /// The input's path as given.
        path: String,
        /// What went past it (`the archive has 20000 entries`).
        what: String,
        /// The limit with its name (`10000 entries (MAX_ZIP_ENTRIES)`).
        limit: String,
    },
    /// Readable, but no project table or list found: skipped.
    /// [`Options::keep_empty`](crate::Options::keep_empty) returns the
    /// document instead.
    #[error("{path}: no project table or numbered project list found (layout: {layout})")]
    NoRecords {
        /// The input's path as given.
        path: String,
        /// The document's layout as serialised (`plain`, `html` …).
        layout: String,
    },
    /// The file could not be read or written. The library does no I/O and
    /// never returns it; the command-line tool does, for its own files.
    #[error("{path}: {source}")]
    Io {
        /// The path of the file read or written.
        path: String,
        /// The I/O error.
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

    /// The input's path as given, which every kind names.
    pub fn path(&self) -> &str {
        match self {
            Error::Empty { path }
            | Error::Binary { path, .. }
            | Error::Encoding { path, .. }
            | Error::Unsupported { path, .. }
            | Error::TooLarge { path, .. }
            | Error::Archive { path, .. }
            | Error::Malformed { path, .. }
            | Error::Damaged { path, .. }
            | Error::ParserPanic { path, .. }
            | Error::Limit { path, .. }
            | Error::NoRecords { path, .. }
            | Error::Io { path, .. } => path,
        }
    }
}
