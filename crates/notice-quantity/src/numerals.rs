//! Numeral parsing for the quantity extractor: Arabic digit strings (ASCII or
//! full-width, with thousands separators and decimals), Chinese numerals, and the
//! exact power-of-ten scaling that turns `2.27` + `万` into `22700`.

/// Value of an Arabic digit, ASCII or full-width.
pub fn digit_value(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '０'..='９' => u8::try_from(c as u32 - '０' as u32).ok(),
        _ => None,
    }
}

pub fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

fn is_decimal_point(c: char) -> bool {
    c == '.' || c == '．'
}

/// An Arabic number as written: its digits normalised to an ASCII decimal
/// string (no separators) and how many chars it spans.
#[derive(Debug, Clone, PartialEq)]
pub struct ArabicNum {
    pub digits: String,
    pub len: usize,
}

/// Parses the Arabic number starting at `start`. A comma counts as a thousands
/// separator only when it sits after a 1–3 digit group and is followed by exactly
/// three digits, because the same ASCII comma is also used as a clause separator
/// in these notices ("新增车位840个,2024年…").
pub fn parse_arabic(t: &[char], start: usize) -> Option<ArabicNum> {
    let mut digits = String::new();
    let mut i = start;
    while let Some(d) = t.get(i).copied().and_then(digit_value) {
        digits.push(char::from(b'0' + d));
        i += 1;
    }
    if digits.is_empty() {
        return None;
    }
    if digits.len() <= 3 {
        loop {
            let group_ok = t.get(i) == Some(&',')
                && (1..=3).all(|k| t.get(i + k).copied().is_some_and(is_digit))
                && !t.get(i + 4).copied().is_some_and(is_digit);
            if !group_ok {
                break;
            }
            for k in 1..=3 {
                if let Some(d) = t.get(i + k).copied().and_then(digit_value) {
                    digits.push(char::from(b'0' + d));
                }
            }
            i += 4;
        }
    }
    if t.get(i).copied().is_some_and(is_decimal_point)
        && t.get(i + 1).copied().is_some_and(is_digit)
    {
        digits.push('.');
        i += 1;
        while let Some(d) = t.get(i).copied().and_then(digit_value) {
            digits.push(char::from(b'0' + d));
            i += 1;
        }
    }
    Some(ArabicNum {
        digits,
        len: i - start,
    })
}

/// Multiplies a decimal digit string by 10^pow by moving the decimal point, so
/// `("2.27", 4)` gives exactly 22700 rather than 22699.999….
pub fn scale_decimal(digits: &str, pow: u32) -> f64 {
    let (int_part, frac_part) = match digits.split_once('.') {
        Some((a, b)) => (a, b),
        None => (digits, ""),
    };
    let pow = pow as usize;
    let mut s = String::with_capacity(int_part.len() + frac_part.len() + pow + 1);
    s.push_str(int_part);
    if frac_part.len() <= pow {
        s.push_str(frac_part);
        s.extend(std::iter::repeat_n('0', pow - frac_part.len()));
    } else {
        let (moved, rest) = frac_part.split_at(pow);
        s.push_str(moved);
        s.push('.');
        s.push_str(rest);
    }
    s.parse::<f64>().unwrap_or(f64::NAN)
}

/// Digit value of a Chinese numeral character (零 … 九, 两, 〇).
pub fn cn_digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn cn_small_unit(c: char) -> Option<u64> {
    match c {
        '十' => Some(10),
        '百' => Some(100),
        '千' => Some(1000),
        _ => None,
    }
}

/// True for every character that can be part of a Chinese numeral.
pub fn is_cn_numeral(c: char) -> bool {
    cn_digit(c).is_some() || cn_small_unit(c).is_some() || c == '万' || c == '亿'
}

/// True when the numeral has no digit character at all (百, 千, 万 …): such a
/// bare power of ten is usually part of a word (千家万户, 万家) rather than a count.
pub fn cn_is_bare(s: &[char]) -> bool {
    !s.iter().any(|&c| cn_digit(c).is_some() || c == '十')
}

/// Parses a section below 万 (digits with 十/百/千). Place values must strictly
/// decrease and two digits may not touch, which rejects plan names such as 十四五.
fn parse_cn_small(s: &[char]) -> Option<u64> {
    let mut val: u64 = 0;
    let mut cur: Option<u64> = None;
    let mut last_unit: u64 = 10_000;
    for (idx, &c) in s.iter().enumerate() {
        if let Some(d) = cn_digit(c) {
            if d == 0 {
                if cur.is_some() {
                    return None;
                }
                continue;
            }
            if cur.is_some() {
                return None;
            }
            cur = Some(d);
        } else if let Some(u) = cn_small_unit(c) {
            if u >= last_unit {
                return None;
            }
            let d = match cur.take() {
                Some(d) => d,
                // 十 / 百 / 千 at the very start mean one ten, hundred, thousand.
                None if idx == 0 => 1,
                None => return None,
            };
            val += d * u;
            last_unit = u;
        } else {
            return None;
        }
    }
    Some(val + cur.unwrap_or(0))
}

