//! notice-extract turns published Chinese government notices of livelihood
//! projects (重点民生实事, 为民办实事, 民生工程) into structured records.
//!
//! The data flow is the architecture: bytes are decoded (text and HTML in
//! any encoding), parsed by layout into the intermediate model
//! ([`parse`] → [`model::Document`]), normalised into project records
//! ([`normalize`] → [`Record`]s in a [`NoticeDocument`]). Everything here is
//! pure: no files, threads or printing; the binary does those.
//!
//! ```
//! let text = "某区2024年民生实事项目\n1.城镇老旧小区改造:改造城镇老旧小区12个。\n2.建设城市公园:新建口袋公园2个。\n";
//! let doc = notice_extract::extract(text.as_bytes(), "notice.txt").unwrap();
//! assert_eq!(doc.records.len(), 2);
//! assert_eq!(doc.records[1].name.as_deref(), Some("建设城市公园"));
//! ```

#![deny(missing_docs)]

mod decode;
mod error;
mod identity;
mod layout;
pub mod model;
mod normalize;
mod read;
mod record;
pub mod regress;
mod text;
mod vocab;

pub use error::{Disposition, Error, Location};
pub use identity::{fingerprint, notice_id, Duplicates};
pub use model::InputFormat;
pub use normalize::{normalize, SourceInfo};
pub use notice_quantity as quantity;
pub use notice_quantity::Quantity;
pub use record::{
    Amount, DocumentSource, FieldRef, Milestone, Narrative, Notice, NoticeDocument, Record,
    RecordField, RecordSource, SectionInfo, TableInfo, TableKind,
};

/// The named limits that bound what one input may cost. An input past one is
/// refused with [`Error::TooLarge`] or [`Error::Limit`], or (for the text of
/// one field) read in part with a warning; nothing is allocated by a size a
/// file states before it is checked against these.
pub mod limits {
    /// Most table rows, list items and paragraphs one notice may hold. Each
    /// becomes at most one record, and a record with its quantities costs
    /// 2–8 KB in memory while the notice is converted (measured on 50,000-
    /// and 500,000-row tables), so this bounds a notice's records at about
    /// 160 MB. Real notices hold tens to hundreds of projects and a few
    /// thousand paragraphs at most; past it, the input is refused as
    /// [`crate::Error::Limit`].
    pub const MAX_ROWS_PER_NOTICE: usize = 20_000;

    pub use crate::decode::MAX_INPUT_BYTES;
    pub use crate::normalize::{MAX_FIELD_CHARS_FOR_QUANTITIES, MAX_QUANTITIES_PER_RECORD};
    pub use crate::read::doc::{MAX_DOC_PIECES, MAX_DOC_TABLE_CELLS};
    pub use crate::read::docx::{MAX_GRID_COLUMNS, MAX_NESTED_TABLES};
    pub use crate::read::html::{
        MAX_COLSPAN, MAX_DEPTH as MAX_HTML_DEPTH, MAX_ROWSPAN, MAX_TABLE_CELLS,
    };
    pub use crate::read::ole::MAX_OLE_ENTRIES;
    pub use crate::read::pdf::{
        MAX_PDF_CMAP_ENTRIES, MAX_PDF_FORM_DEPTH, MAX_PDF_GLYPHS_PER_PAGE, MAX_PDF_INFLATED_BYTES,
        MAX_PDF_NESTING, MAX_PDF_OBJECTS, MAX_PDF_OPERATORS_PER_PAGE, MAX_PDF_PAGES,
        MAX_PDF_RULES_PER_PAGE, MAX_PDF_STREAM_BYTES,
    };
    pub use crate::read::xlsx::MAX_SHEET_CELLS;
    pub use crate::read::zipguard::{
        MAX_MEMBER_BYTES, MAX_RATIO, MAX_TOTAL_BYTES, MAX_ZIP_ENTRIES,
    };
}

