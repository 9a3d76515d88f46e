//! Integration tests of pba-allocation: table tests (one runner per domain,
//! cases in `tests/cases/*.toml`), property tests and error messages.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

mod allocation_cases;
mod apportionment_cases;
mod caps_cases;
mod disbursement_cases;
mod dli_cases;
mod errors;
mod fixture;
mod properties;
