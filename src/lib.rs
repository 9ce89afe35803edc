//! notice-extract: Chinese government livelihood-project notices into structured records.

pub mod quantity;
