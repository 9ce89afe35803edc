//! XLSX and ODS workbooks (calamine) into the intermediate model: each sheet
//! is split on blank rows into tables, merged ranges are resolved, numbers
//! are shown as the sheet shows them (2000, not 2000.0), date cells become
//! ISO dates. Rows holding one lone cell around a table (a title, 附件1) are
//! paragraphs, as they would be on the page.

use super::zipguard::{self, Archive};
use crate::error::{Error, Location};
use crate::model::WarningCode;
use crate::model::{Block, Cell, Document, Origin, Paragraph, Row, Table, Warning};
use calamine::{Data, Reader};
use quick_xml::escape::unescape;
use std::borrow::Cow;
use std::io::Cursor;

/// Most cells a sheet may span (rows × columns of its used range). One
/// far-away cell (XFD1048576) would otherwise make calamine allocate a dense
/// grid of 17 billion cells.
pub const MAX_SHEET_CELLS: u64 = 5_000_000;

/// Rows of an Excel sheet (1,048,576): no cell reference may name a row past it.
pub const MAX_SHEET_ROWS: u64 = 1_048_576;
/// Columns of an Excel sheet (16,384, column XFD): no cell reference may
/// name a column past it.
pub const MAX_SHEET_COLUMNS: u64 = 16_384;
/// Letters of the last column's name (XFD).
const MAX_COLUMN_LETTERS: usize = 3;
/// Digits of the last row's number (1048576).
const MAX_ROW_DIGITS: usize = 7;
/// Characters of a bad reference quoted in an error.
const MAX_QUOTED_REF_CHARS: usize = 24;

/// A reference as quoted in an error: at most [`MAX_QUOTED_REF_CHARS`] characters.
fn quoted(r: &str) -> String {
    let mut q: String = r.chars().take(MAX_QUOTED_REF_CHARS).collect();
    if r.chars().nth(MAX_QUOTED_REF_CHARS).is_some() {
        q.push('…');
    }
    q
}

/// Checks the letters and digits a cell reference starts with (`AB12`, or
/// `12` for a row) against Excel's sheet size, before calamine, which
/// accumulates them in a `u32` without overflow checks, reads them. What
/// follows them (a `$`, junk) calamine rejects with an error of its own.
/// Returns the 1-based (column, row) when the reference is letters then
/// digits and nothing else.
fn check_ref(r: &str) -> Result<Option<(u64, u64)>, String> {
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
    let digits = r
        .bytes()
        .skip(letters)
        .take_while(u8::is_ascii_digit)
        .count();
    let (Some(col_part), Some(row_part)) = (r.get(..letters), r.get(letters..letters + digits))
    else {
        return Ok(None);
    };
    let col = col_part.bytes().try_fold(0u64, |acc, b| {
        acc.checked_mul(26)?
            .checked_add(u64::from(b.to_ascii_uppercase().checked_sub(b'A')?) + 1)
    });
    if letters > MAX_COLUMN_LETTERS || col.is_none_or(|c| c > MAX_SHEET_COLUMNS) {
        return Err(format!(
            "cell reference {} names a column past XFD ({MAX_SHEET_COLUMNS} columns, MAX_SHEET_COLUMNS)",
            quoted(r)
        ));
    }
    let row = row_part.parse::<u64>().ok();
    if digits > MAX_ROW_DIGITS || (digits > 0 && row.is_none_or(|n| n > MAX_SHEET_ROWS)) {
        return Err(format!(
            "cell reference {} names a row past {MAX_SHEET_ROWS} (MAX_SHEET_ROWS)",
            quoted(r)
        ));
    }
    let whole = letters > 0 && digits > 0 && letters + digits == r.len();
    Ok(match (whole, col, row) {
        (true, Some(c), Some(n)) => Some((c, n)),
        _ => None,
    })
}

/// Checks a range (`A1:C5`, or one cell): each end as [`check_ref`], and
/// its end not before its start (calamine subtracts start from end).
fn check_range(what: &str, r: &str) -> Result<(), String> {
    let mut ends = Vec::new();
    for part in r.split(':') {
        ends.push(check_ref(part)?);
    }
    if let [Some((c0, r0)), Some((c1, r1))] = ends.as_slice() {
        if c1 < c0 || r1 < r0 {
            return Err(format!("{what} {} ends before it starts", quoted(r)));
        }
    }
    Ok(())
}

