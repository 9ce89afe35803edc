//! Table-driven test of the quantity extractor against cases read by hand from
//! the five seed notices (tests/data/quantity_cases.txt, format described there).
//! Every case lists every expected quantity: an extra or a missing one fails.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a failure stops loudly

use notice_extract::quantity::{extract, Dimension, Qualifier, Quantity};

const CASES: &str = include_str!("data/quantity_cases.txt");

#[derive(Debug, Clone, PartialEq)]
struct Exp {
    text: String,
    value: f64,
    value_max: Option<f64>,
    unit: String,
    dimension: Dimension,
    qualifier: Qualifier,
    object: Option<String>,
    action: Option<String>,
}

struct Case {
    line: usize,
    input: String,
    expected: Vec<Exp>,
}

fn dimension(s: &str) -> Dimension {
    serde_json::from_value(serde_json::Value::String(s.to_string()))
        .unwrap_or_else(|_| panic!("unknown dimension {s}"))
}

fn qualifier(s: &str) -> Qualifier {
    serde_json::from_value(serde_json::Value::String(s.to_string()))
        .unwrap_or_else(|_| panic!("unknown qualifier {s}"))
}

fn opt(s: &str) -> Option<String> {
    let s = s.trim();
    (s != "-").then(|| s.to_string())
}

fn parse_expectation(line: &str, lineno: usize) -> Exp {
    let parts: Vec<&str> = line.split(" | ").collect();
    assert_eq!(
        parts.len(),
        3,
        "line {lineno}: expected `q | object | action`"
    );
    let (surface, rest) = parts[0]
        .split_once(" = ")
        .unwrap_or_else(|| panic!("line {lineno}: missing ` = `"));
    let fields: Vec<&str> = rest.split_whitespace().collect();
    assert_eq!(
        fields.len(),
        4,
        "line {lineno}: expected `value unit dimension qualifier`"
    );
    let (value, value_max) = match fields[0].split_once("..") {
        Some((a, b)) => (a, Some(b)),
        None => (fields[0], None),
    };
    let num = |s: &str| -> f64 {
        s.parse()
            .unwrap_or_else(|_| panic!("line {lineno}: bad number {s}"))
    };
    Exp {
        text: surface.trim().to_string(),
        value: num(value),
        value_max: value_max.map(num),
        unit: if fields[1] == "\"\"" {
            String::new()
        } else {
            fields[1].to_string()
        },
        dimension: dimension(fields[2]),
        qualifier: qualifier(fields[3]),
        object: opt(parts[1]),
        action: opt(parts[2]),
    }
}

fn parse_cases() -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    for (i, raw) in CASES.lines().enumerate() {
        let lineno = i + 1;
        if let Some(input) = raw.strip_prefix("> ") {
            cases.push(Case {
                line: lineno,
                input: input.to_string(),
                expected: Vec::new(),
            });
        } else if raw.trim() == "(none)" {
            let case = cases.last().expect("(none) before any case");
            assert!(
                case.expected.is_empty(),
                "line {lineno}: (none) after quantities"
            );
        } else if raw.starts_with("  ") {
            let case = cases.last_mut().expect("expectation before any case");
            case.expected.push(parse_expectation(raw.trim(), lineno));
        } else {
            assert!(
                raw.trim().is_empty() || raw.starts_with('#'),
                "line {lineno}: unrecognised line {raw:?}"
            );
        }
    }
    cases
}

fn actual(q: &Quantity) -> Exp {
    Exp {
        text: q.text.clone(),
        value: q.value.get(),
        value_max: q.value_max.map(|v| v.get()),
        unit: q.unit.clone(),
        dimension: q.dimension,
        qualifier: q.qualifier,
        object: q.object.clone(),
        action: q.action.clone(),
    }
}

fn show(e: &Exp) -> String {
    let v = match e.value_max {
        Some(m) => format!("{}..{}", e.value, m),
        None => e.value.to_string(),
    };
    format!(
        "{} = {} {:?} {:?} {:?} | {} | {}",
        e.text,
        v,
        e.unit,
        e.dimension,
        e.qualifier,
        e.object.as_deref().unwrap_or("-"),
        e.action.as_deref().unwrap_or("-")
    )
}

#[test]
fn case_table_is_large_enough() {
    let cases = parse_cases();
    assert!(cases.len() >= 200, "only {} cases", cases.len());
    let quantities: usize = cases.iter().map(|c| c.expected.len()).sum();
    assert!(quantities >= 400, "only {quantities} expected quantities");
    assert!(
        cases.iter().filter(|c| c.expected.is_empty()).count() >= 20,
        "too few distractor-only cases"
    );
}

