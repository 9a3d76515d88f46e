//! Every error message of the crate, as a user reads it.

use pba_scorecard::{DistrictId, FacilityId};
use pba_verification::VerificationError;
use rust_decimal::Decimal;

#[test]
fn error_messages() {
    let errors = [
        VerificationError::FractionOutOfRange {
            fraction: Decimal::new(15, 1),
        },
        VerificationError::EmptySeed,
        VerificationError::UnknownStratum {
            found: "region".to_owned(),
        },
        VerificationError::DuplicateStratum {
            stratum: "type".to_owned(),
        },
        VerificationError::UnknownDistrict {
            facility: FacilityId::from("F00001"),
            district: DistrictId::from("D99"),
        },
        VerificationError::UnknownFacility {
            facility: FacilityId::from("F00009"),
        },
        VerificationError::NegativeTolerance {
            tolerance: Decimal::new(-5, 0),
        },
        VerificationError::Overflow {
            what: "adding IVA composites",
        },
    ];
    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    insta::assert_snapshot!(text.join("\n"));
}
