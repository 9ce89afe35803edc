//! The labels of the metadata block government sites print above a notice
//! (`索引号`, `[ 发文字号 ]`, `发布日期：`), for the readers (a table of such
//! cells is metadata, not a project table), the text layouts (rows of them
//! are not a table's header) and the normaliser (the fields they label).
//! Each label is listed once.

/// Labels of a site's metadata block that label nothing else in a notice:
/// read as a block's cells and inside running text
/// (`发文字号：渝北府办发〔2024〕1号`).
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
    "生成日期",
    "印发日期",
    "主题分类",
    "体裁分类",
    "公文种类",
    "有效性",
];

/// Labels of a metadata block that also label other things (`标题` and
/// `名称` a project's fields): read only as a block's own cells.
pub const CELL_META_LABELS: &[&str] = &["标题", "名称", "主题词"];

/// Labels a page prints on its own metadata rows (索引号 | … | 公开方式 | …)
/// beyond [`META_LABELS`]: a text table whose first rows start with one of
/// these has not reached its header.
pub const PAGE_META_LABELS: &[&str] = &[
    "公开方式",
    "公开范围",
    "公开时限",
    "发布单位",
    "发文日期",
    "信息来源",
    "组配分类",
    "文件编号",
];

/// Longest text, without whitespace, tried as a metadata label: the
/// longest label (4) with brackets and a colon around it. Every cell of
/// every table is tried, and most are far longer.
const MAX_META_LABEL_CHARS: usize = 8;

/// The metadata label a block's cell is, as [`meta_label_in`] with no more labels.
pub fn meta_label(t: &str) -> Option<String> {
    meta_label_in(t, &[])
}

/// The metadata label a cell is (`索引号`, `[发文日期]`, `公开方式：`): one of
/// [`META_LABELS`], [`CELL_META_LABELS`] or `more`, as the key without
/// brackets or colon.
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
    [META_LABELS, CELL_META_LABELS, more]
        .iter()
        .any(|list| list.contains(&k))
        .then(|| k.to_string())
}
