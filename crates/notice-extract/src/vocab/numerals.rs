//! Chinese numerals. The grammar is the quantity extractor's
//! (`notice_quantity::parse_chinese`), used here for list markers (`一、`,
//! `（十二）`) and written dates (`二〇二四年二月二十九日`), so the three
//! read numerals alike.

pub use notice_quantity::{cn_digit, parse_chinese};

/// Most characters in a Chinese-numeral marker (`九十九`).
pub const MAX_CN_MARKER_CHARS: usize = 3;

/// A numeral a list marker is written with: 一 … 十.
pub fn is_marker_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// The value of a Chinese numeral marker (`一` … `九十九`): at most
/// [`MAX_CN_MARKER_CHARS`] of 一…十, read by the one numeral grammar
/// (`notice_quantity::parse_chinese`), which rejects `十十` and `一二`.
pub fn cn_marker(s: &str) -> Option<u32> {
    let chars: Vec<char> = s.chars().collect();
    if chars.is_empty()
        || chars.len() > MAX_CN_MARKER_CHARS
        || !chars.iter().all(|c| is_marker_numeral(*c))
    {
        return None;
    }
    parse_chinese(&chars)
        .filter(|v| *v > 0)
        .and_then(|v| u32::try_from(v).ok())
}
