//! Pipe-table text (seeds 000, 004): one cell per line, each ending in ` |`.
//! The line that ends a row carries extra pipes, one per column the row does
//! not print (`市级 |` … `| |`, `2.在全区… | ||`); a row that prints every
//! column may end without them. Rows that print fewer cells than the width
//! are continuation rows (cells merged from above left out) or section rows
//! (one cell spanning the table); [`super::grid`] puts their cells in place.

use super::grid::{self, Profile};
use super::Line;
use crate::headers;
use crate::model::{Cell, Origin, Row, Table, Warning};

/// Widest table we try to infer; wider text is not a project table.
pub const MAX_COLUMNS: usize = 40;

/// Fewest consecutive pipe lines that make a table.
pub const MIN_PIPE_LINES: usize = 3;

#[derive(Debug, Clone)]
struct Token {
    text: String,
    /// Pipes after the cell's own closing pipe: the row ends here, and this
    /// many columns are not printed.
    pads: usize,
    line: usize,
}

#[derive(Debug, Clone)]
struct RawRow {
    cells: Vec<String>,
    pads: usize,
    line: usize,
}

pub fn is_pipe_line(text: &str) -> bool {
    text.trim_end().ends_with('|')
}

/// True when a pipe table starts at `lines[i]`.
pub fn starts_at(lines: &[Line], i: usize) -> bool {
    lines
        .get(i..i + MIN_PIPE_LINES)
        .is_some_and(|w| w.iter().all(|l| is_pipe_line(l.text)))
}

fn tokenize(line: &Line) -> Token {
    let t = line.text.trim();
    let (text, rest) = match t.find('|') {
        Some(p) => (&t[..p], &t[p + 1..]),
        None => (t, ""),
    };
    Token {
        text: text.trim().to_string(),
        pads: rest.matches('|').count(),
        line: line.no,
    }
}

/// Groups tokens into rows for a candidate width: a row ends at a token with
/// pads, or when it has `width` cells.
fn group(tokens: &[Token], width: usize) -> Vec<RawRow> {
    let mut rows = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    let mut line = 0;
    for t in tokens {
        if cur.is_empty() {
            line = t.line;
        }
        cur.push(t.text.clone());
        if t.pads > 0 || cur.len() >= width {
            rows.push(RawRow {
                cells: std::mem::take(&mut cur),
                pads: t.pads,
                line,
            });
        }
    }
    if !cur.is_empty() {
        rows.push(RawRow {
            cells: cur,
            pads: 0,
            line,
        });
    }
    rows
}

/// The width under which the most row-ending lines account exactly for the
/// row they end (cells + pads = width).
fn infer_width(tokens: &[Token]) -> Option<usize> {
    if !tokens.iter().any(|t| t.pads > 0) {
        return None;
    }
    let mut best: Option<(i64, usize)> = None;
    for w in 1..=MAX_COLUMNS {
        // The same row breaks as `group` makes, counted without building rows:
        // this runs once per candidate width over every token.
        let mut score = 0i64;
        let mut cells = 0usize;
        for t in tokens {
            cells += 1;
            if t.pads > 0 || cells >= w {
                if t.pads > 0 {
                    score += if cells + t.pads == w { 2 } else { -3 };
                }
                cells = 0;
            }
        }
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, w));
        }
    }
    best.map(|(_, w)| w)
}

/// Without row-ending pipes the header's length is the width: header cells
/// run until the first empty, numeric or sentence-like cell.
fn header_width(tokens: &[Token]) -> usize {
    tokens
        .iter()
        .take_while(|t| {
            let k = grid::kind(&t.text);
            headers::is_known(&t.text) || matches!(k, grid::Kind::Short | grid::Kind::Units)
        })
        .count()
        .max(1)
}

/// True for a line that holds a whole row (`| 1 | 名称 | 单位 |`): several
/// cells between pipes, as markdown and some copy tools write tables.
fn is_row_line(text: &str) -> bool {
    text.trim().trim_matches('|').matches('|').count() >= 2
}

