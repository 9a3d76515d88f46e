//! Errors of sampling and comparison: every one names the value at fault and,
//! where there is an obvious fix, says what to do.

use pba_scorecard::{DistrictId, FacilityId};
use rust_decimal::Decimal;

/// Why a sample could not be drawn or a comparison could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerificationError {
    /// The sampling fraction is not in 0..=1.
    #[error(
        "sampling fraction `{fraction}` is outside `0` to `1`, give a share of each stratum such as `0.1` for ten percent"
    )]
    FractionOutOfRange {
        /// The fraction given.
        fraction: Decimal,
    },
    /// The seed is empty: anyone could reproduce the sample without knowing it.
    #[error(
        "sampling seed is empty, give a seed that is published with the sample, such as `iva-2019`"
    )]
    EmptySeed,
    /// A stratum name that is not `province`, `type` or `district`.
    #[error("unknown stratum `{found}`, expected one of `province`, `type`, `district`")]
    UnknownStratum {
        /// The text found.
        found: String,
    },
    /// The same stratum attribute was named twice.
    #[error(
        "stratum `{stratum}` is named twice, name each of `province`, `type`, `district` at most once"
    )]
    DuplicateStratum {
        /// The repeated attribute.
        stratum: String,
    },
    /// A facility's district is not in the dataset (the dataset reader
    /// normally rules this out).
    #[error("facility `{facility}` is in district `{district}`, which is not in the districts")]
    UnknownDistrict {
        /// The facility.
        facility: FacilityId,
        /// Its district id.
        district: DistrictId,
    },
    /// A facility with assessments, or a sampled one, is not in the facilities.
    #[error(
        "facility `{facility}` is not in the facilities, check that the assessments, the sample and the facilities come from the same dataset"
    )]
    UnknownFacility {
        /// The facility.
        facility: FacilityId,
    },
    /// The tolerance is negative.
    #[error(
        "verification tolerance `{tolerance}` is negative, give points on the 0-100 scale such as `10`"
    )]
    NegativeTolerance {
        /// The tolerance given.
        tolerance: Decimal,
    },
    /// Decimal arithmetic left the representable range (only with absurd inputs).
    #[error("arithmetic overflow while {what}")]
    Overflow {
        /// What was being computed.
        what: &'static str,
    },
}
