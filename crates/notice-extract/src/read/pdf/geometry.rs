//! Pure geometry: glyphs and ruling lines of a page (top-down coordinates,
//! points) into paragraphs and tables, and the pages' tables joined where
//! one continues on the next page. Nothing here knows PDF syntax.
//!
//! - **Ruled tables**: horizontal and vertical rules that touch form a
//!   component; its distinct rule positions are the grid's row and column
//!   boundaries; two neighbouring cells with no rule between them are one
//!   merged cell (a missing inner border is a merge, as Word and WPS draw
//!   them); each glyph goes to the cell its centre is in.
//! - **Borderless tables**: runs of lines split by wide gaps into the same
//!   columns (a projection of the chunks on the x axis leaves gaps between
//!   columns); a line with nothing in the first column continues the row above.
//! - **Paragraphs**: the remaining lines, top to bottom; a line that reaches
//!   the right margin continues on the next.

use crate::model::Origin;

/// Positions closer than this (points) are the same border: borders drawn
/// twice, or as two thin lines, a point or so apart.
const TOL: f64 = 2.0;

/// A glyph on the page: its box and the text it stands for.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub x0: f64,
    pub x1: f64,
    pub top: f64,
    pub bottom: f64,
    /// The font size on the page (points).
    pub size: f64,
    pub text: String,
}

impl Glyph {
    fn cx(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
    fn cy(&self) -> f64 {
        (self.top + self.bottom) / 2.0
    }
}

/// A straight line across (`H`) or down (`V`) the page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rule {
    H { y: f64, x0: f64, x1: f64 },
    V { x: f64, y0: f64, y1: f64 },
}

impl Rule {
    /// The rule from `a` to `b` when the piece is (nearly) horizontal or
    /// vertical and longer than a point.
    pub fn between(a: (f64, f64), b: (f64, f64)) -> Option<Rule> {
        let (dx, dy) = ((b.0 - a.0).abs(), (b.1 - a.1).abs());
        if ![a.0, a.1, b.0, b.1].iter().all(|v| v.is_finite()) {
            return None;
        }
        if dy <= 0.5 && dx >= 1.0 {
            Some(Rule::H {
                y: (a.1 + b.1) / 2.0,
                x0: a.0.min(b.0),
                x1: a.0.max(b.0),
            })
        } else if dx <= 0.5 && dy >= 1.0 {
            Some(Rule::V {
                x: (a.0 + b.0) / 2.0,
                y0: a.1.min(b.1),
                y1: a.1.max(b.1),
            })
        } else {
            None
        }
    }

    /// The same rule with y measured down from `top`.
    pub fn flipped(self, top: f64) -> Rule {
        match self {
            Rule::H { y, x0, x1 } => Rule::H { y: top - y, x0, x1 },
            Rule::V { x, y0, y1 } => Rule::V {
                x,
                y0: top - y1,
                y1: top - y0,
            },
        }
    }

    fn touches(&self, o: &Rule) -> bool {
        match (*self, *o) {
            (Rule::H { y, x0, x1 }, Rule::V { x, y0, y1 })
            | (Rule::V { x, y0, y1 }, Rule::H { y, x0, x1 }) => {
                x >= x0 - TOL && x <= x1 + TOL && y >= y0 - TOL && y <= y1 + TOL
            }
            (
                Rule::H { y, x0, x1 },
                Rule::H {
                    y: y2,
                    x0: a,
                    x1: b,
                },
            ) => (y - y2).abs() <= TOL && a <= x1 + TOL && x0 <= b + TOL,
            (
                Rule::V { x, y0, y1 },
                Rule::V {
                    x: x2,
                    y0: a,
                    y1: b,
                },
            ) => (x - x2).abs() <= TOL && a <= y1 + TOL && y0 <= b + TOL,
        }
    }
}

/// Sorted positions, those within [`TOL`] of the previous merged into it.
fn cluster(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    let mut out: Vec<f64> = Vec::new();
    for x in v {
        match out.last() {
            Some(l) if x - l <= TOL => {}
            _ => out.push(x),
        }
    }
    out
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while let Some(&p) = parent.get(i) {
        if p == i {
            break;
        }
        let gp = parent.get(p).copied().unwrap_or(p);
        if let Some(slot) = parent.get_mut(i) {
            *slot = gp;
        }
        i = p;
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        let (lo, hi) = (ra.min(rb), ra.max(rb));
        if let Some(slot) = parent.get_mut(hi) {
            *slot = lo;
        }
    }
}

/// A ruled grid: column and row boundaries, and for each cell the top-left
/// cell of the merged area it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub xs: Vec<f64>,
    pub ys: Vec<f64>,
    /// Row-major, `(rows) × (cols)`: the anchor `(row, col)` of each cell.
    pub anchors: Vec<(usize, usize)>,
}

impl Grid {
    pub fn rows(&self) -> usize {
        self.ys.len().saturating_sub(1)
    }
    pub fn cols(&self) -> usize {
        self.xs.len().saturating_sub(1)
    }
    fn anchor(&self, r: usize, c: usize) -> (usize, usize) {
        self.anchors
            .get(r * self.cols() + c)
            .copied()
            .unwrap_or((r, c))
    }
    /// The cell a point is in.
    fn cell_at(&self, x: f64, y: f64) -> Option<(usize, usize)> {
        let c = self.xs.partition_point(|v| *v <= x);
        let r = self.ys.partition_point(|v| *v <= y);
        (c >= 1 && c <= self.cols() && r >= 1 && r <= self.rows()).then(|| (r - 1, c - 1))
    }
    fn contains(&self, x: f64, y: f64) -> bool {
        self.cell_at(x, y).is_some()
    }
    fn top(&self) -> f64 {
        self.ys.first().copied().unwrap_or(0.0)
    }
}

