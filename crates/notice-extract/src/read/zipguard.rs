//! Our own budget for zip-based formats (DOCX, XLSX), checked before any
//! third-party parser sees the archive: entry count, declared and actual
//! inflated sizes (read through a capped reader), and overlapping entries
//! (the trick behind small zips that inflate enormously).

use crate::error::{Error, Location};
use std::io::{Cursor, Read};

/// Most entries an office archive may have.
pub const MAX_ZIP_ENTRIES: usize = 10_000;
/// Largest inflated size of one member we read (`word/document.xml`, a sheet).
pub const MAX_MEMBER_BYTES: u64 = 128 * 1024 * 1024;
/// Largest inflated size of all members together.
pub const MAX_TOTAL_BYTES: u64 = 512 * 1024 * 1024;
/// Largest compression ratio of one member: deflate rarely beats 100:1 on
/// real XML; bombs run to thousands.
pub const MAX_RATIO: u64 = 1_000;

pub type Archive = zip::ZipArchive<Cursor<Vec<u8>>>;

fn bad(path: &str, reason: impl Into<String>) -> Error {
    Error::Archive {
        at: path.into(),
        reason: reason.into(),
    }
}

/// Opens an archive and checks its directory against the budget.
pub fn open(bytes: &[u8], path: &str) -> Result<Archive, Error> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes.to_vec()))
        .map_err(|e| bad(path, format!("not a readable zip archive: {e}")))?;
    if z.len() > MAX_ZIP_ENTRIES {
        return Err(Error::Limit {
            at: path.into(),
            what: format!("the archive has {} entries", z.len()),
            limit: format!("{MAX_ZIP_ENTRIES} entries (MAX_ZIP_ENTRIES)"),
        });
    }
    let mut spans: Vec<(u64, u64)> = Vec::with_capacity(z.len());
    let mut total: u64 = 0;
    for i in 0..z.len() {
        let f = z
            .by_index_raw(i)
            .map_err(|e| bad(path, format!("entry {i}: {e}")))?;
        total = total.saturating_add(f.size());
        if total > MAX_TOTAL_BYTES {
            return Err(Error::Limit {
                at: path.into(),
                what: "the archive declares more inflated data".into(),
                limit: format!("{MAX_TOTAL_BYTES} bytes (MAX_TOTAL_BYTES)"),
            });
        }
        spans.push((
            f.header_start(),
            f.data_start()
                .unwrap_or(f.header_start())
                .saturating_add(f.compressed_size()),
        ));
    }
    spans.sort_unstable();
    if spans.windows(2).any(|w| matches!(w, [a, b] if b.0 < a.1)) {
        return Err(bad(path, "entries overlap (a zip bomb shape); refused"));
    }
    Ok(z)
}

/// Names of the archive's members.
pub fn names(z: &Archive) -> Vec<String> {
    z.file_names()
        .filter_map(|n| n.ok().map(|c| c.into_owned()))
        .collect()
}

/// Reads one member, refusing it when it inflates past [`MAX_MEMBER_BYTES`]
/// or [`MAX_RATIO`], whatever its header claims.
pub fn read_member(z: &mut Archive, name: &str, path: &str) -> Result<Option<Vec<u8>>, Error> {
    let mut f = match z.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            return Err(Error::Archive {
                at: Location::file(path).member(name),
                reason: e.to_string(),
            })
        }
    };
    let limit = MAX_MEMBER_BYTES.min(
        f.compressed_size()
            .max(1)
            .saturating_mul(MAX_RATIO)
            .max(1024 * 1024),
    );
    let mut out = Vec::new();
    let n = (&mut f)
        .take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|e| Error::Archive {
            at: Location::file(path).member(name),
            reason: e.to_string(),
        })?;
    if n as u64 > limit {
        return Err(Error::Limit {
            at: Location::file(path).member(name),
            what: format!("inflates past {limit} bytes"),
            limit: format!(
                "{limit} bytes (MAX_RATIO = {MAX_RATIO}× its compressed size, at most MAX_MEMBER_BYTES = {MAX_MEMBER_BYTES})"
            ),
        });
    }
    Ok(Some(out))
}
