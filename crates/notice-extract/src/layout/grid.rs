//! Span inference for text layouts. A saved web page loses its `rowspan` and
//! `colspan` attributes: a continuation row prints only the cells that were
//! not merged from above, and a section row prints one cell for the whole
//! width. This module decides, from the content alone, which columns a short
//! row's cells belong to, and which header cell groups a second header row.
//!
//! The rule is general: each column gets a *profile* (how often its cells are
//! empty, dates, integers, unit names, long text …) learned from the rows that
//! are complete; a short row is aligned to the columns in order, maximising
//! the likelihood of each cell under its column's profile, with a penalty for
//! every break in the run of present cells (merged columns are usually the
//! leading ones, 序号/项目名称, and a few trailing ones).

use crate::model::{Cell, Origin, Row};
use crate::text::{ascii_digits, clean, is_dash};
use crate::vocab::headers::{self, Field};
use crate::vocab::orgs::{is_org, split_unit_parts};
use crate::vocab::sections::is_section_heading;

/// The content class of a cell, the only thing alignment looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Empty,
    Dash,
    Int,
    Decimal,
    Date,
    Units,
    Short,
    Long,
}

const KINDS: [Kind; 8] = [
    Kind::Empty,
    Kind::Dash,
    Kind::Int,
    Kind::Decimal,
    Kind::Date,
    Kind::Units,
    Kind::Short,
    Kind::Long,
];

/// Text up to this many characters counts as short (a name or a label); longer
/// is running text (a target or a list).
pub const SHORT_CHARS: usize = 12;

/// Longest cell, in characters, tried as a number or date. The longest date
/// form (`2024年12月31日下旬前`) is 15; a cell longer than this is text, and
/// skipping the numeric checks keeps them off every long target cell.
const MAX_NUMERIC_CHARS: usize = 32;

/// Classifies a cell's text.
pub fn kind(text: &str) -> Kind {
    let t = clean(text);
    if t.is_empty() {
        return Kind::Empty;
    }
    if is_dash(&t) {
        return Kind::Dash;
    }
    let chars = t.chars().count();
    if chars <= MAX_NUMERIC_CHARS {
        let a = ascii_digits(&t);
        if a.chars().all(|c| c.is_ascii_digit()) {
            return Kind::Int;
        }
        // Dates before decimals: 2024.12 is a month, not a number.
        if crate::vocab::dates::is_date(&a) {
            return Kind::Date;
        }
        if a.parse::<f64>().is_ok() {
            return Kind::Decimal;
        }
    }
    let parts: Vec<&str> = split_unit_parts(&t).collect();
    if !parts.is_empty() && parts.iter().all(|p| is_org(p) && p.chars().count() <= 30) {
        return Kind::Units;
    }
    if chars <= SHORT_CHARS {
        Kind::Short
    } else {
        Kind::Long
    }
}

fn kind_index(k: Kind) -> usize {
    KINDS.iter().position(|x| *x == k).unwrap_or(0)
}

/// How a column's cells are distributed over [`Kind`]s, learned from complete rows.
#[derive(Debug, Clone)]
pub struct Profile {
    counts: [f64; 8],
    total: f64,
}

/// Pseudo-count added to every kind so that an unseen kind is unlikely, not impossible.
const SMOOTHING: f64 = 0.5;

impl Profile {
    pub fn new() -> Self {
        Profile {
            counts: [0.0; 8],
            total: 0.0,
        }
    }

    pub fn add(&mut self, k: Kind) {
        if let Some(c) = self.counts.get_mut(kind_index(k)) {
            *c += 1.0;
        }
        self.total += 1.0;
    }

    /// Counts `weight` cells of kind `k`: evidence that is not a whole cell,
    /// such as what a column's header says it holds.
    pub fn add_weighted(&mut self, k: Kind, weight: f64) {
        if let Some(c) = self.counts.get_mut(kind_index(k)) {
            *c += weight;
        }
        self.total += weight;
    }

    /// Natural log of the smoothed probability of a kind in this column.
    pub fn log_p(&self, k: Kind) -> f64 {
        let c = self.counts.get(kind_index(k)).copied().unwrap_or(0.0);
        ((c + SMOOTHING) / (self.total + SMOOTHING * KINDS.len() as f64)).ln()
    }

    /// Share of this column's cells that are of one of `kinds`.
    pub fn share(&self, kinds: &[Kind]) -> f64 {
        if self.total == 0.0 {
            return 0.0;
        }
        kinds
            .iter()
            .map(|k| self.counts.get(kind_index(*k)).copied().unwrap_or(0.0))
            .sum::<f64>()
            / self.total
    }
}

