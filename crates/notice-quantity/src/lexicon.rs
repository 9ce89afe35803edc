//! Word lists of the quantity extractor: qualifier words, action verbs and the
//! small closed classes (linking words, prepositions, scope words …) used to cut
//! an object noun phrase out of the text around a number.
//!
//! Everything language-specific that is data lives here, each list in one place.

use super::trie::Trie;
use super::{Dimension, Qualifier};
use std::sync::LazyLock;

/// Qualifier words written before the number.
pub const PREFIX_QUALIFIERS: &[(&str, Qualifier)] = &[
    ("约", Qualifier::Approx),
    ("大约", Qualifier::Approx),
    ("约为", Qualifier::Approx),
    ("约有", Qualifier::Approx),
    ("大概", Qualifier::Approx),
    ("近", Qualifier::Approx),
    ("将近", Qualifier::Approx),
    ("接近", Qualifier::Approx),
    ("上", Qualifier::Approx),
    ("超过", Qualifier::AtLeast),
    ("超", Qualifier::AtLeast),
    ("逾", Qualifier::AtLeast),
    ("不少于", Qualifier::AtLeast),
    ("不低于", Qualifier::AtLeast),
    ("不小于", Qualifier::AtLeast),
    ("至少", Qualifier::AtLeast),
    ("最少", Qualifier::AtLeast),
    ("起码", Qualifier::AtLeast),
    ("多于", Qualifier::AtLeast),
    ("大于", Qualifier::AtLeast),
    ("高于", Qualifier::AtLeast),
    ("突破", Qualifier::AtLeast),
    ("不超过", Qualifier::AtMost),
    ("未超过", Qualifier::AtMost),
    ("不高于", Qualifier::AtMost),
    ("不大于", Qualifier::AtMost),
    ("不多于", Qualifier::AtMost),
    ("最多", Qualifier::AtMost),
    ("至多", Qualifier::AtMost),
    ("少于", Qualifier::AtMost),
    ("低于", Qualifier::AtMost),
    ("小于", Qualifier::AtMost),
    ("不足", Qualifier::AtMost),
];

/// Characters that, right before a one-character qualifier, make it part of
/// another word: 节约, 签约, 附近, 最近, 赶超 … (not 成: 完成约9000户 is approximate)
pub const PREFIX_QUALIFIER_BLOCKERS: &[(&str, &str)] = &[
    (
        "约",
        "节制签预集合履违简公特邀契相赴守和条婚解续失盟誓践缔租立大",
    ),
    ("近", "附最就靠临邻亲远贴接将新晚"),
    ("超", "赶追高"),
    ("上", "以之向马线网早晚路楼在"),
];

/// Qualifier words written after the unit.
pub const SUFFIX_QUALIFIERS: &[(&str, Qualifier)] = &[
    ("及以上", Qualifier::AtLeast),
    ("以上", Qualifier::AtLeast),
    ("及以下", Qualifier::AtMost),
    ("以下", Qualifier::AtMost),
    ("以内", Qualifier::AtMost),
    ("之内", Qualifier::AtMost),
    ("左右", Qualifier::Approx),
    ("上下", Qualifier::Approx),
];

/// Qualifier words written after the unit that bound only some dimensions:
/// 3个月内 and 5公里内 are upper bounds, while 10个小区内 is a place.
pub const DIMENSION_SUFFIX_QUALIFIERS: &[(&str, Qualifier, &[Dimension])] = &[(
    "内",
    Qualifier::AtMost,
    &[Dimension::Duration, Dimension::Length],
)];

/// Words that may follow a unit although their first character would glue to
/// the unit into another word (36项目标任务 is 项 + 目标任务, not 项目; 5个体育
/// 公园 is 个 + 体育). Suffix qualifiers (12所以上) are checked as well.
#[rustfmt::skip]
pub const UNIT_FOLLOWERS: &[&str] = &[
    "目标", "目前", "体育", "体检", "体验", "体系", "以及",
];

