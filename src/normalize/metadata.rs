//! The notice's own metadata: title, document number, issuer, date, region
//! and year, from the metadata block government sites print (`[ 发文字号 ]
//! …`), the title lines, and the signature at the end of the letter.

use super::dates::parse_date;
use super::vocab::{PLACE_ENDERS, PLACE_SUFFIXES, TITLE_ENDINGS};
use crate::layout::grid::is_org;
use crate::model::MetaField;
use crate::record::Notice;
use crate::text::clean;
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
    Regex::new(r"(索引号|发文字号|文号|发布机构|发文机关|发文单位|成文日期|成文时间|发布日期|发布时间|印发日期|主题分类|体裁分类|公文种类|有效性)\s*[:：]\s*(\S+)").ok()
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

/// The metadata fields of a site's metadata block, by label: those the
/// reader found, then those printed in the leading paragraphs.
fn fields(given: &[MetaField], paragraphs: &[String]) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for m in given {
        let v = clean(&m.value);
        if !v.is_empty() {
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
                    if !v.is_empty() {
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
    let t = t.trim_end_matches(['》', '”', '"', ')', '）']);
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
        if !(p.contains("关于") || (i == 0 && ends_like_title(p))) {
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

/// The place a text starts with: the run of characters before an issuer
/// word, a year or the end, ending in an administrative suffix; its last
/// administrative unit is the region (`重庆市渝北区` → `渝北区`).
fn place_in(text: &str) -> Option<String> {
    let t = clean(text);
    let t = t.trim_start_matches(['《', '“', '"']);
    let t = t
        .strip_prefix("关于印发")
        .or_else(|| t.strip_prefix("关于"))
        .unwrap_or(t);
    let mut end = t.len();
    for w in PLACE_ENDERS {
        if let Some(p) = t.find(w) {
            end = end.min(p);
        }
    }
    if let Some(m) = YEAR_IN.as_ref().and_then(|r| r.find(t)) {
        end = end.min(m.start());
    }
    let prefix = t.get(..end)?;
    if !prefix.ends_with(PLACE_SUFFIXES) || prefix.chars().count() < 2 {
        return None;
    }
    // Split after each administrative suffix that leaves a name of two or
    // more characters; the region is the last piece.
    let chars: Vec<char> = prefix.chars().collect();
    let mut start = 0;
    let mut last = prefix.to_string();
    for (i, c) in chars.iter().enumerate() {
        // 杭州市: 州 followed by 市 is part of the name, not its end.
        let next_is_suffix = chars.get(i + 1).is_some_and(|n| PLACE_SUFFIXES.contains(n));
        if PLACE_SUFFIXES.contains(c) && i + 1 - start >= 2 && !next_is_suffix {
            last = chars[start..=i].iter().collect();
            start = i + 1;
        }
    }
    Some(last)
}

/// Reads the notice metadata. `given` are the labelled fields the reader
/// found; `paragraphs` the document's paragraphs in order; `table_titles`
/// the titles found above its tables.
pub fn read(given: &[MetaField], paragraphs: &[String], table_titles: &[String]) -> Notice {
    let f = fields(given, paragraphs);
    let title = title(paragraphs).or_else(|| field(&f, &["标题", "名称"]).cloned());

    let doc_number = field(&f, &["发文字号", "文号"]).cloned().or_else(|| {
        paragraphs
            .iter()
            .take(HEAD_PARAGRAPHS)
            .map(|p| clean(p))
            .find(|p| DOC_NUMBER.as_ref().is_some_and(|r| r.is_match(p)))
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
    let date = field(&f, &["成文日期", "成文时间", "印发日期"])
        .and_then(|d| parse_date(d))
        .or_else(|| sign.and_then(|(_, p)| parse_date(p)))
        .or_else(|| field(&f, &["发布日期", "发布时间"]).and_then(|d| parse_date(d)));

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
    let year = title
        .as_ref()
        .and_then(year_of)
        .or_else(|| table_titles.iter().find_map(year_of))
        .or_else(|| date.as_ref().and_then(|d| d.get(..4)?.parse().ok()));

    Notice {
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
