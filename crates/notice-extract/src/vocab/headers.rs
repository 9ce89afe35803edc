//! The header synonym table: which printed column header means which record
//! field. This is the one place that knows header vocabulary; extend the
//! table, not the code, when a new notice words a header differently.

use crate::text::header_key;
use regex::RegexSet;
use serde::Serialize;
use std::sync::LazyLock;

/// What a column holds, as far as the record is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Seq,
    Name,
    LeadUnits,
    PartnerUnits,
    /// 责任单位: the lead units when the table has no 牵头 column, else partners.
    ResponsibleUnits,
    Target,
    Deadline,
    Category,
    Notes,
    Investment,
    /// A column under a milestone group header, or headed by a period (2025年6月).
    Milestone,
    Progress,
    Result,
    Status,
}

/// How strongly a header claims its field. When two columns of one table claim
/// the same field, the stronger keeps it and the other goes to `extra`
/// (003 has both 目标任务 and 具体支撑项目及绩效目标: the first is the target).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    Weak = 1,
    Strong = 2,
}

/// A header that only groups the columns printed under it in a second header
/// row (阶段性目标 over 2025年6月 / 2025年9月 …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// The children are milestone periods.
    Milestones,
    /// The children map by their own headers (2023年工作计划 over 年度投资, 工作内容).
    Plain,
}