/// The ruled grids among a page's rules: each group of touching rules with
/// at least two rules each way and at least two cells.
pub fn find_grids(rules: &[Rule]) -> Vec<Grid> {
    let n = rules.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for (i, a) in rules.iter().enumerate() {
        for (j, b) in rules.iter().enumerate().skip(i + 1) {
            if a.touches(b) {
                union(&mut parent, i, j);
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<Rule>> = Default::default();
    for (i, r) in rules.iter().enumerate() {
        groups.entry(find(&mut parent, i)).or_default().push(*r);
    }
    let mut grids: Vec<Grid> = groups.into_values().filter_map(|g| grid_of(&g)).collect();
    grids.sort_by(|a, b| a.top().total_cmp(&b.top()));
    grids
}

fn grid_of(rules: &[Rule]) -> Option<Grid> {
    let xs = cluster(
        rules
            .iter()
            .filter_map(|r| match r {
                Rule::V { x, .. } => Some(*x),
                _ => None,
            })
            .collect(),
    );
    let ys = cluster(
        rules
            .iter()
            .filter_map(|r| match r {
                Rule::H { y, .. } => Some(*y),
                _ => None,
            })
            .collect(),
    );
    if xs.len() < 2 || ys.len() < 2 || (xs.len() - 1) * (ys.len() - 1) < 2 {
        return None;
    }
    let (rows, cols) = (ys.len() - 1, xs.len() - 1);
    let mid = |v: &[f64], i: usize| {
        (v.get(i).copied().unwrap_or(0.0) + v.get(i + 1).copied().unwrap_or(0.0)) / 2.0
    };
    let v_at = |k: usize, r: usize| {
        let (x, y) = (xs.get(k).copied().unwrap_or(0.0), mid(&ys, r));
        rules.iter().any(|rule| matches!(*rule, Rule::V { x: vx, y0, y1 } if (vx - x).abs() <= TOL && y >= y0 - TOL && y <= y1 + TOL))
    };
    let h_at = |k: usize, c: usize| {
        let (y, x) = (ys.get(k).copied().unwrap_or(0.0), mid(&xs, c));
        rules.iter().any(|rule| matches!(*rule, Rule::H { y: hy, x0, x1 } if (hy - y).abs() <= TOL && x >= x0 - TOL && x <= x1 + TOL))
    };
    let mut parent: Vec<usize> = (0..rows * cols).collect();
    for r in 0..rows {
        for c in 0..cols {
            if c + 1 < cols && !v_at(c + 1, r) {
                union(&mut parent, r * cols + c, r * cols + c + 1);
            }
            if r + 1 < rows && !h_at(r + 1, c) {
                union(&mut parent, r * cols + c, (r + 1) * cols + c);
            }
        }
    }
    // The anchor of each merged area is its top-left cell.
    let mut top_left: std::collections::HashMap<usize, (usize, usize)> = Default::default();
    for i in 0..rows * cols {
        let root = find(&mut parent, i);
        let (r, c) = (i / cols, i % cols);
        let e = top_left.entry(root).or_insert((r, c));
        *e = (e.0.min(r), e.1.min(c));
    }
    let anchors = (0..rows * cols)
        .map(|i| {
            let root = find(&mut parent, i);
            top_left.get(&root).copied().unwrap_or((i / cols, i % cols))
        })
        .collect();
    Some(Grid { xs, ys, anchors })
}

/// True for characters set without spaces between them (CJK and fullwidth).
fn wide(c: char) -> bool {
    c >= '\u{2E80}'
}

/// Glyphs grouped into lines (top to bottom), each left to right.
pub fn lines(glyphs: &[&Glyph]) -> Vec<Vec<Glyph>> {
    let mut sorted: Vec<&Glyph> = glyphs.to_vec();
    sorted.sort_by(|a, b| a.cy().total_cmp(&b.cy()).then(a.x0.total_cmp(&b.x0)));
    let mut out: Vec<Vec<Glyph>> = Vec::new();
    let mut line_y = f64::MIN;
    let mut line_size = 0.0;
    for g in sorted {
        let same = (g.cy() - line_y).abs() <= 0.5 * g.size.min(line_size).max(1.0);
        match out.last_mut() {
            Some(l) if same => l.push(g.clone()),
            _ => {
                out.push(vec![g.clone()]);
                line_y = g.cy();
                line_size = g.size;
            }
        }
    }
    for l in &mut out {
        l.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        // Text drawn twice over itself (a fake bold) reads once.
        l.dedup_by(|b, a| a.text == b.text && (a.x0 - b.x0).abs() < 0.1 * a.size.max(1.0));
    }
    out
}

/// The text of one line: a space where the gap is wide, or where two
/// words of spaced scripts are apart; never between CJK characters.
pub fn line_text(line: &[Glyph]) -> String {
    let mut s = String::new();
    let mut prev: Option<&Glyph> = None;
    for g in line {
        if let Some(p) = prev {
            let gap = g.x0 - p.x1;
            let size = p.size.max(g.size).max(1.0);
            let spaced = !p.text.chars().last().is_some_and(wide)
                && !g.text.chars().next().is_some_and(wide);
            if gap > size || (spaced && gap > 0.2 * size) {
                s.push(' ');
            }
        }
        s.push_str(&g.text);
        prev = Some(g);
    }
    s
}

/// Joins a wrapped line to the text before it: nothing between CJK or
/// digits, a space between words of Latin letters.
fn join_wrapped(s: &mut String, next: &str) {
    // Latin words wrap at their spaces; a number wraps only when it does
    // not fit a line (`6` / `0%`), so digits join without one.
    let spaced = s.chars().last().is_some_and(|c| c.is_ascii_alphabetic())
        && next.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    if spaced {
        s.push(' ');
    }
    s.push_str(next);
}

fn span(line: &[Glyph]) -> (f64, f64) {
    let x0 = line.first().map_or(0.0, |g| g.x0);
    let x1 = line.iter().map(|g| g.x1).fold(f64::MIN, f64::max);
    (x0, x1)
}

/// Punctuation that may not start a line: a line break before it takes
/// the character before along (CJK line breaking rules, 禁则).
const NO_LINE_START: &str = "。，、；：？！）》」』】〕〉”’%％.,;:?!)]…—·";

/// Punctuation that may not end a line: a break after it moves it along.
const NO_LINE_END: &str = "（(《「『【〔〈“‘[";

/// The width of what a line break could not split at a line's start (the
/// CJK line-breaking rules, 禁则, and words of spaced script): its first
/// glyph, with an opening bracket the glyph after it, then punctuation that
/// may not start a line, and letters or digits that follow a letter, digit
/// or such punctuation (`35768`, `道)25`, `4G、5G`: no break there either).
fn first_unbreakable<'g>(mut glyphs: impl Iterator<Item = &'g Glyph>) -> f64 {
    let first_char = |g: &Glyph| g.text.chars().next().unwrap_or(' ');
    let word = |c: char| c.is_ascii_alphanumeric() || c == '.' || c == '%';
    let Some(first) = glyphs.next() else {
        return 0.0;
    };
    // Widths summed, not a span: the unit may itself have been broken
    // over the following lines when it was wider than the box.
    let mut w = (first.x1 - first.x0).max(0.3 * first.size);
    let mut prev = first_char(first);
    for g in glyphs {
        let c = first_char(g);
        let joined = NO_LINE_END.contains(prev)
            || NO_LINE_START.contains(c)
            || (word(c) && (word(prev) || NO_LINE_START.contains(prev)));
        if !joined {
            break;
        }
        w += g.x1 - g.x0;
        prev = c;
    }
    w
}

/// Lines set in a box whose right edge is `right` into paragraphs, each
/// with the index of its first line: a line that fills the box continues
/// on the next (wrapped), any other ends its paragraph (a line break in a
/// cell, a new paragraph outside tables).
fn flow(lines: &[Vec<Glyph>], right: f64, slack: f64) -> Vec<(usize, String)> {
    let mut paras: Vec<(usize, String)> = Vec::new();
    let mut open = false;
    for (i, l) in lines.iter().enumerate() {
        let text = line_text(l);
        match paras.last_mut() {
            Some((_, p)) if open => join_wrapped(p, &text),
            _ => paras.push((i, text)),
        }
        let (_, x1) = span(l);
        let size = l.iter().map(|g| g.size).fold(1.0, f64::max);
        // The next line's first glyph would not have fitted on this one
        // (with `slack` glyphs more: CJK line breaking moves a character
        // to the next line with the punctuation that may not start one).
        let next_w = match lines.get(i + 1..) {
            Some(rest) if !rest.is_empty() => first_unbreakable(rest.iter().flatten()),
            _ => size,
        };
        // A paragraph never starts with punctuation that may not start a
        // line: a line before one wrapped, however short it looks.
        let punct_next = lines
            .get(i + 1)
            .and_then(|n| n.first())
            .and_then(|g| g.text.chars().next())
            .is_some_and(|c| !c.is_ascii() && NO_LINE_START.contains(c));
        let fills = x1 + next_w * (1.0 + slack) > right || punct_next;
        let near = lines.get(i + 1).is_some_and(|n| {
            let top = n.iter().map(|g| g.top).fold(f64::MAX, f64::min);
            let bottom = l.iter().map(|g| g.bottom).fold(f64::MIN, f64::max);
            let nsize = n.iter().map(|g| g.size).fold(1.0, f64::max);
            top - bottom < size && (nsize - size).abs() <= 0.2 * size
        });
        open = fills && near;
    }
    paras
}

/// The text of a cell spanning `x0..x1` from its glyphs, and whether its
/// last line fills the cell (the text may go on in the same cell on the
/// next page, when a row breaks across pages).
fn cell_text(glyphs: &[&Glyph], x0: f64, x1: f64) -> (String, bool) {
    let ls = lines(glyphs);
    // The cell's padding, as its closest line shows it.
    let inset = ls
        .iter()
        .map(|l| span(l).0 - x0)
        .fold(f64::MAX, f64::min)
        .clamp(1.0, 10.0);
    let right = x1 - inset;
    let paras: Vec<String> = flow(&ls, right, 0.5).into_iter().map(|(_, p)| p).collect();
    // A last line that ends a sentence ends the text, however full.
    let full = ls.last().is_some_and(|l| {
        let size = l.iter().map(|g| g.size).fold(1.0, f64::max);
        let ends = l
            .last()
            .and_then(|g| g.text.chars().last())
            .is_some_and(|c| "。；！？.;!?".contains(c));
        span(l).1 + 1.5 * size > right && !ends
    });
    (crate::text::clean_multiline(&paras.join("\n")), full)
}

/// A table found on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct PTable {
    /// Column boundaries (width + 1), for matching a continuation.
    pub xs: Vec<f64>,
    /// Cells row by row, each with its origin (spans copy their anchor's text).
    pub rows: Vec<Vec<(String, Origin)>>,
    /// From ruling lines (else from column alignment).
    pub ruled: bool,
    /// For each column, whether the cell over it in the last row ends
    /// with a full line: that cell may go on at the top of the next page.
    pub open_end: Vec<bool>,
}

impl PTable {
    pub fn width(&self) -> usize {
        self.rows.first().map_or(0, Vec::len)
    }
}

/// One block of a page in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Para(String),
    Table(PTable),
}

