//! Second pass of the quantity extractor: attaches to each quantity the noun
//! phrase it counts or measures (`object`) and the verb governing it (`action`),
//! then builds the public [`Quantity`] with its normalised value.
//!
//! The object is read after the unit when a noun follows (新建500个5G基站), else
//! before the number, back to the clause boundary or the previous quantity
//! (改造城镇老旧小区12个). Coordinated quantities share verb and object
//! (新增教学班147个,学位7000个; 1个、2.27万平方米), 分别 distributes a list
//! of subjects over a list of numbers, and a breakdown by place (统景镇10个)
//! takes the object of the total it breaks down.

use super::lexicon::{prefix_qualifier, suffix_qualifier, TIME_TAKING_SET};
use super::lexicon::{
    ADVERB_SET, AFTER_STOP_SET, CHANGE_SET, CLASSIFIER_HEADS, COMPARISON_SET, COMPOUND_HEAD_SET,
    DISPOSAL_SET, FRAME_SET, LEADING_LINKING_SET, LEAD_ONLY_SET, LINKING_SET, LOCATIVE_SET,
    LOCATIVE_TAILS, LOCATIVE_WORD_SET, MEASURE_SET, META_NOUN_SET, MIN_LOCATIVE_HOST,
    MONEY_NAMING_SET, MONEY_WORD_SET, NOUN_MAKERS, NUMBER_GAPS, PERSON_SET, PLACE_CATEGORY_SET,
    PLACE_SET, PREP_SET, RELATIVE_SET, SCOPE_SET, TRAILING_ACTION_SET, TRAILING_SET, VERBS,
    VERB_LIKE_NOUN_SET, VERB_NOUN_HEAD_SET, WEAK_SET,
};
use super::numerals::{cn_digit, is_cn_numeral, is_digit};
use super::scan::Raw;
use super::units;
use super::{Dimension, Normalized, Number, Qualifier, Quantity};

fn at(t: &[char], i: usize) -> Option<char> {
    t.get(i).copied()
}

/// Ends a clause for the object search.
fn is_hard_boundary(c: char) -> bool {
    matches!(
        c,
        '，' | ','
            | '。'
            | '；'
            | ';'
            | '：'
            | ':'
            | '！'
            | '？'
            | '!'
            | '?'
            | '\n'
            | '\r'
            | '\t'
            | '|'
            | ' '
            | '\u{3000}'
            | '\u{2002}'
            | '\u{a0}'
    )
}

/// Ends a sentence: coordinated quantities never share verb or object across it.
fn is_sentence_boundary(c: char) -> bool {
    matches!(c, '。' | '；' | ';' | '！' | '？' | '!' | '?' | '\n' | '|')
}

