//! The intermediate model every reader produces: a [`Document`] of blocks in
//! reading order. Readers know nothing of projects; they only say what is a
//! paragraph, a numbered list or a table, and resolve merged cells so that a
//! table is a plain rectangular grid.

use serde::Serialize;

/// Declares an enum of the output contract: each variant with the name it
/// is serialised as, `ALL` (every value, in the order the schemas list
/// them), `as_str`, `Display`, and comparison with a name. The schema tests
/// check `ALL` against the JSON Schemas, so a variant added here and not
/// there fails a test.
macro_rules! contract_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant, )+
        }

        impl $name {
            /// Every value, in the order the schemas list them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The name as serialised.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $text, )+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }
    };
}
pub(crate) use contract_enum;

contract_enum! {
    /// How a document, a table or a list is laid out on the page: the shape its
    /// reader recognised, part of the output contract (`source.layout`),
    /// serialised as its snake_case name.
    #[derive(Default)]
    pub enum Layout {
        /// Text with no table or list found.
        #[default]
        Plain => "plain",
        /// A document whose tables come in several layouts.
        Mixed => "mixed",
        /// `| 1 | 名称 | 单位 |`: rows of pipe-separated cells, or a cell per line ending in `|`.
        PipeTable => "pipe_table",
        /// A cell per line, rows starting at their sequence numbers.
        CellPerLine => "cell_per_line",
        /// Tab-started lines, a row per blank-line-separated group.
        TabTable => "tab_table",
        /// A row per line, cells separated by tabs (pasted from a spreadsheet).
        TsvTable => "tsv_table",
        /// A row per line, cells separated by runs of spaces (copied from a PDF or a Word table).
        SpaceTable => "space_table",
        /// A web page (without a table).
        Html => "html",
        /// A `<table>` of a web page.
        HtmlTable => "html_table",
        /// A Word document (without a table).
        Docx => "docx",
        /// A table of a Word document.
        DocxTable => "docx_table",
        /// A legacy Word 97-2003 document (without a table).
        Doc => "doc",
        /// A table of a legacy Word 97-2003 document.
        DocTable => "doc_table",
        /// A workbook (without a sheet that reads as a table).
        Xlsx => "xlsx",
        /// A sheet of a workbook.
        XlsxTable => "xlsx_table",
        /// A PDF's text layer (without a table).
        Pdf => "pdf",
        /// A table of a PDF, from its ruling lines or the alignment of its text.
        PdfTable => "pdf_table",
        /// Numbered items.
        NumberedList => "numbered_list",
        /// Unnumbered items each followed by labelled lines.
        LabelledItems => "labelled_items",
        /// Unnumbered items announced by a colon or a count.
        Enumeration => "enumeration",
        /// A paragraph per project, a title sentence then its content.
        TitledParagraphs => "titled_paragraphs",
        /// One target per line under short unnumbered headings.
        HeadedLines => "headed_lines",
    }
}

contract_enum! {
    /// The format an input was read as (`source.format`), found from its
    /// content, never from its file name.
    pub enum InputFormat {
        /// Plain text, in any encoding the decoder recognises.
        Text => "text",
        /// A web page.
        Html => "html",
        /// A Word document (Office Open XML).
        Docx => "docx",
        /// A legacy Word 97-2003 document (`.doc`, or WPS Office's `.wps`).
        Doc => "doc",
        /// An Excel workbook (Office Open XML).
        Xlsx => "xlsx",
        /// A legacy Excel 97-2003 workbook.
        Xls => "xls",
        /// An OpenDocument spreadsheet.
        Ods => "ods",
        /// A PDF with a text layer.
        Pdf => "pdf",
    }
}

/// One parsed input file, format-independent.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Document {
    /// The layout the reader recognised.
    pub layout: Layout,
    /// The paragraphs, lists and tables, in reading order.
    pub blocks: Vec<Block>,
    /// Labelled metadata the source states outright (a web page's 索引号 / 发文字号 / 成文日期 block).
    pub metadata: Vec<MetaField>,
    /// Recoverable problems the reader met (kept as data, never printed by the library).
    pub warnings: Vec<Warning>,
}

