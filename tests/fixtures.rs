//! The saved seed notices are the specification by example: each converts to
//! its reviewed expected output, every output fits the schemas, and the
//! counts the issue states hold.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a failure stops loudly

mod common;
use common::*;
use notice_extract::regress;
use serde_json::Value;
use std::path::Path;

/// A notice saved in `fixtures/` without its reviewed output would be tested
/// by nothing; a real page in `fixtures/real/` needs at least its hand labels
/// (`NAME.labels.json`, scored by `scripts/score-real.py` and, for pages
/// without projects, by `real_pages_without_projects_give_none`).
#[test]
fn every_saved_notice_has_its_reviewed_truth() {
    let mut missing = Vec::new();
    for (dir, truth) in [("fixtures", "expected"), ("fixtures/real", "labels")] {
        let dir = root().join(dir);
        for entry in std::fs::read_dir(&dir).expect("readable") {
            let path = entry.expect("entry").path();
            let name = file_name(&path);
            if !path.is_file() || name.ends_with(".json") || name == "SOURCES.tsv" {
                continue;
            }
            // Expected output is found as `regress` finds it; hand labels by stem.
            let want = if truth == "expected" {
                regress::expected_file(&path, Path::is_file)
            } else {
                let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
                dir.join(format!("{stem}.{truth}.json"))
            };
            if !want.is_file() {
                missing.push(format!("{name}: no {}", file_name(&want)));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn every_fixture_matches_its_reviewed_expected_output() {
    let all = all_fixtures();
    assert!(
        all.len() >= 5,
        "expected the five seed fixtures, found {}",
        all.len()
    );
    let mut report = String::new();
    for (input, expected) in &all {
        let name = file_name(input);
        let actual = serde_json::to_value(extract_path(input)).expect("serialisable");
        let want: Value =
            serde_json::from_slice(&std::fs::read(expected).expect("readable")).expect("JSON");
        let diffs = regress::Report::new(&want, &actual);
        if !diffs.is_empty() {
            report.push_str(&format!("\n{name}: {}\n", diffs.summary()));
            for line in diffs.lines(20).into_iter().chain(diffs.provenance_line()) {
                report.push_str(&format!("{line}\n"));
            }
        }
    }
    assert!(report.is_empty(), "{report}");
}

#[test]
fn every_output_validates_against_the_schemas() {
    let registry = jsonschema::Registry::new()
        .add("urn:notice-extract:record", schema("record.schema.json"))
        .and_then(|r| {
            r.add(
                "urn:notice-extract:quantity",
                schema("quantity.schema.json"),
            )
        })
        .and_then(|r| r.prepare())
        .expect("record and quantity schemas register");
    let doc_validator = jsonschema::options()
        .with_registry(&registry)
        .build(&schema("document.schema.json"))
        .expect("document schema compiles");
    let record_validator = jsonschema::options()
        .with_registry(&registry)
        .build(&schema("record.schema.json"))
        .expect("record schema compiles");
    for (input, _) in all_fixtures() {
        let name = file_name(&input);
        let doc = serde_json::to_value(extract_path(&input)).expect("serialisable");
        let errors: Vec<String> = doc_validator
            .iter_errors(&doc)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
        for r in doc["records"].as_array().expect("records array") {
            assert!(
                record_validator.is_valid(r),
                "{name}: record does not fit the schema: {r}"
            );
        }
    }
    // The schema is not vacuous: a record missing a field or with a wrong type fails.
    let mut bad = serde_json::to_value(&extract_fixture("yubei-2024-minsheng.txt").records[0])
        .expect("value");
    bad["part"] = Value::from(0);
    assert!(!record_validator.is_valid(&bad));
    bad.as_object_mut().expect("object").remove("part");
    assert!(!record_validator.is_valid(&bad));
}

/// The values of a contract enum as the schema lists them at `pointer`.
fn schema_enum(schema: &Value, pointer: &str) -> Vec<String> {
    schema
        .pointer(pointer)
        .and_then(Value::as_array)
        .unwrap_or_else(|| panic!("no enum at {pointer}"))
        .iter()
        .map(|v| v.as_str().expect("a name").to_string())
        .collect()
}

/// The input formats, table kinds and record fields the library emits are
/// those the schemas list, in order.
#[test]
fn the_schemas_list_every_format_kind_and_field() {
    use notice_extract::{InputFormat, RecordField, TableKind};
    let doc = schema("document.schema.json");
    let rec = schema("record.schema.json");
    assert_eq!(
        schema_enum(&doc, "/properties/source/properties/format/enum"),
        InputFormat::ALL
            .iter()
            .map(|f| f.to_string())
            .collect::<Vec<_>>()
    );
    assert_eq!(
        schema_enum(&doc, "/properties/tables/items/properties/kind/enum"),
        TableKind::ALL
            .iter()
            .map(|k| k.to_string())
            .collect::<Vec<_>>()
    );
    let fields: Vec<String> = RecordField::ALL.iter().map(|f| f.to_string()).collect();
    assert_eq!(
        schema_enum(
            &doc,
            "/properties/tables/items/properties/fields/items/enum"
        ),
        fields
    );
    assert_eq!(
        schema_enum(
            &rec,
            "/properties/source/properties/inherited/items/anyOf/0/enum"
        ),
        fields
    );
    for f in RecordField::ALL {
        let v = serde_json::to_value(f).expect("serialises");
        assert_eq!(v.as_str(), Some(f.as_str()));
    }
}

/// The schema lists every warning code the library can emit, and no other:
/// the contract and the enum agree.
#[test]
fn the_schema_lists_every_warning_code() {
    let doc = schema("document.schema.json");
    let listed: Vec<String> = doc["properties"]["warnings"]["items"]["properties"]["code"]["enum"]
        .as_array()
        .expect("warning codes are an enum in the schema")
        .iter()
        .map(|v| v.as_str().expect("code string").to_string())
        .collect();
    let codes: Vec<String> = notice_extract::model::WarningCode::ALL
        .iter()
        .map(|c| {
            let v = serde_json::to_value(c).expect("code serialises");
            assert_eq!(v.as_str(), Some(c.as_str()), "{c:?} serialises as its name");
            c.to_string()
        })
        .collect();
    assert_eq!(listed, codes);
}

/// The schemas list every layout, and no other, wherever a layout is printed.
#[test]
fn the_schemas_list_every_layout() {
    use notice_extract::model::Layout;
    let names: Vec<String> = Layout::ALL
        .iter()
        .map(|l| {
            let v = serde_json::to_value(l).expect("layout serialises");
            assert_eq!(v.as_str(), Some(l.as_str()), "{l:?} serialises as its name");
            l.to_string()
        })
        .collect();
    let listed = |v: &Value| -> Vec<String> {
        v["enum"]
            .as_array()
            .expect("layouts are an enum in the schema")
            .iter()
            .map(|n| n.as_str().expect("name").to_string())
            .collect()
    };
    let doc = schema("document.schema.json");
    assert_eq!(
        listed(&doc["properties"]["source"]["properties"]["layout"]),
        names
    );
    assert_eq!(
        listed(&doc["properties"]["tables"]["items"]["properties"]["layout"]),
        names
    );
    let rec = schema("record.schema.json");
    assert_eq!(
        listed(&rec["properties"]["source"]["properties"]["layout"]),
        names
    );
}

/// (fixture, table index, projects, records, milestones per record) as the issue states them.
const COUNTS: &[(&str, usize, usize, usize, Option<usize>)] = &[
    ("yubei-2024-minsheng.txt", 0, 33, 41, None),
    ("yubei-2024-minsheng.txt", 1, 0, 0, None),
    ("wulong-2023-minsheng.txt", 0, 24, 26, None),
    ("gaoxin-2024-minsheng-jiedu.txt", 0, 20, 20, None),
    ("yubei-2021-minsheng-report.txt", 0, 10, 13, None),
    ("qianjiang-2025-minsheng.txt", 0, 20, 22, None),
    ("qianjiang-2025-minsheng.txt", 1, 20, 22, Some(3)),
];

#[test]
fn every_project_row_exactly_once() {
    for (name, table, projects, records, milestones) in COUNTS {
        let doc = extract_fixture(name);
        let recs: Vec<_> = doc
            .records
            .iter()
            .filter(|r| r.source.table == *table)
            .collect();
        assert_eq!(recs.len(), *records, "{name} table {table}: records");
        assert_eq!(
            recs.iter().filter(|r| r.part == 1).count(),
            *projects,
            "{name} table {table}: projects"
        );
        let info = &doc.tables[*table];
        assert_eq!(
            (info.projects, info.records),
            (*projects, *records),
            "{name} table {table}: table info"
        );
        if let Some(m) = milestones {
            for r in &recs {
                assert_eq!(
                    r.milestones.len(),
                    *m,
                    "{name} row {}: milestones",
                    r.source.row
                );
            }
        }
        // Rows are never emitted twice.
        let mut rows: Vec<usize> = recs.iter().map(|r| r.source.row).collect();
        rows.dedup();
        assert_eq!(
            rows.len(),
            recs.len(),
            "{name} table {table}: a row emitted twice"
        );
    }
}

struct Spot {
    fixture: &'static str,
    table: usize,
    seq: &'static str,
    part: u32,
    name: &'static str,
    lead: &'static [&'static str],
    category: Option<&'static str>,
    deadline: Option<&'static str>,
    target_start: &'static str,
}

/// Rows read by eye from the seed notices, one or more per layout feature.
const SPOTS: &[Spot] = &[
    // Pipe table: continuation row of project 16 (责任单位 "—" printed, 类型 merged).
    Spot {
        fixture: "yubei-2024-minsheng.txt",
        table: 0,
        seq: "16",
        part: 2,
        name: "老年人照顾服务行动",
        lead: &["区民政局"],
        category: Some("人大票决"),
        deadline: Some("2024-12"),
        target_start: "完成渝北区第二社会福利中心",
    },
    // Pipe table: 2024.6 → 2024-06.
    Spot {
        fixture: "yubei-2024-minsheng.txt",
        table: 0,
        seq: "14",
        part: 1,
        name: "开展妇女儿童综合服务体建设试点",
        lead: &["区妇联"],
        category: Some("市级"),
        deadline: Some("2024-06"),
        target_start: "在两路街道双北街社区建成",
    },
    // Pipe table: a dash deadline is no deadline.
    Spot {
        fixture: "yubei-2024-minsheng.txt",
        table: 0,
        seq: "9",
        part: 1,
        name: "实施农业社会化服务惠农工程",
        lead: &["区农业农村委"],
        category: Some("市级"),
        deadline: None,
        target_start: "开展农业社会化服务",
    },
    // Third row of a three-row project.
    Spot {
        fixture: "yubei-2024-minsheng.txt",
        table: 0,
        seq: "20",
        part: 3,
        name: "重点人群健康关爱行动",
        lead: &["区卫生健康委"],
        category: Some("人大票决"),
        deadline: Some("2024-12"),
        target_start: "对我区35-64岁妇女进行两癌筛查",
    },
    // Cell-per-line: sub-project row with its own lead unit.
    Spot {
        fixture: "wulong-2023-minsheng.txt",
        table: 0,
        seq: "4",
        part: 2,
        name: "小区燃气配套基础设施建设",
        lead: &["区工业发展(集团)公司"],
        category: Some("区级"),
        deadline: None,
        target_start: "完成白马、长坝、平桥、鸭江4个乡镇",
    },
    Spot {
        fixture: "wulong-2023-minsheng.txt",
        table: 0,
        seq: "14",
        part: 1,
        name: "地下有限空间安全监测整治",
        lead: &["区城市管理局"],
        category: Some("市级"),
        deadline: None,
        target_start: "完成100个窨井盖专项整治",
    },
    // The last row, whose empty 备注 left no blank line at the end of the page.
    Spot {
        fixture: "wulong-2023-minsheng.txt",
        table: 0,
        seq: "10",
        part: 1,
        name: "新冠感染定点和亚定点救治医院改建",
        lead: &["区卫生健康委"],
        category: Some("区级"),
        deadline: None,
        target_start: "区人民医院改造为新冠感染定点救治医院",
    },
    // Numbered prose list.
    Spot {
        fixture: "gaoxin-2024-minsheng-jiedu.txt",
        table: 0,
        seq: "19",
        part: 1,
        name: "虎溪河生态修复",
        lead: &[],
        category: None,
        deadline: None,
        target_start: "完成虎溪河生态修复",
    },
    // Tab table: a row with empty leading cells continues the project above.
    Spot {
        fixture: "yubei-2021-minsheng-report.txt",
        table: 0,
        seq: "9",
        part: 2,
        name: "老旧小区改造",
        lead: &["区委政法委"],
        category: Some("人大票决"),
        deadline: None,
        target_start: "完成旺瑞小区、金紫山一期",
    },
    // Tab table: a lead-unit cell spread over blank-separated lines.
    Spot {
        fixture: "yubei-2021-minsheng-report.txt",
        table: 0,
        seq: "4",
        part: 1,
        name: "城区交通秩序优化",
        lead: &["区公安分局", "区城管局", "区交通局"],
        category: Some("人大票决"),
        deadline: None,
        target_start: "完成10个区域交通组织优化工作",
    },
    // Pipe table without a 牵头 column: 责任单位 are the lead units; two units in one cell.
    Spot {
        fixture: "qianjiang-2025-minsheng.txt",
        table: 0,
        seq: "1",
        part: 1,
        name: "农村公路提升行动",
        lead: &["区交通运输委", "区农业农村委"],
        category: Some("区级"),
        deadline: None,
        target_start: "实施农村公路拓宽硬化34.55公里",
    },
    // Row-spanned unit of the row above (区民政局 over rows 2 and 3 of project 10).
    Spot {
        fixture: "qianjiang-2025-minsheng.txt",
        table: 0,
        seq: "10",
        part: 3,
        name: "“筑爱·助残·敬老”行动",
        lead: &["区民政局"],
        category: Some("区级"),
        deadline: None,
        target_start: "3.实施“集中+邻里”互助养老项目",
    },
    // A name the export printed twice, and a line-wrapped unit name.
    Spot {
        fixture: "qianjiang-2025-minsheng.txt",
        table: 1,
        seq: "10",
        part: 1,
        name: "“筑爱·助残·敬老”行动",
        lead: &["区残联"],
        category: Some("区级"),
        deadline: None,
        target_start: "1.实施“筑爱助残”行动",
    },
    Spot {
        fixture: "qianjiang-2025-minsheng.txt",
        table: 1,
        seq: "11",
        part: 1,
        name: "实施城镇老旧小区改造",
        lead: &["区住房城乡建委"],
        category: Some("市级"),
        deadline: None,
        target_start: "完成城镇老旧小区改造27个",
    },
];

#[test]
fn rows_read_like_the_source() {
    for s in SPOTS {
        let doc = extract_fixture(s.fixture);
        let r = doc
            .records
            .iter()
            .find(|r| {
                r.source.table == s.table
                    && r.seq.as_deref() == Some(s.seq)
                    && r.part == s.part
                    && r.name.as_deref() == Some(s.name)
            })
            .unwrap_or_else(|| {
                panic!(
                    "{}: no record seq {} part {} named {}",
                    s.fixture, s.seq, s.part, s.name
                )
            });
        assert_eq!(r.lead_units, s.lead, "{} seq {}", s.fixture, s.seq);
        assert_eq!(
            r.category.as_deref(),
            s.category,
            "{} seq {}",
            s.fixture,
            s.seq
        );
        assert_eq!(
            r.deadline.as_deref(),
            s.deadline,
            "{} seq {}",
            s.fixture,
            s.seq
        );
        let target = r.target.as_deref().unwrap_or("");
        assert!(
            target.starts_with(s.target_start),
            "{} seq {}: target {target:?}",
            s.fixture,
            s.seq
        );
    }
}

/// (fixture, doc_number, issuer, date, region, year)
type MetaCase = (
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
    Option<i32>,
);

#[test]
fn notice_metadata() {
    let cases: &[MetaCase] = &[
        (
            "yubei-2024-minsheng.txt",
            Some("渝北府办发〔2024〕5号"),
            Some("重庆市渝北区人民政府办公室"),
            Some("2024-02-29"),
            Some("渝北区"),
            Some(2024),
        ),
        (
            "wulong-2023-minsheng.txt",
            Some("武隆府办发〔2023〕4号"),
            Some("重庆市武隆区人民政府办公室"),
            Some("2023-02-23"),
            Some("武隆区"),
            Some(2023),
        ),
        (
            "gaoxin-2024-minsheng-jiedu.txt",
            None,
            None,
            None,
            Some("重庆高新区"),
            Some(2024),
        ),
        (
            "yubei-2021-minsheng-report.txt",
            None,
            None,
            None,
            Some("渝北区"),
            Some(2021),
        ),
        (
            "qianjiang-2025-minsheng.txt",
            Some("黔江府办发〔2025〕20号"),
            Some("重庆市黔江区人民政府办公室"),
            Some("2025-04-25"),
            Some("黔江区"),
            Some(2025),
        ),
    ];
    for (name, number, issuer, date, region, year) in cases {
        let n = extract_fixture(name).notice;
        assert_eq!(n.doc_number.as_deref(), *number, "{name}");
        assert_eq!(n.issuer.as_deref(), *issuer, "{name}");
        assert_eq!(n.date.as_deref(), *date, "{name}");
        assert_eq!(n.region.as_deref(), *region, "{name}");
        assert_eq!(n.year, *year, "{name}");
        assert!(n.title.is_some(), "{name}: title");
    }
}

#[test]
fn warnings_flag_what_the_seeds_print_oddly() {
    let codes = |name: &str| -> Vec<String> {
        extract_fixture(name)
            .warnings
            .into_iter()
            .map(|w| w.code.to_string())
            .collect()
    };
    let q = codes("qianjiang-2025-minsheng.txt");
    assert!(q.contains(&"seq_duplicate".to_string()), "{q:?}");
    assert!(q.contains(&"seq_skipped".to_string()), "{q:?}");
    assert!(q.contains(&"name_doubled".to_string()), "{q:?}");
    // 000 prints nothing odd in its tables.
    assert_eq!(codes("yubei-2024-minsheng.txt"), Vec::<String>::new());
}

#[test]
fn narrative_sections_attach_to_their_project_not_as_records() {
    let doc = extract_fixture("yubei-2021-minsheng-report.txt");
    assert_eq!(doc.records.len(), 13);
    for r in &doc.records {
        let n = r
            .narrative
            .as_ref()
            .unwrap_or_else(|| panic!("seq {:?} has no narrative", r.seq));
        assert!(
            n.heading.ends_with(r.name.as_deref().unwrap_or("?")),
            "{}",
            n.heading
        );
        assert!(
            r.measures
                .as_deref()
                .is_some_and(|m| m.starts_with("（一）")),
            "seq {:?}",
            r.seq
        );
        assert_eq!(
            r.part > 1,
            r.source
                .inherited
                .iter()
                .any(|f| *f == notice_extract::RecordField::Measures)
        );
    }
    let seven = &doc.records[6];
    assert!(seven
        .measures
        .as_deref()
        .unwrap_or("")
        .contains("加强特困人员集中供养保障"));
}
