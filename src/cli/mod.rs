//! The binary's own modules: batch conversion (files, threads, progress),
//! the output sinks and the tables they write, the review page. The library stays pure;
//! everything here does I/O.

pub mod batch;
pub mod review;
pub mod sinks;
pub mod tables;
