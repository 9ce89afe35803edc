//! Small text helpers shared by readers and the normaliser: whitespace that
//! line wrapping or Word export leaves between Chinese characters, doubled
//! cell text, and character classes.

/// True for Han ideographs and the CJK punctuation/full-width forms that sit
/// inside Chinese sentences; spaces between two such characters are line-wrap
/// artefacts, never meaningful.
pub fn is_cjk(c: char) -> bool {
    is_han(c)
        || matches!(c,
        '\u{3000}'..='\u{303F}'
        | '\u{FF01}'..='\u{FF0F}'
        | '\u{FF1A}'..='\u{FF20}'
        | '\u{FF3B}'..='\u{FF40}'
        | '\u{FF5B}'..='\u{FF65}'
        | '“' | '”' | '‘' | '’' | '·' | '—' | '…')
}

/// True for Han ideographs (the unified blocks, their extensions and the
/// compatibility forms), without punctuation.
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}')
}

/// Characters between which whitespace is never meaningful: CJK text and
/// punctuation (exports mix ASCII commas into Chinese sentences: `实施 ,提升`).
fn joins(c: char) -> bool {
    is_cjk(c) || c.is_ascii_punctuation()
}

/// Any Unicode whitespace, including the en/em spaces and ideographic space
/// that Word exports pad headers with.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}'
}

/// Collapses each run of whitespace to one ASCII space, drops it entirely
/// where it stands between two CJK characters (a line-wrap artefact such as
/// `河滨健身空间提档 升级项目`), and trims the ends. Line breaks are treated
/// as whitespace; use [`clean_multiline`] to keep them.
pub fn clean(s: &str) -> String {
    // Most cells have no whitespace at all: copy them whole.
    let Some(first_space) = s.find(is_space) else {
        return s.to_owned();
    };
    let (head, rest) = s.split_at(first_space);
    let mut out = String::with_capacity(s.len());
    out.push_str(head);
    // The character before the current whitespace run (the last one written:
    // everything but whitespace is written), and whether a run is open.
    let mut before: Option<char> = head.chars().next_back();
    let mut in_space = false;
    for c in rest.chars() {
        if is_space(c) {
            in_space = true;
            continue;
        }
        if in_space {
            if before.is_some_and(|b| !(joins(b) && joins(c))) {
                out.push(' ');
            }
            in_space = false;
        }
        out.push(c);
        before = Some(c);
    }
    out
}

/// Like [`clean`] but keeps line breaks between non-empty lines, so a cell
/// that lists sub-items one per line stays readable.
pub fn clean_multiline(s: &str) -> String {
    if !s.contains('\n') {
        return clean(s);
    }
    let mut out = String::with_capacity(s.len());
    for line in s.lines().map(clean).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&line);
    }
    out
}

/// Some exports print a merged cell's text twice (`“筑爱·助残·敬老” 行动
/// “筑爱·助残·敬老” 行动`). Returns the single copy when `s`, after
/// [`clean`], is two identical halves of at least [`MIN_DOUBLED_CHARS`]
/// characters each.
pub fn undouble(s: &str) -> Option<String> {
    let cleaned = clean(s);
    let chars: Vec<char> = cleaned.chars().filter(|c| !is_space(*c)).collect();
    let n = chars.len();
    if n < 2 * MIN_DOUBLED_CHARS || n % 2 != 0 {
        return None;
    }
    let (a, b) = chars.split_at(n / 2);
    if a != b {
        return None;
    }
    // Return the first half of the cleaned text (keeping its inner spaces).
    let mut seen = 0;
    let mut out = String::new();
    for c in cleaned.chars() {
        if seen == n / 2 {
            break;
        }
        if !is_space(c) {
            seen += 1;
        }
        out.push(c);
    }
    Some(clean(&out))
}

/// Shortest half that [`undouble`] will repair: short repeats such as
/// `哈哈` or `1010` are real text far more often than export accidents.
pub const MIN_DOUBLED_CHARS: usize = 4;

