//! Pipe-table text (seeds 000, 004): one cell per line, each ending in ` |`.
//! The line that ends a row carries extra pipes, one per column the row does
//! not print (`市级 |` … `| |`, `2.在全区… | ||`); a row that prints every
//! column may end without them. Rows that print fewer cells than the width
//! are continuation rows (cells merged from above left out) or section rows
//! (one cell spanning the table); [`super::grid`] puts their cells in place.

use super::grid::{self, Profile};
use super::Line;
use crate::model::WarningCode;
use crate::model::{Cell, MetaField, Origin, Paragraph, Row, Table, Warning};
use crate::vocab::headers;

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
    /// The text ran out before the row ended (a page saved cut short): what
    /// it prints is its first cells, and nothing is known of the rest.
    cut: bool,
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

/// True for a line holding one pipe and nothing else.
fn is_lone_pipe(text: &str) -> bool {
    text.trim() == "|"
}

/// Tokens of a region's cell lines. Some exporters print the pipe that ends
/// a row on a line of its own (`是 |` then `|`, where others print `备注 | |`
/// on the cell's line), others print an empty cell that way. A lone pipe
/// after a cell with text and before a row's sequence number is read as
/// the row's end when that explains the row ends better than reading it as
/// a cell; a lone pipe at the top of the region ends a row printed before
/// the table and is dropped.
fn cell_tokens(region: &[&Line]) -> Vec<Token> {
    let plain: Vec<Token> = region.iter().map(|l| tokenize(l)).collect();
    // Most tables print no lone pipe: nothing to weigh.
    if !region.iter().any(|l| is_lone_pipe(l.text)) {
        return plain;
    }
    let mut ended: Vec<Token> = Vec::with_capacity(region.len());
    let mut lone_ends = 0usize;
    for (i, l) in region.iter().enumerate() {
        if is_lone_pipe(l.text) {
            // The next row starts with its number: the lone pipe is between rows.
            let numbered_next = region
                .get(i + 1)
                .is_some_and(|n| grid::kind(&tokenize(n).text) == grid::Kind::Int);
            match ended.last_mut() {
                None => continue,
                Some(prev) if prev.pads == 0 && !prev.text.is_empty() && numbered_next => {
                    prev.pads = 1;
                    lone_ends += 1;
                    continue;
                }
                Some(_) => {}
            }
        }
        ended.push(tokenize(l));
    }
    if lone_ends == 0 {
        return plain;
    }
    let score = |t: &[Token]| width_score(t).map_or(i64::MIN, |(s, _)| s);
    if score(&ended) > score(&plain) {
        ended
    } else {
        plain
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
                cut: false,
            });
        }
    }
    if !cur.is_empty() {
        rows.push(RawRow {
            cells: cur,
            pads: 0,
            line,
            cut: true,
        });
    }
    rows
}

/// The width under which the most row-ending lines account exactly for the
/// row they end (cells + pads = width).
fn infer_width(tokens: &[Token]) -> Option<usize> {
    width_score(tokens).map(|(_, w)| w)
}

/// [`infer_width`]'s best score and width.
fn width_score(tokens: &[Token]) -> Option<(i64, usize)> {
    if !tokens.iter().any(|t| t.pads > 0) {
        return None;
    }
    let header = header_width(tokens);
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
        // On a tie the header decides: it prints every column (and maybe a
        // row-end pipe), so the width nearest its run of header cells wins;
        // a narrow width that divides the rows fits their ends as well.
        let better = best.is_none_or(|(s, b)| {
            score > s || (score == s && w.abs_diff(header) < b.abs_diff(header))
        });
        if better {
            best = Some((score, w));
        }
    }
    best
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

