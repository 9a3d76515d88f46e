//! [`DomainSums`]: each domain's Σ earned and Σ applicable points, added as
//! whole numbers instead of decimals for the common values (`yes`, `no`,
//! `na`, whole numbers: [`crate::outcomes`]). A national year adds two
//! decimals per value, tens of millions of times; those additions were the
//! hottest instructions of the scoring loop (user time of `pba allocate` at
//! 100,000 facilities: 3.38 → 3.16 s).
//!
//! The sums are the decimals rust_decimal's additions give, scale included.
//! rust_decimal adds two non-zero decimals exactly, at the larger of their
//! scales (while the result fits in 96 bits), and a zero operand leaves the
//! other one as it is. A sum of non-negative addends from zero is therefore
//! the exact sum at the largest scale of its non-zero addends; when every
//! addend is zero it is the last addend, and `Decimal::ZERO` when there is
//! none. Here every addend of a domain is kept at one scale (the largest any
//! of them can have), and the sum is brought back to the largest scale met,
//! exactly, since every addend met is a multiple of it. A sum that does not
//! fit in 96 bits there (inexact earned points, such as thirds, carry 28
//! digits) is one rust_decimal rounds as it goes: that domain is added again
//! by rust_decimal, in definition order ([`DomainSums::sum`]). A scorecard
//! whose addends could break these rules (a negative one, zeros of two scales
//! in a domain, sums that could pass 128 bits) is never summed here.
//!
//! Anything these tables do not hold (a value that is refused or not common,
//! a duplicate, an unknown indicator, a missing value under
//! `missing = "error"`) sends the values back to the decimal path, which
//! reports it.

use pba_scorecard::{IndicatorId, MissingRule, ScorecardDefinition};
use rust_decimal::Decimal;

use crate::dataset::ValueEntry;
use crate::outcomes::{Outcome, Outcomes};
use crate::rounded_sum::RoundedSum;

/// Indicators a scorecard may have to be summed here (bits of [`Positions`]).
const MAX_INDICATORS: usize = 256;
/// Domains a scorecard may have to be summed here.
const MAX_DOMAINS: usize = 16;
/// The largest scale a decimal has.
const MAX_SCALE: u32 = 28;
/// Sums from this many bits on are rounded by rust_decimal: left to it.
const DECIMAL_BITS: u32 = 96;

/// A set of indicator positions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Positions([u64; MAX_INDICATORS / 64]);

impl Positions {
    /// Adds `position`; `false` when it was already in (or out of range).
    #[inline]
    fn insert(&mut self, position: usize) -> bool {
        let bit = 1_u64 << (position % 64);
        match self.0.get_mut(position / 64) {
            Some(word) if *word & bit == 0 => {
                *word |= bit;
                true
            }
            _ => false,
        }
    }

    fn contains(&self, position: usize) -> bool {
        self.0
            .get(position / 64)
            .is_some_and(|word| word & (1_u64 << (position % 64)) != 0)
    }

    fn len(&self) -> usize {
        self.0.iter().map(|word| word.count_ones() as usize).sum()
    }

    /// The positions, in increasing order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(index, word)| {
            let mut bits = *word;
            std::iter::from_fn(move || {
                let bit = bits.trailing_zeros();
                (bits != 0).then(|| {
                    bits &= bits - 1;
                    index * 64 + bit as usize
                })
            })
        })
    }
}

/// What one value adds to its domain.
#[derive(Debug, Clone, Copy, Default)]
struct Addend {
    kind: AddendKind,
    /// Earned points, at the domain's scale.
    earned: u128,
    /// The scale of the earned points when not zero; 0 for zero.
    earned_scale: u32,
    /// A critical indicator earning 0.
    critical_zero: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum AddendKind {
    /// Adds earned and applicable points.
    Scored,
    /// `na`: adds nothing.
    NotApplicable,
    /// Left to the decimal path.
    #[default]
    Unsummed,
}

/// The scales of one domain's sums (see the module documentation).
#[derive(Debug, Clone, Copy, Default)]
struct Scales {
    /// The scale every addend is kept at.
    common: u32,
    /// The scale of every zero addend.
    zero: u32,
}

/// An indicator's points.
#[derive(Debug, Clone, Copy)]
struct Points {
    /// At its domain's scale.
    mantissa: u128,
    /// Their scale when not zero; 0 for zero.
    scale: u32,
    decimal: Decimal,
}

/// One domain's running sum.
#[derive(Debug, Clone, Copy, Default)]
struct Sum {
    total: u128,
    /// The largest scale of a non-zero addend.
    scale: u32,
    addends: u32,
}

impl Sum {
    #[inline]
    fn add(&mut self, mantissa: u128, scale: u32) {
        self.total = self.total.wrapping_add(mantissa);
        self.scale = self.scale.max(scale);
        self.addends += 1;
    }

