//! The intermediate model every reader produces: a [`Document`] of blocks in
//! reading order. Readers know nothing of projects; they only say what is a
//! paragraph, a numbered list or a table, and resolve merged cells so that a
//! table is a plain rectangular grid.

use serde::Serialize;

/// How a document, a table or a list is laid out on the page: the shape its
/// reader recognised, part of the output contract (`source.layout`),
/// serialised as its snake_case name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Layout {
    /// Text with no table or list found.
    #[default]
    Plain,
    /// A document whose tables come in several layouts.
    Mixed,
    /// `| 1 | 名称 | 单位 |`: rows of pipe-separated cells, or a cell per line ending in `|`.
    PipeTable,
    /// A cell per line, rows starting at their sequence numbers.
    CellPerLine,
    /// Tab-started lines, a row per blank-line-separated group.
    TabTable,
    /// A row per line, cells separated by tabs (pasted from a spreadsheet).
    TsvTable,
    /// A web page (without a table).
    Html,
    /// A `<table>` of a web page.
    HtmlTable,
    /// A Word document (without a table).
    Docx,
    /// A table of a Word document.
    DocxTable,
    /// A workbook (without a sheet that reads as a table).
    Xlsx,
    /// A sheet of a workbook.
    XlsxTable,
    /// Numbered items.
    NumberedList,
    /// Unnumbered items each followed by labelled lines.
    LabelledItems,
    /// Unnumbered items announced by a colon or a count.
    Enumeration,
    /// A paragraph per project, a title sentence then its content.
    TitledParagraphs,
    /// One target per line under short unnumbered headings.
    HeadedLines,
}

impl Layout {
    /// Every layout, in the order the schemas list them.
    pub const ALL: &'static [Layout] = &[
        Layout::Plain,
        Layout::Mixed,
        Layout::PipeTable,
        Layout::CellPerLine,
        Layout::TabTable,
        Layout::TsvTable,
        Layout::Html,
        Layout::HtmlTable,
        Layout::Docx,
        Layout::DocxTable,
        Layout::Xlsx,
        Layout::XlsxTable,
        Layout::NumberedList,
        Layout::LabelledItems,
        Layout::Enumeration,
        Layout::TitledParagraphs,
        Layout::HeadedLines,
    ];

    /// The name as serialised (`pipe_table`).
    pub fn as_str(self) -> &'static str {
        match self {
            Layout::Plain => "plain",
            Layout::Mixed => "mixed",
            Layout::PipeTable => "pipe_table",
            Layout::CellPerLine => "cell_per_line",
            Layout::TabTable => "tab_table",
            Layout::TsvTable => "tsv_table",
            Layout::Html => "html",
            Layout::HtmlTable => "html_table",
            Layout::Docx => "docx",
            Layout::DocxTable => "docx_table",
            Layout::Xlsx => "xlsx",
            Layout::XlsxTable => "xlsx_table",
            Layout::NumberedList => "numbered_list",
            Layout::LabelledItems => "labelled_items",
            Layout::Enumeration => "enumeration",
            Layout::TitledParagraphs => "titled_paragraphs",
            Layout::HeadedLines => "headed_lines",
        }
    }
}

impl std::fmt::Display for Layout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for Layout {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// One parsed input file, format-independent.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Document {
    /// The layout the reader recognised.
    pub layout: Layout,
    pub blocks: Vec<Block>,
    /// Labelled metadata the source states outright (a web page's 索引号 / 发文字号 / 成文日期 block).
    pub metadata: Vec<MetaField>,
    /// Recoverable problems the reader met (kept as data, never printed by the library).
    pub warnings: Vec<Warning>,
}

/// One labelled metadata value, label as printed without its colon (`发文字号`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MetaField {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    Paragraph(Paragraph),
    List(List),
    Table(Table),
}

/// A line or paragraph of running text.
#[derive(Debug, Clone, Serialize)]
pub struct Paragraph {
    pub text: String,
    /// 1-based line in the source text, when the source has lines.
    pub line: Option<usize>,
}

/// A run of consecutively numbered items (`1.…`, `2.…`), from paragraphs
/// of their own or split out of one paragraph, with the headings printed
/// over them and the unnumbered lines that follow each.
#[derive(Debug, Clone, Serialize)]
pub struct List {
    pub kind: ListKind,
    pub items: Vec<ListItem>,
}

