//! PDF with a text layer into the intermediate model: glyphs with their
//! positions and the page's straight lines (our own content-stream walk over
//! lopdf's object model), then geometry: ruled grids (merged cells where an
//! inner border is missing), borderless tables by column alignment,
//! paragraphs in reading order, a table continued on the next page joined
//! (its repeated header dropped). A PDF without text (a scan) is refused as
//! needing OCR.
//!
//! Why lopdf and our own walk (see ARCHITECTURE.md): lopdf parses the file
//! structure (xref tables and streams, object streams, `/Prev` chains with a
//! loop check, nesting capped), and everything that costs in proportion to a
//! page's content (inflating, lexing, fonts, glyphs) is ours, each against a
//! named budget. pdf-extract gives positioned glyphs too, but panics on
//! damaged fonts (42 `unwrap`s), recurses through forms without a depth cap
//! (a stack overflow aborts; `catch_unwind` cannot catch it) and inflates
//! streams without a cap.

mod content;
mod font;
pub(crate) mod geometry;

pub use content::{
    MAX_PDF_FORM_DEPTH, MAX_PDF_GLYPHS_PER_PAGE, MAX_PDF_NESTING, MAX_PDF_OPERATORS_PER_PAGE,
    MAX_PDF_RULES_PER_PAGE,
};
pub use font::MAX_PDF_CMAP_ENTRIES;

use crate::error::Error;
use crate::model::{Block, Cell, Document, Layout, Paragraph, Row, Table};
use font::deref;
use geometry::Item;
use lopdf::{Dictionary, Object, ObjectId};
use std::collections::{HashMap, HashSet};
use std::io::Read as _;

/// Most pages one PDF may have (counted in its page tree, and as its
/// `/Count` claims). Notices run to tens of pages; a thousand is a book.
pub const MAX_PDF_PAGES: usize = 1_000;
/// Most objects one PDF may hold (counted in the file before lopdf reads
/// it, those in object streams by their `/N`). Each costs lopdf about 200
/// bytes; a notice has a few thousand.
pub const MAX_PDF_OBJECTS: usize = 200_000;
/// Most bytes one stream (a page's content, a form, a CMap, an object
/// stream) may inflate to. A page of a notice is tens of KB.
pub const MAX_PDF_STREAM_BYTES: usize = 16 << 20;
/// Most bytes all streams read from one PDF may inflate to together, so
/// that many streams each under [`MAX_PDF_STREAM_BYTES`] cannot add up.
pub const MAX_PDF_INFLATED_BYTES: usize = 128 << 20;

/// Why a PDF was not read.
#[derive(Debug)]
pub enum Fail {
    Limit { what: String, limit: String },
    Damaged(String),
}

impl Fail {
    fn limit(what: String, limit: String) -> Fail {
        Fail::Limit { what, limit }
    }
}

/// What has been inflated so far.
#[derive(Debug, Default)]
pub struct Budget {
    inflated: usize,
}

impl Budget {
    fn take(&mut self, n: usize) -> Result<(), Fail> {
        self.inflated = self.inflated.saturating_add(n);
        if self.inflated > MAX_PDF_INFLATED_BYTES {
            return Err(Fail::limit(
                format!("streams inflating to more than {MAX_PDF_INFLATED_BYTES} bytes"),
                format!("{MAX_PDF_INFLATED_BYTES} bytes (MAX_PDF_INFLATED_BYTES)"),
            ));
        }
        Ok(())
    }
}

/// Inflates zlib data through a capped reader: at most
/// [`MAX_PDF_STREAM_BYTES`] come out, and past that the stream is refused.
/// Damaged data gives what inflated before the damage (as viewers show it).
fn inflate(data: &[u8], budget: &mut Budget) -> Result<Vec<u8>, Fail> {
    let mut out = Vec::new();
    let cap = MAX_PDF_STREAM_BYTES as u64 + 1;
    let mut z = flate2::read::ZlibDecoder::new(data).take(cap);
    if z.read_to_end(&mut out).is_err() && out.is_empty() {
        // Some writers omit the zlib header: try raw deflate.
        let mut d = flate2::read::DeflateDecoder::new(data).take(cap);
        out.clear();
        let _ = d.read_to_end(&mut out);
    }
    if out.len() > MAX_PDF_STREAM_BYTES {
        return Err(Fail::limit(
            format!("a stream inflating to more than {MAX_PDF_STREAM_BYTES} bytes"),
            format!("{MAX_PDF_STREAM_BYTES} bytes (MAX_PDF_STREAM_BYTES)"),
        ));
    }
    budget.take(out.len())?;
    Ok(out)
}

