//! Cell-per-line text (seed 001, a saved web page): every cell on a line of
//! its own, cells separated by a blank line, and each empty cell adding one
//! more blank line. Nothing marks where a row ends, so rows are inferred:
//! sequence numbers and section headings start rows, the usual distance
//! between them is the width, and a numeric column (年度投资) anchors the rows
//! of a project printed over several rows (sub-projects with their own
//! investment). A row that prints one cell more before the anchor than the
//! header has columns there carries a sub-item name: the grid gets a column
//! for it, which ordinary rows fill by spanning their name across it.

use super::grid::{self, Kind, Profile, TwoRowHeader};
use super::Line;
use crate::model::WarningCode;
use crate::model::{Cell, Origin, Row, Table, Warning};
use crate::vocab::headers::{self, Field};

/// How many of the lines after a header word must be header words too.
const MIN_HEADER_RUN: usize = 3;

/// Numbered groups of one length that make it the table's width; fewer, and
/// the header's cell count is taken instead.
const MIN_AGREEING_ROWS: usize = 2;

/// Share of complete rows whose cell must be numeric for a column to anchor rows.
const ANCHOR_SHARE: f64 = 0.8;

#[derive(Debug, Clone)]
struct Tok {
    text: String,
    /// Global 1-based line number.
    line: usize,
    /// Index of the line within the parsed slice.
    idx: usize,
}

fn is_header_word(t: &str) -> bool {
    let t = t.trim();
    // `牵头单位：环保分局` is a labelled line under an item, not a header cell.
    let labelled = super::outline::line_label(t).is_some_and(|(_, value)| !value.is_empty());
    !t.is_empty() && !labelled && headers::is_known(t)
}

fn other_layout(text: &str) -> bool {
    super::pipe::is_pipe_line(text) || super::tabbed::is_tab_line(text)
}

/// True when a cell-per-line table starts at `lines[i]`: a header word on its
/// own line, followed by more header words on their own lines.
pub fn starts_at(lines: &[Line], i: usize) -> bool {
    let Some(first) = lines.get(i) else {
        return false;
    };
    if other_layout(first.text) || !is_header_word(first.text) {
        return false;
    }
    let next: Vec<&str> = lines
        .iter()
        .skip(i + 1)
        .map(|l| l.text)
        .filter(|t| !t.trim().is_empty())
        .take(MIN_HEADER_RUN + 1)
        .collect();
    next.iter().filter(|t| is_header_word(t)).count() >= MIN_HEADER_RUN
        || closed_by_first_row(first.text, lines.get(i + 1..).unwrap_or_default())
}

/// Fewest header words, the first included, of a header that the first
/// row's number ends.
const MIN_NUMBERED_HEADER: usize = 3;

/// A narrow table (`序号` / `项目名称` / `责任单位` / `1` / …): too few header
/// words for the run above, but a sequence column's header, only header
/// words after it, and then the number 1 that starts the first row.
fn closed_by_first_row(first: &str, rest: &[Line]) -> bool {
    if headers::classify(first.trim()).map(|c| c.0) != Some(Field::Seq) {
        return false;
    }
    let lines = rest
        .iter()
        .map(|l| l.text.trim())
        .filter(|t| !t.is_empty())
        .take(MAX_HEADER_LINES);
    // The header words before the first row's number, the first included.
    for (words, t) in (1..).zip(lines) {
        if seq_value(t) == Some(1) {
            return words >= MIN_NUMBERED_HEADER;
        }
        if !is_header_word(t) && !maybe_header_cell(t) {
            return false;
        }
    }
    false
}

/// Longest line taken, among known header words, as a header cell the
/// vocabulary does not know or half of one wrapped over two lines
/// (`建设起` / `止年限`, `2023年度` / `计划`).
const MAX_UNKNOWN_HEADER_CHARS: usize = 12;

/// A short line with no sentence in it: maybe a header cell.
fn maybe_header_cell(t: &str) -> bool {
    t.chars().count() <= MAX_UNKNOWN_HEADER_CHARS
        && !t.contains(['，', ',', '。', '；', ';', '：', ':'])
        && !is_numeric(t)
}

/// Most lines a header closed by the first row's number may take.
const MAX_HEADER_LINES: usize = 30;

