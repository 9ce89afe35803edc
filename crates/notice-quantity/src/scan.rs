//! First pass of the quantity extractor: finds number + unit spans, their value,
//! range and qualifier, and rejects the numbers that are not quantities.

use super::lexicon::{self, APPROX_INFIXES, CN_NUMERAL_BLOCKERS, IDIOM_SET, LEAD_ONLY_SET, VERBS};
use super::numerals::{self, cn_digit, is_cn_numeral, is_digit, parse_arabic, scale_decimal};
use super::units::{
    self, multiplier_at, multiplier_is_large, unit_def, units_at, UnitDef, RATE_DENOMINATORS,
    RATE_JOINERS,
};
use super::{Dimension, Qualifier};

/// A quantity before its object and action are known.
#[derive(Debug, Clone)]
pub(crate) struct Raw {
    /// Surface start, including a prefix qualifier word.
    pub start: usize,
    /// Surface end, including a suffix qualifier word.
    pub end: usize,
    pub value: f64,
    pub value_max: Option<f64>,
    pub unit: String,
    /// [start, end) of the unit (rate included) in the text, so the unit can be
    /// reported as printed (個, 萬元 → 元) while `unit` is the folded form.
    pub unit_span: (usize, usize),
    /// Row of the unit table, None for a bare 万/亿 count.
    pub unit_idx: Option<usize>,
    pub rate: bool,
    pub qualifier: Qualifier,
}

impl Raw {
    pub fn def(&self) -> Option<&'static UnitDef> {
        self.unit_idx.and_then(unit_def)
    }
}

enum Step {
    Found(Raw, usize),
    Skip(usize),
}

pub(crate) fn scan(t: &[char]) -> Vec<Raw> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&c) = t.get(i) {
        let step = if is_digit(c) {
            scan_arabic(t, i)
        } else if is_cn_numeral(c) {
            scan_chinese(t, i)
        } else {
            Step::Skip(i + 1)
        };
        match step {
            Step::Found(raw, next) => {
                i = next.max(i + 1);
                out.push(raw);
            }
            Step::Skip(next) => i = next.max(i + 1),
        }
    }
    out
}

fn at(t: &[char], i: usize) -> Option<char> {
    t.get(i).copied()
}

fn before(t: &[char], i: usize) -> Option<char> {
    i.checked_sub(1).and_then(|j| t.get(j)).copied()
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

fn is_ascii_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || is_digit(c)
}

/// End of the identifier-like cluster at `i` (digits, Latin letters and the
/// punctuation that joins them in dates, codes and addresses), so that a
/// rejected token is skipped as a whole.
fn cluster_end(t: &[char], i: usize) -> usize {
    let mut j = i;
    while let Some(c) = at(t, j) {
        let word = is_ascii_word(c) || c == '_' || c == '@';
        let joiner = matches!(c, '.' | '-' | '/' | ':' | '∶' | '：' | '+' | '．' | '－')
            && at(t, j + 1).is_some_and(is_ascii_word);
        if !(word || joiner) {
            break;
        }
        j += 1;
    }
    j
}

/// Range separator at `i`, as its length.
fn range_sep(t: &[char], i: usize) -> Option<(usize, bool)> {
    match at(t, i)? {
        '-' | '－' | '–' | '~' | '～' => Some((1, true)),
        '—' if at(t, i + 1) == Some('—') => Some((2, true)),
        '—' => Some((1, true)),
        '至' | '到' => Some((1, false)),
        _ => None,
    }
}

struct Tail {
    pow: u32,
    approx: bool,
    unit: Option<(usize, usize)>,
    end: usize,
    /// No unit, but a rate denominator follows (1500/人, 元 left out).
    slash: bool,
}

/// True when the text at `i`, right after a unit whose glue character follows,
/// starts a word of its own that must win: a qualifier (12所以上: 所 + 以上,
/// not 所以 + 上) or a word of [`lexicon::UNIT_FOLLOWERS`] (36项目标任务:
/// 项 + 目标任务, not 项目 + 标任务).
fn word_follows(t: &[char], i: usize) -> bool {
    lexicon::suffix_qualifier(t, i).is_some() || lexicon::UNIT_FOLLOWER_SET.longest_at(t, i) > 0
}

