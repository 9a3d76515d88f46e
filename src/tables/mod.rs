//! Domain results to output tables (one row per record, columns as SPEC
//! lists them) and the short summaries printed on stderr. Formatting lives
//! here, once: decimals are written as exact text, optional values as empty
//! cells, booleans as `true`/`false`.

mod disbursement;
mod dli;
mod pba_list;
mod pba_list_xlsx;
mod scores;
mod verification;

pub use disbursement::*;
pub use dli::*;
pub use pba_list::*;
pub use pba_list_xlsx::*;
pub use scores::*;
pub use verification::*;

use std::fmt::Write as _;
use std::ops::{Add, Div, Rem};

use pba_scorecard::Date;
use rust_decimal::Decimal;

/// An optional decimal as a cell.
pub fn optional(value: Option<Decimal>) -> String {
    value.map(|value| value.to_string()).unwrap_or_default()
}

/// A decimal with exactly `places` decimals.
pub fn fixed(value: Decimal, places: u32) -> String {
    let mut text = String::new();
    write_fixed(&mut text, value, places);
    text
}

/// Writes [`fixed`] at the end of `text`.
pub fn write_fixed(text: &mut String, value: Decimal, places: u32) {
    write_decimal(text, rounded(value, places));
}

/// `value` rounded half away from zero to `places` decimals, with exactly
/// that scale: `round_dp_with_strategy(places, MidpointAwayFromZero)` then
/// `rescale(places)`. A value with more decimals is divided once in 128-bit
/// integers instead of digit by digit (scores carry up to 28 decimals).
fn rounded(value: Decimal, places: u32) -> Decimal {
    let scale = value.scale();
    let divisor = scale
        .checked_sub(places)
        .filter(|drop| *drop > 0)
        .and_then(|drop| 10_u128.checked_pow(drop));
    let Some(divisor) = divisor else {
        return rounded_digit_by_digit(value, places);
    };
    let magnitude = value.mantissa().unsigned_abs();
    let (quotient, remainder) = (magnitude / divisor, magnitude % divisor);
    let quotient = quotient + u128::from(remainder >= divisor - remainder);
    // The quotient is at most the 96-bit mantissa (plus one), which the
    // mantissa had room for unless it was all ones: then the digit-by-digit
    // way decides.
    match (
        u32::try_from(quotient & 0xFFFF_FFFF),
        u32::try_from((quotient >> 32) & 0xFFFF_FFFF),
        u32::try_from(quotient >> 64),
    ) {
        (Ok(low), Ok(middle), Ok(high)) => {
            Decimal::from_parts(low, middle, high, value.is_sign_negative(), places)
        }
        _ => rounded_digit_by_digit(value, places),
    }
}