fn tokenize(lines: &[Line]) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut blanks = 0usize;
    let mut seen = false;
    for (idx, l) in lines.iter().enumerate() {
        if other_layout(l.text) {
            break;
        }
        if l.text.trim().is_empty() {
            blanks += 1;
            continue;
        }
        if seen {
            for _ in 1..blanks {
                toks.push(Tok {
                    text: String::new(),
                    line: l.no,
                    idx,
                });
            }
        }
        blanks = 0;
        seen = true;
        toks.push(Tok {
            text: l.text.trim().to_string(),
            line: l.no,
            idx,
        });
    }
    toks
}

/// True when a token may be a header cell on its own.
fn header_cell(t: &str) -> bool {
    !t.is_empty()
        && !crate::vocab::sections::is_section_heading(t)
        && (is_header_word(t) || matches!(grid::kind(t), Kind::Short | Kind::Units))
}

/// The printed header cells at the start of the tokens, and how many tokens
/// they use. A header cell wrapped over two lines prints as two tokens, read
/// as one cell when together they make a known header and either the second
/// is a bracketed note (`总投资` / `(万元)`, joined whatever it makes) or
/// the first cannot head a column alone (`2023年` / `目标进度`), or neither
/// half is a header the vocabulary knows (`建设起` / `止年限`, `责任` /
/// `单位`). Two cells that each can head a
/// column stay two (`当前进度` / `牵头单位`, although `牵头` would match the
/// pair).
fn read_header(toks: &[Tok]) -> (Vec<String>, usize) {
    let mut header: Vec<String> = Vec::new();
    let mut k = 0;
    while let Some(t) = toks.get(k) {
        // A bracketed note (`(万元)`) is never a column of its own.
        let joined = toks
            .get(k + 1)
            .filter(|n| wrapped_header(&t.text, &n.text))
            .filter(|n| is_note(&n.text) || is_header_word(&format!("{}{}", t.text, n.text)))
            .map(|n| format!("{}{}", t.text, n.text));
        if let Some(j) = joined {
            header.push(j);
            k += 2;
        } else if header_cell(&t.text) {
            header.push(t.text.clone());
            k += 1;
        } else {
            break;
        }
    }
    (header, k)
}

/// Whether `next` may be the second line of a header cell that starts with
/// `first` (the pair must still make a known header).
fn wrapped_header(first: &str, next: &str) -> bool {
    let note = is_note(next);
    !first.is_empty()
        && !next.is_empty()
        && !is_numeric(next)
        && (note
            || (!header_cell(first) && !is_header_word(first))
            || (!is_header_word(first) && !is_header_word(next)))
}

/// `(万元)`, `（个）`: a note in brackets under a header cell.
fn is_note(t: &str) -> bool {
    t.starts_with(['(', '（']) && t.ends_with([')', '）']) && t.chars().count() <= MAX_NOTE_CHARS
}

/// Longest bracketed note under a header cell.
const MAX_NOTE_CHARS: usize = 8;

/// A header read as more cells than the rows have: cells wrapped over two
/// lines, one half of which the vocabulary does not know (`2023年度` /
/// `计划`, `资金` / `来源`), joined left to right when that gives exactly the
/// rows' width. (A group header's children flattened into the same run are
/// known headers — 年度投资, 6月 — and are left to the two-row reading.)
fn join_unknown_halves(header: &[String], w: usize) -> Option<Vec<String>> {
    let excess = header.len().checked_sub(w).filter(|e| *e >= 1)?;
    // A sequence column's header (`序号`) is never half of a wrapped cell.
    let is_seq = |t: &str| headers::classify(t).map(|c| c.0) == Some(Field::Seq);
    let halves = |t: &str, n: &str| {
        let both_known = is_header_word(t) && is_header_word(n);
        let either_seq = is_seq(t) || is_seq(n);
        !both_known && !either_seq && maybe_header_cell(t) && maybe_header_cell(n)
    };
    // Pairs that make a known header first (`2023年度` / `计划`), then any.
    let (once, excess) = join_pairs(header, excess, |t, n| {
        halves(t, n) && is_header_word(&format!("{t}{n}"))
    });
    // Then a short tail a line wrap left (`资金` / `来源`); a longer unknown
    // cell may be a group header over the cells after it (`测评等次` over
    // 满意, 基本满意, 不满意), for the two-row reading.
    let (out, _) = join_pairs(&once, excess, |t, n| {
        halves(t, n) && n.chars().count() <= MAX_WRAPPED_TAIL_CHARS
    });
    (out.len() == w).then_some(out)
}