/// True when the unit at `start` stands right after the measure word 个,
/// possibly with 多/余 between (两个月, 一个多月).
fn after_ge(t: &[char], start: usize) -> bool {
    match before(t, start) {
        Some('个') => true,
        Some(c) if APPROX_INFIXES.contains(&c) => {
            start.checked_sub(2).and_then(|j| at(t, j)) == Some('个')
        }
        _ => false,
    }
}

fn unit_ok(t: &[char], idx: usize, start: usize, len: usize, chinese: bool) -> bool {
    let Some(def) = unit_def(idx) else {
        return false;
    };
    if chinese && def.flags & units::CN == 0 {
        return false;
    }
    if def.flags & units::AFTER_GE != 0 && !after_ge(t, start) {
        return false;
    }
    let next = at(t, start + len);
    if next.is_some_and(|n| def.glue.contains(n)) && !word_follows(t, start + len) {
        return false;
    }
    if chinese && def.flags & units::GRADE_IF_CN_BEFORE_WORD != 0 && next.is_some_and(is_cjk) {
        return false;
    }
    if def.surface.starts_with(|c: char| c.is_ascii_alphabetic())
        && next.is_some_and(|n| n.is_ascii_alphanumeric())
    {
        return false;
    }
    if def.flags & units::STANDALONE != 0 {
        if let Some(n) = next {
            let qualifier_follows = lexicon::suffix_qualifier(t, start + len).is_some();
            if is_cjk(n) && !qualifier_follows && n != '的' {
                return false;
            }
        }
    }
    true
}

fn unit_at(t: &[char], i: usize, chinese: bool) -> Option<(usize, usize)> {
    units_at(t, i).find(|&(idx, len)| unit_ok(t, idx, i, len, chinese))
}

fn infix_at(t: &[char], i: usize) -> bool {
    at(t, i).is_some_and(|c| APPROX_INFIXES.contains(&c))
}

/// A duration counted with the measure word 个 (3个月, 一个多小时, 72个小时):
/// the unit is the time unit after 个 (and after 多/余, which make it
/// approximate), as (table index, position, approximate).
fn ge_duration_at(t: &[char], i: usize, chinese: bool) -> Option<(usize, usize, bool)> {
    if at(t, i) != Some('个') {
        return None;
    }
    let approx = infix_at(t, i + 1);
    let upos = i + 1 + usize::from(approx);
    let (idx, _) = unit_at(t, upos, chinese)?;
    (unit_def(idx)?.dim == Dimension::Duration).then_some((idx, upos, approx))
}

/// Parses what follows a number: [余|多] [multiplier] [余|多] unit.
fn parse_tail(t: &[char], p: usize, chinese: bool) -> Option<Tail> {
    let mut unitless: Option<Tail> = None;
    for infix1 in [false, true] {
        if infix1 && !infix_at(t, p) {
            continue;
        }
        let pos = p + usize::from(infix1);
        if let Some((idx, upos, approx)) = ge_duration_at(t, pos, chinese) {
            return Some(Tail {
                pow: 0,
                approx: infix1 || approx,
                unit: Some((idx, upos)),
                end: upos + units::unit_len(idx),
                slash: false,
            });
        }
        if let Some((idx, len)) = unit_at(t, pos, chinese) {
            return Some(Tail {
                pow: 0,
                approx: infix1,
                unit: Some((idx, pos)),
                end: pos + len,
                slash: false,
            });
        }
        let Some((pow, mlen)) = multiplier_at(t, pos) else {
            continue;
        };
        let mut mpos = pos + mlen;
        // 41.04万 平方米: one space after the multiplier, Arabic numbers only
        let gap = !chinese && at(t, mpos).is_some_and(|c| lexicon::NUMBER_GAPS.contains(&c));
        if gap && unit_at(t, mpos + 1, false).is_some() {
            mpos += 1;
        }
        for infix2 in [false, true] {
            if infix2 && (infix1 || !infix_at(t, mpos)) {
                continue;
            }
            let upos = mpos + usize::from(infix2);
            if let Some((idx, len)) = unit_at(t, upos, chinese) {
                return Some(Tail {
                    pow,
                    approx: infix1 || infix2,
                    unit: Some((idx, upos)),
                    end: upos + len,
                    slash: false,
                });
            }
        }
        if unitless.is_none() && multiplier_is_large(pow) && !chinese {
            let infix2 = !infix1 && infix_at(t, mpos);
            unitless = Some(Tail {
                pow,
                approx: infix1 || infix2,
                unit: None,
                end: mpos + usize::from(infix2),
                slash: false,
            });
        }
    }
    // 1500/人的标准: a rate whose numerator (元) was left out
    if unitless.is_none() && !chinese && matches!(at(t, p), Some('/' | '／')) {
        let (rate, _) = rate_suffix(t, p);
        if !rate.is_empty() {
            return Some(Tail {
                pow: 0,
                approx: false,
                unit: None,
                end: p,
                slash: true,
            });
        }
    }
    unitless
}

