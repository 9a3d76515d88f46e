//! Scorecard, program and policy definitions: TOML text in, validated types out.
//!
//! Main types: [`ScorecardDefinition`], [`ScorecardSet`], [`ProgramDefinition`],
//! [`Policy`], the identifier newtypes in [`ids`], and the vocabularies in
//! [`vocabulary`]. Parsers: [`parse_scorecard`], [`parse_program`],
//! [`parse_policy`]; every mistake comes back as a [`DefinitionError`] naming
//! the file, line and column.
//!
//! ```
//! use pba_scorecard::{IndicatorKind, parse_scorecard};
//!
//! let text = r#"
//! [scorecard]
//! id = "tiny"
//! version = "1"
//! title = "A tiny scorecard"
//! applies_to = ["rural_hospital"]
//!
//! [[domain]]
//! id = "water"
//! title = "Water"
//! weight = "100"
//!
//! [[indicator]]
//! id = "W01"
//! domain = "water"
//! title = "Running water in the maternity"
//! kind = "binary"
//! points = "2"
//! source = "observation"
//! "#;
//! let scorecard = parse_scorecard("tiny.toml", text)?;
//! assert_eq!(scorecard.indicators.len(), 1);
//! assert_eq!(scorecard.indicators[0].kind, IndicatorKind::Binary);
//!
//! let broken = text.replace(r#"weight = "100""#, r#"weight = "95""#);
//! let errors = parse_scorecard("tiny.toml", &broken).unwrap_err();
//! assert_eq!(
//!     errors.to_string(),
//!     "tiny.toml:11:10: domain weights of scorecard `tiny` sum to `95`, expected `100`"
//! );
//! # Ok::<(), pba_scorecard::DefinitionErrors>(())
//! ```
#![deny(
    clippy::unwrap_used,
    reason = "definitions come from users: errors, not panics"
)]
#![deny(
    clippy::expect_used,
    reason = "definitions come from users: errors, not panics"
)]
#![deny(
    clippy::panic,
    reason = "definitions come from users: errors, not panics"
)]
#![deny(clippy::indexing_slicing, reason = "out-of-range indexing would panic")]
#![deny(
    clippy::float_arithmetic,
    reason = "scores and money are exact decimals"
)]

mod checks;
pub mod date;
mod decimal;
mod document;
mod domain;
mod envelope;
mod error;
pub mod ids;
mod indicator;
mod kind;
mod location;
pub mod model;
pub mod penalty_rule;
mod policy;
mod program;
mod raw;
mod scorecard;
mod set;
pub mod vocabulary;

pub use date::Date;
pub use error::{DefinitionError, DefinitionErrors};
pub use ids::*;
pub use location::Location;
pub use model::*;
pub use penalty_rule::PenaltyRule;
pub use policy::{check_policy_scorecard, parse_policy, parse_policy_for};
pub use program::parse_program;
pub use scorecard::parse_scorecard;
pub use vocabulary::*;
