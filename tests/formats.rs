//! The same notice in another encoding or format gives the same records
//! (every field but `source`).

mod common;
use common::*;
use serde_json::Value;

fn records_without_source(doc: &notice_extract::NoticeDocument) -> Vec<Value> {
    doc.records
        .iter()
        .map(|r| {
            let mut v = serde_json::to_value(r).expect("value");
            if let Some(o) = v.as_object_mut() {
                o.remove("source");
            }
            v
        })
        .collect()
}

/// A saved notice in GBK (as many Chinese sites and Windows tools write it)
/// reads the same as in UTF-8.
#[test]
fn gbk_text_gives_the_same_records_as_utf8() {
    for (input, _) in fixtures() {
        let name = file_name(&input);
        let text = std::fs::read_to_string(&input).expect("UTF-8 fixture");
        let (gbk, _, unmappable) = encoding_rs::GB18030.encode(&text);
        assert!(!unmappable, "{name}");
        let doc = notice_extract::extract(&gbk, &name).expect("GBK decodes");
        assert!(
            matches!(doc.source.encoding.as_deref(), Some("GBK" | "gb18030")),
            "{name}: {:?}",
            doc.source.encoding
        );
        let want = extract_fixture(&name);
        assert_eq!(
            records_without_source(&doc),
            records_without_source(&want),
            "{name}"
        );
        assert_eq!(doc.notice, want.notice, "{name}");
    }
}