/// True when a "1 + unit" ending at `end` is followed by "1 + a word that is
/// no unit": the slogan pattern 1村1品, 1户1策 (as 一村一品 in Chinese numerals).
fn one_one_slogan(t: &[char], end: usize) -> bool {
    at(t, end) == Some('1')
        && at(t, end + 1).is_some_and(is_cjk)
        && parse_tail(t, end + 1, false).is_none_or(|tl| tl.unit.is_none())
}

/// Extends a unit into a rate: 批次/千人, 元/平方米/月.
fn rate_suffix(t: &[char], mut p: usize) -> (String, usize) {
    let mut s = String::new();
    loop {
        // a further denominator after '/', or joined to the last one (元/人.月,
        // written in the folded unit with one joiner so rates sum across pages)
        let sep = match at(t, p) {
            Some('/' | '／') => '/',
            Some(c) if !s.is_empty() && RATE_JOINERS.contains(&c) => '·',
            _ => break,
        };
        let mut q = p + 1;
        let mut denom = String::new();
        if let Some(c) = at(t, q).filter(|c| matches!(c, '千' | '万' | '百' | '十')) {
            denom.push(c);
            q += 1;
        }
        let unit_len = units_at(t, q)
            .find(|&(idx, len)| unit_ok(t, idx, q, len, false))
            .map(|(_, len)| len);
        let word_len = RATE_DENOMINATORS.iter().find_map(|w| {
            let n = w.chars().count();
            t.get(q..q + n)
                .is_some_and(|s| s.iter().copied().eq(w.chars()))
                .then_some(n)
        });
        let Some(len) = unit_len.max(word_len) else {
            break;
        };
        denom.extend(t.get(q..q + len).unwrap_or(&[]).iter());
        s.push(sep);
        s.push_str(&denom);
        p = q + len;
    }
    (s, p)
}

/// True when `i` lies inside a title (《…2023—2025年…》) or inside quotation
/// marks around a name (“四个100%”, “千名教师访万家”): numbers there name
/// something rather than count it. A long quoted phrase with a verb is a quoted
/// target (“改造1100万平方米老旧小区”) and keeps its quantities.
fn in_name(t: &[char], i: usize) -> bool {
    let open = |c: char| matches!(c, '“' | '《' | '「' | '『' | '‘' | '〈');
    let close = |c: char| matches!(c, '”' | '》' | '」' | '』' | '’' | '〉');
    let stop = |c: char| matches!(c, '。' | '；' | ';' | '\n' | '|');
    let lo = i.saturating_sub(80);
    let mut opener = None;
    for j in (lo..i).rev() {
        let Some(c) = at(t, j) else { break };
        if close(c) || stop(c) {
            return false;
        }
        if open(c) {
            opener = Some((j, c));
            break;
        }
    }
    let Some((o, oc)) = opener else {
        return false;
    };
    let hi = (i + 80).min(t.len());
    let mut closer = None;
    for j in i..hi {
        let Some(c) = at(t, j) else { break };
        if close(c) || c == '"' {
            closer = Some(j);
            break;
        }
        if open(c) || stop(c) {
            return false;
        }
    }
    let Some(cl) = closer else {
        return false;
    };
    if matches!(oc, '《' | '〈') {
        return true;
    }
    let content = t.get(o + 1..cl).unwrap_or(&[]);
    let has_verb = (0..content.len()).any(|k| {
        let v = VERBS.longest_at(content, k);
        v > 0 && (k == 0 || LEAD_ONLY_SET.longest_at(content, k) < v)
    });
    !(content.len() >= 10 && has_verb)
}

