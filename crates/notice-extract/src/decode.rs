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
    let mut text = text.into_owned();
    if let Some(garbled) = garbled(&text) {
        match garbled.repaired {
            Some(right) => {
                warnings.push(Warning::new(
                    WarningCode::Garbled,
                    format!(
                        "the text is UTF-8 that was read as {} and saved again (mojibake); decoded right (characters lost then read U+FFFD)",
                        garbled.read_as
                    ),
                ));
                text = right;
            }
            None => warnings.push(Warning::new(
                WarningCode::Garbled,
                format!(
                    "the text looks like UTF-8 read as {} and saved again (mojibake), and cannot be decoded right",
                    garbled.read_as
                ),
            )),
        }
    }
    Ok(Decoded {
        text,
        encoding: encoding.name(),
        warnings,
    })
}

/// Characters every notice is full of, sorted (searched by bisection).
/// Text decoded right has many of them; mojibake (UTF-8 read as GBK:
/// `鍏充簬` for 关于) has almost none.
const COMMON_CHARS: [char; 49] = [
    '一', '三', '上', '个', '中', '为', '了', '事', '二', '于', '人', '以', '会', '位', '作', '关',
    '区', '单', '县', '发', '和', '国', '在', '大', '完', '实', '展', '工', '市', '年', '府', '建',
    '成', '改', '政', '新', '是', '有', '民', '生', '的', '目', '知', '等', '要', '设', '通', '造',
    '项',
];

/// Least share of [`COMMON_CHARS`] among the Han characters of text read
/// right; below it, a text of [`MIN_GARBLED_HAN`] Han characters or more is
/// suspected of being mojibake.
const MIN_COMMON_SHARE: f64 = 0.05;

/// Fewest Han characters a text needs before its share of common ones says
/// anything.
const MIN_GARBLED_HAN: usize = 20;

/// The encodings UTF-8 is most often misread as before being saved again,
/// each with the encoding that writes the misread text back to the same
/// bytes (GB18030 for GBK: it writes back the private-use characters GBK's
/// decoder gives for byte pairs GBK leaves open).
const MISREAD_AS: [(&str, &Encoding); 2] = [
    ("GBK", encoding_rs::GB18030),
    ("windows-1252", encoding_rs::WINDOWS_1252),
];

/// Most characters lost to a misreading (read back as U+FFFD), per 1,000
/// Han characters, for the text to be repaired rather than only flagged;
/// two are allowed in any text (a sequence cut at its very end). A GBK
/// misreading loses a character where a UTF-8 sequence's last byte pairs
/// with the next one into no GBK character (about 1 in 20 of a sample).
const MAX_LOST_PER_MILLE: usize = 50;

/// Mojibake found in a decoded text.
struct Garbled {
    /// The encoding the UTF-8 was misread as.
    read_as: &'static str,
    /// The text decoded right, when its bytes allow it.
    repaired: Option<String>,
}

/// Characters of a text looked at for mojibake: its start says enough, and
/// the check then costs the same on any input.
const GARBLED_SAMPLE_CHARS: usize = 2_000;

/// The share of a text's Han characters (in its first
/// [`GARBLED_SAMPLE_CHARS`]) that are [`COMMON_CHARS`], and how many Han
/// characters that is.
fn common_share(text: &str) -> (f64, usize) {
    let (mut han, mut common) = (0usize, 0usize);
    let sample = text.chars().take(GARBLED_SAMPLE_CHARS);
    for c in sample.filter(|c| crate::text::is_han(*c)) {
        han += 1;
        common += usize::from(COMMON_CHARS.binary_search(&c).is_ok());
    }
    (common as f64 / han.max(1) as f64, han)
}

