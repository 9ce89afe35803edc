//! The JSON of every quantity extracted from the case inputs conforms to
//! schemas/quantity.schema.json (JSON Schema 2020-12), and the schema rejects
//! documents that break its rules.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a failure stops loudly

use notice_extract::quantity::extract;
use serde_json::{json, Value};

const SCHEMA: &str = include_str!("../schemas/quantity.schema.json");
const CASES: &str = include_str!("data/quantity_cases.txt");

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(SCHEMA).expect("schema is JSON");
    assert!(
        jsonschema::draft202012::meta::is_valid(&schema),
        "schema is not a valid 2020-12 schema"
    );
    jsonschema::draft202012::new(&schema).expect("schema compiles")
}

fn inputs() -> Vec<&'static str> {
    CASES.lines().filter_map(|l| l.strip_prefix("> ")).collect()
}

#[test]
fn every_extracted_quantity_matches_the_schema() {
    let v = validator();
    let mut checked = 0;
    for input in inputs() {
        for mut q in extract(input) {
            q.field = Some("milestones[2]".into());
            let doc = serde_json::to_value(&q).expect("serialises");
            let errors: Vec<String> = v.iter_errors(&doc).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{input}\n{doc}\n{errors:#?}");
            checked += 1;
        }
    }
    assert!(checked >= 400, "only {checked} quantities checked");
}

fn sample() -> Value {
    json!({
        "text": "约260万平方米",
        "span": [40, 48],
        "field": "target",
        "value": 2600000,
        "value_max": null,
        "unit": "平方米",
        "dimension": "area",
        "normalized": {"value": 2600000, "unit": "m²"},
        "qualifier": "approx",
        "object": "改造建筑面积",
        "action": null
    })
}

#[test]
fn schema_accepts_a_hand_written_quantity() {
    let v = validator();
    assert!(v.is_valid(&sample()));
    let mut range = sample();
    range["value"] = json!(5);
    range["value_max"] = json!(8);
    range["unit"] = json!("个");
    range["dimension"] = json!("count");
    range["normalized"] = json!({"value": 5, "value_max": 8, "unit": "个"});
    range["qualifier"] = json!("range");
    assert!(v.is_valid(&range));
}

type Breakage = (&'static str, Box<dyn Fn(&mut Value)>);

#[test]
fn schema_rejects_broken_quantities() {
    let v = validator();
    let broken: Vec<Breakage> = vec![
        (
            "unknown dimension",
            Box::new(|d| d["dimension"] = json!("weight")),
        ),
        (
            "unknown qualifier",
            Box::new(|d| d["qualifier"] = json!("about")),
        ),
        (
            "range without max",
            Box::new(|d| d["qualifier"] = json!("range")),
        ),
        (
            "max without range",
            Box::new(|d| d["value_max"] = json!(3000000)),
        ),
        (
            "area not in m²",
            Box::new(|d| d["normalized"]["unit"] = json!("平方米")),
        ),
        ("span of three", Box::new(|d| d["span"] = json!([1, 2, 3]))),
        (
            "missing unit",
            Box::new(|d| {
                d.as_object_mut().map(|o| o.remove("unit"));
            }),
        ),
        ("extra property", Box::new(|d| d["confidence"] = json!(0.9))),
        ("empty object", Box::new(|d| d["object"] = json!(""))),
        ("value as text", Box::new(|d| d["value"] = json!("260万"))),
    ];
    for (what, f) in broken {
        let mut doc = sample();
        f(&mut doc);
        assert!(!v.is_valid(&doc), "schema accepted: {what}");
    }
}
