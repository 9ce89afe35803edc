//! A check of an OLE2 compound file (MS-CFB: legacy Excel .xls and Word .doc)
//! before calamine reads it. calamine 0.38 trusts the file's sector numbers:
//! a FAT, DIFAT or directory chain that points past the end of the file, or
//! outside the FAT, panics in `cfb.rs` (slice and index out of range), and a
//! directory chain that loops never ends. Here every chain calamine follows
//! when it opens a workbook is walked first, with the same rules it uses,
//! and must stay inside the file and its allocation table and never visit a
//! sector twice. The directory's entry names are returned, so that the caller
//! can tell a workbook from a Word document without calamine.

/// The 8 bytes every compound file starts with.
pub const SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// Size of the header structure; with 4096-byte sectors the header takes a
/// whole sector.
pub const HEADER_BYTES: usize = 512;
/// Sector shift of version 3 files: 2^9 = 512-byte sectors.
const SECTOR_SHIFT_SMALL: u16 = 9;
/// Sector shift of version 4 files: 2^12 = 4096-byte sectors.
const SECTOR_SHIFT_LARGE: u16 = 12;
/// The only mini-sector shift the format allows: 2^6 = 64-byte mini sectors.
const MINI_SECTOR_SHIFT: u16 = 6;
/// Bytes of one mini sector.
const MINI_SECTOR_BYTES: usize = 64;
/// Streams shorter than this live in the mini stream; calamine applies the
/// cutoff itself rather than reading it from the header.
const MINI_STREAM_CUTOFF: u64 = 4096;
/// Bytes of one directory entry.
const DIR_ENTRY_BYTES: usize = 128;
/// Bytes of a directory entry's UTF-16 name field.
const DIR_NAME_BYTES: usize = 64;
/// Sector numbers at and above this are markers, not sectors; a chain ends
/// at [`ENDOFCHAIN`], and calamine stops a DIFAT chain at any marker.
const MAXREGSECT_END: u32 = 0xFFFF_FFFA;
/// Marks a DIFAT sector in the FAT; calamine skips DIFAT entries from here up.
const DIFSECT: u32 = 0xFFFF_FFFC;
/// Ends a sector chain.
const ENDOFCHAIN: u32 = 0xFFFF_FFFE;

/// Header fields, at their byte offsets (MS-CFB 2.2).
const OFF_SECTOR_SHIFT: usize = 30;
const OFF_MINI_SECTOR_SHIFT: usize = 32;
const OFF_DIR_START: usize = 48;
const OFF_MINI_FAT_START: usize = 60;
const OFF_MINI_FAT_SECTORS: usize = 64;
const OFF_DIFAT_START: usize = 68;
const OFF_HEADER_DIFAT: usize = 76;
/// Directory entry fields, at their byte offsets.
const OFF_ENTRY_KIND: usize = 66;
const OFF_ENTRY_LEFT: usize = 68;
const OFF_ENTRY_RIGHT: usize = 72;
const OFF_ENTRY_CHILD: usize = 76;
const OFF_ENTRY_START: usize = 116;
/// The object type of a stream entry.
const STREAM_OBJECT: u8 = 2;
/// Sibling and child ids at and above this are "no entry".
const MAXREGSID: u32 = 0xFFFF_FFFA;

/// Most directory entries (streams and storages) one compound file may
/// hold. The directory is read whole and its entries kept while the file is
/// read; a Word document has about ten, a workbook a few, and one with
/// embedded objects tens to hundreds. 65,536 entries are 8 MB of directory,
/// far past any real file, while a hostile 64 MB file could declare 500,000.
pub const MAX_OLE_ENTRIES: usize = 65_536;
const OFF_ENTRY_SIZE: usize = 120;

/// Streams calamine reads when it opens a workbook (it tries `Workbook`,
/// then `Book`); names compare case-insensitively, as calamine does.
const WORKBOOK_STREAMS: &[&str] = &["Workbook", "Book"];
/// The stream a Word 97-2003 document keeps its text in.
const WORD_STREAM: &str = "WordDocument";

/// What a compound file holds, as far as choosing a reader goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An Excel 97-2003 workbook (a `Workbook` or `Book` stream), with the
    /// cells of its largest sheet's extent, as calamine will allocate them.
    Workbook {
        /// Rows × columns spanned by the value cells of the largest sheet.
        largest_sheet: u64,
    },
    /// A Word 97-2003 document (a `WordDocument` stream).
    WordDocument,
    /// Something else kept in a compound file (PowerPoint, Outlook …).
    Other,
}

