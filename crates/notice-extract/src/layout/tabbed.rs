//! Tab-indented table text (seed 003): a line starting with a tab starts a
//! cell; lines without a tab continue the cell above (a cell may run over
//! several lines, blank ones included); rows are separated by blank lines.
//! The first row is the header and sets the width.

use super::grid;
use super::Line;
use crate::model::WarningCode;
use crate::model::{Cell, Row, Table, Warning};

/// Fewest tab-started lines that make a table.
pub const MIN_TAB_LINES: usize = 4;

pub fn is_tab_line(text: &str) -> bool {
    text.starts_with('\t')
}

/// Fewest cells of a tab-separated row (pasted from a spreadsheet).
const MIN_TSV_CELLS: usize = 3;

/// Most lines one quoted cell may run over. A spreadsheet quotes a cell that
/// holds line breaks (`"县住建局⏎县城投公司"`); a quote not closed within this
/// many lines is an ordinary character, so a stray quote cannot swallow the
/// rest of the notice.
pub const MAX_QUOTED_LINES: usize = 64;

/// The row of tab-separated cells starting at `lines[i]`, as a spreadsheet
/// copies it: a cell in double quotes may hold tabs, line breaks and `""`
/// for a quote. Returns the cells and the number of lines used.
fn tsv_record(lines: &[Line], i: usize) -> Option<(Vec<String>, usize)> {
    let first = lines.get(i)?;
    if let Some(quoted) = quoted_record(lines, i) {
        return Some(quoted);
    }
    Some((first.text.split('\t').map(str::to_string).collect(), 1))
}

/// [`tsv_record`] reading quotes; `None` when the row has no quoted cell or
/// a quote is not closed within [`MAX_QUOTED_LINES`].
fn quoted_record(lines: &[Line], i: usize) -> Option<(Vec<String>, usize)> {
    if !lines.get(i)?.text.contains('"') {
        return None;
    }
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut at_start = true;
    let mut any_quoted = false;
    for (k, line) in lines.iter().skip(i).take(MAX_QUOTED_LINES).enumerate() {
        if k > 0 {
            cell.push('\n');
        }
        let mut chars = line.text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' if at_start => {
                    quoted = true;
                    any_quoted = true;
                    at_start = false;
                }
                '"' if quoted => {
                    if chars.peek() == Some(&'"') {
                        chars.next();
                        cell.push('"');
                    } else {
                        quoted = false;
                    }
                }
                '\t' if !quoted => {
                    cells.push(std::mem::take(&mut cell));
                    at_start = true;
                }
                _ => {
                    cell.push(c);
                    at_start = false;
                }
            }
        }
        if !quoted {
            cells.push(cell);
            return any_quoted.then_some((cells, k + 1));
        }
    }
    None
}

/// True when a tab-separated table (a row per line, or per quoted record)
/// starts at `lines[i]`.
pub fn tsv_starts_at(lines: &[Line], i: usize) -> bool {
    // Every row of such a table has a tab on its first line: most lines are
    // turned away here, before any cell is built.
    if !lines.get(i).is_some_and(|l| l.text.contains('\t')) {
        return false;
    }
    let mut at = i;
    for _ in 0..MIN_TSV_LINES {
        match tsv_record(lines, at) {
            Some((cells, used))
                if cells.len() >= MIN_TSV_CELLS && !cells.concat().trim().is_empty() =>
            {
                at += used
            }
            _ => return false,
        }
    }
    true
}

/// A body row that prints fewer cells than the header: a spreadsheet that
/// dropped its trailing empty cells (the cells are the first ones), or a row
/// that leaves out the cells merged from the project above (`区供电公司\t2024年12月`
/// continuing the row above). The cells go where the columns' profiles put
/// them; columns before the last one placed are merged from above, later
/// ones are empty.
fn short_row(
    texts: &[String],
    width: usize,
    profiles: &[grid::Profile],
    above: Option<(&Row, usize)>,
) -> Vec<Cell> {
    let cols =
        grid::align(texts, profiles).filter(|cols| !cols.iter().enumerate().all(|(i, &c)| i == c));
    match cols {
        Some(cols) => {
            let last = cols.last().map_or(0, |&c| c + 1);
            grid::fill(texts, &cols, width, above, last)
        }
        None => {
            let mut cells: Vec<Cell> = texts.iter().map(|c| Cell::own(c.as_str())).collect();
            cells.resize(width, Cell::own(""));
            cells
        }
    }
}

/// Fewest consecutive tab-separated rows that make a table.
pub const MIN_TSV_LINES: usize = 2;