enum Pat {
    Exact(&'static str),
    Contains(&'static str),
    Regex(&'static str),
}
use Pat::*;

/// Leaf headers, tried in order; the first match wins. Matching is done on
/// the header with whitespace removed and brackets made ASCII, first without
/// any parenthesised note (`年度投资(万元)` → `年度投资`), then whole.
const LEAVES: &[(Pat, Field, Strength)] = &[
    (Exact("序号"), Field::Seq, Strength::Strong),
    (Exact("编号"), Field::Seq, Strength::Strong),
    (Exact("序"), Field::Seq, Strength::Strong),
    (Exact("项目序号"), Field::Seq, Strength::Strong),
    (Exact("排序"), Field::Seq, Strength::Weak),
    // Units before names: 牵头单位名称 is a unit.
    (Contains("牵头"), Field::LeadUnits, Strength::Strong),
    (Exact("主责单位"), Field::LeadUnits, Strength::Strong),
    (Exact("主办单位"), Field::LeadUnits, Strength::Strong),
    // 主办 under 承办单位, beside 协办.
    (Exact("主办"), Field::LeadUnits, Strength::Strong),
    (Exact("主管部门"), Field::LeadUnits, Strength::Weak),
    (Contains("协作"), Field::PartnerUnits, Strength::Strong),
    (Contains("配合"), Field::PartnerUnits, Strength::Strong),
    (Contains("协办"), Field::PartnerUnits, Strength::Strong),
    (Contains("参与单位"), Field::PartnerUnits, Strength::Strong),
    (Contains("协同单位"), Field::PartnerUnits, Strength::Strong),
    (Exact("责任单位"), Field::ResponsibleUnits, Strength::Strong),
    (Exact("责任部门"), Field::ResponsibleUnits, Strength::Strong),
    (Exact("实施单位"), Field::ResponsibleUnits, Strength::Strong),
    (Exact("承办单位"), Field::ResponsibleUnits, Strength::Strong),
    (Exact("责任主体"), Field::ResponsibleUnits, Strength::Strong),
    (Exact("业主单位"), Field::ResponsibleUnits, Strength::Weak),
    (Exact("实施主体"), Field::ResponsibleUnits, Strength::Strong),
    (Exact("负责单位"), Field::ResponsibleUnits, Strength::Strong),
    (Exact("负责部门"), Field::ResponsibleUnits, Strength::Strong),
    // A guiding department names who answers for the item only where no
    // 责任/负责 column does.
    (Exact("指导部门"), Field::ResponsibleUnits, Strength::Weak),
    (Exact("指导单位"), Field::ResponsibleUnits, Strength::Weak),
    (
        Exact("责任单位及责任人"),
        Field::ResponsibleUnits,
        Strength::Weak,
    ),
    (
        Regex(r"^[省市县区]?(重点)?(民生)?(实事)?(工程)?(项目|事项|任务|实事)?名称$"),
        Field::Name,
        Strength::Strong,
    ),
    (Exact("项目"), Field::Name, Strength::Weak),
    (Exact("民生实事"), Field::Name, Strength::Weak),
    (Exact("重点民生实事"), Field::Name, Strength::Weak),
    (Exact("实事项目"), Field::Name, Strength::Weak),
    (Exact("民生实事项目"), Field::Name, Strength::Weak),
    (Exact("为民办实事项目"), Field::Name, Strength::Weak),
    (Exact("事项"), Field::Name, Strength::Weak),
    // Support-project lists are a target only where nothing else is.
    (Contains("支撑项目"), Field::Target, Strength::Weak),
    (Exact("绩效目标"), Field::Target, Strength::Weak),
    (
        Regex(
            r"^(\d{4}年度?)?(年度|全年)?(工作|建设|主要|具体)?(目标任务|任务目标|工作目标|目标要求|目标|任务|目标进度)$",
        ),
        Field::Target,
        Strength::Strong,
    ),
    (
        Regex(
            r"^(\d{4}年度?)?(年度)?(项目)?(工作|建设|实施|项目|主要|具体)(内容|规模)(及(规模|内容|目标))?$",
        ),
        Field::Target,
        Strength::Strong,
    ),
    (
        Regex(r"^(年度)?建设(内容|规模)"),
        Field::Target,
        Strength::Strong,
    ),
    // 具体工作任务和要求, 任务及目标, 目标任务与措施: a task word and what goes with it.
    (
        Regex(
            r"^(具体|主要|重点|年度)?(工作)?(目标任务|任务目标|工作任务|建设任务|任务|目标)(和|及|与)(要求|目标|措施|标准|内容|任务|进度)$",
        ),
        Field::Target,
        Strength::Strong,
    ),
    // 实事内容, 民生实事内容, 实事项目内容, 任务内容.
    (
        Regex(r"^(民生)?(实事|任务)(项目)?内容$"),
        Field::Target,
        Strength::Strong,
    ),
    (Exact("内容"), Field::Target, Strength::Weak),
    (
        Regex(r"^(改革|主要|重点|具体|工作)?举措$"),
        Field::Target,
        Strength::Strong,
    ),
    (
        Regex(r"^(具体|主要|重点|工作)事项$"),
        Field::Target,
        Strength::Strong,
    ),
    (
        Regex(r"^(计划)?(完成|办结|截止)(时限|时间|期限|日期)"),
        Field::Deadline,
        Strength::Strong,
    ),
    (Exact("时限"), Field::Deadline, Strength::Strong),
    (Contains("时限"), Field::Deadline, Strength::Weak),
    (Exact("时间节点"), Field::Deadline, Strength::Weak),
    (Regex("^(完成)?时间要求$"), Field::Deadline, Strength::Weak),
    (Exact("完成年度"), Field::Deadline, Strength::Weak),
    (Exact("完成年限"), Field::Deadline, Strength::Strong),
    // A period column (`建设起止年限` 2023.01-2023.12): the work ends at its
    // last date. Weak: a 完成时限 column beside it says the deadline.
    (
        Regex(r"^(建设|实施|项目)?起止(年限|时间|日期|年月)$"),
        Field::Deadline,
        Strength::Weak,
    ),
    (
        Regex(r"^(建设|实施)(年限|期限|周期)$"),
        Field::Deadline,
        Strength::Weak,
    ),
    (
        Regex(r"^(指标|项目|实事)?(类别|类型|级别)$"),
        Field::Category,
        Strength::Strong,
    ),
    (Exact("备注"), Field::Notes, Strength::Strong),
    (Exact("说明"), Field::Notes, Strength::Weak),
    (
        // A period may head it (1-10月推进情况: progress to the end of October).
        Regex(
            r"^(\d{1,2}(-|—|－|~|至)\d{1,2}月份?)?(推进|落实|进展|推进落实|工作进展|项目进展|进度)(情况|与成效|及成效)?$",
        ),
        Field::Progress,
        Strength::Strong,
    ),
    (Exact("工作进展"), Field::Progress, Strength::Strong),
    (Exact("完成进度"), Field::Progress, Strength::Strong),
    (
        Regex(r"^(完成|实施|办理|落实完成)(情况|结果)$"),
        Field::Result,
        Strength::Strong,
    ),
    (
        Regex(r"(完成|办理|实施)情况$"),
        Field::Result,
        Strength::Weak,
    ),
    (Regex(r"^(完成)?状态$"), Field::Status, Strength::Strong),
    (Exact("是否完成"), Field::Status, Strength::Strong),
    // 是否达序: whether the item keeps to its schedule (达到序时进度).
    (
        Regex(r"^是否(达序|达到序时进度|按序时进度)"),
        Field::Status,
        Strength::Strong,
    ),
    // 完成投资 is what was spent so far, not the planned investment: keep in extra.
    (
        Regex(
            r"^(\d{4}年度?)?(年度|当年|计划|总|预计|项目|估算)*(投资|资金)(额|规模|总额|计划|估算)?$",
        ),
        Field::Investment,
        Strength::Strong,
    ),
    (
        Regex(r"^(\d{4}年|\d{4}\.)?\d{1,2}月(底|末|前)?$"),
        Field::Milestone,
        Strength::Strong,
    ),
    (
        Regex(r"^\d{4}年(上半年|下半年|底|末)$"),
        Field::Milestone,
        Strength::Strong,
    ),
    (
        Regex(r"^(\d{4}年)?(第?[一二三四1-4]季度|上半年|下半年)(末)?$"),
        Field::Milestone,
        Strength::Strong,
    ),
];

/// Target headers that word the item itself (工作任务, 建设内容, 改革举措): in a
/// table with no name column they are the name, beside a name column the
/// target. Matched on the header without its note, like [`LEAVES`].
const ITEM_HEADERS: &[Pat] = &[
    Regex(r"^(\d{4}年度?)?(年度)?(工作|重点|主要|具体)任务$"),
    Regex(r"^(\d{4}年度?)?(年度)?(主要|建设|项目|工作|实施|具体)内容$"),
    Regex(r"^(改革|主要|重点|具体|工作)?举措$"),
    Regex(r"^(具体|主要|重点|工作)事项$"),
    Regex(
        r"^(具体|主要|重点|年度)?(工作)?(目标任务|任务目标|工作任务|建设任务|任务|目标)(和|及|与)(要求|目标|措施|标准|内容|任务|进度)$",
    ),
    Regex(r"^(民生)?(实事|任务)(项目)?内容$"),
];

/// Headers of a column naming people, not units (分管领导 beside 牵头单位):
/// no record field, but a column of short names, which is what lets short
/// rows be placed under a header that says so.
const PERSON_HEADERS: &[Pat] = &[
    Regex(r"^(分管|牵头|责任|联系|包抓|督办)(市|区|县|镇)?(领导|负责人)$"),
    Regex(r"^(责任人|联系人|负责人)$"),
];

/// Words that open a note printed as a table row under (or over) the table
/// (`注：以上项目…`), followed by a colon, possibly after a number (`注1：`).
pub const NOTE_LABELS: &[&str] = &[
    "注",
    "备注",
    "说明",
    "附注",
    "资料来源",
    "数据来源",
    "填表说明",
];

/// True when a cell reads as a note about the table rather than a row of it.
pub fn is_note(text: &str) -> bool {
    let t = text.trim_start();
    NOTE_LABELS.iter().any(|l| {
        t.strip_prefix(l).is_some_and(|rest| {
            rest.trim_start_matches(|c: char| c.is_ascii_digit() || c.is_whitespace())
                .starts_with([':', '：'])
        })
    })
}

/// Headers that group a second header row.
const GROUPS: &[(Pat, Group)] = &[
    (
        Regex(r"^(阶段性?|分阶段|节点|时序)(目标|进度|安排)"),
        Group::Milestones,
    ),
    (Regex(r"^(时序)?进度(安排|计划)$"), Group::Milestones),
    (Exact("时间节点"), Group::Milestones),
    (Regex(r"^(\d{4}年度?)?(年度)?(工作)?计划$"), Group::Plain),
    // Progress of a period (本月进展情况 over 前期手续 | 在建形象进度); plain
    // 进展情况 stays a leaf.
    (
        Regex(r"^(本月|当月|本季度|本周|本年度?|目前|最新|近期)(工作)?(进展|推进|进度|完成)情况$"),
        Group::Plain,
    ),
];

impl Pat {
    /// The pattern as a regex, so that a whole table compiles into one set.
    fn regex(&self) -> String {
        match self {
            Exact(s) => format!("^{}$", regex::escape(s)),
            Contains(s) => regex::escape(s),
            Regex(r) => (*r).to_string(),
        }
    }
}

/// A synonym table compiled into one [`RegexSet`]: a header is matched
/// against every pattern in a single pass, and the first pattern in table
/// order that matches wins. `None` only if a pattern does not compile — a bug
/// in the static table, caught by the unit test below rather than a panic.
struct Table<T: 'static> {
    set: Option<RegexSet>,
    values: Vec<T>,
}

impl<T: Copy> Table<T> {
    fn new<'a>(rows: impl Iterator<Item = (&'a Pat, T)>) -> Self {
        let (patterns, values): (Vec<String>, Vec<T>) = rows.map(|(p, v)| (p.regex(), v)).unzip();
        Table {
            set: RegexSet::new(patterns).ok(),
            values,
        }
    }

