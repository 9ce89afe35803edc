//! Hostile and damaged files give errors naming the file and the reason,
//! never a panic, and the limits say which limit.

use notice_extract::{extract, Error};
use std::io::Write;

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
    assert!(
        err.to_string().contains("bad.docx: malformed document"),
        "{err}"
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
        msg.contains("word/document.xml inflates past") && msg.contains("MAX_RATIO"),
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
    assert!(doc.records[2].source.inherited.contains(&"seq".to_string()));
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
    assert!(msg.starts_with("far.xlsx: "), "{msg}");
    assert!(
        msg.contains("1048576 rows × 16384 columns") && msg.contains("MAX_SHEET_CELLS"),
        "{msg}"
    );
}