#[test]
fn every_case_yields_exactly_the_expected_quantities() {
    let mut failures = Vec::new();
    for case in parse_cases() {
        let got: Vec<Exp> = extract(&case.input).iter().map(actual).collect();
        if got != case.expected {
            let mut msg = format!("line {}: {}\n", case.line, case.input);
            let n = got.len().max(case.expected.len());
            for i in 0..n {
                let e = case.expected.get(i);
                let g = got.get(i);
                if e != g {
                    msg.push_str(&format!(
                        "  #{i}\n    expected {}\n    got      {}\n",
                        e.map_or("(nothing)".into(), show),
                        g.map_or("(nothing)".into(), show)
                    ));
                }
            }
            failures.push(msg);
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn spans_are_char_offsets_of_the_surface() {
    for case in parse_cases() {
        let chars: Vec<char> = case.input.chars().collect();
        for q in extract(&case.input) {
            let [s, e] = q.span;
            assert!(
                s < e && e <= chars.len(),
                "line {}: bad span {:?}",
                case.line,
                q.span
            );
            let surface: String = chars[s..e].iter().collect();
            assert_eq!(surface, q.text, "line {}", case.line);
            assert!(q.field.is_none());
        }
    }
}

fn first(text: &str) -> Quantity {
    extract(text)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no quantity in {text}"))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * b.abs().max(1.0)
}

#[test]
fn normalised_values_use_one_unit_per_dimension() {
    // (text from the seeds, canonical value, canonical unit)
    let table: &[(&str, f64, &str)] = &[
        (
            "完成“两岸青山·千里林带”项目建设任务5000亩",
            5000.0 * 10000.0 / 15.0,
            "m²",
        ),
        ("总面积约10公顷", 100_000.0, "m²"),
        ("共计改造建筑面积约260万平方米", 2_600_000.0, "m²"),
        ("涉及单体楼303栋、面积109万方", 303.0, "栋"),
        ("沿线约900米", 0.9, "km"),
        ("其中3.5米宽入户路80公里", 0.0035, "km"),
        ("空港新城段景观工程等2个山城绿道项目,共5.6千米", 2.0, "个"),
        ("共5.6千米", 5.6, "km"),
        ("发放创业担保贷款1200万元", 12_000_000.0, "元"),
        ("投入1.15亿元建成", 115_000_000.0, "元"),
        ("推进200吨以下小型供水工程改造", 200.0, "t"),
        ("开展职业技能培训7000人次", 7000.0, "人次"),
        ("至少开展1次心理健康测评", 1.0, "次"),
        ("开展交友活动30场次", 30.0, "次"),
        ("高于全市平均水平0.3个百分点", 0.3, "个百分点"),
        ("72小时关爱预警", 3.0, "天"),
        ("对我区35-64岁妇女进行两癌筛查", 35.0, "岁"),
        ("学生参与率98%以上", 98.0, "%"),
    ];
    for (text, value, unit) in table {
        let q = first(text);
        assert!(
            close(q.normalized.value.get(), *value),
            "{text}: normalised {} ≠ {value}",
            q.normalized.value.get()
        );
        assert_eq!(&q.normalized.unit, unit, "{text}");
    }
    let qs = extract("涉及单体楼303栋、面积109万方");
    assert_eq!(qs[1].dimension, Dimension::Area);
    assert_eq!(qs[1].normalized.unit, "m²");
    assert_eq!(qs[1].normalized.value.get(), 1_090_000.0);
    let qs = extract("其中3.5米宽入户路80公里");
    assert_eq!(qs[1].normalized.value.get(), 80.0);
    let q = first("对我区35-64岁妇女进行两癌筛查");
    assert_eq!(q.normalized.value_max.map(|v| v.get()), Some(64.0));
    let q = first("区财政按照0.3元/平方米/月标准予以补贴");
    assert_eq!(q.normalized.unit, "元/平方米/月");
}

#[test]
fn multiplier_arithmetic_is_exact_in_json() {
    let q = first("新开工改造城镇老旧小区1个、2.27万平方米");
    assert_eq!(q.value.get(), 1.0);
    let q = &extract("新开工改造城镇老旧小区1个、2.27万平方米")[1];
    let json = serde_json::to_value(q).expect("serialises");
    assert_eq!(json["value"], serde_json::json!(22700));
    assert!(json["value"].is_u64() || json["value"].is_i64());
    assert_eq!(json["value_max"], serde_json::Value::Null);
    assert!(json.get("field").is_none());
    let q = first("每千人托位数达到3.7个");
    let json = serde_json::to_value(&q).expect("serialises");
    assert!(json["value"].is_f64());
    assert_eq!(json["value"], serde_json::json!(3.7));
    let back: Quantity = serde_json::from_value(json).expect("deserialises");
    assert_eq!(back, q);
}

#[test]
fn extraction_is_independent_of_surrounding_fields() {
    // the same target read on its own or inside a longer field gives the same quantity
    let alone = extract("新建500个5G基站");
    let inside = extract("二是对已建成的基站进行网络优化。新建500个5G基站");
    assert_eq!(alone.len(), 1);
    assert_eq!(inside.len(), 1);
    assert_eq!(alone[0].value, inside[0].value);
    assert_eq!(alone[0].object, inside[0].object);
    assert_eq!(
        inside[0].span[1] - inside[0].span[0],
        alone[0].span[1] - alone[0].span[0]
    );
}
