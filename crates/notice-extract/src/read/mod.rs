//! Format readers: bytes of any supported input into the intermediate
//! model. The format is sniffed from the content (magic bytes, zip members,
//! markup), never from the file name alone.

pub mod doc;
pub mod docx;
pub mod html;
pub mod ole;
pub mod pdf;
pub mod xlsx;
pub mod zipguard;

use crate::decode;
use crate::error::Error;
use crate::model::{Block, Document, InputFormat, MetaField};
use crate::vocab::labels::meta_label;

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
    /// The format found from the content.
    pub format: crate::model::InputFormat,
    /// The encoding text and HTML were decoded from (`UTF-8`, `GBK` …); None
    /// for the binary formats.
    pub encoding: Option<&'static str>,
}

thread_local! {
    /// Set while a [`guarded`] reader runs on this thread: its panics are
    /// caught and reported as the file's error, so they print nothing.
    static QUIET_PANICS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Installs, once per process, a panic hook that stays silent for a panic
/// inside a [`guarded`] reader (it becomes [`Error::ParserPanic`]) and hands
/// every other panic to the hook that was there before, so a real bug still
/// prints its message and backtrace.
fn install_quiet_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET_PANICS.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
}

/// Restores the thread's quiet flag when a guarded call ends, also by unwinding.
struct QuietScope(bool);

impl QuietScope {
    fn enter() -> Self {
        QuietScope(QUIET_PANICS.with(|q| q.replace(true)))
    }
}

impl Drop for QuietScope {
    fn drop(&mut self) {
        QUIET_PANICS.with(|q| q.set(self.0));
    }
}

/// Runs a reader so that a panic inside it (or a dependency it calls)
/// becomes an error of this file instead of ending the batch, without
/// printing anything: the checks before each third-party parser are meant
/// to keep damage away from it, and this is the last resort when they miss.
fn guarded<T>(path: &str, f: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    install_quiet_hook();
    let caught = {
        let _quiet = QuietScope::enter();
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
    };
    match caught {
        Ok(r) => r,
        Err(p) => {
            let reason = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".into());
            Err(Error::ParserPanic {
                at: path.into(),
                reason,
            })
        }
    }
}

/// A small table of label/value cells (索引号 | 1150… | 发文字号 | 武隆府办发〔2023〕4号 …),
/// or of `label：value` cells, read as metadata fields.
pub fn metadata_block(t: &crate::model::Table) -> Option<Vec<MetaField>> {
    let own = |c: &&crate::model::Cell| c.origin == crate::model::Origin::Own;
    let labels = t
        .rows
        .iter()
        .flat_map(|r| r.cells.iter().filter(own))
        .filter(|c| {
            meta_label(&c.text).is_some()
                || c.text
                    .split_once(['：', ':'])
                    .is_some_and(|(k, _)| meta_label(k).is_some())
        })
        .count();
    if labels < 2 || t.width > 8 {
        return None;
    }
    let mut out = Vec::new();
    for row in &t.rows {
        let cells: Vec<&crate::model::Cell> = row.cells.iter().filter(own).collect();
        let mut it = cells.into_iter().peekable();
        while let Some(c) = it.next() {
            if let Some(label) = meta_label(&c.text) {
                let value = it
                    .next_if(|v| meta_label(&v.text).is_none())
                    .map(|v| v.text.clone())
                    .unwrap_or_default();
                out.push(MetaField {
                    label,
                    value: crate::text::clean(&value),
                });
            } else if let Some((k, v)) = c.text.split_once(['：', ':']) {
                if let Some(label) = meta_label(k) {
                    out.push(MetaField {
                        label,
                        value: crate::text::clean(v),
                    });
                }
            }
        }
    }
    Some(out)
}