/// Longest second half of a header cell wrapped over two lines that the
/// vocabulary does not know as part of a header.
const MAX_WRAPPED_TAIL_CHARS: usize = 2;

/// One pass left to right joining adjacent cells that `pair` accepts, at
/// most `excess` times; returns the cells and the joins still allowed.
fn join_pairs(
    header: &[String],
    mut excess: usize,
    pair: impl Fn(&str, &str) -> bool,
) -> (Vec<String>, usize) {
    let mut out: Vec<String> = Vec::with_capacity(header.len());
    let mut k = 0;
    while let Some(t) = header.get(k) {
        match header.get(k + 1).filter(|n| excess > 0 && pair(t, n)) {
            Some(n) => {
                out.push(format!("{t}{n}"));
                excess -= 1;
                k += 2;
            }
            None => {
                out.push(t.clone());
                k += 1;
            }
        }
    }
    (out, excess)
}

/// Line index of the last non-empty token: empty cells are blank lines, and
/// the blank lines after a table are not part of it.
fn last_text_idx(toks: &[Tok]) -> Option<usize> {
    toks.iter()
        .rev()
        .find(|t| !t.text.is_empty())
        .map(|t| t.idx)
}

fn is_numeric(t: &str) -> bool {
    matches!(grid::kind(t), Kind::Int | Kind::Decimal)
}

fn seq_value(t: &str) -> Option<u32> {
    if grid::kind(t) == Kind::Int {
        crate::text::ascii_digits(t.trim()).parse().ok()
    } else {
        None
    }
}

#[derive(Debug, PartialEq)]
enum ChunkKind {
    Section,
    Seq,
    Other,
}

struct Chunk {
    kind: ChunkKind,
    toks: Vec<Tok>,
}

/// Parses a cell-per-line table starting at `lines[0]`; returns the table,
/// how many lines it used, and warnings.
pub fn parse(lines: &[Line]) -> (Option<Table>, usize, Vec<Warning>) {
    let mut warnings = Vec::new();
    let toks = tokenize(lines);
    let (header, h) = read_header(&toks);
    if header.len() < 2 {
        return (None, 0, warnings);
    }
    let chunks = chunks(toks.get(h..).unwrap_or_default(), header.len());
    let w = row_width(&chunks, header.len());
    let header = join_unknown_halves(&header, w).unwrap_or(header);
    let (learned, profiles) = column_profiles(&chunks, w, &header);
    let (mut head0, mut head1, leaves) = resolve_header(&header, w, &profiles, &mut warnings);
    let anchor = find_anchor(&learned, &leaves, w);
    let (pieces, last_used) = pieces(&chunks, w, anchor, &profiles, &mut warnings);

    // Sub-item columns: rows that print more cells before the anchor than there are columns.
    let extra = match anchor {
        Some(a) => pieces
            .iter()
            .filter_map(|piece| piece.pre.map(|p| p.saturating_sub(a)))
            .max()
            .unwrap_or(0),
        None => 0,
    };
    let name_col = leaves
        .iter()
        .position(|l| headers::classify(l).map(|x| x.0) == Some(Field::Name))
        .filter(|c| anchor.is_none_or(|a| *c < a))
        .unwrap_or(1.min(w.saturating_sub(1)));
    for hrow in [&mut head0, &mut head1].into_iter().flatten() {
        widen_header_row(hrow, name_col, extra);
    }

    let grid = Grid {
        width: w + extra,
        anchor,
        extra,
        name_col,
        profiles: &profiles,
    };
    let header_line = toks.first().map(|t| t.line);
    let mut rows: Vec<Row> = [head0, head1]
        .into_iter()
        .flatten()
        .map(|cells| Row {
            cells,
            line: header_line,
        })
        .collect();
    let header_rows = rows.len();
    for piece in pieces {
        let line = piece
            .toks
            .iter()
            .find(|t| !t.text.is_empty())
            .map(|t| t.line);
        let idx = rows.len();
        let above = rows
            .last()
            .filter(|_| idx > header_rows)
            .map(|r| (r, idx - 1));
        let cells = grid.cells(piece, above);
        rows.push(Row { cells, line });
    }
    let consumed = last_used.map_or(0, |i| i + 1);
    if rows.len() <= header_rows {
        return (None, 0, warnings);
    }
    let table = Table {
        width: grid.width,
        header_rows,
        rows,
        layout: crate::model::Layout::CellPerLine,
    };
    (Some(table), consumed, warnings)
}

