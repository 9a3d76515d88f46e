//! Counter-verification (SPEC section 7, `pba verify`): each facility's `iva`
//! assessments against its ISC annual score and the ISC visit closest in date.
//!
//! Annex 3 of the appraisal document gives the Independent Verification Agent
//! of DLIs 8 and 9 the task "to validate compiled scorecards filled out by
//! Integrated Supervision Committees"; an `iva` assessment is the agent's own
//! visit with the same scorecard, and this module says how far the committees'
//! scores stand from it.
//!
//! # What it does
//!
//! Takes already-scored assessments of one fiscal year (the caller filters the
//! year, see [`in_fiscal_year`]) and, for every facility with at least one
//! `iva` assessment, and every sampled facility, gives a
//! [`FacilityVerification`] row; then a [`Summary`] overall and per province.
//!
//! - IVA score: the mean of the composites of the facility's `iva`
//!   assessments that have a composite. `valid` is not required of them: the
//!   committee composition rule (footnote 36) is a rule for ISC visits.
//! - ISC score: the facility's annual score ([`IscAnnual::score`]) whether or
//!   not the facility is eligible (a score from one valid visit is still what
//!   the committee reported).
//! - Closest ISC visit and disagreeing indicators: see [`crate::closest`].
//!
//! # Formula
//!
//! `difference = isc_score − iva_score` (signed: positive when the committee
//! scored higher than the agent, i.e. inflation); within tolerance when
//! `|difference| ≤ tolerance`; `excess = max(0, difference − tolerance)`, the
//! inflation beyond tolerance that [`crate::penalty`] acts on.
//! `closest_difference = closest ISC composite − iva_score`.
//!
//! # Rounding
//!
//! The IVA score is rounded once to 2 decimals, half away from zero (as the
//! ISC annual score is, SPEC section 4); differences of 2-decimal scores are
//! exact.
//!
//! # Example
//!
//! ISC annual score 81.50, IVA visits scored 70.00 and 68.25: IVA score
//! 69.13 (69.125 rounded away from zero), difference 12.37, outside a
//! tolerance of 10, excess 2.37.

use std::collections::{BTreeMap, BTreeSet};

use pba_scorecard::{AssessmentId, AssessmentKind, Date, FacilityId, FacilityType};
use pba_scorecard::{FiscalCalendar, IndicatorId};
use rust_decimal::{Decimal, RoundingStrategy};

use crate::closest::closest_isc;
use crate::error::VerificationError;
use crate::summary::{Summary, summarize};

/// One scored assessment (either kind), as scoring reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoredAssessment {
    /// `assessment_id`.
    pub assessment_id: AssessmentId,
    /// `facility_id`.
    pub facility_id: FacilityId,
    /// `isc` or `iva`.
    pub kind: AssessmentKind,
    /// `date`.
    pub date: Date,
    /// Valid under SPEC section 4 (only looked at for `isc` visits).
    pub valid: bool,
    /// The reported composite (0-100, 2 decimals); `None` when it could not
    /// be scored.
    pub composite: Option<Decimal>,
    /// Earned fraction of each indicator, 0..=1; `None` for `na`.
    pub indicators: BTreeMap<IndicatorId, Option<Decimal>>,
}

/// A facility's ISC annual score for the year (SPEC section 4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IscAnnual {
    /// `facility_id`.
    pub facility_id: FacilityId,
    /// The annual score, when the facility has one.
    pub score: Option<Decimal>,
    /// Eligible for PBA on this year.
    pub eligible: bool,
}

/// What could be compared for a facility.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum VerificationStatus {
    /// `verified`: IVA score and ISC score compared.
    Verified,
    /// `no_isc_score`: IVA visited, but the facility has no ISC annual score.
    NoIscScore,
    /// `iva_not_scored`: IVA visits exist, none has a composite.
    IvaNotScored,
    /// `not_verified`: sampled, but no IVA visit in the year.
    NotVerified,
}

impl VerificationStatus {
    /// Every status, in declaration order.
    pub const ALL: &'static [Self] = &[
        Self::Verified,
        Self::NoIscScore,
        Self::IvaNotScored,
        Self::NotVerified,
    ];

    /// The code written to files.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Verified => "verified",
            Self::NoIscScore => "no_isc_score",
            Self::IvaNotScored => "iva_not_scored",
            Self::NotVerified => "not_verified",
        }
    }
}

