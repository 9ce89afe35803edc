//! Fonts of a PDF page as far as text extraction needs them: how the bytes
//! of a shown string split into character codes, which text each code stands
//! for (the font's `ToUnicode` CMap first, then what its encoding says), and
//! how far each glyph advances (for the position of the next one).

use super::{Budget, Fail};
use lopdf::{Dictionary, Document, Object};
use std::collections::HashMap;

/// Most entries one `ToUnicode` CMap may define (a `bfrange` counts each code
/// it covers). A CJK subset font maps a few thousand codes; the cap keeps a
/// hostile range (`<0000> <FFFF>` many times over) from filling memory.
pub const MAX_PDF_CMAP_ENTRIES: usize = 200_000;

/// How codes without a `ToUnicode` entry read as text.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Fallback {
    /// One byte, read as Windows-1252/Latin-1 (WinAnsi and the standard
    /// encodings agree on printable ASCII, which is what matters here).
    Latin1,
    /// Two bytes, UCS-2 (the `UniGB-UCS2-H` and `UniGB-UTF16-H` CMaps).
    Ucs2,
    /// One byte below 0x80, else two: GBK (`GBK-EUC-H`, `GBpc-EUC-H`).
    Gbk,
    /// Codes are glyph ids (`Identity-H`): without `ToUnicode` no text.
    None,
}

/// One font of a page's resources.
#[derive(Debug)]
pub struct Font {
    /// Codes are two bytes (a composite font), else one (or GBK's mix).
    two_byte: bool,
    fallback: Fallback,
    to_unicode: HashMap<u32, String>,
    /// Widths in glyph units by code (simple fonts) or CID (composite).
    widths: HashMap<u32, f64>,
    default_width: f64,
    /// Glyph units to text space (1/1000, or a Type 3 font's matrix).
    scale: f64,
}

/// One character code of a shown string.
pub struct Code {
    /// The text it stands for (empty when the font does not say).
    pub text: String,
    /// Advance in text space units per unit of font size.
    pub width: f64,
    /// A single-byte code 32, which word spacing (`Tw`) applies to.
    pub space: bool,
}

impl Font {
    /// A font nothing is known of: bytes as Latin-1, half an em each.
    pub fn unknown() -> Font {
        Font {
            two_byte: false,
            fallback: Fallback::Latin1,
            to_unicode: HashMap::new(),
            widths: HashMap::new(),
            default_width: 500.0,
            scale: 0.001,
        }
    }

    /// Reads a font dictionary.
    pub fn load(doc: &Document, dict: &Dictionary, budget: &mut Budget) -> Result<Font, Fail> {
        let mut font = Font::unknown();
        let subtype = name_of(doc, dict.get(b"Subtype").ok());
        if subtype.as_deref() == Some(&b"Type0"[..]) {
            font.two_byte = true;
            font.fallback = Fallback::None;
            font.default_width = 1000.0;
            // An embedded CMap (a stream) keeps two-byte codes: what
            // composite fonts almost always use; a one-byte codespace in
            // the ToUnicode map below says otherwise.
            if let Some(Object::Name(n)) = deref(doc, dict.get(b"Encoding").ok()) {
                match n.as_slice() {
                    b"UniGB-UCS2-H" | b"UniGB-UCS2-V" | b"UniGB-UTF16-H" | b"UniGB-UTF16-V"
                    | b"UniCNS-UCS2-H" | b"UniCNS-UTF16-H" => font.fallback = Fallback::Ucs2,
                    b"GBK-EUC-H" | b"GBK-EUC-V" | b"GBpc-EUC-H" | b"GBpc-EUC-V" | b"GBK2K-H"
                    | b"GBK2K-V" => {
                        font.two_byte = false;
                        font.fallback = Fallback::Gbk;
                    }
                    _ => {}
                }
            }
            let descendant = deref(doc, dict.get(b"DescendantFonts").ok())
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .and_then(|o| deref(doc, Some(o)))
                .and_then(|o| o.as_dict().ok());
            if let Some(cid) = descendant {
                if let Some(dw) = deref(doc, cid.get(b"DW").ok()).and_then(number) {
                    font.default_width = dw;
                }
                if let Some(Object::Array(w)) = deref(doc, cid.get(b"W").ok()) {
                    read_cid_widths(doc, w, &mut font.widths);
                }
            }
        } else {
            let first = deref(doc, dict.get(b"FirstChar").ok())
                .and_then(number)
                .unwrap_or(0.0);
            if let Some(Object::Array(w)) = deref(doc, dict.get(b"Widths").ok()) {
                for (i, o) in w.iter().take(256).enumerate() {
                    if let Some(v) = deref(doc, Some(o)).and_then(number) {
                        font.widths
                            .insert((first as u32).saturating_add(i as u32), v);
                    }
                }
            }
            let missing = deref(doc, dict.get(b"FontDescriptor").ok())
                .and_then(|o| o.as_dict().ok())
                .and_then(|d| deref(doc, d.get(b"MissingWidth").ok()))
                .and_then(number);
            if let Some(m) = missing.filter(|m| *m > 0.0) {
                font.default_width = m;
            }
            if subtype.as_deref() == Some(&b"Type3"[..]) {
                if let Some(Object::Array(m)) = deref(doc, dict.get(b"FontMatrix").ok()) {
                    if let Some(a) = m.first().and_then(|o| deref(doc, Some(o))).and_then(number) {
                        font.scale = a.abs();
                    }
                }
            }
            if let Some(Object::Dictionary(enc)) = deref(doc, dict.get(b"Encoding").ok()) {
                read_differences(doc, enc, &mut font.to_unicode);
            }
        }
        if let Some(Object::Stream(s)) = deref(doc, dict.get(b"ToUnicode").ok()) {
            let bytes = super::stream_bytes(s, budget)?;
            let (map, one_byte) = parse_cmap(&bytes);
            if font.two_byte && one_byte {
                font.two_byte = false;
            }
            // Codes the ToUnicode map gives win over the encoding's guess.
            font.to_unicode.extend(map);
        }
        Ok(font)
    }

