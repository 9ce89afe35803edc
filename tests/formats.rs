//! The same notice in another encoding or format gives the same records
//! (every field but `source`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a failure stops loudly

mod common;
use common::*;
use serde_json::Value;

fn records_without_source(doc: &notice_extract::NoticeDocument) -> Vec<Value> {
    doc.records
        .iter()
        .map(|r| {
            let mut v = serde_json::to_value(r).expect("value");
            if let Some(o) = v.as_object_mut() {
                o.remove("source");
            }
            v
        })
        .collect()
}

/// A saved notice in GBK (as many Chinese sites and Windows tools write it)
/// reads the same as in UTF-8.
#[test]
fn gbk_text_gives_the_same_records_as_utf8() {
    for (input, _) in fixtures() {
        let name = file_name(&input);
        let text = std::fs::read_to_string(&input).expect("UTF-8 fixture");
        let (gbk, _, unmappable) = encoding_rs::GB18030.encode(&text);
        assert!(!unmappable, "{name}");
        let doc = notice_extract::extract(&gbk, &name).expect("GBK decodes");
        assert!(
            matches!(doc.source.encoding.as_deref(), Some("GBK" | "gb18030")),
            "{name}: {:?}",
            doc.source.encoding
        );
        let want = extract_fixture(&name);
        assert_eq!(
            records_without_source(&doc),
            records_without_source(&want),
            "{name}"
        );
        assert_eq!(doc.notice, want.notice, "{name}");
    }
}

/// The same notice as text, HTML (UTF-8, GBK, Word-exported), DOCX, legacy .doc and XLSX
/// gives the same records and notice metadata. A difference is a bug in a
/// reader or the normaliser, not in this test.
#[test]
fn every_format_gives_the_same_records() {
    let dir = root().join("fixtures/formats");
    let mut checked = 0;
    for (input, _) in fixtures() {
        let name = file_name(&input);
        let stem = name.trim_end_matches(".txt");
        let want = extract_fixture(&name);
        for variant in [
            "html",
            "gbk.html",
            "word.html",
            "docx",
            "doc",
            "xlsx",
            "xls",
            "ods",
        ] {
            let path = dir.join(format!("{stem}.{variant}"));
            if !path.is_file() {
                continue;
            }
            let bytes = std::fs::read(&path).expect("readable");
            let label = format!("{stem}.{variant}");
            let doc = notice_extract::extract(&bytes, &label).unwrap_or_else(|e| panic!("{e}"));
            let format = variant.rsplit('.').next().unwrap_or(variant);
            assert_eq!(doc.source.format, format, "{label}");
            assert_eq!(doc.notice, want.notice, "{label}: notice");
            let (got, exp) = (records_without_source(&doc), records_without_source(&want));
            assert_eq!(got.len(), exp.len(), "{label}: record count");
            for (i, (g, e)) in got.iter().zip(&exp).enumerate() {
                let diffs = notice_extract::regress::diff(e, g);
                assert!(
                    diffs.is_empty(),
                    "{label}: record {i}: {}",
                    diffs
                        .iter()
                        .map(|d| d.to_string())
                        .collect::<Vec<_>>()
                        .join("\n")
                );
            }
            checked += 1;
        }
    }
    // 000, 001, 003, 004 in html/docx/doc/xlsx, the GBK and Word pages, 000 and 004 in xls/ods.
    assert_eq!(checked, 22, "format fixtures found");
}
