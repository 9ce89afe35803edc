//! Hostile and damaged files give errors naming the file and the reason,
//! never a panic, and the limits say which limit.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a failure stops loudly

mod common;

use notice_extract::Disposition;
use notice_extract::{extract, Error};
use std::io::Write;
use std::path::PathBuf;
use std::process::Command;

fn docx(document_xml: &[u8]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        z.start_file("[Content_Types].xml", opts).expect("entry");
        z.write_all(b"<Types/>").expect("write");
        z.start_file("word/document.xml", opts).expect("entry");
        z.write_all(document_xml).expect("write");
        z.finish().expect("finish");
    }
    buf.into_inner()
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

fn small_table() -> String {
    let row = |a: &str, b: &str| {
        format!("<w:tr><w:tc><w:p><w:r><w:t>{a}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>{b}</w:t></w:r></w:p></w:tc></w:tr>")
    };
    format!(
        "<w:document {W}><w:body><w:p><w:r><w:t>某区2024年民生实事项目</w:t></w:r></w:p><w:tbl>{}{}{}</w:tbl></w:body></w:document>",
        row("序号", "项目名称"),
        row("1", "城市公园建设"),
        row("2", "农村公路提升")
    )
}

#[test]
fn a_well_formed_docx_reads() {
    let doc = extract(&docx(small_table().as_bytes()), "ok.docx").expect("reads");
    assert_eq!(doc.source.format, "docx");
    assert_eq!(doc.records.len(), 2);
    assert_eq!(doc.records[1].name.as_deref(), Some("农村公路提升"));
}

/// Tables nested past MAX_NESTED_TABLES are refused as a limit (the stack
/// of open tables would otherwise grow with the document); a table inside a
/// table within it reads, its text in the outer cell.
#[test]
fn tables_nested_past_the_limit_are_refused() {
    use notice_extract::limits::MAX_NESTED_TABLES;
    let nested = |depth: usize| {
        let open = "<w:tbl><w:tr><w:tc>".repeat(depth);
        let close = "<w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl>".repeat(depth);
        format!("<w:document {W}><w:body>{open}{close}</w:body></w:document>")
    };
    let err = extract(&docx(nested(MAX_NESTED_TABLES + 1).as_bytes()), "deep.docx").unwrap_err();
    assert!(matches!(err, Error::Limit { .. }), "{err}");
    assert!(err.to_string().contains("MAX_NESTED_TABLES"), "{err}");
    // Within the limit the document reads; it holds no projects.
    let ok = extract(&docx(nested(MAX_NESTED_TABLES).as_bytes()), "deep.docx").unwrap_err();
    assert!(matches!(ok, Error::NoRecords { .. }), "{ok}");
    let inner = small_table().replace(
        "<w:t>农村公路提升</w:t>",
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>农村公路提升</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
    );
    let doc = extract(&docx(inner.as_bytes()), "inner.docx").expect("a table in a cell reads");
    assert_eq!(doc.records.len(), 2);
}

#[test]
fn zero_bytes_and_truncated_archives() {
    assert!(matches!(
        extract(b"", "zero.docx"),
        Err(Error::Empty { .. })
    ));
    let whole = docx(small_table().as_bytes());
    for cut in [4, 30, whole.len() / 2, whole.len() - 10] {
        let err = extract(&whole[..cut], "cut.docx").expect_err("truncated");
        let msg = err.to_string();
        assert!(msg.starts_with("cut.docx: "), "{msg}");
    }
}

#[test]
fn malformed_xml() {
    let err = extract(
        &docx(b"<w:document><w:body><w:p></w:tbl></w:body>"),
        "bad.docx",
    )
    .expect_err("malformed");
    assert!(matches!(err, Error::Malformed { .. }), "{err}");
    // Where: the member and the byte in it, in the message and as fields.
    assert!(
        err.to_string()
            .starts_with("bad.docx (word/document.xml, byte 25): malformed document: "),
        "{err}"
    );
    let at = err.location();
    assert_eq!(
        (at.path.as_str(), at.member.as_deref(), at.byte),
        ("bad.docx", Some("word/document.xml"), Some(25))
    );
}

#[test]
fn decompression_bomb_is_refused_with_the_limit() {
    // 64 MiB of one byte deflates to about 64 KB: far past the allowed ratio.
    let mut xml = format!("<w:document {W}><w:body><w:p><w:r><w:t>").into_bytes();
    xml.resize(64 * 1024 * 1024, b'a');
    let bomb = docx(&xml);
    assert!(bomb.len() < 200_000, "{}", bomb.len());
    let err = extract(&bomb, "bomb.docx").expect_err("refused");
    let msg = err.to_string();
    assert!(matches!(err, Error::Limit { .. }), "{msg}");
    assert!(
        msg.starts_with("bomb.docx (word/document.xml): inflates past")
            && msg.contains("MAX_RATIO"),
        "{msg}"
    );
}

#[test]
fn overlapping_entries_are_refused() {
    let mut z = docx(small_table().as_bytes());
    // Point the second central-directory entry at the first local header.
    let sig = b"PK\x01\x02";
    let cds: Vec<usize> = z
        .windows(4)
        .enumerate()
        .filter(|(_, w)| *w == sig)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(cds.len(), 2);
    let off = cds[1] + 42;
    z[off..off + 4].copy_from_slice(&0u32.to_le_bytes());
    let err = extract(&z, "overlap.docx").expect_err("refused");
    assert!(err.to_string().contains("overlap"), "{err}");
}