impl Default for Profile {
    fn default() -> Self {
        Self::new()
    }
}

/// Profiles of `width` columns from rows given as cell texts; rows of another
/// width are ignored.
pub fn profiles<'a>(rows: impl IntoIterator<Item = &'a [String]>, width: usize) -> Vec<Profile> {
    let mut out = vec![Profile::new(); width];
    for row in rows {
        if row.len() != width {
            continue;
        }
        for (p, text) in out.iter_mut().zip(row) {
            p.add(kind(text));
        }
    }
    out
}

/// Cost of a break in the run of present cells inside a row (nats).
const GAP_COST: f64 = 2.0;
/// Cost of leaving the last columns of a row to cells merged from above.
const TRAILING_GAP_COST: f64 = 0.5;

/// Aligns the cells of a short row to columns: returns, for each cell, the
/// column it belongs to (strictly increasing). Columns not in the result are
/// covered by spans. `None` when the row has more cells than columns.
pub fn align(cells: &[String], profiles: &[Profile]) -> Option<Vec<usize>> {
    align_scored(cells, profiles).map(|(cols, _)| cols)
}

/// How likely a row that prints every column is, cell by cell, under the
/// columns' profiles: comparable with the score [`align_scored`] gives.
pub fn row_score(cells: &[String], profiles: &[Profile]) -> f64 {
    cells
        .iter()
        .zip(profiles)
        .map(|(c, p)| p.log_p(kind(c)))
        .sum()
}

/// [`align`], with the log-likelihood of the placement (gap costs included).
#[allow(
    clippy::indexing_slicing,
    reason = "a dynamic programme over tables it sizes itself: m + 1 by w + 1, with i <= m and j <= w"
)]
pub fn align_scored(cells: &[String], profiles: &[Profile]) -> Option<(Vec<usize>, f64)> {
    let m = cells.len();
    let w = profiles.len();
    if m > w {
        return None;
    }
    if m == 0 {
        return Some((Vec::new(), 0.0));
    }
    let kinds: Vec<Kind> = cells.iter().map(|c| kind(c)).collect();
    const NEG: f64 = f64::NEG_INFINITY;
    // best[i][j][s]: first i cells placed within first j columns; s = 1 when
    // column j-1 was skipped after some cell was placed (a gap is open).
    let mut best = vec![vec![[NEG; 2]; w + 1]; m + 1];
    let mut from = vec![vec![[(0usize, 0usize, 0usize, false); 2]; w + 1]; m + 1];
    best[0][0][0] = 0.0;
    for j in 1..=w {
        for i in 0..=m.min(j) {
            // Skip column j-1.
            for s in 0..2 {
                let prev = best[i][j - 1][s];
                if prev == NEG {
                    continue;
                }
                let (cost, ns) = if i == 0 {
                    (0.0, 0)
                } else if s == 1 {
                    (0.0, 1)
                } else {
                    (GAP_COST, 1)
                };
                let v = prev - cost;
                if v > best[i][j][ns] {
                    best[i][j][ns] = v;
                    from[i][j][ns] = (i, j - 1, s, false);
                }
            }
            // Place cell i-1 in column j-1.
            if i >= 1 {
                for s in 0..2 {
                    let prev = best[i - 1][j - 1][s];
                    if prev == NEG {
                        continue;
                    }
                    let v = prev + profiles[j - 1].log_p(kinds[i - 1]);
                    if v > best[i][j][0] {
                        best[i][j][0] = v;
                        from[i][j][0] = (i - 1, j - 1, s, true);
                    }
                }
            }
        }
    }
    // A gap still open at the end is a trailing run: charge less for it.
    let end_closed = best[m][w][0];
    let end_open = best[m][w][1] + GAP_COST - TRAILING_GAP_COST;
    let mut state = if end_open > end_closed { 1 } else { 0 };
    if best[m][w][state] == NEG {
        return None;
    }
    let score = end_open.max(end_closed);
    let (mut i, mut j) = (m, w);
    let mut cols = vec![0usize; m];
    while i > 0 || j > 0 {
        let (pi, pj, ps, placed) = from[i][j][state];
        if placed {
            if let Some(slot) = cols.get_mut(i - 1) {
                *slot = j - 1;
            }
        }
        if (pi, pj) == (i, j) {
            break;
        }
        i = pi;
        j = pj;
        state = ps;
    }
    Some((cols, score))
}

