//! What the values entered most often earn on each indicator, worked out
//! once per scorecard instead of once per value: `yes`, `no`, `na` and the
//! whole numbers from 0 to a scale's top or to [`WHOLE_NUMBERS`] (counts,
//! percentages). A national year holds tens of millions of values, and
//! working them out (`fraction_ratio`, and the decimal division of
//! [`Ratio::of`]) was about 14 % of `pba score`'s instructions. Any other
//! value is worked out when met, by the same functions: the results are the
//! same, digit for digit.

use pba_scorecard::{Indicator, IndicatorKind, IndicatorValue};
use rust_decimal::Decimal;

use crate::error::ValueProblem;
use crate::indicator_kinds::{Ratio, fraction_ratio};

/// Whole numbers worked out ahead, from 0.
const WHOLE_NUMBERS: usize = 100;

/// What one value earns on one indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Outcome {
    /// The fraction of points, unreduced; `None` for an allowed `na`.
    pub ratio: Option<Ratio>,
    /// Points × fraction; `None` for `na`, or on overflow.
    pub earned: Option<Decimal>,
}

impl Outcome {
    /// Works out what `value` earns on `indicator`.
    pub(crate) fn of(indicator: &Indicator, value: IndicatorValue) -> Result<Self, ValueProblem> {
        Ok(Self::of_ratio(indicator, fraction_ratio(indicator, value)?))
    }

    fn of_ratio(indicator: &Indicator, ratio: Option<Ratio>) -> Self {
        Self {
            ratio,
            earned: ratio.and_then(|ratio| ratio.of(indicator.points)),
        }
    }
}

/// The outcomes of one indicator's common values (see the module documentation).
#[derive(Debug, Clone)]
pub(crate) struct Outcomes {
    yes: Option<Outcome>,
    no: Option<Outcome>,
    not_applicable: Option<Outcome>,
    /// By whole number; `None` where the value is refused (its problem is
    /// worked out when met).
    whole: Vec<Option<Outcome>>,
    /// A missing value scored as 0 (`missing = "zero"`).
    pub missing_as_zero: Outcome,
}

impl Outcomes {
    pub(crate) fn new(indicator: &Indicator) -> Self {
        let known = |value| Outcome::of(indicator, value).ok();
        Self {
            yes: known(IndicatorValue::Yes),
            no: known(IndicatorValue::No),
            not_applicable: known(IndicatorValue::NotApplicable),
            whole: (0..whole_numbers(indicator))
                .map(|number| known(IndicatorValue::Number(Decimal::from(number))))
                .collect(),
            missing_as_zero: Outcome::of_ratio(indicator, Some(Ratio::ZERO)),
        }
    }

    /// What `value` earns on `indicator` (the indicator these outcomes were
    /// made for): how scoring reads them, as the tests check it.
    #[cfg(test)]
    pub(crate) fn get(
        &self,
        indicator: &Indicator,
        value: IndicatorValue,
    ) -> Result<Outcome, ValueProblem> {
        self.known(value)
            .map_or_else(|| Outcome::of(indicator, value), |known| Ok(*known))
    }

    /// Every outcome worked out ahead, at its common position (see
    /// [`ValueEntry::common_position`]): `yes`, `no`, `na`, then the whole
    /// numbers from 0; `None` where the value is refused.
    ///
    /// [`ValueEntry::common_position`]: crate::dataset::ValueEntry::common_position
    pub(crate) fn common(&self) -> impl Iterator<Item = Option<&Outcome>> {
        [
            self.yes.as_ref(),
            self.no.as_ref(),
            self.not_applicable.as_ref(),
        ]
        .into_iter()
        .chain(self.whole.iter().map(Option::as_ref))
    }

    /// The outcome of `value` when it is one worked out ahead.
    #[inline]
    pub(crate) fn known(&self, value: IndicatorValue) -> Option<&Outcome> {
        match value {
            IndicatorValue::Yes => self.yes.as_ref(),
            IndicatorValue::No => self.no.as_ref(),
            IndicatorValue::NotApplicable => self.not_applicable.as_ref(),
            IndicatorValue::Number(number) => {
                whole_number(number).and_then(|index| self.whole.get(index)?.as_ref())
            }
        }
    }
}

