//! The date grammar, one for the whole library: deadlines and milestone
//! periods as ISO months (`2024.12` → `2024-12`, `6月底` in a 2025 notice →
//! `2025-06`, `年底` → December of the notice year), full dates of issue,
//! and whether a table cell reads as a date at all (the layouts' cell
//! kinds), so a cell the layouts class as a date is one the normaliser
//! parses.

use crate::text::{ascii_digits, clean, is_dash};
use regex::Regex;
use std::sync::LazyLock;

static FULL: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"^((?:19|20)\d{2})\s*[.\-/年]\s*(\d{1,2})\s*(?:月|[.\-/])?\s*(?:(\d{1,2})\s*日?)?\s*(?:底|末|中旬|上旬|下旬)?\s*(?:前|以前|之前)?$").ok()
});
static MONTH: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"^(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日)?\s*(?:底|末|中旬|上旬|下旬)?\s*(?:前|以前|之前)?$",
    )
    .ok()
});
static YEAR: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"^((?:19|20)\d{2})?\s*年?\s*(底|末|内|年底|年末|全年|上半年|下半年|第?[一二三四1-4]季度(末)?)?\s*(前)?$").ok()
});

/// A date inside running text: a month with or without its year and day
/// (`12月底前`, `2024年6月`), or the year's end.
static DATE_IN_TEXT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?:(?:19|20)\d{2}\s*年\s*)?\d{1,2}\s*月\s*(?:\d{1,2}\s*日)?\s*(?:底|末|中旬|上旬|下旬)?|年底|年末").ok()
});

/// The latest date a schedule names (`6月底前基本完成；12月底前全部开工` →
/// December): when everything it plans is to be done.
pub fn latest_date(text: &str, year: Option<i32>) -> Option<String> {
    let t = ascii_digits(text);
    DATE_IN_TEXT
        .as_ref()?
        .find_iter(&t)
        .filter_map(|m| parse_period(m.as_str(), year))
        .max()
}

/// An ISO month (or day) for a deadline cell or a period header; `None` for
/// a dash or text that names no time. `year` is the notice's year, used when
/// the text names only a month.
pub fn parse_period(text: &str, year: Option<i32>) -> Option<String> {
    let t = ascii_digits(&clean(text));
    if t.is_empty() || is_dash(&t) {
        return None;
    }
    if let Some(c) = FULL.as_ref().and_then(|r| r.captures(&t)) {
        let y: i32 = c.get(1)?.as_str().parse().ok()?;
        let m: u32 = c.get(2)?.as_str().parse().ok()?;
        return ymd(y, m, c.get(3).and_then(|d| d.as_str().parse().ok()));
    }
    if let Some(c) = MONTH.as_ref().and_then(|r| r.captures(&t)) {
        let m: u32 = c.get(1)?.as_str().parse().ok()?;
        return ymd(year?, m, c.get(2).and_then(|d| d.as_str().parse().ok()));
    }
    if let Some(c) = YEAR.as_ref().and_then(|r| r.captures(&t)) {
        let y: i32 = match c.get(1) {
            Some(y) => y.as_str().parse().ok()?,
            None => year?,
        };
        let word = c.get(2).map_or("", |w| w.as_str());
        if c.get(1).is_none() && word.is_empty() {
            return None;
        }
        let m = match word {
            "上半年" => 6,
            w if w.contains('一') || w.contains('1') => 3,
            w if w.contains('二') || w.contains('2') => 6,
            w if w.contains('三') || w.contains('3') => 9,
            _ => 12,
        };
        return ymd(y, m, None);
    }
    None
}

/// Words a deadline cell prints for work with no end date; a cell that holds
/// one is a deadline cell, though it names no month.
pub const STANDING_TERMS: &[&str] = &["长期", "持续推进"];

/// A year to read month-only text with when only the shape matters.
const ANY_YEAR: i32 = 2000;

/// Whether a short cell is a date as the grammar reads deadlines: a period
/// [`parse_period`] reads, in any notice year, or a standing term.
pub fn is_date(text: &str) -> bool {
    STANDING_TERMS.contains(&text) || parse_period(text, Some(ANY_YEAR)).is_some()
}

/// Longest action after a date in a deadline cell (`9月投入使用`,
/// `5月底前动工`, `2024年6月底前完成主体工程`) that is still read as a deadline.
pub const MAX_DEADLINE_TAIL_CHARS: usize = 10;