/// Cost of reading a cell as one more paragraph of the cell before it (a
/// list of units or a target printed over several paragraphs of one cell).
const MERGE_COST: f64 = 1.0;
/// Cost of starting a continuation row inside a numbered group of cells.
const ROW_COST: f64 = 3.0;
/// Cost of a column left out inside a continuation row: the cell above spans
/// down over it, which saved pages print as nothing at all, so it is cheap.
const SPANNED_GAP_COST: f64 = 0.5;
/// Longest group of cells [`segment`] splits; a longer one is not a row
/// group of a table (it is cut into rows of the table's width instead).
pub const MAX_SEGMENT_CELLS: usize = 400;

/// One cell of a segmented row: its column and the range of input cells read
/// as its paragraphs.
pub type Placed = (usize, std::ops::Range<usize>);

/// Splits a numbered group of cells that is longer than a row (cell-per-line
/// text has no row ends) into a first row and continuation rows, reading
/// consecutive cells of the same kind (units, running text) as paragraphs of
/// one cell where that fits the columns better. The first cell is the
/// sequence number, in column 0. Each row lists its cells in column order;
/// columns a continuation row leaves out are spanned from the row above.
/// `None` when the group is empty or longer than [`MAX_SEGMENT_CELLS`].
#[allow(
    clippy::indexing_slicing,
    reason = "a dynamic programme over tables it sizes itself: n by w, with i < n and c < w"
)]
pub fn segment(cells: &[String], profiles: &[Profile]) -> Option<Vec<Vec<Placed>>> {
    let n = cells.len();
    let w = profiles.len();
    if n == 0 || w == 0 || n > MAX_SEGMENT_CELLS {
        return None;
    }
    let kinds: Vec<Kind> = cells.iter().map(|c| kind(c)).collect();
    let log_p = |c: usize, k: Kind| profiles.get(c).map_or(f64::NEG_INFINITY, |p| p.log_p(k));
    // In a continuation row an empty cell is a merged cell printed as
    // nothing, as likely as a left-out one whatever its column holds.
    let cont_p = |c: usize, k: Kind| {
        if k == Kind::Empty {
            -SPANNED_GAP_COST
        } else {
            log_p(c, k)
        }
    };
    // A row that stops before the last column: a first row leaves its last
    // cells empty (saved pages print empty cells as blank lines, so this is
    // rare); a continuation row has them spanned from above.
    let trailing = |c: usize, first: bool| match (c + 1 < w, first) {
        (false, _) => 0.0,
        (true, true) => GAP_COST,
        (true, false) => TRAILING_GAP_COST,
    };
    #[derive(Clone, Copy)]
    enum Step {
        Start,
        Merge,
        Next,
        NewRow,
    }
    const NEG: f64 = f64::NEG_INFINITY;
    // best[i][c][f]: cells 0..=i placed, cell i in column c; f = 1 while in
    // the first row. `from` holds the previous (column, flag) and the step.
    let mut best = vec![vec![[NEG; 2]; w]; n];
    let mut from = vec![vec![[(0usize, 0usize, Step::Start); 2]; w]; n];
    best[0][0][1] = log_p(0, kinds[0]);
    for i in 1..n {
        for c in 0..w {
            for f in 0..2 {
                let prev = best[i - 1][c][f];
                if prev == NEG {
                    continue;
                }
                let first = f == 1;
                let mut offer = |c2: usize, f2: usize, v: f64, step: Step| {
                    if v > best[i][c2][f2] {
                        best[i][c2][f2] = v;
                        from[i][c2][f2] = (c, f, step);
                    }
                };
                // Each paragraph is evidence for the column, like a cell.
                if kinds[i] == kinds[i - 1] && matches!(kinds[i], Kind::Units | Kind::Long) {
                    offer(c, f, prev - MERGE_COST + log_p(c, kinds[i]), Step::Merge);
                }
                // A unit name wrapped over two lines: a part that names no
                // organisation (`区新兴产业`), then one that does (`服务中心`).
                if kinds[i] == Kind::Units && kinds[i - 1] == Kind::Short {
                    offer(c, f, prev - MERGE_COST + log_p(c, kinds[i]), Step::Merge);
                }
                // A date, then what is due by then (`7月底` / `具备挡水条件`):
                // two paragraphs of one target or progress cell.
                if kinds[i - 1] == Kind::Date && matches!(kinds[i], Kind::Short | Kind::Long) {
                    offer(c, f, prev - MERGE_COST + log_p(c, kinds[i]), Step::Merge);
                }
                for c2 in c + 1..w {
                    let gap = match (c2 > c + 1, first) {
                        (false, _) => 0.0,
                        (true, true) => GAP_COST,
                        (true, false) => SPANNED_GAP_COST,
                    };
                    let p = if first {
                        log_p(c2, kinds[i])
                    } else {
                        cont_p(c2, kinds[i])
                    };
                    offer(c2, f, prev - gap + p, Step::Next);
                }
                // A continuation row never repeats the sequence number; it
                // may print its number cell empty.
                let lowest = usize::from(kinds[i] != Kind::Empty);
                for c2 in lowest..w {
                    let v = prev - trailing(c, first) - ROW_COST + cont_p(c2, kinds[i]);
                    offer(c2, 0, v, Step::NewRow);
                }
            }
        }
    }
    let mut end: Option<(f64, usize, usize)> = None;
    for (c, flags) in best.last()?.iter().enumerate() {
        for (f, v) in flags.iter().enumerate() {
            if *v == NEG {
                continue;
            }
            let v = v - trailing(c, f == 1);
            if end.is_none_or(|(b, _, _)| v > b) {
                end = Some((v, c, f));
            }
        }
    }
    let (_, mut c, mut f) = end?;
    // Walk back: each cell's column, and whether it merges into the one before
    // or starts a row.
    let mut steps: Vec<(usize, Step)> = vec![(0, Step::Start); n];
    for i in (0..n).rev() {
        let (pc, pf, step) = from[i][c][f];
        if let Some(slot) = steps.get_mut(i) {
            *slot = (c, step);
        }
        c = pc;
        f = pf;
    }
    let mut rows: Vec<Vec<Placed>> = Vec::new();
    for (i, (col, step)) in steps.into_iter().enumerate() {
        match step {
            Step::Start | Step::NewRow => rows.push(vec![(col, i..i + 1)]),
            Step::Next => {
                if let Some(row) = rows.last_mut() {
                    row.push((col, i..i + 1));
                }
            }
            Step::Merge => {
                if let Some(cell) = rows.last_mut().and_then(|r| r.last_mut()) {
                    cell.1.end = i + 1;
                }
            }
        }
    }
    Some(rows)
}