fn is_number_gap(c: char) -> bool {
    NUMBER_GAPS.contains(&c)
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

fn is_quote(c: char) -> bool {
    matches!(c, '“' | '”' | '"' | '‘' | '’' | '「' | '」' | '『' | '』')
}

fn is_open_quote(c: char) -> bool {
    matches!(c, '“' | '‘' | '「' | '『')
}

fn is_conjunction(c: char) -> bool {
    matches!(c, '和' | '及' | '与' | '、')
}

fn text(cs: &[char]) -> String {
    let mut out = String::with_capacity(cs.len() * 3);
    out.extend(cs.iter().filter(|c| !is_quote(**c)));
    out
}

/// Dimensions whose object is a thing (城镇老旧小区改造27个 → 城镇老旧小区);
/// for person-times and occurrences the activity itself is what is counted.
fn strips_activity(dim: Dimension) -> bool {
    !matches!(
        dim,
        Dimension::PersonTimes
            | Dimension::Occurrences
            | Dimension::Percent
            | Dimension::PercentagePoints
            | Dimension::Ratio
            | Dimension::Rate
    )
}

fn is_person_unit(q: &Raw) -> bool {
    q.def()
        .is_some_and(|d| matches!(d.surface, "人" | "名" | "位"))
}

/// Length of a verb at `i` of `w`, 0 when there is none or when the verb is
/// part of a noun (就业率, 受益人口, 招聘会, 改造内容) or negated (未就业).
fn verb_at(w: &[char], i: usize, end: usize) -> usize {
    let n = VERBS.longest_at(w, i);
    if n == 0 || i + n > end {
        return 0;
    }
    if i > 0 && LEAD_ONLY_SET.longest_at(w, i) == n {
        return 0;
    }
    if VERB_LIKE_NOUN_SET.longest_at(w, i) > n {
        return 0;
    }
    if at(w, i + n).is_some_and(|c| NOUN_MAKERS.contains(c)) {
        return 0;
    }
    if VERB_NOUN_HEAD_SET.longest_at(w, i + n) > 0 {
        return 0;
    }
    let m = MEASURE_SET.longest_at(w, i + n);
    if m > 0 && i + n + m == end {
        return 0;
    }
    if i > 0 && at(w, i - 1).is_some_and(|c| "未不无非".contains(c)) {
        return 0;
    }
    n
}

fn is_strong_verb(w: &[char], i: usize, n: usize) -> bool {
    w.get(i..i + n).is_some_and(|v| !WEAK_SET.contains(v))
}

/// True when `w[from..end]` is a measurement noun with at most two characters
/// before it (建筑面积, 区域面积, 里程): a verb before it belongs to the noun,
/// as in 改造建筑面积 or 计划里程.
fn is_measure_tail(w: &[char], from: usize, end: usize) -> bool {
    let m = MEASURE_SET.longest_ending_at(w, end);
    if m == 0 || end < from + m || end - from - m > 2 {
        return false;
    }
    // 巩固提升受益人口: 受益 owns 人口, so 提升 is still a verb
    let gap = end - from - m;
    gap == 0 || VERBS.longest_at(w, from) == 0
}

/// Measurement nouns and indicators (面积, 知晓率, 托位数, 占比 …).
fn ends_with_measure(np: &[char]) -> bool {
    MEASURE_SET.longest_ending_at(np, np.len()) > 0
        || matches!(np.last(), Some('率' | '数' | '量' | '比' | '度'))
}

/// Removes trailing activity words (整治, 建设, 改造 …) as long as what remains
/// still ends in a noun: 城镇新增就业 stays, since 城镇新增 ends with a verb.
fn strip_trailing_activities(np: &mut Vec<char>) {
    let n = activity_cut(np);
    np.truncate(n);
}

/// Length of `np` once its trailing activity words are removed.
fn activity_cut(np: &[char]) -> usize {
    let mut cut = np.len();
    let mut best = np.len();
    loop {
        let n = TRAILING_SET.longest_ending_at(np, cut);
        if n == 0 {
            break;
        }
        cut -= n;
        let acceptable =
            cut >= 2 && VERBS.longest_ending_at(np, cut) == 0 && np.get(cut - 1) != Some(&'的');
        if acceptable {
            best = cut;
        }
        if cut < 2 {
            break;
        }
    }
    best
}

/// Length of a phrase cut after its first noun naming people (残疾人日间照料 → 残疾人).
fn person_cut(np: &[char]) -> Option<usize> {
    let k = (0..np.len()).find(|&k| PERSON_SET.longest_at(np, k) > 0)?;
    // 幼儿教师: a person noun right after another one continues it
    let mut end = k;
    loop {
        let n = PERSON_SET.longest_at(np, end);
        if n == 0 {
            break;
        }
        end += n;
    }
    Some(end)
}

fn has_person(np: &[char]) -> bool {
    (0..np.len()).any(|k| PERSON_SET.longest_at(np, k) > 0)
}

/// Keeps the head after the last 的 (全区有意愿的失能特困人员 → 失能特困人员).
fn de_head(np: &mut Vec<char>) {
    while np.last() == Some(&'的') {
        np.pop();
    }
    if let Some(k) = np.iter().rposition(|&c| c == '的') {
        np.drain(..=k);
    }
}

/// What the text before a number says about it.
#[derive(Debug, Default)]
struct Before {
    object: Vec<char>,
    action: Option<String>,
    lead_verb: bool,
    strong_verb: bool,
    any_verb: bool,
    prep: bool,
    distribution: bool,
    comparison: bool,
    /// Joined to the previous quantity by 、 和 及 与.
    tight: bool,
    /// Only an aggregating word (共5.6千米): the object is the previous one.
    aggregate: bool,
    /// A verb that is not a mere activity word sits somewhere in the text.
    contains_strong: bool,
}

fn skip_list_marker(w: &[char], a: usize) -> usize {
    // 一是 … 十是
    let mut j = a;
    while at(w, j).is_some_and(|c| cn_digit(c).is_some() || c == '十') {
        j += 1;
    }
    if j > a && at(w, j) == Some('是') {
        return j + 1;
    }
    // (1) （1） ①
    if let Some(c) = at(w, a) {
        if matches!(c, '(' | '（') {
            let mut k = a + 1;
            while at(w, k).is_some_and(|c| is_digit(c) || is_cn_numeral(c)) {
                k += 1;
            }
            if k > a + 1 && matches!(at(w, k), Some(')' | '）')) {
                return k + 1;
            }
        }
        if ('①'..='⑳').contains(&c) {
            return a + 1;
        }
    }
    // 1. 1、 一、
    let mut k = a;
    while at(w, k).is_some_and(|c| is_digit(c) || cn_digit(c).is_some() || c == '十') {
        k += 1;
    }
    // …but `0.4千伏`: a digit after the point makes it a decimal.
    let decimal = matches!(at(w, k), Some('.' | '．')) && at(w, k + 1).is_some_and(is_digit);
    if k > a && matches!(at(w, k), Some('.' | '．' | '、')) && !decimal {
        return k + 1;
    }
    a
}

/// Skips a leading date or cohort (2024年, 2023年度, 2024届).
fn skip_date(w: &[char], a: usize) -> usize {
    let mut k = a;
    while at(w, k).is_some_and(is_digit) {
        k += 1;
    }
    if k == a {
        return a;
    }
    // 2024年, 2023年度, 2024届, 3月底前, 6月30日前
    let mut e = k;
    if w.get(e..e + 2) == Some(&['年', '度']) {
        e += 2;
    } else if matches!(at(w, e), Some('年' | '届' | '月' | '日')) {
        e += 1;
    } else {
        return a;
    }
    while matches!(at(w, e), Some('底' | '初' | '末' | '前' | '内' | '中')) {
        e += 1;
    }
    e
}

/// A verb chain starting at `i` (更换和新增, 建设完成, 实施好): its end.
fn verb_chain(w: &[char], i: usize, end: usize) -> usize {
    let mut p = i;
    loop {
        let n = verb_at(w, p, end);
        if n > 0 && !is_measure_tail(w, p + n, end) {
            p += n;
            continue;
        }
        if p > i && at(w, p).is_some_and(|c| "好完成".contains(c)) && p < end {
            p += 1;
            continue;
        }
        if p > i
            && at(w, p).is_some_and(|c| is_conjunction(c) || c == '或')
            && verb_at(w, p + 1, end) > 0
        {
            p += 1;
            continue;
        }
        return p;
    }
}

/// Start of the verb chain ending at `e` (村公共体育设施更换和新增 → 更换和新增).
fn verb_chain_start(w: &[char], e: usize) -> usize {
    let mut s0 = e;
    while s0 > 0 {
        let prev = VERBS.longest_ending_at(w, s0);
        if prev > 0 {
            s0 -= prev;
        } else if s0 >= 2
            && w.get(s0 - 1).is_some_and(|c| is_conjunction(*c))
            && VERBS.longest_ending_at(w, s0 - 1) > 0
        {
            s0 -= 1;
        } else {
            break;
        }
    }
    s0
}

fn analyse_before(w: &[char], dim: Dimension, person_unit: bool, reaches_prev: bool) -> Before {
    let mut out = Before::default();
    // 为60名残疾人提供日间照料及|300名…: the text belongs to the previous number
    if reaches_prev && w.last().is_some_and(|&c| is_conjunction(c)) {
        out.tight = true;
        return out;
    }
    let a = skip_front(w, &mut out);
    let Tail {
        end: b,
        linked,
        enumeration,
    } = trim_tail(w, a, dim, &mut out);
    if out.comparison {
        return out;
    }
    let (pos, pp) = leading_predicate(w, a, b, linked, &mut out);
    let mut np: Vec<char> = w.get(pos..b).unwrap_or(&[]).to_vec();
    let n = PREP_SET.longest_ending_at(&np, np.len());
    if n > 0 && n <= np.len() {
        np.clear();
    }
    if !enumeration {
        split_predicates(&mut np, dim, &mut out);
    }
    head_noun(&mut np, dim, person_unit, &mut out);
    if np.is_empty() {
        if let Some(pp) = pp {
            np = prepositional_object(w, pp);
        }
    }
    drop_classifier_numeral(&mut np);
    // 现距年底仅剩两个月, 走这条路都要一个多小时: a verb of taking or having
    // time left before a duration makes the text a predicate, not its object
    if dim == Dimension::Duration {
        let le = usize::from(np.last() == Some(&'了'));
        let n = TIME_TAKING_SET.longest_ending_at(&np, np.len() - le);
        if n > 0 {
            np.clear();
        }
    }
    // 计划投资350万元: the money verb right before the amount names it (the
    // investment), as the fund before a verb does (补助资金下达…)
    if np.is_empty() && dim == Dimension::Money {
        if let Some(a) = out.action.as_deref() {
            let a: Vec<char> = a.chars().collect();
            let n = MONEY_NAMING_SET.longest_ending_at(&a, a.len());
            np = a.get(a.len() - n..).unwrap_or(&[]).to_vec();
        }
    }
    out.object = np;
    out
}

/// Where the words before a number start to matter: past a conjunction
/// joining it to the previous quantity, a frame (十四五期间…, 改造内容为…),
/// list markers, dates, scope words (共, 累计 …) and leading linking words.
fn skip_front(w: &[char], out: &mut Before) -> usize {
    let mut a = 0;
    let b = w.len();
    if w.starts_with(&['以', '及']) {
        out.tight = true;
        a += 2;
    } else if w.first().is_some_and(|&c| is_conjunction(c)) {
        out.tight = true;
        a += 1;
    }
    // frames end before the object (十四五期间…, 改造内容为…)
    if let Some(k) = (a..b).rev().find(|&k| {
        let f = FRAME_SET.longest_at(w, k);
        f > 0 && k + f < b
    }) {
        a = k + FRAME_SET.longest_at(w, k);
    }
    loop {
        let start = a;
        a = skip_list_marker(w, a);
        a = skip_date(w, a);
        let n = SCOPE_SET.longest_at(w, a);
        if n > 0 && a + n <= b && verb_at(w, a, b) < n {
            if matches!(
                w.get(a..a + n),
                Some(['共'] | ['共', '计'] | ['累', '计'] | ['合', '计'] | ['总', '计'])
            ) {
                out.aggregate = true;
            }
            a += n;
        }
        let n = LEADING_LINKING_SET.longest_at(w, a);
        if n > 0 && a + n <= b {
            a += n;
        }
        if a == start {
            break;
        }
    }
    a
}

/// Where the words before a number end, once what links them to it is
/// taken off.
struct Tail {
    end: usize,
    /// A linking word (增加至, 达到) ended the text: the main verb is known.
    linked: bool,
    /// The text ended in 等: what precedes is an enumeration of names.
    enumeration: bool,
}

/// Takes the words that link the text to its number off its end: 从/由/自,
/// linking words (达到, 增加至, with 了 and 分别), adverbs before them
/// (已达), and an enumeration's 等; and, for a percentage or a comparison,
/// the change word that is its action (同比下降15.6%).
fn trim_tail(w: &[char], a: usize, dim: Dimension, out: &mut Before) -> Tail {
    let mut b = w.len();
    let mut linked = false;
    // 额度从20万元: the subject stays the object (按照0.3元… has none, below)
    if b > a && matches!(w.get(b - 1), Some('从' | '由' | '自')) {
        b -= 1;
    }
    loop {
        // 硬质化率达到了95%: the aspect particle 了 goes with the linking word
        let le = usize::from(b > a + 1 && at(w, b - 1) == Some('了'));
        let n = LINKING_SET.longest_ending_at(w, b - le);
        // 资金下达: the linking 达 is the end of a verb
        if n == 0 || b < a + n + le || VERBS.longest_ending_at(w, b - le) > n {
            break;
        }
        b -= le;
        if w.get(b - n..b)
            .is_some_and(|x| x.starts_with(&['分', '别']))
        {
            out.distribution = true;
        }
        b -= n;
        linked = true;
    }
    // 保障率已达89.33%: an adverb left before the linking word
    loop {
        let n = ADVERB_SET.longest_ending_at(w, b);
        if n == 0 || b < a + n || n > 1 && LINKING_SET.longest_ending_at(w, b) > 0 {
            break;
        }
        if !matches!(
            w.get(b - n..b),
            Some(['已'] | ['将'] | ['可'] | ['均'] | ['已', '经'])
        ) {
            break;
        }
        b -= n;
    }
    let mut enumeration = false;
    if b > a && at(w, b - 1) == Some('等') {
        enumeration = true;
        b -= 1;
    }
    if COMPARISON_SET.longest_at(w, a) > 0 {
        out.comparison = true;
    }
    // a multiple (目标任务的2倍) is read like a percentage
    let pct = matches!(
        dim,
        Dimension::Percent | Dimension::PercentagePoints | Dimension::Ratio
    );
    // 拥堵指数同比下降15.6%, 装饰工程完成90%
    if pct || out.comparison {
        let n = CHANGE_SET
            .longest_ending_at(w, b)
            .max(TRAILING_ACTION_SET.longest_ending_at(w, b));
        if n > 0 && b >= a + n {
            out.action = Some(text(w.get(b - n..b).unwrap_or(&[])));
            out.any_verb = true;
            b -= n;
            let c = COMPARISON_SET.longest_ending_at(w, b);
            if c > 0 && b >= a + c {
                b -= c;
            }
        }
    }
    Tail {
        end: b,
        linked,
        enumeration,
    }
}

/// Adverbs, verbs and prepositional phrases leading the text: the action
/// (its span becomes `out.action`) and where the noun phrase starts, with
/// the span of a prepositional phrase's object (and whether it is 对's).
fn leading_predicate(
    w: &[char],
    a: usize,
    b: usize,
    linked: bool,
    out: &mut Before,
) -> (usize, Option<(usize, usize, bool)>) {
    let mut pos = a;
    let mut action: Option<(usize, usize)> = None;
    let mut pp: Option<(usize, usize, bool)> = None;
    let mut after_disposal = false;
    while pos < b {
        let d = skip_date(w, pos);
        if d > pos && d < b {
            pos = d;
            continue;
        }
        let v = verb_at(w, pos, b);
        // 将筛查病种范围增加至20余类: with the main verb linking to the number,
        // 将 marks the thing changed, not the future
        let n = DISPOSAL_SET.longest_at(w, pos);
        if n > 0 && linked && pos + n < b && !after_disposal {
            pos += n;
            after_disposal = true;
            continue;
        }
        let adv = ADVERB_SET.longest_at(w, pos);
        // an adverb only counts before what it modifies (新建新型阅读空间)
        let modifies = |p: usize| {
            verb_at(w, p, b) > 0
                || ADVERB_SET.longest_at(w, p) > 0
                || PREP_SET.longest_at(w, p) > 0
                || skip_date(w, p) > p
        };
        if adv > v && pos + adv < b && !is_measure_tail(w, pos + adv, b) && modifies(pos + adv) {
            pos += adv;
            continue;
        }
        let n = DISPOSAL_SET.longest_at(w, pos);
        if n > 0 && pos + n < b && v == 0 {
            pos += n;
            after_disposal = true;
            continue;
        }
        // 将筛查病种范围增加至20余类: after 将 a weak verb starts the noun
        if v > 0 && after_disposal && !is_strong_verb(w, pos, v) {
            break;
        }
        if v > 0 && !is_measure_tail(w, pos + v, b) {
            let e = verb_chain(w, pos, b);
            action = Some(match action {
                Some((s0, _)) => (s0, e),
                None => (pos, e),
            });
            out.strong_verb |= is_strong_verb(w, pos, v);
            pos = e;
            out.lead_verb = true;
            out.any_verb = true;
            continue;
        }
        if action.is_none() && pp.is_none() {
            let n = PREP_SET.longest_at(w, pos);
            if n > 0 {
                out.prep = true;
                let inner = pos + n;
                let is_dui = w.get(pos..inner) == Some(&['对']);
                let next_verb = (inner..b).find(|&k| {
                    let v = verb_at(w, k, b);
                    v > 0 && !is_measure_tail(w, k + v, b)
                });
                match next_verb {
                    Some(v) => {
                        pp = Some((inner, v, is_dui));
                        pos = v;
                        continue;
                    }
                    None => {
                        pp = Some((inner, b, is_dui));
                        pos = b;
                        break;
                    }
                }
            }
        }
        break;
    }
    if let Some((s0, e0)) = action {
        out.action = Some(text(w.get(s0..e0).unwrap_or(&[])));
    }
    (pos, pp)
}

/// Predicates inside the noun phrase, when it is no enumeration: a verb
/// right before the number, a subject before a verb, the last item opened
/// by a verb; what they govern is the object, what precedes them is not.
fn split_predicates(np: &mut Vec<char>, dim: Dimension, out: &mut Before) {
    // a verb right before the number governs it directly (受益0.13万人,
    // …学生至少开展1次): what precedes it is not the object
    {
        let n = VERBS.longest_ending_at(np, np.len());
        let s0 = verb_chain_start(np, np.len());
        if n > 0 && (n == np.len() || is_strong_verb(np, np.len() - n, n)) && s0 < np.len() {
            out.action = Some(text(np.get(s0..).unwrap_or(&[])));
            out.lead_verb = true;
            out.any_verb = true;
            out.strong_verb |= is_strong_verb(np, np.len() - n, n);
            // 补助资金下达5.4519亿元: money keeps the fund named before its verb
            if dim == Dimension::Money && s0 > 0 {
                np.truncate(s0);
            } else {
                np.clear();
            }
        }
    }
    // a subject before the verb: 武隆城区新建停车场3处, 口袋公园达到…进度的80%
    let split = (1..np.len()).rev().find_map(|k| {
        let v = verb_at(np, k, np.len());
        if v > 0 && is_strong_verb(np, k, v) {
            let e = verb_chain(np, k, np.len());
            // 城镇新增就业 is an indicator, not 城镇 + 新增 + 就业
            let rest_is_activity = TRAILING_SET.longest_at(np, e) == np.len() - e;
            let rest_is_noun = e < np.len() && verb_at(np, e, np.len()) == 0 && !rest_is_activity;
            return rest_is_noun.then_some((k, e, true));
        }
        let l = LEADING_LINKING_SET.longest_at(np, k);
        (l > 0 && k + l < np.len()).then_some((k, k + l, false))
    });
    if let Some((k, e, is_verb)) = split {
        if is_verb {
            let s0 = verb_chain_start(np, k);
            out.action = Some(text(np.get(s0.min(k)..e).unwrap_or(&[])));
            out.strong_verb = true;
            out.any_verb = true;
            out.lead_verb = true;
        }
        np.drain(..e);
    }
    // …实现愿接尽接、培训养育照护师资3519人次: the last item opened by a verb
    let item_verb = (1..np.len())
        .rev()
        .find(|&k| np.get(k - 1) == Some(&'、') && verb_at(np, k, np.len()) > 0);
    if let Some(k) = item_verb {
        let e = verb_chain(np, k, np.len());
        if e < np.len() {
            out.action = Some(text(np.get(k..e).unwrap_or(&[])));
            out.lead_verb = true;
            out.any_verb = true;
            out.strong_verb |= is_strong_verb(np, k, verb_at(np, k, np.len()));
            np.drain(..e);
        }
    }
    // the items of an enumeration (…改造工程、…等5个) are names, not predicates
    for k in 0..np.len() {
        let v = verb_at(np, k, np.len());
        if v > 0 {
            out.any_verb = true;
            out.contains_strong |= is_strong_verb(np, k, v);
        }
    }
}

/// The head of the noun phrase: after an enumeration's 等, past scope words
/// and a bound word, without trailing activities, 的-modifiers and (for
/// counts of people) what describes them.
fn head_noun(np: &mut Vec<char>, dim: Dimension, person_unit: bool, out: &mut Before) {
    // …等系列活动: the head after the enumeration
    if let Some(k) = np.iter().rposition(|&c| c == '等') {
        if k + 1 < np.len() {
            np.drain(..=k);
        }
    }
    while let Some(n) = Some(SCOPE_SET.longest_at(np, 0)).filter(|&n| n > 0 && n < np.len()) {
        np.drain(..n);
    }
    // 基本生活标准不低于当地…标准的1.3倍: a bound word inside the phrase
    // compares its subject with a reference; the subject is what is measured
    let bound = (2..=np.len()).rev().find_map(|end| {
        let (q, n) = prefix_qualifier(np, end)?;
        (n >= 2 && matches!(q, Qualifier::AtLeast | Qualifier::AtMost)).then_some((end - n, end))
    });
    if let Some((k, e)) = bound {
        if k > 0 {
            np.truncate(k);
        } else {
            np.drain(..e);
        }
    }
    let before_strip = np.len();
    if strips_activity(dim) {
        strip_trailing_activities(np);
    }
    de_head(np);
    if person_unit && !ends_with_measure(np) {
        if let Some(n) = person_cut(np) {
            np.truncate(n);
        }
    }
    // 登记失业人员就业8900人: the activity cut off is the clause's own verb
    if np.len() < before_strip && !np.is_empty() {
        out.any_verb = true;
    }
}

/// The object a prepositional phrase names when the rest names none
/// (对敬老院投入…; 由…分解到区县的市级目标任务10项).
fn prepositional_object(w: &[char], (ps, pe, dui): (usize, usize, bool)) -> Vec<char> {
    let mut inner: Vec<char> = w.get(ps..pe).unwrap_or(&[]).to_vec();
    // 对…毕业生按1500/人: a second preposition ends the phrase
    let p = PREP_SET.longest_ending_at(&inner, inner.len());
    if p > 0 && p < inner.len() {
        inner.truncate(inner.len() - p);
    }
    let has_de = inner.contains(&'的');
    if dui || has_de {
        de_head(&mut inner);
        inner
    } else if let Some(k) = inner.iter().rposition(|&c| c == '等') {
        inner.get(k + 1..).unwrap_or(&[]).to_vec()
    } else {
        Vec::new()
    }
}

/// 两大类33项, 二类以上公厕100座: a numeral with 类/级 (and a qualifier
/// after it) classifies the noun that follows; it is not part of the object.
fn drop_classifier_numeral(np: &mut Vec<char>) {
    // 两大类33项, 二类以上公厕100座: a numeral with 类/级 (and a qualifier
    // after it) classifies the noun that follows; it is not part of the object
    if np.first().is_some_and(|&c| cn_digit(c).is_some())
        && np.get(1).is_some_and(|c| "大类种级".contains(*c))
    {
        let mut k = if np.get(1..3) == Some(&['大', '类']) {
            3
        } else {
            2
        };
        if let Some((_, n)) = suffix_qualifier(np, k) {
            k += n;
        }
        if k < np.len() {
            np.drain(..k);
        } else {
            np.clear();
        }
    }
}

struct AfterNp {
    text: Vec<char>,
    /// Position in the text of each char of `text`.
    pos: Vec<usize>,
    /// 3.5米宽入户路: the number is an attribute of the noun.
    adjective: bool,
    /// The noun phrase ends the clause (nothing is said about it afterwards).
    clause_final: bool,
}

impl AfterNp {
    fn end(&self) -> Option<usize> {
        self.pos.last().map(|p| p + 1)
    }

    fn truncate(&mut self, n: usize) {
        if n < self.text.len() {
            self.clause_final = false;
        }
        self.text.truncate(n);
        self.pos.truncate(n);
    }
}

/// Longest noun phrase, in characters, read after a unit.
const MAX_AFTER_NP_CHARS: usize = 40;

/// The noun phrase right after the unit, if any (新建500个5G基站 → 5G基站).
fn after_np(t: &[char], from: usize, limit: usize, q: &Raw, dim: Dimension) -> AfterNp {
    let mut out = AfterNp {
        text: Vec::new(),
        pos: Vec::new(),
        adjective: false,
        clause_final: false,
    };
    // 7069张 公办养老床位: one space between the unit and its noun (not for a
    // bare 万 count, whose noun must touch it)
    let gapped = q.unit_idx.is_some()
        && at(t, from).is_some_and(is_number_gap)
        && at(t, from + 1).is_some_and(is_cjk)
        && from + 1 < limit;
    let Some(mut j) = np_start(t, from + usize::from(gapped), dim, &mut out) else {
        return out;
    };
    let person_unit = is_person_unit(q);
    let mut relative_done = false;
    let mut at_boundary = false;
    while j < limit {
        match np_step(t, j, limit, &out.text, person_unit, relative_done) {
            NpStep::Take => {
                if let Some(c) = at(t, j) {
                    out.text.push(c);
                    out.pos.push(j);
                }
                j += 1;
                if out.text.len() > MAX_AFTER_NP_CHARS {
                    break;
                }
            }
            NpStep::Coordinate => {
                if let Some(c) = at(t, j) {
                    out.text.push(c);
                    out.pos.push(j);
                }
                j += 1;
            }
            NpStep::SkipTo(k) => j = k,
            NpStep::Relative => {
                out.text.clear();
                out.pos.clear();
                relative_done = true;
                j += 1;
            }
            NpStep::Boundary => {
                at_boundary = true;
                break;
            }
            NpStep::End => break,
        }
    }
    // 挡墙13.46千米 道路8.72千米: after a space, a noun followed by a number is
    // the next item of a list, not what this quantity counts
    if gapped && at(t, j).is_some_and(is_digit) {
        out.text.clear();
        out.pos.clear();
    }
    out.clause_final = at_boundary || j >= t.len();
    if strips_activity(dim) {
        let n = activity_cut(&out.text);
        out.truncate(n);
    }
    while out.text.last() == Some(&'、') {
        let n = out.text.len() - 1;
        out.truncate(n);
    }
    out
}

/// Where the noun phrase after a unit starts, past a dimension word that
/// makes the number an attribute (3.5米宽…) and a 的; `None` when a
/// predicate starts right there (a verb, 每, an adverb before a verb, a
/// change verb): the quantity has no object after it.
fn np_start(t: &[char], mut j: usize, dim: Dimension, out: &mut AfterNp) -> Option<usize> {
    if dim == Dimension::Length && at(t, j).is_some_and(|c| "宽长高深厚".contains(c)) {
        out.adjective = true;
        j += 1;
    }
    if at(t, j) == Some('的') {
        j += 1;
    }
    // a verb (投入…建成) or 每 (每人每月) right after the unit: no object here
    let v = verb_at(t, j, t.len());
    if v > 0 && COMPOUND_HEAD_SET.longest_at(t, j + v) == 0 || at(t, j) == Some('每') {
        return None;
    }
    // 20余类 预计覆盖…: an adverb before a verb opens the predicate
    let adv = ADVERB_SET.longest_at(t, j);
    if adv > 0 && verb_at(t, j + adv, t.len()) > 0 {
        return None;
    }
    // 由20个工作日压缩至5个: a change verb after the unit is the predicate
    if CHANGE_SET.longest_at(t, j) > 0 {
        return None;
    }
    Some(j)
}

/// What the noun phrase after a unit does with the character at `j`.
enum NpStep {
    /// It is part of the phrase.
    Take,
    /// A 、 before a short coordinated item (用餐、送餐补贴): part of the phrase.
    Coordinate,
    /// A short remark in brackets inside a name (安葬(放)设施): skipped.
    SkipTo(usize),
    /// A 的 closing a relative clause (新增…的): what was read was the
    /// clause; the phrase starts again after it.
    Relative,
    /// The clause ends here.
    Boundary,
    /// The phrase ends here; something else starts.
    End,
}

fn np_step(
    t: &[char],
    j: usize,
    limit: usize,
    text: &[char],
    person_unit: bool,
    relative_done: bool,
) -> NpStep {
    let Some(c) = at(t, j) else {
        return NpStep::End;
    };
    if is_hard_boundary(c) || matches!(c, ')' | '）' | '《' | '》') {
        return NpStep::Boundary;
    }
    if is_open_quote(c) && !text.is_empty() {
        return NpStep::End;
    }
    // the closing mark of a quote the number stood in: “…200公里”
    if is_quote(c) && !is_open_quote(c) && !text.iter().any(|&o| is_open_quote(o)) {
        return NpStep::Boundary;
    }
    if matches!(c, '(' | '（') {
        // a short remark inside a name: 安葬(放)设施
        let close = (j + 1..(j + 8).min(limit)).find(|&k| matches!(at(t, k), Some(')' | '）')));
        return match close {
            Some(k)
                if !text.is_empty()
                    && at(t, k + 1).is_some_and(|n| !is_hard_boundary(n) && n != '的') =>
            {
                NpStep::SkipTo(k + 1)
            }
            _ => NpStep::Boundary,
        };
    }
    if is_digit(c) {
        // 5G基站 is a name; any other number starts something new
        let mut k = j;
        while at(t, k).is_some_and(is_digit) {
            k += 1;
        }
        if !at(t, k).is_some_and(|n| n.is_ascii_alphabetic()) {
            return NpStep::End;
        }
    }
    if c == '、' {
        // continue over a short coordinated item (用餐、送餐补贴)
        let mut k = j + 1;
        let mut ok = !text.is_empty();
        while let Some(d) = at(t, k) {
            if is_hard_boundary(d) || d == '、' || AFTER_STOP_SET.longest_at(t, k) > 0 {
                break;
            }
            if is_digit(d) || k - j > 6 {
                ok = false;
                break;
            }
            k += 1;
        }
        return if ok { NpStep::Coordinate } else { NpStep::End };
    }
    if c == '的' {
        let relative = RELATIVE_SET.longest_at(text, 0) > 0 || (person_unit && !has_person(text));
        return if !relative_done && relative {
            NpStep::Relative
        } else {
            NpStep::End
        };
    }
    let stop = AFTER_STOP_SET.longest_at(t, j);
    if stop > 0 && VERB_LIKE_NOUN_SET.longest_at(t, j) <= stop {
        // 60名就业年龄段智力、精神及重度肢体残疾人: go on to the people
        let conj = matches!(c, '和' | '及' | '与');
        if !conj || !person_unit || has_person(text) || text.is_empty() {
            return NpStep::End;
        }
    }
    if !text.is_empty() && LOCATIVE_SET.longest_at(t, j) > 0 {
        return NpStep::End;
    }
    // 39个项目持续推进: an adverb or preposition opens the predicate
    let adv = ADVERB_SET.longest_at(t, j);
    let modifies_verb = adv >= 2 && verb_at(t, j + adv, t.len()) > 0;
    if !text.is_empty() && (modifies_verb || PREP_SET.longest_at(t, j) >= 2) {
        return NpStep::End;
    }
    // 1000条渔船新装广播电视: a predicate starts
    let v = verb_at(t, j, t.len());
    if !text.is_empty()
        && v > 0
        && is_strong_verb(t, j, v)
        && COMPOUND_HEAD_SET.longest_at(t, j + v) == 0
    {
        return NpStep::End;
    }
    NpStep::Take
}

/// The text between `limit` and `start`, back to the clause boundary, with
/// parenthetical remarks removed (入户道路(村社便道)25公里 → 入户道路).
fn before_stretch(t: &[char], limit: usize, start: usize) -> (Vec<char>, Option<char>) {
    let mut rev: Vec<char> = Vec::new();
    let mut j = start;
    // 新增 7069张: one space between the words and the number is not a boundary
    if j > limit + 1 && at(t, j - 1).is_some_and(is_number_gap) && at(t, j - 2).is_some_and(is_cjk)
    {
        j -= 1;
    }
    let mut stop = None;
    while j > limit {
        let Some(c) = at(t, j - 1) else { break };
        // …有效供给”“50条…: two quoted items side by side are separate
        let quoted_items = c == '“' && j >= 2 && matches!(at(t, j - 2), Some('”' | '"'));
        if is_hard_boundary(c) || c == '(' || c == '（' || quoted_items {
            stop = Some(c);
            break;
        }
        if c == ')' || c == '）' {
            let mut depth = 0usize;
            let mut k = j - 1;
            let mut open = None;
            while k > limit {
                k -= 1;
                match at(t, k) {
                    Some(')' | '）') => depth += 1,
                    Some('(' | '（') if depth == 0 => {
                        open = Some(k);
                        break;
                    }
                    Some('(' | '（') => depth -= 1,
                    Some(x) if is_sentence_boundary(x) => break,
                    _ => {}
                }
            }
            match open {
                Some(o) => {
                    j = o;
                    continue;
                }
                None => {
                    stop = Some(c);
                    break;
                }
            }
        }
        if !is_quote(c) {
            rev.push(c);
        }
        j -= 1;
        if rev.len() > 120 {
            break;
        }
    }
    rev.reverse();
    (rev, stop)
}

fn is_place_list(np: &[char]) -> bool {
    !np.is_empty()
        && np.split(|&c| c == '、').all(|part| {
            let n = PLACE_SET.longest_ending_at(part, part.len());
            // 送电影下乡 is an activity, not a place
            let verb_phrase = part
                .get(part.len().wrapping_sub(n + 1))
                .is_some_and(|c| "下到进入返回".contains(*c));
            n > 0 && part.len() > n && part.len() <= n + 5 && !verb_phrase
        })
}

/// The suffix shared by every item of an enumeration (同茂社区、渝湖路社区、
/// 龙祥街社区3个社区… → 社区), which names what the number counts.
fn enumeration_suffix(stretch: &[char]) -> Option<Vec<char>> {
    let body: &[char] = match stretch.last() {
        Some('等') => stretch.get(..stretch.len() - 1).unwrap_or(&[]),
        _ => stretch,
    };
    let items: Vec<&[char]> = body.split(|&c| c == '、').collect();
    if items.len() < 2 {
        return None;
    }
    let first = items.first()?;
    let mut n = 0;
    while n < first.len()
        && items
            .iter()
            .all(|it| it.len() > n && it.get(it.len() - 1 - n) == first.get(first.len() - 1 - n))
    {
        n += 1;
    }
    (n >= 1).then(|| first.get(first.len() - n..).unwrap_or(&[]).to_vec())
}

fn round6(v: f64) -> f64 {
    let r = (v * 1e6).round() / 1e6;
    if r.is_finite() {
        r
    } else {
        v
    }
}

#[derive(Clone, Default)]
struct Info {
    object: Option<String>,
    action: Option<String>,
    /// What a following coordinated quantity inherits: the own action, or for
    /// an attribute (3.5米宽…) the action it inherited itself.
    pass_action: Option<String>,
    place: bool,
    measure_object: bool,
    dim: Option<Dimension>,
    /// Distinct verbs opening the items of the current 、-chain so far.
    chain_verbs: usize,
}

/// Dimensions that may share an object (就业率为98.5%,高于…0.3个百分点).
fn compatible(a: Dimension, b: Dimension) -> bool {
    let pct = |d| {
        matches!(
            d,
            Dimension::Percent | Dimension::PercentagePoints | Dimension::Ratio
        )
    };
    a == b || (pct(a) && pct(b))
}

fn dimension_of(q: &Raw) -> Dimension {
    if q.rate {
        return Dimension::Rate;
    }
    q.def().map_or(Dimension::Count, |d| d.dim)
}

fn cut_classifier(q: &Raw, after: &mut AfterNp) {
    let Some(def) = q.def() else { return };
    let Some((_, heads)) = CLASSIFIER_HEADS.iter().find(|(u, _)| *u == def.surface) else {
        return;
    };
    let Some(first) = after.text.iter().position(|c| heads.contains(*c)) else {
        return;
    };
    let mut end = first + 1;
    while after.text.get(end).is_some_and(|c| heads.contains(*c)) {
        end += 1;
    }
    after.truncate(end);
}

/// How many earlier quantities a loose coordination looks back over for a
/// shared verb.
const SHARE_WINDOW: usize = 12;

/// Drops a one-character locative that closes a noun phrase (录入表格中 →
/// 表格, 小区内 → 小区), unless it ends a word of its own (普通高中, 社区邻里).
fn strip_locative_tail(object: &mut String) {
    let cs: Vec<char> = object.chars().collect();
    let n = cs.len();
    let Some(&last) = cs.last() else { return };
    if n < MIN_LOCATIVE_HOST + 1 || !LOCATIVE_TAILS.contains(last) {
        return;
    }
    if LOCATIVE_WORD_SET.longest_ending_at(&cs, n) > 0 {
        return;
    }
    object.truncate(object.len() - last.len_utf8());
}

/// Index of the region (sentence, line) containing `pos`, given the sorted
/// positions of the characters that end regions.
fn region_of(breaks: &[usize], pos: usize) -> usize {
    breaks.partition_point(|&b| b < pos)
}

pub(crate) fn annotate(t: &[char], original: &[char], raws: Vec<Raw>) -> Vec<Quantity> {
    let mut sentence_breaks: Vec<usize> = Vec::new();
    let mut line_breaks: Vec<usize> = Vec::new();
    for (i, &c) in t.iter().enumerate() {
        if is_sentence_boundary(c) {
            sentence_breaks.push(i);
            if matches!(c, '\n' | '|') {
                line_breaks.push(i);
            }
        }
    }
    let mut run = Annotator {
        t,
        raws: &raws,
        sentence_breaks,
        line_breaks,
        last_non_place: None,
        last_total: None,
        infos: Vec::with_capacity(raws.len()),
        prev_limit: 0,
        prev_idx: None,
        pending: None,
    };
    let keep: Vec<bool> = (0..raws.len()).map(|k| run.one(k)).collect();
    let infos = run.infos;
    raws.into_iter()
        .zip(infos)
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|((q, info), _)| build(t, original, q, info))
        .collect()
}