fn u16_at(b: &[u8], off: usize) -> Option<u16> {
    let s = b.get(off..off.checked_add(2)?)?;
    s.try_into().ok().map(u16::from_le_bytes)
}

fn u32_at(b: &[u8], off: usize) -> Option<u32> {
    let s = b.get(off..off.checked_add(4)?)?;
    s.try_into().ok().map(u32::from_le_bytes)
}

/// The little-endian u32s of a byte run (a trailing partial word is dropped,
/// as calamine drops it).
fn u32s(b: &[u8]) -> impl Iterator<Item = u32> + '_ {
    b.chunks_exact(4)
        .filter_map(|c| c.try_into().ok().map(u32::from_le_bytes))
}

/// Sectors of a file (or of its mini stream): numbered from 0 after the header.
struct Sectors<'a> {
    data: &'a [u8],
    size: usize,
}

impl<'a> Sectors<'a> {
    /// Sectors that start inside the data; the last may be short, which
    /// calamine reads as short (never past the end).
    fn count(&self) -> usize {
        self.data.len().div_ceil(self.size)
    }

    fn get(&self, id: u32) -> Option<&'a [u8]> {
        let start = usize::try_from(id).ok()?.checked_mul(self.size)?;
        if start >= self.data.len() {
            return None;
        }
        let end = start.saturating_add(self.size).min(self.data.len());
        self.data.get(start..end)
    }

    /// The bytes of the chain starting at `start`, following `table`, as
    /// calamine's `get_chain` reads them: up to `want` bytes, stopping at
    /// [`ENDOFCHAIN`]. Every sector must be in the data and in the table
    /// (when the chain goes on from it), and none may come twice.
    fn chain(&self, start: u32, table: &[u32], want: u64, what: &str) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        let mut seen = vec![false; self.count()];
        let mut id = start;
        while id != ENDOFCHAIN {
            let Some(sector) = self.get(id) else {
                return Err(format!(
                    "{what} names sector {id}, past the end of the file ({} sectors)",
                    self.count()
                ));
            };
            let Some(visited) = usize::try_from(id).ok().and_then(|i| seen.get_mut(i)) else {
                return Err(format!(
                    "{what} names sector {id}, past the end of the file"
                ));
            };
            if *visited {
                return Err(format!("{what} loops back to sector {id}"));
            }
            *visited = true;
            let room = want.saturating_sub(out.len() as u64);
            let take = usize::try_from(room)
                .unwrap_or(usize::MAX)
                .min(sector.len());
            out.extend_from_slice(sector.get(..take).unwrap_or(sector));
            if out.len() as u64 >= want {
                break;
            }
            id = usize::try_from(id)
                .ok()
                .and_then(|i| table.get(i))
                .copied()
                .ok_or_else(|| {
                    format!(
                        "{what} goes on from sector {id}, which the allocation table ({} entries) does not cover",
                        table.len()
                    )
                })?;
        }
        Ok(out)
    }
}

/// One directory entry: name, object type, tree links, first sector,
/// stream size.
struct Entry {
    name: String,
    kind: u8,
    left: u32,
    right: u32,
    child: u32,
    start: u32,
    size: u64,
}

fn entry(b: &[u8], large: bool) -> Option<Entry> {
    let name_bytes = b.get(..DIR_NAME_BYTES)?;
    let units: Vec<u16> = name_bytes
        .chunks_exact(2)
        .filter_map(|c| c.try_into().ok().map(u16::from_le_bytes))
        .take_while(|u| *u != 0)
        .collect();
    let start = u32_at(b, OFF_ENTRY_START)?;
    let low = u64::from(u32_at(b, OFF_ENTRY_SIZE)?);
    // Version 3 files keep only the low 32 bits of a size (calamine reads
    // them alone); version 4 files the full 64.
    let size = if large {
        low | (u64::from(u32_at(b, OFF_ENTRY_SIZE + 4)?) << 32)
    } else {
        low
    };
    Some(Entry {
        name: String::from_utf16_lossy(&units),
        kind: *b.get(OFF_ENTRY_KIND)?,
        left: u32_at(b, OFF_ENTRY_LEFT)?,
        right: u32_at(b, OFF_ENTRY_RIGHT)?,
        child: u32_at(b, OFF_ENTRY_CHILD)?,
        start,
        size,
    })
}