/// Characters after 上下 that make it a word (上下学, 上下班).
pub const SUFFIX_BLOCKERS: &str = "学班楼级游车";

/// Written between number and unit (620余个, 200多个, 4.5万余人次): approximate.
pub const APPROX_INFIXES: &[char] = &['余', '多'];

/// Verbs that govern a counted object: the `action` of a quantity.
#[rustfmt::skip]
pub const ACTION_VERBS: &[&str] = &[
    "新建", "新开工", "开工", "建成", "建设", "完成", "改造", "改建", "扩建", "迁建", "续建",
    "新增", "增加", "增设", "开展", "实施", "启动", "打造", "培育", "培养", "培训", "引进", "安置",
    "举办", "召开", "组织", "发放", "兑现", "落实", "资助", "惠及", "覆盖", "提供", "设立", "设置",
    "创建", "更换", "更新", "加装", "安装", "硬化", "拓宽", "修复", "修建", "铺设", "配套", "配备",
    "配置", "购置", "采购", "建立", "成立", "组建", "开设", "开办", "开通", "开放", "投入", "投资",
    "筹集", "救助", "帮扶", "帮助", "慰问", "走访", "筛查", "接种", "检测", "抽检", "检定", "治理",
    "整治", "修缮", "维修", "提升", "提质", "改善", "优化", "新开", "栽植", "种植", "补植", "植树",
    "造林", "清理", "清运", "收集", "销号", "验收", "交付", "投用", "招聘", "吸纳", "带动", "扶持",
    "补贴", "支持", "涉及", "受益", "遴选", "认证", "测评", "复核", "升级", "完工", "开挖", "推进",
    "新开设", "招收", "招募", "推荐", "听取", "征集", "孵化", "纳入", "规划", "聘用", "举行",
    "普及", "推广", "认定", "评选", "补助", "减免", "吸引", "实现", "巩固", "整合", "创成", "建好",
    "新招", "引育", "签约", "挂牌", "命名", "拨付", "发掘", "排查", "处置", "整改", "消除", "解决",
    "新植", "栽种", "绿化", "美化", "亮化", "增补", "扩容", "养护", "服务于", "覆盖到", "惠及到",
    "推动", "提高", "进行", "调整", "制定", "建好", "修订", "上线", "开通运营", "服务", "康复救助",
    "选择", "保障", "布局", "部署", "投放", "打通", "新辟", "开辟", "推出", "新装", "加固", "竣工",
    "开发", "延伸", "建设成", "释放", "促成", "接待", "下达", "安排", "改扩建", "新改扩建",
    "新改建", "扩改建",
];

/// Verbs that also form compound nouns (老旧小区改造提升项目, 残疾儿童康复救助):
/// only verbs NOT in this list split a noun phrase in the middle
/// (武隆城区新建停车场3处 → 停车场).
#[rustfmt::skip]
pub const WEAK_VERBS: &[&str] = &[
    "改造", "提升", "建设", "整治", "治理", "提质", "优化", "安装", "升级", "修复", "救助", "培训", "检测", "筛查", "接种",
    "更新", "硬化", "拓宽", "改建", "扩建", "绿化", "美化", "亮化", "养护", "补贴", "补助", "销号", "验收", "普及", "推广",
    "配套", "规划", "认证", "测评", "复核", "处置", "排查", "整改", "减免", "孵化", "帮扶", "支持", "扶持", "投资", "受益",
    "覆盖", "开放", "投入", "组织", "落实", "服务于", "迁建", "续建", "帮助", "慰问", "走访", "检定", "抽检", "修缮", "维修",
    "改善", "清理", "清运", "收集", "交付", "投用", "完工", "开挖", "推进", "培养", "培育", "安置", "实施", "巩固", "调整",
    "上线", "服务", "康复救助", "保障",
];

/// Verbs that only govern when they open the clause: elsewhere they are part of
/// a noun (服务妇女儿童不少于800人次 vs 社区养老服务设施).
pub const LEAD_ONLY_VERBS: &[&str] = &["服务", "保障"];

