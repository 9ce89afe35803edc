//! Section rows and headings inside a table or list (`一、区级重点民生实事(10件)`,
//! `第二部分`, `市级重点民生实事（15项）`), and the count of projects a section
//! or heading announces (`（共10件）`).

use regex::Regex;
use std::sync::LazyLock;

/// A count of projects in brackets (`（10件）`, `(共5项)`, `（3个项目）`); the
/// number is group 1.
const COUNT: &str = r"[（(]\s*(?:共\s*)?(\d+)\s*(?:件|项|个项目|个|大项)";

/// A count of projects a heading announces, anywhere in it.
pub static ANNOUNCED: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(COUNT).ok());

static SECTION_RE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"^\s*([一二三四五六七八九十]+[、.．]|第[一二三四五六七八九十]+(部分|类|篇|章)|[（(][一二三四五六七八九十]+[）)])").ok()
});

/// True when a cell reads as a section heading inside a table
/// (`一、区级重点民生实事(10件)`, `第二部分 …`).
pub fn is_section_heading(text: &str) -> bool {
    SECTION_RE.as_ref().is_some_and(|r| r.is_match(text))
}

/// A label that ends with its count of projects.
static COUNT_LABEL: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(&format!(r"{COUNT}\s*[）)]\s*$")).ok());

/// Longest text taken as a section label without a heading ordinal.
pub const MAX_SECTION_CHARS: usize = 40;

/// True when a row's only cell reads as a section: a heading
/// (`一、…`), or a short label announcing a count (`市级重点民生实事（15项）`).
pub fn is_section_label(text: &str) -> bool {
    is_section_heading(text)
        || (text.chars().count() <= MAX_SECTION_CHARS
            && COUNT_LABEL
                .as_ref()
                .is_some_and(|r| r.is_match(text.trim())))
}

/// The formulas that close a notice before its issuer and date
/// (`现予以公告`, `特此通知`): text from one of these on is the notice's
/// end, never part of the item printed before it.
pub const CLOSING_FORMULAS: &[&str] = &[
    "现予以公告",
    "现予公告",
    "特此公告",
    "特此通知",
    "特此通报",
    "特此函告",
];

/// Where a closing formula starts in `text`, when one follows a sentence
/// end (`…工程项目。 现予以公告 …主席团 二〇二一年二月八日`).
pub fn closing_at(text: &str) -> Option<usize> {
    let folded = crate::text::fold(text);
    CLOSING_FORMULAS
        .iter()
        .filter_map(|w| folded.find(w))
        .filter(|&at| {
            folded
                .get(..at)
                .is_some_and(|before| before.trim_end().ends_with(['。', '；', ';', '.']))
        })
        .min()
        .and_then(|at| crate::text::unfold_offset(text, &folded, at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections() {
        assert!(is_section_heading("一、区级重点民生实事(10件)"));
        assert!(is_section_heading("二、承接的市级重点民生实事(10件)"));
        assert!(!is_section_heading("1.实施“筑爱助残”行动"));
        assert!(!is_section_heading("一是完成21条农村黑臭水体整治"));
        assert!(is_section_label("市级重点民生实事（15项）"));
        assert!(!is_section_label(
            "3.实施“集中+邻里”互助养老项目,打造2个集中互助养老示范点和5个邻里互助养老圈。"
        ));
    }
}
