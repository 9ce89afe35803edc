//! A table's body rows into records: section rows, rows that continue the
//! project above (merged cells), sequence-number checks, and each cell into
//! its field.

use super::checks::{check_counts, check_totals};
use super::columns::{col_name, map_columns, parse_amount, Col};
use super::*;
use crate::model::WarningCode;
use crate::model::{Origin, Row, Table, Warning};
use crate::record::*;
use crate::text::{ascii_digits, clean, undouble};
use crate::vocab::dates;
use crate::vocab::headers::{self, Field};
use crate::vocab::projects::{category_in, STATUS_WORDS};
use serde_json::Value;

/// The sequence number a name cell starts with (`1.老旧小区改造`, `（2）`,
/// `3、`), and the name without it, for tables that give the number no
/// column of its own. `1.5万人` is a quantity, not a number and a name.
pub(super) fn seq_in_name(name: &str) -> Option<(String, String)> {
    use crate::layout::outline::{leading_marker, Style};
    let m = leading_marker(name)?;
    if !matches!(m.style, Style::ArabicDot | Style::ArabicParen) {
        return None;
    }
    let rest = name.get(m.words..)?.trim();
    (!rest.is_empty()).then(|| (m.number, rest.to_string()))
}

pub(super) fn is_section_row(row: &Row) -> bool {
    let first = row.cells.first();
    let spans = row
        .cells
        .get(1)
        .is_some_and(|c| matches!(c.origin, Origin::ColSpan { col: 0 }));
    first.is_some_and(|c| {
        !c.is_empty() && (spans || crate::vocab::sections::is_section_heading(&c.text))
    }) && (spans || row.cells.iter().skip(1).all(|c| c.is_empty()))
}

pub(super) struct TableRun<'a> {
    pub(super) table: &'a Table,
    pub(super) index: usize,
    pub(super) title: Option<String>,
    pub(super) attachment: Option<String>,
    /// Unit noted above the table, for numeric columns whose header names none.
    pub(super) unit: Option<String>,
    pub(super) year: Option<i32>,
    pub(super) src: &'a SourceInfo,
}

/// Per-project state while walking a table's rows.
struct Project {
    seq: Option<String>,
    name: Option<String>,
    part: u32,
}

/// A table's columns as the row walk reads them.
struct Columns {
    /// The leaf header text of each column.
    leaves: Vec<String>,
    cols: Vec<Col>,
    /// The unit of each column's bare numbers: its header's note, else the
    /// note above the table.
    header_unit: Vec<Option<String>>,
    seq: Option<usize>,
    name: Option<usize>,
    subproject: Option<usize>,
}

impl Columns {
    fn position(&self, f: Field) -> Option<usize> {
        self.cols.iter().position(|c| *c == Col::Field(f))
    }
}

/// What the walk carries from row to row.
#[derive(Default)]
struct Walk {
    records: Vec<Record>,
    sections: Vec<SectionInfo>,
    /// The section row above, as printed.
    section: Option<String>,
    project: Option<Project>,
    /// The cells of the last record's row, as read (for rows that continue it).
    prev_texts: Option<Vec<String>>,
    last_seq: Option<u64>,
}

/// A body row's cells as read, with the columns whose values came from the
/// rows above (merged cells, or cells a continuation row leaves blank).
struct RowTexts {
    texts: Vec<String>,
    inherited_cols: Vec<usize>,
}