impl std::str::FromStr for VerificationStatus {
    type Err = String;

    /// Parses a code of `verification.csv`; the error says what was expected.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .iter()
            .copied()
            .find(|status| status.as_str() == text)
            .ok_or_else(|| {
                format!(
                    "unknown status `{text}`, expected one of `verified`, `no_isc_score`, `iva_not_scored`, `not_verified`"
                )
            })
    }
}

/// The ISC visit closest in date to an IVA visit, and how they compare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosestIsc {
    /// The ISC assessment.
    pub assessment_id: AssessmentId,
    /// Its date.
    pub date: Date,
    /// Its composite.
    pub composite: Decimal,
    /// `composite − iva_score` (facility IVA score), when there is an IVA score.
    pub difference: Decimal,
    /// The IVA visit it was paired with.
    pub iva_assessment_id: AssessmentId,
    /// Days between the two visits.
    pub days_apart: i64,
    /// Indicators whose earned fractions differ between the two, sorted.
    pub disagreeing_indicators: Vec<IndicatorId>,
}

/// One facility's verification row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacilityVerification {
    /// `facility_id`.
    pub facility_id: FacilityId,
    /// Province of its district.
    pub province: String,
    /// Facility type.
    pub facility_type: FacilityType,
    /// In the sample (false when no sample was given).
    pub sampled: bool,
    /// What could be compared.
    pub status: VerificationStatus,
    /// ISC annual score.
    pub isc_score: Option<Decimal>,
    /// Eligible on the ISC scores.
    pub isc_eligible: bool,
    /// IVA visits of the facility in the year (scored or not).
    pub iva_visits: u64,
    /// Mean IVA composite, 2 decimals.
    pub iva_score: Option<Decimal>,
    /// `isc_score − iva_score`.
    pub difference: Option<Decimal>,
    /// `|difference|`.
    pub absolute_difference: Option<Decimal>,
    /// `|difference| ≤ tolerance`.
    pub within_tolerance: Option<bool>,
    /// `max(0, difference − tolerance)`: inflation beyond tolerance (0 when
    /// not verified).
    pub excess: Decimal,
    /// The closest ISC visit, when the facility has a scored valid ISC visit
    /// and a scored IVA visit.
    pub closest: Option<ClosestIsc>,
}

/// The whole comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// The tolerance used, in points.
    pub tolerance: Decimal,
    /// One row per facility with IVA visits or in the sample, by facility id.
    pub rows: Vec<FacilityVerification>,
    /// Counts overall and per province.
    pub summary: Summary,
}

/// Keeps the assessments dated in `fiscal_year`.
#[must_use]
pub fn in_fiscal_year(
    assessments: &[ScoredAssessment],
    calendar: FiscalCalendar,
    fiscal_year: i32,
) -> Vec<ScoredAssessment> {
    assessments
        .iter()
        .filter(|assessment| calendar.fiscal_year(assessment.date) == fiscal_year)
        .cloned()
        .collect()
}

/// Compares the IVA with the ISC for every facility with `iva` assessments
/// and every sampled facility. `assessments` are those of one fiscal year;
/// `registry` gives each facility's province and type.
pub fn compare(
    assessments: &[ScoredAssessment],
    annual: &BTreeMap<FacilityId, IscAnnual>,
    sample: Option<&BTreeSet<FacilityId>>,
    registry: &BTreeMap<FacilityId, (String, FacilityType)>,
    tolerance: Decimal,
) -> Result<Verification, VerificationError> {
    if tolerance < Decimal::ZERO {
        return Err(VerificationError::NegativeTolerance { tolerance });
    }
    let mut visits: BTreeMap<&FacilityId, (Vec<&ScoredAssessment>, Vec<&ScoredAssessment>)> =
        BTreeMap::new();
    for assessment in assessments {
        let (isc, iva) = visits.entry(&assessment.facility_id).or_default();
        match assessment.kind {
            AssessmentKind::Isc => isc.push(assessment),
            AssessmentKind::Iva => iva.push(assessment),
        }
    }
    let mut facilities: BTreeSet<&FacilityId> = visits
        .iter()
        .filter(|(_, (_, iva))| !iva.is_empty())
        .map(|(facility, _)| *facility)
        .collect();
    facilities.extend(sample.into_iter().flatten());

    let mut rows = Vec::with_capacity(facilities.len());
    for facility_id in facilities {
        let (province, facility_type) =
            registry
                .get(facility_id)
                .ok_or_else(|| VerificationError::UnknownFacility {
                    facility: facility_id.clone(),
                })?;
        let (isc, iva) = visits
            .get(facility_id)
            .map(|(isc, iva)| (isc.as_slice(), iva.as_slice()))
            .unwrap_or_default();
        let identity = Identity {
            facility_id: facility_id.clone(),
            province: province.clone(),
            facility_type: *facility_type,
            sampled: sample.is_some_and(|sample| sample.contains(facility_id)),
        };
        rows.push(compare_facility(
            identity,
            isc,
            iva,
            annual.get(facility_id),
            tolerance,
        )?);
    }
    let summary = summarize(&rows, sample.is_some())?;
    Ok(Verification {
        tolerance,
        rows,
        summary,
    })
}

