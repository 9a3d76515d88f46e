//! The optional `verification_penalty` policy setting (issue 7, item 3): what
//! happens to a facility's PBA when the ISC score it was paid on stands above
//! the Independent Verification Agent's score by more than the tolerance.
//! Only inflation is penalised: a committee that scored below the agent is
//! reported outside tolerance but its facility's claim is left alone.
//!
//! The rule ([`PenaltyRule`]: `none`, `zero`, `proportional`) is a policy
//! setting, defined in `pba-scorecard`; [`penalty_factor`] (or [`factor_of`],
//! from a `verification.csv` row) turns it into a factor in [0, 1], which
//! `pba-allocation` applies to the facility's claim (`basis × weight × uplift
//! × factor`) before apportioning the envelope, writing the reason
//! [`VERIFICATION_PENALTY`] in `pba-list.csv`.

// The policy's rule, defined and documented with the policy in `pba-scorecard`.
pub use pba_scorecard::PenaltyRule;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::comparison::{FacilityVerification, VerificationStatus};

/// The reason code written for a facility whose claim was reduced.
pub const VERIFICATION_PENALTY: &str = "verification_penalty";

/// Decimals of a proportional factor.
pub const FACTOR_DECIMALS: u32 = 6;

/// The factor a facility's claim is multiplied by, and the reason code when
/// it is below 1. Facilities not verified (no IVA score or no ISC score), and
/// those whose ISC score does not exceed the IVA score beyond tolerance, keep
/// factor 1 with no reason.
#[must_use]
pub fn penalty_factor(
    rule: PenaltyRule,
    row: &FacilityVerification,
) -> (Decimal, Option<&'static str>) {
    factor_of(rule, row.status, row.isc_score, row.excess)
}

/// [`penalty_factor`] from the parts of a verification row, as a
/// `verification.csv` gives them back: its `status`, `isc_score` and `excess`
/// (`max(0, isc − iva − tolerance)`).
#[must_use]
pub fn factor_of(
    rule: PenaltyRule,
    status: VerificationStatus,
    isc_score: Option<Decimal>,
    excess: Decimal,
) -> (Decimal, Option<&'static str>) {
    let unchanged = (Decimal::ONE, None);
    if status != VerificationStatus::Verified || excess <= Decimal::ZERO {
        return unchanged;
    }
    let factor = match rule {
        PenaltyRule::None => return unchanged,
        PenaltyRule::Zero => Decimal::ZERO,
        PenaltyRule::Proportional => proportional_factor(excess, isc_score.unwrap_or_default()),
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
