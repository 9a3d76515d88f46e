//! Scoring and eligibility (SPEC sections 3 and 4): assessments in, indicator,
//! domain and composite scores, validity with reasons, and each facility's
//! annual score and eligibility out. Pure: no files, no polars.
//!
//! Main entry points: [`score_year`] (every assessment and facility of a
//! [`Dataset`] for one fiscal year, as [`YearScores`]), [`score_assessment`]
//! (one [`AssessmentScore`]), [`indicator_fraction`] (one value), and
//! [`explain()`] (the computation as text).
//!
//! ```
//! use pba_scorecard::{FiscalCalendar, ScorecardSet};
//! use pba_scoring::{Dataset, score_year};
//!
//! let scores = score_year(&Dataset::default(), &ScorecardSet::default(), FiscalCalendar::default(), 2, 2019);
//! assert!(scores.assessments.is_empty() && scores.facilities.is_empty());
//! ```
#![deny(
    clippy::unwrap_used,
    reason = "scoring runs on user data: errors, not panics"
)]
#![deny(
    clippy::expect_used,
    reason = "scoring runs on user data: errors, not panics"
)]
#![deny(
    clippy::panic,
    reason = "scoring runs on user data: errors, not panics"
)]
#![deny(clippy::indexing_slicing, reason = "out-of-range indexing would panic")]
#![deny(clippy::float_arithmetic, reason = "scores are exact decimals")]

pub mod assessment;
pub mod composite;
pub mod dataset;
mod decimal_parts;
mod domain_sums;
pub mod eligibility;
pub mod eligibility_types;
pub mod error;
pub mod explain;
mod in_order;
pub mod indicator_kinds;
mod outcomes;
mod rounded_percent;
mod rounded_sum;
pub mod validity;
mod value_entry;
mod weighted_sum;

pub use assessment::{AssessmentScore, ConsultationPart, score_assessment};
pub use composite::{
    CompositeScore, DomainScore, IndicatorResult, Keep, PreparedScorecard, combined_score,
    reported_score, score_values,
};
pub use dataset::*;
pub use eligibility::{Detail, YearScores, score_year, score_year_each, score_year_with};
pub use eligibility_types::*;
pub use error::{CommitteeIssue, ConsultationIssue, ValueIssue, ValueProblem};
pub use explain::explain;
pub use indicator_kinds::indicator_fraction;
pub use validity::AssessmentReason;
