//! Page chrome that people save along with a notice: breadcrumbs, share and
//! print widgets, download links, footers and link lists of other sites.
//! None of it is content; it is dropped before layout parsing.

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use std::sync::LazyLock;

/// A line containing any of these is chrome.
pub const CHROME_PHRASES: &[&str] = &[
    "扫一扫在手机打开当前页",
    "扫一扫在手机上查看当前页面",
    "您当前的位置",
    "当前位置：",
    "当前位置:",
    "打印本页",
    "关闭窗口",
    "【打印】",
    "【关闭】",
    "分享到：",
    "分享到:",
    "网站地图",
    "版权所有",
    "ICP备",
    "公网安备",
    "技术支持：",
    "浏览次数",
    "阅读次数",
    "【字体：",
    "字号：",
    "[ 大 中 小 ]",
];

/// A line ending with one of these, standing alone, is a download link.
pub const FILE_SUFFIXES: &[&str] = &[
    ".doc", ".docx", ".pdf", ".xls", ".xlsx", ".wps", ".et", ".ofd", ".zip", ".rar",
];

/// Lines that label a download area.
pub const CHROME_LINES: &[&str] = &[
    "文件下载:",
    "文件下载：",
    "附件下载:",
    "附件下载：",
    "相关附件",
    "相关链接",
];

/// Endings of entries in a footer list of other sites (国务院部门网站 …).
pub const LINK_LIST_SUFFIXES: &[&str] = &["网站", "网", "政府网", "门户"];

/// Shortest run of link-list entries treated as chrome; two such lines can be content.
pub const MIN_LINK_LIST: usize = 3;

/// Longest line that can be a link-list entry.
pub const MAX_LINK_CHARS: usize = 16;

/// All [`CHROME_PHRASES`] in one automaton: every line of every notice is
/// checked, and one pass beats a `contains` per phrase.
static PHRASES: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    // A full DFA and no prefilter: the phrases all start with the same few
    // UTF-8 lead bytes, so a prefilter rejects almost nothing in Chinese text.
    AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .prefilter(false)
        .build(CHROME_PHRASES)
        .ok()
});

/// True when one line on its own is chrome.
pub fn is_chrome_line(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() {
        return false;
    }
    let has_phrase = match PHRASES.as_ref() {
        Some(ac) => ac.is_match(t),
        None => CHROME_PHRASES.iter().any(|p| t.contains(p)),
    };
    if has_phrase || CHROME_LINES.contains(&t) {
        return true;
    }
    FILE_SUFFIXES
        .iter()
        .any(|s| ends_with_ignore_ascii_case(t, s))
        && !t.contains('|')
        && !t.starts_with('\t')
}

fn ends_with_ignore_ascii_case(text: &str, suffix: &str) -> bool {
    let (t, s) = (text.as_bytes(), suffix.as_bytes());
    t.len()
        .checked_sub(s.len())
        .and_then(|start| t.get(start..))
        .is_some_and(|tail| tail.eq_ignore_ascii_case(s))
}

fn is_link_entry(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && t.chars().count() <= MAX_LINK_CHARS
        && LINK_LIST_SUFFIXES.iter().any(|s| t.ends_with(s))
}

/// Marks which lines are chrome: single chrome lines, and runs of at least
/// [`MIN_LINK_LIST`] link-list entries (blank lines between them allowed).
pub fn chrome_mask(lines: &[&str]) -> Vec<bool> {
    let mut mask: Vec<bool> = lines.iter().map(|l| is_chrome_line(l)).collect();
    let mut i = 0;
    while i < lines.len() {
        if !lines.get(i).is_some_and(|l| is_link_entry(l)) {
            i += 1;
            continue;
        }
        let start = i;
        let mut entries = Vec::new();
        let mut j = i;
        while j < lines.len() {
            let l = lines.get(j).copied().unwrap_or("");
            if is_link_entry(l) {
                entries.push(j);
            } else if !l.trim().is_empty() {
                break;
            }
            j += 1;
        }
        if entries.len() >= MIN_LINK_LIST {
            for e in entries {
                if let Some(m) = mask.get_mut(e) {
                    *m = true;
                }
            }
        }
        i = j.max(start + 1);
    }
    mask
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footer_link_list_is_chrome_but_a_single_mention_is_not() {
        let lines = [
            "扫一扫在手机打开当前页",
            "",
            "国务院部门网站",
            "",
            "地方政府网站",
            "",
            "其他网站",
        ];
        assert_eq!(
            chrome_mask(&lines),
            vec![true, false, true, false, true, false, true]
        );
        let lines = ["区大数据发展局网站", "完成500个5G基站建设。"];
        assert_eq!(chrome_mask(&lines), vec![false, false]);
    }

    #[test]
    fn download_links() {
        assert!(is_chrome_line(
            "府办发4号(关于做好2023年全区民生实事工作的通知).docx"
        ));
        assert!(!is_chrome_line("附件:武隆区2023年度民生实事目标任务"));
    }
}
