//! The notice's own metadata: title, document number, issuer, date, region
//! and year, from the metadata block government sites print (`[ 发文字号 ]
//! …`), the title lines, and the signature at the end of the letter.

use crate::model::MetaField;
use crate::record::Notice;
use crate::text::{clean, fold, is_han};
use crate::vocab::dates::parse_date;
use crate::vocab::orgs::is_org;
use crate::vocab::projects::{PLACE_ENDERS, PLACE_SUFFIXES, PROJECT_CONTEXT_WORDS, TITLE_ENDINGS};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// How many leading paragraphs may hold the title and document number.
pub const HEAD_PARAGRAPHS: usize = 30;
/// Longest paragraph taken as a title.
pub const MAX_TITLE_CHARS: usize = 120;
/// How many following paragraphs a title wrapped over lines may take.
pub const MAX_TITLE_LINES: usize = 3;

static FIELD_BRACKETS: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"[\[【]\s*([^\]】]+?)\s*[\]】]\s*([^\[【]*)").ok());
static FIELD_COLON: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let labels = crate::vocab::labels::META_LABELS.join("|");
    Regex::new(&format!(r"({labels})\s*[:：]\s*([^\s:：]+)(?:\s|$)")).ok()
});
static DOC_NUMBER: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"^\p{Han}{1,16}\s*[〔\[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]\s*\d{1,4}\s*号$").ok()
});
static SIGN_DATE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"^((?:19|20)\d{2}|[二〇零][〇零一二三四五六七八九]{3})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日$").ok()
});
/// Longest paragraph, spaces included, tried as a signature date: the
/// longest date is `二〇二四年十二月三十一日` (12); the rest is room for the spaces
/// that saved pages put between its parts.
const MAX_SIGN_DATE_CHARS: usize = 40;
static YEAR_IN: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"((?:19|20)\d{2})\s*年").ok());
/// A year in the clause that names the projects (`区政府2023年民生实事项目`,
/// `2014年承诺的15件实事`): the projects' year, which a report published the
/// next year, or a vote held the December before, does not share with its date.
static PROJECT_YEAR: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"((?:19|20)\d{2})\s*年度?[^。，,；;：:]{0,12}?(?:民生|实事|为民办)").ok()
});

/// The metadata fields of a site's metadata block, by label: those the
/// reader found, then those printed in the leading paragraphs.
fn fields(given: &[MetaField], paragraphs: &[String]) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for m in given {
        let v = clean(&m.value);
        // A value of punctuation alone (`|` of a table row) is no value.
        if v.chars().any(char::is_alphanumeric) {
            out.entry(m.label.clone()).or_insert(v);
        }
    }
    for p in paragraphs.iter().take(HEAD_PARAGRAPHS) {
        for re in [FIELD_BRACKETS.as_ref(), FIELD_COLON.as_ref()]
            .into_iter()
            .flatten()
        {
            for c in re.captures_iter(p) {
                if let (Some(k), Some(v)) = (c.get(1), c.get(2)) {
                    let v = clean(v.as_str());
                    // `发布机构: 生成日期: 2020-12-30`: an empty field is
                    // followed by the next label, which is not its value.
                    if v.chars().any(char::is_alphanumeric) && !v.ends_with([':', '：']) {
                        out.entry(clean(k.as_str())).or_insert(v);
                    }
                }
            }
        }
    }
    out
}

fn field<'a>(f: &'a HashMap<String, String>, keys: &[&str]) -> Option<&'a String> {
    keys.iter().find_map(|k| f.get(*k))
}

fn ends_like_title(t: &str) -> bool {
    let f = fold(t);
    let t = f.trim_end_matches(['》', '”', '"', ')', '）']);
    TITLE_ENDINGS.iter().any(|e| t.ends_with(e))
}

/// The title: the first leading paragraph that reads as one, joined with the
/// next lines when it wraps (`关于2021年重点民生实事项目` / `办理情况的报告`).
fn title(paragraphs: &[String]) -> Option<String> {
    let head: Vec<String> = paragraphs
        .iter()
        .take(HEAD_PARAGRAPHS)
        .map(|p| clean(p))
        .collect();
    for (i, p) in head.iter().enumerate() {
        let n = p.chars().count();
        if n == 0 || n > MAX_TITLE_CHARS || p.starts_with('[') {
            continue;
        }
        if !(fold(p).contains("关于") || (i == 0 && ends_like_title(p))) {
            continue;
        }
        let mut t = p.clone();
        for next in head.iter().skip(i + 1).take(MAX_TITLE_LINES) {
            if ends_like_title(&t) {
                break;
            }
            t = clean(&format!("{t}{next}"));
        }
        if ends_like_title(&t) && t.chars().count() <= MAX_TITLE_CHARS {
            return Some(t);
        }
    }
    None
}