    /// Splits a shown string into codes.
    pub fn codes(&self, bytes: &[u8], out: &mut Vec<Code>) {
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            // Composite fonts: two bytes; GBK: two bytes from 0x81 up.
            let wide = self.two_byte || (self.fallback == Fallback::Gbk && b >= 0x81);
            let (code, len) = if wide {
                let lo = bytes.get(i + 1).copied().unwrap_or(0);
                (u32::from(b) << 8 | u32::from(lo), 2)
            } else {
                (u32::from(b), 1)
            };
            i += len;
            let text = match self.to_unicode.get(&code) {
                Some(t) => t.clone(),
                None => self.fallback_text(code, len),
            };
            let w = self
                .widths
                .get(&code)
                .copied()
                .unwrap_or(self.default_width);
            out.push(Code {
                text,
                width: w * self.scale,
                space: len == 1 && code == 32,
            });
        }
    }

    fn fallback_text(&self, code: u32, len: usize) -> String {
        match self.fallback {
            Fallback::Latin1 => match code {
                0x20..=0x7E | 0xA0..=0xFF => {
                    char::from_u32(code).map(String::from).unwrap_or_default()
                }
                _ => String::new(),
            },
            Fallback::Ucs2 => char::from_u32(code).map(String::from).unwrap_or_default(),
            Fallback::Gbk if len == 2 => {
                let bytes = [(code >> 8) as u8, (code & 0xFF) as u8];
                let (t, _, bad) = encoding_rs::GBK.decode(&bytes);
                if bad {
                    String::new()
                } else {
                    t.into_owned()
                }
            }
            Fallback::Gbk => char::from_u32(code)
                .filter(char::is_ascii_graphic)
                .map(String::from)
                .unwrap_or_default(),
            Fallback::None => String::new(),
        }
    }
}

/// An object, with one level of reference followed.
pub fn deref<'a>(doc: &'a Document, o: Option<&'a Object>) -> Option<&'a Object> {
    match o? {
        Object::Reference(id) => doc.get_object(*id).ok(),
        other => Some(other),
    }
}

fn name_of(doc: &Document, o: Option<&Object>) -> Option<Vec<u8>> {
    deref(doc, o)
        .and_then(|o| o.as_name().ok())
        .map(<[u8]>::to_vec)
}

/// A number object as f64.
pub fn number(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
    .filter(|v| v.is_finite())
}

/// A CID font's `W` array: `c [w1 w2 …]` and `c_first c_last w`.
fn read_cid_widths(doc: &Document, w: &[Object], out: &mut HashMap<u32, f64>) {
    let mut i = 0;
    while let Some(first) = w.get(i).and_then(|o| deref(doc, Some(o))).and_then(number) {
        let first = first.max(0.0) as u32;
        match w.get(i + 1).and_then(|o| deref(doc, Some(o))) {
            Some(Object::Array(ws)) => {
                for (k, v) in ws.iter().enumerate() {
                    if out.len() >= MAX_PDF_CMAP_ENTRIES {
                        return;
                    }
                    if let Some(v) = deref(doc, Some(v)).and_then(number) {
                        out.insert(first.saturating_add(k as u32), v);
                    }
                }
                i += 2;
            }
            Some(last) => {
                let last = number(last).unwrap_or(0.0).max(0.0) as u32;
                let v = w
                    .get(i + 2)
                    .and_then(|o| deref(doc, Some(o)))
                    .and_then(number);
                if let Some(v) = v {
                    for c in first..=last.min(first.saturating_add(65_535)) {
                        if out.len() >= MAX_PDF_CMAP_ENTRIES {
                            return;
                        }
                        out.insert(c, v);
                    }
                }
                i += 3;
            }
            None => return,
        }
    }
}