/// The used extent of one sheet's XML, as (rows, columns) spanned from A1,
/// after checking every reference calamine parses: `<dimension ref>`,
/// `<mergeCell ref>`, `<row r>` and `<c r>`. XML that does not parse ends
/// the scan; calamine (the same quick-xml) stops at the same place with an
/// error of its own. Bytes that are not UTF-8 do not end it: the scan reads
/// them as U+FFFD and goes on checking past the place where calamine stops.
fn scan_sheet(xml: &[u8]) -> Result<(u64, u64), String> {
    use quick_xml::events::Event;
    // A UTF-16 sheet (calamine decodes it) is checked as UTF-8.
    let decoded;
    let xml = match encoding_rs::Encoding::for_bom(xml) {
        Some((enc, _)) if enc != encoding_rs::UTF_8 => {
            decoded = enc.decode(xml).0.into_owned();
            decoded.as_bytes()
        }
        _ => xml,
    };
    // quick-xml reads UTF-8 only and stops at the first invalid byte; a copy
    // is made only when there is one (the member is in memory already).
    let xml = String::from_utf8_lossy(xml);
    let mut reader = quick_xml::Reader::from_str(&xml);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.check_comments = false;
    let (mut rows, mut cols) = (0u64, 0u64);
    loop {
        let e = match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => e,
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => continue,
        };
        let key = match e.local_name().as_ref() {
            "dimension" | "mergeCell" => "ref",
            "c" | "row" => "r",
            _ => continue,
        };
        // The raw value, references not resolved: calamine reads it raw too.
        let value = e
            .attributes()
            .with_checks(false)
            .flatten()
            .find(|a| a.key.local_name().as_ref() == key)
            .map(|a| a.value.into_owned());
        if let Some(v) = value {
            match e.local_name().as_ref() {
                "c" => {
                    if let Some((c, r)) = check_ref(&v)? {
                        rows = rows.max(r);
                        cols = cols.max(c);
                    }
                }
                "row" => {
                    check_ref(&v)?;
                }
                "mergeCell" => check_range("merged range", &v)?,
                _ => check_range("sheet dimension", &v)?,
            }
        }
    }
    Ok((rows, cols))
}

/// Zip members calamine may read as a sheet: those under a `worksheets/`,
/// `chartsheets/` or `dialogsheets/` folder, and every target of a sheet
/// relationship in any `.rels` member (resolved as calamine resolves it:
/// `/x` from the root, else from the folder holding `_rels/`). Names are
/// compared as calamine does, without case and with `\` as `/`.
fn sheet_members(z: &mut Archive, path: &str) -> Result<Vec<String>, Error> {
    use quick_xml::events::Event;
    let norm = |n: &str| n.replace('\\', "/").to_ascii_lowercase();
    let names = zipguard::names(z);
    let by_norm: std::collections::HashMap<String, &String> =
        names.iter().map(|n| (norm(n), n)).collect();
    let mut out = std::collections::BTreeSet::new();
    for n in &names {
        let k = norm(n);
        if k.ends_with(".xml")
            && ["worksheets/", "chartsheets/", "dialogsheets/"]
                .iter()
                .any(|d| k.contains(d))
        {
            out.insert(n.clone());
        }
    }
    for n in &names {
        let k = norm(n);
        let Some((base, _)) = k.rsplit_once("_rels/").filter(|_| k.ends_with(".rels")) else {
            continue;
        };
        let Some(xml) = zipguard::read_member(z, n, path)? else {
            continue;
        };
        // Invalid UTF-8 is read as U+FFFD, not an end (see `scan_sheet`).
        let xml = String::from_utf8_lossy(&xml);
        let mut reader = quick_xml::Reader::from_str(&xml);
        loop {
            match reader.read_event() {
                Ok(Event::Start(e) | Event::Empty(e))
                    if e.local_name().as_ref() == "Relationship" =>
                {
                    let attr = |name: &str| {
                        e.attributes()
                            .with_checks(false)
                            .flatten()
                            .find(|a| a.key.as_ref() == name)
                            .and_then(|a| unescape(&a.value).ok().map(Cow::into_owned))
                    };
                    let sheet = attr("Type").is_some_and(|t| {
                        t.rsplit('/').next().is_some_and(|t| {
                            matches!(t, "worksheet" | "chartsheet" | "dialogsheet")
                        })
                    });
                    if let (true, Some(target)) = (sheet, attr("Target")) {
                        let full = match target.strip_prefix('/') {
                            Some(abs) => abs.to_string(),
                            None => format!("{base}{target}"),
                        };
                        if let Some(actual) = by_norm.get(&norm(&full)) {
                            out.insert((*actual).clone());
                        }
                    }
                }
                Ok(Event::Eof) | Err(_) => break,
                Ok(_) => {}
            }
        }
    }
    Ok(out.into_iter().collect())
}