/// Cells of a whole-row line (`| 1 | 名称 | 单位 |`) and the padding pipes after
/// its last cell. As in the cell-per-line form, pipes run together after the
/// last cell's own closing pipe (`新增学位810个 | |||||`) stand for the columns
/// the row does not print; pipes with spaces between them close empty cells
/// (`| 1 | 甲 |  |  |`).
fn row_cells(text: &str) -> (Vec<String>, usize) {
    let t = text.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let split = |s: &str| -> Vec<String> { s.split('|').map(|c| c.trim().to_string()).collect() };
    let plain = || split(t.strip_suffix('|').unwrap_or(t));
    let Some(end) = t
        .char_indices()
        .rev()
        .find(|(_, c)| *c != '|' && !c.is_whitespace())
        .map(|(i, c)| i + c.len_utf8())
    else {
        return (plain(), 0);
    };
    let (Some(body), Some(tail)) = (t.get(..end), t.get(end..)) else {
        return (plain(), 0);
    };
    let after_close = tail.trim_start();
    let after_close = after_close.strip_prefix('|').unwrap_or(after_close);
    let run = after_close.trim();
    let adjacent = after_close.starts_with('|');
    let pads = run.chars().count();
    if pads > 0 && run.chars().all(|c| c == '|') && (pads >= 2 || adjacent) {
        (split(body), pads)
    } else {
        (plain(), 0)
    }
}

/// A header row ending in pad pipes (`… | 責任單位 | 政策處理 單位 | |||`)
/// says the exporter pads every row to the table's width: no column of a
/// header is merged from above, so pads are empty cells at the end of
/// each row, not columns the row leaves to the one above.
fn pads_as_empty_cells(rows: Vec<RawRow>, width: usize) -> Vec<RawRow> {
    rows.into_iter()
        .map(|mut r| {
            if r.cells.len() < width && !r.cut {
                r.cells.resize(width, String::new());
            }
            r.pads = 0;
            r
        })
        .collect()
}

/// How much better (nats) a row must fit with its last empty cell read as
/// the row-end pipe than as printed before it is re-placed.
const SHIFT_MARGIN: f64 = 1.0;

/// Whole-row lines ending `… | |` print either an empty last cell or one
/// cell fewer than the header, the closing pipe standing for a merged
/// column (a 牵头单位 printed once for several rows, the progress text then
/// under it). A row whose last cell is empty is read the second way when,
/// without that cell, its cells fit the columns learned from rows that
/// print their last cell clearly better with a column inside the row left
/// to the row above; never when only the last column would be left out,
/// which is the empty cell as printed.
fn trailing_empty_as_pad(rows: Vec<RawRow>, width: usize) -> Vec<RawRow> {
    let clear: Vec<&[String]> = rows
        .iter()
        .skip(1)
        .filter(|r| r.cells.len() == width && r.cells.last().is_some_and(|c| !c.trim().is_empty()))
        .map(|r| r.cells.as_slice())
        .collect();
    let mut profiles = grid::profiles(clear.iter().copied(), width);
    if clear.len() < grid::MIN_LEARNED_ROWS {
        // Too few rows print their last cell to learn the columns from: what
        // the header says each column holds decides, as in `build` (a short
        // table whose category is printed once, over rows that then end
        // `… | |`). Without a clear row or a header of that width, nothing.
        match rows.first().filter(|r| r.cells.len() == width) {
            Some(head) if !clear.is_empty() => grid::add_header_priors(&mut profiles, &head.cells),
            _ => return rows,
        }
    }
    rows.into_iter()
        .enumerate()
        .map(|(i, mut r)| {
            let ends_empty = r.cells.last().is_some_and(|c| c.trim().is_empty());
            if i == 0 || r.cells.len() != width || !ends_empty {
                return r;
            }
            let printed = r.cells.get(..width - 1).unwrap_or_default();
            let shifted = grid::align_scored(printed, &profiles).filter(|(cols, score)| {
                cols.last() == Some(&(width - 1))
                    && *score > grid::row_score(&r.cells, &profiles) + SHIFT_MARGIN
            });
            if shifted.is_some() {
                r.cells.pop();
                r.pads = 1;
            }
            r
        })
        .collect()
}