/// How a list's items are told apart on the page: the evidence a reader
/// has that they are items at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ListKind {
    /// Numbered as printed (`1.`, `（一）`, `①`, `一是`).
    Numbered,
    /// Unnumbered paragraphs each followed by labelled lines (`责任单位：…`).
    Labelled,
    /// Announced by a colon (`包括：`), clauses or lines ending in `；`.
    Enumeration,
    /// Announced by a colon (`如下：`), a paragraph each: a short title
    /// sentence, then its content.
    Paragraphs,
    /// Lines under short unnumbered headings (`着力实现幼有善育`).
    Headed,
}

impl ListKind {
    /// The `source.layout` of records read from such a list.
    pub fn layout(self) -> Layout {
        match self {
            ListKind::Numbered => Layout::NumberedList,
            ListKind::Labelled => Layout::LabelledItems,
            ListKind::Enumeration => Layout::Enumeration,
            ListKind::Paragraphs => Layout::TitledParagraphs,
            ListKind::Headed => Layout::HeadedLines,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ListItem {
    /// The number as printed, without its punctuation (`"12"`, `"三"`, `"①"`).
    pub marker: String,
    /// The marker as printed, with its punctuation (`"12."`, `"（三）"`).
    pub label: String,
    /// The text after the marker, up to the next marker or paragraph end.
    pub text: String,
    pub line: Option<usize>,
    /// The item starts inside a paragraph, after the text before it
    /// (`…如下：(1)…(2)…`), rather than at the start of one.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub inline: bool,
    /// Headings printed between the previous item and this one
    /// (`一、教育方面（共5项）`), outermost first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub headings: Vec<Heading>,
    /// Unnumbered paragraphs printed after the item, before the next item or
    /// heading (`责任单位：…`, the text under an item's title line).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub body: Vec<Paragraph>,
}

/// A numbered paragraph that heads items numbered in another style.
#[derive(Debug, Clone, Serialize)]
pub struct Heading {
    /// 0 for the outermost heading style of the list, 1 for the next …
    pub level: usize,
    /// The marker as printed (`一、`, `（二）`).
    pub label: String,
    pub text: String,
    pub line: Option<usize>,
    /// Starts inside a paragraph, after the text before it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub inline: bool,
}

/// A table whose row and column spans are resolved: every row has
/// `width` cells, and a cell covered by a span is a copy marked with its origin.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    pub width: usize,
    /// How many leading rows are header rows (0 when the reader could not tell).
    pub header_rows: usize,
    pub rows: Vec<Row>,
    /// Which layout produced this table (a document may mix them).
    pub layout: Layout,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// 1-based source line where the row starts, when the source has lines.
    pub line: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    /// Text as printed in the source (line breaks inside a cell kept as `\n`).
    pub text: String,
    pub origin: Origin,
}

/// Where a cell's text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Origin {
    /// The cell is printed in this row.
    Own,
    /// Copied from a cell of an earlier row that spans down into this one.
    RowSpan { row: usize },
    /// Copied from a cell to the left in the same row that spans across.
    ColSpan { col: usize },
}

impl Cell {
    pub fn own(text: impl Into<String>) -> Self {
        Cell {
            text: text.into(),
            origin: Origin::Own,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }
}

impl Table {
    /// Rows after the header rows.
    pub fn body(&self) -> &[Row] {
        self.rows.get(self.header_rows..).unwrap_or(&[])
    }
}

/// What a warning is about: a stable, machine-readable code, serialised as
/// its snake_case name (`seq_duplicate`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum WarningCode {
    /// Cells of a one-cell-per-line table that could not be placed in a row.
    CellsUnplaced,
    /// A deadline that names no month, kept in `extra`.
    DeadlineUnparsed,
    /// Bytes the decoder could not read in the encoding it chose.
    Encoding,
    /// A table header wider or narrower than its rows.
    HeaderWidth,
    /// Items under headings whose items name no units, in a list whose other groups do, taken as no projects.
    ListGroupNotProjects,
    /// A list taken as projects on weaker evidence (no units named for most items).
    ListWeakEvidence,
    /// A name printed twice in its cell.
    NameDoubled,
    /// A record with more quantities than `MAX_QUANTITIES_PER_RECORD`; the rest dropped.
    QuantitiesTruncated,
    /// A field longer than `MAX_FIELD_CHARS_FOR_QUANTITIES`; quantities read from its start only.
    QuantityTextTruncated,
    /// A row with fewer cells than the table.
    RowShort,
    /// A row with more cells than the table.
    RowTooWide,
    /// A pipe row whose cells and padding pipes do not add up to the table's width.
    RowWidth,
    /// A section that announces a number of projects it does not list.
    SectionCount,
    /// A section whose stated total differs from the sum of its rows.
    SectionTotal,
    /// A sequence number printed twice.
    SeqDuplicate,
    /// Sequence numbers out of order.
    SeqOrder,
    /// A gap in the sequence numbers.
    SeqSkipped,
    /// A sheet past the size limits, not read.
    SheetTooLarge,
    /// A sheet the reader could not read.
    SheetUnreadable,
    /// An HTML table past the size limits, not read.
    TableTooLarge,
    /// A cell under a units header that names no unit (a number), kept in `extra`.
    UnitsNotNames,
}

impl WarningCode {
    /// Every code, in the order the output contract lists them.
    pub const ALL: &'static [WarningCode] = &[
        WarningCode::CellsUnplaced,
        WarningCode::DeadlineUnparsed,
        WarningCode::Encoding,
        WarningCode::HeaderWidth,
        WarningCode::ListGroupNotProjects,
        WarningCode::ListWeakEvidence,
        WarningCode::NameDoubled,
        WarningCode::QuantitiesTruncated,
        WarningCode::QuantityTextTruncated,
        WarningCode::RowShort,
        WarningCode::RowTooWide,
        WarningCode::RowWidth,
        WarningCode::SectionCount,
        WarningCode::SectionTotal,
        WarningCode::SeqDuplicate,
        WarningCode::SeqOrder,
        WarningCode::SeqSkipped,
        WarningCode::SheetTooLarge,
        WarningCode::SheetUnreadable,
        WarningCode::TableTooLarge,
        WarningCode::UnitsNotNames,
    ];