    fn first_match(&self, key: &str) -> Option<T> {
        let set = self.set.as_ref()?;
        // Most texts tried are not headers: the plain test is much cheaper
        // than finding every pattern that matches.
        if !set.is_match(key) {
            return None;
        }
        let first = set.matches(key).into_iter().next()?;
        self.values.get(first).copied()
    }
}

static LEAF_TABLE: LazyLock<Table<(Field, Strength)>> =
    LazyLock::new(|| Table::new(LEAVES.iter().map(|(p, f, s)| (p, (*f, *s)))));

static ITEM_TABLE: LazyLock<Table<()>> =
    LazyLock::new(|| Table::new(ITEM_HEADERS.iter().map(|p| (p, ()))));

static PERSON_TABLE: LazyLock<Table<()>> =
    LazyLock::new(|| Table::new(PERSON_HEADERS.iter().map(|p| (p, ()))));

/// True when a header names a column of people ([`PERSON_HEADERS`]).
pub fn names_people(header: &str) -> bool {
    key_of(header).is_some_and(|k| PERSON_TABLE.first_match(split_key(&k).0).is_some())
}

static GROUP_TABLE: LazyLock<Table<Group>> =
    LazyLock::new(|| Table::new(GROUPS.iter().map(|(p, g)| (p, *g))));

