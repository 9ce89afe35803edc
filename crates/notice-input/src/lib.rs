//! How notice-extract's front ends — the command and the Python package —
//! name and read input files, in one place so that both give a document the
//! same `source.path` and treat the same file the same way. The library
//! (`notice-extract`) takes bytes and a name and does no I/O; this crate is
//! the I/O before it.

#![deny(missing_docs)]

use std::path::Path;

/// A path as text that two different paths never share: bytes that are not
/// UTF-8 are written `\xFF`, and a backslash `\\`, so `a\xff.txt` and
/// `a\xfe.txt` (bytes) stay two ids. A UTF-8 path without a backslash reads
/// as it is.
#[cfg(unix)]
pub fn path_id(path: &Path) -> String {
    use std::fmt::Write;
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::new();
    for chunk in path.as_os_str().as_bytes().utf8_chunks() {
        for c in chunk.valid().chars() {
            if c == '\\' {
                out.push_str("\\\\");
            } else {
                out.push(c);
            }
        }
        for b in chunk.invalid() {
            // Writing to a String cannot fail.
            let _ = write!(out, "\\x{b:02X}");
        }
    }
    out
}

/// A path as text (on this platform paths are Unicode; see the Unix version).
#[cfg(not(unix))]
pub fn path_id(path: &Path) -> String {
    path.display().to_string()
}

/// Magic numbers of files that are certainly not notices.
const NOT_DOCUMENTS: &[(&[u8], &str)] = &[
    (b"\x89PNG", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7FELF", "an executable"),
    (b"MZ", "a Windows executable"),
    (b"OggS", "an audio file"),
    (b"ID3", "an MP3 file"),
    (b"\x1F\x8B", "a gzip archive"),
    (b"7z\xBC\xAF", "a 7-zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"SQLite format 3\0", "an SQLite database"),
];

/// What a file certainly is when it is no notice (`a PNG image`), judged
/// from its first bytes; `None` for anything that may be one.
pub fn not_a_document(bytes: &[u8]) -> Option<&'static str> {
    NOT_DOCUMENTS
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, what)| *what)
        .or_else(|| (bytes.get(4..8) == Some(b"ftyp")).then_some("a video file"))
}

/// What reading a path gave.
#[derive(Debug)]
pub enum Loaded {
    /// The file's bytes.
    Bytes(Vec<u8>),
    /// A folder.
    Folder,
    /// Not a regular file (a FIFO, socket or device): not read.
    NotRegular,
    /// Larger than `limit` bytes (its size): not read into memory at all.
    TooLarge(u64),
}

/// Reads a file's bytes, unless what the path names, once opened, is no
/// regular file or is larger than `limit`. The open never blocks (a FIFO
/// swapped in after a folder walk, or named by the user, would wait for a
/// writer forever); the type is checked on the opened handle, not the path,
/// so nothing can change in between; a file that grows after the check is
/// never read past the limit.
pub fn read_regular(path: &Path, limit: u64) -> std::io::Result<Loaded> {
    use std::io::Read;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let f = options.open(path)?;
    let meta = f.metadata()?;
    if meta.is_dir() {
        return Ok(Loaded::Folder);
    }
    if !meta.is_file() {
        return Ok(Loaded::NotRegular);
    }
    if meta.len() > limit {
        return Ok(Loaded::TooLarge(meta.len()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    f.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok(Loaded::Bytes(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_that_are_certainly_no_notice() {
        let cases: [(&[u8], Option<&str>); 5] = [
            (b"\x89PNG\r\n", Some("a PNG image")),
            (b"\0\0\0\x18ftypmp42", Some("a video file")),
            (b"SQLite format 3\0....", Some("an SQLite database")),
            (b"PK\x03\x04", None),
            ("关于印发".as_bytes(), None),
        ];
        for (bytes, want) in cases {
            assert_eq!(not_a_document(bytes), want);
        }
    }

    #[cfg(unix)]
    #[test]
    fn path_ids_escape_what_is_not_utf8() {
        use std::os::unix::ffi::OsStrExt;
        let id = |b: &[u8]| path_id(Path::new(std::ffi::OsStr::from_bytes(b)));
        assert_eq!(id(b"a/b.txt"), "a/b.txt");
        assert_eq!(id(b"a\xff.txt"), "a\\xFF.txt");
        assert_ne!(id(b"a\xff.txt"), id(b"a\xfe.txt"));
        assert_ne!(id(b"a\\xFF.txt"), id(b"a\xff.txt"));
    }

    #[test]
    fn a_file_past_the_limit_is_not_read() {
        let dir = std::env::temp_dir().join(format!("notice-input-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let file = dir.join("big.txt");
        let _ = std::fs::write(&file, [b'x'; 100]);
        assert!(matches!(read_regular(&file, 99), Ok(Loaded::TooLarge(100))));
        assert!(matches!(read_regular(&file, 100), Ok(Loaded::Bytes(b)) if b.len() == 100));
        assert!(matches!(read_regular(&dir, 100), Ok(Loaded::Folder)));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
