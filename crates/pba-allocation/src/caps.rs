//! `cap_share` (SPEC section 5): no facility above a share of its envelope,
//! by water-filling.
//!
//! The cap amount is `floor(cap_share × envelope / unit) × unit`: the cap
//! rounded **down** to the payable unit, so no payment is ever above
//! `cap_share × envelope`.
//!
//! Capping happens **before** rounding. In each round, every claimant still
//! sharing gets its exact quota of what is left (`left × wᵢ / Σw` over the
//! claimants still sharing); each whose quota is above the cap amount is fixed
//! at the cap amount and leaves the sharing; the rest is shared again. When a
//! round fixes nobody, what is left is apportioned among those still sharing
//! by largest remainder. Their exact quotas are then at most the cap amount,
//! which is a whole number of units, so rounding a quota up to the next unit
//! cannot pass the cap either. When everybody is fixed at the cap, what is
//! left is returned as unallocated (`all_capped`).

use std::collections::BTreeSet;
use std::fmt::Display;

use rust_decimal::Decimal;

use crate::apportionment::{apportion_units, scaled_claims, to_amounts, total_units};
use crate::error::AllocationError;
use crate::exact;

/// An apportionment under a cap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CappedApportionment<K> {
    /// One amount per claim, sorted by key, with the unit's decimals.
    pub amounts: Vec<(K, Decimal)>,
    /// The claimants fixed at the cap.
    pub capped: BTreeSet<K>,
    /// `floor(cap_share × total / unit) × unit`; `None` without a cap.
    pub cap_amount: Option<Decimal>,
    /// What nobody received: the whole total when every claim is 0, what is
    /// left after the caps when everybody is capped, else 0.
    pub unallocated: Decimal,
    /// Every claimant with a claim above 0 is capped and something is left.
    pub all_capped: bool,
    /// How many water-filling rounds fixed somebody at the cap.
    pub rounds: u32,
}

/// The cap amount: `floor(cap_share × total / unit) × unit`.
///
/// # Errors
/// `cap_share` outside (0, 1], or the unit and total errors of
/// [`crate::apportion`].
pub fn cap_amount(
    total: Decimal,
    unit: Decimal,
    cap_share: Decimal,
) -> Result<Decimal, AllocationError> {
    let units = cap_units(total_units(total, unit)?, cap_share)?;
    exact::units_to_amount(units, unit).ok_or(AllocationError::Overflow {
        operation: "writing the cap amount",
    })
}

fn cap_units(total_units: i128, cap_share: Decimal) -> Result<i128, AllocationError> {
    if cap_share <= Decimal::ZERO || cap_share > Decimal::ONE {
        return Err(AllocationError::InvalidCapShare { cap_share });
    }
    let overflow = AllocationError::Overflow {
        operation: "computing the cap amount",
    };
    let divisor = exact::pow10(cap_share.scale()).ok_or(overflow.clone())?;
    let product = cap_share
        .mantissa()
        .checked_mul(total_units)
        .ok_or(overflow)?;
    // Both are >= 0, so integer division is the floor.
    Ok(product / divisor)
}

/// [`crate::apportion`] with an optional cap on each claimant's share of
/// `total` (see the module documentation for the water-filling rule).
///
/// # Errors
/// Those of [`crate::apportion`], and `cap_share` outside (0, 1].
pub fn apportion_with_cap<K: Ord + Clone + Display>(
    total: Decimal,
    unit: Decimal,
    cap_share: Option<Decimal>,
    claims: &[(K, Decimal)],
) -> Result<CappedApportionment<K>, AllocationError> {
    let overflow = AllocationError::Overflow {
        operation: "applying the cap",
    };
    let total_units = total_units(total, unit)?;
    let mut sorted = claims.to_vec();
    sorted.sort_by(|left, right| left.0.cmp(&right.0));
    let weights = scaled_claims(&sorted)?;
    let cap = cap_share
        .map(|share| cap_units(total_units, share))
        .transpose()?;

    let mut units = vec![0_i128; weights.len()];
    let mut fixed = vec![false; weights.len()];
    let mut left = total_units;
    let mut rounds = 0;
    if let Some(cap) = cap {
        loop {
            let sharing_sum = weights
                .iter()
                .zip(&fixed)
                .filter(|(_, fixed)| !**fixed)
                .try_fold(0_i128, |sum, (weight, _)| sum.checked_add(*weight))
                .ok_or(overflow.clone())?;
            // Quota above the cap: left × w / Σw > cap  <=>  left × w > cap × Σw.
            let bound = cap.checked_mul(sharing_sum).ok_or(overflow.clone())?;
            let mut newly = Vec::new();
            for (position, weight) in weights.iter().enumerate() {
                let is_fixed = fixed.get(position).copied().unwrap_or(true);
                if is_fixed || *weight == 0 {
                    continue;
                }
                if left.checked_mul(*weight).ok_or(overflow.clone())? > bound {
                    newly.push(position);
                }
            }
            if newly.is_empty() {
                break;
            }
            rounds += 1;
            for position in newly {
                if let (Some(slot), Some(flag)) = (units.get_mut(position), fixed.get_mut(position))
                {
                    *slot = cap;
                    *flag = true;
                }
                left -= cap;
            }
        }
    }

    let sharing: Vec<i128> = weights
        .iter()
        .zip(&fixed)
        .map(|(weight, fixed)| if *fixed { 0 } else { *weight })
        .collect();
    let shared = apportion_units(left, &sharing)?;
    let anyone_sharing = sharing.iter().any(|weight| *weight > 0);
    for (slot, extra) in units.iter_mut().zip(shared) {
        *slot += extra;
    }
    let unallocated_units = if anyone_sharing { 0 } else { left };

    let capped = sorted
        .iter()
        .zip(&fixed)
        .filter(|(_, fixed)| **fixed)
        .map(|((key, _), _)| key.clone())
        .collect::<BTreeSet<_>>();
    Ok(CappedApportionment {
        amounts: to_amounts(&sorted, &units, unit)?,
        all_capped: !capped.is_empty() && !anyone_sharing && unallocated_units > 0,
        capped,
        cap_amount: cap
            .map(|cap| exact::units_to_amount(cap, unit).ok_or(overflow.clone()))
            .transpose()?,
        unallocated: exact::units_to_amount(unallocated_units, unit).ok_or(overflow)?,
        rounds,
    })
}