#[test]
fn html_table_with_absurd_spans() {
    let page = "<html><body><p>某区民生实事表</p><table><tr><th>序号</th><th>项目名称</th><th>牵头单位</th></tr>\
        <tr><td rowspan=100000>1</td><td>城市公园</td><td rowspan=0>区城管局</td></tr>\
        <tr><td>农村公路</td></tr><tr><td colspan=99999999>x</td></tr></table></body></html>";
    let doc = extract(page.as_bytes(), "spans.html").expect("reads");
    assert_eq!(doc.tables[0].header.len(), 3);
    assert!(doc.records.len() >= 2);
}

#[test]
fn deeply_nested_markup_is_refused() {
    let page = format!("<html><body>{}</body></html>", "<div>".repeat(5000));
    let err = extract(page.as_bytes(), "deep.html").expect_err("refused");
    assert!(err.to_string().contains("MAX_DEPTH"), "{err}");
}

/// A minimal XLSX: one sheet of inline strings and numbers, with merges.
fn xlsx(rows: &[Vec<(&str, &str)>], merges: &[&str]) -> Vec<u8> {
    xlsx_with(rows, merges, "")
}

/// Like [`xlsx`], with raw `<row>` XML appended to the sheet data.
fn xlsx_with(rows: &[Vec<(&str, &str)>], merges: &[&str], extra_rows: &str) -> Vec<u8> {
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (r, row) in rows.iter().enumerate() {
        sheet.push_str(&format!("<row r=\"{}\">", r + 1));
        for (c, (kind, v)) in row.iter().enumerate() {
            let col = (b'A' + c as u8) as char;
            let r1 = r + 1;
            if v.is_empty() {
                continue;
            }
            match *kind {
                "n" => sheet.push_str(&format!("<c r=\"{col}{r1}\"><v>{v}</v></c>")),
                _ => sheet.push_str(&format!(
                    "<c r=\"{col}{r1}\" t=\"inlineStr\"><is><t>{v}</t></is></c>"
                )),
            }
        }
        sheet.push_str("</row>");
    }
    sheet.push_str(extra_rows);
    sheet.push_str("</sheetData>");
    if !merges.is_empty() {
        sheet.push_str(&format!("<mergeCells count=\"{}\">", merges.len()));
        for m in merges {
            sheet.push_str(&format!("<mergeCell ref=\"{m}\"/>"));
        }
        sheet.push_str("</mergeCells>");
    }
    sheet.push_str("</worksheet>");
    let files = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string()),
        ("xl/workbook.xml", r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string()),
        ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_string()),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, body) in files {
            z.start_file(name, opts).expect("entry");
            z.write_all(body.as_bytes()).expect("write");
        }
        z.finish().expect("finish");
    }
    buf.into_inner()
}