/// What every structured reader does last: metadata-block tables become
/// fields, page chrome among the paragraphs is dropped by the same table the
/// text layouts use, and numbered paragraphs become lists.
pub fn finish(mut doc: Document) -> Document {
    let mut blocks = Vec::with_capacity(doc.blocks.len());
    for b in std::mem::take(&mut doc.blocks) {
        match b {
            Block::Table(t) => match metadata_block(&t) {
                Some(fields) => doc.metadata.extend(fields),
                None => blocks.push(Block::Table(t)),
            },
            other => blocks.push(other),
        }
    }
    let texts: Vec<&str> = blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(p) => p.text.as_str(),
            _ => "",
        })
        .collect();
    let chrome = crate::vocab::chrome::chrome_mask(&texts);
    let kept: Vec<Block> = blocks
        .into_iter()
        .zip(chrome)
        .filter(|(_, c)| !c)
        .map(|(b, _)| b)
        .collect();
    doc.blocks = kept;
    doc
}

/// True when a table row prints a single text and nothing else: a caption
/// or a unit note printed inside the table (`某区2024年民生实事项目表`,
/// `单位：万元` in the last cell of an otherwise empty row).
fn is_caption_row(row: &crate::model::Row) -> bool {
    let mut texts = row
        .cells
        .iter()
        .filter(|c| !matches!(c.origin, crate::model::Origin::ColSpan { .. }))
        .map(|c| c.text.trim())
        .filter(|t| !t.is_empty());
    texts.next().is_some() && texts.next().is_none()
}

/// Takes the rows at the top of a table that each print a single text
/// (captions and unit notes printed inside the table) out of it, and
/// returns their texts in order. A table keeps at least two rows.
pub fn take_captions(t: &mut crate::model::Table) -> Vec<String> {
    use crate::model::Origin;
    let mut out = Vec::new();
    while t.width >= 2 && t.rows.len() > 2 && t.rows.first().is_some_and(is_caption_row) {
        let first = t.rows.remove(0);
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
        let text = first
            .cells
            .iter()
            .map(|c| crate::text::clean(&c.text))
            .find(|t| !t.is_empty())
            .unwrap_or_default();
        out.push(text);
    }
    out
}

