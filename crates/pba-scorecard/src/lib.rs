//! Scorecard, program and policy definitions: TOML text in, validated types out.
//!
//! Main types: [`ScorecardDefinition`], [`ProgramDefinition`], [`Policy`], the
//! identifier newtypes in [`ids`], and the vocabularies in [`vocabulary`].
#![deny(clippy::unwrap_used, reason = "definitions come from users: errors, not panics")]
#![deny(clippy::expect_used, reason = "definitions come from users: errors, not panics")]
#![deny(clippy::panic, reason = "definitions come from users: errors, not panics")]
#![deny(clippy::indexing_slicing, reason = "out-of-range indexing would panic")]
#![deny(clippy::float_arithmetic, reason = "scores and money are exact decimals")]

pub mod date;
pub mod ids;
pub mod model;
pub mod vocabulary;

pub use date::Date;
pub use ids::*;
pub use model::*;
pub use vocabulary::*;