    /// The decimal rust_decimal's additions give (module documentation);
    /// `None` when they would have rounded it.
    fn decimal(self, scales: Scales) -> Option<Decimal> {
        if self.addends == 0 {
            return Some(Decimal::ZERO);
        }
        if self.total == 0 {
            return Some(Decimal::new(0, scales.zero));
        }
        let total = match scales.common.checked_sub(self.scale)? {
            0 => self.total,
            places => self.total / 10_u128.checked_pow(places)?,
        };
        (total >> DECIMAL_BITS == 0)
            .then(|| i128::try_from(total).ok())
            .flatten()
            .map(|total| Decimal::from_i128_with_scale(total, self.scale))
    }
}

/// A scorecard's addends, made once (see the module documentation).
#[derive(Debug, Clone)]
pub(crate) struct DomainSums {
    missing: MissingRule,
    /// By indicator position: where its addends start in `addends`; one more
    /// entry ends the last.
    starts: Vec<usize>,
    /// By indicator: by common position, then a missing value's addend.
    addends: Vec<Addend>,
    /// By addend: the earned points as a decimal.
    earned: Vec<Decimal>,
    /// By indicator position: its points.
    points: Vec<Points>,
    /// By indicator position: its domain's position (the domain count when
    /// it has none: its sums go nowhere).
    domain_of: Vec<usize>,
    /// By domain: earned points' scales, then applicable points'.
    scales: Vec<(Scales, Scales)>,
    /// By domain: its indicators' positions, in definition order.
    domain_indicators: Vec<Vec<usize>>,
}

/// The sums of one set of values.
pub(crate) struct Summed {
    /// By domain: Σ earned, Σ applicable points.
    pub totals: Vec<(Decimal, Decimal)>,
    /// Critical indicators that earned 0.
    pub critical_failed: Positions,
}

impl DomainSums {
    /// The tables of a definition; `None` when it cannot be summed here.
    pub(crate) fn new(
        definition: &ScorecardDefinition,
        outcomes: &[Outcomes],
        indicator_domains: &[Option<usize>],
    ) -> Option<Self> {
        let domain_count = definition.domains.len();
        if definition.indicators.len() > MAX_INDICATORS || domain_count > MAX_DOMAINS {
            return None;
        }
        let domain_of: Vec<usize> = indicator_domains
            .iter()
            .map(|domain| domain.unwrap_or(domain_count))
            .collect();
        // Each indicator's scored outcomes, the missing one last.
        let scored: Vec<Vec<Option<&Outcome>>> = outcomes
            .iter()
            .map(|outcomes| {
                outcomes
                    .common()
                    .chain(std::iter::once(
                        (definition.missing == MissingRule::Zero)
                            .then_some(&outcomes.missing_as_zero),
                    ))
                    .collect()
            })
            .collect();
        let scales = domain_scales(definition, &scored, &domain_of)?;
        let mut starts = Vec::with_capacity(scored.len() + 1);
        let mut addends = Vec::new();
        let mut earned_decimals = Vec::new();
        let mut points = Vec::with_capacity(scored.len());
        // The largest each domain's sums can reach (an indicator adds once):
        // when they fit, no sum of values can overflow.
        let mut largest = vec![(0_u128, 0_u128); domain_count + 1];
        for ((indicator, outcomes), domain) in
            definition.indicators.iter().zip(&scored).zip(&domain_of)
        {
            let (earned_scales, points_scales) = *scales.get(*domain)?;
            let indicator_points = Points {
                mantissa: mantissa(indicator.points, points_scales.common)?,
                scale: nonzero_scale(indicator.points),
                decimal: indicator.points,
            };
            points.push(indicator_points);
            let addend = |outcome: Option<&Outcome>| -> Option<Addend> {
                let Some(outcome) = outcome else {
                    return Some(Addend::default());
                };
                let Some(ratio_earned) = outcome.ratio.map(|_| outcome.earned) else {
                    return Some(Addend {
                        kind: AddendKind::NotApplicable,
                        ..Addend::default()
                    });
                };
                // Points earned that overflowed: left to the decimal path.
                let Some(earned) = ratio_earned else {
                    return Some(Addend::default());
                };
                Some(Addend {
                    kind: AddendKind::Scored,
                    earned: mantissa(earned, earned_scales.common)?,
                    earned_scale: nonzero_scale(earned),
                    critical_zero: indicator.critical && earned.is_zero(),
                })
            };
            starts.push(addends.len());
            let mut most = 0;
            for outcome in outcomes {
                let made = addend(*outcome)?;
                most = most.max(made.earned);
                addends.push(made);
                earned_decimals.push(
                    outcome
                        .and_then(|outcome| outcome.earned)
                        .unwrap_or_default(),
                );
            }
            let domain_largest = largest.get_mut(*domain)?;
            *domain_largest = (
                domain_largest.0.checked_add(most)?,
                domain_largest.1.checked_add(indicator_points.mantissa)?,
            );
        }
        starts.push(addends.len());
        Some(Self {
            missing: definition.missing,
            starts,
            addends,
            earned: earned_decimals,
            points,
            domain_indicators: (0..domain_count)
                .map(|domain| {
                    (0..domain_of.len())
                        .filter(|indicator| domain_of.get(*indicator) == Some(&domain))
                        .collect()
                })
                .collect(),
            domain_of,
            scales,
        })
    }

