//! XLSX and ODS workbooks (calamine) into the intermediate model: each sheet
//! is split on blank rows into tables, merged ranges are resolved, numbers
//! are shown as the sheet shows them (2000, not 2000.0), date cells become
//! ISO dates. Rows holding one lone cell around a table (a title, 附件1) are
//! paragraphs, as they would be on the page.

use super::zipguard::{self, Archive};
use crate::error::Error;
use crate::model::{Block, Cell, Document, Origin, Paragraph, Row, Table, Warning};
use calamine::{Data, Reader};
use std::io::Cursor;

/// Most cells a sheet may span (rows × columns of its used range). One
/// far-away cell (XFD1048576) would otherwise make calamine allocate a dense
/// grid of 17 billion cells.
pub const MAX_SHEET_CELLS: u64 = 5_000_000;

/// Column and row (0-based) of an A1 reference.
fn a1(r: &str) -> Option<(u64, u64)> {
    let letters: String = r.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let digits = r.get(letters.len()..)?;
    let mut col: u64 = 0;
    for c in letters.chars() {
        col = col
            .checked_mul(26)?
            .checked_add(u64::from(c.to_ascii_uppercase() as u8).checked_sub(b'A' as u64)? + 1)?;
    }
    let row: u64 = digits.parse().ok()?;
    Some((row.checked_sub(1)?, col.checked_sub(1)?))
}

/// Checks every worksheet's extent from its cell references, before calamine
/// builds any grid.
fn check_extents(z: &mut Archive, path: &str) -> Result<(), Error> {
    let sheets: Vec<String> = zipguard::names(z)
        .into_iter()
        .filter(|n| n.starts_with("xl/worksheets/") && n.ends_with(".xml"))
        .collect();
    for name in sheets {
        let Some(xml) = zipguard::read_member(z, &name, path)? else {
            continue;
        };
        let (mut max_r, mut max_c) = (0u64, 0u64);
        let text = String::from_utf8_lossy(&xml);
        for part in text.split(" r=\"").skip(1) {
            let Some(end) = part.find('"') else { continue };
            if let Some((r, c)) = part.get(..end).and_then(a1) {
                max_r = max_r.max(r);
                max_c = max_c.max(c);
            }
        }
        let cells = (max_r + 1).saturating_mul(max_c + 1);
        if cells > MAX_SHEET_CELLS {
            return Err(Error::Limit {
                path: path.into(),
                what: format!("{name} spans {} rows × {} columns", max_r + 1, max_c + 1),
                limit: format!("{MAX_SHEET_CELLS} cells per sheet (MAX_SHEET_CELLS)"),
            });
        }
    }
    Ok(())
}

/// A number as a person reads it in the sheet.
fn number(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        // Shortest representation that round-trips, without float noise.
        let s = format!("{f}");
        match s.parse::<f64>() {
            Ok(_) if s.len() > 17 => format!("{:.10}", f)
                .trim_end_matches('0')
                .trim_end_matches('.')
                .to_string(),
            _ => s,
        }
    }
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::String(s) => crate::text::clean_multiline(s),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, mo, d, h, mi, _, _) = dt.to_ymd_hms_milli();
            if (h, mi) == (0, 0) {
                format!("{y:04}-{mo:02}-{d:02}")
            } else {
                format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}")
            }
        }
        Data::DateTime(dt) => number(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(_) | Data::Empty => String::new(),
    }
}

