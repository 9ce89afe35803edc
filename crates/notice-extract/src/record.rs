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
    /// The input: path, hash, format, encoding, layout.
    pub source: DocumentSource,
    /// The notice's title, document number, issuer, date, region and year.
    pub notice: Notice,
    /// Every table and list of projects read, in order; records point into it.
    pub tables: Vec<TableInfo>,
    /// One record per project row or list item, in reading order.
    pub records: Vec<Record>,
    /// The readers' and the normaliser's warnings, in the order met.
    pub warnings: Vec<Warning>,
}

/// The input a [`NoticeDocument`] was read from (`source`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentSource {
    /// The input path as given to [`extract`](crate::extract).
    pub path: String,
    /// Lowercase hex SHA-256 of the input bytes.
    pub sha256: String,
    /// Input format: `text`, `html` …
    pub format: InputFormat,
    /// Character encoding the input was decoded from (`UTF-8`, `GBK` …), for text formats.
    pub encoding: Option<String>,
    /// The document's layout; for a page without tables, that of the list
    /// holding its projects (`numbered_list`).
    pub layout: Layout,
}

/// The notice's own metadata.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Notice {
    /// A stable id of the notice, the same for every file that holds it
    /// (the page and its attachment): 16 hex digits of a hash of its document
    /// number (with the issuer when the number does not name its office),
    /// else of its records, else of its title and date; `None` when it has
    /// none of these. See [`crate::Duplicates`].
    pub id: Option<String>,
    /// The title as printed, wrapped lines joined
    /// (`关于印发渝北区2024年重点民生实事的通知`).
    pub title: Option<String>,
    /// 发文字号, e.g. 渝北府办发〔2024〕5号.
    pub doc_number: Option<String>,
    /// The issuing body (`重庆市渝北区人民政府办公室`): from the title before
    /// 关于, the signature above the date, or a 发布机构 field.
    pub issuer: Option<String>,
    /// ISO date the notice was written (成文日期, or the date under the signature).
    pub date: Option<String>,
    /// County-level region (渝北区), or the widest region named when there is none.
    pub region: Option<String>,
    /// The year the projects are for (2024): from the title, a table's title,
    /// a `2024年…民生实事` line near the top, else the year of `date`.
    pub year: Option<i32>,
}

/// One table (or numbered list) of the notice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableInfo {
    /// Position in the document's `tables`, as in [`RecordSource::table`].
    pub index: usize,
    /// `table` or `list`.
    pub kind: TableKind,
    /// The table's layout, or the list's (`numbered_list`, `labelled_items` …).
    pub layout: Layout,
    /// The short paragraph printed just above it, `如下：` dropped
    /// (`某区2024年民生实事项目表`).
    pub title: Option<String>,
    /// The attachment label printed above it (`附件1`).
    pub attachment: Option<String>,
    /// Leaf header of each column.
    pub header: Vec<String>,
    /// Record field each column was mapped to (`extra` when none).
    pub fields: Vec<RecordField>,
    /// Body rows, section rows included (a list's items taken as projects).
    pub rows: usize,
    /// Records read from it.
    pub records: usize,
    /// Projects among them: a project printed over several rows counts once.
    pub projects: usize,
    /// The section rows (or a list's headings) that group its projects, in order.
    pub sections: Vec<SectionInfo>,
}

/// A section of a table or list: a row spanning the table (`一、教育（共5项）`)
/// or a heading over list items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionInfo {
    /// The section row's or heading's text, as printed.
    pub title: String,
    /// The number of projects the heading announces (`(10件)`), when it does.
    pub announced: Option<u64>,
    /// Projects listed under it.
    pub projects: usize,
    /// Records under it (a project over several rows counts each).
    pub rows: usize,
    /// A total printed on the section row, in the column's unit.
    pub total: Option<Amount>,
}

/// A number with the unit its column (or cell) gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Amount {
    /// The number as printed, in `unit`, separators dropped (`1200.5`).
    pub value: serde_json::Number,
    /// The unit: the cell's own (`500万元`), else its header's (`投资（万元）`)
    /// or a `单位：万元` note above the table; None when nothing says.
    pub unit: Option<String>,
    /// The cell as printed.
    pub text: String,
}

