//! THE unit and measure-word table of the quantity extractor, plus the
//! multipliers (万, 亿 …) that may stand between a number and its unit.
//!
//! To support a new unit, add one row to [`UNITS`]; nothing else needs to change.

use super::trie::Trie;
use super::Dimension;
use std::sync::LazyLock;

/// One row of the unit table: 公顷 is a [`Dimension::Area`] of 10 000 `m²`,
/// read after Chinese numerals too ([`CN`]).
#[derive(Debug, Clone, Copy)]
pub struct UnitDef {
    /// The unit exactly as written after the number (without multiplier).
    pub surface: &'static str,
    /// What the unit measures.
    pub dim: Dimension,
    /// Canonical unit of `normalized`; empty means "keep the surface" (count
    /// words such as 个 or 人 cannot be converted into each other).
    pub canonical: &'static str,
    /// Factor from this unit to the canonical unit.
    pub factor: f64,
    /// Characters that, right after the unit, turn it into an ordinary word
    /// (部门, 家庭, 所有, 4S店 …), so the match is rejected.
    pub glue: &'static str,
    /// When the unit counts: [`CN`], [`STANDALONE`], [`AREA_IF_MIANJI`],
    /// [`AFTER_GE`], [`GRADE_IF_CN_BEFORE_WORD`], or'ed together.
    pub flags: u8,
}

/// Accepts Chinese numerals (两座, 三个). Risky one-char words are Arabic-only.
pub const CN: u8 = 1;
/// Must not be followed by a CJK character other than a qualifier (方 in 3方责任
/// is "parties", in 109万方, it is cubic/square metres).
pub const STANDALONE: u8 = 2;
/// 方 means square metres when the clause talks about 面积, else cubic metres.
pub const AREA_IF_MIANJI: u8 = 4;
/// Only a unit after the measure word 个 (两个月, 一个多月): 月 alone is the
/// month of a date (3-5月). The 个 is part of the surface, not of the unit.
pub const AFTER_GE: u8 = 8;
/// With a Chinese numeral the unit names a grade when a word follows
/// (二类以上公厕, 一类水质), and a count only when the phrase ends there
/// (八类11个项目, 十大类).
pub const GRADE_IF_CN_BEFORE_WORD: u8 = 16;

use Dimension::*;

const fn u(
    surface: &'static str,
    dim: Dimension,
    canonical: &'static str,
    factor: f64,
    glue: &'static str,
    flags: u8,
) -> UnitDef {
    UnitDef {
        surface,
        dim,
        canonical,
        factor,
        glue,
        flags,
    }
}

const MU_M2: f64 = 10_000.0 / 15.0;