/// Builds a full-width row from a short one: aligned cells are `Own`, the
/// other columns copy the cell above (`RowSpan`), or are empty when there is
/// no row above.
pub fn fill_from_above(
    cells: &[String],
    cols: &[usize],
    width: usize,
    above: Option<(&Row, usize)>,
) -> Vec<Cell> {
    fill(cells, cols, width, above, width)
}

/// Like [`fill_from_above`], but only columns before `span_limit` may be
/// merged from above; later missing columns are empty (a row cut short at
/// the end of the input, whose trailing empty cells left no trace).
pub fn fill(
    cells: &[String],
    cols: &[usize],
    width: usize,
    above: Option<(&Row, usize)>,
    span_limit: usize,
) -> Vec<Cell> {
    let mut out: Vec<Option<Cell>> = vec![None; width];
    for (text, col) in cells.iter().zip(cols) {
        if let Some(slot) = out.get_mut(*col) {
            *slot = Some(Cell::own(text.clone()));
        }
    }
    out.into_iter()
        .enumerate()
        .map(|(c, cell)| {
            cell.unwrap_or_else(|| match above {
                Some((row, idx)) if c < span_limit => {
                    let src = row.cells.get(c);
                    let origin_row = match src.map(|s| s.origin) {
                        Some(Origin::RowSpan { row }) => row,
                        _ => idx,
                    };
                    Cell {
                        text: src.map(|s| s.text.clone()).unwrap_or_default(),
                        origin: Origin::RowSpan { row: origin_row },
                    }
                }
                _ => Cell::own(""),
            })
        })
        .collect()
}

/// A row of one cell spanning the whole width (a section heading).
pub fn spanning_row(text: &str, width: usize) -> Vec<Cell> {
    (0..width)
        .map(|c| {
            if c == 0 {
                Cell::own(text)
            } else {
                Cell {
                    text: text.to_string(),
                    origin: Origin::ColSpan { col: 0 },
                }
            }
        })
        .collect()
}

