//! [`RoundedSum`]: a running sum of non-negative decimals that gives, digit
//! for digit and scale included, what adding them one by one with
//! rust_decimal's `checked_add` gives, in a `u128` instead of its general
//! 192-bit path. The domain sums that pass 96 bits (inexact earned points,
//! such as thirds, carry 28 digits) are added this way
//! ([`crate::domain_sums`]); rust_decimal's additions were about a twentieth
//! of a national run's instructions.
//!
//! rust_decimal (1.43, `ops/add.rs` and `Buf24::rescale` in `ops/common.rs`)
//! adds two non-negative decimals so:
//! - when one is zero, the result is the other one, as it is (when the
//!   left one is zero, the right one, even if zero too);
//! - otherwise the exact sum at the larger scale, when it fits in 96 bits;
//! - otherwise that sum with the fewest trailing digits dropped that make it
//!   fit, rounded half to even on all the digits dropped; when rounding up
//!   carries it to 2^96, one more digit is dropped and that last digit alone
//!   rounds (2^96 / 10 rounds up); with no digit left to drop, it overflows.
//!
//! A sum this type cannot hold (an operand's mantissa at the larger scale past
//! 128 bits) reports `None`, and the caller adds with rust_decimal instead.
//! The property test below compares both on random and boundary operands.

use std::cmp::Ordering;

use rust_decimal::Decimal;

use crate::decimal_parts::{DECIMAL_LIMIT, power_of_ten};

/// A non-negative decimal as mantissa and scale, added to as rust_decimal adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RoundedSum {
    mantissa: u128,
    scale: u32,
}

impl RoundedSum {
    /// Zero, as `Decimal::ZERO` (scale 0).
    pub(crate) const ZERO: Self = Self {
        mantissa: 0,
        scale: 0,
    };

    /// `value` as a sum; `None` when its sign is negative (`-0` included,
    /// whose sign rust_decimal's sums can keep).
    pub(crate) fn of(value: Decimal) -> Option<Self> {
        if value.is_sign_negative() {
            return None;
        }
        Some(Self {
            mantissa: value.mantissa().unsigned_abs(),
            scale: value.scale(),
        })
    }

    /// The sum as a decimal.
    pub(crate) fn decimal(self) -> Option<Decimal> {
        i128::try_from(self.mantissa)
            .ok()
            .map(|mantissa| Decimal::from_i128_with_scale(mantissa, self.scale))
    }

    /// `self + other` as rust_decimal's `checked_add` gives it; `None` when
    /// it overflows or this type cannot hold it (module documentation).
    pub(crate) fn add(self, other: Self) -> Option<Self> {
        if self.mantissa == 0 {
            return Some(other);
        }
        if other.mantissa == 0 {
            return Some(self);
        }
        let (scale, exact) = match self.scale.cmp(&other.scale) {
            Ordering::Equal => (self.scale, self.mantissa + other.mantissa),
            Ordering::Less => (other.scale, self.aligned(other.scale)? + other.mantissa),
            Ordering::Greater => (self.scale, self.mantissa + other.aligned(self.scale)?),
        };
        if exact < DECIMAL_LIMIT {
            return Some(Self {
                mantissa: exact,
                scale,
            });
        }
        round_to_fit(exact, scale)
    }

    /// The mantissa at the larger `scale`, when below 2^127 (a sum with a
    /// mantissa below 2^96 then fits in a `u128`).
    fn aligned(self, scale: u32) -> Option<u128> {
        let power = power_of_ten(scale - self.scale)?;
        self.mantissa
            .checked_mul(power)
            .filter(|mantissa| *mantissa < 1 << 127)
    }
}

