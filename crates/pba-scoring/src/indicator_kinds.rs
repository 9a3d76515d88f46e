//! Indicator kinds (SPEC section 3): how one entered value becomes a fraction
//! `f` in [0, 1] of the indicator's points. Each kind under the same headings.
//!
//! ## binary
//! - What: a yes/no observation.
//! - Formula: `yes` → 1, `no` → 0; a number is rejected.
//! - Rounding: none.
//! - Example: `yes` on a 2-point indicator earns 2.
//!
//! ## scale
//! - What: an integer grade `0..=max` (e.g. `max = 2` for no/partial/full).
//! - Formula: `f = value / max`; a non-integer or a value outside `0..=max` is rejected.
//! - Rounding: none (a third is kept to 28 significant digits).
//! - Example: `1` on a scale of `max = 2` → 0.5.
//!
//! ## numeric
//! - What: a measured number on a linear ramp.
//! - Formula: `f = clamp((value − zero_at) / (full_at − zero_at), 0, 1)`; when
//!   `zero_at > full_at` lower is better (the same formula). A value outside
//!   `min`/`max` (when given) is rejected.
//! - Rounding: none.
//! - Example: `zero_at = 30`, `full_at = 0` (stock-out days), value `6` → 0.8.
//!
//! ## bands
//! - What: a number graded by thresholds.
//! - Formula: `f` = fraction of the band with the greatest `from` not above
//!   the value; a value below every band, or outside `min`/`max` (when
//!   given), is rejected.
//! - Rounding: none.
//! - Example: bands `>= 80 → 1, >= 50 → 0.5, >= 0 → 0`, value `50` → 0.5.
//!
//! `na` gives no fraction (the item leaves its domain's denominator) when the
//! indicator has `allow_na = true`; otherwise it is rejected.

use pba_scorecard::{Indicator, IndicatorKind, IndicatorValue};
use rust_decimal::Decimal;

use crate::error::{ValueProblem, value_text};

/// Maps a value to the fraction of points it earns: `Ok(None)` for an allowed
/// `na`, a [`ValueProblem`] saying what was expected otherwise.
pub fn indicator_fraction(
    indicator: &Indicator,
    value: IndicatorValue,
) -> Result<Option<Decimal>, ValueProblem> {
    match fraction_ratio(indicator, value)? {
        None => Ok(None),
        Some(ratio) => ratio
            .fraction()
            .map(Some)
            .ok_or_else(|| overflow(indicator, value)),
    }
}

/// A fraction kept as numerator / denominator, so that points can be
/// multiplied in before dividing (1/3 of 3 points earns exactly 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Ratio {
    /// In [0, denominator].
    pub numerator: Decimal,
    /// > 0.
    pub denominator: Decimal,
}

impl Ratio {
    pub(crate) const ZERO: Self = Self::whole(Decimal::ZERO);
    const ONE: Self = Self::whole(Decimal::ONE);

    const fn whole(value: Decimal) -> Self {
        Self {
            numerator: value,
            denominator: Decimal::ONE,
        }
    }

    /// `points × numerator / denominator`, multiplying first.
    pub fn of(self, points: Decimal) -> Option<Decimal> {
        let product = points.checked_mul(self.numerator)?;
        if self.denominator == Decimal::ONE {
            return Some(product);
        }
        product.checked_div(self.denominator)
    }

    /// `numerator / denominator`.
    pub fn fraction(self) -> Option<Decimal> {
        if self.denominator == Decimal::ONE {
            return Some(self.numerator);
        }
        self.numerator.checked_div(self.denominator)
    }
}

