//! Organisation names: the endings that make a text a unit's name (区教委,
//! 区城管局, 龙山街道), the collective units notices list (`各县区`), and the
//! separators between units in a cell.

/// Endings of organisation names (区教委, 区城管局, 空港新城公司, 龙山街道 …):
/// a cell whose every listed part ends with one of these is a list of units.
pub const ORG_SUFFIXES: &[&str] = &[
    "委",
    "局",
    "办",
    "室",
    "厅",
    "处",
    "科",
    "部",
    "院",
    "所",
    "站",
    "队",
    "会",
    "团",
    "联",
    "社",
    "中心",
    "公司",
    "集团",
    "街道",
    "镇",
    "乡",
    "镇街",
    "街镇",
    "村",
    "社区",
    "政府",
    "办事处",
    "馆",
    "校",
    "台",
    "单位",
    "部门",
    "机构",
    "委员会",
    "支队",
    "大队",
    "分局",
    "银行",
    "医院",
    "学校",
    // The same endings in traditional script, as notices of some mirror
    // sites print them (`慈城鎮`, `區綜合行政執法局` ends as simplified).
    "辦",
    "廳",
    "處",
    "隊",
    "會",
    "團",
    "聯",
    "鎮",
    "鄉",
    "館",
    "單位",
    "部門",
    "機構",
    "集團",
    "銀行",
    "醫院",
    "學校",
];

/// The marks notices print between the units of a list (`区住建委、区城管局`,
/// `区教委/区卫健委`). A space separates units too, or wraps one name.
pub const UNIT_SEPARATORS: &[char] = &['、', '，', ',', '；', ';', '\n', '/', '／'];

/// Splits a list of units on the separators notices use between them, and
/// on spaces.
pub fn split_unit_parts(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| UNIT_SEPARATORS.contains(&c) || c.is_whitespace())
        .map(str::trim)
        .filter(|p| !p.is_empty())
}

/// True when a text names an organisation (ends with a known suffix).
pub fn is_org(s: &str) -> bool {
    let t = s.trim_end_matches(['。', '.', '）', ')']);
    ORG_SUFFIXES.iter().any(|suf| t.ends_with(suf)) || is_each_place(s)
}

/// Characters of the places a collective unit names (`各县区`, `各县（市、区）`).
const EACH_PLACE_CHARS: &str = "县区市乡镇街道村縣區鄉鎮（）()、";

/// `各县区`, `各区县`, `各县（市、区）`, `各乡镇`: the governments of every
/// such place, a unit as notices list them.
pub fn is_each_place(s: &str) -> bool {
    s.trim()
        .strip_prefix('各')
        .is_some_and(|rest| !rest.is_empty() && rest.chars().all(|c| EACH_PLACE_CHARS.contains(c)))
}