impl TableRun<'_> {
    /// Walks the body rows: section rows open sections, every other row
    /// that names something becomes a record.
    pub(super) fn run(self, warnings: &mut Vec<Warning>) -> (TableInfo, Vec<Record>) {
        let t = self.table;
        let columns = self.columns();
        let has_core = columns
            .cols
            .iter()
            .any(|c| matches!(c, Col::Field(Field::Name) | Col::Field(Field::Target)));
        let mut walk = Walk::default();
        let body = t.rows.iter().enumerate().skip(t.header_rows);
        for (ri, row) in body.filter(|_| has_core) {
            if row.cells.iter().all(|c| c.is_empty()) {
                continue;
            }
            if is_section_row(row) {
                let section = self.section(row, &columns);
                walk.section = Some(section.title.clone());
                walk.sections.push(section);
                walk.project = None;
                walk.prev_texts = None;
                continue;
            }
            self.body_row(ri, row, &columns, &mut walk, warnings);
        }
        self.finish(columns, walk, warnings)
    }

    fn columns(&self) -> Columns {
        let (leaves, cols) = map_columns(self.table);
        let header_unit = leaves
            .iter()
            .map(|h| headers::split_note(h).1.or_else(|| self.unit.clone()))
            .collect();
        let mut columns = Columns {
            leaves,
            cols,
            header_unit,
            seq: None,
            name: None,
            subproject: None,
        };
        columns.seq = columns.position(Field::Seq);
        columns.name = columns.position(Field::Name);
        columns.subproject = columns.cols.iter().position(|c| *c == Col::Subproject);
        columns
    }

    /// A section row: its label, the count it announces, its printed total.
    fn section(&self, row: &Row, columns: &Columns) -> SectionInfo {
        let label = row
            .cells
            .first()
            .map(|c| clean(&c.text))
            .unwrap_or_default();
        let total = columns.position(Field::Investment).and_then(|i| {
            let cell = row.cells.get(i)?;
            if cell.origin != Origin::Own {
                return None;
            }
            parse_amount(&cell.text, columns.header_unit.get(i)?.as_deref())
        });
        let folded = crate::text::fold(&label);
        let announced = ANNOUNCED
            .as_ref()
            .and_then(|r| r.captures(&folded))
            .and_then(|c| c.get(1)?.as_str().parse().ok());
        SectionInfo {
            title: label,
            announced,
            projects: 0,
            rows: 0,
            total,
        }
    }

    /// One body row into a record, unless it names nothing.
    fn body_row(
        &self,
        ri: usize,
        row: &Row,
        columns: &Columns,
        walk: &mut Walk,
        warnings: &mut Vec<Warning>,
    ) {
        let Some(RowTexts {
            texts,
            inherited_cols,
        }) = row_texts(row, columns, walk)
        else {
            return;
        };
        let Some((seq, name)) = self.key(ri, &texts, &inherited_cols, columns, warnings) else {
            return;
        };
        let continues = walk.project.as_ref().is_some_and(|p| {
            let seq_inh = columns.seq.is_some_and(|c| inherited_cols.contains(&c));
            let name_inh = columns.name.is_some_and(|c| inherited_cols.contains(&c));
            // A row under a sequence number spanned down from above is
            // part of that project even when it names its own item.
            (seq_inh && seq.is_some() && p.seq == seq)
                || (name_inh && p.seq == seq && p.name == name)
        });
        let part = self.place(ri, &seq, &name, continues, walk, warnings);
        let mut rec = self.src.record(self.table.layout, self.index, ri, row.line);
        rec.table_title = self.title.clone();
        rec.attachment = self.attachment.clone();
        rec.section = walk.section.clone();
        rec.seq = seq;
        rec.name = name;
        rec.part = part;
        self.fill(
            ri,
            row,
            &texts,
            &inherited_cols,
            columns,
            &mut rec,
            warnings,
        );
        if rec.category.is_none() {
            rec.category = walk
                .section
                .as_deref()
                .and_then(category_in)
                .or_else(|| self.title.as_deref().and_then(category_in))
                .map(str::to_string);
        }
        walk.prev_texts = Some(texts);
        walk.records.push(rec);
    }

    /// The row's sequence number and name; `None` for a row that names
    /// nothing, even with what it continues from above (a second header row
    /// read as data, an exporter's row of stray pipes, a row cut off after
    /// its number): no project and no part of one.
    fn key(
        &self,
        ri: usize,
        texts: &[String],
        inherited_cols: &[usize],
        columns: &Columns,
        warnings: &mut Vec<Warning>,
    ) -> Option<(Option<String>, Option<String>)> {
        let text_of = |c: Option<usize>| c.and_then(|i| texts.get(i));
        let seq = text_of(columns.seq).and_then(|s| opt_text(s));
        let mut raw_name = text_of(columns.name).cloned().unwrap_or_default();
        let seq = match (columns.seq, seq_in_name(&raw_name)) {
            (None, Some((n, rest))) => {
                raw_name = rest;
                Some(n)
            }
            _ => seq,
        };
        let name = match undouble(&raw_name) {
            Some(single) => {
                if !inherited_cols.contains(&columns.name.unwrap_or(usize::MAX)) {
                    warnings.push(self.warning(
                        WarningCode::NameDoubled,
                        format!("name printed twice, kept once: {single}"),
                        ri,
                    ));
                }
                Some(single)
            }
            None => opt_text(&raw_name).map(|n| clean(&n)),
        };
        let target = text_of(columns.position(Field::Target)).and_then(|t| opt_text(t));
        let subproject = text_of(columns.subproject).and_then(|t| opt_text(t));
        if name.is_none() && target.is_none() && subproject.is_none() {
            return None;
        }
        Some((seq, name))
    }

    /// The row's part number in its project: the next part of the project
    /// above when it continues it, else 1 for a new project, whose sequence
    /// number is checked against the last (repeats and gaps flagged, the
    /// number kept as printed).
    fn place(
        &self,
        ri: usize,
        seq: &Option<String>,
        name: &Option<String>,
        continues: bool,
        walk: &mut Walk,
        warnings: &mut Vec<Warning>,
    ) -> u32 {
        if let Some(s) = walk.sections.last_mut() {
            s.rows += 1;
        }
        if let Some(p) = walk.project.as_mut().filter(|_| continues) {
            p.part += 1;
            return p.part;
        }
        walk.project = Some(Project {
            seq: seq.clone(),
            name: name.clone(),
            part: 1,
        });
        if let Some(n) = seq
            .as_deref()
            .and_then(|s| ascii_digits(s).parse::<u64>().ok())
        {
            if let Some(w) = walk.last_seq.and_then(|prev| seq_warning(prev, n)) {
                warnings.push(self.warning(w.0, w.1, ri));
            }
            walk.last_seq = Some(n);
        }
        if let Some(s) = walk.sections.last_mut() {
            s.projects += 1;
        }
        1
    }

    /// Each cell of the row into its field; the fields whose values came
    /// from above are marked `inherited`.
    #[allow(clippy::too_many_arguments)]
    fn fill(
        &self,
        ri: usize,
        row: &Row,
        texts: &[String],
        inherited_cols: &[usize],
        columns: &Columns,
        rec: &mut Record,
        warnings: &mut Vec<Warning>,
    ) {
        let mut inherited: Vec<FieldRef> = Vec::new();
        for (c, col) in columns.cols.iter().enumerate() {
            let text = texts.get(c).map(String::as_str).unwrap_or("");
            let header = columns.leaves.get(c).cloned().unwrap_or_default();
            let unit = columns.header_unit.get(c).and_then(|u| u.as_deref());
            let filled = self.cell(ri, row, c, col, text, &header, unit, rec, warnings);
            if inherited_cols.contains(&c) && filled {
                let name = match col {
                    Col::Extra => FieldRef::Extra(header),
                    other => FieldRef::Field(col_name(other)),
                };
                if !inherited.contains(&name) {
                    inherited.push(name);
                }
            }
        }
        // Cells past the header's width (flagged by the reader) are kept.
        for (c, text) in texts.iter().enumerate().skip(columns.cols.len()) {
            if let Some(v) = opt_text(text) {
                rec.extra.insert(format!("列{}", c + 1), Value::String(v));
            }
        }
        // A 完成情况 cell that is only a status word is the status.
        if rec.status.is_none()
            && rec
                .result
                .as_deref()
                .is_some_and(|r| STATUS_WORDS.contains(&r))
        {
            rec.status = rec.result.take();
            if let Some(x) = inherited.iter_mut().find(|x| **x == RecordField::Result) {
                *x = FieldRef::Field(RecordField::Status);
            }
        }
        rec.source.inherited = inherited;
    }

    /// One cell into its field. Returns whether the cell gave the field a
    /// value (an empty milestone, extra or spanned subproject cell does not).
    #[allow(clippy::too_many_arguments)]
    fn cell(
        &self,
        ri: usize,
        row: &Row,
        c: usize,
        col: &Col,
        text: &str,
        header: &str,
        unit: Option<&str>,
        rec: &mut Record,
        warnings: &mut Vec<Warning>,
    ) -> bool {
        let keep = |rec: &mut Record| {
            rec.extra
                .insert(header.to_string(), Value::String(clean(text)));
        };
        match col {
            Col::Field(Field::Seq) | Col::Field(Field::Name) => {}
            // A number under a units header (`100`, `55.6`) is a column the
            // page lost, not a unit: kept in `extra`.
            Col::Field(Field::LeadUnits | Field::PartnerUnits | Field::ResponsibleUnits)
                if !units::names_any(text) =>
            {
                keep(rec);
                warnings.push(self.warning(
                    WarningCode::UnitsNotNames,
                    format!(
                        "{:?} under {header:?} names no unit; kept in extra",
                        clean(text)
                    ),
                    ri,
                ));
            }
            Col::Field(Field::LeadUnits) => rec.lead_units = units::split_units(text),
            Col::Field(Field::PartnerUnits) | Col::Field(Field::ResponsibleUnits) => {
                rec.partner_units = units::split_units(text)
            }
            Col::Field(Field::Target) => rec.target = opt_text(text),
            Col::Field(Field::Deadline) => {
                let parsed = dates::parse_deadline(text, self.year);
                // `9月投入使用`: the month is the deadline, and the cell's
                // words are kept too.
                if parsed.as_ref().is_some_and(|(_, more)| *more) {
                    keep(rec);
                }
                rec.deadline = parsed.map(|(month, _)| month);
                if rec.deadline.is_none() && opt_text(text).is_some() {
                    keep(rec);
                    warnings.push(self.warning(
                        WarningCode::DeadlineUnparsed,
                        format!("deadline {:?} names no month; kept in extra", clean(text)),
                        ri,
                    ));
                }
            }
            Col::Field(Field::Category) => {
                rec.category =
                    opt_text(text).map(|v| category_in(&v).map(str::to_string).unwrap_or(v))
            }
            Col::Field(Field::Notes) => rec.notes = opt_text(text),
            Col::Field(Field::Investment) => {
                rec.investment = parse_amount(text, unit);
                if rec.investment.is_none() && opt_text(text).is_some() {
                    keep(rec);
                }
            }
            Col::Field(Field::Milestone) => {
                let Some(tx) = opt_text(text) else {
                    return false;
                };
                rec.milestones.push(Milestone {
                    period: dates::parse_period(header, self.year),
                    label: header.to_string(),
                    text: tx,
                });
            }
            Col::Field(Field::Progress) => rec.progress = opt_text(text),
            Col::Field(Field::Result) => rec.result = opt_text(text),
            Col::Field(Field::Status) => rec.status = opt_text(text),
            Col::Subproject => {
                let own = row
                    .cells
                    .get(c)
                    .is_some_and(|x| !matches!(x.origin, Origin::ColSpan { .. }));
                rec.subproject = if own {
                    opt_text(text).map(|s| clean(&s))
                } else {
                    None
                };
                return own;
            }
            Col::Extra => {
                let Some(v) = opt_text(text) else {
                    return false;
                };
                let key = if header.is_empty() {
                    format!("列{}", c + 1)
                } else {
                    header.to_string()
                };
                rec.extra.insert(key, Value::String(v));
            }
        }
        true
    }

    /// The table's description, after its rows: sections checked against
    /// their announced counts and printed totals.
    fn finish(
        self,
        columns: Columns,
        walk: Walk,
        warnings: &mut Vec<Warning>,
    ) -> (TableInfo, Vec<Record>) {
        check_counts(&walk.sections, self.index, warnings);
        check_totals(&walk.sections, &walk.records, self.index, warnings);
        let projects = walk.records.iter().filter(|r| r.part == 1).count();
        let info = TableInfo {
            index: self.index,
            kind: TableKind::Table,
            layout: self.table.layout,
            title: self.title,
            attachment: self.attachment,
            header: columns.leaves,
            fields: columns.cols.iter().map(col_name).collect(),
            rows: self.table.body().len(),
            records: walk.records.len(),
            projects,
            sections: walk.sections,
        };
        (info, walk.records)
    }

    fn warning(&self, code: WarningCode, message: String, row: usize) -> Warning {
        Warning::new(code, message).at_table(self.index, Some(row))
    }
}