/// Where a record came from, precisely enough to find the row again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordSource {
    /// The input path as given.
    pub path: String,
    /// Lowercase hex SHA-256 of the input bytes.
    pub sha256: String,
    /// The layout of the table or list the record came from.
    pub layout: Layout,
    /// Index into the document's `tables`.
    pub table: usize,
    /// Row index in the table grid (header rows included), or item index of a list.
    pub row: usize,
    /// 1-based source line of the row or item, when the source has lines.
    pub line: Option<usize>,
    /// Fields whose value was merged down from an earlier row: count them once.
    pub inherited: Vec<FieldRef>,
}

/// A stage target: one cell of a column under a milestone header
/// (阶段性目标 over `2025年6月`, `一季度` …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Milestone {
    /// ISO month (`2025-06`) when the column header names one.
    pub period: Option<String>,
    /// The column header as printed.
    pub label: String,
    /// The cell's text.
    pub text: String,
}

/// The narrative section a report prints about a project after its table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Narrative {
    /// The project's name as the section prints it, after its
    /// `重点民生实事（一）` line when it has one.
    pub heading: String,
    /// The paragraphs under its 目标任务 (工作目标, 年度目标) heading, joined by newlines.
    pub target: Option<String>,
    /// The paragraphs under its 完成情况 (办理情况, 推进情况) heading, joined by newlines.
    pub result: Option<String>,
}

/// One project row (or one row of a multi-row project) or list item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Where the record came from.
    pub source: RecordSource,
    /// In a batch, the `source.path` of an earlier document that holds the
    /// same record (the same notice saved twice, or as a page and its
    /// attachment), so that it can be counted once; `None` for the first
    /// copy and outside a batch. Set by [`crate::Duplicates`].
    pub duplicate_of: Option<String>,
    /// The title of its table or list ([`TableInfo::title`]).
    pub table_title: Option<String>,
    /// The attachment label of its table or list (`附件1`).
    pub attachment: Option<String>,
    /// The section row or list heading it is under, as printed (`一、教育（共5项）`).
    pub section: Option<String>,
    /// The kind of project (`市级`, `区级`, `人大票决` …): its category column,
    /// else a category word in its section or table title.
    pub category: Option<String>,
    /// Sequence number as printed (`"12"`, `"三"`); a continuation row carries
    /// its project's.
    pub seq: Option<String>,
    /// The project's name (`城镇老旧小区改造`), without a number printed
    /// before it.
    pub name: Option<String>,
    /// 1-based row number within its project.
    pub part: u32,
    /// The item of a project whose name header spans two columns (项目名称
    /// over 大类 and 子项): the second column's text.
    pub subproject: Option<String>,
    /// 牵头单位, one unit each (`["市住房城乡建设委"]`); a 责任单位 column
    /// when there is no 牵头 column.
    pub lead_units: Vec<String>,
    /// 配合单位, or 责任单位 beside a 牵头 column, one unit each.
    pub partner_units: Vec<String>,
    /// 目标任务 (建设内容 …) as printed, line breaks kept.
    pub target: Option<String>,
    /// ISO month or day (`"2024-12"`, `"2024-06-30"`) from 完成时限 or a
    /// schedule; a month alone takes the notice's year.
    pub deadline: Option<String>,
    /// The 投资 column as a number with its unit (500 `万元`).
    pub investment: Option<Amount>,
    /// Stage targets, one per non-empty milestone cell, left to right.
    pub milestones: Vec<Milestone>,
    /// 进展情况 as printed.
    pub progress: Option<String>,
    /// 完成情况 as printed; a cell that is only a status word goes to `status`.
    pub result: Option<String>,
    /// A status word (`已完成`, `基本完成`): a status column, or a 完成情况
    /// cell holding only that.
    pub status: Option<String>,
    /// 备注 as printed.
    pub notes: Option<String>,
    /// The 工作措施 of the project's narrative section, paragraphs joined by newlines.
    pub measures: Option<String>,
    /// The report's narrative section about this project, matched by its exact name.
    pub narrative: Option<Narrative>,
    /// Numbers with units in `target` (or `name` when there is no target),
    /// each milestone, `progress` and `result`, each naming its field.
    pub quantities: Vec<notice_quantity::Quantity>,
    /// Every column the normaliser does not map, by its header.
    pub extra: Map<String, Value>,
}

impl Record {
    /// A record with its provenance and every other field empty.
    pub fn new(source: RecordSource) -> Self {
        Record {
            source,
            duplicate_of: None,
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
