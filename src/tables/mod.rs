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
/// a national `assessment-scores.csv` has millions of them. The text is made
/// in a buffer and appended at once.
pub(crate) fn write_decimal(text: &mut String, value: Decimal) {
    let scale = value.scale();
    // Most numbers written (percents, composites rounded to a few places)
    // have a 64-bit mantissa: whole part and decimals are written as two
    // integers (`itoa`), the decimals as 10^scale + decimals, its leading 1
    // dropped to keep their leading zeros.
    if let (Ok(magnitude), Some(power)) = (
        u64::try_from(value.mantissa().unsigned_abs()),
        10_u64.checked_pow(scale).filter(|_| scale <= 18),
    ) {
        let mut digits = itoa::Buffer::new();
        if value.is_sign_negative() {
            text.push('-');
        }
        text.push_str(digits.format(magnitude / power));
        if scale > 0 {
            text.push('.');
            let padded = digits.format(power + magnitude % power);
            text.push_str(padded.get(1..).unwrap_or_default());
        }
        return;
    }
    write_wide_decimal(text, value);
}

/// [`write_decimal`] for any mantissa.
fn write_wide_decimal(text: &mut String, value: Decimal) {
    /// The most decimal digits a `u64` always holds, and their power of ten.
    const WORD_DIGITS: usize = 19;
    const WORD: u128 = 10_u128.pow(19);
    let scale = usize::try_from(value.scale()).unwrap_or(0);
    // A 96-bit mantissa has at most 29 digits; a scale of 28 needs 29 with
    // the leading zero.
    let mut digits = [b'0'; 40];
    let mut start = digits.len();
    // Digits are made in 64-bit words (a 128-bit division by ten is a call).
    let mut magnitude = value.mantissa().unsigned_abs();
    let mut written = 0;
    while magnitude >= WORD {
        start = put_digits(&mut digits, start, (magnitude % WORD) as u64, WORD_DIGITS);
        magnitude /= WORD;
        written += WORD_DIGITS;
    }
    // Down to the units digit, at least.
    start = put_digits(
        &mut digits,
        start,
        magnitude as u64,
        (scale + 1).saturating_sub(written),
    );
    let digits = digits.get(start..).unwrap_or_default();
    let (whole, decimals) = digits.split_at(digits.len() - scale);
    // The sign, the whole digits, the point and the decimals.
    let mut shown = [b'.'; 42];
    let mut length = 0;
    let mut put = |part: &[u8]| {
        if let Some(slot) = shown.get_mut(length..length + part.len()) {
            slot.copy_from_slice(part);
        }
        length += part.len();
    };
    if value.is_sign_negative() {
        put(b"-");
    }
    put(whole);
    if scale > 0 {
        put(b".");
        put(decimals);
    }
    push_ascii(text, shown.get(..length).unwrap_or_default());
}

/// Appends ASCII bytes (digits, signs, points) as text.
fn push_ascii(text: &mut String, bytes: &[u8]) {
    text.push_str(std::str::from_utf8(bytes).unwrap_or_default());
}

/// Writes a date as its `Display` does (`YYYY-MM-DD`), without a formatter
/// for the years of four digits.
pub(crate) fn write_date(text: &mut String, date: Date) {
    match u32::try_from(date.year()) {
        Ok(year @ 0..=9999) => {
            let mut shown = *b"0000-00-00";
            put_digits(&mut shown, 4, u64::from(year), 4);
            put_digits(&mut shown, 7, u64::from(date.month()), 2);
            put_digits(&mut shown, 10, u64::from(date.day()), 2);
            push_ascii(text, &shown);
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

/// "00" to "99": digits are put two at a time.
const DIGIT_PAIRS: [[u8; 2]; 100] = {
    let mut pairs = [[b'0'; 2]; 100];
    let mut index = 0;
    while index < 100 {
        pairs[index] = [b'0' + (index / 10) as u8, b'0' + (index % 10) as u8];
        index += 1;
    }
    pairs
};

/// Puts the digits of `digits` in `buffer` before `end`, at least
/// `at_least` of them (zeros in front); returns where they start. The buffer
/// must have room for them.
fn put_digits(buffer: &mut [u8], end: usize, mut digits: u64, at_least: usize) -> usize {
    let mut start = end;
    while digits >= 10 && start >= 2 {
        start -= 2;
        if let (Some(slot), Some(pair)) = (
            buffer.get_mut(start..start + 2),
            DIGIT_PAIRS.get((digits % 100) as usize),
        ) {
            slot.copy_from_slice(pair);
        }
        digits /= 100;
    }
    while (digits > 0 || end - start < at_least) && start > 0 {
        start -= 1;
        if let Some(slot) = buffer.get_mut(start) {
            *slot = b'0' + (digits % 10) as u8;
        }
        digits /= 10;
    }
    start
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
