//! The binary's own modules: batch conversion (files, threads, progress)
//! and the output sinks. The library stays pure; everything here does I/O.

pub mod batch;
pub mod sinks;
