//! Allocation methods (SPEC section 5): what each facility claims of its
//! envelope. A facility's **claim** is `basis × weight × uplift`; the envelope
//! is shared in proportion to claims ([`crate::apportion`]), under the cap if
//! the policy has one ([`crate::caps`]).
//!
//! # `proportional`
//!
//! **What it does.** Pays every qualifying facility in proportion to its score:
//! a facility scoring 80 gets twice what a facility scoring 40 gets (with equal
//! weights and uplifts).
//!
//! **Formula.** `basis = score`.
//!
//! **Rounding.** None in the basis: the score is already the rounded annual
//! score (2 decimals). Amounts are rounded once, by the largest-remainder
//! apportionment at the policy's `unit`.
//!
//! **Example.** Envelope 1,000.00, unit 0.01, scores 80 and 40, weight `none`:
//! claims 80 and 40, amounts 666.67 and 333.33 (the larger remainder gets the
//! last centavo).
//!
//! # `tiered`
//!
//! **What it does.** Pays by score band: every facility in a band gets the
//! same basis, the band's `factor`.
//!
//! **Formula.** `basis = factor` of the tier with the greatest `from` not
//! above the score; a score below every tier has basis 0 (`zero_basis`).
//!
//! **Rounding.** None in the basis; amounts as for `proportional`.
//!
//! **Example.** Tiers `from 80 → 1`, `from 60 → 0.5`, `from 0 → 0`; envelope
//! 300.00; scores 85, 70 and 55: bases 1, 0.5 and 0, amounts 200.00, 100.00
//! and 0.00 (`zero_basis`).
//!
//! # `above_threshold`
//!
//! **What it does.** Pays for the points above `min_score` only, so a facility
//! just at the threshold gets nothing and the reward grows with the margin.
//!
//! **Formula.** `basis = score − min_score`.
//!
//! **Rounding.** None in the basis; amounts as for `proportional`.
//!
//! **Example.** `min_score = 50`, envelope 100.00, scores 80 and 60: bases 30
//! and 10, amounts 75.00 and 25.00.
//!
//! # Weight and uplift
//!
//! `weight = "none"` weighs every facility 1; `beds` and
//! `catchment_population` weigh by that column of `facilities.csv`, which a
//! qualifying facility must then have. `uplift` multiplies the claims of
//! facilities by their district's priority (absent priority: 1).

use std::collections::BTreeMap;

use pba_scorecard::{Method, Priority, WeightBasis};
use pba_scoring::Facility;
use rust_decimal::Decimal;

use crate::error::AllocationError;
use crate::exact;

/// The basis of a facility with `score` under `method`.
///
/// # Errors
/// Only when `score − min_score` overflows.
pub fn basis(
    method: &Method,
    min_score: Decimal,
    score: Decimal,
) -> Result<Decimal, AllocationError> {
    match method {
        Method::Proportional => Ok(score),
        Method::Tiered { tiers } => Ok(tiers
            .iter()
            .filter(|tier| tier.from <= score)
            .max_by(|left, right| left.from.cmp(&right.from))
            .map_or(Decimal::ZERO, |tier| tier.factor)),
        Method::AboveThreshold => score
            .checked_sub(min_score)
            .ok_or(AllocationError::Overflow {
                operation: "subtracting min_score from a score",
            }),
    }
}

/// The column of `facilities.csv` a weight comes from; `None` for `none`.
#[must_use]
pub fn weight_column(weight: WeightBasis) -> Option<&'static str> {
    match weight {
        WeightBasis::None => None,
        WeightBasis::Beds => Some("beds"),
        WeightBasis::CatchmentPopulation => Some("catchment_population"),
    }
}

/// A facility's weight; `None` when the column it comes from is empty.
#[must_use]
pub fn weight(weight: WeightBasis, facility: &Facility) -> Option<Decimal> {
    match weight {
        WeightBasis::None => Some(Decimal::ONE),
        WeightBasis::Beds => facility.beds.map(Decimal::from),
        WeightBasis::CatchmentPopulation => facility.catchment_population.map(Decimal::from),
    }
}

/// The uplift of a district priority: the policy's multiplier, or 1.
#[must_use]
pub fn uplift(uplifts: &BTreeMap<Priority, Decimal>, priority: Priority) -> Decimal {
    uplifts.get(&priority).copied().unwrap_or(Decimal::ONE)
}

/// `basis × weight × uplift`, exactly.
///
/// # Errors
/// When the product does not fit a `Decimal` exactly.
pub fn claim(basis: Decimal, weight: Decimal, uplift: Decimal) -> Result<Decimal, AllocationError> {
    exact::mul(basis, weight)
        .and_then(|product| exact::mul(product, uplift))
        .ok_or(AllocationError::Overflow {
            operation: "multiplying basis, weight and uplift",
        })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests")]
mod tests {
    use pba_scorecard::Tier;

    use super::*;

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn tier_with_greatest_from_not_above_the_score() {
        let method = Method::Tiered {
            tiers: vec![
                Tier {
                    from: dec("60"),
                    factor: dec("0.5"),
                },
                Tier {
                    from: dec("80"),
                    factor: dec("1"),
                },
            ],
        };
        assert_eq!(basis(&method, dec("50"), dec("80")).unwrap(), dec("1"));
        assert_eq!(basis(&method, dec("50"), dec("79.99")).unwrap(), dec("0.5"));
        assert_eq!(
            basis(&method, dec("50"), dec("59.99")).unwrap(),
            Decimal::ZERO
        );
    }

    #[test]
    fn claim_is_exact() {
        assert_eq!(
            claim(dec("61.34"), dec("120"), dec("1.20")).unwrap(),
            dec("8832.96")
        );
    }
}
