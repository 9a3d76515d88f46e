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

    /// The value's place among an indicator's common values (the order of
    /// the outcome tables worked out per scorecard): `yes` 0, `no` 1, `na` 2,
    /// a number written without decimals and not negative 3 + itself; `None`
    /// when missing or any other number. Read from the packed bytes, without
    /// making the decimal.
    #[must_use]
    #[inline]
    pub fn common_position(&self) -> Option<usize> {
        self.value.common_position()
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
    fn common_position(self) -> Option<usize> {
        let word = u128::from_le_bytes(self.0);
        // No flags (scale 0, not negative) and nothing above the low word:
        // a whole number.
        if word & u128::from(u32::MAX) == 0 && word >> 64 == 0 {
            let number = u32::try_from(word >> 32).ok()?;
            return usize::try_from(number).ok()?.checked_add(3);
        }
        match self.0[0] {
            YES => Some(0),
            NO => Some(1),
            NOT_APPLICABLE => Some(2),
            _ => None,
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

/// Value strategies the crate's property tests share.
#[cfg(test)]
pub(crate) mod strategies {
    use proptest::prelude::*;

    use super::IndicatorValue;

    /// A missing value, `yes`, `no` or `na`, equally often.
    pub(crate) fn tags() -> impl Strategy<Value = Option<IndicatorValue>> {
        prop_oneof![
            Just(None),
            Just(Some(IndicatorValue::Yes)),
            Just(Some(IndicatorValue::No)),
            Just(Some(IndicatorValue::NotApplicable)),
        ]
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use proptest::prelude::*;
    use rust_decimal::Decimal;

    use super::strategies::tags;
    use super::{IndicatorId, IndicatorValue, ValueEntry};

    fn value() -> impl Strategy<Value = Option<IndicatorValue>> {
        prop_oneof![
            4 => tags(),
            1 => (any::<i64>(), 0..=28_u32).prop_map(|(mantissa, scale)| Some(IndicatorValue::Number(
                Decimal::new(mantissa, scale)
            ))),
            1 => (any::<[u32; 3]>(), any::<bool>(), 0..=28_u32).prop_map(
                |([lo, mid, hi], negative, scale)| {
                    Some(IndicatorValue::Number(Decimal::from_parts(
                        lo, mid, hi, negative, scale,
                    )))
                }
            ),
            1 => (0..200_i64).prop_map(|number| Some(IndicatorValue::Number(Decimal::from(number)))),
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

    proptest! {
        /// The common position read from the packed bytes is the one the
        /// value itself has.
        #[test]
        fn the_common_position_is_the_value_s(value in value()) {
            let entry = ValueEntry::new(IndicatorId::new("H01"), value);
            let expected = match value {
                None => None,
                Some(IndicatorValue::Yes) => Some(0),
                Some(IndicatorValue::No) => Some(1),
                Some(IndicatorValue::NotApplicable) => Some(2),
                Some(IndicatorValue::Number(number)) => (number.scale() == 0
                    && !number.is_sign_negative())
                    .then(|| u32::try_from(number.mantissa()).ok())
                    .flatten()
                    .map(|number| number as usize + 3),
            };
            prop_assert_eq!(entry.common_position(), expected);
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