/// Nouns that turn a verb before them into a modifier (改造内容, 完成情况).
pub const VERB_NOUN_HEADS: &[&str] = &["内容", "情况", "方案", "效果", "成效", "工作量"];

/// Nouns about the work rather than a thing (…健身器材200件工作任务): read
/// after a number they do not displace the object written before it.
pub const META_NOUNS: &[&str] = &["工作任务", "目标任务", "工作", "标准", "要求"];

/// Heads that make a verb before them part of a compound noun (招聘活动,
/// 培训基地), so a noun phrase read after a number does not stop there.
pub const COMPOUND_HEADS: &[&str] = &[
    "活动", "会", "中心", "站", "点", "项目", "工程", "服务", "基地", "平台", "岗位", "场所",
    "设施", "机构", "场馆", "场地", "空间",
];

/// Words after which a bare 万/亿 amount is money with 元 left out (投资5亿).
pub const MONEY_WORDS: &[&str] = &[
    "投资", "资金", "投入", "补助", "补贴", "贷款", "经费", "金额", "收入", "融资", "拨付", "奖补",
    "预算",
];

/// Money verbs that also name the amount they govern (计划投资350万元: the
/// amount is the investment), so the object is the verb itself. 投入 is not
/// one: 投入30万元用于… names no object.
pub const MONEY_NAMING_VERBS: &[&str] = &["投资", "融资"];

/// Verbs of taking time or having it left: right before a duration they end a
/// predicate (仅剩两个月, 都要一个多小时, 只用了3天), so what precedes them is
/// not the object of the duration.
#[rustfmt::skip]
pub const TIME_TAKING_VERBS: &[&str] = &[
    "剩", "剩下", "需", "需要", "要", "用", "用时", "历时", "耗时", "花", "花费", "花了", "经过",
];

/// Nouns that start with a verb (会同9个建成区街道): never read as a verb.
pub const VERB_LIKE_NOUNS: &[&str] = &[
    "建成区",
    "服务区",
    "开发区",
    "安置房",
    "安置点",
    "保障房",
    "服务站",
    "服务点",
    "救助站",
    "培训班",
];

/// Adverbs and modal words that may precede a verb without being the action.
#[rustfmt::skip]
pub const ADVERBS: &[&str] = &[
    "大力", "持续", "积极", "加快", "全面", "基本", "再", "预计", "计划", "力争", "确保", "争取",
    "拟", "将", "已", "已经", "累计", "共", "共计", "合计", "总计", "年内", "全年", "当年", "今年",
    "每年", "继续", "进一步", "全力", "有序", "逐步", "重点", "统筹", "定期", "免费", "统一",
    "分别", "顺利", "同步", "扎实", "深入", "切实", "实际", "集中", "率先", "先后", "陆续", "均",
    "共同", "协同", "主动", "依法", "及时", "新", "至少", "不少于", "超额", "成功", "高标准",
    "高质量", "着力", "可", "滚动", "已经", "正在", "全部", "优先", "重点", "专项", "确定", "决定",
];

/// Linking words that may also open the text before a number (达到总体工程形象进度的30%).
#[rustfmt::skip]
pub const LEADING_LINKING: &[&str] = &[
    "达到", "保持在", "维持在", "保持", "维持", "稳定在", "拥有", "是",
];

/// Words between subject and number that only link them (…知晓率达到80%).
#[rustfmt::skip]
pub const LINKING: &[&str] = &[
    "达到", "达", "为", "是", "有", "保持在", "保持", "维持在", "维持", "稳定在", "控制在", "提高到", "提高至", "提升到",
    "提升至", "增加到", "增加至", "增长到", "增至", "降低到", "降低至", "降至", "下降到", "下降至", "升至", "可达", "将达", "将达到",
    "占", "累计达", "累计达到", "共计", "共", "合计", "总计", "累计", "分别达到", "分别达", "分别为", "分别是", "分别", "均达到",
    "均达", "均为", "各", "共有", "拥有", "达成", "至", "到", "压缩至", "压缩到", "缩短至", "缩短到",
    "减少至", "减少到", "扩大至", "扩大到",
];

