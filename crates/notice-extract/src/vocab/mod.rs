//! One home for each piece of knowledge the readers, the layouts and the
//! normaliser share: word lists, grammars and the small functions that read
//! them. A fact lives here once; every module that needs it imports it from
//! here, so a synonym or a suffix added here is known everywhere at once.
//! (The quantity extractor keeps its own tables in `notice-quantity`; the
//! Chinese numeral grammar is its, and is used from there.)

pub mod chrome;
pub mod dates;
pub mod headers;
pub mod labels;
pub mod numerals;
pub mod orgs;
pub mod projects;
pub mod sections;