/// The text in simplified characters, for matching words only: notices
/// reposted in traditional script (`序號`, `責任單位`, `萬元`) must meet the same
/// vocabulary, while every output string stays as printed. Character for
/// character (the result has as many characters as the input, each
/// traditional character replaced by its simplified form), so a position
/// found in the fold is the same position in the original. The map is
/// OpenCC's character table as the `fast2s` crate ships it.
pub fn fold(s: &str) -> std::borrow::Cow<'_, str> {
    // Most text has no traditional character: one bit test per character
    // (the quantity extractor's table of what the map folds) decides it.
    if s.is_ascii() || !notice_quantity::has_traditional(s) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(fast2s::convert(s))
}

/// The byte offset in `s` of byte offset `at` of its [`fold`]: the fold
/// keeps every character's position, not always its byte length.
pub fn unfold_offset(s: &str, folded: &str, at: usize) -> Option<usize> {
    let n = folded.get(..at)?.chars().count();
    s.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(s.len()))
        .nth(n)
}

/// Vowels with a tone mark, as pinyin prints them.
const TONE_VOWELS: &str = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ";

/// Longest pinyin gloss removed (`zhuàng` is 6 letters).
pub const MAX_PINYIN_GLOSS_CHARS: usize = 8;

static PINYIN_GLOSS: std::sync::LazyLock<Option<regex::Regex>> = std::sync::LazyLock::new(|| {
    regex::Regex::new(&format!(
        r"(\p{{Han}})[(（]([a-zü{TONE_VOWELS}]{{1,{MAX_PINYIN_GLOSS_CHARS}}})[)）]"
    ))
    .ok()
});

/// Removes the pinyin that some mirror sites print after characters of a
/// reposted notice (`小區(qū)`, `建設(shè)`): it splits words (`城鄉(xiāng)建設委`
/// is one unit) and hides every label and unit behind it. A gloss holds a
/// tone-marked vowel and follows a Han character; anything else in brackets
/// stays.
pub fn strip_pinyin_glosses(s: &str) -> std::borrow::Cow<'_, str> {
    // Tone-marked vowels are two-byte UTF-8 starting 0xC3 (à á è é ì í ò ó ù ú ü), 0xC4, 0xC5 or 0xC7:
    // a text without those bytes has no gloss.
    let maybe = memchr::memchr3(0xC4, 0xC5, 0xC7, s.as_bytes()).is_some()
        || memchr::memchr(0xC3, s.as_bytes()).is_some();
    if !maybe {
        return std::borrow::Cow::Borrowed(s);
    }
    let Some(re) = PINYIN_GLOSS.as_ref() else {
        return std::borrow::Cow::Borrowed(s);
    };
    re.replace_all(s, |c: &regex::Captures| {
        let han = c.get(1).map_or("", |m| m.as_str());
        let gloss = c.get(2).map_or("", |m| m.as_str());
        if gloss.chars().any(|ch| TONE_VOWELS.contains(ch)) {
            han.to_string()
        } else {
            c.get(0).map_or("", |m| m.as_str()).to_string()
        }
    })
}

/// Header text reduced for matching against the synonym table: no
/// whitespace at all, full-width brackets and colons made ASCII, traditional
/// characters folded to simplified ([`fold`]; tested in the same pass, since
/// every line of a saved page is tried as a header).
pub fn header_key(s: &str) -> String {
    let mut traditional = false;
    let key: String = s
        .chars()
        .filter(|c| !is_space(*c))
        .map(|c| {
            traditional |= notice_quantity::is_traditional(c);
            match c {
                '（' => '(',
                '）' => ')',
                '：' => ':',
                '【' | '［' => '[',
                '】' | '］' => ']',
                _ => c,
            }
        })
        .collect();
    let key = if traditional {
        fast2s::convert(&key)
    } else {
        key
    };
    key.trim_end_matches(':').to_string()
}

/// Converts full-width ASCII forms (digits, letters, `．`) to ASCII so numbers
/// and dates parse the same whatever the input method produced.
pub fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            '．' => '.',
            _ => c,
        })
        .collect()
}

/// True when the text is only a dash or a word meaning "none" (`—`, `-`, `/`, `无`).
pub fn is_dash(s: &str) -> bool {
    // No dash word is longer than two characters: decide long cells unread.
    if s.chars()
        .filter(|c| !is_space(*c))
        .nth(MAX_DASH_CHARS)
        .is_some()
    {
        return false;
    }
    let t = clean(s);
    DASHES.contains(&t.as_str())
}

