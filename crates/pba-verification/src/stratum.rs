//! The attributes a sample is stratified by (SPEC section 7: "stratified by
//! province and facility type") and the stratum key built from them.

use std::fmt;
use std::str::FromStr;

use pba_scoring::{Dataset, Facility};

use crate::error::VerificationError;

/// One attribute of a stratum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stratum {
    /// `province`: the province of the facility's district.
    Province,
    /// `type`: the facility type.
    FacilityType,
    /// `district`: the facility's `district_id`.
    District,
}

impl Stratum {
    /// Every attribute, in declaration order.
    pub const ALL: &'static [Self] = &[Self::Province, Self::FacilityType, Self::District];

    /// SPEC section 7's default: province, then facility type.
    pub const DEFAULT: &'static [Self] = &[Self::Province, Self::FacilityType];

    /// The name used on the command line (`--strata province,type`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Province => "province",
            Self::FacilityType => "type",
            Self::District => "district",
        }
    }

    /// Parses a comma-separated list such as `province,type`; spaces around
    /// names are ignored, a name given twice is an error. An empty text gives
    /// an empty list (one stratum holding every facility).
    pub fn parse_list(text: &str) -> Result<Vec<Self>, VerificationError> {
        let mut strata = Vec::new();
        for name in text
            .split(',')
            .map(str::trim)
            .filter(|name| !name.is_empty())
        {
            let stratum = name.parse::<Self>()?;
            if strata.contains(&stratum) {
                return Err(VerificationError::DuplicateStratum {
                    stratum: stratum.as_str().to_owned(),
                });
            }
            strata.push(stratum);
        }
        Ok(strata)
    }
}

impl fmt::Display for Stratum {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

impl FromStr for Stratum {
    type Err = VerificationError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .iter()
            .copied()
            .find(|stratum| stratum.as_str() == text)
            .ok_or_else(|| VerificationError::UnknownStratum {
                found: text.to_owned(),
            })
    }
}

/// The key of the stratum used when no attribute is chosen.
pub const WHOLE_POPULATION: &str = "all";

/// A facility's stratum key: the chosen attributes' values in the order
/// given, joined with `|` (`Gaza|district_hospital`); [`WHOLE_POPULATION`]
/// when no attribute is chosen.
pub fn stratum_key(
    dataset: &Dataset,
    facility: &Facility,
    strata: &[Stratum],
) -> Result<String, VerificationError> {
    if strata.is_empty() {
        return Ok(WHOLE_POPULATION.to_owned());
    }
    let mut parts = Vec::with_capacity(strata.len());
    for stratum in strata {
        let part = match stratum {
            Stratum::Province => dataset
                .districts
                .get(&facility.district_id)
                .map(|district| district.province.clone())
                .ok_or_else(|| VerificationError::UnknownDistrict {
                    facility: facility.id.clone(),
                    district: facility.district_id.clone(),
                })?,
            Stratum::FacilityType => facility.facility_type.as_str().to_owned(),
            Stratum::District => facility.district_id.as_str().to_owned(),
        };
        parts.push(part);
    }
    Ok(parts.join("|"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests")]
mod tests {
    use super::*;

    #[test]
    fn parses_lists() {
        assert_eq!(
            Stratum::parse_list("province, type").unwrap(),
            vec![Stratum::Province, Stratum::FacilityType]
        );
        assert_eq!(Stratum::parse_list("").unwrap(), Vec::<Stratum>::new());
        assert_eq!(
            Stratum::parse_list("type,province,type")
                .unwrap_err()
                .to_string(),
            "stratum `type` is named twice, name each of `province`, `type`, `district` at most once"
        );
        assert_eq!(
            Stratum::parse_list("region").unwrap_err().to_string(),
            "unknown stratum `region`, expected one of `province`, `type`, `district`"
        );
    }
}