/// Words before a planned date (`预计2021年11月份完成`, `力争6月底前建成`),
/// in simplified script (matched on the fold).
pub const DEADLINE_HEDGES: &[&str] = &["预计", "计划", "力争", "争取", "确保", "预期"];

/// The text after a leading hedge word, when it has one.
fn strip_hedge(text: &str) -> Option<&str> {
    let t = text.trim_start();
    let folded = crate::text::fold(t);
    let hedge = DEADLINE_HEDGES.iter().find(|h| folded.starts_with(*h))?;
    t.get(crate::text::unfold_offset(t, &folded, hedge.len())?..)
}

/// Marks between the two ends of a period (`3月-12月`, `6月至12月`).
const RANGE_MARKS: &[char] = &['-', '—', '－', '–', '~', '～', '至', '到'];

/// A deadline cell: a period as [`parse_period`] reads it, or one followed by
/// a short action (`9月投入使用` → September). The flag is true when such an
/// action followed: the cell says more than the month, so the caller keeps
/// its text too.
pub fn parse_deadline(text: &str, year: Option<i32>) -> Option<(String, bool)> {
    if let Some(p) = parse_period(text, year) {
        return Some((p, false));
    }
    // `预计2021年11月份完成`: the date after a word that hedges it.
    if let Some(rest) = strip_hedge(text) {
        return parse_deadline(rest, year).map(|(p, _)| (p, true));
    }
    let t = clean(text);
    let t = t.trim_end_matches(['。', '.', '；', ';']);
    // `2024年3月-12月`, `2024年6月至12月`: a period ends at its last date,
    // in the year of its first when the last names none. The cell says
    // more than the month, so its text is kept too.
    if let Some((from, to)) = t.rsplit_once(RANGE_MARKS) {
        let from_year = parse_period(from, year)
            .and_then(|p| p.get(..4)?.parse().ok())
            .or(year);
        if !from.trim().is_empty() {
            if let Some((p, _)) = parse_deadline(to, from_year) {
                return Some((p, true));
            }
        }
    }
    // The longest leading date with a tail of Han characters only.
    let cuts: Vec<usize> = t.char_indices().map(|(i, _)| i).skip(2).collect();
    for &cut in cuts.iter().rev() {
        let (head, tail) = t.split_at(cut);
        let tail_chars = tail.chars().count();
        if tail_chars == 0
            || tail_chars > MAX_DEADLINE_TAIL_CHARS
            || !tail.chars().all(crate::text::is_han)
        {
            continue;
        }
        if let Some(p) = parse_period(head, year) {
            return Some((p, true));
        }
    }
    None
}

fn ymd(y: i32, m: u32, d: Option<u32>) -> Option<String> {
    if !(1..=12).contains(&m) {
        return None;
    }
    match d {
        Some(d) if (1..=31).contains(&d) => Some(format!("{y:04}-{m:02}-{d:02}")),
        Some(_) => None,
        None => Some(format!("{y:04}-{m:02}")),
    }
}

/// Chinese numerals in a written date made Arabic: `二〇二四年二月二十九日`
/// → `2024年2月29日`. Year digits are read one by one; month and day as
/// numbers with 十.
pub fn cn_date_digits(s: &str) -> String {
    // The numeral grammar's digits, and the letters O that saved pages print
    // for 〇 in years (`二O二四年`).
    fn digit(c: char) -> Option<u32> {
        match c {
            'О' | 'o' | 'O' => Some(0),
            '两' => None,
            c => super::numerals::cn_digit(c).and_then(|d| u32::try_from(d).ok()),
        }
    }
    let mut out = String::new();
    let mut run: Vec<char> = Vec::new();
    let flush = |run: &mut Vec<char>, unit: Option<char>, out: &mut String| {
        if run.is_empty() {
            return;
        }
        let one_by_one = || {
            run.iter()
                .filter_map(|c| digit(*c))
                .fold(0u32, |a, d| a.saturating_mul(10).saturating_add(d))
        };
        // A year is read digit by digit (二〇二四); a month or day with 十
        // as a number (二十九, 十二, 十).
        let value = if unit != Some('年') && run.contains(&'十') {
            super::numerals::parse_chinese(run)
                .and_then(|v| u32::try_from(v).ok())
                .unwrap_or_else(one_by_one)
        } else {
            one_by_one()
        };
        out.push_str(&value.to_string());
        run.clear();
    };
    for c in s.chars() {
        if digit(c).is_some() || c == '十' {
            run.push(c);
        } else {
            flush(&mut run, Some(c), &mut out);
            out.push(c);
        }
    }
    flush(&mut run, None, &mut out);
    out
}