/// `|---|:---:|` separator lines of markdown tables.
fn is_rule_line(text: &str) -> bool {
    let t = text.trim();
    t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '+'))
}

/// Longest run of rows read as glue before a table's header: a title, a unit
/// note and a metadata block of a few rows.
pub const MAX_GLUE_ROWS: usize = 8;

/// Most cells a metadata row holds (four label/value pairs).
const MAX_META_CELLS: usize = 8;

/// How many of a row's first cells must be known headers for the row to be
/// a table's header (and the rows above it glue).
const MIN_HEADER_WORDS: usize = 2;

/// Cells of a row looked at when deciding whether it is a header.
const HEADER_PROBE_CELLS: usize = 4;

/// Rows printed among a pipe or tab-separated table's lines that are not part of the table:
/// the page's metadata block (`索引号 | … | 公开方式 | …`), a title, a note.
#[derive(Debug, Default)]
pub struct Glue {
    pub paragraphs: Vec<Paragraph>,
    pub metadata: Vec<MetaField>,
    pub used: usize,
}

/// The metadata label a cell is, the page's own labels (`发布单位`) included.
fn meta_label(t: &str) -> Option<String> {
    crate::vocab::labels::meta_label_in(t, crate::vocab::labels::PAGE_META_LABELS)
}

/// Label/value pairs of a metadata row; `None` unless the row starts with a
/// label. A `label：value` cell is one pair.
fn meta_pairs(cells: &[String]) -> Option<Vec<MetaField>> {
    let cells: Vec<&str> = cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    if cells.len() > MAX_META_CELLS {
        return None;
    }
    let inline = |c: &str| {
        let (k, v) = c.split_once([':', '：'])?;
        Some(MetaField {
            label: meta_label(k)?,
            value: crate::text::clean(v),
        })
    };
    let first = cells.first()?;
    if meta_label(first).is_none() && inline(first).is_none() {
        return None;
    }
    let mut out = Vec::new();
    let mut it = cells.into_iter().peekable();
    while let Some(c) = it.next() {
        if let Some(label) = meta_label(c) {
            let value = it.next_if(|v| meta_label(v).is_none()).unwrap_or_default();
            out.push(MetaField {
                label,
                value: crate::text::clean(value),
            });
        } else if let Some(f) = inline(c) {
            out.push(f);
        }
    }
    Some(out)
}

/// Cells of a tab-separated line (a row pasted from a spreadsheet), `None`
/// for a line without a tab.
fn tab_cells(text: &str) -> Option<Vec<String>> {
    text.contains('\t')
        .then(|| text.split('\t').map(|c| c.trim().to_string()).collect())
}

/// True for a line `glue_at` reads rows from: pipe rows and tab-separated rows.
pub fn is_glue_line(text: &str) -> bool {
    is_pipe_line(text) || text.contains('\t')
}

/// One row of pipe text starting at `lines[0]`: a whole-row line, or cell
/// lines up to the one whose padding pipes end the row. Returns the cells
/// and the lines used; `None` when no row ends within `max_cells` lines.
fn row_at(lines: &[Line], max_cells: usize) -> Option<(Vec<String>, usize)> {
    let first = lines.first()?;
    if !is_pipe_line(first.text) {
        return tab_cells(first.text).map(|c| (c, 1));
    }
    let (cells, pads) = row_cells(first.text);
    if is_row_line(first.text) || pads > 0 {
        return Some((cells, 1));
    }
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate().take(max_cells) {
        if !is_pipe_line(l.text) {
            return None;
        }
        let t = tokenize(l);
        out.push(t.text);
        if t.pads > 0 {
            return Some((out, i + 1));
        }
    }
    None
}

