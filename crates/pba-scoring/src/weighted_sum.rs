//! A composite's sum of weighted parts, snapped to [`EXACT_PLACES`]
//! decimals, found in whole numbers instead of one decimal division per
//! domain.
//!
//! The decimal way (`composite::weigh`) divides each domain's part, `weight
//! × 100 × earned / (applicable × applicable_weight)`, to 28 significant
//! digits, adds the parts and snaps the sum to 20 decimals, half away from
//! zero. Here each part is found to 26 decimals with one 128-bit division
//! (truncated, so the sum of `n` parts is at most `n` units of 10⁻²⁶ below
//! the exact sum) and the sum is snapped the same way, when it lies more than
//! [`MARGIN`] units of 10⁻²⁶ from a midpoint of the 20th decimal. The decimal
//! way's own error then cannot change the result: for a sum below
//! [`LARGEST_SUM`] each part's quotient is within a unit, each addition
//! within half a unit, and a product rounded to 28 decimals within a unit.
//! A negative number, a product of 2^96 units or more (where the decimal way
//! overflows), a larger sum, more than [`MOST_PARTS`] parts or a near-midpoint
//! give `None`, and the caller divides.

use rust_decimal::Decimal;

use crate::composite::{DomainScore, EXACT_PLACES};
use crate::rounded_sum::powers_of_ten;

/// Decimals each part is found to.
const PLACES: u32 = 26;

/// Units of 10⁻²⁶ in a unit of the 20th decimal, and half of it.
const UNIT: u128 = 10_u128.pow(PLACES - EXACT_PLACES);
const HALF: u128 = UNIT / 2;

/// How near a midpoint (in units of 10⁻²⁶) is left to the decimal way.
const MARGIN: u128 = 10_000;

/// The most parts (domains) summed here.
const MOST_PARTS: u128 = 64;

/// The largest sum (a composite is at most 100) found here, in units.
const LARGEST_SUM: u128 = 200 * 10_u128.pow(PLACES);

/// 2^96: a decimal's mantissa is below it.
const DECIMAL_LIMIT: u128 = 1 << 96;

/// 10^0 to 10^38.
const POWERS_OF_TEN: [u128; 39] = powers_of_ten();

/// The weighted parts of `domains` summed and snapped to [`EXACT_PLACES`]
/// (then normalised), as the decimal way gives them; `None` when that must
/// decide (see the module documentation).
pub(crate) fn snapped<'d>(
    domains: impl Iterator<Item = &'d DomainScore>,
    applicable_weight: Decimal,
) -> Option<Decimal> {
    let (all_weights, all_weights_scale) = digits(applicable_weight)?;
    let mut total: u128 = 0;
    let mut parts: u128 = 0;
    for domain in domains {
        let (weight, weight_scale) = digits(domain.weight)?;
        let (earned, earned_scale) = digits(domain.earned)?;
        let (applicable, applicable_scale) = digits(domain.applicable_points)?;
        let numerator = weight.checked_mul(100)?.checked_mul(earned)?;
        let denominator = applicable.checked_mul(all_weights)?;
        // Both products' values must fit a decimal (the decimal way rounds
        // a longer mantissa but overflows past 2^96 units).
        let fits = |mantissa: u128, scale: u32| {
            mantissa < DECIMAL_LIMIT.saturating_mul(power(scale).unwrap_or(u128::MAX))
        };
        if !fits(numerator, weight_scale + earned_scale)
            || !fits(denominator, applicable_scale + all_weights_scale)
            || denominator == 0
        {
            return None;
        }
        // part × 10^26 = numerator × 10^(applicable scale + weights scale +
        // 26) / (denominator × 10^(weight scale + earned scale)).
        let up = applicable_scale + all_weights_scale + PLACES;
        let down = weight_scale + earned_scale;
        let (numerator, denominator) = if up >= down {
            (numerator.checked_mul(power(up - down)?)?, denominator)
        } else {
            (numerator, denominator.checked_mul(power(down - up)?)?)
        };
        total = total.checked_add(numerator / denominator)?;
        parts += 1;
    }
    if parts > MOST_PARTS || total > LARGEST_SUM {
        return None;
    }
    let (whole, rest) = (total / UNIT, total % UNIT);
    // The exact sum is in [total, total + parts) units.
    if rest + parts + MARGIN >= HALF && rest <= HALF + MARGIN {
        return None;
    }
    let rounded = whole + u128::from(rest > HALF);
    Decimal::try_from_i128_with_scale(i128::try_from(rounded).ok()?, EXACT_PLACES)
        .ok()
        .map(|value| value.normalize())
}

/// A non-negative decimal's mantissa and scale.
fn digits(value: Decimal) -> Option<(u128, u32)> {
    if value.is_sign_negative() && !value.is_zero() {
        return None;
    }
    Some((value.mantissa().unsigned_abs(), value.scale()))
}

/// 10^exponent, when a `u128` holds it.
fn power(exponent: u32) -> Option<u128> {
    POWERS_OF_TEN.get(usize::try_from(exponent).ok()?).copied()
}

#[cfg(test)]
#[path = "weighted_sum_tests.rs"]
mod tests;
