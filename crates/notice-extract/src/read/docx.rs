//! DOCX (`word/document.xml`, read with zip + quick-xml as a stream) into the
//! intermediate model: paragraphs and tables in body order, vertical merges
//! (`w:vMerge`) and `w:gridSpan` resolved, a cell's paragraphs joined with
//! line breaks and runs without spaces, deleted text (`w:del`) not read,
//! header rows marked `w:tblHeader` counted as header. Word's automatic
//! numbering is not in the text, so numbered paragraphs get their `N.` back.
//!
//! Why not docx-rs: it preallocates what an archive declares and unwraps
//! internally, and it builds a whole object model where one streaming pass
//! suffices (see ARCHITECTURE.md).

use crate::error::{Error, Location};
use crate::model::{Block, Cell, Document, Origin, Paragraph, Row, Table};
use quick_xml::escape::unescape;
use quick_xml::events::{BytesStart, Event};
use std::borrow::Cow;
use std::collections::HashMap;

/// Deepest nesting of tables read. Only the outermost table is kept as a
/// grid (a table inside a cell becomes that cell's text); the nesting is
/// bounded so that a hostile document cannot grow the stack of open tables
/// with its size. Word's own limit is far lower in practice.
pub const MAX_NESTED_TABLES: usize = 64;
/// The member that holds a Word document's body.
const DOCUMENT_XML: &str = "word/document.xml";
/// Most columns a DOCX table may span.
pub const MAX_GRID_COLUMNS: usize = 1_000;

#[derive(Debug, Clone, Copy, PartialEq)]
enum VMerge {
    None,
    Restart,
    Continue,
}

#[derive(Debug)]
struct TcState {
    text: String,
    span: usize,
    vmerge: VMerge,
}

#[derive(Debug, Default)]
struct TrState {
    cells: Vec<TcState>,
    header: bool,
    before: usize,
}

#[derive(Debug, Default)]
struct TblState {
    rows: Vec<TrState>,
    tr: Option<TrState>,
    tc: Option<TcState>,
}

/// A name without its prefix: what follows the last `:`.
fn local(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, l)| l)
}

/// An attribute's value, entity and character references resolved, by its
/// name without prefix. Only references are resolved: whitespace is kept as
/// written (quick-xml's `normalized_value` would turn tabs and line breaks
/// into spaces), and a value with an unknown or broken reference is absent.
fn attr(e: &BytesStart, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| local(a.key.as_ref()) == key)
        .and_then(|a| unescape(&a.value).ok().map(Cow::into_owned))
}

fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let n = name.strip_prefix('#')?;
            let code = match n.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => n.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// What stands, in the text quick-xml reads, for each byte of
/// `word/document.xml` that is not UTF-8: SUB, a control character that XML
/// may not hold. One byte for one, so positions stay those of the file.
const NOT_UTF8: char = '\u{1A}';

/// The document as text for quick-xml, which reads UTF-8 only and stops at
/// the first byte that is not. The document is read as before, when the
/// reader took bytes: such bytes in markup, attributes or text that is not
/// read are passed over, and only in text that is read are they an error.
/// A copy is made only when there is such a byte.
fn as_text(xml: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(xml) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => {
            let mut text = String::with_capacity(xml.len());
            for chunk in xml.utf8_chunks() {
                text.push_str(chunk.valid());
                text.extend(std::iter::repeat_n(NOT_UTF8, chunk.invalid().len()));
            }
            Cow::Owned(text)
        }
    }
}