/// Parses a tab-separated table, one row per line (or per quoted record),
/// from `lines[0]`.
pub fn parse_tsv(lines: &[Line]) -> (Option<Table>, usize, Vec<Warning>) {
    let mut records: Vec<(usize, Vec<String>)> = Vec::new();
    let mut consumed = 0;
    while let Some((cells, used)) = tsv_record(lines, consumed) {
        if cells.len() < MIN_TSV_CELLS || cells.concat().trim().is_empty() {
            break;
        }
        // A note (`注：…` and empty cells) or the page's metadata under the
        // table is not a row of it.
        if !records.is_empty() && super::pipe::is_glue_row(&cells) {
            break;
        }
        let no = lines.get(consumed).map_or(0, |l| l.no);
        records.push((no, cells));
        consumed += used;
    }
    let width = records.first().map_or(0, |(_, c)| c.len());
    let mut warnings = Vec::new();
    let trimmed: Vec<(usize, Vec<String>)> = records
        .into_iter()
        .map(|(no, texts)| (no, texts.iter().map(|c| c.trim().to_string()).collect()))
        .collect();
    let profiles = grid::profiles(
        trimmed
            .iter()
            .skip(1)
            .filter(|(_, c)| c.len() == width)
            .map(|(_, c)| c.as_slice()),
        width,
    );
    let mut out: Vec<Row> = Vec::with_capacity(trimmed.len());
    for (no, texts) in trimmed {
        if texts.len() > width {
            warnings.push(
                Warning::new(
                    WarningCode::RowTooWide,
                    format!(
                        "row at line {no} has {} cells, wider than the header's {width}",
                        texts.len()
                    ),
                )
                .at_line(no),
            );
        }
        let cells = if texts.len() >= width || out.len() < 2 {
            let mut cells: Vec<Cell> = texts.iter().map(|c| Cell::own(c.as_str())).collect();
            cells.resize(cells.len().max(width), Cell::own(""));
            cells
        } else {
            short_row(
                &texts,
                width,
                &profiles,
                out.last().map(|r| (r, out.len() - 1)),
            )
        };
        out.push(Row {
            cells,
            line: Some(no),
        });
    }
    if out.len() < 2 {
        return (None, consumed, warnings);
    }
    // A merged header pasted from a sheet: blank cells where the top row's
    // groups span, the second row naming only the columns under them.
    let texts = |r: Option<&Row>| -> Vec<String> {
        r.map(|r| r.cells.iter().map(|c| c.text.clone()).collect())
            .unwrap_or_default()
    };
    let mut header_rows = 1;
    if let Some((a, b)) = grid::spanned_header(&texts(out.first()), &texts(out.get(1))) {
        if let Some(r0) = out.get_mut(0) {
            r0.cells = a;
        }
        if let Some(r1) = out.get_mut(1) {
            r1.cells = b;
        }
        header_rows = 2;
    }
    let table = Table {
        width,
        header_rows,
        rows: out,
        layout: crate::model::Layout::TsvTable,
    };
    (Some(table), consumed, warnings)
}

/// True when a tab table starts at `lines[i]`: it starts with a tab, and so
/// do the next few non-blank lines.
pub fn starts_at(lines: &[Line], i: usize) -> bool {
    lines.get(i).is_some_and(|l| is_tab_line(l.text))
        && lines
            .iter()
            .skip(i)
            .filter(|l| !l.text.trim().is_empty() || is_tab_line(l.text))
            .take(MIN_TAB_LINES)
            .filter(|l| is_tab_line(l.text))
            .count()
            == MIN_TAB_LINES
}

struct Building {
    cells: Vec<String>,
    line: usize,
}