/// The header text without a trailing parenthesised note, and the note
/// (`年度投资(万元)` → (`年度投资`, Some(`万元`))).
pub fn split_note(header: &str) -> (String, Option<String>) {
    let key = header_key(header);
    let (base, note) = split_key(&key);
    (base.to_string(), note.map(str::to_string))
}

/// [`split_note`] on a key already made by [`header_key`].
fn split_key(key: &str) -> (&str, Option<&str>) {
    if let Some(open) = key.find('(') {
        if open > 0 {
            if let Some(note) = key.get(open + 1..).and_then(|r| r.strip_suffix(')')) {
                return (key.get(..open).unwrap_or(key), Some(note));
            }
        }
    }
    (key, None)
}

/// Longest header, in characters without whitespace, that the table is tried
/// on. Real headers are a few words (`指标类别(市级、人大票决)` is 13); a longer
/// cell is data, and a target sentence that mentions 牵头 or 时限 must not be
/// taken for a header. Checking the length first also keeps the table's
/// patterns off every long cell of every row.
pub const MAX_HEADER_CHARS: usize = 40;

/// The matching key of a header, or `None` when it is too long to be one.
fn key_of(header: &str) -> Option<String> {
    let too_long = header
        .chars()
        .filter(|c| !crate::text::is_space(*c))
        .nth(MAX_HEADER_CHARS)
        .is_some();
    (!too_long).then(|| header_key(header))
}

/// Endings of a header or label that names a person or a way to reach one
/// (`牵头领导`, `责任人`, `联系电话`): no record field, whatever words come
/// before (`牵头` alone would make it a unit).
pub const PERSON_ENDINGS: &[&str] = &["领导", "负责人", "责任人", "联系人", "电话"];

