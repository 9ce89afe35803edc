//! Format readers: bytes of any supported input into the intermediate
//! model. The format is sniffed from the content (magic bytes, zip members,
//! markup), never from the file name alone.

pub mod docx;
pub mod html;
pub mod xlsx;
pub mod zipguard;

use crate::decode;
use crate::error::Error;
use crate::model::Document;

/// What an input is, judged from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    Text,
    Html,
    Zip,
    /// OLE2 compound file: legacy .doc or .xls.
    Ole,
    Pdf,
    Rtf,
}

/// Reads the format from the content.
pub fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Sniffed::Zip;
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Sniffed::Ole;
    }
    let start = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let trimmed = start
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .and_then(|p| start.get(p..))
        .unwrap_or(&[]);
    if trimmed.starts_with(b"%PDF") {
        return Sniffed::Pdf;
    }
    if trimmed.starts_with(b"{\\rtf") {
        return Sniffed::Rtf;
    }
    if looks_like_html(trimmed) {
        return Sniffed::Html;
    }
    Sniffed::Text
}

/// Markup a page starts with, or names early, in any ASCII-compatible encoding.
fn looks_like_html(head: &[u8]) -> bool {
    let head: Vec<u8> = head
        .iter()
        .take(4096)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    if !head.starts_with(b"<") {
        return false;
    }
    [
        &b"<!doctype html"[..],
        b"<html",
        b"<head",
        b"<body",
        b"<meta",
        b"<table",
        b"<div",
        b"<p",
        b"<title",
    ]
    .iter()
    .any(|m| head.windows(m.len()).any(|w| w == *m))
}

/// Input format and encoding, for provenance.
#[derive(Debug, Clone)]
pub struct Origin {
    pub format: &'static str,
    pub encoding: Option<&'static str>,
}

/// Runs a reader so that a panic inside it (or a dependency it calls)
/// becomes an error of this file instead of ending the batch.
fn guarded<T>(path: &str, f: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(p) => {
            let reason = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".into());
            Err(Error::ParserPanic {
                path: path.into(),
                reason,
            })
        }
    }
}

/// Takes a first row that is one cell spanning the whole table (a caption
/// printed inside the table) out of it, and returns its text.
pub fn take_caption(t: &mut crate::model::Table) -> Option<String> {
    use crate::model::Origin;
    let first = t.rows.first()?;
    if t.width < 2
        || !first
            .cells
            .iter()
            .skip(1)
            .all(|c| matches!(c.origin, Origin::ColSpan { col: 0 }))
    {
        return None;
    }
    let text = crate::text::clean(&first.cells.first()?.text);
    t.rows.remove(0);
    t.header_rows = t.header_rows.saturating_sub(1);
    for row in &mut t.rows {
        for c in &mut row.cells {
            if let Origin::RowSpan { row: r } = c.origin {
                c.origin = if r == 0 {
                    Origin::Own
                } else {
                    Origin::RowSpan { row: r - 1 }
                };
            }
        }
    }
    (!text.is_empty()).then_some(text)
}

/// Header rows of a table whose source does not mark them: the first row and
/// the rows its row-spanning cells reach down over.
pub fn header_depth(t: &crate::model::Table) -> usize {
    if t.rows.is_empty() {
        return 0;
    }
    let mut depth = 1;
    for (i, row) in t.rows.iter().enumerate().skip(1) {
        let covered = row
            .cells
            .iter()
            .filter(|c| c.origin == crate::model::Origin::RowSpan { row: 0 })
            .count();
        if covered > 0 && covered * 2 >= row.cells.len() && i == depth {
            depth += 1;
        } else {
            break;
        }
    }
    depth
}

/// Reads any supported input into a [`Document`].
pub fn read(bytes: &[u8], path: &str) -> Result<(Document, Origin), Error> {
    decode::check_size(bytes, path)?;
    let unsupported = |format: &str, advice: &str| Error::Unsupported {
        path: path.into(),
        format: format.into(),
        advice: advice.into(),
    };
    match sniff(bytes) {
        Sniffed::Zip => {
            let mut z = zipguard::open(bytes, path)?;
            let names = zipguard::names(&z);
            if names.iter().any(|n| n == "word/document.xml") {
                let doc = guarded(path, || docx::read(&mut z, path))?;
                return Ok((doc, Origin { format: "docx", encoding: None }));
            }
            let ods = names.iter().any(|n| n == "content.xml") && !names.iter().any(|n| n.starts_with("xl/"));
            if names.iter().any(|n| n == "xl/workbook.xml") || ods {
                let doc = guarded(path, || xlsx::read(bytes, &mut z, path))?;
                return Ok((doc, Origin { format: if ods { "ods" } else { "xlsx" }, encoding: None }));
            }
            Err(unsupported(
                "a zip archive that is neither DOCX, XLSX nor ODS",
                "save the notice as DOCX, XLSX, HTML or text",
            ))
        }
        Sniffed::Ole => Err(unsupported(
            "a legacy Office 97-2003 file (.doc/.xls)",
            "convert it first: soffice --headless --convert-to docx FILE (or xlsx)",
        )),
        Sniffed::Pdf => Err(unsupported(
            "PDF",
            "convert it to text first, e.g. pdftotext -layout FILE, or find the notice's web page or DOCX",
        )),
        Sniffed::Rtf => Err(unsupported("RTF", "convert it first: soffice --headless --convert-to docx FILE")),
        Sniffed::Html => {
            let declared = decode::declared_charset(bytes);
            let d = decode::decode(bytes, path, declared)?;
            let depth = html::markup_depth(&d.text);
            if depth > html::MAX_DEPTH {
                return Err(Error::Limit {
                    path: path.into(),
                    what: format!("markup nests {depth} elements deep"),
                    limit: format!("{} (MAX_DEPTH)", html::MAX_DEPTH),
                });
            }
            let mut doc = guarded(path, || Ok(html::parse(&d.text)))?;
            let mut w = d.warnings;
            w.append(&mut doc.warnings);
            doc.warnings = w;
            Ok((doc, Origin { format: "html", encoding: Some(d.encoding) }))
        }
        Sniffed::Text => {
            let d = decode::decode(bytes, path, None)?;
            let mut doc = crate::layout::parse_text(&d.text);
            let mut w = d.warnings;
            w.append(&mut doc.warnings);
            doc.warnings = w;
            Ok((doc, Origin { format: "text", encoding: Some(d.encoding) }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing() {
        assert_eq!(sniff(b"PK\x03\x04rest"), Sniffed::Zip);
        assert_eq!(sniff(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), Sniffed::Ole);
        assert_eq!(sniff(b"  %PDF-1.7"), Sniffed::Pdf);
        assert_eq!(sniff(b"\xEF\xBB\xBF<!DOCTYPE html><html>"), Sniffed::Html);
        assert_eq!(sniff(b"<TABLE><TR><TD>1</TD></TR></TABLE>"), Sniffed::Html);
        assert_eq!(sniff("序号 |\n项目名称 |".as_bytes()), Sniffed::Text);
        assert_eq!(sniff(b"<<not markup"), Sniffed::Text);
    }
}
