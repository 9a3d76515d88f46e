//! Exact decimal arithmetic on integers: a [`Decimal`] is `mantissa / 10^scale`,
//! so ratios and floors can be computed with `i128` and no intermediate
//! rounding. Every function returns `None` when a value leaves `i128` (or the
//! 96-bit range of a `Decimal`) instead of rounding silently.

use rust_decimal::Decimal;

/// `10^exponent`, if it fits.
pub(crate) fn pow10(exponent: u32) -> Option<i128> {
    10_i128.checked_pow(exponent)
}

/// `value × 10^scale` as an integer, when that is a whole number that fits.
pub(crate) fn scaled(value: Decimal, scale: u32) -> Option<i128> {
    let mantissa = value.mantissa();
    let own = value.scale();
    if scale >= own {
        mantissa.checked_mul(pow10(scale - own)?)
    } else {
        let divisor = pow10(own - scale)?;
        (mantissa % divisor == 0).then(|| mantissa / divisor)
    }
}

/// `units × unit`, written with the unit's decimals.
pub(crate) fn units_to_amount(units: i128, unit: Decimal) -> Option<Decimal> {
    let mantissa = units.checked_mul(unit.mantissa())?;
    Decimal::try_from_i128_with_scale(mantissa, unit.scale()).ok()
}

/// `a − b` exactly; `None` when it does not fit a `Decimal`.
pub(crate) fn sub(a: Decimal, b: Decimal) -> Option<Decimal> {
    let scale = a.scale().max(b.scale());
    let difference = scaled(a, scale)?.checked_sub(scaled(b, scale)?)?;
    Decimal::try_from_i128_with_scale(difference, scale).ok()
}

/// `a × b` exactly; `None` when the product needs more than 28 decimals or
/// 96 bits (where `Decimal` multiplication would round).
pub(crate) fn mul(a: Decimal, b: Decimal) -> Option<Decimal> {
    let mantissa = a.mantissa().checked_mul(b.mantissa())?;
    Decimal::try_from_i128_with_scale(mantissa, a.scale().checked_add(b.scale())?).ok()
}

/// `numerator / denominator` (denominator > 0) rounded to `decimals` places,
/// half away from zero, computed exactly.
pub(crate) fn round_ratio(numerator: i128, denominator: i128, decimals: u32) -> Option<Decimal> {
    if denominator <= 0 {
        return None;
    }
    let numerator = numerator.checked_mul(pow10(decimals)?)?;
    let quotient = numerator / denominator;
    let remainder = (numerator % denominator).checked_abs()?;
    let rounded = if remainder >= denominator - remainder {
        quotient.checked_add(numerator.signum())?
    } else {
        quotient
    };
    Decimal::try_from_i128_with_scale(rounded, decimals).ok()
}

/// `a × b / c` rounded to `decimals` places, half away from zero, with no
/// intermediate rounding. `None` when `c` is 0 or a value leaves `i128`.
pub(crate) fn mul_div_rounded(
    a: Decimal,
    b: Decimal,
    c: Decimal,
    decimals: u32,
) -> Option<Decimal> {
    // a × b / c = (ma × mb × 10^sc) / (mc × 10^(sa + sb))
    let mut numerator = a
        .mantissa()
        .checked_mul(b.mantissa())?
        .checked_mul(pow10(c.scale())?)?;
    let mut denominator = c
        .mantissa()
        .checked_mul(pow10(a.scale().checked_add(b.scale())?)?)?;
    if denominator < 0 {
        numerator = numerator.checked_neg()?;
        denominator = denominator.checked_neg()?;
    }
    round_ratio(numerator, denominator, decimals)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests")]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn scaled_rejects_fractions_below_the_scale() {
        assert_eq!(scaled(dec("1.25"), 2), Some(125));
        assert_eq!(scaled(dec("1.250"), 2), Some(125));
        assert_eq!(scaled(dec("1.255"), 2), None);
        assert_eq!(scaled(dec("3"), 4), Some(30_000));
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(round_ratio(1, 8, 2), Some(dec("0.13")));
        assert_eq!(round_ratio(-1, 8, 2), Some(dec("-0.13")));
        assert_eq!(round_ratio(1, 3, 2), Some(dec("0.33")));
        assert_eq!(round_ratio(2, 3, 2), Some(dec("0.67")));
        assert_eq!(round_ratio(1, 0, 2), None);
    }

    #[test]
    fn mul_div_is_exact() {
        assert_eq!(
            mul_div_rounded(dec("3500000"), dec("13"), dec("18"), 2),
            Some(dec("2527777.78"))
        );
        assert_eq!(
            mul_div_rounded(dec("1"), dec("1"), dec("-8"), 3),
            Some(dec("-0.125"))
        );
        assert_eq!(mul_div_rounded(dec("1"), dec("1"), dec("0"), 3), None);
    }
}
