//! Identifier newtypes: an indicator id can never be passed where a facility
//! id is expected. Each holds its text in an `Arc<String>`: ids are cloned
//! into every score, list row and map key, and a national dataset repeats the
//! same few hundred indicator ids tens of millions of times, so a clone shares
//! the text instead of copying it (readers intern repeated ids), and an id is
//! one pointer (8 bytes; an `Arc<str>` would be 16), which keeps a value of
//! `assessment_values.csv` at 32 bytes.

use std::fmt;
use std::sync::Arc;

macro_rules! identifier {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(Arc<String>);

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.0.as_str())
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
                Self(Arc::new(value.as_ref().to_owned()))
            }

            /// The identifier as text.
            #[must_use]
            pub fn as_str(&self) -> &str {
                self.0.as_str()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str(self.0.as_str())
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                Self::new(value)
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                self.0.as_str()
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
