//! DLI 8 and DLI 9 values (SPEC section 6): the percentage of a population of
//! facilities that received PBA in year N according to the scorecard
//! assessments of fiscal year N−1.
//!
//! - Denominator: the **active** facilities of the population. DLI 8:
//!   district and rural hospitals. DLI 9: rural health centers in priority
//!   districts (`high_potential`, `lagging`).
//! - Numerator: those eligible on fiscal year N−1, listed with an amount > 0
//!   in a PBA list of year N, whose transfers of PBA year N satisfy the
//!   series' `received` rule (`full`: they add up to at least the listed
//!   amount; `any`: they add up to more than 0).
//! - Value: `numerator / denominator × 100`, 2 decimals, half away from zero;
//!   no value when the denominator is 0.
//!
//! Transfers of other PBA years are ignored. A facility's transfers are
//! reported even when it is not listed.

use std::collections::BTreeMap;
use std::fmt;

use pba_scorecard::{DistrictId, DliId, FacilityId, FacilityType, ReceivedRule};
use pba_scoring::{Dataset, Facility, FacilityScore, IneligibleReason};
use rust_decimal::Decimal;

use crate::error::AllocationError;
use crate::exact;

/// The facilities a DLI value counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DliPopulation {
    /// DLI 8: active district and rural hospitals.
    Hospitals,
    /// DLI 9: active rural health centers in priority districts.
    PriorityRuralHealthCenters,
}

/// A DLI value with the facilities behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DliResult {
    /// The series.
    pub dli: DliId,
    /// PBA year N.
    pub pba_year: i32,
    /// Facilities that count.
    pub numerator: u64,
    /// Facilities of the population.
    pub denominator: u64,
    /// Percent, 2 decimals; `None` when the denominator is 0 (no facility of
    /// the population: the value is undefined, not 0).
    pub value: Option<Decimal>,
    /// One row per facility of the denominator, by district id then facility id.
    pub rows: Vec<DliRow>,
}

/// Whether one facility of the denominator counts, and why not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DliRow {
    /// The series.
    pub dli: DliId,
    /// The facility.
    pub facility_id: FacilityId,
    /// Its district.
    pub district_id: DistrictId,
    /// Its type.
    pub facility_type: FacilityType,
    /// Eligible on fiscal year N−1.
    pub eligible: bool,
    /// Amount listed for PBA year N; `None` when not listed.
    pub listed_amount: Option<Decimal>,
    /// Transfers of PBA year N, added up.
    pub received_amount: Decimal,
    /// In the numerator.
    pub counted: bool,
    /// Why it does not count; `None` when it counts.
    pub reason: Option<DliReason>,
}

/// Why a facility of the denominator is not in the numerator. The first that
/// applies, in this order.
///
/// Codes: `not_scored` (no eligibility row for fiscal year N−1),
/// `not_eligible:<code>` (the ineligible reason, e.g.
/// `not_eligible:too_few_valid_assessments`), `not_listed`, `listed_zero`,
/// `not_received` (no transfer of year N, or transfers adding up to 0),
/// `partially_received` (under `full`: received more than 0 but less than
/// listed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DliReason {
    /// No eligibility row for the facility and fiscal year N−1.
    NotScored,
    /// Not eligible on fiscal year N−1.
    NotEligible(IneligibleReason),
    /// In no PBA list of year N.
    NotListed,
    /// Listed with 0.
    ListedZero,
    /// Nothing received.
    NotReceived,
    /// Less than listed received, under `full`.
    PartiallyReceived,
}

impl fmt::Display for DliReason {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotScored => formatter.write_str("not_scored"),
            Self::NotEligible(reason) => write!(formatter, "not_eligible:{reason}"),
            Self::NotListed => formatter.write_str("not_listed"),
            Self::ListedZero => formatter.write_str("listed_zero"),
            Self::NotReceived => formatter.write_str("not_received"),
            Self::PartiallyReceived => formatter.write_str("partially_received"),
        }
    }
}

impl DliPopulation {
    /// Whether a facility (active or not) is of this population.
    fn includes(self, facility: &Facility, dataset: &Dataset) -> bool {
        match self {
            Self::Hospitals => facility.facility_type.is_district_or_rural_hospital(),
            Self::PriorityRuralHealthCenters => {
                facility.facility_type.is_rural_health_center()
                    && dataset
                        .districts
                        .get(&facility.district_id)
                        .is_some_and(|district| district.priority.is_priority())
            }
        }
    }
}