/// Splits the cells after the header into chunks that each start a row
/// group: at a section heading, or at the next sequence number (or a 1)
/// once the current group is long enough to be a row. Another table's
/// header ends the table.
fn chunks(toks: &[Tok], header_len: usize) -> Vec<Chunk> {
    let min_row = (header_len / 2).max(2);
    let mut chunks: Vec<Chunk> = Vec::new();
    let mut expected = 1u32;
    // Numbering may start again at 1 (groups under section headings), but
    // a 1 with the next number close behind is a cell (a count of votes),
    // not a new row.
    let soon = |ahead: &[Tok], n: u32| {
        ahead
            .iter()
            .take(min_row)
            .any(|x| seq_value(&x.text) == Some(n))
    };
    for (k, t) in toks.iter().enumerate() {
        if is_header_word(&t.text)
            && toks
                .iter()
                .skip(k + 1)
                .filter(|x| !x.text.is_empty())
                .take(MIN_HEADER_RUN)
                .all(|x| is_header_word(&x.text))
        {
            break;
        }
        let cur_len = chunks.last().map_or(usize::MAX, |c| c.toks.len());
        let start = if !t.text.is_empty() && crate::vocab::sections::is_section_heading(&t.text) {
            Some(ChunkKind::Section)
        } else if seq_value(&t.text).is_some_and(|v| {
            v == expected || (v == 1 && !soon(toks.get(k + 1..).unwrap_or_default(), expected))
        }) && cur_len >= min_row
        {
            Some(ChunkKind::Seq)
        } else {
            None
        };
        match start {
            Some(kind) => {
                if kind == ChunkKind::Seq {
                    expected = seq_value(&t.text).unwrap_or(0) + 1;
                }
                chunks.push(Chunk {
                    kind,
                    toks: vec![t.clone()],
                });
            }
            None => match chunks.last_mut() {
                Some(c) => c.toks.push(t.clone()),
                None => chunks.push(Chunk {
                    kind: ChunkKind::Other,
                    toks: vec![t.clone()],
                }),
            },
        }
    }
    chunks
}

/// The table's width: the usual length of a numbered row. When no two
/// numbered groups agree and even the shortest is longer than the header
/// (every row has a wrapped cell or a continuation row), the header is the
/// better witness of the width.
///
/// The last numbered group is no witness when it is shorter than every
/// other: a page cut off inside its last row, or a last row whose empty
/// cells print no blank lines after them.
fn row_width(chunks: &[Chunk], header_len: usize) -> usize {
    let numbered: Vec<usize> = chunks
        .iter()
        .filter(|c| c.kind == ChunkKind::Seq)
        .map(|c| c.toks.len())
        .collect();
    let witnesses = match numbered.split_last() {
        Some((last, others))
            if others.len() >= MIN_AGREEING_ROWS && others.iter().all(|n| n > last) =>
        {
            others
        }
        _ => numbered.as_slice(),
    };
    let mut counts: std::collections::BTreeMap<usize, usize> = Default::default();
    for len in witnesses {
        *counts.entry(*len).or_default() += 1;
    }
    counts
        .iter()
        .max_by_key(|(len, n)| (**n, std::cmp::Reverse(**len)))
        .filter(|(len, n)| **n >= MIN_AGREEING_ROWS || **len <= header_len)
        .map(|(len, _)| *len)
        .unwrap_or(header_len)
}

/// What each column holds, learned from the numbered rows of full width
/// (first), and the same with the header's say added when too few complete
/// rows teach the columns (second), as in pipe tables.
fn column_profiles(chunks: &[Chunk], w: usize, header: &[String]) -> (Vec<Profile>, Vec<Profile>) {
    let full: Vec<Vec<String>> = chunks
        .iter()
        .filter(|c| c.kind == ChunkKind::Seq && c.toks.len() == w)
        .map(|c| c.toks.iter().map(|t| t.text.clone()).collect())
        .collect();
    let learned: Vec<Profile> = grid::profiles(full.iter().map(|r| r.as_slice()), w);
    let mut profiles = learned.clone();
    if full.len() < grid::MIN_LEARNED_ROWS && header.len() == w {
        grid::add_header_priors(&mut profiles, header);
    }
    (learned, profiles)
}

