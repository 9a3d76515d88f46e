//! Independent verification (SPEC section 7; Annex 3 of the appraisal
//! document): the reproducible stratified sample of facilities whose ISC
//! scorecards the Independent Verification Agent re-checks, the comparison of
//! the agent's `iva` scores with the committees' `isc` scores, and the
//! optional penalty on inflated scores. Pure: no files, no polars.
//!
//! Main items: [`draw_sample`] → [`Sample`]; [`compare`] → [`Verification`]
//! (rows of [`FacilityVerification`] and a [`Summary`]); [`penalty_factor`]
//! for the policy's [`PenaltyRule`] (re-exported from `pba-scorecard`).
//!
//! ```
//! use pba_scorecard::FacilityId;
//! use pba_verification::{rank_hash, selected_count};
//! use rust_decimal::Decimal;
//!
//! // The rank of a facility in its stratum depends only on the seed and its id.
//! let hash = rank_hash("42", &FacilityId::from("F00001"));
//! assert!(hash.starts_with("b275f55d"));
//! // 10% of a stratum of 11 facilities, rounded up: 2.
//! assert_eq!(selected_count(Decimal::new(1, 1), 11), Ok(2));
//! ```
#![deny(
    clippy::unwrap_used,
    reason = "verification runs on user data: errors, not panics"
)]
#![deny(
    clippy::expect_used,
    reason = "verification runs on user data: errors, not panics"
)]
#![deny(
    clippy::panic,
    reason = "verification runs on user data: errors, not panics"
)]
#![deny(clippy::indexing_slicing, reason = "out-of-range indexing would panic")]
#![deny(clippy::float_arithmetic, reason = "scores are exact decimals")]

pub mod closest;
pub mod comparison;
pub mod error;
pub mod penalty;
pub mod sampling;
pub mod stratum;
pub mod summary;

pub use comparison::{
    ClosestIsc, FacilityVerification, IscAnnual, ScoredAssessment, Verification,
    VerificationStatus, compare, in_fiscal_year,
};
pub use error::VerificationError;
pub use penalty::{
    FACTOR_DECIMALS, PenaltyRule, VERIFICATION_PENALTY, factor_of, penalty_factor,
    proportional_factor,
};
pub use sampling::{
    AssessmentToCheck, Sample, SampledFacility, StratumSummary, draw_sample, rank_hash,
    selected_count,
};
pub use stratum::{Stratum, WHOLE_POPULATION, stratum_key};
pub use summary::{Discrepancy, LARGEST_DISCREPANCIES, Summary, SummaryRow, summarize};
