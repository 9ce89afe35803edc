//! The output tables — `records`, `quantities`, `milestones` (CSV files and
//! SQLite tables) and `documents` (SQLite only) — each described once, as a
//! list of columns: the column's name in CSV and in SQLite, its SQLite type,
//! and the accessor that reads its cell from the row's source. The CSV
//! header and rows, `CREATE TABLE` and `INSERT` all come from these lists,
//! so a column is added, moved or renamed in one place.

use notice_extract::{Milestone, Notice, NoticeDocument, Quantity, Record};
use rusqlite::types::{ToSql, ToSqlOutput, Value, ValueRef};
use serde_json::{Map, Number};
use std::borrow::Cow;

/// Lists in one CSV cell are joined with this (never part of a unit's name).
pub const LIST_SEPARATOR: &str = "；";

/// One cell of an output row, before it is written: the accessor says what
/// the value is, and each writer says how it writes such a value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// No value: an empty CSV cell, NULL in SQLite.
    Null,
    Text(String),
    Int(i64),
    /// A number of the JSON output. `text` is how the JSON writes it
    /// (2600000, not 2600000.0), which CSV shows; SQLite stores `value`.
    Real {
        value: f64,
        text: String,
    },
    /// In CSV joined with [`LIST_SEPARATOR`]; in SQLite a JSON array.
    List(Vec<String>),
    /// JSON: in SQLite always, in CSV only when not empty (an empty object
    /// is an empty cell, like an empty list).
    Object(Map<String, serde_json::Value>),
}

impl Cell {
    fn text(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }

    fn opt_text(s: Option<&str>) -> Cell {
        s.map_or(Cell::Null, Cell::text)
    }

    /// An index or count; none comes near `i64::MAX`, so saturating loses nothing.
    fn count(n: usize) -> Cell {
        Cell::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }

    fn opt_int(n: Option<i32>) -> Cell {
        n.map_or(Cell::Null, |n| Cell::Int(n.into()))
    }

    fn opt_count(n: Option<usize>) -> Cell {
        n.map_or(Cell::Null, Cell::count)
    }

    /// A number as the library parsed it (an investment).
    fn json_number(n: &Number) -> Cell {
        // Always a float: serde_json's `arbitrary_precision` is not enabled.
        n.as_f64().map_or(Cell::Null, |value| Cell::Real {
            value,
            text: n.to_string(),
        })
    }

    /// A quantity's number. One that JSON cannot write (not finite) shows as
    /// an empty CSV cell, and SQLite still stores its value.
    fn quantity(n: notice_extract::quantity::Number) -> Cell {
        let text = match serde_json::to_value(n) {
            Ok(serde_json::Value::Number(json)) => json.to_string(),
            _ => String::new(),
        };
        Cell::Real {
            value: n.get(),
            text,
        }
    }

    /// The name a field-less enum (a dimension, a qualifier) is serialised as.
    fn serde_name<T: serde::Serialize>(v: &T) -> Cell {
        match serde_json::to_value(v) {
            Ok(serde_json::Value::String(s)) => Cell::Text(s),
            _ => Cell::Text(String::new()),
        }
    }

    /// The cell as CSV writes it.
    pub fn to_csv(&self) -> Cow<'_, str> {
        match self {
            Cell::Null => Cow::Borrowed(""),
            Cell::Text(s) => Cow::Borrowed(s),
            Cell::Int(i) => Cow::Owned(i.to_string()),
            Cell::Real { text, .. } => Cow::Borrowed(text),
            Cell::List(items) => Cow::Owned(items.join(LIST_SEPARATOR)),
            Cell::Object(map) if map.is_empty() => Cow::Borrowed(""),
            Cell::Object(map) => Cow::Owned(json(map)),
        }
    }
}

/// The value SQLite stores for the cell.
impl ToSql for Cell {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Cell::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Cell::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
            Cell::Int(i) => ToSqlOutput::Owned(Value::Integer(*i)),
            Cell::Real { value, .. } => ToSqlOutput::Owned(Value::Real(*value)),
            Cell::List(items) => ToSqlOutput::Owned(Value::Text(json(items))),
            Cell::Object(map) => ToSqlOutput::Owned(Value::Text(json(map))),
        })
    }
}

