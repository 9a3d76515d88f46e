//! `[policy] verification_penalty` (issue 7, item 3): what happens to a
//! facility's PBA when the ISC score it is paid on stands above the
//! Independent Verification Agent's score by more than the tolerance. Only
//! inflation is penalised: a committee that scored below the agent is reported
//! outside tolerance but its facility's claim is left alone.
//!
//! The rule lives here, with the policy that names it; `pba-verification`
//! computes the factor (`penalty_factor`) and `pba-allocation` applies it to
//! the facility's claim (`basis × weight × uplift × factor`).

use std::fmt;
use std::str::FromStr;

use crate::vocabulary::UnknownValue;

/// How a facility's claim responds to an IVA score below its ISC score by
/// more than the tolerance. `none` when the policy does not say.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PenaltyRule {
    /// `none`
    ///
    /// # What it does
    ///
    /// Nothing: the verification is reported, the claim is unchanged.
    ///
    /// # Formula
    ///
    /// `factor = 1`.
    ///
    /// # Rounding
    ///
    /// None.
    ///
    /// # Example
    ///
    /// ISC 85, IVA 60, tolerance 10: factor 1.
    #[default]
    None,
    /// `zero`
    ///
    /// # What it does
    ///
    /// A facility whose ISC score exceeds the IVA score by more than the
    /// tolerance gets nothing.
    ///
    /// # Formula
    ///
    /// `factor = 0` when `isc − iva > tolerance`, else 1.
    ///
    /// # Rounding
    ///
    /// None: the factor is 0 or 1.
    ///
    /// # Example
    ///
    /// ISC 85, IVA 60, tolerance 10: 25 > 10, factor 0. ISC 60, IVA 85:
    /// outside tolerance but not inflated, factor 1.
    Zero,
    /// `proportional`
    ///
    /// # What it does
    ///
    /// Reduces the claim by the share of the ISC score that exceeded the IVA
    /// score beyond the tolerance.
    ///
    /// # Formula
    ///
    /// `excess = (isc − iva) − tolerance` when positive;
    /// `factor = max(0, 1 − excess / isc)`.
    ///
    /// # Rounding
    ///
    /// The factor is rounded to 6 decimals half away from zero, once, so the
    /// factor written next to the amount is the one used.
    ///
    /// # Example
    ///
    /// ISC 80, IVA 60, tolerance 10: excess 10, factor 1 − 10/80 = 0.875.
    /// ISC 90, IVA 75, tolerance 10: excess 5, factor 1 − 5/90 = 0.944444.
    Proportional,
}

impl PenaltyRule {
    /// Every rule, in declaration order.
    pub const ALL: &'static [Self] = &[Self::None, Self::Zero, Self::Proportional];

    /// The text used in policy files.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Zero => "zero",
            Self::Proportional => "proportional",
        }
    }
}

impl fmt::Display for PenaltyRule {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

impl FromStr for PenaltyRule {
    type Err = UnknownValue;

    /// Parses `none`, `zero` or `proportional`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .iter()
            .copied()
            .find(|rule| rule.as_str() == text)
            .ok_or_else(|| UnknownValue {
                found: text.to_owned(),
                expected: "`none`, `zero`, `proportional`".to_owned(),
            })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests")]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_names_are_explained() {
        for rule in PenaltyRule::ALL {
            assert_eq!(rule.as_str().parse::<PenaltyRule>(), Ok(*rule));
        }
        assert_eq!(PenaltyRule::default(), PenaltyRule::None);
        assert_eq!(
            "halve".parse::<PenaltyRule>().unwrap_err().to_string(),
            "unknown value `halve`, expected one of `none`, `zero`, `proportional`"
        );
    }
}
