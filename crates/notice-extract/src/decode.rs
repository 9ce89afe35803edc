//! Bytes into text: a BOM, else a declared charset (an HTML page's
//! `<meta charset>`), else UTF-8 when the bytes are valid UTF-8, else the
//! encoding chardetng guesses (GBK / GB18030 pages are common). Undecodable
//! bytes become a warning; a file that is mostly undecodable, or binary, is
//! refused.

use crate::error::Error;
use crate::model::Warning;
use crate::model::WarningCode;
use encoding_rs::{Encoding, UTF_8};

/// Largest input accepted for one notice (64 MiB): real notices are far
/// smaller, and a cap keeps one hostile file from taking the machine.
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// How much of the start of a file is checked for NUL bytes.
const SNIFF_BYTES: usize = 8192;

/// Share of undecodable characters tolerated as damage (replaced, with a
/// warning) before the file is judged not to be text in that encoding.
pub const MAX_BAD_SHARE: f64 = 0.001;

/// Decoded text and what it was decoded from.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text, byte-order mark dropped.
    pub text: String,
    /// encoding_rs's name for the encoding (`UTF-8`, `GBK`, `gb18030`, `UTF-16LE` …).
    pub encoding: &'static str,
    /// An `encoding` warning when some bytes did not decode and were replaced.
    pub warnings: Vec<Warning>,
}

/// Checks an input is non-empty and within [`MAX_INPUT_BYTES`].
pub fn check_size(bytes: &[u8], path: &str) -> Result<(), Error> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::Empty { at: path.into() });
    }
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(Error::TooLarge {
            at: path.into(),
            size: bytes.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    Ok(())
}

/// Decodes a text or HTML input. `declared` is an encoding the content names
/// for itself (an HTML `<meta charset>`), trusted after a BOM.
pub fn decode(
    bytes: &[u8],
    path: &str,
    declared: Option<&'static Encoding>,
) -> Result<Decoded, Error> {
    check_size(bytes, path)?;
    let mut warnings = Vec::new();
    let (encoding, body) = if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        (enc, bytes.get(bom_len..).unwrap_or(&[]))
    } else {
        if bytes.iter().take(SNIFF_BYTES).any(|b| *b == 0) {
            return Err(Error::Binary {
                at: path.into(),
                reason: "NUL bytes in the first 8 KiB".into(),
            });
        }
        let enc = match declared {
            // A page that declares UTF-16 without a BOM is lying: it has no NULs.
            Some(d) if d != encoding_rs::UTF_16LE && d != encoding_rs::UTF_16BE => d,
            // encoding_rs's validator is vectorised; std's is slow on CJK text.
            _ if Encoding::utf8_valid_up_to(bytes) == bytes.len() => UTF_8,
            _ => {
                let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
                det.feed(bytes, true);
                // Valid UTF-8 was taken above; the guess is among legacy encodings.
                det.guess(None, chardetng::Utf8Detection::Deny)
            }
        };
        (enc, bytes)
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors {
        let bad = text.chars().filter(|c| *c == '\u{FFFD}').count();
        let total = text.chars().count().max(1);
        if bad as f64 > MAX_BAD_SHARE * total as f64 {
            return Err(Error::Encoding {
                at: path.into(),
                encoding: encoding.name().into(),
                bad,
                total,
            });
        }
        warnings.push(Warning::new(
            WarningCode::Encoding,
            format!(
                "{bad} undecodable bytes in {} replaced with U+FFFD",
                encoding.name()
            ),
        ));
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
        warnings,
    })
}

/// The charset an HTML page declares in its first bytes (`<meta charset=…>` or
/// `http-equiv` content), per the prescan browsers do.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..bytes.len().min(4096))?;
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(p) = lower.get(from..).and_then(|rest| find(rest, b"charset")) {
        let mut i = from + p + b"charset".len();
        while lower.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
            i += 1;
        }
        if lower.get(i) == Some(&b'=') {
            i += 1;
            while lower
                .get(i)
                .is_some_and(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'')
            {
                i += 1;
            }
            let label: Vec<u8> = lower
                .iter()
                .skip(i)
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
                .copied()
                .collect();
            if let Some(enc) = Encoding::for_label(&label) {
                return Some(enc);
            }
        }
        from = i.max(from + p + 1);
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 重点民生实事工作目标任务的通知 in GBK.
    fn gbk_sample() -> Vec<u8> {
        let (b, _, _) = encoding_rs::GBK.encode("重庆市渝北区人民政府办公室关于印发2024年重点民生实事工作目标任务的通知。各镇人民政府,区级各部门,各街道办事处:");
        b.into_owned()
    }

    #[test]
    fn refuses_empty_and_binary() {
        assert!(matches!(decode(b"", "a", None), Err(Error::Empty { .. })));
        assert!(matches!(
            decode(b" \n\t", "a", None),
            Err(Error::Empty { .. })
        ));
        assert!(matches!(
            decode(b"PK\x03\x04\x00\x00", "a", None),
            Err(Error::Binary { .. })
        ));
    }

    #[test]
    fn gbk_text_is_detected() {
        let d = decode(&gbk_sample(), "a", None).unwrap();
        assert!(d.text.starts_with("重庆市渝北区"), "{}", d.text);
        assert!(matches!(d.encoding, "GBK" | "gb18030"), "{}", d.encoding);
    }

    #[test]
    fn declared_charset_wins_over_guessing() {
        let page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head>";
        assert_eq!(declared_charset(page), Some(encoding_rs::GBK));
        assert_eq!(declared_charset(b"<meta charset='utf-8'>"), Some(UTF_8));
        assert_eq!(declared_charset(b"<p>charset is a word</p>"), None);
    }

    #[test]
    fn boms_and_a_stray_bad_byte() {
        assert_eq!(
            decode("\u{FEFF}序号".as_bytes(), "a", None).unwrap().text,
            "序号"
        );
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("序号".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        let d = decode(&le, "a", None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("序号", "UTF-16LE"));
        let mut long = "重点民生实事".repeat(500).into_bytes();
        long.push(0xFF);
        let d = decode(&long, "a", Some(UTF_8)).unwrap();
        assert!(d.text.ends_with('\u{FFFD}'));
        assert_eq!(d.warnings.len(), 1);
    }

    #[test]
    fn mostly_undecodable_is_an_error() {
        let junk: Vec<u8> = (0..2000u32)
            .map(|i| (i * 7 % 256) as u8)
            .filter(|b| *b != 0)
            .collect();
        assert!(matches!(
            decode(&junk, "a", Some(UTF_8)),
            Err(Error::Encoding { .. })
        ));
    }
}
