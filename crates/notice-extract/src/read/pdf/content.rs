//! Our own walk over a page's content streams: a small lexer and the
//! operators that place text and draw straight lines. Everything else
//! (colours, shading, images' pixels, clipping) is passed over. Written
//! here rather than taken from a crate so that every loop and every nesting
//! is counted against a named budget, and nothing recurses without a cap.

use super::font::{deref, number, Code, Font};
use super::geometry::{Glyph, Rule};
use super::{Budget, Fail};
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;
use std::rc::Rc;

/// Most operators one page may execute (its content streams and the forms
/// they draw, together). A dense page of a notice has a few thousand; a
/// million is a content stream made to keep the reader busy.
pub const MAX_PDF_OPERATORS_PER_PAGE: usize = 1_000_000;
/// Most glyphs one page may show. A page of small CJK text holds about
/// 3,000; past this the page is text made to fill memory.
pub const MAX_PDF_GLYPHS_PER_PAGE: usize = 100_000;
/// Deepest nesting of arrays and dictionaries inside a content stream, and
/// of saved graphics states (`q` without `Q`). Real pages nest a handful.
pub const MAX_PDF_NESTING: usize = 64;
/// Deepest nesting of form XObjects (a form that draws a form …). Each
/// level is a call of the walker, so this bounds its stack as well.
pub const MAX_PDF_FORM_DEPTH: usize = 8;
/// Most straight lines one page may draw that can be table borders. The
/// table finder compares borders pairwise; a table of 100 × 20 cells draws
/// a few hundred.
pub const MAX_PDF_RULES_PER_PAGE: usize = 5_000;

/// A 2-D affine matrix `[a b c d e f]`, PDF's row-vector convention.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct M([f64; 6]);

impl M {
    pub const ID: M = M([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// `self × other`: apply self first, then other.
    fn then(self, o: M) -> M {
        let [a, b, c, d, e, f] = self.0;
        let [oa, ob, oc, od, oe, of] = o.0;
        M([
            a * oa + b * oc,
            a * ob + b * od,
            c * oa + d * oc,
            c * ob + d * od,
            e * oa + f * oc + oe,
            e * ob + f * od + of,
        ])
    }

    fn apply(self, x: f64, y: f64) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.0;
        (x * a + y * c + e, x * b + y * d + f)
    }

    fn translate(x: f64, y: f64) -> M {
        M([1.0, 0.0, 0.0, 1.0, x, y])
    }
}

/// An operand of a content-stream operator.
#[derive(Debug, Clone)]
enum Operand {
    Num(f64),
    Name(Vec<u8>),
    Str(Vec<u8>),
    Arr(Vec<Operand>),
    Other,
}

/// What a page gives: glyphs and ruling lines in its own coordinates (y up),
/// and how many images it draws.
#[derive(Debug, Default)]
pub struct PageOut {
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    pub images: usize,
}

#[derive(Clone)]
struct State {
    ctm: M,
    font: Rc<Font>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    scale: f64,
    leading: f64,
    rise: f64,
}

struct Sub {
    points: Vec<(f64, f64)>,
    closed: bool,
}

/// Walks the content of one page.
pub struct Walker<'a, 'b> {
    doc: &'a Document,
    budget: &'b mut Budget,
    /// Fonts already read, by their object (shared by the pages).
    fonts: &'b mut HashMap<ObjectId, Rc<Font>>,
    pub out: PageOut,
    ops: usize,
    /// Forms being drawn, to refuse a form that draws itself.
    forms: Vec<ObjectId>,
}

impl<'a, 'b> Walker<'a, 'b> {
    pub fn new(
        doc: &'a Document,
        budget: &'b mut Budget,
        fonts: &'b mut HashMap<ObjectId, Rc<Font>>,
    ) -> Self {
        Walker {
            doc,
            budget,
            fonts,
            out: PageOut::default(),
            ops: 0,
            forms: Vec::new(),
        }
    }