/// Why a compound file cannot be read: its structure is broken, or it is
/// past one of the limits on what one input may cost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The damage, in words.
    Damaged(String),
    /// What went past a limit, and the limit with its name.
    Limit {
        /// What went past it (`the directory holds 70000 entries`).
        what: String,
        /// The limit with its name.
        limit: String,
    },
}

impl From<String> for Problem {
    fn from(s: String) -> Self {
        Problem::Damaged(s)
    }
}

impl From<&str> for Problem {
    fn from(s: &str) -> Self {
        Problem::Damaged(s.into())
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Damaged(s) => f.write_str(s),
            Problem::Limit { what, limit } => write!(f, "{what}, beyond the limit of {limit}"),
        }
    }
}

/// A compound file whose header, DIFAT, FAT, directory and mini stream
/// passed the checks; its streams are read through the same checked chains.
pub struct Compound<'a> {
    sectors: Sectors<'a>,
    fat: Vec<u32>,
    entries: Vec<Entry>,
    mini_stream: Vec<u8>,
    mini_fat: Vec<u32>,
}

/// Opens a compound file: every structure a stream is read through is
/// checked (chains inside the file and the table, never looping), and the
/// directory's size against [`MAX_OLE_ENTRIES`].
pub fn open(bytes: &[u8]) -> Result<Compound<'_>, Problem> {
    let (sectors, large) = header(bytes)?;
    let field32 = |off| u32_at(bytes, off).ok_or("the header is cut short");
    let difat = difat(bytes, &sectors, field32(OFF_DIFAT_START)?)?;
    let fat = fat(&sectors, &difat)?;
    // The directory: a chain read whole (at most the file's size).
    let dir = sectors.chain(
        field32(OFF_DIR_START)?,
        &fat,
        u64::MAX,
        "the directory chain",
    )?;
    let count = dir.len() / DIR_ENTRY_BYTES;
    if count > MAX_OLE_ENTRIES {
        return Err(Problem::Limit {
            what: format!("the compound file's directory holds {count} entries"),
            limit: format!("{MAX_OLE_ENTRIES} entries (MAX_OLE_ENTRIES)"),
        });
    }
    let entries: Vec<Entry> = dir
        .chunks_exact(DIR_ENTRY_BYTES)
        .filter_map(|b| entry(b, large))
        .collect();
    let Some(root) = entries.first() else {
        return Err("the directory has no root entry".into());
    };

    // The mini stream (kept in the root entry's chain) and its allocation
    // table, which calamine loads when the header counts mini-FAT sectors.
    let mini_fat_sectors = field32(OFF_MINI_FAT_SECTORS)?;
    let (mini_stream, mini_fat) = if mini_fat_sectors > 0 {
        let stream = sectors.chain(root.start, &fat, root.size, "the mini stream")?;
        let want = u64::from(mini_fat_sectors).saturating_mul(sectors.size as u64);
        let table = sectors.chain(field32(OFF_MINI_FAT_START)?, &fat, want, "the mini FAT")?;
        (stream, u32s(&table).collect::<Vec<u32>>())
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(Compound {
        sectors,
        fat,
        entries,
        mini_stream,
        mini_fat,
    })
}