fn fill_grid(grid: &Grid, glyphs: &[&Glyph]) -> PTable {
    let (rows, cols) = (grid.rows(), grid.cols());
    let mut per: Vec<Vec<&Glyph>> = vec![Vec::new(); rows * cols];
    for g in glyphs {
        if let Some((r, c)) = grid.cell_at(g.cx(), g.cy()) {
            let (ar, ac) = grid.anchor(r, c);
            if let Some(v) = per.get_mut(ar * cols + ac) {
                v.push(g);
            }
        }
    }
    let mut out: Vec<Vec<(String, Origin)>> = Vec::with_capacity(rows);
    let mut open_end = vec![false; cols];
    for r in 0..rows {
        let mut row = Vec::with_capacity(cols);
        for c in 0..cols {
            let (ar, ac) = grid.anchor(r, c);
            let origin = if (ar, ac) == (r, c) {
                Origin::Own
            } else if ar == r {
                Origin::ColSpan { col: ac }
            } else {
                Origin::RowSpan { row: ar }
            };
            let text = if origin == Origin::Own {
                // The anchor's right edge is that of the whole merged area.
                let mut right = c + 1;
                while right < cols && grid.anchor(r, right) == (r, c) {
                    right += 1;
                }
                let x0 = grid.xs.get(c).copied().unwrap_or(0.0);
                let x1 = grid.xs.get(right).copied().unwrap_or(x0);
                let (text, full) =
                    cell_text(per.get(r * cols + c).map_or(&[][..], Vec::as_slice), x0, x1);
                // An area reaching the last row that is full to its end.
                let mut bottom = r;
                while bottom + 1 < rows && grid.anchor(bottom + 1, c) == (r, c) {
                    bottom += 1;
                }
                if full && bottom + 1 == rows {
                    for flag in open_end.iter_mut().take(right).skip(c) {
                        *flag = true;
                    }
                }
                text
            } else {
                out.get(ar)
                    .and_then(|row: &Vec<(String, Origin)>| row.get(ac))
                    .or_else(|| row.get(ac))
                    .map(|(t, _)| t.clone())
                    .unwrap_or_default()
            };
            row.push((text, origin));
        }
        out.push(row);
    }
    PTable {
        xs: grid.xs.clone(),
        rows: out,
        ruled: true,
        open_end,
    }
}