/// The items of a distribution (`分别达95%、95%、60%`) still to hand out: the
/// subjects, the next one's index, and the shared action.
type Pending = (Vec<String>, usize, Option<String>);

/// The walk over one text's quantities, in order: what each one's object
/// and action are depends on those before it in the sentence.
struct Annotator<'a> {
    t: &'a [char],
    raws: &'a [Raw],
    sentence_breaks: Vec<usize>,
    line_breaks: Vec<usize>,
    /// The latest quantity that is not a breakdown by place.
    last_non_place: Option<usize>,
    /// The latest such quantity with an object: what a breakdown refers to.
    last_total: Option<usize>,
    /// One per quantity seen so far.
    infos: Vec<Info>,
    /// Where the text before the next quantity may start.
    prev_limit: usize,
    prev_idx: Option<usize>,
    pending: Option<Pending>,
}

/// What the words around a quantity say, before the quantities around it
/// are taken into account.
struct Reading {
    after: AfterNp,
    dim: Dimension,
    bef: Before,
    stretch: Vec<char>,
    stop: Option<char>,
}

impl Annotator<'_> {
    /// Annotates quantity `k`; false when it is no quantity after all (a
    /// bare 万 with no people or money named around it).
    fn one(&mut self, k: usize) -> bool {
        let Some(q) = self.raws.get(k) else {
            return false;
        };
        let Some(Reading {
            after,
            dim,
            bef,
            stretch,
            stop,
        }) = self.read(k, q)
        else {
            self.infos.push(Info::default());
            return false;
        };
        let t = self.t;
        let q_sentence = region_of(&self.sentence_breaks, q.start);
        let prev = self.prev_idx.filter(|&p| self.same_sentence(p, q_sentence));
        // a breakdown by place is transparent: coordination refers to its total
        let prev_total = prev
            .and(self.last_non_place)
            .filter(|&i| self.same_sentence(i, q_sentence));
        let adjacent = prev
            .and_then(|p| self.raws.get(p))
            .is_some_and(|pq| pq.end == q.start);
        let attribute = after.adjective || adjacent;
        let tight = bef.tight || (stop.is_none() && stretch.is_empty() && prev.is_some());

        let prefer_before = dim != Dimension::Age && ends_with_measure(&bef.object);
        let meta = META_NOUN_SET.longest_at(&after.text, 0);
        let meta_after = meta > 0 && !after.text.get(meta).is_some_and(|c| "化性".contains(*c));
        let from_after =
            !after.text.is_empty() && (!(prefer_before || meta_after) || bef.object.is_empty());
        // 完成36项目标任务: with nothing named before, a meta noun that is the
        // whole phrase is all the text says about what is counted
        let mut object = if from_after && meta_after && meta < after.text.len() {
            None
        } else if from_after {
            Some(text(&after.text))
        } else {
            Some(text(&bef.object))
        };
        if let Some(o) = object.as_mut() {
            strip_locative_tail(o);
        }
        if object.as_deref() == Some("") {
            object = None;
        }
        let mut action = if attribute && !bef.lead_verb {
            None
        } else {
            bef.action.clone()
        };
        let own_object = object.is_some();
        let clause_final = if from_after {
            after.clause_final
        } else {
            at(t, q.end).is_none_or(|c| is_hard_boundary(c) || matches!(c, '(' | '（' | '、'))
        };
        let distributed = self.distribute(k, &bef, tight, from_after, &mut object, &mut action);

        let prev_info = prev_total.and_then(|p| self.infos.get(p));
        let mut inherited_action = None;
        if let Some(pi) = prev_info.filter(|_| !distributed) {
            let same_dim = pi.dim.is_some_and(|d| compatible(d, dim));
            // 收入5.25万元,增长8%: a change in percent is a change of what precedes
            let change = matches!(dim, Dimension::Percent)
                && bef
                    .action
                    .as_deref()
                    .is_some_and(|a| CHANGE_SET.contains(&a.chars().collect::<Vec<_>>()));
            let aggregate = bef.aggregate && !bef.lead_verb;
            let can_take_object = !own_object
                && (tight || same_dim || bef.comparison || aggregate || change)
                && (!pi.measure_object || same_dim);
            if can_take_object {
                object = pi.object.clone();
            }
            let pct = matches!(
                dim,
                Dimension::Percent | Dimension::PercentagePoints | Dimension::Ratio
            );
            let indicator = ends_with_measure(&bef.object);
            let may_inherit = !bef.lead_verb && !bef.prep && !bef.comparison && stop != Some('“');
            if may_inherit && tight && !bef.contains_strong && pi.chain_verbs <= 1 {
                inherited_action = pi.pass_action.clone();
            } else if may_inherit
                && !tight
                && !bef.any_verb
                && !pct
                && !indicator
                && (clause_final || attribute)
            {
                inherited_action = self.shared_verb(k, q_sentence, dim, aggregate);
            }
        }
        // 完成…10个乡镇(街道)的…3类项目: the earlier quantity modifies the noun
        // phrase of this one (joined by 的), so both stand under the same verb
        let modified = stop.is_none() && stretch.first() == Some(&'的');
        if modified && inherited_action.is_none() {
            inherited_action = prev_info.and_then(|pi| pi.pass_action.clone());
        }
        if action.is_none() && !attribute {
            action = inherited_action.clone();
        }
        let pass_action = action.clone().or(inherited_action);
        let chain_verbs = match prev_info {
            Some(pi) if tight => pi.chain_verbs + usize::from(bef.lead_verb),
            _ => usize::from(bef.lead_verb),
        };

        let mut place = false;
        if !from_after && is_place_list(&bef.object) {
            if let Some(total) = self.total_on_line(q.start) {
                object = total;
                action = None;
                place = true;
            }
        }
        let measure_object = object.as_deref().is_some_and(|o| {
            let mut tail = ['\0'; 4];
            let n = o.chars().rev().take(4).count();
            for (slot, c) in tail.iter_mut().rev().zip(o.chars().rev()) {
                *slot = c;
            }
            ends_with_measure(tail.get(4 - n..).unwrap_or(&[]))
        });

        if !place {
            self.last_non_place = Some(k);
            if object.is_some() {
                self.last_total = Some(k);
            }
        }
        self.infos.push(Info {
            object,
            action,
            pass_action,
            place,
            measure_object,
            dim: Some(dim),
            chain_verbs,
        });
        self.prev_idx = Some(k);
        // an age qualifies the noun after it, which belongs to what follows
        self.prev_limit = match after.end() {
            Some(e) if from_after && dim != Dimension::Age => e.max(q.end),
            _ => q.end,
        };
        true
    }

    fn same_sentence(&self, p: usize, sentence: usize) -> bool {
        self.raws
            .get(p)
            .is_some_and(|pq| region_of(&self.sentence_breaks, pq.end) == sentence)
    }

    /// The words after quantity `k` and before it, and its dimension; `None`
    /// when it is no quantity after all.
    fn read(&self, k: usize, q: &Raw) -> Option<Reading> {
        let (t, raws) = (self.t, self.raws);
        let mut money = false;
        let person_unit = is_person_unit(q);
        // read after the unit, skipping a quantity written right after it
        // (一支10人以上的“青年讲师团”, 37座1000人以上供水工程)
        let mut from = q.end;
        let mut limit_idx = k + 1;
        if let Some(n) = raws.get(k + 1).filter(|n| n.start == q.end) {
            from = n.end;
            limit_idx = k + 2;
        }
        let limit = raws.get(limit_idx).map_or(t.len(), |n| n.start);
        let mut after = after_np(t, from, limit, q, dimension_of(q));
        let bare = q.unit_idx.is_none() && !q.rate;
        if bare || dimension_of(q) == Dimension::Age || person_unit {
            match person_cut(&after.text) {
                Some(n) => after.truncate(n),
                None if bare => {
                    // a bare 万 counts people when people are named around it
                    // (城镇新增就业1.2万); otherwise it is not a quantity we trust
                    let lo = q.start.saturating_sub(8);
                    let before = t.get(lo..q.start).unwrap_or(&[]);
                    let n = before.len();
                    let people_before = PERSON_SET.longest_ending_at(before, n) > 0
                        || before.ends_with(&['就', '业']);
                    // 投资5亿: an amount of money with 元 left out
                    money = MONEY_WORD_SET.longest_ending_at(before, n) > 0;
                    if !people_before && !money {
                        return None;
                    }
                }
                None => {}
            }
        }
        let dim = if money {
            Dimension::Money
        } else {
            dimension_of(q)
        };
        cut_classifier(q, &mut after);
        // 1条总长度约25公里: a measurement noun right before the next number is its object
        if ends_with_measure(&after.text)
            && after
                .end()
                .is_some_and(|e| raws.get(limit_idx).is_some_and(|n| n.start == e))
        {
            after.truncate(0);
        }

        let (mut stretch, mut stop) = before_stretch(t, self.prev_limit, q.start);
        // the text reaches back to an earlier quantity only when there is one
        let mut bef = analyse_before(&stretch, dim, person_unit, stop.is_none() && k > 0);
        // 区级重点民生实事(10件): the number alone in brackets counts what precedes them
        if stretch.is_empty()
            && matches!(stop, Some('(' | '（'))
            && after.text.is_empty()
            && q.start > self.prev_limit
        {
            let (s2, st2) = before_stretch(t, self.prev_limit, q.start - 1);
            stretch = s2;
            stop = st2;
            bef = analyse_before(&stretch, dim, person_unit, stop.is_none());
        }
        // 白马、长坝、平桥、鸭江4个乡镇: the names end right at the number;
        // after …指挥中心、18个乡镇… the 、 opens a new item instead
        let enumeration = (stretch.contains(&'、') && stretch.last() != Some(&'、'))
            || stretch.last() == Some(&'等');
        if enumeration {
            let n = PLACE_CATEGORY_SET.longest_at(&after.text, 0);
            if n > 0 && n < after.text.len() {
                after.truncate(n);
            }
            if let Some(suffix) = enumeration_suffix(&stretch) {
                if after.text.starts_with(&suffix) && suffix.len() < after.text.len() {
                    after.truncate(suffix.len());
                }
            }
        }
        Some(Reading {
            after,
            dim,
            bef,
            stretch,
            stop,
        })
    }

    /// 分别达95%、95%、60%: one subject per number. Hands the next pending
    /// subject to a quantity tightly joined to the last whose object is not
    /// read after it, or opens a distribution when the text before names as
    /// many subjects as the 、-joined numbers that follow. Returns whether
    /// the quantity took a pending subject.
    fn distribute(
        &mut self,
        k: usize,
        bef: &Before,
        tight: bool,
        from_after: bool,
        object: &mut Option<String>,
        action: &mut Option<String>,
    ) -> bool {
        let mut distributed = false;
        if let Some((items, idx, act)) = self.pending.take() {
            if tight && !from_after {
                if let Some(o) = items.get(idx) {
                    *object = Some(o.clone());
                    action.clone_from(&act);
                    distributed = true;
                    if idx + 1 < items.len() {
                        self.pending = Some((items, idx + 1, act));
                    }
                }
            }
        }
        if bef.distribution && !from_after {
            let items: Vec<String> = bef
                .object
                .split(|&c| c == '、')
                .map(text)
                .filter(|x| !x.is_empty())
                .collect();
            let mut count = 1;
            let mut m = k;
            while let (Some(x), Some(y)) = (self.raws.get(m), self.raws.get(m + 1)) {
                if self.t.get(x.end..y.start) == Some(&['、']) {
                    count += 1;
                    m += 1;
                } else {
                    break;
                }
            }
            if items.len() > 1 && count == items.len() {
                *object = items.first().cloned();
                self.pending = Some((items, 1, action.clone()));
            }
        }
        distributed
    }

    /// A loose coordination (新增教学班147个,学位7000个) shares the verb of
    /// the latest quantity of the same kind in the sentence, within
    /// [`SHARE_WINDOW`] quantities.
    fn shared_verb(
        &self,
        k: usize,
        sentence: usize,
        dim: Dimension,
        aggregate: bool,
    ) -> Option<String> {
        let source = (k.saturating_sub(SHARE_WINDOW)..k).rev().find_map(|i| {
            let pi = self.infos.get(i)?;
            if !self.same_sentence(i, sentence) {
                return Some(None);
            }
            let kind = pi.dim.is_some_and(|d| compatible(d, dim)) || aggregate;
            (!pi.place && kind).then(|| Some(pi.pass_action.clone()))
        });
        source.flatten().flatten()
    }

    /// A breakdown by place takes the object of its total: the latest
    /// earlier quantity on the same line that is not itself a breakdown.
    fn total_on_line(&self, start: usize) -> Option<Option<String>> {
        let q_line = region_of(&self.line_breaks, start);
        let total = self.last_total.filter(|&p| {
            self.raws
                .get(p)
                .is_some_and(|pq| region_of(&self.line_breaks, pq.end) == q_line)
        });
        total
            .and_then(|p| self.infos.get(p))
            .map(|pi| pi.object.clone())
    }
}