fn combine(prefix: Option<Qualifier>, suffix: Option<Qualifier>, infix_approx: bool) -> Qualifier {
    let bound =
        |q: Option<Qualifier>| q.filter(|q| matches!(q, Qualifier::AtLeast | Qualifier::AtMost));
    if let Some(q) = bound(suffix).or(bound(prefix)) {
        return q;
    }
    if infix_approx || prefix == Some(Qualifier::Approx) || suffix == Some(Qualifier::Approx) {
        return Qualifier::Approx;
    }
    Qualifier::Exact
}

/// Qualifier before the number: adjacent word (in the surface), or a word
/// before the governing verb (至少开展1次), which is not part of the surface.
fn prefix_at(t: &[char], num_start: usize, bare_cn: bool) -> (Option<Qualifier>, usize) {
    if let Some((q, n)) = lexicon::prefix_qualifier(t, num_start) {
        let word_is_shang = n == 1 && before(t, num_start) == Some('上');
        if !word_is_shang || bare_cn {
            return (Some(q), num_start - n);
        }
    }
    let v = VERBS.longest_ending_at(t, num_start);
    if v > 0 {
        if let Some((q, _)) = lexicon::prefix_qualifier(t, num_start - v) {
            if q == Qualifier::AtLeast || q == Qualifier::AtMost {
                return (Some(q), num_start);
            }
        }
    }
    // 不低于当地最低生活保障标准的1.6倍: a bound word opening the phrase "…的"
    // that ends right before the number bounds it, though it does not touch it
    if before(t, num_start) == Some('的') {
        let lo = num_start.saturating_sub(DE_PHRASE_REACH);
        for end in (lo..num_start - 1).rev() {
            let Some(c) = at(t, end) else { break };
            if is_digit(c) || "，,。；;：:、！？!?\n".contains(c) {
                break;
            }
            if let Some((q, n)) = lexicon::prefix_qualifier(t, end) {
                if n >= 2 && matches!(q, Qualifier::AtLeast | Qualifier::AtMost) {
                    return (Some(q), num_start);
                }
            }
        }
    }
    (None, num_start)
}

/// How far before "…的" + number a bound word (不低于, 不超过 …) may open the
/// phrase: a clause of the notices rarely names its reference in more.
const DE_PHRASE_REACH: usize = 24;

/// One number (`digits`, at `i`) read with its tail: a quantity, or the
/// place to go on from when the tail makes none.
fn single(t: &[char], i: usize, digits: &str, tail: &Tail) -> Step {
    let value = scale_decimal(digits, tail.pow);
    match finish(t, i, value, None, tail, false) {
        Some(raw) => {
            let end = raw.end;
            Step::Found(raw, end)
        }
        None => Step::Skip(tail.end),
    }
}

