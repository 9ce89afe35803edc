//! Bad input gets a clear error naming the file, or a warning, and never a
//! panic.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a failure stops loudly

mod common;
use common::*;
use notice_extract::{extract, Error};

#[test]
fn empty_binary_undecodable_and_tableless_files_are_errors_naming_the_file() {
    let cases: &[(&[u8], &str)] = &[
        (b"", "empty file"),
        (b"\n\n  \n", "empty file"),
        (b"\x00\x01\x02\x03binary\x00", "binary data"),
        (b"%PDF-1.7\n%\xe2\xe3", "malformed document: PDF: "),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00",
            "damaged file: the compound-file header is cut short (10 of 512 bytes)",
        ),
        (
            "关于做好民生工作的通知\n各单位要高度重视。\n".as_bytes(),
            "no project table",
        ),
    ];
    for (bytes, want) in cases {
        let err = extract(bytes, "dir/notice.txt").expect_err("must fail");
        let msg = err.to_string();
        assert!(msg.starts_with("dir/notice.txt: "), "{msg}");
        assert!(msg.contains(want), "{msg}");
    }
}

#[test]
fn rows_wider_than_the_header_are_kept_and_flagged() {
    let text = "\t序号\n\t项目名称\n\t目标任务\n\n\t1\n\t甲项目\n\t建成2个。\n\t多出来的一格\n\n\t2\n\t乙项目\n\t建成3个。\n";
    let doc = extract(text.as_bytes(), "wide.txt").expect("records");
    assert_eq!(doc.records.len(), 2);
    assert!(
        doc.warnings.iter().any(|w| w.code == "row_too_wide"),
        "{:?}",
        doc.warnings
    );
    // The extra cell is not dropped.
    assert_eq!(
        doc.records[0].extra.get("列4").and_then(|v| v.as_str()),
        Some("多出来的一格")
    );
}

/// Every prefix and many slices of every fixture: whatever the cut, no panic.
#[test]
fn truncated_fixtures_never_panic() {
    for (input, _) in fixtures() {
        let text = std::fs::read_to_string(&input).expect("fixture is UTF-8");
        let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(97).collect();
        for &end in &cuts {
            let _ = extract(&text.as_bytes()[..end], "cut.txt");
            let _ = extract(&text.as_bytes()[end..], "cut.txt");
        }
        // Raw byte cuts too, which split UTF-8 sequences.
        let bytes = text.as_bytes();
        for end in (0..bytes.len()).step_by(1013) {
            let _ = extract(&bytes[..end], "cut.txt");
        }
    }
}

/// Deterministic noise built from the characters layouts key on.
#[test]
fn noise_never_panics() {
    let alphabet = [
        "|",
        " |",
        "| ||",
        "\t",
        "\n",
        "\n\n",
        "序号",
        "项目名称",
        "一、",
        "1",
        "12",
        "2024.12",
        "—",
        "区教委",
        "、",
        "（一）",
        "附件1",
        ":",
        "万元",
        "\u{3000}",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..3000 {
        let mut s = String::new();
        for _ in 0..(state % 200) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            s.push_str(alphabet[(state % alphabet.len() as u64) as usize]);
        }
        match extract(s.as_bytes(), "noise.txt") {
            Ok(doc) => assert!(!doc.records.is_empty()),
            Err(e) => assert!(
                matches!(e, Error::NoRecords { .. } | Error::Empty { .. }),
                "{e}"
            ),
        }
    }
}

/// A table whose unit is noted above it (`单位：万元`) rather than in its header.
#[test]
fn unit_note_above_a_table_applies_to_bare_numbers() {
    let text = "某县2024年民生实事项目表\n单位：万元\n| 序号 | 项目名称 | 计划投资 | 牵头单位 |\n| 1 | 农村公路提升 | 1200 | 县交通局 |\n| 2 | 城市公园建设 | 300.5 | 县城管局 |\n";
    let doc = extract(text.as_bytes(), "note.txt").expect("records");
    assert_eq!(
        doc.tables[0].title.as_deref(),
        Some("某县2024年民生实事项目表")
    );
    let inv = doc.records[1].investment.as_ref().expect("investment");
    assert_eq!(
        (inv.value.as_f64(), inv.unit.as_deref()),
        (Some(300.5), Some("万元"))
    );
    assert_eq!(doc.records[0].lead_units, vec!["县交通局"]);
}