    /// The sums of `values`; `None` when one of them is left to the decimal
    /// path. `position` finds an indicator id's position, given the one
    /// expected next.
    #[inline]
    pub(crate) fn sum(
        &self,
        values: &[ValueEntry],
        position: impl Fn(&IndicatorId, usize) -> Option<usize>,
    ) -> Option<Summed> {
        let mut seen = Positions::default();
        let mut critical_failed = Positions::default();
        let mut sums = [(Sum::default(), Sum::default()); MAX_DOMAINS + 1];
        let mut add = |indicator: usize, at: usize| -> Option<()> {
            let addend = self.addends.get(at)?;
            match addend.kind {
                AddendKind::Scored => {
                    let (earned, points) = sums.get_mut(*self.domain_of.get(indicator)?)?;
                    let indicator_points = self.points.get(indicator)?;
                    earned.add(addend.earned, addend.earned_scale);
                    points.add(indicator_points.mantissa, indicator_points.scale);
                }
                AddendKind::NotApplicable => {}
                AddendKind::Unsummed => return None,
            }
            if addend.critical_zero {
                critical_failed.insert(indicator);
            }
            Some(())
        };
        // By indicator position: where its addend is in `addends`.
        let mut added = [0_u32; MAX_INDICATORS];
        let mut next = 0;
        for entry in values {
            let indicator = position(&entry.indicator_id, next)?;
            next = indicator + 1;
            if !seen.insert(indicator) {
                return None;
            }
            let at = self.addend_at(indicator, entry)?;
            add(indicator, at)?;
            *added.get_mut(indicator)? = u32::try_from(at).ok()?;
        }
        if seen.len() < self.domain_of.len() {
            if self.missing != MissingRule::Zero {
                return None;
            }
            for indicator in 0..self.domain_of.len() {
                if !seen.contains(indicator) {
                    let at = self.missing_at(indicator)?;
                    add(indicator, at)?;
                    *added.get_mut(indicator)? = u32::try_from(at).ok()?;
                }
            }
        }
        let totals = self
            .scales
            .iter()
            .zip(&sums)
            .take(self.scales.len().saturating_sub(1))
            .enumerate()
            .map(
                |(domain, ((earned_scales, points_scales), (earned, points)))| {
                    // A sum rust_decimal rounds is added as it adds.
                    let earned = earned.decimal(*earned_scales).or_else(|| {
                        self.rounded_sum(domain, &added, |at, _| self.earned.get(at).copied())
                    });
                    let points = points.decimal(*points_scales).or_else(|| {
                        self.rounded_sum(domain, &added, |_, indicator| {
                            self.points.get(indicator).map(|points| points.decimal)
                        })
                    });
                    Some((earned?, points?))
                },
            )
            .collect::<Option<_>>()?;
        Some(Summed {
            totals,
            critical_failed,
        })
    }

    /// Where `entry`'s addend is in `addends`; `None` when it is left to
    /// the decimal path.
    #[inline]
    fn addend_at(&self, indicator: usize, entry: &ValueEntry) -> Option<usize> {
        let missing = self.missing_at(indicator)?;
        match entry.common_position() {
            Some(common) => Some(self.starts.get(indicator)? + common).filter(|at| *at < missing),
            None if entry.value().is_none() => Some(missing),
            None => None,
        }
    }

    /// Where a missing value's addend is in `addends`.
    #[inline]
    fn missing_at(&self, indicator: usize) -> Option<usize> {
        self.starts.get(indicator + 1)?.checked_sub(1)
    }

