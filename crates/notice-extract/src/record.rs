//! The output types: one [`Record`] per project row or list item, wrapped in
//! a [`NoticeDocument`] per input file. Their JSON form is specified by
//! `schemas/record.schema.json` and `schemas/document.schema.json`.

use crate::model::Warning;
use crate::model::{contract_enum, InputFormat, Layout};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

contract_enum! {
    /// What a [`TableInfo`] describes (`tables[].kind`).
    pub enum TableKind {
        /// A table of the notice, its columns mapped to record fields.
        Table => "table",
        /// A list of projects (numbered items, labelled items, an
        /// enumeration …), read as a table would be.
        List => "list",
    }
}

contract_enum! {
    /// A field of [`Record`], by the name it is serialised under: what a
    /// table's column was mapped to (`tables[].fields`), or a field whose
    /// value was merged down from an earlier row (`source.inherited`).
    pub enum RecordField {
        /// [`Record::seq`].
        Seq => "seq",
        /// [`Record::name`].
        Name => "name",
        /// [`Record::subproject`].
        Subproject => "subproject",
        /// [`Record::lead_units`].
        LeadUnits => "lead_units",
        /// [`Record::partner_units`].
        PartnerUnits => "partner_units",
        /// [`Record::target`].
        Target => "target",
        /// [`Record::deadline`].
        Deadline => "deadline",
        /// [`Record::category`].
        Category => "category",
        /// [`Record::investment`].
        Investment => "investment",
        /// [`Record::milestones`].
        Milestones => "milestones",
        /// [`Record::progress`].
        Progress => "progress",
        /// [`Record::result`].
        Result => "result",
        /// [`Record::status`].
        Status => "status",
        /// [`Record::notes`].
        Notes => "notes",
        /// [`Record::measures`].
        Measures => "measures",
        /// [`Record::narrative`].
        Narrative => "narrative",
        /// [`Record::extra`]: a column the normaliser does not map, kept by its header.
        Extra => "extra",
    }
}

/// A field whose value a record inherited from an earlier row of the same
/// project (`source.inherited`): a [`RecordField`], or one entry of
/// [`Record::extra`], serialised as `extra.` and its header.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FieldRef {
    /// A field of the record.
    Field(RecordField),
    /// The entry of [`Record::extra`] under this header.
    Extra(String),
}

impl FieldRef {
    /// The prefix of an `extra` entry's name.
    const EXTRA_PREFIX: &'static str = "extra.";
}

impl std::fmt::Display for FieldRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FieldRef::Field(field) => f.write_str(field.as_str()),
            FieldRef::Extra(header) => write!(f, "{}{header}", Self::EXTRA_PREFIX),
        }
    }
}

impl std::str::FromStr for FieldRef {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if let Some(header) = s.strip_prefix(Self::EXTRA_PREFIX) {
            return Ok(FieldRef::Extra(header.to_string()));
        }
        RecordField::ALL
            .iter()
            .find(|f| f.as_str() == s)
            .map(|f| FieldRef::Field(*f))
            .ok_or_else(|| format!("`{s}` names no record field"))
    }
}

impl PartialEq<RecordField> for FieldRef {
    fn eq(&self, other: &RecordField) -> bool {
        *self == FieldRef::Field(*other)
    }
}

impl PartialEq<&str> for FieldRef {
    fn eq(&self, other: &&str) -> bool {
        match self {
            FieldRef::Field(f) => f.as_str() == *other,
            FieldRef::Extra(h) => other.strip_prefix(Self::EXTRA_PREFIX) == Some(h.as_str()),
        }
    }
}