/// Trailing change verbs (拥堵指数同比下降15.6%): they become the action.
#[rustfmt::skip]
pub const CHANGE_VERBS: &[&str] = &[
    "下降", "提高", "增长", "增加", "减少", "降低", "提升", "上升", "缩短", "压缩", "扩大", "减轻",
];

/// Words that open a comparison (较去年提高27%): the subject is elsewhere.
#[rustfmt::skip]
pub const COMPARISON: &[&str] = &[
    "较", "比", "相比", "同比", "环比", "高于", "低于", "比上年",
];

/// Prepositions that open an adverbial phrase before the verb.
#[rustfmt::skip]
pub const PREPOSITIONS: &[&str] = &[
    "在", "对", "为", "向", "给", "于", "依托", "通过", "利用", "围绕", "面向", "针对", "结合", "按照", "根据", "按",
    "依照", "借助", "以", "从", "由", "经", "会同", "联合", "对于", "关于", "聚焦", "立足", "依靠", "自",
];

/// Disposal markers: the noun phrase after them is the object (将…99名纳入…).
#[rustfmt::skip]
pub const DISPOSAL: &[&str] = &[
    "将", "把",
];

/// Scope and framing words stripped from the start of an object.
#[rustfmt::skip]
pub const SCOPE_WORDS: &[&str] = &[
    "全区", "全市", "全县", "全镇", "全乡", "全省", "全国", "我区", "我市", "我县", "我镇", "辖区",
    "其中", "另", "另外", "同时", "此外", "目标任务外", "全年", "年内", "当年", "今年", "累计",
    "共", "共计", "合计", "总计", "分别", "并", "且", "和", "及", "与", "以及", "还", "并且", "含",
    "包括", "包含", "部分", "相关", "有关", "一批", "一系列", "各类", "各项", "多个", "若干", "已",
    "已经",
];

/// Time or scope frames that end before the object (十四五期间…, 有效期内…).
#[rustfmt::skip]
pub const FRAME_ENDS: &[&str] = &[
    "期间", "时期", "期内", "以来", "范围内", "辖区内", "区域内", "内容为", "内容包括", "主要是", "主要为",
];

/// Verbs that, right before a percentage, say what reaches it (装饰工程完成90%).
#[rustfmt::skip]
pub const TRAILING_ACTIONS: &[&str] = &[
    "实现", "完成", "达标",
];

/// Heads of measurement nouns: a verb right before them belongs to the noun
/// (改造建筑面积, 治理面积, 计划里程).
#[rustfmt::skip]
pub const MEASURE_NOUNS: &[&str] = &[
    "建筑面积", "占地面积", "面积", "里程", "长度", "总长", "全长", "规模", "人数", "总量", "数量",
    "总数", "人口", "占比", "人群",
];

/// Characters that, right after a verb, make it part of a noun (就业率, 补贴性,
/// 招聘会, 建设点).
pub const NOUN_MAKERS: &str = "率数量性式型会者员费金度";

/// Activity words that, at the end of an object, name the work rather than the
/// thing counted (城镇老旧小区改造27个 → 城镇老旧小区).
#[rustfmt::skip]
pub const TRAILING_ACTIVITIES: &[&str] = &[
    "专项整治", "无障碍改造", "标准化改造", "更新改造", "改造提升", "提升改造", "提质改造",
    "康复救助", "拓宽硬化", "建设任务", "改造任务", "建设工作", "工作", "建设", "改造", "整治",
    "安装", "升级", "救助", "就业", "销号", "治理", "硬化", "拓宽", "新建", "改建", "扩建", "管理",
    "施工", "优化", "提升", "提质", "更新", "创建", "共享", "错时共享", "进场施工", "安置",
    "综合整治", "分类治理", "规范化", "标准化", "智能化", "信息化", "数字化", "规范化提升",
];

