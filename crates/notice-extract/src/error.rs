//! Errors: an input that yields nothing usable. Recoverable problems are
//! [`crate::model::Warning`]s on the document instead.

use thiserror::Error;

/// Why an input gave no document: the variant is the kind of failure, and
/// every variant says where it was met ([`Location`]: the input's path as
/// given, and the archive member and byte when the reader knows them);
/// [`Error::disposition`] says whether a batch skips the input or fails.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum Error {
    /// The input is empty or only whitespace.
    #[error("{at}: empty file")]
    Empty {
        /// Where: the input's path as given, and the member or byte when known.
        at: Location,
    },
    /// Bytes that are no text and no format we recognise (NUL bytes and no
    /// byte-order mark): skipped.
    #[error("{at}: binary data, not a notice ({reason})")]
    Binary {
        /// Where: the input's path as given, and the member or byte when known.
        at: Location,
        /// What gave it away (`NUL bytes in the first 8 KiB`).
        reason: String,
    },
    /// Text that does not decode: more than 0.1 % of its characters are not
    /// valid in the encoding found (fewer are replaced, with a warning).
    #[error("{at}: not text in {encoding}: {bad} of {total} characters do not decode")]
    Encoding {
        /// Where: the input's path as given, and the member or byte when known.
        at: Location,
        /// The encoding tried, as `encoding_rs` names it (`GBK`, `UTF-8`).
        encoding: String,
        /// Characters that did not decode (each became U+FFFD).
        bad: usize,
        /// Characters decoded in all.
        total: usize,
    },
    /// A format not read (PDF, RTF, an encrypted or pre-97 Word `.doc`, a
    /// password-protected `.xls`, a zip that is no Office file): skipped,
    /// with what to do instead.
    #[error("{at}: {format} is not read; {advice}")]
    Unsupported {
        /// Where: the input's path as given, and the member or byte when known.
        at: Location,
        /// What the input is, in words (`PDF`, `a Word 6.0/95 document (nFib 0x0065, older than Word 97)`).
        format: String,
        /// What to do instead (`convert it first: soffice --headless --convert-to docx FILE`).
        advice: String,
    },
    /// An input larger than [`MAX_INPUT_BYTES`](crate::limits::MAX_INPUT_BYTES).
    #[error("{at}: {size} bytes is more than the {limit}-byte limit for one notice")]
    TooLarge {
        /// Where: the input's path as given, and the member or byte when known.
        at: Location,
        /// The input's size in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// A DOCX, XLSX or ODS whose zip archive is damaged (no readable
    /// directory, overlapping entries, a member that does not inflate).
    #[error("{at}: damaged archive: {reason}")]
    Archive {
        /// Where: the input's path as given, and the member or byte when known.
        at: Location,
        /// What is wrong, with the member when one is (`word/document.xml: …`).
        reason: String,
    },
    /// A document whose XML or workbook does not parse, or that lacks its
    /// main part (`no word/document.xml in the archive`).
    #[error("{at}: malformed document: {reason}")]
    Malformed {
        /// Where: the input's path as given, and the member or byte when known.
        at: Location,
        /// Where and what (`word/document.xml at byte 1234: …`, `workbook: …`).
        reason: String,
    },
    /// The file's own structure is broken (sector chains of a compound
    /// file past its end, a merged range that ends before it starts …).
    #[error("{at}: damaged file: {reason}")]
    Damaged {
        /// Where: the input's path as given, and the member or byte when known.
        at: Location,
        /// What is broken.
        reason: String,
    },
    /// A reader (ours or a dependency's) panicked on the file: the checks
    /// before it did not catch the damage, but the file is damaged all the same.
    #[error("{at}: damaged file: a reader failed on it ({reason})")]
    ParserPanic {
        /// Where: the input's path as given, and the member or byte when known.
        at: Location,
        /// The panic's message.
        reason: String,
    },
    /// An input past one of the [`limits`](crate::limits) on what one input
    /// may cost (archive entries, inflated bytes, sheet cells, markup depth).
    #[error("{at}: {what}, beyond the limit of {limit}")]
    Limit {
        /// Where: the input's path as given, and the member or byte when known.
        at: Location,
        /// What went past it (`the archive has 20000 entries`).
        what: String,
        /// The limit with its name (`10000 entries (MAX_ZIP_ENTRIES)`).
        limit: String,
    },
    /// Readable, but no project table or list found: skipped.
    /// [`Options::keep_empty`](crate::Options::keep_empty) returns the
    /// document instead.
    #[error("{at}: no project table or numbered project list found (layout: {layout}){}", no_records_note(.layout))]
    NoRecords {
        /// Where: the input's path as given, and the member or byte when known.
        at: Location,
        /// The document's layout as serialised (`plain`, `html` …).
        layout: String,
    },
    /// The file could not be read or written. The library does no I/O and
    /// never returns it; the command-line tool does, for its own files.
    #[error("{at}: {source}")]
    Io {
        /// The file read or written.
        at: Location,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
}

/// What [`Error::NoRecords`] adds for a format whose reading is not plain
/// to see: a PDF's text layer was read, so the reader says what it looked for.
fn no_records_note(layout: &str) -> &'static str {
    if layout == "pdf" || layout == "pdf_table" {
        "; the PDF's text layer was read (paragraphs in reading order, tables from ruling lines or aligned columns) and none of it is a project table or list"
    } else {
        ""
    }
}

