//! Space-separated table text: a row per line, cells separated by runs of
//! spaces, as a table copied out of a PDF or a Word document comes out
//! (`2 新增城镇就业   人社局 8950 7356 82%`). An empty cell leaves no trace,
//! so rows print different numbers of cells and a cell cannot be placed by
//! its position: each is placed by what it is (a unit's name, a number, a
//! percentage, a date, a quantity, text) under the column whose header says
//! it holds such cells, in order. A line without a sequence number continues
//! the project above: its number and name were one merged cell, printed once.
//! Detection is strict (序号 and more header words on one line, then the
//! line of row 1): a false table is worse than none.

use super::grid::{self, Kind};
use super::Line;
use crate::model::{Cell, Layout, Origin, Row, Table, Warning, WarningCode};
use crate::text::{ascii_digits, is_han};
use crate::vocab::headers::{self, Field};
use crate::vocab::labels::{meta_label_in, PAGE_META_LABELS};
use crate::vocab::sections::is_section_label;

/// Fewest header cells the vocabulary knows, 序号 included.
pub const MIN_KNOWN_HEADERS: usize = 3;

/// Widest header read; a wider line of words is no project table.
pub const MAX_COLUMNS: usize = 20;

/// Longest header cell the vocabulary does not know that a header may hold
/// (`1-8月实际完成率%`): a longer one is a sentence, not a header.
const MAX_UNKNOWN_HEADER_CHARS: usize = 12;

/// Most cells one row may print. Placing them costs cells × columns², and
/// a line with more words than this is running text, not a table row.
pub const MAX_ROW_TOKENS: usize = 48;

/// Fewest numbered rows that make a table: a header and one numbered line
/// is too little evidence that the lines are rows.
const MIN_NUMBERED_ROWS: usize = 2;

/// Fewest cells on the line of row 1 (its number and two cells): a number
/// and one word is a numbered sentence as often as a row.
const MIN_FIRST_ROW_TOKENS: usize = 3;

/// Largest step between consecutive sequence numbers still read as the next
/// row (a row lost in copying); a larger number is text after the table.
const MAX_SEQ_STEP: u64 = 3;

/// Most digits of a sequence number; a longer number (a year) starts no row.
const MAX_SEQ_DIGITS: usize = 3;

/// Longest line without a space read as a continuation row (a sub-item
/// alone on its line); a longer one is a paragraph after the table.
const MAX_LONE_CELL_CHARS: usize = 40;

/// Clause marks (，；。) that make a line without a space a sentence of
/// prose: a sub-item alone on its line is a phrase, not two clauses.
const MIN_PROSE_CLAUSE_MARKS: usize = 2;

/// Most continuation rows under one numbered row: past it the lines are not
/// the project's parts but text the table ran into.
const MAX_CONTINUATION_ROWS: usize = 12;

/// Longest text read as a unit's name; longer text ending in 局 or 中心 is a
/// sentence about one.
const MAX_UNIT_CHARS: usize = 20;

/// Longest measure word after a number (`1300人`, `10000万元`, `300元/人`).
const MAX_MEASURE_CHARS: usize = 4;

/// Headers of columns the vocabulary does not know that hold amounts.
const AMOUNT_WORDS: &[&str] = &["数", "量", "金额", "万元", "资金"];

/// Headers of columns the vocabulary does not know that hold rates.
const RATE_MARKS: &[char] = &['率', '%', '％'];

/// What a cell printed between spaces is: all that placing it looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    /// A unit's name (`区人社局`, `残联`).
    Org,
    /// A bare number (`7356`).
    Num,
    /// A percentage (`82%`).
    Pct,
    /// A number with its measure word (`1300人`, `2所`).
    Qty,
    Date,
    Dash,
    Text,
}

/// What a column holds, from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Seq,
    Name,
    /// A sub-item beside the name: 项目名称 spanning two columns (a project
    /// of several parts, each on a line of its own).
    Sub,
    Units,
    Target,
    Deadline,
    Amount,
    Rate,
    /// Progress, results, status: text or figures.
    Progress,
    Notes,
    Other,
}

