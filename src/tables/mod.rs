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
    let mut value =
        value.round_dp_with_strategy(places, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    value.rescale(places);
    write_decimal(text, value);
}

/// Writes a decimal as its `Display` does (all its scale's digits, `-` when
/// its sign is negative, zero included), without going through a formatter:
/// a national `assessment-scores.csv` has millions of them.
fn write_decimal(text: &mut String, value: Decimal) {
    let scale = usize::try_from(value.scale()).unwrap_or(0);
    let mut digits = value.mantissa().unsigned_abs();
    // A 96-bit mantissa has at most 29 digits; a scale of 28 needs 29 with
    // the leading zero.
    let mut buffer = [b'0'; 40];
    let mut start = buffer.len();
    while digits > 0 || buffer.len() - start <= scale {
        start -= 1;
        if let Some(slot) = buffer.get_mut(start) {
            *slot = b'0' + (digits % 10) as u8;
        }
        digits /= 10;
    }
    if value.is_sign_negative() {
        text.push('-');
    }
    let written = buffer.get(start..).unwrap_or_default();
    let point = written.len() - scale;
    for (index, digit) in written.iter().enumerate() {
        if index == point {
            text.push('.');
        }
        text.push(char::from(*digit));
    }
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

    use super::write_decimal;

    proptest! {
        /// The same text as `Display`, whatever the mantissa, scale and sign.
        #[test]
        fn decimals_are_written_as_display_writes_them(
            [lo, mid, hi] in any::<[u32; 3]>(),
            small in any::<u16>(),
            negative in any::<bool>(),
            scale in 0..=28_u32,
            short in any::<bool>(),
        ) {
            let value = if short {
                Decimal::from_parts(u32::from(small), 0, 0, negative, scale)
            } else {
                Decimal::from_parts(lo, mid, hi, negative, scale)
            };
            let mut text = String::new();
            write_decimal(&mut text, value);
            prop_assert_eq!(text, value.to_string());
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