/// Blocks of one sheet: its grid (merges resolved) cut at blank rows.
fn sheet_blocks(grid: Vec<Vec<Cell>>, out: &mut Vec<Block>) {
    let is_blank = |r: &Vec<Cell>| r.iter().all(|c| c.text.trim().is_empty());
    let mut i = 0;
    while i < grid.len() {
        if grid.get(i).is_some_and(is_blank) {
            i += 1;
            continue;
        }
        let start = i;
        while grid.get(i).is_some_and(|r| !is_blank(r)) {
            i += 1;
        }
        let mut rows: Vec<Vec<Cell>> = grid.get(start..i).map(<[_]>::to_vec).unwrap_or_default();
        // Lone cells above and below a table are the page's paragraphs.
        let lone = |r: &Vec<Cell>| {
            r.iter().filter(|c| !c.text.trim().is_empty()).count() == 1
                && r.iter().all(|c| c.origin == Origin::Own)
        };
        let mut lead = Vec::new();
        while rows.len() > 1 && rows.first().is_some_and(lone) {
            lead.push(rows.remove(0));
        }
        let mut trail = Vec::new();
        while rows.len() > 1 && rows.last().is_some_and(lone) {
            if let Some(r) = rows.pop() {
                trail.insert(0, r);
            }
        }
        let para = |r: &Vec<Cell>| {
            r.iter()
                .find(|c| !c.text.trim().is_empty())
                .map(|c| crate::text::clean(&c.text))
        };
        for r in &lead {
            if let Some(t) = para(r) {
                out.push(Block::Paragraph(Paragraph {
                    text: t,
                    line: None,
                }));
            }
        }
        if rows.len() == 1 && rows.first().is_some_and(lone) {
            if let Some(t) = rows.first().and_then(para) {
                out.push(Block::Paragraph(Paragraph {
                    text: t,
                    line: None,
                }));
            }
        } else if !rows.is_empty() {
            // Row-span origins were absolute within the sheet.
            for r in &mut rows {
                for c in r.iter_mut() {
                    if let Origin::RowSpan { row } = c.origin {
                        c.origin = match row.checked_sub(start + lead.len()) {
                            Some(rel) => Origin::RowSpan { row: rel },
                            None => Origin::Own,
                        };
                    }
                }
            }
            let width = rows
                .iter()
                .filter_map(|r| r.iter().rposition(|c| !c.text.trim().is_empty()))
                .max()
                .map_or(0, |c| c + 1);
            let mut t = Table {
                width,
                header_rows: 0,
                rows: rows
                    .into_iter()
                    .map(|mut r| {
                        r.truncate(width);
                        Row {
                            cells: r,
                            line: None,
                        }
                    })
                    .collect(),
                layout: "xlsx_table".into(),
            };
            for caption in super::take_captions(&mut t) {
                out.push(Block::Paragraph(Paragraph {
                    text: caption,
                    line: None,
                }));
            }
            t.header_rows = super::header_depth(&t);
            out.push(Block::Table(t));
        }
        for r in &trail {
            if let Some(t) = para(r) {
                out.push(Block::Paragraph(Paragraph {
                    text: t,
                    line: None,
                }));
            }
        }
    }
}

/// Merged regions per sheet, as (top, left, bottom, right), 0-based.
type Merges = std::collections::HashMap<String, Vec<(u32, u32, u32, u32)>>;