/// True when a table header starts at `lines[0]`: its first cells are
/// mostly known header words.
fn header_at(lines: &[Line]) -> bool {
    let Some(first) = lines.first() else {
        return false;
    };
    let cells: Vec<String> = if !is_pipe_line(first.text) {
        tab_cells(first.text).unwrap_or_default()
    } else if is_row_line(first.text) {
        row_cells(first.text).0
    } else {
        // The row's own cells: it ends at the first padding pipes.
        let mut cells = Vec::new();
        for l in lines
            .iter()
            .take_while(|l| is_pipe_line(l.text))
            .take(HEADER_PROBE_CELLS)
        {
            let t = tokenize(l);
            cells.push(t.text);
            if t.pads > 0 {
                break;
            }
        }
        cells
    };
    cells
        .iter()
        .take(HEADER_PROBE_CELLS)
        .filter(|c| headers::is_known(c))
        .count()
        >= MIN_HEADER_WORDS
}

/// The one text of a row that prints a single cell.
fn single_text(cells: &[String]) -> Option<&str> {
    let mut it = cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty());
    let one = it.next()?;
    it.next().is_none().then_some(one)
}

/// Rows at `lines[0]` that an exporter glued to a table's lines but that are
/// not rows of it: notes (`注：…`), and, when a header follows them, a title
/// row and the page's metadata rows. Without this the whole run is read as
/// one table whose header is the metadata, and no project is found.
pub fn glue_at(lines: &[Line]) -> Option<Glue> {
    let mut glue = Glue::default();
    // Title rows read so far, kept only if a header follows them.
    let mut titles: Vec<Paragraph> = Vec::new();
    let mut titles_used = 0;
    for _ in 0..MAX_GLUE_ROWS {
        let rest = lines.get(glue.used + titles_used..).unwrap_or_default();
        let Some(line_no) = rest.first().map(|l| l.no) else {
            break;
        };
        let Some((cells, used)) = row_at(rest, MAX_META_CELLS) else {
            break;
        };
        // Notes and metadata say what they are: they stand on their own,
        // above or below a table.
        let own: Option<(Option<Paragraph>, Vec<MetaField>)> =
            match single_text(&cells).filter(|t| headers::is_note(t)) {
                Some(note) => Some((
                    Some(Paragraph {
                        text: note.to_string(),
                        line: Some(line_no),
                    }),
                    Vec::new(),
                )),
                None if header_at(rest) => break,
                None => meta_pairs(&cells).map(|m| (None, m)),
            };
        if let Some((note, fields)) = own {
            glue.paragraphs.append(&mut titles);
            glue.paragraphs.extend(note);
            glue.metadata.extend(fields);
            glue.used += titles_used + used;
            titles_used = 0;
            continue;
        }
        match single_text(&cells).filter(|t| {
            !headers::is_known(t)
                && !crate::vocab::sections::is_section_label(t)
                && !matches!(grid::kind(t), grid::Kind::Int | grid::Kind::Decimal)
        }) {
            Some(title) => {
                titles.push(Paragraph {
                    text: title.to_string(),
                    line: Some(line_no),
                });
                titles_used += used;
            }
            None => break,
        }
    }
    // A title row counts only when a table's header follows it.
    if titles_used > 0 && lines.get(glue.used + titles_used..).is_some_and(header_at) {
        glue.paragraphs.append(&mut titles);
        glue.used += titles_used;
    }
    (glue.used > 0).then_some(glue)
}

/// True when a row's cells are a note or a page's metadata, not table data.
pub fn is_glue_row(cells: &[String]) -> bool {
    single_text(cells).is_some_and(headers::is_note) || meta_pairs(cells).is_some()
}

/// True when a pipe line starts a note or metadata row that ends the table
/// above it (at a row boundary: after padding pipes, or a whole-row line).
fn ends_table(lines: &[Line], row_open: bool) -> bool {
    let Some(first) = lines.first() else {
        return false;
    };
    if row_open && !is_row_line(first.text) && tokenize(first).pads == 0 {
        return false;
    }
    // Most rows are data: their first cell is neither a note nor a label.
    let t = first.text.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let lead = t.split('|').next().unwrap_or_default().trim();
    let may_be_glue = headers::is_note(lead)
        || meta_label(lead).is_some()
        || lead
            .split_once([':', '：'])
            .is_some_and(|(k, _)| meta_label(k).is_some());
    may_be_glue && row_at(lines, MAX_META_CELLS).is_some_and(|(cells, _)| is_glue_row(&cells))
}

