//! Error messages users see, as snapshots.

use pba_allocation::{AllocationError, DisbursementError};
use pba_scorecard::{DistrictId, DliId, FacilityId, Scope};
use rust_decimal::Decimal;

#[test]
fn allocation_error_messages() {
    let errors = [
        AllocationError::MissingWeight {
            facility: FacilityId::new("HD-0042"),
            column: "catchment_population",
        },
        AllocationError::FacilityInTwoEnvelopes {
            facility: FacilityId::new("HD-0042"),
            first: Scope::Province("Niassa".to_owned()),
            second: Scope::District(DistrictId::new("NI-03")),
        },
        AllocationError::AmountNotMultipleOfUnit {
            amount: Decimal::new(1_400_000_005, 3),
            unit: Decimal::new(1, 2),
        },
        AllocationError::ScoreYearMismatch {
            facility: FacilityId::new("HD-0042"),
            found: 2020,
            expected: 2019,
            pba_year: 2020,
        },
    ];
    let text = errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!(text);
}

#[test]
fn disbursement_error_messages() {
    let errors = [
        DisbursementError::UnknownDli {
            dli: DliId::new("12"),
            known: "`8`, `9`".to_owned(),
        },
        DisbursementError::YearOutOfRange {
            dli: DliId::new("8"),
            year: 6,
            last: 5,
        },
        DisbursementError::TargetsNotIncreasing {
            dli: DliId::new("9"),
            year: 3,
            value: Decimal::new(20, 0),
            previous: Decimal::new(20, 0),
        },
    ];
    let text = errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!(text);
}