/// A line split at gaps of half an em or more (wider than a space, or the
/// space LibreOffice puts between CJK and Latin): `(x0, x1, text)` of each chunk.
fn chunks(line: &[Glyph]) -> Vec<(f64, f64, String)> {
    let mut out: Vec<(f64, f64, Vec<Glyph>)> = Vec::new();
    for g in line {
        match out.last_mut() {
            Some((_, x1, gs)) if g.x0 - *x1 < 0.5 * g.size.max(1.0) => {
                *x1 = x1.max(g.x1);
                gs.push(g.clone());
            }
            _ => out.push((g.x0, g.x1, vec![g.clone()])),
        }
    }
    out.into_iter()
        .map(|(a, b, gs)| (a, b, line_text(&gs)))
        .collect()
}

/// Borderless tables among a page's lines: `(first line, last line, table)`.
pub fn borderless(lines: &[Vec<Glyph>]) -> Vec<(usize, usize, PTable)> {
    let split: Vec<Vec<(f64, f64, String)>> = lines.iter().map(|l| chunks(l)).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < split.len() {
        if split.get(i).is_none_or(|c| c.len() < 2) {
            i += 1;
            continue;
        }
        // The run: lines of several chunks, and single chunks between them
        // that do not start at the run's left edge (a wrapped cell).
        let left = split.get(i).and_then(|c| c.first()).map_or(0.0, |c| c.0);
        let second = split.get(i).and_then(|c| c.get(1)).map_or(0.0, |c| c.0);
        let mut end = i;
        let mut j = i + 1;
        // Where the run's later columns start: a single chunk starting
        // there, after the last row, is that row's wrapped cell.
        let mut starts: Vec<f64> = split
            .get(i)
            .into_iter()
            .flatten()
            .skip(1)
            .map(|c| c.0)
            .collect();
        while let Some(c) = split.get(j) {
            if c.len() >= 2 {
                end = j;
                starts.extend(c.iter().skip(1).map(|c| c.0));
            } else if c
                .first()
                .is_none_or(|f| f.0 < second - 1.0 || (f.0 - left).abs() < 1.0)
            {
                break;
            } else if c
                .first()
                .is_some_and(|f| starts.iter().any(|s| (s - f.0).abs() <= TOL))
            {
                end = j;
            }
            j += 1;
        }
        let run = i..=end;
        let multi = run
            .clone()
            .filter(|k| split.get(*k).is_some_and(|c| c.len() >= 2))
            .count();
        // Columns: gaps in the projection of the chunks on the x axis, where
        // at most a quarter of the lines reach across (a cell merged across
        // columns, a wide value beside its label, must not close a gap).
        let covering = |k: usize| split.get(k).into_iter().flatten().map(|c| (c.0, c.1));
        let mut edges: Vec<(f64, i32)> = run
            .clone()
            .flat_map(covering)
            .flat_map(|(a, b)| [(a, 1), (b, -1)])
            .collect();
        edges.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        let threshold = (multi / 4) as i32;
        let mut cols: Vec<(f64, f64)> = Vec::new();
        let mut cover = 0;
        for (x, d) in edges {
            let was = cover > threshold;
            cover += d;
            match (was, cover > threshold) {
                (false, true) => match cols.last_mut() {
                    Some(c) if x <= c.1 + TOL => {}
                    _ => cols.push((x, x)),
                },
                (true, false) => {
                    if let Some(c) = cols.last_mut() {
                        c.1 = x;
                    }
                }
                _ => {}
            }
        }
        if multi >= 3 && cols.len() >= 2 {
            let mut rows: Vec<Vec<String>> = Vec::new();
            let mut prev_bottom = f64::MAX;
            for k in run.clone() {
                let line = lines.get(k).map_or(&[][..], Vec::as_slice);
                let top = line.iter().map(|g| g.top).fold(f64::MAX, f64::min);
                let size = line.iter().map(|g| g.size).fold(1.0, f64::max);
                // Overlapping lines (a cell centred beside a wrapped one)
                // are lines of one row.
                let tight = top - prev_bottom < -0.1 * size;
                prev_bottom = line.iter().map(|g| g.bottom).fold(f64::MIN, f64::max);
                let mut cells = vec![String::new(); cols.len()];
                for (a, b, t) in split.get(k).into_iter().flatten() {
                    // By where the chunk starts: one that reaches across
                    // columns belongs to the first of them.
                    let mid = (a + b) / 2.0;
                    let col = cols
                        .iter()
                        .position(|c| mid >= c.0 - TOL && mid <= c.1 + TOL)
                        .or_else(|| cols.iter().rposition(|c| c.0 - TOL <= *a))
                        .unwrap_or(0);
                    if let Some(cell) = cells.get_mut(col) {
                        join_wrapped(cell, t);
                    }
                }
                // A row never starts with nothing in its first column, nor
                // with punctuation that may not start a line (`]` of a
                // wrapped `[ 索引号 ]`).
                let tail = cells.first().is_some_and(|c| {
                    c.chars().all(|ch| {
                        ch.is_whitespace() || NO_LINE_START.contains(ch) || "]）".contains(ch)
                    })
                });
                let continues = (tight || tail) && !rows.is_empty();
                match rows.last_mut() {
                    Some(prev) if continues => {
                        for (p, c) in prev.iter_mut().zip(cells) {
                            join_wrapped(p, &c);
                        }
                    }
                    _ => rows.push(cells),
                }
            }
            let mut xs: Vec<f64> = cols.iter().map(|c| c.0).collect();
            xs.extend(cols.last().map(|c| c.1));
            let rows = rows
                .into_iter()
                .map(|r| {
                    r.into_iter()
                        .map(|t| (crate::text::clean_multiline(&t), Origin::Own))
                        .collect()
                })
                .collect();
            out.push((
                i,
                end,
                PTable {
                    xs,
                    rows,
                    ruled: false,
                    open_end: Vec::new(),
                },
            ));
            i = end + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// A page's blocks in reading order, from its glyphs and rules (top-down
/// coordinates).
pub fn page_items(glyphs: &[Glyph], rules: &[Rule]) -> Vec<(f64, Item)> {
    let grids = find_grids(rules);
    let mut items: Vec<(f64, Item)> = Vec::new();
    let mut free: Vec<&Glyph> = Vec::new();
    let mut inside: Vec<Vec<&Glyph>> = vec![Vec::new(); grids.len()];
    for g in glyphs {
        match grids.iter().position(|gr| gr.contains(g.cx(), g.cy())) {
            Some(k) => {
                if let Some(v) = inside.get_mut(k) {
                    v.push(g);
                }
            }
            None => free.push(g),
        }
    }
    for (grid, gs) in grids.iter().zip(&inside) {
        items.push((grid.top(), Item::Table(fill_grid(grid, gs))));
    }
    let ls = lines(&free);
    let tables = borderless(&ls);
    let mut k = 0;
    let right = ls.iter().map(|l| span(l).1).fold(f64::MIN, f64::max);
    let top_of = |l: &Vec<Glyph>| l.iter().map(|g| g.top).fold(f64::MAX, f64::min);
    let mut pending: Vec<Vec<Glyph>> = Vec::new();
    let flush = |pending: &mut Vec<Vec<Glyph>>, items: &mut Vec<(f64, Item)>| {
        // Paragraphs are told apart by where their lines end; each keeps
        // the top of its first line for reading order.
        for (first, p) in flow(pending, right - 1.0, 1.0) {
            let top = pending.get(first).map_or(0.0, top_of);
            let p = crate::text::clean(&p);
            if !p.is_empty() {
                items.push((top, Item::Para(p)));
            }
        }
        pending.clear();
    };
    let mut i = 0;
    while i < ls.len() {
        if let Some((a, b, t)) = tables.get(k).filter(|(a, _, _)| *a == i) {
            flush(&mut pending, &mut items);
            let top = ls.get(*a).map_or(0.0, top_of);
            items.push((top, Item::Table(t.clone())));
            i = b + 1;
            k += 1;
            continue;
        }
        if let Some(l) = ls.get(i) {
            pending.push(l.clone());
        }
        i += 1;
    }
    flush(&mut pending, &mut items);
    items.sort_by(|a, b| a.0.total_cmp(&b.0));
    items
}

/// A page number or a running footer line (`- 3 -`, `第 3 页 共 9 页`, `3/9`).
pub fn is_page_number(text: &str) -> bool {
    let mut digits = false;
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits = true;
        } else if !(c.is_whitespace() || "-—–第页共/·.PpageofOF".contains(c)) {
            return false;
        }
    }
    digits
}

/// Rows' texts, for telling a repeated header.
fn texts(rows: &[Vec<(String, Origin)>]) -> Vec<Vec<&str>> {
    rows.iter()
        .map(|r| r.iter().map(|(t, _)| t.as_str()).collect())
        .collect()
}

/// Joins the pages' items: page numbers dropped, and a table that starts
/// a page continuing the table that ended the page before (same columns)
/// appended to it, without the header rows it repeats.
pub fn join_pages(pages: Vec<Vec<(f64, Item)>>) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::new();
    for page in pages {
        let mut first = true;
        for (_, item) in page {
            if let Item::Para(p) = &item {
                if is_page_number(p) {
                    continue;
                }
            }
            let was_first = std::mem::replace(&mut first, false);
            if let (true, Item::Table(next), Some(Item::Table(prev))) =
                (was_first, &item, out.last_mut())
            {
                if continues(prev, next) {
                    append(prev, next.clone());
                    continue;
                }
            }
            out.push(item);
        }
    }
    out
}