    /// The code as serialised (`seq_duplicate`).
    pub fn as_str(self) -> &'static str {
        match self {
            WarningCode::CellsUnplaced => "cells_unplaced",
            WarningCode::DeadlineUnparsed => "deadline_unparsed",
            WarningCode::Encoding => "encoding",
            WarningCode::HeaderWidth => "header_width",
            WarningCode::ListGroupNotProjects => "list_group_not_projects",
            WarningCode::ListWeakEvidence => "list_weak_evidence",
            WarningCode::NameDoubled => "name_doubled",
            WarningCode::QuantitiesTruncated => "quantities_truncated",
            WarningCode::QuantityTextTruncated => "quantity_text_truncated",
            WarningCode::RowShort => "row_short",
            WarningCode::RowTooWide => "row_too_wide",
            WarningCode::RowWidth => "row_width",
            WarningCode::SectionCount => "section_count",
            WarningCode::SectionTotal => "section_total",
            WarningCode::SeqDuplicate => "seq_duplicate",
            WarningCode::SeqOrder => "seq_order",
            WarningCode::SeqSkipped => "seq_skipped",
            WarningCode::SheetTooLarge => "sheet_too_large",
            WarningCode::SheetUnreadable => "sheet_unreadable",
            WarningCode::TableTooLarge => "table_too_large",
            WarningCode::UnitsNotNames => "units_not_names",
        }
    }
}

impl std::fmt::Display for WarningCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for WarningCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// A recoverable problem, with enough context to find it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Warning {
    /// Stable machine-readable kind, e.g. `seq_duplicate`.
    pub code: WarningCode,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

impl Warning {
    pub fn new(code: WarningCode, message: impl Into<String>) -> Self {
        Warning {
            code,
            message: message.into(),
            table: None,
            row: None,
            line: None,
        }
    }

    pub fn at_table(mut self, table: usize, row: Option<usize>) -> Self {
        self.table = Some(table);
        self.row = row;
        self
    }

    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }
}