/// `|---|:---:|` separator lines of markdown tables.
fn is_rule_line(text: &str) -> bool {
    let t = text.trim();
    t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '+'))
}

/// Parses a pipe table starting at `lines[0]`. Returns the table, how many
/// lines it used, and warnings.
pub fn parse(lines: &[Line]) -> (Option<Table>, usize, Vec<Warning>) {
    let mut warnings = Vec::new();
    let mut consumed = 0;
    let mut region: Vec<&Line> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if is_pipe_line(l.text) {
            region.push(l);
            consumed = i + 1;
        } else if l.text.trim().is_empty() {
            continue;
        } else {
            break;
        }
    }
    let row_lines = region.iter().filter(|l| is_row_line(l.text)).count();
    if row_lines * 2 > region.len() {
        let rows: Vec<RawRow> = region
            .iter()
            .filter(|l| !is_rule_line(l.text))
            .map(|l| {
                let t = l.text.trim();
                let t = t.strip_prefix('|').unwrap_or(t);
                let t = t.strip_suffix('|').unwrap_or(t);
                RawRow {
                    cells: t.split('|').map(|c| c.trim().to_string()).collect(),
                    pads: 0,
                    line: l.no,
                }
            })
            .collect();
        let width = rows.first().map_or(0, |r| r.cells.len());
        let table = build(rows, width, &mut warnings);
        return (table, consumed, warnings);
    }
    let tokens: Vec<Token> = region.iter().map(|l| tokenize(l)).collect();
    let mut width = infer_width(&tokens).unwrap_or_else(|| header_width(&tokens));
    let mut rows = group(&tokens, width);
    // Columns that no row ever prints (an exporter's trailing empty column).
    let printed = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    if printed > 0 && printed < width && rows.iter().all(|r| r.cells.len() + r.pads >= width) {
        width = printed;
        rows = rows
            .into_iter()
            .map(|mut r| {
                r.pads = width.saturating_sub(r.cells.len());
                r
            })
            .collect();
    }
    for r in &rows {
        if r.pads > 0 && r.cells.len() + r.pads != width {
            warnings.push(
                Warning::new(
                    "row_width",
                    format!(
                        "pipe row at line {} has {} cells and {} padding pipes, table width is {width}",
                        r.line,
                        r.cells.len(),
                        r.pads
                    ),
                )
                .at_line(r.line),
            );
        }
    }
    let table = build(rows, width, &mut warnings);
    (table, consumed, warnings)
}

fn is_header_row(r: &RawRow) -> bool {
    !r.cells.is_empty()
        && r.cells.iter().all(|c| {
            !c.trim().is_empty()
                && !grid::is_section_heading(c)
                && !matches!(
                    grid::kind(c),
                    grid::Kind::Int | grid::Kind::Decimal | grid::Kind::Long
                )
        })
}