/// Words that end a noun phrase read after the unit: predicates, adverbs,
/// conjunctions, and meta nouns such as 标准.
#[rustfmt::skip]
pub const AFTER_STOPS: &[&str] = &[
    "提供", "实现", "发放", "开展", "完成", "设立", "纳入", "进行", "享受", "参与", "参加", "获得",
    "接受", "惠及", "用于", "达到", "达", "为", "是", "建成", "投用", "完工", "开工", "实施",
    "落实", "受益", "提高", "入住", "使用", "免费", "统一", "定期", "累计", "协同", "全部", "顺利",
    "积极", "分别", "各", "共计", "合计", "总计", "其中", "开设", "带动", "解决", "满足", "方便",
    "缓解", "推动", "促进", "确保", "承担", "实行", "通过", "达标", "覆盖", "改善", "保持", "维持",
    "超过", "全面", "基本", "已", "已经", "将", "正在", "陆续", "年内", "同比", "较", "和", "及",
    "与", "以及", "并", "等", "或", "至", "到", "均已", "均已经", "均为", "均达", "按计划", "按期",
    "按时", "每", "目前",
];

/// Locatives that end a noun phrase read after the unit (19个村范围内 → 村).
#[rustfmt::skip]
pub const LOCATIVES: &[&str] = &[
    "范围内", "范围", "以内", "之内", "境内", "辖区内", "周边", "沿线", "之间", "内",
];

/// Spaces (often NBSP saved from a web page) that may stand between a number
/// and its unit or between a quantity and its noun: one of them at most
/// (建设100 个小区, 新增 7069张 公办养老床位).
pub const NUMBER_GAPS: &[char] = &[' ', '\u{a0}', '\u{3000}'];

/// One-character locatives dropped from the end of an object (填入表格中 → 表格).
pub const LOCATIVE_TAILS: &str = "中内里上";

/// Fewest characters an object keeps before a locative tail is dropped: 高中 and
/// 村里 are nouns of their own, a longer phrase carries the noun before it.
pub const MIN_LOCATIVE_HOST: usize = 2;

/// Words ending in a locative character that are nouns, not noun + locative
/// (普通高中, 社区邻里, 线上): their last character stays. Place words such as
/// 区内 or 路上 are not listed: 城区内 is 城区 + 内.
#[rustfmt::skip]
pub const LOCATIVE_WORDS: &[&str] = &[
    "高中", "初中", "集中", "空中", "心中", "途中", "之中", "其中", "公里", "千里", "邻里", "乡里",
    "线上", "网上", "马上", "早上", "晚上", "以上", "以内", "之内", "期内",
];

/// Words that open a relative clause before 的 (有需求的残疾人 → 残疾人).
#[rustfmt::skip]
pub const RELATIVE_VERBS: &[&str] = &[
    "有", "具有", "具备", "符合", "需要", "有意愿", "愿意", "无",
];

/// Ends of place names: objects made only of these are a breakdown by place
/// (统景镇10个), and take their object from the total they break down.
#[rustfmt::skip]
pub const PLACE_SUFFIXES: &[&str] = &[
    "街道", "镇", "乡", "村", "社区", "县",
];

/// Place categories: after an enumeration of names, a count of places names
/// the category first (白马、长坝、平桥、鸭江4个乡镇保障性住房 → 乡镇).
#[rustfmt::skip]
pub const PLACE_CATEGORIES: &[&str] = &[
    "乡镇街道", "城区街道", "乡镇", "镇街", "街道", "村社", "社区", "区县", "小区", "片区", "镇", "乡", "村",
];

/// Characters that end the noun a measure word counts (1015间教室灯光照明 →
/// 教室): the object is cut after the last of a run of them.
pub const CLASSIFIER_HEADS: &[(&str, &str)] = &[
    ("所", "校院园所学"),
    ("间", "室房屋间舍"),
    ("盏", "灯"),
    ("栋", "楼房舍"),
    ("幢", "楼房舍"),
    ("辆", "车"),
    ("株", "树苗木"),
    ("棵", "树苗木"),
    ("户", "户家庭"),
];