/// Compact JSON. What is serialised here (strings, lists, maps with string
/// keys, the library's plain output types) cannot fail, so the empty
/// fallback is never taken.
pub fn json<T: serde::Serialize + ?Sized>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// A column of a SQLite table.
#[derive(Debug)]
pub struct SqlColumn {
    pub name: &'static str,
    /// The type and constraints, as `CREATE TABLE` declares them
    /// (`INTEGER NOT NULL`, `TEXT PRIMARY KEY`).
    pub sql_type: &'static str,
}

/// One column of an output table.
///
/// `F` is the accessor's type, `fn(&Row) -> Cell` for the table's row type.
/// It is a parameter, rather than the row type, because the rows borrow
/// from a document: `fn(&RecordRow<'_>) -> Cell` accepts rows of any
/// lifetime, which a `static` list could not say with the row type alone.
#[derive(Debug)]
pub struct Column<F> {
    /// The CSV header, or `None`: not in the CSV file.
    pub csv: Option<&'static str>,
    /// The SQLite column, or `None`: not in the database.
    pub sqlite: Option<SqlColumn>,
    /// Reads the cell from the row's source.
    pub cell: F,
}

/// A column of both outputs, under one name: a query written against the
/// CSV files runs unchanged on the database. Names avoid SQL keywords
/// (`table`, `index`), so no query needs to quote them.
const fn col<F>(name: &'static str, sql_type: &'static str, cell: F) -> Column<F> {
    Column {
        csv: Some(name),
        sqlite: Some(SqlColumn { name, sql_type }),
        cell,
    }
}

/// A column of the CSV file only (the database has it in another table).
const fn csv_only<F>(name: &'static str, cell: F) -> Column<F> {
    Column {
        csv: Some(name),
        sqlite: None,
        cell,
    }
}

/// A column of the database only.
const fn sqlite_only<F>(name: &'static str, sql_type: &'static str, cell: F) -> Column<F> {
    Column {
        csv: None,
        sqlite: Some(SqlColumn { name, sql_type }),
        cell,
    }
}

/// An output table: a SQLite table, and the CSV file NAME.csv when any
/// column is in CSV.
#[derive(Debug)]
pub struct Table<F: 'static> {
    pub name: &'static str,
    pub columns: &'static [Column<F>],
    /// Constraints over several columns (a composite primary key), declared
    /// after the columns.
    pub constraints: &'static [&'static str],
}

impl<F> Table<F> {
    /// The CSV file's header row.
    pub fn csv_header(&self) -> Vec<&'static str> {
        self.columns.iter().filter_map(|c| c.csv).collect()
    }

    /// The cells of `row` in CSV column order.
    pub fn csv_cells<'t, R>(&'t self, row: &'t R) -> impl Iterator<Item = Cell> + 't
    where
        F: Fn(&R) -> Cell,
    {
        self.columns
            .iter()
            .filter(|c| c.csv.is_some())
            .map(move |c| (c.cell)(row))
    }

    /// The cells of `row` in SQLite column order.
    pub fn sqlite_cells<'t, R>(&'t self, row: &'t R) -> impl Iterator<Item = Cell> + 't
    where
        F: Fn(&R) -> Cell,
    {
        self.columns
            .iter()
            .filter(|c| c.sqlite.is_some())
            .map(move |c| (c.cell)(row))
    }

    fn sqlite_columns(&self) -> impl Iterator<Item = &SqlColumn> {
        self.columns.iter().filter_map(|c| c.sqlite.as_ref())
    }

    /// `CREATE TABLE`, one column (or constraint) a line.
    pub fn create_sql(&self) -> String {
        let lines: Vec<String> = self
            .sqlite_columns()
            .map(|c| format!("{} {}", c.name, c.sql_type))
            .chain(self.constraints.iter().map(|c| c.to_string()))
            .collect();
        format!(
            "CREATE TABLE {} (\n  {}\n);\n",
            self.name,
            lines.join(",\n  ")
        )
    }

    /// `INSERT` of one row, its values numbered in column order.
    pub fn insert_sql(&self) -> String {
        let params: Vec<String> = (1..=self.sqlite_columns().count())
            .map(|i| format!("?{i}"))
            .collect();
        format!("INSERT INTO {} VALUES ({})", self.name, params.join(", "))
    }
}

