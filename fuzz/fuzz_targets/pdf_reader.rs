//! The PDF reader. The first byte picks a mode:
//! - 0: the rest is the content stream of a one-page PDF (uncompressed),
//!   with a simple font and a composite (Identity-H) font whose ToUnicode
//!   CMaps are fixed: our own lexer, walker and geometry;
//! - 1: the rest is the ToUnicode CMap of the composite font, under a page
//!   showing two-byte codes;
//! - 2: the rest is the same content stream, Flate-compressed by us;
//! - otherwise: the rest is a whole file (lopdf, and everything after it).
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::io::Write;

const CMAP: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n2 beginbfchar <0001> <5E8F> <0002> <53F7> endbfchar\n1 beginbfrange <0010> <0020> <4E00> endbfrange\nendcmap end end";
const CONTENT: &[u8] = b"BT /F1 12 Tf 72 700 Td (1 ABC) Tj /F2 12 Tf <00010002> Tj ET 50 690 m 500 690 l S 50 650 450 60 re S";

fn stream(dict: &str, body: &[u8]) -> Vec<u8> {
    let mut s = format!("<< /Length {} {dict} >>\nstream\n", body.len()).into_bytes();
    s.extend_from_slice(body);
    s.extend_from_slice(b"\nendstream");
    s
}

fn pdf(content: Vec<u8>, cmap: &[u8]) -> Vec<u8> {
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>".to_vec(),
        content,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [7 0 R] /ToUnicode 8 0 R >>".to_vec(),
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /X /DW 1000 /W [1 [500 600] 16 32 1000] >>".to_vec(),
        stream("", cmap),
    ];
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fuzz_target!(|data: &[u8]| {
    fuzz_support::init();
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let file = match mode {
        0 => pdf(stream("", rest), CMAP),
        1 => pdf(stream("", CONTENT), rest),
        2 => {
            let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
            let _ = z.write_all(rest);
            pdf(
                stream("/Filter /FlateDecode", &z.finish().unwrap_or_default()),
                CMAP,
            )
        }
        _ => rest.to_vec(),
    };
    let r = notice_extract::extract(&file, "f.pdf");
    fuzz_support::check("pdf_reader", data, &r);
});
