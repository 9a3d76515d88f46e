//! Composite score (SPEC section 3): one set of values scored against one
//! scorecard definition.
//!
//! - earned = fraction × points (points multiplied in before dividing);
//! - domain fraction = Σ earned / Σ applicable points (`na` items leave the
//!   denominator; under `missing = "zero"` a missing value earns 0 and stays in it);
//! - a domain with no applicable item passes its weight to the other domains
//!   in proportion to their weights (it is listed in `redistributed`);
//! - composite = Σ effective weight × domain fraction, on 0-100;
//! - capped at `critical_cap` when a critical indicator earns 0.
//!
//! Nothing is rounded to 2 decimals here. Decimal division keeps 28
//! significant digits, so a sum of divided terms can be off in its last digit
//! (`4.9999999999999999999999999995` for 5); the composite is therefore
//! snapped to [`EXACT_PLACES`] decimals, far below a cent and far above that
//! error, before [`reported_score`] rounds it once.

use std::collections::HashMap;
use std::sync::Arc;

use pba_scorecard::{
    Combine, DomainId, IndicatorId, IndicatorValue, ScorecardDefinition, ScorecardId,
};
use rust_decimal::{Decimal, RoundingStrategy};

use crate::dataset::ValueEntry;
use crate::domain_sums::DomainSums;
use crate::error::ValueIssue;
use crate::indicator_kinds::expected;
use crate::outcomes::Outcomes;
use parts::Parts;
use weights::{AllDomains, applicable_weight, has_fraction, weigh};
pub(crate) use weights::{snap, weighted_part};

/// Decimals kept in unrounded composites (see the module documentation).
pub const EXACT_PLACES: u32 = 20;

/// How one indicator scored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorResult {
    /// The indicator.
    pub indicator_id: IndicatorId,
    /// Its domain.
    pub domain_id: DomainId,
    /// The value entered; `None` when missing.
    pub value: Option<IndicatorValue>,
    /// Fraction of points earned; `None` for `na` and for a value that could
    /// not be scored (see the issues).
    pub fraction: Option<Decimal>,
    /// Points earned; `None` when `fraction` is.
    pub earned: Option<Decimal>,
    /// Maximum points.
    pub points: Decimal,
    /// A critical indicator.
    pub critical: bool,
}

/// How one domain scored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DomainScore {
    /// The domain.
    pub domain_id: DomainId,
    /// Weight declared by the scorecard.
    pub weight: Decimal,
    /// Weight after redistribution; `None` when the domain had no applicable
    /// item or the composite could not be computed.
    pub effective_weight: Option<Decimal>,
    /// Σ earned points of its scored items.
    pub earned: Decimal,
    /// Σ points of its applicable items.
    pub applicable_points: Decimal,
    /// One of its values could not be scored.
    pub incomplete: bool,
}

impl DomainScore {
    /// Every value scored and at least one applicable point: a domain whose
    /// fraction is defined.
    pub(crate) fn complete_with_applicable_points(&self) -> bool {
        !self.incomplete && self.applicable_points > Decimal::ZERO
    }

    /// earned / applicable; `None` when no applicable item or incomplete.
    /// Worked out when asked for: a composite is weighed from the sums.
    #[must_use]
    pub fn fraction(&self) -> Option<Decimal> {
        if !self.complete_with_applicable_points() {
            return None;
        }
        self.earned.checked_div(self.applicable_points)
    }

    /// The domain fraction as a percent (0-100), unrounded.
    #[must_use]
    pub fn percent(&self) -> Option<Decimal> {
        self.fraction()
            .and_then(|fraction| fraction.checked_mul(Decimal::ONE_HUNDRED))
    }

    /// [`Self::percent`] rounded half away from zero to `places` decimals,
    /// with that scale: what rounding the percent gives, found without
    /// decimal division in nearly every case (module `rounded_percent`).
    #[must_use]
    pub fn rounded_percent(&self, places: u32) -> Option<Decimal> {
        if !self.complete_with_applicable_points() {
            return None;
        }
        crate::rounded_percent::rounded_percent(self.earned, self.applicable_points, places)
            .or_else(|| {
                let mut percent = self
                    .percent()?
                    .round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
                percent.rescale(places);
                Some(percent)
            })
    }
}

