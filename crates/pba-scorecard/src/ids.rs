//! Identifier newtypes: an indicator id can never be passed where a facility
//! id is expected.

use std::fmt;

macro_rules! identifier {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// Wraps an identifier.
            pub fn new(value: impl Into<String>) -> Self {
                Self(value.into())
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
                Self(value.to_owned())
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
