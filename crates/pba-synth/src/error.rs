//! Why a synthetic dataset cannot be generated.

use pba_scorecard::FacilityId;
use rust_decimal::Decimal;

/// A configuration the generator cannot honour.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SynthError {
    /// `first_year > last_year`.
    #[error(
        "first year `{first}` is after last year `{last}`, give the years as `FIRST-LAST` with FIRST <= LAST"
    )]
    YearRange {
        /// First fiscal year asked for.
        first: i32,
        /// Last fiscal year asked for.
        last: i32,
    },
    /// A year dates cannot be written for (`YYYY`).
    #[error("year `{year}` is outside `1000`-`9998`, dates are written as `YYYY-MM-DD`")]
    YearOutOfRange {
        /// The year.
        year: i32,
    },
    /// More years than a synthetic dataset needs.
    #[error("`{count}` fiscal years asked for, at most `{limit}` are generated")]
    TooManyYears {
        /// Years asked for.
        count: i64,
        /// The limit.
        limit: i64,
    },
    /// `assessments_per_year` is not `1 <= min <= max <= 12`.
    #[error("assessments per year `{min}`-`{max}` must satisfy 1 <= min <= max <= 12")]
    AssessmentsPerYear {
        /// Minimum asked for.
        min: u32,
        /// Maximum asked for.
        max: u32,
    },
    /// A rate that is not a fraction.
    #[error("rate `{name}` is `{value}`, expected a fraction between `0` and `1` such as `0.05`")]
    Rate {
        /// The rate's field name.
        name: &'static str,
        /// The value given.
        value: Decimal,
    },
    /// `FacilityCount::Count(0)`.
    #[error("facility count is `0`, ask for at least one facility")]
    NoFacilities,
    /// A PBA list names a facility the registry does not have.
    #[error("facility `{facility_id}` of the PBA list is not in the registry")]
    UnknownFacility {
        /// The facility.
        facility_id: FacilityId,
    },
    /// An IVA sample names a facility the registry does not have.
    #[error(
        "facility `{facility_id}` of the IVA sample is not in the registry; hint: draw the sample from the dataset this configuration generated"
    )]
    NotInRegistry {
        /// The facility.
        facility_id: FacilityId,
    },
    /// A PBA list amount below zero.
    #[error("amount `{amount}` for facility `{facility_id}` is negative, PBA amounts are >= 0")]
    NegativeAmount {
        /// The facility.
        facility_id: FacilityId,
        /// The amount.
        amount: Decimal,
    },
}