impl Compound<'_> {
    /// The first entry of that name anywhere in the directory (names
    /// compare case-insensitively, as calamine does).
    fn find(&self, name: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.name.as_bytes().eq_ignore_ascii_case(name.as_bytes()))
    }

    /// A stream's bytes, through its checked chain: at most its declared
    /// size, and never more than the file holds.
    fn read(&self, e: &Entry, what: &str) -> Result<Vec<u8>, String> {
        if e.size < MINI_STREAM_CUTOFF {
            let minis = Sectors {
                data: &self.mini_stream,
                size: MINI_SECTOR_BYTES,
            };
            minis.chain(e.start, &self.mini_fat, e.size, what)
        } else {
            self.sectors.chain(e.start, &self.fat, e.size, what)
        }
    }

    /// The stream called `name` directly under the root storage (not one of
    /// an embedded object's), read through its checked chain; `None` when
    /// the root holds no such stream. The root's children are a tree of
    /// sibling links; it is walked without visiting an entry twice.
    pub fn root_stream(&self, name: &str) -> Result<Option<Vec<u8>>, String> {
        let mut seen = vec![false; self.entries.len()];
        let mut todo = vec![self.entries.first().map_or(MAXREGSID, |r| r.child)];
        while let Some(id) = todo.pop() {
            if id >= MAXREGSID {
                continue;
            }
            let (Some(e), Some(visited)) = (
                usize::try_from(id).ok().and_then(|i| self.entries.get(i)),
                usize::try_from(id).ok().and_then(|i| seen.get_mut(i)),
            ) else {
                return Err(format!(
                    "the directory names entry {id}, past its {} entries",
                    self.entries.len()
                ));
            };
            if *visited {
                return Err(format!("the directory tree loops back to entry {id}"));
            }
            *visited = true;
            if e.kind == STREAM_OBJECT && e.name.as_bytes().eq_ignore_ascii_case(name.as_bytes()) {
                return self.read(e, &format!("the {name} stream")).map(Some);
            }
            todo.push(e.left);
            todo.push(e.right);
        }
        Ok(None)
    }
}

/// Checks a compound file's structure the way calamine will read it and
/// says what it holds; `Err` is the damage (or the limit passed), in words.
pub fn check(bytes: &[u8]) -> Result<Kind, String> {
    let file = open(bytes).map_err(|p| p.to_string())?;
    let mut workbook: Option<u64> = None;
    for name in WORKBOOK_STREAMS {
        let Some(e) = file.find(name) else { continue };
        let stream = file.read(e, &format!("the {name} stream"))?;
        let largest = largest_sheet(&stream);
        workbook = Some(workbook.map_or(largest, |w| w.max(largest)));
    }
    Ok(if let Some(largest_sheet) = workbook {
        Kind::Workbook { largest_sheet }
    } else if file.find(WORD_STREAM).is_some() {
        Kind::WordDocument
    } else {
        Kind::Other
    })
}

/// The header's checks: its size and signature, the sector sizes. Returns
/// the file's sectors (past the header sector) and whether they are large.
fn header(bytes: &[u8]) -> Result<(Sectors<'_>, bool), String> {
    if bytes.len() < HEADER_BYTES {
        return Err(format!(
            "the compound-file header is cut short ({} of {HEADER_BYTES} bytes)",
            bytes.len()
        ));
    }
    if bytes.get(..SIGNATURE.len()) != Some(&SIGNATURE[..]) {
        return Err("no compound-file signature".into());
    }
    let field16 = |off| u16_at(bytes, off).ok_or("the header is cut short");
    let shift = field16(OFF_SECTOR_SHIFT)?;
    let sector_size = match shift {
        SECTOR_SHIFT_SMALL | SECTOR_SHIFT_LARGE => 1usize << shift,
        s => {
            return Err(format!(
                "sector shift {s} is neither 9 (512 bytes) nor 12 (4096 bytes)"
            ))
        }
    };
    let mini_shift = field16(OFF_MINI_SECTOR_SHIFT)?;
    if mini_shift != MINI_SECTOR_SHIFT {
        return Err(format!("mini-sector shift {mini_shift} is not 6"));
    }
    let Some(body) = bytes.get(sector_size..) else {
        return Err(format!(
            "the file ({} bytes) ends inside its {sector_size}-byte header sector",
            bytes.len()
        ));
    };
    let sectors = Sectors {
        data: body,
        size: sector_size,
    };
    Ok((sectors, shift == SECTOR_SHIFT_LARGE))
}

/// The DIFAT: 109 entries in the header, then a chain of DIFAT sectors from
/// `start`, each ending with the number of the next (calamine pops it off);
/// every sector inside the file and visited once.
fn difat(bytes: &[u8], sectors: &Sectors<'_>, start: u32) -> Result<Vec<u32>, String> {
    let mut difat: Vec<u32> = bytes
        .get(OFF_HEADER_DIFAT..HEADER_BYTES)
        .map(|b| u32s(b).collect())
        .unwrap_or_default();
    let mut seen = vec![false; sectors.count()];
    let mut id = start;
    while id < MAXREGSECT_END {
        let (Some(sector), Some(visited)) = (
            sectors.get(id),
            usize::try_from(id).ok().and_then(|i| seen.get_mut(i)),
        ) else {
            return Err(format!(
                "DIFAT sector {id} is past the end of the file ({} sectors)",
                sectors.count()
            ));
        };
        if *visited {
            return Err(format!("the DIFAT chain loops back to sector {id}"));
        }
        *visited = true;
        difat.extend(u32s(sector));
        id = difat
            .pop()
            .ok_or_else(|| format!("DIFAT sector {id} is empty"))?;
    }
    Ok(difat)
}

