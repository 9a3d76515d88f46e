//! How a composite weighs its domains (SPEC section 3): effective weights,
//! each domain's weighted part and their sum, snapped to [`EXACT_PLACES`]
//! decimals. Part of [`super`]; the sum in whole numbers is in
//! `weighted_sum.rs`.

use pba_scorecard::ScorecardDefinition;
use rust_decimal::{Decimal, RoundingStrategy};

use super::{DomainScore, EXACT_PLACES};

/// The sum of every domain's weight (added in definition order, as a set of
/// applicable domains is) and each domain's effective weight over it.
/// Effective weights depend on the weights alone, so a score whose
/// applicable weight is that very decimal, digit for digit and scale
/// included, takes them from here instead of dividing again.
#[derive(Debug, Clone)]
pub(super) struct AllDomains {
    pub(super) applicable_weight: Option<Decimal>,
    effective: Vec<Option<Decimal>>,
}

impl AllDomains {
    pub(super) fn new(definition: &ScorecardDefinition) -> Self {
        let applicable_weight = definition
            .domains
            .iter()
            .try_fold(Decimal::ZERO, |total, domain| {
                total.checked_add(domain.weight)
            });
        let effective = definition
            .domains
            .iter()
            .map(|domain| effective_weight(domain.weight, applicable_weight?))
            .collect();
        Self {
            applicable_weight,
            effective,
        }
    }

    /// The effective weights over `applicable_weight`, when worked out here.
    pub(super) fn over(&self, applicable_weight: Decimal) -> Option<&[Option<Decimal>]> {
        self.applicable_weight
            .filter(|all| all.serialize() == applicable_weight.serialize())
            .map(|_| self.effective.as_slice())
    }
}

/// A domain's effective weight: `weight × 100 / applicable_weight`.
fn effective_weight(weight: Decimal, applicable_weight: Decimal) -> Option<Decimal> {
    weight
        .checked_mul(Decimal::ONE_HUNDRED)?
        .checked_div(applicable_weight)
}

/// Σ weights of the domains with an applicable item (or an incomplete one);
/// `None` on overflow.
pub(super) fn applicable_weight(domains: &[DomainScore]) -> Option<Decimal> {
    domains
        .iter()
        .filter(|domain| domain.applicable_points > Decimal::ZERO || domain.incomplete)
        .try_fold(Decimal::ZERO, |total, domain| {
            total.checked_add(domain.weight)
        })
}

/// Sets effective weights; returns the uncapped composite: Σ weighted parts
/// ([`weighted_part`]) snapped to [`EXACT_PLACES`]. The sum is found in whole
/// numbers when it can be ([`crate::weighted_sum`], the same result), else
/// part by part in decimals. `known_effective`: the effective weights over
/// this applicable weight by domain position, when already worked out.
pub(super) fn weigh(
    domains: &mut [DomainScore],
    applicable_weight: Decimal,
    known_effective: Option<&[Option<Decimal>]>,
) -> Option<Decimal> {
    let effective = |position: usize, domain: &DomainScore| match known_effective
        .and_then(|known| known.get(position))
    {
        Some(known) => *known,
        None => effective_weight(domain.weight, applicable_weight),
    };
    let mut all_effective = true;
    for (position, domain) in domains.iter_mut().enumerate() {
        domain.effective_weight = if has_fraction(domain) {
            let found = effective(position, domain);
            all_effective &= found.is_some();
            found
        } else {
            None
        };
    }
    // The domains weighed are those with an effective weight now.
    if all_effective
        && let Some(total) = crate::weighted_sum::snapped(
            domains
                .iter()
                .filter(|domain| domain.effective_weight.is_some()),
            applicable_weight,
        )
    {
        return Some(total);
    }
    // Part by part, each domain's effective weight set once its part is
    // worked out (none past a part that overflows).
    for domain in domains.iter_mut() {
        domain.effective_weight = None;
    }
    let mut total = Decimal::ZERO;
    for (position, domain) in domains
        .iter_mut()
        .enumerate()
        .filter(|(_, domain)| has_fraction(domain))
    {
        let effective = effective(position, domain)?;
        let weighted = weighted_part(domain, applicable_weight)?;
        domain.effective_weight = Some(effective);
        total = total.checked_add(weighted)?;
    }
    Some(snap(total))
}

/// A domain's part of the composite: `weight × 100 × earned / (applicable ×
/// applicable_weight)`, multiplied before dividing.
pub(crate) fn weighted_part(domain: &DomainScore, applicable_weight: Decimal) -> Option<Decimal> {
    domain
        .weight
        .checked_mul(Decimal::ONE_HUNDRED)?
        .checked_mul(domain.earned)?
        .checked_div(domain.applicable_points.checked_mul(applicable_weight)?)
}

/// Whether [`DomainScore::fraction`] is a number, found without dividing
/// when |earned| ≤ applicable (a quotient of at most 1 always is). The
/// domains a composite weighs.
pub(super) fn has_fraction(domain: &DomainScore) -> bool {
    let applicable = domain.applicable_points;
    domain.complete_with_applicable_points()
        && (domain.earned.abs() <= applicable || domain.earned.checked_div(applicable).is_some())
}

/// Drops the last-digit error of decimal division (see the documentation of
/// [`super`], the composite module).
pub(crate) fn snap(value: Decimal) -> Decimal {
    value
        .round_dp_with_strategy(EXACT_PLACES, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}
