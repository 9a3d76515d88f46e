//! Cell parsers: one text in, a typed value or a message saying what was
//! expected. Every parser is strict: no trimming, no case folding, no
//! thousands separators, no exponent.

use std::str::FromStr;

use pba_scorecard::{Date, IndicatorValue};
use rust_decimal::Decimal;

/// A decimal number: an optional `-`, digits, optionally `.` and digits
/// (`12`, `-3.5`, `0.25`). `+`, `.5`, `1.`, `1e3`, `1_000` and `1,5` are refused.
pub fn decimal(text: &str) -> Result<Decimal, String> {
    // Most cells of a national file are whole numbers of a few digits: read
    // directly, the same decimal as below (scale 0).
    if (1..=9).contains(&text.len()) && text.bytes().all(|byte| byte.is_ascii_digit()) {
        let number = text
            .bytes()
            .fold(0_u32, |number, digit| number * 10 + u32::from(digit - b'0'));
        return Ok(Decimal::from(number));
    }
    let expected =
        || format!("`{text}` is not a number, expected a decimal such as `12` or `3.50`");
    if !is_decimal_shaped(text) {
        return Err(expected());
    }
    // `from_str` would round a number with too many digits: refuse it instead.
    Decimal::from_str_exact(text)
        .map_err(|_| format!("`{text}` is not a number this program can hold exactly"))
}

/// Whether a text is written as [`decimal`] accepts (whatever its size).
fn is_decimal_shaped(text: &str) -> bool {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (unsigned, None),
    };
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit());
    digits(whole) && fraction.is_none_or(digits)
}

/// An amount of money: a decimal, not negative, with at most 2 decimals.
pub fn amount(text: &str) -> Result<Decimal, String> {
    let value = decimal(text)?;
    if value.is_sign_negative() && !value.is_zero() {
        return Err(format!(
            "negative amount `{text}`, expected an amount of 0 or more"
        ));
    }
    if value.scale() > 2 {
        return Err(format!("amount `{text}` has more than 2 decimals"));
    }
    let mut value = value;
    value.set_sign_positive(true);
    Ok(value)
}

/// A whole number of 0 or more (`beds`, `participants`).
pub fn count(text: &str) -> Result<u64, String> {
    if text.is_empty() || !text.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(format!(
            "`{text}` is not a whole number, expected a count such as `0` or `120`"
        ));
    }
    text.parse::<u64>()
        .map_err(|_| format!("`{text}` is too large"))
}

/// A year such as `2020`.
pub fn year(text: &str) -> Result<i32, String> {
    let valid = text.len() == 4 && text.bytes().all(|byte| byte.is_ascii_digit());
    match text.parse::<i32>() {
        Ok(year) if valid => Ok(year),
        _ => Err(format!(
            "`{text}` is not a year, expected four digits such as `2020`"
        )),
    }
}

/// `true` or `false`, exactly.
pub fn boolean(text: &str) -> Result<bool, String> {
    match text {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(format!(
            "`{text}` is not a boolean, expected `true` or `false`"
        )),
    }
}

/// An ISO date `YYYY-MM-DD` that exists.
pub fn date(text: &str) -> Result<Date, String> {
    Date::from_str(text).map_err(|error| error.to_string())
}

/// A value of a closed vocabulary (`district_hospital`, `isc`...).
pub fn vocabulary<T>(text: &str) -> Result<T, String>
where
    T: FromStr,
    T::Err: ToString,
{
    T::from_str(text).map_err(|error| error.to_string())
}