/// One set of values scored against one scorecard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompositeScore {
    /// Per domain, in scorecard order.
    pub domains: Vec<DomainScore>,
    /// Per indicator, in scorecard order.
    pub indicators: Vec<IndicatorResult>,
    /// Problems with the values; when any, there is no composite.
    pub issues: Vec<ValueIssue>,
    /// Domains with no applicable item, whose weight went to the others.
    pub redistributed: Vec<DomainId>,
    /// Composite before the critical cap (0-100, unrounded).
    pub uncapped: Option<Decimal>,
    /// Critical indicators that earned 0.
    pub critical_failed: Vec<IndicatorId>,
    /// The cap lowered the composite.
    pub critical_cap_applied: bool,
    /// Composite after the cap (0-100, unrounded).
    pub composite: Option<Decimal>,
}

impl CompositeScore {
    /// A domain's weighted part of the composite (effective weight ×
    /// fraction, worked out as `weight × 100 × earned / (applicable ×
    /// applicable weight)`): `None` for a domain the composite does not
    /// weigh, or when there is no composite.
    #[must_use]
    pub fn weighted(&self, domain: &DomainScore) -> Option<Decimal> {
        if self.uncapped.is_none() || !has_fraction(domain) {
            return None;
        }
        weighted_part(domain, applicable_weight(&self.domains)?)
    }
}

/// What a score keeps beside its composite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// Per-indicator results and domain results.
    Indicators,
    /// Domain results, without per-indicator results.
    Domains,
    /// The composite, its flags and issues, without domain results
    /// (`domains` is empty) or per-indicator results: for runs that read no
    /// domain column.
    Composite,
}

/// A definition with its indicator and domain positions indexed, to score
/// many assessments without rescanning it.
#[derive(Debug, Clone)]
pub struct PreparedScorecard<'a> {
    /// The definition.
    pub definition: &'a ScorecardDefinition,
    indicator_positions: HashMap<&'a str, usize>,
    /// The indicators' ids by position, side by side (a value's id is
    /// compared with the one expected at every value).
    indicator_ids: Vec<IndicatorId>,
    /// The position of each indicator's domain, by indicator position.
    indicator_domains: Vec<Option<usize>>,
    /// What common values earn, by indicator position.
    outcomes: Vec<Outcomes>,
    /// The ids and texts its scores carry (see [`Self::with_own_ids`]).
    ids: ScoreIds,
    /// Domain sums in whole numbers; `None` unless asked for
    /// ([`Self::with_domain_sums`]) and possible for the definition.
    sums: Option<DomainSums>,
    /// Domain results to use again under [`Keep::Composite`].
    spare: parts::SpareDomains,
    /// The effective weights when every domain applies, worked out once.
    all_domains: AllDomains,
}

/// The ids and texts a prepared scorecard puts in the scores it makes,
/// made once and shared by every score.
#[derive(Debug, Clone)]
struct ScoreIds {
    scorecard: ScorecardId,
    /// `id version`, as issues name the scorecard.
    label: Arc<str>,
    domains: Vec<DomainId>,
    /// What each indicator accepts, by indicator position.
    expected: Vec<Arc<str>>,
}

impl ScoreIds {
    fn new(definition: &ScorecardDefinition) -> Self {
        Self {
            scorecard: ScorecardId::new(definition.id.as_str()),
            label: Arc::from(format!("{} {}", definition.id, definition.version)),
            domains: definition
                .domains
                .iter()
                .map(|domain| DomainId::new(domain.id.as_str()))
                .collect(),
            expected: definition
                .indicators
                .iter()
                .map(|indicator| Arc::from(expected(indicator)))
                .collect(),
        }
    }
}

