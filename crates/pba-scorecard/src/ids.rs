//! Identifier newtypes: an indicator id can never be passed where a facility
//! id is expected. Each holds its text in an `Arc<str>`: ids are cloned into
//! every score, list row and map key, and a national dataset repeats the same
//! few hundred indicator ids tens of millions of times, so a clone shares the
//! text instead of copying it (readers intern repeated ids).

use std::fmt;
use std::sync::Arc;

macro_rules! identifier {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(Arc<str>);

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                String::deserialize(deserializer).map(Self::new)
            }
        }

        impl $name {
            /// Wraps an identifier.
            pub fn new(value: impl AsRef<str>) -> Self {
                Self(Arc::from(value.as_ref()))
            }

            /// The identifier as text.
            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                Self::new(value)
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    )*};
}

identifier!(
    /// `scorecard.id` of a scorecard definition; `assessments.scorecard_id`.
    ScorecardId,
    /// `domain.id` inside one scorecard.
    DomainId,
    /// `indicator.id` inside one scorecard.
    IndicatorId,
    /// `facilities.facility_id`.
    FacilityId,
    /// `districts.district_id`.
    DistrictId,
    /// `assessments.assessment_id`.
    AssessmentId,
    /// `consultations.consultation_id`.
    ConsultationId,
    /// `transfers.transfer_id`.
    TransferId,
    /// `program.id`.
    ProgramId,
    /// `policy.id`.
    PolicyId,
    /// `dli.id`: a DLI series such as `8` or `6.1`.
    DliId,
);