/// True when a header or label names a person or a contact ([`PERSON_ENDINGS`]).
pub fn names_person(header: &str) -> bool {
    key_of(header).is_some_and(|k| {
        let (base, _) = split_key(&k);
        PERSON_ENDINGS.iter().any(|e| base.ends_with(e))
    })
}

fn classify_key(whole: &str) -> Option<(Field, Strength)> {
    let (base, _) = split_key(whole);
    if PERSON_ENDINGS.iter().any(|e| base.ends_with(e)) {
        return None;
    }
    [base, whole]
        .into_iter()
        .filter(|k| !k.is_empty())
        .find_map(|k| LEAF_TABLE.first_match(k))
}

fn group_key(whole: &str) -> Option<Group> {
    GROUP_TABLE.first_match(split_key(whole).0)
}

/// The field a leaf header names, if the table knows it.
pub fn classify(header: &str) -> Option<(Field, Strength)> {
    classify_key(&key_of(header)?)
}

/// True when a target header words the item itself ([`ITEM_HEADERS`]): the
/// name of a table that has no name column.
pub fn names_item(header: &str) -> bool {
    key_of(header).is_some_and(|k| ITEM_TABLE.first_match(split_key(&k).0).is_some())
}

/// Whether a header is a known group header, and of which kind.
pub fn group(header: &str) -> Option<Group> {
    group_key(&key_of(header)?)
}

