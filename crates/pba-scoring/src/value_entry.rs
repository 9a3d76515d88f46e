//! [`ValueEntry`]: one indicator value of an assessment or a consultation.
//! A national dataset holds tens of millions of them, so each takes 24 bytes
//! (checked below): the indicator id, and the value packed into the 16 bytes
//! of a decimal.

use std::fmt;

use pba_scorecard::{IndicatorId, IndicatorValue};
use rust_decimal::Decimal;

/// One row of `assessment_values.csv` or `consultation_values.csv` (one cell
/// of the wide shape).
#[derive(Clone)]
pub struct ValueEntry {
    /// `indicator_id`.
    pub indicator_id: IndicatorId,
    value: PackedValue,
}

const _: () = assert!(std::mem::size_of::<ValueEntry>() <= 24);

impl ValueEntry {
    /// An entry; `value` is `None` when the cell was left empty.
    #[must_use]
    pub fn new(indicator_id: IndicatorId, value: Option<IndicatorValue>) -> Self {
        Self {
            indicator_id,
            value: PackedValue::new(value),
        }
    }

    /// `value`; `None` when the cell was left empty (a missing value).
    #[must_use]
    #[inline]
    pub fn value(&self) -> Option<IndicatorValue> {
        self.value.get()
    }

    /// Replaces the value.
    pub fn set_value(&mut self, value: Option<IndicatorValue>) {
        self.value = PackedValue::new(value);
    }
}

impl PartialEq for ValueEntry {
    /// Equal ids and equal values (numbers compare as numbers: `1.0` is `1`).
    fn eq(&self, other: &Self) -> bool {
        self.indicator_id == other.indicator_id && self.value() == other.value()
    }
}

impl Eq for ValueEntry {}

impl fmt::Debug for ValueEntry {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("ValueEntry")
            .field("indicator_id", &self.indicator_id)
            .field("value", &self.value())
            .finish()
    }
}

/// An optional value in 16 bytes: a number as [`Decimal::serialize`] writes
/// it, whose first byte (the low bits of its flags, unused) is always 0;
/// anything else is that byte alone, a tag.
#[derive(Clone, Copy)]
struct PackedValue([u8; 16]);

/// The tags of [`PackedValue`] (0 is a number).
const MISSING: u8 = 1;
const YES: u8 = 2;
const NO: u8 = 3;
const NOT_APPLICABLE: u8 = 4;

impl PackedValue {
    fn new(value: Option<IndicatorValue>) -> Self {
        let tag = |tag: u8| {
            let mut bytes = [0; 16];
            bytes[0] = tag;
            Self(bytes)
        };
        match value {
            None => tag(MISSING),
            Some(IndicatorValue::Yes) => tag(YES),
            Some(IndicatorValue::No) => tag(NO),
            Some(IndicatorValue::NotApplicable) => tag(NOT_APPLICABLE),
            Some(IndicatorValue::Number(number)) => Self(number.serialize()),
        }
    }

    #[inline]
    fn get(self) -> Option<IndicatorValue> {
        match self.0[0] {
            0 => Some(IndicatorValue::Number(Decimal::deserialize(self.0))),
            YES => Some(IndicatorValue::Yes),
            NO => Some(IndicatorValue::No),
            NOT_APPLICABLE => Some(IndicatorValue::NotApplicable),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use proptest::prelude::*;
    use rust_decimal::Decimal;

    use super::{IndicatorId, IndicatorValue, ValueEntry};

    fn value() -> impl Strategy<Value = Option<IndicatorValue>> {
        prop_oneof![
            Just(None),
            Just(Some(IndicatorValue::Yes)),
            Just(Some(IndicatorValue::No)),
            Just(Some(IndicatorValue::NotApplicable)),
            (any::<i64>(), 0..=28_u32).prop_map(|(mantissa, scale)| Some(IndicatorValue::Number(
                Decimal::new(mantissa, scale)
            ))),
            (any::<[u32; 3]>(), any::<bool>(), 0..=28_u32).prop_map(
                |([lo, mid, hi], negative, scale)| {
                    Some(IndicatorValue::Number(Decimal::from_parts(
                        lo, mid, hi, negative, scale,
                    )))
                }
            ),
        ]
    }

    proptest! {
        /// Every value comes back exactly as it went in: same number, same
        /// scale (so the same text), same sign.
        #[test]
        fn a_value_comes_back_as_it_was(value in value()) {
            let entry = ValueEntry::new(IndicatorId::new("H01"), value);
            prop_assert_eq!(entry.value(), value);
            if let (Some(IndicatorValue::Number(out)), Some(IndicatorValue::Number(number))) = (entry.value(), value) {
                prop_assert_eq!(out.to_string(), number.to_string());
                prop_assert_eq!(out.is_sign_negative(), number.is_sign_negative());
            }
        }
    }

    #[test]
    fn numbers_equal_as_numbers_keep_their_own_text() {
        let one = |text: &str| {
            ValueEntry::new(
                IndicatorId::new("H01"),
                Some(IndicatorValue::Number(
                    Decimal::from_str(text).unwrap_or_default(),
                )),
            )
        };
        assert_eq!(one("1.0"), one("1"));
        assert_eq!(format!("{:?}", one("1.0").value()), "Some(Number(1.0))");
    }
}