fn build(rows: Vec<RawRow>, width: usize, warnings: &mut Vec<Warning>) -> Option<Table> {
    if rows.is_empty() || width == 0 {
        return None;
    }
    let full: Vec<&[String]> = rows
        .iter()
        .skip(1)
        .filter(|r| r.cells.len() == width)
        .map(|r| r.cells.as_slice())
        .collect();
    let profiles: Vec<Profile> = grid::profiles(full.iter().copied(), width);

    let mut out: Vec<Row> = Vec::new();
    let mut body_start = 1;
    // Header: one row, or two when the first is short and the second is
    // header-like and fills exactly the columns the first leaves open.
    let first = rows.first()?;
    let second = rows.get(1);
    match second {
        Some(r1)
            if first.cells.len() < width
                && is_header_row(r1)
                && first.cells.len() + r1.cells.len() == width + 1 =>
        {
            let h = grid::choose_parent(&first.cells, &r1.cells, &profiles);
            let (a, b) = h.rows();
            out.push(Row {
                cells: a,
                line: Some(first.line),
            });
            out.push(Row {
                cells: b,
                line: Some(r1.line),
            });
            body_start = 2;
        }
        _ => {
            let mut cells: Vec<Cell> = first.cells.iter().map(|c| Cell::own(c.clone())).collect();
            cells.resize(width, Cell::own(""));
            out.push(Row {
                cells,
                line: Some(first.line),
            });
        }
    }
    let header_rows = out.len();

    for r in rows.into_iter().skip(body_start) {
        let idx = out.len();
        let n_nonempty = r.cells.iter().filter(|c| !c.trim().is_empty()).count();
        let cells = if r.cells.len() == width {
            r.cells.iter().map(|c| Cell::own(c.clone())).collect()
        } else if r.cells.len() > width {
            warnings.push(
                Warning::new(
                    "row_too_wide",
                    format!(
                        "row at line {} has {} cells, wider than the table's {width}",
                        r.line,
                        r.cells.len()
                    ),
                )
                .at_line(r.line),
            );
            r.cells.iter().map(|c| Cell::own(c.clone())).collect()
        } else if n_nonempty == 1 && r.cells.first().is_some_and(|c| grid::is_section_label(c)) {
            grid::spanning_row(r.cells.first().map(String::as_str).unwrap_or(""), width)
        } else {
            let above = if idx > header_rows {
                out.last().map(|row| (row, idx - 1))
            } else {
                None
            };
            match grid::align(&r.cells, &profiles) {
                Some(cols) => grid::fill_from_above(&r.cells, &cols, width, above),
                None => r.cells.iter().map(|c| Cell::own(c.clone())).collect(),
            }
        };
        out.push(Row {
            cells,
            line: Some(r.line),
        });
    }
    // A row-span copy's origin must name the row that printed the text.
    for (i, row) in out.iter_mut().enumerate() {
        for c in &mut row.cells {
            if let Origin::RowSpan { row: src } = c.origin {
                if src >= i {
                    c.origin = Origin::Own;
                }
            }
        }
    }
    Some(Table {
        width,
        header_rows,
        rows: out,
        layout: "pipe_table".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::layout::test_lines as lines;

    fn texts(t: &Table, r: usize) -> Vec<String> {
        t.rows[r].cells.iter().map(|c| c.text.clone()).collect()
    }

    #[test]
    fn rows_end_at_padding_or_full_width() {
        let src = "序号 |\n项目名称 |\n责任单位 |\n目标任务 |\n一、区级(2件) | |||\n1 |\n甲项目 |\n区教委 |\n建设学校2所。 |\n2 |\n乙项目 |\n区残联 |\n建设家园3个。 |\n区民政局 |\n养老点5个。 | ||\n";
        let (t, used, w) = parse(&lines(src));
        let t = t.unwrap();
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(used, 15);
        assert_eq!(t.width, 4);
        assert_eq!(t.rows.len(), 5);
        assert_eq!(texts(&t, 1), vec!["一、区级(2件)"; 4]);
        assert_eq!(texts(&t, 4), vec!["2", "乙项目", "区民政局", "养老点5个。"]);
        assert_eq!(t.rows[4].cells[0].origin, Origin::RowSpan { row: 3 });
        assert_eq!(t.rows[4].cells[2].origin, Origin::Own);
    }

    #[test]
    fn markdown_rows_one_per_line() {
        let src = "| 序号 | 项目名称 | 牵头单位 |\n|---|---|---|\n| 1 | 甲项目 | 区教委 |\n| 2 | 乙项目 | 区残联 |\n";
        let (t, used, _) = parse(&lines(src));
        let t = t.unwrap();
        assert_eq!(used, 4);
        assert_eq!((t.width, t.rows.len()), (3, 3));
        assert_eq!(texts(&t, 2), vec!["2", "乙项目", "区残联"]);
    }

    #[test]
    fn trailing_phantom_column_is_dropped() {
        let src = "序号 |\n名称 |\n时限 |\n备注 | |\n1 |\n甲 |\n2024.12 |\n| |\n2 |\n乙 |\n2024.6 |\n说明 | |\n";
        let (t, _, _) = parse(&lines(src));
        let t = t.unwrap();
        assert_eq!(t.width, 4);
        assert_eq!(texts(&t, 2), vec!["2", "乙", "2024.6", "说明"]);
    }
}