/// Cost (nats) of a column a row leaves empty between two of its cells.
const SKIP_COST: f64 = 0.6;
/// Cost of reading a cell as the rest of the cell before it (a name or a
/// target wrapped at a space).
const TEXT_MERGE_COST: f64 = 1.0;
/// Cost of a second unit in a unit column (`区人社局 区民政局`): lists of
/// units are common, so it is cheap.
const UNIT_MERGE_COST: f64 = 0.2;
/// Cost of a cell kept in the last column with the one before: what cannot
/// be placed ends there rather than being dropped.
const LAST_MERGE_COST: f64 = 1.5;
/// Cost of any other two cells read as one.
const ODD_MERGE_COST: f64 = 4.0;

/// How well a cell of kind `t` fits a column holding `c` (0 is a perfect
/// fit; the more negative, the less likely). Numbers go to the numeric
/// columns, text to the text columns, units to the unit column.
fn fit(c: Col, t: Tok) -> f64 {
    use Tok::*;
    match c {
        Col::Seq => -10.0,
        Col::Name | Col::Sub => match t {
            Text => 0.0,
            // A name ending in 中心 or 站 reads as a unit.
            Org => -1.0,
            Qty => -2.0,
            Date | Dash => -3.0,
            Num | Pct => -4.0,
        },
        Col::Units => match t {
            Org => 0.0,
            Dash => -0.5,
            Text => -5.0,
            _ => -6.0,
        },
        Col::Target => match t {
            Text | Qty => 0.0,
            Num | Dash => -0.5,
            Pct | Date => -1.5,
            Org => -3.0,
        },
        Col::Deadline => match t {
            Date => 0.0,
            Dash => -0.5,
            Text => -2.0,
            Org => -4.0,
            _ => -3.0,
        },
        Col::Amount => match t {
            Num | Qty => 0.0,
            Dash => -0.3,
            Pct => -1.0,
            Date => -2.0,
            Text => -2.5,
            Org => -4.0,
        },
        Col::Rate => match t {
            Pct => 0.0,
            Dash => -0.3,
            Num => -0.5,
            Qty => -2.0,
            Text => -2.5,
            Date => -3.0,
            Org => -4.0,
        },
        Col::Progress => match t {
            Text | Num => 0.0,
            Qty | Dash => -0.3,
            Date => -1.0,
            Pct => -1.5,
            Org => -3.0,
        },
        Col::Notes => match t {
            Text => 0.0,
            Dash => -0.5,
            Org => -2.0,
            _ => -1.5,
        },
        Col::Other => match t {
            Text => -0.5,
            Org => -2.0,
            _ => -1.5,
        },
    }
}

/// Cost of reading cell `cur` as more of the cell `prev` in a column
/// holding `c`.
fn merge_cost(c: Col, prev: Tok, cur: Tok, last: bool) -> f64 {
    let texty = |t: Tok| matches!(t, Tok::Text | Tok::Qty);
    let text_col = matches!(
        c,
        Col::Name | Col::Sub | Col::Target | Col::Progress | Col::Notes | Col::Other
    );
    if c == Col::Units && prev == Tok::Org && cur == Tok::Org {
        UNIT_MERGE_COST
    } else if text_col && texty(cur) && prev != Tok::Num {
        TEXT_MERGE_COST
    } else if last {
        LAST_MERGE_COST
    } else {
        ODD_MERGE_COST
    }
}

/// The kind of a cell printed between spaces.
fn tok_class(t: &str) -> Tok {
    match grid::kind(t) {
        Kind::Dash => return Tok::Dash,
        Kind::Int | Kind::Decimal => return Tok::Num,
        Kind::Date => return Tok::Date,
        _ => {}
    }
    let a = ascii_digits(t);
    if a.strip_suffix(['%', '％'])
        .is_some_and(|n| !n.is_empty() && n.parse::<f64>().is_ok())
    {
        return Tok::Pct;
    }
    // Before units: `2所` ends like a unit's name.
    if is_measure(&a) {
        return Tok::Qty;
    }
    if t.chars().count() <= MAX_UNIT_CHARS
        && !t.chars().any(|c| c.is_ascii_digit())
        && grid::kind(t) == Kind::Units
    {
        return Tok::Org;
    }
    Tok::Text
}