/// How many whole numbers, from 0, are worked out ahead for an indicator:
/// none for a binary one (numbers are refused), 0 to the top of a scale,
/// else 0 to [`WHOLE_NUMBERS`].
fn whole_numbers(indicator: &Indicator) -> usize {
    let top = match indicator.kind {
        IndicatorKind::Binary => return 0,
        IndicatorKind::Scale { max } => {
            usize::try_from(max).map_or(0, |max| max.min(WHOLE_NUMBERS))
        }
        IndicatorKind::Numeric { .. } | IndicatorKind::Bands { .. } => WHOLE_NUMBERS,
    };
    top + 1
}

/// The position of a number written without decimals and not negative
/// (exactly the decimal `Decimal::from` makes), if it is one.
fn whole_number(number: Decimal) -> Option<usize> {
    if number.scale() != 0 || number.is_sign_negative() {
        return None;
    }
    usize::try_from(number.mantissa()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use pba_scorecard::{Band, DomainId, IndicatorId};
    use proptest::prelude::*;

    fn indicators() -> Vec<Indicator> {
        let base = Indicator {
            id: IndicatorId::new("I1"),
            domain: DomainId::new("d"),
            title: "test".to_owned(),
            kind: IndicatorKind::Binary,
            points: Decimal::new(3, 0),
            critical: false,
            allow_na: false,
            source: "test".to_owned(),
            note: None,
        };
        let kinds = [
            IndicatorKind::Binary,
            IndicatorKind::Scale { max: 3 },
            IndicatorKind::Numeric {
                zero_at: Decimal::new(30, 0),
                full_at: Decimal::ZERO,
                min: Some(Decimal::ZERO),
                max: None,
            },
            IndicatorKind::Bands {
                bands: vec![
                    Band {
                        from: Decimal::ZERO,
                        fraction: Decimal::ZERO,
                    },
                    Band {
                        from: Decimal::new(50, 0),
                        fraction: Decimal::new(5, 1),
                    },
                ],
                min: None,
                max: Some(Decimal::new(92, 0)),
            },
        ];
        kinds
            .into_iter()
            .flat_map(|kind| {
                [true, false].map(|allow_na| Indicator {
                    kind: kind.clone(),
                    allow_na,
                    ..base.clone()
                })
            })
            .collect()
    }

    fn value() -> impl Strategy<Value = IndicatorValue> {
        prop_oneof![
            Just(IndicatorValue::Yes),
            Just(IndicatorValue::No),
            Just(IndicatorValue::NotApplicable),
            (-5i64..130, 0u32..3).prop_map(|(mantissa, scale)| IndicatorValue::Number(
                Decimal::new(mantissa, scale)
            )),
            (0i64..130).prop_map(|number| IndicatorValue::Number(Decimal::from(number))),
            Just(IndicatorValue::Number(
                Decimal::NEGATIVE_ONE * Decimal::ZERO
            )),
        ]
    }

    proptest! {
        /// The outcome at a value's common position is the one looked up.
        #[test]
        fn common_outcomes_sit_at_their_value_s_position(value in value()) {
            let position = crate::dataset::ValueEntry::new(IndicatorId::new("I1"), Some(value))
                .common_position();
            for indicator in indicators() {
                let outcomes = Outcomes::new(&indicator);
                let common = position.and_then(|position| outcomes.common().nth(position).flatten());
                prop_assert_eq!(common, outcomes.known(value));
            }
        }

        /// A value looked up earns exactly what working it out earns, in
        /// value and in written form (scale), or is refused the same way.
        #[test]
        fn looked_up_outcomes_are_worked_out_outcomes(value in value()) {
            for indicator in indicators() {
                let outcomes = Outcomes::new(&indicator);
                let looked_up = outcomes.get(&indicator, value);
                let worked_out = Outcome::of(&indicator, value);
                prop_assert_eq!(&looked_up, &worked_out);
                if let (Ok(looked_up), Ok(worked_out)) = (looked_up, worked_out) {
                    prop_assert_eq!(
                        looked_up.earned.map(|earned| earned.to_string()),
                        worked_out.earned.map(|earned| earned.to_string())
                    );
                }
            }
        }
    }
}
