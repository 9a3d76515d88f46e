//! The ISC visit closest in date to an IVA visit (SPEC section 7: "per
//! indicator where the IVA disagrees"), and the indicators on which the two
//! visits disagree.
//!
//! # What it does
//!
//! Among the valid `isc` assessments with a composite and the `iva`
//! assessments with a composite, takes the pair with the fewest days between
//! them. Ties go to the earlier ISC visit (the one the committee had longest
//! to report), then the smaller ISC assessment id, then the earlier IVA visit,
//! then the smaller IVA assessment id, so the choice never depends on input
//! order.
//!
//! # Formula
//!
//! `days = |iva date − isc date|`; `difference = isc composite − facility IVA
//! score`; an indicator disagrees when its earned fraction differs (`na`
//! against a fraction, or present in one visit only, disagrees; `0.5` equals
//! `0.50`).
//!
//! # Rounding
//!
//! None: composites and the IVA score already have 2 decimals.
//!
//! # Example
//!
//! IVA on 2019-06-15, ISC on 2019-06-10 and 2019-06-20: both 5 days away, the
//! visit of 2019-06-10 is the closest.

use std::collections::BTreeSet;

use pba_scorecard::IndicatorId;
use rust_decimal::Decimal;

use crate::comparison::{ClosestIsc, ScoredAssessment};
use crate::error::VerificationError;

/// The (IVA, ISC) pair closest in date, see the module documentation.
pub(crate) fn closest_isc(
    isc: &[&ScoredAssessment],
    iva: &[&ScoredAssessment],
    iva_score: Option<Decimal>,
) -> Result<Option<ClosestIsc>, VerificationError> {
    let mut best: Option<(i64, &ScoredAssessment, &ScoredAssessment, Decimal)> = None;
    for iva_visit in iva.iter().filter(|visit| visit.composite.is_some()) {
        for isc_visit in isc.iter().filter(|visit| visit.valid) {
            let Some(composite) = isc_visit.composite else {
                continue;
            };
            let days = (iva_visit.date.day_number() - isc_visit.date.day_number()).abs();
            let key = |days, isc: &ScoredAssessment, iva: &ScoredAssessment| {
                (
                    days,
                    isc.date,
                    isc.assessment_id.clone(),
                    iva.date,
                    iva.assessment_id.clone(),
                )
            };
            let better = best
                .as_ref()
                .is_none_or(|(best_days, best_isc, best_iva, _)| {
                    key(days, isc_visit, iva_visit) < key(*best_days, best_isc, best_iva)
                });
            if better {
                best = Some((days, isc_visit, iva_visit, composite));
            }
        }
    }
    let Some((days_apart, isc_visit, iva_visit, composite)) = best else {
        return Ok(None);
    };
    let difference = match iva_score {
        Some(iva_score) => composite
            .checked_sub(iva_score)
            .ok_or(VerificationError::Overflow {
                what: "subtracting the IVA score from the closest ISC visit",
            })?,
        None => Decimal::ZERO,
    };
    Ok(Some(ClosestIsc {
        assessment_id: isc_visit.assessment_id.clone(),
        date: isc_visit.date,
        composite,
        difference,
        iva_assessment_id: iva_visit.assessment_id.clone(),
        days_apart,
        disagreeing_indicators: disagreeing_indicators(iva_visit, isc_visit),
    }))
}

/// Indicators whose earned fraction differs between two visits, sorted by id.
fn disagreeing_indicators(iva: &ScoredAssessment, isc: &ScoredAssessment) -> Vec<IndicatorId> {
    let ids: BTreeSet<&IndicatorId> = iva.indicators.keys().chain(isc.indicators.keys()).collect();
    ids.into_iter()
        .filter(|id| iva.indicators.get(*id) != isc.indicators.get(*id))
        .cloned()
        .collect()
}