/// Length in characters of the longest entry of [`DASHES`].
const MAX_DASH_CHARS: usize = 2;

/// Cell texts that mean "nothing here".
pub const DASHES: &[&str] = &[
    "—", "——", "-", "--", "－", "–", "―", "――", "/", "／", "无", "暂无", "…", "\\",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_dash_chars_covers_every_dash() {
        let longest = DASHES.iter().map(|d| d.chars().count()).max();
        assert_eq!(longest, Some(MAX_DASH_CHARS));
        assert!(is_dash(" 暂 无 "));
        assert!(!is_dash("暂无数据"));
    }

    #[test]
    fn clean_removes_wrap_spaces_between_cjk_only() {
        assert_eq!(
            clean("河滨健身空间提档 升级项目"),
            "河滨健身空间提档升级项目"
        );
        assert_eq!(clean("  备注 \u{2002}\u{2002} "), "备注");
        assert_eq!(clean("年度投资 \u{2002}\u{2002}(万元)"), "年度投资(万元)");
        assert_eq!(clean("5G  基站"), "5G 基站");
        assert_eq!(
            clean("纵深推进“双减”政策实施 ,提升"),
            "纵深推进“双减”政策实施,提升"
        );
        assert_eq!(clean("Z7 道路"), "Z7 道路");
        assert_eq!(
            clean("建设升级4G、5G基站278个。"),
            "建设升级4G、5G基站278个。"
        );
    }

    #[test]
    fn undouble_repairs_exported_duplicates_only() {
        assert_eq!(
            undouble("“筑爱·助残·敬老” 行动 “筑爱·助残·敬老” 行动").as_deref(),
            Some("“筑爱·助残·敬老”行动")
        );
        assert_eq!(undouble("农村公路提升行动"), None);
        assert_eq!(undouble("1414"), None);
        assert_eq!(undouble("哈哈"), None);
    }

    #[test]
    fn header_key_ignores_spacing_and_width() {
        assert_eq!(header_key("下一步工作 及建议"), "下一步工作及建议");
        assert_eq!(header_key("年度投资 \u{2002}(万元)"), "年度投资(万元)");
        assert_eq!(
            header_key("指标类别 （市级、人大票决）"),
            "指标类别(市级、人大票决)"
        );
    }

    #[test]
    fn full_width_digits_become_ascii() {
        assert_eq!(ascii_digits("２０２４．１２"), "2024.12");
    }
}

#[cfg(test)]
mod fold_tests {
    use super::*;

    #[test]
    fn traditional_folds_to_simplified_char_for_char() {
        let cases = [
            ("序號", "序号"),
            ("項目名稱", "项目名称"),
            ("責任單位", "责任单位"),
            ("牽頭單位：縣住建局", "牵头单位：县住建局"),
            ("萬元", "万元"),
            ("某府發〔2023〕12號", "某府发〔2023〕12号"),
            ("新建停车场2座", "新建停车场2座"),
            ("abc 123", "abc 123"),
        ];
        for (t, s) in cases {
            let f = fold(t);
            assert_eq!(f, s, "{t}");
            assert_eq!(f.chars().count(), t.chars().count(), "{t}");
        }
        assert_eq!(header_key("責任 單位："), "责任单位");
    }

    #[test]
    fn pinyin_glosses_are_removed() {
        let cases = [
            (
                "新增共享充電樁示范小區(qū)10個",
                "新增共享充電樁示范小區10個",
            ),
            (
                "市住房和城鄉(xiāng)建設委、水務集團",
                "市住房和城鄉建設委、水務集團",
            ),
            (
                "推動早餐工程建設(shè),新增網(wǎng)點(diǎn)35個",
                "推動早餐工程建設,新增網點35個",
            ),
            // Not glosses: no tone mark, not after a Han character, not letters.
            ("建设(a)类项目", "建设(a)类项目"),
            ("WIFI(wǎng)", "WIFI(wǎng)"),
            ("医疗急救(120)分站", "医疗急救(120)分站"),
        ];
        for (t, want) in cases {
            assert_eq!(strip_pinyin_glosses(t), want, "{t}");
        }
    }
}