/// The value of a DLI 8 or 9 series for PBA year `pba_year`.
///
/// `eligibility` holds the facility scores of fiscal year `pba_year − 1`
/// (rows of another fiscal year are ignored); `listed` the amounts listed for
/// year `pba_year` across the PBA lists.
///
/// # Errors
/// An ineligible facility score without a reason, or transfers adding up
/// beyond what a `Decimal` holds.
pub fn dli_value(
    series_id: &DliId,
    population: DliPopulation,
    received: ReceivedRule,
    pba_year: i32,
    dataset: &Dataset,
    eligibility: &BTreeMap<FacilityId, FacilityScore>,
    listed: &BTreeMap<FacilityId, Decimal>,
) -> Result<DliResult, AllocationError> {
    let received_by_facility = received_amounts(dataset, pba_year)?;
    let previous_year = pba_year.saturating_sub(1);
    let mut rows = Vec::new();
    for facility in dataset.facilities.values() {
        if !facility.active || !population.includes(facility, dataset) {
            continue;
        }
        let score = eligibility
            .get(&facility.id)
            .filter(|score| score.fiscal_year == previous_year);
        let listed_amount = listed.get(&facility.id).copied();
        let received_amount = received_by_facility
            .get(&facility.id)
            .copied()
            .unwrap_or(Decimal::ZERO);
        let reason = why_not_counted(facility, score, listed_amount, received_amount, received)?;
        rows.push(DliRow {
            dli: series_id.clone(),
            facility_id: facility.id.clone(),
            district_id: facility.district_id.clone(),
            facility_type: facility.facility_type,
            eligible: score.is_some_and(|score| score.eligible),
            listed_amount,
            received_amount,
            counted: reason.is_none(),
            reason,
        });
    }
    rows.sort_by(|left, right| {
        (&left.district_id, &left.facility_id).cmp(&(&right.district_id, &right.facility_id))
    });
    let numerator = rows.iter().filter(|row| row.counted).count() as u64;
    let denominator = rows.len() as u64;
    let value = if denominator == 0 {
        None
    } else {
        Some(
            exact::round_ratio(i128::from(numerator) * 100, i128::from(denominator), 2).ok_or(
                AllocationError::Overflow {
                    operation: "computing a DLI percentage",
                },
            )?,
        )
    };
    Ok(DliResult {
        dli: series_id.clone(),
        pba_year,
        numerator,
        denominator,
        value,
        rows,
    })
}

/// Transfers of PBA year `pba_year`, added up per facility.
fn received_amounts(
    dataset: &Dataset,
    pba_year: i32,
) -> Result<BTreeMap<FacilityId, Decimal>, AllocationError> {
    let mut totals: BTreeMap<FacilityId, Decimal> = BTreeMap::new();
    for transfer in dataset.transfers.values() {
        if transfer.pba_year != pba_year {
            continue;
        }
        let total = totals.entry(transfer.facility_id.clone()).or_default();
        *total = total
            .checked_add(transfer.amount)
            .ok_or(AllocationError::Overflow {
                operation: "adding up transfers",
            })?;
    }
    Ok(totals)
}

/// The first reason a facility does not count, or `None` when it counts.
fn why_not_counted(
    facility: &Facility,
    score: Option<&FacilityScore>,
    listed: Option<Decimal>,
    received_amount: Decimal,
    rule: ReceivedRule,
) -> Result<Option<DliReason>, AllocationError> {
    let Some(score) = score else {
        return Ok(Some(DliReason::NotScored));
    };
    if !score.eligible {
        let reason = score
            .reason
            .ok_or_else(|| AllocationError::IneligibleWithoutReason {
                facility: facility.id.clone(),
            })?;
        return Ok(Some(DliReason::NotEligible(reason)));
    }
    let Some(listed) = listed else {
        return Ok(Some(DliReason::NotListed));
    };
    if listed <= Decimal::ZERO {
        return Ok(Some(DliReason::ListedZero));
    }
    if received_amount <= Decimal::ZERO {
        return Ok(Some(DliReason::NotReceived));
    }
    Ok(match rule {
        ReceivedRule::Full if received_amount < listed => Some(DliReason::PartiallyReceived),
        _ => None,
    })
}