/// A number and a short measure word (`1300人`, `10000万元`, `300元/人`).
fn is_measure(a: &str) -> bool {
    let rest = a.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
    let word = rest.chars().count();
    a.starts_with(|c: char| c.is_ascii_digit())
        && (1..=MAX_MEASURE_CHARS).contains(&word)
        && !rest.chars().any(|c| c.is_ascii_digit())
}

/// What a column holds, from its header cell.
fn col_class(header: &str) -> Col {
    match headers::classify(header).map(|(f, _)| f) {
        Some(Field::Seq) => Col::Seq,
        Some(Field::Name) => Col::Name,
        Some(Field::LeadUnits | Field::PartnerUnits | Field::ResponsibleUnits) => Col::Units,
        Some(Field::Target | Field::Milestone) => Col::Target,
        Some(Field::Deadline) => Col::Deadline,
        Some(Field::Investment) => Col::Amount,
        Some(Field::Progress | Field::Result | Field::Status) => Col::Progress,
        Some(Field::Notes) => Col::Notes,
        Some(Field::Category) => Col::Other,
        None if header.contains(RATE_MARKS) => Col::Rate,
        None if AMOUNT_WORDS.iter().any(|w| header.contains(w)) => Col::Amount,
        None => Col::Other,
    }
}

/// True for a header cell that names the items: a name column, or a task
/// column that words the item itself (工作任务), as the normaliser reads it.
fn names_items(header: &str) -> bool {
    headers::classify(header).is_some_and(|(f, _)| f == Field::Name) || headers::names_item(header)
}

/// A cell with a sentence in it is no header cell.
fn is_sentence(t: &str) -> bool {
    t.contains(['，', ',', '。', '；', ';', '：', ':', '！', '？', '!', '?'])
}

/// Longest header of a sequence column (`序号`, `序號`, `编号`).
const MAX_SEQ_HEADER_CHARS: usize = 4;

fn is_seq_header(t: &str) -> bool {
    headers::classify(t).is_some_and(|(f, _)| f == Field::Seq)
}

/// The header cells of a line of space-separated header words, or `None`
/// when the line is no such header: it must start with 序号, name the items
/// in its second cell, hold [`MIN_KNOWN_HEADERS`] known header words, and
/// no cell may be a sentence. A header word split by a space (`1- 8月实际
/// 完成情况`) is joined again when its first half is no header and the two
/// together are.
pub fn header_cells(text: &str) -> Option<Vec<String>> {
    // Every line of a notice is tried: most fail on their first word, told
    // by its length before the vocabulary is asked.
    let first = text.split_whitespace().next()?;
    if first.chars().nth(MAX_SEQ_HEADER_CHARS).is_some() || !is_seq_header(first) {
        return None;
    }
    let tokens: Vec<&str> = text.split_whitespace().collect();
    // Every line of a notice is tried: most fail on their first word.
    if !tokens.first().is_some_and(|t| is_seq_header(t))
        || tokens.len() < MIN_KNOWN_HEADERS
        || tokens.len() > 2 * MAX_COLUMNS
        || super::pipe::is_pipe_line(text)
        || text.contains('\t')
    {
        return None;
    }
    let mut cells: Vec<String> = Vec::with_capacity(tokens.len());
    let mut k = 0;
    while let Some(t) = tokens.get(k) {
        let joined = tokens
            .get(k + 1)
            .map(|n| format!("{t}{n}"))
            .filter(|j| !headers::is_known(t) && headers::is_known(j));
        match joined {
            Some(j) => {
                cells.push(j);
                k += 2;
            }
            None => {
                cells.push((*t).to_string());
                k += 1;
            }
        }
    }
    let known = cells.iter().filter(|c| headers::is_known(c)).count();
    let unknown_ok = cells.iter().filter(|c| !headers::is_known(c)).all(|c| {
        c.chars().count() <= MAX_UNKNOWN_HEADER_CHARS
            && !is_sentence(c)
            && !matches!(grid::kind(c), Kind::Int | Kind::Decimal)
    });
    let ok = cells.len() <= MAX_COLUMNS
        && known >= MIN_KNOWN_HEADERS
        && known * 2 >= cells.len()
        && unknown_ok
        && !cells.iter().any(|c| is_sentence(c))
        && cells.get(1).is_some_and(|c| names_items(c));
    ok.then_some(cells)
}