/// Parses a tab table starting at `lines[0]`; returns the table, lines used, warnings.
pub fn parse(lines: &[Line]) -> (Option<Table>, usize, Vec<Warning>) {
    let mut warnings = Vec::new();
    let mut rows: Vec<Building> = Vec::new();
    let mut cur: Option<Building> = None;
    let mut width: Option<usize> = None;
    let mut blank_before = false;
    let mut consumed = 0;

    for (i, l) in lines.iter().enumerate() {
        let text = l.text;
        if text.trim().is_empty() && !is_tab_line(text) {
            blank_before = true;
            continue;
        }
        let complete = |b: &Building| width.is_some_and(|w| b.cells.len() >= w);
        if is_tab_line(text) {
            let parts: Vec<&str> = text.split('\t').skip(1).collect();
            let new_row = match &cur {
                None => true,
                // The header ends at its first blank line.
                Some(b) => blank_before && (width.is_none() || complete(b)),
            };
            if new_row {
                if let Some(b) = cur.take() {
                    if width.is_none() {
                        width = Some(b.cells.len());
                    }
                    rows.push(b);
                }
                cur = Some(Building {
                    cells: Vec::new(),
                    line: l.no,
                });
            }
            if let Some(b) = cur.as_mut() {
                b.cells
                    .extend(parts.iter().map(|p| p.trim_end().to_string()));
            }
        } else {
            // A line without a tab continues the last cell, unless a blank
            // line separates it from a complete row: then the table is over.
            let ends = match &cur {
                None => true,
                Some(b) => blank_before && complete(b),
            };
            if ends {
                break;
            }
            if let Some(last) = cur.as_mut().and_then(|b| b.cells.last_mut()) {
                if !last.is_empty() {
                    last.push('\n');
                }
                last.push_str(text.trim_end());
            }
        }
        blank_before = false;
        consumed = i + 1;
    }
    if let Some(b) = cur.take() {
        rows.push(b);
    }
    let width = width.unwrap_or_else(|| rows.first().map_or(0, |r| r.cells.len()));
    if rows.len() < 2 || width == 0 {
        return (None, consumed, warnings);
    }
    let out = rows
        .into_iter()
        .map(|mut b| {
            if b.cells.len() > width {
                warnings.push(
                    Warning::new(
                        WarningCode::RowTooWide,
                        format!(
                            "row at line {} has {} cells, wider than the header's {width}",
                            b.line,
                            b.cells.len()
                        ),
                    )
                    .at_line(b.line),
                );
            } else if b.cells.len() < width {
                warnings.push(
                    Warning::new(
                        WarningCode::RowShort,
                        format!(
                            "row at line {} has {} cells, the header has {width}",
                            b.line,
                            b.cells.len()
                        ),
                    )
                    .at_line(b.line),
                );
                b.cells.resize(width, String::new());
            }
            Row {
                cells: b.cells.into_iter().map(Cell::own).collect(),
                line: Some(b.line),
            }
        })
        .collect();
    let table = Table {
        width,
        header_rows: 1,
        rows: out,
        layout: crate::model::Layout::TabTable,
    };
    (Some(table), consumed, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::layout::test_lines as lines;

    #[test]
    fn tsv_rows() {
        let src = "序号\t项目名称\t牵头单位\n1\t甲项目\t区教委\n\t\t区残联\n说明文字\n";
        assert!(tsv_starts_at(&lines(src), 0));
        let (t, used, _) = parse_tsv(&lines(src));
        let t = t.unwrap();
        assert_eq!(used, 3);
        assert_eq!(t.rows[2].cells[2].text, "区残联");
        assert_eq!(t.rows[2].cells[0].text, "");
    }

    /// Regression: a spreadsheet's copy quotes cells that hold line breaks;
    /// the quote marks were kept and the row was cut at the break.
    #[test]
    fn quoted_cells_from_a_spreadsheet() {
        let src = "序号\t项目名称\t牵头单位\t完成时限\n1\t甲项目\t\"区教委\n区残联\"\t2024年6月\n2\t\"乙\"\"丙\"\"项目\"\t区民政局\t2024年12月\n3\t\"未闭合引号的项目\t区城管局\t2024年9月\n说明文字\n";
        assert!(tsv_starts_at(&lines(src), 0));
        let (t, used, w) = parse_tsv(&lines(src));
        let t = t.unwrap();
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(used, 5);
        assert_eq!(t.rows.len(), 4);
        assert_eq!(t.rows[1].cells[2].text, "区教委\n区残联");
        assert_eq!(t.rows[1].cells[3].text, "2024年6月");
        assert_eq!(t.rows[2].cells[1].text, "乙\"丙\"项目");
        assert_eq!(t.rows[2].line, Some(4));
        // A quote never closed is an ordinary character, not the rest of the text.
        assert_eq!(t.rows[3].cells[1].text, "\"未闭合引号的项目");
    }

    #[test]
    fn multi_line_cells_and_row_breaks() {
        let src = "\t序号\n\t名称\n\t单位\n\t情况\n\n\t1\n\t甲\n\t区公安分局、\n\n区城管局\n\t完成\n\n\t\n\t\n\t区残联\n\t超额完成\n\n正文段落\n";
        let (t, used, w) = parse(&lines(src));
        let t = t.unwrap();
        assert!(w.is_empty());
        assert_eq!(used, 16);
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.rows[1].cells[2].text, "区公安分局、\n区城管局");
        assert_eq!(t.rows[2].cells[2].text, "区残联");
        assert_eq!(t.rows[2].cells[0].text, "");
    }
}