/// The anchor: a numeric column other than the sequence number, found from
/// the rows alone (a header's say is no evidence that its cells are numbers).
fn find_anchor(learned: &[Profile], leaves: &[String], w: usize) -> Option<usize> {
    (1..w).find(|c| {
        learned
            .get(*c)
            .is_some_and(|p| p.share(&[Kind::Int, Kind::Decimal]) >= ANCHOR_SHARE)
            && leaves
                .get(*c)
                .and_then(|l| headers::classify(l))
                .map(|x| x.0)
                != Some(Field::Seq)
    })
}

/// Each chunk's rows, and the last token the table used. Cells that fit no
/// row are text after the table past the last row (handed back); inside the
/// table they are kept as a row of their own and flagged.
fn pieces(
    chunks: &[Chunk],
    w: usize,
    anchor: Option<usize>,
    profiles: &[Profile],
    warnings: &mut Vec<Warning>,
) -> (Vec<Piece>, Option<usize>) {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut last_used: Option<usize> = None;
    for (ci, chunk) in chunks.iter().enumerate() {
        if chunk.kind == ChunkKind::Section {
            pieces.push(Piece::new(chunk.toks.clone(), None, true));
            last_used = last_text_idx(&chunk.toks).or(last_used);
            continue;
        }
        let n = chunk.toks.len();
        if anchor.is_none() && n > w && chunk.kind == ChunkKind::Seq {
            if let Some(rows) = segmented(&chunk.toks, profiles) {
                last_used = last_text_idx(&chunk.toks).or(last_used);
                pieces.extend(rows);
                continue;
            }
        }
        let split = split_chunk(&chunk.toks, w, anchor);
        let used: usize = split.iter().map(|(t, _)| t.len()).sum();
        for (t, pre) in split {
            last_used = last_text_idx(&t).or(last_used);
            pieces.push(Piece::new(t, pre, false));
        }
        let is_last = ci + 1 == chunks.len();
        if used < n && !is_last {
            let rest: Vec<Tok> = chunk.toks.iter().skip(used).cloned().collect();
            if let Some(first) = rest.first() {
                warnings.push(
                    Warning::new(
                        WarningCode::CellsUnplaced,
                        format!(
                            "{} cells from line {} fit no row; kept as a row",
                            rest.len(),
                            first.line
                        ),
                    )
                    .at_line(first.line),
                );
            }
            last_used = last_text_idx(&rest).or(last_used);
            pieces.push(Piece::new(rest, None, false));
        }
    }
    (pieces, last_used)
}

/// Inserts `extra` sub-item columns after the name column of a header row,
/// spanned from the name; spans from columns right of the insertion move
/// right with them.
fn widen_header_row(hrow: &mut Vec<Cell>, name_col: usize, extra: usize) {
    if extra == 0 {
        return;
    }
    let name = hrow
        .get(name_col)
        .map(|c| c.text.clone())
        .unwrap_or_default();
    for c in hrow.iter_mut() {
        if let Origin::ColSpan { col } = &mut c.origin {
            if *col > name_col {
                *col += extra;
            }
        }
    }
    for k in 0..extra {
        hrow.insert(
            name_col + 1 + k,
            Cell {
                text: name.clone(),
                origin: Origin::ColSpan { col: name_col },
            },
        );
    }
}

/// The table's grid, as rows are placed into it.
struct Grid<'a> {
    width: usize,
    anchor: Option<usize>,
    /// Sub-item columns inserted after the name column.
    extra: usize,
    name_col: usize,
    profiles: &'a [Profile],
}

impl Grid<'_> {
    /// A row's cells placed in the grid: a section row spans it; a row
    /// split by [`grid::segment`] takes its columns; a row split at the
    /// anchor is placed around it; a full row as it is; a short row where
    /// its cells fit the columns best, the rest spanned from above.
    fn cells(&self, piece: Piece, above: Option<(&Row, usize)>) -> Vec<Cell> {
        let Piece {
            toks,
            pre,
            section,
            placed,
        } = piece;
        let texts: Vec<String> = toks.iter().map(|t| t.text.clone()).collect();
        let width = self.width;
        if section {
            return section_row(&texts, width, self.anchor.map(|a| a + self.extra));
        }
        if let Some(Placement { cols, continues }) = placed {
            return grid::fill(&texts, &cols, width, above.filter(|_| continues), width);
        }
        match (self.anchor, pre) {
            (Some(a), Some(p)) => {
                place_anchored(&texts, p, a, self.extra, self.name_col, width, above)
            }
            _ if texts.len() == width => texts.into_iter().map(Cell::own).collect(),
            _ => match grid::align(&texts, self.profiles) {
                Some(cols) if texts.len() < width => {
                    grid::fill_from_above(&texts, &cols, width, above)
                }
                _ => {
                    let mut c: Vec<Cell> = texts.into_iter().map(Cell::own).collect();
                    c.resize(width, Cell::own(""));
                    c
                }
            },
        }
    }
}