/// [`indicator_fraction`] as an unreduced ratio.
pub(crate) fn fraction_ratio(
    indicator: &Indicator,
    value: IndicatorValue,
) -> Result<Option<Ratio>, ValueProblem> {
    let number = match value {
        IndicatorValue::NotApplicable if indicator.allow_na => return Ok(None),
        IndicatorValue::NotApplicable => {
            return Err(ValueProblem::NotApplicableNotAllowed {
                expected: expected(indicator),
            });
        }
        IndicatorValue::Yes | IndicatorValue::No => {
            return match (&indicator.kind, value) {
                (IndicatorKind::Binary, IndicatorValue::Yes) => Ok(Some(Ratio::ONE)),
                (IndicatorKind::Binary, _) => Ok(Some(Ratio::ZERO)),
                _ => Err(wrong_shape(indicator, value)),
            };
        }
        IndicatorValue::Number(number) => number,
    };
    let out_of_range = || ValueProblem::OutOfRange {
        found: number.normalize(),
        expected: expected(indicator),
    };
    match &indicator.kind {
        IndicatorKind::Binary => Err(wrong_shape(indicator, value)),
        IndicatorKind::Scale { max } => {
            let max = Decimal::from(*max);
            if number.fract() != Decimal::ZERO || number < Decimal::ZERO || number > max {
                return Err(out_of_range());
            }
            Ok(Some(Ratio {
                numerator: number,
                denominator: max,
            }))
        }
        IndicatorKind::Numeric {
            zero_at,
            full_at,
            min,
            max,
        } => {
            let below = min.is_some_and(|min| number < min);
            let above = max.is_some_and(|max| number > max);
            if below || above {
                return Err(out_of_range());
            }
            let (rise, run) = number
                .checked_sub(*zero_at)
                .zip(full_at.checked_sub(*zero_at))
                .ok_or_else(|| overflow(indicator, value))?;
            // Clamp without dividing: rise/run < 0 when the signs differ,
            // > 1 when |rise| > |run| with the same sign.
            if run == Decimal::ZERO
                || rise.is_sign_negative() != run.is_sign_negative()
                || rise == Decimal::ZERO
            {
                return Ok(Some(Ratio::ZERO));
            }
            if rise.abs() >= run.abs() {
                return Ok(Some(Ratio::ONE));
            }
            Ok(Some(Ratio {
                numerator: rise.abs(),
                denominator: run.abs(),
            }))
        }
        IndicatorKind::Bands { bands, min, max } => {
            let below = min.is_some_and(|min| number < min);
            let above = max.is_some_and(|max| number > max);
            if below || above {
                return Err(out_of_range());
            }
            bands
                .iter()
                .filter(|band| band.from <= number)
                .max_by_key(|band| band.from)
                .map(|band| Some(Ratio::whole(band.fraction)))
                .ok_or_else(out_of_range)
        }
    }
}

fn overflow(indicator: &Indicator, value: IndicatorValue) -> ValueProblem {
    match value {
        IndicatorValue::Number(number) => ValueProblem::Overflow {
            found: number.normalize(),
            expected: expected(indicator),
        },
        _ => wrong_shape(indicator, value),
    }
}

fn wrong_shape(indicator: &Indicator, value: IndicatorValue) -> ValueProblem {
    ValueProblem::WrongShape {
        found: value_text(value),
        expected: expected(indicator),
    }
}

/// What an indicator accepts, in words for messages:
/// ``an integer from `0` to `2`, or `na` ``.
#[must_use]
pub fn expected(indicator: &Indicator) -> String {
    let shape = match &indicator.kind {
        IndicatorKind::Binary => "`yes` or `no`".to_owned(),
        IndicatorKind::Scale { max } => format!("an integer from `0` to `{max}`"),
        IndicatorKind::Numeric { .. } | IndicatorKind::Bands { .. } => {
            match indicator.kind.entry_bounds() {
                (Some(min), Some(max)) => {
                    format!("a number from `{}` to `{}`", text(min), text(max))
                }
                (Some(min), None) => format!("a number of at least `{}`", text(min)),
                (None, Some(max)) => format!("a number of at most `{}`", text(max)),
                (None, None) => "a number".to_owned(),
            }
        }
    };
    if indicator.allow_na {
        format!("{shape}, or `na`")
    } else {
        shape
    }
}

/// The rule of an indicator in words, as `explain` prints it:
/// `numeric: 0 at 30, full at 0, clamped` or `bands: >=80 → 1, >=50 → 0.5, >=0 → 0`.
#[must_use]
pub fn rule_text(indicator: &Indicator) -> String {
    let rule = match &indicator.kind {
        IndicatorKind::Binary => "binary: yes → 1, no → 0".to_owned(),
        IndicatorKind::Scale { max } => format!("scale: value / {max}, integers 0 to {max}"),
        IndicatorKind::Numeric {
            zero_at,
            full_at,
            min,
            max,
        } => {
            let mut rule = format!(
                "numeric: 0 at {}, full at {}, clamped",
                text(*zero_at),
                text(*full_at)
            );
            if let Some(min) = min {
                rule.push_str(&format!(", min {}", text(*min)));
            }
            if let Some(max) = max {
                rule.push_str(&format!(", max {}", text(*max)));
            }
            rule
        }
        IndicatorKind::Bands { bands, min, max } => {
            let mut sorted: Vec<_> = bands.iter().collect();
            sorted.sort_by_key(|band| std::cmp::Reverse(band.from));
            let bands: Vec<String> = sorted
                .iter()
                .map(|band| format!(">={} → {}", text(band.from), text(band.fraction)))
                .collect();
            let mut rule = format!("bands: {}", bands.join(", "));
            if let Some(min) = min {
                rule.push_str(&format!(", min {}", text(*min)));
            }
            if let Some(max) = max {
                rule.push_str(&format!(", max {}", text(*max)));
            }
            rule
        }
    };
    if indicator.allow_na {
        format!("{rule}; na allowed")
    } else {
        rule
    }
}

/// A decimal without trailing zeros: `0.50` → `0.5`, `2.00` → `2`.
#[must_use]
pub fn text(value: Decimal) -> String {
    value.normalize().to_string()
}

#[cfg(test)]
#[path = "indicator_kinds_tests.rs"]
mod tests;
