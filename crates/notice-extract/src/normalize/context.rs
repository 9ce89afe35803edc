//! What the paragraphs just above a table or list say about it: its
//! title, its `附件N` label, and the unit of its bare numbers.

use super::lists::counts_projects;
use crate::text::clean;
use crate::vocab::projects::{PROJECT_CONTEXT_WORDS, TASK_DOCUMENT_WORDS};
use regex::Regex;
use std::sync::LazyLock;

/// Paragraphs above a list read for what they say about it.
pub const CONTEXT_PARAGRAPHS: usize = 4;
/// Longest paragraph above a table taken as its title.
pub const MAX_TABLE_TITLE_CHARS: usize = 80;

pub(super) static ATTACHMENT: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^(附件\s*[0-9一二三四五六七八九十]*)\s*[:：]?\s*(.*)$").ok());
pub(super) static UNIT_NOTE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^(?:金额|计量|资金|投资)?单位\s*[:：]\s*(\S{1,6})$").ok());

/// What the paragraphs just above a table say about it.
#[derive(Debug, Default)]
pub(super) struct Context {
    /// The paragraphs just above, nearest last (what an intro says about a list).
    pub(super) above: Vec<String>,
    pub(super) title: Option<String>,
    pub(super) attachment: Option<String>,
    /// A `单位：万元` note: the unit of the table's bare numbers.
    pub(super) unit: Option<String>,
}

/// The title, attachment label and unit note printed above a table: the
/// last paragraph before it when short enough to be a title (a unit note
/// skipped), and an `附件N` line.
pub(super) fn context(recent: &[String]) -> Context {
    // Lines of bare numbers above a table or list (a flattened table's
    // amounts, a page number) say nothing about it.
    let mut tail: Vec<String> = recent
        .iter()
        .rev()
        .filter(|p| {
            p.chars()
                .any(|c| crate::text::is_han(c) || c.is_alphabetic())
        })
        .take(4)
        .map(|p| clean(p))
        .collect();
    let mut unit = None;
    if let Some(c) = tail.first().and_then(|p| UNIT_NOTE.as_ref()?.captures(p)) {
        unit = c.get(1).map(|m| m.as_str().to_string());
        tail.remove(0);
    }
    let mut title = None;
    let mut attachment = None;
    for (i, p) in tail.iter().take(3).enumerate() {
        if let Some(c) = ATTACHMENT.as_ref().and_then(|r| r.captures(p)) {
            let label = c.get(1).map(|m| clean(m.as_str()));
            let rest = c.get(2).map(|m| clean(m.as_str())).unwrap_or_default();
            attachment = label;
            if i == 0 && !rest.is_empty() {
                title = Some(rest);
            }
            break;
        }
        if i == 0 {
            let t = p.trim_end_matches([':', '：']);
            let t = t.strip_suffix("如下").unwrap_or(t);
            let n = t.chars().count();
            if n > 0 && n <= MAX_TABLE_TITLE_CHARS && !t.ends_with('。') {
                title = Some(t.to_string());
            }
        }
    }
    Context {
        above: recent
            .iter()
            .rev()
            .take(CONTEXT_PARAGRAPHS)
            .rev()
            .cloned()
            .collect(),
        title,
        attachment,
        unit,
    }
}

/// True when a table or list breaks down a work report (政府工作报告)
/// rather than livelihood projects, by the text over it, nearest first
/// (its title, the paragraphs above it, then the notice's title). The
/// nearest heading that names either kind decides: a notice of both
/// (`…政府工作报告重点工作和民生实事项目责任分解的通知`) prints a heading over
/// each part. Sentences (`根据《政府工作报告》，…`) decide only when no text
/// around names projects.
pub(super) fn holds_tasks(nearest_first: &[&str]) -> bool {
    let names = |t: &str, words: &[&str]| words.iter().any(|w| t.contains(w));
    let folded: Vec<String> = nearest_first
        .iter()
        .map(|t| crate::text::fold(t).into_owned())
        .collect();
    for t in &folded {
        // A heading decides either way; a sentence only when it counts the
        // projects it introduces (`今年，我们将继续办好十件实事。`).
        if is_heading_like(t) || counts_projects(t) {
            if names(t, PROJECT_CONTEXT_WORDS) {
                return false;
            }
            if is_heading_like(t) && names(t, TASK_DOCUMENT_WORDS) {
                return true;
            }
        }
    }
    folded.iter().any(|t| names(t, TASK_DOCUMENT_WORDS))
        && !folded.iter().any(|t| names(t, PROJECT_CONTEXT_WORDS))
}

/// A line that reads as a heading or title: short, and no sentence.
fn is_heading_like(t: &str) -> bool {
    t.chars().count() <= MAX_TABLE_TITLE_CHARS && !t.contains(['，', ',', '。', '；', ';'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_nearest_heading_says_whether_rows_are_tasks_or_projects() {
        let cases: &[(&[&str], bool)] = &[
            // The heading over the work report's part of a notice of both.
            (
                &[
                    "一、未来五年主要工作任务",
                    "2022年政府工作报告重点工作责任分解",
                    "某市关于印发2022年政府工作报告重点工作和民生实事项目责任分解的通知",
                ],
                true,
            ),
            (
                &[
                    "2022年民生实事项目责任分解",
                    "某市关于印发2022年政府工作报告重点工作和民生实事项目责任分解的通知",
                ],
                false,
            ),
            (
                &["【落实情况】某局2025年《政府工作报告》主要任务上半年落实情况"],
                true,
            ),
            (&["2024年《政府工作報告》重點工作目標任務分解表"], true),
            // A sentence citing the report over a table of projects.
            (
                &[
                    "为落实《政府工作报告》部署，现将任务分解如下：",
                    "某区2024年重点民生实事项目安排",
                ],
                false,
            ),
            (&["为落实《政府工作报告》部署，现将任务分解如下："], true),
            (&["某区2024年项目表"], false),
        ];
        for (texts, want) in cases {
            assert_eq!(holds_tasks(texts), *want, "{texts:?}");
        }
    }

    #[test]
    fn unit_note_is_not_the_title() {
        let c = context(&strings(&[
            "附件1",
            "某区2024年民生实事项目表",
            "单位：万元",
        ]));
        assert_eq!(c.title.as_deref(), Some("某区2024年民生实事项目表"));
        assert_eq!(c.attachment.as_deref(), Some("附件1"));
        assert_eq!(c.unit.as_deref(), Some("万元"));
    }

    #[test]
    fn lines_of_numbers_are_not_the_title() {
        let c = context(&strings(&[
            "一、社保惠民项目",
            "1616000 1283000",
            "330000 3000",
        ]));
        assert_eq!(c.title.as_deref(), Some("一、社保惠民项目"));
    }

    #[test]
    fn attachment_and_title_on_one_line() {
        let c = context(&strings(&["附件：某区2024年民生实事项目表"]));
        assert_eq!(c.title.as_deref(), Some("某区2024年民生实事项目表"));
        assert_eq!(c.attachment.as_deref(), Some("附件"));
    }
}