    /// One of a domain's sums (the addend of each scored value: `addend`
    /// of its position in `addends` and its indicator's) added in definition
    /// order as the decimal path adds it; `added` holds each indicator's
    /// addend. Added as [`RoundedSum`]s, which round as rust_decimal does, or
    /// by rust_decimal when a sum is too wide for them.
    fn rounded_sum(
        &self,
        domain: usize,
        added: &[u32],
        addend: impl Fn(usize, usize) -> Option<Decimal>,
    ) -> Option<Decimal> {
        let indicators = self.domain_indicators.get(domain)?;
        // Each scored value's addend, `None` for a position out of the tables.
        let addends = || {
            indicators.iter().filter_map(|indicator| {
                let at = added
                    .get(*indicator)
                    .and_then(|at| usize::try_from(*at).ok());
                match at.and_then(|at| Some((at, self.addends.get(at)?))) {
                    Some((_, kind)) if kind.kind != AddendKind::Scored => None,
                    Some((at, _)) => Some(addend(at, *indicator)),
                    None => Some(None),
                }
            })
        };
        addends()
            .try_fold(RoundedSum::ZERO, |sum, value| {
                sum.add(RoundedSum::of(value?)?)
            })
            .and_then(RoundedSum::decimal)
            .or_else(|| addends().try_fold(Decimal::ZERO, |sum, value| sum.checked_add(value?)))
    }
}

/// By domain (one more for indicators without one): the scale its earned
/// and applicable points are kept at, and the scale of its zero addends;
/// `None` when an addend is negative or zeros of two scales meet in a domain
/// (module documentation).
fn domain_scales(
    definition: &ScorecardDefinition,
    scored: &[Vec<Option<&Outcome>>],
    domain_of: &[usize],
) -> Option<Vec<(Scales, Scales)>> {
    let domain_count = definition.domains.len();
    let mut scales = vec![(Scales::default(), Scales::default()); domain_count + 1];
    let mut zero_scales: Vec<[Option<u32>; 2]> = vec![[None, None]; domain_count + 1];
    for ((indicator, outcomes), domain) in definition.indicators.iter().zip(scored).zip(domain_of) {
        let (earned_scales, points_scales) = scales.get_mut(*domain)?;
        let [earned_zero, points_zero] = zero_scales.get_mut(*domain)?;
        for earned in outcomes
            .iter()
            .flatten()
            .filter_map(|outcome| outcome.ratio.is_some().then_some(outcome.earned).flatten())
        {
            for (number, scales, zero) in [
                (earned, &mut *earned_scales, &mut *earned_zero),
                (indicator.points, &mut *points_scales, &mut *points_zero),
            ] {
                if number.is_sign_negative() || number.scale() > MAX_SCALE {
                    return None;
                }
                scales.common = scales.common.max(number.scale());
                if number.is_zero() {
                    match zero {
                        Some(scale) if *scale != number.scale() => return None,
                        _ => *zero = Some(number.scale()),
                    }
                }
            }
        }
    }
    for ((earned, points), [earned_zero, points_zero]) in scales.iter_mut().zip(&zero_scales) {
        earned.zero = earned_zero.unwrap_or(0);
        points.zero = points_zero.unwrap_or(0);
    }
    Some(scales)
}

/// `number`'s mantissa at `scale` (not below its own).
fn mantissa(number: Decimal, scale: u32) -> Option<u128> {
    let mantissa = u128::try_from(number.mantissa()).ok()?;
    mantissa.checked_mul(10_u128.checked_pow(scale.checked_sub(number.scale())?)?)
}

/// `number`'s scale, or 0 for zero: the scale it brings to a sum.
fn nonzero_scale(number: Decimal) -> u32 {
    if number.is_zero() { 0 } else { number.scale() }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use proptest::prelude::*;

    use super::{MAX_INDICATORS, Positions};

    proptest! {
        /// A set of positions holds what went in, once each, in order.
        #[test]
        fn positions_are_a_set(inserted in prop::collection::vec(0..MAX_INDICATORS + 8, 0..80)) {
            let mut positions = Positions::default();
            let mut expected = BTreeSet::new();
            for position in inserted {
                let fits = position < MAX_INDICATORS;
                prop_assert_eq!(positions.insert(position), fits && expected.insert(position));
            }
            prop_assert_eq!(positions.iter().collect::<Vec<_>>(), expected.iter().copied().collect::<Vec<_>>());
            prop_assert_eq!(positions.len(), expected.len());
            for position in 0..MAX_INDICATORS {
                prop_assert_eq!(positions.contains(position), expected.contains(&position));
            }
        }
    }
}