/// A simple font's `Differences`: glyph names that say their character
/// (`uni4E00`, `uni4E00_4E01`, and the ASCII names).
fn read_differences(doc: &Document, enc: &Dictionary, out: &mut HashMap<u32, String>) {
    let Some(Object::Array(diffs)) = deref(doc, enc.get(b"Differences").ok()) else {
        return;
    };
    let mut code: u32 = 0;
    for o in diffs {
        match o {
            Object::Integer(i) => code = (*i).clamp(0, 255) as u32,
            Object::Name(n) => {
                if let Some(t) = glyph_name_text(n) {
                    out.insert(code, t);
                }
                code = code.saturating_add(1);
            }
            _ => {}
        }
    }
}

/// The text a glyph name stands for, for the names that say it.
fn glyph_name_text(name: &[u8]) -> Option<String> {
    let name = std::str::from_utf8(name).ok()?;
    if let Some(hex) = name.strip_prefix("uni") {
        let mut s = String::new();
        for chunk in hex.as_bytes().chunks(4) {
            let h = std::str::from_utf8(chunk).ok()?;
            s.push(char::from_u32(u32::from_str_radix(h, 16).ok()?)?);
        }
        return Some(s);
    }
    if let Some(hex) = name.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) {
            return char::from_u32(u32::from_str_radix(hex, 16).ok()?).map(String::from);
        }
    }
    let c = match name {
        "space" => ' ',
        "period" => '.',
        "comma" => ',',
        "colon" => ':',
        "semicolon" => ';',
        "hyphen" | "minus" => '-',
        "parenleft" => '(',
        "parenright" => ')',
        "slash" => '/',
        "percent" => '%',
        "zero" => '0',
        "one" => '1',
        "two" => '2',
        "three" => '3',
        "four" => '4',
        "five" => '5',
        "six" => '6',
        "seven" => '7',
        "eight" => '8',
        "nine" => '9',
        n if n.len() == 1 && n.is_ascii() => n.chars().next()?,
        _ => return None,
    };
    Some(c.to_string())
}

/// A token of a CMap.
enum Tok<'a> {
    Hex(Vec<u8>),
    Open,
    Close,
    Word(&'a [u8]),
}

fn cmap_tokens(b: &[u8]) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b'<' if b.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if b.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                let end = b
                    .get(i..)
                    .and_then(|r| r.iter().position(|&x| x == b'>'))
                    .map_or(b.len(), |p| i + p);
                let digits: Vec<u8> = b
                    .get(i + 1..end)
                    .unwrap_or(&[])
                    .iter()
                    .filter_map(|&x| (x as char).to_digit(16).map(|d| d as u8))
                    .collect();
                let bytes = digits.chunks(2).map(|p| match p {
                    [h, l] => h << 4 | l,
                    [h] => h << 4,
                    _ => 0,
                });
                out.push(Tok::Hex(bytes.collect()));
                i = end + 1;
            }
            b'[' => {
                out.push(Tok::Open);
                i += 1;
            }
            b']' => {
                out.push(Tok::Close);
                i += 1;
            }
            b'%' => {
                while b.get(i).is_some_and(|&x| x != b'\n' && x != b'\r') {
                    i += 1;
                }
            }
            b'(' => {
                // Literal strings (registry names) carry nothing we use.
                while b.get(i).is_some_and(|&x| x != b')') {
                    i += 1;
                }
                i += 1;
            }
            x if x.is_ascii_whitespace() => i += 1,
            _ => {
                let start = i;
                while b.get(i).is_some_and(|&x| {
                    !x.is_ascii_whitespace() && !b"<>[]()%/".contains(&x) || (i == start)
                }) {
                    i += 1;
                }
                out.push(Tok::Word(b.get(start..i).unwrap_or(&[])));
            }
        }
    }
    out
}

fn utf16(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|p| match p {
            [h, l] => u16::from(*h) << 8 | u16::from(*l),
            [h] => u16::from(*h),
            _ => 0,
        })
        .collect();
    String::from_utf16_lossy(&units)
}

fn code_of(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |a, &b| a << 8 | u32::from(b))
}

