//! Numbered outlines in running text: which paragraphs (and which parts of a
//! paragraph) are numbered items, which numbered paragraphs are headings
//! over them, and which unnumbered paragraphs belong to an item. Pure
//! typography: markers and their sequence, never what an item is about.
//!
//! Real notices number their items in many ways — `1.` `1、` `（1）` `①` `⑴`
//! `一是` — one per paragraph, several run together in one paragraph, or the
//! number on a line of its own; items are grouped under headings numbered in
//! another style (`一、教育方面（共5项）`), and followed by lines that belong
//! to them (`责任单位：…`). A marker counts only as part of a sequence
//! (1, 2, 3 …): a number inside the text (`(2021)`, `1.5万`, `第1、2批`) is
//! never one.

use crate::model::{Block, Heading, List, ListItem, ListKind, Paragraph};
use crate::vocab::numerals::{cn_marker, is_marker_numeral as is_cn_numeral, MAX_CN_MARKER_CHARS};
use std::borrow::Cow;

/// Smallest run of consecutively numbered items that makes a list.
pub const MIN_LIST_ITEMS: usize = 2;
/// Most digits in an Arabic marker: `(2021)` is a year, not item 2021.
pub const MAX_MARKER_DIGITS: usize = 3;
/// Longest paragraph read as a bare number on a line of its own (`1` above
/// the item's text, as pages laid out with large numerals print it).
pub const MAX_LONE_MARKER_CHARS: usize = 6;

/// How a marker is printed. Items of one list share one style; headings over
/// them use another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// `一、`
    CnComma,
    /// `（一）` / `(一)`
    CnParen,
    /// `一是`
    CnIs,
    /// `1.` / `1．` / `1、`: one style, since pages mix them within a list
    /// (`2.…` then `3、…`) far more often than they nest one under the other.
    ArabicDot,
    /// `（1）` / `(1)` / `1）`
    ArabicParen,
    /// `①`
    Circled,
    /// `⑴`
    ParenDigit,
    /// `01 新增…` / `1提供…` / `03` alone on its line above its words: a
    /// number without punctuation at the start of a paragraph (pages mix
    /// the three forms within a list).
    ArabicSpace,
    /// `第一项：` / `第1件、` / `之一：`: an ordinal word, at the start of a
    /// paragraph only (inside one, `第一项` is a word of the sentence).
    Ordinal,
    /// `☑`, `●`, `■`, `◆`, `★` … at the start of a paragraph: no number of
    /// its own, numbered by position.
    Bullet,
}

/// Glyphs that start a bulleted item.
/// (`★` and `☆` are not among them: tables and lists print them to mark a
/// key item, `★组织开展…`, `…工程★`.)
pub const BULLETS: &[char] = &[
    '☑', '✔', '✓', '√', '●', '■', '◆', '▶', '►', '•', '◇', '□', '○', '◎', '▪', '❖',
];

/// One marker found in a paragraph.
#[derive(Debug, Clone, PartialEq)]
struct Mark {
    style: Style,
    n: u32,
    /// Byte offsets in the paragraph: where the marker starts, where its text starts.
    start: usize,
    text_start: usize,
    /// At the start of its paragraph (strong) or inside the text (accepted only in sequence).
    leading: bool,
}

/// Characters after which an item may start inside a paragraph: the end of
/// a sentence, clause or bracket, or a space between items run together.
fn is_boundary(c: char) -> bool {
    matches!(
        c,
        '。' | '；'
            | ';'
            | '：'
            | ':'
            | '！'
            | '!'
            | '？'
            | '?'
            | '）'
            | ')'
            | '，'
            | ','
            | '」'
            | '』'
            | '”'
            | '"'
            | '…'
    ) || crate::text::is_space(c)
}

/// The marker printed at byte `at` of `s`, if one is.
fn marker_at(s: &str, at: usize) -> Option<(Style, u32, usize)> {
    let rest = s.get(at..)?;
    let mut it = rest.char_indices();
    let (_, first) = it.next()?;
    let end_of = |i: usize, c: char| at + i + c.len_utf8();
    match first {
        '①'..='⑳' => Some((
            Style::Circled,
            first as u32 - '①' as u32 + 1,
            end_of(0, first),
        )),
        '⑴'..='⒇' => Some((
            Style::ParenDigit,
            first as u32 - '⑴' as u32 + 1,
            end_of(0, first),
        )),
        '（' | '(' => {
            let inner_start = first.len_utf8();
            let close = rest.get(inner_start..)?.find(['）', ')'])? + inner_start;
            let inner = rest.get(inner_start..close)?.trim();
            let close_len = rest.get(close..)?.chars().next()?.len_utf8();
            let end = at + close + close_len;
            if !inner.is_empty()
                && inner.len() <= MAX_MARKER_DIGITS
                && inner.bytes().all(|b| b.is_ascii_digit())
            {
                Some((Style::ArabicParen, inner.parse().ok()?, end))
            } else if inner.chars().count() <= MAX_CN_MARKER_CHARS {
                Some((Style::CnParen, cn_marker(inner)?, end))
            } else {
                None
            }
        }
        '0'..='9' => {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if digits > MAX_MARKER_DIGITS {
                return None;
            }
            let n: u32 = rest.get(..digits)?.parse().ok()?;
            let punct = rest.get(digits..)?.chars().next()?;
            let style = match punct {
                // `1。` is a slip for `1.` that exported pages print.
                '.' | '．' | '、' | '。' => Style::ArabicDot,
                '）' | ')' => Style::ArabicParen,
                _ => return None,
            };
            Some((style, n, at + digits + punct.len_utf8()))
        }
        c if BULLETS.contains(&c) && at == 0 => Some((Style::Bullet, 0, end_of(0, c))),
        '第' | '之' => {
            let after = rest.get(first.len_utf8()..)?;
            let len: usize = after
                .chars()
                .take_while(|c| is_cn_numeral(*c) || c.is_ascii_digit())
                .take(MAX_CN_MARKER_CHARS)
                .map(char::len_utf8)
                .sum();
            let number = after.get(..len)?;
            let n = number.parse().ok().or_else(|| cn_marker(number))?;
            let mut tail = after.get(len..)?;
            if first == '第' {
                tail = tail.strip_prefix(ORDINAL_MEASURES)?;
            }
            let punct = tail.chars().next()?;
            if !matches!(punct, ':' | '：' | '、') {
                return None;
            }
            let used = rest.len() - tail.len() + punct.len_utf8();
            Some((Style::Ordinal, n, at + used))
        }
        c if is_cn_numeral(c) => {
            let len: usize = rest
                .chars()
                .take_while(|ch| is_cn_numeral(*ch))
                .take(MAX_CN_MARKER_CHARS)
                .map(char::len_utf8)
                .sum();
            let n = cn_marker(rest.get(..len)?)?;
            let punct = rest.get(len..)?.chars().next()?;
            let style = match punct {
                '、' => Style::CnComma,
                '是' => Style::CnIs,
                _ => return None,
            };
            Some((style, n, at + len + punct.len_utf8()))
        }
        _ => None,
    }
}

/// Measure words of an ordinal marker (`第一项：`, `第二件：`, `第三条：`).
const ORDINAL_MEASURES: &[char] = &['项', '件', '条', '項', '條'];

/// Characters that follow a number as its measure word, unit, date part or
/// multiplier: after one of these a leading number is a quantity, not a marker.
const NUMBER_FOLLOWERS: &str =
    "个件项所座条家处台辆套张间户人名次批年月日号时分秒期届万亿千百十元米亩吨岁天周倍层栋幢类级";