/// A body row's cells as read, or `None` for a header row repeated on a new
/// page. Rows whose leading cells are empty continue the project above (a
/// merged cell exported as blanks), and a row that leaves its number and
/// name blank, wherever those columns sit, and prints only units, a date or
/// a target is the next row of the project above, not a project named after
/// them: their cells are copied from the row above and marked inherited.
fn row_texts(row: &Row, columns: &Columns, walk: &Walk) -> Option<RowTexts> {
    let mut texts: Vec<String> = row.cells.iter().map(|c| c.text.clone()).collect();
    if texts
        .iter()
        .map(|x| clean(x))
        .eq(columns.leaves.iter().cloned())
    {
        return None;
    }
    let mut inherited_cols: Vec<usize> = row
        .cells
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c.origin, Origin::RowSpan { .. }))
        .map(|(i, _)| i)
        .collect();
    let (seq_col, name_col) = (columns.seq, columns.name);
    let lead_empty = row
        .cells
        .iter()
        .take_while(|c| c.origin == Origin::Own && c.is_empty())
        .count();
    let covers = |c: Option<usize>| c.is_none_or(|c| c < lead_empty);
    let blank = |c: Option<usize>| {
        c.is_none_or(|c| {
            row.cells
                .get(c)
                .is_none_or(|x| x.origin == Origin::Own && x.is_empty())
        })
    };
    let leading_blanks = lead_empty > 0 && covers(seq_col) && covers(name_col);
    let keyless = (seq_col.is_some() || name_col.is_some())
        && blank(seq_col)
        && blank(name_col)
        && !leading_blanks;
    if let (Some(_), Some(prev)) = (&walk.project, &walk.prev_texts) {
        let copied: Vec<usize> = if leading_blanks {
            (0..lead_empty).collect()
        } else if keyless {
            seq_col.into_iter().chain(name_col).collect()
        } else {
            Vec::new()
        };
        for i in copied {
            if let (Some(slot), Some(p)) = (texts.get_mut(i), prev.get(i)) {
                *slot = p.clone();
            }
            inherited_cols.push(i);
        }
    }
    Some(RowTexts {
        texts,
        inherited_cols,
    })
}

/// The warning a sequence number `n` after `prev` calls for: printed twice,
/// numbers skipped, or out of order (a restart at 1 is a new list).
fn seq_warning(prev: u64, n: u64) -> Option<(WarningCode, String)> {
    if n == prev {
        Some((
            WarningCode::SeqDuplicate,
            format!("sequence number {n} printed twice"),
        ))
    } else if n > prev + 1 {
        let gap = if n == prev + 2 {
            format!("sequence number {} skipped", prev + 1)
        } else {
            format!("sequence numbers {}–{} skipped", prev + 1, n - 1)
        };
        Some((WarningCode::SeqSkipped, gap))
    } else if n < prev && n != 1 {
        Some((
            WarningCode::SeqOrder,
            format!("sequence number {n} after {prev}"),
        ))
    } else {
        None
    }
}