/// Whether a decoded text is mojibake: few common characters, and, written
/// back in an encoding UTF-8 is often misread as, bytes that are UTF-8 and
/// read far better. When only part of it comes back (a byte the misreading
/// lost), it is flagged without repair.
fn garbled(text: &str) -> Option<Garbled> {
    let (share, han) = common_share(text);
    // UTF-8 Chinese misread as Windows-1252 is Latin-1 letters (`å…³äºŽ`).
    let latin = text
        .chars()
        .take(GARBLED_SAMPLE_CHARS)
        .filter(|c| ('\u{C0}'..='\u{FF}').contains(c))
        .count();
    let suspect = if han >= MIN_GARBLED_HAN {
        share < MIN_COMMON_SHARE
    } else {
        latin >= MIN_GARBLED_HAN
    };
    if !suspect {
        return None;
    }
    for (read_as, enc) in MISREAD_AS {
        let (bytes, _, unmappable) = enc.encode(text);
        let bytes = bytes
            .get(..bytes.len().min(MAX_INPUT_BYTES))
            .unwrap_or_default();
        let (right, lossy) = encoding_rs::UTF_8.decode_without_bom_handling(bytes);
        let (right_share, right_han) = common_share(&right);
        if right_han < MIN_GARBLED_HAN || right_share < MIN_COMMON_SHARE {
            continue;
        }
        // A byte the misreading lost (a sequence cut at the end of a line)
        // comes back as U+FFFD; a few such are a text far better read.
        let lost = right.chars().filter(|c| *c == '\u{FFFD}').count();
        let few = lost <= (right_han * MAX_LOST_PER_MILLE / 1000).max(2);
        let repaired = (!unmappable && (!lossy || few)).then(|| right.into_owned());
        return Some(Garbled { read_as, repaired });
    }
    None
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

#[cfg(test)]
mod garbled_tests {
    use super::*;

    pub(super) const NOTICE: &str = "关于印发2024年重点民生实事工作目标任务的通知。各镇人民政府、街道办事处，区政府各部门：现将工作目标任务印发给你们，请认真组织实施，确保完成。";

    #[test]
    fn utf8_misread_as_gbk_is_decoded_right() {
        // Misread as GBK, the last character's odd byte is lost.
        let (garbled, _, _) = encoding_rs::GBK.decode(NOTICE.as_bytes());
        let d = decode(garbled.as_bytes(), "g.txt", None).expect("decodes");
        // Where a byte was lost the character reads U+FFFD (here the 、 and
        // the last 。); the rest is the notice.
        assert!(
            d.text
                .starts_with("关于印发2024年重点民生实事工作目标任务的通知。各镇人民政府"),
            "{}",
            d.text
        );
        assert!(d
            .text
            .contains("街道办事处，区政府各部门：现将工作目标任务印发给你们"));
        assert!(d.warnings.iter().any(|w| w.code == WarningCode::Garbled));
    }

    #[test]
    fn utf8_misread_as_windows_1252_is_decoded_right() {
        let (garbled, _, _) = encoding_rs::WINDOWS_1252.decode(NOTICE.as_bytes());
        let d = decode(garbled.as_bytes(), "g.txt", None).expect("decodes");
        assert_eq!(d.text, NOTICE);
    }

    #[test]
    fn common_chars_are_sorted_for_bisection() {
        assert!(COMMON_CHARS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn text_read_right_is_left_alone() {
        for text in [
            NOTICE,
            "Plain English text with café and naïve.",
            "序号 项目名称 牵头单位 渝北区 两江新区 龙塔街道 双龙湖街道 回兴街道 悦来街道 仙桃街道",
        ] {
            let d = decode(text.as_bytes(), "t.txt", None).expect("decodes");
            assert_eq!(d.text, text);
            assert!(d.warnings.is_empty(), "{text}: {:?}", d.warnings);
        }
    }

    #[test]
    fn mojibake_that_lost_many_bytes_is_flagged_only() {
        let (garbled, _, _) = encoding_rs::GBK.decode(NOTICE.as_bytes());
        // Every tenth character lost: too much to read back.
        let damaged: String = garbled
            .chars()
            .enumerate()
            .map(|(i, c)| if i % 10 == 5 { '\u{FFFD}' } else { c })
            .collect();
        let d = decode(damaged.as_bytes(), "g.txt", None).expect("decodes");
        assert_eq!(d.text, damaged);
        assert!(d.warnings.iter().any(|w| w.code == WarningCode::Garbled));
    }
}