/// The kinds a column of this field is expected to hold; used to check that
/// a header arrangement fits the data under it.
pub fn expected_kinds(field: Field) -> &'static [Kind] {
    match field {
        Field::Seq => &[Kind::Int],
        Field::Investment => &[Kind::Int, Kind::Decimal, Kind::Dash, Kind::Empty],
        Field::Deadline => &[Kind::Date, Kind::Dash],
        Field::LeadUnits | Field::PartnerUnits | Field::ResponsibleUnits => {
            &[Kind::Units, Kind::Dash, Kind::Empty, Kind::Short]
        }
        Field::Notes => &[Kind::Empty, Kind::Short, Kind::Dash, Kind::Long],
        Field::Category | Field::Status => &[Kind::Short, Kind::Empty, Kind::Dash],
        Field::Name => &[Kind::Short, Kind::Long],
        Field::Target | Field::Milestone | Field::Progress | Field::Result => {
            &[Kind::Long, Kind::Short]
        }
    }
}

/// Weight, in cells, of what a header says its column holds. Alignment
/// learns columns from complete rows; a table whose every row leaves out a
/// merged column has none, and only its header tells the columns apart (a
/// unit list belongs under 牵头单位, not under 全年目标任务).
pub const HEADER_PRIOR_CELLS: f64 = 5.0;

/// Weight of the other kinds a header's field allows (a unit column may
/// hold a dash or a short word): allowed, but far less telling than the
/// field's own kind, else every column would fit every short cell.
pub const HEADER_PRIOR_OTHER_CELLS: f64 = 1.25;

/// Fewest complete rows that teach a table's columns on their own; with
/// fewer, the header's fields are added to the profiles.
pub const MIN_LEARNED_ROWS: usize = 3;

/// Adds to each column's profile [`HEADER_PRIOR_CELLS`] cells of the kind
/// its header's field is written in (the first of [`expected_kinds`]) and
/// [`HEADER_PRIOR_OTHER_CELLS`] of each other kind it allows. Columns whose
/// header the synonym table does not know are left as they are.
pub fn add_header_priors(profiles: &mut [Profile], leaves: &[String]) {
    for (p, h) in profiles.iter_mut().zip(leaves) {
        let kinds = match headers::classify(h) {
            Some((f, _)) => Some(expected_kinds(f)),
            None if headers::names_people(h) => Some(PEOPLE_KINDS),
            None => None,
        };
        if let Some(kinds) = kinds {
            for (i, k) in kinds.iter().enumerate() {
                let w = if i == 0 {
                    HEADER_PRIOR_CELLS
                } else {
                    HEADER_PRIOR_OTHER_CELLS
                };
                p.add_weighted(*k, w);
            }
        }
    }
}

/// What a column of people's names holds (分管领导: `张某`, or nothing).
const PEOPLE_KINDS: &[Kind] = &[Kind::Short, Kind::Empty, Kind::Dash];

/// How well a sequence of leaf headers fits columns with these profiles:
/// the sum over known headers of the log share of expected kinds.
pub fn header_fit(leaves: &[String], profiles: &[Profile]) -> f64 {
    leaves
        .iter()
        .zip(profiles)
        .map(|(h, p)| match headers::classify(h) {
            Some((f, _)) => (p.share(expected_kinds(f)) + 0.01).ln(),
            None => 0.0,
        })
        .sum()
}

/// A two-row header as printed: the first row has one cell (`parent`) that
/// spans the `children` printed in the second row; every other first-row cell
/// spans both rows.
#[derive(Debug, Clone, PartialEq)]
pub struct TwoRowHeader {
    pub top: Vec<String>,
    pub parent: usize,
    pub children: Vec<String>,
    /// Top cells (other than the parent) that span two columns with no
    /// header under them: 项目名称 over a project's name and its sub-item.
    pub spans: Vec<usize>,
}

impl TwoRowHeader {
    /// The header rows as a resolved grid of `top.len() - 1 + children.len()` columns.
    pub fn rows(&self) -> (Vec<Cell>, Vec<Cell>) {
        let mut r0 = Vec::new();
        let mut r1 = Vec::new();
        for (i, t) in self.top.iter().enumerate() {
            if i == self.parent {
                let start = r0.len();
                for (k, child) in self.children.iter().enumerate() {
                    r0.push(if k == 0 {
                        Cell::own(t.clone())
                    } else {
                        Cell {
                            text: t.clone(),
                            origin: Origin::ColSpan { col: start },
                        }
                    });
                    r1.push(Cell::own(child.clone()));
                }
            } else {
                let start = r0.len();
                r0.push(Cell::own(t.clone()));
                r1.push(Cell {
                    text: t.clone(),
                    origin: Origin::RowSpan { row: 0 },
                });
                if self.spans.contains(&i) {
                    let copy = Cell {
                        text: t.clone(),
                        origin: Origin::ColSpan { col: start },
                    };
                    r0.push(copy.clone());
                    r1.push(copy);
                }
            }
        }
        (r0, r1)
    }