/// What a batch makes of an input that gave an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disposition {
    /// Readable, but not a notice we take records from (an image, a PDF, a
    /// encrypted Word file, a page without a project table): listed, not an error of the run.
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

    /// Where the error was met, which every kind says.
    pub fn location(&self) -> &Location {
        match self {
            Error::Empty { at }
            | Error::Binary { at, .. }
            | Error::Encoding { at, .. }
            | Error::Unsupported { at, .. }
            | Error::TooLarge { at, .. }
            | Error::Archive { at, .. }
            | Error::Malformed { at, .. }
            | Error::Damaged { at, .. }
            | Error::ParserPanic { at, .. }
            | Error::Limit { at, .. }
            | Error::NoRecords { at, .. }
            | Error::Io { at, .. } => at,
        }
    }

    /// The input's path as given.
    pub fn path(&self) -> &str {
        &self.location().path
    }
}

/// Where in an input an error was met: the input, and inside it the
/// archive member (`word/document.xml`, `xl/worksheets/sheet1.xml`) and the
/// byte offset in that member when the reader knows them. Displayed as
/// `notice.docx (word/document.xml, byte 1234)`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Location {
    /// The input's path as given.
    pub path: String,
    /// The archive member (or compound-file stream) the error is in.
    pub member: Option<String>,
    /// The byte offset, in the member when one is named, else in the input.
    pub byte: Option<u64>,
}

impl Location {
    /// The input as a whole.
    pub fn file(path: impl Into<String>) -> Self {
        Location {
            path: path.into(),
            member: None,
            byte: None,
        }
    }

    /// The same input, in `member`.
    pub fn member(mut self, member: impl Into<String>) -> Self {
        self.member = Some(member.into());
        self
    }

    /// The same place, at byte `byte`.
    pub fn byte(mut self, byte: u64) -> Self {
        self.byte = Some(byte);
        self
    }
}

impl From<&str> for Location {
    fn from(path: &str) -> Self {
        Location::file(path)
    }
}

impl From<String> for Location {
    fn from(path: String) -> Self {
        Location::file(path)
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.path)?;
        match (&self.member, self.byte) {
            (None, None) => Ok(()),
            (Some(m), None) => write!(f, " ({m})"),
            (None, Some(b)) => write!(f, " (byte {b})"),
            (Some(m), Some(b)) => write!(f, " ({m}, byte {b})"),
        }
    }
}
