//! Allocation (SPEC section 5): a policy, the year's facility scores and the
//! dataset in, the PBA list out.
//!
//! Scope: a facility is in an envelope when its type is one the policy's
//! scorecard applies to, its district's priority is one of
//! `policy.district_priority` (when set), and the envelope's scope matches
//! (`national`; `province:<name>` = its district's province;
//! `district:<id>`). A facility in two envelopes of one policy is an error.
//!
//! Qualifying: active, eligible, score >= `min_score`, claim > 0 (see
//! [`crate::methods`]). Every facility in scope gets a row, qualifying or not,
//! with a reason when it is paid nothing.
//!
//! Verification penalty ([`allocate_with`]): a qualifying facility with a
//! factor below 1 claims `basis × weight × uplift × factor`, exactly, and its
//! row says `verification_penalty` with the factor; a factor of 0 leaves it
//! unpaid. Factors of facilities out of scope or not qualifying change
//! nothing.

use std::collections::BTreeMap;

use pba_scorecard::{DistrictId, FacilityId, Policy, Scope, ScorecardDefinition};
use pba_scoring::{Dataset, District, Facility, FacilityScore, IneligibleReason};
use rust_decimal::Decimal;

use crate::apportionment::total_units;
use crate::caps::apportion_with_cap;
use crate::error::AllocationError;
use crate::exact;
use crate::methods;
use crate::pba_list::{
    EnvelopeSummary, PbaList, PbaReason, PbaRow, Unallocated, UnallocatedReason,
};

/// Computes the PBA list of `policy` from the annual scores of fiscal year
/// `policy.pba_year − 1`, with no verification penalty: [`allocate_with`]
/// and no factors.
///
/// # Errors
/// As [`allocate_with`].
pub fn allocate(
    policy: &Policy,
    scorecard: &ScorecardDefinition,
    dataset: &Dataset,
    scores: &BTreeMap<FacilityId, FacilityScore>,
) -> Result<PbaList, AllocationError> {
    allocate_with(policy, scorecard, dataset, scores, &BTreeMap::new())
}

/// Computes the PBA list of `policy` from the annual scores of fiscal year
/// `policy.pba_year − 1`; `penalties` gives verification penalty factors in
/// [0, 1] by facility (absent = 1), which multiply the facilities' claims.
///
/// # Errors
/// The scorecard is not the policy's; an envelope is not > 0 or not a
/// multiple of the unit (the parser checks it too: checked again here because
/// it costs nothing and apportionment relies on it); a facility is in two
/// envelopes; a qualifying facility lacks its weight column; a score is of
/// another fiscal year or inconsistent (eligible without a score, ineligible
/// without a reason); a penalty factor is outside [0, 1]; exact arithmetic
/// overflows.
pub fn allocate_with(
    policy: &Policy,
    scorecard: &ScorecardDefinition,
    dataset: &Dataset,
    scores: &BTreeMap<FacilityId, FacilityScore>,
    penalties: &BTreeMap<FacilityId, Decimal>,
) -> Result<PbaList, AllocationError> {
    if let Some((facility, factor)) = penalties
        .iter()
        .find(|(_, factor)| **factor < Decimal::ZERO || **factor > Decimal::ONE)
    {
        return Err(AllocationError::PenaltyFactorOutOfRange {
            facility: facility.clone(),
            factor: *factor,
        });
    }
    if scorecard.id != policy.scorecard {
        return Err(AllocationError::ScorecardMismatch {
            policy: policy.id.clone(),
            expected: policy.scorecard.clone(),
            found: scorecard.id.clone(),
        });
    }
    for envelope in &policy.envelopes {
        if envelope.amount <= Decimal::ZERO {
            return Err(AllocationError::EnvelopeNotPositive {
                scope: envelope.scope.clone(),
                amount: envelope.amount,
            });
        }
        total_units(envelope.amount, policy.unit)?;
    }
    let members = envelope_members(policy, scorecard, dataset)?;

    let mut list = PbaList {
        policy_id: policy.id.clone(),
        pba_year: policy.pba_year,
        currency: policy.currency.clone(),
        rows: Vec::new(),
        unallocated: Vec::new(),
        envelopes: Vec::new(),
    };
    for (envelope, facilities) in policy.envelopes.iter().zip(members) {
        let drafts = facilities
            .into_iter()
            .map(|(facility, district)| {
                let penalty = penalties
                    .get(&facility.id)
                    .copied()
                    .filter(|factor| *factor < Decimal::ONE);
                assess(policy, facility, district, scores, penalty)
            })
            .collect::<Result<Vec<_>, _>>()?;
        allocate_envelope(policy, &envelope.scope, envelope.amount, drafts, &mut list)?;
    }
    Ok(list)
}

