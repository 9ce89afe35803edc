//! Tab-indented table text (seed 003): a line starting with a tab starts a
//! cell; lines without a tab continue the cell above (a cell may run over
//! several lines, blank ones included); rows are separated by blank lines.
//! The first row is the header and sets the width.

use super::Line;
use crate::model::{Cell, Row, Table, Warning};

/// Fewest tab-started lines that make a table.
pub const MIN_TAB_LINES: usize = 4;

pub fn is_tab_line(text: &str) -> bool {
    text.starts_with('\t')
}

/// A whole row on one line, cells separated by tabs (pasted from a spreadsheet).
pub fn is_tsv_line(text: &str) -> bool {
    text.matches('\t').count() >= 2 && !text.trim().is_empty()
}

/// True when a tab-separated table (a row per line) starts at `lines[i]`.
pub fn tsv_starts_at(lines: &[Line], i: usize) -> bool {
    lines
        .get(i..i + MIN_TSV_LINES)
        .is_some_and(|w| w.iter().all(|l| is_tsv_line(l.text)))
}

/// Fewest consecutive tab-separated rows that make a table.
pub const MIN_TSV_LINES: usize = 2;

/// Parses a tab-separated table, one row per line, from `lines[0]`.
pub fn parse_tsv(lines: &[Line]) -> (Option<Table>, usize, Vec<Warning>) {
    let rows: Vec<&Line> = lines.iter().take_while(|l| is_tsv_line(l.text)).collect();
    let consumed = rows.len();
    let width = rows.first().map_or(0, |l| l.text.split('\t').count());
    let mut warnings = Vec::new();
    let out: Vec<Row> = rows
        .iter()
        .map(|l| {
            let mut cells: Vec<Cell> = l.text.split('\t').map(|c| Cell::own(c.trim())).collect();
            if cells.len() > width {
                warnings.push(
                    Warning::new(
                        "row_too_wide",
                        format!(
                            "row at line {} has {} cells, wider than the header's {width}",
                            l.no,
                            cells.len()
                        ),
                    )
                    .at_line(l.no),
                );
            }
            if cells.len() < width {
                cells.resize(width, Cell::own(""));
            }
            Row {
                cells,
                line: Some(l.no),
            }
        })
        .collect();
    if out.len() < 2 {
        return (None, consumed, warnings);
    }
    let table = Table {
        width,
        header_rows: 1,
        rows: out,
        layout: "tsv_table".into(),
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
                        "row_too_wide",
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
                        "row_short",
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
        layout: "tab_table".into(),
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
