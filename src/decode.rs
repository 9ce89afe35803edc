//! Bytes into text: BOMs, UTF-8 and UTF-16, and refusing what is not text.

use crate::error::Error;
use crate::model::Warning;

/// Largest input accepted for one notice (64 MiB): real notices are far
/// smaller, and a cap keeps one hostile file from taking the machine.
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// How much of the start of a file is checked for NUL bytes.
const SNIFF_BYTES: usize = 8192;

/// Share of undecodable bytes tolerated as damage (replaced, with a warning)
/// before the file is judged not to be UTF-8 at all.
pub const MAX_BAD_SHARE: f64 = 0.001;

/// Decodes a saved notice into text.
pub fn decode(bytes: &[u8], path: &str) -> Result<(String, Vec<Warning>), Error> {
    let mut warnings = Vec::new();
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::Empty { path: path.into() });
    }
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(Error::TooLarge {
            path: path.into(),
            size: bytes.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return Ok((utf16(rest, u16::from_le_bytes), warnings));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return Ok((utf16(rest, u16::from_be_bytes), warnings));
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if body.iter().take(SNIFF_BYTES).any(|b| *b == 0) {
        return Err(Error::Binary {
            path: path.into(),
            reason: "NUL bytes in the first 8 KiB".into(),
        });
    }
    match std::str::from_utf8(body) {
        Ok(s) => Ok((s.to_string(), warnings)),
        Err(e) => {
            let mut bad = 0;
            let mut rest = body;
            while let Err(err) = std::str::from_utf8(rest) {
                let skip = err.valid_up_to()
                    + err
                        .error_len()
                        .unwrap_or(rest.len() - err.valid_up_to())
                        .max(1);
                bad += err
                    .error_len()
                    .unwrap_or(rest.len() - err.valid_up_to())
                    .max(1);
                rest = rest.get(skip..).unwrap_or(&[]);
            }
            if bad as f64 > MAX_BAD_SHARE * body.len() as f64 {
                return Err(Error::Encoding {
                    path: path.into(),
                    bad,
                    total: body.len(),
                    first: e.valid_up_to(),
                });
            }
            warnings.push(Warning::new(
                "encoding",
                format!(
                    "{bad} undecodable bytes replaced with U+FFFD (first at byte {})",
                    e.valid_up_to()
                ),
            ));
            Ok((String::from_utf8_lossy(body).into_owned(), warnings))
        }
    }
}

fn utf16(bytes: &[u8], f: fn([u8; 2]) -> u16) -> String {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| f([c[0], c[1]])).collect();
    String::from_utf16_lossy(&units)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_empty_binary_and_non_utf8() {
        assert!(matches!(decode(b"", "a"), Err(Error::Empty { .. })));
        assert!(matches!(decode(b" \n\t", "a"), Err(Error::Empty { .. })));
        assert!(matches!(
            decode(b"PK\x03\x04\x00\x00", "a"),
            Err(Error::Binary { .. })
        ));
        // GBK bytes for 重点民生实事 are not UTF-8.
        let gbk = [
            0xd6u8, 0xd8, 0xb5, 0xe3, 0xc3, 0xf1, 0xc9, 0xfa, 0xca, 0xb5, 0xca, 0xc2,
        ];
        assert!(matches!(decode(&gbk, "a"), Err(Error::Encoding { .. })));
    }

    #[test]
    fn boms_and_a_stray_bad_byte() {
        assert_eq!(decode("\u{FEFF}序号".as_bytes(), "a").unwrap().0, "序号");
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("序号".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&le, "a").unwrap().0, "序号");
        let mut long = "重点民生实事".repeat(500).into_bytes();
        long.push(0xFF);
        let (text, w) = decode(&long, "a").unwrap();
        assert!(text.ends_with('\u{FFFD}'));
        assert_eq!(w.len(), 1);
    }
}
