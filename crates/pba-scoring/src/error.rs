//! What can be wrong with an assessment's values, committee or consultation.
//! These are not failures of the engine: they make an assessment invalid and
//! are reported with it, in words a supervisor can act on.

use std::sync::Arc;

use pba_scorecard::{ConsultationId, FacilityId, IndicatorId, IndicatorValue};
use rust_decimal::Decimal;

/// Why a value cannot be mapped to a fraction by its indicator's kind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueProblem {
    /// `na` where the indicator does not allow it.
    #[error("`na` is not allowed here, expected {expected}")]
    NotApplicableNotAllowed {
        /// What the indicator accepts.
        expected: String,
    },
    /// `yes`/`no` for a number, or a number for `yes`/`no`.
    #[error("`{found}` is not accepted, expected {expected}")]
    WrongShape {
        /// The value entered, as text.
        found: String,
        /// What the indicator accepts.
        expected: String,
    },
    /// A number outside what the indicator accepts (not an integer of a
    /// scale, outside `min`/`max`, below every band).
    #[error("`{found}` is out of range, expected {expected}")]
    OutOfRange {
        /// The value entered.
        found: Decimal,
        /// What the indicator accepts.
        expected: String,
    },
    /// Decimal arithmetic overflowed (a value far too large).
    #[error("`{found}` is too large to compute with, expected {expected}")]
    Overflow {
        /// The value entered.
        found: Decimal,
        /// What the indicator accepts.
        expected: String,
    },
}

/// A problem with an assessment's (or a consultation's) values: each makes it
/// `incomplete_values`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueIssue {
    /// The value cannot be scored.
    #[error("indicator `{indicator_id}`: {problem}")]
    Invalid {
        /// The indicator.
        indicator_id: IndicatorId,
        /// What is wrong with its value.
        problem: ValueProblem,
    },
    /// No value (no row, or an empty cell) under `missing = "error"`.
    #[error("indicator `{indicator_id}` has no value, expected {expected}")]
    Missing {
        /// The indicator.
        indicator_id: IndicatorId,
        /// What the indicator accepts (one text shared by every issue).
        expected: Arc<str>,
    },
    /// A value for an indicator the scorecard does not define.
    #[error("unknown indicator `{indicator_id}`, not in scorecard `{scorecard}`")]
    UnknownIndicator {
        /// The id found in the values.
        indicator_id: IndicatorId,
        /// `id version` of the scorecard (one text shared by every issue).
        scorecard: Arc<str>,
    },
    /// Two values for the same indicator.
    #[error("indicator `{indicator_id}` has more than one value, expected one")]
    Duplicate {
        /// The indicator.
        indicator_id: IndicatorId,
    },
    /// Every indicator is `na`: no domain has an applicable item.
    #[error("every indicator is `na`, so the composite is undefined")]
    Undefined,
    /// Decimal arithmetic overflowed while summing.
    #[error("the scores are too large to compute with")]
    Overflow,
    /// A problem with the values of the linked consultation.
    #[error("consultation `{consultation_id}`: {issue}")]
    Consultation {
        /// The consultation.
        consultation_id: ConsultationId,
        /// Its problem.
        issue: Box<ValueIssue>,
    },
}

/// A rule of footnote 36 the committee does not meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, thiserror::Error)]
pub enum CommitteeIssue {
    /// No `government` member.
    #[error("no `government` member")]
    NoGovernment,
    /// No `peer_facility` member from another facility.
    #[error("no `peer_facility` member with a `home_facility_id` other than the assessed facility")]
    NoPeerFacility,
    /// No `independent` member.
    #[error("no `independent` member")]
    NoIndependent,
}

/// Why a health-center assessment has no usable consultation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConsultationIssue {
    /// `consultation_id` is empty.
    #[error(
        "no `consultation_id`, expected the community consultation of the same facility and fiscal year"
    )]
    NotLinked,
    /// `consultation_id` names no consultation of the dataset.
    #[error("consultation `{0}` does not exist")]
    Unknown(ConsultationId),
    /// The consultation is of another facility.
    #[error("consultation `{consultation_id}` is of facility `{found}`, expected `{expected}`")]
    OtherFacility {
        /// The consultation.
        consultation_id: ConsultationId,
        /// Its facility.
        found: FacilityId,
        /// The assessed facility.
        expected: FacilityId,
    },
    /// The consultation is of another fiscal year.
    #[error("consultation `{consultation_id}` is of fiscal year `{found}`, expected `{expected}`")]
    OtherYear {
        /// The consultation.
        consultation_id: ConsultationId,
        /// Its fiscal year.
        found: i32,
        /// The assessment's fiscal year.
        expected: i32,
    },
    /// The `[combine]` consultation scorecard is not in the scorecard set.
    #[error("consultation scorecard `{0}` is not defined, expected it among the scorecards")]
    UnknownScorecard(pba_scorecard::ScorecardId),
}

/// A value as entered, as text (`yes`, `no`, `na`, `12.5`).
#[must_use]
pub fn value_text(value: IndicatorValue) -> String {
    match value {
        IndicatorValue::Yes => "yes".to_owned(),
        IndicatorValue::No => "no".to_owned(),
        IndicatorValue::NotApplicable => "na".to_owned(),
        IndicatorValue::Number(number) => number.normalize().to_string(),
    }
}