/// A stream's data, inflated when it is Flate-compressed. Other filters
/// (never used for text by the writers of notices) read as nothing.
pub fn stream_bytes(s: &lopdf::Stream, budget: &mut Budget) -> Result<Vec<u8>, Fail> {
    let filters: Vec<&[u8]> = match s.dict.get(b"Filter") {
        Ok(Object::Name(n)) => vec![n.as_slice()],
        Ok(Object::Array(a)) => a.iter().filter_map(|o| o.as_name().ok()).collect(),
        _ => Vec::new(),
    };
    match filters.as_slice() {
        [] => {
            budget.take(s.content.len())?;
            Ok(s.content.clone())
        }
        [b"FlateDecode" | b"Fl"] => inflate(&s.content, budget),
        _ => Ok(Vec::new()),
    }
}

/// The file's budget, checked on its bytes before lopdf parses it: objects
/// counted (with those object streams say they hold), nesting of arrays
/// and dictionaries outside streams, and every object or xref stream
/// (which lopdf inflates itself, without a cap) inflated through ours.
fn precheck(bytes: &[u8], budget: &mut Budget) -> Result<(), Fail> {
    let mut objects = 0usize;
    let mut depth = 0usize;
    let mut last_obj = 0usize;
    let mut i = 0usize;
    let at = |k: usize| bytes.get(k).copied();
    let boundary =
        |c: Option<u8>| c.is_none_or(|c| c.is_ascii_whitespace() || b"()<>[]{}/%".contains(&c));
    while let Some(c) = at(i) {
        match c {
            b'%' => {
                while at(i).is_some_and(|c| c != b'\n' && c != b'\r') {
                    i += 1;
                }
            }
            b'(' => {
                let mut nest = 0usize;
                while let Some(c) = at(i) {
                    i += 1;
                    match c {
                        b'\\' => i += 1,
                        b'(' => nest += 1,
                        b')' => {
                            nest = nest.saturating_sub(1);
                            if nest == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                continue;
            }
            b'[' | b'<' if c == b'[' || at(i + 1) == Some(b'<') => {
                depth += 1;
                if depth > MAX_PDF_NESTING {
                    return Err(Fail::limit(
                        format!("arrays or dictionaries nested more than {MAX_PDF_NESTING} deep"),
                        format!("{MAX_PDF_NESTING} (MAX_PDF_NESTING)"),
                    ));
                }
                i += if c == b'[' { 1 } else { 2 };
                continue;
            }
            b']' => depth = depth.saturating_sub(1),
            b'>' if at(i + 1) == Some(b'>') => {
                depth = depth.saturating_sub(1);
                i += 2;
                continue;
            }
            b'o' if bytes.get(i..i + 3) == Some(b"obj")
                && boundary(at(i + 3))
                && i.checked_sub(1).is_some_and(|k| boundary(at(k))) =>
            {
                objects += 1;
                depth = 0;
                last_obj = i;
            }
            b's' if bytes.get(i..i + 6) == Some(b"stream")
                && matches!(at(i + 6), Some(b'\r' | b'\n'))
                && i.checked_sub(1).is_some_and(|k| boundary(at(k))) =>
            {
                let mut start = i + 6;
                if at(start) == Some(b'\r') {
                    start += 1;
                }
                if at(start) == Some(b'\n') {
                    start += 1;
                }
                let dict = bytes.get(last_obj..i).unwrap_or(&[]);
                let find = |needle: &[u8]| memchr::memmem::find(dict, needle).is_some();
                if (find(b"/ObjStm") || find(b"/XRef")) && (find(b"/FlateDecode") || find(b"/Fl "))
                {
                    let inflated = inflate(bytes.get(start..).unwrap_or(&[]), budget)?;
                    if find(b"/ObjStm") {
                        objects = objects.saturating_add(count_in_object_stream(dict));
                    }
                    drop(inflated);
                }
                let rest = bytes.get(start..).unwrap_or(&[]);
                match memchr::memmem::find(rest, b"endstream") {
                    Some(p) => i = start + p + 9,
                    None => break,
                }
                depth = 0;
                continue;
            }
            _ => {}
        }
        if objects > MAX_PDF_OBJECTS {
            return Err(Fail::limit(
                format!("more than {MAX_PDF_OBJECTS} objects"),
                format!("{MAX_PDF_OBJECTS} (MAX_PDF_OBJECTS)"),
            ));
        }
        i += 1;
    }
    if objects > MAX_PDF_OBJECTS {
        return Err(Fail::limit(
            format!("{objects} objects"),
            format!("{MAX_PDF_OBJECTS} (MAX_PDF_OBJECTS)"),
        ));
    }
    Ok(())
}

/// The `/N` of an object stream's dictionary: how many objects it holds.
fn count_in_object_stream(dict: &[u8]) -> usize {
    let Some(p) = memchr::memmem::find(dict, b"/N") else {
        return 0;
    };
    let digits: String = dict
        .get(p + 2..)
        .unwrap_or(&[])
        .iter()
        .skip_while(|c| c.is_ascii_whitespace())
        .take_while(|c| c.is_ascii_digit())
        .map(|&c| c as char)
        .take(12)
        .collect();
    digits.parse().unwrap_or(usize::MAX)
}

/// A page: its object, the resources and box it has or inherits.
struct Page<'a> {
    id: ObjectId,
    resources: Option<&'a Dictionary>,
    top: f64,
}

/// The pages in order, walked from the catalog: each page-tree node once
/// (a loop or a node shared twice is not followed again), inherited
/// resources and boxes passed down.
fn pages(doc: &lopdf::Document) -> Result<Vec<Page<'_>>, Fail> {
    let root = deref(doc, doc.trailer.get(b"Root").ok())
        .and_then(|o| o.as_dict().ok())
        .ok_or_else(|| Fail::Damaged("no document catalog".into()))?;
    let tree = root
        .get(b"Pages")
        .and_then(Object::as_reference)
        .map_err(|_| Fail::Damaged("no page tree".into()))?;
    if let Some(count) = doc
        .get_dictionary(tree)
        .ok()
        .and_then(|d| d.get(b"Count").ok())
        .and_then(|c| c.as_i64().ok())
    {
        if count > MAX_PDF_PAGES as i64 {
            return Err(Fail::limit(
                format!("a page tree of {count} pages"),
                format!("{MAX_PDF_PAGES} pages (MAX_PDF_PAGES)"),
            ));
        }
    }
    let mut out = Vec::new();
    let mut seen: HashSet<ObjectId> = HashSet::new();
    // (node, inherited resources, inherited top of the box)
    let mut stack: Vec<(ObjectId, Option<&Dictionary>, f64)> = vec![(tree, None, 842.0)];
    while let Some((id, res, top)) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        let Ok(node) = doc.get_dictionary(id) else {
            continue;
        };
        let res = deref(doc, node.get(b"Resources").ok())
            .and_then(|o| o.as_dict().ok())
            .or(res);
        let top = deref(doc, node.get(b"MediaBox").ok())
            .and_then(|o| o.as_array().ok())
            .map(|a| {
                a.iter()
                    .filter_map(|o| deref(doc, Some(o)).and_then(font::number))
                    .collect::<Vec<f64>>()
            })
            .and_then(|v| match v.as_slice() {
                [_, y0, _, y1] => Some(y0.max(*y1)),
                _ => None,
            })
            .unwrap_or(top);
        match deref(doc, node.get(b"Kids").ok()) {
            Some(Object::Array(kids))
                if node.get(b"Type").and_then(Object::as_name).ok() != Some(b"Page") =>
            {
                // Pushed in reverse so that the first kid is walked first.
                for kid in kids.iter().rev() {
                    if let Ok(k) = kid.as_reference() {
                        stack.push((k, res, top));
                    }
                }
            }
            _ => {
                out.push(Page {
                    id,
                    resources: res,
                    top,
                });
                if out.len() > MAX_PDF_PAGES {
                    return Err(Fail::limit(
                        format!("more than {MAX_PDF_PAGES} pages"),
                        format!("{MAX_PDF_PAGES} pages (MAX_PDF_PAGES)"),
                    ));
                }
            }
        }
    }
    Ok(out)
}