/// The readers' and layouts' inner entry points, for the fuzz targets and
/// the workspace's own tests and benchmarks (feature `internals`). Not part
/// of the stable API: they change without notice.
#[cfg(feature = "internals")]
#[doc(hidden)]
pub mod internals {
    pub use crate::decode::{declared_charset, decode, Decoded};
    pub use crate::layout::outline::with_lists;
    pub use crate::layout::{layout_name, parse_text};
    pub use crate::read::doc::parse_streams as parse_doc_streams;
    pub use crate::read::ole::open as open_ole;
    pub use crate::read::{finish, header_depth, metadata_block, read, take_captions, Origin};
}

use sha2::{Digest, Sha256};

/// Lowercase hex SHA-256 of the input, recorded in every record's source.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        // Writing to a String cannot fail.
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// A notice read into the intermediate model, with what it was read as.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Parsed {
    /// The notice's paragraphs, lists and tables, merged cells resolved.
    pub document: model::Document,
    /// The format found from the content.
    pub format: InputFormat,
    /// The character encoding text and HTML were decoded from (`UTF-8`, `GBK` …).
    pub encoding: Option<&'static str>,
}

/// Parses one notice (the bytes of a saved file, any supported format) into
/// its intermediate model, with the readers' warnings on the document.
///
/// ```
/// let text = "1.城镇老旧小区改造:改造城镇老旧小区12个。\n2.建设城市公园:新建口袋公园2个。\n";
/// let parsed = notice_extract::parse(text.as_bytes(), "notice.txt").unwrap();
/// assert_eq!(parsed.format, notice_extract::InputFormat::Text);
/// assert_eq!(parsed.document.layout, notice_extract::model::Layout::NumberedList);
/// ```
pub fn parse(bytes: &[u8], path: &str) -> Result<Parsed, Error> {
    let (doc, origin) = read::read(bytes, path)?;
    Ok(Parsed {
        document: layout::outline::with_lists(doc),
        format: origin.format,
        encoding: origin.encoding,
    })
}

/// How [`extract_with`] treats a notice. `Options::default()` is what
/// [`extract`] does.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Options {
    /// Return the document (its metadata, tables and warnings) when it holds
    /// no project, instead of [`Error::NoRecords`].
    pub keep_empty: bool,
}

impl Options {
    /// The options of [`extract`].
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets [`Options::keep_empty`].
    pub fn keep_empty(mut self, yes: bool) -> Self {
        self.keep_empty = yes;
        self
    }
}

/// Extracts the records of one notice. `path` is recorded as provenance and
/// named in errors. Fails when the input cannot be read or holds no project
/// table or list ([`Error::NoRecords`]).
pub fn extract(bytes: &[u8], path: &str) -> Result<NoticeDocument, Error> {
    extract_with(bytes, path, &Options::default())
}

/// [`extract`], with options.
///
/// ```
/// use notice_extract::{extract_with, Options};
/// let page = "关于2024年民生实事的说明\n今年的工作将继续推进。\n";
/// let doc = extract_with(page.as_bytes(), "page.txt", &Options::new().keep_empty(true)).unwrap();
/// assert!(doc.records.is_empty());
/// assert!(notice_extract::extract(page.as_bytes(), "page.txt").is_err());
/// ```
pub fn extract_with(bytes: &[u8], path: &str, options: &Options) -> Result<NoticeDocument, Error> {
    let (doc, origin) = read::read(bytes, path)?;
    let rows = doc.rows();
    if rows > limits::MAX_ROWS_PER_NOTICE {
        return Err(Error::Limit {
            at: path.into(),
            what: format!("{rows} table rows and paragraphs"),
            limit: format!("{} (MAX_ROWS_PER_NOTICE)", limits::MAX_ROWS_PER_NOTICE),
        });
    }
    let src = normalize::SourceInfo {
        path: path.to_string(),
        sha256: sha256_hex(bytes),
        format: origin.format,
        encoding: origin.encoding.map(str::to_string),
    };
    let out = normalize::normalize(&doc, &src);
    if out.records.is_empty() && !options.keep_empty {
        return Err(Error::NoRecords {
            at: path.into(),
            layout: out.source.layout.to_string(),
        });
    }
    Ok(out)
}