/// The sequence number a row's first cell is: digits only, at most
/// [`MAX_SEQ_DIGITS`] of them.
fn seq_of(tokens: &[&str]) -> Option<u64> {
    let a = ascii_digits(tokens.first()?);
    if a.is_empty() || a.len() > MAX_SEQ_DIGITS || !a.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    a.parse().ok()
}

/// True when a line's first cell is a number (a row's, or text after the table).
fn starts_with_number(tokens: &[&str]) -> bool {
    tokens
        .first()
        .is_some_and(|t| ascii_digits(t).chars().all(|c| c.is_ascii_digit()))
}

/// True when a space-separated table starts at `lines[i]`: a header line
/// ([`header_cells`]), then, after blank lines at most, the line of row 1
/// with at least [`MIN_FIRST_ROW_TOKENS`] cells.
pub fn starts_at(lines: &[Line], i: usize) -> bool {
    let Some(first) = lines.get(i) else {
        return false;
    };
    if header_cells(first.text).is_none() {
        return false;
    }
    lines
        .iter()
        .skip(i + 1)
        .find(|l| !l.text.trim().is_empty())
        .is_some_and(|l| {
            let t: Vec<&str> = l.text.split_whitespace().collect();
            t.len() >= MIN_FIRST_ROW_TOKENS && seq_of(&t) == Some(1)
        })
}

/// One line of the table as read.
#[derive(Debug)]
enum RawKind {
    /// A row with its sequence number.
    Numbered,
    /// A line continuing the project above.
    Continued,
    /// A section heading spanning the table (`二、市级项目`).
    Section,
}

#[derive(Debug)]
struct RawRow {
    kind: RawKind,
    line: usize,
    text: String,
}

/// True when `n` may number the row after one numbered `last`.
fn is_next(last: Option<u64>, n: u64, after_section: bool) -> bool {
    match last {
        None => n == 1,
        // Numbering restarts under a section heading.
        Some(p) => (n > p && n <= p + MAX_SEQ_STEP) || (after_section && n == 1),
    }
}

/// True when a line without a number may continue the project above: not a
/// new header, a note, a page's metadata or a paragraph of prose, and not a
/// signature block (only units and dates: the issuer and the date under
/// the table).
fn is_continuation(text: &str, tokens: &[&str]) -> bool {
    let Some(first) = tokens.first() else {
        return false;
    };
    let label = first.split([':', '：']).next().unwrap_or_default();
    if header_cells(text).is_some()
        || headers::is_note(text)
        || (first.contains([':', '：']) && meta_label_in(label, PAGE_META_LABELS).is_some())
    {
        return false;
    }
    // A line with no space in it is a paragraph when long or made of clauses.
    let clauses = first
        .chars()
        .filter(|c| matches!(c, '，' | '；' | '。' | ';'))
        .count();
    if tokens.len() == 1
        && (first.chars().count() > MAX_LONE_CELL_CHARS || clauses >= MIN_PROSE_CLAUSE_MARKS)
    {
        return false;
    }
    !tokens
        .iter()
        .all(|t| matches!(tok_class(t), Tok::Org | Tok::Date | Tok::Dash))
}