/// Merged regions of an ODS workbook, from its `content.xml`: calamine does
/// not report them. A cell's `number-columns-spanned`/`number-rows-spanned`
/// make the region; `number-*-repeated` only advance the position.
fn ods_merges(z: &mut Archive, path: &str) -> Result<Merges, Error> {
    use quick_xml::events::Event;
    let Some(xml) = zipguard::read_member(z, "content.xml", path)? else {
        return Ok(Merges::new());
    };
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let mut buf = Vec::new();
    let mut out = Merges::new();
    let (mut sheet, mut row, mut col, mut row_rep) = (String::new(), 0u32, 0u32, 1u32);
    let num = |e: &quick_xml::events::BytesStart, key: &[u8]| -> u32 {
        e.attributes()
            .flatten()
            .find(|a| a.key.local_name().as_ref() == key)
            .and_then(|a| a.unescape_value().ok()?.parse().ok())
            .unwrap_or(1)
    };
    loop {
        let ev = reader
            .read_event_into(&mut buf)
            .map_err(|e| Error::Malformed {
                path: path.into(),
                reason: format!("content.xml: {e}"),
            })?;
        match ev {
            Event::Eof => break,
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                match e.local_name().as_ref() {
                    b"table" => {
                        sheet = e
                            .attributes()
                            .flatten()
                            .find(|a| a.key.local_name().as_ref() == b"name")
                            .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
                            .unwrap_or_default();
                        row = 0;
                    }
                    b"table-row" => {
                        col = 0;
                        row_rep = num(e, b"number-rows-repeated");
                        if empty {
                            row = row.saturating_add(row_rep);
                        }
                    }
                    b"table-cell" | b"covered-table-cell" => {
                        let (cs, rs) = (
                            num(e, b"number-columns-spanned"),
                            num(e, b"number-rows-spanned"),
                        );
                        if e.local_name().as_ref() == b"table-cell" && (cs > 1 || rs > 1) {
                            out.entry(sheet.clone()).or_default().push((
                                row,
                                col,
                                row.saturating_add(rs - 1),
                                col.saturating_add(cs - 1),
                            ));
                        }
                        col = col.saturating_add(num(e, b"number-columns-repeated"));
                    }
                    _ => {}
                }
            }
            Event::End(ref e) if e.local_name().as_ref() == b"table-row" => {
                row = row.saturating_add(row_rep)
            }
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

/// Reads a workbook's bytes (XLSX or ODS) that passed the zip budget.
pub fn read(bytes: &[u8], z: &mut Archive, path: &str) -> Result<Document, Error> {
    check_extents(z, path)?;
    let ods = if zipguard::names(z).iter().any(|n| n == "content.xml") {
        Some(ods_merges(z, path)?)
    } else {
        None
    };
    read_workbook(bytes, path, ods)
}

/// Reads a legacy Excel 97-2003 workbook (.xls). Its format bounds a sheet
/// at 65,536 × 256 cells, which calamine may allocate before we can look;
/// sheets past [`MAX_SHEET_CELLS`] are then skipped with a warning.
pub fn read_xls(bytes: &[u8], path: &str) -> Result<Document, Error> {
    read_workbook(bytes, path, None)
}

fn read_workbook(bytes: &[u8], path: &str, ods: Option<Merges>) -> Result<Document, Error> {
    let mut wb =
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).map_err(|e| {
            Error::Malformed {
                path: path.into(),
                reason: format!("workbook: {e}"),
            }
        })?;
    let mut blocks = Vec::new();
    let mut warnings = Vec::new();
    for name in wb.sheet_names() {
        let range = match wb.worksheet_range(&name) {
            Ok(r) => r,
            Err(e) => {
                warnings.push(Warning::new(
                    "sheet_unreadable",
                    format!("sheet {name:?}: {e}"),
                ));
                continue;
            }
        };
        let (h, w) = range.get_size();
        if (h as u64).saturating_mul(w as u64) > MAX_SHEET_CELLS {
            warnings.push(Warning::new(
                "sheet_too_large",
                format!("sheet {name:?} spans {h} rows × {w} columns, past MAX_SHEET_CELLS = {MAX_SHEET_CELLS}; skipped"),
            ));
            continue;
        }
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut grid: Vec<Vec<Cell>> = range
            .rows()
            .map(|row| row.iter().map(|d| Cell::own(cell_text(d))).collect())
            .collect();
        let merges = match &mut wb {
            calamine::Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            calamine::Sheets::Xls(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            _ => ods
                .as_ref()
                .and_then(|m| m.get(&name))
                .map(|v| {
                    v.iter()
                        .map(|&(t, l, b, r)| calamine::Dimensions {
                            start: (t, l),
                            end: (b, r),
                        })
                        .collect()
                })
                .unwrap_or_default(),
        };
        for m in merges {
            let (Some(top), Some(left)) = (m.start.0.checked_sub(r0), m.start.1.checked_sub(c0))
            else {
                continue;
            };
            let (bottom, right) = (m.end.0.saturating_sub(r0), m.end.1.saturating_sub(c0));
            let (top, left, bottom, right) =
                (top as usize, left as usize, bottom as usize, right as usize);
            let text = grid
                .get(top)
                .and_then(|r| r.get(left))
                .map(|c| c.text.clone())
                .unwrap_or_default();
            for r in top..=bottom.min(grid.len().saturating_sub(1)) {
                let Some(row) = grid.get_mut(r) else { break };
                for c in left..=right.min(row.len().saturating_sub(1)) {
                    if r == top && c == left {
                        continue;
                    }
                    if let Some(cell) = row.get_mut(c) {
                        *cell = Cell {
                            text: text.clone(),
                            origin: if r > top {
                                Origin::RowSpan { row: top }
                            } else {
                                Origin::ColSpan { col: left }
                            },
                        };
                    }
                }
            }
        }
        sheet_blocks(grid, &mut blocks);
    }
    Ok(super::finish(Document {
        layout: "xlsx".into(),
        blocks,
        metadata: Vec::new(),
        warnings,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_and_dates() {
        assert_eq!(a1("A1"), Some((0, 0)));
        assert_eq!(a1("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(a1("1A"), None);
        let dt =
            calamine::ExcelDateTime::new(45351.0, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(cell_text(&Data::DateTime(dt)), "2024-02-29");
        assert_eq!(number(2000.0), "2000");
        assert_eq!(number(34.55), "34.55");
        assert_eq!(number(0.1 + 0.2), "0.3");
    }
}