/// True when the text reads like a column header of a project table: a known
/// leaf or group header.
pub fn is_known(header: &str) -> bool {
    key_of(header).is_some_and(|k| classify_key(&k).is_some() || group_key(&k).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles() {
        assert!(
            LEAF_TABLE.set.is_some(),
            "a LEAVES pattern does not compile"
        );
        assert!(
            GROUP_TABLE.set.is_some(),
            "a GROUPS pattern does not compile"
        );
        assert_eq!(LEAF_TABLE.values.len(), LEAVES.len());
        assert_eq!(GROUP_TABLE.values.len(), GROUPS.len());
        assert!(
            ITEM_TABLE.set.is_some(),
            "an ITEM_HEADERS pattern does not compile"
        );
    }

    #[test]
    fn a_long_cell_is_never_a_header() {
        // A target sentence that mentions 牵头 or 完成情况 is data, not a header.
        let long = "由区住房城乡建委牵头，完成10个老旧小区改造，并按月通报完成情况，确保年底前全部完工交付使用";
        assert!(long.chars().count() > MAX_HEADER_CHARS);
        assert_eq!(classify(long), None);
        assert_eq!(group(long), None);
        assert!(!is_known(long));
        // Up to the cap, with any whitespace, a header still reads.
        assert_eq!(classify("牵 头 单 位").map(|c| c.0), Some(Field::LeadUnits));
        assert_eq!(
            split_note("年度投资（万元）"),
            ("年度投资".to_string(), Some("万元".to_string()))
        );
        assert_eq!(split_note("(万元)"), ("(万元)".to_string(), None));
    }

    #[test]
    fn seed_headers_map_to_fields() {
        let cases: &[(&str, Option<Field>)] = &[
            ("序号", Some(Field::Seq)),
            ("项目名称", Some(Field::Name)),
            ("牵头单位", Some(Field::LeadUnits)),
            ("责任单位", Some(Field::ResponsibleUnits)),
            ("协作单位", Some(Field::PartnerUnits)),
            ("配合单位", Some(Field::PartnerUnits)),
            ("具体支撑项目及绩效目标", Some(Field::Target)),
            ("目标任务", Some(Field::Target)),
            ("2025年度工作目标任务", Some(Field::Target)),
            ("工作内容", Some(Field::Target)),
            ("年度建设内容及规模", Some(Field::Target)),
            ("完成时限", Some(Field::Deadline)),
            ("类型", Some(Field::Category)),
            ("指标类别 (市级、人大票决)", Some(Field::Category)),
            ("备注 \u{2002}\u{2002}", Some(Field::Notes)),
            ("年度投资 \u{2002}\u{2002}(万元)", Some(Field::Investment)),
            ("推进落实情况", Some(Field::Progress)),
            ("工作进展", Some(Field::Progress)),
            ("进展与成效", Some(Field::Progress)),
            ("完成情况", Some(Field::Result)),
            ("2025年6月", Some(Field::Milestone)),
            ("完成投资", None),
            ("2024年计划投资(万元)", Some(Field::Investment)),
            ("投资估算（万元）", Some(Field::Investment)),
            ("目标任务完成情况", Some(Field::Result)),
            ("实施主体", Some(Field::ResponsibleUnits)),
            ("存在的问题", None),
            ("下一步工作 及建议", None),
            // Headers of notices beyond the seeds.
            ("民生实事项目", Some(Field::Name)),
            ("目标要求", Some(Field::Target)),
            ("实施内容", Some(Field::Target)),
            ("完成时间", Some(Field::Deadline)),
            ("牵头部门", Some(Field::LeadUnits)),
            ("责任领导", None),
            ("牵头领导", None),
            ("时间要求", Some(Field::Deadline)),
            ("牵頭領導", None),
            ("区政府分管领导", None),
            ("牵头单位负责人", None),
            // Tables that are not quite 民生实事 (work plans, reform lists).
            ("工作任务", Some(Field::Target)),
            ("具体工作任务和要求", Some(Field::Target)),
            ("工作任务及要求", Some(Field::Target)),
            ("具体任务及目标", Some(Field::Target)),
            ("任务及目标", Some(Field::Target)),
            ("任务内容", Some(Field::Target)),
            ("民生实事内容", Some(Field::Target)),
            ("实事项目内容", Some(Field::Target)),
            ("主要内容", Some(Field::Target)),
            ("建设内容", Some(Field::Target)),
            ("改革举措", Some(Field::Target)),
            ("具体事项", Some(Field::Target)),
            ("负责单位", Some(Field::ResponsibleUnits)),
            ("指导部门", Some(Field::ResponsibleUnits)),
            ("实施单位", Some(Field::ResponsibleUnits)),
            ("主办单位", Some(Field::LeadUnits)),
            ("计划完成时间", Some(Field::Deadline)),
            ("建设起止年限", Some(Field::Deadline)),
            ("项目建设规模及内容", Some(Field::Target)),
            ("省重点民生实事项目名称", Some(Field::Name)),
            ("民生实事工程项目名称", Some(Field::Name)),
            ("当年投资(万元)", Some(Field::Investment)),
            ("起止时间", Some(Field::Deadline)),
            ("建设年限", Some(Field::Deadline)),
            ("实施期限", Some(Field::Deadline)),
            // Printed in traditional characters.
            ("序號", Some(Field::Seq)),
            ("項目名稱", Some(Field::Name)),
            ("責任單位", Some(Field::ResponsibleUnits)),
            ("完成時限", Some(Field::Deadline)),
        ];
        for (h, want) in cases {
            assert_eq!(classify(h).map(|c| c.0), *want, "header {h}");
        }
        assert_eq!(
            classify("具体支撑项目及绩效目标").map(|c| c.1),
            Some(Strength::Weak)
        );
    }

    #[test]
    fn item_headers_name_the_item() {
        for h in [
            "工作任务",
            "主要内容",
            "建设内容",
            "改革举措",
            "具体事项",
            "2024年工作任务",
        ] {
            assert!(names_item(h), "{h}");
        }
        for h in ["目标任务", "项目名称", "绩效目标", "责任单位"] {
            assert!(!names_item(h), "{h}");
        }
    }

    #[test]
    fn notes_need_their_colon() {
        assert!(is_note("注：以上项目资金由区财政统筹。"));
        assert!(is_note("注1: 数据截至6月底"));
        assert!(is_note("说明：……"));
        assert!(!is_note("备注"));
        assert!(!is_note("注重学生实践"));
    }

    #[test]
    fn group_headers() {
        assert_eq!(group("阶段性目标"), Some(Group::Milestones));
        assert_eq!(group("2023年工作计划"), Some(Group::Plain));
        assert_eq!(group("项目名称"), None);
        assert_eq!(group("本月进展情况"), Some(Group::Plain));
        assert_eq!(group("进展情况"), None);
    }
}