#[allow(clippy::too_many_arguments)]
fn finish(
    t: &[char],
    num_start: usize,
    value: f64,
    value_max: Option<f64>,
    tail: &Tail,
    bare_cn: bool,
) -> Option<Raw> {
    let (mut unit, unit_idx, unit_start, mut end) = match tail.unit {
        Some((idx, upos)) => {
            let def = unit_def(idx)?;
            (
                def.surface.to_string(),
                Some(idx),
                upos,
                upos + units::unit_len(idx),
            )
        }
        None => (String::new(), None, tail.end, tail.end),
    };
    let def = unit_idx.and_then(unit_def);
    // 前3位 ranks, 第… is filtered earlier.
    if before(t, num_start) == Some('前') && def.is_some_and(|d| matches!(d.surface, "位" | "名"))
    {
        return None;
    }
    let mut rate = false;
    if unit_idx.is_some() || tail.slash {
        let (r, e) = rate_suffix(t, end);
        if !r.is_empty() {
            unit.push_str(&r);
            end = e;
            rate = true;
        }
    }
    if tail.slash && !rate {
        return None;
    }
    let unit_span = (unit_start, end);
    let mut value_max = value_max;
    // 3万元至5万元: a range written with the unit on both numbers.
    if value_max.is_none() && !rate {
        if let (Some((sep, _)), Some(idx)) = (range_sep(t, end), unit_idx) {
            let n2_start = end + sep;
            if let Some(n2) = parse_arabic(t, n2_start) {
                if let Some(tail2) = parse_tail(t, n2_start + n2.len, false) {
                    if tail2.unit.map(|u| u.0) == Some(idx) {
                        let v2 = scale_decimal(&n2.digits, tail2.pow);
                        if v2 > value {
                            value_max = Some(v2);
                            end = tail2.end;
                        }
                    }
                }
            }
        }
    }
    let dim = def.map(|d| d.dim);
    let (suffix, end) = match lexicon::suffix_qualifier(t, end)
        .or_else(|| dim.and_then(|d| lexicon::dimension_suffix_qualifier(t, end, d)))
    {
        Some((q, n)) => (Some(q), end + n),
        None => (None, end),
    };
    let (prefix, start) = prefix_at(t, num_start, bare_cn);
    let qualifier = if value_max.is_some() {
        Qualifier::Range
    } else {
        combine(prefix, suffix, tail.approx)
    };
    if bare_cn && prefix.is_none() && !tail.approx {
        return None;
    }
    if in_name(t, num_start) {
        return None;
    }
    if !value.is_finite() {
        return None;
    }
    Some(Raw {
        start,
        end,
        value,
        value_max,
        unit,
        unit_span,
        unit_idx,
        rate,
        qualifier,
    })
}

fn scan_arabic(t: &[char], i: usize) -> Step {
    let skip = Step::Skip(cluster_end(t, i));
    let prev = before(t, i);
    let prev2 = i.checked_sub(2).and_then(|j| at(t, j));
    if let Some(p) = prev {
        if p.is_ascii_alphabetic() || matches!(p, '@' | '#' | '_' | '+' | '\\' | '第' | '×' | '*')
        {
            return skip;
        }
        if matches!(p, '.' | '-' | '/' | ':' | '∶' | '－' | '．')
            && prev2.is_some_and(is_ascii_word)
        {
            return skip;
        }
    }
    let Some(n1) = parse_arabic(t, i) else {
        return Step::Skip(i + 1);
    };
    let p = i + n1.len;
    if let Some(c) = at(t, p) {
        let next_digit = at(t, p + 1).is_some_and(is_digit);
        if (matches!(c, ':' | '∶' | '：' | '+' | '/' | '.' | '．' | '×' | '*') && next_digit)
            || c == '@'
            || c == '_'
        {
            return skip;
        }
    }

    // ranges: 5-8个, 3万—5万元, 35-64岁
    let (m1, sep_pos) = match multiplier_at(t, p) {
        Some((pow, len)) if multiplier_is_large(pow) && range_sep(t, p + len).is_some() => {
            (Some(pow), p + len)
        }
        _ => (None, p),
    };
    if let Some((sep_len, dash)) = range_sep(t, sep_pos) {
        let n2_start = sep_pos + sep_len;
        if at(t, n2_start).is_some_and(is_digit) {
            if let Some(n2) = parse_arabic(t, n2_start) {
                let tail = parse_tail(t, n2_start + n2.len, false);
                if let Some(tail) = tail.filter(|tl| tl.unit.is_some()) {
                    let v1 = scale_decimal(&n1.digits, m1.unwrap_or(tail.pow));
                    let v2 = scale_decimal(&n2.digits, tail.pow);
                    if v1 < v2 {
                        return match finish(t, i, v1, Some(v2), &tail, false) {
                            Some(raw) => {
                                let end = raw.end;
                                Step::Found(raw, end)
                            }
                            None => Step::Skip(tail.end),
                        };
                    }
                }
                if dash {
                    // 3-5月, 2023—2025年, 6-1: a date range or a code, not a quantity
                    return Step::Skip(cluster_end(t, n2_start).max(n2_start + n2.len));
                }
            }
        }
    }

    match parse_tail(t, p, false) {
        Some(tail) if n1.len == 1 && at(t, i) == Some('1') && one_one_slogan(t, tail.end) => {
            Step::Skip(tail.end)
        }
        Some(tail) => single(t, i, &n1.digits, &tail),
        None if at(t, p).is_some_and(|c| c.is_ascii_alphabetic()) => skip,
        None => {
            // 建设100 个“美好家园”: one space (often a saved NBSP) between the
            // number and its unit, inside a sentence; a number at the start of a
            // line or after punctuation is a list marker or a table cell
            let is_gap = |c: char| lexicon::NUMBER_GAPS.contains(&c);
            let gap = at(t, p).is_some_and(is_gap);
            // 完成 5 个: the same space may stand before the number too
            let word_before = before(t, i).is_some_and(is_cjk)
                || (before(t, i).is_some_and(is_gap)
                    && i.checked_sub(2).and_then(|j| at(t, j)).is_some_and(is_cjk));
            if !(gap && word_before) {
                return Step::Skip(p);
            }
            match parse_tail(t, p + 1, false).filter(|tl| tl.unit.is_some()) {
                Some(tail) => single(t, i, &n1.digits, &tail),
                None => Step::Skip(p),
            }
        }
    }
}