impl Document {
    /// The text of each paragraph block, in order (lists and tables left out).
    pub fn paragraph_texts(&self) -> impl Iterator<Item = &str> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.text.as_str()),
            _ => None,
        })
    }

    /// How many table rows, list items (with the paragraphs under them) and
    /// paragraphs the document holds: what bounds its records (see
    /// [`crate::limits::MAX_ROWS_PER_NOTICE`]).
    pub fn rows(&self) -> usize {
        self.blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(_) => 1,
                Block::Table(t) => t.rows.len(),
                Block::List(l) => l.items.iter().map(|i| 1 + i.body.len()).sum(),
            })
            .sum()
    }
}

/// One labelled metadata value, label as printed without its colon (`发文字号`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MetaField {
    /// The label as printed, without its colon (`成文日期`).
    pub label: String,
    /// The value as printed (`2024-02-23`, `渝北府办发〔2024〕5号`).
    pub value: String,
}

/// One block of a document, serialised with its `kind` (`paragraph`,
/// `list`, `table`).
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Block {
    /// Running text.
    Paragraph(Paragraph),
    /// Paragraphs read as items. Readers leave them paragraphs;
    /// [`crate::parse`] groups them, as the normaliser does when no table
    /// gives records.
    List(List),
    /// A table, its spans resolved.
    Table(Table),
}

/// A line or paragraph of running text.
#[derive(Debug, Clone, Serialize)]
pub struct Paragraph {
    /// The text as printed.
    pub text: String,
    /// 1-based line in the source text, when the source has lines.
    pub line: Option<usize>,
}

/// A run of consecutively numbered items (`1.…`, `2.…`), from paragraphs
/// of their own or split out of one paragraph, with the headings printed
/// over them and the unnumbered lines that follow each.
#[derive(Debug, Clone, Serialize)]
pub struct List {
    /// How the items are told apart (numbers, labelled lines, a colon …).
    pub kind: ListKind,
    /// The items, in order.
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

/// One item of a [`List`]: its marker, its text, and what is printed around it.
#[derive(Debug, Clone, Serialize)]
pub struct ListItem {
    /// The number as printed, without its punctuation (`"12"`, `"三"`, `"①"`).
    pub marker: String,
    /// The marker as printed, with its punctuation (`"12."`, `"（三）"`).
    pub label: String,
    /// The text after the marker, up to the next marker or paragraph end.
    pub text: String,
    /// 1-based source line where the item starts, when the source has lines.
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
    /// The text after the marker (`教育方面（共5项）`).
    pub text: String,
    /// 1-based source line of the heading, when the source has lines.
    pub line: Option<usize>,
    /// Starts inside a paragraph, after the text before it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub inline: bool,
}

/// A table whose row and column spans are resolved: every row has
/// `width` cells, and a cell covered by a span is a copy marked with its origin.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    /// Cells in every row.
    pub width: usize,
    /// How many leading rows are header rows (0 when the reader could not tell).
    pub header_rows: usize,
    /// Every row, header rows first.
    pub rows: Vec<Row>,
    /// Which layout produced this table (a document may mix them).
    pub layout: Layout,
}

/// One row of a [`Table`].
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The row's cells, left to right: [`Table::width`] of them.
    pub cells: Vec<Cell>,
    /// 1-based source line where the row starts, when the source has lines.
    pub line: Option<usize>,
}

/// One cell of a [`Row`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    /// Text as printed in the source (line breaks inside a cell kept as `\n`).
    pub text: String,
    /// Printed here, or a copy of a merged cell spanning into this one.
    pub origin: Origin,
}

/// Where a cell's text comes from, serialised with its `type` (`own`,
/// `row_span`, `col_span`). A cell covered by a span both down and across is
/// a [`Origin::RowSpan`] below the spanning cell's first row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Origin {
    /// The cell is printed in this row.
    Own,
    /// Copied from a cell of an earlier row that spans down into this one.
    RowSpan {
        /// Index in [`Table::rows`] of the row the spanning cell is printed in.
        row: usize,
    },
    /// Copied from a cell to the left in the same row that spans across.
    ColSpan {
        /// Index of the column the spanning cell is printed in.
        col: usize,
    },
}