/// A district with the envelopes its facilities are in: policy position and
/// scope.
type DistrictEnvelopes<'data, 'policy> = (&'data District, Vec<(usize, &'policy Scope)>);

/// The facilities of each envelope, in policy order, sorted by district id
/// then facility id.
fn envelope_members<'data>(
    policy: &Policy,
    scorecard: &ScorecardDefinition,
    dataset: &'data Dataset,
) -> Result<Vec<Vec<(&'data Facility, &'data District)>>, AllocationError> {
    let mut members = vec![Vec::new(); policy.envelopes.len()];
    // Each district with the envelopes its facilities are in (policy
    // position and scope), worked out once per district instead of once per
    // facility: a per-district policy has an envelope per district.
    let districts: BTreeMap<&DistrictId, DistrictEnvelopes<'_, '_>> = dataset
        .districts
        .iter()
        .map(|(id, district)| {
            let envelopes = (policy.envelopes.iter().enumerate())
                .filter(|(_, envelope)| in_scope(&envelope.scope, district))
                .map(|(position, envelope)| (position, &envelope.scope))
                .collect();
            (id, (district, envelopes))
        })
        .collect();
    for facility in dataset.facilities.values() {
        if !scorecard.applies_to.contains(&facility.facility_type) {
            continue;
        }
        let (district, envelopes) = districts.get(&facility.district_id).ok_or_else(|| {
            AllocationError::UnknownDistrict {
                facility: facility.id.clone(),
                district: facility.district_id.clone(),
            }
        })?;
        if let Some(priorities) = &policy.district_priority
            && !priorities.contains(&district.priority)
        {
            continue;
        }
        match envelopes.as_slice() {
            [] => {}
            [(position, _)] => {
                if let Some(list) = members.get_mut(*position) {
                    list.push((facility, *district));
                }
            }
            [(_, first), (_, second), ..] => {
                return Err(AllocationError::FacilityInTwoEnvelopes {
                    facility: facility.id.clone(),
                    first: (*first).clone(),
                    second: (*second).clone(),
                });
            }
        }
    }
    for list in &mut members {
        list.sort_by(|left, right| (&left.1.id, &left.0.id).cmp(&(&right.1.id, &right.0.id)));
    }
    Ok(members)
}

/// Whether a facility of `district` is in `scope`.
fn in_scope(scope: &Scope, district: &District) -> bool {
    match scope {
        Scope::National => true,
        Scope::Province(name) => district.province == *name,
        Scope::District(id) => district.id == *id,
    }
}

/// A row before apportionment: everything but share and amount.
struct Draft {
    row: PbaRow,
    /// `Some` when eligible with a score >= `min_score` (claim may be 0).
    claim: Option<Decimal>,
}

/// A facility's score, eligibility, basis, weight, uplift and claim, the
/// claim multiplied by `penalty` (a factor below 1) when given.
fn assess(
    policy: &Policy,
    facility: &Facility,
    district: &District,
    scores: &BTreeMap<FacilityId, FacilityScore>,
    penalty: Option<Decimal>,
) -> Result<Draft, AllocationError> {
    let score = scores.get(&facility.id);
    if let Some(score) = score {
        let expected = policy.pba_year.saturating_sub(1);
        if score.fiscal_year != expected {
            return Err(AllocationError::ScoreYearMismatch {
                facility: facility.id.clone(),
                found: score.fiscal_year,
                expected,
                pba_year: policy.pba_year,
            });
        }
    }
    let weight = methods::weight(policy.weight, facility);
    let mut row = PbaRow {
        pba_year: policy.pba_year,
        envelope: Scope::National,
        province: district.province.clone(),
        district_id: district.id.clone(),
        facility_id: facility.id.clone(),
        facility_name: facility.name.clone(),
        facility_type: facility.facility_type,
        budget_unit: facility.budget_unit,
        score: score.and_then(|score| score.score),
        eligible: facility.active && score.is_some_and(|score| score.eligible),
        reason: None,
        basis: None,
        weight,
        uplift: methods::uplift(&policy.uplift, district.priority),
        share: Decimal::ZERO,
        amount: Decimal::ZERO,
        payment_channel: facility.payment_channel,
    };
    let value = match qualifying_score(policy, facility, score)? {
        Ok(value) => value,
        Err(reason) => {
            row.reason = Some(reason);
            return Ok(Draft { row, claim: None });
        }
    };
    let basis = methods::basis(&policy.method, policy.min_score, value)?;
    row.basis = Some(basis);
    let claim = if basis.is_zero() {
        Decimal::ZERO
    } else {
        let weight = weight.ok_or_else(|| AllocationError::MissingWeight {
            facility: facility.id.clone(),
            column: methods::weight_column(policy.weight).unwrap_or("weight"),
        })?;
        methods::claim(basis, weight, row.uplift)?
    };
    if claim.is_zero() {
        row.reason = Some(PbaReason::ZeroBasis);
        return Ok(Draft {
            row,
            claim: Some(claim),
        });
    }
    let Some(factor) = penalty else {
        return Ok(Draft {
            row,
            claim: Some(claim),
        });
    };
    let claim = exact::mul(claim, factor.normalize()).ok_or(AllocationError::Overflow {
        operation: "applying a verification penalty factor to a claim",
    })?;
    row.reason = Some(PbaReason::VerificationPenalty { factor });
    Ok(Draft {
        row,
        claim: Some(claim),
    })
}