/// Checks every sheet calamine may read before it parses any: each cell
/// and range reference inside Excel's sheet size and no range reversed (a
/// damaged file), and the used extent within [`MAX_SHEET_CELLS`] (a limit),
/// before calamine builds any grid.
fn check_extents(z: &mut Archive, path: &str) -> Result<(), Error> {
    for name in sheet_members(z, path)? {
        let Some(xml) = zipguard::read_member(z, &name, path)? else {
            continue;
        };
        let (rows, cols) = scan_sheet(&xml).map_err(|reason| Error::Damaged {
            at: Location::file(path).member(name.as_str()),
            reason,
        })?;
        let cells = rows.saturating_mul(cols);
        if cells > MAX_SHEET_CELLS {
            return Err(Error::Limit {
                at: Location::file(path).member(name.as_str()),
                what: format!("the sheet spans {rows} rows × {cols} columns"),
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
            let t = Table {
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
                layout: crate::model::Layout::XlsxTable,
            };
            super::push_table(out, t);
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
///
/// The same pass checks each sheet's extent before calamine reads it: a
/// cell with content, repeated over rows and columns, is as many cells in
/// calamine's grid, and a sheet whose cells with content reach past
/// [`MAX_SHEET_CELLS`] is refused as a limit (empty cells repeated to the
/// sheet's edge, as office suites save them, count for nothing).
fn ods_merges(z: &mut Archive, path: &str) -> Result<Merges, Error> {
    use quick_xml::events::Event;
    let Some(xml) = zipguard::read_member(z, "content.xml", path)? else {
        return Ok(Merges::new());
    };
    // Invalid UTF-8 is read as U+FFFD, not an error: calamine, which reads
    // the same member, reports it.
    let xml = String::from_utf8_lossy(&xml);
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut out = Merges::new();
    let (mut sheet, mut row, mut col, mut row_rep) = (String::new(), 0u32, 0u32, 1u32);
    // The extent of the current sheet's cells with content: (rows, columns).
    let mut extent = (0u64, 0u64);
    let num = |e: &quick_xml::events::BytesStart, key: &str| -> u32 {
        e.attributes()
            .flatten()
            .find(|a| a.key.local_name().as_ref() == key)
            .and_then(|a| unescape(&a.value).ok()?.parse().ok())
            .unwrap_or(1)
    };
    loop {
        let pos = reader.buffer_position();
        let ev = reader.read_event().map_err(|e| Error::Malformed {
            at: Location::file(path).member("content.xml").byte(pos),
            reason: e.to_string(),
        })?;
        match ev {
            Event::Eof => break,
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                match e.local_name().as_ref() {
                    "table" => {
                        // References resolved and whitespace kept, as
                        // calamine reads the name, so that the two match.
                        sheet = e
                            .attributes()
                            .flatten()
                            .find(|a| a.key.local_name().as_ref() == "name")
                            .and_then(|a| unescape(&a.value).ok().map(Cow::into_owned))
                            .unwrap_or_default();
                        row = 0;
                        extent = (0, 0);
                    }
                    "table-row" => {
                        col = 0;
                        row_rep = num(e, "number-rows-repeated");
                        if empty {
                            row = row.saturating_add(row_rep);
                        }
                    }
                    "table-cell" | "covered-table-cell" => {
                        let (cs, rs) = (
                            num(e, "number-columns-spanned"),
                            num(e, "number-rows-spanned"),
                        );
                        // A span is a positive count; a damaged file's 0
                        // spans nothing (as 1 does).
                        if e.local_name().as_ref() == "table-cell" && (cs > 1 || rs > 1) {
                            out.entry(sheet.clone()).or_default().push((
                                row,
                                col,
                                row.saturating_add(rs.saturating_sub(1)),
                                col.saturating_add(cs.saturating_sub(1)),
                            ));
                        }
                        let col_rep = num(e, "number-columns-repeated");
                        let has_value = e
                            .attributes()
                            .flatten()
                            .any(|a| a.key.local_name().as_ref() == "value-type");
                        if !empty || has_value {
                            extent.0 = extent.0.max(u64::from(row) + u64::from(row_rep));
                            extent.1 = extent.1.max(u64::from(col) + u64::from(col_rep));
                            if extent.0.saturating_mul(extent.1) > MAX_SHEET_CELLS {
                                return Err(Error::Limit {
                                    at: Location::file(path).member("content.xml"),
                                    what: format!(
                                        "sheet {sheet:?} has content over {} rows × {} columns",
                                        extent.0, extent.1
                                    ),
                                    limit: format!(
                                        "{MAX_SHEET_CELLS} cells per sheet (MAX_SHEET_CELLS)"
                                    ),
                                });
                            }
                        }
                        col = col.saturating_add(col_rep);
                    }
                    _ => {}
                }
            }
            Event::End(ref e) if e.local_name().as_ref() == "table-row" => {
                row = row.saturating_add(row_rep)
            }
            _ => {}
        }
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
    let wb = calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).map_err(|e| {
        Error::Malformed {
            at: path.into(),
            reason: format!("workbook: {e}"),
        }
    })?;
    read_workbook(wb, ods)
}

/// Reads a legacy Excel 97-2003 workbook (.xls). Its format bounds a sheet
/// at 65,536 × 256 cells, which calamine would allocate before we can look;
/// [`super::ole::check`] has measured each sheet's extent from its cell
/// records first, and a workbook past [`MAX_SHEET_CELLS`] never gets here
/// (a sheet calamine still finds too large is skipped with a warning).
///
/// The compound file passed [`super::ole::check`]; a workbook calamine
/// still cannot open has a damaged workbook stream, or is encrypted.
pub fn read_xls(bytes: &[u8], path: &str) -> Result<Document, Error> {
    let xls = calamine::open_workbook_from_rs::<calamine::Xls<_>, _>(Cursor::new(bytes.to_vec()))
        .map_err(|e| match e {
        calamine::XlsError::Password => Error::Unsupported {
            at: path.into(),
            format: "a password-protected .xls".into(),
            advice: "save it without a password first".into(),
        },
        e => Error::Damaged {
            at: path.into(),
            reason: format!("workbook: {e}"),
        },
    })?;
    read_workbook(calamine::Sheets::Xls(xls), None)
}

fn read_workbook(
    mut wb: calamine::Sheets<Cursor<Vec<u8>>>,
    ods: Option<Merges>,
) -> Result<Document, Error> {
    let mut blocks = Vec::new();
    let mut warnings = Vec::new();
    for name in wb.sheet_names() {
        let range = match wb.worksheet_range(&name) {
            Ok(r) => r,
            Err(e) => {
                warnings.push(Warning::new(
                    WarningCode::SheetUnreadable,
                    format!("sheet {name:?}: {e}"),
                ));
                continue;
            }
        };
        let (h, w) = range.get_size();
        if (h as u64).saturating_mul(w as u64) > MAX_SHEET_CELLS {
            warnings.push(Warning::new(
                WarningCode::SheetTooLarge,
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
        layout: crate::model::Layout::Xlsx,
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
        assert_eq!(check_ref("A1"), Ok(Some((1, 1))));
        assert_eq!(check_ref("XFD1048576"), Ok(Some((16_384, 1_048_576))));
        assert_eq!(check_ref("1A"), Ok(None));
        assert_eq!(check_ref("12"), Ok(None));
        assert!(check_ref("XFE1").is_err());
        assert!(check_ref("AVUUUUUUUUUUUUU1").is_err());
        assert!(check_ref("A1048577").is_err());
        assert!(check_ref("A99999999999999999999$").is_err());
        assert_eq!(check_range("merged range", "A57:A70"), Ok(()));
        assert!(check_range("merged range", "A70:A57")
            .is_err_and(|e| e == "merged range A70:A57 ends before it starts"));
        assert!(check_range("sheet dimension", "C1:A1").is_err());
        let dt =
            calamine::ExcelDateTime::new(45351.0, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(cell_text(&Data::DateTime(dt)), "2024-02-29");
        assert_eq!(number(2000.0), "2000");
        assert_eq!(number(34.55), "34.55");
        assert_eq!(number(0.1 + 0.2), "0.3");
    }

    #[test]
    fn the_sheet_scan_reads_past_bytes_not_utf8() {
        let sheet = |cells: &[u8]| {
            let mut xml = b"<worksheet><sheetData><row r=\"1\">".to_vec();
            xml.extend_from_slice(cells);
            xml.extend_from_slice(b"</row></sheetData></worksheet>");
            xml
        };
        assert_eq!(scan_sheet(&sheet(b"<c r=\"C7\"/>")), Ok((7, 3)));
        // A reference is read raw, as calamine reads it: `&#65;1` is no cell.
        assert_eq!(scan_sheet(&sheet(b"<c r=\"&#65;1\"/>")), Ok((0, 0)));
        // quick-xml stops at a byte that is not UTF-8; the scan goes on past it.
        assert_eq!(
            scan_sheet(&sheet(
                b"<c r=\"A1\" x=\"\xFF\"/><c r=\"\xC3B2\"/><c r=\"D9\"/>"
            )),
            Ok((9, 4))
        );
        assert!(scan_sheet(&sheet(b"<c r=\"A1\">\xFF</c><c r=\"XFE1\"/>")).is_err());
    }
}
