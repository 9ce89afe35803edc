//! The spreadsheet reader (XLSX, ODS, XLS). The first byte picks a mode:
//! - 0: the rest is a whole workbook (any of the three formats);
//! - 1: the rest replaces `xl/worksheets/sheet1.xml` of
//!   `fixtures/formats/yubei-2024-minsheng.xlsx` (stored);
//! - 2: the rest replaces its `xl/sharedStrings.xml`;
//! - 3: the rest replaces its `xl/workbook.xml`;
//! - 4: the rest replaces `content.xml` of `yubei-2024-minsheng.ods`.
//!
//! Modes 0 and 1 are those of the first fuzzing run, so its `.bin` inputs in
//! `fixtures/hostile/` still mean the same.
#![no_main]
use fuzz_support::{swap_member, ODS_FIXTURE, XLSX_FIXTURE};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    fuzz_support::init();
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let book = match mode {
        1 => swap_member(XLSX_FIXTURE, "xl/worksheets/sheet1.xml", rest),
        2 => swap_member(XLSX_FIXTURE, "xl/sharedStrings.xml", rest),
        3 => swap_member(XLSX_FIXTURE, "xl/workbook.xml", rest),
        4 => swap_member(ODS_FIXTURE, "content.xml", rest),
        _ => rest.to_vec(),
    };
    let r = notice_extract::extract(&book, "f.xlsx");
    fuzz_support::check("sheet_reader", data, &r);
});