/// The FAT: the sectors the DIFAT lists, in order, each inside the file
/// and listed once.
fn fat(sectors: &Sectors<'_>, difat: &[u32]) -> Result<Vec<u32>, String> {
    let mut fat: Vec<u32> = Vec::new();
    let mut listed = vec![false; sectors.count()];
    for &id in difat.iter().filter(|id| **id < DIFSECT) {
        let (Some(sector), Some(was)) = (
            sectors.get(id),
            usize::try_from(id).ok().and_then(|i| listed.get_mut(i)),
        ) else {
            return Err(format!(
                "FAT sector {id} is past the end of the file ({} sectors)",
                sectors.count()
            ));
        };
        if *was {
            return Err(format!("FAT sector {id} is listed twice"));
        }
        *was = true;
        fat.extend(u32s(sector));
    }
    Ok(fat)
}

/// BIFF records that hold a cell's value, each starting with its row and
/// column (LABELSST, NUMBER, RK, LABEL, FORMULA, BOOLERR, RSTRING), and
/// those holding a run of cells in one row (MULRK: row, first column, …,
/// last column). calamine builds a sheet's grid over the extent of these.
const CELL_RECORDS: &[u16] = &[0x00FD, 0x0203, 0x027E, 0x0204, 0x0006, 0x0205, 0x00D6];
const MULRK: u16 = 0x00BD;
/// The records that open and close a substream (a sheet, or the globals).
const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;

