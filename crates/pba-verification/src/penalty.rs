//! The optional `verification_penalty` policy setting (issue 7, item 3): what
//! happens to a facility's PBA when the ISC score it was paid on stands above
//! the Independent Verification Agent's score by more than the tolerance.
//! Only inflation is penalised: a committee that scored below the agent is
//! reported outside tolerance but its facility's claim is left alone.
//!
//! The allocation applies [`penalty_factor`] to the facility's claim (`basis ×
//! weight × uplift`) before apportioning the envelope, and writes the reason
//! [`VERIFICATION_PENALTY`] in `pba-list.csv`.

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::comparison::{FacilityVerification, VerificationStatus};

/// The reason code written for a facility whose claim was reduced.
pub const VERIFICATION_PENALTY: &str = "verification_penalty";

/// Decimals of a proportional factor.
pub const FACTOR_DECIMALS: u32 = 6;

/// How a facility's claim responds to an IVA score below its ISC score by
/// more than the tolerance.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum VerificationPenalty {
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
    /// The factor is rounded to [`FACTOR_DECIMALS`] decimals half away from
    /// zero, once, so the factor written next to the amount is the one used.
    ///
    /// # Example
    ///
    /// ISC 80, IVA 60, tolerance 10: excess 10, factor 1 − 10/80 = 0.875.
    /// ISC 90, IVA 75, tolerance 10: excess 5, factor 1 − 5/90 = 0.944444.
    Proportional,
}

impl VerificationPenalty {
    /// Every setting, in declaration order.
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

impl fmt::Display for VerificationPenalty {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

impl FromStr for VerificationPenalty {
    type Err = String;

    /// Parses `none`, `zero` or `proportional`; the error is a full message.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .iter()
            .copied()
            .find(|penalty| penalty.as_str() == text)
            .ok_or_else(|| {
                format!(
                    "unknown verification penalty `{text}`, expected one of `none`, `zero`, `proportional`"
                )
            })
    }
}

/// The factor a facility's claim is multiplied by, and the reason code when
/// it is below 1. Facilities not verified (no IVA score or no ISC score), and
/// those whose ISC score does not exceed the IVA score beyond tolerance, keep
/// factor 1 with no reason.
#[must_use]
pub fn penalty_factor(
    penalty: VerificationPenalty,
    row: &FacilityVerification,
) -> (Decimal, Option<&'static str>) {
    let unchanged = (Decimal::ONE, None);
    if row.status != VerificationStatus::Verified || row.excess <= Decimal::ZERO {
        return unchanged;
    }
    let factor = match penalty {
        VerificationPenalty::None => return unchanged,
        VerificationPenalty::Zero => Decimal::ZERO,
        VerificationPenalty::Proportional => {
            proportional_factor(row.excess, row.isc_score.unwrap_or_default())
        }
    };
    if factor < Decimal::ONE {
        (factor, Some(VERIFICATION_PENALTY))
    } else {
        unchanged
    }
}

/// `max(0, 1 − excess / isc_score)` rounded to [`FACTOR_DECIMALS`]; 0 when
/// the ISC score is not positive (an excess over a score of 0 or less is all
/// of it).
#[must_use]
pub fn proportional_factor(excess: Decimal, isc_score: Decimal) -> Decimal {
    if isc_score <= Decimal::ZERO {
        return Decimal::ZERO;
    }
    excess
        .checked_div(isc_score)
        .and_then(|share| Decimal::ONE.checked_sub(share))
        .map_or(Decimal::ZERO, |factor| factor.max(Decimal::ZERO))
        .round_dp_with_strategy(FACTOR_DECIMALS, RoundingStrategy::MidpointAwayFromZero)
}
