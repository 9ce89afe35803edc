//! What makes two notices, or two records, the same: the same notice is
//! often saved more than once — a page and its DOCX or XLSX attachment, a
//! repost in traditional script, a file downloaded twice — and counting it
//! once needs an identity that does not depend on the file.
//!
//! Text is compared on a key that ignores what differs between copies of
//! one notice and not between notices: whitespace (line wrapping, cell
//! padding), full-width against ASCII forms, traditional against simplified
//! script.

use crate::record::{Notice, NoticeDocument, Record};
use crate::text::is_space;
use std::collections::HashMap;
use xxhash_rust::xxh3::xxh3_64;

/// Separates the parts of a hashed key, so that `("ab", "c")` and
/// `("a", "bc")` differ. A control character no notice text holds.
const PART: char = '\u{1F}';

/// Appends `s` to `key` as copies of one notice print it alike: whitespace
/// dropped, full-width ASCII forms (`１０`, `（`) made ASCII, `【】` as `[]`,
/// traditional characters folded to simplified.
fn push_key(key: &mut String, s: &str) {
    let folded;
    let s = if notice_quantity::has_traditional(s) {
        folded = fast2s::convert(s);
        folded.as_str()
    } else {
        s
    };
    for c in s.chars().filter(|c| !is_space(*c)) {
        key.push(match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '【' => '[',
            '】' => ']',
            _ => c,
        });
    }
}

/// The id of a key: xxHash3's 64 bits as 16 hex digits. A hash with a
/// fixed specification, so ids stay the same across runs, machines and
/// versions (a database appended to over years compares them); 64 bits, so
/// that two different records share one with odds of about one in 10^19
/// per pair. Not SHA-256: that took a tenth of a batch's time here.
fn hex_id(key: &str) -> String {
    format!("{:016x}", xxh3_64(key.as_bytes()))
}

/// Appends what the fingerprint of a record is made from: what the notice
/// says about the project, never where the file put it (`source`, the
/// table's title or attachment label, which differ between a page and its
/// attachment) nor what is derived from its text (quantities). The deadline
/// is in: it often carries the year, the one thing that tells a project
/// carried over into next year's notice, word for word, from this one.
fn push_record_key(key: &mut String, r: &Record) {
    let texts = [&r.seq, &r.name, &r.subproject];
    for t in texts {
        push_key(key, t.as_deref().unwrap_or_default());
        key.push(PART);
    }
    key.push_str(&r.part.to_string());
    key.push(PART);
    for units in [&r.lead_units, &r.partner_units] {
        for u in units {
            push_key(key, u);
            key.push('、');
        }
        key.push(PART);
    }
    for t in [&r.target, &r.deadline, &r.progress, &r.result] {
        push_key(key, t.as_deref().unwrap_or_default());
        key.push(PART);
    }
}

/// A record's fingerprint: 16 hex digits of a hash of its sequence number,
/// name, part, units, target, deadline, progress and result, compared on a
/// key that ignores whitespace, full-width forms and traditional script.
/// Two copies of one notice (the page and its attachment) give their records
/// the same fingerprints; records of different projects, or of one project
/// with another target, differ.
pub fn fingerprint(r: &Record) -> String {
    let mut key = String::new();
    push_record_key(&mut key, r);
    hex_id(&key)
}

/// The notice's id: 16 hex digits of a hash of its document number (with
/// the issuer when the number does not name its office, as in `〔2024〕5号`),
/// else of its records' content, else of its title and date; `None` when
/// the notice has none of these. Stable across runs, and the same for every
/// copy of the notice that prints the same number (or, without a number,
/// the same records).
pub fn notice_id(notice: &Notice, records: &[Record]) -> Option<String> {
    let mut key = String::new();
    if let Some(number) = notice.doc_number.as_deref() {
        key.push_str("number");
        key.push(PART);
        push_key(&mut key, number);
        let names_office = key.chars().nth(7).is_some_and(crate::text::is_han);
        if !names_office {
            key.push(PART);
            push_key(&mut key, notice.issuer.as_deref().unwrap_or_default());
        }
        return Some(hex_id(&key));
    }
    if !records.is_empty() {
        key.push_str("records");
        for r in records {
            key.push('\n');
            push_record_key(&mut key, r);
        }
        return Some(hex_id(&key));
    }
    if notice.title.is_none() && notice.date.is_none() {
        return None;
    }
    key.push_str("title");
    key.push(PART);
    push_key(&mut key, notice.title.as_deref().unwrap_or_default());
    key.push(PART);
    push_key(&mut key, notice.date.as_deref().unwrap_or_default());
    Some(hex_id(&key))
}