/// Parses a pipe table starting at `lines[0]`. Returns the table, how many
/// lines it used, and warnings.
pub fn parse(lines: &[Line]) -> (Option<Table>, usize, Vec<Warning>) {
    let mut warnings = Vec::new();
    let mut consumed = 0;
    let mut region: Vec<&Line> = Vec::new();
    // Whether the last cell line left its row open (no padding pipes yet).
    let mut row_open = false;
    // The line of a last row cut off before its closing pipe.
    let mut cut_line: Option<usize> = None;
    for (i, l) in lines.iter().enumerate() {
        if is_pipe_line(l.text) {
            if !region.is_empty() && ends_table(lines.get(i..).unwrap_or_default(), row_open) {
                break;
            }
            row_open = !is_row_line(l.text) && tokenize(l).pads == 0;
            region.push(l);
            consumed = i + 1;
        } else if is_row_line(l.text) && region.last().is_some_and(|p| is_row_line(p.text)) {
            // A whole-row line without its closing pipe after whole-row
            // lines: the page was cut off inside this row, whose last cell
            // runs to the end of the line. It is the table's last row.
            region.push(l);
            consumed = i + 1;
            cut_line = Some(l.no);
            break;
        } else if l.text.trim().is_empty() {
            continue;
        } else if row_open
            && !region.is_empty()
            // `单位主要负责人： 填表人：` under a form is its footer.
            && !l.text.contains([':', '：'])
            && lines
                .get(i + 1..)
                .is_some_and(|rest| rest.iter().all(|r| r.text.trim().is_empty()))
        {
            // The page's last line, inside an open row and without its
            // pipe: a cell cut off by the end of the page.
            region.push(l);
            consumed = i + 1;
            cut_line = Some(l.no);
            break;
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
                let (cells, pads) = row_cells(l.text);
                RawRow {
                    cells,
                    pads,
                    line: l.no,
                    cut: cut_line == Some(l.no),
                }
            })
            .collect();
        let width = rows.first().map_or(0, |r| r.cells.len() + r.pads);
        let rows = if rows.first().is_some_and(|r| r.pads > 0) {
            pads_as_empty_cells(rows, width)
        } else {
            trailing_empty_as_pad(rows, width)
        };
        let table = build(rows, width, &mut warnings);
        return (table, consumed, warnings);
    }
    let tokens = cell_tokens(&region);
    let mut width = infer_width(&tokens).unwrap_or_else(|| header_width(&tokens));
    let mut rows = group(&tokens, width);
    // Columns that no row ever prints (an exporter's trailing empty column).
    // A row cut short by the end of the page says nothing about the width
    // when that column is the one row-end pipe each row prints.
    let printed = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let row_end_column = printed + 1 == width;
    if printed > 0
        && printed < width
        && rows
            .iter()
            .all(|r| (r.cut && row_end_column) || r.cells.len() + r.pads >= width)
    {
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
                    WarningCode::RowWidth,
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
                && !crate::vocab::sections::is_section_heading(c)
                && !matches!(
                    grid::kind(c),
                    grid::Kind::Int | grid::Kind::Decimal | grid::Kind::Long
                )
        })
}

