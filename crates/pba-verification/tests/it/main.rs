//! Table tests (`tests/cases/*.toml`), property tests and error snapshots of
//! pba-verification, in one test binary.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod comparison;
mod errors;
mod penalty;
mod properties;
mod sampling;
mod support;