/// A page's content: its content streams inflated and joined.
fn page_content(
    doc: &lopdf::Document,
    page: ObjectId,
    budget: &mut Budget,
) -> Result<Vec<u8>, Fail> {
    let mut out = Vec::new();
    for id in doc.get_page_contents(page) {
        if let Ok(Object::Stream(s)) = doc.get_object(id) {
            out.extend(stream_bytes(s, budget)?);
            out.push(b'\n');
            if out.len() > MAX_PDF_STREAM_BYTES {
                return Err(Fail::limit(
                    format!(
                        "a page whose content inflates to more than {MAX_PDF_STREAM_BYTES} bytes"
                    ),
                    format!("{MAX_PDF_STREAM_BYTES} bytes (MAX_PDF_STREAM_BYTES)"),
                ));
            }
        }
    }
    Ok(out)
}

/// A list bullet drawn as a glyph (a Word or HTML list's `•`, a Symbol
/// font's private-use ``): not text, as DOCX and HTML do not give it
/// either. Dropped before layout, so that a bulleted line is no row of a
/// borderless table.
fn is_bullet(text: &str) -> bool {
    text.chars()
        .all(|c| ('\u{E000}'..='\u{F8FF}').contains(&c) || "•●▪◦■□◆◇○".contains(c))
}

/// What a PDF gave: the document, or no text at all (with how many images
/// its pages draw).
pub enum Read {
    Text(Document),
    NoText { images: usize },
}