/// A row that continues a project under a name spanning a sub-item column,
/// whose own text was placed as a sub-item but is numbered like the name
/// above it (`（二）井盖整治` under `（一）燃气改造`, where sub-items are `1.` `2.`),
/// names the next item: it moves to the name column and spans the sub-item.
fn name_not_sub_item(cells: &mut [Cell], from: usize, to: usize) {
    let (Some(name), Some(sub)) = (cells.get(from), cells.get(to)) else {
        return;
    };
    let same_level = grid::marker_level(&name.text).is_some()
        && grid::marker_level(&name.text) == grid::marker_level(&sub.text);
    if matches!(name.origin, Origin::RowSpan { .. }) && sub.origin == Origin::Own && same_level {
        let text = sub.text.clone();
        if let Some(slot) = cells.get_mut(from) {
            *slot = Cell::own(text.clone());
        }
        if let Some(slot) = cells.get_mut(to) {
            *slot = Cell {
                text,
                origin: Origin::ColSpan { col: from },
            };
        }
    }
}

/// True when a row's aligned columns start at the first and leave out one.
fn starts_all_but_one(cols: &[usize], width: usize) -> bool {
    cols.len() + 1 == width && cols.first() == Some(&0)
}

/// A pipe table from its raw rows: the columns learned from the full rows,
/// the header rows, then each body row placed in the grid.
fn build(rows: Vec<RawRow>, width: usize, warnings: &mut Vec<Warning>) -> Option<Table> {
    if rows.is_empty() || width == 0 {
        return None;
    }
    let profiles = column_profiles(&rows, width);
    let (mut out, body_start) = header_rows(&rows, width, &profiles)?;
    let header_rows = out.len();
    let span = name_span(&out);
    for r in rows.into_iter().skip(body_start) {
        let idx = out.len();
        let above = out
            .last()
            .filter(|_| idx > header_rows)
            .map(|row| (row, idx - 1));
        let cells = body_cells(&r, width, &profiles, span, above, warnings);
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
        layout: crate::model::Layout::PipeTable,
    })
}

/// What each column holds, learned from the full body rows, with the
/// header's say added when too few rows teach it.
fn column_profiles(rows: &[RawRow], width: usize) -> Vec<Profile> {
    let full: Vec<&[String]> = rows
        .iter()
        .skip(1)
        .filter(|r| r.cells.len() == width)
        .map(|r| r.cells.as_slice())
        .collect();
    let mut profiles: Vec<Profile> = grid::profiles(full.iter().copied(), width);
    if full.len() < grid::MIN_LEARNED_ROWS {
        if let Some(first) = rows.first().filter(|r| r.cells.len() == width) {
            grid::add_header_priors(&mut profiles, &first.cells);
        }
    }
    profiles
}

/// The header rows, and the index of the first body row. One row, or two
/// when the first is short and the second is header-like and fills exactly
/// the columns the first leaves open, or when the second prints the leaves
/// under a first row's spanning cells.
fn header_rows(rows: &[RawRow], width: usize, profiles: &[Profile]) -> Option<(Vec<Row>, usize)> {
    let first = rows.first()?;
    let second = rows.get(1);
    // Pipe-only lines end header rows with an empty cell of the exporter's
    // making; the header's own cells are the ones before it.
    let printed = |cells: &[String]| -> Vec<String> {
        let n = cells.len()
            - cells
                .iter()
                .rev()
                .take_while(|c| c.trim().is_empty())
                .count();
        cells.iter().take(n).cloned().collect()
    };
    let header = match second {
        Some(r1)
            if first.cells.len() < width
                && is_header_row(r1)
                && first.cells.len() + r1.cells.len() == width + 1 =>
        {
            Some(grid::choose_parent(&first.cells, &r1.cells, profiles))
        }
        Some(r1) => {
            let (top, sub) = (printed(&first.cells), printed(&r1.cells));
            let sub_row = RawRow {
                cells: sub.clone(),
                pads: 0,
                line: r1.line,
                cut: false,
            };
            (top.len() >= 2
                && sub.len() >= 2
                && is_header_row(&sub_row)
                && top.len() + sub.len() == width)
                .then(|| grid::choose_parent_spanning(&top, &sub, profiles))
        }
        None => None,
    };
    let two = |a: Vec<Cell>, b: Vec<Cell>, line: usize| {
        let rows = vec![
            Row {
                cells: a,
                line: Some(first.line),
            },
            Row {
                cells: b,
                line: Some(line),
            },
        ];
        (rows, 2)
    };
    if let (Some(h), Some(r1)) = (header, second) {
        let (a, b) = h.rows();
        return Some(two(a, b, r1.line));
    }
    let blank_spans = second
        .filter(|r1| first.cells.len() == width && r1.cells.len() == width)
        .and_then(|r1| Some((grid::spanned_header(&first.cells, &r1.cells)?, r1.line)));
    if let Some(((a, b), line)) = blank_spans {
        return Some(two(a, b, line));
    }
    let mut cells: Vec<Cell> = first.cells.iter().map(|c| Cell::own(c.clone())).collect();
    cells.resize(width, Cell::own(""));
    Some((
        vec![Row {
            cells,
            line: Some(first.line),
        }],
        1,
    ))
}

