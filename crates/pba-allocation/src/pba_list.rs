//! The PBA list (`pba-list.csv`, SPEC section 5): one row per facility in an
//! envelope's scope, the unallocated rows, and a summary per envelope.

use std::fmt;

use pba_scorecard::{
    BudgetUnit, DistrictId, FacilityId, FacilityType, PaymentChannel, PolicyId, Scope,
};
use pba_scoring::IneligibleReason;
use rust_decimal::Decimal;

/// The PBA list of one policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PbaList {
    /// `policy.id`.
    pub policy_id: PolicyId,
    /// Year paid.
    pub pba_year: i32,
    /// Currency of the amounts.
    pub currency: String,
    /// One row per facility in scope: by envelope (policy order), then
    /// district id, then facility id.
    pub rows: Vec<PbaRow>,
    /// What no facility received, in envelope order.
    pub unallocated: Vec<Unallocated>,
    /// One summary per envelope, in policy order.
    pub envelopes: Vec<EnvelopeSummary>,
}

/// One facility's line of the PBA list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PbaRow {
    /// Year paid.
    pub pba_year: i32,
    /// The envelope paying it.
    pub envelope: Scope,
    /// Province of its district.
    pub province: String,
    /// Its district.
    pub district_id: DistrictId,
    /// The facility.
    pub facility_id: FacilityId,
    /// `facilities.name`.
    pub facility_name: String,
    /// `facilities.type`.
    pub facility_type: FacilityType,
    /// `facilities.budget_unit`.
    pub budget_unit: BudgetUnit,
    /// Annual score of fiscal year `pba_year − 1`, when scored.
    pub score: Option<Decimal>,
    /// Active and eligible on fiscal year `pba_year − 1`.
    pub eligible: bool,
    /// Why it is paid nothing (or only the cap); `None` for a facility paid its
    /// full share.
    pub reason: Option<PbaReason>,
    /// The method's basis, for a facility eligible with a score >= `min_score`.
    pub basis: Option<Decimal>,
    /// Its weight, when the column it comes from is filled.
    pub weight: Option<Decimal>,
    /// Its district's uplift (1 when the policy gives none).
    pub uplift: Decimal,
    /// `amount / envelope`, 6 decimals, half away from zero.
    pub share: Decimal,
    /// Amount paid, with the unit's decimals.
    pub amount: Decimal,
    /// `facilities.payment_channel`.
    pub payment_channel: PaymentChannel,
}

/// Why a facility in scope is paid nothing, or less than its share.
///
/// Codes written to files (`reason` column):
/// - the ineligible reason itself (`too_few_valid_assessments`, `inactive`,
///   ...) for a facility not eligible; an inactive facility is always
///   `inactive`, whatever its score says;
/// - `not_scored`: no annual score was given for the facility;
/// - `below_min_score`: eligible, scored, below `min_score`;
/// - `zero_basis`: eligible, at or above `min_score`, but its claim
///   `basis × weight × uplift` is 0 (a tier factor of 0, a score equal to
///   `min_score` under `above_threshold`, 0 beds...);
/// - `capped`: paid, fixed at the cap amount because its share would pass it;
/// - `rounded_to_zero`: qualifies, but its share is less than a unit and the
///   leftover units went to larger remainders (an envelope with fewer units
///   than facilities);
/// - `verification_penalty`: qualifies, but its claim was multiplied by a
///   verification penalty factor below 1 (the policy's
///   `verification_penalty`, `pba allocate --verification`). `pba-list.csv`
///   has no column for the factor (its columns are fixed by SPEC section 5),
///   so the reason carries it: `verification_penalty (factor 0.875)`, or
///   `verification_penalty (factor 0: not paid)`. It takes precedence over
///   `capped` and `rounded_to_zero`: a facility the verification flagged is
///   always shown as such.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PbaReason {
    /// Not eligible, with the eligibility reason.
    NotEligible(IneligibleReason),
    /// No annual score given.
    NotScored,
    /// Score below `min_score`.
    BelowMinScore,
    /// Claim of 0.
    ZeroBasis,
    /// Fixed at the cap.
    Capped,
    /// Qualifies, but received 0 units by largest remainder.
    RoundedToZero,
    /// Its claim was multiplied by a verification penalty factor below 1.
    VerificationPenalty {
        /// The factor, in [0, 1).
        factor: Decimal,
    },
}

impl PbaReason {
    /// The code written to files.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotEligible(reason) => reason.as_str(),
            Self::NotScored => "not_scored",
            Self::BelowMinScore => "below_min_score",
            Self::ZeroBasis => "zero_basis",
            Self::Capped => "capped",
            Self::RoundedToZero => "rounded_to_zero",
            Self::VerificationPenalty { .. } => "verification_penalty",
        }
    }
}

/// The text written to the `reason` column: the code, and for
/// `verification_penalty` the factor (see [`PbaReason`]).
impl fmt::Display for PbaReason {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::VerificationPenalty { factor } if factor.is_zero() => {
                write!(formatter, "{} (factor 0: not paid)", self.as_str())
            }
            Self::VerificationPenalty { factor } => {
                write!(
                    formatter,
                    "{} (factor {})",
                    self.as_str(),
                    factor.normalize()
                )
            }
            _ => formatter.write_str(self.as_str()),
        }
    }
}

/// Part of an envelope that no facility received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unallocated {
    /// The envelope.
    pub envelope: Scope,
    /// The amount, with the unit's decimals.
    pub amount: Decimal,
    /// Why.
    pub reason: UnallocatedReason,
}

/// Why part of an envelope is unallocated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum UnallocatedReason {
    /// No facility in scope is eligible with a score >= `min_score` (or the
    /// scope is empty).
    NoQualifyingFacility,
    /// Every qualifying facility is fixed at the cap.
    AllCapped,
    /// Facilities are eligible with a score >= `min_score`, but every claim is 0
    /// (a zero basis or weight, or a verification penalty factor of 0).
    ZeroTotalBasis,
}

impl UnallocatedReason {
    /// The code written to files.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NoQualifyingFacility => "no_qualifying_facility",
            Self::AllCapped => "all_capped",
            Self::ZeroTotalBasis => "zero_total_basis",
        }
    }
}

impl fmt::Display for UnallocatedReason {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

/// Totals of one envelope, for a summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvelopeSummary {
    /// The envelope.
    pub scope: Scope,
    /// Its amount.
    pub amount: Decimal,
    /// Paid to facilities.
    pub allocated: Decimal,
    /// Not paid (`amount − allocated`).
    pub unallocated: Decimal,
    /// Facilities in scope (rows).
    pub facilities_in_scope: usize,
    /// Facilities paid more than 0.
    pub facilities_paid: usize,
    /// Smallest payment above 0.
    pub smallest_payment: Option<Decimal>,
    /// Largest payment.
    pub largest_payment: Option<Decimal>,
    /// The cap amount, when the policy caps shares.
    pub cap_amount: Option<Decimal>,
}