/// An indicator value: `yes`, `no`, `na` (lowercase, exactly) or a decimal
/// number. `Yes`, `NO`, `NA`... are refused with a hint to write them in
/// lowercase, so a file means the same thing to every reader.
pub fn indicator_value(text: &str) -> Result<IndicatorValue, String> {
    match text {
        "yes" => return Ok(IndicatorValue::Yes),
        "no" => return Ok(IndicatorValue::No),
        "na" => return Ok(IndicatorValue::NotApplicable),
        _ => {}
    }
    match decimal(text) {
        Ok(number) => return Ok(IndicatorValue::Number(number)),
        // Shaped like a number but too long to hold exactly: say so.
        Err(message) if is_decimal_shaped(text) => return Err(message),
        Err(_) => {}
    }
    let lower = text.to_ascii_lowercase();
    let hint = if matches!(lower.as_str(), "yes" | "no" | "na") {
        format!(" (write it in lowercase: `{lower}`)")
    } else {
        String::new()
    };
    Err(format!(
        "`{text}` is not a value, expected `yes`, `no`, `na` or a number{hint}"
    ))
}

/// The text an indicator value is written as; numbers without trailing zeros.
#[must_use]
pub fn indicator_value_text(value: &IndicatorValue) -> String {
    match value {
        IndicatorValue::Yes => "yes".to_owned(),
        IndicatorValue::No => "no".to_owned(),
        IndicatorValue::NotApplicable => "na".to_owned(),
        IndicatorValue::Number(number) => number_text(*number),
    }
}

/// A number's canonical text: no trailing zeros, no exponent, `0` for zero.
#[must_use]
pub fn number_text(number: Decimal) -> String {
    number.normalize().to_string()
}

/// An amount's canonical text: exactly 2 decimals (`1250000.00`).
#[must_use]
pub fn amount_text(amount: Decimal) -> String {
    let mut amount =
        amount.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    amount.rescale(2);
    amount.to_string()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// Whole numbers read directly are the decimals `from_str_exact`
        /// makes: same value, same scale, same text.
        #[test]
        fn whole_numbers_read_as_rust_decimal_reads_them(text in "[0-9]{1,12}") {
            let read = decimal(&text).map_err(TestCaseError::fail)?;
            let exact = Decimal::from_str_exact(&text).map_err(|error| TestCaseError::fail(error.to_string()))?;
            prop_assert_eq!(read, exact);
            prop_assert_eq!(read.scale(), exact.scale());
            prop_assert_eq!(read.to_string(), exact.to_string());
        }
    }

    #[test]
    fn decimals_are_strict() {
        for good in ["0", "12", "-3.5", "0.25", "1250000.00"] {
            assert!(decimal(good).is_ok(), "{good}");
        }
        for bad in [
            "", "+1", ".5", "1.", "1e3", "1_000", "1,5", " 1", "1 ", "--1", "-",
        ] {
            assert!(decimal(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_number_with_too_many_digits_is_refused_not_rounded() {
        assert!(decimal("0.00000000000000000000000000001").is_err());
        assert!(decimal("1.00000000000000000000000000001").is_err());
        assert!(decimal("79228162514264337593543950336").is_err());
        assert!(decimal("0.0000000000000000000000000001").is_ok());
    }

    #[test]
    fn amounts_refuse_negatives_and_fractions_of_cents() {
        assert_eq!(
            amount("12.50").map(|value| value.to_string()),
            Ok("12.50".to_owned())
        );
        assert!(amount("-1").is_err());
        assert!(amount("1.005").is_err());
        assert!(amount("-0").is_ok());
    }

    #[test]
    fn values_are_lowercase_words_or_numbers() {
        assert_eq!(indicator_value("yes"), Ok(IndicatorValue::Yes));
        assert_eq!(indicator_value("na"), Ok(IndicatorValue::NotApplicable));
        assert_eq!(
            indicator_value("Yes"),
            Err("`Yes` is not a value, expected `yes`, `no`, `na` or a number (write it in lowercase: `yes`)".to_owned())
        );
        assert!(indicator_value("maybe").is_err());
    }

    #[test]
    fn canonical_texts() {
        assert_eq!(number_text(Decimal::new(150, 2)), "1.5");
        assert_eq!(number_text(Decimal::new(-0, 2)), "0");
        assert_eq!(amount_text(Decimal::new(125, 0)), "125.00");
    }
}