/// Column boundaries within tolerance of each other.
fn same_x(a: f64, b: f64) -> bool {
    (a - b).abs() <= 3.0 * TOL
}

/// A table at the top of a page continues the one at the bottom of the
/// page before when it spans the same width and most of its column
/// boundaries are the other's (a page may show a column split that the
/// other page's rows do not need: a merged cell across it there).
fn continues(prev: &PTable, next: &PTable) -> bool {
    let shared = next
        .xs
        .iter()
        .filter(|x| prev.xs.iter().any(|y| same_x(**x, *y)))
        .count();
    prev.ruled == next.ruled
        && prev
            .xs
            .first()
            .zip(next.xs.first())
            .is_some_and(|(a, b)| same_x(*a, *b))
        && prev
            .xs
            .last()
            .zip(next.xs.last())
            .is_some_and(|(a, b)| same_x(*a, *b))
        && shared * 3 >= prev.xs.len().max(next.xs.len()) * 2
}

/// Splits a table's columns at every boundary of `xs` (a superset of its
/// own): the part right of a new boundary is a copy of the cell (merged
/// across), so that two pages' grids line up.
fn refine(t: &mut PTable, xs: &[f64]) {
    if t.xs.len() == xs.len() {
        return;
    }
    // The new columns each old column covers.
    let mut first_new = Vec::with_capacity(t.xs.len());
    let mut parts = Vec::with_capacity(t.xs.len());
    for w in t.xs.windows(2) {
        if let [a, b] = w {
            let start = xs.iter().position(|x| same_x(*x, *a)).unwrap_or(0);
            let end = xs.iter().position(|x| same_x(*x, *b)).unwrap_or(start + 1);
            first_new.push(start);
            parts.push(end.saturating_sub(start).max(1));
        }
    }
    let map = |c: usize| first_new.get(c).copied().unwrap_or(c);
    for row in &mut t.rows {
        let mut out = Vec::with_capacity(xs.len());
        for (c, (text, origin)) in std::mem::take(row).into_iter().enumerate() {
            let first = match origin {
                Origin::ColSpan { col } => Origin::ColSpan { col: map(col) },
                other => other,
            };
            let rest = match origin {
                Origin::Own => Origin::ColSpan { col: map(c) },
                Origin::ColSpan { col } => Origin::ColSpan { col: map(col) },
                Origin::RowSpan { row } => Origin::RowSpan { row },
            };
            out.push((text.clone(), first));
            for _ in 1..parts.get(c).copied().unwrap_or(1) {
                out.push((text.clone(), rest));
            }
        }
        *row = out;
    }
    t.open_end = t
        .open_end
        .iter()
        .zip(&parts)
        .flat_map(|(flag, n)| std::iter::repeat_n(*flag, *n))
        .collect();
    t.xs = xs.to_vec();
}

