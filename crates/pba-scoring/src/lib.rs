//! Scoring and eligibility (SPEC sections 3 and 4): assessments in, indicator,
//! domain and composite scores, validity with reasons, and each facility's
//! annual score and eligibility out. Pure: no files, no polars.
#![deny(clippy::unwrap_used, reason = "scoring runs on user data: errors, not panics")]
#![deny(clippy::expect_used, reason = "scoring runs on user data: errors, not panics")]
#![deny(clippy::panic, reason = "scoring runs on user data: errors, not panics")]
#![deny(clippy::indexing_slicing, reason = "out-of-range indexing would panic")]
#![deny(clippy::float_arithmetic, reason = "scores are exact decimals")]

pub mod dataset;
pub mod eligibility_types;

pub use dataset::*;
pub use eligibility_types::*;