    fn font(&mut self, resources: Option<&Dictionary>, name: &[u8]) -> Result<Rc<Font>, Fail> {
        let doc = self.doc;
        let fonts = resources
            .and_then(|r| deref(doc, r.get(b"Font").ok()))
            .and_then(|o| o.as_dict().ok());
        let entry = fonts.and_then(|f| f.get(name).ok());
        match entry {
            Some(Object::Reference(id)) => {
                if let Some(f) = self.fonts.get(id) {
                    return Ok(f.clone());
                }
                let f = match doc.get_object(*id).ok().and_then(|o| o.as_dict().ok()) {
                    Some(d) => Rc::new(Font::load(doc, d, self.budget)?),
                    None => Rc::new(Font::unknown()),
                };
                self.fonts.insert(*id, f.clone());
                Ok(f)
            }
            Some(Object::Dictionary(d)) => Ok(Rc::new(Font::load(doc, d, self.budget)?)),
            _ => Ok(Rc::new(Font::unknown())),
        }
    }

    /// Runs one content stream (a page's, or a form's) under `ctm`.
    pub fn run(
        &mut self,
        content: &[u8],
        resources: Option<&Dictionary>,
        ctm: M,
    ) -> Result<(), Fail> {
        let mut gs = State {
            ctm,
            font: Rc::new(Font::unknown()),
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        };
        let mut saved: Vec<State> = Vec::new();
        let mut tm = M::ID;
        let mut tlm = M::ID;
        let mut path: Vec<Sub> = Vec::new();
        let mut operands: Vec<Operand> = Vec::new();
        let mut lex = Lexer { b: content, i: 0 };
        let mut codes: Vec<Code> = Vec::new();
        while let Some(tok) = lex.next_token()? {
            let op = match tok {
                Token::Operand(o) => {
                    // No operator takes more than a few operands; a run of
                    // them without an operator is garbage, not kept.
                    if operands.len() >= 64 {
                        operands.clear();
                    }
                    operands.push(o);
                    continue;
                }
                Token::Op(op) => op,
            };
            self.ops += 1;
            if self.ops > MAX_PDF_OPERATORS_PER_PAGE {
                return Err(Fail::limit(
                    format!("a page with more than {MAX_PDF_OPERATORS_PER_PAGE} operators"),
                    format!("{MAX_PDF_OPERATORS_PER_PAGE} (MAX_PDF_OPERATORS_PER_PAGE)"),
                ));
            }
            let n = |k: usize| -> f64 {
                match operands.get(k) {
                    Some(Operand::Num(v)) => *v,
                    _ => 0.0,
                }
            };
            let matrix = || M([n(0), n(1), n(2), n(3), n(4), n(5)]);
            match op {
                b"q" => {
                    if saved.len() >= MAX_PDF_NESTING {
                        return Err(Fail::limit(
                            format!("graphics states saved more than {MAX_PDF_NESTING} deep"),
                            format!("{MAX_PDF_NESTING} (MAX_PDF_NESTING)"),
                        ));
                    }
                    saved.push(gs.clone());
                }
                b"Q" => {
                    if let Some(s) = saved.pop() {
                        gs = s;
                    }
                }
                b"cm" if operands.len() == 6 => gs.ctm = matrix().then(gs.ctm),
                b"BT" => {
                    tm = M::ID;
                    tlm = M::ID;
                }
                b"Tf" => {
                    if let Some(Operand::Name(name)) = operands.first() {
                        gs.font = self.font(resources, name)?;
                    }
                    gs.size = n(1);
                }
                b"Tc" => gs.char_spacing = n(0),
                b"Tw" => gs.word_spacing = n(0),
                b"Tz" => gs.scale = n(0) / 100.0,
                b"TL" => gs.leading = n(0),
                b"Ts" => gs.rise = n(0),
                b"Td" => {
                    tlm = M::translate(n(0), n(1)).then(tlm);
                    tm = tlm;
                }
                b"TD" => {
                    gs.leading = -n(1);
                    tlm = M::translate(n(0), n(1)).then(tlm);
                    tm = tlm;
                }
                b"Tm" if operands.len() == 6 => {
                    tlm = matrix();
                    tm = tlm;
                }
                b"T*" => {
                    tlm = M::translate(0.0, -gs.leading).then(tlm);
                    tm = tlm;
                }
                b"Tj" | b"'" | b"\"" | b"TJ" => {
                    if op == b"'" || op == b"\"" {
                        if op == b"\"" {
                            gs.word_spacing = n(0);
                            gs.char_spacing = n(1);
                        }
                        tlm = M::translate(0.0, -gs.leading).then(tlm);
                        tm = tlm;
                    }
                    match operands.last() {
                        Some(Operand::Str(s)) => {
                            self.show(&gs, &mut tm, s, &mut codes)?;
                        }
                        Some(Operand::Arr(items)) if op == b"TJ" => {
                            for item in items {
                                match item {
                                    Operand::Str(s) => self.show(&gs, &mut tm, s, &mut codes)?,
                                    Operand::Num(adj) => {
                                        let tx = -adj / 1000.0 * gs.size * gs.scale;
                                        tm = M::translate(tx, 0.0).then(tm);
                                    }
                                    _ => {}
                                }
                            }
                        }
                        _ => {}
                    }
                }
                b"m" => path.push(Sub {
                    points: vec![gs.ctm.apply(n(0), n(1))],
                    closed: false,
                }),
                b"l" => {
                    let p = gs.ctm.apply(n(0), n(1));
                    match path.last_mut() {
                        Some(s) if !s.closed => s.points.push(p),
                        _ => path.push(Sub {
                            points: vec![p],
                            closed: false,
                        }),
                    }
                }
                // A curve ends the straight run: a new subpath from its end.
                b"c" | b"v" | b"y" => {
                    let k = if op == b"c" { 4 } else { 2 };
                    let p = gs.ctm.apply(n(k), n(k + 1));
                    path.push(Sub {
                        points: vec![p],
                        closed: false,
                    });
                }
                b"h" => {
                    if let Some(s) = path.last_mut() {
                        s.closed = true;
                    }
                }
                b"re" => {
                    let (x, y, w, h) = (n(0), n(1), n(2), n(3));
                    path.push(Sub {
                        points: vec![
                            gs.ctm.apply(x, y),
                            gs.ctm.apply(x + w, y),
                            gs.ctm.apply(x + w, y + h),
                            gs.ctm.apply(x, y + h),
                        ],
                        closed: true,
                    });
                }
                b"S" | b"s" | b"B" | b"B*" | b"b" | b"b*" => {
                    if op == b"s" || op == b"b" || op == b"b*" {
                        if let Some(s) = path.last_mut() {
                            s.closed = true;
                        }
                    }
                    self.stroke(&path)?;
                    path.clear();
                }
                b"f" | b"F" | b"f*" => {
                    self.fill(&path)?;
                    path.clear();
                }
                b"n" => path.clear(),
                b"Do" => {
                    if let Some(Operand::Name(name)) = operands.first() {
                        self.draw_xobject(resources, name, gs.ctm)?;
                    }
                }
                b"BI" => {
                    self.out.images += 1;
                    lex.skip_inline_image();
                }
                _ => {}
            }
            operands.clear();
            if path.len() > MAX_PDF_RULES_PER_PAGE {
                // A path this long is no table border; only its last
                // pieces could be, and a page of them is refused below.
                path.drain(..path.len() - MAX_PDF_RULES_PER_PAGE);
            }
        }
        Ok(())
    }