/// The unit table: surface → dimension, canonical unit, factor.
pub const UNITS: &[UnitDef] = &[
    // count: measure words; normalised unit is the measure word itself
    u("个", Count, "", 1.0, "体性案", CN),
    u("座", Count, "", 1.0, "谈位椅", CN),
    u("所", Count, "", 1.0, "有在属以得需谓", CN),
    u("家", Count, "", 1.0, "庭长乡园属具电政务居用", CN),
    u("条", Count, "", 1.0, "件例款", CN),
    u("项", Count, "", 1.0, "目", CN),
    u("件", Count, "", 1.0, "", CN),
    u("台", Count, "", 1.0, "账风阶湾山河县球词", CN),
    u("套", Count, "", 1.0, "餐", CN),
    u("户", Count, "", 1.0, "籍口外型", CN),
    u("张", Count, "", 1.0, "贴扬", CN),
    u("名", Count, "", 1.0, "单额称录义师牌", CN),
    u("人口", Count, "", 1.0, "", CN),
    u("人", Count, "", 1.0, "员民才群工大士均气", CN),
    u("口", Count, "", 1.0, "岸袋腔罩径号", CN),
    u("盏", Count, "", 1.0, "", CN),
    u("株", Count, "", 1.0, "", CN),
    u("棵", Count, "", 1.0, "", CN),
    u("处", Count, "", 1.0, "理置室长罚分", CN),
    u("场", Count, "", 1.0, "所地馆景镇站合面域长", CN),
    u("期", Count, "", 1.0, "间限末刊待望盼货工项", CN),
    u("批", Count, "", 1.0, "准复示评", CN),
    u("间", Count, "", 1.0, "隔距断", CN),
    u("栋", Count, "", 1.0, "", CN),
    u("幢", Count, "", 1.0, "", CN),
    u("部", Count, "", 1.0, "门分署位长队", CN),
    u("辆", Count, "", 1.0, "", CN),
    u("艘", Count, "", 1.0, "", CN),
    u("架", Count, "", 1.0, "构设", CN),
    u("只", Count, "", 1.0, "要是有能", CN),
    u("头", Count, "", 1.0, "部发等条脑", 0),
    u("匹", Count, "", 1.0, "配", CN),
    u("块", Count, "", 1.0, "状", CN),
    u("根", Count, "", 1.0, "据本治", CN),
    u("支", Count, "", 1.0, "持付部出撑援", CN),
    u("队", Count, "", 1.0, "伍员长", CN),
    u("组", Count, "", 1.0, "织建成长团合", CN),
    u("对", Count, "", 1.0, "接于象比口标照外应话策", CN),
    u("位", Count, "", 1.0, "于置数次居列", CN),
    u("例", Count, "", 1.0, "如外会行", CN),
    u("宗", Count, "", 1.0, "旨教", CN),
    u("份", Count, "", 1.0, "额", CN),
    u("篇", Count, "", 1.0, "章幅", CN),
    u("本", Count, "", 1.0, "地科届着身级市区县", CN),
    u("册", Count, "", 1.0, "", CN),
    u("枚", Count, "", 1.0, "", CN),
    u("把", Count, "", 1.0, "握关手", CN),
    u("眼", Count, "", 1.0, "光界前睛", CN),
    u("孔", Count, "", 1.0, "", CN),
    u("层", Count, "", 1.0, "面级次", 0),
    u("段", Count, "", 1.0, "落时", CN),
    u("片", Count, "", 1.0, "区", CN),
    u("床", Count, "", 1.0, "位单上", CN),
    u("起", Count, "", 1.0, "点步草来到始床飞", 0),
    u("门", Count, "", 1.0, "诊户禁口槛类面店前", 0),
    u("穴", Count, "", 1.0, "位道", CN),
    u(
        "村",
        Count,
        "",
        1.0,
        "民委级庄组部干镇居社落务规容貌道集情史",
        CN,
    ),
    u("大类", Count, "", 1.0, "", CN | GRADE_IF_CN_BEFORE_WORD),
    u(
        "类",
        Count,
        "",
        1.0,
        "型别似比推",
        CN | GRADE_IF_CN_BEFORE_WORD,
    ),
    u("剂次", Count, "", 1.0, "", CN),
    u("剂", Count, "", 1.0, "量型", CN),
    // person-times and occurrences
    u("人次", PersonTimes, "人次", 1.0, "", CN),
    u("场次", Occurrences, "次", 1.0, "", CN),
    u("批次", Occurrences, "次", 1.0, "", CN),
    u("车次", Occurrences, "次", 1.0, "", CN),
    u("班次", Occurrences, "次", 1.0, "", CN),
    u("架次", Occurrences, "次", 1.0, "", CN),
    u("轮次", Occurrences, "次", 1.0, "", CN),
    u("轮", Occurrences, "次", 1.0, "胎流换廓", CN),
    u("次", Occurrences, "次", 1.0, "要日生级性", CN),
    u("遍", Occurrences, "次", 1.0, "布及地", CN),
    // length (canonical km)
    u("公里", Length, "km", 1.0, "", CN),
    u("千米", Length, "km", 1.0, "", CN),
    u("km", Length, "km", 1.0, "", 0),
    u("KM", Length, "km", 1.0, "", 0),
    u("延米", Length, "km", 0.001, "", CN),
    u("厘米", Length, "km", 0.000_01, "", CN),
    u("毫米", Length, "km", 0.000_001, "", CN),
    u("cm", Length, "km", 0.000_01, "", 0),
    u("mm", Length, "km", 0.000_001, "", 0),
    u("米", Length, "km", 0.001, "粮饭面线", CN),
    u("m", Length, "km", 0.001, "", 0),
    // area (canonical m²)
    u("平方公里", Area, "m²", 1_000_000.0, "", CN),
    u("平方千米", Area, "m²", 1_000_000.0, "", CN),
    u("km²", Area, "m²", 1_000_000.0, "", 0),
    u("平方米", Area, "m²", 1.0, "", CN),
    u("平米", Area, "m²", 1.0, "", CN),
    u("㎡", Area, "m²", 1.0, "", 0),
    u("m²", Area, "m²", 1.0, "", 0),
    u("m2", Area, "m²", 1.0, "", 0),
    u("公顷", Area, "m²", 10_000.0, "", CN),
    u("hm²", Area, "m²", 10_000.0, "", 0),
    u("亩", Area, "m²", MU_M2, "", CN),
    // volume (canonical m³)
    u("立方米", Volume, "m³", 1.0, "", CN),
    u("m³", Volume, "m³", 1.0, "", 0),
    u("m3", Volume, "m³", 1.0, "", 0),
    u("立方", Volume, "m³", 1.0, "", CN),
    u("升", Volume, "m³", 0.001, "级学温高降值旗格职至到为", CN),
    u("方", Volume, "m³", 1.0, "", STANDALONE | AREA_IF_MIANJI),
    // mass (canonical t)
    u("吨", Mass, "t", 1.0, "", CN),
    u("千克", Mass, "t", 0.001, "", CN),
    u("公斤", Mass, "t", 0.001, "", CN),
    u("kg", Mass, "t", 0.001, "", 0),
    u("t", Mass, "t", 1.0, "", 0),
    u("克", Mass, "t", 0.000_001, "服难隆制", CN),
    u("毫克", Mass, "t", 1e-9, "", CN),
    u("微克", Mass, "t", 1e-12, "", CN),
    // money (canonical 元)
    u("元", Money, "元", 1.0, "旦素件宵首", CN),
    // percent and percentage points
    u("%", Percent, "%", 1.0, "", 0),
    u("％", Percent, "%", 1.0, "", 0),
    u("‰", Percent, "%", 0.1, "", 0),
    u("个百分点", PercentagePoints, "个百分点", 1.0, "", CN),
    u("百分点", PercentagePoints, "个百分点", 1.0, "", CN),
    // duration (canonical 天)
    u("小时", Duration, "天", 1.0 / 24.0, "", CN),
    u("工作日", Duration, "天", 1.0, "", CN),
    u("月", Duration, "天", 30.0, "", CN | AFTER_GE),
    u("星期", Duration, "天", 7.0, "", CN | AFTER_GE),
    u("分钟", Duration, "天", 1.0 / 1440.0, "", CN),
    u("秒钟", Duration, "天", 1.0 / 86400.0, "", CN),
    u("秒", Duration, "天", 1.0 / 86400.0, "杀", CN),
    u("S", Duration, "天", 1.0 / 86400.0, "店管", 0),
    u("s", Duration, "天", 1.0 / 86400.0, "店管", 0),
    u("天", Duration, "天", 1.0, "然气津下空地堂桥台府", CN),
    u("周", Duration, "天", 7.0, "边年期末围岁转", CN),
    // age
    u("周岁", Age, "岁", 1.0, "", CN),
    u("岁", Age, "岁", 1.0, "月末", CN),
    // ratio (canonical 倍): 1.6倍, and a discount 8折 is 0.8 of the price
    u("倍", Ratio, "倍", 1.0, "增数率", CN),
    u("折", Ratio, "倍", 0.1, "合旧扣算叠线返射腾中痕服页", CN),
];

