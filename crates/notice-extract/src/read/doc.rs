//! Legacy Word 97-2003 documents (`.doc`, and WPS Office's `.wps`, which
//! keeps the same streams) into the intermediate model, as [`super::docx`]
//! maps a DOCX: paragraphs and tables in text order, merged cells resolved.
//!
//! The streams are read through our own checked compound-file parser
//! ([`super::ole`]), never a second one. From the `WordDocument` stream's
//! FIB come the main text's length (`ccpText`: footnotes, headers,
//! comments and text boxes, which follow it, are not read), which table
//! stream holds the rest (`0Table`/`1Table`), and where the piece table
//! (CLX) and the paragraph and character property pages (PlcfBtePapx,
//! PlcfBteChpx) are. The text is read piece by piece in character order,
//! wherever each piece lies in the stream (a fast-saved file's pieces are
//! out of order), 8-bit pieces as Windows-1252 and the others as UTF-16LE.
//!
//! Fields keep their result (between 0x14 and 0x15) and drop their
//! instruction (between 0x13 and 0x14); text marked deleted
//! (sprmCFRMarkDel) is not read. A paragraph's properties are those of the
//! PAPX whose range holds its mark (kept in the `Data` stream when they
//! outgrow their page, sprmPHugePapx, as LibreOffice writes a table row's):
//! in a table (sprmPFInTable, sprmPItap), a cell ends at a 0x07 mark, and a
//! row at a 0x07 mark whose paragraph ends the row (sprmPFTtp); that
//! paragraph's table properties (sprmTDefTable) give each cell's left and
//! right edges, so cells spanning several columns are placed on the table's
//! grid, and its vertical merges (the TC's fVertMerge/fVertRestart,
//! sprmTVertMerge) copy the cell above, as the DOCX reader does for
//! `w:vMerge`; Word's numbering comes back as `N.` at the first level, as
//! the DOCX reader restores it. Without property pages (a file that lacks
//! them), a 0x07 right after a cell's 0x07 ends the row and a continuation
//! is left empty, for the normaliser's continuation rule.
//!
//! Not read: properties a fast save keeps on a piece (its `prm`) rather
//! than in the pages (a table made or changed in a fast save without a full
//! save since may then read as paragraphs); a table nested in a cell gives
//! its cells' text as lines of the outer cell, not a grid of its own.
//!
//! Every count and offset from the file is checked against the stream it
//! points into before it is used, and nothing is allocated by a size the
//! file states: pieces are bounded by [`MAX_DOC_PIECES`], a table's grid
//! by [`MAX_DOC_TABLE_CELLS`] and its columns by
//! [`MAX_GRID_COLUMNS`](super::docx::MAX_GRID_COLUMNS).

use crate::error::{Error, Location};
use crate::model::{Block, Cell, Document, Origin, Paragraph, Row, Table};
use std::collections::HashMap;

/// Most pieces a document's piece table may hold. Each piece is a run of
/// text saved in one place; Word writes one per edit between full saves, so
/// a fast-saved document has tens to a few thousand. 100,000 pieces cost
/// about 2 MB to hold, while a hostile table stream could declare millions.
pub const MAX_DOC_PIECES: usize = 100_000;
/// Most cells (rows × columns of its grid) one table of a `.doc` may
/// have, as for HTML tables: the grid is a rectangle, so a table with one
/// wide row and many narrow ones would cost rows × widest row. Real tables
/// of notices hold hundreds to a few thousand cells.
pub const MAX_DOC_TABLE_CELLS: usize = 2_000_000;

/// The stream a Word document's text and FIB are in.
const WORD_STREAM: &str = "WordDocument";
/// `wIdent` of a Word 97 or later FIB, and of Word 6.0/95's.
const WIDENT_97: u16 = 0xA5EC;
const WIDENT_6: u16 = 0xA5DC;
/// The first `nFib` of Word 97; earlier versions (Word 6.0 is 101, Word 95
/// 104) lay out the FIB and piece table otherwise.
const NFIB_97: u16 = 0x00C1;
/// FibBase flags (at byte 10): the document is encrypted (or obfuscated),
/// and which table stream it uses.
const F_ENCRYPTED: u16 = 0x0100;
const F_WHICH_TABLE: u16 = 0x0200;
/// FIB layout: FibBase is 32 bytes, then `csw` and its 16-bit words, then
/// `cslw` and its 32-bit words, then `cbRgFcLcb` and its (fc, lcb) pairs.
const FIB_BASE_BYTES: usize = 32;
/// `ccpText` is the fourth 32-bit word of FibRgLw97.
const LW_CCP_TEXT: usize = 3;
/// Indexes of the (fc, lcb) pairs in FibRgFcLcb97.
const PAIR_BTE_CHPX: usize = 12;
const PAIR_BTE_PAPX: usize = 13;
const PAIR_CLX: usize = 33;
/// Bytes of one formatted disk page (FKP).
const PAGE_BYTES: usize = 512;
/// The piece descriptor's `fc` bit saying the piece is 8-bit text.
const FC_COMPRESSED: u32 = 0x4000_0000;
const FC_MASK: u32 = 0x3FFF_FFFF;
/// Bytes of one PCD (piece descriptor) in the PlcPcd.
const PCD_BYTES: usize = 8;

/// Property modifiers read (MS-DOC 2.6).
const SPRM_P_IN_TABLE: u16 = 0x2416;
const SPRM_P_TTP: u16 = 0x2417;
const SPRM_P_ITAP: u16 = 0x6649;
const SPRM_P_ILVL: u16 = 0x260A;
const SPRM_P_ILFO: u16 = 0x460B;
const SPRM_T_DEF_TABLE: u16 = 0xD608;
const SPRM_T_DEF_TABLE10: u16 = 0xD606;
const SPRM_T_VERT_MERGE: u16 = 0xD62B;
const SPRM_T_TABLE_HEADER: u16 = 0x3404;
const SPRM_P_CHG_TABS: u16 = 0xC615;
const SPRM_C_RMARK_DEL: u16 = 0x0800;
const SPRM_P_HUGE_PAPX: u16 = 0x6646;
/// TC flags: a cell merged into the one on its left (the old horizontal
/// merge), and a vertically merged cell; with [`TC_VERT_RESTART`] it starts
/// the merged set, without it it continues the one above.
const TC_MERGED: u16 = 0x0002;
const TC_VERT_MERGE: u16 = 0x0020;
const TC_VERT_RESTART: u16 = 0x0040;
/// Bytes of one TC80 in sprmTDefTable.
const TC80_BYTES: usize = 20;
/// Cell edges (in twips) closer than this are one grid line: Word stores
/// each row's edges on its own, and rows drawn to the same line may differ
/// by a few twips (a twentieth of a point).
const EDGE_TOLERANCE: i32 = 30;

