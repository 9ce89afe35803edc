//! The labels of the metadata block government sites print above a notice
//! (`索引号`, `[ 发文字号 ]`, `发布日期：`), for the readers (a table of such
//! cells is metadata, not a project table), the text layouts (rows of them
//! are not a table's header) and the normaliser (the fields they label).

/// Labels of the metadata block (索引号, 发文字号 …) that sites print above a notice.
pub const META_LABELS: &[&str] = &[
    "索引号",
    "发文字号",
    "文号",
    "发布机构",
    "发文机关",
    "发文单位",
    "成文日期",
    "成文时间",
    "发布日期",
    "发布时间",
    "印发日期",
    "主题分类",
    "体裁分类",
    "公文种类",
    "有效性",
    "标题",
    "名称",
    "主题词",
];

/// Labels a page prints on its own metadata rows (索引号 | … | 公开方式 | …)
/// beyond [`META_LABELS`]: a text
/// table whose first rows start with one of these has not reached its header.
pub const PAGE_META_LABELS: &[&str] = &[
    "公开方式",
    "公开范围",
    "公开时限",
    "发布单位",
    "发文日期",
    "信息来源",
    "生成日期",
    "组配分类",
    "文件编号",
];

/// The labels found inside running text (`发文字号：渝北府办发〔2024〕1号`):
/// those of [`META_LABELS`] and [`PAGE_META_LABELS`] that label nothing else
/// in a notice (`标题` and `名称` also label a project's fields).
pub const INLINE_META_LABELS: &[&str] = &[
    "索引号",
    "发文字号",
    "文号",
    "发布机构",
    "发文机关",
    "发文单位",
    "成文日期",
    "成文时间",
    "发布日期",
    "发布时间",
    "生成日期",
    "印发日期",
    "主题分类",
    "体裁分类",
    "公文种类",
    "有效性",
];

/// Longest text, without whitespace, tried as a [`META_LABELS`] entry: the
/// longest label (4) with brackets and a colon around it. Every cell of
/// every table is tried, and most are far longer.
const MAX_META_LABEL_CHARS: usize = 8;

pub fn meta_label(t: &str) -> Option<String> {
    meta_label_in(t, &[])
}

/// The metadata label a cell is (`索引号`, `[发文日期]`, `公开方式：`): one of
/// [`META_LABELS`] or of `more`, as the key without brackets or colon.
pub fn meta_label_in(t: &str, more: &[&str]) -> Option<String> {
    let long = t
        .chars()
        .filter(|c| !crate::text::is_space(*c))
        .nth(MAX_META_LABEL_CHARS)
        .is_some();
    if long {
        return None;
    }
    let k = crate::text::header_key(t);
    let k = k.trim_end_matches(':').trim_matches(['[', ']']);
    (META_LABELS.contains(&k) || more.contains(&k)).then(|| k.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_inline_label_is_a_block_or_page_label() {
        for l in INLINE_META_LABELS {
            assert!(
                META_LABELS.contains(l) || PAGE_META_LABELS.contains(l),
                "{l}"
            );
        }
    }
}
