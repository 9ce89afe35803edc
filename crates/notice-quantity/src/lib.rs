//! Quantity extraction: finds the numbers with units in the text fields of a
//! notice (targets, milestones, progress and result texts) and turns each into a
//! structured [`Quantity`] — value with its multiplier applied, unit as written,
//! dimension, a value in one canonical unit per dimension so figures can be summed
//! across notices, a qualifier (约, 以上, 不超过 …), and the object and action the
//! number belongs to.
//!
//! It deliberately does not report numbers that are not quantities: dates and
//! times, plan names (十四五), document numbers, phone numbers, e-mail addresses,
//! ordinals and list markers, identifiers containing digits (5G, H2路, F122-2地块)
//! and names in quotation marks.
//!
//! Traditional characters are folded to simplified ones before matching (see
//! [`fold_text`], OpenCC's character table through `fast2s`); `text`
//! and `unit` keep the input as written (萬元 → unit 元, 個 → unit 個), the
//! canonical unit of `normalized` is simplified (个) so figures sum across
//! scripts, and `object` and `action` come out in simplified form.
//!
//! The knowledge lives in tables: [`units::UNITS`] (unit surface → dimension,
//! canonical unit, factor) and the crate's word lists of qualifiers, verbs and
//! the small closed classes that delimit an object.
//!
//! ```
//! use notice_quantity::{extract, Dimension, Number, Qualifier};
//!
//! let q = extract("改造老旧小区约260万平方米");
//! assert_eq!(q.len(), 1);
//! assert_eq!(q[0].text, "约260万平方米");
//! assert_eq!(q[0].value, Number(2_600_000.0));
//! assert_eq!(q[0].unit, "平方米");
//! assert_eq!(q[0].dimension, Dimension::Area);
//! assert_eq!(q[0].normalized.unit, "m²");
//! assert_eq!(q[0].qualifier, Qualifier::Approx);
//! ```

#![deny(missing_docs)]

mod lexicon;
mod numerals;
mod object;
mod scan;
mod trie;
pub mod units;

pub use lexicon::{fold_text, has_traditional, is_traditional};
/// The Chinese numeral grammar (一百二十, 两万, 十; 十四五 and 二〇二四 are not
/// numerals), shared with notice-extract's list markers and written dates.
pub use numerals::{cn_digit, parse_chinese};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A number that serialises as a JSON integer when it is integral
/// (2600000, not 2600000.0) and as a float otherwise.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Number(pub f64);

impl Number {
    /// The value as an `f64`.
    pub fn get(self) -> f64 {
        self.0
    }
}

impl From<f64> for Number {
    fn from(v: f64) -> Self {
        Number(v)
    }
}

/// Largest magnitude below which every integer is exactly representable in f64.
const MAX_EXACT_INT: f64 = 9_007_199_254_740_992.0;

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v = self.0;
        if v.is_finite() && v.fract() == 0.0 && v.abs() < MAX_EXACT_INT {
            // the bound above makes the cast lossless
            s.serialize_i64(v as i64)
        } else {
            s.serialize_f64(v)
        }
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        f64::deserialize(d).map(Number)
    }
}

/// What a quantity measures, serialised as its snake_case name
/// (`percentage_points`). Each dimension but counts and rates has one
/// canonical unit, the unit of [`Normalized`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Dimension {
    /// Things counted with a measure word (12个, 3座, 500户), or a bare 万/亿
    /// count (2.91万农村人口); normalised to the measure word itself, simplified.
    Count,
    /// 人次, normalised to 人次.
    PersonTimes,
    /// Times something happens (8场次, 3批次, 2轮), normalised to 次.
    Occurrences,
    /// 公里, 米, 延米, km …, normalised to `km`.
    Length,
    /// 平方米, 亩, 公顷, 平方公里 … (方 when the clause speaks of 面积),
    /// normalised to `m²`.
    Area,
    /// 立方米, 升, 方 …, normalised to `m³`.
    Volume,
    /// 吨, 公斤, 克 …, normalised to `t`.
    Mass,
    /// 元 with any multiplier (1200万元), or a bare 亿/万 after 投资 and the
    /// like (总投资5亿), normalised to 元.
    Money,
    /// `%`, `％`, `‰`, normalised to `%`.
    Percent,
    /// A change of a percentage (提高4.8个百分点), normalised to 个百分点.
    PercentagePoints,
    /// 天, 小时, 周, 个月 (as 30 days) …, normalised to 天.
    Duration,
    /// 岁, 周岁, normalised to 岁.
    Age,
    /// An amount per something (300元/人, 4批次/千人); the whole rate is the
    /// unit and the value is not converted.
    Rate,
    /// Multiples and discounts (1.6倍, 8折), normalised to 倍.
    Ratio,
}