    /// Leaf headers, one per column.
    pub fn leaves(&self) -> Vec<String> {
        let (_, r1) = self.rows();
        r1.into_iter().map(|c| c.text).collect()
    }
}

/// Chooses which top cell groups the second row. Prefers a known group
/// header (阶段性目标, 2023年工作计划), then a header the synonym table does
/// not know as a leaf, then the arrangement whose leaves best fit the data.
pub fn choose_parent(top: &[String], children: &[String], profiles: &[Profile]) -> TwoRowHeader {
    let mut best: Option<(f64, TwoRowHeader)> = None;
    for (p, parent) in top.iter().enumerate() {
        let h = TwoRowHeader {
            top: top.to_vec(),
            parent: p,
            children: children.to_vec(),
            spans: Vec::new(),
        };
        let mut score = header_fit(&h.leaves(), profiles);
        if headers::group(parent).is_some() {
            score += 100.0;
        } else if headers::classify(parent).is_none() {
            score += 10.0;
        }
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, h));
        }
    }
    best.map(|(_, h)| h).unwrap_or(TwoRowHeader {
        top: top.to_vec(),
        parent: 0,
        children: children.to_vec(),
        spans: Vec::new(),
    })
}

/// A two-row header printed with a cell per column, as a merged header
/// pastes from a sheet or a page: the top row leaves empty the columns its
/// group cells span (`进展情况 | (empty)`), and the second row names only the
/// columns under a span (`至8月10日进展 | 最新进展`), empty elsewhere. Returns
/// the resolved rows, as the HTML reader would give them; `None` when the
/// second row is not such a row (data rows print under every kind of header).
pub fn spanned_header(top: &[String], sub: &[String]) -> Option<(Vec<Cell>, Vec<Cell>)> {
    let blank = |c: &String| c.trim().is_empty();
    if top.len() != sub.len() || top.first().is_none_or(blank) {
        return None;
    }
    let named: Vec<usize> = (0..sub.len())
        .filter(|&c| sub.get(c).is_some_and(|t| !blank(t)))
        .collect();
    let top_blank = |c: usize| top.get(c).is_none_or(blank);
    let under_span = |c: usize| top_blank(c) || (c + 1 < top.len() && top_blank(c + 1));
    let header_like =
        |t: &String| !is_section_heading(t) && matches!(kind(t), Kind::Short | Kind::Units);
    if named.len() < 2
        || !named.iter().all(|&c| under_span(c))
        || !named.iter().filter_map(|&c| sub.get(c)).all(header_like)
    {
        return None;
    }
    let mut r0 = Vec::with_capacity(top.len());
    let mut r1 = Vec::with_capacity(top.len());
    let mut start = 0;
    for (c, (t, b)) in top.iter().zip(sub).enumerate() {
        if !blank(t) {
            start = c;
        }
        let text = top.get(start).cloned().unwrap_or_default();
        r0.push(if c == start {
            Cell::own(text.clone())
        } else {
            Cell {
                text: text.clone(),
                origin: Origin::ColSpan { col: start },
            }
        });
        r1.push(if blank(b) {
            Cell {
                text,
                origin: Origin::RowSpan { row: 0 },
            }
        } else {
            Cell::own(b.trim())
        });
    }
    Some((r0, r1))
}

/// The level of the list marker a text starts with, in the order Chinese
/// documents nest them: `一、` 0, `（一）` 1, `1.` 2, `（1）` 3.
pub fn marker_level(text: &str) -> Option<usize> {
    use super::outline::Style;
    match super::outline::leading_marker(text)?.style {
        Style::CnComma => Some(0),
        Style::CnParen => Some(1),
        Style::ArabicDot => Some(2),
        Style::ArabicParen => Some(3),
        _ => None,
    }
}

/// Widest first header row searched for a group and a spanning cell: the
/// search scores every pair, and real header rows are a dozen cells at most.
pub const MAX_SPAN_SEARCH_CELLS: usize = 20;

/// Bonus for a spanning top cell that is a name header: a name spanning the
/// column of its sub-items is why a header spans columns without children.
const NAME_SPAN_BONUS: f64 = 5.0;

