//! Word lists the normaliser matches record values against. Extend these
//! tables when a new notice words things differently.

/// Category words found in a 类型 column, a section row or a table title,
/// with the category they mean. Longer words first.
pub const CATEGORY_WORDS: &[(&str, &str)] = &[
    ("人大代表票决", "人大票决"),
    ("人大票决", "人大票决"),
    ("代表票决", "人大票决"),
    ("省级", "省级"),
    ("市级", "市级"),
    ("区级", "区级"),
    ("县级", "县级"),
    ("镇级", "镇级"),
    ("乡级", "乡级"),
    ("街道级", "街道级"),
];

/// Short phrases that are a completion status, not a description of what was
/// done. A 完成情况 cell holding one of these fills `status`.
pub const STATUS_WORDS: &[&str] = &[
    "超额完成",
    "全面完成",
    "已完成",
    "完成",
    "基本完成",
    "部分完成",
    "未完成",
    "按期完成",
    "提前完成",
    "正在推进",
    "推进中",
    "序时推进",
    "按序时推进",
    "有序推进",
    "进度滞后",
    "滞后",
    "已启动",
    "未启动",
    "已开工",
    "已竣工",
    "持续推进",
    "已办结",
    "办结",
];

/// Headings inside a report's narrative section on one project, and what they hold.
pub const NARRATIVE_HEADINGS: &[(&str, NarrativePart)] = &[
    ("目标任务", NarrativePart::Target),
    ("工作目标", NarrativePart::Target),
    ("年度目标", NarrativePart::Target),
    ("完成情况", NarrativePart::Result),
    ("办理情况", NarrativePart::Result),
    ("推进情况", NarrativePart::Result),
    ("工作措施", NarrativePart::Measures),
    ("主要措施", NarrativePart::Measures),
    ("推进措施", NarrativePart::Measures),
    ("保障措施", NarrativePart::Measures),
    ("主要做法", NarrativePart::Measures),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NarrativePart {
    Target,
    Result,
    Measures,
}

/// Suffixes of a notice's title: the kind of document it is.
pub const TITLE_ENDINGS: &[&str] = &[
    "通知",
    "报告",
    "方案",
    "意见",
    "决定",
    "公告",
    "通报",
    "函",
    "批复",
    "解读",
    "办法",
    "规划",
    "计划",
    "目标任务",
    "清单",
    "请示",
    "总结",
    "纪要",
    "决议",
    "公示",
    "情况",
];

/// Words after which a title's place name ends (the issuer or a year follows).
pub const PLACE_ENDERS: &[&str] = &[
    "人民政府",
    "政府",
    "管委会",
    "管理委员会",
    "委员会",
    "办公室",
    "办公厅",
    "人大常委会",
    "党委",
];

/// Words in the text around a numbered list (the notice's title, the
/// paragraph above it, its headings) that say its items are projects.
/// Matched on the simplified fold.
pub const PROJECT_CONTEXT_WORDS: &[&str] = &[
    "民生实事",
    "实事项目",
    "民生工程",
    "民生项目",
    "办实事",
    "惠民实事",
    "为民实事",
    "件实事",
    "项实事",
    "大实事",
    "重点项目",
    "项目清单",
    "民生事项",
];

/// Words in a list item that name it a project or a task.
pub const PROJECT_ITEM_WORDS: &[&str] = &["项目", "工程", "实事", "任务", "行动"];

/// Headings of a notice's own parts: a list whose items are mostly these is
/// the notice's outline, not its projects.
pub const GENERIC_SECTIONS: &[&str] = &[
    "总体要求",
    "指导思想",
    "基本原则",
    "工作目标",
    "总体目标",
    "主要目标",
    "目标任务",
    "主要任务",
    "重点任务",
    "工作任务",
    "工作措施",
    "保障措施",
    "工作要求",
    "组织领导",
    "组织实施",
    "实施步骤",
    "工作步骤",
    "职责分工",
    "责任分工",
    "有关要求",
    "工作安排",
    "督查考核",
    "监督检查",
    "完成情况",
    "进展情况",
    "基本情况",
    "总体情况",
    "工作成效",
    "主要做法",
    "督查建议",
    "工作建议",
    "意见建议",
    "下步打算",
    "存在问题",
    "下一步",
    "附件",
    "出台背景",
    "起草背景",
    "起草过程",
    "制定过程",
    "主要内容",
    "政策依据",
    "适用范围",
    "名词解释",
    "解读",
];

/// Words of a label or column that holds a project's schedule
/// (`进度安排：6月底前…；12月底前…`, `工作举措及实施计划`): with no deadline
/// printed, the schedule's last date is the project's deadline.
pub const SCHEDULE_WORDS: &[&str] = &[
    "进度安排",
    "时间安排",
    "进度计划",
    "实施计划",
    "时序进度",
    "推进计划",
    "时间进度",
];

/// Administrative-unit endings of a place name.
pub const PLACE_SUFFIXES: &[char] = &['省', '市', '区', '县', '旗', '州', '盟'];

/// Category named in a text (a section heading, a title), if any.
pub fn category_in(text: &str) -> Option<&'static str> {
    CATEGORY_WORDS
        .iter()
        .find(|(w, _)| text.contains(w))
        .map(|(_, c)| *c)
}

/// Verbs after unit names that make them an item's lead units without a
/// label (`（市教育局负责）`, `由县交通运输局牵头`), longest first.
pub const LEAD_VERBS: &[&str] = &["牵头负责", "牵头实施", "组织实施", "牵头", "负责", "主办"];

/// Verbs after unit names that make them partner units (`（…牵头，各县区配合）`).
pub const PARTNER_VERBS: &[&str] = &["配合实施", "共同负责", "配合", "协办", "参与"];

/// Endings of a heading that groups items by field (`教育类`, `医疗卫生方面`),
/// never a project's own name.
pub const GROUP_HEADING_ENDINGS: &[&str] = &["类", "方面", "领域", "篇", "板块"];

/// Verbs a notice's own directives open with (`加强组织领导`, `确保责任靠实`):
/// a heading of such phrases is a part of the notice, not a project.
pub const DIRECTIVE_VERBS: &[&str] = &[
    "加强", "强化", "落实", "确保", "严格", "健全", "明确", "压实", "注重", "狠抓", "突出", "坚持",
    "夯实", "密切", "统筹", "营造", "广泛", "层层", "切实", "提高", "形成", "增强", "树立", "发挥",
];

/// Endings of a clause that names a project (`低保暖心工程`, `城区道路提升项目`):
/// such a first clause is the item's name.
pub const PROJECT_NAME_ENDINGS: &[&str] = &["工程", "项目", "行动", "计划"];

/// Verbs a statement of work starts with (`实施…工程`, `为62户…实施…`): a clause
/// that starts so states the work rather than names the project.
pub const ACTION_STARTS: &[&str] = &[
    "实施", "深化", "开展", "推进", "推动", "加快", "加大", "建设", "新建", "改建", "扩建", "完成",
    "启动", "打造", "改造", "提升", "提高", "加强", "强化", "持续", "全面", "继续", "积极", "为",
    "对", "在", "将", "新增", "建成", "组织",
];

/// Words of a document whose numbered points are tasks, not livelihood
/// projects (a work report's breakdown): its lists are projects only where
/// the page names projects too.
pub const TASK_DOCUMENT_WORDS: &[&str] = &["政府工作报告"];
