//! A composite's sum of weighted parts, snapped to [`EXACT_PLACES`]
//! decimals, found in whole numbers instead of one decimal division per
//! domain.
//!
//! The decimal way (`composite::weigh`) works out each domain's part,
//! `weight × 100 × earned / (applicable × applicable_weight)`, with decimal
//! products and a division to 28 significant digits, adds the parts and
//! snaps the sum to 20 decimals, half away from zero. Here each part is found
//! to 26 decimals with one 128-bit division (truncated, so the sum of `n`
//! parts is at most `n` units of 10⁻²⁶ below the exact sum) and the sum is
//! snapped the same way, when it lies more than [`MARGIN`] units of 10⁻²⁶
//! from a midpoint of the 20th decimal.
//!
//! The decimal way's own error then cannot change the result, because only
//! inputs that bound it are taken here:
//! - `weight × 100` and the divisor `applicable × applicable_weight` must be
//!   exact decimals (mantissa below 2^96, at most 28 decimals);
//! - the dividend `weight × 100 × earned` may be rounded (a mantissa past
//!   2^96 keeps 28 significant digits; past 28 decimals it is cut to 28), but
//!   then the divisor must be at least 1, so that the rounding moves a part
//!   of at most [`LARGEST_SUM`] by at most 21 units;
//! - each quotient is then within a unit (28 significant digits of a number
//!   below 200), and each addition within half a unit.
//!
//! So `n` parts are off by at most about 23 `n` units, far below the margin.
//! Anything else gives `None`, and the caller divides:
//! - a negative number;
//! - a product that breaks the rules above;
//! - a product of 2^96 units or more (where the decimal way overflows);
//! - a larger sum;
//! - more than [`MOST_PARTS`] parts;
//! - a sum near a midpoint.
//!
//! An independent review (160 million generated cases) found the first
//! version, which did not require exact products, wrong for tiny divisors
//! with many decimals; those cases are tests now.

use rust_decimal::Decimal;

use crate::composite::{DomainScore, EXACT_PLACES};
use crate::decimal_parts::{DECIMAL_LIMIT, MOST_SCALE, non_negative_parts, power_of_ten};

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

/// The weighted parts of `domains` summed and snapped to [`EXACT_PLACES`]
/// (then normalised), as the decimal way gives them; `None` when that must
/// decide (see the module documentation).
pub(crate) fn snapped<'d>(
    domains: impl Iterator<Item = &'d DomainScore>,
    applicable_weight: Decimal,
) -> Option<Decimal> {
    let (all_weights, all_weights_scale) = non_negative_parts(applicable_weight)?;
    let mut total: u128 = 0;
    let mut parts: u128 = 0;
    for domain in domains {
        let (weight, weight_scale) = non_negative_parts(domain.weight)?;
        let (earned, earned_scale) = non_negative_parts(domain.earned)?;
        let (applicable, applicable_scale) = non_negative_parts(domain.applicable_points)?;
        let scaled = weight
            .checked_mul(100)
            .filter(|scaled| *scaled < DECIMAL_LIMIT)?;
        let numerator = scaled.checked_mul(earned)?;
        let denominator = applicable.checked_mul(all_weights)?;
        let (numerator_scale, denominator_scale) = (
            weight_scale + earned_scale,
            applicable_scale + all_weights_scale,
        );
        // The divisor exact; the dividend exact, or divided by at least 1.
        let exact = |mantissa: u128, scale: u32| mantissa < DECIMAL_LIMIT && scale <= MOST_SCALE;
        let at_least_one = power_of_ten(denominator_scale).is_some_and(|one| denominator >= one);
        if !exact(denominator, denominator_scale)
            || denominator == 0
            || !(exact(numerator, numerator_scale) || at_least_one)
        {
            return None;
        }
        // The dividend's value must fit a decimal (the decimal way rounds a
        // longer mantissa but overflows past 2^96 units).
        if numerator
            >= DECIMAL_LIMIT.saturating_mul(power_of_ten(numerator_scale).unwrap_or(u128::MAX))
        {
            return None;
        }
        // part × 10^26 = numerator × 10^(applicable scale + weights scale +
        // 26) / (denominator × 10^(weight scale + earned scale)).
        let up = applicable_scale + all_weights_scale + PLACES;
        let down = weight_scale + earned_scale;
        let (numerator, denominator) = if up >= down {
            (
                numerator.checked_mul(power_of_ten(up - down)?)?,
                denominator,
            )
        } else {
            (
                numerator,
                denominator.checked_mul(power_of_ten(down - up)?)?,
            )
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

#[cfg(test)]
#[path = "weighted_sum_tests.rs"]
mod tests;