/// One row's cells before they are placed in the grid.
struct Piece {
    toks: Vec<Tok>,
    /// Cells before the anchor cell, for rows split at an anchor.
    pre: Option<usize>,
    /// A section heading row.
    section: bool,
    /// Columns already chosen by [`grid::segment`].
    placed: Option<Placement>,
}

struct Placement {
    cols: Vec<usize>,
    /// A continuation row: the columns it leaves out span down from above.
    continues: bool,
}

impl Piece {
    fn new(toks: Vec<Tok>, pre: Option<usize>, section: bool) -> Self {
        Piece {
            toks,
            pre,
            section,
            placed: None,
        }
    }
}

/// A numbered group of cells longer than a row, split by [`grid::segment`]
/// into a first row and continuation rows; paragraphs read as one cell are
/// joined with a line break.
fn segmented(toks: &[Tok], profiles: &[Profile]) -> Option<Vec<Piece>> {
    let texts: Vec<String> = toks.iter().map(|t| t.text.clone()).collect();
    let rows = grid::segment(&texts, profiles)?;
    let mut out = Vec::with_capacity(rows.len());
    for (r, row) in rows.into_iter().enumerate() {
        let mut cells = Vec::with_capacity(row.len());
        let mut cols = Vec::with_capacity(row.len());
        for (col, range) in row {
            let parts = toks.get(range)?;
            let first = parts.first()?;
            let text = join_paragraphs(parts);
            cells.push(Tok {
                text,
                line: first.line,
                idx: parts.last().map_or(first.idx, |t| t.idx),
            });
            cols.push(col);
        }
        out.push(Piece {
            toks: cells,
            pre: None,
            section: false,
            placed: Some(Placement {
                cols,
                continues: r > 0,
            }),
        });
    }
    Some(out)
}

/// The paragraphs of one cell, one per line; a part that names no
/// organisation directly before one that does is a unit name wrapped over
/// two lines (`区新兴产业` / `服务中心`) and is joined without a break.
fn join_paragraphs(parts: &[Tok]) -> String {
    let mut text = String::new();
    let mut prev: Option<Kind> = None;
    for t in parts {
        let k = grid::kind(&t.text);
        if prev.is_some() && !(prev == Some(Kind::Short) && k == Kind::Units) {
            text.push('\n');
        }
        text.push_str(&t.text);
        prev = Some(k);
    }
    text
}

type HeaderRows = (Option<Vec<Cell>>, Option<Vec<Cell>>, Vec<String>);

/// Fits the printed header cells to `w` columns: one row when they are as
/// many, two rows when one more (a group header over a second row).
fn resolve_header(
    header: &[String],
    w: usize,
    profiles: &[Profile],
    warnings: &mut Vec<Warning>,
) -> HeaderRows {
    let h = header.len();
    if h == w {
        let r: Vec<Cell> = header.iter().map(|t| Cell::own(t.clone())).collect();
        return (Some(r), None, header.to_vec());
    }
    if h == w + 1 {
        let mut best: Option<(f64, TwoRowHeader)> = None;
        for k in 1..h {
            let (top, children) = header.split_at(h - k);
            let cand = grid::choose_parent(top, children, profiles);
            let mut score = grid::header_fit(&cand.leaves(), profiles);
            if top
                .get(cand.parent)
                .is_some_and(|t| headers::group(t).is_some())
            {
                score += 100.0;
            }
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((score, cand));
            }
        }
        if let Some((_, hdr)) = best {
            let leaves = hdr.leaves();
            let (a, b) = hdr.rows();
            return (Some(a), Some(b), leaves);
        }
    }
    warnings.push(Warning::new(
        WarningCode::HeaderWidth,
        format!("header has {h} cells but rows have {w}; header cells beyond the rows are dropped or padded"),
    ));
    let mut leaves: Vec<String> = header.iter().take(w).cloned().collect();
    leaves.resize(w, String::new());
    let r: Vec<Cell> = leaves.iter().map(|t| Cell::own(t.clone())).collect();
    (Some(r), None, leaves)
}