/// The lines of the table after its header, and how many lines (header
/// included) they use. Stops at a blank line not followed by the next
/// numbered row, a number that is not the next row's, another layout, or a
/// line that is no continuation.
fn read_rows(lines: &[Line]) -> (Vec<RawRow>, usize) {
    let mut rows: Vec<RawRow> = Vec::new();
    let mut consumed = 1;
    let mut last_seq: Option<u64> = None;
    let mut after_section = false;
    let mut continued = 0usize;
    for (k, l) in lines.iter().enumerate().skip(1) {
        let text = l.text.trim();
        if text.is_empty() {
            // A blank line inside the table (a page break) keeps it going
            // only when the next line is the next numbered row.
            let next = lines
                .iter()
                .skip(k + 1)
                .find(|n| !n.text.trim().is_empty())
                .map(|n| n.text.split_whitespace().collect::<Vec<&str>>());
            let goes_on = next.is_some_and(|t| {
                t.len() >= 2 && seq_of(&t).is_some_and(|n| is_next(last_seq, n, after_section))
            });
            if goes_on {
                continue;
            }
            break;
        }
        let tokens: Vec<&str> = text.split_whitespace().collect();
        if tokens.len() > MAX_ROW_TOKENS
            || super::pipe::is_pipe_line(l.text)
            || l.text.contains('\t')
        {
            break;
        }
        let kind = if let Some(n) = seq_of(&tokens) {
            if tokens.len() < 2 || !is_next(last_seq, n, after_section) {
                break;
            }
            last_seq = Some(n);
            after_section = false;
            continued = 0;
            RawKind::Numbered
        } else if starts_with_number(&tokens) {
            break;
        } else if tokens.len() <= 2 && is_section_label(text) {
            after_section = true;
            continued = 0;
            RawKind::Section
        } else if continued < MAX_CONTINUATION_ROWS && is_continuation(text, &tokens) {
            continued += 1;
            RawKind::Continued
        } else {
            break;
        };
        rows.push(RawRow {
            kind,
            line: l.no,
            text: text.to_string(),
        });
        consumed = k + 1;
    }
    (rows, consumed)
}

/// Places a row's cells in columns, left to right (a dynamic programme):
/// `first` is the lowest column a cell may take; with `forced` the first
/// cell takes it. Cells in one column are one cell printed with a space in
/// it. Returns each cell's column; `None` when no column is left.
#[allow(
    clippy::indexing_slicing,
    reason = "a dynamic programme over tables it sizes itself: n by w, with i < n and c, p < w"
)]
fn place(toks: &[Tok], cols: &[Col], first: usize, forced: bool) -> Option<Vec<usize>> {
    let n = toks.len();
    let w = cols.len();
    if n == 0 {
        return Some(Vec::new());
    }
    if first >= w || n > MAX_ROW_TOKENS {
        return None;
    }
    const NEG: f64 = f64::NEG_INFINITY;
    let skips = |gap: usize| gap as f64 * SKIP_COST;
    let mut best = vec![vec![NEG; w]; n];
    let mut back = vec![vec![0usize; w]; n];
    for c in first..w {
        if forced && c != first {
            break;
        }
        best[0][c] = fit(cols[c], toks[0]) - skips(c - first);
    }
    for i in 1..n {
        for c in first..w {
            for p in first..=c {
                let prev = best[i - 1][p];
                if prev == NEG {
                    continue;
                }
                let step = if p == c {
                    -merge_cost(cols[c], toks[i - 1], toks[i], c + 1 == w)
                } else {
                    -skips(c - p - 1)
                };
                let v = prev + step + fit(cols[c], toks[i]);
                if v > best[i][c] {
                    best[i][c] = v;
                    back[i][c] = p;
                }
            }
        }
    }
    // Ties go to the earlier column: trailing columns are the ones rows
    // leave empty most (备注).
    let mut end: Option<(f64, usize)> = None;
    for (c, v) in best[n - 1].iter().enumerate() {
        if *v > NEG && end.is_none_or(|(b, _)| *v > b) {
            end = Some((*v, c));
        }
    }
    let (_, mut c) = end?;
    let mut out = vec![0usize; n];
    for i in (0..n).rev() {
        out[i] = c;
        c = back[i][c];
    }
    Some(out)
}

/// Joins the cells placed in one column: units keep the space between
/// them (a list of units); two halves of a wrap between Han characters
/// join without one, as the line was before it wrapped.
fn join(parts: &[&str], units: bool) -> String {
    let mut out = String::new();
    for p in parts {
        let han_wrap =
            out.chars().next_back().is_some_and(is_han) && p.chars().next().is_some_and(is_han);
        if !out.is_empty() && (units || !han_wrap) {
            out.push(' ');
        }
        out.push_str(p);
    }
    out
}

