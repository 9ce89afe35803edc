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

/// Line breaks out of every string, and quantities' spans (offsets in the
/// text) left out.
fn fold_breaks(v: &mut Value) {
    match v {
        Value::String(s) => *s = s.replace('\n', ""),
        Value::Array(a) => a.iter_mut().for_each(fold_breaks),
        Value::Object(o) => {
            o.remove("span");
            o.values_mut().for_each(fold_breaks);
        }
        _ => {}
    }
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
            "pdf",
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
            let (mut got, mut exp) = (records_without_source(&doc), records_without_source(&want));
            if variant == "pdf" {
                // A paragraph of a cell whose last line ends exactly at the
                // cell's edge cannot be told from a wrapped line: in a PDF
                // the cell's line breaks may differ (and with them the
                // spans of quantities in the text), never its characters.
                got.iter_mut().chain(exp.iter_mut()).for_each(fold_breaks);
            }
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
    // 000, 001, 003, 004 in html/docx/doc/xlsx/pdf, the GBK and Word pages, 000 and 004 in xls/ods.
    assert_eq!(checked, 26, "format fixtures found");
}

/// PDFs made for what the DOCX fixtures do not show give the records of
/// the page they were made from: a borderless table (column alignment), a
/// table over three pages with its header repeated on each, and text in a
/// composite font (Type0, Identity-H, ToUnicode) in a ruled table.
#[test]
fn pdf_tables_borderless_across_pages_and_identity_h() {
    let dir = root().join("fixtures/formats");
    for (pdf, html, records) in [
        ("pdf/borderless.pdf", "pdf/borderless.html", 10),
        ("pdf/identity-h.pdf", "pdf/borderless.html", 10),
        ("pdf/crossing.pdf", "pdf/crossing.html", 40),
    ] {
        let read = |name: &str| {
            let bytes = std::fs::read(dir.join(name)).expect("readable");
            notice_extract::extract(&bytes, name).unwrap_or_else(|e| panic!("{e}"))
        };
        let (got, want) = (read(pdf), read(html));
        assert_eq!(got.source.format, "pdf", "{pdf}");
        assert_eq!(want.records.len(), records, "{html}");
        assert_eq!(got.notice, want.notice, "{pdf}: notice");
        let (g, w) = (records_without_source(&got), records_without_source(&want));
        assert_eq!(g.len(), w.len(), "{pdf}: record count");
        for (i, (g, w)) in g.iter().zip(&w).enumerate() {
            let diffs = notice_extract::regress::diff(w, g);
            assert!(
                diffs.is_empty(),
                "{pdf}: record {i}: {}",
                diffs
                    .iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            );
        }
    }
}

/// A PDF whose pages are images (a scan) is skipped, saying it needs OCR.
#[test]
fn a_scanned_pdf_is_skipped_as_needing_ocr() {
    let bytes = std::fs::read(root().join("fixtures/formats/pdf/scan.pdf")).expect("readable");
    let e = notice_extract::extract(&bytes, "scan.pdf").expect_err("no text layer");
    assert_eq!(e.disposition(), notice_extract::Disposition::Skipped, "{e}");
    assert!(e.to_string().contains("needs OCR"), "{e}");
}