/// Splits a numbered chunk into rows. With an anchor column `a`, every row is
/// the cells before an anchor cell, the anchor, and the `w - a - 1` cells after
/// it; without one, rows are `w` cells long. Returns each row's tokens and,
/// with an anchor, how many cells it prints before the anchor.
fn split_chunk(toks: &[Tok], w: usize, anchor: Option<usize>) -> Vec<(Vec<Tok>, Option<usize>)> {
    let n = toks.len();
    let mut out = Vec::new();
    let Some(a) = anchor else {
        let mut start = 0;
        while start < n {
            let end = (start + w).min(n);
            out.push((toks.get(start..end).unwrap_or_default().to_vec(), None));
            start = end;
        }
        return out;
    };
    let post = w - a - 1;
    let mut start = 0;
    while start < n {
        let min_q = if start == 0 { a } else { start };
        // The last row of the input may lack its trailing empty cells.
        let found = (min_q..n).find(|q| {
            toks.get(*q).is_some_and(|t| is_numeric(&t.text))
                && q - start <= a + 1
                && (q + post < n || start + w >= n)
        });
        let Some(q) = found else {
            break;
        };
        let end = (q + post + 1).min(n);
        out.push((
            toks.get(start..end).unwrap_or_default().to_vec(),
            Some(q - start),
        ));
        start = end;
    }
    out
}

/// Places a row's cells around its anchor cell. `p` cells come before the
/// anchor; the pre-anchor region has `a + extra` columns.
fn place_anchored(
    texts: &[String],
    p: usize,
    a: usize,
    extra: usize,
    name_col: usize,
    width: usize,
    above: Option<(&Row, usize)>,
) -> Vec<Cell> {
    let region = a + extra;
    if p == a && extra > 0 {
        // An ordinary row: its name spans the sub-item columns.
        let mut cells: Vec<Cell> = Vec::with_capacity(width);
        for (i, t) in texts.iter().enumerate() {
            cells.push(Cell::own(t.clone()));
            if i == name_col {
                for _ in 0..extra {
                    cells.push(Cell {
                        text: t.clone(),
                        origin: Origin::ColSpan { col: name_col },
                    });
                }
            }
        }
        cells.resize(width, Cell::own(""));
        return cells;
    }
    // Continuation: the printed pre-anchor cells fill the last columns of
    // the region; the leading ones are merged from the row above.
    let skip = region.saturating_sub(p);
    let cols: Vec<usize> = (0..texts.len()).map(|i| i + skip).collect();
    grid::fill(texts, &cols, width, above, skip)
}