/// Marks the records that repeat a record of a document seen before, over
/// the documents of a batch taken in order: the first document to hold a
/// record keeps it, and each later copy gets
/// [`Record::duplicate_of`] = that document's `source.path`. Records
/// repeated within one document (a notice that prints its list twice) are
/// not marked: which one counts is the notice's business.
///
/// ```
/// use notice_extract::{extract, Duplicates};
/// let text = "某区2024年民生实事项目\n1.城镇老旧小区改造:改造城镇老旧小区12个。\n2.建设城市公园:新建口袋公园2个。\n";
/// let mut page = extract(text.as_bytes(), "page.txt").unwrap();
/// let mut copy = extract(text.as_bytes(), "copy.txt").unwrap();
/// let mut seen = Duplicates::new();
/// assert_eq!(seen.mark(&mut page), 0);
/// assert_eq!(seen.mark(&mut copy), 2);
/// assert_eq!(copy.records[0].duplicate_of.as_deref(), Some("page.txt"));
/// ```
#[derive(Debug, Default)]
pub struct Duplicates {
    /// Fingerprint → the first document that held it (index into `paths`).
    first: HashMap<u64, usize>,
    /// The documents that gave a first record, by `source.path`.
    paths: Vec<String>,
    /// The key of the record at hand, its allocation reused.
    key: String,
}

impl Duplicates {
    /// A tracker that has seen no document.
    pub fn new() -> Self {
        Self::default()
    }