/// The largest extent, rows × columns, that the value cells of one sheet of
/// a BIFF8 workbook stream span: what calamine allocates for the sheet
/// before a reader can look at it. Records past the stream's end end the scan.
fn largest_sheet(stream: &[u8]) -> u64 {
    let mut largest = 0u64;
    // (first row, last row, first column, last column) of the current sheet.
    let mut extent: Option<(u16, u16, u16, u16)> = None;
    let grow = |ext: &mut Option<(u16, u16, u16, u16)>, row: u16, c0: u16, c1: u16| {
        *ext = Some(match *ext {
            None => (row, row, c0, c1),
            Some((r0, r1, a, b)) => (r0.min(row), r1.max(row), a.min(c0), b.max(c1)),
        });
    };
    let size = |ext: Option<(u16, u16, u16, u16)>| {
        ext.map_or(0, |(r0, r1, c0, c1)| {
            (u64::from(r1.saturating_sub(r0)) + 1) * (u64::from(c1.saturating_sub(c0)) + 1)
        })
    };
    let mut off = 0usize;
    while let (Some(kind), Some(len)) = (u16_at(stream, off), u16_at(stream, off + 2)) {
        let data = off + 4;
        let Some(body) = stream.get(data..data + usize::from(len)) else {
            break;
        };
        match kind {
            BOF | EOF => {
                largest = largest.max(size(extent));
                extent = None;
            }
            k if CELL_RECORDS.contains(&k) => {
                if let (Some(row), Some(col)) = (u16_at(body, 0), u16_at(body, 2)) {
                    grow(&mut extent, row, col, col);
                }
            }
            MULRK => {
                let last = body.len().checked_sub(2).and_then(|o| u16_at(body, o));
                if let (Some(row), Some(c0), Some(c1)) = (u16_at(body, 0), u16_at(body, 2), last) {
                    grow(&mut extent, row, c0, c1.max(c0));
                }
            }
            _ => {}
        }
        off = data + usize::from(len);
    }
    largest.max(size(extent))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FREESECT: u32 = 0xFFFF_FFFF;
    const FATSECT: u32 = 0xFFFF_FFFD;

    fn name_entry(name: &str, kind: u8, start: u32, size: u32) -> Vec<u8> {
        let mut e = vec![0u8; DIR_ENTRY_BYTES];
        let units: Vec<u16> = name.encode_utf16().collect();
        for (i, u) in units.iter().enumerate() {
            e[i * 2..i * 2 + 2].copy_from_slice(&u.to_le_bytes());
        }
        e[64..66].copy_from_slice(&((units.len() as u16 + 1) * 2).to_le_bytes());
        e[66] = kind;
        e[OFF_ENTRY_START..OFF_ENTRY_START + 4].copy_from_slice(&start.to_le_bytes());
        e[OFF_ENTRY_SIZE..OFF_ENTRY_SIZE + 4].copy_from_slice(&size.to_le_bytes());
        e
    }

    /// A version-3 file: sector 0 the FAT, sector 1 the directory (root and
    /// one stream), sectors 2.. the stream's 4096 bytes.
    fn file(stream: &str) -> Vec<u8> {
        let mut h = vec![0u8; HEADER_BYTES];
        h[..8].copy_from_slice(&SIGNATURE);
        h[26..28].copy_from_slice(&3u16.to_le_bytes());
        h[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes());
        h[30..32].copy_from_slice(&SECTOR_SHIFT_SMALL.to_le_bytes());
        h[32..34].copy_from_slice(&MINI_SECTOR_SHIFT.to_le_bytes());
        h[44..48].copy_from_slice(&1u32.to_le_bytes());
        h[OFF_DIR_START..OFF_DIR_START + 4].copy_from_slice(&1u32.to_le_bytes());
        h[56..60].copy_from_slice(&4096u32.to_le_bytes());
        h[OFF_MINI_FAT_START..OFF_MINI_FAT_START + 4].copy_from_slice(&ENDOFCHAIN.to_le_bytes());
        h[OFF_DIFAT_START..OFF_DIFAT_START + 4].copy_from_slice(&ENDOFCHAIN.to_le_bytes());
        for i in 0..109 {
            let v = if i == 0 { 0 } else { FREESECT };
            h[OFF_HEADER_DIFAT + i * 4..OFF_HEADER_DIFAT + i * 4 + 4]
                .copy_from_slice(&v.to_le_bytes());
        }
        let mut fat = vec![FATSECT, ENDOFCHAIN];
        for s in 2..10u32 {
            fat.push(if s == 9 { ENDOFCHAIN } else { s + 1 });
        }
        fat.resize(128, FREESECT);
        let mut out = h;
        out.extend(fat.iter().flat_map(|v| v.to_le_bytes()));
        let mut dir = name_entry("Root Entry", 5, ENDOFCHAIN, 0);
        dir.extend(name_entry(stream, 2, 2, 4096));
        dir.resize(512, 0);
        out.extend(dir);
        out.extend(vec![0u8; 4096]);
        out
    }

    /// BIFF8 records: (type, body).
    fn biff(records: &[(u16, Vec<u8>)]) -> Vec<u8> {
        let mut out = Vec::new();
        for (kind, body) in records {
            out.extend(kind.to_le_bytes());
            out.extend((body.len() as u16).to_le_bytes());
            out.extend(body);
        }
        out
    }

    fn cell(row: u16, col: u16, rest: usize) -> Vec<u8> {
        let mut b = row.to_le_bytes().to_vec();
        b.extend(col.to_le_bytes());
        b.resize(4 + rest, 0);
        b
    }

    #[test]
    fn a_sheet_extent_is_the_span_of_its_value_cells() {
        let stream = biff(&[
            (BOF, vec![0; 16]),
            (EOF, vec![]),
            (BOF, vec![0; 16]),
            (0x0203, cell(2, 1, 10)),
            (0x00FD, cell(11, 3, 6)),
            (EOF, vec![]),
            (BOF, vec![0; 16]),
            (MULRK, {
                let mut b = cell(0, 0, 12);
                let n = b.len();
                b[n - 2..].copy_from_slice(&9u16.to_le_bytes());
                b
            }),
            (EOF, vec![]),
        ]);
        // 10 rows × 3 columns in the first sheet, 1 × 10 in the second.
        assert_eq!(largest_sheet(&stream), 30);
        // A record running past the end of the stream ends the scan.
        let mut cut = stream.clone();
        cut.extend([0x03, 0x02, 0xff, 0x00, 0x01]);
        assert_eq!(largest_sheet(&cut), 30);
        assert_eq!(largest_sheet(&[]), 0);
    }

    #[test]
    fn a_workbook_says_its_largest_sheet() {
        let mut f = file("Workbook");
        let stream = biff(&[
            (BOF, vec![0; 16]),
            (0x0203, cell(0, 0, 10)),
            (0x00FD, cell(65535, 255, 6)),
            (EOF, vec![]),
        ]);
        let at = HEADER_BYTES + 2 * 512;
        f[at..at + stream.len()].copy_from_slice(&stream);
        assert_eq!(
            check(&f),
            Ok(Kind::Workbook {
                largest_sheet: 65_536 * 256
            })
        );
        // Past MAX_SHEET_CELLS, the file is refused before calamine opens it.
        let err = crate::read::read(&f, "big.xls")
            .err()
            .map(|e| e.to_string());
        assert!(
            err.as_deref()
                .is_some_and(|e| e.contains("MAX_SHEET_CELLS")),
            "{err:?}"
        );
    }

    #[test]
    fn sound_files_say_what_they_hold() {
        assert!(matches!(
            check(&file("Workbook")),
            Ok(Kind::Workbook { .. })
        ));
        assert_eq!(check(&file("WordDocument")), Ok(Kind::WordDocument));
        assert_eq!(check(&file("PowerPoint Document")), Ok(Kind::Other));
    }

    #[test]
    fn streams_are_read_by_name_under_the_root_only() {
        let mut f = file("WordDocument");
        let dir = HEADER_BYTES + 512;
        let set =
            |f: &mut Vec<u8>, at: usize, v: u32| f[at..at + 4].copy_from_slice(&v.to_le_bytes());
        // The root's child is entry 1, which has no siblings.
        set(&mut f, dir + OFF_ENTRY_CHILD, 1);
        for off in [OFF_ENTRY_LEFT, OFF_ENTRY_RIGHT, OFF_ENTRY_CHILD] {
            set(&mut f, dir + 128 + off, 0xFFFF_FFFF);
        }
        let at = HEADER_BYTES + 2 * 512;
        f[at..at + 4].copy_from_slice(b"FIB!");
        let c = open(&f).expect("opens");
        let w = c
            .root_stream("worddocument")
            .expect("sound")
            .expect("found");
        assert_eq!((w.len(), &w[..4]), (4096, &b"FIB!"[..]));
        assert_eq!(c.root_stream("1Table"), Ok(None));
        // Not under the root: not found.
        set(&mut f, dir + OFF_ENTRY_CHILD, 0xFFFF_FFFF);
        assert_eq!(
            open(&f).expect("opens").root_stream("WordDocument"),
            Ok(None)
        );
        // Siblings that loop, or name an entry past the directory, are damage.
        set(&mut f, dir + OFF_ENTRY_CHILD, 1);
        set(&mut f, dir + 128 + OFF_ENTRY_RIGHT, 1);
        let e = open(&f).expect("opens").root_stream("x").expect_err("loop");
        assert!(e.contains("loops back to entry 1"), "{e}");
        set(&mut f, dir + 128 + OFF_ENTRY_RIGHT, 77);
        let e = open(&f).expect("opens").root_stream("x").expect_err("past");
        assert!(e.contains("entry 77"), "{e}");
    }

    #[test]
    fn damage_is_named() {
        let short = check(&SIGNATURE).expect_err("short");
        assert!(short.contains("cut short"), "{short}");
        // The stream's chain points past the end of the file.
        let mut f = file("Workbook");
        let fat0 = HEADER_BYTES + 2 * 4;
        f[fat0..fat0 + 4].copy_from_slice(&500u32.to_le_bytes());
        let e = check(&f).expect_err("past the end");
        assert!(e.contains("Workbook stream names sector 500"), "{e}");
        // The directory chain loops.
        let mut f = file("Workbook");
        let fat1 = HEADER_BYTES + 4;
        f[fat1..fat1 + 4].copy_from_slice(&1u32.to_le_bytes());
        let e = check(&f).expect_err("loop");
        assert!(e.contains("directory chain loops"), "{e}");
        // A FAT sector past the end.
        let mut f = file("Workbook");
        f[OFF_HEADER_DIFAT..OFF_HEADER_DIFAT + 4].copy_from_slice(&9999u32.to_le_bytes());
        let e = check(&f).expect_err("fat");
        assert!(e.contains("FAT sector 9999"), "{e}");
        // A sector size the format does not have.
        let mut f = file("Workbook");
        f[OFF_SECTOR_SHIFT..OFF_SECTOR_SHIFT + 2].copy_from_slice(&10u16.to_le_bytes());
        assert!(check(&f).expect_err("shift").contains("sector shift 10"));
    }
}