/// Stable identifier of a record: the document id (its input path) with
/// table and row, e.g. `notices/yubei.txt#t0r17`.
pub fn record_id(doc_id: &str, r: &Record) -> String {
    format!("{doc_id}#t{}r{}", r.source.table, r.source.row)
}

/// What a row of `documents` is read from.
pub struct DocumentRow<'a> {
    /// The document id: its input path.
    pub id: &'a str,
    pub doc: &'a NoticeDocument,
}

/// What a row of `records` is read from: a record and its notice.
pub struct RecordRow<'a> {
    /// The record's [`record_id`], which its quantities and milestones carry.
    pub id: String,
    pub doc_id: &'a str,
    pub notice: &'a Notice,
    pub record: &'a Record,
}

impl<'a> RecordRow<'a> {
    pub fn new(doc_id: &'a str, doc: &'a NoticeDocument, record: &'a Record) -> Self {
        RecordRow {
            id: record_id(doc_id, record),
            doc_id,
            notice: &doc.notice,
            record,
        }
    }

    /// The rows of `quantities` this record gives.
    pub fn quantities(&self) -> impl Iterator<Item = ItemRow<'_, Quantity>> {
        ItemRow::of(&self.id, &self.record.quantities)
    }

    /// The rows of `milestones` this record gives.
    pub fn milestones(&self) -> impl Iterator<Item = ItemRow<'_, Milestone>> {
        ItemRow::of(&self.id, &self.record.milestones)
    }
}

/// What a row of `quantities` or `milestones` is read from: one item of a
/// record's list, with its place in the list.
pub struct ItemRow<'a, T> {
    pub record_id: &'a str,
    pub index: usize,
    pub item: &'a T,
}

impl<'a, T> ItemRow<'a, T> {
    fn of(record_id: &'a str, items: &'a [T]) -> impl Iterator<Item = ItemRow<'a, T>> {
        items.iter().enumerate().map(move |(index, item)| ItemRow {
            record_id,
            index,
            item,
        })
    }
}