/// The last step of every structured reader for one table, so the three
/// readers cannot drift apart: captions printed in its top rows become
/// paragraphs before it, header rows the source did not mark are inferred,
/// and a table left with no rows is dropped.
pub(crate) fn push_table(blocks: &mut Vec<Block>, mut t: crate::model::Table) {
    for text in take_captions(&mut t) {
        blocks.push(Block::Paragraph(crate::model::Paragraph {
            text,
            line: None,
        }));
    }
    if t.header_rows == 0 {
        t.header_rows = header_depth(&t);
    }
    if !t.rows.is_empty() {
        blocks.push(Block::Table(t));
    }
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
        at: path.into(),
        format: format.into(),
        advice: advice.into(),
    };
    match sniff(bytes) {
        Sniffed::Zip => {
            let mut z = zipguard::open(bytes, path)?;
            let names = zipguard::names(&z);
            if names.iter().any(|n| n == "word/document.xml") {
                let doc = guarded(path, || docx::read(&mut z, path))?;
                return Ok((doc, Origin { format: InputFormat::Docx, encoding: None }));
            }
            let ods = names.iter().any(|n| n == "content.xml") && !names.iter().any(|n| n.starts_with("xl/"));
            if names.iter().any(|n| n == "xl/workbook.xml") || ods {
                let doc = guarded(path, || xlsx::read(bytes, &mut z, path))?;
                return Ok((doc, Origin { format: if ods { InputFormat::Ods } else { InputFormat::Xlsx }, encoding: None }));
            }
            Err(unsupported(
                "a zip archive that is neither DOCX, XLSX nor ODS",
                "save the notice as DOCX, XLSX, HTML or text",
            ))
        }
        Sniffed::Ole => match ole::check(bytes) {
            Err(reason) => Err(Error::Damaged {
                at: path.into(),
                reason,
            }),
            Ok(ole::Kind::Workbook { largest_sheet }) => {
                if largest_sheet > xlsx::MAX_SHEET_CELLS {
                    return Err(Error::Limit {
                        at: path.into(),
                        what: format!("a sheet whose cells span {largest_sheet} cells"),
                        limit: format!(
                            "{} cells per sheet (MAX_SHEET_CELLS)",
                            xlsx::MAX_SHEET_CELLS
                        ),
                    });
                }
                let doc = guarded(path, || xlsx::read_xls(bytes, path))?;
                Ok((doc, Origin { format: InputFormat::Xls, encoding: None }))
            }
            Ok(ole::Kind::WordDocument) => {
                let doc = guarded(path, || doc::read(bytes, path))?;
                Ok((doc, Origin { format: InputFormat::Doc, encoding: None }))
            }
            Ok(ole::Kind::Other) => Err(unsupported(
                "a legacy Office file that is neither Excel nor Word 97-2003",
                "save the notice as DOCX, XLSX, HTML or text",
            )),
        },
        Sniffed::Pdf => match guarded(path, || pdf::read(bytes, path))? {
            pdf::Read::Text(doc) => Ok((doc, Origin { format: InputFormat::Pdf, encoding: None })),
            // No glyph on any page: a scan (or pages of drawings). Reading
            // it would need OCR, which this tool does not do.
            pdf::Read::NoText { images } => Err(unsupported(
                if images > 0 {
                    "a PDF with no text layer (its pages are scanned images)"
                } else {
                    "a PDF with no text layer"
                },
                "it needs OCR, which this tool does not do: run OCR on it first (for example `ocrmypdf FILE OUT.pdf`), or use the notice's web page or its DOCX/XLSX attachment",
            )),
        },
        Sniffed::Rtf => Err(unsupported("RTF", "convert it first: soffice --headless --convert-to docx FILE")),
        Sniffed::Html => {
            let declared = decode::declared_charset(bytes);
            let d = decode::decode(bytes, path, declared)?;
            let depth = html::markup_depth(&d.text);
            if depth > html::MAX_DEPTH {
                return Err(Error::Limit {
                    at: path.into(),
                    what: format!("markup nests {depth} elements deep"),
                    limit: format!("{} (MAX_DEPTH)", html::MAX_DEPTH),
                });
            }
            let text = crate::text::strip_pinyin_glosses(&d.text);
            let mut doc = guarded(path, || Ok(html::parse(&text)))?;
            let mut w = d.warnings;
            w.append(&mut doc.warnings);
            doc.warnings = w;
            Ok((doc, Origin { format: InputFormat::Html, encoding: Some(d.encoding) }))
        }
        Sniffed::Text => {
            let d = decode::decode(bytes, path, None)?;
            let mut doc = crate::layout::parse_text(&d.text);
            let mut w = d.warnings;
            w.append(&mut doc.warnings);
            doc.warnings = w;
            Ok((doc, Origin { format: InputFormat::Text, encoding: Some(d.encoding) }))
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

    #[test]
    fn captions_and_unit_notes_leave_the_table() {
        use crate::model::{Cell, Origin, Row, Table};
        let row = |cells: Vec<Cell>| Row { cells, line: None };
        let span = |col| Cell {
            text: "表".into(),
            origin: Origin::ColSpan { col },
        };
        let mut t = Table {
            width: 3,
            header_rows: 0,
            rows: vec![
                row(vec![Cell::own("表"), span(0), span(0)]),
                row(vec![Cell::own(""), Cell::own(""), Cell::own("单位：万元")]),
                row(vec![
                    Cell::own("序号"),
                    Cell::own("项目名称"),
                    Cell::own("总投资"),
                ]),
                row(vec![Cell::own("1"), Cell::own("甲"), Cell::own("100")]),
                row(vec![
                    Cell {
                        text: "1".into(),
                        origin: Origin::RowSpan { row: 3 },
                    },
                    Cell::own("乙"),
                    Cell::own("50"),
                ]),
            ],
            layout: crate::model::Layout::HtmlTable,
        };
        assert_eq!(take_captions(&mut t), vec!["表", "单位：万元"]);
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.rows[0].cells[0].text, "序号");
        // Spans still point at the row they copy.
        assert_eq!(t.rows[2].cells[0].origin, Origin::RowSpan { row: 1 });
        // A one-text row is a caption only with at least two rows under it.
        let mut small = Table {
            width: 2,
            header_rows: 0,
            rows: vec![
                row(vec![Cell::own("说明"), Cell::own("")]),
                row(vec![Cell::own("1"), Cell::own("甲")]),
            ],
            layout: crate::model::Layout::HtmlTable,
        };
        assert!(take_captions(&mut small).is_empty());
    }
}