/// The boundaries of both tables, each once.
fn union_xs(a: &[f64], b: &[f64]) -> Vec<f64> {
    let mut xs: Vec<f64> = a.to_vec();
    for x in b {
        if !xs.iter().any(|y| same_x(*x, *y)) {
            xs.push(*x);
        }
    }
    xs.sort_by(f64::total_cmp);
    xs
}

fn append(prev: &mut PTable, mut next: PTable) {
    let xs = union_xs(&prev.xs, &next.xs);
    refine(prev, &xs);
    refine(&mut next, &xs);
    // The longest run of leading rows that repeats the table's first rows
    // (a header repeated on each page, as DOCX marks with tblHeader).
    let max = 3.min(prev.rows.len()).min(next.rows.len());
    let repeated = (1..=max)
        .rev()
        .find(|k| {
            texts(next.rows.get(..*k).unwrap_or(&[])) == texts(prev.rows.get(..*k).unwrap_or(&[]))
        })
        .unwrap_or(0);
    // A row broken across the pages: every cell of the first row here that
    // has text stands under a cell of the last row that ended full (its
    // text goes on; a new row would start its own cells, and its number).
    // Its cells join the row above.
    let split = next.rows.get(repeated).is_some_and(|r| {
        let texts: Vec<usize> = r
            .iter()
            .enumerate()
            .filter(|(_, (t, o))| !t.is_empty() && *o == Origin::Own)
            .map(|(c, _)| c)
            .collect();
        let open = |c: &usize| prev.open_end.get(*c) == Some(&true);
        // Or, as a row's number is never broken off, a first row with no
        // number under a last row with a full cell.
        let unnumbered = r
            .first()
            .is_some_and(|(t, o)| t.is_empty() && *o == Origin::Own);
        !texts.is_empty()
            && (texts.iter().all(open) || (unnumbered && prev.open_end.iter().any(|f| *f)))
    });
    let next_open = std::mem::take(&mut next.open_end);
    let last = prev.rows.len().saturating_sub(1);
    let first_new = prev.rows.len();
    // Where row `k` of `next` lands.
    let place = |k: usize| -> Option<usize> {
        match k.checked_sub(repeated)? {
            0 if split => Some(last),
            j => Some(first_new + j - usize::from(split)),
        }
    };
    for (k, row) in next.rows.into_iter().enumerate().skip(repeated) {
        let row: Vec<(String, Origin)> = row
            .into_iter()
            .map(|(t, o)| {
                let o = match o {
                    Origin::RowSpan { row } => {
                        place(row).map_or(Origin::Own, |row| Origin::RowSpan { row })
                    }
                    other => other,
                };
                (t, o)
            })
            .collect();
        if split && k == repeated {
            for (c, (t, o)) in row.into_iter().enumerate() {
                if o != Origin::Own || t.is_empty() {
                    continue;
                }
                // The text goes to the cell that owns this column's area.
                let (ar, ac) = match prev.rows.get(last).and_then(|r| r.get(c)).map(|x| x.1) {
                    Some(Origin::RowSpan { row }) => (row, c),
                    Some(Origin::ColSpan { col }) => (last, col),
                    _ => (last, c),
                };
                if let Some(cell) = prev.rows.get_mut(ar).and_then(|r| r.get_mut(ac)) {
                    join_wrapped(&mut cell.0, &t);
                }
            }
            continue;
        }
        prev.rows.push(row);
    }
    prev.open_end = next_open;
    refresh_copies(&mut prev.rows);
}