/// `01 新增…` or `1提供…`: digits before Han text, after a space or glued,
/// at the start of a paragraph only (inside one, `3 个` is a number and its
/// measure word).
fn spaced_number(s: &str, at: usize) -> Option<(Style, u32, usize)> {
    let rest = s.get(at..)?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > MAX_MARKER_DIGITS {
        return None;
    }
    let after = rest.get(digits..)?;
    let words = after.trim_start_matches(crate::text::is_space);
    let spaced = words.len() < after.len();
    let first = words.chars().next();
    let han = first.is_some_and(crate::text::is_han);
    // `1提供优质基础教育`: glued to its words, a number is a marker only
    // when what follows cannot be its measure word or a date (`3个`, `10月`).
    let glued_ok = first.is_some_and(|c| !NUMBER_FOLLOWERS.contains(c));
    (han && (spaced || glued_ok)).then(|| {
        let n = rest.get(..digits)?.parse().ok()?;
        Some((Style::ArabicSpace, n, at + (rest.len() - words.len())))
    })?
}

/// A marker needs words after it, and words that do not read as the rest of
/// a number (`1.5万人`, `3、4号楼`) or of a clause.
fn text_ok(s: &str, text_start: usize, style: Style) -> bool {
    let rest = s.get(text_start..).unwrap_or("").trim_start();
    // After `1.` or `1、` a digit continues the number (`1.5万`, `3、4号楼`);
    // after a bracketed or Chinese marker it starts the item (`（3）1.5万户…`).
    let number_goes_on = matches!(style, Style::ArabicDot | Style::ArabicSpace);
    match rest.chars().next() {
        None => false,
        // A page number glued to the text it interrupts (`2、)各街道…`)
        // is followed by the rest of a clause, not by an item's words.
        Some(c) => {
            !((number_goes_on && (c.is_ascii_digit() || ('０'..='９').contains(&c)))
                || matches!(
                    c,
                    '%' | '）' | ')' | '，' | ',' | '。' | '、' | '；' | ';' | '：' | ':'
                ))
        }
    }
}

/// Every marker candidate in a paragraph: one at its start, and any inside it
/// after a boundary character.
fn candidates(s: &str) -> Vec<Mark> {
    let mut out = Vec::new();
    let lead = s.len() - s.trim_start().len();
    if let Some((style, n, text_start)) = marker_at(s, lead).or_else(|| spaced_number(s, lead)) {
        if text_ok(s, text_start, style) {
            out.push(Mark {
                style,
                n,
                start: lead,
                text_start,
                leading: true,
            });
        }
    }
    // Walked by UTF-8 sequences without decoding them: most characters are
    // Han, neither a boundary nor the start of a marker, and are told so by
    // their first bytes.
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut after_boundary = false;
    while let Some(&lead_byte) = bytes.get(i) {
        let len = utf8_len(lead_byte);
        let here = bytes.get(i..).unwrap_or(&[]);
        let check = after_boundary && i > lead && may_start_marker(here);
        after_boundary = boundary_bytes(here);
        let at = i;
        i += len;
        if !check {
            continue;
        }
        let i = at;
        if let Some((style, n, text_start)) = marker_at(s, i) {
            // `一是` is a marker only inside a paragraph of such clauses;
            // `（一）` and `一、` inside a sentence are enumerations, kept if in sequence.
            if text_ok(s, text_start, style) && out.last().is_none_or(|m: &Mark| m.text_start <= i)
            {
                out.push(Mark {
                    style,
                    n,
                    start: i,
                    text_start,
                    leading: false,
                });
            }
        }
    }
    out
}