    /// Marks `doc`'s records that repeat a record of an earlier document
    /// (setting [`Record::duplicate_of`]) and remembers the rest; returns
    /// how many it marked.
    pub fn mark(&mut self, doc: &mut NoticeDocument) -> usize {
        let this = self.paths.len();
        let mut marked = 0;
        let mut new = false;
        for r in &mut doc.records {
            self.key.clear();
            push_record_key(&mut self.key, r);
            let print = xxh3_64(self.key.as_bytes());
            match self.first.get(&print) {
                Some(&first) if first != this => {
                    r.duplicate_of = self.paths.get(first).cloned();
                    marked += 1;
                }
                Some(_) => {}
                None => {
                    self.first.insert(print, this);
                    new = true;
                }
            }
        }
        if new {
            self.paths.push(doc.source.path.clone());
        }
        marked
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Layout;
    use crate::record::RecordSource;

    fn record(seq: &str, name: &str, lead: &[&str], target: &str) -> Record {
        let mut r = Record::new(RecordSource {
            path: "a.txt".into(),
            sha256: String::new(),
            layout: Layout::PipeTable,
            table: 0,
            row: 1,
            line: None,
            inherited: Vec::new(),
        });
        r.seq = Some(seq.into());
        r.name = Some(name.into());
        r.lead_units = lead.iter().map(|s| s.to_string()).collect();
        r.target = Some(target.into());
        r
    }

    #[test]
    fn copies_of_a_record_share_its_fingerprint() {
        let base = record(
            "1",
            "老旧小区改造",
            &["区住房城乡建委"],
            "改造小区10个（2024年）",
        );
        let same = [
            // Line wrapping and cell padding.
            record(
                "1",
                "老旧小区 改造",
                &["区住房城乡建委 "],
                "改造小区\n10个（2024年）",
            ),
            // Full-width digits and brackets.
            record(
                "１",
                "老旧小区改造",
                &["区住房城乡建委"],
                "改造小区１０个(2024年)",
            ),
            // A repost in traditional script.
            record(
                "1",
                "老舊小區改造",
                &["區住房城鄉建委"],
                "改造小區10個（2024年）",
            ),
        ];
        for r in &same {
            assert_eq!(fingerprint(r), fingerprint(&base), "{:?}", r.name);
        }
        let mut other_place = base.clone();
        other_place.source.table = 3;
        other_place.source.path = "b.docx".into();
        other_place.attachment = Some("附件1".into());
        assert_eq!(fingerprint(&other_place), fingerprint(&base));
        let different = [
            record(
                "2",
                "老旧小区改造",
                &["区住房城乡建委"],
                "改造小区10个（2024年）",
            ),
            record("1", "老旧小区改造", &["区民政局"], "改造小区10个（2024年）"),
            record(
                "1",
                "老旧小区改造",
                &["区住房城乡建委"],
                "改造小区12个（2024年）",
            ),
        ];
        for r in &different {
            assert_ne!(fingerprint(r), fingerprint(&base), "{:?}", r);
        }
        let mut next_year = base.clone();
        next_year.deadline = Some("2025-12".into());
        assert_ne!(fingerprint(&next_year), fingerprint(&base));
        // Parts are kept apart: moving text between fields changes the print.
        let moved = record(
            "1",
            "老旧小区改造区住房城乡建委",
            &[],
            "改造小区10个（2024年）",
        );
        assert_ne!(fingerprint(&moved), fingerprint(&base));
    }

    fn notice(number: Option<&str>, issuer: Option<&str>, title: Option<&str>) -> Notice {
        Notice {
            doc_number: number.map(str::to_string),
            issuer: issuer.map(str::to_string),
            title: title.map(str::to_string),
            ..Notice::default()
        }
    }

    #[test]
    fn a_notice_is_known_by_its_number_else_its_records_else_its_title() {
        let records = [record("1", "老旧小区改造", &[], "改造小区10个")];
        let number = notice(
            Some("渝北府办发〔2024〕5号"),
            Some("渝北区政府办公室"),
            None,
        );
        let id = notice_id(&number, &[]);
        assert!(id.as_ref().is_some_and(|i| i.len() == 16));
        // A number that names its office needs no issuer, which an
        // attachment often lacks; the records do not matter.
        let attachment = notice(Some("渝北府办发〔2024〕 5号"), None, Some("附件"));
        assert_eq!(notice_id(&attachment, &records), id);
        // A bare number is only unique with its issuer.
        let bare_a = notice(Some("〔2024〕5号"), Some("甲县政府"), None);
        let bare_b = notice(Some("〔2024〕5号"), Some("乙县政府"), None);
        assert_ne!(notice_id(&bare_a, &[]), notice_id(&bare_b, &[]));
        // No number: the records, whatever the title.
        let by_records = notice_id(&notice(None, None, Some("甲")), &records);
        assert_eq!(
            notice_id(&notice(None, None, Some("乙")), &records),
            by_records
        );
        assert_ne!(by_records, id);
        // No number and no record: the title; nothing at all: no id.
        assert!(notice_id(&notice(None, None, Some("甲")), &[]).is_some());
        assert_eq!(notice_id(&Notice::default(), &[]), None);
    }

    fn doc(path: &str, records: Vec<Record>) -> NoticeDocument {
        NoticeDocument {
            source: crate::record::DocumentSource {
                path: path.into(),
                sha256: String::new(),
                format: crate::model::InputFormat::Text,
                encoding: None,
                layout: Layout::PipeTable,
            },
            notice: Notice::default(),
            tables: Vec::new(),
            records,
            warnings: Vec::new(),
        }
    }

    #[test]
    fn the_first_document_holding_a_record_keeps_it() {
        let a = record("1", "甲", &[], "新建1座");
        let b = record("2", "乙", &[], "新建2座");
        let c = record("3", "丙", &[], "新建3座");
        let mut seen = Duplicates::new();
        // A record printed twice in one notice is the notice's business.
        let mut first = doc("first.txt", vec![a.clone(), a.clone(), b.clone()]);
        assert_eq!(seen.mark(&mut first), 0);
        let mut second = doc("second.docx", vec![b.clone(), c.clone()]);
        assert_eq!(seen.mark(&mut second), 1);
        let marks: Vec<_> = second
            .records
            .iter()
            .map(|r| r.duplicate_of.as_deref())
            .collect();
        assert_eq!(marks, [Some("first.txt"), None]);
        let mut third = doc("third.html", vec![a, b, c]);
        assert_eq!(seen.mark(&mut third), 3);
        let marks: Vec<_> = third
            .records
            .iter()
            .map(|r| r.duplicate_of.as_deref())
            .collect();
        assert_eq!(
            marks,
            [Some("first.txt"), Some("first.txt"), Some("second.docx")]
        );
    }
}