/// Parses `word/document.xml`.
pub fn parse_document_xml(xml: &[u8], path: &str) -> Result<Document, Error> {
    let text = as_text(xml);
    let mut reader = quick_xml::Reader::from_str(&text);
    reader.config_mut().trim_text(false);
    let mut body = Body {
        not_utf8: matches!(text, Cow::Owned(_)),
        ..Body::default()
    };
    let err = |e: quick_xml::Error, pos: u64| Error::Malformed {
        at: Location::file(path).member(DOCUMENT_XML).byte(pos),
        reason: e.to_string(),
    };
    loop {
        let pos = reader.buffer_position();
        // Events borrow from `text` (no copy into a buffer): the document is
        // already in memory, inflated under the zip budget.
        let ev = reader.read_event().map_err(|e| err(e, pos))?;
        match ev {
            Event::Eof => break,
            Event::Start(ref e) | Event::Empty(ref e) => {
                body.start(e, matches!(ev, Event::Empty(_)), path)?;
            }
            Event::End(ref e) => body.end(local(e.name().as_ref())),
            // Text as written: line ends are not normalised (`xml_content`
            // would turn a lone `\r` into a line break). References arrive
            // as `GeneralRef`.
            Event::Text(t) if body.reads_text() => {
                if let Some(at) = t.find(NOT_UTF8).filter(|_| body.not_utf8) {
                    let at = pos.saturating_add(at as u64);
                    return Err(Error::Malformed {
                        at: Location::file(path).member(DOCUMENT_XML).byte(at),
                        reason: "text is not UTF-8".into(),
                    });
                }
                body.para.push_str(&t);
            }
            // Bytes not UTF-8 in CDATA (never written by Word) read as U+FFFD.
            Event::CData(t) if body.reads_text() => {
                if body.not_utf8 {
                    body.para.push_str(&t.replace(NOT_UTF8, "\u{FFFD}"));
                } else {
                    body.para.push_str(&t);
                }
            }
            Event::GeneralRef(r) if body.reads_text() => {
                if let Some(c) = entity(&r) {
                    body.para.push(c);
                }
            }
            _ => {}
        }
    }
    Ok(super::finish(Document {
        layout: crate::model::Layout::Docx,
        blocks: body.blocks,
        metadata: Vec::new(),
        warnings: Vec::new(),
    }))
}

/// The reader's state while it walks `word/document.xml`.
#[derive(Default)]
struct Body {
    blocks: Vec<Block>,
    /// Open tables, outermost first.
    tables: Vec<TblState>,
    /// The text of the current paragraph.
    para: String,
    in_text: bool,
    /// Depth inside elements whose text is not the document's (deleted
    /// text, field instructions).
    skip: usize,
    /// (numId, ilvl) of the current paragraph.
    num: Option<(String, String)>,
    counters: HashMap<(String, String), u32>,
    /// The document held bytes not UTF-8 (each read as [`NOT_UTF8`]).
    not_utf8: bool,
}

impl Body {
    fn reads_text(&self) -> bool {
        self.in_text && self.skip == 0
    }

    /// A `w:val` attribute; a value that held bytes not UTF-8 is absent.
    fn val(&self, e: &BytesStart) -> Option<String> {
        attr(e, "val").filter(|v| !(self.not_utf8 && v.contains(NOT_UTF8)))
    }

    /// The open cell of the innermost table.
    fn cell(&mut self) -> Option<&mut TcState> {
        self.tables.last_mut().and_then(|t| t.tc.as_mut())
    }

    /// The open row of the innermost table.
    fn row(&mut self) -> Option<&mut TrState> {
        self.tables.last_mut().and_then(|t| t.tr.as_mut())
    }