/// Length of the UTF-8 sequence a byte starts (1 for a continuation byte,
/// which a walk from a character boundary never meets).
fn utf8_len(b: u8) -> usize {
    match b {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// True when the UTF-8 at the start of `b` may begin a marker: an ASCII
/// digit or `(`, `（` (EF BC 88), ①…⑳ / ⑴…⒇ (E2 91/92 …), or a Chinese
/// numeral 一二三四五六七八九十.
fn may_start_marker(b: &[u8]) -> bool {
    match b {
        [b'0'..=b'9' | b'(', ..] | [0xEF, 0xBC, 0x88, ..] | [0xE2, 0x91 | 0x92, ..] => true,
        // 一 E4 B8 80, 三 E4 B8 89, 七 E4 B8 83, 九 E4 B9 9D, 二 E4 BA 8C, 五 E4 BA 94
        [0xE4, 0xB8, 0x80 | 0x89 | 0x83, ..]
        | [0xE4, 0xB9, 0x9D, ..]
        | [0xE4, 0xBA, 0x8C | 0x94, ..] => true,
        // 四 E5 9B 9B, 六 E5 85 AD, 八 E5 85 AB, 十 E5 8D 81
        [0xE5, 0x9B, 0x9B, ..] | [0xE5, 0x85, 0xAD | 0xAB, ..] | [0xE5, 0x8D, 0x81, ..] => true,
        _ => false,
    }
}

/// [`is_boundary`] on the UTF-8 at the start of `b`, decoding only the
/// sequences that can be one (ASCII, and the punctuation and spaces that
/// start with C2, E2, E3 or EF; Han characters start with E4–E9).
fn boundary_bytes(b: &[u8]) -> bool {
    match b {
        [x, ..] if x.is_ascii() => is_boundary(char::from(*x)),
        [x @ (0xC2 | 0xE2 | 0xE3 | 0xEF), ..] => b
            .get(..utf8_len(*x))
            .and_then(|seq| std::str::from_utf8(seq).ok())
            .and_then(|t| t.chars().next())
            .is_some_and(is_boundary),
        _ => false,
    }
}

/// A piece of the text: a paragraph, or the part of one from a marker to the next.
#[derive(Debug, Clone)]
struct Unit {
    mark: Option<Mark>,
    /// The marker as printed (`3.`, `（二）`), empty when unmarked.
    label: String,
    text: String,
    line: Option<usize>,
}

/// Which candidates are real markers: those that run in sequence with others
/// of their style. A marker at the start of a paragraph may start a run at
/// any number (lists cut from a longer one, numbering continued across
/// groups); one inside a paragraph must continue a run or start one at 1,
/// and a run must reach [`MIN_LIST_ITEMS`] unless it is one paragraph
/// numbered 1 (one item in its group, one heading over the only group).
fn accept(cands: &mut [Vec<Mark>]) {
    use std::collections::HashMap;
    // (paragraph, candidate index) of each run, per style.
    let mut runs: Vec<(Style, Vec<(usize, usize)>)> = Vec::new();
    let mut open: HashMap<Style, usize> = HashMap::new();
    for (p, marks) in cands.iter().enumerate() {
        for (k, m) in marks.iter().enumerate() {
            let continues = open
                .get(&m.style)
                .and_then(|&r| runs.get(r))
                .and_then(|(_, run)| run.last())
                .and_then(|&(lp, lk)| cands.get(lp)?.get(lk))
                .is_some_and(|last| last.n + 1 == m.n);
            if continues {
                if let Some(run) = open.get(&m.style).and_then(|&r| runs.get_mut(r)) {
                    run.1.push((p, k));
                }
            } else if m.leading || m.n == 1 {
                open.insert(m.style, runs.len());
                runs.push((m.style, vec![(p, k)]));
            }
        }
    }
    let mut keep = vec![Vec::new(); cands.len()];
    for (style, run) in &runs {
        // A lone bullet (`□ 记者…`) is a page's decoration, not a group.
        let first_is_one = *style != Style::Bullet
            && run
                .first()
                .and_then(|&(p, k)| cands.get(p)?.get(k))
                .is_some_and(|m| m.n == 1 && m.leading);
        // A run of one is kept only as a paragraph's own `1.`/`一、`: a
        // group of one item under a heading, or a heading over one group;
        // the outline decides which, and a list still needs two items.
        if run.len() >= MIN_LIST_ITEMS || first_is_one {
            for &(p, k) in run {
                if let Some(v) = keep.get_mut(p) {
                    v.push(k);
                }
            }
        }
    }
    for (marks, kept) in cands.iter_mut().zip(keep) {
        let mut k = 0;
        marks.retain(|_| {
            let keep = kept.contains(&k);
            k += 1;
            keep
        });
    }
}

/// A marker printed alone on its line: style, number, the text as printed.
type LoneMarker = (Style, u32, String);

/// A paragraph that is only a marker (`1`, `2.`, `（三）`): the number of
/// the item printed on the next line.
fn lone_marker(s: &str) -> Option<LoneMarker> {
    let t = s.trim();
    if t.is_empty() || t.chars().nth(MAX_LONE_MARKER_CHARS).is_some() {
        return None;
    }
    if t.len() <= MAX_MARKER_DIGITS && t.bytes().all(|b| b.is_ascii_digit()) {
        return Some((Style::ArabicSpace, t.parse().ok()?, t.to_string()));
    }
    let (style, n, end) = marker_at(t, 0)?;
    (end == t.len()).then(|| (style, n, t.to_string()))
}

/// Splits paragraphs into units at their markers.
/// `None` when the paragraphs hold fewer than two markers (most runs of a
/// notice's paragraphs: passed over before any text is copied).
fn units_of(paras: &[Paragraph]) -> Option<Vec<Unit>> {
    // A lone number joins the paragraph after it.
    let mut joined: Vec<(Cow<'_, Paragraph>, Option<LoneMarker>)> = Vec::new();
    let mut pending: Option<LoneMarker> = None;
    for p in paras {
        if let Some(m) = lone_marker(&p.text) {
            if let Some((_, _, label)) = pending.take() {
                joined.push((
                    Cow::Owned(Paragraph {
                        text: label,
                        line: p.line,
                    }),
                    None,
                ));
            }
            pending = Some(m);
            continue;
        }
        joined.push((Cow::Borrowed(p), pending.take()));
    }
    if let Some((_, _, label)) = pending {
        joined.push((
            Cow::Owned(Paragraph {
                text: label,
                line: None,
            }),
            None,
        ));
    }

    let mut cands: Vec<Vec<Mark>> = joined
        .iter()
        .map(|(p, lone)| match lone {
            Some((style, n, _)) => vec![Mark {
                style: *style,
                n: *n,
                start: 0,
                text_start: 0,
                leading: true,
            }],
            None => candidates(&p.text),
        })
        .collect();
    if cands.iter().map(Vec::len).sum::<usize>() < MIN_LIST_ITEMS {
        return None;
    }
    // Bullets number their items by position, as a reader counts them,
    // each glyph on its own (`●` items under `■` headings).
    let mut counts: Vec<(char, u32)> = Vec::new();
    for ((p, _), marks) in joined.iter().zip(cands.iter_mut()) {
        for m in marks.iter_mut().filter(|m| m.style == Style::Bullet) {
            let Some(glyph) = p.text.get(m.start..).and_then(|t| t.chars().next()) else {
                continue;
            };
            let n = match counts.iter_mut().find(|(g, _)| *g == glyph) {
                Some((_, n)) => n,
                None => {
                    counts.push((glyph, 0));
                    match counts.last_mut() {
                        Some((_, n)) => n,
                        None => continue,
                    }
                }
            };
            *n += 1;
            m.n = *n;
        }
    }
    accept(&mut cands);

    let mut units = Vec::new();
    for ((p, lone), marks) in joined.iter().zip(cands) {
        let text = p.text.as_str();
        let first_start = marks.first().map_or(text.len(), |m| m.start);
        let head = text.get(..first_start).unwrap_or("").trim();
        if !head.is_empty() {
            units.push(Unit {
                mark: None,
                label: String::new(),
                text: head.to_string(),
                line: p.line,
            });
        }
        for (k, m) in marks.iter().enumerate() {
            let next = marks.get(k + 1).map(|n| n.start);
            let end = next.unwrap_or(text.len());
            // The last item of a paragraph ends where the notice's closing
            // formula starts (`…项目。 现予以公告 …主席团 二〇二一年二月八日`):
            // that is a paragraph of its own after the list.
            let closing = next
                .is_none()
                .then(|| text.get(m.text_start..end))
                .flatten()
                .and_then(crate::vocab::sections::closing_at)
                .map(|at| m.text_start + at);
            let label = match lone {
                Some((_, _, l)) => l.clone(),
                None => text.get(m.start..m.text_start).unwrap_or("").to_string(),
            };
            units.push(Unit {
                mark: Some(m.clone()),
                label,
                text: text
                    .get(m.text_start..closing.unwrap_or(end))
                    .unwrap_or("")
                    .trim()
                    .to_string(),
                line: p.line,
            });
            if let Some(tail) = closing.and_then(|c| text.get(c..end)) {
                units.push(Unit {
                    mark: None,
                    label: String::new(),
                    text: tail.trim().to_string(),
                    line: p.line,
                });
            }
        }
    }
    Some(units)
}

/// The next numbered unit after unit `i`, passing over short unnumbered
/// lines that finish a heading (`（11件）`); `None` when text comes first.
fn next_marked(units: &[Unit], i: usize) -> Option<&Mark> {
    for u in units.iter().skip(i + 1) {
        match &u.mark {
            Some(m) => return Some(m),
            None if u.text.chars().count() <= MAX_HEADING_TAIL_CHARS => continue,
            None => return None,
        }
    }
    None
}

/// The style whose units are items: of the styles in use, the one whose
/// units most often are leaves (not directly followed by a unit numbered in
/// another style, as a heading is followed by its first item); ties go to
/// the style that appears later (deeper).
fn item_style(units: &[Unit]) -> Option<Style> {
    let mut stats: Vec<(Style, usize, usize)> = Vec::new(); // style, leaves, first index
    for (i, u) in units.iter().enumerate() {
        let Some(m) = &u.mark else { continue };
        let parent = next_marked(units, i).is_some_and(|n| n.style != m.style);
        match stats.iter_mut().find(|(s, _, _)| *s == m.style) {
            Some(s) => s.1 += usize::from(!parent),
            None => stats.push((m.style, usize::from(!parent), i)),
        }
    }
    let best = stats
        .iter()
        .copied()
        .max_by_key(|&(_, leaves, first)| (leaves, first))
        .filter(|&(_, leaves, _)| leaves > 0)
        .map(|(s, _, _)| s)?;
    // `一、…（有内容）` `二、…` `三、治理“餐桌污染”。` `（一）…（五）` `四、…`
    // `（一）（二）`: numbering that starts again under several units of
    // another style, some of which hold content of their own, is those
    // units' sub-items; the units are the items.
    let outer = stats.iter().find(|&&(s, leaves, _)| {
        s != best && leaves >= MIN_OUTER_LEAVES && restarts_under(units, best, s) >= MIN_RESTARTS
    });
    Some(outer.map_or(best, |&(s, _, _)| s))
}

/// Fewest units of their own content an outer style needs for numbering
/// restarted under it to be its sub-items (else its units are headings).
const MIN_OUTER_LEAVES: usize = 2;
/// Fewest restarts of the inner numbering, each under another outer unit.
const MIN_RESTARTS: usize = 2;

/// How many times `inner` numbering starts at 1 right under a unit of `outer`.
fn restarts_under(units: &[Unit], inner: Style, outer: Style) -> usize {
    units
        .windows(2)
        .filter(|w| match w {
            [a, b] => {
                a.mark.as_ref().is_some_and(|m| m.style == outer)
                    && b.mark
                        .as_ref()
                        .is_some_and(|m| m.style == inner && m.n == 1)
            }
            _ => false,
        })
        .count()
}

fn marker_text(u: &Unit) -> String {
    // A bullet prints no number: the item's is its position.
    if let Some(m) = u.mark.as_ref().filter(|m| m.style == Style::Bullet) {
        return m.n.to_string();
    }
    let label = u.label.trim();
    label
        .trim_start_matches(['（', '('])
        .trim_end_matches(['.', '．', '、', '。', '）', ')', '是', ':', '：'])
        .trim()
        .to_string()
}

/// Builds lists from a run of paragraphs (no table between them).
/// Most passes over one region: each pass takes the lists of one item
/// style, and the paragraphs left between them are read again for lists of
/// another (the projects numbered `1.` under `二、项目清单`, the measures
/// numbered `（一）` under `三、保障措施`).
pub const MAX_OUTLINE_PASSES: usize = 3;

/// Builds lists from a run of paragraphs, in passes.
fn outline(paras: Vec<Paragraph>, out: &mut Vec<Block>) {
    outline_pass(paras, out, MAX_OUTLINE_PASSES);
}

fn outline_pass(paras: Vec<Paragraph>, out: &mut Vec<Block>, passes_left: usize) {
    if passes_left == 0 {
        out.extend(paras.into_iter().map(Block::Paragraph));
        return;
    }
    let mut here: Vec<Block> = Vec::new();
    outline_once(paras, &mut here);
    if !here.iter().any(|b| matches!(b, Block::List(_))) {
        out.extend(here);
        return;
    }
    // The paragraphs between this pass's lists, read again when they hold
    // another numbered outline: paragraphs of their own that start with a
    // marker (a quick test; items run together inside prose are the first
    // pass's to find).
    let mut run: Vec<Paragraph> = Vec::new();
    let again = |run: Vec<Paragraph>, out: &mut Vec<Block>| {
        let leading = run
            .iter()
            .filter(|p| {
                let t = p.text.trim_start();
                marker_at(t, 0).is_some() || lone_marker(t).is_some()
            })
            .nth(1)
            .is_some();
        if leading {
            outline_pass(run, out, passes_left - 1);
        } else {
            out.extend(run.into_iter().map(Block::Paragraph));
        }
    };
    for b in here {
        match b {
            Block::Paragraph(p) => run.push(p),
            other => {
                again(std::mem::take(&mut run), out);
                out.push(other);
            }
        }
    }
    again(run, out);
}

fn outline_once(paras: Vec<Paragraph>, out: &mut Vec<Block>) {
    let Some(units) = units_of(&paras) else {
        out.extend(paras.into_iter().map(Block::Paragraph));
        return;
    };
    let Some(style) = item_style(&units) else {
        out.extend(paras.into_iter().map(Block::Paragraph));
        return;
    };
    let headings = heading_styles(&units, style);
    let (blocks, lists) = assemble(&units, style, &headings);
    place(blocks, lists, out);
}

/// Heading styles, outermost first: styles whose units, printed at the
/// start of a paragraph, are more often directly followed by a unit numbered
/// in another style (a heading by its first item) than not. Sub-items under
/// an item ((1)(2) after `三、…`) are followed by their siblings, and only
/// the last by the next item.
fn heading_styles(units: &[Unit], style: Style) -> Vec<Style> {
    let mut tally: Vec<(Style, usize, usize)> = Vec::new(); // style, parents, leaves
    for (i, u) in units.iter().enumerate() {
        let Some(m) = u.mark.as_ref().filter(|m| m.leading && m.style != style) else {
            continue;
        };
        let parent = next_marked(units, i).is_some_and(|n| n.style != m.style);
        match tally.iter_mut().find(|t| t.0 == m.style) {
            Some(t) => {
                t.1 += usize::from(parent);
                t.2 += usize::from(!parent);
            }
            None => tally.push((m.style, usize::from(parent), usize::from(!parent))),
        }
    }
    tally
        .into_iter()
        .filter(|&(_, parents, leaves)| parents > leaves)
        .map(|(s, _, _)| s)
        .collect()
}

/// The units read in order: items of `style` gathered into lists (each
/// with the headings above it and the lines under it), and every other unit
/// a paragraph. A list goes where its placeholder stands in the blocks.
fn assemble(
    units: &[Unit],
    style: Style,
    heading_styles: &[Style],
) -> (Vec<Block>, Vec<(List, usize)>) {
    let mut lists: Vec<(List, usize)> = Vec::new(); // list, index in `blocks` where it goes
    let mut blocks: Vec<Block> = Vec::new();
    let mut pending_headings: Vec<Heading> = Vec::new();
    let mut current: Option<List> = None;
    let mut last_n: Option<u32> = None;
    let mut headings_since_item = false;

    let flush =
        |current: &mut Option<List>, blocks: &mut Vec<Block>, lists: &mut Vec<(List, usize)>| {
            if let Some(l) = current.take() {
                lists.push((l, blocks.len()));
                blocks.push(Block::Paragraph(Paragraph {
                    text: String::new(),
                    line: None,
                }));
            }
        };

    for (i, u) in units.iter().enumerate() {
        match &u.mark {
            Some(m) if m.style == style => {
                let continues = last_n.is_some_and(|n| n + 1 == m.n);
                let restarts_in_group = m.n == 1 && headings_since_item;
                if current.is_some() && !continues && !restarts_in_group {
                    flush(&mut current, &mut blocks, &mut lists);
                }
                let list = current.get_or_insert_with(|| List {
                    kind: ListKind::Numbered,
                    items: Vec::new(),
                });
                list.items.push(ListItem {
                    marker: marker_text(u),
                    label: u.label.trim().to_string(),
                    text: u.text.clone(),
                    line: u.line,
                    inline: !m.leading,
                    headings: std::mem::take(&mut pending_headings),
                    body: Vec::new(),
                });
                last_n = Some(m.n);
                headings_since_item = false;
            }
            Some(m)
                if m.leading
                    && heading_styles.contains(&m.style)
                    && is_heading_of_items(units, i, style, heading_styles) =>
            {
                let level = heading_styles
                    .iter()
                    .position(|s| *s == m.style)
                    .unwrap_or(0);
                pending_headings.push(Heading {
                    level,
                    label: u.label.trim().to_string(),
                    text: u.text.clone(),
                    line: u.line,
                    inline: !m.leading,
                });
                headings_since_item = true;
            }
            _ => {
                // A short line right under a heading finishes it (`（11件）`).
                if u.mark.is_none() && u.text.chars().count() <= MAX_HEADING_TAIL_CHARS {
                    if let Some(h) = pending_headings.last_mut() {
                        h.text.push_str(&u.text);
                        continue;
                    }
                }
                // Unnumbered text (or numbered in a style that is neither):
                // the body of the item above, when there is one; else text
                // before the list, the headings kept for its first item.
                let text = format!("{}{}", u.label, u.text);
                match current.as_mut().and_then(|l| l.items.last_mut()) {
                    Some(it) => it.body.push(Paragraph { text, line: u.line }),
                    None => blocks.push(Block::Paragraph(Paragraph { text, line: u.line })),
                }
            }
        }
    }
    flush(&mut current, &mut blocks, &mut lists);
    blocks.extend(pending_headings.drain(..).map(|h| {
        Block::Paragraph(Paragraph {
            text: format!("{}{}", h.label, h.text),
            line: h.line,
        })
    }));
    (blocks, lists)
}

/// Puts each list where its placeholder stands (one too short to stand goes
/// back as paragraphs), the last item's body trimmed to the shape of the
/// others.
fn place(blocks: Vec<Block>, lists: Vec<(List, usize)>, out: &mut Vec<Block>) {
    let mut placed: Vec<Option<Vec<Block>>> = vec![None; blocks.len()];
    for (mut list, at) in lists {
        let trailing = trim_last_body(&mut list);
        let mut here = Vec::new();
        if list.items.len() >= MIN_LIST_ITEMS {
            here.push(Block::List(list));
        } else {
            here.extend(flatten(&list));
        }
        here.extend(trailing.into_iter().map(Block::Paragraph));
        if let Some(slot) = placed.get_mut(at) {
            *slot = Some(here);
        }
    }
    for (b, slot) in blocks.into_iter().zip(placed) {
        match slot {
            Some(v) => out.extend(v),
            None => out.push(b),
        }
    }
}

/// A heading of items: the next numbered unit after it is an item, or
/// another heading over one, with nothing between them but a short line
/// that finishes the heading (`（11件）`). A numbered paragraph followed by
/// text of its own is a section of the document, not a heading of items.
fn is_heading_of_items(units: &[Unit], i: usize, style: Style, headings: &[Style]) -> bool {
    for u in units.iter().skip(i + 1) {
        match &u.mark {
            None if u.text.chars().count() <= MAX_HEADING_TAIL_CHARS => continue,
            None => return false,
            Some(m) if m.style == style => return true,
            Some(m) if headings.contains(&m.style) => continue,
            Some(_) => return false,
        }
    }
    false
}

/// Longest unnumbered line after a heading read as the rest of the heading
/// (`一、城建综合治理类` above `（11件）`).
pub const MAX_HEADING_TAIL_CHARS: usize = 12;

/// Longest text before a colon read as a line's label (`责任单位：`).
const MAX_LINE_LABEL_CHARS: usize = 8;

/// The label a line starts with and the value after it (`责任单位` and
/// `区住建委` of `责任单位：区住建委`): two to [`MAX_LINE_LABEL_CHARS`] Han
/// characters before a colon (spaces that wrap the label removed).
pub fn line_label(text: &str) -> Option<(String, &str)> {
    // `第一项：…` numbers an item; it labels no field.
    if marker_at(text.trim_start(), 0).is_some_and(|(style, _, _)| style == Style::Ordinal) {
        return None;
    }
    let colon = text.find([':', '：'])?;
    let label = crate::text::clean(text.get(..colon)?);
    let n = label.chars().count();
    if !(2..=MAX_LINE_LABEL_CHARS).contains(&n) || !label.chars().all(crate::text::is_han) {
        return None;
    }
    let value = text.get(colon..)?.trim_start_matches([':', '：']).trim();
    Some((label, value))
}

/// The last item of a list keeps only the body lines shaped like the other
/// items' (labelled lines when they have some, and as many plain lines as
/// they have at most, never a numbered one unless they have some): what follows
/// is the text after the list (a source line, the notice's next section),
/// returned to be placed after it.
fn trim_last_body(list: &mut List) -> Vec<Paragraph> {
    let n = list.items.len();
    let others = list.items.iter().take(n.saturating_sub(1));
    let mut labelled = false;
    let mut max_plain = 0;
    let mut numbered_ok = false;
    for it in others {
        let mut plain = 0;
        for p in &it.body {
            match line_label(&p.text) {
                Some(_) => labelled = true,
                None => plain += 1,
            }
            numbered_ok |= marker_at(&p.text, 0).is_some();
        }
        max_plain = max_plain.max(plain);
    }
    let Some(last) = list.items.last_mut() else {
        return Vec::new();
    };
    let mut plain = 0;
    let keep = last
        .body
        .iter()
        .take_while(|p| match line_label(&p.text) {
            Some(_) => labelled,
            None => {
                plain += 1;
                plain <= max_plain && (numbered_ok || marker_at(&p.text, 0).is_none())
            }
        })
        .count();
    last.body.split_off(keep)
}

/// A list's paragraphs as printed (items split out of one paragraph joined
/// back), for a list too short to stand or a reader of plain paragraphs.
/// An item that started inside the paragraph before the list is appended
/// to `out`'s last paragraph.
pub fn flatten_into(list: &List, out: &mut Vec<Paragraph>) {
    let put = |out: &mut Vec<Paragraph>, inline: bool, text: String, line: Option<usize>| match out
        .last_mut()
    {
        Some(last) if inline => last.text.push_str(&text),
        _ => out.push(Paragraph { text, line }),
    };
    for it in &list.items {
        for h in &it.headings {
            put(out, h.inline, format!("{}{}", h.label, h.text), h.line);
        }
        put(out, it.inline, format!("{}{}", it.label, it.text), it.line);
        out.extend(it.body.iter().cloned());
    }
}

fn flatten(list: &List) -> Vec<Block> {
    let mut paras = Vec::new();
    flatten_into(list, &mut paras);
    paras.into_iter().map(Block::Paragraph).collect()
}

/// The document with its numbered paragraphs read as lists
/// ([`group_lists`]), and its layout named after its first list's shape
/// when it has no table but lists. Readers leave this to the caller: a notice whose tables
/// give its records needs no lists.
pub fn with_lists(mut doc: crate::model::Document) -> crate::model::Document {
    if doc.blocks.iter().any(|b| matches!(b, Block::List(_))) {
        return doc;
    }
    doc.blocks = group_lists(std::mem::take(&mut doc.blocks));
    if doc.layout == crate::model::Layout::Plain {
        doc.layout = super::layout_name(&doc);
    }
    doc
}

/// True when a text starts with a list marker (`一、`, `1.`, `（二）`): a
/// numbered line, never a title.
pub fn starts_with_marker(text: &str) -> bool {
    let t = text.trim_start();
    marker_at(t, 0).is_some()
}

/// A list marker at the start of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leading {
    pub style: Style,
    /// The number as printed, without its punctuation (`12`, `三`).
    pub number: String,
    /// Byte offset in the text where the words after the marker start.
    pub words: usize,
}

/// The list marker a text starts with, when words that are not the rest of
/// a number follow it (`1.5万人` starts with none). The one marker grammar
/// for the outline, table cells numbered in their name (`1.老旧小区改造`)
/// and the levels of names in a table (`（二）` under `（一）`).
pub fn leading_marker(text: &str) -> Option<Leading> {
    let lead = text.len() - text.trim_start().len();
    let (style, _, words) = marker_at(text, lead)?;
    if !text_ok(text, words, style) {
        return None;
    }
    let label = text.get(lead..words)?;
    let number = label
        .trim()
        .trim_start_matches(['（', '('])
        .trim_end_matches(['.', '．', '、', '。', '）', ')', '是', ':', '：'])
        .trim()
        .to_string();
    let words = words + (text.get(words..)?.len() - text.get(words..)?.trim_start().len());
    Some(Leading {
        style,
        number,
        words,
    })
}

/// Turns the paragraphs of a document into lists where they are numbered
/// items, region by region (a table ends a region).
pub fn group_lists(blocks: Vec<Block>) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    let mut run: Vec<Paragraph> = Vec::new();
    for b in blocks {
        match b {
            Block::Paragraph(p) => run.push(p),
            other => {
                outline(std::mem::take(&mut run), &mut out);
                out.push(other);
            }
        }
    }
    outline(run, &mut out);
    out.retain(|b| !matches!(b, Block::Paragraph(p) if p.text.is_empty()));
    headed_runs(labelled_runs(enumerations(out)))
}

/// Unnumbered items that each carry labelled lines (`某项目…` then
/// `责任单位：…`, `进度安排：…`), at least [`MIN_LIST_ITEMS`] of them in a
/// row: a list numbered by position, the labelled lines each item's body.
/// Whether the labels name units is the normaliser's to judge.
fn labelled_runs(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut items: Vec<ListItem> = Vec::new();
    // The plain paragraph just read: the head of an item if labelled lines follow.
    let mut head: Option<Paragraph> = None;
    let flush = |items: &mut Vec<ListItem>, out: &mut Vec<Block>| {
        if items.len() >= MIN_LIST_ITEMS {
            out.push(Block::List(List {
                kind: ListKind::Labelled,
                items: std::mem::take(items),
            }));
        } else {
            for it in items.drain(..) {
                out.push(Block::Paragraph(Paragraph {
                    text: it.text,
                    line: it.line,
                }));
                out.extend(it.body.into_iter().map(Block::Paragraph));
            }
        }
    };
    // Ends the run before a block that is no part of it.
    let end = |items: &mut Vec<ListItem>, head: &mut Option<Paragraph>, out: &mut Vec<Block>| {
        flush(items, out);
        out.extend(head.take().map(Block::Paragraph));
    };
    for b in blocks {
        match b {
            Block::Paragraph(p) if line_label(&p.text).is_some() => match head.take() {
                Some(h) => {
                    let mut item =
                        position_item(items.len(), h.text.trim().to_string(), h.line, false);
                    item.body.push(p);
                    items.push(item);
                }
                None => match items.last_mut() {
                    Some(it) => it.body.push(p),
                    None => out.push(Block::Paragraph(p)),
                },
            },
            Block::Paragraph(p) => {
                // Two plain paragraphs in a row: the first heads no item.
                if head.is_some() {
                    end(&mut items, &mut head, &mut out);
                }
                head = Some(p);
            }
            other => {
                end(&mut items, &mut head, &mut out);
                out.push(other);
            }
        }
    }
    end(&mut items, &mut head, &mut out);
    out
}

/// Longest unnumbered line read as a heading over unnumbered item lines
/// (`着力实现幼有善育`, `不断降低就医成本`).
pub const MAX_PLAIN_HEADING_CHARS: usize = 12;
/// Longest line read as one item under such a heading: longer lines are prose.
pub const MAX_PLAIN_ITEM_CHARS: usize = 80;
/// Fewest headings, each over at least two item lines (the last may hold
/// one: a page cut short), for such lines to be a list.
pub const MIN_PLAIN_HEADINGS: usize = 2;

fn plain_heading(t: &str) -> bool {
    let t = t.trim();
    let n = t.chars().count();
    (2..=MAX_PLAIN_HEADING_CHARS).contains(&n)
        && t.chars()
            .all(|c| crate::text::is_han(c) || c == '“' || c == '”')
}

/// A short line that states one target (a heading-shaped one too): no
/// label, no colon, at most one sentence.
fn plain_item(t: &str) -> bool {
    let t = t.trim();
    let body = t.trim_end_matches(['。', '；', ';']);
    !t.is_empty()
        && t.chars().count() <= MAX_PLAIN_ITEM_CHARS
        && line_label(t).is_none()
        && !starts_with_marker(t)
        && !body.contains(['。', ':', '：'])
}

/// Unnumbered headings each over unnumbered lines of one target each, as
/// newspapers print a government's list (`着力实现幼有善育` then `新增…托位
/// 4.5万个`, `建成乡村健身广场200个` …): a list numbered by position, each
/// heading a section. Whether the lines are projects is the normaliser's to
/// judge from the text around.
fn headed_runs(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut it = blocks.into_iter().peekable();
    while let Some(b) = it.next() {
        let Block::Paragraph(p) = b else {
            out.push(b);
            continue;
        };
        if !plain_heading(&p.text) {
            out.push(Block::Paragraph(p));
            continue;
        }
        // Read groups while a heading is followed by item lines.
        let mut groups: Vec<(Paragraph, Vec<Paragraph>)> = vec![(p, Vec::new())];
        while let Some(Block::Paragraph(next)) = it.peek() {
            // A heading-shaped line right under a heading is its first item
            // (`加快建设远程诊疗服务平台`); after items it opens the next group.
            let open = groups.last().is_some_and(|g| !g.1.is_empty());
            let heading = plain_heading(&next.text) && open;
            if !plain_item(&next.text) {
                break;
            }
            let Some(Block::Paragraph(next)) = it.next() else {
                break;
            };
            if heading {
                groups.push((next, Vec::new()));
            } else if let Some(g) = groups.last_mut() {
                g.1.push(next);
            }
        }
        // A trailing heading with no lines under it is the text after the run.
        let after = match groups.last() {
            Some(g) if g.1.is_empty() => groups.pop().map(|g| g.0),
            _ => None,
        };
        let last = groups.len().saturating_sub(1);
        let list_shaped = groups.len() >= MIN_PLAIN_HEADINGS
            && groups
                .iter()
                .enumerate()
                .all(|(i, g)| g.1.len() >= 2 || i == last);
        if list_shaped {
            let mut items = Vec::new();
            for (heading, lines) in groups {
                for (k, line) in lines.into_iter().enumerate() {
                    let mut item =
                        position_item(items.len(), line.text.trim().to_string(), line.line, false);
                    if k == 0 {
                        item.headings.push(Heading {
                            level: 0,
                            label: String::new(),
                            text: heading.text.trim().to_string(),
                            line: heading.line,
                            inline: false,
                        });
                    }
                    items.push(item);
                }
            }
            out.push(Block::List(List {
                kind: ListKind::Headed,
                items,
            }));
        } else {
            for (heading, lines) in groups {
                out.push(Block::Paragraph(heading));
                out.extend(lines.into_iter().map(Block::Paragraph));
            }
        }
        out.extend(after.map(Block::Paragraph));
    }
    out
}

/// Fewest items of an unnumbered enumeration (`包括：A；B；C。`): two
/// clauses after a colon are a sentence, not a list.
pub const MIN_ENUMERATION_ITEMS: usize = 3;

/// Words before the colon that announce an enumeration (`这10件民生实事包括：`).
const ENUMERATION_CUES: &[&str] = &["包括", "如下", "分别是", "分别为", "具体是", "具体为"];

/// Words that announce the items of a sentence that counts them, without a
/// colon (`这十件实事…，即投资…；投资…。`): a list only when the names or
/// clauses after it are exactly as many as the count.
const COUNTED_CUES: &[&str] = &[
    "包括",
    "如下",
    "分别是",
    "分别为",
    "具体是",
    "具体为",
    "依次为",
    "即",
];

/// True when a paragraph's text up to its colon announces an enumeration.
/// Matched on the folded text, so a repost in traditional script
/// (`分別是`) announces as the original does.
fn announces(intro: &str) -> bool {
    let t = intro.trim_end().trim_end_matches([':', '：']);
    let last_clause = t.rsplit(['，', ',', '。', '；', ';']).next().unwrap_or(t);
    let folded = crate::text::fold(last_clause);
    ENUMERATION_CUES.iter().any(|c| folded.contains(c))
}

/// Where the first of `words` occurs in `s`, matched on its folded form
/// (traditional script as simplified): the byte range in `s` itself. The
/// fold keeps every character's position, not always its byte length.
fn find_folded(s: &str, words: &[&str]) -> Option<std::ops::Range<usize>> {
    let folded = crate::text::fold(s);
    let (at, word) = words
        .iter()
        .filter_map(|w| Some((folded.find(w)?, *w)))
        .min_by_key(|(at, _)| *at)?;
    let start = crate::text::unfold_offset(s, &folded, at)?;
    let end = crate::text::unfold_offset(s, &folded, at + word.len())?;
    Some(start..end)
}

fn ends_clause(t: &str) -> bool {
    t.trim_end().ends_with(['；', ';'])
}

/// Unnumbered enumerations announced by a colon: items one per line ending
/// in `；` (the last in `。`), or clauses separated by `；` in the rest of
/// the paragraph. Items are numbered by position (their `label` is empty:
/// no number is printed).
fn enumerations(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut it = blocks.into_iter().peekable();
    while let Some(b) = it.next() {
        let Block::Paragraph(p) = b else {
            out.push(b);
            continue;
        };
        // Clauses in the same paragraph, after the colon.
        if let Some((intro, items)) = inline_enumeration(&p) {
            out.push(Block::Paragraph(intro));
            out.push(Block::List(List {
                kind: ListKind::Enumeration,
                items,
            }));
            continue;
        }
        // `这10项民生实事项目分别是A、B、…、J。`: names the count vouches for.
        if let Some((intro, items, after)) = counted_enumeration(&p) {
            out.push(Block::Paragraph(intro));
            out.push(Block::List(List {
                kind: ListKind::Enumeration,
                items,
            }));
            out.extend(after.map(Block::Paragraph));
            continue;
        }
        // Titled paragraphs run together on one line, a space between them.
        if let Some(items) = spaced_paragraphs(&p) {
            out.push(Block::List(List {
                kind: ListKind::Paragraphs,
                items,
            }));
            continue;
        }
        let colon_end = p.text.trim_end().ends_with([':', '：']) && announces(&p.text);
        let p_text = p.text.clone();
        out.push(Block::Paragraph(p));
        if !colon_end {
            continue;
        }
        // A paragraph per item, each a title sentence and its content.
        let titled = matches!(it.peek(), Some(Block::Paragraph(next)) if !ends_clause(&next.text));
        if titled {
            let mut items: Vec<ListItem> = Vec::new();
            while let Some(Block::Paragraph(next)) = it.peek() {
                if !titled_paragraph(&next.text) {
                    break;
                }
                if let Some(Block::Paragraph(next)) = it.next() {
                    let text = next.text.trim().to_string();
                    items.push(position_item(items.len(), text, next.line, false));
                }
            }
            // Lines of one sentence each (`“常有善育”工程，包括…等。`) go on
            // the list as far as the intro's count, and only if they reach it.
            let mut left_over = Vec::new();
            if let Some(n) = intro_count(&p_text).filter(|n| items.len() < *n) {
                let lines = sentence_lines(&mut it, items.len(), n);
                if items.len() + lines.len() == n {
                    items.extend(lines);
                } else {
                    left_over = lines;
                }
            }
            push_items(items, ListKind::Paragraphs, &mut out);
            as_paragraphs(left_over, &mut out);
            continue;
        }
        let mut items: Vec<ListItem> = Vec::new();
        while let Some(Block::Paragraph(next)) = it.peek() {
            let last = !ends_clause(&next.text);
            if last && !next.text.trim_end().ends_with(['。', '.']) {
                break;
            }
            if let Some(Block::Paragraph(next)) = it.next() {
                items.push(position_item(
                    items.len(),
                    next.text.trim().to_string(),
                    next.line,
                    false,
                ));
            }
            if last {
                break;
            }
        }
        push_items(items, ListKind::Enumeration, &mut out);
    }
    out
}

/// The count the last sentence of an intro states (`2023年度10件民生实事项目
/// 出炉，分别是：`).
fn intro_count(intro: &str) -> Option<usize> {
    let t = intro.trim_end().trim_end_matches([':', '：']);
    let sentence = t.rsplit(['。', '；', ';']).next().unwrap_or(t);
    sentence_count(sentence).map(|n| n as usize)
}

/// `“常有善育”工程，包括…等。` on each of the next lines: lines of one
/// sentence each, numbered on from `from` up to the intro's count `n` (the
/// caller gives them back as paragraphs when they fall short of it).
fn sentence_lines(
    it: &mut std::iter::Peekable<std::vec::IntoIter<Block>>,
    from: usize,
    n: usize,
) -> Vec<ListItem> {
    let mut items: Vec<ListItem> = Vec::new();
    while let Some(Block::Paragraph(next)) = it.peek() {
        let t = next.text.trim();
        let one_sentence = t.ends_with('。')
            && t.matches('。').count() == 1
            && t.chars().count() <= MAX_PARAGRAPH_ITEM_CHARS
            && !starts_with_marker(t)
            && line_label(t).is_none();
        if from + items.len() >= n || !one_sentence {
            break;
        }
        if let Some(Block::Paragraph(next)) = it.next() {
            items.push(position_item(
                from + items.len(),
                next.text.trim().to_string(),
                next.line,
                false,
            ));
        }
    }
    items
}

/// Items given back as the paragraphs they were read from.
fn as_paragraphs(items: Vec<ListItem>, out: &mut Vec<Block>) {
    out.extend(items.into_iter().map(|i| {
        Block::Paragraph(Paragraph {
            text: i.text,
            line: i.line,
        })
    }));
}

/// Items of an unnumbered enumeration: a list when there are enough of
/// them, else the paragraphs they were.
fn push_items(items: Vec<ListItem>, kind: ListKind, out: &mut Vec<Block>) {
    if items.len() >= MIN_ENUMERATION_ITEMS {
        out.push(Block::List(List { kind, items }));
    } else {
        as_paragraphs(items, out);
    }
}

/// Words that make a counted enumeration a part of a list (those behind
/// schedule, those done), not the list.
const SUBSET_WORDS: &[&str] = &[
    "其中",
    "偏慢",
    "较慢",
    "缓慢",
    "滞后",
    "落后",
    "未完成",
    "已完成",
    "提前完成",
    "较快",
];

/// Measure words of a count of items (`10项`, `十件`, `5个`, `十大民生实事`),
/// in simplified and traditional script.
const COUNT_WORDS: &[char] = &['项', '件', '个', '大', '項', '個'];

/// The count a clause states (`这10项民生实事项目`, `十件实事`): the first
/// number, in digits or Chinese numerals, followed by a measure word.
fn clause_count(clause: &str) -> Option<u32> {
    let chars: Vec<(usize, char)> = clause.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !COUNT_WORDS.contains(&c) || k == 0 {
            continue;
        }
        let digits = clause.get(..i)?;
        let start = digits
            .char_indices()
            .rev()
            .take_while(|(_, d)| d.is_ascii_digit() || is_cn_numeral(*d))
            .last()
            .map(|(j, _)| j)?;
        let n = digits.get(start..)?;
        if let Some(v) = n.parse().ok().or_else(|| cn_marker(n)) {
            return Some(v);
        }
    }
    None
}