    /// Shows a string: one glyph per code, each advancing the text matrix.
    fn show(
        &mut self,
        gs: &State,
        tm: &mut M,
        bytes: &[u8],
        codes: &mut Vec<Code>,
    ) -> Result<(), Fail> {
        codes.clear();
        gs.font.codes(bytes, codes);
        for code in codes.drain(..) {
            let advance = code.width * gs.size * gs.scale;
            let m = tm.then(gs.ctm);
            let text = code.text;
            if !text.trim().is_empty() {
                let (x0, y0) = m.apply(0.0, gs.rise);
                let (x1, _) = m.apply(advance, gs.rise);
                let [_, _, c, d, _, _] = m.0;
                let size = (gs.size * (c * c + d * d).sqrt()).abs();
                if self.out.glyphs.len() >= MAX_PDF_GLYPHS_PER_PAGE {
                    return Err(Fail::limit(
                        format!("a page with more than {MAX_PDF_GLYPHS_PER_PAGE} glyphs"),
                        format!("{MAX_PDF_GLYPHS_PER_PAGE} (MAX_PDF_GLYPHS_PER_PAGE)"),
                    ));
                }
                if x0.is_finite() && x1.is_finite() && y0.is_finite() && size.is_finite() {
                    self.out.glyphs.push(Glyph {
                        x0: x0.min(x1),
                        x1: x0.max(x1),
                        // y up here; the page flips it.
                        top: y0 + 0.85 * size,
                        bottom: y0 - 0.15 * size,
                        size,
                        text,
                    });
                }
            }
            let mut tx = advance + gs.char_spacing * gs.scale;
            if code.space {
                tx += gs.word_spacing * gs.scale;
            }
            *tm = M::translate(tx, 0.0).then(*tm);
        }
        Ok(())
    }

