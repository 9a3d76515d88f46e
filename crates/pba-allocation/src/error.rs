//! Errors of allocation, DLI values and disbursement. Each names what a user
//! needs to fix it: the facility, the envelope, the DLI series, the value.

use pba_scorecard::{DistrictId, DliId, FacilityId, PolicyId, Scope, ScorecardId};
use rust_decimal::Decimal;

/// Why an allocation (or a DLI value) could not be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AllocationError {
    /// The payable unit is 0 or negative.
    #[error("payable unit `{unit}` must be greater than 0")]
    InvalidUnit {
        /// The unit given.
        unit: Decimal,
    },
    /// An amount to share is not a whole number of payable units.
    #[error(
        "amount `{amount}` is not a multiple of the payable unit `{unit}`; hint: round it to the unit"
    )]
    AmountNotMultipleOfUnit {
        /// The amount.
        amount: Decimal,
        /// The payable unit.
        unit: Decimal,
    },
    /// A negative amount to share.
    #[error("amount `{amount}` is negative, expected 0 or more")]
    NegativeAmount {
        /// The amount.
        amount: Decimal,
    },
    /// An envelope of 0 or less.
    #[error("envelope `{scope}` has amount `{amount}`, expected an amount greater than 0")]
    EnvelopeNotPositive {
        /// The envelope's scope.
        scope: Scope,
        /// Its amount.
        amount: Decimal,
    },
    /// A claim below 0 (a negative uplift or score).
    #[error("claim of `{key}` is `{claim}`, expected 0 or more")]
    NegativeClaim {
        /// Who claims.
        key: String,
        /// The claim.
        claim: Decimal,
    },
    /// The same claimant twice in one apportionment.
    #[error("`{key}` claims twice in the same envelope")]
    DuplicateClaim {
        /// Who claims.
        key: String,
    },
    /// `cap_share` outside (0, 1].
    #[error("cap_share `{cap_share}` must be greater than 0 and at most 1")]
    InvalidCapShare {
        /// The cap given.
        cap_share: Decimal,
    },
    /// Exact integer arithmetic ran out of range.
    #[error(
        "arithmetic overflow while {operation}; hint: amounts, weights or decimals are too large to compute exactly"
    )]
    Overflow {
        /// What was being computed.
        operation: &'static str,
    },
    /// `allocate` was given another scorecard than the policy's.
    #[error("policy `{policy}` pays scorecard `{expected}`, but scorecard `{found}` was given")]
    ScorecardMismatch {
        /// The policy.
        policy: PolicyId,
        /// `policy.scorecard`.
        expected: ScorecardId,
        /// The scorecard given.
        found: ScorecardId,
    },
    /// A facility whose district is not in the dataset.
    #[error("facility `{facility}` is in district `{district}`, which is not in the districts")]
    UnknownDistrict {
        /// The facility.
        facility: FacilityId,
        /// Its district id.
        district: DistrictId,
    },
    /// Two envelopes of one policy cover the same facility.
    #[error(
        "facility `{facility}` is in two envelopes, `{first}` and `{second}`; hint: make the envelopes' scopes disjoint"
    )]
    FacilityInTwoEnvelopes {
        /// The facility.
        facility: FacilityId,
        /// The first envelope covering it.
        first: Scope,
        /// The second envelope covering it.
        second: Scope,
    },
    /// A qualifying facility lacks the column its weight comes from.
    #[error(
        "facility `{facility}` qualifies for PBA but has no `{column}`; hint: fill `{column}` in facilities.csv or use weight = \"none\""
    )]
    MissingWeight {
        /// The facility.
        facility: FacilityId,
        /// `beds` or `catchment_population`.
        column: &'static str,
    },
    /// A facility score of another fiscal year than the one before the PBA year.
    #[error(
        "score of facility `{facility}` is for fiscal year `{found}`, expected `{expected}` (the year before PBA year `{pba_year}`)"
    )]
    ScoreYearMismatch {
        /// The facility.
        facility: FacilityId,
        /// The score's fiscal year.
        found: i32,
        /// `pba_year - 1`.
        expected: i32,
        /// The policy's PBA year.
        pba_year: i32,
    },
    /// An eligible facility score without a score.
    #[error("facility `{facility}` is eligible but has no score")]
    EligibleWithoutScore {
        /// The facility.
        facility: FacilityId,
    },
    /// An ineligible facility score without a reason.
    #[error("facility `{facility}` is not eligible but gives no reason")]
    IneligibleWithoutReason {
        /// The facility.
        facility: FacilityId,
    },
    /// A verification penalty factor outside [0, 1].
    #[error(
        "verification penalty factor of facility `{facility}` is `{factor}`, expected `0` to `1`; hint: a penalty may only reduce a claim"
    )]
    PenaltyFactorOutOfRange {
        /// The facility.
        facility: FacilityId,
        /// The factor given.
        factor: Decimal,
    },
}

/// Why a disbursement could not be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DisbursementError {
    /// An achievement for a DLI series the program does not define.
    #[error("achievement for unknown DLI `{dli}`; hint: the program defines {known}")]
    UnknownDli {
        /// The series id given.
        dli: DliId,
        /// The program's series ids, formatted.
        known: String,
    },
    /// An achievement outside the program years.
    #[error(
        "achievement for DLI `{dli}` in year `{year}`, expected a program year from `1` to `{last}`"
    )]
    YearOutOfRange {
        /// The series.
        dli: DliId,
        /// The year given.
        year: u32,
        /// The program's last year.
        last: u32,
    },
    /// A price that is negative or has more than 2 decimals.
    #[error(
        "price of DLI `{dli}` year {year} is `{price}`, expected an amount of 0 or more in cents"
    )]
    InvalidPrice {
        /// The series.
        dli: DliId,
        /// The target year.
        year: u32,
        /// The price.
        price: Decimal,
    },
    /// A series with targets but none for year 1 (the engagement floor).
    #[error("DLI `{dli}` has no target for year 1, the engagement floor")]
    MissingFloor {
        /// The series.
        dli: DliId,
    },
    /// A scalable target not above the previous one (the ramp would be flat).
    #[error(
        "target of DLI `{dli}` year {year} is `{value}`, not above the previous target `{previous}`; a scalable target must increase"
    )]
    TargetsNotIncreasing {
        /// The series.
        dli: DliId,
        /// The target year.
        year: u32,
        /// `Tj`.
        value: Decimal,
        /// `T(j-1)`.
        previous: Decimal,
    },
    /// Exact arithmetic ran out of range.
    #[error(
        "arithmetic overflow computing DLI `{dli}` year {year}; hint: a value has too many digits"
    )]
    Overflow {
        /// The series.
        dli: DliId,
        /// The year.
        year: u32,
    },
}