/// A section row: its heading spans the leading columns, up to the anchor
/// column when the row prints a number there (a section total), else so that
/// the cells printed after it end at the last column.
fn section_row(texts: &[String], width: usize, anchor: Option<usize>) -> Vec<Cell> {
    let n = texts.len().min(width).max(1);
    let numeric_total = texts.get(1).is_some_and(|t| is_numeric(t));
    let span = match anchor {
        Some(a) if numeric_total && a >= 1 && a < width => a,
        _ => width + 1 - n,
    };
    let label = texts.first().cloned().unwrap_or_default();
    let mut cells = grid::spanning_row(&label, span);
    cells.extend(
        texts
            .iter()
            .skip(1)
            .take(width - span)
            .map(|t| Cell::own(t.clone())),
    );
    cells.resize(width, Cell::own(""));
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::layout::test_lines as lines;

    /// The texts of row `r`, spans included.
    fn row_texts(t: &Table, r: usize) -> Vec<String> {
        t.rows[r].cells.iter().map(|c| c.text.clone()).collect()
    }

    #[test]
    fn sub_items_get_their_own_column() {
        let src = "序号\n\n项目名称\n\n年度投资(万元)\n\n牵头单位\n\n备注\n\n一、市级(2个项目)\n\n300\n\n\n\n1\n\n甲项目\n\n100\n\n区教委\n\n\n2\n\n乙项目\n\n子项一\n\n150\n\n区住房城乡建委\n\n\n子项二\n\n50\n\n区交通局\n\n\n扫尾段落文字很长很长的一段说明文字。\n";
        let (t, used, w) = parse(&lines(src));
        let t = t.unwrap();
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(t.width, 6);
        let texts = |r: usize| row_texts(&t, r);
        assert_eq!(
            texts(0),
            vec![
                "序号",
                "项目名称",
                "项目名称",
                "年度投资(万元)",
                "牵头单位",
                "备注"
            ]
        );
        assert_eq!(
            texts(1),
            vec![
                "一、市级(2个项目)",
                "一、市级(2个项目)",
                "一、市级(2个项目)",
                "300",
                "",
                ""
            ]
        );
        assert_eq!(texts(2), vec!["1", "甲项目", "甲项目", "100", "区教委", ""]);
        assert_eq!(
            texts(3),
            vec!["2", "乙项目", "子项一", "150", "区住房城乡建委", ""]
        );
        assert_eq!(
            texts(4),
            vec!["2", "乙项目", "子项二", "50", "区交通局", ""]
        );
        assert_eq!(t.rows[4].cells[1].origin, Origin::RowSpan { row: 3 });
        // The closing paragraph is handed back, not swallowed.
        assert_eq!(used, 41);
    }

    /// Regression, from a county notice saved from its web page: a cell of
    /// several paragraphs (one unit each) is printed as several cells, and a
    /// numbered item has a second row without its number. Rows used to be
    /// cut every `width` cells, which pushed units into the deadline column.
    #[test]
    fn paragraphs_of_one_cell_and_rows_without_a_number() {
        let src = "序号\n\n实事项目\n\n责任单位\n\n完成时限\n\n\
            1\n\n修缮城区老旧排水管网。\n\n县水务局\n\n县住建局\n\n县城投公司\n\n10月底前\n\n\
            2\n\n新建1座公共停车场。\n\n县住建局\n\n8月投入使用\n\n\
            3\n\n建成县老年活动中心。\n\n县民政局\n\n6月底前动工\n\n新建社区食堂3个。\n\n12月底前\n\n\
            4\n\n改造县第二中学运动场。\n\n县教育局\n\n12月底前\n\n\
            5\n\n迁建县便民服务中心。\n\n县便民服务中心\n\n县代建中心\n\n11月底前\n\n\
            6\n\n更换城区路灯200盏。\n\n县城管局\n\n9月底前\n";
        let (t, _, w) = parse(&lines(src));
        let t = t.unwrap();
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(t.width, 4);
        let texts = |r: usize| row_texts(&t, r);
        assert_eq!(
            texts(1),
            vec![
                "1",
                "修缮城区老旧排水管网。",
                "县水务局\n县住建局\n县城投公司",
                "10月底前"
            ]
        );
        assert_eq!(
            texts(3),
            vec!["3", "建成县老年活动中心。", "县民政局", "6月底前动工"]
        );
        // The second row of item 3: number and unit span down from above.
        assert_eq!(
            texts(4),
            vec!["3", "新建社区食堂3个。", "县民政局", "12月底前"]
        );
        assert_eq!(t.rows[4].cells[0].origin, Origin::RowSpan { row: 3 });
        assert_eq!(t.rows[4].cells[2].origin, Origin::RowSpan { row: 3 });
        assert_eq!(t.rows[4].cells[1].origin, Origin::Own);
        // A name that reads like a unit stays the name.
        assert_eq!(
            texts(6),
            vec![
                "5",
                "迁建县便民服务中心。",
                "县便民服务中心\n县代建中心",
                "11月底前"
            ]
        );
        assert_eq!(t.rows.len(), 8);
    }

    /// Found by the format fixtures: inserting the sub-item column must move
    /// the column spans of the group header to its right.
    #[test]
    fn group_header_span_moves_with_inserted_column() {
        let src = "序号\n\n项目名称\n\n2023年工作计划\n\n牵头单位\n\n年度投资(万元)\n\n工作内容\n\n1\n\n甲项目\n\n100\n\n建成2个。\n\n区教委\n\n2\n\n乙项目\n\n子项一\n\n150\n\n建成3个。\n\n区住房城乡建委\n\n子项二\n\n50\n\n建成1个。\n\n区交通局\n";
        let (t, _, _) = parse(&lines(src));
        let t = t.unwrap();
        let texts = |r: usize| row_texts(&t, r);
        assert_eq!(
            texts(0),
            vec![
                "序号",
                "项目名称",
                "项目名称",
                "2023年工作计划",
                "2023年工作计划",
                "牵头单位"
            ]
        );
        assert_eq!(t.rows[0].cells[4].origin, Origin::ColSpan { col: 3 });
        assert_eq!(
            texts(1),
            vec![
                "序号",
                "项目名称",
                "项目名称",
                "年度投资(万元)",
                "工作内容",
                "牵头单位"
            ]
        );
    }
}
