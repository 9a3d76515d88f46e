//! A decimal's parts as whole numbers, for the exact arithmetic of
//! `rounded_sum`, `rounded_percent` and `weighted_sum`.

use rust_decimal::Decimal;

/// 2^96: a decimal's mantissa is below it.
pub(crate) const DECIMAL_LIMIT: u128 = 1 << 96;

/// The most decimals a decimal holds.
pub(crate) const MOST_SCALE: u32 = 28;

/// 10^0 to 10^38, the largest power of ten a `u128` holds.
#[expect(
    clippy::indexing_slicing,
    reason = "evaluated at compile time: an index out of range fails the build, not a run"
)]
const POWERS_OF_TEN: [u128; 39] = {
    let mut powers = [1_u128; 39];
    let mut index = 1;
    while index < powers.len() {
        powers[index] = powers[index - 1] * 10;
        index += 1;
    }
    powers
};

/// 10^exponent, when a `u128` holds it.
pub(crate) fn power_of_ten(exponent: u32) -> Option<u128> {
    POWERS_OF_TEN.get(usize::try_from(exponent).ok()?).copied()
}

/// A decimal's mantissa and scale, when it is not negative (negative zero
/// is zero).
pub(crate) fn non_negative_parts(value: Decimal) -> Option<(u128, u32)> {
    if value.is_sign_negative() && !value.is_zero() {
        return None;
    }
    Some((value.mantissa().unsigned_abs(), value.scale()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn powers_and_parts() {
        assert_eq!(power_of_ten(0), Some(1));
        assert_eq!(power_of_ten(38), Some(10_u128.pow(38)));
        assert_eq!(power_of_ten(39), None);
        assert_eq!(non_negative_parts(Decimal::new(1250, 2)), Some((1250, 2)));
        assert_eq!(non_negative_parts(Decimal::new(-1, 0)), None);
        assert_eq!(non_negative_parts(-Decimal::ZERO), Some((0, 0)));
    }
}