/// Parses a `ToUnicode` CMap: its `bfchar` and `bfrange` entries, and
/// whether its codespace is one byte wide.
pub fn parse_cmap(bytes: &[u8]) -> (HashMap<u32, String>, bool) {
    let toks = cmap_tokens(bytes);
    let mut map = HashMap::new();
    let mut one_byte = false;
    let mut i = 0;
    #[derive(PartialEq)]
    enum Sec {
        None,
        Space,
        Char,
        Range,
    }
    let mut sec = Sec::None;
    while i < toks.len() {
        if map.len() >= MAX_PDF_CMAP_ENTRIES {
            break;
        }
        match (&sec, toks.get(i)) {
            (_, Some(Tok::Word(w))) => {
                sec = match *w {
                    b"begincodespacerange" => Sec::Space,
                    b"beginbfchar" => Sec::Char,
                    b"beginbfrange" => Sec::Range,
                    _ => Sec::None,
                };
                i += 1;
            }
            (Sec::Space, Some(Tok::Hex(lo))) => {
                if lo.len() == 1 {
                    one_byte = true;
                }
                i += 2;
            }
            (Sec::Char, Some(Tok::Hex(src))) => {
                if let Some(Tok::Hex(dst)) = toks.get(i + 1) {
                    map.insert(code_of(src), utf16(dst));
                }
                i += 2;
            }
            (Sec::Range, Some(Tok::Hex(lo))) => {
                let (lo, hi) = match toks.get(i + 1) {
                    Some(Tok::Hex(hi)) => (code_of(lo), code_of(hi)),
                    _ => {
                        i += 1;
                        continue;
                    }
                };
                let hi = hi.min(lo.saturating_add(65_535));
                match toks.get(i + 2) {
                    Some(Tok::Hex(dst)) => {
                        let base = utf16(dst);
                        let mut units: Vec<u16> = base.encode_utf16().collect();
                        for c in lo..=hi {
                            if map.len() >= MAX_PDF_CMAP_ENTRIES {
                                break;
                            }
                            map.insert(c, String::from_utf16_lossy(&units));
                            if let Some(last) = units.last_mut() {
                                *last = last.wrapping_add(1);
                            }
                        }
                        i += 3;
                    }
                    Some(Tok::Open) => {
                        let mut j = i + 3;
                        let mut c = lo;
                        while let Some(Tok::Hex(dst)) = toks.get(j) {
                            if c <= hi {
                                map.insert(c, utf16(dst));
                            }
                            c = c.saturating_add(1);
                            j += 1;
                        }
                        i = j + 1;
                    }
                    _ => i += 2,
                }
            }
            _ => i += 1,
        }
    }
    (map, one_byte)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmap_chars_ranges_and_arrays() {
        let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
            1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
            2 beginbfchar <0003> <0020> <0011> <4E00> endbfchar\n\
            2 beginbfrange <0020> <0022> <6C11> <0030> <0031> [<D840DC00> <0041>] endbfrange\n\
            endcmap CMapName currentdict /CMap defineresource pop end end";
        let (map, one) = parse_cmap(cmap);
        assert!(!one);
        assert_eq!(map[&0x11], "一");
        assert_eq!(map[&0x20], "民");
        assert_eq!(map[&0x22], "氓");
        assert_eq!(map[&0x30], "\u{20000}");
        assert_eq!(map[&0x31], "A");
        let (_, one) = parse_cmap(b"1 begincodespacerange <00> <FF> endcodespacerange");
        assert!(one);
        // A hostile range is capped, never expanded past the budget.
        let mut big = b"begincodespacerange <0000> <FFFF> endcodespacerange ".to_vec();
        for _ in 0..10 {
            big.extend_from_slice(b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange ");
        }
        assert!(parse_cmap(&big).0.len() <= MAX_PDF_CMAP_ENTRIES);
    }

    #[test]
    fn identity_h_codes_are_two_bytes() {
        let (map, _) = parse_cmap(b"beginbfchar <0102> <5E02> <0103> <533A> endbfchar");
        let font = Font {
            two_byte: true,
            fallback: Fallback::None,
            to_unicode: map,
            widths: HashMap::from([(0x0102, 1000.0)]),
            default_width: 1000.0,
            scale: 0.001,
        };
        let mut out = Vec::new();
        font.codes(&[1, 2, 1, 3, 9, 9], &mut out);
        let text: String = out.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(text, "市区");
        assert_eq!(out.len(), 3);
        assert!((out[0].width - 1.0).abs() < 1e-9);
    }

    #[test]
    fn gbk_and_ucs2_fallbacks() {
        let mut font = Font::unknown();
        font.fallback = Fallback::Gbk;
        let mut out = Vec::new();
        font.codes(&[b'1', 0xC3, 0xF1], &mut out);
        assert_eq!(
            out.iter().map(|c| c.text.as_str()).collect::<String>(),
            "1民"
        );
        font.two_byte = true;
        font.fallback = Fallback::Ucs2;
        out.clear();
        font.codes(&[0x4E, 0x00], &mut out);
        assert_eq!(out[0].text, "一");
    }
}