/// Parses a Chinese numeral (一百二十, 两万, 十, 三千五百万). Returns None for
/// strings that are not a well-formed numeral, e.g. 十四五 or 二〇二四.
pub fn parse_chinese(s: &[char]) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    if let Some(pos) = s.iter().rposition(|&c| c == '亿') {
        let (hi, lo) = s.split_at(pos);
        let lo = lo.get(1..).unwrap_or(&[]);
        let hi_v = if hi.is_empty() { 1 } else { parse_chinese(hi)? };
        let lo_v = if lo.is_empty() { 0 } else { parse_chinese(lo)? };
        if lo_v >= 100_000_000 {
            return None;
        }
        return hi_v.checked_mul(100_000_000)?.checked_add(lo_v);
    }
    if let Some(pos) = s.iter().position(|&c| c == '万') {
        let (hi, lo) = s.split_at(pos);
        let lo = lo.get(1..).unwrap_or(&[]);
        let hi_v = if hi.is_empty() {
            1
        } else {
            parse_cn_small(hi)?
        };
        let lo_v = if lo.is_empty() {
            0
        } else {
            parse_cn_small(lo)?
        };
        return Some(hi_v * 10_000 + lo_v);
    }
    parse_cn_small(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn arabic(s: &str) -> Option<(String, usize)> {
        parse_arabic(&chars(s), 0).map(|n| (n.digits, n.len))
    }

    #[test]
    fn arabic_plain_decimal_fullwidth() {
        assert_eq!(arabic("260万"), Some(("260".into(), 3)));
        assert_eq!(arabic("2.27万"), Some(("2.27".into(), 4)));
        assert_eq!(arabic("１２个"), Some(("12".into(), 2)));
        assert_eq!(arabic("３．５米"), Some(("3.5".into(), 3)));
        assert_eq!(arabic("个"), None);
    }

    #[test]
    fn arabic_list_marker_is_not_a_decimal() {
        assert_eq!(arabic("1.完成"), Some(("1".into(), 1)));
    }

    #[test]
    fn arabic_thousands_separator_only_in_groups_of_three() {
        assert_eq!(arabic("1,200个"), Some(("1200".into(), 5)));
        assert_eq!(arabic("12,345,678元"), Some(("12345678".into(), 10)));
        // a clause comma followed by another number is not a separator
        assert_eq!(arabic("840,2024"), Some(("840".into(), 3)));
        assert_eq!(arabic("5,12个"), Some(("5".into(), 1)));
        assert_eq!(arabic("1234,567"), Some(("1234".into(), 4)));
    }

    #[test]
    fn scaling_is_exact() {
        assert_eq!(scale_decimal("2.27", 4), 22700.0);
        assert_eq!(scale_decimal("260", 4), 2_600_000.0);
        assert_eq!(scale_decimal("1.15", 8), 115_000_000.0);
        assert_eq!(scale_decimal("0.13", 4), 1300.0);
        assert_eq!(scale_decimal("4.5", 4), 45000.0);
        assert_eq!(scale_decimal("1.28", 4), 12800.0);
        assert_eq!(scale_decimal("17.77", 4), 177_700.0);
        assert_eq!(scale_decimal("2.91", 4), 29100.0);
        assert_eq!(scale_decimal("1.234567", 4), 12345.67);
        assert_eq!(scale_decimal("98.5", 0), 98.5);
    }

    #[test]
    fn chinese_numerals() {
        let p = |s: &str| parse_chinese(&chars(s));
        assert_eq!(p("两"), Some(2));
        assert_eq!(p("十"), Some(10));
        assert_eq!(p("十四"), Some(14));
        assert_eq!(p("二十三"), Some(23));
        assert_eq!(p("一百零五"), Some(105));
        assert_eq!(p("三千五百"), Some(3500));
        assert_eq!(p("五万"), Some(50_000));
        assert_eq!(p("十万"), Some(100_000));
        assert_eq!(p("三千五百万"), Some(35_000_000));
        assert_eq!(p("一亿两千万"), Some(120_000_000));
        assert_eq!(p("千"), Some(1000));
    }

    #[test]
    fn chinese_non_numerals_rejected() {
        let p = |s: &str| parse_chinese(&chars(s));
        assert_eq!(p("十四五"), None);
        assert_eq!(p("十三五"), None);
        assert_eq!(p("二〇二四"), None);
        assert_eq!(p("百千万"), None);
        assert_eq!(p("五六"), None);
        assert_eq!(p(""), None);
    }

    #[test]
    fn bare_powers() {
        assert!(cn_is_bare(&chars("千")));
        assert!(cn_is_bare(&chars("万")));
        assert!(!cn_is_bare(&chars("十")));
        assert!(!cn_is_bare(&chars("两千")));
    }
}