/// Multipliers allowed between an Arabic number and its unit, as powers of ten.
/// 千/百/十 only count as multipliers when no unit starts there (千米, 百分点).
pub const MULTIPLIERS: &[(&str, u32)] = &[
    ("万亿", 12),
    ("千万", 7),
    ("百万", 6),
    ("十万", 5),
    ("千亿", 11),
    ("百亿", 10),
    ("十亿", 9),
    ("亿", 8),
    ("万", 4),
    ("千", 3),
    ("百", 2),
];

/// Multipliers that make a quantity on their own even without a unit, when a
/// noun follows (提升2.91万农村人口 …).
pub(crate) fn multiplier_is_large(pow: u32) -> bool {
    pow >= 4
}

/// Denominators that may follow "/" in a rate (4批次/千人, 0.3元/平方米/月)
/// besides the units of the table.
pub(crate) const RATE_DENOMINATORS: &[&str] = &[
    "月", "年", "日", "天", "周", "季度", "学年", "学期", "人", "户", "次", "床", "辆", "座", "校",
    "班", "村", "所", "家",
];

/// Characters that join two denominators of one rate (元/人.月, 元/人·月).
pub(crate) const RATE_JOINERS: &[char] = &['.', '．', '·', '•', '・'];

static UNIT_TRIE: LazyLock<Trie> = LazyLock::new(|| {
    let mut t = Trie::default();
    for (idx, def) in UNITS.iter().enumerate() {
        t.insert(def.surface.chars(), idx as u32);
    }
    t
});

