//! notice-extract turns published Chinese government notices of livelihood
//! projects (重点民生实事, 为民办实事, 民生工程) into structured records.
//!
//! The data flow is the architecture: bytes are decoded ([`decode`]), parsed
//! by layout into the intermediate model ([`layout`] → [`model::Document`]),
//! normalised into project records ([`normalize`] → [`record`]). Everything
//! here is pure: no files, threads or printing; the binary does those.
//!
//! ```
//! let text = "某区2024年民生实事项目\n1.城镇老旧小区改造:改造城镇老旧小区12个。\n2.建设城市公园:新建口袋公园2个。\n";
//! let doc = notice_extract::extract(text.as_bytes(), "notice.txt").unwrap();
//! assert_eq!(doc.records.len(), 2);
//! assert_eq!(doc.records[1].name.as_deref(), Some("建设城市公园"));
//! ```

pub mod decode;
pub mod error;
pub mod headers;
pub mod layout;
pub mod model;
pub mod normalize;
pub mod quantity;
pub mod read;
pub mod record;
pub mod regress;
pub mod text;

pub use error::Error;
pub use record::{NoticeDocument, Record};

use sha2::{Digest, Sha256};

/// Lowercase hex SHA-256 of the input, recorded in every record's source.
pub fn sha256_hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    out
}

/// Parses one notice (the bytes of a saved file, any supported format) into
/// its intermediate model, with the reader's warnings.
pub fn parse(bytes: &[u8], path: &str) -> Result<model::Document, Error> {
    read::read(bytes, path).map(|(doc, _)| layout::outline::with_lists(doc))
}

/// Extracts the records of one notice. `path` is recorded as provenance and
/// named in errors. Fails when the input cannot be read or holds no project
/// table or list.
pub fn extract(bytes: &[u8], path: &str) -> Result<NoticeDocument, Error> {
    let (doc, origin) = read::read(bytes, path)?;
    let src = normalize::SourceInfo {
        path: path.to_string(),
        sha256: sha256_hex(bytes),
        format: origin.format.into(),
        encoding: origin.encoding.map(str::to_string),
    };
    let out = normalize::normalize(&doc, &src);
    if out.records.is_empty() {
        return Err(Error::NoRecords {
            path: path.into(),
            layout: out.source.layout.to_string(),
        });
    }
    Ok(out)
}