/// Reads a PDF (the caller runs this under `guarded`: lopdf is third-party).
pub fn read(bytes: &[u8], path: &str) -> Result<Read, Error> {
    let fail = |f: Fail| match f {
        Fail::Limit { what, limit } => Error::Limit {
            at: path.into(),
            what,
            limit,
        },
        Fail::Damaged(reason) => Error::Damaged {
            at: path.into(),
            reason,
        },
    };
    let mut budget = Budget::default();
    precheck(bytes, &mut budget).map_err(fail)?;
    let doc = lopdf::Document::load_mem(bytes).map_err(|e| Error::Malformed {
        at: path.into(),
        reason: format!("PDF: {e}"),
    })?;
    if doc.objects.len() > MAX_PDF_OBJECTS {
        return Err(fail(Fail::limit(
            format!("{} objects", doc.objects.len()),
            format!("{MAX_PDF_OBJECTS} (MAX_PDF_OBJECTS)"),
        )));
    }
    if doc.is_encrypted() {
        return Err(Error::Unsupported {
            at: path.into(),
            format: "an encrypted PDF".into(),
            advice: "open it with its password and save it without encryption, or use the notice's web page or its DOCX/XLSX attachment".into(),
        });
    }
    let pages = pages(&doc).map_err(fail)?;
    let mut fonts = HashMap::new();
    let mut per_page = Vec::with_capacity(pages.len());
    let (mut glyphs, mut images) = (0usize, 0usize);
    for page in &pages {
        let content = page_content(&doc, page.id, &mut budget).map_err(fail)?;
        let mut walker = content::Walker::new(&doc, &mut budget, &mut fonts);
        walker
            .run(&content, page.resources, content::M::ID)
            .map_err(fail)?;
        let out = walker.out;
        glyphs += out.glyphs.len();
        images += out.images;
        let gs: Vec<geometry::Glyph> = out
            .glyphs
            .into_iter()
            .filter(|g| !is_bullet(&g.text))
            .map(|g| geometry::Glyph {
                top: page.top - g.top,
                bottom: page.top - g.bottom,
                ..g
            })
            .collect();
        let rules: Vec<geometry::Rule> =
            out.rules.into_iter().map(|r| r.flipped(page.top)).collect();
        per_page.push(geometry::page_items(&gs, &rules));
    }
    if glyphs == 0 {
        return Ok(Read::NoText { images });
    }
    let mut blocks = Vec::new();
    for item in geometry::join_pages(per_page) {
        match item {
            Item::Para(text) => blocks.push(Block::Paragraph(Paragraph { text, line: None })),
            Item::Table(t) => {
                let width = t.width();
                let rows = t
                    .rows
                    .into_iter()
                    .map(|r| Row {
                        cells: r
                            .into_iter()
                            .map(|(text, origin)| Cell { text, origin })
                            .collect(),
                        line: None,
                    })
                    .collect();
                super::push_table(
                    &mut blocks,
                    Table {
                        width,
                        header_rows: 0,
                        rows,
                        layout: Layout::PdfTable,
                    },
                );
            }
        }
    }
    Ok(Read::Text(super::finish(Document {
        layout: Layout::Pdf,
        blocks,
        metadata: Vec::new(),
        warnings: Vec::new(),
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precheck_counts_nesting_and_objects() {
        let mut b = Budget::default();
        let deep = format!(
            "%PDF-1.4\n1 0 obj {} endobj",
            "[".repeat(MAX_PDF_NESTING + 1)
        );
        assert!(matches!(
            precheck(deep.as_bytes(), &mut b),
            Err(Fail::Limit { .. })
        ));
        // Brackets inside strings and streams are not nesting.
        let ok = format!(
            "1 0 obj ({}) endobj 2 0 obj <</Length 3>> stream\n{}\nendstream endobj",
            "[".repeat(100),
            "[".repeat(100)
        );
        assert!(precheck(ok.as_bytes(), &mut b).is_ok());
        let many = "1 0 obj 0 endobj\n".repeat(MAX_PDF_OBJECTS + 1);
        assert!(matches!(
            precheck(many.as_bytes(), &mut b),
            Err(Fail::Limit { .. })
        ));
        let objstm = b"1 0 obj <</Type /ObjStm /N 99999999 /First 4 /Filter /FlateDecode>> stream\nxx\nendstream";
        assert!(matches!(precheck(objstm, &mut b), Err(Fail::Limit { .. })));
    }

    #[test]
    fn a_deflate_bomb_stops_at_the_cap() {
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..(MAX_PDF_STREAM_BYTES >> 20) + 1 {
            z.write_all(&zeros).unwrap();
        }
        let bomb = z.finish().unwrap();
        let r = inflate(&bomb, &mut Budget::default());
        assert!(matches!(r, Err(Fail::Limit { .. })));
    }
}