#[test]
fn xlsx_merges_numbers_and_title_rows() {
    let s = |v: &'static str| ("s", v);
    let n = |v: &'static str| ("n", v);
    let book = xlsx(
        &[
            vec![s("附件1")],
            vec![s("某区2024年民生实事项目表")],
            vec![s("序号"), s("项目名称"), s("年度投资(万元)"), s("牵头单位")],
            vec![s("一、区级(2件)")],
            vec![n("1"), s("城市公园"), n("2000"), s("区城管局")],
            vec![n("2"), s("农村公路"), n("34.55"), s("区交通局")],
            vec![s(""), s(""), n("120"), s("区农业农村委")],
        ],
        &["A4:D4", "A6:A7", "B6:B7"],
    );
    let doc = extract(&book, "book.xlsx").expect("reads");
    assert_eq!(doc.source.format, "xlsx");
    assert_eq!(
        doc.tables[0].title.as_deref(),
        Some("某区2024年民生实事项目表")
    );
    assert_eq!(doc.tables[0].attachment.as_deref(), Some("附件1"));
    assert_eq!(doc.records.len(), 3);
    let inv: Vec<String> = doc
        .records
        .iter()
        .map(|r| {
            r.investment
                .as_ref()
                .map(|a| a.text.clone())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(inv, vec!["2000", "34.55", "120"]);
    assert_eq!(doc.records[2].part, 2);
    assert_eq!(doc.records[2].name.as_deref(), Some("农村公路"));
    assert!(doc.records[2]
        .source
        .inherited
        .iter()
        .any(|f| *f == notice_extract::RecordField::Seq));
    assert_eq!(doc.records[0].section.as_deref(), Some("一、区级(2件)"));
}

#[test]
fn xlsx_with_one_far_away_cell_is_refused_before_allocation() {
    let rows = vec![
        vec![("s", "序号"), ("s", "项目名称")],
        vec![("n", "1"), ("s", "城市公园")],
    ];
    let far = xlsx_with(
        &rows,
        &[],
        r#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#,
    );
    let err = extract(&far, "far.xlsx").expect_err("refused");
    let msg = err.to_string();
    assert!(
        msg.starts_with("far.xlsx (xl/worksheets/sheet1.xml): "),
        "{msg}"
    );
    assert!(
        msg.contains("1048576 rows × 16384 columns") && msg.contains("MAX_SHEET_CELLS"),
        "{msg}"
    );
}

// ---------------------------------------------------------------------------
// Fuzz finds (fixtures/hostile/README.md): inputs that made calamine 0.38
// panic. Each is run through the command as a user would, beside a good file.

fn hostile(name: &str) -> PathBuf {
    common::root().join("fixtures/hostile").join(name)
}

/// A good notice converted beside each hostile file, and its record count.
const GOOD: &str = "fixtures/wulong-2023-minsheng.txt";

/// Runs `convert --format jsonl -o OUT.jsonl BAD GOOD` with backtraces on (a
/// panic that reached the hook would print one), and checks what a user sees:
/// the bad file failed as damaged, its path and `reason` in the message, no
/// panic text anywhere on stderr, the good file converted all the same.
/// Returns the reason, for the caller's own check.
fn converts_beside_a_good_file(name: &str) -> String {
    let bad = hostile(name);
    let good = common::root().join(GOOD);
    let dir = std::env::temp_dir().join(format!(
        "ne-hostile-{}-{}",
        std::process::id(),
        name.replace('.', "_")
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let out_path = dir.join("out.jsonl");
    let out = Command::new(env!("CARGO_BIN_EXE_notice-extract"))
        .args(["convert", "--format", "jsonl", "--jobs", "1", "-o"])
        .arg(&out_path)
        .arg(&bad)
        .arg(&good)
        .env("RUST_BACKTRACE", "1")
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    for panic_text in [
        "panicked at",
        "stack backtrace",
        "RUST_BACKTRACE",
        "attempt to",
    ] {
        assert!(
            !stderr.contains(panic_text),
            "{panic_text:?} on stderr:\n{stderr}"
        );
    }
    assert_eq!(
        out.status.code(),
        Some(1),
        "a failed file exits 1:\n{stderr}"
    );
    let shown = bad.display().to_string();
    let line = stderr
        .lines()
        .find(|l| l.contains(&shown))
        .unwrap_or_else(|| panic!("no line names {shown}:\n{stderr}"));
    assert!(line.starts_with(&format!("failed: {shown}")), "{line}");
    assert!(line.contains(": damaged file: "), "{line}");
    assert!(
        stderr.contains("2 files seen: 1 converted, 1 failed, 0 skipped"),
        "{stderr}"
    );
    // The good file's records are all there.
    let want = common::extract_path(&good).records.len();
    let written = std::fs::read_to_string(&out_path).expect("output written");
    assert_eq!(written.lines().count(), want);
    // errors.jsonl lists the bad file as failed, with the same reason.
    let errors = std::fs::read_to_string(dir.join("out.errors.jsonl")).expect("errors written");
    let entries: Vec<serde_json::Value> = errors
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(entries.len(), 1, "{errors}");
    assert_eq!(entries[0]["path"], shown.as_str());
    assert_eq!(entries[0]["status"], "failed");
    let reason = entries[0]["reason"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(reason.contains("damaged file"), "{reason}");
    std::fs::remove_dir_all(&dir).ok();
    reason
}

/// The library's answer for the same file: a `Damaged` error (failed, not
/// skipped) naming the file, whose message holds `want`.
fn library_says_damaged(name: &str, want: &str) {
    let bytes = std::fs::read(hostile(name)).expect("fixture readable");
    let err = extract(&bytes, name).expect_err("damaged");
    assert!(matches!(err, Error::Damaged { .. }), "{err}");
    assert_eq!(err.disposition(), Disposition::Failed);
    let msg = err.to_string();
    assert!(msg.starts_with(name), "{msg}");
    assert!(msg.contains(": damaged file: "), "{msg}");
    assert!(msg.contains(want), "{msg}");
}

/// calamine 0.38 `cfb.rs:320` (`Sectors::get` slice out of range): the
/// directory chain runs past the end of the file.
#[test]
fn fuzz_xls_directory_chain_past_the_end_of_the_file() {
    let name = "extract_bytes-cfb320-slice.min.xls";
    library_says_damaged(
        name,
        "the directory chain names sector 75, past the end of the file",
    );
    let reason = converts_beside_a_good_file(name);
    assert!(reason.contains("directory chain"), "{reason}");
}

/// calamine 0.38 `cfb.rs:344` (`get_chain` index out of bounds): a chain
/// goes on from a sector the allocation table does not cover.
#[test]
fn fuzz_xls_chain_outside_the_allocation_table() {
    let name = "sheet_reader-cfb344-index.xls";
    library_says_damaged(
        name,
        "goes on from sector 162, which the allocation table (128 entries) does not cover",
    );
    converts_beside_a_good_file(name);
}

/// calamine 0.38 `xlsx/mod.rs:3048` (`get_dimension` subtract with overflow):
/// `<mergeCell ref="A70:A57"/>`.
#[test]
fn fuzz_xlsx_reversed_merge_range() {
    let name = "sheet_reader-get_dimension-sub-overflow.min.xlsx";
    library_says_damaged(
        name,
        "(xl/worksheets/sheet1.xml): damaged file: merged range A70:A57 ends before it starts",
    );
    converts_beside_a_good_file(name);
}

/// calamine 0.38 `xlsx/mod.rs:3096` (`get_row_and_optional_column` multiply
/// with overflow): a cell reference of absurd column letters.
#[test]
fn fuzz_xlsx_cell_reference_with_absurd_column_letters() {
    let name = "sheet_reader-rowcol-mul-overflow.min.xlsx";
    library_says_damaged(
        name,
        "names a column past XFD (16384 columns, MAX_SHEET_COLUMNS)",
    );
    converts_beside_a_good_file(name);
}

/// A sound compound file whose workbook records are damaged: calamine 0.38
/// panics inside the records (`parse_formula`, `read_u16`), past anything
/// checked before it. The panic is caught, reported as a damaged file, and
/// prints nothing.
fn calamine_panic_is_a_quiet_damaged_file(name: &str, want: &str) {
    let bytes = std::fs::read(hostile(name)).expect("fixture readable");
    let err = extract(&bytes, name).expect_err("damaged");
    assert!(matches!(err, Error::ParserPanic { .. }), "{err}");
    assert_eq!(err.disposition(), Disposition::Failed);
    let msg = err.to_string();
    assert!(
        msg.starts_with(&format!("{name}: damaged file: a reader failed on it (")),
        "{msg}"
    );
    assert!(msg.contains(want), "{msg}");
    let reason = converts_beside_a_good_file(name);
    assert!(reason.contains(want), "{reason}");
}

/// calamine 0.38 `xls.rs:1531` (`parse_formula`: a formula longer than its record).
#[test]
fn xls_formula_longer_than_its_record_fails_quietly() {
    calamine_panic_is_a_quiet_damaged_file(
        "xls-formula-rgce-slice.xls",
        "range end index 260 out of range for slice of length 149",
    );
}

/// calamine 0.38 `utils.rs:48` (`read_u16` on a record shorter than 2 bytes).
#[test]
fn xls_record_too_short_for_its_fields_fails_quietly() {
    calamine_panic_is_a_quiet_damaged_file(
        "xls-read_u16-short-slice.xls",
        "range end index 2 out of range for slice of length 0",
    );
}

#[test]
fn xlsx_references_past_the_sheet_or_reversed_are_damaged() {
    let rows = vec![
        vec![("s", "序号"), ("s", "项目名称")],
        vec![("n", "1"), ("s", "城市公园")],
    ];
    let cases: &[(&[&str], &str, &str)] = &[
        (&["B2:A2"], "", "merged range B2:A2 ends before it starts"),
        (
            &[],
            r#"<row r="3"><c r="XFE3"><v>1</v></c></row>"#,
            "cell reference XFE3 names a column past XFD",
        ),
        (
            &[],
            r#"<row r="1048577"><c r="A1048577"><v>1</v></c></row>"#,
            "names a row past 1048576 (MAX_SHEET_ROWS)",
        ),
        (
            &[],
            r#"<row r="99999999999"><c><v>1</v></c></row>"#,
            "cell reference 99999999999 names a row past 1048576",
        ),
    ];
    for (merges, extra, want) in cases {
        let book = xlsx_with(&rows, merges, extra);
        let err = extract(&book, "bad.xlsx").expect_err("damaged");
        let msg = err.to_string();
        assert!(matches!(err, Error::Damaged { .. }), "{msg}");
        assert!(
            msg.starts_with("bad.xlsx (xl/worksheets/sheet1.xml): damaged file: "),
            "{msg}"
        );
        assert!(msg.contains(want), "{msg}");
    }
}

/// A compound file too short to hold its header is damaged (failed); every
/// fixture .xls passes the checks.
#[test]
fn ole_files_damaged_or_not_a_workbook() {
    let err = extract(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00", "cut.xls").expect_err("cut");
    assert!(matches!(err, Error::Damaged { .. }), "{err}");
    assert!(
        err.to_string().contains(
            "cut.xls: damaged file: the compound-file header is cut short (10 of 512 bytes)"
        ),
        "{err}"
    );
    // Every fixture .xls passes the checks and reads.
    for name in ["yubei-2024-minsheng.xls", "qianjiang-2025-minsheng.xls"] {
        let p = common::root().join("fixtures/formats").join(name);
        let doc = common::extract_path(&p);
        assert_eq!(doc.source.format, "xls");
        assert!(!doc.records.is_empty());
    }
}

// ---------------------------------------------------------------------------
// Size limits

/// One pathological field — a list item with a 2 MB paragraph — is read for
/// quantities only up to MAX_FIELD_CHARS_FOR_QUANTITIES characters, and the
/// record keeps at most MAX_QUANTITIES_PER_RECORD, each with a warning.
#[test]
fn a_huge_list_item_is_capped_with_warnings() {
    use notice_extract::limits::{MAX_FIELD_CHARS_FOR_QUANTITIES, MAX_QUANTITIES_PER_RECORD};
    let clause = "新建学校3所，";
    let repeats = 2 * 1024 * 1024 / clause.len();
    let text = format!(
        "某区2024年民生实事项目\n1.城镇老旧小区改造：改造城镇老旧小区12个。\n2.教育提升工程：{}\n3.建设城市公园：新建口袋公园2个。\n",
        clause.repeat(repeats)
    );
    assert!(text.len() > 2_000_000);
    let doc = extract(text.as_bytes(), "huge.txt").expect("reads");
    assert_eq!(doc.records.len(), 3);
    let huge = &doc.records[1];
    assert_eq!(huge.name.as_deref(), Some("教育提升工程"));
    // The field itself is kept whole; only what is read for quantities is cut.
    assert!(huge
        .target
        .as_ref()
        .is_some_and(|t| t.chars().count() > MAX_FIELD_CHARS_FOR_QUANTITIES));
    assert_eq!(huge.quantities.len(), MAX_QUANTITIES_PER_RECORD);
    assert!(
        huge.quantities.iter().all(|q| q.text == "3所"),
        "{:?}",
        huge.quantities[0]
    );
    // The records around it are untouched.
    assert_eq!(doc.records[0].quantities.len(), 1);
    assert_eq!(doc.records[2].quantities.len(), 1);
    let codes: Vec<(&str, Option<usize>)> = doc
        .warnings
        .iter()
        .map(|w| (w.code.as_str(), w.row))
        .collect();
    assert!(
        codes.contains(&("quantity_text_truncated", Some(huge.source.row))),
        "{codes:?}"
    );
    assert!(
        codes.contains(&("quantities_truncated", Some(huge.source.row))),
        "{codes:?}"
    );
    let msg = |code: &str| {
        doc.warnings
            .iter()
            .find(|w| w.code == code)
            .map(|w| w.message.clone())
            .unwrap_or_default()
    };
    assert!(msg("quantity_text_truncated").contains("MAX_FIELD_CHARS_FOR_QUANTITIES"));
    assert!(
        msg("quantities_truncated").contains("the first 1000 are kept (MAX_QUANTITIES_PER_RECORD)")
    );
}

// ---------------------------------------------------------------------------
// Finds of the fuzz crate (`fuzz/`, `scripts/fuzz.sh`): panics of our own.

/// `read/xlsx.rs` `ods_merges` computed a merge's far edge as `span - 1`, so
/// an ODS cell with `number-columns-spanned="0"` (or rows) overflowed: a panic
/// under overflow checks (fuzz target `sheet_reader`, mode 4), and in release
/// a merge running to the sheet's last row or column, copying one cell over
/// everything below it. A span of 0 now spans nothing, as 1 does: the file is
/// `yubei-2024-minsheng.ods` with two spans made 0 where they were 1, and it
/// gives the same records.
/// A table of more rows than a notice may hold (each row a record of 2–8 KB
/// in memory) is refused as a limit, a failure that names the limit; one of
/// exactly the limit is converted.
#[test]
fn a_table_past_the_row_limit_is_refused() {
    use notice_extract::limits::MAX_ROWS_PER_NOTICE;
    let table = |rows: usize| {
        let mut t = String::from("序号\t项目名称\t牵头单位\n");
        for i in 1..rows {
            t.push_str(&format!("{i}\t建设公园{i}个\t区园林局\n"));
        }
        t
    };
    let over = extract(table(MAX_ROWS_PER_NOTICE + 1).as_bytes(), "big.txt").unwrap_err();
    assert!(matches!(over, Error::Limit { .. }), "{over}");
    assert_eq!(over.disposition(), Disposition::Failed);
    assert_eq!(over.path(), "big.txt");
    assert!(over.to_string().contains("MAX_ROWS_PER_NOTICE"), "{over}");
    let at = extract(table(MAX_ROWS_PER_NOTICE).as_bytes(), "big.txt").expect("at the limit");
    assert_eq!(at.records.len(), MAX_ROWS_PER_NOTICE - 1);
}

/// The ODS fixture with its `content.xml` replaced.
fn ods_with_content(content: &str) -> Vec<u8> {
    let good = std::fs::read(common::root().join("fixtures/formats/yubei-2024-minsheng.ods"))
        .expect("fixture readable");
    let mut src = zip::ZipArchive::new(std::io::Cursor::new(good)).expect("a zip");
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        for i in 0..src.len() {
            let f = src.by_index(i).expect("entry");
            if f.name().is_ok_and(|n| n == "content.xml") {
                let name = "content.xml".to_string();
                drop(f);
                let opts = zip::write::SimpleFileOptions::default()
                    .compression_method(zip::CompressionMethod::Deflated);
                z.start_file(name, opts).expect("entry");
                z.write_all(content.as_bytes()).expect("write");
            } else {
                z.raw_copy_file(f).expect("copy");
            }
        }
        z.finish().expect("finish");
    }
    buf.into_inner()
}

/// An ODS sheet whose cells with content repeat past MAX_SHEET_CELLS (one
/// text cell repeated over 100,000 rows and 100 columns) is refused as a
/// limit before calamine expands it; empty cells repeated to the sheet's
/// edge, as office suites save them, are no content.
#[test]
fn ods_content_repeated_past_the_sheet_limit_is_refused() {
    let content = |cells: &str| {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="S"><table:table-row><table:table-cell office:value-type="string"><text:p>序号</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>项目名称</text:p></table:table-cell></table:table-row><table:table-row><table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>建设公园</text:p></table:table-cell></table:table-row>{cells}</table:table></office:spreadsheet></office:body></office:document-content>"#
        )
    };
    let bomb = content(
        r#"<table:table-row table:number-rows-repeated="100000"><table:table-cell table:number-columns-repeated="100" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#,
    );
    let err = extract(&ods_with_content(&bomb), "bomb.ods").unwrap_err();
    assert!(matches!(err, Error::Limit { .. }), "{err}");
    assert!(err.to_string().contains("MAX_SHEET_CELLS"), "{err}");
    let padded = content(
        r#"<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#,
    );
    let doc = extract(&ods_with_content(&padded), "padded.ods").expect("reads");
    assert_eq!(doc.records.len(), 1);
}

#[test]
fn fuzz_ods_zero_span_is_no_span() {
    let name = "ods-zero-span.ods";
    let bytes = std::fs::read(hostile(name)).expect("fixture readable");
    let doc = extract(&bytes, name).unwrap_or_else(|e| panic!("{e}"));
    let good =
        common::extract_path(&common::root().join("fixtures/formats/yubei-2024-minsheng.ods"));
    assert_eq!(doc.source.format, "ods");
    assert!(!doc.records.is_empty());
    let json = |d: &notice_extract::NoticeDocument| {
        serde_json::to_value(&d.records)
            .expect("records serialise")
            .as_array()
            .expect("an array")
            .iter()
            .map(|r| {
                let mut r = r.clone();
                r["source"]["path"] = serde_json::Value::Null;
                r["source"]["sha256"] = serde_json::Value::Null;
                r
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(json(&doc), json(&good));
}

// ---------------------------------------------------------------------------
// Legacy Word .doc (issue 13): the compound file, the FIB and the piece table
// are checked before use; damage fails, encrypted and pre-97 files are skipped.

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const FREESECT: u32 = 0xFFFF_FFFF;
const NOSTREAM: u32 = 0xFFFF_FFFF;
/// Where the built WordDocument stream keeps its text.
const DOC_TEXT_AT: usize = 2048;

/// A version-3 compound file: sector 0 the FAT, sector 1 the directory (the
/// root and up to three streams, siblings in a row), then each stream's
/// sectors in turn, each stream padded to at least 4096 bytes (so none is in
/// the mini stream).
fn compound(streams: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut h = vec![0u8; 512];
    h[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    h[24..26].copy_from_slice(&0x3Eu16.to_le_bytes());
    h[26..28].copy_from_slice(&3u16.to_le_bytes());
    h[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes());
    h[30..32].copy_from_slice(&9u16.to_le_bytes());
    h[32..34].copy_from_slice(&6u16.to_le_bytes());
    h[44..48].copy_from_slice(&1u32.to_le_bytes());
    h[48..52].copy_from_slice(&1u32.to_le_bytes());
    h[56..60].copy_from_slice(&4096u32.to_le_bytes());
    h[60..64].copy_from_slice(&ENDOFCHAIN.to_le_bytes());
    h[68..72].copy_from_slice(&ENDOFCHAIN.to_le_bytes());
    for i in 0..109 {
        let v = if i == 0 { 0 } else { FREESECT };
        h[76 + i * 4..80 + i * 4].copy_from_slice(&v.to_le_bytes());
    }
    let entry = |name: &str, kind: u8, right: u32, child: u32, start: u32, size: u32| {
        let mut e = vec![0u8; 128];
        let units: Vec<u16> = name.encode_utf16().collect();
        for (i, u) in units.iter().enumerate() {
            e[i * 2..i * 2 + 2].copy_from_slice(&u.to_le_bytes());
        }
        e[64..66].copy_from_slice(&((units.len() as u16 + 1) * 2).to_le_bytes());
        e[66] = kind;
        e[68..72].copy_from_slice(&NOSTREAM.to_le_bytes());
        e[72..76].copy_from_slice(&right.to_le_bytes());
        e[76..80].copy_from_slice(&child.to_le_bytes());
        e[116..120].copy_from_slice(&start.to_le_bytes());
        e[120..124].copy_from_slice(&size.to_le_bytes());
        e
    };
    let mut fat = vec![0xFFFF_FFFDu32, ENDOFCHAIN];
    let mut dir = entry("Root Entry", 5, NOSTREAM, 1, ENDOFCHAIN, 0);
    let mut data = Vec::new();
    for (i, (name, bytes)) in streams.iter().enumerate() {
        let mut s = bytes.clone();
        s.resize(s.len().max(4096).div_ceil(512) * 512, 0);
        let start = fat.len() as u32;
        let sectors = s.len() / 512;
        for k in 0..sectors as u32 {
            fat.push(if k + 1 == sectors as u32 {
                ENDOFCHAIN
            } else {
                start + k + 1
            });
        }
        let right = if i + 1 < streams.len() {
            i as u32 + 2
        } else {
            NOSTREAM
        };
        dir.extend(entry(name, 2, right, NOSTREAM, start, s.len() as u32));
        data.extend(s);
    }
    assert!(fat.len() <= 128, "the test's FAT is one sector");
    fat.resize(128, FREESECT);
    dir.resize(512, 0);
    let mut out = h;
    out.extend(fat.iter().flat_map(|v| v.to_le_bytes()));
    out.extend(dir);
    out.extend(data);
    out
}

/// The WordDocument and 1Table streams of a Word 97 document whose main
/// text (UTF-16, one piece) is `text`; paragraph marks `\r`, cell marks
/// `\x07` (no property pages: rows end at a mark right after a cell's).
fn word_streams(text: &str) -> (Vec<u8>, Vec<u8>) {
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut plc = Vec::new();
    plc.extend(0u32.to_le_bytes());
    plc.extend((units.len() as u32).to_le_bytes());
    plc.extend([0u8, 0]);
    plc.extend((DOC_TEXT_AT as u32).to_le_bytes());
    plc.extend([0u8, 0]);
    let mut clx = vec![2u8];
    clx.extend((plc.len() as u32).to_le_bytes());
    clx.extend(plc);
    let mut w = vec![0u8; DOC_TEXT_AT];
    w[0..2].copy_from_slice(&0xA5ECu16.to_le_bytes());
    w[2..4].copy_from_slice(&0x00C1u16.to_le_bytes());
    w[10..12].copy_from_slice(&0x0200u16.to_le_bytes());
    w[32..34].copy_from_slice(&14u16.to_le_bytes());
    w[62..64].copy_from_slice(&22u16.to_le_bytes());
    w[76..80].copy_from_slice(&(units.len() as u32).to_le_bytes());
    w[152..154].copy_from_slice(&93u16.to_le_bytes());
    let clx_pair = 154 + 8 * 33;
    w[clx_pair + 4..clx_pair + 8].copy_from_slice(&(clx.len() as u32).to_le_bytes());
    w.extend(units.iter().flat_map(|u| u.to_le_bytes()));
    (w, clx)
}

const DOC_TEXT: &str = "某区2024年民生实事项目\r序号\x07项目名称\x07责任单位\x07\x071\x07城市公园建设\x07区住建委\x07\x072\x07农村公路提升\x07区交通局\x07\x07\r";

fn small_doc() -> Vec<u8> {
    let (w, t) = word_streams(DOC_TEXT);
    compound(&[("WordDocument", w), ("1Table", t)])
}

/// Runs `f` and checks it took under a second (a hostile file must not make
/// the reader loop or grow).
#[test]
fn a_built_doc_and_the_same_as_wps_read() {
    let bytes = small_doc();
    for name in ["built.doc", "built.wps"] {
        let doc = extract(&bytes, name).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc.source.format, "doc");
        assert_eq!(doc.records.len(), 2, "{name}");
        assert_eq!(doc.records[1].name.as_deref(), Some("农村公路提升"));
    }
}

/// Damage anywhere on the way to the text fails as a damaged file, naming
/// what is wrong, quickly and without a panic.
#[test]
fn damaged_doc_files_fail_naming_the_damage() {
    let good = small_doc();
    let damaged = |bytes: &[u8], name: &str, want: &str| {
        let err = quickly(name, || extract(bytes, name)).expect_err(name);
        assert!(matches!(err, Error::Damaged { .. }), "{name}: {err}");
        assert_eq!(err.disposition(), Disposition::Failed, "{name}");
        assert!(err.to_string().contains(want), "{name}: {err}");
    };
    // Truncated: the directory is cut short, or a chain runs past the end.
    damaged(&good[..1100], "cut.doc", "the directory has no root entry");
    for cut in [600, good.len() / 2, good.len() - 512] {
        damaged(&good[..cut], "cut.doc", "past the end of the file");
    }
    // A sector chain that points outside the file (the WordDocument stream
    // starts at sector 2; its FAT entry is the third).
    let fat = 512;
    let mut bad = good.clone();
    bad[fat + 8..fat + 12].copy_from_slice(&9999u32.to_le_bytes());
    damaged(
        &bad,
        "chain.doc",
        "the WordDocument stream names sector 9999",
    );
    // A cyclic FAT: the stream's chain loops back to its first sector.
    let mut cyc = good.clone();
    cyc[fat + 12..fat + 16].copy_from_slice(&2u32.to_le_bytes());
    damaged(&cyc, "cycle.doc", "loops back to sector 2");
    // The piece table names text past the end of the WordDocument stream.
    let (mut w, t) = word_streams(DOC_TEXT);
    let pcd_fc = 1 + 4 + 8 + 2;
    let mut t2 = t.clone();
    t2[pcd_fc..pcd_fc + 4].copy_from_slice(&0x0010_0000u32.to_le_bytes());
    damaged(
        &compound(&[("WordDocument", w.clone()), ("1Table", t2)]),
        "piece.doc",
        "runs past the end of the WordDocument stream",
    );
    // A piece table whose size would overflow any count of pieces.
    let mut t3 = t.clone();
    t3[1..5].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
    damaged(
        &compound(&[("WordDocument", w.clone()), ("1Table", t3)]),
        "count.doc",
        "runs past the end of the CLX",
    );
    // The CLX's place in the FIB past the table stream.
    let clx_pair = 154 + 8 * 33;
    w[clx_pair..clx_pair + 4].copy_from_slice(&0x7FFF_FFF0u32.to_le_bytes());
    damaged(
        &compound(&[("WordDocument", w), ("1Table", t)]),
        "clx.doc",
        "runs past the end of the stream",
    );
}

/// An encrypted document and a Word 6.0/95 one are skipped with a message
/// that names what they are.
#[test]
fn encrypted_and_pre_97_doc_files_are_skipped_saying_what_they_are() {
    let (w, t) = word_streams(DOC_TEXT);
    let mut enc = w.clone();
    enc[10..12].copy_from_slice(&0x0300u16.to_le_bytes());
    let mut w6 = w.clone();
    w6[0..2].copy_from_slice(&0xA5DCu16.to_le_bytes());
    w6[2..4].copy_from_slice(&0x0065u16.to_le_bytes());
    for (word, want) in [
        (
            enc,
            "an encrypted (password-protected) Word 97-2003 document",
        ),
        (w6, "a Word 6.0/95 document (nFib 0x0065"),
    ] {
        let bytes = compound(&[("WordDocument", word), ("1Table", t.clone())]);
        let err = quickly(want, || extract(&bytes, "old.doc")).expect_err(want);
        assert!(matches!(err, Error::Unsupported { .. }), "{err}");
        assert_eq!(err.disposition(), Disposition::Skipped);
        assert!(err.to_string().contains(want), "{err}");
    }
}

/// The fixture .doc files (LibreOffice's Word 97 export) read, and each
/// truncation of one fails without a panic.
#[test]
fn fixture_doc_files_read_and_their_truncations_fail() {
    let p = common::root().join("fixtures/formats/yubei-2024-minsheng.doc");
    let bytes = std::fs::read(p).expect("fixture");
    assert!(!extract(&bytes, "f.doc").expect("reads").records.is_empty());
    for cut in (0..bytes.len()).step_by(4099) {
        let r = quickly("cut", || extract(&bytes[..cut], "cut.doc"));
        assert!(r.is_err(), "cut at {cut}");
    }
}

/// A PDF from numbered objects (`objects[i]` is object `i + 1`), with a
/// cross-reference table at the offsets they land at and `trailer` inside
/// the trailer dictionary (`/Root 1 0 R` and `/Size` are added).
fn pdf_from(objects: &[Vec<u8>], trailer: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    let trailer = trailer.replace("XREF", &xref.to_string());
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R {trailer} >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// Catalog, page tree, one page drawing `content` (a stream object), and a
/// Helvetica font as /F1.
fn one_page_pdf(content: &[u8], filter: &str, trailer: &str) -> Vec<u8> {
    let mut stream = format!("<< /Length {} {filter} >>\nstream\n", content.len()).into_bytes();
    stream.extend_from_slice(content);
    stream.extend_from_slice(b"\nendstream");
    pdf_from(
        &[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_vec(),
            stream,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        ],
        trailer,
    )
}

/// Runs `f` and checks it took less than a second (a release build; debug
/// builds are given five).
fn quickly<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let t = std::time::Instant::now();
    let r = f();
    let limit = if cfg!(debug_assertions) { 5.0 } else { 1.0 };
    assert!(
        t.elapsed().as_secs_f64() < limit,
        "{what}: {:?}",
        t.elapsed()
    );
    r
}

#[test]
fn a_pdf_with_text_and_no_projects_says_its_text_was_read() {
    let pdf = one_page_pdf(
        b"BT /F1 12 Tf 72 700 Td (Annual report, no projects) Tj ET",
        "",
        "",
    );
    let err = extract(&pdf, "text.pdf").unwrap_err();
    assert!(matches!(err, Error::NoRecords { .. }), "{err}");
    assert!(err.to_string().contains("text layer was read"), "{err}");
    assert_eq!(err.disposition(), Disposition::Skipped);
    // No glyph at all: needs OCR.
    let blank = one_page_pdf(b"0 0 m 100 100 l S", "", "");
    let err = extract(&blank, "blank.pdf").unwrap_err();
    assert!(err.to_string().contains("needs OCR"), "{err}");
}

#[test]
fn truncated_pdfs_are_errors() {
    let whole =
        std::fs::read(common::root().join("fixtures/formats/yubei-2024-minsheng.pdf")).unwrap();
    for cut in [10, 1000, whole.len() / 3, whole.len() / 2, whole.len() - 40] {
        let r = quickly("truncated", || extract(&whole[..cut], "cut.pdf"));
        let err = r.expect_err("a truncated PDF gives no records");
        assert!(err.to_string().starts_with("cut.pdf: "), "{err}");
    }
}

#[test]
fn a_pdf_whose_xref_points_at_itself_is_read_once() {
    // `/Prev` names the table's own offset: a loop lopdf must not follow.
    let pdf = one_page_pdf(b"BT /F1 12 Tf 72 700 Td (x) Tj ET", "", "/Prev XREF");
    let err = quickly("xref loop", || extract(&pdf, "loop.pdf")).unwrap_err();
    assert!(matches!(err, Error::NoRecords { .. }), "{err}");
}

#[test]
fn a_deflate_bomb_in_a_content_stream_is_refused() {
    use notice_extract::limits::MAX_PDF_STREAM_BYTES;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..(MAX_PDF_STREAM_BYTES >> 20) * 2 {
        z.write_all(&zeros).unwrap();
    }
    let bomb = z.finish().unwrap();
    let pdf = one_page_pdf(&bomb, "/Filter /FlateDecode", "");
    let err = quickly("content bomb", || extract(&pdf, "bomb.pdf")).unwrap_err();
    assert!(matches!(err, Error::Limit { .. }), "{err}");
    assert!(err.to_string().contains("MAX_PDF_STREAM_BYTES"), "{err}");
    // The same in an object stream, which lopdf would inflate itself.
    let mut objstm = format!(
        "<< /Type /ObjStm /N 1 /First 4 /Length {} /Filter /FlateDecode >>\nstream\n",
        bomb.len()
    )
    .into_bytes();
    objstm.extend_from_slice(&bomb);
    objstm.extend_from_slice(b"\nendstream");
    let pdf = pdf_from(
        &[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [] /Count 0 >>".to_vec(),
            objstm,
        ],
        "",
    );
    let err = quickly("object stream bomb", || extract(&pdf, "objstm.pdf")).unwrap_err();
    assert!(matches!(err, Error::Limit { .. }), "{err}");
}

#[test]
fn ten_thousand_pages_are_refused() {
    use notice_extract::limits::MAX_PDF_PAGES;
    // A page tree that claims them.
    let claim = pdf_from(
        &[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 10000 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R >>".to_vec(),
        ],
        "",
    );
    let err = quickly("claimed pages", || extract(&claim, "claim.pdf")).unwrap_err();
    assert!(err.to_string().contains("MAX_PDF_PAGES"), "{err}");
    // A page tree that has them, claiming one.
    let n = 10_000;
    let kids: String = (0..n).map(|i| format!("{} 0 R ", i + 3)).collect();
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids [{kids}] /Count 1 >>").into_bytes(),
    ];
    objects.extend((0..n).map(|_| b"<< /Type /Page /Parent 2 0 R >>".to_vec()));
    let pdf = pdf_from(&objects, "");
    let err = quickly("real pages", || extract(&pdf, "pages.pdf")).unwrap_err();
    assert!(matches!(err, Error::Limit { .. }), "{err}");
    assert!(
        err.to_string().contains(&format!("{MAX_PDF_PAGES} pages")),
        "{err}"
    );
}

#[test]
fn deeply_nested_pdf_objects_are_refused() {
    for (open, close) in [("[", "]"), ("<< /A ", ">>")] {
        let deep = format!("{}0{}", open.repeat(100_000), close.repeat(100_000));
        let pdf = pdf_from(
            &[
                b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
                deep.into_bytes(),
            ],
            "",
        );
        let err = quickly("nested objects", || extract(&pdf, "deep.pdf")).unwrap_err();
        assert!(err.to_string().contains("MAX_PDF_NESTING"), "{err}");
    }
    // In a content stream, and a form that draws itself.
    let deep = format!("{} 0 0 m", "[".repeat(100_000));
    let err = extract(&one_page_pdf(deep.as_bytes(), "", ""), "deep.pdf").unwrap_err();
    assert!(err.to_string().contains("MAX_PDF_NESTING"), "{err}");
    let selfref = pdf_from(
        &[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /XObject << /X 4 0 R >> >> >>".to_vec(),
            b"<< /Type /XObject /Subtype /Form /Length 5 /Resources << /XObject << /X 4 0 R >> >> >>\nstream\n/X Do\nendstream".to_vec(),
        ],
        "",
    );
    let err = quickly("form loop", || extract(&selfref, "form.pdf")).unwrap_err();
    assert!(err.to_string().contains("needs OCR"), "{err}");
}