/// Like [`choose_parent`] for a header one column narrower than the table:
/// besides the group over the second row, one top cell spans two columns
/// with nothing under it (项目名称 over a name and a sub-item, beside
/// 本月进展情况 over 前期手续 | 在建形象进度). Tries each top cell as the span
/// and keeps the arrangement that fits the data best.
pub fn choose_parent_spanning(
    top: &[String],
    children: &[String],
    profiles: &[Profile],
) -> TwoRowHeader {
    let mut best: Option<(f64, TwoRowHeader)> = None;
    // Every (group, span) pair is scored: keep the search to real headers.
    let tried = if top.len() <= MAX_SPAN_SEARCH_CELLS {
        top.len()
    } else {
        0
    };
    for p in 0..tried {
        let parent_bonus = match top.get(p) {
            Some(t) if headers::group(t).is_some() => 100.0,
            Some(t) if headers::classify(t).is_none() => 10.0,
            _ => 0.0,
        };
        for s in (0..top.len()).filter(|s| *s != p) {
            let h = TwoRowHeader {
                top: top.to_vec(),
                parent: p,
                children: children.to_vec(),
                spans: vec![s],
            };
            let mut score = header_fit(&h.leaves(), profiles) + parent_bonus;
            if top
                .get(s)
                .and_then(|t| headers::classify(t))
                .is_some_and(|(f, _)| f == Field::Name)
            {
                score += NAME_SPAN_BONUS;
            }
            if best.as_ref().is_none_or(|(b, _)| score > *b) {
                best = Some((score, h));
            }
        }
    }
    best.map(|(_, h)| h)
        .unwrap_or_else(|| choose_parent(top, children, profiles))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn kinds_of_seed_cells() {
        assert_eq!(kind("2024.12"), Kind::Date);
        assert_eq!(kind("2024.6"), Kind::Date);
        assert_eq!(kind("6月底"), Kind::Date);
        assert_eq!(kind("—"), Kind::Dash);
        assert_eq!(kind("33"), Kind::Int);
        assert_eq!(kind("区交通运输委 区农业农村委"), Kind::Units);
        assert_eq!(kind("相关部门、街道、平台公司"), Kind::Units);
        assert_eq!(kind("市级"), Kind::Short);
        assert_eq!(kind(""), Kind::Empty);
        assert_eq!(kind("２０２４年１２月底前"), Kind::Date);
        assert_eq!(
            kind("新建改造城市道路10公里，新增停车位2000个，完成老旧小区改造26个，2024年12月底前完工"),
            Kind::Long
        );
    }

    /// 000 project 16, second row: 责任单位 "—", a target, a deadline and an
    /// empty 备注; 序号/项目名称/牵头单位 and 类型 are merged from above.
    #[test]
    fn continuation_row_keeps_its_run_together() {
        let full = [
            s(&[
                "1",
                "城镇老旧小区改造和社区服务提升",
                "区住房城乡建委",
                "龙山街道、龙溪街道",
                "新开工汉渝路片区等10个老旧小区改造提升项目,共计改造建筑面积约260万平方米。",
                "2024.12",
                "市级",
                "市、区级民生实事存在交叉",
            ]),
            s(&[
                "2",
                "实施城市绿荫工程",
                "区城管局",
                "空港新城公司",
                "完成两江国际商务中心景观绿廊等5个街头绿地提质项目。",
                "2024.12",
                "市级",
                "",
            ]),
            s(&[
                "13",
                "开展残疾人关爱服务行动",
                "区残联",
                "—",
                "建成3家“渝馨家园”;实施困难重度残疾人家庭无障碍改造500户。",
                "2024.12",
                "市级",
                "",
            ]),
            s(&[
                "16",
                "老年人照顾服务行动",
                "区民政局",
                "—",
                "开展基本养老服务提升行动。完成500张家庭养老床位建设。",
                "2024.12",
                "人大票决",
                "",
            ]),
        ];
        let p = profiles(full.iter().map(|r| r.as_slice()), 8);
        let row = s(&[
            "—",
            "完成渝北区第二社会福利中心主体工程的40%。",
            "2024.12",
            "",
        ]);
        assert_eq!(align(&row, &p), Some(vec![3, 4, 5, 7]));
        let row = s(&[
            "临空农业公司",
            "完成全民健身中心足球场改造项目,增加观众席位1.5万个。",
            "2024.12",
            "",
        ]);
        assert_eq!(align(&row, &p), Some(vec![3, 4, 5, 7]));
    }

    #[test]
    fn leading_columns_merge_first() {
        let full = [
            s(&[
                "1",
                "农村公路提升行动",
                "区交通运输委",
                "实施农村公路拓宽硬化34.55公里、修复2.87公里。",
            ]),
            s(&[
                "2",
                "河滨健身空间提档升级项目",
                "区城市管理局",
                "改造河滨沿线步游道、自行车道,实施沿线约13.5公里河堤更新改造。",
            ]),
        ];
        let p = profiles(full.iter().map(|r| r.as_slice()), 4);
        assert_eq!(
            align(
                &s(&[
                    "区民政局",
                    "2.在全区开展“精康融合”行动,实施精神障碍社区康复服务。"
                ]),
                &p
            ),
            Some(vec![2, 3])
        );
        assert_eq!(
            align(
                &s(&["3.实施“集中+邻里”互助养老项目,打造2个集中互助养老示范点。"]),
                &p
            ),
            Some(vec![3])
        );
        assert_eq!(align(&s(&["a", "b", "c", "d", "e"]), &p), None);
    }

    #[test]
    fn group_header_is_chosen_by_vocabulary() {
        let top = s(&[
            "序号",
            "项目名称",
            "年度建设内容及规模",
            "阶段性目标",
            "责任单位",
        ]);
        let children = s(&["2025年6月", "2025年9月", "2025年12月"]);
        let h = choose_parent(&top, &children, &vec![Profile::new(); 7]);
        assert_eq!(h.parent, 3);
        assert_eq!(
            h.leaves(),
            s(&[
                "序号",
                "项目名称",
                "年度建设内容及规模",
                "2025年6月",
                "2025年9月",
                "2025年12月",
                "责任单位"
            ])
        );
    }

    /// 030's shape: 项目名称 spans a name and a sub-item column, 本月进展情况
    /// groups 前期手续 | 在建形象进度.
    #[test]
    fn spanning_name_beside_a_group() {
        let top = s(&["序号", "牵头单位", "项目名称", "业主单位", "本月进展情况"]);
        // Two headers the table does not know as leaves: the group word decides.
        let top = [&top[..2], &s(&["项目数量"]), &top[2..]].concat();
        let children = s(&["前期手续", "在建形象进度"]);
        let full = [s(&[
            "1",
            "区住建局",
            "1个",
            "道路提升行动",
            "1.文化中心北路",
            "区城投公司",
            "已完工",
            "",
        ])];
        let p = profiles(full.iter().map(|r| r.as_slice()), 8);
        let h = choose_parent_spanning(&top, &children, &p);
        assert_eq!((h.parent, h.spans.clone()), (5, vec![3]));
        let (r0, r1) = h.rows();
        assert_eq!(r0.len(), 8);
        assert_eq!(r1[4].origin, Origin::ColSpan { col: 3 });
        assert_eq!(
            h.leaves(),
            s(&[
                "序号",
                "牵头单位",
                "项目数量",
                "项目名称",
                "项目名称",
                "业主单位",
                "前期手续",
                "在建形象进度"
            ])
        );
    }

    #[test]
    fn header_with_blank_spanned_cells() {
        let top = s(&["序号", "项目名称", "进展情况", "", "承办单位", ""]);
        let sub = s(&["", "", "至8月10日进展", "最新进展", "主办", "协办"]);
        let (r0, r1) = spanned_header(&top, &sub).expect("a two-row header");
        assert_eq!(r0[3].origin, Origin::ColSpan { col: 2 });
        assert_eq!(r0[5].text, "承办单位");
        assert_eq!(r1[0].origin, Origin::RowSpan { row: 0 });
        let leaves: Vec<&str> = r1.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            leaves,
            vec![
                "序号",
                "项目名称",
                "至8月10日进展",
                "最新进展",
                "主办",
                "协办"
            ]
        );
        // A continuation row is data: its cells sit under headers that span nothing.
        let top = s(&["序号", "项目名称", "牵头单位", "完成时限"]);
        let row = s(&["", "", "县供电公司", "2024年12月"]);
        assert!(spanned_header(&top, &row).is_none());
    }

    #[test]
    fn marker_levels() {
        assert_eq!(marker_level("一、区级"), Some(0));
        assert_eq!(marker_level("(二)井盖整治项目"), Some(1));
        assert_eq!(marker_level("（三）社区食堂"), Some(1));
        assert_eq!(marker_level("2.乐业路"), Some(2));
        assert_eq!(marker_level("（1）东段"), Some(3));
        assert_eq!(marker_level("1.5万户"), None);
        assert_eq!(marker_level("乐业路"), None);
    }
}