/// How the written number bounds the real one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// No qualifier word: the number as written.
    Exact,
    /// About: 约, 近, 左右, 上下, or 余/多 inside the number (620余个, 二十多名).
    Approx,
    /// A lower bound: 以上, 不少于, 不低于, 至少, 超过, 逾 ….
    AtLeast,
    /// An upper bound: 以下, 以内, 不超过, 低于, 不足, 3个月内 ….
    AtMost,
    /// From `value` to `value_max` (5～8个, 3万—5万元).
    Range,
}

/// The value expressed in the canonical unit of its dimension, so that
/// figures sum across notices (260万平方米 → 2600000 `m²`, 120亩 → 80000 `m²`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Normalized {
    /// [`Quantity::value`] converted to `unit`, rounded to six decimals.
    pub value: Number,
    /// [`Quantity::value_max`] converted likewise; absent from the JSON unless
    /// the quantity is a range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_max: Option<Number>,
    /// The canonical unit (`km`, `m²`, `m³`, `t`, 元, 天, 岁, 倍, 次, 人次, `%`,
    /// 个百分点); for a count the measure word (个), for a rate the whole
    /// rate (元/人), empty for a bare 万/亿 count.
    pub unit: String,
}

/// One quantity found in a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// Exact surface including adjacent qualifier words: "约260万平方米", "98%以上".
    pub text: String,
    /// [start, end) in chars (Unicode scalar values) of the input text.
    pub span: [usize; 2],
    /// The record field the text came from (`target`, `milestones[2]`,
    /// `progress`): left None by [`extract`], set by the caller.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The number with its multiplier applied (260万 → 2600000); the lower
    /// bound of a range.
    pub value: Number,
    /// Upper bound of a range (5-8个), else None.
    pub value_max: Option<Number>,
    /// Unit as written, without multiplier (万平方米 → 平方米) and in the script
    /// it was printed in (個); rates keep the whole rate (4批次/千人). Empty for
    /// a bare 万/亿 count (2.91万农村人口). Durations counted with 个 give the
    /// time unit (3个月 → 月).
    pub unit: String,
    /// What the quantity measures.
    pub dimension: Dimension,
    /// The value in the canonical unit of `dimension`.
    pub normalized: Normalized,
    /// How the written number bounds the real one (约 → approx, 以上 → at_least).
    pub qualifier: Qualifier,
    /// Shortest noun phrase naming what is counted or measured (新建500个5G基站 →
    /// `5G基站`), in simplified script; None when the text does not say.
    pub object: Option<String>,
    /// Verb governing the quantity (新建, 完成, 改造 …), in simplified script,
    /// when the text has one.
    pub action: Option<String>,
}