/// `mantissa` (at `scale`, at least 2^96) with the fewest trailing digits
/// dropped that make it fit in 96 bits, rounded half to even (module
/// documentation).
fn round_to_fit(mantissa: u128, scale: u32) -> Option<RoundedSum> {
    let mut quotient = mantissa;
    let mut scale = scale;
    let mut last_digit = 0;
    let mut lower_digits = false;
    while quotient >= DECIMAL_LIMIT {
        scale = scale.checked_sub(1)?;
        lower_digits |= last_digit != 0;
        last_digit = quotient % 10;
        quotient /= 10;
    }
    let odd = quotient % 2 == 1;
    if last_digit > 5 || (last_digit == 5 && (lower_digits || odd)) {
        quotient += 1;
    }
    if quotient == DECIMAL_LIMIT {
        // 2^96 / 10 leaves 6: rounds up, as rust_decimal's last step does.
        scale = scale.checked_sub(1)?;
        quotient = DECIMAL_LIMIT / 10 + 1;
    }
    Some(RoundedSum {
        mantissa: quotient,
        scale,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A non-negative decimal, often near the 96-bit limit, often zero, at
    /// any scale.
    fn operand() -> impl Strategy<Value = Decimal> {
        let limit = DECIMAL_LIMIT - 1;
        let mantissa = prop_oneof![
            Just(0_u128),
            1_u128..1000,
            0_u128..=limit,
            (limit - 1_000_000)..=limit,
            (limit / 10 - 1000)..=(limit / 10 + 1000),
            (1_u128 << 90)..(1_u128 << 93),
        ];
        (mantissa, 0_u32..=28).prop_map(|(mantissa, scale)| {
            Decimal::from_i128_with_scale(i128::try_from(mantissa).unwrap(), scale)
        })
    }

    /// Whether `sum + value` needs an operand of 127 bits or more at the
    /// larger scale: the one case a `RoundedSum` leaves to rust_decimal.
    fn too_wide(sum: Option<RoundedSum>, value: Decimal) -> bool {
        let Some(sum) = sum else { return false };
        let scale = sum.scale.max(value.scale());
        let fits = |mantissa: u128, own: u32| {
            10_u128
                .pow(scale - own)
                .checked_mul(mantissa)
                .is_some_and(|aligned| aligned < 1 << 127)
        };
        !(fits(sum.mantissa, sum.scale) && fits(value.mantissa().unsigned_abs(), value.scale()))
    }

    fn parts(value: Decimal) -> (u128, u32) {
        (value.mantissa().unsigned_abs(), value.scale())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]
        /// Any sequence of additions gives rust_decimal's mantissa and scale,
        /// or reports `None` (overflow, or an operand this type cannot hold).
        #[test]
        fn sums_are_rust_decimal_sums(values in proptest::collection::vec(operand(), 1..12)) {
            let mut expected = Some(Decimal::ZERO);
            let mut sum = Some(RoundedSum::ZERO);
            for value in values {
                let before = sum;
                expected = expected.and_then(|total| total.checked_add(value));
                sum = sum.and_then(|total| total.add(RoundedSum::of(value)?));
                match (sum, expected) {
                    (Some(sum), Some(expected)) => {
                        prop_assert_eq!(parts(sum.decimal().unwrap()), parts(expected));
                    }
                    (None, Some(_)) => {
                        prop_assert!(too_wide(before, value), "{before:?} + {value} gave no sum");
                        break;
                    }
                    (None, None) => break,
                    (Some(sum), None) => prop_assert!(false, "{sum:?} where rust_decimal overflows"),
                }
            }
        }
    }

    #[test]
    fn rounding_follows_rust_decimal_at_the_boundaries() {
        let at = |mantissa: u128, scale: u32| {
            Decimal::from_i128_with_scale(i128::try_from(mantissa).unwrap(), scale)
        };
        let limit = DECIMAL_LIMIT - 1;
        let cases = [
            // Same scale, one digit dropped: ties to even both ways.
            (at(limit, 28), at(5, 28)),
            (at(limit, 28), at(15, 28)),
            (at(limit - 4, 10), at(9, 10)),
            // Rounding up carries to 2^96: one more digit.
            (at(limit, 27), at(6, 28)),
            (at(limit, 27), at(5, 28)),
            (at(limit, 5), at(0, 0)),
            (at(limit - 4, 28), at(5, 28)),
            (at(limit, 1), at(limit, 1)),
            // Different scales, several digits dropped.
            (at(limit, 0), at(1, 28)),
            (at(2, 0), at(limit, 28)),
            (at(limit / 10, 27), at(limit, 28)),
            // Zeros keep the other operand's scale.
            (at(0, 7), at(3, 2)),
            (at(3, 2), at(0, 7)),
        ];
        for (left, right) in cases {
            let sum = RoundedSum::of(left)
                .unwrap()
                .add(RoundedSum::of(right).unwrap());
            let expected = left.checked_add(right);
            match (sum, expected) {
                (Some(sum), Some(expected)) => {
                    assert_eq!(
                        parts(sum.decimal().unwrap()),
                        parts(expected),
                        "{left} + {right}"
                    );
                }
                (None, Some(_)) => {
                    assert!(too_wide(RoundedSum::of(left), right), "{left} + {right}")
                }
                (sum, None) => assert_eq!(sum, None, "{left} + {right}"),
            }
        }
    }

    #[test]
    fn negative_decimals_are_not_sums() {
        assert_eq!(RoundedSum::of(Decimal::NEGATIVE_ONE), None);
        assert_eq!(RoundedSum::of(-Decimal::ZERO), None);
        assert!(RoundedSum::of(Decimal::ZERO).is_some());
    }
}