/// The count a sentence states in its first clause that states one
/// (`2023年度10件民生实事项目出炉，分别是`: the count is not in the clause
/// before the cue).
fn sentence_count(sentence: &str) -> Option<u32> {
    let clauses: Vec<&str> = sentence.split(['，', ',', '：', ':']).collect();
    // A clause that counts projects (`10件民生实事项目`), not months
    // (`历时3个多月`) or each one (`每一项都…`); else the clause before the cue.
    let counts_projects = |c: &&&str| {
        let f = crate::text::fold(c);
        COUNTED_THINGS.iter().any(|w| f.contains(w))
    };
    clauses
        .iter()
        .filter(counts_projects)
        .find_map(|c| clause_count(c))
        .or_else(|| clause_count(clauses.last()?))
}

/// Words of what a notice counts when it counts its projects.
const COUNTED_THINGS: &[&str] = &["实事", "项目", "工程", "民生"];

/// `这10项民生实事项目分别是A、B、…、J。`: a clause that counts items and
/// announces them without a colon, then names separated by `、` up to the
/// sentence end — a list only when there are exactly as many names as the
/// count. Returns the text up to the names, the items, and the text after.
fn counted_enumeration(p: &Paragraph) -> Option<(Paragraph, Vec<ListItem>, Option<Paragraph>)> {
    let cue = find_folded(&p.text, COUNTED_CUES)?;
    let cue_at = cue.start;
    let before = p.text.get(..cue_at)?;
    let sentence = before.rsplit(['。', '；', ';']).next()?;
    // `其中，进度偏慢的3项分别是…`: some of the items, named for what they share.
    let folded = crate::text::fold(sentence);
    if SUBSET_WORDS.iter().any(|w| folded.contains(w)) {
        return None;
    }
    let n = sentence_count(sentence)? as usize;
    let names_at = cue.end;
    let rest = p.text.get(names_at..)?;
    let lead = rest.len() - rest.trim_start_matches([':', '：', ' ', ',', '，']).len();
    let rest = rest.get(lead..)?;
    // Names between 、 up to the first clause end, else clauses between ；
    // up to the sentence end: whichever gives the count.
    let end = rest.find(['。', '；', ';']).unwrap_or(rest.len());
    let by_comma: Vec<&str> = rest.get(..end)?.split('、').map(str::trim).collect();
    let stop = rest.find('。').unwrap_or(rest.len());
    let by_semicolon: Vec<&str> = rest
        .get(..stop)?
        .split(['；', ';'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect();
    let (mut names, end) = if by_comma.len() != n && by_semicolon.len() == n {
        (by_semicolon, stop)
    } else {
        (by_comma, end)
    };
    // `“A”、“B”、…、“J”等。`: the last name ends the sentence with 等.
    if let Some(last) = names.last_mut() {
        *last = last
            .trim_end_matches("等等")
            .trim_end_matches('等')
            .trim_end();
    }
    let names: Vec<&str> = names.into_iter().map(unquote).collect();
    if n < MIN_ENUMERATION_ITEMS || names.len() != n || names.iter().any(|t| t.is_empty()) {
        return None;
    }
    let items = names
        .iter()
        .enumerate()
        .map(|(i, t)| position_item(i, t.to_string(), p.line, true))
        .collect();
    let after = rest
        .get(end..)?
        .trim_start_matches(['。', '；', ';'])
        .trim();
    Some((
        Paragraph {
            text: p.text.get(..names_at + lead)?.to_string(),
            line: p.line,
        },
        items,
        (!after.is_empty()).then(|| Paragraph {
            text: after.to_string(),
            line: p.line,
        }),
    ))
}

/// A name printed wholly in quotes (`“新建23公里碧道”`, a closing `"` typed
/// by hand) without them; a quote inside a name (`“两整治一提升”行动`) stays.
fn unquote(name: &str) -> &str {
    const OPEN: &[char] = &['“', '"', '「'];
    const CLOSE: &[char] = &['”', '"', '」'];
    let Some(inner) = name.strip_prefix(OPEN).and_then(|t| t.strip_suffix(CLOSE)) else {
        return name;
    };
    if inner.is_empty() || inner.contains(OPEN) || inner.contains(CLOSE) {
        return name;
    }
    inner.trim()
}

/// `棚户区改造工程。新开工11万套…。 老旧小区改造工程。改造…。`: titled
/// paragraphs a page joined into one, each after a sentence end and a space.
fn spaced_paragraphs(p: &Paragraph) -> Option<Vec<ListItem>> {
    let mut parts: Vec<&str> = Vec::new();
    let mut start = 0;
    for (i, c) in p.text.char_indices() {
        if crate::text::is_space(c) && p.text.get(..i)?.trim_end().ends_with('。') {
            parts.push(p.text.get(start..i)?);
            start = i;
        }
    }
    parts.push(p.text.get(start..)?);
    let parts: Vec<&str> = parts.into_iter().filter(|t| !t.trim().is_empty()).collect();
    if parts.len() < MIN_ENUMERATION_ITEMS || !parts.iter().all(|t| titled_paragraph(t)) {
        return None;
    }
    Some(
        parts
            .iter()
            .enumerate()
            .map(|(i, t)| position_item(i, t.trim().to_string(), p.line, true))
            .collect(),
    )
}

/// Longest paragraph read as one item of an enumeration by paragraphs.
pub const MAX_PARAGRAPH_ITEM_CHARS: usize = 400;
/// Longest first sentence read as such an item's title.
pub const MAX_TITLE_SENTENCE_CHARS: usize = 40;

/// `2606个撤并村通公路(2013—2017年)。上半年已完成…`: a short title
/// sentence, then more; no number, label or colon of its own.
fn titled_paragraph(t: &str) -> bool {
    let t = t.trim();
    if t.chars().count() > MAX_PARAGRAPH_ITEM_CHARS
        || starts_with_marker(t)
        || line_label(t).is_some()
        || t.ends_with([':', '：'])
    {
        return false;
    }
    t.split_once('。').is_some_and(|(title, rest)| {
        title.chars().count() <= MAX_TITLE_SENTENCE_CHARS && !rest.trim().is_empty()
    })
}

fn position_item(index: usize, text: String, line: Option<usize>, inline: bool) -> ListItem {
    ListItem {
        marker: (index + 1).to_string(),
        label: String::new(),
        text,
        line,
        inline,
        headings: Vec::new(),
        body: Vec::new(),
    }
}

/// `…项目包括：A；B；C。` → the intro up to the colon, and the clauses.
fn inline_enumeration(p: &Paragraph) -> Option<(Paragraph, Vec<ListItem>)> {
    let colon = p.text.find(['：', ':'])?;
    let (intro, rest) = p.text.split_at(colon);
    if !announces(intro) {
        return None;
    }
    let colon_len = rest.chars().next()?.len_utf8();
    let rest = rest.get(colon_len..)?;
    let clauses: Vec<&str> = rest
        .split_inclusive(['；', ';'])
        .filter(|c| !c.trim().is_empty())
        .collect();
    if clauses.len() < MIN_ENUMERATION_ITEMS {
        return None;
    }
    let items = clauses
        .iter()
        .enumerate()
        .map(|(i, c)| position_item(i, c.trim().to_string(), p.line, true))
        .collect();
    Some((
        Paragraph {
            text: p.text.get(..colon + colon_len)?.to_string(),
            line: p.line,
        },
        items,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numeral_markers() {
        let cases = [
            ("一", Some(1)),
            ("十", Some(10)),
            ("十二", Some(12)),
            ("二十", Some(20)),
            ("三十五", Some(35)),
            ("十十", None),
            ("零", None),
        ];
        for (m, want) in cases {
            assert_eq!(cn_marker(m), want, "{m}");
        }
    }
}

#[cfg(test)]
mod byte_tests {
    use super::*;

    #[test]
    fn markers_and_boundaries_are_told_from_their_bytes() {
        let mut buf = [0u8; 4];
        for c in "0123456789(（①⑳⑴⒇一二三四五六七八九十".chars() {
            assert!(may_start_marker(c.encode_utf8(&mut buf).as_bytes()), "{c}");
        }
        for c in "a)）、。项目新建百千万零".chars() {
            assert!(!may_start_marker(c.encode_utf8(&mut buf).as_bytes()), "{c}");
        }
        for &c in BOUNDARY_SAMPLES {
            assert_eq!(
                boundary_bytes(c.encode_utf8(&mut buf).as_bytes()),
                is_boundary(c),
                "{c}"
            );
        }
    }

    const BOUNDARY_SAMPLES: &[char] = &[
        '。', '；', ';', '：', ':', '！', '!', '？', '?', '）', ')', '，', ',', '」', '』', '”',
        '"', '…', ' ', '\t', '\u{3000}', '\u{a0}', '\u{2003}', '项', '、', 'a', '1', '（',
    ];
}