    fn start(&mut self, e: &BytesStart, empty: bool, path: &str) -> Result<(), Error> {
        if self.skip > 0 {
            if !empty {
                self.skip += 1;
            }
            return Ok(());
        }
        let name = e.name();
        match local(name.as_ref()) {
            "del" | "delText" | "instrText" | "moveFrom" | "fldData" if !empty => self.skip = 1,
            "t" if !empty => self.in_text = true,
            "tab" => self.para.push(' '),
            "br" | "cr" => self.para.push('\n'),
            "numId" => {
                if let Some(v) = self.val(e) {
                    let level = self.num.take().map(|n| n.1).unwrap_or_else(|| "0".into());
                    self.num = Some((v, level));
                }
            }
            "ilvl" => {
                if let Some(v) = self.val(e) {
                    let id = self.num.take().map(|n| n.0).unwrap_or_default();
                    self.num = Some((id, v));
                }
            }
            "p" if !empty => {
                self.para.clear();
                self.num = None;
            }
            "tbl" if !empty => {
                if self.tables.len() >= MAX_NESTED_TABLES {
                    return Err(Error::Limit {
                        at: path.into(),
                        what: format!("tables nested {} deep", self.tables.len() + 1),
                        limit: format!("{MAX_NESTED_TABLES} (MAX_NESTED_TABLES)"),
                    });
                }
                // A nested table's text joins the outer cell when it closes.
                self.tables.push(TblState::default());
            }
            "tr" if !empty => {
                if let Some(t) = self.tables.last_mut() {
                    t.tr = Some(TrState::default());
                }
            }
            "tblHeader" => {
                let header = self.val(e).is_none_or(|v| v != "0" && v != "false");
                if let Some(tr) = self.row().filter(|_| header) {
                    tr.header = true;
                }
            }
            "gridBefore" => {
                let before = self.val(e).and_then(|v| v.parse().ok()).unwrap_or(0);
                if let Some(tr) = self.row() {
                    tr.before = before.min(MAX_GRID_COLUMNS);
                }
            }
            "tc" if !empty => {
                if let Some(t) = self.tables.last_mut() {
                    t.tc = Some(TcState {
                        text: String::new(),
                        span: 1,
                        vmerge: VMerge::None,
                    });
                }
            }
            "gridSpan" => {
                let span = self.val(e).and_then(|v| v.parse().ok()).unwrap_or(1);
                if let Some(tc) = self.cell() {
                    tc.span = span.clamp(1, MAX_GRID_COLUMNS);
                }
            }
            "vMerge" => {
                let vmerge = match self.val(e).as_deref() {
                    Some("restart") => VMerge::Restart,
                    _ => VMerge::Continue,
                };
                if let Some(tc) = self.cell() {
                    tc.vmerge = vmerge;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, tag: &str) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        match tag {
            "t" => self.in_text = false,
            "p" => self.end_paragraph(),
            "tc" => {
                if let Some(t) = self.tables.last_mut() {
                    if let (Some(tc), Some(tr)) = (t.tc.take(), t.tr.as_mut()) {
                        tr.cells.push(tc);
                    }
                }
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    if let Some(tr) = t.tr.take() {
                        t.rows.push(tr);
                    }
                }
            }
            "tbl" => self.end_table(),
            _ => {}
        }
    }

    /// A paragraph ends: numbered as Word shows it (`N.` at the first
    /// level), into the open cell, or a block of its own outside tables.
    fn end_paragraph(&mut self) {
        let mut text = std::mem::take(&mut self.para);
        if let Some(key) = self
            .num
            .take()
            .filter(|(id, _)| !id.is_empty() && id != "0")
        {
            let n = self.counters.entry(key.clone()).or_insert(0);
            *n += 1;
            if key.1 == "0" && !text.trim().is_empty() {
                text = format!("{n}.{}", text.trim_start());
            }
        }
        if let Some(tc) = self.cell() {
            if !tc.text.is_empty() {
                tc.text.push('\n');
            }
            tc.text.push_str(&text);
            return;
        }
        // A paragraph directly in a nested table's row cannot happen;
        // outside tables it is a block.
        if self.tables.is_empty() {
            for line in text.split('\n') {
                let t = crate::text::clean(line);
                if !t.is_empty() {
                    self.blocks.push(Block::Paragraph(Paragraph {
                        text: t,
                        line: None,
                    }));
                }
            }
        }
    }

    /// A table ends: a nested one becomes text of the outer cell, an
    /// outermost one a table of the document.
    fn end_table(&mut self) {
        let Some(done) = self.tables.pop() else {
            return;
        };
        if let Some(outer) = self.cell() {
            for r in &done.rows {
                let line: Vec<&str> = r.cells.iter().map(|c| c.text.as_str()).collect();
                if !outer.text.is_empty() {
                    outer.text.push('\n');
                }
                outer.text.push_str(&line.join(" "));
            }
        } else if let Some(t) = resolve(done) {
            super::push_table(&mut self.blocks, t);
        }
    }
}

/// Places the cells of a table on its grid: `w:gridSpan` covers columns to
/// the right, `w:vMerge` continuation copies the cell above.
fn resolve(t: TblState) -> Option<Table> {
    let mut rows: Vec<Row> = Vec::new();
    let mut header_rows = 0;
    let mut counting_header = true;
    for tr in t.rows {
        if counting_header && tr.header {
            header_rows += 1;
        } else {
            counting_header = false;
        }
        let mut cells: Vec<Cell> = vec![Cell::own(""); tr.before];
        for tc in tr.cells {
            let col = cells.len();
            let first = match tc.vmerge {
                VMerge::Continue => {
                    let above = rows.last().and_then(|r| r.cells.get(col));
                    match above {
                        Some(a) => Cell {
                            text: a.text.clone(),
                            origin: match a.origin {
                                Origin::RowSpan { row } => Origin::RowSpan { row },
                                _ => Origin::RowSpan {
                                    row: rows.len() - 1,
                                },
                            },
                        },
                        None => Cell::own(crate::text::clean_multiline(&tc.text)),
                    }
                }
                _ => Cell::own(crate::text::clean_multiline(&tc.text)),
            };
            for k in 0..tc.span {
                if k == 0 {
                    cells.push(first.clone());
                } else {
                    cells.push(Cell {
                        text: first.text.clone(),
                        origin: match first.origin {
                            Origin::RowSpan { row } => Origin::RowSpan { row },
                            _ => Origin::ColSpan { col },
                        },
                    });
                }
            }
        }
        rows.push(Row { cells, line: None });
    }
    let width = rows.iter().map(|r| r.cells.len()).max()?;
    for r in &mut rows {
        r.cells.resize(width, Cell::own(""));
    }
    // Rows marked as repeating headers; unmarked, the caller infers them
    // once captions printed inside the table are taken out.
    Some(Table {
        width,
        header_rows,
        rows,
        layout: crate::model::Layout::DocxTable,
    })
}

/// Reads a DOCX archive that passed the zip budget.
pub fn read(z: &mut super::zipguard::Archive, path: &str) -> Result<Document, Error> {
    let xml =
        super::zipguard::read_member(z, DOCUMENT_XML, path)?.ok_or_else(|| Error::Malformed {
            at: path.into(),
            reason: "no word/document.xml in the archive".into(),
        })?;
    parse_document_xml(&xml, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    #[test]
    fn merges_deletions_and_numbering() {
        let xml = format!(
            r#"<w:document {W}><w:body>
            <w:p><w:r><w:t>附件</w:t></w:r><w:r><w:t xml:space="preserve">1</w:t></w:r></w:p>
            <w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>甲项目:建成2个。</w:t></w:r></w:p>
            <w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>乙项目:建成3个。</w:t></w:r></w:p>
            <w:tbl>
              <w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:p><w:r><w:t>序号</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>名称</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>单位</w:t></w:r></w:p></w:tc></w:tr>
              <w:tr><w:tc><w:tcPr><w:gridSpan w:val="3"/></w:tcPr><w:p><w:r><w:t>一、区级</w:t></w:r></w:p></w:tc></w:tr>
              <w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>甲</w:t></w:r><w:del><w:r><w:delText>删</w:delText></w:r></w:del></w:p></w:tc><w:tc><w:p><w:r><w:t>区教委</w:t></w:r></w:p><w:p><w:r><w:t>区残联 &amp; 区民政局</w:t></w:r></w:p></w:tc></w:tr>
              <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>甲二</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>
            </w:tbl></w:body></w:document>"#
        );
        let doc = parse_document_xml(xml.as_bytes(), "t.docx").unwrap();
        let b = &doc.blocks;
        assert!(matches!(&b[0], Block::Paragraph(p) if p.text == "附件1"));
        // Word numbering restored in the text (lists are read from it later).
        assert!(matches!(&b[1], Block::Paragraph(p) if p.text == "1.甲项目:建成2个。"));
        assert!(matches!(&b[2], Block::Paragraph(p) if p.text == "2.乙项目:建成3个。"));
        let Block::Table(t) = &b[3] else {
            panic!("table")
        };
        assert_eq!((t.width, t.header_rows, t.rows.len()), (3, 1, 4));
        assert_eq!(t.rows[1].cells[2].origin, Origin::ColSpan { col: 0 });
        assert_eq!(t.rows[2].cells[1].text, "甲");
        assert_eq!(t.rows[2].cells[2].text, "区教委\n区残联&区民政局");
        assert_eq!(
            t.rows[3].cells[0],
            Cell {
                text: "1".into(),
                origin: Origin::RowSpan { row: 2 }
            }
        );
    }

    #[test]
    fn malformed_xml_is_an_error() {
        let r = parse_document_xml(b"<w:document><w:body><w:p></w:tbl>", "bad.docx");
        assert!(matches!(r, Err(Error::Malformed { .. })), "{r:?}");
    }

    fn body(inner: &[u8]) -> Vec<u8> {
        let mut xml = format!("<w:document {W}><w:body>").into_bytes();
        xml.extend_from_slice(inner);
        xml.extend_from_slice(b"</w:body></w:document>");
        xml
    }

    fn texts(doc: &Document) -> Vec<&str> {
        doc.paragraph_texts().collect()
    }

    #[test]
    fn references_cdata_and_line_ends_read_as_written() {
        let xml = body(
            "<w:p><w:r><w:t>a &amp; b &lt;c&gt; &quot;d&apos; &#x4E00;&#19968;&#65;&nbsp;</w:t></w:r></w:p>\
             <w:p><w:r><w:t><![CDATA[x<y>&amp;一]]></w:t></w:r></w:p>\
             <w:p><w:r><w:t>one\rtwo\r\nthree</w:t></w:r></w:p>"
                .as_bytes(),
        );
        let doc = parse_document_xml(&xml, "t.docx").unwrap();
        // Unknown and invalid references are dropped; CDATA is literal; a
        // lone `\r` is a space, not a line break (no line-end normalising).
        assert_eq!(
            texts(&doc),
            ["a & b <c>\"d'一一A", "x<y>&amp;一", "one two", "three"]
        );
    }

    #[test]
    fn attribute_references_are_resolved_and_prefixes_ignored() {
        let xml = body(
            br#"<w:p><w:pPr><w:numPr><w:ilvl w:val="&#48;"/><w:numId w:val="&#51;"/></w:numPr></w:pPr><w:r><w:t>a</w:t></w:r></w:p>
            <w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>b</w:t></w:r></w:p>
            <w:tbl>
              <w:tr><w:tc><w:tcPr><x:vMerge x:val="re&#115;tart"/></w:tcPr><w:p><w:r><w:t>m</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr>
              <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:tcPr><w:vMerge w:val="restart&bad;"/></w:tcPr><w:p/></w:tc></w:tr>
              <w:tr><w:tc><w:tcPr><w:gridSpan w:val="&#50;"/></w:tcPr><w:p><w:r><w:t>s</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>t</w:t></w:r></w:p></w:tc></w:tr>
            </w:tbl>"#,
        );
        let doc = parse_document_xml(&xml, "t.docx").unwrap();
        assert_eq!(texts(&doc), ["1.a", "2.b"]);
        let Some(Block::Table(t)) = doc.blocks.last() else {
            panic!("table")
        };
        assert_eq!((t.width, t.rows.len()), (3, 3));
        assert_eq!(t.rows[1].cells[0].origin, Origin::RowSpan { row: 0 });
        // A value with an unknown reference is no value: a continuation.
        assert_eq!(t.rows[1].cells[1].origin, Origin::RowSpan { row: 0 });
        assert_eq!(t.rows[2].cells[1].origin, Origin::ColSpan { col: 0 });
        assert_eq!(t.rows[2].cells[2].text, "t");
    }

    #[test]
    fn bytes_not_utf8_are_an_error_only_in_text_read() {
        // In an attribute, deleted text, markup or text outside `w:t`:
        // passed over, as when the reader took bytes.
        let xml = body(
            b"<w:p>\xFF<w:r\xFE><w:t>ok</w:t></w:r\xFE><w:del><w:r><w:delText>\xC3</w:delText></w:r></w:del></w:p>\
              <!-- \xFF --><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\xFF\"/></w:tcPr><w:p><w:r><w:t>s</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
        );
        let doc = parse_document_xml(&xml, "t.docx").unwrap();
        assert_eq!(texts(&doc), ["ok"]);
        let Some(Block::Table(t)) = doc.blocks.last() else {
            panic!("table")
        };
        assert_eq!(t.width, 1);
        // In text that is read (a GBK document, say): malformed, at its byte.
        let xml = body(b"<w:p><w:r><w:t>ab\xC3\xF1c</w:t></w:r></w:p>");
        let at = xml.iter().position(|b| *b == 0xC3).unwrap();
        let r = parse_document_xml(&xml, "t.docx");
        let Err(Error::Malformed { reason, at: place }) = r else {
            panic!("{r:?}")
        };
        assert_eq!(reason, "text is not UTF-8");
        assert_eq!(
            place,
            Location::file("t.docx")
                .member("word/document.xml")
                .byte(at as u64)
        );
    }
}