fn overflow(what: &'static str) -> VerificationError {
    VerificationError::Overflow { what }
}

/// Who a row is about.
struct Identity {
    facility_id: FacilityId,
    province: String,
    facility_type: FacilityType,
    sampled: bool,
}

/// The row of one facility.
fn compare_facility(
    identity: Identity,
    isc: &[&ScoredAssessment],
    iva: &[&ScoredAssessment],
    annual: Option<&IscAnnual>,
    tolerance: Decimal,
) -> Result<FacilityVerification, VerificationError> {
    let isc_score = annual.and_then(|annual| annual.score);
    let iva_score = mean_composite(iva)?;
    let status = match (iva.is_empty(), iva_score, isc_score) {
        (true, _, _) => VerificationStatus::NotVerified,
        (false, None, _) => VerificationStatus::IvaNotScored,
        (false, Some(_), None) => VerificationStatus::NoIscScore,
        (false, Some(_), Some(_)) => VerificationStatus::Verified,
    };
    let difference = match (isc_score, iva_score) {
        (Some(isc), Some(iva)) => Some(
            isc.checked_sub(iva)
                .ok_or_else(|| overflow("subtracting the IVA score"))?,
        ),
        _ => None,
    };
    let absolute_difference = difference.map(|difference| difference.abs());
    let excess = match difference {
        Some(difference) => difference
            .checked_sub(tolerance)
            .ok_or_else(|| overflow("subtracting the tolerance"))?,
        None => Decimal::ZERO,
    };
    // Written `0` whenever there is no excess, whatever the scale of the zero.
    let excess = if excess > Decimal::ZERO {
        excess
    } else {
        Decimal::ZERO
    };
    Ok(FacilityVerification {
        facility_id: identity.facility_id,
        province: identity.province,
        facility_type: identity.facility_type,
        sampled: identity.sampled,
        status,
        isc_score,
        isc_eligible: annual.is_some_and(|annual| annual.eligible),
        iva_visits: u64::try_from(iva.len()).unwrap_or(u64::MAX),
        iva_score,
        difference,
        absolute_difference,
        within_tolerance: absolute_difference.map(|absolute| absolute <= tolerance),
        excess,
        closest: closest_isc(isc, iva, iva_score)?,
    })
}

/// Mean of the IVA composites, rounded to 2 decimals half away from zero.
fn mean_composite(iva: &[&ScoredAssessment]) -> Result<Option<Decimal>, VerificationError> {
    let composites: Vec<Decimal> = iva.iter().filter_map(|visit| visit.composite).collect();
    if composites.is_empty() {
        return Ok(None);
    }
    let mut sum = Decimal::ZERO;
    for composite in &composites {
        sum = sum
            .checked_add(*composite)
            .ok_or_else(|| overflow("adding IVA composites"))?;
    }
    let mean = sum
        .checked_div(Decimal::from(composites.len()))
        .ok_or_else(|| overflow("averaging IVA composites"))?;
    Ok(Some(round_two_decimals(mean)))
}

/// Rounds to 2 decimals, half away from zero, and writes 2 decimals (`70`
/// becomes `70.00`), so every score of a report has the same shape.
#[must_use]
pub fn round_two_decimals(value: Decimal) -> Decimal {
    let mut rounded = value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(2);
    rounded
}