/// Fixed expressions that start with a numeral and a measure word but are not
/// counts (一次性, 一站式, political slogans …).
#[rustfmt::skip]
pub const NUMERAL_IDIOMS: &[&str] = &[
    "一次性", "一站式", "一条龙", "一把手", "一张网", "一张图", "一件事", "一家人", "一盘棋", "一系列", "一揽子", "一口气", "一条心",
    "一批", "一体", "一线", "一门式", "一口价", "一条街", "三个代表", "四个全面", "两个维护", "两个确立", "四个意识", "四个自信",
    "两个确保", "五位一体", "四个一", "三个一", "两个一", "一个中心", "两个基本", "一项项", "一个个", "一件件", "一次次", "一场场",
    "一座座", "一条条", "一所所", "一户户", "一家家",
];

/// Characters before a Chinese numeral that make it part of a word or an
/// ordinal (第四届, 每一个, 同一个, 星期三, 初一, 新一轮 …).
pub const CN_NUMERAL_BLOCKERS: &str = "第每同任某唯统单逐之进万初周期礼老小其排另新";

/// Nouns naming people: a count of persons (名, 人), an age, or a bare 万
/// count ends its object at the first of them (2.91万农村人口饮水… → 农村人口).
#[rustfmt::skip]
pub const PERSON_NOUNS: &[&str] = &[
    "人口", "人员", "人才", "人次", "老年人", "残疾人", "未成年人", "人", "学生", "毕业生", "新生",
    "儿童", "幼儿", "婴儿", "少年", "妇女", "女性", "女生", "老人", "居民", "群众", "农户", "农民",
    "教师", "幼师", "员", "者", "劳动力", "职工", "工人", "干部", "患者", "病人", "孕产妇", "家庭",
    "人群", "医师", "医生", "护士", "执业医师",
];

/// One bit per Basic Multilingual Plane character that OpenCC's character
/// table (as the `fast2s` crate ships it) folds from traditional to
/// simplified, so the common case (nothing to fold) costs one load per
/// character and notices in traditional script (萬平方米, 不少於, 個百分點) are
/// read with the same tables. Built once by folding every BMP character.
static TRADITIONAL_BITS: LazyLock<Vec<u64>> = LazyLock::new(|| {
    // one bit for each of the 65,536 BMP code points
    const BMP_WORDS: usize = 0x1_0000 / 64;
    let mut bits = vec![0u64; BMP_WORDS];
    // fast2s only converts characters of three UTF-8 bytes, and its
    // traditional characters are all Han: the CJK blocks of the BMP (Ext. A,
    // unified, compatibility) are all there is to fold, a third of the plane.
    let all: String = ('\u{3400}'..='\u{9fff}')
        .chain('\u{f900}'..='\u{faff}')
        .collect();
    let folded = fast2s::convert(&all);
    for (t, s) in all.chars().zip(folded.chars()) {
        if t != s {
            let i = t as usize;
            if let Some(w) = bits.get_mut(i / 64) {
                *w |= 1 << (i % 64);
            }
        }
    }
    bits
});