fn scan_chinese(t: &[char], i: usize) -> Step {
    let mut j = i;
    while at(t, j).is_some_and(is_cn_numeral) {
        j += 1;
    }
    let skip = Step::Skip(j);
    // no real numeral is this long; it also bounds the parser's recursion
    if j - i > 16 {
        return skip;
    }
    if before(t, i).is_some_and(|p| CN_NUMERAL_BLOCKERS.contains(p)) {
        return skip;
    }
    if IDIOM_SET.longest_at(t, i) > 0 {
        return skip;
    }
    let run = t.get(i..j).unwrap_or(&[]);
    let Some(n) = numerals::parse_chinese(run) else {
        return skip;
    };
    let bare = numerals::cn_is_bare(run);
    let Some(tail) = parse_tail(t, j, true) else {
        return skip;
    };
    let Some((idx, upos)) = tail.unit else {
        return skip;
    };
    let Some(def) = unit_def(idx) else {
        return skip;
    };
    let unit_end = upos + units::unit_len(idx);
    // 一户一档, 一校一品: slogans, not counts; 一项项: reduplication
    if at(t, unit_end).is_some_and(|c| cn_digit(c).is_some()) {
        return skip;
    }
    if unit_end > upos && at(t, unit_end) == at(t, unit_end - 1) {
        return skip;
    }
    // 五次会议, 二次供水: a Chinese numeral with 次 before a noun is an ordinal
    // or an attribute, not a number of times
    if def.surface == "次"
        && at(t, unit_end).is_some_and(is_cjk)
        && lexicon::suffix_qualifier(t, unit_end).is_none()
    {
        return skip;
    }
    // 一期工程, 金紫山一期: a phase name unless a verb counts the periods
    if def.surface == "期"
        && VERBS.longest_ending_at(t, i) == 0
        && !before(t, i).is_some_and(|p| "共分各".contains(p))
    {
        return skip;
    }
    let value = (n as f64) * 10f64.powi(tail.pow as i32);
    match finish(t, i, value, None, &tail, bare) {
        Some(raw) => {
            let end = raw.end;
            Step::Found(raw, end)
        }
        None => Step::Skip(tail.end),
    }
}