pub type DocumentCell = fn(&DocumentRow<'_>) -> Cell;
pub type RecordCell = fn(&RecordRow<'_>) -> Cell;
pub type QuantityCell = fn(&ItemRow<'_, Quantity>) -> Cell;
pub type MilestoneCell = fn(&ItemRow<'_, Milestone>) -> Cell;

/// One row per input converted (SQLite only: CSV repeats the notice's
/// metadata on each record instead).
pub static DOCUMENTS: Table<DocumentCell> = Table {
    name: "documents",
    columns: &[
        sqlite_only("id", "TEXT PRIMARY KEY", |d| Cell::text(d.id)),
        sqlite_only("path", "TEXT NOT NULL", |d| Cell::text(&d.doc.source.path)),
        sqlite_only("sha256", "TEXT NOT NULL", |d| {
            Cell::text(&d.doc.source.sha256)
        }),
        sqlite_only("format", "TEXT NOT NULL", |d| {
            Cell::text(d.doc.source.format.as_str())
        }),
        sqlite_only("encoding", "TEXT", |d| {
            Cell::opt_text(d.doc.source.encoding.as_deref())
        }),
        sqlite_only("layout", "TEXT NOT NULL", |d| {
            Cell::text(d.doc.source.layout.as_str())
        }),
        sqlite_only("notice_id", "TEXT", |d| {
            Cell::opt_text(d.doc.notice.id.as_deref())
        }),
        sqlite_only("title", "TEXT", |d| {
            Cell::opt_text(d.doc.notice.title.as_deref())
        }),
        sqlite_only("doc_number", "TEXT", |d| {
            Cell::opt_text(d.doc.notice.doc_number.as_deref())
        }),
        sqlite_only("issuer", "TEXT", |d| {
            Cell::opt_text(d.doc.notice.issuer.as_deref())
        }),
        sqlite_only("date", "TEXT", |d| {
            Cell::opt_text(d.doc.notice.date.as_deref())
        }),
        sqlite_only("region", "TEXT", |d| {
            Cell::opt_text(d.doc.notice.region.as_deref())
        }),
        sqlite_only("year", "INTEGER", |d| Cell::opt_int(d.doc.notice.year)),
        sqlite_only("tables", "TEXT NOT NULL", |d| {
            Cell::Text(json(&d.doc.tables))
        }),
        sqlite_only("warnings", "TEXT NOT NULL", |d| {
            Cell::Text(json(&d.doc.warnings))
        }),
    ],
    constraints: &[],
};

/// One row per record.
pub static RECORDS: Table<RecordCell> = Table {
    name: "records",
    columns: &[
        col("id", "TEXT PRIMARY KEY", |r| Cell::text(&r.id)),
        col(
            "document_id",
            "TEXT NOT NULL REFERENCES documents(id)",
            |r| Cell::text(r.doc_id),
        ),
        col("duplicate_of", "TEXT REFERENCES documents(id)", |r| {
            Cell::opt_text(r.record.duplicate_of.as_deref())
        }),
        col("table_index", "INTEGER NOT NULL", |r| {
            Cell::count(r.record.source.table)
        }),
        col("row", "INTEGER NOT NULL", |r| {
            Cell::count(r.record.source.row)
        }),
        col("line", "INTEGER", |r| Cell::opt_count(r.record.source.line)),
        col("layout", "TEXT NOT NULL", |r| {
            Cell::text(r.record.source.layout.as_str())
        }),
        col("table_title", "TEXT", |r| {
            Cell::opt_text(r.record.table_title.as_deref())
        }),
        col("attachment", "TEXT", |r| {
            Cell::opt_text(r.record.attachment.as_deref())
        }),
        col("section", "TEXT", |r| {
            Cell::opt_text(r.record.section.as_deref())
        }),
        col("category", "TEXT", |r| {
            Cell::opt_text(r.record.category.as_deref())
        }),
        col("seq", "TEXT", |r| Cell::opt_text(r.record.seq.as_deref())),
        col("name", "TEXT", |r| Cell::opt_text(r.record.name.as_deref())),
        col("part", "INTEGER NOT NULL", |r| {
            Cell::Int(r.record.part.into())
        }),
        col("subproject", "TEXT", |r| {
            Cell::opt_text(r.record.subproject.as_deref())
        }),
        col("lead_units", "TEXT NOT NULL", |r| {
            Cell::List(r.record.lead_units.clone())
        }),
        col("partner_units", "TEXT NOT NULL", |r| {
            Cell::List(r.record.partner_units.clone())
        }),
        col("target", "TEXT", |r| {
            Cell::opt_text(r.record.target.as_deref())
        }),
        col("deadline", "TEXT", |r| {
            Cell::opt_text(r.record.deadline.as_deref())
        }),
        col("investment_value", "REAL", |r| {
            r.record
                .investment
                .as_ref()
                .map_or(Cell::Null, |a| Cell::json_number(&a.value))
        }),
        col("investment_unit", "TEXT", |r| {
            let unit = r.record.investment.as_ref().and_then(|a| a.unit.as_deref());
            Cell::opt_text(unit)
        }),
        col("progress", "TEXT", |r| {
            Cell::opt_text(r.record.progress.as_deref())
        }),
        col("result", "TEXT", |r| {
            Cell::opt_text(r.record.result.as_deref())
        }),
        col("status", "TEXT", |r| {
            Cell::opt_text(r.record.status.as_deref())
        }),
        col("notes", "TEXT", |r| {
            Cell::opt_text(r.record.notes.as_deref())
        }),
        col("measures", "TEXT", |r| {
            Cell::opt_text(r.record.measures.as_deref())
        }),
        // Each field by the name it is serialised under (`target`, `extra.备注`).
        col("inherited", "TEXT NOT NULL", |r| {
            Cell::List(
                r.record
                    .source
                    .inherited
                    .iter()
                    .map(|f| f.to_string())
                    .collect(),
            )
        }),
        col("extra", "TEXT NOT NULL", |r| {
            Cell::Object(r.record.extra.clone())
        }),
        // The content hash that finds duplicates, kept so that `--append`
        // can find them across runs.
        sqlite_only("fingerprint", "TEXT NOT NULL", |r| {
            Cell::Text(notice_extract::fingerprint(r.record))
        }),
        csv_only("notice_id", |r| Cell::opt_text(r.notice.id.as_deref())),
        csv_only("notice_title", |r| {
            Cell::opt_text(r.notice.title.as_deref())
        }),
        csv_only("doc_number", |r| {
            Cell::opt_text(r.notice.doc_number.as_deref())
        }),
        csv_only("issuer", |r| Cell::opt_text(r.notice.issuer.as_deref())),
        csv_only("date", |r| Cell::opt_text(r.notice.date.as_deref())),
        csv_only("region", |r| Cell::opt_text(r.notice.region.as_deref())),
        csv_only("year", |r| Cell::opt_int(r.notice.year)),
    ],
    constraints: &[],
};

/// One row per quantity of a record, in the record's order.
pub static QUANTITIES: Table<QuantityCell> = Table {
    name: "quantities",
    columns: &[
        col("record_id", "TEXT NOT NULL REFERENCES records(id)", |q| {
            Cell::text(q.record_id)
        }),
        col("position", "INTEGER NOT NULL", |q| Cell::count(q.index)),
        col("field", "TEXT", |q| Cell::opt_text(q.item.field.as_deref())),
        col("text", "TEXT NOT NULL", |q| Cell::text(&q.item.text)),
        col("span_start", "INTEGER NOT NULL", |q| {
            let [start, _] = q.item.span;
            Cell::count(start)
        }),
        col("span_end", "INTEGER NOT NULL", |q| {
            let [_, end] = q.item.span;
            Cell::count(end)
        }),
        col("value", "REAL NOT NULL", |q| Cell::quantity(q.item.value)),
        col("value_max", "REAL", |q| {
            q.item.value_max.map_or(Cell::Null, Cell::quantity)
        }),
        col("unit", "TEXT NOT NULL", |q| Cell::text(&q.item.unit)),
        col("dimension", "TEXT NOT NULL", |q| {
            Cell::serde_name(&q.item.dimension)
        }),
        col("normalized_value", "REAL NOT NULL", |q| {
            Cell::quantity(q.item.normalized.value)
        }),
        col("normalized_value_max", "REAL", |q| {
            q.item
                .normalized
                .value_max
                .map_or(Cell::Null, Cell::quantity)
        }),
        col("normalized_unit", "TEXT NOT NULL", |q| {
            Cell::text(&q.item.normalized.unit)
        }),
        col("qualifier", "TEXT NOT NULL", |q| {
            Cell::serde_name(&q.item.qualifier)
        }),
        col("object", "TEXT", |q| {
            Cell::opt_text(q.item.object.as_deref())
        }),
        col("action", "TEXT", |q| {
            Cell::opt_text(q.item.action.as_deref())
        }),
    ],
    constraints: &["PRIMARY KEY (record_id, position)"],
};

/// One row per milestone of a record, in the record's order.
pub static MILESTONES: Table<MilestoneCell> = Table {
    name: "milestones",
    columns: &[
        col("record_id", "TEXT NOT NULL REFERENCES records(id)", |m| {
            Cell::text(m.record_id)
        }),
        col("position", "INTEGER NOT NULL", |m| Cell::count(m.index)),
        col("period", "TEXT", |m| {
            Cell::opt_text(m.item.period.as_deref())
        }),
        col("label", "TEXT NOT NULL", |m| Cell::text(&m.item.label)),
        col("text", "TEXT NOT NULL", |m| Cell::text(&m.item.text)),
    ],
    constraints: &["PRIMARY KEY (record_id, position)"],
};

/// The indexes, after every table. Kept apart from the tables: an index
/// serves the queries people run, not the shape of a row.
pub const SQLITE_INDEXES: &str = "\
CREATE INDEX records_document ON records(document_id);
CREATE INDEX records_fingerprint ON records(fingerprint);
CREATE INDEX documents_notice ON documents(notice_id);
CREATE INDEX quantities_unit ON quantities(normalized_unit, dimension);
CREATE INDEX documents_region_year ON documents(region, year);
";

/// Each table's SQLite column names, in order: what a database this
/// version writes holds (checked before appending to one).
pub fn sqlite_columns() -> [(&'static str, Vec<String>); 4] {
    fn names<F>(t: &Table<F>) -> Vec<String> {
        t.sqlite_columns().map(|c| c.name.to_string()).collect()
    }
    [
        (DOCUMENTS.name, names(&DOCUMENTS)),
        (RECORDS.name, names(&RECORDS)),
        (QUANTITIES.name, names(&QUANTITIES)),
        (MILESTONES.name, names(&MILESTONES)),
    ]
}

/// The whole database schema: the tables (`documents` first, as the others
/// refer to it), then the indexes.
pub fn sqlite_schema() -> String {
    [
        DOCUMENTS.create_sql(),
        RECORDS.create_sql(),
        QUANTITIES.create_sql(),
        MILESTONES.create_sql(),
        SQLITE_INDEXES.to_string(),
    ]
    .concat()
}

#[cfg(test)]
mod tests {
    use super::*;
    use notice_extract::quantity::Number as QuantityNumber;

    #[test]
    fn cells_as_csv_writes_them() {
        let csv = |c: Cell| c.to_csv().into_owned();
        assert_eq!(csv(Cell::Null), "");
        assert_eq!(csv(Cell::Int(-3)), "-3");
        assert_eq!(
            csv(Cell::List(vec!["区住建委".into(), "区交通局".into()])),
            "区住建委；区交通局"
        );
        assert_eq!(csv(Cell::List(Vec::new())), "");
        assert_eq!(csv(Cell::Object(Map::new())), "", "no extra columns");
        let mut extra = Map::new();
        extra.insert("备注".into(), "新建".into());
        assert_eq!(csv(Cell::Object(extra)), r#"{"备注":"新建"}"#);
        // Numbers as the JSON output writes them.
        assert_eq!(csv(Cell::quantity(QuantityNumber(2_600_000.0))), "2600000");
        assert_eq!(csv(Cell::quantity(QuantityNumber(3.7))), "3.7");
        assert_eq!(csv(Cell::json_number(&Number::from(100u64))), "100");
        let parsed = Number::from_f64(100.0).expect("finite");
        assert_eq!(csv(Cell::json_number(&parsed)), "100.0");
    }

    #[test]
    fn a_number_json_cannot_write_keeps_its_value_for_sqlite() {
        let c = Cell::quantity(QuantityNumber(f64::INFINITY));
        assert_eq!(c.to_csv(), "");
        assert_eq!(
            c.to_sql().expect("a value"),
            ToSqlOutput::Owned(Value::Real(f64::INFINITY))
        );
    }

    #[test]
    fn lists_and_objects_are_json_in_sqlite() {
        let sql = |c: &Cell| match c.to_sql().expect("a value") {
            ToSqlOutput::Owned(Value::Text(s)) => s,
            other => panic!("{other:?}"),
        };
        assert_eq!(sql(&Cell::List(vec!["target".into()])), r#"["target"]"#);
        assert_eq!(sql(&Cell::List(Vec::new())), "[]");
        assert_eq!(sql(&Cell::Object(Map::new())), "{}");
    }

    /// The names of a table's columns in one output, each once.
    fn unique(names: Vec<&'static str>) -> Vec<&'static str> {
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len(), "a name twice in {names:?}");
        names
    }

    fn sqlite_names<F>(t: &Table<F>) -> Vec<&'static str> {
        unique(t.sqlite_columns().map(|c| c.name).collect())
    }

    #[test]
    fn the_schema_creates_every_column_and_inserts_fill_them() {
        let conn = rusqlite::Connection::open_in_memory().expect("opens");
        conn.execute_batch(&sqlite_schema()).expect("schema");
        let declared = |table: &str| -> Vec<String> {
            let mut st = conn
                .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
                .expect("pragma");
            st.query_map([], |r| r.get(0))
                .expect("rows")
                .collect::<rusqlite::Result<_>>()
                .expect("names")
        };
        let cases = [
            (
                DOCUMENTS.name,
                sqlite_names(&DOCUMENTS),
                DOCUMENTS.insert_sql(),
            ),
            (RECORDS.name, sqlite_names(&RECORDS), RECORDS.insert_sql()),
            (
                QUANTITIES.name,
                sqlite_names(&QUANTITIES),
                QUANTITIES.insert_sql(),
            ),
            (
                MILESTONES.name,
                sqlite_names(&MILESTONES),
                MILESTONES.insert_sql(),
            ),
        ];
        for (table, names, insert) in cases {
            assert_eq!(declared(table), names, "{table}");
            let st = conn.prepare(&insert).expect("insert prepares");
            assert_eq!(st.parameter_count(), names.len(), "{table}");
        }
        for header in [
            RECORDS.csv_header(),
            QUANTITIES.csv_header(),
            MILESTONES.csv_header(),
        ] {
            unique(header);
        }
        assert!(DOCUMENTS.csv_header().is_empty(), "documents: SQLite only");
    }
}
