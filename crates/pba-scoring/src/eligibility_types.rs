//! The result of eligibility (SPEC section 4), shared with allocation and I/O.
//! The rules that produce it live in `eligibility.rs`.

use std::fmt;
use std::str::FromStr;

use pba_scorecard::{FacilityId, ScorecardId};
use rust_decimal::Decimal;

/// Why a facility is not eligible for PBA in the year after a fiscal year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IneligibleReason {
    /// No ISC assessment of the facility at all.
    NoAssessments,
    /// Fewer valid assessments than the program requires.
    TooFewValidAssessments,
    /// Assessments failed the committee composition rule (footnote 36).
    InvalidCommittee,
    /// Health-center assessments without a linked consultation in the year,
    /// or without a committee member who attended it.
    MissingConsultation,
    /// The facility is not active.
    Inactive,
    /// Assessments name a scorecard or version that does not exist or does not
    /// apply to the facility type.
    UnknownScorecard,
    /// Assessments exist, but none is dated in the fiscal year.
    OutOfPeriod,
    /// Assessments have missing or out-of-range values.
    IncompleteValues,
}

impl IneligibleReason {
    /// Every reason, in the order of SPEC section 4.
    pub const ALL: &'static [Self] = &[
        Self::NoAssessments,
        Self::TooFewValidAssessments,
        Self::InvalidCommittee,
        Self::MissingConsultation,
        Self::Inactive,
        Self::UnknownScorecard,
        Self::OutOfPeriod,
        Self::IncompleteValues,
    ];

    /// The reason code written to files.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NoAssessments => "no_assessments",
            Self::TooFewValidAssessments => "too_few_valid_assessments",
            Self::InvalidCommittee => "invalid_committee",
            Self::MissingConsultation => "missing_consultation",
            Self::Inactive => "inactive",
            Self::UnknownScorecard => "unknown_scorecard",
            Self::OutOfPeriod => "out_of_period",
            Self::IncompleteValues => "incomplete_values",
        }
    }
}

impl fmt::Display for IneligibleReason {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

impl FromStr for IneligibleReason {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .iter()
            .copied()
            .find(|reason| reason.as_str() == text)
            .ok_or_else(|| {
                let expected = Self::ALL
                    .iter()
                    .map(|reason| format!("`{reason}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                format!("unknown reason `{text}`, expected one of {expected}")
            })
    }
}

/// A facility's annual score and eligibility: one row of `facility-scores.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacilityScore {
    /// The facility.
    pub facility_id: FacilityId,
    /// Fiscal year N of the assessments (PBA is paid in N+1).
    pub fiscal_year: i32,
    /// Mean of the valid assessments' reported scores, rounded to 2 decimals;
    /// `None` when there is no valid assessment.
    pub score: Option<Decimal>,
    /// At least `min_assessments` valid assessments.
    pub eligible: bool,
    /// Why not eligible; `None` when eligible.
    pub reason: Option<IneligibleReason>,
    /// Number of valid ISC assessments in the fiscal year.
    pub valid_assessments: u32,
    /// Number of ISC assessments in the fiscal year, valid or not; `None`
    /// for a score read from a file (it is not needed to allocate).
    pub assessments: Option<u32>,
    /// The scorecard of the valid assessments (or the one that applies to the
    /// facility type), `None` when no scorecard applies.
    pub scorecard_id: Option<ScorecardId>,
}