/// Extracts every quantity of `text`, in order of appearance.
pub fn extract(text: &str) -> Vec<Quantity> {
    let original: Vec<char> = text.chars().collect();
    // one char for one char, so spans of the folded text are spans of the input
    let folded = lexicon::fold_text(text, &original);
    let t = folded.as_deref().unwrap_or(&original);
    let raws = scan::scan(t);
    if raws.is_empty() {
        return Vec::new();
    }
    object::annotate(t, &original, raws)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_serialises_integral_values_as_integers() {
        assert_eq!(
            serde_json::to_string(&Number(2_600_000.0)).ok(),
            Some("2600000".into())
        );
        assert_eq!(serde_json::to_string(&Number(3.7)).ok(), Some("3.7".into()));
        assert_eq!(serde_json::to_string(&Number(-2.0)).ok(), Some("-2".into()));
        assert_eq!(
            serde_json::to_string(&Number(1e300)).ok(),
            Some("1e+300".into())
        );
        let back: Option<Number> = serde_json::from_str("22700").ok();
        assert_eq!(back, Some(Number(22700.0)));
    }

    #[test]
    fn enums_are_snake_case() {
        assert_eq!(
            serde_json::to_string(&Dimension::PercentagePoints).ok(),
            Some("\"percentage_points\"".into())
        );
        assert_eq!(
            serde_json::to_string(&Qualifier::AtLeast).ok(),
            Some("\"at_least\"".into())
        );
    }

    #[test]
    fn headline_example() {
        let q = extract("新建500个5G基站,约260万平方米");
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].value, Number(500.0));
        assert_eq!(q[0].object.as_deref(), Some("5G基站"));
        assert_eq!(q[1].text, "约260万平方米");
        assert_eq!(q[1].span, [11, 19]);
        assert_eq!(q[1].value, Number(2_600_000.0));
        assert_eq!(q[1].qualifier, Qualifier::Approx);
    }

    fn one(text: &str) -> Quantity {
        let mut q = extract(text);
        assert_eq!(q.len(), 1, "{text}: {q:?}");
        q.remove(0)
    }

    #[test]
    fn chinese_numerals_need_a_measure_word() {
        let q = one("建成十余个社区食堂");
        assert_eq!((q.value, q.qualifier), (Number(10.0), Qualifier::Approx));
        assert_eq!(q.text, "十余个");
        let q = one("新建两座公厕");
        assert_eq!((q.value.get(), q.unit.as_str()), (2.0, "座"));
        let q = one("招聘二十多名教师");
        assert_eq!((q.value, q.qualifier), (Number(20.0), Qualifier::Approx));
        let q = one("服务百余人");
        assert_eq!((q.value, q.qualifier), (Number(100.0), Qualifier::Approx));
        for none in [
            "一是完成改造",
            "十四五期间",
            "千家万户",
            "第四届大赛",
            "一户一档",
            "四个一批",
        ] {
            assert!(extract(none).is_empty(), "{none}");
        }
    }

    #[test]
    fn qualifier_words() {
        let cases = [
            ("超过1000人", Qualifier::AtLeast, "超过1000人"),
            ("逾万人参加", Qualifier::AtLeast, "逾万人"),
            ("不超过5%", Qualifier::AtMost, "不超过5%"),
            ("低于3%", Qualifier::AtMost, "低于3%"),
            ("控制在4.5%以内", Qualifier::AtMost, "4.5%以内"),
            ("50人上下", Qualifier::Approx, "50人上下"),
            ("近500户", Qualifier::Approx, "近500户"),
            ("达到60%以上", Qualifier::AtLeast, "60%以上"),
            ("节约3万元", Qualifier::Exact, "3万元"),
            ("附近3个站点", Qualifier::Exact, "3个"),
        ];
        for (text, qual, surface) in cases {
            let q = one(text);
            assert_eq!(q.qualifier, qual, "{text}");
            assert_eq!(q.text, surface, "{text}");
        }
    }

    #[test]
    fn bare_multipliers_need_people_or_money_around_them() {
        let q = one("提升2.91万农村人口饮水保障质量");
        assert_eq!((q.value.get(), q.unit.as_str()), (29_100.0, ""));
        assert_eq!(q.object.as_deref(), Some("农村人口"));
        let q = one("城镇新增就业1.2万");
        assert_eq!((q.value.get(), q.dimension), (12_000.0, Dimension::Count));
        let q = one("总投资5亿");
        assert_eq!(
            (q.value.get(), q.dimension),
            (500_000_000.0, Dimension::Money)
        );
        assert_eq!(q.normalized.unit, "元");
        assert!(extract("约260万。").is_empty());
        assert!(extract("编号260万号").is_empty());
    }

    #[test]
    fn ranges_and_rates() {
        let q = one("选择5～8个示范点");
        assert_eq!(
            (q.value.get(), q.value_max.map(Number::get)),
            (5.0, Some(8.0))
        );
        let q = one("补助3万—5万元");
        assert_eq!(
            (q.value.get(), q.value_max.map(Number::get)),
            (30_000.0, Some(50_000.0))
        );
        assert_eq!(q.unit, "元");
        let q = one("补助1-2万元");
        assert_eq!(
            (q.value.get(), q.value_max.map(Number::get)),
            (10_000.0, Some(20_000.0))
        );
        let q = one("按每人每月300元/人标准");
        assert_eq!((q.unit.as_str(), q.dimension), ("元/人", Dimension::Rate));
        assert!(extract("2023—2025年").is_empty());
        assert!(extract("3-5月").is_empty());
        assert!(extract("Z6-1道路").is_empty());
    }

    #[test]
    fn traditional_script_uses_the_same_tables() {
        let q = extract("較去年同期提高4.8個百分點,新增學位5萬個,不少於8場次");
        assert_eq!(q.len(), 3);
        assert_eq!(q[0].text, "4.8個百分點");
        // the unit as printed, the canonical unit in simplified script
        assert_eq!(q[0].unit, "個百分點");
        assert_eq!(q[0].normalized.unit, "个百分点");
        assert_eq!(q[0].dimension, Dimension::PercentagePoints);
        assert_eq!(q[1].value, Number(50_000.0));
        assert_eq!(q[1].object.as_deref(), Some("学位"));
        assert_eq!(q[2].qualifier, Qualifier::AtLeast);
        assert_eq!(q[2].text, "不少於8場次");
        assert_eq!(
            (q[2].unit.as_str(), q[2].normalized.unit.as_str()),
            ("場次", "次")
        );
    }

    #[test]
    fn units_in_either_script_sum_to_the_same_canonical_unit() {
        // (traditional, simplified, unit as printed): same value, same
        // canonical unit, the unit kept in the script it was printed in
        let cases = [
            ("新增學位5萬個", "新增学位5万个", "個"),
            ("購置設備3臺", "购置设备3台", "臺"),
            ("流轉土地120畝", "流转土地120亩", "畝"),
            ("購置校車5輛", "购置校车5辆", "輛"),
            ("新建停車場8處", "新建停车场8处", "處"),
            ("改造教室20間", "改造教室20间", "間"),
            ("新增床位100張", "新增床位100张", "張"),
            ("硬化道路3條", "硬化道路3条", "條"),
            ("實施5項工程", "实施5项工程", "項"),
            ("舉辦活動6場", "举办活动6场", "場"),
            ("清運垃圾200噸", "清运垃圾200吨", "噸"),
            ("新建道路10公裏", "新建道路10公里", "公裏"),
            ("新建道路10公里", "新建道路10公里", "公里"),
            ("改造面積3000平方米", "改造面积3000平方米", "平方米"),
            ("惠及500戶", "惠及500户", "戶"),
            ("服務2萬人次", "服务2万人次", "人次"),
            ("投資3億元", "投资3亿元", "元"),
            ("補助1200萬元", "补助1200万元", "元"),
            ("3個月內完成", "3个月内完成", "月"),
        ];
        for (trad, simp, unit) in cases {
            let a = one(trad);
            let b = one(simp);
            assert_eq!(a.unit, unit, "{trad}");
            assert_eq!(a.value, b.value, "{trad}");
            assert_eq!(a.normalized, b.normalized, "{trad}");
            assert_eq!(a.dimension, b.dimension, "{trad}");
            assert_eq!(a.qualifier, b.qualifier, "{trad}");
            assert_eq!(a.span, b.span, "{trad}");
        }
    }

    #[test]
    fn never_panics_on_generated_input() {
        // a deterministic generator over the characters the extractor reacts to
        let alphabet: Vec<char> = "0123456789０５.,．-—~至到万亿千百十一二两三五个人次%％/余多约近以上下内左右不少于、，。；:∶（）()“”\"《》第每宽米公里平方亩元岁年月日号GgHS+@×的等和及新建完成改造项目工程小区街道镇村 😀倍折类剂穴·萬個臺處內\u{a0}　"
            .chars()
            .collect();
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            (state >> 33) as usize % n
        };
        for _ in 0..3000 {
            let len = next(48);
            let s: String = (0..len).map(|_| alphabet[next(alphabet.len())]).collect();
            let chars: Vec<char> = s.chars().collect();
            let mut last_end = 0;
            for q in extract(&s) {
                let [a, b] = q.span;
                assert!(a >= last_end, "overlapping or unordered spans in {s:?}");
                last_end = b;
                assert!(a < b && b <= chars.len(), "{s:?} {q:?}");
                let surface: String = chars[a..b].iter().collect();
                assert_eq!(surface, q.text, "{s:?}");
                assert!(q.value.get().is_finite());
                assert_eq!(
                    q.value_max.is_some(),
                    q.qualifier == Qualifier::Range,
                    "{s:?} {q:?}"
                );
            }
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        let inputs = [
            "",
            "万",
            "约",
            "1",
            "１",
            "5-",
            "5—",
            "3万—",
            "0.3元/",
            "（",
            ")5个(",
            "“5个",
            "第",
            "一",
            "十余",
            "99999999999999999999999999个",
            "1,",
            "1,2",
            "1.",
            "。、，",
            "😀5个😀",
            "\u{0}\u{10ffff}3个",
        ];
        for s in inputs {
            let _ = extract(s);
        }
        let long_numeral = "亿".repeat(100_000) + "个";
        assert!(extract(&long_numeral).is_empty());
        let long_number = "9".repeat(100_000) + "个";
        assert!(extract(&long_number).is_empty());
        let many = "1个、".repeat(20_000);
        assert_eq!(extract(&many).len(), 20_000);
        // a long breakdown by place on one line stays linear
        let places = format!("建成10个站点({})", "统景镇1个,".repeat(20_000));
        let q = extract(&places);
        assert_eq!(q.len(), 20_001);
        assert_eq!(q.last().and_then(|q| q.object.as_deref()), Some("站点"));
    }
}