impl<'a> PreparedScorecard<'a> {
    /// Indexes a definition.
    #[must_use]
    pub fn new(definition: &'a ScorecardDefinition) -> Self {
        let indicator_positions = definition
            .indicators
            .iter()
            .enumerate()
            .map(|(position, indicator)| (indicator.id.as_str(), position))
            .collect();
        let domain_positions: HashMap<&str, usize> = definition
            .domains
            .iter()
            .enumerate()
            .map(|(position, domain)| (domain.id.as_str(), position))
            .collect();
        let indicator_domains: Vec<Option<usize>> = definition
            .indicators
            .iter()
            .map(|indicator| domain_positions.get(indicator.domain.as_str()).copied())
            .collect();
        Self {
            definition,
            indicator_positions,
            indicator_ids: definition
                .indicators
                .iter()
                .map(|indicator| indicator.id.clone())
                .collect(),
            indicator_domains,
            outcomes: definition.indicators.iter().map(Outcomes::new).collect(),
            ids: ScoreIds::new(definition),
            sums: None,
            spare: parts::SpareDomains::default(),
            all_domains: AllDomains::new(definition),
        }
    }

    /// The same scorecard, adding its domain sums as whole numbers when it
    /// scores without per-indicator results (module `domain_sums`): the same
    /// scores, sooner, once its tables are made (worth it for many
    /// assessments, not for one).
    #[must_use]
    pub fn with_domain_sums(mut self) -> Self {
        self.sums = DomainSums::new(self.definition, &self.outcomes, &self.indicator_domains);
        self
    }

    /// The same scorecard, whose scores carry ids of their own: equal to the
    /// definition's, but not the same allocations. Each piece of parallel
    /// scoring work takes one, so that cores do not all count references to
    /// the same ids (a shared count is written from every core, once per
    /// domain of every assessment).
    #[must_use]
    pub fn with_own_ids(&self) -> Self {
        Self {
            ids: ScoreIds::new(self.definition),
            ..self.clone()
        }
    }

    /// The scorecard id its scores carry.
    #[must_use]
    pub fn scorecard_id(&self) -> &ScorecardId {
        &self.ids.scorecard
    }

    /// The position of an indicator id in the definition. Values usually come
    /// in definition order: the position after the previous one is tried
    /// before the index, by pointer (an indicator id's text is held once per
    /// process, so equal ids are the same pointer: no text is compared).
    #[inline]
    fn indicator_position(&self, id: &IndicatorId, expected: usize) -> Option<usize> {
        if self
            .indicator_ids
            .get(expected)
            .is_some_and(|known| known.shares_text_with(id))
        {
            return Some(expected);
        }
        self.indicator_positions.get(id.as_str()).copied()
    }

    /// Scores a set of values (see the module documentation for the rules).
    #[must_use]
    pub fn score(&self, values: &[ValueEntry]) -> CompositeScore {
        self.score_detailed(values, Keep::Indicators)
    }

    /// [`Self::score`], keeping what `keep` says: without per-indicator
    /// results they are neither built nor kept (national runs: no allocation
    /// per value).
    #[must_use]
    pub fn score_detailed(&self, values: &[ValueEntry], keep: Keep) -> CompositeScore {
        self.score_summing(values, keep, true)
    }

    /// [`Self::score_detailed`]; with `whole_sums`, the domain sums are
    /// added as whole numbers when they can be ([`DomainSums`]), which gives
    /// the same score (tests compare both ways).
    ///
    /// Under [`Keep::Composite`] the score has no domain results: each
    /// thread works in one set of them, reset for every score, instead of
    /// making one (and counting references to its ids) for every score.
    fn score_summing(&self, values: &[ValueEntry], keep: Keep, whole_sums: bool) -> CompositeScore {
        if keep != Keep::Composite {
            return self.score_in(values, keep, whole_sums, self.new_domains());
        }
        let domains = self.spare.take().unwrap_or_else(|| self.new_domains());
        let mut score = self.score_in(values, keep, whole_sums, domains);
        self.spare.put(std::mem::take(&mut score.domains));
        score
    }