impl Serialize for FieldRef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for FieldRef {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Everything extracted from one notice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoticeDocument {
    pub source: DocumentSource,
    pub notice: Notice,
    pub tables: Vec<TableInfo>,
    pub records: Vec<Record>,
    pub warnings: Vec<Warning>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentSource {
    pub path: String,
    pub sha256: String,
    /// Input format: `text`, `html` …
    pub format: InputFormat,
    /// Character encoding the input was decoded from (`UTF-8`, `GBK` …), for text formats.
    pub encoding: Option<String>,
    pub layout: Layout,
}

/// The notice's own metadata.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Notice {
    pub title: Option<String>,
    /// 发文字号, e.g. 渝北府办发〔2024〕5号.
    pub doc_number: Option<String>,
    pub issuer: Option<String>,
    /// ISO date the notice was written (成文日期, or the date under the signature).
    pub date: Option<String>,
    /// County-level region (渝北区), or the widest region named when there is none.
    pub region: Option<String>,
    pub year: Option<i32>,
}

/// One table (or numbered list) of the notice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableInfo {
    pub index: usize,
    /// `table` or `list`.
    pub kind: TableKind,
    pub layout: Layout,
    pub title: Option<String>,
    pub attachment: Option<String>,
    /// Leaf header of each column.
    pub header: Vec<String>,
    /// Record field each column was mapped to (`extra` when none).
    pub fields: Vec<RecordField>,
    /// Body rows, section rows included.
    pub rows: usize,
    pub records: usize,
    pub projects: usize,
    pub sections: Vec<SectionInfo>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionInfo {
    pub title: String,
    /// The number of projects the heading announces (`(10件)`), when it does.
    pub announced: Option<u64>,
    pub projects: usize,
    pub rows: usize,
    /// A total printed on the section row, in the column's unit.
    pub total: Option<Amount>,
}

/// A number with the unit its column (or cell) gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Amount {
    pub value: serde_json::Number,
    pub unit: Option<String>,
    /// The cell as printed.
    pub text: String,
}

/// Where a record came from, precisely enough to find the row again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordSource {
    pub path: String,
    pub sha256: String,
    pub layout: Layout,
    /// Index into the document's `tables`.
    pub table: usize,
    /// Row index in the table grid (header rows included), or item index of a list.
    pub row: usize,
    pub line: Option<usize>,
    /// Fields whose value was merged down from an earlier row: count them once.
    pub inherited: Vec<FieldRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Milestone {
    /// ISO month (`2025-06`) when the column header names one.
    pub period: Option<String>,
    /// The column header as printed.
    pub label: String,
    pub text: String,
}

/// The narrative section a report prints about a project after its table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Narrative {
    pub heading: String,
    pub target: Option<String>,
    pub result: Option<String>,
}

/// One project row (or one row of a multi-row project) or list item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub source: RecordSource,
    pub table_title: Option<String>,
    pub attachment: Option<String>,
    pub section: Option<String>,
    pub category: Option<String>,
    pub seq: Option<String>,
    pub name: Option<String>,
    /// 1-based row number within its project.
    pub part: u32,
    pub subproject: Option<String>,
    pub lead_units: Vec<String>,
    pub partner_units: Vec<String>,
    pub target: Option<String>,
    pub deadline: Option<String>,
    pub investment: Option<Amount>,
    pub milestones: Vec<Milestone>,
    pub progress: Option<String>,
    pub result: Option<String>,
    pub status: Option<String>,
    pub notes: Option<String>,
    pub measures: Option<String>,
    pub narrative: Option<Narrative>,
    /// Numbers with units in `target`, each milestone, `progress` and `result`.
    pub quantities: Vec<notice_quantity::Quantity>,
    /// Every column the normaliser does not map, by its header.
    pub extra: Map<String, Value>,
}

impl Record {
    /// A record with its provenance and every other field empty.
    pub fn new(source: RecordSource) -> Self {
        Record {
            source,
            table_title: None,
            attachment: None,
            section: None,
            category: None,
            seq: None,
            name: None,
            part: 1,
            subproject: None,
            lead_units: Vec::new(),
            partner_units: Vec::new(),
            target: None,
            deadline: None,
            investment: None,
            milestones: Vec::new(),
            progress: None,
            result: None,
            status: None,
            notes: None,
            measures: None,
            narrative: None,
            quantities: Vec::new(),
            extra: Map::new(),
        }
    }
}