/// An ISO date from a full written date (`2024年2月29日`, `2023-02-23`,
/// `二〇二四年二月二十九日`).
pub fn parse_date(text: &str) -> Option<String> {
    let t = ascii_digits(&cn_date_digits(&clean(text)));
    let c = FULL.as_ref()?.captures(&t)?;
    let y: i32 = c.get(1)?.as_str().parse().ok()?;
    let m: u32 = c.get(2)?.as_str().parse().ok()?;
    let d: u32 = c.get(3)?.as_str().parse().ok()?;
    ymd(y, m, Some(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods() {
        let cases: &[(&str, Option<i32>, Option<&str>)] = &[
            ("2024.12", None, Some("2024-12")),
            ("2024.6", None, Some("2024-06")),
            ("2024.08", None, Some("2024-08")),
            ("2025年6月", None, Some("2025-06")),
            ("6月底", Some(2025), Some("2025-06")),
            ("6月底", None, None),
            ("年底", Some(2024), Some("2024-12")),
            ("2024年底", None, Some("2024-12")),
            ("2024年12月31日", None, Some("2024-12-31")),
            ("上半年", Some(2024), Some("2024-06")),
            ("第三季度", Some(2024), Some("2024-09")),
            ("—", Some(2024), None),
            ("持续推进", Some(2024), None),
            ("2024.13", None, None),
            // Regression: 底 and 前 together after a bare month were not read.
            ("12月底前", Some(2016), Some("2016-12")),
            ("6月中旬以前", Some(2016), Some("2016-06")),
        ];
        for (t, y, want) in cases {
            assert_eq!(parse_period(t, *y).as_deref(), *want, "{t}");
        }
    }

    /// Deadline cells that name an action after the date keep the date as the
    /// deadline and say that the cell holds more.
    #[test]
    fn deadlines_with_an_action() {
        let cases: &[(&str, Option<(&str, bool)>)] = &[
            ("12月底前", Some(("2016-12", false))),
            ("9月投入使用", Some(("2016-09", true))),
            ("5月底前动工", Some(("2016-05", true))),
            ("2017年6月底前完成主体工程。", Some(("2017-06", true))),
            ("年底前建成", Some(("2016-12", true))),
            // Not a deadline: no date first, or too much after it.
            ("分两期实施", None),
            ("长期", None),
            ("6月底前完成立项并于年底前全面建成投入使用", None),
            ("9月(视天气情况)", None),
            // A period ends at its last date, in the year of its first.
            ("2017年3月-12月", Some(("2017-12", true))),
            ("2017年6月至10月", Some(("2017-10", true))),
            ("2017.3-2018.6", Some(("2018-06", true))),
            ("3月—10月", Some(("2016-10", true))),
            // A date after a word that hedges it.
            ("预计2021年11月份完成", Some(("2021-11", true))),
            ("預計2021年12月份完成", Some(("2021-12", true))),
            ("力争6月底前建成", Some(("2016-06", true))),
            ("计划分两期实施", None),
        ];
        for (t, want) in cases {
            let got = parse_deadline(t, Some(2016));
            assert_eq!(
                got.as_ref().map(|(m, more)| (m.as_str(), *more)),
                *want,
                "{t}"
            );
        }
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("2024年2月29日").as_deref(), Some("2024-02-29"));
        assert_eq!(parse_date("2023-02-23").as_deref(), Some("2023-02-23"));
        assert_eq!(parse_date("2023223"), None);
        assert_eq!(
            parse_date("二〇二四年二月二十九日").as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(
            parse_date("二〇二三年十二月十日").as_deref(),
            Some("2023-12-10")
        );
        assert_eq!(
            parse_period("2024年12月底前", None).as_deref(),
            Some("2024-12")
        );
        assert_eq!(
            parse_period("年底前", Some(2024)).as_deref(),
            Some("2024-12")
        );
    }

    #[test]
    fn the_latest_date_of_a_schedule() {
        let cases = [
            ("6月底前基本完成；12月底前全部落实", Some("2024-12")),
            ("1.4月底前开工；2.11月底前建成", Some("2024-11")),
            ("3月开工，年底前建成", Some("2024-12")),
            ("2025年6月底前完成主体", Some("2025-06")),
            ("按计划推进", None),
        ];
        for (t, want) in cases {
            assert_eq!(latest_date(t, Some(2024)).as_deref(), want, "{t}");
        }
        assert_eq!(latest_date("6月底前完成", None), None);
    }
}