    /// Each domain's result before any value is added.
    fn new_domains(&self) -> Vec<DomainScore> {
        self.definition
            .domains
            .iter()
            .zip(&self.ids.domains)
            .map(|(domain, domain_id)| DomainScore {
                domain_id: domain_id.clone(),
                weight: domain.weight,
                effective_weight: None,
                earned: Decimal::ZERO,
                applicable_points: Decimal::ZERO,
                incomplete: false,
            })
            .collect()
    }

    /// [`Self::score_summing`] with `domains` as they are before any value.
    fn score_in(
        &self,
        values: &[ValueEntry],
        keep: Keep,
        whole_sums: bool,
        domains: Vec<DomainScore>,
    ) -> CompositeScore {
        let keep_indicators = keep == Keep::Indicators;
        let definition = self.definition;
        let summed = self
            .sums
            .as_ref()
            .filter(|_| whole_sums && !keep_indicators)
            .and_then(|sums| {
                sums.sum(values, |id, expected| self.indicator_position(id, expected))
            });
        let Parts {
            domains,
            indicators,
            issues,
            critical_failed,
            overflow,
        } = match summed {
            Some(summed) => Parts::summed(domains, summed, definition),
            None => self.parts_in_decimals(values, keep_indicators, domains),
        };

        let applicable_weight = applicable_weight(&domains);
        let redistributed = if applicable_weight.is_some_and(|weight| weight > Decimal::ZERO) {
            domains
                .iter()
                .filter(|domain| domain.applicable_points == Decimal::ZERO && !domain.incomplete)
                .map(|domain| domain.domain_id.clone())
                .collect()
        } else {
            Vec::new()
        };

        let mut score = CompositeScore {
            domains,
            indicators,
            issues,
            redistributed,
            uncapped: None,
            critical_failed,
            critical_cap_applied: false,
            composite: None,
        };
        if overflow || applicable_weight.is_none() {
            score.issues.push(ValueIssue::Overflow);
        }
        if !score.issues.is_empty() {
            return score;
        }
        let Some(applicable_weight) = applicable_weight.filter(|weight| *weight > Decimal::ZERO)
        else {
            score.issues.push(ValueIssue::Undefined);
            return score;
        };
        let known_effective = self.all_domains.over(applicable_weight);
        match weigh(&mut score.domains, applicable_weight, known_effective) {
            Some(uncapped) => {
                let cap = definition
                    .critical_cap
                    .filter(|_| !score.critical_failed.is_empty());
                let capped = match cap {
                    Some(cap) if uncapped > cap => cap,
                    _ => uncapped,
                };
                score.critical_cap_applied = capped != uncapped;
                score.uncapped = Some(uncapped);
                score.composite = Some(capped);
            }
            None => score.issues.push(ValueIssue::Overflow),
        }
        score
    }
}

/// Scores one set of values against a definition (indexes it first; use
/// [`PreparedScorecard`] to score many).
#[must_use]
pub fn score_values(definition: &ScorecardDefinition, values: &[ValueEntry]) -> CompositeScore {
    PreparedScorecard::new(definition).score(values)
}

/// A health-center score: `(facility × facility_composite + community ×
/// consultation_composite) / 100`, from unrounded parts; `None` on overflow.
#[must_use]
pub fn combined_score(
    combine: &Combine,
    facility: Decimal,
    consultation: Decimal,
) -> Option<Decimal> {
    let facility = combine.facility.checked_mul(facility)?;
    let community = combine.community.checked_mul(consultation)?;
    facility
        .checked_add(community)?
        .checked_div(Decimal::ONE_HUNDRED)
        .map(snap)
}

/// The reported score: 2 decimals, half away from zero. Applied once, to the
/// final unrounded composite (or combined score).
#[must_use]
pub fn reported_score(value: Decimal) -> Decimal {
    let mut rounded = value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(2);
    rounded
}

#[path = "composite_parts.rs"]
mod parts;

#[path = "composite_weights.rs"]
mod weights;

#[cfg(test)]
#[path = "composite_tests.rs"]
mod tests;