/// Surface length in chars of every unit, so callers need not count.
static UNIT_LEN: LazyLock<Vec<usize>> =
    LazyLock::new(|| UNITS.iter().map(|d| d.surface.chars().count()).collect());

pub(crate) fn unit_len(idx: usize) -> usize {
    UNIT_LEN.get(idx).copied().unwrap_or(0)
}

/// All units whose surface starts at `i`, longest first, as (table index, length).
pub(crate) fn units_at(t: &[char], i: usize) -> impl Iterator<Item = (usize, usize)> {
    // no unit is longer than a handful of characters
    let mut found = [(0usize, 0usize); 8];
    let mut n = 0;
    UNIT_TRIE.each_at(t, i, |len, idx| {
        if let Some(slot) = found.get_mut(n) {
            *slot = (idx as usize, len);
            n += 1;
        }
    });
    found.into_iter().take(n).rev()
}

pub(crate) fn unit_def(idx: usize) -> Option<&'static UnitDef> {
    UNITS.get(idx)
}

static MULTIPLIER_TRIE: LazyLock<Trie> = LazyLock::new(|| {
    let mut t = Trie::default();
    for (w, pow) in MULTIPLIERS {
        t.insert(w.chars(), *pow);
    }
    t
});

/// Longest multiplier at `i`, as (power of ten, length).
pub(crate) fn multiplier_at(t: &[char], i: usize) -> Option<(u32, usize)> {
    MULTIPLIER_TRIE.longest_at(t, i).map(|(n, pow)| (pow, n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{HashMap, HashSet};

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn surfaces_are_unique_and_nonempty() {
        let mut seen = HashSet::new();
        for d in UNITS {
            assert!(!d.surface.is_empty());
            assert!(seen.insert(d.surface), "duplicate unit {}", d.surface);
            assert!(d.factor > 0.0);
        }
    }

    #[test]
    fn canonical_unit_is_one_per_dimension() {
        let mut canon: HashMap<Dimension, &str> = HashMap::new();
        for d in UNITS.iter().filter(|d| !d.canonical.is_empty()) {
            let prev = canon.insert(d.dim, d.canonical);
            assert!(
                prev.is_none() || prev == Some(d.canonical),
                "{:?} has two canonical units",
                d.dim
            );
        }
        assert_eq!(canon.get(&Length), Some(&"km"));
        assert_eq!(canon.get(&Area), Some(&"m²"));
        assert_eq!(canon.get(&Money), Some(&"元"));
        assert_eq!(canon.get(&Mass), Some(&"t"));
    }

    #[test]
    fn longest_unit_wins() {
        let t = chars("人次");
        let first = units_at(&t, 0).next().and_then(|(i, _)| unit_def(i));
        assert_eq!(first.map(|d| d.surface), Some("人次"));
        let t = chars("个百分点");
        let first = units_at(&t, 0).next().and_then(|(i, _)| unit_def(i));
        assert_eq!(first.map(|d| d.dim), Some(PercentagePoints));
        let t = chars("平方公里");
        let first = units_at(&t, 0).next().and_then(|(i, _)| unit_def(i));
        assert_eq!(first.map(|d| d.factor), Some(1_000_000.0));
    }

    #[test]
    fn conversions() {
        let f = |s: &str| UNITS.iter().find(|d| d.surface == s).map(|d| d.factor);
        assert_eq!(f("公顷"), Some(10_000.0));
        assert!((f("亩").unwrap_or(0.0) * 15.0 - 10_000.0).abs() < 1e-6);
        assert_eq!(f("米"), Some(0.001));
        assert_eq!(f("千米"), Some(1.0));
    }

    #[test]
    fn multipliers() {
        assert_eq!(multiplier_at(&chars("万平方米"), 0), Some((4, 1)));
        assert_eq!(multiplier_at(&chars("亿元"), 0), Some((8, 1)));
        assert_eq!(multiplier_at(&chars("千万元"), 0), Some((7, 2)));
        assert_eq!(multiplier_at(&chars("元"), 0), None);
        assert!(multiplier_is_large(4));
        assert!(!multiplier_is_large(3));
    }

    #[test]
    fn out_of_range_lookup_is_empty() {
        let t = chars("个");
        assert_eq!(units_at(&t, 5).count(), 0);
        assert!(multiplier_at(&t, 5).is_none());
    }
}