impl Cell {
    /// A cell printed in its own row.
    pub fn own(text: impl Into<String>) -> Self {
        Cell {
            text: text.into(),
            origin: Origin::Own,
        }
    }

    /// True when the cell holds only whitespace.
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

contract_enum! {
    /// What a warning is about: a stable, machine-readable code, serialised as
    /// its snake_case name (`seq_duplicate`).
    pub enum WarningCode {
        /// Cells of a one-cell-per-line table that could not be placed in a row.
        CellsUnplaced => "cells_unplaced",
        /// A deadline that names no month, kept in `extra`.
        DeadlineUnparsed => "deadline_unparsed",
        /// Bytes the decoder could not read in the encoding it chose.
        Encoding => "encoding",
        /// Text saved in the wrong encoding (mojibake such as `鍏充簬` for 关于):
        /// decoded right when its bytes allow it, else only flagged.
        Garbled => "garbled",
        /// A table header wider or narrower than its rows.
        HeaderWidth => "header_width",
        /// Items under headings whose items name no units, in a list whose other groups do, taken as no projects.
        ListGroupNotProjects => "list_group_not_projects",
        /// A list taken as projects on weaker evidence (no units named for most items).
        ListWeakEvidence => "list_weak_evidence",
        /// A name printed twice in its cell.
        NameDoubled => "name_doubled",
        /// A record with more quantities than `MAX_QUANTITIES_PER_RECORD`; the rest dropped.
        QuantitiesTruncated => "quantities_truncated",
        /// A field longer than `MAX_FIELD_CHARS_FOR_QUANTITIES`; quantities read from its start only.
        QuantityTextTruncated => "quantity_text_truncated",
        /// A row with fewer cells than the table.
        RowShort => "row_short",
        /// A row with more cells than the table.
        RowTooWide => "row_too_wide",
        /// A pipe row whose cells and padding pipes do not add up to the table's width.
        RowWidth => "row_width",
        /// A section that announces a number of projects it does not list.
        SectionCount => "section_count",
        /// A section whose stated total differs from the sum of its rows.
        SectionTotal => "section_total",
        /// A sequence number printed twice.
        SeqDuplicate => "seq_duplicate",
        /// Sequence numbers out of order.
        SeqOrder => "seq_order",
        /// A gap in the sequence numbers.
        SeqSkipped => "seq_skipped",
        /// A sheet past the size limits, not read.
        SheetTooLarge => "sheet_too_large",
        /// A sheet the reader could not read.
        SheetUnreadable => "sheet_unreadable",
        /// A table under a work report's heading (政府工作报告) with no livelihood project named over it: its rows are the report's tasks, and give no records.
        TableNotProjects => "table_not_projects",
        /// An HTML table past the size limits, not read.
        TableTooLarge => "table_too_large",
        /// A cell under a units header that names no unit (a number), kept in `extra`.
        UnitsNotNames => "units_not_names",
    }
}

/// A recoverable problem, with enough context to find it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Warning {
    /// Stable machine-readable kind, e.g. `seq_duplicate`.
    pub code: WarningCode,
    /// What happened, in English, with the values involved
    /// (`sequence number 3 printed twice`).
    pub message: String,
    /// Index into the document's `tables` of the table or list concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<usize>,
    /// Row of that table's grid (header rows included) or item of the list,
    /// as in [`RecordSource::row`](crate::RecordSource::row).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    /// 1-based line of the source text, for problems the readers meet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

impl Warning {
    /// A warning placed nowhere yet.
    pub fn new(code: WarningCode, message: impl Into<String>) -> Self {
        Warning {
            code,
            message: message.into(),
            table: None,
            row: None,
            line: None,
        }
    }

    /// Places the warning in a table (an index into the document's
    /// `tables`) and, when it concerns one, a row.
    pub fn at_table(mut self, table: usize, row: Option<usize>) -> Self {
        self.table = Some(table);
        self.row = row;
        self
    }

    /// Places the warning at a 1-based source line.
    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }
}