/// A header cell spanning two columns with nothing under it (项目名称 over a
/// name and its sub-item column): (first column, spanned column).
fn name_span(header: &[Row]) -> Option<(usize, usize)> {
    let leaf = header.get(1)?;
    let mut spans = leaf
        .cells
        .iter()
        .enumerate()
        .filter_map(|(i, c)| match c.origin {
            Origin::ColSpan { col } => Some((col, i)),
            _ => None,
        });
    match (spans.next(), spans.next()) {
        (Some(one), None) => Some(one),
        _ => None,
    }
}

/// A body row's cells in the grid: a full row as printed; a wider row as
/// printed and flagged; a row cut short by the page with its first cells
/// only (copying the rest from above would give it another project's name);
/// a lone section label spanning the row; any other short row where its
/// cells fit the columns best, the rest spanned from the row above.
fn body_cells(
    r: &RawRow,
    width: usize,
    profiles: &[Profile],
    span: Option<(usize, usize)>,
    above: Option<(&Row, usize)>,
    warnings: &mut Vec<Warning>,
) -> Vec<Cell> {
    let own = || {
        r.cells
            .iter()
            .map(|c| Cell::own(c.clone()))
            .collect::<Vec<Cell>>()
    };
    let n_nonempty = r.cells.iter().filter(|c| !c.trim().is_empty()).count();
    if r.cells.len() == width {
        return own();
    }
    if r.cells.len() > width {
        warnings.push(
            Warning::new(
                WarningCode::RowTooWide,
                format!(
                    "row at line {} has {} cells, wider than the table's {width}",
                    r.line,
                    r.cells.len()
                ),
            )
            .at_line(r.line),
        );
        return own();
    }
    if r.cut && above.is_some() {
        let mut cells = own();
        cells.resize(width, Cell::own(""));
        return cells;
    }
    if n_nonempty == 1
        && r.cells
            .first()
            .is_some_and(|c| crate::vocab::sections::is_section_label(c))
    {
        return grid::spanning_row(r.cells.first().map(String::as_str).unwrap_or(""), width);
    }
    let Some(cols) = grid::align(&r.cells, profiles) else {
        return own();
    };
    match span.filter(|_| starts_all_but_one(&cols, width)) {
        // A row that starts a project and prints every column but one
        // leaves out the column its name spans into.
        Some((from, to)) => {
            let cols: Vec<usize> = (0..width).filter(|&c| c != to).collect();
            let mut cells = grid::fill_from_above(&r.cells, &cols, width, above);
            let text = cells.get(from).map(|c| c.text.clone()).unwrap_or_default();
            if let Some(slot) = cells.get_mut(to) {
                *slot = Cell {
                    text,
                    origin: Origin::ColSpan { col: from },
                };
            }
            cells
        }
        None => {
            let mut cells = grid::fill_from_above(&r.cells, &cols, width, above);
            if let Some((from, to)) = span {
                name_not_sub_item(&mut cells, from, to);
            }
            cells
        }
    }
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