/// Longest region name, its administrative suffix included (`鄂尔多斯市`
/// is 5), but for autonomous ones.
pub const MAX_PLACE_CHARS: usize = 6;

/// Words a sentence starts with before it names a place (`根据省政府…`,
/// `经市政府同意`): a place name never starts with them.
const NOT_PLACE_STARTS: &[&str] = &[
    "根据", "按照", "经", "据", "为", "由", "对", "将", "在", "各", "我", "本",
];

/// `全县`, `该市`, `此区`: a word and a suffix that point at a place, not name it
/// (while 全椒县 and 全州县 are places).
const POINTING_WORDS: &[char] = &['全', '该', '此'];

/// The place a text starts with: the run of characters before an issuer
/// word, a year or the end, ending in an administrative suffix; its last
/// administrative unit is the region (`重庆市渝北区` → `渝北区`). Matched on
/// the simplified fold, returned as printed.
fn place_in(text: &str) -> Option<String> {
    let printed = clean(text);
    let folded = fold(&printed);
    let t = folded.trim_start_matches(['《', '“', '"']);
    let t = t
        .strip_prefix("关于印发")
        .or_else(|| t.strip_prefix("关于"))
        .unwrap_or(t);
    // `2020年杭州市政府…`: the place after a leading year.
    let t = match YEAR_IN.as_ref().and_then(|r| r.find(t)) {
        Some(m) if m.start() == 0 => t.get(m.end()..)?.trim_start_matches('度'),
        _ => t,
    };
    let mut end = t.len();
    let mut at_issuer = false;
    for w in PLACE_ENDERS {
        if let Some(p) = t.find(w) {
            if p < end {
                end = p;
                at_issuer = true;
            }
        }
    }
    // `兰州市委市政府`: the party committee (委 right after a place) ends
    // the place as its government does.
    let committee = t.char_indices().find(|&(i, c)| {
        c == '委'
            && t.get(..i)
                .and_then(|h| h.chars().next_back())
                .is_some_and(|p| PLACE_SUFFIXES.contains(&p))
    });
    if let Some((i, _)) = committee {
        if i < end {
            end = i;
            at_issuer = true;
        }
    }
    if let Some(m) = YEAR_IN.as_ref().and_then(|r| r.find(t)) {
        if m.start() < end {
            end = m.start();
            at_issuer = false;
        }
    }
    let mut prefix = t.get(..end)?;
    // Before an issuer's own name (`安徽省民生工作领导小组办公室`), or
    // before the words after a place (`上海市为民办实事项目`), the place
    // ends at its last (first) administrative suffix.
    if !prefix.ends_with(PLACE_SUFFIXES) {
        let suffix_end = |(i, c): (usize, char)| {
            let next = prefix.get(i + c.len_utf8()..)?.chars().next();
            (PLACE_SUFFIXES.contains(&c) && !next.is_some_and(|n| PLACE_SUFFIXES.contains(&n)))
                .then_some(i + c.len_utf8())
        };
        let cut = if at_issuer {
            prefix.char_indices().rev().find_map(suffix_end)
        } else {
            prefix.char_indices().skip(1).find_map(suffix_end)
        };
        prefix = prefix.get(..cut?)?;
        // The name before the suffix is no administrative word itself (`市县`).
        if prefix
            .chars()
            .rev()
            .nth(1)
            .is_some_and(|c| PLACE_SUFFIXES.contains(&c))
        {
            return None;
        }
    }
    // A place is a run of Han characters: what stands before punctuation
    // (`人大代表票决，岚皋县`) is another phrase.
    let cut = prefix
        .char_indices()
        .rev()
        .find(|(_, c)| !is_han(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let prefix = prefix.get(cut..)?;
    if !prefix.ends_with(PLACE_SUFFIXES)
        || prefix.chars().count() < 2
        || NOT_PLACE_STARTS.iter().any(|w| prefix.starts_with(w))
        || (prefix.chars().count() == 2 && prefix.starts_with(POINTING_WORDS))
        // Words of time (`上半年省…`) are no part of a place name.
        || prefix.contains(['年', '月', '季'])
    {
        return None;
    }
    // Where the prefix stands in the printed text (the fold keeps every
    // character in place).
    let offset = folded.chars().count() - t.chars().count() + t.get(..cut)?.chars().count();
    let printed: Vec<char> = printed.chars().skip(offset).collect();
    // Split after each administrative suffix that leaves a name of two or
    // more characters; the region is the last piece.
    let chars: Vec<char> = prefix.chars().collect();
    let mut start = 0;
    let mut last = (0, chars.len());
    for (i, c) in chars.iter().enumerate() {
        // 杭州市: 州 followed by 市 is part of the name, not its end.
        let next_is_suffix = chars.get(i + 1).is_some_and(|n| PLACE_SUFFIXES.contains(n));
        if PLACE_SUFFIXES.contains(c) && i + 1 - start >= 2 && !next_is_suffix {
            last = (start, i + 1);
            start = i + 1;
        }
    }
    // A place is a name of a few characters (`长阳土家族自治县` is long for
    // being autonomous); a longer run is a phrase that ends in one
    // (`亿元以上南昌市`, the spaces that parted them cleaned away).
    let piece: String = chars.get(last.0..last.1)?.iter().collect();
    if piece.chars().count() > MAX_PLACE_CHARS && !piece.contains("自治") {
        return None;
    }
    printed.get(last.0..last.1).map(|c| c.iter().collect())
}

/// Longest line taken as a title that names the projects and their year
/// without the words of an official title (`某县2024年十大民生实事项目清单`).
pub const MAX_PROJECT_TITLE_CHARS: usize = 50;

/// A leading line that names the projects, with no sentence end and not
/// an intro to what follows (`…包括：`): the title of a list page or a news
/// item. One that names a year too is preferred.
fn project_title(paragraphs: &[String]) -> Option<String> {
    let candidates: Vec<String> = paragraphs
        .iter()
        .take(HEAD_PARAGRAPHS)
        .filter(|p| p.chars().nth(MAX_PROJECT_TITLE_CHARS * 2).is_none())
        // A bullet a page prints before its title line (`- 人大代表票决…`).
        .map(|p| {
            clean(p)
                .trim_start_matches(['-', '•', '·', '*'])
                .trim()
                .to_string()
        })
        .filter(|p| {
            p.chars().nth(MAX_PROJECT_TITLE_CHARS).is_none()
                && !p.contains(['。', '；', ';'])
                && !p.ends_with([':', '：'])
                && !crate::layout::outline::starts_with_marker(p)
                && {
                    let f = fold(p);
                    PROJECT_CONTEXT_WORDS.iter().any(|w| f.contains(w))
                }
        })
        .collect();
    let with_year = candidates
        .iter()
        .position(|p| YEAR_IN.as_ref().is_some_and(|r| r.is_match(p)));
    let pick = with_year.unwrap_or(0);
    candidates.into_iter().nth(pick)
}

/// Reads the notice metadata. `given` are the labelled fields the reader
/// found; `paragraphs` the document's paragraphs in order; `table_titles`
/// the titles found above its tables.
pub fn read(given: &[MetaField], paragraphs: &[String], table_titles: &[String]) -> Notice {
    let f = fields(given, paragraphs);
    let title = title(paragraphs)
        .or_else(|| field(&f, &["标题", "名称"]).cloned())
        .or_else(|| project_title(paragraphs));

    let doc_number = field(&f, &["发文字号", "文号"]).cloned().or_else(|| {
        paragraphs
            .iter()
            .take(HEAD_PARAGRAPHS)
            .map(|p| clean(p))
            .find(|p| DOC_NUMBER.as_ref().is_some_and(|r| r.is_match(&fold(p))))
    });

    // The date under the signature, and the signature line above it.
    let sign = paragraphs.iter().enumerate().find(|(_, p)| {
        p.chars().nth(MAX_SIGN_DATE_CHARS).is_none()
            && SIGN_DATE.as_ref().is_some_and(|r| r.is_match(&clean(p)))
    });
    let signature = sign
        .and_then(|(i, _)| i.checked_sub(1))
        .and_then(|i| paragraphs.get(i))
        .map(|p| clean(p))
        .filter(|p| is_org(p) && p.chars().count() <= 30);
    let date = field(&f, &["成文日期", "成文时间", "印发日期", "发文日期"])
        .and_then(|d| parse_date(d))
        .or_else(|| sign.and_then(|(_, p)| parse_date(p)))
        .or_else(|| field(&f, &["发布日期", "发布时间", "生成日期"]).and_then(|d| parse_date(d)));

    let title_issuer = title.as_ref().and_then(|t| {
        let p = t.find("关于")?;
        let prefix = clean(t.get(..p)?);
        (is_org(&prefix) && prefix.chars().count() >= 4).then_some(prefix)
    });
    let issuer = title_issuer
        .or(signature)
        .or_else(|| field(&f, &["发布机构", "发文机关", "发文单位"]).cloned());

    let region = issuer
        .iter()
        .chain(title.iter())
        .chain(table_titles.iter())
        .find_map(|t| place_in(t));

    let year_of = |t: &String| -> Option<i32> {
        YEAR_IN.as_ref()?.captures(t)?.get(1)?.as_str().parse().ok()
    };
    let project_year = |t: &String| -> Option<i32> {
        PROJECT_YEAR
            .as_ref()?
            .captures(&fold(t))?
            .get(1)?
            .as_str()
            .parse()
            .ok()
    };
    let year = title
        .as_ref()
        .and_then(year_of)
        .or_else(|| table_titles.iter().find_map(year_of))
        .or_else(|| {
            paragraphs
                .iter()
                .take(HEAD_PARAGRAPHS)
                .find_map(project_year)
        })
        .or_else(|| date.as_ref().and_then(|d| d.get(..4)?.parse().ok()))
        // Last, the first year the notice's opening names (`2012年市政府…`).
        .or_else(|| paragraphs.iter().take(HEAD_PARAGRAPHS).find_map(year_of));

    Notice {
        // Known once the records are: `identity::notice_id`.
        id: None,
        title,
        doc_number,
        issuer,
        date,
        region,
        year,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places() {
        assert_eq!(
            place_in("重庆市渝北区人民政府办公室").as_deref(),
            Some("渝北区")
        );
        assert_eq!(
            place_in("《关于印发重庆高新区2024年重点民生实事工作目标任务的通知》政策解读")
                .as_deref(),
            Some("重庆高新区")
        );
        assert_eq!(
            place_in("渝北区2021年人大票决重点民生实事项目办理情况表").as_deref(),
            Some("渝北区")
        );
        assert_eq!(
            place_in("浙江省杭州市西湖区人民政府办公室").as_deref(),
            Some("西湖区")
        );
        assert_eq!(place_in("杭州市人民政府").as_deref(), Some("杭州市"));
        // A place pointed at is no name; a name starting with the same word is.
        assert_eq!(place_in("全县“我为群众办实事”20个项目进展情况"), None);
        assert_eq!(place_in("全椒县2023年民生实事").as_deref(), Some("全椒县"));
        assert_eq!(place_in("关于2021年重点民生实事项目办理情况的报告"), None);
    }

    #[test]
    fn wrapped_title_is_joined() {
        let p: Vec<String> = [
            "关于2021年重点民生实事项目",
            "办理情况的报告",
            "一、完成情况",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(
            title(&p).as_deref(),
            Some("关于2021年重点民生实事项目办理情况的报告")
        );
    }

    #[test]
    fn metadata_block() {
        let p: Vec<String> = [
            "[ 索引号 ] 115002320086900349/2023-00014 [ 发文字号 ] 武隆府办发〔2023〕4号",
            "[ 成文日期 ] 2023-02-23 [ 发布日期 ] 2023-02-27",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let n = read(&[], &p, &[]);
        assert_eq!(n.doc_number.as_deref(), Some("武隆府办发〔2023〕4号"));
        assert_eq!(n.date.as_deref(), Some("2023-02-23"));
    }

    #[test]
    fn an_empty_field_does_not_take_the_next_label() {
        let p: Vec<String> = [
            "发布机构: 生成日期: 2020-12-30",
            "文件编号: 有效性:",
            "发文机关: | 某网站",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let n = read(&[], &p, &[]);
        assert_eq!(n.issuer, None);
        assert_eq!(n.date.as_deref(), Some("2020-12-30"));
    }

    #[test]
    fn signature_date_in_chinese_numerals() {
        let p: Vec<String> = [
            "某某县人民政府办公室关于印发2024年民生实事项目的通知",
            "某某县人民政府办公室",
            "二〇二四年三月五日",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let n = read(&[], &p, &[]);
        assert_eq!(n.date.as_deref(), Some("2024-03-05"));
        assert_eq!(n.issuer.as_deref(), Some("某某县人民政府办公室"));
        assert_eq!(n.region.as_deref(), Some("某某县"));
    }
}
