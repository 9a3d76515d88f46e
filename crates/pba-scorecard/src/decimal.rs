//! Decimal values in definitions: written as TOML strings (`"15"`, `"0.10"`)
//! so they stay exact; TOML integers are accepted too; TOML floats are
//! refused with a hint, because `0.1` has no exact binary form.

use std::fmt;

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};

/// A decimal read from a TOML string or integer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TomlDecimal(pub Decimal);

impl<'de> serde::Deserialize<'de> for TomlDecimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(DecimalVisitor)
    }
}

struct DecimalVisitor;

impl Visitor<'_> for DecimalVisitor {
    type Value = TomlDecimal;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a decimal written as a string, e.g. `\"15\"`")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<TomlDecimal, E> {
        parse_decimal(text).map(TomlDecimal).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<TomlDecimal, E> {
        Ok(TomlDecimal(Decimal::from(value)))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<TomlDecimal, E> {
        Ok(TomlDecimal(Decimal::from(value)))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<TomlDecimal, E> {
        Err(E::custom(format!(
            "found the float `{value:?}`: write decimals as strings, e.g. `\"0.10\"`, so they stay exact"
        )))
    }
}

/// Parses a plain decimal (`-12.50`); no exponent, no spaces.
pub(crate) fn parse_decimal(text: &str) -> Result<Decimal, String> {
    let plain = !text.is_empty()
        && text.chars().enumerate().all(|(index, character)| {
            character.is_ascii_digit() || character == '.' || (index == 0 && character == '-')
        });
    let invalid =
        || format!("`{text}` is not a decimal number, expected e.g. `\"15\"` or `\"0.10\"`");
    if !plain {
        return Err(invalid());
    }
    // `from_str` would silently round a number with more than 28 decimals;
    // a definition must mean exactly what it says.
    Decimal::from_str_exact(text).map_err(|_| {
        format!("`{text}` cannot be held exactly, expected at most 28 significant digits")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_plain_decimals_only() {
        assert_eq!(parse_decimal("0.10"), Ok(Decimal::new(10, 2)));
        assert_eq!(parse_decimal("-3"), Ok(Decimal::from(-3)));
        assert!(parse_decimal("").is_err());
        assert!(parse_decimal("1e3").is_err());
        assert!(parse_decimal(" 1").is_err());
        assert!(parse_decimal("1.2.3").is_err());
        assert!(parse_decimal("+1").is_err());
        // Regression: `from_str` rounded 29 decimals to 28 without a word.
        assert!(parse_decimal("0.00000000000000000000000000001").is_err());
        assert!(parse_decimal("1.00000000000000000000000000001").is_err());
    }
}