/// The text's special characters (MS-DOC 2.8.25).
const PARAGRAPH: u16 = 0x0D;
const CELL: u16 = 0x07;
const PAGE_BREAK: u16 = 0x0C;
const LINE_BREAK: u16 = 0x0B;
const TAB: u16 = 0x09;
const FIELD_BEGIN: u16 = 0x13;
const FIELD_SEPARATOR: u16 = 0x14;
const FIELD_END: u16 = 0x15;
const NON_BREAKING_HYPHEN: u16 = 0x1E;

fn u16_at(b: &[u8], off: usize) -> Option<u16> {
    let s = b.get(off..off.checked_add(2)?)?;
    s.try_into().ok().map(u16::from_le_bytes)
}

fn u32_at(b: &[u8], off: usize) -> Option<u32> {
    let s = b.get(off..off.checked_add(4)?)?;
    s.try_into().ok().map(u32::from_le_bytes)
}

fn i16_at(b: &[u8], off: usize) -> Option<i16> {
    let s = b.get(off..off.checked_add(2)?)?;
    s.try_into().ok().map(i16::from_le_bytes)
}

/// What the reader needs of the FIB.
struct Fib {
    ccp_text: u32,
    table_stream: &'static str,
    clx: (u32, u32),
    bte_papx: (u32, u32),
    bte_chpx: (u32, u32),
}

/// One piece of the main text: characters `[cp, cp_end)` at byte `fc` of
/// the WordDocument stream, 8-bit or UTF-16.
#[derive(Debug, Clone, Copy)]
struct Piece {
    cp: u32,
    cp_end: u32,
    fc: usize,
    compressed: bool,
}

/// A run of paragraph properties: the PAPX of the paragraphs whose marks
/// lie in `[start, end)` of the stream.
struct PapRun<'a> {
    start: u32,
    end: u32,
    grpprl: &'a [u8],
}

/// What the reader takes from a paragraph's properties.
#[derive(Debug, Default, Clone, Copy)]
struct Pap {
    /// The file has property pages at all; without them, table structure
    /// is read from the text alone.
    known: bool,
    in_table: bool,
    ttp: bool,
    /// (list, level) of a numbered paragraph.
    num: Option<(u16, u8)>,
}

/// One cell of a row as the text gives it.
struct RawCell {
    text: String,
}

/// A row: its cells, and the row-end paragraph's properties (the table
/// definition), when the file has them.
struct RawRow<'a> {
    cells: Vec<RawCell>,
    tap: &'a [u8],
}

/// The table definition of a row, from its sprms.
#[derive(Default)]
struct Tap {
    /// Cell edges, one more than the cells defined.
    edges: Vec<i32>,
    /// TC flags of each defined cell.
    flags: Vec<u16>,
    header: bool,
}

/// The sprms of a grpprl, each with its operand; a truncated or unreadable
/// sprm ends the list.
fn sprms(grpprl: &[u8]) -> impl Iterator<Item = (u16, &[u8])> + '_ {
    let mut off = 0usize;
    std::iter::from_fn(move || {
        let op = u16_at(grpprl, off)?;
        let at = off.checked_add(2)?;
        let (start, len) = match op >> 13 {
            0 | 1 => (at, 1),
            2 | 4 | 5 => (at, 2),
            3 => (at, 4),
            7 => (at, 3),
            _ if op == SPRM_T_DEF_TABLE || op == SPRM_T_DEF_TABLE10 => {
                // A 2-byte count of the operand's bytes plus one.
                let cb = usize::from(u16_at(grpprl, at)?);
                (at.checked_add(2)?, cb.checked_sub(1)?)
            }
            _ => {
                let cb = *grpprl.get(at)?;
                if op == SPRM_P_CHG_TABS && cb == 255 {
                    // A long tab list, sized by its contents: read no further.
                    return None;
                }
                (at.checked_add(1)?, usize::from(cb))
            }
        };
        let end = start.checked_add(len)?;
        let operand = grpprl.get(start..end)?;
        off = end;
        Some((op, operand))
    })
}

/// The reader's hold on one document's streams.
struct Reader<'a> {
    path: &'a str,
    word: &'a [u8],
    /// The `Data` stream, where a paragraph's properties too large for its
    /// page are kept (sprmPHugePapx); empty when the file has none.
    data: &'a [u8],
}

impl<'a> Reader<'a> {
    fn damaged(&self, stream: &str, at: Option<u64>, reason: impl Into<String>) -> Error {
        let mut l = Location::file(self.path).member(stream);
        if let Some(b) = at {
            l = l.byte(b);
        }
        Error::Damaged {
            at: l,
            reason: reason.into(),
        }
    }

    fn unsupported(&self, format: &str) -> Error {
        Error::Unsupported {
            at: self.path.into(),
            format: format.into(),
            advice: "open it in Word, WPS or LibreOffice and save it as DOCX (soffice --headless --convert-to docx FILE)".into(),
        }
    }

    /// Reads the FIB's fields, each checked against the stream.
    fn fib(&self) -> Result<Fib, Error> {
        let w = self.word;
        let short = |what: &str| {
            self.damaged(
                WORD_STREAM,
                None,
                format!(
                    "the FIB is cut short ({} bytes, before its {what})",
                    w.len()
                ),
            )
        };
        let ident = u16_at(w, 0).ok_or_else(|| short("identifier"))?;
        let nfib = u16_at(w, 2).ok_or_else(|| short("version"))?;
        if ident == WIDENT_6 || (ident == WIDENT_97 && nfib < NFIB_97) {
            return Err(self.unsupported(&format!(
                "a Word 6.0/95 document (nFib {nfib:#06x}, older than Word 97)"
            )));
        }
        if ident != WIDENT_97 {
            return Err(self.damaged(
                WORD_STREAM,
                Some(0),
                format!("the FIB's identifier is {ident:#06x}, not a Word document's (0xa5ec)"),
            ));
        }
        let flags = u16_at(w, 10).ok_or_else(|| short("flags"))?;
        if flags & F_ENCRYPTED != 0 {
            return Err(self.unsupported("an encrypted (password-protected) Word 97-2003 document"));
        }
        let csw = usize::from(u16_at(w, FIB_BASE_BYTES).ok_or_else(|| short("csw"))?);
        let lw = FIB_BASE_BYTES + 2 + csw * 2;
        let cslw = usize::from(u16_at(w, lw).ok_or_else(|| short("cslw"))?);
        let ccp_text = u32_at(w, lw + 2 + LW_CCP_TEXT * 4).ok_or_else(|| short("ccpText"))?;
        let pairs_at = lw + 2 + cslw * 4;
        let pairs = usize::from(u16_at(w, pairs_at).ok_or_else(|| short("cbRgFcLcb"))?);
        let pair = |i: usize| -> Result<(u32, u32), Error> {
            if i >= pairs {
                return Err(short("piece table's place"));
            }
            let at = pairs_at + 2 + i * 8;
            match (u32_at(w, at), u32_at(w, at + 4)) {
                (Some(fc), Some(lcb)) => Ok((fc, lcb)),
                _ => Err(short("piece table's place")),
            }
        };
        Ok(Fib {
            ccp_text,
            table_stream: if flags & F_WHICH_TABLE != 0 {
                "1Table"
            } else {
                "0Table"
            },
            clx: pair(PAIR_CLX)?,
            bte_papx: pair(PAIR_BTE_PAPX)?,
            bte_chpx: pair(PAIR_BTE_CHPX)?,
        })
    }

