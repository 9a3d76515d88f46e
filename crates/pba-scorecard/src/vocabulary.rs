//! The closed vocabularies of SPEC section 2: facility types, district
//! priorities, budget units, payment channels. Each parses from and prints as
//! the exact `snake_case` text the CSV files and TOML definitions use.

use std::fmt;
use std::str::FromStr;

macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $text:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $(
                #[doc = concat!("`", $text, "`")]
                #[serde(rename = $text)]
                $variant,
            )*
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The text used in files.
            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }

            /// The accepted texts, for error messages: `` `a`, `b` ``.
            #[must_use]
            pub fn expected() -> String {
                Self::ALL
                    .iter()
                    .map(|value| format!("`{}`", value.as_str()))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownValue;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                match text {
                    $($text => Ok($name::$variant),)*
                    _ => Err(UnknownValue {
                        found: text.to_owned(),
                        expected: Self::expected(),
                    }),
                }
            }
        }
    };
}

/// A text that is not one of a vocabulary's values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown value `{found}`, expected one of {expected}")]
pub struct UnknownValue {
    /// The text found.
    pub found: String,
    /// The accepted values, formatted for a message.
    pub expected: String,
}

vocabulary!(
    /// Facility type (footnote 8 of the appraisal document).
    FacilityType {
        DistrictHospital => "district_hospital",
        RuralHospital => "rural_hospital",
        GeneralHospital => "general_hospital",
        ProvincialHospital => "provincial_hospital",
        CentralHospital => "central_hospital",
        HealthCenterRural1 => "health_center_rural_1",
        HealthCenterRural2 => "health_center_rural_2",
        HealthCenterUrbanA => "health_center_urban_a",
        HealthCenterUrbanB => "health_center_urban_b",
        HealthCenterUrbanC => "health_center_urban_c",
    }
);

impl FacilityType {
    /// "District/rural hospitals", the DLI 8 population.
    #[must_use]
    pub fn is_district_or_rural_hospital(self) -> bool {
        matches!(self, Self::DistrictHospital | Self::RuralHospital)
    }

    /// "Rural health centers", the DLI 9 population (with a priority district).
    #[must_use]
    pub fn is_rural_health_center(self) -> bool {
        matches!(self, Self::HealthCenterRural1 | Self::HealthCenterRural2)
    }
}

vocabulary!(
    /// District priority (footnote 26): high-potential and lagging districts
    /// are the "priority districts".
    Priority {
        HighPotential => "high_potential",
        Lagging => "lagging",
        None => "none",
    }
);

impl Priority {
    /// `high_potential` and `lagging` are priority districts.
    #[must_use]
    pub fn is_priority(self) -> bool {
        matches!(self, Self::HighPotential | Self::Lagging)
    }
}

vocabulary!(
    /// Budget unit status of a facility (footnote 32).
    BudgetUnit {
        None => "none",
        Ugb => "ugb",
        Uge => "uge",
    }
);

vocabulary!(
    /// How a facility receives PBA funds (footnote 34).
    PaymentChannel {
        ESistafe => "e_sistafe",
        BankAccount => "bank_account",
        SdsgcasTransfer => "sdsgcas_transfer",
        SdsgcasProcurement => "sdsgcas_procurement",
    }
);

vocabulary!(
    /// Who did an assessment.
    AssessmentKind {
        Isc => "isc",
        Iva => "iva",
    }
);

vocabulary!(
    /// Role of a committee member (footnote 36).
    MemberRole {
        Government => "government",
        PeerFacility => "peer_facility",
        Independent => "independent",
        Community => "community",
    }
);
