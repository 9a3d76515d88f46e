//! Largest-remainder apportionment at a payable unit (SPEC section 5): shares
//! of an amount proportional to claims that add up to the amount exactly.
//!
//! Each claimant's exact quota is `total × wᵢ / Σw`. It first gets
//! `floor(quota / unit)` units; the units left over (fewer than the number of
//! claimants) go one each to the largest remainders, ties broken by key
//! ascending. Everything is computed on integers: the total as a count of
//! units, the claims scaled to a common number of decimals, so
//! `floor(total_units × Wᵢ / ΣW)` and its remainder are exact. A value that
//! does not fit `i128` is an error, never a rounded result.

use std::collections::BTreeSet;
use std::fmt::Display;

use rust_decimal::Decimal;

use crate::error::AllocationError;
use crate::exact;

/// Splits `total` among `claims` in proportion to each claim, exactly at
/// `unit` (largest remainder; equal remainders: key ascending).
///
/// Returns one `(key, amount)` per claim, sorted by key, amounts written with
/// the unit's decimals. They add up to `total` exactly when the claims add up
/// to more than 0; when every claim is 0 (or there is none) every amount is 0
/// and the caller decides what happens to `total`.
///
/// # Errors
/// A unit of 0 or less, a total that is negative or not a multiple of the
/// unit, a negative claim, a key claiming twice, or numbers too large to
/// compute exactly.
///
/// ```
/// use pba_allocation::apportion;
/// use rust_decimal::Decimal;
///
/// let claims = [("a", Decimal::ONE), ("b", Decimal::ONE), ("c", Decimal::ONE)];
/// let amounts = apportion(Decimal::new(100, 2), Decimal::new(1, 2), &claims).unwrap();
/// // 0.34 goes to `a`: equal remainders, key ascending.
/// assert_eq!(amounts[0], ("a", Decimal::new(34, 2)));
/// assert_eq!(amounts[1], ("b", Decimal::new(33, 2)));
/// ```
pub fn apportion<K: Ord + Clone + Display>(
    total: Decimal,
    unit: Decimal,
    claims: &[(K, Decimal)],
) -> Result<Vec<(K, Decimal)>, AllocationError> {
    let total_units = total_units(total, unit)?;
    let mut sorted = claims.to_vec();
    sorted.sort_by(|left, right| left.0.cmp(&right.0));
    let weights = scaled_claims(&sorted)?;
    let units = apportion_units(total_units, &weights)?;
    to_amounts(&sorted, &units, unit)
}

/// `total` as a count of `unit`s; errors when the unit is not > 0 or the total
/// is negative or not a multiple of it.
pub(crate) fn total_units(total: Decimal, unit: Decimal) -> Result<i128, AllocationError> {
    if unit <= Decimal::ZERO {
        return Err(AllocationError::InvalidUnit { unit });
    }
    let scale = total.scale().max(unit.scale());
    let overflow = AllocationError::Overflow {
        operation: "counting the payable units of an amount",
    };
    let total_scaled = exact::scaled(total, scale).ok_or(overflow.clone())?;
    let unit_scaled = exact::scaled(unit, scale).ok_or(overflow)?;
    if total_scaled < 0 {
        return Err(AllocationError::NegativeAmount { amount: total });
    }
    if total_scaled % unit_scaled != 0 {
        return Err(AllocationError::AmountNotMultipleOfUnit {
            amount: total,
            unit,
        });
    }
    Ok(total_scaled / unit_scaled)
}

/// The claims as integers at their common scale, in input order; checks that
/// none is negative and no key repeats.
pub(crate) fn scaled_claims<K: Ord + Display>(
    claims: &[(K, Decimal)],
) -> Result<Vec<i128>, AllocationError> {
    let mut seen = BTreeSet::new();
    for (key, claim) in claims {
        if !seen.insert(key) {
            return Err(AllocationError::DuplicateClaim {
                key: key.to_string(),
            });
        }
        if claim.is_sign_negative() && !claim.is_zero() {
            return Err(AllocationError::NegativeClaim {
                key: key.to_string(),
                claim: *claim,
            });
        }
    }
    let scale = claims
        .iter()
        .map(|(_, claim)| claim.scale())
        .max()
        .unwrap_or(0);
    claims
        .iter()
        .map(|(_, claim)| {
            exact::scaled(*claim, scale).ok_or(AllocationError::Overflow {
                operation: "scaling claims to a common number of decimals",
            })
        })
        .collect()
}

/// Largest remainder on integers: `total_units` split by `weights` (>= 0),
/// ties by position (callers pass claims sorted by key, or ranks that follow
/// key order). Returns units in input order; all 0 when the weights sum to 0.
pub(crate) fn apportion_units(
    total_units: i128,
    weights: &[i128],
) -> Result<Vec<i128>, AllocationError> {
    let overflow = AllocationError::Overflow {
        operation: "apportioning an amount",
    };
    let sum = weights
        .iter()
        .try_fold(0_i128, |sum, weight| sum.checked_add(*weight))
        .ok_or(overflow.clone())?;
    if sum == 0 {
        return Ok(vec![0; weights.len()]);
    }
    let mut units = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    for (position, weight) in weights.iter().enumerate() {
        let product = total_units.checked_mul(*weight).ok_or(overflow.clone())?;
        units.push(product / sum);
        remainders.push((product % sum, position));
    }
    let handed_out = units
        .iter()
        .try_fold(0_i128, |sum, units| sum.checked_add(*units))
        .ok_or(overflow.clone())?;
    let leftover = usize::try_from(total_units - handed_out).map_err(|_| overflow.clone())?;
    // Larger remainder first; equal remainders: earlier position first.
    remainders.sort_by(|left, right| right.0.cmp(&left.0).then(left.1.cmp(&right.1)));
    for (_, position) in remainders.into_iter().take(leftover) {
        if let Some(slot) = units.get_mut(position) {
            *slot += 1;
        }
    }
    Ok(units)
}

/// Pairs keys with `units × unit`, in the order of `claims`.
pub(crate) fn to_amounts<K: Clone>(
    claims: &[(K, Decimal)],
    units: &[i128],
    unit: Decimal,
) -> Result<Vec<(K, Decimal)>, AllocationError> {
    claims
        .iter()
        .zip(units)
        .map(|((key, _), units)| {
            exact::units_to_amount(*units, unit)
                .map(|amount| (key.clone(), amount))
                .ok_or(AllocationError::Overflow {
                    operation: "writing an amount",
                })
        })
        .collect()
}
