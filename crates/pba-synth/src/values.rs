//! Indicator values drawn from a latent quality `q` (basis points, 10,000 =
//! perfect), so a visit's composite is close to `q / 100` and rises with it:
//! - `binary`: `yes` with probability `q` (halfway to 1 for a critical item,
//!   failed critical items being rarer than others);
//! - `scale`: successes out of `max` trials of probability `q`;
//! - `numeric`: the point at `q` ± 20 % along the ramp from `zero_at` to
//!   `full_at`, inside `min`/`max` (and not below 0 when the ramp is);
//! - `bands`: the point at `q` ± 20 % between the lowest `from` (or `min`)
//!   and `max` (else 100, or twice the span of the bands when they are not
//!   percentages);
//! - `na`, for items that allow it, for 15 % of facilities (the same items of
//!   a facility every visit: a health center with no APE attached).
//!
//! Numbers are whole when the ramp's bounds are, else one decimal.

use pba_scorecard::{Indicator, IndicatorId, IndicatorKind, IndicatorValue, ScorecardDefinition};
use pba_scoring::ValueEntry;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::random::Random;

/// Basis points of a certainty.
pub const FULL: i64 = 10_000;
/// Share of facilities for which an item allowing `na` is not applicable.
const NOT_APPLICABLE_PPM: u32 = 150_000;

/// A scorecard prepared for drawing: its indicators in id order.
#[derive(Debug)]
pub struct Form<'a> {
    /// The definition.
    pub scorecard: &'a ScorecardDefinition,
    /// Indicators sorted by id (the order of `Assessment::values`).
    pub indicators: Vec<&'a Indicator>,
}

impl<'a> Form<'a> {
    /// Prepares a scorecard.
    #[must_use]
    pub fn new(scorecard: &'a ScorecardDefinition) -> Self {
        let mut indicators: Vec<&Indicator> = scorecard.indicators.iter().collect();
        indicators.sort_by(|left, right| left.id.cmp(&right.id));
        Self {
            scorecard,
            indicators,
        }
    }

    /// One value per indicator, in id order. `not_applicable` says, for an
    /// indicator position, whether the facility answers `na` to it.
    pub fn draw(
        &self,
        quality: i64,
        random: &mut Random,
        not_applicable: impl Fn(usize) -> bool,
    ) -> Vec<ValueEntry> {
        self.indicators
            .iter()
            .enumerate()
            .map(|(position, indicator)| {
                let value = if indicator.allow_na && not_applicable(position) {
                    IndicatorValue::NotApplicable
                } else {
                    draw_value(indicator, quality, random)
                };
                ValueEntry::new(indicator.id.clone(), Some(value))
            })
            .collect()
    }
}

/// Whether a facility answers `na` to an item, fixed per facility and item.
pub fn is_not_applicable(seed: u64, facility: u64, indicator: &IndicatorId) -> bool {
    let hash = indicator.as_str().bytes().fold(0u64, |hash, byte| {
        hash.wrapping_mul(0x0100_0000_01B3)
            .wrapping_add(u64::from(byte))
    });
    Random::stream(
        seed,
        &[crate::registry::label::NOT_APPLICABLE, facility, hash],
    )
    .chance(NOT_APPLICABLE_PPM)
}

fn draw_value(indicator: &Indicator, quality: i64, random: &mut Random) -> IndicatorValue {
    let quality = quality.clamp(0, FULL);
    match &indicator.kind {
        IndicatorKind::Binary => {
            let probability = if indicator.critical {
                quality + (FULL - quality) / 2
            } else {
                quality
            };
            if random.chance(parts_per_million(probability)) {
                IndicatorValue::Yes
            } else {
                IndicatorValue::No
            }
        }
        IndicatorKind::Scale { max } => {
            let successes = (0..*max)
                .filter(|_| random.chance(parts_per_million(quality)))
                .count();
            IndicatorValue::Number(Decimal::from(successes))
        }
        IndicatorKind::Numeric {
            zero_at,
            full_at,
            min,
            max,
        } => {
            let position = (quality + random.between_signed(-2000, 2000)).clamp(-1000, FULL + 1000);
            let mut value = along(*zero_at, *full_at, position);
            let floor = min.or_else(|| {
                (*zero_at >= Decimal::ZERO && *full_at >= Decimal::ZERO).then_some(Decimal::ZERO)
            });
            if let Some(floor) = floor {
                value = value.max(floor);
            }
            if let Some(ceiling) = max {
                value = value.min(*ceiling);
            }
            let whole = [Some(*zero_at), Some(*full_at), *min, *max]
                .into_iter()
                .flatten()
                .all(|bound| bound.fract().is_zero());
            IndicatorValue::Number(round(value, if whole { 0 } else { 1 }))
        }
        IndicatorKind::Bands { bands, min, max } => {
            let lowest = bands
                .iter()
                .map(|band| band.from)
                .min()
                .unwrap_or(Decimal::ZERO);
            let highest = bands
                .iter()
                .map(|band| band.from)
                .max()
                .unwrap_or(Decimal::ZERO);
            let hundred = Decimal::ONE_HUNDRED;
            let top = if let Some(max) = max {
                *max
            } else if lowest >= Decimal::ZERO && highest <= hundred {
                hundred
            } else {
                highest.checked_add(highest - lowest).unwrap_or(highest)
            };
            // Values may be entered from `min` up; the lowest band covers it.
            let lowest = min.map_or(lowest, |min| min.max(lowest));
            let position = (quality + random.between_signed(-2000, 2000)).clamp(0, FULL);
            let whole = lowest.fract().is_zero() && top.fract().is_zero();
            let value = round(along(lowest, top, position), if whole { 0 } else { 1 });
            IndicatorValue::Number(value.max(lowest).min(top))
        }
    }
}

/// The point `position` basis points of the way from `start` to `end`.
fn along(start: Decimal, end: Decimal, position: i64) -> Decimal {
    end.checked_sub(start)
        .and_then(|span| span.checked_mul(Decimal::from(position)))
        .and_then(|scaled| scaled.checked_div(Decimal::from(FULL)))
        .and_then(|offset| start.checked_add(offset))
        .unwrap_or(start)
}

fn round(value: Decimal, places: u32) -> Decimal {
    value
        .round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}

/// Basis points to parts per million, clamped to [0, 1].
fn parts_per_million(basis_points: i64) -> u32 {
    u32::try_from(basis_points.clamp(0, FULL) * 100).unwrap_or(0)
}