    fn push_rule(&mut self, r: Rule) -> Result<(), Fail> {
        if self.out.rules.len() >= MAX_PDF_RULES_PER_PAGE {
            return Err(Fail::limit(
                format!("a page with more than {MAX_PDF_RULES_PER_PAGE} straight lines"),
                format!("{MAX_PDF_RULES_PER_PAGE} (MAX_PDF_RULES_PER_PAGE)"),
            ));
        }
        self.out.rules.push(r);
        Ok(())
    }

    /// Stroked straight pieces that run across or down the page are rules.
    fn stroke(&mut self, path: &[Sub]) -> Result<(), Fail> {
        for s in path {
            let closing = if s.closed { s.points.first() } else { None };
            let pts: Vec<(f64, f64)> = s.points.iter().chain(closing).copied().collect();
            for w in pts.windows(2) {
                if let [a, b] = w {
                    if let Some(r) = Rule::between(*a, *b) {
                        self.push_rule(r)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Filled thin rectangles are rules too (how WPS and Word draw borders);
    /// larger ones are shading and are passed over.
    fn fill(&mut self, path: &[Sub]) -> Result<(), Fail> {
        for s in path {
            let xs = s.points.iter().map(|p| p.0);
            let ys = s.points.iter().map(|p| p.1);
            let (x0, x1) = xs.fold((f64::MAX, f64::MIN), |(a, b), x| (a.min(x), b.max(x)));
            let (y0, y1) = ys.fold((f64::MAX, f64::MIN), |(a, b), y| (a.min(y), b.max(y)));
            if !(4..=5).contains(&s.points.len()) {
                continue;
            }
            let (w, h) = (x1 - x0, y1 - y0);
            let r = if h <= 3.0 && w > h {
                Rule::between((x0, (y0 + y1) / 2.0), (x1, (y0 + y1) / 2.0))
            } else if w <= 3.0 && h > w {
                Rule::between(((x0 + x1) / 2.0, y0), ((x0 + x1) / 2.0, y1))
            } else {
                None
            };
            if let Some(r) = r {
                self.push_rule(r)?;
            }
        }
        Ok(())
    }

    fn draw_xobject(
        &mut self,
        resources: Option<&Dictionary>,
        name: &[u8],
        ctm: M,
    ) -> Result<(), Fail> {
        let doc = self.doc;
        let entry = resources
            .and_then(|r| deref(doc, r.get(b"XObject").ok()))
            .and_then(|o| o.as_dict().ok())
            .and_then(|x| x.get(name).ok());
        let Some(Object::Reference(id)) = entry else {
            return Ok(());
        };
        let Some(Object::Stream(s)) = doc.get_object(*id).ok() else {
            return Ok(());
        };
        match s.dict.get(b"Subtype").and_then(Object::as_name).ok() {
            Some(b"Image") => self.out.images += 1,
            Some(b"Form") => {
                if self.forms.contains(id) {
                    return Ok(());
                }
                if self.forms.len() >= MAX_PDF_FORM_DEPTH {
                    return Err(Fail::limit(
                        format!("forms nested more than {MAX_PDF_FORM_DEPTH} deep"),
                        format!("{MAX_PDF_FORM_DEPTH} (MAX_PDF_FORM_DEPTH)"),
                    ));
                }
                let matrix = match s.dict.get(b"Matrix") {
                    Ok(Object::Array(a)) if a.len() == 6 => {
                        let v: Vec<f64> = a.iter().map(|o| number(o).unwrap_or(0.0)).collect();
                        match v.as_slice() {
                            [a, b, c, d, e, f] => M([*a, *b, *c, *d, *e, *f]),
                            _ => M::ID,
                        }
                    }
                    _ => M::ID,
                };
                let own = deref(doc, s.dict.get(b"Resources").ok()).and_then(|o| o.as_dict().ok());
                let bytes = super::stream_bytes(s, self.budget)?;
                self.forms.push(*id);
                let r = self.run(&bytes, own.or(resources), matrix.then(ctm));
                self.forms.pop();
                r?;
            }
            _ => {}
        }
        Ok(())
    }
}

enum Token {
    Operand(Operand),
    Op(&'static [u8]),
}

/// The content-stream lexer. Operators are returned as the known static
/// names (unknown ones as `?`), so no allocation per operator.
struct Lexer<'c> {
    b: &'c [u8],
    i: usize,
}

const OPS: &[&[u8]] = &[
    b"q", b"Q", b"cm", b"BT", b"ET", b"Tf", b"Tc", b"Tw", b"Tz", b"TL", b"Ts", b"Td", b"TD", b"Tm",
    b"T*", b"Tj", b"'", b"\"", b"TJ", b"m", b"l", b"c", b"v", b"y", b"h", b"re", b"S", b"s", b"B",
    b"B*", b"b", b"b*", b"f", b"F", b"f*", b"n", b"Do", b"BI", b"ID", b"EI",
];

fn is_delim(c: u8) -> bool {
    matches!(
        c,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n' | b'\x0C' | b'\0')
}

impl Lexer<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn skip_space(&mut self) {
        while let Some(c) = self.peek() {
            if is_space(c) {
                self.i += 1;
            } else if c == b'%' {
                while self.peek().is_some_and(|c| c != b'\n' && c != b'\r') {
                    self.i += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The next operand or operator; arrays and dictionaries are read whole
    /// (nesting counted), dictionaries kept as `Other`.
    fn next_token(&mut self) -> Result<Option<Token>, Fail> {
        let mut stack: Vec<(bool, Vec<Operand>)> = Vec::new();
        loop {
            self.skip_space();
            let Some(c) = self.peek() else {
                // An array left open at the end is dropped.
                return Ok(None);
            };
            let item = match c {
                b'[' | b'<' if c == b'[' || self.b.get(self.i + 1) == Some(&b'<') => {
                    self.i += if c == b'[' { 1 } else { 2 };
                    if stack.len() >= MAX_PDF_NESTING {
                        return Err(Fail::limit(
                            format!("arrays or dictionaries nested more than {MAX_PDF_NESTING} deep in a content stream"),
                            format!("{MAX_PDF_NESTING} (MAX_PDF_NESTING)"),
                        ));
                    }
                    stack.push((c == b'<', Vec::new()));
                    continue;
                }
                b']' | b'>' if c == b']' || self.b.get(self.i + 1) == Some(&b'>') => {
                    self.i += if c == b']' { 1 } else { 2 };
                    match stack.pop() {
                        Some((false, items)) => Operand::Arr(items),
                        Some((true, _)) => Operand::Other,
                        None => continue,
                    }
                }
                b'(' => Operand::Str(self.literal()),
                b'<' => Operand::Str(self.hex()),
                b'/' => {
                    self.i += 1;
                    let start = self.i;
                    while self.peek().is_some_and(|c| !is_space(c) && !is_delim(c)) {
                        self.i += 1;
                    }
                    Operand::Name(self.b.get(start..self.i).unwrap_or(&[]).to_vec())
                }
                b'0'..=b'9' | b'+' | b'-' | b'.' => {
                    let start = self.i;
                    self.i += 1;
                    while self.peek().is_some_and(|c| c.is_ascii_digit() || c == b'.') {
                        self.i += 1;
                    }
                    let s = std::str::from_utf8(self.b.get(start..self.i).unwrap_or(&[]))
                        .unwrap_or("0");
                    Operand::Num(
                        s.parse::<f64>()
                            .ok()
                            .filter(|v| v.is_finite())
                            .unwrap_or(0.0),
                    )
                }
                _ => {
                    let start = self.i;
                    self.i += 1;
                    while self.peek().is_some_and(|c| !is_space(c) && !is_delim(c)) {
                        self.i += 1;
                    }
                    let word = self.b.get(start..self.i).unwrap_or(&[]);
                    if !stack.is_empty() {
                        // true, false, null, or stray words inside an array.
                        Operand::Other
                    } else {
                        let op = OPS.iter().find(|o| **o == word).copied().unwrap_or(b"?");
                        return Ok(Some(Token::Op(op)));
                    }
                }
            };
            match stack.last_mut() {
                Some((_, items)) => items.push(item),
                None => return Ok(Some(Token::Operand(item))),
            }
        }
    }

    /// A literal string, escapes resolved, balanced parentheses kept.
    fn literal(&mut self) -> Vec<u8> {
        self.i += 1;
        let mut out = Vec::new();
        let mut depth = 1usize;
        while let Some(c) = self.peek() {
            self.i += 1;
            match c {
                b'\\' => {
                    let Some(e) = self.peek() else { break };
                    self.i += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.i += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.i += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xFF) as u8);
                        }
                        other => out.push(other),
                    }
                }
                b'(' => {
                    depth += 1;
                    out.push(c);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(c);
                }
                _ => out.push(c),
            }
        }
        out
    }

    fn hex(&mut self) -> Vec<u8> {
        self.i += 1;
        let mut digits = Vec::new();
        while let Some(c) = self.peek() {
            self.i += 1;
            if c == b'>' {
                break;
            }
            if let Some(d) = (c as char).to_digit(16) {
                digits.push(d as u8);
            }
        }
        digits
            .chunks(2)
            .map(|p| match p {
                [h, l] => h << 4 | l,
                [h] => h << 4,
                _ => 0,
            })
            .collect()
    }

    /// After `BI`: passes over the image's dictionary, `ID`, its data and `EI`.
    fn skip_inline_image(&mut self) {
        let Some(id) = memchr::memmem::find(self.b.get(self.i..).unwrap_or(&[]), b"ID") else {
            self.i = self.b.len();
            return;
        };
        self.i += id + 2;
        let rest = self.b.get(self.i..).unwrap_or(&[]);
        let mut from = 0;
        while let Some(p) = memchr::memmem::find(rest.get(from..).unwrap_or(&[]), b"EI") {
            let at = from + p;
            let before = at
                .checked_sub(1)
                .and_then(|k| rest.get(k))
                .is_none_or(|c| is_space(*c));
            let after = rest.get(at + 2).is_none_or(|c| is_space(*c));
            if before && after {
                self.i += at + 2;
                return;
            }
            from = at + 2;
        }
        self.i = self.b.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(content: &[u8]) -> Result<PageOut, Fail> {
        let doc = Document::with_version("1.5");
        let mut budget = Budget::default();
        let mut fonts = HashMap::new();
        let mut w = Walker::new(&doc, &mut budget, &mut fonts);
        w.run(content, None, M::ID)?;
        Ok(w.out)
    }

    #[test]
    fn text_and_rules_are_placed() {
        let out = walk(
            b"q 1 0 0 1 10 20 cm BT /F1 10 Tf 5 5 Td (AB) Tj [(C) -1000 (D)] TJ ET Q\n\
              0.5 w 0 0 m 100 0 l S 50 0 m 50 80 l 60 90 l S 0 100 100 0.5 re f 10 10 40 40 re f",
        )
        .unwrap();
        let text: String = out.glyphs.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(text, "ABCD");
        // Unknown fonts advance half an em: A at 15, B at 20, C at 25, D after a 10 gap.
        let xs: Vec<f64> = out.glyphs.iter().map(|g| g.x0).collect();
        assert_eq!(xs, vec![15.0, 20.0, 25.0, 40.0]);
        assert!((out.glyphs[0].size - 10.0).abs() < 1e-9);
        // The stroke, the vertical piece, and the thin filled bar; not the
        // diagonal, not the square.
        assert_eq!(out.rules.len(), 3, "{:?}", out.rules);
    }

    #[test]
    fn nesting_and_operator_budgets() {
        let deep = "[".repeat(MAX_PDF_NESTING + 1);
        assert!(matches!(walk(deep.as_bytes()), Err(Fail::Limit { .. })));
        let saves = "q ".repeat(MAX_PDF_NESTING + 1);
        assert!(matches!(walk(saves.as_bytes()), Err(Fail::Limit { .. })));
        let many = "n ".repeat(MAX_PDF_OPERATORS_PER_PAGE + 1);
        assert!(matches!(walk(many.as_bytes()), Err(Fail::Limit { .. })));
        // Inline images are passed over, data and all.
        let out = walk(b"BI /W 1 /H 1 ID \x00EI(x) EI BT /F 10 Tf (Z) Tj ET").unwrap();
        assert_eq!(out.images, 1);
        assert_eq!(out.glyphs.len(), 1);
        // Unbalanced and stray tokens are no error.
        assert!(walk(b") ] >> Tj TJ 1 2 3 4 5 cm (unclosed").is_ok());
    }
}