/// Span cells take their anchor's text again (after an anchor grew).
fn refresh_copies(rows: &mut [Vec<(String, Origin)>]) {
    for r in 0..rows.len() {
        let width = rows.get(r).map_or(0, Vec::len);
        for c in 0..width {
            let origin = rows.get(r).and_then(|row| row.get(c)).map(|x| x.1);
            let src = match origin {
                Some(Origin::RowSpan { row }) if row < r => rows.get(row).and_then(|x| x.get(c)),
                Some(Origin::ColSpan { col }) if col < c => rows.get(r).and_then(|x| x.get(col)),
                _ => None,
            };
            if let Some(text) = src.map(|x| x.0.clone()) {
                if let Some(cell) = rows.get_mut(r).and_then(|row| row.get_mut(c)) {
                    cell.0 = text;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(y: f64, x0: f64, x1: f64) -> Rule {
        Rule::H { y, x0, x1 }
    }
    fn v(x: f64, y0: f64, y1: f64) -> Rule {
        Rule::V { x, y0, y1 }
    }
    fn g(x: f64, y: f64, t: &str) -> Glyph {
        Glyph {
            x0: x,
            x1: x + 10.0,
            top: y,
            bottom: y + 10.0,
            size: 10.0,
            text: t.into(),
        }
    }
    fn word(x: f64, y: f64, t: &str) -> Vec<Glyph> {
        t.chars()
            .enumerate()
            .map(|(i, c)| g(x + 10.0 * i as f64, y, &c.to_string()))
            .collect()
    }

    /// A full grid of `rows` × `cols` cells of 100 × 20 points at (0, 0).
    fn full(rows: usize, cols: usize) -> Vec<Rule> {
        let mut r = Vec::new();
        for i in 0..=rows {
            r.push(h(20.0 * i as f64, 0.0, 100.0 * cols as f64));
        }
        for j in 0..=cols {
            r.push(v(100.0 * j as f64, 0.0, 20.0 * rows as f64));
        }
        r
    }

    /// A case: name, rules, rows, columns, and cells with their anchors.
    type Case = (
        &'static str,
        Vec<Rule>,
        usize,
        usize,
        Vec<(usize, usize, (usize, usize))>,
    );

    #[test]
    fn rules_give_grids_and_missing_borders_merge() {
        let own = (0, 0);
        let cases: Vec<Case> = vec![
            ("full 2x3", full(2, 3), 2, 3, vec![(1, 2, (1, 2))]),
            // No vertical border between columns 0 and 1 in row 0: one cell.
            (
                "colspan",
                {
                    let mut r = vec![h(0.0, 0.0, 300.0), h(20.0, 0.0, 300.0), h(40.0, 0.0, 300.0)];
                    r.extend([
                        v(0.0, 0.0, 40.0),
                        v(100.0, 20.0, 40.0),
                        v(200.0, 0.0, 40.0),
                        v(300.0, 0.0, 40.0),
                    ]);
                    r
                },
                2,
                3,
                vec![(0, 1, own), (1, 1, (1, 1))],
            ),
            // No horizontal border under row 0 in column 0: a row span.
            (
                "rowspan",
                {
                    let mut r = vec![
                        h(0.0, 0.0, 200.0),
                        h(20.0, 100.0, 200.0),
                        h(40.0, 0.0, 200.0),
                    ];
                    r.extend([v(0.0, 0.0, 40.0), v(100.0, 0.0, 40.0), v(200.0, 0.0, 40.0)]);
                    r
                },
                2,
                2,
                vec![(1, 0, own), (1, 1, (1, 1))],
            ),
            // Borders drawn twice a point apart are one.
            (
                "doubled",
                {
                    let mut r = full(1, 2);
                    r.push(v(101.0, 0.0, 20.0));
                    r
                },
                1,
                2,
                vec![(0, 1, (0, 1))],
            ),
        ];
        for (name, rules, rows, cols, anchors) in cases {
            let grids = find_grids(&rules);
            assert_eq!(grids.len(), 1, "{name}");
            let gr = &grids[0];
            assert_eq!((gr.rows(), gr.cols()), (rows, cols), "{name}");
            for (r, c, a) in anchors {
                assert_eq!(gr.anchor(r, c), a, "{name} ({r},{c})");
            }
        }
        // An underline, or a box round one cell, is no table.
        assert!(find_grids(&[h(5.0, 0.0, 50.0)]).is_empty());
        assert!(find_grids(&full(1, 1)).is_empty());
        // Two tables apart are two grids, top first.
        let mut two: Vec<Rule> = full(1, 2)
            .into_iter()
            .map(|r| match r {
                Rule::H { y, x0, x1 } => h(y + 500.0, x0, x1),
                Rule::V { x, y0, y1 } => v(x, y0 + 500.0, y1 + 500.0),
            })
            .collect();
        two.extend(full(2, 2));
        let grids = find_grids(&two);
        assert_eq!(grids.iter().map(Grid::rows).collect::<Vec<_>>(), vec![2, 1]);
    }

    #[test]
    fn glyphs_go_to_their_cells_and_spans_copy_text() {
        let mut rules = vec![
            h(0.0, 0.0, 200.0),
            h(20.0, 100.0, 200.0),
            h(60.0, 0.0, 200.0),
        ];
        rules.extend([v(0.0, 0.0, 60.0), v(100.0, 0.0, 60.0), v(200.0, 0.0, 60.0)]);
        // Column 1 is 100 points wide: "民生实事项目" (6 × 10) and then a
        // wrapped line; column 0 holds 1 across both rows.
        let mut glyphs = word(2.0, 25.0, "1");
        glyphs.extend(word(102.0, 4.0, "甲乙"));
        glyphs.extend(word(102.0, 22.0, "一二三四五六七八九"));
        glyphs.extend(word(102.0, 34.0, "十"));
        glyphs.extend(word(102.0, 46.0, "区教委"));
        let items = page_items(&glyphs, &rules);
        let [(_, Item::Table(t))] = items.as_slice() else {
            panic!("{items:?}")
        };
        assert_eq!(t.rows[0][0], ("1".to_string(), Origin::Own));
        assert_eq!(t.rows[1][0], ("1".to_string(), Origin::RowSpan { row: 0 }));
        assert_eq!(t.rows[0][1].0, "甲乙");
        // A line that fills the cell wraps; one that does not ends a paragraph.
        assert_eq!(t.rows[1][1].0, "一二三四五六七八九十\n区教委");
    }

    #[test]
    fn paragraphs_wrap_at_the_margin_and_titles_stay_apart() {
        let mut glyphs = word(40.0, 0.0, "通知");
        glyphs.extend(word(0.0, 20.0, "附件1"));
        glyphs.extend(word(0.0, 40.0, "一二三四五六七八"));
        glyphs.extend(word(0.0, 52.0, "九十"));
        glyphs.extend(word(0.0, 80.0, "- 2 -"));
        let items = page_items(&glyphs, &[]);
        let paras: Vec<&str> = items
            .iter()
            .filter_map(|(_, i)| match i {
                Item::Para(p) => Some(p.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(paras, ["通知", "附件1", "一二三四五六七八九十", "- 2 -"]);
        assert!(join_pages(vec![items])
            .iter()
            .all(|i| *i != Item::Para("- 2 -".into())));
    }

    #[test]
    fn words_are_spaced_and_cjk_is_not() {
        let mut l = word(0.0, 0.0, "ab");
        l.extend(word(25.0, 0.0, "cd"));
        l.extend(word(45.0, 0.0, "年"));
        l.extend(word(58.0, 0.0, "月"));
        l.extend(word(90.0, 0.0, "日"));
        assert_eq!(line_text(&l), "ab cd年月 日");
    }

    #[test]
    fn borderless_columns_align() {
        let mut glyphs = Vec::new();
        glyphs.extend(word(200.0, 0.0, "项目表"));
        for (i, (a, b, c)) in [
            ("序号", "项目名称", "责任单位"),
            ("1", "老旧小区改造", "区住建委"),
            ("2", "社区食堂", "区民政局"),
            ("3", "公园", "区林业局"),
        ]
        .iter()
        .enumerate()
        {
            let y = 20.0 + 14.0 * i as f64;
            glyphs.extend(word(0.0, y, a));
            glyphs.extend(word(60.0, y, b));
            glyphs.extend(word(200.0, y, c));
        }
        // A wrapped name: a line with nothing in the first column.
        glyphs.extend(word(60.0, 20.0 + 14.0 * 4.0, "二期"));
        glyphs.extend(word(0.0, 100.0, "此页无正文"));
        let items = page_items(&glyphs, &[]);
        let tables: Vec<&PTable> = items
            .iter()
            .filter_map(|(_, i)| match i {
                Item::Table(t) => Some(t),
                _ => None,
            })
            .collect();
        assert_eq!(tables.len(), 1, "{items:?}");
        let t = tables[0];
        assert!(!t.ruled);
        let got: Vec<Vec<&str>> = texts(&t.rows);
        assert_eq!(
            got,
            vec![
                vec!["序号", "项目名称", "责任单位"],
                vec!["1", "老旧小区改造", "区住建委"],
                vec!["2", "社区食堂", "区民政局"],
                vec!["3", "公园二期", "区林业局"],
            ]
        );
        assert!(matches!(&items[0].1, Item::Para(p) if p == "项目表"));
        assert!(matches!(&items.last().unwrap().1, Item::Para(p) if p == "此页无正文"));
    }

    #[test]
    fn a_table_across_pages_is_one_and_its_repeated_header_goes() {
        let row =
            |a: &str, b: &str| vec![(a.to_string(), Origin::Own), (b.to_string(), Origin::Own)];
        let t = |rows: Vec<Vec<(String, Origin)>>| PTable {
            xs: vec![0.0, 100.0, 200.0],
            rows,
            ruled: true,
            open_end: Vec::new(),
        };
        let page1 = vec![
            (0.0, Item::Para("附件1".into())),
            (
                10.0,
                Item::Table(t(vec![row("序号", "名称"), row("1", "甲")])),
            ),
            (700.0, Item::Para("- 1 -".into())),
        ];
        let mut cont = vec![row("序号", "名称"), row("2", "乙"), row("", "乙二")];
        cont[2][0] = ("2".into(), Origin::RowSpan { row: 1 });
        let page2 = vec![
            (0.0, Item::Para("2".into())),
            (10.0, Item::Table(t(cont))),
            (300.0, Item::Para("附件2".into())),
        ];
        // A table of other columns on the next page is another table.
        let other = PTable {
            xs: vec![0.0, 50.0, 200.0],
            ..t(vec![row("序号", "名称")])
        };
        let page3 = vec![(10.0, Item::Table(other))];
        let items = join_pages(vec![page1, page2, page3]);
        assert_eq!(items.len(), 4, "{items:?}");
        let Item::Table(joined) = &items[1] else {
            panic!()
        };
        assert_eq!(
            texts(&joined.rows),
            vec![
                vec!["序号", "名称"],
                vec!["1", "甲"],
                vec!["2", "乙"],
                vec!["2", "乙二"]
            ]
        );
        assert_eq!(joined.rows[3][0].1, Origin::RowSpan { row: 2 });
        assert_eq!(items[2], Item::Para("附件2".into()));

        // A page whose rows split a column the other page's rows merge
        // across: the grids are lined up, the merged cells copied.
        let three = |rows: Vec<Vec<(String, Origin)>>| PTable {
            xs: vec![0.0, 100.0, 150.0, 200.0],
            rows,
            ruled: true,
            open_end: Vec::new(),
        };
        let sub = vec![
            ("2".to_string(), Origin::Own),
            ("乙".to_string(), Origin::Own),
            ("乙二".to_string(), Origin::Own),
        ];
        let items = join_pages(vec![
            vec![(
                0.0,
                Item::Table(t(vec![row("序号", "名称"), row("1", "甲")])),
            )],
            vec![(0.0, Item::Table(three(vec![sub])))],
        ]);
        let [Item::Table(joined)] = items.as_slice() else {
            panic!("{items:?}")
        };
        assert_eq!(
            texts(&joined.rows),
            vec![
                vec!["序号", "名称", "名称"],
                vec!["1", "甲", "甲"],
                vec!["2", "乙", "乙二"]
            ]
        );
        assert_eq!(joined.rows[1][2].1, Origin::ColSpan { col: 1 });

        // A row broken across the page: its second half joins it.
        let mut first = t(vec![row("序号", "名称"), row("1", "城镇老旧小区改")]);
        first.open_end = vec![true, true];
        let second = t(vec![row("", "造"), row("2", "乙")]);
        let items = join_pages(vec![
            vec![(0.0, Item::Table(first))],
            vec![(0.0, Item::Table(second))],
        ]);
        let [Item::Table(joined)] = items.as_slice() else {
            panic!("{items:?}")
        };
        assert_eq!(
            texts(&joined.rows),
            vec![
                vec!["序号", "名称"],
                vec!["1", "城镇老旧小区改造"],
                vec!["2", "乙"]
            ]
        );
    }
}