    /// The bytes `(fc, lcb)` names in the table stream, checked.
    fn span<'t>(
        &self,
        table: &'t [u8],
        name: &str,
        what: &str,
        (fc, lcb): (u32, u32),
    ) -> Result<&'t [u8], Error> {
        let start = usize::try_from(fc).unwrap_or(usize::MAX);
        let end = start.checked_add(usize::try_from(lcb).unwrap_or(usize::MAX));
        end.and_then(|end| table.get(start..end)).ok_or_else(|| {
            self.damaged(
                name,
                Some(u64::from(fc)),
                format!(
                    "the {what} ({lcb} bytes at {fc}) runs past the end of the stream ({} bytes)",
                    table.len()
                ),
            )
        })
    }

    /// The piece table from the CLX: skips the property runs (Prc) before
    /// it, then checks the count, every character position (in order) and
    /// every piece's bytes against the WordDocument stream.
    fn pieces(&self, clx: &[u8], name: &str, clx_at: u32, ccp: u32) -> Result<Vec<Piece>, Error> {
        let damaged = |off: usize, reason: String| {
            self.damaged(
                name,
                Some(u64::from(clx_at).saturating_add(off as u64)),
                reason,
            )
        };
        let mut off = 0usize;
        let plc = loop {
            match clx.get(off) {
                Some(1) => {
                    let cb = i16_at(clx, off + 1)
                        .and_then(|c| usize::try_from(c).ok())
                        .ok_or_else(|| damaged(off, "a property run (Prc) of the CLX is cut short or negative".into()))?;
                    off = off + 3 + cb;
                }
                Some(2) => {
                    let lcb = u32_at(clx, off + 1)
                        .ok_or_else(|| damaged(off, "the piece table's size is cut short".into()))?;
                    let start = off + 5;
                    let body = usize::try_from(lcb)
                        .ok()
                        .and_then(|l| start.checked_add(l))
                        .and_then(|end| clx.get(start..end))
                        .ok_or_else(|| {
                            damaged(
                                off,
                                format!(
                                    "the piece table ({lcb} bytes) runs past the end of the CLX ({} bytes)",
                                    clx.len()
                                ),
                            )
                        })?;
                    break body;
                }
                Some(t) => {
                    return Err(damaged(off, format!("the CLX holds an entry of type {t}, neither a property run nor the piece table")))
                }
                None => return Err(damaged(off, "the CLX holds no piece table".into())),
            }
        };
        // n + 1 character positions (4 bytes) and n descriptors (8 bytes).
        let n = plc.len().saturating_sub(4) / (4 + PCD_BYTES);
        if plc.len() < 4 || plc.len() != 4 + n * (4 + PCD_BYTES) {
            return Err(damaged(
                off,
                format!(
                    "the piece table's {} bytes are not a whole number of pieces",
                    plc.len()
                ),
            ));
        }
        if n > MAX_DOC_PIECES {
            return Err(Error::Limit {
                at: Location::file(self.path).member(name),
                what: format!("the piece table holds {n} pieces"),
                limit: format!("{MAX_DOC_PIECES} pieces (MAX_DOC_PIECES)"),
            });
        }
        let mut pieces = Vec::new();
        let cps_end = 4 * (n + 1);
        for i in 0..n {
            let (Some(cp), Some(cp_end), Some(fc_raw)) = (
                u32_at(plc, i * 4),
                u32_at(plc, i * 4 + 4),
                u32_at(plc, cps_end + i * PCD_BYTES + 2),
            ) else {
                return Err(damaged(off, "the piece table is cut short".into()));
            };
            if cp_end <= cp {
                return Err(damaged(
                    off,
                    format!("piece {i} ends (character {cp_end}) where it starts or before ({cp})"),
                ));
            }
            if cp >= ccp {
                break;
            }
            let compressed = fc_raw & FC_COMPRESSED != 0;
            let fc = fc_raw & FC_MASK;
            let (start, unit) = if compressed {
                (fc / 2, 1u64)
            } else {
                (fc, 2u64)
            };
            let chars = u64::from(cp_end.min(ccp) - cp);
            let end = u64::from(start) + chars * unit;
            if end > self.word.len() as u64 {
                return Err(damaged(
                    off,
                    format!(
                        "piece {i} ({chars} characters at byte {start}) runs past the end of the WordDocument stream ({} bytes)",
                        self.word.len()
                    ),
                ));
            }
            pieces.push(Piece {
                cp,
                cp_end: cp_end.min(ccp),
                fc: usize::try_from(start).unwrap_or(usize::MAX),
                compressed,
            });
        }
        // The pieces must cover the main text, from its first character.
        let mut next = 0u32;
        for p in &pieces {
            if p.cp != next {
                return Err(damaged(
                    off,
                    format!("the pieces leave characters {next} to {} out", p.cp),
                ));
            }
            next = p.cp_end;
        }
        if next < ccp {
            return Err(damaged(
                off,
                format!("the pieces cover {next} characters of the main text's {ccp}"),
            ));
        }
        Ok(pieces)
    }

    /// The formatted disk pages a PlcBte names: their numbers, each page
    /// checked to lie in the WordDocument stream.
    fn pages(&self, plc: &[u8], name: &str) -> Result<Vec<&'a [u8]>, Error> {
        if plc.is_empty() {
            return Ok(Vec::new());
        }
        let n = plc.len().saturating_sub(4) / 8;
        if plc.len() != 4 + n * 8 {
            return Err(self.damaged(
                name,
                None,
                format!(
                    "a property page table's {} bytes are not a whole number of entries",
                    plc.len()
                ),
            ));
        }
        let mut out = Vec::new();
        for i in 0..n {
            let pn = u32_at(plc, 4 * (n + 1) + 4 * i).unwrap_or(0) & 0x003F_FFFF;
            let start = usize::try_from(pn)
                .ok()
                .and_then(|p| p.checked_mul(PAGE_BYTES));
            let page = start
                .and_then(|s| Some((s, s.checked_add(PAGE_BYTES)?)))
                .and_then(|(s, e)| self.word.get(s..e))
                .ok_or_else(|| {
                    self.damaged(
                        WORD_STREAM,
                        None,
                        format!(
                            "property page {pn} lies past the end of the stream ({} bytes)",
                            self.word.len()
                        ),
                    )
                })?;
            out.push(page);
        }
        Ok(out)
    }

    /// The paragraph property runs of every PAPX page, in stream order.
    fn pap_runs(&self, pages: &[&'a [u8]]) -> Vec<PapRun<'a>> {
        let mut runs = Vec::new();
        for page in pages {
            let crun = usize::from(page.get(PAGE_BYTES - 1).copied().unwrap_or(0));
            let bx = 4 * (crun + 1);
            for i in 0..crun {
                let (Some(start), Some(end)) = (u32_at(page, 4 * i), u32_at(page, 4 * i + 4))
                else {
                    break;
                };
                let offset = usize::from(page.get(bx + 13 * i).copied().unwrap_or(0)) * 2;
                let mut grpprl = if offset == 0 {
                    &[][..]
                } else {
                    papx(page, offset).unwrap_or(&[])
                };
                // Properties kept in the Data stream: a 2-byte count, then
                // the sprms (checked to lie in the stream, else none).
                if let Some((_, v)) = sprms(grpprl).find(|(op, _)| *op == SPRM_P_HUGE_PAPX) {
                    grpprl = u32_at(v, 0)
                        .and_then(|at| usize::try_from(at).ok())
                        .and_then(|at| {
                            let cb = usize::from(u16_at(self.data, at)?);
                            self.data.get(at.checked_add(2)?..at.checked_add(2 + cb)?)
                        })
                        .unwrap_or(&[]);
                }
                runs.push(PapRun { start, end, grpprl });
            }
        }
        runs.sort_by_key(|r| r.start);
        runs
    }

    /// The stream ranges whose characters are marked deleted, in order.
    fn deleted(&self, pages: &[&'a [u8]]) -> Vec<(u32, u32)> {
        let mut out = Vec::new();
        for page in pages {
            let crun = usize::from(page.get(PAGE_BYTES - 1).copied().unwrap_or(0));
            let rgb = 4 * (crun + 1);
            for i in 0..crun {
                let (Some(start), Some(end)) = (u32_at(page, 4 * i), u32_at(page, 4 * i + 4))
                else {
                    break;
                };
                let offset = usize::from(page.get(rgb + i).copied().unwrap_or(0)) * 2;
                if offset == 0 {
                    continue;
                }
                let Some(cb) = page.get(offset).copied() else {
                    continue;
                };
                let Some(grpprl) = page.get(offset + 1..offset + 1 + usize::from(cb)) else {
                    continue;
                };
                let del = sprms(grpprl)
                    .filter(|(op, _)| *op == SPRM_C_RMARK_DEL)
                    .last()
                    .is_some_and(|(_, v)| v.first().is_some_and(|b| *b == 1 || *b == 0x81));
                if del && start < end {
                    out.push((start, end));
                }
            }
        }
        out.sort_unstable();
        out
    }
}

/// A PapxInFkp at `offset` of its page: its grpprl after the style index.
fn papx(page: &[u8], offset: usize) -> Option<&[u8]> {
    let cb = *page.get(offset)?;
    let (start, len) = if cb == 0 {
        (offset + 2, usize::from(*page.get(offset + 1)?) * 2)
    } else {
        (offset + 1, usize::from(cb) * 2 - 1)
    };
    let bytes = page.get(start..start.checked_add(len)?)?;
    // The style index (2 bytes), then the sprms.
    bytes.get(2..)
}

/// What a paragraph's sprms say.
fn pap_of(grpprl: &[u8]) -> Pap {
    let mut pap = Pap {
        known: true,
        ..Pap::default()
    };
    let (mut ilfo, mut ilvl) = (0u16, 0u8);
    for (op, v) in sprms(grpprl) {
        match op {
            SPRM_P_IN_TABLE => pap.in_table = v.first().is_some_and(|b| *b != 0),
            SPRM_P_TTP => pap.ttp = v.first().is_some_and(|b| *b != 0),
            SPRM_P_ITAP => pap.in_table |= u32_at(v, 0).is_some_and(|d| d > 0),
            SPRM_P_ILFO => ilfo = u16_at(v, 0).unwrap_or(0),
            SPRM_P_ILVL => ilvl = v.first().copied().unwrap_or(0),
            _ => {}
        }
    }
    if ilfo != 0 && ilfo != 0xF801 {
        pap.num = Some((ilfo, ilvl));
    }
    pap
}

/// A row's table definition, from the sprms of its row-end paragraph.
fn tap_of(grpprl: &[u8]) -> Tap {
    let mut tap = Tap::default();
    for (op, v) in sprms(grpprl) {
        match op {
            SPRM_T_DEF_TABLE => {
                let n = usize::from(v.first().copied().unwrap_or(0));
                let edges: Option<Vec<i32>> = (0..=n)
                    .map(|i| i16_at(v, 1 + 2 * i).map(i32::from))
                    .collect();
                let Some(edges) = edges else { continue };
                let tcs = 1 + 2 * (n + 1);
                // TCs may be fewer than the cells; the rest are plain.
                tap.flags = (0..n)
                    .map(|i| u16_at(v, tcs + TC80_BYTES * i).unwrap_or(0))
                    .collect();
                tap.edges = edges;
            }
            SPRM_T_VERT_MERGE => {
                if let (Some(&itc), Some(&f)) = (v.first(), v.get(1)) {
                    if let Some(flag) = tap.flags.get_mut(usize::from(itc)) {
                        *flag &= !(TC_VERT_MERGE | TC_VERT_RESTART);
                        *flag |= match f {
                            1 => TC_VERT_MERGE,
                            3 => TC_VERT_MERGE | TC_VERT_RESTART,
                            _ => 0,
                        };
                    }
                }
            }
            SPRM_T_TABLE_HEADER => tap.header = v.first().is_some_and(|b| *b != 0),
            _ => {}
        }
    }
    tap
}

/// The model being built while the text is walked, as in the DOCX reader.
struct Body<'a> {
    path: &'a str,
    blocks: Vec<Block>,
    /// The current paragraph's text.
    para: String,
    /// Rows of the open table, and the cells of its open row.
    rows: Vec<RawRow<'a>>,
    cells: Vec<RawCell>,
    /// The open cell's paragraphs so far.
    cell: String,
    /// The last character read was a cell mark (for row ends read from the
    /// text alone).
    after_cell: bool,
    counters: HashMap<(u16, u8), u32>,
}

impl<'a> Body<'a> {
    fn in_table(&self) -> bool {
        !self.rows.is_empty() || !self.cells.is_empty() || !self.cell.is_empty()
    }

    /// Numbering as Word shows it (`N.` at the first level), as the DOCX
    /// reader restores it.
    fn numbered(&mut self, text: String, num: Option<(u16, u8)>) -> String {
        let Some(key) = num else { return text };
        let n = self.counters.entry(key).or_insert(0);
        *n += 1;
        if key.1 == 0 && !text.trim().is_empty() {
            format!("{n}.{}", text.trim_start())
        } else {
            text
        }
    }

    /// A paragraph ends at `mark` with properties `pap` (and the PAPX's
    /// sprms, for a row end).
    fn end_paragraph(&mut self, mark: u16, pap: Pap, grpprl: &'a [u8]) -> Result<(), Error> {
        let text = std::mem::take(&mut self.para);
        let text = self.numbered(text, pap.num);
        let after_cell = std::mem::replace(&mut self.after_cell, false);
        if mark == CELL {
            let row_end = if pap.known && (pap.in_table || pap.ttp) {
                pap.ttp
            } else {
                // No properties: a mark right after a cell's mark ends the row.
                after_cell && text.is_empty() && self.cell.is_empty()
            };
            if row_end {
                let cells = std::mem::take(&mut self.cells);
                self.rows.push(RawRow { cells, tap: grpprl });
                return Ok(());
            }
            let mut cell = std::mem::take(&mut self.cell);
            if !cell.is_empty() {
                cell.push('\n');
            }
            cell.push_str(&text);
            self.cells.push(RawCell { text: cell });
            self.after_cell = true;
            return Ok(());
        }
        let in_cell = if pap.known {
            pap.in_table
        } else {
            !self.cells.is_empty() || !self.cell.is_empty()
        };
        if in_cell {
            if !self.cell.is_empty() {
                self.cell.push('\n');
            }
            self.cell.push_str(&text);
            return Ok(());
        }
        self.end_table()?;
        for line in text.split('\n') {
            let t = crate::text::clean(line);
            if !t.is_empty() {
                self.blocks.push(Block::Paragraph(Paragraph {
                    text: t,
                    line: None,
                }));
            }
        }
        Ok(())
    }

    /// The open table ends: its rows placed on a grid.
    fn end_table(&mut self) -> Result<(), Error> {
        if !self.in_table() {
            return Ok(());
        }
        // A row left open (its row-end mark missing) still counts.
        let mut cells = std::mem::take(&mut self.cells);
        let cell = std::mem::take(&mut self.cell);
        if !cell.is_empty() {
            cells.push(RawCell { text: cell });
        }
        if !cells.is_empty() {
            self.rows.push(RawRow { cells, tap: &[] });
        }
        let rows = std::mem::take(&mut self.rows);
        if let Some(t) = resolve(rows, self.path)? {
            super::push_table(&mut self.blocks, t);
        }
        Ok(())
    }
}

/// The grid column of each edge: edges within [`EDGE_TOLERANCE`] of the
/// line before are that line.
fn grid_lines(mut edges: Vec<i32>) -> Vec<i32> {
    edges.sort_unstable();
    let mut lines: Vec<i32> = Vec::new();
    for e in edges {
        if lines.last().is_none_or(|l| e - l >= EDGE_TOLERANCE) {
            lines.push(e);
        }
    }
    lines
}

/// The grid line an edge falls on.
fn line_of(lines: &[i32], edge: i32) -> usize {
    lines
        .iter()
        .rposition(|l| edge - l > -EDGE_TOLERANCE)
        .unwrap_or(0)
}

/// Places a table's cells on its grid: each cell's edges say which columns
/// it covers (later columns are `ColSpan` copies), a cell merged into the
/// one on its left is a `ColSpan` too, and a vertical merge's continuation
/// copies the cell above (`RowSpan`), as the DOCX reader's `resolve` does.
fn resolve(raw: Vec<RawRow<'_>>, path: &str) -> Result<Option<Table>, Error> {
    let taps: Vec<Tap> = raw.iter().map(|r| tap_of(r.tap)).collect();
    let mut all = Vec::new();
    for t in &taps {
        if t.edges.len() > super::docx::MAX_GRID_COLUMNS + 1 {
            continue;
        }
        all.extend(t.edges.iter().copied());
        if all.len() > MAX_DOC_TABLE_CELLS {
            break;
        }
    }
    let lines = grid_lines(all);
    if lines.len() > super::docx::MAX_GRID_COLUMNS + 1 {
        return Err(Error::Limit {
            at: path.into(),
            what: format!(
                "a table whose cells' edges make {} columns",
                lines.len() - 1
            ),
            limit: format!("{} (MAX_GRID_COLUMNS)", super::docx::MAX_GRID_COLUMNS),
        });
    }
    let mut rows: Vec<Row> = Vec::new();
    let mut header_rows = 0;
    let mut counting_header = true;
    // The widest row so far: the grid's width, checked against the limit
    // as each row is placed.
    let mut widest = 0usize;
    for (r, tap) in raw.into_iter().zip(&taps) {
        if counting_header && tap.header {
            header_rows += 1;
        } else {
            counting_header = false;
        }
        let defined = tap.edges.len() == tap.flags.len() + 1 && !lines.is_empty();
        let mut cells: Vec<Cell> = Vec::new();
        for (i, rc) in r.cells.into_iter().enumerate() {
            let flags = tap.flags.get(i).copied().unwrap_or(0);
            let (start, end) = match (defined, tap.edges.get(i), tap.edges.get(i + 1)) {
                (true, Some(&a), Some(&b)) => (line_of(&lines, a), line_of(&lines, b)),
                _ => (cells.len(), cells.len() + 1),
            };
            let span = end.saturating_sub(start).max(1);
            if cells.len().saturating_add(span) > super::docx::MAX_GRID_COLUMNS {
                return Err(Error::Limit {
                    at: path.into(),
                    what: "a table row wider than its grid allows".into(),
                    limit: format!("{} (MAX_GRID_COLUMNS)", super::docx::MAX_GRID_COLUMNS),
                });
            }
            // Columns before the cell (a row that starts right of the table's edge).
            while cells.len() < start {
                cells.push(Cell::own(""));
            }
            let col = cells.len();
            if flags & TC_MERGED != 0 && col > 0 {
                // The old horizontal merge: part of the cell on the left.
                let left = cells
                    .iter()
                    .rposition(|c| !matches!(c.origin, Origin::ColSpan { .. }));
                if let Some(l) = left {
                    let text = cells.get(l).map(|c| c.text.clone()).unwrap_or_default();
                    let origin = match cells.get(l).map(|c| c.origin) {
                        Some(Origin::RowSpan { row }) => Origin::RowSpan { row },
                        _ => Origin::ColSpan { col: l },
                    };
                    for _ in 0..span {
                        cells.push(Cell {
                            text: text.clone(),
                            origin,
                        });
                    }
                    continue;
                }
            }
            let continues = flags & (TC_VERT_MERGE | TC_VERT_RESTART) == TC_VERT_MERGE;
            let above = rows.last().and_then(|a| a.cells.get(col));
            let first = match above.filter(|_| continues) {
                Some(a) => Cell {
                    text: a.text.clone(),
                    origin: match a.origin {
                        Origin::RowSpan { row } => Origin::RowSpan { row },
                        _ => Origin::RowSpan {
                            row: rows.len().saturating_sub(1),
                        },
                    },
                },
                None => Cell::own(crate::text::clean_multiline(&rc.text)),
            };
            for k in 0..span {
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
        widest = widest.max(cells.len());
        rows.push(Row { cells, line: None });
        let width = widest;
        if rows.len().saturating_mul(width) > MAX_DOC_TABLE_CELLS {
            return Err(Error::Limit {
                at: path.into(),
                what: format!("a table of {} rows by {width} columns", rows.len()),
                limit: format!("{MAX_DOC_TABLE_CELLS} cells (MAX_DOC_TABLE_CELLS)"),
            });
        }
    }
    let Some(width) = rows.iter().map(|r| r.cells.len()).max() else {
        return Ok(None);
    };
    if width == 0 {
        return Ok(None);
    }
    for r in &mut rows {
        r.cells.resize(width, Cell::own(""));
    }
    Ok(Some(Table {
        width,
        header_rows,
        rows,
        layout: crate::model::Layout::DocTable,
    }))
}

/// Reads a Word 97-2003 document from its streams: `word` is the
/// `WordDocument` stream; `stream` fetches the others by name (the table
/// stream the FIB names, and `Data`), `None` when the file lacks one.
pub fn parse_streams(
    word: &[u8],
    stream: impl Fn(&str) -> Result<Option<Vec<u8>>, Error>,
    path: &str,
) -> Result<Document, Error> {
    let fib = Reader {
        path,
        word,
        data: &[],
    }
    .fib()?;
    let name = fib.table_stream;
    let table = stream(name)?.ok_or_else(|| Error::Damaged {
        at: path.into(),
        reason: format!("the FIB names a {name} stream, which the file does not hold"),
    })?;
    let data = stream("Data")?.unwrap_or_default();
    let reader = Reader {
        path,
        word,
        data: &data,
    };
    let clx = reader.span(&table, name, "piece table (CLX)", fib.clx)?;
    let pieces = reader.pieces(clx, name, fib.clx.0, fib.ccp_text)?;
    // Property pages: tables, numbering and deletions come from them; a
    // file without them is read from its text alone.
    let papx_plc = reader.span(&table, name, "paragraph property table", fib.bte_papx)?;
    let pap_pages = reader.pages(papx_plc, name)?;
    let runs = reader.pap_runs(&pap_pages);
    let chpx_plc = reader.span(&table, name, "character property table", fib.bte_chpx)?;
    let chp_pages = reader.pages(chpx_plc, name)?;
    let deleted = reader.deleted(&chp_pages);

    let pap_at = |fc: usize| -> (Pap, &[u8]) {
        let fc = u32::try_from(fc).unwrap_or(u32::MAX);
        let i = runs.partition_point(|r| r.start <= fc);
        match i.checked_sub(1).and_then(|i| runs.get(i)) {
            Some(r) if fc < r.end => (pap_of(r.grpprl), r.grpprl),
            _ if runs.is_empty() => (Pap::default(), &[]),
            _ => (
                Pap {
                    known: true,
                    ..Pap::default()
                },
                &[],
            ),
        }
    };
    let is_deleted = |fc: usize| -> bool {
        if deleted.is_empty() {
            return false;
        }
        let fc = u32::try_from(fc).unwrap_or(u32::MAX);
        let i = deleted.partition_point(|r| r.0 <= fc);
        i.checked_sub(1)
            .and_then(|i| deleted.get(i))
            .is_some_and(|r| fc < r.1)
    };

    let mut body = Body {
        path,
        blocks: Vec::new(),
        para: String::new(),
        rows: Vec::new(),
        cells: Vec::new(),
        cell: String::new(),
        after_cell: false,
        counters: HashMap::new(),
    };
    // Open fields, each true once past its separator (showing its result);
    // `hiding` counts those still in their instruction.
    let mut fields: Vec<bool> = Vec::new();
    let mut hiding = 0usize;
    let mut units: Vec<u16> = Vec::new();
    for p in &pieces {
        let chars = usize::try_from(p.cp_end - p.cp).unwrap_or(0);
        let unit = if p.compressed { 1 } else { 2 };
        let bytes =
            p.fc.checked_add(chars * unit)
                .and_then(|end| word.get(p.fc..end))
                .unwrap_or(&[]);
        units.clear();
        if p.compressed {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            // Windows-1252 decodes each byte to one BMP character.
            units.extend(text.encode_utf16());
        } else {
            units.extend(
                bytes
                    .chunks_exact(2)
                    .filter_map(|c| c.try_into().ok().map(u16::from_le_bytes)),
            );
        }
        for (k, &u) in units.iter().enumerate() {
            let fc = p.fc + k * unit;
            if is_deleted(fc) {
                continue;
            }
            match u {
                FIELD_BEGIN => {
                    fields.push(false);
                    hiding += 1;
                    continue;
                }
                FIELD_SEPARATOR => {
                    if let Some(f) = fields.last_mut().filter(|f| !**f) {
                        *f = true;
                        hiding -= 1;
                    }
                    continue;
                }
                FIELD_END => {
                    if fields.pop() == Some(false) {
                        hiding -= 1;
                    }
                    continue;
                }
                _ => {}
            }
            if hiding > 0 && !matches!(u, PARAGRAPH | CELL) {
                continue;
            }
            match u {
                PARAGRAPH | CELL | PAGE_BREAK => {
                    let (pap, grpprl) = pap_at(fc);
                    body.end_paragraph(u, pap, grpprl)?;
                }
                LINE_BREAK => body.para.push('\n'),
                TAB => body.para.push(' '),
                NON_BREAKING_HYPHEN => body.para.push('-'),
                0..=0x1F => {}
                _ => {
                    // Lone surrogates become U+FFFD.
                    body.para
                        .extend(char::decode_utf16([u]).map(|c| c.unwrap_or('\u{FFFD}')));
                }
            }
        }
    }
    // A paragraph without its mark at the very end, then any open table.
    if !body.para.trim().is_empty() {
        let text = std::mem::take(&mut body.para);
        body.end_table()?;
        body.para = text;
        body.end_paragraph(
            PARAGRAPH,
            Pap {
                known: true,
                ..Pap::default()
            },
            &[],
        )?;
    }
    body.end_table()?;
    Ok(super::finish(Document {
        layout: crate::model::Layout::Doc,
        blocks: body.blocks,
        metadata: Vec::new(),
        warnings: Vec::new(),
    }))
}

/// Reads a compound file that holds a `WordDocument` stream.
pub fn read(bytes: &[u8], path: &str) -> Result<Document, Error> {
    let file = super::ole::open(bytes).map_err(|p| ole_error(p, path))?;
    let damaged = |reason: String| Error::Damaged {
        at: path.into(),
        reason,
    };
    let word = file
        .root_stream(WORD_STREAM)
        .map_err(damaged)?
        .ok_or_else(|| Error::Damaged {
            at: path.into(),
            reason: "the file holds no WordDocument stream under its root".into(),
        })?;
    parse_streams(
        &word,
        |name| {
            file.root_stream(name).map_err(|reason| Error::Damaged {
                at: path.into(),
                reason,
            })
        },
        path,
    )
}

/// A compound-file problem as this input's error.
fn ole_error(p: super::ole::Problem, path: &str) -> Error {
    match p {
        super::ole::Problem::Damaged(reason) => Error::Damaged {
            at: path.into(),
            reason,
        },
        super::ole::Problem::Limit { what, limit } => Error::Limit {
            at: path.into(),
            what,
            limit,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where the test streams keep their text, and their character property page.
    const TEXT_AT: usize = 2048;
    const CHPX_PAGE: u32 = 2;

    /// A Word 97 FIB for `ccp` characters, with (pair index, fc, lcb) set.
    fn fib(ccp: u32, pairs: &[(usize, u32, u32)]) -> Vec<u8> {
        let mut w = vec![0u8; TEXT_AT];
        w[0..2].copy_from_slice(&WIDENT_97.to_le_bytes());
        w[2..4].copy_from_slice(&NFIB_97.to_le_bytes());
        w[10..12].copy_from_slice(&F_WHICH_TABLE.to_le_bytes());
        w[32..34].copy_from_slice(&14u16.to_le_bytes());
        w[62..64].copy_from_slice(&22u16.to_le_bytes());
        w[76..80].copy_from_slice(&ccp.to_le_bytes());
        w[152..154].copy_from_slice(&93u16.to_le_bytes());
        for &(i, fc, lcb) in pairs {
            let at = 154 + 8 * i;
            w[at..at + 4].copy_from_slice(&fc.to_le_bytes());
            w[at + 4..at + 8].copy_from_slice(&lcb.to_le_bytes());
        }
        w
    }

    /// The WordDocument and table streams of a document whose main text is
    /// `pieces` in order (each 8-bit or UTF-16), saved in the stream in
    /// reverse order when `fast_saved`.
    fn build(pieces: &[(&str, bool)], fast_saved: bool) -> (Vec<u8>, Vec<u8>) {
        let ccp: usize = pieces.iter().map(|(t, _)| t.encode_utf16().count()).sum();
        let mut body = Vec::new();
        let mut fcs = vec![0u32; pieces.len()];
        let order: Vec<usize> = if fast_saved {
            (0..pieces.len()).rev().collect()
        } else {
            (0..pieces.len()).collect()
        };
        for i in order {
            let (text, compressed) = pieces[i];
            let at = (TEXT_AT + body.len()) as u32;
            if compressed {
                fcs[i] = (at * 2) | FC_COMPRESSED;
                body.extend(text.chars().map(|c| c as u8));
            } else {
                fcs[i] = at;
                body.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            }
        }
        let mut plc = Vec::new();
        let mut cp = 0u32;
        for (t, _) in pieces {
            plc.extend(cp.to_le_bytes());
            cp += t.encode_utf16().count() as u32;
        }
        plc.extend(cp.to_le_bytes());
        for fc in fcs {
            plc.extend([0u8, 0]);
            plc.extend(fc.to_le_bytes());
            plc.extend([0u8, 0]);
        }
        let mut clx = vec![1u8, 2, 0, 0xAA, 0xBB, 2];
        clx.extend((plc.len() as u32).to_le_bytes());
        clx.extend(plc);
        let mut word = fib(ccp as u32, &[(PAIR_CLX, 0, clx.len() as u32)]);
        word.extend(body);
        (word, clx)
    }

    fn parse(word: &[u8], table: &[u8]) -> Result<Document, Error> {
        parse_streams(
            word,
            |name| Ok((name == "1Table").then(|| table.to_vec())),
            "t.doc",
        )
    }

    fn texts(doc: &Document) -> Vec<String> {
        doc.paragraph_texts().map(str::to_string).collect()
    }

    #[test]
    fn pieces_in_character_order_fields_and_both_encodings() {
        let (w, t) = build(
            &[
                ("附件\u{13} HYPERLINK \"x\" \u{14}1\u{15}\r", false),
                ("Caf\u{e9} 1\r", true),
                ("\u{13}PAGE\u{15}末行\x0b下一行", false),
            ],
            true,
        );
        let doc = parse(&w, &t).unwrap();
        assert_eq!(doc.layout, crate::model::Layout::Doc);
        assert_eq!(texts(&doc), ["附件1", "Café 1", "末行", "下一行"]);
    }

    #[test]
    fn rows_end_at_a_mark_after_a_cell_mark_without_property_pages() {
        let text = "表\r序号\x07项目名称\x07\x071\x07公园\x07\x072\x07\x07完\r";
        let (w, t) = build(&[(text, false)], false);
        let doc = parse(&w, &t).unwrap();
        let tables: Vec<&Table> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .collect();
        assert_eq!(tables.len(), 1);
        let t = tables[0];
        assert_eq!((t.width, t.rows.len()), (2, 3));
        assert_eq!(t.rows[1].cells[1].text, "公园");
        // A row's empty last cell would read as its end here (the text
        // alone cannot tell them apart, which is why the property pages
        // decide when the file has them); a short row is padded.
        assert_eq!(t.rows[2].cells[0].text, "2");
        assert_eq!(t.rows[2].cells[1].text, "");
        assert_eq!(t.layout, crate::model::Layout::DocTable);
        assert_eq!(texts(&doc), ["表", "完"]);
    }

    #[test]
    fn deleted_text_is_not_read() {
        let (mut w, mut t) = build(&[("保留删除\r", false)], false);
        // A character property page: "删除" (UTF-16, 4 bytes after "保留")
        // marked deleted.
        let start = (TEXT_AT + 4) as u32;
        let end = start + 4;
        let mut page = vec![0u8; PAGE_BYTES];
        page[0..4].copy_from_slice(&start.to_le_bytes());
        page[4..8].copy_from_slice(&end.to_le_bytes());
        page[8] = 100; // the CHPX at byte 200
        page[200] = 3;
        page[201..203].copy_from_slice(&SPRM_C_RMARK_DEL.to_le_bytes());
        page[203] = 1;
        page[PAGE_BYTES - 1] = 1;
        let at = CHPX_PAGE as usize * PAGE_BYTES;
        w[at..at + PAGE_BYTES].copy_from_slice(&page);
        let plc_at = t.len() as u32;
        t.extend(start.to_le_bytes());
        t.extend(end.to_le_bytes());
        t.extend(CHPX_PAGE.to_le_bytes());
        w[154 + 8 * PAIR_BTE_CHPX..154 + 8 * PAIR_BTE_CHPX + 4]
            .copy_from_slice(&plc_at.to_le_bytes());
        w[154 + 8 * PAIR_BTE_CHPX + 4..154 + 8 * PAIR_BTE_CHPX + 8]
            .copy_from_slice(&12u32.to_le_bytes());
        assert_eq!(texts(&parse(&w, &t).unwrap()), ["保留"]);
    }

    #[test]
    fn table_definitions_place_spans_and_vertical_merges() {
        // Row 1: two cells over edges 0|1000|3000; row 2: three cells over
        // 0|1000|2000|3000, the first continuing the merge above.
        let def = |edges: &[i16], flags: &[u16]| {
            let mut v = vec![flags.len() as u8];
            v.extend(edges.iter().flat_map(|e| e.to_le_bytes()));
            for f in flags {
                let mut tc = vec![0u8; TC80_BYTES];
                tc[0..2].copy_from_slice(&f.to_le_bytes());
                v.extend(tc);
            }
            let mut g = SPRM_P_IN_TABLE.to_le_bytes().to_vec();
            g.push(1);
            g.extend(SPRM_P_TTP.to_le_bytes());
            g.push(1);
            g.extend(SPRM_T_DEF_TABLE.to_le_bytes());
            g.extend(((v.len() + 1) as u16).to_le_bytes());
            g.extend(v);
            g
        };
        let rows = [
            def(&[0, 1000, 3000], &[TC_VERT_MERGE | TC_VERT_RESTART, 0]),
            def(&[0, 1000, 2000, 3000], &[TC_VERT_MERGE, 0, 0]),
        ];
        let tap = [tap_of(&rows[0]), tap_of(&rows[1])];
        assert_eq!(tap[1].edges, [0, 1000, 2000, 3000]);
        let raw = vec![
            RawRow {
                cells: vec![
                    RawCell { text: "1".into() },
                    RawCell {
                        text: "名称".into(),
                    },
                ],
                tap: &rows[0],
            },
            RawRow {
                cells: vec![
                    RawCell {
                        text: String::new(),
                    },
                    RawCell { text: "甲".into() },
                    RawCell { text: "乙".into() },
                ],
                tap: &rows[1],
            },
        ];
        let t = resolve(raw, "t.doc").unwrap().unwrap();
        assert_eq!(t.width, 3);
        assert_eq!(t.rows[0].cells[2].origin, Origin::ColSpan { col: 1 });
        assert_eq!(t.rows[0].cells[2].text, "名称");
        assert_eq!(
            t.rows[1].cells[0],
            Cell {
                text: "1".into(),
                origin: Origin::RowSpan { row: 0 }
            }
        );
        assert_eq!(t.rows[1].cells[2].text, "乙");
    }

    #[test]
    fn damage_and_old_or_locked_files_are_named() {
        let (w, t) = build(&[("正文\r", false)], false);
        // Encrypted: skipped, saying so.
        let mut e = w.clone();
        e[10..12].copy_from_slice(&(F_WHICH_TABLE | F_ENCRYPTED).to_le_bytes());
        let err = parse(&e, &t).unwrap_err();
        assert!(
            matches!(err, Error::Unsupported { .. }) && err.to_string().contains("encrypted"),
            "{err}"
        );
        // Word 6.0/95.
        let mut old = w.clone();
        old[0..2].copy_from_slice(&WIDENT_6.to_le_bytes());
        old[2..4].copy_from_slice(&101u16.to_le_bytes());
        let err = parse(&old, &t).unwrap_err();
        assert!(err.to_string().contains("Word 6.0/95"), "{err}");
        // A FIB cut short, a piece past the stream, a piece table past the CLX.
        let err = parse(&w[..100], &t).unwrap_err();
        assert!(err.to_string().contains("cut short"), "{err}");
        let err = parse(&w[..w.len() - 2], &t).unwrap_err();
        assert!(
            err.to_string()
                .contains("past the end of the WordDocument stream"),
            "{err}"
        );
        let mut big = t.clone();
        big[6..10].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
        let err = parse(&w, &big).unwrap_err();
        assert!(
            err.to_string().contains("runs past the end of the CLX"),
            "{err}"
        );
        // No table stream.
        let err = parse_streams(&w, |_| Ok(None), "t.doc").unwrap_err();
        assert!(err.to_string().contains("1Table"), "{err}");
    }

    #[test]
    fn tables_past_the_grid_limits_are_refused() {
        use super::super::docx::MAX_GRID_COLUMNS;
        let row = |n: usize| RawRow {
            cells: (0..n)
                .map(|_| RawCell {
                    text: String::new(),
                })
                .collect(),
            tap: &[],
        };
        let err = resolve(vec![row(MAX_GRID_COLUMNS + 1)], "t.doc").unwrap_err();
        assert!(err.to_string().contains("MAX_GRID_COLUMNS"), "{err}");
        let rows = MAX_DOC_TABLE_CELLS / MAX_GRID_COLUMNS + 1;
        let err = resolve((0..rows).map(|_| row(MAX_GRID_COLUMNS)).collect(), "t.doc").unwrap_err();
        assert!(err.to_string().contains("MAX_DOC_TABLE_CELLS"), "{err}");
    }

    #[test]
    fn pieces_past_the_limit_are_refused_before_reading() {
        let n = MAX_DOC_PIECES + 1;
        let mut plc = Vec::new();
        for i in 0..=n {
            plc.extend((i as u32).to_le_bytes());
        }
        plc.extend(std::iter::repeat_n(0u8, n * PCD_BYTES));
        let mut clx = vec![2u8];
        clx.extend((plc.len() as u32).to_le_bytes());
        clx.extend(plc);
        let w = fib(n as u32, &[(PAIR_CLX, 0, clx.len() as u32)]);
        let err = parse(&w, &clx).unwrap_err();
        assert!(
            matches!(err, Error::Limit { .. }) && err.to_string().contains("MAX_DOC_PIECES"),
            "{err}"
        );
    }
}