fn build(t: &[char], original: &[char], q: Raw, info: Info) -> Quantity {
    let def = q.def();
    let surface: String = original.get(q.start..q.end).unwrap_or(&[]).iter().collect();
    // the unit as printed (萬元 → 元 printed 元, 個 stays 個); the folded form
    // gives the canonical unit so sums work across scripts
    let printed_unit: String = match original.get(q.unit_span.0..q.unit_span.1) {
        Some(u) => u.iter().collect(),
        None => q.unit.clone(),
    };
    let (dimension, canonical, factor) = match def {
        _ if q.rate => (Dimension::Rate, q.unit.clone(), 1.0),
        None if info.dim == Some(Dimension::Money) => (Dimension::Money, "元".to_string(), 1.0),
        None => (Dimension::Count, String::new(), 1.0),
        Some(d) => {
            let mut dim = d.dim;
            let mut canonical = if d.canonical.is_empty() {
                d.surface.to_string()
            } else {
                d.canonical.to_string()
            };
            if d.flags & units::AREA_IF_MIANJI != 0 {
                let lo = q.start.saturating_sub(20);
                let ctx = t.get(lo..q.start).unwrap_or(&[]);
                if ctx.windows(2).any(|w| w == ['面', '积']) {
                    dim = Dimension::Area;
                    canonical = "m²".to_string();
                }
            }
            (dim, canonical, d.factor)
        }
    };
    let normalized = Normalized {
        value: Number(round6(q.value * factor)),
        value_max: q.value_max.map(|v| Number(round6(v * factor))),
        unit: canonical,
    };
    Quantity {
        text: surface,
        span: [q.start, q.end],
        field: None,
        value: Number(q.value),
        value_max: q.value_max.map(Number),
        unit: printed_unit,
        dimension,
        normalized,
        qualifier: q.qualifier,
        object: info.object,
        action: info.action,
    }
}