/// [`rounded`] the way rust_decimal does it.
fn rounded_digit_by_digit(value: Decimal, places: u32) -> Decimal {
    let mut value =
        value.round_dp_with_strategy(places, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    value.rescale(places);
    value
}

/// Writes a decimal as its `Display` does (all its scale's digits, `-` when
/// its sign is negative, zero included), without going through a formatter:
/// a national `assessment-scores.csv` has millions of them. The whole part
/// and the decimals are written as two integers with `itoa`, the decimals as
/// 10^scale + decimals with the leading 1 dropped, which keeps their leading
/// zeros; in 64 bits when the number fits (most percents and composites).
pub(crate) fn write_decimal(text: &mut String, value: Decimal) {
    let scale = value.scale();
    let magnitude = value.mantissa().unsigned_abs();
    if value.is_sign_negative() {
        text.push('-');
    }
    match (
        u64::try_from(magnitude),
        10_u64.checked_pow(scale).filter(|_| scale <= 18),
    ) {
        (Ok(magnitude), Some(power)) => write_scaled(text, magnitude, power, scale),
        // A decimal's scale is at most 28: 10^28 fits, and so does 10^28
        // plus decimals below it.
        _ => write_scaled(text, magnitude, 10_u128.pow(scale), scale),
    }
}

/// Writes `magnitude` / `power` with `scale` decimals (`power` = 10^scale).
fn write_scaled<N>(text: &mut String, magnitude: N, power: N, scale: u32)
where
    N: itoa::Integer + Copy + Div<Output = N> + Rem<Output = N> + Add<Output = N>,
{
    let mut digits = itoa::Buffer::new();
    text.push_str(digits.format(magnitude / power));
    if scale > 0 {
        text.push('.');
        text.push_str(
            digits
                .format(power + magnitude % power)
                .get(1..)
                .unwrap_or_default(),
        );
    }
}

/// Writes a date as its `Display` does (`YYYY-MM-DD`), without a formatter
/// for the years of four digits: `1YYYYMMDD` is written as one integer, and
/// its digits are copied with the dashes between them.
pub(crate) fn write_date(text: &mut String, date: Date) {
    match u32::try_from(date.year()) {
        Ok(year @ 0..=9999) => {
            let packed =
                100_000_000 + year * 10_000 + u32::from(date.month()) * 100 + u32::from(date.day());
            let mut digits = itoa::Buffer::new();
            let shown = digits.format(packed);
            for (part, dash) in [(1..5, true), (5..7, true), (7..9, false)] {
                text.push_str(shown.get(part).unwrap_or_default());
                if dash {
                    text.push('-');
                }
            }
        }
        // Writing to a `String` cannot fail.
        _ => {
            let _ = write!(text, "{date}");
        }
    }
}

/// Writes a year as its `Display` does.
pub(crate) fn write_year(text: &mut String, year: i32) {
    write_decimal(text, Decimal::from(year));
}

/// A boolean cell.
pub fn flag(value: bool) -> String {
    flag_text(value).to_owned()
}

/// The text of a boolean cell.
pub fn flag_text(value: bool) -> &'static str {
    if value { "true" } else { "false" }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    use super::{rounded, rounded_digit_by_digit, write_date, write_decimal, write_year};

    proptest! {
        /// Dates and years are written as their `Display` writes them, any
        /// year (of four digits or not, negative too).
        #[test]
        fn dates_and_years_write_as_they_display(
            year in prop_oneof![0..10_000_i32, any::<i32>()],
            month in 1..=12_u8,
            day in 1..=28_u8,
        ) {
            if let Some(date) = pba_scorecard::Date::new(year, month, day) {
                let mut text = String::new();
                write_date(&mut text, date);
                prop_assert_eq!(text, date.to_string());
            }
            let mut text = String::new();
            write_year(&mut text, year);
            prop_assert_eq!(text, year.to_string());
        }
    }

    proptest! {
        /// The same text as `Display`, whatever the mantissa, scale and sign.
        #[test]
        fn decimals_are_written_as_display_writes_them(
            [lo, mid, hi] in any::<[u32; 3]>(),
            small in any::<u16>(),
            word in any::<u64>(),
            negative in any::<bool>(),
            scale in 0..=28_u32,
            size in 0..3_u8,
        ) {
            let value = match size {
                0 => Decimal::from_parts(u32::from(small), 0, 0, negative, scale),
                1 => Decimal::from_i128_with_scale(i128::from(word), scale),
                _ => Decimal::from_parts(lo, mid, hi, negative, scale),
            };
            let mut text = String::new();
            write_decimal(&mut text, value);
            prop_assert_eq!(text, value.to_string());
        }
    }

    proptest! {
        /// The same decimal, digit for digit and sign, as rust_decimal's
        /// rounding then rescaling.
        #[test]
        fn rounding_is_rust_decimal_rounding(
            [lo, mid, hi] in any::<[u32; 3]>(),
            small in any::<u32>(),
            negative in any::<bool>(),
            scale in 0..=28_u32,
            short in any::<bool>(),
            places in 0..=6_u32,
        ) {
            let value = if short {
                Decimal::from_parts(small, 0, 0, negative, scale)
            } else {
                Decimal::from_parts(lo, mid, hi, negative, scale)
            };
            let expected = rounded_digit_by_digit(value, places);
            let got = rounded(value, places);
            prop_assert_eq!(got.to_string(), expected.to_string());
            prop_assert_eq!(got.scale(), expected.scale());
        }
    }

    #[test]
    fn halves_round_away_from_zero() {
        for (text, places, want) in [
            ("0.125", 2, "0.13"),
            ("-0.125", 2, "-0.13"),
            ("0.124999", 2, "0.12"),
            ("-0.004", 2, "0.00"),
            ("99.995", 2, "100.00"),
            ("2.5", 0, "3"),
        ] {
            let value: Decimal = text.parse().unwrap_or_default();
            assert_eq!(rounded(value, places).to_string(), want, "{text}");
            assert_eq!(
                rounded_digit_by_digit(value, places).to_string(),
                want,
                "{text}"
            );
        }
    }

    #[test]
    fn zero_keeps_its_sign_and_scale() {
        for value in [
            Decimal::ZERO,
            Decimal::new(0, 2),
            Decimal::new(-0, 2),
            -Decimal::new(0, 2),
            Decimal::new(5, 2),
            Decimal::new(-5, 2),
        ] {
            let mut text = String::new();
            write_decimal(&mut text, value);
            assert_eq!(text, value.to_string());
        }
    }
}