/// The facility's annual score when it is active, eligible and at or above
/// `min_score`; otherwise why not.
fn qualifying_score(
    policy: &Policy,
    facility: &Facility,
    score: Option<&FacilityScore>,
) -> Result<Result<Decimal, PbaReason>, AllocationError> {
    if !facility.active {
        return Ok(Err(PbaReason::NotEligible(IneligibleReason::Inactive)));
    }
    let Some(score) = score else {
        return Ok(Err(PbaReason::NotScored));
    };
    if !score.eligible {
        let reason = score
            .reason
            .ok_or_else(|| AllocationError::IneligibleWithoutReason {
                facility: facility.id.clone(),
            })?;
        return Ok(Err(PbaReason::NotEligible(reason)));
    }
    let value = score
        .score
        .ok_or_else(|| AllocationError::EligibleWithoutScore {
            facility: facility.id.clone(),
        })?;
    if value < policy.min_score {
        return Ok(Err(PbaReason::BelowMinScore));
    }
    Ok(Ok(value))
}

/// Apportions one envelope among its drafts and appends rows, the
/// unallocated row and the summary to `list`.
fn allocate_envelope(
    policy: &Policy,
    scope: &Scope,
    amount: Decimal,
    drafts: Vec<Draft>,
    list: &mut PbaList,
) -> Result<(), AllocationError> {
    let claims: Vec<(FacilityId, Decimal)> = drafts
        .iter()
        .filter_map(|draft| {
            draft
                .claim
                .filter(|claim| *claim > Decimal::ZERO)
                .map(|claim| (draft.row.facility_id.clone(), claim))
        })
        .collect();
    let outcome = apportion_with_cap(amount, policy.unit, policy.cap_share, &claims)?;
    let amounts: BTreeMap<FacilityId, Decimal> = outcome.amounts.into_iter().collect();
    let zero = exact::units_to_amount(0, policy.unit).unwrap_or(Decimal::ZERO);
    let overflow = AllocationError::Overflow {
        operation: "computing a share of the envelope",
    };

    let mut summary = EnvelopeSummary {
        scope: scope.clone(),
        amount,
        allocated: zero,
        unallocated: zero,
        facilities_in_scope: drafts.len(),
        facilities_paid: 0,
        smallest_payment: None,
        largest_payment: None,
        cap_amount: outcome.cap_amount,
    };
    for Draft { mut row, .. } in drafts {
        row.envelope = scope.clone();
        row.amount = amounts.get(&row.facility_id).copied().unwrap_or(zero);
        row.share =
            exact::mul_div_rounded(row.amount, Decimal::ONE, amount, 6).ok_or(overflow.clone())?;
        if matches!(row.reason, Some(PbaReason::VerificationPenalty { .. })) {
            // Shown whatever the cap or the rounding did (see `PbaReason`).
        } else if outcome.capped.contains(&row.facility_id) {
            row.reason = Some(PbaReason::Capped);
        } else if row.reason.is_none() && row.amount.is_zero() {
            row.reason = Some(PbaReason::RoundedToZero);
        }
        if row.amount > Decimal::ZERO {
            summary.allocated = summary
                .allocated
                .checked_add(row.amount)
                .ok_or(overflow.clone())?;
            summary.facilities_paid += 1;
            summary.smallest_payment = Some(
                summary
                    .smallest_payment
                    .map_or(row.amount, |smallest| smallest.min(row.amount)),
            );
            summary.largest_payment = Some(
                summary
                    .largest_payment
                    .map_or(row.amount, |largest| largest.max(row.amount)),
            );
        }
        list.rows.push(row);
    }
    summary.unallocated = amount.checked_sub(summary.allocated).ok_or(overflow)?;

    if summary.unallocated > Decimal::ZERO {
        let reason = if outcome.all_capped {
            UnallocatedReason::AllCapped
        } else if list
            .rows
            .iter()
            .rev()
            .take(summary.facilities_in_scope)
            .any(|row| row.basis.is_some())
        {
            UnallocatedReason::ZeroTotalBasis
        } else {
            UnallocatedReason::NoQualifyingFacility
        };
        list.unallocated.push(Unallocated {
            envelope: scope.clone(),
            amount: summary.unallocated,
            reason,
        });
    }
    list.envelopes.push(summary);
    Ok(())
}