/// The cell a continuation row leaves to the row above: a copy of it, from
/// the row that printed it.
fn from_above(out: &[Row], c: usize) -> Cell {
    let idx = out.len().saturating_sub(1);
    let src = out.last().and_then(|r| r.cells.get(c));
    let row = match src.map(|s| s.origin) {
        Some(Origin::RowSpan { row }) => row,
        _ => idx,
    };
    Cell {
        text: src.map(|s| s.text.clone()).unwrap_or_default(),
        origin: Origin::RowSpan { row },
    }
}

/// Parses a space-separated table starting at `lines[0]` (its header line);
/// returns the table, the lines used and warnings.
pub fn parse(lines: &[Line]) -> (Option<Table>, usize, Vec<Warning>) {
    let mut warnings = Vec::new();
    let Some((header, head_line)) = lines
        .first()
        .and_then(|l| Some((header_cells(l.text)?, l.no)))
    else {
        return (None, 0, warnings);
    };
    let (raws, consumed) = read_rows(lines);
    let numbered = raws
        .iter()
        .filter(|r| matches!(r.kind, RawKind::Numbered))
        .count();
    if numbered < MIN_NUMBERED_ROWS {
        return (None, 0, warnings);
    }
    let mut classes: Vec<Col> = header.iter().map(|h| col_class(h)).collect();
    let name_col = 1;
    if let Some(c) = classes.get_mut(name_col) {
        *c = Col::Name;
    }
    let mut header_row: Vec<Cell> = header.iter().map(|h| Cell::own(h.as_str())).collect();
    // A continuation line that prints text before its unit, where the unit
    // column follows the name's, prints a sub-item: 项目名称 spans a second
    // column for it (`完成征缴基金10000万元 区人社局 …` under
    // `9 深化…改革 完成在职参保人数6300人 区人社局 …`).
    let sub = classes.get(name_col + 1) == Some(&Col::Units)
        && raws
            .iter()
            .filter(|r| matches!(r.kind, RawKind::Continued))
            .any(|r| {
                let toks: Vec<Tok> = r.text.split_whitespace().map(tok_class).collect();
                toks.first().is_some_and(|t| *t != Tok::Org) && toks.contains(&Tok::Org)
            });
    if sub {
        classes.insert(name_col + 1, Col::Sub);
        let text = header.get(name_col).cloned().unwrap_or_default();
        header_row.insert(
            name_col + 1,
            Cell {
                text,
                origin: Origin::ColSpan { col: name_col },
            },
        );
    }
    let width = classes.len();
    let mut out: Vec<Row> = vec![Row {
        cells: header_row,
        line: Some(head_line),
    }];
    // Index in `out` of the last numbered row: a continuation row under one
    // copies its number and name (through the rows between, each a copy).
    let mut project: Option<usize> = None;
    for raw in raws {
        let tokens: Vec<&str> = raw.text.split_whitespace().collect();
        let numbered = matches!(raw.kind, RawKind::Numbered);
        let cells = match raw.kind {
            RawKind::Section => {
                project = None;
                grid::spanning_row(&raw.text, width)
            }
            RawKind::Numbered | RawKind::Continued => {
                let (seq, rest) = if numbered {
                    (tokens.first().copied(), tokens.get(1..).unwrap_or_default())
                } else {
                    (None, tokens.as_slice())
                };
                let first = if numbered { name_col } else { name_col + 1 };
                let room = width.saturating_sub(first);
                if rest.len() > room {
                    warnings.push(
                        Warning::new(
                            WarningCode::RowTooWide,
                            format!(
                                "row at line {} prints {} cells for {room} columns; cells run together",
                                raw.line,
                                rest.len()
                            ),
                        )
                        .at_line(raw.line),
                    );
                }
                let kinds: Vec<Tok> = rest.iter().map(|t| tok_class(t)).collect();
                // No column left (a header of 序号 and a name only): the
                // cells are kept together in the last column.
                let cols = place(&kinds, &classes, first, numbered)
                    .unwrap_or_else(|| vec![width.saturating_sub(1); rest.len()]);
                let mut parts: Vec<Vec<&str>> = vec![Vec::new(); width];
                for (t, c) in rest.iter().zip(&cols) {
                    if let Some(p) = parts.get_mut(*c) {
                        p.push(t);
                    }
                }
                let mut cells: Vec<Cell> = Vec::with_capacity(width);
                for (c, p) in parts.iter().enumerate() {
                    let class = classes.get(c).copied().unwrap_or(Col::Other);
                    let cell = if c == 0 && numbered {
                        Cell::own(seq.unwrap_or_default())
                    } else if !p.is_empty() {
                        Cell::own(join(p, class == Col::Units))
                    } else if !numbered
                        && project.is_some()
                        && (c <= name_col || class == Col::Units)
                    {
                        // The number and name were one merged cell over the
                        // project's rows; a unit printed once likewise.
                        from_above(&out, c)
                    } else if class == Col::Sub && numbered {
                        // A project of one part: its name spans the sub-item.
                        Cell {
                            text: cells
                                .get(name_col)
                                .map(|x| x.text.clone())
                                .unwrap_or_default(),
                            origin: Origin::ColSpan { col: name_col },
                        }
                    } else {
                        Cell::own("")
                    };
                    cells.push(cell);
                }
                if numbered {
                    project = Some(out.len());
                }
                cells
            }
        };
        out.push(Row {
            cells,
            line: Some(raw.line),
        });
    }
    let table = Table {
        width,
        header_rows: 1,
        rows: out,
        layout: Layout::SpaceTable,
    };
    (Some(table), consumed, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::layout::test_lines as lines;

    fn texts(t: &Table, r: usize) -> Vec<String> {
        t.rows[r].cells.iter().map(|c| c.text.clone()).collect()
    }

    #[test]
    fn header_words_split_by_a_space_are_joined() {
        let h = header_cells(
            "序号 省重点民生实事项目名称 责任单位 目标任务 1- 8月实际完成情况   1-8月实际完成率% 备注",
        )
        .expect("a header");
        assert_eq!(
            h,
            [
                "序号",
                "省重点民生实事项目名称",
                "责任单位",
                "目标任务",
                "1-8月实际完成情况",
                "1-8月实际完成率%",
                "备注"
            ]
        );
    }

    #[test]
    fn detection_needs_a_header_and_row_one() {
        let src = "序号 项目名称 责任单位 完成时限\n1 新建幼儿园 县教育局 2024年9月\n2 改造老旧小区 县住建局 2024年12月\n";
        assert!(starts_at(&lines(src), 0));
        assert!(!starts_at(&lines(src), 1));
        // Row 1 must follow the header.
        let src = "序号 项目名称 责任单位 完成时限\n2 新建幼儿园 县教育局 2024年9月\n";
        assert!(!starts_at(&lines(src), 0));
        // Too few header words, or not starting with 序号.
        for h in [
            "序号 项目名称 其他",
            "项目名称 序号 责任单位 完成时限",
            "序号 责任单位 项目名称 完成时限",
        ] {
            let src = format!("{h}\n1 新建幼儿园 县教育局 2024年9月\n");
            assert!(!starts_at(&lines(&src), 0), "{h}");
        }
        // A sentence naming the columns is no header.
        let src = "序号 项目名称 责任单位 三栏由各单位按要求填写，\n1 各单位 要高度重视\n";
        assert!(!starts_at(&lines(src), 0));
        // Pipe and tab rows are other layouts'.
        let src = "序号 | 项目名称 | 责任单位 |\n1 | 甲 | 县教育局 |\n";
        assert!(!starts_at(&lines(src), 0));
    }

    #[test]
    fn one_numbered_row_is_no_table() {
        let src = "序号 项目名称 责任单位 完成时限\n1 新建幼儿园 县教育局 2024年9月\n\n以上项目由县政府统一部署。\n";
        let (t, _, _) = parse(&lines(src));
        assert!(t.is_none());
    }

    #[test]
    fn cells_placed_by_kind() {
        let src = "序号 项目名称 责任单位 目标任务 完成情况 完成率% 备注\n\
            1 饮水安全巩固提升 农林水务局 1300人 700 54% 已解决700人的饮水问题\n\
            2 新增城镇就业   人社局 8950 7356 82%\n\
            3 建设农村公办幼儿园(所) 教育局 2所 70% 主体已完工\n\
            \n\
            说明：数据截至8月底。\n";
        let (t, used, w) = parse(&lines(src));
        let t = t.expect("a table");
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(used, 4);
        assert_eq!(t.layout, Layout::SpaceTable);
        assert_eq!(
            texts(&t, 2),
            ["2", "新增城镇就业", "人社局", "8950", "7356", "82%", ""]
        );
        assert_eq!(
            texts(&t, 3),
            [
                "3",
                "建设农村公办幼儿园(所)",
                "教育局",
                "2所",
                "",
                "70%",
                "主体已完工"
            ]
        );
    }

    #[test]
    fn continuation_lines_print_sub_items() {
        let src = "序号 项目名称 责任单位 目标任务 完成情况\n\
            1 养老保险改革 完成参保6300人 区人社局 6300人 7558\n\
            完成征缴基金10000万元 区人社局 10000万 7965\n\
            城乡低保提标 区民政局 100%\n\
            2 文化惠民 送戏下乡20场 区文体局 20 29\n\
            送电影下乡1020场\n";
        let (t, used, _) = parse(&lines(src));
        let t = t.expect("a table");
        assert_eq!(used, 6);
        assert_eq!(t.width, 6);
        assert_eq!(t.rows[0].cells[2].origin, Origin::ColSpan { col: 1 });
        assert_eq!(
            texts(&t, 2),
            [
                "1",
                "养老保险改革",
                "完成征缴基金10000万元",
                "区人社局",
                "10000万",
                "7965"
            ]
        );
        assert_eq!(t.rows[2].cells[0].origin, Origin::RowSpan { row: 1 });
        assert_eq!(texts(&t, 5)[3], "区文体局");
        assert_eq!(t.rows[5].cells[3].origin, Origin::RowSpan { row: 4 });
        assert_eq!(texts(&t, 5)[2], "送电影下乡1020场");
    }

    #[test]
    fn wrapped_names_and_unit_lists() {
        let src = "序号 项目名称 责任单位 完成时限\n\
            1 新建农村 公路50公里 县交通局 县财政局 2024年12月\n\
            2 改造老旧小区 县住建局 2024年10月\n";
        let (t, _, _) = parse(&lines(src));
        let t = t.expect("a table");
        assert_eq!(
            texts(&t, 1),
            ["1", "新建农村公路50公里", "县交通局 县财政局", "2024年12月"]
        );
    }

    #[test]
    fn nothing_is_dropped() {
        let src =
            "序号 项目名称 责任单位\n1 甲项目 县教育局 2024年 多出的 文字\n2 乙项目 县住建局\n";
        let (t, _, w) = parse(&lines(src));
        let t = t.expect("a table");
        let all = texts(&t, 1).join(" ");
        for word in ["甲项目", "县教育局", "2024年", "多出的", "文字"] {
            assert!(all.contains(word), "{word} lost: {all}");
        }
        assert_eq!(w.len(), 1);
    }

    #[test]
    fn table_ends_at_prose_and_signatures() {
        let src = "序号 项目名称 责任单位\n1 甲项目 县教育局\n2 乙项目 县住建局\n某县人民政府办公室 2024年3月1日\n";
        let (_, used, _) = parse(&lines(src));
        assert_eq!(used, 3);
        let long =
            "各单位要高度重视民生实事工作，切实加强组织领导，确保各项任务按期完成并取得实效。";
        let src = format!("序号 项目名称 责任单位\n1 甲项目 县教育局\n2 乙项目 县住建局\n{long}\n");
        let (_, used, _) = parse(&lines(&src));
        assert_eq!(used, 3);
        let src =
            "序号 项目名称 责任单位\n1 甲项目 县教育局\n2 乙项目 县住建局\n2024 年度计划另行下达\n";
        let (_, used, _) = parse(&lines(src));
        assert_eq!(used, 3);
    }
}