/// True when `c` is a traditional character that folds to another one.
pub fn is_traditional(c: char) -> bool {
    let i = c as usize;
    c >= '\u{800}'
        && TRADITIONAL_BITS
            .get(i / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
}

/// True when `text` holds a traditional character that folds to another one
/// (the table is looked up once for the whole text).
pub fn has_traditional(text: &str) -> bool {
    let bits: &[u64] = &TRADITIONAL_BITS;
    text.chars().any(|c| {
        let i = c as usize;
        c >= '\u{800}' && bits.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    })
}

/// `text` (whose characters are `chars`) with traditional characters folded to
/// simplified, character for character so positions stay valid; None when
/// there is nothing to fold.
pub fn fold_text(text: &str, chars: &[char]) -> Option<Vec<char>> {
    if !chars.iter().any(|&c| is_traditional(c)) {
        return None;
    }
    let folded: Vec<char> = fast2s::convert(text).chars().collect();
    // fast2s maps one character to one; anything else would shift every span
    (folded.len() == chars.len()).then_some(folded)
}

/// A set of words matched by longest prefix or suffix at a position.
pub struct WordSet {
    forward: Trie,
    backward: Trie,
}

impl WordSet {
    pub fn new(words: &[&str]) -> Self {
        let mut forward = Trie::default();
        let mut backward = Trie::default();
        for w in words.iter().filter(|w| !w.is_empty()) {
            forward.insert(w.chars(), 0);
            backward.insert(w.chars().rev(), 0);
        }
        WordSet { forward, backward }
    }

    /// Length of the longest word starting at `i`, 0 if none.
    pub fn longest_at(&self, t: &[char], i: usize) -> usize {
        self.forward.longest_at(t, i).map_or(0, |(n, _)| n)
    }

    /// Length of the longest word ending just before `end`, 0 if none.
    pub fn longest_ending_at(&self, t: &[char], end: usize) -> usize {
        self.backward
            .longest_ending_at(t, end)
            .map_or(0, |(n, _)| n)
    }

    pub fn contains(&self, w: &[char]) -> bool {
        self.forward.get(w).is_some()
    }
}

macro_rules! set {
    ($name:ident, $list:expr) => {
        pub static $name: LazyLock<WordSet> = LazyLock::new(|| WordSet::new($list));
    };
}

set!(VERBS, ACTION_VERBS);
set!(ADVERB_SET, ADVERBS);
set!(LINKING_SET, LINKING);
set!(CHANGE_SET, CHANGE_VERBS);
set!(COMPARISON_SET, COMPARISON);
set!(PREP_SET, PREPOSITIONS);
set!(DISPOSAL_SET, DISPOSAL);
set!(SCOPE_SET, SCOPE_WORDS);
set!(MEASURE_SET, MEASURE_NOUNS);
set!(TRAILING_SET, TRAILING_ACTIVITIES);
set!(AFTER_STOP_SET, AFTER_STOPS);
set!(LOCATIVE_SET, LOCATIVES);
set!(RELATIVE_SET, RELATIVE_VERBS);
set!(PLACE_SET, PLACE_SUFFIXES);
set!(PLACE_CATEGORY_SET, PLACE_CATEGORIES);
set!(LEAD_ONLY_SET, LEAD_ONLY_VERBS);
set!(VERB_NOUN_HEAD_SET, VERB_NOUN_HEADS);
set!(VERB_LIKE_NOUN_SET, VERB_LIKE_NOUNS);
set!(META_NOUN_SET, META_NOUNS);
set!(MONEY_WORD_SET, MONEY_WORDS);
set!(MONEY_NAMING_SET, MONEY_NAMING_VERBS);
set!(TIME_TAKING_SET, TIME_TAKING_VERBS);
set!(COMPOUND_HEAD_SET, COMPOUND_HEADS);
set!(IDIOM_SET, NUMERAL_IDIOMS);
set!(PERSON_SET, PERSON_NOUNS);
set!(WEAK_SET, WEAK_VERBS);
set!(LEADING_LINKING_SET, LEADING_LINKING);
set!(FRAME_SET, FRAME_ENDS);
set!(TRAILING_ACTION_SET, TRAILING_ACTIONS);
set!(UNIT_FOLLOWER_SET, UNIT_FOLLOWERS);
set!(LOCATIVE_WORD_SET, LOCATIVE_WORDS);

fn qualifier_trie(table: &[(&str, Qualifier)], reversed: bool) -> Trie {
    let mut t = Trie::default();
    for (i, (w, _)) in table.iter().enumerate() {
        if reversed {
            t.insert(w.chars().rev(), i as u32);
        } else {
            t.insert(w.chars(), i as u32);
        }
    }
    t
}

static PREFIX_Q: LazyLock<Trie> = LazyLock::new(|| qualifier_trie(PREFIX_QUALIFIERS, true));
static SUFFIX_Q: LazyLock<Trie> = LazyLock::new(|| qualifier_trie(SUFFIX_QUALIFIERS, false));

/// Qualifier word ending right before `end`, as (qualifier, length).
pub fn prefix_qualifier(t: &[char], end: usize) -> Option<(Qualifier, usize)> {
    let (n, idx) = PREFIX_Q.longest_ending_at(t, end)?;
    let (word, q) = PREFIX_QUALIFIERS.get(idx as usize)?;
    if n == 1 {
        let before = end.checked_sub(2).and_then(|j| t.get(j));
        let blocked = PREFIX_QUALIFIER_BLOCKERS
            .iter()
            .any(|(w, chars)| w == word && before.is_some_and(|p| chars.contains(*p)));
        if blocked {
            return None;
        }
    }
    Some((*q, n))
}

/// Qualifier word starting at `i` that bounds a quantity of dimension `dim`
/// only (3个月内), as (qualifier, length).
pub fn dimension_suffix_qualifier(
    t: &[char],
    i: usize,
    dim: Dimension,
) -> Option<(Qualifier, usize)> {
    DIMENSION_SUFFIX_QUALIFIERS.iter().find_map(|(w, q, dims)| {
        let n = w.chars().count();
        let hit = dims.contains(&dim)
            && t.get(i..i + n)
                .is_some_and(|s| s.iter().copied().eq(w.chars()));
        hit.then_some((*q, n))
    })
}

/// Qualifier word starting at `i`, as (qualifier, length).
pub fn suffix_qualifier(t: &[char], i: usize) -> Option<(Qualifier, usize)> {
    let (n, idx) = SUFFIX_Q.longest_at(t, i)?;
    let (word, q) = SUFFIX_QUALIFIERS.get(idx as usize)?;
    if *word == "上下" && t.get(i + 2).is_some_and(|c| SUFFIX_BLOCKERS.contains(*c)) {
        return None;
    }
    Some((*q, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn the_map_folds_nothing_outside_the_han_blocks_the_table_covers() {
        let outside: String = ('\u{800}'..'\u{3400}')
            .chain('\u{a000}'..'\u{f900}')
            .chain('\u{fb00}'..='\u{ffff}')
            .filter(|c| c.len_utf8() == 3)
            .collect();
        assert_eq!(fast2s::convert(&outside), outside);
    }

    #[test]
    fn traditional_characters_fold_one_for_one() {
        for c in [
            '萬', '個', '臺', '畝', '輛', '處', '間', '張', '條', '項', '場', '噸', '裏', '戶',
            '億',
        ] {
            assert!(is_traditional(c), "{c}");
        }
        for c in ['万', '个', '台', 'a', '1', '覆', '里', '余'] {
            assert!(!is_traditional(c), "{c}");
        }
        let text = "新增學位5萬個";
        let chars: Vec<char> = text.chars().collect();
        let folded: Option<String> = fold_text(text, &chars).map(|f| f.into_iter().collect());
        assert_eq!(folded.as_deref(), Some("新增学位5万个"));
        let plain: Vec<char> = "新增学位5万个".chars().collect();
        assert_eq!(fold_text("新增学位5万个", &plain), None);
    }

    #[test]
    fn wordset_longest() {
        let t = chars("新开工改造");
        assert_eq!(VERBS.longest_at(&t, 0), 3);
        assert_eq!(VERBS.longest_ending_at(&t, 5), 2);
        assert_eq!(VERBS.longest_at(&t, 9), 0);
        assert_eq!(VERBS.longest_ending_at(&t, 0), 0);
    }

    #[test]
    fn qualifier_words() {
        let t = chars("节约3万元");
        assert_eq!(prefix_qualifier(&t, 2), None);
        let t = chars("约3万元");
        assert_eq!(prefix_qualifier(&t, 1), Some((Qualifier::Approx, 1)));
        let t = chars("不少于8场次");
        assert_eq!(prefix_qualifier(&t, 3), Some((Qualifier::AtLeast, 3)));
        let t = chars("以上的");
        assert_eq!(suffix_qualifier(&t, 0), Some((Qualifier::AtLeast, 2)));
        let t = chars("上下学");
        assert_eq!(suffix_qualifier(&t, 0), None);
    }
}
